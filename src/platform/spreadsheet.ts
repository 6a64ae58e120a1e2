/**
 * Spreadsheet uploads shared by the modules' imports: recognising an upload by its content (CSV,
 * XLSX, or something else), reading it into rows of text cells, matching header spellings to
 * columns, a few cell parsers, and a downloadable XLSX template. Pure functions: no database.
 *
 * Problems are message keys under a prefix the module chooses (`<prefix>.empty`, `.tooLarge`,
 * `.type`, `.tooComplex`, `.xls`, `.csv`, `.tooManyRows`, `.unreadable`, `.noData`), so each
 * module explains them in its own words.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { normaliseTelepon } from './telepon.ts';

/** exceljs is large (tens of MB in memory): loaded on the first spreadsheet, not at start-up. */
export async function excel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export interface SpreadsheetLimits {
  /** Message key prefix of the problems, e.g. "wilayah.impor.err". */
  prefix: string;
  maxFileBytes: number;
  /** Data rows in one file. */
  maxRows: number;
  /** Uncompressed size of an XLSX (a ZIP): protects the server from zip bombs. */
  maxXlsxUncompressed: number;
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
export function checkSpreadsheet(buf: Buffer, limits: SpreadsheetLimits): FileCheck {
  const err = (code: string): FileCheck => ({ ok: false, code: `${limits.prefix}.${code}` });
  if (buf.length === 0) return err('empty');
  if (buf.length > limits.maxFileBytes) return err('tooLarge');
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) {
    const zip = zipInfo(buf);
    if (!zip || !zip.names.includes('xl/workbook.xml')) return err('type');
    if (zip.uncompressed > limits.maxXlsxUncompressed) return err('tooComplex');
    return { ok: true, kind: 'xlsx' };
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1) {
    return err('xls');
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return err('type');
  const start = head.toString('latin1', 0, 5);
  if (start === '%PDF-' || /^\s*</.test(head.toString('latin1', 0, 64))) return err('type');
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

function readCsv(buf: Buffer, limits: SpreadsheetLimits): Sheet {
  /** Records read from a CSV at most (data rows plus some blank lines). */
  const recordLimit = limits.maxRows + 1_000;
  const text = decodeText(buf).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      to: recordLimit,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { ok: false, code: `${limits.prefix}.csv`, params: { row: typeof line === 'number' ? line : 1 } };
  }
  if (records.length >= recordLimit) {
    return { ok: false, code: `${limits.prefix}.tooManyRows`, params: { max: limits.maxRows } };
  }
  return toSheet(
    records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })),
    limits,
  );
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

async function readXlsx(buf: Buffer, limits: SpreadsheetLimits): Promise<Sheet> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    return { ok: false, code: `${limits.prefix}.unreadable` };
  }
  const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === 'data') ?? wb.worksheets[0];
  if (!ws) return { ok: false, code: `${limits.prefix}.noData` };
  if (ws.actualRowCount > limits.maxRows + 1)
    return { ok: false, code: `${limits.prefix}.tooManyRows`, params: { max: limits.maxRows } };
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return toSheet(rows, limits);
}

function toSheet(all: SheetRow[], limits: SpreadsheetLimits): Sheet {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) return { ok: false, code: `${limits.prefix}.noData` };
  if (rows.length > limits.maxRows)
    return { ok: false, code: `${limits.prefix}.tooManyRows`, params: { max: limits.maxRows } };
  return { ok: true, header: header.cells, rows };
}

/**
 * The rows of the sheet named "Data" (else the first sheet) of an XLSX, or of a CSV (UTF-8 or
 * Windows-1252, separated by ";", "," or tab): the first non-empty row is the header, empty
 * rows are skipped but keep the numbering.
 */
export function readSpreadsheet(buf: Buffer, kind: FileKind, limits: SpreadsheetLimits): Promise<Sheet> {
  return kind === 'xlsx' ? readXlsx(buf, limits) : Promise.resolve(readCsv(buf, limits));
}

// ---- Headers ----

/** A header as written, for matching: lower case, "(notes)" dropped, separators to "_". */
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

/** header spelling (normalised) -> column, from each column's accepted spellings. */
export function aliasIndex<C extends string>(aliases: Record<C, readonly string[]>): Map<string, C> {
  const index = new Map<string, C>();
  for (const c of Object.keys(aliases) as C[]) for (const a of aliases[c]) index.set(a, c);
  return index;
}

/**
 * Where each known column is in a header row. Unknown headers (notes, extra columns) are
 * ignored; a column whose header appears twice keeps the first and is listed in `twice`.
 */
export function headerColumns<C extends string>(
  header: readonly string[],
  columnFor: (header: string) => C | undefined,
): { index: Partial<Record<C, number>>; twice: { column: C; header: string }[] } {
  const index: Partial<Record<C, number>> = {};
  const twice: { column: C; header: string }[] = [];
  header.forEach((h, i) => {
    if (h === '') return;
    const c = columnFor(h);
    if (!c) return;
    if (index[c] !== undefined) twice.push({ column: c, header: h });
    else index[c] = i;
  });
  return { index, twice };
}

// ---- Cells ----

/** "1.234" (Indonesian thousands), "1234" -> 1234; anything else -> NaN. */
export function parseCount(s: string): number {
  const t = s.trim().replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) return Number(t.replaceAll('.', ''));
  if (/^\d+$/.test(t)) return Number(t);
  return Number.NaN;
}

/** A phone number from a cell in its stored form (platform/telepon.ts), a lost leading zero back. */
export function normalisePhone(s: string): string {
  return normaliseTelepon(s) ?? '';
}

// ---- Templates ----

export interface TemplateColumn {
  header: string;
  width: number;
  /** Stored as text (codes, phone numbers): a number format would drop dots and leading zeros. */
  text?: boolean;
}

/**
 * An XLSX template: a "Data" sheet with the header row (frozen), a "Petunjuk" sheet with a title,
 * lines and one row per column, and optional reference lists (e.g. the city's kelurahan).
 */
export async function templateWorkbook(o: {
  columns: readonly TemplateColumn[];
  instructions: { title: string; lines: string[]; columns: [string, string][] };
  lists?: { name: string; columns: { header: string; key: string; width: number }[]; rows: object[] }[];
}): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Balai';
  const data = wb.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = o.columns.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  data.getRow(1).font = { bold: true };
  for (const c of o.columns) if (c.text) data.getColumn(c.header).numFmt = '@';

  const help = wb.addWorksheet('Petunjuk');
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 90;
  help.addRow([o.instructions.title]).font = { bold: true, size: 14 };
  for (const l of o.instructions.lines) help.addRow([l]);
  help.addRow([]);
  for (const [c, d] of o.instructions.columns) help.addRow([c, d]);

  for (const l of o.lists ?? []) {
    const list = wb.addWorksheet(l.name);
    list.columns = l.columns;
    list.getRow(1).font = { bold: true };
    for (const r of l.rows) list.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
