/**
 * Every request's database work runs in one transaction that
 *  - switches to the unprivileged role `balai_app` (neither superuser nor
 *    owner, so row-level security applies), and
 *  - sets the tenant and the acting user for this transaction only
 *    (`set_config(..., true)`), which the RLS policies and the audit trigger read.
 * Without a tenant the policies match nothing: they fail closed.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Db } from './database.ts';

export const APP_ROLE = 'balai_app';

export type Tx = Transaction<Database>;

export interface Actor {
  userId: string | null;
  /** The role the user acted in (for the audit log), e.g. "admin_kota". */
  role: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'sistem' };

async function enter(trx: Tx, tenantId: string | null, actor: Actor): Promise<void> {
  await sql`select set_config('app.tenant_id', ${tenantId ?? ''}, true),
                   set_config('app.user_id', ${actor.userId ?? ''}, true),
                   set_config('app.user_role', ${actor.role ?? ''}, true),
                   set_config('app.request_id', ${actor.requestId ?? ''}, true)`.execute(trx);
  await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
}

/** Changes who acts for the rest of the transaction (e.g. once a sign-in has identified the user). */
export async function actAs(trx: Tx, actor: Actor): Promise<void> {
  await sql`select set_config('app.user_id', ${actor.userId ?? ''}, true),
                   set_config('app.user_role', ${actor.role ?? ''}, true)`.execute(trx);
}

/** Runs fn in a transaction scoped to one city (tenant). */
export function withTenant<T>(
  db: Db,
  tenantId: string,
  actor: Actor,
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enter(trx, tenantId, actor);
    return fn(trx);
  });
}

/** Runs fn as the app role with no tenant: only reference data is visible. */
export function withoutTenant<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enter(trx, null, SYSTEM_ACTOR);
    return fn(trx);
  });
}

/**
 * Runs fn as the database owner (migrations, reference data, demo seeding,
 * creating a city). Never used to serve a request.
 */
export function asOwner<T>(db: Db, tenantId: string | null, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.tenant_id', ${tenantId ?? ''}, true),
                     set_config('app.user_role', 'sistem', true)`.execute(trx);
    return fn(trx);
  });
}
