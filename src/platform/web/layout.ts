/**
 * The page shell shared by the public site and the officers' app: header with
 * the city, navigation by role, language switch, skip link, footer. Pages are
 * server-rendered and read without JavaScript.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../auth/roles.ts';
import type { NavItem } from '../module.ts';
import { html, raw, type HtmlValue, type SafeHtml } from './html.ts';

export interface RegisteredNavItem extends NavItem {
  /** Message key of the menu group (the module's label unless the entry names its own). */
  group: string;
  module: string;
  optional: boolean;
}

const navItems: RegisteredNavItem[] = [];

/** Called once at start-up with the navigation of every module, in order. */
export function setNavigation(items: RegisteredNavItem[]): void {
  navItems.splice(0, navItems.length, ...items);
}

/** The navigation a signed-in user sees: modules the city uses, entries the user may open. */
export function visibleNav(req: FastifyRequest): RegisteredNavItem[] {
  const { user, city } = req;
  if (!user || !city) return [];
  return navItems.filter(
    (n) => (!n.optional || city.modules.includes(n.module)) && (n.access === 'user' || can(user, n.access)),
  );
}

export interface PageOptions {
  title: string;
  body: HtmlValue;
  /** Extra <head> content (JSON-LD, styles). */
  head?: HtmlValue;
  /** Scripts loaded at the end of <body>, paths under /assets. */
  scripts?: string[];
  /** Hide the city navigation (login, error pages). */
  bare?: boolean;
  status?: number;
}

export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${req.csrfToken}" />`;
}

export function cityPath(req: FastifyRequest, path = ''): string {
  return `/${req.city?.slug ?? ''}${path}`;
}

function header(req: FastifyRequest, t: FastifyRequest['t'], banner: SafeHtml | ''): SafeHtml {
  const city = req.city;
  const user = req.user;
  const here = req.url;
  const other = req.locale === 'id' ? 'en' : 'id';
  const brand = city
    ? html`<a class="brand" href="/${city.slug}"
        >${city.hasLogo ? html`<img src="/${city.slug}/logo?v=${city.logoVersion}" alt="" width="32" height="32" />` : ''}<span
          >${city.name}</span
        ></a
      >`
    : html`<a class="brand" href="/"><span>Balai</span></a>`;
  const account = city
    ? user
      ? html`<form method="post" action="/${city.slug}/keluar" class="inline">
          ${csrfField(req)}<button type="submit" class="link">${t('nav.logout')}</button>
        </form>`
      : html`<a href="/${city.slug}/masuk">${t('nav.login')}</a>`
    : '';
  return html`<header class="site-header">
    <div class="bar">
      ${brand}
      <div class="tools">
        <a href="/bahasa/${other}?next=${encodeURIComponent(here)}" lang="${other}" hreflang="${other}"
          >${t('nav.switchLanguage')}</a
        >
        ${account}
      </div>
    </div>
    ${banner}
  </header>`;
}

interface NavLink {
  href: string;
  label: string;
}
interface NavGroup {
  label: string;
  links: NavLink[];
}

/** The user's entries in order, consecutive entries of one group together (a group of one is a plain link). */
function navEntries(req: FastifyRequest, slug: string, t: FastifyRequest['t']): (NavLink | NavGroup)[] {
  const groups: (NavGroup & { key: string })[] = [];
  for (const n of visibleNav(req)) {
    const link = { href: `/${slug}${n.path}`, label: t(n.label) };
    const last = groups.at(-1);
    if (last?.key === n.group) last.links.push(link);
    else groups.push({ key: n.group, label: t(n.group), links: [link] });
  }
  return groups.map((g) => (g.links.length === 1 ? g.links[0]! : g));
}

/**
 * The officers' navigation, grouped by programme. On a phone one "Menu" disclosure holds the
 * list; on wide screens the list is a bar of grouped menus. Both are <details>/<summary>, so they
 * open by keyboard and without JavaScript (nav.js only closes the bar's other open menu).
 */
