/**
 * The yearly settings page of the tonnage accounting (DLH, admin kota): each year's generation
 * rate and Jakstrada targets with a form to set a year, and for a chosen year the population of
 * every kecamatan in one form, its sum compared with the city's population in the reference data.
 * Forms post back, show errors next to their fields and redirect after a change; numbers are read
 * by the platform's readers and the service (tahun-service.ts) validates and authorises.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams, Csrf } from '../../../../platform/http/schemas.ts';
import { readKuantitas, readRupiah } from '../../../../platform/angka.ts';
import { badRequest, type FieldError } from '../../../../platform/http/problem.ts';
import { thisYearWib } from '../../../../platform/waktu.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  flash,
  sendPage,
} from '../../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../../platform/web/html.ts';
import { dataTable, formPost, headRow, numberOptions, showBar } from '../../../../platform/web/screen.ts';
import { tonaseForm } from './tonase-parts.ts';
import {
  breadcrumbs,
  tableWrap,
  selectField,
  submitForm,
  type FailedForm,
  type FormErrors,
  type FormValues,
  mapFieldErrors,
} from '../../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { TONASE_ATUR } from '../permissions-tonase.ts';
import {
  getPendudukKecamatan,
  listTahun,
  PENDUDUK_MAKS,
  savePendudukKecamatan,
  saveTahun,
  type PendudukInput,
  type PendudukKecamatanView,
  type TahunView,
} from '../tahun-service.ts';

const atur = { permission: TONASE_ATUR } as const;
const PATH = '/sampah/tonase/tahun';

const PageQuery = Type.Object(
  {
    tahun: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    ok: Type.Optional(Type.Union([Type.Literal('tahun'), Type.Literal('penduduk')])),
  },
  { additionalProperties: false },
);
const TahunForm = Type.Object(
  {
    _csrf: Csrf,
    tahun: Type.Optional(Type.String({ maxLength: 10 })),
    lajuTimbulan: Type.Optional(Type.String({ maxLength: 20 })),
    targetPengurangan: Type.Optional(Type.String({ maxLength: 20 })),
    targetPenanganan: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);
const TAHUN_FIELDS = ['tahun', 'lajuTimbulan', 'targetPengurangan', 'targetPenanganan'];
/** Populations arrive as p_<kecamatan code> fields. */
const PendudukForm = Type.Object(
  {
    _csrf: Csrf,
    tahun: Type.Optional(Type.String({ maxLength: 10 })),
    sumber: Type.Optional(Type.String({ maxLength: 400 })),
  },
  {
    additionalProperties: Type.String({ maxLength: 30 }),
    propertyNames: { pattern: '^(_csrf|tahun|sumber|p_[0-9]{2}\\.[0-9]{2}\\.[0-9]{2})$' },
  },
);

/** Runs a change, with the service's field errors in this form's terms. */
function withFormPointers<T>(fn: () => Promise<T>, pointer?: (p: string) => string): Promise<T> {
  return mapFieldErrors(fn, pointer ? { pointer } : {});
}

/** Reading problems the service reports in its own words (what the field must hold). */
const SERVICE_SAYS = new Set(['validation.required', 'angka.kuantitas.bukanAngka']);

/**
 * A rate or a percentage as typed, with a decimal comma ("0,6"), at most `decimals` decimals as
 * the column holds them. A dot ("0.6", "1.000") is refused with the platform's message at the
 * field, never read as one thing or the other; an empty or non-numeric field is NaN, which the
 * service reports.
 */
function readDesimal(name: string, v: string | undefined, decimals: number, errors: FieldError[]): number {
  const r = readKuantitas(v ?? '', { desimal: decimals });
  if (r.ok) return r.nilai;
  if (!SERVICE_SAYS.has(r.galat))
    errors.push({ pointer: `/body/${name}`, detail: r.galat, params: r.params });
  return Number.NaN;
}

/**
 * A population as typed: whole persons, dots between thousands allowed ("1.234.567"); empty is
 * null (the year's figure is removed); anything else NaN, which the service reports.
 */
function readPenduduk(v: string | undefined): number | null {
  if ((v ?? '').trim() === '') return null;
  const r = readRupiah(v, { max: PENDUDUK_MAKS });
  return r.ok ? r.nilai : Number.NaN;
}

/** The error summary; a general message (key "_") heads it instead of linking to a field. */
function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

const angkaIsian = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : formatNumber(n);

