/** The facility form: a new facility (/sampah/fasilitas/baru) and a facility's changes (/sampah/fasilitas/:id). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams, Csrf } from '../../../../platform/http/schemas.ts';
import { html } from '../../../../platform/web/html.ts';
import { cityPath, csrfField, errorSummary, sendPage } from '../../../../platform/web/layout.ts';
import {
  groupedOptions,
  selectField,
  type FailedForm,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formPost, formScreen } from '../../../../platform/web/screen.ts';
import { listKecamatanRows, listKelurahanRows } from '../../../wilayah/api.ts';
import {
  IdParams,
  JENIS_FASILITAS,
  STATUS_FASILITAS,
  SUBJENIS_MESIN,
  type JenisFasilitas,
  type StatusFasilitas,
  type SubjenisMesin,
} from '../operasi-schemas.ts';
import {
  createFasilitas,
  getFasilitas,
  updateFasilitas,
  type FasilitasInput,
  type FasilitasView,
} from '../fasilitas-service.ts';
import { FormReader, kelola, OkQuery, operasiControls, text } from './operasi-parts.ts';

const FasilitasForm = Type.Object(
  {
    _csrf: Csrf,
    jenis: text(20),
    subjenis: text(20),
    nama: text(200),
    kelurahanKode: text(20),
    lat: text(30),
    lng: text(30),
    kapasitasTonHari: text(20),
    status: text(20),
    operator: text(200),
    kuotaRitHarian: text(10),
  },
  { additionalProperties: false },
);
const FASILITAS_FIELDS = [
  'jenis',
  'subjenis',
  'nama',
  'kelurahanKode',
  'lat',
  'lng',
  'kapasitasTonHari',
  'status',
  'operator',
  'kuotaRitHarian',
];

async function renderFasilitasForm(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { existing?: FasilitasView; failed?: FailedForm },
) {
  const t = req.t;
  const user = userOf(req);
  const regions = await cityTx(req, async (trx) => ({
    kec: await listKecamatanRows(trx, user.tenantId),
    kel: await listKelurahanRows(trx, user.tenantId),
  }));
  const f = o.existing;
  const v: FormValues =
    o.failed?.values ??
    (f
      ? {
          jenis: f.jenis,
          subjenis: f.subjenis ?? '',
          nama: f.nama,
          kelurahanKode: f.kelurahanKode ?? '',
          lat: f.lat !== null ? String(f.lat) : '',
          lng: f.lng !== null ? String(f.lng) : '',
          kapasitasTonHari: f.kapasitasTonHari !== null ? String(f.kapasitasTonHari) : '',
          status: f.status,
          operator: f.operator ?? '',
          kuotaRitHarian: f.kuotaRitHarian !== null ? String(f.kuotaRitHarian) : '',
        }
      : { jenis: 'titik_kumpul', status: 'aktif' });
  const e = o.failed?.errors ?? {};
  const c = operasiControls(t, v, e);
  const title = f ? t('sampah.operasi.fasilitas.ubah') : t('sampah.operasi.fasilitas.baru');
  const action = cityPath(req, f ? `/sampah/fasilitas/${f.id}` : '/sampah/fasilitas');
  return sendPage(req, reply, {
    title,
    status: o.failed?.status ?? 200,
    body: html`<h1>${title}</h1>
      <section class="narrow">
        ${errorSummary(t, e)}
        <form method="post" action="${action}" novalidate>
          ${csrfField(req)} ${c.choice('jenis', JENIS_FASILITAS, 'sampah.operasi.jenis', { required: true })}
          ${c.choice('subjenis', SUBJENIS_MESIN, 'sampah.operasi.subjenis', {
            hint: 'sampah.operasi.f.subjenisHint',
            first: ['', '–'],
          })}
          ${c.input('nama', { required: true })}
          ${selectField({
            name: 'kelurahanKode',
            label: t('sampah.operasi.f.kelurahan'),
            hint: t('sampah.operasi.f.kelurahanHint'),
            error: e.kelurahanKode,
            options: groupedOptions(
              t('sampah.operasi.f.diLuarKota'),
              regions.kec.map((k) => ({
                label: k.nama,
                options: regions.kel
                  .filter((l) => l.induk === k.kode)
                  .map((l) => ({ value: l.kode, label: l.nama })),
              })),
              v.kelurahanKode,
            ),
          })}
          ${c.input('lat', { inputmode: 'decimal' })} ${c.input('lng', { inputmode: 'decimal' })}
          ${c.input('kapasitasTonHari', { inputmode: 'decimal' })}
          ${c.choice('status', STATUS_FASILITAS, 'sampah.operasi.status', { required: true })}
          ${c.input('operator')}
          ${c.input('kuotaRitHarian', { hint: 'sampah.operasi.f.kuotaHint', inputmode: 'numeric' })}
          <button type="submit" class="primary">${t('form.save')}</button>
          <a href="${cityPath(req, '/sampah/fasilitas')}">${t('form.cancel')}</a>
        </form>
      </section>`,
  });
}

function fasilitasInput(b: Static<typeof FasilitasForm>): FasilitasInput {
  const r = new FormReader();
  const jenis = r.choice<JenisFasilitas>('jenis', b.jenis, JENIS_FASILITAS);
  const subjenis = r.choice<SubjenisMesin>('subjenis', b.subjenis, SUBJENIS_MESIN, false);
  const status = r.choice<StatusFasilitas>('status', b.status, STATUS_FASILITAS);
  const input: FasilitasInput = {
    jenis: jenis ?? 'titik_kumpul',
    subjenis,
    nama: r.required('nama', b.nama),
    kelurahanKode: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(b.kelurahanKode ?? '') ? b.kelurahanKode! : null,
    lat: r.number('lat', b.lat),
    lng: r.number('lng', b.lng),
    kapasitasTonHari: r.kuantitas('kapasitasTonHari', b.kapasitasTonHari),
    status: status ?? 'aktif',
    operator: b.operator ?? null,
    kuotaRitHarian: r.number('kuotaRitHarian', b.kuotaRitHarian, { integer: true }),
  };
  if (b.kelurahanKode && !input.kelurahanKode)
    r.errors.push({ pointer: '/body/kelurahanKode', detail: 'sampah.operasi.error.wilayah' });
  const { lat, lng, kapasitasTonHari: kap } = input;
  if (typeof lat === 'number' && Math.abs(lat) > 90)
    r.errors.push({ pointer: '/body/lat', detail: 'sampah.operasi.error.koordinat' });
  if (typeof lng === 'number' && Math.abs(lng) > 180)
    r.errors.push({ pointer: '/body/lng', detail: 'sampah.operasi.error.koordinat' });
  if (typeof kap === 'number' && (kap < 0 || kap > 100000))
    r.errors.push({ pointer: '/body/kapasitasTonHari', detail: 'sampah.operasi.error.kapasitas' });
  if (input.kuotaRitHarian != null && (input.kuotaRitHarian < 1 || input.kuotaRitHarian > 10000))
    r.errors.push({ pointer: '/body/kuotaRitHarian', detail: 'sampah.operasi.error.angka' });
  r.check();
  return input;
}

export function fasilitasFormPage(app: BalaiApp, _ctx: ModuleContext): void {
  const saved = (req: FastifyRequest) => cityPath(req, '/sampah/fasilitas?ok=1');
  app.get(
    '/:city/sampah/fasilitas/baru',
    { schema: { params: CityParams }, config: { access: kelola } },
    async (req, reply) => renderFasilitasForm(req, reply, {}),
  );
  formPost(app, {
    path: '/:city/sampah/fasilitas',
    access: kelola,
    params: CityParams,
    body: FasilitasForm,
    fields: FASILITAS_FIELDS,
    show: (req, reply, failed) => renderFasilitasForm(req, reply, { failed: failed as FailedForm }),
    save: async (req) => {
      const input = fasilitasInput(req.body ?? {});
      await cityTx(req, (trx) => createFasilitas(trx, userOf(req), input));
      return saved(req);
    },
  });
  // The facility is read again for the form shown after a failed change.
  const existing = (req: FastifyRequest<{ Params: { id: string } }>) =>
    cityTx(req, (trx) => getFasilitas(trx, userOf(req), req.params.id));
  formScreen(app, {
    path: '/:city/sampah/fasilitas/:id',
    access: kelola,
    params: IdParams,
    query: OkQuery,
    body: FasilitasForm,
    fields: FASILITAS_FIELDS,
    show: async (req, reply, state) =>
      renderFasilitasForm(req, reply, {
        existing: await existing(req),
        ...(state.errors ? { failed: state as FailedForm } : {}),
      }),
    save: async (req) => {
      const input = fasilitasInput(req.body ?? {});
      await cityTx(req, (trx) => updateFasilitas(trx, userOf(req), req.params.id, input));
      return saved(req);
    },
  });
}
