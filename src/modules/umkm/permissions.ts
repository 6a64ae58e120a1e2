/**
 * Who may do what in the UMKM registry. An owner acts on their own business through ownership
 * (umkm_usaha.pemilik_user_id), whatever their role; these permissions are the officers'. A
 * business is in the area of its kelurahan: a role grant covering it gives the role's rights
 * there. Dinas koperasi & UMKM officers are petugas_dinas of this module.
 */
import { KOTA_ROLES, PETUGAS_ROLES, permissionTable } from '../../platform/auth/permission-table.ts';

const table = permissionTable('umkm', {
  /** See the registry (unverified businesses too), with phone numbers masked. */
  UMKM_LIHAT: ['lihat', [...PETUGAS_ROLES, 'kurator']],
  /** Verify a business, return it with notes, or reject it with a reason. */
  UMKM_VERIFIKASI: ['verifikasi', [...KOTA_ROLES, 'petugas_kecamatan']],
  /** Create and change any business and its products (officers' data entry). */
  UMKM_KELOLA: ['kelola', KOTA_ROLES],
  /** Import businesses from a spreadsheet. */
  UMKM_IMPOR: ['impor', KOTA_ROLES],
  /** Read an owner's full NIK (every read is audited). */
  UMKM_NIK: ['nik', KOTA_ROLES],
  /** Move products through the e-Katalog pipeline and export their data. */
  UMKM_EKATALOG: ['ekatalog', KOTA_ROLES],
  /** Dashboards: businesses by area, sector and class, readiness, class movement. */
  UMKM_DASBOR: ['dasbor', [...KOTA_ROLES, 'petugas_kecamatan']],
});

export const umkmPermissions = table.map;
export const { UMKM_LIHAT, UMKM_VERIFIKASI, UMKM_KELOLA, UMKM_IMPOR, UMKM_NIK, UMKM_EKATALOG, UMKM_DASBOR } =
  table.names;
