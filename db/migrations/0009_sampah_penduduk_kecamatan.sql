-- Sampah, tonnage: population of each kecamatan per year, as the city sets it (for example from
-- BPS "Kecamatan Dalam Angka"). The wilayah reference holds population only for the city as a
-- whole; with these figures the timbulan of each kecamatan can be estimated (population × the
-- year's generation rate). A kecamatan without a figure for a year falls back to the reference.
create table sampah_penduduk_kecamatan (
  tenant_id      text not null references tenants (id),
  tahun          integer not null check (tahun between 2000 and 2100),
  kecamatan_kode text not null references wilayah (kode),
  penduduk       integer not null check (penduduk between 0 and 5000000),
  -- Where the figure comes from, e.g. "BPS Kecamatan Dalam Angka 2025".
  sumber         text check (length(sumber) <= 200),
  demo           boolean not null default false,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, tahun, kecamatan_kode),
  check (kecamatan_kode like tenant_id || '.%')
);
select balai_tenant_table('sampah_penduduk_kecamatan');
