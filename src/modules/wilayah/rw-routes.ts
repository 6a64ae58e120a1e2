/**
 * JSON API of the RWs and RTs of the city, limited to the areas of the caller's roles.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import {
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
  KELOLA,
  LIHAT,
  createRt,
  createRw,
  deleteRt,
  deleteRw,
  getRw,
  listRt,
  listRw,
  updateRt,
  updateRw,
} from './service.ts';
import { API_TAGS, API_BASE } from './schemas.ts';

export function rwRoutes(app: BalaiApp): void {
  // ---- RW and RT ----

  app.get(
    `${API_BASE}/rw`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rw`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rw/:rwId`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rw/:rwId`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rw/:rwId`,
    {
      schema: {
        tags: API_TAGS,
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

export function rtRoutes(app: BalaiApp): void {
  app.get(
    `${API_BASE}/rw/:rwId/rt`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rw/:rwId/rt`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rt/:rtId`,
    {
      schema: {
        tags: API_TAGS,
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
    `${API_BASE}/rt/:rtId`,
    {
      schema: {
        tags: API_TAGS,
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
