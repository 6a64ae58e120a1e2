/**
 * Business class (kelas usaha) of a UMKM, as pure functions (no database).
 *
 * Source: PP 7/2021 (Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan UMKM), Pasal 35:
 *  - ayat (1): UMKM are grouped by modal usaha or by hasil penjualan tahunan;
 *  - ayat (2): the modal usaha criterion is used for founding or registering a business;
 *  - ayat (3): modal usaha, excluding the land and buildings of the place of business:
 *    mikro up to Rp1.000.000.000; kecil above Rp1 miliar up to Rp5 miliar; menengah above
 *    Rp5 miliar up to Rp10 miliar;
 *  - ayat (4): for ease of doing business, protection and empowerment the hasil penjualan
 *    tahunan criterion is used besides modal;
 *  - ayat (5): hasil penjualan tahunan: mikro up to Rp2.000.000.000; kecil above Rp2 miliar up
 *    to Rp15 miliar; menengah above Rp15 miliar up to Rp50 miliar.
 * Above the menengah ceiling a business is usaha besar. Every ceiling is inclusive ("sampai
 * dengan paling banyak"): Rp1.000.000.000 of modal is mikro, Rp1.000.000.001 is kecil.
 *
 * Deciding criterion (kriteria penentu): an explicit `dasar` wins; otherwise the annual sales
 * when a figure exists (a running business), else the modal (founding or registration, before
 * any sales year). A missing figure is null or undefined: 0 is a figure (a year without sales),
 * so a form must not turn an empty sales field into 0.
 *
 * Amounts are whole rupiah as numbers (safe integers, as bigint columns are read); negative,
 * fractional, non-finite and unsafe amounts are refused with a KelasUsahaError.
 */

export const KELAS_USAHA = ['mikro', 'kecil', 'menengah', 'besar'] as const;
export type KelasUsaha = (typeof KELAS_USAHA)[number];

export const KRITERIA = ['modal', 'penjualan'] as const;
export type Kriteria = (typeof KRITERIA)[number];

type Batas = Readonly<Record<Exclude<KelasUsaha, 'besar'>, number>>;

/** Inclusive ceilings (whole rupiah) of mikro, kecil and menengah; above menengah: besar. */
export const BATAS_KELAS: Readonly<Record<Kriteria, Batas>> = {
  modal: { mikro: 1_000_000_000, kecil: 5_000_000_000, menengah: 10_000_000_000 },
  penjualan: { mikro: 2_000_000_000, kecil: 15_000_000_000, menengah: 50_000_000_000 },
};

/**
 * Why an amount or a request was refused:
 *  - bukan_angka: not a number (or NaN);
 *  - negatif: below zero;
 *  - bukan_bulat: has a fraction (rupiah are whole);
 *  - tidak_aman: beyond Number.MAX_SAFE_INTEGER (or infinite), so it cannot be exact;
 *  - tanpa_angka: neither modal nor penjualan given;
 *  - dasar_tanpa_angka: `dasar` names a criterion whose figure is missing;
 *  - dasar_tidak_dikenal: `dasar` is neither modal nor penjualan;
 *  - tahun_tidak_sah: a history year is not a whole number between 1900 and 2200;
 *  - tahun_ganda: a history has the same year twice.
 */
export type AlasanKelas =
  | 'bukan_angka'
  | 'negatif'
  | 'bukan_bulat'
  | 'tidak_aman'
  | 'tanpa_angka'
  | 'dasar_tanpa_angka'
  | 'dasar_tidak_dikenal'
  | 'tahun_tidak_sah'
  | 'tahun_ganda';

export class KelasUsahaError extends Error {
  readonly alasan: AlasanKelas;
  /** The field at fault (modal, penjualan, dasar, tahun), or null when it is the whole input. */
  readonly kolom: Kriteria | 'dasar' | 'tahun' | null;
  /** The year of the history entry at fault, for pergerakanKelas. */
  readonly tahun: number | null;

