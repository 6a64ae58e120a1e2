/** Pieces shared by the KBS screens: page schemas, labels, the value fields and their errors. */
import { Type } from 'typebox';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { Csrf } from '../../../../platform/http/schemas.ts';
import { errorSummary, field } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import {
  option,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { fieldMessage } from '../../../../platform/http/validation.ts';
import { type NilaiInput } from '../penilaian-service.ts';
import { type RiwayatView } from '../rw-service.ts';
import { type IndikatorView } from '../indikator-service.ts';
import { JENIS_ATURAN, type StatusPenilaian } from '../indikator.ts';

export { IdParams, RwParams } from '../kbs-schemas.ts';
/** Values arrive as n_<KODE> fields. */
export const NilaiForm = Type.Object(
  { _csrf: Csrf, periode: Type.Optional(Type.String({ maxLength: 7 })) },
  { additionalProperties: Type.String({ maxLength: 30 }) },
);

/** "RW 001 Kelurahan …" */
export function namaRw(t: Translator, rw: { nomor: number; kelurahanNama: string }): string {
  return t('sampah.kbs.rwDi', { nomor: String(rw.nomor).padStart(3, '0'), kelurahan: rw.kelurahanNama });
}

/** The error summary; a general message (key "_") heads it instead of linking to a field. */
export function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

export const angka = (n: number | null) => (n === null ? '—' : formatNumber(n));

export function statusLabel(t: Translator, s: StatusPenilaian): string {
  return t(`sampah.kbs.status.${s}`);
}

export function tingkatLabel(t: Translator, r: RiwayatView | null): string {
  if (!r) return t('sampah.kbs.belumDinilai');
  return r.tingkat?.nama ?? t('sampah.kbs.belumKbs');
}

export function nilaiText(t: Translator, n: { jenis: IndikatorView['jenis']; nilai: number | null }): string {
  if (n.nilai === null) return '—';
  if (n.jenis === 'ya_tidak') return n.nilai === 1 ? t('sampah.kbs.ya') : t('sampah.kbs.tidak');
  return `${formatNumber(n.nilai)}${JENIS_ATURAN[n.jenis].satuan}`;
}

export function syarat(t: Translator, i: Pick<IndikatorView, 'jenis' | 'ambang'>): string {
  if (i.jenis === 'ya_tidak') return t('sampah.kbs.syaratYa');
  return t('sampah.kbs.syaratMin', {
    ambang: `${formatNumber(i.ambang ?? 0)}${JENIS_ATURAN[i.jenis].satuan}`,
  });
}

/** "12,5" or "12.5" -> 12.5; "" -> undefined (not sent); anything else NaN (the service reports it). */
export function parseNilai(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().replace(/\s/g, '');
  if (s === '') return undefined;
  const norm = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  return /^\d{1,10}(\.\d{1,3})?$/.test(norm) ? Number(norm) : Number.NaN;
}

/** The manual values of a form, and which form field each came from (for the errors). */
export function nilaiFromForm(
  body: Record<string, unknown>,
  indikator: IndikatorView[],
): { nilai: NilaiInput[]; fields: string[] } {
  const nilai: NilaiInput[] = [];
  const fields: string[] = [];
  for (const i of indikator) {
    if (i.sumber !== 'manual') continue;
    const raw = body[`n_${i.kode}`];
    const n = parseNilai(typeof raw === 'string' ? raw : undefined);
    if (n === undefined) continue;
    nilai.push({ indikatorKode: i.kode, nilai: n });
    fields.push(`n_${i.kode}`);
  }
  return { nilai, fields };
}

/** A service's 400/409 with field errors as form errors (nilai/<i>/... to the n_<KODE> field); otherwise rethrown. */
export function formErrors(
  t: Translator,
  err: unknown,
  fields: string[],
): { errors: FormErrors; status: number } {
  if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status) || !err.errors?.length) throw err;
  const errors: FormErrors = {};
  for (const e of err.errors) {
    const m = /^\/body\/nilai\/(\d+)\//.exec(e.pointer);
    const b = /^\/(?:nilai|bukti)\/([A-Z0-9-]+)$/.exec(e.pointer);
    const name = m
      ? (fields[Number(m[1])] ?? 'nilai')
      : b
        ? `n_${b[1]}`
        : e.pointer.split('/').slice(2).join('.') || '_';
    errors[name] ??= fieldMessage(t, e, err.params);
  }
  return { errors, status: err.status };
}

export function nilaiFields(
  t: Translator,
  indikator: readonly IndikatorView[],
  values: FormValues,
  errors: FormErrors,
): SafeHtml[] {
  return indikator
    .filter((i) => i.sumber === 'manual')
    .map((i) => {
      const name = `n_${i.kode}`;
      const hint = [i.deskripsi ?? '', syarat(t, i), i.buktiWajib ? t('sampah.kbs.buktiWajib') : '']
        .filter(Boolean)
        .join(' · ');
      const label = `${i.kode} — ${i.nama}`;
      if (i.jenis === 'ya_tidak') {
        return selectField({
          name,
          label,
          hint,
          error: errors[name],
          options: html`${option('', '—', values[name])} ${option('1', t('sampah.kbs.ya'), values[name])}
          ${option('0', t('sampah.kbs.tidak'), values[name])}`,
        });
      }
      return field({
        name,
        label: JENIS_ATURAN[i.jenis].satuan ? `${label} (${JENIS_ATURAN[i.jenis].satuan.trim()})` : label,
        hint,
        error: errors[name],
        value: values[name],
        attrs: html`inputmode="decimal"`,
      });
    });
}