function nav(req: FastifyRequest, t: FastifyRequest['t']): SafeHtml | '' {
  if (!req.city || !req.user) return '';
  const slug = req.city.slug;
  const current = req.url.split('?')[0] ?? '';
  const entries = [
    { href: `/${slug}/dasbor`, label: t('nav.dashboard') },
    ...navEntries(req, slug, t),
    { href: `/${slug}/akun`, label: t('nav.account') },
  ];
  // One current entry: the longest link that is this page or one of its parents
  // (on /wilayah/rw that is "RW", not also "Wilayah").
  const active = entries
    .flatMap((e) => ('links' in e ? e.links : [e]))
    .filter((l) => current === l.href || current.startsWith(`${l.href}/`))
    .reduce<string | null>((best, l) => (best && best.length >= l.href.length ? best : l.href), null);
  const link = (l: NavLink) =>
    html`<a href="${l.href}" ${l.href === active ? raw('aria-current="page"') : ''}>${l.label}</a>`;
  return html`<nav class="app-nav" aria-label="${t('nav.main')}">
    <details class="nav-menu">
      <summary>${t('nav.menu')}</summary>
      <ul class="nav-bar">
        ${entries.map((e) =>
          'links' in e
            ? html`<li class="nav-group">
                <details>
                  <summary${e.links.some((l) => l.href === active) ? raw(' class="current"') : ''}>${e.label}</summary>
                  <ul>
                    ${e.links.map((l) => html`<li>${link(l)}</li>`)}
                  </ul>
                </details>
              </li>`
            : html`<li>${link(e)}</li>`,
        )}
      </ul>
    </details>
  </nav>`;
}

export function renderPage(req: FastifyRequest, o: PageOptions): string {
  const t = req.t;
  // Inside the header landmark, so every piece of content sits in a landmark.
  const demo = req.city?.demo ? html`<p class="demo-banner">${t('layout.demoBanner')}</p>` : '';
  const menu = o.bare ? '' : nav(req, t);
  const scripts = [...(menu ? ['/assets/js/nav.js'] : []), ...(o.scripts ?? [])];
  return `<!doctype html>${
    html`<html lang="${req.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${o.title} · ${req.city?.name ?? 'Balai'}</title>
        <link rel="stylesheet" href="/assets/css/balai.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        ${o.head}
      </head>
      <body>
        <a class="skip" href="#isi">${t('layout.skip')}</a>
        ${header(req, t, demo)} ${menu}
        <main id="isi" tabindex="-1">${o.body}</main>
        <footer class="site-footer">
          <p>
            ${t('layout.footer')} · <a href="/api/docs">${t('layout.api')}</a> ·
            <a href="/tentang">${t('layout.about')}</a>
          </p>
        </footer>
        ${scripts.map((s) => html`<script src="${s}" defer></script>`)}
      </body>
    </html>`.value
  }`;
}

export function sendPage(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  return reply
    .status(o.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(renderPage(req, o));
}

/** The frame of every form control: label, hint, error, and the ARIA attributes linking them. */
export interface FieldFrame {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
}

/** Wraps a control built by `control(id, aria)`, where aria holds required/aria-describedby/aria-invalid. */
export function fieldFrame(o: FieldFrame, control: (id: string, aria: SafeHtml) => SafeHtml): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  const aria = html`${o.required ? raw('required') : ''}
  ${described ? html`aria-describedby="${described}"` : ''} ${o.error ? raw('aria-invalid="true"') : ''}`;
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''} ${control(id, aria)}
    ${o.error ? html`<p class="error" id="${id}-err">${o.error}</p>` : ''}
  </div>`;
}

/** A form field with label, current value and its error (ARIA-linked). */
export function field(
  o: FieldFrame & {
    value?: string | number | null | undefined;
    type?: string;
    autocomplete?: string;
    attrs?: SafeHtml;
  },
): SafeHtml {
  return fieldFrame(
    o,
    (id, aria) =>
      html`<input
        id="${id}"
        name="${o.name}"
        type="${o.type ?? 'text'}"
        value="${o.value ?? ''}"
        ${o.autocomplete ? html`autocomplete="${o.autocomplete}"` : ''}
        ${aria}
        ${o.attrs}
      />`,
  );
}

/** A summary of form errors at the top of a form, announced to screen readers. */
export function errorSummary(
  t: FastifyRequest['t'],
  errors: Record<string, string>,
  message?: string,
): SafeHtml | '' {
  const keys = Object.keys(errors);
  if (!keys.length && !message) return '';
  return html`<div class="alert alert-error" role="alert">
    <p>${message ?? t('form.hasErrors')}</p>
    ${
      keys.length
        ? html`<ul>
            ${keys.map((k) => html`<li><a href="#f-${k}">${errors[k]}</a></li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export function flash(message: string | undefined, kind: 'success' | 'info' = 'success'): SafeHtml | '' {
  return message ? html`<div class="alert alert-${kind}" role="status">${message}</div>` : '';
}
