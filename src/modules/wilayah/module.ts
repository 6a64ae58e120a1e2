/**
 * Regions: official kecamatan and kelurahan, each city's RW and RT, the map. Where things are:
 *   api.ts                      the public face other modules use (regions, names, RW look-ups, areas)
 *   reference.ts, tables.ts     the national region list (reference data) and the module's tables
 *   repository.ts, service.ts   SQL on wilayah/rw/rt, and the rules (RW/RT numbers, boundaries)
 *   impor*.ts                   RW/RT import from spreadsheets (checked, then applied by a job)
 *   routes.ts, *-routes.ts      the JSON API (regions, RW/RT, imports)
 *   pages/                      one file per screen, registered by pages/index.ts
 *   dashboard.ts, demo.ts       city dashboard tiles, demo RWs
 */
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
