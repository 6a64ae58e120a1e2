/**
 * Fuzzes EVERY route (all methods, pages and API, from app.routeList) with
 * malformed and random input — path parameters (unicode, very long, '%',
 * '..', SQL-ish quotes, numbers), query strings, bodies (random JSON of every
 * type, invalid JSON, wrong content types, strings up to ~100 KB, nested
 * values, urlencoded and multipart garbage, and valid-looking bodies from the
 * route's schema with one field broken, fields sent more than once and lists
 * where one value is expected, in forms, multipart and query strings) — with a valid CSRF token, signed in
 * as admin_kota of Bandung (so requests get past access checks into validation
 * and services), then a smaller pass anonymously. No answer may be a 5xx.
 *
 * Reproduce with FUZZ_SEED=<seed>; FUZZ_RUNS / FUZZ_ANON_RUNS / FUZZ_BUDGET_MS tune the run.
 */
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type pg from 'pg';
import { Client, ownerClient, startTestBalai, type Response, type TestBalai } from './helpers/app.ts';
import {
  asOwner,
  cities,
  ensureRow,
  passwordHashOf,
  restoreAdmin,
  tenantSamples,
  tenantTables,
  type Cities,
  type TenantSamples,
} from './helpers/tenant-db.ts';
import {
  appRoutes,
  bodySchema,
  candidatesFor,
  cityHints,
  fillUrl,
  isPageRoute,
  isUnsafe,
  querySchema,
  sample,
  type JsonSchema,
  type Route,
} from './helpers/routes.ts';
import { multipart as multipartBody, type Part } from './helpers/multipart.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260115);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const ANON_RUNS = Number(process.env.FUZZ_ANON_RUNS ?? 12);
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 30_000);

let balai: TestBalai;
let db: pg.Client;
let city: Cities;
let routes: Route[];
let bandung: TenantSamples;
let admin: Client;
let adminId: string;
let adminHash: string;
let SID = '';

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  city = await cities(db);
  SID = `balai_sid_${city.bandung.id.replace('.', '')}`;
  const all = city.all.map((c) => c.id);
  for (const table of await tenantTables(db)) await ensureRow(db, table, city.bandung.id, all);
  bandung = await tenantSamples(db, city.bandung.id, 'bandung', [city.serang.id], { secrets: false });
  routes = appRoutes(balai.app);
  admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
  const me = (await admin.get('/api/v1/cities/bandung/session')).json<{ id: string }>();
  adminId = me.id;
  adminHash = await passwordHashOf(db, city.bandung.id, adminId);
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

/** The fuzz may reset, deactivate or strip the admin it runs as: put the account back and sign in again. */
async function keepAdmin(): Promise<void> {
  const me = admin.cookies.has(SID) ? await admin.get('/api/v1/cities/bandung/session') : null;
  const who = me?.status === 200 ? me.json<{ id: string; mustChangePassword: boolean }>() : null;
  if (who?.id === adminId && !who.mustChangePassword) return;
  repairs++;
  await restoreAdmin(db, city.bandung.id, adminId, adminHash);
  await asOwner(db, city.bandung.id, () =>
    db.query('delete from login_attempts where tenant_id = $1 and lower(email) = $2', [
      city.bandung.id,
      'admin.kota@bandung.demo',
    ]),
  );
  // The CSRF token is bound to the session cookies: dropping the session drops its token too.
  admin.cookies.delete(SID);
  admin.cookies.delete('balai_csrf');
  await admin.loginAs('bandung', 'admin_kota');
}

// ---- arbitraries ----

const NASTY = [
  '',
  ' ',
  '%',
  '%%',
  '%zz',
  '%00',
  '%2e%2e',
  '%2F',
  '..',
  '../..',
  '../../../../etc/passwd',
  '..\\..\\windows',
  "'",
  "' or '1'='1",
  '"; drop table users; --',
  '\\',
  '\u0000',
  'a\u0000b',
  '\u202e',
  '\ud800',
  '😀',
  'İı',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '9'.repeat(40),
  '__proto__',
  'constructor',
  'prototype',
  '<script>alert(1)</script>',
  '{{7*7}}',
  '${7*7}',
  '32.73',
  '32.73.01.1001.001',
  '00000000-0000-0000-0000-000000000000',
  'true',
  '[]',
  '{}',
];

