/**
 * The UMKM registry: a business's profile, its KBLI codes, its yearly figures and the class they
 * give (PP 7/2021), its legality documents, and its verification (draf -> diajukan ->
 * dikembalikan/terverifikasi/ditolak). The owner registers and maintains it; officers verify it,
 * and officers with umkm.kelola may enter and change any business of their area.
 *
 * Personal data (UU 27/2022): the owner's NIK is optional, stored AES-256-GCM encrypted with its
 * masked form; views carry only the masked form; the full NIK goes only to umkm.nik through
 * bacaNik, and every such read leaves an audit row. Phone numbers are masked in lists.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser } from '../../platform/auth/roles.ts';
import {
  HttpProblem,
  badRequest,
  conflict,
  forbidden,
  type FieldError,
} from '../../platform/http/problem.ts';
import { decrypt, encrypt, maskPhone } from '../../platform/privacy.ts';
import { normalisasiTelepon, teleponSah } from '../../platform/telepon.ts';
import { logRead } from '../../platform/audit/read.ts';
import { cleanText, slugify } from '../../platform/text.ts';
import { findRwRow, findWilayah } from '../wilayah/repository.ts';
import { bisa, dalamArea, pemilik, usahaUntuk, type UsahaRow } from './akses.ts';
import { indeksUsaha } from './cari.ts';
import { kategoriKbli, kbli, validKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha, pergerakanKelas, KelasUsahaError, type KelasUsaha } from './kelas.ts';
import { dalamKotak, kotakKota } from './lokasi.ts';
import { maskNik, periksaNib, periksaNik, periksaNpwp } from './nib.ts';
import { UMKM_KELOLA, UMKM_LIHAT, UMKM_NIK, UMKM_VERIFIKASI } from './permissions.ts';
import { JENIS_LEGALITAS, type JenisLegalitas, type StatusUsaha } from './tables.ts';

const body = (name: string, detail: string): FieldError => ({ pointer: `/body/${name}`, detail });

function fail(key: string, errors: FieldError[]): void {
  if (errors.length) throw badRequest(key, errors);
}

// ---- Views ----

export interface KbliView {
  kode: string;
  versi: string;
  judul: string | null;
  utama: boolean;
}

export interface KeuanganView {
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  pekerja: number | null;
  kelas: KelasUsaha;
  dasar: 'modal' | 'penjualan';
  /** Compared with the year before it (null for the first year). */
  gerak: 'naik' | 'turun' | 'tetap' | null;
}

export interface LegalitasView {
  id: string;
  jenis: JenisLegalitas;
  nomor: string;
  terbit: string | null;
  berlakuSampai: string | null;
  keterangan: string | null;
  /** Still valid today (no expiry, or not expired). */
  berlaku: boolean;
}

export interface LangkahView {
  status: StatusUsaha;
  catatan: string | null;
  at: string;
}

export interface UsahaRingkas {
  id: string;
  slug: string;
  nama: string;
  pemilikNama: string;
  /** Masked (0812****7890) in lists. */
  telepon: string | null;
  kecamatanKode: string;
  kelurahanKode: string;
  kelas: KelasUsaha | null;
  sektor: string | null;
  status: StatusUsaha;
  updatedAt: string;
}

export interface UsahaView extends Omit<UsahaRingkas, 'telepon'> {
  deskripsi: string | null;
  nib: string | null;
  npwp: string | null;
  /** Masked: 3273********0001, or null. The full NIK only through bacaNik. */
  nikSamaran: string | null;
  /** Full for the owner and officers who manage the business; masked otherwise. */
  telepon: string | null;
  email: string | null;
  alamat: string | null;
  rwId: string | null;
  lat: number | null;
  lng: number | null;
  tahunBerdiri: number | null;
  jumlahPekerja: number | null;
  umkmCenter: boolean;
  sentra: string | null;
  inkubator: string | null;
  sikap: boolean;
  kswpValid: boolean;
  kswpDicek: string | null;
  kbli: KbliView[];
  keuangan: KeuanganView[];
  legalitas: LegalitasView[];
  langkah: LangkahView[];
  /** What the viewer may do. */
  hak: { ubah: boolean; verifikasi: boolean; nik: boolean; milik: boolean };
}

const WIB = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });

/** Today's WIB date, YYYY-MM-DD. */
function hariIni(): string {
  return WIB.format(new Date());
}

