/**
 * City administration: the city's profile and modules, accounts and roles, the audit log.
 *   settings-*.ts, users-*.ts, audit-*.ts   service and JSON API per noun (routes.ts registers them)
 *   pages/                                  one file per screen, registered by pages/index.ts
 * Region names for role areas come from wilayah's face (wilayah/api.ts).
 */
import type { BalaiModule, DashboardTile } from '../../platform/module.ts';
import { can } from '../../platform/auth/roles.ts';
import { countUsers } from '../../platform/auth/service.ts';
import { formatNumber } from '../../platform/i18n/index.ts';
import { kotaMessages } from './messages.ts';
import { kotaPermissions } from './permissions.ts';
import { kotaApiRoutes } from './routes.ts';
import { kotaPages } from './pages/index.ts';
import { countAuditSince, wibMidnight } from './audit-service.ts';
import { todayWib } from '../../platform/waktu.ts';

export const kotaModule: BalaiModule = {
  name: 'kota',
  label: 'kota.module',
  optional: false,
  messages: kotaMessages,
  permissions: kotaPermissions,
  // One screen per permission: /kota/<name>, labelled kota.nav.<name>, open to kota.<name>.
  nav: (['pengaturan', 'pengguna', 'audit'] as const).map((name) => ({
    path: `/kota/${name}`,
    label: `kota.nav.${name}`,
    access: `kota.${name}` satisfies keyof typeof kotaPermissions,
  })),
  routes(app, ctx) {
    kotaApiRoutes(app, ctx);
    kotaPages(app, ctx);
  },
  async dashboard(trx, city, user, t) {
    const tiles: DashboardTile[] = [];
    if (can(user, 'kota.pengguna')) {
      tiles.push({
        label: t('kota.tile.activeUsers'),
        value: formatNumber(await countUsers(trx, { active: true })),
        href: `/${city.slug}/kota/pengguna`,
      });
    }
    if (can(user, 'kota.audit')) {
      const today = todayWib();
      tiles.push({
        label: t('kota.tile.auditToday'),
        value: formatNumber(await countAuditSince(trx, wibMidnight(today)!)),
        href: `/${city.slug}/kota/audit?from=${today}&to=${today}`,
      });
    }
    return tiles;
  },
};
