-- Daily summaries for the waste dashboards. The tonnage accounting sums a year of bank sampah
-- deposits and of trips on every dashboard view; on a city of Bandung's size that is hundreds of
-- thousands of ledger lines and trips (scripts/bench-sampah.ts). Both sources only grow (the
-- ledger is append-only and a reversal counts on the day it is posted; trips are never changed
-- or deleted), so each new row adds its share to a per-day, per-kecamatan summary, kept by a
-- trigger in the same transaction. The summaries are derived data: not audited (their sources
-- are), readable and writable by the app only through the triggers' upserts, under RLS.
-- Each summary has a rebuild function (used below to fill it, and after bulk loads).

-- ---- Bank sampah: kg recovered per WIB day and kecamatan ----

-- kecamatan_kode: of the entry's RW; '' for entries without an RW (they count for the city only).
-- The counting rule is pemulihan.ts's: member deposits and their reversals; not an induk's
-- deposits created by a unit's sale.
create table bank_sampah_pemulihan_harian (
  tenant_id      text not null references tenants (id),
  tanggal        date not null,
  kecamatan_kode text not null,
  kg             numeric(16, 3) not null,
  primary key (tenant_id, tanggal, kecamatan_kode)
);
alter table bank_sampah_pemulihan_harian enable row level security;
alter table bank_sampah_pemulihan_harian force row level security;
create policy tenant_isolation on bank_sampah_pemulihan_harian
  using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant());
grant select, insert, update on bank_sampah_pemulihan_harian to balai_app;
comment on table bank_sampah_pemulihan_harian is
  'Derived: kg recovered per WIB day and kecamatan, kept by a trigger on bank_sampah_stok_baris; rebuilt by bank_sampah_pemulihan_harian_isi()';

create or replace function bank_sampah_kecamatan_rw(p_tenant text, p_rw uuid) returns text
  language sql stable as $$
  select coalesce((select regexp_replace(kelurahan_kode, '\.[0-9]+$', '') from rw
                    where tenant_id = p_tenant and id = p_rw), '')
$$;

create or replace function bank_sampah_pemulihan_harian_tambah() returns trigger
  language plpgsql as $$
declare
  j record;
  asal record;
begin
  select jenis, terkait_id, membatalkan_id, rw_id, waktu into j
    from bank_sampah_jurnal where tenant_id = new.tenant_id and id = new.jurnal_id;
  if j.jenis = 'pembatalan' then
    select jenis, terkait_id into asal
      from bank_sampah_jurnal where tenant_id = new.tenant_id and id = j.membatalkan_id;
    if asal.jenis is distinct from 'setoran' or asal.terkait_id is not null then
      return null;
    end if;
  elsif j.jenis is distinct from 'setoran' or j.terkait_id is not null then
    return null;
  end if;
  insert into bank_sampah_pemulihan_harian as h (tenant_id, tanggal, kecamatan_kode, kg)
  values (new.tenant_id, (j.waktu at time zone 'Asia/Jakarta')::date,
          case when j.rw_id is null then '' else bank_sampah_kecamatan_rw(new.tenant_id, j.rw_id) end,
          new.kg)
  on conflict (tenant_id, tanggal, kecamatan_kode) do update set kg = h.kg + excluded.kg;
  return null;
end $$;

create trigger pemulihan_harian after insert on bank_sampah_stok_baris
  for each row execute function bank_sampah_pemulihan_harian_tambah();

-- Rebuilds the summary of the current tenant (or of every tenant as the owner, p_semua).
create or replace function bank_sampah_pemulihan_harian_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from bank_sampah_pemulihan_harian
   where p_semua or tenant_id = balai_current_tenant();
  insert into bank_sampah_pemulihan_harian (tenant_id, tanggal, kecamatan_kode, kg)
  select s.tenant_id, (j.waktu at time zone 'Asia/Jakarta')::date,
         case when j.rw_id is null then '' else bank_sampah_kecamatan_rw(j.tenant_id, j.rw_id) end,
         sum(s.kg)
    from bank_sampah_stok_baris s
    join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
    left join bank_sampah_jurnal asal on asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
   where (p_semua or s.tenant_id = balai_current_tenant())
     and ((j.jenis = 'setoran' and j.terkait_id is null)
          or (j.jenis = 'pembatalan' and asal.jenis = 'setoran' and asal.terkait_id is null))
   group by 1, 2, 3;
