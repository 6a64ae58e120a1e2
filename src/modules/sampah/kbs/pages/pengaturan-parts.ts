/** Pieces of the KBS settings screens: form schemas, the indicator fields, and reading the forms. */
import { Type, type Static } from 'typebox';
import { CityParams, Csrf, Uuid } from '../../../../platform/http/schemas.ts';
import { field } from '../../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../../platform/web/html.ts';
import {
  checkbox,
  mapFieldErrors,
  option,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { type IndikatorInput, type IndikatorView } from '../indikator-service.ts';
import { JENIS_INDIKATOR, JenisSchema, SUMBER_INDIKATOR, SumberSchema } from '../indikator.ts';
import { KBS_ATUR } from '../permissions-kbs.ts';

export const atur = { access: { permission: KBS_ATUR } } as const;
export const PATH = '/sampah/kbs/pengaturan';

export const PageQuery = Type.Object(
  {
    ok: Type.Optional(
      Type.Union([Type.Literal('indikator'), Type.Literal('indikatorUbah'), Type.Literal('tingkat')]),
    ),
    tingkat: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  },
  { additionalProperties: false },
);
export const IdParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid },
  { additionalProperties: false },
);
export const IndikatorForm = Type.Object(
  {
    _csrf: Csrf,
    kode: Type.Optional(Type.String({ maxLength: 40 })),
    nama: Type.Optional(Type.String({ maxLength: 400 })),
    deskripsi: Type.Optional(Type.String({ maxLength: 2000 })),
    jenis: Type.Optional(JenisSchema),
    ambang: Type.Optional(Type.String({ maxLength: 30 })),
    sumber: Type.Optional(SumberSchema),
    buktiWajib: Type.Optional(Type.Literal('1')),
    bobot: Type.Optional(Type.String({ maxLength: 10 })),
    // The service takes any integer here; the table and the API hold it to 0–1000.
    urutan: Type.Optional(Type.String({ pattern: '^\\s*([0-9]{1,3}|1000)?\\s*$' })),
    aktif: Type.Optional(Type.Literal('1')),
  },
  { additionalProperties: false },
);
export const INDIKATOR_FIELDS = [
  'kode',
  'nama',
  'deskripsi',
  'jenis',
  'ambang',
  'sumber',
  'buktiWajib',
  'bobot',
  'urutan',
  'aktif',
];
export const TingkatForm = Type.Object(
  {
    _csrf: Csrf,
    urutan: Type.Optional(Type.String({ maxLength: 10 })),
    nama: Type.Optional(Type.String({ maxLength: 200 })),
    minSkor: Type.Optional(Type.String({ maxLength: 20 })),
    indikatorWajib: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z0-9-]{1,20}$' }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false },
);
export const TINGKAT_FIELDS = ['urutan', 'nama', 'minSkor'];

export type IndikatorFormBody = Static<typeof IndikatorForm>;

/** Runs a change, with the service's field errors in this form's terms. */
export function withFormPointers<T>(fn: () => Promise<T>, pointer?: (p: string) => string): Promise<T> {
  return mapFieldErrors(fn, pointer ? { pointer } : {});
}

/** "12,5" or "12.5" → 12.5; empty → null; anything else NaN (the service reports it). */
export function parseAngkaField(v: string | undefined): number | null {
  const s = (v ?? '').trim();
  if (s === '') return null;
  const n = s.replace(',', '.');
  return /^\d{1,10}(\.\d{1,6})?$/.test(n) ? Number(n) : Number.NaN;
}

export function parseBulatField(v: string | undefined): number {
  const s = (v ?? '').trim();
  return /^\d{1,6}$/.test(s) ? Number(s) : Number.NaN;
}

