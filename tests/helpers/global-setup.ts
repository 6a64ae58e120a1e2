/**
 * Runs once before the test files: starts PostgreSQL (embedded, or the server
 * in DATABASE_URL), and builds a template database with migrations, reference
 * data, demo data and the job schema. Each test file then copies the template
 * (CREATE DATABASE ... TEMPLATE), which takes a fraction of a second.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from '../../src/platform/db/embedded.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { startBalai } from '../../src/platform/boot.ts';
import { modules } from '../../src/modules/index.ts';
import { TEST_STATE_ENV, type TestState } from './state.ts';

let embedded: EmbeddedServer | null = null;
let tmp: string | null = null;
let state: TestState | null = null;

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function globalSetup(): Promise<void> {
  const started = Date.now();
  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-test-'));
    chmodSync(tmp, 0o755); // the embedded server runs as the postgres user when we are root
    const port = 20000 + Math.floor(Math.random() * 20000);
    embedded = await startEmbedded(path.join(tmp, 'pg'), port);
    adminUrl = embedded.connectionString('postgres');
  }
  const template = `balai_template_${process.pid}`;
  await admin(adminUrl, async (c) => {
    await c.query(`drop database if exists ${template}`);
    await c.query(`create database ${template}`);
  });
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }), demo: true, jobs: false };
  const balai = await startBalai(config, modules, {
    listen: false,
    databaseUrl: withDatabase(adminUrl, template),
  });
  await balai.stop();
  state = { adminUrl, template };
  process.env[TEST_STATE_ENV] = JSON.stringify(state);
  console.log(
    `# test database template ready in ${Date.now() - started} ms (${embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`,
  );
}

export async function globalTeardown(): Promise<void> {
  if (state) {
    const s = state;
    await admin(s.adminUrl, async (c) => {
      const dbs = await c.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${s.template.replace('template', 't')}_%`, s.template],
      );
      for (const d of dbs.rows) await c.query(`drop database if exists ${d.datname} with (force)`);
    }).catch((err: unknown) => console.error('teardown:', err));
  }
  await embedded?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
