/**
 * Idempotency keys of ledger operations: a key is claimed with a digest of the operation's
 * content; a replay finds the original result (or its refusal), other content is refused.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { HttpProblem, badRequest } from '../../platform/http/problem.ts';
import type { BankRow } from './access.ts';
import type { Penolakan } from './tables.ts';

// ---- Idempotency ----

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/** A key claimed: new, used before with the same content (a replay), or with other content. */
export type Klaim =
  | { jenis: 'baru' }
  | { jenis: 'replay'; hasilId: string; ditolak: Penolakan | null }
  | { jenis: 'berbeda'; hasilId: string };

/**
 * Claims an idempotency key for an operation whose result will be `hasilId`. Returns the id of
 * the original result when the key was used before with the same content, or with other content
 * (which the caller refuses). Concurrent claims of one key wait for each other (unique key).
 */
export async function claimKey(
  trx: Tx,
  bank: BankRow,
  kunci: string,
  operasi: string,
  isi: unknown,
  hasilId: string,
): Promise<Klaim> {
  if (!IDEMPOTENCY_KEY_RE.test(kunci)) throw badRequest('bankSampah.idempotensi.format');
  const sha = createHash('sha256')
    .update(`${operasi}\n${canonical(isi)}`)
    .digest('hex');
  const inserted = await trx
    .insertInto('bank_sampah_idempotensi')
    .values({
      tenant_id: bank.tenant_id,
      bank_id: bank.id,
      kunci,
      isi_sha256: sha,
      operasi,
      hasil_id: hasilId,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'bank_id', 'kunci']).doNothing())
    .returning('kunci')
    .executeTakeFirst();
  if (inserted) return { jenis: 'baru' };
  const prior = await trx
    .selectFrom('bank_sampah_idempotensi')
    .select(['isi_sha256', 'operasi', 'hasil_id', 'ditolak'])
    .where('bank_id', '=', bank.id)
    .where('kunci', '=', kunci)
    .executeTakeFirstOrThrow();
  if (prior.isi_sha256 !== sha || prior.operasi !== operasi)
    return { jenis: 'berbeda', hasilId: prior.hasil_id };
  return { jenis: 'replay', hasilId: prior.hasil_id, ditolak: prior.ditolak };
}

/** Keeps the refusal of an operation with its key (the key was claimed in this transaction). */
export async function recordRefusal(trx: Tx, bank: BankRow, kunci: string, p: HttpProblem): Promise<void> {
  const penolakan: Penolakan = {
    status: p.status,
    titleKey: p.titleKey,
    ...(p.params ? { params: p.params } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
  await trx
    .updateTable('bank_sampah_idempotensi')
    .set({ ditolak: JSON.stringify(penolakan) })
    .where('bank_id', '=', bank.id)
    .where('kunci', '=', kunci)
    .execute();
}

/** The problem a refused operation answered, for its replay. */
export function refusalProblem(p: Penolakan): HttpProblem {
  return new HttpProblem(p.status, p.titleKey, {
    ...(p.params ? { params: p.params } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  });
}
