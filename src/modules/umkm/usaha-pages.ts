/**
 * Pages of the UMKM registry (server-rendered, work without JavaScript, usable at 360 px):
 *   /umkm/saya              the signed-in user's businesses, their status and what to do next
 *   /umkm/daftar            registration (an owner; an officer with umkm.kelola for someone else),
 *                           with a KBLI search helper (a GET form, no script)
 *   /umkm/usaha/:id         one business for its owner and officers: status and history, profile,
 *                           KBLI codes, yearly figures and class, legality, what is missing before
 *                           submission, verification, and the audited full-NIK view (POST only)
 *   /umkm/usaha             the officers' registry with filters and the verification queue
 * Forms post back, show errors beside their fields, and redirect after a change (303).
 * The NIK is only ever shown masked, except once on the answer to the "Lihat NIK" form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { CityParams, Csrf, Uuid } from '../../platform/http/schemas.ts';
import { areasFor, can, covers } from '../../platform/auth/roles.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { bacaRupiah } from '../../platform/angka.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  fieldFrame,
  flash,
  sendPage,
  type FieldFrame,
} from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  groupedOptions,
  mapFieldErrors,
  option,
  pagination,
  problemErrors,
  queryString,
  selectField,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatRupiah,
  type Translator,
} from '../../platform/i18n/index.ts';
import { findRwByNomor, findRwRow, listKecamatanRows, listKelurahanRows } from '../wilayah/repository.ts';
import { usahaUntuk } from './akses.ts';
import { koordinatOf } from './lokasi.ts';
import { cariKbli, daftarKategoriKbli, validKbli } from './kbli.ts';
import { KELAS_USAHA, type KelasUsaha } from './kelas.ts';
import { UMKM_KELOLA, UMKM_LIHAT, UMKM_VERIFIKASI } from './permissions.ts';
import { JENIS_LEGALITAS, STATUS_USAHA, type StatusUsaha } from './tables.ts';
import {
  ajukanUsaha,
  aturKbli,
  aturKeuangan,
  bacaNik,
  buatUsaha,
  daftarUsaha,
  getUsaha,
  hapusLegalitas,
  kekuranganPengajuan,
  kembalikanUsaha,
  tambahLegalitas,
  tolakUsaha,
  ubahUsaha,
  usahaSaya,
  verifikasiUsaha,
  type UsahaInput,
} from './usaha-service.ts';

const forUser = { access: 'user' } as const;
const lihat = { access: { permission: UMKM_LIHAT } } as const;
const PER_PAGE = 25;

// ---- Schemas ----

const City = CityParams.properties.city;
const IdParams = Type.Object({ city: City, id: Uuid }, { additionalProperties: false });
const LegalitasParams = Type.Object(
  { city: City, id: Uuid, legalitasId: Uuid },
  { additionalProperties: false },
);
const Teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Literals = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));
const form = <T extends Record<string, ReturnType<typeof Teks>>>(props: T) =>
  Type.Object({ _csrf: Csrf, ...props }, { additionalProperties: false });

const PROFIL_FIELDS = {
  nama: Teks(200),
  pemilikNama: Teks(200),
  telepon: Teks(40),
  email: Teks(254),
  kelurahanKode: Teks(20),
  rwNomor: Teks(10),
  alamat: Teks(400),
  lat: Teks(30),
  lng: Teks(30),
  tahunBerdiri: Teks(10),
  jumlahPekerja: Teks(10),
  deskripsi: Teks(4000),
  nib: Teks(40),
  npwp: Teks(40),
  nik: Teks(40),
  umkmCenter: Teks(5),
  sentra: Teks(200),
  inkubator: Teks(200),
};
const DaftarForm = form({ ...PROFIL_FIELDS, kbli: Teks(20), untukOrangLain: Teks(5) });
const ProfilForm = form({
  ...PROFIL_FIELDS,
  hapusNik: Teks(5),
  sikap: Teks(5),
  kswpValid: Teks(5),
  kswpDicek: Teks(10),
});
const KbliForm = form({ aksi: Teks(10), kode: Teks(20), daftar: Teks(400) });
const KeuanganForm = form({ tahun: Teks(10), modal: Teks(40), penjualan: Teks(40), pekerja: Teks(10) });
const LegalitasForm = form({
  jenis: Teks(10),
  nomor: Teks(80),
  terbit: Teks(10),
  berlakuSampai: Teks(10),
  keterangan: Teks(300),
});
const CsrfForm = form({});
const VerifikasiForm = form({ catatanSetuju: Teks(2000) });
const KembalikanForm = form({ catatan: Teks(2000) });
const TolakForm = form({ alasan: Teks(2000) });
const NikForm = form({ tujuan: Teks(200) });

const DaftarQuery = Type.Object(
  { cari: Teks(100), kbli: Teks(10), untuk: Type.Optional(Type.Literal('lain')) },
  { additionalProperties: false },
);
const OK_KEYS = [
  'dibuat',
  'disimpan',
  'kbli',
  'keuangan',
  'legalitas',
  'legalitasDihapus',
  'diajukan',
  'dikembalikan',
  'diverifikasi',
  'ditolak',
] as const;
type OkKey = (typeof OK_KEYS)[number];
const UsahaQuery = Type.Object(
  { ok: Type.Optional(Literals(OK_KEYS)), cari: Teks(100) },
  { additionalProperties: false },
);
const Kosong = Type.Literal('');
const RegistriQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Literals(STATUS_USAHA), Kosong])),
    kecamatan: Type.Optional(
      Type.Union([Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' }), Kosong]),
    ),
    kelas: Type.Optional(Type.Union([Literals(KELAS_USAHA), Kosong])),
    q: Teks(100),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

// ---- Parsing form input ----

/**
 * A rupiah amount as people type it ("Rp 1.500.000.000", "1500000000", "Rp1.500.000,-"), read by
 * the platform parser. "" -> null; anything else NaN (the service reports it).
 */
export function parseRupiah(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  if (v.trim() === '') return null;
  const r = bacaRupiah(v, { max: Number.MAX_SAFE_INTEGER });
  return r.ok ? r.nilai : Number.NaN;
}

/** "12" or "1.200" -> a whole number; "" -> null; anything else NaN (the service reports it). */
function intOf(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  const s = v.replace(/[.\s]/g, '');
  if (s === '') return null;
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}

const str = (b: Record<string, unknown>, k: string): string | undefined =>
  typeof b[k] === 'string' ? (b[k] as string) : undefined;

/** The business's fields of a registration or profile form, as the service takes them. */
function usahaInput(b: Record<string, unknown>, baru: boolean, kelola: boolean): UsahaInput {
  const input: UsahaInput = {
    nama: str(b, 'nama') ?? '',
    pemilikNama: str(b, 'pemilikNama') ?? '',
    telepon: str(b, 'telepon') ?? null,
    email: str(b, 'email') ?? null,
    kelurahanKode: str(b, 'kelurahanKode') ?? '',
    alamat: str(b, 'alamat') ?? null,
    lat: koordinatOf(str(b, 'lat')) ?? null,
    lng: koordinatOf(str(b, 'lng')) ?? null,
    tahunBerdiri: intOf(str(b, 'tahunBerdiri')) ?? null,
    jumlahPekerja: intOf(str(b, 'jumlahPekerja')) ?? null,
    deskripsi: str(b, 'deskripsi') ?? null,
    nib: str(b, 'nib') ?? null,
    npwp: str(b, 'npwp') ?? null,
    umkmCenter: str(b, 'umkmCenter') === '1',
    sentra: str(b, 'sentra') ?? null,
    inkubator: str(b, 'inkubator') ?? null,
  };
  const nik = (str(b, 'nik') ?? '').trim();
  if (baru) input.nik = nik || null;
  else if (str(b, 'hapusNik') === '1') input.nik = null;
  else if (nik) input.nik = nik;
  if (!baru && kelola) {
    input.sikap = str(b, 'sikap') === '1';
    input.kswpValid = str(b, 'kswpValid') === '1';
    input.kswpDicek = str(b, 'kswpDicek') ?? null;
  }
  return input;
}

/**
 * The RW id of an RW number in the chosen kelurahan: undefined when the kelurahan is not valid
 * (the service reports it), null for no RW, and a value the service refuses when there is no
 * such RW (so its error lands on the RW field).
 */
async function rwDari(trx: Tx, kelurahanKode: string, rwNomor: string | undefined) {
  if (rwNomor === undefined) return undefined;
  const s = rwNomor.trim();
  if (s === '') return null;
  if (!/^\d{1,3}$/.test(s)) return 'tidak-ada';
  if (!/^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$/.test(kelurahanKode)) return undefined;
  return (await findRwByNomor(trx, kelurahanKode, Number(s)))?.id ?? 'tidak-ada';
}

