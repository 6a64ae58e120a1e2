/** Small pieces shared by the KBS and Prakarsa services: id and month formats, field errors, numbers. */
import type { FieldError } from '../../../platform/http/problem.ts';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PERIODE_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const KODE_RE = /^[A-Z0-9-]{1,20}$/;

/** A field error of the request body: its message key, with the key's parameters. */
export const bodyField = (name: string, detail: string, params?: FieldError['params']): FieldError => ({
  pointer: `/body/${name}`,
  detail,
  ...(params ? { params } : {}),
});

/** First and last day of a YYYY-MM month. */
export function rentangPeriode(periode: string): { dari: string; sampai: string } {
  const [y, m] = periode.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { dari: `${periode}-01`, sampai: `${periode}-${String(last).padStart(2, '0')}` };
}

/** A numeric column (text from PostgreSQL) as a number; null stays null. */
export const toNumber = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);
