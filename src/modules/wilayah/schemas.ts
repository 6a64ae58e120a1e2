/** Request and response schemas of the wilayah module (API and forms). */
import { Type, type TSchema } from 'typebox';
import { CitySlug, Csrf, Paging, Uuid } from '../../platform/http/schemas.ts';
import { KK_MAX, NAME_MAX, NOMOR_MAX } from './impor.ts';

/**
 * Nullable number or text as a JSON type list, not anyOf: with type coercion on,
 * anyOf would turn null into 0 (or 0 into null). "" becomes null for numbers.
 */
const nullableInteger = (o: { minimum: number; maximum: number; description?: string }) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...o });
const nullableString = (o: { maxLength: number; description?: string }) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...o });

const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });

export const KodeWilayah = Type.String({
  minLength: 1,
  maxLength: 30,
  description: 'Kemendagri code, e.g. 32.73.01',
});
export const KecamatanKode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$',
  description: 'e.g. 32.73.01',
});
export const KelurahanKode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$',
  description: 'e.g. 32.73.01.1001',
});

export const CityKodeParams = obj({ city: CitySlug, kode: KodeWilayah });
export const RwParams = obj({ city: CitySlug, rwId: Uuid });
export const RtParams = obj({ city: CitySlug, rtId: Uuid });
export const ImportParams = obj({ city: CitySlug, importId: Uuid });

export const KelurahanQuery = obj({ kecamatan: Type.Optional(KecamatanKode) });

export const RwQuery = obj({
  kecamatan: Type.Optional(Type.Union([KecamatanKode, Type.Literal('')])),
  kelurahan: Type.Optional(Type.Union([KelurahanKode, Type.Literal('')])),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Name of the ketua or RW number' })),
  ...Paging,
});

const Nomor = Type.Integer({ minimum: 1, maximum: NOMOR_MAX, description: 'RW/RT number, 1..999' });
const KetuaNama = nullableString({
  maxLength: NAME_MAX,
  description: 'Name of the ketua; "" or null clears it',
});
const KetuaTelepon = nullableString({
  maxLength: 30,
  description:
    'Phone number of the ketua, e.g. 081234567890 (spaces and dashes are ignored); "" or null clears it',
});
const JumlahKk = nullableInteger({
  minimum: 0,
  maximum: KK_MAX,
  description: 'Number of households (kepala keluarga)',
});

export const RwCreateBody = obj({
  kelurahanKode: KelurahanKode,
  nomor: Nomor,
  ketuaNama: Type.Optional(KetuaNama),
  ketuaTelepon: Type.Optional(KetuaTelepon),
  jumlahKk: Type.Optional(JumlahKk),
});

export const RwPatchBody = obj({
  kelurahanKode: Type.Optional(KelurahanKode),
  nomor: Type.Optional(Nomor),
  ketuaNama: Type.Optional(KetuaNama),
  ketuaTelepon: Type.Optional(KetuaTelepon),
  jumlahKk: Type.Optional(JumlahKk),
});

export const RtCreateBody = obj({ nomor: Nomor, ketuaNama: Type.Optional(KetuaNama) });
export const RtPatchBody = obj({ nomor: Type.Optional(Nomor), ketuaNama: Type.Optional(KetuaNama) });

/** Forms: every field arrives as text; the service reports missing and out-of-range values next to the field. */
export const RwForm = obj({
  _csrf: Csrf,
  kelurahanKode: Type.Optional(Type.String({ maxLength: 30 })),
  nomor: Type.Optional(nullableInteger({ minimum: 1, maximum: NOMOR_MAX })),
  ketuaNama: Type.Optional(Type.String({ maxLength: NAME_MAX })),
  ketuaTelepon: Type.Optional(Type.String({ maxLength: 30 })),
  jumlahKk: Type.Optional(nullableInteger({ minimum: 0, maximum: KK_MAX })),
});

