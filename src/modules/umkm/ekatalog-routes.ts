/**
 * e-Katalog's JSON API under /api/v1/cities/:city/umkm/ekatalog: the officer's list, the
 * checklist of a business and of a product, moving a product through the pipeline. The pages are
 * pages/ekatalog-*.ts. Routes validate and call ekatalog-service.ts, which authorises.
 */
import { Type } from 'typebox';
import type { NavItem, BalaiApp } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { errorResponses, CityParams } from '../../platform/http/schemas.ts';
import { type Translator } from '../../platform/i18n/index.ts';
import { UMKM_EKATALOG } from './permissions.ts';
import { type ItemSyarat } from './ekatalog.ts';
import {
  listEkatalog,
  moveEkatalog,
  produkEkatalogView,
  syaratUsahaView,
  type ProdukEkatalogView,
} from './ekatalog-service.ts';
import {
  BarisOut,
  DaftarQuery,
  PindahBody,
  ProdukEkatalogOut,
  ProdukParams,
  UsahaParams,
  UsahaSyaratOut,
} from './ekatalog-schemas.ts';

export const ekatalogNav: NavItem[] = [
  { path: '/umkm/ekatalog', label: 'umkm.nav.ekatalog', access: UMKM_EKATALOG },
];

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/ekatalog';
const ekatalogAccess = { access: { permission: UMKM_EKATALOG } } as const;
const userAccess = { access: 'user' } as const;

function itemsOut(t: Translator, items: ItemSyarat[]) {
  return items.map((i) => ({ kode: i.kode, ok: i.ok, level: i.level, judul: t(i.judul), saran: t(i.saran) }));
}

function produkOut(t: Translator, v: ProdukEkatalogView) {
  return { ...v, syarat: itemsOut(t, v.syarat), syaratUsaha: itemsOut(t, v.syaratUsaha) };
}

function apiRoutes(app: BalaiApp): void {
  app.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: "Products in the officer's area with their pipeline state and readiness (at most 2000)",
        params: CityParams,
        querystring: DaftarQuery,
        response: { 200: Type.Array(BarisOut), ...errorResponses },
      },
      config: ekatalogAccess,
    },
    (req) => cityTx(req, (trx) => listEkatalog(trx, userOf(req), req.query)),
  );

  app.get(
    `${BASE}/usaha/:usahaId`,
    {
      schema: {
        tags: TAGS,
        summary: 'The e-Katalog checklist of a business and of each of its products (owner or officers)',
        params: UsahaParams,
        response: { 200: UsahaSyaratOut, ...errorResponses },
      },
      config: userAccess,
    },
    async (req) => {
      const { usahaId } = req.params;
      const v = await cityTx(req, (trx) => syaratUsahaView(trx, userOf(req), usahaId));
      return {
        ...v,
        syarat: itemsOut(req.t, v.syarat),
        produk: v.produk.map((p) => ({ ...p, syarat: itemsOut(req.t, p.syarat) })),
      };
    },
  );

  app.get(
    `${BASE}/produk/:produkId`,
    {
      schema: {
        tags: TAGS,
        summary: "A product's checklist, pipeline state and history (owner or officers)",
        params: ProdukParams,
        response: { 200: ProdukEkatalogOut, ...errorResponses },
      },
      config: userAccess,
    },
    async (req) => {
      const { produkId } = req.params;
      return produkOut(req.t, await cityTx(req, (trx) => produkEkatalogView(trx, userOf(req), produkId)));
    },
  );

  app.post(
    `${BASE}/produk/:produkId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Move a product through the e-Katalog pipeline',
        description:
          'One step forward (belum_siap -> siap -> diajukan -> tayang), or back to an earlier state with a note. siap and diajukan need the checklist complete (409 lists the missing items); diajukan fixes the product name. The date (WIB) defaults to today and may not be in the future.',
        params: ProdukParams,
        body: PindahBody,
        response: { 200: ProdukEkatalogOut, ...errorResponses },
      },
      config: ekatalogAccess,
    },
    async (req) => {
      const { produkId } = req.params;
      const body = req.body;
      return produkOut(req.t, await cityTx(req, (trx) => moveEkatalog(trx, userOf(req), produkId, body)));
    },
  );
}

export function ekatalogRoutes(app: BalaiApp): void {
  apiRoutes(app);
}
