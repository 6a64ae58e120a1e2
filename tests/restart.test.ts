/**
 * Starting again after the app was killed (`kill -9`, a crash, the OOM killer): Balai runs as a
 * child process (`node src/main.ts`) on its own embedded PostgreSQL in a temporary folder, citizens
 * register over HTTP, and the app is killed with SIGKILL while registrations are in flight. Its
 * PostgreSQL keeps running on the data folder and the port; the next start must stop that server
 * and come up, with every registration that was acknowledged present. A postmaster.pid whose
 * process is gone (the server killed too) or names another program (a reused process id after a
 * reboot) must not stop a start either.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ChildServer, freePort, Session } from './helpers/bank-sampah.ts';
import { clearLeftover, startEmbedded } from '../src/platform/db/embedded.ts';

const PASSWORD = 'Sandi-Restart-2026';
/** Emails whose registration was answered 2xx before the kill. */
const acknowledged: string[] = [];

/** The process id in a data folder's postmaster.pid, or null. */
function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes a process started (a postmaster's server processes), from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^[0-9]+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A process id that no longer runs: a child that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await once(p, 'exit');
  return p.pid!;
}

/** How many of the acknowledged registrations the database holds. */
async function registered(url: string): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const r = await db.query<{ n: number }>('select count(*)::int as n from users where email = any($1)', [
      acknowledged,
    ]);
    return r.rows[0]!.n;
  } finally {
    await db.end();
  }
}

describe('start after the app was killed (embedded PostgreSQL left running)', () => {
  let tmp: string;
  let dataDir: string;
  let pgPort: number;
  let server: ChildServer;

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-restart-'));
    chmodSync(tmp, 0o755); // the embedded server runs as the postgres user when we are root
    dataDir = path.join(tmp, 'pg');
    pgPort = await freePort();
    server = new ChildServer('', {
      env: { BALAI_PG_DIR: dataDir, BALAI_PG_PORT: String(pgPort), BALAI_DEMO: '1' },
      readyMs: 120_000,
    });
  });

  after(async () => {
    await server?.stop();
    // A failed run may leave the killed app's server behind: stop it, then remove the folder.
    const pid = dataDir ? postmasterPid(dataDir) : null;
    if (pid && alive(pid)) {
      process.kill(pid, 'SIGINT');
      for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('kill -9 during writes, start again: the server comes up and every acknowledged write is there', async (t) => {
    const first = await server.start();
    const pgPid = postmasterPid(dataDir);
    assert.ok(pgPid, 'the embedded server wrote postmaster.pid');

    // Registrations from 4 clients until 12 are acknowledged, then SIGKILL with requests in flight.
    let sent = 0;
    let stop = false;
    const client = async (n: number) => {
      const s = new Session(server.target);
      await s.request('GET', '/api/v1/csrf');
      while (!stop) {
        const email = `warga.restart.${n}.${sent++}@contoh.id`;
        const body = { name: `Warga Restart ${n}`, email, password: PASSWORD };
        const r = await s.request('POST', '/api/v1/cities/bandung/register', body).catch(() => null);
        if (!r) return; // the server is gone: no answer, so not acknowledged
        assert.ok(r.status === 201 || r.status === 202, `${r.status} ${r.text}`);
        acknowledged.push(email);
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(client));
    const until = Date.now() + 20_000;
    while (acknowledged.length < 12 && Date.now() < until) await sleep(20);
    await server.kill();
    stop = true;
    await load;
    assert.ok(acknowledged.length >= 12, `${acknowledged.length} registrations acknowledged before the kill`);
    assert.ok(alive(pgPid), 'the embedded PostgreSQL outlived the killed app');

    const again = await server.start();
    t.diagnostic(
      `first start ${first} ms, ${sent} registrations sent, ${acknowledged.length} acknowledged, restart ${again} ms`,
    );
    assert.match(server.log(), /stopping the embedded PostgreSQL left running/);
    assert.doesNotMatch(server.log(), /TypeError/);
    assert.ok(!alive(pgPid), 'the leftover server was stopped');
    assert.equal(
      await registered(`postgres://postgres:balai-embedded@127.0.0.1:${pgPort}/balai`),
      acknowledged.length,
      'every acknowledged registration is in the database',
    );
    const s = new Session(server.target);
    await s.request('GET', '/api/v1/csrf');
    const signIn = await s.request('POST', '/api/v1/cities/bandung/session', {
      email: acknowledged.at(-1),
      password: PASSWORD,
    });
    assert.equal(signIn.status, 200, signIn.text);
    // While a Balai process runs the server, another start refuses and leaves it alone.
    await assert.rejects(clearLeftover(dataDir), /belongs to a running Balai process/);
    assert.ok(alive(postmasterPid(dataDir)!));
  });

  it('a postmaster.pid whose process is gone, or names another program, does not stop a start', async () => {
    // The app and its server both killed (e.g. by the OOM killer): the lock file stays behind.
    const pgPid = postmasterPid(dataDir)!;
    const pids = [pgPid, ...childrenOf(pgPid)];
    await server.kill();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone (a backend of the killed app's connections)
      }
    }
    for (let i = 0; i < 100 && pids.some(alive); i++) await sleep(100);
    const file = path.join(dataDir, 'postmaster.pid');
    assert.ok(existsSync(file), 'the lock file was left behind');
    // ... and its process id now names another program, as after a reboot.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const lines = readFileSync(file, 'utf8').split('\n');
      writeFileSync(file, [String(other.pid), ...lines.slice(1)].join('\n'));
      const reused = await startEmbedded(dataDir, pgPort);
      try {
        assert.equal(await registered(reused.connectionString('balai')), acknowledged.length);
      } finally {
        await reused.stop();
      }
    } finally {
      other.kill('SIGKILL');
    }
    // A lock file naming a process that no longer runs.
    writeFileSync(file, `${await deadPid()}\n${dataDir}\n0\n${pgPort}\n`, { mode: 0o644 });
    const gone = await startEmbedded(dataDir, pgPort);
    await gone.stop();
    assert.equal(existsSync(file), false, 'the server stopped cleanly and removed its lock file');
  });
});
