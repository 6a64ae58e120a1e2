-- Monthly summaries for the waste dashboards. A dashboard, a SIPSN row and the city tiles sum a
-- year per month and per kecamatan; read from the daily summaries (0012) that is tens of
-- thousands of rows on a city of Bandung's size (scripts/bench-sampah.ts), a few hundred from
-- these. Each monthly table follows its daily source row by row, in the same transaction, by a
-- trigger that adds the change of every inserted, updated or deleted source row to its month
-- (so a rebuild of a daily summary keeps its months right too). Derived data: not audited (the
-- sources are), written by the app only through the triggers, under RLS (balai_derived_table, 0015). Readers take the whole
-- months of a range from here and the days of a partial month from the source
-- (src/platform/db/periode.ts).

create or replace function balai_awal_bulan(d date) returns date
  language sql immutable parallel safe as $$ select date_trunc('month', d::timestamp)::date $$;

-- ---- Bank sampah: kg recovered per month and kecamatan (from bank_sampah_pemulihan_harian) ----

create table bank_sampah_pemulihan_bulanan (
  tenant_id      text not null references tenants (id),
  bulan          date not null check (extract(day from bulan) = 1),
  kecamatan_kode text not null,
  kg             numeric(16, 3) not null,
  primary key (tenant_id, bulan, kecamatan_kode)
);
select balai_derived_table('bank_sampah_pemulihan_bulanan',
  'kg recovered per month and kecamatan, kept by a trigger on bank_sampah_pemulihan_harian; rebuilt by bank_sampah_pemulihan_bulanan_isi()');

create or replace function bank_sampah_pemulihan_bulanan_ubah() returns trigger
  language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into bank_sampah_pemulihan_bulanan as b (tenant_id, bulan, kecamatan_kode, kg)
    values (old.tenant_id, balai_awal_bulan(old.tanggal), old.kecamatan_kode, -old.kg)
    on conflict (tenant_id, bulan, kecamatan_kode) do update set kg = b.kg + excluded.kg;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into bank_sampah_pemulihan_bulanan as b (tenant_id, bulan, kecamatan_kode, kg)
    values (new.tenant_id, balai_awal_bulan(new.tanggal), new.kecamatan_kode, new.kg)
    on conflict (tenant_id, bulan, kecamatan_kode) do update set kg = b.kg + excluded.kg;
  end if;
  return null;
end $$;

create trigger pemulihan_bulanan after insert or update or delete on bank_sampah_pemulihan_harian
  for each row execute function bank_sampah_pemulihan_bulanan_ubah();

create or replace function bank_sampah_pemulihan_bulanan_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from bank_sampah_pemulihan_bulanan where p_semua or tenant_id = balai_current_tenant();
  insert into bank_sampah_pemulihan_bulanan (tenant_id, bulan, kecamatan_kode, kg)
  select tenant_id, balai_awal_bulan(tanggal), kecamatan_kode, sum(kg)
    from bank_sampah_pemulihan_harian
   where p_semua or tenant_id = balai_current_tenant()
   group by 1, 2, 3;
end $$;

select bank_sampah_pemulihan_bulanan_isi(true);

-- ---- Trips: tonnes per month, origin kecamatan and kinds (from sampah_ritase_harian) ----

create table sampah_ritase_bulanan (
  tenant_id      text not null references tenants (id),
  bulan          date not null check (extract(day from bulan) = 1),
  kecamatan_kode text not null,
  asal_jenis     text not null,
  tujuan_jenis   text not null,
  ton            numeric not null,
  primary key (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis)
);
select balai_derived_table('sampah_ritase_bulanan',
  'tonnes per month, origin kecamatan and kinds, kept by a trigger on sampah_ritase_harian; rebuilt by sampah_ritase_bulanan_isi()');

create or replace function sampah_ritase_bulanan_ubah() returns trigger
  language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into sampah_ritase_bulanan as b (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis, ton)
    values (old.tenant_id, balai_awal_bulan(old.tanggal), old.kecamatan_kode, old.asal_jenis, old.tujuan_jenis, -old.ton)
    on conflict (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis) do update set ton = b.ton + excluded.ton;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into sampah_ritase_bulanan as b (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis, ton)
    values (new.tenant_id, balai_awal_bulan(new.tanggal), new.kecamatan_kode, new.asal_jenis, new.tujuan_jenis, new.ton)
    on conflict (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis) do update set ton = b.ton + excluded.ton;
  end if;
  return null;
end $$;

create trigger ritase_bulanan after insert or update or delete on sampah_ritase_harian
  for each row execute function sampah_ritase_bulanan_ubah();

create or replace function sampah_ritase_bulanan_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from sampah_ritase_bulanan where p_semua or tenant_id = balai_current_tenant();
  insert into sampah_ritase_bulanan (tenant_id, bulan, kecamatan_kode, asal_jenis, tujuan_jenis, ton)
  select tenant_id, balai_awal_bulan(tanggal), kecamatan_kode, asal_jenis, tujuan_jenis, sum(ton)
    from sampah_ritase_harian
   where p_semua or tenant_id = balai_current_tenant()
   group by 1, 2, 3, 4, 5;
end $$;

select sampah_ritase_bulanan_isi(true);

-- ---- Manual tonnage entries: tonnes per month, kecamatan ('' none) and kind ----

create table sampah_tonase_bulanan (
  tenant_id      text not null references tenants (id),
  bulan          date not null check (extract(day from bulan) = 1),
  kecamatan_kode text not null,
  jenis          text not null,
  ton            numeric(16, 3) not null,
  primary key (tenant_id, bulan, kecamatan_kode, jenis)
);
select balai_derived_table('sampah_tonase_bulanan',
  'tonnes of manual entries per month, kecamatan and kind, kept by a trigger on sampah_tonase_catatan; rebuilt by sampah_tonase_bulanan_isi()');

create or replace function sampah_tonase_bulanan_ubah() returns trigger
  language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into sampah_tonase_bulanan as b (tenant_id, bulan, kecamatan_kode, jenis, ton)
    values (old.tenant_id, balai_awal_bulan(old.tanggal), coalesce(old.kecamatan_kode, ''), old.jenis, -old.ton)
    on conflict (tenant_id, bulan, kecamatan_kode, jenis) do update set ton = b.ton + excluded.ton;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into sampah_tonase_bulanan as b (tenant_id, bulan, kecamatan_kode, jenis, ton)
    values (new.tenant_id, balai_awal_bulan(new.tanggal), coalesce(new.kecamatan_kode, ''), new.jenis, new.ton)
    on conflict (tenant_id, bulan, kecamatan_kode, jenis) do update set ton = b.ton + excluded.ton;
  end if;
  return null;
end $$;

create trigger tonase_bulanan after insert or update or delete on sampah_tonase_catatan
  for each row execute function sampah_tonase_bulanan_ubah();

create or replace function sampah_tonase_bulanan_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from sampah_tonase_bulanan where p_semua or tenant_id = balai_current_tenant();
  insert into sampah_tonase_bulanan (tenant_id, bulan, kecamatan_kode, jenis, ton)
  select tenant_id, balai_awal_bulan(tanggal), coalesce(kecamatan_kode, ''), jenis, sum(ton)
    from sampah_tonase_catatan
   where p_semua or tenant_id = balai_current_tenant()
   group by 1, 2, 3, 4;
end $$;

select sampah_tonase_bulanan_isi(true);
