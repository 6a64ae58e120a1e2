/**
 * TypeBox schemas of the ledger's JSON API: path parameters, the Idempotency-Key header, the
 * bodies of the operations and the entries and requests it answers with.
 */
import { Type } from 'typebox';
import { CitySlug, Uuid, Nullable } from '../../platform/http/schemas.ts';

export const BankParams = Type.Object({ city: CitySlug, bankId: Uuid }, { additionalProperties: false });
export const JurnalParams = Type.Object(
  { city: CitySlug, bankId: Uuid, jurnalId: Uuid },
  { additionalProperties: false },
);
export const NasabahParams = Type.Object(
  { city: CitySlug, bankId: Uuid, nasabahId: Uuid },
  { additionalProperties: false },
);
export const PengajuanParams = Type.Object(
  { city: CitySlug, bankId: Uuid, id: Uuid },
  { additionalProperties: false },
);

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9_.:-]{8,100}$',
    description: 'Client-chosen key; a retry with the same key and body returns the original result',
  }),
});

export const Catatan = Type.Optional(Type.String({ maxLength: 500 }));
export const Kuantitas = Type.Union([
  Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  Type.String({
    maxLength: 20,
    description: 'As typed in Indonesia: digits with a decimal comma, e.g. "2,5"',
  }),
]);
export const Kondisi = Type.Union([Type.Literal('bersih'), Type.Literal('kotor')]);
export const JenisKode = Type.String({ pattern: '^(x-)?[a-z0-9-]{2,42}$' });
export const Jenis = Type.Union([
  Type.Literal('setoran'),
  Type.Literal('penarikan'),
  Type.Literal('penjualan'),
  Type.Literal('pencairan'),
  Type.Literal('pembatalan'),
]);
export const Date_ = Type.String({ format: 'date', description: 'YYYY-MM-DD (WIB)' });

export const SetoranBody = Type.Object(
  {
    nasabahId: Uuid,
    baris: Type.Array(
      Type.Object(
        { jenisKode: JenisKode, kondisi: Kondisi, kuantitas: Kuantitas },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    catatan: Catatan,
  },
  { additionalProperties: false },
);

export const PenarikanBody = Type.Object(
  { nasabahId: Uuid, jumlah: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), catatan: Catatan },
  { additionalProperties: false },
);

export const PenjualanBody = Type.Object(
  {
    indukId: Type.Optional(Uuid),
    pembeliNama: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    baris: Type.Array(
      Type.Object(
        {
          jenisKode: JenisKode,
          kuantitas: Kuantitas,
          hargaSatuan: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    catatan: Catatan,
  },
  { additionalProperties: false },
);

export const PembatalanBody = Type.Object(
  { alasan: Type.String({ minLength: 5, maxLength: 500 }) },
  { additionalProperties: false },
);

export const KeputusanBody = Type.Object(
  { setuju: Type.Boolean(), alasan: Type.Optional(Type.String({ minLength: 5, maxLength: 500 })) },
  { additionalProperties: false },
);

export const Ref = Type.Object({ id: Uuid, nomor: Type.Integer() });
export { Nullable };

export const OperasiOut = Type.Object({
  id: Uuid,
  nomor: Type.Integer(),
  jenis: Jenis,
  jenisAsal: Nullable(Jenis),
  waktu: Type.String({ format: 'date-time' }),
  bankId: Uuid,
  nasabah: Nullable(Type.Object({ id: Uuid, nomor: Type.String(), nama: Type.String() })),
  pembeli: Nullable(Type.Object({ bankId: Nullable(Uuid), nama: Type.String() })),
  total: Type.Integer({ description: 'Rupiah credited, paid out or received' }),
  bagiHasil: Type.Integer(),
  saldoSetelah: Nullable(Type.Integer()),
  baris: Type.Array(
    Type.Object({
      jenisKode: Type.String(),
      nama: Type.String(),
      kondisi: Nullable(Kondisi),
      satuan: Type.String(),
      kuantitas: Type.Number(),
      kg: Type.Number(),
      hargaSatuan: Nullable(Type.Integer()),
      nilai: Type.Integer(),
    }),
  ),
  membatalkan: Nullable(Ref),
  alasan: Nullable(Type.String()),
  dibatalkan: Nullable(Type.Object({ id: Uuid, nomor: Type.Integer(), alasan: Type.String() })),
  terkaitId: Nullable(Uuid),
  catatan: Nullable(Type.String()),
  dibuatOleh: Nullable(Type.String()),
});

export const PengajuanOut = Type.Object({
  id: Uuid,
  jenis: Type.Union([Type.Literal('penarikan'), Type.Literal('setoran')]),
  baris: Nullable(
    Type.Array(
      Type.Object({
        jenisKode: Type.String(),
        kondisi: Type.Union([Type.Literal('bersih'), Type.Literal('kotor')]),
        kuantitas: Type.String(),
      }),
    ),
  ),
  nasabah: Type.Object({ id: Uuid, nomor: Type.String(), nama: Type.String() }),
  jumlah: Type.Integer(),
  catatan: Nullable(Type.String()),
  status: Type.Union([Type.Literal('menunggu'), Type.Literal('disetujui'), Type.Literal('ditolak')]),
  diajukanOleh: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  diputusOleh: Nullable(Type.String()),
  diputusAt: Nullable(Type.String({ format: 'date-time' })),
  alasanTolak: Nullable(Type.String()),
  jurnalId: Nullable(Uuid),
});
