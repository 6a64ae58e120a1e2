/**
 * The spreadsheet import of businesses: a CSV and an XLSX with good and bad rows give a preview
 * that lists exactly the bad rows and columns and writes nothing; the fixed file is confirmed and
 * creates the businesses with their KBLI codes, figures and class; a re-import with a changed
 * phone updates by NIB; other cities, roles without umkm.impor and non-spreadsheets are refused.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Client } from '../../../tests/helpers/app.ts';
import { readXlsxDownload } from '../../../tests/helpers/downloads.ts';
import { useBalaiWithOwnerDb, type Response, clientAs } from '../../../tests/helpers/app.ts';
import { assertUploadPage, multipart } from '../../../tests/helpers/multipart.ts';
import { withTenant } from '../../platform/db/transaction.ts';
import { indeksUsaha } from './cari.ts';
import { perbaruiKelas } from './usaha-service.ts';
import { matchKelurahan as cocokKelurahan, parseRupiah, splitKbli as pisahKbli } from './impor-columns.ts';
import type { ImporView } from './impor.ts';

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/umkm/impor';
const KEL = '32.73.01.1001'; // Sukarasa, with RW 1..3 in the demo data
const NIB = ['9100000000011', '9100000000022', '9100000000033', '9100000000044'];

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}

const as = clientAs(env);

function upload(c: Client, file: Buffer, filename: string, city = 'bandung'): Promise<Response> {
  return c.request(
    'POST',
    `/api/v1/cities/${city}/umkm/impor`,
    multipart([{ name: 'berkas', value: file, filename }]),
  );
}

/** Uploads, waits for the background check, returns the preview. */
async function preview(c: Client, file: Buffer, filename: string): Promise<ImporView> {
  const up = await upload(c, file, filename);
  assert.equal(up.status, 202, up.body);
  const first = up.json<ImporView>();
  assert.equal(first.status, 'diperiksa');
  await env.balai.jobs.drain('umkm.impor');
  const res = await c.get(`${API}/${first.id}?perPage=200`);
  assert.equal(res.status, 200, res.body);
  return res.json<ImporView>();
}

/** Confirms a preview (202: queued) and waits for the background writes; returns the import. */
async function confirm(c: Client, id: string): Promise<ImporView> {
  const res = await c.post(`${API}/${id}/konfirmasi`);
  assert.equal(res.status, 202, res.body);
  assert.equal(res.headers.location, `${API}/${id}`);
  const queued = res.json<ImporView>();
  assert.equal(queued.status, 'mengimpor');
  assert.deepEqual([queued.bisaKonfirmasi, queued.bisaBatal], [false, false]);
  await env.balai.jobs.drain('umkm.impor');
  const done = await c.get(`${API}/${id}?perPage=200`);
  assert.equal(done.status, 200, done.body);
  return done.json<ImporView>();
}

const count = async (where = 'true') =>
  (
    await env.db.query<{ n: number }>(
      `select count(*)::int as n from umkm_usaha where tenant_id = '32.73' and ${where}`,
    )
  ).rows[0]!.n;

const problems = (v: ImporView) => v.masalah.map((m) => [m.baris, m.kolom]);

const HEADER_ID =
  'Nama Usaha;Nama Pemilik;NIB;NPWP;NIK;No HP;Email;Alamat;Kelurahan;RW;Tahun Berdiri;Jumlah Pekerja;KBLI;Tahun Data;Modal Usaha;Omzet';

// Indonesian headers, semicolons (as Excel saves CSV in Indonesia), thousands separators.
const BAD_CSV = [
  `\uFEFF${HEADER_ID}`,
  `Keripik Tempe Bu Siti;Siti Aminah;${NIB[0]};;;0812 3456 7890;siti@contoh.id;Jl. Merdeka 1;${KEL};1;2015;4;10794, 47111;2024;25.000.000;150.000.000`, // 2 ok
  `Warung Kopi Asep;Asep Sunandar;12345;;;;;;${KEL};;;;;;;`, // 3 bad NIB
  `Batik Sari;Sari Wulandari;${NIB[1]};;;;;;Antah Berantah;;;;;;;`, // 4 unknown kelurahan
  `Roti Mang Ujang;Ujang;${NIB[2]};;;;;;${KEL};;;;99999;;;`, // 5 bad KBLI
  `Sambal Teh Ani;Ani Rahmawati;${NIB[3]};;;;;;${KEL};;;;;2024;-5.000.000;`, // 6 negative modal
  `Keripik Tempe Cabang;Siti Aminah;${NIB[0]};;;;;;${KEL};;;;;;;`, // 7 NIB again (row 2)
  `Kue Balok Neng;Neng Lestari;;;;;;;sukarasa;RW 02;;;56101;2024;;Rp 80.000.000`, // 8 ok: kelurahan by name, no NIB
].join('\r\n');

