/**
 * Waste operations: facilities (collection points, TPS, TPST/TPS3R, machines, the TPA and its
 * daily trip quota), vehicles, shifts and the trip log (ritase).
 *
 * Rules of the trip log:
 *  - a trip goes from one or more collection points (titik kumpul, TPS, TPST, TPS3R) to a
 *    destination that is not a collection point, in an active vehicle, within a shift;
 *  - 0 <= ton <= the vehicle's capacity in tonnes × 1.2; arrival after departure, within 24 hours,
 *    and not in the future;
 *  - a trip's date is the WIB date of its arrival. A trip to a TPA beyond the TPA's daily quota is
 *    recorded but flagged (melebihi_kuota): the truck is already at the gate. The quota panel warns
 *    from 90 % of the quota.
 *
 * For the tonnage module: tonasePenanganan (tonnes handled per WIB day, origin kecamatan and
 * destination kind) and kuotaTpaHariIni (today's use of each TPA's quota). Both see whatever the
 * city's transaction sees; the caller authorises.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { bagianBaca, dalamRentang, tanggalRincian, type Rincian } from '../../platform/db/periode.ts';
import { can, type CurrentUser, type Permission } from '../../platform/auth/roles.ts';
import {
  badRequest,
  forbidden,
  HttpProblem,
  notFound,
  type FieldError,
} from '../../platform/http/problem.ts';
import { findWilayah, listKecamatanRows, listKelurahanRows } from '../wilayah/repository.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from './permissions-operasi.ts';
import type {
  JenisFasilitas,
  JenisKendaraan,
  SampahFasilitasTable,
  SampahKendaraanTable,
  StatusFasilitas,
  StatusKendaraan,
  SubjenisMesin,
} from './operasi-tables.ts';

type FasilitasRow = Selectable<SampahFasilitasTable>;
type KendaraanRow = Selectable<SampahKendaraanTable>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Kinds a trip may start from. */
export const JENIS_ASAL: readonly JenisFasilitas[] = ['titik_kumpul', 'tps', 'tpst', 'tps3r'];
/** A vehicle may carry up to this factor of its rated tonnes (wet, compacted waste). */
export const TOLERANSI_MUATAN = 1.2;
/** From this share of the quota on, the panel warns. */
export const AMBANG_PERINGATAN = 0.9;

// ---- Small helpers ----

/** Today's date in WIB, YYYY-MM-DD. */
export function hariIniWib(now = new Date()): string {
  return tanggalWib(now);
}

