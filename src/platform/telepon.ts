/**
 * Phone numbers, as Indonesians write them, in the one form Balai stores.
 *
 * Accepted: `0812 3456 7890`, `0812-3456-7890`, `0812.3456.7890`, `+62 812 3456 7890`,
 * `62 812…`, `+62 (0)812…`, `(022) 4234793`, and `812…` (a spreadsheet that dropped the leading
 * zero). Stored: an Indonesian number in its national form with the leading zero and digits only
 * (`081234567890`, `0224234793`) — the form the existing data has — and a number of another
 * country as `+` and its digits. Every column holding a phone number checks `^\+?[0-9]{8,15}$`.
 */

/** A stored phone number: 8 to 15 digits, an optional leading + (the columns' check). */
export const TELEPON_TERSIMPAN = /^\+?[0-9]{8,15}$/;

/** The message key for a number that cannot be read; it names the expected format. */
export const TELEPON_SALAH = 'phone.invalid';

/**
 * The stored form of a phone number as typed; null when nothing was typed. The result may still
 * be no phone number at all (letters, too few digits): check it with `isTeleponValid`.
 */
export function normaliseTelepon(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/[\s\-.()/]/g, '');
  if (t === '') return null;
  // "+62 812…", "+62 (0)812…" and "62 812…" are 0812…; another country keeps its +.
  if (t.startsWith('+62')) return t.slice(3).startsWith('0') ? t.slice(3) : `0${t.slice(3)}`;
  if (t.startsWith('+')) return t;
  if (/^62[1-9]\d{7,}$/.test(t)) return `0${t.slice(2)}`;
  // A mobile number whose leading zero a spreadsheet dropped.
  if (/^8\d{7,13}$/.test(t)) return `0${t}`;
  return t;
}

/** Whether a normalised number (see normaliseTelepon) can be stored. */
export function isTeleponValid(t: string): boolean {
  return TELEPON_TERSIMPAN.test(t) && (t.startsWith('0') || /^\+[1-9]/.test(t));
}
