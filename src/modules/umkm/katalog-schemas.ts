/**
 * TypeBox schemas of the public UMKM catalogue: the search filters (shared by the JSON API and
 * the pages' GET forms), the pages' queries, and what the API returns.
 */
import { Type, type Static } from 'typebox';
import { CityParams, oneOf, Nullable } from '../../platform/http/schemas.ts';
import type { FilterKatalog } from './cari.ts';
import { KELAS_USAHA } from './kelas.ts';
import { KATEGORI_PRODUK } from './tables.ts';

export { Nullable };
export const opt = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Optional(Type.Union([t, Type.Literal('')]));

// Shared with the pages' GET forms: an empty value means "any".
export const KodeKecamatan = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$', maxLength: 8 });
export const Sektor = Type.String({ pattern: '^[A-U]$', description: 'KBLI section letter' });
export const KelasUsaha = oneOf(KELAS_USAHA);
export const Kategori = oneOf(KATEGORI_PRODUK);
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
export const CariQuery = Type.Object(filterFields, { additionalProperties: false });
export type CariQuery = Static<typeof CariQuery>;

/** The filters of a query string (empty values: none). */
export function filterOf(q: Partial<CariQuery>): FilterKatalog {
  return {
    kecamatan: q.kecamatan || undefined,
    sektor: q.sektor || undefined,
    kelas: q.kelas || undefined,
    kategori: q.kategori || undefined,
    halal: q.halal === '1' || q.halal === 'true' ? true : undefined,
  };
}

export const SlugParams = Type.Object(
  { city: CityParams.properties.city, slug: Slug },
  { additionalProperties: false },
);
export const PetaQuery = Type.Object(
  { kecamatan: opt(KodeKecamatan), sektor: opt(Sektor) },
  { additionalProperties: false },
);

export const WilayahOut = Type.Object({ kode: Type.String(), nama: Type.String() });
export const FotoOut = Type.Object({
  id: Type.String(),
  lebar: Type.Integer(),
  tinggi: Type.Integer(),
  alt: Nullable(Type.String()),
  kecil: Type.String(),
  sedang: Type.String(),
  besar: Type.String(),
});
export const KueriOut = Type.Object({
  kata: Type.Array(Type.String(), { description: 'Words searched (stems, after correction)' }),
  awalan: Type.Boolean({ description: 'The last word was matched as a prefix' }),
  koreksi: Nullable(Type.String({ description: 'The query as searched when a word was corrected' })),
});
export const ProdukRingkasOut = Type.Object({
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
export const Hasil = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    jumlah: Type.Integer(),
    terbatas: Type.Boolean({ description: 'More matched than were ranked; jumlah is a lower bound' }),
    page: Type.Integer(),
    perPage: Type.Integer(),
    kueri: KueriOut,
  });
/** What every view of a business in the catalogue starts with. */
const UsahaDasar = { slug: Type.String(), nama: Type.String(), deskripsi: Nullable(Type.String()) };
export const UsahaRingkasOut = Type.Object({
  ...UsahaDasar,
  sektor: Nullable(Type.String()),
  kelas: Nullable(Type.String()),
  url: Type.String(),
  kecamatan: WilayahOut,
  kelurahan: WilayahOut,
});
export const UsahaOut = Type.Object({
  ...UsahaDasar,
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
export const ProdukOut = Type.Object({
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
export const PenandaOut = Type.Object({
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

// The pages' queries. Shared links carry tracking parameters (fbclid, utm_*): pages ignore
// unknown ones.
export const KatalogQuery = Type.Object(filterFields);
export const HalamanQuery = Type.Object({ page: filterFields.page });
export const PetaPageQuery = Type.Object({
  kecamatan: Type.Optional(Type.Union([KodeKecamatan, Type.Literal('')])),
  sektor: Type.Optional(Type.Union([Sektor, Type.Literal('')])),
  page: filterFields.page,
});