/** The request's form carried a NIK (which is never written back into the page). */
function nikDikirim(req: FastifyRequest): boolean {
  const nik = (req.body as { nik?: unknown } | undefined)?.nik;
  return typeof nik === 'string' && nik.trim() !== '';
}

// ---- Errors ----

interface Failed {
  form: string;
  values: FormValues;
  errors: FormErrors;
  status: number;
}

/**
 * A service's 400/409 as form errors: field errors by form field name (renamed by `rename`),
 * and a general message under "_" when the problem names no field of the form. Other errors
 * (403, 404, …) are rethrown for the error page.
 */
function gagal(
  req: FastifyRequest,
  err: unknown,
  rename: Record<string, string> = {},
): { errors: FormErrors; status: number } {
  if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status)) throw err;
  const t = req.t;
  const params = { ...(err.params ?? {}) } as Record<string, string | number>;
  if (typeof params.status === 'string' && (STATUS_USAHA as readonly string[]).includes(params.status))
    params.status = t(`umkm.reg.status.${params.status}`);
  const general = t(err.titleKey, params);
  const fieldErrors = (err.errors ?? []).filter((e) => /^\/(body|params|query)\//.test(e.pointer));
  if (!fieldErrors.length) return { errors: { _: general }, status: err.status };
  const p = problemErrors(req, new HttpProblem(err.status, err.titleKey, { errors: fieldErrors, params }));
  const errors: FormErrors = {};
  for (const [k, v] of Object.entries(p.errors)) {
    const base = k.split('.')[0] ?? k;
    errors[rename[k] ?? rename[base] ?? base] ??= v;
  }
  return { errors, status: p.status };
}

/** The error summary; a general message (key "_") heads it instead of linking to a field. */
function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

// ---- Small pieces ----

function hariIni(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}

const angka = (n: number | null) => (n === null ? '—' : formatNumber(n));
const rupiah = (n: number | null) => (n === null ? '—' : formatRupiah(n));

function statusTag(t: Translator, s: StatusUsaha): SafeHtml {
  return html`<span class="tag">${t(`umkm.reg.status.${s}`)}</span>`;
}

function kelasText(t: Translator, k: KelasUsaha | null): string {
  return k ? t(`umkm.reg.kelas.${k}`) : t('umkm.reg.kelas.belum');
}

function sektorText(s: string | null): string {
  if (!s) return '—';
  const k = daftarKategoriKbli().find((x) => x.huruf === s);
  return k ? `${s} — ${k.judul}` : s;
}

function checkbox(o: { name: string; label: string; checked: boolean; hint?: string }): SafeHtml {
  const id = `f-${o.name}`;
  return html`<div class="field">
    <label
      ><input
        type="checkbox"
        id="${id}"
        name="${o.name}"
        value="1"
        ${o.checked ? raw('checked') : ''}
        ${o.hint ? html`aria-describedby="${id}-hint"` : ''}
      />
      ${o.label}</label
    >
    ${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  </div>`;
}

function textArea(
  o: FieldFrame & { value?: string | undefined; rows?: number; maxlength: number },
): SafeHtml {
  return fieldFrame(
    o,
    (id, aria) =>
      html`<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 3}" maxlength="${o.maxlength}" ${aria}>
${o.value ?? ''}</textarea>`,
  );
}

type Wilayah = {
  groups: { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];
  nama: Map<string, string>;
};

/** The city's kecamatan with their kelurahan, and every region's name by code. */
async function wilayahKota(trx: Tx, cityId: string): Promise<Wilayah> {
  const [kec, kel] = await Promise.all([listKecamatanRows(trx, cityId), listKelurahanRows(trx, cityId)]);
  const nama = new Map<string, string>();
  for (const w of [...kec, ...kel]) nama.set(w.kode, w.nama);
  return {
    groups: kec.map((kc) => ({
      kode: kc.kode,
      nama: kc.nama,
      kelurahan: kel.filter((k) => k.induk === kc.kode).map((k) => ({ kode: k.kode, nama: k.nama })),
    })),
    nama,
  };
}

function kelurahanOptions(t: Translator, w: Wilayah, keep: (kode: string) => boolean, selected?: string) {
  return groupedOptions(
    t('umkm.reg.pilihKelurahan'),
    w.groups
      .map((g) => ({
        label: t('umkm.reg.kecamatanNama', { nama: g.nama }),
        options: g.kelurahan.filter((k) => keep(k.kode)).map((k) => ({ value: k.kode, label: k.nama })),
      }))
      .filter((g) => g.options.length > 0),
    selected,
  );
}

// ---- The business's form fields (registration and profile) ----

function usahaFields(
  req: FastifyRequest,
  w: Wilayah,
  v: FormValues,
  e: FormErrors,
  o: {
    baru: boolean;
    keepKelurahan: (kode: string) => boolean;
    nikSamaran: string | null;
    nikDikirim: boolean;
    kelola: boolean;
  },
): SafeHtml {
  const t = req.t;
  const tahunIni = hariIni().slice(0, 4);
  return html`<fieldset>
      <legend>${t('umkm.reg.f.usahaPemilik')}</legend>
      ${field({ name: 'nama', label: t('umkm.reg.f.nama'), value: v.nama, error: e.nama, required: true, hint: t('umkm.reg.f.namaHint'), autocomplete: 'organization', attrs: html`maxlength="160"` })}
      ${field({ name: 'pemilikNama', label: t('umkm.reg.f.pemilikNama'), value: v.pemilikNama, error: e.pemilikNama, required: true, autocomplete: 'name', attrs: html`maxlength="120"` })}
      ${field({ name: 'telepon', label: t('umkm.reg.f.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('umkm.reg.f.teleponHint'), autocomplete: 'tel', attrs: html`inputmode="tel" maxlength="30"` })}
      ${field({ name: 'email', label: t('umkm.reg.f.email'), type: 'email', value: v.email, error: e.email, autocomplete: 'email', attrs: html`maxlength="200"` })}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.lokasi')}</legend>
      ${selectField({ name: 'kelurahanKode', label: t('umkm.reg.f.kelurahan'), error: e.kelurahanKode, required: true, options: kelurahanOptions(t, w, o.keepKelurahan, v.kelurahanKode) })}
      ${field({ name: 'rwNomor', label: t('umkm.reg.f.rw'), type: 'text', value: v.rwNomor, error: e.rwNomor, hint: t('umkm.reg.f.rwHint'), attrs: html`inputmode="numeric" maxlength="3" pattern="[0-9]*"` })}
      ${field({ name: 'alamat', label: t('umkm.reg.f.alamat'), value: v.alamat, error: e.alamat, autocomplete: 'street-address', attrs: html`maxlength="300"` })}
      ${titikFields(req, v, e)}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.tentang')}</legend>
      ${field({ name: 'tahunBerdiri', label: t('umkm.reg.f.tahunBerdiri'), value: v.tahunBerdiri, error: e.tahunBerdiri, hint: t('umkm.reg.f.tahunBerdiriHint', { tahun: tahunIni }), attrs: html`inputmode="numeric" maxlength="4"` })}
      ${field({ name: 'jumlahPekerja', label: t('umkm.reg.f.jumlahPekerja'), value: v.jumlahPekerja, error: e.jumlahPekerja, hint: t('umkm.reg.f.jumlahPekerjaHint'), attrs: html`inputmode="numeric" maxlength="6"` })}
      ${textArea({ name: 'deskripsi', label: t('umkm.reg.f.deskripsi'), value: v.deskripsi, error: e.deskripsi, hint: t('umkm.reg.f.deskripsiHint'), rows: 4, maxlength: 4000 })}
    </fieldset>
    <fieldset>
      <legend>${t('umkm.reg.f.nomor')}</legend>
      ${field({ name: 'nib', label: t('umkm.reg.f.nib'), value: v.nib, error: e.nib, hint: t('umkm.reg.f.nibHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="20"` })}
      ${field({ name: 'npwp', label: t('umkm.reg.f.npwp'), value: v.npwp, error: e.npwp, hint: t('umkm.reg.f.npwpHint'), autocomplete: 'off', attrs: html`maxlength="25"` })}
      ${o.nikSamaran ? html`<p>${t('umkm.reg.f.nikTersimpan', { nik: o.nikSamaran })}</p>` : ''}
      ${field({
        name: 'nik',
        label: o.nikSamaran ? t('umkm.reg.f.nikBaru') : t('umkm.reg.f.nik'),
        // A NIK is never written back into a page; one that was sent must be typed again.
        value: '',
        error: e.nik,
        hint: `${o.nikDikirim ? t('umkm.reg.f.nikUlang') : t('umkm.reg.f.nikHint')} ${t('umkm.reg.f.nikAlasan')}`,
        autocomplete: 'off',
        attrs: html`inputmode="numeric" maxlength="20"`,
      })}
      ${!o.baru && o.nikSamaran ? checkbox({ name: 'hapusNik', label: t('umkm.reg.f.hapusNik'), checked: v.hapusNik === '1' }) : ''}
    </fieldset>
    ${
      o.baru
        ? html`<fieldset>
            <legend>${t('umkm.reg.f.kbliLegend')}</legend>
            ${field({ name: 'kbli', label: t('umkm.reg.f.kbli'), value: v.kbli, error: e.kbli, hint: t('umkm.reg.f.kbliHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="5"` })}
            <p class="meta"><a href="#cari-kbli">${t('umkm.reg.kbli.keCari')}</a></p>
          </fieldset>`
        : ''
    }
    <fieldset>
      <legend>${t('umkm.reg.f.keanggotaan')}</legend>
      ${checkbox({ name: 'umkmCenter', label: t('umkm.reg.f.umkmCenter'), checked: v.umkmCenter === '1' })}
      ${field({ name: 'sentra', label: t('umkm.reg.f.sentra'), value: v.sentra, error: e.sentra, hint: t('umkm.reg.f.sentraHint'), attrs: html`maxlength="120"` })}
      ${field({ name: 'inkubator', label: t('umkm.reg.f.inkubator'), value: v.inkubator, error: e.inkubator, hint: t('umkm.reg.f.inkubatorHint'), attrs: html`maxlength="120"` })}
    </fieldset>
    ${
      !o.baru && o.kelola
        ? html`<fieldset>
            <legend>${t('umkm.reg.f.ekatalog')}</legend>
            ${checkbox({ name: 'sikap', label: t('umkm.reg.f.sikap'), checked: v.sikap === '1' })}
            ${checkbox({ name: 'kswpValid', label: t('umkm.reg.f.kswpValid'), checked: v.kswpValid === '1' })}
            ${field({ name: 'kswpDicek', label: t('umkm.reg.f.kswpDicek'), type: 'date', value: v.kswpDicek, error: e.kswpDicek })}
          </fieldset>`
        : ''
    }`;
}

