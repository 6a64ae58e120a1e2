/**
 * Every message a user sees on an error comes from the message catalogue, in the language asked
 * for: API problem titles and field details (Accept-Language: en, or Bahasa Indonesia by
 * default) and the errors a form page shows again. Drives the cases an outside review found
 * English in (a KBS assessment returned without a note, a tonnage note that is too long, a field
 * sent twice, a range of dates too long), and checks that a field detail that is not a message key
 * fails loudly instead of reaching a user.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { Client, ownerClient, startTestBalai, type Response, type TestBalai } from './helpers/app.ts';
import { asOwner } from './helpers/tenant-db.ts';
import { modules } from '../src/modules/index.ts';
import { platformMessages } from '../src/platform/i18n/messages.ts';
import { translator, type Locale } from '../src/platform/i18n/index.ts';
import { fieldMessage, strictFieldMessages } from '../src/platform/http/validation.ts';
import { formatMonth } from '../src/platform/web/components.ts';

let balai: TestBalai;
let db: pg.Client;
let admin: Client;

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Each catalogue message of a language as a pattern ({param} matches any text). */
function patterns(locale: Locale): RegExp[] {
  const all = [platformMessages, ...modules.map((m) => m.messages)].flatMap((c) => Object.values(c[locale]));
  return [...new Set(all)].map(
    (m) =>
      new RegExp(
        `^${m
          .split(/\{\w+\}/)
          .map(escape)
          .join('[\\s\\S]+?')}$`,
        'u',
      ),
  );
}
const CATALOGUE = { id: patterns('id'), en: patterns('en') };
const inCatalogue = (text: string, locale: Locale) => CATALOGUE[locale].some((p) => p.test(text));

interface Problem {
  title: string;
  errors?: { pointer: string; detail: string }[];
}

/** A problem whose title and every field detail are catalogue messages of `locale`; its details by pointer. */
function catalogueProblem(res: Response, locale: Locale): Record<string, string> {
  assert.match(String(res.headers['content-type']), /application\/problem\+json/, res.body);
  const p = res.json<Problem>();
  assert.ok(inCatalogue(p.title, locale), `title not a ${locale} catalogue message: ${p.title}`);
  const out: Record<string, string> = {};
  for (const e of p.errors ?? []) {
    assert.ok(inCatalogue(e.detail, locale), `${e.pointer}: not a ${locale} catalogue message: ${e.detail}`);
    out[e.pointer] = e.detail;
  }
  return out;
}

