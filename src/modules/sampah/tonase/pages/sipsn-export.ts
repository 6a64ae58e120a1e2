/**
 * The SIPSN table of a year as files, downloaded from the waste dashboard
 * (/sampah/tonase/sipsn.xlsx and .csv): CSV (UTF-8 with BOM; ";" and decimal "," in Indonesian,
 * "," and "." in English, as a spreadsheet in that language expects) and XLSX. The first data row
 * is the city; the kecamatan follow as a breakdown, then, when they do not add up to the city, the
 * row of what no kecamatan holds (without a code), so every ton column of the city is the sum of
 * the rows below it; the XLSX explains that row.
 */
import type { FastifyRequest } from 'fastify';
import { CityParams } from '../../../../platform/http/schemas.ts';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../../platform/http/context.ts';
import { formatDate, type Locale, type Translator } from '../../../../platform/i18n/index.ts';
import { excel } from '../../../../platform/spreadsheet.ts';
import { thisYearWib } from '../../../../platform/waktu.ts';
import { TONASE_LIHAT } from '../permissions-tonase.ts';
import { SipsnQuery } from '../tonase-schemas.ts';
import type { Sipsn } from '../tonase-compute.ts';
import { getSipsnTahun, type SipsnTahun, type SumberOperasi } from '../tonase-service.ts';
import { KOLOM_SIPSN, penjelasanSisa, type KolomSipsn } from './tonase-parts.ts';

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

/** A text cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function sipsnCsv(s: SipsnTahun, t: Translator, locale: Locale): string {
  const sep = locale === 'id' ? ';' : ',';
  const formatCell = (v: number | null, k: KolomSipsn) => {
    if (v === null) return '';
    const str = k.jenis === 'ton' ? v.toFixed(3) : v.toFixed(2);
    return locale === 'id' ? str.replace('.', ',') : str;
  };
  const head = [
    t('sampah.tonase.kol.kode'),
    t('sampah.tonase.kol.wilayah'),
    ...KOLOM_SIPSN.map((k) => t(k.label)),
  ];
  const lines = [head.map((h) => csvCell(h, sep)).join(sep)];
  for (const b of barisSipsn(s, t)) {
    lines.push(
      [
        csvCell(b.kode, sep),
        csvCell(b.nama, sep),
        ...KOLOM_SIPSN.map((k) => formatCell(b.sipsn[k.key], k)),
      ].join(sep),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function sipsnXlsx(s: SipsnTahun, t: Translator): Promise<Buffer> {
  const ExcelJS = await excel();
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

/** The SIPSN downloads of the dashboard (the year of ?tahun=, default this year). */
export function sipsnExport(app: BalaiApp, sumber: SumberOperasi): void {
  const lihat = { access: { permission: TONASE_LIHAT } } as const;
  const sipsnOf = (req: FastifyRequest, tahun: number) =>
    cityTx(req, (trx) => getSipsnTahun(trx, cityOf(req), userOf(req), tahun, sumber));
  function download(
    ext: 'xlsx' | 'csv',
    type: string,
    file: (req: FastifyRequest, tahun: number) => Promise<Buffer | string>,
  ) {
    app.get(
      `/:city/sampah/tonase/sipsn.${ext}`,
      { schema: { params: CityParams, querystring: SipsnQuery }, config: lihat },
      async (req, reply) => {
        const tahun = req.query.tahun ?? thisYearWib();
        const body = await file(req, tahun);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="sipsn-${cityOf(req).slug}-${tahun}.${ext}"`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  }
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', async (req, tahun) =>
    sipsnXlsx(await sipsnOf(req, tahun), req.t),
  );
  download('csv', 'text/csv; charset=utf-8', async (req, tahun) =>
    sipsnCsv(await sipsnOf(req, tahun), req.t, req.locale),
  );
}
