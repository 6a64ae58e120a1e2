/**
 * Settings of the waste programme: the KBS settings page (indicators, status levels) and the
 * yearly tonnage settings page with the population per kecamatan. Who sees them (DLH and the
 * admin kota; 403 and no link for others), an indicator with a bad kind/source combination (field
 * errors, nothing written), a level changed, and kecamatan population: its effect on the
 * kecamatan timbulan estimate (values computed by hand), per year across a range of years, bad
 * input (400 with pointers, nothing written) and another city's kecamatan (refused).
 * Database fixtures use 2017–2018, far from the demo data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { SYSTEM_ACTOR, withTenant } from '../../platform/db/transaction.ts';
import type { Db } from '../../platform/db/database.ts';
import { findCityBySlug } from '../../platform/tenancy/service.ts';
import { aggregate as agregasi } from './tonase/tonase-compute.ts';
import { computeAgregasi as hitungAgregasi, tanpaOperasi } from './tonase/tonase-service.ts';
import { splitPenduduk as bagiPenduduk } from './tonase/tonase-demo.ts';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

const K1 = '32.73.01';
const K2 = '32.73.02';

// ---- Pure ----

describe('population per year in the aggregation', () => {
  /**
   * One kecamatan, reference population 1,000; the city set 2,000 for 2025 only. Rates: 2024
   * 0.5, 2025 0.7 kg/person/day. 2024-12-31: 1,000 × 0.5 = 500 kg; 2025-01-01 and -02: 2,000 ×
   * 0.7 = 1,400 kg each. Total 3,300 kg = 3.3 t.
   */
  it('uses each year’s figure for the days of that year, else the reference', () => {
    const r = agregasi({
      dari: '2024-12-31',
      sampai: '2025-01-02',
      periode: 'tahun',
      pendudukKota: null,
      kecamatan: [{ kode: K1, nama: 'Satu', penduduk: 1000, pendudukTahun: { 2025: 2000 } }],
      laju: { 2024: 0.5, 2025: 0.7 },
      catatan: [],
      pemulihan: [],
      penanganan: [],
    });
    assert.deepEqual(
      r.kecamatan.map((b) => [b.periode, b.angka.timbulan, b.angka.timbulanLengkap]),
      [
        ['2024', 0.5, true],
        ['2025', 2.8, true],
      ],
    );
    assert.equal(r.total.timbulan, 3.3); // every kecamatan known: the city is their sum
  });

  it('splits the city population over the kecamatan exactly', () => {
    assert.deepEqual(bagiPenduduk(10, [1, 1, 1]), [4, 3, 3]);
    assert.deepEqual(
      bagiPenduduk(2591763, [8, 10, 7]).reduce((s, n) => s + n, 0),
      2591763,
    );
  });
});

// ---- Database, pages and API ----

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/sampah/tonase';
const KBS = '/bandung/sampah/kbs/pengaturan';
const TAHUN = '/bandung/sampah/tonase/tahun';

const as = clientAs(env);

const hitung = async (sql: string, params: unknown[] = []) =>
  Number((await env.db.query<{ n: string }>(sql, params)).rows[0]!.n);
const jumlahIndikator = () =>
  hitung(`select count(*) as n from sampah_kbs_indikator where tenant_id = '32.73'`);
const jumlahPenduduk = () =>
  hitung(`select count(*) as n from sampah_penduduk_kecamatan where tenant_id = '32.73' and tahun < 2020`);

/** A form post with repeated fields (checkboxes), the CSRF token in the form like a browser. */
async function postForm(
  c: Client,
  url: string,
  fields: [string, string][],
): Promise<ReturnType<Client['get']>> {
  const body = new URLSearchParams([...fields, ['_csrf', await c.csrf()]]).toString();
  return c.request('POST', url, {
    payload: body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    csrf: false,
  });
}