  constructor(alasan: AlasanKelas, kolom: KelasUsahaError['kolom'], tahun: number | null = null) {
    super(`kelas usaha: ${alasan}${kolom ? ` (${kolom})` : ''}${tahun !== null ? ` tahun ${tahun}` : ''}`);
    this.name = 'KelasUsahaError';
    this.alasan = alasan;
    this.kolom = kolom;
    this.tahun = tahun;
  }
}

/** Why a whole-rupiah amount is refused, or null when it is acceptable. */
export function periksaRupiah(
  nilai: unknown,
): 'bukan_angka' | 'negatif' | 'bukan_bulat' | 'tidak_aman' | null {
  if (typeof nilai !== 'number' || Number.isNaN(nilai)) return 'bukan_angka';
  if (nilai < 0) return 'negatif';
  if (Number.isFinite(nilai) && !Number.isInteger(nilai)) return 'bukan_bulat';
  if (!Number.isSafeInteger(nilai)) return 'tidak_aman';
  return null;
}

/** The class an amount gives under one criterion (the amount must already be checked). */
export function kelasMenurut(kriteria: Kriteria, nilai: number): KelasUsaha {
  const batas = BATAS_KELAS[kriteria];
  if (nilai <= batas.mikro) return 'mikro';
  if (nilai <= batas.kecil) return 'kecil';
  if (nilai <= batas.menengah) return 'menengah';
  return 'besar';
}

export interface InputKelas {
  /** Modal usaha in whole rupiah, excluding land and buildings; null/undefined: unknown. */
  modal?: number | null | undefined;
  /** Hasil penjualan tahunan in whole rupiah; null/undefined: no sales year yet. */
  penjualan?: number | null | undefined;
  /** Force the deciding criterion (e.g. 'modal' on a registration form). */
  dasar?: Kriteria | undefined;
}

export interface HasilKelas {
  kelas: KelasUsaha;
  /** The criterion that decided the class. */
  dasar: Kriteria;
  /** Why that criterion: chosen explicitly, sales figure present, or no sales figure yet. */
  sebab: 'dipilih' | 'ada_penjualan' | 'belum_ada_penjualan';
  /** The amount that decided it. */
  nilai: number;
  /** The class under each criterion that has a figure (for display; only `kelas` counts). */
  menurut: Record<Kriteria, KelasUsaha | null>;
}

const ada = (v: number | null | undefined): v is number => v !== null && v !== undefined;

function angka(kriteria: Kriteria, v: number | null | undefined, tahun: number | null): number | null {
  if (!ada(v)) return null;
  const salah = periksaRupiah(v);
  if (salah) throw new KelasUsahaError(salah, kriteria, tahun);
  return v;
}

function hitung(input: InputKelas, tahun: number | null): HasilKelas {
  const modal = angka('modal', input.modal, tahun);
  const penjualan = angka('penjualan', input.penjualan, tahun);
  const menurut = {
    modal: modal === null ? null : kelasMenurut('modal', modal),
    penjualan: penjualan === null ? null : kelasMenurut('penjualan', penjualan),
  };
  let dasar: Kriteria;
  let sebab: HasilKelas['sebab'];
  if (input.dasar !== undefined) {
    if (!(KRITERIA as readonly unknown[]).includes(input.dasar)) {
      throw new KelasUsahaError('dasar_tidak_dikenal', 'dasar', tahun);
    }
    dasar = input.dasar;
    sebab = 'dipilih';
    if ((dasar === 'modal' ? modal : penjualan) === null) {
      throw new KelasUsahaError('dasar_tanpa_angka', dasar, tahun);
    }
  } else if (penjualan !== null) {
    dasar = 'penjualan';
    sebab = 'ada_penjualan';
  } else if (modal !== null) {
    dasar = 'modal';
    sebab = 'belum_ada_penjualan';
  } else {
    throw new KelasUsahaError('tanpa_angka', null, tahun);
  }
  const nilai = (dasar === 'modal' ? modal : penjualan) as number;
  return { kelas: kelasMenurut(dasar, nilai), dasar, sebab, nilai, menurut };
}

