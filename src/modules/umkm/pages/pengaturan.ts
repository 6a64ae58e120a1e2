/**
 * The city's UMKM settings and the review of new products (/:city/umkm/pengaturan): the setting
 * for those who manage the registry city-wide, and the products waiting in the officer's area,
 * each with an approve button.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, Csrf, Uuid, oneOf } from '../../../platform/http/schemas.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { cityPath, csrfField, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { breadcrumbs, tableWrap } from '../../../platform/web/components.ts';
import { formatDateTime, formatRupiah } from '../../../platform/i18n/index.ts';
import { UMKM_VERIFIKASI } from '../permissions.ts';
import {
  approveProduk,
  canSetPengaturan,
  getPengaturan,
  listMenunggu,
  savePengaturan,
} from '../pengaturan.ts';

const access = { access: { permission: UMKM_VERIFIKASI } } as const;
const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const PengaturanForm = Type.Object(
  { _csrf: Csrf, produkDitinjau: Type.Optional(Type.String({ maxLength: 5 })) },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });
const OK = ['disimpan', 'disetujui'] as const;
const PageQuery = Type.Object({ ok: Type.Optional(oneOf(OK)) }, { additionalProperties: false });

async function renderPengaturan(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { alert?: string; status?: number; ok?: (typeof OK)[number] | undefined } = {},
) {
  const t = req.t;
  const user = userOf(req);
  const { p, items } = await cityTx(req, async (trx) => ({
    p: await getPengaturan(trx),
    items: await listMenunggu(trx, user),
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
      ${flash(o.ok ? t(`umkm.tinjau.ok.${o.ok}`) : undefined)}
      ${o.alert ? html`<div class="alert alert-error" role="alert">${o.alert}</div>` : ''}
      <section aria-labelledby="h-atur" class="narrow">
        <h2 id="h-atur">${t('umkm.tinjau.aturTitle')}</h2>
        ${
          canSetPengaturan(user)
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

export function pengaturanPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/pengaturan',
    { schema: { params: CityParams, querystring: PageQuery }, config: access },
    (req, reply) => renderPengaturan(req, reply, { ok: req.query.ok }),
  );

  app.post(
    '/:city/umkm/pengaturan',
    { schema: { params: CityParams, body: PengaturanForm }, config: access },
    async (req, reply) => {
      const b = req.body;
      await cityTx(req, (trx) =>
        savePengaturan(trx, userOf(req), { produkDitinjau: b.produkDitinjau === '1' }),
      );
      return reply.redirect(cityPath(req, '/umkm/pengaturan?ok=disimpan'), 303);
    },
  );

  app.post(
    '/:city/umkm/produk/:id/setujui',
    { schema: { params: IdParams, body: CsrfForm }, config: access },
    async (req, reply) => {
      const { id } = req.params;
      try {
        await cityTx(req, (trx) => approveProduk(trx, userOf(req), id));
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status !== 409) throw err;
        return renderPengaturan(req, reply, { alert: req.t(err.titleKey, err.params), status: 409 });
      }
      return reply.redirect(cityPath(req, '/umkm/pengaturan?ok=disetujui'), 303);
    },
  );
}
