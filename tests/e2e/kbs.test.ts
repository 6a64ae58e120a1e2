/**
 * A Kawasan Bebas Sampah assessment from the RW to DLH, in the browser under the real Content
 * Security Policy: the pengurus RW (on a 360 px phone) fills in an assessment, photographs the
 * sorting bins and submits; the kelurahan officer sees it waiting; the DLH officer returns it with
 * a note; the pengurus reads the note, corrects and resubmits; DLH approves. The RW's status and
 * history change, and so does its kelurahan on the public map. Then axe-core on the pages walked.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { ownerClient } from '../helpers/app.ts';
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

/** The demo pengurus RW's RW: RW 001 of the first kelurahan of Bandung. */
const KEL = '32.73.01.1001';
/** A 1×1 PNG, as a phone camera's photo stands in. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const NOTE = 'Foto wadah pilah belum jelas; persentase KK memilah mohon dicek ulang.';

let rwId = '';
let periode = '';
const walked: string[] = [];

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

async function noOverflow(page: Page, what: string): Promise<void> {
  const o = await horizontalOverflow(page);
  assert.ok(o.scrollWidth <= PHONE.width, `${what} is ${o.scrollWidth} px wide: ${o.offenders.join(', ')}`);
}

/** The kelurahan on the public map: its colour class (from the drawn path) and its table row. */
async function mapOf(page: Page): Promise<{ kelas: string; kbs: string }> {
  await visit(page, `${env.baseUrl}/bandung/sampah/peta`);
  await page.locator('#peta[data-ready="1"]').waitFor();
  const kelas = (await page.locator(`#peta path[data-kode="${KEL}"]`).getAttribute('data-kelas')) ?? '';
  const kbs = (await page.locator(`tr[data-kode="${KEL}"] td`).nth(2).textContent())?.trim() ?? '';
  return { kelas, kbs };
}

