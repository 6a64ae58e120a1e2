/**
 * What the tonnage services share: who sees the figures of the city or of a kecamatan, and the
 * checks of a year, a range of days and a kecamatan of the city.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { isTanggal } from '../../../platform/waktu.ts';
import { findWilayah } from '../../wilayah/api.ts';
import { TONASE_LIHAT } from './permissions-tonase.ts';

/** Longest range the aggregation accepts (days), so one request stays cheap. */
export const RENTANG_MAKS = 366 * 5;

/** The user may see figures of the whole city. */
export function canSeeKota(user: CurrentUser | null, city: City): boolean {
  return can(user, TONASE_LIHAT, city.id);
}

/** 403 unless the user sees the city's figures, or those of the kecamatan asked for. */
export function checkLihat(user: CurrentUser, city: City, kecamatan: string | undefined): void {
  if (!can(user, TONASE_LIHAT)) throw forbidden();
  if (!can(user, TONASE_LIHAT, kecamatan ?? city.id)) throw forbidden();
}

/** 400 unless `kode` is a kecamatan of the city. */
export async function checkKecamatan(trx: Tx, city: City, kode: string, pointer: string): Promise<void> {
  const w = kode.startsWith(`${city.id}.`) ? await findWilayah(trx, kode) : undefined;
  if (!w || w.tingkat !== 'kecamatan') {
    throw badRequest('sampah.tonase.kecamatanTidakValid', [
      { pointer, detail: 'sampah.pengaturan.err.kecamatan' },
    ]);
  }
}

/** The field error of a year outside 2000..2100, or null. */
export function checkTahun(tahun: number, pointer: string): FieldError | null {
  return Number.isInteger(tahun) && tahun >= 2000 && tahun <= 2100
    ? null
    : { pointer, detail: 'sampah.pengaturan.err.tahun' };
}

/** 400 unless dari..sampai are real dates in order, at most RENTANG_MAKS days apart. */
export function checkRentang(q: { dari: string; sampai: string }): void {
  const errors: FieldError[] = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'validation.date' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'validation.date' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'validation.notBeforeStart' });
  if (!errors.length && (Date.parse(q.sampai) - Date.parse(q.dari)) / 86_400_000 >= RENTANG_MAKS)
    errors.push({ pointer: '/query/sampai', detail: 'validation.maxDays', params: { limit: RENTANG_MAKS } });
  if (errors.length) throw badRequest('sampah.tonase.rentangTidakValid', errors);
}
