/**
 * KBS pages (server-rendered, work without JavaScript, usable at 360 px): the overview with the
 * RWs and their status, the verification queue and the indicators; an RW's KBS page (status
 * history, bank sampah recovery, assessments, profile); a new assessment; an assessment with its
 * values, evidence photos and the submit / return / approve actions. Forms post back, show
 * errors next to their fields, and redirect after a change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { CityParams, Csrf, Uuid } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  formatMonth,
  option,
  pagination,
  queryString,
  selectField,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDate, formatDateTime, formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import { fieldMessage } from '../../../platform/http/validation.ts';
import { can } from '../../../platform/auth/roles.ts';
import { BUKTI_MAX_BYTES, uploadBukti } from './bukti-service.ts';
import {
  submitPenilaian,
  createPenilaian,
  getPenilaian,
  returnPenilaian,
  listPenilaian,
  approvePenilaian,
  saveNilai,
  type NilaiInput,
  type PenilaianView,
} from './penilaian-service.ts';
import { listRwKbs, countPerTingkat, getRwKbs, type RiwayatView } from './rw-service.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listIndikator, listTingkat, type IndikatorView } from './indikator-service.ts';
import type { StatusPenilaian } from './indikator.ts';
import { KBS_LIHAT, KBS_VERIFIKASI } from './permissions-kbs.ts';

const lihat = { access: { permission: KBS_LIHAT } } as const;
const forUser = { access: 'user' } as const;

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const RwParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid },
  { additionalProperties: false },
);
const OverviewQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) },
  { additionalProperties: false },
);
const OkQuery = Type.Object(
  {
    ok: Type.Optional(
      Type.Union([
        Type.Literal('dibuat'),
        Type.Literal('disimpan'),
        Type.Literal('diajukan'),
        Type.Literal('dikembalikan'),
        Type.Literal('disetujui'),
        Type.Literal('foto'),
      ]),
    ),
  },
  { additionalProperties: false },
);
/** Values arrive as n_<KODE> fields. */
const NilaiForm = Type.Object(
  { _csrf: Csrf, periode: Type.Optional(Type.String({ maxLength: 7 })) },
  { additionalProperties: Type.String({ maxLength: 30 }) },
);
const CatatanForm = Type.Object(
  { _csrf: Csrf, catatan: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const FotoForm = Type.Object(
  {
    _csrf: Csrf,
    indikatorKode: Type.Optional(Type.String({ maxLength: 20 })),
    foto: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });

/** The error summary; a general message (key "_") heads it instead of linking to a field. */
function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

const angka = (n: number | null) => (n === null ? '—' : formatNumber(n));

function statusLabel(t: Translator, s: StatusPenilaian): string {
  return t(`sampah.kbs.status.${s}`);
}

function tingkatLabel(t: Translator, r: RiwayatView | null): string {
  if (!r) return t('sampah.kbs.belumDinilai');
  return r.tingkat?.nama ?? t('sampah.kbs.belumKbs');
}

function nilaiText(t: Translator, n: { jenis: IndikatorView['jenis']; nilai: number | null }): string {
  if (n.nilai === null) return '—';
  if (n.jenis === 'ya_tidak') return n.nilai === 1 ? t('sampah.kbs.ya') : t('sampah.kbs.tidak');
  return n.jenis === 'persen' ? `${formatNumber(n.nilai)} %` : formatNumber(n.nilai);
}

function syarat(t: Translator, i: Pick<IndikatorView, 'jenis' | 'ambang'>): string {
  if (i.jenis === 'ya_tidak') return t('sampah.kbs.syaratYa');
  return t('sampah.kbs.syaratMin', {
    ambang: `${formatNumber(i.ambang ?? 0)}${i.jenis === 'persen' ? ' %' : ''}`,
  });
}

/** "12,5" or "12.5" -> 12.5; "" -> undefined (not sent); anything else NaN (the service reports it). */
function parseNilai(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  const norm = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  return /^\d{1,10}(\.\d{1,3})?$/.test(norm) ? Number(norm) : Number.NaN;
}

/** The manual values of a form, and which form field each came from (for the errors). */
function nilaiFromForm(
  body: Record<string, unknown>,
  indikator: IndikatorView[],
): { nilai: NilaiInput[]; fields: string[] } {
  const nilai: NilaiInput[] = [];
  const fields: string[] = [];
  for (const i of indikator) {
    if (i.sumber !== 'manual') continue;
    const raw = body[`n_${i.kode}`];
    const n = parseNilai(typeof raw === 'string' ? raw : undefined);
    if (n === undefined) continue;
    nilai.push({ indikatorKode: i.kode, nilai: n });
    fields.push(`n_${i.kode}`);
  }
  return { nilai, fields };
}

/** A service's 400/409 with field errors as form errors (nilai/<i>/... to the n_<KODE> field); otherwise rethrown. */
function formErrors(t: Translator, err: unknown, fields: string[]): { errors: FormErrors; status: number } {
  if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status) || !err.errors?.length) throw err;
  const errors: FormErrors = {};
  for (const e of err.errors) {
    const m = /^\/body\/nilai\/(\d+)\//.exec(e.pointer);
    const b = /^\/(?:nilai|bukti)\/([A-Z0-9-]+)$/.exec(e.pointer);
    const name = m
      ? (fields[Number(m[1])] ?? 'nilai')
      : b
        ? `n_${b[1]}`
        : e.pointer.split('/').slice(2).join('.') || '_';
    errors[name] ??= fieldMessage(t, e, err.params);
  }
  return { errors, status: err.status };
}

