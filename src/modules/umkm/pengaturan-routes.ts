/**
 * The JSON API of the city's UMKM settings and the review of new products, under
 * /api/v1/cities/:city/umkm: GET/PUT pengaturan, GET produk-menunggu, POST produk/:id/setujui.
 * pengaturan.ts decides; the page is pages/pengaturan.ts.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams, Uuid } from '../../platform/http/schemas.ts';
import { UMKM_VERIFIKASI } from './permissions.ts';
import { approveProduk, getPengaturan, listMenunggu, savePengaturan } from './pengaturan.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm';
const access: Access = { permission: UMKM_VERIFIKASI };

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const PengaturanOut = Type.Object({
  produkDitinjau: Type.Boolean({
    description: "New products of verified businesses wait for an officer's approval before going public",
  }),
});
const MenungguOut = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      nama: Type.String(),
      harga: Type.Integer(),
      satuan: Type.String(),
      usahaId: Uuid,
      usahaNama: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
export function pengaturanRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  // ---- JSON API ----

  api.get(
    '/pengaturan',
    { summary: "The city's UMKM settings", params: CityParams, out: PengaturanOut, access: access },
    (req) => cityTx(req, (trx) => getPengaturan(trx)),
  );

  api.put(
    '/pengaturan',
    {
      summary: "Change the city's UMKM settings (umkm.kelola for the whole city)",
      params: CityParams,
      body: PengaturanOut,
      out: PengaturanOut,
      access: access,
    },
    (req) =>
      cityTx(req, async (trx) => {
        await savePengaturan(trx, userOf(req), req.body);
        return getPengaturan(trx);
      }),
  );

  api.get(
    '/produk-menunggu',
    {
      summary: "Products waiting for review in the caller's area, oldest first",
      params: CityParams,
      out: MenungguOut,
      access: access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => listMenunggu(trx, userOf(req))) }),
  );

  api.post(
    '/produk/:id/setujui',
    {
      summary: 'Approve a product waiting for review: it goes live in the public catalogue',
      params: IdParams,
      status: 204,
      access: access,
    },
    (req) => cityTx(req, (trx) => approveProduk(trx, userOf(req), req.params.id)),
  );
}
