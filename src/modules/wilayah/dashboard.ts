/** The wilayah tiles of the city dashboard. */
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { rwAreasOf } from './service.ts';

/** Dashboard figures: regions for everyone, RWs for those who may see them. */
export function dashboardTiles(
  t: Translator,
  city: City,
  user: CurrentUser,
  counts: { kecamatan: number; kelurahan: number; rw: number | null },
): { label: string; value: string; href?: string }[] {
  const tiles = [
    {
      label: t('wilayah.tile.kecamatan'),
      value: formatNumber(counts.kecamatan),
      href: `/${city.slug}/wilayah`,
    },
    {
      label: t('wilayah.tile.kelurahan'),
      value: formatNumber(counts.kelurahan),
      href: `/${city.slug}/wilayah`,
    },
  ];
  if (counts.rw !== null && rwAreasOf(user)) {
    tiles.push({
      label: t('wilayah.tile.rw'),
      value: formatNumber(counts.rw),
      href: `/${city.slug}/wilayah/rw`,
    });
  }
  return tiles;
}
