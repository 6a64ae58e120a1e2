/**
 * Pieces shared by the operations' screens: the access of each kind of page, the form schema
 * helpers, and the reader of form text into typed values.
 */
import { Type } from 'typebox';
import { readKuantitas } from '../../../../platform/angka.ts';
import { badRequest, type FieldError } from '../../../../platform/http/problem.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from '../permissions-operasi.ts';

export const lihat = { access: { permission: OPS_LIHAT } } as const;
export const kelola = { access: { permission: OPS_KELOLA } } as const;
export const ritase = { access: { permission: OPS_RITASE } } as const;

/** An optional form text of at most `max` characters. */
export const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const OkQuery = Type.Object(
  { ok: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false },
);

/** Reads form text into typed values; collects a field error for each value that is not right. */
export class FormReader {
  readonly errors: FieldError[] = [];
  number(name: string, v: string | undefined, opts: { required?: boolean; integer?: boolean } = {}) {
    const s = (v ?? '').trim().replace(',', '.');
    if (!s) {
      if (opts.required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    const n = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN; // not "1e3" nor "0x10"
    if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
      this.errors.push({ pointer: `/body/${name}`, detail: 'sampah.operasi.error.angka' });
      return null;
    }
    return n;
  }
  /** A quantity (tonnes, m³) as typed, with a decimal comma: the platform parser, never a guess at a dot. */
  kuantitas(name: string, v: string | undefined, opts: { required?: boolean } = {}) {
    if (!(v ?? '').trim()) {
      if (opts.required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    const r = readKuantitas(v, { max: 100_000 });
    if (r.ok) return r.nilai;
    this.errors.push({ pointer: `/body/${name}`, detail: r.galat, params: r.params });
    return null;
  }
  choice<T extends string>(
    name: string,
    v: string | undefined,
    values: readonly T[],
    required = true,
  ): T | null {
    if (!v) {
      if (required) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
      return null;
    }
    if (!values.includes(v as T)) {
      this.errors.push({ pointer: `/body/${name}`, detail: 'validation.enum' });
      return null;
    }
    return v as T;
  }
  required(name: string, v: string | undefined): string {
    if (!v?.trim()) this.errors.push({ pointer: `/body/${name}`, detail: 'validation.required' });
    return v?.trim() ?? '';
  }
  check(): void {
    if (this.errors.length) throw badRequest('sampah.operasi.error.invalid', this.errors);
  }
}
