/**
 * Accounts and roles of the city, administered by admin kota. Works through the
 * platform's account functions (auth/service.ts) and adds the administrative
 * rules: areas must exist in this city, petugas dinas get a registered module,
 * an admin cannot lock themself out, temporary passwords are shown once.
 */
import { randomInt } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { HttpProblem, badRequest, conflict, notFound } from '../../platform/http/problem.ts';
import {
  addRole,
  createUser,
  getUser,
  listUsers,
  removeRole,
  resetPassword,
  updateUser,
  type UserSummary,
} from '../../platform/auth/service.ts';
import {
  ROLE_AREA_LEVEL,
  areaLevelOf,
  rwAreaKode,
  type Role,
  type RoleGrant,
} from '../../platform/auth/roles.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { findArea } from '../wilayah/api.ts';

export interface RoleOut extends RoleGrant {
  id: string;
}

/** An account as administrators see it: the phone masked (e.g. 0812****7890), times as ISO strings. */
export interface AccountOut extends Omit<UserSummary, 'lastLoginAt' | 'createdAt' | 'roles'> {
  lastLoginAt: string | null;
  createdAt: string;
  roles: RoleOut[];
}

export function accountOut(u: UserSummary): AccountOut {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: maskPhone(u.phone),
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    demo: u.demo,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    createdAt: new Date(u.createdAt).toISOString(),
    roles: u.roles.map((r) => ({ id: r.id, role: r.role, areaKode: r.areaKode, module: r.module })),
  };
}

export interface Page<T> {
  total: number;
  page: number;
  perPage: number;
  pages: number;
  items: T[];
}

export async function listAccounts(
  trx: Tx,
  opts: { q?: string | undefined; page: number; perPage: number },
): Promise<Page<AccountOut>> {
  const q = opts.q?.trim() || undefined;
  const r = await listUsers(trx, { q, limit: opts.perPage, offset: (opts.page - 1) * opts.perPage });
  return {
    total: r.total,
    page: opts.page,
    perPage: opts.perPage,
    pages: Math.max(1, Math.ceil(r.total / opts.perPage)),
    items: r.items.map(accountOut),
  };
}

/** One account of this city; another city's id answers 404 (row-level security hides it). */
export async function getAccount(trx: Tx, userId: string): Promise<AccountOut> {
  return accountOut(await getUser(trx, userId));
}

// ---- Roles ----

export interface GrantInput {
  role: Role;
  /** City, kecamatan, kelurahan or RW code. */
  areaKode: string;
  /** RW number, combined with a kelurahan code in areaKode (the form's area picker). */
  rw?: number | undefined;
  module?: string | null | undefined;
}

const areaError = (key: string, params?: Record<string, string | number>) =>
  badRequest(key, [{ pointer: '/body/areaKode', detail: key }], params);

/**
 * Checks a role grant for this city: the area exists in the reference data,
 * belongs to the city and is at the role's level; petugas dinas name a
 * registered module and no other role does.
 */
export async function resolveGrant(
  trx: Tx,
  cityId: string,
  input: GrantInput,
  moduleNames: readonly string[],
): Promise<RoleGrant> {
  let kode = input.areaKode.trim();
  if (input.rw !== undefined) {
    if (areaLevelOf(kode) !== 'kelurahan') {
      throw badRequest('kota.area.rwNeedsKelurahan', [
        { pointer: '/body/rw', detail: 'kota.area.rwNeedsKelurahan' },
      ]);
    }
    kode = rwAreaKode(kode, input.rw);
  }
  const level = areaLevelOf(kode);
  if (!level || kode.endsWith('.000')) throw areaError('kota.area.invalid');
  if (kode !== cityId && !kode.startsWith(`${cityId}.`)) throw areaError('kota.area.otherCity');
  if (level !== ROLE_AREA_LEVEL[input.role]) {
    throw areaError('kota.area.levelMismatch', { level: ROLE_AREA_LEVEL[input.role] });
  }
  const registered = level === 'rw' ? kode.slice(0, kode.lastIndexOf('.')) : kode;
  const area = await findArea(trx, registered);
  const expected = level === 'rw' ? 'kelurahan' : level;
  if (!area || area.tingkat !== expected) throw areaError('kota.area.unknown', { kode: registered });
  const module = input.module?.trim() || null;
  if (input.role === 'petugas_dinas') {
    if (!module)
      throw badRequest('auth.roleModule', [{ pointer: '/body/module', detail: 'auth.roleModule' }]);
    if (!moduleNames.includes(module)) {
      throw badRequest(
        'kota.role.unknownModule',
        [{ pointer: '/body/module', detail: 'kota.role.unknownModule' }],
        {
          name: module,
        },
      );
    }
  } else if (module) {
    throw badRequest('auth.roleModule', [{ pointer: '/body/module', detail: 'auth.roleModule' }]);
  }
  return { role: input.role, areaKode: kode, module };
}

