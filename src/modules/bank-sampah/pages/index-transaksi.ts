/**
 * The operator's pages of a bank sampah, for a phone over a slow connection: the bank's home,
 * deposits, withdrawals and their approval, sales, the journal with receipts (and their reversal),
 * a member's passbook (page and PDF) and a warga's own savings. Every form works without
 * JavaScript; public/js/bank-sampah.js adds the running total, live member search and the card
 * scanner. Writes run under a key rendered into the form, so a double submit or a retry posts once.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { bankHomePage } from './bank-home.ts';
import { bukuNasabahPage } from './buku-nasabah.ts';
import { jurnalDetailPage } from './jurnal-detail.ts';
import { jurnalListPage } from './jurnal-list.ts';
import { penarikanFormPage } from './penarikan-form.ts';
import { pengajuanDetailPage } from './pengajuan-detail.ts';
import { pengajuanListPage } from './pengajuan-list.ts';
import { penjualanFormPage } from './penjualan-form.ts';
import { setoranFormPage } from './setoran-form.ts';
import { tabunganSayaPage } from './tabungan-saya.ts';

/** Registers the operator's screens (in the order the routes were registered before). */
export function transaksiPages(app: BalaiApp, ctx: ModuleContext): void {
  tabunganSayaPage(app, ctx);
  bankHomePage(app, ctx);
  setoranFormPage(app, ctx);
  penarikanFormPage(app, ctx);
  pengajuanListPage(app, ctx);
  pengajuanDetailPage(app, ctx);
  penjualanFormPage(app, ctx);
  jurnalListPage(app, ctx);
  jurnalDetailPage(app, ctx);
  bukuNasabahPage(app, ctx);
}
