/** The UMKM tiles of the city dashboard. */
import type { DashboardTile } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { UMKM_DASBOR } from './permissions.ts';
import { angkaTile } from './dasbor.ts';

/** City dashboard tiles for viewers of the whole city: verified businesses, products live in e-Katalog. */
export async function umkmTiles(
  trx: Tx,
  city: City,
  user: CurrentUser,
  t: Translator,
): Promise<DashboardTile[]> {
  if (!can(user, UMKM_DASBOR, city.id)) return [];
  const a = await angkaTile(trx);
  const href = `/${city.slug}/umkm/dasbor`;
  return [
    { label: t('umkm.dasbor.tile.terverifikasi'), value: formatNumber(a.terverifikasi), href },
    { label: t('umkm.dasbor.tile.tayang'), value: formatNumber(a.tayang), href },
  ];
}
