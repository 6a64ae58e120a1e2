/**
 * Verification of a business: draf -> diajukan (by the owner, once nothing is missing) ->
 * dikembalikan / terverifikasi / ditolak (by officers with umkm.verifikasi), each step recorded.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest, conflict, type FieldError } from '../../platform/http/problem.ts';
import { cleanText } from '../../platform/text.ts';
import { usahaUntuk, type UsahaRow } from './access.ts';
import { UMKM_VERIFIKASI } from './permissions.ts';
import type { StatusUsaha } from './tables.ts';
import { body, getUsaha, type UsahaView } from './usaha-view.ts';

// ---- Verification ----

export async function addLangkah(
  trx: Tx,
  tenantId: string,
  usahaId: string,
  status: StatusUsaha,
  catatan: string | null,
  oleh: string | null,
): Promise<void> {
  await trx
    .insertInto('umkm_usaha_langkah')
    .values({ tenant_id: tenantId, usaha_id: usahaId, status, catatan, oleh })
    .execute();
}

async function moveStatus(
  trx: Tx,
  u: UsahaRow,
  dari: readonly StatusUsaha[],
  ke: StatusUsaha,
  user: CurrentUser,
  catatan: string | null,
): Promise<void> {
  const r = await trx
    .updateTable('umkm_usaha')
    .set({
      status: ke,
      updated_at: new Date(),
      ...(ke === 'terverifikasi' || ke === 'ditolak'
        ? { diverifikasi_oleh: user.id, diverifikasi_at: new Date() }
        : {}),
    })
    .where('id', '=', u.id)
    .where('status', 'in', dari)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw conflict('umkm.err.statusSalah', { status: u.status });
  await addLangkah(trx, u.tenant_id, u.id, ke, catatan, user.id);
}

/**
 * What a business lacks before it can be submitted: a KBLI code and one year of figures (the
 * class), and a way to reach the owner (phone or email). Empty when complete.
 */
export async function kekuranganPengajuan(trx: Tx, u: UsahaRow): Promise<FieldError[]> {
  const out: FieldError[] = [];
  const ada = async (table: 'umkm_usaha_kbli' | 'umkm_keuangan') => {
    const r = await trx.selectFrom(table).select('usaha_id').where('usaha_id', '=', u.id).limit(1).execute();
    return r.length > 0;
  };
  if (!(await ada('umkm_usaha_kbli'))) out.push({ pointer: '/kbli', detail: 'umkm.err.perluKbli' });
  if (!(await ada('umkm_keuangan'))) out.push({ pointer: '/keuangan', detail: 'umkm.err.perluKeuangan' });
  if (!u.telepon && !u.email) out.push({ pointer: '/telepon', detail: 'umkm.err.perluKontak' });
  return out;
}

/** The owner (or umkm.kelola) submits the business for verification. */
export async function submitUsaha(trx: Tx, user: CurrentUser, id: string): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  if (u.status !== 'draf' && u.status !== 'dikembalikan')
    throw conflict('umkm.err.statusSalah', { status: u.status });
  const kurang = await kekuranganPengajuan(trx, u);
  if (kurang.length) throw new HttpProblem(409, 'umkm.err.belumLengkap', { errors: kurang });
  await moveStatus(trx, u, ['draf', 'dikembalikan'], 'diajukan', user, null);
  return getUsaha(trx, user, u.id);
}

function requireCatatan(catatan: string | null | undefined, name: string): string {
  const c = cleanText(catatan);
  if (!c || c.length < 5 || c.length > 2000)
    throw badRequest('umkm.err.verifikasi', [body(name, 'umkm.err.catatan')]);
  return c;
}

/** An officer's decision (umkm.verifikasi there): its note is checked once the business is found. */
async function decide(
  trx: Tx,
  user: CurrentUser,
  id: string,
  dari: readonly StatusUsaha[],
  ke: StatusUsaha,
  catatan: () => string | null,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, UMKM_VERIFIKASI);
  await moveStatus(trx, u, dari, ke, user, catatan());
  return getUsaha(trx, user, u.id);
}

export function returnUsaha(trx: Tx, user: CurrentUser, id: string, catatan: string): Promise<UsahaView> {
  return decide(trx, user, id, ['diajukan'], 'dikembalikan', () => requireCatatan(catatan, 'catatan'));
}

export function verifyUsaha(
  trx: Tx,
  user: CurrentUser,
  id: string,
  catatan?: string | null,
): Promise<UsahaView> {
  return decide(trx, user, id, ['diajukan'], 'terverifikasi', () => {
    const c = cleanText(catatan);
    if (c && c.length > 2000) throw badRequest('umkm.err.verifikasi', [body('catatan', 'umkm.err.panjang')]);
    return c;
  });
}

export function rejectUsaha(trx: Tx, user: CurrentUser, id: string, alasan: string): Promise<UsahaView> {
  const dari = ['diajukan', 'dikembalikan', 'terverifikasi'] as const;
  return decide(trx, user, id, dari, 'ditolak', () => requireCatatan(alasan, 'alasan'));
}
