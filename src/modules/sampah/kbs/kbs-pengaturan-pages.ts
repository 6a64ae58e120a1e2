/**
 * KBS settings pages (DLH, admin kota): the city's indicators with a form to add one and a page
 * to change each, and the status levels with a form to add a level or change the one with the
 * same urutan (its required indicators chosen from the active ones). Forms post back, show the
 * service's errors next to their fields and redirect after a change with a message; kbs-service.ts
 * validates and authorises.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { notFound } from '../../../platform/http/problem.ts';
import { CityParams, Csrf, Uuid } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  option,
  selectField,
  submitForm,
  tableWrap,
  type FailedForm,
  type FormErrors,
  type FormValues,
  mapFieldErrors,
} from '../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import {
  createIndikator,
  listIndikator,
  listTingkat,
  saveTingkat,
  updateIndikator,
  type IndikatorInput,
  type IndikatorView,
  type TingkatView,
} from './indikator-service.ts';
import type { JenisIndikator, SumberIndikator } from './indikator.ts';
import { KBS_ATUR } from './permissions-kbs.ts';

const atur = { access: { permission: KBS_ATUR } } as const;
const PATH = '/sampah/kbs/pengaturan';
const JENIS: JenisIndikator[] = ['ya_tidak', 'persen', 'angka'];
const SUMBER: SumberIndikator[] = ['manual', 'bank_sampah_aktif', 'kg_per_kk_bulan'];

const PageQuery = Type.Object(
  {
    ok: Type.Optional(
      Type.Union([Type.Literal('indikator'), Type.Literal('indikatorUbah'), Type.Literal('tingkat')]),
    ),
    tingkat: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const IndikatorForm = Type.Object(
  {
    _csrf: Csrf,
    kode: Type.Optional(Type.String({ maxLength: 40 })),
    nama: Type.Optional(Type.String({ maxLength: 400 })),
    deskripsi: Type.Optional(Type.String({ maxLength: 2000 })),
    jenis: Type.Optional(Type.Union(JENIS.map((j) => Type.Literal(j)))),
    ambang: Type.Optional(Type.String({ maxLength: 30 })),
    sumber: Type.Optional(Type.Union(SUMBER.map((s) => Type.Literal(s)))),
    buktiWajib: Type.Optional(Type.Literal('1')),
    bobot: Type.Optional(Type.String({ maxLength: 10 })),
    // The service takes any integer here; the table and the API hold it to 0–1000.
    urutan: Type.Optional(Type.String({ pattern: '^\\s*([0-9]{1,3}|1000)?\\s*$' })),
    aktif: Type.Optional(Type.Literal('1')),
  },
  { additionalProperties: false },
);
const INDIKATOR_FIELDS = [
  'kode',
  'nama',
  'deskripsi',
  'jenis',
  'ambang',
  'sumber',
  'buktiWajib',
  'bobot',
  'urutan',
  'aktif',
];
const TingkatForm = Type.Object(
  {
    _csrf: Csrf,
    urutan: Type.Optional(Type.String({ maxLength: 10 })),
    nama: Type.Optional(Type.String({ maxLength: 200 })),
    minSkor: Type.Optional(Type.String({ maxLength: 20 })),
    indikatorWajib: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
const TINGKAT_FIELDS = ['urutan', 'nama', 'minSkor'];

/** Runs a change, with the service's field errors in this form's terms. */
function denganPeta<T>(fn: () => Promise<T>, pointer?: (p: string) => string): Promise<T> {
  return mapFieldErrors(fn, pointer ? { pointer } : {});
}

/** "12,5" or "12.5" → 12.5; empty → null; anything else NaN (the service reports it). */
function angkaIsian(v: string | undefined): number | null {
  const s = (v ?? '').trim();
  if (s === '') return null;
  const n = s.replace(',', '.');
  return /^\d{1,10}(\.\d{1,6})?$/.test(n) ? Number(n) : Number.NaN;
}

function bulatIsian(v: string | undefined): number {
  const s = (v ?? '').trim();
  return /^\d{1,6}$/.test(s) ? Number(s) : Number.NaN;
}

/** The error summary; a general message (key "_") heads it instead of linking to a field. */
function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

function syarat(t: Translator, i: Pick<IndikatorView, 'jenis' | 'ambang'>): string {
  if (i.jenis === 'ya_tidak') return t('sampah.kbs.syaratYa');
  return t('sampah.kbs.syaratMin', {
    ambang: `${formatNumber(i.ambang ?? 0)}${i.jenis === 'persen' ? ' %' : ''}`,
  });
}

