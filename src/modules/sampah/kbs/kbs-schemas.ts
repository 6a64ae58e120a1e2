/** TypeBox schemas of the KBS JSON API (kbs-routes.ts): bodies, parameters and answers. */
import { Type } from 'typebox';
import { CityParams, Csrf, Uuid, Nullable } from '../../../platform/http/schemas.ts';
import { JenisSchema, StatusPenilaianSchema, SumberSchema } from './indikator.ts';

export const Angka = Type.Number({ minimum: 0, maximum: 1e9 });
export { Nullable };

export const IndikatorBody = Type.Object(
  {
    kode: Type.String({
      pattern: '^[A-Z][A-Z0-9-]{0,19}$',
      description: 'A new code, starting with a letter',
    }),
    nama: Type.String({ minLength: 3, maxLength: 160 }),
    deskripsi: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    jenis: JenisSchema,
    ambang: Type.Optional(Nullable(Angka)),
    buktiWajib: Type.Optional(Type.Boolean()),
    bobot: Type.Integer({ minimum: 0, maximum: 100 }),
    sumber: Type.Optional(SumberSchema),
    urutan: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    aktif: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const IndikatorPatch = Type.Partial(Type.Omit(IndikatorBody, ['kode']), {
  additionalProperties: false,
});
export const IndikatorOut = Type.Object({
  id: Type.String(),
  kode: Type.String(),
  nama: Type.String(),
  deskripsi: Nullable(Type.String()),
  jenis: JenisSchema,
  ambang: Nullable(Type.Number()),
  buktiWajib: Type.Boolean(),
  bobot: Type.Integer(),
  sumber: SumberSchema,
  urutan: Type.Integer(),
  aktif: Type.Boolean(),
});
export const TingkatBody = Type.Object(
  {
    nama: Type.String({ minLength: 2, maxLength: 80 }),
    urutan: Type.Integer({ minimum: 1, maximum: 20 }),
    minSkor: Type.Number({ minimum: 0, maximum: 100 }),
    indikatorWajib: Type.Array(Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export const TingkatOut = Type.Object({
  id: Type.String(),
  nama: Type.String(),
  urutan: Type.Integer(),
  minSkor: Type.Number(),
  indikatorWajib: Type.Array(Type.String()),
});
export const NilaiItem = Type.Object(
  { indikatorKode: Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), nilai: Angka },
  { additionalProperties: false },
);
export const Catatan = Type.String({ maxLength: 2000 });
export const PenilaianBody = Type.Object(
  {
    rwId: Uuid,
    periode: Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'Month YYYY-MM' }),
    nilai: Type.Optional(Type.Array(NilaiItem, { maxItems: 100 })),
    catatan: Type.Optional(Nullable(Catatan)),
  },
  { additionalProperties: false },
);
export const NilaiBody = Type.Object(
  { nilai: Type.Array(NilaiItem, { maxItems: 100 }), catatan: Type.Optional(Nullable(Catatan)) },
  { additionalProperties: false },
);
export const KembalikanBody = Type.Object(
  { catatan: Type.String({ minLength: 5, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const SetujuiBody = Type.Object(
  { catatan: Type.Optional(Nullable(Catatan)) },
  { additionalProperties: false },
);
export const ProfilBody = Type.Object(
  {
    jumlahKk: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
    penduduk: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1000000 }))),
    kontakNama: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
    kontakTelepon: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    pemilahan: Type.Optional(Type.Boolean()),
    pengomposan: Type.Optional(Type.Boolean()),
    maggot: Type.Optional(Type.Boolean()),
    jadwalAngkut: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export const IdParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid },
  { additionalProperties: false },
);
export const RwParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid },
  { additionalProperties: false },
);
export const ListQuery = Type.Object(
  { status: Type.Optional(StatusPenilaianSchema), rwId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export const Any = Type.Object({}, { additionalProperties: true });
export const BuktiParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid, buktiId: Uuid },
  { additionalProperties: false },
);
export const BuktiUpload = Type.Object(
  {
    indikatorKode: Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }),
    foto: Type.Unknown({ description: 'JPEG, PNG or WebP photo, at most 2 MB, multipart field "foto"' }),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

export const AngkaSebaran = {
  jumlahRw: Type.Integer(),
  jumlahKbs: Type.Integer({ description: 'RWs whose current status reached a level' }),
  persen: Type.Union([Type.Number(), Type.Null()], { description: 'jumlahKbs / jumlahRw, percent' }),
  perTingkat: Type.Record(Type.String(), Type.Integer(), { description: 'RWs per current level id' }),
};
export const SebaranOut = Type.Object({
  tanggal: Type.String({ format: 'date' }),
  tingkat: Type.Array(Type.Object({ id: Uuid, nama: Type.String(), urutan: Type.Integer() })),
  kota: Type.Object({ kode: Type.String(), nama: Type.String(), ...AngkaSebaran }),
  kelurahan: Type.Array(
    Type.Object({
      kode: Type.String(),
      nama: Type.String(),
      kecamatanKode: Type.String(),
      kelas: Type.Integer({ description: 'Map colour class: -1 no RW recorded, 0 no KBS RW, 1-5 by share' }),
      ...AngkaSebaran,
    }),
  ),
  kecamatan: Type.Array(
    Type.Object({
      peringkat: Type.Integer(),
      kode: Type.String(),
      nama: Type.String(),
      rataSkor: Type.Union([Type.Number(), Type.Null()]),
      jumlahKk: Type.Integer(),
      kgPemulihan: Type.Number({ description: 'kg recovered by bank sampah in the last 30 days' }),
      kgPerKk: Type.Union([Type.Number(), Type.Null()], {
        description: 'kg recovered by bank sampah in the last 30 days per household',
      }),
      ...AngkaSebaran,
    }),
  ),
});
