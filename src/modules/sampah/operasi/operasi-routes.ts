/**
 * Waste operations: the JSON API under /api/v1/cities/:city/sampah (facilities, vehicles, shifts,
 * trips, the TPA quota). Routes validate; the services authorise. The pages are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../../platform/http/context.ts';
import { apiRoutes } from '../../../platform/http/api-route.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
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

const lihat: Access = { permission: OPS_LIHAT };
const kelola: Access = { permission: OPS_KELOLA };
const ritase: Access = { permission: OPS_RITASE };

export function operasiRoutes(app: BalaiApp): void {
  fasilitasRoutes(app);
  armadaRoutes(app);
  ritaseRoutes(app);
}

/** Facilities. */
function fasilitasRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/fasilitas',
    {
      summary: 'Waste facilities of the city (collection points, TPS, TPST/TPS3R, machines, TPA)',
      params: CityParams,
      query: FasilitasQuery,
      out: Type.Array(FasilitasOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listFasilitas(trx, userOf(req), req.query)),
  );
  api.post(
    '/fasilitas',
    {
      summary: 'Create a facility (subjenis for a machine, kuotaRitHarian for a TPA)',
      params: CityParams,
      body: FasilitasBody,
      out: FasilitasOut,
      status: 201,
      location: (f) => `/fasilitas/${f.id}`,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createFasilitas(trx, userOf(req), req.body)),
  );
  api.get(
    '/fasilitas/:id',
    { summary: 'One facility', params: IdParams, out: FasilitasOut, access: lihat },
    (req) => cityTx(req, (trx) => getFasilitas(trx, userOf(req), req.params.id)),
  );
  api.put(
    '/fasilitas/:id',
    {
      summary: 'Replace a facility',
      params: IdParams,
      body: FasilitasBody,
      out: FasilitasOut,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => updateFasilitas(trx, userOf(req), req.params.id, req.body)),
  );
}

/** Vehicles and shifts. */
function armadaRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/kendaraan',
    { summary: 'Vehicles of the city', params: CityParams, out: Type.Array(KendaraanOut), access: lihat },
    (req) => cityTx(req, (trx) => listKendaraan(trx, userOf(req))),
  );
  api.post(
    '/kendaraan',
    {
      summary: 'Register a vehicle (plate number normalised, e.g. "D 1234 ABC")',
      params: CityParams,
      body: KendaraanBody,
      out: KendaraanOut,
      status: 201,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createKendaraan(trx, userOf(req), req.body)),
  );
  api.put(
    '/kendaraan/:id',
    {
      summary: 'Replace a vehicle (status rusak or nonaktif keeps it off trips)',
      params: IdParams,
      body: KendaraanBody,
      out: KendaraanOut,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => updateKendaraan(trx, userOf(req), req.params.id, req.body)),
  );
  api.get(
    '/shift',
    { summary: 'Shifts, by start time', params: CityParams, out: Type.Array(ShiftOut), access: lihat },
    (req) => cityTx(req, (trx) => listShift(trx, userOf(req))),
  );
  api.post(
    '/shift',
    {
      summary: 'Create a shift',
      params: CityParams,
      body: ShiftBody,
      out: ShiftOut,
      status: 201,
      access: kelola,
    },
    (req) => cityTx(req, (trx) => createShift(trx, userOf(req), req.body)),
  );
}

/** Trips and the TPA quota. */
function ritaseRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/ritase',
    {
      summary: 'Trips of a WIB day (default today), latest arrival first',
      params: CityParams,
      query: TanggalQuery,
      out: Type.Array(RitaseOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listRitase(trx, userOf(req), req.query)),
  );
  api.post(
    '/ritase',
    {
      summary:
        "Record a trip. A trip beyond the destination TPA's daily quota is recorded with melebihiKuota true; the answer carries the quota after it",
      params: CityParams,
      body: RitaseBody,
      out: Type.Object({ ritase: RitaseOut, kuota: Type.Union([KuotaOut, Type.Null()]) }),
      status: 201,
      access: ritase,
    },
    (req) => cityTx(req, (trx) => createRitase(trx, userOf(req), req.body)),
  );
  api.get(
    '/kuota-tpa',
    {
      summary: "Use of each TPA's daily trip quota on a WIB day (default today)",
      params: CityParams,
      query: TanggalQuery,
      out: Type.Array(KuotaOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listKuotaTpa(trx, req.query.tanggal ? { tanggal: req.query.tanggal } : {})),
  );
}
