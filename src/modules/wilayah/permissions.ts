/** Who may do what with regions. The area of a role limits it further (see platform/auth/roles.ts). */
import type { PermissionMap } from '../../platform/auth/roles.ts';

export const wilayahPermissions = {
  /** See RW and RT lists with their contacts (masked). */
  'wilayah.rw.lihat': [
    'admin_kota',
    'petugas_dinas',
    'petugas_kecamatan',
    'petugas_kelurahan',
    'pengurus_rw',
  ],
  /** Create, change and delete RW and RT within the officer's area. */
  'wilayah.rw.kelola': ['admin_kota', 'petugas_kecamatan', 'petugas_kelurahan'],
  /** Import RW/RT lists from a spreadsheet. */
  'wilayah.impor': ['admin_kota', 'petugas_kecamatan', 'petugas_kelurahan'],
} satisfies PermissionMap;
