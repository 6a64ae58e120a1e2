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
 * The row builders (buatBank, buatNasabah, aturHarga) are also used by the module's tests.
 */
import type { DemoContext } from '../../platform/module.ts';
import { asOwner, type Tx } from '../../platform/db/transaction.ts';
import { listUsers } from '../../platform/auth/service.ts';
import { rwAreaKode, type CurrentUser } from '../../platform/auth/roles.ts';
import { demoEmail } from '../../platform/demo.ts';
import { demoPersonName } from '../../platform/demo-names.ts';
import { findRwByNomor, listKelurahanRows } from '../wilayah/repository.ts';
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
import { todayWib, wibStart } from './ledger-read.ts';
import type { Kondisi } from './tables.ts';

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
export async function buatBank(trx: Tx, tenantId: string, b: BankBaru): Promise<BankRow> {
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
export async function buatNasabah(
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
export async function aturHarga(trx: Tx, bank: BankRow, rows: HargaBaru[]): Promise<void> {
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

// ---- Demo content ----

/** What members bring: relative frequency, usual quantity range, and the induk's price (bersih, kotor). */
const BARANG: readonly { kode: string; w: number; min: number; max: number; harga: [number, number] }[] = [
  { kode: 'pet-bening', w: 10, min: 0.3, max: 3, harga: [4000, 3000] },
  { kode: 'pet-warna', w: 4, min: 0.2, max: 1.5, harga: [2000, 1500] },
  { kode: 'gelas-pp', w: 8, min: 0.2, max: 1.5, harga: [4500, 3500] },
  { kode: 'hdpe', w: 3, min: 0.2, max: 1.5, harga: [3500, 2500] },
  { kode: 'kantong-plastik', w: 3, min: 0.2, max: 1, harga: [500, 300] },
  { kode: 'plastik-campur', w: 5, min: 0.5, max: 3, harga: [1500, 1000] },
  { kode: 'kardus', w: 10, min: 0.5, max: 6, harga: [1800, 1300] },
  { kode: 'kertas-hvs', w: 5, min: 0.3, max: 3, harga: [2500, 1800] },
  { kode: 'koran', w: 4, min: 0.5, max: 4, harga: [2200, 1600] },
  { kode: 'kertas-campur', w: 5, min: 0.5, max: 4, harga: [1000, 700] },
  { kode: 'duplex', w: 3, min: 0.2, max: 2, harga: [500, 300] },
  { kode: 'besi', w: 2, min: 0.5, max: 5, harga: [3500, 2800] },
  { kode: 'aluminium', w: 2, min: 0.1, max: 0.8, harga: [11000, 9000] },
  { kode: 'kaleng', w: 2, min: 0.2, max: 1.5, harga: [1500, 1100] },
  { kode: 'botol-kaca', w: 2, min: 2, max: 12, harga: [200, 150] },
  { kode: 'minyak-jelantah', w: 2, min: 0.5, max: 3, harga: [5000, 4000] },
];
/** Bought by the induk only (rarely brought to units). */
const BARANG_INDUK: readonly { kode: string; harga: [number, number] }[] = [
  { kode: 'tembaga', harga: [70000, 60000] },
  { kode: 'beling', harga: [300, 200] },
  { kode: 'kain-perca', harga: [500, 300] },
  { kode: 'karet', harga: [400, 250] },
  { kode: 'elektronik', harga: [2500, 2000] },
];
const NAMA_UNIT = [
  'Melati',
  'Hijau Lestari',
  'Sauyunan',
  'Berkah',
  'Resik',
  'Mandiri',
  'Bersinar',
  'Gemah Ripah',
  'Tunas Harapan',
  'Cahaya',
];
const LEMBAGA = [
  'Masjid Al-Ikhlas',
  'Warung Bu Imas',
  'Posyandu Mawar',
  'Kantor Kelurahan',
  'Majelis Taklim Nurul Huda',
];
const JALAN = [
  'Jl. Melati',
  'Jl. Kenanga',
  'Gg. Sukamaju',
  'Jl. Cempaka',
  'Gg. Haji Umar',
  'Jl. Mawar',
  'Jl. Flamboyan',
];
const PENGEPUL = [
  'CV Daur Ulang Sejahtera',
  'UD Berkah Rongsok',
  'PT Plastik Hijau Nusantara',
  'Pengepul Pak Dadang',
];
const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const ALASAN_SETORAN = [
  'Salah timbang, ditimbang ulang',
  'Jenis sampah salah dipilih',
  'Tercatat untuk nasabah yang salah',
];
/** Days of activity before today. */
const HARI_DEMO = 120;
/** Days of activity of the newer units (one in each kecamatan without a unit). */
const HARI_UNIT_BARU = 35;

interface Anggota {
  id: string;
  /** Chance to come on an opening day. */
  rajin: number;
  favorit: (typeof BARANG)[number][];
  bersih: number;
}

interface DemoBank {
  row: BankRow;
  /** Day of the demo (0 = HARI_DEMO days ago) its activity starts. */
  mulai: number;
  /** How much members bring at a time (1: a week's worth). */
  porsi: number;
  hariBuka: number[];
  anggota: Anggota[];
  /** Where it sells: the induk, or collectors. */
  jualKe: 'induk' | 'pengepul';
  /** (jenis kode) → price paid by this bank, for a collector's offer. */
  harga: Map<string, number>;
  terjualBulan: Set<string>;
  ambang: number | null;
  /** An item of the bank's own (not in the reference catalogue) its members sometimes bring. */
  milikSendiri: string | null;
}

/** The school bank buys bottle caps apart: its own item. */
const TUTUP_BOTOL = 'x-tutup-botol';

const round50 = (x: number) => Math.max(50, Math.round(x / 50) * 50);

export async function bankSampahDemo(ctx: DemoContext): Promise<void> {
  const { db, city, random } = ctx;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number) => random() < p;
  const nama = () => demoPersonName(pick);
  const telepon = () =>
    `08${pick(['12', '13', '21', '22', '52', '57', '77', '95'])}${String(between(0, 99_999_999)).padStart(8, '0')}`;
  const now = new Date();
  const today = todayWib(now);
  const hari = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  /** A moment of a WIB day, minutes after midnight. */
  const pada = (date: string, menit: number) => new Date(wibStart(date).getTime() + menit * 60_000);
  const itemQty = (b: (typeof BARANG)[number], porsi = 1) => {
    const x = (b.min + random() * random() * (b.max - b.min) * 1.5) * porsi;
    if (b.kode === 'botol-kaca') return String(Math.max(1, Math.round(x)));
    if (b.kode === 'minyak-jelantah') return Math.max(0.5, Math.round(x * 2) / 2).toFixed(1);
    return Math.max(0.1, Math.min(b.max * 1.5 * porsi, Math.round(x * 10) / 10)).toFixed(1);
  };

  await asOwner(db, city.id, async (trx) => {
    // ---- Places ----
    const kelurahan = await listKelurahanRows(trx, city.id);
    const perKecamatan = new Map<string, typeof kelurahan>();
    for (const k of kelurahan) {
      const list = perKecamatan.get(k.induk ?? '') ?? [];
      list.push(k);
      perKecamatan.set(k.induk ?? '', list);
    }
    const kecamatan = [...perKecamatan.keys()].sort();
    const kel1 = perKecamatan.get(kecamatan[0]!)![0]!;
    const kel2 = perKecamatan.get(kecamatan[0]!)![1] ?? kel1;
    const rwOf = async (kel: string, nomor: number) => {
      for (const n of [nomor, 1]) {
        const r = await findRwByNomor(trx, kel, n);
        if (r) return { id: r.id, nomor: n };
      }
      throw new Error(`demo RW ${kel}.${nomor} missing`);
    };
    const userId = async (role: 'pengurus_rw' | 'warga') => {
      const email = demoEmail(role, city.slug);
      const r = await listUsers(trx, { q: email, limit: 5, offset: 0 });
      return r.items.find((u) => u.email === email)?.id ?? null;
    };
    const tellerId = await userId('pengurus_rw');
    const wargaId = await userId('warga');

    // Units: three RWs of the first kelurahan, RW 001 of the second, a school there, then other kecamatan.
    const slots: { kel: (typeof kelurahan)[number]; nomor: number | null; baru?: boolean }[] = [
      { kel: kel1, nomor: 1 },
      { kel: kel1, nomor: 2 },
      { kel: kel1, nomor: 3 },
      { kel: kel2, nomor: 1 },
      { kel: kel2, nomor: null },
    ];
    const jumlahUnit = between(6, 8);
    for (let i = 1; slots.length < jumlahUnit; i++) {
      const kec = kecamatan[i % kecamatan.length]!;
      const list = perKecamatan.get(kec)!;
      slots.push({ kel: list[Math.floor(random() * list.length)]!, nomor: between(1, 3) });
    }
    // A newer unit in every kecamatan that has none yet.
    const adaUnit = new Set(slots.map((x) => x.kel.induk));
    for (const kec of kecamatan.filter((k) => !adaUnit.has(k))) {
      const list = perKecamatan.get(kec)!;
      slots.push({ kel: list[Math.floor(random() * list.length)]!, nomor: between(1, 3), baru: true });
    }

    // ---- Banks ----
    const awalHarga = pada(hari(-HARI_DEMO - 30), 0);
    const induk = await buatBank(trx, city.id, {
      kode: 'BSI-01',
      nama: `Bank Sampah Induk ${city.name}`,
      tingkat: 'induk',
      lembaga: 'lainnya',
      kelurahanKode: perKecamatan.get(kecamatan[1 % kecamatan.length]!)![0]!.kode,
      areaKode: city.id,
      alamat: `${pick(JALAN)} No. ${between(1, 120)}`,
      jamBuka: 'Selasa dan Jumat 08.00–15.00',
      telepon: telepon(),
      bagiHasilPersen: 5,
      demo: true,
    });
    const hargaInduk = new Map<string, number>();
    const hargaIndukRows: HargaBaru[] = [];
    for (const b of [...BARANG, ...BARANG_INDUK]) {
      hargaInduk.set(b.kode, b.harga[0]);
      hargaIndukRows.push(
        { jenisKode: b.kode, kondisi: 'bersih', harga: b.harga[0], berlakuMulai: awalHarga },
        { jenisKode: b.kode, kondisi: 'kotor', harga: b.harga[1], berlakuMulai: awalHarga },
      );
    }
    // Price changes during the period: PET up, cardboard down.
    hargaIndukRows.push(
      { jenisKode: 'pet-bening', kondisi: 'bersih', harga: 4300, berlakuMulai: pada(hari(-60), 0) },
      { jenisKode: 'kardus', kondisi: 'bersih', harga: 1600, berlakuMulai: pada(hari(-45), 0) },
    );
    await aturHarga(trx, induk, hargaIndukRows);

    const banks: DemoBank[] = [];
    const anggota = (n: number, rwIds: (string | null)[], bank: BankRow, extra: NasabahBaru[] = []) => {
      const list: NasabahBaru[] = [...extra];
      for (let i = list.length + 1; i <= n; i++) {
        const lembaga = chance(0.06);
        const rwId = rwIds[chance(0.85) ? 0 : Math.floor(random() * rwIds.length)] ?? null;
        list.push({
          nomor: `${bank.kode}-${String(i).padStart(4, '0')}`,
          nama: lembaga ? pick(LEMBAGA) : nama(),
          jenis: lembaga ? 'lembaga' : 'rumah_tangga',
          rwId,
          alamat: `${pick(JALAN)} No. ${between(1, 150)}, RT ${String(between(1, 8)).padStart(2, '0')}`,
          telepon: chance(0.7) ? telepon() : null,
        });
      }
      return list;
    };
    const profil = (ids: string[]): Anggota[] =>
      ids.map((id) => {
        const favorit: (typeof BARANG)[number][] = [];
        const n = between(2, 4);
        const total = BARANG.reduce((s, b) => s + b.w, 0);
        while (favorit.length < n) {
          let r = random() * total;
          const b = BARANG.find((x) => (r -= x.w) < 0) ?? BARANG[0]!;
          if (!favorit.includes(b)) favorit.push(b);
        }
        return { id, rajin: 0.06 + random() * 0.14, favorit, bersih: 0.7 + random() * 0.3 };
      });

    // The induk's own members (households nearby).
    const indukIds = await buatNasabah(
      trx,
      induk,
      anggota(between(10, 16), [null], induk).map((n) => ({ ...n, rwId: null })),
      true,
    );
    banks.push({
      row: induk,
      mulai: 0,
      porsi: 1,
      hariBuka: [2, 5],
      anggota: profil(indukIds).map((a) => ({ ...a, rajin: a.rajin * 0.5 })),
      jualKe: 'pengepul',
      harga: hargaInduk,
      terjualBulan: new Set(),
      ambang: null,
      milikSendiri: null,
    });

    for (const [i, s] of slots.entries()) {
      const sekolah = s.nomor === null;
      const rw = sekolah ? null : await rwOf(s.kel.kode, s.nomor!);
      const tetangga = sekolah
        ? []
        : (await Promise.all([1, 2, 3, 4].map((n) => findRwByNomor(trx, s.kel.kode, n)))).flatMap((r) =>
            r && r.id !== rw!.id ? [r.id] : [],
          );
      const warisi = i === 2 || (i > 4 && chance(0.4));
      const kode = `BSU-${String(i + 1).padStart(2, '0')}`;
      const hariBuka = [i % 2 === 0 ? 0 : 6];
      const bank = await buatBank(trx, city.id, {
        kode,
        nama: sekolah
          ? `Bank Sampah Sekolah SDN ${s.kel.nama}`
          : `Bank Sampah ${NAMA_UNIT[i % NAMA_UNIT.length]} RW ${String(rw!.nomor).padStart(2, '0')}`,
        tingkat: 'unit',
        lembaga: sekolah ? 'sekolah' : 'rw',
        rwId: rw?.id ?? null,
        kelurahanKode: sekolah ? s.kel.kode : null,
        areaKode: rw ? rwAreaKode(s.kel.kode, rw.nomor) : s.kel.kode,
        indukId: induk.id,
        alamat: `${pick(JALAN)} No. ${between(1, 120)}`,
        jamBuka: `${HARI[hariBuka[0]!]} 08.00–11.00`,
        telepon: chance(0.6) ? telepon() : null,
        ambangPersetujuan: i === 0 ? 50_000 : null,
        bagiHasilPersen: pick([0, 10, 10, 15, 20]),
        warisiHargaInduk: warisi,
        demo: true,
      });
      // Prices: an inheriting unit overrides a couple of items; the others keep their own list.
      const harga = new Map<string, number>();
      const rows: HargaBaru[] = [];
      const faktor = 0.85 + random() * 0.1;
      for (const b of BARANG) {
        const own = !warisi || ['pet-bening', 'minyak-jelantah'].includes(b.kode);
        const bersih = own ? round50(b.harga[0] * faktor) : b.harga[0];
        harga.set(b.kode, bersih);
        if (own) {
          rows.push(
            { jenisKode: b.kode, kondisi: 'bersih', harga: bersih, berlakuMulai: awalHarga },
            {
              jenisKode: b.kode,
              kondisi: 'kotor',
              harga: round50(b.harga[1] * faktor),
              berlakuMulai: awalHarga,
            },
          );
        }
      }
      if (sekolah) {
        await trx
          .insertInto('bank_sampah_jenis')
          .values({
            tenant_id: city.id,
            kode: TUTUP_BOTOL,
            bank_id: bank.id,
            kategori_kode: 'plastik',
            nama: 'Tutup botol plastik',
            satuan: 'kg',
            kg_per_satuan: 1,
          })
          .execute();
        harga.set(TUTUP_BOTOL, 3000);
        rows.push(
          { jenisKode: TUTUP_BOTOL, kondisi: 'bersih', harga: 3000, berlakuMulai: awalHarga },
          { jenisKode: TUTUP_BOTOL, kondisi: 'kotor', harga: 2000, berlakuMulai: awalHarga },
        );
      }
      await aturHarga(trx, bank, rows);
      if (i === 0 && tellerId) {
        await trx
          .insertInto('bank_sampah_pengurus')
          .values({ tenant_id: city.id, bank_id: bank.id, user_id: tellerId, jabatan: 'teller' })
          .execute();
      }
      const extra: NasabahBaru[] =
        i === 0 && wargaId
          ? [
              {
                nomor: `${kode}-0001`,
                nama: `Warga Demo ${city.name.replace('Kota ', '')}`,
                rwId: rw?.id ?? null,
                userId: wargaId,
              },
            ]
          : [];
      const list = anggota(
        s.baru ? between(10, 14) : between(20, 30),
        sekolah ? [null, null] : [rw!.id, ...tetangga],
        bank,
        extra,
      );
      if (sekolah) for (const n of list) if (chance(0.5)) n.rwId = null;
      const ids = await buatNasabah(trx, bank, list, true);
      // Members of a newer unit come about once a month with a month's sorted waste.
      const profiles = profil(ids).map((a) => (s.baru ? { ...a, rajin: 0.15 + a.rajin } : a));
      // The demo warga's own savings book gets regular deposits.
      if (extra.length) profiles[0]!.rajin = 0.45;
      banks.push({
        row: bank,
        mulai: s.baru ? HARI_DEMO - HARI_UNIT_BARU : 0,
        porsi: s.baru ? 4 : 1,
        hariBuka,
        anggota: profiles,
        jualKe: i === 4 || i === 6 ? 'pengepul' : 'induk',
        harga,
        terjualBulan: new Set(),
        ambang: i === 0 ? 50_000 : null,
        milikSendiri: sekolah ? TUTUP_BOTOL : null,
      });
    }

    // ---- Activity, day by day ----
    const pelaku = (waktu: Date): Pelaku => ({ user: null, waktu, demo: true });
    let sisaBatal = 4;
    let batalTarik = 1;
    let batalJual = 1;

    const stok = async (bank: BankRow) =>
      (
        await trx
          .selectFrom('bank_sampah_stok_baris')
          .select(['jenis_kode', (eb) => eb.fn.sum<string>('kuantitas').as('q')])
          .where('bank_id', '=', bank.id)
          .groupBy('jenis_kode')
          .execute()
      ).filter((r) => Number(r.q) > 0);

    const jual = async (b: DemoBank, waktu: Date) => {
      const items = await stok(b.row);
      if (items.length === 0) return;
      const pembeli = b.jualKe === 'induk' ? { indukId: induk.id } : { pembeliNama: pick(PENGEPUL) };
      const baris = items.map((s) => ({
        jenisKode: s.jenis_kode,
        kuantitas: s.q,
        ...(b.jualKe === 'pengepul'
          ? { hargaSatuan: round50((b.harga.get(s.jenis_kode) ?? 500) * 1.25) }
          : {}),
      }));
      const id = await catatPenjualan(trx, pelaku(waktu), b.row, { ...pembeli, baris });
      if (batalJual > 0 && b.jualKe === 'induk' && waktu < pada(hari(-40), 0)) {
        batalJual--;
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
    };

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
          const waktu = pada(tanggal, menit);
          if (waktu > now) break;
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
          if (sisaBatal > 0 && d > 10 && chance(0.01)) {
            sisaBatal--;
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
              if (batalTarik > 0 && d > 20) {
                batalTarik--;
                menit += 2;
                await batalkan(
                  trx,
                  pelaku(pada(tanggal, menit)),
                  b.row,
                  r.id,
                  'Nasabah tidak jadi menarik tabungan',
                );
              }
            }
          }
        }
        // A unit sells once a month, on its first opening day from the 24th.
        const saleAt = pada(tanggal, 12 * 60);
        if (b.row.tingkat === 'unit' && tgl >= 24 && !b.terjualBulan.has(bulan) && saleAt < now) {
          b.terjualBulan.add(bulan);
          await jual(b, saleAt);
        }
      }
      // The induk sells to a collector on the 28th.
      const indukSale = pada(tanggal, 14 * 60);
      if (tgl === 28 && indukSale < now) await jual(banks[0]!, indukSale);
    }

    // A withdrawal above the threshold waiting for approval, asked by the demo teller.
    const u1 = banks[1];
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
  });
}
