/** A new product of a business (/umkm/usaha/:id/produk/baru), for its owner. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  problemErrors,
  validationErrors,
  type FailedForm,
  type FormValues,
} from '../../../platform/web/components.ts';
import { usahaUntuk } from '../access.ts';
import { VERSI_KBLI_BAKU } from '../kbli.ts';
import { createProduk } from '../produk-service.ts';
import { forUser, IdParams, inputDariForm, PRODUK_FIELDS, ProdukForm, produkFields } from './produk-parts.ts';

// ---- New product ----

async function renderProdukForm(
  req: FastifyRequest,
  reply: FastifyReply,
  usahaId: string,
  failed?: FailedForm,
) {
  const t = req.t;
  const u = await cityTx(req, (trx) => usahaUntuk(trx, userOf(req), usahaId, 'pemilik'));
  const values: FormValues = failed?.values ?? { tersedia: '1', asal: 'lokal', kbliVersi: VERSI_KBLI_BAKU };
  const errors = failed?.errors ?? {};
  const { _: umum, ...rest } = errors;
  return sendPage(req, reply, {
    title: t('umkm.produk.baru'),
    status: failed?.status ?? 200,
    body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
        { href: cityPath(req, `/umkm/usaha/${u.id}`), label: u.nama },
        { href: cityPath(req, `/umkm/usaha/${u.id}/produk`), label: t('umkm.produk.judul') },
        { label: t('umkm.produk.baru') },
      ])}
      <h1>${t('umkm.produk.baru')}</h1>
      ${failed ? errorSummary(t, rest, umum) : ''}
      <form
        method="post"
        action="${cityPath(req, `/umkm/usaha/${u.id}/produk/baru`)}"
        class="narrow"
        novalidate
      >
        ${csrfField(req)} ${produkFields(t, values, rest, false)}
        <button type="submit" class="primary">${t('umkm.produk.simpanBaru')}</button>
      </form>`,
  });
}

export function produkFormPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/usaha/:id/produk/baru',
    { schema: { params: IdParams }, config: forUser },
    async (req, reply) => renderProdukForm(req, reply, req.params.id),
  );

  app.post(
    '/:city/umkm/usaha/:id/produk/baru',
    { schema: { params: IdParams, body: ProdukForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params;
      const values = formValues(req.body, PRODUK_FIELDS);
      if (req.validationError)
        return renderProdukForm(req, reply, id, { values, errors: validationErrors(req), status: 400 });
      try {
        const p = await cityTx(req, (trx) => createProduk(trx, userOf(req), id, inputDariForm(values)));
        return reply.redirect(cityPath(req, `/umkm/produk/${p.id}?ok=dibuat`), 303);
      } catch (err) {
        return renderProdukForm(req, reply, id, { values, ...problemErrors(req, err) });
      }
    },
  );
}
