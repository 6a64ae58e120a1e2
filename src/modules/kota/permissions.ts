/** Who may administer the city. */
import type { PermissionMap } from '../../platform/auth/roles.ts';

export const kotaPermissions = {
  'kota.pengaturan': ['admin_kota'],
  'kota.pengguna': ['admin_kota'],
  'kota.audit': ['admin_kota'],
} satisfies PermissionMap;

/** Route access of the settings, accounts and audit screens and API. */
export const SETTINGS_ACCESS = { access: { permission: 'kota.pengaturan' } } as const;
export const USERS_ACCESS = { access: { permission: 'kota.pengguna' } } as const;
export const AUDIT_ACCESS = { access: { permission: 'kota.audit' } } as const;
