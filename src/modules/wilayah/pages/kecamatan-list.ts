/**
 * The city's regions (public): the city's facts and its kecamatan with their kelurahan and RWs.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { tableWrap } from '../../../platform/web/components.ts';
import { regionOverview } from '../service.ts';
import { num, regionFacts } from './parts.ts';

export function kecamatanListPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const o = await cityTx(req, (trx) => regionOverview(trx, city, req.user));
      const showRw = o.jumlahRw !== null;
      return sendPage(req, reply, {
        title: t('wilayah.page.title'),
        body: html`<h1>${t('wilayah.page.heading', { city: city.name })}</h1>
          <p class="lead">${t('wilayah.page.intro')}</p>
          ${
            o.kota
              ? regionFacts(
                  t,
                  o.kota,
                  html`<dt>${t('wilayah.jumlahKecamatan')}</dt>
                    <dd>${num(o.kecamatan.length)}</dd>
                    <dt>${t('wilayah.jumlahKelurahan')}</dt>
                    <dd>${num(o.jumlahKelurahan)}</dd>
                    ${
                      showRw
                        ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                            <dd>${num(o.jumlahRw)}</dd>`
                        : ''
                    }`,
                )
              : ''
          }
          <p>
            <a class="button" href="${cityPath(req, '/peta')}">${t('wilayah.map.open')}</a>
            ${showRw ? html` <a class="button" href="${cityPath(req, '/wilayah/rw')}">${t('wilayah.rw.listTitle')}</a>` : ''}
          </p>
          <section aria-labelledby="h-kecamatan">
            <h2 id="h-kecamatan">${t('wilayah.kecamatanList')}</h2>
            ${tableWrap(
              'cap-kecamatan',
              t('wilayah.kecamatanCaption', { city: city.name, count: o.kecamatan.length }),
              html`<tr>
                <th scope="col">${t('wilayah.kecamatan')}</th>
                <th scope="col">${t('wilayah.kode')}</th>
                <th scope="col" class="num">${t('wilayah.jumlahKelurahan')}</th>
                ${showRw ? html`<th scope="col" class="num">${t('wilayah.jumlahRw')}</th>` : ''}
              </tr>`,
              o.kecamatan.map(
                (k) =>
                  html`<tr>
                    <th scope="row"><a href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></th>
                    <td>${k.kode}</td>
                    <td class="num">${num(k.jumlahKelurahan)}</td>
                    ${showRw ? html`<td class="num">${num(k.jumlahRw)}</td>` : ''}
                  </tr>`,
              ),
            )}
          </section>
          <p class="meta">${t('wilayah.source')}</p>`,
      });
    },
  );
}
