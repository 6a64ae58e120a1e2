/**
 * Sampah: the city's waste programme and operations. Where things are:
 *   kbs/          RW profiles, the Kawasan Bebas Sampah programme (indicators, status rules,
 *                 assessments and their verification, status history, the public KBS map)
 *   prakarsa/     Prakarsa RW funds: yearly settings, allocations, disbursements, spending
 *   operasi/      facilities (collection points, TPS, TPST/TPS3R, machines, the TPA and its quota),
 *                 vehicles, shifts and the trip log (ritase)
 *   tonase/       tonnage per day and month (timbulan, pengurangan, penanganan), yearly targets and
 *                 population, SIPSN export, the city waste dashboard and its tiles
 * Quantities recovered by bank sampah come from that module's face (bank-sampah/api.ts).
 */
import type { BalaiModule } from '../../platform/module.ts';
import { sampahMessages } from './messages.ts';
import { sampahPermissions } from './permissions.ts';
import { kbsRoutes, kbsNav } from './kbs/kbs-routes.ts';
import { kbsPages } from './kbs/pages/index.ts';
import { operasiRoutes } from './operasi/operasi-routes.ts';
import { operasiPages, operasiNav } from './operasi/pages/index.ts';
import { tonaseRoutes } from './tonase/tonase-routes.ts';
import { tonasePages, tonaseNav } from './tonase/pages/index.ts';
import { sampahTiles } from './tonase/dashboard.ts';
import { prakarsaRoutes, prakarsaNav } from './prakarsa/prakarsa-routes.ts';
import { prakarsaPages } from './prakarsa/pages/index.ts';
import { sampahDemo } from './demo.ts';

export const sampahModule: BalaiModule = {
  name: 'sampah',
  label: 'sampah.module',
  optional: true,
  messages: sampahMessages,
  permissions: sampahPermissions,
  nav: [...tonaseNav, ...kbsNav, ...prakarsaNav, ...operasiNav],
  publicLinks: [{ path: '/sampah/peta', label: 'sampah.peta.title', intro: 'sampah.peta.intro' }],
  routes(app, ctx) {
    kbsPages(app);
    kbsRoutes(app);
    operasiRoutes(app);
    operasiPages(app, ctx);
    tonaseRoutes(app);
    tonasePages(app);
    prakarsaPages(app);
    prakarsaRoutes(app);
  },
  demo: sampahDemo,
  dashboard: sampahTiles,
};
