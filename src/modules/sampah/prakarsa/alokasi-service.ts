/**
 * Prakarsa RW allocations. a yearly fund per RW. Per city and year the settings give the nominal for an RW
 * with Kawasan Bebas Sampah status and for any other RW, and which KBS level counts (the lowest
 * urutan of sampah_kbs_tingkat; by default every level: an RW whose status reached any level is
 * a KBS RW, as on the KBS map). An allocation takes the
 * RW's current KBS status (its latest sampah_kbs_riwayat row) and the nominal the rule gives; a
 * different amount needs a reason. Settings changed later do not change existing allocations.
 *
 * Per allocation: 0 <= disbursed <= allocated and 0 <= spent <= disbursed. Disbursements and
 * spending reports are append-only; a mistake is reversed by a new entry with a reason. Every
 * change of money takes a row lock on the allocation first, so concurrent requests are checked
 * one after the other (the database checks the same sums again, see 0008_sampah_prakarsa.sql).
 *
 * Every function takes the city's transaction and the acting user (null: the system, e.g. the
 * demo), who decides what is visible (404 outside the user's area) and allowed (403).
 */

import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, conflict, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { listRwIds } from '../../wilayah/api.ts';
import { bodyField as body } from '../kbs/kbs-common.ts';
import { listStatusKbs } from '../kbs/rw-service.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';
import { checkAlasan, isRupiah, isTahun } from './prakarsa-checks.ts';
import { findAlokasi, findRwPrakarsa, getAlokasiView, type AlokasiView } from './alokasi-repository.ts';
import { computeNominal, getPengaturan } from './pengaturan-service.ts';

export interface AlokasiInput {
  rwId: string;
  tahun: number;
  /** Without it: the nominal of the rule. */
  jumlah?: number | null | undefined;
  /** Required when jumlah differs from the rule. */
  alasan?: string | null | undefined;
}

/** Allocates to one RW for a year (409 when it already has an allocation that year). */
export async function createAlokasi(
  trx: Tx,
  user: CurrentUser | null,
  input: AlokasiInput,
  opts: { demo?: boolean } = {},
): Promise<AlokasiView> {
  const rw = await findRwPrakarsa(trx, user, input.rwId, PRAKARSA_KELOLA);
  const errors: FieldError[] = [];
  const p = isTahun(input.tahun) ? await getPengaturan(trx, input.tahun) : null;
  if (!isTahun(input.tahun)) errors.push(body('tahun', 'sampah.prakarsa.err.tahun'));
  else if (!p) errors.push(body('tahun', 'sampah.prakarsa.err.belumDiatur'));
  if (input.jumlah !== null && input.jumlah !== undefined && !isRupiah(input.jumlah))
    errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  if (errors.length || !p) throw badRequest('sampah.prakarsa.err.alokasi', errors);
  const status = (await listStatusKbs(trx, [rw.id])).get(rw.id) ?? null;
  const aturan = computeNominal(p, status);
  const jumlah = input.jumlah ?? aturan.nominal;
  if (jumlah < 1)
    throw badRequest('sampah.prakarsa.err.alokasi', [body('jumlah', 'sampah.prakarsa.err.nominalNol')]);
  let alasan: string | null = null;
  if (jumlah !== aturan.nominal) {
    const c = checkAlasan(input.alasan, 'alasan');
    if (c.error) throw badRequest('sampah.prakarsa.err.alokasi', [c.error]);
    alasan = c.alasan;
  } else if (cleanText(input.alasan)) {
    alasan = cleanText(input.alasan)!.slice(0, 500);
    if (alasan.length < 5) alasan = null;
  }
  const row = await trx
    .insertInto('sampah_prakarsa_alokasi')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: rw.id,
      tahun: input.tahun,
      jumlah,
      nominal_aturan: aturan.nominal,
      kbs: aturan.kbs,
      tingkat_id: status?.tingkatId ?? null,
      alasan,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'rw_id', 'tahun']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw conflict('sampah.prakarsa.err.sudahDialokasikan', { tahun: String(input.tahun) });
  return getAlokasiView(trx, row.id);
}

export interface AlokasiSemuaHasil {
  tahun: number;
  /** Allocations made now. */
  dibuat: number;
  /** RWs that had an allocation for the year already. */
  sudahAda: number;
  /** RWs the rule gives nothing (nominal for non-KBS RWs of 0). */
  tanpaNominal: number;
  /** Rupiah allocated now. */
  jumlah: number;
}

/**
 * Allocates by the rule to every RW of the city without an allocation for the year, in one
 * transaction (RWs allocated meanwhile by somebody else are skipped, not doubled).
 */
export async function createAlokasiSemua(
  trx: Tx,
  user: CurrentUser | null,
  tahun: number,
  opts: { demo?: boolean } = {},
): Promise<AlokasiSemuaHasil> {
  if (user && !can(user, PRAKARSA_KELOLA, user.tenantId)) throw forbidden();
  if (!isTahun(tahun))
    throw badRequest('sampah.prakarsa.err.alokasi', [body('tahun', 'sampah.prakarsa.err.tahun')]);
  const p = await getPengaturan(trx, tahun);
  if (!p) throw badRequest('sampah.prakarsa.err.alokasi', [body('tahun', 'sampah.prakarsa.err.belumDiatur')]);
  const rws = await listRwIds(trx);
  const ada = new Set(
    (
      await trx.selectFrom('sampah_prakarsa_alokasi').select('rw_id').where('tahun', '=', tahun).execute()
    ).map((r) => r.rw_id),
  );
  const status = await listStatusKbs(trx);
  const baru = [];
  let tanpaNominal = 0;
  for (const r of rws) {
    if (ada.has(r.id)) continue;
    const s = status.get(r.id) ?? null;
    const aturan = computeNominal(p, s);
    if (aturan.nominal < 1) {
      tanpaNominal++;
      continue;
    }
    baru.push({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: r.id,
      tahun,
      jumlah: aturan.nominal,
      nominal_aturan: aturan.nominal,
      kbs: aturan.kbs,
      tingkat_id: s?.tingkatId ?? null,
      alasan: null,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    });
  }
  let dibuat = 0;
  let jumlah = 0;
  for (let i = 0; i < baru.length; i += 500) {
    const rows = await trx
      .insertInto('sampah_prakarsa_alokasi')
      .values(baru.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['tenant_id', 'rw_id', 'tahun']).doNothing())
      .returning('jumlah')
      .execute();
    dibuat += rows.length;
    jumlah += rows.reduce((s, r) => s + r.jumlah, 0);
  }
  return { tahun, dibuat, sudahAda: rws.length - dibuat - tanpaNominal, tanpaNominal, jumlah };
}

/** One allocation with its entries, for whoever sees its RW. */
export async function getAlokasi(trx: Tx, user: CurrentUser | null, id: string): Promise<AlokasiView> {
  const { a } = await findAlokasi(trx, user, id, PRAKARSA_LIHAT);
  return getAlokasiView(trx, a.id);
}
