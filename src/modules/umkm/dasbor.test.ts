/**
 * UMKM dashboards: counts on a small Bandung fixture computed by hand (by status, kecamatan,
 * sector, class, e-Katalog state and readiness), class movement up/down/stayed over three years,
 * the SQL window query against kelas.ts's pergerakanKelas on the same figures (hand-built and
 * generated), a kecamatan officer seeing only their kecamatan, and the city dashboard tiles.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '../../../tests/helpers/app.ts';
import { insertRow } from '../../../tests/helpers/tenant-db.ts';
import { useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { kelasUsaha } from './kelas.ts';
import { computePergerakan as hitungPergerakan, type BarisKeuangan, type DasborUmkm } from './dasbor.ts';
import { todayWib as hariIniWib } from '../../platform/waktu.ts';

const env = useBalaiWithOwnerDb();
const BANDUNG = '32.73';
const SERANG = '36.73';

const as = clientAs(env);

/**
 * The dashboard's e-Katalog counts (belum_siap, siap, diajukan, tayang, lengkap, belumLengkap) and
 * its class movements [naik, turun, tetap] of 2023→2024 and 2024→2025.
 */
function assertEkatalogPergerakan(
  d: DasborUmkm,
  ekatalog: number[],
  gerak: [number, number, number][],
): void {
  const [belum_siap, siap, diajukan, tayang, lengkap, belumLengkap] = ekatalog;
  assert.deepEqual(d.ekatalog, { perStatus: { belum_siap, siap, diajukan, tayang }, lengkap, belumLengkap });
  assert.deepEqual(
    d.pergerakan,
    gerak.map(([naik, turun, tetap], i) => ({ tahunSebelum: 2023 + i, tahun: 2024 + i, naik, turun, tetap })),
  );
}

let n = 0;

const insert = (table: string, row: Record<string, unknown>) => insertRow(env.db, table, row);

async function usaha(tenant: string, kel: string, over: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await insert('umkm_usaha', {
    tenant_id: tenant,
    id,
    slug: `dasbor-uji-${++n}-${id.slice(0, 8)}`,
    nama: `Usaha Dasbor ${n}`,
    pemilik_nama: 'Pemilik Uji',
    kecamatan_kode: kel.slice(0, 8),
    kelurahan_kode: kel,
    ...over,
  });
  return id;
}

/** Yearly figures with the class and criterion computed as the registry does. */
async function keuangan(
  tenant: string,
  usahaId: string,
  tahun: number,
  penjualan: number | null,
  modal: number | null = null,
) {
  const k = kelasUsaha({ modal, penjualan });
  await insert('umkm_keuangan', {
    tenant_id: tenant,
    usaha_id: usahaId,
    tahun,
    modal,
    penjualan,
    kelas: k.kelas,
    dasar: k.dasar,
  });
}

async function produk(usahaId: string, ekatalog: string): Promise<string> {
  const id = randomUUID();
  await insert('umkm_produk', {
    tenant_id: BANDUNG,
    id,
    usaha_id: usahaId,
    slug: `produk-dasbor-${++n}-${id.slice(0, 8)}`,
    nama: `Produk Dasbor ${n}`,
    kategori: 'kerajinan',
    harga: 50000,
    satuan: 'pcs',
    sku: `SKU-${n}`,
    merek: 'Merek Uji',
    asal: 'lokal',
    kbli_versi: '2020',
    kbli_kode: '13122',
    ekatalog,
    nama_terkunci: ekatalog === 'diajukan' || ekatalog === 'tayang',
  });
  await insert('umkm_foto', {
    tenant_id: BANDUNG,
    usaha_id: usahaId,
    produk_id: id,
    lebar: 1,
    tinggi: 1,
    besar: Buffer.from([0]),
    sedang: Buffer.from([0]),
    kecil: Buffer.from([0]),
  });
  return id;
}

async function barisKeuangan(tenant: string): Promise<BarisKeuangan[]> {
  const r = await env.db.query<BarisKeuangan>(
    `select usaha_id, tahun, modal::float8 as modal, penjualan::float8 as penjualan, dasar
       from umkm_keuangan where tenant_id = $1`,
    [tenant],
  );
  return r.rows;
}

let k1 = '';
let k2 = '';
let k1Nama = '';
let k2Nama = '';