function ringkas(u: UsahaRow): UsahaRingkas {
  return {
    id: u.id,
    slug: u.slug,
    nama: u.nama,
    pemilikNama: u.pemilik_nama,
    telepon: maskPhone(u.telepon),
    kecamatanKode: u.kecamatan_kode,
    kelurahanKode: u.kelurahan_kode,
    kelas: u.kelas,
    sektor: u.sektor,
    status: u.status,
    updatedAt: new Date(u.updated_at).toISOString(),
  };
}

async function view(trx: Tx, user: CurrentUser | null, u: UsahaRow): Promise<UsahaView> {
  const [kbliRows, keu, leg, langkah] = await Promise.all([
    trx
      .selectFrom('umkm_usaha_kbli')
      .selectAll()
      .where('usaha_id', '=', u.id)
      .orderBy('utama', 'desc')
      .orderBy('kode')
      .execute(),
    trx.selectFrom('umkm_keuangan').selectAll().where('usaha_id', '=', u.id).orderBy('tahun').execute(),
    trx
      .selectFrom('umkm_legalitas')
      .selectAll()
      .where('usaha_id', '=', u.id)
      .orderBy('jenis')
      .orderBy('created_at')
      .execute(),
    trx
      .selectFrom('umkm_usaha_langkah')
      .select(['status', 'catatan', 'at'])
      .where('usaha_id', '=', u.id)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const milik = pemilik(user, u);
  const kelola = milik || bisa(user, UMKM_KELOLA, u);
  const gerak = keu.length
    ? pergerakanKelas(keu.map((k) => ({ tahun: k.tahun, modal: k.modal, penjualan: k.penjualan })))
    : null;
  const today = hariIni();
  return {
    ...ringkas(u),
    deskripsi: u.deskripsi,
    nib: u.nib,
    npwp: u.npwp,
    nikSamaran: u.nik_samaran,
    telepon: kelola ? u.telepon : maskPhone(u.telepon),
    email: u.email,
    alamat: u.alamat,
    rwId: u.rw_id,
    lat: u.lat,
    lng: u.lng,
    tahunBerdiri: u.tahun_berdiri,
    jumlahPekerja: u.jumlah_pekerja,
    umkmCenter: u.umkm_center,
    sentra: u.sentra,
    inkubator: u.inkubator,
    sikap: u.sikap,
    kswpValid: u.kswp_valid,
    kswpDicek: u.kswp_dicek,
    kbli: kbliRows.map((k) => ({
      kode: k.kode,
      versi: k.versi,
      judul: kbli(k.kode, k.versi)?.judul ?? null,
      utama: k.utama,
    })),
    keuangan: keu.map((k, i) => ({
      tahun: k.tahun,
      modal: k.modal,
      penjualan: k.penjualan,
      pekerja: k.pekerja,
      kelas: k.kelas,
      dasar: k.dasar,
      gerak: ((g) => (g === undefined || g === 'awal' ? null : g))(gerak?.tahunan[i]?.gerak),
    })),
    legalitas: leg.map((l) => ({
      id: l.id,
      jenis: l.jenis,
      nomor: l.nomor,
      terbit: l.terbit,
      berlakuSampai: l.berlaku_sampai,
      keterangan: l.keterangan,
      berlaku: l.berlaku_sampai === null || l.berlaku_sampai >= today,
    })),
    langkah: langkah.map((l) => ({ status: l.status, catatan: l.catatan, at: new Date(l.at).toISOString() })),
    hak: {
      ubah: kelola && u.status !== 'ditolak',
      verifikasi: bisa(user, UMKM_VERIFIKASI, u),
      nik: bisa(user, UMKM_NIK, u),
      milik,
    },
  };
}

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

type UsahaValues = Partial<{
  nama: string;
  deskripsi: string | null;
  nib: string | null;
  npwp: string | null;
  pemilik_nama: string;
  nik_enc: string | null;
  nik_samaran: string | null;
  telepon: string | null;
  email: string | null;
  alamat: string | null;
  kecamatan_kode: string;
  kelurahan_kode: string;
  rw_id: string | null;
  lat: number | null;
  lng: number | null;
  tahun_berdiri: number | null;
  jumlah_pekerja: number | null;
  umkm_center: boolean;
  sentra: string | null;
  inkubator: string | null;
  sikap: boolean;
  kswp_valid: boolean;
  kswp_dicek: string | null;
}>;

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

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
    const t = normalisasiTelepon(input.telepon);
    if (t === null) v.telepon = null;
    else if (!teleponSah(t)) errors.push(body('telepon', 'umkm.err.telepon'));
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
  angka('tahunBerdiri', 'tahun_berdiri', 1900, Number(hariIni().slice(0, 4)));
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
    else if (!DATE_RE.test(d) || d > hariIni()) errors.push(body('kswpDicek', 'umkm.err.tanggal'));
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
async function slugBaru(trx: Tx, nama: string, kecuali?: string): Promise<string> {
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

function uniqueNib(err: unknown): never {
  if (
    (err as { code?: string }).code === '23505' &&
    String((err as Error).message).includes('umkm_usaha_nib')
  )
    throw badRequest('umkm.err.usaha', [body('nib', 'umkm.err.nibDipakai')]);
  throw err;
}

/**
 * Registers a business. The user becomes its owner, unless an officer with umkm.kelola over the
 * kelurahan enters it for someone else (`untukOrangLain`): then it has no owner account.
 */
export async function buatUsaha(
  trx: Tx,
  user: CurrentUser,
  tenantId: string,
  dataKey: Buffer,
  input: UsahaInput & { kbli?: string[] | undefined },
  opts: { untukOrangLain?: boolean; demo?: boolean } = {},
): Promise<UsahaView> {
  const v = await nilaiUsaha(trx, tenantId, dataKey, input, true);
  if (opts.untukOrangLain && !can(user, UMKM_KELOLA, v.kelurahan_kode!)) throw forbidden();
  const kode = input.kbli ? cekKbli(input.kbli) : [];
  const slug = await slugBaru(trx, v.nama!);
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
  await simpanKbli(trx, tenantId, row.id, kode);
  await langkah(trx, tenantId, row.id, 'draf', null, user.id);
  await indeksUsaha(trx, row.id);
  return getUsaha(trx, user, row.id);
}

/** Changes a business (the owner, or umkm.kelola); a verified business goes back to review when its identity changes. */
export async function ubahUsaha(
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
  if (v.nama && v.nama !== u.nama) set.slug = await slugBaru(trx, v.nama, u.id);
  await trx
    .updateTable('umkm_usaha')
    .set(set as never)
    .where('id', '=', u.id)
    .execute()
    .catch(uniqueNib);
  if (v.nama !== undefined || v.deskripsi !== undefined) await indeksUsaha(trx, u.id);
  return getUsaha(trx, user, u.id);
}

// ---- KBLI ----

function cekKbli(codes: string[]): string[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  codes.forEach((c, i) => {
    const k = String(c).trim();
    if (!validKbli(k, VERSI_KBLI_BAKU)) errors.push({ pointer: `/body/kbli/${i}`, detail: 'umkm.err.kbli' });
    else if (seen.has(k)) errors.push({ pointer: `/body/kbli/${i}`, detail: 'umkm.err.kbliGanda' });
    seen.add(k);
  });
  if (codes.length > 20) errors.push(body('kbli', 'umkm.err.kbliBanyak'));
  fail('umkm.err.usaha', errors);
  return [...seen];
}

async function simpanKbli(trx: Tx, tenantId: string, usahaId: string, kode: string[]): Promise<void> {
  await trx.deleteFrom('umkm_usaha_kbli').where('usaha_id', '=', usahaId).execute();
  if (kode.length) {
    await trx
      .insertInto('umkm_usaha_kbli')
      .values(
        kode.map((k, i) => ({
          tenant_id: tenantId,
          usaha_id: usahaId,
          versi: VERSI_KBLI_BAKU,
          kode: k,
          utama: i === 0,
        })),
      )
      .execute();
  }
  await trx
    .updateTable('umkm_usaha')
    .set({ sektor: kode[0] ? (kategoriKbli(kode[0])?.huruf ?? null) : null, updated_at: new Date() })
    .where('id', '=', usahaId)
    .execute();
}

/** Replaces the KBLI 2020 codes of a business; the first is the main one (its sector). */
export async function aturKbli(trx: Tx, user: CurrentUser, id: string, codes: string[]): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  await simpanKbli(trx, u.tenant_id, u.id, cekKbli(codes));
  return getUsaha(trx, user, u.id);
}

// ---- Yearly figures and class ----

export interface KeuanganInput {
  modal?: number | null | undefined;
  penjualan?: number | null | undefined;
  pekerja?: number | null | undefined;
}

/** Sets a year's figures; the class is computed (PP 7/2021) and the latest year's becomes the business's. */
export async function aturKeuangan(
  trx: Tx,
  user: CurrentUser,
  id: string,
  tahun: number,
  input: KeuanganInput,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const errors: FieldError[] = [];
  if (!Number.isInteger(tahun) || tahun < 1900 || tahun > Number(hariIni().slice(0, 4)))
    errors.push({ pointer: '/params/tahun', detail: 'umkm.err.tahun' });
  if (
    input.pekerja !== undefined &&
    input.pekerja !== null &&
    !(Number.isInteger(input.pekerja) && input.pekerja >= 0 && input.pekerja <= 100000)
  )
    errors.push(body('pekerja', 'umkm.err.angka'));
  const modal = input.modal ?? null;
  const penjualan = input.penjualan ?? null;
  if (modal === null && penjualan === null) errors.push(body('penjualan', 'umkm.err.modalAtauPenjualan'));
  let hasil: ReturnType<typeof kelasUsaha> | null = null;
  if (!errors.length) {
    try {
      hasil = kelasUsaha({ modal, penjualan });
    } catch (e) {
      if (!(e instanceof KelasUsahaError)) throw e;
      errors.push(body(e.kolom ?? 'penjualan', 'umkm.err.rupiah'));
    }
  }
  fail('umkm.err.keuangan', errors);
  const values = {
    modal,
    penjualan,
    pekerja: input.pekerja ?? null,
    kelas: hasil!.kelas,
    dasar: hasil!.dasar,
  };
  await trx
    .insertInto('umkm_keuangan')
    .values({ tenant_id: u.tenant_id, usaha_id: u.id, tahun, ...values })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'usaha_id', 'tahun']).doUpdateSet({ ...values, updated_at: new Date() }),
    )
    .execute();
  await perbaruiKelas(trx, u.id);
  return getUsaha(trx, user, u.id);
}

