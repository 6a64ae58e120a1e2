/**
 * Tables of the tonnage accounting (db/migrations/0007_sampah_tonase.sql and
 * 0009_sampah_penduduk_kecamatan.sql).
 */
import type { ColumnType, Generated } from 'kysely';
import type { JenisCatatan } from './tonase-schemas.ts';

type Numeric = ColumnType<string, string | number, string | number>;

export interface SampahTonaseTahunTable {
  tenant_id: string;
  tahun: number;
  /** kg per person per day. */
  laju_timbulan: Numeric;
  /** Percent of timbulan. */
  target_pengurangan: Numeric;
  target_penanganan: Numeric;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SampahTonaseCatatanTable {
  tenant_id: string;
  id: Generated<string>;
  /** WIB date (YYYY-MM-DD). */
  tanggal: ColumnType<string, string, string>;
  kecamatan_kode: string | null;
  jenis: JenisCatatan;
  ton: Numeric;
  keterangan: string | null;
  dicatat_oleh: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

/** Population of a kecamatan in a year, as the city set it. */
export interface SampahPendudukKecamatanTable {
  tenant_id: string;
  tahun: number;
  kecamatan_kode: string;
  penduduk: number;
  sumber: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TonaseTables {
  sampah_tonase_tahun: SampahTonaseTahunTable;
  sampah_tonase_catatan: SampahTonaseCatatanTable;
  sampah_penduduk_kecamatan: SampahPendudukKecamatanTable;
}
