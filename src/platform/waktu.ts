/**
 * Calendar dates as the city lives them: Western Indonesia Time (WIB, Asia/Jakarta, UTC+7, no
 * daylight saving). Dates travel as `YYYY-MM-DD` text; every "today" in Balai comes from here.
 */
const TZ = 'Asia/Jakarta';
const WIB_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Today's date in WIB, YYYY-MM-DD. */
export function todayWib(now: Date = new Date()): string {
  return WIB_DATE.format(now);
}

/** This year in WIB. */
export function thisYearWib(now: Date = new Date()): number {
  return Number(todayWib(now).slice(0, 4));
}

/** A real calendar date YYYY-MM-DD (not 2026-02-30). */
export function isTanggal(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** The date after a YYYY-MM-DD date. */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The date `days` days after (or before, if negative) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant a WIB calendar date (YYYY-MM-DD) begins: its midnight in Asia/Jakarta (UTC+7). */
export function wibStart(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}
