/**
 * The bank sampah module's public face: what other modules may use (enforced by `npm run lint`).
 *
 * - Waste recovered through the banks per RW and per kecamatan (for KBS and tonnage reports).
 * - Which RW have an active bank.
 */
export {
  pemulihanPerRw,
  pemulihanPerKecamatan,
  bankAktifPerRw,
  type PemulihanQuery,
  type PemulihanBaris,
  type BankAktifRw,
} from './pemulihan.ts';
