/** A product's public page, /:city/umkm/p/:slug: photos, price, certifications, seller, WhatsApp button. */
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { breadcrumbs } from '../../../platform/web/components.ts';
import { html } from '../../../platform/web/html.ts';
import { gambarFoto, ukuranFoto } from '../foto.ts';
import { produkPublik } from '../katalog-service.ts';
import { publik, sendKatalogPage, harga, badges, tombolWa, ldProduk, jsonLd } from './katalog-parts.ts';
import { SlugParams } from '../katalog-schemas.ts';
import { pathUsaha, waProduk } from '../katalog-links.ts';
import type { BalaiApp } from '../../../platform/module.ts';

export function katalogProdukPage(app: BalaiApp): void {
  app.get('/:city/umkm/p/:slug', { schema: { params: SlugParams }, config: publik }, async (req, reply) => {
    const t = req.t;
    const city = cityOf(req);
    const { slug } = req.params;
    const p = await cityTx(req, (trx) => produkPublik(trx, city, slug));
    const [utama, ...lain] = p.foto;
    const sertifikat = (['halal', 'pirt', 'bpom', 'sni'] as const).filter((k) => p[k]);
    return sendKatalogPage(req, reply, {
      title: p.nama,
      head: html`<meta name="description" content="${(p.deskripsi ?? p.nama).slice(0, 160)}" />
        ${jsonLd(ldProduk(req, p))}`,
      body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
          { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
          { href: pathUsaha(city.slug, p.usaha.slug), label: p.usaha.nama },
          { label: p.nama },
        ])}
        <article>
          <h1>${p.nama}</h1>
          ${
            utama
              ? html`<figure class="kt-foto">
                  ${gambarFoto(req, utama, {
                    tampil: 'sedang',
                    sizes: '(min-width: 45rem) 640px, 100vw',
                    altCadangan: p.nama,
                  })}
                </figure>`
              : ''
          }
          ${
            lain.length
              ? html`<ul class="kt-galeri" aria-label="${t('umkm.katalog.fotoLain')}">
                  ${lain.map(
                    (f) =>
                      html`<li>
                        <a href="${ukuranFoto(city.slug, f).besar.url}"
                          >${gambarFoto(req, f, { tampil: 72, sizes: '72px', altCadangan: p.nama })}</a
                        >
                      </li>`,
                  )}
                </ul>`
              : ''
          }
          <p class="kt-harga">${harga(t, p.harga, p.satuan)}</p>
          <p>
            ${p.tersedia ? t('umkm.katalog.tersedia') : html`<strong>${t('umkm.katalog.habis')}</strong>`}
          </p>
          ${badges(t, sertifikat)} ${tombolWa(t, waProduk(req, p), t('umkm.katalog.wa.tombol'))}
          ${
            p.deskripsi
              ? html`<h2>${t('umkm.katalog.deskripsi')}</h2>
                  <p class="kt-teks">${p.deskripsi}</p>`
              : ''
          }
          <h2>${t('umkm.katalog.penjual')}</h2>
          <p>
            <a href="${pathUsaha(city.slug, p.usaha.slug)}">${p.usaha.nama}</a><br />
            ${t('umkm.katalog.kel', { nama: p.usaha.kelurahan.nama })},
            ${t('umkm.katalog.kec', { nama: p.usaha.kecamatan.nama })}
          </p>
          <dl class="facts">
            <dt>${t('umkm.katalog.f.kategori')}</dt>
            <dd>${t(`umkm.produk.kategori.${p.kategori}`)}</dd>
            ${
              p.merek
                ? html`<dt>${t('umkm.katalog.merek')}</dt>
                    <dd>${p.merek}</dd>`
                : ''
            }
          </dl>
        </article>`,
    });
  });
}
