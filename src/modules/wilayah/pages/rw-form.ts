/**
 * The RW form: a new RW and changes to one (GET shows the form, POST saves it or shows it again with errors).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  selectField,
  submitForm,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { RwForm, RwParams } from '../schemas.ts';
import {
  createRw,
  getRwForEdit,
  manageableKelurahan,
  nomor3,
  updateRw,
  type KelurahanGroups,
  type RwView,
} from '../service.ts';
import { MANAGE_ACCESS, kelurahanChoices, rwTitle } from './parts.ts';

function renderRwForm(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { groups: KelurahanGroups; values: FormValues; errors?: FormErrors; status?: number; rw?: RwView },
) {
  const t = req.t;
  const e = o.errors ?? {};
  const v = o.values;
  const editing = o.rw;
  const title = editing
    ? t('wilayah.rw.editTitle', { nomor: nomor3(editing.nomor), kelurahan: editing.kelurahanNama })
    : t('wilayah.rw.add');
  const action = editing ? cityPath(req, `/wilayah/rw/${editing.id}`) : cityPath(req, '/wilayah/rw');
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
        { href: cityPath(req, '/wilayah/rw'), label: t('wilayah.rw.listTitle') },
        ...(editing
          ? [{ href: cityPath(req, `/wilayah/rw/${editing.id}`), label: rwTitle(t, editing) }]
          : []),
        { label: editing ? t('wilayah.rw.edit') : t('wilayah.rw.add') },
      ])}
      <section class="narrow">
        <h1>${title}</h1>
        ${errorSummary(t, e)}
        <form method="post" action="${action}" novalidate>
          ${csrfField(req)}
          ${selectField({
            name: 'kelurahanKode',
            label: t('wilayah.kelurahan'),
            required: true,
            error: e.kelurahanKode,
            options: kelurahanChoices(t, o.groups, v.kelurahanKode, t('wilayah.rw.chooseKelurahan')),
          })}
          ${field({ name: 'nomor', label: t('wilayah.rw.nomor'), type: 'number', value: v.nomor, required: true, error: e.nomor, hint: t('wilayah.rw.nomorHint'), attrs: html`min="1" max="999" inputmode="numeric"` })}
          ${field({ name: 'ketuaNama', label: t('wilayah.rw.ketuaNama'), value: v.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
          ${field({ name: 'ketuaTelepon', label: t('wilayah.rw.ketuaTelepon'), type: 'tel', value: v.ketuaTelepon, error: e.ketuaTelepon, hint: t('wilayah.rw.teleponHint'), autocomplete: 'off' })}
          ${field({ name: 'jumlahKk', label: t('wilayah.rw.kkLabel'), type: 'number', value: v.jumlahKk, error: e.jumlahKk, attrs: html`min="0" max="99999" inputmode="numeric"` })}
          <button type="submit" class="primary">${t('form.save')}</button>
          <a href="${editing ? cityPath(req, `/wilayah/rw/${editing.id}`) : cityPath(req, '/wilayah/rw')}"
            >${t('form.cancel')}</a
          >
        </form>
      </section>`,
  });
}

const NewRwQuery = Type.Object(
  { kelurahan: Type.Optional(Type.String({ maxLength: 30 })) },
  { additionalProperties: false },
);

const RW_FIELDS = ['kelurahanKode', 'nomor', 'ketuaNama', 'ketuaTelepon', 'jumlahKk'];

export function rwFormPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/rw/baru',
    { schema: { params: CityParams, querystring: NewRwQuery }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const q = req.query;
      const groups = await cityTx(req, (trx) => manageableKelurahan(trx, cityOf(req), userOf(req)));
      const only =
        groups.length === 1 && groups[0]!.kelurahan.length === 1 ? groups[0]!.kelurahan[0]!.kode : undefined;
      return renderRwForm(req, reply, { groups, values: { kelurahanKode: q.kelurahan ?? only ?? '' } });
    },
  );

  app.post(
    '/:city/wilayah/rw',
    { schema: { params: CityParams, body: RwForm }, attachValidation: true, config: MANAGE_ACCESS },
    async (req, reply) => {
      const city = cityOf(req);
      const user = userOf(req);
      const groups = await cityTx(req, (trx) => manageableKelurahan(trx, city, user));
      const b = req.body;
      return submitForm(
        req,
        reply,
        RW_FIELDS,
        (failed) => renderRwForm(req, reply, { groups, ...failed }),
        async () => {
          const rw = await cityTx(req, (trx) =>
            createRw(trx, city, user, {
              kelurahanKode: b.kelurahanKode ?? '',
              nomor: b.nomor ?? null,
              ketuaNama: b.ketuaNama ?? null,
              ketuaTelepon: b.ketuaTelepon ?? null,
              jumlahKk: b.jumlahKk ?? null,
            }),
          );
          return cityPath(req, `/wilayah/rw/${rw.id}?ok=dibuat`);
        },
      );
    },
  );

  app.get(
    '/:city/wilayah/rw/:rwId/ubah',
    { schema: { params: RwParams }, config: MANAGE_ACCESS },
    async (req, reply) => {
      const { rwId } = req.params;
      const user = userOf(req);
      const { rw, groups } = await cityTx(req, async (trx) => ({
        rw: await getRwForEdit(trx, user, rwId),
        groups: await manageableKelurahan(trx, cityOf(req), user),
      }));
      return renderRwForm(req, reply, {
        groups,
        rw,
        values: {
          kelurahanKode: rw.kelurahanKode,
          nomor: String(rw.nomor),
          ketuaNama: rw.ketuaNama ?? '',
          ketuaTelepon: rw.ketuaTeleponLengkap ?? '',
          jumlahKk: rw.jumlahKk === null ? '' : String(rw.jumlahKk),
        },
      });
    },
  );

  app.post(
    '/:city/wilayah/rw/:rwId',
    { schema: { params: RwParams, body: RwForm }, attachValidation: true, config: MANAGE_ACCESS },
    async (req, reply) => {
      const { rwId } = req.params;
      const city = cityOf(req);
      const user = userOf(req);
      const { rw, groups } = await cityTx(req, async (trx) => ({
        rw: await getRwForEdit(trx, user, rwId),
        groups: await manageableKelurahan(trx, city, user),
      }));
      const b = req.body;
      return submitForm(
        req,
        reply,
        RW_FIELDS,
        (failed) => renderRwForm(req, reply, { groups, rw, ...failed }),
        async () => {
          await cityTx(req, (trx) =>
            updateRw(trx, city, user, rwId, {
              kelurahanKode: b.kelurahanKode || undefined,
              nomor: b.nomor ?? null,
              ketuaNama: b.ketuaNama ?? null,
              ketuaTelepon: b.ketuaTelepon ?? null,
              jumlahKk: b.jumlahKk ?? null,
            }),
          );
          return cityPath(req, `/wilayah/rw/${rwId}?ok=diubah`);
        },
      );
    },
  );
}
