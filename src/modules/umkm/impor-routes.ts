/**
 * Spreadsheet import of businesses (umkm.impor): the JSON API under
 * /api/v1/cities/:city/umkm/impor and the pages /:city/umkm/impor (upload form, template, recent
 * imports) and /:city/umkm/impor/:id (progress while checking, then the preview: counts, the
 * invalid rows with their column and message, the rows to create or update; confirm or cancel).
 * The rules are in impor.ts.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext, NavItem } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, Csrf, Paging, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  pagination,
  problemErrors,
  queryString,
  tableWrap,
  validationErrors,
  type FormErrors,
} from '../../platform/web/components.ts';
import { formatDateTime, formatNumber } from '../../platform/i18n/index.ts';
import {
  KOLOM_IMPOR,
  KOLOM_WAJIB,
  MAX_ROWS,
  batalkanImpor,
  buatImpor,
  daftarImpor,
  getImpor,
  kelurahanKota,
  konfirmasiImpor,
  templatImpor,
  type ImporRingkas,
  type ImporView,
} from './impor.ts';
import { UMKM_IMPOR } from './permissions.ts';
import { STATUS_IMPOR } from './tables.ts';

export const imporNav: NavItem[] = [{ path: '/umkm/impor', label: 'umkm.nav.impor', access: UMKM_IMPOR }];

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/impor';
const access = { access: { permission: UMKM_IMPOR } } as const;
const PER_HALAMAN = 100;

const ImporForm = Type.Object(
  {
    _csrf: Csrf,
    berkas: Type.Optional(
      Type.Unsafe<unknown>({
        description: 'The CSV or XLSX file (multipart file part "berkas"), at most 5 MB',
      }),
    ),
    namaBerkas: Type.Optional(
      Type.String({ maxLength: 200, description: 'File name to show (defaults to the uploaded name)' }),
    ),
  },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });
const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const Jumlah = Type.Integer({ minimum: 0 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Hasil = Nullable(Type.Object({ baru: Jumlah, diubah: Jumlah }));

const RingkasFields = {
  id: Uuid,
  namaFile: Type.String(),
  status: Type.Union(
    STATUS_IMPOR.map((s) => Type.Literal(s)),
    {
      description:
        'diperiksa (being checked) | pratinjau (checked: preview) | mengimpor (confirmed: being checked again and written) | gagal (file unusable) | diimpor | dibatalkan',
    },
  ),
  jumlahBaris: Nullable(Jumlah),
  diproses: Jumlah,
  persen: Type.Integer({ minimum: 0, maximum: 100, description: 'Progress while diperiksa or mengimpor' }),
  valid: Jumlah,
  galat: Type.Integer({ minimum: 0, description: 'Rows with at least one problem' }),
  baru: Type.Integer({ minimum: 0, description: 'Valid rows that create a business' }),
  ubah: Type.Integer({ minimum: 0, description: 'Valid rows that update a business with the same NIB' }),
  baruTanpaNib: Type.Integer({ minimum: 0, description: 'New businesses without NIB (never matched again)' }),
  hasil: Hasil,
  dibuatAt: Type.String({ format: 'date-time' }),
  diperbaruiAt: Type.String({ format: 'date-time' }),
  milik: Type.Boolean(),
};
const ImporRingkasOut = Type.Object(RingkasFields);
const ImporOut = Type.Object({
  ...RingkasFields,
  catatan: Nullable(
    Type.String({
      description: 'Why a confirmed import is back at pratinjau (the registry changed, or saving failed)',
    }),
  ),
  masalah: Type.Array(
    Type.Object({
      baris: Type.Integer({
        description: 'Row as the spreadsheet shows it (1 = header, 0 = the whole file)',
      }),
      kolom: Nullable(Type.String()),
      pesan: Type.String(),
    }),
  ),
  masalahLebih: Type.Integer({ minimum: 0, description: 'Problems not listed (beyond the first 1000)' }),
  baris: Type.Array(
    Type.Object({
      baris: Type.Integer(),
      aksi: Type.Union([Type.Literal('baru'), Type.Literal('ubah')]),
      nib: Nullable(Type.String()),
      nama: Nullable(Type.String()),
      titik: Nullable(
        Type.Tuple([Type.Number(), Type.Number()], { description: 'Latitude and longitude the row sets' }),
      ),
    }),
  ),
  barisTotal: Jumlah,
  bisaKonfirmasi: Type.Boolean(),
  bisaBatal: Type.Boolean(),
});
const ViewQuery = Type.Object(Paging, { additionalProperties: false });

const n = (x: number | null | undefined) => (x === null || x === undefined ? '—' : formatNumber(x));

/** A file over the multipart limit is refused while the form is read: back to the form, which explains. */
function terlaluBesar(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
    const { city } = (req.params ?? {}) as { city?: string };
    if (city && /^[a-z][a-z0-9-]{1,39}$/.test(city))
      return reply.redirect(`/${city}/umkm/impor?galat=besar`, 303);
  }
  throw err;
}

