/**
 * JSON API of products and their photos, under /api/v1/cities/:city/umkm: a business's products
 * (list, add), one product (read, change, delete), its photos (upload, alt text and order,
 * delete). Routes validate and call produk-service.ts, which authorises (404 outside what the
 * caller may see, 403 without the right to change). Also registers the photo files (foto.ts);
 * the pages are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams, Csrf, Uuid, oneOf, Nullable } from '../../platform/http/schemas.ts';
import { FOTO_MAX_BYTES, fotoRoutes, processFoto } from './foto.ts';
import {
  FOTO_MAX_PER_PRODUK,
  HARGA_MAX,
  checkFotoUpload,
  createProduk,
  listProduk,
  getProduk,
  deleteFoto,
  deleteProduk,
  saveFoto,
  updateFoto,
  updateProduk,
} from './produk-service.ts';
import { ASAL_PRODUK, KATEGORI_PRODUK, STATUS_EKATALOG, STATUS_USAHA } from './tables.ts';

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm';
const user: Access = 'user';

const ProdukFields = {
  nama: Type.String({ minLength: 2, maxLength: 160 }),
  deskripsi: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  kategori: oneOf(KATEGORI_PRODUK),
  harga: Type.Integer({ minimum: 0, maximum: HARGA_MAX, description: 'Whole rupiah per unit' }),
  satuan: Type.String({ minLength: 1, maxLength: 30, description: 'Unit, e.g. "bungkus", "kg", "pcs"' }),
  tersedia: Type.Optional(Type.Boolean({ description: 'Available now (default true)' })),
  sku: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  merek: Type.Optional(Nullable(Type.String({ maxLength: 120, description: 'Registered brand' }))),
  asal: Type.Optional(oneOf(ASAL_PRODUK)),
  tkdn: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: 100, description: 'TKDN percent, at most two decimals' })),
  ),
  kbliKode: Type.Optional(
    Nullable(Type.String({ pattern: '^[0-9]{5}$', description: 'KBLI kelompok (5 digits)' })),
  ),
  kbliVersi: Type.Optional(
    Nullable(Type.String({ pattern: '^[0-9]{4}$', description: 'KBLI version, default 2020' })),
  ),
  halal: Type.Optional(Type.Boolean()),
  sni: Type.Optional(Type.Boolean()),
  bpom: Type.Optional(Type.Boolean()),
  pirt: Type.Optional(Type.Boolean()),
};
const ProdukBody = Type.Object(ProdukFields, { additionalProperties: false });
const ProdukPatch = Type.Partial(ProdukBody, { additionalProperties: false });

const UkuranOut = Type.Object({ url: Type.String(), lebar: Type.Integer(), tinggi: Type.Integer() });
const FotoOut = Type.Object({
  id: Uuid,
  urutan: Type.Integer({ description: 'Position, 1 = the cover' }),
  alt: Nullable(Type.String()),
  lebar: Type.Integer(),
  tinggi: Type.Integer(),
  ukuran: Type.Object({ kecil: UkuranOut, sedang: UkuranOut, besar: UkuranOut }),
});
const ProdukCommonOut = {
  id: Uuid,
  usahaId: Uuid,
  slug: Type.String(),
  nama: Type.String(),
  kategori: oneOf(KATEGORI_PRODUK),
  harga: Type.Integer(),
  satuan: Type.String(),
  tersedia: Type.Boolean(),
  sku: Nullable(Type.String()),
  merek: Nullable(Type.String()),
  asal: oneOf(ASAL_PRODUK),
  tkdn: Nullable(Type.Number()),
  kbliKode: Nullable(Type.String()),
  kbliVersi: Nullable(Type.String()),
  kbliJudul: Nullable(Type.String()),
  halal: Type.Boolean(),
  sni: Type.Boolean(),
  bpom: Type.Boolean(),
  pirt: Type.Boolean(),
  ekatalog: oneOf(STATUS_EKATALOG),
  namaTerkunci: Type.Boolean({ description: 'Submitted to e-Katalog: the name can no longer change' }),
  menungguTinjau: Type.Boolean({
    description: "Waits for an officer's review before the public catalogue shows it (the city's setting)",
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};
const ProdukOut = Type.Object({
  ...ProdukCommonOut,
  deskripsi: Nullable(Type.String()),
  foto: Type.Array(FotoOut),
  boleh: Type.Object({ ubah: Type.Boolean(), hapus: Type.Boolean() }),
  usaha: Type.Optional(Type.Object({ id: Uuid, nama: Type.String() })),
});
const DaftarOut = Type.Object({
  usaha: Type.Object({ id: Uuid, nama: Type.String(), status: oneOf(STATUS_USAHA) }),
  boleh: Type.Object({ tambah: Type.Boolean() }),
  items: Type.Array(
    Type.Object({ ...ProdukCommonOut, sampul: Nullable(FotoOut), jumlahFoto: Type.Integer() }),
  ),
});

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const FotoParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid, fotoId: Uuid },
  { additionalProperties: false },
);
const FotoUpload = Type.Object(
  {
    foto: Type.Unknown({ description: 'JPEG, PNG or WebP photo, at most 8 MB, multipart field "foto"' }),
    alt: Type.Optional(Type.String({ maxLength: 200 })),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);
const FotoPatch = Type.Object(
  {
    alt: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    urutan: Type.Optional(Type.Integer({ minimum: 1, maximum: FOTO_MAX_PER_PRODUK })),
  },
  { additionalProperties: false },
);

/** Multipart limits of photo uploads: one file of at most FOTO_MAX_BYTES. */
export const fotoMultipart = { limits: { fileSize: FOTO_MAX_BYTES, files: 1 } };

