/**
 * Accessibility and small screens: axe-core finds no serious or critical
 * violation, and nothing scrolls sideways on a 360 px phone, on the public
 * home, a city home, the login page and an admin's dashboard (plus the other
 * public pages and every page in the admin's navigation). Also: the skip link appears on focus and moves focus to the
 * content, and focus is visible.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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

const PUBLIC_PAGES = [
  '/',
  '/bandung',
  '/bandung/masuk',
  '/bandung/daftar',
  '/tentang',
  '/serang',
  '/bandung/peta',
  '/bandung/wilayah',
];
/** Seen signed in as admin_kota of Bandung, with every entry of the admin's navigation. */
const SIGNED_IN_PAGES = ['/bandung/dasbor', '/bandung', '/bandung/akun'];

async function checkPage(page: Page, path: string, phone: boolean): Promise<void> {
  await visit(page, `${env.baseUrl}${path}`);
  const violations = await seriousAxeViolations(page);
  assert.equal(violations.length, 0, `axe on ${path}:\n${describeViolations(violations)}`);
  if (phone) {
    const o = await horizontalOverflow(page);
    assert.ok(
      o.scrollWidth <= PHONE.width,
      `${path} is ${o.scrollWidth} px wide at ${PHONE.width} px: ${o.offenders.join(', ')}`,
    );
  }
}

for (const phone of [true, false]) {
  const size = phone ? `phone ${PHONE.width} px` : 'desktop';
  describe(`accessibility (${size})`, () => {
    it(`public pages: no serious axe violations${phone ? ', no horizontal scroll' : ''}`, async () => {
      const { context, page } = await openPage(env.browser, { phone, bypassCSP: true });
      try {
        for (const path of PUBLIC_PAGES) await checkPage(page, path, phone);
      } finally {
        await context.close();
      }
    });

    it(`admin_kota's pages: no serious axe violations${phone ? ', no horizontal scroll' : ''}`, async () => {
      const { context, page } = await openPage(env.browser, { phone, bypassCSP: true });
      try {
        await signIn(page, env.baseUrl, 'bandung', 'admin_kota');
        // Plus every page of the admin's navigation (all modules' main pages).
        const nav = await Promise.all(
          (await page.locator('nav.app-nav a').all()).map(async (a) => (await a.getAttribute('href')) ?? ''),
        );
        for (const path of new Set([...SIGNED_IN_PAGES, ...nav])) await checkPage(page, path, phone);
      } finally {
        await context.close();
      }
    });

    it('the login form with errors: no serious axe violations', async () => {
      const { context, page } = await openPage(env.browser, { phone, bypassCSP: true });
      try {
        await visit(page, `${env.baseUrl}/bandung/masuk`);
        await page.locator('#f-email').fill('bukan-email');
        await page.locator('main form button[type="submit"]').click();
        await page.locator('.alert-error').waitFor();
        await page.waitForLoadState('load');
        assert.equal(await page.locator('#f-email').getAttribute('aria-invalid'), 'true');
        const violations = await seriousAxeViolations(page);
        assert.equal(violations.length, 0, describeViolations(violations));
        if (phone) assert.ok((await horizontalOverflow(page)).scrollWidth <= PHONE.width);
      } finally {
        await context.close();
      }
    });
  });
}

describe('keyboard', () => {
  it('the skip link appears on focus and leads to the content', async () => {
    const { context, page } = await openPage(env.browser, { phone: true });
    try {
      await visit(page, `${env.baseUrl}/bandung/masuk`);
      const skip = page.locator('a.skip');
      const hidden = await skip.boundingBox();
      assert.ok(!hidden || hidden.y + hidden.height <= 0, 'off-screen until focused');

      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate<string>('document.activeElement.className'), 'skip');
      const shown = await skip.boundingBox();
      assert.ok(
        shown && shown.y >= 0 && shown.x >= 0 && shown.x + shown.width <= PHONE.width,
        'visible on focus',
      );

      await page.keyboard.press('Enter');
      await page.waitForFunction('document.activeElement && document.activeElement.id === "isi"');
    } finally {
      await context.close();
    }
  });

  it('focus is visible on links, fields and buttons', async () => {
    const { context, page } = await openPage(env.browser);
    try {
      await visit(page, `${env.baseUrl}/bandung/masuk`);
      const focusStyle = `(() => {
        const s = getComputedStyle(document.activeElement);
        return { tag: document.activeElement.tagName, outline: s.outlineStyle + ' ' + s.outlineWidth,
                 shadow: s.boxShadow, background: s.backgroundColor };
      })()`;
      const seen = new Set<string>();
      for (let i = 0; i < 12 && seen.size < 3; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate<{ tag: string; outline: string; shadow: string; background: string }>(
          focusStyle,
        );
        if (!['A', 'INPUT', 'BUTTON'].includes(f.tag)) continue;
        const visible =
          (!f.outline.startsWith('none') && !f.outline.endsWith(' 0px')) || (f.shadow && f.shadow !== 'none');
        assert.ok(visible, `focus visible on ${f.tag}: ${JSON.stringify(f)}`);
        seen.add(f.tag);
      }
      assert.deepEqual([...seen].sort(), ['A', 'BUTTON', 'INPUT']);
    } finally {
      await context.close();
    }
  });
});
