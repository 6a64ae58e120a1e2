/**
 * JSON API of the bank sampah administration, under /api/v1/cities/:city/bank-sampah: banks,
 * their pengurus, members (phone and NIK masked; the full NIK from its own audited endpoint),
 * the bank's items and price list. Routes validate and call the services, which authorise.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { createBank, getBank, listBanks, updateBank } from './bank-service.ts';
import { removePengurus, listPengurus, addPengurus } from './pengurus-service.ts';
import { readNik, getNasabah, listNasabah, registerNasabah, updateNasabah } from './nasabah-service.ts';
import { listHarga, listJenis, listRiwayatHarga, setHarga, addJenis } from './katalog-admin.ts';
import { KELOLA, NIK } from './permissions.ts';
import {
  BankCreateBody,
  BankDetailOut,
  BankOut,
  BankParams,
  BankPatchBody,
  BankQuery,
  DaftarHargaOut,
  HargaBody,
  HargaRiwayatOut,
  JenisBody,
  JenisOut,
  NasabahCreateBody,
  NasabahOut,
  NasabahParams,
  NasabahPatchBody,
  NasabahQuery,
  NikOut,
  NikQuery,
  Page,
  PengurusBody,
  PengurusOut,
  PengurusParams,
  RiwayatHargaOut,
  RiwayatQuery,
} from './admin-schemas.ts';

const TAGS = ['bank-sampah'];
const BASE = '/api/v1/cities/:city/bank-sampah';
const user = { access: 'user' } as const;

export function adminApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  bankApiRoutes(app);
  pengurusApiRoutes(app);
  nasabahApiRoutes(app, ctx.config.dataKey);
  hargaApiRoutes(app);
}

function bankApiRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/banks`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Banks the caller sees (their areas, and banks they are pengurus of); filtered and paginated',
        params: CityParams,
        querystring: BankQuery,
        response: { 200: Page(BankOut), ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const q = req.query;
      return cityTx(req, (trx) =>
        listBanks(trx, userOf(req), {
          kecamatan: q.kecamatan || undefined,
          kelurahan: q.kelurahan || undefined,
          q: q.q,
          tingkat: q.tingkat,
          aktif: q.aktif,
          page: q.page ?? 1,
          perPage: q.perPage ?? 50,
        }),
      );
    },
  );

  app.post(
    `${BASE}/banks`,
    {
      schema: {
        tags: TAGS,
        summary:
          "Create a bank: a unit for an RW (rwId, or kelurahanKode + rwNomor) or an institution (lembaga + kelurahanKode), or an induk for the city; in the caller's area",
        params: CityParams,
        body: BankCreateBody,
        response: { 201: BankOut, ...errorResponses },
      },
      config: { access: { permission: KELOLA } },
    },
    async (req, reply) => {
      const body = req.body;
      const bank = await cityTx(req, (trx) => createBank(trx, userOf(req), body));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/bank-sampah/banks/${bank.id}`)
        .send(bank);
    },
  );

  app.get(
    `${BASE}/banks/:bankId`,
    {
      schema: {
        tags: TAGS,
        summary: 'One bank, with what the caller may do there',
        params: BankParams,
        response: { 200: BankDetailOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      return cityTx(req, (trx) => getBank(trx, userOf(req), bankId));
    },
  );

  app.patch(
    `${BASE}/banks/:bankId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change a bank (only the fields sent; aktif false deactivates it)',
        params: BankParams,
        body: BankPatchBody,
        response: { 200: BankOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateBank(trx, userOf(req), bankId, body));
    },
  );
}

function pengurusApiRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/banks/:bankId/pengurus`,
    {
      schema: {
        tags: TAGS,
        summary: 'Pengurus of a bank (emails masked)',
        params: BankParams,
        response: { 200: Type.Object({ items: Type.Array(PengurusOut) }), ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      return { items: await cityTx(req, (trx) => listPengurus(trx, userOf(req), bankId)) };
    },
  );

  app.post(
    `${BASE}/banks/:bankId/pengurus`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Appoint a user of the city (by userId or email) as ketua, teller or bendahara; 200 when their position changed',
        params: BankParams,
        body: PengurusBody,
        response: { 201: PengurusOut, 200: PengurusOut, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { bankId } = req.params;
      const body = req.body;
      const r = await cityTx(req, (trx) => addPengurus(trx, userOf(req), bankId, body));
      return reply.status(r.baru ? 201 : 200).send(r.pengurus);
    },
  );

  app.delete(
    `${BASE}/banks/:bankId/pengurus/:userId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Remove a pengurus',
        params: PengurusParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { bankId, userId } = req.params;
      await cityTx(req, (trx) => removePengurus(trx, userOf(req), bankId, userId));
      return reply.status(204).send(null);
    },
  );
}

function nasabahApiRoutes(app: BalaiApp, dataKey: Buffer): void {
  app.get(
    `${BASE}/banks/:bankId/nasabah`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Members of a bank with their balance (search by name, number or phone digits; phone and NIK masked)',
        params: BankParams,
        querystring: NasabahQuery,
        response: { 200: Page(NasabahOut), ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      const q = req.query;
      return cityTx(req, (trx) =>
        listNasabah(trx, userOf(req), bankId, {
          q: q.q,
          aktif: q.aktif,
          page: q.page ?? 1,
          perPage: q.perPage ?? 50,
        }),
      );
    },
  );

  app.post(
    `${BASE}/banks/:bankId/nasabah`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Register a member (number <bank kode>-0001 generated unless given; a NIK is stored encrypted and needs nikTujuan)',
        params: BankParams,
        body: NasabahCreateBody,
        response: { 201: NasabahOut, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { bankId } = req.params;
      const body = req.body;
      const n = await cityTx(req, (trx) => registerNasabah(trx, userOf(req), bankId, body, dataKey));
      return reply
        .status(201)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/bank-sampah/banks/${bankId}/nasabah/${n.id}`)
        .send(n);
    },
  );

  app.get(
    `${BASE}/banks/:bankId/nasabah/:nasabahId`,
    {
      schema: {
        tags: TAGS,
        summary: 'One member with their balance (phone and NIK masked)',
        params: NasabahParams,
        response: { 200: NasabahOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId, nasabahId } = req.params;
      return cityTx(req, (trx) => getNasabah(trx, userOf(req), bankId, nasabahId));
    },
  );

  app.patch(
    `${BASE}/banks/:bankId/nasabah/:nasabahId`,
    {
      schema: {
        tags: TAGS,
        summary: 'Change a member (only the fields sent; aktif false deactivates, nik null removes the NIK)',
        params: NasabahParams,
        body: NasabahPatchBody,
        response: { 200: NasabahOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId, nasabahId } = req.params;
      const body = req.body;
      return cityTx(req, (trx) => updateNasabah(trx, userOf(req), bankId, nasabahId, body, dataKey));
    },
  );

  app.get(
    `${BASE}/banks/:bankId/nasabah/:nasabahId/nik`,
    {
      schema: {
        tags: TAGS,
        summary: "A member's full NIK (permission bank-sampah.nik; every read is logged with its purpose)",
        params: NasabahParams,
        querystring: NikQuery,
        response: { 200: NikOut, ...errorResponses },
      },
      config: { access: { permission: NIK } },
    },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      const q = req.query;
      const r = await cityTx(req, (trx) =>
        readNik(trx, userOf(req), bankId, nasabahId, q.tujuan ?? null, dataKey),
      );
      return reply.header('cache-control', 'no-store').send(r);
    },
  );
}

function hargaApiRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/banks/:bankId/jenis`,
    {
      schema: {
        tags: TAGS,
        summary: 'Items the bank buys: the reference catalogue and its own items',
        params: BankParams,
        response: { 200: Type.Object({ items: Type.Array(JenisOut) }), ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      return { items: await cityTx(req, (trx) => listJenis(trx, userOf(req), bankId, req.locale)) };
    },
  );

  app.post(
    `${BASE}/banks/:bankId/jenis`,
    {
      schema: {
        tags: TAGS,
        summary: "Add an item of the bank's own (code x-<slug> unless given)",
        params: BankParams,
        body: JenisBody,
        response: { 201: JenisOut, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { bankId } = req.params;
      const body = req.body;
      return reply.status(201).send(await cityTx(req, (trx) => addJenis(trx, userOf(req), bankId, body)));
    },
  );

  app.get(
    `${BASE}/banks/:bankId/harga`,
    {
      schema: {
        tags: TAGS,
        summary:
          "The bank's price list now: per item and condition the price in force, its source (the bank or its induk) and the next scheduled change",
        params: BankParams,
        response: { 200: DaftarHargaOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      return cityTx(req, (trx) => listHarga(trx, userOf(req), bankId, { locale: req.locale }));
    },
  );

  app.post(
    `${BASE}/banks/:bankId/harga`,
    {
      schema: {
        tags: TAGS,
        summary: 'Set a price from now or a future moment (a new row; prices are never changed or deleted)',
        params: BankParams,
        body: HargaBody,
        response: { 201: HargaRiwayatOut, ...errorResponses },
      },
      config: user,
    },
    async (req, reply) => {
      const { bankId } = req.params;
      const body = req.body;
      return reply.status(201).send(await cityTx(req, (trx) => setHarga(trx, userOf(req), bankId, body)));
    },
  );

  app.get(
    `${BASE}/banks/:bankId/harga/riwayat`,
    {
      schema: {
        tags: TAGS,
        summary: 'Every price set for one item at the bank (and at the induk it inherits from), newest first',
        params: BankParams,
        querystring: RiwayatQuery,
        response: { 200: RiwayatHargaOut, ...errorResponses },
      },
      config: user,
    },
    async (req) => {
      const { bankId } = req.params;
      const { jenisKode } = req.query;
      return cityTx(req, (trx) => listRiwayatHarga(trx, userOf(req), bankId, jenisKode, req.locale));
    },
  );
}
