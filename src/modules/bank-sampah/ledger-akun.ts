/**
 * The ledger's accounts and its two writes (ADR 0010): exact quantities and rupiah, the accounts
 * of a bank, balances and stock on hand (sums of lines), posting one balanced entry, and keeping
 * an operation as a request that waits for a second person. The operations are in ledger-*.ts.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest } from '../../platform/http/problem.ts';
import { formatRupiah, type Locale } from '../../platform/i18n/index.ts';
import type { BankRow } from './access.ts';
import type { JenisJurnal, Kondisi, PengajuanBaris, Satuan } from './tables.ts';

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
export function rupiah(x: number): number {
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
export async function akunIds(
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
export async function lockAkun(trx: Tx, ids: string[]): Promise<void> {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return;
  await sql`select id from bank_sampah_akun where id in (${sql.join(sorted)}) order by id for no key update`.execute(
    trx,
  );
}

/** Sum of an account's lines (debit positive). */
export async function sumAkun(trx: Tx, akunId: string): Promise<number> {
  const r = await trx
    .selectFrom('bank_sampah_jurnal_baris')
    .select(sql<string>`coalesce(sum(jumlah), 0)`.as('s'))
    .where('akun_id', '=', akunId)
    .executeTakeFirstOrThrow();
  return Number(r.s);
}

/** Quantity (thousandths) and value on hand of one item at a bank. */
export async function stokItem(
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

export interface MoneyLine {
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

export interface Entry {
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
export async function post(trx: Tx, e: Entry, ids?: Map<string, string>): Promise<void> {
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

// ---- Who acts, whom for ----

export interface Pelaku {
  user: CurrentUser | null;
  locale?: Locale;
  /** Demo seeding only: when the operation happened. */
  waktu?: Date;
  demo?: boolean;
}

/** The columns of an entry that come from who records it (and, when seeding, when and as demo). */
export function recordedBy(pelaku: Pelaku): Pick<Entry, 'dibuatOleh' | 'waktu' | 'demo'> {
  return { dibuatOleh: pelaku.user?.id ?? null, waktu: pelaku.waktu, demo: pelaku.demo };
}

export async function nasabahOf(trx: Tx, bank: BankRow, nasabahId: string, pointer: string) {
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

export function saldoKurang(saldo: number): HttpProblem {
  return new HttpProblem(409, 'bankSampah.saldoKurang', { params: { saldo: formatRupiah(saldo) } });
}

// ---- Requests ----

/** Keeps an operation as a request that waits for a second person (nothing is posted). */
export async function ajukan(
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
