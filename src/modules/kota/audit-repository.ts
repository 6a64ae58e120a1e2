/**
 * Read-only queries on the platform's `audit_log` (the app role may only SELECT
 * and INSERT it; rows are written by the audit trigger). Row-level security
 * limits every query to the transaction's city.
 */
import type { Tx } from '../../platform/db/transaction.ts';

export type AuditAction = 'insert' | 'update' | 'delete' | 'read';

export interface AuditFilter {
  entity?: string | undefined;
  action?: AuditAction | undefined;
  userId?: string | undefined;
  /** Inclusive lower bound. */
  from?: Date | undefined;
  /** Exclusive upper bound. */
  until?: Date | undefined;
  entityId?: string | undefined;
}

export interface AuditRow {
  id: number;
  at: Date;
  userId: string | null;
  userRole: string;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

function filtered(trx: Tx, f: AuditFilter) {
  let q = trx.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.until) q = q.where('at', '<', f.until);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  return q;
}

export async function countAudit(trx: Tx, f: AuditFilter): Promise<number> {
  const r = await filtered(trx, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Entries matching the filter, newest first. */
export async function findAudit(
  trx: Tx,
  f: AuditFilter,
  page: { limit: number; offset: number },
): Promise<AuditRow[]> {
  const rows = await filtered(trx, f)
    .select([
      'id',
      'at',
      'user_id',
      'user_role',
      'action',
      'entity',
      'entity_id',
      'before',
      'after',
      'request_id',
    ])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userRole: r.user_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: (r.before as Record<string, unknown> | null) ?? null,
    after: (r.after as Record<string, unknown> | null) ?? null,
    requestId: r.request_id,
  }));
}

/** The tables that appear in the city's log, for the entity filter. */
export async function auditEntities(trx: Tx): Promise<string[]> {
  const rows = await trx.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
  return rows.map((r) => r.entity);
}
