/**
 * LEAKPROOF is a promise to the planner that a function reveals nothing about its arguments but
 * its result; under row-level security it lets a condition run before the policy (e.g. as an
 * index condition on another city's rows). Balai marks exactly two built-in match functions so
 * (0013_umkm_katalog.sql, ADR 0012), and only when its migrations run as a superuser. This
 * compares every leakproof function of the migrated database with a fresh database holding the
 * same extensions: the difference must be those two functions (the operators they implement:
 * tsvector @@ tsquery and text % text), or nothing where the owner is not a superuser; and no
 * function of Balai's own is leakproof.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { freshDatabase, ownerClient, testState } from './helpers/app.ts';

const MARKED = ['similarity_op(text,text)', 'ts_match_vq(tsvector,tsquery)'];
const OPERATORS = ['%(text,text)', '@@(tsvector,tsquery)', '@@@(tsvector,tsquery)'];

const leakproof = async (c: pg.Client): Promise<string[]> =>
  (
    await c.query<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p where p.proleakproof order by 1`,
    )
  ).rows.map((r) => r.f);

describe('functions marked leakproof', () => {
  let db: pg.Client;
  let base: pg.Client;
  let baseName: string;

  before(async () => {
    const url = await freshDatabase();
    db = await ownerClient(url);
    // A database as PostgreSQL makes it, with the extensions Balai's migrations installed.
    baseName = `${new URL(url).pathname.slice(1)}_base`;
    const admin = await ownerClient(testState().adminUrl);
    try {
      await admin.query(`create database ${baseName} template template0`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${baseName}`;
    base = await ownerClient(u.toString());
    const ext = await db.query<{ extname: string }>(
      `select extname from pg_extension where extname <> 'plpgsql'`,
    );
    for (const e of ext.rows) await base.query(`create extension if not exists "${e.extname}"`);
  });

  after(async () => {
    await base?.end();
    await db?.end();
    if (baseName) {
      const admin = await ownerClient(testState().adminUrl);
      await admin.query(`drop database if exists ${baseName}`).finally(() => admin.end());
    }
  });

  it('Balai marks exactly the two match functions, and only as a superuser', async (t) => {
    const mine = await leakproof(db);
    const fresh = new Set(await leakproof(base));
    const marked = mine.filter((f) => !fresh.has(f));
    assert.deepEqual(
      [...fresh].filter((f) => !mine.includes(f)),
      [],
      'nothing is un-marked',
    );
    const superuser = (
      await db.query<{ rolsuper: boolean }>('select rolsuper from pg_roles where rolname = current_user')
    ).rows[0]!.rolsuper;
    t.diagnostic(`marked by Balai: ${marked.join(', ') || 'none'} (migrations as superuser: ${superuser})`);
    if (superuser) assert.deepEqual(marked, MARKED);
    // Without a superuser the migration only warns; an administrator may have run its two statements.
    else assert.ok(marked.length === 0 || JSON.stringify(marked) === JSON.stringify(MARKED), marked.join());
    const ops = await db.query<{ op: string }>(
      `select format('%s(%s,%s)', o.oprname, format_type(o.oprleft, null), format_type(o.oprright, null)) as op
         from pg_operator o where o.oprcode::regprocedure::text = any($1) order by 1`,
      [marked],
    );
    assert.deepEqual(
      ops.rows.map((r) => r.op),
      marked.length ? OPERATORS : [],
    );
  });

  it('no function of Balai itself is leakproof', async () => {
    const own = await db.query<{ f: string }>(
      `select p.oid::regprocedure::text as f from pg_proc p
        where p.proleakproof and p.pronamespace = 'public'::regnamespace
          and not exists (select 1 from pg_depend d
                           where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
    );
    assert.deepEqual(own.rows, []);
  });
});
