/**
 * The SIPSN table of a year as files: CSV (UTF-8 with BOM; ";" and decimal "," in Indonesian,
 * "," and "." in English, as a spreadsheet in that language expects) and XLSX (exceljs, loaded on
 * the first export). The first data row is the city; the kecamatan follow as a breakdown, then,
 * when they do not add up to the city, the row of what no kecamatan holds (without a code), so
 * every ton column of the city is the sum of the rows below it; the XLSX explains that row.
 */
import { formatDate, type Locale, type Translator } from '../../platform/i18n/index.ts';
import type { Sipsn } from './tonase-hitung.ts';
import type { SipsnTahun } from './tonase-service.ts';

export interface KolomSipsn {
  key: keyof Sipsn;
  /** Message key of the header. */
  label: string;
  jenis: 'ton' | 'persen';
}

export const KOLOM_SIPSN: readonly KolomSipsn[] = [
  { key: 'timbulan', label: 'sampah.tonase.kol.timbulan', jenis: 'ton' },
  { key: 'pengurangan', label: 'sampah.tonase.kol.pengurangan', jenis: 'ton' },
  { key: 'persenPengurangan', label: 'sampah.tonase.kol.persenPengurangan', jenis: 'persen' },
  { key: 'penanganan', label: 'sampah.tonase.kol.penanganan', jenis: 'ton' },
  { key: 'persenPenanganan', label: 'sampah.tonase.kol.persenPenanganan', jenis: 'persen' },
  { key: 'terkelola', label: 'sampah.tonase.kol.terkelola', jenis: 'ton' },
  { key: 'persenTerkelola', label: 'sampah.tonase.kol.persenTerkelola', jenis: 'persen' },
  { key: 'daurUlang', label: 'sampah.tonase.kol.daurUlang', jenis: 'ton' },
  { key: 'bahanBaku', label: 'sampah.tonase.kol.bahanBaku', jenis: 'ton' },
  { key: 'recyclingRate', label: 'sampah.tonase.kol.recyclingRate', jenis: 'persen' },
];

interface Baris {
  kode: string;
  nama: string;
  sipsn: Sipsn;
}

function barisSipsn(s: SipsnTahun, t: Translator): Baris[] {
  const sisa = s.tidakTeratribusi;
  return [
    { kode: s.kota.kode, nama: s.kota.nama, sipsn: s.sipsn },
    ...s.kecamatan,
    ...(sisa ? [{ kode: '', nama: t('sampah.tonase.sisa.nama'), sipsn: sisa.sipsn }] : []),
  ];
}

/** The explanation of the unattributed row (what it is, and each of its causes), or null without it. */
export function penjelasanSisa(s: SipsnTahun, t: Translator): { intro: string; sebab: string[] } | null {
  const sisa = s.tidakTeratribusi;
  if (!sisa) return null;
  return {
    intro: t('sampah.tonase.sisa.penjelasan'),
    sebab: sisa.sebab.map((k) => t(`sampah.tonase.sisa.sebab.${k}`)),
  };
}

/** A text cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvTeks(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function sipsnCsv(s: SipsnTahun, t: Translator, locale: Locale): string {
  const sep = locale === 'id' ? ';' : ',';
  const angka = (v: number | null, k: KolomSipsn) => {
    if (v === null) return '';
    const str = k.jenis === 'ton' ? v.toFixed(3) : v.toFixed(2);
    return locale === 'id' ? str.replace('.', ',') : str;
  };
  const head = [
    t('sampah.tonase.kol.kode'),
    t('sampah.tonase.kol.wilayah'),
    ...KOLOM_SIPSN.map((k) => t(k.label)),
  ];
  const lines = [head.map((h) => csvTeks(h, sep)).join(sep)];
  for (const b of barisSipsn(s, t)) {
    lines.push(
      [csvTeks(b.kode, sep), csvTeks(b.nama, sep), ...KOLOM_SIPSN.map((k) => angka(b.sipsn[k.key], k))].join(
        sep,
      ),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function sipsnXlsx(s: SipsnTahun, t: Translator): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const ws = wb.addWorksheet('SIPSN', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.addRow([t('sampah.tonase.sipsn.judulFile', { kota: s.kota.nama, tahun: String(s.tahun) })]).font = {
    bold: true,
    size: 13,
  };
  ws.addRow([
    s.berjalan
      ? t('sampah.tonase.sipsn.sampaiTanggal', { tanggal: formatDate(s.sampai) })
      : t('sampah.tonase.sipsn.setahun', { tahun: String(s.tahun) }),
  ]);
  ws.addRow([]);
  const head = ws.addRow([
    t('sampah.tonase.kol.kode'),
    t('sampah.tonase.kol.wilayah'),
    ...KOLOM_SIPSN.map((k) => t(k.label)),
  ]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  barisSipsn(s, t).forEach((b, i) => {
    const row = ws.addRow([b.kode, b.nama, ...KOLOM_SIPSN.map((k) => b.sipsn[k.key])]);
    if (i === 0) row.font = { bold: true };
  });
  const catatan = penjelasanSisa(s, t);
  if (catatan) {
    ws.addRow([]);
    ws.addRow([`${t('sampah.tonase.sisa.nama')}: ${catatan.intro}`]);
    for (const line of catatan.sebab) ws.addRow([`• ${line}`]);
  }
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 28;
  KOLOM_SIPSN.forEach((k, i) => {
    const col = ws.getColumn(i + 3);
    col.width = 16;
    col.numFmt = k.jenis === 'ton' ? '#,##0.000' : '0.00';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
