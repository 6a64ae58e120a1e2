-- Bank sampah: waste banks, members, the waste catalogue and prices, and a double-entry,
-- append-only ledger of money (rupiah, bigint) and stock (quantities, numeric). See ADR 0010.

-- Reading a secret (a decrypted NIK) is logged like a write: action 'read'.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check check (action in ('insert', 'update', 'delete', 'read'));

-- Refuses UPDATE and DELETE on ledger tables, for every role (as for audit_log).
create or replace function balai_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege';
end $$;

-- ---- Reference catalogue (shared by all cities) ----

-- The national waste composition categories (SIPSN).
create table sampah_kategori (
  kode    text primary key check (kode ~ '^[a-z_]{2,30}$'),
  nama_id text not null,
  nama_en text not null,
  urutan  integer not null
);
grant select on sampah_kategori to balai_app;

create table sampah_jenis (
  kode          text primary key check (kode ~ '^[a-z0-9-]{2,40}$'),
  kategori_kode text not null references sampah_kategori (kode),
  nama_id       text not null,
  nama_en       text not null,
  satuan        text not null check (satuan in ('kg', 'liter', 'pcs')),
  -- Weight of one unit, so every quantity can be reported in kg.
  kg_per_satuan numeric(10, 4) not null check (kg_per_satuan > 0),
  urutan        integer not null
);
grant select on sampah_jenis to balai_app;

-- ---- Banks ----

create table bank_sampah (
  tenant_id          text not null references tenants (id),
  id                 uuid not null default gen_random_uuid(),
  kode               text not null check (kode ~ '^[A-Z0-9-]{3,20}$'),
  nama               text not null check (length(nama) between 3 and 120),
  tingkat            text not null check (tingkat in ('unit', 'induk')),
  -- Where a unit serves: an RW, or an institution (school, office, market, …) in a kelurahan.
  lembaga            text not null default 'rw' check (lembaga in ('rw', 'sekolah', 'kantor', 'pasar', 'lainnya')),
  rw_id              uuid,
  kelurahan_kode     text references wilayah (kode),
  -- The region that scopes officers' roles: the RW code, the kelurahan, or the city for an induk.
  area_kode          text not null,
  induk_id           uuid,
  alamat             text check (length(alamat) <= 300),
  jam_buka           text check (length(jam_buka) <= 200),
  telepon            text check (telepon ~ '^\+?[0-9]{8,15}$'),
  -- Withdrawals above this amount need a second person's approval (null: never).
  ambang_persetujuan bigint check (ambang_persetujuan > 0),
  -- Share of each deposit's value the bank keeps as operating fee (bagi hasil), in percent.
  bagi_hasil_persen  numeric(5, 2) not null default 0 check (bagi_hasil_persen between 0 and 50),
  -- A unit may buy at its induk's prices, overriding single items.
  warisi_harga_induk boolean not null default false,
  aktif              boolean not null default true,
  demo               boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kode),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  foreign key (tenant_id, induk_id) references bank_sampah (tenant_id, id),
  check (area_kode like tenant_id || '%'),
  check (tingkat = 'unit' or induk_id is null),
  check (lembaga <> 'rw' or tingkat = 'induk' or rw_id is not null)
);
select balai_tenant_table('bank_sampah');

