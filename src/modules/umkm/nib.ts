/**
 * Format checks for the identifiers of a UMKM and its owner, as pure functions (no database).
 * Every check normalises first (strips spaces, dots and dashes, as people copy numbers from
 * printed documents) and returns either the normalised digits, kept as text because leading
 * zeros matter, or the reason the input is refused. Only the format is checked: no register
 * is consulted, and no check digit is verified (none is published for these numbers).
 *
 *  - NIB (Nomor Induk Berusaha): the business identity issued through OSS, PP 5/2021
 *    (Penyelenggaraan Perizinan Berusaha Berbasis Risiko) Pasal 1 and Peraturan BKPM 4/2021;
 *    13 random digits (the form set by PP 24/2018), so there is no check digit.
 *  - NPWP: 15 digits in the old format (printed 01.234.567.8-901.000), or 16 digits under PMK
 *    112/PMK.03/2022 (in use since 2024): a resident individual's NPWP is the NIK; other
 *    taxpayers get 16 digits, in practice 0 followed by the old 15.
 *  - NIK (Nomor Induk Kependudukan): UU 24/2013 (Administrasi Kependudukan) and the Dukcapil
 *    numbering: 16 digits = 6-digit region code (province, regency/city, district: the
 *    Kemendagri region code where the NIK was issued), date of birth DDMMYY (40 added to the
 *    day for women), 4-digit serial number. Only the format is checked; the registry stores
 *    the NIK encrypted (UU 27/2022 PDP) and shows it masked: use maskNik, re-exported here
 *    from the platform.
 */
export { maskNik } from '../../platform/privacy.ts';

/**
 * Why a number is refused:
 *  - kosong: nothing given (or only spaces and punctuation);
 *  - bukan_teks: not a string (numbers lose leading zeros, so they are refused);
 *  - karakter_tidak_sah: a character other than a digit, space, dot or dash (see `karakter`);
 *  - panjang_salah: the wrong number of digits (see `panjang`);
 *  - semua_nol: only zeros (a placeholder, e.g. 00.000.000.0-000.000 for "no NPWP");
 *  - kode_wilayah: NIK: the first six digits are not a province/regency/district code;
 *  - tanggal_lahir: NIK: digits 7–12 are not a date of birth (DD or DD+40, MM, YY);
 *  - nomor_urut: NIK: the last four digits are 0000.
 */
export type AlasanNomor =
  | 'kosong'
  | 'bukan_teks'
  | 'karakter_tidak_sah'
  | 'panjang_salah'
  | 'semua_nol'
  | 'kode_wilayah'
  | 'tanggal_lahir'
  | 'nomor_urut';

export interface NomorDitolak {
  ok: false;
  alasan: AlasanNomor;
  /** karakter_tidak_sah: the first character refused. */
  karakter?: string;
  /** panjang_salah: the number of digits found. */
  panjang?: number;
}

export type HasilNomor<T extends object = object> = ({ ok: true; nilai: string } & T) | NomorDitolak;

/** Spaces (any whitespace), dots and dashes (hyphen, non-breaking hyphen, en/em dash, minus). */
const PEMISAH = /[\s.\-\u2010-\u2015\u2212]/g;

/** Strips spaces, dots and dashes. Other characters stay, so that they are reported. */
export function normalisasiNomor(input: string): string {
  return input.replace(PEMISAH, '');
}

/** Normalises and checks that only digits remain, in one of the allowed lengths. */
function digit(input: unknown, panjang: readonly number[]): HasilNomor | NomorDitolak {
  if (input === null || input === undefined) return { ok: false, alasan: 'kosong' };
  if (typeof input !== 'string') return { ok: false, alasan: 'bukan_teks' };
  const nilai = normalisasiNomor(input);
  if (nilai === '') return { ok: false, alasan: 'kosong' };
  const salah = /[^0-9]/.exec(nilai);
  if (salah) return { ok: false, alasan: 'karakter_tidak_sah', karakter: salah[0] };
  if (!panjang.includes(nilai.length)) return { ok: false, alasan: 'panjang_salah', panjang: nilai.length };
  if (/^0+$/.test(nilai)) return { ok: false, alasan: 'semua_nol' };
  return { ok: true, nilai };
}