/** The fields of an indicator (kode only when adding). */
export function indikatorFields(
  t: Translator,
  v: FormValues,
  e: FormErrors,
  /** aktifAwal: whether "active" is ticked when the values do not say (a new, not yet sent form). */
  o: { baru: boolean; aktifAwal: boolean },
): SafeHtml {
  const desc = e.deskripsi;
  return html`${
      o.baru
        ? field({
            name: 'kode',
            label: t('sampah.pengaturan.ind.kode'),
            hint: t('sampah.pengaturan.ind.kodeHint'),
            value: v.kode,
            error: e.kode,
            required: true,
            attrs: html`autocapitalize="characters" maxlength="20"`,
          })
        : ''
    }
    ${field({ name: 'nama', label: t('sampah.pengaturan.ind.nama'), value: v.nama, error: e.nama, required: true })}
    <div class="field${desc ? ' has-error' : ''}">
      <label for="f-deskripsi">${t('sampah.pengaturan.ind.deskripsi')}</label>
      <textarea
        id="f-deskripsi"
        name="deskripsi"
        rows="3"
        ${desc ? raw('aria-invalid="true" aria-describedby="f-deskripsi-err"') : ''}
      >
${v.deskripsi ?? ''}</textarea>
      ${desc ? html`<p class="error" id="f-deskripsi-err">${desc}</p>` : ''}
    </div>
    ${selectField({
      name: 'jenis',
      label: t('sampah.pengaturan.ind.jenis'),
      hint: t('sampah.pengaturan.ind.jenisHint'),
      error: e.jenis,
      required: true,
      options: JENIS_INDIKATOR.map((j) => option(j, t(`sampah.pengaturan.jenis.${j}`), v.jenis)),
    })}
    ${field({
      name: 'ambang',
      label: t('sampah.pengaturan.ind.ambang'),
      hint: t('sampah.pengaturan.ind.ambangHint'),
      value: v.ambang,
      error: e.ambang,
      attrs: html`inputmode="decimal"`,
    })}
    ${selectField({
      name: 'sumber',
      label: t('sampah.pengaturan.ind.sumber'),
      hint: t('sampah.pengaturan.ind.sumberHint'),
      error: e.sumber,
      options: SUMBER_INDIKATOR.map((s) => option(s, t(`sampah.kbs.sumber.${s}`), v.sumber)),
    })}
    ${
      e.buktiWajib
        ? html`<div class="field has-error">
            ${checkbox({ name: 'buktiWajib', label: t('sampah.pengaturan.ind.buktiWajib'), checked: v.buktiWajib === '1' })}
            <p class="error" id="f-buktiWajib-err">${e.buktiWajib}</p>
          </div>`
        : checkbox({
            name: 'buktiWajib',
            label: t('sampah.pengaturan.ind.buktiWajib'),
            checked: v.buktiWajib === '1',
          })
    }
    ${field({
      name: 'bobot',
      label: t('sampah.pengaturan.ind.bobot'),
      hint: t('sampah.pengaturan.ind.bobotHint'),
      value: v.bobot,
      error: e.bobot,
      required: true,
      attrs: html`inputmode="numeric"`,
    })}
    ${field({
      name: 'urutan',
      label: t('sampah.pengaturan.ind.urutan'),
      hint: t('sampah.pengaturan.ind.urutanHint'),
      value: v.urutan,
      error: e.urutan,
      attrs: html`inputmode="numeric"`,
    })}
    ${checkbox({ name: 'aktif', label: t('sampah.pengaturan.ind.aktif'), checked: v.aktif === undefined ? o.aktifAwal : v.aktif === '1', hint: t('sampah.pengaturan.ind.aktifHint') })}`;
}

/** What the service gets from an indicator form. */
export function indikatorInput(b: IndikatorFormBody): Omit<IndikatorInput, 'kode'> {
  const urutan = (b.urutan ?? '').trim();
  return {
    nama: b.nama ?? '',
    deskripsi: b.deskripsi ?? null,
    jenis: b.jenis ?? 'ya_tidak',
    ambang: parseAngkaField(b.ambang),
    sumber: b.sumber ?? 'manual',
    buktiWajib: b.buktiWajib === '1',
    bobot: parseBulatField(b.bobot),
    urutan: urutan === '' ? 0 : Number(urutan),
    aktif: b.aktif === '1',
  };
}

export function indikatorValues(i: IndikatorView): FormValues {
  return {
    kode: i.kode,
    nama: i.nama,
    deskripsi: i.deskripsi ?? '',
    jenis: i.jenis,
    ambang: i.ambang === null ? '' : formatNumber(i.ambang).replace(/\./g, ''),
    sumber: i.sumber,
    ...(i.buktiWajib ? { buktiWajib: '1' } : {}),
    bobot: String(i.bobot),
    urutan: String(i.urutan),
    aktif: i.aktif ? '1' : '0',
  };
}
