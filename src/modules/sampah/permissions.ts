/**
 * Who may do what in the waste programme. DLH (Dinas Lingkungan Hidup) officers are petugas_dinas
 * scoped to this module; kecamatan and kelurahan officers and pengurus RW act within their area.
 */
import type { PermissionMap } from '../../platform/auth/roles.ts';
import { kbsPermissions } from './kbs/permissions-kbs.ts';
import { operasiPermissions } from './operasi/permissions-operasi.ts';
import { prakarsaPermissions } from './prakarsa/permissions-prakarsa.ts';
import { tonasePermissions } from './tonase/permissions-tonase.ts';

export const sampahPermissions = {
  ...kbsPermissions,
  ...operasiPermissions,
  ...tonasePermissions,
  ...prakarsaPermissions,
} satisfies PermissionMap;
