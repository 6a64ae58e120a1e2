/** Request and response schemas of the bank sampah administration (API and forms). */
import { Type, type TSchema } from 'typebox';
import { CitySlug, Csrf, Email, Paging, Uuid, oneOf } from '../../platform/http/schemas.ts';
import {
  NASABAH_FIELDS,
  onForm,
  type NasabahField,
  type NasabahFormBody,
  type PlainView,
  type SpecialField,
} from './nasabah-fields.ts';
import type { NasabahInput } from './nasabah-service.ts';

/**
 * Nullable values as a JSON type list, not anyOf: with type coercion on, anyOf would turn null
 * into 0 or "" (see the wilayah schemas).
 */
const nullableString = (o: {
  maxLength: number;
  minLength?: number;
  pattern?: string;
  description?: string;
}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...o });
const nullableInteger = (o: { minimum: number; maximum: number; description?: string }) =>
  Type.Unsafe<number | null>({ type: ['integer', 'null'], ...o });
const nullableUuid = (description?: string) =>
  Type.Unsafe<string | null>({
    type: ['string', 'null'],
    format: 'uuid',
    ...(description ? { description } : {}),
  });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });

export const KelurahanKode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$',
  description: 'e.g. 32.73.01.1001',
});
const KecamatanKode = Type.String({
  pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$',
  description: 'e.g. 32.73.01',
});
/** Levels of bank, where a unit serves, positions of pengurus and kinds of members: each list once. */
export const TINGKAT_BANK = ['unit', 'induk'] as const;
export const LEMBAGA = ['rw', 'sekolah', 'kantor', 'pasar', 'lainnya'] as const;
export const JABATAN = ['ketua', 'teller', 'bendahara'] as const;
export { JENIS_NASABAH } from './nasabah-fields.ts';

const Tingkat = oneOf(TINGKAT_BANK);
const Lembaga = oneOf(LEMBAGA, {
  description: 'Where a unit serves: an RW, or an institution (school, office, market, other) in a kelurahan',
});
const Jabatan = oneOf(JABATAN);
const Kondisi = Type.Union([Type.Literal('bersih'), Type.Literal('kotor')]);
const Satuan = Type.Union([Type.Literal('kg'), Type.Literal('liter'), Type.Literal('pcs')]);
export const JenisKode = Type.String({
  pattern: '^(x-)?[a-z0-9-]{2,42}$',
  description: 'Item code, e.g. kardus or x-botol-kecap',
});

// ---- Params and queries ----

export const BankParams = obj({ city: CitySlug, bankId: Uuid });
export const NasabahParams = obj({ city: CitySlug, bankId: Uuid, nasabahId: Uuid });
export const PengurusParams = obj({ city: CitySlug, bankId: Uuid, userId: Uuid });

export const BankQuery = obj({
  kecamatan: Type.Optional(Type.Union([KecamatanKode, Type.Literal('')])),
  kelurahan: Type.Optional(Type.Union([KelurahanKode, Type.Literal('')])),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Name or code of the bank' })),
  tingkat: Type.Optional(Tingkat),
  aktif: Type.Optional(Type.Boolean()),
  ...Paging,
});

export const NasabahQuery = obj({
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description: 'Name, member number, or at least 4 digits of the phone number',
    }),
  ),
  aktif: Type.Optional(Type.Boolean()),
  ...Paging,
});

export const NikQuery = obj({
  tujuan: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 200,
      description: 'Why the full NIK is read (logged with the read)',
    }),
  ),
});

export const RiwayatQuery = obj({ jenisKode: JenisKode });

// ---- Bodies ----

