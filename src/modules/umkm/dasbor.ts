/**
 * UMKM dashboards, within the viewer's area for umkm.dasbor (a kecamatan officer sees their
 * kecamatan): businesses by kecamatan, by sector (KBLI kategori A–U, from umkm_usaha.sektor), by
 * class and by status (registered = every business in the registry, whatever its status;
 * verified = terverifikasi), products per e-Katalog pipeline state and by readiness (checklist
 * complete or not), and class movement year over year.
 *
 * Class movement: for each pair of consecutive years (Y-1, Y), the businesses with figures in
 * both years whose class went up, down or stayed. Computed in SQL with a window over each
 * business's years (lag), which gives the same counts as kelas.ts's pergerakanKelas over the
 * same figures (computePergerakan below; the tests compare both): pergerakanKelas compares each
 * year with the previous recorded one, and only entries whose previous year is Y-1 count.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areasFor, can, covers, type CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest, forbidden, notFound } from '../../platform/http/problem.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { findWilayah, listKecamatanRows } from '../wilayah/api.ts';
import { daftarKategoriKbli } from './kbli.ts';
import { KELAS_USAHA, pergerakanKelas, type KelasUsaha, type Kriteria } from './kelas.ts';
import { UMKM_DASBOR } from './permissions.ts';
import { STATUS_USAHA, type StatusEkatalog, type StatusUsaha } from './tables.ts';
import { dalamArea, ringkasEkatalog } from './ekatalog-service.ts';

export interface Pergerakan {
  tahunSebelum: number;
  tahun: number;
  naik: number;
  turun: number;
  tetap: number;
}

export interface DasborUmkm {
  /** The area shown: the city, one kecamatan, or the officer's kecamatan. */
  wilayah: { kode: string; nama: string }[];
  kecamatan: string | null;
  total: number;
  perStatus: Record<StatusUsaha, number>;
  perKecamatan: { kode: string; nama: string; terdaftar: number; terverifikasi: number }[];
  /** Sector letter (null: no KBLI yet) with its title. */
  perSektor: { huruf: string | null; judul: string | null; jumlah: number }[];
  /** Class (null: no yearly figures yet). */
  perKelas: { kelas: KelasUsaha | null; jumlah: number }[];
  ekatalog: { perStatus: Record<StatusEkatalog, number>; lengkap: number; belumLengkap: number };
  pergerakan: Pergerakan[];
}

/** Yearly figures of businesses, as stored in umkm_keuangan. */
export interface BarisKeuangan {
  usaha_id: string;
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  dasar: Kriteria;
}

/**
 * Class movement for each pair of consecutive years, from yearly figures, with pergerakanKelas
 * (the class is recomputed from the figures and the recorded criterion).
 */
export function computePergerakan(rows: readonly BarisKeuangan[]): Pergerakan[] {
  const perUsaha = new Map<string, BarisKeuangan[]>();
  for (const r of rows) perUsaha.set(r.usaha_id, [...(perUsaha.get(r.usaha_id) ?? []), r]);
  const perTahun = new Map<number, Pergerakan>();
  for (const riwayat of perUsaha.values()) {
    const g = pergerakanKelas(
      riwayat.map((r) => ({ tahun: r.tahun, modal: r.modal, penjualan: r.penjualan, dasar: r.dasar })),
    );
    for (const y of g.tahunan) {
      if (y.gerak === 'awal' || y.tahunSebelum !== y.tahun - 1) continue;
      const p = perTahun.get(y.tahun) ?? {
        tahunSebelum: y.tahun - 1,
        tahun: y.tahun,
        naik: 0,
        turun: 0,
        tetap: 0,
      };
      p[y.gerak]++;
      perTahun.set(y.tahun, p);
    }
  }
  return [...perTahun.values()].sort((a, b) => a.tahun - b.tahun);
}

/** The same counts from the stored classes, with a window query (what the dashboard uses). */
export async function pergerakanSql(trx: Tx, areas: readonly string[]): Promise<Pergerakan[]> {
  const urutan = sql`array[${sql.join(KELAS_USAHA.map((k) => sql`${k}`))}]::text[]`;
  const r = await sql<{ tahun: number; naik: number; turun: number; tetap: number }>`
    select tahun,
           count(*) filter (where langkah > 0)::int as naik,
           count(*) filter (where langkah < 0)::int as turun,
           count(*) filter (where langkah = 0)::int as tetap
      from (select k.tahun,
                   lag(k.tahun) over w as tahun_sebelum,
                   array_position(${urutan}, k.kelas) - array_position(${urutan}, lag(k.kelas) over w) as langkah
              from umkm_keuangan k
              join umkm_usaha u on u.tenant_id = k.tenant_id and u.id = k.usaha_id
             where ${dalamArea(areas, 'u.kelurahan_kode')}
            window w as (partition by k.usaha_id order by k.tahun)) x
     where tahun_sebelum = tahun - 1
     group by tahun
     order by tahun`.execute(trx);
  return r.rows.map((x) => ({ tahunSebelum: x.tahun - 1, ...x }));
}

