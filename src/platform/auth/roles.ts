/**
 * Roles and the one authorisation rule. A user holds role grants, each scoped to
 * an area of the city (the city code, a kecamatan, a kelurahan or an RW code)
 * and, for petugas dinas, to one module. Modules declare which roles may do what
 * in their own `permissions.ts`; this file only decides whether a grant covers
 * a permission and an area.
 */
export const ROLES = [
  'admin_kota',
  'petugas_dinas',
  'petugas_kecamatan',
  'petugas_kelurahan',
  'pengurus_rw',
  'pelaku_umkm',
  'kurator',
  'warga',
] as const;
export type Role = (typeof ROLES)[number];

export type AreaLevel = 'kota' | 'kecamatan' | 'kelurahan' | 'rw';

/** The area level a role is scoped at. */
export const ROLE_AREA_LEVEL: Record<Role, AreaLevel> = {
  admin_kota: 'kota',
  petugas_dinas: 'kota',
  petugas_kecamatan: 'kecamatan',
  petugas_kelurahan: 'kelurahan',
  pengurus_rw: 'rw',
  pelaku_umkm: 'kota',
  kurator: 'kota',
  warga: 'kota',
};

export interface RoleGrant {
  role: Role;
  areaKode: string;
  module: string | null;
}

export interface CurrentUser {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

/** "<module>.<subject>.<action>", e.g. "wilayah.rw.kelola". */
export type Permission = string;
export type PermissionMap = Record<Permission, readonly Role[]>;

const permissions = new Map<Permission, readonly Role[]>();

export function registerPermissions(module: string, map: PermissionMap): void {
  for (const [perm, roles] of Object.entries(map)) {
    if (!perm.startsWith(`${module}.`)) throw new Error(`Permission ${perm} must start with "${module}."`);
    const known = permissions.get(perm);
    // The same module registered again (a second app in one process) is fine; a clash is not.
    if (known && known.join() !== roles.join()) throw new Error(`Permission ${perm} registered twice`);
    permissions.set(perm, roles);
  }
}

export function permissionRoles(perm: Permission): readonly Role[] {
  const roles = permissions.get(perm);
  if (!roles) throw new Error(`Unknown permission ${perm}`);
  return roles;
}

export function areaLevelOf(kode: string): AreaLevel | null {
  if (/^\d{2}\.\d{2}$/.test(kode)) return 'kota';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(kode)) return 'kecamatan';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(kode)) return 'kelurahan';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}\.\d{3}$/.test(kode)) return 'rw';
  return null;
}

export function rwAreaKode(kelurahanKode: string, nomor: number): string {
  return `${kelurahanKode}.${String(nomor).padStart(3, '0')}`;
}

/** True when area `scope` contains area `kode` (itself or a descendant). */
export function covers(scope: string, kode: string): boolean {
  return kode === scope || kode.startsWith(`${scope}.`);
}

/** Permissions a petugas dinas of another module also holds (read-only ones: a module's data the other relies on). */
const sharedWithDinas = new Map<Permission, readonly string[]>();

/**
 * Lets petugas dinas granted for `modules` hold `perm` too (besides those of its own module),
 * e.g. DLH officers (module sampah) reading bank sampah reports their indicators come from.
 */
export function shareWithDinas(perm: Permission, modules: readonly string[]): void {
  sharedWithDinas.set(perm, modules);
}

function grantAllows(grant: RoleGrant, perm: Permission, roles: readonly Role[]): boolean {
  if (!roles.includes(grant.role)) return false;
  if (grant.role === 'petugas_dinas' && grant.module !== perm.split('.')[0]) {
    return grant.module !== null && (sharedWithDinas.get(perm)?.includes(grant.module) ?? false);
  }
  return true;
}

/**
 * May `user` exercise `perm`? With `areaKode`, only grants whose area covers
 * it count; without, any grant counts (then use areasFor to filter lists).
 */
export function can(user: CurrentUser | null, perm: Permission, areaKode?: string): boolean {
  if (!user) return false;
  const roles = permissionRoles(perm);
  return user.roles.some(
    (g) => grantAllows(g, perm, roles) && (areaKode === undefined || covers(g.areaKode, areaKode)),
  );
}

/** The areas in which `user` holds `perm` (the city code means everywhere). */
export function areasFor(user: CurrentUser, perm: Permission): string[] {
  const roles = permissionRoles(perm);
  const areas = user.roles.filter((g) => grantAllows(g, perm, roles)).map((g) => g.areaKode);
  return [...new Set(areas)];
}

/** The role a user acts in for the audit log: the first grant that allows the permission. */
export function actingRole(user: CurrentUser, perm?: Permission): Role | null {
  if (perm) {
    const roles = permissionRoles(perm);
    const g = user.roles.find((r) => grantAllows(r, perm, roles));
    if (g) return g.role;
  }
  return user.roles[0]?.role ?? null;
}
