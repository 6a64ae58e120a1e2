/** Entry point: `npm start`. */
import { loadConfig } from './platform/config.ts';
import { startBalai } from './platform/boot.ts';
import { modules } from './modules/index.ts';

const started = performance.now();
const config = loadConfig();
const balai = await startBalai(config, modules, { listen: true }).catch((err: unknown) => {
  // For the operator: the cause, not a stack trace of the start-up code.
  console.error(`Balai tidak dapat dimulai: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
const ms = Math.round(performance.now() - started);
const url = `http://localhost:${config.port}`;
console.log(
  `Balai siap di ${url} (${ms} ms, ${config.databaseUrl ? 'DATABASE_URL' : 'PostgreSQL tertanam'}${config.production ? ', produksi' : ''})`,
);
if (!config.production && balai.demoLogins.length) {
  console.log(`\nAkun demo (kata sandi semua: ${balai.demoLogins[0]!.password}) — hanya untuk pengembangan:`);
  for (const l of balai.demoLogins) console.log(`  ${url}/${l.city}/masuk  ${l.role.padEnd(18)} ${l.email}`);
} else if (!config.production && config.demo) {
  console.log(
    'Data demo sudah ada. Akun demo: <peran>@<kota>.demo, misalnya admin.kota@bandung.demo, kata sandi balai-demo-2026.',
  );
}

// Stop cleanly (the embedded PostgreSQL too) on Ctrl-C, on a service stop, and on a crash.
let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  balai.stop().then(
    () => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('uncaughtException', (err) => {
  console.error('Kesalahan tak tertangani:', err);
  shutdown(1);
});
