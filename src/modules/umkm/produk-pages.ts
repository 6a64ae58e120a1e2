/**
 * Product pages for the owner of a business and the officers (server-rendered, usable at 360 px
 * and without JavaScript): a business's products (/:city/umkm/usaha/:id/produk) with "tambah
 * produk"; a new product; one product (/:city/umkm/produk/:id) with its photos (upload straight
 * from the phone's camera, alt text, order, delete), its data and e-Katalog fields, and delete.
 * Forms post back, show errors next to their fields with a summary on top, and redirect after a
 * change. Prices are typed as people write them ("Rp 15.000", "15000").
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { bacaRupiah } from '../../platform/angka.ts';
import { CityParams, Csrf, Uuid } from '../../platform/http/schemas.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  fieldFrame,
  flash,
  sendPage,
} from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  option,
  problemErrors,
  selectField,
  validationErrors,
  type FailedForm,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import { formatNumber, formatRupiah, type Translator } from '../../platform/i18n/index.ts';
import { usahaUntuk } from './akses.ts';
import { FOTO_MAX_BYTES, gambarFoto, olahFoto } from './foto.ts';
import { VERSI_KBLI, VERSI_KBLI_BAKU } from './kbli.ts';
import {
  ASAL,
  FOTO_MAX_PER_PRODUK,
  bolehUnggahFoto,
  buatProduk,
  daftarProduk,
  getProduk,
  hapusFoto,
  hapusProduk,
  simpanFoto,
  ubahFoto,
  ubahProduk,
  type FotoView,
  type ProdukInput,
  type ProdukView,
} from './produk-service.ts';
import { KATEGORI_PRODUK, type StatusEkatalog } from './tables.ts';

const forUser = { access: 'user' } as const;

const IdParams = Type.Object({ city: CityParams.properties.city, id: Uuid }, { additionalProperties: false });
const FotoParams = Type.Object(
  { city: CityParams.properties.city, id: Uuid, fotoId: Uuid },
  { additionalProperties: false },
);
const OK = ['dibuat', 'disimpan', 'dihapus', 'foto', 'fotoDiubah', 'fotoDihapus'] as const;
type Ok = (typeof OK)[number];
const OkQuery = Type.Object(
  { ok: Type.Optional(Type.Union(OK.map((k) => Type.Literal(k)))) },
  { additionalProperties: false },
);
const teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const ProdukForm = Type.Object(
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
const PRODUK_FIELDS = Object.keys(ProdukForm.properties).filter((k) => k !== '_csrf');
const FotoForm = Type.Object(
  { _csrf: Csrf, foto: Type.Optional(Type.Unknown()), alt: teks(400) },
  { additionalProperties: false },
);
const FotoUbahForm = Type.Object(
  { _csrf: Csrf, alt: teks(400), urutan: teks(10) },
  { additionalProperties: false },
);
const CsrfForm = Type.Object({ _csrf: Csrf }, { additionalProperties: false });

/**
 * Multipart limits of the upload form: a file one byte over the limit is cut there rather than
 * refused by the parser, so the form can say "too large" beside the field.
 */
const fotoFormMultipart = {
  limits: { fileSize: FOTO_MAX_BYTES + 1, files: 1 },
  throwFileSizeLimit: false,
} as { limits: { fileSize: number; files: number } };

// ---- Parsing form text ----

/**
 * Whole rupiah as people type them ("15000", "15.000", "Rp 15.000", "Rp15.000,-"), read by the
 * platform parser. NaN for anything else (decimals of a rupiah, words), and for an empty field.
 */
export function parseRupiah(s: string | undefined): number {
  const r = bacaRupiah(s ?? '', { max: Number.MAX_SAFE_INTEGER });
  return r.ok ? r.nilai : Number.NaN;
}

/** "40", "40,5" or "40.5" -> a number; "" -> null; anything else NaN (the service reports it). */
export function parseDesimal(s: string | undefined): number | null {
  const t = (s ?? '').replace(/\s/g, '').replace(/%$/, '');
  if (t === '') return null;
  const norm = t.replace(',', '.');
  return /^\d{1,3}(\.\d{1,6})?$/.test(norm) ? Number(norm) : Number.NaN;
}

const centang = (v: string | undefined) => v === '1' || v === 'on' || v === 'true';

