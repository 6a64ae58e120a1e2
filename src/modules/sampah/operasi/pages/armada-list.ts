/**
 * The fleet screen (/sampah/armada): vehicles and shifts, with the forms to add a vehicle and a
 * shift for those who manage the fleet.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema, type TUnknown } from 'typebox';
import type { TypedRequest } from '../../../../platform/http/api-route.ts';
import type { BalaiApp, ModuleContext } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams, Csrf } from '../../../../platform/http/schemas.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { formatNumber } from '../../../../platform/i18n/index.ts';
import { html } from '../../../../platform/web/html.ts';
import { cityPath, flash, sendPage } from '../../../../platform/web/layout.ts';
import { tableWrap, type FailedForm } from '../../../../platform/web/components.ts';
import { formPost, formSection, headRow, postForm } from '../../../../platform/web/screen.ts';
import { OPS_KELOLA } from '../permissions-operasi.ts';
import {
  JENIS_KENDARAAN,
  STATUS_KENDARAAN,
  type JenisKendaraan,
  type StatusKendaraan,
} from '../operasi-schemas.ts';
import { createKendaraan, createShift, listKendaraan, listShift } from '../armada-service.ts';
import { FormReader, kelola, lihat, OkQuery, operasiControls, text } from './operasi-parts.ts';

const KendaraanForm = Type.Object(
  {
    _csrf: Csrf,
    jenis: text(20),
    platNomor: text(30),
    kapasitasM3: text(20),
    kapasitasTon: text(20),
    status: text(20),
  },
  { additionalProperties: false },
);
const KENDARAAN_FIELDS = ['jenis', 'platNomor', 'kapasitasM3', 'kapasitasTon', 'status'];
const ShiftForm = Type.Object(
  { _csrf: Csrf, nama: text(100), mulai: text(10) },
  { additionalProperties: false },
);
const SHIFT_FIELDS = ['nama', 'mulai'];

async function armadaPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { ok?: string | undefined; kendaraan?: FailedForm; shift?: FailedForm },
) {
  const t = req.t;
  const user = userOf(req);
  const data = await cityTx(req, async (trx) => ({
    kendaraan: await listKendaraan(trx, user),
    shift: await listShift(trx, user),
  }));
  const mayEdit = can(user, OPS_KELOLA, user.tenantId);
  const k = operasiControls(
    t,
    o.kendaraan?.values ?? { jenis: 'pacman', status: 'aktif' },
    o.kendaraan?.errors ?? {},
  );
  const sh = operasiControls(t, o.shift?.values ?? {}, o.shift?.errors ?? {});
  const title = t('sampah.operasi.armada.title');
  return sendPage(req, reply, {
    title,
    status: o.kendaraan?.status ?? o.shift?.status ?? 200,
    body: html`<h1>${title}</h1>
      ${flash(o.ok ? t('sampah.operasi.armada.disimpan') : undefined)}
      ${tableWrap(
        'cap-kendaraan',
        t('sampah.operasi.armada.kendaraanCaption', { count: data.kendaraan.length }),
        headRow([
          t('sampah.operasi.f.platNomor'),
          t('sampah.operasi.f.jenis'),
          { label: t('sampah.operasi.f.kapasitasM3'), num: true },
          { label: t('sampah.operasi.f.kapasitasTon'), num: true },
          t('sampah.operasi.f.status'),
        ]),
        data.kendaraan.map(
          (k) =>
            html`<tr>
              <th scope="row">${k.platNomor}</th>
              <td>${t(`sampah.operasi.kendaraan.${k.jenis}`)}</td>
              <td class="num">${formatNumber(k.kapasitasM3)}</td>
              <td class="num">${formatNumber(k.kapasitasTon)}</td>
              <td>${t(`sampah.operasi.status.${k.status}`)}</td>
            </tr>`,
        ),
      )}
      ${tableWrap(
        'cap-shift',
        t('sampah.operasi.armada.shiftCaption', { count: data.shift.length }),
        headRow([t('sampah.operasi.f.shiftNama'), t('sampah.operasi.f.mulai')]),
        data.shift.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.nama}</th>
              <td>${s.mulai}</td>
            </tr>`,
        ),
      )}
      ${
        mayEdit
          ? html`${formSection(
              'h-kendaraan',
              t('sampah.operasi.armada.tambahKendaraan'),
              postForm(
                req,
                {
                  action: cityPath(req, '/sampah/armada/kendaraan'),
                  submit: t('form.save'),
                  errors: o.kendaraan?.errors ?? {},
                },
                html`${k.choice('jenis', JENIS_KENDARAAN, 'sampah.operasi.kendaraan', { required: true })}
                ${k.input('platNomor', { required: true })}
                ${k.input('kapasitasM3', { required: true, inputmode: 'decimal' })}
                ${k.input('kapasitasTon', { required: true, inputmode: 'decimal' })}
                ${k.choice('status', STATUS_KENDARAAN, 'sampah.operasi.status', { required: true })}`,
              ),
            )}
            ${formSection(
              'h-shift',
              t('sampah.operasi.armada.tambahShift'),
              postForm(
                req,
                {
                  action: cityPath(req, '/sampah/armada/shift'),
                  submit: t('form.save'),
                  errors: o.shift?.errors ?? {},
                },
                html`${sh.input('nama', { label: 'shiftNama', required: true })}
                ${sh.input('mulai', { type: 'time', required: true })}`,
              ),
            )}`
          : ''
      }`,
  });
}

export function armadaListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/sampah/armada',
    { schema: { params: CityParams, querystring: OkQuery }, config: { access: lihat } },
    async (req, reply) => armadaPage(req, reply, { ok: req.query.ok }),
  );
  // Both forms post to their own path and come back to the fleet screen.
  const post = <B extends TSchema>(
    form: 'kendaraan' | 'shift',
    body: B,
    fields: readonly string[],
    save: (req: TypedRequest<typeof CityParams, TUnknown, B>) => Promise<unknown>,
  ) =>
    formPost(app, {
      path: `/:city/sampah/armada/${form}`,
      access: kelola,
      params: CityParams,
      body,
      fields,
      show: (req, reply, failed) => armadaPage(req, reply, { [form]: failed as FailedForm }),
      save: async (req) => {
        await save(req);
        return cityPath(req, '/sampah/armada?ok=1');
      },
    });
  post('kendaraan', KendaraanForm, KENDARAAN_FIELDS, (req) => {
    const b = req.body ?? {};
    const r = new FormReader();
    const jenis = r.choice<JenisKendaraan>('jenis', b.jenis, JENIS_KENDARAAN);
    const status = r.choice<StatusKendaraan>('status', b.status, STATUS_KENDARAAN);
    const platNomor = r.required('platNomor', b.platNomor);
    const m3 = r.kuantitas('kapasitasM3', b.kapasitasM3, { required: true });
    const ton = r.kuantitas('kapasitasTon', b.kapasitasTon, { required: true });
    r.check();
    return cityTx(req, (trx) =>
      createKendaraan(trx, userOf(req), {
        jenis: jenis!,
        status: status!,
        platNomor,
        kapasitasM3: m3!,
        kapasitasTon: ton!,
      }),
    );
  });
  post('shift', ShiftForm, SHIFT_FIELDS, (req) =>
    cityTx(req, (trx) =>
      createShift(trx, userOf(req), { nama: req.body?.nama ?? '', mulai: req.body?.mulai ?? '' }),
    ),
  );
}