describe('who sees the settings', () => {
  it('shows the pages to DLH and the admin kota, with links from the overviews', async () => {
    for (const role of ['admin_kota', 'petugas_dinas'] as const) {
      const c = await as(role);
      const kbs = await c.get(KBS);
      assert.equal(kbs.status, 200, role);
      assert.match(kbs.body, /<h1>Pengaturan KBS<\/h1>/);
      assert.match(kbs.body, /Tambah indikator/);
      assert.match(kbs.body, /name="indikatorWajib"/);
      const tahun = await c.get(TAHUN);
      assert.equal(tahun.status, 200, role);
      assert.match(tahun.body, /Pengaturan tahunan sampah/);
      assert.match(tahun.body, new RegExp(`name="p_${K1.replace(/\./g, '\\.')}"`));
      assert.match((await c.get('/bandung/sampah/kbs')).body, /href="\/bandung\/sampah\/kbs\/pengaturan"/);
    }
    const admin = await as('admin_kota');
    assert.match((await admin.get('/bandung/sampah/tonase')).body, /href="\/bandung\/sampah\/tonase\/tahun"/);
    // English has the same page.
    const en = await admin.get(TAHUN, { 'accept-language': 'en' });
    assert.equal(en.status, 200);
  });

  it('answers 403 to other roles and hides the link', async () => {
    for (const role of ['petugas_kecamatan', 'petugas_kelurahan', 'pengurus_rw', 'warga'] as const) {
      const c = await as(role);
      assert.equal((await c.get(KBS)).status, 403, role);
      assert.equal((await c.get(TAHUN)).status, 403, role);
      const post = await c.request('POST', `${KBS}/tingkat`, {
        form: { urutan: '1', nama: 'X', minSkor: '0' },
      });
      assert.equal(post.status, 403, role);
    }
    const kel = await as('petugas_kelurahan');
    const overview = await kel.get('/bandung/sampah/kbs');
    assert.equal(overview.status, 200);
    assert.doesNotMatch(overview.body, /sampah\/kbs\/pengaturan/);
    const kec = await as('petugas_kecamatan');
    assert.equal((await kec.get(`${API}/tahun/2018/penduduk`)).status, 403);
    const anon = new Client(env.balai.app);
    assert.notEqual((await anon.get(KBS)).status, 200);
  });
});

