/**
 * KBS assessments of an RW and month and their verification. Flow: draf -> diajukan -> disetujui,
 * or diajukan -> dikembalikan (with the verifier's notes) -> diajukan again after changes. Values
 * can change in draf and dikembalikan. On approval the computed indicators are taken again, the
 * score and level follow from the rules (kbs-aturan.ts) and the RW's new status is appended to
 * sampah_kbs_riwayat. Bank sampah figures come through the bank-sampah module's face.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { areasFor, can, rwAreaKode, type CurrentUser } from '../../../platform/auth/roles.ts';
import {
  HttpProblem,
  badRequest,
  conflict,
  forbidden,
  type FieldError,
} from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listRwRows, type RwRow } from '../../wilayah/api.ts';
import { bankAktifPerRw, pemulihanPerRw } from '../../bank-sampah/api.ts';
import { isNilaiValid, computeStatus, isTerpenuhi } from './kbs-aturan.ts';
import {
  JENIS_ATURAN,
  type JenisIndikator,
  type StatusPenilaian,
  type SumberIndikator,
} from './indikator.ts';
import { PERIODE_RE, UUID_RE, bodyField as body, rentangPeriode } from './kbs-common.ts';
import {
  findPenilaian,
  findPenilaianRow,
  findRwKbs,
  type PenilaianRow,
  type RwRingkas,
} from './kbs-access.ts';
import {
  aturanIndikator,
  aturanTingkat,
  listIndikator,
  listTingkat,
  type IndikatorView,
} from './indikator-service.ts';
import { listBukti, type BuktiView } from './bukti-service.ts';
import { KBS_AJUKAN, KBS_LIHAT, KBS_VERIFIKASI } from './permissions-kbs.ts';

/**
 * Values of the computed indicators for an RW and month, from bank sampah:
 *  - bank_sampah_aktif: 1 when a bank located in the RW took a member deposit (not reversed)
 *    from the first day of the month until now, else 0;
 *  - kg_per_kk_bulan: kg recovered by bank sampah from the RW's members in the month, per
 *    household (the KK count of the KBS profile, else of the RW register); 0 without a count.
 */
export async function computeNilai(
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
    else if (!isNilaiValid(ind.jenis, n.nilai)) {
      errors.push(body(`nilai/${idx}/nilai`, JENIS_ATURAN[ind.jenis].salah));
    } else out.set(ind.id, n.nilai);
  });
  if (errors.length) throw badRequest('sampah.kbs.err.nilai', errors);
  return out;
}

