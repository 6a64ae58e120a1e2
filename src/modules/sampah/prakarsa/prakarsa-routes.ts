/**
 * JSON API of the Prakarsa RW funds, under /api/v1/cities/:city/sampah/prakarsa: yearly settings,
 * allocations (one RW, or every RW of the city by the rule), disbursements, spending reports,
 * their reversals, and the read models (per RW, per kecamatan and city). Routes validate and
 * call prakarsa-service.ts, which authorises (404 outside the caller's areas, 403 without the right).
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext, NavItem } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, Paging, Uuid, errorResponses } from '../../../platform/http/schemas.ts';
import {
  MAX_RUPIAH,
  createAlokasi,
  createAlokasiSemua,
  savePengaturan,
  cancelBelanja,
  cancelPencairan,
  createPencairan,
  listPengaturan,
  listRwPrakarsa,
  getAlokasi,
  createBelanja,
  getRekapTahun,
  getRwPrakarsa,
} from './prakarsa-service.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { KATEGORI_BELANJA } from './prakarsa-tables.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';
import { prakarsaPages } from './prakarsa-pages.ts';

export const prakarsaNav: NavItem[] = [
  { path: '/sampah/prakarsa', label: 'sampah.prakarsa.nav', access: PRAKARSA_LIHAT },
];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/prakarsa';
const lihat = { access: { permission: PRAKARSA_LIHAT } } as const;
const kelola = { access: { permission: PRAKARSA_KELOLA } } as const;
const lapor = { access: { permission: PRAKARSA_LAPOR } } as const;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
const Rupiah = Type.Integer({ minimum: 1, maximum: MAX_RUPIAH, description: 'Whole rupiah' });
const Tanggal = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'Date YYYY-MM-DD (WIB), not in the future',
});
const Alasan = Type.String({ minLength: 5, maxLength: 500 });
const Kategori = Type.Union(KATEGORI_BELANJA.map((k) => Type.Literal(k)));

const PengaturanBody = Type.Object(
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
const PengaturanOut = Type.Object({
  tahun: Type.Integer(),
  nominalKbs: Type.Integer(),
  nominalLain: Type.Integer(),
  kbsMinUrutan: Nullable(Type.Integer()),
});
const AlokasiBody = Type.Object(
  {
    rwId: Uuid,
    tahun: Tahun,
    jumlah: Type.Optional(Rupiah),
    alasan: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
const SemuaBody = Type.Object({ tahun: Tahun }, { additionalProperties: false });
const SemuaOut = Type.Object({
  tahun: Type.Integer(),
  dibuat: Type.Integer(),
  sudahAda: Type.Integer(),
  tanpaNominal: Type.Integer(),
  jumlah: Type.Integer(),
});
const PencairanBody = Type.Object(
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
const BelanjaBody = Type.Object(
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
const BatalBody = Type.Object({ alasan: Alasan }, { additionalProperties: false });

const PencairanOut = Type.Object({
  id: Type.String(),
  tahap: Type.Integer(),
  tanggal: Type.String(),
  jumlah: Type.Integer({ description: 'Negative for a reversal' }),
  catatan: Nullable(Type.String()),
  membatalkanId: Nullable(Type.String()),
  dibatalkan: Type.Boolean(),
  createdAt: Type.String(),
});
const BelanjaOut = Type.Object({
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
const AlokasiOut = Type.Object({
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
const RwOut = Type.Object({
  id: Type.String(),
  kode: Type.String(),
  nomor: Type.Integer(),
  kelurahanKode: Type.String(),
  kelurahanNama: Type.String(),
  kecamatanNama: Type.String(),
  jumlahKk: Nullable(Type.Integer()),
});
const StatusOut = Nullable(
  Type.Object({
    tingkatId: Nullable(Type.String()),
    nama: Nullable(Type.String()),
    urutan: Nullable(Type.Integer()),
  }),
);
const RwPrakarsaOut = Type.Object({
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
const RwListOut = Type.Object({
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
const Angka = {
  jumlahRw: Type.Integer(),
  rwTeralokasi: Type.Integer(),
  rwKbs: Type.Integer(),
  dialokasikan: Type.Integer(),
  dicairkan: Type.Integer(),
  dibelanjakan: Type.Integer(),
};
const RekapOut = Type.Object({
  tahun: Type.Integer(),
  pengaturan: Nullable(PengaturanOut),
  kecamatan: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String(), ...Angka })),
  total: Type.Object(Angka),
});

const TahunParams = Type.Object(
  { city: CityParams.properties.city, tahun: Tahun },
  { additionalProperties: false },
);
const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const RwParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid },
  { additionalProperties: false },
);
const RekapQuery = Type.Object({ tahun: Type.Optional(Tahun) }, { additionalProperties: false });
const RwListQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    kecamatan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' })),
    ...Paging,
  },
  { additionalProperties: false },
);

const tahunIni = () => Number(todayWib().slice(0, 4));

export function prakarsaRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  prakarsaPages(app, ctx);

  app.get(
    `${BASE}/tahun`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Prakarsa RW settings of every year (nominal for a KBS RW and otherwise, KBS level), newest first',
        params: CityParams,
        response: { 200: Type.Array(PengaturanOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => cityTx(req, (trx) => listPengaturan(trx)),
  );
  app.put(
    `${BASE}/tahun/:tahun`,
    {
      schema: {
        tags: TAGS,
        summary: "Set a year's nominal amounts and which KBS level counts (existing allocations keep theirs)",
        params: TahunParams,
        body: PengaturanBody,
        response: { 200: PengaturanOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req) => {
      const { tahun } = req.params as Static<typeof TahunParams>;
      const b = req.body as Static<typeof PengaturanBody>;
      return cityTx(req, (trx) => savePengaturan(trx, userOf(req), tahun, b));
    },
  );
  app.get(
    `${BASE}/rekap`,
    {
      schema: {
        tags: TAGS,
        summary: "A year's totals per kecamatan and over the caller's areas (default: this year)",
        params: CityParams,
        querystring: RekapQuery,
        response: { 200: RekapOut, ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof RekapQuery>;
      return cityTx(req, (trx) => getRekapTahun(trx, userOf(req), q.tahun ?? tahunIni()));
    },
  );
  app.get(
    `${BASE}/rw`,
    {
      schema: {
        tags: TAGS,
        summary: "The RWs the caller sees, with the year's allocation, disbursed and spent (paginated)",
        params: CityParams,
        querystring: RwListQuery,
        response: { 200: RwListOut, ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof RwListQuery>;
      return cityTx(req, (trx) =>
        listRwPrakarsa(trx, userOf(req), {
          tahun: q.tahun ?? tahunIni(),
          kecamatan: q.kecamatan,
          page: q.page ?? 1,
          perPage: q.perPage ?? 50,
        }),
      );
    },
  );
  app.get(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: "An RW's allocations by year with their disbursements and spending, and totals",
        params: RwParams,
        response: { 200: RwPrakarsaOut, ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const { rwId } = req.params as Static<typeof RwParams>;
      return cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
    },
  );
  app.post(
    `${BASE}/alokasi`,
    {
      schema: {
        tags: TAGS,
        summary: 'Allocate to one RW for a year',
        description:
          'Without jumlah the rule decides: the nominal for a KBS RW when its current level counts as KBS, else the other nominal. A different amount needs alasan. 409 when the RW already has an allocation that year.',
        params: CityParams,
        body: AlokasiBody,
        response: { 201: AlokasiOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const b = req.body as Static<typeof AlokasiBody>;
      const out = await cityTx(req, (trx) => createAlokasi(trx, userOf(req), b));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/sampah/prakarsa/alokasi/${out.id}`)
        .send(out);
    },
  );
  app.post(
    `${BASE}/alokasi-semua`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Allocate by the rule to every RW of the city without an allocation for the year (one operation)',
        params: CityParams,
        body: SemuaBody,
        response: { 200: SemuaOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req) => {
      const b = req.body as Static<typeof SemuaBody>;
      return cityTx(req, (trx) => createAlokasiSemua(trx, userOf(req), b.tahun));
    },
  );
  app.get(
    `${BASE}/alokasi/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'One allocation with its disbursements and spending',
        params: IdParams,
        response: { 200: AlokasiOut, ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParams>;
      return cityTx(req, (trx) => getAlokasi(trx, userOf(req), id));
    },
  );
  app.post(
    `${BASE}/alokasi/:id/pencairan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Record a disbursement (never above what is left of the allocation)',
        description:
          'Without tahap: the next stage. 400 with /body/jumlah when above the remaining allocation.',
        params: IdParams,
        body: PencairanBody,
        response: { 201: AlokasiOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof PencairanBody>;
      const out = await cityTx(req, (trx) => createPencairan(trx, userOf(req), id, b));
      return reply.status(201).send(out);
    },
  );
  app.post(
    `${BASE}/alokasi/:id/belanja`,
    {
      schema: {
        tags: TAGS,
        summary: 'Report what the fund bought (never above what was disbursed and not yet reported)',
        params: IdParams,
        body: BelanjaBody,
        response: { 201: AlokasiOut, ...errorResponses },
      },
      config: lapor,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof BelanjaBody>;
      const out = await cityTx(req, (trx) => createBelanja(trx, userOf(req), id, b));
      return reply.status(201).send(out);
    },
  );
  app.post(
    `${BASE}/pencairan/:id/pembatalan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Reverse a disbursement in full, with the reason (409 when its money is reported as spent)',
        params: IdParams,
        body: BatalBody,
        response: { 201: AlokasiOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof BatalBody>;
      const out = await cityTx(req, (trx) => cancelPencairan(trx, userOf(req), id, b.alasan));
      return reply.status(201).send(out);
    },
  );
  app.post(
    `${BASE}/belanja/:id/pembatalan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Reverse a spending report in full, with the reason',
        params: IdParams,
        body: BatalBody,
        response: { 201: AlokasiOut, ...errorResponses },
      },
      config: lapor,
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const b = req.body as Static<typeof BatalBody>;
      const out = await cityTx(req, (trx) => cancelBelanja(trx, userOf(req), id, b.alasan));
      return reply.status(201).send(out);
    },
  );
}
