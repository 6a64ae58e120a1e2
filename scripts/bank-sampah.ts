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
import type { DbHandle } from '../src/platform/db/database.ts';
import type { EmbeddedServer } from '../src/platform/db/embedded.ts';

/** The application, loaded only for commands that need it (usage and argument errors answer at once). */
async function loadApp() {
  const [config, boot, database, transaction, i18n, tenancy, registry, verifikasi] = await Promise.all([
    import('../src/platform/config.ts'),
    import('../src/platform/boot.ts'),
    import('../src/platform/db/database.ts'),
    import('../src/platform/db/transaction.ts'),
    import('../src/platform/i18n/index.ts'),
    import('../src/platform/tenancy/service.ts'),
    import('../src/modules/index.ts'),
    import('../src/modules/bank-sampah/verifikasi.ts'),
  ]);
  for (const m of registry.modules) i18n.registerMessages(m.messages);
  return { ...config, ...boot, ...database, ...transaction, ...i18n, ...tenancy, ...registry, ...verifikasi };
}
type App = Awaited<ReturnType<typeof loadApp>>;

const USAGE = `Pemakaian: npm run bank-sampah -- <perintah> [pilihan]

Perintah:
  verifikasi [--kota <slug>] [--json]
      Memeriksa seluruh buku besar bank sampah satu kota (atau semua kota) dan menampilkan
      setiap pelanggaran. Keluar dengan kode 1 bila ada pelanggaran, 0 bila buku besar benar.
      --json menampilkan hasilnya sebagai JSON.

Basis data: DATABASE_URL, atau PostgreSQL tertanam bila tidak diisi.`;

/** A mistake of the operator: printed without a stack trace. */
class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

interface Database {
  app: App;
  handle: DbHandle;
  embedded: EmbeddedServer | null;
}

async function openDb(): Promise<Database> {
  const app = await loadApp();
  const config = app.loadConfig();
  let prepared;
  try {
    prepared = await app.prepareDatabase(config);
  } catch (err) {
    throw new CliError(
      `Tidak dapat membuka basis data: ${(err as Error).message.split('\n')[0]}\n` +
        'Bila server Balai sedang berjalan dengan PostgreSQL tertanam, hentikan dulu, atau isi DATABASE_URL.',
    );
  }
  const handle = app.openDatabase(prepared.url, 2);
  try {
    await app.initialiseSchema(handle, app.modules);
  } catch (err) {
    await handle.close();
    await prepared.embedded?.stop();
    const code = (err as { code?: string }).code ?? '';
    if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '28P01', '28000', '3D000'].includes(code)) {
      throw new CliError(
        `Tidak dapat terhubung ke basis data: ${(err as Error).message}. Periksa DATABASE_URL.`,
      );
    }
    throw err;
  }
  return { app, handle, embedded: prepared.embedded };
}

async function close(d: Database): Promise<void> {
  await d.handle.close();
  await d.embedded?.stop();
}

const CLI_ACTOR = { userId: null, role: 'sistem', requestId: 'cli' };

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
    await close(d);
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = { verifikasi };

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'bantuan' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Perintah tidak dikenal: ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`Gagal: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`Gagal: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`Gagal: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG) console.error(err);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Exit explicitly: the embedded PostgreSQL package installs an exit hook that would end with 0.
await new Promise<void>((resolve) =>
  process.stdout.write('', () => process.stderr.write('', () => resolve())),
);
process.exit(code);
