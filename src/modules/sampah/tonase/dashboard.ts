/**
 * City dashboard tiles of the waste programme, for a user who sees the whole city's tonnage: waste
 * managed this year against the targets, and today's trips to each TPA against its quota.
 */
import type { DashboardTile } from '../../../platform/module.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import { thisYearWib } from '../../../platform/waktu.ts';
import { canSeeKota } from './tonase-access.ts';
import { computeSipsnTahun } from './tonase-service.ts';
import { sumberOperasi } from './sumber-operasi.ts';

export async function sampahTiles(
  trx: Tx,
  city: City,
  user: CurrentUser,
  t: Translator,
): Promise<DashboardTile[]> {
  if (!canSeeKota(user, city)) return [];
  const tahun = thisYearWib();
  const href = `/${city.slug}/sampah/tonase`;
  const s = await computeSipsnTahun(trx, city, tahun, sumberOperasi);
  const target = s.target ? s.target.pengurangan + s.target.penanganan : null;
  const persen = s.sipsn.persenTerkelola;
  const tiles: DashboardTile[] = [
    {
      label: t('sampah.tonase.tile.terkelola', { tahun: String(tahun) }),
      value:
        (persen === null ? '—' : t('sampah.tonase.persen', { n: formatNumber(persen) })) +
        (target === null ? '' : ` (${t('sampah.tonase.target', { target: formatNumber(target) })})`),
      href,
    },
  ];
  for (const k of await sumberOperasi.kuotaTpa(trx)) {
    tiles.push({
      label: t('sampah.tonase.tile.kuota', { tpa: k.nama }),
      value: t('sampah.tonase.kuota.nilai', {
        terpakai: formatNumber(k.terpakai),
        kuota: formatNumber(k.kuota),
        persen: formatNumber(k.persen),
      }),
      href,
    });
  }
  return tiles;
}
