import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Client } from '../../../tests/helpers/app.ts';
import { readXlsxDownload } from '../../../tests/helpers/downloads.ts';
import { assertUploadPage, multipart } from '../../../tests/helpers/multipart.ts';
import {
  API,
  NEIGHBOUR_KEL,
  OWN_KEL,
  uploadApi,
  uploadForm,
  useWilayahBalai,
  type ImportJson,
  type ProblemJson,
} from '../../../tests/helpers/wilayah.ts';

const env = useWilayahBalai();
const { as } = env;

async function finished(c: Client, id: string): Promise<ImportJson> {
  await env.balai.jobs.drain('wilayah.impor');
  const res = await c.get(`${API}/wilayah/impor/${id}`);
  assert.equal(res.status, 200, res.body);
  return res.json<ImportJson>();
}

async function rwCount(kel: string, nomor: number): Promise<number> {
  const r = await env.db.query<{ n: number }>(
    `select count(*)::int as n from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = $2`,
    [kel, nomor],
  );
  return r.rows[0]!.n;
}

// Indonesian headers, semicolons (as Excel saves CSV in Indonesia), a BOM.
const BAD_CSV = [
  '\uFEFFKode Kelurahan;No RW;RT;Nama Ketua;No HP;Jumlah KK',
  `${OWN_KEL};201;;Budi Santoso;0812 3456 7890;150`, // 2 ok
  `${OWN_KEL};201;1;Siti Aminah;;`, // 3 ok
  `${NEIGHBOUR_KEL};5;;Asep;;`, // 4 outside the area
  '32.73.01.9999;1;;;;', // 5 unknown kelurahan
  `${OWN_KEL};0;;;;`, // 6 RW out of range
  `${OWN_KEL};202;;Dedi;abc;`, // 7 bad phone
  `${OWN_KEL};201;;Budi lagi;;`, // 8 duplicate of row 2
  `${OWN_KEL};201;2;Rina;;40`, // 9 KK on an RT row
  '', // empty lines are skipped but keep the numbering
  `${OWN_KEL};RW 03;;;;1.234`, // 11 ok ("RW 03", thousands separator)
].join('\r\n');

const GOOD_CSV = [
  'kode_kelurahan,rw,rt,ketua_nama,ketua_telepon,jumlah_kk',
  `${OWN_KEL},201,,Budi Santoso,0812 3456 7890,150`,
  `${OWN_KEL},201,1,Siti Aminah,,`,
  `${OWN_KEL},201,2,"Rina, S.Pd",,`,
  `${OWN_KEL},3,,,,1.234`,
  `${OWN_KEL},1,,Ketua Baru,,`,
].join('\n');

