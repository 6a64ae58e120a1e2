/**
 * Pieces shared by the operator's pages of a bank sampah: route schemas, formatting of money,
 * quantities and times, crumbs, and the fields and buttons of the operation forms.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CitySlug, Csrf, Uuid } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, field, fieldFrame, sendPage } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { breadcrumbs, option, type FormErrors } from '../../../platform/web/components.ts';
import { formatDateTime, formatNumber, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import type { BankRow } from '../access.ts';
import type { OperasiView } from '../ledger-read.ts';
import type { JenisJurnal, Satuan } from '../tables.ts';

// ---- Schemas ----

export const obj = <T extends Parameters<typeof Type.Object>[0]>(props: T) =>
  Type.Object(props, { additionalProperties: false });
export const Teks = (maxLength: number) => Type.String({ maxLength });
export const Daftar = (maxLength: number) => Type.Array(Type.String({ maxLength }), { maxItems: 50 });
export const Tanggal = Type.Union([Type.String({ format: 'date' }), Type.Literal('')]);

export const BankParams = obj({ city: CitySlug, bankId: Uuid });
export const JurnalParams = obj({ city: CitySlug, bankId: Uuid, jurnalId: Uuid });
export const NasabahParams = obj({ city: CitySlug, bankId: Uuid, nasabahId: Uuid });
export const PengajuanParams = obj({ city: CitySlug, bankId: Uuid, id: Uuid });
export const CityOnly = obj({ city: CitySlug });

export const Aksi = Type.Optional(
  Type.Union([Type.Literal('hitung'), Type.Literal('tambah'), Type.Literal('simpan')]),
);
/** What every operation form posts: the CSRF token and the idempotency key. */
export const OperasiFields = { _csrf: Csrf, kunci: Type.Optional(Teks(100)) };
export const Catatan = Type.Optional(Teks(2000));
export const user = { access: 'user' } as const;
export const SCRIPT = '/assets/js/bank-sampah.js';
export const MAX_ROWS = 50;
export const MAX_CATATAN = 500;

// ---- Formatting ----

export const rp = (n: number) => formatRupiah(n);
/** A quantity with its unit, id-ID (up to 3 decimals). */
export const qty = (t: Translator, n: number, satuan: Satuan | string) =>
  `${formatNumber(n)} ${t(`bankSampah.op.satuan.${satuan}`)}`;
export const kg = (t: Translator, n: number) => qty(t, n, 'kg');
export const waktu = (t: Translator, d: Date) => t('bankSampah.op.waktuWib', { waktu: formatDateTime(d) });
export const jenisLabel = (t: Translator, j: JenisJurnal) => t(`bankSampah.op.jenis.${j}`);

export function bankPath(req: FastifyRequest, bankId: string, sub = ''): string {
  return cityPath(req, `/bank-sampah/${bankId}${sub}`);
}

export function crumbs(
  req: FastifyRequest,
  bank: BankRow,
  items: { href?: string; label: string }[],
): SafeHtml {
  const t = req.t;
  return breadcrumbs(t('bankSampah.op.crumbs'), [
    { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
    ...(items.length ? [{ href: bankPath(req, bank.id), label: bank.nama }] : [{ label: bank.nama }]),
    ...items,
  ]);
}
// ---- Page and form fragments shared by the operation forms ----

/** An operation's page: crumbs to the bank, the title as heading, then `body`. */
export function operasiPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  o: { title: string; status?: number | undefined; body: SafeHtml },
) {
  return sendPage(req, reply, {
    title: o.title,
    status: o.status ?? 200,
    scripts: [SCRIPT],
    body: html`${crumbs(req, bank, [{ label: o.title }])}
      <h1>${o.title}</h1>
      ${o.body}`,
  });
}

/** The hidden fields every operation form posts: the CSRF token and the idempotency key. */
export function kunciFields(req: FastifyRequest, kunci: string): SafeHtml {
  return html`${csrfField(req)} <input type="hidden" name="kunci" value="${kunci}" />`;
}

