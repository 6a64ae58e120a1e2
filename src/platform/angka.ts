/**
 * Numbers as people type them into forms, the Indonesian way: rupiah in whole digits with dots
 * between thousands ("1.000.000", "Rp 25.000") and quantities with a decimal comma ("1,5",
 * "0,25"). Everything else is refused with a message key and its parameters, never guessed:
 * "1.000" kg could mean one or one thousand, and "1e3", "0x10", "-5" or " 1 2" are not how
 * anybody writes an amount. A number that is already a number (a JSON API body) is checked
 * against the same limits.
 */
import { formatNumber, formatRupiah } from './i18n/index.ts';
import { badRequest } from './http/problem.ts';

/** A reading: the value, or the message key (with parameters) of what is wrong. */
export type Bacaan =
  { ok: true; nilai: number } | { ok: false; galat: string; params: Record<string, string> };

export interface Batas {
  /** Largest accepted value (rupiah: 1.000.000.000 unless given; quantities: 1.000.000). */
  max?: number;
  /** Zero is refused. */
  positif?: boolean;
}

const RUPIAH_MAX = 1_000_000_000;
const KUANTITAS_MAX = 1_000_000;

const salah = (galat: string, params: Record<string, string> = {}): Bacaan => ({ ok: false, galat, params });

function dalamBatas(n: number, batas: Batas, max: number, tampil: (n: number) => string): Bacaan {
  if (batas.positif && n === 0) return salah('angka.harusPositif');
  if (n > max) return salah('angka.terlaluBesar', { max: tampil(max) });
  return { ok: true, nilai: n };
}

/** Digits grouped by dots in threes, the first group not starting with 0: "1.000", "25.000.000". */
const RIBUAN = /^[1-9]\d{0,2}(\.\d{3})+$/;

/**
 * Whole rupiah: digits, optionally grouped by dots in threes ("10.000"), optionally after "Rp",
 * "Rp." or "Rp ", optionally followed by ",-" or ",00"; surrounding spaces are ignored. No sen,
 * no signs, no exponents, no commas between thousands ("1,500" could be one and a half).
 */
export function readRupiah(raw: unknown, batas: Batas = {}): Bacaan {
  const max = batas.max ?? RUPIAH_MAX;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return salah('angka.rupiah.bukanAngka');
    if (!Number.isInteger(raw)) return salah('angka.rupiah.desimal');
    return dalamBatas(raw, batas, max, formatRupiah);
  }
  if (typeof raw !== 'string') return salah('angka.rupiah.bukanAngka');
  // "Rp 15.000,-" and "15.000,00" are whole rupiah as shops write them.
  const s = raw
    .trim()
    .replace(/^rp\.?\s*/i, '')
    .replace(/,(-|0{1,2})$/, '');
  if (!s) return salah('validation.required');
  let digits: string;
  if (/^\d+$/.test(s)) digits = s;
  else if (RIBUAN.test(s)) digits = s.replace(/\./g, '');
  else if (/^(\d+|[1-9]\d{0,2}(\.\d{3})+),\d+$/.test(s)) return salah('angka.rupiah.desimal');
  else return salah('angka.rupiah.bukanAngka');
  const n = digits.length > 16 ? Number.POSITIVE_INFINITY : Number(digits);
  return dalamBatas(n, batas, max, formatRupiah);
}

/**
 * A quantity (kg, pieces, tonnes): digits with an optional decimal comma ("2,5", "0,125"), at
 * most `desimal` decimals (3 unless given). A dot is refused with a message that says to use a
 * comma, and what a dot means ("1.000" is one thousand), never read either way.
 */
export function readKuantitas(raw: unknown, batas: Batas & { desimal?: number } = {}): Bacaan {
  const max = batas.max ?? KUANTITAS_MAX;
  const desimal = batas.desimal ?? 3;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return salah('angka.kuantitas.bukanAngka');
    if (Number(raw.toFixed(desimal)) !== raw) return salah('angka.kuantitas.desimal', { n: String(desimal) });
    return dalamBatas(raw, batas, max, formatNumber);
  }
  if (typeof raw !== 'string') return salah('angka.kuantitas.bukanAngka');
  const s = raw.trim();
  if (!s) return salah('validation.required');
  const m = /^(\d+)(?:,(\d+))?$/.exec(s);
  if (!m) {
    const koma = s.replace(/\./g, ',');
    if (RIBUAN.test(s))
      return salah('angka.kuantitas.ribuan', { nilai: s, polos: s.replace(/\./g, ''), koma });
    if (/^\d+\.\d+$/.test(s)) return salah('angka.kuantitas.titik', { nilai: s, koma });
    return salah('angka.kuantitas.bukanAngka');
  }
  const [, bulat = '', pecahan = ''] = m;
  if (pecahan.length > desimal) return salah('angka.kuantitas.desimal', { n: String(desimal) });
  const n =
    bulat.replace(/^0+(?=\d)/, '').length > 12
      ? Number.POSITIVE_INFINITY
      : Number(`${bulat}.${pecahan || '0'}`);
  return dalamBatas(n, batas, max, formatNumber);
}

/** A reading's value, or a 400 whose field error at `pointer` (e.g. "/body/ton") says what is wrong. */
export function valueOr400(b: Bacaan, pointer: string): number {
  if (b.ok) return b.nilai;
  throw badRequest('error.validation', [{ pointer, detail: b.galat, params: b.params }]);
}

/**
 * A rupiah form field as people type it ("Rp 1.500.000.000", "1500000000", "Rp1.500.000,-"), read
 * by readRupiah without its upper limit: undefined when the field was not sent, null when it is
 * empty, NaN when it cannot be read (the service reports it).
 */
export function parseRupiah(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') return null;
  const r = readRupiah(v, { max: Number.MAX_SAFE_INTEGER });
  return r.ok ? r.nilai : Number.NaN;
}