export function produkRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  fotoRoutes(app);

  api.get(
    '/usaha/:id/produk',
    {
      summary: "A business's products with their cover photos",
      params: IdParams,
      out: DaftarOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => listProduk(trx, userOf(req), req.params.id)),
  );
  api.post(
    '/usaha/:id/produk',
    {
      summary: 'Add a product (the owner, or umkm.kelola over the business)',
      params: IdParams,
      body: ProdukBody,
      out: ProdukOut,
      status: 201,
      location: (out) => `/produk/${out.id}`,
      access: user,
    },
    (req) => cityTx(req, (trx) => createProduk(trx, userOf(req), req.params.id, req.body)),
  );
  api.get(
    '/produk/:id',
    { summary: 'One product with its photos', params: IdParams, out: ProdukOut, access: user },
    (req) => cityTx(req, (trx) => getProduk(trx, userOf(req), req.params.id)),
  );
  api.patch(
    '/produk/:id',
    {
      summary: 'Change a product (only the fields sent)',
      description: 'The name is fixed once the product is submitted to e-Katalog: changing it answers 409.',
      params: IdParams,
      body: ProdukPatch,
      out: ProdukOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => updateProduk(trx, userOf(req), req.params.id, req.body)),
  );
  api.delete(
    '/produk/:id',
    {
      summary: 'Delete a product and its photos',
      description: 'Refused (409) once the product is submitted to or shown in e-Katalog.',
      params: IdParams,
      status: 204,
      access: user,
    },
    (req) => cityTx(req, (trx) => deleteProduk(trx, userOf(req), req.params.id)),
  );
  produkFotoRoutes(app);
}

/** The photos of a product: upload, alt text and order, delete. */
function produkFotoRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.post(
    '/produk/:id/foto',
    {
      summary: 'Upload a photo of the product (multipart: foto, alt)',
      description: `JPEG, PNG or WebP (read from the file itself), at most 8 MB and 12000 px a side, at most ${FOTO_MAX_PER_PRODUK} per product. Stored upright, without metadata, as WebP in three sizes (1600, 640 and 240 px).`,
      consumes: ['multipart/form-data'],
      params: IdParams,
      body: FotoUpload,
      out: FotoOut,
      status: 201,
      access: user,
      config: { multipartOptions: fotoMultipart },
    },
    async (req) => {
      // Check the right first, decode outside any transaction, then store (checking again).
      await cityTx(req, (trx) => checkFotoUpload(trx, userOf(req), req.params.id));
      const olahan = await processFoto(req.body.foto);
      return cityTx(req, (trx) => saveFoto(trx, userOf(req), req.params.id, olahan, req.body.alt));
    },
  );
  api.patch(
    '/produk/:id/foto/:fotoId',
    {
      summary: "Change a photo's alt text or position (urutan 1 = the cover)",
      params: FotoParams,
      body: FotoPatch,
      out: FotoOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => updateFoto(trx, userOf(req), req.params.id, req.params.fotoId, req.body)),
  );
  api.delete(
    '/produk/:id/foto/:fotoId',
    { summary: 'Delete a photo of the product', params: FotoParams, status: 204, access: user },
    (req) => cityTx(req, (trx) => deleteFoto(trx, userOf(req), req.params.id, req.params.fotoId)),
  );
}