describe('a KBS assessment from the RW to DLH, in the browser', () => {
  before(async () => {
    const db = await ownerClient(env.balai.databaseUrl);
    try {
      rwId = (
        await db.query<{ id: string }>(
          `select id from rw where tenant_id = '32.73' and kelurahan_kode = $1 and nomor = 1`,
          [KEL],
        )
      ).rows[0]!.id;
      // Start from a kelurahan with no KBS RW: the latest status row of each of its RWs says
      // "no level" (the history is append-only; the latest row is the current status).
      await db.query(
        `insert into sampah_kbs_riwayat (tenant_id, rw_id, tingkat_id, skor)
         select '32.73', id, null, 0 from rw where tenant_id = '32.73' and kelurahan_kode = $1`,
        [KEL],
      );
      // A month of the last year without an assessment of this RW.
      const used = new Set(
        (
          await db.query<{ periode: string }>(`select periode from sampah_kbs_penilaian where rw_id = $1`, [
            rwId,
          ])
        ).rows.map((r) => r.periode),
      );
      const now = new Date();
      for (let i = 1; i <= 12 && !periode; i++) {
        const p = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1))
          .toISOString()
          .slice(0, 7);
        if (!used.has(p)) periode = p;
      }
      assert.ok(periode, 'a free month');
    } finally {
      await db.end();
    }
  });

  it('submit with a photo, seen by the kelurahan, returned by DLH with a note, resubmitted, approved; status and map change', async () => {
    const { context: mapCtx, page: map } = await openPage(env.browser);
    const before = await mapOf(map);
    assert.deepEqual(before, { kelas: '0', kbs: '0' });

    // 1. The pengurus RW on a phone: new assessment, values, photo, submit.
    const rwUser = await openPage(env.browser, { phone: true });
    const rw = rwUser.page;
    await signIn(rw, env.baseUrl, 'bandung', 'pengurus_rw');
    await visit(rw, `${env.baseUrl}/bandung/sampah/kbs/rw/${rwId}`);
    await noOverflow(rw, 'RW page');
    await rw.locator(`a[href="/bandung/sampah/kbs/rw/${rwId}/penilaian"]`).click();
    await rw.waitForURL(/\/penilaian$/);
    await rw.locator('#f-periode').fill(periode);
    await rw.locator('#f-n_PILAH').selectOption('1');
    await rw.locator('#f-n_PILAH-KK').fill('20');
    await rw.locator('#f-n_KOMPOS').selectOption('1');
    await rw.locator('#f-n_MAGGOT').selectOption('0');
    await rw.locator('#f-n_KADER').selectOption('1');
    await rw.locator('#f-n_KURANG').fill('10');
    await noOverflow(rw, 'new assessment');
    await rw.locator('main form button[type="submit"]').click();
    await rw.waitForURL(/\/sampah\/kbs\/penilaian\/[0-9a-f-]{36}/);
    const assessmentUrl = rw.url().split('?')[0]!;
    walked.push(assessmentUrl.slice(env.baseUrl.length));
    await rw.locator('#f-indikatorKode').selectOption('PILAH');
    await rw
      .locator('#f-foto')
      .setInputFiles({ name: 'wadah-pilah.png', mimeType: 'image/png', buffer: PNG });
    await rw.locator('section[aria-labelledby="h-foto"] button[type="submit"]').click();
    await rw.waitForLoadState('load');
    assert.match(await text(rw, '#cap-nilai'), /./);
    assert.equal(await rw.locator('a[href*="/bukti/"]').count(), 1, 'the photo is linked');
    await noOverflow(rw, 'assessment (draft)');
    await rw.locator('form[action$="/ajukan"] button').click();
    await rw.waitForLoadState('load');
    assert.match(await text(rw, 'main'), /Diajukan/i);

    // 2. The kelurahan officer sees it waiting for verification, with the photo.
    const kel = await openPage(env.browser);
    await signIn(kel.page, env.baseUrl, 'bandung', 'petugas_kelurahan');
    await visit(kel.page, `${env.baseUrl}/bandung/sampah/kbs`);
    const waiting = kel.page.locator(`main table a[href="${assessmentUrl.slice(env.baseUrl.length)}"]`);
    assert.equal(await waiting.count(), 1, 'listed as waiting');
    await waiting.first().click();
    await kel.page.waitForLoadState('load');
    assert.equal(await kel.page.locator('a[href*="/bukti/"]').count(), 1);
    assert.equal(
      await kel.page.locator('form[action$="/setujui"]').count(),
      0,
      'the kelurahan does not verify',
    );

    // 3. DLH returns it with a note.
    const dlh = await openPage(env.browser);
    await signIn(dlh.page, env.baseUrl, 'bandung', 'petugas_dinas');
    await visit(dlh.page, assessmentUrl);
    await dlh.page.locator('#f-catatan').fill(NOTE);
    await dlh.page.locator('form[action$="/kembalikan"] button').click();
    await dlh.page.waitForLoadState('load');
    assert.match(await text(dlh.page, 'main'), /Dikembalikan/i);

    // 4. The pengurus reads the note, corrects the share of sorting households and resubmits.
    await visit(rw, assessmentUrl);
    assert.match(await text(rw, '[role="note"]'), /Foto wadah pilah belum jelas/);
    await rw.locator('#f-n_PILAH-KK').fill('55');
    await rw.locator('form[action$="/nilai"] button').click();
    await rw.waitForLoadState('load');
    await rw.locator('form[action$="/ajukan"] button').click();
    await rw.waitForLoadState('load');
    assert.match(await text(rw, 'main'), /Diajukan/i);

    // 5. DLH approves.
    await visit(dlh.page, assessmentUrl);
    const level = await text(dlh.page, 'main dl');
    await dlh.page.locator('form[action$="/setujui"] button').click();
    await dlh.page.waitForLoadState('load');
    assert.match(await text(dlh.page, 'main'), /Disetujui/i);
    assert.match(level, /Rintisan|Berkembang|KBS Mandiri/);
    const reached = /KBS Mandiri|Berkembang|Rintisan/.exec(level)![0];

    // 6. The RW's status and history, and the map.
    await visit(rw, `${env.baseUrl}/bandung/sampah/kbs/rw/${rwId}`);
    assert.match(await text(rw, 'main'), new RegExp(reached));
    assert.ok((await rw.locator('#cap-riwayat').count()) === 1);
    assert.match(await text(rw, 'table:has(#cap-riwayat)'), new RegExp(reached));
    const after = await mapOf(map);
    assert.equal(after.kbs, '1');
    assert.notEqual(after.kelas, before.kelas);
    assert.ok(Number(after.kelas) >= 1);

    for (const p of [rwUser, kel, dlh]) {
      assert.deepEqual(p.errors, [], 'no script or CSP errors');
      await p.context.close();
    }
    await mapCtx.close();
  });

  it('has no serious accessibility violations on the KBS pages and the map', async () => {
    const { context, page } = await openPage(env.browser, { phone: true, bypassCSP: true });
    await signIn(page, env.baseUrl, 'bandung', 'petugas_dinas');
    for (const path of [
      '/bandung/sampah/kbs',
      `/bandung/sampah/kbs/rw/${rwId}`,
      `/bandung/sampah/kbs/rw/${rwId}/penilaian`,
      ...walked,
      '/bandung/sampah/peta',
    ]) {
      await visit(page, `${env.baseUrl}${path}`);
      const v = await seriousAxeViolations(page);
      assert.deepEqual(v, [], `${path}: ${describeViolations(v)}`);
      await noOverflow(page, path);
    }
    await context.close();
  });
});
