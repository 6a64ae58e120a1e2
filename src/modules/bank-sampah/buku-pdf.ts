/**
 * A member's passbook as a PDF (A4, the built-in Helvetica fonts, so nothing is downloaded or
 * embedded): city, bank and member on every page, a table of entries with the running balance
 * in id-ID formats, the table header repeated after each page break, and a footer with the
 * page number and when it was printed.
 */
import PDFDocument from 'pdfkit';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatRupiah,
  type Translator,
} from '../../platform/i18n/index.ts';
import type { BukuView } from './ledger-read.ts';
import type { JenisJurnal } from './tables.ts';

/** A passbook line's kind: the entry's, or for a reversal "reversal of" the original's kind. */
export function jenisBuku(t: Translator, j: JenisJurnal, asal: JenisJurnal | null): string {
  return j === 'pembatalan'
    ? t('bankSampah.op.buku.pembatalan', { jenis: t(`bankSampah.op.jenis.${asal ?? 'setoran'}`) })
    : t(`bankSampah.op.jenis.${j}`);
}

/**
 * A passbook line's description in id-ID: the ledger writes quantities as "2.5 kg" and units as
 * codes; shown as "2,5 kg" and the unit's name.
 */
export function keteranganId(t: Translator, s: string): string {
  return s.replace(
    /(\d+)(?:\.(\d{1,3}))? (kg|liter|pcs)\b/g,
    (_m, whole: string, frac: string | undefined, unit: string) =>
      `${formatNumber(Number(`${whole}.${frac ?? '0'}`))} ${t(`bankSampah.op.satuan.${unit}`)}`,
  );
}

export interface BukuPdfInput {
  t: Translator;
  kota: string;
  bank: { nama: string; kode: string };
  buku: BukuView;
  dari?: string | undefined;
  sampai?: string | undefined;
  dicetak: Date;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 40, right: 40, top: 40, bottom: 56 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 8.5;
const PAD = 3;

/** Characters Helvetica (WinAnsi) has beyond Latin-1. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the built-in fonts can draw: other characters become "?", no-break spaces plain ones (line breaks stay). */
export function winAnsi(s: string): string {
  let out = '';
  for (const ch of s.replace(/[\u00a0\u202f]/g, ' ')) {
    const c = ch.codePointAt(0) ?? 63;
    out +=
      c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  }
  return out;
}

const dateShort = new Intl.DateTimeFormat('id-ID', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Jakarta',
});
const timeShort = new Intl.DateTimeFormat('id-ID', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
});

/** A moment as a short WIB date (28/11/2026) and time (13.51). */
export function waktuPendek(d: Date): { tanggal: string; jam: string } {
  return { tanggal: dateShort.format(d), jam: timeShort.format(d) };
}

interface Column {
  key: 'tanggal' | 'nomor' | 'keterangan' | 'masuk' | 'keluar' | 'saldo';
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { key: 'tanggal', width: 62, align: 'left' },
  { key: 'nomor', width: 42, align: 'left' },
  { key: 'keterangan', width: 0, align: 'left' },
  { key: 'masuk', width: 72, align: 'right' },
  { key: 'keluar', width: 72, align: 'right' },
  { key: 'saldo', width: 78, align: 'right' },
];
COLUMNS[2]!.width = WIDTH - COLUMNS.reduce((s, c) => s + c.width, 0);

type Row = Record<Column['key'], string>;

