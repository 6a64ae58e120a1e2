/**
 * JSON API of the ledger: deposits, withdrawals (and their approval), sales, reversals, the
 * journal, a member's passbook and the bank's balances. Every write carries an Idempotency-Key.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { Paging, Uuid } from '../../platform/http/schemas.ts';
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
const write: Access = 'user';
const read: Access = 'user';

/** An operation: under an Idempotency-Key, 201 with the entry (200 when replayed). */
const idem = {
  headers: IdempotencyHeaders,
  out: OperasiOut,
  status: 201,
  also: { 200: OperasiOut },
  access: write,
} as const;
const Menunggu = Type.Object({ pengajuan: PengajuanOut });
/** A deposit or withdrawal above the bank's limits waits for approval (202); a replay answers either. */
const bisaMenunggu = { 200: Type.Union([OperasiOut, Menunggu]), 202: Menunggu };

/** Deposits, withdrawals, sales and reversals, each under an Idempotency-Key. */
function operasiRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.post(
    '/setoran',
    {
      summary:
        "Deposit: weighed lines valued at the prices in force, credited to the member's savings; above the bank's limits (kg per line, value per deposit) it waits for approval (202)",
      params: BankParams,
      body: SetoranBody,
      ...idem,
      also: bisaMenunggu,
    },
    (req, reply) => {
      const input = {
        ...req.body,
        baris: kuantitasBaris(req.body.baris),
      };
      return runApi(req, reply, keyOf(req), 'setoran', input, (trx, bank, pelaku, id) =>
        setorkan(trx, pelaku, bank, input, id),
      );
    },
  );

  api.post(
    '/penarikan',
    {
      summary:
        "Cash withdrawal, never above the member's balance; above the bank's threshold it waits for approval (202)",
      params: BankParams,
      body: PenarikanBody,
      ...idem,
      also: bisaMenunggu,
    },
    (req, reply) =>
      runApi(req, reply, keyOf(req), 'penarikan', req.body, (trx, bank, pelaku, id) =>
        catatPenarikan(trx, pelaku, bank, req.body, id),
      ),
  );

  api.post(
    '/penjualan',
    {
      summary:
        'Sale of stock to an induk on Balai (recorded there as a deposit) or to a collector, never above stock',
      params: BankParams,
      body: PenjualanBody,
      ...idem,
    },
    async (req, reply) => {
      const input = {
        ...req.body,
        baris: kuantitasBaris(req.body.baris),
      };
      return runApi(req, reply, keyOf(req), 'penjualan', input, async (trx, bank, pelaku, id) => ({
        jenis: 'jurnal',
        id: await catatPenjualan(trx, pelaku, bank, input, id),
      }));
    },
  );

  api.post(
    '/jurnal/:jurnalId/pembatalan',
    {
      summary: 'Reverse an entry with a reason (a new entry negating it; once per entry)',
      params: JurnalParams,
      body: PembatalanBody,
      ...idem,
    },
    async (req, reply) =>
      runApi(
        req,
        reply,
        keyOf(req),
        'pembatalan',
        { jurnalId: req.params.jurnalId, ...req.body },
        async (trx, bank, pelaku, id) => ({
          jenis: 'jurnal',
          id: await batalkan(trx, pelaku, bank, req.params.jurnalId, req.body.alasan, id),
        }),
      ),
  );
}

/** Requests awaiting a second person, and their decision. */
function pengajuanRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/pengajuan',
    {
      summary:
        'Requests awaiting a second person: withdrawals above the threshold, deposits above the limits',
      params: BankParams,
      query: Type.Object(
        {
          status: Type.Optional(
            Type.Union([Type.Literal('menunggu'), Type.Literal('disetujui'), Type.Literal('ditolak')]),
          ),
        },
        { additionalProperties: false },
      ),
      out: Type.Object({ items: Type.Array(PengajuanOut) }),
      access: read,
    },
    async (req) => {
      const items = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), req.params.bankId);
        return listPengajuan(trx, bank, { status: req.query.status });
      });
      return { items: items.map(pengajuanJson) };
    },
  );

  api.post(
    '/pengajuan/:id/keputusan',
    {
      summary:
        'Approve (posts the withdrawal, balance checked again, or the deposit) or reject a request; not by its requester nor by a pengurus its requester appointed',
      params: PengajuanParams,
      body: KeputusanBody,
      out: Type.Object({ pengajuan: PengajuanOut, operasi: Nullable(OperasiOut) }),
      access: read,
    },
    async (req) => {
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, user, req.params.bankId, 'setujui');
        const r = await putuskanPengajuan(trx, { user }, bank, req.params.id, req.body);
        return {
          pengajuan: pengajuanJson(await getPengajuan(trx, bank, req.params.id)),
          operasi: r.jurnalId ? operasiJson(await getOperasi(trx, bank, r.jurnalId, req.locale)) : null,
        };
      });
    },
  );
}

/** The journal and one entry (a receipt). */
function jurnalRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/jurnal',
    {
      summary: "The bank's journal, newest first (filter by kind, member, WIB dates)",
      params: BankParams,
      query: Type.Object(
        {
          jenis: Type.Optional(Jenis),
          nasabahId: Type.Optional(Uuid),
          dari: Type.Optional(Date_),
          sampai: Type.Optional(Date_),
          ...Paging,
        },
        { additionalProperties: false },
      ),
      out: Type.Object({
        items: Type.Array(OperasiOut),
        total: Type.Integer(),
        page: Type.Integer(),
        perPage: Type.Integer(),
      }),
      access: read,
    },
    async (req) => {
      const r = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), req.params.bankId);
        return listOperasi(trx, bank, { ...req.query, ...pageOf(req.query) }, req.locale);
      });
      return { ...r, items: r.items.map(operasiJson) };
    },
  );

  api.get(
    '/jurnal/:jurnalId',
    { summary: 'One entry with its lines (a receipt)', params: JurnalParams, out: OperasiOut, access: read },
    async (req) =>
      operasiJson(
        await cityTx(req, async (trx) => {
          const { bank } = await bankFor(trx, userOf(req), req.params.bankId);
          return getOperasi(trx, bank, req.params.jurnalId, req.locale);
        }),
      ),
  );
}

/** A member's passbook and the bank's balances. */
function saldoRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.get(
    '/nasabah/:nasabahId/buku',
    {
      summary: "A member's passbook: every entry on their savings with the running balance",
      params: NasabahParams,
      query: Type.Object(
        { dari: Type.Optional(Date_), sampai: Type.Optional(Date_) },
        { additionalProperties: false },
      ),
      out: Type.Object({
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
      access: 'user',
    },
    async (req) => {
      const buku = await cityTx(req, (trx) =>
        getBukuFor(trx, req, req.params.bankId, req.params.nasabahId, req.query),
      );
      return { ...buku, items: buku.items.map((i) => ({ ...i, waktu: i.waktu.toISOString() })) };
    },
  );

  api.get(
    '/neraca',
    {
      summary: "The bank's balances (cash, members' savings, stock value, income, due from induk) and stock",
      params: BankParams,
      out: Type.Object({
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
      access: read,
    },
    async (req) =>
      cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), req.params.bankId);
        return neraca(trx, bank, req.locale);
      }),
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
