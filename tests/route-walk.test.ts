/**
 * Walks EVERY route of the app (from app.routeList) as the most powerful user
 * of Kota Bandung (admin_kota) and checks that no route crosses the tenant line:
 *  - Bandung's URLs with ids and codes that belong to Kota Serang answer
 *    400/403/404 and show no Serang data;
 *  - every non-public Serang URL, with the Bandung session (and even with the
 *    Bandung session token put into Serang's session cookie), answers
 *    401/403/404 or redirects to Serang's login page, never 2xx;
 *  - Bandung's own GET pages and API never show Serang data;
 *  - nothing of Serang changed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import {
  Client,
  ownerClient,
  signInActivity,
  startTestBalai,
  type Response,
  type TestBalai,
} from './helpers/app.ts';
import {
  cities,
  ensureRow,
  fingerprint,
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
  sample,
  sampleQuery,
  type Hints,
  type Route,
} from './helpers/routes.ts';

let balai: TestBalai;
let db: pg.Client;
let city: Cities;
let routes: Route[];
let serang: TenantSamples;
let bandung: TenantSamples;
let admin: Client;
let serangBefore: Record<string, string>;

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  city = await cities(db);
  // Activity in both cities, then a row in every tenant table of both, so there are real ids to aim at.
  await signInActivity(balai.app, ['serang', 'bandung']);
  const all = city.all.map((c) => c.id);
  for (const table of await tenantTables(db)) {
    for (const c of [city.serang, city.bandung]) await ensureRow(db, table, c.id, all);
  }
  serang = await tenantSamples(db, city.serang.id, 'serang', [city.bandung.id]);
  bandung = await tenantSamples(db, city.bandung.id, 'bandung', [city.serang.id]);
  routes = appRoutes(balai.app);
  admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
  serangBefore = await fingerprint(db, city.serang.id);
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

const short = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…` : s);

/** Sends the route with path values, a sampled query and (for unsafe methods) a sampled body. */
async function call(
  client: Client,
  route: Route,
  values: Record<string, string>,
  s: TenantSamples,
): Promise<{ url: string; res: Response }> {
  const hints = cityHints(s);
  const url = fillUrl(route.url, values) + sampleQuery(route, hints);
  if (!isUnsafe(route.method)) return { url, res: await client.request(route.method, url) };
  const body = sample(bodySchema(route), hints) ?? {};
  if (isPageRoute(route) && body && typeof body === 'object' && !Array.isArray(body)) {
    const form = Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)]),
    );
    return { url, res: await client.request(route.method, url, { form }) };
  }
  return { url, res: await client.request(route.method, url, { json: body }) };
}

/** Serang strings in a response, ignoring the values this request itself sent. */
function leaks(body: string, sent: string[]): string[] {
  let text = body;
  for (const v of sent) {
    for (const form of new Set([v, encodeURIComponent(v)])) text = text.replaceAll(form, '');
  }
  return [...serang.secrets].filter((s) => text.includes(s));
}

const cityRoutes = () => routes.filter((r) => r.params.includes('city'));