/** Adds a role to an account; returns the new grant. */
export async function grantRole(
  trx: Tx,
  cityId: string,
  userId: string,
  input: GrantInput,
  moduleNames: readonly string[],
): Promise<RoleOut> {
  await getUser(trx, userId); // 404 before any validation of the area: the account is the resource
  const grant = await resolveGrant(trx, cityId, input, moduleNames);
  try {
    const id = await addRole(trx, cityId, userId, grant);
    return { id, ...grant };
  } catch (err) {
    if (err instanceof HttpProblem && err.titleKey === 'auth.roleExists') {
      throw new HttpProblem(409, 'auth.roleExists', {
        errors: [{ pointer: '/body/role', detail: 'auth.roleExists' }],
      });
    }
    throw err;
  }
}

/** Removes a role. An admin cannot remove their own admin kota role (another admin must), so no one locks themself out. */
export async function revokeRole(
  trx: Tx,
  userId: string,
  roleId: string,
  actingUserId: string,
): Promise<void> {
  const user = await getUser(trx, userId);
  const grant = user.roles.find((r) => r.id === roleId);
  if (!grant) throw notFound();
  if (userId === actingUserId && grant.role === 'admin_kota') throw conflict('kota.role.ownAdmin');
  await removeRole(trx, userId, roleId);
}

// ---- Accounts ----

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A temporary password: 14 characters without look-alikes (l/1, O/0), about 80 bits. */
export function temporaryPassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
  return out;
}

export interface NewAccountInput extends GrantInput {
  name: string;
  email: string;
  phone?: string | null | undefined;
}

/**
 * Creates an account with its first role and a temporary password that must be
 * changed at first sign-in. The password is returned once and never stored in clear.
 */
export async function createAccount(
  trx: Tx,
  cityId: string,
  input: NewAccountInput,
  moduleNames: readonly string[],
): Promise<{ account: AccountOut; temporaryPassword: string }> {
  const name = input.name.trim();
  if (!name)
    throw badRequest('validation.required', [{ pointer: '/body/name', detail: 'validation.required' }]);
  const grant = await resolveGrant(trx, cityId, input, moduleNames);
  const password = temporaryPassword();
  let id: string;
  try {
    id = await createUser(trx, cityId, {
      name,
      email: input.email,
      phone: input.phone || null,
      password,
      mustChangePassword: true,
    });
  } catch (err) {
    if (err instanceof HttpProblem && err.titleKey === 'auth.emailTaken') {
      throw new HttpProblem(409, 'auth.emailTaken', {
        errors: [{ pointer: '/body/email', detail: 'auth.emailTaken' }],
      });
    }
    throw err;
  }
  await addRole(trx, cityId, id, grant);
  return { account: await getAccount(trx, id), temporaryPassword: password };
}

export interface AccountPatch {
  name?: string | undefined;
  /** A new number, or null to remove it; absent keeps it. */
  phone?: string | null | undefined;
  active?: boolean | undefined;
}

export async function updateAccount(
  trx: Tx,
  userId: string,
  patch: AccountPatch,
  actingUserId: string,
): Promise<AccountOut> {
  if (patch.name !== undefined && !patch.name.trim()) {
    throw badRequest('validation.required', [{ pointer: '/body/name', detail: 'validation.required' }]);
  }
  const nothing = patch.name === undefined && patch.phone === undefined && patch.active === undefined;
  if (nothing) return getAccount(trx, userId); // no empty audit entries
  await updateUser(
    trx,
    userId,
    { name: patch.name, phone: patch.phone === '' ? null : patch.phone, active: patch.active },
    actingUserId,
  );
  return getAccount(trx, userId);
}

/**
 * Gives the account a new temporary password (shown once), ends its sessions
 * and requires a new password at the next sign-in. Not for one's own account:
 * that is changed on the account page.
 */
export async function resetAccountPassword(trx: Tx, userId: string, actingUserId: string): Promise<string> {
  if (userId === actingUserId) throw conflict('kota.user.resetSelf');
  await getUser(trx, userId);
  return resetPassword(trx, userId);
}
