/**
 * Reading Prakarsa RW allocations with their disbursements and spending, the access rule of an
 * allocation (through its RW), and the row lock every change of money takes first.
 */
import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import { badRequest, conflict, notFound, type FieldError } from '../../../platform/http/problem.ts';
import { formatRupiah } from '../../../platform/i18n/index.ts';
import type { Database } from '../../../platform/db/schema.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { checkAlasan, checkTanggal } from './prakarsa-checks.ts';
import { UUID_RE, bodyField as body } from '../kbs/kbs-common.ts';
import { findRwInArea, type RwRingkas } from '../kbs/kbs-access.ts';
import { type KategoriBelanja } from './prakarsa-tables.ts';
import { PRAKARSA_LIHAT } from './permissions-prakarsa.ts';
import { sameTenant } from '../../../platform/db/tenant-join.ts';

/** The RW if the user sees Prakarsa data there (404 otherwise) and holds `need` there (403 otherwise). */
export function findRwPrakarsa(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  need: Permission = PRAKARSA_LIHAT,
): Promise<RwRingkas> {
  return findRwInArea(trx, user, rwId, {
    lihat: PRAKARSA_LIHAT,
    need,
    tidakAda: 'sampah.prakarsa.err.rwTidakAda',
  });
}

export interface AlokasiRow {
  id: string;
  rw_id: string;
  tahun: number;
  jumlah: number;
}

