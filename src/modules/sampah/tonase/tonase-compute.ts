/**
 * The tonnage arithmetic, free of the database: the SIPSN columns from yearly totals, and the
 * aggregation of a range of days into days, months or years, per kecamatan and for the city.
 *
 * Counting rules (the page and the API describe them too):
 *  - timbulan (A) of a kecamatan on a day: its measured entries (timbulan_terukur) when there is at
 *    least one, else its population (the figure the city set for that year, else the reference)
 *    × the year's generation rate; unknown (0, incomplete) without population or rate. The city
 *    on a day: (1) entries measured for the whole city (without kecamatan) when there are any,
 *    else (2) the sum over the kecamatan when every kecamatan is measured or has a population,
 *    else (3) the city's population × the rate.
 *  - pengurangan (B): kg recovered by the bank sampah (/1000) plus the composting, maggot and other
 *    reduction entries.
 *  - penanganan (C): tonnage of trips that end at a TPST, TPS3R, processing machine or the TPA
 *    (trips to a collection point or TPS only move waste), except trips that leave a TPST or
 *    TPS3R when the source says so (asalJenis: that waste was counted when it arrived there),
 *    plus the collection, processing and landfill entries.
 *  - daur ulang (D): the bank sampah's recovered kg (they are recycled) plus daur_ulang entries;
 *    bahan baku (E): bahan_baku entries. D and E are parts of B and C, never added to them.
 * Amounts are summed in grams (integers), so no rounding error accumulates; results are tons with
 * at most 3 decimals and percentages with 2.
 */

import {
  ASAL_TERHITUNG,
  KELOMPOK_JENIS,
  TUJUAN_PENANGANAN,
  type JenisCatatan,
  type Kelompok,
  type Periode,
  type SebabSisa,
} from './tonase-schemas.ts';

// ---- SIPSN ----

export interface TotalTahunan {
  /** Tons. */
  timbulan: number;
  pengurangan: number;
  penanganan: number;
  daurUlang: number;
  bahanBaku: number;
}

/** One SIPSN row: tons with 3 decimals, percentages of A with 2 (null when A is 0). */
export interface Sipsn {
  /** (A) timbulan tahunan. */
  timbulan: number;
  /** (B) pengurangan and %B/A. */
  pengurangan: number;
  persenPengurangan: number | null;
  /** (C) penanganan and %C/A. */
  penanganan: number;
  persenPenanganan: number | null;
  /** B + C and %(B+C)/A. */
  terkelola: number;
  persenTerkelola: number | null;
  /** (A) − (B + C), never below 0. */
  tidakTerkelola: number;
  /** (D) daur ulang, (E) bahan baku, recycling rate (D+E)/A in percent. */
  daurUlang: number;
  bahanBaku: number;
  recyclingRate: number | null;
}

/** Tons → grams, as an integer. */
export const gram = (ton: number): number => Math.round(ton * 1_000_000);
/** Grams → tons with 3 decimals (half away from zero). */
export const tonOf = (g: number): number => (Math.sign(g) * Math.round(Math.abs(g) / 1000)) / 1000;

function persen(bagian: number, dari: number): number | null {
  if (dari <= 0) return null;
  return Math.round((bagian * 10_000) / dari) / 100;
}

/**
 * The SIPSN columns from the year's totals. Tons are rounded to 3 decimals first; the
 * percentages are computed from the rounded tons, so the file is consistent with itself.
 */
export function computeSipsn(t: TotalTahunan): Sipsn {
  // Work in kg (integers after rounding tons to 3 decimals).
  const kg = (ton: number) => Math.round(gram(ton) / 1000);
  const a = kg(t.timbulan);
  const b = kg(t.pengurangan);
  const c = kg(t.penanganan);
  const d = kg(t.daurUlang);
  const e = kg(t.bahanBaku);
  return {
    timbulan: a / 1000,
    pengurangan: b / 1000,
    persenPengurangan: persen(b, a),
    penanganan: c / 1000,
    persenPenanganan: persen(c, a),
    terkelola: (b + c) / 1000,
    persenTerkelola: persen(b + c, a),
    tidakTerkelola: Math.max(0, a - b - c) / 1000,
    daurUlang: d / 1000,
    bahanBaku: e / 1000,
    recyclingRate: persen(d + e, a),
  };
}

// ---- Aggregation ----

export interface CatatanMasukan {
  tanggal: string;
  kecamatanKode: string | null;
  jenis: JenisCatatan;
  ton: number;
}

export interface PemulihanMasukan {
  tanggal: string;
  kecamatanKode: string | null;
  kg: number;
}

