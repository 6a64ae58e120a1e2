/** Tables owned by the umkm module (see db/migrations/0011_umkm.sql). Rupiah are bigint, read as numbers. */
import type { ColumnType, Generated } from 'kysely';
import type { KelasUsaha, Kriteria } from './kelas.ts';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** A DATE column: 'YYYY-MM-DD' both ways (no time zone). */
type Tanggal = ColumnType<string, string, string>;
type TanggalOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type DecimalOrNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type JsonOrNull<T> = ColumnType<T | null, string | null | undefined, string | null>;

export const STATUS_USAHA = ['draf', 'diajukan', 'dikembalikan', 'terverifikasi', 'ditolak'] as const;
export type StatusUsaha = (typeof STATUS_USAHA)[number];

export const JENIS_LEGALITAS = ['nib', 'npwp', 'pirt', 'halal', 'bpom', 'sni', 'merek'] as const;
export type JenisLegalitas = (typeof JENIS_LEGALITAS)[number];

export const KATEGORI_PRODUK = [
  'makanan',
  'minuman',
  'fesyen',
  'kerajinan',
  'pertanian',
  'kecantikan',
  'rumah_tangga',
  'jasa',
  'lainnya',
] as const;
export type KategoriProduk = (typeof KATEGORI_PRODUK)[number];

export const STATUS_EKATALOG = ['belum_siap', 'siap', 'diajukan', 'tayang'] as const;
export type StatusEkatalog = (typeof STATUS_EKATALOG)[number];

export const STATUS_IMPOR = [
  'diperiksa',
  'pratinjau',
  'mengimpor',
  'gagal',
  'diimpor',
  'dibatalkan',
] as const;
export type StatusImpor = (typeof STATUS_IMPOR)[number];

/** A business's class by PP 7/2021 (the list is KELAS_USAHA in kelas.ts). */
export type Kelas = KelasUsaha;

export const ASAL_PRODUK = ['lokal', 'impor'] as const;
export type AsalProduk = (typeof ASAL_PRODUK)[number];

