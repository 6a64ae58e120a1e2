/**
 * JSON API of the wilayah module, under /api/v1/cities/:city. Routes validate,
 * authorise and call the service; the service owns the rules.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import {
  CityKodeParams,
  ImportForm,
  ImportOut,
  ImportParams,
  KecamatanOut,
  KelurahanOut,
  KelurahanQuery,
  RegionDetailOut,
  RtCreateBody,
  RtOut,
  RtParams,
  RtPatchBody,
  RwCreateBody,
  RwDetailOut,
  RwOut,
  RwParams,
  RwPatchBody,
  RwQuery,
} from './schemas.ts';
import {
  IMPOR,
  KELOLA,
  LIHAT,
  boundaries,
  createRt,
  createRw,
  deleteRt,
  deleteRw,
  getRw,
  listKelurahan,
  listRt,
  listRw,
  regionDetail,
  regionOverview,
  updateRt,
  updateRw,
} from './service.ts';
import { createImport, getImport, listImports } from './impor-service.ts';

const TAGS = ['wilayah'];
const BASE = '/api/v1/cities/:city';

/** Region boundaries change only with the reference data: cacheable, revalidated by ETag. */
function sendGeoJson(req: FastifyRequest, reply: FastifyReply, body: string): FastifyReply {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'public, max-age=3600, stale-while-revalidate=86400').header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.type('application/geo+json; charset=utf-8').send(body);
}

const GeoJsonOut = Type.Object(
  { type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) },
  { description: 'GeoJSON FeatureCollection of MultiPolygons [lng, lat], properties kode and nama' },
);

