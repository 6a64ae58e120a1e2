/**
 * Accounts, sessions and the login lock-out. Every function takes a transaction
 * already scoped to the city (see db/transaction.ts), so RLS applies.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.ts';
import type { Tx } from '../db/transaction.ts';
import { HttpProblem, badRequest, conflict, notFound } from '../http/problem.ts';
import { dummyHash, hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from './passwords.ts';
import { normaliseTelepon, TELEPON_SALAH, isTeleponValid } from '../telepon.ts';
import { ROLE_AREA_LEVEL, areaLevelOf, type CurrentUser, type Role, type RoleGrant } from './roles.ts';

export const SESSION_HOURS = 12;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 15;

const sha256 = (token: string) => createHash('sha256').update(token).digest();
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

async function rolesOf(trx: Tx, userId: string): Promise<RoleGrant[]> {
  const rows = await trx
    .selectFrom('user_roles')
    .select(['role', 'area_kode', 'module'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ role: r.role as Role, areaKode: r.area_kode, module: r.module }));
}

async function currentUser(trx: Tx, userId: string): Promise<CurrentUser | null> {
  const u = await trx
    .selectFrom('users')
    .select(['id', 'tenant_id', 'email', 'name', 'must_change_password', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || !u.active) return null;
  return {
    id: u.id,
    tenantId: u.tenant_id,
    email: u.email,
    name: u.name,
    mustChangePassword: u.must_change_password,
    roles: await rolesOf(trx, u.id),
  };
}

export type LoginResult =
  { kind: 'ok'; user: CurrentUser } | { kind: 'invalid' } | { kind: 'locked'; minutes: number };

/** Minutes until the account may try again, or 0 when not locked. */
async function lockedMinutes(trx: Tx, email: string): Promise<number> {
  const since = new Date(Date.now() - LOCKOUT_MINUTES * 60_000);
  const lastSuccess = await trx
    .selectFrom('login_attempts')
    .select((eb) => eb.fn.max('at').as('at'))
    .where(sql`lower(email)`, '=', email)
    .where('success', '=', true)
    .executeTakeFirst();
  const from = lastSuccess?.at && new Date(lastSuccess.at) > since ? new Date(lastSuccess.at) : since;
  const failures = await trx
    .selectFrom('login_attempts')
    .select('at')
    .where(sql`lower(email)`, '=', email)
    .where('success', '=', false)
    .where('at', '>', from)
    .orderBy('at', 'desc')
    .limit(LOCKOUT_FAILURES)
    .execute();
  if (failures.length < LOCKOUT_FAILURES) return 0;
  const oldest = new Date(failures[failures.length - 1]!.at).getTime();
  const until = oldest + LOCKOUT_MINUTES * 60_000;
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}

/** Runs fn in a transaction of the request's city (a sign-in uses several short ones). */
export type RunInCity = <T>(fn: (trx: Tx) => Promise<T>) => Promise<T>;

/**
 * Decides atomically whether an attempt may check a password: the attempts for this email are
 * serialised by a transaction-scoped advisory lock, and an attempt that goes ahead is recorded as
 * a failure before the password is checked (a success turns it into one afterwards). So however
 * many attempts arrive at once, at most LOCKOUT_FAILURES of them check a password before the lock.
 * Returns the attempt's id, or the minutes of an existing lock.
 */
