/**
 * Catalogue search on a fixture of a few dozen products (inserted with SQL, indexed with
 * indeksUsaha/indeksProduk; the demo UMKM are removed first so results are exact): Indonesian
 * stemming (menabung/tabungan, kerajinan/perajin, makanan/makan), typo correction (kripik,
 * keripk, batk, bakzo) with the corrected query reported, prefixes, ranking (name above
 * category/business name above description), filters, only verified businesses' available
 * products, tenant isolation, hostile queries, business search, and the query plan as the app
 * role (the GIN index on (tenant_id, cari) under row-level security).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import { Client, useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { insertRow } from '../../../tests/helpers/tenant-db.ts';
import { withTenant } from '../../platform/db/transaction.ts';
import {
  BATAS_KANDIDAT,
  searchProduk as cariProduk,
  searchUsaha as cariUsaha,
  indeksUsaha,
  needsWalk as perluJalan,
  sqlCariProduk,
  type FilterKatalog,
  type HasilCari,
  type ProdukKatalog,
} from './cari.ts';
import { cacheCari, MAKS_CACHE_CARI } from './cari-cache.ts';
import { parseKueri as pahamiKueri, teksTsquery } from './cari-kueri.ts';

const BANDUNG = '32.73';
const SERANG = '36.73';
const env = useBalaiWithOwnerDb();
const anon = { userId: null, role: 'anonim' };

function tx<T>(tenant: string, fn: Parameters<typeof withTenant<T>>[3]): Promise<T> {
  return withTenant(env.balai.handle.db, tenant, anon, fn);
}

function cari(teks: string, filter: FilterKatalog = {}, tenant = BANDUNG): Promise<HasilCari<ProdukKatalog>> {
  return tx(tenant, (trx) => cariProduk(trx, tenant, teks, filter, { page: 1, perPage: 50 }));
}

const nama = (h: HasilCari<ProdukKatalog>) => h.items.map((p) => p.nama);
const ada = async (teks: string, produk: string, filter: FilterKatalog = {}) =>
  nama(await cari(teks, filter)).includes(produk);

interface Wil {
  kec: string;
  kel: string;
}
const wil: Record<string, Wil[]> = {};
const usahaId: Record<string, string> = {};

async function buatUsaha(
  tenant: string,
  slug: string,
  w: Wil,
  over: Record<string, unknown>,
): Promise<string> {
  const id = randomUUID();
  const row: Record<string, unknown> = {
    tenant_id: tenant,
    id,
    slug,
    pemilik_nama: 'Pemilik Rahasia Sekali',
    kecamatan_kode: w.kec,
    kelurahan_kode: w.kel,
    status: 'terverifikasi',
    sektor: 'C',
    kelas: 'mikro',
    ...over,
  };
  await insertRow(env.db, 'umkm_usaha', row);
  usahaId[slug] = id;
  return id;
}

let urut = 0;
async function buatProduk(
  tenant: string,
  usaha: string,
  namaProduk: string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const id = randomUUID();
  const row: Record<string, unknown> = {
    tenant_id: tenant,
    id,
    usaha_id: usahaId[usaha],
    slug: `${usaha}-${++urut}`,
    nama: namaProduk,
    kategori: 'makanan',
    harga: 10000 + urut,
    satuan: 'bungkus',
    // Distinct creation times, newest last inserted.
    created_at: new Date(Date.UTC(2026, 0, 1, 0, urut)).toISOString(),
    ...over,
  };
  await insertRow(env.db, 'umkm_produk', row);
  return id;
}

/** Relations read by a sequential scan anywhere in an EXPLAIN (format json) plan. */
function seqScans(plan: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o['Node Type'] === 'Seq Scan' && typeof o['Relation Name'] === 'string') out.push(o['Relation Name']);
    Object.values(o).forEach(walk);
  };
  walk(plan);
  return out.filter((r) => ['umkm_produk', 'umkm_usaha', 'umkm_katalog', 'umkm_katalog_usaha'].includes(r));
}

