/**
 * KBS: the status rules (pure), and through the API the assessment flow (draft, submit, return
 * with notes, resubmit, approve), a computed indicator fed by a real bank sampah deposit, the
 * status history, another city's RW (404) and values out of range (400, nothing written).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '../../../../tests/helpers/app.ts';
import { useBalaiWithOwnerDb, clientAs } from '../../../../tests/helpers/app.ts';
import { multipart } from '../../../../tests/helpers/multipart.ts';
import {
  seedBank,
  seedHarga,
  seedNasabah,
  STANDARD_PRICES,
} from '../../../../tests/helpers/bank-sampah-fixtures.ts';
import { isNilaiValid, computeStatus, type AturanIndikator, type AturanTingkat } from './kbs-aturan.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { rentangPeriode } from './kbs-common.ts';
import { type PenilaianView } from './penilaian-service.ts';
import { type RwKbsView } from './rw-service.ts';
import { JENIS_INDIKATOR, TIPE_FOTO, STATUS_PENILAIAN, SUMBER_INDIKATOR } from './indikator.ts';
import { assertCheckValues } from '../../../../tests/helpers/check-values.ts';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

describe('status rules', () => {
  const ind: AturanIndikator[] = [
    { kode: 'PILAH', jenis: 'ya_tidak', ambang: null, bobot: 40 },
    { kode: 'KOMPOS', jenis: 'persen', ambang: 50, bobot: 30 },
    { kode: 'BANK', jenis: 'ya_tidak', ambang: null, bobot: 30 },
  ];
  const tingkat: AturanTingkat[] = [
    { id: 'c', nama: 'KBS Mandiri', urutan: 3, minSkor: 100, indikatorWajib: ['BANK'] },
    { id: 'a', nama: 'Rintisan', urutan: 1, minSkor: 30, indikatorWajib: [] },
    { id: 'b', nama: 'Berkembang', urutan: 2, minSkor: 60, indikatorWajib: ['PILAH'] },
  ];
  const status = (v: Record<string, number>) => computeStatus(ind, tingkat, new Map(Object.entries(v)));

  it('scores the weight of the met indicators', () => {
    assert.equal(status({}).skor, 0);
    assert.equal(status({ PILAH: 1, KOMPOS: 50, BANK: 0 }).skor, 70);
    assert.equal(status({ PILAH: 0, KOMPOS: 49.999, BANK: 1 }).skor, 30);
    assert.deepEqual(status({ PILAH: 1, KOMPOS: 80 }).terpenuhi, ['PILAH', 'KOMPOS']);
    assert.equal(computeStatus([{ kode: 'X', jenis: 'angka', ambang: 3, bobot: 0 }], [], new Map()).skor, 0);
    const third = computeStatus(
      [
        { kode: 'A', jenis: 'ya_tidak', ambang: null, bobot: 1 },
        { kode: 'B', jenis: 'ya_tidak', ambang: null, bobot: 2 },
      ],
      [],
      new Map([['A', 1]]),
    );
    assert.equal(third.skor, 33.33);
  });

  it('climbs levels from the lowest, needing the required indicators, stopping at the first not reached', () => {
    assert.equal(status({}).tingkat, null);
    assert.equal(status({ BANK: 1 }).tingkat?.nama, 'Rintisan');
    assert.equal(status({ PILAH: 1, KOMPOS: 60 }).tingkat?.nama, 'Berkembang');
    // 60 without the required PILAH stays Rintisan.
    assert.equal(status({ KOMPOS: 60, BANK: 1 }).tingkat?.nama, 'Rintisan');
    assert.equal(status({ PILAH: 1, KOMPOS: 60, BANK: 1 }).tingkat?.nama, 'KBS Mandiri');
    // A higher level needs the lower ones: Mandiri's rule alone is not enough.
    const skip = computeStatus(
      ind,
      [
        { id: 'a', nama: 'A', urutan: 1, minSkor: 0, indikatorWajib: ['KOMPOS'] },
        { id: 'b', nama: 'B', urutan: 2, minSkor: 0, indikatorWajib: ['BANK'] },
      ],
      new Map([['BANK', 1]]),
    );
    assert.equal(skip.tingkat, null);
  });

  it('accepts only values in range', () => {
    assert.ok(isNilaiValid('ya_tidak', 1) && isNilaiValid('ya_tidak', 0));
    assert.ok(!isNilaiValid('ya_tidak', 2) && !isNilaiValid('ya_tidak', 0.5));
    assert.ok(isNilaiValid('persen', 100) && !isNilaiValid('persen', 100.5) && !isNilaiValid('persen', -1));
    assert.ok(
      isNilaiValid('angka', 12.125) && !isNilaiValid('angka', 1.0005) && !isNilaiValid('angka', Number.NaN),
    );
  });

  it('knows the days of a month', () => {
    assert.deepEqual(rentangPeriode('2024-02'), { dari: '2024-02-01', sampai: '2024-02-29' });
    assert.equal(todayWib(new Date('2026-04-30T17:30:00Z')), '2026-05-01');
  });
});

const env = useBalaiWithOwnerDb();

describe('kinds and statuses declared once', () => {
  it('are the values the CHECK constraints of the tables allow', async () => {
    await assertCheckValues(env.db, {
      sampah_kbs_indikator: { jenis: JENIS_INDIKATOR, sumber: SUMBER_INDIKATOR },
      sampah_kbs_penilaian: { status: STATUS_PENILAIAN },
      sampah_kbs_langkah: { status: STATUS_PENILAIAN },
      sampah_kbs_bukti: { tipe: TIPE_FOTO },
    });
  });
});
const API = '/api/v1/cities/bandung/sampah/kbs';
const BANK_API = '/api/v1/cities/bandung/bank-sampah';
const KEL = '32.73.01.1001';

const as = clientAs(env);

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'.padEnd(120, '0'), 'hex');

async function upload(c: Client, id: string, kode: string, data: Buffer, filename: string) {
  const m = multipart([
    { name: 'indikatorKode', value: kode },
    { name: 'foto', value: data, filename, type: 'image/png' },
  ]);
  return c.request('POST', `${API}/penilaian/${id}/bukti`, { payload: m.payload, headers: m.headers });
}

describe('demo data', () => {
  it('Bandung has the indicator set, three levels, a status for about 29 % of its RWs and assessments in each state', async () => {
    const n = async (q: string) => (await env.db.query<{ n: number }>(q)).rows[0]!.n;
    assert.equal(
      await n(`select count(*)::int as n from sampah_kbs_indikator where tenant_id = '32.73' and demo`),
      8,
    );
    assert.equal(await n(`select count(*)::int as n from sampah_kbs_tingkat where tenant_id = '32.73'`), 3);
    const rws = await n(`select count(*)::int as n from rw where tenant_id = '32.73'`);
    const kbs = await n(
      `select count(distinct rw_id)::int as n from sampah_kbs_riwayat where tenant_id = '32.73'`,
    );
    assert.ok(kbs / rws > 0.2 && kbs / rws < 0.4, `${kbs} of ${rws}`);
    const states = await env.db.query<{ status: string }>(
      `select status from sampah_kbs_penilaian where tenant_id = '32.73' order by status`,
    );
    assert.deepEqual(
      states.rows.map((r) => r.status),
      ['diajukan', 'dikembalikan', 'disetujui', 'draf'],
    );
    assert.ok((await n(`select count(*)::int as n from sampah_kbs_indikator where tenant_id = '36.73'`)) > 0);
    // The demo pengurus RW sees its RW's assessment awaiting verification; the admin sees the queue.
    const rw = await as('pengurus_rw');
    const own = (await rw.get(`${API}/penilaian`)).json<{ status: string; rwKode: string }[]>();
    assert.deepEqual(
      own.map((p) => [p.rwKode, p.status]),
      [[`${KEL}.001`, 'diajukan']],
    );
    const admin = await as('admin_kota');
    const queue = (await admin.get(`${API}/penilaian?status=diajukan`)).json<unknown[]>();
    assert.equal(queue.length, 1);
  });
});

describe('assessments through the API', () => {
  let admin: Client;
  let kel: Client;
  let rwId = '';
  let serangRw = '';
  const periode = todayWib().slice(0, 7);

  before(async () => {
    admin = await as('admin_kota');
    kel = await as('petugas_kelurahan');
    rwId = (
      await env.db.query<{ id: string }>(
        `insert into rw (tenant_id, kelurahan_kode, nomor, jumlah_kk) values ('32.73', $1, 901, 50) returning id`,
        [KEL],
      )
    ).rows[0]!.id;
    serangRw = (await env.db.query<{ id: string }>(`select id from rw where tenant_id <> '32.73' limit 1`))
      .rows[0]!.id;
    // Start from no indicator of our own: switch off any the city has.
    const existing = (await admin.get(`${API}/indikator`)).json<{ id: string }[]>();
    for (const i of existing)
      assert.equal((await admin.patch(`${API}/indikator/${i.id}`, { aktif: false })).status, 200);
    const indikator = [
      { kode: 'T-PILAH', nama: 'Warga memilah sampah', jenis: 'ya_tidak', bobot: 40, buktiWajib: true },
      { kode: 'T-KOMPOS', nama: 'Rumah tangga mengompos', jenis: 'persen', ambang: 50, bobot: 30 },
      {
        kode: 'T-BANK',
        nama: 'Bank sampah aktif',
        jenis: 'ya_tidak',
        bobot: 30,
        sumber: 'bank_sampah_aktif',
      },
      {
        kode: 'T-KGKK',
        nama: 'kg per KK per bulan',
        jenis: 'angka',
        ambang: 1,
        bobot: 0,
        sumber: 'kg_per_kk_bulan',
      },
    ];
    for (const i of indikator) {
      const r = await admin.post(`${API}/indikator`, i);
      assert.equal(r.status, 201, r.body);
    }
    const levels = [
      { nama: 'Rintisan', urutan: 1, minSkor: 30, indikatorWajib: [] },
      { nama: 'Berkembang', urutan: 2, minSkor: 60, indikatorWajib: ['T-PILAH'] },
      { nama: 'KBS Mandiri', urutan: 3, minSkor: 100, indikatorWajib: ['T-BANK'] },
    ];
    for (const l of levels) {
      const r = await admin.request('PUT', `${API}/tingkat`, { json: l });
      assert.equal(r.status, 200, r.body);
    }
  });

  it('refuses bad indicator configuration with pointers', async () => {
    const r = await admin.post(`${API}/indikator`, {
      kode: 'T-X',
      nama: 'Salah',
      jenis: 'persen',
      ambang: 120,
      bobot: 10,
    });
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/ambang'],
    );
    const kelurahan = await kel.post(`${API}/indikator`, {
      kode: 'T-Y',
      nama: 'Tidak boleh',
      jenis: 'ya_tidak',
      bobot: 1,
    });
    assert.equal(kelurahan.status, 403);
  });

  it('refuses a value out of range, writing nothing', async () => {
    const before = await env.db.query('select count(*)::int as n from sampah_kbs_penilaian');
    const r = await kel.post(`${API}/penilaian`, {
      rwId,
      periode,
      nilai: [
        { indikatorKode: 'T-PILAH', nilai: 1 },
        { indikatorKode: 'T-KOMPOS', nilai: 101 },
      ],
    });
    assert.equal(r.status, 400, r.body);
    assert.deepEqual(
      r.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/nilai/1/nilai'],
    );
    const yesNo = await kel.post(`${API}/penilaian`, {
      rwId,
      periode,
      nilai: [{ indikatorKode: 'T-PILAH', nilai: 2 }],
    });
    assert.equal(yesNo.status, 400);
    const computed = await kel.post(`${API}/penilaian`, {
      rwId,
      periode,
      nilai: [{ indikatorKode: 'T-BANK', nilai: 1 }],
    });
    assert.equal(computed.status, 400);
    const future = await kel.post(`${API}/penilaian`, { rwId, periode: '2999-01' });
    assert.equal(future.status, 400);
    const after = await env.db.query('select count(*)::int as n from sampah_kbs_penilaian');
    assert.deepEqual(after.rows, before.rows);
  });

  it("answers 404 for an RW of another city, and for the RW's page from another city", async () => {
    const r = await kel.post(`${API}/penilaian`, { rwId: serangRw, periode });
    assert.equal(r.status, 404);
    assert.equal((await admin.get(`${API}/rw/${serangRw}`)).status, 404);
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/sampah/kbs/rw/${rwId}`)).status, 404);
    assert.equal((await kel.get(`${API}/penilaian/${randomUUID()}`)).status, 404);
  });

  it('draft, submit, return with notes, resubmit after a bank deposit, approve; the status follows the rules', async () => {
    // Profile: 10 households (overrides the register's 50 for kg per KK).
    const prof = await kel.patch(`${API}/rw/${rwId}/profil`, {
      jumlahKk: 10,
      pemilahan: true,
      jadwalAngkut: 'Senin, Kamis',
    });
    assert.equal(prof.status, 200, prof.body);
    const bad = await kel.patch(`${API}/rw/${rwId}/profil`, { kontakTelepon: '12ab' });
    assert.equal(bad.status, 400);

    const created = await kel.post(`${API}/penilaian`, {
      rwId,
      periode,
      nilai: [
        { indikatorKode: 'T-PILAH', nilai: 1 },
        { indikatorKode: 'T-KOMPOS', nilai: 60 },
      ],
    });
    assert.equal(created.status, 201, created.body);
    let p = created.json<PenilaianView>();
    assert.equal(p.status, 'draf');
    const v = (kode: string) => p.nilai.find((n) => n.kode === kode)!;
    assert.equal(v('T-BANK').nilai, 0);
    assert.equal(v('T-BANK').terhitung, true);
    assert.equal(p.skor, 70);
    assert.equal(p.tingkat?.nama, 'Berkembang');
    assert.equal((await kel.post(`${API}/penilaian`, { rwId, periode })).status, 409);

    // Only a verifier approves; nothing to verify before submission.
    assert.equal((await admin.post(`${API}/penilaian/${p.id}/setujui`, {})).status, 409);
    // T-PILAH needs a photo: refused until one is uploaded (sniffed, not trusted by name).
    const missing = await kel.post(`${API}/penilaian/${p.id}/ajukan`);
    assert.equal(missing.status, 409);
    assert.deepEqual(
      missing.json<Problem>().errors?.map((e) => e.pointer),
      ['/bukti/T-PILAH'],
    );
    const fake = await upload(kel, p.id, 'T-PILAH', Buffer.from('bukan gambar'), 'foto.png');
    assert.equal(fake.status, 400, fake.body);
    const photo = await upload(kel, p.id, 'T-PILAH', PNG, 'pilah.png');
    assert.equal(photo.status, 201, photo.body);
    const fotoId = photo.json<{ id: string; tipe: string }>().id;
    assert.equal(photo.json<{ tipe: string }>().tipe, 'image/png');
    const bytes = await admin.get(`${API}/penilaian/${p.id}/bukti/${fotoId}`);
    assert.equal(bytes.status, 200);
    assert.equal(bytes.headers['content-type'], 'image/png');
    assert.equal(bytes.headers['x-content-type-options'], 'nosniff');
    assert.equal((await upload(kel, p.id, 'T-BANK', PNG, 'x.png')).status, 400);
    const sub = await kel.post(`${API}/penilaian/${p.id}/ajukan`);
    assert.equal(sub.status, 200, sub.body);
    assert.equal(sub.json<PenilaianView>().status, 'diajukan');
    assert.equal(
      (await kel.request('PUT', `${API}/penilaian/${p.id}/nilai`, { json: { nilai: [] } })).status,
      409,
    );
    assert.equal((await kel.post(`${API}/penilaian/${p.id}/setujui`, {})).status, 403);

    const queue = await admin.get(`${API}/penilaian?status=diajukan`);
    assert.ok(queue.json<{ id: string }[]>().some((q) => q.id === p.id));

    assert.equal((await admin.post(`${API}/penilaian/${p.id}/kembalikan`, { catatan: 'ok' })).status, 400);
    const ret = await admin.post(`${API}/penilaian/${p.id}/kembalikan`, {
      catatan: 'Bank sampah belum berjalan; lampirkan kegiatan bulan ini.',
    });
    assert.equal(ret.status, 200, ret.body);
    p = ret.json<PenilaianView>();
    assert.equal(p.status, 'dikembalikan');
    assert.match(p.catatanKembali ?? '', /Bank sampah belum berjalan/);

    // A real deposit at a bank in the RW: 5 kg of cardboard.
    const bank = await seedBank(env.db, { rwKel: KEL, rwNomor: 901 });
    await seedHarga(env.db, bank, STANDARD_PRICES);
    const [nasabah] = await seedNasabah(env.db, bank, 1);
    const dep = await admin.request('POST', `${BANK_API}/banks/${bank.id}/setoran`, {
      json: { nasabahId: nasabah, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 5 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(dep.status, 201, dep.body);

    const upd = await kel.request('PUT', `${API}/penilaian/${p.id}/nilai`, {
      json: { nilai: [{ indikatorKode: 'T-KOMPOS', nilai: 75 }] },
    });
    assert.equal(upd.status, 200, upd.body);
    const re = await kel.post(`${API}/penilaian/${p.id}/ajukan`);
    assert.equal(re.status, 200, re.body);
    p = re.json<PenilaianView>();
    assert.equal(v('T-BANK').nilai, 1);
    assert.equal(v('T-KGKK').nilai, 0.5);
    assert.equal(v('T-KOMPOS').nilai, 75);
    assert.equal(p.skor, 100);
    assert.equal(p.tingkat?.nama, 'KBS Mandiri');

    const ok = await admin.post(`${API}/penilaian/${p.id}/setujui`, { catatan: 'Terverifikasi.' });
    assert.equal(ok.status, 200, ok.body);
    p = ok.json<PenilaianView>();
    assert.equal(p.status, 'disetujui');
    assert.deepEqual(
      p.langkah.map((l) => l.status),
      ['draf', 'diajukan', 'dikembalikan', 'diajukan', 'disetujui'],
    );
    assert.equal((await admin.post(`${API}/penilaian/${p.id}/setujui`, {})).status, 409);
    assert.equal((await kel.post(`${API}/penilaian/${p.id}/ajukan`)).status, 409);
    assert.equal((await upload(kel, p.id, 'T-PILAH', PNG, 'late.png')).status, 409);

    const page = await kel.get(`${API}/rw/${rwId}`);
    assert.equal(page.status, 200, page.body);
    const rw = page.json<RwKbsView>();
    assert.equal(rw.status?.tingkat?.nama, 'KBS Mandiri');
    assert.equal(rw.status?.skor, 100);
    assert.equal(rw.riwayat.length, 1);
    assert.equal(rw.profil.jumlahKk, 10);
    assert.equal(rw.pemulihan.at(-1)?.periode, periode);
    assert.equal(rw.pemulihan.at(-1)?.kg, 5);
    const hist = await env.db.query('select tingkat_id, skor from sampah_kbs_riwayat where rw_id = $1', [
      rwId,
    ]);
    assert.equal(hist.rows.length, 1);
    // The history is append-only.
    await assert.rejects(env.db.query('set role balai_app; update sampah_kbs_riwayat set skor = 1'));
    await env.db.query('reset role');
  });
});

describe('pages', () => {
  it('overview, RW page, new assessment form with errors, photo upload, submit, return and approve', async () => {
    const admin = await as('admin_kota');
    const kel = await as('petugas_kelurahan');
    const rwId = (
      await env.db.query<{ id: string }>(`select id from rw where kelurahan_kode = $1 and nomor = 901`, [KEL])
    ).rows[0]!.id;
    const overview = await admin.get('/bandung/sampah/kbs');
    assert.equal(overview.status, 200, overview.body);
    assert.match(overview.body, /Kawasan Bebas Sampah/);
    assert.match(overview.body, /T-PILAH/);

    const rwPage = await kel.get(`/bandung/sampah/kbs/rw/${rwId}`);
    assert.equal(rwPage.status, 200, rwPage.body);
    assert.match(rwPage.body, /KBS Mandiri/);
    assert.match(rwPage.body, /Senin, Kamis/);

    const form = await kel.get(`/bandung/sampah/kbs/rw/${rwId}/penilaian`);
    assert.equal(form.status, 200, form.body);
    assert.match(form.body, /name="n_T-KOMPOS"/);
    assert.doesNotMatch(form.body, /name="n_T-BANK"/);

    const [y, m] = todayWib().split('-').map(Number) as [number, number];
    const prev = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    const bad = await kel.request('POST', `/bandung/sampah/kbs/rw/${rwId}/penilaian`, {
      form: { periode: prev, 'n_T-PILAH': '1', 'n_T-KOMPOS': '120' },
    });
    assert.equal(bad.status, 400, bad.body);
    assert.match(bad.body, /aria-invalid="true"/);
    assert.match(bad.body, /value="120"/);
    const good = await kel.request('POST', `/bandung/sampah/kbs/rw/${rwId}/penilaian`, {
      form: { periode: prev, 'n_T-PILAH': '1', 'n_T-KOMPOS': '55,5' },
    });
    assert.equal(good.status, 303, good.body);
    const loc = String(good.headers.location);
    const page = await kel.get(loc);
    assert.equal(page.status, 200, page.body);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /55,5/);
    // Submitting without the required photo shows why, on the page.
    const id = loc.split('/').at(-1)!.split('?')[0]!;
    const sub = await kel.request('POST', `/bandung/sampah/kbs/penilaian/${id}/ajukan`, { form: {} });
    assert.equal(sub.status, 409, sub.body);
    assert.match(sub.body, /role="alert"/);
    // The photo form (multipart, as a phone's browser sends it), then submission succeeds.
    const csrf = await kel.csrf();
    const fotoForm = (file: Buffer) =>
      multipart([
        { name: '_csrf', value: csrf },
        { name: 'indikatorKode', value: 'T-PILAH' },
        { name: 'foto', value: file, filename: 'bukti.jpg', type: 'image/jpeg' },
      ]);
    const notImage = fotoForm(Buffer.from('%PDF-1.4'));
    const refused = await kel.request('POST', `/bandung/sampah/kbs/penilaian/${id}/bukti`, {
      payload: notImage.payload,
      headers: notImage.headers,
      csrf: false,
    });
    assert.equal(refused.status, 400, refused.body);
    assert.match(refused.body, /aria-invalid="true"/);
    const jpeg = fotoForm(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]));
    const up = await kel.request('POST', `/bandung/sampah/kbs/penilaian/${id}/bukti`, {
      payload: jpeg.payload,
      headers: jpeg.headers,
      csrf: false,
    });
    assert.equal(up.status, 303, up.body);
    const sent = await kel.request('POST', `/bandung/sampah/kbs/penilaian/${id}/ajukan`, { form: {} });
    assert.equal(sent.status, 303, sent.body);
    const verify = await admin.get(`/bandung/sampah/kbs/penilaian/${id}`);
    assert.match(verify.body, /name="catatan"/);
    const noNote = await admin.request('POST', `/bandung/sampah/kbs/penilaian/${id}/kembalikan`, {
      form: { catatan: '' },
    });
    assert.equal(noNote.status, 400, noNote.body);
    const approved = await admin.request('POST', `/bandung/sampah/kbs/penilaian/${id}/setujui`, { form: {} });
    assert.equal(approved.status, 303, approved.body);
    // Somebody outside the area does not see it.
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/serang/sampah/kbs/penilaian/${id}`)).status, 404);
  });
});
