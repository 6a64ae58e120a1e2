/** The production CLI (scripts/kota.ts), run as a child process against real databases. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { projectRoot, loadConfig } from '../../platform/config.ts';
import { startBalai, type Balai } from '../../platform/boot.ts';
import { modules } from '../index.ts';
import { Client, freshDatabase, testState } from '../../../tests/helpers/app.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kota(databaseUrl: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'scripts', 'kota.ts'), ...args],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'error' },
        timeout: 60_000,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `kota tambah` with every option: the city's code, slug and name, and its first admin's email. */
function tambah(databaseUrl: string, kode: string, slug: string, nama: string, admin: string): Promise<Run> {
  return kota(databaseUrl, 'tambah', '--kode', kode, '--slug', slug, '--nama', nama, '--admin', admin);
}

const passwordIn = (out: string) => /hanya ditampilkan sekali\): (\S+)/.exec(out)?.[1];

let templateCopy: string;
let emptyDb: string;
const opened: Balai[] = [];

before(async () => {
  templateCopy = await freshDatabase();
  const s = testState();
  const name = `balai_t_cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: s.adminUrl });
  await c.connect();
  try {
    await c.query(`create database ${name}`);
  } finally {
    await c.end();
  }
  const u = new URL(s.adminUrl);
  u.pathname = `/${name}`;
  emptyDb = u.toString();
});
after(async () => {
  for (const b of opened) await b.stop();
});

async function open(url: string): Promise<Balai> {
  const config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    demo: false,
    jobs: false,
    port: 0,
    host: '127.0.0.1',
  };
  const b = await startBalai(config, modules, { listen: false, databaseUrl: url });
  opened.push(b);
  return b;
}

describe('npm run kota', () => {
  it('explains its usage and rejects unknown commands and options', async () => {
    const none = await kota(templateCopy);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /Pemakaian: npm run kota/);
    const help = await kota(templateCopy, 'bantuan');
    assert.equal(help.code, 0);
    const unknown = await kota(templateCopy, 'hapus');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Perintah tidak dikenal: hapus/);
    const option = await kota(templateCopy, 'daftar', '--semua');
    assert.equal(option.code, 2);
    const missing = await kota(templateCopy, 'tambah', '--kode', '32.73');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--slug, --nama, --admin/);
    const badEmail = await tambah(templateCopy, '32.73', 'bdg', 'Kota Bandung', 'bukan-email');
    assert.equal(badEmail.code, 2);
    assert.match(badEmail.stderr, /Email tidak valid/);
  });

  it('lists cities', async () => {
    const r = await kota(templateCopy, 'daftar');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^KODE\s+SLUG\s+NAMA/);
    assert.match(r.stdout, /32\.73\s+bandung\s+Kota Bandung/);
    assert.match(r.stdout, /36\.73\s+serang\s+Kota Serang/);
  });

  it('refuses an existing city, a taken slug and a code that is not a kota in the reference data', async () => {
    const existing = await tambah(templateCopy, '32.73', 'bandung-baru', 'Kota Bandung', 'a@bandung.go.id');
    assert.equal(existing.code, 1);
    assert.match(existing.stderr, /Kota dengan kode 32\.73 sudah ada/);
    const unknown = await tambah(templateCopy, '99.99', 'entah', 'Kota Entah', 'a@entah.go.id');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Kode 99\.99 tidak ada di data wilayah sebagai kota/);
    const province = await tambah(templateCopy, '32', 'jabar', 'Jawa Barat', 'a@jabar.go.id');
    assert.equal(province.code, 2);
  });

  it('creates a city with its first admin on an empty database; the one-time password must be changed', async () => {
    const r = await tambah(emptyDb, '32.73', 'bandung', 'Kota Bandung', 'Admin@Bandung.go.id');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Kota Kota Bandung \(32\.73\) dibuat: \/bandung/);
    const password = passwordIn(r.stdout);
    assert.ok(password, r.stdout);
    const again = await tambah(emptyDb, '36.73', 'bandung', 'Kota Serang', 'a@serang.go.id');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Slug "bandung" sudah dipakai/);
    const list = await kota(emptyDb, 'daftar');
    assert.match(list.stdout, /32\.73\s+bandung\s+Kota Bandung/);
    assert.doesNotMatch(list.stdout, /serang/);

    const extra = await kota(
      emptyDb,
      'admin',
      '--kota',
      'bandung',
      '--email',
      'wakil@bandung.go.id',
      '--nama',
      'Wakil Admin',
    );
    assert.equal(extra.code, 0, extra.stderr);
    const second = passwordIn(extra.stdout);
    const dup = await kota(emptyDb, 'admin', '--kota', 'bandung', '--email', 'wakil@bandung.go.id');
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /Email ini sudah terdaftar/);
    assert.equal((await kota(emptyDb, 'admin', '--kota', 'entah', '--email', 'x@y.id')).code, 1);

    const b = await open(emptyDb);
    const c = new Client(b.app);
    await c.login('bandung', 'admin@bandung.go.id', password);
    const me = (await c.get('/api/v1/cities/bandung/session')).json<{
      mustChangePassword: boolean;
      roles: { role: string; areaKode: string }[];
    }>();
    assert.equal(me.mustChangePassword, true);
    assert.deepEqual(
      me.roles.map((x) => [x.role, x.areaKode]),
      [['admin_kota', '32.73']],
    );
    assert.equal(
      (
        await c.post('/api/v1/cities/bandung/password', {
          currentPassword: password,
          newPassword: 'admin-bandung-2026!',
        })
      ).status,
      204,
    );
    const users = await c.get('/api/v1/cities/bandung/users');
    assert.equal(users.status, 200);
    assert.deepEqual(
      users
        .json<{ items: { email: string }[] }>()
        .items.map((u) => u.email)
        .sort(),
      ['admin@bandung.go.id', 'wakil@bandung.go.id'],
    );
    const w = new Client(b.app);
    await w.login('bandung', 'wakil@bandung.go.id', second);
    // The CLI's writes are audited as the system.
    const log = await c.get('/api/v1/cities/bandung/audit?entity=users&action=insert');
    const entries = log.json<{ items: { userRole: string; user: unknown }[] }>().items;
    assert.equal(entries.length, 2);
    assert.ok(entries.every((e) => e.userRole === 'sistem' && e.user === null));
  });
});
