/**
 * The registry through the API: an owner registers a business (NIB, KBLI, figures -> class,
 * legality), bad input is refused with pointers and writes nothing, the owner submits, an officer
 * returns it with a note, it is resubmitted and verified; areas and ownership limit who sees it;
 * the NIK is stored encrypted, shown masked, and read in full only by umkm.nik with an audit row.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Client } from '../../../tests/helpers/app.ts';
import { useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import type { UsahaView } from './usaha-service.ts';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/umkm';
const KEL = '32.73.01.1001';
const NIK = '3273014101900001';

const as = clientAs(env);

const count = async () =>
  (await env.db.query<{ n: number }>(`select count(*)::int as n from umkm_usaha where tenant_id = '32.73'`))
    .rows[0]!.n;

describe('the registry through the API', () => {
  let owner: Client;
  let id = '';

  before(async () => {
    owner = await as('warga');
  });

  it('refuses bad input with a pointer per field and writes nothing', async () => {
    const before = await count();
    const r = await owner.post(`${API}/usaha`, {
      nama: 'K',
      pemilikNama: 'Siti Aminah',
      nib: '12345',
      npwp: 'abc',
      nik: '1234',
      telepon: '12ab',
      kelurahanKode: '36.73.01.1001',
      kbli: ['99999'],
    });
    assert.equal(r.status, 400, r.body);
    assert.deepEqual(
      r
        .json<Problem>()
        .errors?.map((e) => e.pointer)
        .sort(),
      ['/body/kelurahanKode', '/body/nama', '/body/nib', '/body/nik', '/body/npwp', '/body/telepon'].sort(),
    );
    const kbli = await owner.post(`${API}/usaha`, {
      nama: 'Keripik Uji',
      pemilikNama: 'Siti Aminah',
      kelurahanKode: KEL,
      kbli: ['10794', '99999'],
    });
    assert.equal(kbli.status, 400);
    assert.deepEqual(
      kbli.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/kbli/1'],
    );
    assert.equal((await owner.post(`${API}/usaha`, { nama: 'X', extra: 1 })).status, 400);
    const rwLain = (
      await env.db.query<{ id: string }>(
        `select id from rw where tenant_id = '32.73' and kelurahan_kode <> $1 limit 1`,
        [KEL],
      )
    ).rows[0]!.id;
    const rw = await owner.post(`${API}/usaha`, {
      nama: 'Keripik Uji',
      pemilikNama: 'Siti Aminah',
      kelurahanKode: KEL,
      rwId: rwLain,
    });
    assert.equal(rw.status, 400, 'an RW of another kelurahan');
    assert.deepEqual(
      rw.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/rwId'],
    );
    assert.equal(await count(), before, 'nothing written');
  });

  it('registers with NIB, KBLI, figures and legality; the NIK is encrypted and masked', async () => {
    const r = await owner.post(`${API}/usaha`, {
      nama: 'Keripik Tempe Bu Siti',
      pemilikNama: 'Siti Aminah',
      nib: '1234 5678 9012 3',
      nik: NIK,
      telepon: '0812-3456-7890',
      kelurahanKode: KEL,
      kbli: ['10794'],
      tahunBerdiri: 2018,
    });
    assert.equal(r.status, 201, r.body);
    const u = r.json<UsahaView>();
    id = u.id;
    assert.equal(u.nib, '1234567890123');
    assert.equal(u.nikSamaran, '3273********0001');
    assert.equal(u.telepon, '081234567890', 'the owner sees the full phone');
    assert.equal(u.kecamatanKode, '32.73.01');
    assert.equal(u.sektor, 'C');
    assert.equal(u.status, 'draf');
    assert.equal(u.slug, 'keripik-tempe-bu-siti');
    assert.ok(!r.body.includes(NIK));
    const stored = await env.db.query<{ nik_enc: string }>(`select nik_enc from umkm_usaha where id = $1`, [
      id,
    ]);
    assert.ok(stored.rows[0]!.nik_enc && !stored.rows[0]!.nik_enc.includes(NIK));

    // Figures: 2024 by sales mikro, 2025 sales over 2 miliar -> kecil (naik).
    const y1 = await owner.request('PUT', `${API}/usaha/${id}/keuangan/2024`, {
      json: { modal: 300_000_000, penjualan: 1_800_000_000, pekerja: 4 },
    });
    assert.equal(y1.status, 200, y1.body);
    const y2 = await owner.request('PUT', `${API}/usaha/${id}/keuangan/2025`, {
      json: { modal: 400_000_000, penjualan: 2_000_000_001 },
    });
    const v = y2.json<UsahaView>();
    assert.deepEqual(
      v.keuangan.map((k) => [k.tahun, k.kelas, k.dasar, k.gerak]),
      [
        [2024, 'mikro', 'penjualan', null],
        [2025, 'kecil', 'penjualan', 'naik'],
      ],
    );
    assert.equal(v.kelas, 'kecil');
    const neg = await owner.request('PUT', `${API}/usaha/${id}/keuangan/2023`, { json: { modal: -1 } });
    assert.equal(neg.status, 400);
    const none = await owner.request('PUT', `${API}/usaha/${id}/keuangan/2023`, { json: {} });
    assert.equal(none.status, 400);

    const halal = await owner.post(`${API}/usaha/${id}/legalitas`, {
      jenis: 'halal',
      nomor: 'ID32110000123450324',
      terbit: '2024-03-01',
      berlakuSampai: '2028-03-01',
    });
    assert.equal(halal.status, 201, halal.body);
    const badDates = await owner.post(`${API}/usaha/${id}/legalitas`, {
      jenis: 'pirt',
      nomor: '2063273010123-29',
      terbit: '2024-03-01',
      berlakuSampai: '2023-03-01',
    });
    assert.equal(badDates.status, 400);
  });

  it('keeps a business to its owner and the officers of its area', async () => {
    const other = await as('pelaku_umkm');
    assert.equal((await other.get(`${API}/usaha/${id}`)).status, 404);
    assert.equal((await other.patch(`${API}/usaha/${id}`, { nama: 'Diambil' })).status, 404);
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/umkm/usaha/${id}`)).status, 404);
    const kel = await as('petugas_kelurahan');
    const seen = await kel.get(`${API}/usaha/${id}`);
    assert.equal(seen.status, 200);
    assert.equal(
      seen.json<UsahaView>().telepon,
      '0812****7890',
      'masked for a viewer who does not manage it',
    );
    assert.equal((await kel.patch(`${API}/usaha/${id}`, { nama: 'Diubah' })).status, 403);
    const list = await kel.get(`${API}/usaha?q=keripik tempe`);
    assert.equal(list.status, 200);
    assert.ok(list.json<{ items: { id: string; telepon: string }[] }>().items.some((x) => x.id === id));
    assert.ok(!list.body.includes('081234567890'));
  });

  it('submits, returns with a note, resubmits and verifies', async () => {
    const camat = await as('petugas_kecamatan');
    assert.equal((await camat.post(`${API}/usaha/${id}/verifikasi`, {})).status, 409, 'not submitted yet');
    const sub = await owner.post(`${API}/usaha/${id}/ajukan`);
    assert.equal(sub.status, 200, sub.body);
    assert.equal(
      (await owner.post(`${API}/usaha/${id}/verifikasi`, {})).status,
      403,
      'the owner does not verify',
    );
    assert.equal((await camat.post(`${API}/usaha/${id}/kembalikan`, { catatan: 'x' })).status, 400);
    const ret = await camat.post(`${API}/usaha/${id}/kembalikan`, { catatan: 'Lengkapi foto tempat usaha.' });
    assert.equal(ret.status, 200, ret.body);
    assert.equal(ret.json<UsahaView>().status, 'dikembalikan');
    assert.equal((await owner.post(`${API}/usaha/${id}/ajukan`)).status, 200);
    const ok = await camat.post(`${API}/usaha/${id}/verifikasi`, {});
    assert.equal(ok.status, 200, ok.body);
    const v = ok.json<UsahaView>();
    assert.equal(v.status, 'terverifikasi');
    assert.deepEqual(
      v.langkah.map((l) => l.status),
      ['draf', 'diajukan', 'dikembalikan', 'diajukan', 'terverifikasi'],
    );
    assert.match(v.langkah[2]!.catatan ?? '', /Lengkapi foto/);
  });

  it('refuses submission of an incomplete business, listing what is missing', async () => {
    const r = await owner.post(`${API}/usaha`, {
      nama: 'Warung Kopi Uji',
      pemilikNama: 'Siti',
      kelurahanKode: KEL,
    });
    assert.equal(r.status, 201);
    const sub = await owner.post(`${API}/usaha/${r.json<UsahaView>().id}/ajukan`);
    assert.equal(sub.status, 409);
    assert.deepEqual(
      sub.json<Problem>().errors?.map((e) => e.pointer),
      ['/kbli', '/keuangan', '/telepon'],
    );
  });

  it('gives the full NIK only to umkm.nik, with a purpose, and audits the read', async () => {
    const camat = await as('petugas_kecamatan');
    assert.equal((await camat.get(`${API}/usaha/${id}/nik?tujuan=verifikasi data`)).status, 403);
    assert.equal((await owner.get(`${API}/usaha/${id}/nik?tujuan=verifikasi data`)).status, 403);
    const admin = await as('admin_kota');
    assert.equal((await admin.get(`${API}/usaha/${id}/nik`)).status, 400, 'a purpose is required');
    const r = await admin.get(`${API}/usaha/${id}/nik?tujuan=Pencocokan data OSS`);
    assert.equal(r.status, 200);
    assert.equal(r.json<{ nik: string }>().nik, NIK);
    assert.equal(r.headers['cache-control'], 'no-store');
    const audit = await env.db.query<{ action: string; after: { kolom: string; tujuan: string } }>(
      `select action, after from audit_log where entity = 'umkm_usaha' and entity_id = $1 and action = 'read'`,
      [id],
    );
    assert.equal(audit.rows.length, 1);
    assert.deepEqual(audit.rows[0]!.after, { kolom: 'nik', tujuan: 'Pencocokan data OSS' });
  });
});
