/**
 * Reading dated sums per month. A report over months (a dashboard's year, a SIPSN row) needs
 * each source's sums per month, not its rows per day. The waste summaries keep a monthly table
 * beside each daily one (db/migrations/0016_ringkasan_bulanan.sql): a range is read as its whole
 * months from the monthly table and its remaining days (a partial first or last month) from the
 * daily one, a few hundred rows for a year instead of tens of thousands. A month's sum is dated
 * its first day, or the range's first day when the range starts inside that month, so every date
 * stays in the range and in its month.
 */
import { sql, type RawBuilder } from 'kysely';

/** How finely a source reports a range: per day, or per month (see the header). */
export type Rincian = 'hari' | 'bulan';

export interface Rentang {
  /** First and last day, YYYY-MM-DD, inclusive. */
  dari: string;
  sampai: string;
}

/** A range cut into its whole months (first days, inclusive; or null) and its other days. */
export interface RentangTerbagi {
  bulan: Rentang | null;
  hari: Rentang[];
}

const hariKe = (tanggal: string, n: number): string =>
  new Date(Date.parse(`${tanggal}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const awalBulan = (tanggal: string): string => `${tanggal.slice(0, 8)}01`;
/** First day of the month after `tanggal`'s. */
const bulanBerikut = (tanggal: string): string => awalBulan(hariKe(awalBulan(tanggal), 32));

/** Cuts a range (valid dates, dari <= sampai) into whole months and the days around them. */
export function splitRentang(r: Rentang): RentangTerbagi {
  const pertama = r.dari.endsWith('-01') ? r.dari : bulanBerikut(r.dari);
  // The first day of the last month that ends on or before sampai.
  const habis = hariKe(r.sampai, 1);
  const terakhir = habis.endsWith('-01') ? awalBulan(r.sampai) : awalBulan(hariKe(awalBulan(r.sampai), -1));
  if (pertama > terakhir) return { bulan: null, hari: [{ dari: r.dari, sampai: r.sampai }] };
  const hari: Rentang[] = [];
  if (r.dari < pertama) hari.push({ dari: r.dari, sampai: hariKe(pertama, -1) });
  const sesudah = bulanBerikut(terakhir);
  if (sesudah <= r.sampai) hari.push({ dari: sesudah, sampai: r.sampai });
  return { bulan: { dari: pertama, sampai: terakhir }, hari };
}

/** What to read of a range: per day, all from the daily source; per month, see splitRentang. */
export function planRentang(r: Rentang, rincian: Rincian): RentangTerbagi {
  return rincian === 'hari' ? { bulan: null, hari: [{ dari: r.dari, sampai: r.sampai }] } : splitRentang(r);
}

/** `kolom` (a date) within one of these ranges; false for none. */
export function inRentang(kolom: RawBuilder<unknown>, rentang: readonly Rentang[]): RawBuilder<boolean> {
  if (rentang.length === 0) return sql<boolean>`false`;
  return sql<boolean>`(${sql.join(
    rentang.map((r) => sql`${kolom} between ${r.dari}::date and ${r.sampai}::date`),
    sql` or `,
  )})`;
}

/**
 * The date a row of `kolom` (a date column) is reported under: the day itself, or its month's
 * first day not before `dari`.
 */
export function rincianTanggal(
  kolom: RawBuilder<unknown>,
  dari: string,
  rincian: Rincian,
): RawBuilder<string> {
  return rincian === 'hari'
    ? sql<string>`${kolom}`
    : sql<string>`greatest(balai_awal_bulan(${kolom}), ${dari}::date)`;
}
