/**
 * Who may do what with the Prakarsa RW funds. DLH (petugas dinas of this module) and the admin
 * kota set the yearly amounts, allocate and disburse; the RW's pengurus and the kelurahan's
 * officers report what the money bought; everyone else of the programme sees the figures of
 * their area.
 */
import type { PermissionMap } from '../../../platform/auth/roles.ts';

export const prakarsaPermissions = {
  /** See allocations, disbursements, spending and the totals (within the role's area). */
  'sampah.prakarsa.lihat': [
    'admin_kota',
    'petugas_dinas',
    'petugas_kecamatan',
    'petugas_kelurahan',
    'pengurus_rw',
  ],
  /** Set the yearly amounts, allocate to RWs, disburse, and reverse a disbursement. */
  'sampah.prakarsa.kelola': ['admin_kota', 'petugas_dinas'],
  /** Report (and reverse) what an RW's fund bought, for the RWs of the role's area. */
  'sampah.prakarsa.lapor': ['petugas_kelurahan', 'pengurus_rw'],
} satisfies PermissionMap;

export const PRAKARSA_LIHAT = 'sampah.prakarsa.lihat';
export const PRAKARSA_KELOLA = 'sampah.prakarsa.kelola';
export const PRAKARSA_LAPOR = 'sampah.prakarsa.lapor';
