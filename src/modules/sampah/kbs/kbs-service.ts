/**
 * Kawasan Bebas Sampah: RW profiles, the city's indicators and status levels, assessments per
 * RW and month with their verification, and the status history of each RW. Every function takes
 * the city's transaction and the acting user, who decides what is visible (404) and allowed
 * (403). RWs are read through the wilayah repository, bank sampah figures through
 * bank-sampah/pemulihan.ts; the status rules themselves are in kbs-aturan.ts.
 *
 * Flow of an assessment: draf -> diajukan -> disetujui, or diajukan -> dikembalikan (with the
 * verifier's notes) -> diajukan again after changes. Values can change in draf and dikembalikan.
 * On approval the computed indicators are taken again, the score and level follow from the rules
 * and the RW's new status is appended to sampah_kbs_riwayat.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { areasFor, can, rwAreaKode, type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import {
  HttpProblem,
  badRequest,
  conflict,
  forbidden,
  notFound,
  type FieldError,
} from '../../../platform/http/problem.ts';
import { normalisasiTelepon, teleponSah } from '../../../platform/telepon.ts';
import { findRwRow, listRwRows, type RwRow } from '../../wilayah/repository.ts';
import { bankAktifPerRw, pemulihanPerRw } from '../../bank-sampah/pemulihan.ts';
import {
  nilaiSah,
  tentukanStatus,
  terpenuhi,
  type AturanIndikator,
  type AturanTingkat,
} from './kbs-aturan.ts';
import type { JenisIndikator, StatusPenilaian, SumberIndikator } from './kbs-tables.ts';
import { KBS_AJUKAN, KBS_ATUR, KBS_LIHAT, KBS_VERIFIKASI } from './permissions-kbs.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERIODE_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const KODE_RE = /^[A-Z0-9-]{1,20}$/;
const body = (name: string, detail: string, params?: FieldError['params']): FieldError => ({
  pointer: `/body/${name}`,
  detail,
  ...(params ? { params } : {}),
});

/** Today's calendar date in WIB (UTC+7), YYYY-MM-DD. */
export function hariIniWib(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** First and last day of a YYYY-MM month. */
export function rentangPeriode(periode: string): { dari: string; sampai: string } {
  const [y, m] = periode.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { dari: `${periode}-01`, sampai: `${periode}-${String(last).padStart(2, '0')}` };
}

function cleanText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

// ---- RWs ----

export interface RwRingkas {
  id: string;
  kode: string;
  nomor: number;
  kelurahanKode: string;
  kelurahanNama: string;
  kecamatanNama: string;
  jumlahKk: number | null;
}

export function rwRingkas(r: RwRow): RwRingkas {
  return {
    id: r.id,
    kode: rwAreaKode(r.kelurahan_kode, r.nomor),
    nomor: r.nomor,
    kelurahanKode: r.kelurahan_kode,
    kelurahanNama: r.kelurahan_nama,
    kecamatanNama: r.kecamatan_nama,
    jumlahKk: r.jumlah_kk,
  };
}

/**
 * The RW if the user holds `lihat` or `need` there (404 `tidakAda` otherwise), and `need` (403
 * otherwise). The one access rule of the RW pages of the waste programme (KBS, Prakarsa).
 */
export async function rwDalamArea(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  o: { lihat: Permission; need: Permission; tidakAda: string },
): Promise<RwRingkas> {
  const r = UUID_RE.test(rwId) ? await findRwRow(trx, rwId) : undefined;
  if (!r) throw notFound(o.tidakAda);
  const rw = rwRingkas(r);
  if (user === null) return rw;
  if (!can(user, o.lihat, rw.kode) && !can(user, o.need, rw.kode)) throw notFound(o.tidakAda);
  if (!can(user, o.need, rw.kode)) throw forbidden();
  return rw;
}

/** The RW if the user sees KBS data there (404 otherwise), and holds `need` there (403 otherwise). */
export function rwKbsFor(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  need: Permission = KBS_LIHAT,
): Promise<RwRingkas> {
  return rwDalamArea(trx, user, rwId, { lihat: KBS_LIHAT, need, tidakAda: 'sampah.kbs.err.rwTidakAda' });
}

// ---- Indicators and levels ----

export interface IndikatorView {
  id: string;
  kode: string;
  nama: string;
  deskripsi: string | null;
  jenis: JenisIndikator;
  ambang: number | null;
  buktiWajib: boolean;
  bobot: number;
  sumber: SumberIndikator;
  urutan: number;
  aktif: boolean;
}

export interface IndikatorInput {
  kode: string;
  nama: string;
  deskripsi?: string | null | undefined;
  jenis: JenisIndikator;
  ambang?: number | null | undefined;
  buktiWajib?: boolean | undefined;
  bobot: number;
  sumber?: SumberIndikator | undefined;
  urutan?: number | undefined;
  aktif?: boolean | undefined;
}

export async function listIndikator(trx: Tx, opts: { semua?: boolean } = {}): Promise<IndikatorView[]> {
  let q = trx.selectFrom('sampah_kbs_indikator').selectAll();
  if (!opts.semua) q = q.where('aktif', '=', true);
  const rows = await q.orderBy('urutan').orderBy('kode').execute();
  return rows.map((r) => ({
    id: r.id,
    kode: r.kode,
    nama: r.nama,
    deskripsi: r.deskripsi,
    jenis: r.jenis,
    ambang: num(r.ambang),
    buktiWajib: r.bukti_wajib,
    bobot: r.bobot,
    sumber: r.sumber,
    urutan: r.urutan,
    aktif: r.aktif,
  }));
}

function checkIndikator(i: IndikatorInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!KODE_RE.test(i.kode)) errors.push(body('kode', 'sampah.pengaturan.err.kode'));
  const nama = cleanText(i.nama);
  if (!nama || nama.length < 3 || nama.length > 160) errors.push(body('nama', 'sampah.pengaturan.err.nama'));
  if ((i.deskripsi?.length ?? 0) > 1000) errors.push(body('deskripsi', 'sampah.pengaturan.err.deskripsi'));
  if (!Number.isInteger(i.bobot) || i.bobot < 0 || i.bobot > 100)
    errors.push(body('bobot', 'sampah.pengaturan.err.bobot'));
  const sumber = i.sumber ?? 'manual';
  if (i.jenis === 'ya_tidak') {
    if (i.ambang !== null && i.ambang !== undefined)
      errors.push(body('ambang', 'sampah.pengaturan.err.ambangYaTidak'));
  } else if (i.ambang === null || i.ambang === undefined || !nilaiSah(i.jenis, i.ambang)) {
    errors.push(
      body(
        'ambang',
        i.jenis === 'persen' ? 'sampah.pengaturan.err.angka100' : 'sampah.pengaturan.err.ambangAngka',
      ),
    );
  }
  if (sumber === 'bank_sampah_aktif' && i.jenis !== 'ya_tidak')
    errors.push(body('sumber', 'sampah.pengaturan.err.sumberYaTidak'));
  if (sumber === 'kg_per_kk_bulan' && i.jenis !== 'angka')
    errors.push(body('sumber', 'sampah.pengaturan.err.sumberAngka'));
  if (sumber !== 'manual' && i.buktiWajib)
    errors.push(body('buktiWajib', 'sampah.pengaturan.err.buktiTerhitung'));
  return errors;
}

