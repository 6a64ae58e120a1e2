/** A business's e-Katalog checklist, /:city/umkm/ekatalog/usaha/:usahaId (its owner's view). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { tableWrap } from '../../../platform/web/components.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { syaratUsahaView } from '../ekatalog-service.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { UsahaParams } from '../ekatalog-schemas.ts';
import { userAccess, statusTag, syaratList } from './ekatalog-parts.ts';

async function usahaPage(req: FastifyRequest, reply: FastifyReply, usahaId: string): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => syaratUsahaView(trx, userOf(req), usahaId));
  const judul = t('umkm.ekatalog.usaha.title', { nama: v.usaha.nama });
  return sendPage(req, reply, {
    title: judul,
    body: html`<h1>${judul}</h1>
      <p class="lead">${t('umkm.ekatalog.usaha.intro')}</p>
      <section aria-labelledby="h-syarat-usaha">
        <h2 id="h-syarat-usaha">${t('umkm.ekatalog.syaratUsaha')}</h2>
        <p class="alert ${v.siap ? 'alert-success' : 'alert-info'}" role="status">
          ${v.siap ? t('umkm.ekatalog.usaha.siap') : t('umkm.ekatalog.usaha.belum')}
        </p>
        ${syaratList(t, v.syarat)}
      </section>
      <section aria-labelledby="h-produk">
        <h2 id="h-produk">${t('umkm.ekatalog.usaha.produk')}</h2>
        ${
          v.produk.length
            ? tableWrap(
                'cap-produk',
                t('umkm.ekatalog.usaha.produkCaption', { nama: v.usaha.nama }),
                html`<tr>
                  <th scope="col">${t('umkm.ekatalog.kol.namaProduk')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.status')}</th>
                  <th scope="col">${t('umkm.ekatalog.kol.syarat')}</th>
                </tr>`,
                v.produk.map(
                  (p) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${cityPath(req, `/umkm/ekatalog/produk/${p.id}`)}">${p.nama}</a>
                      </th>
                      <td>${statusTag(t, p.ekatalog)}</td>
                      <td>
                        ${p.siap ? t('umkm.ekatalog.lengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(p.kurang.length) })}
                      </td>
                    </tr>`,
                ),
              )
            : html`<p>${t('umkm.ekatalog.usaha.tanpaProduk')}</p>`
        }
      </section>`,
  });
}

export function ekatalogUsahaPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/ekatalog/usaha/:usahaId',
    { schema: { params: UsahaParams }, config: userAccess },
    (req, reply) => usahaPage(req, reply, req.params.usahaId),
  );
}
