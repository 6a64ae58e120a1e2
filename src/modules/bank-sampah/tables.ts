/** Tables owned by the bank sampah module (see db/migrations/0004_bank_sampah.sql). */
import type { ColumnType, Generated } from 'kysely';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns arrive as strings (exact decimals); write strings or numbers. */
type Decimal = ColumnType<string, string | number, string | number>;

export type Satuan = 'kg' | 'liter' | 'pcs';
export type Kondisi = 'bersih' | 'kotor';
export type JenisJurnal = 'setoran' | 'penarikan' | 'penjualan' | 'pencairan' | 'pembatalan';

export interface SampahKategoriTable {
  kode: string;
  nama_id: string;
  nama_en: string;
  urutan: number;
}

export interface SampahJenisTable {
  kode: string;
  kategori_kode: string;
  nama_id: string;
  nama_en: string;
  satuan: Satuan;
  kg_per_satuan: Decimal;
  urutan: number;
}

export interface BankSampahTable {
  tenant_id: string;
  id: Generated<string>;
  kode: string;
  nama: string;
  tingkat: 'unit' | 'induk';
  lembaga: Generated<'rw' | 'sekolah' | 'kantor' | 'pasar' | 'lainnya'>;
  rw_id: string | null;
  kelurahan_kode: string | null;
  area_kode: string;
  induk_id: string | null;
  alamat: string | null;
  jam_buka: string | null;
  telepon: string | null;
  ambang_persetujuan: number | null;
  /** Deposit limits: kg per line and rupiah per deposit; above either, a second person approves. */
  batas_baris_kg: ColumnType<string, string | number | undefined, string | number>;
  batas_setoran: ColumnType<number, number | undefined, number>;
  bagi_hasil_persen: ColumnType<string, string | number | undefined, string | number>;
  warisi_harga_induk: Generated<boolean>;
  aktif: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface BankSampahPengurusTable {
  tenant_id: string;
  bank_id: string;
  user_id: string;
  jabatan: 'ketua' | 'teller' | 'bendahara';
  /** Who appointed them (null for appointments made before this was kept). */
  diangkat_oleh: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export interface BankSampahJenisTable {
  tenant_id: string;
  kode: string;
  bank_id: string;
  kategori_kode: string;
  nama: string;
  satuan: Satuan;
  kg_per_satuan: Decimal;
  created_at: Generated<Date>;
}

export interface BankSampahHargaTable {
  tenant_id: string;
  id: Generated<string>;
  bank_id: string;
  jenis_kode: string;
  kondisi: Kondisi;
  harga: number | null;
  berlaku_mulai: ColumnType<Date, Date | string, never>;
  dibuat_oleh: string | null;
  created_at: Generated<Date>;
}

export interface BankSampahNasabahTable {
  tenant_id: string;
  id: Generated<string>;
  bank_id: string;
  nomor: string;
  jenis: 'rumah_tangga' | 'lembaga' | 'bank_unit';
  nama: string;
  rw_id: string | null;
  alamat: string | null;
  telepon: string | null;
  nik_enc: string | null;
  nik_samaran: string | null;
  nik_tujuan: string | null;
  user_id: string | null;
  bank_unit_id: string | null;
  aktif: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface BankSampahAkunTable {
  tenant_id: string;
  id: Generated<string>;
  bank_id: string;
  kunci: string;
  created_at: Generated<Date>;
}

export interface BankSampahJurnalTable {
  tenant_id: string;
  id: string;
  bank_id: string;
  nomor: Generated<number>;
  jenis: JenisJurnal;
  waktu: ColumnType<Date, Date | string | undefined, never>;
  nasabah_id: string | null;
  rw_id: string | null;
  pembeli_bank_id: string | null;
  pembeli_nama: string | null;
  terkait_id: string | null;
  membatalkan_id: string | null;
  alasan: string | null;
  catatan: string | null;
  dibuat_oleh: string | null;
  disetujui_oleh: string | null;
  demo: Generated<boolean>;
}

export interface BankSampahJurnalBarisTable {
  tenant_id: string;
  jurnal_id: string;
  no: number;
  akun_id: string;
  jumlah: number;
}

export interface BankSampahStokBarisTable {
  tenant_id: string;
  jurnal_id: string;
  no: number;
  bank_id: string;
  jenis_kode: string;
  kategori_kode: string;
  satuan: Satuan;
  kondisi: Kondisi | null;
  kuantitas: Decimal;
  kg: Decimal;
  harga_satuan: number | null;
  nilai: number;
}

export interface BankSampahPengajuanTable {
  tenant_id: string;
  id: Generated<string>;
  bank_id: string;
  nasabah_id: string;
  /** A withdrawal, or a deposit above the bank's limits (its lines in baris). */
  jenis: Generated<JenisPengajuan>;
  baris: ColumnType<PengajuanBaris[] | null, string | null | undefined, never>;
  jumlah: number;
  catatan: string | null;
  status: Generated<'menunggu' | 'disetujui' | 'ditolak'>;
  diajukan_oleh: string;
  diputus_oleh: string | null;
  diputus_at: Date | null;
  alasan_tolak: string | null;
  jurnal_id: string | null;
  created_at: Generated<Date>;
}

export interface BankSampahIdempotensiTable {
  tenant_id: string;
  bank_id: string;
  kunci: string;
  isi_sha256: string;
  operasi: string;
  hasil_id: string;
  ditolak: ColumnType<Penolakan | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export type JenisPengajuan = 'penarikan' | 'setoran';

/** A deposit line as entered, kept with a deposit request until it is approved. */
export interface PengajuanBaris {
  jenisKode: string;
  kondisi: Kondisi;
  kuantitas: string;
}

/** Per bank: the last entry number given (entries are numbered per bank by a trigger). */
export interface BankSampahNomorTable {
  tenant_id: string;
  bank_id: string;
  terakhir: number;
}

/** A refused operation, kept with its idempotency key so a retry gets the same answer. */
export interface Penolakan {
  status: number;
  titleKey: string;
  params?: Record<string, string | number>;
  errors?: { pointer: string; detail: string }[];
}

/** Derived: kg recovered per WIB day and kecamatan ('' without an RW), kept by a trigger. */
export interface BankSampahPemulihanHarianTable {
  tenant_id: string;
  tanggal: ColumnType<string, string, string>;
  kecamatan_kode: string;
  kg: ColumnType<string, string, string>;
}

export interface BankSampahTables {
  sampah_kategori: SampahKategoriTable;
  sampah_jenis: SampahJenisTable;
  bank_sampah: BankSampahTable;
  bank_sampah_pengurus: BankSampahPengurusTable;
  bank_sampah_jenis: BankSampahJenisTable;
  bank_sampah_harga: BankSampahHargaTable;
  bank_sampah_nasabah: BankSampahNasabahTable;
  bank_sampah_akun: BankSampahAkunTable;
  bank_sampah_jurnal: BankSampahJurnalTable;
  bank_sampah_jurnal_baris: BankSampahJurnalBarisTable;
  bank_sampah_stok_baris: BankSampahStokBarisTable;
  bank_sampah_pengajuan: BankSampahPengajuanTable;
  bank_sampah_idempotensi: BankSampahIdempotensiTable;
  bank_sampah_nomor: BankSampahNomorTable;
  bank_sampah_pemulihan_harian: BankSampahPemulihanHarianTable;
}

declare module '../../platform/db/schema.ts' {
  // The module's tables join the app's Database type (declared by the platform).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends BankSampahTables {}
}
