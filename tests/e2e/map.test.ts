/**
 * The region map draws every kecamatan of the city, under the real Content
 * Security Policy, on a phone and on a desktop.
 *
 * Contract with the map page: when drawn, #peta gets data-ready="1" and
 * data-kecamatan-count, and each kecamatan is an SVG path with class "kecamatan".
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { horizontalOverflow, openPage, PHONE, useBalaiAndBrowser, visit, type City } from './helpers.ts';

/** Official kecamatan counts (Kepmendagri 300.2.2-2138/2025). */
const KECAMATAN: Record<City, number> = { bandung: 30, serang: 6 };

const env = useBalaiAndBrowser();

describe('region map', () => {
  for (const [city, count] of Object.entries(KECAMATAN) as [City, number][]) {
    for (const phone of [true, false]) {
      it(`/${city}/peta shows ${count} kecamatan (${phone ? 'phone' : 'desktop'})`, async () => {
        const { context, page, errors } = await openPage(env.browser, { phone });
        try {
          await visit(page, `${env.baseUrl}/${city}/peta`);
          const map = page.locator('#peta');
          await page.locator('#peta[data-ready="1"]').waitFor({ state: 'attached' });
          assert.equal(await map.getAttribute('data-kecamatan-count'), String(count));
          assert.equal(await page.locator('#peta path.kecamatan').count(), count);

          const box = await map.boundingBox();
          assert.ok(box, 'the map is displayed');
          assert.ok(box.height >= 320, `map height ${box.height} px`);
          if (phone) {
            assert.ok(box.width <= PHONE.width, `map width ${box.width} px`);
            const o = await horizontalOverflow(page);
            assert.ok(
              o.scrollWidth <= PHONE.width,
              `scrollWidth ${o.scrollWidth}: ${o.offenders.join(', ')}`,
            );
          }
          assert.deepEqual(errors, [], 'no script errors or CSP violations');
        } finally {
          await context.close();
        }
      });
    }
  }
});
