/**
 * JSON API of the ledger: deposits, withdrawals (and their approval), sales, reversals, the
 * journal, a member's passbook and the bank's balances. Every write carries an Idempotency-Key.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { CitySlug, Paging, Uuid, errorResponses } from '../../platform/http/schemas.ts';
import { badRequest, type FieldError } from '../../platform/http/problem.ts';
import { bacaKuantitas } from '../../platform/angka.ts';
import { bankFor, type BankRow } from './access.ts';
import { batalkan, catatPenarikan, catatPenjualan, putuskanPengajuan, setorkan } from './ledger.ts';
import {
  bukuTabungan,
  daftarOperasi,
  daftarPengajuan,
  getOperasi,
  getPengajuan,
  neraca,
  type OperasiView,
  type PengajuanView,
} from './ledger-read.ts';
import { jalankanOperasi, type Hasil, type OperasiNama } from './operasi.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import type { Pelaku } from './ledger.ts';

const TAGS = ['bank-sampah'];
const BASE = '/api/v1/cities/:city/bank-sampah/banks/:bankId';

const BankParams = Type.Object({ city: CitySlug, bankId: Uuid }, { additionalProperties: false });
const JurnalParams = Type.Object(
  { city: CitySlug, bankId: Uuid, jurnalId: Uuid },
  { additionalProperties: false },
);
const NasabahParams = Type.Object(
  { city: CitySlug, bankId: Uuid, nasabahId: Uuid },
  { additionalProperties: false },
);
const PengajuanParams = Type.Object(
  { city: CitySlug, bankId: Uuid, id: Uuid },
  { additionalProperties: false },
);

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9_.:-]{8,100}$',
    description: 'Client-chosen key; a retry with the same key and body returns the original result',
  }),
});

const Catatan = Type.Optional(Type.String({ maxLength: 500 }));
const Kuantitas = Type.Union([
  Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
  Type.String({
    maxLength: 20,
    description: 'As typed in Indonesia: digits with a decimal comma, e.g. "2,5"',
  }),
]);
const Kondisi = Type.Union([Type.Literal('bersih'), Type.Literal('kotor')]);
const JenisKode = Type.String({ pattern: '^(x-)?[a-z0-9-]{2,42}$' });
const Jenis = Type.Union([
  Type.Literal('setoran'),
  Type.Literal('penarikan'),
  Type.Literal('penjualan'),
  Type.Literal('pencairan'),
  Type.Literal('pembatalan'),
]);
const Date_ = Type.String({ format: 'date', description: 'YYYY-MM-DD (WIB)' });

export const SetoranBody = Type.Object(
  {
    nasabahId: Uuid,
    baris: Type.Array(
      Type.Object(
        { jenisKode: JenisKode, kondisi: Kondisi, kuantitas: Kuantitas },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    catatan: Catatan,
  },
  { additionalProperties: false },
);

export const PenarikanBody = Type.Object(
  { nasabahId: Uuid, jumlah: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), catatan: Catatan },
  { additionalProperties: false },
);

export const PenjualanBody = Type.Object(
  {
    indukId: Type.Optional(Uuid),
    pembeliNama: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
    baris: Type.Array(
      Type.Object(
        {
          jenisKode: JenisKode,
          kuantitas: Kuantitas,
          hargaSatuan: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    catatan: Catatan,
  },
  { additionalProperties: false },
);

export const PembatalanBody = Type.Object(
  { alasan: Type.String({ minLength: 5, maxLength: 500 }) },
  { additionalProperties: false },
);

const KeputusanBody = Type.Object(
  { setuju: Type.Boolean(), alasan: Type.Optional(Type.String({ minLength: 5, maxLength: 500 })) },
  { additionalProperties: false },
);

const Ref = Type.Object({ id: Uuid, nomor: Type.Integer() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const OperasiOut = Type.Object({
  id: Uuid,
  nomor: Type.Integer(),
  jenis: Jenis,
  jenisAsal: Nullable(Jenis),
  waktu: Type.String({ format: 'date-time' }),
  bankId: Uuid,
  nasabah: Nullable(Type.Object({ id: Uuid, nomor: Type.String(), nama: Type.String() })),
  pembeli: Nullable(Type.Object({ bankId: Nullable(Uuid), nama: Type.String() })),
  total: Type.Integer({ description: 'Rupiah credited, paid out or received' }),
  bagiHasil: Type.Integer(),
  saldoSetelah: Nullable(Type.Integer()),
  baris: Type.Array(
    Type.Object({
      jenisKode: Type.String(),
      nama: Type.String(),
      kondisi: Nullable(Kondisi),
      satuan: Type.String(),
      kuantitas: Type.Number(),
      kg: Type.Number(),
      hargaSatuan: Nullable(Type.Integer()),
      nilai: Type.Integer(),
    }),
  ),
  membatalkan: Nullable(Ref),
  alasan: Nullable(Type.String()),
  dibatalkan: Nullable(Type.Object({ id: Uuid, nomor: Type.Integer(), alasan: Type.String() })),
  terkaitId: Nullable(Uuid),
  catatan: Nullable(Type.String()),
  dibuatOleh: Nullable(Type.String()),
});

const PengajuanOut = Type.Object({
  id: Uuid,
  jenis: Type.Union([Type.Literal('penarikan'), Type.Literal('setoran')]),
  baris: Nullable(
    Type.Array(
      Type.Object({
        jenisKode: Type.String(),
        kondisi: Type.Union([Type.Literal('bersih'), Type.Literal('kotor')]),
        kuantitas: Type.String(),
      }),
    ),
  ),
  nasabah: Type.Object({ id: Uuid, nomor: Type.String(), nama: Type.String() }),
  jumlah: Type.Integer(),
  catatan: Nullable(Type.String()),
  status: Type.Union([Type.Literal('menunggu'), Type.Literal('disetujui'), Type.Literal('ditolak')]),
  diajukanOleh: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  diputusOleh: Nullable(Type.String()),
  diputusAt: Nullable(Type.String({ format: 'date-time' })),
  alasanTolak: Nullable(Type.String()),
  jurnalId: Nullable(Uuid),
});

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
    const r = bacaKuantitas(b.kuantitas, { positif: true, max: 100_000 });
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

/** Runs an operation from the API and sends 201 (202 for a pending request), or 200 for a replay. */
async function runApi(
  req: FastifyRequest,
  reply: FastifyReply,
  operasi: OperasiNama,
  isi: unknown,
  perform: (trx: Tx, bank: BankRow, pelaku: Pelaku, id: string) => Promise<Hasil>,
) {
  const { bankId } = req.params as { bankId: string };
  const kunci = (req.headers as Record<string, string>)['idempotency-key'] as string;
  const r = await jalankanOperasi(req, bankId, operasi, kunci, isi, perform, (trx, bank, hasil) =>
    renderHasil(trx, bank, hasil, req),
  );
  if (r.replay) reply.header('idempotent-replayed', 'true');
  const status = r.replay ? 200 : r.hasil.jenis === 'pengajuan' ? 202 : 201;
  return reply.status(status).send(r.view.operasi ?? r.view);
}

