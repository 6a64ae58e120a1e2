/** TypeBox schemas of the UMKM import: the upload form, the import's id, and what the API returns. */
import { Type } from 'typebox';
import { CityParams, Csrf, oneOf, Paging, Uuid, Nullable } from '../../platform/http/schemas.ts';
import { AKSI_IMPOR } from './impor-check.ts';
import { STATUS_IMPOR } from './tables.ts';

export const ImporForm = Type.Object(
  {
    _csrf: Csrf,
    berkas: Type.Optional(
      Type.Unsafe<unknown>({
        description: 'The CSV or XLSX file (multipart file part "berkas"), at most 5 MB',
      }),
    ),
    namaBerkas: Type.Optional(
      Type.String({ maxLength: 200, description: 'File name to show (defaults to the uploaded name)' }),
    ),
  },
  { additionalProperties: false },
);
export const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });
export const IdParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid },
  { additionalProperties: false },
);
const Jumlah = Type.Integer({ minimum: 0 });
const Hasil = Nullable(Type.Object({ baru: Jumlah, diubah: Jumlah }));

const RingkasFields = {
  id: Uuid,
  namaFile: Type.String(),
  status: oneOf(STATUS_IMPOR, {
    description:
      'diperiksa (being checked) | pratinjau (checked: preview) | mengimpor (confirmed: being checked again and written) | gagal (file unusable) | diimpor | dibatalkan',
  }),
  jumlahBaris: Nullable(Jumlah),
  diproses: Jumlah,
  persen: Type.Integer({ minimum: 0, maximum: 100, description: 'Progress while diperiksa or mengimpor' }),
  valid: Jumlah,
  galat: Type.Integer({ minimum: 0, description: 'Rows with at least one problem' }),
  baru: Type.Integer({ minimum: 0, description: 'Valid rows that create a business' }),
  ubah: Type.Integer({ minimum: 0, description: 'Valid rows that update a business with the same NIB' }),
  baruTanpaNib: Type.Integer({ minimum: 0, description: 'New businesses without NIB (never matched again)' }),
  hasil: Hasil,
  dibuatAt: Type.String({ format: 'date-time' }),
  diperbaruiAt: Type.String({ format: 'date-time' }),
  milik: Type.Boolean(),
};
export const ImporRingkasOut = Type.Object(RingkasFields);
export const ImporOut = Type.Object({
  ...RingkasFields,
  catatan: Nullable(
    Type.String({
      description: 'Why a confirmed import is back at pratinjau (the registry changed, or saving failed)',
    }),
  ),
  masalah: Type.Array(
    Type.Object({
      baris: Type.Integer({
        description: 'Row as the spreadsheet shows it (1 = header, 0 = the whole file)',
      }),
      kolom: Nullable(Type.String()),
      pesan: Type.String(),
    }),
  ),
  masalahLebih: Type.Integer({ minimum: 0, description: 'Problems not listed (beyond the first 1000)' }),
  baris: Type.Array(
    Type.Object({
      baris: Type.Integer(),
      aksi: oneOf(AKSI_IMPOR),
      nib: Nullable(Type.String()),
      nama: Nullable(Type.String()),
      titik: Nullable(
        Type.Tuple([Type.Number(), Type.Number()], { description: 'Latitude and longitude the row sets' }),
      ),
    }),
  ),
  barisTotal: Jumlah,
  bisaKonfirmasi: Type.Boolean(),
  bisaBatal: Type.Boolean(),
});
export const ViewQuery = Type.Object(Paging, { additionalProperties: false });
