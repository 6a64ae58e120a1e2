/** Read models of Prakarsa RW: an RW's page, the list of RWs with their allocation, a year's totals per kecamatan. */
import type { Tx } from '../../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden } from '../../../platform/http/problem.ts';
import { listRwIds } from '../../wilayah/api.ts';
import { toRwRingkas, type RwRingkas } from '../kbs/kbs-access.ts';
import { listStatusKbs, pageRw, type StatusKbs } from '../kbs/rw-service.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from './permissions-prakarsa.ts';
import { isTahun } from './prakarsa-checks.ts';
import {
  findRwPrakarsa,
  listAlokasiViews,
  sumPerAlokasi,
  sumPerTahun,
  type AlokasiView,
} from './alokasi-repository.ts';
import { computeNominal, getPengaturan, listPengaturan, type PengaturanView } from './pengaturan-service.ts';

const REKAP_NOL = { jumlahRw: 0, rwTeralokasi: 0, rwKbs: 0, dialokasikan: 0, dicairkan: 0, dibelanjakan: 0 };

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
  const { rows, ids, ...page } = await pageRw(trx, user, PRAKARSA_LIHAT, q);
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
    ...page,
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
