/**
 * Tonnage accounting. Figures of the whole city (SIPSN, the waste dashboard) need the right over
 * the city; a kecamatan officer sees and records the figures of their kecamatan.
 */
import type { PermissionMap } from '../../../platform/auth/roles.ts';

export const tonasePermissions = {
  /** See tonnage, targets, the SIPSN table and the waste dashboard (within the role's area). */
  'sampah.tonase.lihat': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan'],
  /** Record and delete manual tonnage entries (city-wide, or for a kecamatan in the role's area). */
  'sampah.tonase.catat': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan'],
  /** Set the yearly generation rate and Jakstrada targets. */
  'sampah.tonase.atur': ['admin_kota', 'petugas_dinas'],
} satisfies PermissionMap;

export const TONASE_LIHAT = 'sampah.tonase.lihat';
export const TONASE_CATAT = 'sampah.tonase.catat';
export const TONASE_ATUR = 'sampah.tonase.atur';
