/**
 * The city's UMKM settings and the review of new products: the page /:city/umkm/pengaturan (the
 * setting for those who manage the registry city-wide, and the products waiting in the officer's
 * area, each with an approve button), and the JSON API under /api/v1/cities/:city/umkm
 * (GET/PUT pengaturan, GET produk-menunggu, POST produk/:id/setujui). pengaturan.ts decides.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, Csrf, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { cityPath, csrfField, flash, sendPage } from '../../platform/web/layout.ts';
import { html } from '../../platform/web/html.ts';
import { breadcrumbs, tableWrap } from '../../platform/web/components.ts';
import { formatDateTime, formatRupiah } from '../../platform/i18n/index.ts';
import { UMKM_VERIFIKASI } from './permissions.ts';
import {
  bacaPengaturan,
  bolehAturPengaturan,
  daftarMenunggu,
  setujuiProduk,
  simpanPengaturan,
} from './pengaturan.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm';
const access = { access: { permission: UMKM_VERIFIKASI } } as const;

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const PengaturanOut = Type.Object({
  produkDitinjau: Type.Boolean({
    description: "New products of verified businesses wait for an officer's approval before going public",
  }),
});
const MenungguOut = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      nama: Type.String(),
      harga: Type.Integer(),
      satuan: Type.String(),
      usahaId: Uuid,
      usahaNama: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
const PengaturanForm = Type.Object(
  { _csrf: Csrf, produkDitinjau: Type.Optional(Type.String({ maxLength: 5 })) },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });
const PageQuery = Type.Object(
  { ok: Type.Optional(Type.Union([Type.Literal('disimpan'), Type.Literal('disetujui')])) },
  { additionalProperties: false },
);

export function pengaturanRoutes(app: FastifyInstance): void {
  // ---- JSON API ----

  app.get(
    `${BASE}/pengaturan`,
    {
      schema: {
        tags: TAGS,
        summary: "The city's UMKM settings",
        params: CityParams,
        response: { 200: PengaturanOut, ...errorResponses },
      },
      config: access,
    },
    (req) => cityTx(req, (trx) => bacaPengaturan(trx)),
  );

  app.put(
    `${BASE}/pengaturan`,
    {
      schema: {
        tags: TAGS,
        summary: "Change the city's UMKM settings (umkm.kelola for the whole city)",
        params: CityParams,
        body: PengaturanOut,
        response: { 200: PengaturanOut, ...errorResponses },
      },
      config: access,
    },
    (req) =>
      cityTx(req, async (trx) => {
        await simpanPengaturan(trx, userOf(req), req.body as Static<typeof PengaturanOut>);
        return bacaPengaturan(trx);
      }),
  );

  app.get(
    `${BASE}/produk-menunggu`,
    {
      schema: {
        tags: TAGS,
        summary: "Products waiting for review in the caller's area, oldest first",
        params: CityParams,
        response: { 200: MenungguOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => daftarMenunggu(trx, userOf(req))) }),
  );

  app.post(
    `${BASE}/produk/:id/setujui`,
    {
      schema: {
        tags: TAGS,
        summary: 'Approve a product waiting for review: it goes live in the public catalogue',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: access,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      await cityTx(req, (trx) => setujuiProduk(trx, userOf(req), id));
      return reply.status(204).send();
    },
  );

  // ---- Pages ----

  async function halaman(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { alert?: string; status?: number } = {},
  ) {
    const t = req.t;
    const user = userOf(req);
    const q = (req.method === 'GET' ? req.query : {}) as Static<typeof PageQuery>;
    const { p, items } = await cityTx(req, async (trx) => ({
      p: await bacaPengaturan(trx),
      items: await daftarMenunggu(trx, user),
    }));
    const title = t('umkm.tinjau.title');
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${breadcrumbs(t('umkm.reg.breadcrumbs'), [
          { href: cityPath(req, '/umkm/usaha'), label: t('umkm.nav.registri') },
          { label: title },
        ])}
        <h1>${title}</h1>
        ${flash(q.ok ? t(`umkm.tinjau.ok.${q.ok}`) : undefined)}
        ${o.alert ? html`<div class="alert alert-error" role="alert">${o.alert}</div>` : ''}
        <section aria-labelledby="h-atur" class="narrow">
          <h2 id="h-atur">${t('umkm.tinjau.aturTitle')}</h2>
          ${
            bolehAturPengaturan(user)
              ? html`<form method="post" action="${cityPath(req, '/umkm/pengaturan')}">
                  ${csrfField(req)}
                  <div class="field checkbox">
                    <input
                      type="checkbox"
                      id="f-produkDitinjau"
                      name="produkDitinjau"
                      value="1"
                      aria-describedby="f-produkDitinjau-hint"
                      ${p.produkDitinjau ? 'checked' : ''}
                    />
                    <label for="f-produkDitinjau">${t('umkm.tinjau.setting')}</label>
                    <p class="hint" id="f-produkDitinjau-hint">${t('umkm.tinjau.settingHint')}</p>
                  </div>
                  <button type="submit">${t('umkm.tinjau.simpan')}</button>
                </form>`
              : html`<p>${p.produkDitinjau ? t('umkm.tinjau.aktif') : t('umkm.tinjau.nonaktif')}</p>`
          }
        </section>
        <section aria-labelledby="h-menunggu">
          <h2 id="h-menunggu">${t('umkm.tinjau.menungguTitle')}</h2>
          ${
            items.length
              ? tableWrap(
                  'cap-menunggu',
                  t('umkm.tinjau.menungguCaption', { jumlah: items.length }),
                  html`<tr>
                    <th scope="col">${t('umkm.tinjau.produk')}</th>
                    <th scope="col">${t('umkm.tinjau.usaha')}</th>
                    <th scope="col" class="num">${t('umkm.tinjau.harga')}</th>
                    <th scope="col">${t('umkm.tinjau.dibuat')}</th>
                    <th scope="col">${t('umkm.tinjau.aksi')}</th>
                  </tr>`,
                  items.map(
                    (i) =>
                      html`<tr>
                        <td><a href="${cityPath(req, `/umkm/produk/${i.id}`)}">${i.nama}</a></td>
                        <td><a href="${cityPath(req, `/umkm/usaha/${i.usahaId}`)}">${i.usahaNama}</a></td>
                        <td class="num">${formatRupiah(i.harga)} / ${i.satuan}</td>
                        <td>${formatDateTime(new Date(i.createdAt))}</td>
                        <td>
                          <form method="post" action="${cityPath(req, `/umkm/produk/${i.id}/setujui`)}">
                            ${csrfField(req)}
                            <button type="submit">${t('umkm.tinjau.setujui')}</button>
                          </form>
                        </td>
                      </tr>`,
                  ),
                )
              : html`<p>${t('umkm.tinjau.kosong')}</p>`
          }
        </section>`,
    });
  }

  app.get(
    '/:city/umkm/pengaturan',
    { schema: { params: CityParams, querystring: PageQuery }, config: access },
    (req, reply) => halaman(req, reply),
  );

  app.post(
    '/:city/umkm/pengaturan',
    { schema: { params: CityParams, body: PengaturanForm }, config: access },
    async (req, reply) => {
      const b = req.body as Static<typeof PengaturanForm>;
      await cityTx(req, (trx) =>
        simpanPengaturan(trx, userOf(req), { produkDitinjau: b.produkDitinjau === '1' }),
      );
      return reply.redirect(cityPath(req, '/umkm/pengaturan?ok=disimpan'), 303);
    },
  );

  app.post(
    '/:city/umkm/produk/:id/setujui',
    { schema: { params: IdParams, body: CsrfForm }, config: access },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      try {
        await cityTx(req, (trx) => setujuiProduk(trx, userOf(req), id));
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status !== 409) throw err;
        return halaman(req, reply, { alert: req.t(err.titleKey, err.params), status: 409 });
      }
      return reply.redirect(cityPath(req, '/umkm/pengaturan?ok=disetujui'), 303);
    },
  );
}
