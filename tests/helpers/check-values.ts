/**
 * The values a CHECK constraint allows for a text column (`column in ('a', 'b')`), read from
 * pg_constraint: tests compare them with the `as const` list the code declares.
 */
import assert from 'node:assert/strict';
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

/**
 * Asserts that each column's CHECK constraint allows exactly the list the code declares (table →
 * column → list): in the same order with `inOrder`, else in any order.
 */
export async function assertCheckValues(
  db: pg.ClientBase,
  tables: Record<string, Record<string, readonly string[]>>,
  opts: { inOrder?: boolean } = {},
): Promise<void> {
  for (const [table, columns] of Object.entries(tables))
    for (const [column, list] of Object.entries(columns)) {
      const allowed = await checkValues(db, table, column);
      if (opts.inOrder) assert.deepEqual(allowed, [...list], `${table}.${column}`);
      else assert.deepEqual(allowed.sort(), [...list].sort(), `${table}.${column}`);
    }
}
