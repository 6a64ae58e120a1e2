-- Sampah, area Prakarsa RW: a yearly fund per RW, larger for an RW with Kawasan Bebas Sampah
-- status. Per city and year the nominal amounts and which KBS level counts; per RW and year one
-- allocation; its disbursements (pencairan) in stages; and the spending the RW reports (what the
-- money bought). Money is whole rupiah (bigint).
--
-- Invariants, per allocation: 0 <= disbursed <= allocated and 0 <= spent <= disbursed. The
-- service checks them under a row lock on the allocation; the trigger below checks them again
-- (taking the same lock), so no client writing directly can break them either.
--
-- Disbursements and spending are append-only: a mistake is corrected by a reversing entry
-- (negative amount, pointing at the entry it cancels, with the reason), at most once per entry.

-- Yearly settings. kbs_min_urutan: the lowest level (sampah_kbs_tingkat.urutan) that counts as
-- KBS; null means every level (an RW whose status reached any level is a KBS RW).
create table sampah_prakarsa_tahun (
  tenant_id      text not null references tenants (id),
  tahun          integer not null check (tahun between 2000 and 2100),
  nominal_kbs    bigint not null check (nominal_kbs between 1 and 1000000000000),
  nominal_lain   bigint not null check (nominal_lain between 0 and 1000000000000),
  kbs_min_urutan integer check (kbs_min_urutan between 1 and 20),
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, tahun)
);
select balai_tenant_table('sampah_prakarsa_tahun');

-- One allocation per RW and year. nominal_aturan is what the rule gave (the year's nominal for
-- the RW's status then); kbs and tingkat_id record that status. A different amount needs a reason.
create table sampah_prakarsa_alokasi (
  tenant_id      text not null,
  id             uuid not null default gen_random_uuid(),
  rw_id          uuid not null,
  tahun          integer not null,
  jumlah         bigint not null check (jumlah between 1 and 1000000000000),
  nominal_aturan bigint not null check (nominal_aturan between 0 and 1000000000000),
  kbs            boolean not null,
  tingkat_id     uuid,
  alasan         text check (length(alasan) between 5 and 500),
  dicatat_oleh   uuid,
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, rw_id, tahun),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  foreign key (tenant_id, tahun) references sampah_prakarsa_tahun (tenant_id, tahun),
  foreign key (tenant_id, tingkat_id) references sampah_kbs_tingkat (tenant_id, id),
  check (jumlah = nominal_aturan or alasan is not null)
);
select balai_tenant_table('sampah_prakarsa_alokasi');
create index sampah_prakarsa_alokasi_tahun on sampah_prakarsa_alokasi (tenant_id, tahun);
-- Allocations are never deleted (the app role keeps UPDATE for the row lock).
revoke delete on sampah_prakarsa_alokasi from balai_app;

-- Disbursements in stages (tahap). A reversal has a negative amount equal to the entry it
-- cancels (membatalkan_id), the same stage, and the reason in catatan.
create table sampah_prakarsa_pencairan (
  tenant_id      text not null,
  id             uuid not null default gen_random_uuid(),
  alokasi_id     uuid not null,
  tahap          integer not null check (tahap between 1 and 50),
  tanggal        date not null check (tanggal between date '2000-01-01' and date '2100-12-31'),
  jumlah         bigint not null check (jumlah <> 0 and abs(jumlah) <= 1000000000000),
  catatan        text check (length(catatan) <= 500),
  membatalkan_id uuid,
  dicatat_oleh   uuid,
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, membatalkan_id),
  foreign key (tenant_id, alokasi_id) references sampah_prakarsa_alokasi (tenant_id, id),
  foreign key (tenant_id, membatalkan_id) references sampah_prakarsa_pencairan (tenant_id, id),
  check ((membatalkan_id is null and jumlah > 0) or (membatalkan_id is not null and jumlah < 0 and length(catatan) >= 5))
);
select balai_tenant_table('sampah_prakarsa_pencairan');
create index sampah_prakarsa_pencairan_alokasi on sampah_prakarsa_pencairan (tenant_id, alokasi_id);
revoke update, delete on sampah_prakarsa_pencairan from balai_app;
create trigger append_only before update or delete on sampah_prakarsa_pencairan
  for each row execute function balai_append_only();

