/** A bank's members, searched by name, number or phone, with their balances. */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, field } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { filterForm, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { headRow, pagedList } from '../../../platform/web/screen.ts';
import { formatRupiah } from '../../../platform/i18n/index.ts';
import { nomor3 } from '../../wilayah/api.ts';
import { getBank } from '../bank-service.ts';
import { listNasabah } from '../nasabah-service.ts';
import { BankParams } from '../admin-schemas.ts';
import { forUser } from './admin-parts.ts';
import { addLink, bankAdminPage } from './bank-parts.ts';

export function nasabahListPage(app: BalaiApp, _ctx: ModuleContext): void {
  const NasabahListQuery = Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100 })),
      status: Type.Optional(Type.Union([Type.Literal('aktif'), Type.Literal('nonaktif'), Type.Literal('')])),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/bank-sampah/:bankId/nasabah',
    { schema: { params: BankParams, querystring: NasabahListQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const { bankId } = req.params;
      const q = req.query;
      const filters = { q: q.q?.trim() || undefined, status: q.status || undefined };
      const page = q.page ?? 1;
      const perPage = 50;
      const { bank, list } = await cityTx(req, async (trx) => ({
        bank: await getBank(trx, user, bankId),
        list: await listNasabah(trx, user, bankId, {
          q: filters.q,
          aktif: filters.status === undefined ? undefined : filters.status === 'aktif',
          page,
          perPage,
        }),
      }));
      const pages = Math.max(1, Math.ceil(list.total / perPage));
      const title = t('bankSampah.admin.nasabah.listTitle', { nama: bank.nama });
      return bankAdminPage(req, reply, bank, {
        screen: 'nasabah',
        title,
        body: html`${addLink(
          bank.hak.transaksi && bank.aktif,
          cityPath(req, `/bank-sampah/${bank.id}/nasabah/baru`),
          t('bankSampah.admin.nasabah.add'),
        )}
        ${filterForm(
          {
            action: cityPath(req, `/bank-sampah/${bank.id}/nasabah`),
            label: t('bankSampah.admin.nasabah.search'),
          },
          html`${field({ name: 'q', label: t('bankSampah.admin.nasabah.searchLabel'), type: 'search', value: filters.q })}
            ${selectField({
              name: 'status',
              label: t('bankSampah.admin.status'),
              options: html`${option('', t('bankSampah.admin.semua'), filters.status ?? '')}
              ${option('aktif', t('bankSampah.admin.aktif'), filters.status)}
              ${option('nonaktif', t('bankSampah.admin.nonaktif'), filters.status)}`,
            })} <button type="submit">${t('bankSampah.admin.cari')}</button>`,
        )}
        ${pagedList(
          t,
          {
            found: t('bankSampah.admin.nasabah.found', { count: list.total }),
            empty: t('bankSampah.admin.nasabah.none'),
            label: t('bankSampah.admin.pagination'),
            page,
            pages,
            href: (p) =>
              cityPath(req, `/bank-sampah/${bank.id}/nasabah${queryString({ ...filters, page: p })}`),
          },
          list.items.length
            ? tableWrap(
                'cap-nasabah',
                t('bankSampah.admin.nasabah.listCaption', { page, pages }),
                headRow([
                  t('bankSampah.admin.nasabah.nomor'),
                  t('bankSampah.admin.nama'),
                  t('bankSampah.admin.rw'),
                  t('bankSampah.admin.telepon'),
                  { label: t('bankSampah.admin.saldo'), num: true },
                  t('bankSampah.admin.status'),
                ]),
                list.items.map(
                  (n) =>
                    html`<tr>
                      <td>${n.nomor}</td>
                      <th scope="row">
                        <a href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah/${n.id}`)}">${n.nama}</a>
                      </th>
                      <td>${n.rw ? t('bankSampah.admin.rwSingkat', { nomor: nomor3(n.rw.nomor) }) : '—'}</td>
                      <td>${n.telepon ?? '—'}</td>
                      <td class="num">${formatRupiah(n.saldo)}</td>
                      <td>
                        ${n.aktif ? t('bankSampah.admin.aktif') : html`<span class="tag">${t('bankSampah.admin.nonaktif')}</span>`}
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