function checkbox(name: string, label: string, checked: boolean, hint?: string): SafeHtml {
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="f-${name}"
        name="${name}"
        value="1"
        ${checked ? raw('checked') : ''}
        ${hint ? raw(`aria-describedby="f-${name}-hint"`) : ''}
      />
      ${label}</label
    >
    ${hint ? html`<p class="hint" id="f-${name}-hint">${hint}</p>` : ''}
  </div>`;
}

/** The fields of an indicator (kode only when adding). */
function indikatorFields(
  t: Translator,
  v: FormValues,
  e: FormErrors,
  /** aktifAwal: whether "active" is ticked when the values do not say (a new, not yet sent form). */
  o: { baru: boolean; aktifAwal: boolean },
): SafeHtml {
  const desc = e.deskripsi;
  return html`${
      o.baru
        ? field({
            name: 'kode',
            label: t('sampah.pengaturan.ind.kode'),
            hint: t('sampah.pengaturan.ind.kodeHint'),
            value: v.kode,
            error: e.kode,
            required: true,
            attrs: html`autocapitalize="characters" maxlength="20"`,
          })
        : ''
    }
    ${field({ name: 'nama', label: t('sampah.pengaturan.ind.nama'), value: v.nama, error: e.nama, required: true })}
    <div class="field${desc ? ' has-error' : ''}">
      <label for="f-deskripsi">${t('sampah.pengaturan.ind.deskripsi')}</label>
      <textarea
        id="f-deskripsi"
        name="deskripsi"
        rows="3"
        ${desc ? raw('aria-invalid="true" aria-describedby="f-deskripsi-err"') : ''}
      >
${v.deskripsi ?? ''}</textarea>
      ${desc ? html`<p class="error" id="f-deskripsi-err">${desc}</p>` : ''}
    </div>
    ${selectField({
      name: 'jenis',
      label: t('sampah.pengaturan.ind.jenis'),
      hint: t('sampah.pengaturan.ind.jenisHint'),
      error: e.jenis,
      required: true,
      options: JENIS.map((j) => option(j, t(`sampah.pengaturan.jenis.${j}`), v.jenis)),
    })}
    ${field({
      name: 'ambang',
      label: t('sampah.pengaturan.ind.ambang'),
      hint: t('sampah.pengaturan.ind.ambangHint'),
      value: v.ambang,
      error: e.ambang,
      attrs: html`inputmode="decimal"`,
    })}
    ${selectField({
      name: 'sumber',
      label: t('sampah.pengaturan.ind.sumber'),
      hint: t('sampah.pengaturan.ind.sumberHint'),
      error: e.sumber,
      options: SUMBER.map((s) => option(s, t(`sampah.kbs.sumber.${s}`), v.sumber)),
    })}
    ${
      e.buktiWajib
        ? html`<div class="field has-error">
            ${checkbox('buktiWajib', t('sampah.pengaturan.ind.buktiWajib'), v.buktiWajib === '1')}
            <p class="error" id="f-buktiWajib-err">${e.buktiWajib}</p>
          </div>`
        : checkbox('buktiWajib', t('sampah.pengaturan.ind.buktiWajib'), v.buktiWajib === '1')
    }
    ${field({
      name: 'bobot',
      label: t('sampah.pengaturan.ind.bobot'),
      hint: t('sampah.pengaturan.ind.bobotHint'),
      value: v.bobot,
      error: e.bobot,
      required: true,
      attrs: html`inputmode="numeric"`,
    })}
    ${field({
      name: 'urutan',
      label: t('sampah.pengaturan.ind.urutan'),
      hint: t('sampah.pengaturan.ind.urutanHint'),
      value: v.urutan,
      error: e.urutan,
      attrs: html`inputmode="numeric"`,
    })}
    ${checkbox('aktif', t('sampah.pengaturan.ind.aktif'), v.aktif === undefined ? o.aktifAwal : v.aktif === '1', t('sampah.pengaturan.ind.aktifHint'))}`;
}

/** What the service gets from an indicator form. */
function indikatorInput(b: Static<typeof IndikatorForm>): Omit<IndikatorInput, 'kode'> {
  const urutan = (b.urutan ?? '').trim();
  return {
    nama: b.nama ?? '',
    deskripsi: b.deskripsi ?? null,
    jenis: b.jenis ?? 'ya_tidak',
    ambang: angkaIsian(b.ambang),
    sumber: b.sumber ?? 'manual',
    buktiWajib: b.buktiWajib === '1',
    bobot: bulatIsian(b.bobot),
    urutan: urutan === '' ? 0 : Number(urutan),
    aktif: b.aktif === '1',
  };
}

function nilaiIndikator(i: IndikatorView): FormValues {
  return {
    kode: i.kode,
    nama: i.nama,
    deskripsi: i.deskripsi ?? '',
    jenis: i.jenis,
    ambang: i.ambang === null ? '' : formatNumber(i.ambang).replace(/\./g, ''),
    sumber: i.sumber,
    ...(i.buktiWajib ? { buktiWajib: '1' } : {}),
    bobot: String(i.bobot),
    urutan: String(i.urutan),
    aktif: i.aktif ? '1' : '0',
  };
}

interface PageState {
  ok?: Static<typeof PageQuery>['ok'];
  tingkat?: number | undefined;
  failedIndikator?: FailedForm;
  failedTingkat?: FailedForm & { wajib: string[] };
}

async function halaman(req: FastifyRequest, reply: FastifyReply, o: PageState): Promise<FastifyReply> {
  const t = req.t;
  const { indikator, tingkat } = await cityTx(req, async (trx) => ({
    indikator: await listIndikator(trx, { semua: true }),
    tingkat: await listTingkat(trx),
  }));
  const self = cityPath(req, PATH);
  const vi = o.failedIndikator?.values ?? { jenis: 'ya_tidak', sumber: 'manual', bobot: '', urutan: '' };
  const ei = o.failedIndikator?.errors ?? {};
  const diubah: TingkatView | undefined = tingkat.find((l) => l.urutan === o.tingkat);
  const vt: FormValues = o.failedTingkat?.values ?? {
    urutan: diubah ? String(diubah.urutan) : String(Math.min(20, (tingkat.at(-1)?.urutan ?? 0) + 1)),
    nama: diubah?.nama ?? '',
    minSkor: diubah ? formatNumber(diubah.minSkor).replace(/\./g, '') : '',
  };
  const wajib = new Set(o.failedTingkat?.wajib ?? diubah?.indikatorWajib ?? []);
  const et = o.failedTingkat?.errors ?? {};
  // Active indicators can be required; an inactive one stays listed while a level requires it.
  const pilihanWajib = indikator.filter((i) => i.aktif || wajib.has(i.kode));
  const status = o.failedIndikator?.status ?? o.failedTingkat?.status;

  return sendPage(req, reply, {
    title: t('sampah.pengaturan.kbs.title'),
    ...(status ? { status } : {}),
    body: html`${breadcrumbs(t('sampah.pengaturan.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { label: t('sampah.pengaturan.kbs.title') },
      ])}
      <h1>${t('sampah.pengaturan.kbs.title')}</h1>
      <p class="lead">${t('sampah.pengaturan.kbs.intro')}</p>
      ${flash(o.ok ? t(`sampah.pengaturan.ok.${o.ok}`) : undefined)}
      <section aria-labelledby="h-indikator">
        <h2 id="h-indikator">${t('sampah.pengaturan.kbs.indikator')}</h2>
        ${
          indikator.length
            ? tableWrap(
                'cap-indikator',
                t('sampah.pengaturan.kbs.indikatorCaption'),
                html`<tr>
                  <th scope="col">${t('sampah.pengaturan.ind.kode')}</th>
                  <th scope="col">${t('sampah.pengaturan.ind.nama')}</th>
                  <th scope="col">${t('sampah.pengaturan.ind.syarat')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.ind.bobot')}</th>
                  <th scope="col">${t('sampah.pengaturan.ind.sumber')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.ind.urutan')}</th>
                  <th scope="col">${t('sampah.pengaturan.ind.status')}</th>
                  <th scope="col">${t('sampah.pengaturan.tkt.aksi')}</th>
                </tr>`,
                indikator.map(
                  (i) =>
                    html`<tr>
                      <th scope="row">${i.kode}</th>
                      <td>${i.nama}</td>
                      <td>
                        ${t(`sampah.pengaturan.jenis.${i.jenis}`)}: ${syarat(t, i)}
                        ${i.buktiWajib ? html`<br />${t('sampah.pengaturan.ind.buktiWajib')}` : ''}
                      </td>
                      <td class="num">${formatNumber(i.bobot)}</td>
                      <td>${t(`sampah.kbs.sumber.${i.sumber}`)}</td>
                      <td class="num">${formatNumber(i.urutan)}</td>
                      <td>${i.aktif ? t('sampah.pengaturan.aktif') : t('sampah.pengaturan.nonaktif')}</td>
                      <td>
                        <a href="${self}/indikator/${i.id}"
                          >${t('sampah.pengaturan.ubahNama', { nama: i.kode })}</a
                        >
                      </td>
                    </tr>`,
                ),
              )
            : html`<p>${t('sampah.pengaturan.kbs.indikatorKosong')}</p>`
        }
        <h3 id="h-indikator-baru">${t('sampah.pengaturan.kbs.tambahIndikator')}</h3>
        ${summary(t, ei)}
        <form
          method="post"
          action="${self}/indikator"
          novalidate
          class="narrow"
          aria-labelledby="h-indikator-baru"
        >
          ${csrfField(req)} ${indikatorFields(t, vi, ei, { baru: true, aktifAwal: !o.failedIndikator })}
          <p><button type="submit" class="button primary">${t('sampah.pengaturan.kbs.tambah')}</button></p>
        </form>
      </section>
      <section aria-labelledby="h-tingkat">
        <h2 id="h-tingkat">${t('sampah.pengaturan.kbs.tingkat')}</h2>
        <p>${t('sampah.pengaturan.kbs.tingkatIntro')}</p>
        ${
          tingkat.length
            ? tableWrap(
                'cap-tingkat',
                t('sampah.pengaturan.kbs.tingkatCaption'),
                html`<tr>
                  <th scope="col" class="num">${t('sampah.pengaturan.tkt.urutan')}</th>
                  <th scope="col">${t('sampah.pengaturan.tkt.nama')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.tkt.minSkor')}</th>
                  <th scope="col">${t('sampah.pengaturan.tkt.wajib')}</th>
                  <th scope="col">${t('sampah.pengaturan.tkt.aksi')}</th>
                </tr>`,
                tingkat.map(
                  (l) =>
                    html`<tr>
                      <td class="num">${l.urutan}</td>
                      <th scope="row">${l.nama}</th>
                      <td class="num">${formatNumber(l.minSkor)}</td>
                      <td>${l.indikatorWajib.length ? l.indikatorWajib.join(', ') : '—'}</td>
                      <td>
                        <a href="${self}?tingkat=${l.urutan}#h-tingkat-form"
                          >${t('sampah.pengaturan.ubahNama', { nama: l.nama })}</a
                        >
                      </td>
                    </tr>`,
                ),
              )
            : html`<p>${t('sampah.pengaturan.kbs.tingkatKosong')}</p>`
        }
        <h3 id="h-tingkat-form">
          ${diubah ? t('sampah.pengaturan.kbs.ubahTingkat', { nama: diubah.nama }) : t('sampah.pengaturan.kbs.tambahTingkat')}
        </h3>
        <p class="hint">${t('sampah.pengaturan.kbs.tingkatFormHint')}</p>
        ${summary(t, et)}
        <form
          method="post"
          action="${self}/tingkat"
          novalidate
          class="narrow"
          aria-labelledby="h-tingkat-form"
        >
          ${csrfField(req)}
          ${field({ name: 'urutan', label: t('sampah.pengaturan.tkt.urutan'), hint: t('sampah.pengaturan.tkt.urutanHint'), value: vt.urutan, error: et.urutan, required: true, attrs: html`inputmode="numeric"` })}
          ${field({ name: 'nama', label: t('sampah.pengaturan.tkt.nama'), value: vt.nama, error: et.nama, required: true })}
          ${field({ name: 'minSkor', label: t('sampah.pengaturan.tkt.minSkor'), hint: t('sampah.pengaturan.tkt.minSkorHint'), value: vt.minSkor, error: et.minSkor, required: true, attrs: html`inputmode="decimal"` })}
          <fieldset
            id="f-indikatorWajib"
            class="${et.indikatorWajib ? 'has-error' : ''}"
            ${et.indikatorWajib ? raw('aria-describedby="f-indikatorWajib-err"') : ''}
          >
            <legend>${t('sampah.pengaturan.tkt.wajib')}</legend>
            ${
              pilihanWajib.length
                ? pilihanWajib.map(
                    (i) =>
                      html`<div>
                        <label
                          ><input
                            type="checkbox"
                            name="indikatorWajib"
                            value="${i.kode}"
                            ${wajib.has(i.kode) ? raw('checked') : ''}
                          />
                          ${i.kode} —
                          ${i.nama}${i.aktif ? '' : ` (${t('sampah.pengaturan.nonaktif')})`}</label
                        >
                      </div>`,
                  )
                : html`<p>${t('sampah.pengaturan.kbs.indikatorKosong')}</p>`
            }
            ${et.indikatorWajib ? html`<p class="error" id="f-indikatorWajib-err">${et.indikatorWajib}</p>` : ''}
          </fieldset>
          <p>
            <button type="submit" class="button primary">${t('sampah.pengaturan.kbs.simpanTingkat')}</button>
          </p>
        </form>
      </section>`,
  });
}

async function halamanIndikator(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  failed?: FailedForm,
): Promise<FastifyReply> {
  const t = req.t;
  const ind = await cityTx(req, async (trx) =>
    (await listIndikator(trx, { semua: true })).find((i) => i.id === id),
  );
  if (!ind) throw notFound();
  const v = failed?.values ?? nilaiIndikator(ind);
  const e = failed?.errors ?? {};
  const title = t('sampah.pengaturan.kbs.ubahIndikator', { kode: ind.kode });
  const self = cityPath(req, PATH);
  return sendPage(req, reply, {
    title,
    ...(failed ? { status: failed.status } : {}),
    body: html`${breadcrumbs(t('sampah.pengaturan.breadcrumbs'), [
        { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
        { href: self, label: t('sampah.pengaturan.kbs.title') },
        { label: ind.kode },
      ])}
      <h1>${title}</h1>
      <p class="lead">${t('sampah.pengaturan.kbs.ubahIndikatorIntro')}</p>
      ${summary(t, e)}
      <form method="post" action="${self}/indikator/${ind.id}" novalidate class="narrow">
        ${csrfField(req)}
        <p><strong>${t('sampah.pengaturan.ind.kode')}:</strong> ${ind.kode}</p>
        ${indikatorFields(t, v, e, { baru: false, aktifAwal: false })}
        <p>
          <button type="submit" class="button primary">${t('sampah.pengaturan.simpan')}</button>
          <a href="${self}">${t('form.cancel')}</a>
        </p>
      </form>`,
  });
}

export function kbsPengaturanPages(app: FastifyInstance, _ctx: ModuleContext): void {
  app.get(
    `/:city${PATH}`,
    { schema: { params: CityParams, querystring: PageQuery }, config: atur },
    (req, reply) => {
      const q = req.query as Static<typeof PageQuery>;
      return halaman(req, reply, { ok: q.ok, tingkat: q.tingkat });
    },
  );

  app.post(
    `/:city${PATH}/indikator`,
    { schema: { params: CityParams, body: IndikatorForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof IndikatorForm>;
      return submitForm(
        req,
        reply,
        INDIKATOR_FIELDS,
        (failed) => halaman(req, reply, { failedIndikator: failed }),
        async () => {
          const kode = (b.kode ?? '').trim().toUpperCase();
          await denganPeta(() =>
            cityTx(req, (trx) => createIndikator(trx, userOf(req), { kode, ...indikatorInput(b) })),
          );
          return cityPath(req, `${PATH}?ok=indikator`);
        },
      );
    },
  );

  app.get(`/:city${PATH}/indikator/:id`, { schema: { params: IdParams }, config: atur }, (req, reply) =>
    halamanIndikator(req, reply, (req.params as Static<typeof IdParams>).id),
  );

  app.post(
    `/:city${PATH}/indikator/:id`,
    { schema: { params: IdParams, body: IndikatorForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = (req.body ?? {}) as Static<typeof IndikatorForm>;
      return submitForm(
        req,
        reply,
        INDIKATOR_FIELDS,
        (failed) => halamanIndikator(req, reply, id, failed),
        async () => {
          await denganPeta(() =>
            cityTx(req, (trx) => updateIndikator(trx, userOf(req), id, indikatorInput(b))),
          );
          return cityPath(req, `${PATH}?ok=indikatorUbah`);
        },
      );
    },
  );

  app.post(
    `/:city${PATH}/tingkat`,
    { schema: { params: CityParams, body: TingkatForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b = (req.body ?? {}) as Partial<Static<typeof TingkatForm>>;
      const wajib = Array.isArray(b.indikatorWajib)
        ? b.indikatorWajib.filter((k) => typeof k === 'string')
        : [];
      return submitForm(
        req,
        reply,
        TINGKAT_FIELDS,
        (failed) => halaman(req, reply, { failedTingkat: { ...failed, wajib } }),
        async () => {
          await denganPeta(
            () =>
              cityTx(req, (trx) =>
                saveTingkat(trx, userOf(req), {
                  nama: b.nama ?? '',
                  urutan: bulatIsian(b.urutan),
                  minSkor: angkaIsian(b.minSkor) ?? Number.NaN,
                  indikatorWajib: wajib,
                }),
              ),
            (p) => (p.startsWith('/body/indikatorWajib/') ? '/body/indikatorWajib' : p),
          );
          return cityPath(req, `${PATH}?ok=tingkat`);
        },
      );
    },
  );
}