-- What the money bought, as reported by the RW. A reversal as for disbursements (reason in alasan).
create table sampah_prakarsa_belanja (
  tenant_id      text not null,
  id             uuid not null default gen_random_uuid(),
  alokasi_id     uuid not null,
  tanggal        date not null check (tanggal between date '2000-01-01' and date '2100-12-31'),
  kategori       text not null check (kategori in ('komposter', 'maggot_bsf', 'peralatan_bank_sampah',
                   'wadah_pilah', 'gerobak_motor', 'pelatihan_sosialisasi', 'lainnya')),
  uraian         text not null check (length(uraian) between 3 and 300),
  jumlah         bigint not null check (jumlah <> 0 and abs(jumlah) <= 1000000000000),
  kuantitas      numeric(12, 3) check (kuantitas > 0),
  satuan         text check (length(satuan) between 1 and 20),
  alasan         text check (length(alasan) between 5 and 500),
  membatalkan_id uuid,
  dilaporkan_oleh uuid,
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, membatalkan_id),
  foreign key (tenant_id, alokasi_id) references sampah_prakarsa_alokasi (tenant_id, id),
  foreign key (tenant_id, membatalkan_id) references sampah_prakarsa_belanja (tenant_id, id),
  check ((membatalkan_id is null and jumlah > 0 and alasan is null) or (membatalkan_id is not null and jumlah < 0 and alasan is not null)),
  check (satuan is null or kuantitas is not null)
);
select balai_tenant_table('sampah_prakarsa_belanja');
create index sampah_prakarsa_belanja_alokasi on sampah_prakarsa_belanja (tenant_id, alokasi_id);
revoke update, delete on sampah_prakarsa_belanja from balai_app;
create trigger append_only before update or delete on sampah_prakarsa_belanja
  for each row execute function balai_append_only();

-- After every write: lock the allocation, then check its sums (each statement of this function
-- reads what concurrent transactions committed before the lock was granted). A reversal must
-- match the entry it cancels.
create or replace function sampah_prakarsa_cek() returns trigger language plpgsql as $$
declare
  a_id     uuid;
  a_jumlah bigint;
  cair     bigint;
  belanja  bigint;
  asal     record;
begin
  if tg_table_name = 'sampah_prakarsa_alokasi' then
    a_id := new.id;
  else
    a_id := new.alokasi_id;
  end if;
  select jumlah into a_jumlah from sampah_prakarsa_alokasi
   where tenant_id = new.tenant_id and id = a_id for update;
  -- (Nested ifs: a record field is only looked up on the table that has it.)
  if tg_table_name = 'sampah_prakarsa_pencairan' then
    if new.membatalkan_id is not null then
      select alokasi_id, jumlah, membatalkan_id into asal from sampah_prakarsa_pencairan
       where tenant_id = new.tenant_id and id = new.membatalkan_id;
      if asal.alokasi_id is distinct from a_id or asal.jumlah <> -new.jumlah or asal.membatalkan_id is not null then
        raise exception 'sampah_prakarsa_pencairan: a reversal cancels a disbursement of the same allocation, in full'
          using errcode = 'check_violation';
      end if;
    end if;
  elsif tg_table_name = 'sampah_prakarsa_belanja' then
    if new.membatalkan_id is not null then
      select alokasi_id, jumlah, membatalkan_id into asal from sampah_prakarsa_belanja
       where tenant_id = new.tenant_id and id = new.membatalkan_id;
      if asal.alokasi_id is distinct from a_id or asal.jumlah <> -new.jumlah or asal.membatalkan_id is not null then
        raise exception 'sampah_prakarsa_belanja: a reversal cancels a spending report of the same allocation, in full'
          using errcode = 'check_violation';
      end if;
    end if;
  end if;
  select coalesce(sum(jumlah), 0) into cair from sampah_prakarsa_pencairan
   where tenant_id = new.tenant_id and alokasi_id = a_id;
  select coalesce(sum(jumlah), 0) into belanja from sampah_prakarsa_belanja
   where tenant_id = new.tenant_id and alokasi_id = a_id;
  if cair < 0 or cair > a_jumlah or belanja < 0 or belanja > cair then
    raise exception 'Prakarsa RW allocation %: disbursed % of %, spent % (0 <= spent <= disbursed <= allocated)',
      a_id, cair, a_jumlah, belanja using errcode = 'check_violation';
  end if;
  return null;
end $$;

create trigger cek_saldo after insert on sampah_prakarsa_pencairan
  for each row execute function sampah_prakarsa_cek();
create trigger cek_saldo after insert on sampah_prakarsa_belanja
  for each row execute function sampah_prakarsa_cek();
create trigger cek_saldo after update of jumlah on sampah_prakarsa_alokasi
  for each row execute function sampah_prakarsa_cek();
