/**
 * The RW/RT import: the format, the upload form and the recent imports.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html, raw } from '../../../platform/web/html.ts';
import {
  problemErrors,
  tableWrap,
  validationErrors,
  type FormErrors,
} from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { ImportForm } from '../schemas.ts';
import { createImport, listImports, type ImportView } from '../impor-service.ts';
import { COLUMNS, MAX_ROWS } from '../impor.ts';
import { IMPORT_ACCESS, num, STATUS_KEYS } from './parts.ts';

function renderImportForm(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { imports: ImportView[]; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const e = o.errors ?? {};
  return sendPage(req, reply, {
    title: t('wilayah.impor.title'),
    status: o.status ?? 200,
    body: html`<h1>${t('wilayah.impor.title')}</h1>
      <p class="lead">${t('wilayah.impor.intro')}</p>
      <section aria-labelledby="h-format">
        <h2 id="h-format">${t('wilayah.impor.formatTitle')}</h2>
        <p>${t('wilayah.impor.formatIntro', { max: MAX_ROWS })}</p>
        ${tableWrap(
          'cap-kolom',
          t('wilayah.impor.columnsCaption'),
          html`<tr>
            <th scope="col">${t('wilayah.impor.column')}</th>
            <th scope="col">${t('wilayah.impor.meaning')}</th>
          </tr>`,
          COLUMNS.map(
            (c) =>
              html`<tr>
                <th scope="row"><code>${c}</code></th>
                <td>${t(`wilayah.impor.col.${c}`)}</td>
              </tr>`,
          ),
        )}
        <p>${t('wilayah.impor.rules')}</p>
        <p>
          ${t('wilayah.impor.template')}
          <a href="${cityPath(req, '/wilayah/impor/templat.xlsx')}" download
            >${t('wilayah.impor.templateXlsx')}</a
          >
          ·
          <a href="${cityPath(req, '/wilayah/impor/templat.csv')}" download
            >${t('wilayah.impor.templateCsv')}</a
          >
        </p>
      </section>
      <section aria-labelledby="h-unggah" class="narrow">
        <h2 id="h-unggah">${t('wilayah.impor.uploadTitle')}</h2>
        ${errorSummary(t, e)}
        <form
          method="post"
          action="${cityPath(req, '/wilayah/impor')}"
          enctype="multipart/form-data"
          novalidate
        >
          ${csrfField(req)}
          ${field({
            name: 'berkas',
            label: t('wilayah.impor.file'),
            type: 'file',
            required: true,
            error: e.berkas,
            hint: t('wilayah.impor.fileHint'),
            attrs: raw(
              'accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"',
            ),
          })}
          <button type="submit" class="primary">${t('wilayah.impor.submit')}</button>
        </form>
      </section>
      <section aria-labelledby="h-riwayat">
        <h2 id="h-riwayat">${t('wilayah.impor.recent')}</h2>
        ${
          o.imports.length
            ? tableWrap(
                'cap-riwayat',
                t('wilayah.impor.recentCaption'),
                html`<tr>
                  <th scope="col">${t('wilayah.impor.fileName')}</th>
                  <th scope="col">${t('wilayah.impor.uploaded')}</th>
                  <th scope="col">${t('wilayah.impor.statusLabel')}</th>
                  <th scope="col" class="num">${t('wilayah.impor.rows')}</th>
                </tr>`,
                o.imports.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${cityPath(req, `/wilayah/impor/${i.id}`)}">${i.fileName}</a>
                      </th>
                      <td>${formatDateTime(i.createdAt)}</td>
                      <td><span class="tag">${t(STATUS_KEYS[i.status])}</span></td>
                      <td class="num">${num(i.totalRows)}</td>
                    </tr>`,
                ),
              )
            : html`<p>${t('wilayah.impor.noneYet')}</p>`
        }
      </section>`,
  });
}

const ImportPageQuery = Type.Object(
  { galat: Type.Optional(Type.Literal('besar')) },
  { additionalProperties: false },
);

export function imporFormPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/wilayah/impor',
    { schema: { params: CityParams, querystring: ImportPageQuery }, config: IMPORT_ACCESS },
    async (req, reply) => {
      const q = req.query;
      const imports = await cityTx(req, (trx) => listImports(trx, userOf(req), req.t, 10));
      return renderImportForm(req, reply, {
        imports,
        ...(q.galat === 'besar'
          ? { errors: { berkas: req.t('wilayah.impor.err.tooLarge') }, status: 413 }
          : {}),
      });
    },
  );

  app.post(
    '/:city/wilayah/impor',
    {
      schema: { params: CityParams, body: ImportForm },
      attachValidation: true,
      config: IMPORT_ACCESS,
      // A file over the limit is refused while the form is read, before the city is known:
      // send the browser back to the form, which explains.
      errorHandler: (err: FastifyError, req, reply) => {
        if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
          const { city } = (req.params ?? {}) as { city?: string };
          if (city && /^[a-z][a-z0-9-]{1,39}$/.test(city))
            return reply.redirect(`/${city}/wilayah/impor?galat=besar`, 303);
        }
        throw err;
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const body = req.body;
      const imports = () => cityTx(req, (trx) => listImports(trx, user, req.t, 10));
      if (req.validationError)
        return renderImportForm(req, reply, {
          imports: await imports(),
          errors: validationErrors(req),
          status: 400,
        });
      try {
        const id = await cityTx(req, (trx) =>
          createImport(trx, ctx.jobs, cityOf(req), user, {
            content: body.berkas,
            fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/wilayah/impor/${id}`), 303);
      } catch (err) {
        const p = problemErrors(req, err);
        return renderImportForm(req, reply, { imports: await imports(), errors: p.errors, status: p.status });
      }
    },
  );
}
