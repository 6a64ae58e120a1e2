/**
 * The UMKM registry in the browser, under the real Content Security Policy:
 *  - an owner, on a 360 px phone, registers a business, gives its yearly figures, adds a product
 *    with a photo taken with the phone, and submits; the kecamatan officer verifies it; it appears
 *    in the public catalogue, found by a stemmed query and by a misspelled one;
 *  - an officer imports a spreadsheet with bad rows, sees them reported by row and column, fixes
 *    the file, imports it, and the businesses are in the registry;
 *  - axe-core finds no serious violation on the pages walked, and none scrolls sideways at 360 px.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import {
  describeViolations,
  horizontalOverflow,
  openPage,
  PHONE,
  seriousAxeViolations,
  signIn,
  useBalaiAndBrowser,
  visit,
} from './helpers.ts';

const env = useBalaiAndBrowser();
const walked = new Set<string>();

async function text(page: Page, selector = 'main'): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

async function noOverflow(page: Page, what: string): Promise<void> {
  const o = await horizontalOverflow(page);
  assert.ok(o.scrollWidth <= PHONE.width, `${what} is ${o.scrollWidth} px wide: ${o.offenders.join(', ')}`);
}

function remember(page: Page): void {
  walked.add(page.url().slice(env.baseUrl.length).split('?')[0]!.split('#')[0]!);
}

/**
 * An import is checked, and once confirmed written, by background jobs; its page refreshes
 * itself meanwhile. Reloads it until the job is done.
 */
async function untilDone(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (!/sedang (diperiksa|diimpor)/i.test(await text(page))) return;
    await new Promise((r) => setTimeout(r, 500));
    await page.reload({ waitUntil: 'load' });
  }
  throw new Error('the import job did not finish within 30 s');
}

/** Submits the form that holds `selector`, and waits for the next page. */
async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
  await page.waitForLoadState('load');
}

