-- Indexes for the waste dashboards on a city-sized ledger (see scripts/bench-sampah.ts).
--
-- What the bank sampah recovered is read by time range (a day, a month, a year; the last 30 days
-- for the KBS map) and, for an RW's page and the kg-per-household indicator, by RW: without these
-- every such read scans the city's whole journal, which only grows (the ledger is append-only).
create index bank_sampah_jurnal_waktu on bank_sampah_jurnal (tenant_id, waktu);
create index bank_sampah_jurnal_rw on bank_sampah_jurnal (tenant_id, rw_id, waktu) where rw_id is not null;
-- The stock lines of those entries, read without visiting the table (index-only scan).
create index bank_sampah_stok_baris_jurnal on bank_sampah_stok_baris (tenant_id, jurnal_id) include (kategori_kode, kg);