const BankFields = {
  lembaga: Type.Optional(Lembaga),
  rwId: Type.Optional(nullableUuid('The RW a unit serves (or where an institution is)')),
  kelurahanKode: Type.Optional(
    nullableString({
      maxLength: 30,
      description:
        "The institution's kelurahan; with rwNomor, the RW's kelurahan; for an induk, where it stands",
    }),
  ),
  rwNomor: Type.Optional(
    nullableInteger({ minimum: 1, maximum: 999, description: 'RW number in kelurahanKode' }),
  ),
  nama: Type.String({ minLength: 3, maxLength: 120 }),
  alamat: Type.Optional(nullableString({ maxLength: 300 })),
  jamBuka: Type.Optional(
    nullableString({ maxLength: 200, description: 'Opening hours, e.g. "Sabtu 08.00–11.00"' }),
  ),
  telepon: Type.Optional(
    nullableString({ maxLength: 30, description: 'e.g. 081234567890 (spaces and dashes are ignored)' }),
  ),
  ambangPersetujuan: Type.Optional(
    nullableInteger({
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'Withdrawals above this amount (rupiah) need a second person; null: never',
    }),
  ),
  batasBarisKg: Type.Optional(
    Nullable(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 100_000,
        description:
          'Deposit limit per line (kg): a deposit with a heavier line waits for approval; null: unchanged (default 200)',
      }),
    ),
  ),
  batasSetoran: Type.Optional(
    nullableInteger({
      minimum: 1,
      maximum: 1_000_000_000,
      description:
        'Deposit limit per deposit (rupiah of value): a larger deposit waits for approval; null: unchanged (default 2,000,000)',
    }),
  ),
  bagiHasilPersen: Type.Optional(
    Type.Number({
      minimum: 0,
      maximum: 50,
      description: "Share of each deposit's value the bank keeps (percent)",
    }),
  ),
  indukId: Type.Optional(nullableUuid('The induk bank of a unit')),
  warisiHargaInduk: Type.Optional(
    Type.Boolean({ description: "Buy at the induk's prices unless priced here" }),
  ),
};

export const BankCreateBody = obj({
  tingkat: Type.Optional(Tingkat),
  kode: Type.Optional(
    nullableString({ maxLength: 20, description: 'e.g. BSU-0007; the next free code when absent' }),
  ),
  ...BankFields,
});

export const BankPatchBody = obj({
  ...BankFields,
  nama: Type.Optional(BankFields.nama),
  aktif: Type.Optional(Type.Boolean()),
});

export const PengurusBody = obj({
  userId: Type.Optional(Uuid),
  email: Type.Optional(Email),
  jabatan: Jabatan,
});

/**
 * The API schemas of the special member fields, by kind (create: on the register body; edit: on
 * the change body). The text, phone and select fields are derived from their declaration.
 */
const NASABAH_SPECIAL_BODY: Record<SpecialField['kind'], Record<string, TSchema>> = {
  nomor: {
    nomor: Type.Optional(
      nullableString({
        maxLength: 30,
        description: 'Member number from a paper book; generated when absent',
      }),
    ),
  },
  rw: {
    rwId: Type.Optional(nullableUuid("The member's RW (the bank's RW when absent at registration)")),
    kelurahanKode: Type.Optional(
      nullableString({ maxLength: 30, description: 'With rwNomor: the RW by number' }),
    ),
    rwNomor: Type.Optional(nullableInteger({ minimum: 1, maximum: 999 })),
  },
  nik: {
    nik: Type.Optional(
      nullableString({
        maxLength: 16,
        pattern: '^[0-9]{16}$',
        description: 'NIK (16 digits), stored encrypted; null removes it',
      }),
    ),
    nikTujuan: Type.Optional(
      nullableString({ maxLength: 200, description: 'Why the NIK is collected (required with a NIK)' }),
    ),
  },
  akun: {
    userEmail: Type.Optional(
      Type.Unsafe<string | null>({
        type: ['string', 'null'],
        format: 'email',
        maxLength: 254,
        description: "Email of the member's warga account (to see their own passbook); null unlinks",
      }),
    ),
  },
  aktif: {
    aktif: Type.Optional(Type.Boolean({ description: 'false deactivates the member (never deleted)' })),
  },
};

/** The API schema of one member field; a required text is optional when changing. */
function nasabahBodyField(f: NasabahField, creating: boolean): Record<string, TSchema> {
  const describe = 'description' in f && f.description ? { description: f.description } : {};
  switch (f.kind) {
    case 'text':
    case 'phone':
      if (f.kind === 'text' && f.required) {
        const s = Type.String({ minLength: f.min ?? 0, maxLength: f.max, ...describe });
        return { [f.name]: creating ? s : Type.Optional(s) };
      }
      return { [f.name]: Type.Optional(nullableString({ maxLength: f.max, ...describe })) };
    case 'select':
      return { [f.name]: Type.Optional(oneOf(f.options)) };
    default:
      return NASABAH_SPECIAL_BODY[f.kind];
  }
}

/** A member's API body: the fields the register (creating) or change request takes. */
const nasabahBody = <T>(creating: boolean) =>
  Type.Unsafe<T>(
    obj(
      Object.assign(
        {},
        ...(NASABAH_FIELDS as readonly NasabahField[])
          .filter((f) => onForm(f, creating))
          .map((f) => nasabahBodyField(f, creating)),
      ),
    ),
  );