/** The business's class: that of its latest year of figures. */
export async function perbaruiKelas(trx: Tx, usahaId: string): Promise<void> {
  await sql`update umkm_usaha u set kelas = (
      select k.kelas from umkm_keuangan k where k.tenant_id = u.tenant_id and k.usaha_id = u.id
       order by k.tahun desc limit 1), updated_at = now()
     where u.id = ${usahaId}`.execute(trx);
}

// ---- Legality ----

export interface LegalitasInput {
  jenis: string;
  nomor: string;
  terbit?: string | null | undefined;
  berlakuSampai?: string | null | undefined;
  keterangan?: string | null | undefined;
}

export async function tambahLegalitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  input: LegalitasInput,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const errors: FieldError[] = [];
  const jenis = JENIS_LEGALITAS.find((j) => j === input.jenis);
  if (!jenis) errors.push(body('jenis', 'umkm.err.jenisLegalitas'));
  let nomor = cleanText(input.nomor);
  if (jenis === 'nib' || jenis === 'npwp') {
    const r = (jenis === 'nib' ? periksaNib : periksaNpwp)(nomor ?? '');
    if (r.ok) nomor = r.nilai;
    else errors.push(body('nomor', `umkm.alasan.${r.alasan}`));
  } else if (!nomor || nomor.length < 3 || nomor.length > 60) errors.push(body('nomor', 'umkm.err.nomor'));
  const tanggal = (name: 'terbit' | 'berlakuSampai') => {
    const d = input[name];
    if (d === undefined || d === null || d === '') return null;
    if (!DATE_RE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) {
      errors.push(body(name, 'umkm.err.tanggal'));
      return null;
    }
    return d;
  };
  const terbit = tanggal('terbit');
  const sampai = tanggal('berlakuSampai');
  if (terbit && terbit > hariIni()) errors.push(body('terbit', 'umkm.err.tanggalDepan'));
  if (terbit && sampai && sampai < terbit)
    errors.push(body('berlakuSampai', 'umkm.err.berlakuSebelumTerbit'));
  const keterangan = cleanText(input.keterangan);
  if (keterangan && keterangan.length > 300) errors.push(body('keterangan', 'umkm.err.panjang'));
  fail('umkm.err.legalitas', errors);
  const dup = await trx
    .selectFrom('umkm_legalitas')
    .select('id')
    .where('usaha_id', '=', u.id)
    .where('jenis', '=', jenis!)
    .where('nomor', '=', nomor!)
    .executeTakeFirst();
  if (dup) throw badRequest('umkm.err.legalitas', [body('nomor', 'umkm.err.legalitasAda')]);
  await trx
    .insertInto('umkm_legalitas')
    .values({
      tenant_id: u.tenant_id,
      usaha_id: u.id,
      jenis: jenis!,
      nomor: nomor!,
      terbit,
      berlaku_sampai: sampai,
      keterangan,
    })
    .execute();
  // The NIB and NPWP documents are the business's numbers.
  if (jenis === 'nib' || jenis === 'npwp') {
    await trx
      .updateTable('umkm_usaha')
      .set({ [jenis]: nomor!, updated_at: new Date() })
      .where('id', '=', u.id)
      .execute()
      .catch(uniqueNib);
  }
  return getUsaha(trx, user, u.id);
}

