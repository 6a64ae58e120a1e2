/**
 * What the operations' services share: who may do what (operations are the city's), the field
 * error check, and small readers.
 */
import { can, type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import { OPS_LIHAT } from './permissions-operasi.ts';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Operations are the city's: seeing them needs the permission in any area (a kecamatan or kelurahan
 * officer sees the whole fleet), changing them needs it for the whole city.
 */
export function authorise(user: CurrentUser, perm: Permission): void {
  if (!can(user, perm, perm === OPS_LIHAT ? undefined : user.tenantId)) throw forbidden();
}

/** Throws a 400 with the field errors, if any. */
export function checkErrors(errors: FieldError[], key = 'sampah.operasi.error.invalid'): void {
  if (errors.length) throw badRequest(key, errors);
}

/** A numeric column (exact decimal text) as a number. */
export function num(v: string | number | null): number | null {
  return v === null ? null : Number(v);
}