const EXPECTED_BAD: [number, string][] = [
  [3, 'nib'],
  [4, 'kelurahan'],
  [5, 'kbli'],
  [6, 'modal'],
  [7, 'nib'],
];

const GOOD_CSV = (
  telepon = '0812 3456 7890',
  batik = '2024,"1.200.000.000",',
  sambal = '2024,,"3.000.000.000"',
) =>
  [
    'nama_usaha,nama_pemilik,nib,npwp,nik,telepon,email,alamat,kelurahan,rw,tahun_berdiri,jumlah_pekerja,kbli,tahun_data,modal,penjualan',
    `Keripik Tempe Bu Siti,Siti Aminah,${NIB[0]},,,${telepon},siti@contoh.id,Jl. Merdeka 1,${KEL},1,2015,4,"10794, 47111",2024,25.000.000,150.000.000`,
    `Warung Kopi Asep,Asep Sunandar,${NIB[1]},,,,,,${KEL},,,,56101,,,`,
    `Batik Sari,Sari Wulandari,${NIB[2]},,,,,,Sukarasa,,,,,${batik}`,
    `Sambal Teh Ani,Ani Rahmawati,${NIB[3]},,,,,,${KEL},,,,10794;10799,${sambal}`,
    `Kue Balok Neng,Neng Lestari,,,,,,,sukarasa,RW 02,,,56101,2024,,Rp 80.000.000`,
  ].join('\n');

describe('cells of an import file', () => {
  it('reads rupiah, KBLI lists and kelurahan names the way Indonesian spreadsheets write them', () => {
    assert.equal(parseRupiah('1.500.000'), 1_500_000);
    assert.equal(parseRupiah('Rp 1.500.000,00'), 1_500_000);
    assert.equal(parseRupiah('1500000'), 1_500_000);
    assert.equal(parseRupiah('1,500,000'), 1_500_000);
    assert.equal(parseRupiah('-5.000'), -5000);
    assert.ok(Number.isNaN(parseRupiah('lima juta')));
    assert.deepEqual(pisahKbli('10794, 47111;56101'), ['10794', '47111', '56101']);
    const daftar = [
      { kode: '32.73.01.1001', nama: 'Sukarasa', kecamatan: 'Sukasari' },
      { kode: '32.73.02.1001', nama: 'Cipaganti', kecamatan: 'Coblong' },
      { kode: '32.73.05.1001', nama: 'Cipaganti', kecamatan: 'Andir' },
    ];
    assert.deepEqual(cocokKelurahan('3273011001', daftar), { ok: true, kode: '32.73.01.1001' });
    assert.deepEqual(cocokKelurahan('Kel. SUKARASA', daftar), { ok: true, kode: '32.73.01.1001' });
    assert.equal(cocokKelurahan('Cipaganti', daftar).ok, false, 'ambiguous name');
    assert.match(String((cocokKelurahan('Cipaganti', daftar) as { pilihan: string }).pilihan), /Coblong/);
    assert.deepEqual(cocokKelurahan('32.73.99.9999', daftar), { ok: false, alasan: 'tidakAda' });
  });
});