export interface PenangananMasukan {
  tanggal: string;
  kecamatanKode: string | null;
  /** Kind of destination; absent when the source already kept only handled tonnes (this rule). */
  tujuanJenis?: string | undefined;
  /** Kind of origin facility, when the source reports it. */
  asalJenis?: string | null | undefined;
  ton: number;
}

export interface MasukanAgregasi {
  /** First and last WIB day, inclusive. */
  dari: string;
  sampai: string;
  periode: Periode;
  /** The city's population (wilayah reference), or null. */
  pendudukKota: number | null;
  /**
   * penduduk: the reference population (or null); pendudukTahun: the figure the city set for a
   * year, used for the days of that year instead of the reference.
   */
  kecamatan: {
    kode: string;
    nama: string;
    penduduk: number | null;
    pendudukTahun?: Readonly<Record<number, number>> | undefined;
  }[];
  /** Generation rate per year, kg per person per day. */
  laju: Record<number, number>;
  catatan: CatatanMasukan[];
  pemulihan: PemulihanMasukan[];
  penanganan: PenangananMasukan[];
}

export interface AngkaTonase {
  timbulan: number;
  /** Part of timbulan that was measured (the rest is estimated). */
  timbulanTerukur: number;
  /** False when some day had neither a measurement nor the population and rate to estimate. */
  timbulanLengkap: boolean;
  penguranganBankSampah: number;
  penguranganLain: number;
  pengurangan: number;
  penangananRitase: number;
  penangananLain: number;
  penanganan: number;
  daurUlang: number;
  bahanBaku: number;
}

export interface BarisAgregasi {
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  periode: string;
  /** null: the city as a whole. */
  kecamatanKode: string | null;
  angka: AngkaTonase;
}

export interface HasilAgregasi {
  dari: string;
  sampai: string;
  periode: Periode;
  /** The city per period, in order. */
  kota: BarisAgregasi[];
  /** Each kecamatan per period (kecamatan order, then period). */
  kecamatan: BarisAgregasi[];
  /** The city over the whole range. */
  total: AngkaTonase;
  /**
   * The city over the whole range minus all kecamatan rows, in grams before rounding: what no
   * kecamatan holds (0 in every field when the kecamatan add up to the city).
   */
  tanpaKecamatan: GramTanpaKecamatan;
}

/** Grams of the city not held by any kecamatan, per figure (see HasilAgregasi.tanpaKecamatan). */
export interface GramTanpaKecamatan {
  timbulan: number;
  bankSampah: number;
  penguranganLain: number;
  ritase: number;
  penangananLain: number;
  daurUlang: number;
  bahanBaku: number;
}

/** Sums in grams. */
interface Gram {
  timbulan: number;
  timbulanTerukur: number;
  lengkap: boolean;
  bank: number;
  pengLain: number;
  ritase: number;
  penLain: number;
  daurUlang: number;
  bahanBaku: number;
}

const nol = (): Gram => ({
  timbulan: 0,
  timbulanTerukur: 0,
  lengkap: true,
  bank: 0,
  pengLain: 0,
  ritase: 0,
  penLain: 0,
  daurUlang: 0,
  bahanBaku: 0,
});

/** The flow a manual entry of each group (other than timbulan) adds its grams to. */
const GRAM_KELOMPOK = {
  pengurangan: 'pengLain',
  penanganan: 'penLain',
  daurUlang: 'daurUlang',
  bahanBaku: 'bahanBaku',
} as const satisfies Record<Exclude<Kelompok, 'timbulan'>, keyof Gram>;

function angka(g: Gram): AngkaTonase {
  return {
    timbulan: tonOf(g.timbulan),
    timbulanTerukur: tonOf(g.timbulanTerukur),
    timbulanLengkap: g.lengkap,
    penguranganBankSampah: tonOf(g.bank),
    penguranganLain: tonOf(g.pengLain),
    pengurangan: tonOf(g.bank + g.pengLain),
    penangananRitase: tonOf(g.ritase),
    penangananLain: tonOf(g.penLain),
    penanganan: tonOf(g.ritase + g.penLain),
    daurUlang: tonOf(g.daurUlang),
    bahanBaku: tonOf(g.bahanBaku),
  };
}