describe('import API', () => {
  it('a file with bad rows imports nothing and reports every problem with its row; the fixed file imports all', async () => {
    const lurah = await as('petugas_kelurahan');
    const up = await uploadApi(lurah, 'bandung', Buffer.from(BAD_CSV, 'utf8'));
    assert.equal(up.status, 202, up.body);
    const first = up.json<ImportJson>();
    assert.ok(['menunggu', 'diproses'].includes(first.status));
    assert.match(String(up.headers.location), new RegExp(`/wilayah/impor/${first.id}$`));

    const bad = await finished(lurah, first.id);
    assert.equal(bad.status, 'gagal');
    assert.equal(bad.fileName, 'rw.csv', 'the uploaded file keeps its name');
    assert.equal(bad.totalRows, 9);
    assert.equal(bad.processed, 9);
    assert.equal(bad.percent, 100);
    assert.deepEqual(
      bad.errors.map((e) => [e.row, e.column]),
      [
        [4, 'kode_kelurahan'],
        [5, 'kode_kelurahan'],
        [6, 'rw'],
        [7, 'ketua_telepon'],
        [8, 'rw'],
        [9, 'jumlah_kk'],
      ],
    );
    assert.match(bad.errors[0]!.message, /di luar wilayah tugas Anda/);
    assert.match(bad.errors[1]!.message, /tidak ada di Kota Bandung/);
    assert.match(bad.errors[4]!.message, /sudah ada di baris 2/);
    assert.equal(await rwCount(OWN_KEL, 201), 0, 'nothing imported');
    const stored = await env.db.query<{ errors: { message: string }[] }>(
      'select errors from wilayah_imports where id = $1',
      [first.id],
    );
    assert.match(
      stored.rows[0]!.errors[0]!.message,
      /di luar wilayah tugas Anda/,
      'stored in Bahasa Indonesia',
    );

    lurah.cookies.set('balai_lang', 'en');
    const english = (await lurah.get(`${API}/wilayah/impor/${first.id}`)).json<ImportJson>();
    assert.match(english.errors[0]!.message, /outside your area/);
    lurah.cookies.delete('balai_lang');

    const before = await env.db.query<{ ketua_nama: string; jumlah_kk: number }>(
      `select ketua_nama, jumlah_kk from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = 1`,
      [OWN_KEL],
    );
    const fixed = await uploadApi(lurah, 'bandung', Buffer.from(GOOD_CSV, 'utf8'));
    assert.equal(fixed.status, 202);
    const good = await finished(lurah, fixed.json<ImportJson>().id);
    assert.equal(good.status, 'berhasil', JSON.stringify(good.errors));
    assert.equal(good.totalRows, 5);
    assert.equal(good.createdRw, 1, 'RW 201 is new; RW 1 and RW 3 exist in the demo data');
    assert.equal(good.createdRt, 2);
    assert.deepEqual(good.errors, []);

    const rw = await env.db.query<{
      id: string;
      ketua_nama: string;
      ketua_telepon: string;
      jumlah_kk: number;
      demo: boolean;
    }>(
      `select id, ketua_nama, ketua_telepon, jumlah_kk, demo from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = 201`,
      [OWN_KEL],
    );
    assert.deepEqual(
      { ...rw.rows[0], id: undefined },
      {
        id: undefined,
        ketua_nama: 'Budi Santoso',
        ketua_telepon: '081234567890',
        jumlah_kk: 150,
        demo: false,
      },
    );
    const rts = await env.db.query<{ nomor: number; ketua_nama: string }>(
      'select nomor, ketua_nama from rt where rw_id = $1 order by nomor',
      [rw.rows[0]!.id],
    );
    assert.deepEqual(rts.rows, [
      { nomor: 1, ketua_nama: 'Siti Aminah' },
      { nomor: 2, ketua_nama: 'Rina, S.Pd' },
    ]);
    const rw1 = await env.db.query<{ ketua_nama: string; jumlah_kk: number }>(
      `select ketua_nama, jumlah_kk from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = 1`,
      [OWN_KEL],
    );
    assert.equal(rw1.rows[0]!.ketua_nama, 'Ketua Baru', 'an existing RW is updated');
    assert.equal(rw1.rows[0]!.jumlah_kk, before.rows[0]!.jumlah_kk, 'an empty cell keeps the old value');
    const rw3 = await env.db.query<{ jumlah_kk: number }>(
      `select jumlah_kk from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = 3`,
      [OWN_KEL],
    );
    assert.equal(rw3.rows[0]!.jumlah_kk, 1234);

    const audit = await env.db.query<{ user_role: string; user_id: string | null }>(
      `select user_role, user_id from audit_log where tenant_id = '32.73' and entity = 'rw' and entity_id = $1`,
      [rw.rows[0]!.id],
    );
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.user_role, 'petugas_kelurahan', 'the job acts as the uploader');
    assert.ok(audit.rows[0]!.user_id);

    // The same file again: nothing new, still a success.
    const again = await finished(
      lurah,
      (await uploadApi(lurah, 'bandung', Buffer.from(GOOD_CSV, 'utf8'))).json<ImportJson>().id,
    );
    assert.deepEqual([again.status, again.createdRw, again.createdRt], ['berhasil', 0, 0]);
  });

  it('imports an XLSX file (numbers as numbers, codes without dots, a lost leading zero)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('RW');
    ws.addRow([
      'KODE_KELURAHAN',
      'Nomor RW',
      'Nomor RT',
      'Nama Ketua',
      'Telepon',
      'Jumlah Kepala Keluarga',
      'Catatan',
    ]);
    ws.addRow(['3273021004', 301, null, 'Hendra', 81311112222, 90, 'diabaikan']);
    ws.addRow(['32.73.02.1004', 301, 1, { richText: [{ text: 'Lilis ' }, { text: 'Rahayu' }] }, null, null]);
    ws.addRow(['32.73.02.1004', 301, 2, null, null, null]);
    ws.addRow(['36.73.01.1001', 1, null, null, null, null]); // Serang: not in Bandung
    const content = Buffer.from(await wb.xlsx.writeBuffer());

    const admin = await as('admin_kota');
    const bad = await finished(
      admin,
      (await uploadApi(admin, 'bandung', content, 'rw.xlsx')).json<ImportJson>().id,
    );
    assert.equal(bad.status, 'gagal');
    assert.deepEqual(
      bad.errors.map((e) => [e.row, e.column]),
      [[5, 'kode_kelurahan']],
    );

    ws.spliceRows(5, 1);
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await uploadApi(admin, 'bandung', fixed, 'rw.xlsx');
    assert.equal(up.status, 202);
    const good = await finished(admin, up.json<ImportJson>().id);
    assert.equal(good.status, 'berhasil', JSON.stringify(good.errors));
    assert.deepEqual([good.totalRows, good.createdRw, good.createdRt], [3, 1, 2]);
    const rw = await env.db.query<{ id: string; ketua_telepon: string; jumlah_kk: number }>(
      `select id, ketua_telepon, jumlah_kk from rw where tenant_id = '32.73' and kelurahan_kode = '32.73.02.1004' and nomor = 301`,
    );
    assert.equal(rw.rows[0]!.ketua_telepon, '081311112222');
    assert.equal(rw.rows[0]!.jumlah_kk, 90);
    const rts = await env.db.query<{ ketua_nama: string | null }>(
      'select ketua_nama from rt where rw_id = $1 order by nomor',
      [rw.rows[0]!.id],
    );
    assert.deepEqual(
      rts.rows.map((r) => r.ketua_nama),
      ['Lilis Rahayu', null],
    );
  });

  it('refuses empty, oversized and non-spreadsheet uploads with a clear 400/413', async () => {
    const lurah = await as('petugas_kelurahan');
    const cases: [Buffer, string, number, RegExp][] = [
      [Buffer.alloc(0), 'kosong.csv', 400, /kosong atau belum dipilih/],
      [Buffer.from('%PDF-1.7\n...'), 'surat.pdf', 400, /tidak didukung/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'lama.xls', 400, /\.xls lama/],
      [Buffer.from('PK\u0003\u0004bukan zip'), 'rusak.xlsx', 400, /tidak didukung/],
      [Buffer.alloc(5 * 1_048_576 + 10, 'a'), 'besar.csv', 413, /terlalu besar/],
    ];
    for (const [content, name, status, message] of cases) {
      const res = await uploadApi(lurah, 'bandung', content, name);
      assert.equal(res.status, status, `${name}: ${res.body.slice(0, 300)}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = res.json<ProblemJson>();
      assert.match(p.errors?.[0]?.detail ?? p.title, message, name);
      if (status === 400) assert.equal(p.errors?.[0]?.pointer, '/body/berkas');
    }
    const noFile = await lurah.post(`${API}/wilayah/impor`, {});
    assert.equal(noFile.status, 400);
    assert.equal(noFile.json<ProblemJson>().errors?.[0]?.pointer, '/body/berkas');
    const textField = await lurah.request(
      'POST',
      `${API}/wilayah/impor`,
      multipart([{ name: 'berkas', value: 'a,b' }]),
    );
    assert.equal(textField.status, 400);
    const extra = await lurah.request(
      'POST',
      `${API}/wilayah/impor`,
      multipart([{ name: 'lain', value: 'x' }]),
    );
    assert.equal(extra.status, 400);
    const none = await env.db.query<{ n: number }>(
      `select count(*)::int as n from wilayah_imports where file_name like '%.pdf'`,
    );
    assert.equal(none.rows[0]!.n, 0);

    const ketua = await as('pengurus_rw');
    assert.equal((await uploadApi(ketua, 'bandung', Buffer.from(GOOD_CSV))).status, 403);
    assert.equal((await uploadApi(new Client(env.balai.app), 'bandung', Buffer.from(GOOD_CSV))).status, 401);
  });

  it('an import is visible to its uploader and city-wide importers only', async () => {
    const lurah = await as('petugas_kelurahan');
    const id = (await uploadApi(lurah, 'bandung', Buffer.from('kode_kelurahan,rw\n'))).json<ImportJson>().id;
    const done = await finished(lurah, id);
    assert.equal(done.status, 'gagal');
    assert.deepEqual(
      done.errors.map((e) => e.row),
      [2],
    );
    const camat = await as('petugas_kecamatan');
    assert.equal((await camat.get(`${API}/wilayah/impor/${id}`)).status, 404);
    assert.ok(
      !(await camat.get(`${API}/wilayah/impor`))
        .json<{ items: ImportJson[] }>()
        .items.some((i) => i.id === id),
    );
    const admin = await as('admin_kota');
    assert.equal((await admin.get(`${API}/wilayah/impor/${id}`)).status, 200);
    assert.ok(
      (await admin.get(`${API}/wilayah/impor`))
        .json<{ items: ImportJson[] }>()
        .items.some((i) => i.id === id),
    );
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/wilayah/impor/${id}`)).status, 404);
    assert.equal((await serang.get(`/bandung/wilayah/impor/${id}`)).status, 303, 'not signed in to Bandung');
  });
});