export async function createIndikator(
  trx: Tx,
  user: CurrentUser | null,
  input: IndikatorInput,
): Promise<IndikatorView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const errors = checkIndikator(input);
  if (errors.length) throw badRequest('sampah.kbs.err.indikator', errors);
  const dup = await trx
    .selectFrom('sampah_kbs_indikator')
    .select('id')
    .where('kode', '=', input.kode)
    .executeTakeFirst();
  if (dup) throw badRequest('sampah.kbs.err.indikator', [body('kode', 'sampah.pengaturan.err.sudahDipakai')]);
  await trx
    .insertInto('sampah_kbs_indikator')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      kode: input.kode,
      nama: cleanText(input.nama)!,
      deskripsi: cleanText(input.deskripsi),
      jenis: input.jenis,
      ambang: input.jenis === 'ya_tidak' ? null : input.ambang!,
      bukti_wajib: input.buktiWajib ?? false,
      bobot: input.bobot,
      sumber: input.sumber ?? 'manual',
      urutan: input.urutan ?? 0,
      aktif: input.aktif ?? true,
    })
    .execute();
  return (await listIndikator(trx, { semua: true })).find((i) => i.kode === input.kode)!;
}

export async function updateIndikator(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  patch: Partial<Omit<IndikatorInput, 'kode'>>,
): Promise<IndikatorView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const cur = UUID_RE.test(id)
    ? (await listIndikator(trx, { semua: true })).find((i) => i.id === id)
    : undefined;
  if (!cur) throw notFound();
  const next: IndikatorInput = { ...cur, ...patch };
  if (patch.jenis === 'ya_tidak' && patch.ambang === undefined) next.ambang = null;
  const errors = checkIndikator(next);
  if (errors.length) throw badRequest('sampah.kbs.err.indikator', errors);
  await trx
    .updateTable('sampah_kbs_indikator')
    .set({
      nama: cleanText(next.nama)!,
      deskripsi: cleanText(next.deskripsi),
      jenis: next.jenis,
      ambang: next.jenis === 'ya_tidak' ? null : next.ambang!,
      bukti_wajib: next.buktiWajib ?? false,
      bobot: next.bobot,
      sumber: next.sumber ?? 'manual',
      urutan: next.urutan ?? 0,
      aktif: next.aktif ?? true,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  return (await listIndikator(trx, { semua: true })).find((i) => i.id === id)!;
}

export interface TingkatView {
  id: string;
  nama: string;
  urutan: number;
  minSkor: number;
  indikatorWajib: string[];
}

export async function listTingkat(trx: Tx): Promise<TingkatView[]> {
  const rows = await trx.selectFrom('sampah_kbs_tingkat').selectAll().orderBy('urutan').execute();
  return rows.map((r) => ({
    id: r.id,
    nama: r.nama,
    urutan: r.urutan,
    minSkor: Number(r.min_skor),
    indikatorWajib: r.indikator_wajib,
  }));
}

export interface TingkatInput {
  nama: string;
  urutan: number;
  minSkor: number;
  indikatorWajib: string[];
}

/** Adds a level, or changes the level with the same urutan. */
export async function simpanTingkat(
  trx: Tx,
  user: CurrentUser | null,
  input: TingkatInput,
): Promise<TingkatView> {
  if (user && !can(user, KBS_ATUR)) throw forbidden();
  const errors: FieldError[] = [];
  const nama = cleanText(input.nama);
  if (!nama || nama.length < 2 || nama.length > 80)
    errors.push(body('nama', 'sampah.pengaturan.err.namaTingkat'));
  if (!Number.isInteger(input.urutan) || input.urutan < 1 || input.urutan > 20)
    errors.push(body('urutan', 'sampah.pengaturan.err.urutanTingkat'));
  if (!(input.minSkor >= 0 && input.minSkor <= 100))
    errors.push(body('minSkor', 'sampah.pengaturan.err.angka100'));
  const kodes = new Set((await listIndikator(trx, { semua: true })).map((i) => i.kode));
  input.indikatorWajib.forEach((k, i) => {
    if (!kodes.has(k)) errors.push(body(`indikatorWajib/${i}`, 'sampah.pengaturan.err.indikatorWajib'));
  });
  if (errors.length) throw badRequest('sampah.kbs.err.tingkat', errors);
  const wajib = [...new Set(input.indikatorWajib)];
  const other = await trx
    .selectFrom('sampah_kbs_tingkat')
    .select('id')
    .where('nama', '=', nama!)
    .where('urutan', '<>', input.urutan)
    .executeTakeFirst();
  if (other) throw badRequest('sampah.kbs.err.tingkat', [body('nama', 'sampah.pengaturan.err.sudahDipakai')]);
  await trx
    .insertInto('sampah_kbs_tingkat')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      nama: nama!,
      urutan: input.urutan,
      min_skor: input.minSkor,
      indikator_wajib: wajib,
    })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'urutan'])
        .doUpdateSet({ nama: nama!, min_skor: input.minSkor, indikator_wajib: wajib }),
    )
    .execute();
  return (await listTingkat(trx)).find((t) => t.urutan === input.urutan)!;
}

