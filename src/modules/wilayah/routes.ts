/**
 * JSON API of the wilayah module, under /api/v1/cities/:city: regions (region-routes.ts), RW and
 * RT (rw-routes.ts), the import (impor-routes.ts). Routes validate, authorise and call the
 * services; the services own the rules.
 */
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { regionRoutes } from './region-routes.ts';
import { rtRoutes, rwRoutes } from './rw-routes.ts';
import { importRoutes } from './impor-routes.ts';

export function wilayahApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  regionRoutes(app);
  rwRoutes(app);
  rtRoutes(app);
  importRoutes(app, ctx);
}
