/**
 * Each enumerated concept of the UMKM registry is declared once, `as const`: the values the
 * SQL CHECK constraints allow are those lists, in the same order.
 */
import { describe, it } from 'node:test';
import { useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { assertCheckValues } from '../../../tests/helpers/check-values.ts';
import { KELAS_USAHA, KRITERIA } from './kelas.ts';
import { ASAL_PRODUK, JENIS_LEGALITAS, KATEGORI_PRODUK, STATUS_EKATALOG, STATUS_USAHA } from './tables.ts';

const env = useBalaiWithOwnerDb();

describe('UMKM enumerations', () => {
  it('are the values the SQL checks allow, in the same order', async () => {
    await assertCheckValues(
      env.db,
      {
        umkm_usaha: { status: STATUS_USAHA, kelas: KELAS_USAHA },
        umkm_usaha_langkah: { status: STATUS_USAHA },
        umkm_keuangan: { kelas: KELAS_USAHA, dasar: KRITERIA },
        umkm_legalitas: { jenis: JENIS_LEGALITAS },
        umkm_produk: { kategori: KATEGORI_PRODUK, asal: ASAL_PRODUK, ekatalog: STATUS_EKATALOG },
        umkm_ekatalog_langkah: { status: STATUS_EKATALOG },
      },
      { inOrder: true },
    );
  });
});
