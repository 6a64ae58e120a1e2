/** The bank sampah tiles of the city dashboard. */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import type { DashboardTile } from '../../platform/module.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { LAPORAN, LIHAT } from './permissions.ts';
import { kgAngka, setoranWarga } from './pemulihan.ts';
import { banksForLaporan, bulanIni, bulanRange } from './laporan.ts';

/**
 * City dashboard tiles for a user who sees banks: kg recovered this month, banks active in the
 * last 30 days, members. Nothing for a user who sees no bank.
 */
export async function bankSampahTiles(
  trx: Tx,
  city: City,
  user: CurrentUser,
  t: Translator,
): Promise<DashboardTile[]> {
  const banks = await banksForLaporan(trx, user);
  if (banks.length === 0) return [];
  const ids = sql.join(banks.map((b) => b.id));
  const { mulai } = bulanRange(bulanIni());
  const sejak = new Date(Date.now() - 30 * 86_400_000);
  // The whole city: this month's kg from the daily summary (the same counting rule, no ledger scan).
  const kota = can(user, LAPORAN, city.id);
  const r = await sql<{ kg: string | null; aktif: string; nasabah: string }>`
    select (${
      kota
        ? sql`select sum(h.kg) from bank_sampah_pemulihan_harian h where h.tanggal >= ${`${bulanIni()}-01`}::date`
        : sql`select sum(s.kg)
              from bank_sampah_stok_baris s
              join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
              left join bank_sampah_jurnal asal on asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
             where j.bank_id in (${ids}) and j.waktu >= ${mulai} and ${setoranWarga}`
    }) as kg,
           (select count(*) from bank_sampah b
             where b.id in (${ids})
               -- per bank, its entries since then (index on bank and time), up to the first that counts
               and exists (select 1 from bank_sampah_jurnal j
                 where j.tenant_id = b.tenant_id and j.bank_id = b.id and j.waktu >= ${sejak}
                   and j.jenis = 'setoran' and j.terkait_id is null
                   and not exists (select 1 from bank_sampah_jurnal r where r.tenant_id = j.tenant_id and r.membatalkan_id = j.id))) as aktif,
           (select count(*) from bank_sampah_nasabah n
             where n.bank_id in (${ids}) and n.aktif and n.jenis <> 'bank_unit') as nasabah`.execute(trx);
  const row = r.rows[0];
  const base = `/${city.slug}/bank-sampah`;
  const list = can(user, LIHAT) ? base : undefined;
  const tile = (label: string, value: string, href: string | undefined): DashboardTile =>
    href ? { label, value, href } : { label, value };
  return [
    tile(
      t('bankSampah.tile.kgBulanIni'),
      t('bankSampah.laporan.kgSatuan', { kg: formatNumber(kgAngka(row?.kg)) }),
      can(user, LAPORAN) ? `${base}/laporan` : list,
    ),
    tile(
      t('bankSampah.tile.bankAktif'),
      t('bankSampah.tile.dariTotal', { n: Number(row?.aktif ?? 0), total: banks.length }),
      list,
    ),
    tile(t('bankSampah.tile.nasabah'), formatNumber(Number(row?.nasabah ?? 0)), list),
  ];
}
