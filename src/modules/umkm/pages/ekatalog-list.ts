/** The officer's e-Katalog list, /:city/umkm/ekatalog: products by status and kecamatan, with the submission downloads. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Static } from 'typebox';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { filterForm, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { headRow } from '../../../platform/web/screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { listKecamatanRows } from '../../wilayah/api.ts';
import { STATUS_EKATALOG } from '../tables.ts';
import { listEkatalog } from '../ekatalog-service.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { PageQuery } from '../ekatalog-schemas.ts';
import { ekatalogAccess, statusTag } from './ekatalog-parts.ts';
import { CityParams } from '../../../platform/http/schemas.ts';

async function renderEkatalogList(
  req: FastifyRequest,
  reply: FastifyReply,
  q: Static<typeof PageQuery>,
): Promise<FastifyReply> {
  const t = req.t;
  const city = cityOf(req);
  const status = q.status || undefined;
  const kecamatan = q.kecamatan || undefined;
  const { rows, kec } = await cityTx(req, async (trx) => ({
    rows: await listEkatalog(trx, userOf(req), { status, kecamatan }),
    kec: await listKecamatanRows(trx, city.id),
  }));
  const nama = new Map(kec.map((k) => [k.kode, k.nama]));
  const self = cityPath(req, '/umkm/ekatalog');
  const siapQs = queryString({ status: 'siap' });
  return sendPage(req, reply, {
    title: t('umkm.ekatalog.title'),
    body: html`<h1>${t('umkm.ekatalog.title')}</h1>
      <p class="lead">${t('umkm.ekatalog.intro')}</p>
      <p class="meta">
        ${t('umkm.ekatalog.unduhSiap')}:
        <a href="${self}/ekspor.xlsx${siapQs}" download>${t('umkm.ekatalog.unduhXlsx')}</a> ·
        <a href="${self}/ekspor.csv${siapQs}" download>${t('umkm.ekatalog.unduhCsv')}</a>
      </p>
      ${filterForm({ action: self, label: t('umkm.ekatalog.saring') }, [
        selectField({
          name: 'status',
          label: t('umkm.ekatalog.kol.status'),
          options: [
            option('', t('umkm.ekatalog.semuaTahap'), status ?? ''),
            ...STATUS_EKATALOG.map((s) => option(s, t(`umkm.ekatalog.status.${s}`), status)),
          ],
        }),
        selectField({
          name: 'kecamatan',
          label: t('umkm.ekatalog.kol.kecamatan'),
          options: [
            option('', t('umkm.ekatalog.semuaKecamatan'), kecamatan ?? ''),
            ...kec.map((k) => option(k.kode, k.nama, kecamatan)),
          ],
        }),
        html`<p><button type="submit" class="button">${t('umkm.ekatalog.tampilkan')}</button></p>`,
      ])}
      ${
        rows.length
          ? html`<form method="get" action="${self}/ekspor.xlsx">
              ${tableWrap(
                'cap-ekatalog',
                t('umkm.ekatalog.caption', { n: formatNumber(rows.length) }),
                headRow([
                  t('umkm.ekatalog.pilih'),
                  ...(['namaProduk', 'namaUsaha', 'kecamatan', 'status', 'syarat'] as const).map((k) =>
                    t(`umkm.ekatalog.kol.${k}`),
                  ),
                ]),
                rows.map(
                  (r) =>
                    html`<tr>
                      <td>
                        <input
                          type="checkbox"
                          name="produk"
                          value="${r.id}"
                          id="pilih-${r.id}"
                          aria-label="${t('umkm.ekatalog.pilihProduk', { nama: r.nama })}"
                        />
                      </td>
                      <th scope="row"><a href="${self}/produk/${r.id}">${r.nama}</a></th>
                      <td><a href="${self}/usaha/${r.usahaId}">${r.usahaNama}</a></td>
                      <td>${nama.get(r.kecamatanKode) ?? r.kecamatanKode}</td>
                      <td>${statusTag(t, r.ekatalog)}</td>
                      <td>
                        ${r.siap ? t('umkm.ekatalog.lengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(r.kurang.length) })}
                      </td>
                    </tr>`,
                ),
              )}
              <p>
                <button type="submit" class="button">${t('umkm.ekatalog.unduhPilihanXlsx')}</button>
                <button type="submit" class="button" formaction="${self}/ekspor.csv">
                  ${t('umkm.ekatalog.unduhPilihanCsv')}
                </button>
              </p>
            </form>`
          : html`<p>${t('umkm.ekatalog.kosong')}</p>`
      }`,
  });
}

export function ekatalogListPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/ekatalog',
    { schema: { params: CityParams, querystring: PageQuery }, config: ekatalogAccess },
    (req, reply) => renderEkatalogList(req, reply, req.query),
  );
}
