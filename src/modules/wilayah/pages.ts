/**
 * The wilayah pages (server-rendered, Bahasa Indonesia by default): the public
 * region list, region pages and map; RW and RT lists and forms for officers;
 * the spreadsheet import with its progress page. Forms post back, re-render
 * with errors next to their fields, and redirect after a successful change.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  groupedOptions,
  option,
  pagination,
  queryString,
  problemErrors,
  selectField,
  submitForm,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import { formatDateTime, formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import type { City } from '../../platform/tenancy/service.ts';
import {
  CityKodeParams,
  CsrfForm,
  ImportForm,
  ImportParams,
  RtForm,
  RtParams,
  RwForm,
  RwParams,
  RwQuery,
} from './schemas.ts';
import {
  IMPOR,
  KELOLA,
  LIHAT,
  canManageRw,
  createImport,
  createRt,
  createRw,
  deleteRt,
  deleteRw,
  getImport,
  getRtForEdit,
  getRw,
  getRwForEdit,
  listImports,
  listKelurahan,
  listRw,
  manageableKelurahan,
  nomor3,
  regionDetail,
  regionOverview,
  rwAreasOf,
  updateRt,
  updateRw,
  visibleRegions,
  type ImportView,
  type KelurahanGroups,
  type RegionView,
  type RwView,
} from './service.ts';
import { COLUMNS, MAX_ROWS, templateCsv, templateXlsx } from './impor.ts';

type Values = FormValues;
type Errors = FormErrors;

const lihat = { access: { permission: LIHAT } } as const;
const kelola = { access: { permission: KELOLA } } as const;
const impor = { access: { permission: IMPOR } } as const;

// ---- Shared bits ----

const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n));

function kelurahanOptions(
  t: Translator,
  groups: KelurahanGroups,
  selected: string | undefined,
  emptyLabel: string,
): SafeHtml {
  return groupedOptions(
    emptyLabel,
    groups.map((g) => ({
      label: t('wilayah.kecamatanName', { nama: g.nama }),
      options: g.kelurahan.map((k) => ({ value: k.kode, label: `${k.nama} (${k.kode})` })),
    })),
    selected,
  );
}

function regionFacts(t: Translator, r: RegionView, extra: SafeHtml | '' = ''): SafeHtml {
  return html`<dl class="facts">
    <dt>${t('wilayah.kode')}</dt>
    <dd>${r.kode}</dd>
    ${extra}
    ${
      r.pendudukTotal !== null
        ? html`<dt>${t('wilayah.penduduk')}</dt>
            <dd>${num(r.pendudukTotal)}</dd>`
        : ''
    }
    ${
      r.luasKm2 !== null
        ? html`<dt>${t('wilayah.luas')}</dt>
            <dd>${t('wilayah.luasValue', { luas: r.luasKm2 })}</dd>`
        : ''
    }
  </dl>`;
}

function rwTitle(t: Translator, rw: { nomor: number; kelurahanNama: string }): string {
  return t('wilayah.rw.title', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama });
}

function rwTable(
  req: FastifyRequest,
  id: string,
  caption: string,
  items: RwView[],
  o: { showPlace: boolean },
): SafeHtml {
  const t = req.t;
  return tableWrap(
    id,
    caption,
    html`<tr>
      <th scope="col">${t('wilayah.rw.nomor')}</th>
      ${
        o.showPlace
          ? html`<th scope="col">${t('wilayah.kelurahan')}</th>
              <th scope="col">${t('wilayah.kecamatan')}</th>`
          : ''
      }
      <th scope="col">${t('wilayah.rw.ketua')}</th>
      <th scope="col">${t('wilayah.rw.telepon')}</th>
      <th scope="col" class="num">${t('wilayah.rw.kk')}</th>
      <th scope="col" class="num">${t('wilayah.rw.jumlahRt')}</th>
    </tr>`,
    items.map(
      (r) =>
        html`<tr>
          <th scope="row">
            <a href="${cityPath(req, `/wilayah/rw/${r.id}`)}"
              >${t('wilayah.rw.short', { nomor: nomor3(r.nomor) })}</a
            >
          </th>
          ${
            o.showPlace
              ? html`<td>${r.kelurahanNama}</td>
                  <td>${r.kecamatanNama}</td>`
              : ''
          }
          <td>${r.ketuaNama ?? '—'}</td>
          <td>${r.ketuaTelepon ?? '—'}</td>
          <td class="num">${num(r.jumlahKk)}</td>
          <td class="num">${num(r.jumlahRt)}</td>
        </tr>`,
    ),
  );
}

const STATUS_KEYS: Record<ImportView['status'], string> = {
  menunggu: 'wilayah.impor.status.menunggu',
  diproses: 'wilayah.impor.status.diproses',
  berhasil: 'wilayah.impor.status.berhasil',
  gagal: 'wilayah.impor.status.gagal',
};

// ---- Pages ----

export function wilayahPages(app: FastifyInstance, ctx: ModuleContext): void {
  // Region list (public)
  app.get(
    '/:city/wilayah',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const o = await cityTx(req, (trx) => regionOverview(trx, city, req.user));
      const showRw = o.jumlahRw !== null;
      return sendPage(req, reply, {
        title: t('wilayah.page.title'),
        body: html`<h1>${t('wilayah.page.heading', { city: city.name })}</h1>
          <p class="lead">${t('wilayah.page.intro')}</p>
          ${
            o.kota
              ? regionFacts(
                  t,
                  o.kota,
                  html`<dt>${t('wilayah.jumlahKecamatan')}</dt>
                    <dd>${num(o.kecamatan.length)}</dd>
                    <dt>${t('wilayah.jumlahKelurahan')}</dt>
                    <dd>${num(o.jumlahKelurahan)}</dd>
                    ${
                      showRw
                        ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                            <dd>${num(o.jumlahRw)}</dd>`
                        : ''
                    }`,
                )
              : ''
          }
          <p>
            <a class="button" href="${cityPath(req, '/peta')}">${t('wilayah.map.open')}</a>
            ${showRw ? html` <a class="button" href="${cityPath(req, '/wilayah/rw')}">${t('wilayah.rw.listTitle')}</a>` : ''}
          </p>
          <section aria-labelledby="h-kecamatan">
            <h2 id="h-kecamatan">${t('wilayah.kecamatanList')}</h2>
            ${tableWrap(
              'cap-kecamatan',
              t('wilayah.kecamatanCaption', { city: city.name, count: o.kecamatan.length }),
              html`<tr>
                <th scope="col">${t('wilayah.kecamatan')}</th>
                <th scope="col">${t('wilayah.kode')}</th>
                <th scope="col" class="num">${t('wilayah.jumlahKelurahan')}</th>
                ${showRw ? html`<th scope="col" class="num">${t('wilayah.jumlahRw')}</th>` : ''}
              </tr>`,
              o.kecamatan.map(
                (k) =>
                  html`<tr>
                    <th scope="row"><a href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></th>
                    <td>${k.kode}</td>
                    <td class="num">${num(k.jumlahKelurahan)}</td>
                    ${showRw ? html`<td class="num">${num(k.jumlahRw)}</td>` : ''}
                  </tr>`,
              ),
            )}
          </section>
          <p class="meta">${t('wilayah.source')}</p>`,
      });
    },
  );

  // Map (public)
  app.get(
    '/:city/peta',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const o = await cityTx(req, (trx) => regionOverview(trx, city, null));
      const api = `/api/v1/cities/${city.slug}/wilayah`;
      return sendPage(req, reply, {
        title: t('wilayah.map.title'),
        head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />`,
        scripts: ['/assets/leaflet/leaflet.js', '/assets/js/peta.js'],
        body: html`<h1>${t('wilayah.map.heading', { city: city.name })}</h1>
          <p class="lead">${t('wilayah.map.intro')}</p>
          <div
            id="peta"
            role="region"
            aria-label="${t('wilayah.map.label', { city: city.name })}"
            data-kecamatan-url="${api}/kecamatan.geojson"
            data-kelurahan-url="${api}/kelurahan.geojson"
            data-wilayah-url="${cityPath(req, '/wilayah/')}"
            data-label-kecamatan="${t('wilayah.kecamatan')}"
            data-label-kelurahan="${t('wilayah.kelurahan')}"
            data-label-open="${t('wilayah.map.openRegion')}"
            data-label-error="${t('wilayah.map.error')}"
          ></div>
          <p class="hint" id="peta-status" role="status"></p>
          <p class="meta" id="peta-nojs">${t('wilayah.map.noJs')}</p>
          <section aria-labelledby="h-kecamatan">
            <h2 id="h-kecamatan">${t('wilayah.kecamatanList')}</h2>
            <ul class="tags">
              ${o.kecamatan.map((k) => html`<li><a class="tag" href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></li>`)}
            </ul>
            <p><a href="${cityPath(req, '/wilayah')}">${t('wilayah.page.full')}</a></p>
          </section>
          <p class="meta">${t('wilayah.source')}</p>`,
      });
    },
  );

  // RW list (officers)
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
      config: lihat,
    },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query as Static<typeof RwQuery> & { ok?: string };
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
          <form
            method="get"
            action="${cityPath(req, '/wilayah/rw')}"
            class="filters"
            role="search"
            aria-label="${t('wilayah.rw.search')}"
          >
            ${selectField({
              name: 'kecamatan',
              label: t('wilayah.kecamatan'),
              options: html`${option('', t('wilayah.all'), filters.kecamatan ?? '')}
              ${regions.map((g) => option(g.kode, g.nama, filters.kecamatan))}`,
            })}
            ${selectField({ name: 'kelurahan', label: t('wilayah.kelurahan'), options: kelurahanOptions(t, regions, filters.kelurahan, t('wilayah.all')) })}
            ${field({ name: 'q', label: t('wilayah.rw.searchLabel'), type: 'search', value: filters.q })}
            <button type="submit">${t('wilayah.show')}</button>
          </form>
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

  // New RW
  function rwFormPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { groups: KelurahanGroups; values: Values; errors?: Errors; status?: number; rw?: RwView },
  ) {
    const t = req.t;
    const e = o.errors ?? {};
    const v = o.values;
    const editing = o.rw;
    const title = editing
      ? t('wilayah.rw.editTitle', { nomor: nomor3(editing.nomor), kelurahan: editing.kelurahanNama })
      : t('wilayah.rw.add');
    const action = editing ? cityPath(req, `/wilayah/rw/${editing.id}`) : cityPath(req, '/wilayah/rw');
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
          { href: cityPath(req, '/wilayah/rw'), label: t('wilayah.rw.listTitle') },
          ...(editing
            ? [{ href: cityPath(req, `/wilayah/rw/${editing.id}`), label: rwTitle(t, editing) }]
            : []),
          { label: editing ? t('wilayah.rw.edit') : t('wilayah.rw.add') },
        ])}
        <section class="narrow">
          <h1>${title}</h1>
          ${errorSummary(t, e)}
          <form method="post" action="${action}" novalidate>
            ${csrfField(req)}
            ${selectField({
              name: 'kelurahanKode',
              label: t('wilayah.kelurahan'),
              required: true,
              error: e.kelurahanKode,
              options: kelurahanOptions(t, o.groups, v.kelurahanKode, t('wilayah.rw.chooseKelurahan')),
            })}
            ${field({ name: 'nomor', label: t('wilayah.rw.nomor'), type: 'number', value: v.nomor, required: true, error: e.nomor, hint: t('wilayah.rw.nomorHint'), attrs: html`min="1" max="999" inputmode="numeric"` })}
            ${field({ name: 'ketuaNama', label: t('wilayah.rw.ketuaNama'), value: v.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
            ${field({ name: 'ketuaTelepon', label: t('wilayah.rw.ketuaTelepon'), type: 'tel', value: v.ketuaTelepon, error: e.ketuaTelepon, hint: t('wilayah.rw.teleponHint'), autocomplete: 'off' })}
            ${field({ name: 'jumlahKk', label: t('wilayah.rw.kkLabel'), type: 'number', value: v.jumlahKk, error: e.jumlahKk, attrs: html`min="0" max="99999" inputmode="numeric"` })}
            <button type="submit" class="primary">${t('form.save')}</button>
            <a href="${editing ? cityPath(req, `/wilayah/rw/${editing.id}`) : cityPath(req, '/wilayah/rw')}"
              >${t('form.cancel')}</a
            >
          </form>
        </section>`,
    });
  }

  const NewRwQuery = Type.Object(
    { kelurahan: Type.Optional(Type.String({ maxLength: 30 })) },
    { additionalProperties: false },
  );
  app.get(
    '/:city/wilayah/rw/baru',
    { schema: { params: CityParams, querystring: NewRwQuery }, config: kelola },
    async (req, reply) => {
      const q = req.query as Static<typeof NewRwQuery>;
      const groups = await cityTx(req, (trx) => manageableKelurahan(trx, cityOf(req), userOf(req)));
      const only =
        groups.length === 1 && groups[0]!.kelurahan.length === 1 ? groups[0]!.kelurahan[0]!.kode : undefined;
      return rwFormPage(req, reply, { groups, values: { kelurahanKode: q.kelurahan ?? only ?? '' } });
    },
  );

  const RW_FIELDS = ['kelurahanKode', 'nomor', 'ketuaNama', 'ketuaTelepon', 'jumlahKk'];

  app.post(
    '/:city/wilayah/rw',
    { schema: { params: CityParams, body: RwForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const city = cityOf(req);
      const user = userOf(req);
      const groups = await cityTx(req, (trx) => manageableKelurahan(trx, city, user));
      const b = req.body as Static<typeof RwForm>;
      return submitForm(
        req,
        reply,
        RW_FIELDS,
        (failed) => rwFormPage(req, reply, { groups, ...failed }),
        async () => {
          const rw = await cityTx(req, (trx) =>
            createRw(trx, city, user, {
              kelurahanKode: b.kelurahanKode ?? '',
              nomor: b.nomor ?? null,
              ketuaNama: b.ketuaNama ?? null,
              ketuaTelepon: b.ketuaTelepon ?? null,
              jumlahKk: b.jumlahKk ?? null,
            }),
          );
          return cityPath(req, `/wilayah/rw/${rw.id}?ok=dibuat`);
        },
      );
    },
  );

  // RW detail with its RTs
  const OkQuery = Type.Object(
    {
      ok: Type.Optional(
        Type.Union([
          Type.Literal('dibuat'),
          Type.Literal('diubah'),
          Type.Literal('rt-dibuat'),
          Type.Literal('rt-diubah'),
          Type.Literal('rt-dihapus'),
        ]),
      ),
    },
    { additionalProperties: false },
  );
  const OK_KEYS: Record<string, string> = {
    dibuat: 'wilayah.rw.created',
    diubah: 'form.saved',
    'rt-dibuat': 'wilayah.rt.created',
    'rt-diubah': 'wilayah.rt.saved',
    'rt-dihapus': 'wilayah.rt.deleted',
  };

  async function rwPage(
    req: FastifyRequest,
    reply: FastifyReply,
    rwId: string,
    o: { ok?: string | undefined; rtValues?: Values; rtErrors?: Errors; status?: number },
  ) {
    const t = req.t;
    const user = userOf(req);
    const rw = await cityTx(req, (trx) => getRw(trx, user, rwId));
    const manage = canManageRw(user, rw);
    const e = o.rtErrors ?? {};
    return sendPage(req, reply, {
      title: rwTitle(t, rw),
      status: o.status ?? 200,
      body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
          { href: cityPath(req, '/wilayah'), label: t('wilayah.module') },
          {
            href: cityPath(req, `/wilayah/${rw.kecamatanKode}`),
            label: t('wilayah.kecamatanName', { nama: rw.kecamatanNama }),
          },
          {
            href: cityPath(req, `/wilayah/${rw.kelurahanKode}`),
            label: t('wilayah.kelurahanName', { nama: rw.kelurahanNama }),
          },
          { label: t('wilayah.rw.short', { nomor: nomor3(rw.nomor) }) },
        ])}
        <h1>${rwTitle(t, rw)}</h1>
        ${flash(o.ok && OK_KEYS[o.ok] ? t(OK_KEYS[o.ok]!) : undefined)}
        ${rw.demo ? html`<p><span class="tag">${t('wilayah.demoData')}</span></p>` : ''}
        <dl class="facts">
          <dt>${t('wilayah.rw.kode')}</dt>
          <dd>${rw.kode}</dd>
          <dt>${t('wilayah.kelurahan')}</dt>
          <dd><a href="${cityPath(req, `/wilayah/${rw.kelurahanKode}`)}">${rw.kelurahanNama}</a></dd>
          <dt>${t('wilayah.kecamatan')}</dt>
          <dd>${rw.kecamatanNama}</dd>
          <dt>${t('wilayah.rw.ketuaNama')}</dt>
          <dd>${rw.ketuaNama ?? '—'}</dd>
          <dt>${t('wilayah.rw.ketuaTelepon')}</dt>
          <dd>${rw.ketuaTelepon ?? '—'}</dd>
          <dt>${t('wilayah.rw.kkLabel')}</dt>
          <dd>${num(rw.jumlahKk)}</dd>
          <dt>${t('wilayah.updatedAt')}</dt>
          <dd>${formatDateTime(rw.updatedAt)}</dd>
        </dl>
        ${
          manage
            ? html`<p>
                <a class="button" href="${cityPath(req, `/wilayah/rw/${rw.id}/ubah`)}"
                  >${t('wilayah.rw.edit')}</a
                >
                <a class="button danger" href="${cityPath(req, `/wilayah/rw/${rw.id}/hapus`)}"
                  >${t('wilayah.rw.delete')}</a
                >
              </p>`
            : ''
        }
        <section aria-labelledby="h-rt">
          <h2 id="h-rt">${t('wilayah.rt.listTitle', { count: rw.rt.length })}</h2>
          ${
            rw.rt.length
              ? tableWrap(
                  'cap-rt',
                  t('wilayah.rt.caption', { rw: nomor3(rw.nomor) }),
                  html`<tr>
                    <th scope="col">${t('wilayah.rt.nomor')}</th>
                    <th scope="col">${t('wilayah.rt.ketua')}</th>
                    ${manage ? html`<th scope="col">${t('wilayah.actions')}</th>` : ''}
                  </tr>`,
                  rw.rt.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${t('wilayah.rt.short', { nomor: nomor3(r.nomor) })}</th>
                        <td>${r.ketuaNama ?? '—'}</td>
                        ${manage ? html`<td><a href="${cityPath(req, `/wilayah/rt/${r.id}/ubah`)}">${t('wilayah.rt.editShort', { nomor: nomor3(r.nomor) })}</a></td>` : ''}
                      </tr>`,
                  ),
                )
              : html`<p>${t('wilayah.rt.none')}</p>`
          }
        </section>
        ${
          manage
            ? html`<section aria-labelledby="h-rt-baru" class="narrow">
                <h2 id="h-rt-baru">${t('wilayah.rt.add')}</h2>
                ${errorSummary(t, e)}
                <form method="post" action="${cityPath(req, `/wilayah/rw/${rw.id}/rt`)}" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'nomor', label: t('wilayah.rt.nomor'), type: 'number', value: o.rtValues?.nomor, required: true, error: e.nomor, attrs: html`min="1" max="999" inputmode="numeric"` })}
                  ${field({ name: 'ketuaNama', label: t('wilayah.rt.ketuaNama'), value: o.rtValues?.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
                  <button type="submit" class="primary">${t('wilayah.rt.addSubmit')}</button>
                </form>
              </section>`
            : ''
        }`,
    });
  }

  app.get(
    '/:city/wilayah/rw/:rwId',
    { schema: { params: RwParams, querystring: OkQuery }, config: lihat },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      return rwPage(req, reply, rwId, { ok: (req.query as Static<typeof OkQuery>).ok });
    },
  );

  app.get(
    '/:city/wilayah/rw/:rwId/ubah',
    { schema: { params: RwParams }, config: kelola },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const user = userOf(req);
      const { rw, groups } = await cityTx(req, async (trx) => ({
        rw: await getRwForEdit(trx, user, rwId),
        groups: await manageableKelurahan(trx, cityOf(req), user),
      }));
      return rwFormPage(req, reply, {
        groups,
        rw,
        values: {
          kelurahanKode: rw.kelurahanKode,
          nomor: String(rw.nomor),
          ketuaNama: rw.ketuaNama ?? '',
          ketuaTelepon: rw.ketuaTeleponLengkap ?? '',
          jumlahKk: rw.jumlahKk === null ? '' : String(rw.jumlahKk),
        },
      });
    },
  );

  app.post(
    '/:city/wilayah/rw/:rwId',
    { schema: { params: RwParams, body: RwForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const city = cityOf(req);
      const user = userOf(req);
      const { rw, groups } = await cityTx(req, async (trx) => ({
        rw: await getRwForEdit(trx, user, rwId),
        groups: await manageableKelurahan(trx, city, user),
      }));
      const b = req.body as Static<typeof RwForm>;
      return submitForm(
        req,
        reply,
        RW_FIELDS,
        (failed) => rwFormPage(req, reply, { groups, rw, ...failed }),
        async () => {
          await cityTx(req, (trx) =>
            updateRw(trx, city, user, rwId, {
              kelurahanKode: b.kelurahanKode || undefined,
              nomor: b.nomor ?? null,
              ketuaNama: b.ketuaNama ?? null,
              ketuaTelepon: b.ketuaTelepon ?? null,
              jumlahKk: b.jumlahKk ?? null,
            }),
          );
          return cityPath(req, `/wilayah/rw/${rwId}?ok=diubah`);
        },
      );
    },
  );

  app.get(
    '/:city/wilayah/rw/:rwId/hapus',
    { schema: { params: RwParams }, config: kelola },
    async (req, reply) => {
      const t = req.t;
      const { rwId } = req.params as Static<typeof RwParams>;
      const rw = await cityTx(req, (trx) => getRwForEdit(trx, userOf(req), rwId));
      return sendPage(req, reply, {
        title: t('wilayah.rw.deleteTitle', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama }),
        body: html`<section class="narrow">
          <h1>${t('wilayah.rw.deleteTitle', { nomor: nomor3(rw.nomor), kelurahan: rw.kelurahanNama })}</h1>
          <div class="alert alert-info" role="note">
            ${t('wilayah.rw.deleteWarning', { count: rw.jumlahRt })}
          </div>
          <form method="post" action="${cityPath(req, `/wilayah/rw/${rw.id}/hapus`)}">
            ${csrfField(req)}
            <button type="submit" class="danger">${t('wilayah.rw.deleteConfirm')}</button>
            <a href="${cityPath(req, `/wilayah/rw/${rw.id}`)}">${t('form.cancel')}</a>
          </form>
        </section>`,
      });
    },
  );

  app.post(
    '/:city/wilayah/rw/:rwId/hapus',
    { schema: { params: RwParams, body: CsrfForm }, config: kelola },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      await cityTx(req, (trx) => deleteRw(trx, userOf(req), rwId));
      return reply.redirect(cityPath(req, '/wilayah/rw?ok=dihapus'), 303);
    },
  );

  // RT
  app.post(
    '/:city/wilayah/rw/:rwId/rt',
    { schema: { params: RwParams, body: RtForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      const b = req.body as Static<typeof RtForm>;
      return submitForm(
        req,
        reply,
        ['nomor', 'ketuaNama'],
        ({ values, errors, status }) =>
          rwPage(req, reply, rwId, { rtValues: values, rtErrors: errors, status }),
        async () => {
          await cityTx(req, (trx) =>
            createRt(trx, cityOf(req), userOf(req), rwId, {
              nomor: b.nomor ?? null,
              ketuaNama: b.ketuaNama ?? null,
            }),
          );
          return cityPath(req, `/wilayah/rw/${rwId}?ok=rt-dibuat`);
        },
      );
    },
  );

  async function rtFormPage(
    req: FastifyRequest,
    reply: FastifyReply,
    rtId: string,
    o: { values?: Values; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const { rt, rw } = await cityTx(req, (trx) => getRtForEdit(trx, userOf(req), rtId));
    const e = o.errors ?? {};
    const v = o.values ?? { nomor: String(rt.nomor), ketuaNama: rt.ketuaNama ?? '' };
    const title = t('wilayah.rt.editTitle', {
      nomor: nomor3(rt.nomor),
      rw: nomor3(rw.nomor),
      kelurahan: rw.kelurahanNama,
    });
    return sendPage(req, reply, {
      title,
      status: o.status ?? 200,
      body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
          { href: cityPath(req, '/wilayah/rw'), label: t('wilayah.rw.listTitle') },
          { href: cityPath(req, `/wilayah/rw/${rw.id}`), label: rwTitle(t, rw) },
          { label: t('wilayah.rt.short', { nomor: nomor3(rt.nomor) }) },
        ])}
        <section class="narrow">
          <h1>${title}</h1>
          ${errorSummary(t, e)}
          <form method="post" action="${cityPath(req, `/wilayah/rt/${rt.id}`)}" novalidate>
            ${csrfField(req)}
            ${field({ name: 'nomor', label: t('wilayah.rt.nomor'), type: 'number', value: v.nomor, required: true, error: e.nomor, attrs: html`min="1" max="999" inputmode="numeric"` })}
            ${field({ name: 'ketuaNama', label: t('wilayah.rt.ketuaNama'), value: v.ketuaNama, error: e.ketuaNama, autocomplete: 'off' })}
            <button type="submit" class="primary">${t('form.save')}</button>
            <a href="${cityPath(req, `/wilayah/rw/${rw.id}`)}">${t('form.cancel')}</a>
          </form>
          <h2>${t('wilayah.rt.deleteTitle')}</h2>
          <form method="post" action="${cityPath(req, `/wilayah/rt/${rt.id}/hapus`)}">
            ${csrfField(req)}
            <button type="submit" class="danger">
              ${t('wilayah.rt.delete', { nomor: nomor3(rt.nomor) })}
            </button>
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/wilayah/rt/:rtId/ubah',
    { schema: { params: RtParams }, config: kelola },
    async (req, reply) => {
      const { rtId } = req.params as Static<typeof RtParams>;
      return rtFormPage(req, reply, rtId, {});
    },
  );

  app.post(
    '/:city/wilayah/rt/:rtId',
    { schema: { params: RtParams, body: RtForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const { rtId } = req.params as Static<typeof RtParams>;
      const b = req.body as Static<typeof RtForm>;
      return submitForm(
        req,
        reply,
        ['nomor', 'ketuaNama'],
        (failed) => rtFormPage(req, reply, rtId, failed),
        async () => {
          const rt = await cityTx(req, (trx) =>
            updateRt(trx, userOf(req), rtId, { nomor: b.nomor ?? null, ketuaNama: b.ketuaNama ?? null }),
          );
          return cityPath(req, `/wilayah/rw/${rt.rwId}?ok=rt-diubah`);
        },
      );
    },
  );

  app.post(
    '/:city/wilayah/rt/:rtId/hapus',
    { schema: { params: RtParams, body: CsrfForm }, config: kelola },
    async (req, reply) => {
      const { rtId } = req.params as Static<typeof RtParams>;
      const { rwId } = await cityTx(req, (trx) => deleteRt(trx, userOf(req), rtId));
      return reply.redirect(cityPath(req, `/wilayah/rw/${rwId}?ok=rt-dihapus`), 303);
    },
  );

  // Import
  function importPage(
    req: FastifyRequest,
    reply: FastifyReply,
    o: { imports: ImportView[]; errors?: Errors; status?: number },
  ) {
    const t = req.t;
    const e = o.errors ?? {};
    return sendPage(req, reply, {
      title: t('wilayah.impor.title'),
      status: o.status ?? 200,
      body: html`<h1>${t('wilayah.impor.title')}</h1>
        <p class="lead">${t('wilayah.impor.intro')}</p>
        <section aria-labelledby="h-format">
          <h2 id="h-format">${t('wilayah.impor.formatTitle')}</h2>
          <p>${t('wilayah.impor.formatIntro', { max: MAX_ROWS })}</p>
          ${tableWrap(
            'cap-kolom',
            t('wilayah.impor.columnsCaption'),
            html`<tr>
              <th scope="col">${t('wilayah.impor.column')}</th>
              <th scope="col">${t('wilayah.impor.meaning')}</th>
            </tr>`,
            COLUMNS.map(
              (c) =>
                html`<tr>
                  <th scope="row"><code>${c}</code></th>
                  <td>${t(`wilayah.impor.col.${c}`)}</td>
                </tr>`,
            ),
          )}
          <p>${t('wilayah.impor.rules')}</p>
          <p>
            ${t('wilayah.impor.template')}
            <a href="${cityPath(req, '/wilayah/impor/templat.xlsx')}" download
              >${t('wilayah.impor.templateXlsx')}</a
            >
            ·
            <a href="${cityPath(req, '/wilayah/impor/templat.csv')}" download
              >${t('wilayah.impor.templateCsv')}</a
            >
          </p>
        </section>
        <section aria-labelledby="h-unggah" class="narrow">
          <h2 id="h-unggah">${t('wilayah.impor.uploadTitle')}</h2>
          ${errorSummary(t, e)}
          <form
            method="post"
            action="${cityPath(req, '/wilayah/impor')}"
            enctype="multipart/form-data"
            novalidate
          >
            ${csrfField(req)}
            ${field({
              name: 'berkas',
              label: t('wilayah.impor.file'),
              type: 'file',
              required: true,
              error: e.berkas,
              hint: t('wilayah.impor.fileHint'),
              attrs: raw(
                'accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"',
              ),
            })}
            <button type="submit" class="primary">${t('wilayah.impor.submit')}</button>
          </form>
        </section>
        <section aria-labelledby="h-riwayat">
          <h2 id="h-riwayat">${t('wilayah.impor.recent')}</h2>
          ${
            o.imports.length
              ? tableWrap(
                  'cap-riwayat',
                  t('wilayah.impor.recentCaption'),
                  html`<tr>
                    <th scope="col">${t('wilayah.impor.fileName')}</th>
                    <th scope="col">${t('wilayah.impor.uploaded')}</th>
                    <th scope="col">${t('wilayah.impor.statusLabel')}</th>
                    <th scope="col" class="num">${t('wilayah.impor.rows')}</th>
                  </tr>`,
                  o.imports.map(
                    (i) =>
                      html`<tr>
                        <th scope="row">
                          <a href="${cityPath(req, `/wilayah/impor/${i.id}`)}">${i.fileName}</a>
                        </th>
                        <td>${formatDateTime(i.createdAt)}</td>
                        <td><span class="tag">${t(STATUS_KEYS[i.status])}</span></td>
                        <td class="num">${num(i.totalRows)}</td>
                      </tr>`,
                  ),
                )
              : html`<p>${t('wilayah.impor.noneYet')}</p>`
          }
        </section>`,
    });
  }

  const ImportPageQuery = Type.Object(
    { galat: Type.Optional(Type.Literal('besar')) },
    { additionalProperties: false },
  );
  app.get(
    '/:city/wilayah/impor',
    { schema: { params: CityParams, querystring: ImportPageQuery }, config: impor },
    async (req, reply) => {
      const q = req.query as Static<typeof ImportPageQuery>;
      const imports = await cityTx(req, (trx) => listImports(trx, userOf(req), req.t, 10));
      return importPage(req, reply, {
        imports,
        ...(q.galat === 'besar'
          ? { errors: { berkas: req.t('wilayah.impor.err.tooLarge') }, status: 413 }
          : {}),
      });
    },
  );

  app.post(
    '/:city/wilayah/impor',
    {
      schema: { params: CityParams, body: ImportForm },
      attachValidation: true,
      config: impor,
      // A file over the limit is refused while the form is read, before the city is known:
      // send the browser back to the form, which explains.
      errorHandler: (err: FastifyError, req, reply) => {
        if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
          const { city } = (req.params ?? {}) as { city?: string };
          if (city && /^[a-z][a-z0-9-]{1,39}$/.test(city))
            return reply.redirect(`/${city}/wilayah/impor?galat=besar`, 303);
        }
        throw err;
      },
    },
    async (req, reply) => {
      const user = userOf(req);
      const body = (req.body ?? {}) as Static<typeof ImportForm>;
      const imports = () => cityTx(req, (trx) => listImports(trx, user, req.t, 10));
      if (req.validationError)
        return importPage(req, reply, {
          imports: await imports(),
          errors: validationErrors(req),
          status: 400,
        });
      try {
        const id = await cityTx(req, (trx) =>
          createImport(trx, ctx.jobs, cityOf(req), user, {
            content: body.berkas,
            fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
          }),
        );
        return reply.redirect(cityPath(req, `/wilayah/impor/${id}`), 303);
      } catch (err) {
        const p = problemErrors(req, err);
        return importPage(req, reply, { imports: await imports(), errors: p.errors, status: p.status });
      }
    },
  );

  app.get(
    '/:city/wilayah/impor/templat.csv',
    { schema: { params: CityParams }, config: { access: 'public' } },
    (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="templat-rw-rt.csv"')
        .send(templateCsv()),
  );

  app.get(
    '/:city/wilayah/impor/templat.xlsx',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const kelurahan = await cityTx(req, async (trx) => {
        const kec = new Map((await regionOverview(trx, city, null)).kecamatan.map((k) => [k.kode, k.nama]));
        return (await listKelurahan(trx, city, null)).map((k) => ({
          kode: k.kode,
          nama: k.nama,
          kecamatan: kec.get(k.induk ?? '') ?? '',
        }));
      });
      const buf = await templateXlsx(kelurahan, {
        title: t('wilayah.impor.title'),
        lines: [
          t('wilayah.impor.intro'),
          t('wilayah.impor.rules'),
          t('wilayah.impor.formatIntro', { max: MAX_ROWS }),
        ],
        columns: COLUMNS.map((c) => [c, t(`wilayah.impor.col.${c}`)]),
        kelurahanSheet: t('wilayah.kelurahan'),
        headers: [t('wilayah.kode'), t('wilayah.kelurahan'), t('wilayah.kecamatan')],
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="templat-rw-rt-${city.slug}.xlsx"`)
        .send(buf);
    },
  );

  app.get(
    '/:city/wilayah/impor/:importId',
    { schema: { params: ImportParams }, config: impor },
    async (req, reply) => {
      const t = req.t;
      const { importId } = req.params as Static<typeof ImportParams>;
      const i = await cityTx(req, (trx) => getImport(trx, userOf(req), importId, t));
      const running = i.status === 'menunggu' || i.status === 'diproses';
      return sendPage(req, reply, {
        title: t('wilayah.impor.progressTitle', { file: i.fileName }),
        ...(running ? { head: raw('<meta http-equiv="refresh" content="2">') } : {}),
        body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
            { href: cityPath(req, '/wilayah/impor'), label: t('wilayah.impor.title') },
            { label: i.fileName },
          ])}
          <h1>${t('wilayah.impor.progressTitle', { file: i.fileName })}</h1>
          <div role="status">
            ${
              i.status === 'berhasil'
                ? html`<div class="alert alert-success">
                    ${t('wilayah.impor.done', { rows: i.totalRows, rw: i.createdRw, rt: i.createdRt })}
                  </div>`
                : i.status === 'gagal'
                  ? html`<div class="alert alert-error">
                      ${t('wilayah.impor.failed', { count: i.errors.length })}
                    </div>`
                  : html`<div class="alert alert-info">${t('wilayah.impor.running')}</div>`
            }
          </div>
          <dl class="facts">
            <dt>${t('wilayah.impor.statusLabel')}</dt>
            <dd><span class="tag">${t(STATUS_KEYS[i.status])}</span></dd>
            <dt>${t('wilayah.impor.progress')}</dt>
            <dd>
              <progress
                id="kemajuan"
                max="100"
                value="${i.percent}"
                aria-label="${t('wilayah.impor.progress')}"
              >
                ${i.percent}%
              </progress>
              ${t('wilayah.impor.processed', { processed: i.processed, total: i.totalRows })}
            </dd>
            <dt>${t('wilayah.impor.uploaded')}</dt>
            <dd>${formatDateTime(i.createdAt)}</dd>
            ${
              i.finishedAt
                ? html`<dt>${t('wilayah.impor.finished')}</dt>
                    <dd>${formatDateTime(i.finishedAt)}</dd>`
                : ''
            }
            ${
              i.status === 'berhasil'
                ? html`<dt>${t('wilayah.impor.createdRw')}</dt>
                    <dd>${num(i.createdRw)}</dd>
                    <dt>${t('wilayah.impor.createdRt')}</dt>
                    <dd>${num(i.createdRt)}</dd>`
                : ''
            }
          </dl>
          ${
            i.errors.length
              ? html`<section aria-labelledby="h-galat">
                  <h2 id="h-galat">${t('wilayah.impor.errorsTitle')}</h2>
                  <p>${t('wilayah.impor.errorsIntro')}</p>
                  ${tableWrap(
                    'cap-galat',
                    t('wilayah.impor.errorsCaption', { count: i.errors.length }),
                    html`<tr>
                      <th scope="col" class="num">${t('wilayah.impor.row')}</th>
                      <th scope="col">${t('wilayah.impor.column')}</th>
                      <th scope="col">${t('wilayah.impor.message')}</th>
                    </tr>`,
                    i.errors.map(
                      (e) =>
                        html`<tr>
                          <td class="num">${e.row > 0 ? formatNumber(e.row) : '—'}</td>
                          <td>${e.column ? html`<code>${e.column}</code>` : '—'}</td>
                          <td>${e.message}</td>
                        </tr>`,
                    ),
                  )}
                </section>`
              : ''
          }
          <p>
            <a href="${cityPath(req, '/wilayah/impor')}">${t('wilayah.impor.again')}</a>
            ${i.status === 'berhasil' ? html` · <a href="${cityPath(req, '/wilayah/rw')}">${t('wilayah.rw.listTitle')}</a>` : ''}
          </p>`,
      });
    },
  );

  // Region page (public): registered last; static paths above take precedence anyway.
  app.get(
    '/:city/wilayah/:kode',
    { schema: { params: CityKodeParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const { kode } = req.params as Static<typeof CityKodeParams>;
      const d = await cityTx(req, (trx) => regionDetail(trx, city, req.user, kode));
      const r = d.region;
      const isKecamatan = r.tingkat === 'kecamatan';
      const name = isKecamatan
        ? t('wilayah.kecamatanName', { nama: r.nama })
        : t('wilayah.kelurahanName', { nama: r.nama });
      const crumbs = [{ href: cityPath(req, '/wilayah'), label: city.name }];
      if (!isKecamatan && d.parent) {
        crumbs.push({
          href: cityPath(req, `/wilayah/${d.parent.kode}`),
          label: t('wilayah.kecamatanName', { nama: d.parent.nama }),
        });
      }
      const showRw = d.jumlahRw !== null;
      let body: SafeHtml;
      if (isKecamatan) {
        const kel = d.kelurahan ?? [];
        body = html`${regionFacts(
            t,
            r,
            html`<dt>${t('wilayah.jumlahKelurahan')}</dt>
              <dd>${num(kel.length)}</dd>
              ${
                showRw
                  ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                      <dd>${num(d.jumlahRw)}</dd>`
                  : ''
              }`,
          )}
          <section aria-labelledby="h-kelurahan">
            <h2 id="h-kelurahan">${t('wilayah.kelurahanList')}</h2>
            ${tableWrap(
              'cap-kelurahan',
              t('wilayah.kelurahanCaption', { kecamatan: r.nama, count: kel.length }),
              html`<tr>
                <th scope="col">${t('wilayah.kelurahan')}</th>
                <th scope="col">${t('wilayah.kode')}</th>
                ${showRw ? html`<th scope="col" class="num">${t('wilayah.jumlahRw')}</th>` : ''}
              </tr>`,
              kel.map(
                (k) =>
                  html`<tr>
                    <th scope="row"><a href="${cityPath(req, `/wilayah/${k.kode}`)}">${k.nama}</a></th>
                    <td>${k.kode}</td>
                    ${showRw ? html`<td class="num">${num(k.jumlahRw)}</td>` : ''}
                  </tr>`,
              ),
            )}
          </section>`;
      } else {
        const user = req.user;
        const mayAdd = can(user, KELOLA, r.kode);
        body = html`${regionFacts(
          t,
          r,
          html`${
            d.parent
              ? html`<dt>${t('wilayah.kecamatan')}</dt>
                  <dd><a href="${cityPath(req, `/wilayah/${d.parent.kode}`)}">${d.parent.nama}</a></dd>`
              : ''
          }
          ${
            d.rw
              ? html`<dt>${t('wilayah.jumlahRwVisible')}</dt>
                  <dd>${num(d.rw.length)}</dd>`
              : ''
          }`,
        )}
        ${
          d.rw
            ? html`<section aria-labelledby="h-rw">
                <h2 id="h-rw">${t('wilayah.rw.inKelurahan')}</h2>
                ${mayAdd ? html`<p><a class="button primary" href="${cityPath(req, `/wilayah/rw/baru${queryString({ kelurahan: r.kode })}`)}">${t('wilayah.rw.add')}</a></p>` : ''}
                ${
                  d.rw.length
                    ? rwTable(req, 'cap-rw', t('wilayah.rw.caption', { kelurahan: r.nama }), d.rw, {
                        showPlace: false,
                      })
                    : html`<p>${t('wilayah.rw.none')}</p>`
                }
              </section>`
            : ''
        }`;
      }
      return sendPage(req, reply, {
        title: name,
        body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [...crumbs, { label: name }])}
          <h1>${name}</h1>
          ${body}
          <p><a href="${cityPath(req, '/peta')}">${t('wilayah.map.open')}</a></p>`,
      });
    },
  );
}

/** Dashboard figures: regions for everyone, RWs for those who may see them. */
export function dashboardTiles(
  t: Translator,
  city: City,
  user: CurrentUser,
  counts: { kecamatan: number; kelurahan: number; rw: number | null },
): { label: string; value: string; href?: string }[] {
  const tiles = [
    {
      label: t('wilayah.tile.kecamatan'),
      value: formatNumber(counts.kecamatan),
      href: `/${city.slug}/wilayah`,
    },
    {
      label: t('wilayah.tile.kelurahan'),
      value: formatNumber(counts.kelurahan),
      href: `/${city.slug}/wilayah`,
    },
  ];
  if (counts.rw !== null && rwAreasOf(user)) {
    tiles.push({
      label: t('wilayah.tile.rw'),
      value: formatNumber(counts.rw),
      href: `/${city.slug}/wilayah/rw`,
    });
  }
  return tiles;
}
