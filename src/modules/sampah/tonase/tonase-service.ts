/**
 * Tonnage accounting: the aggregation that feeds the SIPSN table and the waste dashboard. The
 * arithmetic is in tonase-compute.ts; this file gathers its inputs and authorises:
 *  - population from the wilayah reference (through its face), or each kecamatan's figure the
 *    city set for a year (tahun-service.ts);
 *  - kg recovered by the bank sampah through bank-sampah/api.ts;
 *  - trips (penanganan) and today's TPA quota through a SumberOperasi (the operations' services in
 *    the app, sumber-operasi.ts; a fixture in tests).
 * Every function takes a transaction scoped to the city.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { planRentang, inRentang, rincianTanggal, type Rincian } from '../../../platform/db/periode.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest } from '../../../platform/http/problem.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { findWilayah, listKecamatanRows } from '../../wilayah/api.ts';
import { pemulihanPerKecamatan } from '../../bank-sampah/api.ts';
import type { KuotaTpa as KuotaTpaOperasi } from '../operasi/ritase-service.ts';
import {
  aggregate,
  computeSipsn,
  computeSisaKecamatan,
  type HasilAgregasi,
  type PenangananMasukan,
  type Sipsn,
  type SisaKecamatan,
  type MasukanAgregasi,
} from './tonase-compute.ts';
import { JENIS_CATATAN, KELOMPOK_JENIS, type JenisCatatan, type Periode } from './tonase-schemas.ts';
import { checkKecamatan, checkLihat, checkRentang, checkTahun } from './tonase-access.ts';
import { listTahun, getTahun, pendudukPerTahun } from './tahun-service.ts';

// ---- Where trips and the TPA quota come from ----

/** Today's trips to a TPA against its quota (the part of the operations' figure the dashboard shows). */
export type KuotaTpa = Pick<KuotaTpaOperasi, 'nama' | 'kuota' | 'terpakai' | 'persen' | 'tingkat'>;

export interface SumberOperasi {
  /**
   * Tons of trips per WIB day (or month: src/platform/db/periode.ts), kecamatan of origin and
   * kind of destination; `kecamatan` keeps one kecamatan of origin.
   */
  penanganan(
    trx: Tx,
    q: { dari: string; sampai: string; per: Rincian; kecamatan?: string | undefined },
  ): Promise<PenangananMasukan[]>;
  /** Today's quota use of each TPA with a quota. */
  kuotaTpa(trx: Tx): Promise<KuotaTpa[]>;
}

/** No trips and no quota (a city without the operations data). */
export const tanpaOperasi: SumberOperasi = {
  penanganan: () => Promise.resolve([]),
  kuotaTpa: () => Promise.resolve([]),
};

// ---- Aggregation ----

export interface AgregasiQuery {
  dari: string;
  sampai: string;
  periode: Periode;
  /** One kecamatan only (then the "city" rows are that kecamatan's). */
  kecamatan?: string | undefined;
}

export interface Agregasi extends HasilAgregasi {
  wilayah: { kode: string; nama: string };
  kecamatanNama: Record<string, string>;
}

/**
 * Tonnage per period for the city (or one kecamatan) and per kecamatan, over a range of days.
 * The caller's right covers the city, or the kecamatan asked for.
 */
export async function getAgregasi(
  trx: Tx,
  city: City,
  user: CurrentUser,
  q: AgregasiQuery,
  sumber: SumberOperasi,
): Promise<Agregasi> {
  checkRentang(q);
  if (q.kecamatan) await checkKecamatan(trx, city, q.kecamatan, '/query/kecamatan');
  checkLihat(user, city, q.kecamatan);
  return computeAgregasi(trx, city, q, sumber);
}

/** The aggregation without authorisation (the caller checked), for the service and the demo. */
export async function computeAgregasi(
  trx: Tx,
  city: City,
  q: AgregasiQuery,
  sumber: SumberOperasi,
): Promise<Agregasi> {
  const per: Rincian = q.periode === 'hari' ? 'hari' : 'bulan';
  return aggregateLoaded(await loadAgregasi(trx, city, { ...q, per }, sumber), q.periode);
}

/** What the aggregation of a range needs, read once (a dashboard aggregates it per year and per month). */
export interface MuatanAgregasi {
  masukan: Omit<MasukanAgregasi, 'periode'>;
  wilayah: { kode: string; nama: string };
  kecamatanNama: Record<string, string>;
}

/** The aggregation of loaded inputs per day, month or year (pure). */
export function aggregateLoaded(m: MuatanAgregasi, periode: Periode): Agregasi {
  return { ...aggregate({ ...m.masukan, periode }), wilayah: m.wilayah, kecamatanNama: m.kecamatanNama };
}

/**
 * Reads the inputs of a range: the city's settings and population, manual entries, what bank
 * sampah recovered (per kecamatan, from its daily summary) and what trucks carried (from the
 * operations' daily summary). With `per: 'bulan'` (enough for a monthly or yearly aggregation)
 * the sources sum their flows per month in the database; measured timbulan stays per day.
 */
