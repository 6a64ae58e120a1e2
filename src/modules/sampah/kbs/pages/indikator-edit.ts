/** One KBS indicator's settings: change its name, kind, threshold, weight, source and whether it is active. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { notFound } from '../../../../platform/http/problem.ts';
import { cityPath, csrfField, sendPage } from '../../../../platform/web/layout.ts';
import { html } from '../../../../platform/web/html.ts';
import { breadcrumbs, submitForm, type FailedForm } from '../../../../platform/web/components.ts';
import { listIndikator, updateIndikator } from '../indikator-service.ts';
import { summary } from './kbs-parts.ts';
import {
  INDIKATOR_FIELDS,
  IdParams,
  IndikatorForm,
  PATH,
  atur,
  withFormPointers,
  indikatorFields,
  indikatorInput,
  indikatorValues,
  type IndikatorFormBody,
} from './pengaturan-parts.ts';

async function indikatorFormPage(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  failed?: FailedForm,
): Promise<FastifyReply> {
  const t = req.t;
  const ind = await cityTx(req, async (trx) =>
    (await listIndikator(trx, { semua: true })).find((i) => i.id === id),
  );
  if (!ind) throw notFound();
  const v = failed?.values ?? indikatorValues(ind);
  const e = failed?.errors ?? {};
  const title = t('sampah.pengaturan.kbs.ubahIndikator', { kode: ind.kode });
  const self = cityPath(req, PATH);
  return sendPage(req, reply, {
    title,
    ...(failed ? { status: failed.status } : {}),
    body: html`${breadcrumbs(t('sampah.pengaturan.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { href: self, label: t('sampah.pengaturan.kbs.title') },
        { label: ind.kode },
      ])}
      <h1>${title}</h1>
      <p class="lead">${t('sampah.pengaturan.kbs.ubahIndikatorIntro')}</p>
      ${summary(t, e)}
      <form method="post" action="${self}/indikator/${ind.id}" novalidate class="narrow">
        ${csrfField(req)}
        <p><strong>${t('sampah.pengaturan.ind.kode')}:</strong> ${ind.kode}</p>
        ${indikatorFields(t, v, e, { baru: false, aktifAwal: false })}
        <p>
          <button type="submit" class="button primary">${t('sampah.pengaturan.simpan')}</button>
          <a href="${self}">${t('form.cancel')}</a>
        </p>
      </form>`,
  });
}

export function indikatorEditPage(app: BalaiApp): void {
  app.get(`/:city${PATH}/indikator/:id`, { schema: { params: IdParams }, config: atur }, (req, reply) =>
    indikatorFormPage(req, reply, req.params.id),
  );

  app.post(
    `/:city${PATH}/indikator/:id`,
    { schema: { params: IdParams, body: IndikatorForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const { id } = req.params;
      const b: IndikatorFormBody = req.body ?? {};
      return submitForm(
        req,
        reply,
        INDIKATOR_FIELDS,
        (failed) => indikatorFormPage(req, reply, id, failed),
        async () => {
          await withFormPointers(() =>
            cityTx(req, (trx) => updateIndikator(trx, userOf(req), id, indikatorInput(b))),
          );
          return cityPath(req, `${PATH}?ok=indikatorUbah`);
        },
      );
    },
  );
}
