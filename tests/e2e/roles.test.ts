/**
 * Every demo role of both cities, on a 360 px phone: the dashboard, every page of the role's
 * navigation and (for the pengurus RW) a bank's home and its latest receipt. On every page:
 *   (a) nothing scrolls sideways;
 *   (b) no text is clipped in tiles and receipts (nothing sticks out of them) or in tables
 *       (no cell cut off by overflow hidden or an ellipsis);
 *   (c) every text people see or hear comes from the message catalogue or is data: the app runs
 *       with text marks (src/platform/i18n), so text outside any mark is hard-coded in a
 *       template, and data on an Indonesian page that reads like English is an untranslated message.
 * Indonesian for every role; English once more for a few roles.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { MARKS, setTextMarks } from '../../src/platform/i18n/index.ts';
import { ROLES, type Role } from '../../src/platform/auth/roles.ts';
import {
  horizontalOverflow,
  openPage,
  PHONE,
  signIn,
  useBalaiAndBrowser,
  visit,
  type City,
} from './helpers.ts';

// Before the app starts: every page of this file's Balai carries the text marks.
setTextMarks(true);
const env = useBalaiAndBrowser();

/** Words of English messages that are not Indonesian words (checked in data on Indonesian pages). */
const ENGLISH_WORDS = [
  'the',
  'of',
  'to',
  'and',
  'is',
  'are',
  'must',
  'should',
  'cannot',
  'please',
  'invalid',
  'required',
  'between',
  'least',
  'most',
  'characters',
  'with',
  'your',
  'this',
  'error',
  'not found',
];

/** Runs in the page: what is wrong with the text of this page (one line per finding). */
const TEXT_PROBLEMS = `((marks, englishWords, checkEnglish) => {
  const found = [];
  const english = new RegExp('\\\\b(' + englishWords.join('|') + ')\\\\b', 'i');
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
        (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
    }
    return parts.join(' > ');
  };
  const clean = (s) => s.replace(/[\\u2061-\\u2064]/g, '').replace(/\\s+/g, ' ').trim().slice(0, 80);
  // The text outside any mark, and the text of each data mark.
  const split = (s) => {
    const stack = [];
    let outside = '';
    const data = [];
    for (const ch of s) {
      if (ch === marks.catalogueOpen || ch === marks.dataOpen) {
        stack.push(ch);
        if (ch === marks.dataOpen) data.push('');
      } else if (ch === marks.catalogueClose || ch === marks.dataClose) stack.pop();
      else if (!stack.length) outside += ch;
      else if (stack[stack.length - 1] === marks.dataOpen) data[data.length - 1] += ch;
    }
    return { outside, data };
  };
  const check = (s, el, what) => {
    const { outside, data } = split(s);
    if (/\\p{L}/u.test(outside)) found.push('not in the catalogue: "' + clean(outside) + '" in ' + what + ' of ' + where(el) + ' ("' + clean(s) + '")');
    if (checkEnglish) for (const d of data) {
      const m = english.exec(d);
      if (m) found.push('English in data: "' + clean(d) + '" in ' + what + ' of ' + where(el));
    }
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, template')) continue;
    if (!/\\S/.test(n.data) || !el.checkVisibility()) continue;
    check(n.data, el, 'text');
  }
  for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
    if (!el.checkVisibility() && !el.closest('nav')) continue;
    for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
      const v = el.getAttribute(a);
      if (v) check(v, el, a);
    }
  }
  // Clipped text: anything sticking out of a tile or a receipt; a table cell cut off.
  for (const el of document.querySelectorAll('.tile, .tile *, .struk, .struk *, table, table *')) {
    if (!el.checkVisibility() || el.clientWidth <= 1 || !/[\\p{L}\\p{N}]/u.test(el.textContent)) continue;
    if (el.scrollWidth <= el.clientWidth + 1) continue;
    const s = getComputedStyle(el);
    const cuts = s.overflowX === 'hidden' || s.overflowX === 'clip' || s.textOverflow === 'ellipsis';
    if (el.closest('.tile, .struk') || cuts)
      found.push('clipped (' + el.scrollWidth + ' > ' + el.clientWidth + ' px): "' + clean(el.textContent) + '" in ' + where(el));
  }
  return found;
})`;

