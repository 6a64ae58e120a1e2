/**
 * Prakarsa RW pages (server-rendered, work without JavaScript, usable at 360 px): the overview of
 * a year (settings, totals per kecamatan, the RWs with allocation, disbursed and spent, and the
 * allocate-all action), an RW's page (allocations by year with disbursements and spending, and the
 * forms of those who may act), and the confirmation page of a reversal. Forms post back, show
 * errors next to their fields, and redirect after a change.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { bacaKuantitas, bacaRupiah } from '../../../platform/angka.ts';
import { CityParams, Csrf, Uuid } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  option,
  pagination,
  problemErrors,
  queryString,
  selectField,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDate, formatNumber, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import { can } from '../../../platform/auth/roles.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listTingkat } from '../kbs/indikator-service.ts';
import { type RwRingkas } from '../kbs/kbs-access.ts';
import { type StatusKbs } from '../kbs/rw-service.ts';
import {
  createAlokasi,
  createAlokasiSemua,
  savePengaturan,
  cancelBelanja,
  cancelPencairan,
  createPencairan,
  listRwPrakarsa,
  createBelanja,
  getRekapTahun,
  getRwPrakarsa,
  type AlokasiView,
  type RekapBaris,
  type RwPrakarsaView,
} from './prakarsa-service.ts';
import { KATEGORI_BELANJA } from './prakarsa-tables.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';

const lihat = { access: { permission: PRAKARSA_LIHAT } } as const;
const kelola = { access: { permission: PRAKARSA_KELOLA } } as const;
const lapor = { access: { permission: PRAKARSA_LAPOR } } as const;

const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
const Teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const RwParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid },
  { additionalProperties: false },
);
const EntriParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid, id: Uuid },
  { additionalProperties: false },
);
const OverviewQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    ok: Type.Optional(Type.Union([Type.Literal('pengaturan'), Type.Literal('semua')])),
    dibuat: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
const RwQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    ok: Type.Optional(
      Type.Union([
        Type.Literal('alokasi'),
        Type.Literal('pencairan'),
        Type.Literal('belanja'),
        Type.Literal('dibatalkan'),
      ]),
    ),
  },
  { additionalProperties: false },
);
const PengaturanForm = Type.Object(
  { _csrf: Csrf, tahun: Teks(10), nominalKbs: Teks(40), nominalLain: Teks(40), kbsMinUrutan: Teks(10) },
  { additionalProperties: false },
);
const SemuaForm = Type.Object({ _csrf: Csrf, tahun: Teks(10) }, { additionalProperties: false });
const AlokasiForm = Type.Object(
  { _csrf: Csrf, tahun: Teks(10), jumlahAlokasi: Teks(40), alasan: Teks(600) },
  { additionalProperties: false },
);
const CairForm = Type.Object(
  { _csrf: Csrf, tanggalCair: Teks(20), jumlahCair: Teks(40), tahap: Teks(10), catatan: Teks(600) },
  { additionalProperties: false },
);
const BelanjaForm = Type.Object(
  {
    _csrf: Csrf,
    tanggalBelanja: Teks(20),
    kategori: Teks(40),
    uraian: Teks(400),
    jumlahBelanja: Teks(40),
    kuantitas: Teks(20),
    satuan: Teks(30),
  },
  { additionalProperties: false },
);
const BatalForm = Type.Object({ _csrf: Csrf, alasan: Teks(600) }, { additionalProperties: false });

/** "Rp 1.500.000", "1.500.000" or "1500000" -> 1500000 (the platform parser); "" -> undefined; anything else NaN (the service reports it). */
export function parseRupiah(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const r = bacaRupiah(v, { max: 9_999_999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

/** "12,5" -> 12.5 (the platform parser: a dot is not a decimal point); "" -> undefined; anything else NaN. */
function parseDesimal(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const r = bacaKuantitas(v, { max: 999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

function parseBulat(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  return /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
}

const rp = (n: number) => formatRupiah(n);

function namaRw(t: Translator, rw: Pick<RwRingkas, 'nomor' | 'kelurahanNama'>): string {
  return t('sampah.prakarsa.rwDi', { nomor: String(rw.nomor).padStart(3, '0'), kelurahan: rw.kelurahanNama });
}

function statusLabel(t: Translator, s: StatusKbs | null): string {
  if (!s) return t('sampah.prakarsa.belumDinilai');
  return s.nama ?? t('sampah.prakarsa.belumKbs');
}

interface Failed {
  form: string;
  values: FormValues;
  errors: FormErrors;
  status: number;
}

/**
 * A form post: the body failing its schema (400), or the service refusing with field errors
 * (renamed from the service's field names to the form's) or a 409, shows the form again via
 * render(); otherwise save() makes the change and answers where to go (303).
 */
async function kirim(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    form: string;
    fields: string[];
    rename?: Record<string, string>;
    render: (failed: Failed) => Promise<FastifyReply>;
    save: () => Promise<string>;
  },
): Promise<FastifyReply> {
  const values = formValues(req.body, o.fields);
  if (req.validationError)
    return o.render({ form: o.form, values, errors: validationErrors(req), status: 400 });
  try {
    return reply.redirect(await o.save(), 303);
  } catch (err) {
    if (err instanceof HttpProblem && [400, 409].includes(err.status) && !err.errors?.length)
      return o.render({
        form: o.form,
        values,
        errors: { _: req.t(err.titleKey, err.params) },
        status: err.status,
      });
    const p = problemErrors(req, err);
    const errors: FormErrors = {};
    for (const [k, v] of Object.entries(p.errors)) {
      const name = o.rename?.[k] ?? k;
      errors[o.fields.includes(name) ? name : '_'] ??= v;
    }
    return o.render({ form: o.form, values, errors, status: p.status });
  }
}

function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

function textarea(o: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <textarea
      id="${id}"
      name="${o.name}"
      rows="3"
      maxlength="500"
      ${o.required ? html`required` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${o.error ? html`aria-invalid="true"` : ''}
    >
${o.value ?? ''}</textarea>
    ${o.error ? html`<p class="error" id="${id}-err">${o.error}</p>` : ''}
  </div>`;
}

function tahunPilihan(tahun: number): number[] {
  const ini = Number(todayWib().slice(0, 4));
  const out: number[] = [];
  for (let y = ini + 1; y > ini - 5; y--) out.push(y);
  if (!out.includes(tahun)) out.push(tahun);
  return out.sort((a, b) => b - a);
}

export function prakarsaPages(app: FastifyInstance, _ctx: ModuleContext): void {
  // ---- Overview of a year ----

  async function overviewPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { tahun: number; page: number; failed?: Failed; ok?: string | undefined; dibuat?: number | undefined },
  ): Promise<FastifyReply> {
    const t = req.t;
    const user = userOf(req);
    const perPage = 50;
    const { rekap, rws, tingkat } = await cityTx(req, async (trx) => ({
      rekap: await getRekapTahun(trx, user, o.tahun),
      rws: await listRwPrakarsa(trx, user, { tahun: o.tahun, page: o.page, perPage }),
      tingkat: await listTingkat(trx),
    }));
    const pages = Math.max(1, Math.ceil(rws.total / perPage));
    const boleh = can(user, PRAKARSA_KELOLA, user.tenantId);
    const self = cityPath(req, '/sampah/prakarsa');
    const p = rekap.pengaturan;
    const f = o.failed;
    const ePengaturan = f?.form === 'pengaturan' ? f.errors : {};
    const vPengaturan: FormValues =
      f?.form === 'pengaturan'
        ? f.values
        : {
            tahun: String(o.tahun),
            nominalKbs: p ? String(p.nominalKbs) : '',
            nominalLain: p ? String(p.nominalLain) : '',
            kbsMinUrutan: p?.kbsMinUrutan ? String(p.kbsMinUrutan) : '',
          };
    const terendah = tingkat[0];
    const minTingkat = p?.kbsMinUrutan ? tingkat.find((l) => l.urutan === p.kbsMinUrutan) : terendah;
    const kbsAturan = minTingkat
      ? t('sampah.prakarsa.aturanKbs', { tingkat: minTingkat.nama })
      : t('sampah.prakarsa.aturanTanpaTingkat');
    const belum = rekap.total.jumlahRw - rekap.total.rwTeralokasi;
    const angka = (r: Omit<RekapBaris, 'kode' | 'nama'>) =>
      html`<td class="num">${formatNumber(r.jumlahRw)}</td>
        <td class="num">${formatNumber(r.rwTeralokasi)}</td>
        <td class="num">${formatNumber(r.rwKbs)}</td>
        <td class="num">${rp(r.dialokasikan)}</td>
        <td class="num">${rp(r.dicairkan)}</td>
        <td class="num">${rp(r.dibelanjakan)}</td>`;
    const okText =
      o.ok === 'semua'
        ? t('sampah.prakarsa.ok.semua', { n: formatNumber(o.dibuat ?? 0) })
        : o.ok === 'pengaturan'
          ? t('sampah.prakarsa.ok.pengaturan')
          : undefined;
    return sendPage(req, reply, {
      title: t('sampah.prakarsa.title'),
      status: f?.status ?? 200,
      body: html`<h1>${t('sampah.prakarsa.title')}</h1>
        <p class="lead">${t('sampah.prakarsa.intro')}</p>
        ${flash(okText)}
        <form
          class="filters"
          method="get"
          action="${self}"
          role="search"
          aria-label="${t('sampah.prakarsa.pilihTahun')}"
        >
          ${selectField({
            name: 'tahun',
            label: t('sampah.prakarsa.tahun'),
            options: tahunPilihan(o.tahun).map((y) => option(String(y), String(y), String(o.tahun))),
          })}
          <p><button type="submit" class="button">${t('sampah.prakarsa.tampilkan')}</button></p>
        </form>
        <section aria-labelledby="h-pengaturan">
          <h2 id="h-pengaturan">${t('sampah.prakarsa.pengaturan', { tahun: String(o.tahun) })}</h2>
          ${
            p
              ? html`<dl class="facts">
                  <div>
                    <dt>${t('sampah.prakarsa.nominalKbs')}</dt>
                    <dd>${rp(p.nominalKbs)}</dd>
                  </div>
                  <div>
                    <dt>${t('sampah.prakarsa.nominalLain')}</dt>
                    <dd>${rp(p.nominalLain)}</dd>
                  </div>
                  <div>
                    <dt>${t('sampah.prakarsa.rwKbs')}</dt>
                    <dd>${kbsAturan}</dd>
                  </div>
                </dl>`
              : html`<p>${t('sampah.prakarsa.belumDiatur', { tahun: String(o.tahun) })}</p>`
          }
          ${
            boleh
              ? html`<details ${f?.form === 'pengaturan' || !p ? html`open` : ''}>
                  <summary>${t('sampah.prakarsa.ubahPengaturan')}</summary>
                  ${f?.form === 'pengaturan' ? summary(t, ePengaturan) : ''}
                  <form method="post" action="${self}/pengaturan" class="narrow" novalidate>
                    ${csrfField(req)}
                    ${field({ name: 'tahun', label: t('sampah.prakarsa.tahun'), value: vPengaturan.tahun, error: ePengaturan.tahun, required: true, attrs: html`inputmode="numeric"` })}
                    ${field({ name: 'nominalKbs', label: t('sampah.prakarsa.nominalKbs'), hint: t('sampah.prakarsa.rupiahHint'), value: vPengaturan.nominalKbs, error: ePengaturan.nominalKbs, required: true, attrs: html`inputmode="numeric"` })}
                    ${field({ name: 'nominalLain', label: t('sampah.prakarsa.nominalLain'), hint: t('sampah.prakarsa.rupiahHint'), value: vPengaturan.nominalLain, error: ePengaturan.nominalLain, required: true, attrs: html`inputmode="numeric"` })}
                    ${selectField({
                      name: 'kbsMinUrutan',
                      label: t('sampah.prakarsa.rwKbs'),
                      hint: t('sampah.prakarsa.kbsMinHint'),
                      error: ePengaturan.kbsMinUrutan,
                      options: [
                        option(
                          '',
                          t('sampah.prakarsa.semuaTingkat', { tingkat: terendah?.nama ?? '—' }),
                          vPengaturan.kbsMinUrutan ?? '',
                        ),
                        ...tingkat.map((l) =>
                          option(
                            String(l.urutan),
                            t('sampah.prakarsa.tingkatKeAtas', { tingkat: l.nama }),
                            vPengaturan.kbsMinUrutan,
                          ),
                        ),
                      ],
                    })}
                    <p><button type="submit" class="button">${t('sampah.prakarsa.simpan')}</button></p>
                  </form>
                </details>`
              : ''
          }
          ${
            boleh && p
              ? html`<h3>${t('sampah.prakarsa.alokasiSemua')}</h3>
                  ${f?.form === 'semua' ? summary(t, f.errors) : ''}
                  <p>
                    ${t('sampah.prakarsa.alokasiSemuaIntro', { n: formatNumber(belum), tahun: String(o.tahun) })}
                  </p>
                  <form method="post" action="${self}/alokasi-semua">
                    ${csrfField(req)}
                    <input type="hidden" name="tahun" value="${o.tahun}" />
                    <p>
                      <button type="submit" class="button primary" ${belum === 0 ? html`disabled` : ''}>
                        ${t('sampah.prakarsa.alokasiSemuaTombol', { tahun: String(o.tahun) })}
                      </button>
                    </p>
                  </form>`
              : ''
          }
        </section>
        <section aria-labelledby="cap-rekap">
          <h2>${t('sampah.prakarsa.rekap')}</h2>
          ${tableWrap(
            'cap-rekap',
            t('sampah.prakarsa.rekapCaption', { tahun: String(o.tahun) }),
            html`<tr>
              <th scope="col">${t('sampah.prakarsa.kecamatan')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.jumlahRw')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.rwTeralokasi')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.rwBerstatusKbs')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.dialokasikan')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.dicairkan')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.dibelanjakan')}</th>
            </tr>`,
            [
              ...rekap.kecamatan.map(
                (k) =>
                  html`<tr>
                    <th scope="row">${k.nama}</th>
                    ${angka(k)}
                  </tr>`,
              ),
              html`<tr class="total">
                <th scope="row">${t('sampah.prakarsa.jumlah')}</th>
                ${angka(rekap.total)}
              </tr>`,
            ],
          )}
        </section>
        <section aria-labelledby="cap-rw">
          <h2>${t('sampah.prakarsa.daftarRw')}</h2>
          ${tableWrap(
            'cap-rw',
            t('sampah.prakarsa.daftarRwCaption', {
              tahun: String(o.tahun),
              total: rws.total,
              page: o.page,
              pages,
            }),
            html`<tr>
              <th scope="col">${t('sampah.prakarsa.rw')}</th>
              <th scope="col">${t('sampah.prakarsa.kecamatan')}</th>
              <th scope="col">${t('sampah.prakarsa.statusKbs')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.alokasi')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.dicairkan')}</th>
              <th scope="col" class="num">${t('sampah.prakarsa.dibelanjakan')}</th>
            </tr>`,
            rws.items.map(
              (r) =>
                html`<tr>
                  <th scope="row">
                    <a
                      href="${cityPath(req, `/sampah/prakarsa/rw/${r.id}${queryString({ tahun: String(o.tahun) })}`)}"
                      >${namaRw(t, r)}</a
                    >
                  </th>
                  <td>${r.kecamatanNama}</td>
                  <td>${statusLabel(t, r.status)}</td>
                  <td class="num">${r.alokasi ? rp(r.alokasi.jumlah) : '—'}</td>
                  <td class="num">${r.alokasi ? rp(r.alokasi.dicairkan) : '—'}</td>
                  <td class="num">${r.alokasi ? rp(r.alokasi.dibelanjakan) : '—'}</td>
                </tr>`,
            ),
          )}
          ${pagination(t, t('sampah.prakarsa.halaman'), o.page, pages, (pg) => `${self}${queryString({ tahun: String(o.tahun), page: pg })}`)}
        </section>`,
    });
  }

  app.get(
    '/:city/sampah/prakarsa',
    { schema: { params: CityParams, querystring: OverviewQuery }, config: lihat },
    async (req, reply) => {
      const q = req.query as Static<typeof OverviewQuery>;
      return overviewPage(req, reply, {
        tahun: q.tahun ?? Number(todayWib().slice(0, 4)),
        page: q.page ?? 1,
        ok: q.ok,
        dibuat: q.dibuat,
      });
    },
  );

  const tahunDari = (v: string | undefined, fallback: number) => {
    const n = parseBulat(v);
    return n !== undefined && n >= 2000 && n <= 2100 ? n : fallback;
  };

  app.post(
    '/:city/sampah/prakarsa/pengaturan',
    { schema: { params: CityParams, body: PengaturanForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof PengaturanForm>;
      const ini = Number(todayWib().slice(0, 4));
      const tahun = parseBulat(b.tahun) ?? Number.NaN;
      return kirim(req, reply, {
        form: 'pengaturan',
        fields: ['tahun', 'nominalKbs', 'nominalLain', 'kbsMinUrutan'],
        render: (failed) => overviewPage(req, reply, { tahun: tahunDari(b.tahun, ini), page: 1, failed }),
        save: async () => {
          if (!(tahun >= 2000 && tahun <= 2100))
            throw new HttpProblem(400, 'sampah.prakarsa.err.pengaturan', {
              errors: [{ pointer: '/body/tahun', detail: 'sampah.prakarsa.err.tahun' }],
            });
          await cityTx(req, (trx) =>
            savePengaturan(trx, userOf(req), tahun, {
              nominalKbs: parseRupiah(b.nominalKbs) ?? Number.NaN,
              nominalLain: parseRupiah(b.nominalLain) ?? Number.NaN,
              kbsMinUrutan: parseBulat(b.kbsMinUrutan) ?? null,
            }),
          );
          return cityPath(req, `/sampah/prakarsa${queryString({ tahun, ok: 'pengaturan' })}`);
        },
      });
    },
  );

  app.post(
    '/:city/sampah/prakarsa/alokasi-semua',
    { schema: { params: CityParams, body: SemuaForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof SemuaForm>;
      const ini = Number(todayWib().slice(0, 4));
      return kirim(req, reply, {
        form: 'semua',
        fields: ['tahun'],
        render: (failed) => overviewPage(req, reply, { tahun: tahunDari(b.tahun, ini), page: 1, failed }),
        save: async () => {
          const tahun = parseBulat(b.tahun) ?? Number.NaN;
          const out = await cityTx(req, (trx) => createAlokasiSemua(trx, userOf(req), tahun));
          return cityPath(req, `/sampah/prakarsa${queryString({ tahun, ok: 'semua', dibuat: out.dibuat })}`);
        },
      });
    },
  );

  // ---- An RW ----

  function alokasiSection(
    req: FastifyRequest,
    v: RwPrakarsaView,
    a: AlokasiView,
    aktif: boolean,
    failed: Failed | undefined,
  ): SafeHtml {
    const t = req.t;
    const base = `/sampah/prakarsa/rw/${v.rw.id}`;
    const fc = failed?.form === `cair-${a.id}` ? failed : undefined;
    const fb = failed?.form === `belanja-${a.id}` ? failed : undefined;
    const vc = fc?.values ?? { tanggalCair: todayWib() };
    const vb = fb?.values ?? { tanggalBelanja: todayWib() };
    const ec = fc?.errors ?? {};
    const eb = fb?.errors ?? {};
    const bolehCair = v.boleh.kelola && a.sisaAlokasi > 0;
    const bolehBelanja = v.boleh.lapor && a.sisaDana > 0;
    return html`<section aria-labelledby="h-tahun-${a.tahun}">
      <h2 id="h-tahun-${a.tahun}">${t('sampah.prakarsa.tahunKe', { tahun: String(a.tahun) })}</h2>
      <dl class="facts">
        <div>
          <dt>${t('sampah.prakarsa.alokasi')}</dt>
          <dd>
            <strong>${rp(a.jumlah)}</strong>
            (${a.kbs ? t('sampah.prakarsa.sebagaiKbs', { tingkat: a.tingkat?.nama ?? '—' }) : t('sampah.prakarsa.sebagaiLain')})
          </dd>
        </div>
        ${
          a.jumlah !== a.nominalAturan || a.alasan
            ? html`<div>
                <dt>${t('sampah.prakarsa.nominalAturan')}</dt>
                <dd>${rp(a.nominalAturan)}${a.alasan ? html` — <q>${a.alasan}</q>` : ''}</dd>
              </div>`
            : ''
        }
        <div>
          <dt>${t('sampah.prakarsa.dicairkan')}</dt>
          <dd>${rp(a.dicairkan)}</dd>
        </div>
        <div>
          <dt>${t('sampah.prakarsa.dibelanjakan')}</dt>
          <dd>${rp(a.dibelanjakan)}</dd>
        </div>
        <div>
          <dt>${t('sampah.prakarsa.sisaAlokasi')}</dt>
          <dd>${rp(a.sisaAlokasi)}</dd>
        </div>
        <div>
          <dt>${t('sampah.prakarsa.sisaDana')}</dt>
          <dd>${rp(a.sisaDana)}</dd>
        </div>
      </dl>
      ${
        a.pencairan.length
          ? tableWrap(
              `cap-cair-${a.tahun}`,
              t('sampah.prakarsa.pencairanCaption', { tahun: String(a.tahun) }),
              html`<tr>
                <th scope="col">${t('sampah.prakarsa.tahap')}</th>
                <th scope="col">${t('sampah.prakarsa.tanggal')}</th>
                <th scope="col" class="num">${t('sampah.prakarsa.jumlahRp')}</th>
                <th scope="col">${t('sampah.prakarsa.catatan')}</th>
              </tr>`,
              a.pencairan.map(
                (c) =>
                  html`<tr>
                    <th scope="row">${formatNumber(c.tahap)}</th>
                    <td>${formatDate(c.tanggal)}</td>
                    <td class="num">${rp(c.jumlah)}</td>
                    <td>
                      ${c.membatalkanId ? html`<span class="tag">${t('sampah.prakarsa.pembatalan')}</span> ` : ''}
                      ${c.catatan ?? ''}
                      ${c.dibatalkan ? html` <span class="tag">${t('sampah.prakarsa.dibatalkan')}</span>` : ''}
                      ${
                        v.boleh.kelola && !c.membatalkanId && !c.dibatalkan
                          ? html` <a href="${cityPath(req, `${base}/pencairan/${c.id}/batal`)}"
                              >${t('sampah.prakarsa.batalkan')}</a
                            >`
                          : ''
                      }
                    </td>
                  </tr>`,
              ),
            )
          : html`<p>${t('sampah.prakarsa.belumDicairkan')}</p>`
      }
      ${
        a.belanja.length
          ? tableWrap(
              `cap-belanja-${a.tahun}`,
              t('sampah.prakarsa.belanjaCaption', { tahun: String(a.tahun) }),
              html`<tr>
                <th scope="col">${t('sampah.prakarsa.tanggal')}</th>
                <th scope="col">${t('sampah.prakarsa.kategori')}</th>
                <th scope="col">${t('sampah.prakarsa.uraian')}</th>
                <th scope="col" class="num">${t('sampah.prakarsa.kuantitas')}</th>
                <th scope="col" class="num">${t('sampah.prakarsa.jumlahRp')}</th>
              </tr>`,
              a.belanja.map(
                (b) =>
                  html`<tr>
                    <td>${formatDate(b.tanggal)}</td>
                    <td>${t(`sampah.prakarsa.kategori.${b.kategori}`)}</td>
                    <th scope="row">
                      ${b.membatalkanId ? html`<span class="tag">${t('sampah.prakarsa.pembatalan')}</span> ` : ''}
                      ${b.uraian}${b.alasan ? html` — <q>${b.alasan}</q>` : ''}
                      ${b.dibatalkan ? html` <span class="tag">${t('sampah.prakarsa.dibatalkan')}</span>` : ''}
                      ${
                        v.boleh.lapor && !b.membatalkanId && !b.dibatalkan
                          ? html` <a href="${cityPath(req, `${base}/belanja/${b.id}/batal`)}"
                              >${t('sampah.prakarsa.batalkan')}</a
                            >`
                          : ''
                      }
                    </th>
                    <td class="num">
                      ${b.kuantitas === null ? '—' : `${formatNumber(b.kuantitas)} ${b.satuan ?? ''}`}
                    </td>
                    <td class="num">${rp(b.jumlah)}</td>
                  </tr>`,
              ),
            )
          : html`<p>${t('sampah.prakarsa.belumBelanja')}</p>`
      }
      ${
        aktif && bolehCair
          ? html`<h3 id="h-cair-${a.tahun}">${t('sampah.prakarsa.catatPencairan')}</h3>
              ${fc ? summary(t, ec) : ''}
              <form
                method="post"
                action="${cityPath(req, `${base}/alokasi/${a.id}/pencairan`)}"
                class="narrow"
                novalidate
              >
                ${csrfField(req)}
                ${field({ name: 'tanggalCair', label: t('sampah.prakarsa.tanggal'), type: 'date', value: vc.tanggalCair, error: ec.tanggalCair, required: true })}
                ${field({ name: 'jumlahCair', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.paling', { sisa: rp(a.sisaAlokasi) }), value: vc.jumlahCair, error: ec.jumlahCair, required: true, attrs: html`inputmode="numeric"` })}
                ${field({ name: 'tahap', label: t('sampah.prakarsa.tahap'), hint: t('sampah.prakarsa.tahapHint'), value: vc.tahap, error: ec.tahap, attrs: html`inputmode="numeric"` })}
                ${field({ name: 'catatan', label: t('sampah.prakarsa.catatan'), value: vc.catatan, error: ec.catatan })}
                <p>
                  <button type="submit" class="button primary">
                    ${t('sampah.prakarsa.simpanPencairan')}
                  </button>
                </p>
              </form>`
          : ''
      }
      ${
        aktif && bolehBelanja
          ? html`<h3 id="h-belanja-${a.tahun}">${t('sampah.prakarsa.laporBelanja')}</h3>
              ${fb ? summary(t, eb) : ''}
              <form
                method="post"
                action="${cityPath(req, `${base}/alokasi/${a.id}/belanja`)}"
                class="narrow"
                novalidate
              >
                ${csrfField(req)}
                ${field({ name: 'tanggalBelanja', label: t('sampah.prakarsa.tanggal'), type: 'date', value: vb.tanggalBelanja, error: eb.tanggalBelanja, required: true })}
                ${selectField({
                  name: 'kategori',
                  label: t('sampah.prakarsa.kategori'),
                  error: eb.kategori,
                  required: true,
                  options: KATEGORI_BELANJA.map((k) =>
                    option(k, t(`sampah.prakarsa.kategori.${k}`), vb.kategori),
                  ),
                })}
                ${field({ name: 'uraian', label: t('sampah.prakarsa.uraian'), hint: t('sampah.prakarsa.uraianHint'), value: vb.uraian, error: eb.uraian, required: true })}
                ${field({ name: 'jumlahBelanja', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.paling', { sisa: rp(a.sisaDana) }), value: vb.jumlahBelanja, error: eb.jumlahBelanja, required: true, attrs: html`inputmode="numeric"` })}
                ${field({ name: 'kuantitas', label: t('sampah.prakarsa.kuantitas'), value: vb.kuantitas, error: eb.kuantitas, attrs: html`inputmode="decimal"` })}
                ${field({ name: 'satuan', label: t('sampah.prakarsa.satuan'), hint: t('sampah.prakarsa.satuanHint'), value: vb.satuan, error: eb.satuan })}
                <p>
                  <button type="submit" class="button primary">${t('sampah.prakarsa.simpanBelanja')}</button>
                </p>
              </form>`
          : ''
      }
      ${
        !aktif && (bolehCair || bolehBelanja)
          ? html`<p>
              <a
                href="${cityPath(req, `${base}${queryString({ tahun: String(a.tahun) })}#h-tahun-${a.tahun}`)}"
                >${t('sampah.prakarsa.catatTahunIni', { tahun: String(a.tahun) })}</a
              >
            </p>`
          : ''
      }
    </section>`;
  }

  async function rwPage(
    req: FastifyRequest,
    reply: FastifyReply,
    rwId: string,
    o: { tahun?: number | undefined; alokasiId?: string; failed?: Failed; ok?: string | undefined },
  ): Promise<FastifyReply> {
    const t = req.t;
    const v = await cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
    const nama = namaRw(t, v.rw);
    const aktif =
      v.alokasi.find((a) => a.id === o.alokasiId) ??
      v.alokasi.find((a) => a.tahun === o.tahun) ??
      v.alokasi[0];
    const f = o.failed;
    const ea = f?.form === 'alokasi' ? f.errors : {};
    const va: FormValues = f?.form === 'alokasi' ? f.values : { tahun: String(v.usulan[0]?.tahun ?? '') };
    return sendPage(req, reply, {
      title: `${t('sampah.prakarsa.title')} · ${nama}`,
      status: f?.status ?? 200,
      body: html`${breadcrumbs(t('sampah.prakarsa.breadcrumbs'), [
          { href: cityPath(req, '/sampah/prakarsa'), label: t('sampah.prakarsa.title') },
          { label: nama },
        ])}
        <h1>${t('sampah.prakarsa.title')}: ${nama}</h1>
        <p class="lead">
          ${t('sampah.prakarsa.statusSekarang')}: <strong>${statusLabel(t, v.status)}</strong> ·
          <a href="${cityPath(req, `/sampah/kbs/rw/${v.rw.id}`)}">${t('sampah.prakarsa.keKbs')}</a>
        </p>
        ${flash(o.ok ? t(`sampah.prakarsa.ok.${o.ok}`) : undefined)}
        <dl class="facts">
          <div>
            <dt>${t('sampah.prakarsa.kecamatan')}</dt>
            <dd>${v.rw.kecamatanNama}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.totalDialokasikan')}</dt>
            <dd>${rp(v.total.dialokasikan)}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.totalDicairkan')}</dt>
            <dd>${rp(v.total.dicairkan)}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.totalDibelanjakan')}</dt>
            <dd>${rp(v.total.dibelanjakan)}</dd>
          </div>
        </dl>
        ${
          v.boleh.kelola && v.usulan.length
            ? html`<section aria-labelledby="h-alokasi-baru">
                <h2 id="h-alokasi-baru">${t('sampah.prakarsa.alokasiBaru')}</h2>
                ${f?.form === 'alokasi' ? summary(t, ea) : ''}
                <ul>
                  ${v.usulan.map(
                    (u) =>
                      html`<li>
                        ${t('sampah.prakarsa.usulan', {
                          tahun: String(u.tahun),
                          nominal: rp(u.nominal),
                          jenis: u.kbs ? t('sampah.prakarsa.jenisKbs') : t('sampah.prakarsa.jenisLain'),
                        })}
                      </li>`,
                  )}
                </ul>
                <form
                  method="post"
                  action="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}/alokasi`)}"
                  class="narrow"
                  novalidate
                >
                  ${csrfField(req)}
                  ${selectField({
                    name: 'tahun',
                    label: t('sampah.prakarsa.tahun'),
                    error: ea.tahun,
                    required: true,
                    options: v.usulan.map((u) => option(String(u.tahun), String(u.tahun), va.tahun)),
                  })}
                  ${field({ name: 'jumlahAlokasi', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.jumlahAlokasiHint'), value: va.jumlahAlokasi, error: ea.jumlahAlokasi, attrs: html`inputmode="numeric"` })}
                  ${textarea({ name: 'alasan', label: t('sampah.prakarsa.alasan'), hint: t('sampah.prakarsa.alasanAlokasiHint'), value: va.alasan, error: ea.alasan })}
                  <p>
                    <button type="submit" class="button primary">${t('sampah.prakarsa.alokasikan')}</button>
                  </p>
                </form>
              </section>`
            : ''
        }
        ${
          v.alokasi.length
            ? v.alokasi.map((a) => alokasiSection(req, v, a, a.id === aktif?.id, f))
            : html`<p>${t('sampah.prakarsa.belumAdaAlokasi')}</p>`
        }`,
    });
  }

  app.get(
    '/:city/sampah/prakarsa/rw/:rwId',
    { schema: { params: RwParams, querystring: RwQuery }, config: lihat },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const q = req.query as Static<typeof RwQuery>;
      return rwPage(req, reply, rwId, { tahun: q.tahun, ok: q.ok });
    },
  );

  app.post(
    '/:city/sampah/prakarsa/rw/:rwId/alokasi',
    { schema: { params: RwParams, body: AlokasiForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const b = (req.body ?? {}) as Static<typeof AlokasiForm>;
      return kirim(req, reply, {
        form: 'alokasi',
        fields: ['tahun', 'jumlahAlokasi', 'alasan'],
        rename: { jumlah: 'jumlahAlokasi' },
        render: (failed) => rwPage(req, reply, rwId, { failed }),
        save: async () => {
          const a = await cityTx(req, (trx) =>
            createAlokasi(trx, userOf(req), {
              rwId,
              tahun: parseBulat(b.tahun) ?? Number.NaN,
              jumlah: parseRupiah(b.jumlahAlokasi) ?? null,
              alasan: b.alasan ?? null,
            }),
          );
          return cityPath(
            req,
            `/sampah/prakarsa/rw/${rwId}${queryString({ tahun: String(a.tahun), ok: 'alokasi' })}`,
          );
        },
      });
    },
  );

  app.post(
    '/:city/sampah/prakarsa/rw/:rwId/alokasi/:id/pencairan',
    { schema: { params: EntriParams, body: CairForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { rwId, id } = req.params as Static<typeof EntriParams>;
      const b = (req.body ?? {}) as Static<typeof CairForm>;
      return kirim(req, reply, {
        form: `cair-${id}`,
        fields: ['tanggalCair', 'jumlahCair', 'tahap', 'catatan'],
        rename: { tanggal: 'tanggalCair', jumlah: 'jumlahCair' },
        render: (failed) => rwPage(req, reply, rwId, { alokasiId: id, failed }),
        save: async () => {
          const a = await cityTx(req, (trx) =>
            createPencairan(
              trx,
              userOf(req),
              id,
              {
                tanggal: b.tanggalCair ?? '',
                jumlah: parseRupiah(b.jumlahCair) ?? Number.NaN,
                tahap: parseBulat(b.tahap) ?? null,
                catatan: b.catatan ?? null,
              },
              { rwId },
            ),
          );
          return cityPath(
            req,
            `/sampah/prakarsa/rw/${rwId}${queryString({ tahun: String(a.tahun), ok: 'pencairan' })}`,
          );
        },
      });
    },
  );

  app.post(
    '/:city/sampah/prakarsa/rw/:rwId/alokasi/:id/belanja',
    { schema: { params: EntriParams, body: BelanjaForm }, attachValidation: true, config: lapor },
    async (req, reply) => {
      const { rwId, id } = req.params as Static<typeof EntriParams>;
      const b = (req.body ?? {}) as Static<typeof BelanjaForm>;
      return kirim(req, reply, {
        form: `belanja-${id}`,
        fields: ['tanggalBelanja', 'kategori', 'uraian', 'jumlahBelanja', 'kuantitas', 'satuan'],
        rename: { tanggal: 'tanggalBelanja', jumlah: 'jumlahBelanja' },
        render: (failed) => rwPage(req, reply, rwId, { alokasiId: id, failed }),
        save: async () => {
          const a = await cityTx(req, (trx) =>
            createBelanja(
              trx,
              userOf(req),
              id,
              {
                tanggal: b.tanggalBelanja ?? '',
                kategori: b.kategori ?? '',
                uraian: b.uraian ?? '',
                jumlah: parseRupiah(b.jumlahBelanja) ?? Number.NaN,
                kuantitas: parseDesimal(b.kuantitas) ?? null,
                satuan: b.satuan ?? null,
              },
              { rwId },
            ),
          );
          return cityPath(
            req,
            `/sampah/prakarsa/rw/${rwId}${queryString({ tahun: String(a.tahun), ok: 'belanja' })}`,
          );
        },
      });
    },
  );

  // ---- Reversal (its own page: what is reversed, and the reason) ----

  async function batalPage(
    req: FastifyRequest,
    reply: FastifyReply,
    jenis: 'pencairan' | 'belanja',
    rwId: string,
    id: string,
    failed?: Failed,
  ): Promise<FastifyReply> {
    const t = req.t;
    const v = await cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
    const boleh = jenis === 'pencairan' ? v.boleh.kelola : v.boleh.lapor;
    let entri: { tahun: number; tanggal: string; jumlah: number; teks: string } | undefined;
    for (const a of v.alokasi) {
      if (jenis === 'pencairan') {
        const c = a.pencairan.find((x) => x.id === id && !x.membatalkanId);
        if (c)
          entri = {
            tahun: a.tahun,
            tanggal: c.tanggal,
            jumlah: c.jumlah,
            teks: t('sampah.prakarsa.tahapKe', { tahap: c.tahap }),
          };
      } else {
        const b = a.belanja.find((x) => x.id === id && !x.membatalkanId);
        if (b)
          entri = {
            tahun: a.tahun,
            tanggal: b.tanggal,
            jumlah: b.jumlah,
            teks: `${t(`sampah.prakarsa.kategori.${b.kategori}`)}: ${b.uraian}`,
          };
      }
    }
    if (!entri) throw new HttpProblem(404, 'sampah.prakarsa.err.entriTidakAda');
    if (!boleh) throw new HttpProblem(403, 'error.forbidden');
    const nama = namaRw(t, v.rw);
    const judul =
      jenis === 'pencairan' ? t('sampah.prakarsa.batalPencairan') : t('sampah.prakarsa.batalBelanja');
    const e = failed?.errors ?? {};
    return sendPage(req, reply, {
      title: `${judul} · ${nama}`,
      status: failed?.status ?? 200,
      body: html`${breadcrumbs(t('sampah.prakarsa.breadcrumbs'), [
          { href: cityPath(req, '/sampah/prakarsa'), label: t('sampah.prakarsa.title') },
          {
            href: cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}${queryString({ tahun: entri.tahun })}`),
            label: nama,
          },
          { label: judul },
        ])}
        <h1>${judul}</h1>
        <dl class="facts">
          <div>
            <dt>${t('sampah.prakarsa.tahun')}</dt>
            <dd>${entri.tahun}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.tanggal')}</dt>
            <dd>${formatDate(entri.tanggal)}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.uraian')}</dt>
            <dd>${entri.teks}</dd>
          </div>
          <div>
            <dt>${t('sampah.prakarsa.jumlahRp')}</dt>
            <dd>${rp(entri.jumlah)}</dd>
          </div>
        </dl>
        <p>${t('sampah.prakarsa.batalIntro')}</p>
        ${summary(t, e)}
        <form
          method="post"
          action="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}/${jenis}/${id}/batal`)}"
          class="narrow"
          novalidate
        >
          ${csrfField(req)}
          ${textarea({ name: 'alasan', label: t('sampah.prakarsa.alasan'), hint: t('sampah.prakarsa.alasanHint'), value: failed?.values.alasan, error: e.alasan, required: true })}
          <p><button type="submit" class="button primary">${judul}</button></p>
        </form>`,
    });
  }

  for (const jenis of ['pencairan', 'belanja'] as const) {
    const config = {
      access: { permission: jenis === 'pencairan' ? PRAKARSA_KELOLA : PRAKARSA_LAPOR },
    };
    app.get(
      `/:city/sampah/prakarsa/rw/:rwId/${jenis}/:id/batal`,
      { schema: { params: EntriParams }, config },
      async (req, reply) => {
        const { rwId, id } = req.params as Static<typeof EntriParams>;
        return batalPage(req, reply, jenis, rwId, id);
      },
    );
    app.post(
      `/:city/sampah/prakarsa/rw/:rwId/${jenis}/:id/batal`,
      { schema: { params: EntriParams, body: BatalForm }, attachValidation: true, config },
      async (req, reply) => {
        const { rwId, id } = req.params as Static<typeof EntriParams>;
        const b = (req.body ?? {}) as Static<typeof BatalForm>;
        return kirim(req, reply, {
          form: 'batal',
          fields: ['alasan'],
          render: (failed) => batalPage(req, reply, jenis, rwId, id, failed),
          save: async () => {
            const run = jenis === 'pencairan' ? cancelPencairan : cancelBelanja;
            const a = await cityTx(req, (trx) => run(trx, userOf(req), id, b.alasan ?? '', { rwId }));
            return cityPath(
              req,
              `/sampah/prakarsa/rw/${rwId}${queryString({ tahun: String(a.tahun), ok: 'dibatalkan' })}`,
            );
          },
        });
      },
    );
  }
}
