/**
 * An RW waste-bank operator's day on a 360 px phone, under the real Content Security Policy:
 * register a member, print their card (QR code), deposit three items (running total in the
 * page), see the balance, pay out a withdrawal, reverse a mistaken deposit with a reason, and
 * open the passbook PDF. Then axe-core and the horizontal-overflow check on every operator page.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ownerClient } from '../helpers/app.ts';
import {
  STANDARD_PRICES,
  seedBank,
  seedHarga,
  seedNasabah,
  type BankFixture,
} from '../helpers/bank-sampah-fixtures.ts';
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

let bank: BankFixture;
let base: string;
/** Filled by the day's walk, used by the accessibility pass. */
const seen: { nasabahId?: string; receipt?: string; reversal?: string } = {};

async function noOverflow(page: Page, what: string): Promise<void> {
  const o = await horizontalOverflow(page);
  assert.ok(o.scrollWidth <= PHONE.width, `${what} is ${o.scrollWidth} px wide: ${o.offenders.join(', ')}`);
}

/** Visible text of an element, spaces normalised (no-break spaces included). */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

describe('bank sampah operator pages in the browser', () => {
  before(async () => {
    const db = await ownerClient(env.balai.databaseUrl);
    try {
      bank = await seedBank(db, { bagiHasil: 10 });
      await seedHarga(db, bank, STANDARD_PRICES);
      await seedNasabah(db, bank, 2);
    } finally {
      await db.end();
    }
    base = `${env.baseUrl}/bandung/bank-sampah/${bank.id}`;
  });

  describe("an operator's day at 360 px", () => {
    it('registers a member, deposits, withdraws, reverses a mistake and opens the passbook', async () => {
      const { context, page, errors } = await openPage(env.browser, { phone: true });
      try {
        await signIn(page, env.baseUrl, 'bandung', 'pengurus_rw');

        // The bank's home: big buttons.
        await visit(page, base);
        const setoranButton = page.locator(`a.button[href$="/bank-sampah/${bank.id}/setoran"]`);
        const box = await setoranButton.boundingBox();
        assert.ok(box && box.height >= 44 && box.width >= 44, 'a big touch target');
        await noOverflow(page, 'bank home');

        // Register a member (the admin pages).
        await visit(page, `${base}/nasabah/baru`);
        await page.locator('#f-nama').fill('Siti Aminah');
        await page.locator('main form button[type="submit"]').click();
        await page.waitForURL(/\/nasabah\/[0-9a-f-]{36}(\?|$)/, { waitUntil: 'load' });
        const nasabahId = /\/nasabah\/([0-9a-f-]{36})/.exec(page.url())![1]!;
        seen.nasabahId = nasabahId;

        // Print the member card: a QR code as SVG.
        await visit(page, `${base}/nasabah/${nasabahId}/kartu`);
        assert.ok((await page.locator('main svg').count()) >= 1, 'the card shows the QR code');
        await noOverflow(page, 'member card');

        // Deposit: find the member by typing (results without a page load), then three lines.
        await visit(page, `${base}/setoran`);
        await page.locator('#f-q').fill('Siti Am');
        await page.locator(`[data-bs-hasil] a[href*="nasabah=${nasabahId}"]`).waitFor();
        await page.locator(`[data-bs-hasil] a[href*="nasabah=${nasabahId}"]`).click();
        await page.waitForURL(`**/setoran?nasabah=${nasabahId}`, { waitUntil: 'load' });
        assert.equal(
          await page.locator('[data-bs-hitung]').count(),
          0,
          'the total is live, no "hitung" button',
        );
        await page.locator('[id="f-baris.0.jenisKode"]').selectOption('pet-bening');
        await page.locator('[id="f-baris.0.kuantitas"]').fill('2,5');
        await page.locator('[id="f-baris.1.jenisKode"]').selectOption('kardus');
        await page.locator('[id="f-baris.1.kondisi"]').selectOption('kotor');
        await page.locator('[id="f-baris.1.kuantitas"]').fill('3');
        await page.locator('[id="f-baris.2.jenisKode"]').selectOption('botol-kaca');
        await page.locator('[id="f-baris.2.kuantitas"]').fill('12');
        // 2.5 × 4000 + 3 × 1200 + 12 × 300 = 17 200; 10% = 1 720; 15 480 credited.
        assert.match(await textOf(page, '[data-bs-total]'), /^Rp\s?17\.200$/);
        assert.match(await textOf(page, '[data-bs-bersih]'), /^Rp\s?15\.480$/);
        assert.equal(await textOf(page, '[id="f-baris.2.kuantitas"] + [data-bs-satuan]'), 'buah');
        // Enter in a quantity moves on instead of sending the form.
        await page.locator('[id="f-baris.2.kuantitas"]').press('Enter');
        assert.ok(page.url().endsWith(`setoran?nasabah=${nasabahId}`));
        await noOverflow(page, 'deposit form');
        await page.locator('[data-bs-simpan]').click();
        await page.waitForURL(/\/jurnal\/[0-9a-f-]{36}\?ok=baru$/, { waitUntil: 'load' });
        seen.receipt = page.url();
        const receipt = await textOf(page, '.struk');
        assert.match(receipt, /Setoran No\. \d+/);
        assert.match(receipt, /Siti Aminah/);
        assert.match(receipt, /Saldo setelah transaksi Rp\s?15\.480/);
        assert.ok(await page.locator('[data-bs-cetak]').isVisible(), 'the print button is shown');
        const wa = await page.locator('a[href^="https://wa.me/?text="]').getAttribute('href');
        assert.match(decodeURIComponent(wa!.split('text=')[1]!), /Masuk ke tabungan: Rp\s?15\.480/);
        await noOverflow(page, 'receipt');

        // The balance, on the passbook.
        await visit(page, `${base}/nasabah/${nasabahId}/buku`);
        assert.match(await textOf(page, 'main'), /Saldo Rp\s?15\.480/);

        // Withdraw 5.000.
        await visit(page, `${base}/penarikan?nasabah=${nasabahId}`);
        await page.locator('#f-jumlah').fill('5.000');
        await page.locator('main form[data-bs-form="penarikan"] button[type="submit"]').click();
        await page.waitForURL(/\/jurnal\/[0-9a-f-]{36}\?ok=baru$/, { waitUntil: 'load' });
        assert.match(await textOf(page, '.struk'), /Saldo setelah transaksi Rp\s?10\.480/);

        // A mistaken deposit (10 kg aluminium instead of 1), reversed with a reason.
        await visit(page, `${base}/setoran?nasabah=${nasabahId}`);
        await page.locator('[id="f-baris.0.jenisKode"]').selectOption('aluminium');
        await page.locator('[id="f-baris.0.kuantitas"]').fill('10');
        await page.locator('[data-bs-simpan]').click();
        await page.waitForURL(/\/jurnal\/[0-9a-f-]{36}\?ok=baru$/, { waitUntil: 'load' });
        assert.match(await textOf(page, '.struk'), /Saldo setelah transaksi Rp\s?118\.480/);
        await page.locator('.bs-batal summary').click();
        await page.locator('#f-alasan').fill('salah timbang: seharusnya 1 kg');
        await page.locator('#f-yakin').check();
        await page.locator('.bs-batal button[type="submit"]').click();
        await page.waitForURL(/\/jurnal\/[0-9a-f-]{36}\?ok=baru$/, { waitUntil: 'load' });
        seen.reversal = page.url();
        const reversal = await textOf(page, '.struk');
        assert.match(reversal, /Pembatalan Setoran No\. \d+/);
        assert.match(reversal, /salah timbang: seharusnya 1 kg/);
        assert.match(reversal, /Saldo setelah transaksi Rp\s?10\.480/);

        // The passbook PDF.
        const pdf = await page.request.get(`${base}/nasabah/${nasabahId}/buku.pdf`);
        assert.equal(pdf.status(), 200);
        assert.equal(pdf.headers()['content-type'], 'application/pdf');
        assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');

        assert.deepEqual(errors, [], 'no script errors or CSP violations');
      } finally {
        await context.close();
      }
    });
  });

  describe('operator pages: accessibility at 360 px', () => {
    it('no serious axe violations and no horizontal scroll', async () => {
      const { context, page } = await openPage(env.browser, { phone: true, bypassCSP: true });
      try {
        await signIn(page, env.baseUrl, 'bandung', 'pengurus_rw');
        const member = seen.nasabahId;
        const pages = [
          base,
          `${base}/setoran`,
          `${base}/setoran?q=Nasabah`,
          ...(member ? [`${base}/setoran?nasabah=${member}`, `${base}/penarikan?nasabah=${member}`] : []),
          `${base}/penarikan`,
          `${base}/penjualan`,
          `${base}/jurnal`,
          `${base}/pengajuan`,
          ...(seen.receipt ? [seen.receipt] : []),
          ...(seen.reversal ? [seen.reversal] : []),
          ...(member ? [`${base}/nasabah/${member}/buku`] : []),
          `${env.baseUrl}/bandung/bank-sampah/saya`,
        ];
        for (const url of pages) {
          await visit(page, url);
          const violations = await seriousAxeViolations(page);
          assert.equal(violations.length, 0, `axe on ${url}:\n${describeViolations(violations)}`);
          await noOverflow(page, url);
        }
        // A deposit form showing its errors.
        if (member) {
          await visit(page, `${base}/setoran?nasabah=${member}`);
          await page.locator('[id="f-baris.0.jenisKode"]').selectOption('kardus');
          await page.locator('[id="f-baris.0.kuantitas"]').fill('1,23456');
          await page.locator('[data-bs-simpan]').click();
          await page.locator('.alert-error').waitFor();
          await page.waitForLoadState('load');
          assert.equal(await page.locator('[id="f-baris.0.kuantitas"]').getAttribute('aria-invalid'), 'true');
          const violations = await seriousAxeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
          await noOverflow(page, 'deposit form with errors');
        }
      } finally {
        await context.close();
      }
    });
  });
});