/**
 * The business's point: latitude and longitude inputs (the page works without JavaScript), and
 * a map to pin it on (public/js/peta-pin.js fills the inputs; hidden until the script runs).
 */
function titikFields(req: FastifyRequest, v: FormValues, e: FormErrors): SafeHtml {
  const t = req.t;
  return html`<p class="hint" id="titik-hint">${t('umkm.reg.f.titikHint')}</p>
    <div class="titik-kolom">
      ${field({ name: 'lat', label: t('umkm.reg.f.lat'), value: v.lat, error: e.lat, autocomplete: 'off', attrs: html`inputmode="decimal" maxlength="20" placeholder="-6.914744"` })}
      ${field({ name: 'lng', label: t('umkm.reg.f.lng'), value: v.lng, error: e.lng, autocomplete: 'off', attrs: html`inputmode="decimal" maxlength="20" placeholder="107.609810"` })}
    </div>
    <div
      id="peta-pin"
      class="peta-pin"
      hidden
      role="region"
      aria-label="${t('umkm.reg.f.petaLabel')}"
      aria-describedby="peta-pin-status"
      data-kecamatan-url="/api/v1/cities/${req.city?.slug ?? ''}/wilayah/kecamatan.geojson"
      data-label-error="${t('umkm.reg.f.petaError')}"
    ></div>
    <p class="hint" id="peta-pin-status" role="status" hidden>${t('umkm.reg.f.petaPetunjuk')}</p>`;
}

/** The map pin's stylesheet and scripts, for the pages with the business form. */
const PETA_PIN = {
  head: html`<link rel="stylesheet" href="/assets/leaflet/leaflet.css" />
    <link rel="stylesheet" href="/assets/css/peta-pin.css" />`,
  scripts: ['/assets/leaflet/leaflet.js', '/assets/js/peta-pin.js'],
};

const USAHA_FIELDS = [
  'nama',
  'pemilikNama',
  'telepon',
  'email',
  'kelurahanKode',
  'rwNomor',
  'alamat',
  'lat',
  'lng',
  'tahunBerdiri',
  'jumlahPekerja',
  'deskripsi',
  'nib',
  'npwp',
  'umkmCenter',
  'sentra',
  'inkubator',
];
/** Service pointers to form fields. */
const RENAME_USAHA: Record<string, string> = { rwId: 'rwNomor', kbli: 'kbli' };

/** A KBLI search result list: each code with a way to use it. */
function hasilKbli(
  t: Translator,
  cari: string | undefined,
  pakai: (kode: string, judul: string) => SafeHtml,
): SafeHtml | '' {
  const q = (cari ?? '').trim();
  if (!q) return '';
  const hasil = cariKbli(q, { tingkat: 'kelompok', batas: 20 });
  if (!hasil.length) return html`<p role="status">${t('umkm.reg.kbli.tidakAda', { q })}</p>`;
  return html`<p role="status">${t('umkm.reg.kbli.hasil', { n: hasil.length, q })}</p>
    <ul>
      ${hasil.map((k) => html`<li><strong>${k.kode}</strong> — ${k.judul} ${pakai(k.kode, k.judul)}</li>`)}
    </ul>`;
}

function cariKbliForm(
  req: FastifyRequest,
  action: string,
  cari: string | undefined,
  extra: SafeHtml | '' = '',
) {
  const t = req.t;
  return html`<form method="get" action="${action}#cari-kbli" class="narrow" role="search">
    ${extra}
    ${field({ name: 'cari', label: t('umkm.reg.kbli.cari'), value: cari, hint: t('umkm.reg.kbli.cariHint'), type: 'search', autocomplete: 'off', attrs: html`maxlength="100"` })}
    <button type="submit">${t('umkm.reg.kbli.cariTombol')}</button>
  </form>`;
}

// ---- Next step of a business, in words ----

function langkahBerikut(t: Translator, s: StatusUsaha): string {
  return t(`umkm.reg.berikut.${s}`);
}