const aturanIndikator = (i: IndikatorView): AturanIndikator => ({
  kode: i.kode,
  jenis: i.jenis,
  ambang: i.ambang,
  bobot: i.bobot,
});
const aturanTingkat = (t: TingkatView): AturanTingkat => ({ ...t });

// ---- Computed indicators ----

/**
 * Values of the computed indicators for an RW and month, from bank sampah:
 *  - bank_sampah_aktif: 1 when a bank located in the RW took a member deposit (not reversed)
 *    from the first day of the month until now, else 0;
 *  - kg_per_kk_bulan: kg recovered by bank sampah from the RW's members in the month, per
 *    household (the KK count of the KBS profile, else of the RW register); 0 without a count.
 */
export async function nilaiTerhitung(
  trx: Tx,
  rw: RwRingkas,
  periode: string,
  indikator: readonly IndikatorView[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const { dari, sampai } = rentangPeriode(periode);
  for (const ind of indikator) {
    if (ind.sumber === 'bank_sampah_aktif') {
      const aktif = await bankAktifPerRw(trx, { sejak: dari, rwIds: [rw.id] });
      out.set(ind.id, aktif.some((a) => a.rwId === rw.id) ? 1 : 0);
    } else if (ind.sumber === 'kg_per_kk_bulan') {
      const kg = (await pemulihanPerRw(trx, { dari, sampai, rwIds: [rw.id] })).reduce((s, r) => s + r.kg, 0);
      const profil = await trx
        .selectFrom('sampah_rw_profil')
        .select('jumlah_kk')
        .where('rw_id', '=', rw.id)
        .executeTakeFirst();
      const kk = profil?.jumlah_kk ?? rw.jumlahKk ?? 0;
      out.set(ind.id, kk > 0 ? Math.max(0, Math.round((kg / kk) * 1000) / 1000) : 0);
    }
  }
  return out;
}

/** kg recovered by bank sampah per month for an RW, over the last `bulan` months (WIB). */
export async function pemulihanBulanan(
  trx: Tx,
  rwId: string,
  bulan = 12,
  now = new Date(),
): Promise<{ periode: string; kg: number }[]> {
  const today = hariIniWib(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let i = bulan - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  const rows = await pemulihanPerRw(trx, { dari: `${months[0]}-01`, sampai: today, rwIds: [rwId] });
  const per = new Map<string, number>(months.map((p) => [p, 0]));
  for (const r of rows) {
    const p = r.tanggal.slice(0, 7);
    per.set(p, Math.round(((per.get(p) ?? 0) + r.kg) * 1000) / 1000);
  }
  return months.map((p) => ({ periode: p, kg: per.get(p) ?? 0 }));
}

// ---- Assessments ----

export interface NilaiView {
  indikatorId: string;
  kode: string;
  nama: string;
  jenis: JenisIndikator;
  ambang: number | null;
  bobot: number;
  sumber: SumberIndikator;
  buktiWajib: boolean;
  nilai: number | null;
  terhitung: boolean;
  terpenuhi: boolean;
  bukti: number;
}

export interface LangkahView {
  status: StatusPenilaian;
  catatan: string | null;
  oleh: string | null;
  at: string;
}

export interface PenilaianView {
  id: string;
  rw: RwRingkas;
  periode: string;
  status: StatusPenilaian;
  /** Score and level as the rules give them now (or as approved). */
  skor: number;
  tingkat: { id: string; nama: string } | null;
  /** The verifier's notes of the last return, while the assessment is returned. */
  catatanKembali: string | null;
  nilai: NilaiView[];
  bukti: BuktiView[];
  langkah: LangkahView[];
  boleh: { ubah: boolean; ajukan: boolean; verifikasi: boolean };
}

export interface NilaiInput {
  indikatorKode: string;
  nilai: number;
}

type PenilaianRow = {
  id: string;
  rw_id: string;
  periode: string;
  status: StatusPenilaian;
  skor: string | null;
  tingkat_id: string | null;
};

async function penilaianRow(trx: Tx, id: string): Promise<PenilaianRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx
    .selectFrom('sampah_kbs_penilaian')
    .select(['id', 'rw_id', 'periode', 'status', 'skor', 'tingkat_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The assessment and its RW, when the user sees it (404), holding `need` at the RW (403). */
async function penilaianFor(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  need: Permission = KBS_LIHAT,
): Promise<{ p: PenilaianRow; rw: RwRingkas }> {
  const p = await penilaianRow(trx, id);
  if (!p) throw notFound('sampah.kbs.err.penilaianTidakAda');
  const rw = await rwKbsFor(trx, user, p.rw_id, need);
  return { p, rw };
}

function checkNilai(indikator: readonly IndikatorView[], nilai: readonly NilaiInput[]): Map<string, number> {
  const errors: FieldError[] = [];
  const byKode = new Map(indikator.map((i) => [i.kode, i]));
  const out = new Map<string, number>();
  nilai.forEach((n, idx) => {
    const ind = byKode.get(n.indikatorKode);
    if (!ind) errors.push(body(`nilai/${idx}/indikatorKode`, 'sampah.kbs.v.bukanIndikator'));
    else if (ind.sumber !== 'manual')
      errors.push(body(`nilai/${idx}/indikatorKode`, 'sampah.kbs.v.terhitung'));
    else if (out.has(ind.id)) errors.push(body(`nilai/${idx}/indikatorKode`, 'validation.listedTwice'));
    else if (!nilaiSah(ind.jenis, n.nilai)) {
      const detail =
        ind.jenis === 'ya_tidak'
          ? 'sampah.kbs.v.yaTidak'
          : ind.jenis === 'persen'
            ? 'sampah.pengaturan.err.angka100'
            : 'sampah.pengaturan.err.ambangAngka';
      errors.push(body(`nilai/${idx}/nilai`, detail));
    } else out.set(ind.id, n.nilai);
  });
  if (errors.length) throw badRequest('sampah.kbs.err.nilai', errors);
  return out;
}

async function tulisNilai(
  trx: Tx,
  penilaianId: string,
  nilai: Map<string, number>,
  terhitung: boolean,
): Promise<void> {
  for (const [indikatorId, v] of nilai) {
    await trx
      .insertInto('sampah_kbs_nilai')
      .values({
        tenant_id: sql<string>`balai_current_tenant()`,
        penilaian_id: penilaianId,
        indikator_id: indikatorId,
        nilai: v,
        terhitung,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'penilaian_id', 'indikator_id']).doUpdateSet({ nilai: v, terhitung }),
      )
      .execute();
  }
}

async function langkah(
  trx: Tx,
  penilaianId: string,
  status: StatusPenilaian,
  user: CurrentUser | null,
  catatan: string | null,
) {
  await trx
    .insertInto('sampah_kbs_langkah')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      penilaian_id: penilaianId,
      status,
      catatan,
      oleh: user?.id ?? null,
    })
    .execute();
}

async function refreshTerhitung(
  trx: Tx,
  p: PenilaianRow,
  rw: RwRingkas,
  indikator: IndikatorView[],
): Promise<void> {
  await tulisNilai(trx, p.id, await nilaiTerhitung(trx, rw, p.periode, indikator), true);
}

export interface PenilaianBaru {
  rwId: string;
  periode: string;
  nilai?: NilaiInput[] | undefined;
  catatan?: string | null | undefined;
}

/** Opens a draft assessment of an RW for a month (one per RW and month), with manual values. */
export async function buatPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  input: PenilaianBaru,
  opts: { demo?: boolean } = {},
): Promise<PenilaianView> {
  const rw = await rwKbsFor(trx, user, input.rwId, KBS_AJUKAN);
  const errors: FieldError[] = [];
  if (!PERIODE_RE.test(input.periode)) errors.push(body('periode', 'validation.month'));
  else if (input.periode > hariIniWib().slice(0, 7)) errors.push(body('periode', 'validation.notFuture'));
  if ((input.catatan?.length ?? 0) > 2000)
    errors.push(body('catatan', 'validation.maxLength', { limit: 2000 }));
  if (errors.length) throw badRequest('sampah.kbs.err.penilaian', errors);
  const indikator = await listIndikator(trx);
  const nilai = checkNilai(indikator, input.nilai ?? []);
  const dup = await trx
    .selectFrom('sampah_kbs_penilaian')
    .select('id')
    .where('rw_id', '=', rw.id)
    .where('periode', '=', input.periode)
    .executeTakeFirst();
  if (dup) throw conflict('sampah.kbs.err.sudahAda');
  const { id } = await trx
    .insertInto('sampah_kbs_penilaian')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: rw.id,
      periode: input.periode,
      skor: null,
      tingkat_id: null,
      catatan: cleanText(input.catatan),
      dibuat_oleh: user?.id ?? null,
      diajukan_oleh: null,
      diajukan_at: null,
      diverifikasi_oleh: null,
      diverifikasi_at: null,
      demo: opts.demo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tulisNilai(trx, id, nilai, false);
  const p = (await penilaianRow(trx, id))!;
  await refreshTerhitung(trx, p, rw, indikator);
  await langkah(trx, id, 'draf', user, null);
  return getPenilaian(trx, user, id);
}

