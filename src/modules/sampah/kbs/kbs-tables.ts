/** Tables of the KBS area (see db/migrations/0006_sampah_kbs.sql). */
import type { ColumnType, Generated } from 'kysely';
import type { JenisIndikator, StatusPenilaian, SumberIndikator, TipeFoto } from './indikator.ts';

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric columns arrive as strings (exact decimals); write strings or numbers. */
type Decimal = ColumnType<string, string | number, string | number>;
type DecimalOrNull = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface SampahRwProfilTable {
  tenant_id: string;
  rw_id: string;
  jumlah_kk: number | null;
  penduduk: number | null;
  kontak_nama: string | null;
  kontak_telepon: string | null;
  pemilahan: Generated<boolean>;
  pengomposan: Generated<boolean>;
  maggot: Generated<boolean>;
  jadwal_angkut: string | null;
  demo: Generated<boolean>;
  updated_at: Updated;
}

export interface SampahKbsIndikatorTable {
  tenant_id: string;
  id: Generated<string>;
  kode: string;
  nama: string;
  deskripsi: string | null;
  jenis: JenisIndikator;
  ambang: DecimalOrNull;
  bukti_wajib: Generated<boolean>;
  bobot: number;
  sumber: Generated<SumberIndikator>;
  urutan: Generated<number>;
  aktif: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface SampahKbsTingkatTable {
  tenant_id: string;
  id: Generated<string>;
  nama: string;
  urutan: number;
  min_skor: Decimal;
  indikator_wajib: ColumnType<string[], string[] | undefined, string[]>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface SampahKbsPenilaianTable {
  tenant_id: string;
  id: Generated<string>;
  rw_id: string;
  periode: string;
  status: Generated<StatusPenilaian>;
  skor: DecimalOrNull;
  tingkat_id: string | null;
  catatan: string | null;
  dibuat_oleh: string | null;
  diajukan_oleh: string | null;
  diajukan_at: Date | null;
  diverifikasi_oleh: string | null;
  diverifikasi_at: Date | null;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Updated;
}

export interface SampahKbsNilaiTable {
  tenant_id: string;
  penilaian_id: string;
  indikator_id: string;
  nilai: Decimal;
  terhitung: Generated<boolean>;
}

export interface SampahKbsLangkahTable {
  tenant_id: string;
  id: Generated<string>;
  penilaian_id: string;
  status: StatusPenilaian;
  catatan: string | null;
  oleh: string | null;
  at: Generated<Date>;
}

export interface SampahKbsBuktiTable {
  tenant_id: string;
  id: Generated<string>;
  penilaian_id: string;
  indikator_id: string;
  nama_file: string;
  tipe: TipeFoto;
  ukuran: number;
  isi: Buffer;
  diunggah_oleh: string | null;
  created_at: Generated<Date>;
}

export interface SampahKbsRiwayatTable {
  tenant_id: string;
  id: Generated<string>;
  rw_id: string;
  penilaian_id: string | null;
  tingkat_id: string | null;
  skor: DecimalOrNull;
  berlaku_sejak: ColumnType<Date, Date | string | undefined, never>;
  dicatat_oleh: string | null;
  demo: Generated<boolean>;
}

export interface KbsTables {
  sampah_rw_profil: SampahRwProfilTable;
  sampah_kbs_indikator: SampahKbsIndikatorTable;
  sampah_kbs_tingkat: SampahKbsTingkatTable;
  sampah_kbs_penilaian: SampahKbsPenilaianTable;
  sampah_kbs_nilai: SampahKbsNilaiTable;
  sampah_kbs_langkah: SampahKbsLangkahTable;
  sampah_kbs_bukti: SampahKbsBuktiTable;
  sampah_kbs_riwayat: SampahKbsRiwayatTable;
}
