/**
 * Running a ledger operation for a request, the same way for the API and the pages: in the city's
 * transaction, for a bank the user may operate, under an idempotency key (a replay returns the
 * original result), retried when PostgreSQL aborts it for a deadlock or a serialization failure.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { cityTx, userOf } from '../../platform/http/context.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { bankFor, type BankRow } from './access.ts';
import { claimKey, recordRefusal, refusalProblem, type Pelaku } from './ledger.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { SYSTEM_ACTOR, withTenant, withoutTenant } from '../../platform/db/transaction.ts';

interface Done<T> {
  replay: boolean;
  hasil: Hasil;
  view: T;
}

export type OperasiNama = 'setoran' | 'penarikan' | 'penjualan' | 'pembatalan';

export interface Hasil {
  /** What the operation created: a journal entry, or a withdrawal request awaiting approval. */
  jenis: 'jurnal' | 'pengajuan';
  id: string;
}

const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

function retryable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && RETRYABLE.has((err as { code?: string }).code ?? '');
}

/**
 * Claims `kunci` and performs the operation, or — for a replay — skips it and renders the
 * original result. `isi` is everything that defines the operation (body and path ids).
 */
export async function jalankanOperasi<T>(
  req: FastifyRequest,
  bankId: string,
  operasi: OperasiNama,
  kunci: string,
  isi: unknown,
  perform: (trx: Tx, bank: BankRow, pelaku: Pelaku, id: string) => Promise<Hasil>,
  render: (trx: Tx, bank: BankRow, hasil: Hasil) => Promise<T>,
): Promise<Done<T>> {
  const user = userOf(req);
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await cityTx(req, async (trx): Promise<{ refused: HttpProblem } | Done<T>> => {
        const { bank } = await bankFor(trx, user, bankId, 'transaksi');
        const id = randomUUID();
        const claim = await claimKey(trx, bank, kunci, operasi, isi, id);
        let hasil: Hasil;
        if (claim.replay) {
          if (claim.ditolak) throw refusalProblem(claim.ditolak);
          const entry = await trx
            .selectFrom('bank_sampah_jurnal')
            .select('id')
            .where('id', '=', claim.hasilId)
            .executeTakeFirst();
          hasil = { jenis: entry ? 'jurnal' : 'pengajuan', id: claim.hasilId };
        } else {
          // The key stays claimed while the operation runs in a savepoint: a refusal (not enough
          // balance or stock, no price, …) is kept with the key, so a retry — or a first attempt
          // that arrives late — gets the same refusal instead of being applied later.
          await sql`savepoint operasi`.execute(trx);
          try {
            hasil = await perform(trx, bank, { user, locale: req.locale }, id);
          } catch (err) {
            if (!(err instanceof HttpProblem) || err.status < 400 || err.status >= 500) throw err;
            await sql`rollback to savepoint operasi`.execute(trx);
            await recordRefusal(trx, bank, kunci, err);
            return { refused: err };
          }
        }
        return { replay: claim.replay, hasil, view: await render(trx, bank, hasil) };
      });
      // The refusal is committed with the key; now answer it.
      if ('refused' in r) throw r.refused;
      return r;
    } catch (err) {
      if (attempt < ATTEMPTS && retryable(err)) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
        continue;
      }
      throw err;
    }
  }
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
