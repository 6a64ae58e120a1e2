/**
 * The public catalogue pages and API: the catalogue, product, business and map pages render
 * (200) for an anonymous visitor, with caching (ETag, 304); JSON-LD parses and has the right
 * @type, price and address; the WhatsApp link has the international number and a prefilled
 * Indonesian message naming the product and its URL; an unverified business and its products
 * are 404; no NIK, no owner name and no phone number outside the WhatsApp link; the only inline
 * scripts are JSON-LD data blocks (CSP); markup without fixed widths (360 px).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { insertRow } from '../../../tests/helpers/tenant-db.ts';
import { withTenant } from '../../platform/db/transaction.ts';
import { formatRupiah } from '../../platform/i18n/index.ts';
import { indeksUsaha } from './cari.ts';
import { nomorWhatsapp, waLink } from './katalog-service.ts';

const BANDUNG = '32.73';
const env = useBalaiWithOwnerDb();
const NIK_SAMARAN = '3273********0001';
const PEMILIK = 'Euis Pemilik Rahasia';
const TELEPON = '081234567890';
const UNIK = `zamrud${randomUUID()
  .slice(0, 6)
  .replace(/[0-9-]/g, 'q')}`;
let kel = { kode: '', nama: '' };
let kec = { kode: '', nama: '' };

const insert = (table: string, row: Record<string, unknown>) => insertRow(env.db, table, row);

const usaha = { id: randomUUID(), slug: `kopi-${UNIK}` };
const draf = { id: randomUUID(), slug: `draf-${UNIK}` };
const produk = { id: randomUUID(), slug: `kopi-bubuk-${UNIK}`, nama: `Kopi Bubuk ${UNIK}` };
const produkDraf = { id: randomUUID(), slug: `produk-draf-${UNIK}` };

function jsonLd(body: string): Record<string, unknown>[] {
  return [...body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
}

function waHrefs(body: string): string[] {
  return [...body.matchAll(/href="(https:\/\/wa\.me\/[^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/** Checks every public page must pass: no personal data, no inline script, no fixed widths. */
