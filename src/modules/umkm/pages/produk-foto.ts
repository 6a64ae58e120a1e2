/** The photo forms of a product's page: upload (straight from the phone's camera), alt text and order, delete. */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath } from '../../../platform/web/layout.ts';
import { formValues, submitForm, type FormErrors } from '../../../platform/web/components.ts';
import { processFoto } from '../foto.ts';
import { checkFotoUpload, deleteFoto, saveFoto, updateFoto } from '../produk-service.ts';
import {
  CsrfForm,
  FotoForm,
  FotoParams,
  FotoUbahForm,
  fotoFormMultipart,
  forUser,
  IdParams,
} from './produk-parts.ts';
import { renderProdukPage } from './produk-detail.ts';

export function produkFotoPage(app: BalaiApp): void {
  // ---- Photos ----

  app.post(
    '/:city/umkm/produk/:id/foto',
    {
      schema: { params: IdParams, body: FotoForm },
      attachValidation: true,
      config: { ...forUser, multipartOptions: fotoFormMultipart },
    },
    async (req, reply) => {
      const { id } = req.params;
      return submitForm(
        req,
        reply,
        ['alt'],
        (failed) => renderProdukPage(req, reply, id, { ...failed, bagian: 'foto' }),
        async () => {
          await cityTx(req, (trx) => checkFotoUpload(trx, userOf(req), id));
          const olahan = await processFoto((req.body as { foto?: unknown }).foto);
          await cityTx(req, (trx) => saveFoto(trx, userOf(req), id, olahan, req.body.alt));
          return cityPath(req, `/umkm/produk/${id}?ok=foto#foto`);
        },
      );
    },
  );

  app.post(
    '/:city/umkm/produk/:id/foto/:fotoId',
    { schema: { params: FotoParams, body: FotoUbahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id, fotoId } = req.params;
      // The errors of one photo's form are keyed by the photo, e.g. "alt-<fotoId>".
      const kunci = (e: FormErrors): FormErrors =>
        Object.fromEntries(Object.entries(e).map(([k, v]) => [k === '_' ? k : `${k}-${fotoId}`, v]));
      return submitForm(
        req,
        reply,
        ['alt', 'urutan'],
        (failed) =>
          renderProdukPage(req, reply, id, {
            ...failed,
            errors: kunci(failed.errors),
            bagian: 'fotoUbah',
            fotoId,
          }),
        async () => {
          const values = formValues(req.body, ['alt', 'urutan']);
          const urutan =
            values.urutan === undefined || values.urutan === '' ? undefined : Number(values.urutan);
          await cityTx(req, (trx) =>
            updateFoto(trx, userOf(req), id, fotoId, {
              alt: values.alt,
              urutan: Number.isNaN(urutan) ? 0 : urutan,
            }),
          );
          return cityPath(req, `/umkm/produk/${id}?ok=fotoDiubah#foto`);
        },
      );
    },
  );

  app.post(
    '/:city/umkm/produk/:id/foto/:fotoId/hapus',
    { schema: { params: FotoParams, body: CsrfForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id, fotoId } = req.params;
      await cityTx(req, (trx) => deleteFoto(trx, userOf(req), id, fotoId));
      return reply.redirect(cityPath(req, `/umkm/produk/${id}?ok=fotoDihapus#foto`), 303);
    },
  );
}
