/** Checks shared by the Prakarsa RW services: amounts, years, dates of entries and reasons. */
import type { FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { isTanggal, todayWib } from '../../../platform/waktu.ts';
import { bodyField as body } from '../kbs/kbs-common.ts';

/** Largest amount accepted anywhere (Rp1 trillion), as in the database checks. */
export const MAX_RUPIAH = 1_000_000_000_000;

export const isRupiah = (v: unknown, min = 1): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= MAX_RUPIAH;

export const isTahun = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 2000 && v <= 2100;

/** A real calendar date YYYY-MM-DD, from 2000 until today (WIB). */
export function checkTanggal(s: unknown, name: string, now = new Date()): FieldError | null {
  if (typeof s !== 'string' || !isTanggal(s) || s < '2000-01-01')
    return body(name, 'sampah.prakarsa.err.tanggal');
  if (s > todayWib(now)) return body(name, 'sampah.prakarsa.err.tanggalDepan');
  return null;
}

/** A reason for a change of amount or a reversal: 5 to 500 characters. */
export function checkAlasan(
  s: string | null | undefined,
  name: string,
): { alasan: string | null; error: FieldError | null } {
  const alasan = cleanText(s);
  if (!alasan || alasan.length < 5 || alasan.length > 500)
    return { alasan, error: body(name, 'sampah.prakarsa.err.alasan') };
  return { alasan, error: null };
}
