/**
 * A Balai per test file, on its own copy of the template database (real
 * PostgreSQL, migrations, reference and demo data already in), plus an HTTP
 * client with a cookie jar and the CSRF token handled like a browser would.
 */
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { startBalai, type Balai } from '../../src/platform/boot.ts';
import { modules } from '../../src/modules/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../../src/platform/demo.ts';
import type { Role } from '../../src/platform/auth/roles.ts';
import { readTestState } from './state.ts';

export const testState = readTestState;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates a fresh database from the template and returns its URL. */
export async function freshDatabase(): Promise<string> {
  const s = testState();
  // Named after the template, so teardown drops exactly this run's copies.
  const name = `${s.template.replace('template', 't')}_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: s.adminUrl });
  await c.connect();
  try {
    await c.query(`create database ${name} template ${s.template}`);
  } finally {
    await c.end();
  }
  return withDatabase(s.adminUrl, name);
}

export interface TestBalai extends Balai {
  databaseUrl: string;
  /** Listening base URL when started with listen: true. */
  baseUrl: string | null;
}

export async function startTestBalai(
  opts: { listen?: boolean; config?: Partial<Config> } = {},
): Promise<TestBalai> {
  const databaseUrl = await freshDatabase();
  const config: Config = {
    ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }),
    demo: false, // the template already holds the demo data
    jobs: true,
    port: 0,
    host: '127.0.0.1',
    ...opts.config,
  };
  const balai = await startBalai(config, modules, { listen: opts.listen ?? false, databaseUrl });
  let baseUrl: string | null = null;
  if (opts.listen) {
    const addr = balai.app.server.address();
    if (addr && typeof addr === 'object') baseUrl = `http://127.0.0.1:${addr.port}`;
  }
  return { ...balai, databaseUrl, baseUrl };
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = unknown>(): T;
}

/** An HTTP client over app.inject with cookies and the CSRF token, like a browser. */
export class Client {
  readonly cookies = new Map<string, string>();
  readonly app: FastifyInstance;
  constructor(app: FastifyInstance) {
    this.app = app;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | number | undefined): void {
    if (!setCookie || typeof setCookie === 'number') return;
    for (const c of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a) || /max-age=0/i.test(a.trim()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async csrf(): Promise<string> {
    if (!this.cookies.has('balai_csrf')) await this.request('GET', '/api/v1/csrf');
    return this.cookies.get('balai_csrf')!;
  }

  async request(
    method: string,
    url: string,
    opts: {
      json?: unknown;
      form?: Record<string, string>;
      headers?: Record<string, string>;
      payload?: string | Buffer;
      csrf?: boolean;
    } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    let payload: string | Buffer | undefined = opts.payload;
    if (unsafe && opts.csrf !== false) headers['x-csrf-token'] ??= await this.csrf();
    if (opts.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      payload = JSON.stringify(opts.json);
    } else if (opts.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      const form = { ...opts.form };
      if (unsafe && opts.csrf !== false) form._csrf ??= await this.csrf();
      payload = new URLSearchParams(form).toString();
      delete headers['x-csrf-token'];
    }
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    this.remember(res.headers['set-cookie']);
    return {
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      json: <T>() => JSON.parse(res.body) as T,
    };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, headers ? { headers } : {});
  }
  post(url: string, json?: unknown) {
    return this.request('POST', url, { json: json ?? {} });
  }
  patch(url: string, json: unknown) {
    return this.request('PATCH', url, { json });
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }

  /** A GET keeping the bytes of the answer (downloads: PDF, XLSX); cookies are sent, not updated. */
  getRaw(url: string) {
    return this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
  }

  /** Signs in through the API; throws when it fails. */
  async login(city: string, email: string, password = DEMO_PASSWORD): Promise<void> {
    const res = await this.post(`/api/v1/cities/${city}/session`, { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.body}`);
  }

  /** Signs in as the demo account of a role. */
  loginAs(city: 'bandung' | 'serang', role: Role): Promise<void> {
    return this.login(city, demoEmail(role, city));
  }
}

/** Real activity in each city, in order: a failed sign-in and a signed-in admin kota (login attempts, sessions). */
export async function signInActivity(
  app: FastifyInstance,
  slugs: readonly ('bandung' | 'serang')[],
): Promise<void> {
  for (const slug of slugs) {
    const c = new Client(app);
    await c.request('POST', `/api/v1/cities/${slug}/session`, {
      json: { email: 'tidak.ada@contoh.id', password: 'x' },
    });
    await c.loginAs(slug, 'admin_kota');
  }
}

/** Connects as the database owner (to inspect what the app wrote). */
export async function ownerClient(databaseUrl: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  return c;
}

export interface BalaiWithOwnerDb {
  balai: TestBalai;
  /** Owner connection to the Balai's database. */
  db: pg.Client;
}

/**
 * For the tests of one file: a Balai on its own database and an owner
 * connection to it, started before the first test and stopped after the last
 * (the fields are set once the `before` hook has run).
 */
export function useBalaiWithOwnerDb(): BalaiWithOwnerDb {
  const env = {} as BalaiWithOwnerDb;
  before(async () => {
    env.balai = await startTestBalai();
    env.db = await ownerClient(env.balai.databaseUrl);
  });
  after(async () => {
    await env.db.end();
    await env.balai.stop();
  });
  return env;
}

export interface BalaiWithClients extends BalaiWithOwnerDb {
  /** A new client signed in as the demo account of a role (in Bandung unless another city is named). */
  as(role: Role, city?: 'bandung' | 'serang'): Promise<Client>;
}

/** useBalaiWithOwnerDb with signed-in clients. */
export function useBalaiWithClients(): BalaiWithClients {
  const env = useBalaiWithOwnerDb() as BalaiWithClients;
  env.as = clientAs(env);
  return env;
}

/** Signs in a new client as the demo account of a role, in Bandung unless another city is named. */
export function clientAs(env: BalaiWithOwnerDb) {
  return async (role: Role, city: 'bandung' | 'serang' = 'bandung'): Promise<Client> => {
    const c = new Client(env.balai.app);
    await c.loginAs(city, role);
    return c;
  };
}
