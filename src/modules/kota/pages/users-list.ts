/**
 * The accounts of the city, searchable, with their roles and status.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, field, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { pagination, queryString, tableWrap, filterForm } from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { listAccounts } from '../users-service.ts';
import { cityAreas } from '../../wilayah/api.ts';
import { UsersQuery } from '../schemas.ts';
import { USERS_ACCESS, PER_PAGE, roleTag, statusTags } from './parts.ts';

export function usersListPage(app: BalaiApp): void {
  app.get(
    '/:city/kota/pengguna',
    { schema: { params: CityParams, querystring: UsersQuery }, config: USERS_ACCESS },
    async (req, reply) => {
      const t = req.t;
      const q = req.query;
      const page = q.page ?? 1;
      const city = cityOf(req);
      const { list, areas } = await cityTx(req, async (trx) => ({
        list: await listAccounts(trx, { q: q.q, page, perPage: PER_PAGE }),
        areas: new Map((await cityAreas(trx, city.id)).map((a) => [a.kode, a])),
      }));
      return sendPage(req, reply, {
        title: t('kota.users.title'),
        body: html`<h1>${t('kota.users.title')}</h1>
          <p>
            <a class="button primary" href="${cityPath(req, '/kota/pengguna/baru')}"
              >${t('kota.users.newTitle')}</a
            >
          </p>
          ${filterForm(
            { action: cityPath(req, '/kota/pengguna'), label: t('kota.users.search') },
            html`${field({ name: 'q', label: t('kota.users.searchLabel'), type: 'search', value: q.q })}
              <p><button type="submit" class="button">${t('kota.users.search')}</button></p>`,
          )}
          <p class="meta">
            ${q.q ? t('kota.users.countFor', { total: list.total, q: q.q }) : t('kota.users.count', { total: list.total })}
          </p>
          ${
            list.items.length
              ? tableWrap(
                  null,
                  t('kota.users.caption'),
                  html`<tr>
                    <th scope="col">${t('auth.name')}</th>
                    <th scope="col">${t('auth.email')}</th>
                    <th scope="col">${t('kota.users.phone')}</th>
                    <th scope="col">${t('auth.roles')}</th>
                    <th scope="col">${t('kota.users.status')}</th>
                    <th scope="col">${t('kota.users.lastLogin')}</th>
                  </tr>`,
                  list.items.map(
                    (u) =>
                      html`<tr>
                        <td><a href="${cityPath(req, `/kota/pengguna/${u.id}`)}">${u.name}</a></td>
                        <td>${u.email}</td>
                        <td>${u.phone ?? '—'}</td>
                        <td>
                          ${u.roles.length ? u.roles.map((r) => html`${roleTag(t, r, areas)} `) : html`<span class="meta">${t('kota.users.noRoles')}</span>`}
                        </td>
                        <td>${statusTags(t, u)}</td>
                        <td>${u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('kota.users.never')}</td>
                      </tr>`,
                  ),
                )
              : html`<p>${t('list.empty')}</p>`
          }
          ${pagination(t, t('kota.pagination'), list.page, list.pages, (p) => cityPath(req, `/kota/pengguna${queryString({ q: q.q, page: p })}`))}`,
      });
    },
  );
}
