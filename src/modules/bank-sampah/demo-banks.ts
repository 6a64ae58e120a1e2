/**
 * The demo banks of a city: where they stand (RWs of the first kecamatan, a school, one newer
 * unit in every other kecamatan), the induk and the units with their price lists and members.
 * Deterministic for a given day: every random choice comes from the demo's `random`.
 */
import type { DemoContext } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { listUsers } from '../../platform/auth/service.ts';
import { rwAreaKode } from '../../platform/auth/roles.ts';
import { demoEmail } from '../../platform/demo.ts';
import { demoPersonName } from '../../platform/demo-names.ts';
import { todayWib, wibStart } from '../../platform/waktu.ts';
import { findRwByNomor, listKelurahanRows, type WilayahRow } from '../wilayah/api.ts';
import type { BankRow } from './access.ts';
import { insertBank, insertHarga, insertNasabah, type HargaBaru, type NasabahBaru } from './demo.ts';

/** What members bring: relative frequency, usual quantity range, and the induk's price (bersih, kotor). */
export const BARANG: readonly {
  kode: string;
  w: number;
  min: number;
  max: number;
  harga: [number, number];
}[] = [
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
export const BARANG_INDUK: readonly { kode: string; harga: [number, number] }[] = [
  { kode: 'tembaga', harga: [70000, 60000] },
  { kode: 'beling', harga: [300, 200] },
  { kode: 'kain-perca', harga: [500, 300] },
  { kode: 'karet', harga: [400, 250] },
  { kode: 'elektronik', harga: [2500, 2000] },
];
export const NAMA_UNIT = [
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
export const NAMA_LEMBAGA = [
  'Masjid Al-Ikhlas',
  'Warung Bu Imas',
  'Posyandu Mawar',
  'Kantor Kelurahan',
  'Majelis Taklim Nurul Huda',
];
export const JALAN = [
  'Jl. Melati',
  'Jl. Kenanga',
  'Gg. Sukamaju',
  'Jl. Cempaka',
  'Gg. Haji Umar',
  'Jl. Mawar',
  'Jl. Flamboyan',
];
export const PENGEPUL = [
  'CV Daur Ulang Sejahtera',
  'UD Berkah Rongsok',
  'PT Plastik Hijau Nusantara',
  'Pengepul Pak Dadang',
];
export const HARI = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
export const ALASAN_SETORAN = [
  'Salah timbang, ditimbang ulang',
  'Jenis sampah salah dipilih',
  'Tercatat untuk nasabah yang salah',
];
/** Days of activity before today. */
export const HARI_DEMO = 120;
/** Days of activity of the newer units (one in each kecamatan without a unit). */
export const HARI_UNIT_BARU = 35;

export interface Anggota {
  id: string;
  /** Chance to come on an opening day. */
  rajin: number;
  favorit: (typeof BARANG)[number][];
  bersih: number;
}

export interface DemoBank {
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
export const TUTUP_BOTOL = 'x-tutup-botol';

export const round50 = (x: number) => Math.max(50, Math.round(x / 50) * 50);

/** The demo's transaction, city, clock and random choices. */
export interface DemoKit {
  trx: Tx;
  city: DemoContext['city'];
  random: () => number;
  pick: <T>(xs: readonly T[]) => T;
  between: (lo: number, hi: number) => number;
  chance: (p: number) => boolean;
  nama: () => string;
  telepon: () => string;
  now: Date;
  /** The WIB date `offset` days from today. */
  hari: (offset: number) => string;
  /** A moment of a WIB day, minutes after midnight. */
  pada: (date: string, menit: number) => Date;
  /** A quantity of an item a member brings (`porsi` weeks' worth). */
  itemQty: (b: (typeof BARANG)[number], porsi?: number) => string;
}

export function demoKit(ctx: DemoContext, trx: Tx): DemoKit {
  const { city, random } = ctx;
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
  return { trx, city, random, pick, between, chance, nama, telepon, now, hari, pada, itemQty };
}

export interface DemoSlot {
  kel: WilayahRow;
  /** The RW's number; null for the school's bank. */
  nomor: number | null;
  /** A newer unit (joined five weeks ago). */
  baru?: boolean;
}

export interface DemoPlaces {
  perKecamatan: Map<string, WilayahRow[]>;
  kecamatan: string[];
  slots: DemoSlot[];
}

/** Where the units stand: three RWs of the first kelurahan, RW 001 of the second, a school there, then other kecamatan. */
export async function demoPlaces(k: DemoKit): Promise<DemoPlaces> {
  const { trx, city, random, between } = k;
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
  return { perKecamatan, kecamatan, slots };
}

/** The RW with this number in the kelurahan, or its RW 001. */
async function rwOf(k: DemoKit, kel: string, nomor: number): Promise<{ id: string; nomor: number }> {
  for (const n of [nomor, 1]) {
    const r = await findRwByNomor(k.trx, kel, n);
    if (r) return { id: r.id, nomor: n };
  }
  throw new Error(`demo RW ${kel}.${nomor} missing`);
}

/** The id of the city's demo account with this role, if it exists. */
export async function demoUserId(k: DemoKit, role: 'pengurus_rw' | 'warga'): Promise<string | null> {
  const email = demoEmail(role, k.city.slug);
  const r = await listUsers(k.trx, { q: email, limit: 5, offset: 0 });
  return r.items.find((u) => u.email === email)?.id ?? null;
}

/** Members to register at a bank: `extra` first, then households (and a few institutions). */
function demoAnggota(
  k: DemoKit,
  n: number,
  rwIds: (string | null)[],
  bank: BankRow,
  extra: NasabahBaru[] = [],
): NasabahBaru[] {
  const { random, pick, between, chance, nama, telepon } = k;
  const list: NasabahBaru[] = [...extra];
  for (let i = list.length + 1; i <= n; i++) {
    const lembaga = chance(0.06);
    const rwId = rwIds[chance(0.85) ? 0 : Math.floor(random() * rwIds.length)] ?? null;
    list.push({
      nomor: `${bank.kode}-${String(i).padStart(4, '0')}`,
      nama: lembaga ? pick(NAMA_LEMBAGA) : nama(),
      jenis: lembaga ? 'lembaga' : 'rumah_tangga',
      rwId,
      alamat: `${pick(JALAN)} No. ${between(1, 150)}, RT ${String(between(1, 8)).padStart(2, '0')}`,
      telepon: chance(0.7) ? telepon() : null,
    });
  }
  return list;
}

/** How often each member comes and what they bring. */
function demoProfil(k: DemoKit, ids: string[]): Anggota[] {
  const { random, between } = k;
  return ids.map((id) => {
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
}

/** The day prices start: a month before the demo's activity. */
const awalHarga = (k: DemoKit) => k.pada(k.hari(-HARI_DEMO - 30), 0);

/** The induk of the city, its price list and its own members. */
export async function demoInduk(k: DemoKit, places: DemoPlaces): Promise<DemoBank> {
  const { trx, city, pick, between, telepon, hari, pada } = k;
  const { perKecamatan, kecamatan } = places;
  const induk = await insertBank(trx, city.id, {
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
      { jenisKode: b.kode, kondisi: 'bersih', harga: b.harga[0], berlakuMulai: awalHarga(k) },
      { jenisKode: b.kode, kondisi: 'kotor', harga: b.harga[1], berlakuMulai: awalHarga(k) },
    );
  }
  // Price changes during the period: PET up, cardboard down.
  hargaIndukRows.push(
    { jenisKode: 'pet-bening', kondisi: 'bersih', harga: 4300, berlakuMulai: pada(hari(-60), 0) },
    { jenisKode: 'kardus', kondisi: 'bersih', harga: 1600, berlakuMulai: pada(hari(-45), 0) },
  );
  await insertHarga(trx, induk, hargaIndukRows);

  // The induk's own members (households nearby).
  const indukIds = await insertNasabah(
    trx,
    induk,
    demoAnggota(k, between(10, 16), [null], induk).map((n) => ({ ...n, rwId: null })),
    true,
  );
  return {
    row: induk,
    mulai: 0,
    porsi: 1,
    hariBuka: [2, 5],
    anggota: demoProfil(k, indukIds).map((a) => ({ ...a, rajin: a.rajin * 0.5 })),
    jualKe: 'pengepul',
    harga: hargaInduk,
    terjualBulan: new Set(),
    ambang: null,
    milikSendiri: null,
  };
}

/** A unit of the induk in its slot: the bank, its prices (own or inherited), pengurus and members. */
export async function demoUnit(
  k: DemoKit,
  i: number,
  s: DemoSlot,
  induk: BankRow,
  users: { tellerId: string | null; wargaId: string | null },
): Promise<DemoBank> {
  const { trx, city, random, pick, between, chance, telepon } = k;
  const { tellerId, wargaId } = users;
  const sekolah = s.nomor === null;
  const rw = sekolah ? null : await rwOf(k, s.kel.kode, s.nomor!);
  const tetangga = sekolah
    ? []
    : (await Promise.all([1, 2, 3, 4].map((n) => findRwByNomor(trx, s.kel.kode, n)))).flatMap((r) =>
        r && r.id !== rw!.id ? [r.id] : [],
      );
  const warisi = i === 2 || (i > 4 && chance(0.4));
  const kode = `BSU-${String(i + 1).padStart(2, '0')}`;
  const hariBuka = [i % 2 === 0 ? 0 : 6];
  const bank = await insertBank(trx, city.id, {
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
        { jenisKode: b.kode, kondisi: 'bersih', harga: bersih, berlakuMulai: awalHarga(k) },
        {
          jenisKode: b.kode,
          kondisi: 'kotor',
          harga: round50(b.harga[1] * faktor),
          berlakuMulai: awalHarga(k),
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
      { jenisKode: TUTUP_BOTOL, kondisi: 'bersih', harga: 3000, berlakuMulai: awalHarga(k) },
      { jenisKode: TUTUP_BOTOL, kondisi: 'kotor', harga: 2000, berlakuMulai: awalHarga(k) },
    );
  }
  await insertHarga(trx, bank, rows);
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
  const list = demoAnggota(
    k,
    s.baru ? between(10, 14) : between(20, 30),
    sekolah ? [null, null] : [rw!.id, ...tetangga],
    bank,
    extra,
  );
  if (sekolah) for (const n of list) if (chance(0.5)) n.rwId = null;
  const ids = await insertNasabah(trx, bank, list, true);
  // Members of a newer unit come about once a month with a month's sorted waste.
  const profiles = demoProfil(k, ids).map((a) => (s.baru ? { ...a, rajin: 0.15 + a.rajin } : a));
  // The demo warga's own savings book gets regular deposits.
  if (extra.length) profiles[0]!.rajin = 0.45;
  return {
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
  };
}
