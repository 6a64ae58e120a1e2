/**
 * Measures what an operator feels: time from `npm start` to the first page
 * served on a fresh embedded database and on a second start, and the idle
 * server's memory. Prints figures; asserts nothing.
 *
 *   node scripts/measure-startup.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-measure-'));
chmodSync(tmp, 0o755);
const port = 3900 + Math.floor(Math.random() * 90);
const pgPort = 45000 + Math.floor(Math.random() * 1000);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Resident memory of the embedded PostgreSQL: the postmaster and its children. */
function postgresRssMb(postmaster: number): number {
  let total = rssMb(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      if (ppid === postmaster) total += rssMb(Number(entry));
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

async function startAndTime(label: string): Promise<{ child: ChildProcess; ms: number }> {
  const t0 = performance.now();
  const child = spawn(path.join(root, 'node_modules', '.bin', 'node'), ['src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      BALAI_PG_DIR: path.join(tmp, 'pg'),
      BALAI_PG_PORT: String(pgPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label}: server exited: ${err}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/`);
      if (res.status === 200) {
        await res.text();
        break;
      }
    } catch {
      /* not yet listening */
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, ms: Math.round(performance.now() - t0) };
}

async function stop(child: ChildProcess): Promise<void> {
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await done;
}

try {
  const first = await startAndTime('fresh database');
  console.log(
    `start -> first page, fresh database (initdb, migrations, reference and demo data): ${first.ms} ms`,
  );
  await stop(first.child);
  const second = await startAndTime('second start');
  console.log(`start -> first page, second start: ${second.ms} ms`);
  // Warm up a few pages, then let it idle.
  for (const p of ['/', '/bandung', '/bandung/masuk', '/serang', '/api/v1/cities'])
    await (await fetch(`http://127.0.0.1:${port}${p}`)).text();
  await new Promise((r) => setTimeout(r, 5000));
  const pmRoot = Number(readFileSync(path.join(tmp, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  console.log(
    `idle memory: Balai server (Node) ${rssMb(second.child.pid!)} MB RSS; embedded PostgreSQL ${postgresRssMb(pmRoot)} MB RSS (all its processes)`,
  );
  await stop(second.child);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
