/**
 * Reading the operator's forms (quantities and rupiah are read by the platform's parsers): line
 * rows posted as parallel lists where empty rows are ignored, ledger errors (pointers like
 * /body/baris/0/kuantitas) mapped back to the row the operator typed them in, and line errors
 * named by their row in the summary.
 */
import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../../platform/http/problem.ts';
import type { Translator } from '../../platform/i18n/index.ts';
import { IDEMPOTENCY_KEY_RE } from './ledger.ts';

/** A line's quantity: more than 0 and at most 100.000 units, as the ledger takes it. */
export const KUANTITAS_BARIS = { positif: true, max: 100_000 } as const;

/**
 * The errors of a form for the summary above it: a line's errors say which line they are in
 * ("Baris 2: …"), as the operator counts them.
 */
export function sebutBaris(t: Translator, errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => {
      const m = /^baris\.(\d+)\./.exec(k);
      return [k, m ? t('validation.baris', { n: Number(m[1]) + 1, pesan: v }) : v];
    }),
  );
}

/** Posted values of a list field (one value or several) as strings. */
export function daftar(body: unknown, name: string): string[] {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : ''));
}

/** A posted single value as a string ('' when absent or not text). */
export function nilai(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** Rows of parallel lists: row i has fields[f][i] ('' when missing). */
export function barisDari(body: unknown, fields: string[], max = 50): Record<string, string>[] {
  const lists = fields.map((f) => daftar(body, f));
  const n = Math.min(max, Math.max(0, ...lists.map((l) => l.length)));
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(fields.map((f, k) => [f, lists[k]![i] ?? ''])),
  );
}

/** The idempotency key posted with the form if it is well-formed, else a fresh one. */
export function kunciForm(body: unknown): string {
  const k = nilai(body, 'kunci');
  return IDEMPOTENCY_KEY_RE.test(k) ? k : randomUUID();
}

/**
 * A ledger problem's field errors as form errors: row pointers mapped to the rows as typed
 * (`rowOf[k]` is the form row of the k-th line sent; "no line at all" goes to the first row),
 * messages from `pesan` (by default the detail's message key, translated).
 */
export function galatLedger(
  t: Translator,
  err: unknown,
  rowOf: number[],
  pesan: (field: string, detail: string, params?: Record<string, string | number>) => string = (_f, d, p) =>
    t(d, p ?? (err instanceof HttpProblem ? err.params : undefined)),
): { errors: Record<string, string>; status: number; message: string } | null {
  if (!(err instanceof HttpProblem) || ![400, 403, 409].includes(err.status)) return null;
  const errors: Record<string, string> = {};
  for (const e of err.errors ?? []) {
    const parts = e.pointer.split('/').slice(2);
    if (parts[0] === 'baris' && parts.length === 3) {
      const row = rowOf[Number(parts[1])] ?? Number(parts[1]);
      errors[`baris.${row}.${parts[2]}`] ??= pesan(parts[2] ?? '', e.detail, e.params);
    } else if (parts.length === 1 && parts[0] === 'baris') {
      errors['baris.0.jenisKode'] ??= pesan('jenisKode', e.detail, e.params);
    } else if (parts.length === 1 && parts[0] && parts[0] !== 'baris') {
      errors[parts[0]] ??= pesan(parts[0], e.detail, e.params);
    }
  }
  return { errors, status: err.status, message: t(err.titleKey, err.params) };
}
