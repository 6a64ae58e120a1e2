/**
 * Bank sampah: waste banks that turn sorted waste into savings, on a double-entry ledger
 * (ADR 0010). Where things are:
 *   api.ts                      the public face other modules use (kg recovered, active banks)
 *   reference.ts, katalog*.ts   the waste catalogue, item names, prices in force and their history
 *   access.ts, permissions.ts   who may see, operate, manage a bank and approve withdrawals
 *   ledger.ts, operasi.ts       posting operations (the only writer of the ledger), idempotency
 *                               (keys kept 30 days, deleted by a daily job)
 *   ledger-read.ts              receipts, journal, passbook, balances and stock (read only)
 *   bank-, pengurus-, nasabah-, tempat-service.ts, admin-*.ts
 *                               banks, pengurus, members (NIK encrypted), where they are, price lists
 *   pages/index.ts, kartu.ts    the administration and report screens, member card
 *   transaksi-*.ts, buku-pdf.ts the operator's use cases, passbook PDF
 *   pages/index-transaksi.ts    the operator's screens on a phone
 *   laporan*.ts, verifikasi.ts  monthly reports and exports, the whole-ledger check
 *   dashboard.ts                tiles of the city dashboard
 *   pemulihan.ts                kg recovered per category, RW and day (exported through api.ts)
 */
import type { BalaiModule } from '../../platform/module.ts';
import { bankSampahMessages } from './messages.ts';
import { bankSampahPermissions, LAPORAN, LIHAT, VERIFIKASI } from './permissions.ts';
import { loadBankSampahReference } from './reference.ts';
import { ledgerApiRoutes } from './ledger-routes.ts';
import { adminApiRoutes } from './admin-routes.ts';
import { adminPages } from './pages/index.ts';
import { transaksiPages } from './pages/index-transaksi.ts';
import { laporanApiRoutes } from './laporan-routes.ts';
import { bankSampahDemo } from './demo.ts';
import { bankSampahTiles } from './dashboard.ts';
import { hapusKunciLama, KUNCI_JADWAL, KUNCI_JOB } from './operasi.ts';

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
  },
  jobs: [
    { name: KUNCI_JOB, handler: (db) => hapusKunciLama(db).then(() => undefined), schedule: KUNCI_JADWAL },
  ],
  referenceData: loadBankSampahReference,
  demo: bankSampahDemo,
  dashboard: bankSampahTiles,
};