/** The class of a business (PP 7/2021 Pasal 35) and the criterion that decided it. */
export function kelasUsaha(input: InputKelas): HasilKelas {
  return hitung(input, null);
}

/** -1, 0 or 1: is class a below, equal to or above class b (mikro < kecil < menengah < besar)? */
export function bandingkanKelas(a: KelasUsaha, b: KelasUsaha): -1 | 0 | 1 {
  const d = KELAS_USAHA.indexOf(a) - KELAS_USAHA.indexOf(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export interface TahunUsaha extends InputKelas {
  tahun: number;
}

export type Gerak = 'awal' | 'naik' | 'turun' | 'tetap';

export interface KelasTahunan extends HasilKelas {
  tahun: number;
  /** awal for the first year; else compared with the previous year in the history. */
  gerak: Gerak;
  /** The class and year it is compared with (null for the first year). */
  kelasSebelum: KelasUsaha | null;
  tahunSebelum: number | null;
  /** How many classes it moved (negative: down); 0 for the first year. */
  langkah: number;
}

export interface PergerakanKelas {
  tahunan: KelasTahunan[];
  kelasAwal: KelasUsaha | null;
  kelasAkhir: KelasUsaha | null;
  /** Net movement from the first to the last year (tetap for fewer than two years). */
  arah: Exclude<Gerak, 'awal'>;
  /** Number of yearly moves up and down (a business can go up and come back). */
  naik: number;
  turun: number;
}

/**
 * The class of each year of a business's history, oldest first, and whether it moved up, down
 * or stayed compared with the previous recorded year (gaps between years are allowed; the
 * comparison is with the previous entry). For the "naik kelas" dashboard: count businesses whose
 * `arah` is naik over the period.
 */
export function pergerakanKelas(riwayat: readonly TahunUsaha[]): PergerakanKelas {
  const seen = new Set<number>();
  for (const r of riwayat) {
    if (!Number.isInteger(r.tahun) || r.tahun < 1900 || r.tahun > 2200) {
      throw new KelasUsahaError('tahun_tidak_sah', 'tahun', Number.isFinite(r.tahun) ? r.tahun : null);
    }
    if (seen.has(r.tahun)) throw new KelasUsahaError('tahun_ganda', 'tahun', r.tahun);
    seen.add(r.tahun);
  }
  const urut = [...riwayat].sort((a, b) => a.tahun - b.tahun);
  const tahunan: KelasTahunan[] = [];
  let naik = 0;
  let turun = 0;
  for (const r of urut) {
    const hasil = hitung(r, r.tahun);
    const prev = tahunan.at(-1);
    const langkah = prev ? KELAS_USAHA.indexOf(hasil.kelas) - KELAS_USAHA.indexOf(prev.kelas) : 0;
    const gerak: Gerak = !prev ? 'awal' : langkah > 0 ? 'naik' : langkah < 0 ? 'turun' : 'tetap';
    if (gerak === 'naik') naik++;
    if (gerak === 'turun') turun++;
    tahunan.push({
      ...hasil,
      tahun: r.tahun,
      gerak,
      kelasSebelum: prev?.kelas ?? null,
      tahunSebelum: prev?.tahun ?? null,
      langkah,
    });
  }
  const kelasAwal = tahunan[0]?.kelas ?? null;
  const kelasAkhir = tahunan.at(-1)?.kelas ?? null;
  const net = kelasAwal && kelasAkhir ? bandingkanKelas(kelasAkhir, kelasAwal) : 0;
  return {
    tahunan,
    kelasAwal,
    kelasAkhir,
    arah: net > 0 ? 'naik' : net < 0 ? 'turun' : 'tetap',
    naik,
    turun,
  };
}
