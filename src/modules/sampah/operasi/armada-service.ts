/** The fleet of the waste operations: vehicles (plate, kind, capacity, status) and shifts. */
import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { notFound, type FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { OPS_KELOLA, OPS_LIHAT } from './permissions-operasi.ts';
import type { JenisKendaraan, StatusKendaraan } from './operasi-schemas.ts';
import type { SampahKendaraanTable } from './operasi-tables.ts';
import { authorise, checkErrors, UUID_RE } from './operasi-access.ts';

type KendaraanRow = Selectable<SampahKendaraanTable>;

// ---- Vehicles ----

export interface KendaraanView {
  id: string;
  jenis: JenisKendaraan;
  platNomor: string;
  kapasitasM3: number;
  kapasitasTon: number;
  status: StatusKendaraan;
}

function kendaraanView(r: KendaraanRow): KendaraanView {
  return {
    id: r.id,
    jenis: r.jenis,
    platNomor: r.plat_nomor,
    kapasitasM3: Number(r.kapasitas_m3),
    kapasitasTon: Number(r.kapasitas_ton),
    status: r.status,
  };
}

/** "d1234abc", "D-1234-ABC" → "D 1234 ABC"; null when not a plate number. */
export function normalisePlat(s: string): string | null {
  const m = /^([A-Z]{1,2})(\d{1,4})([A-Z]{0,3})$/.exec(s.toUpperCase().replace(/[^A-Z0-9]/g, ''));
  if (!m) return null;
  return [m[1], m[2], m[3]].filter(Boolean).join(' ');
}

export interface KendaraanInput {
  jenis: JenisKendaraan;
  platNomor: string;
  kapasitasM3: number;
  kapasitasTon: number;
  status?: StatusKendaraan | undefined;
}

export async function listKendaraan(trx: Tx, user: CurrentUser): Promise<KendaraanView[]> {
  authorise(user, OPS_LIHAT);
  const rows = await trx.selectFrom('sampah_kendaraan').selectAll().orderBy('plat_nomor').execute();
  return rows.map(kendaraanView);
}

/** A vehicle of the city's transaction, or undefined (also for a text that is not an id). */
export async function findKendaraan(trx: Tx, id: string): Promise<KendaraanRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx.selectFrom('sampah_kendaraan').selectAll().where('id', '=', id).executeTakeFirst();
}

async function kendaraanValues(trx: Tx, tenantId: string, input: KendaraanInput, selfId: string | null) {
  const errors: FieldError[] = [];
  const plat = normalisePlat(input.platNomor);
  if (!plat) errors.push({ pointer: '/body/platNomor', detail: 'sampah.operasi.error.plat' });
  else {
    let dup = trx
      .selectFrom('sampah_kendaraan')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('plat_nomor', '=', plat);
    if (selfId) dup = dup.where('id', '<>', selfId);
    if (await dup.executeTakeFirst())
      errors.push({ pointer: '/body/platNomor', detail: 'sampah.operasi.error.platDipakai' });
  }
  if (!(input.kapasitasM3 > 0 && input.kapasitasM3 <= 100))
    errors.push({ pointer: '/body/kapasitasM3', detail: 'sampah.operasi.error.kapasitas' });
  if (!(input.kapasitasTon > 0 && input.kapasitasTon <= 60))
    errors.push({ pointer: '/body/kapasitasTon', detail: 'sampah.operasi.error.kapasitas' });
  checkErrors(errors);
  return {
    jenis: input.jenis,
    plat_nomor: plat!,
    kapasitas_m3: input.kapasitasM3,
    kapasitas_ton: input.kapasitasTon,
    status: input.status ?? 'aktif',
  };
}

export async function createKendaraan(
  trx: Tx,
  user: CurrentUser,
  input: KendaraanInput,
): Promise<KendaraanView> {
  authorise(user, OPS_KELOLA);
  return insertKendaraan(trx, user.tenantId, input);
}

export async function insertKendaraan(
  trx: Tx,
  tenantId: string,
  input: KendaraanInput,
  opts: { demo?: boolean } = {},
): Promise<KendaraanView> {
  const v = await kendaraanValues(trx, tenantId, input, null);
  const row = await trx
    .insertInto('sampah_kendaraan')
    .values({ ...v, tenant_id: tenantId, demo: opts.demo ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
  return kendaraanView(row);
}

export async function updateKendaraan(
  trx: Tx,
  user: CurrentUser,
  id: string,
  input: KendaraanInput,
): Promise<KendaraanView> {
  authorise(user, OPS_KELOLA);
  const row = await findKendaraan(trx, id);
  if (!row) throw notFound();
  const v = await kendaraanValues(trx, user.tenantId, input, row.id);
  const updated = await trx
    .updateTable('sampah_kendaraan')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return kendaraanView(updated);
}

// ---- Shifts ----

export interface ShiftView {
  id: string;
  nama: string;
  /** "HH:MM" */
  mulai: string;
}

export interface ShiftInput {
  nama: string;
  mulai: string;
}

export async function listShift(trx: Tx, user: CurrentUser): Promise<ShiftView[]> {
  authorise(user, OPS_LIHAT);
  const rows = await trx
    .selectFrom('sampah_shift')
    .select(['id', 'nama', 'mulai'])
    .orderBy('mulai')
    .execute();
  return rows.map((r) => ({ id: r.id, nama: r.nama, mulai: r.mulai.slice(0, 5) }));
}

export async function createShift(trx: Tx, user: CurrentUser, input: ShiftInput): Promise<ShiftView> {
  authorise(user, OPS_KELOLA);
  return insertShift(trx, user.tenantId, input);
}

export async function insertShift(
  trx: Tx,
  tenantId: string,
  input: ShiftInput,
  opts: { demo?: boolean } = {},
): Promise<ShiftView> {
  const errors: FieldError[] = [];
  const nama = cleanText(input.nama) ?? '';
  if (nama.length < 2 || nama.length > 60)
    errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.nama' });
  else if (
    await trx
      .selectFrom('sampah_shift')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('nama', '=', nama)
      .executeTakeFirst()
  )
    errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.namaDipakai' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(input.mulai))
    errors.push({ pointer: '/body/mulai', detail: 'sampah.operasi.error.jam' });
  checkErrors(errors);
  const row = await trx
    .insertInto('sampah_shift')
    .values({ tenant_id: tenantId, nama, mulai: input.mulai, demo: opts.demo ?? false })
    .returning(['id', 'nama', 'mulai'])
    .executeTakeFirstOrThrow();
  return { id: row.id, nama: row.nama, mulai: row.mulai.slice(0, 5) };
}
