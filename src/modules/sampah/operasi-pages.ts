/**
 * Pages of the waste operations: the trip entry on a phone with today's TPA quota panel and the
 * day's trips (/sampah/ritase), the facilities list and form (/sampah/fasilitas), vehicles and
 * shifts (/sampah/armada). Forms post, and on an error show again with the values and messages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug, Csrf, Uuid } from '../../platform/http/schemas.ts';
import { bacaKuantitas } from '../../platform/angka.ts';
import { badRequest, type FieldError } from '../../platform/http/problem.ts';
import { can } from '../../platform/auth/roles.ts';
import { formatDate, formatNumber, formatDateTime } from '../../platform/i18n/index.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import {
  groupedOptions,
  option,
  selectField,
  submitForm,
  tableWrap,
  type FailedForm,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import { listKecamatanRows, listKelurahanRows } from '../wilayah/repository.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from './permissions-operasi.ts';
import {
  JENIS_FASILITAS,
  JENIS_KENDARAAN,
  STATUS_FASILITAS,
  STATUS_KENDARAAN,
  SUBJENIS_MESIN,
  type JenisFasilitas,
  type JenisKendaraan,
  type StatusFasilitas,
  type StatusKendaraan,
  type SubjenisMesin,
} from './operasi-tables.ts';
import {
  catatRitase,
  createFasilitas,
  createKendaraan,
  createShift,
  getFasilitas,
  hariIniWib,
  isTanggal,
  JENIS_ASAL,
  kuotaTpaHariIni,
  listFasilitas,
  listKendaraan,
  listRitase,
  listShift,
  updateFasilitas,
  type FasilitasInput,
  type FasilitasView,
  type KuotaTpa,
} from './operasi-service.ts';

const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const CityOnly = obj({ city: CitySlug });
const IdParams = obj({ city: CitySlug, id: Uuid });
const OkQuery = obj({ ok: Type.Optional(Type.String({ maxLength: 20 })) });
const FasilitasQuery = obj({ jenis: Type.Optional(Type.String({ maxLength: 20 })) });
const RitaseQuery = obj({
  tanggal: Type.Optional(Type.String({ maxLength: 10 })),
  ok: Type.Optional(Type.String({ maxLength: 20 })),
});

const FasilitasForm = obj({
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
});
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
const KendaraanForm = obj({
  _csrf: Csrf,
  jenis: text(20),
  platNomor: text(30),
  kapasitasM3: text(20),
  kapasitasTon: text(20),
  status: text(20),
});
const KENDARAAN_FIELDS = ['jenis', 'platNomor', 'kapasitasM3', 'kapasitasTon', 'status'];
const ShiftForm = obj({ _csrf: Csrf, nama: text(100), mulai: text(10) });
const SHIFT_FIELDS = ['nama', 'mulai'];
const RitaseForm = obj({
  _csrf: Csrf,
  kendaraanId: text(40),
  shiftId: text(40),
  asalIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  tujuanId: text(40),
  ton: text(20),
  berangkat: text(40),
  tiba: text(40),
  catatan: text(600),
});
const RITASE_FIELDS = ['kendaraanId', 'shiftId', 'tujuanId', 'ton', 'berangkat', 'tiba', 'catatan'];

/** Reads form text into typed values; collects a field error for each value that is not right. */
class FormReader {
  readonly errors: FieldError[] = [];
  number(name: string, v: string | undefined, opts: { required?: boolean; integer?: boolean } = {}) {
    const s = (v ?? '').trim().replace(',', '.');
    if (!s) {
      if (opts.required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN; // not "1e3" nor "0x10"
    if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
      this.errors.push({ pointer: `/body/${name}`, detail: 'sampah.operasi.error.angka' });
      return null;
    }
    return n;
  }
  /** A quantity (tonnes, m³) as typed, with a decimal comma: the platform parser, never a guess at a dot. */
  kuantitas(name: string, v: string | undefined, opts: { required?: boolean } = {}) {
    if (!(v ?? '').trim()) {
      if (opts.required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    const r = bacaKuantitas(v, { max: 100_000 });
    if (r.ok) return r.nilai;
    this.errors.push({ pointer: `/body/${name}`, detail: r.galat, params: r.params });
    return null;
  }
  choice<T extends string>(
    name: string,
    v: string | undefined,
    values: readonly T[],
    required = true,
  ): T | null {
    if (!v) {
      if (required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    if (!values.includes(v as T)) {
      this.errors.push({ pointer: `/body/${name}`, detail: 'validation.enum' });
      return null;
    }
    return v as T;
  }
  required(name: string, v: string | undefined): string {
    if (!v?.trim()) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
    return v?.trim() ?? '';
  }
  check(): void {
    if (this.errors.length) throw badRequest('sampah.operasi.error.invalid', this.errors);
  }
}

/** A moment as a datetime-local value in WIB, minutes ago (0: now). */
function wibLocal(menitLalu = 0): string {
  return new Date(Date.now() + 7 * 3600_000 - menitLalu * 60_000).toISOString().slice(0, 16);
}

/** Minutes the trip form's default departure lies before its default arrival (now). */
export const BERANGKAT_DEFAULT_MENIT = 60;

function kuotaPanel(t: FastifyRequest['t'], kuota: KuotaTpa[]): SafeHtml {
  return html`<section aria-labelledby="h-kuota" class="kuota-tpa">
    <h2 id="h-kuota">${t('sampah.operasi.kuota.title')}</h2>
    ${
      kuota.length
        ? kuota.map(
            (k) =>
              html`<div class="kuota kuota-${k.tingkat}">
                <p>
                  <strong>${k.nama}</strong> · ${t(`sampah.operasi.tingkat.${k.tingkat}`)}<br />
                  ${t('sampah.operasi.kuota.isi', {
                    terpakai: formatNumber(k.terpakai),
                    kuota: formatNumber(k.kuota),
                    persen: formatNumber(k.persen),
                    ton: formatNumber(k.ton),
                  })}
                </p>
                <meter
                  min="0"
                  max="${k.kuota}"
                  low="${Math.ceil(k.kuota * 0.9)}"
                  high="${k.kuota}"
                  optimum="0"
                  value="${Math.min(k.terpakai, k.kuota)}"
                >
                  ${formatNumber(k.persen)}%
                </meter>
                ${
                  k.tingkat === 'peringatan'
                    ? html`<p class="alert alert-info" role="status">
                        ${t('sampah.operasi.kuota.peringatan', { nama: k.nama, sisa: formatNumber(k.sisa) })}
                      </p>`
                    : k.tingkat === 'melebihi'
                      ? html`<p class="alert alert-error" role="alert">
                          ${t('sampah.operasi.kuota.melebihi', { nama: k.nama })}
                        </p>`
                      : ''
                }
              </div>`,
          )
        : html`<p>${t('sampah.operasi.kuota.kosong')}</p>`
    }
  </section>`;
}

export function operasiPages(app: FastifyInstance, _ctx: ModuleContext): void {
  const lihat = { access: { permission: OPS_LIHAT } } as const;
  const kelola = { access: { permission: OPS_KELOLA } } as const;
  const ritase = { access: { permission: OPS_RITASE } } as const;

  // ---- Trips ----

  async function ritasePage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { tanggal?: string | undefined; ok?: string | undefined; failed?: FailedForm; asalIds?: string[] },
  ) {
    const t = req.t;
    const user = userOf(req);
    const tanggal = o.tanggal && isTanggal(o.tanggal) ? o.tanggal : hariIniWib();
    const mayRecord = can(user, OPS_RITASE, user.tenantId);
    const data = await cityTx(req, async (trx) => ({
      kuota: await kuotaTpaHariIni(trx, { tanggal }),
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
    const asalDipilih = new Set(o.asalIds ?? []);
    const fasilitas = data.fasilitas ?? [];
    const asalGroups = JENIS_ASAL.map((j) => ({
      label: t(`sampah.operasi.jenis.${j}`),
      items: fasilitas.filter((f) => f.jenis === j),
    })).filter((g) => g.items.length);
    const tujuan = fasilitas.filter((f) => f.jenis !== 'titik_kumpul');
    const title = t('sampah.operasi.ritase.title');
    const form = mayRecord
      ? html`<section aria-labelledby="h-catat" class="narrow">
          <h2 id="h-catat">${t('sampah.operasi.ritase.catat')}</h2>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, '/sampah/ritase')}" novalidate>
            ${csrfField(req)}
            ${selectField({
              name: 'kendaraanId',
              label: t('sampah.operasi.f.kendaraan'),
              required: true,
              error: e.kendaraanId,
              options: [
                option('', t('sampah.operasi.f.pilih'), v.kendaraanId ?? ''),
                ...(data.kendaraan ?? []).map((k) =>
                  option(k.id, `${k.platNomor} · ${t(`sampah.operasi.kendaraan.${k.jenis}`)}`, v.kendaraanId),
                ),
              ],
            })}
            ${selectField({
              name: 'shiftId',
              label: t('sampah.operasi.f.shift'),
              required: true,
              error: e.shiftId,
              options: [
                option('', t('sampah.operasi.f.pilih'), v.shiftId ?? ''),
                ...(data.shift ?? []).map((s) => option(s.id, `${s.nama} (${s.mulai})`, v.shiftId)),
              ],
            })}
            <fieldset
              class="field${e.asalIds ? ' has-error' : ''}"
              id="f-asalIds"
              aria-describedby="f-asalIds-hint${e.asalIds ? ' f-asalIds-err' : ''}"
            >
              <legend>${t('sampah.operasi.f.asal')} <span aria-hidden="true">*</span></legend>
              <p class="hint" id="f-asalIds-hint">${t('sampah.operasi.f.asalHint')}</p>
              ${asalGroups.map(
                (g) =>
                  html`<details
                    ${g.items.some((f) => asalDipilih.has(f.id)) || asalGroups.length === 1 ? 'open' : ''}
                  >
                    <summary>${g.label}</summary>
                    ${g.items.map(
                      (f) =>
                        html`<div>
                          <label
                            ><input
                              type="checkbox"
                              name="asalIds"
                              value="${f.id}"
                              ${asalDipilih.has(f.id) ? 'checked' : ''}
                            />
                            ${f.nama}</label
                          >
                        </div>`,
                    )}
                  </details>`,
              )}
              ${e.asalIds ? html`<p class="error" id="f-asalIds-err">${e.asalIds}</p>` : ''}
            </fieldset>
            ${selectField({
              name: 'tujuanId',
              label: t('sampah.operasi.f.tujuan'),
              required: true,
              error: e.tujuanId,
              options: groupedOptions(
                t('sampah.operasi.f.pilih'),
                JENIS_FASILITAS.filter((j) => j !== 'titik_kumpul')
                  .map((j) => ({
                    label: t(`sampah.operasi.jenis.${j}`),
                    options: tujuan.filter((f) => f.jenis === j).map((f) => ({ value: f.id, label: f.nama })),
                  }))
                  .filter((g) => g.options.length),
                v.tujuanId,
              ),
            })}
            ${field({
              name: 'ton',
              label: t('sampah.operasi.f.ton'),
              hint: t('sampah.operasi.f.tonHint'),
              required: true,
              value: v.ton,
              error: e.ton,
              attrs: html`inputmode="decimal"`,
            })}
            ${field({
              name: 'berangkat',
              label: t('sampah.operasi.f.berangkat'),
              type: 'datetime-local',
              required: true,
              value: v.berangkat,
              error: e.berangkat,
            })}
            ${field({
              name: 'tiba',
              label: t('sampah.operasi.f.tiba'),
              type: 'datetime-local',
              required: true,
              value: v.tiba,
              error: e.tiba,
            })}
            ${field({ name: 'catatan', label: t('sampah.operasi.f.catatan'), value: v.catatan, error: e.catatan })}
            <button type="submit" class="primary">${t('sampah.operasi.ritase.simpan')}</button>
          </form>
        </section>`
      : '';
    const rows = data.trips.map(
      (r) =>
        html`<tr>
          <td>${formatDateTime(r.tiba)}</td>
          <td>${r.platNomor}</td>
          <td>${r.shiftNama}</td>
          <td>${r.asal.map((a) => a.nama).join(', ')}</td>
          <td>${r.tujuanNama}</td>
          <td class="num">${formatNumber(r.ton)}</td>
          <td>
            ${r.melebihiKuota ? html`<strong>${t('sampah.operasi.ritase.tandaMelebihi')}</strong>` : ''}
          </td>
        </tr>`,
    );
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
        ${kuotaPanel(t, data.kuota)} ${form}
        <section aria-labelledby="h-trips">
          <h2 id="h-trips">
            ${t('sampah.operasi.ritase.caption', { tanggal: formatDate(tanggal), count: data.trips.length })}
          </h2>
          <form method="get" action="${cityPath(req, '/sampah/ritase')}" class="inline">
            ${field({ name: 'tanggal', label: t('sampah.operasi.f.tiba'), type: 'date', value: tanggal })}
            <button type="submit">${t('sampah.operasi.fasilitas.filter')}</button>
          </form>
          ${
            rows.length
              ? tableWrap(
                  'cap-trips',
                  t('sampah.operasi.ritase.caption', { tanggal: formatDate(tanggal), count: rows.length }),
                  html`<tr>
                    <th scope="col">${t('sampah.operasi.ritase.jam')}</th>
                    <th scope="col">${t('sampah.operasi.f.kendaraan')}</th>
                    <th scope="col">${t('sampah.operasi.f.shift')}</th>
                    <th scope="col">${t('sampah.operasi.f.asal')}</th>
                    <th scope="col">${t('sampah.operasi.f.tujuan')}</th>
                    <th scope="col" class="num">${t('sampah.operasi.f.ton')}</th>
                    <th scope="col">${t('sampah.operasi.f.status')}</th>
                  </tr>`,
                  rows,
                )
              : html`<p>${t('sampah.operasi.ritase.kosong')}</p>`
          }
        </section>`,
    });
  }

  app.get(
    '/:city/sampah/ritase',
    { schema: { params: CityOnly, querystring: RitaseQuery }, config: lihat },
    async (req, reply) => {
      const q = req.query as Static<typeof RitaseQuery>;
      return ritasePage(req, reply, { tanggal: q.tanggal, ok: q.ok });
    },
  );

  app.post(
    '/:city/sampah/ritase',
    { schema: { params: CityOnly, body: RitaseForm }, attachValidation: true, config: ritase },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof RitaseForm>;
      const asalIds = (b.asalIds ?? []).filter(Boolean);
      return submitForm(
        req,
        reply,
        RITASE_FIELDS,
        (failed) => ritasePage(req, reply, { failed, asalIds }),
        async () => {
          const r = new FormReader();
          const ton = r.kuantitas('ton', b.ton, { required: true });
          const kendaraanId = r.required('kendaraanId', b.kendaraanId);
          const shiftId = r.required('shiftId', b.shiftId);
          const tujuanId = r.required('tujuanId', b.tujuanId);
          const berangkat = r.required('berangkat', b.berangkat);
          const tiba = r.required('tiba', b.tiba);
          if (!asalIds.length)
            r.errors.push({ pointer: '/body/asalIds', detail: 'sampah.operasi.error.asalWajib' });
          r.check();
          const hasil = await cityTx(req, (trx) =>
            catatRitase(trx, userOf(req), {
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
          // Back to the list of the trip's own day, so a trip saved for another day shows.
          return cityPath(
            req,
            `/sampah/ritase?tanggal=${hasil.ritase.tanggal}&ok=${hasil.ritase.melebihiKuota ? 'melebihi' : 'disimpan'}`,
          );
        },
      );
    },
  );

  // ---- Facilities ----

  app.get(
    '/:city/sampah/fasilitas',
    { schema: { params: CityOnly, querystring: FasilitasQuery }, config: lihat },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query as Static<typeof FasilitasQuery>;
      const jenis = JENIS_FASILITAS.includes(q.jenis as JenisFasilitas)
        ? (q.jenis as JenisFasilitas)
        : undefined;
      const list = await cityTx(req, (trx) => listFasilitas(trx, user, { jenis }));
      const mayEdit = can(user, OPS_KELOLA, user.tenantId);
      const title = t('sampah.operasi.fasilitas.title');
      const rows = list.map(
        (f) =>
          html`<tr>
            <th scope="row">
              ${mayEdit ? html`<a href="${cityPath(req, `/sampah/fasilitas/${f.id}`)}">${f.nama}</a>` : f.nama}
            </th>
            <td>
              ${t(`sampah.operasi.jenis.${f.jenis}`)}${f.subjenis ? ` · ${t(`sampah.operasi.subjenis.${f.subjenis}`)}` : ''}
            </td>
            <td>${[f.kelurahanNama, f.kecamatanNama].filter(Boolean).join(', ') || '–'}</td>
            <td class="num">
              ${
                f.kapasitasTonHari !== null
                  ? t('sampah.operasi.fasilitas.tonHari', { ton: formatNumber(f.kapasitasTonHari) })
                  : '–'
              }
              ${
                f.kuotaRitHarian !== null
                  ? html`<br />${t('sampah.operasi.fasilitas.ritHari', { rit: formatNumber(f.kuotaRitHarian) })}`
                  : ''
              }
            </td>
            <td>${t(`sampah.operasi.status.${f.status}`)}</td>
            <td>${f.operator ?? '–'}</td>
          </tr>`,
      );
      return sendPage(req, reply, {
        title,
        body: html`<h1>${title}</h1>
          ${flash(q.jenis === undefined && (req.query as { ok?: string }).ok ? t('sampah.operasi.fasilitas.dibuat') : undefined)}
          ${
            mayEdit
              ? html`<p>
                  <a class="button" href="${cityPath(req, '/sampah/fasilitas/baru')}"
                    >${t('sampah.operasi.fasilitas.baru')}</a
                  >
                </p>`
              : ''
          }
          <form method="get" action="${cityPath(req, '/sampah/fasilitas')}" class="inline">
            ${selectField({
              name: 'jenis',
              label: t('sampah.operasi.f.jenis'),
              options: [
                option('', t('sampah.operasi.f.semua'), jenis ?? ''),
                ...JENIS_FASILITAS.map((j) => option(j, t(`sampah.operasi.jenis.${j}`), jenis)),
              ],
            })}
            <button type="submit">${t('sampah.operasi.fasilitas.filter')}</button>
          </form>
          ${
            rows.length
              ? tableWrap(
                  'cap-fasilitas',
                  t('sampah.operasi.fasilitas.caption', { count: rows.length }),
                  html`<tr>
                    <th scope="col">${t('sampah.operasi.f.nama')}</th>
                    <th scope="col">${t('sampah.operasi.f.jenis')}</th>
                    <th scope="col">${t('sampah.operasi.fasilitas.lokasi')}</th>
                    <th scope="col" class="num">${t('sampah.operasi.fasilitas.kapasitas')}</th>
                    <th scope="col">${t('sampah.operasi.f.status')}</th>
                    <th scope="col">${t('sampah.operasi.f.operator')}</th>
                  </tr>`,
                  rows,
                )
              : html`<p>${t('sampah.operasi.fasilitas.kosong')}</p>`
          }`,
      });
    },
  );

  async function fasilitasFormPage(
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
    const title = f ? t('sampah.operasi.fasilitas.ubah') : t('sampah.operasi.fasilitas.baru');
    const action = cityPath(req, f ? `/sampah/fasilitas/${f.id}` : '/sampah/fasilitas');
    return sendPage(req, reply, {
      title,
      status: o.failed?.status ?? 200,
      body: html`<h1>${title}</h1>
        <section class="narrow">
          ${errorSummary(t, e)}
          <form method="post" action="${action}" novalidate>
            ${csrfField(req)}
            ${selectField({
              name: 'jenis',
              label: t('sampah.operasi.f.jenis'),
              required: true,
              error: e.jenis,
              options: JENIS_FASILITAS.map((j) => option(j, t(`sampah.operasi.jenis.${j}`), v.jenis)),
            })}
            ${selectField({
              name: 'subjenis',
              label: t('sampah.operasi.f.subjenis'),
              hint: t('sampah.operasi.f.subjenisHint'),
              error: e.subjenis,
              options: [
                option('', '–', v.subjenis ?? ''),
                ...SUBJENIS_MESIN.map((s) => option(s, t(`sampah.operasi.subjenis.${s}`), v.subjenis)),
              ],
            })}
            ${field({ name: 'nama', label: t('sampah.operasi.f.nama'), required: true, value: v.nama, error: e.nama })}
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
            ${field({ name: 'lat', label: t('sampah.operasi.f.lat'), value: v.lat, error: e.lat, attrs: html`inputmode="decimal"` })}
            ${field({ name: 'lng', label: t('sampah.operasi.f.lng'), value: v.lng, error: e.lng, attrs: html`inputmode="decimal"` })}
            ${field({
              name: 'kapasitasTonHari',
              label: t('sampah.operasi.f.kapasitasTonHari'),
              value: v.kapasitasTonHari,
              error: e.kapasitasTonHari,
              attrs: html`inputmode="decimal"`,
            })}
            ${selectField({
              name: 'status',
              label: t('sampah.operasi.f.status'),
              required: true,
              error: e.status,
              options: STATUS_FASILITAS.map((s) => option(s, t(`sampah.operasi.status.${s}`), v.status)),
            })}
            ${field({ name: 'operator', label: t('sampah.operasi.f.operator'), value: v.operator, error: e.operator })}
            ${field({
              name: 'kuotaRitHarian',
              label: t('sampah.operasi.f.kuotaRitHarian'),
              hint: t('sampah.operasi.f.kuotaHint'),
              value: v.kuotaRitHarian,
              error: e.kuotaRitHarian,
              attrs: html`inputmode="numeric"`,
            })}
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

  app.get(
    '/:city/sampah/fasilitas/baru',
    { schema: { params: CityOnly }, config: kelola },
    async (req, reply) => fasilitasFormPage(req, reply, {}),
  );
  app.post(
    '/:city/sampah/fasilitas',
    { schema: { params: CityOnly, body: FasilitasForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof FasilitasForm>;
      return submitForm(
        req,
        reply,
        FASILITAS_FIELDS,
        (failed) => fasilitasFormPage(req, reply, { failed }),
        async () => {
          const input = fasilitasInput(b);
          await cityTx(req, (trx) => createFasilitas(trx, userOf(req), input));
          return cityPath(req, '/sampah/fasilitas?ok=1');
        },
      );
    },
  );
  app.get(
    '/:city/sampah/fasilitas/:id',
    { schema: { params: IdParams, querystring: OkQuery }, config: kelola },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const existing = await cityTx(req, (trx) => getFasilitas(trx, userOf(req), id));
      return fasilitasFormPage(req, reply, { existing });
    },
  );
  app.post(
    '/:city/sampah/fasilitas/:id',
    { schema: { params: IdParams, body: FasilitasForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = (req.body ?? {}) as Static<typeof FasilitasForm>;
      const existing = await cityTx(req, (trx) => getFasilitas(trx, userOf(req), id));
      return submitForm(
        req,
        reply,
        FASILITAS_FIELDS,
        (failed) => fasilitasFormPage(req, reply, { existing, failed }),
        async () => {
          const input = fasilitasInput(b);
          await cityTx(req, (trx) => updateFasilitas(trx, userOf(req), id, input));
          return cityPath(req, '/sampah/fasilitas?ok=1');
        },
      );
    },
  );

  // ---- Fleet and shifts ----

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

  app.get(
    '/:city/sampah/armada',
    { schema: { params: CityOnly, querystring: OkQuery }, config: lihat },
    async (req, reply) => armadaPage(req, reply, { ok: (req.query as Static<typeof OkQuery>).ok }),
  );
  app.post(
    '/:city/sampah/armada/kendaraan',
    { schema: { params: CityOnly, body: KendaraanForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof KendaraanForm>;
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
    { schema: { params: CityOnly, body: ShiftForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof ShiftForm>;
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
