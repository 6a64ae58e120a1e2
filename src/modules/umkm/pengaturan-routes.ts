/**
 * The JSON API of the city's UMKM settings and the review of new products, under
 * /api/v1/cities/:city/umkm: GET/PUT pengaturan, GET produk-menunggu, POST produk/:id/setujui.
 * pengaturan.ts decides; the page is pages/pengaturan.ts.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { UMKM_VERIFIKASI } from './permissions.ts';
import { approveProduk, getPengaturan, listMenunggu, savePengaturan } from './pengaturan.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm';
const access = { access: { permission: UMKM_VERIFIKASI } } as const;

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
  // ---- JSON API ----

  app.get(
    `${BASE}/pengaturan`,
    {
      schema: {
        tags: TAGS,
        summary: "The city's UMKM settings",
        params: CityParams,
        response: { 200: PengaturanOut, ...errorResponses },
      },
      config: access,
    },
    (req) => cityTx(req, (trx) => getPengaturan(trx)),
  );

  app.put(
    `${BASE}/pengaturan`,
    {
      schema: {
        tags: TAGS,
        summary: "Change the city's UMKM settings (umkm.kelola for the whole city)",
        params: CityParams,
        body: PengaturanOut,
        response: { 200: PengaturanOut, ...errorResponses },
      },
      config: access,
    },
    (req) =>
      cityTx(req, async (trx) => {
        await savePengaturan(trx, userOf(req), req.body);
        return getPengaturan(trx);
      }),
  );

  app.get(
    `${BASE}/produk-menunggu`,
    {
      schema: {
        tags: TAGS,
        summary: "Products waiting for review in the caller's area, oldest first",
        params: CityParams,
        response: { 200: MenungguOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => listMenunggu(trx, userOf(req))) }),
  );

  app.post(
    `${BASE}/produk/:id/setujui`,
    {
      schema: {
        tags: TAGS,
        summary: 'Approve a product waiting for review: it goes live in the public catalogue',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: access,
    },
    async (req, reply) => {
      const { id } = req.params;
      await cityTx(req, (trx) => approveProduk(trx, userOf(req), id));
      return reply.status(204).send(null);
    },
  );
}
