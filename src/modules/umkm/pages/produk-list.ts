/** A business's products (/umkm/usaha/:id/produk), with "tambah produk" for its owner. */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { breadcrumbs } from '../../../platform/web/components.ts';
import { gambarFoto } from '../foto.ts';
import { listProduk } from '../produk-service.ts';
import { ekatalogTeks, forUser, hargaTeks, IdParams, OkQuery } from './produk-parts.ts';

export function produkListPage(app: BalaiApp): void {
  // ---- A business's products ----

  app.get(
    '/:city/umkm/usaha/:id/produk',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const { id } = req.params;
      const ok = req.query.ok;
      const d = await cityTx(req, (trx) => listProduk(trx, userOf(req), id));
      const base = `/umkm/usaha/${d.usaha.id}`;
      return sendPage(req, reply, {
        title: t('umkm.produk.daftarJudul', { usaha: d.usaha.nama }),
        body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
            { href: cityPath(req, base), label: d.usaha.nama },
            { label: t('umkm.produk.judul') },
          ])}
          <h1>${t('umkm.produk.daftarJudul', { usaha: d.usaha.nama })}</h1>
          ${flash(ok ? t(`umkm.produk.ok.${ok}`) : undefined)}
          ${
            d.boleh.tambah
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, `${base}/produk/baru`)}"
                    >${t('umkm.produk.tambah')}</a
                  >
                </p>`
              : ''
          }
          ${
            d.items.length === 0
              ? html`<p>${t('umkm.produk.kosong')}</p>`
              : html`<p class="meta">${t('umkm.produk.jumlah', { n: d.items.length })}</p>
                  <ul class="cards">
                    ${d.items.map(
                      (p) =>
                        html`<li class="card" style="display:flex;gap:0.75rem;align-items:flex-start">
                          ${
                            p.sampul
                              ? gambarFoto(req, p.sampul, { tampil: 96, sizes: '96px' })
                              : html`<span class="tag">${t('umkm.produk.tanpaFoto')}</span>`
                          }
                          <div style="min-width:0">
                            <h2 style="font-size:1.125rem;margin:0 0 0.25rem">
                              <a href="${cityPath(req, `/umkm/produk/${p.id}`)}">${p.nama}</a>
                            </h2>
                            <p style="margin:0 0 0.25rem">${hargaTeks(t, p)}</p>
                            <p class="meta" style="margin:0">
                              ${t(`umkm.produk.kategori.${p.kategori}`)} ·
                              ${p.tersedia ? t('umkm.produk.tersedia') : t('umkm.produk.habis')} ·
                              ${t('umkm.produk.fotoJumlah', { n: p.jumlahFoto })}
                              ${p.menungguTinjau ? html` · <strong>${t('umkm.tinjau.menungguSingkat')}</strong>` : ''}
                              ${p.ekatalog !== 'belum_siap' ? html` · e-Katalog: ${ekatalogTeks(t, p.ekatalog)}` : ''}
                            </p>
                          </div>
                        </li>`,
                    )}
                  </ul>`
          }`,
      });
    },
  );
}
