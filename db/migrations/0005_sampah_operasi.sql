-- Sampah, operations: the city's waste facilities (collection points, TPS, TPST/TPS3R, machines,
-- the TPA with its daily trip quota), its vehicles and shifts, and the trip log (ritase).
-- A trip's date is the WIB calendar date of its arrival; the TPA quota counts trips by that date.

create table sampah_fasilitas (
  tenant_id          text not null references tenants (id),
  id                 uuid not null default gen_random_uuid(),
  jenis              text not null check (jenis in ('titik_kumpul', 'tps', 'tpst', 'tps3r', 'mesin', 'tpa')),
  -- The kind of machine (only for jenis mesin).
  subjenis           text check (subjenis in ('incinerator', 'pirolisis', 'rdf', 'maggot', 'kompos')),
  nama               text not null check (length(nama) between 3 and 120),
  -- Where it is in the city; a TPA may lie outside the city (both null).
  kecamatan_kode     text references wilayah (kode),
  kelurahan_kode     text references wilayah (kode),
  lat                double precision check (lat between -90 and 90),
  lng                double precision check (lng between -180 and 180),
  kapasitas_ton_hari numeric(10, 2) check (kapasitas_ton_hari >= 0),
  status             text not null default 'aktif' check (status in ('aktif', 'rusak', 'rencana')),
  operator           text check (length(operator) <= 120),
  -- Trips the TPA accepts from the city per day (only for jenis tpa).
  kuota_rit_harian   integer check (kuota_rit_harian between 1 and 10000),
  demo               boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, nama),
  check ((jenis = 'mesin') = (subjenis is not null)),
  check (jenis = 'tpa' or kuota_rit_harian is null),
  check ((lat is null) = (lng is null)),
  check (kecamatan_kode is null or kecamatan_kode like tenant_id || '.%'),
  check (kelurahan_kode is null or (kecamatan_kode is not null and kelurahan_kode like kecamatan_kode || '.%'))
);
select balai_tenant_table('sampah_fasilitas');

create table sampah_kendaraan (
  tenant_id     text not null references tenants (id),
  id            uuid not null default gen_random_uuid(),
  jenis         text not null check (jenis in ('pacman', 'dump_truck', 'arm_roll', 'compactor', 'pickup', 'roda_tiga')),
  -- Stored normalised: "D 1234 ABC".
  plat_nomor    text not null check (plat_nomor ~ '^[A-Z]{1,2} [0-9]{1,4}( [A-Z]{1,3})?$'),
  kapasitas_m3  numeric(6, 2) not null check (kapasitas_m3 > 0 and kapasitas_m3 <= 100),
  kapasitas_ton numeric(6, 2) not null check (kapasitas_ton > 0 and kapasitas_ton <= 60),
  status        text not null default 'aktif' check (status in ('aktif', 'rusak', 'nonaktif')),
  demo          boolean not null default false,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, plat_nomor)
);
select balai_tenant_table('sampah_kendaraan');

create table sampah_shift (
  tenant_id  text not null references tenants (id),
  id         uuid not null default gen_random_uuid(),
  nama       text not null check (length(nama) between 2 and 60),
  mulai      time not null,
  demo       boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, nama)
);
select balai_tenant_table('sampah_shift');

-- One trip of a vehicle: from one or more collection points to a destination.
create table sampah_ritase (
  tenant_id      text not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  kendaraan_id   uuid not null,
  shift_id       uuid not null,
  tujuan_id      uuid not null,
  ton            numeric(8, 3) not null check (ton >= 0),
  berangkat      timestamptz not null,
  tiba           timestamptz not null,
  -- WIB date of the arrival.
  tanggal        date not null,
  -- Recorded beyond the destination TPA's daily quota.
  melebihi_kuota boolean not null default false,
  catatan        text check (length(catatan) <= 500),
  dicatat_oleh   uuid,
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, kendaraan_id) references sampah_kendaraan (tenant_id, id),
  foreign key (tenant_id, shift_id) references sampah_shift (tenant_id, id),
  foreign key (tenant_id, tujuan_id) references sampah_fasilitas (tenant_id, id),
  foreign key (tenant_id, dicatat_oleh) references users (tenant_id, id),
  check (tiba > berangkat)
);
create index sampah_ritase_tujuan_tanggal on sampah_ritase (tenant_id, tujuan_id, tanggal);
create index sampah_ritase_tanggal on sampah_ritase (tenant_id, tanggal);
select balai_tenant_table('sampah_ritase');

create table sampah_ritase_asal (
  tenant_id    text not null,
  ritase_id    uuid not null,
  fasilitas_id uuid not null,
  primary key (tenant_id, ritase_id, fasilitas_id),
  foreign key (tenant_id, ritase_id) references sampah_ritase (tenant_id, id) on delete cascade,
  foreign key (tenant_id, fasilitas_id) references sampah_fasilitas (tenant_id, id)
);
select balai_tenant_table('sampah_ritase_asal');