export function catatanField(t: Translator, value: string, error: string | undefined): SafeHtml {
  return field({
    name: 'catatan',
    label: t('bankSampah.op.catatan'),
    value,
    error,
    attrs: html`maxlength="${MAX_CATATAN}"`,
  });
}

/** One item line of a form: its fields and its value (— until it can be computed). */
export function barisFieldset(
  t: Translator,
  i: number,
  fields: SafeHtml,
  value: number | null | undefined,
): SafeHtml {
  return html`<fieldset class="bs-baris" data-bs-baris>
    <legend>${t('bankSampah.op.baris.legend', { n: i + 1 })}</legend>
    ${fields}
    <p class="bs-nilai">
      ${t('bankSampah.op.baris.nilai')}:
      <span data-bs-nilai>${value === null || value === undefined ? '—' : rp(value)}</span>
    </p>
  </fieldset>`;
}

/** A line's item select: "choose an item" followed by `options`. */
export function jenisField(
  t: Translator,
  e: FormErrors,
  i: number,
  selected: string,
  options: SafeHtml,
): SafeHtml {
  return fieldFrame(
    { name: `baris.${i}.jenisKode`, label: t('bankSampah.op.baris.jenis'), error: e[`baris.${i}.jenisKode`] },
    (id, aria) =>
      html`<select id="${id}" name="jenisKode" ${aria} data-bs-jenis>
        ${option('', t('bankSampah.op.baris.pilihJenis'), selected)} ${options}
      </select>`,
  );
}

/** A line's quantity, with the unit of its item (if chosen) after it. */
export function kuantitasField(
  t: Translator,
  e: FormErrors,
  i: number,
  value: string,
  satuan: Satuan | undefined,
): SafeHtml {
  return fieldFrame(
    {
      name: `baris.${i}.kuantitas`,
      label: t('bankSampah.op.baris.kuantitas'),
      error: e[`baris.${i}.kuantitas`],
    },
    (id, aria) =>
      html`<span class="bs-satuan-wrap"
        ><input
          id="${id}"
          name="kuantitas"
          type="text"
          inputmode="decimal"
          autocomplete="off"
          maxlength="12"
          value="${value}"
          ${aria}
          data-bs-kuantitas
        /><span class="bs-satuan" data-bs-satuan aria-hidden="true"
          >${satuan ? t(`bankSampah.op.satuan.${satuan}`) : ''}</span
        ></span
      >`,
  );
}

/** A note above a form (no prices, no stock, no balance…). */
export function note(body: SafeHtml | string): SafeHtml {
  return html`<div class="alert alert-info" role="note">
    <p>${body}</p>
  </div>`;
}

/** One item line: the item select (`options`), the line's other two fields side by side, its value. */
export function barisRow(
  t: Translator,
  e: FormErrors,
  i: number,
  o: { jenisKode: string; options: SafeHtml | SafeHtml[]; dua: SafeHtml; nilai: number | null | undefined },
): SafeHtml {
  return barisFieldset(
    t,
    i,
    html`${jenisField(t, e, i, o.jenisKode, html`${o.options}`)}
      <div class="bs-dua">${o.dua}</div>`,
    o.nilai,
  );
}

/**
 * The total of a form or receipt with item lines; with a share taken (`bagi`), the share and
 * what remains (`marks`: the cells the page's script recomputes are marked).
 */
export function ringkasTotal(
  total: { label: string; nilai: number },
  bagi: { label: string; nilai: number; sisa: string } | null,
  marks = false,
): SafeHtml {
  return html`<dl class="bs-ringkas">
    <dt>${total.label}</dt>
    <dd data-bs-total>${rp(total.nilai)}</dd>
    ${
      bagi
        ? html`<dt>${bagi.label}</dt>
            <dd ${marks ? raw('data-bs-bagi') : ''}>${rp(bagi.nilai)}</dd>
            <dt>${bagi.sisa}</dt>
            <dd ${marks ? raw('data-bs-bersih') : ''}><strong>${rp(total.nilai - bagi.nilai)}</strong></dd>`
        : ''
    }
  </dl>`;
}

