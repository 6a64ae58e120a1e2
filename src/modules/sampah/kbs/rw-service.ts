/**
 * An RW in the KBS programme: its profile, current status and status history, kg recovered by
 * bank sampah per month, and the list of RWs with their status. RWs come through the wilayah
 * module's face, bank sampah figures through the bank-sampah module's face.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import { normaliseTelepon, isTeleponValid } from '../../../platform/telepon.ts';
import { cleanText } from '../../../platform/text.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listRwRows, type RwRow } from '../../wilayah/api.ts';
import { pemulihanPerRw } from '../../bank-sampah/api.ts';
import { bodyField as body, toNumber as num } from './kbs-common.ts';
import { findRwKbs, toRwRingkas, type RwRingkas } from './kbs-access.ts';
import { listPenilaian, type PenilaianRingkas } from './penilaian-service.ts';
import { KBS_AJUKAN, KBS_LIHAT } from './permissions-kbs.ts';
import { sameTenant } from '../../../platform/db/tenant-join.ts';

/** kg recovered by bank sampah per month for an RW, over the last `bulan` months (WIB). */
export async function listPemulihanBulanan(
  trx: Tx,
  rwId: string,
  bulan = 12,
  now = new Date(),
): Promise<{ periode: string; kg: number }[]> {
  const today = todayWib(now);
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

async function getProfil(trx: Tx, rwId: string): Promise<ProfilView> {
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
export async function saveProfil(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  input: ProfilInput,
  opts: { demo?: boolean } = {},
): Promise<ProfilView> {
  const rw = await findRwKbs(trx, user, rwId, KBS_AJUKAN);
  const cur = await getProfil(trx, rw.id);
  const next: ProfilView = {
    jumlahKk: input.jumlahKk === undefined ? cur.jumlahKk : input.jumlahKk,
    penduduk: input.penduduk === undefined ? cur.penduduk : input.penduduk,
    kontakNama: input.kontakNama === undefined ? cur.kontakNama : cleanText(input.kontakNama),
    kontakTelepon:
      input.kontakTelepon === undefined ? cur.kontakTelepon : normaliseTelepon(input.kontakTelepon),
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
  if (next.kontakTelepon !== null && !isTeleponValid(next.kontakTelepon))
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
export async function listRiwayat(trx: Tx, rwId: string): Promise<RiwayatView[]> {
  const rows = await trx
    .selectFrom('sampah_kbs_riwayat as r')
    .leftJoin('sampah_kbs_tingkat as t', sameTenant('t.id', 'r.tingkat_id'))
    .leftJoin('sampah_kbs_penilaian as p', sameTenant('p.id', 'r.penilaian_id'))
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
export async function getRwKbs(trx: Tx, user: CurrentUser | null, rwId: string): Promise<RwKbsView> {
  const rw = await findRwKbs(trx, user, rwId);
  const riwayat = await listRiwayat(trx, rw.id);
  const penilaian = user ? await listPenilaian(trx, user, { rwId: rw.id, limit: 24 }) : [];
  return {
    rw,
    profil: await getProfil(trx, rw.id),
    status: riwayat[0] ?? null,
    riwayat,
    pemulihan: await listPemulihanBulanan(trx, rw.id),
    penilaian,
    boleh: {
      ubahProfil: user === null || can(user, KBS_AJUKAN, rw.kode),
      buatPenilaian: user === null || can(user, KBS_AJUKAN, rw.kode),
    },
  };
}

/** Number of RWs per current level (the latest history row of each RW), for the dashboard. */
export async function countPerTingkat(
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
export async function listStatusKbs(
  trx: Tx,
  rwIds?: readonly string[],
  pada?: Date,
): Promise<Map<string, StatusKbs>> {
  const out = new Map<string, StatusKbs>();
  for (const r of await listCurrentRiwayat(trx, rwIds, pada))
    out.set(r.rw_id, { tingkatId: r.tingkat_id, nama: r.nama, urutan: r.urutan, skor: num(r.skor) });
  return out;
}

/** The latest history row of each RW (of `rwIds`; from before `pada`), with its level's name and rank. */
async function listCurrentRiwayat(trx: Tx, rwIds?: readonly string[], pada?: Date) {
  if (rwIds && rwIds.length === 0) return [];
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
    berlaku_sejak: Date;
    penilaian_id: string | null;
  }>`
    select distinct on (r.rw_id) r.rw_id, r.tingkat_id, t.nama, t.urutan, r.skor, r.berlaku_sejak, r.penilaian_id
      from sampah_kbs_riwayat r
      left join sampah_kbs_tingkat t on t.tenant_id = r.tenant_id and t.id = r.tingkat_id
      ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
     order by r.rw_id, r.berlaku_sejak desc, r.id`.execute(trx);
  return rows.rows;
}

/**
 * A page of the RWs in the user's areas of `perm` (403 without it anywhere), by kelurahan and number,
 * with the page's numbers.
 */
export async function pageRw(
  trx: Tx,
  user: CurrentUser,
  perm: Permission,
  q: { kecamatan?: string | undefined; kelurahan?: string | undefined; page: number; perPage: number },
): Promise<{ rows: RwRow[]; ids: string[]; total: number; page: number; perPage: number }> {
  if (!can(user, perm)) throw forbidden();
  const { total, rows } = await listRwRows(trx, {
    areas: areasFor(user, perm),
    kecamatan: q.kecamatan,
    kelurahan: q.kelurahan,
    limit: q.perPage,
    offset: (q.page - 1) * q.perPage,
  });
  return { rows, ids: rows.map((r) => r.id), total, page: q.page, perPage: q.perPage };
}

export interface RwStatusBaris extends RwRingkas {
  status: RiwayatView | null;
}

/** The RWs the user sees, with their current KBS status, by kelurahan and number (paginated). */
export async function listRwKbs(
  trx: Tx,
  user: CurrentUser,
  q: { kelurahan?: string | undefined; page: number; perPage: number },
): Promise<{ items: RwStatusBaris[]; total: number; page: number; perPage: number }> {
  const { rows, ids, ...page } = await pageRw(trx, user, KBS_LIHAT, q);
  const current = new Map<string, RiwayatView>();
  for (const r of await listCurrentRiwayat(trx, ids)) {
    current.set(r.rw_id, {
      tingkat: r.tingkat_id && r.nama ? { id: r.tingkat_id, nama: r.nama } : null,
      skor: num(r.skor),
      berlakuSejak: new Date(r.berlaku_sejak).toISOString(),
      penilaianId: r.penilaian_id,
      periode: null,
    });
  }
  return { items: rows.map((r) => ({ ...toRwRingkas(r), status: current.get(r.id) ?? null })), ...page };
}
