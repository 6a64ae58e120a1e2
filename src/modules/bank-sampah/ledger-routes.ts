/**
 * JSON API of the ledger: deposits, withdrawals (and their approval), sales, reversals, the
 * journal, a member's passbook and the bank's balances. Every write carries an Idempotency-Key.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { Paging, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { badRequest, type FieldError } from '../../platform/http/problem.ts';
import { readKuantitas } from '../../platform/angka.ts';
import { bankFor, type BankRow } from './access.ts';
import { batalkan, catatPenarikan, catatPenjualan, putuskanPengajuan, setorkan } from './ledger.ts';
import {
  getBukuTabungan,
  listOperasi,
  listPengajuan,
  getOperasi,
  getPengajuan,
  neraca,
  type OperasiView,
  type PengajuanView,
} from './ledger-read.ts';
import { runOperasi, type Hasil, type OperasiNama } from './operasi.ts';
import {
  BankParams,
  Date_,
  IdempotencyHeaders,
  Jenis,
  JurnalParams,
  KeputusanBody,
  NasabahParams,
  Nullable,
  OperasiOut,
  PembatalanBody,
  PenarikanBody,
  PengajuanOut,
  PengajuanParams,
  PenjualanBody,
  SetoranBody,
} from './ledger-schemas.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Pelaku } from './ledger.ts';

const TAGS = ['bank-sampah'];
const BASE = '/api/v1/cities/:city/bank-sampah/banks/:bankId';

function operasiJson(v: OperasiView) {
  return { ...v, waktu: v.waktu.toISOString() };
}

function pengajuanJson(p: PengajuanView) {
  const { diajukanOlehId: _id, ...rest } = p;
  return { ...rest, createdAt: p.createdAt.toISOString(), diputusAt: p.diputusAt?.toISOString() ?? null };
}

/**
 * Line quantities sent as text are read as typed in Indonesia ("2,5" kg is 2.5 kg); a dot, an
 * exponent or anything else is a 400 naming the line, never guessed. Numbers pass as they are.
 */
export function kuantitasBaris<B extends { kuantitas: number | string }>(baris: B[]): B[] {
  const errors: FieldError[] = [];
  const out = baris.map((b, i) => {
    if (typeof b.kuantitas === 'number') return b;
    const r = readKuantitas(b.kuantitas, { positif: true, max: 100_000 });
    if (!r.ok) errors.push({ pointer: `/body/baris/${i}/kuantitas`, detail: r.galat, params: r.params });
    return { ...b, kuantitas: r.ok ? String(r.nilai) : b.kuantitas };
  });
  if (errors.length) throw badRequest('error.validation', errors);
  return out;
}

async function renderHasil(trx: Tx, bank: BankRow, hasil: Hasil, req: FastifyRequest) {
  if (hasil.jenis === 'jurnal')
    return { operasi: operasiJson(await getOperasi(trx, bank, hasil.id, req.locale)) };
  return { pengajuan: pengajuanJson(await getPengajuan(trx, bank, hasil.id)) };
}

/** The bank and the Idempotency-Key of a write (both required by its schema). */
function keyOf(req: { params: { bankId: string }; headers: { 'idempotency-key': string } }) {
  return { bankId: req.params.bankId, kunci: req.headers['idempotency-key'] };
}

/** Runs an operation from the API and sends 201 (202 for a pending request), or 200 for a replay. */
async function runApi(
  req: FastifyRequest,
  reply: FastifyReply,
  at: { bankId: string; kunci: string },
  operasi: OperasiNama,
  isi: unknown,
  perform: (trx: Tx, bank: BankRow, pelaku: Pelaku, id: string) => Promise<Hasil>,
) {
  const r = await runOperasi(req, at.bankId, operasi, at.kunci, isi, perform, (trx, bank, hasil) =>
    renderHasil(trx, bank, hasil, req),
  );
  if (r.replay) reply.header('idempotent-replayed', 'true');
  const status = r.replay ? 200 : r.hasil.jenis === 'pengajuan' ? 202 : 201;
  return reply.status(status).send(r.view.operasi ?? r.view);
}

/** The JSON API of the ledger: operations, requests and their decision, journal, passbook, balances. */
export function ledgerApiRoutes(app: BalaiApp, _ctx: ModuleContext): void {
  operasiRoutes(app);
  jurnalRoutes(app);
  pengajuanRoutes(app);
  saldoRoutes(app);
}

// Who may act at a bank depends on the bank (its area, its pengurus): access.ts decides.
const write = { access: 'user' } as const;
const read = { access: 'user' } as const;

