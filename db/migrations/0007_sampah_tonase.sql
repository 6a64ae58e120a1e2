-- Sampah, tonnage (tonase): each city's yearly settings (generation rate, Jakstrada targets) and
-- manual tonnage entries per day (optionally per kecamatan). Bank sampah quantities and trips are
-- not copied here: the tonnage accounting reads them from those modules' services.

-- Yearly settings: the generation rate used to estimate timbulan from population, and the
-- city's Jakstrada targets (percent of timbulan reduced, handled).
create table sampah_tonase_tahun (
  tenant_id          text not null references tenants (id),
  tahun              integer not null check (tahun between 2000 and 2100),
  -- kg per person per day.
  laju_timbulan      numeric(6, 3) not null check (laju_timbulan > 0 and laju_timbulan <= 5),
  target_pengurangan numeric(5, 2) not null check (target_pengurangan between 0 and 100),
  target_penanganan  numeric(5, 2) not null check (target_penanganan between 0 and 100),
  demo               boolean not null default false,
  created_at         timestamptz not null default now(),
  updated_at         timestamptz not null default now(),
  primary key (tenant_id, tahun),
  check (target_pengurangan + target_penanganan <= 100)
);
select balai_tenant_table('sampah_tonase_tahun');

-- A manual tonnage entry for one WIB day, for a kecamatan or the city as a whole (null).
create table sampah_tonase_catatan (
  tenant_id      text not null references tenants (id),
  id             uuid not null default gen_random_uuid(),
  tanggal        date not null check (tanggal between date '2000-01-01' and date '2100-12-31'),
  kecamatan_kode text references wilayah (kode),
  jenis          text not null check (jenis in ('timbulan_terukur', 'pengurangan_kompos', 'pengurangan_maggot',
                   'pengurangan_lain', 'penanganan_angkut', 'penanganan_olah', 'penanganan_urug',
                   'daur_ulang', 'bahan_baku')),
  ton            numeric(12, 3) not null check (ton >= 0 and ton <= 100000),
  keterangan     text check (length(keterangan) <= 300),
  dicatat_oleh   uuid,
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, dicatat_oleh) references users (tenant_id, id),
  check (kecamatan_kode is null or kecamatan_kode like tenant_id || '.%')
);
create index sampah_tonase_catatan_tanggal on sampah_tonase_catatan (tenant_id, tanggal);
select balai_tenant_table('sampah_tonase_catatan');
