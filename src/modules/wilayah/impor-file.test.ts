/** The spreadsheet side of the import, without a database. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import {
  checkFile,
  checkSheet,
  columnFor,
  normaliseKelurahanKode,
  normalisePhone,
  parseCount,
  parseNomor,
  readSheet,
  type CheckContext,
} from './impor.ts';

const ctx = (over: Partial<CheckContext> = {}): CheckContext => ({
  cityName: 'Kota Bandung',
  kelurahan: new Map([
    ['32.73.01.1001', 'Sukarasa'],
    ['32.73.01.1002', 'Gegerkalong'],
  ]),
  allowed: () => true,
  ...over,
});

describe('import file: recognising and reading', () => {
  it('tells CSV, XLSX and everything else apart by content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Data').addRow(['kode_kelurahan', 'rw']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    assert.deepEqual(checkFile(xlsx), { ok: true, kind: 'xlsx' });
    assert.deepEqual(checkFile(Buffer.from('kode_kelurahan,rw\n')), { ok: true, kind: 'csv' });
    assert.deepEqual(checkFile(Buffer.alloc(0)), { ok: false, code: 'wilayah.impor.err.empty' });
    assert.deepEqual(checkFile(Buffer.from('<html><body>')), { ok: false, code: 'wilayah.impor.err.type' });
    assert.deepEqual(checkFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])), {
      ok: false,
      code: 'wilayah.impor.err.type',
    });
  });

  it('maps Indonesian header variants to columns, case-insensitively', () => {
    const cases: [string, string | undefined][] = [
      ['Kode Kelurahan', 'kode_kelurahan'],
      ['KODE_KEL', 'kode_kelurahan'],
      ['kode desa/kelurahan', 'kode_kelurahan'],
      ['No. RW', 'rw'],
      ['Nomor RT', 'rt'],
      ['RT (opsional)', 'rt'],
      ['Nama Ketua', 'ketua_nama'],
      ['No HP', 'ketua_telepon'],
      ['No. Telp', 'ketua_telepon'],
      ['WhatsApp', 'ketua_telepon'],
      ['Jumlah KK', 'jumlah_kk'],
      ['Jml KK', 'jumlah_kk'],
      ['Catatan', undefined],
    ];
    for (const [h, c] of cases) assert.equal(columnFor(h), c, h);
  });

  it('normalises codes, numbers and phone numbers as people type them', () => {
    assert.equal(normaliseKelurahanKode('3273011001'), '32.73.01.1001');
    assert.equal(normaliseKelurahanKode(' 32.73.01.1001 '), '32.73.01.1001');
    assert.deepEqual(
      ['1', '001', 'RW 01', 'rw.7', 'RT 3'].map((s) =>
        parseNomor(s, s.toLowerCase().startsWith('rt') ? 'rt' : 'rw'),
      ),
      [1, 1, 1, 7, 3],
    );
    assert.ok(Number.isNaN(parseNomor('1a', 'rw')));
    assert.ok(Number.isNaN(parseNomor('1.5', 'rw')));
    assert.deepEqual(['120', '1.234', ' 7 '].map(parseCount), [120, 1234, 7]);
    assert.ok(Number.isNaN(parseCount('1,5')));
    assert.equal(normalisePhone('0812-3456 7890'), '081234567890');
    assert.equal(normalisePhone('81234567890'), '081234567890');
    assert.equal(normalisePhone('+62 812 3456 7890'), '081234567890');
  });

  it('reads CSV with semicolons, quotes, a BOM and Windows-1252 text; row numbers as in the file', async () => {
    const text =
      '\uFEFFkode_kelurahan;rw;ketua_nama\r\n32.73.01.1001;1;"Dewi; S.Pd"\r\n\r\n32.73.01.1001;2;Eman\r\n';
    const sheet = await readSheet(Buffer.from(text, 'utf8'), 'csv');
    assert.ok(sheet.ok);
    assert.deepEqual(sheet.header, ['kode_kelurahan', 'rw', 'ketua_nama']);
    assert.deepEqual(
      sheet.rows.map((r) => [r.row, r.cells[2]]),
      [
        [2, 'Dewi; S.Pd'],
        [4, 'Eman'],
      ],
    );
    const latin = await readSheet(
      Buffer.from('kode_kelurahan,rw,ketua_nama\n32.73.01.1001,1,Andr\xe9\n', 'latin1'),
      'csv',
    );
    assert.ok(latin.ok);
    assert.equal(latin.rows[0]!.cells[2], 'André');
    const broken = await readSheet(Buffer.from('a,b\n"x,1\n'), 'csv');
    assert.equal(broken.ok, false);
  });

  it('reads the "Data" sheet of an XLSX, formulas by their result', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Petunjuk').addRow(['bukan data']);
    const ws = wb.addWorksheet('Data');
    ws.addRow(['kode_kelurahan', 'rw', 'jumlah_kk']);
    ws.addRow(['32.73.01.1001', 1, { formula: '40+2', result: 42 }]);
    ws.addRow([]);
    ws.addRow(['32.73.01.1002', 2, null]);
    const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    assert.ok(sheet.ok);
    assert.deepEqual(
      sheet.rows.map((r) => [r.row, ...r.cells]),
      [
        [2, '32.73.01.1001', '1', '42'],
        [4, '32.73.01.1002', '2'],
      ],
    );
    assert.deepEqual(await readSheet(Buffer.from('PK\u0003\u0004rusak'), 'xlsx'), {
      ok: false,
      code: 'wilayah.impor.err.unreadable',
    });
  });
});

describe('import file: checking rows', () => {
  it('requires the kode_kelurahan and rw columns, each once', async () => {
    const missing = await checkSheet({ header: ['kode', 'nama'], rows: [] }, ctx());
    assert.deepEqual(
      missing.problems.map((p) => [p.row, p.code]),
      [[1, 'wilayah.impor.err.headerMissing']],
    );
    const twice = await checkSheet({ header: ['kode_kelurahan', 'RW', 'No RW'], rows: [] }, ctx());
    assert.deepEqual(
      twice.problems.map((p) => [p.row, p.column, p.code]),
      [[1, 'rw', 'wilayah.impor.err.headerTwice']],
    );
  });

  it('checks every row and reports progress about every 10 %', async () => {
    const rows = Array.from({ length: 95 }, (_, i) => ({
      row: i + 2,
      cells: ['32.73.01.1001', String(i + 1)],
    }));
    rows.push({ row: 97, cells: ['32.73.01.1002', '1'] });
    const seen: number[] = [];
    const r = await checkSheet(
      { header: ['kode_kelurahan', 'rw'], rows },
      ctx({
        allowed: (kode) => kode === '32.73.01.1001',
        progress: async (n) => {
          seen.push(n);
        },
      }),
    );
    assert.equal(r.records.length, 95);
    assert.deepEqual(
      r.problems.map((p) => [p.row, p.column, p.code]),
      [[97, 'kode_kelurahan', 'wilayah.impor.err.outsideArea']],
    );
    assert.deepEqual(seen, [10, 20, 30, 40, 50, 60, 70, 80, 90, 96]);
  });

  it('tells RW rows from RT rows and finds duplicates', async () => {
    const r = await checkSheet(
      {
        header: ['kode_kelurahan', 'rw', 'rt', 'ketua_nama', 'ketua_telepon', 'jumlah_kk'],
        rows: [
          { row: 2, cells: ['32.73.01.1001', '1', '', 'Asep', '081234567890', '100'] },
          { row: 3, cells: ['32.73.01.1001', '1', '1', 'Euis', '', ''] },
          { row: 4, cells: ['32.73.01.1001', '1', '1', 'Lagi', '', ''] },
          { row: 5, cells: ['32.73.01.1001', '1', '2', '', '0812', ''] },
          { row: 6, cells: ['', '', '', '', '', '-1'] },
        ],
      },
      ctx(),
    );
    assert.deepEqual(
      r.problems.map((p) => [p.row, p.column, p.code]),
      [
        [4, 'rt', 'wilayah.impor.err.duplicateRt'],
        [5, 'ketua_telepon', 'wilayah.impor.err.phone'],
        [5, 'ketua_telepon', 'wilayah.impor.err.rwOnly'],
        [6, 'kode_kelurahan', 'wilayah.impor.err.required'],
        [6, 'rw', 'wilayah.impor.err.required'],
        [6, 'jumlah_kk', 'wilayah.impor.err.kk'],
      ],
    );
    assert.deepEqual(
      r.records.map((x) => [x.row, x.rw, x.rt, x.ketuaNama, x.ketuaTelepon, x.jumlahKk]),
      [
        [2, 1, null, 'Asep', '081234567890', 100],
        [3, 1, 1, 'Euis', null, null],
      ],
    );
  });
});