export function ledgerApiRoutes(app: FastifyInstance, _ctx: ModuleContext): void {
  // Who may act at a bank depends on the bank (its area, its pengurus): access.ts decides.
  const write = { access: 'user' } as const;
  const read = { access: 'user' } as const;

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
      const body = req.body as Static<typeof SetoranBody>;
      const input = {
        ...body,
        baris: kuantitasBaris(body.baris),
      };
      return runApi(req, reply, 'setoran', input, (trx, bank, pelaku, id) =>
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
      const body = req.body as Static<typeof PenarikanBody>;
      return runApi(req, reply, 'penarikan', body, (trx, bank, pelaku, id) =>
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
      const body = req.body as Static<typeof PenjualanBody>;
      const input = {
        ...body,
        baris: kuantitasBaris(body.baris),
      };
      return runApi(req, reply, 'penjualan', input, async (trx, bank, pelaku, id) => ({
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
      const { jurnalId } = req.params as Static<typeof JurnalParams>;
      const body = req.body as Static<typeof PembatalanBody>;
      return runApi(req, reply, 'pembatalan', { jurnalId, ...body }, async (trx, bank, pelaku, id) => ({
        jenis: 'jurnal',
        id: await batalkan(trx, pelaku, bank, jurnalId, body.alasan, id),
      }));
    },
  );

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
      const { bankId } = req.params as Static<typeof BankParams>;
      const q = req.query as {
        jenis?: Static<typeof Jenis>;
        nasabahId?: string;
        dari?: string;
        sampai?: string;
        page?: number;
        perPage?: number;
      };
      const r = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId);
        return daftarOperasi(trx, bank, { ...q, page: q.page ?? 1, perPage: q.perPage ?? 50 }, req.locale);
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
      const { bankId, jurnalId } = req.params as Static<typeof JurnalParams>;
      return operasiJson(
        await cityTx(req, async (trx) => {
          const { bank } = await bankFor(trx, userOf(req), bankId);
          return getOperasi(trx, bank, jurnalId, req.locale);
        }),
      );
    },
  );

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
      const { bankId } = req.params as Static<typeof BankParams>;
      const { status } = req.query as { status?: 'menunggu' | 'disetujui' | 'ditolak' };
      const items = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId);
        return daftarPengajuan(trx, bank, { status });
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
      const { bankId, id } = req.params as Static<typeof PengajuanParams>;
      const body = req.body as Static<typeof KeputusanBody>;
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
      const { bankId, nasabahId } = req.params as Static<typeof NasabahParams>;
      const q = req.query as { dari?: string; sampai?: string };
      const buku = await cityTx(req, (trx) => bukuUntuk(trx, req, bankId, nasabahId, q));
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
      const { bankId } = req.params as Static<typeof BankParams>;
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
export async function bukuUntuk(
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
  return bukuTabungan(trx, bank, nasabahId, q, req.locale);
}
