/**
 * JSON API of the regions (public): kecamatan and kelurahan of the city, one region, and their
 * boundaries as GeoJSON.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { CityKodeParams, KecamatanOut, KelurahanOut, KelurahanQuery, RegionDetailOut } from './schemas.ts';
import { boundaries, listKelurahan, regionDetail, regionOverview } from './service.ts';
import { API_TAGS, API_BASE } from './schemas.ts';

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

export function regionRoutes(app: BalaiApp): void {
  // ---- Regions (public) ----

  app.get(
    `${API_BASE}/wilayah/kecamatan`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/wilayah/kelurahan`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/wilayah/kecamatan.geojson`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/wilayah/kelurahan.geojson`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/wilayah/:kode`,
    {
      schema: {
        tags: API_TAGS,
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
