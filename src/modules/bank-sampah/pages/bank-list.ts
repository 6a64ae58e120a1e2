/** The list of banks the user sees, filtered by kecamatan, kelurahan and name or code. */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, field, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { filterForm, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { headRow, pagedList } from '../../../platform/web/screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { visibleKelurahan } from '../tempat-service.ts';
import { hasVisibleBank, listBanks } from '../bank-service.ts';
import { forUser, kelurahanChoices, tempatBank } from './admin-parts.ts';
import { addLink } from './bank-parts.ts';

export function bankListPage(app: BalaiApp, _ctx: ModuleContext): void {
  const BankListQuery = Type.Object(
    {
      kecamatan: Type.Optional(Type.String({ maxLength: 30 })),
      kelurahan: Type.Optional(Type.String({ maxLength: 30 })),
      q: Type.Optional(Type.String({ maxLength: 100 })),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/bank-sampah',
    { schema: { params: CityParams, querystring: BankListQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query;
      const filters = {
        kecamatan: /^\d{2}\.\d{2}\.\d{2}$/.test(q.kecamatan ?? '') ? q.kecamatan : undefined,
        kelurahan: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(q.kelurahan ?? '') ? q.kelurahan : undefined,
        q: q.q?.trim() || undefined,
      };
      const page = q.page ?? 1;
      const perPage = 50;
      const data = await cityTx(req, async (trx) => {
        if (!(await hasVisibleBank(trx, user))) return null;
        return {
          list: await listBanks(trx, user, { ...filters, page, perPage }),
          regions: await visibleKelurahan(trx, user),
        };
      });
      if (!data) return reply.redirect(cityPath(req, '/bank-sampah/saya'), 303);
      const { list, regions } = data;
      const pages = Math.max(1, Math.ceil(list.total / perPage));
      return sendPage(req, reply, {
        title: t('bankSampah.admin.bank.listTitle'),
        body: html`<h1>${t('bankSampah.admin.bank.listTitle')}</h1>
          <p class="lead">${t('bankSampah.admin.bank.listIntro')}</p>
          ${addLink(can(user, KELOLA), cityPath(req, '/bank-sampah/baru'), t('bankSampah.admin.bank.add'))}
          ${filterForm(
            { action: cityPath(req, '/bank-sampah'), label: t('bankSampah.admin.bank.search') },
            html`${selectField({
                name: 'kecamatan',
                label: t('bankSampah.admin.kecamatan'),
                options: html`${option('', t('bankSampah.admin.semua'), filters.kecamatan ?? '')}
                ${regions.map((g) => option(g.kode, g.nama, filters.kecamatan))}`,
              })}
              ${selectField({
                name: 'kelurahan',
                label: t('bankSampah.admin.kelurahan'),
                options: kelurahanChoices(t, regions, filters.kelurahan, t('bankSampah.admin.semua')),
              })}
              ${field({ name: 'q', label: t('bankSampah.admin.bank.searchLabel'), type: 'search', value: filters.q })}
              <button type="submit">${t('bankSampah.admin.tampilkan')}</button>`,
          )}
          ${pagedList(
            t,
            {
              found: t('bankSampah.admin.bank.found', { count: list.total }),
              empty: t('bankSampah.admin.bank.none'),
              label: t('bankSampah.admin.pagination'),
              page,
              pages,
              href: (p) => cityPath(req, `/bank-sampah${queryString({ ...filters, page: p })}`),
            },
            list.items.length
              ? tableWrap(
                  'cap-bank',
                  t('bankSampah.admin.bank.listCaption', { page, pages }),
                  headRow([
                    t('bankSampah.admin.bank.nama'),
                    t('bankSampah.admin.bank.kode'),
                    t('bankSampah.admin.bank.tempat'),
                    t('bankSampah.admin.kecamatan'),
                    { label: t('bankSampah.admin.bank.jumlahNasabah'), num: true },
                    t('bankSampah.admin.status'),
                  ]),
                  list.items.map(
                    (b) =>
                      html`<tr>
                        <th scope="row"><a href="${cityPath(req, `/bank-sampah/${b.id}`)}">${b.nama}</a></th>
                        <td>${b.kode}</td>
                        <td>${tempatBank(t, b)}</td>
                        <td>${b.kecamatanNama ?? '—'}</td>
                        <td class="num">${formatNumber(b.jumlahNasabah)}</td>
                        <td>
                          ${b.tingkat === 'induk' ? html`<span class="tag">${t('bankSampah.admin.tingkat.induk')}</span>` : ''}
                          ${b.aktif ? '' : html`<span class="tag">${t('bankSampah.admin.nonaktif')}</span>`}
                          ${b.demo ? html`<span class="tag">${t('bankSampah.admin.demo')}</span>` : ''}
                          ${b.aktif && b.tingkat === 'unit' && !b.demo ? t('bankSampah.admin.aktif') : ''}
                        </td>
                      </tr>`,
                  ),
                )
              : null,
          )}`,
      });
    },
  );
}