export async function hapusLegalitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  legalitasId: string,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  const r = /^[0-9a-f-]{36}$/i.test(legalitasId)
    ? await trx
        .deleteFrom('umkm_legalitas')
        .where('usaha_id', '=', u.id)
        .where('id', '=', legalitasId)
        .executeTakeFirst()
    : undefined;
  if (!r || Number(r.numDeletedRows) === 0)
    throw badRequest('umkm.err.legalitas', [body('id', 'umkm.err.legalitasTidakAda')]);
  return getUsaha(trx, user, u.id);
}

// ---- Verification ----

async function langkah(
  trx: Tx,
  tenantId: string,
  usahaId: string,
  status: StatusUsaha,
  catatan: string | null,
  oleh: string | null,
): Promise<void> {
  await trx
    .insertInto('umkm_usaha_langkah')
    .values({ tenant_id: tenantId, usaha_id: usahaId, status, catatan, oleh })
    .execute();
}

async function pindah(
  trx: Tx,
  u: UsahaRow,
  dari: readonly StatusUsaha[],
  ke: StatusUsaha,
  user: CurrentUser,
  catatan: string | null,
): Promise<void> {
  const r = await trx
    .updateTable('umkm_usaha')
    .set({
      status: ke,
      updated_at: new Date(),
      ...(ke === 'terverifikasi' || ke === 'ditolak'
        ? { diverifikasi_oleh: user.id, diverifikasi_at: new Date() }
        : {}),
    })
    .where('id', '=', u.id)
    .where('status', 'in', dari)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw conflict('umkm.err.statusSalah', { status: u.status });
  await langkah(trx, u.tenant_id, u.id, ke, catatan, user.id);
}

