/**
 * Starting Balai: database (embedded or DATABASE_URL), migrations, reference
 * data, demo data (development only), background jobs, HTTP app.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/database.ts';
import { ensureDatabase, startEmbedded, type EmbeddedServer } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { createJobs, type Jobs } from './jobs/jobs.ts';
import { buildApp } from './http/app.ts';
import { seedDemo, type DemoLogin } from './demo.ts';
import type { BalaiModule } from './module.ts';

export interface Balai {
  app: FastifyInstance;
  handle: DbHandle;
  jobs: Jobs;
  demoLogins: DemoLogin[];
  stop(): Promise<void>;
}

export async function prepareDatabase(
  config: Config,
): Promise<{ url: string; embedded: EmbeddedServer | null }> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbedded(config.embeddedDataDir, config.embeddedPort);
  await ensureDatabase(embedded.connectionString('postgres'), 'balai');
  return { url: embedded.connectionString('balai'), embedded };
}

/** Migrations and reference data: everything a fresh database needs before serving. */
export async function initialiseSchema(handle: DbHandle, modules: BalaiModule[]): Promise<void> {
  await migrate(handle.pool);
  for (const m of modules) await m.referenceData?.(handle.db);
}

export async function startBalai(
  config: Config,
  modules: BalaiModule[],
  opts: { listen: boolean; databaseUrl?: string },
): Promise<Balai> {
  const db = opts.databaseUrl ? { url: opts.databaseUrl, embedded: null } : await prepareDatabase(config);
  const handle = openDatabase(db.url);
  const jobs = createJobs(handle.db, db.url, { config });
  let app: FastifyInstance | undefined;
  try {
    await initialiseSchema(handle, modules);
    const demoLogins = config.demo ? await seedDemo(handle.db, modules) : [];
    await jobs.start(
      modules.flatMap((m) => m.jobs ?? []),
      config.jobs,
    );
    app = await buildApp({ config, db: handle.db, jobs, modules });
    if (opts.listen) await app.listen({ port: config.port, host: config.host });
    else await app.ready();
    const started = app;
    return {
      app: started,
      handle,
      jobs,
      demoLogins,
      async stop() {
        await started.close();
        await jobs.stop();
        await handle.close();
        await db.embedded?.stop();
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await jobs.stop().catch(() => {});
    await handle.close().catch(() => {});
    await db.embedded?.stop().catch(() => {});
    throw err;
  }
}
