/**
 * Runtime configuration, read once from the environment.
 * Every setting is documented in README.md ("Configuration").
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface Config {
  /** production: no demo data, secure cookies, secrets required. */
  production: boolean;
  port: number;
  host: string;
  /** External PostgreSQL; when absent an embedded server is started. */
  databaseUrl: string | undefined;
  /** Folder of the embedded PostgreSQL data (survives restarts). */
  embeddedDataDir: string;
  embeddedPort: number;
  /** Key for encrypting personal data at rest (32 bytes, base64). */
  dataKey: Buffer;
  /** Create demo cities, regions and accounts on an empty database. */
  demo: boolean;
  /** Run background job workers in this process. */
  jobs: boolean;
  logLevel: string;
}

export const projectRoot = path.resolve(import.meta.dirname, '..', '..');

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > 65535)
    throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  let dataKey: Buffer;
  if (env.BALAI_DATA_KEY) {
    dataKey = Buffer.from(env.BALAI_DATA_KEY, 'base64');
    if (dataKey.length !== 32) throw new Error('BALAI_DATA_KEY must be 32 bytes encoded as base64');
  } else if (production) {
    throw new Error(
      'BALAI_DATA_KEY is required in production (32 random bytes, base64): openssl rand -base64 32',
    );
  } else {
    // Development: a fixed, clearly non-secret key so demo data stays readable across restarts.
    dataKey = Buffer.alloc(32, 7);
  }
  if (production && !env.DATABASE_URL) {
    throw new Error('DATABASE_URL is required in production');
  }
  return {
    production,
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDataDir: path.resolve(projectRoot, env.BALAI_PG_DIR ?? '.data/postgres'),
    embeddedPort: intFrom(env.BALAI_PG_PORT, 54329, 'BALAI_PG_PORT'),
    dataKey,
    demo: !production && env.BALAI_DEMO !== '0',
    jobs: env.BALAI_JOBS !== '0',
    logLevel: env.LOG_LEVEL ?? (production ? 'info' : 'warn'),
  };
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
