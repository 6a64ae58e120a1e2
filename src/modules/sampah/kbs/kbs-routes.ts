/**
 * JSON API of the KBS programme, under /api/v1/cities/:city/sampah/kbs: indicators and status
 * levels, RW profiles and status history, assessments and their verification. Routes validate
 * and call the services (indikator-, rw-, penilaian-, bukti-service.ts), which authorise (404 outside the caller's areas, 403 without the right).
 */
import { Type } from 'typebox';
import type { BalaiApp, NavItem } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../../platform/http/schemas.ts';
import { apiRoutes } from '../../../platform/http/api-route.ts';
import {
  submitPenilaian,
  createPenilaian,
  getPenilaian,
  returnPenilaian,
  listPenilaian,
  approvePenilaian,
  saveNilai,
} from './penilaian-service.ts';
import { getBukti, deleteBukti, uploadBukti } from './bukti-service.ts';
import {
  createIndikator,
  listIndikator,
  listTingkat,
  saveTingkat,
  updateIndikator,
} from './indikator-service.ts';
import { getRwKbs, saveProfil } from './rw-service.ts';
import { KBS_ATUR, KBS_LIHAT } from './permissions-kbs.ts';
import { sebaranKbs } from './kbs-sebaran.ts';

export const kbsNav: NavItem[] = [{ path: '/sampah/kbs', label: 'sampah.kbs.nav', access: KBS_LIHAT }];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/kbs';
const user = { access: 'user' } as const;
const lihat = { access: { permission: KBS_LIHAT } } as const;
const atur = { access: { permission: KBS_ATUR } } as const;
import {
  IndikatorBody,
  IndikatorPatch,
  IndikatorOut,
  TingkatBody,
  TingkatOut,
  PenilaianBody,
  NilaiBody,
  KembalikanBody,
  SetujuiBody,
  ProfilBody,
  IdParams,
  RwParams,
  ListQuery,
  Any,
  BuktiParams,
  BuktiUpload,
  SebaranOut,
} from './kbs-schemas.ts';

export function kbsRoutes(app: BalaiApp): void {
  indikatorRoutes(app);
  rwRoutes(app);
  penilaianRoutes(app);
  buktiRoutes(app);
  sebaranRoutes(app);
}

function indikatorRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/indikator',
    {
      summary: "The city's KBS indicators (all, with inactive ones)",
      params: CityParams,
      out: Type.Array(IndikatorOut),
      access: lihat.access,
    },
    (req) => cityTx(req, (trx) => listIndikator(trx, { semua: true })),
  );
  api.post(
    '/indikator',
    {
      summary: 'Add an indicator',
      params: CityParams,
      body: IndikatorBody,
      out: IndikatorOut,
      status: 201,
      access: atur.access,
    },
    (req) => cityTx(req, (trx) => createIndikator(trx, userOf(req), req.body)),
  );
  api.patch(
    '/indikator/:id',
    {
      summary: 'Change an indicator (only the fields sent)',
      params: IdParams,
      body: IndikatorPatch,
      out: IndikatorOut,
      access: atur.access,
    },
    (req) => cityTx(req, (trx) => updateIndikator(trx, userOf(req), req.params.id, req.body)),
  );
  api.get(
    '/tingkat',
    {
      summary: 'Status levels, lowest first',
      params: CityParams,
      out: Type.Array(TingkatOut),
      access: lihat.access,
    },
    (req) => cityTx(req, (trx) => listTingkat(trx)),
  );
  api.put(
    '/tingkat',
    {
      summary: 'Add a level, or change the level with this urutan',
      params: CityParams,
      body: TingkatBody,
      out: TingkatOut,
      access: atur.access,
    },
    (req) => cityTx(req, (trx) => saveTingkat(trx, userOf(req), req.body)),
  );
}

function rwRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: "An RW's KBS profile, status, status history, kg recovered per month and assessments",
        params: RwParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { rwId } = req.params;
      return cityTx(req, (trx) => getRwKbs(trx, userOf(req), rwId));
    },
  );
  app.patch(
    `${BASE}/rw/:rwId/profil`,
    {
      schema: {
        tags: TAGS,
        summary: "Change an RW's KBS profile (only the fields sent)",
        params: RwParams,
        body: ProfilBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { rwId } = req.params;
      const b = req.body;
      return cityTx(req, (trx) => saveProfil(trx, userOf(req), rwId, b));
    },
  );
}

function penilaianRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/penilaian`,
    {
      schema: {
        tags: TAGS,
        summary: 'Assessments the caller sees; status=diajukan is the verification queue',
        params: CityParams,
        querystring: ListQuery,
        response: { 200: Type.Array(Any), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listPenilaian(trx, userOf(req), q));
    },
  );
  app.post(
    `${BASE}/penilaian`,
    {
      schema: {
        tags: TAGS,
        summary: 'Open a draft assessment of an RW for a month, with manual values',
        params: CityParams,
        body: PenilaianBody,
        response: { 201: Any, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const b = req.body;
      const out = await cityTx(req, (trx) => createPenilaian(trx, userOf(req), b));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/sampah/kbs/penilaian/${out.id}`)
        .send(out);
    },
  );
  app.get(
    `${BASE}/penilaian/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'One assessment with its values, score, level and steps',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params;
      return cityTx(req, (trx) => getPenilaian(trx, userOf(req), id));
    },
  );
  app.put(
    `${BASE}/penilaian/:id/nilai`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change manual values of a draft or returned assessment',
        params: IdParams,
        body: NilaiBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params;
      const b = req.body;
      return cityTx(req, (trx) => saveNilai(trx, userOf(req), id, b));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/ajukan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Submit for verification (every manual value, and required evidence, present)',
        params: IdParams,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params;
      return cityTx(req, (trx) => submitPenilaian(trx, userOf(req), id));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/kembalikan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Return a submitted assessment with notes',
        params: IdParams,
        body: KembalikanBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params;
      const b = req.body;
      return cityTx(req, (trx) => returnPenilaian(trx, userOf(req), id, b.catatan));
    },
  );
  app.post(
    `${BASE}/penilaian/:id/setujui`,
    {
      schema: {
        tags: TAGS,
        summary: "Approve: the score and level become the RW's status",
        params: IdParams,
        body: SetujuiBody,
        response: { 200: Any, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { id } = req.params;
      const b = req.body;
      return cityTx(req, (trx) => approvePenilaian(trx, userOf(req), id, b.catatan));
    },
  );
}

function buktiRoutes(app: BalaiApp): void {
  app.post(
    `${BASE}/penilaian/:id/bukti`,
    {
      schema: {
        tags: TAGS,
        summary: 'Upload an evidence photo for a manual indicator (multipart: indikatorKode, foto)',
        description:
          'JPEG, PNG or WebP, at most 2 MB, at most 5 per indicator. The type is read from the file itself.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        body: BuktiUpload,
        response: { 201: Any, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { id } = req.params;
      const b = req.body;
      const out = await cityTx(req, (trx) =>
        uploadBukti(trx, userOf(req), id, {
          indikatorKode: b.indikatorKode,
          foto: b.foto,
          namaFile: req.uploads?.foto?.filename,
        }),
      );
      return reply.status(201).send(out);
    },
  );
  app.get(
    `${BASE}/penilaian/:id/bukti/:buktiId`,
    {
      schema: { tags: TAGS, summary: 'The bytes of an evidence photo', params: BuktiParams },
      config: user,
    },
    async (req, reply) => {
      const { id, buktiId } = req.params;
      const foto = await cityTx(req, (trx) => getBukti(trx, userOf(req), id, buktiId));
      return reply
        .type(foto.tipe)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'private, max-age=3600')
        .send(foto.isi);
    },
  );
  app.delete(
    `${BASE}/penilaian/:id/bukti/:buktiId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Remove an evidence photo of a draft or returned assessment',
        params: BuktiParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { id, buktiId } = req.params;
      await cityTx(req, (trx) => deleteBukti(trx, userOf(req), id, buktiId));
      return reply.status(204).send(null);
    },
  );
}

function sebaranRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/sebaran`,
    {
      schema: {
        tags: TAGS,
        summary: 'Spread of KBS: per kelurahan the share of RWs with a KBS status, and the kecamatan ranking',
        description: 'Public: counts only. Ranked by the share of KBS RWs, then kg recovered per household.',
        params: CityParams,
        response: { 200: SebaranOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const out = await cityTx(req, (trx) => sebaranKbs(trx, cityOf(req)));
      return reply.header('cache-control', 'no-cache').send(out);
    },
  );
}