/** Deposits, withdrawals, sales and reversals, each under an Idempotency-Key. */
function operasiRoutes(app: BalaiApp): void {
  app.post(
    `${BASE}/setoran`,
    {
      schema: {
        tags: TAGS,
        summary:
          "Deposit: weighed lines valued at the prices in force, credited to the member's savings; above the bank's limits (kg per line, value per deposit) it waits for approval (202)",
        params: BankParams,
        headers: IdempotencyHeaders,
        body: SetoranBody,
        response: {
          201: OperasiOut,
          200: Type.Union([OperasiOut, Type.Object({ pengajuan: PengajuanOut })]),
          202: Type.Object({ pengajuan: PengajuanOut }),
          ...errorResponses,
        },
      },
      config: write,
    },
    async (req, reply) => {
      const body = req.body;
      const input = {
        ...body,
        baris: kuantitasBaris(body.baris),
      };
      return runApi(req, reply, keyOf(req), 'setoran', input, (trx, bank, pelaku, id) =>
        setorkan(trx, pelaku, bank, input, id),
      );
    },
  );

  app.post(
    `${BASE}/penarikan`,
    {
      schema: {
        tags: TAGS,
        summary:
          "Cash withdrawal, never above the member's balance; above the bank's threshold it waits for approval (202)",
        params: BankParams,
        headers: IdempotencyHeaders,
        body: PenarikanBody,
        response: {
          201: OperasiOut,
          200: Type.Union([OperasiOut, Type.Object({ pengajuan: PengajuanOut })]),
          202: Type.Object({ pengajuan: PengajuanOut }),
          ...errorResponses,
        },
      },
      config: write,
    },
    async (req, reply) => {
      const body = req.body;
      return runApi(req, reply, keyOf(req), 'penarikan', body, (trx, bank, pelaku, id) =>
        catatPenarikan(trx, pelaku, bank, body, id),
      );
    },
  );

  app.post(
    `${BASE}/penjualan`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Sale of stock to an induk on Balai (recorded there as a deposit) or to a collector, never above stock',
        params: BankParams,
        headers: IdempotencyHeaders,
        body: PenjualanBody,
        response: { 201: OperasiOut, 200: OperasiOut, ...errorResponses },
      },
      config: write,
    },
    async (req, reply) => {
      const body = req.body;
      const input = {
        ...body,
        baris: kuantitasBaris(body.baris),
      };
      return runApi(req, reply, keyOf(req), 'penjualan', input, async (trx, bank, pelaku, id) => ({
        jenis: 'jurnal',
        id: await catatPenjualan(trx, pelaku, bank, input, id),
      }));
    },
  );

  app.post(
    `${BASE}/jurnal/:jurnalId/pembatalan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Reverse an entry with a reason (a new entry negating it; once per entry)',
        params: JurnalParams,
        headers: IdempotencyHeaders,
        body: PembatalanBody,
        response: { 201: OperasiOut, 200: OperasiOut, ...errorResponses },
      },
      config: write,
    },
    async (req, reply) => {
      const { jurnalId } = req.params;
      const body = req.body;
      return runApi(
        req,
        reply,
        keyOf(req),
        'pembatalan',
        { jurnalId, ...body },
        async (trx, bank, pelaku, id) => ({
          jenis: 'jurnal',
          id: await batalkan(trx, pelaku, bank, jurnalId, body.alasan, id),
        }),
      );
    },
  );
}

/** Requests awaiting a second person, and their decision. */
function pengajuanRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/pengajuan`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Requests awaiting a second person: withdrawals above the threshold, deposits above the limits',
        params: BankParams,
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('menunggu'), Type.Literal('disetujui'), Type.Literal('ditolak')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(PengajuanOut) }), ...errorResponses },
      },
      config: read,
    },
    async (req) => {
      const { bankId } = req.params;
      const { status } = req.query;
      const items = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId);
        return listPengajuan(trx, bank, { status });
      });
      return { items: items.map(pengajuanJson) };
    },
  );

  app.post(
    `${BASE}/pengajuan/:id/keputusan`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Approve (posts the withdrawal, balance checked again, or the deposit) or reject a request; not by its requester nor by a pengurus its requester appointed',
        params: PengajuanParams,
        body: KeputusanBody,
        response: {
          200: Type.Object({ pengajuan: PengajuanOut, operasi: Nullable(OperasiOut) }),
          ...errorResponses,
        },
      },
      config: read,
    },
    async (req) => {
      const { bankId, id } = req.params;
      const body = req.body;
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, user, bankId, 'setujui');
        const r = await putuskanPengajuan(trx, { user }, bank, id, body);
        return {
          pengajuan: pengajuanJson(await getPengajuan(trx, bank, id)),
          operasi: r.jurnalId ? operasiJson(await getOperasi(trx, bank, r.jurnalId, req.locale)) : null,
        };
      });
    },
  );
}

