/**
 * Page pieces shared by the modules' server-rendered pages: select fields and
 * options (also in groups), labelled tables, breadcrumbs, pagination, query strings, the values
 * and validation or service errors of a form that is shown again, and the
 * post-and-redirect of such a form (submitForm). Text inputs are field() in
 * layout.ts; selectField() follows the same ARIA conventions (ids "f-<name>",
 * hint and error linked by aria-describedby).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../http/problem.ts';
import { byField, fieldErrors, fieldMessage } from '../http/validation.ts';
import type { Translator } from '../i18n/index.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { fieldFrame, type FieldFrame } from './layout.ts';

const monthFmt = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** A month "2026-11" as people read it ("November 2026"); anything else as it is. */
export function formatMonth(bulan: string): string {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(bulan) ? monthFmt.format(new Date(`${bulan}-01T00:00:00Z`)) : bulan;
}

/** Form values or errors by field name. */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** Field errors of a failed schema validation (attachValidation), by field name. */
export function validationErrors(req: FastifyRequest, context: 'body' | 'querystring' = 'body'): FormErrors {
  return byField(fieldErrors(req.validationError?.validation ?? [], context, req.t));
}

/** A service's 400/403/409 with field errors as form errors; anything else is rethrown (error page). */
export function problemErrors(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } {
  if (!(err instanceof HttpProblem) || !err.errors?.length || ![400, 403, 409].includes(err.status))
    throw err;
  const errors = byField(
    err.errors.map((e) => ({ pointer: e.pointer, detail: fieldMessage(req.t, e, err.params) })),
  );
  return { errors, status: err.status };
}

/**
 * Runs a change whose service reports field errors at its own pointers, and moves them to a
 * form's fields through `pointer` (e.g. an API body path to a form field name). Details are
 * message keys already; other errors pass as they are.
 */
export async function mapFieldErrors<T>(
  fn: () => Promise<T>,
  o: { pointer?: (p: string) => string },
): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (!(err instanceof HttpProblem) || !err.errors?.length) throw err;
    const errors = err.errors.map((e) => ({ ...e, pointer: o.pointer ? o.pointer(e.pointer) : e.pointer }));
    throw new HttpProblem(err.status, err.titleKey, {
      errors,
      ...(err.params ? { params: err.params } : {}),
    });
  }
}

/** How a form that failed is shown again: the values it was sent with and the errors by field. */
export interface FailedForm {
  values: FormValues;
  errors: FormErrors;
  status: number;
}

/**
 * A form post (a route with attachValidation): when the body fails its schema (400) or the
 * change fails with field errors (problemErrors), render() shows the form again with the sent
 * values of `fields`; otherwise save() makes the change and answers where to go (303 redirect).
 */
export async function submitForm<R>(
  req: FastifyRequest,
  reply: FastifyReply,
  fields: string[],
  render: (failed: FailedForm) => R | Promise<R>,
  save: () => Promise<string>,
): Promise<R | FastifyReply> {
  const values = formValues(req.body, fields);
  if (req.validationError) return render({ values, errors: validationErrors(req), status: 400 });
  try {
    return reply.redirect(await save(), 303);
  } catch (err) {
    const p = problemErrors(req, err);
    return render({ values, errors: p.errors, status: p.status });
  }
}

/** Form values as text, to put back into a form that failed (a multipart body may also hold arrays and buffers). */
export function formValues(body: unknown, names: string[]): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const n of names) {
    const v = b[n];
    if (typeof v === 'string' || typeof v === 'number') out[n] = String(v);
  }
  return out;
}

/** A select with label, hint and error, in the same frame as field(). */
export function selectField(o: FieldFrame & { options: SafeHtml | SafeHtml[] }): SafeHtml {
  return fieldFrame(
    o,
    (id, aria) =>
      html`<select id="${id}" name="${o.name}" ${aria}>
        ${o.options}
      </select>`,
  );
}

