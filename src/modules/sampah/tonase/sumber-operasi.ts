/** Trips and the TPA quota for the tonnage accounting, from the operations' services. */
import { listKuotaTpa } from '../operasi/ritase-service.ts';
import { sumPenanganan } from '../operasi/penanganan-service.ts';
import { ASAL_TERHITUNG, TUJUAN_PENANGANAN } from './tonase-schemas.ts';
import type { SumberOperasi } from './tonase-service.ts';

export const sumberOperasi: SumberOperasi = {
  // Trips with the handled-tonnage rule applied by the database (see tonase-compute.ts).
  penanganan: (trx, q) =>
    sumPenanganan(trx, { ...q, tujuan: TUJUAN_PENANGANAN, kecualiAsal: ASAL_TERHITUNG }),
  kuotaTpa: (trx) => listKuotaTpa(trx),
};
