/**
 * RW/RT spreadsheets: recognising the file type, reading CSV and XLSX into rows,
 * mapping Indonesian header variants to columns, checking every row, and the
 * downloadable templates. Pure functions: no database (the service passes in
 * what a check needs).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

/** exceljs is large (tens of MB in memory): loaded on the first spreadsheet, not at start-up. */
async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export const MAX_FILE_BYTES = 5 * 1_048_576;
/** Data rows in one file. */
export const MAX_ROWS = 20_000;
/** Uncompressed size of an XLSX (a ZIP): protects the worker from zip bombs. */
export const MAX_XLSX_UNCOMPRESSED = 80 * 1_048_576;
export const NOMOR_MAX = 999;
export const KK_MAX = 99_999;
export const NAME_MAX = 120;
export const PHONE_RE = /^\+?[0-9]{8,15}$/;

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

const ALIAS_INDEX = new Map<string, Column>();
for (const c of COLUMNS) for (const a of ALIASES[c]) ALIAS_INDEX.set(a, c);

export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ') // "rt (opsional)"
    .replace(/[\s\-./]+/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
}

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

// ---- File type ----

export type FileKind = 'csv' | 'xlsx';

interface ZipInfo {
  names: string[];
  uncompressed: number;
}

/** Reads a ZIP's central directory (names and declared sizes), or null when it is not a plain ZIP. */
export function zipInfo(buf: Buffer): ZipInfo | null {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) return null; // ZIP64: not for files this small
  const names: string[] = [];
  let uncompressed = 0;
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    uncompressed += buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { names, uncompressed };
}

export type FileCheck = { ok: true; kind: FileKind } | { ok: false; code: string };

/** Decides from the content (browsers' file names and types are not trusted) what an upload is. */
export function checkFile(buf: Buffer): FileCheck {
  if (buf.length === 0) return { ok: false, code: 'wilayah.impor.err.empty' };
  if (buf.length > MAX_FILE_BYTES) return { ok: false, code: 'wilayah.impor.err.tooLarge' };
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const zip = zipInfo(buf);
    if (!zip || !zip.names.includes('xl/workbook.xml')) return { ok: false, code: 'wilayah.impor.err.type' };
    if (zip.uncompressed > MAX_XLSX_UNCOMPRESSED) return { ok: false, code: 'wilayah.impor.err.tooComplex' };
    return { ok: true, kind: 'xlsx' };
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    return { ok: false, code: 'wilayah.impor.err.xls' };
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, code: 'wilayah.impor.err.type' };
  const start = head.toString('latin1', 0, 5);
  if (start === '%PDF-' || /^\s*</.test(head.toString('latin1', 0, 64)))
    return { ok: false, code: 'wilayah.impor.err.type' };
  return { ok: true, kind: 'csv' };
}

// ---- Reading ----

export interface SheetRow {
  /** Row number as the spreadsheet program shows it (the header is row 1). */
  row: number;
  cells: string[];
}

export type Sheet =
  | { ok: true; header: string[]; rows: SheetRow[] }
  | { ok: false; code: string; params?: Record<string, number> };

function decodeText(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  // Files saved by older spreadsheet programs are often Windows-1252, not UTF-8.
  return utf8.includes('\uFFFD') ? buf.toString('latin1') : utf8;
}

function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

/** Records read from a CSV at most (data rows plus some blank lines). */
const CSV_RECORD_LIMIT = MAX_ROWS + 1_000;

function readCsv(buf: Buffer): Sheet {
  const text = decodeText(buf).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: CSV_RECORD_LIMIT,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, code: 'wilayah.impor.err.csv', params: { row: typeof line === 'number' ? line : 1 } };
  }
  if (records.length >= CSV_RECORD_LIMIT) {
    return { ok: false, code: 'wilayah.impor.err.tooManyRows', params: { max: MAX_ROWS } };
  }
  return toSheet(records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })));
}

type ExcelValue = ExcelJS.CellValue;

export function cellText(v: ExcelValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v)
    return v.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelValue }).result ?? null);
  if ('text' in v) return String(v.text).trim();
  return '';
}

async function readXlsx(buf: Buffer): Promise<Sheet> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, code: 'wilayah.impor.err.unreadable' };
  }
  const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === 'data') ?? wb.worksheets[0];
  if (!ws) return { ok: false, code: 'wilayah.impor.err.noData' };
  if (ws.actualRowCount > MAX_ROWS + 1)
    return { ok: false, code: 'wilayah.impor.err.tooManyRows', params: { max: MAX_ROWS } };
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return toSheet(rows);
}

function toSheet(all: SheetRow[]): Sheet {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) return { ok: false, code: 'wilayah.impor.err.noData' };
  if (rows.length > MAX_ROWS)
    return { ok: false, code: 'wilayah.impor.err.tooManyRows', params: { max: MAX_ROWS } };
  return { ok: true, header: header.cells, rows };
}

export function readSheet(buf: Buffer, kind: FileKind): Promise<Sheet> {
  return kind === 'xlsx' ? readXlsx(buf) : Promise.resolve(readCsv(buf));
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

/** "1.234" (Indonesian thousands), "1234" -> 1234; anything else -> NaN. */
export function parseCount(s: string): number {
  const t = s.trim().replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replaceAll('.', ''));
  if (/^\d+$/.test(t)) return Number(t);
  return Number.NaN;
}

/** Separators out; a lost leading zero (spreadsheets store 0812... as a number) back. */
export function normalisePhone(s: string): string {
  let t = s.replace(/[\s\-.()]/g, '');
  if (/^8\d{7,13}$/.test(t)) t = `0${t}`;
  return t;
}

export async function checkSheet(
  sheet: { header: string[]; rows: SheetRow[] },
  ctx: CheckContext,
): Promise<{ records: ImportRecord[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const index: Partial<Record<Column, number>> = {};
  sheet.header.forEach((h, i) => {
    if (h === '') return;
    const c = columnFor(h);
    if (!c) return; // other columns (notes, names of kelurahan) are ignored
    if (index[c] !== undefined) {
      problems.push({ row: 1, column: c, code: 'wilayah.impor.err.headerTwice', params: { header: h } });
    } else {
      index[c] = i;
    }
  });
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
    if (tel && !PHONE_RE.test(tel)) bad('ketua_telepon', 'wilayah.impor.err.phone', { value: telIn });

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
  const wb = new (await excel()).Workbook();
  wb.creator = 'Balai';
  const data = wb.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = TEMPLATE_HEADER.map((h) => ({
    header: h,
    key: h,
    width: h === 'ketua_nama' ? 30 : h === 'kode_kelurahan' || h === 'ketua_telepon' ? 18 : 10,
  }));
  data.getRow(1).font = { bold: true };
  // Codes and phone numbers are text: a number format would drop dots and leading zeros.
  data.getColumn('kode_kelurahan').numFmt = '@';
  data.getColumn('ketua_telepon').numFmt = '@';

  const help = wb.addWorksheet('Petunjuk');
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 90;
  help.addRow([instructions.title]).font = { bold: true, size: 14 };
  for (const l of instructions.lines) help.addRow([l]);
  help.addRow([]);
  for (const [c, d] of instructions.columns) help.addRow([c, d]);

  const list = wb.addWorksheet(instructions.kelurahanSheet);
  list.columns = [
    { header: instructions.headers[0], key: 'kode', width: 16 },
    { header: instructions.headers[1], key: 'nama', width: 30 },
    { header: instructions.headers[2], key: 'kecamatan', width: 30 },
  ];
  list.getRow(1).font = { bold: true };
  for (const k of kelurahan) list.addRow(k);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
