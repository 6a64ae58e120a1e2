/**
 * Test fixtures for the bank sampah module: banks, members and prices inserted as the database
 * owner (fast, independent of the admin pages), in the demo RW the demo pengurus RW operates.
 */
import type pg from 'pg';
import { useBalaiWithClients, type BalaiWithClients } from './app.ts';

export const API = '/api/v1/cities/bandung/bank-sampah';
export const BANDUNG = '32.73';
/** RW 001 of the first kelurahan of Bandung: the area of the demo pengurus RW. */
export const DEMO_RW_KEL = '32.73.01.1001';
export const DEMO_RW_AREA = '32.73.01.1001.001';

export interface BankFixture {
  id: string;
  kode: string;
}

let counter = 0;

/** A unit bank in the demo RW (or an induk for the city), with optional settings. */
export async function seedBank(
  db: pg.Client,
  o: {
    tenant?: string;
    tingkat?: 'unit' | 'induk';
    indukId?: string;
    ambang?: number;
    bagiHasil?: number;
    warisi?: boolean;
    rwKel?: string;
    rwNomor?: number;
  } = {},
): Promise<BankFixture> {
  const tenant = o.tenant ?? BANDUNG;
  const tingkat = o.tingkat ?? 'unit';
  const kode = `${tingkat === 'induk' ? 'TI' : 'TU'}-${process.pid % 10000}-${++counter}`;
  let rwId: string | null = null;
  let area = tenant;
  if (tingkat === 'unit') {
    const kel = o.rwKel ?? (tenant === BANDUNG ? DEMO_RW_KEL : null);
    const rw = await db.query<{ id: string; kelurahan_kode: string; nomor: number }>(
      kel
        ? 'select id, kelurahan_kode, nomor from rw where tenant_id = $1 and kelurahan_kode = $2 and nomor = $3'
        : 'select id, kelurahan_kode, nomor from rw where tenant_id = $1 order by kelurahan_kode, nomor limit 1',
      kel ? [tenant, kel, o.rwNomor ?? 1] : [tenant],
    );
    const r = rw.rows[0];
    if (!r) throw new Error('no RW for the test bank');
    rwId = r.id;
    area = `${r.kelurahan_kode}.${String(r.nomor).padStart(3, '0')}`;
  }
  const res = await db.query<{ id: string }>(
    `insert into bank_sampah (tenant_id, kode, nama, tingkat, lembaga, rw_id, area_kode, induk_id,
                              ambang_persetujuan, bagi_hasil_persen, warisi_harga_induk)
     values ($1, $2, $3, $4, 'rw', $5, $6, $7, $8, $9, $10) returning id`,
    [
      tenant,
      kode,
      `Bank Sampah Uji ${kode}`,
      tingkat,
      rwId,
      area,
      o.indukId ?? null,
      o.ambang ?? null,
      o.bagiHasil ?? 0,
      o.warisi ?? false,
    ],
  );
  return { id: res.rows[0]!.id, kode };
}

/** Members of a bank; returns their ids. */
export async function seedNasabah(
  db: pg.Client,
  bank: BankFixture,
  n: number,
  tenant = BANDUNG,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= n; i++) {
    const r = await db.query<{ id: string }>(
      `insert into bank_sampah_nasabah (tenant_id, bank_id, nomor, jenis, nama, telepon)
       values ($1, $2, $3, 'rumah_tangga', $4, $5) returning id`,
      [
        tenant,
        bank.id,
        `${bank.kode}-${String(i).padStart(4, '0')}`,
        `Nasabah ${i}`,
        `08123${String(i).padStart(6, '0')}`,
      ],
    );
    ids.push(r.rows[0]!.id);
  }
  return ids;
}

/** Price rows: item -> [bersih, kotor] rupiah per unit, in force from `from` (default a year ago). */
export async function seedHarga(
  db: pg.Client,
  bank: BankFixture,
  prices: Record<string, [number | null, number | null]>,
  from: Date = new Date(Date.now() - 365 * 86400_000),
  tenant = BANDUNG,
): Promise<void> {
  for (const [jenis, [bersih, kotor]] of Object.entries(prices)) {
    for (const [kondisi, harga] of [
      ['bersih', bersih],
      ['kotor', kotor],
    ] as const) {
      await db.query(
        `insert into bank_sampah_harga (tenant_id, bank_id, jenis_kode, kondisi, harga, berlaku_mulai)
         values ($1, $2, $3, $4, $5, $6)`,
        [tenant, bank.id, jenis, kondisi, harga, from],
      );
    }
  }
}

export const STANDARD_PRICES: Record<string, [number, number]> = {
  'pet-bening': [4000, 2500],
  kardus: [2000, 1200],
  besi: [3500, 3000],
  aluminium: [12000, 9000],
  'minyak-jelantah': [5000, 5000],
  'botol-kaca': [300, 200],
};

export type BankSampahTestEnv = BalaiWithClients;

/** The file's Balai and owner connection, with clients signed in as demo accounts. */
export const useBankSampahBalai = useBalaiWithClients;
