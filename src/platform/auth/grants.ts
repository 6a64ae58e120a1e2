/** How a user's role grants read on pages: the role, its module and the names of its areas. */
import type { Tx } from '../db/transaction.ts';
import type { Translator } from '../i18n/index.ts';
import type { ModuleInfo } from '../module.ts';
import { areaLevelOf, type RoleGrant } from './roles.ts';

/**
 * The names of the areas of a user's area-scoped grants ("Kec. Coblong", "RW 007 · Kel. Dago"), by
 * code; grants for the whole city need none. Names as on the accounts pages (kota.area.* messages).
 */
export async function grantAreaNames(
  trx: Tx,
  t: Translator,
  grants: RoleGrant[],
): Promise<Map<string, string>> {
  const scoped = grants.map((g) => g.areaKode).filter((k) => areaLevelOf(k) !== 'kota');
  const parent = (k: string) => (areaLevelOf(k) === 'rw' ? k.slice(0, k.lastIndexOf('.')) : k);
  const kodes = [...new Set(scoped.map(parent))];
  const rows = kodes.length
    ? await trx.selectFrom('wilayah').select(['kode', 'nama', 'tingkat']).where('kode', 'in', kodes).execute()
    : [];
  const byKode = new Map(
    rows.map((r) => [
      r.kode,
      t(r.tingkat === 'kecamatan' ? 'kota.area.kecamatanName' : 'kota.area.kelurahanName', { nama: r.nama }),
    ]),
  );
  return new Map(
    scoped.map((k) => {
      const name = byKode.get(parent(k)) ?? parent(k);
      if (areaLevelOf(k) !== 'rw') return [k, name];
      return [k, `${t('kota.area.rwName', { nomor: k.slice(k.lastIndexOf('.') + 1) })} · ${name}`];
    }),
  );
}

/** "Petugas dinas (Program Sampah)", "Petugas kecamatan (Kec. Coblong)", or just the role. */
export function grantLabel(
  t: Translator,
  grant: RoleGrant,
  modules: readonly Pick<ModuleInfo, 'name' | 'label'>[],
  areaNames: Map<string, string>,
): string {
  const label = modules.find((m) => m.name === grant.module)?.label;
  const scope = [label ? t(label) : '', areaNames.get(grant.areaKode) ?? ''].filter(Boolean);
  const role = t(`role.${grant.role}`);
  return scope.length ? t('dashboard.roleScope', { role, scope: scope.join(', ') }) : role;
}