/**
 * What a business lacks before it can be submitted: a KBLI code and one year of figures (the
 * class), and a way to reach the owner (phone or email). Empty when complete.
 */
export async function kekuranganPengajuan(trx: Tx, u: UsahaRow): Promise<FieldError[]> {
  const out: FieldError[] = [];
  const k = await trx
    .selectFrom('umkm_usaha_kbli')
    .select('kode')
    .where('usaha_id', '=', u.id)
    .limit(1)
    .execute();
  if (!k.length) out.push({ pointer: '/kbli', detail: 'umkm.err.perluKbli' });
  const f = await trx
    .selectFrom('umkm_keuangan')
    .select('tahun')
    .where('usaha_id', '=', u.id)
    .limit(1)
    .execute();
  if (!f.length) out.push({ pointer: '/keuangan', detail: 'umkm.err.perluKeuangan' });
  if (!u.telepon && !u.email) out.push({ pointer: '/telepon', detail: 'umkm.err.perluKontak' });
  return out;
}

/** The owner (or umkm.kelola) submits the business for verification. */
export async function ajukanUsaha(trx: Tx, user: CurrentUser, id: string): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, 'pemilik');
  if (u.status !== 'draf' && u.status !== 'dikembalikan')
    throw conflict('umkm.err.statusSalah', { status: u.status });
  const kurang = await kekuranganPengajuan(trx, u);
  if (kurang.length) throw new HttpProblem(409, 'umkm.err.belumLengkap', { errors: kurang });
  await pindah(trx, u, ['draf', 'dikembalikan'], 'diajukan', user, null);
  return getUsaha(trx, user, u.id);
}