/** Changes manual values of a draft or returned assessment (only those sent). */
export async function simpanNilai(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  input: { nilai: NilaiInput[]; catatan?: string | null | undefined },
): Promise<PenilaianView> {
  const { p, rw } = await penilaianFor(trx, user, id, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  if ((input.catatan?.length ?? 0) > 2000)
    throw badRequest('sampah.kbs.err.penilaian', [body('catatan', 'validation.maxLength', { limit: 2000 })]);
  const indikator = await listIndikator(trx);
  const nilai = checkNilai(indikator, input.nilai);
  await tulisNilai(trx, p.id, nilai, false);
  await refreshTerhitung(trx, p, rw, indikator);
  const upd = trx.updateTable('sampah_kbs_penilaian').set({ updated_at: new Date() });
  await (input.catatan !== undefined ? upd.set({ catatan: cleanText(input.catatan) }) : upd)
    .where('id', '=', p.id)
    .execute();
  return getPenilaian(trx, user, p.id);
}

/** Submits a draft or returned assessment for verification: every manual indicator needs a value (and evidence where required). */
export async function ajukanPenilaian(trx: Tx, user: CurrentUser | null, id: string): Promise<PenilaianView> {
  const { p, rw } = await penilaianFor(trx, user, id, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiajukan');
  const indikator = await listIndikator(trx);
  await refreshTerhitung(trx, p, rw, indikator);
  const view = await getPenilaian(trx, user, p.id);
  const errors: FieldError[] = [];
  view.nilai.forEach((n) => {
    if (n.nilai === null) errors.push({ pointer: `/nilai/${n.kode}`, detail: 'sampah.kbs.v.belumDiisi' });
    else if (n.buktiWajib && n.bukti === 0)
      errors.push({ pointer: `/bukti/${n.kode}`, detail: 'sampah.kbs.v.buktiWajib' });
  });
  if (errors.length) throw new HttpProblem(409, 'sampah.kbs.err.belumLengkap', { errors });
  await trx
    .updateTable('sampah_kbs_penilaian')
    .set({
      status: 'diajukan',
      diajukan_oleh: user?.id ?? null,
      diajukan_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', p.id)
    .execute();
  await langkah(trx, p.id, 'diajukan', user, null);
  return getPenilaian(trx, user, p.id);
}

/** Returns a submitted assessment to the RW with the verifier's notes. */
export async function kembalikanPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  catatan: string,
): Promise<PenilaianView> {
  const { p } = await penilaianFor(trx, user, id, KBS_VERIFIKASI);
  const text = cleanText(catatan);
  if (!text || text.length < 5 || text.length > 2000)
    throw badRequest('sampah.kbs.err.catatan', [body('catatan', 'sampah.kbs.err.catatan')]);
  if (p.status !== 'diajukan') throw conflict('sampah.kbs.err.bukanDiajukan');
  await trx
    .updateTable('sampah_kbs_penilaian')
    .set({
      status: 'dikembalikan',
      diverifikasi_oleh: user?.id ?? null,
      diverifikasi_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', p.id)
    .execute();
  await langkah(trx, p.id, 'dikembalikan', user, text);
  return getPenilaian(trx, user, p.id);
}

/** Approves a submitted assessment: its score and level become the RW's new status. */
export async function setujuiPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  catatan?: string | null,
  opts: { demo?: boolean; waktu?: Date } = {},
): Promise<PenilaianView> {
  const { p, rw } = await penilaianFor(trx, user, id, KBS_VERIFIKASI);
  const text = cleanText(catatan);
  if (text && text.length > 2000)
    throw badRequest('sampah.kbs.err.catatan', [body('catatan', 'validation.maxLength', { limit: 2000 })]);
  if (p.status !== 'diajukan') throw conflict('sampah.kbs.err.bukanDiajukan');
  const indikator = await listIndikator(trx);
  await refreshTerhitung(trx, p, rw, indikator);
  const view = await getPenilaian(trx, user, p.id);
  const waktu = opts.waktu ?? new Date();
  await trx
    .updateTable('sampah_kbs_penilaian')
    .set({
      status: 'disetujui',
      skor: view.skor,
      tingkat_id: view.tingkat?.id ?? null,
      diverifikasi_oleh: user?.id ?? null,
      diverifikasi_at: waktu,
      updated_at: waktu,
    })
    .where('id', '=', p.id)
    .execute();
  await langkah(trx, p.id, 'disetujui', user, text);
  await trx
    .insertInto('sampah_kbs_riwayat')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: rw.id,
      penilaian_id: p.id,
      tingkat_id: view.tingkat?.id ?? null,
      skor: view.skor,
      berlaku_sejak: waktu,
      dicatat_oleh: user?.id ?? null,
      demo: opts.demo ?? false,
    })
    .execute();
  return getPenilaian(trx, user, p.id);
}

export async function getPenilaian(trx: Tx, user: CurrentUser | null, id: string): Promise<PenilaianView> {
  const { p, rw } = await penilaianFor(trx, user, id);
  const semua = await listIndikator(trx, { semua: true });
  const values = await trx
    .selectFrom('sampah_kbs_nilai')
    .select(['indikator_id', 'nilai', 'terhitung'])
    .where('penilaian_id', '=', p.id)
    .execute();
  const byInd = new Map(values.map((v) => [v.indikator_id, v]));
  const bukti = await daftarBukti(trx, p.id);
  const buktiBy = new Map<string, number>();
  for (const b of bukti) buktiBy.set(b.indikatorId, (buktiBy.get(b.indikatorId) ?? 0) + 1);
  // Active indicators, and inactive ones this assessment holds a value for.
  const shown = semua.filter((i) => i.aktif || byInd.has(i.id));
  const nilai: NilaiView[] = shown.map((i) => {
    const v = byInd.get(i.id);
    const n = v ? Number(v.nilai) : null;
    return {
      indikatorId: i.id,
      kode: i.kode,
      nama: i.nama,
      jenis: i.jenis,
      ambang: i.ambang,
      bobot: i.bobot,
      sumber: i.sumber,
      buktiWajib: i.buktiWajib,
      nilai: n,
      terhitung: v?.terhitung ?? i.sumber !== 'manual',
      terpenuhi: terpenuhi(aturanIndikator(i), n),
      bukti: buktiBy.get(i.id) ?? 0,
    };
  });
  const tingkat = await listTingkat(trx);
  let skor: number;
  let level: { id: string; nama: string } | null;
  if (p.status === 'disetujui') {
    skor = Number(p.skor ?? 0);
    const t = tingkat.find((x) => x.id === p.tingkat_id);
    level = t ? { id: t.id, nama: t.nama } : null;
  } else {
    const active = semua.filter((i) => i.aktif);
    const map = new Map<string, number>();
    for (const n of nilai) if (n.nilai !== null) map.set(n.kode, n.nilai);
    const hasil = tentukanStatus(active.map(aturanIndikator), tingkat.map(aturanTingkat), map);
    skor = hasil.skor;
    level = hasil.tingkat ? { id: hasil.tingkat.id, nama: hasil.tingkat.nama } : null;
  }
  const steps = await trx
    .selectFrom('sampah_kbs_langkah')
    .select(['status', 'catatan', 'oleh', 'at'])
    .where('penilaian_id', '=', p.id)
    .orderBy('id')
    .execute();
  const last = steps.at(-1);
  const editable = p.status === 'draf' || p.status === 'dikembalikan';
  return {
    id: p.id,
    rw,
    periode: p.periode,
    status: p.status,
    skor,
    tingkat: level,
    catatanKembali: p.status === 'dikembalikan' ? (last?.catatan ?? null) : null,
    nilai,
    bukti,
    langkah: steps.map((s) => ({
      status: s.status,
      catatan: s.catatan,
      oleh: s.oleh,
      at: new Date(s.at).toISOString(),
    })),
    boleh: {
      ubah: editable && (user === null || can(user, KBS_AJUKAN, rw.kode)),
      ajukan: editable && (user === null || can(user, KBS_AJUKAN, rw.kode)),
      verifikasi: p.status === 'diajukan' && (user === null || can(user, KBS_VERIFIKASI, rw.kode)),
    },
  };
}

export interface PenilaianRingkas {
  id: string;
  rwId: string;
  rwKode: string;
  rwNomor: number;
  kelurahanNama: string;
  periode: string;
  status: StatusPenilaian;
  diajukanAt: string | null;
}

/**
 * Assessments the user sees (their areas), newest first; filtered by status and RW. The
 * verification queue is status diajukan.
 */
export async function listPenilaian(
  trx: Tx,
  user: CurrentUser,
  q: { status?: StatusPenilaian | undefined; rwId?: string | undefined; limit?: number | undefined },
): Promise<PenilaianRingkas[]> {
  if (!can(user, KBS_LIHAT)) throw forbidden();
  let query = trx
    .selectFrom('sampah_kbs_penilaian as p')
    .select(['p.id', 'p.rw_id', 'p.periode', 'p.status', 'p.diajukan_at'])
    .orderBy('p.diajukan_at', (ob) => ob.desc().nullsLast())
    .orderBy('p.created_at', 'desc')
    .limit(q.limit ?? 200);
  if (q.status) query = query.where('p.status', '=', q.status);
  if (q.rwId) {
    if (!UUID_RE.test(q.rwId)) return [];
    query = query.where('p.rw_id', '=', q.rwId);
  }
  const rows = await query.execute();
  // The RWs in the user's areas, in one query (not one per assessment).
  const rwIds = [...new Set(rows.map((r) => r.rw_id))];
  const rws = new Map<string, RwRow>();
  if (rwIds.length) {
    const { rows: list } = await listRwRows(trx, {
      areas: areasFor(user, KBS_LIHAT),
      limit: 1_000_000,
      offset: 0,
    });
    for (const rw of list) if (rwIds.includes(rw.id)) rws.set(rw.id, rw);
  }
  const out: PenilaianRingkas[] = [];
  for (const r of rows) {
    const rw = rws.get(r.rw_id);
    if (!rw) continue;
    const kode = rwAreaKode(rw.kelurahan_kode, rw.nomor);
    if (!can(user, KBS_LIHAT, kode)) continue;
    out.push({
      id: r.id,
      rwId: r.rw_id,
      rwKode: kode,
      rwNomor: rw.nomor,
      kelurahanNama: rw.kelurahan_nama,
      periode: r.periode,
      status: r.status,
      diajukanAt: r.diajukan_at ? new Date(r.diajukan_at).toISOString() : null,
    });
  }
  return out;
}

// ---- RW profile, status and history ----

export interface ProfilView {
  jumlahKk: number | null;
  penduduk: number | null;
  kontakNama: string | null;
  kontakTelepon: string | null;
  pemilahan: boolean;
  pengomposan: boolean;
  maggot: boolean;
  jadwalAngkut: string | null;
}

export interface ProfilInput {
  jumlahKk?: number | null | undefined;
  penduduk?: number | null | undefined;
  kontakNama?: string | null | undefined;
  kontakTelepon?: string | null | undefined;
  pemilahan?: boolean | undefined;
  pengomposan?: boolean | undefined;
  maggot?: boolean | undefined;
  jadwalAngkut?: string | null | undefined;
}

export interface RiwayatView {
  tingkat: { id: string; nama: string } | null;
  skor: number | null;
  berlakuSejak: string;
  penilaianId: string | null;
  periode: string | null;
}

export interface RwKbsView {
  rw: RwRingkas;
  profil: ProfilView;
  status: RiwayatView | null;
  riwayat: RiwayatView[];
  pemulihan: { periode: string; kg: number }[];
  penilaian: PenilaianRingkas[];
  boleh: { ubahProfil: boolean; buatPenilaian: boolean };
}

const PROFIL_KOSONG: ProfilView = {
  jumlahKk: null,
  penduduk: null,
  kontakNama: null,
  kontakTelepon: null,
  pemilahan: false,
  pengomposan: false,
  maggot: false,
  jadwalAngkut: null,
};

async function profilOf(trx: Tx, rwId: string): Promise<ProfilView> {
  const r = await trx.selectFrom('sampah_rw_profil').selectAll().where('rw_id', '=', rwId).executeTakeFirst();
  if (!r) return { ...PROFIL_KOSONG };
  return {
    jumlahKk: r.jumlah_kk,
    penduduk: r.penduduk,
    kontakNama: r.kontak_nama,
    kontakTelepon: r.kontak_telepon,
    pemilahan: r.pemilahan,
    pengomposan: r.pengomposan,
    maggot: r.maggot,
    jadwalAngkut: r.jadwal_angkut,
  };
}

/** Changes the KBS profile of an RW (only the fields sent). */
export async function simpanProfil(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  input: ProfilInput,
  opts: { demo?: boolean } = {},
): Promise<ProfilView> {
  const rw = await rwKbsFor(trx, user, rwId, KBS_AJUKAN);
  const cur = await profilOf(trx, rw.id);
  const next: ProfilView = {
    jumlahKk: input.jumlahKk === undefined ? cur.jumlahKk : input.jumlahKk,
    penduduk: input.penduduk === undefined ? cur.penduduk : input.penduduk,
    kontakNama: input.kontakNama === undefined ? cur.kontakNama : cleanText(input.kontakNama),
    kontakTelepon:
      input.kontakTelepon === undefined ? cur.kontakTelepon : normalisasiTelepon(input.kontakTelepon),
    pemilahan: input.pemilahan ?? cur.pemilahan,
    pengomposan: input.pengomposan ?? cur.pengomposan,
    maggot: input.maggot ?? cur.maggot,
    jadwalAngkut: input.jadwalAngkut === undefined ? cur.jadwalAngkut : cleanText(input.jadwalAngkut),
  };
  const errors: FieldError[] = [];
  if (
    next.jumlahKk !== null &&
    !(Number.isInteger(next.jumlahKk) && next.jumlahKk >= 0 && next.jumlahKk <= 100000)
  )
    errors.push(body('jumlahKk', 'validation.integerRange', { min: 0, max: 100000 }));
  if (
    next.penduduk !== null &&
    !(Number.isInteger(next.penduduk) && next.penduduk >= 0 && next.penduduk <= 1000000)
  )
    errors.push(body('penduduk', 'validation.integerRange', { min: 0, max: 1000000 }));
  if ((next.kontakNama?.length ?? 0) > 120)
    errors.push(body('kontakNama', 'validation.maxLength', { limit: 120 }));
  if (next.kontakTelepon !== null && !teleponSah(next.kontakTelepon))
    errors.push(body('kontakTelepon', 'validation.phone'));
  if ((next.jadwalAngkut?.length ?? 0) > 200)
    errors.push(body('jadwalAngkut', 'validation.maxLength', { limit: 200 }));
  if (errors.length) throw badRequest('sampah.kbs.err.profil', errors);
  const values = {
    jumlah_kk: next.jumlahKk,
    penduduk: next.penduduk,
    kontak_nama: next.kontakNama,
    kontak_telepon: next.kontakTelepon,
    pemilahan: next.pemilahan,
    pengomposan: next.pengomposan,
    maggot: next.maggot,
    jadwal_angkut: next.jadwalAngkut,
    updated_at: new Date(),
  };
  await trx
    .insertInto('sampah_rw_profil')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      rw_id: rw.id,
      demo: opts.demo ?? false,
      ...values,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'rw_id']).doUpdateSet(values))
    .execute();
  return next;
}

