/**
 * Tonnage accounting: every SIPSN column and the aggregation on small fixtures with values
 * computed by hand (in the comments), then the service on the database (yearly settings, manual
 * entries, an injected source of trips) and the API: validation (negative tonnage, future day,
 * another city's kecamatan or entry), areas, the SIPSN JSON and the CSV/XLSX files.
 * Database fixtures use 2019, far from the demo data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useBalaiWithOwnerDb, clientAs } from '../../../../tests/helpers/app.ts';
import { readXlsxDownload, csvLines } from '../../../../tests/helpers/downloads.ts';
import { checkValues } from '../../../../tests/helpers/check-values.ts';
import { SYSTEM_ACTOR, withTenant, type Tx } from '../../../platform/db/transaction.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { findCityBySlug } from '../../../platform/tenancy/service.ts';
import { todayWib } from '../../../platform/waktu.ts';
import {
  KOLOM_TON,
  aggregate,
  computeSipsn,
  computeSisaKecamatan,
  type MasukanAgregasi,
  type Sipsn,
} from './tonase-compute.ts';
import { KOLOM_SIPSN } from './pages/tonase-parts.ts';
import { JENIS_CATATAN } from './tonase-schemas.ts';
import { sampahTiles } from './dashboard.ts';
import {
  getDasbor,
  computeAgregasi,
  computeSipsnTahun,
  type SipsnTahun,
  type SumberOperasi,
} from './tonase-service.ts';
import { sebaranKbs } from '../kbs/kbs-sebaran.ts';

// ---- Pure: SIPSN ----

describe('SIPSN columns', () => {
  it('computes every column from the totals', () => {
    const s = computeSipsn({
      timbulan: 1000,
      pengurangan: 250.5,
      penanganan: 600.25,
      daurUlang: 100.125,
      bahanBaku: 50,
    });
    assert.deepEqual(s, {
      timbulan: 1000, // (A)
      pengurangan: 250.5, // (B)
      persenPengurangan: 25.05, // 250.5 / 1000 = 25.05 %
      penanganan: 600.25, // (C)
      persenPenanganan: 60.03, // 60.025 % → 60.03
      terkelola: 850.75, // B + C
      persenTerkelola: 85.08, // 85.075 % → 85.08
      tidakTerkelola: 149.25, // 1000 − 850.75
      daurUlang: 100.125, // (D)
      bahanBaku: 50, // (E)
      recyclingRate: 15.01, // (100.125 + 50) / 1000 = 15.0125 % → 15.01
    });
  });

  it('rounds tons to 3 decimals first and leaves percentages empty without timbulan', () => {
    const s = computeSipsn({
      timbulan: 0,
      pengurangan: 0.0004,
      penanganan: 2.0006,
      daurUlang: 0,
      bahanBaku: 0,
    });
    assert.equal(s.pengurangan, 0);
    assert.equal(s.penanganan, 2.001);
    assert.equal(s.terkelola, 2.001);
    assert.equal(s.tidakTerkelola, 0);
    assert.equal(s.persenPengurangan, null);
    assert.equal(s.persenPenanganan, null);
    assert.equal(s.persenTerkelola, null);
    assert.equal(s.recyclingRate, null);
  });

  it('reports managed over 100 % when more is handled than estimated', () => {
    const s = computeSipsn({ timbulan: 10, pengurangan: 4, penanganan: 8, daurUlang: 1, bahanBaku: 0 });
    assert.equal(s.persenTerkelola, 120);
    assert.equal(s.tidakTerkelola, 0);
  });
});

// ---- Pure: aggregation ----

/**
 * Two kecamatan: K1 with 10,000 people, K2 without population; the city 30,000 people; rate
 * 0.7 kg/person/day in 2025 (K1 estimate 7 t/day, city 21 t/day). Days 2025-01-30 … 2025-02-02.
 *  - 01-30: K2 measured 5 → every kecamatan known → city 7 + 5 = 12 (5 measured)
 *  - 01-31: nothing measured, K2 unknown → city 30,000 × 0.7 = 21
 *  - 02-01: city measured 20 (and K1 6) → city 20 (measured); K1 6
 *  - 02-02: K2 measured 4 + 1 → city 7 + 5 = 12 (5 measured)
 */
