/**
 * Banks of bank sampah: a unit serving an RW or an institution, or an induk for the whole city.
 * Every function takes the city's transaction and the acting user; the user decides what is
 * visible (404) and allowed (403), see access.ts. A null user is the system (demo data, command
 * line): no authorisation is applied.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest, notFound, type FieldError } from '../../platform/http/problem.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { cleanText } from '../../platform/text.ts';
import { normaliseTelepon, isTeleponValid } from '../../platform/telepon.ts';
import { bankFor, findBank, visibleBanksWhere, type BankRights, type BankRow } from './access.ts';
import { milliToDecimal, toMilli } from './ledger.ts';
import { KELOLA } from './permissions.ts';
import {
  AMBANG_MAX,
  KODE_BANK_RE,
  UUID_RE,
  bankForUser,
  field,
  kelurahanOfBank,
  likePattern,
  tenantOf,
  type Halaman,
  type Lembaga,
  type Tingkat,
} from './admin-common.ts';
import { regionIndex, resolvePlace, type Place, type Tempat } from './tempat-service.ts';

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
export async function hasVisibleBank(trx: Tx, user: CurrentUser): Promise<boolean> {
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
  const tel = normaliseTelepon(input.telepon);
  if (tel && !isTeleponValid(tel)) errors.push(field('telepon', 'bankSampah.admin.err.telepon'));
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
        telepon: normaliseTelepon(input.telepon),
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
  const current = await bankForUser(trx, user, bankId, 'kelola');
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
  if (input.telepon !== undefined) set.telepon = normaliseTelepon(input.telepon);
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
