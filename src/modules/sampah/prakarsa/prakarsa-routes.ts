/**
 * JSON API of the Prakarsa RW funds, under /api/v1/cities/:city/sampah/prakarsa: yearly settings,
 * allocations (one RW, or every RW of the city by the rule), disbursements, spending reports,
 * their reversals, and the read models (per RW, per kecamatan and city). Routes validate and
 * call the services (alokasi-, pencairan-, belanja-, pengaturan-, rekap-service.ts), which authorises (404 outside the caller's areas, 403 without the right).
 */
import { Type } from 'typebox';
import type { BalaiApp, NavItem } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../../platform/http/schemas.ts';
import { createAlokasi, createAlokasiSemua, getAlokasi } from './alokasi-service.ts';
import { savePengaturan, listPengaturan } from './pengaturan-service.ts';
import { cancelBelanja, createBelanja } from './belanja-service.ts';
import { cancelPencairan, createPencairan } from './pencairan-service.ts';
import { listRwPrakarsa, getRekapTahun, getRwPrakarsa } from './rekap-service.ts';
import { thisYearWib } from '../../../platform/waktu.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';

export const prakarsaNav: NavItem[] = [
  { path: '/sampah/prakarsa', label: 'sampah.prakarsa.nav', access: PRAKARSA_LIHAT },
];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/prakarsa';
const lihat = { access: { permission: PRAKARSA_LIHAT } } as const;
const kelola = { access: { permission: PRAKARSA_KELOLA } } as const;
const lapor = { access: { permission: PRAKARSA_LAPOR } } as const;
import {
  PengaturanBody,
  PengaturanOut,
  AlokasiBody,
  SemuaBody,
  SemuaOut,
  PencairanBody,
  BelanjaBody,
  BatalBody,
  AlokasiOut,
  RwPrakarsaOut,
  RwListOut,
  RekapOut,
  TahunParams,
  IdParams,
  RwParams,
  RekapQuery,
  RwListQuery,
} from './prakarsa-schemas.ts';

export function prakarsaRoutes(app: BalaiApp): void {
  pengaturanRoutes(app);
  rwRoutes(app);
  alokasiRoutes(app);
  entriRoutes(app);
}

function pengaturanRoutes(app: BalaiApp): void {
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
      const { tahun } = req.params;
      const b = req.body;
      return cityTx(req, (trx) => savePengaturan(trx, userOf(req), tahun, b));
    },
  );
}

function rwRoutes(app: BalaiApp): void {
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
      const q = req.query;
      return cityTx(req, (trx) => getRekapTahun(trx, userOf(req), q.tahun ?? thisYearWib()));
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
      const q = req.query;
      return cityTx(req, (trx) =>
        listRwPrakarsa(trx, userOf(req), {
          tahun: q.tahun ?? thisYearWib(),
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
      const { rwId } = req.params;
      return cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
    },
  );
}

function alokasiRoutes(app: BalaiApp): void {
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
      const b = req.body;
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
      const b = req.body;
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
      const { id } = req.params;
      return cityTx(req, (trx) => getAlokasi(trx, userOf(req), id));
    },
  );
}

function entriRoutes(app: BalaiApp): void {
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
      const { id } = req.params;
      const b = req.body;
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
      const { id } = req.params;
      const b = req.body;
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
      const { id } = req.params;
      const b = req.body;
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
      const { id } = req.params;
      const b = req.body;
      const out = await cityTx(req, (trx) => cancelBelanja(trx, userOf(req), id, b.alasan));
      return reply.status(201).send(out);
    },
  );
}