/** The WIB calendar date of an instant. */
export function tanggalWib(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** A real calendar date YYYY-MM-DD. */
export function isTanggal(s: string): boolean {
  return DATE_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/**
 * An instant from an ISO date-time; without an offset ("2026-11-28T07:30", as a
 * datetime-local input sends) it is read as WIB. Null when not a valid time.
 */
export function parseWaktu(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
    s.trim(),
  );
  if (!m || !isTanggal(m[1]!)) return null;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${m[6] ?? '+07:00'}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function cleanText(s: string | null | undefined): string | null {
  const v = (s ?? '').replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function num(v: string | number | null): number | null {
  return v === null ? null : Number(v);
}

/**
 * Operations are the city's: seeing them needs the permission in any area (a kecamatan or kelurahan
 * officer sees the whole fleet), changing them needs it for the whole city.
 */
function authorise(user: CurrentUser, perm: Permission): void {
  if (!can(user, perm, perm === OPS_LIHAT ? undefined : user.tenantId)) throw forbidden();
}

function fail(errors: FieldError[], key = 'sampah.operasi.error.invalid'): void {
  if (errors.length) throw badRequest(key, errors);
}

/** Quota level: below 90 % fine, from 90 % up to the quota a warning, beyond it over quota. */
export type TingkatKuota = 'aman' | 'peringatan' | 'melebihi';

export function tingkatKuota(terpakai: number, kuota: number): TingkatKuota {
  if (terpakai > kuota) return 'melebihi';
  if (terpakai >= kuota * AMBANG_PERINGATAN) return 'peringatan';
  return 'aman';
}

// ---- Facilities ----

export interface FasilitasView {
  id: string;
  jenis: JenisFasilitas;
  subjenis: SubjenisMesin | null;
  nama: string;
  kecamatanKode: string | null;
  kecamatanNama: string | null;
  kelurahanKode: string | null;
  kelurahanNama: string | null;
  lat: number | null;
  lng: number | null;
  kapasitasTonHari: number | null;
  status: StatusFasilitas;
  operator: string | null;
  kuotaRitHarian: number | null;
}

async function regionNames(trx: Tx, cityId: string): Promise<Map<string, string>> {
  const [kec, kel] = await Promise.all([listKecamatanRows(trx, cityId), listKelurahanRows(trx, cityId)]);
  return new Map([...kec, ...kel].map((w) => [w.kode, w.nama]));
}

function fasilitasView(r: FasilitasRow, names: Map<string, string>): FasilitasView {
  return {
    id: r.id,
    jenis: r.jenis,
    subjenis: r.subjenis,
    nama: r.nama,
    kecamatanKode: r.kecamatan_kode,
    kecamatanNama: r.kecamatan_kode ? (names.get(r.kecamatan_kode) ?? null) : null,
    kelurahanKode: r.kelurahan_kode,
    kelurahanNama: r.kelurahan_kode ? (names.get(r.kelurahan_kode) ?? null) : null,
    lat: r.lat,
    lng: r.lng,
    kapasitasTonHari: num(r.kapasitas_ton_hari),
    status: r.status,
    operator: r.operator,
    kuotaRitHarian: r.kuota_rit_harian,
  };
}

export interface FasilitasFilter {
  jenis?: JenisFasilitas | undefined;
  status?: StatusFasilitas | undefined;
  kecamatan?: string | undefined;
}

export async function listFasilitas(
  trx: Tx,
  user: CurrentUser,
  f: FasilitasFilter = {},
): Promise<FasilitasView[]> {
  authorise(user, OPS_LIHAT);
  let q = trx.selectFrom('sampah_fasilitas').selectAll();
  if (f.jenis) q = q.where('jenis', '=', f.jenis);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kecamatan) q = q.where('kecamatan_kode', '=', f.kecamatan);
  const rows = await q.orderBy('jenis').orderBy('nama').execute();
  const names = await regionNames(trx, user.tenantId);
  return rows.map((r) => fasilitasView(r, names));
}

async function findFasilitas(trx: Tx, id: string): Promise<FasilitasRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx.selectFrom('sampah_fasilitas').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getFasilitas(trx: Tx, user: CurrentUser, id: string): Promise<FasilitasView> {
  authorise(user, OPS_LIHAT);
  const row = await findFasilitas(trx, id);
  if (!row) throw notFound();
  return fasilitasView(row, await regionNames(trx, user.tenantId));
}

export interface FasilitasInput {
  jenis: JenisFasilitas;
  subjenis?: SubjenisMesin | null | undefined;
  nama: string;
  kecamatanKode?: string | null | undefined;
  kelurahanKode?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  kapasitasTonHari?: number | null | undefined;
  status?: StatusFasilitas | undefined;
  operator?: string | null | undefined;
  kuotaRitHarian?: number | null | undefined;
}

async function fasilitasValues(trx: Tx, cityId: string, input: FasilitasInput, selfId: string | null) {
  const errors: FieldError[] = [];
  const nama = cleanText(input.nama) ?? '';
  if (nama.length < 3 || nama.length > 120)
    errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.nama' });
  const subjenis = input.subjenis || null;
  if (input.jenis === 'mesin' && !subjenis)
    errors.push({ pointer: '/body/subjenis', detail: 'sampah.operasi.error.subjenisWajib' });
  if (input.jenis !== 'mesin' && subjenis)
    errors.push({ pointer: '/body/subjenis', detail: 'sampah.operasi.error.subjenisHanyaMesin' });
  const kuota = input.kuotaRitHarian ?? null;
  if (kuota !== null && input.jenis !== 'tpa')
    errors.push({ pointer: '/body/kuotaRitHarian', detail: 'sampah.operasi.error.kuotaHanyaTpa' });
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  if ((lat === null) !== (lng === null))
    errors.push({
      pointer: lat === null ? '/body/lat' : '/body/lng',
      detail: 'sampah.operasi.error.koordinat',
    });

  let kecamatan = input.kecamatanKode || null;
  const kelurahan = input.kelurahanKode || null;
  if (kelurahan) {
    const w = await findWilayah(trx, kelurahan);
    if (!w || w.tingkat !== 'kelurahan' || !kelurahan.startsWith(`${cityId}.`)) {
      errors.push({ pointer: '/body/kelurahanKode', detail: 'sampah.operasi.error.wilayah' });
    } else if (kecamatan && w.induk !== kecamatan) {
      errors.push({ pointer: '/body/kelurahanKode', detail: 'sampah.operasi.error.kelurahanLuar' });
    } else {
      kecamatan = w.induk;
    }
  } else if (kecamatan) {
    const w = await findWilayah(trx, kecamatan);
    if (!w || w.tingkat !== 'kecamatan' || !kecamatan.startsWith(`${cityId}.`))
      errors.push({ pointer: '/body/kecamatanKode', detail: 'sampah.operasi.error.wilayah' });
  }
  if (nama.length >= 3) {
    // By tenant too: the owner (demo seeding) is not held by row-level security.
    let dup = trx
      .selectFrom('sampah_fasilitas')
      .select('id')
      .where('tenant_id', '=', cityId)
      .where('nama', '=', nama);
    if (selfId) dup = dup.where('id', '<>', selfId);
    if (await dup.executeTakeFirst())
      errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.namaDipakai' });
  }
  fail(errors);
  return {
    jenis: input.jenis,
    subjenis,
    nama,
    kecamatan_kode: kecamatan,
    kelurahan_kode: kelurahan,
    lat,
    lng,
    kapasitas_ton_hari: input.kapasitasTonHari ?? null,
    status: input.status ?? 'aktif',
    operator: cleanText(input.operator),
    kuota_rit_harian: kuota,
  };
}

export async function createFasilitas(
  trx: Tx,
  user: CurrentUser,
  input: FasilitasInput,
  opts: { demo?: boolean } = {},
): Promise<FasilitasView> {
  authorise(user, OPS_KELOLA);
  return insertFasilitas(trx, user.tenantId, input, opts);
}

/** Inserts a facility after the service rules (also the demo, as the owner). */
export async function insertFasilitas(
  trx: Tx,
  tenantId: string,
  input: FasilitasInput,
  opts: { demo?: boolean } = {},
): Promise<FasilitasView> {
  const v = await fasilitasValues(trx, tenantId, input, null);
  const row = await trx
    .insertInto('sampah_fasilitas')
    .values({ ...v, tenant_id: tenantId, demo: opts.demo ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fasilitasView(row, await regionNames(trx, tenantId));
}

export async function updateFasilitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  input: FasilitasInput,
): Promise<FasilitasView> {
  authorise(user, OPS_KELOLA);
  const row = await findFasilitas(trx, id);
  if (!row) throw notFound();
  const v = await fasilitasValues(trx, user.tenantId, input, row.id);
  const updated = await trx
    .updateTable('sampah_fasilitas')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return fasilitasView(updated, await regionNames(trx, user.tenantId));
}

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
export function normalisasiPlat(s: string): string | null {
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

async function findKendaraan(trx: Tx, id: string): Promise<KendaraanRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx.selectFrom('sampah_kendaraan').selectAll().where('id', '=', id).executeTakeFirst();
}

async function kendaraanValues(trx: Tx, tenantId: string, input: KendaraanInput, selfId: string | null) {
  const errors: FieldError[] = [];
  const plat = normalisasiPlat(input.platNomor);
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
  fail(errors);
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
  fail(errors);
  const row = await trx
    .insertInto('sampah_shift')
    .values({ tenant_id: tenantId, nama, mulai: input.mulai, demo: opts.demo ?? false })
    .returning(['id', 'nama', 'mulai'])
    .executeTakeFirstOrThrow();
  return { id: row.id, nama: row.nama, mulai: row.mulai.slice(0, 5) };
}

// ---- Trips ----

export interface RitaseInput {
  kendaraanId: string;
  shiftId: string;
  asalIds: string[];
  tujuanId: string;
  ton: number;
  /** ISO date-times; without an offset read as WIB. */
  berangkat: string;
  tiba: string;
  catatan?: string | null | undefined;
}

export interface RitaseView {
  id: string;
  tanggal: string;
  kendaraanId: string;
  platNomor: string;
  shiftId: string;
  shiftNama: string;
  asal: { id: string; nama: string }[];
  tujuanId: string;
  tujuanNama: string;
  tujuanJenis: JenisFasilitas;
  ton: number;
  berangkat: string;
  tiba: string;
  melebihiKuota: boolean;
  catatan: string | null;
}

export interface KuotaTpa {
  fasilitasId: string;
  nama: string;
  tanggal: string;
  /** Trips allowed per day. */
  kuota: number;
  /** Trips recorded that day. */
  terpakai: number;
  sisa: number;
  /** terpakai / kuota × 100, one decimal. */
  persen: number;
  ton: number;
  tingkat: TingkatKuota;
}

export interface RitaseHasil {
  ritase: RitaseView;
  /** The quota of the destination TPA on the trip's day, after this trip (null: no quota). */
  kuota: KuotaTpa | null;
}

/**
 * Records a trip. Unknown (or another city's) vehicle, shift or facilities: 404. Invalid values: 400
 * with pointers, nothing written. A trip beyond a TPA's quota is recorded and flagged.
 */
export async function catatRitase(
  trx: Tx,
  user: CurrentUser,
  input: RitaseInput,
  opts: { now?: Date } = {},
): Promise<RitaseHasil> {
  authorise(user, OPS_RITASE);
  return simpanRitase(trx, user.tenantId, input, { ...opts, userId: user.id });
}

/** The rules and the insert of catatRitase (also the demo, as the owner). */
export async function simpanRitase(
  trx: Tx,
  tenantId: string,
  input: RitaseInput,
  opts: { now?: Date; userId?: string | null; demo?: boolean } = {},
): Promise<RitaseHasil> {
  const kendaraan = await findKendaraan(trx, input.kendaraanId);
  if (!kendaraan) throw notFound('sampah.operasi.error.kendaraanTidakAda');
  const shift = UUID_RE.test(input.shiftId)
    ? await trx.selectFrom('sampah_shift').selectAll().where('id', '=', input.shiftId).executeTakeFirst()
    : undefined;
  if (!shift) throw notFound('sampah.operasi.error.shiftTidakAda');
  const tujuan = await findFasilitas(trx, input.tujuanId);
  if (!tujuan) throw notFound('sampah.operasi.error.fasilitasTidakAda');
  const asalIds = [...new Set(input.asalIds)];
  const asal = asalIds.length
    ? await trx
        .selectFrom('sampah_fasilitas')
        .select(['id', 'nama', 'jenis', 'status'])
        .where(
          'id',
          'in',
          asalIds.filter((id) => UUID_RE.test(id)),
        )
        .execute()
    : [];
  if (asal.length !== asalIds.length) throw notFound('sampah.operasi.error.fasilitasTidakAda');

  const errors: FieldError[] = [];
  if (kendaraan.status !== 'aktif')
    errors.push({ pointer: '/body/kendaraanId', detail: 'sampah.operasi.error.kendaraanTidakAktif' });
  if (tujuan.jenis === 'titik_kumpul')
    errors.push({ pointer: '/body/tujuanId', detail: 'sampah.operasi.error.tujuanJenis' });
  else if (tujuan.status === 'rencana')
    errors.push({ pointer: '/body/tujuanId', detail: 'sampah.operasi.error.tujuanRencana' });
  if (!asalIds.length) errors.push({ pointer: '/body/asalIds', detail: 'sampah.operasi.error.asalWajib' });
  asalIds.forEach((id, i) => {
    const a = asal.find((x) => x.id === id);
    if (id === tujuan.id)
      errors.push({ pointer: `/body/asalIds/${i}`, detail: 'sampah.operasi.error.asalSamaTujuan' });
    else if (a && !JENIS_ASAL.includes(a.jenis))
      errors.push({ pointer: `/body/asalIds/${i}`, detail: 'sampah.operasi.error.asalJenis' });
  });
  const batas = Math.round(Number(kendaraan.kapasitas_ton) * TOLERANSI_MUATAN * 1000) / 1000;
  if (!Number.isFinite(input.ton) || input.ton < 0)
    errors.push({ pointer: '/body/ton', detail: 'sampah.operasi.error.tonNegatif' });
  else if (input.ton > batas)
    errors.push({ pointer: '/body/ton', detail: 'sampah.operasi.error.tonMelebihiKapasitas' });
  const berangkat = parseWaktu(input.berangkat);
  const tiba = parseWaktu(input.tiba);
  const now = opts.now ?? new Date();
  if (!berangkat) errors.push({ pointer: '/body/berangkat', detail: 'sampah.operasi.error.waktu' });
  if (!tiba) errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.waktu' });
  if (berangkat && tiba) {
    if (tiba.getTime() <= berangkat.getTime())
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.tibaSebelumBerangkat' });
    else if (tiba.getTime() - berangkat.getTime() > 24 * 3600_000)
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.terlaluLama' });
    else if (tiba.getTime() > now.getTime() + 15 * 60_000)
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.masaDepan' });
  }
  const catatan = cleanText(input.catatan);
  if (catatan && catatan.length > 500)
    errors.push({ pointer: '/body/catatan', detail: 'sampah.operasi.error.catatan' });
  if (errors.length)
    throw new HttpProblem(400, 'sampah.operasi.error.invalid', {
      errors,
      params: { batas: batas.toLocaleString('id-ID') },
    });

  const tanggal = tanggalWib(tiba!);
  let melebihi = false;
  if (tujuan.jenis === 'tpa' && tujuan.kuota_rit_harian !== null) {
    // One trip at a time per TPA, so two clerks cannot both take the last slot unflagged.
    await trx.selectFrom('sampah_fasilitas').select('id').where('id', '=', tujuan.id).forUpdate().execute();
    const terpakai = await hitungRit(trx, tujuan.id, tanggal);
    melebihi = terpakai + 1 > tujuan.kuota_rit_harian;
  }
  const row = await trx
    .insertInto('sampah_ritase')
    .values({
      tenant_id: tenantId,
      kendaraan_id: kendaraan.id,
      shift_id: shift.id,
      tujuan_id: tujuan.id,
      ton: input.ton.toFixed(3),
      berangkat: berangkat!,
      tiba: tiba!,
      tanggal,
      melebihi_kuota: melebihi,
      catatan,
      dicatat_oleh: opts.userId ?? null,
      demo: opts.demo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('sampah_ritase_asal')
    .values(asalIds.map((fasilitas_id) => ({ tenant_id: tenantId, ritase_id: row.id, fasilitas_id })))
    .execute();
  const [view] = await ritaseViews(trx, { ids: [row.id] });
  const kuota =
    tujuan.jenis === 'tpa' && tujuan.kuota_rit_harian !== null
      ? ((await kuotaTpa(trx, tanggal)).find((k) => k.fasilitasId === tujuan.id) ?? null)
      : null;
  return { ritase: view!, kuota };
}

async function hitungRit(trx: Tx, tujuanId: string, tanggal: string): Promise<number> {
  const r = await trx
    .selectFrom('sampah_ritase')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tujuan_id', '=', tujuanId)
    .where('tanggal', '=', tanggal)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ritaseViews(
  trx: Tx,
  f: { ids?: string[]; tanggal?: string; limit?: number },
): Promise<RitaseView[]> {
  let q = trx
    .selectFrom('sampah_ritase as r')
    .innerJoin('sampah_kendaraan as k', 'k.id', 'r.kendaraan_id')
    .innerJoin('sampah_shift as s', 's.id', 'r.shift_id')
    .innerJoin('sampah_fasilitas as t', 't.id', 'r.tujuan_id')
    .select([
      'r.id',
      'r.tanggal',
      'r.kendaraan_id',
      'k.plat_nomor',
      'r.shift_id',
      's.nama as shift_nama',
      'r.tujuan_id',
      't.nama as tujuan_nama',
      't.jenis as tujuan_jenis',
      'r.ton',
      'r.berangkat',
      'r.tiba',
      'r.melebihi_kuota',
      'r.catatan',
    ]);
  if (f.ids) q = q.where('r.id', 'in', f.ids);
  if (f.tanggal) q = q.where('r.tanggal', '=', f.tanggal);
  const rows = await q
    .orderBy('r.tiba', 'desc')
    .limit(f.limit ?? 500)
    .execute();
  if (!rows.length) return [];
  const asal = await trx
    .selectFrom('sampah_ritase_asal as a')
    .innerJoin('sampah_fasilitas as f', 'f.id', 'a.fasilitas_id')
    .select(['a.ritase_id', 'f.id', 'f.nama'])
    .where(
      'a.ritase_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('f.nama')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tanggal: r.tanggal,
    kendaraanId: r.kendaraan_id,
    platNomor: r.plat_nomor,
    shiftId: r.shift_id,
    shiftNama: r.shift_nama,
    asal: asal.filter((a) => a.ritase_id === r.id).map((a) => ({ id: a.id, nama: a.nama })),
    tujuanId: r.tujuan_id,
    tujuanNama: r.tujuan_nama,
    tujuanJenis: r.tujuan_jenis,
    ton: Number(r.ton),
    berangkat: r.berangkat.toISOString(),
    tiba: r.tiba.toISOString(),
    melebihiKuota: r.melebihi_kuota,
    catatan: r.catatan,
  }));
}

/** Trips of a WIB day (default today), latest first. */
export async function listRitase(
  trx: Tx,
  user: CurrentUser,
  q: { tanggal?: string | undefined } = {},
): Promise<RitaseView[]> {
  authorise(user, OPS_LIHAT);
  const tanggal = q.tanggal ?? hariIniWib();
  if (!isTanggal(tanggal))
    throw badRequest('sampah.operasi.error.invalid', [
      { pointer: '/query/tanggal', detail: 'sampah.operasi.error.tanggal' },
    ]);
  return ritaseViews(trx, { tanggal });
}

// ---- For the tonnage module and the quota panel ----

async function kuotaTpa(trx: Tx, tanggal: string): Promise<KuotaTpa[]> {
  const rows = await trx
    .selectFrom('sampah_fasilitas as f')
    .leftJoin('sampah_ritase as r', (j) => j.onRef('r.tujuan_id', '=', 'f.id').on('r.tanggal', '=', tanggal))
    .select((eb) => [
      'f.id',
      'f.nama',
      'f.kuota_rit_harian',
      eb.fn.count<string>('r.id').as('rit'),
      sql<string>`coalesce(sum(r.ton), 0)`.as('ton'),
    ])
    .where('f.jenis', '=', 'tpa')
    .where('f.kuota_rit_harian', 'is not', null)
    .groupBy(['f.id', 'f.nama', 'f.kuota_rit_harian'])
    .orderBy('f.nama')
    .execute();
  return rows.map((r) => {
    const kuota = r.kuota_rit_harian!;
    const terpakai = Number(r.rit);
    return {
      fasilitasId: r.id,
      nama: r.nama,
      tanggal,
      kuota,
      terpakai,
      sisa: Math.max(0, kuota - terpakai),
      persen: Math.round((terpakai / kuota) * 1000) / 10,
      ton: Math.round(Number(r.ton) * 1000) / 1000,
      tingkat: tingkatKuota(terpakai, kuota),
    };
  });
}

/**
 * Today's (WIB) use of each TPA's daily trip quota, one entry per TPA with a quota, by name.
 * `tanggal` looks at another day (tests, history). The caller authorises.
 */
export async function kuotaTpaHariIni(trx: Tx, opts: { tanggal?: string } = {}): Promise<KuotaTpa[]> {
  const tanggal = opts.tanggal ?? hariIniWib();
  if (!isTanggal(tanggal)) throw new Error(`kuotaTpaHariIni: invalid date ${tanggal}`);
  return kuotaTpa(trx, tanggal);
}

export interface PenangananBaris {
  /** WIB date of the trips' arrival. */
  tanggal: string;
  /** Kecamatan of the origin facility; null when the origin has none. */
  kecamatanKode: string | null;
  tujuanJenis: JenisFasilitas;
  /** Kind of the origin facility: waste leaving a TPST or TPS3R was counted when it arrived there. */
  asalJenis: JenisFasilitas;
  /** Tonnes, 3 decimals. */
  ton: number;
}

/**
 * Tonnes carried per WIB day, origin kecamatan, origin kind and destination kind, for days dari..sampai
 * (YYYY-MM-DD, both inclusive). A trip from several collection points is split equally among them.
 * Every destination kind is reported (tps too, an intermediate stop): the caller picks which count
 * as handled, so that waste moved twice is not counted twice. The caller authorises.
 */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Tonnes handled per WIB day (or month) and origin kecamatan, with the tonnage area's rule applied
 * in SQL: only trips to `tujuan` kinds, and not from `kecualiAsal` kinds (waste counted where it
 * arrived). Per month, a year of a city is a few hundred rows instead of tens of thousands. Sums
 * are rounded to the gram (a trip from several points is split, e.g. into thirds).
 */
export async function tonaseDitangani(
  trx: Tx,
  q: {
    dari: string;
    sampai: string;
    tujuan: readonly string[];
    kecualiAsal: readonly string[];
    /** Per day (default) or per month (src/platform/db/periode.ts). */
    per?: Rincian | undefined;
    /** One kecamatan of origin only. */
    kecamatan?: string | undefined;
  },
): Promise<{ tanggal: string; kecamatanKode: string | null; ton: number }[]> {
  const errors: FieldError[] = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'sampah.operasi.error.tanggal' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.tanggal' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.rentang' });
  fail(errors);
  const baca = bagianBaca(q, q.per ?? 'hari');
  const syarat = sql`tujuan_jenis = any(${[...q.tujuan]}::text[])
    and not (asal_jenis = any(${[...q.kecualiAsal]}::text[]))
    ${q.kecamatan ? sql`and kecamatan_kode = ${q.kecamatan}` : sql``}`;
  // Whole months from the monthly summary, other days from the daily one (periode.ts).
  const rows = await sql<{ tanggal: string; kecamatan_kode: string; ton: string }>`
    select tanggal, kecamatan_kode, round(sum(ton), 6) as ton from (
      select bulan as tanggal, kecamatan_kode, ton from sampah_ritase_bulanan
       where ${dalamRentang(sql`bulan`, baca.bulan ? [baca.bulan] : [])} and ${syarat}
      union all
      select ${tanggalRincian(sql`tanggal`, q.dari, q.per ?? 'hari')}, kecamatan_kode, ton from sampah_ritase_harian
       where ${dalamRentang(sql`tanggal`, baca.hari)} and ${syarat}) x
     group by 1, 2`.execute(trx);
  return rows.rows.map((r) => ({
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode === '' ? null : r.kecamatan_kode,
    ton: Number(r.ton),
  }));
}

export async function tonasePenanganan(
  trx: Tx,
  q: { dari: string; sampai: string },
): Promise<PenangananBaris[]> {
  const errors: FieldError[] = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'sampah.operasi.error.tanggal' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.tanggal' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.rentang' });
  fail(errors);
  // From the daily summary a trigger keeps with every trip (db/migrations/0012_ringkasan_harian.sql).
  const rows = await trx
    .selectFrom('sampah_ritase_harian')
    .select(['tanggal', 'kecamatan_kode', 'tujuan_jenis', 'asal_jenis', 'ton'])
    .where('tanggal', '>=', q.dari)
    .where('tanggal', '<=', q.sampai)
    .execute();
  return (
    rows
      .map((r) => ({
        tanggal: r.tanggal,
        kecamatanKode: r.kecamatan_kode === '' ? null : r.kecamatan_kode,
        tujuanJenis: r.tujuan_jenis,
        asalJenis: r.asal_jenis,
        ton: Math.round(Number(r.ton) * 1000) / 1000,
      }))
      // Ordered here, not in SQL: a collated sort of a year's rows costs more than the query.
      .sort(
        (x, y) =>
          cmp(x.tanggal, y.tanggal) ||
          cmp(x.kecamatanKode ?? '\uffff', y.kecamatanKode ?? '\uffff') ||
          cmp(x.tujuanJenis, y.tujuanJenis) ||
          cmp(x.asalJenis, y.asalJenis),
      )
  );
}
