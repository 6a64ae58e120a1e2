/**
 * Read-only look-ups in the `wilayah` reference table (owned by the wilayah
 * module, readable by the app role): the city's kecamatan and kelurahan for the
 * role area picker, and whether a code exists at the expected level.
 */
import type { Tx } from '../../platform/db/transaction.ts';

export type AreaTingkat = 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';

export interface Area {
  kode: string;
  nama: string;
  tingkat: AreaTingkat;
  induk: string | null;
}

/** The city itself, its kecamatan and its kelurahan, in code order (parents before children). */
export function cityAreas(trx: Tx, cityId: string): Promise<Area[]> {
  return trx
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'tingkat', 'induk'])
    .where((eb) => eb.or([eb('kode', '=', cityId), eb('kode', 'like', `${cityId}.%`)]))
    .where('tingkat', 'in', ['kota', 'kecamatan', 'kelurahan'])
    .orderBy('kode')
    .execute();
}

export async function findArea(trx: Tx, kode: string): Promise<Area | null> {
  const r = await trx
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'tingkat', 'induk'])
    .where('kode', '=', kode)
    .executeTakeFirst();
  return r ?? null;
}
