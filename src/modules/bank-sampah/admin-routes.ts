/**
 * JSON API of the bank sampah administration, under /api/v1/cities/:city/bank-sampah: banks,
 * their pengurus, members (phone and NIK masked; the full NIK from its own audited endpoint),
 * the bank's items and price list. Routes validate and call the services, which authorise.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
const user: Access = 'user';

export function adminApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  bankApiRoutes(app);
  pengurusApiRoutes(app);
  nasabahApiRoutes(app, ctx.config.dataKey);
  hargaApiRoutes(app);
}

function bankApiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/banks',
    {
      summary: 'Banks the caller sees (their areas, and banks they are pengurus of); filtered and paginated',
      params: CityParams,
      query: BankQuery,
      out: Page(BankOut),
      access: user,
    },
    (req) =>
      cityTx(req, (trx) =>
        listBanks(trx, userOf(req), {
          kecamatan: req.query.kecamatan || undefined,
          kelurahan: req.query.kelurahan || undefined,
          q: req.query.q,
          tingkat: req.query.tingkat,
          aktif: req.query.aktif,
          ...pageOf(req.query),
        }),
      ),
  );

  api.post(
    '/banks',
    {
      summary:
        "Create a bank: a unit for an RW (rwId, or kelurahanKode + rwNomor) or an institution (lembaga + kelurahanKode), or an induk for the city; in the caller's area",
      params: CityParams,
      body: BankCreateBody,
      out: BankOut,
      status: 201,
      location: (bank) => `/banks/${bank.id}`,
      access: { permission: KELOLA },
    },
    (req) => cityTx(req, (trx) => createBank(trx, userOf(req), req.body)),
  );

  api.get(
    '/banks/:bankId',
    {
      summary: 'One bank, with what the caller may do there',
      params: BankParams,
      out: BankDetailOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => getBank(trx, userOf(req), req.params.bankId)),
  );

  api.patch(
    '/banks/:bankId',
    {
      summary: 'Change a bank (only the fields sent; aktif false deactivates it)',
      params: BankParams,
      body: BankPatchBody,
      out: BankOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => updateBank(trx, userOf(req), req.params.bankId, req.body)),
  );
}

function pengurusApiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/banks/:bankId/pengurus',
    {
      summary: 'Pengurus of a bank (emails masked)',
      params: BankParams,
      out: Type.Object({ items: Type.Array(PengurusOut) }),
      access: user,
    },
    async (req) => ({ items: await cityTx(req, (trx) => listPengurus(trx, userOf(req), req.params.bankId)) }),
  );

  api.post(
    '/banks/:bankId/pengurus',
    {
      summary:
        'Appoint a user of the city (by userId or email) as ketua, teller or bendahara; 200 when their position changed',
      params: BankParams,
      body: PengurusBody,
      out: PengurusOut,
      status: 201,
      also: { 200: PengurusOut },
      access: user,
    },
    async (req, reply) => {
      const r = await cityTx(req, (trx) => addPengurus(trx, userOf(req), req.params.bankId, req.body));
      return reply.status(r.baru ? 201 : 200).send(r.pengurus);
    },
  );

  api.delete(
    '/banks/:bankId/pengurus/:userId',
    { summary: 'Remove a pengurus', params: PengurusParams, status: 204, access: user },
    (req) => cityTx(req, (trx) => removePengurus(trx, userOf(req), req.params.bankId, req.params.userId)),
  );
}

function nasabahApiRoutes(app: BalaiApp, dataKey: Buffer): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/banks/:bankId/nasabah',
    {
      summary:
        'Members of a bank with their balance (search by name, number or phone digits; phone and NIK masked)',
      params: BankParams,
      query: NasabahQuery,
      out: Page(NasabahOut),
      access: user,
    },
    (req) =>
      cityTx(req, (trx) =>
        listNasabah(trx, userOf(req), req.params.bankId, {
          q: req.query.q,
          aktif: req.query.aktif,
          ...pageOf(req.query),
        }),
      ),
  );

  api.post(
    '/banks/:bankId/nasabah',
    {
      summary:
        'Register a member (number <bank kode>-0001 generated unless given; a NIK is stored encrypted and needs nikTujuan)',
      params: BankParams,
      body: NasabahCreateBody,
      out: NasabahOut,
      status: 201,
      location: (n, req) => `/banks/${req.params.bankId}/nasabah/${n.id}`,
      access: user,
    },
    (req) => cityTx(req, (trx) => registerNasabah(trx, userOf(req), req.params.bankId, req.body, dataKey)),
  );

  api.get(
    '/banks/:bankId/nasabah/:nasabahId',
    {
      summary: 'One member with their balance (phone and NIK masked)',
      params: NasabahParams,
      out: NasabahOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => getNasabah(trx, userOf(req), req.params.bankId, req.params.nasabahId)),
  );

  api.patch(
    '/banks/:bankId/nasabah/:nasabahId',
    {
      summary: 'Change a member (only the fields sent; aktif false deactivates, nik null removes the NIK)',
      params: NasabahParams,
      body: NasabahPatchBody,
      out: NasabahOut,
      access: user,
    },
    (req) =>
      cityTx(req, (trx) =>
        updateNasabah(trx, userOf(req), req.params.bankId, req.params.nasabahId, req.body, dataKey),
      ),
  );

  api.get(
    '/banks/:bankId/nasabah/:nasabahId/nik',
    {
      summary: "A member's full NIK (permission bank-sampah.nik; every read is logged with its purpose)",
      params: NasabahParams,
      query: NikQuery,
      out: NikOut,
      replyHeaders: { 'cache-control': 'no-store' },
      access: { permission: NIK },
    },
    (req) =>
      cityTx(req, (trx) =>
        readNik(trx, userOf(req), req.params.bankId, req.params.nasabahId, req.query.tujuan ?? null, dataKey),
      ),
  );
}

function hargaApiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/banks/:bankId/jenis',
    {
      summary: 'Items the bank buys: the reference catalogue and its own items',
      params: BankParams,
      out: Type.Object({ items: Type.Array(JenisOut) }),
      access: user,
    },
    async (req) => ({
      items: await cityTx(req, (trx) => listJenis(trx, userOf(req), req.params.bankId, req.locale)),
    }),
  );

  api.post(
    '/banks/:bankId/jenis',
    {
      summary: "Add an item of the bank's own (code x-<slug> unless given)",
      params: BankParams,
      body: JenisBody,
      out: JenisOut,
      status: 201,
      access: user,
    },
    (req) => cityTx(req, (trx) => addJenis(trx, userOf(req), req.params.bankId, req.body)),
  );

  api.get(
    '/banks/:bankId/harga',
    {
      summary:
        "The bank's price list now: per item and condition the price in force, its source (the bank or its induk) and the next scheduled change",
      params: BankParams,
      out: DaftarHargaOut,
      access: user,
    },
    (req) => cityTx(req, (trx) => listHarga(trx, userOf(req), req.params.bankId, { locale: req.locale })),
  );

  api.post(
    '/banks/:bankId/harga',
    {
      summary: 'Set a price from now or a future moment (a new row; prices are never changed or deleted)',
      params: BankParams,
      body: HargaBody,
      out: HargaRiwayatOut,
      status: 201,
      access: user,
    },
    (req) => cityTx(req, (trx) => setHarga(trx, userOf(req), req.params.bankId, req.body)),
  );

  api.get(
    '/banks/:bankId/harga/riwayat',
    {
      summary: 'Every price set for one item at the bank (and at the induk it inherits from), newest first',
      params: BankParams,
      query: RiwayatQuery,
      out: RiwayatHargaOut,
      access: user,
    },
    (req) =>
      cityTx(req, (trx) =>
        listRiwayatHarga(trx, userOf(req), req.params.bankId, req.query.jenisKode, req.locale),
      ),
  );
}
