/**
 * Prakarsa RW: a yearly fund per RW. Per city and year the settings give the nominal for an RW
 * with Kawasan Bebas Sampah status and for any other RW, and which KBS level counts (the lowest
 * urutan of sampah_kbs_tingkat; by default every level: an RW whose status reached any level is
 * a KBS RW, as on the KBS map). An allocation takes the
 * RW's current KBS status (its latest sampah_kbs_riwayat row) and the nominal the rule gives; a
 * different amount needs a reason. Settings changed later do not change existing allocations.
 *
 * Per allocation: 0 <= disbursed <= allocated and 0 <= spent <= disbursed. Disbursements and
 * spending reports are append-only; a mistake is reversed by a new entry with a reason. Every
 * change of money takes a row lock on the allocation first, so concurrent requests are checked
 * one after the other (the database checks the same sums again, see 0008_sampah_prakarsa.sql).
 *
 * Every function takes the city's transaction and the acting user (null: the system, e.g. the
 * demo), who decides what is visible (404 outside the user's area) and allowed (403).
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import {
  badRequest,
  conflict,
  forbidden,
  notFound,
  type FieldError,
} from '../../../platform/http/problem.ts';
import { formatRupiah } from '../../../platform/i18n/index.ts';
import { listRwIds, listRwRows } from '../../wilayah/api.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { findRwInArea, toRwRingkas, type RwRingkas } from '../kbs/kbs-access.ts';
import { listStatusKbs, type StatusKbs } from '../kbs/rw-service.ts';
import { KATEGORI_BELANJA, type KategoriBelanja } from './prakarsa-tables.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';

/** Largest amount accepted anywhere (Rp1 trillion), as in the database checks. */
export const MAX_RUPIAH = 1_000_000_000_000;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const body = (name: string, detail: string): FieldError => ({ pointer: `/body/${name}`, detail });

function cleanText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

const isRupiah = (v: unknown, min = 1): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= MAX_RUPIAH;

export const isTahun = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 2000 && v <= 2100;

/** A real calendar date YYYY-MM-DD, from 2000 until today (WIB). */
function checkTanggal(s: unknown, name: string, now = new Date()): FieldError | null {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) return body(name, 'sampah.prakarsa.err.tanggal');
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s)
    return body(name, 'sampah.prakarsa.err.tanggal');
  if (s < '2000-01-01') return body(name, 'sampah.prakarsa.err.tanggal');
  if (s > todayWib(now)) return body(name, 'sampah.prakarsa.err.tanggalDepan');
  return null;
}

function checkAlasan(
  s: string | null | undefined,
  name: string,
): { alasan: string | null; error: FieldError | null } {
  const alasan = cleanText(s);
  if (!alasan || alasan.length < 5 || alasan.length > 500)
    return { alasan, error: body(name, 'sampah.prakarsa.err.alasan') };
  return { alasan, error: null };
}

// ---- RWs and access ----

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

interface AlokasiRow {
  id: string;
  rw_id: string;
  tahun: number;
  jumlah: number;
}

