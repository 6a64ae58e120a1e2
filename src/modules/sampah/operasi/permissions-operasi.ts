/**
 * Waste operations: facilities, fleet, shifts and the trip log. Operations are the city's (DLH):
 * officers of every level see them; DLH (petugas_dinas of module sampah) and the admin kota
 * manage facilities and fleet and record trips.
 */
import type { PermissionMap } from '../../../platform/auth/roles.ts';

export const operasiPermissions = {
  /** See facilities, vehicles, shifts, trips and the TPA quota. */
  'sampah.operasi.lihat': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan', 'petugas_kelurahan'],
  /** Create and change facilities, vehicles and shifts. */
  'sampah.operasi.kelola': ['admin_kota', 'petugas_dinas'],
  /** Record trips (ritase). */
  'sampah.operasi.ritase': ['admin_kota', 'petugas_dinas'],
} satisfies PermissionMap;

export const OPS_LIHAT = 'sampah.operasi.lihat';
export const OPS_KELOLA = 'sampah.operasi.kelola';
export const OPS_RITASE = 'sampah.operasi.ritase';
