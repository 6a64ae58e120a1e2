/**
 * The fleet screen (/sampah/armada): vehicles and shifts, with the forms to add a vehicle and a
 * shift for those who manage the fleet.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams, Csrf } from '../../../../platform/http/schemas.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { formatNumber } from '../../../../platform/i18n/index.ts';
import { html } from '../../../../platform/web/html.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  flash,
  sendPage,
} from '../../../../platform/web/layout.ts';
import {
  option,
  selectField,
  submitForm,
  tableWrap,
  type FailedForm,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { OPS_KELOLA } from '../permissions-operasi.ts';
import {
  JENIS_KENDARAAN,
  STATUS_KENDARAAN,
  type JenisKendaraan,
  type StatusKendaraan,
} from '../operasi-schemas.ts';
import { createKendaraan, createShift, listKendaraan, listShift } from '../armada-service.ts';
import { FormReader, kelola, lihat, OkQuery, text } from './operasi-parts.ts';

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
  const kv: FormValues = o.kendaraan?.values ?? { jenis: 'pacman', status: 'aktif' };
  const ke = o.kendaraan?.errors ?? {};
  const sv: FormValues = o.shift?.values ?? {};
  const se = o.shift?.errors ?? {};
  const title = t('sampah.operasi.armada.title');
  return sendPage(req, reply, {
    title,
    status: o.kendaraan?.status ?? o.shift?.status ?? 200,
    body: html`<h1>${title}</h1>
      ${flash(o.ok ? t('sampah.operasi.armada.disimpan') : undefined)}
      ${tableWrap(
        'cap-kendaraan',
        t('sampah.operasi.armada.kendaraanCaption', { count: data.kendaraan.length }),
        html`<tr>
          <th scope="col">${t('sampah.operasi.f.platNomor')}</th>
          <th scope="col">${t('sampah.operasi.f.jenis')}</th>
          <th scope="col" class="num">${t('sampah.operasi.f.kapasitasM3')}</th>
          <th scope="col" class="num">${t('sampah.operasi.f.kapasitasTon')}</th>
          <th scope="col">${t('sampah.operasi.f.status')}</th>
        </tr>`,
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
        html`<tr>
          <th scope="col">${t('sampah.operasi.f.shiftNama')}</th>
          <th scope="col">${t('sampah.operasi.f.mulai')}</th>
        </tr>`,
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
          ? html`<section class="narrow" aria-labelledby="h-kendaraan">
                <h2 id="h-kendaraan">${t('sampah.operasi.armada.tambahKendaraan')}</h2>
                ${errorSummary(t, ke)}
                <form method="post" action="${cityPath(req, '/sampah/armada/kendaraan')}" novalidate>
                  ${csrfField(req)}
                  ${selectField({
                    name: 'jenis',
                    label: t('sampah.operasi.f.jenis'),
                    required: true,
                    error: ke.jenis,
                    options: JENIS_KENDARAAN.map((j) =>
                      option(j, t(`sampah.operasi.kendaraan.${j}`), kv.jenis),
                    ),
                  })}
                  ${field({ name: 'platNomor', label: t('sampah.operasi.f.platNomor'), required: true, value: kv.platNomor, error: ke.platNomor })}
                  ${field({
                    name: 'kapasitasM3',
                    label: t('sampah.operasi.f.kapasitasM3'),
                    required: true,
                    value: kv.kapasitasM3,
                    error: ke.kapasitasM3,
                    attrs: html`inputmode="decimal"`,
                  })}
                  ${field({
                    name: 'kapasitasTon',
                    label: t('sampah.operasi.f.kapasitasTon'),
                    required: true,
                    value: kv.kapasitasTon,
                    error: ke.kapasitasTon,
                    attrs: html`inputmode="decimal"`,
                  })}
                  ${selectField({
                    name: 'status',
                    label: t('sampah.operasi.f.status'),
                    required: true,
                    error: ke.status,
                    options: STATUS_KENDARAAN.map((s) =>
                      option(s, t(`sampah.operasi.status.${s}`), kv.status),
                    ),
                  })}
                  <button type="submit" class="primary">${t('form.save')}</button>
                </form>
              </section>
              <section class="narrow" aria-labelledby="h-shift">
                <h2 id="h-shift">${t('sampah.operasi.armada.tambahShift')}</h2>
                ${errorSummary(t, se)}
                <form method="post" action="${cityPath(req, '/sampah/armada/shift')}" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'nama', label: t('sampah.operasi.f.shiftNama'), required: true, value: sv.nama, error: se.nama })}
                  ${field({ name: 'mulai', label: t('sampah.operasi.f.mulai'), type: 'time', required: true, value: sv.mulai, error: se.mulai })}
                  <button type="submit" class="primary">${t('form.save')}</button>
                </form>
              </section>`
          : ''
      }`,
  });
}

export function armadaListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/sampah/armada',
    { schema: { params: CityParams, querystring: OkQuery }, config: lihat },
    async (req, reply) => armadaPage(req, reply, { ok: req.query.ok }),
  );
  app.post(
    '/:city/sampah/armada/kendaraan',
    { schema: { params: CityParams, body: KendaraanForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b: Static<typeof KendaraanForm> = req.body ?? {};
      return submitForm(
        req,
        reply,
        KENDARAAN_FIELDS,
        (failed) => armadaPage(req, reply, { kendaraan: failed }),
        async () => {
          const r = new FormReader();
          const jenis = r.choice<JenisKendaraan>('jenis', b.jenis, JENIS_KENDARAAN);
          const status = r.choice<StatusKendaraan>('status', b.status, STATUS_KENDARAAN);
          const platNomor = r.required('platNomor', b.platNomor);
          const m3 = r.kuantitas('kapasitasM3', b.kapasitasM3, { required: true });
          const ton = r.kuantitas('kapasitasTon', b.kapasitasTon, { required: true });
          r.check();
          await cityTx(req, (trx) =>
            createKendaraan(trx, userOf(req), {
              jenis: jenis!,
              status: status!,
              platNomor,
              kapasitasM3: m3!,
              kapasitasTon: ton!,
            }),
          );
          return cityPath(req, '/sampah/armada?ok=1');
        },
      );
    },
  );
  app.post(
    '/:city/sampah/armada/shift',
    { schema: { params: CityParams, body: ShiftForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b: Static<typeof ShiftForm> = req.body ?? {};
      return submitForm(
        req,
        reply,
        SHIFT_FIELDS,
        (failed) => armadaPage(req, reply, { shift: failed }),
        async () => {
          await cityTx(req, (trx) =>
            createShift(trx, userOf(req), { nama: b.nama ?? '', mulai: b.mulai ?? '' }),
          );
          return cityPath(req, '/sampah/armada?ok=1');
        },
      );
    },
  );
}
