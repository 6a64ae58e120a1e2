/**
 * Waste operations: the JSON API under /api/v1/cities/:city/sampah (facilities, vehicles, shifts,
 * trips, the TPA quota). Routes validate; the services authorise. The pages are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../../platform/http/schemas.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from './permissions-operasi.ts';
import {
  FasilitasBody,
  FasilitasOut,
  FasilitasQuery,
  IdParams,
  KendaraanBody,
  KendaraanOut,
  KuotaOut,
  RitaseBody,
  RitaseOut,
  ShiftBody,
  ShiftOut,
  TanggalQuery,
} from './operasi-schemas.ts';
import { createFasilitas, getFasilitas, listFasilitas, updateFasilitas } from './fasilitas-service.ts';
import { createKendaraan, createShift, listKendaraan, listShift, updateKendaraan } from './armada-service.ts';
import { createRitase, listKuotaTpa, listRitase } from './ritase-service.ts';

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah';

const lihat = { access: { permission: OPS_LIHAT } } as const;
const kelola = { access: { permission: OPS_KELOLA } } as const;
const ritase = { access: { permission: OPS_RITASE } } as const;

export function operasiRoutes(app: BalaiApp): void {
  fasilitasRoutes(app);
  armadaRoutes(app);
  ritaseRoutes(app);
}

/** Facilities. */
function fasilitasRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/fasilitas`,
    {
      schema: {
        tags: TAGS,
        summary: 'Waste facilities of the city (collection points, TPS, TPST/TPS3R, machines, TPA)',
        params: CityParams,
        querystring: FasilitasQuery,
        response: { 200: Type.Array(FasilitasOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listFasilitas(trx, userOf(req), q));
    },
  );
  app.post(
    `${BASE}/fasilitas`,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a facility (subjenis for a machine, kuotaRitHarian for a TPA)',
        params: CityParams,
        body: FasilitasBody,
        response: { 201: FasilitasOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body;
      const f = await cityTx(req, (trx) => createFasilitas(trx, userOf(req), body));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/sampah/fasilitas/${f.id}`)
        .send(f);
    },
  );
  app.get(
    `${BASE}/fasilitas/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'One facility',
        params: IdParams,
        response: { 200: FasilitasOut, ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const { id } = req.params;
      return cityTx(req, (trx) => getFasilitas(trx, userOf(req), id));
    },
  );
  app.put(
    `${BASE}/fasilitas/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Replace a facility',
        params: IdParams,
        body: FasilitasBody,
        response: { 200: FasilitasOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req) => {
      const { id } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateFasilitas(trx, userOf(req), id, body));
    },
  );
}

/** Vehicles and shifts. */
function armadaRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/kendaraan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Vehicles of the city',
        params: CityParams,
        response: { 200: Type.Array(KendaraanOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => cityTx(req, (trx) => listKendaraan(trx, userOf(req))),
  );
  app.post(
    `${BASE}/kendaraan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Register a vehicle (plate number normalised, e.g. "D 1234 ABC")',
        params: CityParams,
        body: KendaraanBody,
        response: { 201: KendaraanOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body;
      const k = await cityTx(req, (trx) => createKendaraan(trx, userOf(req), body));
      return reply.status(201).send(k);
    },
  );
  app.put(
    `${BASE}/kendaraan/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Replace a vehicle (status rusak or nonaktif keeps it off trips)',
        params: IdParams,
        body: KendaraanBody,
        response: { 200: KendaraanOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req) => {
      const { id } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateKendaraan(trx, userOf(req), id, body));
    },
  );
  app.get(
    `${BASE}/shift`,
    {
      schema: {
        tags: TAGS,
        summary: 'Shifts, by start time',
        params: CityParams,
        response: { 200: Type.Array(ShiftOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => cityTx(req, (trx) => listShift(trx, userOf(req))),
  );
  app.post(
    `${BASE}/shift`,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a shift',
        params: CityParams,
        body: ShiftBody,
        response: { 201: ShiftOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body;
      const s = await cityTx(req, (trx) => createShift(trx, userOf(req), body));
      return reply.status(201).send(s);
    },
  );
}

/** Trips and the TPA quota. */
function ritaseRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/ritase`,
    {
      schema: {
        tags: TAGS,
        summary: 'Trips of a WIB day (default today), latest arrival first',
        params: CityParams,
        querystring: TanggalQuery,
        response: { 200: Type.Array(RitaseOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listRitase(trx, userOf(req), q));
    },
  );
  app.post(
    `${BASE}/ritase`,
    {
      schema: {
        tags: TAGS,
        summary:
          "Record a trip. A trip beyond the destination TPA's daily quota is recorded with melebihiKuota true; the answer carries the quota after it",
        params: CityParams,
        body: RitaseBody,
        response: {
          201: Type.Object({ ritase: RitaseOut, kuota: Type.Union([KuotaOut, Type.Null()]) }),
          ...errorResponses,
        },
      },
      config: ritase,
    },
    async (req, reply) => {
      const body = req.body;
      const r = await cityTx(req, (trx) => createRitase(trx, userOf(req), body));
      return reply.status(201).send(r);
    },
  );
  app.get(
    `${BASE}/kuota-tpa`,
    {
      schema: {
        tags: TAGS,
        summary: "Use of each TPA's daily trip quota on a WIB day (default today)",
        params: CityParams,
        querystring: TanggalQuery,
        response: { 200: Type.Array(KuotaOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listKuotaTpa(trx, q.tanggal ? { tanggal: q.tanggal } : {}));
    },
  );
}
