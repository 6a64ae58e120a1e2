/**
 * One request awaiting a second person, or its outcome.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { bankFor } from '../access.ts';
import { getPengajuan } from '../ledger-read.ts';
import { PengajuanParams, bankPath, crumbs, rp, user } from './transaksi-parts.ts';
import { loadNamaJenis, pengajuanKartu } from './pengajuan-list.ts';

/** One request: "waiting for approval" right after asking, or its outcome. */
export function pengajuanDetailPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/pengajuan/:id',
    { schema: { params: PengajuanParams }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, id } = req.params;
      const d = await cityTx(req, async (trx) => {
        const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
        const p = await getPengajuan(trx, bank, id);
        return { bank, rights, p, namaJenis: await loadNamaJenis(trx, [p], req.locale) };
      });
      const title =
        d.p.status === 'menunggu'
          ? t('bankSampah.op.pengajuan.menungguTitle')
          : t(`bankSampah.op.pengajuan.status.${d.p.status}`);
      return sendPage(req, reply, {
        title,
        body: html`${crumbs(req, d.bank, [
            { href: bankPath(req, bankId, '/pengajuan'), label: t('bankSampah.op.pengajuan.title') },
            { label: title },
          ])}
          <h1>${title}</h1>
          ${
            d.p.status === 'menunggu'
              ? html`<div class="alert alert-info" role="status">
                  <p>
                    ${
                      d.p.jenis === 'setoran'
                        ? t('bankSampah.op.pengajuan.menungguInfoSetoran', {
                            kg: formatNumber(Number(d.bank.batas_baris_kg)),
                            batas: rp(d.bank.batas_setoran),
                          })
                        : t('bankSampah.op.pengajuan.menungguInfo', {
                            ambang: d.bank.ambang_persetujuan !== null ? rp(d.bank.ambang_persetujuan) : '—',
                          })
                    }
                  </p>
                </div>`
              : ''
          }
          <ul class="cards bs-daftar-pengajuan">
            ${pengajuanKartu(req, d.bank, d.rights, d.p, { namaJenis: d.namaJenis })}
          </ul>
          <p><a href="${bankPath(req, bankId, '/pengajuan')}">${t('bankSampah.op.pengajuan.semua')}</a></p>`,
      });
    },
  );
}
