/**
 * Administration of bank sampah: the banks (a unit serving an RW or an institution, or an induk
 * for the whole city), their pengurus, and their members (nasabah) with the member's NIK
 * encrypted at rest. Every function takes the city's transaction and the acting user; the user
 * decides what is visible (404) and allowed (403), see access.ts. A null user is the system
 * (demo data, command line): no authorisation is applied.
 *
 * Regions and RWs are read through the wilayah module's data access (its service checks the
 * wilayah permissions, which the bank sampah officers need not hold).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, covers, rwAreaKode, type CurrentUser } from '../../platform/auth/roles.ts';
import { getUser, listUsers, normaliseEmail } from '../../platform/auth/service.ts';
import {
  HttpProblem,
  badRequest,
  conflict,
  forbidden,
  notFound,
  type FieldError,
} from '../../platform/http/problem.ts';
import { decrypt, encrypt, maskEmail, maskNik, maskPhone } from '../../platform/privacy.ts';
import { logRead } from '../../platform/audit/read.ts';
import {
  findRwByNomor,
  findRwRow,
  findWilayah,
  listKecamatanRows,
  listKelurahanRows,
  type RwRow,
} from '../wilayah/repository.ts';
import { normalisasiTelepon, teleponSah } from '../../platform/telepon.ts';
import { bankFor, findBank, jabatanOf, visibleBankAreas, visibleBanksWhere } from './access.ts';
import type { BankRights, BankRow, Jabatan } from './access.ts';
import { AKUN, milliToDecimal, toMilli } from './ledger.ts';
import { KELOLA, NIK } from './permissions.ts';

export type Lembaga = 'rw' | 'sekolah' | 'kantor' | 'pasar' | 'lainnya';
export type Tingkat = 'unit' | 'induk';
export type JenisNasabah = 'rumah_tangga' | 'lembaga' | 'bank_unit';

export const LEMBAGA: readonly Lembaga[] = ['rw', 'sekolah', 'kantor', 'pasar', 'lainnya'];
export const JABATAN: readonly Jabatan[] = ['ketua', 'teller', 'bendahara'];
export const NIK_RE = /^[0-9]{16}$/;
export const KODE_BANK_RE = /^[A-Z0-9-]{3,20}$/;
export const NOMOR_NASABAH_RE = /^[A-Z0-9-]{3,30}$/;
/** Highest withdrawal threshold accepted (rupiah). */
export const AMBANG_MAX = 1_000_000_000;

