-- UMKM spreadsheet imports: rows checked so far, so the page can show the progress of a large
-- file while the background job checks it (jumlah_baris is the total once the file is read).
alter table umkm_impor add column diproses integer not null default 0 check (diproses >= 0);
