/**
 * The RW list for officers: filters by kecamatan, kelurahan and name, paginated.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  option,
  pagination,
  queryString,
  selectField,
  filterForm,
} from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA, listRw, visibleRegions } from '../service.ts';
import { RwQuery } from '../schemas.ts';
import { VIEW_ACCESS, kelurahanChoices, rwTable } from './parts.ts';

export function rwListPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/rw',
    {
      schema: {
        params: CityParams,
        querystring: Type.Object(
          { ...RwQuery.properties, ok: Type.Optional(Type.Literal('dihapus')) },
          { additionalProperties: false },
        ),
      },
      config: VIEW_ACCESS,
    },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query;
      const filters = {
        kecamatan: q.kecamatan || undefined,
        kelurahan: q.kelurahan || undefined,
        q: q.q?.trim() || undefined,
      };
      const page = q.page ?? 1;
      const perPage = q.perPage ?? 50;
      const { list, regions } = await cityTx(req, async (trx) => ({
        list: await listRw(trx, user, { ...filters, page, perPage }),
        regions: await visibleRegions(trx, cityOf(req), user),
      }));
      const pages = Math.max(1, Math.ceil(list.total / perPage));
      const mayAdd = can(user, KELOLA);
      return sendPage(req, reply, {
        title: t('wilayah.rw.listTitle'),
        body: html`<h1>${t('wilayah.rw.listTitle')}</h1>
          ${flash(q.ok === 'dihapus' ? t('wilayah.rw.deleted') : undefined)}
          <p class="lead">${t('wilayah.rw.listIntro')}</p>
          ${mayAdd ? html`<p><a class="button primary" href="${cityPath(req, '/wilayah/rw/baru')}">${t('wilayah.rw.add')}</a></p>` : ''}
          ${filterForm(
            { action: cityPath(req, '/wilayah/rw'), label: t('wilayah.rw.search') },
            html`${selectField({
                name: 'kecamatan',
                label: t('wilayah.kecamatan'),
                options: html`${option('', t('wilayah.all'), filters.kecamatan ?? '')}
                ${regions.map((g) => option(g.kode, g.nama, filters.kecamatan))}`,
              })}
              ${selectField({ name: 'kelurahan', label: t('wilayah.kelurahan'), options: kelurahanChoices(t, regions, filters.kelurahan, t('wilayah.all')) })}
              ${field({ name: 'q', label: t('wilayah.rw.searchLabel'), type: 'search', value: filters.q })}
              <button type="submit">${t('wilayah.show')}</button>`,
          )}
          <p role="status">${t('wilayah.rw.found', { count: list.total })}</p>
          ${
            list.items.length
              ? html`${rwTable(req, 'cap-rw', t('wilayah.rw.listCaption', { page, pages }), list.items, { showPlace: true })}
                ${pagination(t, t('wilayah.pagination'), page, pages, (p) => cityPath(req, `/wilayah/rw${queryString({ ...filters, page: p })}`))}`
              : html`<p>${t('wilayah.rw.none')}</p>`
          }`,
      });
    },
  );
}
