/**
 * Waste operations: the JSON API under /api/v1/cities/:city/sampah (facilities, vehicles, shifts,
 * trips, the TPA quota) and the pages (operasi-pages.ts). Routes validate; the services authorise.
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import type { ModuleContext, NavItem } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug, errorResponses, Uuid } from '../../platform/http/schemas.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from './permissions-operasi.ts';
import {
  JENIS_FASILITAS,
  JENIS_KENDARAAN,
  STATUS_FASILITAS,
  STATUS_KENDARAAN,
  SUBJENIS_MESIN,
} from './operasi-tables.ts';
import {
  catatRitase,
  createFasilitas,
  createKendaraan,
  createShift,
  getFasilitas,
  isTanggal,
  kuotaTpaHariIni,
  listFasilitas,
  listKendaraan,
  listRitase,
  listShift,
  updateFasilitas,
  updateKendaraan,
} from './operasi-service.ts';
import { operasiPages } from './operasi-pages.ts';
import { badRequest } from '../../platform/http/problem.ts';

export const operasiNav: NavItem[] = [
  { path: '/sampah/ritase', label: 'sampah.operasi.nav.ritase', access: OPS_LIHAT },
  { path: '/sampah/fasilitas', label: 'sampah.operasi.nav.fasilitas', access: OPS_LIHAT },
  { path: '/sampah/armada', label: 'sampah.operasi.nav.armada', access: OPS_LIHAT },
];

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah';

const obj = <T extends Record<string, TSchema>>(props: T) =>
  Type.Object(props, { additionalProperties: false });
const lits = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });
/** Nullable values as a JSON type list, not anyOf (with type coercion, anyOf turns null into 0 or ""). */
const nullStr = (o: Record<string, unknown> = {}) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], ...o });
const nullNum = (type: 'number' | 'integer', o: Record<string, unknown> = {}) =>
  Type.Unsafe<number | null>({ type: [type, 'null'], ...o });
const Tanggal = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'WIB date, YYYY-MM-DD' });
const KecamatanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' });
const KelurahanKode = Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$' });
const Waktu = Type.String({
  minLength: 16,
  maxLength: 40,
  description: 'ISO date-time; without an offset (2026-11-28T07:30) it is WIB',
});

export const IdParams = obj({ city: CitySlug, id: Uuid });
const CityOnly = obj({ city: CitySlug });

export const FasilitasBody = obj({
  jenis: lits(JENIS_FASILITAS),
  subjenis: Type.Optional(Type.Union([lits(SUBJENIS_MESIN), Type.Null()])),
  nama: Type.String({ minLength: 3, maxLength: 200 }),
  kecamatanKode: Type.Optional(Type.Union([KecamatanKode, Type.Null()])),
  kelurahanKode: Type.Optional(Type.Union([KelurahanKode, Type.Null()])),
  lat: Type.Optional(nullNum('number', { minimum: -90, maximum: 90 })),
  lng: Type.Optional(nullNum('number', { minimum: -180, maximum: 180 })),
  kapasitasTonHari: Type.Optional(nullNum('number', { minimum: 0, maximum: 100000 })),
  status: Type.Optional(lits(STATUS_FASILITAS)),
  operator: Type.Optional(nullStr({ maxLength: 120 })),
  kuotaRitHarian: Type.Optional(nullNum('integer', { minimum: 1, maximum: 10000 })),
});
const FasilitasOut = Type.Object({
  id: Type.String(),
  jenis: Type.String(),
  subjenis: nullStr(),
  nama: Type.String(),
  kecamatanKode: nullStr(),
  kecamatanNama: nullStr(),
  kelurahanKode: nullStr(),
  kelurahanNama: nullStr(),
  lat: nullNum('number'),
  lng: nullNum('number'),
  kapasitasTonHari: nullNum('number'),
  status: Type.String(),
  operator: nullStr(),
  kuotaRitHarian: nullNum('integer'),
});
const FasilitasQuery = obj({
  jenis: Type.Optional(lits(JENIS_FASILITAS)),
  status: Type.Optional(lits(STATUS_FASILITAS)),
  kecamatan: Type.Optional(KecamatanKode),
});

export const KendaraanBody = obj({
  jenis: lits(JENIS_KENDARAAN),
  platNomor: Type.String({ minLength: 2, maxLength: 20 }),
  kapasitasM3: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  kapasitasTon: Type.Number({ exclusiveMinimum: 0, maximum: 60 }),
  status: Type.Optional(lits(STATUS_KENDARAAN)),
});
const KendaraanOut = Type.Object({
  id: Type.String(),
  jenis: Type.String(),
  platNomor: Type.String(),
  kapasitasM3: Type.Number(),
  kapasitasTon: Type.Number(),
  status: Type.String(),
});

export const ShiftBody = obj({
  nama: Type.String({ minLength: 2, maxLength: 60 }),
  mulai: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM (WIB)' }),
});
const ShiftOut = Type.Object({ id: Type.String(), nama: Type.String(), mulai: Type.String() });

