/** Shared pieces of the product pages: form schemas, reading the product form, its fields. */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { parseRupiah as parseRupiahField } from '../../../platform/angka.ts';
import { CityParams, Csrf, Uuid, oneOf } from '../../../platform/http/schemas.ts';
import { field } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  checkbox,
  option,
  problemErrors,
  selectField,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatNumber, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import { FOTO_MAX_BYTES } from '../foto.ts';
import { VERSI_KBLI, VERSI_KBLI_BAKU } from '../kbli.ts';
import type { ProdukInput, ProdukView } from '../produk-service.ts';
import { ASAL_PRODUK, KATEGORI_PRODUK, type StatusEkatalog } from '../tables.ts';
import { textArea } from './usaha-parts.ts';

export const forUser = { access: 'user' } as const;

export const IdParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid },
  { additionalProperties: false },
);
export const FotoParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid, fotoId: Uuid },
  { additionalProperties: false },
);
export const OK = ['dibuat', 'disimpan', 'dihapus', 'foto', 'fotoDiubah', 'fotoDihapus'] as const;
export type Ok = (typeof OK)[number];
export const OkQuery = Type.Object({ ok: Type.Optional(oneOf(OK)) }, { additionalProperties: false });
const teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const ProdukForm = Type.Object(
  {
    _csrf: Csrf,
    nama: teks(400),
    deskripsi: teks(8000),
    kategori: teks(40),
    harga: teks(40),
    satuan: teks(100),
    tersedia: teks(10),
    sku: teks(200),
    merek: teks(300),
    asal: teks(20),
    tkdn: teks(20),
    kbliKode: teks(20),
    kbliVersi: teks(10),
    halal: teks(10),
    sni: teks(10),
    bpom: teks(10),
    pirt: teks(10),
  },
  { additionalProperties: false },
);
export const PRODUK_FIELDS = Object.keys(ProdukForm.properties).filter((k) => k !== '_csrf');
export const FotoForm = Type.Object(
  { _csrf: Csrf, foto: Type.Optional(Type.Unknown()), alt: teks(400) },
  { additionalProperties: false },
);
export const FotoUbahForm = Type.Object(
  { _csrf: Csrf, alt: teks(400), urutan: teks(10) },
  { additionalProperties: false },
);
export const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });

/**
 * Multipart limits of the upload form: a file one byte over the limit is cut there rather than
 * refused by the parser, so the form can say "too large" beside the field.
 */
export const fotoFormMultipart = {
  limits: { fileSize: FOTO_MAX_BYTES + 1, files: 1 },
  throwFileSizeLimit: false,
} as { limits: { fileSize: number; files: number } };

// ---- Parsing form text ----

/**
 * A price: whole rupiah as people type them ("15000", "15.000", "Rp 15.000", "Rp15.000,-"), read
 * by the platform parser. NaN for anything else (decimals of a rupiah, words), and for an empty
 * field (a price is required).
 */
export function parseRupiah(s: string | undefined): number {
  return parseRupiahField(s) ?? Number.NaN;
}

/** "40", "40,5" or "40.5" -> a number; "" -> null; anything else NaN (the service reports it). */
export function parseDesimal(s: string | undefined): number | null {
  const t = (s ?? '').replace(/\s/g, '').replace(/%$/, '');
  if (t === '') return null;
  const norm = t.replace(',', '.');
  return /^\d{1,3}(\.\d{1,6})?$/.test(norm) ? Number(norm) : Number.NaN;
}

export const centang = (v: string | undefined) => v === '1' || v === 'on' || v === 'true';

/** The product form's values as service input. */
export function inputDariForm(v: FormValues): ProdukInput {
  return {
    nama: v.nama ?? '',
    deskripsi: v.deskripsi ?? null,
    kategori: v.kategori ?? '',
    harga: parseRupiah(v.harga),
    satuan: v.satuan ?? '',
    tersedia: centang(v.tersedia),
    sku: v.sku ?? null,
    merek: v.merek ?? null,
    asal: v.asal || 'lokal',
    tkdn: parseDesimal(v.tkdn),
    kbliKode: v.kbliKode ?? null,
    kbliVersi: v.kbliVersi || null,
    halal: centang(v.halal),
    sni: centang(v.sni),
    bpom: centang(v.bpom),
    pirt: centang(v.pirt),
  };
}

/** A product as form values. */
export function formDariProduk(p: ProdukView): FormValues {
  const ya = (b: boolean) => (b ? '1' : '');
  return {
    nama: p.nama,
    deskripsi: p.deskripsi ?? '',
    kategori: p.kategori,
    harga: formatNumber(p.harga),
    satuan: p.satuan,
    tersedia: ya(p.tersedia),
    sku: p.sku ?? '',
    merek: p.merek ?? '',
    asal: p.asal,
    tkdn: p.tkdn === null ? '' : formatNumber(p.tkdn),
    kbliKode: p.kbliKode ?? '',
    kbliVersi: p.kbliVersi ?? VERSI_KBLI_BAKU,
    halal: ya(p.halal),
    sni: ya(p.sni),
    bpom: ya(p.bpom),
    pirt: ya(p.pirt),
  };
}

