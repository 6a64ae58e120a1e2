/**
 * The screens of bank sampah's administration, catalogue and reports: banks, pengurus, members,
 * items and prices, the member card, the monthly report and the ledger check.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { kartuPage } from '../kartu.ts';
import { bankListPage } from './bank-list.ts';
import { bankNewPage } from './bank-new.ts';
import { bankPengaturanPage } from './bank-pengaturan.ts';
import { pengurusListPage } from './pengurus-list.ts';
import { nasabahListPage } from './nasabah-list.ts';
import { nasabahFormPage } from './nasabah-form.ts';
import { nasabahDetailPage } from './nasabah-detail.ts';
import { jenisListPage } from './jenis-list.ts';
import { hargaListPage } from './harga-list.ts';
import { laporanBulananPage } from './laporan-bulanan.ts';
import { laporanVerifikasiPage } from './laporan-verifikasi.ts';

export function adminPages(app: BalaiApp, ctx: ModuleContext): void {
  bankListPage(app, ctx);
  bankNewPage(app, ctx);
  bankPengaturanPage(app, ctx);
  pengurusListPage(app, ctx);
  nasabahListPage(app, ctx);
  nasabahFormPage(app, ctx);
  nasabahDetailPage(app, ctx);
  kartuPage(app);
  jenisListPage(app, ctx);
  hargaListPage(app, ctx);
  laporanBulananPage(app, ctx);
  laporanVerifikasiPage(app, ctx);
}
