/**
 * Who may do what in the UMKM registry. An owner acts on their own business through ownership
 * (umkm_usaha.pemilik_user_id), whatever their role; these permissions are the officers'. A
 * business is in the area of its kelurahan: a role grant covering it gives the role's rights
 * there. Dinas koperasi & UMKM officers are petugas_dinas of this module.
 */
import type { PermissionMap } from '../../platform/auth/roles.ts';

export const umkmPermissions = {
  /** See the registry (unverified businesses too), with phone numbers masked. */
  'umkm.lihat': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan', 'petugas_kelurahan', 'kurator'],
  /** Verify a business, return it with notes, or reject it with a reason. */
  'umkm.verifikasi': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan'],
  /** Create and change any business and its products (officers' data entry). */
  'umkm.kelola': ['admin_kota', 'petugas_dinas'],
  /** Import businesses from a spreadsheet. */
  'umkm.impor': ['admin_kota', 'petugas_dinas'],
  /** Read an owner's full NIK (every read is audited). */
  'umkm.nik': ['admin_kota', 'petugas_dinas'],
  /** Move products through the e-Katalog pipeline and export their data. */
  'umkm.ekatalog': ['admin_kota', 'petugas_dinas'],
  /** Dashboards: businesses by area, sector and class, readiness, class movement. */
  'umkm.dasbor': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan'],
} satisfies PermissionMap;

export const UMKM_LIHAT = 'umkm.lihat';
export const UMKM_VERIFIKASI = 'umkm.verifikasi';
export const UMKM_KELOLA = 'umkm.kelola';
export const UMKM_IMPOR = 'umkm.impor';
export const UMKM_NIK = 'umkm.nik';
export const UMKM_EKATALOG = 'umkm.ekatalog';
export const UMKM_DASBOR = 'umkm.dasbor';
