/** Regions: official kecamatan and kelurahan, each city's RW and RT, the map. */
import type { BalaiModule } from '../../platform/module.ts';
import { loadWilayahReference } from './reference.ts';
import { wilayahMessages } from './messages.ts';
import { wilayahPermissions } from './permissions.ts';

export const wilayahModule: BalaiModule = {
  name: 'wilayah',
  label: 'wilayah.module',
  optional: false,
  messages: wilayahMessages,
  permissions: wilayahPermissions,
  nav: [],
  routes: () => {},
  referenceData: loadWilayahReference,
};
