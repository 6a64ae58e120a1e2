/** TypeBox schemas of the Prakarsa RW JSON API (prakarsa-routes.ts): bodies, parameters and answers. */
import { Type } from 'typebox';
import { CityParams, Paging, Uuid, oneOf, Nullable } from '../../../platform/http/schemas.ts';
import { MAX_RUPIAH } from './prakarsa-checks.ts';
import { KATEGORI_BELANJA } from './prakarsa-tables.ts';

export { IdParams, RwParams } from '../kbs/kbs-schemas.ts';

export { Nullable };
export const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
export const Rupiah = Type.Integer({ minimum: 1, maximum: MAX_RUPIAH, description: 'Whole rupiah' });
export const Tanggal = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'Date YYYY-MM-DD (WIB), not in the future',
});
export const Alasan = Type.String({ minLength: 5, maxLength: 500 });
export const Kategori = oneOf(KATEGORI_BELANJA);

export const PengaturanBody = Type.Object(
  {
    nominalKbs: Rupiah,
    nominalLain: Type.Integer({ minimum: 0, maximum: MAX_RUPIAH, description: 'Whole rupiah; 0: none' }),
    kbsMinUrutan: Type.Optional(
      Nullable(
        Type.Integer({
          minimum: 1,
          maximum: 20,
          description: 'Lowest KBS level (urutan) counting as KBS; null or absent: every level',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
export const PengaturanOut = Type.Object({
  tahun: Type.Integer(),
  nominalKbs: Type.Integer(),
  nominalLain: Type.Integer(),
  kbsMinUrutan: Nullable(Type.Integer()),
});
export const AlokasiBody = Type.Object(
  {
    rwId: Uuid,
    tahun: Tahun,
    jumlah: Type.Optional(Rupiah),
    alasan: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const SemuaBody = Type.Object({ tahun: Tahun }, { additionalProperties: false });
export const SemuaOut = Type.Object({
  tahun: Type.Integer(),
  dibuat: Type.Integer(),
  sudahAda: Type.Integer(),
  tanpaNominal: Type.Integer(),
  jumlah: Type.Integer(),
});
export const PencairanBody = Type.Object(
  {
    tanggal: Tanggal,
    jumlah: Rupiah,
    tahap: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 50, description: 'Without it: the next stage' }),
    ),
    catatan: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const BelanjaBody = Type.Object(
  {
    tanggal: Tanggal,
    kategori: Kategori,
    uraian: Type.String({ minLength: 3, maxLength: 300 }),
    jumlah: Rupiah,
    kuantitas: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 999_999_999 })),
    satuan: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20 }))),
  },
  { additionalProperties: false },
);
export const BatalBody = Type.Object({ alasan: Alasan }, { additionalProperties: false });

export const PencairanOut = Type.Object({
  id: Type.String(),
  tahap: Type.Integer(),
  tanggal: Type.String(),
  jumlah: Type.Integer({ description: 'Negative for a reversal' }),
  catatan: Nullable(Type.String()),
  membatalkanId: Nullable(Type.String()),
  dibatalkan: Type.Boolean(),
  createdAt: Type.String(),
});
export const BelanjaOut = Type.Object({
  id: Type.String(),
  tanggal: Type.String(),
  kategori: Type.String(),
  uraian: Type.String(),
  jumlah: Type.Integer({ description: 'Negative for a reversal' }),
  kuantitas: Nullable(Type.Number()),
  satuan: Nullable(Type.String()),
  alasan: Nullable(Type.String()),
  membatalkanId: Nullable(Type.String()),
  dibatalkan: Type.Boolean(),
  createdAt: Type.String(),
});
export const AlokasiOut = Type.Object({
  id: Type.String(),
  rwId: Type.String(),
  tahun: Type.Integer(),
  jumlah: Type.Integer(),
  nominalAturan: Type.Integer(),
  kbs: Type.Boolean(),
  tingkat: Nullable(Type.Object({ id: Type.String(), nama: Type.String() })),
  alasan: Nullable(Type.String()),
  dicairkan: Type.Integer(),
  dibelanjakan: Type.Integer(),
  sisaAlokasi: Type.Integer(),
  sisaDana: Type.Integer(),
  pencairan: Type.Array(PencairanOut),
  belanja: Type.Array(BelanjaOut),
  createdAt: Type.String(),
});
export const RwOut = Type.Object({
  id: Type.String(),
  kode: Type.String(),
  nomor: Type.Integer(),
  kelurahanKode: Type.String(),
  kelurahanNama: Type.String(),
  kecamatanNama: Type.String(),
  jumlahKk: Nullable(Type.Integer()),
});
export const StatusOut = Nullable(
  Type.Object({
    tingkatId: Nullable(Type.String()),
    nama: Nullable(Type.String()),
    urutan: Nullable(Type.Integer()),
  }),
);
export const RwPrakarsaOut = Type.Object({
  rw: RwOut,
  status: StatusOut,
  alokasi: Type.Array(AlokasiOut),
  total: Type.Object({
    dialokasikan: Type.Integer(),
    dicairkan: Type.Integer(),
    dibelanjakan: Type.Integer(),
  }),
  usulan: Type.Array(Type.Object({ tahun: Type.Integer(), kbs: Type.Boolean(), nominal: Type.Integer() })),
  boleh: Type.Object({ kelola: Type.Boolean(), lapor: Type.Boolean() }),
});
export const RwListOut = Type.Object({
  tahun: Type.Integer(),
  items: Type.Array(
    Type.Object({
      ...RwOut.properties,
      status: StatusOut,
      alokasi: Nullable(
        Type.Object({
          id: Type.String(),
          jumlah: Type.Integer(),
          kbs: Type.Boolean(),
          dicairkan: Type.Integer(),
          dibelanjakan: Type.Integer(),
        }),
      ),
    }),
  ),
  total: Type.Integer(),
  page: Type.Integer(),
  perPage: Type.Integer(),
});
export const Angka = {
  jumlahRw: Type.Integer(),
  rwTeralokasi: Type.Integer(),
  rwKbs: Type.Integer(),
  dialokasikan: Type.Integer(),
  dicairkan: Type.Integer(),
  dibelanjakan: Type.Integer(),
};
export const RekapOut = Type.Object({
  tahun: Type.Integer(),
  pengaturan: Nullable(PengaturanOut),
  kecamatan: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String(), ...Angka })),
  total: Type.Object(Angka),
});

export const TahunParams = Type.Object(
  { city: CityParams.properties.city, tahun: Tahun },
  { additionalProperties: false },
);
export const RekapQuery = Type.Object({ tahun: Type.Optional(Tahun) }, { additionalProperties: false });
export const RwListQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    kecamatan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' })),
    ...Paging,
  },
  { additionalProperties: false },
);
