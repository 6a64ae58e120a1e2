/**
 * The prices in force for every item of a bank at once, in one query, by the same rule as
 * hargaBerlaku (katalog.ts): the bank's own latest row wins, even when it ends the price (a null
 * price); an inheriting unit falls back to its induk's. Items with neither are absent. The price
 * list (with where each price comes from and since when) and the deposit form (the plain rupiah
 * per condition) both read it from here.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { BankRow } from './access.ts';
import type { Kondisi } from './tables.ts';

/** One price in force: rupiah per unit (null: no longer bought), whose it is and since when. */
export interface HargaBerlaku {
  harga: number | null;
  /** 'bank': the bank's own row; 'induk': inherited from its induk. */
  sumber: 'bank' | 'induk';
  berlakuMulai: Date;
}

/** Item code -> the price in force per condition (a condition without any row is absent). */
export type HargaBerlakuPeta = Map<string, Partial<Record<Kondisi, HargaBerlaku>>>;

/** Prices in force: item code -> per condition rupiah per unit (null: not bought). */
export type HargaPeta = Map<string, Record<Kondisi, number | null>>;

type BankHarga = Pick<BankRow, 'id' | 'induk_id' | 'warisi_harga_induk'>;

/** The price in force of every item and condition at `at` (now by default), with its source. */
export async function listHargaBerlaku(
  trx: Tx,
  bank: BankHarga,
  at: Date = new Date(),
): Promise<HargaBerlakuPeta> {
  const induk = bank.warisi_harga_induk && bank.induk_id ? bank.induk_id : null;
  const rows = await sql<{
    bank_id: string;
    jenis_kode: string;
    kondisi: Kondisi;
    harga: string | null;
    berlaku_mulai: Date;
  }>`
    select distinct on (jenis_kode, kondisi) bank_id, jenis_kode, kondisi, harga, berlaku_mulai
      from bank_sampah_harga
     where (bank_id = ${bank.id} ${induk ? sql`or bank_id = ${induk}` : sql``})
       and berlaku_mulai <= ${at}
     order by jenis_kode, kondisi, (bank_id = ${bank.id}) desc, berlaku_mulai desc`.execute(trx);
  const out: HargaBerlakuPeta = new Map();
  for (const r of rows.rows) {
    const entry = out.get(r.jenis_kode) ?? {};
    entry[r.kondisi] = {
      harga: r.harga === null ? null : Number(r.harga),
      sumber: r.bank_id === bank.id ? 'bank' : 'induk',
      berlakuMulai: r.berlaku_mulai,
    };
    out.set(r.jenis_kode, entry);
  }
  return out;
}

/** The rupiah per unit in force for every item and condition at `at` (see listHargaBerlaku). */
export async function hargaSaatIni(trx: Tx, bank: BankHarga, at: Date = new Date()): Promise<HargaPeta> {
  const out: HargaPeta = new Map();
  for (const [kode, h] of await listHargaBerlaku(trx, bank, at))
    out.set(kode, { bersih: h.bersih?.harga ?? null, kotor: h.kotor?.harga ?? null });
  return out;
}
