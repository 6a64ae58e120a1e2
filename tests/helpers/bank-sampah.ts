/**
 * Robustness harness for the bank sampah ledger (ADR 0010): a scenario of banks, members, prices
 * and operators inserted as the database owner; seeded clients that drive a random mix of
 * deposits, withdrawals, sales, reversals and approvals through the real HTTP API (replays with
 * the same Idempotency-Key, connections cut mid-request, retries after a server crash); a Balai
 * server in a child process that can be killed; and a check of the ledger's invariants that
 * reads the database as owner and the API, and compares both with what the clients were told.
 *
 * The seed fixes every client's plan; the interleaving of the clients is up to the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { SYSTEM_ACTOR, withTenant } from '../../src/platform/db/transaction.ts';
import { translator } from '../../src/platform/i18n/index.ts';
import { verifikasiBukuBesar } from '../../src/modules/bank-sampah/verifikasi.ts';
import { projectRoot } from '../../src/platform/config.ts';
import { DEMO_PASSWORD, demoEmail, seededRandom } from '../../src/platform/demo.ts';
import { asOwner } from './tenant-db.ts';

export const CITY_ID = '32.73';
export const CITY_SLUG = 'bandung';
export const API = `/api/v1/cities/${CITY_SLUG}/bank-sampah`;

/**
 * The clients' deposits (up to 4 lines of up to 40 pcs at up to Rp 45.000) stay below the bank's
 * limits, so that every deposit is posted at once as the model expects; deposits above the limits
 * are tested on their own.
 */
async function noDepositLimits(db: pg.Client, bankId: string): Promise<void> {
  await db.query(
    'update bank_sampah set batas_baris_kg = 100000, batas_setoran = 1000000000 where tenant_id = $1 and id = $2',
    [CITY_ID, bankId],
  );
}

// ---- Seeded randomness ----

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)] as T;
  }
  /** `n` distinct elements. */
  sample<T>(xs: readonly T[], n: number): T[] {
    const copy = [...xs];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }
}

/** The seeds to run: BALAI_SEED (comma-separated) reproduces a run, else the defaults. */
export function seedsFromEnv(defaults: number[]): number[] {
  const raw = process.env.BALAI_SEED;
  if (!raw) return defaults;
  const seeds = raw.split(',').map((s) => Number(s.trim()));
  if (seeds.some((s) => !Number.isSafeInteger(s)))
    throw new Error(`BALAI_SEED must be integers, got "${raw}"`);
  return seeds;
}

// ---- Money and quantity rules, computed independently of the ledger ----

/** value of `milli` thousandths at `price` rupiah per unit, rounded half up (exact integers). */
export function nilai(milli: number, price: number): number {
  return Number((BigInt(milli) * BigInt(price) + 500n) / 1000n);
}

/** Fee of `basis` hundredths of a percent on `value` (value ≥ 0), rounded half up. */
export function fee(value: number, basis: number): number {
  return Number((BigInt(value) * BigInt(basis) + 5000n) / 10000n);
}

/** A decimal string like "-12.500" or "3" into integer thousandths. */
export function parseMilli(s: string | number): number {
  const str = String(s).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(str);
  if (!m) throw new Error(`not a decimal: ${str}`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  if (frac.length > 3 && /[1-9]/.test(frac.slice(3))) throw new Error(`more than 3 decimals: ${str}`);
  const v = Number(m[2]) * 1000 + Number(frac.slice(0, 3));
  return m[1] ? -v : v;
}

// ---- Scenario ----

export interface Account {
  email: string;
  password: string;
}

export interface Pilihan {
  jenisKode: string;
  kondisi: 'bersih' | 'kotor';
}

export interface BankSetup {
  id: string;
  kode: string;
  tingkat: 'unit' | 'induk';
  indukId: string | null;
  ambang: number | null;
  /** bagi hasil in hundredths of a percent */
  basis: number;
  warisi: boolean;
  /** Household members created by the scenario (not the units' accounts at an induk). */
  members: string[];
  /** Price in force now per "jenis|kondisi" (own, or inherited from the induk). */
  harga: Map<string, number>;
  /** Items and conditions a deposit may use. */
  pilihan: Pilihan[];
  /** Items and conditions the bank does not buy now (no price, or a price ended). */
  tanpaHarga: Pilihan[];
  operator: Account;
}

export interface Scenario {
  tag: string;
  induk: BankSetup;
  units: BankSetup[];
  banks: BankSetup[];
  /** Ketua of the unit with an approval threshold (approves its withdrawal requests). */
  approver: Account | null;
  /** Reads everything (admin kota of the city). */
  admin: Account;
}

const ITEMS = [
  'pet-bening',
  'pet-warna',
  'gelas-pp',
  'hdpe',
  'kantong-plastik',
  'kardus',
  'kertas-hvs',
  'koran',
  'besi',
  'aluminium',
  'kaleng',
  'botol-kaca',
  'minyak-jelantah',
  'elektronik',
];
/** The induk does not buy these (a sale of them to the induk is refused). */
const NOT_AT_INDUK = new Set(['elektronik']);
const PCS = new Set(['botol-kaca']);

const PASSWORD = 'uji-ketahanan-2026';
let passwordHash: Promise<string> | null = null;
let scenarioCounter = 0;

/** Runs fn in one owner transaction with the city set (so row-level security never hides rows). */
export function asCity<T>(db: pg.Client, fn: () => Promise<T>): Promise<T> {
  return asOwner(db, CITY_ID, fn);
}

interface PriceRow {
  bankId: string;
  jenis: string;
  kondisi: 'bersih' | 'kotor';
  harga: number | null;
  at: Date;
}

function priceNow(rows: PriceRow[], bankId: string, jenis: string, kondisi: string, now: Date) {
  const own = rows
    .filter((r) => r.bankId === bankId && r.jenis === jenis && r.kondisi === kondisi && r.at <= now)
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  return own;
}

/**
 * An induk with a few household members and `units` unit banks in new RWs of Bandung, each with
 * 10–30 members, a price list with history (older and future rows, an item whose price ended),
 * one unit inheriting the induk's prices, one with a withdrawal approval threshold (if units ≥ 3).
 */
export async function createScenario(
  db: pg.Client,
  opts: { seed: number; units?: number; thresholdUnit?: boolean },
): Promise<Scenario> {
  const rng = new Rng(opts.seed * 7919 + 17);
  const nUnits = opts.units ?? 3;
  const tag =
    `${(process.pid % 1000).toString(36)}${(++scenarioCounter).toString(36)}${opts.seed.toString(36)}`
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 10);
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const now = new Date();
  const day = 86400_000;

  return asCity(db, async () => {
    const kel = (
      await db.query<{ kode: string }>(
        `select kode from wilayah where tingkat = 'kelurahan' and kode like $1 order by kode limit 40`,
        [`${CITY_ID}.%`],
      )
    ).rows.map((r) => r.kode);
    if (kel.length === 0) throw new Error('no kelurahan for Bandung in the reference data');

    const newUser = async (
      name: string,
      role: string | null,
      area: string | null,
    ): Promise<[string, Account]> => {
      const email = `${name.toLowerCase()}@uji-ketahanan.example`;
      const u = await db.query<{ id: string }>(
        `insert into users (tenant_id, email, name, password_hash) values ($1, $2, $3, $4) returning id`,
        [CITY_ID, email, `Uji ${name}`, hash],
      );
      const id = u.rows[0]!.id;
      if (role && area) {
        await db.query(
          `insert into user_roles (tenant_id, user_id, role, area_kode) values ($1, $2, $3, $4)`,
          [CITY_ID, id, role, area],
        );
      }
      return [id, { email, password: PASSWORD }];
    };

    const prices: PriceRow[] = [];
    /** A price of a bank from `hari` days from now on (negative: in the past). */
    const addPrice = async (
      bankId: string,
      jenis: string,
      kondisi: PriceRow['kondisi'],
      harga: number | null,
      hari: number,
    ) => {
      const p: PriceRow = { bankId, jenis, kondisi, harga, at: new Date(now.getTime() + hari * day) };
      prices.push(p);
      await db.query(
        `insert into bank_sampah_harga (tenant_id, bank_id, jenis_kode, kondisi, harga, berlaku_mulai)
         values ($1, $2, $3, $4, $5, $6)`,
        [CITY_ID, p.bankId, p.jenis, p.kondisi, p.harga, p.at],
      );
    };
    const addMembers = async (bankId: string, kode: string, n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 1; i <= n; i++) {
        const r = await db.query<{ id: string }>(
          `insert into bank_sampah_nasabah (tenant_id, bank_id, nomor, jenis, nama)
           values ($1, $2, $3, 'rumah_tangga', $4) returning id`,
          [CITY_ID, bankId, `${kode}-${String(i).padStart(3, '0')}`, `Nasabah ${kode} ${i}`],
        );
        ids.push(r.rows[0]!.id);
      }
      return ids;
    };

    // The induk: the city's bank, operated by a teller (pengurus) with no area role.
    const indukKode = `I${tag}`;
    const induk = await db.query<{ id: string }>(
      `insert into bank_sampah (tenant_id, kode, nama, tingkat, lembaga, area_kode, bagi_hasil_persen)
       values ($1, $2, $3, 'induk', 'rw', $1, $4) returning id`,
      [CITY_ID, indukKode, `Bank Sampah Induk ${tag}`, '5.00'],
    );
    const indukId = induk.rows[0]!.id;
    await noDepositLimits(db, indukId);
    const [indukOpId, indukOp] = await newUser(`op-${tag}-induk`, 'warga', CITY_ID);
    await db.query(
      `insert into bank_sampah_pengurus (tenant_id, bank_id, user_id, jabatan) values ($1, $2, $3, 'teller')`,
      [CITY_ID, indukId, indukOpId],
    );
    for (const jenis of ITEMS) {
      if (NOT_AT_INDUK.has(jenis)) continue;
      const bersih = rng.int(20, 300) * 50;
      await addPrice(indukId, jenis, 'bersih', Math.round(bersih * 0.5), -700);
      await addPrice(indukId, jenis, 'bersih', bersih, -200);
      if (rng.chance(0.5)) {
        await addPrice(indukId, jenis, 'kotor', Math.round(bersih * 0.6), -200);
      }
      if (rng.chance(0.3)) {
        await addPrice(indukId, jenis, 'bersih', bersih * 3, 30);
      }
    }
    const indukMembers = await addMembers(indukId, indukKode, 5);

    const units: {
      id: string;
      kode: string;
      ambang: number | null;
      basis: number;
      warisi: boolean;
      members: string[];
      operator: Account;
    }[] = [];
    let approver: Account | null = null;
    for (let u = 0; u < nUnits; u++) {
      const kelurahan = kel[(scenarioCounter * 7 + u) % kel.length]!;
      const nomor = 500 + ((scenarioCounter * 13 + u * 101 + opts.seed * 37) % 499);
      const rw = await db.query<{ id: string }>(
        `insert into rw (tenant_id, kelurahan_kode, nomor) values ($1, $2, $3)
         on conflict (tenant_id, kelurahan_kode, nomor) do update set nomor = excluded.nomor returning id`,
        [CITY_ID, kelurahan, nomor],
      );
      const area = `${kelurahan}.${String(nomor).padStart(3, '0')}`;
      const kode = `U${tag}-${u + 1}`;
      const warisi = u === 1;
      const ambang = opts.thresholdUnit !== false && u === 2 ? 50_000 : null;
      const basis = [0, 1000, 1250, 750][u % 4]!;
      const b = await db.query<{ id: string }>(
        `insert into bank_sampah (tenant_id, kode, nama, tingkat, lembaga, rw_id, area_kode, induk_id,
                                  ambang_persetujuan, bagi_hasil_persen, warisi_harga_induk)
         values ($1, $2, $3, 'unit', 'rw', $4, $5, $6, $7, $8, $9) returning id`,
        [
          CITY_ID,
          kode,
          `Bank Sampah Unit ${kode}`,
          rw.rows[0]!.id,
          area,
          indukId,
          ambang,
          (basis / 100).toFixed(2),
          warisi,
        ],
      );
      const id = b.rows[0]!.id;
      await noDepositLimits(db, id);
      const [, operator] = await newUser(`op-${tag}-u${u + 1}`, 'pengurus_rw', area);
      if (ambang !== null) {
        const [ketuaId, ketua] = await newUser(`ketua-${tag}-u${u + 1}`, 'warga', CITY_ID);
        await db.query(
          `insert into bank_sampah_pengurus (tenant_id, bank_id, user_id, jabatan) values ($1, $2, $3, 'ketua')`,
          [CITY_ID, id, ketuaId],
        );
        approver = ketua;
      }
      // The unit's items: some always, the rest at random; an inheriting unit prices only part.
      const items = [...new Set(['kardus', 'besi', 'elektronik', ...rng.sample(ITEMS, rng.int(4, 8))])];
      for (const jenis of items) {
        if (warisi && !NOT_AT_INDUK.has(jenis) && rng.chance(0.5)) continue; // the induk's price applies
        const bersih = rng.int(10, 250) * 50;
        await addPrice(id, jenis, 'bersih', bersih * 2, -720);
        await addPrice(id, jenis, 'bersih', bersih, -300);
        if (rng.chance(0.6)) {
          await addPrice(id, jenis, 'kotor', Math.round(bersih * 0.7), -300);
        }
        if (rng.chance(0.25)) {
          await addPrice(id, jenis, 'bersih', bersih + 1000, 20);
        }
      }
      // One item no longer bought (its price ended ten days ago).
      const ended = items.find(
        (j) =>
          !['kardus', 'besi', 'elektronik'].includes(j) &&
          prices.some((p) => p.bankId === id && p.jenis === j && p.kondisi === 'bersih'),
      );
      if (ended) {
        await addPrice(id, ended, 'bersih', null, -10);
      }
      const members = await addMembers(id, kode, rng.int(10, 30));
      units.push({ id, kode, ambang, basis, warisi, members, operator });
    }

    const setupOf = (
      id: string,
      kode: string,
      tingkat: 'unit' | 'induk',
      basis: number,
      warisi: boolean,
      ambang: number | null,
      members: string[],
      operator: Account,
    ): BankSetup => {
      const harga = new Map<string, number>();
      const pilihan: Pilihan[] = [];
      const tanpaHarga: Pilihan[] = [];
      for (const jenis of ITEMS) {
        for (const kondisi of ['bersih', 'kotor'] as const) {
          const own = priceNow(prices, id, jenis, kondisi, now);
          const inherited = !own && warisi ? priceNow(prices, indukId, jenis, kondisi, now) : undefined;
          const row = own ?? inherited;
          if (row && row.harga !== null) {
            harga.set(`${jenis}|${kondisi}`, row.harga);
            pilihan.push({ jenisKode: jenis, kondisi });
          } else if (row || prices.some((p) => p.bankId === id && p.jenis === jenis)) {
            tanpaHarga.push({ jenisKode: jenis, kondisi });
          }
        }
      }
      return {
        id,
        kode,
        tingkat,
        indukId: tingkat === 'unit' ? indukId : null,
        ambang,
        basis,
        warisi,
        members,
        harga,
        pilihan,
        tanpaHarga,
        operator,
      };
    };
    const indukSetup = setupOf(indukId, indukKode, 'induk', 500, false, null, indukMembers, indukOp);
    const unitSetups = units.map((u) =>
      setupOf(u.id, u.kode, 'unit', u.basis, u.warisi, u.ambang, u.members, u.operator),
    );
    return {
      tag,
      induk: indukSetup,
      units: unitSetups,
      banks: [indukSetup, ...unitSetups],
      approver,
      admin: { email: demoEmail('admin_kota', CITY_SLUG), password: DEMO_PASSWORD },
    };
  });
}

