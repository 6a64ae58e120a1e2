/**
 * A background job acts with the rights of whoever started it: it loads its work as the system,
 * then runs the city's transactions as that user in their role (or as the system once they are gone).
 */
import type { Db } from '../db/database.ts';
import { withTenant, type Tx } from '../db/transaction.ts';
import { actingRole, type CurrentUser, type Permission } from '../auth/roles.ts';
import { currentUserOf, getUser } from '../auth/service.ts';
import { HttpProblem } from '../http/problem.ts';

export interface ActingUser {
  /** The user who started the job, if still active; null otherwise. */
  user: CurrentUser | null;
  /** A transaction of the city as that user (in their role for the job's permission). */
  run<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
}

/** The user as a request would see them, or null when deleted or deactivated since. */
export async function findActiveUser(trx: Tx, userId: string, tenantId: string): Promise<CurrentUser | null> {
  try {
    const u = await getUser(trx, userId);
    return u.active ? currentUserOf(u, tenantId) : null;
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    return null;
  }
}

/**
 * Loads a job's work with `load` (null: nothing to do, e.g. a job that comes late) in a transaction
 * as the system, and gives it back with the acting user and their transaction runner.
 */
export async function startJobAs<T extends object>(
  db: Db,
  job: { tenantId: string; userId: string; permission: Permission },
  load: (trx: Tx) => Promise<T | null>,
): Promise<(T & ActingUser) | null> {
  const { tenantId, userId } = job;
  const loaded = await withTenant(db, tenantId, { userId, role: 'sistem', requestId: null }, async (trx) => {
    const data = await load(trx);
    return data && { data, user: await findActiveUser(trx, userId, tenantId) };
  });
  if (!loaded) return null;
  const { data, user } = loaded;
  const role = user ? (actingRole(user, job.permission) ?? 'sistem') : 'sistem';
  const actor = { userId, role, requestId: null };
  return { ...data, user, run: <U>(fn: (trx: Tx) => Promise<U>) => withTenant(db, tenantId, actor, fn) };
}
