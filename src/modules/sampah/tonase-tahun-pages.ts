/**
 * The yearly settings page of the tonnage accounting (DLH, admin kota): each year's generation
 * rate and Jakstrada targets with a form to set a year, and for a chosen year the population of
 * every kecamatan in one form, its sum compared with the city's population in the reference data.
 * Forms post back, show errors next to their fields and redirect after a change; the service
 * (tonase-service.ts) validates and authorises.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, Csrf } from '../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  option,
  selectField,
  submitForm,
  tableWrap,
  type FailedForm,
  type FormErrors,
  mapFieldErrors,
} from '../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { TONASE_ATUR } from './permissions-tonase.ts';
import {
  aturPendudukKecamatan,
  aturTahun,
  bacaPendudukKecamatan,
  daftarTahun,
  hariIniWib,
  type PendudukInput,
} from './tonase-service.ts';

const atur = { access: { permission: TONASE_ATUR } } as const;
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
function denganPeta<T>(fn: () => Promise<T>, pointer?: (p: string) => string): Promise<T> {
  return mapFieldErrors(fn, pointer ? { pointer } : {});
}

/** "0,6" or "0.6" → 0.6; anything else (also empty) NaN, which the service reports. */
function desimal(v: string | undefined): number {
  const s = (v ?? '').trim().replace(',', '.');
  return /^\d{1,6}(\.\d{1,6})?$/.test(s) ? Number(s) : Number.NaN;
}

