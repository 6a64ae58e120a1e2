-- UMKM catalogue search at city scale: what the public catalogue searches and filters on, in two
-- derived tables that hold only what the public may see, kept exact by triggers in the
-- transaction of every write to their sources.
--
--   umkm_katalog        one row per product in the public catalogue (an available product of a
--                       verified business): its search document and everything the catalogue
--                       filters and ranks on, so a search reads one table and no look-up per row.
--   umkm_katalog_usaha  one row per verified business: its search document, its name normalised
--                       for trigram similarity (lower case, accents stripped, so the trigram index
--                       serves `%` under row-level security without a non-leakproof function),
--                       and its filters.
--
-- Why triggers: the rows depend on businesses (status, kecamatan, sector, class, name), products
-- (availability, category, halal mark, search document), halal legality and photos, written from
-- many places (registration, verification, products, photos, e-Katalog, the spreadsheet import,
-- demo data, bulk loads); a trigger on each source cannot be forgotten by one of them. The
-- triggers are per statement (transition tables), so a bulk write refreshes its rows in one pass.
-- Like the waste summaries (0012) the tables are derived data: not audited (their sources are),
-- readable and writable by the app only under RLS, rebuilt by umkm_katalog_isi().

-- ---- What the rows are: two views over the sources (used by the triggers and the rebuild) ----

-- A name as the business search compares it: lower case, accents stripped (the query is
-- normalised the same way by cari.ts).
create or replace function umkm_nama_cari(t text) returns text
  language sql immutable parallel safe
  as $$ select regexp_replace(normalize(lower(t), NFKD), '[\u0300-\u036f]', '', 'g') $$;

-- halal_sampai: until when the product counts as halal for the filter: 'infinity' when the product
-- carries its own halal mark or the business holds a halal certificate without expiry, else the
-- latest expiry of the business's halal certificates (null: none). A certificate that expires
-- leaves the filter that day with no write (the search compares with current_date).
create view umkm_katalog_sumber with (security_invoker = true) as
select p.tenant_id, p.id as produk_id, p.usaha_id, p.created_at, u.kecamatan_kode, u.sektor, u.kelas,
       p.kategori, p.halal,
       case when p.halal then 'infinity'::date
            else (select max(coalesce(l.berlaku_sampai, 'infinity'::date)) from umkm_legalitas l
                   where l.tenant_id = p.tenant_id and l.usaha_id = p.usaha_id and l.jenis = 'halal')
       end as halal_sampai,
       exists (select 1 from umkm_foto f where f.tenant_id = p.tenant_id and f.produk_id = p.id) as ada_foto,
       p.cari
  from umkm_produk p
  join umkm_usaha u on u.tenant_id = p.tenant_id and u.id = p.usaha_id
 where p.tersedia and u.status = 'terverifikasi';

create view umkm_katalog_usaha_sumber with (security_invoker = true) as
select u.tenant_id, u.id as usaha_id, u.nama, umkm_nama_cari(u.nama) as nama_cari, u.kecamatan_kode,
       u.sektor, u.kelas, u.cari
  from umkm_usaha u
 where u.status = 'terverifikasi';

grant select on umkm_katalog_sumber, umkm_katalog_usaha_sumber to balai_app;

-- ---- The derived tables ----

-- Registers a derived tenant table: RLS enabled and forced, one fail-closed policy, grants for the
-- triggers that keep it (delete only when they remove rows; otherwise only its rebuild function,
-- run by the owner, deletes), no audit trigger, and the comment that marks it derived (the audit
-- tests skip such tables).
create or replace function balai_derived_table(tbl regclass, what text, deletes boolean default false) returns void
  language plpgsql as $$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format(
    'create policy tenant_isolation on %s using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant())',
    tbl);
  execute format('grant select, insert, update%s on %s to balai_app', case when deletes then ', delete' else '' end, tbl);
  execute format('comment on table %s is %L', tbl, 'Derived: ' || what);
end $$;