// ---- Pieces ----

export function hargaTeks(t: Translator, p: { harga: number; satuan: string }): string {
  return t('umkm.produk.hargaPer', { harga: formatRupiah(p.harga), satuan: p.satuan });
}

export function ekatalogTeks(t: Translator, s: StatusEkatalog): string {
  return t(`umkm.produk.ekatalog.${s}`);
}

export function sertifikasi(t: Translator, p: Pick<ProdukView, 'halal' | 'sni' | 'bpom' | 'pirt'>): string {
  const ada = (['halal', 'sni', 'bpom', 'pirt'] as const)
    .filter((k) => p[k])
    .map((k) => t(`umkm.produk.${k}`));
  return ada.length ? ada.join(', ') : t('umkm.produk.tanpaSertifikasi');
}

/** The product form's fields (new and edit). */
export function produkFields(t: Translator, v: FormValues, e: FormErrors, namaTerkunci: boolean): SafeHtml {
  return html`${field({
      name: 'nama',
      label: t('umkm.produk.nama'),
      value: v.nama,
      error: e.nama,
      required: true,
      hint: namaTerkunci ? t('umkm.produk.namaTerkunciHint') : t('umkm.produk.namaHint'),
      attrs: namaTerkunci ? html`maxlength="160" readonly` : html`maxlength="160"`,
    })}
    ${selectField({
      name: 'kategori',
      label: t('umkm.produk.kategori'),
      error: e.kategori,
      required: true,
      options: html`${option('', t('umkm.produk.pilihKategori'), v.kategori ?? '')}
      ${KATEGORI_PRODUK.map((k) => option(k, t(`umkm.produk.kategori.${k}`), v.kategori))}`,
    })}
    ${field({
      name: 'harga',
      label: t('umkm.produk.harga'),
      value: v.harga,
      error: e.harga,
      required: true,
      hint: t('umkm.produk.hargaHint'),
      attrs: html`inputmode="numeric" autocomplete="off"`,
    })}
    ${field({
      name: 'satuan',
      label: t('umkm.produk.satuan'),
      value: v.satuan,
      error: e.satuan,
      required: true,
      hint: t('umkm.produk.satuanHint'),
      attrs: html`maxlength="30"`,
    })}
    ${textArea({ name: 'deskripsi', label: t('umkm.produk.deskripsi'), value: v.deskripsi, error: e.deskripsi, rows: 5, maxlength: 4000 })}
    ${checkbox({ name: 'tersedia', label: t('umkm.produk.tersediaLabel'), checked: centang(v.tersedia) })}
    ${e.tersedia ? html`<p class="error" id="f-tersedia-err">${e.tersedia}</p>` : ''}
    <fieldset>
      <legend>${t('umkm.produk.sertifikasi')}</legend>
      ${(['halal', 'sni', 'bpom', 'pirt'] as const).map((k) =>
        checkbox({ name: k, label: t(`umkm.produk.${k}Label`), checked: centang(v[k]) }),
      )}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.produk.dataEkatalog')}</legend>
      <p class="hint">${t('umkm.produk.dataEkatalogHint')}</p>
      ${field({ name: 'sku', label: t('umkm.produk.sku'), value: v.sku, error: e.sku, attrs: html`maxlength="60"` })}
      ${field({
        name: 'merek',
        label: t('umkm.produk.merek'),
        value: v.merek,
        error: e.merek,
        hint: t('umkm.produk.merekHint'),
        attrs: html`maxlength="120"`,
      })}
      ${selectField({
        name: 'asal',
        label: t('umkm.produk.asal'),
        error: e.asal,
        options: ASAL_PRODUK.map((a) => option(a, t(`umkm.produk.asal.${a}`), v.asal || 'lokal')),
      })}
      ${field({
        name: 'tkdn',
        label: t('umkm.produk.tkdn'),
        value: v.tkdn,
        error: e.tkdn,
        hint: t('umkm.produk.tkdnHint'),
        attrs: html`inputmode="decimal" autocomplete="off"`,
      })}
      ${field({
        name: 'kbliKode',
        label: t('umkm.produk.kbli'),
        value: v.kbliKode,
        error: e.kbliKode,
        hint: t('umkm.produk.kbliHint'),
        attrs: html`inputmode="numeric" maxlength="5" autocomplete="off"`,
      })}
      ${selectField({
        name: 'kbliVersi',
        label: t('umkm.produk.kbliVersi'),
        error: e.kbliVersi,
        options: VERSI_KBLI.map((x) => option(x, `KBLI ${x}`, v.kbliVersi || VERSI_KBLI_BAKU)),
      })}
    </fieldset>`;
}

/** A refusal without field errors (e.g. 409) as the form's general error; others are rethrown. */
export function refusalErrors(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } {
  if (err instanceof HttpProblem && err.status === 409 && !err.errors?.length)
    return { errors: { _: req.t(err.titleKey, err.params) }, status: 409 };
  return problemErrors(req, err);
}
