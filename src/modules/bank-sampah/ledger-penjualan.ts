/**
 * Sales of stock: to an induk on Balai (recorded there, in the same transaction, as a deposit
 * by this unit) or to a pengepul for cash; never more than in stock.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { HttpProblem, badRequest, conflict, type FieldError } from '../../platform/http/problem.ts';
import { findBank, type BankRow } from './access.ts';
import { hargaBerlaku, findJenisOfBank } from './katalog.ts';
import {
  AKUN,
  akunIds,
  lockAkun,
  milliToDecimal,
  nilaiOf,
  post,
  rupiah,
  stokItem,
  toMilli,
  type Pelaku,
  type StockLine,
  recordedBy,
} from './ledger-akun.ts';
import { depositLines } from './ledger-setoran.ts';

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

/** The induk a unit sells to: an active induk bank other than itself (else a 400). */
async function indukOf(trx: Tx, bank: BankRow, indukId: string): Promise<BankRow> {
  const induk = await findBank(trx, indukId);
  if (!induk || induk.tingkat !== 'induk' || induk.id === bank.id || !induk.aktif) {
    throw badRequest('bankSampah.penjualan.indukTidakValid', [
      { pointer: '/body/indukId', detail: 'bankSampah.penjualan.indukTidakValid' },
    ]);
  }
  return induk;
}

interface PenjualanLine {
  jenis: NonNullable<Awaited<ReturnType<typeof findJenisOfBank>>>;
  milli: number;
  harga: number;
}

/**
 * The lines of a sale, each item once, with its price: the induk's price in force at `at`, or
 * the price agreed with a pengepul; a 400 naming the wrong fields otherwise.
 */
async function checkPenjualanBaris(
  trx: Tx,
  bank: BankRow,
  induk: BankRow | undefined,
  baris: PenjualanBaris[],
  at: Date,
): Promise<PenjualanLine[]> {
  const errors: FieldError[] = [];
  if (baris.length === 0) errors.push({ pointer: '/body/baris', detail: 'bankSampah.op.form.minimalSatu' });
  const seen = new Set<string>();
  const lines: PenjualanLine[] = [];
  for (const [i, b] of baris.entries()) {
    const milli = toMilli(b.kuantitas);
    if (!Number.isFinite(milli) || milli <= 0) {
      errors.push({ pointer: `/body/baris/${i}/kuantitas`, detail: 'bankSampah.op.form.kuantitasFormat' });
      continue;
    }
    const jenis = await findJenisOfBank(trx, bank.id, b.jenisKode);
    if (!jenis) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'bankSampah.op.form.jenisTidakAda' });
      continue;
    }
    if (seen.has(jenis.kode)) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'validation.listedTwice' });
      continue;
    }
    seen.add(jenis.kode);
    const harga = induk ? await hargaBerlaku(trx, induk, jenis.kode, 'bersih', at) : (b.hargaSatuan ?? null);
    if (induk && harga === null) {
      errors.push({ pointer: `/body/baris/${i}/jenisKode`, detail: 'bankSampah.op.form.indukTidakMembeli' });
      continue;
    }
    if (harga === null || !Number.isSafeInteger(harga) || harga < 0 || harga > 100_000_000) {
      errors.push({ pointer: `/body/baris/${i}/hargaSatuan`, detail: 'bankSampah.op.form.rupiahFormat' });
      continue;
    }
    lines.push({ jenis, milli, harga });
  }
  if (errors.length) throw badRequest('bankSampah.penjualan.tidakValid', errors);
  return lines;
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
  const induk = input.indukId ? await indukOf(trx, bank, input.indukId) : undefined;
  if (!induk && !input.pembeliNama?.trim()) {
    throw badRequest('bankSampah.penjualan.pembeliWajib', [
      { pointer: '/body/pembeliNama', detail: 'validation.required' },
    ]);
  }
  const lines = await checkPenjualanBaris(trx, bank, induk, input.baris, pelaku.waktu ?? new Date());
  const errors: FieldError[] = [];

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
      ...recordedBy(pelaku),
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
      ...recordedBy(pelaku),
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
