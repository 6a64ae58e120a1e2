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
  const def = r.rows.map((x) => x.def).find((d) => d.includes(`(${column} = ANY (ARRAY[`));
  if (!def) throw new Error(`no CHECK (${column} in (...)) on ${table}`);
  const list = def.slice(def.indexOf(`(${column} = ANY (ARRAY[`));
  return [...list.slice(0, list.indexOf(']')).matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}
