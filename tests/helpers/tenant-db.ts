/**
 * Database helpers for the cross-cutting guarantee tests: discover the tenant
 * tables (every table in schema public with a tenant_id column) and their
 * shape, run statements as the app role inside a rolled-back transaction, make
 * sure a table has a row for a city, and sample a city's ids and codes.
 * Everything is discovered at run time, so tables added by future modules are
 * covered without touching the tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';

export const APP_ROLE = 'balai_app';

export const q = (ident: string): string => `"${ident.replaceAll('"', '""')}"`;

export interface Cities {
  bandung: { id: string; slug: string; name: string };
  serang: { id: string; slug: string; name: string };
  all: { id: string; slug: string; name: string }[];
}

export async function cities(c: pg.Client): Promise<Cities> {
  const rows = (
    await c.query<{ id: string; slug: string; name: string }>(
      'select id, slug, name from tenants order by id',
    )
  ).rows;
  const bandung = rows.find((r) => r.slug === 'bandung');
  const serang = rows.find((r) => r.slug === 'serang');
  if (!bandung || !serang) throw new Error('demo cities bandung and serang are missing');
  return { bandung, serang, all: rows };
}

/** Every base table in schema public with a tenant_id column, sorted by name. */
export async function tenantTables(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ name: string }>(
    `select c.relname as name
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`,
  );
  return r.rows.map((x) => x.name);
}

/**
 * Tenant tables of derived data (daily summaries kept by triggers from audited sources): their
 * comment starts with "Derived:". They are not audited themselves.
 */
export async function derivedTables(c: pg.Client): Promise<string[]> {
  const r = await c.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and obj_description(c.oid, 'pg_class') like 'Derived:%'
      order by 1`,
  );
  return r.rows.map((x) => x.name);
}

export interface Column {
  name: string;
  /** format_type, e.g. "text", "uuid", "timestamp with time zone". */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
  /** 'a' generated always / 'd' by default / '' not identity. */
  identity: string;
  generated: boolean;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface TableInfo {
  name: string;
  columns: Column[];
  pk: string[];
  fks: ForeignKey[];
  /** Check constraints: the columns they mention and their definition. */
  checks: { columns: string[]; def: string }[];
  /** Columns the audit trigger never copies (its arguments). */
  redacted: string[];
}

export async function describeTable(c: pg.Client, table: string): Promise<TableInfo> {
  const cols = await c.query<Column>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as "notNull",
            a.atthasdef as "hasDefault", a.attidentity as identity, a.attgenerated <> '' as generated
       from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by a.attnum`,
    [`public.${q(table)}`],
  );
  const pk = await c.query<{ cols: string[] }>(
    `select array(select a.attname from unnest(i.indkey) with ordinality k(attnum, ord)
                    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.ord)::text[] as cols
       from pg_index i where i.indrelid = $1::regclass and i.indisprimary`,
    [`public.${q(table)}`],
  );
  const fks = await c.query<ForeignKey>(
    `select con.conname as name, rel.relname as "refTable",
            array(select a.attname from unnest(con.conkey) with ordinality k(n, o)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.o)::text[] as columns,
            array(select a.attname from unnest(con.confkey) with ordinality k(n, o)
                    join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.o)::text[] as "refColumns"
       from pg_constraint con join pg_class rel on rel.oid = con.confrelid
      where con.conrelid = $1::regclass and con.contype = 'f'
      order by con.conname`,
    [`public.${q(table)}`],
  );
  const checks = await c.query<{ columns: string[]; def: string }>(
    `select array(select a.attname from unnest(con.conkey) k(n)
                    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n)::text[] as columns,
            pg_get_constraintdef(con.oid) as def
       from pg_constraint con where con.conrelid = $1::regclass and con.contype = 'c'`,
    [`public.${q(table)}`],
  );
  return {
    name: table,
    columns: cols.rows,
    pk: pk.rows[0]?.cols ?? [],
    fks: fks.rows,
    checks: checks.rows,
    redacted: await auditRedactions(c, table),
  };
}

/** The arguments of the table's audit trigger: columns never copied into the audit log. */
export async function auditRedactions(c: pg.Client, table: string): Promise<string[]> {
  const r = await c.query<{ args: string[] }>(
    `select coalesce(string_to_array(rtrim(encode(t.tgargs, 'escape'), E'\\\\000'), E'\\\\000'), '{}') as args
       from pg_trigger t where t.tgrelid = $1::regclass and t.tgname = 'audit' and not t.tgisinternal`,
    [`public.${q(table)}`],
  );
  return (r.rows[0]?.args ?? []).filter((a) => a !== '');
}