describe('UMKM dashboard', () => {
  let admin: Client;

  before(async () => {
    // Only this file's fixture in Bandung's registry, so every count is known.
    await env.db.query('delete from umkm_usaha where tenant_id = $1', [BANDUNG]);
    const kec = await env.db.query<{ kode: string; nama: string }>(
      `select kode, nama from wilayah where tingkat = 'kecamatan' and induk = $1 order by kode limit 2`,
      [BANDUNG],
    );
    [k1, k2] = kec.rows.map((r) => r.kode) as [string, string];
    [k1Nama, k2Nama] = kec.rows.map((r) => r.nama) as [string, string];
    const kel = async (k: string) =>
      (
        await env.db.query<{ kode: string }>(
          `select kode from wilayah where tingkat = 'kelurahan' and induk = $1 order by kode limit 1`,
          [k],
        )
      ).rows[0]!.kode;
    const kel1 = await kel(k1);
    const kel2 = await kel(k2);
    // u1..u3 in the first kecamatan (the demo kecamatan officer's), u4..u5 in the second.
    const u1 = await usaha(BANDUNG, kel1, { status: 'terverifikasi', sektor: 'C', kelas: 'kecil' });
    const u2 = await usaha(BANDUNG, kel1, { status: 'diajukan', sektor: 'C', kelas: 'kecil' });
    await usaha(BANDUNG, kel1, { status: 'draf' });
    const u4 = await usaha(BANDUNG, kel2, {
      status: 'terverifikasi',
      sektor: 'G',
      kelas: 'kecil',
      nib: '9120000000999',
      npwp: '012345678999999',
      sikap: true,
      kswp_valid: true,
      kswp_dicek: hariIniWib(),
    });
    const u5 = await usaha(BANDUNG, kel2, { status: 'ditolak', sektor: 'I', kelas: 'menengah' });
    await insert('umkm_usaha_kbli', {
      tenant_id: BANDUNG,
      usaha_id: u4,
      versi: '2020',
      kode: '13122',
      utama: true,
    });
    // Class history (penjualan decides; ceilings 2 / 15 / 50 miliar):
    //   u1 mikro 2023 -> kecil 2024 (naik) -> kecil 2025 (tetap)
    //   u2 menengah 2023 -> kecil 2024 (turun)
    //   u4 mikro 2023, kecil 2025: no 2024, so counted in neither pair
    //   u5 besar 2024 -> menengah 2025 (turun)
    await keuangan(BANDUNG, u1, 2023, 1_500_000_000);
    await keuangan(BANDUNG, u1, 2024, 3_000_000_000);
    await keuangan(BANDUNG, u1, 2025, 3_000_000_000);
    await keuangan(BANDUNG, u2, 2023, 20_000_000_000);
    await keuangan(BANDUNG, u2, 2024, 10_000_000_000);
    await keuangan(BANDUNG, u4, 2023, 1_000_000_000);
    await keuangan(BANDUNG, u4, 2025, 3_000_000_000);
    await keuangan(BANDUNG, u5, 2024, 60_000_000_000);
    await keuangan(BANDUNG, u5, 2025, 20_000_000_000);
    // Products: p3 of u4 meets every required item (crafts need no halal); the others do not (u1 not in SIKaP).
    await produk(u1, 'tayang');
    await produk(u1, 'belum_siap');
    await produk(u4, 'siap');
    await produk(u5, 'diajukan');
    admin = await as('admin_kota');
  });

  it('counts the whole city for admin kota', async () => {
    const res = await admin.get('/api/v1/cities/bandung/umkm/dasbor');
    assert.equal(res.status, 200, res.body);
    const d = res.json<DasborUmkm>();
    assert.deepEqual(d.wilayah, [{ kode: BANDUNG, nama: 'Kota Bandung' }]);
    assert.equal(d.total, 5);
    assert.deepEqual(d.perStatus, { draf: 1, diajukan: 1, dikembalikan: 0, terverifikasi: 2, ditolak: 1 });
    const kec = Object.fromEntries(d.perKecamatan.map((k) => [k.kode, [k.terdaftar, k.terverifikasi]]));
    assert.deepEqual(kec[k1], [3, 1]);
    assert.deepEqual(kec[k2], [2, 1]);
    assert.equal(
      d.perKecamatan.reduce((s, k) => s + k.terdaftar, 0),
      5,
    );
    assert.ok(d.perKecamatan.length > 2, 'every kecamatan listed, with zeros');
    assert.deepEqual(
      d.perSektor.map((s) => [s.huruf, s.jumlah]),
      [
        ['C', 2],
        ['G', 1],
        ['I', 1],
        [null, 1],
      ],
    );
    assert.equal(d.perSektor[0]!.judul, 'Industri Pengolahan');
    assert.deepEqual(
      d.perKelas.map((k) => [k.kelas, k.jumlah]),
      [
        ['mikro', 0],
        ['kecil', 3],
        ['menengah', 1],
        ['besar', 0],
        [null, 1],
      ],
    );
    assertEkatalogPergerakan(
      d,
      [1, 1, 1, 1, 1, 3],
      [
        [1, 1, 0],
        [0, 1, 1],
      ],
    );
  });

  it('class movement in SQL equals pergerakanKelas on the same figures', async () => {
    const d = (await admin.get('/api/v1/cities/bandung/umkm/dasbor')).json<DasborUmkm>();
    assert.deepEqual(hitungPergerakan(await barisKeuangan(BANDUNG)), d.pergerakan);
  });

  it('a kecamatan officer sees only their kecamatan', async () => {
    const camat = await as('petugas_kecamatan');
    const res = await camat.get('/api/v1/cities/bandung/umkm/dasbor');
    assert.equal(res.status, 200, res.body);
    const d = res.json<DasborUmkm>();
    assert.deepEqual(d.wilayah, [{ kode: k1, nama: k1Nama }]);
    assert.equal(d.total, 3);
    assert.deepEqual(d.perStatus, { draf: 1, diajukan: 1, dikembalikan: 0, terverifikasi: 1, ditolak: 0 });
    assert.deepEqual(
      d.perKecamatan.map((k) => [k.kode, k.terdaftar, k.terverifikasi]),
      [[k1, 3, 1]],
    );
    assert.deepEqual(
      d.perSektor.map((s) => [s.huruf, s.jumlah]),
      [
        ['C', 2],
        [null, 1],
      ],
    );
    assertEkatalogPergerakan(
      d,
      [1, 0, 0, 1, 0, 2],
      [
        [1, 1, 0],
        [0, 0, 1],
      ],
    );
    // Another kecamatan is outside their area; a code that is no kecamatan of the city is refused.
    assert.equal((await camat.get(`/api/v1/cities/bandung/umkm/dasbor?kecamatan=${k2}`)).status, 404);
    assert.equal((await camat.get(`/api/v1/cities/bandung/umkm/dasbor?kecamatan=${k1}`)).status, 200);
    assert.equal((await admin.get('/api/v1/cities/bandung/umkm/dasbor?kecamatan=36.73.01')).status, 400);
    const page = await camat.get('/bandung/umkm/dasbor');
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(k1Nama));
    assert.ok(!page.body.includes(k2Nama), 'no other kecamatan on the page');
    // Without umkm.dasbor: no dashboard.
    const lurah = await as('petugas_kelurahan');
    assert.equal((await lurah.get('/bandung/umkm/dasbor')).status, 403);
  });

  it('admin kota narrows to one kecamatan; the page has captioned tables', async () => {
    const d = (await admin.get(`/api/v1/cities/bandung/umkm/dasbor?kecamatan=${k2}`)).json<DasborUmkm>();
    assert.equal(d.total, 2);
    assert.equal(d.kecamatan, k2);
    const page = await admin.get('/bandung/umkm/dasbor');
    assert.equal(page.status, 200);
    for (const id of [
      'cap-status',
      'cap-kecamatan',
      'cap-sektor',
      'cap-kelas',
      'cap-ekatalog',
      'cap-kesiapan',
      'cap-pergerakan',
    ]) {
      assert.match(page.body, new RegExp(`<caption id="${id}">`), id);
    }
    assert.match(page.body, /2023–2024/);
    assert.match(page.body, /C — Industri Pengolahan/);
  });

  it('puts verified businesses and live products on the city dashboard for city-wide viewers', async () => {
    const page = await admin.get('/bandung/dasbor');
    assert.equal(page.status, 200);
    assert.match(
      page.body,
      /<span class="value">2<\/span> <span class="label"><a href="\/bandung\/umkm\/dasbor">UMKM terverifikasi<\/a>/,
    );
    assert.match(
      page.body,
      /<span class="value">1<\/span> <span class="label"><a href="\/bandung\/umkm\/dasbor">Produk UMKM tayang di e-Katalog<\/a>/,
    );
    const camat = await as('petugas_kecamatan');
    assert.ok(!(await camat.get('/bandung/dasbor')).body.includes('UMKM terverifikasi'));
  });

  it('SQL and pergerakanKelas agree on generated histories with gaps (Serang)', async () => {
    await env.db.query('delete from umkm_usaha where tenant_id = $1', [SERANG]);
    const kel = (
      await env.db.query<{ kode: string }>(
        `select kode from wilayah where tingkat = 'kelurahan' and kode like '36.73.%' order by kode limit 1`,
      )
    ).rows[0]!.kode;
    let seed = 7;
    const acak = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const nilai = [
      0, 500_000_000, 1_999_999_999, 2_000_000_000, 2_000_000_001, 9_000_000_000, 15_000_000_001,
      49_000_000_000, 80_000_000_000,
    ];
    for (let i = 0; i < 40; i++) {
      const id = await usaha(SERANG, kel, { status: 'terverifikasi' });
      for (let tahun = 2019; tahun <= 2025; tahun++) {
        if (acak() < 0.3) continue; // gaps
        const v = nilai[Math.floor(acak() * nilai.length)]!;
        if (acak() < 0.3) await keuangan(SERANG, id, tahun, null, v);
        else await keuangan(SERANG, id, tahun, v);
      }
    }
    const serang = await as('admin_kota', 'serang');
    const res = await serang.get('/api/v1/cities/serang/umkm/dasbor');
    assert.equal(res.status, 200, res.body);
    const d = res.json<DasborUmkm>();
    const ts = hitungPergerakan(await barisKeuangan(SERANG));
    assert.deepEqual(d.pergerakan, ts);
    assert.ok(
      ts.length >= 5 &&
        ts.some((p) => p.naik > 0) &&
        ts.some((p) => p.turun > 0) &&
        ts.some((p) => p.tetap > 0),
    );
  });
});