const nastyString = fc.constantFrom(...NASTY);
const longString = fc
  .tuple(fc.nat({ max: 100_000 }), fc.constantFrom('x', 'é', '😀', '%', "'", '\u0000', 'ab '))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));
const anyString = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: longString },
);
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, -0, 0.5, 1e-320),
);
const jsonValue = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: anyNumber.filter(Number.isFinite) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [[[]]], { a: { b: { c: {} } } }) },
);

function pathValue(param: string): fc.Arbitrary<{ value: string; raw: boolean }> {
  const real =
    param === 'city'
      ? ['bandung', 'bandung', 'bandung', 'serang']
      : param === '*'
        ? ['css/balai.css', 'leaflet.js', 'index.html']
        : candidatesFor(param, bandung);
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(real.length ? real : ['x'])) },
    { weight: 2, arbitrary: nastyString },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.nat({ max: 3000 }).map((n) => 'a'.repeat(n)) },
  );
  return fc.record({ value, raw: fc.boolean() });
}

function propertyNames(s: JsonSchema | undefined): string[] {
  if (!s) return [];
  const own = Object.keys(s.properties ?? {});
  const nested = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap(propertyNames);
  return [...new Set([...own, ...nested])];
}

function queryArb(route: Route): fc.Arbitrary<string> {
  const schema = querySchema(route);
  const keys = propertyNames(schema);
  const valid = sample(schema, cityHints(bandung));
  const validQs =
    valid && typeof valid === 'object'
      ? new URLSearchParams(
          Object.entries(valid).map(([k, v]): [string, string] => [k, String(v)]),
        ).toString()
      : '';
  const key = keys.length
    ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 }))
    : fc.string({ maxLength: 12 });
  const value = fc.oneof(anyString, anyNumber.map(String));
  return fc.oneof(
    fc.constant(''),
    fc.constant(validQs),
    // The valid query with a parameter sent more than once (`tahun=2026&tahun=2027`).
    fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 })).map(([k, vs]) => {
      const q = new URLSearchParams(validQs);
      for (const v of [q.get(k) ?? v0(schema, k), ...vs]) q.append(k, v);
      return q.toString();
    }),
    fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()),
    fc
      .array(fc.tuple(key, fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    fc.constantFrom(
      '%',
      'a=%zz',
      'next=//evil.example',
      'next=/\\evil.example',
      'next=https://evil.example',
      'page=-1',
      'page=1e99',
      'perPage=0',
      'perPage=99999999999999999999',
      'a[b]=1&a[c]=2',
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
      'a=1&a=2&a=3',
      '=&&==',
      'q=%00',
      `q=${'x'.repeat(5000)}`,
    ),
  );
}

interface Body {
  contentType?: string;
  payload?: string | Buffer;
  label: string;
}

function multipart(
  fields: [string, string][],
  file: { field: string; name: string; type: string; content: Buffer } | null,
): Body {
  const parts: Part[] = fields.map(([name, value]) => ({ name, value }));
  if (file) parts.push({ name: file.field, filename: file.name, type: file.type, value: file.content });
  const { payload, headers } = multipartBody(parts);
  return { contentType: headers['content-type'], payload, label: 'multipart' };
}

/** Form pairs of an object; a list is the field sent once per item (how browsers send repeated fields). */
const pairsOf = (o: Record<string, unknown>): [string, string][] =>
  Object.entries(o).flatMap(([k, v]): [string, string][] =>
    (Array.isArray(v) ? v : [v]).map((x) => [
      k,
      typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x),
    ]),
  );
const formOf = (o: Record<string, unknown>): string => new URLSearchParams(pairsOf(o)).toString();

