/** A new KBS assessment of an RW for a month, with its manual values (saved as a draft). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { cityPath, csrfField, field, sendPage } from '../../../../platform/web/layout.ts';
import { html } from '../../../../platform/web/html.ts';
import { breadcrumbs, type FormErrors, type FormValues } from '../../../../platform/web/components.ts';
import { todayWib } from '../../../../platform/waktu.ts';
import { createPenilaian } from '../penilaian-service.ts';
import { getRwKbs } from '../rw-service.ts';
import { listIndikator } from '../indikator-service.ts';
import { NilaiForm, RwParams, formErrors, nilaiFields, nilaiFromForm, summary } from './kbs-parts.ts';

const forUser = { access: 'user' } as const;

async function newPage(
  req: FastifyRequest,
  reply: FastifyReply,
  rwId: string,
  failed?: { values: FormValues; errors: FormErrors; status: number },
) {
  const t = req.t;
  const { v, indikator } = await cityTx(req, async (trx) => ({
    v: await getRwKbs(trx, userOf(req), rwId),
    indikator: await listIndikator(trx),
  }));
  const nama = t('sampah.kbs.rwDi', {
    nomor: String(v.rw.nomor).padStart(3, '0'),
    kelurahan: v.rw.kelurahanNama,
  });
  const values = failed?.values ?? { periode: todayWib().slice(0, 7) };
  const errors = failed?.errors ?? {};
  return sendPage(req, reply, {
    title: t('sampah.kbs.penilaianBaru'),
    status: failed?.status ?? 200,
    body: html`${breadcrumbs(t('sampah.kbs.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { href: cityPath(req, `/sampah/kbs/rw/${v.rw.id}`), label: nama },
        { label: t('sampah.kbs.penilaianBaru') },
      ])}
      <h1>${t('sampah.kbs.penilaianBaru')}: ${nama}</h1>
      <p>${t('sampah.kbs.penilaianBaruIntro')}</p>
      ${summary(t, errors)}
      <form
        method="post"
        action="${cityPath(req, `/sampah/kbs/rw/${v.rw.id}/penilaian`)}"
        class="narrow"
        novalidate
      >
        ${csrfField(req)}
        ${field({
          name: 'periode',
          label: t('sampah.kbs.periode'),
          type: 'month',
          value: values.periode,
          error: errors.periode,
          hint: t('sampah.kbs.periodeHint'),
          required: true,
        })}
        ${nilaiFields(t, indikator, values, errors)}
        <button type="submit" class="primary">${t('sampah.kbs.simpanDraf')}</button>
      </form>`,
  });
}

export function penilaianNewPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/kbs/rw/:rwId/penilaian',
    { schema: { params: RwParams }, config: forUser },
    async (req, reply) => newPage(req, reply, req.params.rwId),
  );

  app.post(
    '/:city/sampah/kbs/rw/:rwId/penilaian',
    { schema: { params: RwParams, body: NilaiForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { rwId } = req.params;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      if (req.validationError)
        return newPage(req, reply, rwId, { values, errors: { _: req.t('form.hasErrors') }, status: 400 });
      let fields: string[] = [];
      try {
        const id = await cityTx(req, async (trx) => {
          const parsed = nilaiFromForm(body, await listIndikator(trx));
          fields = parsed.fields;
          const p = await createPenilaian(trx, userOf(req), {
            rwId,
            periode: typeof body.periode === 'string' ? body.periode : '',
            nilai: parsed.nilai,
          });
          return p.id;
        });
        return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=dibuat`), 303);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 409 && !err.errors) {
          return newPage(req, reply, rwId, { values, errors: { periode: req.t(err.titleKey) }, status: 409 });
        }
        const p = formErrors(req.t, err, fields);
        return newPage(req, reply, rwId, { values, ...p });
      }
    },
  );
}