const field = (name: string, detail: string): FieldError => ({ pointer: `/body/${name}`, detail });
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cleanText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The city of the transaction (the user's, or the one the transaction is scoped to). */
async function tenantOf(trx: Tx, user: CurrentUser | null): Promise<string> {
  if (user) return user.tenantId;
  const r = await sql<{ t: string | null }>`select balai_current_tenant() as t`.execute(trx);
  const t = r.rows[0]?.t;
  if (!t) throw new Error('No city in this transaction');
  return t;
}

/** The bank when the user may exercise `need` there; for the system, any bank of the city. */
async function bankUntuk(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  need: 'lihat' | 'transaksi' | 'kelola',
): Promise<BankRow> {
  if (user) return (await bankFor(trx, user, bankId, need)).bank;
  const bank = await findBank(trx, bankId);
  if (!bank) throw notFound();
  return bank;
}

// ---- Regions ----

export interface Tempat {
  kelurahanKode: string;
  kelurahanNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
}

/** Names of the city's kelurahan and their kecamatan, by kelurahan code. */
export async function regionIndex(trx: Tx, tenantId: string): Promise<Map<string, Tempat>> {
  const kec = new Map((await listKecamatanRows(trx, tenantId)).map((k) => [k.kode, k.nama]));
  const out = new Map<string, Tempat>();
  for (const k of await listKelurahanRows(trx, tenantId)) {
    out.set(k.kode, {
      kelurahanKode: k.kode,
      kelurahanNama: k.nama,
      kecamatanKode: k.induk ?? '',
      kecamatanNama: kec.get(k.induk ?? '') ?? '',
    });
  }
  return out;
}

export type KelurahanGroups = { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];

/** Kelurahan of the city grouped by kecamatan, those passing `keep` only (for pickers and filters). */
export async function kelurahanGroups(
  trx: Tx,
  tenantId: string,
  keep: (kode: string) => boolean = () => true,
): Promise<KelurahanGroups> {
  const kecamatan = await listKecamatanRows(trx, tenantId);
  const kelurahan = (await listKelurahanRows(trx, tenantId)).filter((k) => keep(k.kode));
  return kecamatan
    .map((kc) => ({
      kode: kc.kode,
      nama: kc.nama,
      kelurahan: kelurahan.filter((k) => k.induk === kc.kode).map((k) => ({ kode: k.kode, nama: k.nama })),
    }))
    .filter((g) => g.kelurahan.length > 0);
}

/** Kelurahan in which the user may create banks (all for the system). */
export function kelurahanUntukBankBaru(trx: Tx, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = can(user, KELOLA) ? visibleBankAreas(user, KELOLA) : [];
  return kelurahanGroups(trx, user.tenantId, (kode) =>
    areas === null ? true : areas.some((a) => covers(a, kode) || covers(kode, a)),
  );
}

/** Kelurahan with banks the user may see (filters of the bank list). */
export function kelurahanTerlihat(trx: Tx, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = visibleBankAreas(user);
  return kelurahanGroups(trx, user.tenantId, (kode) =>
    areas === null ? true : areas.some((a) => covers(a, kode) || covers(kode, a)),
  );
}

// ---- Banks ----

export interface BankRingkas {
  id: string;
  kode: string;
  nama: string;
}

export interface BankView {
  id: string;
  kode: string;
  nama: string;
  tingkat: Tingkat;
  lembaga: Lembaga;
  rwId: string | null;
  /** Number of the RW the bank serves (or where an institution is), when known. */
  rwNomor: number | null;
  kelurahanKode: string | null;
  kelurahanNama: string | null;
  kecamatanKode: string | null;
  kecamatanNama: string | null;
  /** The region that scopes officers' roles: the RW code, the kelurahan, or the city. */
  areaKode: string;
  induk: BankRingkas | null;
  alamat: string | null;
  jamBuka: string | null;
  /** Masked (UU PDP): 0812****7890. */
  telepon: string | null;
  ambangPersetujuan: number | null;
  /** Deposit limits: kg per line and rupiah per deposit; above either, another person approves. */
  batasBarisKg: number;
  batasSetoran: number;
  bagiHasilPersen: number;
  warisiHargaInduk: boolean;
  aktif: boolean;
  demo: boolean;
  /** Active members. */
  jumlahNasabah: number;
  createdAt: string;
  updatedAt: string;
}

function rwNomorOf(b: BankRow): number | null {
  if (!b.rw_id) return null;
  // The area of an RW bank is the RW code <kelurahan>.<nnn>.
  const m = /^\d{2}\.\d{2}\.\d{2}\.\d{4}\.(\d{3})$/.exec(b.area_kode);
  return m ? Number(m[1]) : null;
}

/** The bank's kelurahan: stored, or that of its RW (an RW bank's area is <kelurahan>.<nnn>). */
function kelurahanOfBank(b: BankRow): string | null {
  return b.kelurahan_kode ?? /^(\d{2}\.\d{2}\.\d{2}\.\d{4})\.\d{3}$/.exec(b.area_kode)?.[1] ?? null;
}

function bankView(
  b: BankRow,
  regions: Map<string, Tempat>,
  induk: BankRingkas | null,
  jumlahNasabah: number,
  rwNomor: number | null = rwNomorOf(b),
): BankView {
  const kelurahanKode = kelurahanOfBank(b);
  const tempat = kelurahanKode ? regions.get(kelurahanKode) : undefined;
  return {
    id: b.id,
    kode: b.kode,
    nama: b.nama,
    tingkat: b.tingkat,
    lembaga: b.lembaga,
    rwId: b.rw_id,
    rwNomor,
    kelurahanKode,
    kelurahanNama: tempat?.kelurahanNama ?? null,
    kecamatanKode: tempat?.kecamatanKode ?? null,
    kecamatanNama: tempat?.kecamatanNama ?? null,
    areaKode: b.area_kode,
    induk,
    alamat: b.alamat,
    jamBuka: b.jam_buka,
    telepon: maskPhone(b.telepon),
    ambangPersetujuan: b.ambang_persetujuan,
    batasBarisKg: Number(b.batas_baris_kg),
    batasSetoran: Number(b.batas_setoran),
    bagiHasilPersen: Number(b.bagi_hasil_persen),
    warisiHargaInduk: b.warisi_harga_induk,
    aktif: b.aktif,
    demo: b.demo,
    jumlahNasabah,
    createdAt: new Date(b.created_at).toISOString(),
    updatedAt: new Date(b.updated_at).toISOString(),
  };
}

async function indukMap(trx: Tx, ids: (string | null)[]): Promise<Map<string, BankRingkas>> {
  const unique = [...new Set(ids.filter((x): x is string => x !== null))];
  if (!unique.length) return new Map();
  const rows = await trx
    .selectFrom('bank_sampah')
    .select(['id', 'kode', 'nama'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function memberCounts(trx: Tx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await trx
    .selectFrom('bank_sampah_nasabah')
    .select(['bank_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('bank_id', 'in', ids)
    .where('aktif', '=', true)
    .groupBy('bank_id')
    .execute();
  return new Map(rows.map((r) => [r.bank_id, Number(r.n)]));
}

async function viewsOf(trx: Tx, tenantId: string, rows: BankRow[]): Promise<BankView[]> {
  const [regions, induk, counts] = await Promise.all([
    regionIndex(trx, tenantId),
    indukMap(
      trx,
      rows.map((r) => r.induk_id),
    ),
    memberCounts(
      trx,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) =>
    bankView(r, regions, r.induk_id ? (induk.get(r.induk_id) ?? null) : null, counts.get(r.id) ?? 0),
  );
}

export interface BankQuery {
  kecamatan?: string | undefined;
  kelurahan?: string | undefined;
  q?: string | undefined;
  tingkat?: Tingkat | undefined;
  aktif?: boolean | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

export interface Halaman<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

/** The banks the user sees (visibleBanksWhere), filtered; induk first, then by code. */
export async function listBanks(
  trx: Tx,
  user: CurrentUser,
  query: BankQuery = {},
): Promise<Halaman<BankView>> {
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 50;
  let q = trx.selectFrom('bank_sampah as b').where(visibleBanksWhere(user));
  // An RW bank's area is inside its kelurahan (older rows may lack kelurahan_kode).
  const region = query.kelurahan || query.kecamatan;
  if (region)
    q = q.where((eb) =>
      eb.or([
        eb('b.kelurahan_kode', query.kelurahan ? '=' : 'like', query.kelurahan ? region : `${region}.%`),
        eb('b.area_kode', '=', region),
        eb('b.area_kode', 'like', `${region}.%`),
      ]),
    );
  if (query.tingkat) q = q.where('b.tingkat', '=', query.tingkat);
  if (query.aktif !== undefined) q = q.where('b.aktif', '=', query.aktif);
  const text = query.q?.trim();
  if (text) {
    const like = likePattern(text);
    q = q.where((eb) => eb.or([eb('b.nama', 'ilike', like), eb('b.kode', 'ilike', like)]));
  }
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .selectAll('b')
    .orderBy(sql`b.tingkat = 'induk'`, 'desc')
    .orderBy('b.aktif', 'desc')
    .orderBy('b.kode')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items: await viewsOf(trx, user.tenantId, rows), total, page, perPage };
}

/** Does the user see any bank, or may they create one? (Otherwise the bank list is not for them.) */
export async function adaBankUntuk(trx: Tx, user: CurrentUser): Promise<boolean> {
  if (can(user, KELOLA)) return true;
  const r = await trx
    .selectFrom('bank_sampah as b')
    .select('b.id')
    .where(visibleBanksWhere(user))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export interface BankDetail extends BankView {
  hak: BankRights;
}

export async function getBank(trx: Tx, user: CurrentUser, bankId: string): Promise<BankDetail> {
  const { bank, rights } = await bankFor(trx, user, bankId, 'lihat');
  const [view] = await viewsOf(trx, user.tenantId, [bank]);
  return { ...view!, hak: rights };
}

/** The bank's view for the system (no rights), e.g. after creating it. */
export async function bankViewById(trx: Tx, bankId: string): Promise<BankView> {
  const bank = await findBank(trx, bankId);
  if (!bank) throw notFound();
  const [view] = await viewsOf(trx, bank.tenant_id, [bank]);
  return view!;
}

/** The full phone number of a bank, for its settings form (those who manage it only). */
export async function bankForEdit(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
): Promise<BankDetail & { teleponLengkap: string | null }> {
  const { bank, rights } = await bankFor(trx, user, bankId, 'kelola');
  const [view] = await viewsOf(trx, user.tenantId, [bank]);
  return { ...view!, hak: rights, teleponLengkap: bank.telepon };
}

/** Induk banks of the city (any user may link a unit to one). */
export async function listInduk(trx: Tx): Promise<(BankRingkas & { aktif: boolean })[]> {
  return trx
    .selectFrom('bank_sampah')
    .select(['id', 'kode', 'nama', 'aktif'])
    .where('tingkat', '=', 'induk')
    .orderBy('kode')
    .execute();
}

/** The next free code: BSU-0001 for units, BSI-01 for induk banks (after the highest in use). */
export async function suggestKode(trx: Tx, tingkat: Tingkat): Promise<string> {
  const prefix = tingkat === 'induk' ? 'BSI' : 'BSU';
  const r = await sql<{ n: string }>`
    select coalesce(max(substring(kode from ${`^${prefix}-([0-9]{1,9})$`})::bigint), 0) + 1 as n
      from bank_sampah where kode ~ ${`^${prefix}-[0-9]{1,9}$`}`.execute(trx);
  return `${prefix}-${String(r.rows[0]?.n ?? 1).padStart(tingkat === 'induk' ? 2 : 4, '0')}`;
}

export interface BankInput {
  /** Create only: unit (default) or induk. */
  tingkat?: Tingkat | undefined;
  lembaga?: Lembaga | undefined;
  /** The RW (by id), or kelurahanKode with rwNomor. */
  rwId?: string | null | undefined;
  kelurahanKode?: string | null | undefined;
  rwNomor?: number | null | undefined;
  /** Create only; suggested when absent. */
  kode?: string | null | undefined;
  nama?: string | null | undefined;
  alamat?: string | null | undefined;
  jamBuka?: string | null | undefined;
  telepon?: string | null | undefined;
  ambangPersetujuan?: number | null | undefined;
  /** Deposit limits; absent or null: the default when creating, unchanged when editing. */
  batasBarisKg?: number | string | null | undefined;
  batasSetoran?: number | null | undefined;
  bagiHasilPersen?: number | string | null | undefined;
  indukId?: string | null | undefined;
  warisiHargaInduk?: boolean | undefined;
  aktif?: boolean | undefined;
  /** System only (demo data). */
  demo?: boolean | undefined;
}

interface Place {
  lembaga: Lembaga;
  rw_id: string | null;
  kelurahan_kode: string | null;
  area_kode: string;
  /** Where a refusal of the area is reported. */
  pointer: string;
}

async function kelurahanOf(trx: Tx, tenantId: string, kode: string | null | undefined) {
  if (!kode || !kode.startsWith(`${tenantId}.`)) return undefined;
  const w = await findWilayah(trx, kode);
  return w && w.tingkat === 'kelurahan' ? w : undefined;
}

/**
 * The RW given by id, or by kelurahan and number: the row, null when none is given, or the
 * field errors.
 */
async function rwDari(
  trx: Tx,
  tenantId: string,
  input: {
    rwId?: string | null | undefined;
    kelurahanKode?: string | null | undefined;
    rwNomor?: number | null | undefined;
  },
): Promise<RwRow | null | FieldError[]> {
  if (input.rwId) {
    const rw = UUID_RE.test(input.rwId) ? await findRwRow(trx, input.rwId) : undefined;
    return rw ?? [field('rwId', 'bankSampah.admin.err.rwTidakAda')];
  }
  if (input.rwNomor !== undefined && input.rwNomor !== null) {
    if (!Number.isInteger(input.rwNomor) || input.rwNomor < 1 || input.rwNomor > 999)
      return [field('rwNomor', 'bankSampah.admin.err.rwNomor')];
    if (!(await kelurahanOf(trx, tenantId, input.kelurahanKode)))
      return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
    const found = await findRwByNomor(trx, input.kelurahanKode!, input.rwNomor);
    const rw = found ? await findRwRow(trx, found.id) : undefined;
    return rw ?? [field('rwNomor', 'bankSampah.admin.err.rwTidakAda')];
  }
  return null;
}

/** Where a bank is and the area that scopes it. */
async function resolvePlace(
  trx: Tx,
  tenantId: string,
  tingkat: Tingkat,
  input: {
    lembaga?: Lembaga | undefined;
    rwId?: string | null | undefined;
    kelurahanKode?: string | null | undefined;
    rwNomor?: number | null | undefined;
  },
): Promise<Place | FieldError[]> {
  const lembaga = input.lembaga ?? (tingkat === 'induk' ? 'lainnya' : 'rw');
  if (!LEMBAGA.includes(lembaga)) return [field('lembaga', 'bankSampah.admin.err.lembaga')];
  if (tingkat === 'induk') {
    // An induk serves the whole city; a kelurahan is only where it stands.
    if (input.kelurahanKode && !(await kelurahanOf(trx, tenantId, input.kelurahanKode)))
      return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
    return {
      lembaga,
      rw_id: null,
      kelurahan_kode: input.kelurahanKode || null,
      area_kode: tenantId,
      pointer: '/body/tingkat',
    };
  }
  const rw = await rwDari(trx, tenantId, input);
  if (Array.isArray(rw)) return rw;
  if (lembaga === 'rw') {
    if (!rw) return [field(input.kelurahanKode ? 'rwNomor' : 'rwId', 'bankSampah.admin.err.rwWajib')];
    return {
      lembaga,
      rw_id: rw.id,
      kelurahan_kode: rw.kelurahan_kode,
      area_kode: rwAreaKode(rw.kelurahan_kode, rw.nomor),
      pointer: input.rwId ? '/body/rwId' : '/body/rwNomor',
    };
  }
  const kel = await kelurahanOf(trx, tenantId, input.kelurahanKode ?? rw?.kelurahan_kode);
  if (!kel) return [field('kelurahanKode', 'bankSampah.admin.err.kelurahan')];
  if (rw && rw.kelurahan_kode !== kel.kode)
    return [field(input.rwId ? 'rwId' : 'rwNomor', 'bankSampah.admin.err.rwLuarKelurahan')];
  return {
    lembaga,
    rw_id: rw?.id ?? null,
    kelurahan_kode: kel.kode,
    area_kode: kel.kode,
    pointer: '/body/kelurahanKode',
  };
}

/** Checks the plain fields present in `input` (nama required when creating). */
function checkBankFields(input: BankInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (creating || input.nama !== undefined) {
    const nama = cleanText(input.nama);
    if (!nama || nama.length < 3 || nama.length > 120)
      errors.push(field('nama', 'bankSampah.admin.err.namaBank'));
  }
  const alamat = cleanText(input.alamat);
  if (alamat && alamat.length > 300) errors.push(field('alamat', 'bankSampah.admin.err.alamat'));
  const jam = cleanText(input.jamBuka);
  if (jam && jam.length > 200) errors.push(field('jamBuka', 'bankSampah.admin.err.jamBuka'));
  const tel = normalisasiTelepon(input.telepon);
  if (tel && !teleponSah(tel)) errors.push(field('telepon', 'bankSampah.admin.err.telepon'));
  const ambang = input.ambangPersetujuan;
  if (
    ambang !== undefined &&
    ambang !== null &&
    (!Number.isInteger(ambang) || ambang < 1 || ambang > AMBANG_MAX)
  )
    errors.push(field('ambangPersetujuan', 'bankSampah.admin.err.ambang'));
  const kg = batasKgOf(input.batasBarisKg);
  if (kg !== null && !(kg > 0 && kg <= 100_000_000))
    errors.push(field('batasBarisKg', 'bankSampah.admin.err.batasBarisKg'));
  const batas = input.batasSetoran;
  if (batas !== undefined && batas !== null && (!Number.isInteger(batas) || batas < 1 || batas > AMBANG_MAX))
    errors.push(field('batasSetoran', 'bankSampah.admin.err.batasSetoran'));
  const bh = input.bagiHasilPersen;
  if (bh !== undefined && bh !== null && bh !== '') {
    const n = typeof bh === 'string' ? Number(bh.replace(',', '.')) : bh;
    if (!Number.isFinite(n) || n < 0 || n > 50 || Math.round(n * 100) !== Math.round(n * 100 * 1e6) / 1e6)
      errors.push(field('bagiHasilPersen', 'bankSampah.admin.err.bagiHasil'));
  }
  if (input.kode) {
    if (!KODE_BANK_RE.test(input.kode.trim().toUpperCase()))
      errors.push(field('kode', 'bankSampah.admin.err.kodeBank'));
  }
  return errors;
}

/** A kg limit in thousandths (NaN when malformed), or null when not given. */
function batasKgOf(v: number | string | null | undefined): number | null {
  if (v === undefined || v === null || v === '') return null;
  return toMilli(typeof v === 'string' ? v.replace(/\s/g, '').replace(',', '.') : v);
}

/** The deposit limits given in `input`, as columns (absent ones left out). */
function batasColumns(input: BankInput): { batas_baris_kg?: string; batas_setoran?: number } {
  const kg = batasKgOf(input.batasBarisKg);
  return {
    ...(kg !== null ? { batas_baris_kg: milliToDecimal(kg) } : {}),
    ...(input.batasSetoran != null ? { batas_setoran: input.batasSetoran } : {}),
  };
}

function bagiHasilOf(v: number | string | null | undefined): number {
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'string' ? Number(v.replace(',', '.')) : v;
  return Math.round(n * 100) / 100;
}

/** The induk a unit links to: an induk bank of the city (active when newly linked). */
async function checkInduk(
  trx: Tx,
  indukId: string | null | undefined,
  selfId: string | null,
  current: string | null,
): Promise<FieldError[]> {
  if (!indukId) return [];
  const induk = UUID_RE.test(indukId) ? await findBank(trx, indukId) : undefined;
  if (!induk || induk.tingkat !== 'induk' || induk.id === selfId || (!induk.aktif && induk.id !== current))
    return [field('indukId', 'bankSampah.admin.err.induk')];
  return [];
}

/** Creates a bank. Needs bank-sampah.kelola over its area (a user of another area gets 403). */
export async function createBank(trx: Tx, user: CurrentUser | null, input: BankInput): Promise<BankView> {
  const tenantId = await tenantOf(trx, user);
  const tingkat: Tingkat = input.tingkat ?? 'unit';
  const errors: FieldError[] = [];
  if (tingkat !== 'unit' && tingkat !== 'induk')
    errors.push(field('tingkat', 'bankSampah.admin.err.tingkat'));
  errors.push(...checkBankFields(input, true));
  const place = errors.length ? null : await resolvePlace(trx, tenantId, tingkat, input);
  if (Array.isArray(place)) errors.push(...place);
  if (tingkat === 'induk' && input.indukId)
    errors.push(field('indukId', 'bankSampah.admin.err.indukUntukInduk'));
  else errors.push(...(await checkInduk(trx, input.indukId, null, null)));
  if (input.warisiHargaInduk && !input.indukId)
    errors.push(field('warisiHargaInduk', 'bankSampah.admin.err.warisiTanpaInduk'));
  if (errors.length) throw badRequest('error.validation', errors);
  const p = place as Place;
  if (user && !can(user, KELOLA, p.area_kode)) {
    throw new HttpProblem(403, 'bankSampah.admin.err.luarWilayah', {
      errors: [{ pointer: p.pointer, detail: 'bankSampah.admin.err.luarWilayah' }],
    });
  }
  const given = input.kode ? input.kode.trim().toUpperCase() : null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const kode = given ?? (await suggestKode(trx, tingkat));
    const row = await trx
      .insertInto('bank_sampah')
      .values({
        tenant_id: tenantId,
        kode,
        nama: cleanText(input.nama)!,
        tingkat,
        lembaga: p.lembaga,
        rw_id: p.rw_id,
        kelurahan_kode: p.kelurahan_kode,
        area_kode: p.area_kode,
        induk_id: tingkat === 'unit' ? input.indukId || null : null,
        alamat: cleanText(input.alamat),
        jam_buka: cleanText(input.jamBuka),
        telepon: normalisasiTelepon(input.telepon),
        ambang_persetujuan: input.ambangPersetujuan ?? null,
        ...batasColumns(input),
        bagi_hasil_persen: bagiHasilOf(input.bagiHasilPersen),
        warisi_harga_induk: Boolean(input.warisiHargaInduk && input.indukId),
        aktif: input.aktif ?? true,
        demo: !user && input.demo === true,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'kode']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return bankViewById(trx, row.id);
    if (given) break;
  }
  throw new HttpProblem(409, 'bankSampah.admin.err.kodeBankDipakai', {
    params: { kode: given ?? '' },
    errors: [field('kode', 'bankSampah.admin.err.kodeBankDipakai')],
  });
}

/**
 * Changes the fields present in `input` (null or "" clears an optional one). Needs the right to
 * manage the bank; moving it to another area also needs bank-sampah.kelola there.
 */
export async function updateBank(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: BankInput,
): Promise<BankView> {
  const current = await bankUntuk(trx, user, bankId, 'kelola');
  const errors = checkBankFields({ ...input, kode: undefined }, false);
  if (input.tingkat !== undefined && input.tingkat !== current.tingkat)
    errors.push(field('tingkat', 'bankSampah.admin.err.tingkatTetap'));
  if (input.kode !== undefined && input.kode !== null && input.kode.trim().toUpperCase() !== current.kode)
    errors.push(field('kode', 'bankSampah.admin.err.kodeTetap'));
  const moving = (['lembaga', 'rwId', 'kelurahanKode', 'rwNomor'] as const).some(
    (k) => input[k] !== undefined,
  );
  let place: Place | FieldError[] | null = null;
  if (moving && !errors.length) {
    const rwGiven = input.rwId !== undefined || input.rwNomor !== undefined;
    place = await resolvePlace(trx, current.tenant_id, current.tingkat, {
      lembaga: input.lembaga ?? current.lembaga,
      rwId: rwGiven ? input.rwId : current.rw_id,
      kelurahanKode: input.kelurahanKode !== undefined ? input.kelurahanKode : kelurahanOfBank(current),
      rwNomor: input.rwNomor,
    });
    if (Array.isArray(place)) errors.push(...place);
  }
  const indukId = input.indukId !== undefined ? input.indukId || null : current.induk_id;
  if (input.indukId) {
    if (current.tingkat === 'induk') errors.push(field('indukId', 'bankSampah.admin.err.indukUntukInduk'));
    else errors.push(...(await checkInduk(trx, input.indukId, current.id, current.induk_id)));
  }
  const warisi = input.warisiHargaInduk ?? current.warisi_harga_induk;
  if (input.warisiHargaInduk && !indukId)
    errors.push(field('warisiHargaInduk', 'bankSampah.admin.err.warisiTanpaInduk'));
  if (errors.length) throw badRequest('error.validation', errors);
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (place && !Array.isArray(place)) {
    if (user && place.area_kode !== current.area_kode && !can(user, KELOLA, place.area_kode))
      throw new HttpProblem(403, 'bankSampah.admin.err.luarWilayah', {
        errors: [{ pointer: place.pointer, detail: 'bankSampah.admin.err.luarWilayah' }],
      });
    Object.assign(set, {
      lembaga: place.lembaga,
      rw_id: place.rw_id,
      kelurahan_kode: place.kelurahan_kode,
      area_kode: place.area_kode,
    });
  }
  if (input.nama !== undefined) set.nama = cleanText(input.nama);
  if (input.alamat !== undefined) set.alamat = cleanText(input.alamat);
  if (input.jamBuka !== undefined) set.jam_buka = cleanText(input.jamBuka);
  if (input.telepon !== undefined) set.telepon = normalisasiTelepon(input.telepon);
  if (input.ambangPersetujuan !== undefined) set.ambang_persetujuan = input.ambangPersetujuan;
  Object.assign(set, batasColumns(input));
  if (input.bagiHasilPersen !== undefined) set.bagi_hasil_persen = bagiHasilOf(input.bagiHasilPersen);
  if (input.indukId !== undefined) set.induk_id = indukId;
  // Without an induk there is nothing to inherit.
  if (input.warisiHargaInduk !== undefined || input.indukId !== undefined)
    set.warisi_harga_induk = warisi && indukId !== null;
  if (input.aktif !== undefined) set.aktif = input.aktif;
  await trx.updateTable('bank_sampah').set(set).where('id', '=', current.id).execute();
  return bankViewById(trx, current.id);
}

// ---- Pengurus ----

export interface PengurusView {
  userId: string;
  nama: string;
  /** Masked: a**@contoh.id. */
  email: string;
  jabatan: Jabatan;
  /** Whether the account is active. */
  aktif: boolean;
  createdAt: string;
}

async function userNames(
  trx: Tx,
  ids: string[],
): Promise<Map<string, { name: string; email: string; active: boolean }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'active'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function pengurusRows(trx: Tx, bankId: string): Promise<PengurusView[]> {
  const rows = await trx
    .selectFrom('bank_sampah_pengurus')
    .selectAll()
    .where('bank_id', '=', bankId)
    .orderBy(sql`array_position(array['ketua','bendahara','teller']::text[], jabatan)`)
    .orderBy('created_at')
    .execute();
  const users = await userNames(
    trx,
    rows.map((r) => r.user_id),
  );
  return rows.map((r) => {
    const u = users.get(r.user_id);
    return {
      userId: r.user_id,
      nama: u?.name ?? '',
      email: u ? maskEmail(u.email) : '',
      jabatan: r.jabatan,
      aktif: u?.active ?? false,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

export async function listPengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
): Promise<PengurusView[]> {
  const bank = await bankUntuk(trx, user, bankId, 'lihat');
  return pengurusRows(trx, bank.id);
}

export interface PengurusInput {
  userId?: string | null | undefined;
  email?: string | null | undefined;
  jabatan?: string | null | undefined;
}

/** A user of the city by id or exact email (case-insensitive), or undefined. */
async function findUser(
  trx: Tx,
  by: { userId?: string | null | undefined; email?: string | null | undefined },
) {
  if (by.userId) {
    if (!UUID_RE.test(by.userId)) return undefined;
    try {
      return await getUser(trx, by.userId);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 404) return undefined;
      throw err;
    }
  }
  if (by.email) {
    const email = normaliseEmail(by.email);
    const found = await listUsers(trx, { q: email, limit: 20, offset: 0 });
    return found.items.find((u) => u.email.toLowerCase() === email);
  }
  return undefined;
}

/**
 * Appoints a user of the city as pengurus (or changes their position). Returns the pengurus and
 * whether they are new.
 */
export async function tambahPengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: PengurusInput,
): Promise<{ pengurus: PengurusView; baru: boolean }> {
  const bank = await bankUntuk(trx, user, bankId, 'kelola');
  const errors: FieldError[] = [];
  const jabatan = JABATAN.find((j) => j === input.jabatan);
  if (!jabatan) errors.push(field('jabatan', 'bankSampah.admin.err.jabatan'));
  const pointer = input.userId ? 'userId' : 'email';
  const target = input.userId || input.email ? await findUser(trx, input) : undefined;
  if (!target)
    errors.push(
      field(
        pointer,
        input.userId || input.email ? 'bankSampah.admin.err.penggunaTidakAda' : 'validation.required',
      ),
    );
  else if (!target.active) errors.push(field(pointer, 'bankSampah.admin.err.penggunaNonaktif'));
  if (errors.length) throw badRequest('error.validation', errors);
  // Whoever manages the pengurus cannot give themselves a position: every position operates the
  // bank's money, so an officer (or a ketua) would grant themselves what their role does not.
  if (target!.id === user?.id)
    throw new HttpProblem(403, 'bankSampah.admin.err.diriSendiri', {
      errors: [field(pointer, 'bankSampah.admin.err.diriSendiri')],
    });
  const existing = await jabatanOf(trx, target!, bank.id);
  if (existing === null) {
    await trx
      .insertInto('bank_sampah_pengurus')
      .values({
        tenant_id: bank.tenant_id,
        bank_id: bank.id,
        user_id: target!.id,
        jabatan: jabatan!,
        diangkat_oleh: user?.id ?? null,
      })
      .execute();
  } else if (existing !== jabatan) {
    await trx
      .updateTable('bank_sampah_pengurus')
      .set({ jabatan: jabatan!, diangkat_oleh: user?.id ?? null })
      .where('bank_id', '=', bank.id)
      .where('user_id', '=', target!.id)
      .execute();
  }
  const list = await pengurusRows(trx, bank.id);
  return { pengurus: list.find((p) => p.userId === target!.id)!, baru: existing === null };
}

export async function hapusPengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  userId: string,
): Promise<void> {
  const bank = await bankUntuk(trx, user, bankId, 'kelola');
  const r = await trx
    .deleteFrom('bank_sampah_pengurus')
    .where('bank_id', '=', bank.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound('bankSampah.admin.err.bukanPengurus');
}

/** Users of the city matching a name or email, to appoint (emails masked); officers with bank-sampah.kelola only. */
export async function cariPengguna(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  q: string,
): Promise<{ id: string; nama: string; email: string; jabatan: Jabatan | null }[]> {
  const bank = await bankUntuk(trx, user, bankId, 'kelola');
  // Searching the city's accounts is for officers, not for a bank's own ketua.
  if (!can(user, KELOLA, bank.area_kode)) throw forbidden();
  const text = q.trim();
  if (text.length < 2) return [];
  const found = await listUsers(trx, { q: text, limit: 10, offset: 0 });
  const current = new Map((await pengurusRows(trx, bank.id)).map((p) => [p.userId, p.jabatan]));
  return found.items
    .filter((u) => u.active)
    .map((u) => ({ id: u.id, nama: u.name, email: maskEmail(u.email), jabatan: current.get(u.id) ?? null }));
}

// ---- Members ----

export interface RwRingkas {
  id: string;
  kode: string;
  nomor: number;
  kelurahanKode: string;
  kelurahanNama: string;
}

export interface NasabahView {
  id: string;
  bankId: string;
  nomor: string;
  jenis: JenisNasabah;
  nama: string;
  rw: RwRingkas | null;
  alamat: string | null;
  /** Masked (UU PDP): 0812****7890. */
  telepon: string | null;
  /** Masked: 3273********0001; null when no NIK is stored. */
  nik: string | null;
  /** Why the NIK was collected. */
  nikTujuan: string | null;
  /** The linked warga account. */
  akun: { id: string; nama: string } | null;
  /** For a unit bank that is a member of this induk. */
  bankUnitId: string | null;
  aktif: boolean;
  demo: boolean;
  /** Savings balance in rupiah, from the ledger. */
  saldo: number;
  createdAt: string;
  updatedAt: string;
}

type NasabahRow = Awaited<ReturnType<typeof nasabahRow>>;

function nasabahRow(trx: Tx, bankId: string, id: string) {
  return trx
    .selectFrom('bank_sampah_nasabah')
    .selectAll()
    .where('bank_id', '=', bankId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Balances of members, one grouped query over their savings accounts. */
export async function saldoMap(trx: Tx, bankId: string, nasabahIds: string[]): Promise<Map<string, number>> {
  if (!nasabahIds.length) return new Map();
  const rows = await trx
    .selectFrom('bank_sampah_akun as a')
    .innerJoin('bank_sampah_jurnal_baris as jb', (j) =>
      j.onRef('jb.tenant_id', '=', 'a.tenant_id').onRef('jb.akun_id', '=', 'a.id'),
    )
    .select(['a.kunci', sql<string>`sum(jb.jumlah)`.as('s')])
    .where('a.bank_id', '=', bankId)
    .where('a.kunci', 'in', nasabahIds.map(AKUN.tabungan))
    .groupBy('a.kunci')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.kunci.slice('tabungan:'.length), -Number(r.s));
  return out;
}

async function rwMap(trx: Tx, ids: (string | null)[]): Promise<Map<string, RwRingkas>> {
  const out = new Map<string, RwRingkas>();
  for (const id of new Set(ids.filter((x): x is string => x !== null))) {
    const rw = await findRwRow(trx, id);
    if (rw)
      out.set(id, {
        id: rw.id,
        kode: rwAreaKode(rw.kelurahan_kode, rw.nomor),
        nomor: rw.nomor,
        kelurahanKode: rw.kelurahan_kode,
        kelurahanNama: rw.kelurahan_nama,
      });
  }
  return out;
}

async function nasabahViews(
  trx: Tx,
  bankId: string,
  rows: NonNullable<NasabahRow>[],
): Promise<NasabahView[]> {
  const [saldo, rws, users] = await Promise.all([
    saldoMap(
      trx,
      bankId,
      rows.map((r) => r.id),
    ),
    rwMap(
      trx,
      rows.map((r) => r.rw_id),
    ),
    userNames(
      trx,
      rows.map((r) => r.user_id).filter((x): x is string => x !== null),
    ),
  ]);
  return rows.map((r) => {
    const u = r.user_id ? users.get(r.user_id) : undefined;
    return {
      id: r.id,
      bankId: r.bank_id,
      nomor: r.nomor,
      jenis: r.jenis,
      nama: r.nama,
      rw: r.rw_id ? (rws.get(r.rw_id) ?? null) : null,
      alamat: r.alamat,
      telepon: maskPhone(r.telepon),
      nik: r.nik_samaran,
      nikTujuan: r.nik_tujuan,
      akun: r.user_id ? { id: r.user_id, nama: u?.name ?? '' } : null,
      bankUnitId: r.bank_unit_id,
      aktif: r.aktif,
      demo: r.demo,
      saldo: saldo.get(r.id) ?? 0,
      createdAt: new Date(r.created_at).toISOString(),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  });
}

export interface NasabahQuery {
  /** Name, member number, or phone digits (at least 4). */
  q?: string | undefined;
  aktif?: boolean | undefined;
  page?: number | undefined;
  perPage?: number | undefined;
}

/** Phone numbers are stored as typed (08…, or +62…): a search matches either form. */
function phoneForms(digits: string): string[] {
  const forms = [digits];
  if (digits.startsWith('0')) forms.push(`62${digits.slice(1)}`);
  else if (digits.startsWith('62')) forms.push(`0${digits.slice(2)}`);
  return forms;
}

export async function listNasabah(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  query: NasabahQuery = {},
): Promise<Halaman<NasabahView>> {
  const bank = await bankUntuk(trx, user, bankId, 'lihat');
  const page = query.page ?? 1;
  const perPage = query.perPage ?? 50;
  let q = trx.selectFrom('bank_sampah_nasabah').where('bank_id', '=', bank.id);
  if (query.aktif !== undefined) q = q.where('aktif', '=', query.aktif);
  const text = query.q?.trim();
  if (text) {
    const like = likePattern(text);
    const digits = text.replace(/\D/g, '');
    const phone = digits.length >= 4 && /^[\d\s\-+.()]+$/.test(text) ? phoneForms(digits) : [];
    q = q.where((eb) =>
      eb.or([
        eb('nama', 'ilike', like),
        eb('nomor', 'ilike', like),
        ...phone.map((d) => eb('telepon', 'like', `%${d}%`)),
      ]),
    );
  }
  const total = Number(
    (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await q
    .selectAll()
    .orderBy('aktif', 'desc')
    .orderBy('nomor')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items: await nasabahViews(trx, bank.id, rows), total, page, perPage };
}

export async function getNasabah(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  nasabahId: string,
): Promise<NasabahView> {
  const bank = await bankUntuk(trx, user, bankId, 'lihat');
  const row = UUID_RE.test(nasabahId) ? await nasabahRow(trx, bank.id, nasabahId) : undefined;
  if (!row) throw notFound('bankSampah.nasabah.tidakAda');
  return (await nasabahViews(trx, bank.id, [row]))[0]!;
}

/** The member with the full phone number, for the edit form (those who may register members). */
export async function nasabahForEdit(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  nasabahId: string,
): Promise<NasabahView & { teleponLengkap: string | null; akunEmail: string | null }> {
  const bank = await bankUntuk(trx, user, bankId, 'transaksi');
  const row = UUID_RE.test(nasabahId) ? await nasabahRow(trx, bank.id, nasabahId) : undefined;
  if (!row) throw notFound('bankSampah.nasabah.tidakAda');
  const view = (await nasabahViews(trx, bank.id, [row]))[0]!;
  const akun = row.user_id ? (await userNames(trx, [row.user_id])).get(row.user_id) : undefined;
  return { ...view, teleponLengkap: row.telepon, akunEmail: akun?.email ?? null };
}

export interface NasabahInput {
  jenis?: 'rumah_tangga' | 'lembaga' | undefined;
  /** Create only: a member number from a paper book; generated when absent. */
  nomor?: string | null | undefined;
  nama?: string | null | undefined;
  /** The member's RW by id, or kelurahanKode with rwNomor; the bank's RW when absent at registration. */
  rwId?: string | null | undefined;
  kelurahanKode?: string | null | undefined;
  rwNomor?: number | null | undefined;
  alamat?: string | null | undefined;
  telepon?: string | null | undefined;
  /** 16 digits; stored encrypted. null removes it. */
  nik?: string | null | undefined;
  /** Required with a NIK: why it is collected. */
  nikTujuan?: string | null | undefined;
  /** Email of the member's warga account; null unlinks. */
  userEmail?: string | null | undefined;
  aktif?: boolean | undefined;
  /** System only (demo data). */
  demo?: boolean | undefined;
}

function checkNasabahFields(input: NasabahInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (input.jenis !== undefined && input.jenis !== 'rumah_tangga' && input.jenis !== 'lembaga')
    errors.push(field('jenis', 'bankSampah.admin.err.jenisNasabah'));
  if (creating || input.nama !== undefined) {
    const nama = cleanText(input.nama);
    if (!nama || nama.length < 2 || nama.length > 120)
      errors.push(field('nama', 'bankSampah.admin.err.namaNasabah'));
  }
  const alamat = cleanText(input.alamat);
  if (alamat && alamat.length > 300) errors.push(field('alamat', 'bankSampah.admin.err.alamat'));
  const tel = normalisasiTelepon(input.telepon);
  if (tel && !teleponSah(tel)) errors.push(field('telepon', 'bankSampah.admin.err.telepon'));
  const nik = input.nik?.replace(/\s/g, '');
  if (nik && !NIK_RE.test(nik)) errors.push(field('nik', 'bankSampah.admin.err.nik'));
  const tujuan = cleanText(input.nikTujuan);
  if (tujuan && (tujuan.length < 3 || tujuan.length > 200))
    errors.push(field('nikTujuan', 'bankSampah.admin.err.nikTujuan'));
  if (creating && input.nomor) {
    if (!NOMOR_NASABAH_RE.test(input.nomor.trim().toUpperCase()))
      errors.push(field('nomor', 'bankSampah.admin.err.nomor'));
  }
  return errors;
}

/** The id of the warga account with this email, or field errors. */
async function akunDari(trx: Tx, email: string | null | undefined): Promise<string | null | FieldError[]> {
  if (!email) return null;
  const u = await findUser(trx, { email });
  if (!u) return [field('userEmail', 'bankSampah.admin.err.penggunaTidakAda')];
  return u.id;
}

async function nextNomor(trx: Tx, bank: BankRow): Promise<string> {
  const r = await sql<{ n: string }>`
    select coalesce(max(substring(nomor from ${`^${bank.kode}-([0-9]{1,9})$`})::bigint), 0) + 1 as n
      from bank_sampah_nasabah where bank_id = ${bank.id} and nomor ~ ${`^${bank.kode}-[0-9]{1,9}$`}`.execute(
    trx,
  );
  return `${bank.kode}-${String(r.rows[0]?.n ?? 1).padStart(4, '0')}`;
}

/**
 * Registers a member at a bank (needs the right to record transactions there). The member number
 * is <bank kode>-0001, the next after the highest; two registrations at the same moment get
 * different numbers (the second retries). A NIK is encrypted (base64 of AES-256-GCM) and needs a
 * purpose.
 */
export async function registerNasabah(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: NasabahInput,
  dataKey: Buffer,
): Promise<NasabahView> {
  const bank = await bankUntuk(trx, user, bankId, 'transaksi');
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  const errors = checkNasabahFields(input, true);
  const nik = input.nik?.replace(/\s/g, '') || null;
  const tujuan = cleanText(input.nikTujuan);
  if (nik && !tujuan && !errors.some((e) => e.pointer === '/body/nikTujuan'))
    errors.push(field('nikTujuan', 'bankSampah.admin.err.nikTujuanWajib'));
  const rw = await rwDari(trx, bank.tenant_id, input);
  if (Array.isArray(rw)) errors.push(...rw);
  const akun = await akunDari(trx, input.userEmail);
  if (Array.isArray(akun)) errors.push(...akun);
  if (errors.length) throw badRequest('error.validation', errors);
  const given = input.nomor ? input.nomor.trim().toUpperCase() : null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const nomor = given ?? (await nextNomor(trx, bank));
    const row = await trx
      .insertInto('bank_sampah_nasabah')
      .values({
        tenant_id: bank.tenant_id,
        bank_id: bank.id,
        nomor,
        jenis: input.jenis ?? 'rumah_tangga',
        nama: cleanText(input.nama)!,
        rw_id: rw && !Array.isArray(rw) ? rw.id : bank.rw_id,
        alamat: cleanText(input.alamat),
        telepon: normalisasiTelepon(input.telepon),
        nik_enc: nik ? encrypt(dataKey, nik).toString('base64') : null,
        nik_samaran: nik ? maskNik(nik) : null,
        nik_tujuan: nik ? tujuan : null,
        user_id: typeof akun === 'string' ? akun : null,
        aktif: true,
        demo: !user && input.demo === true,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'bank_id', 'nomor']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return (await nasabahViews(trx, bank.id, [(await nasabahRow(trx, bank.id, row.id))!]))[0]!;
    if (given) break;
  }
  throw new HttpProblem(409, 'bankSampah.admin.err.nomorDipakai', {
    params: { nomor: given ?? '' },
    errors: [field('nomor', 'bankSampah.admin.err.nomorDipakai')],
  });
}

/** Changes the fields present in `input`. Members are deactivated (aktif false), never deleted. */
export async function updateNasabah(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  nasabahId: string,
  input: NasabahInput,
  dataKey: Buffer,
): Promise<NasabahView> {
  const bank = await bankUntuk(trx, user, bankId, 'transaksi');
  const current = UUID_RE.test(nasabahId) ? await nasabahRow(trx, bank.id, nasabahId) : undefined;
  if (!current) throw notFound('bankSampah.nasabah.tidakAda');
  if (current.jenis === 'bank_unit') throw conflict('bankSampah.admin.err.nasabahBankUnit');
  const errors = checkNasabahFields({ ...input, nomor: undefined }, false);
  if (input.nomor !== undefined && input.nomor !== null && input.nomor.trim().toUpperCase() !== current.nomor)
    errors.push(field('nomor', 'bankSampah.admin.err.nomorTetap'));
  const nik = input.nik === undefined ? undefined : input.nik?.replace(/\s/g, '') || null;
  const tujuan = input.nikTujuan === undefined ? current.nik_tujuan : cleanText(input.nikTujuan);
  if (nik && !tujuan && !errors.some((e) => e.pointer === '/body/nikTujuan'))
    errors.push(field('nikTujuan', 'bankSampah.admin.err.nikTujuanWajib'));
  if (nik === undefined && current.nik_enc && input.nikTujuan !== undefined && !tujuan)
    errors.push(field('nikTujuan', 'bankSampah.admin.err.nikTujuanWajib'));
  const moving = input.rwId !== undefined || input.rwNomor !== undefined;
  const rw = moving ? await rwDari(trx, bank.tenant_id, input) : null;
  if (Array.isArray(rw)) errors.push(...rw);
  const akun = input.userEmail !== undefined ? await akunDari(trx, input.userEmail) : null;
  if (Array.isArray(akun)) errors.push(...akun);
  if (errors.length) throw badRequest('error.validation', errors);
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (input.jenis !== undefined) set.jenis = input.jenis;
  if (input.nama !== undefined) set.nama = cleanText(input.nama);
  if (moving) set.rw_id = rw && !Array.isArray(rw) ? rw.id : null;
  if (input.alamat !== undefined) set.alamat = cleanText(input.alamat);
  if (input.telepon !== undefined) set.telepon = normalisasiTelepon(input.telepon);
  if (nik === null) Object.assign(set, { nik_enc: null, nik_samaran: null, nik_tujuan: null });
  else if (nik)
    Object.assign(set, {
      nik_enc: encrypt(dataKey, nik).toString('base64'),
      nik_samaran: maskNik(nik),
      nik_tujuan: tujuan,
    });
  else if (input.nikTujuan !== undefined && current.nik_enc) set.nik_tujuan = tujuan;
  if (input.userEmail !== undefined) set.user_id = typeof akun === 'string' ? akun : null;
  if (input.aktif !== undefined) set.aktif = input.aktif;
  await trx.updateTable('bank_sampah_nasabah').set(set).where('id', '=', current.id).execute();
  return (await nasabahViews(trx, bank.id, [(await nasabahRow(trx, bank.id, current.id))!]))[0]!;
}

/**
 * The member's full NIK, for a user with bank-sampah.nik over the bank's area. Every read is
 * logged (audit action "read") in the same transaction, with the reader's stated purpose.
 */
export async function bacaNik(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  nasabahId: string,
  tujuan: string | null,
  dataKey: Buffer,
): Promise<{ nasabahId: string; nik: string; nikTujuan: string | null }> {
  const bank = await bankUntuk(trx, user, bankId, 'lihat');
  if (!can(user, NIK, bank.area_kode)) throw forbidden();
  const row = UUID_RE.test(nasabahId) ? await nasabahRow(trx, bank.id, nasabahId) : undefined;
  if (!row) throw notFound('bankSampah.nasabah.tidakAda');
  if (!row.nik_enc) throw notFound('bankSampah.admin.err.nikTidakAda');
  const nik = decrypt(dataKey, Buffer.from(row.nik_enc, 'base64'));
  await logRead(trx, bank.tenant_id, 'bank_sampah_nasabah', row.id, {
    kolom: 'nik',
    tujuan: cleanText(tujuan),
  });
  return { nasabahId: row.id, nik, nikTujuan: row.nik_tujuan };
}

/** May the user read full NIKs at this bank? */
export function bolehBacaNik(user: CurrentUser | null, bank: { areaKode: string }): boolean {
  return can(user, NIK, bank.areaKode);
}