const K1 = '32.73.01';
const K2 = '32.73.02';
const fixture: MasukanAgregasi = {
  dari: '2025-01-30',
  sampai: '2025-02-02',
  periode: 'bulan',
  pendudukKota: 30_000,
  kecamatan: [
    { kode: K1, nama: 'Satu', penduduk: 10_000 },
    { kode: K2, nama: 'Dua', penduduk: null },
  ],
  laju: { 2025: 0.7 },
  catatan: [
    { tanggal: '2025-01-30', kecamatanKode: K2, jenis: 'timbulan_terukur', ton: 5 },
    { tanggal: '2025-02-01', kecamatanKode: null, jenis: 'timbulan_terukur', ton: 20 },
    { tanggal: '2025-02-01', kecamatanKode: K1, jenis: 'timbulan_terukur', ton: 6 },
    { tanggal: '2025-02-02', kecamatanKode: K2, jenis: 'timbulan_terukur', ton: 4 },
    { tanggal: '2025-02-02', kecamatanKode: K2, jenis: 'timbulan_terukur', ton: 1 },
    { tanggal: '2025-01-30', kecamatanKode: K1, jenis: 'pengurangan_kompos', ton: 1.5 },
    { tanggal: '2025-01-30', kecamatanKode: null, jenis: 'daur_ulang', ton: 2 },
    { tanggal: '2025-02-01', kecamatanKode: K2, jenis: 'penanganan_olah', ton: 3 },
    { tanggal: '2025-02-01', kecamatanKode: null, jenis: 'bahan_baku', ton: 0.5 },
    { tanggal: '2025-02-01', kecamatanKode: K1, jenis: 'pengurangan_maggot', ton: 0.25 },
    { tanggal: '2025-02-03', kecamatanKode: K1, jenis: 'pengurangan_kompos', ton: 99 }, // outside
  ],
  pemulihan: [
    { tanggal: '2025-01-31', kecamatanKode: K1, kg: 250.5 },
    { tanggal: '2025-02-02', kecamatanKode: null, kg: 100 },
    { tanggal: '2025-02-02', kecamatanKode: K2, kg: 0.4 },
    { tanggal: '2025-01-29', kecamatanKode: K1, kg: 1000 }, // outside
  ],
  penanganan: [
    { tanggal: '2025-01-30', kecamatanKode: K1, tujuanJenis: 'tpst', ton: 10 },
    { tanggal: '2025-01-30', kecamatanKode: K1, tujuanJenis: 'tps', ton: 4 }, // only moved
    { tanggal: '2025-02-01', kecamatanKode: K2, tujuanJenis: 'tpa', ton: 8.5 },
    { tanggal: '2025-02-01', kecamatanKode: K2, tujuanJenis: 'tpa', asalJenis: 'tpst', ton: 3 }, // counted at the TPST
    { tanggal: '2025-02-02', kecamatanKode: null, tujuanJenis: 'mesin', ton: 2 },
  ],
};

