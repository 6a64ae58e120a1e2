/**
 * Every role signs in through the login form and sees exactly its navigation.
 * The expected entries are written out by hand on purpose: deriving them from
 * the permission maps would only test the code against itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../src/platform/auth/roles.ts';
import { navLabels, openPage, PHONE, signIn, useBalaiAndBrowser, visit, type City } from './helpers.ts';

/** The waste programme's entries: operations for officers of every level, tonnage for the city and kecamatan. */
const SAMPAH_OPERASI = [
  'Kawasan Bebas Sampah',
  'Prakarsa RW',
  'Ritase',
  'Fasilitas sampah',
  'Armada & shift',
];
const SAMPAH_KOTA = ['Dasbor sampah', 'Catat tonase', ...SAMPAH_OPERASI];
const KELURAHAN_BANK = [
  'Wilayah',
  'RW',
  'Impor',
  'Bank sampah',
  'Tabungan sampah saya',
  'Laporan bank sampah',
];

/** UMKM: anyone may register a business; officers see the registry; dinas officers the rest. */
const UMKM_DINAS = ['Usaha saya', 'Registri UMKM', 'e-Katalog UMKM', 'Dasbor UMKM', 'Impor UMKM'];

const FIRST = 'Dasbor';
const LAST = 'Akun saya';

/** Module entries between "Dasbor" and "Akun saya", per role, in order (Indonesian labels). */
const EXPECTED: Record<Role, string[]> = {
  admin_kota: [
    'Wilayah',
    'RW',
    'Impor',
    'Bank sampah',
    'Tabungan sampah saya',
    'Laporan bank sampah',
    'Periksa buku besar',
    ...SAMPAH_KOTA,
    ...UMKM_DINAS,
    'Pengaturan kota',
    'Pengguna dan peran',
    'Jejak audit',
  ],
  // The demo petugas dinas works for the wilayah module, DLH (sampah: it also reads the waste banks'
  // reports and checks their ledger) and the UMKM dinas; anyone may be a waste bank member.
  petugas_dinas: [
    'Wilayah',
    'RW',
    'Tabungan sampah saya',
    'Laporan bank sampah',
    'Periksa buku besar',
    ...SAMPAH_KOTA,
    ...UMKM_DINAS,
  ],
  petugas_kecamatan: [
    ...KELURAHAN_BANK,
    'Dasbor sampah',
    'Catat tonase',
    ...SAMPAH_OPERASI,
    'Usaha saya',
    'Registri UMKM',
    'Dasbor UMKM',
  ],
  petugas_kelurahan: [...KELURAHAN_BANK, ...SAMPAH_OPERASI, 'Usaha saya', 'Registri UMKM'],
  pengurus_rw: [
    'Wilayah',
    'RW',
    'Bank sampah',
    'Tabungan sampah saya',
    'Laporan bank sampah',
    'Kawasan Bebas Sampah',
    'Prakarsa RW',
    'Usaha saya',
  ],
  pelaku_umkm: ['Wilayah', 'Tabungan sampah saya', 'Usaha saya'],
  kurator: ['Wilayah', 'Tabungan sampah saya', 'Usaha saya', 'Registri UMKM'],
  warga: ['Wilayah', 'Tabungan sampah saya', 'Usaha saya'],
};

const env = useBalaiAndBrowser();

for (const city of ['bandung', 'serang'] as City[]) {
  describe(`navigation per role in ${city}`, () => {
    for (const [role, entries] of Object.entries(EXPECTED) as [Role, string[]][]) {
      it(`${role} sees ${[FIRST, ...entries, LAST].join(', ')}`, async () => {
        const { context, page, errors } = await openPage(env.browser, { phone: true });
        try {
          await signIn(page, env.baseUrl, city, role);
          assert.equal(await page.locator('nav.app-nav').count(), 1, 'one navigation');
          const labels = await navLabels(page);
          assert.deepEqual(labels, [FIRST, ...entries, LAST], `navigation of ${role} in ${city}`);

          // The dashboard is the current page.
          const current = 'nav.app-nav a[aria-current="page"]';
          assert.deepEqual(await navLabels(page, current), [FIRST]);

          // Every entry shown opens for this role (no link to a page it may not see), and is then
          // the one current entry.
          const links = await page.locator('nav.app-nav a').all();
          const hrefs = await Promise.all(links.map(async (a) => (await a.getAttribute('href')) ?? ''));
          for (const [i, href] of hrefs.entries()) {
            assert.match(href, new RegExp(`^/${city}/`), `${href} stays in the city`);
            await visit(page, `${env.baseUrl}${href}`);
            assert.equal(new URL(page.url()).pathname, href, `${role} stays on ${href}`);
            assert.deepEqual(await navLabels(page, current), [labels[i]], `current entry on ${href}`);
          }
          assert.deepEqual(errors, [], 'no script or console errors');
        } finally {
          await context.close();
        }
      });
    }
  });
}

