/**
 * The shapes every server-rendered screen shares, so a page file holds only what its screen
 * shows and does:
 * - `formScreen`: a page with one form — GET shows it, POST saves and redirects (303) or shows
 *   it again with the values sent and the errors by field; `formPost` is the POST half alone.
 * - `postForm`, `formSection`: the markup of a form (error summary, CSRF field, submit button)
 *   and of the section around it.
 * - `headRow`: the head row of a data table from its column labels.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static, TSchema, TUnknown } from 'typebox';
import type { BalaiApp } from '../module.ts';
import type { Access } from '../http/context.ts';
import type { TypedRequest } from '../http/api-route.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { csrfField, errorSummary } from './layout.ts';
import { submitForm, type FailedForm, type FormErrors } from './components.ts';
import { filterForm, option } from './components.ts';
import { pagination, tableWrap } from './components.ts';
import type { Translator } from '../i18n/index.ts';

/** What a form screen is shown with: the query on GET, the values and errors of a failed POST. */
export type ScreenState<Q extends TSchema = TUnknown> = Partial<Static<Q>> & Partial<FailedForm>;

type Shown = FastifyReply | string | Promise<FastifyReply | string>;

export interface FormPost<P extends TSchema, B extends TSchema, Q extends TSchema> {
  /** The route, e.g. '/:city/bank-sampah/:bankId/jenis'. */
  path: string;
  access: Access;
  params: P;
  body: B;
  /** The form's fields: on a failure their sent values are put back. */
  fields: readonly string[];
  /** Shows the screen; `state` holds the query (GET) or the failed form (POST). */
  show: (req: TypedRequest<P, Q>, reply: FastifyReply, state: ScreenState<Q>) => Shown;
  /** Makes the change and answers where to go next (usually the screen with `?ok=…`). */
  save: (req: TypedRequest<P, TUnknown, B>, reply: FastifyReply) => Promise<string>;
}

/** The POST of a form: validation errors (400) and a service's field errors show the form again. */
export function formPost<P extends TSchema, B extends TSchema, Q extends TSchema = TUnknown>(
  app: BalaiApp,
  o: FormPost<P, B, Q>,
): void {
  // Fastify types the handler's request from these schemas; `show` and `save` take the same types.
  app.post(
    o.path,
    { schema: { params: o.params, body: o.body }, attachValidation: true, config: { access: o.access } },
    async (req, reply) =>
      submitForm(
        req,
        reply,
        [...o.fields],
        (failed) => o.show(req as never, reply, failed as ScreenState<Q>),
        () => o.save(req as never, reply),
      ),
  );
}

/** A page with one form at one path: GET shows it with its query, POST is `formPost`. */
export function formScreen<P extends TSchema, B extends TSchema, Q extends TSchema = TUnknown>(
  app: BalaiApp,
  o: FormPost<P, B, Q> & { query?: Q },
): void {
  app.get(
    o.path,
    {
      schema: { params: o.params, ...(o.query ? { querystring: o.query } : {}) },
      config: { access: o.access },
    },
    async (req, reply) => o.show(req as never, reply, (req.query ?? {}) as ScreenState<Q>),
  );
  formPost(app, o);
}

/** A column of `headRow`: its label, or the label with options. */
export type HeadCol = string | { label: string; num?: boolean; hidden?: boolean };

/** The head row of a data table: one `th scope="col"` per column, numeric columns right-aligned. */
export function headRow(cols: readonly HeadCol[]): SafeHtml {
  return html`<tr>
    ${cols.map((c) => {
      const col = typeof c === 'string' ? { label: c } : c;
      const cls = col.num ? raw(' class="num"') : '';
      return col.hidden
        ? html`<th scope="col" ${cls}><span class="visually-hidden">${col.label}</span></th>`
        : html`<th scope="col" ${cls}>${col.label}</th>`;
    })}
  </tr>`;
}

/**
 * A POST form: the error summary, the CSRF field, the controls and the submit button
 * (`novalidate`: the server validates and answers with the errors by field).
 */
export function postForm(
  req: FastifyRequest,
  o: { action: string; submit: string; errors?: FormErrors; multipart?: boolean; secondary?: boolean },
  controls: SafeHtml | SafeHtml[] | '',
): SafeHtml {
  const enc = o.multipart ? raw(' enctype="multipart/form-data"') : '';
  return html`${o.errors ? errorSummary(req.t, o.errors) : ''}
    <form method="post" action="${o.action}" ${enc} novalidate>
      ${csrfField(req)} ${controls}
      <button type="submit" ${o.secondary ? '' : raw(' class="primary"')}>${o.submit}</button>
    </form>`;
}

/** A titled section of a page (labelled by its heading), e.g. around a form below a list. */
export function formSection(
  id: string,
  title: string,
  body: SafeHtml | SafeHtml[],
  cls = 'narrow',
): SafeHtml {
  return html`<section aria-labelledby="${id}" ${cls ? html` class="${cls}"` : ''}>
    <h2 id="${id}">${title}</h2>
    ${body}
  </section>`;
}

/** A row of `factList`: the term and what it is; a false-ish row is left out (a fact not known). */
export type Fact = readonly [term: string, value: SafeHtml | string | number] | false | null | undefined;

/** A description list of facts (`<dl class="facts">` unless another class is given). */
export function factList(rows: readonly Fact[], cls = 'facts'): SafeHtml {
  return html`<dl class="${cls}">
    ${rows.map((r) =>
      r
        ? html`<dt>${r[0]}</dt>
            <dd>${r[1]}</dd>`
        : '',
    )}
  </dl>`;
}

/** A data table (`tableWrap` with a `headRow`), or a paragraph saying there is nothing (`empty`). */
export function dataTable(o: {
  id: string | null;
  caption: string;
  cols: readonly HeadCol[];
  rows: SafeHtml[];
  empty?: string;
}): SafeHtml | '' {
  if (!o.rows.length && o.empty !== undefined) return html`<p>${o.empty}</p>`;
  return tableWrap(o.id, o.caption, headRow(o.cols), o.rows);
}

/**
 * The result of a paged search: how many were found (a status), then the table and the page
 * links, or a paragraph saying there is nothing.
 */
export function pagedList(
  t: Translator,
  o: {
    found: string;
    empty: string;
    label: string;
    page: number;
    pages: number;
    href: (page: number) => string;
  },
  table: SafeHtml | null,
): SafeHtml {
  return html`<p role="status">${o.found}</p>
    ${table ? html`${table} ${pagination(t, o.label, o.page, o.pages, o.href)}` : html`<p>${o.empty}</p>`}`;
}

/**
 * The bar over a screen that shows one choice at a time (a year, a kecamatan): a filter form
 * holding its selects and the button that shows the choice.
 */
export function showBar(
  o: { action: string; label: string; button: string; primary?: boolean },
  controls: SafeHtml | SafeHtml[] | '',
): SafeHtml {
  return filterForm(
    { action: o.action, label: o.label },
    html`${controls}
      <p><button type="submit" class="button${o.primary ? ' primary' : ''}">${o.button}</button></p>`,
  );
}

/** Numbers (e.g. years) as the options of a select, `selected` chosen. */
export function numberOptions(values: readonly number[], selected: number): SafeHtml[] {
  return values.map((y) => option(String(y), String(y), String(selected)));
}
