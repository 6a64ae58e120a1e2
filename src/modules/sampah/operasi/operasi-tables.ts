/** Tables of the waste operations (see db/migrations/0005_sampah_operasi.sql). */
import type { ColumnType, Generated } from 'kysely';
import type {
  JenisFasilitas,
  JenisKendaraan,
  StatusFasilitas,
  StatusKendaraan,
  SubjenisMesin,
} from './operasi-schemas.ts';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns arrive as strings (exact decimals); write strings or numbers. */
type Decimal = ColumnType<string, string | number, string | number>;
type NullableDecimal = ColumnType<string | null, string | number | null, string | number | null>;
/** date columns arrive as YYYY-MM-DD strings. */
type Tanggal = ColumnType<string, string, string>;

export interface SampahFasilitasTable {
  tenant_id: string;
  id: Generated<string>;
  jenis: JenisFasilitas;
  subjenis: SubjenisMesin | null;
  nama: string;
  kecamatan_kode: string | null;
  kelurahan_kode: string | null;
  lat: number | null;
  lng: number | null;
  kapasitas_ton_hari: NullableDecimal;
  status: Generated<StatusFasilitas>;
  operator: string | null;
  kuota_rit_harian: number | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface SampahKendaraanTable {
  tenant_id: string;
  id: Generated<string>;
  jenis: JenisKendaraan;
  plat_nomor: string;
  kapasitas_m3: Decimal;
  kapasitas_ton: Decimal;
  status: Generated<StatusKendaraan>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface SampahShiftTable {
  tenant_id: string;
  id: Generated<string>;
  nama: string;
  /** time, "HH:MM:SS". */
  mulai: string;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SampahRitaseTable {
  tenant_id: string;
  id: Generated<string>;
  kendaraan_id: string;
  shift_id: string;
  tujuan_id: string;
  ton: Decimal;
  berangkat: ColumnType<Date, Date | string, Date | string>;
  tiba: ColumnType<Date, Date | string, Date | string>;
  tanggal: Tanggal;
  melebihi_kuota: Generated<boolean>;
  catatan: string | null;
  dicatat_oleh: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SampahRitaseAsalTable {
  tenant_id: string;
  ritase_id: string;
  fasilitas_id: string;
}

/** Derived: tonnes per WIB day, origin kecamatan ('' for none), origin and destination kinds; kept by a trigger. */
export interface SampahRitaseHarianTable {
  tenant_id: string;
  tanggal: ColumnType<string, string, string>;
  kecamatan_kode: string;
  asal_jenis: JenisFasilitas;
  tujuan_jenis: JenisFasilitas;
  ton: ColumnType<string, string, string>;
}

export interface OperasiTables {
  sampah_fasilitas: SampahFasilitasTable;
  sampah_kendaraan: SampahKendaraanTable;
  sampah_shift: SampahShiftTable;
  sampah_ritase: SampahRitaseTable;
  sampah_ritase_asal: SampahRitaseAsalTable;
  sampah_ritase_harian: SampahRitaseHarianTable;
}
