/**
 * The trip entry screen (/sampah/ritase), made for a phone: today's TPA quota panel, the trip form
 * for those who record trips, and the trips of a day. The form posts, and on an error shows again
 * with the values and messages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams, Csrf } from '../../../../platform/http/schemas.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { isTanggal, todayWib } from '../../../../platform/waktu.ts';
import { html } from '../../../../platform/web/html.ts';
import { cityPath, flash, sendPage } from '../../../../platform/web/layout.ts';
import type { FailedForm, FormErrors, FormValues } from '../../../../platform/web/components.ts';
import { formPost } from '../../../../platform/web/screen.ts';
import { OPS_RITASE } from '../permissions-operasi.ts';
import { listFasilitas } from '../fasilitas-service.ts';
import { listKendaraan, listShift } from '../armada-service.ts';
import { createRitase, listKuotaTpa, listRitase } from '../ritase-service.ts';
import { FormReader, lihat, ritase, text } from './operasi-parts.ts';
import { BERANGKAT_DEFAULT_MENIT, kuotaPanel, ritaseForm, ritaseTable, wibLocal } from './ritase-parts.ts';

const RitaseQuery = Type.Object(
  {
    tanggal: Type.Optional(Type.String({ maxLength: 10 })),
    ok: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const RitaseForm = Type.Object(
  {
    _csrf: Csrf,
    kendaraanId: text(40),
    shiftId: text(40),
    asalIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    tujuanId: text(40),
    ton: text(20),
    berangkat: text(40),
    tiba: text(40),
    catatan: text(600),
  },
  { additionalProperties: false },
);
const RITASE_FIELDS = ['kendaraanId', 'shiftId', 'tujuanId', 'ton', 'berangkat', 'tiba', 'catatan'];

async function ritasePage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { tanggal?: string | undefined; ok?: string | undefined; failed?: FailedForm; asalIds?: string[] },
) {
  const t = req.t;
  const user = userOf(req);
  const tanggal = o.tanggal && isTanggal(o.tanggal) ? o.tanggal : todayWib();
  const mayRecord = can(user, OPS_RITASE, user.tenantId);
  const data = await cityTx(req, async (trx) => ({
    kuota: await listKuotaTpa(trx, { tanggal }),
    trips: await listRitase(trx, user, { tanggal }),
    ...(mayRecord
      ? {
          kendaraan: (await listKendaraan(trx, user)).filter((k) => k.status === 'aktif'),
          shift: await listShift(trx, user),
          fasilitas: (await listFasilitas(trx, user)).filter((f) => f.status !== 'rencana'),
        }
      : {}),
  }));
  // Departure an hour ago, arrival now: a valid trip as it stands (arrival must follow departure).
  const v: FormValues = o.failed?.values ?? {
    berangkat: wibLocal(BERANGKAT_DEFAULT_MENIT),
    tiba: wibLocal(),
  };
  const e: FormErrors = {};
  // Errors of single origins ("asalIds.1") show at the origin fieldset.
  for (const [k, msg] of Object.entries(o.failed?.errors ?? {}))
    if (k.startsWith('asalIds.')) e.asalIds ??= msg;
    else e[k] = msg;
  const form = mayRecord
    ? ritaseForm(req, {
        values: v,
        errors: e,
        asalIds: o.asalIds ?? [],
        kendaraan: data.kendaraan ?? [],
        shift: data.shift ?? [],
        fasilitas: data.fasilitas ?? [],
      })
    : '';
  const title = t('sampah.operasi.ritase.title');
  return sendPage(req, reply, {
    title,
    status: o.failed?.status ?? 200,
    body: html`<h1>${title}</h1>
      ${flash(
        o.ok === 'melebihi'
          ? t('sampah.operasi.ritase.disimpanMelebihi')
          : o.ok
            ? t('sampah.operasi.ritase.disimpan')
            : undefined,
        o.ok === 'melebihi' ? 'info' : 'success',
      )}
      ${kuotaPanel(t, data.kuota)} ${form} ${ritaseTable(req, tanggal, data.trips)}`,
  });
}

/** Records a trip from the form; back to the list of the trip's own day. */
async function saveRitase(
  req: FastifyRequest,
  b: Static<typeof RitaseForm>,
  asalIds: string[],
): Promise<string> {
  const r = new FormReader();
  const ton = r.kuantitas('ton', b.ton, { required: true });
  const kendaraanId = r.required('kendaraanId', b.kendaraanId);
  const shiftId = r.required('shiftId', b.shiftId);
  const tujuanId = r.required('tujuanId', b.tujuanId);
  const berangkat = r.required('berangkat', b.berangkat);
  const tiba = r.required('tiba', b.tiba);
  if (!asalIds.length) r.errors.push({ pointer: '/body/asalIds', detail: 'sampah.operasi.error.asalWajib' });
  r.check();
  const hasil = await cityTx(req, (trx) =>
    createRitase(trx, userOf(req), {
      kendaraanId,
      shiftId,
      tujuanId,
      asalIds,
      ton: ton!,
      berangkat,
      tiba,
      catatan: b.catatan ?? null,
    }),
  );
  // A trip saved for another day shows there.
  return cityPath(
    req,
    `/sampah/ritase?tanggal=${hasil.ritase.tanggal}&ok=${hasil.ritase.melebihiKuota ? 'melebihi' : 'disimpan'}`,
  );
}

export function ritaseEntryPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/sampah/ritase',
    { schema: { params: CityParams, querystring: RitaseQuery }, config: { access: lihat } },
    async (req, reply) => ritasePage(req, reply, { tanggal: req.query.tanggal, ok: req.query.ok }),
  );
  const asalIdsOf = (b: Static<typeof RitaseForm> | undefined) => (b?.asalIds ?? []).filter(Boolean);
  formPost(app, {
    path: '/:city/sampah/ritase',
    access: ritase,
    params: CityParams,
    body: RitaseForm,
    fields: RITASE_FIELDS,
    show: (req, reply, failed) =>
      ritasePage(req, reply, { failed: failed as FailedForm, asalIds: asalIdsOf(req.body as never) }),
    save: (req) => saveRitase(req, req.body ?? {}, asalIdsOf(req.body)),
  });
}
