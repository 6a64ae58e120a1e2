import type { ColumnType, Generated } from 'kysely';

export interface WilayahTable {
  kode: string;
  nama: string;
  tingkat: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';
  induk: string | null;
  penduduk_pria: number | null;
  penduduk_wanita: number | null;
  penduduk_total: number | null;
  luas_km2: string | null;
  lat: number | null;
  lng: number | null;
  batas: ColumnType<unknown, string | null, string | null>;
}

export interface RwTable {
  tenant_id: string;
  id: Generated<string>;
  kelurahan_kode: string;
  nomor: number;
  ketua_nama: string | null;
  ketua_telepon: string | null;
  jumlah_kk: number | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RtTable {
  tenant_id: string;
  id: Generated<string>;
  rw_id: string;
  nomor: number;
  ketua_nama: string | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface WilayahImportsTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  file_name: string;
  file_type: 'csv' | 'xlsx';
  content: Buffer;
  status: Generated<'menunggu' | 'diproses' | 'berhasil' | 'gagal'>;
  total_rows: Generated<number>;
  processed: Generated<number>;
  created_rw: Generated<number>;
  created_rt: Generated<number>;
  errors: ColumnType<ImportRowError[], string | undefined, string>;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

/** One problem of an import: row as the spreadsheet shows it (1 = header, 0 = the whole file). */
export interface ImportRowError {
  row: number;
  column?: string;
  /** In Bahasa Indonesia. */
  message: string;
  /** Message key and parameters, to show the problem in the reader's language. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface WilayahTables {
  wilayah: WilayahTable;
  rw: RwTable;
  rt: RtTable;
  wilayah_imports: WilayahImportsTable;
}

declare module '../../platform/db/schema.ts' {
  // The module's tables join the app's Database type (declared by the platform).
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends WilayahTables {}
}
