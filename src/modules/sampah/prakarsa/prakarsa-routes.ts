/**
 * JSON API of the Prakarsa RW funds, under /api/v1/cities/:city/sampah/prakarsa: yearly settings,
 * allocations (one RW, or every RW of the city by the rule), disbursements, spending reports,
 * their reversals, and the read models (per RW, per kecamatan and city). Routes validate and
 * call the services (alokasi-, pencairan-, belanja-, pengaturan-, rekap-service.ts), which authorises (404 outside the caller's areas, 403 without the right).
 */
import { Type } from 'typebox';
import type { BalaiApp, NavItem } from '../../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../../platform/http/api-route.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
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
const lihat: Access = { permission: PRAKARSA_LIHAT };
const kelola: Access = { permission: PRAKARSA_KELOLA };
const lapor: Access = { permission: PRAKARSA_LAPOR };
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
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/tahun',
    {
      summary:
        'Prakarsa RW settings of every year (nominal for a KBS RW and otherwise, KBS level), newest first',
      params: CityParams,
      out: Type.Array(PengaturanOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listPengaturan(trx)),
  );
  api.put(
    '/tahun/:tahun',
    {
      summary: "Set a year's nominal amounts and which KBS level counts (existing allocations keep theirs)",
      params: TahunParams,
      body: PengaturanBody,
      out: PengaturanOut,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => savePengaturan(trx, userOf(req), req.params.tahun, req.body)),
  );
}

function rwRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/rekap',
    {
      summary: "A year's totals per kecamatan and over the caller's areas (default: this year)",
      params: CityParams,
      query: RekapQuery,
      out: RekapOut,
      access: lihat,
    },
    (req) => cityTx(req, (trx) => getRekapTahun(trx, userOf(req), req.query.tahun ?? thisYearWib())),
  );
  api.get(
    '/rw',
    {
      summary: "The RWs the caller sees, with the year's allocation, disbursed and spent (paginated)",
      params: CityParams,
      query: RwListQuery,
      out: RwListOut,
      access: lihat,
    },
    (req) =>
      cityTx(req, (trx) =>
        listRwPrakarsa(trx, userOf(req), {
          tahun: req.query.tahun ?? thisYearWib(),
          kecamatan: req.query.kecamatan,
          ...pageOf(req.query),
        }),
      ),
  );
  api.get(
    '/rw/:rwId',
    {
      summary: "An RW's allocations by year with their disbursements and spending, and totals",
      params: RwParams,
      out: RwPrakarsaOut,
      access: lihat,
    },
    (req) => cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), req.params.rwId)),
  );
}

function alokasiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.post(
    '/alokasi',
    {
      summary: 'Allocate to one RW for a year',
      description:
        'Without jumlah the rule decides: the nominal for a KBS RW when its current level counts as KBS, else the other nominal. A different amount needs alasan. 409 when the RW already has an allocation that year.',
      params: CityParams,
      body: AlokasiBody,
      out: AlokasiOut,
      status: 201,
      location: (out) => `/alokasi/${out.id}`,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createAlokasi(trx, userOf(req), req.body)),
  );
  api.post(
    '/alokasi-semua',
    {
      summary:
        'Allocate by the rule to every RW of the city without an allocation for the year (one operation)',
      params: CityParams,
      body: SemuaBody,
      out: SemuaOut,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createAlokasiSemua(trx, userOf(req), req.body.tahun)),
  );
  api.get(
    '/alokasi/:id',
    {
      summary: 'One allocation with its disbursements and spending',
      params: IdParams,
      out: AlokasiOut,
      access: lihat,
    },
    (req) => cityTx(req, (trx) => getAlokasi(trx, userOf(req), req.params.id)),
  );
}

function entriRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  /** A disbursement, a spending report or a reversal answers the allocation after it. */
  const entri = { params: IdParams, out: AlokasiOut, status: 201 } as const;
  api.post(
    '/alokasi/:id/pencairan',
    {
      summary: 'Record a disbursement (never above what is left of the allocation)',
      description:
        'Without tahap: the next stage. 400 with /body/jumlah when above the remaining allocation.',
      body: PencairanBody,
      ...entri,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createPencairan(trx, userOf(req), req.params.id, req.body)),
  );
  api.post(
    '/alokasi/:id/belanja',
    {
      summary: 'Report what the fund bought (never above what was disbursed and not yet reported)',
      body: BelanjaBody,
      ...entri,
      access: lapor,
    },
    (req) => cityTx(req, (trx) => createBelanja(trx, userOf(req), req.params.id, req.body)),
  );
  api.post(
    '/pencairan/:id/pembatalan',
    {
      summary: 'Reverse a disbursement in full, with the reason (409 when its money is reported as spent)',
      body: BatalBody,
      ...entri,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => cancelPencairan(trx, userOf(req), req.params.id, req.body.alasan)),
  );
  api.post(
    '/belanja/:id/pembatalan',
    {
      summary: 'Reverse a spending report in full, with the reason',
      body: BatalBody,
      ...entri,
      access: lapor,
    },
    (req) => cityTx(req, (trx) => cancelBelanja(trx, userOf(req), req.params.id, req.body.alasan)),
  );
}
