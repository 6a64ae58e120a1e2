/**
 * Who may do what with bank sampah. The area of a role limits it further: a bank belongs to an
 * RW (or, for an institution's bank, a kelurahan; an induk to the city). Besides roles, the
 * pengurus listed on a bank (ketua, teller, bendahara) operate that bank; see access.ts.
 */
import { shareWithDinas } from '../../platform/auth/roles.ts';
import {
  AREA_ROLES,
  KOTA_ROLES,
  PETUGAS_ROLES,
  permissionTable,
} from '../../platform/auth/permission-table.ts';

const table = permissionTable('bank-sampah', {
  /** See banks, their members (phone and NIK masked), ledger and stock. */
  LIHAT: ['lihat', AREA_ROLES],
  /** Register members and record deposits, withdrawals, sales and reversals. */
  TRANSAKSI: ['transaksi', [...KOTA_ROLES, 'pengurus_rw']],
  /** Create banks, change their settings, pengurus, items and prices. */
  KELOLA: ['kelola', PETUGAS_ROLES],
  /** Approve withdrawals above a bank's threshold (also the bank's ketua and bendahara). */
  SETUJUI: ['setujui', KOTA_ROLES],
  /** Monthly reports and exports. */
  LAPORAN: ['laporan', AREA_ROLES],
  /** Read a member's full NIK (each read is logged). */
  NIK: ['nik', KOTA_ROLES],
  /** Verify the whole ledger of the city. */
  VERIFIKASI: ['verifikasi', KOTA_ROLES],
});

export const bankSampahPermissions = table.map;
export const { LIHAT, TRANSAKSI, KELOLA, SETUJUI, LAPORAN, NIK, VERIFIKASI } = table.names;

/**
 * The waste programme's officers (DLH: petugas dinas of module sampah) read the reports and run the
 * ledger check: KBS indicators are computed from bank sampah. They neither see members nor operate.
 */
for (const perm of [LAPORAN, VERIFIKASI]) shareWithDinas(perm, ['sampah']);
