/**
 * Changing or deleting one RT.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { breadcrumbs, type FormErrors, type FormValues } from '../../../platform/web/components.ts';
import { CsrfForm, RtForm, RtParams } from '../schemas.ts';
import { deleteRt, getRtForEdit, nomor3, updateRt } from '../service.ts';
import { MANAGE_ACCESS, RT_FIELDS, rtInput, rwTitle } from './parts.ts';
import { formPost } from '../../../platform/web/screen.ts';

async function renderRtForm(
  req: FastifyRequest,
  reply: FastifyReply,
  rtId: string,
  o: { values?: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const { rt, rw } = await cityTx(req, (trx) => getRtForEdit(trx, userOf(req), rtId));
  const e = o.errors ?? {};
  const v = o.values ?? { nomor: String(rt.nomor), ketuaNama: rt.ketuaNama ?? '' };
  const title = t('wilayah.rt.editTitle', {
    nomor: nomor3(rt.nomor),
    rw: nomor3(rw.nomor),
    kelurahan: rw.kelurahanNama,
  });
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
        { href: cityPath(req, '/wilayah/rw'), label: t('wilayah.rw.listTitle') },
        { href: cityPath(req, `/wilayah/rw/${rw.id}`), label: rwTitle(t, rw) },
        { label: t('wilayah.rt.short', { nomor: nomor3(rt.nomor) }) },
      ])}
      <section class="narrow">
        <h1>${title}</h1>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, `/wilayah/rt/${rt.id}`)}" novalidate>
          ${csrfField(req)}
          ${field({ name: 'nomor', label: t('wilayah.rt.nomor'), type: 'number', value: v.nomor, required: true, error: e.nomor, attrs: html`min="1" max="999" inputmode="numeric"` })}
          ${field({ name: 'ketuaNama', label: t('wilayah.rt.ketuaNama'), value: v.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
          <button type="submit" class="primary">${t('form.save')}</button>
          <a href="${cityPath(req, `/wilayah/rw/${rw.id}`)}">${t('form.cancel')}</a>
        </form>
        <h2>${t('wilayah.rt.deleteTitle')}</h2>
        <form method="post" action="${cityPath(req, `/wilayah/rt/${rt.id}/hapus`)}">
          ${csrfField(req)}
          <button type="submit" class="danger">${t('wilayah.rt.delete', { nomor: nomor3(rt.nomor) })}</button>
        </form>
      </section>`,
  });
}

export function rtFormPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/rt/:rtId/ubah',
    { schema: { params: RtParams }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const { rtId } = req.params;
      return renderRtForm(req, reply, rtId, {});
    },
  );

  formPost(app, {
    path: '/:city/wilayah/rt/:rtId',
    access: MANAGE_ACCESS.access,
    params: RtParams,
    body: RtForm,
    fields: RT_FIELDS,
    show: (req, reply, failed) => renderRtForm(req, reply, req.params.rtId, failed),
    save: async (req) => {
      const rt = await cityTx(req, (trx) => updateRt(trx, userOf(req), req.params.rtId, rtInput(req.body)));
      return cityPath(req, `/wilayah/rw/${rt.rwId}?ok=rt-diubah`);
    },
  });

  app.post(
    '/:city/wilayah/rt/:rtId/hapus',
    { schema: { params: RtParams, body: CsrfForm }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const { rtId } = req.params;
      const { rwId } = await cityTx(req, (trx) => deleteRt(trx, userOf(req), rtId));
      return reply.redirect(cityPath(req, `/wilayah/rw/${rwId}?ok=rt-dihapus`), 303);
    },
  );
}
