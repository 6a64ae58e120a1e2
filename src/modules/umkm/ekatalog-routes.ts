/**
 * e-Katalog: the JSON API under /api/v1/cities/:city/umkm/ekatalog (the officer's list, the
 * checklist of a business and of a product, moving a product through the pipeline) and the
 * pages: the officer's list with the submission downloads (XLSX, CSV), the checklist of a
 * business (its owner's view) and of a product with its history and, for officers, the move form.
 * Routes validate and call ekatalog-service.ts, which authorises.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext, NavItem } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem, type FieldError } from '../../platform/http/problem.ts';
import { fieldMessage } from '../../platform/http/validation.ts';
import { CitySlug, errorResponses } from '../../platform/http/schemas.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  fieldFrame,
  flash,
  sendPage,
} from '../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import {
  formValues,
  option,
  queryString,
  selectField,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import { formatDate, formatDateTime, formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { listKecamatanRows } from '../wilayah/repository.ts';
import { UMKM_EKATALOG } from './permissions.ts';
import { STATUS_EKATALOG, type StatusEkatalog } from './tables.ts';
import { arahPindah, type ItemSyarat } from './ekatalog.ts';
import {
  daftarEkatalog,
  eksporEkatalog,
  hariIniWib,
  pindahEkatalog,
  produkEkatalogView,
  syaratUsahaView,
  type DaftarEkatalogQuery,
  type ProdukEkatalogView,
} from './ekatalog-service.ts';
import { ekatalogCsv, ekatalogXlsx } from './ekatalog-ekspor.ts';

export const ekatalogNav: NavItem[] = [
  { path: '/umkm/ekatalog', label: 'umkm.nav.ekatalog', access: UMKM_EKATALOG },
];

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/ekatalog';
const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
const Id = Type.String({ maxLength: 40 });
const UsahaParams = Type.Object({ city: CitySlug, usahaId: Id }, { additionalProperties: false });
const ProdukParams = Type.Object({ city: CitySlug, produkId: Id }, { additionalProperties: false });
const Status = Type.Union(
  STATUS_EKATALOG.map((s) => Type.Literal(s)),
  { description: 'belum_siap, siap, diajukan or tayang' },
);
const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
const DaftarQuery = Type.Object(
  { status: Type.Optional(Status), kecamatan: Type.Optional(KecamatanKode) },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Status, Type.Literal('')])),
    kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })),
  },
  { additionalProperties: false },
);
const EksporQuery = Type.Object(
  {
    status: Type.Optional(Status),
    produk: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'chosen products (any state)' })),
  },
  { additionalProperties: false },
);
const PindahBody = Type.Object(
  {
    status: Status,
    tanggal: Type.Optional(
      Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'WIB date; default today' }),
    ),
    catatan: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const PindahForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
    tanggal: Type.Optional(Type.String({ maxLength: 20 })),
    catatan: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const ItemOut = Type.Object({
  kode: Type.String(),
  ok: Type.Boolean(),
  level: Type.Union([Type.Literal('wajib'), Type.Literal('bersyarat')]),
  judul: Type.String(),
  saran: Type.String({ description: 'What the owner should do when not ok' }),
});
const ProdukSyaratOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  kategori: Type.String(),
  ekatalog: Status,
  namaTerkunci: Type.Boolean(),
  siap: Type.Boolean(),
  kurang: Type.Array(Type.String()),
  syarat: Type.Array(ItemOut),
});
const UsahaRef = Type.Object({ id: Type.String(), nama: Type.String(), status: Type.String() });
const UsahaSyaratOut = Type.Object({
  usaha: UsahaRef,
  tanggal: Type.String(),
  siap: Type.Boolean(),
  syarat: Type.Array(ItemOut),
  produk: Type.Array(ProdukSyaratOut),
});
const ProdukEkatalogOut = Type.Object({
  ...ProdukSyaratOut.properties,
  usaha: UsahaRef,
  tanggal: Type.String(),
  syaratUsaha: Type.Array(ItemOut),
  langkah: Type.Array(
    Type.Object({
      status: Status,
      tanggal: Type.String(),
      catatan: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
    }),
  ),
  bolehPindah: Type.Boolean(),
});
const BarisOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  kategori: Type.String(),
  ekatalog: Status,
  siap: Type.Boolean(),
  kurang: Type.Array(Type.String()),
  usahaId: Type.String(),
  usahaNama: Type.String(),
  kecamatanKode: Type.String(),
});

const ekatalogAccess = { access: { permission: UMKM_EKATALOG } } as const;
const userAccess = { access: 'user' } as const;

function itemsOut(t: Translator, items: ItemSyarat[]) {
  return items.map((i) => ({ kode: i.kode, ok: i.ok, level: i.level, judul: t(i.judul), saran: t(i.saran) }));
}

function produkOut(t: Translator, v: ProdukEkatalogView) {
  return { ...v, syarat: itemsOut(t, v.syarat), syaratUsaha: itemsOut(t, v.syaratUsaha) };
}

function apiRoutes(app: FastifyInstance): void {
  app.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: "Products in the officer's area with their pipeline state and readiness (at most 2000)",
        params: CityParams,
        querystring: DaftarQuery,
        response: { 200: Type.Array(BarisOut), ...errorResponses },
      },
      config: ekatalogAccess,
    },
    (req) => cityTx(req, (trx) => daftarEkatalog(trx, userOf(req), req.query as Static<typeof DaftarQuery>)),
  );

  app.get(
    `${BASE}/usaha/:usahaId`,
    {
      schema: {
        tags: TAGS,
        summary: 'The e-Katalog checklist of a business and of each of its products (owner or officers)',
        params: UsahaParams,
        response: { 200: UsahaSyaratOut, ...errorResponses },
      },
      config: userAccess,
    },
    async (req) => {
      const { usahaId } = req.params as Static<typeof UsahaParams>;
      const v = await cityTx(req, (trx) => syaratUsahaView(trx, userOf(req), usahaId));
      return {
        ...v,
        syarat: itemsOut(req.t, v.syarat),
        produk: v.produk.map((p) => ({ ...p, syarat: itemsOut(req.t, p.syarat) })),
      };
    },
  );

  app.get(
    `${BASE}/produk/:produkId`,
    {
      schema: {
        tags: TAGS,
        summary: "A product's checklist, pipeline state and history (owner or officers)",
        params: ProdukParams,
        response: { 200: ProdukEkatalogOut, ...errorResponses },
      },
      config: userAccess,
    },
    async (req) => {
      const { produkId } = req.params as Static<typeof ProdukParams>;
      return produkOut(req.t, await cityTx(req, (trx) => produkEkatalogView(trx, userOf(req), produkId)));
    },
  );

  app.post(
    `${BASE}/produk/:produkId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Move a product through the e-Katalog pipeline',
        description:
          'One step forward (belum_siap -> siap -> diajukan -> tayang), or back to an earlier state with a note. siap and diajukan need the checklist complete (409 lists the missing items); diajukan fixes the product name. The date (WIB) defaults to today and may not be in the future.',
        params: ProdukParams,
        body: PindahBody,
        response: { 200: ProdukEkatalogOut, ...errorResponses },
      },
      config: ekatalogAccess,
    },
    async (req) => {
      const { produkId } = req.params as Static<typeof ProdukParams>;
      const body = req.body as Static<typeof PindahBody>;
      return produkOut(req.t, await cityTx(req, (trx) => pindahEkatalog(trx, userOf(req), produkId, body)));
    },
  );
}

// ---- Pages ----

function statusTag(t: Translator, s: StatusEkatalog): SafeHtml {
  return html`<span class="tag">${t(`umkm.ekatalog.status.${s}`)}</span>`;
}

function daftarSyarat(t: Translator, items: ItemSyarat[]): SafeHtml {
  return html`<ul class="plain">
    ${items.map(
      (i) =>
        html`<li>
          <span aria-hidden="true">${i.ok ? '✓' : '✗'}</span>
          <strong>${t(i.judul)}</strong> —
          ${i.ok ? t('umkm.ekatalog.terpenuhi') : t('umkm.ekatalog.belumTerpenuhi')}
          ${i.level === 'bersyarat' ? html`<span class="tag">${t('umkm.ekatalog.level.bersyarat')}</span>` : ''}
          ${i.ok ? '' : html`<p class="hint">${t(i.saran)}</p>`}
        </li>`,
    )}
  </ul>`;
}

function tahapan(t: Translator, s: StatusEkatalog): SafeHtml {
  return html`<ol>
    ${STATUS_EKATALOG.map((x) =>
      x === s
        ? html`<li aria-current="step"><strong>${t(`umkm.ekatalog.status.${x}`)}</strong></li>`
        : html`<li>${t(`umkm.ekatalog.status.${x}`)}</li>`,
    )}
  </ol>`;
}

async function produkPage(
  req: FastifyRequest,
  reply: FastifyReply,
  produkId: string,
  o: {
    ok?: boolean;
    values?: FormValues;
    errors?: FormErrors;
    pesan?: string;
    daftar?: string[];
    status?: number;
  },
): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => produkEkatalogView(trx, userOf(req), produkId));
  const self = cityPath(req, `/umkm/ekatalog/produk/${v.id}`);
  const e = o.errors ?? {};
  const vals = o.values ?? { tanggal: hariIniWib() };
  const tujuan = STATUS_EKATALOG.filter((s) => arahPindah(v.ekatalog, s) !== null);
  return sendPage(req, reply, {
    title: t('umkm.ekatalog.produk.title', { nama: v.nama }),
    ...(o.status ? { status: o.status } : {}),
    body: html`<p><a href="${cityPath(req, `/umkm/ekatalog/usaha/${v.usaha.id}`)}">${v.usaha.nama}</a></p>
      <h1>${t('umkm.ekatalog.produk.title', { nama: v.nama })}</h1>
      <p class="lead">${t('umkm.ekatalog.produk.intro')}</p>
      ${o.ok ? flash(t('umkm.ekatalog.pindah.tersimpan')) : ''}
      ${
        o.pesan
          ? html`<div class="alert alert-error" role="alert">
              <p>${o.pesan}</p>
              ${
                o.daftar?.length
                  ? html`<ul>
                      ${o.daftar.map((d) => html`<li>${d}</li>`)}
                    </ul>`
                  : ''
              }
            </div>`
          : errorSummary(t, e)
      }
      <section aria-labelledby="h-tahap">
        <h2 id="h-tahap">${t('umkm.ekatalog.tahap')}</h2>
        ${tahapan(t, v.ekatalog)}
        ${v.namaTerkunci ? html`<p class="hint">${t('umkm.ekatalog.namaTerkunci')}</p>` : ''}
      </section>
      <section aria-labelledby="h-syarat">
        <h2 id="h-syarat">${t('umkm.ekatalog.syaratJudul')}</h2>
        <p class="alert ${v.siap ? 'alert-success' : 'alert-info'}" role="status">
          ${v.siap ? t('umkm.ekatalog.siapLengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(v.kurang.length) })}
        </p>
        <h3>${t('umkm.ekatalog.syaratUsaha')}</h3>
        ${daftarSyarat(t, v.syaratUsaha)}
        <h3>${t('umkm.ekatalog.syaratProduk')}</h3>
        ${daftarSyarat(t, v.syarat)}
      </section>
      ${
        v.bolehPindah && tujuan.length
          ? html`<section aria-labelledby="h-pindah">
              <h2 id="h-pindah">${t('umkm.ekatalog.pindah.judul')}</h2>
              <form method="post" action="${self}" novalidate>
                ${csrfField(req)}
                ${selectField({
                  name: 'status',
                  label: t('umkm.ekatalog.pindah.ke'),
                  error: e.status,
                  required: true,
                  options: tujuan.map((s) =>
                    option(
                      s,
                      `${t(`umkm.ekatalog.status.${s}`)}${arahPindah(v.ekatalog, s) === 'mundur' ? ` (${t('umkm.ekatalog.pindah.mundur')})` : ''}`,
                      vals.status ?? tujuan.find((x) => arahPindah(v.ekatalog, x) === 'maju'),
                    ),
                  ),
                })}
                ${field({
                  name: 'tanggal',
                  label: t('umkm.ekatalog.pindah.tanggal'),
                  type: 'date',
                  value: vals.tanggal,
                  error: e.tanggal,
                  required: true,
                  attrs: html`max="${hariIniWib()}"`,
                })}
                ${fieldFrame(
                  {
                    name: 'catatan',
                    label: t('umkm.ekatalog.pindah.catatan'),
                    hint: t('umkm.ekatalog.pindah.catatanHint'),
                    error: e.catatan,
                  },
                  (id, aria) =>
                    html`<textarea id="${id}" name="catatan" maxlength="1000" rows="3" ${aria}>
${vals.catatan ?? ''}</textarea>`,
                )}
                <p>
                  <button type="submit" class="button primary">${t('umkm.ekatalog.pindah.simpan')}</button>
                </p>
              </form>
            </section>`
          : ''
      }
      ${
        v.langkah.length
          ? tableWrap(
              'cap-langkah',
              t('umkm.ekatalog.riwayat'),
              html`<tr>
                <th scope="col">${t('umkm.ekatalog.kol.tanggal')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.status')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.catatan')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.dicatat')}</th>
              </tr>`,
              v.langkah.map(
                (l) =>
                  html`<tr>
                    <td>${formatDate(l.tanggal)}</td>
                    <td>${t(`umkm.ekatalog.status.${l.status}`)}</td>
                    <td>${l.catatan ?? ''}</td>
                    <td>${formatDateTime(l.at)}</td>
                  </tr>`,
              ),
            )
          : html`<p>${t('umkm.ekatalog.riwayatKosong')}</p>`
      }`,
  });
}

async function usahaPage(req: FastifyRequest, reply: FastifyReply, usahaId: string): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => syaratUsahaView(trx, userOf(req), usahaId));
  const judul = t('umkm.ekatalog.usaha.title', { nama: v.usaha.nama });
  return sendPage(req, reply, {
    title: judul,
    body: html`<h1>${judul}</h1>
      <p class="lead">${t('umkm.ekatalog.usaha.intro')}</p>
      <section aria-labelledby="h-syarat-usaha">
        <h2 id="h-syarat-usaha">${t('umkm.ekatalog.syaratUsaha')}</h2>
        <p class="alert ${v.siap ? 'alert-success' : 'alert-info'}" role="status">
          ${v.siap ? t('umkm.ekatalog.usaha.siap') : t('umkm.ekatalog.usaha.belum')}
        </p>
        ${daftarSyarat(t, v.syarat)}
      </section>
      <section aria-labelledby="h-produk">
        <h2 id="h-produk">${t('umkm.ekatalog.usaha.produk')}</h2>
        ${
          v.produk.length
            ? tableWrap(
                'cap-produk',
                t('umkm.ekatalog.usaha.produkCaption', { nama: v.usaha.nama }),
                html`<tr>
                  <th scope="col">${t('umkm.ekatalog.kol.namaProduk')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.status')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.syarat')}</th>
                </tr>`,
                v.produk.map(
                  (p) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${cityPath(req, `/umkm/ekatalog/produk/${p.id}`)}">${p.nama}</a>
                      </th>
                      <td>${statusTag(t, p.ekatalog)}</td>
                      <td>
                        ${p.siap ? t('umkm.ekatalog.lengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(p.kurang.length) })}
                      </td>
                    </tr>`,
                ),
              )
            : html`<p>${t('umkm.ekatalog.usaha.tanpaProduk')}</p>`
        }
      </section>`,
  });
}

async function daftarPage(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const t = req.t;
  const q = req.query as Static<typeof PageQuery>;
  const city = cityOf(req);
  const status = q.status || undefined;
  const kecamatan = q.kecamatan || undefined;
  const { rows, kec } = await cityTx(req, async (trx) => ({
    rows: await daftarEkatalog(trx, userOf(req), { status, kecamatan }),
    kec: await listKecamatanRows(trx, city.id),
  }));
  const nama = new Map(kec.map((k) => [k.kode, k.nama]));
  const self = cityPath(req, '/umkm/ekatalog');
  const siapQs = queryString({ status: 'siap' });
  return sendPage(req, reply, {
    title: t('umkm.ekatalog.title'),
    body: html`<h1>${t('umkm.ekatalog.title')}</h1>
      <p class="lead">${t('umkm.ekatalog.intro')}</p>
      <p class="meta">
        ${t('umkm.ekatalog.unduhSiap')}:
        <a href="${self}/ekspor.xlsx${siapQs}" download>${t('umkm.ekatalog.unduhXlsx')}</a> ·
        <a href="${self}/ekspor.csv${siapQs}" download>${t('umkm.ekatalog.unduhCsv')}</a>
      </p>
      <form
        class="filters"
        method="get"
        action="${self}"
        role="search"
        aria-label="${t('umkm.ekatalog.saring')}"
      >
        ${selectField({
          name: 'status',
          label: t('umkm.ekatalog.kol.status'),
          options: [
            option('', t('umkm.ekatalog.semuaTahap'), status ?? ''),
            ...STATUS_EKATALOG.map((s) => option(s, t(`umkm.ekatalog.status.${s}`), status)),
          ],
        })}
        ${selectField({
          name: 'kecamatan',
          label: t('umkm.ekatalog.kol.kecamatan'),
          options: [
            option('', t('umkm.ekatalog.semuaKecamatan'), kecamatan ?? ''),
            ...kec.map((k) => option(k.kode, k.nama, kecamatan)),
          ],
        })}
        <p><button type="submit" class="button">${t('umkm.ekatalog.tampilkan')}</button></p>
      </form>
      ${
        rows.length
          ? html`<form method="get" action="${self}/ekspor.xlsx">
              ${tableWrap(
                'cap-ekatalog',
                t('umkm.ekatalog.caption', { n: formatNumber(rows.length) }),
                html`<tr>
                  <th scope="col">${t('umkm.ekatalog.pilih')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.namaProduk')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.namaUsaha')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.kecamatan')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.status')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.syarat')}</th>
                </tr>`,
                rows.map(
                  (r) =>
                    html`<tr>
                      <td>
                        <input
                          type="checkbox"
                          name="produk"
                          value="${r.id}"
                          id="pilih-${r.id}"
                          aria-label="${t('umkm.ekatalog.pilihProduk', { nama: r.nama })}"
                        />
                      </td>
                      <th scope="row"><a href="${self}/produk/${r.id}">${r.nama}</a></th>
                      <td><a href="${self}/usaha/${r.usahaId}">${r.usahaNama}</a></td>
                      <td>${nama.get(r.kecamatanKode) ?? r.kecamatanKode}</td>
                      <td>${statusTag(t, r.ekatalog)}</td>
                      <td>
                        ${r.siap ? t('umkm.ekatalog.lengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(r.kurang.length) })}
                      </td>
                    </tr>`,
                ),
              )}
              <p>
                <button type="submit" class="button">${t('umkm.ekatalog.unduhPilihanXlsx')}</button>
                <button type="submit" class="button" formaction="${self}/ekspor.csv">
                  ${t('umkm.ekatalog.unduhPilihanCsv')}
                </button>
              </p>
            </form>`
          : html`<p>${t('umkm.ekatalog.kosong')}</p>`
      }`,
  });
}

function pageRoutes(app: FastifyInstance): void {
  app.get(
    '/:city/umkm/ekatalog',
    { schema: { params: CityParams, querystring: PageQuery }, config: ekatalogAccess },
    (req, reply) => daftarPage(req, reply),
  );

  function download(ext: 'xlsx' | 'csv', type: string) {
    app.get(
      `/:city/umkm/ekatalog/ekspor.${ext}`,
      { schema: { params: CityParams, querystring: EksporQuery }, config: ekatalogAccess },
      async (req, reply) => {
        const q = req.query as Static<typeof EksporQuery>;
        const city = cityOf(req);
        const query: DaftarEkatalogQuery = q.produk?.length
          ? { produk: q.produk }
          : { status: q.status ?? 'siap' };
        const rows = await cityTx(req, (trx) => eksporEkatalog(trx, userOf(req), query));
        const tanggal = hariIniWib();
        const body =
          ext === 'csv'
            ? ekatalogCsv(rows, req.t, req.locale)
            : await ekatalogXlsx(rows, req.t, req.t('umkm.ekatalog.judulFile', { kota: city.name, tanggal }));
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="ekatalog-${city.slug}-${tanggal}.${ext}"`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  }
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  download('csv', 'text/csv; charset=utf-8');

  app.get(
    '/:city/umkm/ekatalog/usaha/:usahaId',
    { schema: { params: UsahaParams }, config: userAccess },
    (req, reply) => usahaPage(req, reply, (req.params as Static<typeof UsahaParams>).usahaId),
  );

  app.get(
    '/:city/umkm/ekatalog/produk/:produkId',
    {
      schema: {
        params: ProdukParams,
        querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
      config: userAccess,
    },
    (req, reply) =>
      produkPage(req, reply, (req.params as Static<typeof ProdukParams>).produkId, {
        ok: Boolean((req.query as { ok?: string }).ok),
      }),
  );

  app.post(
    '/:city/umkm/ekatalog/produk/:produkId',
    { schema: { params: ProdukParams, body: PindahForm }, attachValidation: true, config: ekatalogAccess },
    async (req, reply) => {
      const { produkId } = req.params as Static<typeof ProdukParams>;
      const values = formValues(req.body, ['status', 'tanggal', 'catatan']);
      if (req.validationError) {
        return produkPage(req, reply, produkId, { values, errors: validationErrors(req), status: 400 });
      }
      const b = req.body as Static<typeof PindahForm>;
      try {
        await cityTx(req, (trx) =>
          pindahEkatalog(trx, userOf(req), produkId, {
            status: b.status ?? '',
            tanggal: b.tanggal ?? null,
            catatan: b.catatan ?? null,
          }),
        );
      } catch (err) {
        if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status)) throw err;
        const t = req.t;
        const detail = (e: FieldError) => fieldMessage(t, e, err.params);
        if (err.status === 400) {
          const errors: FormErrors = {};
          for (const e of err.errors ?? []) errors[e.pointer.split('/').slice(2).join('.')] ??= detail(e);
          return produkPage(req, reply, produkId, { values, errors, status: 400 });
        }
        return produkPage(req, reply, produkId, {
          values,
          pesan: t(err.titleKey, err.params),
          daftar: (err.errors ?? []).filter((e) => e.pointer.startsWith('/syarat/')).map(detail),
          status: 409,
        });
      }
      return reply.redirect(cityPath(req, `/umkm/ekatalog/produk/${produkId}?ok=1`), 303);
    },
  );
}

export function ekatalogRoutes(app: FastifyInstance, _ctx: ModuleContext): void {
  apiRoutes(app);
  pageRoutes(app);
}