function nilaiFields(
  t: Translator,
  indikator: readonly IndikatorView[],
  values: FormValues,
  errors: FormErrors,
): SafeHtml[] {
  return indikator
    .filter((i) => i.sumber === 'manual')
    .map((i) => {
      const name = `n_${i.kode}`;
      const hint = [i.deskripsi ?? '', syarat(t, i), i.buktiWajib ? t('sampah.kbs.buktiWajib') : '']
        .filter(Boolean)
        .join(' · ');
      const label = `${i.kode} — ${i.nama}`;
      if (i.jenis === 'ya_tidak') {
        return selectField({
          name,
          label,
          hint,
          error: errors[name],
          options: html`${option('', '—', values[name])} ${option('1', t('sampah.kbs.ya'), values[name])}
          ${option('0', t('sampah.kbs.tidak'), values[name])}`,
        });
      }
      return field({
        name,
        label: i.jenis === 'persen' ? `${label} (%)` : label,
        hint,
        error: errors[name],
        value: values[name],
        attrs: html`inputmode="decimal"`,
      });
    });
}

export function kbsPages(app: FastifyInstance, _ctx: ModuleContext): void {
  // ---- Overview ----

  app.get(
    '/:city/sampah/kbs',
    { schema: { params: CityParams, querystring: OverviewQuery }, config: lihat },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const page = (req.query as Static<typeof OverviewQuery>).page ?? 1;
      const perPage = 50;
      const data = await cityTx(req, async (trx) => ({
        rws: await listRwKbs(trx, user, { page, perPage }),
        antrian: await listPenilaian(trx, user, { status: 'diajukan' }),
        kembali: await listPenilaian(trx, user, { status: 'dikembalikan' }),
        jumlah: await countPerTingkat(trx),
        indikator: await listIndikator(trx),
        tingkat: await listTingkat(trx),
      }));
      const pages = Math.max(1, Math.ceil(data.rws.total / perPage));
      const verifier = can(user, KBS_VERIFIKASI);
      const penilaianRows = (list: typeof data.antrian) =>
        list.map(
          (p) =>
            html`<tr>
              <th scope="row">
                <a href="${cityPath(req, `/sampah/kbs/penilaian/${p.id}`)}"
                  >${t('sampah.kbs.rwDi', { nomor: String(p.rwNomor).padStart(3, '0'), kelurahan: p.kelurahanNama })}</a
                >
              </th>
              <td>${formatMonth(p.periode)}</td>
              <td>${p.diajukanAt ? formatDateTime(p.diajukanAt) : '—'}</td>
            </tr>`,
        );
      const penilaianHead = html`<tr>
        <th scope="col">${t('sampah.kbs.rw')}</th>
        <th scope="col">${t('sampah.kbs.periode')}</th>
        <th scope="col">${t('sampah.kbs.diajukanPada')}</th>
      </tr>`;
      return sendPage(req, reply, {
        title: t('sampah.kbs.title'),
        body: html`<h1>${t('sampah.kbs.title')}</h1>
          <p class="lead">${t('sampah.kbs.intro')}</p>
          <section aria-labelledby="h-ringkas">
            <h2 id="h-ringkas">${t('sampah.kbs.ringkasan')}</h2>
            <p><a href="${cityPath(req, '/sampah/peta')}">${t('sampah.kbs.lihatPeta')}</a></p>
            <ul class="tiles">
              ${data.jumlah.map(
                (j) =>
                  html`<li class="tile">
                    <span class="tile-value">${formatNumber(j.jumlah)}</span>
                    <span class="tile-label">${j.nama ?? t('sampah.kbs.belumKbs')}</span>
                  </li>`,
              )}
            </ul>
          </section>
          <section aria-labelledby="cap-antrian">
            <h2>${verifier ? t('sampah.kbs.antrian') : t('sampah.kbs.menunggu')}</h2>
            ${
              data.antrian.length
                ? tableWrap(
                    'cap-antrian',
                    t('sampah.kbs.antrianCaption', { count: data.antrian.length }),
                    penilaianHead,
                    penilaianRows(data.antrian),
                  )
                : html`<p id="cap-antrian">${t('sampah.kbs.antrianKosong')}</p>`
            }
          </section>
          ${
            data.kembali.length
              ? html`<section aria-labelledby="cap-kembali">
                  <h2>${t('sampah.kbs.dikembalikanJudul')}</h2>
                  ${tableWrap('cap-kembali', t('sampah.kbs.dikembalikanCaption', { count: data.kembali.length }), penilaianHead, penilaianRows(data.kembali))}
                </section>`
              : ''
          }
          <section aria-labelledby="cap-rw">
            <h2>${t('sampah.kbs.daftarRw')}</h2>
            ${tableWrap(
              'cap-rw',
              t('sampah.kbs.daftarRwCaption', { total: data.rws.total, page, pages }),
              html`<tr>
                <th scope="col">${t('sampah.kbs.rw')}</th>
                <th scope="col">${t('sampah.kbs.kecamatan')}</th>
                <th scope="col">${t('sampah.kbs.statusKbs')}</th>
                <th scope="col" class="num">${t('sampah.kbs.skor')}</th>
              </tr>`,
              data.rws.items.map(
                (r) =>
                  html`<tr>
                    <th scope="row">
                      <a href="${cityPath(req, `/sampah/kbs/rw/${r.id}`)}"
                        >${t('sampah.kbs.rwDi', { nomor: String(r.nomor).padStart(3, '0'), kelurahan: r.kelurahanNama })}</a
                      >
                    </th>
                    <td>${r.kecamatanNama}</td>
                    <td>${tingkatLabel(t, r.status)}</td>
                    <td class="num">${angka(r.status?.skor ?? null)}</td>
                  </tr>`,
              ),
            )}
            ${pagination(t, t('sampah.kbs.halaman'), page, pages, (p) => cityPath(req, `/sampah/kbs${queryString({ page: p })}`))}
          </section>
          <section aria-labelledby="cap-indikator">
            <h2>${t('sampah.kbs.indikator')}</h2>
            ${can(user, 'sampah.kbs.atur') ? html`<p><a href="${cityPath(req, '/sampah/kbs/pengaturan')}">${t('sampah.pengaturan.kbs.link')}</a></p>` : ''}
            ${tableWrap(
              'cap-indikator',
              t('sampah.kbs.indikatorCaption'),
              html`<tr>
                <th scope="col">${t('sampah.kbs.kode')}</th>
                <th scope="col">${t('sampah.kbs.nama')}</th>
                <th scope="col">${t('sampah.kbs.syarat')}</th>
                <th scope="col" class="num">${t('sampah.kbs.bobot')}</th>
                <th scope="col">${t('sampah.kbs.sumber')}</th>
              </tr>`,
              data.indikator.map(
                (i) =>
                  html`<tr>
                    <th scope="row">${i.kode}</th>
                    <td>${i.nama}</td>
                    <td>${syarat(t, i)}</td>
                    <td class="num">${formatNumber(i.bobot)}</td>
                    <td>${t(`sampah.kbs.sumber.${i.sumber}`)}</td>
                  </tr>`,
              ),
            )}
            <h3>${t('sampah.kbs.tingkat')}</h3>
            <ol>
              ${data.tingkat.map(
                (l) =>
                  html`<li>
                    <strong>${l.nama}</strong>:
                    ${t('sampah.kbs.tingkatAturan', { skor: formatNumber(l.minSkor) })}
                    ${l.indikatorWajib.length ? t('sampah.kbs.tingkatWajib', { kode: l.indikatorWajib.join(', ') }) : ''}
                  </li>`,
              )}
            </ol>
          </section>`,
      });
    },
  );

  // ---- RW ----

  app.get(
    '/:city/sampah/kbs/rw/:rwId',
    { schema: { params: RwParams }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const { rwId } = req.params as Static<typeof RwParams>;
      const v = await cityTx(req, (trx) => getRwKbs(trx, userOf(req), rwId));
      const nama = t('sampah.kbs.rwDi', {
        nomor: String(v.rw.nomor).padStart(3, '0'),
        kelurahan: v.rw.kelurahanNama,
      });
      const ya = (b: boolean) => (b ? t('sampah.kbs.ya') : t('sampah.kbs.tidak'));
      return sendPage(req, reply, {
        title: nama,
        body: html`${breadcrumbs(t('sampah.kbs.breadcrumbs'), [
            { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
            { label: nama },
          ])}
          <h1>${nama}</h1>
          <p class="lead">
            ${t('sampah.kbs.statusSekarang')}: <strong>${tingkatLabel(t, v.status)}</strong>
            ${v.status?.skor !== null && v.status ? html` (${t('sampah.kbs.skor')} ${formatNumber(v.status.skor ?? 0)})` : ''}
          </p>
          <p>
            <a href="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}`)}">${t('sampah.prakarsa.kbsLink')}</a>
          </p>
          ${
            v.boleh.buatPenilaian
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, `/sampah/kbs/rw/${v.rw.id}/penilaian`)}"
                    >${t('sampah.kbs.penilaianBaru')}</a
                  >
                </p>`
              : ''
          }
          <section aria-labelledby="h-profil">
            <h2 id="h-profil">${t('sampah.kbs.profil')}</h2>
            <dl class="facts">
              <div>
                <dt>${t('sampah.kbs.kecamatan')}</dt>
                <dd>${v.rw.kecamatanNama}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.jumlahKk')}</dt>
                <dd>${angka(v.profil.jumlahKk ?? v.rw.jumlahKk)}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.penduduk')}</dt>
                <dd>${angka(v.profil.penduduk)}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.pemilahan')}</dt>
                <dd>${ya(v.profil.pemilahan)}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.pengomposan')}</dt>
                <dd>${ya(v.profil.pengomposan)}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.maggot')}</dt>
                <dd>${ya(v.profil.maggot)}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.jadwalAngkut')}</dt>
                <dd>${v.profil.jadwalAngkut ?? '—'}</dd>
              </div>
              <div>
                <dt>${t('sampah.kbs.kontak')}</dt>
                <dd>${v.profil.kontakNama ?? '—'}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="cap-riwayat">
            <h2>${t('sampah.kbs.riwayat')}</h2>
            ${
              v.riwayat.length
                ? tableWrap(
                    'cap-riwayat',
                    t('sampah.kbs.riwayatCaption'),
                    html`<tr>
                      <th scope="col">${t('sampah.kbs.sejak')}</th>
                      <th scope="col">${t('sampah.kbs.statusKbs')}</th>
                      <th scope="col" class="num">${t('sampah.kbs.skor')}</th>
                      <th scope="col">${t('sampah.kbs.periode')}</th>
                    </tr>`,
                    v.riwayat.map(
                      (r) =>
                        html`<tr>
                          <th scope="row">${formatDate(r.berlakuSejak)}</th>
                          <td>${tingkatLabel(t, r)}</td>
                          <td class="num">${angka(r.skor)}</td>
                          <td>
                            ${
                              r.penilaianId
                                ? html`<a href="${cityPath(req, `/sampah/kbs/penilaian/${r.penilaianId}`)}"
                                    >${r.periode ?? '—'}</a
                                  >`
                                : '—'
                            }
                          </td>
                        </tr>`,
                    ),
                  )
                : html`<p id="cap-riwayat">${t('sampah.kbs.riwayatKosong')}</p>`
            }
          </section>
          <section aria-labelledby="cap-pulih">
            <h2>${t('sampah.kbs.pemulihan')}</h2>
            ${tableWrap(
              'cap-pulih',
              t('sampah.kbs.pemulihanCaption'),
              html`<tr>
                <th scope="col">${t('sampah.kbs.bulan')}</th>
                <th scope="col" class="num">kg</th>
              </tr>`,
              v.pemulihan.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${formatMonth(p.periode)}</th>
                    <td class="num">${formatNumber(p.kg)}</td>
                  </tr>`,
              ),
            )}
          </section>
          <section aria-labelledby="cap-penilaian">
            <h2>${t('sampah.kbs.penilaian')}</h2>
            ${
              v.penilaian.length
                ? tableWrap(
                    'cap-penilaian',
                    t('sampah.kbs.penilaianCaption'),
                    html`<tr>
                      <th scope="col">${t('sampah.kbs.periode')}</th>
                      <th scope="col">${t('sampah.kbs.statusPenilaian')}</th>
                    </tr>`,
                    v.penilaian.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">
                            <a href="${cityPath(req, `/sampah/kbs/penilaian/${p.id}`)}"
                              >${formatMonth(p.periode)}</a
                            >
                          </th>
                          <td>${statusLabel(t, p.status)}</td>
                        </tr>`,
                    ),
                  )
                : html`<p id="cap-penilaian">${t('sampah.kbs.penilaianKosong')}</p>`
            }
          </section>`,
      });
    },
  );

  // ---- New assessment ----

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

  app.get(
    '/:city/sampah/kbs/rw/:rwId/penilaian',
    { schema: { params: RwParams }, config: forUser },
    async (req, reply) => newPage(req, reply, (req.params as Static<typeof RwParams>).rwId),
  );

  app.post(
    '/:city/sampah/kbs/rw/:rwId/penilaian',
    { schema: { params: RwParams, body: NilaiForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
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

  // ---- One assessment ----

  async function penilaianPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed?: {
      values: FormValues;
      errors: FormErrors;
      status: number;
      form: 'nilai' | 'foto' | 'catatan' | 'ajukan';
    },
  ) {
    const t = req.t;
    const p: PenilaianView = await cityTx(req, (trx) => getPenilaian(trx, userOf(req), id));
    const nama = t('sampah.kbs.rwDi', {
      nomor: String(p.rw.nomor).padStart(3, '0'),
      kelurahan: p.rw.kelurahanNama,
    });
    const ok = (req.query as Static<typeof OkQuery> | undefined)?.ok;
    const errors = failed?.errors ?? {};
    const values: FormValues =
      failed?.form === 'nilai'
        ? failed.values
        : Object.fromEntries(
            p.nilai.filter((n) => n.nilai !== null).map((n) => [`n_${n.kode}`, String(n.nilai)]),
          );
    const manual: IndikatorView[] = p.nilai
      .filter((n) => n.sumber === 'manual')
      .map((n) => ({
        id: n.indikatorId,
        kode: n.kode,
        nama: n.nama,
        deskripsi: null,
        jenis: n.jenis,
        ambang: n.ambang,
        buktiWajib: n.buktiWajib,
        bobot: n.bobot,
        sumber: n.sumber,
        urutan: 0,
        aktif: true,
      }));
    const base = `/sampah/kbs/penilaian/${p.id}`;
    const fotoOf = (indikatorId: string) => p.bukti.filter((b) => b.indikatorId === indikatorId);
    return sendPage(req, reply, {
      title: `${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)} · ${nama}`,
      status: failed?.status ?? 200,
      body: html`${breadcrumbs(t('sampah.kbs.breadcrumbs'), [
          { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
          { href: cityPath(req, `/sampah/kbs/rw/${p.rw.id}`), label: nama },
          { label: `${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)}` },
        ])}
        <h1>${t('sampah.kbs.penilaian')} ${formatMonth(p.periode)}: ${nama}</h1>
        ${flash(ok ? t(`sampah.kbs.ok.${ok}`) : undefined)}
        ${failed && failed.form !== 'nilai' && failed.form !== 'foto' ? summary(t, errors) : ''}
        <dl class="facts">
          <div>
            <dt>${t('sampah.kbs.statusPenilaian')}</dt>
            <dd>${statusLabel(t, p.status)}</dd>
          </div>
          <div>
            <dt>${t('sampah.kbs.skor')}</dt>
            <dd>${formatNumber(p.skor)}</dd>
          </div>
          <div>
            <dt>${t('sampah.kbs.statusKbs')}</dt>
            <dd>${p.tingkat?.nama ?? t('sampah.kbs.belumKbs')}</dd>
          </div>
        </dl>
        ${
          p.catatanKembali
            ? html`<div class="alert alert-info" role="note">
                <p><strong>${t('sampah.kbs.catatanVerifikator')}</strong></p>
                <p>${p.catatanKembali}</p>
              </div>`
            : ''
        }
        ${tableWrap(
          'cap-nilai',
          t('sampah.kbs.nilaiCaption'),
          html`<tr>
            <th scope="col">${t('sampah.kbs.indikator')}</th>
            <th scope="col">${t('sampah.kbs.nilai')}</th>
            <th scope="col">${t('sampah.kbs.syarat')}</th>
            <th scope="col">${t('sampah.kbs.terpenuhi')}</th>
            <th scope="col">${t('sampah.kbs.bukti')}</th>
          </tr>`,
          p.nilai.map(
            (n) =>
              html`<tr>
                <th scope="row">
                  ${n.kode} —
                  ${n.nama}${n.terhitung ? html` <span class="tag">${t('sampah.kbs.terhitung')}</span>` : ''}
                </th>
                <td>${nilaiText(t, n)}</td>
                <td>${syarat(t, n)}</td>
                <td>${n.terpenuhi ? t('sampah.kbs.ya') : t('sampah.kbs.tidak')}</td>
                <td>
                  ${fotoOf(n.indikatorId).map(
                    (b, i) =>
                      html`<a
                        href="/api/v1/cities/${req.city?.slug ?? ''}/sampah/kbs/penilaian/${p.id}/bukti/${b.id}"
                        >${t('sampah.kbs.fotoKe', { n: i + 1 })}</a
                      > `,
                  )}
                  ${n.buktiWajib && n.bukti === 0 ? t('sampah.kbs.buktiWajib') : ''}
                </td>
              </tr>`,
          ),
        )}
        ${
          p.boleh.ubah
            ? html`<section aria-labelledby="h-ubah">
                  <h2 id="h-ubah">${t('sampah.kbs.ubahNilai')}</h2>
                  ${failed?.form === 'nilai' ? summary(t, errors) : ''}
                  <form method="post" action="${cityPath(req, `${base}/nilai`)}" class="narrow" novalidate>
                    ${csrfField(req)}
                    ${nilaiFields(t, manual, values, failed?.form === 'nilai' ? errors : {})}
                    <button type="submit">${t('sampah.kbs.simpan')}</button>
                  </form>
                </section>
                <section aria-labelledby="h-foto">
                  <h2 id="h-foto">${t('sampah.kbs.unggahFoto')}</h2>
                  ${failed?.form === 'foto' ? summary(t, errors) : ''}
                  <form
                    method="post"
                    action="${cityPath(req, `${base}/bukti`)}"
                    enctype="multipart/form-data"
                    class="narrow"
                  >
                    ${csrfField(req)}
                    ${selectField({
                      name: 'indikatorKode',
                      label: t('sampah.kbs.indikator'),
                      error: failed?.form === 'foto' ? errors.indikatorKode : undefined,
                      options: manual.map((i) =>
                        option(i.kode, `${i.kode} — ${i.nama}`, failed?.values.indikatorKode),
                      ),
                    })}
                    ${field({
                      name: 'foto',
                      label: t('sampah.kbs.foto'),
                      type: 'file',
                      hint: t('sampah.kbs.fotoHint', { max: BUKTI_MAX_BYTES / 1024 }),
                      error: failed?.form === 'foto' ? errors.foto : undefined,
                      attrs: html`accept="image/jpeg,image/png,image/webp" capture="environment"`,
                    })}
                    <button type="submit">${t('sampah.kbs.unggah')}</button>
                  </form>
                </section>
                <form method="post" action="${cityPath(req, `${base}/ajukan`)}">
                  ${csrfField(req)}
                  <button type="submit" class="primary">${t('sampah.kbs.ajukan')}</button>
                </form>`
            : ''
        }
        ${
          p.boleh.verifikasi
            ? html`<section aria-labelledby="h-verifikasi">
                <h2 id="h-verifikasi">${t('sampah.kbs.verifikasi')}</h2>
                <form method="post" action="${cityPath(req, `${base}/setujui`)}" class="narrow">
                  ${csrfField(req)}
                  <button type="submit" class="primary">${t('sampah.kbs.setujui')}</button>
                </form>
                <form method="post" action="${cityPath(req, `${base}/kembalikan`)}" class="narrow" novalidate>
                  ${csrfField(req)}
                  <div class="field${errors.catatan ? ' has-error' : ''}">
                    <label for="f-catatan">${t('sampah.kbs.catatanKembali')}</label>
                    <textarea
                      id="f-catatan"
                      name="catatan"
                      rows="4"
                      maxlength="2000"
                      required
                      ${errors.catatan ? html`aria-invalid="true" aria-describedby="f-catatan-err"` : ''}
                    >
${failed?.values.catatan ?? ''}</textarea>
                    ${errors.catatan ? html`<p class="error" id="f-catatan-err">${errors.catatan}</p>` : ''}
                  </div>
                  <button type="submit">${t('sampah.kbs.kembalikan')}</button>
                </form>
              </section>`
            : ''
        }
        <section aria-labelledby="h-langkah">
          <h2 id="h-langkah">${t('sampah.kbs.langkah')}</h2>
          <ol>
            ${p.langkah.map(
              (l) =>
                html`<li>
                  ${formatDateTime(l.at)}:
                  ${statusLabel(t, l.status)}${l.catatan ? html` — <q>${l.catatan}</q>` : ''}
                </li>`,
            )}
          </ol>
        </section>`,
    });
  }

  app.get(
    '/:city/sampah/kbs/penilaian/:id',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => penilaianPage(req, reply, (req.params as Static<typeof IdParams>).id),
  );

  app.post(
    '/:city/sampah/kbs/penilaian/:id/nilai',
    { schema: { params: IdParams, body: NilaiForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
      if (req.validationError)
        return penilaianPage(req, reply, id, {
          values,
          errors: { _: req.t('form.hasErrors') },
          status: 400,
          form: 'nilai',
        });
      let fields: string[] = [];
      try {
        await cityTx(req, async (trx) => {
          const parsed = nilaiFromForm(body, await listIndikator(trx));
          fields = parsed.fields;
          await saveNilai(trx, userOf(req), id, { nilai: parsed.nilai });
        });
        return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=disimpan`), 303);
      } catch (err) {
        return penilaianPage(req, reply, id, { values, ...formErrors(req.t, err, fields), form: 'nilai' });
      }
    },
  );

  app.post(
    '/:city/sampah/kbs/penilaian/:id/bukti',
    { schema: { params: IdParams, body: FotoForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = (req.body ?? {}) as Static<typeof FotoForm>;
      const values = { indikatorKode: typeof b.indikatorKode === 'string' ? b.indikatorKode : '' };
      try {
        await cityTx(req, (trx) =>
          uploadBukti(trx, userOf(req), id, {
            indikatorKode: values.indikatorKode,
            foto: b.foto,
            namaFile: req.uploads?.foto?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=foto`), 303);
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 409 && !err.errors)
          return penilaianPage(req, reply, id, {
            values,
            errors: { foto: req.t(err.titleKey) },
            status: 409,
            form: 'foto',
          });
        return penilaianPage(req, reply, id, { values, ...formErrors(req.t, err, []), form: 'foto' });
      }
    },
  );

  const action = (
    name: 'ajukan' | 'kembalikan' | 'setujui',
    run: (req: FastifyRequest, id: string, catatan: string) => Promise<unknown>,
  ) =>
    app.post(
      `/:city/sampah/kbs/penilaian/:id/${name}`,
      {
        schema: { params: IdParams, body: name === 'ajukan' ? CsrfForm : CatatanForm },
        attachValidation: true,
        config: forUser,
      },
      async (req, reply) => {
        const { id } = req.params as Static<typeof IdParams>;
        const catatan = (req.body as { catatan?: unknown } | undefined)?.catatan;
        const text = typeof catatan === 'string' ? catatan : '';
        try {
          await run(req, id, text);
          const ok = name === 'ajukan' ? 'diajukan' : name === 'kembalikan' ? 'dikembalikan' : 'disetujui';
          return reply.redirect(cityPath(req, `/sampah/kbs/penilaian/${id}?ok=${ok}`), 303);
        } catch (err) {
          if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status)) throw err;
          const errors: FormErrors = err.errors?.length
            ? formErrors(req.t, err, []).errors
            : { [name === 'kembalikan' ? 'catatan' : '_']: req.t(err.titleKey) };
          if (name === 'kembalikan' && errors.catatan === undefined) errors.catatan = req.t(err.titleKey);
          if (name !== 'kembalikan' && !errors._) errors._ = req.t(err.titleKey);
          return penilaianPage(req, reply, id, {
            values: { catatan: text },
            errors,
            status: err.status,
            form: name === 'kembalikan' ? 'catatan' : 'ajukan',
          });
        }
      },
    );

  action('ajukan', (req, id) => cityTx(req, (trx) => submitPenilaian(trx, userOf(req), id)));
  action('kembalikan', (req, id, catatan) =>
    cityTx(req, (trx) => returnPenilaian(trx, userOf(req), id, catatan)),
  );
  action('setujui', (req, id, catatan) =>
    cityTx(req, (trx) => approvePenilaian(trx, userOf(req), id, catatan || null)),
  );
}
