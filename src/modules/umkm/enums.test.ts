/**
 * Each enumerated concept of the UMKM registry is declared once, `as const`: the values the
 * SQL CHECK constraints allow are those lists, in the same order.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { checkValues } from '../../../tests/helpers/check-values.ts';
import { KELAS_USAHA, KRITERIA } from './kelas.ts';
import { ASAL_PRODUK, JENIS_LEGALITAS, KATEGORI_PRODUK, STATUS_EKATALOG, STATUS_USAHA } from './tables.ts';

const env = useBalaiWithOwnerDb();

describe('UMKM enumerations', () => {
  it('are the values the SQL checks allow, in the same order', async () => {
    const cases: [string, string, readonly string[]][] = [
      ['umkm_usaha', 'status', STATUS_USAHA],
      ['umkm_usaha', 'kelas', KELAS_USAHA],
      ['umkm_usaha_langkah', 'status', STATUS_USAHA],
      ['umkm_keuangan', 'kelas', KELAS_USAHA],
      ['umkm_keuangan', 'dasar', KRITERIA],
      ['umkm_legalitas', 'jenis', JENIS_LEGALITAS],
      ['umkm_produk', 'kategori', KATEGORI_PRODUK],
      ['umkm_produk', 'asal', ASAL_PRODUK],
      ['umkm_produk', 'ekatalog', STATUS_EKATALOG],
      ['umkm_ekatalog_langkah', 'status', STATUS_EKATALOG],
    ];
    for (const [table, column, list] of cases)
      assert.deepEqual(await checkValues(env.db, table, column), [...list], `${table}.${column}`);
  });
});
