/**
 * Who may do what with bank sampah. The area of a role limits it further: a bank belongs to an
 * RW (or, for an institution's bank, a kelurahan; an induk to the city). Besides roles, the
 * pengurus listed on a bank (ketua, teller, bendahara) operate that bank; see access.ts.
 */
import { shareWithDinas, type PermissionMap } from '../../platform/auth/roles.ts';

export const bankSampahPermissions = {
  /** See banks, their members (phone and NIK masked), ledger and stock. */
  'bank-sampah.lihat': [
    'admin_kota',
    'petugas_dinas',
    'petugas_kecamatan',
    'petugas_kelurahan',
    'pengurus_rw',
  ],
  /** Register members and record deposits, withdrawals, sales and reversals. */
  'bank-sampah.transaksi': ['admin_kota', 'petugas_dinas', 'pengurus_rw'],
  /** Create banks, change their settings, pengurus, items and prices. */
  'bank-sampah.kelola': ['admin_kota', 'petugas_dinas', 'petugas_kecamatan', 'petugas_kelurahan'],
  /** Approve withdrawals above a bank's threshold (also the bank's ketua and bendahara). */
  'bank-sampah.setujui': ['admin_kota', 'petugas_dinas'],
  /** Monthly reports and exports. */
  'bank-sampah.laporan': [
    'admin_kota',
    'petugas_dinas',
    'petugas_kecamatan',
    'petugas_kelurahan',
    'pengurus_rw',
  ],
  /** Read a member's full NIK (each read is logged). */
  'bank-sampah.nik': ['admin_kota', 'petugas_dinas'],
  /** Verify the whole ledger of the city. */
  'bank-sampah.verifikasi': ['admin_kota', 'petugas_dinas'],
} satisfies PermissionMap;

export const LIHAT = 'bank-sampah.lihat';
export const TRANSAKSI = 'bank-sampah.transaksi';
export const KELOLA = 'bank-sampah.kelola';
export const SETUJUI = 'bank-sampah.setujui';
export const LAPORAN = 'bank-sampah.laporan';
export const NIK = 'bank-sampah.nik';
export const VERIFIKASI = 'bank-sampah.verifikasi';

/**
 * The waste programme's officers (DLH: petugas dinas of module sampah) read the reports and run the
 * ledger check: KBS indicators are computed from bank sampah. They neither see members nor operate.
 */
for (const perm of [LAPORAN, VERIFIKASI]) shareWithDinas(perm, ['sampah']);