describe('aggregation', () => {
  const a = aggregate(fixture);

  it('sums the city per month', () => {
    assert.deepEqual(
      a.kota.map((b) => b.periode),
      ['2025-01', '2025-02'],
    );
    assert.deepEqual(a.kota[0]!.angka, {
      timbulan: 33, // 12 + 21
      timbulanTerukur: 5,
      timbulanLengkap: true,
      penguranganBankSampah: 0.251, // 250.5 kg = 0.2505 t → 0.251
      penguranganLain: 1.5,
      pengurangan: 1.751, // 1.7505 → 1.751
      penangananRitase: 10, // the TPS trip only moved waste
      penangananLain: 0,
      penanganan: 10,
      daurUlang: 2.251, // 2 + 0.2505
      bahanBaku: 0,
    });
    assert.deepEqual(a.kota[1]!.angka, {
      timbulan: 32, // 20 + 12
      timbulanTerukur: 25,
      timbulanLengkap: true,
      penguranganBankSampah: 0.1, // 100.4 kg
      penguranganLain: 0.25,
      pengurangan: 0.35, // 0.3504
      penangananRitase: 10.5, // 8.5 + 2 (the trip from a TPST was counted there)
      penangananLain: 3,
      penanganan: 13.5,
      daurUlang: 0.1,
      bahanBaku: 0.5,
    });
  });

  it('sums the whole range in grams before rounding', () => {
    assert.deepEqual(a.total, {
      timbulan: 65,
      timbulanTerukur: 30,
      timbulanLengkap: true,
      penguranganBankSampah: 0.351, // 350.9 kg
      penguranganLain: 1.75,
      pengurangan: 2.101, // 2.1009
      penangananRitase: 20.5,
      penangananLain: 3,
      penanganan: 23.5,
      daurUlang: 2.351, // 2 + 0.3509
      bahanBaku: 0.5,
    });
    // …and the year's SIPSN row from it.
    assert.deepEqual(computeSipsn(a.total), {
      timbulan: 65,
      pengurangan: 2.101,
      persenPengurangan: 3.23, // 3.2323 %
      penanganan: 23.5,
      persenPenanganan: 36.15, // 36.1538 %
      terkelola: 25.601,
      persenTerkelola: 39.39, // 39.3862 %
      tidakTerkelola: 39.399,
      daurUlang: 2.351,
      bahanBaku: 0.5,
      recyclingRate: 4.39, // 2.851 / 65 = 4.3862 %
    });
  });

  it('gives each kecamatan its measured or estimated timbulan and its own flows', () => {
    const k = (kode: string, periode: string) =>
      a.kecamatan.find((b) => b.kecamatanKode === kode && b.periode === periode)!.angka;
    assert.equal(k(K1, '2025-01').timbulan, 14); // 7 + 7 estimated
    assert.equal(k(K1, '2025-01').timbulanTerukur, 0);
    assert.equal(k(K1, '2025-01').timbulanLengkap, true);
    assert.equal(k(K1, '2025-01').pengurangan, 1.751);
    assert.equal(k(K1, '2025-01').penanganan, 10);
    assert.equal(k(K1, '2025-02').timbulan, 13); // 6 measured + 7 estimated
    assert.equal(k(K1, '2025-02').timbulanTerukur, 6);
    assert.equal(k(K1, '2025-02').pengurangan, 0.25);
    assert.equal(k(K2, '2025-01').timbulan, 5); // 01-31 unknown
    assert.equal(k(K2, '2025-01').timbulanLengkap, false);
    assert.equal(k(K2, '2025-02').timbulan, 5);
    assert.equal(k(K2, '2025-02').penanganan, 11.5); // 3 processed + 8.5 to the TPA
    assert.equal(k(K2, '2025-02').pengurangan, 0); // 0.4 kg
  });

  it('rolls up per day and per year', () => {
    const hari = aggregate({ ...fixture, periode: 'hari' });
    assert.deepEqual(
      hari.kota.map((b) => [b.periode, b.angka.timbulan]),
      [
        ['2025-01-30', 12],
        ['2025-01-31', 21],
        ['2025-02-01', 20],
        ['2025-02-02', 12],
      ],
    );
    const tahun = aggregate({ ...fixture, periode: 'tahun' });
    assert.equal(tahun.kota.length, 1);
    assert.deepEqual(tahun.kota[0]!.angka, a.total);
  });

  it('states what the kecamatan do not hold, so the city is their sum plus that row', () => {
    const t = aggregate({ ...fixture, periode: 'tahun' });
    const kec = t.kecamatan.map((b) => computeSipsn(b.angka));
    assert.deepEqual(t.tanpaKecamatan, {
      timbulan: 28_000_000,
      bankSampah: 100_000,
      penguranganLain: 0,
      ritase: 2_000_000,
      penangananLain: 0,
      daurUlang: 2_100_000,
      bahanBaku: 500_000,
    });
    const sisa = computeSisaKecamatan(computeSipsn(t.total), kec, t.tanpaKecamatan)!;
    assert.deepEqual(sisa.sipsn, {
      timbulan: 28, // 65 − (27 + 10): 01-31 and 02-01 are the city's figures (K2 unknown)
      pengurangan: 0.1, // 2.101 − 2.001 (K1) − 0 (K2): 100 kg deposited without an RW
      persenPengurangan: null,
      penanganan: 2, // 23.5 − 10 − 11.5: the trip to a machine from no kecamatan
      persenPenanganan: null,
      terkelola: 2.1,
      persenTerkelola: null,
      tidakTerkelola: 24.4, // 39.399 − 14.999 − 0
      daurUlang: 2.1, // 2 (city entry) + 0.1 (bank sampah without an RW)
      bahanBaku: 0.5,
      recyclingRate: null,
    });
    assert.deepEqual(sisa.sebab, [
      'timbulanKota',
      'bankSampahTanpaRw',
      'ritaseTanpaKecamatan',
      'catatanKota',
    ]);
    const s: SipsnTahun = {
      tahun: 2025,
      kota: { kode: '32.73', nama: 'Kota' },
      berjalan: false,
      sampai: '2025-02-02',
      target: null,
      lajuTimbulan: 0.7,
      timbulanLengkap: true,
      sipsn: computeSipsn(t.total),
      kecamatan: kec.map((k, i) => ({ kode: String(i), nama: String(i), timbulanLengkap: true, sipsn: k })),
      tidakTeratribusi: sisa,
    };
    cekJumlah(s);
    // Kecamatan that hold everything leave no row; rows rounded apart are said to be.
    const satu = aggregate({
      ...fixture,
      periode: 'tahun',
      kecamatan: [fixture.kecamatan[0]!],
      catatan: [],
      pendudukKota: 10_000,
      pemulihan: [],
      penanganan: [],
    });
    assert.equal(
      computeSisaKecamatan(
        computeSipsn(satu.total),
        satu.kecamatan.map((b) => computeSipsn(b.angka)),
        satu.tanpaKecamatan,
      ),
      null,
    );
    const bulat = aggregate({
      ...fixture,
      periode: 'tahun',
      catatan: [],
      penanganan: [],
      pemulihan: [
        { tanggal: '2025-01-30', kecamatanKode: K1, kg: 0.4 },
        { tanggal: '2025-01-30', kecamatanKode: K2, kg: 0.4 },
      ],
      kecamatan: fixture.kecamatan.map((k) => ({ ...k, penduduk: 10_000 })),
    });
    const sisaBulat = computeSisaKecamatan(
      computeSipsn(bulat.total), // 0.8 kg → 1 kg
      bulat.kecamatan.map((b) => computeSipsn(b.angka)), // 0.4 kg → 0 each
      bulat.tanpaKecamatan,
    )!;
    assert.equal(sisaBulat.sipsn.pengurangan, 0.001);
    assert.deepEqual(sisaBulat.sebab, ['pembulatan']);
  });

  it('marks timbulan incomplete without a rate', () => {
    const r = aggregate({ ...fixture, laju: {}, catatan: [], periode: 'tahun' });
    assert.equal(r.total.timbulan, 0);
    assert.equal(r.total.timbulanLengkap, false);
  });
});

