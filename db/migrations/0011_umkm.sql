-- UMKM: the registry of micro, small and medium businesses (profile, KBLI codes, yearly figures
-- and class by PP 7/2021, legality documents, verification), their products and photos, the
-- e-Katalog pipeline per product, and spreadsheet imports. The public catalogue reads verified
-- businesses and their available products; search uses a tsvector built from text stemmed by the
-- application (Indonesian stemmer) plus a vocabulary for typo correction (pg_trgm).

create extension if not exists pg_trgm;
create extension if not exists btree_gin;

-- ---- Businesses ----

create table umkm_usaha (
  tenant_id        text not null references tenants (id),
  id               uuid not null default gen_random_uuid(),
  -- Public address of the business page: /:city/umkm/u/<slug>.
  slug             text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 90),
  nama             text not null check (length(nama) between 2 and 160),
  deskripsi        text check (length(deskripsi) <= 4000),
  -- Nomor Induk Berusaha (OSS): 13 digits, one per business; absent while not yet registered.
  nib              text check (nib ~ '^[0-9]{13}$'),
  -- NPWP: 15 digits (old format) or 16 (NIK-based / company with leading 0).
  npwp             text check (npwp ~ '^[0-9]{15,16}$'),
  -- The owner's account (registration by the owner), absent for a business imported by officers.
  pemilik_user_id  uuid,
  pemilik_nama     text not null check (length(pemilik_nama) between 2 and 120),
  -- Owner's NIK: AES-256-GCM ciphertext and the masked form (3273********0001); full NIK only
  -- for umkm.nik, and every read is audited.
  nik_enc          text,
  nik_samaran      text check (nik_samaran ~ '^[0-9]{4}\*{8}[0-9]{4}$'),
  telepon          text check (telepon ~ '^\+?[0-9]{8,15}$'),
  email            text check (length(email) <= 200),
  alamat           text check (length(alamat) <= 300),
  kecamatan_kode   text not null references wilayah (kode),
  kelurahan_kode   text not null references wilayah (kode),
  rw_id            uuid,
  lat              double precision check (lat between -90 and 90),
  lng              double precision check (lng between -180 and 180),
  tahun_berdiri    integer check (tahun_berdiri between 1900 and 2100),
  jumlah_pekerja   integer check (jumlah_pekerja between 0 and 100000),
  -- KBLI section (A..U) of the main KBLI code: the "sector" of filters and dashboards.
  sektor           text check (sektor ~ '^[A-U]$'),
  -- Class of the latest yearly figures (umkm_keuangan), kept here for filters and dashboards.
  kelas            text check (kelas in ('mikro', 'kecil', 'menengah', 'besar')),
  -- Memberships: the city's UMKM Center, a sentra kuliner, an incubator (names).
  umkm_center      boolean not null default false,
  sentra           text check (length(sentra) <= 120),
  inkubator        text check (length(inkubator) <= 120),
  status           text not null default 'draf'
                   check (status in ('draf', 'diajukan', 'dikembalikan', 'terverifikasi', 'ditolak')),
  diverifikasi_oleh uuid,
  diverifikasi_at  timestamptz,
  -- e-Katalog: registered in SIKaP, tax status valid (KSWP), and the date checked.
  sikap            boolean not null default false,
  kswp_valid       boolean not null default false,
  kswp_dicek       date,
  demo             boolean not null default false,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, slug),
  foreign key (tenant_id, pemilik_user_id) references users (tenant_id, id),
  foreign key (tenant_id, rw_id) references rw (tenant_id, id),
  check (kecamatan_kode like tenant_id || '.%' and kelurahan_kode like kecamatan_kode || '.%'),
  check ((nik_enc is null) = (nik_samaran is null)),
  check ((lat is null) = (lng is null))
);
create unique index umkm_usaha_nib on umkm_usaha (tenant_id, nib) where nib is not null;
create index umkm_usaha_pemilik on umkm_usaha (tenant_id, pemilik_user_id) where pemilik_user_id is not null;
create index umkm_usaha_status on umkm_usaha (tenant_id, status);
create index umkm_usaha_wilayah on umkm_usaha (tenant_id, kecamatan_kode, kelurahan_kode);
create index umkm_usaha_nama on umkm_usaha using gin (tenant_id, lower(nama) gin_trgm_ops);
select balai_tenant_table('umkm_usaha', array['nik_enc']);

