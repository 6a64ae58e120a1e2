/**
 * Reads of personal data (a decrypted NIK) leave an audit row like writes do (UU 27/2022): who
 * read what, of which record, for which purpose. Written in the request's transaction, so a read
 * that is served is always logged.
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
  await trx
    .insertInto('audit_log')
    .values({
      tenant_id: tenantId,
      user_id: sql<string | null>`nullif(current_setting('app.user_id', true), '')::uuid`,
      user_role: sql<string>`coalesce(nullif(current_setting('app.user_role', true), ''), 'sistem')`,
      action: 'read',
      entity,
      entity_id: entityId,
      before: null,
      after: JSON.stringify(detail),
      request_id: sql<string | null>`nullif(current_setting('app.request_id', true), '')`,
    })
    .execute();
}
