/**
 * The audit log:
 *  (a) is append-only: the app role cannot UPDATE, DELETE or TRUNCATE it (nor
 *      switch its triggers off), and even the owner cannot UPDATE or DELETE; the app role cannot
 *      INSERT either: its writes are audited by the trigger (SECURITY DEFINER), its reads of
 *      personal data through balai_audit_read, which checks its arguments;
 *  (b) every write is audited: every audited table (every tenant table except derived summaries and
 *      audit_log, plus tenants) carries the `audit` trigger for INSERT, UPDATE
 *      and DELETE, secret columns are redacted; and, behaviourally, for real
 *      writes through the HTTP API and pages (registration, sign-in, failed
 *      sign-in, password change, sign-out, then every state-changing route
 *      under a city, discovered at run time, as admin_kota) each changed row
 *      has audit rows that chain exactly from its state before to its state
 *      after, with the right city, user, role, action, entity and entity id,
 *      and no secret in clear.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { Client, ownerClient, startTestBalai, type Response, type TestBalai } from './helpers/app.ts';
import {
  APP_ROLE,
  asApp,
  asOwner,
  attempt,
  cities,
  describeTable,
  ensureRow,
  passwordHashOf,
  q,
  restoreAdmin,
  rowKey,
  tenantSamples,
  tenantTables,
  triggers,
  derivedTables,
  type Cities,
  type TableInfo,
  type TenantSamples,
} from './helpers/tenant-db.ts';
import {
  appRoutes,
  bodySchema,
  cityHints,
  candidatesFor,
  fillUrl,
  isPageRoute,
  isUnsafe,
  sample,
  sampleQuery,
  type Route,
} from './helpers/routes.ts';

let balai: TestBalai;
let db: pg.Client;
let city: Cities;
let audited: TableInfo[] = [];

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  city = await cities(db);
  // Derived summaries are kept by triggers from audited tables, and are not audited themselves.
  const derived = await derivedTables(db);
  const tables = (await tenantTables(db)).filter((t) => t !== 'audit_log' && !derived.includes(t));
  audited = [];
  for (const t of [...tables, 'tenants']) audited.push(await describeTable(db, t));
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

describe('audit log is append-only', () => {
  it('the app role may only SELECT it (audit rows are written by the database)', async () => {
    const r = await db.query<Record<string, boolean>>(
      `select ${['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']
        .map((p) => `has_table_privilege($1, 'audit_log', '${p}') as "${p}"`)
        .join(', ')}`,
      [APP_ROLE],
    );
    // The audit functions run as the owner with public first on their search_path.
    const create = await db.query<{ create: boolean }>(
      `select has_schema_privilege($1, 'public', 'CREATE') as create`,
      [APP_ROLE],
    );
    assert.equal(create.rows[0]!.create, false, 'the app role cannot create objects in schema public');
    assert.deepEqual(r.rows[0], {
      SELECT: true,
      INSERT: false,
      UPDATE: false,
      DELETE: false,
      TRUNCATE: false,
      REFERENCES: false,
      TRIGGER: false,
    });
  });

  it('the app role cannot UPDATE, DELETE or TRUNCATE audit rows, nor switch triggers off', async () => {
    await asApp(db, city.bandung.id, async () => {
      const n = (await db.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]!.n;
      assert.ok(n > 0, 'the city has audit rows');
      for (const stmt of [
        `update audit_log set action = 'update'`,
        `update audit_log set before = null where tenant_id = '${city.bandung.id}'`,
        'delete from audit_log',
        'truncate audit_log',
        'alter table audit_log disable trigger audit_log_immutable',
        'drop trigger audit_log_immutable on audit_log',
        'alter table users disable trigger audit',
        'drop trigger audit on users',
        `set session_replication_role = replica`,
        `create or replace function balai_audit() returns trigger language plpgsql as $$ begin return null; end $$`,
      ]) {
        const r = await attempt(db, stmt);
        assert.ok(r.error, `${stmt}: must fail`);
        assert.equal(r.error.code, '42501', `${stmt}: ${r.error.message}`);
      }
      const after = (await db.query<{ n: number }>('select count(*)::int as n from audit_log')).rows[0]!.n;
      assert.equal(after, n);
    });
  });

  it('the app role cannot write its own audit rows, while its writes are audited with the right actor', async () => {
    const user = await asOwner(
      db,
      city.bandung.id,
      async () =>
        (await db.query<{ id: string }>(`select id from users where email = 'admin.kota@bandung.demo'`))
          .rows[0]!.id,
      false,
    );
    await asApp(db, city.bandung.id, async () => {
      await db.query(
        `select set_config('app.user_id', $1, true), set_config('app.user_role', 'admin_kota', true),
                set_config('app.request_id', 'audit-definer', true)`,
        [user],
      );
      const forged = await attempt(
        db,
        `insert into audit_log (tenant_id, user_id, user_role, action, entity, entity_id)
         values ($1, $2, 'admin_kota', 'update', 'users', $3)`,
        [city.bandung.id, user, user],
      );
      assert.equal(forged.error?.code, '42501', `a direct insert must be refused: ${forged.error?.message}`);
      // Nor through the audit function on a table of its own making (when it may make one).
      const temp = await attempt(db, 'create temporary table palsu (tenant_id text, id text)');
      if (!temp.error) {
        const trg = await attempt(
          db,
          'create trigger audit after insert on palsu for each row execute function balai_audit()',
        );
        assert.equal(
          trg.error?.code,
          '42501',
          `attaching balai_audit must be refused: ${trg.error?.message}`,
        );
      }
      // An ordinary audited write still leaves its row, with the transaction's actor.
      await db.query(`update tenants set tagline = 'Uji audit' where id = $1`, [city.bandung.id]);
      const row = await db.query(
        `select user_id::text, user_role, action, entity, entity_id, request_id, after ->> 'tagline' as tagline
           from audit_log where request_id = 'audit-definer'`,
      );
      assert.deepEqual(row.rows, [
        {
          user_id: user,
          user_role: 'admin_kota',
          action: 'update',
          entity: 'tenants',
          entity_id: city.bandung.id,
          request_id: 'audit-definer',
          tagline: 'Uji audit',
        },
      ]);
    });
  });

  it('a read of personal data is recorded through balai_audit_read, with its arguments checked', async () => {
    const usaha = async (tenant: string) =>
      asOwner(
        db,
        tenant,
        async () =>
          (await db.query<{ id: string }>('select id from umkm_usaha where tenant_id = $1 limit 1', [tenant]))
            .rows[0]!.id,
        false,
      );
    const mine = await usaha(city.bandung.id);
    const theirs = await usaha(city.serang.id);
    await asApp(db, city.bandung.id, async () => {
      await db.query(
        `select set_config('app.user_role', 'petugas_dinas', true), set_config('app.request_id', 'baca-nik', true)`,
      );
      const read = (tenant: string, entity: string, id: string, kolom: string, tujuan: string | null) =>
        attempt(db, 'select balai_audit_read($1, $2, $3, $4, $5)', [tenant, entity, id, kolom, tujuan]);
      const ok = await read(city.bandung.id, 'umkm_usaha', mine, 'nik', 'Pencocokan data');
      assert.equal(ok.error, null, ok.error?.message);
      const rows = await db.query(
        `select tenant_id, user_role, action, entity, entity_id, before, after from audit_log where request_id = 'baca-nik'`,
      );
      assert.deepEqual(rows.rows, [
        {
          tenant_id: city.bandung.id,
          user_role: 'petugas_dinas',
          action: 'read',
          entity: 'umkm_usaha',
          entity_id: mine,
          before: null,
          after: { kolom: 'nik', tujuan: 'Pencocokan data' },
        },
      ]);
      const refused: [string, Awaited<ReturnType<typeof read>>][] = [
        ['another city', await read(city.serang.id, 'umkm_usaha', theirs, 'nik', 'x')],
        ["another city's row", await read(city.bandung.id, 'umkm_usaha', theirs, 'nik', 'x')],
        ['a table that is not audited', await read(city.bandung.id, 'audit_log', '1', 'nik', 'x')],
        ['a column that is not encrypted', await read(city.bandung.id, 'umkm_usaha', mine, 'nama', 'x')],
        ['a purpose too long', await read(city.bandung.id, 'umkm_usaha', mine, 'nik', 'x'.repeat(201))],
      ];
      for (const [what, r] of refused) assert.ok(r.error, `${what}: must be refused`);
      assert.equal(refused[0]![1].error!.code, '42501');
      const after = await db.query(`select count(*)::int as n from audit_log where request_id = 'baca-nik'`);
      assert.equal(after.rows[0].n, 1);
    });
  });

  it('even the owner cannot UPDATE, DELETE or TRUNCATE audit rows (trigger)', async () => {
    await asOwner(
      db,
      city.bandung.id,
      async () => {
        for (const stmt of [
          `update audit_log set action = action where tenant_id = '${city.bandung.id}'`,
          `delete from audit_log where tenant_id = '${city.bandung.id}'`,
          'truncate audit_log',
        ]) {
          const r = await attempt(db, stmt);
          assert.ok(r.error, `${stmt}: must fail`);
          assert.match(r.error.message, /append-only/, stmt);
        }
      },
      false,
    );
  });
});

describe('every write is audited', () => {
  it('every audited table has the audit trigger for INSERT, UPDATE and DELETE, after each row', async (t) => {
    t.diagnostic(`${audited.length} audited tables: ${audited.map((a) => a.name).join(', ')}`);
    for (const info of audited) {
      const trg = (await triggers(db, info.name)).find((x) => x.name === 'audit');
      assert.ok(trg, `${info.name}: has a trigger named audit`);
      assert.equal(trg.function, 'balai_audit', `${info.name}: the trigger calls balai_audit`);
      assert.equal(
        trg.type & 29,
        29,
        `${info.name}: FOR EACH ROW on INSERT, UPDATE and DELETE (tgtype ${trg.type})`,
      );
      assert.equal(trg.type & 66, 0, `${info.name}: AFTER, not BEFORE or INSTEAD OF (tgtype ${trg.type})`);
      assert.ok(['O', 'A'].includes(trg.enabled), `${info.name}: the trigger is enabled (${trg.enabled})`);
    }
  });

  it('secret columns are redacted by the audit trigger', () => {
    const missing: string[] = [];
    for (const info of audited) {
      for (const col of info.columns) {
        const holdsValue = col.type === 'text' || col.type === 'bytea' || col.type.startsWith('character');
        if (
          holdsValue &&
          /password|token|secret|hash|api_?key/i.test(col.name) &&
          !info.redacted.includes(col.name)
        ) {
          missing.push(`${info.name}.${col.name}`);
        }
      }
    }
    assert.deepEqual(missing, [], 'pass these columns to balai_tenant_table(..., redact)');
  });

  describe('writes through the HTTP API and pages', () => {
    type Row = Record<string, unknown>;
    /** Per table, primary key -> md5 of the row as JSON, raw and as the audit trigger would log it (redacted). */
    interface Snap {
      rows: Map<string, Map<string, { raw: string; red: string }>>;
      /** Per table, a hash of all its rows (to skip unchanged tables). */
      agg: Map<string, string>;
      audit: AuditRow[];
    }
    interface AuditRow {
      id: string;
      tenant_id: string;
      user_id: string | null;
      user_role: string;
      action: string;
      entity: string;
      entity_id: string | null;
      before: Row | null;
      after: Row | null;
      before_md5: string | null;
      after_md5: string | null;
      request_id: string | null;
    }
    interface Actor {
      label: string;
      userId: string | null;
      roles: string[];
    }
    const ANON: Actor = { label: 'anonymous', userId: null, roles: ['anonim'] };
    const seenAudit = new Set<string>();
    let maxSeen = 0;
    /** The last snapshot, reused as the next "before" (the previous one, for unchanged tables). */
    let last: Snap | null = null;
    let dirty = true;
    let failures: string[] = [];
    const stats = { requests: 0, auditedChanges: 0, tables: new Set<string>(), routes: 0 };
    let serangAuditBefore = 0;

    const info = (name: string) => audited.find((a) => a.name === name);

    /** The row as the audit trigger logs it: redacted columns replaced when not null. */
    const redactedJson = (a: TableInfo) =>
      a.redacted.reduce(
        (expr, col) =>
          `${expr} || jsonb_build_object('${col}', case when t.${q(col)} is null then null else '[disamarkan]' end)`,
        'to_jsonb(t)',
      );

    /** Every audited row of Bandung (hashed) and the new Bandung audit rows, in one consistent (repeatable read) view. */
    async function snap(prev: Snap | null): Promise<Snap> {
      await db.query('begin isolation level repeatable read');
      try {
        await db.query(`select set_config('app.tenant_id', $1, true)`, [city.bandung.id]);
        const rows = new Map<string, Map<string, { raw: string; red: string }>>();
        const agg = new Map<string, string>();
        for (const a of audited) {
          const where = a.name === 'tenants' ? 'id = $1' : 'tenant_id = $1';
          const pk = a.pk.map((c) => `t.${q(c)}`).join(', ');
          // Any insert, update or delete changes the count or the transaction ids (xmin) of the visible rows.
          const h = await db.query<{ h: string }>(
            `select count(*) || ':' || coalesce(max(t.xmin::text::bigint), 0) || ':' || coalesce(sum(t.xmin::text::bigint), 0) as h
               from ${q(a.name)} t where ${where}`,
            [city.bandung.id],
          );
          agg.set(a.name, h.rows[0]!.h);
          if (prev && prev.agg.get(a.name) === h.rows[0]!.h) {
            rows.set(a.name, prev.rows.get(a.name)!);
            continue;
          }
          const r = await db.query<{ k: unknown[]; raw: string; red: string }>(
            `select jsonb_build_array(${pk}) as k,
                    md5(to_jsonb(t)::text) as raw, md5((${redactedJson(a)})::text) as red
               from ${q(a.name)} t where ${where}`,
            [city.bandung.id],
          );
          rows.set(a.name, new Map(r.rows.map((x) => [JSON.stringify(x.k), { raw: x.raw, red: x.red }])));
        }
        // Identity values are taken before commit, so look back a little and skip what was seen.
        const audit = (
          await db.query<AuditRow>(
            `select id::text, tenant_id, user_id::text, user_role, action, entity, entity_id, before, after,
                    md5(before::text) as before_md5,
                    -- a changed redacted value reads "[disamarkan: diubah]"; the row snapshot cannot know that
                    md5(replace(after::text, '"[disamarkan: diubah]"', '"[disamarkan]"')) as after_md5, request_id
               from audit_log where tenant_id = $1 and id > $2 order by id`,
            [city.bandung.id, Math.max(0, maxSeen - 1000)],
          )
        ).rows.filter((a) => !seenAudit.has(a.id));
        return { rows, agg, audit };
      } finally {
        await db.query('commit');
      }
    }

    const remember = (rows: AuditRow[]) => {
      for (const a of rows) {
        seenAudit.add(a.id);
        maxSeen = Math.max(maxSeen, Number(a.id));
      }
    };

    /** Compares two snapshots and the audit rows written between them. */
    function check(label: string, actor: Actor, s0: Snap, s1: Snap): void {
      const fresh = s1.audit;
      remember(fresh);
      const groups = new Map<string, AuditRow[]>();
      for (const a of fresh) {
        const ai = info(a.entity);
        if (!ai) {
          failures.push(`${label}: audit row ${a.id} for unknown entity ${a.entity}`);
          continue;
        }
        const key = `${a.entity} ${rowKey(ai, (a.after ?? a.before)!)}`;
        groups.set(key, [...(groups.get(key) ?? []), a]);
        // Who and what.
        // A sign-in opens its session as the user who just proved who they are.
        const opensSession = a.entity === 'sessions' && a.action === 'insert' && a.after !== null;
        if (opensSession) {
          const owner = String(a.after!.user_id);
          if (a.user_id !== owner || ['anonim', 'sistem'].includes(a.user_role))
            failures.push(
              `${label}: session opened by ${a.user_id} (${a.user_role}), expected its user ${owner}`,
            );
        } else if (a.request_id !== null) {
          if (a.user_id !== actor.userId) {
            failures.push(
              `${label}: ${a.entity} ${a.action} by user ${a.user_id}, expected ${actor.userId} (${actor.label})`,
            );
          }
          if (!actor.roles.includes(a.user_role)) {
            failures.push(
              `${label}: ${a.entity} ${a.action} with role "${a.user_role}", expected one of ${actor.roles.join('/')} (${actor.label})`,
            );
          }
        } else if (a.user_role !== 'sistem' || a.user_id !== null) {
          failures.push(
            `${label}: ${a.entity} ${a.action} without request id but role ${a.user_role}, user ${a.user_id}`,
          );
        }
        const row = (a.after ?? a.before)!;
        const expectedId = 'id' in row ? String(row.id) : null;
        if (a.entity_id !== expectedId)
          failures.push(`${label}: ${a.entity} audit entity_id ${a.entity_id}, row id ${expectedId}`);
        const tenant = a.entity === 'tenants' ? row.id : row.tenant_id;
        if (a.tenant_id !== tenant)
          failures.push(`${label}: ${a.entity} audit tenant ${a.tenant_id}, row tenant ${String(tenant)}`);
        const expectedAction = a.before === null ? 'insert' : a.after === null ? 'delete' : 'update';
        if (a.action !== expectedAction)
          failures.push(`${label}: ${a.entity} action ${a.action} with before/after of an ${expectedAction}`);
        for (const col of ai.redacted) {
          for (const side of [a.before, a.after]) {
            const v = side?.[col];
            if (v !== null && v !== undefined && v !== '[disamarkan]' && v !== '[disamarkan: diubah]')
              failures.push(`${label}: ${a.entity}.${col} in clear in the audit log`);
          }
        }
      }
      // Every changed row is audited, and its audit rows chain from the old state to the new one.
      for (const a of audited) {
        const before = s0.rows.get(a.name)!;
        const after = s1.rows.get(a.name)!;
        for (const key of new Set([...before.keys(), ...after.keys()])) {
          const b = before.get(key) ?? null;
          const n = after.get(key) ?? null;
          const chain = groups.get(`${a.name} ${key}`) ?? [];
          groups.delete(`${a.name} ${key}`);
          if (b?.raw === n?.raw && chain.length === 0) continue;
          stats.auditedChanges++;
          stats.tables.add(a.name);
          const what = `${a.name} ${key} (${b ? (n ? 'update' : 'delete') : 'insert'})`;
          if (chain.length === 0) {
            failures.push(`${label}: ${what} changed without an audit row`);
            continue;
          }
          const ids = chain.map((x) => x.id).join(',');
          if (chain[0]!.before_md5 !== (b?.red ?? null))
            failures.push(`${label}: ${what}: audit ${ids} does not start from the old row`);
          if (chain.at(-1)!.after_md5 !== (n?.red ?? null))
            failures.push(`${label}: ${what}: audit ${ids} does not end at the new row`);
          for (let i = 1; i < chain.length; i++) {
            if (chain[i]!.before_md5 !== chain[i - 1]!.after_md5)
              failures.push(`${label}: ${what}: audit ${ids} do not chain`);
          }
        }
      }
      for (const [key, chain] of groups) {
        if (chain[0]!.before !== null || chain.at(-1)!.after !== null)
          failures.push(`${label}: audit rows for ${key} but no such change`);
      }
    }

    async function audit(label: string, actor: Actor, fn: () => Promise<Response>): Promise<Response> {
      // The previous "after" is this "before" unless something else wrote in between (a fresh sign-in).
      const s0 = last && !dirty ? last : await snap(last);
      dirty = false;
      remember(s0.audit);
      const res = await fn();
      stats.requests++;
      const s1 = await snap(s0);
      check(`${label} (${res.status})`, actor, s0, s1);
      last = s1;
      return res;
    }

    const userIdOf = async (email: string): Promise<string> =>
      asOwner(
        db,
        city.bandung.id,
        async () =>
          (await db.query<{ id: string }>('select id from users where lower(email) = $1', [email])).rows[0]!
            .id,
        false,
      );

    const rolesOf = async (userId: string): Promise<string[]> =>
      asOwner(
        db,
        city.bandung.id,
        async () =>
          (
            await db.query<{ role: string }>('select role from user_roles where user_id = $1', [userId])
          ).rows.map((r) => r.role),
        false,
      );

    /** Audit rows of Kota Serang (no request of these tests may add any). */
    const serangAuditCount = (): Promise<number> =>
      asOwner(
        db,
        city.serang.id,
        async () =>
          (
            await db.query<{ n: number }>('select count(*)::int as n from audit_log where tenant_id = $1', [
              city.serang.id,
            ])
          ).rows[0]!.n,
        false,
      );

    beforeEach(() => {
      failures = [];
      dirty = true;
    });

    before(async () => {
      serangAuditBefore = await serangAuditCount();
    });

    it('registration, sign-in, failed sign-in, password change and sign-out through the API', async () => {
      const c = new Client(balai.app);
      const email = 'warga.audit@contoh.id';
      const password = 'Sandi-Audit-2026';
      const reg = await audit('API register', ANON, () =>
        c.post('/api/v1/cities/bandung/register', { name: 'Warga Audit', email, password }),
      );
      assert.equal(reg.status, 202, reg.body);
      const wrong = await audit('API failed sign-in', ANON, () =>
        c.post('/api/v1/cities/bandung/session', { email, password: 'salah-sekali' }),
      );
      assert.equal(wrong.status, 401);
      const ok = await audit('API sign-in', ANON, () =>
        c.post('/api/v1/cities/bandung/session', { email, password }),
      );
      assert.equal(ok.status, 200, ok.body);
      const id = await userIdOf(email);
      const me: Actor = { label: email, userId: id, roles: await rolesOf(id) };
      const change = await audit('API password change', me, () =>
        c.post('/api/v1/cities/bandung/password', {
          currentPassword: password,
          newPassword: `${password}-baru`,
        }),
      );
      assert.equal(change.status, 204, change.body);
      const out = await audit('API sign-out', me, () => c.delete('/api/v1/cities/bandung/session'));
      assert.equal(out.status, 204);
      assert.deepEqual(failures, []);
    });

    it('registration, sign-in and sign-out through the pages', async () => {
      const c = new Client(balai.app);
      const email = 'warga.halaman@contoh.id';
      const password = 'Sandi-Halaman-2026';
      const reg = await audit('page register', ANON, () =>
        c.request('POST', '/bandung/daftar', { form: { name: 'Warga Halaman', email, password } }),
      );
      assert.equal(reg.status, 303, reg.body);
      const id = await userIdOf(email);
      const me: Actor = { label: email, userId: id, roles: await rolesOf(id) };
      const login = await audit('page sign-in', ANON, () =>
        c.request('POST', '/bandung/masuk', { form: { email, password } }),
      );
      assert.equal(login.status, 303);
      const out = await audit('page sign-out', me, () => c.request('POST', '/bandung/keluar', { form: {} }));
      assert.equal(out.status, 303);
      assert.deepEqual(failures, []);
    });

    it('every state-changing route under a city, as admin_kota of Bandung', async (t) => {
      const all = city.all.map((c) => c.id);
      for (const table of await tenantTables(db)) await ensureRow(db, table, city.bandung.id, all);
      dirty = true;
      const samples: TenantSamples = await tenantSamples(db, city.bandung.id, 'bandung', [city.serang.id], {
        secrets: false,
      });
      const adminEmail = 'admin.kota@bandung.demo';
      const adminId = await userIdOf(adminEmail);
      const adminHash = await passwordHashOf(db, city.bandung.id, adminId);
      samples.ids.set(
        'users',
        (samples.ids.get('users') ?? []).filter((x) => x !== adminId),
      );
      const admin = new Client(balai.app);
      const actor: Actor = { label: adminEmail, userId: adminId, roles: ['admin_kota'] };
      const signIn = async () => {
        const me = admin.cookies.size ? await admin.get('/api/v1/cities/bandung/session') : null;
        const who = me?.status === 200 ? me.json<{ id: string; mustChangePassword: boolean }>() : null;
        if (who?.id === adminId && !who.mustChangePassword) return;
        admin.cookies.clear();
        dirty = true;
        await restoreAdmin(db, city.bandung.id, adminId, adminHash);
        await admin.loginAs('bandung', 'admin_kota');
      };
      const order = (r: Route) => (r.method === 'DELETE' ? 2 : r.params.length > 1 ? 1 : 0);
      const routes = appRoutes(balai.app)
        .filter((r) => r.params.includes('city') && isUnsafe(r.method))
        .sort((a, b) => order(a) - order(b));
      const statuses: string[] = [];
      for (const route of routes) {
        // A few variants of a valid-looking input (other codes, enum values, numbers) until one is accepted.
        let res: Response | null = null;
        for (let variant = 0; variant < 4 && (!res || res.status >= 400); variant++) {
          await signIn();
          const hints = cityHints(samples);
          const values = Object.fromEntries(
            route.params.map((p) => {
              const c = candidatesFor(p, samples);
              return [p, c[variant % Math.max(c.length, 1)] ?? 'x'];
            }),
          );
          const url = fillUrl(route.url, { ...values, city: 'bandung' }) + sampleQuery(route, hints);
          const body = sample(bodySchema(route), hints, '', variant) ?? {};
          res = await audit(route.key, actor, () => {
            if (isPageRoute(route) && typeof body === 'object' && body !== null && !Array.isArray(body)) {
              const form = Object.fromEntries(
                Object.entries(body).map(([k, v]) => [
                  k,
                  typeof v === 'object' ? JSON.stringify(v) : String(v),
                ]),
              );
              return admin.request(route.method, url, { form });
            }
            return admin.request(route.method, url, { json: body });
          });
        }
        stats.routes++;
        statuses.push(`${route.method} ${route.url} ${res!.status}`);
      }
      t.diagnostic(`${stats.routes} state-changing routes called: ${statuses.join('; ')}`);
      assert.deepEqual(failures, []);
    });

    it('audited every change and wrote nothing for the other city', async (t) => {
      t.diagnostic(
        `${stats.requests} requests, ${stats.auditedChanges} changed rows checked in ${stats.tables.size} tables (${[...stats.tables].join(', ')})`,
      );
      assert.ok(
        stats.tables.has('users') && stats.tables.has('sessions') && stats.tables.has('login_attempts'),
      );
      const serangAudit = await serangAuditCount();
      assert.equal(serangAudit, serangAuditBefore);
      // No secret value of any audited table appears anywhere in the audit log.
      for (const a of audited) {
        for (const col of a.redacted) {
          const leaked = await asOwner(
            db,
            city.bandung.id,
            async () =>
              // Each distinct secret once (its first 64 characters suffice to recognise it: photos
              // are megabytes of hex), against each audit row's text once.
              (
                await db.query<{ n: number }>(
                  `with v as materialized (
                     select distinct left(to_jsonb(t.${q(col)}) #>> '{}', 64) as s from ${q(a.name)} t
                      where t.${q(col)} is not null and length(to_jsonb(t.${q(col)}) #>> '{}') > 8),
                   l as materialized (
                     select coalesce(before::text, '') || coalesce(after::text, '') as s from audit_log)
                   select count(*)::int as n from v, l where strpos(l.s, v.s) > 0`,
                )
              ).rows[0]!.n,
            false,
          );
          assert.equal(leaked, 0, `${a.name}.${col} values appear in the audit log`);
        }
      }
    });
  });
});