export const PANJANG_NIB = 13;

/** NIB: 13 digits after normalisation. */
export function periksaNib(input: unknown): HasilNomor {
  return digit(input, [PANJANG_NIB]);
}

/**
 * jenis of a valid NPWP:
 *  - lama: the old 15-digit format;
 *  - nik: 16 digits that are a NIK (resident individual);
 *  - enam_belas: 16 digits starting with 0 (other taxpayers: 0 + the old 15 digits).
 */
export type JenisNpwp = 'lama' | 'nik' | 'enam_belas';

export interface InfoNpwp {
  jenis: JenisNpwp;
  /** The old 15-digit form when there is one (lama, or enam_belas without its leading 0). */
  npwp15: string | null;
}

/**
 * NPWP: 15 digits (old format) or 16 digits. A 16-digit NPWP not starting with 0 is a NIK
 * and must pass the NIK format check (its reason is returned when it does not); NIK region
 * codes never start with 0.
 */
export function periksaNpwp(input: unknown): HasilNomor<InfoNpwp> {
  const d = digit(input, [15, 16]);
  if (!d.ok) return d;
  if (d.nilai.length === 15) return { ok: true, nilai: d.nilai, jenis: 'lama', npwp15: d.nilai };
  if (d.nilai.startsWith('0')) {
    return { ok: true, nilai: d.nilai, jenis: 'enam_belas', npwp15: d.nilai.slice(1) };
  }
  const nik = periksaNik(d.nilai);
  if (!nik.ok) return nik;
  return { ok: true, nilai: d.nilai, jenis: 'nik', npwp15: null };
}

/** 15 digits as printed: 01.234.567.8-901.000. Other input is returned unchanged. */
export function formatNpwp15(npwp15: string): string {
  const m = /^(\d{2})(\d{3})(\d{3})(\d)(\d{3})(\d{3})$/.exec(npwp15);
  return m ? `${m[1]}.${m[2]}.${m[3]}.${m[4]}-${m[5]}.${m[6]}` : npwp15;
}

/**
 * Province codes (Kemendagri) that NIKs carry: Sumatra 11–19 and 21, Java 31–36, Bali and Nusa
 * Tenggara 51–53, Kalimantan 61–65, Sulawesi 71–76, Maluku 81–82, Papua 91–96 (92–96 are the
 * provinces formed since 2022; older NIKs there keep 91 or 92).
 */
const PROVINSI = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21',
  '31', '32', '33', '34', '35', '36',
  '51', '52', '53',
  '61', '62', '63', '64', '65',
  '71', '72', '73', '74', '75', '76',
  '81', '82',
  '91', '92', '93', '94', '95', '96',
]); // prettier-ignore

const HARI_BULAN = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * NIK format: 16 digits, a known province code with regency/city and district codes not 00,
 * a date of birth DDMMYY (DD + 40 for women; 29 February only in a year divisible by 4, since
 * YY does not tell the century) and a serial number other than 0000. Returns only the
 * normalised NIK: the birth date and sex it encodes are personal data and are not handed out.
 */
export function periksaNik(input: unknown): HasilNomor {
  const d = digit(input, [16]);
  if (!d.ok) return d;
  const n = d.nilai;
  if (!PROVINSI.has(n.slice(0, 2)) || n.slice(2, 4) === '00' || n.slice(4, 6) === '00') {
    return { ok: false, alasan: 'kode_wilayah' };
  }
  let hari = Number(n.slice(6, 8));
  if (hari > 40) hari -= 40;
  const bulan = Number(n.slice(8, 10));
  const tahun = Number(n.slice(10, 12));
  const maks = bulan === 2 ? (tahun % 4 === 0 ? 29 : 28) : HARI_BULAN[bulan - 1];
  if (bulan < 1 || bulan > 12 || maks === undefined || hari < 1 || hari > maks) {
    return { ok: false, alasan: 'tanggal_lahir' };
  }
  if (n.slice(12) === '0000') return { ok: false, alasan: 'nomor_urut' };
  return { ok: true, nilai: n };
}
