/** Tables of the Prakarsa RW funds (see db/migrations/0008_sampah_prakarsa.sql). Rupiah are bigint, read as numbers. */
import type { ColumnType, Generated } from 'kysely';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** A DATE column: 'YYYY-MM-DD' both ways (no time zone). */
type Tanggal = ColumnType<string, string, string>;
type DecimalOrNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export const KATEGORI_BELANJA = [
  'komposter',
  'maggot_bsf',
  'peralatan_bank_sampah',
  'wadah_pilah',
  'gerobak_motor',
  'pelatihan_sosialisasi',
  'lainnya',
] as const;
export type KategoriBelanja = (typeof KATEGORI_BELANJA)[number];

export interface SampahPrakarsaTahunTable {
  tenant_id: string;
  tahun: number;
  nominal_kbs: number;
  nominal_lain: number;
  /** Lowest KBS level (urutan) that counts as KBS; null: every level. */
  kbs_min_urutan: number | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface SampahPrakarsaAlokasiTable {
  tenant_id: string;
  id: Generated<string>;
  rw_id: string;
  tahun: number;
  jumlah: number;
  nominal_aturan: number;
  kbs: boolean;
  tingkat_id: string | null;
  alasan: string | null;
  dicatat_oleh: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SampahPrakarsaPencairanTable {
  tenant_id: string;
  id: Generated<string>;
  alokasi_id: string;
  tahap: number;
  tanggal: Tanggal;
  /** Negative for a reversal (membatalkan_id set). */
  jumlah: number;
  catatan: string | null;
  membatalkan_id: string | null;
  dicatat_oleh: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SampahPrakarsaBelanjaTable {
  tenant_id: string;
  id: Generated<string>;
  alokasi_id: string;
  tanggal: Tanggal;
  kategori: KategoriBelanja;
  uraian: string;
  /** Negative for a reversal (membatalkan_id set, reason in alasan). */
  jumlah: number;
  kuantitas: DecimalOrNull;
  satuan: string | null;
  alasan: string | null;
  membatalkan_id: string | null;
  dilaporkan_oleh: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface PrakarsaTables {
  sampah_prakarsa_tahun: SampahPrakarsaTahunTable;
  sampah_prakarsa_alokasi: SampahPrakarsaAlokasiTable;
  sampah_prakarsa_pencairan: SampahPrakarsaPencairanTable;
  sampah_prakarsa_belanja: SampahPrakarsaBelanjaTable;
}
