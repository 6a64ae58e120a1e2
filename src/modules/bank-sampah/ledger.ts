/**
 * The bank sampah ledger (ADR 0010). Every operation is one journal entry whose money lines sum
 * to zero (a deferred trigger checks at commit) plus stock lines for quantities. Nothing is ever
 * updated or deleted: a mistake is reversed by a new entry. Balances are sums of lines.
 *
 * Sign convention: debit positive, credit negative. Member savings (tabungan) are a liability,
 * so a member's balance is minus the sum of their account's lines. Accounts per bank:
 *   kas               cash in hand
 *   persediaan:<item> value of the stock of one item (its quantity is in the stock lines)
 *   tabungan:<member> the member's savings
 *   pendapatan        the bank's income: fees (bagi hasil) and margins on sales
 *   piutang_induk     what the bank's induk owes it (its savings at the induk)
 *
 * Concurrency: an operation that lowers a balance or a stock locks the account rows it lowers
 * (`FOR NO KEY UPDATE`, in a fixed order), then recomputes and checks. Deposits only raise
 * balances and take no lock, so tellers of different members never wait for each other.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { SETUJUI } from './permissions.ts';
import { HttpProblem, badRequest, conflict, notFound, type FieldError } from '../../platform/http/problem.ts';
import { formatRupiah, type Locale } from '../../platform/i18n/index.ts';
import { findBank, type BankRow } from './access.ts';
import { hargaBerlaku, jenisUntukBank } from './katalog.ts';
import type { JenisJurnal, Kondisi, PengajuanBaris, Penolakan, Satuan } from './tables.ts';

// ---- Quantities: exact, as integer thousandths of a unit ----

/** Parses a quantity (number or decimal string, at most 3 decimals) into thousandths. */
export function toMilli(q: number | string): number {
  const s = typeof q === 'number' ? String(q) : q.trim();
  if (!/^-?\d{1,11}(\.\d{1,3})?$/.test(s)) return Number.NaN;
  const [whole = '0', frac = ''] = s.replace('-', '').split('.');
  const milli = Number(whole) * 1000 + Number(frac.padEnd(3, '0'));
  return s.startsWith('-') ? -milli : milli;
}