describe('navigation grouped by programme', () => {
  it('on a desktop the admin sees one row of programmes, each a menu opened by keyboard', async () => {
    const { context, page, errors } = await openPage(env.browser);
    try {
      await signIn(page, env.baseUrl, 'bandung', 'admin_kota');
      const bar = page.locator('nav.app-nav .nav-bar');
      const top = await bar.locator(':scope > li').allInnerTexts();
      assert.deepEqual(
        top.map((s) => s.replace(/\s+/g, ' ').trim()),
        ['Dasbor', 'Wilayah', 'Bank Sampah', 'Program Sampah', 'UMKM', 'Administrasi kota', 'Akun saya'],
      );
      const height = (await bar.boundingBox())!.height;
      assert.ok(height < 60, `one row, not ${height} px`);
      assert.equal(
        await page.locator('nav.app-nav .nav-menu > summary').isVisible(),
        false,
        'no "Menu" button',
      );

      // Keyboard: focus the programme, open it with Enter, the first entry follows, Escape closes.
      const umkm = page.locator('.nav-group > details > summary', { hasText: 'UMKM' });
      await umkm.focus();
      await page.keyboard.press('Enter');
      const entry = page.locator('.nav-group details[open] a', { hasText: 'Registri UMKM' });
      assert.ok(await entry.isVisible(), 'the menu opened');
      await page.keyboard.press('Escape');
      assert.equal(await entry.isVisible(), false, 'Escape closes the menu');
      await umkm.click();
      await page.locator('.nav-group > details > summary', { hasText: 'Wilayah' }).click();
      assert.equal(await page.locator('.nav-group details[open]').count(), 1, 'one menu open at a time');
      await page.locator('.nav-group details[open] a', { hasText: 'RW' }).click();
      await page.waitForURL(`${env.baseUrl}/bandung/wilayah/rw`);
      assert.equal(
        await page.locator('.nav-group > details > summary.current').innerText(),
        'Wilayah',
        'the programme of the current page is marked',
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('on a phone one "Menu" button opens the list, without JavaScript', async () => {
    const context = await env.browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, env.baseUrl, 'serang', 'admin_kota');
      const menu = page.locator('nav.app-nav .nav-menu > summary');
      assert.ok(await menu.isVisible(), 'the "Menu" button is shown');
      const dasbor = page.locator('nav.app-nav a', { hasText: /^Dasbor$/ });
      assert.equal(await dasbor.isVisible(), false, 'the list is closed');
      const navHeight = (await page.locator('nav.app-nav').boundingBox())!.height;
      assert.ok(navHeight < 60, `a closed menu takes one line, not ${navHeight} px`);
      await menu.click();
      assert.ok(await dasbor.isVisible(), 'the list opened');
      await page.locator('.nav-group > details > summary', { hasText: 'Bank Sampah' }).click();
      const laporan = page.locator('nav.app-nav a', { hasText: 'Laporan bank sampah' });
      assert.ok(await laporan.isVisible(), 'the programme opened');
      const box = (await laporan.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, 'entries fit the screen');
    } finally {
      await context.close();
    }
  });

  it('the dashboard names the module and area of every role', async () => {
    const expected: [Role, RegExp][] = [
      [
        'petugas_dinas',
        /^Petugas dinas \(Program Sampah\) Petugas dinas \(UMKM\) Petugas dinas \(Wilayah\)$/,
      ],
      ['petugas_kecamatan', /^Petugas kecamatan \(Kec\. [A-Z][^)]+\)$/],
      ['pengurus_rw', /^Pengurus RW \(RW \d{3} · Kel\. [A-Z][^)]+\)$/],
      ['warga', /^Warga$/],
    ];
    for (const [role, roles] of expected) {
      const { context, page } = await openPage(env.browser, { phone: true });
      try {
        await signIn(page, env.baseUrl, 'bandung', role);
        const tags = await page.locator('main p:has(.tag) .tag').allInnerTexts();
        assert.match(
          tags
            .map((s) => s.trim())
            .sort()
            .join(' '),
          roles,
          `roles of ${role}`,
        );
      } finally {
        await context.close();
      }
    }
  });
});