/** The status history of an RW, newest first (the first row is the current status). */
export async function riwayatRw(trx: Tx, rwId: string): Promise<RiwayatView[]> {
  const rows = await trx
    .selectFrom('sampah_kbs_riwayat as r')
    .leftJoin('sampah_kbs_tingkat as t', (j) =>
      j.onRef('t.tenant_id', '=', 'r.tenant_id').onRef('t.id', '=', 'r.tingkat_id'),
    )
    .leftJoin('sampah_kbs_penilaian as p', (j) =>
      j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.penilaian_id'),
    )
    .select(['r.tingkat_id', 't.nama', 'r.skor', 'r.berlaku_sejak', 'r.penilaian_id', 'p.periode'])
    .where('r.rw_id', '=', rwId)
    .orderBy('r.berlaku_sejak', 'desc')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    tingkat: r.tingkat_id && r.nama ? { id: r.tingkat_id, nama: r.nama } : null,
    skor: num(r.skor),
    berlakuSejak: new Date(r.berlaku_sejak).toISOString(),
    penilaianId: r.penilaian_id,
    periode: r.periode,
  }));
}

/** An RW's KBS page: profile, current status and its history, bank sampah recovery, assessments. */
export async function rwKbs(trx: Tx, user: CurrentUser | null, rwId: string): Promise<RwKbsView> {
  const rw = await rwKbsFor(trx, user, rwId);
  const riwayat = await riwayatRw(trx, rw.id);
  const penilaian = user ? await listPenilaian(trx, user, { rwId: rw.id, limit: 24 }) : [];
  return {
    rw,
    profil: await profilOf(trx, rw.id),
    status: riwayat[0] ?? null,
    riwayat,
    pemulihan: await pemulihanBulanan(trx, rw.id),
    penilaian,
    boleh: {
      ubahProfil: user === null || can(user, KBS_AJUKAN, rw.kode),
      buatPenilaian: user === null || can(user, KBS_AJUKAN, rw.kode),
    },
  };
}