export async function loadAgregasi(
  trx: Tx,
  city: City,
  q: Omit<AgregasiQuery, 'periode'> & { per: Rincian },
  sumber: SumberOperasi,
): Promise<MuatanAgregasi> {
  const kota = await findWilayah(trx, city.id);
  const semuaKec = await listKecamatanRows(trx, city.id);
  const tahunAwal = Number(q.dari.slice(0, 4));
  const tahunAkhir = Number(q.sampai.slice(0, 4));
  // Each year's kecamatan population where the city set it, else the reference.
  const perTahun = await pendudukPerTahun(trx, city, tahunAwal, tahunAkhir);
  const kecamatan = semuaKec
    .filter((k) => !q.kecamatan || k.kode === q.kecamatan)
    .map((k) => ({
      kode: k.kode,
      nama: k.nama,
      penduduk: k.penduduk_total,
      pendudukTahun: perTahun.get(k.kode),
    }));
  const laju: Record<number, number> = {};
  for (const t of await listTahun(trx, city)) {
    if (t.tahun >= tahunAwal && t.tahun <= tahunAkhir) laju[t.tahun] = t.lajuTimbulan;
  }

  // Manual entries: flows per day, or per month (whole months from their monthly summary, other
  // days from the entries); measured timbulan always per day (see agregasi).
  const jenisTimbulan = JENIS_CATATAN.filter((j) => KELOMPOK_JENIS[j] === 'timbulan');
  const baca = planRentang(q, q.per);
  const kec = q.kecamatan ? sql`and kecamatan_kode = ${q.kecamatan}` : sql``;
  const catatan = (
    await sql<{ tanggal: string; kecamatan_kode: string | null; jenis: JenisCatatan; ton: string }>`
      select tanggal, kecamatan_kode, jenis, sum(ton) as ton from (
        select bulan as tanggal, nullif(kecamatan_kode, '') as kecamatan_kode, jenis, ton
          from sampah_tonase_bulanan
         where tenant_id = ${city.id} and ${inRentang(sql`bulan`, baca.bulan ? [baca.bulan] : [])}
           and not (jenis = any(${jenisTimbulan}::text[])) ${kec}
        union all
        select case when jenis = any(${jenisTimbulan}::text[]) then tanggal
                    else ${rincianTanggal(sql`tanggal`, q.dari, q.per)} end, kecamatan_kode, jenis, ton
          from sampah_tonase_catatan
         where tenant_id = ${city.id} and tanggal between ${q.dari}::date and ${q.sampai}::date
           and (jenis = any(${jenisTimbulan}::text[]) or ${inRentang(sql`tanggal`, baca.hari)}) ${kec}) x
       group by 1, 2, 3`.execute(trx)
  ).rows.map((r) => ({
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode,
    jenis: r.jenis,
    ton: Number(r.ton),
  }));

  const rentang = { dari: q.dari, sampai: q.sampai, per: q.per, kecamatan: q.kecamatan };
  const pemulihan = await pemulihanPerKecamatan(trx, rentang);
  // A source may ignore `kecamatan` (a fixture): only that kecamatan's trips count for it.
  const penanganan = (await sumber.penanganan(trx, rentang)).filter(
    (p) => !q.kecamatan || p.kecamatanKode === q.kecamatan,
  );

  return {
    masukan: {
      dari: q.dari,
      sampai: q.sampai,
      pendudukKota: q.kecamatan ? null : (kota?.penduduk_total ?? null),
      kecamatan,
      laju,
      catatan,
      pemulihan,
      penanganan,
    },
    wilayah: q.kecamatan
      ? { kode: q.kecamatan, nama: kecamatan[0]?.nama ?? q.kecamatan }
      : { kode: city.id, nama: kota?.nama ?? city.name },
    kecamatanNama: Object.fromEntries(semuaKec.map((k) => [k.kode, k.nama])),
  };
}

// ---- SIPSN ----

export interface SipsnTahun {
  tahun: number;
  kota: { kode: string; nama: string };
  /** True when the year is not over yet (figures up to today). */
  berjalan: boolean;
  sampai: string;
  target: { pengurangan: number; penanganan: number } | null;
  lajuTimbulan: number | null;
  timbulanLengkap: boolean;
  sipsn: Sipsn;
  kecamatan: { kode: string; nama: string; timbulanLengkap: boolean; sipsn: Sipsn }[];
  /**
   * What the kecamatan rows do not hold (the city = Σ kecamatan + this, column by column), and
   * why; null when they add up to the city (always for one kecamatan's view).
   */
  tidakTeratribusi: SisaKecamatan | null;
}

/**
 * The SIPSN row of a year (up to today for the current year) for the city and per kecamatan, or
 * with `kecamatan` for that kecamatan only (a kecamatan officer's view).
 */
