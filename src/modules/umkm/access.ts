/**
 * Access to one business. The owner (pemilik_user_id) may see and change it; officers by their
 * role grants over the business's kelurahan. A business the user may not see answers 404; one
 * they see but may not act on, 403. Public pages do not come here: they read verified
 * businesses only (katalog).
 */
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser, type Permission } from '../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../platform/http/problem.ts';
import { UMKM_KELOLA, UMKM_LIHAT } from './permissions.ts';
import type { UmkmUsahaTable } from './tables.ts';

export type UsahaRow = Selectable<UmkmUsahaTable>;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

/** The user owns the business. */
export function pemilik(user: CurrentUser | null, u: Pick<UsahaRow, 'pemilik_user_id'>): boolean {
  return user !== null && u.pemilik_user_id !== null && u.pemilik_user_id === user.id;
}

/** The user holds `perm` over the business's kelurahan. */
export function bisa(
  user: CurrentUser | null,
  perm: Permission,
  u: Pick<UsahaRow, 'kelurahan_kode'>,
): boolean {
  return can(user, perm, u.kelurahan_kode);
}

/**
 * The business if the user may see it (owner, or umkm.lihat there; 404 otherwise) and may do
 * `need` there (403 otherwise). `need` 'pemilik' means: the owner, or umkm.kelola there.
 */
export async function usahaUntuk(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  need: Permission | 'lihat' | 'pemilik' = 'lihat',
): Promise<UsahaRow> {
  const u = isUuid(id)
    ? await trx.selectFrom('umkm_usaha').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!u) throw notFound('umkm.err.usahaTidakAda');
  const milik = pemilik(user, u);
  if (
    !milik &&
    !bisa(user, UMKM_LIHAT, u) &&
    !(need !== 'lihat' && need !== 'pemilik' && bisa(user, need, u))
  )
    throw notFound('umkm.err.usahaTidakAda');
  if (need === 'lihat') return u;
  if (need === 'pemilik') {
    if (milik || bisa(user, UMKM_KELOLA, u)) return u;
    throw forbidden();
  }
  if (!bisa(user, need, u)) throw forbidden();
  return u;
}

/**
 * Businesses inside any of the areas (city, kecamatan or kelurahan codes, as areasFor gives);
 * an RW-level area has no business of its own here. An empty list matches nothing. `column` is
 * the business's kelurahan as the query names it.
 */
export function dalamArea(areas: readonly string[], column = 'umkm_usaha.kelurahan_kode') {
  const kelurahan = sql.ref<string>(column);
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    const parts = areas
      .filter((a) => a.split('.').length <= 4)
      .map((a) => eb.or([eb(kelurahan, '=', a), eb(kelurahan, 'like', `${a}.%`)]));
    return parts.length ? eb.or(parts) : sql<SqlBool>`false`;
  };
}

/** Products joined to their business (p and u): the start of the lists that show both. */
export function produkDenganUsaha(trx: Tx) {
  return trx
    .selectFrom('umkm_produk as p')
    .innerJoin('umkm_usaha as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.usaha_id'),
    );
}
