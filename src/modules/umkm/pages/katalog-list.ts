/** The catalogue's front page, /:city/umkm: search box and filters as a GET form, results, pagination. */
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { queryString } from '../../../platform/web/components.ts';
import { html, raw } from '../../../platform/web/html.ts';
import { searchProduk, searchUsaha, startPencarian } from '../cari.ts';
import { kecamatanKota } from '../katalog-service.ts';
import {
  daftarHalaman,
  kartuProduk,
  PER_HALAMAN,
  pilihanKecamatan,
  pilihanSektor,
  publik,
  saringan,
  sendKatalogPage,
} from './katalog-parts.ts';
import { filterOf, KatalogQuery } from '../katalog-schemas.ts';
import { pathUsaha } from '../katalog-links.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { KATEGORI_PRODUK } from '../tables.ts';

export function katalogListPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm',
    { schema: { params: CityParams, querystring: KatalogQuery }, config: publik },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const q = req.query;
      const teks = (q.q ?? '').slice(0, 200);
      const filter = filterOf(q);
      const page = q.page ?? 1;
      const { hasil, usaha, kecamatan } = await cityTx(req, async (trx) => {
        const pencarian = await startPencarian(trx, city.id, teks);
        const hasil = await searchProduk(trx, city.id, pencarian, filter, { page, perPage: PER_HALAMAN });
        const usaha =
          teks.trim() && page === 1
            ? await searchUsaha(trx, city.id, pencarian, filter, { page: 1, perPage: 5 })
            : null;
        return { hasil, usaha, kecamatan: await kecamatanKota(trx, city.id) };
      });
      const pages = Math.ceil(hasil.jumlah / PER_HALAMAN);
      const params = {
        q: teks || undefined,
        kecamatan: filter.kecamatan,
        sektor: filter.sektor,
        kelas: filter.kelas,
        kategori: filter.kategori,
        halal: filter.halal ? '1' : undefined,
      };
      const adaFilter = Boolean(
        filter.kecamatan || filter.sektor || filter.kelas || filter.kategori || filter.halal,
      );
      const jumlahTeks = hasil.terbatas
        ? t('umkm.katalog.jumlahLebih', { n: formatNumber(hasil.jumlah) })
        : t('umkm.katalog.jumlah', { n: formatNumber(hasil.jumlah) });
      return sendKatalogPage(req, reply, {
        title: t('umkm.katalog.title'),
        body: html`<h1>${t('umkm.katalog.heading', { city: city.name })}</h1>
          <p class="lead">${t('umkm.katalog.intro')}</p>
          <form method="get" action="/${city.slug}/umkm" role="search" aria-label="${t('umkm.katalog.cari')}">
            <div class="kt-cari">
              <div class="field">
                <label for="f-q">${t('umkm.katalog.cariLabel')}</label>
                <input
                  id="f-q"
                  name="q"
                  type="search"
                  value="${teks}"
                  maxlength="200"
                  enterkeyhint="search"
                  autocomplete="off"
                  placeholder="${t('umkm.katalog.cariContoh')}"
                />
              </div>
              <button type="submit" class="primary">${t('umkm.katalog.cari')}</button>
            </div>
            <details class="kt-filter" ${adaFilter ? raw('open') : ''}>
              <summary>${t('umkm.katalog.saring')}</summary>
              <div class="filters">
                ${saringan(t, 'kecamatan', pilihanKecamatan(kecamatan), filter.kecamatan)}
                ${saringan(
                  t,
                  'kategori',
                  KATEGORI_PRODUK.map((k) => [k, t(`umkm.produk.kategori.${k}`)] as const),
                  filter.kategori,
                )}
                ${saringan(t, 'sektor', pilihanSektor(), filter.sektor)}
                ${saringan(
                  t,
                  'kelas',
                  (['mikro', 'kecil', 'menengah'] as const).map(
                    (k) => [k, t(`umkm.katalog.kelas.${k}`)] as const,
                  ),
                  filter.kelas,
                )}
                <div class="field">
                  <label
                    ><input type="checkbox" name="halal" value="1" ${filter.halal ? raw('checked') : ''} />
                    ${t('umkm.katalog.f.halal')}</label
                  >
                </div>
                <button type="submit">${t('umkm.katalog.terapkan')}</button>
              </div>
            </details>
          </form>
          ${
            hasil.kueri.koreksi
              ? html`<p class="alert alert-info" role="status">
                  ${t('umkm.katalog.koreksi')} <strong>${hasil.kueri.koreksi}</strong>
                </p>`
              : ''
          }
          ${
            usaha && usaha.items.length
              ? html`<section aria-labelledby="h-usaha">
                  <h2 id="h-usaha">${t('umkm.katalog.usahaCocok')}</h2>
                  <ul>
                    ${usaha.items.map(
                      (u) =>
                        html`<li>
                          <a href="${pathUsaha(city.slug, u.slug)}">${u.nama}</a>
                          <span class="meta">· ${t('umkm.katalog.kec', { nama: u.kecamatan.nama })}</span>
                        </li>`,
                    )}
                  </ul>
                </section>`
              : ''
          }
          <section aria-labelledby="h-hasil">
            <h2 id="h-hasil">${teks.trim() ? t('umkm.katalog.hasil') : t('umkm.katalog.terbaru')}</h2>
            <p class="meta" role="status">${jumlahTeks}</p>
            ${daftarHalaman(t, {
              cls: 'kt-daftar',
              items: hasil.items.map((p) => kartuProduk(req, p)),
              kosong: t('umkm.katalog.kosong'),
              page,
              pages,
              href: (n) => `/${city.slug}/umkm${queryString({ ...params, page: n })}`,
            })}
          </section>
          <p><a href="/${city.slug}/umkm/peta">${t('umkm.katalog.peta.link')}</a></p>`,
      });
    },
  );
}
