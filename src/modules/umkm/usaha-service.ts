/**
 * The UMKM registry: a business's profile, its KBLI codes, its yearly figures and the class they
 * give (PP 7/2021), its legality documents, and its verification (draf -> diajukan ->
 * dikembalikan/terverifikasi/ditolak). The owner registers and maintains it; officers verify it,
 * and officers with umkm.kelola may enter and change any business of their area.
 *
 * Personal data (UU 27/2022): the owner's NIK is optional, stored AES-256-GCM encrypted with its
 * masked form; views carry only the masked form; the full NIK goes only to umkm.nik through
 * readNik, and every such read leaves an audit row. Phone numbers are masked in lists.
 *
 * This file: a business's profile (checked input, registration, changes). Views and reads are in
 * usaha-view.ts, KBLI codes, figures and legality in usaha-rincian-service.ts, verification in
 * usaha-verifikasi-service.ts; their use cases are re-exported here.
 */
import type { Selectable } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { conflict, forbidden, type FieldError } from '../../platform/http/problem.ts';
import { encrypt } from '../../platform/privacy.ts';
import { normaliseTelepon, isTeleponValid } from '../../platform/telepon.ts';
import { cleanText, slugify } from '../../platform/text.ts';
import { isTanggal, thisYearWib, todayWib } from '../../platform/waktu.ts';
import { findRwRow, findWilayah } from '../wilayah/api.ts';
import { pemilik, usahaUntuk } from './access.ts';
import { indeksUsaha } from './cari.ts';
import { kategoriKbli } from './kbli.ts';
import { dalamKotak, kotakKota } from './lokasi.ts';
import { maskNik, periksaNib, periksaNik, periksaNpwp } from './nib.ts';
import { UMKM_KELOLA } from './permissions.ts';
import type { UmkmUsahaTable } from './tables.ts';
import { body, fail, getUsaha, uniqueNib, type UsahaView } from './usaha-view.ts';
import { checkKbli, saveKbli } from './usaha-rincian-service.ts';
import { addLangkah } from './usaha-verifikasi-service.ts';

export {
  getUsaha,
  readNik,
  listUsaha,
  listUsahaSaya,
  type KbliView,
  type KeuanganView,
  type LegalitasView,
  type LangkahView,
  type ListUsahaQuery,
  type UsahaRingkas,
  type UsahaView,
} from './usaha-view.ts';
export {
  setKbli,
  setKeuangan,
  perbaruiKelas,
  addLegalitas,
  deleteLegalitas,
  type KeuanganInput,
  type LegalitasInput,
} from './usaha-rincian-service.ts';
export {
  kekuranganPengajuan,
  submitUsaha,
  returnUsaha,
  verifyUsaha,
  rejectUsaha,
} from './usaha-verifikasi-service.ts';

// ---- Input ----

export interface UsahaInput {
  nama?: string | undefined;
  deskripsi?: string | null | undefined;
  nib?: string | null | undefined;
  npwp?: string | null | undefined;
  pemilikNama?: string | undefined;
  /** 16 digits; stored encrypted. null removes it. */
  nik?: string | null | undefined;
  telepon?: string | null | undefined;
  email?: string | null | undefined;
  alamat?: string | null | undefined;
  kelurahanKode?: string | undefined;
  /** The RW (an RW of the kelurahan), or null. */
  rwId?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  tahunBerdiri?: number | null | undefined;
  jumlahPekerja?: number | null | undefined;
  umkmCenter?: boolean | undefined;
  sentra?: string | null | undefined;
  inkubator?: string | null | undefined;
  sikap?: boolean | undefined;
  kswpValid?: boolean | undefined;
  kswpDicek?: string | null | undefined;
}

/** The business's columns a registration or profile form sets, as checked by nilaiUsaha. */
type UsahaValues = Partial<
  Pick<
    Selectable<UmkmUsahaTable>,
    | 'nama'
    | 'deskripsi'
    | 'nib'
    | 'npwp'
    | 'pemilik_nama'
    | 'nik_enc'
    | 'nik_samaran'
    | 'telepon'
    | 'email'
    | 'alamat'
    | 'kecamatan_kode'
    | 'kelurahan_kode'
    | 'rw_id'
    | 'lat'
    | 'lng'
    | 'tahun_berdiri'
    | 'jumlah_pekerja'
    | 'umkm_center'
    | 'sentra'
    | 'inkubator'
    | 'sikap'
    | 'kswp_valid'
    | 'kswp_dicek'
  >
>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks and converts a business's input (all fields for a new business, the fields sent for a
 * change). Returns the column values, or throws 400 with a pointer per bad field. The kelurahan
 * and RW are checked against the city's regions.
 */
