/**
 * Translations and id-ID formatting. Bahasa Indonesia is the default; English is
 * switchable. Platform messages live in ./messages.ts, each module registers its own.
 * Both languages must define the same keys (checked at registration).
 */
import { platformMessages } from './messages.ts';

export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
export type Messages = Record<string, string>;
export interface MessageCatalog {
  id: Messages;
  en: Messages;
}

const catalogs: Record<Locale, Messages> = { id: {}, en: {} };

export function registerMessages(catalog: MessageCatalog): void {
  const idKeys = Object.keys(catalog.id);
  const enKeys = new Set(Object.keys(catalog.en));
  const missing = idKeys.filter((k) => !enKeys.has(k));
  const extra = [...enKeys].filter((k) => !(k in catalog.id));
  if (missing.length || extra.length) {
    throw new Error(
      `Translations out of step. Missing in en: ${missing.join(', ')}; missing in id: ${extra.join(', ')}`,
    );
  }
  for (const k of idKeys) {
    if (k in catalogs.id && catalogs.id[k] !== catalog.id[k])
      throw new Error(`Message key defined twice: ${k}`);
  }
  Object.assign(catalogs.id, catalog.id);
  Object.assign(catalogs.en, catalog.en);
}

registerMessages(platformMessages);

export function isLocale(value: unknown): value is Locale {
  return value === 'id' || value === 'en';
}

/**
 * Text marks, for tests only (never on in production): every catalogue text is wrapped in
 * CATALOGUE_OPEN/CLOSE and every other string a page shows (data: names, amounts, parameters) in
 * DATA_OPEN/CLOSE, as invisible characters, so a browser test can find text that came from neither
 * (hard-coded in a template) and data that reads like English on an Indonesian page.
 */
export const MARKS = {
  catalogueOpen: '\u2061',
  catalogueClose: '\u2062',
  dataOpen: '\u2063',
  dataClose: '\u2064',
} as const;
const ANY_MARK = /[\u2061-\u2064]/g;
const HAS_MARK = /[\u2061-\u2064]/;
let textMarks = false;

/** Turns the text marks on or off (tests only; set once before the app starts). */
export function setTextMarks(on: boolean): void {
  if (on && process.env.NODE_ENV === 'production') throw new Error('Text marks are for tests only');
  textMarks = on;
}
export function textMarksOn(): boolean {
  return textMarks;
}
/** A shown string that is not catalogue text, marked as data (unless it already carries marks). */
export function markData(value: string): string {
  return !textMarks || value === '' || HAS_MARK.test(value)
    ? value
    : `${MARKS.dataOpen}${value}${MARKS.dataClose}`;
}
export function stripMarks(value: string): string {
  return textMarks ? value.replace(ANY_MARK, '') : value;
}

/** Translates key, replacing {name} placeholders. An unknown key shows itself (and is caught by tests). */
export function t(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = catalogs[locale][key] ?? catalogs.id[key];
  if (template === undefined) return key;
  const text = params
    ? template.replace(/\{(\w+)\}/g, (whole, name: string) => {
        const v = params[name];
        if (v === undefined) return whole;
        return typeof v === 'number' ? formatNumber(v) : markData(v);
      })
    : template;
  return textMarks ? `${MARKS.catalogueOpen}${text}${MARKS.catalogueClose}` : text;
}

export function hasMessage(key: string): boolean {
  return key in catalogs.id;
}

export type Translator = (key: string, params?: Record<string, string | number>) => string;
export function translator(locale: Locale): Translator {
  return (key, params) => t(locale, key, params);
}

// Formatting: always id-ID conventions (1.234.567,89; Rp1.500.000; 28 November 2026), in WIB.
const TZ = 'Asia/Jakarta';
const numberFmt = new Intl.NumberFormat('id-ID');
const rupiahFmt = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  maximumFractionDigits: 0,
});
const dateFmt = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: TZ });
const dateTimeFmt = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: TZ,
});

export function formatNumber(n: number): string {
  return numberFmt.format(n);
}
export function formatRupiah(amount: number | bigint): string {
  return rupiahFmt.format(amount);
}
export function formatDate(d: Date | string): string {
  return dateFmt.format(typeof d === 'string' ? new Date(d) : d);
}
export function formatDateTime(d: Date | string): string {
  return dateTimeFmt.format(typeof d === 'string' ? new Date(d) : d);
}
