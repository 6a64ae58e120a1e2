/**
 * Demo bank sampah for a demo city: one induk and 6–8 units in RWs of the city (one in RW 001 of
 * the first kelurahan, whose demo pengurus RW is its teller; several in the first kecamatan, so
 * the demo kelurahan and kecamatan officers see some), one school's bank, price lists (some units
 * inherit the induk's), 20–30 members per unit, and about four months of activity ending today:
 * weekly deposits (mostly plastics and paper), withdrawals within the balance, monthly sales to the
 * induk or a collector, and a few reversals with their reasons. Every other kecamatan gets one
 * newer unit (joined the induk five weeks ago, a dozen households bringing a month's sorted waste
 * at a time), so recovery spreads over the city as the programme's figures per kecamatan expect.
 * Everything goes through the ledger functions, as the owner, marked demo; deterministic for a
 * given day (ctx.random).
 *
 * The row builders (insertBank, insertNasabah, insertHarga) are also used by the module's tests;
 * the banks are made in demo-banks.ts, their activity in demo-aktivitas.ts.
 */
import type { DemoContext } from '../../platform/module.ts';
import { asOwner, type Tx } from '../../platform/db/transaction.ts';
import type { BankRow } from './access.ts';
import type { Kondisi } from './tables.ts';
import { demoInduk, demoKit, demoPlaces, demoUnit, demoUserId } from './demo-banks.ts';
import { demoAktivitas, demoPenarikanTertunda } from './demo-aktivitas.ts';

// ---- Row builders ----

export interface BankBaru {
  kode: string;
  nama: string;
  tingkat: 'unit' | 'induk';
  lembaga?: 'rw' | 'sekolah' | 'kantor' | 'pasar' | 'lainnya';
  rwId?: string | null;
  kelurahanKode?: string | null;
  areaKode: string;
  indukId?: string | null;
  alamat?: string | null;
  jamBuka?: string | null;
  telepon?: string | null;
  ambangPersetujuan?: number | null;
  bagiHasilPersen?: number;
  warisiHargaInduk?: boolean;
  demo?: boolean;
}

/** Inserts a bank (as the owner or an admin service would) and returns its row. */
export async function insertBank(trx: Tx, tenantId: string, b: BankBaru): Promise<BankRow> {
  return trx
    .insertInto('bank_sampah')
    .values({
      tenant_id: tenantId,
      kode: b.kode,
      nama: b.nama,
      tingkat: b.tingkat,
      lembaga: b.lembaga ?? 'rw',
      rw_id: b.rwId ?? null,
      kelurahan_kode: b.kelurahanKode ?? null,
      area_kode: b.areaKode,
      induk_id: b.indukId ?? null,
      alamat: b.alamat ?? null,
      jam_buka: b.jamBuka ?? null,
      telepon: b.telepon ?? null,
      ambang_persetujuan: b.ambangPersetujuan ?? null,
      bagi_hasil_persen: b.bagiHasilPersen ?? 0,
      warisi_harga_induk: b.warisiHargaInduk ?? false,
      demo: b.demo ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface NasabahBaru {
  nomor: string;
  nama: string;
  jenis?: 'rumah_tangga' | 'lembaga';
  rwId?: string | null;
  alamat?: string | null;
  telepon?: string | null;
  userId?: string | null;
}

/** Inserts members of a bank; returns their ids in order. */
export async function insertNasabah(
  trx: Tx,
  bank: BankRow,
  list: NasabahBaru[],
  demo = false,
): Promise<string[]> {
  if (list.length === 0) return [];
  const rows = await trx
    .insertInto('bank_sampah_nasabah')
    .values(
      list.map((n) => ({
        tenant_id: bank.tenant_id,
        bank_id: bank.id,
        nomor: n.nomor,
        jenis: n.jenis ?? 'rumah_tangga',
        nama: n.nama,
        rw_id: n.rwId ?? null,
        alamat: n.alamat ?? null,
        telepon: n.telepon ?? null,
        user_id: n.userId ?? null,
        demo,
      })),
    )
    .returning(['id', 'nomor'])
    .execute();
  const byNomor = new Map(rows.map((r) => [r.nomor, r.id]));
  return list.map((n) => byNomor.get(n.nomor) as string);
}

export interface HargaBaru {
  jenisKode: string;
  kondisi: Kondisi;
  harga: number | null;
  berlakuMulai: Date;
}

/** Adds price rows to a bank's price list. */
export async function insertHarga(trx: Tx, bank: BankRow, rows: HargaBaru[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('bank_sampah_harga')
    .values(
      rows.map((h) => ({
        tenant_id: bank.tenant_id,
        bank_id: bank.id,
        jenis_kode: h.jenisKode,
        kondisi: h.kondisi,
        harga: h.harga,
        berlaku_mulai: h.berlakuMulai,
      })),
    )
    .execute();
}

export async function bankSampahDemo(ctx: DemoContext): Promise<void> {
  await asOwner(ctx.db, ctx.city.id, async (trx) => {
    const k = demoKit(ctx, trx);
    const places = await demoPlaces(k);
    const users = { tellerId: await demoUserId(k, 'pengurus_rw'), wargaId: await demoUserId(k, 'warga') };
    const induk = await demoInduk(k, places);
    const banks = [induk];
    for (const [i, s] of places.slots.entries()) banks.push(await demoUnit(k, i, s, induk.row, users));
    await demoAktivitas(k, banks);
    await demoPenarikanTertunda(k, banks[1], users.tellerId);
  });
}
