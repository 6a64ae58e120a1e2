/**
 * Tonnage: the JSON API under /api/v1/cities/:city/sampah/tonase (yearly settings and population,
 * manual entries, aggregation, SIPSN). Routes validate and call the services, which authorise.
 * The pages (dashboard, entries, yearly settings, SIPSN downloads) are in pages/.
 */
import { Type } from 'typebox';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf, type Access } from '../../../platform/http/context.ts';
import { apiRoutes } from '../../../platform/http/api-route.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
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
const lihat: Access = { permission: TONASE_LIHAT };
const atur: Access = { permission: TONASE_ATUR };
const catat: Access = { permission: TONASE_CATAT };

export function tonaseRoutes(app: BalaiApp, sumber: SumberOperasi = sumberOperasi): void {
  tahunRoutes(app);
  catatanRoutes(app);
  agregasiRoutes(app, sumber);
}

/** Yearly settings and the population per kecamatan. */
function tahunRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/tahun',
    {
      summary: "The city's yearly generation rates and Jakstrada targets, newest first",
      params: CityParams,
      out: Type.Array(TahunOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listTahun(trx, cityOf(req))),
  );

  api.put(
    '/tahun/:tahun',
    {
      summary: "Set a year's generation rate (kg/person/day) and targets (% reduced, % handled)",
      params: TahunParams,
      body: TahunBody,
      out: TahunOut,
      access: atur,
    },
    (req) => cityTx(req, (trx) => saveTahun(trx, cityOf(req), userOf(req), req.params.tahun, req.body)),
  );

  api.get(
    '/tahun/:tahun/penduduk',
    {
      summary: "Population of every kecamatan in a year: the city's figures and the reference",
      params: TahunParams,
      out: PendudukOut,
      access: atur,
    },
    (req) => cityTx(req, (trx) => getPendudukKecamatan(trx, cityOf(req), userOf(req), req.params.tahun)),
  );

  api.put(
    '/tahun/:tahun/penduduk',
    {
      summary: 'Set the population of kecamatan in a year (those not listed keep theirs)',
      description:
        'Used to estimate each kecamatan’s timbulan (population × the year’s rate) instead of the reference data. penduduk null removes the year’s figure.',
      params: TahunParams,
      body: PendudukBody,
      out: PendudukOut,
      access: atur,
    },
    (req) =>
      cityTx(req, (trx) =>
        savePendudukKecamatan(trx, cityOf(req), userOf(req), req.params.tahun, req.body.kecamatan),
      ),
  );
}

/** Manual entries. */
function catatanRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/catatan',
    {
      summary: 'Manual tonnage entries of a range of days (at most 1000, newest first)',
      params: CityParams,
      query: RentangQuery,
      out: Type.Array(CatatanOut),
      access: lihat,
    },
    (req) => cityTx(req, (trx) => listCatatan(trx, cityOf(req), userOf(req), req.query)),
  );

  api.post(
    '/catatan',
    {
      summary:
        'Record a manual tonnage entry for a day (a kecamatan, or the city when kecamatanKode is absent)',
      params: CityParams,
      body: CatatanBody,
      out: CatatanOut,
      status: 201,
      access: catat,
    },
    (req) => cityTx(req, (trx) => createCatatan(trx, cityOf(req), userOf(req), req.body)),
  );

  api.delete(
    '/catatan/:id',
    { summary: 'Delete a manual tonnage entry', params: CatatanIdParams, status: 204, access: catat },
    (req) => cityTx(req, (trx) => deleteCatatan(trx, cityOf(req), userOf(req), req.params.id)),
  );
}

/** Aggregation and the SIPSN columns. */
function agregasiRoutes(app: BalaiApp, sumber: SumberOperasi): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/agregasi',
    {
      summary: 'Tonnage per day, month or year for the city (or one kecamatan) and per kecamatan',
      description:
        'timbulan measured or estimated (population × rate), pengurangan (bank sampah + entries), penanganan (trips to TPST/TPS3R/machines/TPA + entries), daur ulang, bahan baku; at most 5 years.',
      params: CityParams,
      query: AgregasiQuery,
      out: AgregasiOut,
      access: lihat,
    },
    (req) =>
      cityTx(req, (trx) =>
        getAgregasi(
          trx,
          cityOf(req),
          userOf(req),
          { ...req.query, periode: req.query.periode ?? 'bulan' },
          sumber,
        ),
      ),
  );

  api.get(
    '/sipsn/:tahun',
    {
      summary: 'The SIPSN columns of a year (up to today for the current year), city and per kecamatan',
      params: TahunParams,
      out: SipsnTahunOut,
      access: lihat,
    },
    (req) => cityTx(req, (trx) => getSipsnTahun(trx, cityOf(req), userOf(req), req.params.tahun, sumber)),
  );
}
