-- Sampah, area KBS (Kawasan Bebas Sampah): RW profiles, city-configured indicators and status
-- levels, assessments per RW and month with their verification, evidence photos, and the
-- history of each RW's KBS status.

-- What the waste programme knows of an RW, besides the wilayah register.
create table sampah_rw_profil (
  tenant_id          text not null,
  rw_id              uuid not null,
  jumlah_kk          integer check (jumlah_kk between 0 and 100000),
  penduduk           integer check (penduduk between 0 and 1000000),
  kontak_nama        text check (length(kontak_nama) <= 120),
  kontak_telepon     text check (kontak_telepon ~ '^\+?[0-9]{8,15}$'),
  pemilahan          boolean not null default false,
  pengomposan        boolean not null default false,
  maggot             boolean not null default false,
  jadwal_angkut      text check (length(jadwal_angkut) <= 200),
  demo               boolean not null default false,
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, rw_id),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id) on delete cascade
);
select balai_tenant_table('sampah_rw_profil');

-- The city's KBS indicators. A value meets an indicator when: ya_tidak, it is 1 (ya);
-- persen and angka, it is at least ambang. Computed indicators (sumber other than manual) take
-- their value from bank sampah.
create table sampah_kbs_indikator (
  tenant_id   text not null references tenants (id),
  id          uuid not null default gen_random_uuid(),
  kode        text not null check (kode ~ '^[A-Z0-9-]{1,20}$'),
  nama        text not null check (length(nama) between 3 and 160),
  deskripsi   text check (length(deskripsi) <= 1000),
  jenis       text not null check (jenis in ('ya_tidak', 'persen', 'angka')),
  ambang      numeric(14, 3) check (ambang >= 0),
  bukti_wajib boolean not null default false,
  bobot       integer not null check (bobot between 0 and 100),
  sumber      text not null default 'manual' check (sumber in ('manual', 'bank_sampah_aktif', 'kg_per_kk_bulan')),
  urutan      integer not null default 0,
  aktif       boolean not null default true,
  demo        boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, kode),
  check (jenis = 'ya_tidak' or ambang is not null),
  check (jenis <> 'persen' or ambang <= 100),
  check (sumber <> 'bank_sampah_aktif' or jenis = 'ya_tidak'),
  check (sumber <> 'kg_per_kk_bulan' or jenis = 'angka')
);
select balai_tenant_table('sampah_kbs_indikator');

-- Status levels, from the lowest (urutan 1). An RW reaches a level when its score is at least
-- min_skor and every indicator listed in indikator_wajib (kode) is met, and it reached every
-- lower level.
create table sampah_kbs_tingkat (
  tenant_id       text not null references tenants (id),
  id              uuid not null default gen_random_uuid(),
  nama            text not null check (length(nama) between 2 and 80),
  urutan          integer not null check (urutan between 1 and 20),
  min_skor        numeric(5, 2) not null check (min_skor between 0 and 100),
  indikator_wajib text[] not null default '{}',
  demo            boolean not null default false,
  created_at      timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, urutan),
  unique (tenant_id, nama)
);
select balai_tenant_table('sampah_kbs_tingkat');

-- An assessment of an RW for a month: draf -> diajukan -> (dikembalikan -> diajukan)* -> disetujui.
create table sampah_kbs_penilaian (
  tenant_id         text not null references tenants (id),
  id                uuid not null default gen_random_uuid(),
  rw_id             uuid not null,
  periode           text not null check (periode ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status            text not null default 'draf' check (status in ('draf', 'diajukan', 'dikembalikan', 'disetujui')),
  skor              numeric(5, 2),
  tingkat_id        uuid,
  catatan           text check (length(catatan) <= 2000),
  dibuat_oleh       uuid,
  diajukan_oleh     uuid,
  diajukan_at       timestamptz,
  diverifikasi_oleh uuid,
  diverifikasi_at   timestamptz,
  demo              boolean not null default false,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, rw_id, periode),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  foreign key (tenant_id, tingkat_id) references sampah_kbs_tingkat (tenant_id, id)
);
select balai_tenant_table('sampah_kbs_penilaian');
create index sampah_kbs_penilaian_status on sampah_kbs_penilaian (tenant_id, status);

create table sampah_kbs_nilai (
  tenant_id    text not null,
  penilaian_id uuid not null,
  indikator_id uuid not null,
  nilai        numeric(14, 3) not null check (nilai >= 0),
  -- Taken from bank sampah rather than entered.
  terhitung    boolean not null default false,
  primary key (tenant_id, penilaian_id, indikator_id),
  foreign key (tenant_id, penilaian_id) references sampah_kbs_penilaian (tenant_id, id) on delete cascade,
  foreign key (tenant_id, indikator_id) references sampah_kbs_indikator (tenant_id, id)
);
select balai_tenant_table('sampah_kbs_nilai');

-- Every step of an assessment, with the verifier's notes when it is returned.
create table sampah_kbs_langkah (
  tenant_id    text not null,
  id           bigint generated always as identity,
  penilaian_id uuid not null,
  status       text not null check (status in ('draf', 'diajukan', 'dikembalikan', 'disetujui')),
  catatan      text check (length(catatan) <= 2000),
  oleh         uuid,
  at           timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, penilaian_id) references sampah_kbs_penilaian (tenant_id, id) on delete cascade
);
select balai_tenant_table('sampah_kbs_langkah');

-- Evidence photos (bytes in the database, content-sniffed JPEG/PNG/WebP).
create table sampah_kbs_bukti (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  penilaian_id uuid not null,
  indikator_id uuid not null,
  nama_file    text not null check (length(nama_file) between 1 and 200),
  tipe         text not null check (tipe in ('image/jpeg', 'image/png', 'image/webp')),
  ukuran       integer not null check (ukuran between 1 and 5242880),
  isi          bytea not null,
  diunggah_oleh uuid,
  created_at   timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, penilaian_id) references sampah_kbs_penilaian (tenant_id, id) on delete cascade,
  foreign key (tenant_id, indikator_id) references sampah_kbs_indikator (tenant_id, id)
);
select balai_tenant_table('sampah_kbs_bukti', array['isi']);

-- The KBS status of each RW over time (append-only): the latest row is the current status;
-- tingkat_id null means the RW reached no level.
create table sampah_kbs_riwayat (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  rw_id        uuid not null,
  penilaian_id uuid,
  tingkat_id   uuid,
  skor         numeric(5, 2),
  berlaku_sejak timestamptz not null default now(),
  dicatat_oleh uuid,
  demo         boolean not null default false,
  primary key (tenant_id, id),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  foreign key (tenant_id, penilaian_id) references sampah_kbs_penilaian (tenant_id, id),
  foreign key (tenant_id, tingkat_id) references sampah_kbs_tingkat (tenant_id, id)
);
select balai_tenant_table('sampah_kbs_riwayat');
create index sampah_kbs_riwayat_rw on sampah_kbs_riwayat (tenant_id, rw_id, berlaku_sejak desc);
revoke update, delete on sampah_kbs_riwayat from balai_app;
create trigger append_only before update or delete on sampah_kbs_riwayat
  for each row execute function balai_append_only();