export const NasabahCreateBody = nasabahBody<Omit<NasabahInput, 'aktif' | 'demo'>>(true);
export const NasabahPatchBody = nasabahBody<Omit<NasabahInput, 'nomor' | 'demo'>>(false);

export const JenisBody = obj({
  kode: Type.Optional(
    Type.String({ pattern: '^x-[a-z0-9-]{2,40}$', description: 'x-<slug of the name> when absent' }),
  ),
  nama: Type.String({ minLength: 2, maxLength: 80 }),
  kategoriKode: Type.String({ maxLength: 30 }),
  satuan: Satuan,
  kgPerSatuan: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 1000,
      description: 'Weight of one unit (1 for items sold by the kg)',
    }),
  ),
});

export const HargaBody = obj({
  jenisKode: JenisKode,
  kondisi: Kondisi,
  harga: nullableInteger({
    minimum: 0,
    maximum: 100_000_000,
    description: 'Rupiah per unit; null stops buying the item from berlakuMulai',
  }),
  berlakuMulai: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'When the price takes effect (now when absent); not in the past',
    }),
  ),
});

// ---- Forms (every field arrives as text; the service reports problems next to the field) ----

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const checkbox = Type.Optional(Type.Literal('1'));

export const BankForm = obj({
  _csrf: Csrf,
  tingkat: Type.Optional(Type.String({ maxLength: 10 })),
  lembaga: Type.Optional(Type.String({ maxLength: 20 })),
  kelurahanKode: text(30),
  rwNomor: text(10),
  kode: text(40),
  nama: text(200),
  alamat: text(400),
  jamBuka: text(300),
  telepon: text(40),
  ambangPersetujuan: text(20),
  batasBarisKg: text(20),
  batasSetoran: text(20),
  bagiHasilPersen: text(10),
  indukId: text(40),
  warisiHargaInduk: checkbox,
  aktif: checkbox,
});

export const PengurusForm = obj({
  _csrf: Csrf,
  userId: text(40),
  email: text(254),
  jabatan: text(20),
});

/** The member form: every name the declared fields send, as text (or a checkbox). */
export const NasabahForm = Type.Unsafe<{ _csrf?: string } & NasabahFormBody>(
  obj({
    _csrf: Csrf,
    ...Object.fromEntries(
      NASABAH_FIELDS.flatMap((f) =>
        Object.entries(f.form).map(([name, max]) => [name, max === 'checkbox' ? checkbox : text(max)]),
      ),
    ),
  }),
);

export const NikForm = obj({ _csrf: Csrf, tujuan: text(300) });

export const JenisForm = obj({
  _csrf: Csrf,
  kode: text(60),
  nama: text(200),
  kategoriKode: text(40),
  satuan: text(10),
  kgPerSatuan: text(20),
});

export const HargaForm = obj({
  _csrf: Csrf,
  jenisKode: text(60),
  kondisi: text(10),
  harga: text(20),
  berhenti: checkbox,
  berlakuMulai: text(20),
});

export const CsrfForm = obj({ _csrf: Csrf });

// ---- Responses ----

const Str = Nullable(Type.String());
const Hak = Type.Object({
  lihat: Type.Boolean(),
  transaksi: Type.Boolean(),
  kelola: Type.Boolean(),
  setujui: Type.Boolean(),
  jabatan: Nullable(Jabatan),
});
const BankRingkasOut = Type.Object({ id: Uuid, kode: Type.String(), nama: Type.String() });