function aman(body: string, halaman = true): void {
  assert.ok(!body.includes(NIK_SAMARAN), 'no masked NIK');
  assert.ok(!body.includes('3273') || !/3273\d{12}/.test(body), 'no NIK');
  assert.ok(!body.includes(PEMILIK), "no owner's name");
  const tanpaWa = body.replace(/https:\/\/wa\.me\/[^"]*/g, '');
  assert.ok(!tanpaWa.includes('81234567890'), 'the phone number only inside the WhatsApp link');
  for (const m of body.matchAll(/<script\b([^>]*)>/g))
    assert.ok(/\bsrc=|type="application\/ld\+json"/.test(m[1]!), `inline script: ${m[0]}`);
  assert.ok(!/\sstyle="/.test(body), 'no style attributes');
  for (const m of body.matchAll(/(?:^|[;{\s])(?:min-)?width:\s*(\d+)px/g))
    assert.ok(Number(m[1]) <= 360, `fixed width ${m[0]}`);
  if (halaman) assert.match(body, /<meta name="viewport" content="width=device-width, initial-scale=1"/);
}

describe('public catalogue', () => {
  before(async () => {
    const w = await env.db.query<{ kode: string; nama: string; induk: string; induk_nama: string }>(
      `select k.kode, k.nama, k.induk, c.nama as induk_nama from wilayah k join wilayah c on c.kode = k.induk
        where k.tingkat = 'kelurahan' and k.kode like '32.73.%' order by k.kode limit 1`,
    );
    kel = { kode: w.rows[0]!.kode, nama: w.rows[0]!.nama };
    kec = { kode: w.rows[0]!.induk, nama: w.rows[0]!.induk_nama };
    const base = {
      tenant_id: BANDUNG,
      pemilik_nama: PEMILIK,
      kecamatan_kode: kec.kode,
      kelurahan_kode: kel.kode,
      nik_enc: 'c2VjcmV0LW5paw',
      nik_samaran: NIK_SAMARAN,
      telepon: TELEPON,
      email: 'pemilik.rahasia@contoh.id',
    };
    await insert('umkm_usaha', {
      ...base,
      id: usaha.id,
      slug: usaha.slug,
      nama: `Kopi Aroma ${UNIK}`,
      deskripsi: 'Kopi Java Preanger sangrai sendiri.',
      alamat: 'Jl. Banceuy No. 51',
      nib: '9120001234567',
      npwp: '0123456789012345',
      lat: -6.9175,
      lng: 107.6091,
      status: 'terverifikasi',
      sektor: 'C',
      kelas: 'mikro',
      tahun_berdiri: 1930,
    });
    await insert('umkm_legalitas', {
      tenant_id: BANDUNG,
      usaha_id: usaha.id,
      jenis: 'halal',
      nomor: 'ID32110000123450524',
      berlaku_sampai: '2099-12-31',
    });
    await insert('umkm_legalitas', {
      tenant_id: BANDUNG,
      usaha_id: usaha.id,
      jenis: 'npwp',
      nomor: '0123456789012345',
    });
    await insert('umkm_produk', {
      tenant_id: BANDUNG,
      id: produk.id,
      usaha_id: usaha.id,
      slug: produk.slug,
      nama: produk.nama,
      deskripsi: 'Kopi arabika <b>bubuk</b> "halus", 250 g.',
      kategori: 'minuman',
      harga: 15000,
      satuan: 'bungkus',
      merek: 'Kopi Aroma',
      sku: 'KA-250',
      halal: true,
    });
    await insert('umkm_foto', {
      tenant_id: BANDUNG,
      usaha_id: usaha.id,
      produk_id: produk.id,
      lebar: 1200,
      tinggi: 900,
      alt: 'Bungkus kopi',
      besar: Buffer.from([0]),
      sedang: Buffer.from([0]),
      kecil: Buffer.from([0]),
    });
    await insert('umkm_usaha', {
      ...base,
      id: draf.id,
      slug: draf.slug,
      nama: `Usaha Draf ${UNIK}`,
      lat: -6.9,
      lng: 107.6,
      status: 'diajukan',
    });
    await insert('umkm_produk', {
      tenant_id: BANDUNG,
      id: produkDraf.id,
      usaha_id: draf.id,
      slug: produkDraf.slug,
      nama: `Produk Draf ${UNIK}`,
      kategori: 'minuman',
      harga: 9000,
      satuan: 'gelas',
    });
    await withTenant(env.balai.handle.db, BANDUNG, { userId: null, role: 'sistem' }, async (trx) => {
      await indeksUsaha(trx, usaha.id);
      await indeksUsaha(trx, draf.id);
    });
  });

  it('normalises phone numbers for WhatsApp', () => {
    assert.equal(nomorWhatsapp('081234567890'), '6281234567890');
    assert.equal(nomorWhatsapp('+6281234567890'), '6281234567890');
    assert.equal(nomorWhatsapp('6281234567890'), '6281234567890');
    assert.equal(nomorWhatsapp('81234567890'), '6281234567890');
    assert.equal(nomorWhatsapp('0812-3456-7890'), '6281234567890');
    assert.equal(nomorWhatsapp(null), null);
    assert.equal(nomorWhatsapp('12345'), null);
    assert.equal(
      waLink('62812', 'Halo & "apa" kabar?'),
      'https://wa.me/62812?text=Halo%20%26%20%22apa%22%20kabar%3F',
    );
  });

  it('renders the catalogue with the search form, results in rupiah, and caching', async () => {
    const c = new Client(env.balai.app);
    const res = await c.get(`/bandung/umkm?q=${UNIK}`);
    assert.equal(res.status, 200, res.body.slice(0, 500));
    assert.match(res.body, /<form method="get" action="\/bandung\/umkm" role="search"/);
    assert.match(res.body, /<label for="f-q">/);
    assert.ok(res.body.includes(produk.nama));
    assert.ok(res.body.includes(formatRupiah(15000)), 'price formatted for id-ID');
    assert.ok(res.body.includes(`/bandung/umkm/p/${produk.slug}`));
    assert.match(res.body, /srcset="\/bandung\/umkm\/foto\/[0-9a-f-]+\/kecil\.webp 240w/);
    assert.match(res.body, /loading="lazy"/);
    assert.ok(!res.body.includes(`Produk Draf ${UNIK}`));
    aman(res.body);
    assert.equal(res.headers['cache-control'], 'private, max-age=60');
    assert.equal(res.headers.vary, 'Cookie');
    const etag = String(res.headers.etag);
    assert.match(etag, /^W\/"/);
    const lagi = await c.get(`/bandung/umkm?q=${UNIK}`, { 'if-none-match': etag });
    assert.equal(lagi.status, 304);
    assert.equal(lagi.body, '');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    // A typo is corrected and said so; tracking parameters of shared links are ignored.
    const typo = await c.get('/bandung/umkm?q=kripik&fbclid=abc&utm_source=wa');
    assert.equal(typo.status, 200);
    assert.match(typo.body, /Menampilkan hasil untuk <strong>keripik<\/strong>/);
    // Small: the page without photos is a few kilobytes.
    assert.ok(res.body.length < 40_000, `${res.body.length} bytes`);
  });

  it('signed-in visitors are never cached', async () => {
    const c = new Client(env.balai.app);
    await c.loginAs('bandung', 'admin_kota');
    const res = await c.get('/bandung/umkm');
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });

  it('renders a product page with Product JSON-LD and the WhatsApp button', async () => {
    const res = await new Client(env.balai.app).get(`/bandung/umkm/p/${produk.slug}`);
    assert.equal(res.status, 200, res.body.slice(0, 500));
    aman(res.body);
    const [ld] = jsonLd(res.body);
    assert.ok(ld);
    assert.equal(ld['@context'], 'https://schema.org');
    assert.equal(ld['@type'], 'Product');
    assert.equal(ld.name, produk.nama);
    assert.equal(ld.description, 'Kopi arabika <b>bubuk</b> "halus", 250 g.');
    const offer = ld.offers as Record<string, unknown>;
    assert.equal(offer['@type'], 'Offer');
    assert.equal(offer.priceCurrency, 'IDR');
    assert.equal(offer.price, 15000);
    assert.equal(offer.availability, 'https://schema.org/InStock');
    const seller = offer.seller as Record<string, unknown>;
    assert.equal(seller['@type'], 'LocalBusiness');
    assert.equal(seller.name, `Kopi Aroma ${UNIK}`);
    assert.match(String((ld.image as string[])[0]), /\/bandung\/umkm\/foto\/[0-9a-f-]+\/besar\.webp$/);
    // "<" inside the data block is escaped, so it cannot close the script element.
    assert.ok(!/<b>bubuk/.test(res.body.slice(res.body.indexOf('application/ld+json'))));
    assert.ok(res.body.includes('&lt;b&gt;bubuk&lt;/b&gt;'), 'description escaped in the page');
    const [wa] = waHrefs(res.body);
    assert.ok(wa, 'WhatsApp link');
    const url = new URL(wa);
    assert.equal(url.origin + url.pathname, 'https://wa.me/6281234567890');
    const pesan = url.searchParams.get('text')!;
    assert.ok(pesan.startsWith('Halo Kopi Aroma'), pesan);
    assert.ok(pesan.includes(`"${produk.nama}"`), pesan);
    assert.match(pesan, new RegExp(`https?://[^ ]+/bandung/umkm/p/${produk.slug}$`));
    assert.ok(wa.includes('%20') && !wa.includes(' '), 'URL-encoded');
    assert.ok(res.body.includes(formatRupiah(15000)));
    assert.ok(res.body.includes(kel.nama) && res.body.includes(kec.nama));
  });

  it('renders a business page with LocalBusiness JSON-LD, address and legality badges', async () => {
    const res = await new Client(env.balai.app).get(`/bandung/umkm/u/${usaha.slug}`);
    assert.equal(res.status, 200, res.body.slice(0, 500));
    aman(res.body);
    const [ld] = jsonLd(res.body);
    assert.equal(ld!['@type'], 'LocalBusiness');
    const address = ld!.address as Record<string, unknown>;
    assert.equal(address.addressLocality, 'Kota Bandung');
    assert.equal(address.addressRegion, 'Jawa Barat');
    assert.equal(address.streetAddress, 'Jl. Banceuy No. 51');
    assert.deepEqual(ld!.geo, { '@type': 'GeoCoordinates', latitude: -6.9175, longitude: 107.6091 });
    assert.ok(!('telephone' in ld!));
    assert.match(res.body, /<li class="tag">Halal<\/li>/);
    assert.match(res.body, /<li class="tag">NIB<\/li>/);
    assert.ok(!/<li class="tag">NPWP<\/li>/.test(res.body), 'no NPWP badge (for one person it is their NIK)');
    assert.ok(!res.body.includes('0123456789012345') && !res.body.includes('9120001234567'), 'no numbers');
    assert.ok(res.body.includes(`Kel. ${kel.nama}`) && res.body.includes(`Kec. ${kec.nama}`));
    assert.ok(res.body.includes(produk.nama), 'its products');
    const [wa] = waHrefs(res.body);
    assert.ok(wa?.startsWith('https://wa.me/6281234567890?text=Halo%20Kopi%20Aroma'));
  });

  it('hides businesses that are not verified, and their products (404)', async () => {
    const c = new Client(env.balai.app);
    for (const url of [
      `/bandung/umkm/u/${draf.slug}`,
      `/bandung/umkm/p/${produkDraf.slug}`,
      `/api/v1/cities/bandung/umkm/katalog/usaha/${draf.slug}`,
      `/api/v1/cities/bandung/umkm/katalog/produk/${produkDraf.slug}`,
      '/bandung/umkm/u/tidak-ada',
      `/serang/umkm/u/${usaha.slug}`,
      `/serang/umkm/p/${produk.slug}`,
    ]) {
      const res = await c.get(url);
      assert.equal(res.status, 404, url);
      assert.ok(!res.body.includes(PEMILIK) && !res.body.includes(NIK_SAMARAN));
    }
    assert.equal((await c.get('/bandung/umkm/u/Bukan_Slug')).status, 400);
  });

  it('serves the API without personal data', async () => {
    const c = new Client(env.balai.app);
    const p = await c.get(`/api/v1/cities/bandung/umkm/katalog/produk/${produk.slug}`);
    assert.equal(p.status, 200, p.body);
    aman(p.body, false);
    const body = p.json<{
      harga: number;
      whatsapp: string;
      usaha: Record<string, unknown>;
      foto: unknown[];
    }>();
    assert.equal(body.harga, 15000);
    assert.ok(body.whatsapp.startsWith('https://wa.me/6281234567890?text='));
    assert.equal(body.foto.length, 1);
    for (const k of ['id', 'nik_samaran', 'pemilik_nama', 'telepon', 'email', 'npwp', 'nib'])
      assert.ok(!(k in body.usaha), k);
    const s = await c.get(`/api/v1/cities/bandung/umkm/katalog/produk?q=${UNIK}`);
    assert.equal(s.status, 200);
    assert.deepEqual(
      s.json<{ items: { slug: string }[] }>().items.map((x) => x.slug),
      [produk.slug],
    );
    const u = await c.get(`/api/v1/cities/bandung/umkm/katalog/usaha?q=kopi%20aroma%20${UNIK}`);
    assert.equal(u.json<{ items: { slug: string }[] }>().items[0]?.slug, usaha.slug);
  });

  it('renders the map page and its markers (verified businesses with a location only)', async () => {
    const c = new Client(env.balai.app);
    const res = await c.get(`/bandung/umkm/peta?kecamatan=${kec.kode}`);
    assert.equal(res.status, 200, res.body.slice(0, 500));
    aman(res.body);
    assert.match(res.body, /<div\s+id="peta"/);
    assert.match(res.body, /data-penanda-url="\/api\/v1\/cities\/bandung\/umkm\/katalog\/peta\?kecamatan=/);
    assert.match(res.body, /<script src="\/assets\/js\/katalog-peta\.js" defer><\/script>/);
    assert.ok(res.body.includes(`Kopi Aroma ${UNIK}`), 'the list without JavaScript');
    assert.ok(!res.body.includes(`Usaha Draf ${UNIK}`));
    const m = await c.get(`/api/v1/cities/bandung/umkm/katalog/peta?kecamatan=${kec.kode}`);
    assert.equal(m.status, 200);
    assert.match(String(m.headers['cache-control']), /^public, max-age=300/);
    const items = m.json<{ items: { slug: string; lat: number; lng: number }[] }>().items;
    assert.deepEqual(
      items.find((x) => x.slug === usaha.slug),
      { slug: usaha.slug, nama: `Kopi Aroma ${UNIK}`, lat: -6.9175, lng: 107.6091, kecamatan: kec.kode },
    );
    assert.ok(!items.some((x) => x.slug === draf.slug));
    const js = await c.get('/assets/js/katalog-peta.js');
    assert.equal(js.status, 200);
  });

  it('is linked from the city home page, and speaks English on request', async () => {
    const c = new Client(env.balai.app);
    const home = await c.get('/bandung');
    assert.ok(home.body.includes('href="/bandung/umkm"'), 'catalogue card on the home page');
    c.cookies.set('balai_lang', 'en');
    const en = await c.get('/bandung/umkm');
    assert.equal(en.status, 200);
    assert.ok(en.body.includes('UMKM catalogue'));
  });
});
