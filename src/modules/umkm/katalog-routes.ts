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
import { cityOf, cityTx, type Access } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
const publik: Access = 'public';

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
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/produk',
    {
      summary: 'Search the public catalogue: available products of verified businesses',
      params: CityParams,
      query: CariQuery,
      out: Hasil(ProdukRingkasOut),
      access: publik,
    },
    async (req) => {
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        searchProduk(trx, city.id, req.query.q ?? '', filterOf(req.query), pageOf(req.query, 20)),
      );
      return hasilOut(h, (p) => ({
        ...p,
        url: pathProduk(city.slug, p.slug),
        foto: p.foto ? fotoOut(city.slug, p.foto) : null,
      }));
    },
  );

  api.get(
    '/produk/:slug',
    {
      summary: 'One product of a verified business, with its photos and its business',
      params: SlugParams,
      out: ProdukOut,
      access: publik,
    },
    async (req) => {
      const city = cityOf(req);
      const p = await cityTx(req, (trx) => produkPublik(trx, city, req.params.slug));
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
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
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
  api.get(
    '/usaha',
    {
      summary: 'Search verified businesses by name and description (typos in names tolerated)',
      params: CityParams,
      query: UsahaQuery,
      out: Hasil(UsahaRingkasOut),
      access: publik,
    },
    async (req) => {
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        searchUsaha(trx, city.id, req.query.q ?? '', filterOf(req.query), pageOf(req.query, 20)),
      );
      return hasilOut(h, ({ id: _id, ...u }) => ({ ...u, url: pathUsaha(city.slug, u.slug) }));
    },
  );

  const UsahaDetailQuery = Type.Object(
    { page: filterFields.page, perPage: filterFields.perPage },
    { additionalProperties: false },
  );
  api.get(
    '/usaha/:slug',
    {
      summary: 'One verified business with a page of its available products',
      params: SlugParams,
      query: UsahaDetailQuery,
      out: Type.Object({
        usaha: UsahaOut,
        produk: Type.Object({
          items: Type.Array(ProdukRingkasOut),
          jumlah: Type.Integer(),
          page: Type.Integer(),
          perPage: Type.Integer(),
        }),
      }),
      access: publik,
    },
    async (req) => {
      const city = cityOf(req);
      const h = pageOf(req.query, 20);
      const { u, produk } = await cityTx(req, async (trx) => {
        const u = await usahaPublik(trx, city, req.params.slug);
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

  api.get(
    '/peta',
    {
      summary: 'Markers of verified businesses with a location (at most 2000; filter by kecamatan)',
      params: CityParams,
      query: PetaQuery,
      out: PenandaOut,
      access: publik,
    },
    async (req, reply) => {
      const city = cityOf(req);
      const body = await cityTx(req, (trx) =>
        penandaUsaha(trx, city.id, {
          kecamatan: req.query.kecamatan || undefined,
          sektor: req.query.sektor || undefined,
        }),
      );
      return sendPublicJson(req, reply, body, 300);
    },
  );
}