/** ton has no minimum here: a negative load gets the service's own message (and pointer). */
export const RitaseBody = obj({
  kendaraanId: Uuid,
  shiftId: Uuid,
  asalIds: Type.Array(Uuid, { minItems: 1, maxItems: 20, uniqueItems: true }),
  tujuanId: Uuid,
  ton: Type.Number({ maximum: 1000 }),
  berangkat: Waktu,
  tiba: Waktu,
  catatan: Type.Optional(nullStr({ maxLength: 500 })),
});
const KuotaOut = Type.Object({
  fasilitasId: Type.String(),
  nama: Type.String(),
  tanggal: Type.String(),
  kuota: Type.Integer(),
  terpakai: Type.Integer(),
  sisa: Type.Integer(),
  persen: Type.Number(),
  ton: Type.Number(),
  tingkat: lits(['aman', 'peringatan', 'melebihi']),
});
const RitaseOut = Type.Object({
  id: Type.String(),
  tanggal: Type.String(),
  kendaraanId: Type.String(),
  platNomor: Type.String(),
  shiftId: Type.String(),
  shiftNama: Type.String(),
  asal: Type.Array(Type.Object({ id: Type.String(), nama: Type.String() })),
  tujuanId: Type.String(),
  tujuanNama: Type.String(),
  tujuanJenis: Type.String(),
  ton: Type.Number(),
  berangkat: Type.String(),
  tiba: Type.String(),
  melebihiKuota: Type.Boolean(),
  catatan: nullStr(),
});
const TanggalQuery = obj({ tanggal: Type.Optional(Tanggal) });

const lihat = { access: { permission: OPS_LIHAT } } as const;
const kelola = { access: { permission: OPS_KELOLA } } as const;
const ritase = { access: { permission: OPS_RITASE } } as const;

export function operasiRoutes(app: FastifyInstance, ctx: ModuleContext): void {
  // ---- Facilities ----
  app.get(
    `${BASE}/fasilitas`,
    {
      schema: {
        tags: TAGS,
        summary: 'Waste facilities of the city (collection points, TPS, TPST/TPS3R, machines, TPA)',
        params: CityOnly,
        querystring: FasilitasQuery,
        response: { 200: Type.Array(FasilitasOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof FasilitasQuery>;
      return cityTx(req, (trx) => listFasilitas(trx, userOf(req), q));
    },
  );
  app.post(
    `${BASE}/fasilitas`,
    {
      schema: {
        tags: TAGS,
        summary: 'Create a facility (subjenis for a machine, kuotaRitHarian for a TPA)',
        params: CityOnly,
        body: FasilitasBody,
        response: { 201: FasilitasOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body as Static<typeof FasilitasBody>;
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
      const { id } = req.params as Static<typeof IdParams>;
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
      const { id } = req.params as Static<typeof IdParams>;
      const body = req.body as Static<typeof FasilitasBody>;
      return cityTx(req, (trx) => updateFasilitas(trx, userOf(req), id, body));
    },
  );

  // ---- Vehicles and shifts ----
  app.get(
    `${BASE}/kendaraan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Vehicles of the city',
        params: CityOnly,
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
        params: CityOnly,
        body: KendaraanBody,
        response: { 201: KendaraanOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body as Static<typeof KendaraanBody>;
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
      const { id } = req.params as Static<typeof IdParams>;
      const body = req.body as Static<typeof KendaraanBody>;
      return cityTx(req, (trx) => updateKendaraan(trx, userOf(req), id, body));
    },
  );
  app.get(
    `${BASE}/shift`,
    {
      schema: {
        tags: TAGS,
        summary: 'Shifts, by start time',
        params: CityOnly,
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
        params: CityOnly,
        body: ShiftBody,
        response: { 201: ShiftOut, ...errorResponses },
      },
      config: kelola,
    },
    async (req, reply) => {
      const body = req.body as Static<typeof ShiftBody>;
      const s = await cityTx(req, (trx) => createShift(trx, userOf(req), body));
      return reply.status(201).send(s);
    },
  );

  // ---- Trips and quota ----
  app.get(
    `${BASE}/ritase`,
    {
      schema: {
        tags: TAGS,
        summary: 'Trips of a WIB day (default today), latest arrival first',
        params: CityOnly,
        querystring: TanggalQuery,
        response: { 200: Type.Array(RitaseOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof TanggalQuery>;
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
        params: CityOnly,
        body: RitaseBody,
        response: {
          201: Type.Object({ ritase: RitaseOut, kuota: Type.Union([KuotaOut, Type.Null()]) }),
          ...errorResponses,
        },
      },
      config: ritase,
    },
    async (req, reply) => {
      const body = req.body as Static<typeof RitaseBody>;
      const r = await cityTx(req, (trx) => catatRitase(trx, userOf(req), body));
      return reply.status(201).send(r);
    },
  );
  app.get(
    `${BASE}/kuota-tpa`,
    {
      schema: {
        tags: TAGS,
        summary: "Use of each TPA's daily trip quota on a WIB day (default today)",
        params: CityOnly,
        querystring: TanggalQuery,
        response: { 200: Type.Array(KuotaOut), ...errorResponses },
      },
      config: lihat,
    },
    async (req) => {
      const q = req.query as Static<typeof TanggalQuery>;
      if (q.tanggal && !isTanggal(q.tanggal))
        throw badRequest('sampah.operasi.error.invalid', [
          { pointer: '/query/tanggal', detail: 'sampah.operasi.error.tanggal' },
        ]);
      return cityTx(req, (trx) => kuotaTpaHariIni(trx, q.tanggal ? { tanggal: q.tanggal } : {}));
    },
  );

  operasiPages(app, ctx);
}
