/** The page that runs the check of the whole ledger of the city and lists what it found. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { tableWrap } from '../../../platform/web/components.ts';
import { formatDateTime, formatNumber } from '../../../platform/i18n/index.ts';
import type { HasilVerifikasi } from '../verifikasi.ts';
import { CityParams, runVerifikasi, verifikasiAccess } from '../laporan-routes.ts';

function verifikasiPage(req: FastifyRequest, reply: FastifyReply, r: HasilVerifikasi): FastifyReply {
  const t = req.t;
  const self = cityPath(req, '/bank-sampah/verifikasi');
  return sendPage(req, reply, {
    title: t('bankSampah.verifikasi.title'),
    body: html`<h1>${t('bankSampah.verifikasi.title')}</h1>
      <p class="lead">${t('bankSampah.verifikasi.intro')}</p>
      ${
        r.ok
          ? html`<div class="alert alert-success" role="status">${t('bankSampah.verifikasi.ok')}</div>`
          : html`<div class="alert alert-error" role="alert">
              ${t('bankSampah.verifikasi.gagal', { n: r.violations.length })}
            </div>`
      }
      <p class="meta">
        ${t('bankSampah.verifikasi.ringkasan', {
          entri: r.checkedEntries,
          bank: r.banks,
          waktu: formatDateTime(r.waktu),
        })}
        · <a href="${self}">${t('bankSampah.verifikasi.ulang')}</a>
      </p>
      ${
        r.terpotong.length
          ? html`<p>${t('bankSampah.verifikasi.terpotong', { n: 200, kode: r.terpotong.join(', ') })}</p>`
          : ''
      }
      ${
        r.violations.length
          ? tableWrap(
              'cap-verifikasi',
              t('bankSampah.verifikasi.caption'),
              html`<tr>
                <th scope="col">${t('bankSampah.verifikasi.kol.kode')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.pesan')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.bank')}</th>
                <th scope="col" class="num">${t('bankSampah.verifikasi.kol.nomor')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.akun')}</th>
              </tr>`,
              r.violations.map(
                (v) =>
                  html`<tr>
                    <th scope="row"><code>${v.kode}</code></th>
                    <td>${v.pesan}</td>
                    <td>
                      ${
                        v.bankId
                          ? html`<a href="${cityPath(req, `/bank-sampah/${v.bankId}`)}"
                              >${v.bankKode ?? v.bankId}</a
                            >`
                          : '—'
                      }
                    </td>
                    <td class="num">
                      ${
                        v.jurnalId && v.bankId && v.nomor !== undefined
                          ? html`<a href="${cityPath(req, `/bank-sampah/${v.bankId}/jurnal/${v.jurnalId}`)}"
                              >${formatNumber(v.nomor)}</a
                            >`
                          : v.nomor !== undefined
                            ? formatNumber(v.nomor)
                            : '—'
                      }
                    </td>
                    <td><code>${v.akun ?? '—'}</code></td>
                  </tr>`,
              ),
            )
          : ''
      }`,
  });
}

export function laporanVerifikasiPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/verifikasi',
    { schema: { params: CityParams }, config: verifikasiAccess },
    async (req, reply) => verifikasiPage(req, reply, await runVerifikasi(req)),
  );
}