/** Number of RWs per current level (the latest history row of each RW), for the dashboard. */
export async function jumlahPerTingkat(
  trx: Tx,
): Promise<{ tingkatId: string | null; nama: string | null; jumlah: number }[]> {
  const rows = await sql<{ tingkat_id: string | null; nama: string | null; jumlah: string }>`
    select cur.tingkat_id, t.nama, count(*) as jumlah
      from (select distinct on (rw_id) rw_id, tingkat_id from sampah_kbs_riwayat
             order by rw_id, berlaku_sejak desc, id) cur
      left join sampah_kbs_tingkat t on t.id = cur.tingkat_id
     group by 1, 2
     order by min(t.urutan) nulls first`.execute(trx);
  return rows.rows.map((r) => ({ tingkatId: r.tingkat_id, nama: r.nama, jumlah: Number(r.jumlah) }));
}

/** An RW's current KBS status: its latest history row (tingkat null: no level reached). */
export interface StatusKbs {
  tingkatId: string | null;
  nama: string | null;
  urutan: number | null;
  skor: number | null;
}

/**
 * The KBS status (latest history row, by default now; with `pada`, the latest from before then)
 * of the RWs given, or of every RW of the city.
 */
export async function statusKbs(
  trx: Tx,
  rwIds?: readonly string[],
  pada?: Date,
): Promise<Map<string, StatusKbs>> {
  const out = new Map<string, StatusKbs>();
  if (rwIds && rwIds.length === 0) return out;
  const where = [
    ...(rwIds ? [sql`r.rw_id in (${sql.join(rwIds)})`] : []),
    ...(pada ? [sql`r.berlaku_sejak <= ${pada}`] : []),
  ];
  const rows = await sql<{
    rw_id: string;
    tingkat_id: string | null;
    nama: string | null;
    urutan: number | null;
    skor: string | null;
  }>`
    select distinct on (r.rw_id) r.rw_id, r.tingkat_id, t.nama, t.urutan, r.skor
      from sampah_kbs_riwayat r
      left join sampah_kbs_tingkat t on t.tenant_id = r.tenant_id and t.id = r.tingkat_id
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
     order by r.rw_id, r.berlaku_sejak desc, r.id`.execute(trx);
  for (const r of rows.rows)
    out.set(r.rw_id, {
      tingkatId: r.tingkat_id,
      nama: r.nama,
      urutan: r.urutan,
      skor: num(r.skor),
    });
  return out;
}

