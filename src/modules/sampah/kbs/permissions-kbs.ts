/**
 * Who may do what in the KBS programme. Assessments are prepared and submitted by the RW's
 * pengurus or the kelurahan's officers and verified by DLH (petugas dinas of this module) or
 * the admin kota; the area of a role limits it to its RWs.
 */
import type { PermissionMap } from '../../../platform/auth/roles.ts';

export const kbsPermissions = {
  /** See RW profiles, KBS statuses, indicators and assessments. */
  'sampah.kbs.lihat': [
    'admin_kota',
    'petugas_dinas',
    'petugas_kecamatan',
    'petugas_kelurahan',
    'pengurus_rw',
  ],
  /** Prepare, fill in and submit an RW's assessment; change the RW profile. */
  'sampah.kbs.ajukan': ['petugas_kelurahan', 'pengurus_rw'],
  /** Return an assessment with notes, or approve it (which sets the RW's status). */
  'sampah.kbs.verifikasi': ['admin_kota', 'petugas_dinas'],
  /** Configure the city's indicators and status levels. */
  'sampah.kbs.atur': ['admin_kota', 'petugas_dinas'],
} satisfies PermissionMap;

export const KBS_LIHAT = 'sampah.kbs.lihat';
export const KBS_AJUKAN = 'sampah.kbs.ajukan';
export const KBS_VERIFIKASI = 'sampah.kbs.verifikasi';
export const KBS_ATUR = 'sampah.kbs.atur';