export const RtForm = obj({
  _csrf: Csrf,
  nomor: Type.Optional(nullableInteger({ minimum: 1, maximum: NOMOR_MAX })),
  ketuaNama: Type.Optional(Type.String({ maxLength: NAME_MAX })),
});

export const CsrfForm = obj({ _csrf: Csrf });

/** Multipart: the file arrives as a Buffer (checked by the service: present, not empty, ≤ 5 MB, CSV or XLSX). */
export const ImportForm = obj({
  _csrf: Csrf,
  berkas: Type.Optional(
    Type.Unsafe<unknown>({
      description: 'The CSV or XLSX file (multipart file part named "berkas"), at most 5 MB',
    }),
  ),
  namaBerkas: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'File name to show (optional; defaults to the uploaded file name)',
    }),
  ),
});

// ---- Responses ----

const Num = Type.Union([Type.Number(), Type.Null()]);
const Int = Type.Union([Type.Integer(), Type.Null()]);

const RegionFields = {
  kode: Type.String(),
  nama: Type.String(),
  tingkat: Type.String(),
  induk: Type.Union([Type.String(), Type.Null()]),
  luasKm2: Num,
  pendudukPria: Int,
  pendudukWanita: Int,
  pendudukTotal: Int,
  lat: Num,
  lng: Num,
};

export const KecamatanOut = Type.Object({
  ...RegionFields,
  jumlahKelurahan: Type.Integer(),
  jumlahRw: Type.Union([Type.Integer(), Type.Null()], {
    description: 'RWs visible to the caller; null when none are',
  }),
});

export const KelurahanOut = Type.Object({
  ...RegionFields,
  jumlahRw: Type.Union([Type.Integer(), Type.Null()], {
    description: 'RWs visible to the caller; null when none are',
  }),
});

export const RtOut = Type.Object({
  id: Type.String(),
  rwId: Type.String(),
  nomor: Type.Integer(),
  ketuaNama: Type.Union([Type.String(), Type.Null()]),
});

export const RwOut = Type.Object({
  id: Type.String(),
  kode: Type.String({ description: 'Area code of the RW: <kode kelurahan>.<nnn>' }),
  kelurahanKode: Type.String(),
  kelurahanNama: Type.String(),
  kecamatanKode: Type.String(),
  kecamatanNama: Type.String(),
  nomor: Type.Integer(),
  ketuaNama: Type.Union([Type.String(), Type.Null()]),
  ketuaTelepon: Type.Union([Type.String(), Type.Null()], { description: 'Masked, e.g. 0812****7890' }),
  jumlahKk: Int,
  jumlahRt: Type.Integer(),
  demo: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const RwDetailOut = Type.Object({ ...RwOut.properties, rt: Type.Array(RtOut) });

export const RegionDetailOut = Type.Object({
  ...RegionFields,
  parent: Type.Union([
    Type.Object({ kode: Type.String(), nama: Type.String(), tingkat: Type.String() }),
    Type.Null(),
  ]),
  jumlahRw: Type.Union([Type.Integer(), Type.Null()]),
  kelurahan: Type.Optional(Type.Array(KelurahanOut)),
});

export const ImportOut = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  fileType: Type.String(),
  status: Type.String({ description: 'menunggu | diproses | berhasil | gagal' }),
  totalRows: Type.Integer(),
  processed: Type.Integer(),
  percent: Type.Integer(),
  createdRw: Type.Integer(),
  createdRt: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      row: Type.Integer({ description: 'Row as the spreadsheet shows it (1 = header, 0 = the whole file)' }),
      column: Type.Union([Type.String(), Type.Null()]),
      message: Type.String(),
    }),
  ),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  mine: Type.Boolean(),
});

/** The OpenAPI tag and the path prefix of the wilayah JSON API. */
export const API_TAGS = ['wilayah'];
export const API_BASE = '/api/v1/cities/:city';