// ---- Evidence photos ----

/** Largest evidence photo accepted (bytes). */
export const BUKTI_MAX_BYTES = 2 * 1024 * 1024;
/** Most photos per indicator of an assessment. */
export const BUKTI_MAX_PER_INDIKATOR = 5;

export type TipeFoto = 'image/jpeg' | 'image/png' | 'image/webp';

export interface BuktiView {
  id: string;
  indikatorId: string;
  namaFile: string;
  tipe: TipeFoto;
  ukuran: number;
  createdAt: string;
}

const fotoError = (detail: string, params?: Record<string, string | number>) =>
  badRequest(
    'sampah.kbs.err.foto',
    [{ pointer: '/body/foto', detail, ...(params ? { params } : {}) }],
    params,
  );

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

/** The type of a photo from its first bytes (the name and declared type are not trusted); 400 otherwise. */
export function sniffFoto(data: unknown): TipeFoto {
  if (!Buffer.isBuffer(data) || data.length === 0) throw fotoError('sampah.kbs.v.fotoJenis');
  if (data.length > BUKTI_MAX_BYTES)
    throw fotoError('sampah.kbs.v.fotoBesar', { max: BUKTI_MAX_BYTES / 1024 });
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0x52, 0x49, 0x46, 0x46]) && startsWith(data, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  throw fotoError('sampah.kbs.v.fotoJenis');
}

