/**
 * The kota JSON API under /api/v1/cities/:city: settings and logo (settings-routes.ts), accounts
 * and roles (users-routes.ts), the audit log as JSON and CSV (audit-routes.ts). Routes validate,
 * authorise and call the services; every write is audited by the database trigger.
 */
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { settingsRoutes } from './settings-routes.ts';
import { userRoutes } from './users-routes.ts';
import { auditRoutes } from './audit-routes.ts';

export function kotaApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  settingsRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app);
}
