/**
 * Cities (tenants). A city is addressed by its slug in URLs and by its
 * Kemendagri code in data. Reads go through the app role; creating a city is an
 * owner operation (CLI or demo seed).
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import { asOwner, withoutTenant, type Tx } from '../db/transaction.ts';
import type { CityContact, TenantsTable } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';

export interface City {
  id: string;
  slug: string;
  name: string;
  kind: 'kota' | 'kabupaten';
  tagline: string | null;
  contact: CityContact;
  modules: string[];
  hasLogo: boolean;
  logoVersion: number;
  demo: boolean;
}

const columns = [
  'id',
  'slug',
  'name',
  'kind',
  'tagline',
  'contact',
  'modules',
  'logo_type',
  'demo',
  'updated_at',
] as const;

function toCity(r: Pick<Selectable<TenantsTable>, (typeof columns)[number]>): City {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    tagline: r.tagline,
    contact: r.contact ?? {},
    modules: r.modules,
    hasLogo: r.logo_type !== null,
    logoVersion: new Date(r.updated_at).getTime(),
    demo: r.demo,
  };
}

export function listCities(db: Db): Promise<City[]> {
  return withoutTenant(db, async (trx) =>
    (await trx.selectFrom('tenants').select(columns).orderBy('name').execute()).map(toCity),
  );
}

export async function findCityBySlug(db: Db, slug: string): Promise<City | null> {
  const r = await withoutTenant(db, (trx) =>
    trx.selectFrom('tenants').select(columns).where('slug', '=', slug).executeTakeFirst(),
  );
  return r ? toCity(r) : null;
}

export async function getCityLogo(trx: Tx, cityId: string): Promise<{ logo: Buffer; type: string } | null> {
  const r = await trx
    .selectFrom('tenants')
    .select(['logo', 'logo_type'])
    .where('id', '=', cityId)
    .executeTakeFirst();
  return r?.logo && r.logo_type ? { logo: r.logo, type: r.logo_type } : null;
}

export interface CitySettings {
  name?: string | undefined;
  tagline?: string | null | undefined;
  contact?: CityContact | undefined;
  modules?: string[] | undefined;
  logo?: { data: Buffer; type: string } | null | undefined;
}

/** A city admin changes the city's own profile (RLS allows only its own row). */
export async function updateCity(trx: Tx, cityId: string, s: CitySettings): Promise<void> {
  const set: Record<string, unknown> = { updated_at: new Date() };
  if (s.name !== undefined) set.name = s.name.trim();
  if (s.tagline !== undefined) set.tagline = s.tagline?.trim() || null;
  if (s.contact !== undefined) set.contact = JSON.stringify(s.contact);
  if (s.modules !== undefined) set.modules = s.modules;
  if (s.logo !== undefined) {
    set.logo = s.logo?.data ?? null;
    set.logo_type = s.logo?.type ?? null;
  }
  const r = await trx.updateTable('tenants').set(set).where('id', '=', cityId).executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw notFound();
}

/** Creates a city. Owner operation; the region codes must already be loaded. */
export async function createCity(
  db: Db,
  c: {
    id: string;
    slug: string;
    name: string;
    modules: string[];
    demo: boolean;
    contact?: CityContact;
    tagline?: string;
  },
): Promise<void> {
  await asOwner(db, c.id, async (trx) => {
    await trx
      .insertInto('tenants')
      .values({
        id: c.id,
        slug: c.slug,
        name: c.name,
        modules: c.modules,
        demo: c.demo,
        contact: JSON.stringify(c.contact ?? {}),
        tagline: c.tagline ?? null,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  });
}

export async function cityExists(db: Db, id: string): Promise<boolean> {
  const r = await withoutTenant(db, (trx) =>
    trx
      .selectFrom('tenants')
      .select(sql<number>`1`.as('x'))
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  return Boolean(r);
}
