-- UMKM spreadsheet imports: a confirmed import is written by a background job, not inside the
-- officer's request (a 20,000-row file takes tens of seconds, longer than a phone or a proxy
-- waits). 'mengimpor': confirmed and queued or being written; the job ends it as 'diimpor', or
-- back at 'pratinjau' with a note (catatan: a message key) when nothing could be written — the
-- registry changed since the preview (the report is then renewed) or the write failed.
-- While 'mengimpor', diproses counts the re-check (0 .. jumlah_baris) and then the written rows
-- (jumlah_baris .. 2 × jumlah_baris), for the progress shown on the page.
alter table umkm_impor drop constraint umkm_impor_status_check;
alter table umkm_impor add constraint umkm_impor_status_check
  check (status in ('diperiksa', 'pratinjau', 'mengimpor', 'gagal', 'diimpor', 'dibatalkan'));
alter table umkm_impor add column catatan text check (catatan ~ '^umkm\.impor\.[a-zA-Z.]+$');
