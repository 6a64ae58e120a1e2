/** The signed-in user's businesses (/umkm/saya): their status and what to do next. */
import type { BalaiApp } from '../../../platform/module.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { listUsahaSaya } from '../usaha-service.ts';
import { forUser, kelasText, statusTag } from './usaha-parts.ts';
import { langkahBerikut } from './usaha-fields.ts';

export function usahaSayaPage(app: BalaiApp): void {
  // ---- My businesses ----

  app.get('/:city/umkm/saya', { schema: { params: CityParams }, config: forUser }, async (req, reply) => {
    const t = req.t;
    const list = await cityTx(req, (trx) => listUsahaSaya(trx, userOf(req)));
    return sendPage(req, reply, {
      title: t('umkm.reg.saya.title'),
      body: html`<h1>${t('umkm.reg.saya.title')}</h1>
        <p class="lead">${t('umkm.reg.saya.intro')}</p>
        <p>
          <a class="button primary" href="${cityPath(req, '/umkm/daftar')}">${t('umkm.reg.daftarkan')}</a>
        </p>
        ${
          list.length
            ? html`<ul class="cards">
                ${list.map(
                  (u) =>
                    html`<li class="card">
                      <h2 class="h-kecil"><a href="${cityPath(req, `/umkm/usaha/${u.id}`)}">${u.nama}</a></h2>
                      <p>${statusTag(t, u.status)} <span class="meta">${kelasText(t, u.kelas)}</span></p>
                      <p>${langkahBerikut(t, u.status)}</p>
                      <p class="meta">${t('umkm.reg.diubah', { waktu: formatDateTime(u.updatedAt) })}</p>
                    </li>`,
                )}
              </ul>`
            : html`<p>${t('umkm.reg.saya.kosong')}</p>`
        }`,
    });
  });
}
