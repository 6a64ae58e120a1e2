/**
 * Background jobs with pg-boss, in the same database. A job is enqueued inside
 * the business transaction (so it exists exactly when its data does) and runs
 * with the city and the requesting user set, like a request.
 */
import { CompiledQuery } from 'kysely';
import { PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Tx } from '../db/transaction.ts';

export interface JobPayload {
  tenantId: string;
  userId: string | null;
  [key: string]: unknown;
}

/** What a handler may need besides the database: the server's configuration (keys, limits). */
export interface JobEnv {
  config: Config;
}

export interface JobDefinition {
  name: string;
  handler: (db: Db, payload: JobPayload, env: JobEnv) => Promise<void>;
  retryLimit?: number;
  /** Cron expression (UTC) for a recurring job, e.g. '17 3 * * *' daily; its payload names no city. */
  schedule?: string;
}

export interface Jobs {
  /** Enqueues within `trx`: the job is committed or rolled back with it. */
  send(trx: Tx, name: string, payload: JobPayload): Promise<void>;
  start(definitions: JobDefinition[], work: boolean): Promise<void>;
  stop(): Promise<void>;
  /** Waits until no job of `name` is queued or running (tests, CLI). */
  drain(name: string, timeoutMs?: number): Promise<void>;
}

const SCHEMA = 'pgboss';

export function createJobs(db: Db, connectionString: string, env: JobEnv): Jobs {
  const boss = new PgBoss({ connectionString, schema: SCHEMA, max: 4 });
  boss.on('error', (err: Error) => console.error('[jobs]', err.message));
  let started = false;
  return {
    async send(trx, name, payload) {
      if (!started) throw new Error('Jobs are not started');
      await boss.send(name, payload, {
        db: {
          executeSql: async (text: string, values?: unknown[]) => {
            const r = await trx.executeQuery(CompiledQuery.raw(text, values ?? []));
            return { rows: r.rows as unknown[] };
          },
        },
      });
    },
    async start(definitions, work) {
      await boss.start();
      started = true;
      // The app role enqueues jobs inside request transactions.
      await db.executeQuery(
        CompiledQuery.raw(
          `grant usage on schema ${SCHEMA} to balai_app;
           grant select, insert, update on all tables in schema ${SCHEMA} to balai_app;
           grant usage on all sequences in schema ${SCHEMA} to balai_app;
           grant execute on all functions in schema ${SCHEMA} to balai_app`,
        ),
      );
      for (const def of definitions) {
        await boss.createQueue(def.name, { retryLimit: def.retryLimit ?? 2 });
        if (def.schedule) await boss.schedule(def.name, def.schedule, { tenantId: '', userId: null });
        if (!work) continue;
        await boss.work<JobPayload>(def.name, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
          for (const job of jobs) await def.handler(db, job.data, env);
        });
      }
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5_000 });
      started = false;
    },
    async drain(name, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const r = await db.executeQuery<{ n: number }>(
          CompiledQuery.raw(
            `select count(*)::int as n from ${SCHEMA}.job where name = $1 and state in ('created', 'retry', 'active')`,
            [name],
          ),
        );
        if ((r.rows[0]?.n ?? 0) === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`Jobs in ${name} did not finish within ${timeoutMs} ms`);
    },
  };
}