-- KBLI codes of a business, each with its KBLI version (2020 now; 2025 is replacing it).
create table umkm_usaha_kbli (
  tenant_id  text not null,
  usaha_id   uuid not null,
  versi      text not null check (versi ~ '^[0-9]{4}$'),
  kode       text not null check (kode ~ '^[0-9]{5}$'),
  utama      boolean not null default false,
  primary key (tenant_id, usaha_id, versi, kode),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade
);
create unique index umkm_usaha_kbli_utama on umkm_usaha_kbli (tenant_id, usaha_id) where utama;
select balai_tenant_table('umkm_usaha_kbli');

-- Yearly figures: modal usaha (excluding land and buildings) and hasil penjualan tahunan, in
-- whole rupiah, with the class they give (PP 7/2021 Pasal 35) and the criterion that decided it.
create table umkm_keuangan (
  tenant_id   text not null,
  usaha_id    uuid not null,
  tahun       integer not null check (tahun between 1900 and 2100),
  modal       bigint check (modal >= 0),
  penjualan   bigint check (penjualan >= 0),
  pekerja     integer check (pekerja between 0 and 100000),
  kelas       text not null check (kelas in ('mikro', 'kecil', 'menengah', 'besar')),
  dasar       text not null check (dasar in ('modal', 'penjualan')),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, usaha_id, tahun),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade,
  check (modal is not null or penjualan is not null)
);
select balai_tenant_table('umkm_keuangan');

-- Legality documents with number and validity (berlaku_sampai null: no expiry).
create table umkm_legalitas (
  tenant_id      text not null,
  id             uuid not null default gen_random_uuid(),
  usaha_id       uuid not null,
  jenis          text not null check (jenis in ('nib', 'npwp', 'pirt', 'halal', 'bpom', 'sni', 'merek')),
  nomor          text not null check (length(nomor) between 3 and 60),
  terbit         date,
  berlaku_sampai date,
  keterangan     text check (length(keterangan) <= 300),
  created_at     timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, usaha_id, jenis, nomor),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade,
  check (berlaku_sampai is null or terbit is null or berlaku_sampai >= terbit)
);
select balai_tenant_table('umkm_legalitas');

-- Every step of a business's verification, with the officer's note or reason.
create table umkm_usaha_langkah (
  tenant_id  text not null,
  id         bigint generated always as identity,
  usaha_id   uuid not null,
  status     text not null check (status in ('draf', 'diajukan', 'dikembalikan', 'terverifikasi', 'ditolak')),
  catatan    text check (length(catatan) <= 2000),
  oleh       uuid,
  at         timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade
);
create index umkm_usaha_langkah_usaha on umkm_usaha_langkah (tenant_id, usaha_id, at);
select balai_tenant_table('umkm_usaha_langkah');
revoke update, delete on umkm_usaha_langkah from balai_app;

-- ---- Products ----

