/**
 * What the trip log gives the tonnage accounting: tonnes carried per WIB day (or month), origin
 * kecamatan and the kinds of origin and destination, read from the summaries a trigger keeps with
 * every trip. Both functions see whatever the city's transaction sees; the caller authorises.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import { planRentang, inRentang, rincianTanggal, type Rincian } from '../../../platform/db/periode.ts';
import type { FieldError } from '../../../platform/http/problem.ts';
import { isTanggal } from '../../../platform/waktu.ts';
import type { JenisFasilitas } from './operasi-schemas.ts';
import { checkErrors } from './operasi-access.ts';

export interface PenangananBaris {
  /** WIB date of the trips' arrival. */
  tanggal: string;
  /** Kecamatan of the origin facility; null when the origin has none. */
  kecamatanKode: string | null;
  tujuanJenis: JenisFasilitas;
  /** Kind of the origin facility: waste leaving a TPST or TPS3R was counted when it arrived there. */
  asalJenis: JenisFasilitas;
  /** Tonnes, 3 decimals. */
  ton: number;
}

/** A 400 unless dari..sampai are real dates in order. */
function checkRentang(q: { dari: string; sampai: string }): void {
  const errors: FieldError[] = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'sampah.operasi.error.tanggal' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.tanggal' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'sampah.operasi.error.rentang' });
  checkErrors(errors);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Tonnes handled per WIB day (or month) and origin kecamatan, with the tonnage area's rule applied
 * in SQL: only trips to `tujuan` kinds, and not from `kecualiAsal` kinds (waste counted where it
 * arrived). Per month, a year of a city is a few hundred rows instead of tens of thousands. Sums
 * are rounded to the gram (a trip from several points is split, e.g. into thirds).
 */
export async function sumPenanganan(
  trx: Tx,
  q: {
    dari: string;
    sampai: string;
    tujuan: readonly string[];
    kecualiAsal: readonly string[];
    /** Per day (default) or per month (src/platform/db/periode.ts). */
    per?: Rincian | undefined;
    /** One kecamatan of origin only. */
    kecamatan?: string | undefined;
  },
): Promise<{ tanggal: string; kecamatanKode: string | null; ton: number }[]> {
  checkRentang(q);
  const baca = planRentang(q, q.per ?? 'hari');
  const syarat = sql`tujuan_jenis = any(${[...q.tujuan]}::text[])
    and not (asal_jenis = any(${[...q.kecualiAsal]}::text[]))
    ${q.kecamatan ? sql`and kecamatan_kode = ${q.kecamatan}` : sql``}`;
  // Whole months from the monthly summary, other days from the daily one (periode.ts).
  const rows = await sql<{ tanggal: string; kecamatan_kode: string; ton: string }>`
    select tanggal, kecamatan_kode, round(sum(ton), 6) as ton from (
      select bulan as tanggal, kecamatan_kode, ton from sampah_ritase_bulanan
       where ${inRentang(sql`bulan`, baca.bulan ? [baca.bulan] : [])} and ${syarat}
      union all
      select ${rincianTanggal(sql`tanggal`, q.dari, q.per ?? 'hari')}, kecamatan_kode, ton from sampah_ritase_harian
       where ${inRentang(sql`tanggal`, baca.hari)} and ${syarat}) x
     group by 1, 2`.execute(trx);
  return rows.rows.map((r) => ({
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode === '' ? null : r.kecamatan_kode,
    ton: Number(r.ton),
  }));
}

/**
 * Tonnes carried per WIB day, origin kecamatan, origin kind and destination kind, for days dari..sampai
 * (YYYY-MM-DD, both inclusive). A trip from several collection points is split equally among them.
 * Every destination kind is reported (tps too, an intermediate stop): the caller picks which count
 * as handled, so that waste moved twice is not counted twice. The caller authorises.
 */
export async function listPenanganan(
  trx: Tx,
  q: { dari: string; sampai: string },
): Promise<PenangananBaris[]> {
  checkRentang(q);
  // From the daily summary a trigger keeps with every trip (db/migrations/0012_ringkasan_harian.sql).
  const rows = await trx
    .selectFrom('sampah_ritase_harian')
    .select(['tanggal', 'kecamatan_kode', 'tujuan_jenis', 'asal_jenis', 'ton'])
    .where('tanggal', '>=', q.dari)
    .where('tanggal', '<=', q.sampai)
    .execute();
  return (
    rows
      .map((r) => ({
        tanggal: r.tanggal,
        kecamatanKode: r.kecamatan_kode === '' ? null : r.kecamatan_kode,
        tujuanJenis: r.tujuan_jenis,
        asalJenis: r.asal_jenis,
        ton: Math.round(Number(r.ton) * 1000) / 1000,
      }))
      // Ordered here, not in SQL: a collated sort of a year's rows costs more than the query.
      .sort(
        (x, y) =>
          cmp(x.tanggal, y.tanggal) ||
          cmp(x.kecamatanKode ?? '\uffff', y.kecamatanKode ?? '\uffff') ||
          cmp(x.tujuanJenis, y.tujuanJenis) ||
          cmp(x.asalJenis, y.asalJenis),
      )
  );
}