export function imporRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  // ---- API ----

  app.post(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary:
          'Upload a spreadsheet of businesses (CSV or XLSX, multipart field "berkas", at most 5 MB and 20,000 rows); checked by a background job into a preview. Nothing is written until confirmed.',
        consumes: ['multipart/form-data'],
        params: CityParams,
        body: ImporForm,
        response: { 202: ImporOut, ...errorResponses, 413: errorResponses[400] },
      },
      config: access,
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Static<typeof ImporForm>;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        const id = await buatImpor(trx, ctx.jobs, cityOf(req).id, user, {
          content: body.berkas,
          fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImpor(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/umkm/impor/${view.id}`)
        .send(view);
    },
  );

  app.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'Recent imports (your own; all of the city for a city-wide importer)',
        params: CityParams,
        response: { 200: Type.Object({ items: Type.Array(ImporRingkasOut) }), ...errorResponses },
      },
      config: access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => daftarImpor(trx, userOf(req))) }),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags: TAGS,
        summary:
          'An import: progress while checking, then the preview (counts, problems by row and column, one page of the rows to create or update)',
        params: IdParams,
        querystring: ViewQuery,
        response: { 200: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const q = req.query as Static<typeof ViewQuery>;
      return cityTx(req, (trx) =>
        getImpor(trx, userOf(req), id, req.t, { page: q.page ?? 1, perPage: q.perPage ?? 50 }),
      );
    },
  );

  app.post(
    `${BASE}/:id/konfirmasi`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Confirm a clean preview (409 while rows are invalid). A background job checks the file again and writes all rows in one transaction: the import is "mengimpor" until it is "diimpor", or back at "pratinjau" with a renewed report and a note (catatan) when the registry changed since the preview. Poll the import.',
        params: IdParams,
        response: { 202: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        await konfirmasiImpor(trx, ctx.jobs, user, id);
        return getImpor(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/umkm/impor/${view.id}`)
        .send(view);
    },
  );

  app.post(
    `${BASE}/:id/batal`,
    {
      schema: {
        tags: TAGS,
        summary: 'Cancel an import that is not done yet; its file is erased',
        params: IdParams,
        response: { 200: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        await batalkanImpor(trx, user, id);
        return getImpor(trx, user, id, req.t);
      });
    },
  );

  // ---- Pages ----

  const statusLabel = (req: FastifyRequest, s: ImporRingkas['status']) => req.t(`umkm.impor.status.${s}`);

  function uploadPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { imports: ImporRingkas[]; errors?: FormErrors; status?: number; ok?: string },
  ) {
    const t = req.t;
    const e = o.errors ?? {};
    return sendPage(req, reply, {
      title: t('umkm.impor.title'),
      status: o.status ?? 200,
      body: html`<h1>${t('umkm.impor.title')}</h1>
        ${flash(o.ok)}
        <p class="lead">${t('umkm.impor.intro')}</p>
        <section aria-labelledby="h-format">
          <h2 id="h-format">${t('umkm.impor.formatTitle')}</h2>
          <p>${t('umkm.impor.aturan', { max: formatNumber(MAX_ROWS) })}</p>
          <p>${t('umkm.impor.aturanNib')}</p>
          ${tableWrap(
            'cap-kolom',
            t('umkm.impor.kolomCaption'),
            html`<tr>
              <th scope="col">${t('umkm.impor.kolom')}</th>
              <th scope="col">${t('umkm.impor.arti')}</th>
            </tr>`,
            KOLOM_IMPOR.map(
              (c) =>
                html`<tr>
                  <th scope="row">
                    <code>${c}</code
                    >${KOLOM_WAJIB.includes(c) ? html` <span class="tag">${t('umkm.impor.wajib')}</span>` : ''}
                  </th>
                  <td>${t(`umkm.impor.kol.${c}`)}</td>
                </tr>`,
            ),
          )}
          <p>
            <a href="${cityPath(req, '/umkm/impor/templat.xlsx')}" download>${t('umkm.impor.templat')}</a>
          </p>
        </section>
        <section aria-labelledby="h-unggah" class="narrow">
          <h2 id="h-unggah">${t('umkm.impor.unggahTitle')}</h2>
          ${errorSummary(t, e)}
          <form
            method="post"
            action="${cityPath(req, '/umkm/impor')}"
            enctype="multipart/form-data"
            novalidate
          >
            ${csrfField(req)}
            ${field({
              name: 'berkas',
              label: t('umkm.impor.berkas'),
              type: 'file',
              required: true,
              error: e.berkas,
              hint: t('umkm.impor.berkasHint'),
              attrs: raw(
                'accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"',
              ),
            })}
            <button type="submit" class="primary">${t('umkm.impor.periksa')}</button>
          </form>
        </section>
        <section aria-labelledby="h-riwayat">
          <h2 id="h-riwayat">${t('umkm.impor.riwayat')}</h2>
          ${
            o.imports.length
              ? tableWrap(
                  'cap-riwayat',
                  t('umkm.impor.riwayatCaption'),
                  html`<tr>
                    <th scope="col">${t('umkm.impor.namaFile')}</th>
                    <th scope="col">${t('umkm.impor.diunggah')}</th>
                    <th scope="col">${t('umkm.impor.statusLabel')}</th>
                    <th scope="col" class="num">${t('umkm.impor.jumlahBaris')}</th>
                    <th scope="col" class="num">${t('umkm.impor.jumlahGalat')}</th>
                  </tr>`,
                  o.imports.map(
                    (i) =>
                      html`<tr>
                        <th scope="row">
                          <a href="${cityPath(req, `/umkm/impor/${i.id}`)}">${i.namaFile}</a>
                        </th>
                        <td>${formatDateTime(i.dibuatAt)}</td>
                        <td><span class="tag">${statusLabel(req, i.status)}</span></td>
                        <td class="num">${n(i.jumlahBaris)}</td>
                        <td class="num">${i.status === 'pratinjau' ? n(i.galat) : '—'}</td>
                      </tr>`,
                  ),
                )
              : html`<p>${t('umkm.impor.belumAda')}</p>`
          }
        </section>`,
    });
  }

  const UploadQuery = Type.Object(
    {
      galat: Type.Optional(Type.Literal('besar')),
      ok: Type.Optional(Type.Literal('dibatalkan')),
    },
    { additionalProperties: false },
  );
  app.get(
    '/:city/umkm/impor',
    { schema: { params: CityParams, querystring: UploadQuery }, config: access },
    async (req, reply) => {
      const q = req.query as Static<typeof UploadQuery>;
      const imports = await cityTx(req, (trx) => daftarImpor(trx, userOf(req), 10));
      return uploadPage(req, reply, {
        imports,
        ...(q.galat === 'besar' ? { errors: { berkas: req.t('umkm.impor.err.tooLarge') }, status: 413 } : {}),
        ...(q.ok ? { ok: req.t('umkm.impor.dibatalkan') } : {}),
      });
    },
  );

  app.post(
    '/:city/umkm/impor',
    {
      schema: { params: CityParams, body: ImporForm },
      attachValidation: true,
      config: access,
      errorHandler: terlaluBesar,
    },
    async (req, reply) => {
      const user = userOf(req);
      const body = (req.body ?? {}) as Static<typeof ImporForm>;
      const imports = () => cityTx(req, (trx) => daftarImpor(trx, user, 10));
      if (req.validationError)
        return uploadPage(req, reply, {
          imports: await imports(),
          errors: validationErrors(req),
          status: 400,
        });
      try {
        const id = await cityTx(req, (trx) =>
          buatImpor(trx, ctx.jobs, cityOf(req).id, user, {
            content: body.berkas,
            fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/umkm/impor/${id}`), 303);
      } catch (err) {
        const p = problemErrors(req, err);
        return uploadPage(req, reply, { imports: await imports(), errors: p.errors, status: p.status });
      }
    },
  );

  app.get(
    '/:city/umkm/impor/templat.xlsx',
    { schema: { params: CityParams }, config: access },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const kelurahan = await cityTx(req, (trx) => kelurahanKota(trx, city.id));
      const buf = await templatImpor(t, kelurahan, {
        kode: t('umkm.impor.kode'),
        kelurahan: t('umkm.impor.kelurahan'),
        kecamatan: t('umkm.impor.kecamatan'),
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="templat-umkm-${city.slug}.xlsx"`)
        .send(buf);
    },
  );

  const PreviewQuery = Type.Object(
    {
      halaman: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
    },
    { additionalProperties: false },
  );

  function previewPage(
    req: FastifyRequest,
    reply: FastifyReply,
    i: ImporView,
    o: { halaman: number; alert?: string; status?: number },
  ) {
    const t = req.t;
    const running = i.status === 'diperiksa' || i.status === 'mengimpor';
    const title = t('umkm.impor.pratinjauTitle', { file: i.namaFile });
    const pages = Math.max(1, Math.ceil(i.barisTotal / PER_HALAMAN));
    const statusAlert: SafeHtml =
      i.status === 'diperiksa'
        ? html`<div class="alert alert-info">${t('umkm.impor.sedangDiperiksa')}</div>`
        : i.status === 'mengimpor'
          ? html`<div class="alert alert-info">${t('umkm.impor.sedangDiimpor', { jumlah: i.valid })}</div>`
          : i.status === 'gagal'
            ? html`<div class="alert alert-error">${t('umkm.impor.gagal')}</div>`
            : i.status === 'diimpor'
              ? html`<div class="alert alert-success">
                  ${t('umkm.impor.selesai', { baru: i.hasil?.baru ?? 0, diubah: i.hasil?.diubah ?? 0 })}
                </div>`
              : i.status === 'dibatalkan'
                ? html`<div class="alert alert-info">${t('umkm.impor.dibatalkan')}</div>`
                : i.galat > 0
                  ? html`<div class="alert alert-error">
                      ${t('umkm.impor.adaGalat', { jumlah: i.galat })}
                    </div>`
                  : html`<div class="alert alert-info">${t('umkm.impor.siap', { jumlah: i.valid })}</div>`;
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      ...(running ? { head: raw('<meta http-equiv="refresh" content="2">') } : {}),
      body: html`${breadcrumbs(t('umkm.impor.breadcrumbs'), [
          { href: cityPath(req, '/umkm/impor'), label: t('umkm.impor.title') },
          { label: i.namaFile },
        ])}
        <h1>${title}</h1>
        ${o.alert ? html`<div class="alert alert-error" role="alert">${o.alert}</div>` : ''}
        ${i.catatan && i.status !== 'diimpor' ? html`<div class="alert alert-error" role="alert">${i.catatan}</div>` : ''}
        <div role="status">${statusAlert}</div>
        <dl class="facts">
          <dt>${t('umkm.impor.statusLabel')}</dt>
          <dd><span class="tag">${statusLabel(req, i.status)}</span></dd>
          ${
            running
              ? html`<dt>${t('umkm.impor.kemajuan')}</dt>
                  <dd>
                    <progress
                      id="kemajuan"
                      max="100"
                      value="${i.persen}"
                      aria-label="${t('umkm.impor.kemajuan')}"
                    >
                      ${i.persen}%
                    </progress>
                    ${
                      i.status === 'mengimpor'
                        ? t('umkm.impor.persen', { persen: i.persen })
                        : t('umkm.impor.diproses', { diproses: n(i.diproses), total: n(i.jumlahBaris) })
                    }
                  </dd>`
              : html`<dt>${t('umkm.impor.jumlahBaris')}</dt>
                  <dd>${n(i.jumlahBaris)}</dd>
                  <dt>${t('umkm.impor.jumlahValid')}</dt>
                  <dd>${n(i.valid)}</dd>
                  <dt>${t('umkm.impor.jumlahGalat')}</dt>
                  <dd>${n(i.galat)}</dd>
                  <dt>${t('umkm.impor.jumlahBaru')}</dt>
                  <dd>${n(i.baru)}</dd>
                  <dt>${t('umkm.impor.jumlahUbah')}</dt>
                  <dd>${n(i.ubah)}</dd>`
          }
          <dt>${t('umkm.impor.diunggah')}</dt>
          <dd>${formatDateTime(i.dibuatAt)}</dd>
        </dl>
        ${i.baruTanpaNib > 0 && i.status === 'pratinjau' ? html`<p>${t('umkm.impor.tanpaNib', { jumlah: i.baruTanpaNib })}</p>` : ''}
        ${
          i.masalah.length
            ? html`<section aria-labelledby="h-galat">
                <h2 id="h-galat">${t('umkm.impor.galatTitle')}</h2>
                <p>${t('umkm.impor.galatIntro')}</p>
                ${tableWrap(
                  'cap-galat',
                  t('umkm.impor.galatCaption', { jumlah: i.masalah.length + i.masalahLebih }),
                  html`<tr>
                    <th scope="col" class="num">${t('umkm.impor.baris')}</th>
                    <th scope="col">${t('umkm.impor.kolom')}</th>
                    <th scope="col">${t('umkm.impor.pesan')}</th>
                  </tr>`,
                  i.masalah.map(
                    (m) =>
                      html`<tr>
                        <td class="num">${m.baris > 0 ? formatNumber(m.baris) : '—'}</td>
                        <td>${m.kolom ? html`<code>${m.kolom}</code>` : '—'}</td>
                        <td>${m.pesan}</td>
                      </tr>`,
                  ),
                )}
                ${i.masalahLebih > 0 ? html`<p>${t('umkm.impor.galatLebih', { jumlah: n(i.masalahLebih) })}</p>` : ''}
              </section>`
            : ''
        }
        ${
          i.barisTotal > 0 && i.status !== 'dibatalkan'
            ? html`<section aria-labelledby="h-baris">
                <h2 id="h-baris">
                  ${i.status === 'diimpor' ? t('umkm.impor.barisDiimpor') : t('umkm.impor.barisTitle')}
                </h2>
                ${tableWrap(
                  'cap-baris',
                  t('umkm.impor.barisCaption', { jumlah: n(i.barisTotal) }),
                  html`<tr>
                    <th scope="col" class="num">${t('umkm.impor.baris')}</th>
                    <th scope="col">${t('umkm.impor.tindakan')}</th>
                    <th scope="col">NIB</th>
                    <th scope="col">${t('umkm.impor.namaUsaha')}</th>
                    <th scope="col">${t('umkm.impor.titik')}</th>
                  </tr>`,
                  i.baris.map(
                    (b) =>
                      html`<tr>
                        <td class="num">${formatNumber(b.baris)}</td>
                        <td><span class="tag">${t(`umkm.impor.aksi.${b.aksi}`)}</span></td>
                        <td>${b.nib ?? '—'}</td>
                        <td>${b.nama ?? '—'}</td>
                        <td>${b.titik ? `${b.titik[0].toFixed(6)}, ${b.titik[1].toFixed(6)}` : '—'}</td>
                      </tr>`,
                  ),
                )}
                ${pagination(t, t('umkm.impor.barisTitle'), o.halaman, pages, (p) =>
                  cityPath(req, `/umkm/impor/${i.id}${queryString({ halaman: p })}`),
                )}
              </section>`
            : ''
        }
        ${
          i.bisaKonfirmasi
            ? html`<form method="post" action="${cityPath(req, `/umkm/impor/${i.id}/konfirmasi`)}">
                ${csrfField(req)}
                <p>${t('umkm.impor.konfirmasiIntro', { baru: i.baru, ubah: i.ubah })}</p>
                <button type="submit" class="primary">
                  ${t('umkm.impor.konfirmasi', { jumlah: i.valid })}
                </button>
              </form>`
            : ''
        }
        ${
          i.bisaBatal
            ? html`<form method="post" action="${cityPath(req, `/umkm/impor/${i.id}/batal`)}">
                ${csrfField(req)}
                <button type="submit">${t('umkm.impor.batal')}</button>
              </form>`
            : ''
        }
        <p>
          <a href="${cityPath(req, '/umkm/impor')}">${t('umkm.impor.lagi')}</a>
          ${i.status === 'diimpor' ? html` · <a href="${cityPath(req, '/umkm/usaha')}">${t('umkm.nav.registri')}</a>` : ''}
        </p>`,
    });
  }

  app.get(
    '/:city/umkm/impor/:id',
    { schema: { params: IdParams, querystring: PreviewQuery }, config: access },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const q = req.query as Static<typeof PreviewQuery>;
      const halaman = q.halaman ?? 1;
      const i = await cityTx(req, (trx) =>
        getImpor(trx, userOf(req), id, req.t, { page: halaman, perPage: PER_HALAMAN }),
      );
      return previewPage(req, reply, i, { halaman });
    },
  );

  app.post(
    '/:city/umkm/impor/:id/konfirmasi',
    { schema: { params: IdParams, body: CsrfForm }, config: access },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const user = userOf(req);
      let alert: string;
      try {
        await cityTx(req, (trx) => konfirmasiImpor(trx, ctx.jobs, user, id));
        return reply.redirect(cityPath(req, `/umkm/impor/${id}`), 303);
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status !== 409) throw err;
        alert = req.t(err.titleKey, err.params);
      }
      const i = await cityTx(req, (trx) => getImpor(trx, user, id, req.t, { page: 1, perPage: PER_HALAMAN }));
      return previewPage(req, reply, i, { halaman: 1, alert, status: 409 });
    },
  );

  app.post(
    '/:city/umkm/impor/:id/batal',
    { schema: { params: IdParams, body: CsrfForm }, config: access },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const user = userOf(req);
      try {
        await cityTx(req, (trx) => batalkanImpor(trx, user, id));
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status !== 409) throw err;
        const i = await cityTx(req, (trx) =>
          getImpor(trx, user, id, req.t, { page: 1, perPage: PER_HALAMAN }),
        );
        return previewPage(req, reply, i, {
          halaman: 1,
          alert: req.t(err.titleKey, err.params),
          status: 409,
        });
      }
      return reply.redirect(cityPath(req, '/umkm/impor?ok=dibatalkan'), 303);
    },
  );
}
