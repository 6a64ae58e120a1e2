/**
 * Every role signs in through the login form and sees exactly its navigation.
 * The expected entries are written out by hand on purpose: deriving them from
 * the permission maps would only test the code against itself.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../src/platform/auth/roles.ts';
import { navLabels, openPage, signIn, useBalaiAndBrowser, visit, type City } from './helpers.ts';

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
  // The demo petugas dinas works for the wilayah module, DLH (sampah) and the UMKM dinas; anyone
  // may be a waste bank member.
  petugas_dinas: ['Wilayah', 'RW', 'Tabungan sampah saya', ...SAMPAH_KOTA, ...UMKM_DINAS],
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
          const current = page.locator('nav.app-nav a[aria-current="page"]');
          assert.deepEqual(await current.allInnerTexts(), [FIRST]);

          // Every entry shown opens for this role (no link to a page it may not see), and is then
          // the one current entry.
          const links = await page.locator('nav.app-nav a').all();
          const hrefs = await Promise.all(links.map(async (a) => (await a.getAttribute('href')) ?? ''));
          for (const [i, href] of hrefs.entries()) {
            assert.match(href, new RegExp(`^/${city}/`), `${href} stays in the city`);
            await visit(page, `${env.baseUrl}${href}`);
            assert.equal(new URL(page.url()).pathname, href, `${role} stays on ${href}`);
            assert.deepEqual(await current.allInnerTexts(), [labels[i]], `current entry on ${href}`);
          }
          assert.deepEqual(errors, [], 'no script or console errors');
        } finally {
          await context.close();
        }
      });
    }
  });
}
