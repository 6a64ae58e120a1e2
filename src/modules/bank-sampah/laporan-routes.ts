/**
 * Reports and the ledger check, JSON API: the monthly report and the whole-ledger check. Their
 * screens are in pages/laporan-*.ts and use the same request helpers (laporanOf, runVerifikasi).
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { forbidden } from '../../platform/http/problem.ts';
import { CitySlug, oneOf } from '../../platform/http/schemas.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { visibleBankAreas } from './access.ts';
import { LAPORAN, VERIFIKASI } from './permissions.ts';
import { TINGKAT, bulanIni, getLaporanBulanan, type Laporan } from './laporan.ts';
import { KODE_PELANGGARAN, verifikasiBukuBesar, type HasilVerifikasi } from './verifikasi.ts';

const TAGS = ['bank-sampah'];
export const laporanAccess = { access: { permission: LAPORAN } } as const;
export const verifikasiAccess = { access: { permission: VERIFIKASI } } as const;

const Bulan = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM (WIB); default: this month',
});
const Tingkat = oneOf(TINGKAT, {
  description: 'Rows per bank (default), kelurahan, kecamatan, or one row for the city',
});
export const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
export const LaporanQuery = Type.Object(
  { bulan: Type.Optional(Bulan), tingkat: Type.Optional(Tingkat) },
  { additionalProperties: false },
);

const AngkaProps = {
  kgPulih: Type.Number({ description: 'kg recovered from members, net of reversals' }),
  kgPerKategori: Type.Record(Type.String(), Type.Number(), { description: 'kg per national category' }),
  setoran: Type.Integer({ description: 'Member deposits of the month that stand' }),
  nasabahAktif: Type.Integer({ description: 'Members with at least one such deposit' }),
  dikreditkan: Type.Integer({ description: 'Rupiah credited to members’ savings' }),
  bagiHasil: Type.Integer({ description: 'Rupiah kept by the banks as fee' }),
  dibayarkan: Type.Integer({ description: 'Rupiah paid out (withdrawals net of reversed ones)' }),
  dariUnitKg: Type.Number({ description: 'kg an induk received from its units’ sales' }),
  dariUnitRupiah: Type.Integer(),
  terjualKg: Type.Number({ description: 'kg sold (to an induk or a collector)' }),
  terjualRupiah: Type.Integer(),
  terjualKeIndukKg: Type.Number(),
  terjualKeIndukRupiah: Type.Integer(),
};
const NullableString = Type.Union([Type.String(), Type.Null()]);
const LaporanOut = Type.Object({
  bulan: Type.String(),
  tingkat: Tingkat,
  kota: Type.Object({ kode: Type.String(), nama: Type.String() }),
  kategori: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String() })),
  baris: Type.Array(
    Type.Object({
      kode: Type.String(),
      nama: Type.String(),
      bankId: Type.Optional(Type.String()),
      tingkatBank: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('induk')])),
      kelurahan: Type.Optional(NullableString),
      kecamatan: Type.Optional(NullableString),
      jumlahBank: Type.Integer(),
      angka: Type.Object(AngkaProps),
    }),
  ),
  total: Type.Object({ ...AngkaProps, jumlahBank: Type.Integer() }),
});
const VerifikasiOut = Type.Object({
  ok: Type.Boolean(),
  checkedEntries: Type.Integer(),
  banks: Type.Integer(),
  violations: Type.Array(
    Type.Object({
      kode: Type.String({ enum: [...KODE_PELANGGARAN] }),
      pesan: Type.String(),
      bankId: Type.Optional(Type.String()),
      bankKode: Type.Optional(Type.String()),
      jurnalId: Type.Optional(Type.String()),
      nomor: Type.Optional(Type.Integer()),
      akun: Type.Optional(Type.String()),
    }),
  ),
  terpotong: Type.Array(Type.String()),
  waktu: Type.String(),
});

export type Query = Static<typeof LaporanQuery>;

export function laporanOf(req: FastifyRequest, q: Query): Promise<Laporan> {
  const city = cityOf(req);
  const user = userOf(req);
  return cityTx(req, (trx) =>
    getLaporanBulanan(
      trx,
      city,
      user,
      { bulan: q.bulan ?? bulanIni(), tingkat: q.tingkat ?? 'bank' },
      req.t,
      req.locale,
    ),
  );
}

/** The ledger check covers the whole city: only for users whose right covers the city. */
function checkCityWide(user: CurrentUser): void {
  if (visibleBankAreas(user, VERIFIKASI) !== null) throw forbidden();
}

export function runVerifikasi(req: FastifyRequest): Promise<HasilVerifikasi> {
  checkCityWide(userOf(req));
  return cityTx(req, (trx) => verifikasiBukuBesar(trx, req.t));
}

export function fileName(req: FastifyRequest, q: Query, ext: string): string {
  return `laporan-bank-sampah-${cityOf(req).slug}-${q.bulan ?? bulanIni()}-${q.tingkat ?? 'bank'}.${ext}`;
}

export function laporanApiRoutes(app: BalaiApp, _ctx: ModuleContext): void {
  const api = apiRoutes(app, { base: '/api/v1/cities/:city/bank-sampah', tags: TAGS });
  api.get(
    '/laporan',
    {
      summary: 'Monthly report of the waste banks in the user’s area',
      description:
        'Per bank, kelurahan, kecamatan or for the city: kg recovered per category, deposits, active members, rupiah credited and paid out, sales. Reversals count on their own day (negated); an induk’s deposits from its units’ sales are reported apart (dariUnit…), never in kgPulih.',
      params: CityParams,
      query: LaporanQuery,
      out: LaporanOut,
      access: laporanAccess.access,
    },
    (req) => laporanOf(req, req.query),
  );

  api.get(
    '/verifikasi',
    {
      summary: 'Check the whole ledger of the city',
      description:
        'Balanced entries, no negative balance or stock, exact reversals, sales to an induk recorded at both banks, idempotency keys and approved withdrawal requests pointing to their entries. Lists every violation (at most 200 of each kind).',
      params: CityParams,
      out: VerifikasiOut,
      access: verifikasiAccess.access,
    },
    (req) => runVerifikasi(req),
  );
}
