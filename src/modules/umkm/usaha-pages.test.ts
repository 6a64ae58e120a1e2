/**
 * The registry pages through the app, as a browser would use them (forms, 303 redirects):
 * registration with errors beside the fields and nothing written; registration that redirects
 * to the business page with the NIK masked; yearly figures typed as "Rp 2.500.000.000"; an
 * officer's return note shown to the owner; the full NIK only for umkm.nik with a purpose, not
 * cached, and audited; the registry list with masked phone numbers.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '../../../tests/helpers/app.ts';
import { useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { parseRupiah } from '../../platform/angka.ts';

const env = useBalaiWithOwnerDb();
const BASE = '/bandung/umkm';
const KEL = '32.73.01.1001';
const NIK = '3273014101900001';
const PHONE = '081234567890';

const as = clientAs(env);

const count = async () =>
  (await env.db.query<{ n: number }>(`select count(*)::int as n from umkm_usaha where tenant_id = '32.73'`))
    .rows[0]!.n;

/** The text of a field's error paragraph, or null. */
function fieldError(body: string, name: string): string | null {
  const m = new RegExp(`<p class="error" id="f-${name}-err">([^<]*)</p>`).exec(body);
  return m ? m[1]!.trim() : null;
}

describe('parseRupiah', () => {
  it('reads rupiah as people type them', () => {
    assert.equal(parseRupiah('Rp 1.500.000.000'), 1_500_000_000);
    assert.equal(parseRupiah('Rp1.500.000,-'), 1_500_000);
    assert.equal(parseRupiah('1.500.000,00'), 1_500_000);
    assert.equal(parseRupiah('2500000'), 2_500_000);
    assert.equal(parseRupiah(' '), null);
    assert.equal(parseRupiah(undefined), undefined);
    // "1,500,000": commas are decimal separators in Indonesia, so not guessed as thousands.
    for (const bad of ['-5', '1,5', '1.50', 'abc', '99999999999999999999', '1,500,000', '0x10', '1e3'])
      assert.ok(Number.isNaN(parseRupiah(bad)), bad);
  });
});

