/**
 * What a Prakarsa RW fund bought (spending reports), and their reversal. Append-only: a mistake is
 * reversed by a new entry with a reason, under the allocation's row lock.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import { type CurrentUser } from '../../../platform/auth/roles.ts';
import { cleanText } from '../../../platform/text.ts';
import { bodyField as body } from '../kbs/kbs-common.ts';
import { KATEGORI_BELANJA, type KategoriBelanja } from './prakarsa-tables.ts';
import { PRAKARSA_LAPOR } from './permissions-prakarsa.ts';
import { isRupiah } from './prakarsa-checks.ts';
import {
  openEntri,
  getAlokasiView,
  prepareEntri,
  prepareCancel,
  type AlokasiView,
} from './alokasi-repository.ts';

export interface BelanjaInput {
  tanggal: string;
  kategori: string;
  uraian: string;
  jumlah: number;
  kuantitas?: number | null | undefined;
  satuan?: string | null | undefined;
}

/** Reports what the fund bought; never above what was disbursed and not yet reported (400, nothing written). */
export async function createBelanja(
  trx: Tx,
  user: CurrentUser | null,
  alokasiId: string,
  input: BelanjaInput,
  opts: { demo?: boolean; rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { a, errors } = await openEntri(trx, user, alokasiId, PRAKARSA_LAPOR, {
    ...opts,
    tanggal: input.tanggal,
  });
  if (!(KATEGORI_BELANJA as readonly string[]).includes(input.kategori))
    errors.push(body('kategori', 'sampah.prakarsa.err.kategori'));
  const uraian = cleanText(input.uraian);
  if (!uraian || uraian.length < 3 || uraian.length > 300)
    errors.push(body('uraian', 'sampah.prakarsa.err.uraian'));
  if (!isRupiah(input.jumlah)) errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  const kuantitas = input.kuantitas ?? null;
  if (
    kuantitas !== null &&
    !(
      Number.isFinite(kuantitas) &&
      kuantitas > 0 &&
      kuantitas < 1e9 &&
      Math.round(kuantitas * 1000) === kuantitas * 1000
    )
  )
    errors.push(body('kuantitas', 'sampah.prakarsa.err.kuantitas'));
  const satuan = cleanText(input.satuan);
  if (satuan !== null && (satuan.length > 20 || kuantitas === null))
    errors.push(body('satuan', 'sampah.prakarsa.err.satuan'));
  const entri = await prepareEntri(trx, a, 'dibelanjakan', { ...input, errors, demo: opts.demo });
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      ...entri,
      kategori: input.kategori as KategoriBelanja,
      uraian: uraian!,
      kuantitas,
      satuan,
      dilaporkan_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

/** Reverses a spending report in full, with the reason. */
export async function cancelBelanja(
  trx: Tx,
  user: CurrentUser | null,
  belanjaId: string,
  alasanInput: string | null | undefined,
  opts: { rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { e, a, alasan, reversal } = await prepareCancel(trx, user, 'sampah_prakarsa_belanja', belanjaId, {
    need: PRAKARSA_LAPOR,
    alasan: alasanInput,
    rwId: opts.rwId,
    now: opts.now,
  });
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      ...reversal,
      kategori: e.kategori,
      uraian: e.uraian,
      kuantitas: e.kuantitas,
      satuan: e.satuan,
      alasan,
      dilaporkan_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}
