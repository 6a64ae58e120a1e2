/**
 * Who may do what in the KBS programme. Assessments are prepared and submitted by the RW's
 * pengurus or the kelurahan's officers and verified by DLH (petugas dinas of this module) or
 * the admin kota; the area of a role limits it to its RWs.
 */
import { AREA_ROLES, KOTA_ROLES, permissionTable } from '../../../platform/auth/permission-table.ts';

const table = permissionTable('sampah.kbs', {
  /** See RW profiles, KBS statuses, indicators and assessments. */
  KBS_LIHAT: ['lihat', AREA_ROLES],
  /** Prepare, fill in and submit an RW's assessment; change the RW profile. */
  KBS_AJUKAN: ['ajukan', ['petugas_kelurahan', 'pengurus_rw']],
  /** Return an assessment with notes, or approve it (which sets the RW's status). */
  KBS_VERIFIKASI: ['verifikasi', KOTA_ROLES],
  /** Configure the city's indicators and status levels. */
  KBS_ATUR: ['atur', KOTA_ROLES],
});

export const kbsPermissions = table.map;
export const { KBS_LIHAT, KBS_AJUKAN, KBS_VERIFIKASI, KBS_ATUR } = table.names;
