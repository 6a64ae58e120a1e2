/**
 * Routes of the platform itself: the platform home (list of cities), the about
 * page, language switch, health, CSRF token, cities API, each city's public home
 * and its dashboard shell, plus sign-in and accounts (auth/routes.ts).
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, BalaiModule, DashboardTile, ModuleContext } from '../module.ts';
import { authRoutes, safeNext } from '../auth/routes.ts';
import { listCities, getCityLogo, type City } from '../tenancy/service.ts';
import { cityOf, cityTx, userOf } from './context.ts';
import { CityParams, errorResponses } from './schemas.ts';
import { notFound } from './problem.ts';
import { baseCookie, LANG_COOKIE } from './cookies.ts';
import { sendPage, visibleNav } from '../web/layout.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { sql } from 'kysely';
import { grantAreaNames, grantLabel } from '../auth/grants.ts';

export const CityOut = Type.Object({
  kode: Type.String({ description: 'Kemendagri code, e.g. 32.73' }),
  slug: Type.String(),
  name: Type.String(),
  tagline: Type.Union([Type.String(), Type.Null()]),
  contact: Type.Object({
    alamat: Type.Optional(Type.String()),
    telepon: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    situs: Type.Optional(Type.String()),
  }),
  modules: Type.Array(Type.String()),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  demo: Type.Boolean(),
});

export function cityOut(c: City): Static<typeof CityOut> {
  return {
    kode: c.id,
    slug: c.slug,
    name: c.name,
    tagline: c.tagline,
    contact: c.contact,
    modules: c.modules,
    logoUrl: c.hasLogo ? `/${c.slug}/logo?v=${c.logoVersion}` : null,
    demo: c.demo,
  };
}

/** Health, CSRF token and the cities API. */
function platformApiRoutes(app: BalaiApp, db: ModuleContext['db']): void {
  app.get('/healthz', { config: { access: 'public' } }, async () => {
    await sql`select 1`.execute(db);
    return { status: 'ok' };
  });

  app.get(
    '/api/v1/csrf',
    {
      schema: {
        tags: ['auth'],
        summary: 'CSRF token for state-changing calls',
        response: { 200: Type.Object({ token: Type.String() }) },
      },
      config: { access: 'public' },
    },
    (req) => ({ token: req.csrfToken }),
  );

  app.get(
    '/api/v1/cities',
    {
      schema: {
        tags: ['cities'],
        summary: 'Cities on this Balai',
        response: { 200: Type.Object({ items: Type.Array(CityOut) }) },
      },
      config: { access: 'public' },
    },
    async () => ({ items: (await listCities(db)).map(cityOut) }),
  );

  app.get(
    '/api/v1/cities/:city',
    {
      schema: {
        tags: ['cities'],
        summary: 'One city',
        params: CityParams,
        response: { 200: CityOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    (req) => cityOut(cityOf(req)),
  );
}

/** The language switch (a cookie), back to where the reader was. */
function languageRoute(app: BalaiApp): void {
  const LangParams = Type.Object(
    { lang: Type.Union([Type.Literal('id'), Type.Literal('en')]) },
    { additionalProperties: false },
  );
  const NextQuery = Type.Object(
    { next: Type.Optional(Type.String({ maxLength: 500 })) },
    { additionalProperties: false },
  );
  app.get(
    '/bahasa/:lang',
    { schema: { params: LangParams, querystring: NextQuery }, config: { access: 'public' } },
    (req, reply) => {
      const { lang } = req.params;
      reply.setCookie(LANG_COOKIE, lang, { ...baseCookie(), maxAge: 365 * 86400 });
      return reply.redirect(safeNext(req.query.next, '/'), 303);
    },
  );
}

/** The platform home (the list of cities) and the about page. */
function homePages(app: BalaiApp, db: ModuleContext['db']): void {
  app.get('/', { config: { access: 'public' } }, async (req, reply) => {
    const t = req.t;
    const cities = await listCities(db);
    return sendPage(req, reply, {
      title: t('home.title'),
      body: html`<section class="hero">
          <h1>Balai</h1>
          <p class="lead">${t('home.lead')}</p>
        </section>
        <section>
          <h2>${t('home.cities')}</h2>
          ${
            cities.length
              ? html`<ul class="cards">
                  ${cities.map(
                    (c) =>
                      html`<li class="card">
                        <h3><a href="/${c.slug}">${c.name}</a></h3>
                        <p>${c.tagline ?? t('home.cityDefaultTagline')}</p>
                        <p class="meta">${t('home.kode')} ${c.id}</p>
                      </li>`,
                  )}
                </ul>`
              : html`<p>${t('home.noCities')}</p>`
          }
        </section>`,
    });
  });

  app.get('/tentang', { config: { access: 'public' } }, (req, reply) => {
    const t = req.t;
    return sendPage(req, reply, {
      title: t('about.title'),
      body: html`<section class="prose">
        <h1>${t('about.title')}</h1>
        <p>${t('about.body')}</p>
        <h2>${t('about.dataTitle')}</h2>
        <p>${t('about.wilayah')}</p>
      </section>`,
    });
  });
}

/** The city's public home: sign-in or dashboard, the public pages of its modules, its contact. */
function cityHome(req: FastifyRequest, city: City, enabled: BalaiModule[]): SafeHtml {
  const t = req.t;
  const c = city.contact;
  return html`<section class="hero">
      <h1>${city.name}</h1>
      <p class="lead">${city.tagline ?? t('city.defaultTagline')}</p>
      ${
        req.user
          ? html`<p>
              <a class="button primary" href="/${city.slug}/dasbor">${t('city.openDashboard')}</a>
            </p>`
          : html`<p>
              <a class="button primary" href="/${city.slug}/masuk">${t('nav.login')}</a>
              <a class="button" href="/${city.slug}/daftar">${t('auth.register.link')}</a>
            </p>`
      }
    </section>
    <section>
      <h2>${t('city.explore')}</h2>
      <ul class="cards">
        <li class="card">
          <h3><a href="/${city.slug}/peta">${t('city.map')}</a></h3>
          <p>${t('city.mapIntro')}</p>
        </li>
        <li class="card">
          <h3><a href="/${city.slug}/wilayah">${t('city.regions')}</a></h3>
          <p>${t('city.regionsIntro')}</p>
        </li>
        ${enabled.flatMap((m) =>
          (m.publicLinks ?? []).map(
            (l) =>
              html`<li class="card">
                <h3><a href="/${city.slug}${l.path}">${t(l.label)}</a></h3>
                <p>${t(l.intro)}</p>
              </li>`,
          ),
        )}
      </ul>
    </section>
    <section>
      <h2>${t('city.programmes')}</h2>
      <ul class="tags">
        ${enabled.map((m) => html`<li class="tag">${t(m.label)}</li>`)}
      </ul>
    </section>
    ${
      c.alamat || c.telepon || c.email || c.situs
        ? html`<section>
            <h2>${t('city.contact')}</h2>
            <dl class="facts">
              ${
                c.alamat
                  ? html`<dt>${t('city.address')}</dt>
                      <dd>${c.alamat}</dd>`
                  : ''
              }
              ${
                c.telepon
                  ? html`<dt>${t('city.phone')}</dt>
                      <dd><a href="tel:${c.telepon}">${c.telepon}</a></dd>`
                  : ''
              }
              ${
                c.email
                  ? html`<dt>${t('auth.email')}</dt>
                      <dd><a href="mailto:${c.email}">${c.email}</a></dd>`
                  : ''
              }
              ${
                c.situs
                  ? html`<dt>${t('city.website')}</dt>
                      <dd><a href="${c.situs}" rel="noopener">${c.situs}</a></dd>`
                  : ''
              }
            </dl>
          </section>`
        : ''
    }`;
}

/** Each city's public home and its logo. */
function cityPages(app: BalaiApp, modules: BalaiModule[]): void {
  app.get('/:city', { schema: { params: CityParams }, config: { access: 'public' } }, (req, reply) => {
    const city = cityOf(req);
    const enabled = modules.filter((m) => !m.optional || city.modules.includes(m.name));
    return sendPage(req, reply, { title: city.name, body: cityHome(req, city, enabled) });
  });

  app.get(
    '/:city/logo',
    {
      schema: {
        params: CityParams,
        querystring: Type.Object(
          { v: Type.Optional(Type.String({ maxLength: 20 })) },
          { additionalProperties: false },
        ),
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const city = cityOf(req);
      const logo = await cityTx(req, (trx) => getCityLogo(trx, city.id));
      if (!logo) throw notFound();
      return (
        reply
          .type(logo.type)
          .header('cache-control', 'public, max-age=86400')
          // A second defence for SVG logos: opened directly, nothing in them may run.
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
          .send(logo.logo)
      );
    },
  );
}

/** The dashboard shell: every enabled module's tiles and the user's shortcuts. */
function dashboardPage(app: BalaiApp, modules: BalaiModule[]): void {
  app.get(
    '/:city/dasbor',
    { schema: { params: CityParams }, config: { access: 'user' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const user = userOf(req);
      const [tiles, areaNames] = await cityTx(req, async (trx) => {
        const out: DashboardTile[] = [];
        for (const m of modules) {
          if (m.optional && !city.modules.includes(m.name)) continue;
          if (m.dashboard) out.push(...(await m.dashboard(trx, city, user, t)));
        }
        return [out, await grantAreaNames(trx, t, user.roles)] as const;
      });
      const nav = visibleNav(req);
      return sendPage(req, reply, {
        title: t('dashboard.title'),
        body: html`<h1>${t('dashboard.title')}</h1>
          <p class="lead">${t('dashboard.welcome', { name: user.name })}</p>
          <p>
            ${t('dashboard.yourRoles')}:
            ${user.roles.map((r) => html`<span class="tag">${grantLabel(t, r, modules, areaNames)}</span> `)}
          </p>
          ${
            tiles.length
              ? html`<ul class="tiles">
                  ${tiles.map((tile) => html`<li class="tile"><span class="value">${tile.value}</span> <span class="label">${tile.href ? html`<a href="${tile.href}">${tile.label}</a>` : tile.label}</span></li>`)}
                </ul>`
              : ''
          }
          <h2>${t('dashboard.shortcuts')}</h2>
          ${
            nav.length
              ? html`<ul class="cards">
                  ${nav.map((n) => html`<li class="card"><a href="/${city.slug}${n.path}">${t(n.label)}</a></li>`)}
                </ul>`
              : html`<p>${t('dashboard.nothingYet')}</p>`
          } `,
      });
    },
  );
}

export function platformRoutes(app: BalaiApp, ctx: ModuleContext, modules: BalaiModule[]): void {
  platformApiRoutes(app, ctx.db);
  languageRoute(app);
  homePages(app, ctx.db);
  cityPages(app, modules);
  dashboardPage(app, modules);
  authRoutes(app, ctx);
}
