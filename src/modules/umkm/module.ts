/**
 * UMKM: the registry of micro, small and medium businesses that the other UMKM programmes
 * (training, incubation, curation) build on. Where things are:
 *   kelas.ts, nib.ts, kbli.ts   pure rules: class by PP 7/2021, NIB/NPWP/NIK formats, KBLI 2020
 *   access.ts, permissions.ts   who may see and change a business (owner, officers by area)
 *   usaha-*.ts                  profile, KBLI codes, yearly figures and class, legality,
 *                               registration by the owner and verification by officers, NIK
 *   produk-*.ts, foto.ts        products and their photos (resized, served with caching)
 *   pages/                      the registry's screens (one file per screen), pages/index.ts
 *   cari*.ts, katalog-*.ts      search (Indonesian stemming, typo tolerance) and the public catalogue
 *   ekatalog*.ts                e-Katalog readiness checklist, pipeline and export
 *   dasbor*.ts, dashboard.ts    dashboards: by area, sector and class, readiness, class movement;
 *                               the city dashboard's tiles
 *   impor*.ts                   spreadsheet import with a preview, updates by NIB (columns, check,
 *                               apply, background job)
 *   pages/index-katalog.ts      the screens of the catalogue, e-Katalog, dashboard and import
 *                               (pages/katalog-*, ekatalog-*, dasbor.ts, impor-*)
 *   pengaturan*.ts              the city's UMKM settings; review of new products before they go live
 *   lokasi.ts                   where a business may be pinned (inside its city)
 */
import type { BalaiModule } from '../../platform/module.ts';
import { umkmMessages } from './messages.ts';
import { umkmPermissions, UMKM_LIHAT } from './permissions.ts';
import { usahaRoutes } from './usaha-routes.ts';
import { produkRoutes } from './produk-routes.ts';
import { umkmDemo } from './demo.ts';
import { ekatalogNav, ekatalogRoutes } from './ekatalog-routes.ts';
import { dasborNav, dasborRoutes } from './dasbor-routes.ts';
import { umkmTiles } from './dashboard.ts';
import { katalogRoutes } from './katalog-routes.ts';
import { imporNav, imporRoutes } from './impor-routes.ts';
import { IMPORT_JOB } from './impor.ts';
import { runImportJob } from './impor-job.ts';
import { pengaturanRoutes } from './pengaturan-routes.ts';
import { umkmPages } from './pages/index.ts';
import { katalogPages } from './pages/index-katalog.ts';

export const umkmModule: BalaiModule = {
  name: 'umkm',
  label: 'umkm.module',
  optional: true,
  messages: umkmMessages,
  permissions: umkmPermissions,
  nav: [
    { path: '/umkm/saya', label: 'umkm.nav.saya', access: 'user' },
    { path: '/umkm/usaha', label: 'umkm.nav.registri', access: UMKM_LIHAT },
    ...ekatalogNav,
    ...dasborNav,
    ...imporNav,
  ],
  publicLinks: [{ path: '/umkm', label: 'umkm.katalog.title', intro: 'umkm.katalog.linkIntro' }],
  routes(app, ctx) {
    usahaRoutes(app, ctx);
    produkRoutes(app);
    umkmPages(app, ctx);
    ekatalogRoutes(app);
    dasborRoutes(app);
    katalogRoutes(app);
    imporRoutes(app, ctx);
    katalogPages(app, ctx);
    pengaturanRoutes(app);
  },
  // The check of an uploaded spreadsheet, and the writes of a confirmed one; a failure is
  // recorded on the import by the handler.
  jobs: [{ name: IMPORT_JOB, handler: runImportJob, retryLimit: 1 }],
  demo: umkmDemo,
  dashboard: umkmTiles,
};
