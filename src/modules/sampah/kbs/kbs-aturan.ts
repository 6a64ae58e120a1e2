/**
 * The KBS status rules, as pure functions (no database): whether a value meets an indicator,
 * the score of an assessment and the level it reaches.
 *
 *  - ya_tidak: met when the value is 1 (ya); persen and angka: met when the value is at least
 *    the indicator's ambang.
 *  - score: the weight (bobot) of the met indicators over the weight of all indicators, in
 *    percent with two decimals (0 when no indicator carries weight). A missing value is not met.
 *  - level: levels are climbed from the lowest urutan; the RW reaches a level when its score is
 *    at least min_skor and every required indicator (indikator_wajib, by kode) is met. It stops
 *    at the first level it does not reach, so a higher level needs all the lower ones. No level
 *    reached: null.
 */
import { JENIS_ATURAN, type JenisIndikator } from './indikator.ts';

export interface AturanIndikator {
  kode: string;
  jenis: JenisIndikator;
  ambang: number | null;
  bobot: number;
}

export interface AturanTingkat {
  id: string;
  nama: string;
  urutan: number;
  minSkor: number;
  indikatorWajib: readonly string[];
}

export interface HasilStatus {
  skor: number;
  /** kode of each met indicator. */
  terpenuhi: string[];
  tingkat: AturanTingkat | null;
}

/** The range a value of this kind of indicator may take. */
export function getRentangNilai(jenis: JenisIndikator): { min: number; max: number; bulat: boolean } {
  const { min, max, bulat } = JENIS_ATURAN[jenis];
  return { min, max, bulat };
}

/** Is the value allowed for the indicator (in range, integral for ya_tidak, 3 decimals at most)? */
export function isNilaiValid(jenis: JenisIndikator, nilai: number): boolean {
  const r = getRentangNilai(jenis);
  if (!Number.isFinite(nilai) || nilai < r.min || nilai > r.max) return false;
  if (r.bulat) return Number.isInteger(nilai);
  return Math.abs(Math.round(nilai * 1000) - nilai * 1000) < 1e-6;
}

export function isTerpenuhi(ind: AturanIndikator, nilai: number | null | undefined): boolean {
  if (nilai === null || nilai === undefined || !Number.isFinite(nilai)) return false;
  if (ind.jenis === 'ya_tidak') return nilai === 1;
  return nilai >= (ind.ambang ?? 0);
}

/** Score (0–100, two decimals) and level of an assessment with these values (by indicator kode). */
export function computeStatus(
  indikator: readonly AturanIndikator[],
  tingkat: readonly AturanTingkat[],
  nilai: ReadonlyMap<string, number>,
): HasilStatus {
  const met = indikator.filter((i) => isTerpenuhi(i, nilai.get(i.kode))).map((i) => i.kode);
  const metSet = new Set(met);
  const total = indikator.reduce((s, i) => s + i.bobot, 0);
  const got = indikator.filter((i) => metSet.has(i.kode)).reduce((s, i) => s + i.bobot, 0);
  const skor = total > 0 ? Math.round((got / total) * 10000) / 100 : 0;
  let reached: AturanTingkat | null = null;
  for (const t of [...tingkat].sort((a, b) => a.urutan - b.urutan)) {
    if (skor < t.minSkor || !t.indikatorWajib.every((k) => metSet.has(k))) break;
    reached = t;
  }
  return { skor, terpenuhi: met, tingkat: reached };
}