export interface AuditTrigger {
  name: string;
  function: string;
  /** pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead. */
  type: number;
  enabled: string;
}

export async function triggers(c: pg.Client, table: string): Promise<AuditTrigger[]> {
  const r = await c.query<AuditTrigger>(
    `select t.tgname as name, p.proname as function, t.tgtype::int as type, t.tgenabled as enabled
       from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where t.tgrelid = $1::regclass and not t.tgisinternal`,
    [`public.${q(table)}`],
  );
  return r.rows;
}

export interface PgError extends Error {
  code?: string;
}

/** Runs one statement in a savepoint; returns its result or the database error (the transaction goes on). */
export async function attempt(
  c: pg.Client,
  text: string,
  params: unknown[] = [],
): Promise<{ result: pg.QueryResult | null; error: PgError | null }> {
  await c.query('savepoint attempt');
  try {
    const result = await c.query(text, params);
    await c.query('release savepoint attempt');
    return { result, error: null };
  } catch (err) {
    await c.query('rollback to savepoint attempt');
    return { result: null, error: err as PgError };
  }
}

/**
 * Runs fn in a transaction as the app role, with app.tenant_id set to the city
 * (or not set at all when tenantId is null), exactly like withTenant does; always rolls back.
 */
export async function asApp<T>(c: pg.Client, tenantId: string | null, fn: () => Promise<T>): Promise<T> {
  await c.query('begin');
  try {
    if (tenantId !== null) await c.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    await c.query(`set local role ${APP_ROLE}`);
    return await fn();
  } finally {
    await c.query('rollback');
  }
}

/**
 * Runs fn in a transaction as the connecting role (the database owner) with
 * app.tenant_id set, so forced RLS lets a non-superuser owner see the city's rows.
 */
export async function asOwner<T>(
  c: pg.Client,
  tenantId: string,
  fn: () => Promise<T>,
  commit = true,
): Promise<T> {
  await c.query('begin');
  try {
    await c.query(
      `select set_config('app.tenant_id', $1, true), set_config('app.user_role', 'sistem', true)`,
      [tenantId],
    );
    const out = await fn();
    await c.query(commit ? 'commit' : 'rollback');
    return out;
  } catch (err) {
    await c.query('rollback');
    throw err;
  }
}

/** A user's password hash, to put the account back after a test changed it (see restoreAdmin). */
export async function passwordHashOf(c: pg.Client, tenantId: string, userId: string): Promise<string> {
  return asOwner(
    c,
    tenantId,
    async () =>
      (await c.query<{ h: string }>('select password_hash as h from users where id = $1', [userId])).rows[0]!
        .h,
    false,
  );
}

/** Puts an admin kota back: the password hash, active, no forced password change, the admin_kota role of the city. */
export async function restoreAdmin(
  c: pg.Client,
  tenantId: string,
  userId: string,
  hash: string,
): Promise<void> {
  await asOwner(c, tenantId, async () => {
    await c.query(
      'update users set password_hash = $2, must_change_password = false, active = true where id = $1',
      [userId, hash],
    );
    await c.query(
      `insert into user_roles (tenant_id, user_id, role, area_kode) values ($1, $2, 'admin_kota', $1) on conflict do nothing`,
      [tenantId, userId],
    );
  });
}

/** Columns an INSERT may name (not generated, not identity ALWAYS). */
export function insertableColumns(info: TableInfo): string[] {
  return info.columns.filter((col) => !col.generated && col.identity !== 'a').map((col) => col.name);
}

/** INSERT ... SELECT from a jsonb row ($1), naming only the given columns. */
export function insertFromJson(table: string, columns: string[]): string {
  const list = columns.map(q).join(', ');
  return `insert into ${q(table)} (${list}) select ${list} from jsonb_populate_record(null::${q(table)}, $1::jsonb)`;
}

type Row = Record<string, unknown>;

async function oneRow(c: pg.Client, table: string, tenantId: string): Promise<Row | null> {
  return asOwner(c, tenantId, async () => {
    const r = await c.query<{ j: Row }>(
      `select to_jsonb(t) as j from ${q(table)} t where tenant_id = $1 limit 1`,
      [tenantId],
    );
    return r.rows[0]?.j ?? null;
  });
}

