-- UMKM public catalogue: business search documents, the index behind "newest first" browsing,
-- and what lets the search indexes work under row-level security.

-- A business's own search document (stemmed by the application like umkm_produk.cari): A its
-- name, C its description. Written by indeksUsaha (cari.ts) in the transaction that changes it.
alter table umkm_usaha add column cari tsvector not null default ''::tsvector;
create index umkm_usaha_cari on umkm_usaha using gin (tenant_id, cari) with (fastupdate = off);

-- The search indexes are read on every catalogue page and written only when a product or a
-- business changes: without the pending list ("fast update") a search never has to read through
-- unmerged entries (steady latency, and the planner's costs stay true), at a slightly dearer write.
alter index umkm_produk_cari set (fastupdate = off);
alter index umkm_kata_trgm set (fastupdate = off);
alter index umkm_usaha_nama set (fastupdate = off);
alter index umkm_produk_nama set (fastupdate = off);

-- Browsing the catalogue without a query lists the newest available products first.
create index umkm_produk_terbaru on umkm_produk (tenant_id, created_at desc, id desc) where tersedia;

-- Row-level security and the search indexes. Under RLS the planner may use a condition of the
-- query as an index condition only when its function is LEAKPROOF (otherwise it must filter rows
-- by the policy first, so a GIN index on (tenant_id, cari) degrades into reading every row of
-- the city). The full-text match (tsvector @@ tsquery) and the trigram match (text % text) are
-- not marked leakproof by PostgreSQL, although neither raises errors or has side effects that
-- depend on the row: they return a boolean computed from their two arguments. Only a superuser
-- may mark them. When these migrations run as a superuser (the embedded server, tests, most
-- single-server installations) they are marked here; otherwise a database administrator runs the
-- two statements below once (and again after restoring a dump or upgrading PostgreSQL, which do
-- not keep attributes of built-in functions). Without them search still answers correctly, only
-- by reading every product of the city.
do $$
begin
  if exists (select 1 from pg_roles where rolname = current_user and rolsuper) then
    alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
    alter function similarity_op(text, text) leakproof;
  else
    raise warning 'UMKM search: ask a superuser to run "alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof; alter function similarity_op(text, text) leakproof;" so the search indexes work under row-level security';
  end if;
end $$;