async function reserveAttempt(
  trx: Tx,
  tenantId: string,
  email: string,
  ip: string | null,
): Promise<{ attemptId: string } | { minutes: number }> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`login:${tenantId}:${email}`}, 0))`.execute(trx);
  const minutes = await lockedMinutes(trx, email);
  if (minutes > 0) return { minutes };
  const row = await trx
    .insertInto('login_attempts')
    .values({ tenant_id: tenantId, email, ip, success: false })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { attemptId: row.id };
}

/**
 * Checks an email and password. Three steps, each short: reserve the attempt (its own
 * transaction, so the lock-out counts it at once), check the password outside any transaction,
 * then — on success — mark the attempt successful and run `onSuccess` in the same transaction
 * (e.g. to open the session).
 */
export async function authenticate<T>(
  run: RunInCity,
  tenantId: string,
  emailIn: string,
  password: string,
  ip: string | null,
  onSuccess: (trx: Tx, user: CurrentUser) => Promise<T>,
): Promise<LoginResult & { result?: T }> {
  const email = normaliseEmail(emailIn);
  const reserved = await run((trx) => reserveAttempt(trx, tenantId, email, ip));
  if ('minutes' in reserved) return { kind: 'locked', minutes: reserved.minutes };
  const u = await run((trx) =>
    trx
      .selectFrom('users')
      .select(['id', 'password_hash', 'active'])
      .where(sql`lower(email)`, '=', email)
      .executeTakeFirst(),
  );
  const ok = u
    ? await verifyPassword(u.password_hash, password)
    : (await verifyPassword(await dummyHash(), password), false);
  return run(async (trx): Promise<LoginResult & { result?: T }> => {
    if (!ok || !u?.active) {
      const after = await lockedMinutes(trx, email);
      return after > 0 ? { kind: 'locked', minutes: after } : { kind: 'invalid' };
    }
    await trx
      .updateTable('login_attempts')
      .set({ success: true })
      .where('id', '=', reserved.attemptId)
      .execute();
    await trx.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', u.id).execute();
    const user = await currentUser(trx, u.id);
    if (!user) return { kind: 'invalid' };
    return { kind: 'ok', user, result: await onSuccess(trx, user) };
  });
}

export interface SessionInfo {
  user: CurrentUser;
  sessionId: string;
}

export async function createSession(
  trx: Tx,
  tenantId: string,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string }> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sessions')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      token_hash: sha256(token),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + SESSION_HOURS * 3_600_000),
    })
    .execute();
  return { token };
}

export async function loadSession(trx: Tx, token: string): Promise<SessionInfo | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const s = await trx
    .selectFrom('sessions')
    .select(['id', 'user_id', 'expires_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!s || new Date(s.expires_at) < new Date()) return null;
  const user = await currentUser(trx, s.user_id);
  return user ? { user, sessionId: s.id } : null;
}

export async function destroySession(trx: Tx, sessionId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

function checkPasswordStrength(password: string, pointer: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw badRequest('auth.passwordLength', [{ pointer, detail: 'auth.passwordLength' }], {
      min: PASSWORD_MIN,
      max: PASSWORD_MAX,
    });
  }
}

export async function changePassword(
  trx: Tx,
  user: CurrentUser,
  current: string,
  next: string,
  keepSessionId: string,
): Promise<void> {
  const row = await trx
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, current))) {
    throw badRequest('auth.currentPasswordWrong', [
      { pointer: '/body/currentPassword', detail: 'auth.currentPasswordWrong' },
    ]);
  }
  checkPasswordStrength(next, '/body/newPassword');
  if (next === current) {
    throw badRequest('auth.passwordSame', [{ pointer: '/body/newPassword', detail: 'auth.passwordSame' }]);
  }
  await trx
    .updateTable('users')
    .set({ password_hash: await hashPassword(next), must_change_password: false, updated_at: new Date() })
    .where('id', '=', user.id)
    .execute();
  // Other sessions of this account end: a changed password must lock out whoever else knew the old one.
  await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '<>', keepSessionId).execute();
}

export interface NewUser {
  email: string;
  name: string;
  phone?: string | null | undefined;
  password: string;
  mustChangePassword?: boolean;
  demo?: boolean;
}

/** A phone number as typed, in its stored form (null when empty); 400 on /body/phone when unreadable. */
function phoneOf(input: string | null | undefined): string | null {
  const phone = normaliseTelepon(input);
  if (phone !== null && !isTeleponValid(phone)) {
    throw badRequest('error.validation', [{ pointer: '/body/phone', detail: TELEPON_SALAH }]);
  }
  return phone;
}

/** The row of a new account, its password hashed; the checks every new account goes through. */
async function newUserRow(tenantId: string, input: NewUser) {
  checkPasswordStrength(input.password, '/body/password');
  return {
    tenant_id: tenantId,
    email: normaliseEmail(input.email),
    name: input.name.trim(),
    phone: phoneOf(input.phone),
    password_hash: await hashPassword(input.password),
    must_change_password: input.mustChangePassword ?? false,
    demo: input.demo ?? false,
  };
}

export async function createUser(trx: Tx, tenantId: string, input: NewUser): Promise<string> {
  const values = await newUserRow(tenantId, input);
  const exists = await trx
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', values.email)
    .executeTakeFirst();
  if (exists) throw conflict('auth.emailTaken');
  const row = await trx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A citizen registers as warga of the city. The answer is the same whether or not the email
 * already has an account (ADR 0005): a new email gets an account, a known one is left exactly as
 * it was (its password unchanged); either way the password is hashed, so the time taken does not
 * tell them apart, and the citizen then signs in.
 */
export async function registerWarga(trx: Tx, tenantId: string, input: NewUser): Promise<void> {
  const values = await newUserRow(tenantId, { ...input, mustChangePassword: false });
  const row = await trx
    .insertInto('users')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await addRole(trx, tenantId, row.id, { role: 'warga', areaKode: tenantId, module: null });
}

export async function addRole(trx: Tx, tenantId: string, userId: string, grant: RoleGrant): Promise<string> {
  const level = areaLevelOf(grant.areaKode);
  if (level !== ROLE_AREA_LEVEL[grant.role]) {
    throw badRequest('auth.roleAreaMismatch', [
      { pointer: '/body/areaKode', detail: 'auth.roleAreaMismatch' },
    ]);
  }
  if (grant.areaKode !== tenantId && !grant.areaKode.startsWith(`${tenantId}.`)) throw notFound();
  if ((grant.role === 'petugas_dinas') !== Boolean(grant.module)) {
    throw badRequest('auth.roleModule', [{ pointer: '/body/module', detail: 'auth.roleModule' }]);
  }
  const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound();
  const dup = await trx
    .selectFrom('user_roles')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', grant.role)
    .where('area_kode', '=', grant.areaKode)
    .where(sql`coalesce(module, '')`, '=', grant.module ?? '')
    .executeTakeFirst();
  if (dup) throw conflict('auth.roleExists');
  const row = await trx
    .insertInto('user_roles')
    .values({
      tenant_id: tenantId,
      user_id: userId,
      role: grant.role,
      area_kode: grant.areaKode,
      module: grant.module,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function removeRole(trx: Tx, userId: string, roleId: string): Promise<void> {
  const r = await trx
    .deleteFrom('user_roles')
    .where('id', '=', roleId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound();
}

/** An admin resets a password: a one-time temporary password, to be changed at next login. */
export async function resetPassword(trx: Tx, userId: string): Promise<string> {
  const temporary = randomBytes(9).toString('base64url');
  const r = await trx
    .updateTable('users')
    .set({ password_hash: await hashPassword(temporary), must_change_password: true, updated_at: new Date() })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound();
  await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await trx
    .deleteFrom('login_attempts')
    .where(
      sql`lower(email)`,
      '=',
      trx
        .selectFrom('users')
        .select(sql<string>`lower(email)`.as('e'))
        .where('id', '=', userId),
    )
    .execute();
  return temporary;
}

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  active: boolean;
  mustChangePassword: boolean;
  demo: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
  roles: (RoleGrant & { id: string })[];
}

const SUMMARY_COLUMNS = [
  'id',
  'email',
  'name',
  'phone',
  'active',
  'must_change_password',
  'demo',
  'last_login_at',
  'created_at',
] as const;

function toSummary(
  r: Pick<Selectable<UsersTable>, (typeof SUMMARY_COLUMNS)[number]>,
  roles: { id: string; role: string; area_kode: string; module: string | null }[],
): UserSummary {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    phone: r.phone,
    active: r.active,
    mustChangePassword: r.must_change_password,
    demo: r.demo,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    roles: roles.map((g) => ({ id: g.id, role: g.role as Role, areaKode: g.area_kode, module: g.module })),
  };
}

export async function listUsers(
  trx: Tx,
  opts: { q?: string | undefined; limit: number; offset: number },
): Promise<{ total: number; items: UserSummary[] }> {
  let query = trx.selectFrom('users');
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', like), eb('email', 'ilike', like)]));
  }
  const total = (await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await query
    .select(SUMMARY_COLUMNS)
    .orderBy('name')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  const roles = rows.length
    ? await trx
        .selectFrom('user_roles')
        .select(['id', 'user_id', 'role', 'area_kode', 'module'])
        .where(
          'user_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('created_at')
        .execute()
    : [];
  return {
    total,
    items: rows.map((r) =>
      toSummary(
        r,
        roles.filter((g) => g.user_id === r.id),
      ),
    ),
  };
}

export async function countUsers(trx: Tx, opts: { active?: boolean } = {}): Promise<number> {
  let q = trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'));
  if (opts.active !== undefined) q = q.where('active', '=', opts.active);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function getUser(trx: Tx, userId: string): Promise<UserSummary> {
  const r = await trx.selectFrom('users').select(SUMMARY_COLUMNS).where('id', '=', userId).executeTakeFirst();
  if (!r) throw notFound();
  const roles = await trx
    .selectFrom('user_roles')
    .select(['id', 'role', 'area_kode', 'module'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return toSummary(r, roles);
}

/**
 * The user as a request would see them (CurrentUser), from their summary: for background jobs
 * that act with the rights of whoever started them.
 */
export function currentUserOf(u: UserSummary, tenantId: string): CurrentUser {
  return {
    id: u.id,
    tenantId,
    email: u.email,
    name: u.name,
    mustChangePassword: u.mustChangePassword,
    roles: u.roles.map((r) => ({ role: r.role, areaKode: r.areaKode, module: r.module })),
  };
}

export async function updateUser(
  trx: Tx,
  userId: string,
  patch: { name?: string | undefined; phone?: string | null | undefined; active?: boolean | undefined },
  actingUserId: string,
): Promise<void> {
  if (patch.active === false && userId === actingUserId)
    throw new HttpProblem(409, 'auth.cannotDeactivateSelf');
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (patch.name !== undefined) set.name = patch.name.trim();
  if (patch.phone !== undefined) set.phone = phoneOf(patch.phone);
  if (patch.active !== undefined) set.active = patch.active;
  const r = await trx.updateTable('users').set(set).where('id', '=', userId).executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound();
  if (patch.active === false) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