/** Values from enumerations in the column's own check constraints, e.g. file_type in ('csv', 'xlsx'). */
function enumerated(info: TableInfo, column: string): string[] {
  const out: string[] = [];
  for (const ch of info.checks) {
    if (ch.columns.length !== 1 || ch.columns[0] !== column) continue;
    for (const m of ch.def.matchAll(/'((?:[^']|'')*)'::/g)) out.push(m[1]!.replaceAll("''", "'"));
  }
  return out;
}

function randomValue(col: Column): unknown {
  const t = col.type;
  if (t === 'uuid') return randomUUID();
  if (t === 'bytea') return `\\x${randomBytes(16).toString('hex')}`;
  if (t === 'boolean') return false;
  if (/^(smallint|integer|bigint|numeric|real|double precision)/.test(t)) return 1;
  if (t.startsWith('timestamp')) return new Date().toISOString();
  if (t === 'date') return new Date().toISOString().slice(0, 10);
  if (t === 'jsonb' || t === 'json') return {};
  if (t.endsWith('[]')) return [];
  return `uji-${randomBytes(4).toString('hex')}`;
}

/** Picks a value of a non-tenant referenced table (e.g. wilayah.kode) that belongs to the city and has the old value's shape. */
async function sameShapeReference(
  c: pg.Client,
  fk: ForeignKey,
  old: unknown,
  tenantId: string,
): Promise<unknown[]> {
  const col = fk.refColumns[0]!;
  const like = `${tenantId}%`;
  const len = typeof old === 'string' ? old.length : null;
  const r = await c.query<{ v: unknown }>(
    `select ${q(col)} as v from ${q(fk.refTable)}
      where ${q(col)}::text like $1 and ($2::int is null or length(${q(col)}::text) = $2)
      order by length(${q(col)}::text) desc, 1 limit 5`,
    [like, len],
  );
  return r.rows.map((x) => x.v);
}

export interface EnsureResult {
  table: string;
  tenantId: string;
  how: 'present' | 'copied' | 'synthesised' | 'impossible';
  detail?: string;
}

/**
 * Makes sure the table has at least one row for the city: present already, or
 * a copy of another city's row (new ids, references remapped to the city's own
 * rows, the other city's code prefix replaced), or a row synthesised from the
 * column types and check constraints. Inserts as the owner within the city.
 */
export async function ensureRow(
  c: pg.Client,
  table: string,
  tenantId: string,
  allTenants: string[],
  seen: Set<string> = new Set(),
): Promise<EnsureResult> {
  if (await oneRow(c, table, tenantId)) return { table, tenantId, how: 'present' };
  if (seen.has(table)) return { table, tenantId, how: 'impossible', detail: 'reference cycle' };
  seen.add(table);
  const info = await describeTable(c, table);
  const tenantSet = new Set(await tenantTables(c));
  let source: Row | null = null;
  let sourceTenant: string | null = null;
  for (const other of allTenants.filter((x) => x !== tenantId)) {
    source = await oneRow(c, table, other);
    if (source) {
      sourceTenant = other;
      break;
    }
  }
  const row: Row = {};
  const variants: Row[] = [];
  for (const col of info.columns) {
    if (col.generated || col.identity === 'a') continue;
    const inPk = info.pk.includes(col.name);
    if (col.name === 'tenant_id') row[col.name] = tenantId;
    else if (source && !(inPk && col.hasDefault) && !info.redacted.includes(col.name)) {
      let v = source[col.name];
      if (typeof v === 'string' && sourceTenant && (v === sourceTenant || v.startsWith(`${sourceTenant}.`))) {
        v = tenantId + v.slice(sourceTenant.length);
      }
      row[col.name] = inPk ? randomValue(col) : v;
    } else if (source && info.redacted.includes(col.name)) {
      row[col.name] = randomValue(col); // never copy a secret (password hash, token hash) to another city
    } else if (!source && col.notNull && !col.hasDefault) {
      row[col.name] = enumerated(info, col.name)[0] ?? randomValue(col);
    }
  }
  // References: other tenant tables -> a row of the same city; reference tables -> a value of the city.
  for (const fk of info.fks) {
    const local = fk.columns.filter((x) => x !== 'tenant_id');
    if (local.length === 0) continue;
    if (tenantSet.has(fk.refTable)) {
      const dep = await ensureRow(c, fk.refTable, tenantId, allTenants, seen);
      if (dep.how === 'impossible') {
        return {
          table,
          tenantId,
          how: 'impossible',
          detail: `needs a ${fk.refTable} row: ${dep.detail ?? ''}`,
        };
      }
      const ref = await oneRow(c, fk.refTable, tenantId);
      fk.columns.forEach((col, i) => {
        if (col !== 'tenant_id') row[col] = ref?.[fk.refColumns[i]!];
      });
    } else if (local.length === 1 && fk.refColumns.length === 1) {
      const col = local[0]!;
      const candidates = await sameShapeReference(c, fk, source ? (row[col] ?? null) : null, tenantId);
      if (candidates.length === 0 && (row[col] === undefined || !source)) {
        const any = await c.query<{ v: unknown }>(
          `select ${q(fk.refColumns[0]!)} as v from ${q(fk.refTable)} limit 1`,
        );
        if (any.rows[0]) candidates.push(any.rows[0].v);
      }
      if (candidates[0] !== undefined) row[col] = candidates[0];
      for (const alt of candidates.slice(1)) variants.push({ ...row, [col]: alt });
    }
  }
  const columns = Object.keys(row);
  const tries = [row, ...variants, ...[row, ...variants].map((r) => uniquified(info, r))];
  let lastError = '';
  for (const attemptRow of tries) {
    try {
      await asOwner(c, tenantId, () => c.query(insertFromJson(table, columns), [JSON.stringify(attemptRow)]));
      return { table, tenantId, how: source ? 'copied' : 'synthesised' };
    } catch (err) {
      lastError = (err as Error).message;
    }
  }
  return { table, tenantId, how: 'impossible', detail: lastError };
}

