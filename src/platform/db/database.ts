/**
 * The connection pool and the Kysely instance. One pool per process.
 * int8 is parsed to a JS number and refused when it would lose precision
 * (rupiah amounts are bigint in SQL and always whole numbers).
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
});
// DATE stays a 'YYYY-MM-DD' string: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  connectionString: string;
  close(): Promise<void>;
}

export function openDatabase(connectionString: string, max = 10): DbHandle {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: 'balai' });
  pool.on('error', (err) => console.error('[db] idle client error', err.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    connectionString,
    async close() {
      await db.destroy();
    },
  };
}