// ---- HTTP over real sockets ----

/** Where the server listens; a restarted server may move, so clients read it on every request. */
export interface Target {
  url: string;
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request; rejects on any network error (refused, reset, timeout). */
export function httpRequest(
  target: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  timeoutMs = 20_000,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, target.url);
    const req = http.request(
      url,
      {
        method,
        agent,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
          });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends a request over a raw socket and cuts the connection before reading any answer:
 * 'partial' after the headers and part of the body (the server never sees a whole request),
 * 'full' `waitMs` after the whole request (the server may or may not have done it).
 */
export async function cutRequest(
  target: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string,
  mode: 'partial' | 'full',
  waitMs: number,
  reset: boolean,
): Promise<void> {
  const url = new URL(target.url);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  try {
    await once(socket, 'connect');
  } catch {
    socket.destroy();
    return;
  }
  const bytes = Buffer.from(body, 'utf8');
  const head =
    `${method} ${path} HTTP/1.1\r\nhost: ${url.host}\r\n` +
    Object.entries({ ...headers, 'content-length': String(bytes.length) })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n') +
    '\r\n\r\n';
  if (mode === 'partial') {
    socket.write(Buffer.concat([Buffer.from(head), bytes.subarray(0, Math.floor(bytes.length / 2))]));
    await sleep(waitMs);
  } else {
    socket.write(Buffer.concat([Buffer.from(head), bytes]));
    await sleep(waitMs);
  }
  if (reset && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}

/** A signed-in client: cookies (session, CSRF) and the CSRF header, like the app's own pages. */
export class Session {
  readonly target: Target;
  readonly cookies = new Map<string, string>();
  constructor(target: Target) {
    this.target = target;
  }

  private remember(setCookie: string[] | undefined): void {
    for (const c of setCookie ?? []) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  headers(json: boolean): Record<string, string> {
    const h: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      accept: 'application/json',
    };
    const csrf = this.cookies.get('balai_csrf');
    if (csrf) h['x-csrf-token'] = csrf;
    if (json) h['content-type'] = 'application/json';
    return h;
  }

  async request(
    method: string,
    path: string,
    json?: unknown,
    extra: Record<string, string> = {},
  ): Promise<HttpResult> {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const res = await httpRequest(
      this.target,
      method,
      path,
      { ...this.headers(body !== undefined), ...extra },
      body,
    );
    const sc = res.headers['set-cookie'];
    this.remember(Array.isArray(sc) ? sc : sc ? [sc] : undefined);
    return res;
  }

  async login(account: Account): Promise<this> {
    const csrf = await this.request('GET', '/api/v1/csrf');
    if (csrf.status !== 200) throw new Error(`csrf: ${csrf.status} ${csrf.text}`);
    const r = await this.request('POST', `/api/v1/cities/${CITY_SLUG}/session`, account);
    if (r.status !== 200) throw new Error(`login ${account.email}: ${r.status} ${r.text}`);
    return this;
  }
}

// ---- Clients: the random mix of operations ----

type Kind = 'setoran' | 'penarikan' | 'penjualan' | 'pembatalan';
type Variant = 'plain' | 'cut' | 'seqReplay' | 'concReplay' | 'modReplay';

interface Effect {
  /** saldo: a member's savings (member id, or "unit:<unit bank id>" for a unit's account at its induk) */
  type: 'saldo' | 'stok' | 'kas' | 'piutang';
  bankId: string;
  key: string;
  amount: number;
}

/** An entry the clients know about (acknowledged, or created with an acknowledged sale). */
export interface Known {
  id: string;
  bankId: string;
  jenis: Kind | 'pencairan';
  effects: Effect[];
  /** A reversal answers 409 for it (a reversal, or the other bank's half of a unit↔induk operation). */
  irreversible: boolean;
  /** The other bank's half of a unit↔induk operation (reversed together with its origin). */
  linked: boolean;
  reversedBy: string | null;
  /** The other half: a sale's deposit at the induk, a withdrawal's pencairan at the unit. */
  terkaitId: string | null;
  opKey: string | null;
}

interface Line {
  jenisKode: string;
  kondisi?: 'bersih' | 'kotor';
  milli: number;
  hargaSatuan?: number;
}

export interface Op {
  worker: number;
  n: number;
  bank: BankSetup;
  kind: Kind;
  key: string;
  path: string;
  body: Record<string, unknown>;
  variant: Variant;
  expect: 'ok' | 'maybe' | 'refuse';
  memberId?: string;
  lines?: Line[];
  toInduk?: boolean;
  /** A withdrawal at the induk by a unit bank (its account there). */
  unitId?: string;
  jumlah?: number;
  target?: Known;
  /** Attempts that got no answer (network error) after the request may have reached the server. */
  unknown: boolean;
  networkErrors: number;
  statuses: number[];
  /** The acknowledged result: an entry or a withdrawal request. */
  ackId: string | null;
  ackKind: 'jurnal' | 'pengajuan' | null;
  /** How the acknowledgement came: a new result (201/202) or a replay (200). */
  ackedNew: number;
  ackedReplay: number;
  refusedWith: number | null;
}

export interface LoadStats {
  ops: number;
  requests: number;
  acknowledged: number;
  refused: number;
  status409: number;
  status400: number;
  pending202: number;
  replays: number;
  concurrentReplays: number;
  modifiedReplays409: number;
  cuts: number;
  cutThenReplayed: number;
  cutThenNew: number;
  networkErrors: number;
  status5xx: number;
  approvals: number;
  rejections: number;
  reversals: number;
  salesToInduk: number;
  lateOriginals: number;
  inFlightAtCrash: number;
}

export interface LoadResult {
  ops: Op[];
  known: Map<string, Known>;
  pengajuan: Map<
    string,
    {
      bankId: string;
      memberId: string;
      jumlah: number;
      status: 'menunggu' | 'disetujui' | 'ditolak';
      jurnalId: string | null;
    }
  >;
  stats: LoadStats;
  violations: string[];
  model: Model;
  adopt(op: Op, result: OperasiJson | { pengajuan: { id: string } }): void;
}

/** What the clients believe, from acknowledged results only. */
export class Model {
  readonly saldo = new Map<string, number>();
  readonly stok = new Map<string, number>();
  readonly kas = new Map<string, number>();
  readonly piutang = new Map<string, number>();
  apply(effects: Effect[], sign = 1): void {
    for (const e of effects) {
      const m = this[e.type];
      const k = `${e.bankId}|${e.key}`;
      m.set(k, (m.get(k) ?? 0) + sign * e.amount);
    }
  }
  get(type: Effect['type'], bankId: string, key: string): number {
    return this[type].get(`${bankId}|${key}`) ?? 0;
  }
}

export interface LoadOptions {
  scenario: Scenario;
  /** A signed-in operator session per bank id. */
  sessions: Map<string, Session>;
  approver: Session | null;
  seed: number;
  workers: number;
  opsPerWorker: number;
  cutRate?: number;
  replayRate?: number;
  concurrentReplayRate?: number;
  modifiedReplayRate?: number;
  /** How long an operation may keep retrying (the server may be down meanwhile). */
  retryDeadlineMs?: number;
  /** 5xx answers are violations (true unless the test expects them). */
  forbid5xx?: boolean;
}

export interface OperasiJson {
  id: string;
  jenis: string;
  jenisAsal: string | null;
  bankId: string;
  total: number;
  bagiHasil: number;
  nasabah: { id: string } | null;
  baris: {
    jenisKode: string;
    kuantitas: number;
    hargaSatuan: number | null;
    nilai: number;
    kondisi: string | null;
  }[];
  membatalkan: { id: string } | null;
  terkaitId: string | null;
}

export interface Load {
  done: Promise<LoadResult>;
  /** Requests currently waiting for an answer. */
  inFlight(): number;
  stats: LoadStats;
}

function formatKuantitas(rng: Rng, milli: number): number | string {
  const whole = Math.floor(milli / 1000);
  const frac = milli % 1000;
  const r = rng.next();
  if (r < 0.4) return milli / 1000;
  const fracStr = frac === 0 ? '' : String(frac).padStart(3, '0').replace(/0+$/, '');
  // A quantity sent as text is read as typed in Indonesia: with the decimal comma (a dot is refused).
  const sep = ',';
  return fracStr ? `${whole}${sep}${fracStr}` : `${whole}`;
}

/** Starts the clients; resolves when every client has finished its plan. */
export function startLoad(o: LoadOptions): Load {
  const cutRate = o.cutRate ?? 0.1;
  const replayRate = o.replayRate ?? 0.1;
  const concRate = o.concurrentReplayRate ?? 0.05;
  const modRate = o.modifiedReplayRate ?? 0.04;
  const deadlineMs = o.retryDeadlineMs ?? 30_000;
  const forbid5xx = o.forbid5xx ?? true;
  const { scenario } = o;
  const stats: LoadStats = {
    ops: 0,
    requests: 0,
    acknowledged: 0,
    refused: 0,
    status409: 0,
    status400: 0,
    pending202: 0,
    replays: 0,
    concurrentReplays: 0,
    modifiedReplays409: 0,
    cuts: 0,
    cutThenReplayed: 0,
    cutThenNew: 0,
    networkErrors: 0,
    status5xx: 0,
    approvals: 0,
    rejections: 0,
    reversals: 0,
    salesToInduk: 0,
    lateOriginals: 0,
    inFlightAtCrash: 0,
  };
  const violations: string[] = [];
  const ops: Op[] = [];
  const known = new Map<string, Known>();
  const pool = new Map<string, Known[]>(scenario.banks.map((b) => [b.id, []]));
  const pengajuan: LoadResult['pengajuan'] = new Map();
  const pending = new Map<string, string[]>(scenario.banks.map((b) => [b.id, []]));
  const model = new Model();
  let inFlight = 0;
  const byId = new Map(scenario.banks.map((b) => [b.id, b]));
  /** Each unit's member id at the induk, learnt from the induk's deposit of a sale. */
  const unitMembers = new Map<string, string>();
  const learnUnitMembers = async (session: Session) => {
    for (const k of [...known.values()]) {
      if (k.jenis !== 'penjualan' || !k.terkaitId) continue;
      const unitId = k.bankId;
      if (unitMembers.has(unitId)) continue;
      const r = await session
        .request('GET', `${API}/banks/${scenario.induk.id}/jurnal/${k.terkaitId}`)
        .catch(() => null);
      const id = r?.status === 200 ? r.json<OperasiJson>().nasabah?.id : undefined;
      if (id) unitMembers.set(unitId, id);
    }
  };

  const remember = (k: Known) => {
    if (known.has(k.id)) return;
    known.set(k.id, k);
    pool.get(k.bankId)?.push(k);
    model.apply(k.effects);
  };

  const send = async (
    session: Session,
    op: Op,
    body: Record<string, unknown>,
  ): Promise<HttpResult | null> => {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      inFlight++;
      stats.requests++;
      try {
        const r = await session.request('POST', op.path, body, { 'idempotency-key': op.key });
        op.statuses.push(r.status);
        if (r.status >= 500) {
          stats.status5xx++;
          if (forbid5xx) violations.push(`${op.key}: ${r.status} ${r.text.slice(0, 200)}`);
          op.unknown = true;
          if (attempt >= 3 || Date.now() - started > deadlineMs) return null;
          await sleep(20 + Math.random() * 50);
          continue;
        }
        return r;
      } catch {
        stats.networkErrors++;
        op.networkErrors++;
        op.unknown = true;
        if (Date.now() - started > deadlineMs) {
          violations.push(`${op.key}: no answer within ${deadlineMs} ms`);
          return null;
        }
        await sleep(Math.min(500, 25 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
      } finally {
        inFlight--;
      }
    }
  };

  /** Records one answer for an operation; `fresh`: no earlier attempt of this key could have done it. */
  const settle = (op: Op, r: HttpResult | null, opts: { concurrentCopy?: boolean } = {}) => {
    if (!r) return;
    const replayed = r.headers['idempotent-replayed'] === 'true';
    if (r.status === 201 || r.status === 202 || r.status === 200) {
      const j = r.json<Record<string, unknown>>();
      const isPengajuan = 'pengajuan' in j;
      const id = isPengajuan ? (j.pengajuan as { id: string }).id : (j as unknown as OperasiJson).id;
      if (r.status === 200 && !replayed) violations.push(`${op.key}: 200 without idempotent-replayed`);
      if (r.status !== 200 && replayed) violations.push(`${op.key}: ${r.status} marked as replayed`);
      if ((r.status === 202) !== isPengajuan && r.status !== 200)
        violations.push(`${op.key}: ${r.status} with ${isPengajuan ? 'a request' : 'an entry'}`);
      if (op.ackId && op.ackId !== id) violations.push(`${op.key}: acknowledged as ${op.ackId} and as ${id}`);
      if (r.status === 200) {
        op.ackedReplay++;
        stats.replays++;
        if (!op.ackId && !op.unknown && !opts.concurrentCopy)
          violations.push(`${op.key}: a replay answer for a key never used before`);
      } else {
        op.ackedNew++;
        if (op.ackedNew > 1) violations.push(`${op.key}: applied ${op.ackedNew} times (two new results)`);
      }
      if (op.expect === 'refuse') violations.push(`${op.key}: expected a refusal, got ${r.status}`);
      if (!op.ackId) {
        op.ackId = id;
        op.ackKind = isPengajuan ? 'pengajuan' : 'jurnal';
        stats.acknowledged++;
        if (op.unknown && op.variant === 'cut') {
          if (r.status === 200) stats.cutThenReplayed++;
          else stats.cutThenNew++;
        }
        acknowledge(op, j);
      }
      return;
    }
    op.refusedWith = r.status;
    if (r.status === 409) stats.status409++;
    else if (r.status === 400) stats.status400++;
    if (r.status !== 409 && r.status !== 400)
      violations.push(`${op.key}: unexpected ${r.status} ${r.text.slice(0, 200)}`);
    if (op.expect === 'ok')
      violations.push(`${op.key}: expected success, got ${r.status} ${r.text.slice(0, 200)}`);
  };

  /** Checks an acknowledged result against the request and records it in the model. */
  const acknowledge = (op: Op, j: Record<string, unknown>) => {
    if ('pengajuan' in j) {
      const p = j.pengajuan as {
        id: string;
        jumlah: number;
        status: string;
        nasabahId?: string;
        nasabah?: { id: string };
      };
      stats.pending202++;
      if (p.jumlah !== op.jumlah) violations.push(`${op.key}: request for ${p.jumlah}, asked ${op.jumlah}`);
      pengajuan.set(p.id, {
        bankId: op.bank.id,
        memberId: op.memberId!,
        jumlah: op.jumlah!,
        status: 'menunggu',
        jurnalId: null,
      });
      pending.get(op.bank.id)!.push(p.id);
      return;
    }
    const v = j as unknown as OperasiJson;
    if (v.bankId !== op.bank.id) violations.push(`${op.key}: entry of bank ${v.bankId}`);
    if (v.jenis !== op.kind) violations.push(`${op.key}: entry of kind ${v.jenis}, expected ${op.kind}`);
    const bank = op.bank;
    let effects: Effect[];
    let terkaitId: string | null = null;
    if (op.kind === 'setoran') {
      const expected = op.lines!.map((l) => {
        const price = bank.harga.get(`${l.jenisKode}|${l.kondisi}`)!;
        return { ...l, price, nilai: nilai(l.milli, price) };
      });
      const gross = expected.reduce((s, l) => s + l.nilai, 0);
      const f = fee(gross, bank.basis);
      if (v.total !== gross - f || v.bagiHasil !== f)
        violations.push(
          `${op.key}: deposit total ${v.total} fee ${v.bagiHasil}, expected ${gross - f} and ${f}`,
        );
      if (v.nasabah?.id !== op.memberId) violations.push(`${op.key}: deposit for another member`);
      expected.forEach((l, i) => {
        const b = v.baris[i];
        if (
          !b ||
          Math.round(b.kuantitas * 1000) !== l.milli ||
          b.hargaSatuan !== l.price ||
          b.nilai !== l.nilai
        )
          violations.push(
            `${op.key}: deposit line ${i} ${JSON.stringify(b)}, expected ${l.milli / 1000} at ${l.price}`,
          );
      });
      effects = [
        { type: 'saldo', bankId: bank.id, key: op.memberId!, amount: v.total },
        ...op.lines!.map((l) => ({
          type: 'stok' as const,
          bankId: bank.id,
          key: l.jenisKode,
          amount: l.milli,
        })),
      ];
    } else if (op.kind === 'penarikan') {
      if (v.total !== op.jumlah) violations.push(`${op.key}: withdrawal of ${v.total}, asked ${op.jumlah}`);
      effects = [
        {
          type: 'saldo',
          bankId: bank.id,
          key: op.unitId ? `unit:${op.unitId}` : op.memberId!,
          amount: -op.jumlah!,
        },
        { type: 'kas', bankId: bank.id, key: 'kas', amount: -op.jumlah! },
      ];
      // The cash goes to the unit: its claim on the induk falls, its cash rises (a pencairan there).
      if (op.unitId) {
        if (!v.terkaitId)
          violations.push(`${op.key}: a unit's withdrawal at the induk without its pencairan`);
        terkaitId = v.terkaitId;
        effects.push(
          { type: 'piutang', bankId: op.unitId, key: 'piutang', amount: -op.jumlah! },
          { type: 'kas', bankId: op.unitId, key: 'kas', amount: op.jumlah! },
        );
      }
    } else if (op.kind === 'penjualan') {
      effects = op.lines!.map((l) => ({
        type: 'stok' as const,
        bankId: bank.id,
        key: l.jenisKode,
        amount: -l.milli,
      }));
      if (op.toInduk) {
        stats.salesToInduk++;
        const induk = byId.get(bank.indukId!)!;
        const gross = op.lines!.reduce(
          (s, l) => s + nilai(l.milli, induk.harga.get(`${l.jenisKode}|bersih`)!),
          0,
        );
        const expected = gross - fee(gross, induk.basis);
        if (v.total !== expected)
          violations.push(`${op.key}: sale to induk total ${v.total}, expected ${expected}`);
        if (!v.terkaitId) violations.push(`${op.key}: sale to induk without its deposit`);
        terkaitId = v.terkaitId;
        effects.push(
          { type: 'piutang', bankId: bank.id, key: 'piutang', amount: v.total },
          { type: 'saldo', bankId: induk.id, key: `unit:${bank.id}`, amount: v.total },
          ...op.lines!.map((l) => ({
            type: 'stok' as const,
            bankId: induk.id,
            key: l.jenisKode,
            amount: l.milli,
          })),
        );
      } else {
        const expected = op.lines!.reduce((s, l) => s + nilai(l.milli, l.hargaSatuan!), 0);
        if (v.total !== expected) violations.push(`${op.key}: sale total ${v.total}, expected ${expected}`);
        effects.push({ type: 'kas', bankId: bank.id, key: 'kas', amount: v.total });
      }
    } else {
      stats.reversals++;
      const t = op.target!;
      if (v.membatalkan?.id !== t.id)
        violations.push(`${op.key}: reversal of ${v.membatalkan?.id}, asked ${t.id}`);
      if (t.reversedBy) violations.push(`${op.key}: ${t.id} reversed twice (${t.reversedBy}, ${v.id})`);
      t.reversedBy = v.id;
      effects = t.effects.map((e) => ({ ...e, amount: -e.amount }));
      if (t.terkaitId) {
        const linked = known.get(t.terkaitId);
        if (linked) linked.reversedBy = `with ${v.id}`;
      }
    }
    remember({
      id: v.id,
      bankId: bank.id,
      jenis: op.kind,
      effects,
      irreversible: op.kind === 'pembatalan',
      linked: false,
      reversedBy: null,
      terkaitId,
      opKey: op.key,
    });
    if (terkaitId) {
      remember({
        id: terkaitId,
        bankId: op.kind === 'penjualan' ? bank.indukId! : op.unitId!,
        jenis: op.kind === 'penjualan' ? 'setoran' : 'pencairan',
        effects: [],
        irreversible: true,
        linked: true,
        reversedBy: null,
        terkaitId: null,
        opKey: null,
      });
    }
  };

  const plan = (rng: Rng, worker: number, n: number, bank: BankSetup): Op => {
    const base = {
      worker,
      n,
      bank,
      key: `bs-${scenario.tag}-w${worker}-${n}-${rng.int(0, 1e6).toString(36)}`,
      unknown: false,
      networkErrors: 0,
      statuses: [],
      ackId: null,
      ackKind: null,
      ackedNew: 0,
      ackedReplay: 0,
      refusedWith: null,
    };
    const bankPath = `${API}/banks/${bank.id}`;
    const r = rng.next();
    const isInduk = bank.tingkat === 'induk';
    const stockItems = (b: BankSetup) =>
      [...model.stok.entries()]
        .filter(([k, q]) => k.startsWith(`${b.id}|`) && q > 0)
        .map(([k, q]) => [k.split('|')[1]!, q] as const);
    // Withdrawal
    if (r < 0.2) {
      // At the induk, sometimes a unit draws on its savings there (its claim on the induk).
      const units = isInduk
        ? [...unitMembers.keys()].filter((u) => model.get('saldo', bank.id, `unit:${u}`) > 0)
        : [];
      const unitId = units.length > 0 && rng.chance(0.3) ? rng.pick(units) : undefined;
      const memberId = unitId ? unitMembers.get(unitId)! : rng.pick(bank.members);
      const saldo = model.get('saldo', bank.id, unitId ? `unit:${unitId}` : memberId);
      let jumlah: number;
      let expect: Op['expect'] = 'maybe';
      const x = rng.next();
      if (saldo <= 0) {
        jumlah = rng.int(1, 40) * 500;
      } else if (x < 0.15) {
        jumlah = saldo + rng.int(1, 20_000);
      } else if (x < 0.3) {
        jumlah = saldo;
      } else if (bank.ambang !== null && x < 0.5 && saldo > bank.ambang) {
        jumlah = rng.int(bank.ambang + 1, saldo);
      } else {
        jumlah = Math.max(
          1,
          rng.chance(0.5) ? Math.floor(rng.int(1, saldo) / 500) * 500 || 1 : rng.int(1, saldo),
        );
      }
      if (jumlah > 1_000_000_000) jumlah = 1_000_000_000;
      const body: Record<string, unknown> = { nasabahId: memberId, jumlah };
      if (rng.chance(0.2)) body.catatan = `Tarik tunai ${n}`;
      if (saldo <= 0 && jumlah > 0) expect = 'maybe';
      return {
        ...base,
        ...(unitId ? { unitId } : {}),
        kind: 'penarikan',
        path: `${bankPath}/penarikan`,
        body,
        variant: 'plain',
        expect,
        memberId,
        jumlah,
      };
    }
    // Sale
    if (r < (isInduk ? 0.45 : 0.37)) {
      const toInduk = !isInduk && rng.chance(0.5);
      const buyer = toInduk ? byId.get(bank.indukId!)! : null;
      let items = stockItems(bank).filter(([j]) => !buyer || buyer.harga.has(`${j}|bersih`));
      let expect: Op['expect'] = 'maybe';
      if (toInduk && rng.chance(0.04)) {
        items = [['elektronik', model.get('stok', bank.id, 'elektronik') || 1000]];
        expect = 'refuse';
      }
      if (items.length === 0) {
        const pool = toInduk
          ? [...buyer!.harga.keys()].filter((k) => k.endsWith('|bersih')).map((k) => k.split('|')[0]!)
          : bank.pilihan.map((p) => p.jenisKode);
        items = [[rng.pick(pool), rng.int(1, 5000)]];
      }
      const lines: Line[] = rng.sample(items, rng.int(1, 3)).map(([jenisKode, onHand]) => {
        const x = rng.next();
        const milli =
          x < 0.2
            ? onHand
            : x < 0.3
              ? onHand + rng.int(1, 5000)
              : Math.max(1, Math.floor(onHand * (0.1 + 0.8 * rng.next())));
        return { jenisKode, milli, ...(toInduk ? {} : { hargaSatuan: rng.int(5, 300) * 50 }) };
      });
      const body: Record<string, unknown> = {
        ...(toInduk
          ? { indukId: bank.indukId }
          : { pembeliNama: rng.pick(['Pengepul Jaya', 'CV Daur Ulang', 'Pak Asep']) }),
        baris: lines.map((l) => ({
          jenisKode: l.jenisKode,
          kuantitas: formatKuantitas(rng, l.milli),
          ...(l.hargaSatuan !== undefined ? { hargaSatuan: l.hargaSatuan } : {}),
        })),
      };
      if (rng.chance(0.2)) body.catatan = `Penjualan ${n}`;
      return {
        ...base,
        kind: 'penjualan',
        path: `${bankPath}/penjualan`,
        body,
        variant: 'plain',
        expect,
        lines,
        toInduk,
      };
    }
    // Reversal
    if (r < (isInduk ? 0.65 : 0.52)) {
      const candidates = pool.get(bank.id)!;
      if (candidates.length > 0) {
        const target = rng.pick(candidates);
        const body = {
          alasan: rng.pick(['Salah timbang', 'Salah nasabah', 'Dobel input', 'Koreksi harga']) + ` ${n}`,
        };
        const expect = target.irreversible || target.reversedBy ? 'refuse' : 'maybe';
        return {
          ...base,
          kind: 'pembatalan',
          path: `${bankPath}/jurnal/${target.id}/pembatalan`,
          body,
          variant: 'plain',
          expect,
          target,
        };
      }
    }
    // Deposit (sometimes of an item the bank does not buy now: refused)
    const memberId = rng.pick(bank.members);
    const invalid = bank.tanpaHarga.length > 0 && rng.chance(0.03);
    const lines: Line[] = Array.from({ length: rng.int(1, 4) }, () => {
      const p = rng.pick(bank.pilihan);
      const milli = PCS.has(p.jenisKode)
        ? rng.int(1, 40) * 1000
        : rng.chance(0.3)
          ? rng.int(1, 30) * 500
          : rng.int(1, 25_000);
      return { jenisKode: p.jenisKode, kondisi: p.kondisi, milli };
    });
    if (invalid) {
      const p = rng.pick(bank.tanpaHarga);
      lines[0] = { jenisKode: p.jenisKode, kondisi: p.kondisi, milli: 1000 };
    }
    const body: Record<string, unknown> = {
      nasabahId: memberId,
      baris: lines.map((l) => ({
        jenisKode: l.jenisKode,
        kondisi: l.kondisi,
        kuantitas: formatKuantitas(rng, l.milli),
      })),
    };
    if (rng.chance(0.2)) body.catatan = `Setoran pagi ${n}`;
    return {
      ...base,
      kind: 'setoran',
      path: `${bankPath}/setoran`,
      body,
      variant: 'plain',
      expect: invalid ? 'refuse' : 'ok',
      memberId,
      lines,
    };
  };

  /** An approver decides on a pending withdrawal request (no idempotency key: not cut). */
  const decide = async (rng: Rng, bank: BankSetup) => {
    const list = pending.get(bank.id)!;
    if (!o.approver || list.length === 0) return;
    const id = rng.pick(list);
    const setuju = rng.chance(0.75);
    const body = setuju ? { setuju } : { setuju, alasan: 'Saldo sedang diperiksa' };
    const path = `${API}/banks/${bank.id}/pengajuan/${id}/keputusan`;
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      let r: HttpResult | null = null;
      inFlight++;
      stats.requests++;
      try {
        r = await o.approver.request('POST', path, body);
      } catch {
        stats.networkErrors++;
      } finally {
        inFlight--;
      }
      if (r && r.status < 500) {
        if (r.status === 200) {
          const j = r.json<{
            pengajuan: { status: string; jurnalId: string | null };
            operasi: OperasiJson | null;
          }>();
          recordDecision(bank, id, j.pengajuan.status, j.operasi?.id ?? null);
        } else if (r.status === 409) {
          stats.status409++;
          await syncPengajuan(bank, id);
        } else {
          violations.push(`decision on ${id}: ${r.status} ${r.text.slice(0, 200)}`);
        }
        return;
      }
      if (r) {
        stats.status5xx++;
        if (forbid5xx) violations.push(`decision on ${id}: ${r.status} ${r.text.slice(0, 200)}`);
      }
      // No answer: find out from the list whether it was decided, else ask again.
      if (await syncPengajuan(bank, id).catch(() => false)) return;
      if (Date.now() - started > deadlineMs) {
        violations.push(`decision on ${id}: no answer within ${deadlineMs} ms`);
        return;
      }
      await sleep(Math.min(500, 25 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
  };

  const recordDecision = (bank: BankSetup, id: string, status: string, jurnalId: string | null) => {
    const p = pengajuan.get(id);
    if (!p || p.status !== 'menunggu') return;
    const list = pending.get(bank.id)!;
    if (list.includes(id)) list.splice(list.indexOf(id), 1);
    if (status === 'disetujui') {
      if (!jurnalId) {
        violations.push(`request ${id} approved without an entry`);
        return;
      }
      p.status = 'disetujui';
      p.jurnalId = jurnalId;
      stats.approvals++;
      remember({
        id: jurnalId,
        bankId: bank.id,
        jenis: 'penarikan',
        effects: [
          { type: 'saldo', bankId: bank.id, key: p.memberId, amount: -p.jumlah },
          { type: 'kas', bankId: bank.id, key: 'kas', amount: -p.jumlah },
        ],
        irreversible: false,
        linked: false,
        reversedBy: null,
        terkaitId: null,
        opKey: null,
      });
    } else if (status === 'ditolak') {
      p.status = 'ditolak';
      stats.rejections++;
    }
  };

  /** Reads a request's status through the API; true when it has been decided. */
  const syncPengajuan = async (bank: BankSetup, id: string): Promise<boolean> => {
    const r = await o.approver!.request('GET', `${API}/banks/${bank.id}/pengajuan`);
    if (r.status !== 200) return false;
    const item = r
      .json<{ items: { id: string; status: string; jurnalId: string | null }[] }>()
      .items.find((i) => i.id === id);
    if (!item || item.status === 'menunggu') return false;
    recordDecision(bank, id, item.status, item.jurnalId);
    return true;
  };

  const runOp = async (rng: Rng, op: Op) => {
    ops.push(op);
    stats.ops++;
    const session = o.sessions.get(op.bank.id)!;
    const x = rng.next();
    op.variant =
      x < cutRate
        ? 'cut'
        : x < cutRate + replayRate
          ? 'seqReplay'
          : x < cutRate + replayRate + concRate
            ? 'concReplay'
            : x < cutRate + replayRate + concRate + modRate
              ? 'modReplay'
              : 'plain';
    if (op.variant === 'cut') {
      stats.cuts++;
      op.unknown = true;
      const mode = rng.chance(0.3) ? 'partial' : 'full';
      inFlight++;
      try {
        await cutRequest(
          session.target,
          'POST',
          op.path,
          { ...session.headers(true), 'idempotency-key': op.key },
          JSON.stringify(op.body),
          mode,
          rng.int(0, 25),
          rng.chance(0.5),
        );
      } finally {
        inFlight--;
      }
      settle(op, await send(session, op, op.body));
      return;
    }
    if (op.variant === 'concReplay') {
      stats.concurrentReplays++;
      const [a, b] = await Promise.all([send(session, op, op.body), send(session, op, op.body)]);
      // Both may be refused, or one refused and the other done (it ran after the refusal rolled
      // back); never both done as new, and every success names the same result.
      settle(op, a, { concurrentCopy: true });
      settle(op, b, { concurrentCopy: true });
      return;
    }
    settle(op, await send(session, op, op.body));
    if (!op.ackId) return;
    if (op.variant === 'seqReplay') {
      const again = await send(session, op, op.body);
      if (again && again.status !== 200)
        violations.push(`${op.key}: replay answered ${again.status}, expected 200`);
      settle(op, again);
    } else if (op.variant === 'modReplay') {
      const changed =
        op.kind === 'penarikan'
          ? { ...op.body, jumlah: (op.jumlah ?? 1) + 1 }
          : op.kind === 'pembatalan'
            ? { alasan: `${String(op.body.alasan)} (ubah)` }
            : { ...op.body, catatan: `${String(op.body.catatan ?? '')} diubah` };
      const again = await send(session, op, changed);
      if (again) {
        if (again.status === 409) stats.modifiedReplays409++;
        else violations.push(`${op.key}: same key with another body answered ${again.status}, expected 409`);
      }
    }
  };

  const worker = async (w: number) => {
    const rng = new Rng(o.seed * 1_000_003 + w * 7919 + 1);
    const bank = scenario.banks[w % scenario.banks.length]!;
    for (let n = 0; n < o.opsPerWorker; n++) {
      if (bank.tingkat === 'induk') await learnUnitMembers(o.sessions.get(bank.id)!);
      if (bank.ambang !== null && o.approver && pending.get(bank.id)!.length > 0 && rng.chance(0.15)) {
        await decide(rng, bank);
        continue;
      }
      await runOp(rng, plan(rng, w, n, bank));
    }
  };

  /** Takes in an entry the clients learn of after the run (see verifyLedger). */
  const adopt = (op: Op, j: OperasiJson | { pengajuan: { id: string } }) => {
    if (op.ackId) return;
    const isPengajuan = 'pengajuan' in j;
    op.ackId = isPengajuan ? j.pengajuan.id : j.id;
    op.ackKind = isPengajuan ? 'pengajuan' : 'jurnal';
    stats.lateOriginals++;
    acknowledge(op, j as unknown as Record<string, unknown>);
  };

  const done = Promise.all(Array.from({ length: o.workers }, (_, w) => worker(w))).then(() => {
    stats.refused = ops.filter((op) => !op.ackId && op.refusedWith !== null).length;
    return { ops, known, pengajuan, stats, violations, model, adopt };
  });
  return { done, inFlight: () => inFlight, stats };
}

// ---- The invariants ----

interface EntryRow {
  id: string;
  bank_id: string;
  jenis: Kind | 'pencairan';
  nomor: string;
  nasabah_id: string | null;
  membatalkan_id: string | null;
  terkait_id: string | null;
  pembeli_bank_id: string | null;
  disetujui_oleh: string | null;
}

export interface VerifyResult {
  violations: string[];
  entries: number;
  lateOriginals: number;
}

/**
 * Checks the ledger of the scenario's banks after a run, in the database (as owner) and through
 * the API (as admin kota), against what the clients were told; with `app` (a connection like the
 * app's), also runs the module's own ledger check. Returns every violation found.
 */
export async function verifyLedger(
  db: pg.Client,
  api: Session,
  scenario: Scenario,
  load: LoadResult,
  app?: Db,
): Promise<VerifyResult> {
  const v: string[] = [];
  const bankIds = scenario.banks.map((b) => b.id);

  const q = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) =>
    asCity(db, async () => (await db.query<T>(text, params)).rows);

  // 1. Every entry of the city balances and has lines; lines stay in their entry's bank.
  const unbalanced = await q<{ id: string; s: string; n: number }>(
    `select j.id, coalesce(sum(l.jumlah), 0)::text as s, count(l.no)::int as n
       from bank_sampah_jurnal j
       left join bank_sampah_jurnal_baris l on l.tenant_id = j.tenant_id and l.jurnal_id = j.id
      group by j.tenant_id, j.id
     having coalesce(sum(l.jumlah), 0) <> 0
         or (count(l.no) = 0 and not exists (select 1 from bank_sampah_stok_baris s where s.tenant_id = j.tenant_id and s.jurnal_id = j.id))`,
  );
  for (const u of unbalanced) v.push(`entry ${u.id}: lines sum to ${u.s} (${u.n} lines)`);
  const crossBank = await q<{ id: string }>(
    `select j.id from bank_sampah_jurnal j
       join bank_sampah_jurnal_baris l on l.tenant_id = j.tenant_id and l.jurnal_id = j.id
       join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
      where a.bank_id <> j.bank_id
     union
     select j.id from bank_sampah_jurnal j
       join bank_sampah_stok_baris s on s.tenant_id = j.tenant_id and s.jurnal_id = j.id
      where s.bank_id <> j.bank_id`,
  );
  for (const c of crossBank) v.push(`entry ${c.id}: a line on another bank's account or stock`);

  // 2. The entries of the scenario's banks, and the ones the clients know.
  const entries = await q<EntryRow>(
    `select id, bank_id, jenis, nomor::text, nasabah_id, membatalkan_id, terkait_id, pembeli_bank_id, disetujui_oleh
       from bank_sampah_jurnal where bank_id = any($1)`,
    [bankIds],
  );
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const idem = await q<{
    bank_id: string;
    kunci: string;
    operasi: string;
    hasil_id: string;
    ditolak: boolean;
  }>(
    `select bank_id, kunci, operasi, hasil_id, ditolak is not null as ditolak
       from bank_sampah_idempotensi where bank_id = any($1)`,
    [bankIds],
  );
  const idemByKey = new Map(idem.map((r) => [`${r.bank_id}|${r.kunci}`, r]));
  const pengajuanRows = await q<{
    id: string;
    bank_id: string;
    nasabah_id: string;
    jumlah: number;
    status: string;
    jurnal_id: string | null;
  }>(
    `select id, bank_id, nasabah_id, jumlah, status, jurnal_id from bank_sampah_pengajuan where bank_id = any($1)`,
    [bankIds],
  );
  const pengajuanById = new Map(pengajuanRows.map((p) => [p.id, p]));

  // Operations a client saw refused after an attempt without answer, whose first attempt went
  // through after all (the refusal came from the retry, which ran before it): the clients did not
  // learn of these, so they are listed and folded into the model from the API.
  let lateOriginals = 0;
  for (const op of load.ops) {
    const row = idemByKey.get(`${op.bank.id}|${op.key}`);
    // A refusal is kept with its key: every attempt with that key answers the same refusal.
    if (row?.ditolak) {
      if (op.ackId) v.push(`${op.key}: acknowledged ${op.ackId} but recorded as refused`);
      continue;
    }
    if (!op.ackId && row) {
      if (!op.unknown) {
        v.push(`${op.key}: refused (${op.refusedWith}) but recorded as done (${row.hasil_id})`);
        continue;
      }
      lateOriginals++;
      if (pengajuanById.has(row.hasil_id)) {
        const r = await api.request('GET', `${API}/banks/${op.bank.id}/pengajuan`);
        const item =
          r.status === 200
            ? r.json<{ items: { id: string }[] }>().items.find((i) => i.id === row.hasil_id)
            : undefined;
        if (item) load.adopt(op, { pengajuan: item });
        else v.push(`${op.key}: late request ${row.hasil_id} not readable (${r.status})`);
        continue;
      }
      const r = await api.request('GET', `${API}/banks/${op.bank.id}/jurnal/${row.hasil_id}`);
      if (r.status === 200) load.adopt(op, r.json());
      else v.push(`${op.key}: late original ${row.hasil_id} not readable (${r.status})`);
      continue;
    }
    if (!op.ackId) continue;
    if (!row) v.push(`${op.key}: acknowledged ${op.ackId} but no idempotency record`);
    else if (row.hasil_id !== op.ackId)
      v.push(`${op.key}: acknowledged ${op.ackId}, recorded ${row.hasil_id}`);
    else if (row.operasi !== op.kind) v.push(`${op.key}: recorded as ${row.operasi}`);
  }

  for (const k of load.known.values()) {
    const e = entryById.get(k.id);
    if (!e) {
      v.push(`known entry ${k.id} (${k.jenis}, ${k.opKey ?? 'linked'}) does not exist`);
      continue;
    }
    if (e.bank_id !== k.bankId) v.push(`entry ${k.id}: bank ${e.bank_id}, expected ${k.bankId}`);
    if (e.jenis !== k.jenis) v.push(`entry ${k.id}: ${e.jenis}, expected ${k.jenis}`);
  }
  for (const e of entries) {
    if (load.known.has(e.id)) continue;
    // The reversal of the other half of a unit↔induk operation, made with its origin's reversal.
    const original = e.membatalkan_id ? load.known.get(e.membatalkan_id) : undefined;
    if (e.jenis === 'pembatalan' && original?.linked && original.reversedBy) continue;
    v.push(`entry ${e.id} (${e.jenis} at ${e.bank_id}) is known to no client`);
  }
  const linkedReversals = [...load.known.values()].filter((k) => k.linked && k.reversedBy).length;
  if (entries.length !== load.known.size + linkedReversals)
    v.push(
      `${entries.length} entries, the clients know ${load.known.size} + ${linkedReversals} linked reversals`,
    );

  // 3. Idempotency records point at results of their bank; one record per result.
  const seenHasil = new Set<string>();
  const opKeys = new Set(load.ops.map((o) => `${o.bank.id}|${o.key}`));
  for (const r of idem) {
    if (r.ditolak) continue;
    if (seenHasil.has(r.hasil_id)) v.push(`idempotency: two keys for ${r.hasil_id}`);
    seenHasil.add(r.hasil_id);
    const e = entryById.get(r.hasil_id);
    const p = pengajuanById.get(r.hasil_id);
    if (!(e && e.bank_id === r.bank_id) && !(p && p.bank_id === r.bank_id))
      v.push(`idempotency ${r.kunci}: points at nothing (${r.hasil_id})`);
    if (!opKeys.has(`${r.bank_id}|${r.kunci}`)) v.push(`idempotency ${r.kunci}: a key no client used`);
  }

  // 4. Reversals negate their original, once; a sale to the induk and its deposit go together.
  const moneyRows = await q<{ jurnal_id: string; akun_id: string; jumlah: string }>(
    `select l.jurnal_id, l.akun_id, l.jumlah::text from bank_sampah_jurnal_baris l
       join bank_sampah_jurnal j on j.tenant_id = l.tenant_id and j.id = l.jurnal_id where j.bank_id = any($1)`,
    [bankIds],
  );
  const stockRows = await q<{
    jurnal_id: string;
    jenis_kode: string;
    kuantitas: string;
    kg: string;
    nilai: string;
    harga_satuan: string | null;
  }>(
    `select s.jurnal_id, s.jenis_kode, s.kuantitas::text, s.kg::text, s.nilai::text, s.harga_satuan::text
       from bank_sampah_stok_baris s where s.bank_id = any($1)`,
    [bankIds],
  );
  const group = <T extends { jurnal_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.jurnal_id, [...(m.get(r.jurnal_id) ?? []), r]);
    return m;
  };
  const moneyBy = group(moneyRows);
  const stockBy = group(stockRows);
  const sig = (xs: string[]) => xs.sort().join(';');
  const reversedCount = new Map<string, number>();
  for (const e of entries) {
    if (e.jenis !== 'pembatalan') continue;
    const o = e.membatalkan_id ? entryById.get(e.membatalkan_id) : undefined;
    if (!o) {
      v.push(`reversal ${e.id}: original ${e.membatalkan_id} not in the bank`);
      continue;
    }
    reversedCount.set(o.id, (reversedCount.get(o.id) ?? 0) + 1);
    if (o.bank_id !== e.bank_id) v.push(`reversal ${e.id}: original at another bank`);
    if (o.jenis === 'pembatalan') v.push(`reversal ${e.id} reverses a reversal`);
    const neg = (s: string) => (s.startsWith('-') ? s.slice(1) : `-${s}`);
    const mine = sig((moneyBy.get(e.id) ?? []).map((l) => `${l.akun_id}:${l.jumlah}`));
    const theirs = sig((moneyBy.get(o.id) ?? []).map((l) => `${l.akun_id}:${neg(l.jumlah)}`));
    if (mine !== theirs) v.push(`reversal ${e.id}: money lines do not negate ${o.id}`);
    const sm = sig(
      (stockBy.get(e.id) ?? []).map(
        (s) => `${s.jenis_kode}:${s.kuantitas}:${s.kg}:${s.nilai}:${s.harga_satuan}`,
      ),
    );
    const so = sig(
      (stockBy.get(o.id) ?? []).map(
        (s) => `${s.jenis_kode}:${neg(s.kuantitas)}:${neg(s.kg)}:${neg(s.nilai)}:${s.harga_satuan}`,
      ),
    );
    if (sm !== so) v.push(`reversal ${e.id}: stock lines do not negate ${o.id}`);
  }
  for (const [id, n] of reversedCount) if (n > 1) v.push(`entry ${id} reversed ${n} times`);
  for (const e of entries) {
    if (e.jenis !== 'penjualan' || !e.pembeli_bank_id) continue;
    const d = e.terkait_id ? entryById.get(e.terkait_id) : undefined;
    if (!d || d.jenis !== 'setoran' || d.bank_id !== e.pembeli_bank_id || d.terkait_id !== e.id) {
      v.push(`sale ${e.id}: its deposit at the induk is missing or not linked`);
      continue;
    }
    if ((reversedCount.get(e.id) ?? 0) !== (reversedCount.get(d.id) ?? 0))
      v.push(`sale ${e.id} and its induk deposit ${d.id}: reversed apart`);
  }

  // 5. Balances: member savings never negative (now or at any entry), stock never negative,
  //    no value on zero stock, the stock accounts equal the value of the stock lines.
  const accounts = await q<{ bank_id: string; kunci: string; s: string; min_run: string }>(
    `select bank_id, kunci, sum(jumlah)::text as s, min(run)::text as min_run from (
       select a.bank_id, a.kunci, l.jumlah,
              -sum(l.jumlah) over (partition by a.id order by j.nomor, l.no) as run
         from bank_sampah_akun a
         join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
         join bank_sampah_jurnal j on j.tenant_id = l.tenant_id and j.id = l.jurnal_id
        where a.bank_id = any($1)) x
      group by bank_id, kunci`,
    [bankIds],
  );
  const akun = new Map(accounts.map((a) => [`${a.bank_id}|${a.kunci}`, Number(a.s)]));
  const stock = await q<{ bank_id: string; jenis_kode: string; q: string; n: string; min_q: string }>(
    `select bank_id, jenis_kode, sum(kuantitas)::text as q, sum(nilai)::text as n, min(run)::text as min_q from (
       select s.bank_id, s.jenis_kode, s.kuantitas, s.nilai,
              sum(s.kuantitas) over (partition by s.bank_id, s.jenis_kode order by j.nomor, s.no) as run
         from bank_sampah_stok_baris s
         join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
        where s.bank_id = any($1)) x
      group by bank_id, jenis_kode`,
    [bankIds],
  );
  const members = await q<{ id: string; bank_id: string; bank_unit_id: string | null }>(
    `select id, bank_id, bank_unit_id from bank_sampah_nasabah where bank_id = any($1)`,
    [bankIds],
  );
  const memberOf = new Map(members.map((m) => [m.id, m]));
  const unitMember = new Map(members.filter((m) => m.bank_unit_id).map((m) => [m.bank_unit_id!, m.id]));
  // A unit's withdrawal at its induk and the pencairan at the unit: linked both ways, same amount,
  // reversed together; every withdrawal by a unit has one, and every pencairan has its withdrawal.
  for (const e of entries) {
    const unitId = e.jenis === 'penarikan' && e.nasabah_id ? memberOf.get(e.nasabah_id)?.bank_unit_id : null;
    if (e.jenis === 'pencairan' && !entries.some((w) => w.jenis === 'penarikan' && w.terkait_id === e.id))
      v.push(`pencairan ${e.id}: no withdrawal at the induk links to it`);
    if (!unitId) continue;
    const d = e.terkait_id ? entryById.get(e.terkait_id) : undefined;
    if (!d || d.jenis !== 'pencairan' || d.bank_id !== unitId || d.terkait_id !== e.id) {
      v.push(`withdrawal ${e.id} by unit ${unitId}: its pencairan at the unit is missing or not linked`);
      continue;
    }
    const paid = (moneyBy.get(e.id) ?? []).map((l) => Number(l.jumlah)).find((x) => x > 0);
    const received = (moneyBy.get(d.id) ?? []).map((l) => Number(l.jumlah)).find((x) => x > 0);
    if (paid !== received) v.push(`withdrawal ${e.id}: paid ${paid}, its pencairan received ${received}`);
    if ((reversedCount.get(e.id) ?? 0) !== (reversedCount.get(d.id) ?? 0))
      v.push(`withdrawal ${e.id} and its pencairan ${d.id}: reversed apart`);
  }
  const saldoSql = new Map<string, number>();
  for (const a of accounts) {
    if (!a.kunci.startsWith('tabungan:')) continue;
    const id = a.kunci.slice('tabungan:'.length);
    const m = memberOf.get(id);
    if (!m || m.bank_id !== a.bank_id)
      v.push(`savings account ${a.kunci} at ${a.bank_id}: no such member there`);
    const saldo = -Number(a.s);
    saldoSql.set(id, saldo);
    if (saldo < 0) v.push(`member ${id}: balance ${saldo}`);
    if (Number(a.min_run) < 0) v.push(`member ${id}: balance went down to ${a.min_run} along the entries`);
  }
  for (const s of stock) {
    const qm = parseMilli(s.q);
    const value = Number(s.n);
    const where = `stock ${s.jenis_kode} at ${s.bank_id}`;
    if (qm < 0) v.push(`${where}: quantity ${s.q}`);
    if (parseMilli(s.min_q) < 0) v.push(`${where}: quantity went down to ${s.min_q} along the entries`);
    if (qm === 0 && value !== 0) v.push(`${where}: zero quantity with value ${value}`);
    if (qm > 0 && value < 0) v.push(`${where}: ${s.q} on hand with negative value ${value}`);
    const acct = akun.get(`${s.bank_id}|persediaan:${s.jenis_kode}`) ?? 0;
    if (acct !== value) v.push(`${where}: stock account ${acct}, stock lines ${value}`);
  }

  // Along the entries, an item's stock value stays what its deposits cost: between the lowest and
  // highest deposit price times the quantity (give or take a rupiah of rounding per line), and
  // zero stock is worth zero. Sales take stock out at its average value, so only a line that
  // takes stock out at another value can break this.
  const runs = await q<{
    bank_id: string;
    jenis_kode: string;
    jurnal_id: string;
    q: string;
    n: string;
    minp: string | null;
    maxp: string | null;
    lines: number;
  }>(
    `select s.bank_id, s.jenis_kode, s.jurnal_id,
            (sum(s.kuantitas) over w)::text as q, (sum(s.nilai) over w)::text as n,
            (min(s.harga_satuan) filter (where j.jenis = 'setoran') over w)::text as minp,
            (max(s.harga_satuan) filter (where j.jenis = 'setoran') over w)::text as maxp,
            (count(*) over w)::int as lines
       from bank_sampah_stok_baris s
       join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
      where s.bank_id = any($1)
     window w as (partition by s.bank_id, s.jenis_kode order by j.nomor, s.no)`,
    [bankIds],
  );
  const flagged = new Set<string>();
  for (const r of runs) {
    const item = `${r.jenis_kode} at ${r.bank_id}`;
    if (flagged.has(item)) continue;
    const qm = parseMilli(r.q);
    const value = Number(r.n);
    const lo = (qm * Number(r.minp ?? 0)) / 1000 - r.lines;
    const hi = (qm * Number(r.maxp ?? 0)) / 1000 + r.lines;
    if (qm === 0 && value !== 0) {
      flagged.add(item);
      v.push(`stock ${item}: worth ${value} at zero quantity after entry ${r.jurnal_id}`);
    } else if (qm > 0 && (value < lo || value > hi)) {
      flagged.add(item);
      v.push(
        `stock ${item}: ${r.q} worth ${value} after entry ${r.jurnal_id}, deposits priced it between ${Math.ceil(lo)} and ${Math.floor(hi)}`,
      );
    }
  }

  // 6. What the clients were told equals the ledger: savings, stock, cash, due from the induk.
  const m = load.model;
  const memberKey = (bankId: string, key: string) =>
    key.startsWith('unit:') ? unitMember.get(key.slice(5)) : key;
  for (const [k, amount] of m.saldo) {
    const [bankId, key] = k.split('|') as [string, string];
    const id = memberKey(bankId, key);
    const actual = id ? (saldoSql.get(id) ?? 0) : 0;
    if (actual !== amount)
      v.push(
        `member ${key} at ${bankId}: balance ${actual}, the clients' acknowledged operations give ${amount}`,
      );
  }
  for (const [id, saldo] of saldoSql) {
    const mm = memberOf.get(id);
    if (!mm) continue;
    const key = mm.bank_unit_id ? `unit:${mm.bank_unit_id}` : id;
    if (!m.saldo.has(`${mm.bank_id}|${key}`) && saldo !== 0)
      v.push(`member ${id}: balance ${saldo} from operations no client knows`);
  }
  const stockSql = new Map(stock.map((s) => [`${s.bank_id}|${s.jenis_kode}`, parseMilli(s.q)]));
  for (const k of new Set([...stockSql.keys(), ...m.stok.keys()])) {
    if ((stockSql.get(k) ?? 0) !== (m.stok.get(k) ?? 0))
      v.push(
        `stock ${k}: ${stockSql.get(k) ?? 0} thousandths, the clients' operations give ${m.stok.get(k) ?? 0}`,
      );
  }
  for (const b of scenario.banks) {
    const kas = akun.get(`${b.id}|kas`) ?? 0;
    if (kas !== m.get('kas', b.id, 'kas'))
      v.push(`cash of ${b.kode}: ${kas}, the clients' operations give ${m.get('kas', b.id, 'kas')}`);
    const piutang = akun.get(`${b.id}|piutang_induk`) ?? 0;
    if (piutang !== m.get('piutang', b.id, 'piutang'))
      v.push(
        `due from induk of ${b.kode}: ${piutang}, the clients' operations give ${m.get('piutang', b.id, 'piutang')}`,
      );
  }

  // 7. Through the API: balances, passbooks, journal totals agree with the ledger.
  for (const b of scenario.banks) {
    const r = await api.request('GET', `${API}/banks/${b.id}/neraca`);
    if (r.status !== 200) {
      v.push(`neraca ${b.kode}: ${r.status}`);
      continue;
    }
    const n = r.json<{
      kas: number;
      tabungan: number;
      persediaan: number;
      pendapatan: number;
      piutangInduk: number;
      stok: { jenisKode: string; kuantitas: number; nilai: number }[];
    }>();
    const sumOf = (pred: (k: string) => boolean) =>
      accounts.filter((a) => a.bank_id === b.id && pred(a.kunci)).reduce((s, a) => s + Number(a.s), 0);
    const expected = {
      kas: sumOf((k) => k === 'kas'),
      tabungan: -sumOf((k) => k.startsWith('tabungan:')),
      persediaan: sumOf((k) => k.startsWith('persediaan:')),
      pendapatan: -sumOf((k) => k === 'pendapatan'),
      piutangInduk: sumOf((k) => k === 'piutang_induk'),
    };
    for (const [k, val] of Object.entries(expected)) {
      if (n[k as keyof typeof expected] !== val)
        v.push(`neraca ${b.kode}: ${k} ${n[k as keyof typeof expected]}, ledger ${val}`);
    }
    if (n.kas + n.persediaan + n.piutangInduk !== n.tabungan + n.pendapatan)
      v.push(
        `neraca ${b.kode}: assets ${n.kas + n.persediaan + n.piutangInduk} ≠ savings + income ${n.tabungan + n.pendapatan}`,
      );
    const memberSum = members
      .filter((mm) => mm.bank_id === b.id)
      .reduce((s, mm) => s + (saldoSql.get(mm.id) ?? 0), 0);
    if (memberSum !== n.tabungan)
      v.push(`neraca ${b.kode}: savings liability ${n.tabungan}, members' balances sum to ${memberSum}`);
    const stokSum = n.stok.reduce((x, y) => x + y.nilai, 0);
    if (stokSum !== n.persediaan)
      v.push(`neraca ${b.kode}: stock value ${n.persediaan}, its stock list sums to ${stokSum}`);
    const stokApi = new Map(n.stok.map((s) => [s.jenisKode, s]));
    for (const s of stock.filter((x) => x.bank_id === b.id)) {
      const a = stokApi.get(s.jenis_kode);
      const qm = parseMilli(s.q);
      if (qm === 0 && !a) continue;
      if (!a || Math.round(a.kuantitas * 1000) !== qm || a.nilai !== Number(s.n))
        v.push(`neraca ${b.kode}: stock ${s.jenis_kode} ${JSON.stringify(a)}, ledger ${s.q} worth ${s.n}`);
    }
    if (b.tingkat === 'unit') {
      const mid = unitMember.get(b.id);
      const atInduk = mid ? (saldoSql.get(mid) ?? 0) : 0;
      if (n.piutangInduk !== atInduk)
        v.push(`unit ${b.kode}: due from induk ${n.piutangInduk}, its balance at the induk ${atInduk}`);
    }
    const j = await api.request('GET', `${API}/banks/${b.id}/jurnal?perPage=1`);
    const total = j.status === 200 ? j.json<{ total: number }>().total : -1;
    const inDb = entries.filter((e) => e.bank_id === b.id).length;
    if (total !== inDb) v.push(`journal of ${b.kode}: the API counts ${total}, the database ${inDb}`);
  }
  let bukuSum = 0;
  const runningAt = new Map<string, number>();
  for (const mm of members) {
    const r = await api.request('GET', `${API}/banks/${mm.bank_id}/nasabah/${mm.id}/buku`);
    if (r.status !== 200) {
      v.push(`passbook ${mm.id}: ${r.status}`);
      continue;
    }
    const buku = r.json<{
      saldoAwal: number;
      saldo: number;
      items: { jurnalId: string; masuk: number; keluar: number; saldo: number }[];
    }>();
    bukuSum += buku.saldo;
    const expected = saldoSql.get(mm.id) ?? 0;
    if (buku.saldo !== expected) v.push(`passbook ${mm.id}: balance ${buku.saldo}, ledger ${expected}`);
    let run = buku.saldoAwal;
    for (const it of buku.items) {
      run += it.masuk - it.keluar;
      runningAt.set(`${mm.id}|${it.jurnalId}`, it.saldo);
      if (it.saldo !== run)
        v.push(`passbook ${mm.id}: running balance ${it.saldo} at ${it.jurnalId}, lines give ${run}`);
      if (it.saldo < 0) v.push(`passbook ${mm.id}: negative running balance ${it.saldo}`);
    }
    if (run !== buku.saldo) v.push(`passbook ${mm.id}: lines end at ${run}, balance ${buku.saldo}`);
  }
  // A sample of receipts: the balance after the entry is the passbook's, a reversal shows.
  const sample = [...load.known.values()].filter((_, i) => i % 7 === 0).slice(0, 40);
  for (const k of sample) {
    const r = await api.request('GET', `${API}/banks/${k.bankId}/jurnal/${k.id}`);
    if (r.status !== 200) {
      v.push(`receipt ${k.id}: ${r.status}`);
      continue;
    }
    const op = r.json<OperasiJson & { saldoSetelah: number | null; dibatalkan: { id: string } | null }>();
    const e = entryById.get(k.id);
    const reversal = entries.find((x) => x.membatalkan_id === k.id);
    if ((op.dibatalkan?.id ?? null) !== (reversal?.id ?? null))
      v.push(`receipt ${k.id}: reversed by ${op.dibatalkan?.id ?? 'none'}, ledger ${reversal?.id ?? 'none'}`);
    // (An entry worth nothing to the member has no savings line, so no passbook line.)
    if (e?.nasabah_id && runningAt.has(`${e.nasabah_id}|${k.id}`)) {
      const expected = runningAt.get(`${e.nasabah_id}|${k.id}`);
      if (op.saldoSetelah !== expected)
        v.push(`receipt ${k.id}: balance after ${op.saldoSetelah}, passbook ${expected}`);
    } else if (!e?.nasabah_id && op.saldoSetelah !== null)
      v.push(`receipt ${k.id}: a balance without a member`);
  }

  const liability = [...saldoSql.values()].reduce((s, x) => s + x, 0);
  if (bukuSum !== liability) v.push(`passbooks sum to ${bukuSum}, savings accounts to ${liability}`);

  // 8. Withdrawal requests: known to the clients, decided consistently.
  for (const p of pengajuanRows) {
    const mine = load.pengajuan.get(p.id);
    if (!mine) {
      v.push(`withdrawal request ${p.id} known to no client`);
      continue;
    }
    if (mine.status !== p.status)
      v.push(`withdrawal request ${p.id}: ${p.status}, the clients saw ${mine.status}`);
    if (p.status === 'disetujui') {
      const e = p.jurnal_id ? entryById.get(p.jurnal_id) : undefined;
      if (!e || e.jenis !== 'penarikan' || e.nasabah_id !== p.nasabah_id || !e.disetujui_oleh)
        v.push(`withdrawal request ${p.id}: approved without a matching withdrawal`);
      else if ((moneyBy.get(e.id) ?? []).every((l) => Number(l.jumlah) !== Number(p.jumlah)))
        v.push(`withdrawal request ${p.id}: its withdrawal is not of ${p.jumlah}`);
    } else if (p.jurnal_id) v.push(`withdrawal request ${p.id}: ${p.status} with an entry`);
  }
  for (const id of load.pengajuan.keys())
    if (!pengajuanById.has(id)) v.push(`withdrawal request ${id} acknowledged but missing`);

  // 9. The module's own ledger check (as the app runs it) finds nothing at these banks.
  if (app) {
    const own = await withTenant(app, CITY_ID, SYSTEM_ACTOR, (trx) =>
      verifikasiBukuBesar(trx, translator('en')),
    );
    for (const p of own.violations) {
      if (!p.bankId || bankIds.includes(p.bankId)) v.push(`ledger check: ${p.kode} ${p.pesan}`);
    }
  }

  return { violations: v, entries: entries.length, lateOriginals };
}

/** One line for t.diagnostic. */
export function summary(seed: number, s: LoadStats, entries: number, ms: number): string {
  return (
    `seed ${seed}: ${s.ops} ops (${s.requests} requests) in ${ms} ms, ${s.acknowledged} acknowledged, ${entries} entries, ` +
    `${s.replays} replays (${s.concurrentReplays} concurrent pairs, ${s.modifiedReplays409} changed-body 409s), ` +
    `${s.cuts} cut connections (${s.cutThenReplayed} done before the cut, ${s.cutThenNew} after), ` +
    `${s.status409} 409s, ${s.status400} 400s, ${s.pending202} requests for approval (${s.approvals} approved, ${s.rejections} rejected), ` +
    `${s.reversals} reversals, ${s.salesToInduk} sales to the induk, ${s.networkErrors} network errors, ${s.status5xx} 5xx, ` +
    `${s.lateOriginals} late originals` +
    (s.inFlightAtCrash ? `, ${s.inFlightAtCrash} requests in flight at the crash` : '')
  );
}

/** Signs in each bank's operator, the approver and the admin. */
export async function signIn(
  target: Target,
  scenario: Scenario,
): Promise<{ sessions: Map<string, Session>; approver: Session | null; admin: Session }> {
  const sessions = new Map<string, Session>();
  for (const b of scenario.banks) sessions.set(b.id, await new Session(target).login(b.operator));
  const approver = scenario.approver ? await new Session(target).login(scenario.approver) : null;
  const admin = await new Session(target).login(scenario.admin);
  return { sessions, approver, admin };
}

// ---- A Balai server in a child process ----

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as net.AddressInfo).port;
  srv.close();
  await once(srv, 'close');
  return port;
}

/** `node src/main.ts` on a database, killable with SIGKILL and restartable on the same port. */
export class ChildServer {
  readonly target: Target = { url: '' };
  readonly databaseUrl: string;
  private proc: ChildProcess | null = null;
  private port = 0;
  private output: string[] = [];
  private readonly killOnExit = () => this.proc?.kill('SIGKILL');
  private readonly opts: { env?: NodeJS.ProcessEnv; readyMs?: number };