create table umkm_katalog (
  tenant_id      text not null,
  produk_id      uuid not null,
  usaha_id       uuid not null,
  created_at     timestamptz not null,
  kecamatan_kode text not null,
  sektor         text,
  kelas          text,
  kategori       text not null,
  -- The product's own halal mark (a small ranking boost under the halal filter).
  halal          boolean not null,
  halal_sampai   date,
  ada_foto       boolean not null,
  cari           tsvector not null,
  primary key (tenant_id, produk_id),
  foreign key (tenant_id, produk_id) references umkm_produk (tenant_id, id) on delete cascade
);
select balai_derived_table('umkm_katalog',
  'the public catalogue''s products (available, of a verified business) with what search filters and ranks on, kept by triggers on umkm_produk, umkm_usaha, umkm_legalitas and umkm_foto; rebuilt by umkm_katalog_isi()', deletes => true);

create table umkm_katalog_usaha (
  tenant_id      text not null,
  usaha_id       uuid not null,
  nama           text not null,
  nama_cari      text not null,
  kecamatan_kode text not null,
  sektor         text,
  kelas          text,
  cari           tsvector not null,
  primary key (tenant_id, usaha_id),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade
);
select balai_derived_table('umkm_katalog_usaha',
  'the public catalogue''s businesses (verified) with their search document and normalised name, kept by a trigger on umkm_usaha; rebuilt by umkm_katalog_isi()', deletes => true);

-- ---- Refreshing rows ----

-- Makes the rows of these products (tenant and id, in parallel arrays) what the sources say:
-- upserted when public (rewritten only when something changed), deleted otherwise.
create or replace function umkm_katalog_segarkan(p_tenant text[], p_produk uuid[]) returns void
  language sql as $$
  with x as (select distinct * from unnest(p_tenant, p_produk) as x(tenant_id, produk_id)),
  baru as (
    select s.* from x join umkm_katalog_sumber s on s.tenant_id = x.tenant_id and s.produk_id = x.produk_id
  ),
  hapus as (
    delete from umkm_katalog k using x
     where k.tenant_id = x.tenant_id and k.produk_id = x.produk_id
       and not exists (select 1 from baru b where b.tenant_id = k.tenant_id and b.produk_id = k.produk_id)
  )
  insert into umkm_katalog as k
    (tenant_id, produk_id, usaha_id, created_at, kecamatan_kode, sektor, kelas, kategori, halal,
     halal_sampai, ada_foto, cari)
  select tenant_id, produk_id, usaha_id, created_at, kecamatan_kode, sektor, kelas, kategori, halal,
         halal_sampai, ada_foto, cari from baru
  on conflict (tenant_id, produk_id) do update set
    usaha_id = excluded.usaha_id, created_at = excluded.created_at, kecamatan_kode = excluded.kecamatan_kode,
    sektor = excluded.sektor, kelas = excluded.kelas, kategori = excluded.kategori, halal = excluded.halal,
    halal_sampai = excluded.halal_sampai, ada_foto = excluded.ada_foto, cari = excluded.cari
  where (k.usaha_id, k.created_at, k.kecamatan_kode, k.sektor, k.kelas, k.kategori, k.halal,
         k.halal_sampai, k.ada_foto, k.cari)
        is distinct from
        (excluded.usaha_id, excluded.created_at, excluded.kecamatan_kode, excluded.sektor, excluded.kelas,
         excluded.kategori, excluded.halal, excluded.halal_sampai, excluded.ada_foto, excluded.cari)
$$;

-- The same for every product of these businesses.
create or replace function umkm_katalog_segarkan_usaha(p_tenant text[], p_usaha uuid[]) returns void
  language sql as $$
  select umkm_katalog_segarkan(coalesce(array_agg(p.tenant_id), '{}'), coalesce(array_agg(p.id), '{}'))
    from unnest(p_tenant, p_usaha) as x(tenant_id, usaha_id)
    join umkm_produk p on p.tenant_id = x.tenant_id and p.usaha_id = x.usaha_id
$$;