end $$;

select bank_sampah_pemulihan_harian_isi(true);

-- ---- Trips: tonnes per WIB day, origin kecamatan, origin kind and destination kind ----

-- A trip from several origins is split equally among them (as tonasePenanganan always did);
-- kecamatan_kode '' for an origin without one. The kecamatan and kinds are those of the
-- facilities when the trip is recorded.
create table sampah_ritase_harian (
  tenant_id      text not null references tenants (id),
  tanggal        date not null,
  kecamatan_kode text not null,
  asal_jenis     text not null,
  tujuan_jenis   text not null,
  ton            numeric not null,
  primary key (tenant_id, tanggal, kecamatan_kode, asal_jenis, tujuan_jenis)
);
alter table sampah_ritase_harian enable row level security;
alter table sampah_ritase_harian force row level security;
create policy tenant_isolation on sampah_ritase_harian
  using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant());
grant select, insert, update on sampah_ritase_harian to balai_app;
comment on table sampah_ritase_harian is
  'Derived: tonnes per WIB day, origin kecamatan and kinds, kept by a trigger on sampah_ritase; rebuilt by sampah_ritase_harian_isi()';

-- At commit (the trip's origins are inserted after the trip, in the same transaction).
create or replace function sampah_ritase_harian_tambah() returns trigger
  language plpgsql as $$
begin
  insert into sampah_ritase_harian as h (tenant_id, tanggal, kecamatan_kode, asal_jenis, tujuan_jenis, ton)
  select new.tenant_id, new.tanggal, coalesce(f.kecamatan_kode, ''), f.jenis, t.jenis,
         sum(new.ton / n.n)
    from sampah_ritase_asal a
    join sampah_fasilitas f on f.tenant_id = a.tenant_id and f.id = a.fasilitas_id
    join sampah_fasilitas t on t.tenant_id = new.tenant_id and t.id = new.tujuan_id
    cross join (select count(*) as n from sampah_ritase_asal
                 where tenant_id = new.tenant_id and ritase_id = new.id) n
   where a.tenant_id = new.tenant_id and a.ritase_id = new.id
   group by 1, 2, 3, 4, 5
  on conflict (tenant_id, tanggal, kecamatan_kode, asal_jenis, tujuan_jenis)
    do update set ton = h.ton + excluded.ton;
  return null;
end $$;

create constraint trigger ritase_harian after insert on sampah_ritase
  deferrable initially deferred
  for each row execute function sampah_ritase_harian_tambah();

create or replace function sampah_ritase_harian_isi(p_semua boolean default false) returns void
  language plpgsql as $$
begin
  delete from sampah_ritase_harian where p_semua or tenant_id = balai_current_tenant();
  insert into sampah_ritase_harian (tenant_id, tanggal, kecamatan_kode, asal_jenis, tujuan_jenis, ton)
  select r.tenant_id, r.tanggal, coalesce(f.kecamatan_kode, ''), f.jenis, t.jenis, sum(r.ton / n.n)
    from sampah_ritase r
    join sampah_fasilitas t on t.tenant_id = r.tenant_id and t.id = r.tujuan_id
    join sampah_ritase_asal a on a.tenant_id = r.tenant_id and a.ritase_id = r.id
    join sampah_fasilitas f on f.tenant_id = a.tenant_id and f.id = a.fasilitas_id
    join (select tenant_id, ritase_id, count(*) as n from sampah_ritase_asal group by 1, 2) n
      on n.tenant_id = r.tenant_id and n.ritase_id = r.id
   where p_semua or r.tenant_id = balai_current_tenant()
   group by 1, 2, 3, 4, 5;
end $$;

select sampah_ritase_harian_isi(true);
