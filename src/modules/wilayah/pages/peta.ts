/**
 * The map of the city's kecamatan and kelurahan (public), with a plain list for browsers without JavaScript.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { regionOverview } from '../service.ts';

export function petaPage(app: BalaiApp): void {
  app.get(
    '/:city/peta',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const o = await cityTx(req, (trx) => regionOverview(trx, city, null));
      const api = `/api/v1/cities/${city.slug}/wilayah`;
      return sendPage(req, reply, {
        title: t('wilayah.map.title'),
        head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />`,
        scripts: ['/assets/leaflet/leaflet.js', '/assets/js/peta.js'],
        body: html`<h1>${t('wilayah.map.heading', { city: city.name })}</h1>
          <p class="lead">${t('wilayah.map.intro')}</p>
          <div
            id="peta"
            role="region"
            aria-label="${t('wilayah.map.label', { city: city.name })}"
            data-kecamatan-url="${api}/kecamatan.geojson"
            data-kelurahan-url="${api}/kelurahan.geojson"
            data-wilayah-url="${cityPath(req, '/wilayah/')}"
            data-label-kecamatan="${t('wilayah.kecamatan')}"
            data-label-kelurahan="${t('wilayah.kelurahan')}"
            data-label-open="${t('wilayah.map.openRegion')}"
            data-label-error="${t('wilayah.map.error')}"
          ></div>
          <p class="hint" id="peta-status" role="status"></p>
          <p class="meta" id="peta-nojs">${t('wilayah.map.noJs')}</p>
          <section aria-labelledby="h-kecamatan">
            <h2 id="h-kecamatan">${t('wilayah.kecamatanList')}</h2>
            <ul class="tags">
              ${o.kecamatan.map((k) => html`<li><a class="tag" href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></li>`)}
            </ul>
            <p><a href="${cityPath(req, '/wilayah')}">${t('wilayah.page.full')}</a></p>
          </section>
          <p class="meta">${t('wilayah.source')}</p>`,
      });
    },
  );
}