-- The business rows of these businesses.
create or replace function umkm_katalog_usaha_segarkan(p_tenant text[], p_usaha uuid[]) returns void
  language sql as $$
  with x as (select distinct * from unnest(p_tenant, p_usaha) as x(tenant_id, usaha_id)),
  baru as (
    select s.* from x join umkm_katalog_usaha_sumber s on s.tenant_id = x.tenant_id and s.usaha_id = x.usaha_id
  ),
  hapus as (
    delete from umkm_katalog_usaha k using x
     where k.tenant_id = x.tenant_id and k.usaha_id = x.usaha_id
       and not exists (select 1 from baru b where b.tenant_id = k.tenant_id and b.usaha_id = k.usaha_id)
  )
  insert into umkm_katalog_usaha as k (tenant_id, usaha_id, nama, nama_cari, kecamatan_kode, sektor, kelas, cari)
  select tenant_id, usaha_id, nama, nama_cari, kecamatan_kode, sektor, kelas, cari from baru
  on conflict (tenant_id, usaha_id) do update set
    nama = excluded.nama, nama_cari = excluded.nama_cari, kecamatan_kode = excluded.kecamatan_kode,
    sektor = excluded.sektor, kelas = excluded.kelas, cari = excluded.cari
  where (k.nama, k.kecamatan_kode, k.sektor, k.kelas, k.cari)
        is distinct from (excluded.nama, excluded.kecamatan_kode, excluded.sektor, excluded.kelas, excluded.cari)
$$;