describe('import pages', () => {
  it('upload form -> progress page -> error table; templates download', async () => {
    const lurah = await as('petugas_kelurahan');
    const page = await lurah.get('/bandung/wilayah/impor');
    assertUploadPage(page, '/bandung/wilayah/impor');

    const empty = await uploadForm(lurah, 'bandung', Buffer.alloc(0), '');
    assert.equal(empty.status, 400);
    assert.match(empty.body, /<p class="error" id="f-berkas-err">Berkas kosong atau belum dipilih\.<\/p>/);

    const big = await uploadForm(lurah, 'bandung', Buffer.alloc(5 * 1_048_576 + 1, 'a'), 'besar.csv');
    assert.equal(big.status, 303);
    assert.equal(big.headers.location, '/bandung/wilayah/impor?galat=besar');
    const bigPage = await lurah.get('/bandung/wilayah/impor?galat=besar');
    assert.match(bigPage.body, /id="f-berkas-err">Berkas lebih dari 5 MB/);

    const forged = await lurah.request('POST', '/bandung/wilayah/impor', {
      ...multipart([{ name: 'berkas', value: Buffer.from(GOOD_CSV), filename: 'rw.csv' }]),
      csrf: false,
    });
    assert.equal(forged.status, 403, 'no CSRF token, no upload');
    assert.match(String(forged.headers['content-type']), /^text\/html/);

    const sent = await uploadForm(lurah, 'bandung', Buffer.from(BAD_CSV, 'utf8'), 'rw.csv');
    assert.equal(sent.status, 303);
    const location = String(sent.headers.location);
    assert.match(location, /^\/bandung\/wilayah\/impor\/[0-9a-f-]{36}$/);
    const id = location.split('/').at(-1)!;

    // While it runs, the page refreshes itself and shows the progress.
    await env.balai.jobs.drain('wilayah.impor');
    await env.db.query(
      `update wilayah_imports set status = 'diproses', processed = 5, total_rows = 10 where id = $1`,
      [id],
    );
    const running = await lurah.get(location);
    assert.match(running.body, /<meta http-equiv="refresh" content="2">/);
    assert.match(running.body, /<progress[^>]*\smax="100"\s+value="50"/);
    assert.match(running.body, /5 dari 10 baris diperiksa/);
    await env.db.query(`update wilayah_imports set status = 'gagal', processed = 10 where id = $1`, [id]);

    const done = await lurah.get(location);
    assert.doesNotMatch(done.body, /http-equiv="refresh"/);
    assert.match(done.body, /Impor gagal; tidak ada data yang diubah\. 6 kesalahan ditemukan\./);
    assert.match(done.body, /<div class="table-wrap"/);
    assert.match(done.body, /<td class="num">4<\/td>\s*<td><code>kode_kelurahan<\/code><\/td>/);
    const list = await lurah.get('/bandung/wilayah/impor');
    assert.match(list.body, new RegExp(`href="/bandung/wilayah/impor/${id}"`));

    const csv = await lurah.get('/bandung/wilayah/impor/templat.csv');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    assert.equal(
      csv.body.replace(/^\uFEFF/, '').trim(),
      'kode_kelurahan,rw,rt,ketua_nama,ketua_telepon,jumlah_kk',
    );

    const xlsx = await env.balai.app.inject({ method: 'GET', url: '/bandung/wilayah/impor/templat.xlsx' });
    const wb = await readXlsxDownload(xlsx);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Data', 'Petunjuk', 'Kelurahan'],
    );
    assert.deepEqual((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1), [
      'kode_kelurahan',
      'rw',
      'rt',
      'ketua_nama',
      'ketua_telepon',
      'jumlah_kk',
    ]);
    assert.equal(wb.worksheets[2]!.actualRowCount, 152, 'header + 151 kelurahan');

    // The template, filled in, imports.
    wb.worksheets[0]!.addRow([OWN_KEL, 401, null, 'Ahmad', '081200001111', 75]);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await uploadForm(lurah, 'bandung', filled, 'templat.xlsx');
    assert.equal(ok.status, 303);
    await env.balai.jobs.drain('wilayah.impor');
    const success = await lurah.get(String(ok.headers.location));
    assert.match(success.body, /Impor berhasil: 1 baris, 1 RW baru dan 0 RT baru\./);
    assert.equal(await rwCount(OWN_KEL, 401), 1);

    const ketua = await as('pengurus_rw');
    assert.equal((await ketua.get('/bandung/wilayah/impor')).status, 403);
  });
});