/** An allocation the user sees, with its RW (404 otherwise; also when it is not of rwId), holding `need` there. */
export async function findAlokasi(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  need: Permission,
  rwId?: string,
): Promise<{ a: AlokasiRow; rw: RwRingkas }> {
  const a = UUID_RE.test(id)
    ? await trx
        .selectFrom('sampah_prakarsa_alokasi')
        .select(['id', 'rw_id', 'tahun', 'jumlah'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!a || (rwId !== undefined && a.rw_id !== rwId)) throw notFound('sampah.prakarsa.err.alokasiTidakAda');
  const rw = await findRwPrakarsa(trx, user, a.rw_id, need);
  return { a, rw };
}

/** Locks the allocation row (until the end of the transaction) and reads its sums. */
export async function lockAlokasi(
  trx: Tx,
  alokasiId: string,
): Promise<{ jumlah: number; dicairkan: number; dibelanjakan: number }> {
  const row = await trx
    .selectFrom('sampah_prakarsa_alokasi')
    .select('jumlah')
    .where('id', '=', alokasiId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const sums = (await sumPerAlokasi(trx, [alokasiId])).get(alokasiId);
  return { jumlah: row.jumlah, dicairkan: sums?.dicairkan ?? 0, dibelanjakan: sums?.dibelanjakan ?? 0 };
}

type Sums = { dicairkan: number; dibelanjakan: number };

/** The tables of an allocation's entries, by the sum they make: disbursements and spending reports. */
const ENTRI_TABLE = {
  dicairkan: 'sampah_prakarsa_pencairan',
  dibelanjakan: 'sampah_prakarsa_belanja',
} as const;
export type EntriTable = (typeof ENTRI_TABLE)[keyof Sums];

/**
 * The start of a new entry (a disbursement or a spending report): the allocation, if the user sees
 * it and holds `need` at its RW (404/403), and the field errors so far (the date's).
 */
export async function openEntri(
  trx: Tx,
  user: CurrentUser | null,
  alokasiId: string,
  need: Permission,
  input: { tanggal: string; rwId?: string | undefined; now?: Date | undefined },
): Promise<{ a: AlokasiRow; errors: FieldError[] }> {
  const { a } = await findAlokasi(trx, user, alokasiId, need, input.rwId);
  const tgl = checkTanggal(input.tanggal, 'tanggal', input.now);
  return { a, errors: tgl ? [tgl] : [] };
}

/** What a new entry may not exceed, and the problem that refuses it, by the sum it adds to. */
const SISA = {
  dicairkan: {
    problem: 'sampah.prakarsa.err.pencairan',
    melebihi: 'sampah.prakarsa.err.melebihiAlokasi',
    of: (s: Sums & { jumlah: number }) => s.jumlah - s.dicairkan,
  },
  dibelanjakan: {
    problem: 'sampah.prakarsa.err.belanja',
    melebihi: 'sampah.prakarsa.err.melebihiDana',
    of: (s: Sums & { jumlah: number }) => s.dicairkan - s.dibelanjakan,
  },
} as const;

/**
 * The steps every new entry (a disbursement or a spending report) shares once its kind has checked
 * its fields: refuses (400) the field errors found, locks the allocation and refuses (400) an amount
 * above what is left (of the allocation for a disbursement, of the disbursed money for spending).
 * Gives the columns every entry has.
 */
export async function prepareEntri(
  trx: Tx,
  a: AlokasiRow,
  kind: keyof Sums,
  input: { tanggal: string; jumlah: number; errors: FieldError[]; demo?: boolean | undefined },
) {
  const { problem, melebihi, of } = SISA[kind];
  if (input.errors.length) throw badRequest(problem, input.errors);
  const sisa = of(await lockAlokasi(trx, a.id));
  if (input.jumlah > sisa)
    throw badRequest(problem, [body('jumlah', melebihi)], { sisa: formatRupiah(sisa) });
  return {
    tenant_id: sql<string>`balai_current_tenant()`,
    alokasi_id: a.id,
    tanggal: input.tanggal,
    jumlah: input.jumlah,
    demo: input.demo ?? false,
  };
}

/**
 * The checks before an entry (a disbursement or a spending report) is reversed in full: it exists
 * (404) and the user holds `need` at its RW; a reason is given (400); it is not a reversal itself nor
 * reversed already (409, checked under the allocation's row lock). Gives the entry, its allocation's
 * sums and the reason, and the columns the reversing entry shares with every kind.
 */
export async function prepareCancel<T extends EntriTable>(
  trx: Tx,
  user: CurrentUser | null,
  table: T,
  id: string,
  ask: {
    need: Permission;
    alasan: string | null | undefined;
    rwId?: string | undefined;
    now?: Date | undefined;
  },
) {
  const found = UUID_RE.test(id)
    ? await trx
        .selectFrom(table as EntriTable)
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!found) throw notFound('sampah.prakarsa.err.entriTidakAda');
  const e = found as Selectable<Database[T]> & Selectable<Database[EntriTable]>;
  const { a } = await findAlokasi(trx, user, e.alokasi_id, ask.need, ask.rwId);
  const { alasan, error } = checkAlasan(ask.alasan, 'alasan');
  if (error) throw badRequest('sampah.prakarsa.err.pembatalan', [error]);
  if (e.membatalkan_id !== null) throw conflict('sampah.prakarsa.err.bukanEntri');
  const sums = await lockAlokasi(trx, a.id);
  const sudah = await trx
    .selectFrom(table as EntriTable)
    .select('id')
    .where('membatalkan_id', '=', e.id)
    .executeTakeFirst();
  if (sudah) throw conflict('sampah.prakarsa.err.sudahDibatalkan');
  const reversal = {
    tenant_id: sql<string>`balai_current_tenant()`,
    alokasi_id: a.id,
    tanggal: todayWib(ask.now),
    jumlah: -e.jumlah,
    membatalkan_id: e.id,
  };
  return { e, a, sums, alasan, reversal };
}

/** Net disbursed and spent (reversals included) per allocation of the given ids or of a year. */
async function sumEntri(
  trx: Tx,
  where: { ids: readonly string[] } | { tahun: number },
): Promise<Map<string, Sums>> {
  const out = new Map<string, Sums>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { dicairkan: 0, dibelanjakan: 0 }));
    return v;
  };
  if ('ids' in where) {
    if (!where.ids.length) return out;
    where.ids.forEach(of);
  }
  for (const kind of ['dicairkan', 'dibelanjakan'] as const) {
    // Both entry tables have the columns read here (alokasi_id, jumlah); typed as one of them.
    const from = `${ENTRI_TABLE[kind]} as e` as 'sampah_prakarsa_pencairan as e';
    let q = trx
      .selectFrom(from)
      .innerJoin('sampah_prakarsa_alokasi as a', 'a.id', 'e.alokasi_id')
      .select(['e.alokasi_id', sql<string>`sum(e.jumlah)`.as('n')])
      .groupBy('e.alokasi_id');
    q = 'ids' in where ? q.where('e.alokasi_id', 'in', where.ids) : q.where('a.tahun', '=', where.tahun);
    for (const r of await q.execute()) of(r.alokasi_id)[kind] = Number(r.n);
  }
  return out;
}

/** Disbursed and spent per allocation (every id has its row, zero without entries). */
export function sumPerAlokasi(trx: Tx, ids: readonly string[]): Promise<Map<string, Sums>> {
  return sumEntri(trx, { ids });
}

/** Disbursed and spent per allocation of a year that has entries. */
export function sumPerTahun(trx: Tx, tahun: number): Promise<Map<string, Sums>> {
  return sumEntri(trx, { tahun });
}

