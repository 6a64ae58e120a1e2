/**
 * The import's first screen, /:city/umkm/impor: the columns of the file, the upload form and the
 * recent imports; an upload is stored and checked in the background, then its preview opens.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, raw } from '../../../platform/web/html.ts';
import {
  problemErrors,
  tableWrap,
  validationErrors,
  type FormErrors,
} from '../../../platform/web/components.ts';
import { formatDateTime, formatNumber } from '../../../platform/i18n/index.ts';
import { createImpor, listImpor, type ImporRingkas } from '../impor.ts';
import { KOLOM_IMPOR, KOLOM_WAJIB, MAX_ROWS } from '../impor-columns.ts';
import { ImporForm } from '../impor-schemas.ts';
import { access, n, statusLabel } from './impor-parts.ts';

/** A file over the multipart limit is refused while the form is read: back to the form, which explains. */
function redirectTooLarge(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
    const { city } = (req.params ?? {}) as { city?: string };
    if (city && /^[a-z][a-z0-9-]{1,39}$/.test(city))
      return reply.redirect(`/${city}/umkm/impor?galat=besar`, 303);
  }
  throw err;
}

function uploadPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { imports: ImporRingkas[]; errors?: FormErrors; status?: number; ok?: string },
) {
  const t = req.t;
  const e = o.errors ?? {};
  return sendPage(req, reply, {
    title: t('umkm.impor.title'),
    status: o.status ?? 200,
    body: html`<h1>${t('umkm.impor.title')}</h1>
      ${flash(o.ok)}
      <p class="lead">${t('umkm.impor.intro')}</p>
      <section aria-labelledby="h-format">
        <h2 id="h-format">${t('umkm.impor.formatTitle')}</h2>
        <p>${t('umkm.impor.aturan', { max: formatNumber(MAX_ROWS) })}</p>
        <p>${t('umkm.impor.aturanNib')}</p>
        ${tableWrap(
          'cap-kolom',
          t('umkm.impor.kolomCaption'),
          html`<tr>
            <th scope="col">${t('umkm.impor.kolom')}</th>
            <th scope="col">${t('umkm.impor.arti')}</th>
          </tr>`,
          KOLOM_IMPOR.map(
            (c) =>
              html`<tr>
                <th scope="row">
                  <code>${c}</code
                  >${KOLOM_WAJIB.includes(c) ? html` <span class="tag">${t('umkm.impor.wajib')}</span>` : ''}
                </th>
                <td>${t(`umkm.impor.kol.${c}`)}</td>
              </tr>`,
          ),
        )}
        <p>
          <a href="${cityPath(req, '/umkm/impor/templat.xlsx')}" download>${t('umkm.impor.templat')}</a>
        </p>
      </section>
      <section aria-labelledby="h-unggah" class="narrow">
        <h2 id="h-unggah">${t('umkm.impor.unggahTitle')}</h2>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, '/umkm/impor')}" enctype="multipart/form-data" novalidate>
          ${csrfField(req)}
          ${field({
            name: 'berkas',
            label: t('umkm.impor.berkas'),
            type: 'file',
            required: true,
            error: e.berkas,
            hint: t('umkm.impor.berkasHint'),
            attrs: raw(
              'accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"',
            ),
          })}
          <button type="submit" class="primary">${t('umkm.impor.periksa')}</button>
        </form>
      </section>
      <section aria-labelledby="h-riwayat">
        <h2 id="h-riwayat">${t('umkm.impor.riwayat')}</h2>
        ${
          o.imports.length
            ? tableWrap(
                'cap-riwayat',
                t('umkm.impor.riwayatCaption'),
                html`<tr>
                  <th scope="col">${t('umkm.impor.namaFile')}</th>
                  <th scope="col">${t('umkm.impor.diunggah')}</th>
                  <th scope="col">${t('umkm.impor.statusLabel')}</th>
                  <th scope="col" class="num">${t('umkm.impor.jumlahBaris')}</th>
                  <th scope="col" class="num">${t('umkm.impor.jumlahGalat')}</th>
                </tr>`,
                o.imports.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${cityPath(req, `/umkm/impor/${i.id}`)}">${i.namaFile}</a>
                      </th>
                      <td>${formatDateTime(i.dibuatAt)}</td>
                      <td><span class="tag">${statusLabel(req, i.status)}</span></td>
                      <td class="num">${n(i.jumlahBaris)}</td>
                      <td class="num">${i.status === 'pratinjau' ? n(i.galat) : '—'}</td>
                    </tr>`,
                ),
              )
            : html`<p>${t('umkm.impor.belumAda')}</p>`
        }
      </section>`,
  });
}

const UploadQuery = Type.Object(
  {
    galat: Type.Optional(Type.Literal('besar')),
    ok: Type.Optional(Type.Literal('dibatalkan')),
  },
  { additionalProperties: false },
);

export function imporUploadPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/umkm/impor',
    { schema: { params: CityParams, querystring: UploadQuery }, config: access },
    async (req, reply) => {
      const q = req.query;
      const imports = await cityTx(req, (trx) => listImpor(trx, userOf(req), 10));
      return uploadPage(req, reply, {
        imports,
        ...(q.galat === 'besar' ? { errors: { berkas: req.t('umkm.impor.err.tooLarge') }, status: 413 } : {}),
        ...(q.ok ? { ok: req.t('umkm.impor.dibatalkan') } : {}),
      });
    },
  );

  app.post(
    '/:city/umkm/impor',
    {
      schema: { params: CityParams, body: ImporForm },
      attachValidation: true,
      config: access,
      errorHandler: redirectTooLarge,
    },
    async (req, reply) => {
      const user = userOf(req);
      const body = req.body;
      const imports = () => cityTx(req, (trx) => listImpor(trx, user, 10));
      if (req.validationError)
        return uploadPage(req, reply, {
          imports: await imports(),
          errors: validationErrors(req),
          status: 400,
        });
      try {
        const id = await cityTx(req, (trx) =>
          createImpor(trx, ctx.jobs, cityOf(req).id, user, {
            content: body.berkas,
            fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/umkm/impor/${id}`), 303);
      } catch (err) {
        const p = problemErrors(req, err);
        return uploadPage(req, reply, { imports: await imports(), errors: p.errors, status: p.status });
      }
    },
  );
}
