/**
 * Page pieces shared by the modules' server-rendered pages: select fields and
 * options, labelled tables, breadcrumbs, pagination, query strings and the
 * values and validation errors of a form that is shown again. Text inputs are
 * field() in layout.ts; selectField() follows the same ARIA conventions (ids
 * "f-<name>", hint and error linked by aria-describedby).
 */
import type { FastifyRequest } from 'fastify';
import { byField, fieldErrors } from '../http/validation.ts';
import type { Translator } from '../i18n/index.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { fieldFrame, type FieldFrame } from './layout.ts';

/** Form values or errors by field name. */
export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** Field errors of a failed schema validation (attachValidation), by field name. */
export function validationErrors(req: FastifyRequest, context: 'body' | 'querystring' = 'body'): FormErrors {
  return byField(fieldErrors(req.validationError?.validation ?? [], context, req.t));
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