export interface PencairanView {
  id: string;
  tahap: number;
  tanggal: string;
  /** Negative for a reversal. */
  jumlah: number;
  catatan: string | null;
  membatalkanId: string | null;
  /** Reversed by a later entry. */
  dibatalkan: boolean;
  createdAt: string;
}

export interface BelanjaView {
  id: string;
  tanggal: string;
  kategori: KategoriBelanja;
  uraian: string;
  /** Negative for a reversal. */
  jumlah: number;
  kuantitas: number | null;
  satuan: string | null;
  alasan: string | null;
  membatalkanId: string | null;
  dibatalkan: boolean;
  createdAt: string;
}

export interface AlokasiView {
  id: string;
  rwId: string;
  tahun: number;
  jumlah: number;
  nominalAturan: number;
  kbs: boolean;
  tingkat: { id: string; nama: string } | null;
  alasan: string | null;
  dicairkan: number;
  dibelanjakan: number;
  /** Allocated but not disbursed yet. */
  sisaAlokasi: number;
  /** Disbursed but not reported as spent yet. */
  sisaDana: number;
  pencairan: PencairanView[];
  belanja: BelanjaView[];
  createdAt: string;
}

export async function listAlokasiViews(
  trx: Tx,
  where: { id?: string; rwId?: string },
): Promise<AlokasiView[]> {
  let q = trx
    .selectFrom('sampah_prakarsa_alokasi as a')
    .leftJoin('sampah_kbs_tingkat as t', sameTenant('t.id', 'a.tingkat_id'))
    .select([
      'a.id',
      'a.rw_id',
      'a.tahun',
      'a.jumlah',
      'a.nominal_aturan',
      'a.kbs',
      'a.tingkat_id',
      't.nama as tingkat_nama',
      'a.alasan',
      'a.created_at',
    ])
    .orderBy('a.tahun', 'desc');
  if (where.id) q = q.where('a.id', '=', where.id);
  if (where.rwId) q = q.where('a.rw_id', '=', where.rwId);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  if (!ids.length) return [];
  const sums = await sumPerAlokasi(trx, ids);
  const cair = await trx
    .selectFrom('sampah_prakarsa_pencairan')
    .selectAll()
    .where('alokasi_id', 'in', ids)
    .orderBy('tanggal')
    .orderBy('created_at')
    .execute();
  const belanja = await trx
    .selectFrom('sampah_prakarsa_belanja')
    .selectAll()
    .where('alokasi_id', 'in', ids)
    .orderBy('tanggal')
    .orderBy('created_at')
    .execute();
  const batalCair = new Set(cair.map((c) => c.membatalkan_id).filter((x) => x !== null));
  const batalBelanja = new Set(belanja.map((b) => b.membatalkan_id).filter((x) => x !== null));
  return rows.map((r) => {
    const s = sums.get(r.id)!;
    return {
      id: r.id,
      rwId: r.rw_id,
      tahun: r.tahun,
      jumlah: r.jumlah,
      nominalAturan: r.nominal_aturan,
      kbs: r.kbs,
      tingkat: r.tingkat_id && r.tingkat_nama ? { id: r.tingkat_id, nama: r.tingkat_nama } : null,
      alasan: r.alasan,
      dicairkan: s.dicairkan,
      dibelanjakan: s.dibelanjakan,
      sisaAlokasi: r.jumlah - s.dicairkan,
      sisaDana: s.dicairkan - s.dibelanjakan,
      pencairan: cair
        .filter((c) => c.alokasi_id === r.id)
        .map((c) => ({
          id: c.id,
          tahap: c.tahap,
          tanggal: c.tanggal,
          jumlah: c.jumlah,
          catatan: c.catatan,
          membatalkanId: c.membatalkan_id,
          dibatalkan: batalCair.has(c.id),
          createdAt: new Date(c.created_at).toISOString(),
        })),
      belanja: belanja
        .filter((b) => b.alokasi_id === r.id)
        .map((b) => ({
          id: b.id,
          tanggal: b.tanggal,
          kategori: b.kategori,
          uraian: b.uraian,
          jumlah: b.jumlah,
          kuantitas: b.kuantitas === null ? null : Number(b.kuantitas),
          satuan: b.satuan,
          alasan: b.alasan,
          membatalkanId: b.membatalkan_id,
          dibatalkan: batalBelanja.has(b.id),
          createdAt: new Date(b.created_at).toISOString(),
        })),
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

export async function getAlokasiView(trx: Tx, id: string): Promise<AlokasiView> {
  const [v] = await listAlokasiViews(trx, { id });
  if (!v) throw notFound('sampah.prakarsa.err.alokasiTidakAda');
  return v;
}
