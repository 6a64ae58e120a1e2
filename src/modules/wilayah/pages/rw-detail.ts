/**
 * One RW with its RTs, and the form that adds an RT to it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { RtForm, RwParams } from '../schemas.ts';
import { canManageRw, createRt, getRw, nomor3 } from '../service.ts';
import { VIEW_ACCESS, MANAGE_ACCESS, num, RT_FIELDS, rtInput, rwTitle } from './parts.ts';
import { formPost } from '../../../platform/web/screen.ts';

/** The message of each "done" notice (?ok=…) after a change on this page or its forms. */
const OK_KEYS = {
  dibuat: 'wilayah.rw.created',
  diubah: 'form.saved',
  'rt-dibuat': 'wilayah.rt.created',
  'rt-diubah': 'wilayah.rt.saved',
  'rt-dihapus': 'wilayah.rt.deleted',
} as const satisfies Record<string, string>;
type OkKey = keyof typeof OK_KEYS;
const OkQuery = Type.Object(
  { ok: Type.Optional(Type.Union((Object.keys(OK_KEYS) as OkKey[]).map((k) => Type.Literal(k)))) },
  { additionalProperties: false },
);

async function renderRwDetail(
  req: FastifyRequest,
  reply: FastifyReply,
  rwId: string,
  o: { ok?: OkKey | undefined; rtValues?: FormValues; rtErrors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const rw = await cityTx(req, (trx) => getRw(trx, user, rwId));
  const manage = canManageRw(user, rw);
  const e = o.rtErrors ?? {};
  return sendPage(req, reply, {
    title: rwTitle(t, rw),
    status: o.status ?? 200,
    body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
        { href: cityPath(req, '/wilayah'), label: t('wilayah.module') },
        {
          href: cityPath(req, `/wilayah/${rw.kecamatanKode}`),
          label: t('wilayah.kecamatanName', { nama: rw.kecamatanNama }),
        },
        {
          href: cityPath(req, `/wilayah/${rw.kelurahanKode}`),
          label: t('wilayah.kelurahanName', { nama: rw.kelurahanNama }),
        },
        { label: t('wilayah.rw.short', { nomor: nomor3(rw.nomor) }) },
      ])}
      <h1>${rwTitle(t, rw)}</h1>
      ${flash(o.ok ? t(OK_KEYS[o.ok]) : undefined)}
      ${rw.demo ? html`<p><span class="tag">${t('wilayah.demoData')}</span></p>` : ''}
      <dl class="facts">
        <dt>${t('wilayah.rw.kode')}</dt>
        <dd>${rw.kode}</dd>
        <dt>${t('wilayah.kelurahan')}</dt>
        <dd><a href="${cityPath(req, `/wilayah/${rw.kelurahanKode}`)}">${rw.kelurahanNama}</a></dd>
        <dt>${t('wilayah.kecamatan')}</dt>
        <dd>${rw.kecamatanNama}</dd>
        <dt>${t('wilayah.rw.ketuaNama')}</dt>
        <dd>${rw.ketuaNama ?? '—'}</dd>
        <dt>${t('wilayah.rw.ketuaTelepon')}</dt>
        <dd>${rw.ketuaTelepon ?? '—'}</dd>
        <dt>${t('wilayah.rw.kkLabel')}</dt>
        <dd>${num(rw.jumlahKk)}</dd>
        <dt>${t('wilayah.updatedAt')}</dt>
        <dd>${formatDateTime(rw.updatedAt)}</dd>
      </dl>
      ${
        manage
          ? html`<p>
              <a class="button" href="${cityPath(req, `/wilayah/rw/${rw.id}/ubah`)}"
                >${t('wilayah.rw.edit')}</a
              >
              <a class="button danger" href="${cityPath(req, `/wilayah/rw/${rw.id}/hapus`)}"
                >${t('wilayah.rw.delete')}</a
              >
            </p>`
          : ''
      }
      <section aria-labelledby="h-rt">
        <h2 id="h-rt">${t('wilayah.rt.listTitle', { count: rw.rt.length })}</h2>
        ${
          rw.rt.length
            ? tableWrap(
                'cap-rt',
                t('wilayah.rt.caption', { rw: nomor3(rw.nomor) }),
                html`<tr>
                  <th scope="col">${t('wilayah.rt.nomor')}</th>
                  <th scope="col">${t('wilayah.rt.ketua')}</th>
                  ${manage ? html`<th scope="col">${t('wilayah.actions')}</th>` : ''}
                </tr>`,
                rw.rt.map(
                  (r) =>
                    html`<tr>
                      <th scope="row">${t('wilayah.rt.short', { nomor: nomor3(r.nomor) })}</th>
                      <td>${r.ketuaNama ?? '—'}</td>
                      ${manage ? html`<td><a href="${cityPath(req, `/wilayah/rt/${r.id}/ubah`)}">${t('wilayah.rt.editShort', { nomor: nomor3(r.nomor) })}</a></td>` : ''}
                    </tr>`,
                ),
              )
            : html`<p>${t('wilayah.rt.none')}</p>`
        }
      </section>
      ${
        manage
          ? html`<section aria-labelledby="h-rt-baru" class="narrow">
              <h2 id="h-rt-baru">${t('wilayah.rt.add')}</h2>
              ${errorSummary(t, e)}
              <form method="post" action="${cityPath(req, `/wilayah/rw/${rw.id}/rt`)}" novalidate>
                ${csrfField(req)}
                ${field({ name: 'nomor', label: t('wilayah.rt.nomor'), type: 'number', value: o.rtValues?.nomor, required: true, error: e.nomor, attrs: html`min="1" max="999" inputmode="numeric"` })}
                ${field({ name: 'ketuaNama', label: t('wilayah.rt.ketuaNama'), value: o.rtValues?.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
                <button type="submit" class="primary">${t('wilayah.rt.addSubmit')}</button>
              </form>
            </section>`
          : ''
      }`,
  });
}

export function rwDetailPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/rw/:rwId',
    { schema: { params: RwParams, querystring: OkQuery }, config: VIEW_ACCESS },
    async (req, reply) => {
      const { rwId } = req.params;
      return renderRwDetail(req, reply, rwId, { ok: req.query.ok });
    },
  );

  // RT
  formPost(app, {
    path: '/:city/wilayah/rw/:rwId/rt',
    access: MANAGE_ACCESS.access,
    params: RwParams,
    body: RtForm,
    fields: RT_FIELDS,
    show: (req, reply, { values, errors, status }) =>
      renderRwDetail(req, reply, req.params.rwId, { rtValues: values, rtErrors: errors, status }),
    save: async (req) => {
      const { rwId } = req.params;
      await cityTx(req, (trx) => createRt(trx, cityOf(req), userOf(req), rwId, rtInput(req.body)));
      return cityPath(req, `/wilayah/rw/${rwId}?ok=rt-dibuat`);
    },
  });
}