async function pageProblems(page: Page, path: string, english: boolean): Promise<string[]> {
  const found = await page.evaluate<string[]>(
    `${TEXT_PROBLEMS}(${JSON.stringify(MARKS)}, ${JSON.stringify(ENGLISH_WORDS)}, ${!english})`,
  );
  const o = await horizontalOverflow(page);
  if (o.scrollWidth > PHONE.width)
    found.push(`scrolls sideways: ${o.scrollWidth} px wide (${o.offenders.join(', ')})`);
  return found.map((f) => `${path}: ${f}`);
}

/** The first link on the current page whose path matches `pattern`. */
async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
  for (const a of await page.locator('main a[href]').all()) {
    const href = (await a.getAttribute('href')) ?? '';
    if (pattern.test(href)) return href;
  }
  return null;
}

async function bankOf(page: Page, city: City): Promise<string> {
  await visit(page, `${env.baseUrl}/${city}/bank-sampah`);
  const bank = await firstLink(page, new RegExp(`^/${city}/bank-sampah/[0-9a-f-]{36}$`));
  assert.ok(bank, `the pengurus RW of ${city} sees a bank`);
  return bank;
}

/** The bank's home and its latest receipt (on its journal). */
async function latestReceipt(page: Page, city: City): Promise<{ bank: string; receipt: string }> {
  const bank = await bankOf(page, city);
  await visit(page, `${env.baseUrl}${bank}/jurnal`);
  const receipt = await firstLink(page, /\/jurnal\/[0-9a-f-]{36}$/);
  assert.ok(receipt, `the bank of the pengurus RW of ${city} has a receipt`);
  return { bank, receipt };
}

/** The pages a role is checked on: the dashboard, its navigation, and a bank's day and receipt. */
async function pagesOf(page: Page, city: City, role: Role): Promise<string[]> {
  const nav = await Promise.all(
    (await page.locator('nav.app-nav a').all()).map(async (a) => (await a.getAttribute('href')) ?? ''),
  );
  const pages = [`/${city}/dasbor`, ...nav];
  if (role === 'pengurus_rw') {
    const { bank, receipt } = await latestReceipt(page, city);
    pages.push(bank, receipt);
  }
  return [...new Set(pages)];
}

async function checkRole(city: City, role: Role, english: boolean): Promise<void> {
  const { context, page } = await openPage(env.browser, { phone: true });
  try {
    await signIn(page, env.baseUrl, city, role);
    if (english) await visit(page, `${env.baseUrl}/bahasa/en?next=/${city}/dasbor`);
    const problems: string[] = [];
    for (const path of await pagesOf(page, city, role)) {
      await visit(page, `${env.baseUrl}${path}`);
      assert.equal(await page.locator('html').getAttribute('lang'), english ? 'en' : 'id');
      problems.push(...(await pageProblems(page, path, english)));
    }
    assert.deepEqual(problems, [], `${role} in ${city}:\n${problems.join('\n')}`);
  } finally {
    await context.close();
  }
}

for (const city of ['bandung', 'serang'] as City[]) {
  describe(`every page of every role in ${city}, at ${PHONE.width} px, in Indonesian`, () => {
    for (const role of ROLES) {
      it(`${role}: no sideways scroll, no clipped text, no text outside the catalogue`, () =>
        checkRole(city, role, false));
    }
  });
}

describe(`in English, at ${PHONE.width} px`, () => {
  for (const role of ['admin_kota', 'pengurus_rw', 'warga'] as Role[]) {
    it(`${role} in bandung: no sideways scroll, no clipped text, no text outside the catalogue`, () =>
      checkRole('bandung', role, true));
  }
});