/** The product form's values as service input. */
function inputDariForm(v: FormValues): ProdukInput {
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
function formDariProduk(p: ProdukView): FormValues {
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

/** Text values of a (possibly multipart) body. */
function nilaiTeks(body: unknown, names: readonly string[]): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const n of names) if (typeof b[n] === 'string') out[n] = b[n];
  return out;
}

// ---- Pieces ----

function checkbox(o: { name: string; label: string; checked: boolean }): SafeHtml {
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="f-${o.name}"
        name="${o.name}"
        value="1"
        ${o.checked ? raw('checked') : ''}
      />
      ${o.label}</label
    >
  </div>`;
}

function textarea(o: {
  name: string;
  label: string;
  value: string | undefined;
  error?: string | undefined;
  hint?: string;
  max: number;
}): SafeHtml {
  return fieldFrame(
    o,
    (id, aria) =>
      html`<textarea id="${id}" name="${o.name}" rows="5" maxlength="${o.max}" ${aria}>
${o.value ?? ''}</textarea>`,
  );
}

function hargaTeks(t: Translator, p: { harga: number; satuan: string }): string {
  return t('umkm.produk.hargaPer', { harga: formatRupiah(p.harga), satuan: p.satuan });
}

function ekatalogTeks(t: Translator, s: StatusEkatalog): string {
  return t(`umkm.produk.ekatalog.${s}`);
}

function sertifikasi(t: Translator, p: Pick<ProdukView, 'halal' | 'sni' | 'bpom' | 'pirt'>): string {
  const ada = (['halal', 'sni', 'bpom', 'pirt'] as const)
    .filter((k) => p[k])
    .map((k) => t(`umkm.produk.${k}`));
  return ada.length ? ada.join(', ') : t('umkm.produk.tanpaSertifikasi');
}

/** The product form's fields (new and edit). */
function produkFields(t: Translator, v: FormValues, e: FormErrors, namaTerkunci: boolean): SafeHtml {
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
    ${textarea({ name: 'deskripsi', label: t('umkm.produk.deskripsi'), value: v.deskripsi, error: e.deskripsi, max: 4000 })}
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
        options: ASAL.map((a) => option(a, t(`umkm.produk.asal.${a}`), v.asal || 'lokal')),
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

/** Errors of a failed form: the schema's, or the service's field errors (others are rethrown). */
function gagal(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } {
  return problemErrors(req, err);
}

export function produkPages(app: FastifyInstance, _ctx: ModuleContext): void {
  // ---- A business's products ----

  app.get(
    '/:city/umkm/usaha/:id/produk',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => {
      const t = req.t;
      const { id } = req.params as Static<typeof IdParams>;
      const ok = (req.query as Static<typeof OkQuery>).ok;
      const d = await cityTx(req, (trx) => daftarProduk(trx, userOf(req), id));
      const base = `/umkm/usaha/${d.usaha.id}`;
      return sendPage(req, reply, {
        title: t('umkm.produk.daftarJudul', { usaha: d.usaha.nama }),
        body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
            { href: cityPath(req, base), label: d.usaha.nama },
            { label: t('umkm.produk.judul') },
          ])}
          <h1>${t('umkm.produk.daftarJudul', { usaha: d.usaha.nama })}</h1>
          ${flash(ok ? t(`umkm.produk.ok.${ok}`) : undefined)}
          ${
            d.boleh.tambah
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, `${base}/produk/baru`)}"
                    >${t('umkm.produk.tambah')}</a
                  >
                </p>`
              : ''
          }
          ${
            d.items.length === 0
              ? html`<p>${t('umkm.produk.kosong')}</p>`
              : html`<p class="meta">${t('umkm.produk.jumlah', { n: d.items.length })}</p>
                  <ul class="cards">
                    ${d.items.map(
                      (p) =>
                        html`<li class="card" style="display:flex;gap:0.75rem;align-items:flex-start">
                          ${
                            p.sampul
                              ? gambarFoto(req, p.sampul, { tampil: 96, sizes: '96px' })
                              : html`<span class="tag">${t('umkm.produk.tanpaFoto')}</span>`
                          }
                          <div style="min-width:0">
                            <h2 style="font-size:1.125rem;margin:0 0 0.25rem">
                              <a href="${cityPath(req, `/umkm/produk/${p.id}`)}">${p.nama}</a>
                            </h2>
                            <p style="margin:0 0 0.25rem">${hargaTeks(t, p)}</p>
                            <p class="meta" style="margin:0">
                              ${t(`umkm.produk.kategori.${p.kategori}`)} ·
                              ${p.tersedia ? t('umkm.produk.tersedia') : t('umkm.produk.habis')} ·
                              ${t('umkm.produk.fotoJumlah', { n: p.jumlahFoto })}
                              ${p.menungguTinjau ? html` · <strong>${t('umkm.tinjau.menungguSingkat')}</strong>` : ''}
                              ${p.ekatalog !== 'belum_siap' ? html` · e-Katalog: ${ekatalogTeks(t, p.ekatalog)}` : ''}
                            </p>
                          </div>
                        </li>`,
                    )}
                  </ul>`
          }`,
      });
    },
  );

  // ---- New product ----

  async function baruPage(req: FastifyRequest, reply: FastifyReply, usahaId: string, failed?: FailedForm) {
    const t = req.t;
    const u = await cityTx(req, (trx) => usahaUntuk(trx, userOf(req), usahaId, 'pemilik'));
    const values: FormValues = failed?.values ?? { tersedia: '1', asal: 'lokal', kbliVersi: VERSI_KBLI_BAKU };
    const errors = failed?.errors ?? {};
    const { _: umum, ...rest } = errors;
    return sendPage(req, reply, {
      title: t('umkm.produk.baru'),
      status: failed?.status ?? 200,
      body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
          { href: cityPath(req, `/umkm/usaha/${u.id}`), label: u.nama },
          { href: cityPath(req, `/umkm/usaha/${u.id}/produk`), label: t('umkm.produk.judul') },
          { label: t('umkm.produk.baru') },
        ])}
        <h1>${t('umkm.produk.baru')}</h1>
        ${failed ? errorSummary(t, rest, umum) : ''}
        <form
          method="post"
          action="${cityPath(req, `/umkm/usaha/${u.id}/produk/baru`)}"
          class="narrow"
          novalidate
        >
          ${csrfField(req)} ${produkFields(t, values, rest, false)}
          <button type="submit" class="primary">${t('umkm.produk.simpanBaru')}</button>
        </form>`,
    });
  }

  app.get(
    '/:city/umkm/usaha/:id/produk/baru',
    { schema: { params: IdParams }, config: forUser },
    async (req, reply) => baruPage(req, reply, (req.params as Static<typeof IdParams>).id),
  );

  app.post(
    '/:city/umkm/usaha/:id/produk/baru',
    { schema: { params: IdParams, body: ProdukForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const values = nilaiTeks(req.body, PRODUK_FIELDS);
      if (req.validationError)
        return baruPage(req, reply, id, { values, errors: validationErrors(req), status: 400 });
      try {
        const p = await cityTx(req, (trx) => buatProduk(trx, userOf(req), id, inputDariForm(values)));
        return reply.redirect(cityPath(req, `/umkm/produk/${p.id}?ok=dibuat`), 303);
      } catch (err) {
        return baruPage(req, reply, id, { values, ...gagal(req, err) });
      }
    },
  );

  // ---- One product ----

  type Bagian = 'produk' | 'foto' | 'fotoUbah' | 'hapus';

  function fotoKartu(
    req: FastifyRequest,
    p: ProdukView,
    f: FotoView,
    ubah: boolean,
    failed: (FailedForm & { bagian: Bagian; fotoId?: string }) | undefined,
  ): SafeHtml {
    const t = req.t;
    const base = `/umkm/produk/${p.id}/foto/${f.id}`;
    const ini = failed?.bagian === 'fotoUbah' && failed.fotoId === f.id ? failed : undefined;
    const altId = `f-alt-${f.id}`;
    const urutanId = `f-urutan-${f.id}`;
    const altErr = ini?.errors[`alt-${f.id}`];
    const urutanErr = ini?.errors[`urutan-${f.id}`];
    const altVal = ini ? (ini.values.alt ?? '') : (f.alt ?? '');
    const label = t('umkm.foto.ke', { n: f.urutan });
    return html`<li class="card">
      <a href="${f.ukuran.besar.url}"
        >${gambarFoto(req, f, {
          tampil: 120,
          sizes: '120px',
          altCadangan: t('umkm.foto.altCadangan', { nama: p.nama, n: f.urutan }),
        })}</a
      >
      <p>
        <strong>${label}</strong
        >${f.urutan === 1 ? html` <span class="tag">${t('umkm.foto.sampul')}</span>` : ''}
        ${f.alt ? html`<br /><span class="meta">${f.alt}</span>` : ''}
      </p>
      ${
        ubah
          ? html`<form method="post" action="${cityPath(req, base)}" novalidate>
                ${csrfField(req)}
                <div class="field${altErr ? ' has-error' : ''}">
                  <label for="${altId}">${t('umkm.foto.alt')}</label>
                  <p class="hint" id="${altId}-hint">${t('umkm.foto.altHint')}</p>
                  <input
                    id="${altId}"
                    name="alt"
                    type="text"
                    maxlength="200"
                    value="${altVal}"
                    aria-describedby="${altId}-hint${altErr ? ` ${altId}-err` : ''}"
                    ${altErr ? raw('aria-invalid="true"') : ''}
                  />
                  ${altErr ? html`<p class="error" id="${altId}-err">${altErr}</p>` : ''}
                </div>
                <div class="field${urutanErr ? ' has-error' : ''}">
                  <label for="${urutanId}">${t('umkm.foto.urutan')}</label>
                  <select
                    id="${urutanId}"
                    name="urutan"
                    ${urutanErr ? html`aria-invalid="true" aria-describedby="${urutanId}-err"` : ''}
                  >
                    ${p.foto.map((_, i) =>
                      option(
                        String(i + 1),
                        i === 0 ? t('umkm.foto.posisiSampul') : t('umkm.foto.posisi', { n: i + 1 }),
                        String(f.urutan),
                      ),
                    )}
                  </select>
                  ${urutanErr ? html`<p class="error" id="${urutanId}-err">${urutanErr}</p>` : ''}
                </div>
                <button type="submit">${t('umkm.foto.simpan')}</button>
              </form>
              <form method="post" action="${cityPath(req, `${base}/hapus`)}">
                ${csrfField(req)}
                <button type="submit" class="danger">
                  ${t('umkm.foto.hapus')}<span class="visually-hidden"> ${label}</span>
                </button>
              </form>`
          : ''
      }
    </li>`;
  }

  async function produkPage(
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed?: FailedForm & { bagian: Bagian; fotoId?: string },
  ) {
    const t = req.t;
    const p = await cityTx(req, (trx) => getProduk(trx, userOf(req), id));
    const ok = (req.query as Static<typeof OkQuery> | undefined)?.ok as Ok | undefined;
    const base = `/umkm/produk/${p.id}`;
    const ubah = p.boleh.ubah;
    const errorsOf = (b: Bagian) => (failed?.bagian === b ? failed.errors : {});
    const summaryOf = (b: Bagian) => {
      if (failed?.bagian !== b) return '';
      const { _: umum, ...rest } = failed.errors;
      return errorSummary(t, rest, umum);
    };
    const values = failed?.bagian === 'produk' ? failed.values : formDariProduk(p);
    const fotoErr = errorsOf('foto');
    const penuh = p.foto.length >= FOTO_MAX_PER_PRODUK;
    const terkirim = p.ekatalog === 'diajukan' || p.ekatalog === 'tayang';
    return sendPage(req, reply, {
      title: p.nama,
      status: failed?.status ?? 200,
      body: html`${breadcrumbs(t('umkm.produk.breadcrumbs'), [
          { href: cityPath(req, `/umkm/usaha/${p.usaha.id}`), label: p.usaha.nama },
          { href: cityPath(req, `/umkm/usaha/${p.usaha.id}/produk`), label: t('umkm.produk.judul') },
          { label: p.nama },
        ])}
        <h1>${p.nama}</h1>
        ${flash(ok ? t(`umkm.produk.ok.${ok}`) : undefined)}
        ${p.menungguTinjau ? html`<div class="alert alert-info" role="note"><p>${t('umkm.tinjau.menunggu')}</p></div>` : ''}
        ${
          p.namaTerkunci
            ? html`<div class="alert alert-info" role="note">
                <p>${t('umkm.produk.namaTerkunciInfo')}</p>
              </div>`
            : ''
        }
        <dl class="facts">
          <div>
            <dt>${t('umkm.produk.harga')}</dt>
            <dd>${hargaTeks(t, p)}</dd>
          </div>
          <div>
            <dt>${t('umkm.produk.kategori')}</dt>
            <dd>${t(`umkm.produk.kategori.${p.kategori}`)}</dd>
          </div>
          <div>
            <dt>${t('umkm.produk.ketersediaan')}</dt>
            <dd>${p.tersedia ? t('umkm.produk.tersedia') : t('umkm.produk.habis')}</dd>
          </div>
          <div>
            <dt>${t('umkm.produk.sertifikasi')}</dt>
            <dd>${sertifikasi(t, p)}</dd>
          </div>
          <div>
            <dt>e-Katalog</dt>
            <dd>${ekatalogTeks(t, p.ekatalog)}</dd>
          </div>
        </dl>

        <section aria-labelledby="foto">
          <h2 id="foto">${t('umkm.foto.judul', { n: p.foto.length, max: FOTO_MAX_PER_PRODUK })}</h2>
          ${summaryOf('foto')} ${summaryOf('fotoUbah')}
          ${
            p.foto.length
              ? html`<ul class="cards">
                  ${p.foto.map((f) => fotoKartu(req, p, f, ubah, failed))}
                </ul>`
              : html`<p>${t('umkm.foto.kosong')}</p>`
          }
          ${
            ubah && !penuh
              ? html`<form
                  method="post"
                  action="${cityPath(req, `${base}/foto`)}"
                  enctype="multipart/form-data"
                  class="narrow"
                >
                  ${csrfField(req)}
                  ${field({
                    name: 'foto',
                    label: t('umkm.foto.pilih'),
                    type: 'file',
                    hint: t('umkm.foto.pilihHint', { mb: FOTO_MAX_BYTES / 1024 / 1024 }),
                    error: fotoErr.foto,
                    required: true,
                    attrs: html`accept="image/jpeg,image/png,image/webp" capture="environment"`,
                  })}
                  ${field({
                    name: 'alt',
                    label: t('umkm.foto.alt'),
                    hint: t('umkm.foto.altHint'),
                    value: failed?.bagian === 'foto' ? failed.values.alt : '',
                    error: fotoErr.alt,
                    attrs: html`maxlength="200"`,
                  })}
                  <button type="submit" class="primary">${t('umkm.foto.unggah')}</button>
                </form>`
              : ubah
                ? html`<p>${t('umkm.foto.penuh', { max: FOTO_MAX_PER_PRODUK })}</p>`
                : ''
          }
        </section>

        <section aria-labelledby="h-data">
          <h2 id="h-data">${t('umkm.produk.data')}</h2>
          ${
            ubah
              ? html`${summaryOf('produk')}
                  <form method="post" action="${cityPath(req, base)}" class="narrow" novalidate>
                    ${csrfField(req)} ${produkFields(t, values, errorsOf('produk'), p.namaTerkunci)}
                    <button type="submit" class="primary">${t('umkm.produk.simpan')}</button>
                  </form>`
              : html`<dl class="facts">
                  <div>
                    <dt>${t('umkm.produk.deskripsi')}</dt>
                    <dd>${p.deskripsi ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>${t('umkm.produk.sku')}</dt>
                    <dd>${p.sku ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>${t('umkm.produk.merek')}</dt>
                    <dd>${p.merek ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>${t('umkm.produk.asal')}</dt>
                    <dd>${t(`umkm.produk.asal.${p.asal}`)}</dd>
                  </div>
                  <div>
                    <dt>${t('umkm.produk.tkdn')}</dt>
                    <dd>${p.tkdn === null ? '—' : `${formatNumber(p.tkdn)} %`}</dd>
                  </div>
                  <div>
                    <dt>${t('umkm.produk.kbli')}</dt>
                    <dd>
                      ${p.kbliKode ? `${p.kbliKode} — ${p.kbliJudul ?? ''} (KBLI ${p.kbliVersi ?? ''})` : '—'}
                    </dd>
                  </div>
                </dl>`
          }
        </section>

        ${
          ubah
            ? html`<section aria-labelledby="h-hapus">
                <h2 id="h-hapus">${t('umkm.produk.hapusJudul')}</h2>
                ${summaryOf('hapus')}
                ${
                  p.boleh.hapus
                    ? html`<form method="post" action="${cityPath(req, `${base}/hapus`)}">
                        ${csrfField(req)}
                        <p>${t('umkm.produk.hapusPeringatan')}</p>
                        <button type="submit" class="danger">${t('umkm.produk.hapus')}</button>
                      </form>`
                    : html`<p>${terkirim ? t('umkm.produk.err.hapusEkatalog') : ''}</p>`
                }
              </section>`
            : ''
        }`,
    });
  }

  app.get(
    '/:city/umkm/produk/:id',
    { schema: { params: IdParams, querystring: OkQuery }, config: forUser },
    async (req, reply) => produkPage(req, reply, (req.params as Static<typeof IdParams>).id),
  );

  app.post(
    '/:city/umkm/produk/:id',
    { schema: { params: IdParams, body: ProdukForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const values = nilaiTeks(req.body, PRODUK_FIELDS);
      if (req.validationError)
        return produkPage(req, reply, id, {
          values,
          errors: validationErrors(req),
          status: 400,
          bagian: 'produk',
        });
      try {
        await cityTx(req, (trx) => ubahProduk(trx, userOf(req), id, inputDariForm(values)));
        return reply.redirect(cityPath(req, `/umkm/produk/${id}?ok=disimpan`), 303);
      } catch (err) {
        return produkPage(req, reply, id, { values, ...gagal(req, err), bagian: 'produk' });
      }
    },
  );

  app.post(
    '/:city/umkm/produk/:id/hapus',
    { schema: { params: IdParams, body: CsrfForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      try {
        const r = await cityTx(req, (trx) => hapusProduk(trx, userOf(req), id));
        return reply.redirect(cityPath(req, `/umkm/usaha/${r.usahaId}/produk?ok=dihapus`), 303);
      } catch (err) {
        return produkPage(req, reply, id, { values: {}, ...gagalUmum(req, err), bagian: 'hapus' });
      }
    },
  );

  // ---- Photos ----

  app.post(
    '/:city/umkm/produk/:id/foto',
    {
      schema: { params: IdParams, body: FotoForm },
      attachValidation: true,
      config: { ...forUser, multipartOptions: fotoFormMultipart },
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const values = nilaiTeks(req.body, ['alt']);
      if (req.validationError)
        return produkPage(req, reply, id, {
          values,
          errors: validationErrors(req),
          status: 400,
          bagian: 'foto',
        });
      const foto = (req.body as { foto?: unknown }).foto;
      try {
        await cityTx(req, (trx) => bolehUnggahFoto(trx, userOf(req), id));
        const olahan = await olahFoto(foto);
        await cityTx(req, (trx) => simpanFoto(trx, userOf(req), id, olahan, values.alt));
        return reply.redirect(cityPath(req, `/umkm/produk/${id}?ok=foto#foto`), 303);
      } catch (err) {
        return produkPage(req, reply, id, { values, ...gagal(req, err), bagian: 'foto' });
      }
    },
  );

  app.post(
    '/:city/umkm/produk/:id/foto/:fotoId',
    { schema: { params: FotoParams, body: FotoUbahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id, fotoId } = req.params as Static<typeof FotoParams>;
      const values = nilaiTeks(req.body, ['alt', 'urutan']);
      const kunci = (e: FormErrors): FormErrors =>
        Object.fromEntries(Object.entries(e).map(([k, v]) => [k === '_' ? k : `${k}-${fotoId}`, v]));
      if (req.validationError)
        return produkPage(req, reply, id, {
          values,
          errors: kunci(validationErrors(req)),
          status: 400,
          bagian: 'fotoUbah',
          fotoId,
        });
      const urutan = values.urutan === undefined || values.urutan === '' ? undefined : Number(values.urutan);
      try {
        await cityTx(req, (trx) =>
          ubahFoto(trx, userOf(req), id, fotoId, {
            alt: values.alt,
            urutan: Number.isNaN(urutan) ? 0 : urutan,
          }),
        );
        return reply.redirect(cityPath(req, `/umkm/produk/${id}?ok=fotoDiubah#foto`), 303);
      } catch (err) {
        const g = gagal(req, err);
        return produkPage(req, reply, id, {
          values,
          errors: kunci(g.errors),
          status: g.status,
          bagian: 'fotoUbah',
          fotoId,
        });
      }
    },
  );

  app.post(
    '/:city/umkm/produk/:id/foto/:fotoId/hapus',
    { schema: { params: FotoParams, body: CsrfForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id, fotoId } = req.params as Static<typeof FotoParams>;
      await cityTx(req, (trx) => hapusFoto(trx, userOf(req), id, fotoId));
      return reply.redirect(cityPath(req, `/umkm/produk/${id}?ok=fotoDihapus#foto`), 303);
    },
  );
}

/** A refusal without field errors (e.g. 409) as the form's general error; others are rethrown. */
function gagalUmum(req: FastifyRequest, err: unknown): { errors: FormErrors; status: number } {
  if (err instanceof HttpProblem && err.status === 409 && !err.errors?.length)
    return { errors: { _: req.t(err.titleKey, err.params) }, status: 409 };
  return problemErrors(req, err);
}
