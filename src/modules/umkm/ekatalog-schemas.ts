/** TypeBox schemas of e-Katalog: the ids, list and export queries, the move form, and what the API returns. */
import { Type } from 'typebox';
import { CitySlug, oneOf } from '../../platform/http/schemas.ts';
import { LEVEL_SYARAT } from './ekatalog.ts';
import { STATUS_EKATALOG } from './tables.ts';

export const Id = Type.String({ maxLength: 40 });
export const UsahaParams = Type.Object({ city: CitySlug, usahaId: Id }, { additionalProperties: false });
export const ProdukParams = Type.Object({ city: CitySlug, produkId: Id }, { additionalProperties: false });
export const Status = oneOf(STATUS_EKATALOG, { description: 'belum_siap, siap, diajukan or tayang' });
export const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
export const DaftarQuery = Type.Object(
  { status: Type.Optional(Status), kecamatan: Type.Optional(KecamatanKode) },
  { additionalProperties: false },
);
export const PageQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Status, Type.Literal('')])),
    kecamatan: Type.Optional(Type.String({ pattern: '^([0-9]{2}\\.[0-9]{2}\\.[0-9]{2})?$' })),
  },
  { additionalProperties: false },
);
export const EksporQuery = Type.Object(
  {
    status: Type.Optional(Status),
    produk: Type.Optional(Type.Array(Id, { maxItems: 500, description: 'chosen products (any state)' })),
  },
  { additionalProperties: false },
);
export const PindahBody = Type.Object(
  {
    status: Status,
    tanggal: Type.Optional(
      Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'WIB date; default today' }),
    ),
    catatan: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const PindahForm = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.String({ maxLength: 20 })),
    tanggal: Type.Optional(Type.String({ maxLength: 20 })),
    catatan: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const ItemOut = Type.Object({
  kode: Type.String(),
  ok: Type.Boolean(),
  level: oneOf(LEVEL_SYARAT),
  judul: Type.String(),
  saran: Type.String({ description: 'What the owner should do when not ok' }),
});
export const ProdukSyaratOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  kategori: Type.String(),
  ekatalog: Status,
  namaTerkunci: Type.Boolean(),
  siap: Type.Boolean(),
  kurang: Type.Array(Type.String()),
  syarat: Type.Array(ItemOut),
});
export const UsahaRef = Type.Object({ id: Type.String(), nama: Type.String(), status: Type.String() });
export const UsahaSyaratOut = Type.Object({
  usaha: UsahaRef,
  tanggal: Type.String(),
  siap: Type.Boolean(),
  syarat: Type.Array(ItemOut),
  produk: Type.Array(ProdukSyaratOut),
});
export const ProdukEkatalogOut = Type.Object({
  ...ProdukSyaratOut.properties,
  usaha: UsahaRef,
  tanggal: Type.String(),
  syaratUsaha: Type.Array(ItemOut),
  langkah: Type.Array(
    Type.Object({
      status: Status,
      tanggal: Type.String(),
      catatan: Type.Union([Type.String(), Type.Null()]),
      at: Type.String(),
    }),
  ),
  bolehPindah: Type.Boolean(),
});
export const BarisOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  kategori: Type.String(),
  ekatalog: Status,
  siap: Type.Boolean(),
  kurang: Type.Array(Type.String()),
  usahaId: Type.String(),
  usahaNama: Type.String(),
  kecamatanKode: Type.String(),
});