create table umkm_produk (
  tenant_id     text not null,
  id            uuid not null default gen_random_uuid(),
  usaha_id      uuid not null,
  slug          text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 90),
  nama          text not null check (length(nama) between 2 and 160),
  deskripsi     text check (length(deskripsi) <= 4000),
  kategori      text not null check (kategori in ('makanan', 'minuman', 'fesyen', 'kerajinan', 'pertanian',
                  'kecantikan', 'rumah_tangga', 'jasa', 'lainnya')),
  -- Whole rupiah per unit.
  harga         bigint not null check (harga between 0 and 1000000000000),
  satuan        text not null check (length(satuan) between 1 and 30),
  tersedia      boolean not null default true,
  -- e-Katalog product data.
  sku           text check (length(sku) between 1 and 60),
  merek         text check (length(merek) between 1 and 120),
  asal          text not null default 'lokal' check (asal in ('lokal', 'impor')),
  tkdn          numeric(5, 2) check (tkdn between 0 and 100),
  kbli_versi    text check (kbli_versi ~ '^[0-9]{4}$'),
  kbli_kode     text check (kbli_kode ~ '^[0-9]{5}$'),
  -- Certifications of the product itself.
  halal         boolean not null default false,
  sni           boolean not null default false,
  bpom          boolean not null default false,
  pirt          boolean not null default false,
  -- e-Katalog pipeline: belum_siap -> siap -> diajukan -> tayang; the name is fixed once submitted.
  ekatalog      text not null default 'belum_siap' check (ekatalog in ('belum_siap', 'siap', 'diajukan', 'tayang')),
  nama_terkunci boolean not null default false,
  -- Search document: weighted tsvector over stemmed name (A), category and brand (B), description (C).
  cari          tsvector not null default ''::tsvector,
  demo          boolean not null default false,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, slug),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade,
  check ((kbli_versi is null) = (kbli_kode is null)),
  check (ekatalog in ('belum_siap', 'siap') or nama_terkunci)
);
create index umkm_produk_usaha on umkm_produk (tenant_id, usaha_id);
create index umkm_produk_cari on umkm_produk using gin (tenant_id, cari);
create index umkm_produk_nama on umkm_produk using gin (tenant_id, lower(nama) gin_trgm_ops);
select balai_tenant_table('umkm_produk');

-- Photos of a product (or of the business when produk_id is null): the original re-encoded at
-- most 1600 px, a 640 px medium and a 240 px thumbnail, all WebP.
create table umkm_foto (
  tenant_id   text not null,
  id          uuid not null default gen_random_uuid(),
  usaha_id    uuid not null,
  produk_id   uuid,
  urutan      integer not null default 0,
  alt         text check (length(alt) <= 200),
  lebar       integer not null check (lebar > 0),
  tinggi      integer not null check (tinggi > 0),
  besar       bytea not null,
  sedang      bytea not null,
  kecil       bytea not null,
  diunggah_oleh uuid,
  created_at  timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, usaha_id) references umkm_usaha (tenant_id, id) on delete cascade,
  foreign key (tenant_id, produk_id) references umkm_produk (tenant_id, id) on delete cascade
);
create index umkm_foto_produk on umkm_foto (tenant_id, produk_id, urutan);
select balai_tenant_table('umkm_foto', array['besar', 'sedang', 'kecil']);

-- Steps of a product through the e-Katalog pipeline, with the date and the officer.
create table umkm_ekatalog_langkah (
  tenant_id  text not null,
  id         bigint generated always as identity,
  produk_id  uuid not null,
  status     text not null check (status in ('belum_siap', 'siap', 'diajukan', 'tayang')),
  tanggal    date not null,
  catatan    text check (length(catatan) <= 1000),
  oleh       uuid,
  at         timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, produk_id) references umkm_produk (tenant_id, id) on delete cascade
);
select balai_tenant_table('umkm_ekatalog_langkah');
revoke update, delete on umkm_ekatalog_langkah from balai_app;

-- Vocabulary of the stemmed words in product and business texts, for typo correction: a query
-- word not in it is replaced by its nearest word (trigram similarity).
create table umkm_kata (
  tenant_id  text not null,
  kata       text not null check (length(kata) between 1 and 60),
  primary key (tenant_id, kata)
);
create index umkm_kata_trgm on umkm_kata using gin (tenant_id, kata gin_trgm_ops);
select balai_tenant_table('umkm_kata');

-- ---- Spreadsheet imports ----

-- An uploaded XLSX/CSV: checked row by row into a preview (laporan), imported only when an
-- officer confirms; a re-import updates businesses by NIB.
create table umkm_impor (
  tenant_id    text not null,
  id           uuid not null default gen_random_uuid(),
  nama_file    text not null check (length(nama_file) between 1 and 200),
  isi          bytea not null,
  status       text not null default 'diperiksa'
               check (status in ('diperiksa', 'pratinjau', 'gagal', 'diimpor', 'dibatalkan')),
  jumlah_baris integer,
  baris_valid  integer,
  -- Row-by-row report: [{ baris, nib, nama, aksi: 'baru' | 'ubah', errors: [{ kolom, pesan }] }].
  laporan      jsonb,
  hasil        jsonb,
  dibuat_oleh  uuid,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, id)
);
select balai_tenant_table('umkm_impor', array['isi']);