describe('the registry pages', () => {
  let owner: Client;
  let id = '';

  before(async () => {
    owner = await as('warga');
  });

  it('shows the registration form, with a KBLI search that needs no script', async () => {
    const r = await owner.get(`${BASE}/daftar?cari=keripik`);
    assert.equal(r.status, 200, r.body);
    assert.match(r.body, /<form method="post" action="\/bandung\/umkm\/daftar"/);
    assert.match(r.body, /<optgroup label="Kecamatan /);
    assert.match(r.body, /10794/, 'the search lists the KBLI code of chips');
    assert.match(r.body, /href="\/bandung\/umkm\/daftar\?kbli=10794/);
    const pre = await owner.get(`${BASE}/daftar?kbli=10794`);
    assert.match(
      pre.body,
      /id="f-kbli"[^>]*value="10794"|value="10794"[^>]*id="f-kbli"|name="kbli"\s+type="text"\s+value="10794"/,
    );
    assert.match(r.body, /terenkripsi/, 'the NIK note says it is stored encrypted');
  });

  it('shows errors beside the fields with 400 and writes nothing', async () => {
    const before = await count();
    const r = await owner.request('POST', `${BASE}/daftar`, {
      form: {
        nama: 'K',
        pemilikNama: 'Siti Aminah',
        telepon: '12ab',
        nib: '12345',
        nik: '1234',
        kelurahanKode: '',
        tahunBerdiri: 'dulu',
        kbli: '99999',
      },
    });
    assert.equal(r.status, 400, r.body);
    for (const name of ['nama', 'telepon', 'nib', 'nik', 'kelurahanKode', 'tahunBerdiri', 'kbli'])
      assert.ok(fieldError(r.body, name), `an error beside ${name}`);
    assert.equal(fieldError(r.body, 'pemilikNama'), null);
    assert.match(r.body, /role="alert"/, 'an error summary');
    assert.match(r.body, /value="Siti Aminah"/, 'the values sent are kept');
    assert.equal(await count(), before, 'nothing written');

    const rw = await owner.request('POST', `${BASE}/daftar`, {
      form: { nama: 'Warung Uji', pemilikNama: 'Siti Aminah', kelurahanKode: KEL, rwNomor: '999' },
    });
    assert.equal(rw.status, 400);
    assert.ok(fieldError(rw.body, 'rwNomor'), 'an RW that does not exist in the kelurahan');
    assert.equal(await count(), before);
  });

  it('registers, redirects to the business page and shows the NIK masked only', async () => {
    const r = await owner.request('POST', `${BASE}/daftar`, {
      form: {
        nama: 'Keripik Tempe Bu Siti',
        pemilikNama: 'Siti Aminah',
        telepon: '0812-3456-7890',
        email: '',
        kelurahanKode: KEL,
        rwNomor: '',
        alamat: 'Jl. Uji No. 1',
        tahunBerdiri: '2018',
        jumlahPekerja: '3',
        deskripsi: 'Keripik tempe renyah.',
        nib: '',
        npwp: '',
        nik: NIK,
        kbli: '10794',
        umkmCenter: '1',
        sentra: '',
        inkubator: '',
      },
    });
    assert.equal(r.status, 303, r.body);
    const loc = String(r.headers.location);
    const m = /^\/bandung\/umkm\/usaha\/([0-9a-f-]{36})\?ok=dibuat$/.exec(loc);
    assert.ok(m, loc);
    id = m[1]!;
    const page = await owner.get(loc);
    assert.equal(page.status, 200);
    assert.match(page.body, /Keripik Tempe Bu Siti/);
    assert.match(page.body, /3273\*{8}0001/);
    assert.ok(!page.body.includes(NIK), 'the full NIK is never on the page');
    assert.match(page.body, /role="status"/, 'a flash message');
    assert.match(page.body, /10794/);
    assert.ok(!page.body.includes('Lihat NIK'), 'the owner cannot open the full NIK');
    const mine = await owner.get(`${BASE}/saya`);
    assert.match(mine.body, /Keripik Tempe Bu Siti/);
    assert.match(mine.body, /Draf/);
    assert.match(mine.body, /href="\/bandung\/umkm\/daftar"/);
  });

  it('takes a point for the map: latitude and longitude inputs that work without script, checked to lie in the city', async () => {
    const form = await owner.get(`${BASE}/daftar`);
    assert.match(form.body, /<input\s+id="f-lat"\s+name="lat"/);
    assert.match(form.body, /<input\s+id="f-lng"\s+name="lng"/);
    assert.match(form.body, /<div\s+id="peta-pin"[^>]*\shidden/, 'the map waits for its script');
    assert.match(form.body, /<script src="\/assets\/js\/peta-pin\.js" defer><\/script>/);
    assert.match(form.body, /href="\/assets\/leaflet\/leaflet\.css"/);
    const before = await count();
    const dasar = { nama: 'Kedai Berpeta', pemilikNama: 'Siti Aminah', kelurahanKode: KEL };
    const kirim = (lat: string, lng: string) =>
      owner.request('POST', `${BASE}/daftar`, { form: { ...dasar, lat, lng } });
    const jakarta = await kirim('-6.2000', '106.8166');
    assert.equal(jakarta.status, 400);
    assert.match(fieldError(jakarta.body, 'lat') ?? '', /di luar wilayah kota ini/);
    assert.match(jakarta.body, /value="106\.8166"/, 'the values sent are kept');
    const tertukar = await kirim('107.609810', '-6.914744');
    assert.equal(tertukar.status, 400);
    assert.ok(fieldError(tertukar.body, 'lat'));
    const separuh = await kirim('-6.914744', '');
    assert.equal(separuh.status, 400);
    assert.ok(fieldError(separuh.body, 'lng'));
    const huruf = await kirim('enam', '107.6');
    assert.equal(huruf.status, 400);
    assert.ok(fieldError(huruf.body, 'lat'));
    assert.equal(await count(), before, 'nothing written');

    const ok = await kirim('-6,914744', '107,609810');
    assert.equal(ok.status, 303, ok.body);
    const baru = /usaha\/([0-9a-f-]{36})/.exec(String(ok.headers.location))![1]!;
    const row = await env.db.query<{ lat: number; lng: number }>(
      `select lat, lng from umkm_usaha where id = $1`,
      [baru],
    );
    assert.deepEqual(row.rows[0], { lat: -6.914744, lng: 107.60981 });
    const page = await owner.get(`${BASE}/usaha/${baru}`);
    assert.match(
      page.body,
      /name="lat"\s+type="text"\s+value="-6\.914744"/,
      'the profile form shows the point',
    );
    const moved = await owner.request('POST', `${BASE}/usaha/${baru}/profil`, {
      form: { ...dasar, lat: '-6.9175', lng: '107.6191' },
    });
    assert.equal(moved.status, 303, moved.body);
    const after = await env.db.query<{ lat: number }>(`select lat from umkm_usaha where id = $1`, [baru]);
    assert.equal(after.rows[0]!.lat, -6.9175);
  });

  it('saves yearly figures typed as "Rp 2.500.000.000" as whole rupiah with the right class', async () => {
    const bad = await owner.request('POST', `${BASE}/usaha/${id}/keuangan`, {
      form: { tahun: '2024', modal: 'banyak', penjualan: '' },
    });
    assert.equal(bad.status, 400);
    assert.ok(fieldError(bad.body, 'modal'));
    const r = await owner.request('POST', `${BASE}/usaha/${id}/keuangan`, {
      form: { tahun: '2024', modal: '', penjualan: 'Rp 2.500.000.000', pekerja: '4' },
    });
    assert.equal(r.status, 303, r.body);
    const row = await env.db.query<{ penjualan: string; modal: string | null; kelas: string; dasar: string }>(
      `select penjualan::text as penjualan, modal, kelas, dasar from umkm_keuangan where usaha_id = $1 and tahun = 2024`,
      [id],
    );
    assert.deepEqual(row.rows[0], {
      penjualan: '2500000000',
      modal: null,
      kelas: 'kecil',
      dasar: 'penjualan',
    });
    const page = await owner.get(`${BASE}/usaha/${id}`);
    assert.match(page.body, /Rp\s2\.500\.000\.000/);
    assert.match(page.body, /Usaha kecil/);
  });

  it('changes the profile, the KBLI codes and the legality documents through their forms', async () => {
    const page = (await owner.get(`${BASE}/usaha/${id}`)).body;
    assert.match(page, /action="\/bandung\/umkm\/usaha\/[^"]+\/profil"/);
    assert.ok(!page.includes(NIK), 'the NIK field of the edit form is empty');
    const edit = await owner.request('POST', `${BASE}/usaha/${id}/profil`, {
      form: {
        nama: 'Keripik Tempe Bu Siti',
        pemilikNama: 'Siti Aminah',
        telepon: PHONE,
        kelurahanKode: KEL,
        alamat: 'Jl. Uji No. 2',
        jumlahPekerja: '5',
        nik: '',
      },
    });
    assert.equal(edit.status, 303, edit.body);
    const row = await env.db.query<{ alamat: string; jumlah_pekerja: number; nik_samaran: string }>(
      `select alamat, jumlah_pekerja, nik_samaran from umkm_usaha where id = $1`,
      [id],
    );
    assert.deepEqual(row.rows[0], {
      alamat: 'Jl. Uji No. 2',
      jumlah_pekerja: 5,
      nik_samaran: '3273********0001',
    });
    const badEdit = await owner.request('POST', `${BASE}/usaha/${id}/profil`, {
      form: {
        nama: 'Keripik Tempe Bu Siti',
        pemilikNama: 'Siti Aminah',
        kelurahanKode: KEL,
        email: 'bukan email',
      },
    });
    assert.equal(badEdit.status, 400);
    assert.ok(fieldError(badEdit.body, 'email'));

    const kbli = (form: Record<string, string>) =>
      owner.request('POST', `${BASE}/usaha/${id}/kbli`, { form });
    const bad = await kbli({ aksi: 'tambah', kode: '99999' });
    assert.equal(bad.status, 400);
    assert.ok(fieldError(bad.body, 'kode'));
    assert.equal((await kbli({ aksi: 'tambah', kode: '47111' })).status, 303);
    assert.equal((await kbli({ aksi: 'utama', kode: '47111' })).status, 303);
    const codes = async () =>
      (
        await env.db.query<{ kode: string; utama: boolean }>(
          `select kode, utama from umkm_usaha_kbli where usaha_id = $1 order by utama desc, kode`,
          [id],
        )
      ).rows;
    assert.deepEqual(await codes(), [
      { kode: '47111', utama: true },
      { kode: '10794', utama: false },
    ]);
    assert.equal((await kbli({ aksi: 'ganti', daftar: '10794, 56101' })).status, 303);
    assert.deepEqual(await codes(), [
      { kode: '10794', utama: true },
      { kode: '56101', utama: false },
    ]);
    assert.equal((await kbli({ aksi: 'hapus', kode: '56101' })).status, 303);
    assert.deepEqual(await codes(), [{ kode: '10794', utama: true }]);

    const add = await owner.request('POST', `${BASE}/usaha/${id}/legalitas`, {
      form: { jenis: 'pirt', nomor: '2063273010123-29', terbit: '2019-01-01', berlakuSampai: '2024-01-01' },
    });
    assert.equal(add.status, 303, add.body);
    const withDoc = (await owner.get(`${BASE}/usaha/${id}`)).body;
    assert.match(withDoc, /Kedaluwarsa/, 'an expired document is flagged');
    const docId = /\/legalitas\/([0-9a-f-]{36})\/hapus/.exec(withDoc)?.[1];
    assert.ok(docId);
    const del = await owner.request('POST', `${BASE}/usaha/${id}/legalitas/${docId}/hapus`, { form: {} });
    assert.equal(del.status, 303);
    assert.ok(!(await owner.get(`${BASE}/usaha/${id}`)).body.includes('2063273010123-29'));
  });

  it('an officer returns it with a note and the owner sees the note', async () => {
    const sub = await owner.request('POST', `${BASE}/usaha/${id}/ajukan`, { form: {} });
    assert.equal(sub.status, 303, sub.body);
    const camat = await as('petugas_kecamatan');
    const page = await camat.get(`${BASE}/usaha/${id}`);
    assert.match(page.body, /action="\/bandung\/umkm\/usaha\/[^"]+\/kembalikan"/);
    const short = await camat.request('POST', `${BASE}/usaha/${id}/kembalikan`, { form: { catatan: 'x' } });
    assert.equal(short.status, 400);
    assert.ok(fieldError(short.body, 'catatan'));
    const ret = await camat.request('POST', `${BASE}/usaha/${id}/kembalikan`, {
      form: { catatan: 'Lengkapi foto tempat usaha.' },
    });
    assert.equal(ret.status, 303, ret.body);
    const seen = await owner.get(`${BASE}/usaha/${id}`);
    assert.match(seen.body, /Catatan petugas/);
    assert.match(seen.body, /Lengkapi foto tempat usaha\./);
    assert.match(seen.body, /Ajukan verifikasi/, 'the owner may submit again');
    const again = await camat.request('POST', `${BASE}/usaha/${id}/kembalikan`, {
      form: { catatan: 'Sekali lagi dikembalikan.' },
    });
    assert.equal(again.status, 409, 'not possible once returned');
  });

  it('shows the full NIK only to umkm.nik with a purpose, not cached, and audits it', async () => {
    const camat = await as('petugas_kecamatan');
    assert.ok(!(await camat.get(`${BASE}/usaha/${id}`)).body.includes('/nik"'));
    const refused = await camat.request('POST', `${BASE}/usaha/${id}/nik`, {
      form: { tujuan: 'Pencocokan data' },
    });
    assert.equal(refused.status, 403);
    assert.ok(!refused.body.includes(NIK));
    assert.equal(
      (await owner.request('POST', `${BASE}/usaha/${id}/nik`, { form: { tujuan: 'Ingin tahu' } })).status,
      403,
    );

    const admin = await as('admin_kota');
    const page = await admin.get(`${BASE}/usaha/${id}`);
    assert.match(page.body, /action="\/bandung\/umkm\/usaha\/[^"]+\/nik"/);
    assert.ok(!page.body.includes(NIK));
    const none = await admin.request('POST', `${BASE}/usaha/${id}/nik`, { form: { tujuan: '' } });
    assert.equal(none.status, 400);
    assert.ok(fieldError(none.body, 'tujuan'));
    assert.ok(!none.body.includes(NIK));
    const r = await admin.request('POST', `${BASE}/usaha/${id}/nik`, {
      form: { tujuan: 'Pencocokan data OSS' },
    });
    assert.equal(r.status, 200, r.body);
    assert.ok(r.body.includes(NIK));
    assert.match(String(r.headers['cache-control']), /no-store/);
    const audit = await env.db.query<{ after: { kolom: string; tujuan: string } }>(
      `select after from audit_log where entity = 'umkm_usaha' and entity_id = $1 and action = 'read'`,
      [id],
    );
    assert.deepEqual(
      audit.rows.map((a) => a.after),
      [{ kolom: 'nik', tujuan: 'Pencocokan data OSS' }],
    );
    assert.ok(!(await admin.get(`${BASE}/usaha/${id}`)).body.includes(NIK), 'shown once, not kept');
  });

  it('lists the registry for a kelurahan officer with masked phone numbers only', async () => {
    const kel = await as('petugas_kelurahan');
    const r = await kel.get(`${BASE}/usaha?q=keripik`);
    assert.equal(r.status, 200, r.body);
    assert.match(r.body, /Keripik Tempe Bu Siti/);
    assert.match(r.body, /0812\*{4}7890/);
    assert.ok(!r.body.includes(PHONE), 'no full phone number');
    assert.ok(!r.body.includes('Menunggu verifikasi</h2>'), 'no verification queue for a non-verifier');
    const detail = await kel.get(`${BASE}/usaha/${id}`);
    assert.equal(detail.status, 200);
    assert.ok(!detail.body.includes(PHONE) && !detail.body.includes(NIK));
    assert.ok(!detail.body.includes('/profil"'), 'no edit form without the right');
    assert.equal((await owner.get(`${BASE}/usaha`)).status, 403, 'the registry is for officers');

    const camat = await as('petugas_kecamatan');
    const queue = await camat.get(`${BASE}/usaha?status=diajukan`);
    assert.equal(queue.status, 200);
    assert.match(queue.body, /Menunggu verifikasi<\/h2>/);
  });

  it('lets an officer with umkm.kelola add a business without an owner account', async () => {
    assert.equal((await owner.get(`${BASE}/daftar?untuk=lain`)).status, 403);
    const dinas = await as('admin_kota');
    const f = await dinas.get(`${BASE}/daftar?untuk=lain`);
    assert.equal(f.status, 200);
    assert.match(f.body, /name="untukOrangLain" value="1"/);
    const r = await dinas.request('POST', `${BASE}/daftar`, {
      form: { nama: 'Batik Uji Kota', pemilikNama: 'Pak Budi', kelurahanKode: KEL, untukOrangLain: '1' },
    });
    assert.equal(r.status, 303, r.body);
    const row = await env.db.query<{ pemilik_user_id: string | null }>(
      `select pemilik_user_id from umkm_usaha where nama = 'Batik Uji Kota'`,
    );
    assert.equal(row.rows[0]!.pemilik_user_id, null);
  });
});