/** The same row with every plain text value made unique (for unique constraints outside tenant_id). */
function uniquified(info: TableInfo, row: Row): Row {
  const fkCols = new Set(info.fks.flatMap((f) => f.columns));
  const out: Row = { ...row };
  for (const col of info.columns) {
    const v = out[col.name];
    if (col.name !== 'tenant_id' && !fkCols.has(col.name) && col.type === 'text' && typeof v === 'string') {
      if (enumerated(info, col.name).length) continue;
      out[col.name] = v.includes('@')
        ? `u${randomBytes(3).toString('hex')}.${v}`
        : `${v}-${randomBytes(3).toString('hex')}`;
    }
  }
  return out;
}

/** What a city owns, for building URLs and spotting leaks. */
export interface TenantSamples {
  tenantId: string;
  slug: string;
  /** Table -> ids (column `id`) of the city's rows, newest first where there is created_at. */
  ids: Map<string, string[]>;
  /** Codes that belong to the city: keys of reference tables under the city code and code-like values of its rows. */
  codes: string[];
  /** Distinctive strings of the city's rows (ids, e-mails, names...) that appear in no other city's rows. */
  secrets: Set<string>;
}

export async function tenantSamples(
  c: pg.Client,
  tenantId: string,
  slug: string,
  otherTenants: string[],
  opts: { secrets?: boolean } = {},
): Promise<TenantSamples> {
  const tables = await tenantTables(c);
  const ids = new Map<string, string[]>();
  const strings = new Set<string>();
  const codes = new Set<string>();
  const codeRe = new RegExp(`^${tenantId.replace('.', '\\.')}(\\.[0-9]+)+$`);
  for (const table of tables) {
    const info = await describeTable(c, table);
    const hasId = info.columns.some((x) => x.name === 'id');
    const order = info.columns.some((x) => x.name === 'created_at') ? 'created_at desc' : '1';
    const rows = await asOwner(c, tenantId, async () =>
      (
        await c.query<{ j: Row }>(
          `select to_jsonb(t) as j from ${q(table)} t where tenant_id = $1 order by ${order} limit 200`,
          [tenantId],
        )
      ).rows.map((r) => r.j),
    );
    if (hasId) ids.set(table, rows.map((r) => String(r.id)).slice(0, 5));
    if (table === 'audit_log') continue;
    const textCols = info.columns.filter(
      (x) => ['text', 'uuid'].includes(x.type) || x.type.startsWith('character'),
    );
    for (const r of rows) {
      for (const col of textCols) {
        const v = r[col.name];
        if (typeof v !== 'string' || info.redacted.includes(col.name)) continue;
        if (codeRe.test(v)) codes.add(v);
        if (v.length >= 8) strings.add(v);
      }
    }
  }
  // Reference tables (no tenant_id) keyed by a code under the city's code, e.g. wilayah.kode.
  const refs = await c.query<{ table: string; col: string }>(
    `select c.relname as table, a.attname as col
       from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum = i.indkey[0]
      where i.indisprimary and i.indnatts = 1 and n.nspname = 'public' and a.atttypid = 'text'::regtype
        and not exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id')`,
  );
  for (const ref of refs.rows) {
    const r = await c.query<{ v: string }>(
      `select distinct on (length(${q(ref.col)})) ${q(ref.col)} as v from ${q(ref.table)}
        where ${q(ref.col)} like $1 order by length(${q(ref.col)}), ${q(ref.col)} desc`,
      [`${tenantId}.%`],
    );
    for (const x of r.rows) codes.add(x.v);
  }
  // Distinctive: not found in any other city's rows nor the reference tables' non-city values.
  const secrets = new Set<string>();
  for (const s of strings) {
    if (!otherTenants.some((o) => s === o || s.startsWith(`${o}.`))) secrets.add(s);
  }
  if (opts.secrets === false) secrets.clear();
  for (const other of opts.secrets === false ? [] : otherTenants) {
    for (const table of tables) {
      if (table === 'audit_log') continue;
      await asOwner(c, other, async () => {
        const r = await c.query<{ j: string }>(
          `select to_jsonb(t)::text as j from ${q(table)} t where tenant_id = $1`,
          [other],
        );
        for (const row of r.rows) for (const s of secrets) if (row.j.includes(s)) secrets.delete(s);
      });
    }
  }
  // One code of each level first (deepest first, the city itself last), then the rest.
  codes.add(tenantId);
  const sorted = [...codes].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const levels = [...new Set(sorted.map((c) => c.split('.').length))];
  const firsts = levels.map((n) => sorted.find((c) => c.split('.').length === n)!);
  return {
    tenantId,
    slug,
    ids,
    codes: [...firsts, ...sorted.filter((c) => !firsts.includes(c))],
    secrets,
  };
}

