/**
 * The waste catalogue a bank buys from (reference items plus the bank's own) and its prices.
 * Prices are history: each change is a new row with the moment it takes effect, so a deposit is
 * always valued at the price in force when it was weighed (and keeps that price on its line).
 * A unit that inherits its induk's price list uses the induk's price for every item it has not
 * priced itself.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import type { BankRow } from './access.ts';
import type { Kondisi, Satuan } from './tables.ts';

export interface Jenis {
  kode: string;
  kategoriKode: string;
  nama: string;
  satuan: Satuan;
  kgPerSatuan: number;
  /** Added by this bank (not in the reference catalogue). */
  milikBank: boolean;
}

/** Every item the bank can buy: the reference catalogue and the bank's own items. */
export async function listJenisOfBank(trx: Tx, bankId: string, locale: Locale = 'id'): Promise<Jenis[]> {
  const rows = await sql<{
    kode: string;
    kategori_kode: string;
    nama: string;
    satuan: Satuan;
    kg_per_satuan: string;
    milik_bank: boolean;
  }>`
    select j.kode, j.kategori_kode, ${locale === 'en' ? sql`j.nama_en` : sql`j.nama_id`} as nama, j.satuan,
           j.kg_per_satuan, false as milik_bank, k.urutan as k_urutan, j.urutan
      from sampah_jenis j join sampah_kategori k on k.kode = j.kategori_kode
    union all
    select b.kode, b.kategori_kode, b.nama, b.satuan, b.kg_per_satuan, true, k.urutan, 1000
      from bank_sampah_jenis b join sampah_kategori k on k.kode = b.kategori_kode
     where b.bank_id = ${bankId}
     order by k_urutan, urutan, nama`.execute(trx);
  return rows.rows.map((r) => ({
    kode: r.kode,
    kategoriKode: r.kategori_kode,
    nama: r.nama,
    satuan: r.satuan,
    kgPerSatuan: Number(r.kg_per_satuan),
    milikBank: r.milik_bank,
  }));
}

/** One item the bank can buy, or undefined. */
export async function findJenisOfBank(
  trx: Tx,
  bankId: string,
  kode: string,
  locale: Locale = 'id',
): Promise<Jenis | undefined> {
  if (kode.startsWith('x-')) {
    const r = await trx
      .selectFrom('bank_sampah_jenis')
      .selectAll()
      .where('bank_id', '=', bankId)
      .where('kode', '=', kode)
      .executeTakeFirst();
    return r
      ? {
          kode: r.kode,
          kategoriKode: r.kategori_kode,
          nama: r.nama,
          satuan: r.satuan,
          kgPerSatuan: Number(r.kg_per_satuan),
          milikBank: true,
        }
      : undefined;
  }
  const r = await trx.selectFrom('sampah_jenis').selectAll().where('kode', '=', kode).executeTakeFirst();
  return r
    ? {
        kode: r.kode,
        kategoriKode: r.kategori_kode,
        nama: locale === 'en' ? r.nama_en : r.nama_id,
        satuan: r.satuan,
        kgPerSatuan: Number(r.kg_per_satuan),
        milikBank: false,
      }
    : undefined;
}

/** The bank's own price row in force at `at` (a null harga means the item is no longer bought). */
async function ownPrice(
  trx: Tx,
  bankId: string,
  jenisKode: string,
  kondisi: Kondisi,
  at: Date,
): Promise<{ harga: number | null } | undefined> {
  return trx
    .selectFrom('bank_sampah_harga')
    .select('harga')
    .where('bank_id', '=', bankId)
    .where('jenis_kode', '=', jenisKode)
    .where('kondisi', '=', kondisi)
    .where('berlaku_mulai', '<=', at)
    .orderBy('berlaku_mulai', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The buying price (rupiah per unit) of an item at a bank at a moment, or null when the bank does
 * not buy it then. The bank's own price wins; an inheriting unit falls back to its induk's.
 */
export async function hargaBerlaku(
  trx: Tx,
  bank: Pick<BankRow, 'id' | 'induk_id' | 'warisi_harga_induk'>,
  jenisKode: string,
  kondisi: Kondisi,
  at: Date,
): Promise<number | null> {
  const own = await ownPrice(trx, bank.id, jenisKode, kondisi, at);
  if (own) return own.harga;
  if (bank.warisi_harga_induk && bank.induk_id) {
    const inherited = await ownPrice(trx, bank.induk_id, jenisKode, kondisi, at);
    if (inherited) return inherited.harga;
  }
  return null;
}