/** The journal and one entry (a receipt). */
function jurnalRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/jurnal`,
    {
      schema: {
        tags: TAGS,
        summary: "The bank's journal, newest first (filter by kind, member, WIB dates)",
        params: BankParams,
        querystring: Type.Object(
          {
            jenis: Type.Optional(Jenis),
            nasabahId: Type.Optional(Uuid),
            dari: Type.Optional(Date_),
            sampai: Type.Optional(Date_),
            ...Paging,
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(OperasiOut),
            total: Type.Integer(),
            page: Type.Integer(),
            perPage: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
      config: read,
    },
    async (req) => {
      const { bankId } = req.params;
      const q = req.query;
      const r = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId);
        return listOperasi(trx, bank, { ...q, page: q.page ?? 1, perPage: q.perPage ?? 50 }, req.locale);
      });
      return { ...r, items: r.items.map(operasiJson) };
    },
  );

  app.get(
    `${BASE}/jurnal/:jurnalId`,
    {
      schema: {
        tags: TAGS,
        summary: 'One entry with its lines (a receipt)',
        params: JurnalParams,
        response: { 200: OperasiOut, ...errorResponses },
      },
      config: read,
    },
    async (req) => {
      const { bankId, jurnalId } = req.params;
      return operasiJson(
        await cityTx(req, async (trx) => {
          const { bank } = await bankFor(trx, userOf(req), bankId);
          return getOperasi(trx, bank, jurnalId, req.locale);
        }),
      );
    },
  );
}

/** A member's passbook and the bank's balances. */
function saldoRoutes(app: BalaiApp): void {
  app.get(
    `${BASE}/nasabah/:nasabahId/buku`,
    {
      schema: {
        tags: TAGS,
        summary: "A member's passbook: every entry on their savings with the running balance",
        params: NasabahParams,
        querystring: Type.Object(
          { dari: Type.Optional(Date_), sampai: Type.Optional(Date_) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            nasabah: Type.Object({
              id: Uuid,
              nomor: Type.String(),
              nama: Type.String(),
              jenis: Type.String(),
            }),
            saldoAwal: Type.Integer(),
            saldo: Type.Integer(),
            items: Type.Array(
              Type.Object({
                jurnalId: Uuid,
                nomor: Type.Integer(),
                waktu: Type.String({ format: 'date-time' }),
                jenis: Jenis,
                jenisAsal: Nullable(Jenis),
                keterangan: Type.String(),
                masuk: Type.Integer(),
                keluar: Type.Integer(),
                saldo: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      config: { access: 'user' },
    },
    async (req) => {
      const { bankId, nasabahId } = req.params;
      const q = req.query;
      const buku = await cityTx(req, (trx) => getBukuFor(trx, req, bankId, nasabahId, q));
      return { ...buku, items: buku.items.map((i) => ({ ...i, waktu: i.waktu.toISOString() })) };
    },
  );

  app.get(
    `${BASE}/neraca`,
    {
      schema: {
        tags: TAGS,
        summary:
          "The bank's balances (cash, members' savings, stock value, income, due from induk) and stock",
        params: BankParams,
        response: {
          200: Type.Object({
            kas: Type.Integer(),
            tabungan: Type.Integer(),
            persediaan: Type.Integer(),
            pendapatan: Type.Integer(),
            piutangInduk: Type.Integer(),
            stok: Type.Array(
              Type.Object({
                jenisKode: Type.String(),
                nama: Type.String(),
                kategoriKode: Type.String(),
                satuan: Type.String(),
                kuantitas: Type.Number(),
                nilai: Type.Integer(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
      config: read,
    },
    async (req) => {
      const { bankId } = req.params;
      return cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId);
        return neraca(trx, bank, req.locale);
      });
    },
  );
}

/**
 * A passbook for the bank's officers, or for the member themself (a warga whose account is
 * linked to the member). Anyone else: 404.
 */
export async function getBukuFor(
  trx: Tx,
  req: FastifyRequest,
  bankId: string,
  nasabahId: string,
  q: { dari?: string | undefined; sampai?: string | undefined },
) {
  const user = userOf(req);
  const own = await trx
    .selectFrom('bank_sampah_nasabah')
    .select('id')
    .where('id', '=', nasabahId)
    .where('bank_id', '=', bankId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  let bank: BankRow;
  if (own) {
    bank = (await trx
      .selectFrom('bank_sampah')
      .selectAll()
      .where('id', '=', bankId)
      .executeTakeFirstOrThrow()) as BankRow;
  } else {
    bank = (await bankFor(trx, user, bankId)).bank;
  }
  return getBukuTabungan(trx, bank, nasabahId, q, req.locale);
}
