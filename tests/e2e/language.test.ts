/**
 * The language link in the header switches the whole page to English and back,
 * for visitors and for signed-in officers, and keeps them on the same page.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { navLabels, openPage, signIn, useBalaiAndBrowser, visit } from './helpers.ts';

/** The navigation of admin_kota, written out in both languages. */
const ADMIN_NAV_ID = [
  'Dasbor',
  'Wilayah',
  'RW',
  'Impor',
  'Bank sampah',
  'Tabungan sampah saya',
  'Laporan bank sampah',
  'Periksa buku besar',
  'Dasbor sampah',
  'Catat tonase',
  'Kawasan Bebas Sampah',
  'Prakarsa RW',
  'Ritase',
  'Fasilitas sampah',
  'Armada & shift',
  'Usaha saya',
  'Registri UMKM',
  'e-Katalog UMKM',
  'Dasbor UMKM',
  'Impor UMKM',
  'Pengaturan kota',
  'Pengguna dan peran',
  'Jejak audit',
  'Akun saya',
];
const ADMIN_NAV_EN = [
  'Dashboard',
  'Regions',
  'RW',
  'Import',
  'Waste banks',
  'My waste savings',
  'Waste bank reports',
  'Check the ledger',
  'Waste dashboard',
  'Record tonnage',
  'Waste-free areas (KBS)',
  'Prakarsa RW funds',
  'Trips',
  'Waste facilities',
  'Fleet & shifts',
  'My business',
  'UMKM registry',
  'UMKM e-Katalog',
  'UMKM dashboard',
  'UMKM import',
  'City settings',
  'Users and roles',
  'Audit log',
  'My account',
];

const env = useBalaiAndBrowser();

/** Follows the header's language link and waits for the page in `lang`. */
async function switchTo(page: Page, lang: 'id' | 'en'): Promise<void> {
  const link = page.locator(`header.site-header .tools a[hreflang="${lang}"]`);
  assert.equal(await link.count(), 1, `a link to ${lang} in the header`);
  await link.click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  await page.waitForLoadState('load');
}

const lang = (page: Page) => page.locator('html').getAttribute('lang');

describe('language switch', () => {
  it('switches the public home to English and back', async () => {
    const { context, page, errors } = await openPage(env.browser, { phone: true });
    try {
      await visit(page, `${env.baseUrl}/`);
      assert.equal(await lang(page), 'id');
      assert.equal(await page.locator('main h2').first().innerText(), 'Kota di Balai');

      await switchTo(page, 'en');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await page.locator('main h2').first().innerText(), 'Cities on Balai');
      assert.equal(await page.locator('header .tools a[hreflang="id"]').innerText(), 'Bahasa Indonesia');

      await switchTo(page, 'id');
      assert.equal(await page.locator('main h2').first().innerText(), 'Kota di Balai');
      assert.equal(await page.locator('header .tools a[hreflang="en"]').innerText(), 'English');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('switches the signed-in navigation to English and back', async () => {
    const { context, page, errors } = await openPage(env.browser, { phone: true });
    try {
      await signIn(page, env.baseUrl, 'bandung', 'admin_kota');
      assert.equal(await lang(page), 'id');
      assert.deepEqual(await navLabels(page), ADMIN_NAV_ID);

      await switchTo(page, 'en');
      assert.equal(new URL(page.url()).pathname, '/bandung/dasbor', 'stays on the dashboard');
      assert.equal(await page.locator('main h1').innerText(), 'Dashboard');
      assert.equal(await page.locator('header .tools button.link').innerText(), 'Sign out');
      assert.deepEqual(await navLabels(page), ADMIN_NAV_EN);

      // The choice sticks (cookie) on the next page.
      await visit(page, `${env.baseUrl}/bandung`);
      assert.equal(await lang(page), 'en');

      await switchTo(page, 'id');
      assert.equal(new URL(page.url()).pathname, '/bandung');
      await visit(page, `${env.baseUrl}/bandung/dasbor`);
      assert.equal(await page.locator('main h1').innerText(), 'Dasbor');
      assert.deepEqual(await navLabels(page), ADMIN_NAV_ID);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