describe('catalogue search', () => {
  before(async () => {
    // Only this file's businesses: remove the demo UMKM (cascades to products, photos …) and the vocabulary.
    await env.db.query(`delete from umkm_usaha`);
    await env.db.query(`delete from umkm_kata`);
    for (const t of [BANDUNG, SERANG]) {
      const r = await env.db.query<{ kode: string; induk: string }>(
        `select distinct on (induk) kode, induk from wilayah
        where tingkat = 'kelurahan' and kode like $1 order by induk, kode limit 3`,
        [`${t}.%`],
      );
      wil[t] = r.rows.map((x) => ({ kec: x.induk, kel: x.kode }));
    }
    const [k1, k2] = wil[BANDUNG]!;
    await buatUsaha(BANDUNG, 'keripik-ma-icih', k1!, {
      nama: 'Keripik Ma Icih',
      deskripsi: 'Camilan pedas khas Bandung sejak 2008.',
      telepon: '081234567890',
      nik_enc: 'c2VjcmV0',
      nik_samaran: '3273********0001',
    });
    await env.db.query(
      `insert into umkm_legalitas (tenant_id, usaha_id, jenis, nomor, berlaku_sampai) values ($1, $2, 'halal', 'ID32110000999', '2099-12-31')`,
      [BANDUNG, usahaId['keripik-ma-icih']],
    );
    await buatUsaha(BANDUNG, 'batik-sekar', k2!, { nama: 'Batik Sekar Jagad', kelas: 'kecil' });
    await buatUsaha(BANDUNG, 'koperasi-sejahtera', k1!, { nama: 'Koperasi Sejahtera', sektor: 'K' });
    await buatUsaha(BANDUNG, 'rumah-bambu', k2!, { nama: 'Rumah Bambu Cigadung' });
    await buatUsaha(BANDUNG, 'dapur-rahasia', k1!, { nama: 'Dapur Rahasia', status: 'diajukan' });
    await buatUsaha(BANDUNG, 'bakso-mang-udin', k1!, { nama: 'Bakso Mang Udin', sektor: 'I' });
    await buatUsaha(SERANG, 'emping-serang', wil[SERANG]![0]!, { nama: 'Emping Serang Jaya' });

    const B = BANDUNG;
    // Bandung's products: the business, the name and what differs from buatProduk's defaults.
    const produk: [string, string, Record<string, unknown>?][] = [
      ['keripik-ma-icih', 'Keripik Singkong Balado', { deskripsi: 'Keripik singkong pedas, renyah.' }],
      ['keripik-ma-icih', 'Keripik Tempe Original'],
      ['keripik-ma-icih', 'Keripik Pisang Manis', { tersedia: false }],
      ['keripik-ma-icih', 'Sambal Bawang', { deskripsi: 'Teman makan nasi.' }],
      ['batik-sekar', 'Batik Tulis Mega Mendung', { kategori: 'fesyen' }],
      ['batik-sekar', 'Kemeja Batik Cap', { kategori: 'fesyen' }],
      ['batik-sekar', 'Selendang Sutra', { kategori: 'fesyen', deskripsi: 'Cocok dipadu dengan kain.' }],
      ['koperasi-sejahtera', 'Tabungan Pendidikan Anak', { kategori: 'jasa' }],
      ['koperasi-sejahtera', 'Pembiayaan Modal Usaha', { kategori: 'jasa' }],
      [
        'rumah-bambu',
        'Celengan Tanah Liat',
        { kategori: 'rumah_tangga', deskripsi: 'Celengan lucu untuk anak yang rajin menabung.' },
      ],
      [
        'rumah-bambu',
        'Tas Anyaman Pandan',
        { kategori: 'fesyen', deskripsi: 'Dibuat tangan oleh perajin Cigadung.' },
      ],
      ['rumah-bambu', 'Hiasan Dinding Bambu', { kategori: 'kerajinan' }],
      ['rumah-bambu', 'Kotak Makan Bambu', { kategori: 'rumah_tangga' }],
      [
        'rumah-bambu',
        'Piring Rotan',
        { kategori: 'rumah_tangga', deskripsi: 'Wadah serbaguna, pas untuk menyajikan bakso.' },
      ],
      ['dapur-rahasia', 'Keripik Rahasia Pedas'],
      ['bakso-mang-udin', 'Bakso Urat Jumbo', { halal: true }],
      ['bakso-mang-udin', 'Mie Ayam Ceker'],
      ['bakso-mang-udin', 'Es Teh Manis', { kategori: 'minuman' }],
    ];
    for (const [usaha, nama, over] of produk) await buatProduk(B, usaha, nama, over);
    for (let i = 1; i <= 12; i++)
      await buatProduk(B, 'rumah-bambu', `Sendok Kayu Nomor ${i}`, { kategori: 'rumah_tangga' });
    await buatProduk(SERANG, 'emping-serang', 'Keripik Emping Melinjo');

    for (const [t, ids] of [
      [BANDUNG, Object.entries(usahaId).filter(([s]) => s !== 'emping-serang')],
      [SERANG, [['emping-serang', usahaId['emping-serang']!]]],
    ] as const)
      await withTenant(env.balai.handle.db, t, { userId: null, role: 'sistem' }, async (trx) => {
        for (const [, id] of ids) await indeksUsaha(trx, id);
      });
  });

  describe('understanding the query', () => {
    it('stems like the documents, drops function words, builds a safe tsquery', async () => {
      const k = await tx(BANDUNG, (trx) => pahamiKueri(trx, BANDUNG, 'Menabung dan TABUNGAN!'));
      assert.deepEqual(k.kata, ['tabung']);
      assert.equal(k.koreksi, null);
      assert.equal(teksTsquery({ kata: ['keripik', "o'ne"], awalan: true }), "'keripik' & 'one':*");
      assert.equal(teksTsquery({ kata: ['keripik'], awalan: false }, 'A'), "'keripik':A");
      assert.equal(
        teksTsquery({ kata: ['keripik', 'pedas'], awalan: true, lanjutan: ['pedas', 'pedasan'] }, 'A'),
        "'keripik':A & ('pedas':A | 'pedasan':A)",
      );
      const kosong = await tx(BANDUNG, (trx) => pahamiKueri(trx, BANDUNG, ' dan yang di ... !!! '));
      assert.deepEqual(kosong.kata, []);
    });
  });

  describe('stemming', () => {
    it('menabung finds tabungan, and tabungan finds menabung', async () => {
      assert.ok(nama(await cari('menabung')).includes('Tabungan Pendidikan Anak'));
      const t = nama(await cari('tabungan'));
      assert.ok(t.includes('Tabungan Pendidikan Anak') && t.includes('Celengan Tanah Liat'), t.join());
    });

    it('kerajinan finds the work of a perajin, and perajin finds kerajinan', async () => {
      assert.ok(nama(await cari('kerajinan')).includes('Tas Anyaman Pandan'));
      assert.ok(nama(await cari('perajin')).includes('Hiasan Dinding Bambu'));
    });

    it('makanan finds makan, and makan finds makanan', async () => {
      assert.ok(nama(await cari('makanan')).includes('Kotak Makan Bambu'));
      const m = nama(await cari('makan'));
      assert.ok(m.includes('Keripik Tempe Original') && m.includes('Kotak Makan Bambu'), m.join());
    });

    it('keripik stays keripik, and every word must match', async () => {
      const h = await cari('keripik singkong');
      assert.deepEqual(nama(h), ['Keripik Singkong Balado']);
      assert.equal(h.kueri.koreksi, null);
    });
  });

  describe('typos', () => {
    for (const [salah, benar, produk] of [
      ['kripik', 'keripik', 'Keripik Tempe Original'],
      ['keripk', 'keripik', 'Keripik Tempe Original'],
      ['batk', 'batik', 'Batik Tulis Mega Mendung'],
      ['bakzo', 'bakso', 'Bakso Urat Jumbo'],
    ] as const) {
      it(`${salah} finds ${benar}, saying so`, async () => {
        const h = await cari(salah);
        assert.ok(nama(h).includes(produk), nama(h).join());
        assert.equal(h.kueri.koreksi, benar);
      });
    }

    it('corrects one word of several and keeps the others as typed', async () => {
      const h = await cari('kripik Balado');
      assert.deepEqual(nama(h), ['Keripik Singkong Balado']);
      assert.equal(h.kueri.koreksi, 'keripik balado');
    });

    it('takes the last word as a prefix while typing, without correcting it', async () => {
      const h = await cari('kerip');
      assert.ok(nama(h).includes('Keripik Tempe Original'));
      assert.equal(h.kueri.koreksi, null);
      assert.equal(h.kueri.awalan, true);
      assert.ok(nama(await cari('bak')).includes('Bakso Urat Jumbo'));
    });

    it('matches a prefix as the vocabulary words it begins, with the same results as the prefix', async () => {
      for (const teks of ['kerip', 'bak', 'keripik bal', 'tabung']) {
        const k = await tx(BANDUNG, (trx) => pahamiKueri(trx, BANDUNG, teks));
        assert.ok(k.awalan && k.lanjutan?.length, `${teks}: ${JSON.stringify(k)}`);
        assert.ok(
          k.lanjutan.every((w) => w.startsWith(k.kata.at(-1)!)),
          JSON.stringify(k.lanjutan),
        );
        const sama = (q: string) =>
          tx(BANDUNG, async (trx) =>
            (
              await sql<{ id: string }>`select produk_id as id from umkm_katalog
                where cari @@ to_tsquery('simple', ${q}) order by 1`.execute(trx)
            ).rows.map((r) => r.id),
          );
        const perluasan = await sama(teksTsquery(k));
        assert.ok(perluasan.length > 0, teks);
        assert.deepEqual(perluasan, await sama(teksTsquery({ ...k, lanjutan: null })), teks);
      }
    });
  });

  describe('ranking', () => {
    it('puts a name match above a business-name match above a description match', async () => {
      const n = nama(await cari('bakso'));
      assert.equal(n[0], 'Bakso Urat Jumbo');
      assert.ok(n.indexOf('Mie Ayam Ceker') < n.indexOf('Piring Rotan'), n.join());
      assert.equal(n.at(-1), 'Piring Rotan');
    });

    it('orders equal matches newest first, the same way every time', async () => {
      const a = nama(await cari('sendok'));
      assert.equal(a[0], 'Sendok Kayu Nomor 12');
      assert.equal(a.at(-1), 'Sendok Kayu Nomor 1');
      assert.deepEqual(nama(await cari('sendok')), a);
    });

    it('pages through the results without overlap', async () => {
      const p1 = await tx(BANDUNG, (trx) => cariProduk(trx, BANDUNG, 'sendok', {}, { page: 1, perPage: 5 }));
      const p3 = await tx(BANDUNG, (trx) => cariProduk(trx, BANDUNG, 'sendok', {}, { page: 3, perPage: 5 }));
      assert.equal(p1.jumlah, 12);
      assert.equal(p1.items.length, 5);
      assert.equal(p3.items.length, 2);
      assert.equal(p1.terbatas, false);
      const jauh = await tx(BANDUNG, (trx) =>
        cariProduk(trx, BANDUNG, 'sendok', {}, { page: 99, perPage: 5 }),
      );
      assert.deepEqual(jauh.items, []);
      assert.equal(jauh.jumlah, 12);
    });
  });

  describe('filters and visibility', () => {
    it('filters by kecamatan, sector, class, category and halal', async () => {
      const [k1, k2] = wil[BANDUNG]!;
      const semua = await cari('');
      assert.ok(semua.items.every((p) => [k1!.kec, k2!.kec].includes(p.kecamatan.kode)));
      assert.ok((await cari('', { kecamatan: k2!.kec })).items.every((p) => p.kecamatan.kode === k2!.kec));
      assert.deepEqual(nama(await cari('', { sektor: 'K' })).sort(), [
        'Pembiayaan Modal Usaha',
        'Tabungan Pendidikan Anak',
      ]);
      // Selendang Sutra matches through its business's name (Batik Sekar Jagad).
      assert.deepEqual(nama(await cari('batik', { kelas: 'kecil' })).sort(), [
        'Batik Tulis Mega Mendung',
        'Kemeja Batik Cap',
        'Selendang Sutra',
      ]);
      assert.deepEqual(nama(await cari('batik', { kelas: 'mikro' })), []);
      const fesyen = nama(await cari('', { kategori: 'fesyen' }));
      assert.deepEqual(fesyen.sort(), [
        'Batik Tulis Mega Mendung',
        'Kemeja Batik Cap',
        'Selendang Sutra',
        'Tas Anyaman Pandan',
      ]);
      // Halal: marked on the product, or the business holds a valid halal certificate.
      const halal = nama(await cari('', { halal: true }));
      assert.ok(halal.includes('Bakso Urat Jumbo') && halal.includes('Sambal Bawang'), halal.join());
      assert.ok(!halal.includes('Mie Ayam Ceker') && !halal.includes('Kemeja Batik Cap'));
    });

    it('lists only available products of verified businesses', async () => {
      const k = nama(await cari('keripik'));
      assert.ok(!k.includes('Keripik Pisang Manis'), 'unavailable product');
      assert.ok(!k.includes('Keripik Rahasia Pedas'), 'business not verified');
      assert.deepEqual(nama(await cari('rahasia')), []);
      const semua = nama(await cari(''));
      assert.ok(!semua.includes('Keripik Pisang Manis') && !semua.includes('Keripik Rahasia Pedas'));
      // Browsing lists the newest first.
      assert.equal(semua[0], 'Sendok Kayu Nomor 12');
    });

    it('keeps each city to its own catalogue and vocabulary', async () => {
      assert.ok(!nama(await cari('keripik')).includes('Keripik Emping Melinjo'));
      const emping = await cari('emping');
      assert.deepEqual(nama(emping), []);
      assert.equal(emping.kueri.koreksi, null, "Serang's words never correct Bandung's queries");
      assert.deepEqual(nama(await cari('keripik', {}, SERANG)), ['Keripik Emping Melinjo']);
      const api = await new Client(env.balai.app).get('/api/v1/cities/bandung/umkm/katalog/produk?q=emping');
      assert.equal(api.status, 200);
      assert.deepEqual(api.json<{ items: unknown[] }>().items, []);
    });
  });

  describe('hostile queries', () => {
    it('answers queries of only function words, punctuation, SQL and tsquery syntax without failing', async () => {
      for (const q of [
        'dan yang di',
        '!!! ??? ... ---',
        "'; drop table umkm_produk; --",
        "keripik' or '1'='1",
        'keripik & | ! :* <-> ( )',
        '%_\\ \u0000 \u202e',
        '😀🌶️',
        'ｋｅｒｉｐｉｋ',
        'kéripik',
        'a'.repeat(5000),
        'keripik '.repeat(500),
      ]) {
        const h = await cari(q);
        assert.ok(Array.isArray(h.items), q.slice(0, 20));
      }
      assert.ok(nama(await cari('ｋｅｒｉｐｉｋ')).includes('Keripik Tempe Original'));
      assert.ok(nama(await cari('kéripik')).includes('Keripik Tempe Original'));
    });

    it('the API refuses an over-long query (400) and answers everything else', async () => {
      const c = new Client(env.balai.app);
      const base = '/api/v1/cities/bandung/umkm/katalog/produk';
      for (const q of ["'; drop table umkm_produk; --", '%', '\\', ':*', 'dan', 'x'.repeat(500)]) {
        const res = await c.get(`${base}?q=${encodeURIComponent(q)}`);
        assert.equal(res.status, 200, `${q.slice(0, 20)}: ${res.body.slice(0, 200)}`);
      }
      assert.equal((await c.get(`${base}?q=${'x'.repeat(501)}`)).status, 400);
      assert.equal((await c.get(`${base}?kecamatan=x`)).status, 400);
      assert.equal((await c.get(`${base}?tidakAda=1`)).status, 400);
      const page = await c.get(
        `/bandung/umkm?q=${encodeURIComponent("'; drop table x; -- " + 'ab'.repeat(120))}`,
      );
      assert.equal(page.status, 200);
    });
  });

  describe('business search', () => {
    it('finds businesses by stemmed words and by names with typos, verified only', async () => {
      const u = (teks: string) =>
        tx(BANDUNG, (trx) => cariUsaha(trx, BANDUNG, teks, {}, { page: 1, perPage: 20 })).then((h) =>
          h.items.map((x) => x.nama),
        );
      assert.equal((await u('keripik ma icih'))[0], 'Keripik Ma Icih');
      assert.equal((await u('bakzo mang udin'))[0], 'Bakso Mang Udin');
      assert.equal((await u('Koperasi Sejahtra'))[0], 'Koperasi Sejahtera');
      assert.ok((await u('camilan pedas')).includes('Keripik Ma Icih'), 'by description');
      assert.deepEqual(await u('dapur rahasia'), []);
      assert.ok((await u('')).length >= 5);
    });
  });

  describe('the derived catalogue (umkm_katalog, umkm_katalog_usaha)', () => {
    const app = <T>(fn: Parameters<typeof withTenant<T>>[3]) =>
      withTenant(env.balai.handle.db, BANDUNG, { userId: null, role: 'sistem' }, fn);
    const ubah = (stmt: string, ...params: unknown[]) =>
      app(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw(stmt, params));
      });
    /** Both derived tables, then the same after a rebuild from the sources (rolled back). */
    async function samaDenganRebuild(): Promise<void> {
      const baris = async () =>
        (
          await env.db.query<{ r: string }>(
            `select 'p' || row(k.*)::text as r from umkm_katalog k
             union all select 'u' || row(k.*)::text from umkm_katalog_usaha k order by 1`,
          )
        ).rows.map((x) => x.r);
      const kept = await baris();
      await env.db.query('begin');
      try {
        await env.db.query(`select set_config('app.tenant_id', $1, true)`, [BANDUNG]);
        await env.db.query('select umkm_katalog_isi()');
        await env.db.query(`select set_config('app.tenant_id', $1, true)`, [SERANG]);
        await env.db.query('select umkm_katalog_isi()');
        assert.deepEqual(kept, await baris(), 'the derived rows equal a rebuild from their sources');
      } finally {
        await env.db.query('rollback');
      }
    }

    it('equals a rebuild after the fixture, and holds only what the public may see', async () => {
      await samaDenganRebuild();
      const r = await env.db.query<{ n: number }>(
        `select count(*)::int as n from umkm_katalog k join umkm_produk p on p.tenant_id = k.tenant_id and p.id = k.produk_id
          join umkm_usaha u on u.tenant_id = p.tenant_id and u.id = p.usaha_id
         where not p.tersedia or u.status <> 'terverifikasi'`,
      );
      assert.equal(r.rows[0]!.n, 0);
    });

    it('follows a business unverified and verified again, in the same transaction', async () => {
      const id = usahaId['batik-sekar']!;
      assert.ok(await ada('batik', 'Kemeja Batik Cap'));
      await app(async (trx) => {
        await sql`update umkm_usaha set status = 'dikembalikan' where id = ${id}`.execute(trx);
        // Within the writing transaction already.
        const h = await cariProduk(trx, BANDUNG, 'batik', {}, { page: 1, perPage: 50 });
        assert.ok(!h.items.some((p) => p.nama === 'Kemeja Batik Cap'));
        const u = await cariUsaha(trx, BANDUNG, 'batik sekar', {}, { page: 1, perPage: 20 });
        assert.ok(!u.items.some((x) => x.nama === 'Batik Sekar Jagad'));
      });
      assert.ok(!(await ada('batik', 'Kemeja Batik Cap')));
      await samaDenganRebuild();
      await ubah(`update umkm_usaha set status = 'terverifikasi' where id = $1`, id);
      assert.ok(await ada('batik', 'Kemeja Batik Cap'));
      await samaDenganRebuild();
    });

    it('follows a business moved to another kecamatan, a new sector and class, and a new name', async () => {
      const [k1, k2] = wil[BANDUNG]!;
      const id = usahaId['rumah-bambu']!;
      assert.ok(await ada('', 'Piring Rotan', { kecamatan: k2!.kec }));
      await ubah(
        `update umkm_usaha set kecamatan_kode = $2, kelurahan_kode = $3, sektor = 'G', kelas = 'menengah' where id = $1`,
        id,
        k1!.kec,
        k1!.kel,
      );
      assert.ok(!(await ada('', 'Piring Rotan', { kecamatan: k2!.kec })));
      assert.ok(await ada('', 'Piring Rotan', { kecamatan: k1!.kec, sektor: 'G', kelas: 'menengah' }));
      await samaDenganRebuild();
      await ubah(`update umkm_usaha set nama = 'Rumah Bambu Ciumbuleuit' where id = $1`, id);
      await app((trx) => indeksUsaha(trx, id));
      const u = await tx(BANDUNG, (trx) =>
        cariUsaha(trx, BANDUNG, 'Ciumbuleut', {}, { page: 1, perPage: 20 }),
      );
      assert.deepEqual(
        u.items.map((x) => x.nama),
        ['Rumah Bambu Ciumbuleuit'],
        'the normalised name follows (trigram)',
      );
      await samaDenganRebuild();
      await ubah(
        `update umkm_usaha set nama = 'Rumah Bambu Cigadung', kecamatan_kode = $2, kelurahan_kode = $3, sektor = 'C', kelas = 'mikro' where id = $1`,
        id,
        k2!.kec,
        k2!.kel,
      );
      await app((trx) => indeksUsaha(trx, id));
    });

    it('follows a product made unavailable and available again, its photos, and its removal', async () => {
      const id = (
        await env.db.query<{ id: string }>(`select id from umkm_produk where nama = 'Hiasan Dinding Bambu'`)
      ).rows[0]!.id;
      await ubah(`update umkm_produk set tersedia = false where id = $1`, id);
      assert.ok(!(await ada('hiasan', 'Hiasan Dinding Bambu')));
      await ubah(`update umkm_produk set tersedia = true where id = $1`, id);
      assert.ok(await ada('hiasan', 'Hiasan Dinding Bambu'));
      await ubah(
        `insert into umkm_foto (tenant_id, usaha_id, produk_id, lebar, tinggi, besar, sedang, kecil)
         values ($1, $2, $3, 10, 10, '\\x00', '\\x00', '\\x00')`,
        BANDUNG,
        usahaId['rumah-bambu'],
        id,
      );
      const foto = await env.db.query<{ ada_foto: boolean }>(
        `select ada_foto from umkm_katalog where produk_id = $1`,
        [id],
      );
      assert.equal(foto.rows[0]?.ada_foto, true);
      await samaDenganRebuild();
      await ubah(`delete from umkm_foto where produk_id = $1`, id);
      await samaDenganRebuild();
      const baru = await buatProduk(BANDUNG, 'rumah-bambu', 'Tampah Bambu Sementara', {
        kategori: 'kerajinan',
      });
      await app((trx) => indeksUsaha(trx, usahaId['rumah-bambu']!));
      assert.ok(await ada('tampah', 'Tampah Bambu Sementara'));
      await ubah(`delete from umkm_produk where id = $1`, baru);
      assert.ok(!(await ada('tampah', 'Tampah Bambu Sementara')));
      await samaDenganRebuild();
    });

    it('follows a halal certificate that expires, is renewed or is removed; an expiry date needs no write', async () => {
      const id = usahaId['keripik-ma-icih']!;
      assert.ok(await ada('', 'Sambal Bawang', { halal: true }));
      await ubah(
        `update umkm_legalitas set berlaku_sampai = current_date - 1 where usaha_id = $1 and jenis = 'halal'`,
        id,
      );
      assert.ok(!(await ada('', 'Sambal Bawang', { halal: true })), 'expired certificate');
      await samaDenganRebuild();
      await ubah(
        `update umkm_legalitas set berlaku_sampai = current_date where usaha_id = $1 and jenis = 'halal'`,
        id,
      );
      assert.ok(await ada('', 'Sambal Bawang', { halal: true }), 'valid through today');
      // The search compares the date with today's: tomorrow it is out without any write.
      const besok = await env.db.query<{ n: number }>(
        `select count(*)::int as n from umkm_katalog where usaha_id = $1 and halal_sampai >= current_date + 1`,
        [id],
      );
      assert.equal(besok.rows[0]!.n, 0);
      await ubah(`delete from umkm_legalitas where usaha_id = $1 and jenis = 'halal'`, id);
      assert.ok(!(await ada('', 'Sambal Bawang', { halal: true })), 'certificate removed');
      await ubah(
        `insert into umkm_legalitas (tenant_id, usaha_id, jenis, nomor, berlaku_sampai) values ($1, $2, 'halal', 'ID32110000999', '2099-12-31')`,
        BANDUNG,
        id,
      );
      assert.ok(await ada('', 'Sambal Bawang', { halal: true }), 'certificate added');
      await samaDenganRebuild();
    });

    it('follows a business removed (its rows leave with it)', async () => {
      const id = await buatUsaha(BANDUNG, 'usaha-sementara', wil[BANDUNG]![0]!, {
        nama: 'Usaha Sementara Sekali',
      });
      await buatProduk(BANDUNG, 'usaha-sementara', 'Produk Sementara Sekali');
      await app((trx) => indeksUsaha(trx, id));
      assert.ok(await ada('sementara', 'Produk Sementara Sekali'));
      await ubah(`delete from umkm_usaha where id = $1`, id);
      assert.ok(!(await ada('sementara', 'Produk Sementara Sekali')));
      await samaDenganRebuild();
    });
  });

  describe('result cache (cacheCari, umkm_katalog_versi)', () => {
    const sistem = { userId: null, role: 'sistem' };
    const ubah = (stmt: string, ...params: unknown[]) =>
      withTenant(env.balai.handle.db, BANDUNG, sistem, async (trx) => {
        await trx.executeQuery(CompiledQuery.raw(stmt, params));
      });
    const token = async (tenant = BANDUNG) =>
      (
        await env.db.query<{ token: string }>(
          `select token::text from umkm_katalog_versi where tenant_id = $1`,
          [tenant],
        )
      ).rows[0]?.token;
    const kena = () => cacheCari.statistik().kena;
    const usaha = (teks: string) =>
      tx(BANDUNG, (trx) => cariUsaha(trx, BANDUNG, teks, {}, { page: 1, perPage: 20 }));

    it('serves a repeated search from the cache, equal to the search computed', async () => {
      cacheCari.kosongkan();
      const queries: [string, FilterKatalog][] = [
        ['keripik', {}],
        ['kripik', {}],
        ['bambu', { kategori: 'rumah_tangga' }],
        ['', {}],
        ['bakso', { halal: true }],
        ['sendok kay', {}],
      ];
      const pertama = [];
      for (const [q, f] of queries) pertama.push(await cari(q, f));
      const k0 = kena();
      for (const [i, [q, f]] of queries.entries()) assert.deepEqual(await cari(q, f), pertama[i], q);
      assert.equal(kena() - k0, queries.length, 'every repeat was a cache hit');
      cacheCari.atur({ maks: 0 });
      try {
        for (const [i, [q, f]] of queries.entries())
          assert.deepEqual(await cari(q, f), pertama[i], `${q} uncached`);
      } finally {
        cacheCari.atur({ maks: MAKS_CACHE_CARI });
      }
      assert.ok(pertama[0]!.items.length > 0 && pertama[1]!.kueri.koreksi === 'keripik');
    });

    it('a committed change to the catalogue gives the city a new token, and search shows it', async () => {
      const idSelendang = (
        await env.db.query<{ id: string }>(`select id from umkm_produk where nama = 'Selendang Sutra'`)
      ).rows[0]!.id;
      assert.ok(await ada('selendang', 'Selendang Sutra'));
      assert.ok(await ada('selendang', 'Selendang Sutra'), 'cached');
      const [b0, s0] = [await token(), await token(SERANG)];
      await ubah(`update umkm_produk set tersedia = false where id = $1`, idSelendang);
      const b1 = await token();
      assert.notEqual(b1, b0, 'a new token for Bandung');
      assert.equal(await token(SERANG), s0, "Serang's token is untouched");
      assert.equal(await ada('selendang', 'Selendang Sutra'), false, 'gone from search at once');
      await ubah(`update umkm_produk set tersedia = true where id = $1`, idSelendang);
      assert.notEqual(await token(), b1);
      assert.ok(await ada('selendang', 'Selendang Sutra'), 'back at once');
      // A business renamed: its own search too.
      const namaUsaha = async (teks: string) => (await usaha(teks)).items.map((u) => u.nama);
      const namai = async (baru: string) => {
        await ubah(`update umkm_usaha set nama = $2 where id = $1`, usahaId['rumah-bambu'], baru);
        await tx(BANDUNG, (trx) => indeksUsaha(trx, usahaId['rumah-bambu']!));
      };
      assert.deepEqual(await namaUsaha('bambu'), ['Rumah Bambu Cigadung']);
      await namai('Rumah Rotan Cigadung');
      assert.deepEqual(await namaUsaha('bambu'), []);
      assert.deepEqual(await namaUsaha('rotan'), ['Rumah Rotan Cigadung']);
      await namai('Rumah Bambu Cigadung');
      assert.deepEqual(await namaUsaha('bambu'), ['Rumah Bambu Cigadung']);
    });

    it('the token changes at commit: not inside the writing transaction, not after a rollback', async () => {
      assert.ok(await ada('teh manis', 'Es Teh Manis'));
      assert.ok(await ada('teh manis', 'Es Teh Manis'), 'cached');
      const t0 = await token();
      await assert.rejects(
        withTenant(env.balai.handle.db, BANDUNG, sistem, async (trx) => {
          await sql`update umkm_produk set tersedia = false where nama = 'Es Teh Manis'`.execute(trx);
          const dalam = await sql<{ token: string }>`select token::text from umkm_katalog_versi`.execute(trx);
          assert.equal(dalam.rows[0]!.token, t0, 'deferred to the commit');
          // This transaction sees its own change, never a page cached before it.
          const h = await cariProduk(trx, BANDUNG, 'teh manis', {}, { page: 1, perPage: 50 });
          assert.ok(!h.items.some((p) => p.nama === 'Es Teh Manis'));
          throw new Error('batal');
        }),
        /batal/,
      );
      assert.equal(await token(), t0, 'a rolled-back change keeps the token');
      assert.ok(await ada('teh manis', 'Es Teh Manis'));
    });

    it('a change the catalogue does not hold keeps the token; the cached page shows it fresh', async () => {
      const sebelum = await cari('sambal bawang');
      const t0 = await token();
      const k0 = kena();
      await ubah(`update umkm_produk set harga = 12345 where nama = 'Sambal Bawang'`);
      assert.equal(await token(), t0, 'the price is not in the derived tables');
      const sesudah = await cari('sambal bawang');
      assert.equal(kena() - k0, 1, 'served from the cache');
      assert.deepEqual(
        sesudah.items.map((p) => p.id),
        sebelum.items.map((p) => p.id),
      );
      assert.equal(sesudah.items.find((p) => p.nama === 'Sambal Bawang')?.harga, 12345, 'the new price');
    });

    it('a city without a token yet is searched without the cache', async () => {
      await env.db.query(`delete from umkm_katalog_versi where tenant_id = $1`, [SERANG]);
      try {
        const k0 = cacheCari.statistik();
        assert.deepEqual(nama(await cari('emping', {}, SERANG)), ['Keripik Emping Melinjo']);
        assert.deepEqual(nama(await cari('emping', {}, SERANG)), ['Keripik Emping Melinjo']);
        const k1 = cacheCari.statistik();
        assert.equal(k1.kena + k1.luput, k0.kena + k0.luput, 'the cache was not consulted');
      } finally {
        await env.db.query(
          `insert into umkm_katalog_versi (tenant_id, token) values ($1, gen_random_uuid())`,
          [SERANG],
        );
      }
    });
  });

  describe('query plan', () => {
    it('reads the derived catalogue through its indexes as the app role, under row-level security', async (t) => {
      // Only a superuser may mark the match operators leakproof (0013_umkm_katalog.sql); a server
      // whose migrations ran as a non-superuser (CI's second database) needs its administrator to
      // do it, and until then search is correct but reads every product (ADR 0012).
      const leakproof = await env.db.query<{ proleakproof: boolean }>(
        `select proleakproof from pg_proc where oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure`,
      );
      const superuser = await env.db.query<{ rolsuper: boolean }>(
        `select rolsuper from pg_roles where rolname = current_user`,
      );
      if (!leakproof.rows[0]?.proleakproof && !superuser.rows[0]?.rolsuper) {
        t.skip('the match operators are not marked leakproof on this server (needs a superuser)');
        return;
      }
      // A few thousand products of a few thousand verified businesses, like a real city. (With only
      // a few hundred businesses a sequential scan of umkm_usaha costs the planner about as much as
      // one look-up by key, and it may rightly pick either; a city has tens of thousands.)
      const [k1] = wil[BANDUNG]!;
      await env.db.query(
        `insert into umkm_usaha (tenant_id, slug, nama, pemilik_nama, kecamatan_kode, kelurahan_kode, status)
         select $1, 'massal-' || g, 'Usaha Massal ' || g, 'Pemilik', $2, $3, 'terverifikasi'
         from generate_series(1, 3000) g`,
        [BANDUNG, k1!.kec, k1!.kel],
      );
      await env.db.query(
        `insert into umkm_produk (tenant_id, usaha_id, slug, nama, kategori, harga, satuan, cari)
         select $1, u.id, 'massal-' || g, 'Barang Nomor ' || g, 'lainnya', g, 'buah',
           setweight(to_tsvector('simple', 'barang nomor ' || g), 'A')
         from generate_series(1, 6000) g
         join umkm_usaha u on u.tenant_id = $1 and u.slug = 'massal-' || (1 + g % 3000)`,
        [BANDUNG],
      );
      // Statistics as autovacuum would leave them, not whatever it has reached by now.
      await env.db.query('analyze umkm_katalog, umkm_katalog_usaha, umkm_produk, umkm_usaha, umkm_foto');
      const leak = await env.db.query<{ proleakproof: boolean }>(
        `select proleakproof from pg_proc where oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure`,
      );
      assert.equal(leak.rows[0]?.proleakproof, true, 'migration 0013 marks the full-text match leakproof');
      const rencana = async (teks: string, filter: FilterKatalog = {}, awalan = true) => {
        const k = await tx(BANDUNG, (trx) => pahamiKueri(trx, BANDUNG, teks));
        const kueri = { ...k, awalan: k.awalan && awalan };
        const jalan = await tx(BANDUNG, (trx) => perluJalan(trx, BANDUNG, kueri, filter));
        const q = sqlCariProduk(BANDUNG, kueri, filter, { page: 1, perPage: 20 }, jalan).compile(
          env.balai.handle.db,
        );
        return tx(BANDUNG, async (trx) => {
          const r = await trx.executeQuery<{ 'QUERY PLAN': unknown }>({
            ...q,
            sql: `explain (analyze, format json) ${q.sql}`,
          });
          return JSON.stringify(r.rows[0]!['QUERY PLAN']);
        });
      };
      // A rare word: its matches through the GIN index of the derived catalogue.
      for (const teks of ['keripik', 'kerip', 'bakso urat']) {
        const plan = await rencana(teks);
        assert.match(plan, /"Index Name":"umkm_katalog_cari"/, `${teks}: ${plan.slice(0, 400)}`);
        assert.match(plan, /"Index Cond":"\(\(tenant_id = '32\.73'::text\) AND \(cari @@ /, teks);
        assert.deepEqual(seqScans(JSON.parse(plan)), [], `${teks}: no sequential scan`);
      }
      // A word in thousands of products: the newest-first index, read only until the cap is met
      // (no bitmap of every match); browsing a kecamatan, a newest-first index too.
      // (A whole word: the planner's estimate of a prefix of a word this common is far lower.)
      const umum = await rencana('nomor', {}, false);
      assert.match(umum, /"Index Name":"umkm_katalog_terbaru"/, umum.slice(0, 400));
      assert.doesNotMatch(umum, /"Index Name":"umkm_katalog_cari"/);
      const perKecamatan = await rencana('', { kecamatan: k1!.kec });
      assert.match(
        perKecamatan,
        /"Index Name":"umkm_katalog_(kecamatan|terbaru)"/,
        perKecamatan.slice(0, 400),
      );
      // Nothing reads the source tables to decide what matches: only the page's rows are looked up.
      for (const plan of [umum, perKecamatan])
        assert.deepEqual(seqScans(JSON.parse(plan)), [], `no sequential scan: ${plan.slice(0, 1500)}`);
      const biasa = await tx(BANDUNG, (trx) =>
        sql<{ n: number }>`select count(*)::int as n from umkm_produk`.execute(trx),
      );
      assert.ok(biasa.rows[0]!.n > 4000);
      assert.ok(BATAS_KANDIDAT >= 100);
    });
  });
});