interface PageState {
  tahun: number;
  ok?: 'tahun' | 'penduduk' | undefined;
  failedTahun?: FailedForm;
  failedPenduduk?: FailedForm;
}

async function tahunPage(req: FastifyRequest, reply: FastifyReply, o: PageState): Promise<FastifyReply> {
  const t = req.t;
  const city = cityOf(req);
  const user = userOf(req);
  const { tahunList, penduduk } = await cityTx(req, async (trx) => ({
    tahunList: await listTahun(trx, city),
    penduduk: await getPendudukKecamatan(trx, city, user, o.tahun),
  }));
  const dipilih = tahunList.find((y) => y.tahun === o.tahun);
  const vt = o.failedTahun?.values ?? {
    tahun: String(o.tahun),
    lajuTimbulan: angkaIsian(dipilih?.lajuTimbulan),
    targetPengurangan: angkaIsian(dipilih?.targetPengurangan),
    targetPenanganan: angkaIsian(dipilih?.targetPenanganan),
  };
  const vp = o.failedPenduduk?.values ?? {
    sumber: penduduk.kecamatan.find((k) => k.sumber)?.sumber ?? '',
    ...Object.fromEntries(
      penduduk.kecamatan.map((k) => [`p_${k.kode}`, k.penduduk === null ? '' : String(k.penduduk)]),
    ),
  };
  const tahunIni = thisYearWib();
  const pilihan = [...new Set([tahunIni + 1, tahunIni, o.tahun, ...tahunList.map((y) => y.tahun)])].sort(
    (a, b) => b - a,
  );
  return sendPage(req, reply, {
    title: t('sampah.pengaturan.tahun.title'),
    ...(o.failedTahun ? { status: o.failedTahun.status } : {}),
    ...(o.failedPenduduk ? { status: o.failedPenduduk.status } : {}),
    body: html`${breadcrumbs(t('sampah.pengaturan.breadcrumbs'), [
        { href: cityPath(req, '/sampah/tonase'), label: t('sampah.tonase.title') },
        { label: t('sampah.pengaturan.tahun.title') },
      ])}
      <h1>${t('sampah.pengaturan.tahun.title')}</h1>
      <p class="lead">${t('sampah.pengaturan.tahun.intro')}</p>
      ${flash(o.ok ? t(`sampah.pengaturan.ok.${o.ok}`, { tahun: String(o.tahun) }) : undefined)}
      ${tahunSection(req, tahunList, vt, o.failedTahun?.errors ?? {})}
      ${pendudukSection(req, o.tahun, penduduk, pilihan, vp, o.failedPenduduk?.errors ?? {})}`,
  });
}

/** The years set, and the form to set a year. */
function tahunSection(req: FastifyRequest, tahunList: TahunView[], vt: FormValues, et: FormErrors): SafeHtml {
  const t = req.t;
  const self = cityPath(req, PATH);
  return html`<section aria-labelledby="h-tahun">
    <h2 id="h-tahun">${t('sampah.pengaturan.tahun.daftar')}</h2>
    ${dataTable({
      id: 'cap-tahun',
      caption: t('sampah.pengaturan.tahun.caption'),
      cols: [
        t('sampah.pengaturan.tahun.tahun'),
        { label: t('sampah.pengaturan.tahun.laju'), num: true },
        { label: t('sampah.pengaturan.tahun.targetPengurangan'), num: true },
        { label: t('sampah.pengaturan.tahun.targetPenanganan'), num: true },
        t('sampah.pengaturan.penduduk.judulKolom'),
      ],
      rows: tahunList.map(
        (y) =>
          html`<tr>
            <th scope="row">${y.tahun}</th>
            <td class="num">${formatNumber(y.lajuTimbulan)}</td>
            <td class="num">${formatNumber(y.targetPengurangan)}%</td>
            <td class="num">${formatNumber(y.targetPenanganan)}%</td>
            <td>
              <a href="${self}?tahun=${y.tahun}#h-penduduk"
                >${t('sampah.pengaturan.penduduk.isi', { tahun: String(y.tahun) })}</a
              >
            </td>
          </tr>`,
      ),
      empty: t('sampah.pengaturan.tahun.kosong'),
    })}
    <h3 id="h-atur-tahun">${t('sampah.pengaturan.tahun.atur')}</h3>
    <p class="hint">${t('sampah.pengaturan.tahun.aturHint')}</p>
    ${tonaseForm(
      req,
      {
        action: self,
        submit: t('sampah.pengaturan.tahun.simpan'),
        summary: summary(t, et),
        attrs: html`aria-labelledby="h-atur-tahun" class="narrow"`,
      },
      html`
        ${field({ name: 'tahun', label: t('sampah.pengaturan.tahun.tahun'), value: vt.tahun, error: et.tahun, required: true, attrs: html`inputmode="numeric"` })}
        ${field({ name: 'lajuTimbulan', label: t('sampah.pengaturan.tahun.laju'), hint: t('sampah.pengaturan.tahun.lajuHint'), value: vt.lajuTimbulan, error: et.lajuTimbulan, required: true, attrs: html`inputmode="decimal"` })}
        ${field({ name: 'targetPengurangan', label: t('sampah.pengaturan.tahun.targetPengurangan'), value: vt.targetPengurangan, error: et.targetPengurangan, required: true, attrs: html`inputmode="decimal"` })}
        ${field({ name: 'targetPenanganan', label: t('sampah.pengaturan.tahun.targetPenanganan'), hint: t('sampah.pengaturan.tahun.targetHint'), value: vt.targetPenanganan, error: et.targetPenanganan, required: true, attrs: html`inputmode="decimal"` })}
      `,
    )}
  </section>`;
}

