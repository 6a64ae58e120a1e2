/**
 * Module boundaries the linter cannot see: a module queries only the tables it owns. Each module
 * declares its tables in `tables.ts` (and `*-tables.ts`); no other module's code may name one of
 * them in a query (Kysely `selectFrom('t')`, joins, inserts, updates, deletes, or raw SQL
 * `from t` / `join t`). Other modules' data comes through the owning module's `api.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const MODULES = path.resolve('src/modules');

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesOf(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Table names declared in a module's table files: the keys of its `…Tables` interfaces. */
function ownedTables(files: string[]): string[] {
  const names: string[] = [];
  for (const f of files.filter((p) => /(^|[-/])tables\.ts$/.test(p))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/export interface \w*Tables\b[^{]*\{([^}]*)\}/g)) {
      for (const k of m[1]!.matchAll(/^\s*(\w+)\s*:/gm)) names.push(k[1]!);
    }
  }
  return names;
}

/** The code of a file without its comments (so prose about a table does not count). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const modules = readdirSync(MODULES).filter((m) => statSync(path.join(MODULES, m)).isDirectory());
const files = new Map(modules.map((m) => [m, filesOf(path.join(MODULES, m))]));
const owner = new Map<string, string>();
for (const m of modules) for (const t of ownedTables(files.get(m)!)) owner.set(t, m);

test('every module declares the tables it owns', () => {
  for (const m of ['wilayah', 'bank-sampah', 'sampah', 'umkm']) {
    assert.ok([...owner.values()].includes(m), `${m} declares no tables`);
  }
  assert.equal(owner.get('rw'), 'wilayah');
  assert.equal(owner.get('umkm_usaha'), 'umkm');
});

test('no module queries a table another module owns', () => {
  const found: string[] = [];
  for (const [m, list] of files) {
    for (const f of list.filter((p) => !p.endsWith('.test.ts'))) {
      const text = code(f);
      for (const [table, own] of owner) {
        if (own === m) continue;
        const kysely = new RegExp(
          `\\b(selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\\(\\s*'${table}( |')`,
        );
        const raw = new RegExp(`\\b(from|join|update|into)\\s+(public\\.)?${table}\\b(?![-.(])`, 'i');
        if (kysely.test(text) || raw.test(text))
          found.push(`${path.relative(MODULES, f)} → ${table} (${own})`);
      }
    }
  }
  assert.deepEqual(found, [], `queries of other modules' tables:\n${found.join('\n')}`);
});
