/**
 * Running a ledger operation for a request, the same way for the API and the pages: in the
 * request's one city transaction, for a bank the user may operate, under an idempotency key (a
 * replay returns the original result), retried when PostgreSQL aborts it for a deadlock or a
 * serialization failure. Plus the daily job that deletes expired keys.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem, conflict } from '../../platform/http/problem.ts';
import type { Db } from '../../platform/db/database.ts';
import { SYSTEM_ACTOR, withTenant, withoutTenant, type Tx } from '../../platform/db/transaction.ts';
import { bankFor, type BankRow } from './access.ts';
import { claimKey, recordRefusal, refusalProblem, type Pelaku } from './ledger.ts';

export type OperasiNama = 'setoran' | 'penarikan' | 'penjualan' | 'pembatalan';

export interface Hasil {
  /** What the operation created: a journal entry, or a request awaiting approval. */
  jenis: 'jurnal' | 'pengajuan';
  id: string;
}

/**
 * How an operation under a key ended: done (now, or before: a replay), refused (now, or before:
 * the refusal is kept with the key), or not run because the key was used with other content
 * (`prior` is what that first use made).
 */
export type Akhir =
  | { jenis: 'selesai'; replay: boolean; hasil: Hasil }
  | { jenis: 'ditolak'; problem: HttpProblem }
  | { jenis: 'berbeda'; prior: Hasil };

export type Perform = (trx: Tx, bank: BankRow, pelaku: Pelaku, id: string) => Promise<Hasil>;

const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

function retryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has((err as { code?: string }).code ?? '');
}

/** Runs `fn` (a whole transaction) again when PostgreSQL aborts it for a deadlock or a serialization failure. */
export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt < ATTEMPTS && retryable(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
}

/** What the result an idempotency key points at is: a journal entry or a request. */
async function hasilOf(trx: Tx, bank: BankRow, id: string): Promise<Hasil> {
  const entry = await trx
    .selectFrom('bank_sampah_jurnal')
    .select('id')
    .where('bank_id', '=', bank.id)
    .where('id', '=', id)
    .executeTakeFirst();
  return { jenis: entry ? 'jurnal' : 'pengajuan', id };
}

/**
 * Claims `kunci` and performs the operation in the caller's transaction, or — for a replay —
 * skips it. `isi` is everything that defines the operation (body and path ids). The key stays
 * claimed while the operation runs in a savepoint: a refusal (not enough balance or stock, no
 * price, …) is kept with the key, so a retry — or a first attempt that arrives late — gets the
 * same refusal instead of being applied later.
 */
export async function runOperasiTx(
  trx: Tx,
  bank: BankRow,
  pelaku: Pelaku,
  o: { operasi: OperasiNama; kunci: string; isi: unknown; perform: Perform },
): Promise<Akhir> {
  const id = randomUUID();
  const claim = await claimKey(trx, bank, o.kunci, o.operasi, o.isi, id);
  if (claim.jenis === 'berbeda') return { jenis: 'berbeda', prior: await hasilOf(trx, bank, claim.hasilId) };
  if (claim.jenis === 'replay') {
    if (claim.ditolak) return { jenis: 'ditolak', problem: refusalProblem(claim.ditolak) };
    return { jenis: 'selesai', replay: true, hasil: await hasilOf(trx, bank, claim.hasilId) };
  }
  await sql`savepoint operasi`.execute(trx);
  try {
    return { jenis: 'selesai', replay: false, hasil: await o.perform(trx, bank, pelaku, id) };
  } catch (err) {
    if (!(err instanceof HttpProblem) || err.status < 400 || err.status >= 500) throw err;
    await sql`rollback to savepoint operasi`.execute(trx);
    await recordRefusal(trx, bank, o.kunci, err);
    return { jenis: 'ditolak', problem: err };
  }
}

/**
 * Runs an operation for an API request in one city transaction, for a bank the user may
 * operate, and renders what it made in that transaction. A refusal is committed with the key,
 * then thrown; a key used with other content is a 409.
 */
export async function runOperasi<T>(
  req: FastifyRequest,
  bankId: string,
  operasi: OperasiNama,
  kunci: string,
  isi: unknown,
  perform: Perform,
  render: (trx: Tx, bank: BankRow, hasil: Hasil) => Promise<T>,
): Promise<{ replay: boolean; hasil: Hasil; view: T }> {
  const user = userOf(req);
  const r = await withRetry(() =>
    cityTx(req, async (trx) => {
      const { bank } = await bankFor(trx, user, bankId, 'transaksi');
      const akhir = await runOperasiTx(
        trx,
        bank,
        { user, locale: req.locale },
        { operasi, kunci, isi, perform },
      );
      return akhir.jenis === 'selesai' ? { ...akhir, view: await render(trx, bank, akhir.hasil) } : akhir;
    }),
  );
  if (r.jenis === 'ditolak') throw r.problem;
  if (r.jenis === 'berbeda') throw conflict('bankSampah.idempotensi.berbeda');
  return r;
}

// ---- Keys expire ----

/** The daily job that deletes expired idempotency keys. */
export const KUNCI_JOB = 'bank-sampah.idempotensi';
/** Daily at 19:17 UTC, 02:17 WIB: at night in Indonesia, when no bank is open. */
export const KUNCI_JADWAL = '17 19 * * *';
/**
 * Idempotency keys are kept this many days. A client retries within minutes; a "retry" after the
 * key was deleted is a new operation (a second deposit or withdrawal), so clients must not
 * resend a request older than this.
 */
export const KUNCI_HARI = 30;

/** Deletes every city's keys older than KUNCI_HARI days; returns how many. */
export async function hapusKunciLama(db: Db): Promise<number> {
  const cities = await withoutTenant(db, (trx) => trx.selectFrom('tenants').select('id').execute());
  let n = 0;
  for (const { id } of cities) {
    const r = await withTenant(db, id, SYSTEM_ACTOR, (trx) =>
      sql<{ n: string }>`select bank_sampah_idempotensi_hapus_lama(${KUNCI_HARI}) as n`.execute(trx),
    );
    n += Number(r.rows[0]?.n ?? 0);
  }
  return n;
}