export function bukuPdf(o: BukuPdfInput): Promise<Buffer> {
  const { t, buku } = o;
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: winAnsi(`${t('bankSampah.op.buku.title')} ${buku.nasabah.nomor}`),
      Subject: winAnsi(`${buku.nasabah.nama} (${buku.nasabah.nomor}) · ${o.bank.nama}`),
      Author: winAnsi(o.kota),
      Creator: 'Balai',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const periode = periodeLabel(t, o);
  const heads: Row = {
    tanggal: t('bankSampah.op.buku.tanggal'),
    nomor: t('bankSampah.op.jurnal.nomor'),
    keterangan: t('bankSampah.op.buku.keterangan'),
    masuk: t('bankSampah.op.buku.masuk'),
    keluar: t('bankSampah.op.buku.keluar'),
    saldo: t('bankSampah.op.saldo'),
  };

  // The balance at the end of the period shown (the current balance when the period runs to today).
  const saldoAkhir = buku.items.at(-1)?.saldo ?? buku.saldoAwal;
  let y = MARGIN.top;

  function cellHeights(row: Row, font: string): number {
    doc.font(font).fontSize(SIZE);
    return Math.max(
      ...COLUMNS.map((c) => doc.heightOfString(winAnsi(row[c.key]), { width: c.width - 2 * PAD })),
    );
  }

  function drawRow(row: Row, o2: { font?: string; fill?: string } = {}): void {
    const font = o2.font ?? FONT;
    const h = cellHeights(row, font) + 2 * PAD;
    if (o2.fill) doc.rect(MARGIN.left, y, WIDTH, h).fill(o2.fill);
    doc.fillColor('#000').font(font).fontSize(SIZE);
    let x = MARGIN.left;
    for (const c of COLUMNS) {
      doc.text(winAnsi(row[c.key]), x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align });
      x += c.width;
    }
    y += h;
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + WIDTH, y)
      .lineWidth(0.5)
      .strokeColor('#bbbbbb')
      .stroke();
  }

  function header(): void {
    y = MARGIN.top;
    doc.fillColor('#555555').font(FONT).fontSize(9).text(winAnsi(o.kota), MARGIN.left, y, { width: WIDTH });
    y = doc.y + 2;
    doc
      .fillColor('#000')
      .font(BOLD)
      .fontSize(14)
      .text(winAnsi(t('bankSampah.op.buku.title')), MARGIN.left, y, {
        width: WIDTH,
      });
    y = doc.y + 2;
    doc
      .font(BOLD)
      .fontSize(10)
      .text(winAnsi(`${o.bank.nama} (${o.bank.kode})`), MARGIN.left, y, { width: WIDTH });
    y = doc.y + 2;
    doc
      .font(FONT)
      .fontSize(10)
      .text(
        winAnsi(
          `${t('bankSampah.op.struk.nasabah')}: ${buku.nasabah.nama} · ${t('bankSampah.op.nasabah.nomor')}: ${buku.nasabah.nomor}`,
        ),
        MARGIN.left,
        y,
        { width: WIDTH },
      );
    y = doc.y + 1;
    doc
      .fontSize(9)
      .fillColor('#333333')
      .text(
        winAnsi(`${periode} · ${t('bankSampah.op.pdf.saldoAkhir')}: ${formatRupiah(saldoAkhir)}`),
        MARGIN.left,
        y,
        {
          width: WIDTH,
        },
      );
    y = doc.y + 8;
    drawRow(heads, { font: BOLD, fill: '#e6e6e6' });
  }

  function ensure(row: Row, font = FONT): void {
    const h = cellHeights(row, font) + 2 * PAD;
    if (y + h > PAGE.height - MARGIN.bottom) {
      doc.addPage();
      header();
    }
  }

  const rp = (n: number) => formatRupiah(n);
  header();
  const awal: Row = {
    tanggal: '',
    nomor: '',
    keterangan: t('bankSampah.op.buku.saldoAwal'),
    masuk: '',
    keluar: '',
    saldo: rp(buku.saldoAwal),
  };
  drawRow(awal, { font: BOLD });
  for (const b of buku.items) {
    const row = itemRow(t, b);
    ensure(row);
    drawRow(row);
  }
  const akhir: Row = {
    tanggal: '',
    nomor: '',
    keterangan: t('bankSampah.op.pdf.saldoAkhir'),
    masuk: rp(buku.items.reduce((s, b) => s + b.masuk, 0)),
    keluar: rp(buku.items.reduce((s, b) => s + b.keluar, 0)),
    saldo: rp(saldoAkhir),
  };
  ensure(akhir, BOLD);
  drawRow(akhir, { font: BOLD, fill: '#f2f2f2' });
  if (!buku.items.length) {
    y += 8;
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('#333333')
      .text(winAnsi(t('bankSampah.op.buku.kosong')), MARGIN.left, y, {
        width: WIDTH,
      });
  }

  drawFooters(doc, t, o.dicetak);
  doc.end();
  return done;
}

/** The period a passbook PDF covers, as its heading says it. */
function periodeLabel(t: Translator, o: { dari?: string | undefined; sampai?: string | undefined }): string {
  return o.dari || o.sampai
    ? t('bankSampah.op.pdf.periode', {
        dari: o.dari ? formatDate(`${o.dari}T00:00:00+07:00`) : '…',
        sampai: o.sampai ? formatDate(`${o.sampai}T00:00:00+07:00`) : '…',
      })
    : t('bankSampah.op.pdf.semuaPeriode');
}

/** One passbook entry as a table row. */
function itemRow(t: Translator, b: BukuView['items'][number]): Row {
  return {
    tanggal: `${waktuPendek(b.waktu).tanggal}\n${waktuPendek(b.waktu).jam}`,
    nomor: String(b.nomor),
    keterangan: b.keterangan
      ? `${jenisBuku(t, b.jenis, b.jenisAsal)}: ${keteranganId(t, b.keterangan)}`
      : jenisBuku(t, b.jenis, b.jenisAsal),
    masuk: b.masuk ? formatRupiah(b.masuk) : '',
    keluar: b.keluar ? formatRupiah(b.keluar) : '',
    saldo: formatRupiah(b.saldo),
  };
}

/** The footer of every page: when it was printed, page n of m (below the bottom margin, so no page is added). */
function drawFooters(doc: PDFKit.PDFDocument, t: Translator, dicetak: Date): void {
  const range = doc.bufferedPageRange();
  const printed = winAnsi(
    t('bankSampah.op.pdf.dicetak', {
      waktu: t('bankSampah.op.waktuWib', { waktu: formatDateTime(dicetak) }),
    }),
  );
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const fy = PAGE.height - MARGIN.bottom + 18;
    doc.font(FONT).fontSize(8).fillColor('#555555');
    doc.text(printed, MARGIN.left, fy, { width: WIDTH / 2, lineBreak: false });
    doc.text(
      winAnsi(t('bankSampah.op.pdf.halaman', { page: i + 1, pages: range.count })),
      MARGIN.left + WIDTH / 2,
      fy,
      { width: WIDTH / 2, align: 'right', lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
}
