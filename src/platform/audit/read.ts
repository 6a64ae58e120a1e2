/**
 * Reads of personal data (a decrypted NIK) leave an audit row like writes do (UU 27/2022): who
 * read what, of which record, for which purpose. Written in the request's transaction, so a read
 * that is served is always logged. The app role cannot insert audit rows itself: the database
 * function balai_audit_read (0021_audit_definer.sql) writes the row for the transaction's city,
 * user, role and request, after checking the table, the column and that the record exists.
 */
import { sql } from 'kysely';
import type { Tx } from '../db/transaction.ts';

export async function logRead(
  trx: Tx,
  tenantId: string,
  entity: string,
  entityId: string,
  detail: { kolom: string; tujuan?: string | null },
): Promise<void> {
  await sql`select balai_audit_read(${tenantId}, ${entity}, ${entityId}, ${detail.kolom}, ${detail.tujuan ?? null})`.execute(
    trx,
  );
}
