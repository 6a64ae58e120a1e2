/**
 * Waste operations: the enumerations (each declared once; the table types, the API schemas and the
 * page option lists derive from them, and a test compares them with the SQL checks) and the TypeBox
 * schemas of the JSON API.
 */
import { Type, type TSchema } from 'typebox';
import { CitySlug, Uuid } from '../../../platform/http/schemas.ts';

export const JENIS_FASILITAS = ['titik_kumpul', 'tps', 'tpst', 'tps3r', 'mesin', 'tpa'] as const;
export type JenisFasilitas = (typeof JENIS_FASILITAS)[number];
export const SUBJENIS_MESIN = ['incinerator', 'pirolisis', 'rdf', 'maggot', 'kompos'] as const;
export type SubjenisMesin = (typeof SUBJENIS_MESIN)[number];
export const STATUS_FASILITAS = ['aktif', 'rusak', 'rencana'] as const;
export type StatusFasilitas = (typeof STATUS_FASILITAS)[number];
export const JENIS_KENDARAAN = [
  'pacman',
  'dump_truck',
  'arm_roll',
  'compactor',
  'pickup',
  'roda_tiga',
] as const;
export type JenisKendaraan = (typeof JENIS_KENDARAAN)[number];
export const STATUS_KENDARAAN = ['aktif', 'rusak', 'nonaktif'] as const;
export type StatusKendaraan = (typeof STATUS_KENDARAAN)[number];
/** Quota level: below 90 % fine, from 90 % up to the quota a warning, beyond it over quota. */
export const TINGKAT_KUOTA = ['aman', 'peringatan', 'melebihi'] as const;
export type TingkatKuota = (typeof TINGKAT_KUOTA)[number];

/** Kinds a trip may start from. */
export const JENIS_ASAL: readonly JenisFasilitas[] = ['titik_kumpul', 'tps', 'tpst', 'tps3r'];

// ---- API schemas ----

const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
/** One of a list's values, as a JSON Schema enum. */
const lits = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });
/** Nullable values as a JSON type list, not anyOf (with type coercion, anyOf turns null into 0 or ""). */
const nullStr = (o: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...o });
const nullNum = (type: 'number' | 'integer', o: Record<string, unknown> = {}) =>
  Type.Unsafe<number | null>({ type: [type, 'null'], ...o });
const Tanggal = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'WIB date, YYYY-MM-DD' });
const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
const KelurahanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$' });
const Waktu = Type.String({
  minLength: 16,
  maxLength: 40,
  description: 'ISO date-time; without an offset (2026-11-28T07:30) it is WIB',
});

export const IdParams = obj({ city: CitySlug, id: Uuid });

export const FasilitasBody = obj({
  jenis: lits(JENIS_FASILITAS),
  subjenis: Type.Optional(Type.Union([lits(SUBJENIS_MESIN), Type.Null()])),
  nama: Type.String({ minLength: 3, maxLength: 200 }),
  kecamatanKode: Type.Optional(Type.Union([KecamatanKode, Type.Null()])),
  kelurahanKode: Type.Optional(Type.Union([KelurahanKode, Type.Null()])),
  lat: Type.Optional(nullNum('number', { minimum: -90, maximum: 90 })),
  lng: Type.Optional(nullNum('number', { minimum: -180, maximum: 180 })),
  kapasitasTonHari: Type.Optional(nullNum('number', { minimum: 0, maximum: 100000 })),
  status: Type.Optional(lits(STATUS_FASILITAS)),
  operator: Type.Optional(nullStr({ maxLength: 120 })),
  kuotaRitHarian: Type.Optional(nullNum('integer', { minimum: 1, maximum: 10000 })),
});
export const FasilitasOut = Type.Object({
  id: Type.String(),
  jenis: Type.String(),
  subjenis: nullStr(),
  nama: Type.String(),
  kecamatanKode: nullStr(),
  kecamatanNama: nullStr(),
  kelurahanKode: nullStr(),
  kelurahanNama: nullStr(),
  lat: nullNum('number'),
  lng: nullNum('number'),
  kapasitasTonHari: nullNum('number'),
  status: Type.String(),
  operator: nullStr(),
  kuotaRitHarian: nullNum('integer'),
});
export const FasilitasQuery = obj({
  jenis: Type.Optional(lits(JENIS_FASILITAS)),
  status: Type.Optional(lits(STATUS_FASILITAS)),
  kecamatan: Type.Optional(KecamatanKode),
});

export const KendaraanBody = obj({
  jenis: lits(JENIS_KENDARAAN),
  platNomor: Type.String({ minLength: 2, maxLength: 20 }),
  kapasitasM3: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  kapasitasTon: Type.Number({ exclusiveMinimum: 0, maximum: 60 }),
  status: Type.Optional(lits(STATUS_KENDARAAN)),
});
export const KendaraanOut = Type.Object({
  id: Type.String(),
  jenis: Type.String(),
  platNomor: Type.String(),
  kapasitasM3: Type.Number(),
  kapasitasTon: Type.Number(),
  status: Type.String(),
});

export const ShiftBody = obj({
  nama: Type.String({ minLength: 2, maxLength: 60 }),
  mulai: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM (WIB)' }),
});
export const ShiftOut = Type.Object({ id: Type.String(), nama: Type.String(), mulai: Type.String() });

/** ton has no minimum here: a negative load gets the service's own message (and pointer). */
export const RitaseBody = obj({
  kendaraanId: Uuid,
  shiftId: Uuid,
  asalIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  tujuanId: Uuid,
  ton: Type.Number({ maximum: 1000 }),
  berangkat: Waktu,
  tiba: Waktu,
  catatan: Type.Optional(nullStr({ maxLength: 500 })),
});
export const KuotaOut = Type.Object({
  fasilitasId: Type.String(),
  nama: Type.String(),
  tanggal: Type.String(),
  kuota: Type.Integer(),
  terpakai: Type.Integer(),
  sisa: Type.Integer(),
  persen: Type.Number(),
  ton: Type.Number(),
  tingkat: lits(TINGKAT_KUOTA),
});
export const RitaseOut = Type.Object({
  id: Type.String(),
  tanggal: Type.String(),
  kendaraanId: Type.String(),
  platNomor: Type.String(),
  shiftId: Type.String(),
  shiftNama: Type.String(),
  asal: Type.Array(Type.Object({ id: Type.String(), nama: Type.String() })),
  tujuanId: Type.String(),
  tujuanNama: Type.String(),
  tujuanJenis: Type.String(),
  ton: Type.Number(),
  berangkat: Type.String(),
  tiba: Type.String(),
  melebihiKuota: Type.Boolean(),
  catatan: nullStr(),
});
export const TanggalQuery = obj({ tanggal: Type.Optional(Tanggal) });