/** The areas the user sees the dashboard of, narrowed to one kecamatan when asked. */
async function areaDasbor(
  trx: Tx,
  city: City,
  user: CurrentUser,
  kecamatan: string | undefined,
): Promise<{ areas: string[]; kecamatan: string | null }> {
  if (!can(user, UMKM_DASBOR)) throw forbidden();
  const areas = areasFor(user, UMKM_DASBOR);
  if (!kecamatan) return { areas, kecamatan: null };
  const w = kecamatan.startsWith(`${city.id}.`) ? await findWilayah(trx, kecamatan) : undefined;
  if (!w || w.tingkat !== 'kecamatan')
    throw badRequest('umkm.dasbor.err.kecamatan', [
      { pointer: '/query/kecamatan', detail: 'umkm.dasbor.err.kecamatan' },
    ]);
  if (!areas.some((a) => covers(a, kecamatan))) throw notFound();
  return { areas: [kecamatan], kecamatan };
}

export async function dasborUmkm(
  trx: Tx,
  city: City,
  user: CurrentUser,
  opsi: { kecamatan?: string | undefined } = {},
): Promise<DasborUmkm> {
  const { areas, kecamatan } = await areaDasbor(trx, city, user, opsi.kecamatan);
  const dalam = dalamArea(areas, 'kelurahan_kode');
  const [kecRows, perKecStatus, sektor, kelas, ekatalog, pergerakan] = await Promise.all([
    listKecamatanRows(trx, city.id),
    trx
      .selectFrom('umkm_usaha')
      .select(['kecamatan_kode', 'status', sql<number>`count(*)::int`.as('n')])
      .where(dalam)
      .groupBy(['kecamatan_kode', 'status'])
      .execute(),
    trx
      .selectFrom('umkm_usaha')
      .select(['sektor', sql<number>`count(*)::int`.as('n')])
      .where(dalam)
      .groupBy('sektor')
      .execute(),
    trx
      .selectFrom('umkm_usaha')
      .select(['kelas', sql<number>`count(*)::int`.as('n')])
      .where(dalam)
      .groupBy('kelas')
      .execute(),
    ringkasEkatalog(trx, areas),
    pergerakanSql(trx, areas),
  ]);
  const kecDalam = kecRows.filter((k) => areas.some((a) => covers(a, k.kode) || covers(k.kode, a)));
  const perStatus = Object.fromEntries(STATUS_USAHA.map((s) => [s, 0])) as Record<StatusUsaha, number>;
  const perKec = new Map(
    kecDalam.map((k) => [k.kode, { kode: k.kode, nama: k.nama, terdaftar: 0, terverifikasi: 0 }]),
  );
  let total = 0;
  for (const r of perKecStatus) {
    total += r.n;
    perStatus[r.status] += r.n;
    const k = perKec.get(r.kecamatan_kode);
    if (k) {
      k.terdaftar += r.n;
      if (r.status === 'terverifikasi') k.terverifikasi += r.n;
    }
  }
  const judul = new Map(daftarKategoriKbli().map((k) => [k.huruf, k.judul]));
  const perSektor = sektor
    .map((s) => ({ huruf: s.sektor, judul: s.sektor ? (judul.get(s.sektor) ?? null) : null, jumlah: s.n }))
    .sort((a, b) => ((a.huruf ?? '~') < (b.huruf ?? '~') ? -1 : 1));
  const perKelas = [...KELAS_USAHA, null]
    .map((k) => ({ kelas: k, jumlah: kelas.find((r) => r.kelas === k)?.n ?? 0 }))
    .filter((k) => k.kelas !== null || k.jumlah > 0);
  const wilayah = areas.includes(city.id)
    ? [{ kode: city.id, nama: city.name }]
    : kecDalam.filter((k) => areas.includes(k.kode)).map((k) => ({ kode: k.kode, nama: k.nama }));
  return {
    wilayah,
    kecamatan,
    total,
    perStatus,
    perKecamatan: [...perKec.values()],
    perSektor,
    perKelas,
    ekatalog,
    pergerakan,
  };
}

/** Figures for the city dashboard tiles (viewers of the whole city only). */
export async function angkaTile(trx: Tx): Promise<{ terverifikasi: number; tayang: number }> {
  const [u, p] = await Promise.all([
    trx
      .selectFrom('umkm_usaha')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('status', '=', 'terverifikasi')
      .executeTakeFirstOrThrow(),
    trx
      .selectFrom('umkm_produk')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('ekatalog', '=', 'tayang')
      .executeTakeFirstOrThrow(),
  ]);
  return { terverifikasi: u.n, tayang: p.n };
}
