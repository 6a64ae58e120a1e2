-- Regions (wilayah). Official kecamatan and kelurahan are reference data shared by all cities
-- (Kepmendagri codes); RW and RT are each city's own data.

create table wilayah (
  kode            text primary key check (kode ~ '^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$'),
  nama            text not null,
  tingkat         text not null check (tingkat in ('provinsi', 'kota', 'kecamatan', 'kelurahan')),
  induk           text references wilayah (kode),
  penduduk_pria   integer,
  penduduk_wanita integer,
  penduduk_total  integer,
  luas_km2        numeric(12, 3),
  lat             double precision,
  lng             double precision,
  batas           jsonb
);
create index wilayah_induk on wilayah (induk);
grant select on wilayah to balai_app;

-- Rukun Warga. The area code of an RW is <kode kelurahan>.<nomor, three digits>.
create table rw (
  tenant_id      text not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  kelurahan_kode text not null references wilayah (kode),
  nomor          integer not null check (nomor between 1 and 999),
  ketua_nama     text check (length(ketua_nama) <= 120),
  ketua_telepon  text check (ketua_telepon ~ '^\+?[0-9]{8,15}$'),
  jumlah_kk      integer check (jumlah_kk >= 0),
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kelurahan_kode, nomor),
  check (kelurahan_kode like tenant_id || '.%')
);
select balai_tenant_table('rw');

create table rt (
  tenant_id  text not null,
  id         uuid not null default gen_random_uuid(),
  rw_id      uuid not null,
  nomor      integer not null check (nomor between 1 and 999),
  ketua_nama text check (length(ketua_nama) <= 120),
  demo       boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, rw_id, nomor),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id) on delete cascade
);
select balai_tenant_table('rt');

-- An uploaded RW/RT list, imported by a background job: all rows or none.
create table wilayah_imports (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  user_id      uuid not null,
  file_name    text not null,
  file_type    text not null check (file_type in ('csv', 'xlsx')),
  content      bytea not null,
  status       text not null default 'menunggu' check (status in ('menunggu', 'diproses', 'berhasil', 'gagal')),
  total_rows   integer not null default 0,
  processed    integer not null default 0,
  created_rw   integer not null default 0,
  created_rt   integer not null default 0,
  errors       jsonb not null default '[]'::jsonb,
  created_at   timestamptz not null default now(),
  finished_at  timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select balai_tenant_table('wilayah_imports', array['content']);