function regionRoutes(app: BalaiApp): void {
  // ---- Regions (public) ----

  app.get(
    `${BASE}/wilayah/kecamatan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Kecamatan of the city, with their number of kelurahan (and RWs the caller may see)',
        params: CityParams,
        response: { 200: Type.Object({ items: Type.Array(KecamatanOut) }), ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req) => {
      const o = await cityTx(req, (trx) => regionOverview(trx, cityOf(req), req.user));
      return { items: o.kecamatan };
    },
  );

  app.get(
    `${BASE}/wilayah/kelurahan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Kelurahan of the city, or of one kecamatan',
        params: CityParams,
        querystring: KelurahanQuery,
        response: { 200: Type.Object({ items: Type.Array(KelurahanOut) }), ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req) => {
      const q = req.query;
      return { items: await cityTx(req, (trx) => listKelurahan(trx, cityOf(req), req.user, q.kecamatan)) };
    },
  );

  app.get(
    `${BASE}/wilayah/kecamatan.geojson`,
    {
      schema: {
        tags: TAGS,
        summary: 'Boundaries of the kecamatan (GeoJSON, application/geo+json)',
        params: CityParams,
        response: { 200: GeoJsonOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req, reply) =>
      sendGeoJson(req, reply, await cityTx(req, (trx) => boundaries(trx, cityOf(req), 'kecamatan'))),
  );

  app.get(
    `${BASE}/wilayah/kelurahan.geojson`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Boundaries of the kelurahan, of the city or of one kecamatan (GeoJSON, application/geo+json)',
        params: CityParams,
        querystring: KelurahanQuery,
        response: { 200: GeoJsonOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const q = req.query;
      return sendGeoJson(
        req,
        reply,
        await cityTx(req, (trx) => boundaries(trx, cityOf(req), 'kelurahan', q.kecamatan)),
      );
    },
  );

  app.get(
    `${BASE}/wilayah/:kode`,
    {
      schema: {
        tags: TAGS,
        summary: 'One kecamatan (with its kelurahan) or kelurahan of the city',
        params: CityKodeParams,
        response: { 200: RegionDetailOut, ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req) => {
      const { kode } = req.params;
      const d = await cityTx(req, (trx) => regionDetail(trx, cityOf(req), req.user, kode));
      return {
        ...d.region,
        parent: d.parent ? { kode: d.parent.kode, nama: d.parent.nama, tingkat: d.parent.tingkat } : null,
        jumlahRw: d.jumlahRw,
        ...(d.kelurahan ? { kelurahan: d.kelurahan } : {}),
      };
    },
  );
}

function rwRoutes(app: BalaiApp): void {
  // ---- RW and RT ----

  app.get(
    `${BASE}/rw`,
    {
      schema: {
        tags: TAGS,
        summary:
          "RWs in the caller's areas (filter by kecamatan, kelurahan, ketua name or number; paginated)",
        params: CityParams,
        querystring: RwQuery,
        response: {
          200: Type.Object({
            items: Type.Array(RwOut),
            total: Type.Integer(),
            page: Type.Integer(),
            perPage: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
      config: { access: { permission: LIHAT } },
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) =>
        listRw(trx, userOf(req), {
          kecamatan: q.kecamatan || undefined,
          kelurahan: q.kelurahan || undefined,
          q: q.q,
          page: q.page ?? 1,
          perPage: q.perPage ?? 50,
        }),
      );
    },
  );

  app.post(
    `${BASE}/rw`,
    {
      schema: {
        tags: TAGS,
        summary: "Create an RW in a kelurahan of the caller's area",
        params: CityParams,
        body: RwCreateBody,
        response: { 201: RwOut, ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req, reply) => {
      const body = req.body;
      const rw = await cityTx(req, (trx) => createRw(trx, cityOf(req), userOf(req), body));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/rw/${rw.id}`)
        .send(rw);
    },
  );

  app.get(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: 'One RW with its RTs',
        params: RwParams,
        response: { 200: RwDetailOut, ...errorResponses },
      },
      config: { access: { permission: LIHAT } },
    },
    async (req) => {
      const { rwId } = req.params;
      return cityTx(req, (trx) => getRw(trx, userOf(req), rwId));
    },
  );

  app.patch(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change an RW (only the fields sent)',
        params: RwParams,
        body: RwPatchBody,
        response: { 200: RwOut, ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req) => {
      const { rwId } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateRw(trx, cityOf(req), userOf(req), rwId, body));
    },
  );

  app.delete(
    `${BASE}/rw/:rwId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete an RW and its RTs',
        params: RwParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req, reply) => {
      const { rwId } = req.params;
      await cityTx(req, (trx) => deleteRw(trx, userOf(req), rwId));
      return reply.status(204).send(null);
    },
  );
}

function rtRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/rw/:rwId/rt`,
    {
      schema: {
        tags: TAGS,
        summary: 'RTs of an RW',
        params: RwParams,
        response: { 200: Type.Object({ items: Type.Array(RtOut) }), ...errorResponses },
      },
      config: { access: { permission: LIHAT } },
    },
    async (req) => {
      const { rwId } = req.params;
      return { items: await cityTx(req, (trx) => listRt(trx, userOf(req), rwId)) };
    },
  );

  app.post(
    `${BASE}/rw/:rwId/rt`,
    {
      schema: {
        tags: TAGS,
        summary: 'Add an RT to an RW',
        params: RwParams,
        body: RtCreateBody,
        response: { 201: RtOut, ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req, reply) => {
      const { rwId } = req.params;
      const body = req.body;
      const rt = await cityTx(req, (trx) => createRt(trx, cityOf(req), userOf(req), rwId, body));
      return reply.status(201).send(rt);
    },
  );

  app.patch(
    `${BASE}/rt/:rtId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change an RT (only the fields sent)',
        params: RtParams,
        body: RtPatchBody,
        response: { 200: RtOut, ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req) => {
      const { rtId } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateRt(trx, userOf(req), rtId, body));
    },
  );

  app.delete(
    `${BASE}/rt/:rtId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete an RT',
        params: RtParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req, reply) => {
      const { rtId } = req.params;
      await cityTx(req, (trx) => deleteRt(trx, userOf(req), rtId));
      return reply.status(204).send(null);
    },
  );
}

function importRoutes(app: BalaiApp, ctx: ModuleContext): void {
  // ---- Import ----

  app.post(
    `${BASE}/wilayah/impor`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Upload an RW/RT list (CSV or XLSX, multipart field "berkas", at most 5 MB); imported by a background job',
        consumes: ['multipart/form-data'],
        params: CityParams,
        body: ImportForm,
        response: { 202: ImportOut, ...errorResponses, 413: errorResponses[400] },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req, reply) => {
      const body = req.body;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        const id = await createImport(trx, ctx.jobs, cityOf(req), user, {
          content: body.berkas,
          fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImport(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/wilayah/impor/${view.id}`)
        .send(view);
    },
  );

  app.get(
    `${BASE}/wilayah/impor`,
    {
      schema: {
        tags: TAGS,
        summary: 'Recent imports (own; all of the city for a city-wide importer)',
        params: CityParams,
        response: { 200: Type.Object({ items: Type.Array(ImportOut) }), ...errorResponses },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req) => ({ items: await cityTx(req, (trx) => listImports(trx, userOf(req), req.t)) }),
  );

  app.get(
    `${BASE}/wilayah/impor/:importId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Status, progress and row errors of an import',
        params: ImportParams,
        response: { 200: ImportOut, ...errorResponses },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req) => {
      const { importId } = req.params;
      return cityTx(req, (trx) => getImport(trx, userOf(req), importId, req.t));
    },
  );
}

export function wilayahApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  regionRoutes(app);
  rwRoutes(app);
  rtRoutes(app);
  importRoutes(app, ctx);
}
