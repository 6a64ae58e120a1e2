-- Bank sampah: who appointed a pengurus, deposit limits with a second person's approval, entry
-- numbers per bank (no longer one sequence shared by every city), and idempotency keys that
-- expire. See ADR 0010.

-- ---- Who appointed each pengurus ----
-- Approving a request needs someone other than its requester and other than whoever appointed
-- the approver (unless the approver holds the approval right by role). Older rows: unknown (null).
alter table bank_sampah_pengurus add column diangkat_oleh uuid;
alter table bank_sampah_pengurus add foreign key (tenant_id, diangkat_oleh) references users (tenant_id, id);

-- ---- Deposit limits ----
-- A deposit with a line above batas_baris_kg (kg) or a value above batas_setoran (rupiah) is not
-- credited: it becomes a request (bank_sampah_pengajuan, jenis 'setoran') that another person
-- approves, like a withdrawal above ambang_persetujuan.
alter table bank_sampah
  add column batas_baris_kg numeric(10, 3) not null default 200 check (batas_baris_kg > 0 and batas_baris_kg <= 100000),
  add column batas_setoran bigint not null default 2000000 check (batas_setoran > 0 and batas_setoran <= 1000000000);

-- A request is a withdrawal (jumlah: the amount) or a deposit (baris: its lines as entered —
-- jenisKode, kondisi, kuantitas — valued at the prices in force when it was recorded; jumlah:
-- what the member would be credited).
alter table bank_sampah_pengajuan
  add column jenis text not null default 'penarikan' check (jenis in ('penarikan', 'setoran')),
  add column baris jsonb,
  add constraint bank_sampah_pengajuan_baris check ((jenis = 'setoran') = (baris is not null));
-- A deposit of items bought at Rp 0 credits nothing (it is still stock to approve).
alter table bank_sampah_pengajuan drop constraint bank_sampah_pengajuan_jumlah_check;
alter table bank_sampah_pengajuan add constraint bank_sampah_pengajuan_jumlah_check
  check (jumlah > 0 or (jenis = 'setoran' and jumlah = 0));

-- ---- Entry numbers per bank ----
-- The identity column numbered entries across all cities, so one city's receipts told it the
-- others' volume. Now each bank counts its own entries from 1: the counter row is raised in the
-- transaction that inserts the entry (a trigger), so two entries of one bank never share a number
-- and the numbers of a bank follow commit order. Existing entries are renumbered per bank in
-- their old order.
create table bank_sampah_nomor (
  tenant_id text not null,
  bank_id   uuid not null,
  terakhir  bigint not null check (terakhir > 0),
  primary key (tenant_id, bank_id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
-- A counter, not business data: tenant-isolated but not audited (the entry it numbers is).
comment on table bank_sampah_nomor is
  'Derived: the last entry number of each bank (the largest bank_sampah_jurnal.nomor), raised by the trigger that numbers entries.';
alter table bank_sampah_nomor enable row level security;
alter table bank_sampah_nomor force row level security;
create policy tenant_isolation on bank_sampah_nomor
  using (tenant_id = balai_current_tenant()) with check (tenant_id = balai_current_tenant());
grant select, insert, update (terakhir) on bank_sampah_nomor to balai_app;

create or replace function bank_sampah_jurnal_nomor() returns trigger language plpgsql as $$
begin
  insert into bank_sampah_nomor as c (tenant_id, bank_id, terakhir)
    values (new.tenant_id, new.bank_id, 1)
    on conflict (tenant_id, bank_id) do update set terakhir = c.terakhir + 1
    returning c.terakhir into new.nomor;
  return new;
end $$;

alter table bank_sampah_jurnal alter column nomor drop identity;

alter table bank_sampah_jurnal disable trigger append_only;
do $$
declare
  t record;
begin
  for t in select id from tenants loop
    perform set_config('app.tenant_id', t.id, true);
    update bank_sampah_jurnal j
       set nomor = r.n
      from (select id, row_number() over (partition by bank_id order by nomor) as n
              from bank_sampah_jurnal where tenant_id = t.id) r
     where j.tenant_id = t.id and j.id = r.id and j.nomor <> r.n;
    insert into bank_sampah_nomor (tenant_id, bank_id, terakhir)
      select tenant_id, bank_id, max(nomor) from bank_sampah_jurnal where tenant_id = t.id
       group by tenant_id, bank_id;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
alter table bank_sampah_jurnal enable trigger append_only;

alter table bank_sampah_jurnal add constraint bank_sampah_jurnal_nomor_bank unique (tenant_id, bank_id, nomor);
create trigger nomor before insert on bank_sampah_jurnal
  for each row execute function bank_sampah_jurnal_nomor();

-- ---- Idempotency keys expire ----
-- Keys are kept 30 days (the daily job bank-sampah.idempotensi deletes older ones); a retry
-- after that is a new operation. The app role cannot delete keys itself: only through this
-- function, only older ones, only of the current city.
create index bank_sampah_idempotensi_umur on bank_sampah_idempotensi (tenant_id, created_at);
create or replace function bank_sampah_idempotensi_hapus_lama(hari integer) returns bigint
  language sql security definer set search_path from current as $$
  with d as (
    delete from bank_sampah_idempotensi
     where tenant_id = balai_current_tenant()
       and created_at < now() - make_interval(days => greatest(hari, 1))
    returning 1)
  select count(*) from d
$$;
revoke all on function bank_sampah_idempotensi_hapus_lama(integer) from public;
grant execute on function bank_sampah_idempotensi_hapus_lama(integer) to balai_app;
