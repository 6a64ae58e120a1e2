/**
 * Cities on a production Balai, from the command line: `npm run kota -- <perintah>`.
 *
 *   tambah --kode 32.73 --slug bandung --nama "Kota Bandung" --admin admin@bandung.go.id [--nama-admin "Nama"]
 *       Creates a city (its code must be a kota in the wilayah reference data) and its first
 *       admin kota, whose one-time password is printed once.
 *   admin --kota bandung --email admin2@bandung.go.id [--nama "Nama"]
 *       Adds an admin kota to an existing city (e.g. when the only admin left).
 *   daftar
 *       Lists the cities.
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL when it is not set (stop a running
 * development server first: the embedded server's data folder can only be open once).
 * Runs the migrations and loads the reference data first, so it works on an empty database.
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
  const [transaction, problem, i18n, tenancy, registry, areas, users] = await Promise.all([
    import('../src/platform/db/transaction.ts'),
    import('../src/platform/http/problem.ts'),
    import('../src/platform/i18n/index.ts'),
    import('../src/platform/tenancy/service.ts'),
    import('../src/modules/index.ts'),
    import('../src/modules/wilayah/api.ts'),
    import('../src/modules/kota/users-service.ts'),
  ]);
  for (const m of registry.modules) i18n.registerMessages(m.messages);
  return {
    ...transaction,
    ...problem,
    ...i18n,
    ...tenancy,
    ...registry,
    ...areas,
    ...users,
  };
}
type App = Awaited<ReturnType<typeof loadApp>>;
let loaded: Promise<App> | undefined;
const load = (): Promise<App> => (loaded ??= loadApp());

const USAGE = `Pemakaian: npm run kota -- <perintah> [pilihan]

Perintah:
  tambah --kode <kode> --slug <slug> --nama "<nama kota>" --admin <email> [--nama-admin "<nama>"]
      Menambah kota beserta admin kota pertamanya. Kode harus kota dalam data wilayah
      (misalnya 32.73 untuk Kota Bandung); slug dipakai di alamat web (/bandung).
  admin --kota <slug> --email <email> [--nama "<nama>"]
      Menambah admin kota ke kota yang sudah ada.
  daftar
      Menampilkan daftar kota.

Basis data: DATABASE_URL, atau PostgreSQL tertanam bila tidak diisi.`;

const KODE_RE = /^\d{2}\.\d{2}$/;
const SLUG_RE = /^[a-z][a-z0-9-]{1,39}$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function required(
  values: Record<string, string | boolean | undefined>,
  names: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const n of names) {
    const v = values[n];
    if (typeof v === 'string' && v.trim()) out[n] = v.trim();
    else missing.push(`--${n}`);
  }
  if (missing.length) throw new CliError(`Pilihan wajib belum diisi: ${missing.join(', ')}\n\n${USAGE}`, 2);
  return out;
}

function checkEmail(email: string): string {
  if (!EMAIL_RE.test(email) || email.length > 254) throw new CliError(`Email tidak valid: ${email}`, 2);
  return email.toLowerCase();
}

interface Database extends CliDatabase {
  app: App;
}

async function openDb(): Promise<Database> {
  const app = await load();
  return { app, ...(await openCliDatabase(app.modules)) };
}

async function addAdmin(d: Database, cityId: string, name: string, email: string): Promise<string> {
  const { app } = d;
  const names = app.modules.map((m) => m.name);
  const r = await app.withTenant(d.handle.db, cityId, CLI_ACTOR, (trx) =>
    app.createAccount(trx, cityId, { name, email, role: 'admin_kota', areaKode: cityId }, names),
  );
  return r.temporaryPassword;
}

function printPassword(slug: string, email: string, password: string): void {
  console.log(`\nAdmin kota : ${email}`);
  console.log(`Kata sandi sementara (hanya ditampilkan sekali): ${password}`);
  console.log(`Masuk di /${slug}/masuk; kata sandi ini wajib diganti saat pertama masuk.`);
}

async function tambah(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      kode: { type: 'string' },
      slug: { type: 'string' },
      nama: { type: 'string' },
      admin: { type: 'string' },
      'nama-admin': { type: 'string' },
    },
    strict: true,
  });
  const v = required(values, ['kode', 'slug', 'nama', 'admin']);
  if (!KODE_RE.test(v.kode!)) throw new CliError(`Kode kota tidak valid: ${v.kode} (contoh: 32.73)`, 2);
  if (!SLUG_RE.test(v.slug!)) {
    throw new CliError(
      `Slug tidak valid: ${v.slug} (huruf kecil, angka dan tanda minus, 2–40 karakter, diawali huruf)`,
      2,
    );
  }
  if (v.nama!.length < 3 || v.nama!.length > 120) {
    throw new CliError('Nama kota harus 3 sampai 120 karakter.', 2);
  }
  const email = checkEmail(v.admin!);
  const adminName = values['nama-admin']?.trim() || `Admin ${v.nama}`;

  const d = await openDb();
  const { app } = d;
  try {
    const area = await app.withoutTenant(d.handle.db, (trx) => app.findArea(trx, v.kode!));
    if (!area || area.tingkat !== 'kota') {
      throw new CliError(
        `Kode ${v.kode} tidak ada di data wilayah sebagai kota${area ? ` (tingkat: ${area.tingkat})` : ''}. ` +
          'Tambahkan dulu data kecamatan dan kelurahannya ke data/wilayah (lihat data/wilayah/README.md).',
      );
    }
    if (await app.cityExists(d.handle.db, v.kode!)) {
      throw new CliError(`Kota dengan kode ${v.kode} sudah ada.`);
    }
    if (await app.findCityBySlug(d.handle.db, v.slug!)) {
      throw new CliError(`Slug "${v.slug}" sudah dipakai kota lain.`);
    }
    await app.createCity(d.handle.db, {
      id: v.kode!,
      slug: v.slug!,
      name: v.nama!,
      modules: app.modules.filter((m) => m.optional).map((m) => m.name),
      demo: false,
    });
    console.log(`Kota ${v.nama} (${v.kode}) dibuat: /${v.slug} (data wilayah: ${area.nama}).`);
    let password: string;
    try {
      password = await addAdmin(d, v.kode!, adminName, email);
    } catch (err) {
      throw new CliError(
        `Kota sudah dibuat, tetapi admin kota gagal dibuat: ${describe(err, app)}\n` +
          `Ulangi dengan: npm run kota -- admin --kota ${v.slug} --email <email>`,
      );
    }
    printPassword(v.slug!, email, password);
  } finally {
    await closeCliDatabase(d);
  }
}

async function admin(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { kota: { type: 'string' }, email: { type: 'string' }, nama: { type: 'string' } },
    strict: true,
  });
  const v = required(values, ['kota', 'email']);
  const email = checkEmail(v.email!);
  const d = await openDb();
  try {
    const city = await d.app.findCityBySlug(d.handle.db, v.kota!);
    if (!city) throw new CliError(`Kota "${v.kota}" tidak ditemukan. Lihat: npm run kota -- daftar`);
    const password = await addAdmin(d, city.id, values.nama?.trim() || `Admin ${city.name}`, email);
    console.log(`Admin kota ditambahkan ke ${city.name} (${city.id}).`);
    printPassword(city.slug, email, password);
  } finally {
    await closeCliDatabase(d);
  }
}

async function daftar(args: string[]): Promise<void> {
  parseArgs({ args, options: {}, strict: true });
  const d = await openDb();
  try {
    const cities = await d.app.listCities(d.handle.db);
    if (!cities.length) {
      console.log(
        'Belum ada kota. Tambahkan dengan: npm run kota -- tambah --kode <kode> --slug <slug> --nama "<nama>" --admin <email>',
      );
      return;
    }
    const rows = [['KODE', 'SLUG', 'NAMA', 'MODUL OPSIONAL', 'DEMO']];
    for (const c of cities) {
      rows.push([c.id, c.slug, c.name, c.modules.join(', ') || '-', c.demo ? 'ya' : '']);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
    for (const r of rows) console.log(line(r).trimEnd());
  } finally {
    await closeCliDatabase(d);
  }
}

function describe(err: unknown, app: App | undefined): string {
  if (app && err instanceof app.HttpProblem) {
    const t = (key: string) => app.t('id', key, err.params);
    const detail = err.errors?.map((e) => t(e.detail)).join('; ');
    return detail ? `${t(err.titleKey)} (${detail})` : t(err.titleKey);
  }
  return err instanceof Error ? err.message : String(err);
}

await runCli({
  usage: USAGE,
  commands: { tambah, admin, daftar },
  describeError: async (err) => describe(err, await load().catch(() => undefined)),
});
