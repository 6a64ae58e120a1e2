/**
 * Tonnage: the JSON API under /api/v1/cities/:city/sampah/tonase (yearly settings, manual
 * entries, aggregation, SIPSN), the city waste dashboard page with the SIPSN downloads, and the
 * tiles of the city dashboard. Routes validate and call tonase-service.ts, which authorises.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { DashboardTile, ModuleContext, NavItem } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { formatNumber, type Translator } from '../../platform/i18n/index.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug, errorResponses } from '../../platform/http/schemas.ts';
import { kuotaTpaHariIni, tonaseDitangani } from './operasi-service.ts';
import { ASAL_TERHITUNG, TUJUAN_PENANGANAN } from './tonase-hitung.ts';
import { JENIS_CATATAN, PERIODE, SEBAB_SISA } from './tonase-hitung.ts';
import { TONASE_ATUR, TONASE_CATAT, TONASE_LIHAT } from './permissions-tonase.ts';
import {
  agregasiTonase,
  aturPendudukKecamatan,
  aturTahun,
  bacaPendudukKecamatan,
  catatTonase,
  daftarCatatan,
  daftarTahun,
  hapusCatatan,
  hariIniWib,
  hitungSipsnTahun,
  lihatKota,
  sipsnTahun,
  type SumberOperasi,
} from './tonase-service.ts';
import { sipsnCsv, sipsnXlsx } from './tonase-ekspor.ts';
import { tonasePages } from './tonase-pages.ts';
import { tonaseTahunPages } from './tonase-tahun-pages.ts';

/** Trips and the TPA quota from the operations area. */
export const sumberOperasi: SumberOperasi = {
  // Trips with the handled-tonnage rule applied by the database (see tonase-hitung.ts).
  penanganan: (trx, q) =>
    tonaseDitangani(trx, { ...q, tujuan: TUJUAN_PENANGANAN, kecualiAsal: ASAL_TERHITUNG }),
  kuotaTpa: (trx) => kuotaTpaHariIni(trx),
};

export const tonaseNav: NavItem[] = [
  // The whole city, or for a kecamatan officer their kecamatan.
  { path: '/sampah/tonase', label: 'sampah.tonase.nav', access: TONASE_LIHAT },
  { path: '/sampah/tonase/catatan', label: 'sampah.tonase.catatan.nav', access: TONASE_CATAT },
];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/tonase';
const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
const Tanggal = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'WIB date YYYY-MM-DD' });
const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

const TahunBody = Type.Object(
  {
    lajuTimbulan: Type.Number({ exclusiveMinimum: 0, maximum: 5, description: 'kg per person per day' }),
    targetPengurangan: Type.Number({ minimum: 0, maximum: 100, description: 'percent of timbulan' }),
    targetPenanganan: Type.Number({ minimum: 0, maximum: 100, description: 'percent of timbulan' }),
  },
  { additionalProperties: false },
);
const TahunOut = Type.Object({ tahun: Type.Integer(), ...TahunBody.properties });

