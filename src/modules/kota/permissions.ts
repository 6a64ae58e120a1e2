/** Who may administer the city. */
import type { PermissionMap } from '../../platform/auth/roles.ts';

export const kotaPermissions = {
  'kota.pengaturan': ['admin_kota'],
  'kota.pengguna': ['admin_kota'],
  'kota.audit': ['admin_kota'],
} satisfies PermissionMap;