describe('KBS settings', () => {
  it('shows the service’s kind and source rules as field errors and writes nothing', async () => {
    const c = await as('petugas_dinas');
    const before = await jumlahIndikator();
    const bad = await c.request('POST', `${KBS}/indikator`, {
      form: {
        kode: 'uji-kombi',
        nama: 'Uji kombinasi',
        jenis: 'persen',
        ambang: '',
        sumber: 'bank_sampah_aktif',
        buktiWajib: '1',
        bobot: '10',
        aktif: '1',
      },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="f-ambang"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-ambang"/s);
    assert.match(bad.body, /id="f-ambang-err">Isi angka 0 sampai 100\./);
    assert.match(bad.body, /id="f-sumber-err">Sumber bank sampah aktif memerlukan jenis ya\/tidak\./);
    assert.match(bad.body, /id="f-buktiWajib-err">Indikator otomatis tidak memakai foto bukti\./);
    assert.match(bad.body, /value="uji-kombi"/); // the sent values come back
    assert.equal(await jumlahIndikator(), before);

    // A threshold on a yes/no indicator, and a weight out of range.
    const yaTidak = await c.request('POST', `${KBS}/indikator`, {
      form: {
        kode: 'UJI-YT',
        nama: 'Uji ya tidak',
        jenis: 'ya_tidak',
        ambang: '5',
        sumber: 'manual',
        bobot: '101',
      },
    });
    assert.equal(yaTidak.status, 400);
    assert.match(yaTidak.body, /id="f-ambang-err">Jenis ya\/tidak tidak memakai ambang/);
    assert.match(yaTidak.body, /id="f-bobot-err">/);
    assert.equal(await jumlahIndikator(), before);

    // A good one is added (the code upper-cased) and announced after the redirect.
    const good = await c.request('POST', `${KBS}/indikator`, {
      form: {
        kode: 'uji-kg',
        nama: 'Uji kg per KK',
        jenis: 'angka',
        ambang: '2,5',
        sumber: 'kg_per_kk_bulan',
        bobot: '5',
        urutan: '90',
        aktif: '1',
      },
    });
    assert.equal(good.status, 303);
    assert.equal(good.headers.location, `${KBS}?ok=indikator`);
    assert.equal(await jumlahIndikator(), before + 1);
    const row = (
      await env.db.query<{ id: string; ambang: string; sumber: string; urutan: number; aktif: boolean }>(
        `select id, ambang, sumber, urutan, aktif from sampah_kbs_indikator where kode = 'UJI-KG'`,
      )
    ).rows[0]!;
    assert.deepEqual(
      { ambang: row.ambang, sumber: row.sumber, urutan: row.urutan, aktif: row.aktif },
      { ambang: '2.500', sumber: 'kg_per_kk_bulan', urutan: 90, aktif: true },
    );
    const page = await c.get(`${KBS}?ok=indikator`);
    assert.match(page.body, /Indikator ditambahkan\./);
    assert.match(page.body, /UJI-KG/);

    // Its page: changing the kind away from what the source needs is refused beside the field…
    const edit = await c.get(`${KBS}/indikator/${row.id}`);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /Ubah indikator UJI-KG/);
    assert.match(edit.body, /name="ambang"[^>]*value="2,5"|value="2,5"[^>]*name="ambang"/s);
    const form = {
      nama: 'Uji kg per KK',
      jenis: 'persen',
      ambang: '50',
      sumber: 'kg_per_kk_bulan',
      bobot: '5',
    };
    const wrong = await c.request('POST', `${KBS}/indikator/${row.id}`, { form });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /id="f-sumber-err">Sumber kg per KK per bulan memerlukan jenis angka\./);
    // …and a good change (made inactive: the box is not ticked) is saved.
    const ok = await c.request('POST', `${KBS}/indikator/${row.id}`, {
      form: { ...form, jenis: 'angka', ambang: '3', urutan: '91' },
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.location, `${KBS}?ok=indikatorUbah`);
    const after = (
      await env.db.query<{ ambang: string; aktif: boolean; urutan: number }>(
        `select ambang, aktif, urutan from sampah_kbs_indikator where id = $1`,
        [row.id],
      )
    ).rows[0];
    assert.deepEqual(after, { ambang: '3.000', aktif: false, urutan: 91 });
    // Unknown or another city's indicator: 404.
    assert.equal((await c.get(`${KBS}/indikator/00000000-0000-4000-8000-000000000000`)).status, 404);
    const serang = (
      await env.db.query<{ id: string }>(
        `select id from sampah_kbs_indikator where tenant_id = '36.73' limit 1`,
      )
    ).rows[0];
    if (serang) {
      assert.equal((await c.get(`${KBS}/indikator/${serang.id}`)).status, 404);
      assert.equal((await c.request('POST', `${KBS}/indikator/${serang.id}`, { form })).status, 404);
    }
  });

  it('edits a level by its urutan, with required indicators from the active ones', async () => {
    const c = await as('admin_kota');
    const levels = await env.db.query<{ urutan: number; nama: string }>(
      `select urutan, nama from sampah_kbs_tingkat where tenant_id = '32.73' order by urutan`,
    );
    assert.ok(levels.rows.length > 0, 'the demo has levels');
    const first = levels.rows[0]!;
    const aktif = (
      await env.db.query<{ kode: string }>(
        `select kode from sampah_kbs_indikator where tenant_id = '32.73' and aktif order by urutan, kode limit 2`,
      )
    ).rows.map((r) => r.kode);
    assert.equal(aktif.length, 2);

    const prefilled = await c.get(`${KBS}?tingkat=${first.urutan}`);
    assert.equal(prefilled.status, 200);
    assert.match(prefilled.body, new RegExp(`Ubah tingkat ${first.nama}`));

    // An unknown required indicator: refused beside the checkboxes, nothing changed.
    const bad = await postForm(c, `${KBS}/tingkat`, [
      ['urutan', String(first.urutan)],
      ['nama', 'Rintisan Baru'],
      ['minSkor', '35'],
      ['indikatorWajib', 'TIDAK-ADA'],
    ]);
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="f-indikatorWajib-err">Pilih indikator kota ini\./);
    const still = await env.db.query<{ nama: string }>(
      `select nama from sampah_kbs_tingkat where tenant_id = '32.73' and urutan = $1`,
      [first.urutan],
    );
    assert.equal(still.rows[0]!.nama, first.nama);

    const good = await postForm(c, `${KBS}/tingkat`, [
      ['urutan', String(first.urutan)],
      ['nama', 'Rintisan Baru'],
      ['minSkor', '35,5'],
      ['indikatorWajib', aktif[0]!],
      ['indikatorWajib', aktif[1]!],
    ]);
    assert.equal(good.status, 303);
    assert.equal(good.headers.location, `${KBS}?ok=tingkat`);
    const saved = await env.db.query<{ nama: string; min_skor: string; indikator_wajib: string[] }>(
      `select nama, min_skor, indikator_wajib from sampah_kbs_tingkat where tenant_id = '32.73' and urutan = $1`,
      [first.urutan],
    );
    assert.deepEqual(saved.rows, [{ nama: 'Rintisan Baru', min_skor: '35.50', indikator_wajib: aktif }]);
    const count = await hitung(`select count(*) as n from sampah_kbs_tingkat where tenant_id = '32.73'`);
    assert.equal(count, levels.rows.length); // changed, not added
    const page = await c.get(`${KBS}?ok=tingkat`);
    assert.match(page.body, /Tingkat status disimpan\./);
    assert.match(page.body, /Rintisan Baru/);
  });
});

