/** An RW's KBS page: current status and its history, profile, bank sampah recovery, assessments. */
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import { breadcrumbs, formatMonth, tableWrap } from '../../../../platform/web/components.ts';
import { formatDate, formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { getRwKbs, type RwKbsView } from '../rw-service.ts';
import { RwParams, angka, namaRw, statusLabel, tingkatLabel } from './kbs-parts.ts';

const forUser = { access: 'user' } as const;

function profilSection(t: Translator, v: RwKbsView): SafeHtml {
  const ya = (b: boolean) => (b ? t('sampah.kbs.ya') : t('sampah.kbs.tidak'));
  return html`<section aria-labelledby="h-profil">
    <h2 id="h-profil">${t('sampah.kbs.profil')}</h2>
    <dl class="facts">
      <div>
        <dt>${t('sampah.kbs.kecamatan')}</dt>
        <dd>${v.rw.kecamatanNama}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.jumlahKk')}</dt>
        <dd>${angka(v.profil.jumlahKk ?? v.rw.jumlahKk)}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.penduduk')}</dt>
        <dd>${angka(v.profil.penduduk)}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.pemilahan')}</dt>
        <dd>${ya(v.profil.pemilahan)}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.pengomposan')}</dt>
        <dd>${ya(v.profil.pengomposan)}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.maggot')}</dt>
        <dd>${ya(v.profil.maggot)}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.jadwalAngkut')}</dt>
        <dd>${v.profil.jadwalAngkut ?? '—'}</dd>
      </div>
      <div>
        <dt>${t('sampah.kbs.kontak')}</dt>
        <dd>${v.profil.kontakNama ?? '—'}</dd>
      </div>
    </dl>
  </section>`;
}

export function rwDetailPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/kbs/rw/:rwId',
    { schema: { params: RwParams }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const { rwId } = req.params;
      const v = await cityTx(req, (trx) => getRwKbs(trx, userOf(req), rwId));
      const nama = namaRw(t, v.rw);
      return sendPage(req, reply, {
        title: nama,
        body: html`${breadcrumbs(t('sampah.kbs.breadcrumbs'), [
            { href: cityPath(req, '/sampah/kbs'), label: t('sampah.kbs.title') },
            { label: nama },
          ])}
          <h1>${nama}</h1>
          <p class="lead">
            ${t('sampah.kbs.statusSekarang')}: <strong>${tingkatLabel(t, v.status)}</strong>
            ${v.status?.skor !== null && v.status ? html` (${t('sampah.kbs.skor')} ${formatNumber(v.status.skor ?? 0)})` : ''}
          </p>
          <p>
            <a href="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}`)}">${t('sampah.prakarsa.kbsLink')}</a>
          </p>
          ${
            v.boleh.buatPenilaian
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, `/sampah/kbs/rw/${v.rw.id}/penilaian`)}"
                    >${t('sampah.kbs.penilaianBaru')}</a
                  >
                </p>`
              : ''
          }
          ${profilSection(t, v)}
          <section aria-labelledby="cap-riwayat">
            <h2>${t('sampah.kbs.riwayat')}</h2>
            ${
              v.riwayat.length
                ? tableWrap(
                    'cap-riwayat',
                    t('sampah.kbs.riwayatCaption'),
                    headRow([
                      t('sampah.kbs.sejak'),
                      t('sampah.kbs.statusKbs'),
                      { label: t('sampah.kbs.skor'), num: true },
                      t('sampah.kbs.periode'),
                    ]),
                    v.riwayat.map(
                      (r) =>
                        html`<tr>
                          <th scope="row">${formatDate(r.berlakuSejak)}</th>
                          <td>${tingkatLabel(t, r)}</td>
                          <td class="num">${angka(r.skor)}</td>
                          <td>
                            ${
                              r.penilaianId
                                ? html`<a href="${cityPath(req, `/sampah/kbs/penilaian/${r.penilaianId}`)}"
                                    >${r.periode ?? '—'}</a
                                  >`
                                : '—'
                            }
                          </td>
                        </tr>`,
                    ),
                  )
                : html`<p id="cap-riwayat">${t('sampah.kbs.riwayatKosong')}</p>`
            }
          </section>
          <section aria-labelledby="cap-pulih">
            <h2>${t('sampah.kbs.pemulihan')}</h2>
            ${tableWrap(
              'cap-pulih',
              t('sampah.kbs.pemulihanCaption'),
              headRow([t('sampah.kbs.bulan'), { label: 'kg', num: true }]),
              v.pemulihan.map(
                (p) =>
                  html`<tr>
                    <th scope="row">${formatMonth(p.periode)}</th>
                    <td class="num">${formatNumber(p.kg)}</td>
                  </tr>`,
              ),
            )}
          </section>
          <section aria-labelledby="cap-penilaian">
            <h2>${t('sampah.kbs.penilaian')}</h2>
            ${
              v.penilaian.length
                ? tableWrap(
                    'cap-penilaian',
                    t('sampah.kbs.penilaianCaption'),
                    headRow([t('sampah.kbs.periode'), t('sampah.kbs.statusPenilaian')]),
                    v.penilaian.map(
                      (p) =>
                        html`<tr>
                          <th scope="row">
                            <a href="${cityPath(req, `/sampah/kbs/penilaian/${p.id}`)}"
                              >${formatMonth(p.periode)}</a
                            >
                          </th>
                          <td>${statusLabel(t, p.status)}</td>
                        </tr>`,
                    ),
                  )
                : html`<p id="cap-penilaian">${t('sampah.kbs.penilaianKosong')}</p>`
            }
          </section>`,
      });
    },
  );
}
