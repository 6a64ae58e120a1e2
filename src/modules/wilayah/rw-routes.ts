/**
 * JSON API of the RWs and RTs of the city, limited to the areas of the caller's roles.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- RW and RT ----

  api.get(
    '/rw',
    {
      summary: "RWs in the caller's areas (filter by kecamatan, kelurahan, ketua name or number; paginated)",
      params: CityParams,
      query: RwQuery,
      out: Type.Object({
        items: Type.Array(RwOut),
        total: Type.Integer(),
        page: Type.Integer(),
        perPage: Type.Integer(),
      }),
      access: { permission: LIHAT },
    },
    (req) =>
      cityTx(req, (trx) =>
        listRw(trx, userOf(req), {
          kecamatan: req.query.kecamatan || undefined,
          kelurahan: req.query.kelurahan || undefined,
          q: req.query.q,
          ...pageOf(req.query),
        }),
      ),
  );

  api.post(
    '/rw',
    {
      summary: "Create an RW in a kelurahan of the caller's area",
      params: CityParams,
      body: RwCreateBody,
      out: RwOut,
      status: 201,
      location: (rw) => `/rw/${rw.id}`,
      access: { permission: KELOLA },
    },
    (req) => cityTx(req, (trx) => createRw(trx, cityOf(req), userOf(req), req.body)),
  );

  api.get(
    '/rw/:rwId',
    { summary: 'One RW with its RTs', params: RwParams, out: RwDetailOut, access: { permission: LIHAT } },
    (req) => cityTx(req, (trx) => getRw(trx, userOf(req), req.params.rwId)),
  );

  api.patch(
    '/rw/:rwId',
    {
      summary: 'Change an RW (only the fields sent)',
      params: RwParams,
      body: RwPatchBody,
      out: RwOut,
      access: { permission: KELOLA },
    },
    (req) => cityTx(req, (trx) => updateRw(trx, cityOf(req), userOf(req), req.params.rwId, req.body)),
  );

  api.delete(
    '/rw/:rwId',
    { summary: 'Delete an RW and its RTs', params: RwParams, status: 204, access: { permission: KELOLA } },
    (req) => cityTx(req, (trx) => deleteRw(trx, userOf(req), req.params.rwId)),
  );
}

export function rtRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  api.get(
    '/rw/:rwId/rt',
    {
      summary: 'RTs of an RW',
      params: RwParams,
      out: Type.Object({ items: Type.Array(RtOut) }),
      access: { permission: LIHAT },
    },
    async (req) => ({ items: await cityTx(req, (trx) => listRt(trx, userOf(req), req.params.rwId)) }),
  );

  api.post(
    '/rw/:rwId/rt',
    {
      summary: 'Add an RT to an RW',
      params: RwParams,
      body: RtCreateBody,
      out: RtOut,
      status: 201,
      access: { permission: KELOLA },
    },
    (req) => cityTx(req, (trx) => createRt(trx, cityOf(req), userOf(req), req.params.rwId, req.body)),
  );

  api.patch(
    '/rt/:rtId',
    {
      summary: 'Change an RT (only the fields sent)',
      params: RtParams,
      body: RtPatchBody,
      out: RtOut,
      access: { permission: KELOLA },
    },
    (req) => cityTx(req, (trx) => updateRt(trx, userOf(req), req.params.rtId, req.body)),
  );

  api.delete(
    '/rt/:rtId',
    { summary: 'Delete an RT', params: RtParams, status: 204, access: { permission: KELOLA } },
    (req) => cityTx(req, (trx) => deleteRt(trx, userOf(req), req.params.rtId)),
  );
}
