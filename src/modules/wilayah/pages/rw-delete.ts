/**
 * Deleting an RW (with its RTs): the confirmation page and the POST.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { CsrfForm, RwParams } from '../schemas.ts';
import { deleteRw, getRwForEdit, nomor3 } from '../service.ts';
import { MANAGE_ACCESS } from './parts.ts';

export function rwDeletePage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/rw/:rwId/hapus',
    { schema: { params: RwParams }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const t = req.t;
      const { rwId } = req.params;
      const rw = await cityTx(req, (trx) => getRwForEdit(trx, userOf(req), rwId));
      return sendPage(req, reply, {
        title: t('wilayah.rw.deleteTitle', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama }),
        body: html`<section class="narrow">
          <h1>${t('wilayah.rw.deleteTitle', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama })}</h1>
          <div class="alert alert-info" role="note">
            ${t('wilayah.rw.deleteWarning', { count: rw.jumlahRt })}
          </div>
          <form method="post" action="${cityPath(req, `/wilayah/rw/${rw.id}/hapus`)}">
            ${csrfField(req)}
            <button type="submit" class="danger">${t('wilayah.rw.deleteConfirm')}</button>
            <a href="${cityPath(req, `/wilayah/rw/${rw.id}`)}">${t('form.cancel')}</a>
          </form>
        </section>`,
      });
    },
  );

  app.post(
    '/:city/wilayah/rw/:rwId/hapus',
    { schema: { params: RwParams, body: CsrfForm }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const { rwId } = req.params;
      await cityTx(req, (trx) => deleteRw(trx, userOf(req), rwId));
      return reply.redirect(cityPath(req, '/wilayah/rw?ok=dihapus'), 303);
    },
  );
}
