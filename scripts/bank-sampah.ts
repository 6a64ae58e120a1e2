/**
 * Bank sampah from the command line: `npm run bank-sampah -- <perintah>`.
 *
 *   verifikasi [--kota <slug>] [--json]
 *       Checks the whole ledger of one city (or of every city): balanced entries, no negative
 *       balance or stock, exact reversals, sales to an induk recorded at both banks, idempotency
 *       keys and approved withdrawal requests pointing to their entries. Lists every violation and
 *       exits with 1 when there is one (for a nightly job or monitoring), 0 when the ledger is right.
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL when it is not set (stop a running development
 * server first: the embedded server's data folder can only be open once).
 */
import { parseArgs } from 'node:util';
import {
  CLI_ACTOR,
  CliError,
  closeCliDatabase,
  openCliDatabase,
  runCli,
  type CliDatabase,
} from './lib/cli.ts';

/** The application, loaded only for commands that need it (usage and argument errors answer at once). */
async function loadApp() {
  const [transaction, i18n, tenancy, registry, verifikasi] = await Promise.all([
    import('../src/platform/db/transaction.ts'),
    import('../src/platform/i18n/index.ts'),
    import('../src/platform/tenancy/service.ts'),
    import('../src/modules/index.ts'),
    import('../src/modules/bank-sampah/verifikasi.ts'),
  ]);
  for (const m of registry.modules) i18n.registerMessages(m.messages);
  return { ...transaction, ...i18n, ...tenancy, ...registry, ...verifikasi };
}
type App = Awaited<ReturnType<typeof loadApp>>;

const USAGE = `Pemakaian: npm run bank-sampah -- <perintah> [pilihan]

Perintah:
  verifikasi [--kota <slug>] [--json]
      Memeriksa seluruh buku besar bank sampah satu kota (atau semua kota) dan menampilkan
      setiap pelanggaran. Keluar dengan kode 1 bila ada pelanggaran, 0 bila buku besar benar.
      --json menampilkan hasilnya sebagai JSON.

Basis data: DATABASE_URL, atau PostgreSQL tertanam bila tidak diisi.`;

interface Database extends CliDatabase {
  app: App;
}

async function openDb(): Promise<Database> {
  const app = await loadApp();
  return { app, ...(await openCliDatabase(app.modules)) };
}

/** Returns the process exit code: 1 when a ledger has violations. */
async function verifikasi(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { kota: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  const d = await openDb();
  const { app } = d;
  try {
    let cities = await app.listCities(d.handle.db);
    if (values.kota !== undefined) {
      cities = cities.filter((c) => c.slug === values.kota);
      if (!cities.length) {
        throw new CliError(`Kota "${values.kota}" tidak ditemukan. Lihat: npm run kota -- daftar`, 2);
      }
    }
    const t = app.translator('id');
    const results = [];
    for (const c of cities) {
      const hasil = await app.withTenant(d.handle.db, c.id, CLI_ACTOR, (trx) =>
        app.verifikasiBukuBesar(trx, t),
      );
      results.push({ kota: c.slug, kode: c.id, ...hasil });
      if (values.json) continue;
      const head = `${c.name} (${c.id}): ${app.formatNumber(hasil.checkedEntries)} transaksi di ${app.formatNumber(hasil.banks)} bank sampah diperiksa`;
      if (hasil.ok) {
        console.log(`${head}: benar.`);
        continue;
      }
      console.log(`${head}: ${app.formatNumber(hasil.violations.length)} pelanggaran.`);
      for (const v of hasil.violations) {
        console.log(`  [${v.kode}] ${v.pesan}${v.jurnalId ? ` (jurnal ${v.jurnalId})` : ''}`);
      }
      if (hasil.terpotong.length) {
        console.log(
          `  Daftar dipotong (lebih dari ${app.PER_KODE} per jenis): ${hasil.terpotong.join(', ')}`,
        );
      }
    }
    if (values.json) console.log(JSON.stringify(results, null, 2));
    else if (!cities.length) console.log('Belum ada kota.');
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await closeCliDatabase(d);
  }
}

await runCli({ usage: USAGE, commands: { verifikasi } });
