/**
 * Four months of demo activity at the demo banks, day by day: deposits on opening days, some
 * withdrawals, monthly sales to the induk or a collector, a few reversals with their reasons, and
 * one large withdrawal waiting for approval. Everything through the ledger functions, marked demo.
 */
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { demoEmail } from '../../platform/demo.ts';
import type { BankRow } from './access.ts';
import {
  batalkan,
  catatPenarikan,
  catatPenjualan,
  catatSetoran,
  saldoNasabah,
  type Pelaku,
  type SetoranBaris,
} from './ledger.ts';
import {
  ALASAN_SETORAN,
  HARI_DEMO,
  PENGEPUL,
  round50,
  type Anggota,
  type DemoBank,
  type DemoKit,
} from './demo-banks.ts';

const pelaku = (waktu: Date): Pelaku => ({ user: null, waktu, demo: true });

/** How many reversals of each kind are still to be made. */
interface Sisa {
  batal: number;
  batalTarik: number;
  batalJual: number;
}

/** Items in stock at a bank, with their quantity. */
async function stok(k: DemoKit, bank: BankRow) {
  return (
    await k.trx
      .selectFrom('bank_sampah_stok_baris')
      .select(['jenis_kode', (eb) => eb.fn.sum<string>('kuantitas').as('q')])
      .where('bank_id', '=', bank.id)
      .groupBy('jenis_kode')
      .execute()
  ).filter((r) => Number(r.q) > 0);
}

/** Sells the bank's whole stock to its induk or a collector (once re-recorded after a reversal). */
async function jual(k: DemoKit, sisa: Sisa, induk: BankRow, b: DemoBank, waktu: Date): Promise<void> {
  const { trx, pick, hari, pada } = k;
  const items = await stok(k, b.row);
  if (items.length === 0) return;
  const pembeli = b.jualKe === 'induk' ? { indukId: induk.id } : { pembeliNama: pick(PENGEPUL) };
  const baris = items.map((s) => ({
    jenisKode: s.jenis_kode,
    kuantitas: s.q,
    ...(b.jualKe === 'pengepul' ? { hargaSatuan: round50((b.harga.get(s.jenis_kode) ?? 500) * 1.25) } : {}),
  }));
  const id = await catatPenjualan(trx, pelaku(waktu), b.row, { ...pembeli, baris });
  if (sisa.batalJual > 0 && b.jualKe === 'induk' && waktu < pada(hari(-40), 0)) {
    sisa.batalJual--;
    await batalkan(
      trx,
      pelaku(new Date(waktu.getTime() + 10 * 60_000)),
      b.row,
      id,
      'Timbangan induk berbeda, dicatat ulang',
    );
    await catatPenjualan(trx, pelaku(new Date(waktu.getTime() + 15 * 60_000)), b.row, {
      ...pembeli,
      baris,
    });
  }
}