/**
 * A form with item lines (deposit, sale): its key, the fields `before` the lines, the lines, the
 * total, the note and the buttons; `attrs` are the data the page's script reads.
 */
export function barisForm(
  req: FastifyRequest,
  o: {
    action: string;
    jenis: 'setoran' | 'penjualan';
    attrs: SafeHtml;
    kunci: string;
    before: SafeHtml;
    rows: SafeHtml[];
    ringkas: SafeHtml;
    catatan: string;
    catatanError: string | undefined;
    simpan: string;
    simpanAttrs: SafeHtml | '';
  },
): SafeHtml {
  const t = req.t;
  return html`<form
    method="post"
    action="${o.action}"
    novalidate
    data-bs-form="${o.jenis}"
    ${o.attrs}
    data-label-baris="${t('bankSampah.op.baris.legend', { n: '{n}' })}"
  >
    ${kunciFields(req, o.kunci)} ${o.before}
    <div class="bs-daftar-baris" data-bs-daftar>${o.rows}</div>
    ${o.ringkas} ${catatanField(t, o.catatan, o.catatanError)} ${tombolBaris(t, o.simpan, o.simpanAttrs)}
  </form>`;
}

/** The buttons of a form with item lines: calculate, add lines, save. */
export function tombolBaris(t: Translator, simpan: string, simpanAttrs: SafeHtml | ''): SafeHtml {
  return html`<div class="bs-tombol">
    <button type="submit" name="aksi" value="hitung" data-bs-hitung>
      ${t('bankSampah.op.tombol.hitung')}
    </button>
    <button type="submit" name="aksi" value="tambah" data-bs-tambah>
      ${t('bankSampah.op.tombol.tambahBaris')}
    </button>
    <button type="submit" name="aksi" value="simpan" class="primary" ${simpanAttrs}>${simpan}</button>
  </div>`;
}

/**
 * The rows a form with item lines shows: those typed up to the last one used (`dipakai`), then
 * `extra` empty ones, at least `min` and at most MAX_ROWS.
 */
export function rowsFor<R>(
  rows: R[],
  extra: number,
  min: number,
  kosong: R,
  dipakai: (r: R) => boolean,
): R[] {
  const used = rows.filter(dipakai);
  const filled = rows.length && used.length ? rows.slice(0, rows.lastIndexOf(used.at(-1)!) + 1) : [];
  const n = Math.min(MAX_ROWS, Math.max(min, filled.length + extra));
  return Array.from({ length: n }, (_, i) => filled[i] ?? { ...kosong });
}

/** What an operation form is re-rendered with: its key, errors, message and HTTP status. */
export interface FormState {
  kunci: string;
  errors: FormErrors;
  message?: string | undefined;
  status?: number;
}

/** The title of a receipt: its kind and number. */
export function judulStruk(t: Translator, v: OperasiView): string {
  return v.jenis === 'pembatalan'
    ? t('bankSampah.op.struk.judulPembatalan', {
        jenis: jenisLabel(t, v.jenisAsal ?? 'setoran'),
        nomor: String(v.nomor),
      })
    : t('bankSampah.op.struk.judul', { jenis: jenisLabel(t, v.jenis), nomor: String(v.nomor) });
}

/** The date fields of a filter form and its button. */
export function filterTanggal(t: Translator, range: { dari?: string; sampai?: string }): SafeHtml {
  return html`${field({ name: 'dari', label: t('bankSampah.op.filter.dari'), type: 'date', value: range.dari })}
    ${field({ name: 'sampai', label: t('bankSampah.op.filter.sampai'), type: 'date', value: range.sampai })}
    <button type="submit">${t('bankSampah.op.filter.tampilkan')}</button>`;
}

/** Dates of a filter in order (a reversed range is swapped); '' means open. */
export function orderRange(q: { dari?: string | undefined; sampai?: string | undefined }): {
  dari?: string;
  sampai?: string;
} {
  let dari = q.dari || undefined;
  let sampai = q.sampai || undefined;
  if (dari && sampai && dari > sampai) [dari, sampai] = [sampai, dari];
  return { ...(dari ? { dari } : {}), ...(sampai ? { sampai } : {}) };
}
