/**
 * Reading Prakarsa RW allocations with their disbursements and spending, the access rule of an
 * allocation (through its RW), and the row lock every change of money takes first.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import { notFound } from '../../../platform/http/problem.ts';
import { UUID_RE } from '../kbs/kbs-common.ts';
import { findRwInArea, type RwRingkas } from '../kbs/kbs-access.ts';
import { type KategoriBelanja } from './prakarsa-tables.ts';
import { PRAKARSA_LIHAT } from './permissions-prakarsa.ts';

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

/** Disbursed and spent per allocation (reversals included, so net amounts). */
export async function sumPerAlokasi(
  trx: Tx,
  ids: readonly string[],
): Promise<Map<string, { dicairkan: number; dibelanjakan: number }>> {
  const out = new Map<string, { dicairkan: number; dibelanjakan: number }>();
  if (!ids.length) return out;
  const cair = await trx
    .selectFrom('sampah_prakarsa_pencairan')
    .select(['alokasi_id', sql<number>`sum(jumlah)::bigint`.as('n')])
    .where('alokasi_id', 'in', ids)
    .groupBy('alokasi_id')
    .execute();
  const belanja = await trx
    .selectFrom('sampah_prakarsa_belanja')
    .select(['alokasi_id', sql<number>`sum(jumlah)::bigint`.as('n')])
    .where('alokasi_id', 'in', ids)
    .groupBy('alokasi_id')
    .execute();
  for (const id of ids) out.set(id, { dicairkan: 0, dibelanjakan: 0 });
  for (const r of cair) out.get(r.alokasi_id)!.dicairkan = Number(r.n);
  for (const r of belanja) out.get(r.alokasi_id)!.dibelanjakan = Number(r.n);
  return out;
}

/** Disbursed and spent per allocation of a year (reversals included, so net amounts). */
export async function sumPerTahun(
  trx: Tx,
  tahun: number,
): Promise<Map<string, { dicairkan: number; dibelanjakan: number }>> {
  const out = new Map<string, { dicairkan: number; dibelanjakan: number }>();
  const of = (id: string) => {
    let v = out.get(id);
    if (!v) out.set(id, (v = { dicairkan: 0, dibelanjakan: 0 }));
    return v;
  };
  const cair = await trx
    .selectFrom('sampah_prakarsa_pencairan as p')
    .innerJoin('sampah_prakarsa_alokasi as a', 'a.id', 'p.alokasi_id')
    .select(['p.alokasi_id', sql<string>`sum(p.jumlah)`.as('n')])
    .where('a.tahun', '=', tahun)
    .groupBy('p.alokasi_id')
    .execute();
  const belanja = await trx
    .selectFrom('sampah_prakarsa_belanja as b')
    .innerJoin('sampah_prakarsa_alokasi as a', 'a.id', 'b.alokasi_id')
    .select(['b.alokasi_id', sql<string>`sum(b.jumlah)`.as('n')])
    .where('a.tahun', '=', tahun)
    .groupBy('b.alokasi_id')
    .execute();
  for (const r of cair) of(r.alokasi_id).dicairkan = Number(r.n);
  for (const r of belanja) of(r.alokasi_id).dibelanjakan = Number(r.n);
  return out;
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
    .leftJoin('sampah_kbs_tingkat as t', (j) =>
      j.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.id', '=', 'a.tingkat_id'),
    )
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
