/** The catalogue's map, /:city/umkm/peta: verified businesses on the kelurahan map, and as a list. */
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { breadcrumbs, queryString } from '../../../platform/web/components.ts';
import { html } from '../../../platform/web/html.ts';
import { kecamatanKota, usahaBerlokasi } from '../katalog-service.ts';
import {
  daftarHalaman,
  pilihanKecamatan,
  pilihanSektor,
  publik,
  saringan,
  sendKatalogPage,
} from './katalog-parts.ts';
import { PetaPageQuery } from '../katalog-schemas.ts';
import { pathUsaha } from '../katalog-links.ts';
import type { BalaiApp } from '../../../platform/module.ts';

export function katalogPetaPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/peta',
    { schema: { params: CityParams, querystring: PetaPageQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const q = req.query;
      const f = { kecamatan: q.kecamatan || undefined, sektor: q.sektor || undefined };
      const page = q.page ?? 1;
      const { daftar, kecamatan } = await cityTx(req, async (trx) => ({
        daftar: await usahaBerlokasi(trx, city.id, f, { page, perPage: 50 }),
        kecamatan: await kecamatanKota(trx, city.id),
      }));
      const penandaUrl = `/api/v1/cities/${city.slug}/umkm/katalog/peta${queryString(f)}`;
      return sendKatalogPage(req, reply, {
        title: t('umkm.katalog.peta.title'),
        head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />`,
        scripts: ['/assets/leaflet/leaflet.js', '/assets/js/katalog-peta.js'],
        body: html`${breadcrumbs(t('umkm.katalog.jejak'), [
            { href: `/${city.slug}/umkm`, label: t('umkm.katalog.title') },
            { label: t('umkm.katalog.peta.title') },
          ])}
          <h1>${t('umkm.katalog.peta.heading', { city: city.name })}</h1>
          <form method="get" action="/${city.slug}/umkm/peta" class="filters">
            ${saringan(t, 'kecamatan', pilihanKecamatan(kecamatan), f.kecamatan)}
            ${saringan(t, 'sektor', pilihanSektor(), f.sektor)}
            <button type="submit">${t('umkm.katalog.terapkan')}</button>
          </form>
          <div
            id="peta"
            role="region"
            aria-label="${t('umkm.katalog.peta.label', { city: city.name })}"
            aria-describedby="peta-status"
            data-kelurahan-url="/api/v1/cities/${city.slug}/wilayah/kelurahan.geojson${queryString({
              kecamatan: f.kecamatan,
            })}"
            data-penanda-url="${penandaUrl}"
            data-usaha-url="/${city.slug}/umkm/u/"
            data-label-buka="${t('umkm.katalog.peta.buka')}"
            data-label-terpotong="${t('umkm.katalog.peta.terpotong')}"
            data-label-error="${t('umkm.katalog.peta.error')}"
          ></div>
          <p class="hint" id="peta-status" role="status"></p>
          <section aria-labelledby="h-daftar">
            <h2 id="h-daftar">${t('umkm.katalog.peta.daftar', { n: formatNumber(daftar.jumlah) })}</h2>
            <p class="hint">${t('umkm.katalog.peta.daftarHint')}</p>
            ${daftarHalaman(t, {
              items: daftar.items.map(
                (u) =>
                  html`<li>
                    <a href="${pathUsaha(city.slug, u.slug)}">${u.nama}</a>
                    <span class="meta"
                      >·
                      ${u.kelurahan ? `${t('umkm.katalog.kel', { nama: u.kelurahan })}, ` : ''}${t(
                        'umkm.katalog.kec',
                        { nama: u.kecamatanNama },
                      )}</span
                    >
                  </li>`,
              ),
              kosong: t('umkm.katalog.peta.kosong'),
              page,
              pages: Math.ceil(daftar.jumlah / 50),
              href: (n) => `/${city.slug}/umkm/peta${queryString({ ...f, page: n })}`,
            })}
          </section>`,
      });
    },
  );
}
