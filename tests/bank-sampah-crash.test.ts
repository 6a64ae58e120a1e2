/**
 * The bank sampah ledger across a server crash (ADR 0010): Balai runs as a child process
 * (`node src/main.ts`) on its own database; 24 seeded clients run the random mix of deposits,
 * withdrawals, sales, reversals and approvals (with replays and cut connections); the server is
 * killed with SIGKILL in the middle of it, so transactions in progress and answers on their way
 * are lost, then started again. The clients retry what they had in flight with the same
 * Idempotency-Key until they get an answer, and the same invariants as under concurrency hold:
 * every operation acknowledged after the crash was applied exactly once, nothing half-done
 * remains, balances and stock are consistent in the database and the API.
 *
 * Reproduce one run with BALAI_SEED=<seed> (the plans and the point of the kill, counted in
 * acknowledged operations, are seeded; the interleaving is not).
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { freshDatabase, ownerClient } from './helpers/app.ts';
import { openDatabase, type DbHandle } from '../src/platform/db/database.ts';
import {
  ChildServer,
  createScenario,
  Rng,
  seedsFromEnv,
  signIn,
  startLoad,
  summary,
  verifyLedger,
} from './helpers/bank-sampah.ts';

const SEEDS = seedsFromEnv([11, 12]);
const WORKERS = 24;
const OPS_PER_WORKER = Number(process.env.BALAI_OPS ?? 10);

describe('bank sampah ledger across a server crash (SIGKILL)', () => {
  let db: pg.Client;
  let app: DbHandle;
  let server: ChildServer;

  before(async () => {
    const url = await freshDatabase();
    db = await ownerClient(url);
    app = openDatabase(url, 2);
    server = new ChildServer(url);
    await server.start();
  });

  // A failed test must not leave a killed-and-restarted server behind for the next one.
  afterEach(async () => {
    if (!server.alive) await server.start();
  });

  after(async () => {
    await server?.stop();
    await app?.close();
    await db?.end();
  });

  for (const seed of SEEDS) {
    it(`keeps its invariants when the server is killed mid-run and restarted (seed ${seed})`, async (t) => {
      const rng = new Rng(seed);
      const scenario = await createScenario(db, { seed });
      const { sessions, approver, admin } = await signIn(server.target, scenario);
      const started = Date.now();
      const load = startLoad({
        scenario,
        sessions,
        approver,
        seed,
        workers: WORKERS,
        opsPerWorker: OPS_PER_WORKER,
        retryDeadlineMs: 60_000,
      });
      // Kill mid-run: after a seeded share of the operations were acknowledged (so there are
      // entries to reverse and stock to sell), or after 5 s at most on a very slow machine.
      const killAt = rng.int(
        Math.round(WORKERS * OPS_PER_WORKER * 0.15),
        Math.round(WORKERS * OPS_PER_WORKER * 0.4),
      );
      const waitUntil = Date.now() + 5_000;
      while (load.stats.acknowledged < killAt && Date.now() < waitUntil) await sleep(rng.int(5, 20));
      const inFlight = load.inFlight();
      const acknowledgedBefore = load.stats.acknowledged;
      await server.kill();
      await sleep(rng.int(50, 400));
      const restartMs = await server.start();
      const result = await load.done;
      const ms = Date.now() - started;
      result.stats.inFlightAtCrash = inFlight;
      const checked = await verifyLedger(db, admin, scenario, result, app.db);
      t.diagnostic(
        `${summary(seed, result.stats, checked.entries, ms)}; killed after ${acknowledgedBefore} acknowledgements, restarted in ${restartMs} ms`,
      );

      assert.deepEqual([...result.violations, ...checked.violations], [], `seed ${seed}`);
      // The crash hit requests in progress, and the clients had to retry.
      assert.ok(inFlight > 0, 'no request in flight when the server was killed');
      assert.ok(result.stats.networkErrors > 0, 'no client noticed the crash');
      assert.ok(result.stats.acknowledged > acknowledgedBefore, 'nothing acknowledged after the restart');
    });
  }
});
