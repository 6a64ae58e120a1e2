/**
 * Who sees which RW and assessment of the waste programme: the one access rule of the RW pages
 * (KBS, Prakarsa). RWs are read through the wilayah module's face.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, rwAreaKode, type CurrentUser, type Permission } from '../../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../../platform/http/problem.ts';
import { findRwRow, type RwRow } from '../../wilayah/api.ts';
import type { StatusPenilaian } from './indikator.ts';
import { UUID_RE } from './kbs-common.ts';
import { KBS_LIHAT } from './permissions-kbs.ts';

export interface RwRingkas {
  id: string;
  kode: string;
  nomor: number;
  kelurahanKode: string;
  kelurahanNama: string;
  kecamatanNama: string;
  jumlahKk: number | null;
}

export function toRwRingkas(r: RwRow): RwRingkas {
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
export async function findRwInArea(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  o: { lihat: Permission; need: Permission; tidakAda: string },
): Promise<RwRingkas> {
  const r = UUID_RE.test(rwId) ? await findRwRow(trx, rwId) : undefined;
  if (!r) throw notFound(o.tidakAda);
  const rw = toRwRingkas(r);
  if (user === null) return rw;
  if (!can(user, o.lihat, rw.kode) && !can(user, o.need, rw.kode)) throw notFound(o.tidakAda);
  if (!can(user, o.need, rw.kode)) throw forbidden();
  return rw;
}

/** The RW if the user sees KBS data there (404 otherwise), and holds `need` there (403 otherwise). */
export function findRwKbs(
  trx: Tx,
  user: CurrentUser | null,
  rwId: string,
  need: Permission = KBS_LIHAT,
): Promise<RwRingkas> {
  return findRwInArea(trx, user, rwId, { lihat: KBS_LIHAT, need, tidakAda: 'sampah.kbs.err.rwTidakAda' });
}

// ---- Assessments ----

export type PenilaianRow = {
  id: string;
  rw_id: string;
  periode: string;
  status: StatusPenilaian;
  skor: string | null;
  tingkat_id: string | null;
};

export async function findPenilaianRow(trx: Tx, id: string): Promise<PenilaianRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx
    .selectFrom('sampah_kbs_penilaian')
    .select(['id', 'rw_id', 'periode', 'status', 'skor', 'tingkat_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The assessment and its RW, when the user sees it (404), holding `need` at the RW (403). */
export async function findPenilaian(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  need: Permission = KBS_LIHAT,
): Promise<{ p: PenilaianRow; rw: RwRingkas }> {
  const p = await findPenilaianRow(trx, id);
  if (!p) throw notFound('sampah.kbs.err.penilaianTidakAda');
  const rw = await findRwKbs(trx, user, p.rw_id, need);
  return { p, rw };
}
