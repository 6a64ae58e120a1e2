/**
 * JSON API of the regions (public): kecamatan and kelurahan of the city, one region, and their
 * boundaries as GeoJSON.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- Regions (public) ----

  api.get(
    '/wilayah/kecamatan',
    {
      summary: 'Kecamatan of the city, with their number of kelurahan (and RWs the caller may see)',
      params: CityParams,
      out: Type.Object({ items: Type.Array(KecamatanOut) }),
      access: 'public',
    },
    async (req) => {
      const o = await cityTx(req, (trx) => regionOverview(trx, cityOf(req), req.user));
      return { items: o.kecamatan };
    },
  );

  api.get(
    '/wilayah/kelurahan',
    {
      summary: 'Kelurahan of the city, or of one kecamatan',
      params: CityParams,
      query: KelurahanQuery,
      out: Type.Object({ items: Type.Array(KelurahanOut) }),
      access: 'public',
    },
    async (req) => ({
      items: await cityTx(req, (trx) => listKelurahan(trx, cityOf(req), req.user, req.query.kecamatan)),
    }),
  );

  api.get(
    '/wilayah/kecamatan.geojson',
    {
      summary: 'Boundaries of the kecamatan (GeoJSON, application/geo+json)',
      params: CityParams,
      out: GeoJsonOut,
      access: 'public',
    },
    async (req, reply) =>
      sendGeoJson(req, reply, await cityTx(req, (trx) => boundaries(trx, cityOf(req), 'kecamatan'))),
  );

  api.get(
    '/wilayah/kelurahan.geojson',
    {
      summary: 'Boundaries of the kelurahan, of the city or of one kecamatan (GeoJSON, application/geo+json)',
      params: CityParams,
      query: KelurahanQuery,
      out: GeoJsonOut,
      access: 'public',
    },
    async (req, reply) =>
      sendGeoJson(
        req,
        reply,
        await cityTx(req, (trx) => boundaries(trx, cityOf(req), 'kelurahan', req.query.kecamatan)),
      ),
  );

  api.get(
    '/wilayah/:kode',
    {
      summary: 'One kecamatan (with its kelurahan) or kelurahan of the city',
      params: CityKodeParams,
      out: RegionDetailOut,
      access: 'public',
    },
    async (req) => {
      const d = await cityTx(req, (trx) => regionDetail(trx, cityOf(req), req.user, req.params.kode));
      return {
        ...d.region,
        parent: d.parent ? { kode: d.parent.kode, nama: d.parent.nama, tingkat: d.parent.tingkat } : null,
        jumlahRw: d.jumlahRw,
        ...(d.kelurahan ? { kelurahan: d.kelurahan } : {}),
      };
    },
  );
}