describe('route walk', () => {
  it('lists every route', (t) => {
    assert.ok(routes.length > 10, 'routes were collected');
    const undeclared = routes.filter(
      (r) => !r.access && !/^\/(assets|api\/docs)\b|^\/api\/openapi\.json$/.test(r.url),
    );
    assert.deepEqual(
      undeclared.map((r) => r.key),
      [],
      'every route declares its access',
    );
    t.diagnostic(
      `${routes.length} routes (${cityRoutes().length} under a city); Serang sample: ${serang.secrets.size} distinctive strings, ${[...serang.ids.values()].flat().length} ids, ${serang.codes.length} codes`,
    );
  });

  it("Bandung URLs with Serang's ids and codes answer 400/403/404 and show no Serang data", async (t) => {
    const walked = cityRoutes().filter((r) => r.params.some((p) => p !== 'city'));
    let requests = 0;
    let reached = 0;
    const failures: string[] = [];
    for (const route of walked) {
      const others = route.params.filter((p) => p !== 'city');
      const own = Object.fromEntries(others.map((p) => [p, candidatesFor(p, bandung)[0] ?? 'x']));
      const combos: Record<string, string>[] = [
        Object.fromEntries(others.map((p) => [p, candidatesFor(p, serang)[0] ?? 'x'])),
      ];
      for (const p of others) {
        for (const v of candidatesFor(p, serang).slice(0, 4)) combos.push({ ...own, [p]: v });
      }
      for (const combo of combos) {
        const values = { ...combo, city: 'bandung' };
        const { url, res } = await call(admin, route, values, bandung);
        requests++;
        if (res.status !== 400) reached++;
        if (![400, 403, 404].includes(res.status)) {
          failures.push(`${route.method} ${url} -> ${res.status}: ${short(res.body)}`);
        }
        const leaked = leaks(res.body, Object.values(combo));
        if (leaked.length)
          failures.push(`${route.method} ${url} shows Serang data: ${leaked.slice(0, 5).join(', ')}`);
      }
    }
    t.diagnostic(
      `${walked.length} routes with id parameters, ${requests} requests, ${reached} past validation`,
    );
    assert.deepEqual(failures, []);
  });

  it("Bandung's state-changing routes refuse Serang's ids and codes in the body", async (t) => {
    const isRef = (name: string) => /id$|kode|code/i.test(name);
    const walked = cityRoutes().filter((r) => {
      const props = Object.keys(bodySchema(r)?.properties ?? {});
      return isUnsafe(r.method) && props.some(isRef);
    });
    const bandungHints = cityHints(bandung);
    const serangHints: Hints = (name, schema) =>
      isRef(name) ? candidatesFor(name, serang) : bandungHints(name, schema);
    let requests = 0;
    const seen = new Map<number, number>();
    const failures: string[] = [];
    for (const route of walked) {
      for (let variant = 0; variant < 3; variant++) {
        const values = Object.fromEntries(
          route.params.map((p) => [p, p === 'city' ? 'bandung' : (candidatesFor(p, bandung)[0] ?? 'x')]),
        );
        const url = fillUrl(route.url, values);
        const schema = bodySchema(route)!;
        const body = { ...(sample(schema, serangHints, '', variant) as Record<string, unknown>) };
        for (const [name, prop] of Object.entries(schema.properties ?? {})) {
          if (isRef(name)) body[name] = sample(prop, serangHints, name, variant);
        }
        // A field no Serang value fits (e.g. the code of something being created) cannot carry a
        // reference to Serang's data: nothing to refuse.
        const carriesSerang = Object.entries(body).some(
          ([k, v]) => isRef(k) && typeof v === 'string' && candidatesFor(k, serang).includes(v),
        );
        if (!carriesSerang) continue;
        const sent = Object.values(body).filter((v): v is string => typeof v === 'string');
        const res = isPageRoute(route)
          ? await admin.request(route.method, url, {
              form: Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])),
            })
          : await admin.request(route.method, url, { json: body });
        requests++;
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (![400, 403, 404, 409, 422].includes(res.status)) {
          failures.push(
            `${route.method} ${url} ${JSON.stringify(body)} -> ${res.status}: ${short(res.body)}`,
          );
        }
        const leaked = leaks(res.body, sent);
        if (leaked.length)
          failures.push(`${route.method} ${url} shows Serang data: ${leaked.slice(0, 5).join(', ')}`);
      }
    }
    t.diagnostic(
      `${walked.length} routes taking ids or codes in the body, ${requests} requests, statuses ${[...seen].map(([k, v]) => `${k}×${v}`).join(' ')}`,
    );
    assert.deepEqual(failures, []);
  });

  it('every non-public Serang URL refuses the Bandung session (also when its token is put in the Serang cookie)', async (t) => {
    const walked = cityRoutes().filter((r) => r.access && r.access !== 'public');
    const forged = new Client(balai.app);
    const token = admin.cookies.get(`balai_sid_${city.bandung.id.replace('.', '')}`);
    assert.ok(token, 'the Bandung session cookie is set');
    for (const [k, v] of admin.cookies) forged.cookies.set(k, v);
    forged.cookies.set(`balai_sid_${city.serang.id.replace('.', '')}`, token);
    let requests = 0;
    let reached = 0;
    const failures: string[] = [];
    for (const route of walked) {
      const values = Object.fromEntries(route.params.map((p) => [p, candidatesFor(p, serang)[0] ?? 'x']));
      for (const client of [admin, forged]) {
        const { url, res } = await call(client, route, values, serang);
        requests++;
        if (res.status !== 400) reached++;
        const location = String(res.headers.location ?? '');
        const ok =
          [400, 401, 403, 404].includes(res.status) ||
          (res.status === 303 && location.startsWith('/serang/masuk'));
        if (!ok) failures.push(`${route.method} ${url} -> ${res.status} ${location}: ${short(res.body)}`);
      }
    }
    t.diagnostic(
      `${walked.length} non-public routes, ${requests} requests, ${reached} refused by the access check (not 400)`,
    );
    assert.deepEqual(failures, []);
    assert.equal(
      (await admin.get('/api/v1/cities/bandung/session')).status,
      200,
      'the Bandung session still works',
    );
  });

  it("Bandung's own GET pages and API show no Serang data", async (t) => {
    const walked = cityRoutes().filter((r) => r.method === 'GET');
    const failures: string[] = [];
    for (const route of walked) {
      const values = Object.fromEntries(route.params.map((p) => [p, candidatesFor(p, bandung)[0] ?? 'x']));
      const { url, res } = await call(admin, route, values, bandung);
      if (res.status >= 500) failures.push(`${route.method} ${url} -> ${res.status}`);
      const leaked = leaks(res.body, []);
      if (leaked.length)
        failures.push(`${route.method} ${url} shows Serang data: ${leaked.slice(0, 5).join(', ')}`);
    }
    t.diagnostic(`${walked.length} GET routes of Bandung checked`);
    assert.deepEqual(failures, []);
  });

  it('nothing of Serang changed', async () => {
    assert.deepEqual(await fingerprint(db, city.serang.id), serangBefore);
  });
});