export const BankOut = Type.Object({
  id: Uuid,
  kode: Type.String(),
  nama: Type.String(),
  tingkat: Tingkat,
  lembaga: Lembaga,
  rwId: Nullable(Uuid),
  rwNomor: Nullable(Type.Integer()),
  kelurahanKode: Str,
  kelurahanNama: Str,
  kecamatanKode: Str,
  kecamatanNama: Str,
  areaKode: Type.String({ description: 'The RW code, kelurahan or city code that scopes officers' }),
  induk: Nullable(BankRingkasOut),
  alamat: Str,
  jamBuka: Str,
  telepon: Nullable(Type.String({ description: 'Masked, e.g. 0812****7890' })),
  ambangPersetujuan: Nullable(Type.Integer()),
  batasBarisKg: Type.Number({ description: 'Deposit limit per line (kg)' }),
  batasSetoran: Type.Integer({ description: 'Deposit limit per deposit (rupiah)' }),
  bagiHasilPersen: Type.Number(),
  warisiHargaInduk: Type.Boolean(),
  aktif: Type.Boolean(),
  demo: Type.Boolean(),
  jumlahNasabah: Type.Integer({ description: 'Active members' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const BankDetailOut = Type.Object({
  ...BankOut.properties,
  hak: Type.Object(Hak.properties, { description: 'What the caller may do at this bank' }),
});

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    perPage: Type.Integer(),
  });

export const PengurusOut = Type.Object({
  userId: Uuid,
  nama: Type.String(),
  email: Type.String({ description: 'Masked, e.g. a**@contoh.id' }),
  jabatan: Jabatan,
  aktif: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

/** What the member's view shows of each special field (nomor and aktif stand apart in NasabahOut). */
const NASABAH_SPECIAL_OUT: Record<SpecialField['kind'], Record<string, TSchema>> = {
  nomor: {},
  rw: {
    rw: Nullable(
      Type.Object({
        id: Uuid,
        kode: Type.String(),
        nomor: Type.Integer(),
        kelurahanKode: Type.String(),
        kelurahanNama: Type.String(),
      }),
    ),
  },
  nik: {
    nik: Nullable(Type.String({ description: 'Masked, e.g. 3273********0001' })),
    nikTujuan: Str,
  },
  akun: { akun: Nullable(Type.Object({ id: Uuid, nama: Type.String() })) },
  aktif: {},
};

function nasabahOutField(f: NasabahField): Record<string, TSchema> {
  switch (f.kind) {
    case 'text':
      return { [f.name]: f.required ? Type.String() : Str };
    case 'phone':
      return { [f.name]: Nullable(Type.String({ description: 'Masked, e.g. 0812****7890' })) };
    case 'select':
      return { [f.name]: oneOf(f.values ?? f.options) };
    default:
      return NASABAH_SPECIAL_OUT[f.kind];
  }
}

export const NasabahOut = Type.Object({
  id: Uuid,
  bankId: Uuid,
  nomor: Type.String(),
  ...(Object.assign({}, ...(NASABAH_FIELDS as readonly NasabahField[]).map(nasabahOutField)) as Record<
    keyof PlainView | 'jenis' | 'rw' | 'nik' | 'nikTujuan' | 'akun',
    TSchema
  >),
  bankUnitId: Nullable(Uuid),
  aktif: Type.Boolean(),
  demo: Type.Boolean(),
  saldo: Type.Integer({ description: 'Savings balance (rupiah)' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const NikOut = Type.Object({
  nasabahId: Uuid,
  nik: Type.String({ description: 'The full NIK (this read is logged)' }),
  nikTujuan: Str,
});

export const JenisOut = Type.Object({
  kode: Type.String(),
  kategoriKode: Type.String(),
  nama: Type.String(),
  satuan: Satuan,
  kgPerSatuan: Type.Number(),
  milikBank: Type.Boolean({ description: "The bank's own item (not in the reference catalogue)" }),
});

const Sumber = Type.Union([Type.Literal('bank'), Type.Literal('induk')]);
const HargaKiniOut = Type.Object({
  jenisKode: Type.String(),
  kondisi: Kondisi,
  harga: Nullable(Type.Integer({ description: 'Rupiah per unit; null: not bought' })),
  sumber: Nullable(Sumber),
  berlakuMulai: Nullable(Type.String({ format: 'date-time' })),
  terjadwal: Nullable(
    Type.Object({
      harga: Nullable(Type.Integer()),
      berlakuMulai: Type.String({ format: 'date-time' }),
      sumber: Sumber,
    }),
  ),
});

export const DaftarHargaOut = Type.Object({
  bankId: Uuid,
  induk: Nullable(BankRingkasOut),
  waktu: Type.String({ format: 'date-time' }),
  items: Type.Array(
    Type.Object({ jenis: JenisOut, harga: Type.Object({ bersih: HargaKiniOut, kotor: HargaKiniOut }) }),
  ),
});

export const HargaRiwayatOut = Type.Object({
  id: Uuid,
  jenisKode: Type.String(),
  kondisi: Kondisi,
  harga: Nullable(Type.Integer()),
  berlakuMulai: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('berlaku'), Type.Literal('lama'), Type.Literal('terjadwal')]),
  dibuatOleh: Nullable(Type.Object({ id: Uuid, nama: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const RiwayatHargaOut = Type.Object({
  jenis: JenisOut,
  bank: Type.Array(HargaRiwayatOut),
  induk: Nullable(Type.Array(HargaRiwayatOut)),
  indukBank: Nullable(BankRingkasOut),
});
