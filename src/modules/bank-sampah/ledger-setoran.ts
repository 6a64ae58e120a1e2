/**
 * Deposits: weighed lines valued at the bank's prices in force, credited to the member's savings
 * less the bank's fee (bagi hasil); above the bank's limits (kg per line, value per deposit) a
 * request that another person approves. The rules of a deposit's lines are checkSetoranBaris.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { badRequest, conflict, type FieldError } from '../../platform/http/problem.ts';
import type { BankRow } from './access.ts';
import { hargaBerlaku, findJenisOfBank } from './katalog.ts';
import {
  AKUN,
  ajukan,
  feeOf,
  milliToDecimal,
  nasabahOf,
  nilaiOf,
  post,
  toMilli,
  type MoneyLine,
  type Pelaku,
  type StockLine,
  recordedBy,
} from './ledger-akun.ts';
import type { Kondisi, PengajuanBaris } from './tables.ts';

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

/** Deposit lines checked: per line sent its valued stock line (null when wrong), and the errors. */
export interface SetoranCek {
  lines: (StockLine | null)[];
  errors: FieldError[];
}

/**
 * The rules of deposit lines, one place for the API and the pages: at least one line; each
 * line's quantity above 0 and at most 100.000 units; its item known at the bank and bought in
 * its condition at `at` (a price in force). Lines are valued at those prices. Errors are message
 * keys pointing at the line's field; every line is checked, both fields.
 */
export async function checkSetoranBaris(
  trx: Tx,
  bank: BankRow,
  baris: SetoranBaris[],
  at: Date,
): Promise<SetoranCek> {
  const errors: FieldError[] = [];
  const lines: (StockLine | null)[] = [];
  if (baris.length === 0) errors.push({ pointer: '/body/baris', detail: 'bankSampah.op.form.minimalSatu' });
  for (const [i, b] of baris.entries()) {
    const milli = toMilli(b.kuantitas);
    const milliOk = Number.isFinite(milli) && milli > 0 && milli <= 100_000_000;
    if (!milliOk)
      errors.push({ pointer: `/body/baris/${i}/kuantitas`, detail: 'bankSampah.op.form.kuantitasFormat' });
    const jenis = b.jenisKode ? await findJenisOfBank(trx, bank.id, b.jenisKode) : undefined;
    const harga = jenis ? await hargaBerlaku(trx, bank, jenis.kode, b.kondisi, at) : null;
    if (!jenis || harga === null) {
      const lain = b.kondisi === 'bersih' ? 'kotor' : 'bersih';
      const dibeliLain = jenis ? (await hargaBerlaku(trx, bank, jenis.kode, lain, at)) !== null : false;
      errors.push({
        pointer: `/body/baris/${i}/jenisKode`,
        detail: dibeliLain
          ? `bankSampah.op.form.tidakDibeli.${b.kondisi}`
          : 'bankSampah.op.form.jenisTidakAda',
      });
    }
    lines.push(
      jenis && harga !== null && milliOk
        ? {
            jenisKode: jenis.kode,
            kategoriKode: jenis.kategoriKode,
            satuan: jenis.satuan,
            kondisi: b.kondisi,
            milli,
            kgMilli: Math.round(milli * jenis.kgPerSatuan),
            hargaSatuan: harga,
            nilai: nilaiOf(milli, harga),
          }
        : null,
    );
  }
  return { lines, errors };
}

/** The money lines of a deposit: stock value in, member credited (less the bank's fee). */
export function depositLines(
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

/** A deposit checked and valued, ready to record. */
export interface SetoranSiap {
  n: { id: string; rw_id: string | null };
  stock: StockLine[];
  catatan: string | undefined;
}

/**
 * The member and the valued lines of a deposit (the member must be active, the bank too);
 * refused with a problem naming the wrong fields (message keys).
 */
export async function prepareSetoran(
  trx: Tx,
  bank: BankRow,
  input: SetoranInput,
  at: Date,
): Promise<SetoranSiap> {
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  const n = await nasabahOf(trx, bank, input.nasabahId, '/body/nasabahId');
  if (!n.aktif) throw conflict('bankSampah.nasabah.nonaktif');
  const cek = await checkSetoranBaris(trx, bank, input.baris, at);
  if (cek.errors.length) throw badRequest('bankSampah.setoran.tidakValid', cek.errors);
  return { n, stock: cek.lines.filter((l) => l !== null), catatan: input.catatan };
}

export async function postDeposit(
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
    ...recordedBy(pelaku),
    disetujuiOleh,
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
  const { n, stock } = await prepareSetoran(trx, bank, input, pelaku.waktu ?? new Date());
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
  return recordSetoran(
    trx,
    pelaku,
    bank,
    await prepareSetoran(trx, bank, input, pelaku.waktu ?? new Date()),
    id,
  );
}

/** Records a prepared deposit as `setorkan` does (the page prepares it before claiming its key). */
export async function recordSetoran(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  siap: SetoranSiap,
  id: string,
): Promise<{ jenis: 'jurnal' | 'pengajuan'; id: string }> {
  const { n, stock, catatan } = siap;
  if (!melebihiBatas(bank, stock)) {
    await postDeposit(trx, pelaku, bank, n, stock, catatan ?? null, id);
    return { jenis: 'jurnal', id };
  }
  const baris: PengajuanBaris[] = stock.map((l) => ({
    jenisKode: l.jenisKode,
    kondisi: l.kondisi ?? 'bersih',
    kuantitas: milliToDecimal(l.milli),
  }));
  // What the member will be credited: the value less the bank's fee.
  const jumlah = stock.reduce((sum, l) => sum + l.nilai, 0) - depositLines(bank, n.id, stock).fee;
  await ajukan(trx, pelaku, bank, { nasabahId: n.id, jumlah, baris, catatan }, id);
  return { jenis: 'pengajuan', id };
}
