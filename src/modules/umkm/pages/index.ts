/** The UMKM registry's screens: businesses, their products, and the city's UMKM settings. */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { usahaSayaPage } from './usaha-saya.ts';
import { usahaFormPage } from './usaha-form.ts';
import { usahaDetailPage } from './usaha-detail.ts';
import { usahaActions } from './usaha-actions.ts';
import { usahaListPage } from './usaha-list.ts';
import { produkListPage } from './produk-list.ts';
import { produkFormPage } from './produk-form.ts';
import { produkDetailPage } from './produk-detail.ts';
import { produkFotoPage } from './produk-foto.ts';
import { pengaturanPage } from './pengaturan.ts';

export function umkmPages(app: BalaiApp, ctx: ModuleContext): void {
  usahaSayaPage(app);
  usahaFormPage(app, ctx);
  usahaDetailPage(app, ctx);
  usahaActions(app, ctx);
  usahaListPage(app);
  produkListPage(app);
  produkFormPage(app);
  produkDetailPage(app);
  produkFotoPage(app);
  pengaturanPage(app);
}