/** kg of a ton figure. */
const kg = (ton: number) => Math.round(ton * 1000);
const persen = (bagian: number, dari: number) =>
  dari > 0 ? Math.round((bagian * 10_000) / dari) / 100 : null;

/**
 * Every ton column of the city equals the sum of its kecamatan plus the stated remainder (kg
 * exact), and every percentage of the city is that of the tons which add up.
 */
function cekJumlah(s: Pick<SipsnTahun, 'sipsn' | 'kecamatan' | 'tidakTeratribusi'>): void {
  const baris: Sipsn[] = [
    ...s.kecamatan.map((k) => k.sipsn),
    ...(s.tidakTeratribusi ? [s.tidakTeratribusi.sipsn] : []),
  ];
  for (const k of KOLOM_TON)
    assert.equal(
      kg(s.sipsn[k]),
      baris.reduce((n, b) => n + kg(b[k]), 0),
      `column ${k}`,
    );
  const jumlah = (k: (typeof KOLOM_TON)[number]) => baris.reduce((n, b) => n + kg(b[k]), 0);
  const a = jumlah('timbulan');
  assert.equal(s.sipsn.persenPengurangan, persen(jumlah('pengurangan'), a));
  assert.equal(s.sipsn.persenPenanganan, persen(jumlah('penanganan'), a));
  assert.equal(s.sipsn.persenTerkelola, persen(jumlah('terkelola'), a));
  assert.equal(s.sipsn.recyclingRate, persen(jumlah('daurUlang') + jumlah('bahanBaku'), a));
}

/** The rows of a SIPSN CSV in Indonesian: the city's ton cells in kg, then every other row's. */
function cekJumlahCsv(body: string): string[][] {
  const rows = csvLines(body)
    .slice(1)
    .map((l) => l.split(';'));
  KOLOM_SIPSN.forEach((k, i) => {
    if (k.jenis !== 'ton') return;
    const cell = (r: string[]) => kg(Number(r[i + 2]!.replace(',', '.')));
    assert.equal(
      cell(rows[0]!),
      rows.slice(1).reduce((n, r) => n + cell(r), 0),
      `CSV column ${k.key}`,
    );
  });
  return rows;
}

// ---- Database and API ----

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/sampah/tonase';

const as = clientAs(env);

const count = async () =>
  Number((await env.db.query<{ n: string }>('select count(*) as n from sampah_tonase_catatan')).rows[0]!.n);

/** Trips of the fixture (kecamatan 32.73.01 and .02), through the injected source. */
const sumberUji: SumberOperasi = {
  penanganan: (_trx, q) =>
    Promise.resolve(
      [
        { tanggal: '2019-03-01', kecamatanKode: K1, tujuanJenis: 'tpst', ton: 10 },
        { tanggal: '2019-03-02', kecamatanKode: K2, tujuanJenis: 'tpa', ton: 5.5 },
        { tanggal: '2019-03-02', kecamatanKode: K2, tujuanJenis: 'tps', ton: 1 },
      ].filter((r) => r.tanggal >= q.dari && r.tanggal <= q.sampai),
    ),
  kuotaTpa: () => Promise.resolve([]),
};

