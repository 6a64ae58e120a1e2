/**
 * What a Prakarsa RW fund bought (spending reports), and their reversal. Append-only: a mistake is
 * reversed by a new entry with a reason, under the allocation's row lock.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, conflict, notFound, type FieldError } from '../../../platform/http/problem.ts';
import { formatRupiah } from '../../../platform/i18n/index.ts';
import { cleanText } from '../../../platform/text.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { UUID_RE, bodyField as body } from '../kbs/kbs-common.ts';
import { KATEGORI_BELANJA, type KategoriBelanja } from './prakarsa-tables.ts';
import { PRAKARSA_LAPOR } from './permissions-prakarsa.ts';
import { checkAlasan, checkTanggal, isRupiah } from './prakarsa-checks.ts';
import { findAlokasi, getAlokasiView, lockAlokasi, type AlokasiView } from './alokasi-repository.ts';

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
  const { a } = await findAlokasi(trx, user, alokasiId, PRAKARSA_LAPOR, opts.rwId);
  const errors: FieldError[] = [];
  const tgl = checkTanggal(input.tanggal, 'tanggal', opts.now);
  if (tgl) errors.push(tgl);
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
  if (errors.length) throw badRequest('sampah.prakarsa.err.belanja', errors);
  const s = await lockAlokasi(trx, a.id);
  const sisa = s.dicairkan - s.dibelanjakan;
  if (input.jumlah > sisa)
    throw badRequest('sampah.prakarsa.err.belanja', [body('jumlah', 'sampah.prakarsa.err.melebihiDana')], {
      sisa: formatRupiah(sisa),
    });
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tanggal: input.tanggal,
      kategori: input.kategori as KategoriBelanja,
      uraian: uraian!,
      jumlah: input.jumlah,
      kuantitas,
      satuan,
      dilaporkan_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
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
  const e = UUID_RE.test(belanjaId)
    ? await trx
        .selectFrom('sampah_prakarsa_belanja')
        .selectAll()
        .where('id', '=', belanjaId)
        .executeTakeFirst()
    : undefined;
  if (!e) throw notFound('sampah.prakarsa.err.entriTidakAda');
  const { a } = await findAlokasi(trx, user, e.alokasi_id, PRAKARSA_LAPOR, opts.rwId);
  const { alasan, error } = checkAlasan(alasanInput, 'alasan');
  if (error) throw badRequest('sampah.prakarsa.err.pembatalan', [error]);
  if (e.membatalkan_id !== null) throw conflict('sampah.prakarsa.err.bukanEntri');
  await lockAlokasi(trx, a.id);
  const sudah = await trx
    .selectFrom('sampah_prakarsa_belanja')
    .select('id')
    .where('membatalkan_id', '=', e.id)
    .executeTakeFirst();
  if (sudah) throw conflict('sampah.prakarsa.err.sudahDibatalkan');
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tanggal: todayWib(opts.now),
      kategori: e.kategori,
      uraian: e.uraian,
      jumlah: -e.jumlah,
      kuantitas: e.kuantitas,
      satuan: e.satuan,
      alasan,
      membatalkan_id: e.id,
      dilaporkan_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}