/** Every WIB day from dari to sampai, inclusive. */
export function daysBetween(dari: string, sampai: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${sampai}T00:00:00Z`);
  for (let t = Date.parse(`${dari}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function periodeKey(tanggal: string, periode: Periode): string {
  return periode === 'hari' ? tanggal : periode === 'bulan' ? tanggal.slice(0, 7) : tanggal.slice(0, 4);
}

/**
 * The aggregation of a range of days (see the counting rules at the top of this file). Flows
 * (everything but timbulan) are summed straight into their period; only timbulan is decided day
 * by day, so a source may report its flows per month for a monthly or yearly aggregation (dated
 * inside the range and the period: src/platform/db/periode.ts). Measured timbulan entries must
 * stay per day (a measured day replaces that day's estimate).
 */
export function aggregate(m: MasukanAgregasi): HasilAgregasi {
  const KOTA = '';
  const kecKode = new Set(m.kecamatan.map((k) => k.kode));
  const areaOf = (kode: string | null) => (kode !== null && kecKode.has(kode) ? kode : KOTA);
  const inRange = (tanggal: string) => tanggal >= m.dari && tanggal <= m.sampai;
  // Period → grams: the city, and each kecamatan (entries of no or an unknown kecamatan count
  // for the city only).
  const kotaPer = new Map<string, Gram>();
  const kecPer = new Map<string, Map<string, Gram>>(m.kecamatan.map((k) => [k.kode, new Map()]));
  const acc = (per: Map<string, Gram>, key: string): Gram => {
    let g = per.get(key);
    if (!g) per.set(key, (g = nol()));
    return g;
  };
  const total = nol();
  /** Adds a flow to the city, its kecamatan (if any) and the total. */
  const alir = (tanggal: string, kode: string | null, f: (g: Gram) => void) => {
    const key = periodeKey(tanggal, m.periode);
    f(acc(kotaPer, key));
    f(total);
    const area = areaOf(kode);
    if (area !== KOTA) f(acc(kecPer.get(area)!, key));
  };
  // Day → area → measured timbulan (grams).
  const terukur = new Map<string, Map<string, number>>();

  for (const c of m.catatan) {
    if (!inRange(c.tanggal)) continue;
    const g = gram(c.ton);
    const kelompok = KELOMPOK_JENIS[c.jenis];
    if (kelompok === 'timbulan') {
      const area = areaOf(c.kecamatanKode);
      let d = terukur.get(c.tanggal);
      if (!d) terukur.set(c.tanggal, (d = new Map()));
      d.set(area, (d.get(area) ?? 0) + g);
    } else {
      const field = GRAM_KELOMPOK[kelompok];
      alir(c.tanggal, c.kecamatanKode, (x) => (x[field] += g));
    }
  }
  for (const p of m.pemulihan) {
    if (!inRange(p.tanggal)) continue;
    const g = Math.round(p.kg * 1000);
    alir(p.tanggal, p.kecamatanKode, (x) => {
      x.bank += g;
      x.daurUlang += g;
    });
  }
  for (const p of m.penanganan) {
    if (!inRange(p.tanggal)) continue;
    if (p.tujuanJenis !== undefined && !TUJUAN_PENANGANAN.some((j) => j === p.tujuanJenis)) continue;
    if (p.asalJenis && ASAL_TERHITUNG.some((j) => j === p.asalJenis)) continue;
    const g = gram(p.ton);
    alir(p.tanggal, p.kecamatanKode, (x) => (x.ritase += g));
  }

  // Timbulan, day by day.
  for (const tanggal of daysBetween(m.dari, m.sampai)) {
    const tahun = Number(tanggal.slice(0, 4));
    const laju = m.laju[tahun];
    // kg/person/day × persons = kg = 1000 g.
    const perkiraan = (penduduk: number | null) =>
      penduduk !== null && laju !== undefined ? Math.round(penduduk * laju * 1000) : null;
    const ukur = terukur.get(tanggal);
    const key = periodeKey(tanggal, m.periode);

    let semuaKec = true;
    let jumlahKec = 0;
    let ukurKec = 0;
    for (const k of m.kecamatan) {
      const a = acc(kecPer.get(k.kode)!, key);
      const u = ukur?.get(k.kode);
      if (u !== undefined) {
        a.timbulan += u;
        a.timbulanTerukur += u;
        jumlahKec += u;
        ukurKec += u;
      } else {
        const p = perkiraan(k.pendudukTahun?.[tahun] ?? k.penduduk);
        if (p === null) {
          semuaKec = false;
          a.lengkap = false;
        } else {
          a.timbulan += p;
          jumlahKec += p;
        }
      }
    }

    // The city, by the rule above.
    const kota = acc(kotaPer, key);
    const ukurKota = ukur?.get(KOTA);
    let timbulan = 0;
    let timbulanTerukur = 0;
    if (ukurKota !== undefined) {
      timbulan = timbulanTerukur = ukurKota;
    } else if (semuaKec && m.kecamatan.length > 0) {
      timbulan = jumlahKec;
      timbulanTerukur = ukurKec;
    } else {
      const p = perkiraan(m.pendudukKota);
      if (p === null) kota.lengkap = total.lengkap = false;
      else timbulan = p;
    }
    kota.timbulan += timbulan;
    kota.timbulanTerukur += timbulanTerukur;
    total.timbulan += timbulan;
    total.timbulanTerukur += timbulanTerukur;
  }

  const urut = (per: Map<string, Gram>) => [...per].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const tanpaKecamatan: GramTanpaKecamatan = {
    timbulan: total.timbulan,
    bankSampah: total.bank,
    penguranganLain: total.pengLain,
    ritase: total.ritase,
    penangananLain: total.penLain,
    daurUlang: total.daurUlang,
    bahanBaku: total.bahanBaku,
  };
  for (const per of kecPer.values())
    for (const g of per.values()) {
      tanpaKecamatan.timbulan -= g.timbulan;
      tanpaKecamatan.bankSampah -= g.bank;
      tanpaKecamatan.penguranganLain -= g.pengLain;
      tanpaKecamatan.ritase -= g.ritase;
      tanpaKecamatan.penangananLain -= g.penLain;
      tanpaKecamatan.daurUlang -= g.daurUlang;
      tanpaKecamatan.bahanBaku -= g.bahanBaku;
    }
  return {
    dari: m.dari,
    sampai: m.sampai,
    periode: m.periode,
    kota: urut(kotaPer).map(([periode, g]) => ({ periode, kecamatanKode: null, angka: angka(g) })),
    kecamatan: m.kecamatan.flatMap((k) =>
      urut(kecPer.get(k.kode)!).map(([periode, g]) => ({ periode, kecamatanKode: k.kode, angka: angka(g) })),
    ),
    total: angka(total),
    tanpaKecamatan,
  };
}

// ---- What the kecamatan do not account for ----

/** Ton columns of a SIPSN row: each row's own, so a column of rows can be summed. */
export const KOLOM_TON = [
  'timbulan',
  'pengurangan',
  'penanganan',
  'terkelola',
  'tidakTerkelola',
  'daurUlang',
  'bahanBaku',
] as const satisfies readonly (keyof Sipsn)[];

export interface SisaKecamatan {
  /**
   * Every ton column is the city's minus the sum of its kecamatan rows (kg exact, may be below 0),
   * so the city = Σ kecamatan + this row; percentages are null (the remainder has no population).
   */
  sipsn: Sipsn;
  sebab: SebabSisa[];
}

/** kg of a figure with at most 3 decimals of tons. */
const kgOf = (ton: number): number => Math.round(gram(ton) / 1000);

/**
 * The row of what no kecamatan row holds, and why (from the grams before rounding); null when the
 * kecamatan rows add up to the city in every column.
 */
export function computeSisaKecamatan(
  kota: Sipsn,
  kecamatan: readonly Sipsn[],
  g: GramTanpaKecamatan,
): SisaKecamatan | null {
  const kg = Object.fromEntries(
    KOLOM_TON.map((k) => [k, kgOf(kota[k]) - kecamatan.reduce((n, b) => n + kgOf(b[k]), 0)]),
  ) as Record<(typeof KOLOM_TON)[number], number>;
  if (KOLOM_TON.every((k) => kg[k] === 0)) return null;
  const sebab: SebabSisa[] = [];
  if (g.timbulan !== 0) sebab.push('timbulanKota');
  if (g.bankSampah !== 0) sebab.push('bankSampahTanpaRw');
  if (g.ritase !== 0) sebab.push('ritaseTanpaKecamatan');
  if (g.penguranganLain || g.penangananLain || g.daurUlang - g.bankSampah || g.bahanBaku)
    sebab.push('catatanKota');
  // What the grams before rounding give, column by column; any other kg come from rounding rows.
  const dariGram: Partial<Record<(typeof KOLOM_TON)[number], number>> = {
    timbulan: g.timbulan,
    pengurangan: g.bankSampah + g.penguranganLain,
    penanganan: g.ritase + g.penangananLain,
    terkelola: g.bankSampah + g.penguranganLain + g.ritase + g.penangananLain,
    daurUlang: g.daurUlang,
    bahanBaku: g.bahanBaku,
  };
  if (Object.entries(dariGram).some(([k, v]) => kg[k as (typeof KOLOM_TON)[number]] !== Math.round(v / 1000)))
    sebab.push('pembulatan');
  const ton = (k: (typeof KOLOM_TON)[number]) => kg[k] / 1000;
  return {
    sipsn: {
      timbulan: ton('timbulan'),
      pengurangan: ton('pengurangan'),
      persenPengurangan: null,
      penanganan: ton('penanganan'),
      persenPenanganan: null,
      terkelola: ton('terkelola'),
      persenTerkelola: null,
      tidakTerkelola: ton('tidakTerkelola'),
      daurUlang: ton('daurUlang'),
      bahanBaku: ton('bahanBaku'),
      recyclingRate: null,
    },
    sebab,
  };
}