export async function getSipsnTahun(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  sumber: SumberOperasi,
  now = new Date(),
  kecamatan?: string,
): Promise<SipsnTahun> {
  const e = checkTahun(tahun, '/params/tahun');
  if (e) throw badRequest('sampah.tonase.tahunTidakValid', [e]);
  if (kecamatan) await checkKecamatan(trx, city, kecamatan, '/query/kecamatan');
  checkLihat(user, city, kecamatan);
  return computeSipsnTahun(trx, city, tahun, sumber, now, kecamatan);
}

export async function computeSipsnTahun(
  trx: Tx,
  city: City,
  tahun: number,
  sumber: SumberOperasi,
  now = new Date(),
  kecamatan?: string,
  muatan?: MuatanAgregasi,
): Promise<SipsnTahun> {
  const hariIni = todayWib(now);
  const akhir = `${tahun}-12-31`;
  const sampai = akhir < hariIni ? akhir : hariIni;
  const berjalan = sampai !== akhir;
  const setelan = await getTahun(trx, city, tahun);
  if (sampai < `${tahun}-01-01`) {
    // A future year: nothing yet.
    const kosong = computeSipsn({ timbulan: 0, pengurangan: 0, penanganan: 0, daurUlang: 0, bahanBaku: 0 });
    const kota = await findWilayah(trx, kecamatan ?? city.id);
    return {
      tahun,
      kota: { kode: kecamatan ?? city.id, nama: kota?.nama ?? city.name },
      berjalan: true,
      sampai,
      target: setelan
        ? { pengurangan: setelan.targetPengurangan, penanganan: setelan.targetPenanganan }
        : null,
      lajuTimbulan: setelan?.lajuTimbulan ?? null,
      timbulanLengkap: false,
      sipsn: kosong,
      kecamatan: [],
      tidakTeratribusi: null,
    };
  }
  const a = muatan
    ? aggregateLoaded(muatan, 'tahun')
    : await computeAgregasi(
        trx,
        city,
        { dari: `${tahun}-01-01`, sampai, periode: 'tahun', kecamatan },
        sumber,
      );
  const sipsn = computeSipsn(a.total);
  const kecamatanBaris = a.kecamatan.map((b) => ({
    kode: b.kecamatanKode!,
    nama: a.kecamatanNama[b.kecamatanKode!] ?? b.kecamatanKode!,
    timbulanLengkap: b.angka.timbulanLengkap,
    sipsn: computeSipsn(b.angka),
  }));
  return {
    tahun,
    kota: a.wilayah,
    berjalan,
    sampai,
    target: setelan ? { pengurangan: setelan.targetPengurangan, penanganan: setelan.targetPenanganan } : null,
    lajuTimbulan: setelan?.lajuTimbulan ?? null,
    timbulanLengkap: a.total.timbulanLengkap,
    sipsn,
    kecamatan: kecamatanBaris,
    tidakTeratribusi: computeSisaKecamatan(
      sipsn,
      kecamatanBaris.map((k) => k.sipsn),
      a.tanpaKecamatan,
    ),
  };
}

// ---- Dashboard ----

export interface DasborTonase {
  tahun: number;
  /** The kecamatan shown, or null for the whole city. */
  kecamatan: string | null;
  sipsn: SipsnTahun;
  bulanan: { bulan: string; sipsn: Sipsn; timbulanLengkap: boolean }[];
  kuotaTpa: KuotaTpa[];
}

/**
 * The waste dashboard of the city, or of one kecamatan: the year so far against the city's
 * targets, month by month, and the TPA quota today (the city's TPA serves every kecamatan).
 */
export async function getDasbor(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  sumber: SumberOperasi,
  opts: { kecamatan?: string | undefined; now?: Date } = {},
): Promise<DasborTonase> {
  const e = checkTahun(tahun, '/query/tahun');
  if (e) throw badRequest('sampah.tonase.tahunTidakValid', [e]);
  if (opts.kecamatan) await checkKecamatan(trx, city, opts.kecamatan, '/query/kecamatan');
  checkLihat(user, city, opts.kecamatan);
  const hariIni = todayWib(opts.now);
  const akhir = `${tahun}-12-31`;
  const sampai = akhir < hariIni ? akhir : hariIni;
  // The year's sources are read once, then aggregated per year and per month.
  const muatan =
    sampai < `${tahun}-01-01`
      ? undefined
      : await loadAgregasi(
          trx,
          city,
          { dari: `${tahun}-01-01`, sampai, kecamatan: opts.kecamatan, per: 'bulan' },
          sumber,
        );
  const sipsn = await computeSipsnTahun(trx, city, tahun, sumber, opts.now, opts.kecamatan, muatan);
  const bulanan = muatan
    ? aggregateLoaded(muatan, 'bulan').kota.map((b) => ({
        bulan: b.periode,
        sipsn: computeSipsn(b.angka),
        timbulanLengkap: b.angka.timbulanLengkap,
      }))
    : [];
  return { tahun, kecamatan: opts.kecamatan ?? null, sipsn, bulanan, kuotaTpa: await sumber.kuotaTpa(trx) };
}
