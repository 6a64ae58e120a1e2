/**
 * Pieces shared by the operations' screens: the access of each kind of page, the form schema
 * helpers, the form controls, and the reader of form text into typed values.
 */
import { Type } from 'typebox';
import { readKuantitas } from '../../../../platform/angka.ts';
import type { Access } from '../../../../platform/http/context.ts';
import { badRequest, type FieldError } from '../../../../platform/http/problem.ts';
import type { Translator } from '../../../../platform/i18n/index.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { field } from '../../../../platform/web/layout.ts';
import {
  option,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { OPS_KELOLA, OPS_LIHAT, OPS_RITASE } from '../permissions-operasi.ts';

export const lihat: Access = { permission: OPS_LIHAT };
export const kelola: Access = { permission: OPS_KELOLA };
export const ritase: Access = { permission: OPS_RITASE };

/** How a control of `operasiControls` is shown; its label is `sampah.operasi.f.<label ?? name>`. */
interface ControlOptions {
  label?: string;
  required?: boolean;
  /** Message key of the hint. */
  hint?: string;
  type?: string;
  inputmode?: 'decimal' | 'numeric';
}

/**
 * The controls of an operations form, each showing its value and error of `v` and `e`: a text
 * input, a select of fixed values labelled by `<prefix>.<value>` (after an optional first option,
 * e.g. "–" for none) and a select of records.
 */
export function operasiControls(t: Translator, v: FormValues, e: FormErrors) {
  const frame = (name: string, o: ControlOptions) => ({
    name,
    label: t(`sampah.operasi.f.${o.label ?? name}`),
    required: o.required,
    hint: o.hint ? t(o.hint) : undefined,
    error: e[name],
  });
  return {
    input: (name: string, o: ControlOptions = {}): SafeHtml =>
      field({
        ...frame(name, o),
        value: v[name],
        ...(o.type ? { type: o.type } : {}),
        ...(o.inputmode ? { attrs: html`inputmode="${o.inputmode}"` } : {}),
      }),
    choice: (
      name: string,
      values: readonly string[],
      prefix: string,
      o: ControlOptions & { first?: [value: string, label: string] } = {},
    ): SafeHtml =>
      selectField({
        ...frame(name, o),
        options: [
          ...(o.first ? [option(o.first[0], o.first[1], v[name] ?? '')] : []),
          ...values.map((x) => option(x, t(`${prefix}.${x}`), v[name])),
        ],
      }),
    /** A select of records as `[id, label]`, after the empty "choose" option. */
    pick: (name: string, items: readonly (readonly [string, string])[], o: ControlOptions = {}): SafeHtml =>
      selectField({
        ...frame(name, o),
        options: [
          option('', t('sampah.operasi.f.pilih'), v[name] ?? ''),
          ...items.map(([id, label]) => option(id, label, v[name])),
        ],
      }),
  };
}

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
