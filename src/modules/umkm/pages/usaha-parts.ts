/**
 * Shared pieces of the UMKM registry pages: form schemas, reading form input, service errors as
 * form errors, and small display helpers (status, class, sector, regions of the city).
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Tx } from '../../../platform/db/transaction.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { CityParams, Csrf, Uuid, oneOf } from '../../../platform/http/schemas.ts';
import { errorSummary, fieldFrame, type FieldFrame } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { problemErrors, type FormErrors, type FormValues } from '../../../platform/web/components.ts';
import { formatNumber, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import { findRwByNomor, listKecamatanRows, listKelurahanRows } from '../../wilayah/api.ts';
import { koordinatOf } from '../lokasi.ts';
import { daftarKategoriKbli } from '../kbli.ts';
import { KELAS_USAHA, type KelasUsaha } from '../kelas.ts';
import { UMKM_LIHAT } from '../permissions.ts';
import { STATUS_USAHA, type StatusUsaha } from '../tables.ts';
import type { UsahaInput } from '../usaha-service.ts';

export const forUser = { access: 'user' } as const;
export const lihat = { access: { permission: UMKM_LIHAT } } as const;
export const PER_PAGE = 25;

// ---- Schemas ----

const City = CityParams.properties.city;
export const IdParams = Type.Object({ city: City, id: Uuid }, { additionalProperties: false });
export const LegalitasParams = Type.Object(
  { city: City, id: Uuid, legalitasId: Uuid },
  { additionalProperties: false },
);
const Teks = (max: number) => Type.Optional(Type.String({ maxLength: max }));
export const form = <T extends Record<string, ReturnType<typeof Teks>>>(props: T) =>
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
export const DaftarForm = form({ ...PROFIL_FIELDS, kbli: Teks(20), untukOrangLain: Teks(5) });
export const ProfilForm = form({
  ...PROFIL_FIELDS,
  hapusNik: Teks(5),
  sikap: Teks(5),
  kswpValid: Teks(5),
  kswpDicek: Teks(10),
});
export const KbliForm = form({ aksi: Teks(10), kode: Teks(20), daftar: Teks(400) });
export const KeuanganForm = form({
  tahun: Teks(10),
  modal: Teks(40),
  penjualan: Teks(40),
  pekerja: Teks(10),
});
export const LegalitasForm = form({
  jenis: Teks(10),
  nomor: Teks(80),
  terbit: Teks(10),
  berlakuSampai: Teks(10),
  keterangan: Teks(300),
});
export const CsrfForm = form({});
export const VerifikasiForm = form({ catatanSetuju: Teks(2000) });
export const KembalikanForm = form({ catatan: Teks(2000) });
export const TolakForm = form({ alasan: Teks(2000) });
export const NikForm = form({ tujuan: Teks(200) });

export const DaftarQuery = Type.Object(
  { cari: Teks(100), kbli: Teks(10), untuk: Type.Optional(Type.Literal('lain')) },
  { additionalProperties: false },
);
export const OK_KEYS = [
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
export type OkKey = (typeof OK_KEYS)[number];
export const UsahaQuery = Type.Object(
  { ok: Type.Optional(oneOf(OK_KEYS)), cari: Teks(100) },
  { additionalProperties: false },
);
const Kosong = Type.Literal('');
export const RegistriQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([oneOf(STATUS_USAHA), Kosong])),
    kecamatan: Type.Optional(
      Type.Union([Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$' }), Kosong]),
    ),
    kelas: Type.Optional(Type.Union([oneOf(KELAS_USAHA), Kosong])),
    q: Teks(100),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);

// ---- Parsing form input ----

/** "12" or "1.200" -> a whole number; "" -> null; anything else NaN (the service reports it). */
export function intOf(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  const s = v.replace(/[.\s]/g, '');
  if (s === '') return null;
  return /^\d{1,9}$/.test(s) ? Number(s) : Number.NaN;
}

export const str = (b: Record<string, unknown>, k: string): string | undefined =>
  typeof b[k] === 'string' ? (b[k] as string) : undefined;

/** The business's fields of a registration or profile form, as the service takes them. */
export function usahaInput(b: Record<string, unknown>, baru: boolean, kelola: boolean): UsahaInput {
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
export async function findRwId(trx: Tx, kelurahanKode: string, rwNomor: string | undefined) {
  if (rwNomor === undefined) return undefined;
  const s = rwNomor.trim();
  if (s === '') return null;
  if (!/^\d{1,3}$/.test(s)) return 'tidak-ada';
  if (!/^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$/.test(kelurahanKode)) return undefined;
  return (await findRwByNomor(trx, kelurahanKode, Number(s)))?.id ?? 'tidak-ada';
}

/** The request's form carried a NIK (which is never written back into the page). */
export function nikDikirim(req: FastifyRequest): boolean {
  const nik = (req.body as { nik?: unknown } | undefined)?.nik;
  return typeof nik === 'string' && nik.trim() !== '';
}

// ---- Errors ----

export interface Failed {
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
export function serviceErrors(
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
export function summary(t: Translator, errors: FormErrors): SafeHtml | '' {
  const { _: general, ...rest } = errors;
  return errorSummary(t, rest, general);
}

// ---- Small pieces ----

export const angka = (n: number | null) => (n === null ? '—' : formatNumber(n));
export const rupiah = (n: number | null) => (n === null ? '—' : formatRupiah(n));

export function statusTag(t: Translator, s: StatusUsaha): SafeHtml {
  return html`<span class="tag">${t(`umkm.reg.status.${s}`)}</span>`;
}

export function kelasText(t: Translator, k: KelasUsaha | null): string {
  return k ? t(`umkm.reg.kelas.${k}`) : t('umkm.reg.kelas.belum');
}

export function sektorText(s: string | null): string {
  if (!s) return '—';
  const k = daftarKategoriKbli().find((x) => x.huruf === s);
  return k ? `${s} — ${k.judul}` : s;
}

export function textArea(
  o: FieldFrame & { value?: string | undefined; rows?: number; maxlength: number },
): SafeHtml {
  return fieldFrame(
    o,
    (id, aria) =>
      html`<textarea id="${id}" name="${o.name}" rows="${o.rows ?? 3}" maxlength="${o.maxlength}" ${aria}>
${o.value ?? ''}</textarea>`,
  );
}

export type Wilayah = {
  groups: { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];
  nama: Map<string, string>;
};

/** The city's kecamatan with their kelurahan, and every region's name by code. */
export async function wilayahKota(trx: Tx, cityId: string): Promise<Wilayah> {
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
