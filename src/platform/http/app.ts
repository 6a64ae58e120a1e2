/**
 * Builds the HTTP application: plugins, the platform hooks (language, city,
 * session, access, CSRF), errors as problem+json or error pages, OpenAPI, and
 * the routes of every module.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchema,
} from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { projectRoot, type Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { withTenant } from '../db/transaction.ts';
import { DEFAULT_LOCALE, isLocale, translator, type Locale } from '../i18n/index.ts';
import { actingRole, can, registerPermissions } from '../auth/roles.ts';
import { loadSession } from '../auth/service.ts';
import { findCityBySlug } from '../tenancy/service.ts';
import type { BalaiApp, BalaiModule, ModuleContext } from '../module.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { registerMessages } from '../i18n/index.ts';
import { setNavigation, sendPage } from '../web/layout.ts';
import { html } from '../web/html.ts';
import { HttpProblem, PROBLEM_TYPES, type FieldError } from './problem.ts';
import { fieldErrorKeys, fieldMessage, shapeErrors, strictFieldMessages } from './validation.ts';
import { markJsonBody, validatorFactory } from './schemas.ts';
import type { Access } from './context.ts';
import { platformRoutes } from './platform-routes.ts';
import { LANG_COOKIE, sessionCookie, setSecureCookies } from './cookies.ts';
import { csrfAccepted, ensureCsrfToken, renewCsrfToken, setCsrfSecret } from '../auth/csrf.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CITY_SLUG = /^[a-z][a-z0-9-]{1,39}$/;

/** A registered route as the onRoute hook saw it; `app.routeList` holds them all (the tests walk every route). */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeList: RouteInfo[];
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  jobs: Jobs;
  modules: BalaiModule[];
}

function isPage(req: FastifyRequest): boolean {
  return req.routeOptions.config?.page ?? !req.url.startsWith('/api/');
}

