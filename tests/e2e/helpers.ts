/**
 * Browser helpers for the end-to-end tests: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), phone and desktop pages in
 * Indonesian, signing in through the login form, axe-core checks and the
 * horizontal-overflow check.
 *
 * The tests type-check without the DOM library, so code that runs in the page
 * is passed to page.evaluate as a string.
 */
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../src/platform/config.ts';
import { startTestBalai, type TestBalai } from '../helpers/app.ts';
import { DEMO_PASSWORD, demoEmail } from '../../src/platform/demo.ts';
import type { Role } from '../../src/platform/auth/roles.ts';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

export type City = 'bandung' | 'serang';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserTestEnv {
  balai: TestBalai;
  browser: Browser;
  /** Where the Balai listens, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
}

/**
 * For the tests of one file: a listening Balai on its own database and a
 * browser, started before the first test and stopped after the last (the
 * fields are set once the `before` hook has run).
 */
export function useBalaiAndBrowser(): BrowserTestEnv {
  const env = {} as BrowserTestEnv;
  before(async () => {
    [env.balai, env.browser] = await Promise.all([startTestBalai({ listen: true }), launchBrowser()]);
    env.baseUrl = env.balai.baseUrl!;
  });
  after(async () => {
    await env.browser?.close();
    await env.balai?.stop();
  });
  return env;
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors (including CSP violations), for assertions. */
  errors: string[];
}

/**
 * A fresh context (own cookies) and page. `phone` is 360×740 with touch;
 * `bypassCSP` only for injecting axe-core, never for checking the pages' own scripts.
 */
export async function openPage(
  browser: Browser,
  opts: { phone?: boolean; bypassCSP?: boolean } = {},
): Promise<OpenPage> {
  const context = await browser.newContext({
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: opts.phone ? PHONE : DESKTOP,
    ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    bypassCSP: opts.bypassCSP ?? false,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors };
}

/** Loads a page and waits until it and its resources have loaded; fails on an HTTP error. */
export async function visit(page: Page, url: string): Promise<void> {
  const res = await page.goto(url, { waitUntil: 'load' });
  if (!res) throw new Error(`No response for ${url}`);
  if (res.status() >= 400) throw new Error(`${url} answered ${res.status()}`);
}

/** Signs in as the demo account of `role` through the /:city/masuk form; ends on the dashboard. */
export async function signIn(page: Page, baseUrl: string, city: City, role: Role): Promise<void> {
  await visit(page, `${baseUrl}/${city}/masuk`);
  await page.locator('#f-email').fill(demoEmail(role, city));
  await page.locator('#f-password').fill(DEMO_PASSWORD);
  await page.locator(`main form[action="/${city}/masuk"] button[type="submit"]`).click();
  await page.waitForURL(`${baseUrl}/${city}/dasbor`, { waitUntil: 'load' });
}

/** The labels of the officers' navigation, in order (also those in closed menus). */
export async function navLabels(page: Page, selector = 'nav.app-nav a'): Promise<string[]> {
  const texts = await page.locator(selector).allTextContents();
  return texts.map((s) => s.replace(/\s+/g, ' ').trim());
}

export interface AxeNode {
  target: string[];
  failureSummary?: string;
}
export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

const AXE_PATH = path.join(projectRoot, 'node_modules', 'axe-core', 'axe.min.js');

/** Runs axe-core on the current page; returns its serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { resultTypes: ['violations'] })`,
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
          .join('\n'),
    )
    .join('\n');
}

export interface Overflow {
  scrollWidth: number;
  /** Elements reaching beyond the right edge of the viewport (for the failure message). */
  offenders: string[];
}

/** How wide the document is, and which elements stick out to the right. */
export function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(`(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1) {
        let inScroller = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') { inScroller = true; break; }
        }
        if (!inScroller) {
          offenders.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
            ' right=' + Math.round(r.right));
        }
      }
      if (offenders.length >= 10) break;
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders };
  })()`);
}