export function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${value === selected ? raw('selected') : ''}>${label}</option>`;
}

/** An empty choice, then options in labelled groups (e.g. kelurahan by kecamatan). */
export function groupedOptions(
  emptyLabel: string,
  groups: { label: string; options: { value: string; label: string }[] }[],
  selected: string | undefined,
): SafeHtml {
  return html`${option('', emptyLabel, selected ?? '')}
  ${groups.map(
    (g) =>
      html`<optgroup label="${g.label}">
        ${g.options.map((o) => option(o.value, o.label, selected))}
      </optgroup>`,
  )}`;
}

/**
 * A table in its scroll container (narrow screens scroll the table, not the
 * page). With an id the container is a focusable region labelled by the caption.
 */
export function tableWrap(id: string | null, caption: string, head: SafeHtml, rows: SafeHtml[]): SafeHtml {
  const region = id ? html` role="region" aria-labelledby="${id}" tabindex="0"` : '';
  return html`<div class="table-wrap"${region}>
    <table>
      <caption${id ? html` id="${id}"` : ''}>
        ${caption}
      </caption>
      <thead>
        ${head}
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** Where the page sits; the last item (without href) is the current page. */
export function breadcrumbs(label: string, items: { href?: string; label: string }[]): SafeHtml {
  return html`<nav class="breadcrumbs" aria-label="${label}">
    <ol>
      ${items.map((i) =>
        i.href
          ? html`<li><a href="${i.href}">${i.label}</a></li>`
          : html`<li><span aria-current="page">${i.label}</span></li>`,
      )}
    </ol>
  </nav>`;
}

/** Previous/next links around "page x of y"; nothing for a single page. */
export function pagination(
  t: Translator,
  label: string,
  page: number,
  pages: number,
  href: (page: number) => string,
): SafeHtml | '' {
  if (pages <= 1) return '';
  return html`<nav class="pagination" aria-label="${label}">
    <ul>
      ${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">${t('list.previous')}</a></li>` : ''}
      <li aria-current="page">${t('list.pageOf', { page, pages })}</li>
      ${page < pages ? html`<li><a href="${href(page + 1)}" rel="next">${t('list.next')}</a></li>` : ''}
    </ul>
  </nav>`;
}

/** "?a=1&b=x" from the parameters that have a value, or "" when none has. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A checkbox (value "1") with its label and an optional hint, in the frame of field(). */
export function checkbox(o: {
  name: string;
  label: string;
  checked: boolean;
  hint?: string | undefined;
}): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="${id}"
        name="${o.name}"
        value="1"
        ${o.checked ? raw('checked') : ''}
        ${o.hint ? html`aria-describedby="${id}-hint"` : ''}
      />
      ${o.label}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  </div>`;
}

/** A city's kelurahan grouped by kecamatan, as the options of a select (an empty choice first). */
export function kelurahanOptions(
  groups: readonly { nama: string; kelurahan: readonly { kode: string; nama: string }[] }[],
  selected: string | undefined,
  o: {
    emptyLabel: string;
    /** The label of a kecamatan's group, e.g. "Kec. Sukasari". */
    groupLabel: (kecamatan: string) => string;
    /** The label of one kelurahan; by default its name. */
    label?: (k: { kode: string; nama: string }) => string;
  },
): SafeHtml {
  return groupedOptions(
    o.emptyLabel,
    groups.map((g) => ({
      label: o.groupLabel(g.nama),
      options: g.kelurahan.map((k) => ({ value: k.kode, label: o.label ? o.label(k) : k.nama })),
    })),
    selected,
  );
}

/**
 * The filter bar over a list: a GET form (a search landmark) holding the filter controls and the
 * submit button. The list page reads the same names from its query string, and its pagination
 * links keep them (queryString).
 */
export function filterForm(o: { action: string; label: string }, controls: SafeHtml | SafeHtml[]): SafeHtml {
  return html`<form class="filters" method="get" action="${o.action}" role="search" aria-label="${o.label}">
    ${controls}
  </form>`;
}