  /** databaseUrl "" starts the embedded PostgreSQL (its folder and port in opts.env). */
  constructor(databaseUrl: string, opts: { env?: NodeJS.ProcessEnv; readyMs?: number } = {}) {
    this.databaseUrl = databaseUrl;
    this.opts = opts;
    process.once('exit', this.killOnExit);
  }

  get alive(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** The last lines the server printed (for failure messages). */
  log(): string {
    return this.output.slice(-40).join('');
  }

  async start(): Promise<number> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      if (!this.port || attempt > 0) this.port = await freePort();
      try {
        await this.spawn();
        return Date.now() - started;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
  }

  private spawn(): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      BALAI_DEMO: '0',
      BALAI_JOBS: '0',
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
      ...this.opts.env,
    };
    delete env.NODE_TEST_CONTEXT;
    delete env.NODE_OPTIONS;
    const proc = spawn(process.execPath, ['src/main.ts'], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    const port = this.port;
    return new Promise<void>((resolve, reject) => {
      const readyMs = this.opts.readyMs ?? 30_000;
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`server not ready after ${readyMs / 1000} s:\n${this.log()}`));
      }, readyMs);
      const onData = (d: Buffer) => {
        this.output.push(d.toString());
        if (this.output.length > 200) this.output.splice(0, 100);
        if (/Balai siap/.test(d.toString())) {
          clearTimeout(timer);
          this.target.url = `http://127.0.0.1:${port}`;
          resolve();
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${this.log()}`));
      });
    });
  }

  /** SIGKILL: no shutdown hooks, open transactions and half-written answers are simply lost. */
  async kill(): Promise<void> {
    const proc = this.proc;
    if (!proc || !this.alive) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGKILL');
    await exited;
  }

  /** Graceful stop (SIGTERM), then SIGKILL if it does not exit within 5 s. */
  async stop(): Promise<void> {
    process.off('exit', this.killOnExit);
    const proc = this.proc;
    if (!proc || !this.alive) return;
    const exited = once(proc, 'exit');
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
