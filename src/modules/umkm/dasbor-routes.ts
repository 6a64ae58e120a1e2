/**
 * The UMKM dashboard's JSON API, /api/v1/cities/:city/umkm/dasbor. The page is pages/dasbor.ts,
 * the city dashboard's tiles dashboard.ts; dasbor.ts reads and authorises.
 */
import { Type } from 'typebox';
import { cityOf, cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import type { BalaiApp, NavItem } from '../../platform/module.ts';
import { UMKM_DASBOR } from './permissions.ts';
import { dasborUmkm } from './dasbor.ts';

export const dasborNav: NavItem[] = [{ path: '/umkm/dasbor', label: 'umkm.nav.dasbor', access: UMKM_DASBOR }];

const TAGS = ['umkm'];
const ApiQuery = Type.Object(
  { kecamatan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' })) },
  { additionalProperties: false },
);
const Jumlah = Type.Integer({ minimum: 0 });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const DasborOut = Type.Object({
  wilayah: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String() })),
  kecamatan: NullableString,
  total: Jumlah,
  perStatus: Type.Record(Type.String(), Jumlah),
  perKecamatan: Type.Array(
    Type.Object({ kode: Type.String(), nama: Type.String(), terdaftar: Jumlah, terverifikasi: Jumlah }),
  ),
  perSektor: Type.Array(Type.Object({ huruf: NullableString, judul: NullableString, jumlah: Jumlah })),
  perKelas: Type.Array(Type.Object({ kelas: NullableString, jumlah: Jumlah })),
  ekatalog: Type.Object({
    perStatus: Type.Record(Type.String(), Jumlah),
    lengkap: Jumlah,
    belumLengkap: Jumlah,
  }),
  pergerakan: Type.Array(
    Type.Object({
      tahunSebelum: Type.Integer(),
      tahun: Type.Integer(),
      naik: Jumlah,
      turun: Jumlah,
      tetap: Jumlah,
    }),
  ),
});

const access: Access = { permission: UMKM_DASBOR };

export function dasborRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: '/api/v1/cities/:city/umkm/dasbor', tags: TAGS });
  api.get(
    '',
    {
      summary:
        "UMKM figures in the viewer's area: by status, kecamatan, sector, class; e-Katalog; class movement",
      params: CityParams,
      query: ApiQuery,
      out: DasborOut,
      access: access,
    },
    (req) =>
      cityTx(req, (trx) => dasborUmkm(trx, cityOf(req), userOf(req), { kecamatan: req.query.kecamatan })),
  );
}
