/**
 * JSON API of the public UMKM catalogue, under /api/v1/cities/:city/umkm/katalog: product and
 * business search (Indonesian stemming, typo correction: cari.ts), one product, one business
 * with its products, and the map's markers. Everything here is public and shows only verified
 * businesses; responses are serialised through their schemas, so nothing else can slip out
 * (no owner, no NIK, no phone number except inside the WhatsApp link). Also registers the
 * catalogue's pages (katalog-pages.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { createHash } from 'node:crypto';
import type { ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { t as translate } from '../../platform/i18n/index.ts';
import { cariProduk, cariUsaha, type FilterKatalog, type HasilCari, type Kueri } from './cari.ts';
import { ukuranFoto } from './foto.ts';
import {
  penandaUsaha,
  produkPublik,
  produkUsaha,
  usahaPublik,
  waLink,
  type ProdukPublik,
  type UsahaPublik,
} from './katalog-service.ts';
import { katalogPages } from './katalog-pages.ts';
import { KATEGORI_PRODUK } from './tables.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/katalog';
const publik = { access: 'public' } as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const opt = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Literal('')]));

// Shared by the pages' GET forms: an empty value means "any".
export const KodeKecamatan = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$', maxLength: 8 });
export const Sektor = Type.String({ pattern: '^[A-U]$', description: 'KBLI section letter' });
export const KelasUsaha = Type.Union([
  Type.Literal('mikro'),
  Type.Literal('kecil'),
  Type.Literal('menengah'),
  Type.Literal('besar'),
]);
export const Kategori = Type.Union(KATEGORI_PRODUK.map((k) => Type.Literal(k)));
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 90 });

export const filterFields = {
  q: Type.Optional(Type.String({ maxLength: 500, description: 'Search text (stemmed; typos corrected)' })),
  kecamatan: opt(KodeKecamatan),
  sektor: opt(Sektor),
  kelas: opt(KelasUsaha),
  kategori: opt(Kategori),
  halal: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('true'), Type.Literal('')], {
      description: 'Only halal products (marked halal, or the business holds a valid halal certificate)',
    }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
};
const CariQuery = Type.Object(filterFields, { additionalProperties: false });
export type CariQuery = Static<typeof CariQuery>;

/** The filters of a query string (empty values: none). */
export function filterDari(q: Partial<CariQuery>): FilterKatalog {
  return {
    kecamatan: q.kecamatan || undefined,
    sektor: q.sektor || undefined,
    kelas: q.kelas || undefined,
    kategori: q.kategori || undefined,
    halal: q.halal === '1' || q.halal === 'true' ? true : undefined,
  };
}

const SlugParams = Type.Object(
  { city: CityParams.properties.city, slug: Slug },
  { additionalProperties: false },
);
const PetaQuery = Type.Object(
  { kecamatan: opt(KodeKecamatan), sektor: opt(Sektor) },
  { additionalProperties: false },
);

const WilayahOut = Type.Object({ kode: Type.String(), nama: Type.String() });
const FotoOut = Type.Object({
  id: Type.String(),
  lebar: Type.Integer(),
  tinggi: Type.Integer(),
  alt: Nullable(Type.String()),
  kecil: Type.String(),
  sedang: Type.String(),
  besar: Type.String(),
});
const KueriOut = Type.Object({
  kata: Type.Array(Type.String(), { description: 'Words searched (stems, after correction)' }),
  awalan: Type.Boolean({ description: 'The last word was matched as a prefix' }),
  koreksi: Nullable(Type.String({ description: 'The query as searched when a word was corrected' })),
});
const ProdukRingkasOut = Type.Object({
  slug: Type.String(),
  nama: Type.String(),
  harga: Type.Integer({ description: 'Whole rupiah' }),
  satuan: Type.String(),
  kategori: Type.String(),
  halal: Type.Boolean(),
  url: Type.String(),
  usaha: Type.Object({ slug: Type.String(), nama: Type.String() }),
  kecamatan: WilayahOut,
  foto: Nullable(FotoOut),
});
const Hasil = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    jumlah: Type.Integer(),
    terbatas: Type.Boolean({ description: 'More matched than were ranked; jumlah is a lower bound' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    kueri: KueriOut,
  });