describe('tonnage on the database', () => {
  it('refuses a negative tonnage and writes nothing', async () => {
    const c = await as('admin_kota');
    const before = await count();
    const res = await c.post(`${API}/catatan`, {
      tanggal: '2019-03-01',
      jenis: 'pengurangan_kompos',
      ton: -1,
    });
    assert.equal(res.status, 400);
    assert.ok(res.json<{ errors: { pointer: string }[] }>().errors.some((e) => e.pointer === '/body/ton'));
    assert.equal(await count(), before);
  });

  it('refuses a future day, an unknown kind and another city’s kecamatan', async () => {
    const c = await as('admin_kota');
    const before = await count();
    const future = await c.post(`${API}/catatan`, { tanggal: '2099-01-01', jenis: 'daur_ulang', ton: 1 });
    assert.equal(future.status, 400);
    assert.ok(
      future.json<{ errors: { pointer: string }[] }>().errors.some((e) => e.pointer === '/body/tanggal'),
    );
    const jenis = await c.post(`${API}/catatan`, { tanggal: '2019-03-01', jenis: 'sulap', ton: 1 });
    assert.equal(jenis.status, 400);
    const kec = await c.post(`${API}/catatan`, {
      tanggal: '2019-03-01',
      kecamatanKode: '36.73.01',
      jenis: 'daur_ulang',
      ton: 1,
    });
    assert.equal(kec.status, 400);
    assert.ok(
      kec.json<{ errors: { pointer: string }[] }>().errors.some((e) => e.pointer === '/body/kecamatanKode'),
    );
    const tahun = await c.request('PUT', `${API}/tahun/2019`, {
      json: { lajuTimbulan: 0.7, targetPengurangan: 40, targetPenanganan: 70 },
    });
    assert.equal(tahun.status, 400); // 110 %
    assert.equal(await count(), before);
  });

  it('keeps a kecamatan officer to their kecamatan', async () => {
    const c = await as('petugas_kecamatan');
    const maggot = (kecamatanKode: string) =>
      c.post(`${API}/catatan`, {
        tanggal: '2019-04-01',
        kecamatanKode,
        jenis: 'pengurangan_maggot',
        ton: 0.5,
      });
    const own = await maggot(K1);
    assert.equal(own.status, 201);
    const other = await maggot(K2);
    assert.equal(other.status, 403);
    assert.equal((await c.get(`${API}/sipsn/2019`)).status, 403);
    const agg = await c.get(`${API}/agregasi?dari=2019-04-01&sampai=2019-04-30&kecamatan=${K1}`);
    assert.equal(agg.status, 200);
    assert.equal(agg.json<{ total: { pengurangan: number } }>().total.pengurangan, 0.5);
    assert.equal((await c.get(`${API}/agregasi?dari=2019-04-01&sampai=2019-04-30`)).status, 403);
    // Clean up for the yearly figures below.
    const del = await c.delete(`${API}/catatan/${own.json<{ id: string }>().id}`);
    assert.equal(del.status, 204);
  });

  it('answers 404 for another city’s entry', async () => {
    const serang = await as('admin_kota', 'serang');
    const made = await serang.post('/api/v1/cities/serang/sampah/tonase/catatan', {
      tanggal: '2019-05-01',
      jenis: 'daur_ulang',
      ton: 1,
    });
    assert.equal(made.status, 201);
    const c = await as('admin_kota');
    assert.equal((await c.delete(`${API}/catatan/${made.json<{ id: string }>().id}`)).status, 404);
    assert.equal((await c.delete(`${API}/catatan/not-a-uuid`)).status, 404);
  });

  it('aggregates entries, estimates and injected trips into the SIPSN row of a year', async () => {
    const c = await as('admin_kota');
    const set = await c.request('PUT', `${API}/tahun/2019`, {
      json: { lajuTimbulan: 0.5, targetPengurangan: 30, targetPenanganan: 70 },
    });
    assert.equal(set.status, 200);
    const post = (body: Record<string, unknown>) => c.post(`${API}/catatan`, body);
    // The whole year measured for the city: 2019 has 365 days; one city entry per month of 1000 t
    // is not "every day", so measure the two days of the fixture and let the rest be estimated.
    assert.equal((await post({ tanggal: '2019-03-01', jenis: 'timbulan_terukur', ton: 1500 })).status, 201);
    assert.equal((await post({ tanggal: '2019-03-02', jenis: 'timbulan_terukur', ton: 1400 })).status, 201);
    assert.equal(
      (await post({ tanggal: '2019-03-01', kecamatanKode: K1, jenis: 'pengurangan_kompos', ton: 2.25 }))
        .status,
      201,
    );
    assert.equal((await post({ tanggal: '2019-03-02', jenis: 'penanganan_olah', ton: 4 })).status, 201);
    assert.equal((await post({ tanggal: '2019-03-02', jenis: 'daur_ulang', ton: 1.5 })).status, 201);
    assert.equal((await post({ tanggal: '2019-03-02', jenis: 'bahan_baku', ton: 0.75 })).status, 201);

    const city = (await findCityBySlug(env.balai.handle.db as Db, 'bandung'))!;
    const penduduk = Number(
      (await env.db.query<{ p: number }>(`select penduduk_total as p from wilayah where kode = '32.73'`))
        .rows[0]!.p,
    );
    await withTenant(env.balai.handle.db as Db, city.id, SYSTEM_ACTOR, async (trx: Tx) => {
      const maret = await computeAgregasi(
        trx,
        city,
        { dari: '2019-03-01', sampai: '2019-03-02', periode: 'hari' },
        sumberUji,
      );
      assert.deepEqual(
        maret.kota.map((b) => [
          b.periode,
          b.angka.timbulan,
          b.angka.pengurangan,
          b.angka.penanganan,
          b.angka.daurUlang,
          b.angka.bahanBaku,
        ]),
        [
          ['2019-03-01', 1500, 2.25, 10, 0, 0],
          ['2019-03-02', 1400, 0, 9.5, 1.5, 0.75], // 5.5 to the TPA + 4 processed; the TPS trip only moved
        ],
      );
      // The year: 363 estimated days (population × 0.5 kg) + the two measured days.
      const s = await computeSipsnTahun(trx, city, 2019, sumberUji);
      const a = Math.round(363 * penduduk * 0.5 + 2_900_000) / 1000;
      assert.equal(s.sipsn.timbulan, a);
      assert.equal(s.sipsn.pengurangan, 2.25);
      assert.equal(s.sipsn.penanganan, 19.5);
      assert.equal(s.sipsn.terkelola, 21.75);
      assert.equal(s.sipsn.daurUlang, 1.5);
      assert.equal(s.sipsn.bahanBaku, 0.75);
      assert.equal(s.sipsn.persenPengurangan, Math.round((2250 * 10000) / (a * 1000)) / 100);
      assert.equal(s.sipsn.persenTerkelola, Math.round((21750 * 10000) / (a * 1000)) / 100);
      assert.equal(s.sipsn.recyclingRate, Math.round((2250 * 10000) / (a * 1000)) / 100);
      assert.deepEqual(s.target, { pengurangan: 30, penanganan: 70 });
      // The hand-made entries: the city = its kecamatan + what none of them holds.
      cekJumlah(s);
      assert.equal(s.tidakTeratribusi?.sipsn.penanganan, 4); // processed, for the whole city
      assert.ok(s.tidakTeratribusi.sebab.includes('catatanKota'));
      assert.equal(s.berjalan, false);
      // A kecamatan's own view gives the figures of its row in the city's table.
      for (const k of [K1, K2]) {
        const own = await computeSipsnTahun(trx, city, 2019, sumberUji, undefined, k);
        assert.deepEqual(own.sipsn, s.kecamatan.find((x) => x.kode === k)!.sipsn);
        assert.equal(own.kota.kode, k);
      }
    });

    // Through the API (the app's own trip source: no 2019 trips), as JSON and files.
    const json = await c.get(`${API}/sipsn/2019`);
    assert.equal(json.status, 200);
    const body = json.json<{ sipsn: { penanganan: number; pengurangan: number }; kecamatan: unknown[] }>();
    assert.equal(body.sipsn.penanganan, 4);
    assert.equal(body.sipsn.pengurangan, 2.25);
    assert.equal(body.kecamatan.length, 30);

    const csv = await c.get('/bandung/sampah/tonase/sipsn.csv?tahun=2019');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csvLines(csv.body);
    // The city, 30 kecamatan, and what no kecamatan holds (city-wide entries and weighings).
    assert.equal(lines.length, 1 + 1 + 30 + 1);
    assert.deepEqual(lines.at(-1)!.split(';').slice(0, 2), ['', 'Tidak teratribusi ke kecamatan']);
    cekJumlahCsv(csv.body);
    cekJumlah(json.json<SipsnTahun>());
    assert.match(lines[0]!, /^Kode wilayah;Wilayah;\(A\) Timbulan \(ton\);\(B\) Pengurangan \(ton\);%B\/A;/);
    const kota = lines[1]!.split(';');
    assert.equal(kota[0], '32.73');
    assert.equal(kota[3], '2,250'); // (B)
    assert.equal(kota[5], '4,000'); // (C)
    assert.equal(kota[9], '1,500'); // (D)
    assert.equal(kota[10], '0,750'); // (E)

    const raw = await c.getRaw('/bandung/sampah/tonase/sipsn.xlsx?tahun=2019');
    const wb = await readXlsxDownload(raw);
    const ws = wb.worksheets[0]!;
    assert.equal(ws.getRow(5).getCell(1).value, '32.73');
    assert.equal(ws.getRow(5).getCell(4).value, 2.25);
    assert.equal(ws.getRow(5).getCell(6).value, 4);
  });

  it('shows the dashboard page and the tiles', async () => {
    const c = await as('admin_kota');
    const page = await c.get('/bandung/sampah/tonase?tahun=2019');
    assert.equal(page.status, 200);
    assert.match(page.body, /Dasbor sampah kota/);
    assert.match(page.body, /sipsn\.xlsx\?tahun=2019/);
    // Demo entries of the last 90 days feed this year's figures and the tile.
    const city = (await findCityBySlug(env.balai.handle.db as Db, 'bandung'))!;
    const user: CurrentUser = {
      id: '00000000-0000-4000-8000-000000000000',
      tenantId: city.id,
      email: 'x@example.id',
      name: 'Admin',
      mustChangePassword: false,
      roles: [{ role: 'admin_kota', areaKode: city.id, module: null }],
    };
    const started = Date.now();
    const tiles = await withTenant(env.balai.handle.db as Db, city.id, SYSTEM_ACTOR, (trx) =>
      sampahTiles(trx, city, user, translator('id')),
    );
    assert.ok(Date.now() - started < 2000);
    assert.match(tiles[0]!.label, /Sampah terkelola/);
    assert.match(tiles[0]!.value, /%/);
    // The entry form: a negative weight shows the form again; a good one is saved.
    const before = await count();
    const bad = await c.request('POST', '/bandung/sampah/tonase/catatan', {
      form: { tanggal: '2019-06-01', kecamatanKode: K1, jenis: 'pengurangan_kompos', ton: '-2' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /aria-invalid="true"/);
    assert.equal(await count(), before);
    const good = await c.request('POST', '/bandung/sampah/tonase/catatan', {
      form: { tanggal: '2019-06-01', kecamatanKode: K1, jenis: 'pengurangan_kompos', ton: '1,25' },
    });
    assert.equal(good.status, 303);
    const saved = await env.db.query<{ ton: string }>(
      `select ton from sampah_tonase_catatan where tanggal = '2019-06-01' and kecamatan_kode = $1`,
      [K1],
    );
    assert.deepEqual(saved.rows, [{ ton: '1.250' }]);
    assert.equal((await c.get('/bandung/sampah/tonase/catatan?ok=1')).status, 200);
    const warga = await as('warga');
    assert.equal((await warga.get('/bandung/sampah/tonase')).status, 403);
  });

  it('shows a kecamatan officer the dashboard of their kecamatan, and only that', async () => {
    const camat = await as('petugas_kecamatan');
    const own = await camat.get('/bandung/sampah/tonase?tahun=2019');
    assert.equal(own.status, 200, own.body);
    assert.match(own.body, /<h1>Dasbor sampah Kecamatan Sukasari<\/h1>/);
    assert.doesNotMatch(own.body, /sipsn\.xlsx/);
    assert.equal((await camat.get(`/bandung/sampah/tonase?kecamatan=${K2}`)).status, 403);
    assert.equal((await camat.get(`${API}/sipsn/2019`)).status, 403);
    const admin = await as('admin_kota');
    const pick = await admin.get(`/bandung/sampah/tonase?tahun=2019&kecamatan=${K1}`);
    assert.equal(pick.status, 200);
    assert.match(pick.body, /<h1>Dasbor sampah Kecamatan Sukasari<\/h1>/);
    assert.match(pick.body, /<option value="" *>Seluruh Kota Bandung<\/option>/);
    // Another city's kecamatan: the page drops the filter it does not know (the city's view).
    const asing = await admin.get('/bandung/sampah/tonase?kecamatan=36.73.01');
    assert.equal(asing.status, 303);
    assert.doesNotMatch(String(asing.headers.location), /kecamatan=/);
    assert.equal((await admin.get('/bandung/sampah/tonase?kecamatan=')).status, 200);
  });
});

describe('demo figures', () => {
  const tahun = Number(todayWib().slice(0, 4));
  const admin = (cityId: string): CurrentUser => ({
    id: '00000000-0000-4000-8000-000000000000',
    tenantId: cityId,
    email: 'x@example.id',
    name: 'Admin',
    mustChangePassword: false,
    roles: [{ role: 'admin_kota', areaKode: cityId, module: null }],
  });

  for (const slug of ['bandung', 'serang'] as const) {
    it(`add up in ${slug}: dashboard, SIPSN JSON and CSV, each kecamatan with its own figures`, async () => {
      const city = (await findCityBySlug(env.balai.handle.db as Db, slug))!;
      const { sumberOperasi } = await import('./sumber-operasi.ts');
      const d = await withTenant(env.balai.handle.db as Db, city.id, SYSTEM_ACTOR, (trx) =>
        getDasbor(trx, city, admin(city.id), tahun, sumberOperasi),
      );
      const s = d.sipsn;
      cekJumlah(s);
      const c = await as('admin_kota', slug);
      const json = await c.get(`/api/v1/cities/${slug}/sampah/tonase/sipsn/${tahun}`);
      assert.equal(json.status, 200, json.body);
      const j = json.json<SipsnTahun>();
      cekJumlah(j);
      assert.deepEqual(j.sipsn, s.sipsn, 'the dashboard and the SIPSN table agree');
      const csv = await c.get(`/${slug}/sampah/tonase/sipsn.csv?tahun=${tahun}`);
      assert.equal(csv.status, 200);
      const rows = cekJumlahCsv(csv.body);
      assert.equal(rows.length, 1 + s.kecamatan.length + 1);

      // Believable: timbulan from each kecamatan's own population, every kecamatan handles and
      // reduces waste, and only a small share is not attributed (mixed routes, deposits without RW).
      const timbulan = s.kecamatan.map((k) => k.sipsn.timbulan);
      assert.equal(new Set(timbulan).size, timbulan.length, 'no two kecamatan with the same timbulan');
      for (const k of s.kecamatan) {
        assert.ok(k.sipsn.penanganan > 0 && k.sipsn.pengurangan > 0, k.nama);
        assert.ok(k.sipsn.persenTerkelola! > 40 && k.sipsn.persenTerkelola! < 100, `${k.nama} managed %`);
      }
      const sisa = s.tidakTeratribusi!;
      // Deposits without an RW, mixed routes, and perhaps the rounding of each row to the kg.
      assert.deepEqual(
        sisa.sebab.filter((x) => x !== 'pembulatan'),
        ['bankSampahTanpaRw', 'catatanKota'],
      );
      // Timbulan is the kecamatan's: at most the rounding of each row to the kg.
      assert.ok(Math.abs(sisa.sipsn.timbulan) <= s.kecamatan.length * 0.0005, `${sisa.sipsn.timbulan}`);
      assert.ok(sisa.sipsn.penanganan > 0 && sisa.sipsn.penanganan < s.sipsn.penanganan * 0.1);
      const page = await c.get(`/${slug}/sampah/tonase?tahun=${tahun}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<a href="#sisa">Tidak teratribusi ke kecamatan<\/a>/);
      assert.match(page.body, /rute campuran lintas kecamatan/);
    });
  }

  it('spread bank sampah recovery over most kecamatan of the public KBS ranking', async () => {
    for (const slug of ['bandung', 'serang'] as const) {
      const city = (await findCityBySlug(env.balai.handle.db as Db, slug))!;
      const s = await withTenant(env.balai.handle.db as Db, city.id, SYSTEM_ACTOR, (trx) =>
        sebaranKbs(trx, city),
      );
      const positif = s.kecamatan.filter((k) => (k.kgPerKk ?? 0) > 0);
      assert.ok(
        positif.length >= Math.ceil(s.kecamatan.length * 0.8),
        `${slug}: ${positif.length} of ${s.kecamatan.length} kecamatan with kg per household`,
      );
    }
  });
});

describe('entry kinds', () => {
  it('are the values the SQL check allows, in the same order', async () => {
    assert.deepEqual(await checkValues(env.db, 'sampah_tonase_catatan', 'jenis'), [...JENIS_CATATAN]);
  });
});
