/**
 * Waste operations: facilities, fleet, shifts and the trip log. Operations are the city's (DLH):
 * officers of every level see them; DLH (petugas_dinas of module sampah) and the admin kota
 * manage facilities and fleet and record trips.
 */
import { KOTA_ROLES, PETUGAS_ROLES, permissionTable } from '../../../platform/auth/permission-table.ts';

const table = permissionTable('sampah.operasi', {
  /** See facilities, vehicles, shifts, trips and the TPA quota. */
  OPS_LIHAT: ['lihat', PETUGAS_ROLES],
  /** Create and change facilities, vehicles and shifts. */
  OPS_KELOLA: ['kelola', KOTA_ROLES],
  /** Record trips (ritase). */
  OPS_RITASE: ['ritase', KOTA_ROLES],
});

export const operasiPermissions = table.map;
export const { OPS_LIHAT, OPS_KELOLA, OPS_RITASE } = table.names;
