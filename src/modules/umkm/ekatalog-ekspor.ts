/**
 * The officer's e-Katalog submission file: one row per product with the columns LKPP asks for,
 * as CSV (UTF-8 with BOM; ";" and decimal "," in Indonesian, "," and "." in English) and XLSX
 * (exceljs, loaded on the first export). Numbers such as NIB, NPWP and SKU stay text, so leading
 * zeros survive. No NIK; the phone is masked by the service.
 */
import type { Locale, Translator } from '../../platform/i18n/index.ts';
import type { BarisEkspor } from './ekatalog-service.ts';

interface Kolom {
  /** Message key of the header. */
  label: string;
  jenis: 'teks' | 'rupiah' | 'persen';
  nilai: (b: BarisEkspor, t: Translator) => string | number | null;
}

function berlaku(nomor: string | null, sampai: string | null, t: Translator): string | null {
  if (!nomor) return null;
  return sampai ?? t('umkm.ekatalog.tanpaBatas');
}

export const KOLOM_EKSPOR: readonly Kolom[] = [
  { label: 'umkm.ekatalog.kol.namaProduk', jenis: 'teks', nilai: (b) => b.namaProduk },
  { label: 'umkm.ekatalog.kol.merek', jenis: 'teks', nilai: (b) => b.merek },
  { label: 'umkm.ekatalog.kol.sku', jenis: 'teks', nilai: (b) => b.sku },
  {
    label: 'umkm.ekatalog.kol.asal',
    jenis: 'teks',
    nilai: (b, t) => (b.asal ? t(`umkm.ekatalog.asal.${b.asal}`) : null),
  },
  { label: 'umkm.ekatalog.kol.satuan', jenis: 'teks', nilai: (b) => b.satuan },
  { label: 'umkm.ekatalog.kol.harga', jenis: 'rupiah', nilai: (b) => b.harga },
  { label: 'umkm.ekatalog.kol.tkdn', jenis: 'persen', nilai: (b) => b.tkdn },
  { label: 'umkm.ekatalog.kol.kbliVersi', jenis: 'teks', nilai: (b) => b.kbliVersi },
  { label: 'umkm.ekatalog.kol.kbliKode', jenis: 'teks', nilai: (b) => b.kbliKode },
  { label: 'umkm.ekatalog.kol.kbliJudul', jenis: 'teks', nilai: (b) => b.kbliJudul },
  {
    label: 'umkm.ekatalog.kol.kategori',
    jenis: 'teks',
    nilai: (b, t) => t(`umkm.ekatalog.kategori.${b.kategori}`),
  },
  { label: 'umkm.ekatalog.kol.namaUsaha', jenis: 'teks', nilai: (b) => b.namaUsaha },
  { label: 'umkm.ekatalog.kol.nib', jenis: 'teks', nilai: (b) => b.nib },
  { label: 'umkm.ekatalog.kol.npwp', jenis: 'teks', nilai: (b) => b.npwp },
  { label: 'umkm.ekatalog.kol.telepon', jenis: 'teks', nilai: (b) => b.telepon },
  { label: 'umkm.ekatalog.kol.halalNomor', jenis: 'teks', nilai: (b) => b.halalNomor },
  {
    label: 'umkm.ekatalog.kol.halalBerlaku',
    jenis: 'teks',
    nilai: (b, t) => berlaku(b.halalNomor, b.halalBerlaku, t),
  },
  { label: 'umkm.ekatalog.kol.sniNomor', jenis: 'teks', nilai: (b) => b.sniNomor },
  {
    label: 'umkm.ekatalog.kol.sniBerlaku',
    jenis: 'teks',
    nilai: (b, t) => berlaku(b.sniNomor, b.sniBerlaku, t),
  },
  {
    label: 'umkm.ekatalog.kol.status',
    jenis: 'teks',
    nilai: (b, t) => t(`umkm.ekatalog.status.${b.ekatalog}`),
  },
  {
    label: 'umkm.ekatalog.kol.lengkap',
    jenis: 'teks',
    nilai: (b, t) => t(b.lengkap ? 'umkm.ekatalog.ya' : 'umkm.ekatalog.tidak'),
  },
];

/** A text cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvTeks(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function ekatalogCsv(rows: readonly BarisEkspor[], t: Translator, locale: Locale): string {
  const sep = locale === 'id' ? ';' : ',';
  const lines = [KOLOM_EKSPOR.map((k) => csvTeks(t(k.label), sep)).join(sep)];
  for (const b of rows) {
    lines.push(
      KOLOM_EKSPOR.map((k) => {
        const v = k.nilai(b, t);
        if (v === null) return '';
        if (typeof v === 'number') {
          const s = k.jenis === 'persen' ? v.toFixed(2) : String(v);
          return locale === 'id' ? s.replace('.', ',') : s;
        }
        return csvTeks(v, sep);
      }).join(sep),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function ekatalogXlsx(
  rows: readonly BarisEkspor[],
  t: Translator,
  judul: string,
): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const ws = wb.addWorksheet('e-Katalog', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([judul]).font = { bold: true, size: 13 };
  ws.addRow([]);
  const head = ws.addRow(KOLOM_EKSPOR.map((k) => t(k.label)));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const b of rows) ws.addRow(KOLOM_EKSPOR.map((k) => k.nilai(b, t)));
  KOLOM_EKSPOR.forEach((k, i) => {
    const col = ws.getColumn(i + 1);
    col.width = k.jenis === 'teks' ? 20 : 14;
    if (k.jenis === 'rupiah') col.numFmt = '#,##0';
    if (k.jenis === 'persen') col.numFmt = '0.00';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
