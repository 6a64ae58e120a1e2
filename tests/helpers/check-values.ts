/**
 * The values a CHECK constraint allows for a text column (`column in ('a', 'b')`), read from
 * pg_constraint: tests compare them with the `as const` list the code declares.
 */
import type pg from 'pg';

export async function checkValues(db: pg.ClientBase, table: string, column: string): Promise<string[]> {
  const r = await db.query<{ def: string }>(
    `select pg_get_constraintdef(con.oid) as def
       from pg_constraint con
       join pg_attribute a on a.attrelid = con.conrelid and a.attnum = any (con.conkey)
      where con.conrelid = $1::regclass and con.contype = 'c' and a.attname = $2`,
    [`public.${table}`, column],
  );
  // The constraint on this column alone (`CHECK ((col = ANY (ARRAY[...])))`); a column may also
  // appear in a wider rule (`CHECK (((col = ANY (...)) OR other))`), whose list is not the column's.
  const defs = r.rows.map((x) => x.def).filter((d) => d.includes(`(${column} = ANY (ARRAY[`));
  const def = defs.find((d) => d.startsWith(`CHECK ((${column} = ANY (ARRAY[`)) ?? defs[0];
  if (!def) throw new Error(`no CHECK (${column} in (...)) on ${table}`);
  const list = def.slice(def.indexOf(`(${column} = ANY (ARRAY[`));
  return [...list.slice(0, list.indexOf(']')).matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}