-- ---- Triggers (per statement; a deleted product or business leaves by the foreign keys' cascade) ----

create or replace function umkm_katalog_produk_trg() returns trigger
  language plpgsql as $$
begin
  perform umkm_katalog_segarkan(array(select tenant_id from baru order by tenant_id, id),
                                array(select id from baru order by tenant_id, id));
  return null;
end $$;
create trigger katalog_insert after insert on umkm_produk
  referencing new table as baru for each statement execute function umkm_katalog_produk_trg();
create trigger katalog_update after update on umkm_produk
  referencing new table as baru for each statement execute function umkm_katalog_produk_trg();

-- A business: its own row on any change of what it holds; its products' rows when the status
-- or a filter column changed.
create or replace function umkm_katalog_usaha_trg() returns trigger
  language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform umkm_katalog_usaha_segarkan(array(select tenant_id from baru order by tenant_id, id),
                                        array(select id from baru order by tenant_id, id));
    return null;
  end if;
  perform umkm_katalog_usaha_segarkan(array_agg(b.tenant_id order by b.tenant_id, b.id),
                                      array_agg(b.id order by b.tenant_id, b.id))
     from baru b join lama l on l.tenant_id = b.tenant_id and l.id = b.id
    where (l.status, l.nama, l.kecamatan_kode, l.sektor, l.kelas, l.cari)
          is distinct from (b.status, b.nama, b.kecamatan_kode, b.sektor, b.kelas, b.cari);
  perform umkm_katalog_segarkan_usaha(array_agg(b.tenant_id order by b.tenant_id, b.id),
                                      array_agg(b.id order by b.tenant_id, b.id))
     from baru b join lama l on l.tenant_id = b.tenant_id and l.id = b.id
    where (l.status, l.kecamatan_kode, l.sektor, l.kelas)
          is distinct from (b.status, b.kecamatan_kode, b.sektor, b.kelas);
  return null;
end $$;
create trigger katalog_insert after insert on umkm_usaha
  referencing new table as baru for each statement execute function umkm_katalog_usaha_trg();
create trigger katalog_update after update on umkm_usaha
  referencing old table as lama new table as baru for each statement execute function umkm_katalog_usaha_trg();

-- Halal certificates: the products of the businesses whose halal legality changed.
create or replace function umkm_katalog_legalitas_trg() returns trigger
  language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform umkm_katalog_segarkan_usaha(array_agg(tenant_id), array_agg(usaha_id))
       from (select distinct tenant_id, usaha_id from lama where jenis = 'halal') x;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform umkm_katalog_segarkan_usaha(array_agg(tenant_id), array_agg(usaha_id))
       from (select distinct tenant_id, usaha_id from baru where jenis = 'halal') x;
  end if;
  return null;
end $$;
create trigger katalog_insert after insert on umkm_legalitas
  referencing new table as baru for each statement execute function umkm_katalog_legalitas_trg();
create trigger katalog_update after update on umkm_legalitas
  referencing old table as lama new table as baru for each statement execute function umkm_katalog_legalitas_trg();
create trigger katalog_delete after delete on umkm_legalitas
  referencing old table as lama for each statement execute function umkm_katalog_legalitas_trg();

-- Photos: whether a product has one.
create or replace function umkm_katalog_foto_trg() returns trigger
  language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform umkm_katalog_segarkan(array_agg(tenant_id), array_agg(produk_id))
       from (select distinct tenant_id, produk_id from lama where produk_id is not null) x;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform umkm_katalog_segarkan(array_agg(tenant_id), array_agg(produk_id))
       from (select distinct tenant_id, produk_id from baru where produk_id is not null) x;
  end if;
  return null;
end $$;
create trigger katalog_insert after insert on umkm_foto
  referencing new table as baru for each statement execute function umkm_katalog_foto_trg();
create trigger katalog_update after update on umkm_foto
  referencing old table as lama new table as baru for each statement execute function umkm_katalog_foto_trg();
create trigger katalog_delete after delete on umkm_foto
  referencing old table as lama for each statement execute function umkm_katalog_foto_trg();

-- ---- Rebuild ----

-- Rebuilds both tables for the current tenant (or for every tenant as the owner, p_semua).
create or replace function umkm_katalog_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from umkm_katalog where p_semua or tenant_id = balai_current_tenant();
  insert into umkm_katalog (tenant_id, produk_id, usaha_id, created_at, kecamatan_kode, sektor, kelas,
                            kategori, halal, halal_sampai, ada_foto, cari)
  select tenant_id, produk_id, usaha_id, created_at, kecamatan_kode, sektor, kelas, kategori, halal,
         halal_sampai, ada_foto, cari
    from umkm_katalog_sumber where p_semua or tenant_id = balai_current_tenant();
  delete from umkm_katalog_usaha where p_semua or tenant_id = balai_current_tenant();
  insert into umkm_katalog_usaha (tenant_id, usaha_id, nama, nama_cari, kecamatan_kode, sektor, kelas, cari)
  select tenant_id, usaha_id, nama, nama_cari, kecamatan_kode, sektor, kelas, cari
    from umkm_katalog_usaha_sumber where p_semua or tenant_id = balai_current_tenant();
end $$;

-- Filled from the existing rows, then indexed (building an index at once is faster than
-- growing it row by row).
select umkm_katalog_isi(true);

create index umkm_katalog_per_usaha on umkm_katalog (tenant_id, usaha_id);
create index umkm_katalog_cari on umkm_katalog using gin (tenant_id, cari) with (fastupdate = off);
-- Newest first: browsing, and the walk that finds the newest matches of a common word.
create index umkm_katalog_terbaru on umkm_katalog (tenant_id, created_at desc, produk_id desc);
create index umkm_katalog_kecamatan on umkm_katalog (tenant_id, kecamatan_kode, created_at desc, produk_id desc);
-- Businesses: full-text, trigram on the normalised name, and by name (browsing, and the walk
-- that finds the first matches of a common word by name).
create index umkm_katalog_usaha_cari on umkm_katalog_usaha using gin (tenant_id, cari) with (fastupdate = off);
create index umkm_katalog_usaha_trgm on umkm_katalog_usaha
  using gin (tenant_id, nama_cari gin_trgm_ops) with (fastupdate = off);
create index umkm_katalog_usaha_nama on umkm_katalog_usaha (tenant_id, nama, usaha_id);
analyze umkm_katalog;
analyze umkm_katalog_usaha;