/** A member's deposit on an opening day, maybe reversed and recorded again, maybe a withdrawal. */
async function kunjungan(
  k: DemoKit,
  sisa: Sisa,
  b: DemoBank,
  a: Anggota,
  d: number,
  tanggal: string,
  menit: number,
): Promise<number> {
  const { trx, random, pick, chance, pada, itemQty } = k;
  const waktu = pada(tanggal, menit);
  const baris: SetoranBaris[] = a.favorit
    .filter(() => chance(0.55))
    .map((x) => ({
      jenisKode: x.kode,
      kondisi: chance(a.bersih) ? 'bersih' : 'kotor',
      kuantitas: itemQty(x, b.porsi),
    }));
  if (baris.length === 0)
    baris.push({
      jenisKode: a.favorit[0]!.kode,
      kondisi: 'bersih',
      kuantitas: itemQty(a.favorit[0]!, b.porsi),
    });
  if (b.milikSendiri && chance(0.3)) {
    baris.push({
      jenisKode: b.milikSendiri,
      kondisi: 'bersih',
      kuantitas: (0.1 + random() * 0.7).toFixed(1),
    });
  }
  const id = await catatSetoran(trx, pelaku(waktu), b.row, { nasabahId: a.id, baris });
  if (sisa.batal > 0 && d > 10 && chance(0.01)) {
    sisa.batal--;
    menit += 3;
    await batalkan(trx, pelaku(pada(tanggal, menit)), b.row, id, pick(ALASAN_SETORAN));
    menit += 2;
    const ulang = baris.map((x) => ({
      ...x,
      kuantitas:
        x.jenisKode === 'botol-kaca'
          ? String(Number(x.kuantitas) + 1)
          : (Number(x.kuantitas) + 0.5).toFixed(1),
    }));
    await catatSetoran(trx, pelaku(pada(tanggal, menit)), b.row, { nasabahId: a.id, baris: ulang });
  }
  if (chance(0.07)) {
    const saldo = await saldoNasabah(trx, b.row.id, a.id);
    const maks = Math.min(saldo, b.ambang ?? Number.POSITIVE_INFINITY);
    const jumlah = Math.floor((maks * (0.3 + random() * 0.7)) / 5000) * 5000;
    if (jumlah >= 5000) {
      menit += 1;
      const r = await catatPenarikan(trx, pelaku(pada(tanggal, menit)), b.row, {
        nasabahId: a.id,
        jumlah,
      });
      if (sisa.batalTarik > 0 && d > 20) {
        sisa.batalTarik--;
        menit += 2;
        await batalkan(trx, pelaku(pada(tanggal, menit)), b.row, r.id, 'Nasabah tidak jadi menarik tabungan');
      }
    }
  }
  return menit;
}

export async function demoAktivitas(k: DemoKit, banks: DemoBank[]): Promise<void> {
  const { between, chance, now, hari, pada } = k;
  const induk = banks[0]!.row;
  const sisa: Sisa = { batal: 4, batalTarik: 1, batalJual: 1 };
  for (let d = 0; d <= HARI_DEMO; d++) {
    const tanggal = hari(d - HARI_DEMO);
    const weekday = new Date(`${tanggal}T00:00:00Z`).getUTCDay();
    const bulan = tanggal.slice(0, 7);
    const tgl = Number(tanggal.slice(8));
    for (const b of banks) {
      if (d < b.mulai || !b.hariBuka.includes(weekday)) continue;
      let menit = 8 * 60 + between(0, 10);
      for (const a of b.anggota) {
        if (!chance(a.rajin)) continue;
        menit += between(2, 6);
        if (pada(tanggal, menit) > now) break;
        menit = await kunjungan(k, sisa, b, a, d, tanggal, menit);
      }
      // A unit sells once a month, on its first opening day from the 24th.
      const saleAt = pada(tanggal, 12 * 60);
      if (b.row.tingkat === 'unit' && tgl >= 24 && !b.terjualBulan.has(bulan) && saleAt < now) {
        b.terjualBulan.add(bulan);
        await jual(k, sisa, induk, b, saleAt);
      }
    }
    // The induk sells to a collector on the 28th.
    const indukSale = pada(tanggal, 14 * 60);
    if (tgl === 28 && indukSale < now) await jual(k, sisa, induk, banks[0]!, indukSale);
  }
}

/** A withdrawal above the threshold waiting for approval, asked by the demo teller. */
export async function demoPenarikanTertunda(
  k: DemoKit,
  u1: DemoBank | undefined,
  tellerId: string | null,
): Promise<void> {
  const { trx, city, now } = k;
  if (u1?.ambang && tellerId) {
    const teller: CurrentUser = {
      id: tellerId,
      tenantId: city.id,
      email: demoEmail('pengurus_rw', city.slug),
      name: 'teller',
      mustChangePassword: false,
      roles: [],
    };
    for (const a of u1.anggota) {
      const saldo = await saldoNasabah(trx, u1.row.id, a.id);
      const jumlah = Math.floor(saldo / 5000) * 5000;
      if (jumlah > u1.ambang) {
        await catatPenarikan(trx, { user: teller, waktu: now, demo: true }, u1.row, {
          nasabahId: a.id,
          jumlah,
          catatan: 'Untuk biaya sekolah anak',
        });
        break;
      }
    }
  }
}