describe('import of businesses', () => {
  let admin: Client;
  let before0 = 0;

  before(async () => {
    admin = await as('admin_kota');
    before0 = await count();
  });

  it('a CSV with bad rows: the preview lists exactly those rows and columns and nothing is written', async () => {
    const v = await preview(admin, Buffer.from(BAD_CSV, 'utf8'), 'umkm.csv');
    assert.equal(v.status, 'pratinjau');
    assert.equal(v.namaFile, 'umkm.csv');
    assert.equal(v.jumlahBaris, 7);
    assert.equal(v.persen, 100);
    assert.deepEqual(problems(v), EXPECTED_BAD);
    assert.deepEqual([v.valid, v.galat, v.baru, v.ubah, v.baruTanpaNib], [2, 5, 2, 0, 1]);
    assert.match(v.masalah[1]!.pesan, /Antah Berantah.*tidak ada di Kota Bandung/);
    assert.match(v.masalah[2]!.pesan, /99999/);
    assert.match(v.masalah[4]!.pesan, /baris 2/);
    assert.deepEqual(
      v.baris.map((b) => [b.baris, b.aksi, b.nib]),
      [
        [2, 'baru', NIB[0]],
        [8, 'baru', null],
      ],
    );
    assert.equal(v.bisaKonfirmasi, false);
    assert.equal(await count(), before0, 'nothing written');

    const confirm = await admin.post(`${API}/${v.id}/konfirmasi`);
    assert.equal(confirm.status, 409, 'invalid rows remain');
    assert.equal(await count(), before0);

    admin.cookies.set('balai_lang', 'en');
    const en = (await admin.get(`${API}/${v.id}`)).json<ImporView>();
    assert.match(en.masalah[1]!.pesan, /There is no kelurahan "Antah Berantah"/);
    admin.cookies.delete('balai_lang');
    const stored = await env.db.query<{ laporan: { errors: { pesan: string }[] }[] }>(
      'select laporan from umkm_impor where id = $1',
      [v.id],
    );
    assert.match(
      JSON.stringify(stored.rows[0]!.laporan),
      /tidak ada di Kota Bandung/,
      'stored in Indonesian',
    );
  });

  it('an XLSX with numbers as numbers and the same bad rows gives the same report', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(HEADER_ID.split(';'));
    ws.addRow(['Keripik Tempe Bu Siti', 'Siti Aminah', Number(NIB[0]), null, null, 81234567890, null, null, KEL, 1, 2015, 4, '10794, 47111', 2024, 25_000_000, 150_000_000]); // prettier-ignore
    ws.addRow(['Warung Kopi Asep', 'Asep Sunandar', 12345, null, null, null, null, null, KEL]);
    ws.addRow(['Batik Sari', 'Sari Wulandari', NIB[1], null, null, null, null, null, 'Antah Berantah']);
    ws.addRow([
      'Roti Mang Ujang',
      'Ujang',
      NIB[2],
      null,
      null,
      null,
      null,
      null,
      KEL,
      null,
      null,
      null,
      99999,
    ]);
    ws.addRow(['Sambal Teh Ani', 'Ani Rahmawati', NIB[3], null, null, null, null, null, KEL, null, null, null, null, 2024, -5_000_000]); // prettier-ignore
    ws.addRow(['Keripik Tempe Cabang', 'Siti Aminah', NIB[0], null, null, null, null, null, KEL]);
    ws.addRow(['Kue Balok Neng', 'Neng Lestari', null, null, null, null, null, null, 'Sukarasa', 'RW 02', null, null, 56101, 2024, null, 80_000_000]); // prettier-ignore
    const v = await preview(admin, Buffer.from(await wb.xlsx.writeBuffer()), 'umkm.xlsx');
    assert.equal(v.status, 'pratinjau');
    assert.deepEqual(problems(v), EXPECTED_BAD);
    assert.deepEqual([v.valid, v.baru], [2, 2]);
    assert.equal(await count(), before0, 'nothing written');
  });

  it('the fixed file imports every row with KBLI codes, figures and class; a re-import updates by NIB', async () => {
    const v = await preview(admin, Buffer.from(GOOD_CSV(), 'utf8'), 'umkm-perbaikan.csv');
    assert.deepEqual(v.masalah, []);
    assert.deepEqual([v.jumlahBaris, v.valid, v.galat, v.baru, v.ubah], [5, 5, 0, 5, 0]);
    assert.equal(v.bisaKonfirmasi, true);
    assert.equal(await count(), before0, 'nothing written before the confirmation');

    const done = await confirm(admin, v.id);
    assert.equal(done.status, 'diimpor');
    assert.deepEqual(done.hasil, { baru: 5, diubah: 0 });
    assert.equal(done.catatan, null);
    assert.equal(done.persen, 100);
    assert.equal(await count(), before0 + 5);
    const again = await admin.post(`${API}/${v.id}/konfirmasi`);
    assert.equal(again.status, 409, 'an import is confirmed once');
    assert.equal(await count(), before0 + 5);

    const rows = await env.db.query<{
      nama: string;
      nib: string | null;
      telepon: string | null;
      status: string;
      pemilik_user_id: string | null;
      kelurahan_kode: string;
      rw_id: string | null;
      sektor: string | null;
      kelas: string | null;
      kbli: string[] | null;
      keu: { tahun: number; modal: number | null; penjualan: number | null; kelas: string }[] | null;
    }>(
      `select u.nama, u.nib, u.telepon, u.status, u.pemilik_user_id, u.kelurahan_kode, u.rw_id, u.sektor, u.kelas,
              (select array_agg(k.kode order by k.utama desc, k.kode) from umkm_usaha_kbli k where k.usaha_id = u.id) as kbli,
              (select json_agg(json_build_object('tahun', f.tahun, 'modal', f.modal, 'penjualan', f.penjualan, 'kelas', f.kelas))
                 from umkm_keuangan f where f.usaha_id = u.id) as keu
         from umkm_usaha u where u.tenant_id = '32.73' and u.nama = any($1) order by u.nama`,
      [['Keripik Tempe Bu Siti', 'Warung Kopi Asep', 'Batik Sari', 'Sambal Teh Ani', 'Kue Balok Neng']],
    );
    const by = new Map(rows.rows.map((r) => [r.nama, r]));
    const siti = by.get('Keripik Tempe Bu Siti')!;
    assert.equal(siti.nib, NIB[0]);
    assert.equal(siti.telepon, '081234567890');
    assert.equal(siti.status, 'draf');
    assert.equal(siti.pemilik_user_id, null, 'no owner account');
    assert.ok(siti.rw_id, 'RW 1 of the kelurahan');
    assert.deepEqual(siti.kbli, ['10794', '47111']);
    assert.equal(siti.sektor, 'C');
    assert.deepEqual(siti.keu, [{ tahun: 2024, modal: 25_000_000, penjualan: 150_000_000, kelas: 'mikro' }]);
    assert.equal(siti.kelas, 'mikro');
    assert.equal(by.get('Batik Sari')!.kelas, 'kecil', 'modal Rp1,2 miliar');
    assert.equal(by.get('Sambal Teh Ani')!.kelas, 'kecil', 'penjualan Rp3 miliar');
    assert.equal(by.get('Warung Kopi Asep')!.kelas, null, 'no figures');
    assert.equal(by.get('Kue Balok Neng')!.kelurahan_kode, KEL, 'kelurahan by name');
    // The search document written with the row is the one indeksUsaha builds.
    const doc = () =>
      env.db.query<{ id: string; cari: string }>(
        `select id, cari::text as cari from umkm_usaha where tenant_id = '32.73' and nib = $1`,
        [NIB[0]],
      );
    const d0 = (await doc()).rows[0]!;
    assert.match(d0.cari, /'keripik':1A/);
    await withTenant(env.balai.handle.db, '32.73', { userId: null, role: 'sistem' }, (trx) =>
      indeksUsaha(trx, d0.id),
    );
    assert.equal((await doc()).rows[0]!.cari, d0.cari);
    const kata = await env.db.query(`select 1 from umkm_kata where tenant_id = '32.73' and kata = 'balok'`);
    assert.equal(kata.rowCount, 1, 'the names are in the vocabulary');
    const audit = await env.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where tenant_id = '32.73' and entity = 'umkm_usaha' and action = 'insert'
          and after->>'nama' = 'Keripik Tempe Bu Siti'`,
    );
    assert.equal(audit.rows[0]!.n, 1, 'the write is in the audit log');
    const isi = await env.db.query<{ n: number }>(
      'select length(isi)::int as n from umkm_impor where id = $1',
      [v.id],
    );
    assert.equal(isi.rows[0]!.n, 0, 'the file is erased once imported');

    // The same file again, with a new phone number and other figures: rows with NIB update, the
    // row without NIB is new again. An older year does not change the class; a newer one does.
    const re = await preview(
      admin,
      Buffer.from(GOOD_CSV('0857 1111 2222', '2023,"20.000.000.000",', '2025,,"60.000.000.000"'), 'utf8'),
      'umkm-ulang.csv',
    );
    assert.deepEqual(re.masalah, []);
    assert.deepEqual([re.valid, re.baru, re.ubah, re.baruTanpaNib], [5, 1, 4, 1]);
    assert.deepEqual(
      re.baris.map((b) => b.aksi),
      ['ubah', 'ubah', 'ubah', 'ubah', 'baru'],
    );
    assert.deepEqual((await confirm(admin, re.id)).hasil, { baru: 1, diubah: 4 });
    assert.equal(await count(`nib = '${NIB[0]}'`), 1, 'no duplicate');
    assert.equal(await count(), before0 + 6);
    const tel = await env.db.query<{ telepon: string }>(
      `select telepon from umkm_usaha where tenant_id = '32.73' and nib = $1`,
      [NIB[0]],
    );
    assert.equal(tel.rows[0]!.telepon, '085711112222');
    const kelas = () =>
      env.db.query<{ id: string; nama: string; kelas: string | null }>(
        `select id, nama, kelas from umkm_usaha where tenant_id = '32.73' and nib = any($1) order by nib`,
        [NIB],
      );
    const k0 = (await kelas()).rows;
    assert.deepEqual(
      k0.map((k) => [k.nama, k.kelas]),
      [
        ['Keripik Tempe Bu Siti', 'mikro'],
        ['Warung Kopi Asep', null],
        ['Batik Sari', 'kecil'],
        ['Sambal Teh Ani', 'besar'],
      ],
    );
    // The class written with the rows is the one perbaruiKelas computes.
    await withTenant(env.balai.handle.db, '32.73', { userId: null, role: 'sistem' }, async (trx) => {
      for (const k of k0) await perbaruiKelas(trx, k.id);
    });
    assert.deepEqual((await kelas()).rows, k0);
  });

  it('a registry that changed after the preview: the writes are refused, the report renewed with a note; confirming again imports', async () => {
    const file = GOOD_CSV().replaceAll('9100000000', '9500000000');
    const nib = NIB.map((x) => x.replace('9100000000', '9500000000'));
    const v = await preview(admin, Buffer.from(file, 'utf8'), 'umkm-berubah.csv');
    assert.deepEqual([v.valid, v.baru, v.ubah], [5, 5, 0]);
    // Meanwhile a business with the file's second NIB is registered (by its owner, say).
    await env.db.query(
      `insert into umkm_usaha (tenant_id, slug, nama, pemilik_nama, kecamatan_kode, kelurahan_kode, nib, status)
       values ('32.73', 'kopi-asep-daftar-sendiri', 'Kopi Asep', 'Asep Sunandar', '32.73.01', $1, $2, 'diajukan')`,
      [KEL, nib[1]],
    );
    const before = await count();
    const back = await confirm(admin, v.id);
    assert.equal(back.status, 'pratinjau', 'nothing written: back at the preview');
    assert.match(back.catatan ?? '', /Data registri berubah sejak pratinjau dibuat/);
    assert.deepEqual([back.valid, back.baru, back.ubah], [5, 4, 1], 'the renewed report');
    assert.deepEqual(
      back.baris.map((b) => [b.nib, b.aksi]),
      [
        [nib[0], 'baru'],
        [nib[1], 'ubah'],
        [nib[2], 'baru'],
        [nib[3], 'baru'],
        [null, 'baru'],
      ],
    );
    assert.equal(back.bisaKonfirmasi, true);
    assert.equal(await count(), before, 'nothing written');
    const page = await admin.get(`/bandung/umkm/impor/${v.id}`);
    assert.match(page.body, /role="alert">Data registri berubah sejak pratinjau dibuat/);

    const done = await confirm(admin, v.id);
    assert.equal(done.status, 'diimpor');
    assert.equal(done.catatan, null);
    assert.deepEqual(done.hasil, { baru: 4, diubah: 1 });
    assert.equal(await count(), before + 4);
    assert.equal(await count(`nib = '${nib[1]}'`), 1, 'updated by NIB, not duplicated');
  });

  it('while its rows are written, an import can be neither cancelled nor confirmed again, and its page shows the progress', async () => {
    const v = await preview(
      admin,
      Buffer.from(GOOD_CSV().replaceAll('9100000000', '9600000000'), 'utf8'),
      'umkm-proses.csv',
    );
    // Held at 'mengimpor' with half of its rows re-checked, as a running job leaves it.
    await env.db.query(`update umkm_impor set status = 'mengimpor', diproses = 5 where id = $1`, [v.id]);
    const running = (await admin.get(`${API}/${v.id}`)).json<ImporView>();
    assert.deepEqual([running.status, running.persen, running.bisaBatal], ['mengimpor', 50, false]);
    assert.equal((await admin.post(`${API}/${v.id}/batal`)).status, 409);
    assert.equal((await admin.post(`${API}/${v.id}/konfirmasi`)).status, 409);
    const page = await admin.get(`/bandung/umkm/impor/${v.id}`);
    assert.match(page.body, /<meta http-equiv="refresh" content="2">/);
    assert.match(page.body, /5 baris sedang diperiksa ulang dan disimpan/);
    assert.match(page.body, /<progress[^>]*value="50"/);
    assert.match(page.body, /50% selesai/);
    assert.doesNotMatch(page.body, /\/(konfirmasi|batal)"/, 'neither button');
    await env.db.query(`update umkm_impor set status = 'pratinjau' where id = $1`, [v.id]);
    assert.equal((await admin.post(`${API}/${v.id}/batal`)).status, 200);
  });

  it('a lost import (no progress for 30 minutes) is back at its preview with a note once read, and imports when confirmed again', async () => {
    const v = await preview(
      admin,
      Buffer.from(GOOD_CSV().replaceAll('9100000000', '9700000000'), 'utf8'),
      'umkm-macet.csv',
    );
    // Confirmed, and its job lost mid-way: 'mengimpor', last progress 29 minutes ago — still alive.
    await env.db.query(
      `update umkm_impor set status = 'mengimpor', diproses = 3, updated_at = now() - interval '29 minutes' where id = $1`,
      [v.id],
    );
    assert.equal((await admin.get(`${API}/${v.id}`)).json<ImporView>().status, 'mengimpor');
    // 31 minutes without progress: reading the list puts it back at its preview, with a note.
    await env.db.query(`update umkm_impor set updated_at = now() - interval '31 minutes' where id = $1`, [
      v.id,
    ]);
    const list = (await admin.get(API)).json<{ items: ImporView[] }>();
    assert.equal(list.items.find((i) => i.id === v.id)?.status, 'pratinjau');
    const back = (await admin.get(`${API}/${v.id}`)).json<ImporView>();
    assert.deepEqual([back.status, back.persen, back.bisaKonfirmasi], ['pratinjau', 100, true]);
    assert.match(back.catatan ?? '', /terhenti tanpa kemajuan selama 30 menit/);
    const page = await admin.get(`/bandung/umkm/impor/${v.id}`);
    assert.match(page.body, /role="alert">Penyimpanan terhenti tanpa kemajuan/);
    const en = await admin.get(`${API}/${v.id}`, { 'accept-language': 'en' });
    assert.match(en.json<ImporView>().catatan ?? '', /stopped without progress for 30 minutes/);
    // The same rule when the page is read first (another lost import).
    await env.db.query(
      `update umkm_impor set status = 'mengimpor', catatan = null, updated_at = now() - interval '2 hours' where id = $1`,
      [v.id],
    );
    assert.match((await admin.get(`/bandung/umkm/impor/${v.id}`)).body, /role="alert">Penyimpanan terhenti/);

    const before = await count();
    const done = await confirm(admin, v.id);
    assert.equal(done.status, 'diimpor');
    assert.equal(done.catatan, null);
    assert.equal(await count(), before + 5);
  });

  it('a point per business: latitude and longitude columns are checked (a number, both, inside the city), previewed and written', async () => {
    const file = [
      'nama_usaha,nama_pemilik,kelurahan,lintang,bujur',
      `Kedai Titik Satu,Rina,${KEL},-6.914744,107.609810`, // 2 ok
      `Kedai Titik Dua,Rina,${KEL},"-6,9175","107,6191"`, // 3 ok: decimal commas
      `Kedai Tanpa Titik,Rina,${KEL},,`, // 4 ok: no point
      `Kedai Tertukar,Rina,${KEL},107.609810,-6.914744`, // 5 swapped: out of range
      `Kedai Jakarta,Rina,${KEL},-6.2000,106.8166`, // 6 another city
      `Kedai Separuh,Rina,${KEL},-6.91,`, // 7 only one
      `Kedai Huruf,Rina,${KEL},enam,107.6`, // 8 not a number
    ].join('\n');
    const v = await preview(admin, Buffer.from(file, 'utf8'), 'umkm-titik.csv');
    assert.deepEqual(problems(v), [
      [5, 'lat'],
      [6, 'lat'],
      [7, 'lng'],
      [8, 'lat'],
    ]);
    assert.match(v.masalah.find((m) => m.baris === 6)!.pesan, /di luar wilayah kota ini/);
    assert.match(v.masalah.find((m) => m.baris === 8)!.pesan, /"enam" bukan koordinat/);
    assert.deepEqual(
      v.baris.map((b) => [b.baris, b.titik]),
      [
        [2, [-6.914744, 107.60981]],
        [3, [-6.9175, 107.6191]],
        [4, null],
      ],
    );
    const page = await admin.get(`/bandung/umkm/impor/${v.id}`);
    assert.match(page.body, /-6\.914744, 107\.609810/, 'the preview shows the point');

    const ok = await preview(
      admin,
      Buffer.from(file.split('\n').slice(0, 4).join('\n'), 'utf8'),
      'umkm-titik-ok.csv',
    );
    assert.equal(ok.galat, 0);
    assert.equal((await confirm(admin, ok.id)).status, 'diimpor');
    const rows = (
      await env.db.query<{ nama: string; lat: number | null; lng: number | null }>(
        `select nama, lat, lng from umkm_usaha where tenant_id = '32.73' and nama like 'Kedai T%' order by nama`,
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => [r.nama, r.lat, r.lng]),
      [
        ['Kedai Tanpa Titik', null, null],
        ['Kedai Titik Dua', -6.9175, 107.6191],
        ['Kedai Titik Satu', -6.914744, 107.60981],
      ],
    );
  });

  it("another city's officer can neither see nor confirm the import; other roles get 403; non-spreadsheets 400", async () => {
    const v = await preview(admin, Buffer.from(BAD_CSV, 'utf8'), 'umkm.csv');
    const serang = await as('admin_kota', 'serang');
    const s = '/api/v1/cities/serang/umkm/impor';
    assert.equal((await serang.get(`${s}/${v.id}`)).status, 404);
    assert.equal((await serang.post(`${s}/${v.id}/konfirmasi`)).status, 404);
    assert.equal((await serang.post(`${s}/${v.id}/batal`)).status, 404);
    assert.equal((await serang.get(`/serang/umkm/impor/${v.id}`)).status, 404);
    assert.ok(!(await serang.get(s)).body.includes(v.id), 'not listed in Serang');

    const camat = await as('petugas_kecamatan');
    assert.equal((await camat.get(API)).status, 403);
    assert.equal((await camat.get(`${API}/${v.id}`)).status, 403);
    assert.equal((await upload(camat, Buffer.from(GOOD_CSV(), 'utf8'), 'u.csv')).status, 403);
    assert.equal((await camat.get('/bandung/umkm/impor')).status, 403);

    for (const [file, name] of [
      [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n', 'latin1'), 'umkm.pdf'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'umkm.png'],
      [Buffer.alloc(0), 'kosong.csv'],
    ] as const) {
      const r = await upload(admin, file, name);
      assert.equal(r.status, 400, `${name}: ${r.body}`);
      assert.equal(r.json<Problem>().errors?.[0]?.pointer, '/body/berkas');
    }

    // Cancelling erases the file; the import cannot be confirmed afterwards.
    const cancel = await admin.post(`${API}/${v.id}/batal`);
    assert.equal(cancel.status, 200, cancel.body);
    assert.equal(cancel.json<ImporView>().status, 'dibatalkan');
    assert.equal((await admin.post(`${API}/${v.id}/konfirmasi`)).status, 409);
  });
});

describe('import pages', () => {
  it('upload form -> report with errors -> fixed file -> clean preview -> confirm; the template imports', async () => {
    const admin = await as('admin_kota');
    const page = await admin.get('/bandung/umkm/impor');
    assertUploadPage(page, '/bandung/umkm/impor');
    assert.match(page.body, /href="\/bandung\/umkm\/impor"/, 'in the navigation');

    const form = async (file: Buffer, filename: string) =>
      admin.request('POST', '/bandung/umkm/impor', {
        ...multipart([
          { name: '_csrf', value: await admin.csrf() },
          { name: 'berkas', value: file, filename },
        ]),
        csrf: false,
      });
    const notSheet = await form(Buffer.from('%PDF-1.4\n'), 'a.pdf');
    assert.equal(notSheet.status, 400);
    assert.match(notSheet.body, /id="f-berkas-err">Jenis berkas tidak didukung/);

    const bad = BAD_CSV.replaceAll('9100000000', '9200000000');
    const sent = await form(Buffer.from(bad, 'utf8'), 'umkm.csv');
    assert.equal(sent.status, 303, sent.body);
    const location = String(sent.headers.location);
    assert.match(location, /^\/bandung\/umkm\/impor\/[0-9a-f-]{36}$/);
    await env.balai.jobs.drain('umkm.impor');
    const report = await admin.get(location);
    assert.equal(report.status, 200);
    assert.match(report.body, /5 baris belum benar/);
    assert.match(report.body, /<caption id="cap-galat">\s*Masalah per baris dan kolom \(5\)/);
    assert.match(
      report.body,
      /<code>kelurahan<\/code><\/td>\s*<td>Kelurahan &quot;Antah Berantah&quot; tidak ada/,
    );
    assert.doesNotMatch(report.body, /\/konfirmasi"/, 'no confirm button while rows are invalid');

    const fixed = await form(
      Buffer.from(GOOD_CSV().replaceAll('9100000000', '9200000000'), 'utf8'),
      'baik.csv',
    );
    assert.equal(fixed.status, 303);
    await env.balai.jobs.drain('umkm.impor');
    const clean = await admin.get(String(fixed.headers.location));
    assert.match(clean.body, /Semua 5 baris valid/);
    const id = String(fixed.headers.location).split('/').at(-1)!;
    assert.match(clean.body, new RegExp(`action="/bandung/umkm/impor/${id}/konfirmasi"`));
    const before = await count();
    const confirmed = await admin.request('POST', `/bandung/umkm/impor/${id}/konfirmasi`, { form: {} });
    assert.equal(confirmed.status, 303, confirmed.body);
    assert.equal(confirmed.headers.location, `/bandung/umkm/impor/${id}`);
    await env.balai.jobs.drain('umkm.impor');
    assert.equal(await count(), before + 5);
    const result = await admin.get(String(confirmed.headers.location));
    assert.match(result.body, /Impor selesai: 5 usaha baru, 0 usaha diperbarui\./);
    assert.doesNotMatch(result.body, /http-equiv="refresh"/, 'done: no more refreshing');

    // The template: the columns, instructions, the city's kelurahan; filled in, it imports.
    const xlsx = await admin.getRaw('/bandung/umkm/impor/templat.xlsx');
    const wb = await readXlsxDownload(xlsx);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Data', 'Petunjuk', 'Kelurahan'],
    );
    assert.equal(
      (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1).join(','),
      GOOD_CSV().split('\n')[0]!.replace(',rw,', ',rw,lat,lng,'),
      'the columns, with the point after the RW',
    );
    assert.equal(wb.worksheets[2]!.actualRowCount, 152, 'header + 151 kelurahan');
    wb.worksheets[0]!.addRow([
      'Seblak Teh Rina',
      'Rina',
      '9300000000001',
      null,
      null,
      '081299990000',
      null,
      null,
      'Isola',
    ]);
    const filled = await form(Buffer.from(await wb.xlsx.writeBuffer()), 'templat.xlsx');
    assert.equal(filled.status, 303);
    await env.balai.jobs.drain('umkm.impor');
    assert.match((await admin.get(String(filled.headers.location))).body, /Semua 1 baris valid/);
  });
});