/** The texts of a page's error messages (the summary and the messages next to fields). */
function pageErrors(body: string): string[] {
  const texts = [
    ...body.matchAll(/<p class="error"[^>]*>([\s\S]*?)<\/p>/g),
    ...body.matchAll(/<section class="error-page">[\s\S]*?<li>([\s\S]*?)<\/li>/g),
  ].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
  return texts.map((s) =>
    s
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

const LANGS: [Locale, Record<string, string>][] = [
  ['id', {}],
  ['en', { 'accept-language': 'en' }],
];
const t = { id: translator('id'), en: translator('en') };
const TONASE = '/api/v1/cities/bandung/sampah/tonase/catatan';

describe('error messages come from the catalogue', () => {
  it('a KBS assessment returned without a note: title and detail in the language asked for', async () => {
    const { rows } = await asOwner(db, '32.73', () =>
      db.query<{ id: string }>(
        `select id from sampah_kbs_penilaian where tenant_id = '32.73' and status = 'diajukan' limit 1`,
      ),
    );
    const id = rows[0]!.id;
    for (const [locale, headers] of LANGS) {
      const res = await admin.request(
        'POST',
        `/api/v1/cities/bandung/sampah/kbs/penilaian/${id}/kembalikan`,
        {
          json: { catatan: '      ' }, // past the schema's minimum length, blank for the service
          headers,
        },
      );
      assert.equal(res.status, 400, res.body);
      const details = catalogueProblem(res, locale);
      assert.equal(details['/body/catatan'], t[locale]('sampah.kbs.err.catatan'));
    }
    const page = await admin.request('POST', `/bandung/sampah/kbs/penilaian/${id}/kembalikan`, {
      form: { catatan: 'ok' },
    });
    assert.equal(page.status, 400, page.body);
    const shown = pageErrors(page.body);
    assert.ok(shown.includes(t.id('sampah.kbs.err.catatan')), shown.join(' | '));
    for (const s of shown) assert.ok(inCatalogue(s, 'id'), `page error not in the catalogue: ${s}`);
  });

  it('a tonnage note that is too long, and other refused entries, read in the language asked for', async () => {
    const entry = { tanggal: '2026-01-15', jenis: 'x', ton: 1, keterangan: 'k'.repeat(301) };
    for (const [locale, headers] of LANGS) {
      const res = await admin.request('POST', TONASE, { json: entry, headers });
      assert.equal(res.status, 400, res.body);
      const details = catalogueProblem(res, locale);
      assert.equal(details['/body/keterangan'], t[locale]('validation.maxLength', { limit: 300 }));
      assert.equal(details['/body/jenis'], t[locale]('validation.enum'));
      const range = await admin.request('GET', `${TONASE}?dari=2020-01-01&sampai=2026-01-01`, { headers });
      assert.equal(range.status, 400, range.body);
      assert.equal(
        catalogueProblem(range, locale)['/query/sampai'],
        t[locale]('validation.maxDays', { limit: 1830 }),
      );
    }
    assert.equal(t.id('validation.maxDays', { limit: 1830 }), 'Rentang paling lama 1.830 hari.');
    const page = await admin.request('POST', '/bandung/sampah/tonase/catatan', {
      form: { tanggal: '2026-01-15', jenis: 'timbulan', ton: '1', keterangan: 'k'.repeat(301) },
    });
    assert.equal(page.status, 400, page.body);
    const shown = pageErrors(page.body);
    assert.ok(shown.includes('Maksimal 300 karakter.'), shown.join(' | '));
    for (const s of shown) assert.ok(inCatalogue(s, 'id'), `page error not in the catalogue: ${s}`);
  });

  it('schema validation and a field sent twice read in the language asked for', async () => {
    for (const [locale, headers] of LANGS) {
      const res = await admin.request('GET', `${TONASE}?dari=2026-01-01&dari=2026-01-02&sampai=x&zz=1`, {
        headers,
      });
      assert.equal(res.status, 400, res.body);
      assert.equal(catalogueProblem(res, locale)['/query/dari'], t[locale]('validation.repeated'));
      const bad = await admin.request('GET', `${TONASE}?dari=1&sampai=2&zz=1`, { headers });
      assert.equal(bad.status, 400, bad.body);
      assert.ok(Object.keys(catalogueProblem(bad, locale)).length > 0);
    }
  });

  it('a field detail that is not a message key fails loudly (tests, development) and never shows', () => {
    const e = { pointer: '/body/catatan', detail: 'at most 300 characters' };
    strictFieldMessages(true);
    assert.throws(() => fieldMessage(t.en, e), /not a message key/);
    strictFieldMessages(false);
    assert.equal(fieldMessage(t.en, e), t.en('validation.invalid'));
    strictFieldMessages(true);
    assert.equal(
      fieldMessage(t.en, { pointer: '/body/x', detail: 'validation.maxLength', params: { limit: 5 } }),
      'At most 5 characters.',
    );
  });
});

describe('pages ignore filter values they do not know', () => {
  it('a list page drops unknown or invalid filters (and only those); the JSON API keeps its 400', async () => {
    const cases: [string, string][] = [
      ['/bandung/umkm/usaha?status=foo&kecamatan=zzz&q=batik', '/bandung/umkm/usaha?q=batik'],
      ['/bandung/umkm?kecamatan=zzz', '/bandung/umkm'],
      ['/bandung/sampah/tonase?kecamatan=zzz', '/bandung/sampah/tonase'],
      ['/bandung/umkm/usaha?status=foo&status=bar', '/bandung/umkm/usaha'],
    ];
    for (const [url, to] of cases) {
      const res = await admin.get(url);
      assert.equal(res.status, 303, `${url}: ${res.status} ${res.body.slice(0, 200)}`);
      assert.equal(res.headers.location, to, url);
      assert.equal((await admin.get(to)).status, 200, to);
    }
    const api = await admin.get('/api/v1/cities/bandung/umkm/usaha?status=foo');
    assert.equal(api.status, 400, api.body);
  });
});

describe('pages show months and dates as people read them', () => {
  it('a KBS assessment by its month ("November 2026"), trips of a day by its date ("8 Desember 2026")', async () => {
    const { rows } = await asOwner(db, '32.73', () =>
      db.query<{ id: string; periode: string }>(
        `select id, periode from sampah_kbs_penilaian where tenant_id = '32.73' limit 1`,
      ),
    );
    const { id, periode } = rows[0]!;
    const month = formatMonth(periode);
    assert.match(month, /^[A-Z][a-z]+ \d{4}$/);
    const page = await admin.get(`/bandung/sampah/kbs/penilaian/${id}`);
    assert.equal(page.status, 200, page.body.slice(0, 300));
    assert.match(page.body, new RegExp(`<h1>[^<]*${month}`));
    assert.doesNotMatch(
      page.body.replace(/(value|datetime|href|action)="[^"]*"/g, ''),
      new RegExp(`>[^<]*${periode}`),
    );
    const list = await admin.get('/bandung/sampah/kbs');
    assert.equal(list.status, 200);
    assert.doesNotMatch(
      list.body.replace(/(value|datetime|href|action)="[^"]*"/g, ''),
      />[^<]*\b\d{4}-\d{2}\b[^<]*</,
    );
    const trips = await admin.get('/bandung/sampah/ritase?tanggal=2026-12-08');
    assert.equal(trips.status, 200, trips.body.slice(0, 300));
    assert.match(trips.body, /Ritase 8 Desember 2026/);
    assert.equal(formatMonth('2026-11'), 'November 2026');
  });
});