/** A kecamatan's population field in the table of the year. */
function pendudukRow(
  k: PendudukKecamatanView['kecamatan'][number],
  vp: FormValues,
  ep: FormErrors,
): SafeHtml {
  const name = `p_${k.kode}`;
  const id = `f-${name}`;
  const err = ep[name];
  return html`<tr>
    <th scope="row"><label for="${id}">${k.nama}</label></th>
    <td>
      <div class="${err ? 'field has-error' : ''}">
        <input
          id="${id}"
          name="${name}"
          type="number"
          min="0"
          max="5000000"
          step="1"
          inputmode="numeric"
          value="${vp[name] ?? ''}"
          ${err ? raw(`aria-invalid="true" aria-describedby="${id}-err"`) : ''}
        />
        ${err ? html`<p class="error" id="${id}-err">${err}</p>` : ''}
      </div>
    </td>
  </tr>`;
}

/** The population of every kecamatan in the chosen year, in one form. */
function pendudukSection(
  req: FastifyRequest,
  tahun: number,
  penduduk: PendudukKecamatanView,
  pilihan: number[],
  vp: FormValues,
  ep: FormErrors,
): SafeHtml {
  const t = req.t;
  const self = cityPath(req, PATH);
  const terisi = penduduk.kecamatan.filter((k) => k.penduduk !== null).length;
  const kota = penduduk.pendudukKota;
  const selisih = kota === null ? null : penduduk.jumlah - kota;
  const banding =
    kota === null
      ? t('sampah.pengaturan.penduduk.tanpaRujukan')
      : selisih === 0
        ? t('sampah.pengaturan.penduduk.sama', { kota: formatNumber(kota) })
        : t(selisih! > 0 ? 'sampah.pengaturan.penduduk.lebih' : 'sampah.pengaturan.penduduk.kurang', {
            kota: formatNumber(kota),
            selisih: formatNumber(Math.abs(selisih!)),
          });
  return html`<section aria-labelledby="h-penduduk">
    <h2 id="h-penduduk">${t('sampah.pengaturan.penduduk.judul', { tahun: String(tahun) })}</h2>
    <p>${t('sampah.pengaturan.penduduk.intro')}</p>
    ${showBar(
      {
        action: `${self}#h-penduduk`,
        label: t('sampah.pengaturan.penduduk.pilihTahun'),
        button: t('sampah.tonase.tampilkan'),
      },
      selectField({
        name: 'tahun',
        label: t('sampah.pengaturan.penduduk.pilihTahun'),
        options: numberOptions(pilihan, tahun),
      }),
    )}
    ${summary(t, ep)}
    <form method="post" action="${self}/penduduk" aria-labelledby="h-penduduk">
      ${csrfField(req)}
      <input type="hidden" name="tahun" value="${tahun}" />
      ${field({ name: 'sumber', label: t('sampah.pengaturan.penduduk.sumber'), hint: t('sampah.pengaturan.penduduk.sumberHint'), value: vp.sumber, error: ep.sumber })}
      ${tableWrap(
        'cap-penduduk',
        t('sampah.pengaturan.penduduk.caption', { tahun: String(tahun) }),
        headRow([t('sampah.pengaturan.penduduk.kecamatan'), t('sampah.pengaturan.penduduk.jiwa')]),
        [
          ...penduduk.kecamatan.map((k) => pendudukRow(k, vp, ep)),
          html`<tr class="total">
            <th scope="row">${t('sampah.pengaturan.penduduk.jumlah')}</th>
            <td class="num">${formatNumber(penduduk.jumlah)}</td>
          </tr>`,
          html`<tr>
            <th scope="row">${t('sampah.pengaturan.penduduk.kota')}</th>
            <td class="num">${kota === null ? '—' : formatNumber(kota)}</td>
          </tr>`,
        ],
      )}
      <p class="meta">
        ${t('sampah.pengaturan.penduduk.terisi', { n: terisi, total: penduduk.kecamatan.length })} ${banding}
      </p>
      <p class="hint">${t('sampah.pengaturan.penduduk.kosongkan')}</p>
      <p>
        <button type="submit" class="button primary">${t('sampah.pengaturan.penduduk.simpan')}</button>
      </p>
    </form>
  </section>`;
}

/** The year a form posted, when it is one the page can show. */
function tahunDikirim(b: { tahun?: string | undefined } | undefined): number | null {
  const n = Number((b?.tahun ?? '').trim());
  return Number.isInteger(n) && n >= 2000 && n <= 2100 ? n : null;
}

export function tahunFormPage(app: BalaiApp): void {
  app.get(
    `/:city${PATH}`,
    { schema: { params: CityParams, querystring: PageQuery }, config: { access: atur } },
    (req, reply) => {
      const q = req.query;
      return tahunPage(req, reply, { tahun: q.tahun ?? thisYearWib(), ok: q.ok });
    },
  );

  formPost(app, {
    path: `/:city${PATH}`,
    access: atur,
    params: CityParams,
    body: TahunForm,
    fields: TAHUN_FIELDS,
    show: (req, reply, failed) =>
      tahunPage(req, reply, {
        tahun: tahunDikirim(req.body as never) ?? thisYearWib(),
        failedTahun: failed as FailedForm,
      }),
    save: async (req) => {
      const b = req.body ?? {};
      const tahun = /^\s*\d{4}\s*$/.test(b.tahun ?? '') ? Number((b.tahun ?? '').trim()) : Number.NaN;
      const errors: FieldError[] = [];
      const input = {
        lajuTimbulan: readDesimal('lajuTimbulan', b.lajuTimbulan, 3, errors),
        targetPengurangan: readDesimal('targetPengurangan', b.targetPengurangan, 2, errors),
        targetPenanganan: readDesimal('targetPenanganan', b.targetPenanganan, 2, errors),
      };
      if (errors.length) throw badRequest('sampah.tonase.tahunTidakValid', errors);
      await withFormPointers(
        () => cityTx(req, (trx) => saveTahun(trx, cityOf(req), userOf(req), tahun, input)),
        (p) => (p === '/params/tahun' ? '/body/tahun' : p),
      );
      return cityPath(req, `${PATH}?tahun=${tahun}&ok=tahun`);
    },
  });

  app.post(
    `/:city${PATH}/penduduk`,
    { schema: { params: CityParams, body: PendudukForm }, attachValidation: true, config: { access: atur } },
    async (req, reply) => {
      const b: Record<string, string | undefined> = req.body ?? {};
      const sah = tahunDikirim(b);
      const tahun = sah ?? thisYearWib();
      const kolom = Object.keys(b).filter((k) => k.startsWith('p_'));
      return submitForm(
        req,
        reply,
        ['sumber', ...kolom],
        (failed) => tahunPage(req, reply, { tahun, failedPenduduk: failed }),
        async () => {
          const input: PendudukInput[] = kolom.map((k) => ({
            kecamatanKode: k.slice(2),
            penduduk: readPenduduk(b[k]),
            sumber: b.sumber ?? null,
          }));
          await withFormPointers(
            () =>
              cityTx(req, (trx) =>
                savePendudukKecamatan(trx, cityOf(req), userOf(req), sah ?? Number.NaN, input),
              ),
            (p) => {
              const m = /^\/body\/kecamatan\/(\d+)\/(\w+)$/.exec(p);
              if (!m) return '/body/_';
              if (m[2] === 'sumber') return '/body/sumber';
              return `/body/${kolom[Number(m[1])] ?? '_'}`;
            },
          );
          return cityPath(req, `${PATH}?tahun=${tahun}&ok=penduduk#h-penduduk`);
        },
      );
    },
  );
}
