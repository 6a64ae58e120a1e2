/**
 * A warga's own savings at the banks they are members of, with links to their passbooks.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { listKeanggotaan } from '../transaksi-service.ts';
import { CityOnly, bankPath, rp, user } from './transaksi-parts.ts';

/** A warga's own savings: their memberships, balances and passbooks. */
export function tabunganSayaPage(app: BalaiApp, _ctx: ModuleContext): void {
  // A warga's own savings books.
  app.get('/:city/bank-sampah/saya', { schema: { params: CityOnly }, config: user }, async (req, reply) => {
    const t = req.t;
    const me = userOf(req);
    const list = await cityTx(req, (trx) => listKeanggotaan(trx, me));
    return sendPage(req, reply, {
      title: t('bankSampah.op.saya.title'),
      body: html`<h1>${t('bankSampah.op.saya.title')}</h1>
        ${
          list.length
            ? html`<p class="lead">${t('bankSampah.op.saya.intro')}</p>
                <ul class="cards">
                  ${list.map(
                    (m) =>
                      html`<li class="card">
                        <h2 class="bs-kartu-judul">${m.bankNama}</h2>
                        <dl class="facts">
                          <dt>${t('bankSampah.op.nasabah.nomor')}</dt>
                          <dd>${m.nomor}</dd>
                          <dt>${t('bankSampah.op.nasabah.nama')}</dt>
                          <dd>
                            ${m.nama}${m.aktif ? '' : html` <span class="meta">(${t('bankSampah.op.nasabah.statusNonaktif')})</span>`}
                          </dd>
                          <dt>${t('bankSampah.op.saldo')}</dt>
                          <dd><strong class="bs-uang">${rp(m.saldo)}</strong></dd>
                        </dl>
                        <p>
                          <a class="button" href="${bankPath(req, m.bankId, `/nasabah/${m.nasabahId}/buku`)}"
                            >${t('bankSampah.op.buku.lihat')}<span class="visually-hidden">
                              ${m.bankNama}</span
                            ></a
                          >
                        </p>
                      </li>`,
                  )}
                </ul>`
            : html`<div class="prose">
                <p class="lead">${t('bankSampah.op.saya.kosong')}</p>
                <p>${t('bankSampah.op.saya.caraGabung')}</p>
              </div>`
        }`,
    });
  });
}
