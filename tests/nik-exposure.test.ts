/**
 * Personal data (UU 27/2022): a NIK never appears unmasked in any page or API response for a role
 * without the right to read it. Two owners' NIKs are planted (a UMKM owner, a bank sampah member);
 * then EVERY GET route of the app (from app.routeList: pages and API, public and signed-in) is
 * requested by every role of Kota Bandung and by an anonymous visitor, with path parameters filled
 * with the planted records' ids first and real ids of the city after. No response may contain a
 * full NIK, whatever its formatting. Roles with the right (umkm.nik, bank-sampah.nik) are walked
 * too, minus the one endpoint per module that exists to reveal it; that endpoint answers them
 * with the NIK and leaves an audit row, and refuses everyone else.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { Client, ownerClient, startTestBalai, type TestBalai } from './helpers/app.ts';
import { appRoutes, candidatesFor, fillUrl, sampleQuery, type Route } from './helpers/routes.ts';
import { tenantSamples, type TenantSamples } from './helpers/tenant-db.ts';
import { ROLES, type Role } from '../src/platform/auth/roles.ts';

const NIK_UMKM = '3273015507880004';
const NIK_NASABAH = '3273012308910007';
/** The planted NIKs, plain and as people write them (spaced in groups of four, dotted). */
const FORMS = [NIK_UMKM, NIK_NASABAH].flatMap((n) => [
  n,
  n.replace(/(\d{4})(?=\d)/g, '$1 '),
  n.replace(/(\d{2})(\d{2})(\d{2})(\d{6})(\d{4})/, '$1.$2.$3.$4.$5'),
]);
/** The endpoints that exist to reveal a NIK to those with the right (audited). */
const REVEAL = /\/(umkm\/usaha\/:id\/nik|bank-sampah\/banks\/:bankId\/nasabah\/:nasabahId\/nik)$/;

let balai: TestBalai;
let db: pg.Client;
let routes: Route[];
let samples: TenantSamples;
const planted: Record<string, string> = {};

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  // A business registered by its owner with a NIK (through the API: encrypted as in production).
  const owner = new Client(balai.app);
  await owner.loginAs('bandung', 'pelaku_umkm');
  const u = await owner.post('/api/v1/cities/bandung/umkm/usaha', {
    nama: 'Rajut Uji NIK',
    pemilikNama: 'Pemilik Uji',
    nik: NIK_UMKM,
    telepon: '081200001111',
    kelurahanKode: '32.73.01.1001',
    kbli: ['13911'],
  });
  assert.equal(u.status, 201, u.body);
  planted.id = u.json<{ id: string }>().id;
  // A bank sampah member with a NIK, through the bank sampah API.
  const admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
  const bank = (
    await db.query<{ id: string }>(`select id from bank_sampah where tenant_id = '32.73' limit 1`)
  ).rows[0]!;
  planted.bankId = bank.id;
  const m = await admin.post(`/api/v1/cities/bandung/bank-sampah/banks/${bank.id}/nasabah`, {
    nama: 'Nasabah Uji NIK',
    jenis: 'rumah_tangga',
    nik: NIK_NASABAH,
    nikTujuan: 'Pencairan tabungan lewat rekening bank',
  });
  assert.equal(m.status, 201, m.body);
  planted.nasabahId = m.json<{ id: string }>().id;
  samples = await tenantSamples(db, '32.73', 'bandung', ['36.73'], { secrets: false });
  routes = appRoutes(balai.app).filter(
    (r) =>
      r.method === 'GET' && (r.params.length === 0 || r.params.includes('city')) && !r.params.includes('*'),
  );
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

/** Path values: the planted records first, then real ids of the city for the parameter's name. */
function valueSets(route: Route): Record<string, string>[] {
  const others = route.params.filter((p) => p !== 'city');
  const first: Record<string, string> = { city: 'bandung' };
  for (const p of others) first[p] = planted[p] ?? planted.id!;
  const sets = [first];
  const real: Record<string, string> = { city: 'bandung' };
  for (const p of others) real[p] = candidatesFor(p, samples)[0] ?? 'x';
  if (others.length) sets.push(real);
  return sets;
}

async function walk(
  client: Client,
  who: string,
  skipReveal: boolean,
): Promise<{ requests: number; leaks: string[] }> {
  const leaks: string[] = [];
  let requests = 0;
  for (const route of routes) {
    if (skipReveal && REVEAL.test(route.url)) continue;
    for (const values of valueSets(route)) {
      const url = fillUrl(route.url, values) + sampleQuery(route);
      const res = await client.request('GET', url);
      requests++;
      const found = FORMS.filter((f) => res.body.includes(f));
      if (found.length) leaks.push(`${who}: GET ${url} -> ${res.status} shows ${found[0]}`);
    }
  }
  return { requests, leaks };
}

describe('no NIK in the clear', () => {
  for (const role of [...ROLES, null] as (Role | null)[]) {
    const who = role ?? 'anonymous';
    it(`${who}: no page or API response shows a full NIK`, async (t) => {
      const c = new Client(balai.app);
      if (role) await c.loginAs('bandung', role);
      const { requests, leaks } = await walk(c, who, true);
      t.diagnostic(`${routes.length} GET routes, ${requests} requests`);
      assert.ok(requests > 100, 'the walk reached the routes');
      assert.deepEqual(leaks, []);
    });
  }

  it('the reveal endpoints give the NIK only to the right, with a purpose, and audit it', async () => {
    const url = `/api/v1/cities/bandung/umkm/usaha/${planted.id}/nik?tujuan=${encodeURIComponent('Pencocokan data OSS')}`;
    for (const role of ROLES) {
      const c = new Client(balai.app);
      await c.loginAs('bandung', role);
      const res = await c.get(url);
      // umkm.nik: the admin kota and the dinas officer of the UMKM module (the demo one is).
      if (role === 'admin_kota' || role === 'petugas_dinas') {
        assert.equal(res.status, 200, res.body);
        assert.equal(res.json<{ nik: string }>().nik, NIK_UMKM);
      } else {
        assert.ok([403, 404].includes(res.status), `${role} -> ${res.status}`);
        assert.ok(!res.body.includes(NIK_UMKM));
      }
    }
    const anon = await new Client(balai.app).get(url);
    assert.ok([401, 403, 404].includes(anon.status) || anon.status === 303, String(anon.status));
    const audit = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'read' and entity = 'umkm_usaha' and entity_id = $1`,
      [planted.id],
    );
    assert.equal(audit.rows[0]!.n, 2, 'exactly the two authorised reads are audited');
    const stored = await db.query<{ nik_enc: string; nik_samaran: string }>(
      `select nik_enc, nik_samaran from umkm_usaha where id = $1`,
      [planted.id],
    );
    assert.equal(stored.rows[0]!.nik_samaran, '3273********0004');
    assert.ok(!stored.rows[0]!.nik_enc.includes(NIK_UMKM), 'encrypted at rest');
    const logged = await db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where (before::text like $1 or after::text like $1)`,
      [`%${NIK_UMKM}%`],
    );
    assert.equal(logged.rows[0]!.n, 0, 'the audit log never holds the NIK in the clear');
  });
});
