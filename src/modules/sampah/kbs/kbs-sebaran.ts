/**
 * How far the Kawasan Bebas Sampah programme has spread: per kelurahan the share of its RWs with a
 * KBS status (for the map), and the kecamatan ranked by that share, then by kg recovered by bank
 * sampah per household. An RW counts as KBS when its current status has reached a level (the
 * levels are the stages of KBS, e.g. Rintisan, Berkembang, KBS Mandiri). Public: it holds counts,
 * never people.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { findWilayah, listKecamatanRows, listKelurahanRows, listRwRows } from '../../wilayah/api.ts';
import { pemulihanPerKecamatan } from '../../bank-sampah/api.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { listStatusKbs } from './rw-service.ts';

/** Days of bank sampah recovery behind the kg-per-household figure. */
export const HARI_PEMULIHAN = 30;

export interface TingkatRingkas {
  id: string;
  nama: string;
  urutan: number;
}

export interface AngkaSebaran {
  jumlahRw: number;
  /** RWs whose current status reached a level. */
  jumlahKbs: number;
  /** jumlahKbs / jumlahRw in percent, 1 decimal; null without RWs. */
  persen: number | null;
  /** RWs per current level id. */
  perTingkat: Record<string, number>;
}

export interface KelurahanSebaran extends AngkaSebaran {
  kode: string;
  nama: string;
  kecamatanKode: string;
  /** Colour class on the map (kelasPeta). */
  kelas: number;
}

export interface KecamatanPeringkat extends AngkaSebaran {
  /** 1 = best; equal figures share a rank. */
  peringkat: number;
  kode: string;
  nama: string;
  /** Mean score of the RWs with a status; null when none has one. */
  rataSkor: number | null;
  /** Households in the RWs (profile, else the RW register). */
  jumlahKk: number;
  /** kg recovered by bank sampah in the kecamatan's RWs over the last HARI_PEMULIHAN days. */
  kgPemulihan: number;
  /** kgPemulihan per household, per 30 days, 3 decimals (a kecamatan's figure is often below 0.01). */
  kgPerKk: number | null;
}

export interface SebaranKbs {
  /** WIB date the figures stand on. */
  tanggal: string;
  tingkat: TingkatRingkas[];
  kota: AngkaSebaran & { kode: string; nama: string };
  kelurahan: KelurahanSebaran[];
  kecamatan: KecamatanPeringkat[];
}

/** Lower bounds (percent of RWs with a KBS status) of the map's colour classes, after "none". */
export const KELAS_PETA = [0, 10, 25, 50, 75] as const;

/** Colour class of a share: -1 no RW recorded, 0 no KBS RW, then 1.. by KELAS_PETA. */
export function kelasPeta(persen: number | null, jumlahKbs: number): number {
  if (persen === null) return -1;
  if (jumlahKbs === 0) return 0;
  let k = 1;
  for (let i = 1; i < KELAS_PETA.length; i++) if (persen >= KELAS_PETA[i]!) k = i + 1;
  return k;
}

const persen = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

function emptyAngka(): AngkaSebaran {
  return { jumlahRw: 0, jumlahKbs: 0, persen: null, perTingkat: {} };
}

function addRw(a: AngkaSebaran, tingkatId: string | null): void {
  a.jumlahRw += 1;
  if (tingkatId) {
    a.jumlahKbs += 1;
    a.perTingkat[tingkatId] = (a.perTingkat[tingkatId] ?? 0) + 1;
  }
}

function computePersen<T extends AngkaSebaran>(a: T): T {
  a.persen = persen(a.jumlahKbs, a.jumlahRw);
  return a;
}

