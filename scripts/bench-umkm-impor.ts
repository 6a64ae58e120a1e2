/**
 * Rate of the UMKM spreadsheet import: starts a throw-away embedded PostgreSQL with the demo
 * cities, then, as the admin kota of Kota Bandung, times a generated file of N businesses
 * (default 10,000) from upload to preview (read + row-by-row check) and its confirmation (read,
 * check again, write every row in one transaction), as CSV and as XLSX. The first run creates the
 * businesses; a second run of the same file updates them by NIB. Prints figures; asserts nothing.
 *
 *   node scripts/bench-umkm-impor.ts [--rows 10000]
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startBalai, type Balai } from '../src/platform/boot.ts';
import { withTenant } from '../src/platform/db/transaction.ts';
import { getUser } from '../src/platform/auth/service.ts';
import { demoEmail } from '../src/platform/demo.ts';
import type { CurrentUser } from '../src/platform/auth/roles.ts';
import { modules } from '../src/modules/index.ts';
import { ukurImpor, type HasilUkurImpor } from './lib/umkm-impor.ts';

const { values: args } = parseArgs({ options: { rows: { type: 'string' } }, strict: true });
const ROWS = Math.max(1, Number(args.rows ?? 10_000));
const CITY = '32.73';

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function print(label: string, h: HasilUkurImpor): void {
  console.log(
    `${label.padEnd(34)} ${String(h.baris).padStart(6)} rows ${(h.ukuranByte / 1024).toFixed(0).padStart(5)} KB | ` +
      `preview ${secs(h.bacaMs + h.periksaMs)} (read ${secs(h.bacaMs)}, check ${secs(h.periksaMs)}) = ${h.barisPerDetikPratinjau} rows/s | ` +
      `confirm ${secs(h.konfirmasiMs)} (write ${secs(h.tulisMs)}) = ${h.barisPerDetikKonfirmasi} rows/s | ` +
      `new ${h.baru}, updated ${h.diubah}`,
  );
}

let tmp: string | null = null;
let embedded: EmbeddedServer | null = null;
let balai: Balai | null = null;
try {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-bench-impor-'));
  chmodSync(tmp, 0o755); // the embedded server runs as the postgres user when we are root
  embedded = await startEmbedded(path.join(tmp, 'pg'), 45000 + Math.floor(Math.random() * 5000));
  const { ensureDatabase } = await import('../src/platform/db/embedded.ts');
  await ensureDatabase(embedded.connectionString('postgres'), 'balai_bench');
  const config = { ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error' }), demo: true, jobs: false };
  console.log('Starting Balai with the demo cities …');
  balai = await startBalai(config, modules, {
    listen: false,
    databaseUrl: embedded.connectionString('balai_bench'),
  });
  const db = balai.handle.db;
  const user = await withTenant(
    db,
    CITY,
    { userId: null, role: 'sistem' },
    async (trx): Promise<CurrentUser> => {
      const row = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', demoEmail('admin_kota', 'bandung'))
        .executeTakeFirstOrThrow();
      const u = await getUser(trx, row.id);
      return {
        id: u.id,
        tenantId: CITY,
        email: u.email,
        name: u.name,
        mustChangePassword: false,
        roles: u.roles.map((r) => ({ role: r.role, areaKode: r.areaKode, module: r.module })),
      };
    },
  );
  const base = { tenantId: CITY, user, dataKey: config.dataKey, baris: ROWS };
  print('CSV, new businesses', await ukurImpor(db, { ...base, format: 'csv', awalNib: '95', simpan: true }));
  print('CSV, same file again (updates)', await ukurImpor(db, { ...base, format: 'csv', awalNib: '95' }));
  print('XLSX, new businesses', await ukurImpor(db, { ...base, format: 'xlsx', awalNib: '96' }));
} finally {
  await balai?.stop().catch((err: unknown) => console.error('stop:', err));
  await embedded?.stop().catch((err: unknown) => console.error('stop PostgreSQL:', err));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
