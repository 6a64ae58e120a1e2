/** The KBS overview: RWs and their status, the verification queue, returned assessments, indicators and levels. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { CityParams } from '../../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import { formatMonth, pagination, queryString, tableWrap } from '../../../../platform/web/components.ts';
import { formatDateTime, formatNumber } from '../../../../platform/i18n/index.ts';
import { can, type CurrentUser } from '../../../../platform/auth/roles.ts';
import { listPenilaian } from '../penilaian-service.ts';
import { countPerTingkat, listRwKbs } from '../rw-service.ts';
import { listIndikator, listTingkat, type IndikatorView, type TingkatView } from '../indikator-service.ts';
import { KBS_ATUR, KBS_LIHAT, KBS_VERIFIKASI } from '../permissions-kbs.ts';
import { angka, syarat, tingkatLabel } from './kbs-parts.ts';

const lihat = { access: { permission: KBS_LIHAT } } as const;

const OverviewQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) },
  { additionalProperties: false },
);

function indikatorSection(
  req: FastifyRequest,
  user: CurrentUser,
  indikator: IndikatorView[],
  tingkat: TingkatView[],
): SafeHtml {
  const t = req.t;
  return html`<section aria-labelledby="cap-indikator">
    <h2>${t('sampah.kbs.indikator')}</h2>
    ${can(user, KBS_ATUR) ? html`<p><a href="${cityPath(req, '/sampah/kbs/pengaturan')}">${t('sampah.pengaturan.kbs.link')}</a></p>` : ''}
    ${tableWrap(
      'cap-indikator',
      t('sampah.kbs.indikatorCaption'),
      headRow([
        t('sampah.kbs.kode'),
        t('sampah.kbs.nama'),
        t('sampah.kbs.syarat'),
        { label: t('sampah.kbs.bobot'), num: true },
        t('sampah.kbs.sumber'),
      ]),
      indikator.map(
        (i) =>
          html`<tr>
            <th scope="row">${i.kode}</th>
            <td>${i.nama}</td>
            <td>${syarat(t, i)}</td>
            <td class="num">${formatNumber(i.bobot)}</td>
            <td>${t(`sampah.kbs.sumber.${i.sumber}`)}</td>
          </tr>`,
      ),
    )}
    <h3>${t('sampah.kbs.tingkat')}</h3>
    <ol>
      ${tingkat.map(
        (l) =>
          html`<li>
            <strong>${l.nama}</strong>: ${t('sampah.kbs.tingkatAturan', { skor: formatNumber(l.minSkor) })}
            ${l.indikatorWajib.length ? t('sampah.kbs.tingkatWajib', { kode: l.indikatorWajib.join(', ') }) : ''}
          </li>`,
      )}
    </ol>
  </section>`;
}

export function kbsOverviewPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/kbs',
    { schema: { params: CityParams, querystring: OverviewQuery }, config: lihat },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const page = req.query.page ?? 1;
      const perPage = 50;
      const data = await cityTx(req, async (trx) => ({
        rws: await listRwKbs(trx, user, { page, perPage }),
        antrian: await listPenilaian(trx, user, { status: 'diajukan' }),
        kembali: await listPenilaian(trx, user, { status: 'dikembalikan' }),
        jumlah: await countPerTingkat(trx),
        indikator: await listIndikator(trx),
        tingkat: await listTingkat(trx),
      }));
      const pages = Math.max(1, Math.ceil(data.rws.total / perPage));
      const verifier = can(user, KBS_VERIFIKASI);
      const penilaianRows = (list: typeof data.antrian) =>
        list.map(
          (p) =>
            html`<tr>
              <th scope="row">
                <a href="${cityPath(req, `/sampah/kbs/penilaian/${p.id}`)}"
                  >${t('sampah.kbs.rwDi', { nomor: String(p.rwNomor).padStart(3, '0'), kelurahan: p.kelurahanNama })}</a
                >
              </th>
              <td>${formatMonth(p.periode)}</td>
              <td>${p.diajukanAt ? formatDateTime(p.diajukanAt) : '—'}</td>
            </tr>`,
        );
      const penilaianHead = headRow([
        t('sampah.kbs.rw'),
        t('sampah.kbs.periode'),
        t('sampah.kbs.diajukanPada'),
      ]);
      return sendPage(req, reply, {
        title: t('sampah.kbs.title'),
        body: html`<h1>${t('sampah.kbs.title')}</h1>
          <p class="lead">${t('sampah.kbs.intro')}</p>
          <section aria-labelledby="h-ringkas">
            <h2 id="h-ringkas">${t('sampah.kbs.ringkasan')}</h2>
            <p><a href="${cityPath(req, '/sampah/peta')}">${t('sampah.kbs.lihatPeta')}</a></p>
            <ul class="tiles">
              ${data.jumlah.map(
                (j) =>
                  html`<li class="tile">
                    <span class="tile-value">${formatNumber(j.jumlah)}</span>
                    <span class="tile-label">${j.nama ?? t('sampah.kbs.belumKbs')}</span>
                  </li>`,
              )}
            </ul>
          </section>
          <section aria-labelledby="cap-antrian">
            <h2>${verifier ? t('sampah.kbs.antrian') : t('sampah.kbs.menunggu')}</h2>
            ${
              data.antrian.length
                ? tableWrap(
                    'cap-antrian',
                    t('sampah.kbs.antrianCaption', { count: data.antrian.length }),
                    penilaianHead,
                    penilaianRows(data.antrian),
                  )
                : html`<p id="cap-antrian">${t('sampah.kbs.antrianKosong')}</p>`
            }
          </section>
          ${
            data.kembali.length
              ? html`<section aria-labelledby="cap-kembali">
                  <h2>${t('sampah.kbs.dikembalikanJudul')}</h2>
                  ${tableWrap('cap-kembali', t('sampah.kbs.dikembalikanCaption', { count: data.kembali.length }), penilaianHead, penilaianRows(data.kembali))}
                </section>`
              : ''
          }
          <section aria-labelledby="cap-rw">
            <h2>${t('sampah.kbs.daftarRw')}</h2>
            ${tableWrap(
              'cap-rw',
              t('sampah.kbs.daftarRwCaption', { total: data.rws.total, page, pages }),
              headRow([
                t('sampah.kbs.rw'),
                t('sampah.kbs.kecamatan'),
                t('sampah.kbs.statusKbs'),
                { label: t('sampah.kbs.skor'), num: true },
              ]),
              data.rws.items.map(
                (r) =>
                  html`<tr>
                    <th scope="row">
                      <a href="${cityPath(req, `/sampah/kbs/rw/${r.id}`)}"
                        >${t('sampah.kbs.rwDi', { nomor: String(r.nomor).padStart(3, '0'), kelurahan: r.kelurahanNama })}</a
                      >
                    </th>
                    <td>${r.kecamatanNama}</td>
                    <td>${tingkatLabel(t, r.status)}</td>
                    <td class="num">${angka(r.status?.skor ?? null)}</td>
                  </tr>`,
              ),
            )}
            ${pagination(t, t('sampah.kbs.halaman'), page, pages, (p) => cityPath(req, `/sampah/kbs${queryString({ page: p })}`))}
          </section>
          ${indikatorSection(req, user, data.indikator, data.tingkat)}`,
      });
    },
  );
}