/** All rows of the audited tables of a city (tenant tables except audit_log, plus the city's tenants row), keyed. */
export async function snapshot(
  c: pg.Client,
  tenantId: string,
  tables: TableInfo[],
): Promise<Map<string, Map<string, Row>>> {
  const out = new Map<string, Map<string, Row>>();
  await asOwner(
    c,
    tenantId,
    async () => {
      for (const info of tables) {
        const where = info.name === 'tenants' ? 'id = $1' : 'tenant_id = $1';
        const r = await c.query<{ j: Row }>(`select to_jsonb(t) as j from ${q(info.name)} t where ${where}`, [
          tenantId,
        ]);
        out.set(info.name, new Map(r.rows.map((x) => [rowKey(info, x.j), x.j])));
      }
    },
    false,
  );
  return out;
}

/** The primary key values of a row, as a string. */
export function rowKey(info: TableInfo, row: Row): string {
  return JSON.stringify(info.pk.map((k) => row[k] ?? null));
}

/** A fingerprint of everything a city owns (all its rows in every tenant table, and its tenants row). */
export async function fingerprint(c: pg.Client, tenantId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  await asOwner(
    c,
    tenantId,
    async () => {
      for (const table of [...(await tenantTables(c)), 'tenants']) {
        const where = table === 'tenants' ? 'id = $1' : 'tenant_id = $1';
        const r = await c.query<{ n: number; h: string }>(
          `select count(*)::int as n, md5(coalesce(string_agg(to_jsonb(t)::text, ',' order by to_jsonb(t)::text), '')) as h
             from ${q(table)} t where ${where}`,
          [tenantId],
        );
        out[table] = `${r.rows[0]!.n} rows ${r.rows[0]!.h}`;
      }
    },
    false,
  );
  return out;
}

/** Inserts one row as given (column names from the object's keys), as the connection's role. */
export async function insertRow(
  c: pg.ClientBase,
  table: string,
  row: Record<string, unknown>,
): Promise<void> {
  const cols = Object.keys(row);
  await c.query(
    `insert into ${table} (${cols.join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(row),
  );
}