export interface UmkmUsahaTable {
  tenant_id: string;
  id: Generated<string>;
  slug: string;
  nama: string;
  deskripsi: string | null;
  nib: string | null;
  npwp: string | null;
  pemilik_user_id: string | null;
  pemilik_nama: string;
  nik_enc: string | null;
  nik_samaran: string | null;
  telepon: string | null;
  email: string | null;
  alamat: string | null;
  kecamatan_kode: string;
  kelurahan_kode: string;
  rw_id: string | null;
  lat: number | null;
  lng: number | null;
  tahun_berdiri: number | null;
  jumlah_pekerja: number | null;
  sektor: string | null;
  kelas: Kelas | null;
  umkm_center: Generated<boolean>;
  sentra: string | null;
  inkubator: string | null;
  status: Generated<StatusUsaha>;
  diverifikasi_oleh: string | null;
  diverifikasi_at: Date | null;
  sikap: Generated<boolean>;
  kswp_valid: Generated<boolean>;
  kswp_dicek: TanggalOrNull;
  /** tsvector of the business's name (A) and description (C); written with SQL by indeksUsaha. */
  cari: ColumnType<string, never, never>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface UmkmUsahaKbliTable {
  tenant_id: string;
  usaha_id: string;
  versi: string;
  kode: string;
  utama: Generated<boolean>;
}

export interface UmkmKeuanganTable {
  tenant_id: string;
  usaha_id: string;
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  pekerja: number | null;
  kelas: Kelas;
  dasar: Kriteria;
  updated_at: Updated;
}

export interface UmkmLegalitasTable {
  tenant_id: string;
  id: Generated<string>;
  usaha_id: string;
  jenis: JenisLegalitas;
  nomor: string;
  terbit: TanggalOrNull;
  berlaku_sampai: TanggalOrNull;
  keterangan: string | null;
  created_at: Generated<Date>;
}

export interface UmkmUsahaLangkahTable {
  tenant_id: string;
  id: Generated<number>;
  usaha_id: string;
  status: StatusUsaha;
  catatan: string | null;
  oleh: string | null;
  at: Generated<Date>;
}

export interface UmkmProdukTable {
  tenant_id: string;
  id: Generated<string>;
  usaha_id: string;
  slug: string;
  nama: string;
  deskripsi: string | null;
  kategori: KategoriProduk;
  harga: number;
  satuan: string;
  tersedia: Generated<boolean>;
  sku: string | null;
  merek: string | null;
  asal: Generated<AsalProduk>;
  tkdn: DecimalOrNull;
  kbli_versi: string | null;
  kbli_kode: string | null;
  halal: Generated<boolean>;
  sni: Generated<boolean>;
  bpom: Generated<boolean>;
  pirt: Generated<boolean>;
  ekatalog: Generated<StatusEkatalog>;
  nama_terkunci: Generated<boolean>;
  /** Waits for an officer's review before the public sees it (0022; the city's produk_ditinjau). */
  menunggu_tinjau: Generated<boolean>;
  /** tsvector; written with SQL (setweight(to_tsvector('simple', …))). */
  cari: ColumnType<string, never, never>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface UmkmFotoTable {
  tenant_id: string;
  id: Generated<string>;
  usaha_id: string;
  produk_id: string | null;
  urutan: Generated<number>;
  alt: string | null;
  lebar: number;
  tinggi: number;
  besar: Buffer;
  sedang: Buffer;
  kecil: Buffer;
  diunggah_oleh: string | null;
  created_at: Generated<Date>;
}

export interface UmkmEkatalogLangkahTable {
  tenant_id: string;
  id: Generated<number>;
  produk_id: string;
  status: StatusEkatalog;
  tanggal: Tanggal;
  catatan: string | null;
  oleh: string | null;
  at: Generated<Date>;
}

export interface UmkmKataTable {
  tenant_id: string;
  kata: string;
}

export interface BarisImpor {
  /** Spreadsheet row number (1 = the header). */
  baris: number;
  nib: string | null;
  nama: string | null;
  aksi: 'baru' | 'ubah' | null;
  /** The point (latitude, longitude) a valid row sets, if any (0022). */
  titik?: [number, number];
  errors: { kolom: string; pesan: string }[];
}

export interface UmkmImporTable {
  tenant_id: string;
  id: Generated<string>;
  nama_file: string;
  isi: Buffer;
  status: Generated<StatusImpor>;
  jumlah_baris: number | null;
  baris_valid: number | null;
  /**
   * Progress (0014, 0018): rows checked so far while 'diperiksa'; while 'mengimpor', rows
   * re-checked (up to jumlah_baris) and then jumlah_baris + rows written.
   */
  diproses: Generated<number>;
  laporan: JsonOrNull<BarisImpor[]>;
  hasil: JsonOrNull<{ baru: number; diubah: number }>;
  /** Why a confirmed import is back at 'pratinjau' (a message key, 0018), else null. */
  catatan: string | null;
  dibuat_oleh: string | null;
  created_at: Generated<Date>;
  updated_at: Updated;
}

/** A table kept by triggers and only read here: every column read-only. */
type Derived<T> = { [K in keyof T]: ColumnType<T[K], never, never> };

/**
 * Derived (0015_umkm_cari_cepat.sql): one row per product of the public catalogue, kept by
 * triggers on its sources; written only by them (read-only here).
 */
export type UmkmKatalogTable = Derived<{
  tenant_id: string;
  produk_id: string;
  usaha_id: string;
  created_at: Date;
  kecamatan_kode: string;
  sektor: string | null;
  kelas: Kelas | null;
  kategori: KategoriProduk;
  halal: boolean;
  /** Halal for the filter until this date ('infinity': own mark or no expiry); null: not halal. */
  halal_sampai: string | null;
  ada_foto: boolean;
  cari: string;
}>;

/** Derived (0015_umkm_cari_cepat.sql): one row per verified business, kept by a trigger. */
export type UmkmKatalogUsahaTable = Derived<{
  tenant_id: string;
  usaha_id: string;
  nama: string;
  /** The name in lower case without accents, for trigram similarity. */
  nama_cari: string;
  kecamatan_kode: string;
  sektor: string | null;
  kelas: Kelas | null;
  cari: string;
}>;

/** A city's UMKM settings (0022): one row per city, absent for the defaults. */
export interface UmkmPengaturanTable {
  tenant_id: string;
  /** New products of verified businesses wait for an officer's approval before going public. */
  produk_ditinjau: Generated<boolean>;
  updated_at: Updated;
}

export interface UmkmTables {
  umkm_usaha: UmkmUsahaTable;
  umkm_usaha_kbli: UmkmUsahaKbliTable;
  umkm_keuangan: UmkmKeuanganTable;
  umkm_legalitas: UmkmLegalitasTable;
  umkm_usaha_langkah: UmkmUsahaLangkahTable;
  umkm_produk: UmkmProdukTable;
  umkm_foto: UmkmFotoTable;
  umkm_ekatalog_langkah: UmkmEkatalogLangkahTable;
  umkm_kata: UmkmKataTable;
  umkm_impor: UmkmImporTable;
  umkm_katalog: UmkmKatalogTable;
  umkm_katalog_usaha: UmkmKatalogUsahaTable;
  umkm_pengaturan: UmkmPengaturanTable;
}

declare module '../../platform/db/schema.ts' {
  // The module's tables join the app's Database type (declared by the platform).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends UmkmTables {}
}
