/**
 * Members (nasabah) of a bank sampah: list, register, change, and their NIK, encrypted at rest
 * and read in full only through an audited action. Balances come from the ledger.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import {
  HttpProblem,
  badRequest,
  conflict,
  forbidden,
  notFound,
  type FieldError,
} from '../../platform/http/problem.ts';
import { decrypt, encrypt, maskNik, maskPhone } from '../../platform/privacy.ts';
import { logRead } from '../../platform/audit/read.ts';
import { cleanText } from '../../platform/text.ts';
import { normaliseTelepon, isTeleponValid } from '../../platform/telepon.ts';
import type { BankRow } from './access.ts';
import { AKUN } from './ledger.ts';
import { NIK } from './permissions.ts';
import {
  NIK_RE,
  NOMOR_NASABAH_RE,
  UUID_RE,
  bankForUser,
  field,
  findUser,
  likePattern,
  userNames,
  type Halaman,
  type JenisNasabah,
} from './admin-common.ts';
import { findRw, rwMap, type RwRingkas } from './tempat-service.ts';
import type { BankSampahNasabahTable } from './tables.ts';
import {
  NASABAH_FIELDS,
  isPlain,
  isStored,
  type NasabahField,
  type PhoneField,
  type PlainInput,
  type PlainView,
  type SelectField,
  type TextField,
} from './nasabah-fields.ts';

/** A member as shown; the plain declared fields (nasabah-fields.ts) with phones masked (UU PDP): 0812****7890. */
export interface NasabahView extends PlainView {
  id: string;
  bankId: string;
  nomor: string;
  jenis: JenisNasabah;
  rw: RwRingkas | null;
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

const STORED = (NASABAH_FIELDS as readonly NasabahField[]).filter(isStored);
const PLAIN = STORED.filter(isPlain);

/** A declared field's value as stored: text cleaned, a phone in its stored form. */
function storedValue(f: TextField | PhoneField | SelectField, v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return f.kind === 'text' ? cleanText(v) : f.kind === 'phone' ? normaliseTelepon(v) : v;
}

/** The plain declared fields of a row, as the view shows them (masked where declared). */
function plainView(r: NonNullable<NasabahRow>, o: { masked: boolean }): PlainView {
  const out: Record<string, string | null> = {};
  for (const f of PLAIN) {
    const v = r[f.column] as string | null;
    out[f.name] = o.masked && f.kind === 'phone' ? maskPhone(v) : v;
  }
  return out as PlainView;
}

/** The columns of the declared stored fields in `input`: all of them when creating (with defaults). */
function storedColumns(input: NasabahInput, creating: boolean): Record<string, string | null> {
  const given = input as Record<string, unknown>;
  const out: Record<string, string | null> = {};
  for (const f of STORED) {
    const v = given[f.name];
    if (v !== undefined) out[f.column] = storedValue(f, v);
    else if (creating) out[f.column] = f.kind === 'select' ? f.default : null;
  }
  return out;
}

/** Errors of the declared stored fields in `input` (a required text also when absent at creation). */
function checkStored(input: NasabahInput, creating: boolean): FieldError[] {
  const given = input as Record<string, unknown>;
  return STORED.filter((f) => {
    const v = given[f.name];
    if (f.kind === 'select') return v !== undefined && !f.options.includes(v as string);
    const c = storedValue(f, v);
    if (f.kind === 'phone') return c !== null && !isTeleponValid(c);
    if (c === null) return f.required === true && (creating || v !== undefined);
    return c.length < (f.min ?? 0) || c.length > f.max;
  }).map((f) => field(f.name, f.err));
}

function nasabahRow(trx: Tx, bankId: string, id: string) {
  return trx
    .selectFrom('bank_sampah_nasabah')
    .selectAll()
    .where('bank_id', '=', bankId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The bank (the user needing `need` there, and passing `check`) and one of its members; 404 when
 * the member is not at the bank.
 */
async function memberAt(
  trx: Tx,
  user: CurrentUser | null,
  ids: { bankId: string; nasabahId: string },
  need: 'lihat' | 'transaksi',
  check: (bank: BankRow) => void = () => undefined,
): Promise<{ bank: BankRow; row: NonNullable<NasabahRow> }> {
  const bank = await bankForUser(trx, user, ids.bankId, need);
  check(bank);
  const row = UUID_RE.test(ids.nasabahId) ? await nasabahRow(trx, bank.id, ids.nasabahId) : undefined;
  if (!row) throw notFound('bankSampah.nasabah.tidakAda');
  return { bank, row };
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
      ...plainView(r, { masked: true }),
      rw: r.rw_id ? (rws.get(r.rw_id) ?? null) : null,
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
  const bank = await bankForUser(trx, user, bankId, 'lihat');
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
  const { bank, row } = await memberAt(trx, user, { bankId, nasabahId }, 'lihat');
  return (await nasabahViews(trx, bank.id, [row]))[0]!;
}

/** The member with the plain fields unmasked (full phone number), for the edit form (those who may register members). */
export async function nasabahForEdit(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  nasabahId: string,
): Promise<NasabahView & { lengkap: PlainView; akunEmail: string | null }> {
  const { bank, row } = await memberAt(trx, user, { bankId, nasabahId }, 'transaksi');
  const view = (await nasabahViews(trx, bank.id, [row]))[0]!;
  const akun = row.user_id ? (await userNames(trx, [row.user_id])).get(row.user_id) : undefined;
  return { ...view, lengkap: plainView(row, { masked: false }), akunEmail: akun?.email ?? null };
}

/** A member's fields to register or change; absent ones stay as they are. */
export interface NasabahInput extends PlainInput {
  jenis?: 'rumah_tangga' | 'lembaga' | undefined;
  /** Create only: a member number from a paper book; generated when absent. */
  nomor?: string | null | undefined;
  /** The member's RW by id, or kelurahanKode with rwNomor; the bank's RW when absent at registration. */
  rwId?: string | null | undefined;
  kelurahanKode?: string | null | undefined;
  rwNomor?: number | null | undefined;
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
  const errors = checkStored(input, creating);
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
async function findAkun(trx: Tx, email: string | null | undefined): Promise<string | null | FieldError[]> {
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
  const bank = await bankForUser(trx, user, bankId, 'transaksi');
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  const errors = checkNasabahFields(input, true);
  const nik = input.nik?.replace(/\s/g, '') || null;
  const tujuan = cleanText(input.nikTujuan);
  if (nik && !tujuan && !errors.some((e) => e.pointer === '/body/nikTujuan'))
    errors.push(field('nikTujuan', 'bankSampah.admin.err.nikTujuanWajib'));
  const rw = await findRw(trx, bank.tenant_id, input);
  if (Array.isArray(rw)) errors.push(...rw);
  const akun = await findAkun(trx, input.userEmail);
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
        ...(storedColumns(input, true) as Pick<BankSampahNasabahTable, 'jenis' | 'nama'>),
        rw_id: rw && !Array.isArray(rw) ? rw.id : bank.rw_id,
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
  const { bank, row: current } = await memberAt(trx, user, { bankId, nasabahId }, 'transaksi');
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
  const rw = moving ? await findRw(trx, bank.tenant_id, input) : null;
  if (Array.isArray(rw)) errors.push(...rw);
  const akun = input.userEmail !== undefined ? await findAkun(trx, input.userEmail) : null;
  if (Array.isArray(akun)) errors.push(...akun);
  if (errors.length) throw badRequest('error.validation', errors);
  const set: Record<string, unknown> = { updated_at: new Date(), ...storedColumns(input, false) };
  if (moving) set.rw_id = rw && !Array.isArray(rw) ? rw.id : null;
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
export async function readNik(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  nasabahId: string,
  tujuan: string | null,
  dataKey: Buffer,
): Promise<{ nasabahId: string; nik: string; nikTujuan: string | null }> {
  const { bank, row } = await memberAt(trx, user, { bankId, nasabahId }, 'lihat', (b) => {
    if (!can(user, NIK, b.area_kode)) throw forbidden();
  });
  if (!row.nik_enc) throw notFound('bankSampah.admin.err.nikTidakAda');
  const nik = decrypt(dataKey, Buffer.from(row.nik_enc, 'base64'));
  await logRead(trx, bank.tenant_id, 'bank_sampah_nasabah', row.id, {
    kolom: 'nik',
    tujuan: cleanText(tujuan),
  });
  return { nasabahId: row.id, nik, nikTujuan: row.nik_tujuan };
}

/** May the user read full NIKs at this bank? */
export function canReadNik(user: CurrentUser | null, bank: { areaKode: string }): boolean {
  return can(user, NIK, bank.areaKode);
}