export function milliToDecimal(m: number): string {
  const sign = m < 0 ? '-' : '';
  const a = Math.abs(m);
  return `${sign}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
}

/** Rounds half away from zero to whole rupiah. */
function rupiah(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** value of `milli` thousandths at `price` per unit, in whole rupiah. */
export function nilaiOf(milli: number, price: number): number {
  return rupiah((milli * price) / 1000);
}

/** Fee of `percent` (a numeric string like "10.00") on `value`, in whole rupiah. */
export function feeOf(value: number, percent: string | number): number {
  const basis = Math.round(Number(percent) * 100); // hundredths of a percent
  return rupiah((value * basis) / 10000);
}

// ---- Accounts ----

export const AKUN = {
  kas: 'kas',
  pendapatan: 'pendapatan',
  piutangInduk: 'piutang_induk',
  tabungan: (nasabahId: string) => `tabungan:${nasabahId}`,
  persediaan: (jenisKode: string) => `persediaan:${jenisKode}`,
} as const;

/** The ids of the bank's accounts with these keys, created on first use. */
async function akunIds(
  trx: Tx,
  tenantId: string,
  bankId: string,
  kunci: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(kunci)];
  if (unique.length === 0) return new Map();
  await trx
    .insertInto('bank_sampah_akun')
    .values(unique.map((k) => ({ tenant_id: tenantId, bank_id: bankId, kunci: k })))
    .onConflict((oc) => oc.columns(['tenant_id', 'bank_id', 'kunci']).doNothing())
    .execute();
  const rows = await trx
    .selectFrom('bank_sampah_akun')
    .select(['id', 'kunci'])
    .where('bank_id', '=', bankId)
    .where('kunci', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.kunci, r.id]));
}

/** Locks account rows in id order (one order everywhere, so two operations cannot deadlock). */
async function lockAkun(trx: Tx, ids: string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await sql`select id from bank_sampah_akun where id in (${sql.join(sorted)}) order by id for no key update`.execute(
    trx,
  );
}

/** Sum of an account's lines (debit positive). */
async function sumAkun(trx: Tx, akunId: string): Promise<number> {
  const r = await trx
    .selectFrom('bank_sampah_jurnal_baris')
    .select(sql<string>`coalesce(sum(jumlah), 0)`.as('s'))
    .where('akun_id', '=', akunId)
    .executeTakeFirstOrThrow();
  return Number(r.s);
}

/** Quantity (thousandths) and value on hand of one item at a bank. */
async function stokItem(
  trx: Tx,
  bankId: string,
  jenisKode: string,
): Promise<{ milli: number; nilai: number }> {
  const r = await trx
    .selectFrom('bank_sampah_stok_baris')
    .select([sql<string>`coalesce(sum(kuantitas), 0)`.as('q'), sql<string>`coalesce(sum(nilai), 0)`.as('n')])
    .where('bank_id', '=', bankId)
    .where('jenis_kode', '=', jenisKode)
    .executeTakeFirstOrThrow();
  return { milli: toMilli(r.q), nilai: Number(r.n) };
}

/** A member's savings balance (rupiah), derived from the ledger. */
export async function saldoNasabah(trx: Tx, bankId: string, nasabahId: string): Promise<number> {
  const akun = await trx
    .selectFrom('bank_sampah_akun')
    .select('id')
    .where('bank_id', '=', bankId)
    .where('kunci', '=', AKUN.tabungan(nasabahId))
    .executeTakeFirst();
  return akun ? -(await sumAkun(trx, akun.id)) : 0;
}

// ---- Posting ----

interface MoneyLine {
  kunci: string;
  jumlah: number;
}

export interface StockLine {
  jenisKode: string;
  kategoriKode: string;
  satuan: Satuan;
  kondisi: Kondisi | null;
  milli: number;
  kgMilli: number;
  hargaSatuan: number | null;
  nilai: number;
}

interface Entry {
  id: string;
  bank: BankRow;
  jenis: JenisJurnal;
  nasabahId?: string | null;
  rwId?: string | null;
  pembeliBankId?: string | null;
  pembeliNama?: string | null;
  terkaitId?: string | null;
  membatalkanId?: string | null;
  alasan?: string | null;
  catatan?: string | null;
  dibuatOleh: string | null;
  disetujuiOleh?: string | null;
  waktu?: Date;
  demo?: boolean;
  money: MoneyLine[];
  stock: StockLine[];
}

/** Writes one entry: header, money lines (same account merged, zeros dropped), stock lines. */
async function post(trx: Tx, e: Entry, ids?: Map<string, string>): Promise<void> {
  const merged = new Map<string, number>();
  for (const l of e.money) merged.set(l.kunci, (merged.get(l.kunci) ?? 0) + l.jumlah);
  const lines = [...merged].filter(([, j]) => j !== 0);
  const sum = lines.reduce((s, [, j]) => s + j, 0);
  if (sum !== 0) throw new Error(`unbalanced entry (${sum})`);
  if (lines.length === 0 && e.stock.length === 0) throw new Error('empty entry');
  const akun =
    ids ??
    (await akunIds(
      trx,
      e.bank.tenant_id,
      e.bank.id,
      lines.map(([k]) => k),
    ));
  await trx
    .insertInto('bank_sampah_jurnal')
    .values({
      tenant_id: e.bank.tenant_id,
      id: e.id,
      bank_id: e.bank.id,
      jenis: e.jenis,
      waktu: e.waktu ?? undefined,
      nasabah_id: e.nasabahId ?? null,
      rw_id: e.rwId ?? null,
      pembeli_bank_id: e.pembeliBankId ?? null,
      pembeli_nama: e.pembeliNama ?? null,
      terkait_id: e.terkaitId ?? null,
      membatalkan_id: e.membatalkanId ?? null,
      alasan: e.alasan ?? null,
      catatan: e.catatan ?? null,
      dibuat_oleh: e.dibuatOleh,
      disetujui_oleh: e.disetujuiOleh ?? null,
      demo: e.demo ?? false,
    })
    .execute();
  if (lines.length) {
    await trx
      .insertInto('bank_sampah_jurnal_baris')
      .values(
        lines.map(([kunci, jumlah], i) => {
          const akunId = akun.get(kunci);
          if (!akunId) throw new Error(`account ${kunci} missing`);
          return { tenant_id: e.bank.tenant_id, jurnal_id: e.id, no: i + 1, akun_id: akunId, jumlah };
        }),
      )
      .execute();
  }
  if (e.stock.length) {
    await trx
      .insertInto('bank_sampah_stok_baris')
      .values(
        e.stock.map((s, i) => ({
          tenant_id: e.bank.tenant_id,
          jurnal_id: e.id,
          no: i + 1,
          bank_id: e.bank.id,
          jenis_kode: s.jenisKode,
          kategori_kode: s.kategoriKode,
          satuan: s.satuan,
          kondisi: s.kondisi,
          kuantitas: milliToDecimal(s.milli),
          kg: milliToDecimal(s.kgMilli),
          harga_satuan: s.hargaSatuan,
          nilai: s.nilai,
        })),
      )
      .execute();
  }
}

// ---- Idempotency ----

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * Claims an idempotency key for an operation whose result will be `hasilId`. Returns the id of
 * the original result when the key was used before with the same content; refuses (409) when it
 * was used with other content. Concurrent claims of one key wait for each other (unique key).
 */
export async function claimKey(
  trx: Tx,
  bank: BankRow,
  kunci: string,
  operasi: string,
  isi: unknown,
  hasilId: string,
): Promise<{ replay: false } | { replay: true; hasilId: string; ditolak: Penolakan | null }> {
  if (!IDEMPOTENCY_KEY_RE.test(kunci)) throw badRequest('bankSampah.idempotensi.format');
  const sha = createHash('sha256')
    .update(`${operasi}\n${canonical(isi)}`)
    .digest('hex');
  const inserted = await trx
    .insertInto('bank_sampah_idempotensi')
    .values({
      tenant_id: bank.tenant_id,
      bank_id: bank.id,
      kunci,
      isi_sha256: sha,
      operasi,
      hasil_id: hasilId,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'bank_id', 'kunci']).doNothing())
    .returning('kunci')
    .executeTakeFirst();
  if (inserted) return { replay: false };
  const prior = await trx
    .selectFrom('bank_sampah_idempotensi')
    .select(['isi_sha256', 'operasi', 'hasil_id', 'ditolak'])
    .where('bank_id', '=', bank.id)
    .where('kunci', '=', kunci)
    .executeTakeFirstOrThrow();
  if (prior.isi_sha256 !== sha || prior.operasi !== operasi) throw conflict('bankSampah.idempotensi.berbeda');
  return { replay: true, hasilId: prior.hasil_id, ditolak: prior.ditolak };
}

/** Keeps the refusal of an operation with its key (the key was claimed in this transaction). */
export async function recordRefusal(trx: Tx, bank: BankRow, kunci: string, p: HttpProblem): Promise<void> {
  const penolakan: Penolakan = {
    status: p.status,
    titleKey: p.titleKey,
    ...(p.params ? { params: p.params } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
  await trx
    .updateTable('bank_sampah_idempotensi')
    .set({ ditolak: JSON.stringify(penolakan) })
    .where('bank_id', '=', bank.id)
    .where('kunci', '=', kunci)
    .execute();
}

/** The problem a refused operation answered, for its replay. */
export function refusalProblem(p: Penolakan): HttpProblem {
  return new HttpProblem(p.status, p.titleKey, {
    ...(p.params ? { params: p.params } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  });
}

// ---- Operations ----

export interface Pelaku {
  user: CurrentUser | null;
  locale?: Locale;
  /** Demo seeding only: when the operation happened. */
  waktu?: Date;
  demo?: boolean;
}

async function nasabahOf(trx: Tx, bank: BankRow, nasabahId: string, pointer: string) {
  const n = /^[0-9a-f-]{36}$/i.test(nasabahId)
    ? await trx
        .selectFrom('bank_sampah_nasabah')
        .select(['id', 'rw_id', 'aktif', 'nama', 'nomor'])
        .where('bank_id', '=', bank.id)
        .where('id', '=', nasabahId)
        .executeTakeFirst()
    : undefined;
  if (!n)
    throw badRequest('bankSampah.nasabah.tidakAda', [{ pointer, detail: 'bankSampah.nasabah.tidakAda' }]);
  return n;
}

export interface SetoranBaris {
  jenisKode: string;
  kondisi: Kondisi;
  kuantitas: number | string;
}

export interface SetoranInput {
  nasabahId: string;
  baris: SetoranBaris[];
  catatan?: string | undefined;
}

/** Values deposit lines at the bank's prices in force at `at`; 400 with pointers for bad lines. */
async function valueDeposit(trx: Tx, bank: BankRow, baris: SetoranBaris[], at: Date): Promise<StockLine[]> {
  const errors: FieldError[] = [];
  const stock: StockLine[] = [];
  if (baris.length === 0) errors.push({ pointer: '/body/baris', detail: 'bankSampah.op.form.minimalSatu' });
  for (const [i, b] of baris.entries()) {
    const milli = toMilli(b.kuantitas);
    if (!Number.isFinite(milli) || milli <= 0 || milli > 100_000_000) {
      errors.push({ pointer: `/body/baris/${i}/kuantitas`, detail: 'bankSampah.op.form.kuantitasFormat' });
      continue;
    }
    const jenis = await jenisUntukBank(trx, bank.id, b.jenisKode);
    if (!jenis) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'bankSampah.op.form.jenisTidakAda' });
      continue;
    }
    const harga = await hargaBerlaku(trx, bank, jenis.kode, b.kondisi, at);
    if (harga === null) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'bankSampah.op.form.tanpaHarga' });
      continue;
    }
    stock.push({
      jenisKode: jenis.kode,
      kategoriKode: jenis.kategoriKode,
      satuan: jenis.satuan,
      kondisi: b.kondisi,
      milli,
      kgMilli: Math.round(milli * jenis.kgPerSatuan),
      hargaSatuan: harga,
      nilai: nilaiOf(milli, harga),
    });
  }
  if (errors.length) throw badRequest('bankSampah.setoran.tidakValid', errors);
  return stock;
}

/** The money lines of a deposit: stock value in, member credited (less the bank's fee). */
function depositLines(
  bank: BankRow,
  nasabahId: string,
  stock: StockLine[],
): { money: MoneyLine[]; fee: number } {
  const total = stock.reduce((s, l) => s + l.nilai, 0);
  const fee = feeOf(total, bank.bagi_hasil_persen);
  return {
    fee,
    money: [
      ...stock.map((l) => ({ kunci: AKUN.persediaan(l.jenisKode), jumlah: l.nilai })),
      { kunci: AKUN.tabungan(nasabahId), jumlah: -(total - fee) },
      { kunci: AKUN.pendapatan, jumlah: -fee },
    ],
  };
}

/** The member and the valued lines of a deposit (the member must be active, the bank too). */
async function siapkanSetoran(trx: Tx, bank: BankRow, input: SetoranInput, at: Date) {
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  const n = await nasabahOf(trx, bank, input.nasabahId, '/body/nasabahId');
  if (!n.aktif) throw conflict('bankSampah.nasabah.nonaktif');
  const stock = await valueDeposit(trx, bank, input.baris, at);
  return { n, stock };
}

async function postDeposit(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  n: { id: string; rw_id: string | null },
  stock: StockLine[],
  catatan: string | null,
  id: string,
  disetujuiOleh: string | null = null,
): Promise<void> {
  await post(trx, {
    id,
    bank,
    jenis: 'setoran',
    nasabahId: n.id,
    rwId: n.rw_id ?? bank.rw_id,
    catatan,
    dibuatOleh: pelaku.user?.id ?? null,
    disetujuiOleh,
    waktu: pelaku.waktu,
    demo: pelaku.demo,
    money: depositLines(bank, n.id, stock).money,
    stock,
  });
}

/**
 * Posts a deposit as given, without the bank's limits: for seeding and for deposits already
 * approved. Operators' deposits go through `setorkan`.
 */
export async function catatSetoran(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  input: SetoranInput,
  id: string = randomUUID(),
): Promise<string> {
  const { n, stock } = await siapkanSetoran(trx, bank, input, pelaku.waktu ?? new Date());
  await postDeposit(trx, pelaku, bank, n, stock, input.catatan ?? null, id);
  return id;
}

/** Whether a valued deposit is above the bank's limits: a line's kg, or the deposit's value. */
export function melebihiBatas(
  bank: Pick<BankRow, 'batas_baris_kg' | 'batas_setoran'>,
  stock: Pick<StockLine, 'kgMilli' | 'nilai'>[],
): boolean {
  const perBaris = toMilli(String(bank.batas_baris_kg));
  const total = stock.reduce((s, l) => s + l.nilai, 0);
  return stock.some((l) => l.kgMilli > perBaris) || total > Number(bank.batas_setoran);
}

/**
 * Records an operator's deposit: posted at once within the bank's limits, otherwise kept as a
 * request (nothing credited) that another person approves, like a large withdrawal.
 */
export async function setorkan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  input: SetoranInput,
  id: string = randomUUID(),
): Promise<{ jenis: 'jurnal' | 'pengajuan'; id: string }> {
  const { n, stock } = await siapkanSetoran(trx, bank, input, pelaku.waktu ?? new Date());
  if (!melebihiBatas(bank, stock)) {
    await postDeposit(trx, pelaku, bank, n, stock, input.catatan ?? null, id);
    return { jenis: 'jurnal', id };
  }
  const baris: PengajuanBaris[] = stock.map((l) => ({
    jenisKode: l.jenisKode,
    kondisi: l.kondisi ?? 'bersih',
    kuantitas: milliToDecimal(l.milli),
  }));
  // What the member will be credited: the value less the bank's fee.
  const jumlah = stock.reduce((sum, l) => sum + l.nilai, 0) - depositLines(bank, n.id, stock).fee;
  await ajukan(trx, pelaku, bank, { nasabahId: n.id, jumlah, baris, catatan: input.catatan }, id);
  return { jenis: 'pengajuan', id };
}

/** Keeps an operation as a request that waits for a second person (nothing is posted). */
async function ajukan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  r: { nasabahId: string; jumlah: number; baris?: PengajuanBaris[]; catatan: string | undefined },
  id: string,
): Promise<void> {
  if (!pelaku.user) throw new Error('a request needs a user');
  await trx
    .insertInto('bank_sampah_pengajuan')
    .values({
      tenant_id: bank.tenant_id,
      id,
      bank_id: bank.id,
      nasabah_id: r.nasabahId,
      ...(r.baris ? { jenis: 'setoran' as const, baris: JSON.stringify(r.baris) } : {}),
      jumlah: r.jumlah,
      catatan: r.catatan ?? null,
      diajukan_oleh: pelaku.user.id,
    })
    .execute();
}

export interface PenarikanInput {
  nasabahId: string;
  jumlah: number;
  catatan?: string | undefined;
}

/** Posts a withdrawal after locking the member's account and checking the balance. */
async function postWithdrawal(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  nasabahId: string,
  jumlah: number,
  catatan: string | null,
  id: string,
  disetujuiOleh: string | null = null,
): Promise<void> {
  const ids = await akunIds(trx, bank.tenant_id, bank.id, [AKUN.tabungan(nasabahId), AKUN.kas]);
  const tabungan = ids.get(AKUN.tabungan(nasabahId)) as string;
  await lockAkun(trx, [tabungan]);
  const saldo = -(await sumAkun(trx, tabungan));
  if (jumlah > saldo) throw saldoKurang(saldo);
  // A unit bank drawing its savings at its induk: the unit's claim on the induk becomes cash.
  const member = await trx
    .selectFrom('bank_sampah_nasabah')
    .select('bank_unit_id')
    .where('id', '=', nasabahId)
    .executeTakeFirstOrThrow();
  const unit = member.bank_unit_id ? await findBank(trx, member.bank_unit_id) : undefined;
  const pencairanId = unit ? randomUUID() : null;
  // The induk's entry first, then the unit's: entry numbers are counted per bank, and every
  // operation spanning a unit and its induk takes the induk's counter first (no deadlock).
  await post(
    trx,
    {
      id,
      bank,
      jenis: 'penarikan',
      nasabahId,
      terkaitId: pencairanId,
      catatan,
      dibuatOleh: pelaku.user?.id ?? null,
      disetujuiOleh,
      waktu: pelaku.waktu,
      demo: pelaku.demo,
      money: [
        { kunci: AKUN.tabungan(nasabahId), jumlah },
        { kunci: AKUN.kas, jumlah: -jumlah },
      ],
      stock: [],
    },
    ids,
  );
  if (unit && pencairanId) {
    await post(trx, {
      id: pencairanId,
      bank: unit,
      jenis: 'pencairan',
      pembeliBankId: bank.id,
      pembeliNama: bank.nama,
      terkaitId: id,
      catatan,
      dibuatOleh: pelaku.user?.id ?? null,
      disetujuiOleh,
      waktu: pelaku.waktu,
      demo: pelaku.demo,
      money: [
        { kunci: AKUN.kas, jumlah },
        { kunci: AKUN.piutangInduk, jumlah: -jumlah },
      ],
      stock: [],
    });
  }
}

function saldoKurang(saldo: number): HttpProblem {
  return new HttpProblem(409, 'bankSampah.saldoKurang', { params: { saldo: formatRupiah(saldo) } });
}

function checkJumlah(jumlah: number, pointer: string): void {
  if (!Number.isSafeInteger(jumlah) || jumlah <= 0 || jumlah > 1_000_000_000) {
    throw badRequest('bankSampah.jumlah.tidakValid', [{ pointer, detail: 'bankSampah.jumlah.tidakValid' }]);
  }
}

/**
 * Records a cash withdrawal, or — above the bank's approval threshold — a request that waits
 * for a second person. Returns what was created.
 */
export async function catatPenarikan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  input: PenarikanInput,
  id: string = randomUUID(),
): Promise<{ jenis: 'jurnal' | 'pengajuan'; id: string }> {
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  checkJumlah(input.jumlah, '/body/jumlah');
  const n = await nasabahOf(trx, bank, input.nasabahId, '/body/nasabahId');
  if (bank.ambang_persetujuan !== null && input.jumlah > bank.ambang_persetujuan) {
    const saldo = await saldoNasabah(trx, bank.id, n.id);
    if (input.jumlah > saldo) throw saldoKurang(saldo);
    await ajukan(trx, pelaku, bank, { nasabahId: n.id, jumlah: input.jumlah, catatan: input.catatan }, id);
    return { jenis: 'pengajuan', id };
  }
  await postWithdrawal(trx, pelaku, bank, n.id, input.jumlah, input.catatan ?? null, id);
  return { jenis: 'jurnal', id };
}

/**
 * Approves (posting the withdrawal, balance checked again, or the deposit) or rejects a pending
 * request. The approver must be another person than the one who asked, and — when approving as
 * a pengurus rather than by role — not appointed by the one who asked.
 */
export async function putuskanPengajuan(
  trx: Tx,
  pelaku: Pelaku & { user: CurrentUser },
  bank: BankRow,
  pengajuanId: string,
  keputusan: { setuju: boolean; alasan?: string | undefined },
): Promise<{ status: 'disetujui' | 'ditolak'; jurnalId: string | null }> {
  const p = /^[0-9a-f-]{36}$/i.test(pengajuanId)
    ? await trx
        .selectFrom('bank_sampah_pengajuan')
        .selectAll()
        .where('bank_id', '=', bank.id)
        .where('id', '=', pengajuanId)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!p) throw notFound();
  if (p.status !== 'menunggu') throw conflict('bankSampah.pengajuan.sudahDiputus');
  if (p.diajukan_oleh === pelaku.user.id) throw new HttpProblem(403, 'bankSampah.pengajuan.orangLain');
  // A pengurus approving by their position: not for a request of whoever appointed them (an
  // officer could otherwise appoint an accomplice to approve their own requests).
  if (!can(pelaku.user, SETUJUI, bank.area_kode)) {
    const approver = await trx
      .selectFrom('bank_sampah_pengurus')
      .select('diangkat_oleh')
      .where('bank_id', '=', bank.id)
      .where('user_id', '=', pelaku.user.id)
      .executeTakeFirst();
    if (approver?.diangkat_oleh === p.diajukan_oleh)
      throw new HttpProblem(403, 'bankSampah.pengajuan.pengangkat');
  }
  let jurnalId: string | null = null;
  if (keputusan.setuju && p.jenis === 'setoran') {
    jurnalId = randomUUID();
    // Valued at the prices in force when it was recorded (prices are history).
    const input = { nasabahId: p.nasabah_id, baris: p.baris ?? [] };
    const { n, stock } = await siapkanSetoran(trx, bank, input, new Date(p.created_at));
    await postDeposit(trx, pelaku, bank, n, stock, p.catatan, jurnalId, pelaku.user.id);
  } else if (keputusan.setuju) {
    jurnalId = randomUUID();
    await postWithdrawal(trx, pelaku, bank, p.nasabah_id, p.jumlah, p.catatan, jurnalId, pelaku.user.id);
  } else if (!keputusan.alasan || keputusan.alasan.trim().length < 5) {
    throw badRequest('bankSampah.alasan.wajib', [
      { pointer: '/body/alasan', detail: 'validation.minLength', params: { limit: 5 } },
    ]);
  }
  await trx
    .updateTable('bank_sampah_pengajuan')
    .set({
      status: keputusan.setuju ? 'disetujui' : 'ditolak',
      diputus_oleh: pelaku.user.id,
      diputus_at: new Date(),
      alasan_tolak: keputusan.setuju ? null : (keputusan.alasan?.trim() ?? null),
      jurnal_id: jurnalId,
    })
    .where('bank_id', '=', bank.id)
    .where('id', '=', p.id)
    .execute();
  return { status: keputusan.setuju ? 'disetujui' : 'ditolak', jurnalId };
}

export interface PenjualanBaris {
  jenisKode: string;
  kuantitas: number | string;
  /** Price per unit agreed with a pengepul; a sale to an induk uses the induk's price. */
  hargaSatuan?: number | undefined;
}

export interface PenjualanInput {
  /** An induk bank on Balai, or a named buyer (pengepul). */
  indukId?: string | undefined;
  pembeliNama?: string | undefined;
  baris: PenjualanBaris[];
  catatan?: string | undefined;
}

/** The unit bank's member account at the induk, created on first sale. */
async function unitMemberAtInduk(trx: Tx, induk: BankRow, unit: BankRow, demo: boolean): Promise<string> {
  const existing = await trx
    .selectFrom('bank_sampah_nasabah')
    .select('id')
    .where('bank_id', '=', induk.id)
    .where('bank_unit_id', '=', unit.id)
    .executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx
    .insertInto('bank_sampah_nasabah')
    .values({
      tenant_id: induk.tenant_id,
      bank_id: induk.id,
      nomor: unit.kode,
      jenis: 'bank_unit',
      nama: unit.nama,
      rw_id: unit.rw_id,
      bank_unit_id: unit.id,
      demo,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'bank_id', 'bank_unit_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  return (
    await trx
      .selectFrom('bank_sampah_nasabah')
      .select('id')
      .where('bank_id', '=', induk.id)
      .where('bank_unit_id', '=', unit.id)
      .executeTakeFirstOrThrow()
  ).id;
}

/**
 * Sells stock to an induk (which records it as a deposit by this unit, in the same transaction)
 * or to a pengepul for cash. Never more than in stock: the items' accounts are locked first.
 * The stock leaves at its average value; revenue above (or below) that value is the bank's margin.
 */
export async function catatPenjualan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  input: PenjualanInput,
  id: string = randomUUID(),
): Promise<string> {
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  const errors: FieldError[] = [];
  let induk: BankRow | undefined;
  if (input.indukId) {
    induk = await findBank(trx, input.indukId);
    if (!induk || induk.tingkat !== 'induk' || induk.id === bank.id || !induk.aktif) {
      throw badRequest('bankSampah.penjualan.indukTidakValid', [
        { pointer: '/body/indukId', detail: 'bankSampah.penjualan.indukTidakValid' },
      ]);
    }
  } else if (!input.pembeliNama?.trim()) {
    throw badRequest('bankSampah.penjualan.pembeliWajib', [
      { pointer: '/body/pembeliNama', detail: 'validation.required' },
    ]);
  }
  if (input.baris.length === 0)
    errors.push({ pointer: '/body/baris', detail: 'bankSampah.op.form.minimalSatu' });
  const seen = new Set<string>();
  const lines: {
    jenis: NonNullable<Awaited<ReturnType<typeof jenisUntukBank>>>;
    milli: number;
    harga: number;
  }[] = [];
  const at = pelaku.waktu ?? new Date();
  for (const [i, b] of input.baris.entries()) {
    const milli = toMilli(b.kuantitas);
    if (!Number.isFinite(milli) || milli <= 0) {
      errors.push({ pointer: `/body/baris/${i}/kuantitas`, detail: 'bankSampah.op.form.kuantitasFormat' });
      continue;
    }
    const jenis = await jenisUntukBank(trx, bank.id, b.jenisKode);
    if (!jenis) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'bankSampah.op.form.jenisTidakAda' });
      continue;
    }
    if (seen.has(jenis.kode)) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'validation.listedTwice' });
      continue;
    }
    seen.add(jenis.kode);
    let harga: number | null;
    if (induk) {
      harga = await hargaBerlaku(trx, induk, jenis.kode, 'bersih', at);
      if (harga === null) {
        errors.push({
          pointer: `/body/baris/${i}/jenisKode`,
          detail: 'bankSampah.op.form.indukTidakMembeli',
        });
        continue;
      }
    } else {
      harga = b.hargaSatuan ?? null;
      if (harga === null || !Number.isSafeInteger(harga) || harga < 0 || harga > 100_000_000) {
        errors.push({
          pointer: `/body/baris/${i}/hargaSatuan`,
          detail: 'bankSampah.op.form.rupiahFormat',
        });
        continue;
      }
    }
    lines.push({ jenis, milli, harga });
  }
  if (errors.length) throw badRequest('bankSampah.penjualan.tidakValid', errors);

  // Lock the items' value accounts, then check and value the stock that leaves.
  const ids = await akunIds(trx, bank.tenant_id, bank.id, [
    ...lines.map((l) => AKUN.persediaan(l.jenis.kode)),
    induk ? AKUN.piutangInduk : AKUN.kas,
    AKUN.pendapatan,
  ]);
  await lockAkun(
    trx,
    lines.map((l) => ids.get(AKUN.persediaan(l.jenis.kode)) as string),
  );
  const stock: StockLine[] = [];
  for (const [i, l] of lines.entries()) {
    const onHand = await stokItem(trx, bank.id, l.jenis.kode);
    if (l.milli > onHand.milli) {
      errors.push({
        pointer: `/body/baris/${i}/kuantitas`,
        detail: 'bankSampah.op.penjualan.stokHanya',
        params: { jumlah: Number(milliToDecimal(Math.max(onHand.milli, 0))), satuan: l.jenis.satuan },
      });
      continue;
    }
    const cost = l.milli === onHand.milli ? onHand.nilai : rupiah((onHand.nilai * l.milli) / onHand.milli);
    stock.push({
      jenisKode: l.jenis.kode,
      kategoriKode: l.jenis.kategoriKode,
      satuan: l.jenis.satuan,
      kondisi: null,
      milli: -l.milli,
      kgMilli: -Math.round(l.milli * l.jenis.kgPerSatuan),
      hargaSatuan: l.harga,
      nilai: -cost,
    });
  }
  if (errors.length) throw new HttpProblem(409, 'bankSampah.stokKurang', { errors });

  let revenue: number;
  let terkaitId: string | null = null;
  if (induk) {
    // The induk buys at its prices: a deposit there by this unit, with the induk's fee.
    terkaitId = randomUUID();
    const memberId = await unitMemberAtInduk(trx, induk, bank, pelaku.demo ?? false);
    const indukStock: StockLine[] = lines.map((l) => ({
      jenisKode: l.jenis.kode,
      kategoriKode: l.jenis.kategoriKode,
      satuan: l.jenis.satuan,
      kondisi: 'bersih',
      milli: l.milli,
      kgMilli: Math.round(l.milli * l.jenis.kgPerSatuan),
      hargaSatuan: l.harga,
      nilai: nilaiOf(l.milli, l.harga),
    }));
    const dep = depositLines(induk, memberId, indukStock);
    revenue = indukStock.reduce((s, l) => s + l.nilai, 0) - dep.fee;
    await post(trx, {
      id: terkaitId,
      bank: induk,
      jenis: 'setoran',
      nasabahId: memberId,
      rwId: bank.rw_id,
      terkaitId: id,
      catatan: input.catatan ?? null,
      dibuatOleh: pelaku.user?.id ?? null,
      waktu: pelaku.waktu,
      demo: pelaku.demo,
      money: dep.money,
      stock: indukStock,
    });
  } else {
    revenue = lines.reduce((s, l) => s + nilaiOf(l.milli, l.harga), 0);
  }
  const cost = -stock.reduce((s, l) => s + l.nilai, 0);
  await post(
    trx,
    {
      id,
      bank,
      jenis: 'penjualan',
      pembeliBankId: induk?.id ?? null,
      pembeliNama: induk ? induk.nama : (input.pembeliNama?.trim() ?? null),
      terkaitId,
      catatan: input.catatan ?? null,
      dibuatOleh: pelaku.user?.id ?? null,
      waktu: pelaku.waktu,
      demo: pelaku.demo,
      money: [
        { kunci: induk ? AKUN.piutangInduk : AKUN.kas, jumlah: revenue },
        ...stock.map((l) => ({ kunci: AKUN.persediaan(l.jenisKode), jumlah: l.nilai })),
        { kunci: AKUN.pendapatan, jumlah: cost - revenue },
      ],
      stock,
    },
    ids,
  );
  return id;
}

/**
 * Reverses an entry with a reason: a new entry with every line negated, linked to the original.
 * An entry is reversed at most once; a reversal cannot itself be reversed. Reversing lowers
 * balances or stock that may have been used since: those accounts are locked and checked.
 * A sale to an induk is reversed together with the deposit it created there.
 */
export async function batalkan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  jurnalId: string,
  alasan: string,
  id: string = randomUUID(),
): Promise<string> {
  const reason = alasan.trim();
  if (reason.length < 5 || reason.length > 500) {
    throw badRequest('bankSampah.alasan.wajib', [
      { pointer: '/body/alasan', detail: 'validation.lengthRange', params: { min: 5, max: 500 } },
    ]);
  }
  const original = /^[0-9a-f-]{36}$/i.test(jurnalId)
    ? await trx
        .selectFrom('bank_sampah_jurnal')
        .selectAll()
        .where('bank_id', '=', bank.id)
        .where('id', '=', jurnalId)
        .executeTakeFirst()
    : undefined;
  if (!original) throw notFound();
  if (original.jenis === 'pembatalan') throw conflict('bankSampah.pembatalan.pembatalan');
  // The half of a unit↔induk operation recorded by the other side is reversed through its origin.
  if (original.jenis === 'setoran' && original.terkait_id)
    throw conflict('bankSampah.pembatalan.dariPenjualan');
  if (original.jenis === 'pencairan') throw conflict('bankSampah.pembatalan.dariPenarikanInduk');
  const targets = [{ entry: original, bank, newId: id }];
  if ((original.jenis === 'penjualan' || original.jenis === 'penarikan') && original.terkait_id) {
    const linked = await trx
      .selectFrom('bank_sampah_jurnal')
      .selectAll()
      .where('id', '=', original.terkait_id)
      .executeTakeFirst();
    const other = linked ? await findBank(trx, linked.bank_id) : undefined;
    if (!linked || !other) throw new Error('linked entry missing');
    targets.push({ entry: linked, bank: other, newId: randomUUID() });
  }
  const already = await trx
    .selectFrom('bank_sampah_jurnal')
    .select('id')
    .where(
      'membatalkan_id',
      'in',
      targets.map((t) => t.entry.id),
    )
    .executeTakeFirst();
  if (already) throw conflict('bankSampah.pembatalan.sudah');

  // Lines of every entry to reverse; lock the accounts a reversal lowers, in one go.
  const plans = [];
  for (const t of targets) {
    const money = await trx
      .selectFrom('bank_sampah_jurnal_baris as l')
      .innerJoin('bank_sampah_akun as a', (j) =>
        j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.akun_id'),
      )
      .select(['l.akun_id', 'a.kunci', 'l.jumlah'])
      .where('l.jurnal_id', '=', t.entry.id)
      .orderBy('l.no')
      .execute();
    const stock = await trx
      .selectFrom('bank_sampah_stok_baris')
      .selectAll()
      .where('jurnal_id', '=', t.entry.id)
      .orderBy('no')
      .execute();
    plans.push({ ...t, money, stock });
  }
  // Lock what a reversal lowers: savings the original credited and items whose stock came in.
  const lowered = plans.flatMap((p) =>
    p.money.filter((l) => l.kunci.startsWith('tabungan:') && l.jumlah < 0).map((l) => l.akun_id),
  );
  for (const p of plans) {
    const items = p.stock.filter((s) => toMilli(s.kuantitas) > 0).map((s) => AKUN.persediaan(s.jenis_kode));
    const ids = await akunIds(trx, p.bank.tenant_id, p.bank.id, items);
    lowered.push(...ids.values());
  }
  await lockAkun(trx, lowered);

  for (const p of plans) {
    for (const l of p.money) {
      if (l.kunci.startsWith('tabungan:') && l.jumlah < 0) {
        const saldo = -(await sumAkun(trx, l.akun_id));
        if (-l.jumlah > saldo) throw saldoKurang(saldo);
      }
    }
    // Stock that came in goes out again: at most what is on hand (per item, over all lines), and
    // only if none of that item was sold since — a sale valued the stock at an average that
    // included this entry, so taking it out at its own price would leave value on stock that is gone.
    const masuk = new Map<string, number>();
    for (const s of p.stock) {
      const q = toMilli(s.kuantitas);
      if (q > 0) masuk.set(s.jenis_kode, (masuk.get(s.jenis_kode) ?? 0) + q);
    }
    for (const [jenis, q] of masuk) {
      const onHand = await stokItem(trx, p.bank.id, jenis);
      if (q > onHand.milli) throw conflict('bankSampah.pembatalan.stokKurang', { jenis });
      const soldSince = await trx
        .selectFrom('bank_sampah_stok_baris as s')
        .innerJoin('bank_sampah_jurnal as j', (jn) =>
          jn.onRef('j.tenant_id', '=', 's.tenant_id').onRef('j.id', '=', 's.jurnal_id'),
        )
        .select('j.id')
        .where('s.bank_id', '=', p.bank.id)
        .where('s.jenis_kode', '=', jenis)
        .where('j.jenis', '=', 'penjualan')
        .where('j.nomor', '>', p.entry.nomor)
        .limit(1)
        .executeTakeFirst();
      if (soldSince) throw conflict('bankSampah.pembatalan.sudahTerjual', { jenis });
    }
  }
  // The induk's reversal first, as every operation spanning two banks does (see postWithdrawal).
  plans.sort((x, y) => Number(x.bank.tingkat !== 'induk') - Number(y.bank.tingkat !== 'induk'));
  for (const p of plans) {
    await post(
      trx,
      {
        id: p.newId,
        bank: p.bank,
        jenis: 'pembatalan',
        nasabahId: p.entry.nasabah_id,
        rwId: p.entry.rw_id,
        pembeliBankId: p.entry.pembeli_bank_id,
        pembeliNama: p.entry.pembeli_nama,
        membatalkanId: p.entry.id,
        alasan: reason,
        dibuatOleh: pelaku.user?.id ?? null,
        waktu: pelaku.waktu,
        demo: pelaku.demo,
        money: p.money.map((l) => ({ kunci: l.kunci, jumlah: -l.jumlah })),
        stock: p.stock.map((s) => ({
          jenisKode: s.jenis_kode,
          kategoriKode: s.kategori_kode,
          satuan: s.satuan,
          kondisi: s.kondisi,
          milli: -toMilli(s.kuantitas),
          kgMilli: -toMilli(s.kg),
          hargaSatuan: s.harga_satuan,
          nilai: -s.nilai,
        })),
      },
      new Map(p.money.map((l) => [l.kunci, l.akun_id])),
    );
  }
  return id;
}