const UsahaRingkasOut = Type.Object({
  slug: Type.String(),
  nama: Type.String(),
  deskripsi: Nullable(Type.String()),
  sektor: Nullable(Type.String()),
  kelas: Nullable(Type.String()),
  url: Type.String(),
  kecamatan: WilayahOut,
  kelurahan: WilayahOut,
});
const UsahaOut = Type.Object({
  slug: Type.String(),
  nama: Type.String(),
  deskripsi: Nullable(Type.String()),
  alamat: Nullable(Type.String()),
  kelurahan: WilayahOut,
  kecamatan: WilayahOut,
  kota: Type.String(),
  provinsi: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  sektor: Nullable(Type.Object({ huruf: Type.String(), judul: Type.String() })),
  kelas: Nullable(Type.String()),
  tahunBerdiri: Nullable(Type.Integer()),
  umkmCenter: Type.Boolean(),
  sentra: Nullable(Type.String()),
  legalitas: Type.Array(Type.String(), { description: 'Legality held: nib, halal, pirt, bpom, sni, merek' }),
  url: Type.String(),
  whatsapp: Nullable(Type.String({ description: 'wa.me link with a prefilled message' })),
});
const ProdukOut = Type.Object({
  slug: Type.String(),
  nama: Type.String(),
  deskripsi: Nullable(Type.String()),
  kategori: Type.String(),
  harga: Type.Integer({ description: 'Whole rupiah' }),
  satuan: Type.String(),
  tersedia: Type.Boolean(),
  merek: Nullable(Type.String()),
  sku: Nullable(Type.String()),
  halal: Type.Boolean(),
  pirt: Type.Boolean(),
  bpom: Type.Boolean(),
  sni: Type.Boolean(),
  url: Type.String(),
  whatsapp: Nullable(Type.String({ description: 'wa.me link with a prefilled message' })),
  foto: Type.Array(FotoOut),
  usaha: UsahaOut,
});
const PenandaOut = Type.Object({
  items: Type.Array(
    Type.Object({
      slug: Type.String(),
      nama: Type.String(),
      lat: Type.Number(),
      lng: Type.Number(),
      kecamatan: Type.String(),
    }),
  ),
  terpotong: Type.Boolean({ description: 'More businesses than markers sent: choose a kecamatan' }),
});

/** Absolute URL of a path of this site (for links shared outside it). */
export function urlPenuh(req: FastifyRequest, path: string): string {
  return `${req.protocol}://${req.host}${path}`;
}

export const pathProduk = (city: string, slug: string) => `/${city}/umkm/p/${slug}`;
export const pathUsaha = (city: string, slug: string) => `/${city}/umkm/u/${slug}`;

/** The prefilled WhatsApp messages, always in Bahasa Indonesia (the seller's language). */
export function waProduk(req: FastifyRequest, p: ProdukPublik): string | null {
  if (!p.usaha.whatsapp) return null;
  const city = cityOf(req);
  return waLink(
    p.usaha.whatsapp,
    translate('id', 'umkm.katalog.wa.produk', {
      usaha: p.usaha.nama,
      produk: p.nama,
      kota: city.name,
      url: urlPenuh(req, pathProduk(city.slug, p.slug)),
    }),
  );
}

export function waUsaha(req: FastifyRequest, u: UsahaPublik): string | null {
  if (!u.whatsapp) return null;
  const city = cityOf(req);
  return waLink(
    u.whatsapp,
    translate('id', 'umkm.katalog.wa.usaha', {
      usaha: u.nama,
      kota: city.name,
      url: urlPenuh(req, pathUsaha(city.slug, u.slug)),
    }),
  );
}

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

/** Public JSON, cacheable for a short while by anyone (the same for every visitor), with an ETag. */
export function kirimJsonPublik(
  req: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  maxAge = 60,
): FastifyReply {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', `public, max-age=${maxAge}`).header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}

export function katalogRoutes(app: FastifyInstance, ctx: ModuleContext): void {
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
      const q = req.query as CariQuery;
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        cariProduk(trx, city.id, q.q ?? '', filterDari(q), { page: q.page ?? 1, perPage: q.perPage ?? 20 }),
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
      const { slug } = req.params as Static<typeof SlugParams>;
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
      const q = req.query as Static<typeof UsahaQuery>;
      const city = cityOf(req);
      const h = await cityTx(req, (trx) =>
        cariUsaha(trx, city.id, q.q ?? '', filterDari(q), { page: q.page ?? 1, perPage: q.perPage ?? 20 }),
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
      const { slug } = req.params as Static<typeof SlugParams>;
      const q = req.query as Static<typeof UsahaDetailQuery>;
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
      const q = req.query as Static<typeof PetaQuery>;
      const city = cityOf(req);
      const body = await cityTx(req, (trx) =>
        penandaUsaha(trx, city.id, { kecamatan: q.kecamatan || undefined, sektor: q.sektor || undefined }),
      );
      return kirimJsonPublik(req, reply, body, 300);
    },
  );

  katalogPages(app, ctx);
}