function catatanWajib(catatan: string | null | undefined, name: string): string {
  const c = cleanText(catatan);
  if (!c || c.length < 5 || c.length > 2000)
    throw badRequest('umkm.err.verifikasi', [body(name, 'umkm.err.catatan')]);
  return c;
}

export async function kembalikanUsaha(
  trx: Tx,
  user: CurrentUser,
  id: string,
  catatan: string,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, UMKM_VERIFIKASI);
  const c = catatanWajib(catatan, 'catatan');
  await pindah(trx, u, ['diajukan'], 'dikembalikan', user, c);
  return getUsaha(trx, user, u.id);
}

export async function verifikasiUsaha(
  trx: Tx,
  user: CurrentUser,
  id: string,
  catatan?: string | null,
): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, UMKM_VERIFIKASI);
  const c = cleanText(catatan);
  if (c && c.length > 2000) throw badRequest('umkm.err.verifikasi', [body('catatan', 'umkm.err.panjang')]);
  await pindah(trx, u, ['diajukan'], 'terverifikasi', user, c);
  return getUsaha(trx, user, u.id);
}

export async function tolakUsaha(trx: Tx, user: CurrentUser, id: string, alasan: string): Promise<UsahaView> {
  const u = await usahaUntuk(trx, user, id, UMKM_VERIFIKASI);
  const c = catatanWajib(alasan, 'alasan');
  await pindah(trx, u, ['diajukan', 'dikembalikan', 'terverifikasi'], 'ditolak', user, c);
  return getUsaha(trx, user, u.id);
}

// ---- Reads ----

export async function getUsaha(trx: Tx, user: CurrentUser | null, id: string): Promise<UsahaView> {
  return view(trx, user, await usahaUntuk(trx, user, id));
}

/** The full NIK of the owner: umkm.nik only; the read is audited with its purpose. */
export async function bacaNik(
  trx: Tx,
  user: CurrentUser,
  id: string,
  dataKey: Buffer,
  tujuan: string,
): Promise<{ usahaId: string; nik: string | null }> {
  const u = await usahaUntuk(trx, user, id, UMKM_NIK);
  const t = cleanText(tujuan);
  if (!t || t.length < 5 || t.length > 200)
    throw badRequest('umkm.err.nik', [{ pointer: '/query/tujuan', detail: 'umkm.err.tujuan' }]);
  if (!u.nik_enc) return { usahaId: u.id, nik: null };
  const nik = decrypt(dataKey, Buffer.from(u.nik_enc, 'base64'));
  await logRead(trx, u.tenant_id, 'umkm_usaha', u.id, { kolom: 'nik', tujuan: t });
  return { usahaId: u.id, nik };
}

/** The businesses the user owns. */
export async function usahaSaya(trx: Tx, user: CurrentUser): Promise<UsahaRingkas[]> {
  const rows = await trx
    .selectFrom('umkm_usaha')
    .selectAll()
    .where('pemilik_user_id', '=', user.id)
    .orderBy('created_at')
    .execute();
  return rows.map(ringkas);
}

export interface DaftarUsahaQuery {
  status?: StatusUsaha | undefined;
  kecamatan?: string | undefined;
  kelas?: KelasUsaha | undefined;
  q?: string | undefined;
  page: number;
  perPage: number;
}

/** The registry within the officer's areas, newest change first; phone numbers masked. */
export async function daftarUsaha(
  trx: Tx,
  user: CurrentUser,
  q: DaftarUsahaQuery,
): Promise<{ items: UsahaRingkas[]; total: number }> {
  if (!can(user, UMKM_LIHAT)) throw forbidden();
  const areas = areasFor(user, UMKM_LIHAT);
  let query = trx.selectFrom('umkm_usaha').where(dalamArea(areas));
  if (q.status) query = query.where('status', '=', q.status);
  if (q.kecamatan) query = query.where('kecamatan_kode', '=', q.kecamatan);
  if (q.kelas) query = query.where('kelas', '=', q.kelas);
  const text = cleanText(q.q);
  if (text) {
    const nib = text.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(nama)`, 'like', `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
        ...(nib.length >= 4 ? [eb('nib', 'like', `${nib}%`)] : []),
      ]),
    );
  }
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await query
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  return { items: rows.map(ringkas), total };
}
