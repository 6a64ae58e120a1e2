/**
 * e-Katalog's JSON API under /api/v1/cities/:city/umkm/ekatalog: the officer's list, the
 * checklist of a business and of a product, moving a product through the pipeline. The pages are
 * pages/ekatalog-*.ts. Routes validate and call ekatalog-service.ts, which authorises.
 */
import { Type } from 'typebox';
import type { NavItem, BalaiApp } from '../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
const ekatalogAccess: Access = { permission: UMKM_EKATALOG };
const userAccess: Access = 'user';

function itemsOut(t: Translator, items: ItemSyarat[]) {
  return items.map((i) => ({ kode: i.kode, ok: i.ok, level: i.level, judul: t(i.judul), saran: t(i.saran) }));
}

function produkOut(t: Translator, v: ProdukEkatalogView) {
  return { ...v, syarat: itemsOut(t, v.syarat), syaratUsaha: itemsOut(t, v.syaratUsaha) };
}

export function ekatalogRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '',
    {
      summary: "Products in the officer's area with their pipeline state and readiness (at most 2000)",
      params: CityParams,
      query: DaftarQuery,
      out: Type.Array(BarisOut),
      access: ekatalogAccess,
    },
    (req) => cityTx(req, (trx) => listEkatalog(trx, userOf(req), req.query)),
  );

  api.get(
    '/usaha/:usahaId',
    {
      summary: 'The e-Katalog checklist of a business and of each of its products (owner or officers)',
      params: UsahaParams,
      out: UsahaSyaratOut,
      access: userAccess,
    },
    async (req) => {
      const v = await cityTx(req, (trx) => syaratUsahaView(trx, userOf(req), req.params.usahaId));
      return {
        ...v,
        syarat: itemsOut(req.t, v.syarat),
        produk: v.produk.map((p) => ({ ...p, syarat: itemsOut(req.t, p.syarat) })),
      };
    },
  );

  api.get(
    '/produk/:produkId',
    {
      summary: "A product's checklist, pipeline state and history (owner or officers)",
      params: ProdukParams,
      out: ProdukEkatalogOut,
      access: userAccess,
    },
    async (req) =>
      produkOut(req.t, await cityTx(req, (trx) => produkEkatalogView(trx, userOf(req), req.params.produkId))),
  );

  api.post(
    '/produk/:produkId',
    {
      summary: 'Move a product through the e-Katalog pipeline',
      description:
        'One step forward (belum_siap -> siap -> diajukan -> tayang), or back to an earlier state with a note. siap and diajukan need the checklist complete (409 lists the missing items); diajukan fixes the product name. The date (WIB) defaults to today and may not be in the future.',
      params: ProdukParams,
      body: PindahBody,
      out: ProdukEkatalogOut,
      access: ekatalogAccess,
    },
    async (req) =>
      produkOut(
        req.t,
        await cityTx(req, (trx) => moveEkatalog(trx, userOf(req), req.params.produkId, req.body)),
      ),
  );
}
