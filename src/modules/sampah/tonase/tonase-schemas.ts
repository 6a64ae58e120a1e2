/**
 * Tonnage accounting: the enumerations (each declared once; the types, the API schemas and the
 * page lists derive from them, and a test compares the entry kinds with their SQL check) and the
 * TypeBox schemas of the JSON API.
 */
import { Type } from 'typebox';
import { CitySlug, oneOf } from '../../../platform/http/schemas.ts';
import type { JenisFasilitas } from '../operasi/operasi-schemas.ts';

/** Kinds of a manual tonnage entry (sampah_tonase_catatan.jenis). */
export const JENIS_CATATAN = [
  'timbulan_terukur',
  'pengurangan_kompos',
  'pengurangan_maggot',
  'pengurangan_lain',
  'penanganan_angkut',
  'penanganan_olah',
  'penanganan_urug',
  'daur_ulang',
  'bahan_baku',
] as const;
export type JenisCatatan = (typeof JENIS_CATATAN)[number];

export type Kelompok = 'timbulan' | 'pengurangan' | 'penanganan' | 'daurUlang' | 'bahanBaku';

/** The SIPSN figure each kind of entry adds to. */
export const KELOMPOK_JENIS: Record<JenisCatatan, Kelompok> = {
  timbulan_terukur: 'timbulan',
  pengurangan_kompos: 'pengurangan',
  pengurangan_maggot: 'pengurangan',
  pengurangan_lain: 'pengurangan',
  penanganan_angkut: 'penanganan',
  penanganan_olah: 'penanganan',
  penanganan_urug: 'penanganan',
  daur_ulang: 'daurUlang',
  bahan_baku: 'bahanBaku',
};

/** Trip destinations whose tonnage counts as handled (penanganan). */
export const TUJUAN_PENANGANAN: readonly JenisFasilitas[] = ['tpst', 'tps3r', 'mesin', 'tpa'];
/** Trip origins whose waste was already counted when it arrived there. */
export const ASAL_TERHITUNG: readonly JenisFasilitas[] = ['tpst', 'tps3r', 'mesin'];

export const PERIODE = ['hari', 'bulan', 'tahun'] as const;
export type Periode = (typeof PERIODE)[number];

/**
 * Why part of the city's figures belongs to no kecamatan (message keys sampah.tonase.sisa.sebab.*):
 *  - timbulanKota: on some days the city's timbulan is not the sum of its kecamatan (measured for
 *    the whole city, or estimated from the city's population when a kecamatan had neither a
 *    measurement nor a population);
 *  - bankSampahTanpaRw: bank sampah deposits recorded without an RW;
 *  - ritaseTanpaKecamatan: trips from an origin without a kecamatan;
 *  - catatanKota: manual entries for the city as a whole (e.g. TPA deliveries from mixed routes);
 *  - pembulatan: each row is rounded to the kg, so the rounded kecamatan may miss the rounded city
 *    by a few kg.
 */
export const SEBAB_SISA = [
  'timbulanKota',
  'bankSampahTanpaRw',
  'ritaseTanpaKecamatan',
  'catatanKota',
  'pembulatan',
] as const;
export type SebabSisa = (typeof SEBAB_SISA)[number];

// ---- API schemas ----

export const Tanggal = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'WIB date YYYY-MM-DD',
});
export const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
export const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
export const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

export const TahunBody = Type.Object(
  {
    lajuTimbulan: Type.Number({ exclusiveMinimum: 0, maximum: 5, description: 'kg per person per day' }),
    targetPengurangan: Type.Number({ minimum: 0, maximum: 100, description: 'percent of timbulan' }),
    targetPenanganan: Type.Number({ minimum: 0, maximum: 100, description: 'percent of timbulan' }),
  },
  { additionalProperties: false },
);
export const TahunOut = Type.Object({ tahun: Type.Integer(), ...TahunBody.properties });

