/**
 * JSON API of the public UMKM catalogue, under /api/v1/cities/:city/umkm/katalog: product and
 * business search (Indonesian stemming, typo correction: cari.ts), one product, one business
 * with its products, and the map's markers. Everything here is public and shows only verified
 * businesses; responses are serialised through their schemas, so nothing else can slip out
 * (no owner, no NIK, no phone number except inside the WhatsApp link). The catalogue's pages
 * are pages/katalog-*.ts.
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { searchProduk, searchUsaha, type HasilCari } from './cari.ts';
import type { Kueri } from './cari-kueri.ts';
import { ukuranFoto } from './foto.ts';
import { penandaUsaha, produkPublik, produkUsaha, usahaPublik, type UsahaPublik } from './katalog-service.ts';
import type { KueriOut } from './katalog-schemas.ts';
import {
  CariQuery,
  filterOf,
  filterFields,
  Hasil,
  PenandaOut,
  PetaQuery,
  ProdukOut,
  ProdukRingkasOut,
  SlugParams,
  UsahaOut,
  UsahaRingkasOut,
} from './katalog-schemas.ts';
import { sendPublicJson, pathProduk, pathUsaha, waProduk, waUsaha } from './katalog-links.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/katalog';
const publik = { access: 'public' } as const;

function fotoOut(citySlug: string, f: { id: string; lebar: number; tinggi: number; alt: string | null }) {
  const u = ukuranFoto(citySlug, f);
  return { ...f, kecil: u.kecil.url, sedang: u.sedang.url, besar: u.besar.url };
}

function kueriOut(k: Kueri): Static<typeof KueriOut> {
  return { kata: k.kata, awalan: k.awalan, koreksi: k.koreksi };
}

function hasilOut<T, O>(h: HasilCari<T>, map: (x: T) => O) {
  return {
    items: h.items.map(map),
    jumlah: h.jumlah,
    terbatas: h.terbatas,
    page: h.page,
    perPage: h.perPage,
    kueri: kueriOut(h.kueri),
  };
}

function usahaOut(req: FastifyRequest, u: UsahaPublik): Static<typeof UsahaOut> {
  const slug = cityOf(req).slug;
  const { id: _id, whatsapp: _wa, ...rest } = u;
  return { ...rest, url: pathUsaha(slug, u.slug), whatsapp: waUsaha(req, u) };
}

export function katalogRoutes(app: BalaiApp): void {
  produkRoutes(app);
  usahaRoutes(app);
}

/** Product search and one product. */
function produkRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/produk`,
    {
      schema: {
        tags: TAGS,
        summary: 'Search the public catalogue: available products of verified businesses',
        params: CityParams,
        querystring: CariQuery,
        response: { 200: Hasil(ProdukRingkasOut), ...errorResponses },
      },
      config: publik,
    },
    async (req) => {
      const q = req.query;
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        searchProduk(trx, city.id, q.q ?? '', filterOf(q), { page: q.page ?? 1, perPage: q.perPage ?? 20 }),
      );
      return hasilOut(h, (p) => ({
        ...p,
        url: pathProduk(city.slug, p.slug),
        foto: p.foto ? fotoOut(city.slug, p.foto) : null,
      }));
    },
  );

  app.get(
    `${BASE}/produk/:slug`,
    {
      schema: {
        tags: TAGS,
        summary: 'One product of a verified business, with its photos and its business',
        params: SlugParams,
        response: { 200: ProdukOut, ...errorResponses },
      },
      config: publik,
    },
    async (req) => {
      const { slug } = req.params;
      const city = cityOf(req);
      const p = await cityTx(req, (trx) => produkPublik(trx, city, slug));
      const { id: _id, usaha, foto, diperbarui: _d, ...rest } = p;
      return {
        ...rest,
        url: pathProduk(city.slug, p.slug),
        whatsapp: waProduk(req, p),
        foto: foto.map((f) => fotoOut(city.slug, f)),
        usaha: usahaOut(req, usaha),
      };
    },
  );
}

/** Business search, one business with its products, and the map's markers. */
function usahaRoutes(app: BalaiApp): void {
  const UsahaQuery = Type.Object(
    {
      q: filterFields.q,
      kecamatan: filterFields.kecamatan,
      sektor: filterFields.sektor,
      kelas: filterFields.kelas,
      page: filterFields.page,
      perPage: filterFields.perPage,
    },
    { additionalProperties: false },
  );
  app.get(
    `${BASE}/usaha`,
    {
      schema: {
        tags: TAGS,
        summary: 'Search verified businesses by name and description (typos in names tolerated)',
        params: CityParams,
        querystring: UsahaQuery,
        response: { 200: Hasil(UsahaRingkasOut), ...errorResponses },
      },
      config: publik,
    },
    async (req) => {
      const q = req.query;
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        searchUsaha(trx, city.id, q.q ?? '', filterOf(q), { page: q.page ?? 1, perPage: q.perPage ?? 20 }),
      );
      return hasilOut(h, ({ id: _id, ...u }) => ({ ...u, url: pathUsaha(city.slug, u.slug) }));
    },
  );

  const UsahaDetailQuery = Type.Object(
    { page: filterFields.page, perPage: filterFields.perPage },
    { additionalProperties: false },
  );
  app.get(
    `${BASE}/usaha/:slug`,
    {
      schema: {
        tags: TAGS,
        summary: 'One verified business with a page of its available products',
        params: SlugParams,
        querystring: UsahaDetailQuery,
        response: {
          200: Type.Object({
            usaha: UsahaOut,
            produk: Type.Object({
              items: Type.Array(ProdukRingkasOut),
              jumlah: Type.Integer(),
              page: Type.Integer(),
              perPage: Type.Integer(),
            }),
          }),
          ...errorResponses,
        },
      },
      config: publik,
    },
    async (req) => {
      const { slug } = req.params;
      const q = req.query;
      const city = cityOf(req);
      const h = { page: q.page ?? 1, perPage: q.perPage ?? 20 };
      const { u, produk } = await cityTx(req, async (trx) => {
        const u = await usahaPublik(trx, city, slug);
        return { u, produk: await produkUsaha(trx, city.id, u.id, h) };
      });
      return {
        usaha: usahaOut(req, u),
        produk: {
          items: produk.items.map((p) => ({
            ...p,
            url: pathProduk(city.slug, p.slug),
            foto: p.foto ? fotoOut(city.slug, p.foto) : null,
          })),
          jumlah: produk.jumlah,
          ...h,
        },
      };
    },
  );

  app.get(
    `${BASE}/peta`,
    {
      schema: {
        tags: TAGS,
        summary: 'Markers of verified businesses with a location (at most 2000; filter by kecamatan)',
        params: CityParams,
        querystring: PetaQuery,
        response: { 200: PenandaOut, ...errorResponses },
      },
      config: publik,
    },
    async (req, reply) => {
      const q = req.query;
      const city = cityOf(req);
      const body = await cityTx(req, (trx) =>
        penandaUsaha(trx, city.id, { kecamatan: q.kecamatan || undefined, sektor: q.sektor || undefined }),
      );
      return sendPublicJson(req, reply, body, 300);
    },
  );
}
