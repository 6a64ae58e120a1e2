/**
 * The screens of a file import (the UMKM registry, RWs and RTs) share one shape:
 * - `uploadScreen`: the upload page's GET and POST. A valid upload is stored and its import's page
 *   opens; a file over the multipart limit comes back as `?galat=besar` and is explained there.
 * - `importColumns`, `importUploadForm`, `importHistory`: the upload page's column list, upload form
 *   and recent imports.
 * - `refreshWhile`, `importProgress`, `importErrors`: an import's page while it runs (reloading
 *   itself), its progress bar and the rows it refused.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { BalaiApp } from '../module.ts';
import { formatDateTime, formatNumber } from '../i18n/index.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { field } from './layout.ts';
import { submitForm, tableWrap, type FormErrors } from './components.ts';
import { formSection, headRow, postForm, type FormPost, type HeadCol, type ScreenState } from './screen.ts';

/**
 * An upload page at `path` (with a `:city` parameter): GET shows it with its query, where
 * `galat=besar` shows `tooLarge` (a message key) at the file field with status 413; POST stores the
 * upload through `save`, which answers the import's page, or shows the page again with the errors.
 */
export function uploadScreen<P extends TSchema, B extends TSchema, Q extends TSchema>(
  app: BalaiApp,
  o: Omit<FormPost<P, B, Q>, 'fields'> & { query: Q; tooLarge: string },
): void {
  // A file over the limit is refused while the form is read, before the route's handler runs:
  // send the browser back to the form, which explains.
  const backToForm = (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      const { city } = (req.params ?? {}) as { city?: string };
      if (city && /^[a-z][a-z0-9-]{1,39}$/.test(city))
        return reply.redirect(`${o.path.replace(':city', city)}?galat=besar`, 303);
    }
    throw err;
  };
  app.get(
    o.path,
    { schema: { params: o.params, querystring: o.query }, config: { access: o.access } },
    async (req, reply) => {
      const q = req.query as ScreenState<Q> & { galat?: string };
      const big = q.galat === 'besar' ? { errors: { berkas: req.t(o.tooLarge) }, status: 413 } : {};
      return o.show(req as never, reply, { ...q, ...big });
    },
  );
  app.post(
    o.path,
    {
      schema: { params: o.params, body: o.body },
      attachValidation: true,
      config: { access: o.access },
      errorHandler: backToForm,
    },
    async (req, reply) =>
      submitForm(
        req,
        reply,
        [],
        (failed) => o.show(req as never, reply, failed as ScreenState<Q>),
        () => o.save(req as never, reply),
      ),
  );
}

/** The columns of an import's file: each name (with `tag`, e.g. "required") and what it holds. */
export function importColumns<C extends string>(o: {
  caption: string;
  cols: readonly [string, string];
  columns: readonly C[];
  meaning: (column: C) => string;
  tag?: (column: C) => SafeHtml | '';
}): SafeHtml {
  return tableWrap(
    'cap-kolom',
    o.caption,
    headRow(o.cols),
    o.columns.map(
      (c) =>
        html`<tr>
          <th scope="row"><code>${c}</code>${o.tag ? o.tag(c) : ''}</th>
          <td>${o.meaning(c)}</td>
        </tr>`,
    ),
  );
}

/** The upload form of an import: one CSV or XLSX file (field `berkas`). */
export function importUploadForm(
  req: FastifyRequest,
  o: { action: string; title: string; label: string; hint: string; submit: string; errors?: FormErrors },
): SafeHtml {
  const file = field({
    name: 'berkas',
    label: o.label,
    type: 'file',
    required: true,
    error: o.errors?.berkas,
    hint: o.hint,
    attrs: raw(
      'accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"',
    ),
  });
  return formSection(
    'h-unggah',
    o.title,
    postForm(
      req,
      { action: o.action, submit: o.submit, multipart: true, ...(o.errors ? { errors: o.errors } : {}) },
      file,
    ),
  );
}

/** One recent import: its file (a link to its page), when it was uploaded, its status and counts. */
export interface ImportRow {
  href: string;
  fileName: string;
  at: Date | string;
  status: string;
  counts: readonly string[];
}

/** The recent imports as a table (file, uploaded, status, then numeric counts), or `empty`. */
export function importHistory(o: {
  title: string;
  caption: string;
  empty: string;
  cols: readonly HeadCol[];
  rows: readonly ImportRow[];
}): SafeHtml {
  const rows = o.rows.map(
    (i) =>
      html`<tr>
        <th scope="row"><a href="${i.href}">${i.fileName}</a></th>
        <td>${formatDateTime(i.at)}</td>
        <td><span class="tag">${i.status}</span></td>
        ${i.counts.map((c) => html`<td class="num">${c}</td>`)}
      </tr>`,
  );
  return formSection(
    'h-riwayat',
    o.title,
    rows.length ? tableWrap('cap-riwayat', o.caption, headRow(o.cols), rows) : html`<p>${o.empty}</p>`,
    '',
  );
}

/** The page options of an import's page: while it runs, it reloads itself every 2 seconds. */
export function refreshWhile(running: boolean): { head?: SafeHtml } {
  return running ? { head: raw('<meta http-equiv="refresh" content="2">') } : {};
}

/** An import's progress bar (labelled, 0–100) followed by the line saying how far it is. */
export function importProgress(label: string, percent: number, text: string): SafeHtml {
  return html`<progress id="kemajuan" max="100" value="${percent}" aria-label="${label}">
      ${percent}%
    </progress>
    ${text}`;
}

/** A row an import refused: its number (0: the file as a whole), the column and the message. */
export interface ImportError {
  row: number;
  column: string | null;
  message: string;
}

/** The section of the rows an import refused, with `more` after the table (e.g. "and 40 more"). */
export function importErrors(
  o: { title: string; intro: string; caption: string; cols: readonly [string, string, string] },
  errors: readonly ImportError[],
  more: SafeHtml | '' = '',
): SafeHtml {
  const [row, column, message] = o.cols;
  return formSection(
    'h-galat',
    o.title,
    html`<p>${o.intro}</p>
      ${tableWrap(
        'cap-galat',
        o.caption,
        headRow([{ label: row, num: true }, column, message]),
        errors.map(
          (e) =>
            html`<tr>
              <td class="num">${e.row > 0 ? formatNumber(e.row) : '—'}</td>
              <td>${e.column ? html`<code>${e.column}</code>` : '—'}</td>
              <td>${e.message}</td>
            </tr>`,
        ),
      )}
      ${more}`,
    '',
  );
}