describe('UMKM in the browser', () => {
  it('an owner registers a business with a product and photo; verified, it is found in the catalogue', async () => {
    const owner = await openPage(env.browser, { phone: true });
    const p = owner.page;
    await signIn(p, env.baseUrl, 'bandung', 'warga');
    await visit(p, `${env.baseUrl}/bandung/umkm/daftar`);
    remember(p);
    await noOverflow(p, 'registration form');
    await p.locator('#f-nama').fill('Keripik Mendoan Bu Sumiati');
    await p.locator('#f-pemilikNama').fill('Sumiati');
    await p.locator('#f-telepon').fill('0812 7777 1234');
    await p.locator('#f-kelurahanKode').selectOption('32.73.01.1001');
    await p.locator('#f-kbli').fill('10794');
    await p
      .locator('#f-deskripsi')
      .fill('Keripik tempe mendoan tipis, digoreng setiap pagi dengan minyak baru.');
    await submit(p, 'main form[method="post"] button[type="submit"]');
    assert.match(p.url(), /\/bandung\/umkm\/usaha\/[0-9a-f-]{36}/, `on the business page: ${p.url()}`);
    const usahaUrl = p.url().split('?')[0]!;
    const usahaId = usahaUrl.split('/').at(-1)!;
    remember(p);
    await noOverflow(p, 'business page');

    // Yearly figures: the class follows.
    await p.locator('#f-tahun').fill('2025');
    await p.locator('#f-penjualan').fill('Rp 450.000.000');
    await submit(p, 'form[action$="/keuangan"] button[type="submit"]');
    assert.match(await text(p), /[Mm]ikro/);

    // A product, then its photo from the phone's camera.
    await visit(p, `${env.baseUrl}/bandung/umkm/usaha/${usahaId}/produk/baru`);
    remember(p);
    await p.locator('#f-nama').fill('Keripik Tempe Mendoan Pedas');
    await p.locator('#f-kategori').selectOption('makanan');
    await p.locator('#f-harga').fill('Rp 15.000');
    await p.locator('#f-satuan').fill('bungkus 250 g');
    await p.locator('#f-deskripsi').fill('Tempe mendoan diiris tipis lalu digoreng renyah dengan cabai.');
    await submit(p, 'main form[method="post"] button[type="submit"]');
    assert.match(p.url(), /\/bandung\/umkm\/produk\/[0-9a-f-]{36}/, `on the product page: ${p.url()}`);
    remember(p);
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 196, g: 140, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    await p.locator('#f-foto').setInputFiles({ name: 'mendoan.jpg', mimeType: 'image/jpeg', buffer: photo });
    await submit(p, 'form[action$="/foto"] button[type="submit"]');
    const img = p.locator('main img[src*="/umkm/foto/"]').first();
    await img.waitFor();
    // The photo loads (lazily, once on screen; decoded by the browser from the server's WebP).
    await img.scrollIntoViewIfNeeded();
    await p.waitForFunction(
      (el) => {
        const i = el as unknown as { complete: boolean; naturalWidth: number } | null;
        return i !== null && i.complete && i.naturalWidth > 0;
      },
      await img.elementHandle(),
    );
    await noOverflow(p, 'product page');

    // Submit for verification.
    await visit(p, usahaUrl);
    await submit(p, 'form[action$="/ajukan"] button[type="submit"]');
    assert.match(await text(p), /Diajukan/i);

    // The kecamatan officer verifies it from the queue.
    const officer = await openPage(env.browser);
    const o = officer.page;
    await signIn(o, env.baseUrl, 'bandung', 'petugas_kecamatan');
    await visit(o, `${env.baseUrl}/bandung/umkm/usaha`);
    remember(o);
    await o.locator(`main a[href="/bandung/umkm/usaha/${usahaId}"]`).first().click();
    await o.waitForLoadState('load');
    await submit(o, 'form[action$="/verifikasi"] button[type="submit"]');
    assert.match(await text(o), /Terverifikasi/i);

    // Public: the catalogue finds it by a stemmed query and by a misspelled one.
    const anon = await openPage(env.browser, { phone: true });
    const a = anon.page;
    for (const q of ['gorengan tempe', 'kripik mendowan']) {
      await visit(a, `${env.baseUrl}/bandung/umkm?q=${encodeURIComponent(q)}`);
      remember(a);
      const hit = a.locator('main a[href*="/bandung/umkm/p/keripik-tempe-mendoan-pedas"]');
      assert.ok((await hit.count()) > 0, `"${q}" finds the product: ${(await text(a)).slice(0, 400)}`);
    }
    await noOverflow(a, 'catalogue');
    await a.locator('main a[href*="/bandung/umkm/p/keripik-tempe-mendoan-pedas"]').first().click();
    await a.waitForLoadState('load');
    remember(a);
    assert.match(await text(a), /Rp\s?15\.000/);
    const wa = await a.locator('a[href^="https://wa.me/"]').first().getAttribute('href');
    assert.match(wa ?? '', /^https:\/\/wa\.me\/6281277771234\?text=/);
    const ld = await a.locator('script[type="application/ld+json"]').first().textContent();
    assert.equal(JSON.parse(ld ?? '{}')['@type'], 'Product');
    await noOverflow(a, 'product page (public)');

    for (const x of [owner, officer, anon]) {
      assert.deepEqual(x.errors, [], 'no script or CSP errors');
      await x.context.close();
    }
  });

  it('an officer imports a spreadsheet with bad rows, sees them reported, fixes the file and imports', async () => {
    const header = 'nama_usaha,nama_pemilik,nib,telepon,kelurahan,kbli,tahun_data,modal,penjualan';
    const rows = [
      'Batik Kujang Sekar,Ratna Dewi,9120001112223,081211112222,32.73.01.1001,13134,2025,150000000,600000000',
      'Sepatu Kulit Cibaduyut Jaya,Asep Saepudin,91200011,081233334444,32.73.01.1001,15201,2025,300000000,1200000000',
      'Rajut Binong Asri,Euis Komalasari,9120003334445,081255556666,32.99.99.9999,13911,2025,80000000,250000000',
    ];
    const bad = [header, ...rows].join('\n');
    const fixed = [
      header,
      rows[0],
      rows[1]!.replace('91200011', '9120002223334'),
      rows[2]!.replace('32.99.99.9999', '32.73.01.1002'),
    ].join('\n');

    const officer = await openPage(env.browser);
    const p = officer.page;
    await signIn(p, env.baseUrl, 'bandung', 'petugas_dinas');
    await visit(p, `${env.baseUrl}/bandung/umkm/impor`);
    remember(p);
    await p
      .locator('#f-berkas')
      .setInputFiles({ name: 'umkm.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await submit(p, 'form[enctype="multipart/form-data"] button[type="submit"]');
    await p.waitForURL(/\/bandung\/umkm\/impor\/[0-9a-f-]{36}/);
    await untilDone(p);
    remember(p);
    // The report: row 3 (NIB) and row 4 (kelurahan) are named; nothing imported yet.
    const report = await text(p);
    assert.match(report, /\b3\b[\s\S]*nib/i, report.slice(0, 600));
    assert.match(report, /\b4\b[\s\S]*kelurahan/i);
    assert.equal(
      await p.locator('form[action$="/konfirmasi"] button').count(),
      0,
      'no import while rows are bad',
    );

    await visit(p, `${env.baseUrl}/bandung/umkm/impor`);
    await p
      .locator('#f-berkas')
      .setInputFiles({ name: 'umkm.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await submit(p, 'form[enctype="multipart/form-data"] button[type="submit"]');
    await p.waitForURL(/\/bandung\/umkm\/impor\/[0-9a-f-]{36}/);
    await untilDone(p);
    await submit(p, 'form[action$="/konfirmasi"] button[type="submit"]');
    await untilDone(p);
    assert.match(await text(p), /Impor selesai: 3 usaha baru, 0 usaha diperbarui/);

    await visit(p, `${env.baseUrl}/bandung/umkm/usaha?q=${encodeURIComponent('Rajut Binong Asri')}`);
    assert.match(await text(p), /Rajut Binong Asri/);
    assert.deepEqual(officer.errors, []);
    await officer.context.close();
  });

  it('has no serious accessibility violations on the UMKM pages walked', async () => {
    const { context, page } = await openPage(env.browser, { phone: true, bypassCSP: true });
    await signIn(page, env.baseUrl, 'bandung', 'admin_kota');
    for (const path of [...walked, '/bandung/umkm/dasbor', '/bandung/umkm/ekatalog', '/bandung/umkm/peta']) {
      await visit(page, `${env.baseUrl}${path}`);
      const v = await seriousAxeViolations(page);
      assert.deepEqual(v, [], `${path}: ${describeViolations(v)}`);
      await noOverflow(page, path);
    }
    await context.close();
  });
});