-- Operators (pengurus) of a bank: users of the city with a position.
create table bank_sampah_pengurus (
  tenant_id  text not null,
  bank_id    uuid not null,
  user_id    uuid not null,
  jabatan    text not null check (jabatan in ('ketua', 'teller', 'bendahara')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, bank_id, user_id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select balai_tenant_table('bank_sampah_pengurus');

-- Items a bank adds to the reference catalogue.
create table bank_sampah_jenis (
  tenant_id     text not null,
  kode          text not null check (kode ~ '^x-[a-z0-9-]{2,40}$'),
  bank_id       uuid not null,
  kategori_kode text not null references sampah_kategori (kode),
  nama          text not null check (length(nama) between 2 and 80),
  satuan        text not null check (satuan in ('kg', 'liter', 'pcs')),
  kg_per_satuan numeric(10, 4) not null check (kg_per_satuan > 0),
  created_at    timestamptz not null default now(),
  primary key (tenant_id, kode),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
select balai_tenant_table('bank_sampah_jenis');

-- Buying prices (rupiah per unit) with effective dates; a new price is a new row, never an edit.
-- harga null ends the item's price from that moment (the item is no longer bought).
create table bank_sampah_harga (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  bank_id      uuid not null,
  jenis_kode   text not null,
  kondisi      text not null check (kondisi in ('bersih', 'kotor')),
  harga        bigint check (harga between 0 and 100000000),
  berlaku_mulai timestamptz not null,
  dibuat_oleh  uuid,
  created_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, bank_id, jenis_kode, kondisi, berlaku_mulai),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
select balai_tenant_table('bank_sampah_harga');
revoke update, delete on bank_sampah_harga from balai_app;
create trigger append_only before update or delete on bank_sampah_harga
  for each row execute function balai_append_only();

-- ---- Members (nasabah) ----

create table bank_sampah_nasabah (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  bank_id      uuid not null,
  nomor        text not null check (nomor ~ '^[A-Z0-9-]{3,30}$'),
  jenis        text not null check (jenis in ('rumah_tangga', 'lembaga', 'bank_unit')),
  nama         text not null check (length(nama) between 2 and 120),
  rw_id        uuid,
  alamat       text check (length(alamat) <= 300),
  telepon      text check (telepon ~ '^\+?[0-9]{8,15}$'),
  -- NIK: AES-256-GCM ciphertext, the masked form for display, and why it was collected.
  nik_enc      text,
  nik_samaran  text,
  nik_tujuan   text check (length(nik_tujuan) <= 200),
  -- The warga account of the member, for their own view.
  user_id      uuid,
  -- A unit bank that is a member of its induk.
  bank_unit_id uuid,
  aktif        boolean not null default true,
  demo         boolean not null default false,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, bank_id, nomor),
  unique (tenant_id, bank_id, bank_unit_id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, bank_unit_id) references bank_sampah (tenant_id, id),
  check ((nik_enc is null) = (nik_samaran is null)),
  check (nik_enc is null or nik_tujuan is not null),
  check ((jenis = 'bank_unit') = (bank_unit_id is not null))
);
create index bank_sampah_nasabah_nama on bank_sampah_nasabah (tenant_id, bank_id, lower(nama));
create index bank_sampah_nasabah_user on bank_sampah_nasabah (tenant_id, user_id) where user_id is not null;
select balai_tenant_table('bank_sampah_nasabah', array['nik_enc']);

-- ---- Ledger ----

-- Accounts of a bank. kunci: 'kas', 'pendapatan', 'piutang_induk', 'tabungan:<nasabah id>',
-- 'persediaan:<jenis kode>'. Rows exist so that operations can lock them (SELECT … FOR UPDATE);
-- balances are always the sum of the lines, never stored.
create table bank_sampah_akun (
  tenant_id  text not null,
  id         uuid not null default gen_random_uuid(),
  bank_id    uuid not null,
  kunci      text not null check (kunci ~ '^(kas|pendapatan|piutang_induk|tabungan:[0-9a-f-]{36}|persediaan:[a-z0-9-]{2,42})$'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, bank_id, kunci),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
select balai_tenant_table('bank_sampah_akun');
revoke update, delete on bank_sampah_akun from balai_app;
-- Locking a row (SELECT … FOR NO KEY UPDATE) needs an UPDATE privilege; the trigger below still
-- refuses every actual update.
grant update (created_at) on bank_sampah_akun to balai_app;
create trigger append_only before update or delete on bank_sampah_akun
  for each row execute function balai_append_only();

-- One journal entry per operation.
create table bank_sampah_jurnal (
  tenant_id      text not null,
  id             uuid not null,
  bank_id        uuid not null,
  -- Entry number shown on receipts (increasing, not gap-free per bank).
  nomor          bigint generated always as identity,
  -- pencairan: a unit bank receives cash for its savings at its induk (the counterpart, at the unit,
  -- of that withdrawal at the induk).
  jenis          text not null check (jenis in ('setoran', 'penarikan', 'penjualan', 'pencairan', 'pembatalan')),
  waktu          timestamptz not null default now(),
  nasabah_id     uuid,
  -- For recovery reports: the RW the waste came from (the member's, else the bank's).
  rw_id          uuid,
  -- Sale: to an induk on Balai (its bank id) or to a named buyer (pengepul).
  pembeli_bank_id uuid,
  pembeli_nama   text check (length(pembeli_nama) <= 120),
  -- The other half of an operation between a unit and its induk: sale ↔ deposit at the induk,
  -- withdrawal at the induk ↔ pencairan at the unit.
  terkait_id     uuid,
  -- A reversal: the entry it cancels (once), and why.
  membatalkan_id uuid,
  alasan         text check (length(alasan) between 5 and 500),
  catatan        text check (length(catatan) <= 500),
  dibuat_oleh    uuid,
  disetujui_oleh uuid,
  demo           boolean not null default false,
  primary key (tenant_id, id),
  unique (tenant_id, membatalkan_id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id),
  foreign key (tenant_id, nasabah_id) references bank_sampah_nasabah (tenant_id, id),
  foreign key (tenant_id, membatalkan_id) references bank_sampah_jurnal (tenant_id, id),
  check ((jenis = 'pembatalan') = (membatalkan_id is not null)),
  check ((jenis = 'pembatalan') = (alasan is not null)),
  check (jenis not in ('setoran', 'penarikan') or nasabah_id is not null)
);
create index bank_sampah_jurnal_bank on bank_sampah_jurnal (tenant_id, bank_id, waktu);
create index bank_sampah_jurnal_nasabah on bank_sampah_jurnal (tenant_id, nasabah_id, waktu) where nasabah_id is not null;
select balai_tenant_table('bank_sampah_jurnal');

-- Money lines: an integer amount of rupiah on one account; debit positive, credit negative.
create table bank_sampah_jurnal_baris (
  tenant_id text not null,
  jurnal_id uuid not null,
  no        smallint not null check (no > 0),
  akun_id   uuid not null,
  jumlah    bigint not null check (jumlah <> 0),
  primary key (tenant_id, jurnal_id, no),
  foreign key (tenant_id, jurnal_id) references bank_sampah_jurnal (tenant_id, id),
  foreign key (tenant_id, akun_id) references bank_sampah_akun (tenant_id, id)
);
create index bank_sampah_jurnal_baris_akun on bank_sampah_jurnal_baris (tenant_id, akun_id);
select balai_tenant_table('bank_sampah_jurnal_baris');

-- Stock lines: a quantity of one item in or out (negative), with its value in rupiah.
-- For a deposit the line also keeps the price in force at that moment.
create table bank_sampah_stok_baris (
  tenant_id     text not null,
  jurnal_id     uuid not null,
  no            smallint not null check (no > 0),
  bank_id       uuid not null,
  jenis_kode    text not null,
  kategori_kode text not null references sampah_kategori (kode),
  satuan        text not null check (satuan in ('kg', 'liter', 'pcs')),
  kondisi       text check (kondisi in ('bersih', 'kotor')),
  kuantitas     numeric(14, 3) not null check (kuantitas <> 0),
  kg            numeric(14, 3) not null,
  harga_satuan  bigint check (harga_satuan >= 0),
  nilai         bigint not null,
  primary key (tenant_id, jurnal_id, no),
  foreign key (tenant_id, jurnal_id) references bank_sampah_jurnal (tenant_id, id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
create index bank_sampah_stok_baris_item on bank_sampah_stok_baris (tenant_id, bank_id, jenis_kode);
select balai_tenant_table('bank_sampah_stok_baris');

do $$
declare t text;
begin
  foreach t in array array['bank_sampah_jurnal', 'bank_sampah_jurnal_baris', 'bank_sampah_stok_baris'] loop
    execute format('revoke update, delete on %I from balai_app', t);
    execute format('create trigger append_only before update or delete on %I for each row execute function balai_append_only()', t);
    execute format('create trigger append_only_truncate before truncate on %I for each statement execute function balai_append_only()', t);
  end loop;
end $$;

-- At commit, every entry must have lines, and its money lines must sum to zero.
create or replace function bank_sampah_jurnal_seimbang_entri() returns trigger language plpgsql as $$
declare
  total numeric;
  n integer;
begin
  select coalesce(sum(jumlah), 0), count(*) into total, n
    from bank_sampah_jurnal_baris where tenant_id = new.tenant_id and jurnal_id = new.id;
  if n = 0 and not exists (select 1 from bank_sampah_stok_baris where tenant_id = new.tenant_id and jurnal_id = new.id) then
    raise exception 'journal entry % has no lines', new.id using errcode = 'check_violation';
  end if;
  if total <> 0 then
    raise exception 'journal entry % does not balance: lines sum to %', new.id, total using errcode = 'check_violation';
  end if;
  return null;
end $$;
create or replace function bank_sampah_jurnal_seimbang_baris() returns trigger language plpgsql as $$
declare
  total numeric;
begin
  select coalesce(sum(jumlah), 0) into total
    from bank_sampah_jurnal_baris where tenant_id = new.tenant_id and jurnal_id = new.jurnal_id;
  if total <> 0 then
    raise exception 'journal entry % does not balance: lines sum to %', new.jurnal_id, total using errcode = 'check_violation';
  end if;
  return null;
end $$;
create constraint trigger seimbang after insert on bank_sampah_jurnal
  deferrable initially deferred for each row execute function bank_sampah_jurnal_seimbang_entri();
create constraint trigger seimbang after insert on bank_sampah_jurnal_baris
  deferrable initially deferred for each row execute function bank_sampah_jurnal_seimbang_baris();

-- Withdrawals above a bank's threshold wait for a second person's approval; once approved they
-- are posted (the balance is checked again then). A request is not money: it may change status.
create table bank_sampah_pengajuan (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  bank_id      uuid not null,
  nasabah_id   uuid not null,
  jumlah       bigint not null check (jumlah > 0),
  catatan      text check (length(catatan) <= 500),
  status       text not null default 'menunggu' check (status in ('menunggu', 'disetujui', 'ditolak')),
  diajukan_oleh uuid not null,
  diputus_oleh uuid,
  diputus_at   timestamptz,
  alasan_tolak text check (length(alasan_tolak) <= 500),
  jurnal_id    uuid,
  created_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id),
  foreign key (tenant_id, nasabah_id) references bank_sampah_nasabah (tenant_id, id),
  foreign key (tenant_id, jurnal_id) references bank_sampah_jurnal (tenant_id, id)
);
select balai_tenant_table('bank_sampah_pengajuan');

-- Idempotency keys: a replay returns the original result — an entry, a request, or the refusal
-- (ditolak: status and problem) — and the same key with another body is refused.
create table bank_sampah_idempotensi (
  tenant_id  text not null,
  bank_id    uuid not null,
  kunci      text not null check (length(kunci) between 8 and 100),
  isi_sha256 text not null,
  operasi    text not null,
  hasil_id   uuid not null,
  ditolak    jsonb,
  created_at timestamptz not null default now(),
  primary key (tenant_id, bank_id, kunci),
  foreign key (tenant_id, bank_id) references bank_sampah (tenant_id, id)
);
select balai_tenant_table('bank_sampah_idempotensi');
revoke update, delete on bank_sampah_idempotensi from balai_app;
grant update (ditolak) on bank_sampah_idempotensi to balai_app;