/** "1234567", "1.234.567" or "1 234 567" → 1234567; empty → null; anything else NaN. */
function bulat(v: string | undefined): number | null {
  const s = (v ?? '').trim();
  if (s === '') return null;
  if (/^\d{1,9}$/.test(s)) return Number(s);
  return /^\d{1,3}([.\s]\d{3})+$/.test(s) ? Number(s.replace(/[.\s]/g, '')) : Number.NaN;
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

async function halaman(req: FastifyRequest, reply: FastifyReply, o: PageState): Promise<FastifyReply> {
  const t = req.t;
  const city = cityOf(req);
  const user = userOf(req);
  const { tahunList, penduduk } = await cityTx(req, async (trx) => ({
    tahunList: await daftarTahun(trx, city),
    penduduk: await bacaPendudukKecamatan(trx, city, user, o.tahun),
  }));
  const self = cityPath(req, PATH);
  const dipilih = tahunList.find((y) => y.tahun === o.tahun);
  const vt = o.failedTahun?.values ?? {
    tahun: String(o.tahun),
    lajuTimbulan: angkaIsian(dipilih?.lajuTimbulan),
    targetPengurangan: angkaIsian(dipilih?.targetPengurangan),
    targetPenanganan: angkaIsian(dipilih?.targetPenanganan),
  };
  const et = o.failedTahun?.errors ?? {};
  const vp = o.failedPenduduk?.values ?? {
    sumber: penduduk.kecamatan.find((k) => k.sumber)?.sumber ?? '',
    ...Object.fromEntries(
      penduduk.kecamatan.map((k) => [`p_${k.kode}`, k.penduduk === null ? '' : String(k.penduduk)]),
    ),
  };
  const ep = o.failedPenduduk?.errors ?? {};
  const tahunIni = Number(hariIniWib().slice(0, 4));
  const pilihan = [...new Set([tahunIni + 1, tahunIni, o.tahun, ...tahunList.map((y) => y.tahun)])].sort(
    (a, b) => b - a,
  );
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

  const pendudukRow = (k: (typeof penduduk.kecamatan)[number]): SafeHtml => {
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
  };

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
      <section aria-labelledby="h-tahun">
        <h2 id="h-tahun">${t('sampah.pengaturan.tahun.daftar')}</h2>
        ${
          tahunList.length
            ? tableWrap(
                'cap-tahun',
                t('sampah.pengaturan.tahun.caption'),
                html`<tr>
                  <th scope="col">${t('sampah.pengaturan.tahun.tahun')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.tahun.laju')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.tahun.targetPengurangan')}</th>
                  <th scope="col" class="num">${t('sampah.pengaturan.tahun.targetPenanganan')}</th>
                  <th scope="col">${t('sampah.pengaturan.penduduk.judulKolom')}</th>
                </tr>`,
                tahunList.map(
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
              )
            : html`<p>${t('sampah.pengaturan.tahun.kosong')}</p>`
        }
        <h3 id="h-atur-tahun">${t('sampah.pengaturan.tahun.atur')}</h3>
        <p class="hint">${t('sampah.pengaturan.tahun.aturHint')}</p>
        ${summary(t, et)}
        <form method="post" action="${self}" novalidate aria-labelledby="h-atur-tahun" class="narrow">
          ${csrfField(req)}
          ${field({ name: 'tahun', label: t('sampah.pengaturan.tahun.tahun'), value: vt.tahun, error: et.tahun, required: true, attrs: html`inputmode="numeric"` })}
          ${field({ name: 'lajuTimbulan', label: t('sampah.pengaturan.tahun.laju'), hint: t('sampah.pengaturan.tahun.lajuHint'), value: vt.lajuTimbulan, error: et.lajuTimbulan, required: true, attrs: html`inputmode="decimal"` })}
          ${field({ name: 'targetPengurangan', label: t('sampah.pengaturan.tahun.targetPengurangan'), value: vt.targetPengurangan, error: et.targetPengurangan, required: true, attrs: html`inputmode="decimal"` })}
          ${field({ name: 'targetPenanganan', label: t('sampah.pengaturan.tahun.targetPenanganan'), hint: t('sampah.pengaturan.tahun.targetHint'), value: vt.targetPenanganan, error: et.targetPenanganan, required: true, attrs: html`inputmode="decimal"` })}
          <p><button type="submit" class="button primary">${t('sampah.pengaturan.tahun.simpan')}</button></p>
        </form>
      </section>
      <section aria-labelledby="h-penduduk">
        <h2 id="h-penduduk">${t('sampah.pengaturan.penduduk.judul', { tahun: String(o.tahun) })}</h2>
        <p>${t('sampah.pengaturan.penduduk.intro')}</p>
        <form
          class="filters"
          method="get"
          action="${self}#h-penduduk"
          role="search"
          aria-label="${t('sampah.pengaturan.penduduk.pilihTahun')}"
        >
          ${selectField({
            name: 'tahun',
            label: t('sampah.pengaturan.penduduk.pilihTahun'),
            options: pilihan.map((y) => option(String(y), String(y), String(o.tahun))),
          })}
          <p><button type="submit" class="button">${t('sampah.tonase.tampilkan')}</button></p>
        </form>
        ${summary(t, ep)}
        <form method="post" action="${self}/penduduk" aria-labelledby="h-penduduk">
          ${csrfField(req)}
          <input type="hidden" name="tahun" value="${o.tahun}" />
          ${field({ name: 'sumber', label: t('sampah.pengaturan.penduduk.sumber'), hint: t('sampah.pengaturan.penduduk.sumberHint'), value: vp.sumber, error: ep.sumber })}
          ${tableWrap(
            'cap-penduduk',
            t('sampah.pengaturan.penduduk.caption', { tahun: String(o.tahun) }),
            html`<tr>
              <th scope="col">${t('sampah.pengaturan.penduduk.kecamatan')}</th>
              <th scope="col">${t('sampah.pengaturan.penduduk.jiwa')}</th>
            </tr>`,
            [
              ...penduduk.kecamatan.map(pendudukRow),
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
            ${t('sampah.pengaturan.penduduk.terisi', { n: terisi, total: penduduk.kecamatan.length })}
            ${banding}
          </p>
          <p class="hint">${t('sampah.pengaturan.penduduk.kosongkan')}</p>
          <p>
            <button type="submit" class="button primary">${t('sampah.pengaturan.penduduk.simpan')}</button>
          </p>
        </form>
      </section>`,
  });
}

export function tonaseTahunPages(app: FastifyInstance): void {
  app.get(
    `/:city${PATH}`,
    { schema: { params: CityParams, querystring: PageQuery }, config: atur },
    (req, reply) => {
      const q = req.query as Static<typeof PageQuery>;
      return halaman(req, reply, { tahun: q.tahun ?? Number(hariIniWib().slice(0, 4)), ok: q.ok });
    },
  );

  app.post(
    `/:city${PATH}`,
    { schema: { params: CityParams, body: TahunForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b = (req.body ?? {}) as Static<typeof TahunForm>;
      const tahunIsian = Number((b.tahun ?? '').trim());
      const tahunHalaman =
        Number.isInteger(tahunIsian) && tahunIsian >= 2000 && tahunIsian <= 2100
          ? tahunIsian
          : Number(hariIniWib().slice(0, 4));
      return submitForm(
        req,
        reply,
        TAHUN_FIELDS,
        (failed) => halaman(req, reply, { tahun: tahunHalaman, failedTahun: failed }),
        async () => {
          const tahun = /^\s*\d{4}\s*$/.test(b.tahun ?? '') ? tahunIsian : Number.NaN;
          await denganPeta(
            () =>
              cityTx(req, (trx) =>
                aturTahun(trx, cityOf(req), userOf(req), tahun, {
                  lajuTimbulan: desimal(b.lajuTimbulan),
                  targetPengurangan: desimal(b.targetPengurangan),
                  targetPenanganan: desimal(b.targetPenanganan),
                }),
              ),
            (p) => (p === '/params/tahun' ? '/body/tahun' : p),
          );
          return cityPath(req, `${PATH}?tahun=${tahun}&ok=tahun`);
        },
      );
    },
  );

  app.post(
    `/:city${PATH}/penduduk`,
    { schema: { params: CityParams, body: PendudukForm }, attachValidation: true, config: atur },
    async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, string | undefined>;
      const tahunIsian = Number((b.tahun ?? '').trim());
      const tahunSah = Number.isInteger(tahunIsian) && tahunIsian >= 2000 && tahunIsian <= 2100;
      const tahun = tahunSah ? tahunIsian : Number(hariIniWib().slice(0, 4));
      const kolom = Object.keys(b).filter((k) => k.startsWith('p_'));
      return submitForm(
        req,
        reply,
        ['sumber', ...kolom],
        (failed) => halaman(req, reply, { tahun, failedPenduduk: failed }),
        async () => {
          const input: PendudukInput[] = kolom.map((k) => ({
            kecamatanKode: k.slice(2),
            penduduk: bulat(b[k]),
            sumber: b.sumber ?? null,
          }));
          await denganPeta(
            () =>
              cityTx(req, (trx) =>
                aturPendudukKecamatan(
                  trx,
                  cityOf(req),
                  userOf(req),
                  tahunSah ? tahunIsian : Number.NaN,
                  input,
                ),
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
