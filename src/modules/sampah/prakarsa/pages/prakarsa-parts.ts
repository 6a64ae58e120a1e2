/** Pieces shared by the Prakarsa RW screens: page schemas, reading typed amounts, labels, posting a form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema, type TUnknown } from 'typebox';
import type { BalaiApp } from '../../../../platform/module.ts';
import type { Access } from '../../../../platform/http/context.ts';
import type { TypedRequest } from '../../../../platform/http/api-route.ts';
import { cityPath } from '../../../../platform/web/layout.ts';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { CityParams, Csrf, Uuid } from '../../../../platform/http/schemas.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import {
  formValues,
  problemErrors,
  queryString,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatRupiah, type Translator } from '../../../../platform/i18n/index.ts';
import { readKuantitas, readRupiah } from '../../../../platform/angka.ts';
import { thisYearWib } from '../../../../platform/waktu.ts';
import type { RwRingkas } from '../../kbs/kbs-access.ts';
import type { StatusKbs } from '../../kbs/rw-service.ts';
import { PRAKARSA_KELOLA, PRAKARSA_LAPOR, PRAKARSA_LIHAT } from '../permissions-prakarsa.ts';

export const lihat = { access: { permission: PRAKARSA_LIHAT } } as const;
export const kelola = { access: { permission: PRAKARSA_KELOLA } } as const;
export const lapor = { access: { permission: PRAKARSA_LAPOR } } as const;

export const Tahun = Type.Integer({ minimum: 2000, maximum: 2100 });
export const Teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export { RwParams } from '../prakarsa-schemas.ts';
export const EntriParams = Type.Object(
  { city: CityParams.properties.city, rwId: Uuid, id: Uuid },
  { additionalProperties: false },
);
export const OverviewQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    ok: Type.Optional(Type.Union([Type.Literal('pengaturan'), Type.Literal('semua')])),
    dibuat: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export const RwQuery = Type.Object(
  {
    tahun: Type.Optional(Tahun),
    ok: Type.Optional(
      Type.Union([
        Type.Literal('alokasi'),
        Type.Literal('pencairan'),
        Type.Literal('belanja'),
        Type.Literal('dibatalkan'),
      ]),
    ),
  },
  { additionalProperties: false },
);
export const PengaturanForm = Type.Object(
  { _csrf: Csrf, tahun: Teks(10), nominalKbs: Teks(40), nominalLain: Teks(40), kbsMinUrutan: Teks(10) },
  { additionalProperties: false },
);
export const SemuaForm = Type.Object({ _csrf: Csrf, tahun: Teks(10) }, { additionalProperties: false });
export const AlokasiForm = Type.Object(
  { _csrf: Csrf, tahun: Teks(10), jumlahAlokasi: Teks(40), alasan: Teks(600) },
  { additionalProperties: false },
);
export const CairForm = Type.Object(
  { _csrf: Csrf, tanggalCair: Teks(20), jumlahCair: Teks(40), tahap: Teks(10), catatan: Teks(600) },
  { additionalProperties: false },
);
export const BelanjaForm = Type.Object(
  {
    _csrf: Csrf,
    tanggalBelanja: Teks(20),
    kategori: Teks(40),
    uraian: Teks(400),
    jumlahBelanja: Teks(40),
    kuantitas: Teks(20),
    satuan: Teks(30),
  },
  { additionalProperties: false },
);
export const BatalForm = Type.Object({ _csrf: Csrf, alasan: Teks(600) }, { additionalProperties: false });

/** "Rp 1.500.000", "1.500.000" or "1500000" -> 1500000 (the platform parser); "" -> undefined; anything else NaN (the service reports it). */
export function parseRupiah(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const r = readRupiah(v, { max: 9_999_999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

/** "12,5" -> 12.5 (the platform parser: a dot is not a decimal point); "" -> undefined; anything else NaN. */
export function parseDesimal(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const r = readKuantitas(v, { max: 999_999_999 });
  return r.ok ? r.nilai : Number.NaN;
}

export function parseBulat(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  return /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
}

export const rp = (n: number) => formatRupiah(n);

export function namaRw(t: Translator, rw: Pick<RwRingkas, 'nomor' | 'kelurahanNama'>): string {
  return t('sampah.prakarsa.rwDi', { nomor: String(rw.nomor).padStart(3, '0'), kelurahan: rw.kelurahanNama });
}

export function statusLabel(t: Translator, s: StatusKbs | null): string {
  if (!s) return t('sampah.prakarsa.belumDinilai');
  return s.nama ?? t('sampah.prakarsa.belumKbs');
}

export interface Failed {
  form: string;
  values: FormValues;
  errors: FormErrors;
  status: number;
}

/**
 * A form post: the body failing its schema (400), or the service refusing with field errors
 * (renamed from the service's field names to the form's) or a 409, shows the form again via
 * render(); otherwise save() makes the change and answers where to go (303).
 */
export async function postForm(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    form: string;
    fields: string[];
    rename?: Record<string, string>;
    render: (failed: Failed) => Promise<FastifyReply>;
    save: () => Promise<string>;
  },
): Promise<FastifyReply> {
  const values = formValues(req.body, o.fields);
  if (req.validationError)
    return o.render({ form: o.form, values, errors: validationErrors(req), status: 400 });
  try {
    return reply.redirect(await o.save(), 303);
  } catch (err) {
    if (err instanceof HttpProblem && [400, 409].includes(err.status) && !err.errors?.length)
      return o.render({
        form: o.form,
        values,
        errors: { _: req.t(err.titleKey, err.params) },
        status: err.status,
      });
    const p = problemErrors(req, err);
    const errors: FormErrors = {};
    for (const [k, v] of Object.entries(p.errors)) {
      const name = o.rename?.[k] ?? k;
      errors[o.fields.includes(name) ? name : '_'] ??= v;
    }
    return o.render({ form: o.form, values, errors, status: p.status });
  }
}

/** A form route of the Prakarsa screens: its request typed from its schemas. */
type PostRequest<P extends TSchema, B extends TSchema> = TypedRequest<P, TUnknown, B>;

/**
 * Registers a form's POST route (`postForm`): `render` shows the screen again with the failed
 * form, `save` makes the change from the body and answers where to go.
 */
export function prakarsaPost<P extends TSchema, B extends TSchema>(
  app: BalaiApp,
  o: {
    path: string;
    config: { access: Access };
    params: P;
    body: B;
    form: string | ((req: PostRequest<P, B>) => string);
    fields: string[];
    rename?: Record<string, string>;
    render: (req: PostRequest<P, B>, reply: FastifyReply, failed: Failed) => Promise<FastifyReply>;
    save: (req: PostRequest<P, B>, b: Partial<Static<B>>) => Promise<string>;
  },
): void {
  app.post(
    o.path,
    { schema: { params: o.params, body: o.body }, attachValidation: true, config: o.config },
    async (request, reply) => {
      const req = request as unknown as PostRequest<P, B>;
      return postForm(req, reply, {
        form: typeof o.form === 'string' ? o.form : o.form(req),
        fields: o.fields,
        ...(o.rename ? { rename: o.rename } : {}),
        render: (failed) => o.render(req, reply, failed),
        save: () => o.save(req, (req.body ?? {}) as Partial<Static<B>>),
      });
    },
  );
}

/** Back to a RW's Prakarsa page, at the year of the change, saying what was done. */
export function rwKembali(req: FastifyRequest, rwId: string, tahun: number, ok: string): string {
  return cityPath(req, `/sampah/prakarsa/rw/${rwId}${queryString({ tahun: String(tahun), ok })}`);
}

/** A row of `fakta`: the term and its value; a false-ish row is left out. */
export type Fakta =
  readonly [term: string, value: SafeHtml | string | number] | false | '' | null | undefined;

/** The facts of a screen: a `<dl class="facts">`, each term with its value in a `<div>`. */
export function fakta(rows: readonly Fakta[]): SafeHtml {
  return html`<dl class="facts">
    ${rows.map((r) =>
      r
        ? html`<div>
            <dt>${r[0]}</dt>
            <dd>${r[1]}</dd>
          </div>`
        : '',
    )}
  </dl>`;
}

export function textarea(o: {
  name: string;
  label: string;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
}): SafeHtml {
  const id = `f-${o.name}`;
  const described = [o.hint ? `${id}-hint` : '', o.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}${o.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    <textarea
      id="${id}"
      name="${o.name}"
      rows="3"
      maxlength="500"
      ${o.required ? html`required` : ''}
      ${described ? html`aria-describedby="${described}"` : ''}
      ${o.error ? html`aria-invalid="true"` : ''}
    >
${o.value ?? ''}</textarea>
    ${o.error ? html`<p class="error" id="${id}-err">${o.error}</p>` : ''}
  </div>`;
}

export function listTahunPilihan(tahun: number): number[] {
  const ini = thisYearWib();
  const out: number[] = [];
  for (let y = ini + 1; y > ini - 5; y--) out.push(y);
  if (!out.includes(tahun)) out.push(tahun);
  return out.sort((a, b) => b - a);
}

/** A year typed in a form, or the fallback when it is not one. */
export const parseTahun = (v: string | undefined, fallback: number) => {
  const n = parseBulat(v);
  return n !== undefined && n >= 2000 && n <= 2100 ? n : fallback;
};
