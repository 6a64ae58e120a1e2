/**
 * Disbursements of a Prakarsa RW allocation, and their reversal. Append-only: a mistake is
 * reversed by a new entry with a reason, under the allocation's row lock.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import { type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, conflict } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { bodyField as body } from '../kbs/kbs-common.ts';
import { PRAKARSA_KELOLA } from './permissions-prakarsa.ts';
import { isRupiah } from './prakarsa-checks.ts';
import {
  openEntri,
  getAlokasiView,
  prepareEntri,
  prepareCancel,
  type AlokasiView,
} from './alokasi-repository.ts';

export interface PencairanInput {
  tanggal: string;
  jumlah: number;
  /** Without it: the next stage. */
  tahap?: number | null | undefined;
  catatan?: string | null | undefined;
}

/** Records a disbursement; never above what is left of the allocation (400, nothing written). */
export async function createPencairan(
  trx: Tx,
  user: CurrentUser | null,
  alokasiId: string,
  input: PencairanInput,
  opts: { demo?: boolean; rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { a, errors } = await openEntri(trx, user, alokasiId, PRAKARSA_KELOLA, {
    ...opts,
    tanggal: input.tanggal,
  });
  if (!isRupiah(input.jumlah)) errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  const tahapSah = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 50;
  if (input.tahap !== null && input.tahap !== undefined && !tahapSah(input.tahap))
    errors.push(body('tahap', 'sampah.prakarsa.err.tahap'));
  const catatan = cleanText(input.catatan);
  if ((catatan?.length ?? 0) > 500) errors.push(body('catatan', 'sampah.prakarsa.err.catatan'));
  const entri = await prepareEntri(trx, a, 'dicairkan', { ...input, errors, demo: opts.demo });
  const entries = await trx
    .selectFrom('sampah_prakarsa_pencairan')
    .select(['id', 'tahap', 'membatalkan_id'])
    .where('alokasi_id', '=', a.id)
    .execute();
  const batal = new Set(entries.map((e) => e.membatalkan_id).filter((x) => x !== null));
  const aktif = entries.filter((e) => e.membatalkan_id === null && !batal.has(e.id)).map((e) => e.tahap);
  const tahap = input.tahap ?? Math.min(50, Math.max(0, ...aktif) + 1);
  if (aktif.includes(tahap))
    throw badRequest('sampah.prakarsa.err.pencairan', [body('tahap', 'sampah.prakarsa.err.tahapAda')], {
      tahap,
    });
  await trx
    .insertInto('sampah_prakarsa_pencairan')
    .values({
      ...entri,
      tahap,
      catatan,
      dicatat_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

/** Reverses a disbursement in full, with the reason; refused (409) when its money is reported as spent. */
export async function cancelPencairan(
  trx: Tx,
  user: CurrentUser | null,
  pencairanId: string,
  alasanInput: string | null | undefined,
  opts: { rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { e, a, sums, alasan, reversal } = await prepareCancel(
    trx,
    user,
    'sampah_prakarsa_pencairan',
    pencairanId,
    { need: PRAKARSA_KELOLA, alasan: alasanInput, rwId: opts.rwId, now: opts.now },
  );
  if (sums.dicairkan - e.jumlah < sums.dibelanjakan) throw conflict('sampah.prakarsa.err.sudahDibelanjakan');
  await trx
    .insertInto('sampah_prakarsa_pencairan')
    .values({ ...reversal, tahap: e.tahap, catatan: alasan, dicatat_oleh: user?.id ?? null })
    .execute();
  return getAlokasiView(trx, a.id);
}