/** An allocation the user sees, with its RW (404 otherwise; also when it is not of rwId), holding `need` there. */
async function findAlokasi(
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
async function lockAlokasi(
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
async function sumPerAlokasi(
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
async function sumPerTahun(
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

const REKAP_NOL = { jumlahRw: 0, rwTeralokasi: 0, rwKbs: 0, dialokasikan: 0, dicairkan: 0, dibelanjakan: 0 };

// ---- Yearly settings and the rule ----

export interface PengaturanView {
  tahun: number;
  nominalKbs: number;
  nominalLain: number;
  /** Lowest KBS level (urutan) counting as KBS; null: every level. */
  kbsMinUrutan: number | null;
}

export interface PengaturanInput {
  nominalKbs: number;
  nominalLain: number;
  kbsMinUrutan?: number | null | undefined;
}

type PengaturanRow = {
  tahun: number;
  nominal_kbs: number;
  nominal_lain: number;
  kbs_min_urutan: number | null;
};
const pengaturanView = (r: PengaturanRow): PengaturanView => ({
  tahun: r.tahun,
  nominalKbs: r.nominal_kbs,
  nominalLain: r.nominal_lain,
  kbsMinUrutan: r.kbs_min_urutan,
});

/** The settings of every year, newest first. */
export async function listPengaturan(trx: Tx): Promise<PengaturanView[]> {
  const rows = await trx
    .selectFrom('sampah_prakarsa_tahun')
    .select(['tahun', 'nominal_kbs', 'nominal_lain', 'kbs_min_urutan'])
    .orderBy('tahun', 'desc')
    .execute();
  return rows.map(pengaturanView);
}

export async function getPengaturan(trx: Tx, tahun: number): Promise<PengaturanView | null> {
  if (!isTahun(tahun)) return null;
  const r = await trx
    .selectFrom('sampah_prakarsa_tahun')
    .select(['tahun', 'nominal_kbs', 'nominal_lain', 'kbs_min_urutan'])
    .where('tahun', '=', tahun)
    .executeTakeFirst();
  return r ? pengaturanView(r) : null;
}

/** Sets a year's amounts and KBS level (adds the year or changes it; existing allocations keep theirs). */
export async function savePengaturan(
  trx: Tx,
  user: CurrentUser | null,
  tahun: number,
  input: PengaturanInput,
  opts: { demo?: boolean } = {},
): Promise<PengaturanView> {
  if (user && !can(user, PRAKARSA_KELOLA, user.tenantId)) throw forbidden();
  const errors: FieldError[] = [];
  if (!isTahun(tahun)) errors.push({ pointer: '/params/tahun', detail: 'sampah.prakarsa.err.tahun' });
  if (!isRupiah(input.nominalKbs)) errors.push(body('nominalKbs', 'sampah.prakarsa.err.rupiah'));
  if (!isRupiah(input.nominalLain, 0)) errors.push(body('nominalLain', 'sampah.prakarsa.err.rupiahNol'));
  const min = input.kbsMinUrutan ?? null;
  if (min !== null) {
    const ada = await trx
      .selectFrom('sampah_kbs_tingkat')
      .select('id')
      .where('urutan', '=', Number.isInteger(min) ? min : -1)
      .executeTakeFirst();
    if (!ada) errors.push(body('kbsMinUrutan', 'sampah.prakarsa.err.tingkat'));
  }
  if (errors.length) throw badRequest('sampah.prakarsa.err.pengaturan', errors);
  const values = { nominal_kbs: input.nominalKbs, nominal_lain: input.nominalLain, kbs_min_urutan: min };
  await trx
    .insertInto('sampah_prakarsa_tahun')
    .values({ tenant_id: sql<string>`balai_current_tenant()`, tahun, demo: opts.demo ?? false, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'tahun']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
  return { tahun, nominalKbs: input.nominalKbs, nominalLain: input.nominalLain, kbsMinUrutan: min };
}

/**
 * The rule: an RW counts as KBS when its current status reached a level, at least the year's
 * kbsMinUrutan when set; it then gets nominalKbs, else nominalLain.
 */
export function computeNominal(
  p: Pick<PengaturanView, 'nominalKbs' | 'nominalLain' | 'kbsMinUrutan'>,
  status: Pick<StatusKbs, 'urutan'> | null,
): { kbs: boolean; nominal: number } {
  const urutan = status?.urutan ?? null;
  const kbs = urutan !== null && (p.kbsMinUrutan === null || urutan >= p.kbsMinUrutan);
  return { kbs, nominal: kbs ? p.nominalKbs : p.nominalLain };
}

// ---- Allocations ----

export interface AlokasiInput {
  rwId: string;
  tahun: number;
  /** Without it: the nominal of the rule. */
  jumlah?: number | null | undefined;
  /** Required when jumlah differs from the rule. */
  alasan?: string | null | undefined;
}

/** Allocates to one RW for a year (409 when it already has an allocation that year). */
export async function createAlokasi(
  trx: Tx,
  user: CurrentUser | null,
  input: AlokasiInput,
  opts: { demo?: boolean } = {},
): Promise<AlokasiView> {
  const rw = await findRwPrakarsa(trx, user, input.rwId, PRAKARSA_KELOLA);
  const errors: FieldError[] = [];
  const p = isTahun(input.tahun) ? await getPengaturan(trx, input.tahun) : null;
  if (!isTahun(input.tahun)) errors.push(body('tahun', 'sampah.prakarsa.err.tahun'));
  else if (!p) errors.push(body('tahun', 'sampah.prakarsa.err.belumDiatur'));
  if (input.jumlah !== null && input.jumlah !== undefined && !isRupiah(input.jumlah))
    errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  if (errors.length || !p) throw badRequest('sampah.prakarsa.err.alokasi', errors);
  const status = (await listStatusKbs(trx, [rw.id])).get(rw.id) ?? null;
  const aturan = computeNominal(p, status);
  const jumlah = input.jumlah ?? aturan.nominal;
  if (jumlah < 1)
    throw badRequest('sampah.prakarsa.err.alokasi', [body('jumlah', 'sampah.prakarsa.err.nominalNol')]);
  let alasan: string | null = null;
  if (jumlah !== aturan.nominal) {
    const c = checkAlasan(input.alasan, 'alasan');
    if (c.error) throw badRequest('sampah.prakarsa.err.alokasi', [c.error]);
    alasan = c.alasan;
  } else if (cleanText(input.alasan)) {
    alasan = cleanText(input.alasan)!.slice(0, 500);
    if (alasan.length < 5) alasan = null;
  }
  const row = await trx
    .insertInto('sampah_prakarsa_alokasi')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: rw.id,
      tahun: input.tahun,
      jumlah,
      nominal_aturan: aturan.nominal,
      kbs: aturan.kbs,
      tingkat_id: status?.tingkatId ?? null,
      alasan,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'rw_id', 'tahun']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw conflict('sampah.prakarsa.err.sudahDialokasikan', { tahun: String(input.tahun) });
  return getAlokasiView(trx, row.id);
}

export interface AlokasiSemuaHasil {
  tahun: number;
  /** Allocations made now. */
  dibuat: number;
  /** RWs that had an allocation for the year already. */
  sudahAda: number;
  /** RWs the rule gives nothing (nominal for non-KBS RWs of 0). */
  tanpaNominal: number;
  /** Rupiah allocated now. */
  jumlah: number;
}

/**
 * Allocates by the rule to every RW of the city without an allocation for the year, in one
 * transaction (RWs allocated meanwhile by somebody else are skipped, not doubled).
 */
export async function createAlokasiSemua(
  trx: Tx,
  user: CurrentUser | null,
  tahun: number,
  opts: { demo?: boolean } = {},
): Promise<AlokasiSemuaHasil> {
  if (user && !can(user, PRAKARSA_KELOLA, user.tenantId)) throw forbidden();
  if (!isTahun(tahun))
    throw badRequest('sampah.prakarsa.err.alokasi', [body('tahun', 'sampah.prakarsa.err.tahun')]);
  const p = await getPengaturan(trx, tahun);
  if (!p) throw badRequest('sampah.prakarsa.err.alokasi', [body('tahun', 'sampah.prakarsa.err.belumDiatur')]);
  const rws = await listRwIds(trx);
  const ada = new Set(
    (
      await trx.selectFrom('sampah_prakarsa_alokasi').select('rw_id').where('tahun', '=', tahun).execute()
    ).map((r) => r.rw_id),
  );
  const status = await listStatusKbs(trx);
  const baru = [];
  let tanpaNominal = 0;
  for (const r of rws) {
    if (ada.has(r.id)) continue;
    const s = status.get(r.id) ?? null;
    const aturan = computeNominal(p, s);
    if (aturan.nominal < 1) {
      tanpaNominal++;
      continue;
    }
    baru.push({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: r.id,
      tahun,
      jumlah: aturan.nominal,
      nominal_aturan: aturan.nominal,
      kbs: aturan.kbs,
      tingkat_id: s?.tingkatId ?? null,
      alasan: null,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    });
  }
  let dibuat = 0;
  let jumlah = 0;
  for (let i = 0; i < baru.length; i += 500) {
    const rows = await trx
      .insertInto('sampah_prakarsa_alokasi')
      .values(baru.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['tenant_id', 'rw_id', 'tahun']).doNothing())
      .returning('jumlah')
      .execute();
    dibuat += rows.length;
    jumlah += rows.reduce((s, r) => s + r.jumlah, 0);
  }
  return { tahun, dibuat, sudahAda: rws.length - dibuat - tanpaNominal, tanpaNominal, jumlah };
}

// ---- Disbursements and spending ----

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

async function listAlokasiViews(trx: Tx, where: { id?: string; rwId?: string }): Promise<AlokasiView[]> {
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

async function getAlokasiView(trx: Tx, id: string): Promise<AlokasiView> {
  const [v] = await listAlokasiViews(trx, { id });
  if (!v) throw notFound('sampah.prakarsa.err.alokasiTidakAda');
  return v;
}

/** One allocation with its entries, for whoever sees its RW. */
export async function getAlokasi(trx: Tx, user: CurrentUser | null, id: string): Promise<AlokasiView> {
  const { a } = await findAlokasi(trx, user, id, PRAKARSA_LIHAT);
  return getAlokasiView(trx, a.id);
}

export interface PencairanInput {
  tanggal: string;
  jumlah: number;
  /** Without it: the next stage. */
  tahap?: number | null | undefined;
  catatan?: string | null | undefined;
}

/** Records a disbursement; never above what is left of the allocation (400, nothing written). */
export async function createPencairan(
  trx: Tx,
  user: CurrentUser | null,
  alokasiId: string,
  input: PencairanInput,
  opts: { demo?: boolean; rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { a } = await findAlokasi(trx, user, alokasiId, PRAKARSA_KELOLA, opts.rwId);
  const errors: FieldError[] = [];
  const tgl = checkTanggal(input.tanggal, 'tanggal', opts.now);
  if (tgl) errors.push(tgl);
  if (!isRupiah(input.jumlah)) errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  const tahapSah = (v: unknown): v is number =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 50;
  if (input.tahap !== null && input.tahap !== undefined && !tahapSah(input.tahap))
    errors.push(body('tahap', 'sampah.prakarsa.err.tahap'));
  const catatan = cleanText(input.catatan);
  if ((catatan?.length ?? 0) > 500) errors.push(body('catatan', 'sampah.prakarsa.err.catatan'));
  if (errors.length) throw badRequest('sampah.prakarsa.err.pencairan', errors);
  const s = await lockAlokasi(trx, a.id);
  const sisa = s.jumlah - s.dicairkan;
  if (input.jumlah > sisa)
    throw badRequest(
      'sampah.prakarsa.err.pencairan',
      [body('jumlah', 'sampah.prakarsa.err.melebihiAlokasi')],
      {
        sisa: formatRupiah(sisa),
      },
    );
  const entries = await trx
    .selectFrom('sampah_prakarsa_pencairan')
    .select(['id', 'tahap', 'membatalkan_id'])
    .where('alokasi_id', '=', a.id)
    .execute();
  const batal = new Set(entries.map((e) => e.membatalkan_id).filter((x) => x !== null));
  const aktif = entries.filter((e) => e.membatalkan_id === null && !batal.has(e.id)).map((e) => e.tahap);
  const tahap = input.tahap ?? Math.min(50, Math.max(0, ...aktif) + 1);
  if (aktif.includes(tahap))
    throw badRequest('sampah.prakarsa.err.pencairan', [body('tahap', 'sampah.prakarsa.err.tahapAda')], {
      tahap,
    });
  await trx
    .insertInto('sampah_prakarsa_pencairan')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tahap,
      tanggal: input.tanggal,
      jumlah: input.jumlah,
      catatan,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

/** Reverses a disbursement in full, with the reason; refused (409) when its money is reported as spent. */
export async function cancelPencairan(
  trx: Tx,
  user: CurrentUser | null,
  pencairanId: string,
  alasanInput: string | null | undefined,
  opts: { rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const e = UUID_RE.test(pencairanId)
    ? await trx
        .selectFrom('sampah_prakarsa_pencairan')
        .select(['id', 'alokasi_id', 'tahap', 'jumlah', 'membatalkan_id'])
        .where('id', '=', pencairanId)
        .executeTakeFirst()
    : undefined;
  if (!e) throw notFound('sampah.prakarsa.err.entriTidakAda');
  const { a } = await findAlokasi(trx, user, e.alokasi_id, PRAKARSA_KELOLA, opts.rwId);
  const { alasan, error } = checkAlasan(alasanInput, 'alasan');
  if (error) throw badRequest('sampah.prakarsa.err.pembatalan', [error]);
  if (e.membatalkan_id !== null) throw conflict('sampah.prakarsa.err.bukanEntri');
  const s = await lockAlokasi(trx, a.id);
  const sudah = await trx
    .selectFrom('sampah_prakarsa_pencairan')
    .select('id')
    .where('membatalkan_id', '=', e.id)
    .executeTakeFirst();
  if (sudah) throw conflict('sampah.prakarsa.err.sudahDibatalkan');
  if (s.dicairkan - e.jumlah < s.dibelanjakan) throw conflict('sampah.prakarsa.err.sudahDibelanjakan');
  await trx
    .insertInto('sampah_prakarsa_pencairan')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tahap: e.tahap,
      tanggal: todayWib(opts.now),
      jumlah: -e.jumlah,
      catatan: alasan,
      membatalkan_id: e.id,
      dicatat_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

export interface BelanjaInput {
  tanggal: string;
  kategori: string;
  uraian: string;
  jumlah: number;
  kuantitas?: number | null | undefined;
  satuan?: string | null | undefined;
}

/** Reports what the fund bought; never above what was disbursed and not yet reported (400, nothing written). */
export async function createBelanja(
  trx: Tx,
  user: CurrentUser | null,
  alokasiId: string,
  input: BelanjaInput,
  opts: { demo?: boolean; rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const { a } = await findAlokasi(trx, user, alokasiId, PRAKARSA_LAPOR, opts.rwId);
  const errors: FieldError[] = [];
  const tgl = checkTanggal(input.tanggal, 'tanggal', opts.now);
  if (tgl) errors.push(tgl);
  if (!(KATEGORI_BELANJA as readonly string[]).includes(input.kategori))
    errors.push(body('kategori', 'sampah.prakarsa.err.kategori'));
  const uraian = cleanText(input.uraian);
  if (!uraian || uraian.length < 3 || uraian.length > 300)
    errors.push(body('uraian', 'sampah.prakarsa.err.uraian'));
  if (!isRupiah(input.jumlah)) errors.push(body('jumlah', 'sampah.prakarsa.err.rupiah'));
  const kuantitas = input.kuantitas ?? null;
  if (
    kuantitas !== null &&
    !(
      Number.isFinite(kuantitas) &&
      kuantitas > 0 &&
      kuantitas < 1e9 &&
      Math.round(kuantitas * 1000) === kuantitas * 1000
    )
  )
    errors.push(body('kuantitas', 'sampah.prakarsa.err.kuantitas'));
  const satuan = cleanText(input.satuan);
  if (satuan !== null && (satuan.length > 20 || kuantitas === null))
    errors.push(body('satuan', 'sampah.prakarsa.err.satuan'));
  if (errors.length) throw badRequest('sampah.prakarsa.err.belanja', errors);
  const s = await lockAlokasi(trx, a.id);
  const sisa = s.dicairkan - s.dibelanjakan;
  if (input.jumlah > sisa)
    throw badRequest('sampah.prakarsa.err.belanja', [body('jumlah', 'sampah.prakarsa.err.melebihiDana')], {
      sisa: formatRupiah(sisa),
    });
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tanggal: input.tanggal,
      kategori: input.kategori as KategoriBelanja,
      uraian: uraian!,
      jumlah: input.jumlah,
      kuantitas,
      satuan,
      dilaporkan_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

/** Reverses a spending report in full, with the reason. */
export async function cancelBelanja(
  trx: Tx,
  user: CurrentUser | null,
  belanjaId: string,
  alasanInput: string | null | undefined,
  opts: { rwId?: string; now?: Date } = {},
): Promise<AlokasiView> {
  const e = UUID_RE.test(belanjaId)
    ? await trx
        .selectFrom('sampah_prakarsa_belanja')
        .selectAll()
        .where('id', '=', belanjaId)
        .executeTakeFirst()
    : undefined;
  if (!e) throw notFound('sampah.prakarsa.err.entriTidakAda');
  const { a } = await findAlokasi(trx, user, e.alokasi_id, PRAKARSA_LAPOR, opts.rwId);
  const { alasan, error } = checkAlasan(alasanInput, 'alasan');
  if (error) throw badRequest('sampah.prakarsa.err.pembatalan', [error]);
  if (e.membatalkan_id !== null) throw conflict('sampah.prakarsa.err.bukanEntri');
  await lockAlokasi(trx, a.id);
  const sudah = await trx
    .selectFrom('sampah_prakarsa_belanja')
    .select('id')
    .where('membatalkan_id', '=', e.id)
    .executeTakeFirst();
  if (sudah) throw conflict('sampah.prakarsa.err.sudahDibatalkan');
  await trx
    .insertInto('sampah_prakarsa_belanja')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      alokasi_id: a.id,
      tanggal: todayWib(opts.now),
      kategori: e.kategori,
      uraian: e.uraian,
      jumlah: -e.jumlah,
      kuantitas: e.kuantitas,
      satuan: e.satuan,
      alasan,
      membatalkan_id: e.id,
      dilaporkan_oleh: user?.id ?? null,
    })
    .execute();
  return getAlokasiView(trx, a.id);
}

// ---- Read models ----

export interface UsulanAlokasi {
  tahun: number;
  kbs: boolean;
  nominal: number;
}

export interface RwPrakarsaView {
  rw: RwRingkas;
  /** Current KBS status (latest history row), null when never assessed. */
  status: StatusKbs | null;
  /** Allocations, newest year first, with their entries. */
  alokasi: AlokasiView[];
  /** Totals over all years. */
  total: { dialokasikan: number; dicairkan: number; dibelanjakan: number };
  /** Years with settings but no allocation for the RW, and what the rule would give now. */
  usulan: UsulanAlokasi[];
  boleh: { kelola: boolean; lapor: boolean };
}

/** An RW's Prakarsa page: allocations by year, disbursements, spending. */
export async function getRwPrakarsa(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
): Promise<RwPrakarsaView> {
  const rw = await findRwPrakarsa(trx, user, rwId);
  const alokasi = await listAlokasiViews(trx, { rwId: rw.id });
  const status = (await listStatusKbs(trx, [rw.id])).get(rw.id) ?? null;
  const kelola = user === null || can(user, PRAKARSA_KELOLA, rw.kode);
  const punya = new Set(alokasi.map((a) => a.tahun));
  const usulan = kelola
    ? (await listPengaturan(trx))
        .filter((p) => !punya.has(p.tahun))
        .map((p) => ({ tahun: p.tahun, ...computeNominal(p, status) }))
    : [];
  return {
    rw,
    status,
    alokasi,
    total: {
      dialokasikan: alokasi.reduce((s, a) => s + a.jumlah, 0),
      dicairkan: alokasi.reduce((s, a) => s + a.dicairkan, 0),
      dibelanjakan: alokasi.reduce((s, a) => s + a.dibelanjakan, 0),
    },
    usulan,
    boleh: { kelola, lapor: user === null || can(user, PRAKARSA_LAPOR, rw.kode) },
  };
}

export interface RwBaris extends RwRingkas {
  status: StatusKbs | null;
  alokasi: { id: string; jumlah: number; kbs: boolean; dicairkan: number; dibelanjakan: number } | null;
}

/** The RWs the user sees with their allocation of the year, by kelurahan and number (paginated). */
export async function listRwPrakarsa(
  trx: Tx,
  user: CurrentUser,
  q: { tahun: number; kecamatan?: string | undefined; page: number; perPage: number },
): Promise<{ tahun: number; items: RwBaris[]; total: number; page: number; perPage: number }> {
  if (!can(user, PRAKARSA_LIHAT)) throw forbidden();
  const { total, rows } = await listRwRows(trx, {
    areas: areasFor(user, PRAKARSA_LIHAT),
    kecamatan: q.kecamatan,
    limit: q.perPage,
    offset: (q.page - 1) * q.perPage,
  });
  const ids = rows.map((r) => r.id);
  const status = await listStatusKbs(trx, ids);
  const alokasi = ids.length
    ? await trx
        .selectFrom('sampah_prakarsa_alokasi')
        .select(['id', 'rw_id', 'jumlah', 'kbs'])
        .where('tahun', '=', q.tahun)
        .where('rw_id', 'in', ids)
        .execute()
    : [];
  const sums = await sumPerAlokasi(
    trx,
    alokasi.map((a) => a.id),
  );
  const perRw = new Map(alokasi.map((a) => [a.rw_id, a]));
  return {
    tahun: q.tahun,
    items: rows.map((r) => {
      const a = perRw.get(r.id);
      const s = a ? sums.get(a.id)! : null;
      return {
        ...toRwRingkas(r),
        status: status.get(r.id) ?? null,
        alokasi: a && s ? { id: a.id, jumlah: a.jumlah, kbs: a.kbs, ...s } : null,
      };
    }),
    total,
    page: q.page,
    perPage: q.perPage,
  };
}

export interface RekapBaris {
  kode: string;
  nama: string;
  jumlahRw: number;
  rwTeralokasi: number;
  rwKbs: number;
  dialokasikan: number;
  dicairkan: number;
  dibelanjakan: number;
}

export interface RekapTahun {
  tahun: number;
  pengaturan: PengaturanView | null;
  /** Per kecamatan (of the user's areas). */
  kecamatan: RekapBaris[];
  /** Over the user's areas (the whole city for city-wide roles). */
  total: Omit<RekapBaris, 'kode' | 'nama'>;
}

/** A year's totals per kecamatan and over the user's areas. */
export async function getRekapTahun(trx: Tx, user: CurrentUser, tahun: number): Promise<RekapTahun> {
  if (!can(user, PRAKARSA_LIHAT)) throw forbidden();
  if (!isTahun(tahun))
    throw badRequest('sampah.prakarsa.err.tahun', [
      { pointer: '/query/tahun', detail: 'sampah.prakarsa.err.tahun' },
    ]);
  const rws = await listRwIds(trx, areasFor(user, PRAKARSA_LIHAT));
  const alokasi = new Map(
    (
      await trx
        .selectFrom('sampah_prakarsa_alokasi')
        .select(['id', 'rw_id', 'jumlah', 'kbs'])
        .where('tahun', '=', tahun)
        .execute()
    ).map((a) => [a.rw_id, a]),
  );
  const sums = await sumPerTahun(trx, tahun);
  const perKecamatan = new Map<string, RekapBaris>();
  for (const rw of rws) {
    let k = perKecamatan.get(rw.kecamatanKode);
    if (!k) {
      k = { kode: rw.kecamatanKode, nama: rw.kecamatanNama, ...REKAP_NOL };
      perKecamatan.set(rw.kecamatanKode, k);
    }
    k.jumlahRw++;
    const a = alokasi.get(rw.id);
    if (!a) continue;
    const s = sums.get(a.id);
    k.rwTeralokasi++;
    if (a.kbs) k.rwKbs++;
    k.dialokasikan += a.jumlah;
    k.dicairkan += s?.dicairkan ?? 0;
    k.dibelanjakan += s?.dibelanjakan ?? 0;
  }
  const kecamatan = [...perKecamatan.values()].sort((x, y) =>
    x.kode < y.kode ? -1 : x.kode > y.kode ? 1 : 0,
  );
  const sum = (k: keyof Omit<RekapBaris, 'kode' | 'nama'>) => kecamatan.reduce((s, r) => s + r[k], 0);
  return {
    tahun,
    pengaturan: await getPengaturan(trx, tahun),
    kecamatan,
    total: {
      jumlahRw: sum('jumlahRw'),
      rwTeralokasi: sum('rwTeralokasi'),
      rwKbs: sum('rwKbs'),
      dialokasikan: sum('dialokasikan'),
      dicairkan: sum('dicairkan'),
      dibelanjakan: sum('dibelanjakan'),
    },
  };
}
