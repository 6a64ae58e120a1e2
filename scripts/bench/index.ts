/**
 * `npm run bench`: Balai's speed beside bare baselines, in one run on one machine. Starts Balai
 * (`node src/main.ts`, demo data) on a throw-away embedded PostgreSQL, and beside it two bare
 * Fastify processes (scripts/bench/baseline.ts): one answering the same payloads from memory, one
 * running the public read's SQL through `pg`. Each row is driven by autocannon for a few seconds;
 * the table gives req/s, p50/p95/p99 and the ratio to each baseline, then a JSON line (`BENCH {…}`)
 * a CI job can keep. Prints figures; asserts nothing.
 *
 *   npm run bench [-- --seconds 10] [-- --connections 20] [-- --only api-publik,setoran]
 *   npm run bench:ledger          (deposits and withdrawals only)
 *
 * Rows: api-publik (public API read), api-masuk (signed-in API read), halaman-publik (public
 * page), halaman-masuk (signed-in page), setoran (deposit, 3 lines, 16 clients on one unit bank,
 * a new Idempotency-Key each), penarikan (withdrawal, 16 clients), cari (catalogue search, no
 * query sent twice). Also: the fresh start and the second start of Balai, and its RSS at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { embeddedUrl } from '../../src/platform/db/embedded.ts';
import { signIn } from '../lib/sign-in.ts';
import { runLoad, type LoadFigures, type LoadRequest } from './load.ts';
import { queryMaker, vocabularyOf } from './queries.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string' },
    connections: { type: 'string' },
    only: { type: 'string' },
  },
  strict: true,
});
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 20);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const SLUG = 'bandung';
const LOGIN = { email: 'admin.kota@bandung.demo', password: 'balai-demo-2026' };
const NODE = process.execPath;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts a process and resolves when a line of its output matches `ready`. */
function startProcess(
  file: string,
  argv: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(NODE, [file, ...argv], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) resolve({ child, ms: performance.now() - started });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${file} stopped (${code}):\n${out.slice(-2000)}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process in MB (Linux), 0 where it cannot be read. */
function rssMb(pid: number | undefined): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

async function getJson<T>(base: string, p: string, cookie?: string): Promise<T> {
  const res = await fetch(`${base}${p}`, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Row {
  key: string;
  label: string;
  connections: number;
  next: () => LoadRequest;
  /** Baselines to run the same requests against. */
  baselines: ('memory' | 'pg')[];
}

interface Figures {
  key: string;
  label: string;
  balai: LoadFigures;
  memory?: LoadFigures;
  pg?: LoadFigures;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-bench-'));
// The embedded server runs as the postgres user when this runs as root: it must reach the folder.
chmodSync(tmp, 0o755);
const children: ChildProcess[] = [];
async function cleanUp(): Promise<void> {
  for (const c of children) await stopProcess(c);
  rmSync(tmp, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanUp().then(() => process.exit(130)));

try {
  const [port, pgPort, memoryPort, basePgPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const balaiEnv = {
    PORT: String(port),
    HOST: '127.0.0.1',
    BALAI_PG_DIR: path.join(tmp, 'postgres'),
    BALAI_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `machine: ${os.cpus().length} CPU, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const fresh = await startProcess('src/main.ts', [], balaiEnv, /Balai siap/);
  let balai = fresh.child;
  children.push(balai);
  const freshFirstPage = await timeFirstPage(base, fresh.ms);

  // What the rows need: a session, a unit bank with a member and priced items, catalogue words.
  const session = await signIn(base, SLUG, LOGIN.email, LOGIN.password);
  const banks = await getJson<{ items: { id: string; tingkat: string; aktif: boolean }[] }>(
    base,
    `/api/v1/cities/${SLUG}/bank-sampah/banks?perPage=50`,
    session.cookie,
  );
  const bank = banks.items.find((b) => b.tingkat === 'unit' && b.aktif)!;
  const bankApi = `/api/v1/cities/${SLUG}/bank-sampah/banks/${bank.id}`;
  const nasabah = await getJson<{ items: { id: string; aktif: boolean }[] }>(
    base,
    `${bankApi}/nasabah?perPage=50`,
    session.cookie,
  );
  const members = nasabah.items.filter((n) => n.aktif).map((n) => n.id);
  const harga = await getJson<{
    items: { jenis: { kode: string }; harga: { bersih: { harga: number | null } } }[];
  }>(base, `${bankApi}/harga`, session.cookie);
  const priced = harga.items.filter((i) => i.harga.bersih.harga).map((i) => i.jenis.kode);
  const names: string[] = [];
  for (let page = 1; page <= 4; page++) {
    const katalog = await getJson<{ items: { nama: string }[] }>(
      base,
      `/api/v1/cities/${SLUG}/umkm/katalog/produk?perPage=50&page=${page}`,
    );
    names.push(...katalog.items.map((p) => p.nama));
  }
  const nextQuery = queryMaker(vocabularyOf(names));

  let i = 0;
  const write = (kind: 'setoran' | 'penarikan'): LoadRequest => {
    i++;
    const nasabahId = members[i % members.length]!;
    const body =
      kind === 'setoran'
        ? {
            nasabahId,
            baris: [0, 1, 2].map((k) => ({
              jenisKode: priced[(i + k) % priced.length]!,
              kondisi: 'bersih',
              kuantitas: `${1 + (i % 3)},5`,
            })),
          }
        : { nasabahId, jumlah: 100 };
    return {
      method: 'POST',
      path: `${bankApi}/${kind}`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    };
  };
  const get = (p: string, cookie?: string) => (): LoadRequest => ({
    path: p,
    ...(cookie ? { headers: { cookie } } : {}),
  });
  const allRows: Row[] = [
    {
      key: 'api-publik',
      label: 'public API read (kecamatan)',
      connections: CONNECTIONS,
      next: get(`/api/v1/cities/${SLUG}/wilayah/kecamatan`),
      baselines: ['memory', 'pg'],
    },
    {
      key: 'api-masuk',
      label: 'signed-in API read (banks)',
      connections: CONNECTIONS,
      next: get(`/api/v1/cities/${SLUG}/bank-sampah/banks`, session.cookie),
      baselines: ['memory'],
    },
    {
      key: 'halaman-publik',
      label: 'public page (catalogue)',
      connections: CONNECTIONS,
      next: get(`/${SLUG}/umkm`),
      baselines: ['memory'],
    },
    {
      key: 'halaman-masuk',
      label: 'signed-in page (bank list)',
      connections: CONNECTIONS,
      next: get(`/${SLUG}/bank-sampah`, session.cookie),
      baselines: ['memory'],
    },
    {
      key: 'setoran',
      label: 'deposit (3 lines)',
      connections: 16,
      next: () => write('setoran'),
      baselines: ['memory'],
    },
    {
      key: 'penarikan',
      label: 'withdrawal',
      connections: 16,
      next: () => write('penarikan'),
      baselines: ['memory'],
    },
    {
      key: 'cari',
      label: 'catalogue search (new queries)',
      connections: CONNECTIONS,
      next: () => ({
        path: `/api/v1/cities/${SLUG}/umkm/katalog/produk?q=${encodeURIComponent(nextQuery())}`,
      }),
      baselines: ['memory'],
    },
  ];
  const rows = allRows.filter((r) => !ONLY || ONLY.has(r.key));

  // The memory baseline answers each row's path with the payload Balai gave for it.
  const payloads: Record<string, { type: string; body: string; status: number }> = {};
  for (const r of rows) {
    const req = r.next();
    const res = await fetch(`${base}${req.path}`, {
      method: req.method ?? 'GET',
      headers: { ...(req.body ? { 'content-type': 'application/json' } : {}), ...req.headers },
      ...(req.body ? { body: req.body } : {}),
    });
    payloads[req.path.split('?')[0]!] = {
      type: res.headers.get('content-type') ?? 'application/json',
      body: await res.text(),
      status: res.status,
    };
  }
  const payloadFile = path.join(tmp, 'payloads.json');
  writeFileSync(payloadFile, JSON.stringify(payloads));
  const memory = await startProcess(
    'scripts/bench/baseline.ts',
    ['memory', String(memoryPort)],
    { BENCH_PAYLOADS: payloadFile },
    /ready/,
  );
  children.push(memory.child);
  const basePg = await startProcess(
    'scripts/bench/baseline.ts',
    ['pg', String(basePgPort)],
    { BENCH_DATABASE_URL: embeddedUrl(pgPort, 'balai') },
    /ready/,
  );
  children.push(basePg.child);

  const results: Figures[] = [];
  printHeader();
  for (const r of rows) {
    const run = (b: string) =>
      runLoad({ base: b, connections: r.connections, seconds: SECONDS, next: r.next });
    const f: Figures = { key: r.key, label: r.label, balai: await run(base) };
    if (r.baselines.includes('memory')) f.memory = await run(`http://127.0.0.1:${memoryPort}`);
    if (r.baselines.includes('pg')) f.pg = await run(`http://127.0.0.1:${basePgPort}`);
    results.push(f);
    printRow(f);
  }
  const rss = rssMb(balai.pid);

  // The second start: the same database, nothing new to do.
  await stopProcess(balai);
  const second = await startProcess('src/main.ts', [], balaiEnv, /Balai siap/);
  balai = second.child;
  children.push(balai);
  const secondFirstPage = await timeFirstPage(base, second.ms);

  console.log(
    `\nstart: fresh ${ms(freshFirstPage)} to the first page (${ms(fresh.ms)} to "siap"), second ${ms(secondFirstPage)}; Balai RSS after the rows ${rss} MB`,
  );
  console.log(
    `BENCH ${JSON.stringify({
      at: new Date().toISOString(),
      cpus: os.cpus().length,
      load: os.loadavg()[0],
      seconds: SECONDS,
      rows: results,
      startFreshMs: Math.round(freshFirstPage),
      startSecondMs: Math.round(secondFirstPage),
      rssMb: rss,
    })}`,
  );
} finally {
  await cleanUp();
}

/** From process start to the city home answering 200 (`started` ms already spent before "siap"). */
async function timeFirstPage(base: string, started: number): Promise<number> {
  const t = performance.now();
  for (;;) {
    const res = await fetch(`${base}/${SLUG}`).catch(() => null);
    if (res) await res.text();
    if (res?.status === 200) return started + performance.now() - t;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function ms(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}

function printHeader(): void {
  console.log(
    [
      'row'.padEnd(32),
      'req/s'.padStart(8),
      'p50'.padStart(7),
      'p95'.padStart(7),
      'p99'.padStart(7),
      'fail'.padStart(6),
      'memory'.padStart(8),
      'ratio'.padStart(6),
      'pg'.padStart(8),
      'ratio'.padStart(6),
    ].join(' '),
  );
}

function printRow(f: Figures): void {
  const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const lat = (n: number) => n.toFixed(1);
  const ratio = (b?: LoadFigures) => (b ? (f.balai.rps / b.rps).toFixed(2) : '—');
  console.log(
    [
      f.label.padEnd(32),
      num(f.balai.rps).padStart(8),
      lat(f.balai.p50).padStart(7),
      lat(f.balai.p95).padStart(7),
      lat(f.balai.p99).padStart(7),
      String(f.balai.failed).padStart(6),
      (f.memory ? num(f.memory.rps) : '—').padStart(8),
      ratio(f.memory).padStart(6),
      (f.pg ? num(f.pg.rps) : '—').padStart(8),
      ratio(f.pg).padStart(6),
    ].join(' '),
  );
  if (f.balai.firstFailure) console.log(`  first failure: ${f.balai.firstFailure}`);
}
