/**
 * One kecamatan (with its kelurahan) or kelurahan (with its RWs), public.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { breadcrumbs, queryString, tableWrap } from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { CityKodeParams } from '../schemas.ts';
import { KELOLA, regionDetail } from '../service.ts';
import { num, regionFacts, rwTable } from './parts.ts';

export function wilayahDetailPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/:kode',
    { schema: { params: CityKodeParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const { kode } = req.params;
      const d = await cityTx(req, (trx) => regionDetail(trx, city, req.user, kode));
      const r = d.region;
      const isKecamatan = r.tingkat === 'kecamatan';
      const name = isKecamatan
        ? t('wilayah.kecamatanName', { nama: r.nama })
        : t('wilayah.kelurahanName', { nama: r.nama });
      const crumbs = [{ href: cityPath(req, '/wilayah'), label: city.name }];
      if (!isKecamatan && d.parent) {
        crumbs.push({
          href: cityPath(req, `/wilayah/${d.parent.kode}`),
          label: t('wilayah.kecamatanName', { nama: d.parent.nama }),
        });
      }
      const showRw = d.jumlahRw !== null;
      let body: SafeHtml;
      if (isKecamatan) {
        const kel = d.kelurahan ?? [];
        body = html`${regionFacts(
            t,
            r,
            html`<dt>${t('wilayah.jumlahKelurahan')}</dt>
              <dd>${num(kel.length)}</dd>
              ${
                showRw
                  ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                      <dd>${num(d.jumlahRw)}</dd>`
                  : ''
              }`,
          )}
          <section aria-labelledby="h-kelurahan">
            <h2 id="h-kelurahan">${t('wilayah.kelurahanList')}</h2>
            ${tableWrap(
              'cap-kelurahan',
              t('wilayah.kelurahanCaption', { kecamatan: r.nama, count: kel.length }),
              html`<tr>
                <th scope="col">${t('wilayah.kelurahan')}</th>
                <th scope="col">${t('wilayah.kode')}</th>
                ${showRw ? html`<th scope="col" class="num">${t('wilayah.jumlahRw')}</th>` : ''}
              </tr>`,
              kel.map(
                (k) =>
                  html`<tr>
                    <th scope="row"><a href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></th>
                    <td>${k.kode}</td>
                    ${showRw ? html`<td class="num">${num(k.jumlahRw)}</td>` : ''}
                  </tr>`,
              ),
            )}
          </section>`;
      } else {
        const user = req.user;
        const mayAdd = can(user, KELOLA, r.kode);
        body = html`${regionFacts(
          t,
          r,
          html`${
            d.parent
              ? html`<dt>${t('wilayah.kecamatan')}</dt>
                  <dd><a href="${cityPath(req, `/wilayah/${d.parent.kode}`)}">${d.parent.nama}</a></dd>`
              : ''
          }
          ${
            d.rw
              ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                  <dd>${num(d.rw.length)}</dd>`
              : ''
          }`,
        )}
        ${
          d.rw
            ? html`<section aria-labelledby="h-rw">
                <h2 id="h-rw">${t('wilayah.rw.inKelurahan')}</h2>
                ${mayAdd ? html`<p><a class="button primary" href="${cityPath(req, `/wilayah/rw/baru${queryString({ kelurahan: r.kode })}`)}">${t('wilayah.rw.add')}</a></p>` : ''}
                ${
                  d.rw.length
                    ? rwTable(req, 'cap-rw', t('wilayah.rw.caption', { kelurahan: r.nama }), d.rw, {
                        showPlace: false,
                      })
                    : html`<p>${t('wilayah.rw.none')}</p>`
                }
              </section>`
            : ''
        }`;
      }
      return sendPage(req, reply, {
        title: name,
        body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [...crumbs, { label: name }])}
          <h1>${name}</h1>
          ${body}
          <p><a href="${cityPath(req, '/peta')}">${t('wilayah.map.open')}</a></p>`,
      });
    },
  );
}