function apiLocale(req: FastifyRequest): Locale {
  const c = req.cookies?.[LANG_COOKIE];
  if (isLocale(c)) return c;
  const header = req.headers['accept-language'];
  if (typeof header === 'string') {
    const ranked = header
      .split(',')
      .map((part) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.find((p) => p.trim().startsWith('q='));
        return { lang: (tag ?? '').slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .filter((x) => isLocale(x.lang))
      .sort((a, b) => b.q - a.q);
    if (ranked[0] && isLocale(ranked[0].lang)) return ranked[0].lang;
  }
  return DEFAULT_LOCALE;
}

interface ProblemShape {
  status: number;
  titleKey: string;
  params?: Record<string, string | number> | undefined;
  errors?: FieldError[] | undefined;
  headers?: Record<string, string> | undefined;
}

/** PostgreSQL error codes (SQLSTATE) a request may cause, by the answer they get. */
const PG_ERRORS: Record<string, [number, string]> = Object.fromEntries(
  (
    [
      [409, 'error.duplicate', ['23505']],
      [409, 'error.reference', ['23503']],
      [400, 'error.invalidData', ['23514', '23502', '22P02', '22021', '22001', '22003', '22007', '22008']],
      [403, 'error.forbidden', ['42501']],
      [409, 'error.retry', ['40001', '40P01']],
    ] as const
  ).flatMap(([status, key, codes]) => codes.map((code) => [code, [status, key]])),
);

function toProblem(err: FastifyError & { code?: string }, req: FastifyRequest): ProblemShape {
  if (err instanceof HttpProblem) {
    return {
      status: err.status,
      titleKey: err.titleKey,
      params: err.params,
      errors: err.errors,
      headers: err.headers,
    };
  }
  if (err.validation) {
    return {
      status: 400,
      titleKey: 'error.validation',
      errors: fieldErrorKeys(err.validation, err.validationContext),
    };
  }
  const pg = err.code ? PG_ERRORS[err.code] : undefined;
  if (!pg && !err.statusCode && req.isMultipart() && /multipart|boundary|part header/i.test(err.message))
    return { status: 400, titleKey: 'error.badRequest' };
  if (pg) return { status: pg[0], titleKey: pg[1] };
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status === 500) return { status, titleKey: 'error.internal' };
  const byCode: Record<number, string> = {
    413: 'error.tooLarge',
    415: 'error.unsupportedMedia',
    406: 'error.notAcceptable',
    405: 'error.methodNotAllowed',
    404: 'error.notFound',
    429: 'error.tooMany',
  };
  return { status, titleKey: byCode[status] ?? 'error.badRequest' };
}

/**
 * A page's address without the query parameters a 400 found wrong (an unknown filter value such as
 * `?kecamatan=zzz` or `?status=foo`), so the page shows unfiltered instead of an error; null when
 * the problem is not only about parameters present in the address (the JSON API keeps its 400).
 */
function withoutBadFilters(req: FastifyRequest, p: ProblemShape): string | null {
  if (req.method !== 'GET' || p.status !== 400 || !p.errors?.length) return null;
  const names = p.errors.map((e) => /^\/query\/([^/]+)/.exec(e.pointer)?.[1]);
  const [path, query = ''] = req.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  if (names.some((n) => n === undefined || !params.has(n))) return null;
  for (const n of names) params.delete(n!);
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, p: ProblemShape): FastifyReply {
  const t = req.t ?? translator(DEFAULT_LOCALE);
  for (const [k, v] of Object.entries(p.headers ?? {})) reply.header(k, v);
  const title = t(p.titleKey, p.params);
  const errors = p.errors?.map((e) => ({ pointer: e.pointer, detail: fieldMessage(t, e, p.params) }));
  if (isPage(req)) {
    if (p.status === 401 && req.city) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/${req.city.slug}/masuk${next}`, 303);
    }
    const unfiltered = withoutBadFilters(req, p);
    if (unfiltered !== null) return reply.redirect(unfiltered, 303);
    return sendPage(req, reply, {
      title,
      status: p.status,
      bare: true,
      body: html`<section class="error-page">
        <h1>${title}</h1>
        ${
          errors?.length
            ? html`<ul>
                ${errors.map((e) => html`<li>${e.detail}</li>`)}
              </ul>`
            : ''
        }
        <p><a href="${req.city ? `/${req.city.slug}` : '/'}">${t('error.backHome')}</a></p>
      </section>`,
    });
  }
  return reply
    .status(p.status)
    .type('application/problem+json; charset=utf-8')
    .header('content-language', req.locale ?? DEFAULT_LOCALE)
    .send({
      type: `urn:balai:problem:${PROBLEM_TYPES[p.status] ?? 'error'}`,
      title,
      status: p.status,
      instance: req.url.split('?')[0],
      ...(errors?.length ? { errors } : {}),
    });
}

/** The Fastify instance with its options: logging, request ids, body limits, the validator. */
function createFastify(config: Config): BalaiApp {
  return Fastify({
    logger: { level: config.logLevel },
    genReqId: () => randomUUID(),
    trustProxy: config.production,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 300, ignoreTrailingSlash: true },
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true },
    },
    // Forms and query strings are coerced (they arrive as text); JSON bodies are not.
    schemaController: { compilersFactory: { buildValidator: validatorFactory() } },
  }).withTypeProvider<TypeBoxTypeProvider>();
}

/** Settings read by the hooks, and what every request carries (decorations). */
function decorate(app: BalaiApp, config: Config, db: Db): void {
  app.addHook('preValidation', markJsonBody);
  setSecureCookies(config.production);
  setCsrfSecret(config.dataKey);
  strictFieldMessages(!config.production);
  app.decorate('db', db);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', translator(DEFAULT_LOCALE));
  app.decorateRequest('city', null);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('actingRole', null);
  app.decorateRequest('uploads', null);
}

/** Each module's messages, permissions and navigation entries. */
function registerCatalogues(modules: BalaiModule[]): void {
  for (const m of modules) {
    registerMessages(m.messages);
    registerPermissions(m.name, m.permissions);
  }
  setNavigation(
    modules.flatMap((m) =>
      (m.nav ?? []).map((n) => ({ ...n, group: n.group ?? m.label, module: m.name, optional: m.optional })),
    ),
  );
}

/** Every route declares who may call it; pages stay out of the OpenAPI document. */
function trackRoutes(app: BalaiApp): void {
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    const internal = url.startsWith('/api/docs') || url.startsWith('/assets') || url === '/api/openapi.json';
    if (!internal && !route.config?.access)
      throw new Error(`Route ${route.method} ${url} declares no access`);
    if (!url.startsWith('/api/v1')) route.schema = { ...(route.schema ?? {}), hide: true };
    for (const method of [route.method].flat())
      routeList.push({ method, url, access: route.config?.access, schema: route.schema });
  });
}

/** Cookies, form and multipart bodies, static assets, the OpenAPI document and its viewer. */
async function registerPlugins(app: BalaiApp, config: Config): Promise<void> {
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 5 * 1_048_576, files: 1, fields: 20, fieldSize: 10_000 },
    // The body gets the file's bytes; its name and declared type go to req.uploads.
    async onFile(this: FastifyRequest, part) {
      const data = await part.toBuffer();
      (part as unknown as { value: Buffer }).value = data;
      this.uploads = {
        ...this.uploads,
        [part.fieldname]: {
          filename: part.filename.slice(0, 200),
          mimetype: part.mimetype,
          size: data.length,
        },
      };
    },
  });
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'public'),
    prefix: '/assets/',
    maxAge: config.production ? '7d' : 0,
  });
  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'node_modules', 'leaflet', 'dist'),
    prefix: '/assets/leaflet/',
    decorateReply: false,
    maxAge: '7d',
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Balai API',
        version: '1',
        description:
          'JSON API of Balai. Errors are RFC 9457 problem details. State-changing calls need the CSRF token from GET /api/v1/csrf in the X-CSRF-Token header.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'balai_sid_<kode kota>' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () => app.swagger());
}

/** Per request: one address per page, then the language and the CSRF cookie. */
function addRequestHooks(app: BalaiApp): void {
  // One address per page: repeated slashes ("/api/docs//") redirect to the address without them,
  // so relative links on the page resolve (and "//host" can never become another site).
  app.addHook('onRequest', async (req, reply) => {
    const q = req.url.indexOf('?');
    const pathPart = q === -1 ? req.url : req.url.slice(0, q);
    if (pathPart.includes('//') && (req.method === 'GET' || req.method === 'HEAD'))
      return reply.redirect(pathPart.replace(/\/{2,}/g, '/') + (q === -1 ? '' : req.url.slice(q)), 301);
  });

  app.addHook('onRequest', async (req, reply) => {
    const fromCookie = req.cookies[LANG_COOKIE];
    req.locale = req.url.startsWith('/api/')
      ? apiLocale(req)
      : isLocale(fromCookie)
        ? fromCookie
        : DEFAULT_LOCALE;
    req.t = translator(req.locale);
    ensureCsrfToken(req, reply);
  });
}

/** Per route: the city, the session, the CSRF check and the route's declared access. */
function addAccessHook(app: BalaiApp, db: Db, modules: BalaiModule[]): void {
  const optionalModules = new Set(modules.filter((m) => m.optional).map((m) => m.name));

  app.addHook('preHandler', async (req, reply) => {
    const access: Access | undefined = req.routeOptions.config?.access;
    if (!access) return;
    const params = (req.params ?? {}) as Record<string, unknown>;
    if (typeof params.city === 'string') {
      const city = CITY_SLUG.test(params.city) ? await findCityBySlug(db, params.city) : null;
      if (!city) throw new HttpProblem(404, 'error.cityNotFound');
      req.city = city;
      // A module the city has switched off does not exist for it.
      const module = req.routeOptions.config?.module;
      if (module && optionalModules.has(module) && !city.modules.includes(module)) {
        throw new HttpProblem(404, 'error.moduleOff');
      }
      const token = req.cookies[sessionCookie(city.id)];
      if (token) {
        const s = await withTenant(db, city.id, { userId: null, role: 'sistem', requestId: req.id }, (trx) =>
          loadSession(trx, token),
        );
        if (s) {
          req.user = s.user;
          req.sessionId = s.sessionId;
        } else {
          reply.clearCookie(sessionCookie(city.id), { path: '/' });
          renewCsrfToken(req, reply, { [sessionCookie(city.id)]: null });
        }
      }
    }
    // CSRF: signed double-submit, bound to the sessions (auth/csrf.ts). The HttpOnly, SameSite
    // cookie `balai_csrf` must match the token sent in the X-CSRF-Token header (API) or the _csrf
    // form field (pages), and be signed for the session cookies the request carries.
    if (UNSAFE.has(req.method) && !csrfAccepted(req)) throw new HttpProblem(403, 'error.csrf');
    if (access === 'public') return void (req.actingRole = req.user ? actingRole(req.user) : null);
    if (!req.user) throw new HttpProblem(401, 'error.unauthorized');
    if (typeof access === 'object') {
      if (!can(req.user, access.permission)) throw new HttpProblem(403, 'error.forbidden');
      req.actingRole = actingRole(req.user, access.permission);
    } else {
      req.actingRole = actingRole(req.user);
    }
    if (req.user.mustChangePassword && !req.routeOptions.config?.duringPasswordChange) {
      if (isPage(req) && req.method === 'GET' && req.city) {
        return reply.redirect(`/${req.city.slug}/akun?wajib=1`, 303);
      }
      throw new HttpProblem(403, 'auth.mustChangePassword');
    }
  });
}

/** Repeated or nested fields (400) and the security headers of every answer. */
function addShapeAndHeaderHooks(app: BalaiApp): void {
  // A field the schema declares as one value but sent as a list (repeated) or nested: a 400, before
  // a form handler (which reads its body even when validation failed) takes it for text.
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema;
    const errors = [
      ...shapeErrors(schema?.querystring, req.query, 'query'),
      ...shapeErrors(schema?.body, req.body, 'body'),
    ];
    if (errors.length) throw new HttpProblem(400, 'error.validation', { errors });
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !req.url.startsWith('/api/docs')) {
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
      if (req.user) reply.header('cache-control', 'private, no-store');
    }
    return payload;
  });
}

/** Errors as problem details (API) or error pages, and the 404 of unknown addresses. */
function setErrorHandlers(app: BalaiApp): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const p = toProblem(err, req);
    if (p.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(req, reply, p);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(req, reply, { status: 404, titleKey: 'error.notFound' }),
  );
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, jobs, modules } = deps;
  const app = createFastify(config);
  decorate(app, config, db);
  registerCatalogues(modules);
  trackRoutes(app);
  await registerPlugins(app, config);
  addRequestHooks(app);
  addAccessHook(app, db, modules);
  addShapeAndHeaderHooks(app);
  setErrorHandlers(app);
  const ctx: ModuleContext = {
    db,
    jobs,
    config,
    modules: modules.map(({ name, label, optional }) => ({ name, label, optional })),
  };
  platformRoutes(app, ctx, modules);
  // Each module's routes in their own scope, tagged with the module (for switching modules off).
  for (const m of modules) {
    await app.register(async (scope) => {
      scope.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), module: m.name };
      });
      m.routes(scope, ctx);
    });
  }
  return app;
}
