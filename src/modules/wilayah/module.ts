/** Regions: official kecamatan and kelurahan, each city's RW and RT, the map. */
import type { BalaiModule } from '../../platform/module.ts';
import { loadWilayahReference } from './reference.ts';
import { wilayahMessages } from './messages.ts';
import { wilayahPermissions } from './permissions.ts';
import { wilayahApiRoutes } from './routes.ts';
import { wilayahPages } from './pages/index.ts';
import { dashboardTiles } from './dashboard.ts';
import { IMPORT_JOB, dashboardCounts } from './service.ts';
import { runImportJob } from './impor-service.ts';
import { wilayahDemo } from './demo.ts';

export const wilayahModule: BalaiModule = {
  name: 'wilayah',
  label: 'wilayah.module',
  optional: false,
  messages: wilayahMessages,
  permissions: wilayahPermissions,
  nav: [
    { path: '/wilayah', label: 'wilayah.nav.wilayah', access: 'user' },
    { path: '/wilayah/rw', label: 'wilayah.nav.rw', access: 'wilayah.rw.lihat' },
    { path: '/wilayah/impor', label: 'wilayah.nav.impor', access: 'wilayah.impor' },
  ],
  // A failed import is recorded on its row by the handler; retries only cover a crashed worker.
  jobs: [{ name: IMPORT_JOB, handler: runImportJob, retryLimit: 1 }],
  routes(app, ctx) {
    wilayahApiRoutes(app, ctx);
    wilayahPages(app, ctx);
  },
  referenceData: loadWilayahReference,
  demo: wilayahDemo,
  async dashboard(trx, city, user, t) {
    return dashboardTiles(t, city, user, await dashboardCounts(trx, city, user));
  },
};
