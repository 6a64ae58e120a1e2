/**
 * One product (/umkm/produk/:id) for the owner of its business and the officers: its facts,
 * photos (pages/produk-foto.ts posts them), its data and e-Katalog fields, and delete.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { breadcrumbs, formValues, type FailedForm } from '../../../platform/web/components.ts';
import { formPost } from '../../../platform/web/screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { deleteProduk, getProduk, updateProduk, type ProdukView } from '../produk-service.ts';
import {
  CsrfForm,
  ekatalogTeks,
  formDariProduk,
  forUser,
  refusalErrors,
  hargaTeks,
  IdParams,
  inputDariForm,
  OkQuery,
  PRODUK_FIELDS,
  ProdukForm,
  produkFields,
  sertifikasi,
  type Ok,
} from './produk-parts.ts';
import { fotoSection, summaryOf, type ProdukFailed } from './produk-foto-parts.ts';

/** The product's data: the form for those who may change it, else the facts. */
function dataSection(req: FastifyRequest, p: ProdukView, failed: ProdukFailed | undefined): SafeHtml {
  const t = req.t;
  const base = `/umkm/produk/${p.id}`;
  const ubah = p.boleh.ubah;
  const values = failed?.bagian === 'produk' ? failed.values : formDariProduk(p);
  return html`<section aria-labelledby="h-data">
    <h2 id="h-data">${t('umkm.produk.data')}</h2>
    ${
      ubah
        ? html`${summaryOf(req, failed, 'produk')}
            <form method="post" action="${cityPath(req, base)}" class="narrow" novalidate>
              ${csrfField(req)}
              ${produkFields(t, values, failed?.bagian === 'produk' ? failed.errors : {}, p.namaTerkunci)}
              <button type="submit" class="primary">${t('umkm.produk.simpan')}</button>
            </form>`
        : html`<dl class="facts">
            <div>
              <dt>${t('umkm.produk.deskripsi')}</dt>
              <dd>${p.deskripsi ?? '—'}</dd>
            </div>
            <div>
              <dt>${t('umkm.produk.sku')}</dt>
              <dd>${p.sku ?? '—'}</dd>
            </div>
            <div>
              <dt>${t('umkm.produk.merek')}</dt>
              <dd>${p.merek ?? '—'}</dd>
            </div>
            <div>
              <dt>${t('umkm.produk.asal')}</dt>
              <dd>${t(`umkm.produk.asal.${p.asal}`)}</dd>
            </div>
            <div>
              <dt>${t('umkm.produk.tkdn')}</dt>
              <dd>${p.tkdn === null ? '—' : `${formatNumber(p.tkdn)} %`}</dd>
            </div>
            <div>
              <dt>${t('umkm.produk.kbli')}</dt>
              <dd>
                ${p.kbliKode ? `${p.kbliKode} — ${p.kbliJudul ?? ''} (KBLI ${p.kbliVersi ?? ''})` : '—'}
              </dd>
            </div>
          </dl>`
    }
  </section>`;
}

/** One product's page; with a failed form's errors, or the flash message of the last change. */
export async function renderProdukPage(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  failed?: ProdukFailed,
  ok?: Ok,
) {
  const t = req.t;
  const p = await cityTx(req, (trx) => getProduk(trx, userOf(req), id));
  const base = `/umkm/produk/${p.id}`;
  const ubah = p.boleh.ubah;
  const terkirim = p.ekatalog === 'diajukan' || p.ekatalog === 'tayang';
  return sendPage(req, reply, {
    title: p.nama,
    status: failed?.status ?? 200,
    body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
        { href: cityPath(req, `/umkm/usaha/${p.usaha.id}`), label: p.usaha.nama },
        { href: cityPath(req, `/umkm/usaha/${p.usaha.id}/produk`), label: t('umkm.produk.judul') },
        { label: p.nama },
      ])}
      <h1>${p.nama}</h1>
      ${flash(ok ? t(`umkm.produk.ok.${ok}`) : undefined)}
      ${p.menungguTinjau ? html`<div class="alert alert-info" role="note"><p>${t('umkm.tinjau.menunggu')}</p></div>` : ''}
      ${
        p.namaTerkunci
          ? html`<div class="alert alert-info" role="note">
              <p>${t('umkm.produk.namaTerkunciInfo')}</p>
            </div>`
          : ''
      }
      <dl class="facts">
        <div>
          <dt>${t('umkm.produk.harga')}</dt>
          <dd>${hargaTeks(t, p)}</dd>
        </div>
        <div>
          <dt>${t('umkm.produk.kategori')}</dt>
          <dd>${t(`umkm.produk.kategori.${p.kategori}`)}</dd>
        </div>
        <div>
          <dt>${t('umkm.produk.ketersediaan')}</dt>
          <dd>${p.tersedia ? t('umkm.produk.tersedia') : t('umkm.produk.habis')}</dd>
        </div>
        <div>
          <dt>${t('umkm.produk.sertifikasi')}</dt>
          <dd>${sertifikasi(t, p)}</dd>
        </div>
        <div>
          <dt>e-Katalog</dt>
          <dd>${ekatalogTeks(t, p.ekatalog)}</dd>
        </div>
      </dl>

      ${fotoSection(req, p, failed)} ${dataSection(req, p, failed)}
      ${
        ubah
          ? html`<section aria-labelledby="h-hapus">
              <h2 id="h-hapus">${t('umkm.produk.hapusJudul')}</h2>
              ${summaryOf(req, failed, 'hapus')}
              ${
                p.boleh.hapus
                  ? html`<form method="post" action="${cityPath(req, `${base}/hapus`)}">
                      ${csrfField(req)}
                      <p>${t('umkm.produk.hapusPeringatan')}</p>
                      <button type="submit" class="danger">${t('umkm.produk.hapus')}</button>
                    </form>`
                  : html`<p>${terkirim ? t('umkm.produk.err.hapusEkatalog') : ''}</p>`
              }
            </section>`
          : ''
      }`,
  });
}

export function produkDetailPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/produk/:id',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => renderProdukPage(req, reply, req.params.id, undefined, req.query.ok),
  );

  formPost(app, {
    path: '/:city/umkm/produk/:id',
    access: 'user',
    params: IdParams,
    body: ProdukForm,
    fields: PRODUK_FIELDS,
    show: (req, reply, failed) =>
      renderProdukPage(req, reply, req.params.id, { ...(failed as FailedForm), bagian: 'produk' }),
    save: async (req) => {
      const { id } = req.params;
      const values = formValues(req.body, PRODUK_FIELDS);
      await cityTx(req, (trx) => updateProduk(trx, userOf(req), id, inputDariForm(values)));
      return cityPath(req, `/umkm/produk/${id}?ok=disimpan`);
    },
  });

  app.post(
    '/:city/umkm/produk/:id/hapus',
    { schema: { params: IdParams, body: CsrfForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params;
      try {
        const r = await cityTx(req, (trx) => deleteProduk(trx, userOf(req), id));
        return reply.redirect(cityPath(req, `/umkm/usaha/${r.usahaId}/produk?ok=dihapus`), 303);
      } catch (err) {
        return renderProdukPage(req, reply, id, { values: {}, ...refusalErrors(req, err), bagian: 'hapus' });
      }
    },
  );
}
