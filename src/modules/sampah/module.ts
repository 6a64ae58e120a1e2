/**
 * Sampah: the city's waste programme and operations. Where things are:
 *   kbs-*.ts      RW profiles, the Kawasan Bebas Sampah programme (indicators, status rules,
 *                 assessments and their verification, status history), Prakarsa RW funds
 *   operasi-*.ts  facilities (collection points, TPS, TPST/TPS3R, machines, the TPA and its quota),
 *                 vehicles, shifts and the trip log (ritase)
 *   tonase-*.ts   tonnage per day and month (timbulan, pengurangan, penanganan), yearly targets,
 *                 SIPSN export, the city waste dashboard
 * Quantities recovered by bank sampah come from that module's service (bank-sampah/pemulihan.ts).
 */
import type { BalaiModule } from '../../platform/module.ts';
import { sampahMessages } from './messages.ts';
import { sampahPermissions } from './permissions.ts';
import { kbsRoutes, kbsNav } from './kbs/kbs-routes.ts';
import { operasiRoutes, operasiNav } from './operasi-routes.ts';
import { tonaseRoutes, tonaseNav, sampahTiles } from './tonase-routes.ts';
import { prakarsaRoutes, prakarsaNav } from './prakarsa/prakarsa-routes.ts';
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
    kbsRoutes(app, ctx);
    operasiRoutes(app, ctx);
    tonaseRoutes(app, ctx);
    prakarsaRoutes(app, ctx);
  },
  demo: sampahDemo,
  dashboard: sampahTiles,
};
