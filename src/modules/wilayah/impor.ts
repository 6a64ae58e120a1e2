/**
 * RW/RT spreadsheets: the columns and their Indonesian header variants, checking every row, and
 * the downloadable templates. Recognising and reading CSV and XLSX files is shared with other
 * imports (src/platform/spreadsheet.ts). Pure functions: no database (the service passes in what
 * a check needs).
 */
import {
  aliasIndex,
  cellText,
  checkSpreadsheet,
  headerColumns,
  normaliseHeader,
  normalisePhone,
  parseCount,
  readSpreadsheet,
  templateWorkbook,
  zipInfo,
  type FileCheck,
  type FileKind,
  type Sheet,
  type SheetRow,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet.ts';
import { isTeleponValid } from '../../platform/telepon.ts';

export { cellText, normaliseHeader, normalisePhone, parseCount, zipInfo };
export type { FileCheck, FileKind, Sheet, SheetRow };

export const MAX_FILE_BYTES = 5 * 1_048_576;
/** Data rows in one file. */
export const MAX_ROWS = 20_000;
/** Uncompressed size of an XLSX (a ZIP): protects the worker from zip bombs. */
export const MAX_XLSX_UNCOMPRESSED = 80 * 1_048_576;
export const NOMOR_MAX = 999;
export const KK_MAX = 99_999;
export const NAME_MAX = 120;

export const COLUMNS = ['kode_kelurahan', 'rw', 'rt', 'ketua_nama', 'ketua_telepon', 'jumlah_kk'] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED_COLUMNS: Column[] = ['kode_kelurahan', 'rw'];

/** Header spellings accepted for each column, after normalising (lower case, separators to "_"). */
const ALIASES: Record<Column, string[]> = {
  kode_kelurahan: [
    'kode_kelurahan',
    'kode_kel',
    'kd_kel',
    'kd_kelurahan',
    'kodekelurahan',
    'kelurahan_kode',
    'kode_desa',
    'kode_desa_kelurahan',
    'kode_kelurahan_desa',
    'kode_wilayah',
    'kode',
  ],
  rw: ['rw', 'no_rw', 'nomor_rw', 'nomer_rw', 'rw_no', 'rukun_warga'],
  rt: ['rt', 'no_rt', 'nomor_rt', 'nomer_rt', 'rt_no', 'rukun_tetangga'],
  ketua_nama: [
    'ketua_nama',
    'nama_ketua',
    'ketua',
    'nama',
    'nama_ketua_rw',
    'nama_ketua_rt',
    'ketua_rw',
    'ketua_rt',
  ],
  ketua_telepon: [
    'ketua_telepon',
    'telepon',
    'telepon_ketua',
    'no_telepon',
    'nomor_telepon',
    'telp',
    'no_telp',
    'nomor_telp',
    'hp',
    'no_hp',
    'nomor_hp',
    'telepon_hp',
    'wa',
    'no_wa',
    'whatsapp',
    'kontak',
  ],
  jumlah_kk: ['jumlah_kk', 'jml_kk', 'kk', 'jumlah_kepala_keluarga', 'jumlah_keluarga', 'total_kk'],
};

const ALIAS_INDEX = aliasIndex(ALIASES);

export function columnFor(header: string): Column | undefined {
  return ALIAS_INDEX.get(normaliseHeader(header));
}

/** A problem with one row, as a message key (wilayah.impor.err.*) and its parameters. */
export interface RowProblem {
  row: number;
  column?: Column;
  code: string;
  params?: Record<string, string | number>;
}

// ---- File type and reading ----

const LIMITS: SpreadsheetLimits = {
  prefix: 'wilayah.impor.err',
  maxFileBytes: MAX_FILE_BYTES,
  maxRows: MAX_ROWS,
  maxXlsxUncompressed: MAX_XLSX_UNCOMPRESSED,
};

/** Decides from the content (browsers' file names and types are not trusted) what an upload is. */
export function checkFile(buf: Buffer): FileCheck {
  return checkSpreadsheet(buf, LIMITS);
}

export function readSheet(buf: Buffer, kind: FileKind): Promise<Sheet> {
  return readSpreadsheet(buf, kind, LIMITS);
}

// ---- Checking ----

export interface ImportRecord {
  row: number;
  kelurahanKode: string;
  rw: number;
  rt: number | null;
  ketuaNama: string | null;
  ketuaTelepon: string | null;
  jumlahKk: number | null;
}

export interface CheckContext {
  cityName: string;
  /** Kelurahan of the city: code -> name. */
  kelurahan: Map<string, string>;
  /** May the uploader manage this RW (its area)? */
  allowed(kelurahanKode: string, rw: number): boolean;
  /** Called every ~10 % of the rows with the number of rows checked. */
  progress?(processed: number): Promise<void>;
}

/** "32730110011" style codes and stray spaces: 3273011001 -> 32.73.01.1001. */
export function normaliseKelurahanKode(s: string): string {
  const t = s.replace(/\s+/g, '');
  if (/^\d{10}$/.test(t)) return `${t.slice(0, 2)}.${t.slice(2, 4)}.${t.slice(4, 6)}.${t.slice(6)}`;
  return t;
}

/** "RW 01", "001", "1" -> 1; anything else -> NaN. */
export function parseNomor(s: string, prefix: 'rw' | 'rt'): number {
  const m = new RegExp(`^(?:${prefix}\\.?\\s*)?0*(\\d{1,3})$`, 'i').exec(s.trim());
  return m?.[1] !== undefined ? Number(m[1]) : Number.NaN;
}

export async function checkSheet(
  sheet: { header: string[]; rows: SheetRow[] },
  ctx: CheckContext,
): Promise<{ records: ImportRecord[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  // Other columns (notes, names of kelurahan) are ignored.
  const { index, twice } = headerColumns(sheet.header, columnFor);
  for (const { column, header } of twice)
    problems.push({ row: 1, column, code: 'wilayah.impor.err.headerTwice', params: { header } });
  for (const c of REQUIRED_COLUMNS) {
    if (index[c] === undefined)
      problems.push({ row: 1, column: c, code: 'wilayah.impor.err.headerMissing', params: { column: c } });
  }
  if (problems.length) return { records: [], problems };

  const records: ImportRecord[] = [];
  const seenRw = new Map<string, number>();
  const seenRt = new Map<string, number>();
  const step = Math.max(1, Math.ceil(sheet.rows.length / 10));
  let done = 0;
  for (const r of sheet.rows) {
    const get = (c: Column) => {
      const i = index[c];
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const bad = (column: Column, code: string, params?: Record<string, string | number>) =>
      problems.push({ row: r.row, column, code, ...(params ? { params } : {}) });
    const before = problems.length;

    const kodeIn = get('kode_kelurahan');
    const kode = normaliseKelurahanKode(kodeIn);
    if (!kodeIn) bad('kode_kelurahan', 'wilayah.impor.err.required');
    else if (!/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(kode))
      bad('kode_kelurahan', 'wilayah.impor.err.kodeFormat', { value: kodeIn });
    else if (!ctx.kelurahan.has(kode))
      bad('kode_kelurahan', 'wilayah.impor.err.kodeUnknown', { value: kode, city: ctx.cityName });

    const rwIn = get('rw');
    const rw = parseNomor(rwIn, 'rw');
    if (!rwIn) bad('rw', 'wilayah.impor.err.required');
    else if (!Number.isInteger(rw) || rw < 1 || rw > NOMOR_MAX)
      bad('rw', 'wilayah.impor.err.nomor', { value: rwIn });

    const rtIn = get('rt');
    const rt = rtIn ? parseNomor(rtIn, 'rt') : null;
    if (rt !== null && (!Number.isInteger(rt) || rt < 1 || rt > NOMOR_MAX))
      bad('rt', 'wilayah.impor.err.nomor', { value: rtIn });

    const nama = get('ketua_nama').replace(/\s+/g, ' ');
    if (nama.length > NAME_MAX) bad('ketua_nama', 'wilayah.impor.err.nameLength', { max: NAME_MAX });

    const telIn = get('ketua_telepon');
    const tel = telIn ? normalisePhone(telIn) : '';
    if (tel && !isTeleponValid(tel)) bad('ketua_telepon', 'wilayah.impor.err.phone', { value: telIn });

    const kkIn = get('jumlah_kk');
    const kk = kkIn ? parseCount(kkIn) : null;
    if (kk !== null && (!Number.isInteger(kk) || kk < 0 || kk > KK_MAX))
      bad('jumlah_kk', 'wilayah.impor.err.kk', { value: kkIn, max: KK_MAX });

    if (rt !== null && tel) bad('ketua_telepon', 'wilayah.impor.err.rwOnly');
    if (rt !== null && kk !== null) bad('jumlah_kk', 'wilayah.impor.err.rwOnly');

    if (problems.length === before) {
      if (!ctx.allowed(kode, rw)) {
        bad('kode_kelurahan', 'wilayah.impor.err.outsideArea', { value: kode });
      } else if (rt === null) {
        const key = `${kode}/${rw}`;
        const first = seenRw.get(key);
        if (first !== undefined) bad('rw', 'wilayah.impor.err.duplicateRw', { first });
        else seenRw.set(key, r.row);
      } else {
        const key = `${kode}/${rw}/${rt}`;
        const first = seenRt.get(key);
        if (first !== undefined) bad('rt', 'wilayah.impor.err.duplicateRt', { first });
        else seenRt.set(key, r.row);
      }
    }
    if (problems.length === before) {
      records.push({
        row: r.row,
        kelurahanKode: kode,
        rw,
        rt,
        ketuaNama: nama || null,
        ketuaTelepon: tel || null,
        jumlahKk: kk,
      });
    }
    done++;
    if (ctx.progress && (done % step === 0 || done === sheet.rows.length)) await ctx.progress(done);
  }
  if (sheet.rows.length === 0) problems.push({ row: 2, code: 'wilayah.impor.err.noRows' });
  return { records, problems };
}

// ---- Templates ----

export const TEMPLATE_HEADER: readonly string[] = COLUMNS;

export function templateCsv(): string {
  return `\uFEFF${TEMPLATE_HEADER.join(',')}\r\n`;
}

export async function templateXlsx(
  kelurahan: { kode: string; nama: string; kecamatan: string }[],
  instructions: {
    title: string;
    lines: string[];
    columns: [string, string][];
    kelurahanSheet: string;
    headers: [string, string, string];
  },
): Promise<Buffer> {
  return templateWorkbook({
    columns: TEMPLATE_HEADER.map((h) => ({
      header: h,
      width: h === 'ketua_nama' ? 30 : h === 'kode_kelurahan' || h === 'ketua_telepon' ? 18 : 10,
      text: h === 'kode_kelurahan' || h === 'ketua_telepon',
    })),
    instructions,
    lists: [
      {
        name: instructions.kelurahanSheet,
        columns: [
          { header: instructions.headers[0], key: 'kode', width: 16 },
          { header: instructions.headers[1], key: 'nama', width: 30 },
          { header: instructions.headers[2], key: 'kecamatan', width: 30 },
        ],
        rows: kelurahan,
      },
    ],
  });
}