export async function sebaranKbs(trx: Tx, city: City, now = new Date()): Promise<SebaranKbs> {
  const tanggal = todayWib(now);
  const dari = new Date(Date.parse(`${tanggal}T00:00:00Z`) - (HARI_PEMULIHAN - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const [kecRows, kelRows, rwList, status, tingkat, profil, pulih] = await Promise.all([
    listKecamatanRows(trx, city.id),
    listKelurahanRows(trx, city.id),
    listRwRows(trx, { areas: [city.id], limit: 1_000_000, offset: 0 }),
    listStatusKbs(trx),
    trx.selectFrom('sampah_kbs_tingkat').select(['id', 'nama', 'urutan']).orderBy('urutan').execute(),
    trx
      .selectFrom('sampah_rw_profil')
      .select(['rw_id', 'jumlah_kk'])
      .where('jumlah_kk', 'is not', null)
      .execute(),
    pemulihanPerKecamatan(trx, { dari, sampai: tanggal }),
  ]);
  const kkProfil = new Map(profil.map((p) => [p.rw_id, p.jumlah_kk ?? 0]));
  const kgKec = new Map<string, number>();
  for (const p of pulih)
    if (p.kecamatanKode) kgKec.set(p.kecamatanKode, (kgKec.get(p.kecamatanKode) ?? 0) + p.kg);

  const kota = emptyAngka();
  const kel = new Map<string, KelurahanSebaran>(
    kelRows.map((k) => [
      k.kode,
      { kode: k.kode, nama: k.nama, kecamatanKode: k.induk ?? '', kelas: -1, ...emptyAngka() },
    ]),
  );
  const kec = new Map(
    kecRows.map((k) => [
      k.kode,
      {
        kode: k.kode,
        nama: k.nama,
        ...emptyAngka(),
        skor: [] as number[],
        jumlahKk: 0,
        kg: kgKec.get(k.kode) ?? 0,
      },
    ]),
  );
  for (const rw of rwList.rows) {
    const s = status.get(rw.id);
    const tingkatId = s?.tingkatId ?? null;
    addRw(kota, tingkatId);
    const l = kel.get(rw.kelurahan_kode);
    if (l) addRw(l, tingkatId);
    const c = kec.get(rw.kecamatan_kode);
    if (!c) continue;
    addRw(c, tingkatId);
    if (tingkatId && s?.skor !== null && s?.skor !== undefined) c.skor.push(s.skor);
    c.jumlahKk += kkProfil.get(rw.id) ?? rw.jumlah_kk ?? 0;
  }

  const kecamatan = [...kec.values()].map((c) => {
    const { skor, kg, ...rest } = c;
    return computePersen({
      ...rest,
      peringkat: 0,
      kgPemulihan: Math.round(kg * 1000) / 1000,
      rataSkor: skor.length ? Math.round((skor.reduce((a, b) => a + b, 0) / skor.length) * 10) / 10 : null,
      kgPerKk: c.jumlahKk > 0 ? Math.round((kg / c.jumlahKk) * (30 / HARI_PEMULIHAN) * 1000) / 1000 : null,
    });
  });
  const lockAlokasi = (k: KecamatanPeringkat): [number, number] => [k.persen ?? -1, k.kgPerKk ?? -1];
  kecamatan.sort((a, b) => {
    const [pa, ka] = lockAlokasi(a);
    const [pb, kb] = lockAlokasi(b);
    return pb - pa || kb - ka || a.nama.localeCompare(b.nama, 'id');
  });
  kecamatan.forEach((k, i) => {
    const prev = kecamatan[i - 1];
    k.peringkat =
      prev && lockAlokasi(prev)[0] === lockAlokasi(k)[0] && lockAlokasi(prev)[1] === lockAlokasi(k)[1]
        ? prev.peringkat
        : i + 1;
  });

  const wilayahKota = await findWilayah(trx, city.id);
  return {
    tanggal,
    tingkat: tingkat.map((t) => ({ id: t.id, nama: t.nama, urutan: t.urutan })),
    kota: { kode: city.id, nama: wilayahKota?.nama ?? city.name, ...computePersen(kota) },
    kelurahan: [...kel.values()].map((k) => {
      const a = computePersen(k);
      a.kelas = kelasPeta(a.persen, a.jumlahKbs);
      return a;
    }),
    kecamatan,
  };
}
