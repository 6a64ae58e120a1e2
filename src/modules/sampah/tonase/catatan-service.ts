/** Manual tonnage entries: what is not measured by the trip log or bank sampah, per day and area. */
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, notFound, type FieldError } from '../../../platform/http/problem.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { isTanggal, todayWib } from '../../../platform/waktu.ts';
import { TONASE_CATAT, TONASE_LIHAT } from './permissions-tonase.ts';
import { JENIS_CATATAN, type JenisCatatan } from './tonase-schemas.ts';
import { checkKecamatan, checkLihat, checkRentang } from './tonase-access.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CatatanInput {
  tanggal: string;
  kecamatanKode?: string | null | undefined;
  jenis: string;
  ton: number;
  keterangan?: string | null | undefined;
}

export interface CatatanView {
  id: string;
  tanggal: string;
  kecamatanKode: string | null;
  jenis: JenisCatatan;
  ton: number;
  keterangan: string | null;
}

function catatanView(r: {
  id: string;
  tanggal: string;
  kecamatan_kode: string | null;
  jenis: JenisCatatan;
  ton: string;
  keterangan: string | null;
}): CatatanView {
  return {
    id: r.id,
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode,
    jenis: r.jenis,
    ton: Number(r.ton),
    keterangan: r.keterangan,
  };
}

/** Records a manual tonnage entry (in the user's area; not for a future day). */
export async function createCatatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  input: CatatanInput,
  now = new Date(),
): Promise<CatatanView> {
  const kec = input.kecamatanKode || null;
  const errors: FieldError[] = [];
  if (!isTanggal(input.tanggal)) errors.push({ pointer: '/body/tanggal', detail: 'validation.date' });
  else if (input.tanggal > todayWib(now))
    errors.push({ pointer: '/body/tanggal', detail: 'validation.notAfterToday' });
  else if (input.tanggal < '2000-01-01')
    errors.push({ pointer: '/body/tanggal', detail: 'validation.fromYear', params: { year: '2000' } });
  const jenis = JENIS_CATATAN.find((j) => j === input.jenis);
  if (!jenis) errors.push({ pointer: '/body/jenis', detail: 'validation.enum' });
  if (typeof input.ton !== 'number' || !Number.isFinite(input.ton) || input.ton < 0 || input.ton > 100_000)
    errors.push({ pointer: '/body/ton', detail: 'sampah.tonase.catatan.tonTidakValid' });
  else if (Math.abs(input.ton * 1000 - Math.round(input.ton * 1000)) > 1e-6)
    errors.push({ pointer: '/body/ton', detail: 'validation.maxDecimals', params: { limit: 3 } });
  const ket = input.keterangan?.trim() || null;
  if (ket && ket.length > 300)
    errors.push({ pointer: '/body/keterangan', detail: 'validation.maxLength', params: { limit: 300 } });
  if (errors.length || !jenis) throw badRequest('sampah.tonase.catatanTidakValid', errors);
  if (kec) await checkKecamatan(trx, city, kec, '/body/kecamatanKode');
  if (!can(user, TONASE_CATAT, kec ?? city.id)) throw forbidden();
  const row = await trx
    .insertInto('sampah_tonase_catatan')
    .values({
      tenant_id: city.id,
      tanggal: input.tanggal,
      kecamatan_kode: kec,
      jenis,
      ton: input.ton.toFixed(3),
      keterangan: ket,
      dicatat_oleh: user.id,
    })
    .returning(['id', 'tanggal', 'kecamatan_kode', 'jenis', 'ton', 'keterangan'])
    .executeTakeFirstOrThrow();
  return catatanView(row);
}

export interface CatatanQuery {
  dari: string;
  sampai: string;
  kecamatan?: string | undefined;
}

/** Manual entries of a range of days, newest first (a kecamatan officer: their kecamatan's). */
export async function listCatatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  q: CatatanQuery,
): Promise<CatatanView[]> {
  checkRentang(q);
  checkLihat(user, city, q.kecamatan);
  let query = trx
    .selectFrom('sampah_tonase_catatan')
    .select(['id', 'tanggal', 'kecamatan_kode', 'jenis', 'ton', 'keterangan'])
    .where('tenant_id', '=', city.id)
    .where('tanggal', '>=', q.dari)
    .where('tanggal', '<=', q.sampai);
  if (q.kecamatan) query = query.where('kecamatan_kode', '=', q.kecamatan);
  const rows = await query.orderBy('tanggal', 'desc').orderBy('created_at', 'desc').limit(1000).execute();
  return rows.map(catatanView);
}

/** Deletes a manual entry (404 when it is not the city's, 403 outside the user's area). */
export async function deleteCatatan(trx: Tx, city: City, user: CurrentUser, id: string): Promise<void> {
  if (!UUID_RE.test(id)) throw notFound();
  const row = await trx
    .selectFrom('sampah_tonase_catatan')
    .select(['id', 'kecamatan_kode'])
    .where('tenant_id', '=', city.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const area = row.kecamatan_kode ?? city.id;
  if (!can(user, TONASE_LIHAT, area) && !can(user, TONASE_CATAT, area)) throw notFound();
  if (!can(user, TONASE_CATAT, area)) throw forbidden();
  await trx
    .deleteFrom('sampah_tonase_catatan')
    .where('tenant_id', '=', city.id)
    .where('id', '=', id)
    .execute();
}