async function saveNilaiRows(
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

async function addLangkah(
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

/**
 * Moves an assessment on to `status`, stamping who did it and when (the submitter, or the
 * verifier for a return or an approval) besides the columns in `set`, and logs the step.
 */
async function moveTo(
  trx: Tx,
  user: CurrentUser | null,
  penilaianId: string,
  step: { status: 'diajukan' | 'dikembalikan' | 'disetujui'; catatan: string | null; waktu?: Date },
  set: { skor?: number | null; tingkat_id?: string | null } = {},
) {
  const oleh = user?.id ?? null;
  const waktu = step.waktu ?? new Date();
  const stamp =
    step.status === 'diajukan'
      ? { diajukan_oleh: oleh, diajukan_at: waktu }
      : { diverifikasi_oleh: oleh, diverifikasi_at: waktu };
  await trx
    .updateTable('sampah_kbs_penilaian')
    .set({ ...set, ...stamp, status: step.status, updated_at: waktu })
    .where('id', '=', penilaianId)
    .execute();
  await addLangkah(trx, penilaianId, step.status, user, step.catatan);
}

async function refreshComputedNilai(
  trx: Tx,
  p: PenilaianRow,
  rw: RwRingkas,
  indikator: IndikatorView[],
): Promise<void> {
  await saveNilaiRows(trx, p.id, await computeNilai(trx, rw, p.periode, indikator), true);
}

export interface PenilaianBaru {
  rwId: string;
  periode: string;
  nilai?: NilaiInput[] | undefined;
  catatan?: string | null | undefined;
}

/** Opens a draft assessment of an RW for a month (one per RW and month), with manual values. */
export async function createPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  input: PenilaianBaru,
  opts: { demo?: boolean } = {},
): Promise<PenilaianView> {
  const rw = await findRwKbs(trx, user, input.rwId, KBS_AJUKAN);
  const errors: FieldError[] = [];
  if (!PERIODE_RE.test(input.periode)) errors.push(body('periode', 'validation.month'));
  else if (input.periode > todayWib().slice(0, 7)) errors.push(body('periode', 'validation.notFuture'));
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
  await saveNilaiRows(trx, id, nilai, false);
  const p = (await findPenilaianRow(trx, id))!;
  await refreshComputedNilai(trx, p, rw, indikator);
  await addLangkah(trx, id, 'draf', user, null);
  return getPenilaian(trx, user, id);
}

/** Changes manual values of a draft or returned assessment (only those sent). */
export async function saveNilai(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  input: { nilai: NilaiInput[]; catatan?: string | null | undefined },
): Promise<PenilaianView> {
  const { p, rw } = await findPenilaian(trx, user, id, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiubah');
  if ((input.catatan?.length ?? 0) > 2000)
    throw badRequest('sampah.kbs.err.penilaian', [body('catatan', 'validation.maxLength', { limit: 2000 })]);
  const indikator = await listIndikator(trx);
  const nilai = checkNilai(indikator, input.nilai);
  await saveNilaiRows(trx, p.id, nilai, false);
  await refreshComputedNilai(trx, p, rw, indikator);
  const upd = trx.updateTable('sampah_kbs_penilaian').set({ updated_at: new Date() });
  await (input.catatan !== undefined ? upd.set({ catatan: cleanText(input.catatan) }) : upd)
    .where('id', '=', p.id)
    .execute();
  return getPenilaian(trx, user, p.id);
}

/** Submits a draft or returned assessment for verification: every manual indicator needs a value (and evidence where required). */
export async function submitPenilaian(trx: Tx, user: CurrentUser | null, id: string): Promise<PenilaianView> {
  const { p, rw } = await findPenilaian(trx, user, id, KBS_AJUKAN);
  if (p.status !== 'draf' && p.status !== 'dikembalikan') throw conflict('sampah.kbs.err.tidakBisaDiajukan');
  const indikator = await listIndikator(trx);
  await refreshComputedNilai(trx, p, rw, indikator);
  const view = await getPenilaian(trx, user, p.id);
  const errors: FieldError[] = [];
  view.nilai.forEach((n) => {
    if (n.nilai === null) errors.push({ pointer: `/nilai/${n.kode}`, detail: 'sampah.kbs.v.belumDiisi' });
    else if (n.buktiWajib && n.bukti === 0)
      errors.push({ pointer: `/bukti/${n.kode}`, detail: 'sampah.kbs.v.buktiWajib' });
  });
  if (errors.length) throw new HttpProblem(409, 'sampah.kbs.err.belumLengkap', { errors });
  await moveTo(trx, user, p.id, { status: 'diajukan', catatan: null });
  return getPenilaian(trx, user, p.id);
}

/** Returns a submitted assessment to the RW with the verifier's notes. */
export async function returnPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  catatan: string,
): Promise<PenilaianView> {
  const { p } = await findPenilaian(trx, user, id, KBS_VERIFIKASI);
  const text = cleanText(catatan);
  if (!text || text.length < 5 || text.length > 2000)
    throw badRequest('sampah.kbs.err.catatan', [body('catatan', 'sampah.kbs.err.catatan')]);
  if (p.status !== 'diajukan') throw conflict('sampah.kbs.err.bukanDiajukan');
  await moveTo(trx, user, p.id, { status: 'dikembalikan', catatan: text });
  return getPenilaian(trx, user, p.id);
}

/** Approves a submitted assessment: its score and level become the RW's new status. */
export async function approvePenilaian(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  catatan?: string | null,
  opts: { demo?: boolean; waktu?: Date } = {},
): Promise<PenilaianView> {
  const { p, rw } = await findPenilaian(trx, user, id, KBS_VERIFIKASI);
  const text = cleanText(catatan);
  if (text && text.length > 2000)
    throw badRequest('sampah.kbs.err.catatan', [body('catatan', 'validation.maxLength', { limit: 2000 })]);
  if (p.status !== 'diajukan') throw conflict('sampah.kbs.err.bukanDiajukan');
  const indikator = await listIndikator(trx);
  await refreshComputedNilai(trx, p, rw, indikator);
  const view = await getPenilaian(trx, user, p.id);
  const waktu = opts.waktu ?? new Date();
  await moveTo(
    trx,
    user,
    p.id,
    { status: 'disetujui', catatan: text, waktu },
    { skor: view.skor, tingkat_id: view.tingkat?.id ?? null },
  );
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
  const { p, rw } = await findPenilaian(trx, user, id);
  const semua = await listIndikator(trx, { semua: true });
  const values = await trx
    .selectFrom('sampah_kbs_nilai')
    .select(['indikator_id', 'nilai', 'terhitung'])
    .where('penilaian_id', '=', p.id)
    .execute();
  const byInd = new Map(values.map((v) => [v.indikator_id, v]));
  const bukti = await listBukti(trx, p.id);
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
      terpenuhi: isTerpenuhi(aturanIndikator(i), n),
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
    const hasil = computeStatus(active.map(aturanIndikator), tingkat.map(aturanTingkat), map);
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
