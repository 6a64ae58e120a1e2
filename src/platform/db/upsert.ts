/** Pieces of INSERT … ON CONFLICT DO UPDATE shared by the modules' upserts. */
import { sql, type RawBuilder } from 'kysely';

/**
 * The SET of an upsert that takes these columns from the row that was to be inserted
 * (`excluded.<column>`): for reference data and imports that overwrite what they load.
 */
export function fromExcluded<C extends string>(columns: readonly C[]): Record<C, RawBuilder<never>> {
  return Object.fromEntries(columns.map((c) => [c, sql<never>`excluded.${sql.ref(c)}`])) as Record<
    C,
    RawBuilder<never>
  >;
}
