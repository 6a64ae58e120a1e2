/**
 * Who may do what with the Prakarsa RW funds. DLH (petugas dinas of this module) and the admin
 * kota set the yearly amounts, allocate and disburse; the RW's pengurus and the kelurahan's
 * officers report what the money bought; everyone else of the programme sees the figures of
 * their area.
 */
import { AREA_ROLES, KOTA_ROLES, permissionTable } from '../../../platform/auth/permission-table.ts';

const table = permissionTable('sampah.prakarsa', {
  /** See allocations, disbursements, spending and the totals (within the role's area). */
  PRAKARSA_LIHAT: ['lihat', AREA_ROLES],
  /** Set the yearly amounts, allocate to RWs, disburse, and reverse a disbursement. */
  PRAKARSA_KELOLA: ['kelola', KOTA_ROLES],
  /** Report (and reverse) what an RW's fund bought, for the RWs of the role's area. */
  PRAKARSA_LAPOR: ['lapor', ['petugas_kelurahan', 'pengurus_rw']],
});

export const prakarsaPermissions = table.map;
export const { PRAKARSA_LIHAT, PRAKARSA_KELOLA, PRAKARSA_LAPOR } = table.names;
