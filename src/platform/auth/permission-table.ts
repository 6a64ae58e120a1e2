/**
 * A module's permissions declared as one table: per permission its constant's name, the last part
 * of its name and the roles that hold it. The table gives the PermissionMap the module registers and
 * the permission names its routes and services use, so a name is written once.
 */
import type { PermissionMap, Role } from './roles.ts';

/** The city's own officers: the admin kota and the module's petugas dinas. */
export const KOTA_ROLES = ['admin_kota', 'petugas_dinas'] as const satisfies readonly Role[];
/** The officers of every level down to the kelurahan. */
export const PETUGAS_ROLES = [
  ...KOTA_ROLES,
  'petugas_kecamatan',
  'petugas_kelurahan',
] as const satisfies readonly Role[];
/** Everyone acting for an area: the officers and the RW's pengurus. */
export const AREA_ROLES = [...PETUGAS_ROLES, 'pengurus_rw'] as const satisfies readonly Role[];

/** One permission: the last part of its name and the roles that hold it. */
export type PermissionRow = readonly [action: string, roles: readonly Role[]];

export interface PermissionTable<P extends string, T extends Record<string, PermissionRow>> {
  /** What the module registers (BalaiModule.permissions). */
  map: PermissionMap;
  /** Each permission's full name ("<prefix>.<action>") under its constant's name. */
  names: { [K in keyof T]: `${P}.${T[K][0]}` };
}

/** Builds the permissions `<prefix>.<action>` of a module (or of one feature of it) from a table. */
export function permissionTable<const P extends string, const T extends Record<string, PermissionRow>>(
  prefix: P,
  table: T,
): PermissionTable<P, T> {
  const map: Record<string, readonly Role[]> = {};
  const names: Record<string, string> = {};
  for (const [name, [action, roles]] of Object.entries(table)) {
    names[name] = `${prefix}.${action}`;
    map[`${prefix}.${action}`] = roles;
  }
  return { map, names: names as PermissionTable<P, T>['names'] };
}