describe('population per kecamatan', () => {
  it('feeds the kecamatan timbulan estimate, each year for its own days', async () => {
    const c = await as('admin_kota');
    const put = (tahun: number, json: unknown) =>
      c.request('PUT', `${API}/tahun/${tahun}/penduduk`, { json });
    for (const [tahun, laju] of [
      [2017, 0.6],
      [2018, 0.5],
    ] as const) {
      const r = await c.request('PUT', `${API}/tahun/${tahun}`, {
        json: { lajuTimbulan: laju, targetPengurangan: 30, targetPenanganan: 70 },
      });
      assert.equal(r.status, 200);
    }
    const city = (await findCityBySlug(env.balai.handle.db as Db, 'bandung'))!;
    const k1 = (dari: string, sampai: string) =>
      withTenant(env.balai.handle.db as Db, city.id, SYSTEM_ACTOR, async (trx) => {
        const a = await hitungAgregasi(trx, city, { dari, sampai, periode: 'tahun' }, tanpaOperasi);
        const rows = a.kecamatan.filter((b) => b.kecamatanKode === K1);
        return {
          timbulan: rows.reduce((s, b) => s + b.angka.timbulan, 0),
          lengkap: rows.every((b) => b.angka.timbulanLengkap),
          kota: a.total.timbulan,
        };
      });

    // The reference has no kecamatan population: unknown.
    const sebelum = await k1('2018-03-01', '2018-03-02');
    assert.deepEqual({ t: sebelum.timbulan, l: sebelum.lengkap }, { t: 0, l: false });

    const set = await put(2018, {
      kecamatan: [{ kecamatanKode: K1, penduduk: 100_000, sumber: 'BPS Kecamatan Dalam Angka 2018' }],
    });
    assert.equal(set.status, 200);
    const view = set.json<{
      jumlah: number;
      lengkap: boolean;
      kecamatan: {
        kode: string;
        penduduk: number | null;
        sumber: string | null;
        pendudukReferensi: number | null;
      }[];
    }>();
    assert.equal(view.jumlah, 100_000);
    assert.equal(view.lengkap, false);
    const satu = view.kecamatan.find((k) => k.kode === K1)!;
    assert.deepEqual(
      { penduduk: satu.penduduk, sumber: satu.sumber, referensi: satu.pendudukReferensi },
      { penduduk: 100_000, sumber: 'BPS Kecamatan Dalam Angka 2018', referensi: null },
    );
    // 100,000 persons × 0.5 kg × 2 days = 100,000 kg = 100 t.
    const sesudah = await k1('2018-03-01', '2018-03-02');
    assert.deepEqual({ t: sesudah.timbulan, l: sesudah.lengkap }, { t: 100, l: true });
    // The city, with other kecamatan still unknown, stays on its own population.
    assert.equal(sesudah.kota, sebelum.kota);
    // Through the API as well.
    const agg = await c.get(
      `${API}/agregasi?dari=2018-03-01&sampai=2018-03-02&kecamatan=${K1}&periode=tahun`,
    );
    assert.equal(agg.status, 200);
    assert.equal(agg.json<{ total: { timbulan: number } }>().total.timbulan, 100);

    // Across years: 2017-12-31 with 50,000 × 0.6 = 30,000 kg, 2018-01-01 with 100,000 × 0.5 = 50,000 kg.
    assert.equal((await put(2017, { kecamatan: [{ kecamatanKode: K1, penduduk: 50_000 }] })).status, 200);
    const lintas = await k1('2017-12-31', '2018-01-01');
    assert.deepEqual({ t: lintas.timbulan, l: lintas.lengkap }, { t: 80, l: true });

    // The page: every kecamatan in one form; then the city is the sum of its kecamatan.
    const page = await c.get(`${TAHUN}?tahun=2018`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Penduduk per kecamatan 2018/);
    assert.match(page.body, /1 dari 30 kecamatan terisi\./);
    const kode = (
      await env.db.query<{ kode: string }>(
        `select kode from wilayah where induk = '32.73' and tingkat = 'kecamatan' order by kode`,
      )
    ).rows.map((r) => r.kode);
    assert.equal(kode.length, 30);
    const fields: [string, string][] = [
      ['tahun', '2018'],
      ['sumber', 'BPS Kecamatan Dalam Angka 2018'],
      ...kode.map((k): [string, string] => [`p_${k}`, k === K1 ? '100.000' : '10000']),
    ];
    const saved = await postForm(c, `${TAHUN}/penduduk`, fields);
    assert.equal(saved.status, 303);
    assert.match(String(saved.headers.location), /\/bandung\/sampah\/tonase\/tahun\?tahun=2018&ok=penduduk/);
    const after = await c.get('/bandung/sampah/tonase/tahun?tahun=2018&ok=penduduk');
    assert.match(after.body, /Penduduk kecamatan tahun 2018 disimpan\./);
    assert.match(after.body, /30 dari 30 kecamatan terisi\./);
    assert.match(after.body, /390\.000/); // 29 × 10,000 + 100,000
    // (29 × 10,000 + 100,000) × 0.5 kg × 2 days = 390,000 kg.
    const semua = await k1('2018-03-01', '2018-03-02');
    assert.equal(semua.kota, 390);

    // An empty field removes that year's figure.
    const hapus = await postForm(c, `${TAHUN}/penduduk`, [
      ['tahun', '2018'],
      [`p_${K2}`, ''],
    ]);
    assert.equal(hapus.status, 303);
    assert.equal(
      await hitung(
        `select count(*) as n from sampah_penduduk_kecamatan where tahun = 2018 and kecamatan_kode = $1`,
        [K2],
      ),
      0,
    );
  });

  it('refuses bad population with pointers and writes nothing', async () => {
    const c = await as('petugas_dinas');
    const before = await jumlahPenduduk();
    const put = (tahun: number | string, json: unknown) =>
      c.request('PUT', `${API}/tahun/${tahun}/penduduk`, { json });
    const pointers = async (r: Awaited<ReturnType<typeof put>>) => {
      assert.equal(r.status, 400, r.body);
      assert.match(String(r.headers['content-type']), /problem\+json/);
      return r.json<Problem>().errors!.map((e) => e.pointer);
    };
    assert.deepEqual(await pointers(await put(2018, { kecamatan: [{ kecamatanKode: K2, penduduk: -1 }] })), [
      '/body/kecamatan/0/penduduk',
    ]);
    assert.deepEqual(
      await pointers(await put(2018, { kecamatan: [{ kecamatanKode: K2, penduduk: 5_000_001 }] })),
      ['/body/kecamatan/0/penduduk'],
    );
    assert.deepEqual(
      await pointers(await put(2018, { kecamatan: [{ kecamatanKode: K2, penduduk: 12.5 }] })),
      ['/body/kecamatan/0/penduduk'],
    );
    assert.ok((await pointers(await put(1999, { kecamatan: [] }))).some((p) => p.endsWith('/tahun')));
    assert.ok(
      (await pointers(await put(2018, { kecamatan: [{ kecamatanKode: K2, penduduk: 1, lain: 1 }] }))).some(
        (p) => p.endsWith('/lain'),
      ),
    );
    // Twice the same kecamatan: the second is pointed at.
    assert.deepEqual(
      await pointers(
        await put(2018, {
          kecamatan: [
            { kecamatanKode: K2, penduduk: 1 },
            { kecamatanKode: K2, penduduk: 2 },
          ],
        }),
      ),
      ['/body/kecamatan/1/kecamatanKode'],
    );
    assert.equal(await jumlahPenduduk(), before);

    // The page: a decimal comes back beside its field, nothing saved.
    const page = await postForm(c, `${TAHUN}/penduduk`, [
      ['tahun', '2018'],
      [`p_${K2}`, '12,5'],
    ]);
    assert.equal(page.status, 400);
    assert.match(
      page.body,
      new RegExp(`id="f-p_${K2.replace(/\./g, '\\.')}-err">Isi bilangan bulat 0 sampai 5\\.000\\.000\\.`),
    );
    assert.match(page.body, /value="12,5"/);
    assert.equal(await jumlahPenduduk(), before);
  });

  it('refuses another city’s kecamatan, the whole request', async () => {
    const c = await as('admin_kota');
    const before = await jumlahPenduduk();
    const r = await c.request('PUT', `${API}/tahun/2018/penduduk`, {
      json: {
        kecamatan: [
          { kecamatanKode: K2, penduduk: 77_777 },
          { kecamatanKode: '36.73.01', penduduk: 1000 },
        ],
      },
    });
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.json<Problem>().errors!.map((e) => e.pointer),
      ['/body/kecamatan/1/kecamatanKode'],
    );
    assert.equal(await jumlahPenduduk(), before);
    assert.equal(
      await hitung(
        `select count(*) as n from sampah_penduduk_kecamatan where kecamatan_kode like '36.73.%' and tahun < 2020`,
      ),
      0,
    );
    const page = await postForm(c, `${TAHUN}/penduduk`, [
      ['tahun', '2018'],
      ['p_36.73.01', '1000'],
    ]);
    assert.equal(page.status, 400);
    assert.match(page.body, /Bukan kecamatan kota ini\./);
    assert.equal(await jumlahPenduduk(), before);
    // Serang's own settings page shows only Serang's kecamatan.
    const serang = await as('admin_kota', 'serang');
    const sp = await serang.get('/serang/sampah/tonase/tahun?tahun=2018');
    assert.equal(sp.status, 200);
    assert.doesNotMatch(sp.body, /p_32\.73\./);
  });

  it('gives the demo years kecamatan figures that add up to the city', async () => {
    const r = await env.db.query<{ tahun: number; jumlah: string; kota: number; n: string }>(
      `select p.tahun, sum(p.penduduk) as jumlah, w.penduduk_total as kota, count(*) as n
         from sampah_penduduk_kecamatan p join wilayah w on w.kode = p.tenant_id
        where p.demo and p.tenant_id = '32.73'
        group by p.tahun, w.penduduk_total order by p.tahun`,
    );
    assert.ok(r.rows.length >= 3);
    for (const row of r.rows) {
      assert.equal(Number(row.jumlah), row.kota, String(row.tahun));
      assert.equal(Number(row.n), 30);
    }
  });
});