async function daftarBukti(trx: Tx, penilaianId: string): Promise<BuktiView[]> {
  const rows = await trx
    .selectFrom('sampah_kbs_bukti')
    .select(['id', 'indikator_id', 'nama_file', 'tipe', 'ukuran', 'created_at'])
    .where('penilaian_id', '=', penilaianId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    indikatorId: r.indikator_id,
    namaFile: r.nama_file,
    tipe: r.tipe,
    ukuran: r.ukuran,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Adds an evidence photo for a manual indicator of a draft or returned assessment. */
export async function unggahBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  input: { indikatorKode: string; foto: unknown; namaFile: string | null | undefined },
): Promise<BuktiView> {
  const { p } = await penilaianFor(trx, user, penilaianId, KBS_AJUKAN);
  const ind = (await listIndikator(trx)).find((i) => i.kode === input.indikatorKode);
  if (!ind || ind.sumber !== 'manual')
    throw badRequest('sampah.kbs.err.foto', [body('indikatorKode', 'sampah.kbs.v.bukanManual')]);
  const tipe = sniffFoto(input.foto);
  const data = input.foto as Buffer;
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  const count = (await daftarBukti(trx, p.id)).filter((b) => b.indikatorId === ind.id).length;
  if (count >= BUKTI_MAX_PER_INDIKATOR)
    throw badRequest('sampah.kbs.err.foto', [
      body('foto', 'sampah.kbs.v.fotoMaks', { limit: BUKTI_MAX_PER_INDIKATOR }),
    ]);
  const nama = [...(cleanText(input.namaFile) ?? 'foto')]
    .map((c) => (c < ' ' || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .slice(0, 200);
  const { id } = await trx
    .insertInto('sampah_kbs_bukti')
    .values({
      tenant_id: sql<string>`balai_current_tenant()`,
      penilaian_id: p.id,
      indikator_id: ind.id,
      nama_file: nama,
      tipe,
      ukuran: data.length,
      isi: data,
      diunggah_oleh: user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await daftarBukti(trx, p.id)).find((b) => b.id === id)!;
}

/** The bytes of an evidence photo, for whoever sees its assessment. */
export async function bacaBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  buktiId: string,
): Promise<{ tipe: TipeFoto; isi: Buffer; namaFile: string }> {
  const { p } = await penilaianFor(trx, user, penilaianId);
  const row = UUID_RE.test(buktiId)
    ? await trx
        .selectFrom('sampah_kbs_bukti')
        .select(['tipe', 'isi', 'nama_file'])
        .where('id', '=', buktiId)
        .where('penilaian_id', '=', p.id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFound();
  return { tipe: row.tipe, isi: row.isi, namaFile: row.nama_file };
}

/** Removes an evidence photo of a draft or returned assessment. */
export async function hapusBukti(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  buktiId: string,
): Promise<void> {
  const { p } = await penilaianFor(trx, user, penilaianId, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  const r = UUID_RE.test(buktiId)
    ? await trx
        .deleteFrom('sampah_kbs_bukti')
        .where('id', '=', buktiId)
        .where('penilaian_id', '=', p.id)
        .executeTakeFirst()
    : undefined;
  if (!r || Number(r.numDeletedRows) === 0) throw notFound();
}

export interface RwStatusBaris extends RwRingkas {
  status: RiwayatView | null;
}

/** The RWs the user sees, with their current KBS status, by kelurahan and number (paginated). */
export async function daftarRwKbs(
  trx: Tx,
  user: CurrentUser,
  q: { kelurahan?: string | undefined; page: number; perPage: number },
): Promise<{ items: RwStatusBaris[]; total: number; page: number; perPage: number }> {
  if (!can(user, KBS_LIHAT)) throw forbidden();
  const { total, rows } = await listRwRows(trx, {
    areas: areasFor(user, KBS_LIHAT),
    kelurahan: q.kelurahan,
    limit: q.perPage,
    offset: (q.page - 1) * q.perPage,
  });
  const ids = rows.map((r) => r.id);
  const current = new Map<string, RiwayatView>();
  if (ids.length) {
    const cur = await sql<{
      rw_id: string;
      tingkat_id: string | null;
      nama: string | null;
      skor: string | null;
      berlaku_sejak: Date;
      penilaian_id: string | null;
    }>`select distinct on (r.rw_id) r.rw_id, r.tingkat_id, t.nama, r.skor, r.berlaku_sejak, r.penilaian_id
         from sampah_kbs_riwayat r
         left join sampah_kbs_tingkat t on t.tenant_id = r.tenant_id and t.id = r.tingkat_id
        where r.rw_id in (${sql.join(ids)})
        order by r.rw_id, r.berlaku_sejak desc, r.id`.execute(trx);
    for (const r of cur.rows) {
      current.set(r.rw_id, {
        tingkat: r.tingkat_id && r.nama ? { id: r.tingkat_id, nama: r.nama } : null,
        skor: num(r.skor),
        berlakuSejak: new Date(r.berlaku_sejak).toISOString(),
        penilaianId: r.penilaian_id,
        periode: null,
      });
    }
  }
  return {
    items: rows.map((r) => ({ ...rwRingkas(r), status: current.get(r.id) ?? null })),
    total,
    page: q.page,
    perPage: q.perPage,
  };
}