const PendudukBaris = Type.Object({
  kode: Type.String(),
  nama: Type.String(),
  penduduk: Type.Union([Type.Integer(), Type.Null()]),
  sumber: Type.Union([Type.String(), Type.Null()]),
  pendudukReferensi: Type.Union([Type.Integer(), Type.Null()]),
});
const PendudukOut = Type.Object({
  tahun: Type.Integer(),
  pendudukKota: Type.Union([Type.Integer(), Type.Null()]),
  jumlah: Type.Integer(),
  lengkap: Type.Boolean(),
  kecamatan: Type.Array(PendudukBaris),
});
const PendudukBody = Type.Object(
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

const CatatanBody = Type.Object(
  {
    tanggal: Tanggal,
    kecamatanKode: Type.Optional(Type.Union([KecamatanKode, Type.Null()])),
    jenis: Type.Union(JENIS_CATATAN.map((j) => Type.Literal(j))),
    ton: Type.Number({ minimum: 0, maximum: 100000 }),
    keterangan: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const CatatanOut = Type.Object({
  id: Type.String(),
  tanggal: Type.String(),
  kecamatanKode: Type.Union([Type.String(), Type.Null()]),
  jenis: Type.String(),
  ton: Type.Number(),
  keterangan: Type.Union([Type.String(), Type.Null()]),
});
const RentangQuery = Type.Object(
  { dari: Tanggal, sampai: Tanggal, kecamatan: Type.Optional(KecamatanKode) },
  { additionalProperties: false },
);
const AgregasiQuery = Type.Object(
  { ...RentangQuery.properties, periode: Type.Optional(Type.Union(PERIODE.map((p) => Type.Literal(p)))) },
  { additionalProperties: false },
);
const Angka = Type.Object({
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
const Baris = Type.Object({
  periode: Type.String(),
  kecamatanKode: Type.Union([Type.String(), Type.Null()]),
  angka: Angka,
});
const AgregasiOut = Type.Object({
  dari: Type.String(),
  sampai: Type.String(),
  periode: Type.String(),
  wilayah: Type.Object({ kode: Type.String(), nama: Type.String() }),
  kota: Type.Array(Baris),
  kecamatan: Type.Array(Baris),
  kecamatanNama: Type.Record(Type.String(), Type.String()),
  total: Angka,
});
const SipsnOut = Type.Object({
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
const SipsnTahunOut = Type.Object({
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
      sebab: Type.Array(Type.Union(SEBAB_SISA.map((k) => Type.Literal(k)))),
    }),
    Type.Null(),
  ]),
});
export const SipsnQuery = Type.Object({ tahun: Type.Optional(Tahun) }, { additionalProperties: false });

const lihat = { access: { permission: TONASE_LIHAT } } as const;

export function tahunIni(): number {
  return Number(hariIniWib().slice(0, 4));
}

export function sipsnOf(req: FastifyRequest, tahun: number, sumber: SumberOperasi) {
  return cityTx(req, (trx) => sipsnTahun(trx, cityOf(req), userOf(req), tahun, sumber));
}

export function tonaseApiRoutes(app: FastifyInstance, sumber: SumberOperasi): void {
  app.get(
    `${BASE}/tahun`,
    {
      schema: {
        tags: TAGS,
        summary: "The city's yearly generation rates and Jakstrada targets, newest first",
        params: CityParams,
        response: { 200: Type.Array(TahunOut), ...errorResponses },
      },
      config: lihat,
    },
    (req) => cityTx(req, (trx) => daftarTahun(trx, cityOf(req))),
  );

  app.put(
    `${BASE}/tahun/:tahun`,
    {
      schema: {
        tags: TAGS,
        summary: "Set a year's generation rate (kg/person/day) and targets (% reduced, % handled)",
        params: Type.Object({ city: CitySlug, tahun: Tahun }, { additionalProperties: false }),
        body: TahunBody,
        response: { 200: TahunOut, ...errorResponses },
      },
      config: { access: { permission: TONASE_ATUR } },
    },
    (req) => {
      const { tahun } = req.params as { tahun: number };
      const body = req.body as Static<typeof TahunBody>;
      return cityTx(req, (trx) => aturTahun(trx, cityOf(req), userOf(req), tahun, body));
    },
  );

  const TahunParams = Type.Object({ city: CitySlug, tahun: Tahun }, { additionalProperties: false });
  app.get(
    `${BASE}/tahun/:tahun/penduduk`,
    {
      schema: {
        tags: TAGS,
        summary: "Population of every kecamatan in a year: the city's figures and the reference",
        params: TahunParams,
        response: { 200: PendudukOut, ...errorResponses },
      },
      config: { access: { permission: TONASE_ATUR } },
    },
    (req) => {
      const { tahun } = req.params as { tahun: number };
      return cityTx(req, (trx) => bacaPendudukKecamatan(trx, cityOf(req), userOf(req), tahun));
    },
  );

  app.put(
    `${BASE}/tahun/:tahun/penduduk`,
    {
      schema: {
        tags: TAGS,
        summary: 'Set the population of kecamatan in a year (those not listed keep theirs)',
        description:
          'Used to estimate each kecamatan’s timbulan (population × the year’s rate) instead of the reference data. penduduk null removes the year’s figure.',
        params: TahunParams,
        body: PendudukBody,
        response: { 200: PendudukOut, ...errorResponses },
      },
      config: { access: { permission: TONASE_ATUR } },
    },
    (req) => {
      const { tahun } = req.params as { tahun: number };
      const body = req.body as Static<typeof PendudukBody>;
      return cityTx(req, (trx) =>
        aturPendudukKecamatan(trx, cityOf(req), userOf(req), tahun, body.kecamatan),
      );
    },
  );

  app.get(
    `${BASE}/catatan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Manual tonnage entries of a range of days (at most 1000, newest first)',
        params: CityParams,
        querystring: RentangQuery,
        response: { 200: Type.Array(CatatanOut), ...errorResponses },
      },
      config: lihat,
    },
    (req) =>
      cityTx(req, (trx) =>
        daftarCatatan(trx, cityOf(req), userOf(req), req.query as Static<typeof RentangQuery>),
      ),
  );

  app.post(
    `${BASE}/catatan`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Record a manual tonnage entry for a day (a kecamatan, or the city when kecamatanKode is absent)',
        params: CityParams,
        body: CatatanBody,
        response: { 201: CatatanOut, ...errorResponses },
      },
      config: { access: { permission: TONASE_CATAT } },
    },
    async (req, reply) => {
      const body = req.body as Static<typeof CatatanBody>;
      const c = await cityTx(req, (trx) => catatTonase(trx, cityOf(req), userOf(req), body));
      return reply.status(201).send(c);
    },
  );

  app.delete(
    `${BASE}/catatan/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a manual tonnage entry',
        params: Type.Object(
          { city: CitySlug, id: Type.String({ maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { access: { permission: TONASE_CATAT } },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      await cityTx(req, (trx) => hapusCatatan(trx, cityOf(req), userOf(req), id));
      return reply.status(204).send();
    },
  );

  app.get(
    `${BASE}/agregasi`,
    {
      schema: {
        tags: TAGS,
        summary: 'Tonnage per day, month or year for the city (or one kecamatan) and per kecamatan',
        description:
          'timbulan measured or estimated (population × rate), pengurangan (bank sampah + entries), penanganan (trips to TPST/TPS3R/machines/TPA + entries), daur ulang, bahan baku; at most 5 years.',
        params: CityParams,
        querystring: AgregasiQuery,
        response: { 200: AgregasiOut, ...errorResponses },
      },
      config: lihat,
    },
    (req) => {
      const q = req.query as Static<typeof AgregasiQuery>;
      return cityTx(req, (trx) =>
        agregasiTonase(trx, cityOf(req), userOf(req), { ...q, periode: q.periode ?? 'bulan' }, sumber),
      );
    },
  );

  app.get(
    `${BASE}/sipsn/:tahun`,
    {
      schema: {
        tags: TAGS,
        summary: 'The SIPSN columns of a year (up to today for the current year), city and per kecamatan',
        params: Type.Object({ city: CitySlug, tahun: Tahun }, { additionalProperties: false }),
        response: { 200: SipsnTahunOut, ...errorResponses },
      },
      config: lihat,
    },
    (req) => sipsnOf(req, (req.params as { tahun: number }).tahun, sumber),
  );

  function download(
    ext: 'xlsx' | 'csv',
    type: string,
    file: (req: FastifyRequest, tahun: number) => Promise<Buffer | string>,
  ) {
    app.get(
      `/:city/sampah/tonase/sipsn.${ext}`,
      { schema: { params: CityParams, querystring: SipsnQuery }, config: lihat },
      async (req, reply) => {
        const tahun = (req.query as Static<typeof SipsnQuery>).tahun ?? tahunIni();
        const body = await file(req, tahun);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="sipsn-${cityOf(req).slug}-${tahun}.${ext}"`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  }
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', async (req, tahun) =>
    sipsnXlsx(await sipsnOf(req, tahun, sumber), req.t),
  );
  download('csv', 'text/csv; charset=utf-8', async (req, tahun) =>
    sipsnCsv(await sipsnOf(req, tahun, sumber), req.t, req.locale),
  );
}

export function tonaseRoutes(app: FastifyInstance, _ctx: ModuleContext): void {
  tonaseApiRoutes(app, sumberOperasi);
  tonasePages(app, sumberOperasi);
  tonaseTahunPages(app);
}

/**
 * City dashboard tiles for a user who sees the whole city's tonnage: waste managed this year
 * against the targets, and today's trips to each TPA against its quota.
 */
export async function sampahTiles(
  trx: Tx,
  city: City,
  user: CurrentUser,
  t: Translator,
): Promise<DashboardTile[]> {
  if (!lihatKota(user, city)) return [];
  const tahun = tahunIni();
  const href = `/${city.slug}/sampah/tonase`;
  const s = await hitungSipsnTahun(trx, city, tahun, sumberOperasi);
  const target = s.target ? s.target.pengurangan + s.target.penanganan : null;
  const persen = s.sipsn.persenTerkelola;
  const tiles: DashboardTile[] = [
    {
      label: t('sampah.tonase.tile.terkelola', { tahun: String(tahun) }),
      value:
        (persen === null ? '—' : t('sampah.tonase.persen', { n: formatNumber(persen) })) +
        (target === null ? '' : ` (${t('sampah.tonase.target', { target: formatNumber(target) })})`),
      href,
    },
  ];
  for (const k of await sumberOperasi.kuotaTpa(trx)) {
    tiles.push({
      label: t('sampah.tonase.tile.kuota', { tpa: k.nama }),
      value: t('sampah.tonase.kuota.nilai', {
        terpakai: formatNumber(k.terpakai),
        kuota: formatNumber(k.kuota),
        persen: formatNumber(k.persen),
      }),
      href,
    });
  }
  return tiles;
}