export const PendudukBaris = Type.Object({
  kode: Type.String(),
  nama: Type.String(),
  penduduk: Type.Union([Type.Integer(), Type.Null()]),
  sumber: Type.Union([Type.String(), Type.Null()]),
  pendudukReferensi: Type.Union([Type.Integer(), Type.Null()]),
});
export const PendudukOut = Type.Object({
  tahun: Type.Integer(),
  pendudukKota: Type.Union([Type.Integer(), Type.Null()]),
  jumlah: Type.Integer(),
  lengkap: Type.Boolean(),
  kecamatan: Type.Array(PendudukBaris),
});
export const PendudukBody = Type.Object(
  {
    kecamatan: Type.Array(
      Type.Object(
        {
          kecamatanKode: KecamatanKode,
          penduduk: Type.Union([Type.Integer({ minimum: 0, maximum: 5_000_000 }), Type.Null()], {
            description: 'persons; null removes the figure (the reference applies)',
          }),
          sumber: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);

export const CatatanBody = Type.Object(
  {
    tanggal: Tanggal,
    kecamatanKode: Type.Optional(Type.Union([KecamatanKode, Type.Null()])),
    jenis: oneOf(JENIS_CATATAN),
    ton: Type.Number({ minimum: 0, maximum: 100000 }),
    keterangan: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const CatatanOut = Type.Object({
  id: Type.String(),
  tanggal: Type.String(),
  kecamatanKode: Type.Union([Type.String(), Type.Null()]),
  jenis: Type.String(),
  ton: Type.Number(),
  keterangan: Type.Union([Type.String(), Type.Null()]),
});
export const RentangQuery = Type.Object(
  { dari: Tanggal, sampai: Tanggal, kecamatan: Type.Optional(KecamatanKode) },
  { additionalProperties: false },
);
export const AgregasiQuery = Type.Object(
  { ...RentangQuery.properties, periode: Type.Optional(oneOf(PERIODE)) },
  { additionalProperties: false },
);
export const Angka = Type.Object({
  timbulan: Type.Number(),
  timbulanTerukur: Type.Number(),
  timbulanLengkap: Type.Boolean(),
  penguranganBankSampah: Type.Number(),
  penguranganLain: Type.Number(),
  pengurangan: Type.Number(),
  penangananRitase: Type.Number(),
  penangananLain: Type.Number(),
  penanganan: Type.Number(),
  daurUlang: Type.Number(),
  bahanBaku: Type.Number(),
});
export const Baris = Type.Object({
  periode: Type.String(),
  kecamatanKode: Type.Union([Type.String(), Type.Null()]),
  angka: Angka,
});
export const AgregasiOut = Type.Object({
  dari: Type.String(),
  sampai: Type.String(),
  periode: Type.String(),
  wilayah: Type.Object({ kode: Type.String(), nama: Type.String() }),
  kota: Type.Array(Baris),
  kecamatan: Type.Array(Baris),
  kecamatanNama: Type.Record(Type.String(), Type.String()),
  total: Angka,
});
export const SipsnOut = Type.Object({
  timbulan: Type.Number(),
  pengurangan: Type.Number(),
  persenPengurangan: NullableNumber,
  penanganan: Type.Number(),
  persenPenanganan: NullableNumber,
  terkelola: Type.Number(),
  persenTerkelola: NullableNumber,
  tidakTerkelola: Type.Number(),
  daurUlang: Type.Number(),
  bahanBaku: Type.Number(),
  recyclingRate: NullableNumber,
});
export const SipsnTahunOut = Type.Object({
  tahun: Type.Integer(),
  kota: Type.Object({ kode: Type.String(), nama: Type.String() }),
  berjalan: Type.Boolean(),
  sampai: Type.String(),
  target: Type.Union([Type.Object({ pengurangan: Type.Number(), penanganan: Type.Number() }), Type.Null()]),
  lajuTimbulan: NullableNumber,
  timbulanLengkap: Type.Boolean(),
  sipsn: SipsnOut,
  kecamatan: Type.Array(
    Type.Object({
      kode: Type.String(),
      nama: Type.String(),
      timbulanLengkap: Type.Boolean(),
      sipsn: SipsnOut,
    }),
  ),
  tidakTeratribusi: Type.Union([
    Type.Object({
      sipsn: SipsnOut,
      sebab: Type.Array(oneOf(SEBAB_SISA)),
    }),
    Type.Null(),
  ]),
});
export const SipsnQuery = Type.Object({ tahun: Type.Optional(Tahun) }, { additionalProperties: false });

export const TahunParams = Type.Object({ city: CitySlug, tahun: Tahun }, { additionalProperties: false });
export const CatatanIdParams = Type.Object(
  { city: CitySlug, id: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
);
