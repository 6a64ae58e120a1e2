/**
 * Names in the reader's language: of items by code (the reference catalogue and the banks' own
 * items) and of the waste categories, in their order. Nothing here writes.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import type { Locale } from '../../platform/i18n/index.ts';

/** Item names for a set of codes (reference items and the banks' own items). */
export async function namaJenis(trx: Tx, codes: string[], locale: Locale): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const ref = await trx
    .selectFrom('sampah_jenis')
    .select(['kode', locale === 'en' ? 'nama_en as nama' : 'nama_id as nama'])
    .where('kode', 'in', codes)
    .execute();
  const own = await trx
    .selectFrom('bank_sampah_jenis')
    .select(['kode', 'nama'])
    .where('kode', 'in', codes)
    .execute();
  return new Map([...ref, ...own].map((r) => [r.kode, r.nama]));
}

/** The waste categories in their order, with their names. */
export async function listKategori(
  trx: Tx,
  locale: Locale = 'id',
): Promise<{ kode: string; nama: string }[]> {
  return trx
    .selectFrom('sampah_kategori')
    .select(['kode', locale === 'en' ? 'nama_en as nama' : 'nama_id as nama'])
    .orderBy('urutan')
    .execute();
}