export function usahaPages(app: FastifyInstance, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  // ---- My businesses ----

  app.get('/:city/umkm/saya', { schema: { params: CityParams }, config: forUser }, async (req, reply) => {
    const t = req.t;
    const list = await cityTx(req, (trx) => usahaSaya(trx, userOf(req)));
    return sendPage(req, reply, {
      title: t('umkm.reg.saya.title'),
      body: html`<h1>${t('umkm.reg.saya.title')}</h1>
        <p class="lead">${t('umkm.reg.saya.intro')}</p>
        <p>
          <a class="button primary" href="${cityPath(req, '/umkm/daftar')}">${t('umkm.reg.daftarkan')}</a>
        </p>
        ${
          list.length
            ? html`<ul class="cards">
                ${list.map(
                  (u) =>
                    html`<li class="card">
                      <h2 class="h-kecil"><a href="${cityPath(req, `/umkm/usaha/${u.id}`)}">${u.nama}</a></h2>
                      <p>${statusTag(t, u.status)} <span class="meta">${kelasText(t, u.kelas)}</span></p>
                      <p>${langkahBerikut(t, u.status)}</p>
                      <p class="meta">${t('umkm.reg.diubah', { waktu: formatDateTime(u.updatedAt) })}</p>
                    </li>`,
                )}
              </ul>`
            : html`<p>${t('umkm.reg.saya.kosong')}</p>`
        }`,
    });
  });

  // ---- Registration ----

  async function daftarPage(req: FastifyRequest, reply: FastifyReply, failed?: Failed) {
    const t = req.t;
    const user = userOf(req);
    const q = (req.query ?? {}) as Static<typeof DaftarQuery>;
    const untukLain = failed ? failed.values.untukOrangLain === '1' : q.untuk === 'lain';
    if (untukLain && !can(user, UMKM_KELOLA)) throw new HttpProblem(403, 'error.forbidden');
    const w = await cityTx(req, (trx) => wilayahKota(trx, cityOf(req).id));
    const values: FormValues = failed?.values ?? {
      kbli: /^[0-9]{5}$/.test(q.kbli ?? '') ? q.kbli! : '',
      pemilikNama: untukLain ? '' : user.name,
      email: untukLain ? '' : (user.email ?? ''),
    };
    const errors = failed?.errors ?? {};
    const keep = untukLain ? (kode: string) => can(user, UMKM_KELOLA, kode) : () => true;
    const title = untukLain ? t('umkm.reg.tambah.title') : t('umkm.reg.daftar.title');
    const self = cityPath(req, '/umkm/daftar');
    const sentNik = failed !== undefined && nikDikirim(req);
    return sendPage(req, reply, {
      title,
      status: failed?.status ?? 200,
      ...PETA_PIN,
      body: html`${breadcrumbs(t('umkm.reg.breadcrumbs'), [
          untukLain
            ? { href: cityPath(req, '/umkm/usaha'), label: t('umkm.reg.registri.title') }
            : { href: cityPath(req, '/umkm/saya'), label: t('umkm.reg.saya.title') },
          { label: title },
        ])}
        <h1>${title}</h1>
        <p class="lead">${untukLain ? t('umkm.reg.tambah.intro') : t('umkm.reg.daftar.intro')}</p>
        <section aria-labelledby="cari-kbli" class="card narrow">
          <h2 id="cari-kbli" class="h-kecil">${t('umkm.reg.kbli.helperTitle')}</h2>
          <p class="hint">${t('umkm.reg.kbli.helperIntro')}</p>
          ${cariKbliForm(req, self, q.cari, untukLain ? html`<input type="hidden" name="untuk" value="lain" />` : '')}
          ${hasilKbli(
            t,
            q.cari,
            (kode) =>
              html`<a
                href="${self}${queryString({ kbli: kode, cari: q.cari, untuk: untukLain ? 'lain' : undefined })}#f-kbli"
                >${t('umkm.reg.kbli.pakai', { kode })}</a
              >`,
          )}
        </section>
        <section aria-labelledby="h-form" class="narrow">
          <h2 id="h-form">${t('umkm.reg.daftar.formTitle')}</h2>
          ${summary(t, errors)}
          <form method="post" action="${self}" novalidate>
            ${csrfField(req)}
            ${untukLain ? html`<input type="hidden" name="untukOrangLain" value="1" />` : ''}
            <p class="hint">${t('umkm.reg.wajibTanda')}</p>
            ${usahaFields(req, w, values, errors, {
              baru: true,
              keepKelurahan: keep,
              nikSamaran: null,
              nikDikirim: sentNik,
              kelola: false,
            })}
            <button type="submit" class="primary">${t('umkm.reg.daftar.simpan')}</button>
            <a href="${untukLain ? cityPath(req, '/umkm/usaha') : cityPath(req, '/umkm/saya')}"
              >${t('form.cancel')}</a
            >
          </form>
        </section>`,
    });
  }

  app.get(
    '/:city/umkm/daftar',
    { schema: { params: CityParams, querystring: DaftarQuery }, config: forUser },
    async (req, reply) => daftarPage(req, reply),
  );

  app.post(
    '/:city/umkm/daftar',
    { schema: { params: CityParams, body: DaftarForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const values = formValues(req.body, [...USAHA_FIELDS, 'kbli', 'untukOrangLain']);
      if (req.validationError)
        return daftarPage(req, reply, { form: 'daftar', values, errors: validationErrors(req), status: 400 });
      const b = (req.body ?? {}) as Record<string, unknown>;
      const user = userOf(req);
      const city = cityOf(req);
      const untukOrangLain = str(b, 'untukOrangLain') === '1';
      try {
        const u = await cityTx(req, async (trx) => {
          const input = usahaInput(b, true, false);
          const rwId = await rwDari(trx, input.kelurahanKode ?? '', str(b, 'rwNomor'));
          const kode = (str(b, 'kbli') ?? '').trim();
          return buatUsaha(
            trx,
            user,
            city.id,
            dataKey,
            { ...input, ...(rwId !== undefined ? { rwId } : {}), kbli: kode ? [kode] : [] },
            { untukOrangLain },
          );
        });
        return reply.redirect(cityPath(req, `/umkm/usaha/${u.id}?ok=dibuat`), 303);
      } catch (err) {
        const f = gagal(req, err, RENAME_USAHA);
        // The service checks the KBLI code after the profile: report both at once.
        const kode = (str(b, 'kbli') ?? '').trim();
        if (f.status === 400 && kode && !f.errors.kbli && !validKbli(kode))
          f.errors.kbli = req.t('umkm.err.kbli');
        return daftarPage(req, reply, { form: 'daftar', values, ...f });
      }
    },
  );

  // ---- One business ----

  interface PageOpts {
    failed?: Failed;
    nik?: { nik: string | null; tujuan: string };
  }

  async function usahaPage(req: FastifyRequest, reply: FastifyReply, id: string, o: PageOpts = {}) {
    const t = req.t;
    const user = userOf(req);
    const query = (req.method === 'GET' ? req.query : {}) as Static<typeof UsahaQuery>;
    const data = await cityTx(req, async (trx) => {
      const v = await getUsaha(trx, user, id);
      const row = await usahaUntuk(trx, user, id);
      return {
        v,
        kurang: await kekuranganPengajuan(trx, row),
        w: await wilayahKota(trx, cityOf(req).id),
        rw: v.rwId ? await findRwRow(trx, v.rwId) : undefined,
      };
    });
    const { v, kurang, w } = data;
    const failed = o.failed;
    const errorsOf = (form: string): FormErrors => (failed?.form === form ? failed.errors : {});
    const valuesOf = (form: string): FormValues | undefined =>
      failed?.form === form ? failed.values : undefined;
    const base = `/umkm/usaha/${v.id}`;
    const post = (path: string) => cityPath(req, `${base}${path}`);
    const kelola = can(user, UMKM_KELOLA, v.kelurahanKode);
    const bolehAjukan = v.hak.ubah && (v.status === 'draf' || v.status === 'dikembalikan');
    const terakhir = v.langkah.at(-1);
    const catatanKembali =
      v.status === 'dikembalikan' && terakhir?.status === 'dikembalikan' ? terakhir.catatan : null;
    const alasanTolak = v.status === 'ditolak' && terakhir?.status === 'ditolak' ? terakhir.catatan : null;
    const kelNama = w.nama.get(v.kelurahanKode) ?? v.kelurahanKode;
    const kecNama = w.nama.get(v.kecamatanKode) ?? v.kecamatanKode;
    const gagalUmum = failed?.errors._;

    // Profile form values: those sent, or the business's own.
    const profil: FormValues = valuesOf('profil') ?? {
      nama: v.nama,
      pemilikNama: v.pemilikNama,
      telepon: v.telepon ?? '',
      email: v.email ?? '',
      kelurahanKode: v.kelurahanKode,
      rwNomor: data.rw ? String(data.rw.nomor) : '',
      alamat: v.alamat ?? '',
      lat: v.lat !== null ? String(v.lat) : '',
      lng: v.lng !== null ? String(v.lng) : '',
      tahunBerdiri: v.tahunBerdiri !== null ? String(v.tahunBerdiri) : '',
      jumlahPekerja: v.jumlahPekerja !== null ? String(v.jumlahPekerja) : '',
      deskripsi: v.deskripsi ?? '',
      nib: v.nib ?? '',
      npwp: v.npwp ?? '',
      umkmCenter: v.umkmCenter ? '1' : '',
      sentra: v.sentra ?? '',
      inkubator: v.inkubator ?? '',
      sikap: v.sikap ? '1' : '',
      kswpValid: v.kswpValid ? '1' : '',
      kswpDicek: v.kswpDicek ?? '',
    };
    const sentNik = failed?.form === 'profil' && nikDikirim(req);

    const syarat: { kunci: string; label: string }[] = [
      { kunci: '/kbli', label: t('umkm.reg.syarat.kbli') },
      { kunci: '/keuangan', label: t('umkm.reg.syarat.keuangan') },
      { kunci: '/telepon', label: t('umkm.reg.syarat.kontak') },
    ];
    const kurangSet = new Set(kurang.map((k) => k.pointer));

    const ke = valuesOf('keuangan') ?? { tahun: String(Number(hariIni().slice(0, 4)) - 1) };
    const le = valuesOf('legalitas') ?? {};
    const ve = failed?.values ?? {};

    const body = html`${breadcrumbs(t('umkm.reg.breadcrumbs'), [
        v.hak.milik
          ? { href: cityPath(req, '/umkm/saya'), label: t('umkm.reg.saya.title') }
          : { href: cityPath(req, '/umkm/usaha'), label: t('umkm.reg.registri.title') },
        { label: v.nama },
      ])}
      <h1>${v.nama}</h1>
      <p>${statusTag(t, v.status)} <span class="meta">${kelasText(t, v.kelas)}</span></p>
      ${flash(query.ok ? t(`umkm.reg.ok.${query.ok}`) : undefined)}
      ${failed && gagalUmum ? summary(t, failed.errors) : ''}
      ${
        catatanKembali
          ? html`<div class="alert alert-info" role="note" id="catatan-petugas">
              <p><strong>${t('umkm.reg.catatanPetugas')}</strong></p>
              <p>${catatanKembali}</p>
              ${v.hak.ubah ? html`<p>${t('umkm.reg.catatanPetugasLanjut')}</p>` : ''}
            </div>`
          : ''
      }
      ${
        alasanTolak
          ? html`<div class="alert alert-error" role="note">
              <p><strong>${t('umkm.reg.alasanTolak')}</strong></p>
              <p>${alasanTolak}</p>
            </div>`
          : ''
      }
      ${v.hak.milik ? html`<p>${langkahBerikut(t, v.status)}</p>` : ''}
      <ul class="tags">
        <li><a href="${post('/produk')}">${t('umkm.reg.link.produk')}</a></li>
        ${
          v.status === 'terverifikasi'
            ? html`<li><a href="${cityPath(req, `/umkm/u/${v.slug}`)}">${t('umkm.reg.link.publik')}</a></li>`
            : ''
        }
      </ul>

      ${
        bolehAjukan
          ? html`<section aria-labelledby="h-ajukan">
              <h2 id="h-ajukan">${t('umkm.reg.ajukan.title')}</h2>
              <p>${t('umkm.reg.ajukan.intro')}</p>
              <ul>
                ${syarat.map((s) =>
                  kurangSet.has(s.kunci)
                    ? html`<li><strong>${t('umkm.reg.syarat.belum')}</strong> ${s.label}</li>`
                    : html`<li>${t('umkm.reg.syarat.sudah')} ${s.label}</li>`,
                )}
              </ul>
              ${
                kurang.length
                  ? html`<p>${t('umkm.reg.ajukan.lengkapiDulu')}</p>`
                  : html`<form method="post" action="${post('/ajukan')}">
                      ${csrfField(req)}
                      <button type="submit" class="primary">${t('umkm.reg.ajukan.tombol')}</button>
                    </form>`
              }
            </section>`
          : ''
      }
      ${verifikasiSection()}

      <section aria-labelledby="h-profil">
        <h2 id="h-profil">${t('umkm.reg.profil')}</h2>
        <dl class="facts">
          <dt>${t('umkm.reg.f.pemilikNama')}</dt>
          <dd>${v.pemilikNama}</dd>
          <dt>${t('umkm.reg.d.nik')}</dt>
          <dd>${v.nikSamaran ?? '—'}</dd>
          <dt>${t('umkm.reg.f.telepon')}</dt>
          <dd>${maskPhone(v.telepon) ?? '—'}</dd>
          <dt>${t('umkm.reg.f.email')}</dt>
          <dd>${v.email ?? '—'}</dd>
          <dt>${t('umkm.reg.f.kelurahan')}</dt>
          <dd>${t('umkm.reg.kelDiKec', { kelurahan: kelNama, kecamatan: kecNama })}</dd>
          <dt>${t('umkm.reg.d.rw')}</dt>
          <dd>${data.rw ? String(data.rw.nomor).padStart(3, '0') : '—'}</dd>
          <dt>${t('umkm.reg.f.alamat')}</dt>
          <dd>${v.alamat ?? '—'}</dd>
          <dt>${t('umkm.reg.f.tahunBerdiri')}</dt>
          <dd>${v.tahunBerdiri !== null ? String(v.tahunBerdiri) : '—'}</dd>
          <dt>${t('umkm.reg.f.jumlahPekerja')}</dt>
          <dd>${angka(v.jumlahPekerja)}</dd>
          <dt>${t('umkm.reg.d.nib')}</dt>
          <dd>${v.nib ?? '—'}</dd>
          <dt>${t('umkm.reg.d.npwp')}</dt>
          <dd>${v.npwp ?? '—'}</dd>
          <dt>${t('umkm.reg.sektor')}</dt>
          <dd>${sektorText(v.sektor)}</dd>
          <dt>${t('umkm.reg.f.keanggotaan')}</dt>
          <dd>
            ${
              [v.umkmCenter ? t('umkm.reg.f.umkmCenter') : '', v.sentra ?? '', v.inkubator ?? '']
                .filter(Boolean)
                .join(' · ') || '—'
            }
          </dd>
          <dt>${t('umkm.reg.f.deskripsi')}</dt>
          <dd>${v.deskripsi ?? '—'}</dd>
        </dl>
        ${nikSection()}
        ${
          v.hak.ubah
            ? html`<details ${failed?.form === 'profil' ? raw('open') : ''}>
                <summary>${t('umkm.reg.ubahProfil')}</summary>
                ${failed?.form === 'profil' ? summary(t, errorsOf('profil')) : ''}
                <form method="post" action="${post('/profil')}" class="narrow" novalidate>
                  ${csrfField(req)}
                  ${usahaFields(req, w, profil, errorsOf('profil'), {
                    baru: false,
                    keepKelurahan: (kode) => v.hak.milik || can(user, UMKM_KELOLA, kode),
                    nikSamaran: v.nikSamaran,
                    nikDikirim: sentNik,
                    kelola,
                  })}
                  <button type="submit" class="primary">${t('form.save')}</button>
                </form>
              </details>`
            : ''
        }
      </section>

      ${kbliSection()} ${keuanganSection()} ${legalitasSection()}

      <section aria-labelledby="h-langkah">
        <h2 id="h-langkah">${t('umkm.reg.riwayat')}</h2>
        <ol>
          ${v.langkah.map(
            (l) =>
              html`<li>
                ${formatDateTime(l.at)}:
                ${t(`umkm.reg.status.${l.status}`)}${l.catatan ? html` — <q>${l.catatan}</q>` : ''}
              </li>`,
          )}
        </ol>
      </section>`;

    function verifikasiSection(): SafeHtml | '' {
      if (!v.hak.verifikasi) return '';
      const bolehPutus = v.status === 'diajukan';
      const bolehTolak = ['diajukan', 'dikembalikan', 'terverifikasi'].includes(v.status);
      if (!bolehPutus && !bolehTolak) return '';
      const e = failed?.errors ?? {};
      return html`<section aria-labelledby="h-verifikasi">
        <h2 id="h-verifikasi">${t('umkm.reg.verifikasi.title')}</h2>
        <p>${t('umkm.reg.verifikasi.intro')}</p>
        ${
          bolehPutus
            ? html`<form method="post" action="${post('/verifikasi')}" class="narrow card" novalidate>
                  <h3>${t('umkm.reg.verifikasi.setuju')}</h3>
                  ${csrfField(req)}
                  ${textArea({ name: 'catatanSetuju', label: t('umkm.reg.verifikasi.catatanOpsional'), value: failed?.form === 'verifikasi' ? ve.catatanSetuju : '', error: failed?.form === 'verifikasi' ? e.catatanSetuju : undefined, maxlength: 2000 })}
                  <button type="submit" class="primary">${t('umkm.reg.verifikasi.setujuTombol')}</button>
                </form>
                <form method="post" action="${post('/kembalikan')}" class="narrow card" novalidate>
                  <h3>${t('umkm.reg.verifikasi.kembalikan')}</h3>
                  ${csrfField(req)}
                  ${textArea({ name: 'catatan', label: t('umkm.reg.verifikasi.catatan'), hint: t('umkm.reg.verifikasi.catatanHint'), required: true, value: failed?.form === 'kembalikan' ? ve.catatan : '', error: failed?.form === 'kembalikan' ? e.catatan : undefined, maxlength: 2000, rows: 4 })}
                  <button type="submit">${t('umkm.reg.verifikasi.kembalikanTombol')}</button>
                </form>`
            : ''
        }
        ${
          bolehTolak
            ? html`<form method="post" action="${post('/tolak')}" class="narrow card" novalidate>
                <h3>${t('umkm.reg.verifikasi.tolak')}</h3>
                ${csrfField(req)}
                ${textArea({ name: 'alasan', label: t('umkm.reg.verifikasi.alasan'), hint: t('umkm.reg.verifikasi.alasanHint'), required: true, value: failed?.form === 'tolak' ? ve.alasan : '', error: failed?.form === 'tolak' ? e.alasan : undefined, maxlength: 2000 })}
                <button type="submit" class="button danger">${t('umkm.reg.verifikasi.tolakTombol')}</button>
              </form>`
            : ''
        }
      </section>`;
    }

    function nikSection(): SafeHtml | '' {
      if (!v.hak.nik || !v.nikSamaran) return '';
      const e = errorsOf('nik');
      return html`<section aria-labelledby="h-nik" class="narrow">
        <h3 id="h-nik">${t('umkm.reg.nik.title')}</h3>
        ${
          o.nik
            ? html`<div class="alert alert-info" role="status">
                <p>${t('umkm.reg.nik.shown', { tujuan: o.nik.tujuan })}</p>
                <p><strong>${o.nik.nik ?? '—'}</strong></p>
              </div>`
            : html`<p>${t('umkm.reg.nik.intro')}</p>
                <form method="post" action="${post('/nik')}" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'tujuan', label: t('umkm.reg.nik.tujuan'), value: valuesOf('nik')?.tujuan, required: true, error: e.tujuan, hint: t('umkm.reg.nik.tujuanHint'), autocomplete: 'off', attrs: html`maxlength="200"` })}
                  <button type="submit">${t('umkm.reg.nik.tombol')}</button>
                </form>`
        }
      </section>`;
    }

    function kbliSection(): SafeHtml {
      const e = errorsOf('kbli');
      const kv = valuesOf('kbli') ?? {};
      const daftar = v.kbli.map((k) => k.kode).join(', ');
      return html`<section aria-labelledby="h-kbli">
        <h2 id="h-kbli">${t('umkm.reg.kbli.title')}</h2>
        ${failed?.form === 'kbli' ? summary(t, e) : ''}
        ${
          v.kbli.length
            ? html`<ul>
                ${v.kbli.map(
                  (k) =>
                    html`<li>
                      <strong>${k.kode}</strong> — ${k.judul ?? '—'}
                      ${k.utama ? html`<span class="tag">${t('umkm.reg.kbli.utama')}</span>` : ''}
                      <span class="meta">KBLI ${k.versi}</span>
                      ${
                        v.hak.ubah
                          ? html`<form method="post" action="${post('/kbli')}" class="inline">
                                ${csrfField(req)}
                                <input type="hidden" name="aksi" value="hapus" />
                                <input type="hidden" name="kode" value="${k.kode}" />
                                <button
                                  type="submit"
                                  class="link"
                                  aria-label="${t('umkm.reg.kbli.hapusLabel', { kode: k.kode })}"
                                >
                                  ${t('umkm.reg.hapus')}
                                </button>
                              </form>
                              ${
                                k.utama
                                  ? ''
                                  : html`<form method="post" action="${post('/kbli')}" class="inline">
                                      ${csrfField(req)}
                                      <input type="hidden" name="aksi" value="utama" />
                                      <input type="hidden" name="kode" value="${k.kode}" />
                                      <button
                                        type="submit"
                                        class="link"
                                        aria-label="${t('umkm.reg.kbli.utamaLabel', { kode: k.kode })}"
                                      >
                                        ${t('umkm.reg.kbli.jadikanUtama')}
                                      </button>
                                    </form>`
                              }`
                          : ''
                      }
                    </li>`,
                )}
              </ul>`
            : html`<p>${t('umkm.reg.kbli.kosong')}</p>`
        }
        ${
          v.hak.ubah
            ? html`<form method="post" action="${post('/kbli')}" class="narrow" novalidate>
                  ${csrfField(req)}
                  <input type="hidden" name="aksi" value="tambah" />
                  ${field({ name: 'kode', label: t('umkm.reg.kbli.tambah'), value: kv.kode, error: e.kode, hint: t('umkm.reg.f.kbliHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="5"` })}
                  <button type="submit">${t('umkm.reg.kbli.tambahTombol')}</button>
                </form>
                <details ${e.daftar ? raw('open') : ''}>
                  <summary>${t('umkm.reg.kbli.ganti')}</summary>
                  <form method="post" action="${post('/kbli')}" class="narrow" novalidate>
                    ${csrfField(req)}
                    <input type="hidden" name="aksi" value="ganti" />
                    ${field({ name: 'daftar', label: t('umkm.reg.kbli.daftar'), value: kv.daftar ?? daftar, error: e.daftar, hint: t('umkm.reg.kbli.daftarHint'), autocomplete: 'off', attrs: html`maxlength="400"` })}
                    <button type="submit">${t('form.save')}</button>
                  </form>
                </details>
                <div id="cari-kbli">
                  ${cariKbliForm(req, cityPath(req, base), query.cari)}
                  ${hasilKbli(t, query.cari, (kode) =>
                    v.kbli.some((k) => k.kode === kode)
                      ? html`<span class="meta">${t('umkm.reg.kbli.sudahAda')}</span>`
                      : html`<form method="post" action="${post('/kbli')}" class="inline">
                          ${csrfField(req)}
                          <input type="hidden" name="aksi" value="tambah" />
                          <input type="hidden" name="kode" value="${kode}" />
                          <button
                            type="submit"
                            class="link"
                            aria-label="${t('umkm.reg.kbli.tambahLabel', { kode })}"
                          >
                            ${t('umkm.reg.kbli.tambahTombol')}
                          </button>
                        </form>`,
                  )}
                </div>`
            : ''
        }
      </section>`;
    }

    function keuanganSection(): SafeHtml {
      const e = errorsOf('keuangan');
      return html`<section aria-labelledby="h-keuangan">
        <h2 id="h-keuangan">${t('umkm.reg.keuangan.title')}</h2>
        <p class="hint">${t('umkm.reg.keuangan.intro')}</p>
        ${
          v.keuangan.length
            ? tableWrap(
                'cap-keuangan',
                t('umkm.reg.keuangan.caption'),
                html`<tr>
                  <th scope="col">${t('umkm.reg.keuangan.tahun')}</th>
                  <th scope="col" class="num">${t('umkm.reg.keuangan.modal')}</th>
                  <th scope="col" class="num">${t('umkm.reg.keuangan.penjualan')}</th>
                  <th scope="col" class="num">${t('umkm.reg.keuangan.pekerja')}</th>
                  <th scope="col">${t('umkm.reg.keuangan.kelas')}</th>
                  <th scope="col">${t('umkm.reg.keuangan.dasar')}</th>
                  <th scope="col">${t('umkm.reg.keuangan.gerak')}</th>
                </tr>`,
                [...v.keuangan].reverse().map(
                  (k) =>
                    html`<tr>
                      <th scope="row">${String(k.tahun)}</th>
                      <td class="num">${rupiah(k.modal)}</td>
                      <td class="num">${rupiah(k.penjualan)}</td>
                      <td class="num">${angka(k.pekerja)}</td>
                      <td>${kelasText(t, k.kelas)}</td>
                      <td>${t(`umkm.reg.dasar.${k.dasar}`)}</td>
                      <td>${k.gerak ? t(`umkm.reg.gerak.${k.gerak}`) : '—'}</td>
                    </tr>`,
                ),
              )
            : html`<p>${t('umkm.reg.keuangan.kosong')}</p>`
        }
        ${
          v.hak.ubah
            ? html`<h3>${t('umkm.reg.keuangan.atur')}</h3>
                ${failed?.form === 'keuangan' ? summary(t, e) : ''}
                <form method="post" action="${post('/keuangan')}" class="narrow" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'tahun', label: t('umkm.reg.keuangan.tahun'), value: ke.tahun, error: e.tahun, required: true, hint: t('umkm.reg.keuangan.tahunHint'), attrs: html`inputmode="numeric" maxlength="4"` })}
                  ${field({ name: 'modal', label: t('umkm.reg.keuangan.modal'), value: ke.modal, error: e.modal, hint: t('umkm.reg.keuangan.modalHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="30"` })}
                  ${field({ name: 'penjualan', label: t('umkm.reg.keuangan.penjualan'), value: ke.penjualan, error: e.penjualan, hint: t('umkm.reg.keuangan.penjualanHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="30"` })}
                  ${field({ name: 'pekerja', label: t('umkm.reg.keuangan.pekerja'), value: ke.pekerja, error: e.pekerja, autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="6"` })}
                  <button type="submit">${t('form.save')}</button>
                </form>`
            : ''
        }
      </section>`;
    }

    function legalitasSection(): SafeHtml {
      const e = errorsOf('legalitas');
      return html`<section aria-labelledby="h-legalitas">
        <h2 id="h-legalitas">${t('umkm.reg.legalitas.title')}</h2>
        ${
          v.legalitas.length
            ? tableWrap(
                'cap-legalitas',
                t('umkm.reg.legalitas.caption'),
                html`<tr>
                  <th scope="col">${t('umkm.reg.legalitas.jenis')}</th>
                  <th scope="col">${t('umkm.reg.legalitas.nomor')}</th>
                  <th scope="col">${t('umkm.reg.legalitas.terbit')}</th>
                  <th scope="col">${t('umkm.reg.legalitas.berlakuSampai')}</th>
                  <th scope="col">${t('umkm.reg.legalitas.keadaan')}</th>
                  ${v.hak.ubah ? html`<th scope="col">${t('umkm.reg.aksi')}</th>` : ''}
                </tr>`,
                v.legalitas.map(
                  (l) =>
                    html`<tr>
                      <th scope="row">${t(`umkm.reg.jenis.${l.jenis}`)}</th>
                      <td>
                        ${l.nomor}${l.keterangan ? html`<br /><span class="meta">${l.keterangan}</span>` : ''}
                      </td>
                      <td>${l.terbit ? formatDate(l.terbit) : '—'}</td>
                      <td>
                        ${l.berlakuSampai ? formatDate(l.berlakuSampai) : t('umkm.reg.legalitas.tanpaBatas')}
                      </td>
                      <td>
                        ${
                          l.berlaku
                            ? t('umkm.reg.legalitas.berlaku')
                            : html`<strong class="tag">${t('umkm.reg.legalitas.kedaluwarsa')}</strong>`
                        }
                      </td>
                      ${
                        v.hak.ubah
                          ? html`<td>
                              <form method="post" action="${post(`/legalitas/${l.id}/hapus`)}" class="inline">
                                ${csrfField(req)}
                                <button
                                  type="submit"
                                  class="link"
                                  aria-label="${t('umkm.reg.legalitas.hapusLabel', { jenis: t(`umkm.reg.jenis.${l.jenis}`), nomor: l.nomor })}"
                                >
                                  ${t('umkm.reg.hapus')}
                                </button>
                              </form>
                            </td>`
                          : ''
                      }
                    </tr>`,
                ),
              )
            : html`<p>${t('umkm.reg.legalitas.kosong')}</p>`
        }
        ${
          v.hak.ubah
            ? html`<h3>${t('umkm.reg.legalitas.tambah')}</h3>
                ${failed?.form === 'legalitas' ? summary(t, e) : ''}
                <form method="post" action="${post('/legalitas')}" class="narrow" novalidate>
                  ${csrfField(req)}
                  ${selectField({
                    name: 'jenis',
                    label: t('umkm.reg.legalitas.jenis'),
                    error: e.jenis,
                    required: true,
                    options: html`${option('', t('umkm.reg.legalitas.pilihJenis'), le.jenis ?? '')}
                    ${JENIS_LEGALITAS.map((j) => option(j, t(`umkm.reg.jenis.${j}`), le.jenis))}`,
                  })}
                  ${field({ name: 'nomor', label: t('umkm.reg.legalitas.nomor'), value: le.nomor, error: e.nomor, required: true, autocomplete: 'off', attrs: html`maxlength="60"` })}
                  ${field({ name: 'terbit', label: t('umkm.reg.legalitas.terbit'), type: 'date', value: le.terbit, error: e.terbit })}
                  ${field({ name: 'berlakuSampai', label: t('umkm.reg.legalitas.berlakuSampai'), type: 'date', value: le.berlakuSampai, error: e.berlakuSampai, hint: t('umkm.reg.legalitas.berlakuHint') })}
                  ${field({ name: 'keterangan', label: t('umkm.reg.legalitas.keterangan'), value: le.keterangan, error: e.keterangan, attrs: html`maxlength="300"` })}
                  <button type="submit">${t('umkm.reg.legalitas.tambahTombol')}</button>
                </form>`
            : ''
        }
      </section>`;
    }

    const res = sendPage(req, reply, {
      title: v.nama,
      status: failed?.status ?? 200,
      ...(v.hak.ubah ? PETA_PIN : {}),
      body,
    });
    if (o.nik) reply.header('cache-control', 'no-store');
    return res;
  }

  app.get(
    '/:city/umkm/usaha/:id',
    { schema: { params: IdParams, querystring: UsahaQuery }, config: forUser },
    async (req, reply) => usahaPage(req, reply, (req.params as Static<typeof IdParams>).id),
  );

  /**
   * A form of the business page: on a schema failure or a service's 400/409 the page is shown
   * again with the form's errors; otherwise redirect to the page with a flash message.
   */
  function aksi(
    path: string,
    schema: ReturnType<typeof form>,
    fields: string[],
    formName: string,
    run: (req: FastifyRequest, trx: Tx, id: string, b: Record<string, unknown>) => Promise<unknown>,
    ok: OkKey | ((b: Record<string, unknown>) => OkKey),
    opts: { rename?: Record<string, string>; params?: typeof IdParams | typeof LegalitasParams } = {},
  ) {
    app.post(
      `/:city/umkm/usaha/:id${path}`,
      { schema: { params: opts.params ?? IdParams, body: schema }, attachValidation: true, config: forUser },
      async (req, reply) => {
        const { id } = req.params as Static<typeof IdParams>;
        const values = formValues(req.body, fields);
        if (req.validationError)
          return usahaPage(req, reply, id, {
            failed: { form: formName, values, errors: validationErrors(req), status: 400 },
          });
        const b = (req.body ?? {}) as Record<string, unknown>;
        try {
          await cityTx(req, (trx) => run(req, trx, id, b));
        } catch (err) {
          return usahaPage(req, reply, id, {
            failed: { form: formName, values, ...gagal(req, err, opts.rename) },
          });
        }
        const key = typeof ok === 'function' ? ok(b) : ok;
        return reply.redirect(cityPath(req, `/umkm/usaha/${id}?ok=${key}`), 303);
      },
    );
  }

  aksi(
    '/profil',
    ProfilForm,
    [...USAHA_FIELDS, 'hapusNik', 'sikap', 'kswpValid', 'kswpDicek'],
    'profil',
    async (req, trx, id, b) => {
      const user = userOf(req);
      const u = await usahaUntuk(trx, user, id, 'pemilik');
      const input = usahaInput(b, false, can(user, UMKM_KELOLA, u.kelurahan_kode));
      const rwId = await rwDari(trx, input.kelurahanKode ?? '', str(b, 'rwNomor'));
      return ubahUsaha(trx, user, id, dataKey, { ...input, ...(rwId !== undefined ? { rwId } : {}) });
    },
    'disimpan',
    { rename: RENAME_USAHA },
  );

  aksi(
    '/kbli',
    KbliForm,
    ['aksi', 'kode', 'daftar'],
    'kbli',
    async (req, trx, id, b) => {
      const user = userOf(req);
      const sekarang = (await getUsaha(trx, user, id)).kbli.map((k) => k.kode);
      const kode = (str(b, 'kode') ?? '').trim();
      const aksiKbli = str(b, 'aksi');
      let baru: string[];
      if (aksiKbli === 'tambah') {
        if (!kode)
          throw new HttpProblem(400, 'umkm.err.usaha', {
            errors: [{ pointer: '/body/kode', detail: 'umkm.err.wajib' }],
          });
        baru = [...sekarang, kode];
      } else if (aksiKbli === 'hapus') baru = sekarang.filter((k) => k !== kode);
      else if (aksiKbli === 'utama')
        baru = [kode, ...sekarang.filter((k) => k !== kode)].filter((k) => sekarang.includes(k));
      else if (aksiKbli === 'ganti')
        baru = (str(b, 'daftar') ?? '')
          .split(/[\s,;]+/)
          .map((k) => k.trim())
          .filter(Boolean);
      else
        throw new HttpProblem(400, 'umkm.err.usaha', {
          errors: [{ pointer: '/body/aksi', detail: 'validation.enum' }],
        });
      // A code's error goes to the field the form used.
      return mapFieldErrors(() => aturKbli(trx, user, id, baru), {
        pointer: (p) =>
          p.startsWith('/body/kbli') ? `/body/${aksiKbli === 'ganti' ? 'daftar' : 'kode'}` : p,
      });
    },
    'kbli',
  );

  aksi(
    '/keuangan',
    KeuanganForm,
    ['tahun', 'modal', 'penjualan', 'pekerja'],
    'keuangan',
    async (req, trx, id, b) => {
      const modal = parseRupiah(str(b, 'modal'));
      const penjualan = parseRupiah(str(b, 'penjualan'));
      const errors = [
        ...(Number.isNaN(modal) ? [{ pointer: '/body/modal', detail: 'umkm.err.rupiah' }] : []),
        ...(Number.isNaN(penjualan) ? [{ pointer: '/body/penjualan', detail: 'umkm.err.rupiah' }] : []),
      ];
      if (errors.length) throw new HttpProblem(400, 'umkm.err.keuangan', { errors });
      const tahunText = (str(b, 'tahun') ?? '').trim();
      const tahun = /^\d{4}$/.test(tahunText) ? Number(tahunText) : Number.NaN;
      return aturKeuangan(trx, userOf(req), id, tahun, {
        modal: modal ?? null,
        penjualan: penjualan ?? null,
        pekerja: intOf(str(b, 'pekerja')) ?? null,
      });
    },
    'keuangan',
  );

  aksi(
    '/legalitas',
    LegalitasForm,
    ['jenis', 'nomor', 'terbit', 'berlakuSampai', 'keterangan'],
    'legalitas',
    async (req, trx, id, b) =>
      tambahLegalitas(trx, userOf(req), id, {
        jenis: str(b, 'jenis') ?? '',
        nomor: str(b, 'nomor') ?? '',
        terbit: str(b, 'terbit') || null,
        berlakuSampai: str(b, 'berlakuSampai') || null,
        keterangan: str(b, 'keterangan') || null,
      }),
    'legalitas',
  );

  aksi(
    '/legalitas/:legalitasId/hapus',
    CsrfForm,
    [],
    'legalitasHapus',
    async (req, trx, id) =>
      hapusLegalitas(trx, userOf(req), id, (req.params as Static<typeof LegalitasParams>).legalitasId),
    'legalitasDihapus',
    { params: LegalitasParams },
  );

  aksi(
    '/ajukan',
    CsrfForm,
    [],
    'ajukan',
    async (req, trx, id) => ajukanUsaha(trx, userOf(req), id),
    'diajukan',
  );

  aksi(
    '/verifikasi',
    VerifikasiForm,
    ['catatanSetuju'],
    'verifikasi',
    async (req, trx, id, b) => verifikasiUsaha(trx, userOf(req), id, str(b, 'catatanSetuju') || null),
    'diverifikasi',
    { rename: { catatan: 'catatanSetuju' } },
  );

  aksi(
    '/kembalikan',
    KembalikanForm,
    ['catatan'],
    'kembalikan',
    async (req, trx, id, b) => kembalikanUsaha(trx, userOf(req), id, str(b, 'catatan') ?? ''),
    'dikembalikan',
  );

  aksi(
    '/tolak',
    TolakForm,
    ['alasan'],
    'tolak',
    async (req, trx, id, b) => tolakUsaha(trx, userOf(req), id, str(b, 'alasan') ?? ''),
    'ditolak',
  );

  // The full NIK: asked with a purpose by POST (never in a URL), shown once, not cached, audited.
  app.post(
    '/:city/umkm/usaha/:id/nik',
    { schema: { params: IdParams, body: NikForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParams>;
      const values = formValues(req.body, ['tujuan']);
      if (req.validationError)
        return usahaPage(req, reply, id, {
          failed: { form: 'nik', values, errors: validationErrors(req), status: 400 },
        });
      const tujuan = str((req.body ?? {}) as Record<string, unknown>, 'tujuan') ?? '';
      try {
        const r = await cityTx(req, (trx) => bacaNik(trx, userOf(req), id, dataKey, tujuan));
        return usahaPage(req, reply, id, { nik: { nik: r.nik, tujuan: tujuan.trim() } });
      } catch (err) {
        return usahaPage(req, reply, id, { failed: { form: 'nik', values, ...gagal(req, err) } });
      }
    },
  );

  // ---- The officers' registry ----

  app.get(
    '/:city/umkm/usaha',
    { schema: { params: CityParams, querystring: RegistriQuery }, config: lihat },
    async (req, reply) => {
      const t = req.t;
      const user = userOf(req);
      const q = req.query as Static<typeof RegistriQuery>;
      const page = q.page ?? 1;
      const verifikator = can(user, UMKM_VERIFIKASI);
      const filter = {
        status: q.status || undefined,
        kecamatan: q.kecamatan || undefined,
        kelas: q.kelas || undefined,
        q: q.q?.trim() || undefined,
      };
      const data = await cityTx(req, async (trx) => ({
        list: await daftarUsaha(trx, user, { ...filter, page, perPage: PER_PAGE }),
        antrian: verifikator
          ? await daftarUsaha(trx, user, { status: 'diajukan', page: 1, perPage: 20 })
          : null,
        w: await wilayahKota(trx, cityOf(req).id),
      }));
      const areas = areasFor(user, UMKM_LIHAT);
      const kecamatan = data.w.groups.filter((g) =>
        areas.some((a) => covers(a, g.kode) || covers(g.kode, a)),
      );
      const pages = Math.max(1, Math.ceil(data.list.total / PER_PAGE));
      const head = html`<tr>
        <th scope="col">${t('umkm.reg.namaPemilik')}</th>
        <th scope="col">${t('umkm.reg.d.telepon')}</th>
        <th scope="col">${t('umkm.reg.f.kelurahan')}</th>
        <th scope="col">${t('umkm.reg.keuangan.kelas')}</th>
        <th scope="col">${t('umkm.reg.statusLabel')}</th>
        <th scope="col">${t('umkm.reg.diubahKolom')}</th>
      </tr>`;
      const rows = (items: typeof data.list.items) =>
        items.map(
          (u) =>
            html`<tr>
              <th scope="row">
                <a href="${cityPath(req, `/umkm/usaha/${u.id}`)}">${u.nama}</a><br /><span class="meta"
                  >${u.pemilikNama}</span
                >
              </th>
              <td>${u.telepon ?? '—'}</td>
              <td>${data.w.nama.get(u.kelurahanKode) ?? u.kelurahanKode}</td>
              <td>${kelasText(t, u.kelas)}</td>
              <td>${statusTag(t, u.status)}</td>
              <td>${formatDate(u.updatedAt)}</td>
            </tr>`,
        );
      const link = (p: number) =>
        cityPath(req, `/umkm/usaha${queryString({ ...filter, page: p > 1 ? p : undefined })}`);
      return sendPage(req, reply, {
        title: t('umkm.reg.registri.title'),
        body: html`<h1>${t('umkm.reg.registri.title')}</h1>
          <p class="lead">${t('umkm.reg.registri.intro')}</p>
          ${
            can(user, UMKM_KELOLA)
              ? html`<p>
                  <a class="button primary" href="${cityPath(req, '/umkm/daftar?untuk=lain')}"
                    >${t('umkm.reg.tambah.title')}</a
                  >
                </p>`
              : ''
          }
          ${
            can(user, UMKM_VERIFIKASI)
              ? html`<p><a href="${cityPath(req, '/umkm/pengaturan')}">${t('umkm.tinjau.link')}</a></p>`
              : ''
          }
          ${
            data.antrian
              ? html`<section aria-labelledby="h-antrian">
                  <h2 id="h-antrian">${t('umkm.reg.antrian.title')}</h2>
                  ${
                    data.antrian.total
                      ? tableWrap(
                          'cap-antrian',
                          t('umkm.reg.antrian.caption', { n: data.antrian.total }),
                          html`<tr>
                            <th scope="col">${t('umkm.reg.namaPemilik')}</th>
                            <th scope="col">${t('umkm.reg.f.kelurahan')}</th>
                            <th scope="col">${t('umkm.reg.diubahKolom')}</th>
                          </tr>`,
                          data.antrian.items.map(
                            (u) =>
                              html`<tr>
                                <th scope="row">
                                  <a href="${cityPath(req, `/umkm/usaha/${u.id}`)}">${u.nama}</a><br /><span
                                    class="meta"
                                    >${u.pemilikNama}</span
                                  >
                                </th>
                                <td>${data.w.nama.get(u.kelurahanKode) ?? u.kelurahanKode}</td>
                                <td>${formatDate(u.updatedAt)}</td>
                              </tr>`,
                          ),
                        )
                      : html`<p>${t('umkm.reg.antrian.kosong')}</p>`
                  }
                  ${
                    data.antrian.total > data.antrian.items.length
                      ? html`<p>
                          <a href="${cityPath(req, '/umkm/usaha?status=diajukan')}"
                            >${t('umkm.reg.antrian.semua')}</a
                          >
                        </p>`
                      : ''
                  }
                </section>`
              : ''
          }
          <section aria-labelledby="cap-registri">
            <h2>${t('umkm.reg.registri.daftar')}</h2>
            <form method="get" action="${cityPath(req, '/umkm/usaha')}" class="filters" role="search">
              ${field({ name: 'q', label: t('umkm.reg.filter.q'), value: q.q, type: 'search', hint: t('umkm.reg.filter.qHint'), attrs: html`maxlength="100"` })}
              ${selectField({
                name: 'status',
                label: t('umkm.reg.statusLabel'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.status ?? '')}
                ${STATUS_USAHA.map((s) => option(s, t(`umkm.reg.status.${s}`), q.status))}`,
              })}
              ${selectField({
                name: 'kecamatan',
                label: t('umkm.reg.filter.kecamatan'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.kecamatan ?? '')}
                ${kecamatan.map((k) => option(k.kode, k.nama, q.kecamatan))}`,
              })}
              ${selectField({
                name: 'kelas',
                label: t('umkm.reg.keuangan.kelas'),
                options: html`${option('', t('umkm.reg.filter.semua'), q.kelas ?? '')}
                ${KELAS_USAHA.map((k) => option(k, t(`umkm.reg.kelas.${k}`), q.kelas))}`,
              })}
              <button type="submit">${t('umkm.reg.filter.tampilkan')}</button>
            </form>
            ${
              data.list.total
                ? tableWrap(
                    'cap-registri',
                    t('umkm.reg.registri.caption', { total: data.list.total, page, pages }),
                    head,
                    rows(data.list.items),
                  )
                : html`<p id="cap-registri">${t('umkm.reg.registri.kosong')}</p>`
            }
            ${pagination(t, t('umkm.reg.registri.halaman'), page, pages, link)}
          </section>`,
      });
    },
  );
}
