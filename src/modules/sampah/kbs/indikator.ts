/**
 * The KBS indicator kinds and assessment statuses, declared once. Types, API unions, page option
 * lists and the per-kind rules derive from here; kbs.test.ts compares the lists with the CHECK
 * constraints of the database (db/migrations/0006_sampah_kbs.sql).
 */
import { oneOf } from '../../../platform/http/schemas.ts';

/** How an indicator is measured. */
export const JENIS_INDIKATOR = ['ya_tidak', 'persen', 'angka'] as const;
export type JenisIndikator = (typeof JENIS_INDIKATOR)[number];

/** Where an indicator's value comes from: typed in (manual) or computed from bank sampah. */
export const SUMBER_INDIKATOR = ['manual', 'bank_sampah_aktif', 'kg_per_kk_bulan'] as const;
export type SumberIndikator = (typeof SUMBER_INDIKATOR)[number];

/** Steps of an assessment. */
export const STATUS_PENILAIAN = ['draf', 'diajukan', 'dikembalikan', 'disetujui'] as const;
export type StatusPenilaian = (typeof STATUS_PENILAIAN)[number];

/** Photo types accepted as evidence. */
export const TIPE_FOTO = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type TipeFoto = (typeof TIPE_FOTO)[number];

/**
 * Per kind: the range of a value (bulat: whole numbers only), the unit shown after a threshold,
 * and the message key of a value out of range.
 */
export const JENIS_ATURAN: Record<
  JenisIndikator,
  { min: number; max: number; bulat: boolean; satuan: string; salah: string }
> = {
  ya_tidak: { min: 0, max: 1, bulat: true, satuan: '', salah: 'sampah.kbs.v.yaTidak' },
  persen: { min: 0, max: 100, bulat: false, satuan: ' %', salah: 'sampah.pengaturan.err.angka100' },
  angka: { min: 0, max: 1e9, bulat: false, satuan: '', salah: 'sampah.pengaturan.err.ambangAngka' },
};

/** Per source: the kind a computed source needs (null: any) and the message key when it differs. */
export const SUMBER_ATURAN: Record<SumberIndikator, { jenis: JenisIndikator | null; salah: string | null }> =
  {
    manual: { jenis: null, salah: null },
    bank_sampah_aktif: { jenis: 'ya_tidak', salah: 'sampah.pengaturan.err.sumberYaTidak' },
    kg_per_kk_bulan: { jenis: 'angka', salah: 'sampah.pengaturan.err.sumberAngka' },
  };

export const JenisSchema = oneOf(JENIS_INDIKATOR);
export const SumberSchema = oneOf(SUMBER_INDIKATOR);
export const StatusPenilaianSchema = oneOf(STATUS_PENILAIAN);
