/**
 * Tonnage: the JSON API under /api/v1/cities/:city/sampah/tonase (yearly settings and population,
 * manual entries, aggregation, SIPSN). Routes validate and call the services, which authorise.
 * The pages (dashboard, entries, yearly settings, SIPSN downloads) are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../../platform/http/schemas.ts';
import { TONASE_ATUR, TONASE_CATAT, TONASE_LIHAT } from './permissions-tonase.ts';
import {
  AgregasiOut,
  AgregasiQuery,
  CatatanBody,
  CatatanIdParams,
  CatatanOut,
  PendudukBody,
  PendudukOut,
  RentangQuery,
  SipsnTahunOut,
  TahunBody,
  TahunOut,
  TahunParams,
} from './tonase-schemas.ts';
import { getPendudukKecamatan, listTahun, savePendudukKecamatan, saveTahun } from './tahun-service.ts';
import { createCatatan, deleteCatatan, listCatatan } from './catatan-service.ts';
import { getAgregasi, getSipsnTahun, type SumberOperasi } from './tonase-service.ts';
import { sumberOperasi } from './sumber-operasi.ts';

const TAGS = ['sampah'];
const BASE = '/api/v1/cities/:city/sampah/tonase';
const lihat = { access: { permission: TONASE_LIHAT } } as const;
const atur = { access: { permission: TONASE_ATUR } } as const;
const catat = { access: { permission: TONASE_CATAT } } as const;

export function tonaseRoutes(app: BalaiApp, sumber: SumberOperasi = sumberOperasi): void {
  tahunRoutes(app);
  catatanRoutes(app);
  agregasiRoutes(app, sumber);
}

/** Yearly settings and the population per kecamatan. */
function tahunRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/tahun`,
    {
      schema: {
        tags: TAGS,
        summary: "The city's yearly generation rates and Jakstrada targets, newest first",
        params: CityParams,
        response: { 200: Type.Array(TahunOut), ...errorResponses },
      },
      config: lihat,
    },
    (req) => cityTx(req, (trx) => listTahun(trx, cityOf(req))),
  );

  app.put(
    `${BASE}/tahun/:tahun`,
    {
      schema: {
        tags: TAGS,
        summary: "Set a year's generation rate (kg/person/day) and targets (% reduced, % handled)",
        params: TahunParams,
        body: TahunBody,
        response: { 200: TahunOut, ...errorResponses },
      },
      config: atur,
    },
    (req) => {
      const { tahun } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => saveTahun(trx, cityOf(req), userOf(req), tahun, body));
    },
  );

  app.get(
    `${BASE}/tahun/:tahun/penduduk`,
    {
      schema: {
        tags: TAGS,
        summary: "Population of every kecamatan in a year: the city's figures and the reference",
        params: TahunParams,
        response: { 200: PendudukOut, ...errorResponses },
      },
      config: atur,
    },
    (req) => {
      const { tahun } = req.params;
      return cityTx(req, (trx) => getPendudukKecamatan(trx, cityOf(req), userOf(req), tahun));
    },
  );

  app.put(
    `${BASE}/tahun/:tahun/penduduk`,
    {
      schema: {
        tags: TAGS,
        summary: 'Set the population of kecamatan in a year (those not listed keep theirs)',
        description:
          'Used to estimate each kecamatan’s timbulan (population × the year’s rate) instead of the reference data. penduduk null removes the year’s figure.',
        params: TahunParams,
        body: PendudukBody,
        response: { 200: PendudukOut, ...errorResponses },
      },
      config: atur,
    },
    (req) => {
      const { tahun } = req.params;
      const body = req.body;
      return cityTx(req, (trx) =>
        savePendudukKecamatan(trx, cityOf(req), userOf(req), tahun, body.kecamatan),
      );
    },
  );
}

/** Manual entries. */
function catatanRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/catatan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Manual tonnage entries of a range of days (at most 1000, newest first)',
        params: CityParams,
        querystring: RentangQuery,
        response: { 200: Type.Array(CatatanOut), ...errorResponses },
      },
      config: lihat,
    },
    (req) => cityTx(req, (trx) => listCatatan(trx, cityOf(req), userOf(req), req.query)),
  );

  app.post(
    `${BASE}/catatan`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Record a manual tonnage entry for a day (a kecamatan, or the city when kecamatanKode is absent)',
        params: CityParams,
        body: CatatanBody,
        response: { 201: CatatanOut, ...errorResponses },
      },
      config: catat,
    },
    async (req, reply) => {
      const body = req.body;
      const c = await cityTx(req, (trx) => createCatatan(trx, cityOf(req), userOf(req), body));
      return reply.status(201).send(c);
    },
  );

  app.delete(
    `${BASE}/catatan/:id`,
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a manual tonnage entry',
        params: CatatanIdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: catat,
    },
    async (req, reply) => {
      const { id } = req.params;
      await cityTx(req, (trx) => deleteCatatan(trx, cityOf(req), userOf(req), id));
      return reply.status(204).send(null);
    },
  );
}

/** Aggregation and the SIPSN columns. */
function agregasiRoutes(app: BalaiApp, sumber: SumberOperasi): void {
  app.get(
    `${BASE}/agregasi`,
    {
      schema: {
        tags: TAGS,
        summary: 'Tonnage per day, month or year for the city (or one kecamatan) and per kecamatan',
        description:
          'timbulan measured or estimated (population × rate), pengurangan (bank sampah + entries), penanganan (trips to TPST/TPS3R/machines/TPA + entries), daur ulang, bahan baku; at most 5 years.',
        params: CityParams,
        querystring: AgregasiQuery,
        response: { 200: AgregasiOut, ...errorResponses },
      },
      config: lihat,
    },
    (req) => {
      const q = req.query;
      return cityTx(req, (trx) =>
        getAgregasi(trx, cityOf(req), userOf(req), { ...q, periode: q.periode ?? 'bulan' }, sumber),
      );
    },
  );

  app.get(
    `${BASE}/sipsn/:tahun`,
    {
      schema: {
        tags: TAGS,
        summary: 'The SIPSN columns of a year (up to today for the current year), city and per kecamatan',
        params: TahunParams,
        response: { 200: SipsnTahunOut, ...errorResponses },
      },
      config: lihat,
    },
    (req) => cityTx(req, (trx) => getSipsnTahun(trx, cityOf(req), userOf(req), req.params.tahun, sumber)),
  );
}
