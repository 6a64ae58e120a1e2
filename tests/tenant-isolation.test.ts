/**
 * Tenant isolation, for EVERY tenant table (any table in schema public with a
 * tenant_id column, discovered at run time): the schema conventions (RLS
 * enabled and forced, tenant_id first in the primary key and in every foreign
 * key to another tenant table, fail-closed policies, no TRUNCATE for the app
 * role, registered by balai_tenant_table or balai_derived_table of migration
 * 0023) and the behaviour as the app role: a city never sees, changes,
 * deletes or creates another city's rows, and without a city nothing is visible.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { projectRoot } from '../src/platform/config.ts';
import { ownerClient, signInActivity, startTestBalai, type TestBalai } from './helpers/app.ts';
import {
  APP_ROLE,
  asApp,
  asOwner,
  attempt,
  cities,
  describeTable,
  ensureRow,
  insertableColumns,
  insertFromJson,
  q,
  tenantTables,
  type Cities,
  type EnsureResult,
  type TableInfo,
} from './helpers/tenant-db.ts';

let balai: TestBalai;
let db: pg.Client;
let city: Cities;
let tables: string[] = [];
const infos = new Map<string, TableInfo>();

before(async () => {
  balai = await startTestBalai();
  db = await ownerClient(balai.databaseUrl);
  city = await cities(db);
  // Real activity in both cities first: sessions and (failed and successful) login attempts.
  await signInActivity(balai.app, ['bandung', 'serang']);
  tables = await tenantTables(db);
  for (const t of tables) infos.set(t, await describeTable(db, t));
});

after(async () => {
  await db?.end();
  await balai?.stop();
});

const info = (table: string): TableInfo => infos.get(table)!;

describe('tenant isolation: schema', () => {
  it('discovers the tenant tables', (t) => {
    t.diagnostic(`${tables.length} tenant tables: ${tables.join(', ')}`);
    for (const expected of ['audit_log', 'users', 'user_roles', 'sessions', 'login_attempts']) {
      assert.ok(tables.includes(expected), `${expected} is a tenant table`);
    }
  });

  it('the app role is neither superuser nor BYPASSRLS nor owner of anything', async () => {
    const role = await db.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
      'select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = $1',
      [APP_ROLE],
    );
    assert.equal(role.rows.length, 1, `role ${APP_ROLE} exists`);
    assert.equal(role.rows[0]!.rolsuper, false, 'not superuser');
    assert.equal(role.rows[0]!.rolbypassrls, false, 'not BYPASSRLS');
    const owned = await db.query<{ what: string }>(
      `select c.relname as what from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relowner = $1::regrole
       union all
       select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proowner = $1::regrole`,
      [APP_ROLE],
    );
    assert.deepEqual(owned.rows, [], 'the app role owns no table, view, sequence or function');
    const member = await db.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and pg_has_role($1, c.relowner, 'MEMBER')`,
      [APP_ROLE],
    );
    assert.deepEqual(member.rows, [], 'the app role is not a member of any table owner role');
    await asApp(db, city.bandung.id, async () => {
      const r = await db.query<{ u: string; su: string }>(
        `select current_user as u, current_setting('is_superuser') as su`,
      );
      assert.deepEqual(r.rows[0], { u: APP_ROLE, su: 'off' });
      const bypass = await attempt(db, 'set local row_security = off');
      // With row_security off, a query that RLS would filter raises instead of bypassing.
      if (!bypass.error) {
        const r2 = await attempt(db, 'select count(*) from users');
        assert.ok(r2.error, 'row_security = off must not bypass RLS for the app role');
      }
    });
  });

  it('the app role writes only to tenant tables (and, by policy, its own city in tenants)', async (t) => {
    const r = await db.query<{ name: string; writable: boolean; readable: boolean }>(
      `select c.relname as name,
              has_table_privilege($1, c.oid, 'INSERT') or has_table_privilege($1, c.oid, 'DELETE')
                or has_any_column_privilege($1, c.oid, 'UPDATE') or has_any_column_privilege($1, c.oid, 'INSERT') as writable,
              has_table_privilege($1, c.oid, 'SELECT') as readable
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
        order by 1`,
      [APP_ROLE],
    );
    const tenantSet = new Set(tables);
    const others = r.rows.filter((x) => !tenantSet.has(x.name));
    t.diagnostic(
      `shared tables the app role reads: ${others
        .filter((x) => x.readable)
        .map((x) => x.name)
        .join(', ')}`,
    );
    assert.deepEqual(
      others.filter((x) => x.writable).map((x) => x.name),
      ['tenants'],
      'a table the app can write must have tenant_id (and be registered with balai_tenant_table)',
    );
  });

  it('every tenant table: RLS enabled and forced, tenant_id leads the primary key and every tenant foreign key', async (t) => {
    const tenantSet = new Set(tables);
    for (const table of tables) {
      await t.test(table, async () => {
        const rls = await db.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
          'select relrowsecurity, relforcerowsecurity from pg_class where oid = $1::regclass',
          [`public.${q(table)}`],
        );
        assert.equal(rls.rows[0]!.relrowsecurity, true, `${table}: row level security enabled`);
        assert.equal(rls.rows[0]!.relforcerowsecurity, true, `${table}: row level security forced`);
        assert.equal(
          info(table).pk[0],
          'tenant_id',
          `${table}: primary key (${info(table).pk.join(', ')}) starts with tenant_id`,
        );
        for (const fk of info(table).fks) {
          if (!tenantSet.has(fk.refTable)) continue;
          const i = fk.columns.indexOf('tenant_id');
          assert.ok(i >= 0, `${table}.${fk.name} -> ${fk.refTable}: the foreign key includes tenant_id`);
          assert.equal(
            fk.refColumns[i],
            'tenant_id',
            `${table}.${fk.name}: tenant_id references ${fk.refTable}.tenant_id`,
          );
        }
        const policies = await db.query<{ polname: string; qual: string | null; chk: string | null }>(
          `select polname, pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as chk
             from pg_policy where polrelid = $1::regclass`,
          [`public.${q(table)}`],
        );
        assert.ok(policies.rows.length > 0, `${table}: has policies`);
        for (const p of policies.rows) {
          for (const expr of [p.qual, p.chk]) {
            if (expr !== null) {
              assert.match(expr, /tenant_id = balai_current_tenant\(\)/, `${table}.${p.polname}: ${expr}`);
            }
          }
        }
        const priv = await db.query<{ truncate: boolean; references: boolean; trigger: boolean }>(
          `select has_table_privilege($1, $2, 'TRUNCATE') as truncate, has_table_privilege($1, $2, 'REFERENCES') as references,
                  has_table_privilege($1, $2, 'TRIGGER') as trigger`,
          [APP_ROLE, `public.${q(table)}`],
        );
        assert.deepEqual(
          priv.rows[0],
          { truncate: false, references: false, trigger: false },
          `${table}: TRUNCATE bypasses RLS`,
        );
      });
    }
  });
});

describe('tenant isolation: one way to register a tenant table', () => {
  it('every tenant table is registered by balai_tenant_table or balai_derived_table (0023)', async (t) => {
    for (const table of tables) {
      if (table === 'audit_log') continue; // the platform's append-only log: its own two policies (0001)
      await t.test(table, async () => {
        const rel = `public.${q(table)}`;
        const policies = await db.query<{ polname: string; polcmd: string; qual: string; chk: string }>(
          `select polname, polcmd, pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as chk
             from pg_policy where polrelid = $1::regclass`,
          [rel],
        );
        assert.deepEqual(
          policies.rows,
          [
            {
              polname: 'tenant_isolation',
              polcmd: '*',
              qual: '(tenant_id = balai_current_tenant())',
              chk: '(tenant_id = balai_current_tenant())',
            },
          ],
          `${table}: the one policy the registration functions create`,
        );
        const r = await db.query<{ audited: boolean; derived: boolean }>(
          `select exists (select 1 from pg_trigger g join pg_proc p on p.oid = g.tgfoid
                           where g.tgrelid = $1::regclass and g.tgname = 'audit' and p.proname = 'balai_audit') as audited,
                  coalesce(obj_description($1::regclass, 'pg_class') like 'Derived: %', false) as derived`,
          [rel],
        );
        const { audited, derived } = r.rows[0]!;
        assert.ok(
          audited !== derived,
          `${table}: either audited (balai_tenant_table) or marked derived (balai_derived_table), not ${audited ? 'both' : 'neither'}`,
        );
      });
    }
  });

  it('migrations after 0023 register tenant tables only through the two functions', () => {
    const dir = path.join(projectRoot, 'db', 'migrations');
    for (const file of readdirSync(dir).filter((f) => /^\d{4}_.*\.sql$/.test(f) && f.slice(0, 4) > '0023')) {
      const text = readFileSync(path.join(dir, file), 'utf8').replace(/--.*$/gm, '');
      assert.doesNotMatch(
        text,
        /row level security|create policy|create (or replace )?function balai_(tenant|derived)_table/i,
        `${file}: register with balai_tenant_table() or balai_derived_table() (0023) instead`,
      );
    }
  });
});

describe('tenant isolation: behaviour as the app role', () => {
  const ensured: EnsureResult[] = [];
  const skip = new Map<string, string>();

  before(async () => {
    const all = city.all.map((c) => c.id);
    for (const table of tables) {
      for (const c of [city.bandung, city.serang]) {
        const r = await ensureRow(db, table, c.id, all);
        ensured.push(r);
        if (r.how === 'impossible' && !skip.has(table))
          skip.set(table, `no ${c.slug} row could be made: ${r.detail ?? ''}`);
      }
    }
  });

  it('every tenant table has rows in both cities (present, copied or synthesised)', (t) => {
    const made = ensured.filter((r) => r.how !== 'present');
    t.diagnostic(
      `${ensured.length - made.length} present; made: ${made.map((r) => `${r.table}@${r.tenantId} ${r.how}${r.detail ? ` (${r.detail})` : ''}`).join('; ') || 'none'}`,
    );
    // A table no row can be made for (e.g. a new module's table with unusual constraints and no demo data)
    // is reported here and skipped below; add demo data for it to have it checked.
    for (const [table, why] of skip) t.diagnostic(`SKIPPED behaviour checks for ${table}: ${why}`);
    if (skip.size) t.todo(`behaviour not checked for ${[...skip.keys()].join(', ')}`);
  });

  const rowOf = async (table: string, tenantId: string): Promise<Record<string, unknown>> =>
    asOwner(
      db,
      tenantId,
      async () =>
        (
          await db.query<{ j: Record<string, unknown> }>(
            `select to_jsonb(t) as j from ${q(table)} t where tenant_id = $1 limit 1`,
            [tenantId],
          )
        ).rows[0]!.j,
      false,
    );

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    (await db.query<{ n: number }>(sql, params)).rows[0]!.n;

  for (const [viewerName, victimName] of [
    ['bandung', 'serang'],
    ['serang', 'bandung'],
  ] as const) {
    it(`${viewerName} never sees, changes, deletes or creates ${victimName}'s rows, in every tenant table`, async (t) => {
      const viewer = city[viewerName];
      const victim = city[victimName];
      for (const table of tables) {
        await t.test(table, async (st) => {
          if (skip.has(table)) return st.skip(skip.get(table));
          const T = q(table);
          const victimRow = await rowOf(table, victim.id);
          const ownRow = await rowOf(table, viewer.id);
          const hasId = info(table).columns.some((c) => c.name === 'id');
          await asApp(db, viewer.id, async () => {
            assert.ok(
              (await count(`select count(*)::int as n from ${T} where tenant_id = $1`, [viewer.id])) > 0,
              'sees its own rows',
            );
            assert.equal(
              await count(`select count(*)::int as n from ${T} where tenant_id = $1`, [victim.id]),
              0,
              'SELECT',
            );
            assert.equal(
              await count(`select count(*)::int as n from ${T} where tenant_id is distinct from $1`, [
                viewer.id,
              ]),
              0,
            );
            if (hasId) {
              assert.equal(
                await count(`select count(*)::int as n from ${T} where id::text = $1`, [
                  String(victimRow.id),
                ]),
                0,
                'by id',
              );
            }
            const upd = await attempt(db, `update ${T} set tenant_id = tenant_id where tenant_id = $1`, [
              victim.id,
            ]);
            if (upd.error) assert.equal(upd.error.code, '42501', `UPDATE: ${upd.error.message}`);
            else assert.equal(upd.result!.rowCount, 0, 'UPDATE affects no row of the other city');
            const del = await attempt(db, `delete from ${T} where tenant_id = $1`, [victim.id]);
            if (del.error) assert.equal(del.error.code, '42501', `DELETE: ${del.error.message}`);
            else assert.equal(del.result!.rowCount, 0, 'DELETE affects no row of the other city');
            const move = await attempt(db, `update ${T} set tenant_id = $1 where tenant_id = $2`, [
              victim.id,
              viewer.id,
            ]);
            assert.equal(
              move.error?.code,
              '42501',
              `moving an own row to the other city fails: ${move.error?.message ?? 'it succeeded'}`,
            );
            const columns = insertableColumns(info(table));
            const ins = await attempt(db, insertFromJson(table, columns), [
              JSON.stringify({ ...ownRow, tenant_id: victim.id }),
            ]);
            assert.equal(
              ins.error?.code,
              '42501',
              `INSERT for the other city fails: ${ins.error?.message ?? 'it succeeded'}`,
            );
            if (!/permission denied/.test(ins.error!.message))
              assert.match(ins.error!.message, /row-level security/);
          });
        });
      }
    });
  }

  it('without a city (app.tenant_id unset or empty) every tenant table is empty and closed', async (t) => {
    for (const table of tables) {
      await t.test(table, async (st) => {
        if (skip.has(table)) return st.skip(skip.get(table));
        const T = q(table);
        const someRow = await rowOf(table, city.serang.id);
        for (const setting of [null, '']) {
          await asApp(db, null, async () => {
            if (setting !== null) await db.query(`select set_config('app.tenant_id', $1, true)`, [setting]);
            assert.equal(await count(`select count(*)::int as n from ${T}`), 0, 'sees nothing');
            const upd = await attempt(db, `update ${T} set tenant_id = tenant_id`);
            if (upd.error) assert.equal(upd.error.code, '42501');
            else assert.equal(upd.result!.rowCount, 0);
            const del = await attempt(db, `delete from ${T}`);
            if (del.error) assert.equal(del.error.code, '42501');
            else assert.equal(del.result!.rowCount, 0);
            const ins = await attempt(db, insertFromJson(table, insertableColumns(info(table))), [
              JSON.stringify(someRow),
            ]);
            assert.equal(
              ins.error?.code,
              '42501',
              `INSERT without a city fails: ${ins.error?.message ?? 'it succeeded'}`,
            );
          });
        }
      });
    }
  });

  it('tenants: every city is readable, but a city changes only its own row and creates or deletes none', async () => {
    await asApp(db, city.bandung.id, async () => {
      assert.equal(await count('select count(*)::int as n from tenants'), city.all.length);
      const other = await attempt(db, 'update tenants set name = name where id = $1', [city.serang.id]);
      if (other.error) assert.equal(other.error.code, '42501');
      else assert.equal(other.result!.rowCount, 0, "cannot update the other city's profile");
      const own = await attempt(db, 'update tenants set name = name where id = $1', [city.bandung.id]);
      assert.equal(own.result?.rowCount, 1, 'updates its own profile');
      const move = await attempt(db, `update tenants set name = 'x' || name`);
      assert.equal(
        move.result?.rowCount ?? 0,
        move.error ? 0 : 1,
        'an unfiltered update touches only its own row',
      );
      const ins = await attempt(
        db,
        `insert into tenants (id, slug, name) values ('99.99', 'palsu', 'Kota Palsu')`,
      );
      assert.equal(ins.error?.code, '42501', 'cannot create a city');
      const del = await attempt(db, 'delete from tenants where id = $1', [city.serang.id]);
      assert.equal(del.error?.code, '42501', 'cannot delete a city');
      const slug = await attempt(db, `update tenants set slug = 'lain' where id = $1`, [city.bandung.id]);
      assert.equal(slug.error?.code, '42501', 'cannot change its own slug (column privilege)');
    });
  });
});
