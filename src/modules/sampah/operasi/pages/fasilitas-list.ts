/** The facilities list (/sampah/fasilitas): every facility of the city, filtered by kind. */
import { Type } from 'typebox';
import { CityParams } from '../../../../platform/http/schemas.ts';
import type { BalaiApp, ModuleContext } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { formatNumber } from '../../../../platform/i18n/index.ts';
import { html } from '../../../../platform/web/html.ts';
import { cityPath, flash, sendPage } from '../../../../platform/web/layout.ts';
import { dataTable } from '../../../../platform/web/screen.ts';
import { OPS_KELOLA } from '../permissions-operasi.ts';
import { JENIS_FASILITAS } from '../operasi-schemas.ts';
import { listFasilitas } from '../fasilitas-service.ts';
import { lihat, operasiControls } from './operasi-parts.ts';

const FasilitasQuery = Type.Object(
  {
    jenis: Type.Optional(Type.String({ maxLength: 20 })),
    ok: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
);

export function fasilitasListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/sampah/fasilitas',
    { schema: { params: CityParams, querystring: FasilitasQuery }, config: { access: lihat } },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query;
      const jenis = JENIS_FASILITAS.find((j) => j === q.jenis);
      const list = await cityTx(req, (trx) => listFasilitas(trx, user, { jenis }));
      const mayEdit = can(user, OPS_KELOLA, user.tenantId);
      const title = t('sampah.operasi.fasilitas.title');
      const rows = list.map(
        (f) =>
          html`<tr>
            <th scope="row">
              ${mayEdit ? html`<a href="${cityPath(req, `/sampah/fasilitas/${f.id}`)}">${f.nama}</a>` : f.nama}
            </th>
            <td>
              ${t(`sampah.operasi.jenis.${f.jenis}`)}${f.subjenis ? ` · ${t(`sampah.operasi.subjenis.${f.subjenis}`)}` : ''}
            </td>
            <td>${[f.kelurahanNama, f.kecamatanNama].filter(Boolean).join(', ') || '–'}</td>
            <td class="num">
              ${
                f.kapasitasTonHari !== null
                  ? t('sampah.operasi.fasilitas.tonHari', { ton: formatNumber(f.kapasitasTonHari) })
                  : '–'
              }
              ${
                f.kuotaRitHarian !== null
                  ? html`<br />${t('sampah.operasi.fasilitas.ritHari', { rit: formatNumber(f.kuotaRitHarian) })}`
                  : ''
              }
            </td>
            <td>${t(`sampah.operasi.status.${f.status}`)}</td>
            <td>${f.operator ?? '–'}</td>
          </tr>`,
      );
      return sendPage(req, reply, {
        title,
        body: html`<h1>${title}</h1>
          ${flash(q.jenis === undefined && q.ok ? t('sampah.operasi.fasilitas.dibuat') : undefined)}
          ${
            mayEdit
              ? html`<p>
                  <a class="button" href="${cityPath(req, '/sampah/fasilitas/baru')}"
                    >${t('sampah.operasi.fasilitas.baru')}</a
                  >
                </p>`
              : ''
          }
          <form method="get" action="${cityPath(req, '/sampah/fasilitas')}" class="inline">
            ${operasiControls(t, { jenis: jenis ?? '' }, {}).choice(
              'jenis',
              JENIS_FASILITAS,
              'sampah.operasi.jenis',
              {
                first: ['', t('sampah.operasi.f.semua')],
              },
            )}
            <button type="submit">${t('sampah.operasi.fasilitas.filter')}</button>
          </form>
          ${dataTable({
            id: 'cap-fasilitas',
            caption: t('sampah.operasi.fasilitas.caption', { count: rows.length }),
            cols: [
              t('sampah.operasi.f.nama'),
              t('sampah.operasi.f.jenis'),
              t('sampah.operasi.fasilitas.lokasi'),
              { label: t('sampah.operasi.fasilitas.kapasitas'), num: true },
              t('sampah.operasi.f.status'),
              t('sampah.operasi.f.operator'),
            ],
            rows,
            empty: t('sampah.operasi.fasilitas.kosong'),
          })}`,
      });
    },
  );
}
