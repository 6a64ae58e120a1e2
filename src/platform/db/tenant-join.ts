/**
 * The join condition of two tenant tables: the same tenant (tenant_id, the distribution key, so
 * the join stays within one city's shard) and the given key, e.g.
 * `.leftJoin('users as u', sameTenant('u.id', 'j.dibuat_oleh'))`. Both references are
 * `<alias>.<column>`; the tenant columns are `<alias>.tenant_id`.
 */

/** What a Kysely join builder offers here (its column names are checked when the query runs). */
interface OnRef<J> {
  onRef(lhs: never, op: '=', rhs: never): J;
}

type Ref = `${string}.${string}`;

const tenantOf = (ref: Ref) => `${ref.slice(0, ref.indexOf('.'))}.tenant_id`;

export function sameTenant(key: Ref, ref: Ref) {
  return <J extends OnRef<J>>(jn: J): J =>
    jn.onRef(tenantOf(key) as never, '=', tenantOf(ref) as never).onRef(key as never, '=', ref as never);
}
