/**
 * The yearly settings of Prakarsa RW (the nominal for a KBS RW and for any other RW, and which
 * KBS level counts) and the rule that gives an RW its nominal.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import { bodyField as body } from '../kbs/kbs-common.ts';
import { type StatusKbs } from '../kbs/rw-service.ts';
import { PRAKARSA_KELOLA } from './permissions-prakarsa.ts';
import { isRupiah, isTahun } from './prakarsa-checks.ts';

export interface PengaturanView {
  tahun: number;
  nominalKbs: number;
  nominalLain: number;
  /** Lowest KBS level (urutan) counting as KBS; null: every level. */
  kbsMinUrutan: number | null;
}

export interface PengaturanInput {
  nominalKbs: number;
  nominalLain: number;
  kbsMinUrutan?: number | null | undefined;
}

type PengaturanRow = {
  tahun: number;
  nominal_kbs: number;
  nominal_lain: number;
  kbs_min_urutan: number | null;
};
const pengaturanView = (r: PengaturanRow): PengaturanView => ({
  tahun: r.tahun,
  nominalKbs: r.nominal_kbs,
  nominalLain: r.nominal_lain,
  kbsMinUrutan: r.kbs_min_urutan,
});

/** The settings of every year, newest first. */
export async function listPengaturan(trx: Tx): Promise<PengaturanView[]> {
  const rows = await trx
    .selectFrom('sampah_prakarsa_tahun')
    .select(['tahun', 'nominal_kbs', 'nominal_lain', 'kbs_min_urutan'])
    .orderBy('tahun', 'desc')
    .execute();
  return rows.map(pengaturanView);
}

export async function getPengaturan(trx: Tx, tahun: number): Promise<PengaturanView | null> {
  if (!isTahun(tahun)) return null;
  const r = await trx
    .selectFrom('sampah_prakarsa_tahun')
    .select(['tahun', 'nominal_kbs', 'nominal_lain', 'kbs_min_urutan'])
    .where('tahun', '=', tahun)
    .executeTakeFirst();
  return r ? pengaturanView(r) : null;
}

/** Sets a year's amounts and KBS level (adds the year or changes it; existing allocations keep theirs). */
export async function savePengaturan(
  trx: Tx,
  user: CurrentUser | null,
  tahun: number,
  input: PengaturanInput,
  opts: { demo?: boolean } = {},
): Promise<PengaturanView> {
  if (user && !can(user, PRAKARSA_KELOLA, user.tenantId)) throw forbidden();
  const errors: FieldError[] = [];
  if (!isTahun(tahun)) errors.push({ pointer: '/params/tahun', detail: 'sampah.prakarsa.err.tahun' });
  if (!isRupiah(input.nominalKbs)) errors.push(body('nominalKbs', 'sampah.prakarsa.err.rupiah'));
  if (!isRupiah(input.nominalLain, 0)) errors.push(body('nominalLain', 'sampah.prakarsa.err.rupiahNol'));
  const min = input.kbsMinUrutan ?? null;
  if (min !== null) {
    const ada = await trx
      .selectFrom('sampah_kbs_tingkat')
      .select('id')
      .where('urutan', '=', Number.isInteger(min) ? min : -1)
      .executeTakeFirst();
    if (!ada) errors.push(body('kbsMinUrutan', 'sampah.prakarsa.err.tingkat'));
  }
  if (errors.length) throw badRequest('sampah.prakarsa.err.pengaturan', errors);
  const values = { nominal_kbs: input.nominalKbs, nominal_lain: input.nominalLain, kbs_min_urutan: min };
  await trx
    .insertInto('sampah_prakarsa_tahun')
    .values({ tenant_id: sql<string>`balai_current_tenant()`, tahun, demo: opts.demo ?? false, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'tahun']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
  return { tahun, nominalKbs: input.nominalKbs, nominalLain: input.nominalLain, kbsMinUrutan: min };
}

/**
 * The rule: an RW counts as KBS when its current status reached a level, at least the year's
 * kbsMinUrutan when set; it then gets nominalKbs, else nominalLain.
 */
export function computeNominal(
  p: Pick<PengaturanView, 'nominalKbs' | 'nominalLain' | 'kbsMinUrutan'>,
  status: Pick<StatusKbs, 'urutan'> | null,
): { kbs: boolean; nominal: number } {
  const urutan = status?.urutan ?? null;
  const kbs = urutan !== null && (p.kbsMinUrutan === null || urutan >= p.kbsMinUrutan);
  return { kbs, nominal: kbs ? p.nominalKbs : p.nominalLain };
}
