/** City administration: the city's profile and modules, accounts and roles, the audit log. */
import type { BalaiModule } from '../../platform/module.ts';
import { kotaMessages } from './messages.ts';
import { kotaPermissions } from './permissions.ts';

export const kotaModule: BalaiModule = {
  name: 'kota',
  label: 'kota.module',
  optional: false,
  messages: kotaMessages,
  permissions: kotaPermissions,
  nav: [],
  routes: () => {},
};