export async function nilaiUsaha(
  trx: Tx,
  tenantId: string,
  dataKey: Buffer,
  input: UsahaInput,
  baru: boolean,
  /** A change: the business's current kelurahan (its RW must lie in the kelurahan it ends up in). */
  kelurahanSaatIni?: string,
): Promise<UsahaValues> {
  const errors: FieldError[] = [];
  const v: UsahaValues = {};
  const teks = (name: keyof UsahaInput, col: keyof UsahaValues, min: number, max: number, wajib = false) => {
    const raw = input[name];
    if (raw === undefined) {
      if (wajib && baru) errors.push(body(name, 'umkm.err.wajib'));
      return;
    }
    const t = cleanText(typeof raw === 'string' ? raw : null);
    if (t === null) {
      if (wajib) errors.push(body(name, 'umkm.err.wajib'));
      else (v as Record<string, unknown>)[col] = null;
      return;
    }
    if (t.length < min || t.length > max) errors.push(body(name, 'umkm.err.panjang'));
    else (v as Record<string, unknown>)[col] = t;
  };
  teks('nama', 'nama', 2, 160, true);
  teks('pemilikNama', 'pemilik_nama', 2, 120, true);
  teks('deskripsi', 'deskripsi', 1, 4000);
  teks('alamat', 'alamat', 1, 300);
  teks('sentra', 'sentra', 1, 120);
  teks('inkubator', 'inkubator', 1, 120);

  const nomor = (
    name: 'nib' | 'npwp',
    check: (s: unknown) => { ok: true; nilai: string } | { ok: false; alasan: string },
  ) => {
    const raw = input[name];
    if (raw === undefined) return;
    if (raw === null || cleanText(raw) === null) {
      v[name] = null;
      return;
    }
    const r = check(raw);
    if (r.ok) v[name] = r.nilai;
    else errors.push(body(name, `umkm.alasan.${r.alasan}`));
  };
  nomor('nib', periksaNib);
  nomor('npwp', periksaNpwp);

  if (input.nik !== undefined) {
    if (input.nik === null || cleanText(input.nik) === null) {
      v.nik_enc = null;
      v.nik_samaran = null;
    } else {
      const r = periksaNik(input.nik);
      if (r.ok) {
        v.nik_enc = encrypt(dataKey, r.nilai).toString('base64');
        v.nik_samaran = maskNik(r.nilai);
      } else errors.push(body('nik', `umkm.alasan.${r.alasan}`));
    }
  }
  if (input.telepon !== undefined) {
    const t = normaliseTelepon(input.telepon);
    if (t === null) v.telepon = null;
    else if (!isTeleponValid(t)) errors.push(body('telepon', 'umkm.err.telepon'));
    else v.telepon = t;
  }
  if (input.email !== undefined) {
    const e = cleanText(input.email);
    if (e === null) v.email = null;
    else if (e.length > 200 || !EMAIL_RE.test(e)) errors.push(body('email', 'umkm.err.email'));
    else v.email = e.toLowerCase();
  }
  const angka = (
    name: 'tahunBerdiri' | 'jumlahPekerja',
    col: 'tahun_berdiri' | 'jumlah_pekerja',
    min: number,
    max: number,
  ) => {
    const n = input[name];
    if (n === undefined) return;
    if (n === null) v[col] = null;
    else if (!Number.isInteger(n) || n < min || n > max) errors.push(body(name, 'umkm.err.angka'));
    else v[col] = n;
  };
  angka('tahunBerdiri', 'tahun_berdiri', 1900, thisYearWib());
  angka('jumlahPekerja', 'jumlah_pekerja', 0, 100000);
  if (input.lat !== undefined || input.lng !== undefined) {
    const lat = input.lat ?? null;
    const lng = input.lng ?? null;
    if ((lat === null) !== (lng === null))
      errors.push(body(lat === null ? 'lat' : 'lng', 'umkm.err.koordinat'));
    else if (
      lat !== null &&
      lng !== null &&
      (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    )
      errors.push(body('lat', 'umkm.err.koordinat'));
    else if (lat !== null && lng !== null && !dalamKotak(lat, lng, await kotakKota(trx, tenantId)))
      errors.push(body('lat', 'umkm.err.luarKota'));
    else {
      v.lat = lat;
      v.lng = lng;
    }
  }
  for (const [name, col] of [
    ['umkmCenter', 'umkm_center'],
    ['sikap', 'sikap'],
    ['kswpValid', 'kswp_valid'],
  ] as const) {
    if (input[name] !== undefined) v[col] = Boolean(input[name]);
  }
  if (input.kswpDicek !== undefined) {
    const d = input.kswpDicek;
    if (d === null || d === '') v.kswp_dicek = null;
    else if (!isTanggal(d) || d > todayWib()) errors.push(body('kswpDicek', 'umkm.err.tanggal'));
    else v.kswp_dicek = d;
  }

  if (input.kelurahanKode !== undefined || baru) {
    const kode = input.kelurahanKode ?? '';
    const w = kode.startsWith(`${tenantId}.`) ? await findWilayah(trx, kode) : undefined;
    if (!w || w.tingkat !== 'kelurahan' || !w.induk) errors.push(body('kelurahanKode', 'umkm.err.kelurahan'));
    else {
      v.kelurahan_kode = w.kode;
      v.kecamatan_kode = w.induk;
    }
  }
  if (input.rwId !== undefined) {
    if (input.rwId === null || input.rwId === '') v.rw_id = null;
    else {
      const rw = /^[0-9a-f-]{36}$/i.test(input.rwId) ? await findRwRow(trx, input.rwId) : undefined;
      const kelurahan = v.kelurahan_kode ?? kelurahanSaatIni;
      if (!rw || (kelurahan !== undefined && rw.kelurahan_kode !== kelurahan))
        errors.push(body('rwId', 'umkm.err.rw'));
      else v.rw_id = rw.id;
    }
  } else if (v.kelurahan_kode && kelurahanSaatIni && v.kelurahan_kode !== kelurahanSaatIni) {
    // Moved to another kelurahan without naming an RW there: the old RW no longer applies.
    v.rw_id = null;
  }
  fail('umkm.err.usaha', errors);
  return v;
}

/** A slug for the business name not used yet in the city. */
async function newSlug(trx: Tx, nama: string, kecuali?: string): Promise<string> {
  const dasar = slugify(nama, 80);
  const taken = new Set(
    (
      await trx
        .selectFrom('umkm_usaha')
        .select('slug')
        .where('slug', 'like', `${dasar}%`)
        .$if(kecuali !== undefined, (q) => q.where('id', '<>', kecuali!))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(dasar)) return dasar;
  for (let i = 2; ; i++) if (!taken.has(`${dasar}-${i}`)) return `${dasar}-${i}`;
}

/**
 * Registers a business. The user becomes its owner, unless an officer with umkm.kelola over the
 * kelurahan enters it for someone else (`untukOrangLain`): then it has no owner account.
 */
export async function createUsaha(
  trx: Tx,
  user: CurrentUser,
  tenantId: string,
  dataKey: Buffer,
  input: UsahaInput & { kbli?: string[] | undefined },
  opts: { untukOrangLain?: boolean; demo?: boolean } = {},
): Promise<UsahaView> {
  const v = await nilaiUsaha(trx, tenantId, dataKey, input, true);
  if (opts.untukOrangLain && !can(user, UMKM_KELOLA, v.kelurahan_kode!)) throw forbidden();
  const kode = input.kbli ? checkKbli(input.kbli) : [];
  const slug = await newSlug(trx, v.nama!);
  const row = await trx
    .insertInto('umkm_usaha')
    .values({
      ...(v as Required<Pick<UsahaValues, 'nama' | 'pemilik_nama' | 'kecamatan_kode' | 'kelurahan_kode'>>),
      ...v,
      tenant_id: tenantId,
      slug,
      pemilik_user_id: opts.untukOrangLain ? null : user.id,
      sektor: kode[0] ? (kategoriKbli(kode[0])?.huruf ?? null) : null,
      demo: opts.demo ?? false,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch(uniqueNib);
  await saveKbli(trx, tenantId, row.id, kode);
  await addLangkah(trx, tenantId, row.id, 'draf', null, user.id);
  await indeksUsaha(trx, row.id);
  return getUsaha(trx, user, row.id);
}

/** Changes a business (the owner, or umkm.kelola); a verified business goes back to review when its identity changes. */
export async function updateUsaha(
  trx: Tx,
  user: CurrentUser,
  id: string,
  dataKey: Buffer,
  input: UsahaInput,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  if (u.status === 'ditolak') throw conflict('umkm.err.ditolak');
  const v = await nilaiUsaha(trx, u.tenant_id, dataKey, input, false, u.kelurahan_kode);
  if (v.kelurahan_kode && !pemilik(user, u) && !can(user, UMKM_KELOLA, v.kelurahan_kode)) throw forbidden();
  const set: Record<string, unknown> = { ...v, updated_at: new Date() };
  if (v.nama && v.nama !== u.nama) set.slug = await newSlug(trx, v.nama, u.id);
  await trx
    .updateTable('umkm_usaha')
    .set(set as never)
    .where('id', '=', u.id)
    .execute()
    .catch(uniqueNib);
  if (v.nama !== undefined || v.deskripsi !== undefined) await indeksUsaha(trx, u.id);
  return getUsaha(trx, user, u.id);
}
