/** A business's public page, /:city/umkm/u/:slug: address, legality badges, its products. */
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { breadcrumbs, queryString } from '../../../platform/web/components.ts';
import { html } from '../../../platform/web/html.ts';
import { produkUsaha, usahaPublik } from '../katalog-service.ts';
import {
  publik,
  PER_HALAMAN,
  sendKatalogPage,
  kartuProduk,
  badges,
  tombolWa,
  alamatLengkap,
  jsonLd,
  daftarHalaman,
} from './katalog-parts.ts';
import { HalamanQuery, SlugParams } from '../katalog-schemas.ts';
import { pathUsaha, waUsaha } from '../katalog-links.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { ldUsaha } from './katalog-parts.ts';

export function katalogUsahaPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/u/:slug',
    { schema: { params: SlugParams, querystring: HalamanQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const { slug } = req.params;
      const page = req.query.page ?? 1;
      const { u, produk } = await cityTx(req, async (trx) => {
        const u = await usahaPublik(trx, city, slug);
        return { u, produk: await produkUsaha(trx, city.id, u.id, { page, perPage: PER_HALAMAN }) };
      });
      return sendKatalogPage(req, reply, {
        title: u.nama,
        head: html`<meta name="description" content="${(u.deskripsi ?? u.nama).slice(0, 160)}" />
          ${jsonLd({ '@context': 'https://schema.org', ...ldUsaha(req, u) })}`,
        body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
            { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
            { label: u.nama },
          ])}
          <h1>${u.nama}</h1>
          ${badges(t, u.legalitas)} ${u.deskripsi ? html`<p class="kt-teks">${u.deskripsi}</p>` : ''}
          ${tombolWa(t, waUsaha(req, u), t('umkm.katalog.wa.tombolUsaha'))}
          <h2>${t('umkm.katalog.alamat')}</h2>
          <address>${alamatLengkap(t, u)}</address>
          <dl class="facts">
            ${
              u.sektor
                ? html`<dt>${t('umkm.katalog.f.sektor')}</dt>
                    <dd>${u.sektor.huruf} · ${u.sektor.judul}</dd>`
                : ''
            }
            ${
              u.kelas
                ? html`<dt>${t('umkm.katalog.f.kelas')}</dt>
                    <dd>${t(`umkm.katalog.kelas.${u.kelas}`)}</dd>`
                : ''
            }
            ${
              u.tahunBerdiri
                ? html`<dt>${t('umkm.katalog.berdiri')}</dt>
                    <dd>${u.tahunBerdiri}</dd>`
                : ''
            }
            ${
              u.sentra
                ? html`<dt>${t('umkm.katalog.sentra')}</dt>
                    <dd>${u.sentra}</dd>`
                : ''
            }
            ${
              u.umkmCenter
                ? html`<dt>${t('umkm.katalog.umkmCenter')}</dt>
                    <dd>${t('umkm.katalog.ya')}</dd>`
                : ''
            }
          </dl>
          ${
            u.lat !== null
              ? html`<p>
                  <a href="/${city.slug}/umkm/peta${queryString({ kecamatan: u.kecamatan.kode })}"
                    >${t('umkm.katalog.peta.lihat')}</a
                  >
                </p>`
              : ''
          }
          <section aria-labelledby="h-produk">
            <h2 id="h-produk">${t('umkm.katalog.produkUsaha', { n: formatNumber(produk.jumlah) })}</h2>
            ${daftarHalaman(t, {
              cls: 'kt-daftar',
              items: produk.items.map((p) => kartuProduk(req, p)),
              kosong: t('umkm.katalog.belumAdaProduk'),
              page,
              pages: Math.ceil(produk.jumlah / PER_HALAMAN),
              href: (n) => pathUsaha(city.slug, u.slug) + queryString({ page: n }),
            })}
          </section>`,
      });
    },
  );
}
