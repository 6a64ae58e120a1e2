/**
 * Tonnage accounting. Figures of the whole city (SIPSN, the waste dashboard) need the right over
 * the city; a kecamatan officer sees and records the figures of their kecamatan.
 */
import { KOTA_ROLES, permissionTable } from '../../../platform/auth/permission-table.ts';

const table = permissionTable('sampah.tonase', {
  /** See tonnage, targets, the SIPSN table and the waste dashboard (within the role's area). */
  TONASE_LIHAT: ['lihat', [...KOTA_ROLES, 'petugas_kecamatan']],
  /** Record and delete manual tonnage entries (city-wide, or for a kecamatan in the role's area). */
  TONASE_CATAT: ['catat', [...KOTA_ROLES, 'petugas_kecamatan']],
  /** Set the yearly generation rate and Jakstrada targets. */
  TONASE_ATUR: ['atur', KOTA_ROLES],
});

export const tonasePermissions = table.map;
export const { TONASE_LIHAT, TONASE_CATAT, TONASE_ATUR } = table.names;
