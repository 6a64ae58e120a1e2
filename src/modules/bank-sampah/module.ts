/**
 * Bank sampah: waste banks that turn sorted waste into savings, on a double-entry ledger
 * (ADR 0010). Banks, members, catalogue and prices (admin-*), the ledger and its operations
 * (ledger*, operasi), the operator's pages (transaksi-pages), reports, the ledger check and the
 * service the waste programme calls (laporan*, verifikasi, pemulihan).
 */
import type { BalaiModule } from '../../platform/module.ts';
import { bankSampahMessages } from './messages.ts';
import { bankSampahPermissions, LAPORAN, LIHAT, VERIFIKASI } from './permissions.ts';
import { loadBankSampahReference } from './reference.ts';
import { ledgerApiRoutes } from './ledger-routes.ts';
import { adminApiRoutes } from './admin-routes.ts';
import { adminPages } from './admin-pages.ts';
import { transaksiPages } from './transaksi-pages.ts';
import { laporanApiRoutes, laporanPages } from './laporan-routes.ts';
import { bankSampahDemo } from './demo.ts';
import { bankSampahTiles } from './laporan.ts';

export const bankSampahModule: BalaiModule = {
  name: 'bank-sampah',
  label: 'bankSampah.module',
  optional: true,
  messages: bankSampahMessages,
  permissions: bankSampahPermissions,
  nav: [
    { path: '/bank-sampah', label: 'bankSampah.nav.bank', access: LIHAT },
    { path: '/bank-sampah/saya', label: 'bankSampah.nav.saya', access: 'user' },
    { path: '/bank-sampah/laporan', label: 'bankSampah.nav.laporan', access: LAPORAN },
    { path: '/bank-sampah/verifikasi', label: 'bankSampah.nav.verifikasi', access: VERIFIKASI },
  ],
  routes(app, ctx) {
    ledgerApiRoutes(app, ctx);
    adminApiRoutes(app, ctx);
    laporanApiRoutes(app, ctx);
    adminPages(app, ctx);
    transaksiPages(app, ctx);
    laporanPages(app, ctx);
  },
  referenceData: loadBankSampahReference,
  demo: bankSampahDemo,
  dashboard: bankSampahTiles,
};