/** A valid-looking value of one property, as text (the first item of a repeated field). */
function v0(schema: JsonSchema | undefined, key: string): string {
  const v = sample(schema?.properties?.[key], cityHints(bandung), key);
  return v === undefined || v === null ? '1' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function bodyArb(route: Route): fc.Arbitrary<Body> {
  const schema = bodySchema(route);
  const valid = sample(schema, cityHints(bandung));
  const base =
    valid && typeof valid === 'object' && !Array.isArray(valid) ? (valid as Record<string, unknown>) : {};
  const keys = propertyNames(schema);
  const key = keys.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, fc.string({ maxLength: 10 }))
    : fc.string({ maxLength: 10 });
  // A valid-looking body with one field broken, removed or added.
  const mutated = fc
    .record({ key, value: jsonValue, op: fc.constantFrom('set', 'set', 'delete', 'nasty-all') })
    .map(({ key, value, op }) => {
      const o: Record<string, unknown> = { ...base };
      if (op === 'delete') delete o[key];
      else if (op === 'set') o[key] = value;
      else for (const k of Object.keys(o)) if (typeof o[k] === 'string') o[k] = `${String(o[k])}\u0000'"`;
      return o;
    });
  // A valid-looking body with one field sent more than once (a list where one value is expected).
  const repeated = fc
    .record({
      key,
      more: fc.array(
        fc.oneof(
          anyString.filter((x) => x.length < 2000),
          anyNumber.map(String),
        ),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    })
    .map(({ key, more }): Record<string, unknown> => ({
      ...base,
      [key]: [base[key] ?? v0(schema, key), ...more],
    }));
  const asJson =
    (label: string) =>
    (v: unknown): Body => ({ contentType: 'application/json', payload: JSON.stringify(v) ?? 'null', label });
  const asForm =
    (label: string) =>
    (v: Record<string, unknown>): Body => ({
      contentType: 'application/x-www-form-urlencoded',
      payload: formOf(v),
      label,
    });
  const fileContent = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
    fc
      .array(fc.array(anyString, { maxLength: 6 }), { maxLength: 20 })
      .map((rows) => Buffer.from(rows.map((r) => r.join(',')).join('\n'))),
    fc.constantFrom(
      Buffer.from('kecamatan,kelurahan,rw,rt\n"unterminated\n'),
      Buffer.from('PK\u0003\u0004garbage-zip'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]),
      Buffer.alloc(0),
    ),
  );
  const fileField = keys.length
    ? fc.oneof(fc.constantFrom(...keys), fc.constant('file'))
    : fc.constant('file');
  return fc.oneof(
    {
      weight: 3,
      arbitrary: mutated.map(
        isPageRoute(route) ? asForm('form mutated sample') : asJson('json mutated sample'),
      ),
    },
    {
      weight: 1,
      arbitrary: mutated.map(
        isPageRoute(route) ? asJson('json mutated sample') : asForm('form mutated sample'),
      ),
    },
    {
      weight: 2,
      arbitrary: repeated.map(
        isPageRoute(route) ? asForm('form with a repeated field') : asJson('json with a list for a value'),
      ),
    },
    {
      weight: 1,
      arbitrary: repeated.map((o) => ({
        ...multipart(pairsOf(o), null),
        label: 'multipart with a repeated field',
      })),
    },
    { weight: 2, arbitrary: jsonValue.map(asJson('json value')) },
    { weight: 1, arbitrary: fc.dictionary(key, jsonValue, { maxKeys: 8 }).map(asJson('json object')) },
    { weight: 1, arbitrary: fc.dictionary(key, anyString, { maxKeys: 8 }).map(asForm('form')) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.constantFrom(
            '{',
            '{"a":',
            '[1,]',
            'nul',
            '\u0000',
            '{"__proto__":{"x":1}}',
            '{"constructor":{"prototype":{"x":1}}}',
            '"\\ud800"',
            '1e999999',
          ),
          fc.string({ maxLength: 200 }),
          fc.nat({ max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
        )
        .map((payload): Body => ({ contentType: 'application/json', payload, label: 'invalid json' })),
    },
    {
      weight: 1,
      arbitrary: longString.map((s): Body => ({
        contentType: 'application/json',
        payload: JSON.stringify({ ...base, name: s, email: s }),
        label: 'huge json',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'application/octet-stream',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded; charset=utf-16',
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'image/png',
            '*/*',
            ';;;',
            'application/json, text/html',
          ),
          fc.oneof(anyString, fc.string({ unit: 'binary', maxLength: 200 })),
        )
        .map(([contentType, payload]): Body => ({ contentType, payload, label: 'wrong content type' })),
    },
    {
      weight: 1,
      arbitrary: fc.string({ maxLength: 300 }).map((payload): Body => ({
        contentType: 'application/x-www-form-urlencoded',
        payload,
        label: 'urlencoded garbage',
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          fields: fc.array(
            fc.tuple(
              key,
              fc.oneof(
                anyString.filter((s) => s.length < 20_000),
                fc.constant(String(base.name ?? 'x')),
              ),
            ),
            { maxLength: 5 },
          ),
          file: fc.option(
            fc.record({
              field: fileField,
              name: fc.oneof(
                fc.constantFrom(
                  'data.csv',
                  'data.xlsx',
                  'logo.png',
                  'logo.svg',
                  '../../x.csv',
                  'é😀.csv',
                  '',
                ),
                fc.string({ maxLength: 40 }),
              ),
              type: fc.constantFrom(
                'text/csv',
                'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                'image/png',
                'image/svg+xml',
                'application/octet-stream',
                'x/y',
              ),
              content: fileContent,
            }),
          ),
        })
        .map(({ fields, file }) =>
          multipart(
            fields.map(([k, v]) => [k.replace(/["\r\n]/g, ''), v]),
            file
              ? {
                  ...file,
                  field: file.field.replace(/["\r\n]/g, ''),
                  name: file.name.replace(/["\r\n]/g, ''),
                }
              : null,
          ),
        ),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ label: 'no body' }) },
  );
}

interface Input {
  params: Record<string, { value: string; raw: boolean }>;
  query: string;
  body: Body | null;
}

function inputArb(route: Route): fc.Arbitrary<Input> {
  const params = Object.fromEntries(route.params.map((p) => [p, pathValue(p)]));
  return fc.record({
    params: fc.record(params),
    query: queryArb(route),
    body: isUnsafe(route.method) ? bodyArb(route) : fc.constant(null),
  });
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

function describeInput(route: Route, url: string, input: Input): string {
  const body = input.body;
  const payload =
    body?.payload === undefined
      ? ''
      : Buffer.isBuffer(body.payload)
        ? body.payload.toString('latin1')
        : body.payload;
  return `${route.method} ${clip(url, 400)} [${body?.label ?? 'no body'}; content-type ${body?.contentType ?? '-'}] ${clip(JSON.stringify(payload))}`;
}

async function send(client: Client, route: Route, input: Input): Promise<{ url: string; res: Response }> {
  const raw = Object.values(input.params).some((p) => p.raw);
  const values = Object.fromEntries(Object.entries(input.params).map(([k, v]) => [k, v.value]));
  // A backslash cannot travel in a URL (clients turn it into "/" or %5C); send it escaped.
  const url = fillUrl(route.url, values, raw).replace(/\\/g, '%5C') + (input.query ? `?${input.query}` : '');
  const headers: Record<string, string> = {};
  if (input.body?.contentType) headers['content-type'] = input.body.contentType;
  const opts = input.body?.payload !== undefined ? { headers, payload: input.body.payload } : { headers };
  return { url, res: await client.request(route.method, url, opts) };
}

function routeSeed(route: Route, offset: number): number {
  return (SEED + offset + createHash('sha256').update(route.key).digest().readUInt32BE(0)) | 0;
}

const statuses = new Map<number, number>();
let repairs = 0;

async function fuzz(
  t: TestContext,
  client: () => Client,
  runs: number,
  budgetMs: number,
  signedIn: boolean,
): Promise<number> {
  let total = 0;
  statuses.clear();
  const deadline = Date.now() + budgetMs;
  for (const [i, route] of routes.entries()) {
    // The budget left, shared by the routes left (a slow machine runs fewer inputs, never much longer).
    const perRoute = Math.max(300, Math.floor((deadline - Date.now()) / (routes.length - i)));
    await t.test(route.key, async () => {
      let failure: string | null = null;
      let count = 0;
      await fc.assert(
        fc.asyncProperty(inputArb(route), async (input) => {
          const { url, res } = await send(client(), route, input);
          count++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (signedIn && isUnsafe(route.method) && res.status < 400) await keepAdmin();
          if (res.status >= 500) {
            failure = `${res.status} for ${describeInput(route, url, input)}\n  -> ${clip(res.body, 500)}`;
            return false;
          }
          return true;
        }),
        {
          seed: routeSeed(route, signedIn ? 0 : 1),
          numRuns: runs,
          endOnFailure: true,
          interruptAfterTimeLimit: perRoute,
          markInterruptAsFailure: false,
          reporter: (details) => {
            // Interrupted by the time budget (a slow machine) before any run: not a failure of the app.
            if (details.failed && !(details.interrupted && details.counterexample === null)) {
              throw new Error(
                `${failure ?? 'property failed'}\n  seed ${details.seed}, path ${details.counterexamplePath ?? ''}${'errorInstance' in details && details.errorInstance ? `\n  ${String(details.errorInstance)}` : ''}`,
              );
            }
          },
        },
      );
      total += count;
    });
  }
  return total;
}

const histogram = () =>
  [...statuses]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');

/** Declared properties of a schema that take one value (text, number, yes/no), not a list. */
function scalarProperties(s: JsonSchema | undefined): string[] {
  return Object.entries(s?.properties ?? {})
    .filter(([k, p]) => k !== '_csrf' && p.type !== 'array' && p.type !== 'object' && p.type !== undefined)
    .map(([k]) => k);
}

const NAMED_FORMS = [
  '/bandung/sampah/tonase/tahun',
  '/bandung/sampah/tonase/tahun/penduduk',
  '/bandung/sampah/prakarsa/pengaturan',
  '/bandung/sampah/prakarsa/alokasi-semua',
];

describe('fields sent more than once', () => {
  it('the forms of the review (tahun=2026&tahun=2027) answer 400 "sent more than once", in both languages', async () => {
    const csrf = await admin.csrf();
    for (const url of NAMED_FORMS) {
      const payload = `_csrf=${csrf}&tahun=2026&tahun=2027`;
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const res = await admin.request('POST', url, { headers, payload });
      assert.equal(res.status, 400, `${url}: ${res.body.slice(0, 300)}`);
      assert.match(res.body, /Dikirim lebih dari sekali/, url);
    }
    const api = await admin.request(
      'GET',
      '/api/v1/cities/bandung/sampah/tonase/catatan?dari=2026-01-01&dari=2026-01-02&sampai=2026-01-31',
      {
        headers: { 'accept-language': 'en' },
      },
    );
    assert.equal(api.status, 400, api.body);
    const problem = api.json<{ errors: { pointer: string; detail: string }[] }>();
    assert.deepEqual(problem.errors, [{ pointer: '/query/dari', detail: 'Sent more than once.' }]);
  });

  it('every route answers each declared one-value field sent twice (form, query) without a 5xx', async (t) => {
    const hints = cityHints(bandung);
    let sent = 0;
    for (const route of routes) {
      const url = fillUrl(route.url, {
        city: 'bandung',
        ...Object.fromEntries(route.params.map((p) => [p, candidatesFor(p, bandung)[0] ?? 'x'])),
      });
      const query = querySchema(route);
      for (const k of scalarProperties(query)) {
        const q = new URLSearchParams([
          [k, v0(query, k)],
          [k, v0(query, k)],
        ]);
        const res = await admin.request(route.method, `${url}?${q}`);
        sent++;
        assert.ok(res.status < 500, `${route.key} ?${q}: ${res.status} ${res.body.slice(0, 300)}`);
      }
      const body = bodySchema(route);
      if (!isUnsafe(route.method) || !isPageRoute(route) || !body) continue;
      const valid = sample(body, hints);
      const base = valid && typeof valid === 'object' ? (valid as Record<string, unknown>) : {};
      for (const k of scalarProperties(body)) {
        const payload = formOf({
          _csrf: await admin.csrf(),
          ...base,
          [k]: [base[k] ?? v0(body, k), v0(body, k)],
        });
        const headers = { 'content-type': 'application/x-www-form-urlencoded' };
        const res = await admin.request(route.method, url, { headers, payload });
        sent++;
        assert.ok(res.status < 500, `${route.key} ${payload}: ${res.status} ${res.body.slice(0, 300)}`);
        if (res.status < 400) await keepAdmin();
      }
    }
    t.diagnostic(`${sent} requests with a repeated field`);
    assert.ok(sent > 50);
  });
});

describe('fuzz', () => {
  it(`every route, signed in as admin_kota of Bandung (seed ${SEED}), never answers 5xx`, async (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS} runs per route, ${routes.length} routes`);
    const started = Date.now();
    const total = await fuzz(t, () => admin, RUNS, BUDGET_MS, true);
    t.diagnostic(
      `${total} requests in ${Date.now() - started} ms; admin restored ${repairs} times; statuses ${histogram()}`,
    );
    assert.ok(total > 0);
  });

  it(`every route, anonymously (seed ${SEED}), never answers 5xx`, async (t) => {
    const anon = new Client(balai.app);
    await anon.csrf();
    const started = Date.now();
    const total = await fuzz(t, () => anon, ANON_RUNS, BUDGET_MS / 3, false);
    t.diagnostic(`${total} requests in ${Date.now() - started} ms; statuses ${histogram()}`);
    assert.ok(total > 0);
  });
});
