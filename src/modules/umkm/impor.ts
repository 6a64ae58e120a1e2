/**
 * Importing businesses from a spreadsheet (XLSX or CSV), with a preview.
 *
 * Flow: an officer with umkm.impor uploads a file (at most 5 MB and 20.000 rows); a background
 * job (like the wilayah import) reads it and checks every row, recording progress, and stores a
 * row-by-row report (umkm_impor.laporan): the rows that will create or update a business and the
 * problems (row, column, message). NOTHING is written to the registry until an officer confirms.
 * Confirming queues a second background job (status 'mengimpor', progress on the page) that
 * re-reads and re-checks the file (the registry may have changed meanwhile) and, when the result
 * is still the one previewed, writes every row in one transaction; otherwise the import is back
 * at its preview, with the renewed report and a note why.
 *
 * Rules:
 *  - A file with invalid rows cannot be confirmed: the officer fixes the file and uploads it
 *    again (the report tells what to fix). A partial import would leave the registry and the
 *    file out of step, and the next upload of the fixed file would repeat the good rows anyway.
 *  - A row whose NIB belongs to a business of the city UPDATES that business (a re-import does
 *    not duplicate it); its empty cells leave the stored values unchanged. A row without NIB
 *    always creates a new business. The same NIB twice in one file is an error on the later rows.
 *  - New businesses have no owner account (pemilik_user_id null) and the status 'draf': the
 *    usual verification follows (an import does not replace checking the documents). Updates
 *    keep the business's status; a rejected business ('ditolak') cannot be updated.
 *  - Each row is validated by the registry's own rules: nilaiUsaha (the fields of a business),
 *    validKbli (KBLI 2020 codes) and kelasUsaha (figures and class, PP 7/2021). This file only
 *    turns spreadsheet cells into their input (header variants, "1.500.000", kelurahan by name,
 *    RW by number) and writes the valid rows in bulk. The audit trigger records every write.
 *  - The officer's umkm.impor area limits the kelurahan of new and updated businesses.
 *  - The file is kept only while it is needed: once imported, cancelled or failed, its content
 *    (which may hold NIKs) is erased; the report holds no personal data (row, NIB, name).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { withTenant, type Tx } from '../../platform/db/transaction.ts';
import type { Jobs, JobEnv, JobPayload } from '../../platform/jobs/jobs.ts';
import { actingRole, can, type CurrentUser } from '../../platform/auth/roles.ts';
import { getUser } from '../../platform/auth/service.ts';
import { HttpProblem, badRequest, conflict, notFound } from '../../platform/http/problem.ts';
import { translator, type Translator } from '../../platform/i18n/index.ts';
import { cleanText, slugify } from '../../platform/text.ts';
import {
  aliasIndex,
  checkSpreadsheet,
  headerColumns,
  normaliseHeader,
  normalisePhone,
  parseCount,
  readSpreadsheet,
  templateWorkbook,
  type FileCheck,
  type FileKind,
  type Sheet,
  type SheetRow,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet.ts';
import { findRwByNomor, listKecamatanRows, listKelurahanRows } from '../wilayah/repository.ts';
import { isUuid } from './access.ts';
import { indeksUsaha, tambahKata, teksCari } from './cari.ts';
import { kategoriKbli, validKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha, KelasUsahaError, type KelasUsaha } from './kelas.ts';
import { koordinatOf } from './lokasi.ts';
import { periksaNib } from './nib.ts';
import { UMKM_IMPOR } from './permissions.ts';
import type { BarisImpor, StatusImpor } from './tables.ts';
import { nilaiUsaha, type UsahaInput } from './usaha-service.ts';

export const IMPOR_JOB = 'umkm.impor';
export const MAX_FILE_BYTES = 5 * 1_048_576;
export const MAX_ROWS = 20_000;
/** Problems shown and returned at most (all are stored in the report). */
export const MAX_GALAT_TAMPIL = 1_000;
/** Rows written per INSERT. */
const POTONGAN = 500;

const LIMITS: SpreadsheetLimits = {
  prefix: 'umkm.impor.err',
  maxFileBytes: MAX_FILE_BYTES,
  maxRows: MAX_ROWS,
  maxXlsxUncompressed: 80 * 1_048_576,
};

// ---- Columns ----

export const KOLOM_IMPOR = [
  'nama_usaha',
  'nama_pemilik',
  'nib',
  'npwp',
  'nik',
  'telepon',
  'email',
  'alamat',
  'kelurahan',
  'rw',
  'lat',
  'lng',
  'tahun_berdiri',
  'jumlah_pekerja',
  'kbli',
  'tahun_data',
  'modal',
  'penjualan',
] as const;
export type KolomImpor = (typeof KOLOM_IMPOR)[number];
/** Columns every file must have (their cells may be empty on rows that update by NIB). */
export const KOLOM_WAJIB: readonly KolomImpor[] = ['nama_usaha', 'nama_pemilik', 'kelurahan'];

/** Header spellings accepted for each column, after normaliseHeader. */
const ALIAS: Record<KolomImpor, readonly string[]> = {
  nama_usaha: [
    'nama_usaha',
    'usaha',
    'nama',
    'nama_umkm',
    'nama_ukm',
    'nama_toko',
    'nama_bisnis',
    'nama_perusahaan',
    'nama_merek',
  ],
  nama_pemilik: [
    'nama_pemilik',
    'pemilik',
    'nama_pemilik_usaha',
    'pemilik_usaha',
    'nama_pengusaha',
    'pengusaha',
    'nama_pelaku_usaha',
    'pelaku_usaha',
    'penanggung_jawab',
    'nama_penanggung_jawab',
  ],
  nib: ['nib', 'no_nib', 'nomor_nib', 'nomor_induk_berusaha'],
  npwp: ['npwp', 'no_npwp', 'nomor_npwp', 'npwp_usaha'],
  nik: ['nik', 'no_nik', 'nomor_nik', 'nik_pemilik', 'no_ktp', 'nomor_ktp', 'ktp'],
  telepon: [
    'telepon',
    'telp',
    'tlp',
    'no_telp',
    'no_tlp',
    'no_telepon',
    'nomor_telepon',
    'nomor_telp',
    'hp',
    'no_hp',
    'nomor_hp',
    'handphone',
    'wa',
    'no_wa',
    'nomor_wa',
    'whatsapp',
    'kontak',
    'telepon_hp',
  ],
  email: ['email', 'e_mail', 'surel', 'alamat_email', 'surat_elektronik'],
  alamat: ['alamat', 'alamat_usaha', 'alamat_lengkap', 'alamat_tempat_usaha', 'jalan'],
  kelurahan: [
    'kelurahan',
    'kel',
    'kode_kelurahan',
    'kd_kel',
    'kode_kel',
    'nama_kelurahan',
    'kelurahan_desa',
    'desa_kelurahan',
    'desa',
  ],
  rw: ['rw', 'no_rw', 'nomor_rw', 'rukun_warga'],
  lat: ['lat', 'latitude', 'lintang', 'garis_lintang', 'koordinat_lintang', 'y'],
  lng: ['lng', 'lon', 'long', 'longitude', 'bujur', 'garis_bujur', 'koordinat_bujur', 'x'],
  tahun_berdiri: ['tahun_berdiri', 'berdiri', 'tahun_mulai', 'tahun_mulai_usaha', 'mulai_usaha'],
  jumlah_pekerja: [
    'jumlah_pekerja',
    'jml_pekerja',
    'pekerja',
    'tenaga_kerja',
    'jumlah_tenaga_kerja',
    'jml_tenaga_kerja',
    'jumlah_karyawan',
    'karyawan',
  ],
  kbli: ['kbli', 'kode_kbli', 'kbli_2020', 'kode_kbli_2020'],
  tahun_data: ['tahun_data', 'tahun', 'tahun_laporan', 'tahun_keuangan', 'tahun_omzet'],
  modal: ['modal', 'modal_usaha', 'jumlah_modal', 'aset', 'nilai_aset'],
  penjualan: [
    'penjualan',
    'penjualan_tahunan',
    'hasil_penjualan',
    'hasil_penjualan_tahunan',
    'omzet',
    'omzet_tahunan',
    'omset',
    'omset_tahunan',
  ],
};
const ALIAS_INDEX = aliasIndex(ALIAS);

export function kolomUntuk(header: string): KolomImpor | undefined {
  return ALIAS_INDEX.get(normaliseHeader(header));
}

/** What an upload is, decided from its content. */
export function periksaBerkas(buf: Buffer): FileCheck {
  return checkSpreadsheet(buf, LIMITS);
}

export function bacaBerkas(buf: Buffer, kind: FileKind): Promise<Sheet> {
  return readSpreadsheet(buf, kind, LIMITS);
}

// ---- Cells ----

/**
 * Whole rupiah as written in Indonesian spreadsheets: "1.500.000", "Rp 1.500.000,00", "1500000",
 * also "1,500,000"; a minus sign is kept (and refused by the class rules). NaN when it is not
 * a number. A fraction ("1500000.5" from a number cell) is returned as is, to be refused.
 */
export function parseRupiah(s: string): number {
  let t = s
    .trim()
    .replace(/^rp\.?/i, '')
    .replace(/\s/g, '');
  const negatif = t.startsWith('-');
  if (negatif) t = t.slice(1).replace(/^rp\.?/i, '');
  t = t.replace(/,(0{1,2}|-)$/, '');
  let n: number;
  if (/^\d{1,3}(\.\d{3})+$/.test(t)) n = Number(t.replaceAll('.', ''));
  else if (/^\d{1,3}(,\d{3})+$/.test(t)) n = Number(t.replaceAll(',', ''));
  else if (/^\d+(\.\d+)?$/.test(t)) n = Number(t);
  else return Number.NaN;
  return negatif ? -n : n;
}

/** A whole number ("12", "1.250"); NaN otherwise. */
export function parseBulat(s: string): number {
  return parseCount(s.replace(/\.0+$/, ''));
}

/** "RW 03", "003", "3" -> 3; NaN otherwise. */
export function parseRw(s: string): number {
  const m = /^(?:rw\.?\s*)?0*(\d{1,3})$/i.exec(s.trim());
  return m?.[1] !== undefined ? Number(m[1]) : Number.NaN;
}

/** KBLI codes of one cell: separated by commas, semicolons, slashes or spaces. */
export function pisahKbli(s: string): string[] {
  return s
    .split(/[,;/\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** "3273011001" -> "32.73.01.1001"; other text unchanged (spaces removed). */
function normalisasiKodeKelurahan(s: string): string {
  const t = s.replace(/\s+/g, '');
  if (/^\d{10}$/.test(t)) return `${t.slice(0, 2)}.${t.slice(2, 4)}.${t.slice(4, 6)}.${t.slice(6)}`;
  return t;
}

/** A kelurahan name for matching: lower case, without "Kelurahan"/"Kel."/"Desa", letters and digits. */
function kunciNama(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(kelurahan|kel\.?|desa)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface KelurahanKota {
  kode: string;
  nama: string;
  kecamatan: string;
}

export type CocokKelurahan =
  { ok: true; kode: string } | { ok: false; alasan: 'tidakAda' | 'ganda'; pilihan?: string };

/** Finds a kelurahan of the city by its code (with or without dots) or its name, if unambiguous. */
export function cocokKelurahan(input: string, daftar: readonly KelurahanKota[]): CocokKelurahan {
  const kode = normalisasiKodeKelurahan(input);
  if (/^\d/.test(kode)) {
    return daftar.some((k) => k.kode === kode) ? { ok: true, kode } : { ok: false, alasan: 'tidakAda' };
  }
  const kunci = kunciNama(input);
  const cocok = daftar.filter((k) => kunciNama(k.nama) === kunci);
  if (cocok.length === 1) return { ok: true, kode: cocok[0]!.kode };
  if (cocok.length === 0) return { ok: false, alasan: 'tidakAda' };
  return {
    ok: false,
    alasan: 'ganda',
    pilihan: cocok.map((k) => `${k.kode} (${k.kecamatan})`).join(', '),
  };
}

// ---- Checking ----

/** A problem of one row (row 1 is the header; 0 the whole file), as a message key and parameters. */
export interface MasalahBaris {
  baris: number;
  kolom: KolomImpor | null;
  kode: string;
  param?: Record<string, string | number>;
}

type NilaiUsaha = Awaited<ReturnType<typeof nilaiUsaha>>;

export interface KeuanganBaris {
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  pekerja: number | null;
  kelas: KelasUsaha;
  dasar: 'modal' | 'penjualan';
}

/** A valid row, ready to write. */
export interface RencanaBaris {
  baris: number;
  aksi: 'baru' | 'ubah';
  /** The business a row updates. */
  usahaId: string | null;
  namaLama: string | null;
  nama: string | null;
  nib: string | null;
  nilai: NilaiUsaha;
  /** KBLI 2020 codes (the first is the main one); null leaves them unchanged. */
  kbli: string[] | null;
  keuangan: KeuanganBaris | null;
}

export interface HasilPeriksa {
  jumlahBaris: number;
  rencana: RencanaBaris[];
  masalah: MasalahBaris[];
  /** Every row: what it will do, or its problems (the stored report). */
  laporan: BarisImporLengkap[];
}

/** A report row as stored: the message in Bahasa Indonesia, and its key to show it in the reader's language. */
export interface GalatLaporan {
  kolom: string;
  pesan: string;
  kode?: string;
  param?: Record<string, string | number>;
}
export type BarisImporLengkap = Omit<BarisImpor, 'errors'> & { errors: GalatLaporan[] };

export interface KonteksPeriksa {
  tenantId: string;
  cityName: string;
  /** Key for nilaiUsaha's NIK encryption (while only checking, the values are thrown away). */
  dataKey: Buffer;
  user: CurrentUser;
  /** Called about every 5 % of the rows with the number of rows checked. */
  progress?(diproses: number): Promise<void>;
}

/** nilaiUsaha's input fields -> columns of the file. */
const KOLOM_DARI_FIELD: Record<string, KolomImpor> = {
  nama: 'nama_usaha',
  pemilikNama: 'nama_pemilik',
  nib: 'nib',
  npwp: 'npwp',
  nik: 'nik',
  telepon: 'telepon',
  email: 'email',
  alamat: 'alamat',
  kelurahanKode: 'kelurahan',
  tahunBerdiri: 'tahun_berdiri',
  jumlahPekerja: 'jumlah_pekerja',
  lat: 'lat',
  lng: 'lng',
};

function tahunIni(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format());
}

interface UsahaAda {
  id: string;
  nib: string;
  nama: string;
  kelurahan_kode: string;
  status: string;
}

/** Businesses of the city with these NIBs. */
async function usahaDenganNib(trx: Tx, nibs: string[]): Promise<Map<string, UsahaAda>> {
  const out = new Map<string, UsahaAda>();
  for (let i = 0; i < nibs.length; i += 5_000) {
    const part = nibs.slice(i, i + 5_000);
    if (!part.length) continue;
    const rows = await trx
      .selectFrom('umkm_usaha')
      .select(['id', 'nib', 'nama', 'kelurahan_kode', 'status'])
      .where('nib', 'in', part)
      .execute();
    for (const r of rows) if (r.nib) out.set(r.nib, { ...r, nib: r.nib });
  }
  return out;
}

export async function kelurahanKota(trx: Tx, tenantId: string): Promise<KelurahanKota[]> {
  const kec = new Map((await listKecamatanRows(trx, tenantId)).map((k) => [k.kode, k.nama]));
  return (await listKelurahanRows(trx, tenantId)).map((k) => ({
    kode: k.kode,
    nama: k.nama,
    kecamatan: kec.get(k.induk ?? '') ?? '',
  }));
}

/**
 * Checks every row of a sheet against the registry's rules, as the user, without writing: the
 * valid rows become a plan (create, or update by NIB) and the others problems.
 */
export async function periksaSheet(
  trx: Tx,
  sheet: { header: string[]; rows: SheetRow[] },
  ctx: KonteksPeriksa,
): Promise<HasilPeriksa> {
  const masalah: MasalahBaris[] = [];
  const { index, twice } = headerColumns(sheet.header, kolomUntuk);
  for (const { column, header } of twice)
    masalah.push({ baris: 1, kolom: column, kode: 'umkm.impor.err.kolomGanda', param: { header } });
  for (const c of KOLOM_WAJIB)
    if (index[c] === undefined)
      masalah.push({ baris: 1, kolom: c, kode: 'umkm.impor.err.kolomTidakAda', param: { kolom: c } });
  if (sheet.rows.length === 0) masalah.push({ baris: 2, kolom: null, kode: 'umkm.impor.err.tanpaBaris' });
  if (masalah.length) return { jumlahBaris: sheet.rows.length, rencana: [], masalah, laporan: [] };

  const kelurahan = await kelurahanKota(trx, ctx.tenantId);
  const namaKelurahan = new Map(kelurahan.map((k) => [k.kode, k.nama]));
  const cell = (r: SheetRow, c: KolomImpor) => {
    const i = index[c];
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const nibFile = sheet.rows.map((r) => {
    const raw = cell(r, 'nib');
    const p = raw ? periksaNib(raw) : null;
    return p?.ok ? p.nilai : null;
  });
  const ada = await usahaDenganNib(trx, [...new Set(nibFile.filter((n): n is string => n !== null))]);
  const rwCache = new Map<string, string | null>();
  const nibPertama = new Map<string, number>();
  const rencana: RencanaBaris[] = [];
  const laporan: BarisImporLengkap[] = [];
  const tahunMaks = tahunIni();
  const step = Math.max(1, Math.ceil(sheet.rows.length / 20));

  for (const [i, r] of sheet.rows.entries()) {
    const mulai = masalah.length;
    const bad = (kolom: KolomImpor, kode: string, param?: Record<string, string | number>) =>
      masalah.push({ baris: r.row, kolom, kode, ...(param ? { param } : {}) });
    const nib = nibFile[i] ?? null;
    const lama = nib ? (ada.get(nib) ?? null) : null;

    // The same NIB earlier in the file.
    if (nib) {
      const pertama = nibPertama.get(nib);
      if (pertama !== undefined) bad('nib', 'umkm.impor.err.nibGanda', { baris: pertama });
      else nibPertama.set(nib, r.row);
    }
    if (lama && !can(ctx.user, UMKM_IMPOR, lama.kelurahan_kode))
      bad('nib', 'umkm.impor.err.nibLuarWilayah', { nib: lama.nib });
    else if (lama?.status === 'ditolak') bad('nib', 'umkm.impor.err.nibDitolak', { nib: lama.nib });

    // Spreadsheet cells -> the registry's input; empty cells are "not given".
    const input: UsahaInput = {};
    const teks = (c: KolomImpor, f: 'nama' | 'pemilikNama' | 'nib' | 'npwp' | 'nik' | 'email' | 'alamat') => {
      const v = cell(r, c);
      if (v) input[f] = v;
    };
    teks('nama_usaha', 'nama');
    teks('nama_pemilik', 'pemilikNama');
    teks('nib', 'nib');
    teks('npwp', 'npwp');
    teks('nik', 'nik');
    teks('email', 'email');
    teks('alamat', 'alamat');
    const tel = cell(r, 'telepon');
    if (tel) input.telepon = normalisePhone(tel);

    const kelIn = cell(r, 'kelurahan');
    let kelKode: string | null = null;
    if (kelIn) {
      const k = cocokKelurahan(kelIn, kelurahan);
      if (k.ok) {
        kelKode = k.kode;
        input.kelurahanKode = k.kode;
      } else if (k.alasan === 'ganda')
        bad('kelurahan', 'umkm.impor.err.kelurahanGanda', { nilai: kelIn, pilihan: k.pilihan ?? '' });
      else bad('kelurahan', 'umkm.impor.err.kelurahanTidakAda', { nilai: kelIn, kota: ctx.cityName });
    } else if (!lama) bad('kelurahan', 'umkm.err.wajib');

    // The RW by its number within the row's kelurahan (the registry keeps its id). A business
    // moved to another kelurahan without an RW loses its old one.
    let rwId: string | null | undefined;
    const rwIn = cell(r, 'rw');
    if (!rwIn && lama && kelKode && kelKode !== lama.kelurahan_kode) rwId = null;
    if (rwIn) {
      const nomor = parseRw(rwIn);
      const kelRw = kelKode ?? lama?.kelurahan_kode ?? null;
      if (!Number.isInteger(nomor) || nomor < 1 || nomor > 999)
        bad('rw', 'umkm.impor.err.rw', { nilai: rwIn });
      else if (kelRw) {
        const key = `${kelRw}/${nomor}`;
        if (!rwCache.has(key)) rwCache.set(key, (await findRwByNomor(trx, kelRw, nomor))?.id ?? null);
        const id = rwCache.get(key);
        if (id) rwId = id;
        else
          bad('rw', 'umkm.impor.err.rwTidakAda', { rw: nomor, kelurahan: namaKelurahan.get(kelRw) ?? kelRw });
      }
    }

    const bulat = (c: KolomImpor, f: 'tahunBerdiri' | 'jumlahPekerja') => {
      const v = cell(r, c);
      if (!v) return;
      const n = parseBulat(v);
      if (Number.isInteger(n)) input[f] = n;
      else bad(c, 'umkm.impor.err.bulat', { nilai: v });
    };
    bulat('tahun_berdiri', 'tahunBerdiri');
    bulat('jumlah_pekerja', 'jumlahPekerja');

    // The business's point: both cells or neither (nilaiUsaha checks the pair and the city);
    // a cell that is not a number is reported once, and the pair is then left out.
    let titikSalah = false;
    for (const [c, f] of [
      ['lat', 'lat'],
      ['lng', 'lng'],
    ] as const) {
      const v = cell(r, c);
      if (!v) continue;
      const x = koordinatOf(v);
      if (x !== null && x !== undefined && Number.isFinite(x)) input[f] = x;
      else {
        bad(c, 'umkm.impor.err.koordinat', { nilai: v.slice(0, 40) });
        titikSalah = true;
      }
    }
    if (titikSalah) {
      delete input.lat;
      delete input.lng;
    }

    // KBLI 2020 codes: the first is the main one.
    let kbliBaris: string[] | null = null;
    const kbliIn = cell(r, 'kbli');
    if (kbliIn) {
      const kode = pisahKbli(kbliIn);
      const seen = new Set<string>();
      for (const k of kode) {
        if (!validKbli(k, VERSI_KBLI_BAKU)) bad('kbli', 'umkm.impor.err.kbli', { kode: k });
        else if (seen.has(k)) bad('kbli', 'umkm.err.kbliGanda');
        seen.add(k);
      }
      if (kode.length > 20) bad('kbli', 'umkm.err.kbliBanyak');
      kbliBaris = [...seen];
    }

    // A year's figures and the class they give.
    let keuangan: KeuanganBaris | null = null;
    const modalIn = cell(r, 'modal');
    const jualIn = cell(r, 'penjualan');
    const tahunIn = cell(r, 'tahun_data');
    if (modalIn || jualIn) {
      const modal = modalIn ? parseRupiah(modalIn) : null;
      const penjualan = jualIn ? parseRupiah(jualIn) : null;
      let ok = true;
      if (modal !== null && Number.isNaN(modal)) {
        bad('modal', 'umkm.impor.err.rupiah', { nilai: modalIn });
        ok = false;
      }
      if (penjualan !== null && Number.isNaN(penjualan)) {
        bad('penjualan', 'umkm.impor.err.rupiah', { nilai: jualIn });
        ok = false;
      }
      const tahun = tahunIn ? parseBulat(tahunIn) : Number.NaN;
      if (!tahunIn) bad('tahun_data', 'umkm.impor.err.tahunData');
      else if (!Number.isInteger(tahun) || tahun < 1900 || tahun > tahunMaks)
        bad('tahun_data', 'umkm.err.tahun');
      if (ok) {
        try {
          const k = kelasUsaha({ modal, penjualan });
          if (Number.isInteger(tahun) && tahun >= 1900 && tahun <= tahunMaks)
            keuangan = {
              tahun,
              modal,
              penjualan,
              pekerja: input.jumlahPekerja ?? null,
              kelas: k.kelas,
              dasar: k.dasar,
            };
        } catch (e) {
          if (!(e instanceof KelasUsahaError)) throw e;
          bad(e.kolom === 'penjualan' ? 'penjualan' : 'modal', 'umkm.err.rupiah');
        }
      }
    } else if (tahunIn) bad('modal', 'umkm.err.modalAtauPenjualan');

    // The registry's own check of the business's fields.
    let nilai: NilaiUsaha | null = null;
    try {
      nilai = await nilaiUsaha(trx, ctx.tenantId, ctx.dataKey, input, lama === null);
    } catch (e) {
      if (!(e instanceof HttpProblem) || e.status !== 400) throw e;
      for (const fe of e.errors ?? []) {
        const field = fe.pointer.split('/')[2] ?? '';
        const kolom = KOLOM_DARI_FIELD[field];
        // The kelurahan and RW were already matched above; their problems are reported there.
        if (kolom === 'kelurahan' && masalah.slice(mulai).some((m) => m.kolom === 'kelurahan')) continue;
        if (kolom) bad(kolom, fe.detail);
      }
    }
    if (nilai && rwId !== undefined) nilai.rw_id = rwId;
    if (nilai?.kelurahan_kode && !can(ctx.user, UMKM_IMPOR, nilai.kelurahan_kode))
      bad('kelurahan', 'umkm.impor.err.luarWilayah', {
        nilai: namaKelurahan.get(nilai.kelurahan_kode) ?? kelIn,
      });

    const nama = nilai?.nama ?? lama?.nama ?? cleanText(cell(r, 'nama_usaha'));
    const errors = masalah.slice(mulai);
    if (errors.length === 0 && nilai) {
      rencana.push({
        baris: r.row,
        aksi: lama ? 'ubah' : 'baru',
        usahaId: lama?.id ?? null,
        namaLama: lama?.nama ?? null,
        nama: nama ?? null,
        nib,
        nilai,
        kbli: kbliBaris,
        keuangan,
      });
    }
    laporan.push({
      baris: r.row,
      nib: nib ?? (cell(r, 'nib').slice(0, 40) || null),
      nama: nama ? nama.slice(0, 160) : null,
      aksi: errors.length ? null : lama ? 'ubah' : 'baru',
      ...(nilai?.lat != null && nilai.lng != null
        ? { titik: [nilai.lat, nilai.lng] as [number, number] }
        : {}),
      errors: errors.map(galatLaporan),
    });
    if (ctx.progress && ((i + 1) % step === 0 || i + 1 === sheet.rows.length)) await ctx.progress(i + 1);
  }
  return { jumlahBaris: sheet.rows.length, rencana, masalah, laporan };
}

const bahasaIndonesia = translator('id');

function galatLaporan(m: MasalahBaris): GalatLaporan {
  return {
    kolom: m.kolom ?? '',
    pesan: bahasaIndonesia(m.kode, m.param),
    kode: m.kode,
    ...(m.param ? { param: m.param } : {}),
  };
}

/** Problems of the whole file (unreadable, headers) as a report. */
function laporanBerkas(masalah: MasalahBaris[]): BarisImporLengkap[] {
  const perBaris = new Map<number, GalatLaporan[]>();
  for (const m of masalah) perBaris.set(m.baris, [...(perBaris.get(m.baris) ?? []), galatLaporan(m)]);
  return [...perBaris].map(([baris, errors]) => ({ baris, nib: null, nama: null, aksi: null, errors }));
}

// ---- Applying ----

/** A slug for each new business, unique in the city (like the registry: name, then -2, -3 …). */
function slugUnik(taken: Set<string>, nama: string): string {
  const dasar = slugify(nama, 80);
  let slug = dasar;
  for (let i = 2; taken.has(slug); i++) slug = `${dasar}-${i}`;
  taken.add(slug);
  return slug;
}

function sektorDari(kbli: string[] | null): string | null {
  return kbli?.[0] ? (kategoriKbli(kbli[0])?.huruf ?? null) : null;
}

/** Columns an import row may change, with their SQL type (text unless given). */
const KOLOM_UBAH: Readonly<Record<string, string>> = {
  nama: 'text',
  pemilik_nama: 'text',
  nib: 'text',
  npwp: 'text',
  nik_enc: 'text',
  nik_samaran: 'text',
  telepon: 'text',
  email: 'text',
  alamat: 'text',
  kecamatan_kode: 'text',
  kelurahan_kode: 'text',
  rw_id: 'uuid',
  lat: 'double precision',
  lng: 'double precision',
  tahun_berdiri: 'integer',
  jumlah_pekerja: 'integer',
  slug: 'text',
  sektor: 'text',
  kelas: 'text',
};

/**
 * Updates many businesses in one statement: each object holds the business's id and only the
 * columns to change (a column it does not hold keeps its value; null clears it).
 */
async function ubahSekaligus(trx: Tx, rows: Record<string, unknown>[]): Promise<void> {
  for (const r of rows)
    for (const k of Object.keys(r))
      if (k !== 'id' && !(k in KOLOM_UBAH)) throw new Error(`impor: column ${k} cannot be updated in bulk`);
  const sets = Object.entries(KOLOM_UBAH).map(
    ([k, type]) =>
      sql`${sql.ref(k)} = case when v.d ? ${k} then (v.d->>${k})::${sql.raw(type)} else u.${sql.ref(k)} end`,
  );
  await sql`update umkm_usaha u set ${sql.join(sets)}, updated_at = now()
    from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as v(d)
    where u.id = (v.d->>'id')::uuid`.execute(trx);
}

/**
 * Writes a checked plan in the caller's transaction: new businesses in bulk (no owner account,
 * status draf, a first step in their history), updates row by row, the KBLI codes and figures of
 * both. Each business's class (the class of its latest year, as perbaruiKelas sets it) and the
 * search document of a new business (its stemmed name, as indeksUsaha builds it) are written with
 * the business instead of by two more statements per row; a renamed business is re-indexed with
 * indeksUsaha (its products' documents carry its name). impor.test.ts checks that perbaruiKelas
 * and indeksUsaha leave imported businesses unchanged.
 */
export async function terapkanRencana(
  trx: Tx,
  tenantId: string,
  user: CurrentUser,
  rencana: readonly RencanaBaris[],
  catatan: string,
  /** Called with the number of businesses written so far, after each batch. */
  kemajuan?: (ditulis: number) => Promise<void>,
): Promise<{ baru: number; diubah: number }> {
  const baru = rencana.filter((r) => r.aksi === 'baru');
  const ubah = rencana.filter((r) => r.aksi === 'ubah');
  const idBaris = new Map<number, string>();

  if (baru.length) {
    const taken = new Set((await trx.selectFrom('umkm_usaha').select('slug').execute()).map((r) => r.slug));
    const slugBaris = new Map<string, number>();
    const kata = new Set<string>();
    for (let i = 0; i < baru.length; i += POTONGAN) {
      const part = baru.slice(i, i + POTONGAN);
      const values = part.map((r) => {
        const slug = slugUnik(taken, r.nilai.nama!);
        slugBaris.set(slug, r.baris);
        // A new business has one year of figures at most, no description and no products: its
        // class is that year's (what perbaruiKelas gives) and its search document its stemmed
        // name (what indeksUsaha builds) — set here instead of two more statements per row.
        const a = teksCari(r.nilai.nama);
        for (const w of a.split(' ')) if (w && w.length <= 60) kata.add(w);
        return {
          ...r.nilai,
          tenant_id: tenantId,
          slug,
          pemilik_user_id: null,
          sektor: sektorDari(r.kbli),
          kelas: r.keuangan?.kelas ?? null,
          status: 'draf' as const,
          cari: sql`setweight(to_tsvector('simple', ${a}), 'A')`,
        };
      });
      const rows = await trx
        .insertInto('umkm_usaha')
        .values(values as never)
        .returning(['id', 'slug'])
        .execute()
        .catch(nibDipakai);
      for (const row of rows) idBaris.set(slugBaris.get(row.slug)!, row.id);
      await kemajuan?.(i + part.length);
    }
    const langkah = baru.map((r) => ({
      tenant_id: tenantId,
      usaha_id: idBaris.get(r.baris)!,
      status: 'draf' as const,
      catatan,
      oleh: user.id,
    }));
    for (let i = 0; i < langkah.length; i += POTONGAN)
      await trx
        .insertInto('umkm_usaha_langkah')
        .values(langkah.slice(i, i + POTONGAN))
        .execute();
    await tambahKata(trx, [...kata]);
  }

  // The latest year of figures of each updated business that gets figures: a row's year at or
  // after it decides the class (what perbaruiKelas would give), an earlier year does not.
  const tahunAkhir = new Map<string, number>();
  const denganKeu = ubah.filter((r) => r.keuangan).map((r) => r.usahaId!);
  for (let i = 0; i < denganKeu.length; i += POTONGAN) {
    const rows = await trx
      .selectFrom('umkm_keuangan')
      .select((eb) => ['usaha_id', eb.fn.max('tahun').as('tahun')])
      .where('usaha_id', 'in', denganKeu.slice(i, i + POTONGAN))
      .groupBy('usaha_id')
      .execute();
    for (const row of rows) tahunAkhir.set(row.usaha_id, Number(row.tahun));
  }

  const ubahan: Record<string, unknown>[] = [];
  const slugBaru = new Set<string>();
  for (const r of ubah) {
    const set: Record<string, unknown> = { ...r.nilai, id: r.usahaId! };
    if (r.kbli) set.sektor = sektorDari(r.kbli);
    if (r.keuangan && r.keuangan.tahun >= (tahunAkhir.get(r.usahaId!) ?? 0)) set.kelas = r.keuangan.kelas;
    if (r.nilai.nama && r.nilai.nama !== r.namaLama) {
      const dasar = slugify(r.nilai.nama, 80);
      const taken = new Set(
        (
          await trx
            .selectFrom('umkm_usaha')
            .select('slug')
            .where('slug', 'like', `${dasar}%`)
            .where('id', '<>', r.usahaId!)
            .execute()
        ).map((x) => x.slug),
      );
      for (const x of slugBaru) taken.add(x);
      set.slug = slugUnik(taken, r.nilai.nama);
      slugBaru.add(set.slug as string);
    }
    ubahan.push(set);
    idBaris.set(r.baris, r.usahaId!);
  }
  for (let i = 0; i < ubahan.length; i += POTONGAN) {
    const part = ubahan.slice(i, i + POTONGAN);
    await ubahSekaligus(trx, part).catch(nibDipakai);
    await kemajuan?.(baru.length + i + part.length);
  }

  // KBLI codes: a row with codes replaces the business's codes.
  const denganKbli = rencana.filter((r) => r.kbli !== null);
  const gantiKbli = denganKbli.filter((r) => r.aksi === 'ubah').map((r) => r.usahaId!);
  for (let i = 0; i < gantiKbli.length; i += POTONGAN)
    await trx
      .deleteFrom('umkm_usaha_kbli')
      .where('usaha_id', 'in', gantiKbli.slice(i, i + POTONGAN))
      .execute();
  const kbliRows = denganKbli.flatMap((r) =>
    r.kbli!.map((kode, i) => ({
      tenant_id: tenantId,
      usaha_id: idBaris.get(r.baris)!,
      versi: VERSI_KBLI_BAKU,
      kode,
      utama: i === 0,
    })),
  );
  for (let i = 0; i < kbliRows.length; i += POTONGAN)
    await trx
      .insertInto('umkm_usaha_kbli')
      .values(kbliRows.slice(i, i + POTONGAN))
      .execute();

  // A year's figures: added, or replacing that year's.
  const keu = rencana
    .filter((r) => r.keuangan)
    .map((r) => ({ tenant_id: tenantId, usaha_id: idBaris.get(r.baris)!, ...r.keuangan! }));
  for (let i = 0; i < keu.length; i += POTONGAN)
    await trx
      .insertInto('umkm_keuangan')
      .values(keu.slice(i, i + POTONGAN))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'usaha_id', 'tahun']).doUpdateSet((eb) => ({
          modal: eb.ref('excluded.modal'),
          penjualan: eb.ref('excluded.penjualan'),
          pekerja: eb.ref('excluded.pekerja'),
          kelas: eb.ref('excluded.kelas'),
          dasar: eb.ref('excluded.dasar'),
          updated_at: new Date(),
        })),
      )
      .execute();
  // A renamed business's search documents (its own and its products').
  for (const r of ubah)
    if (r.nilai.nama !== undefined && r.nilai.nama !== r.namaLama) await indeksUsaha(trx, r.usahaId!);

  return { baru: baru.length, diubah: ubah.length };
}

function nibDipakai(err: unknown): never {
  if (
    (err as { code?: string }).code === '23505' &&
    String((err as Error).message).includes('umkm_usaha_nib')
  )
    throw conflict('umkm.impor.err.berubah');
  throw err;
}

// ---- Imports: upload, background check, preview, confirm, cancel ----

export interface ImporRingkas {
  id: string;
  namaFile: string;
  status: StatusImpor;
  jumlahBaris: number | null;
  diproses: number;
  /** 0..100 while checking or importing; 100 once done. */
  persen: number;
  valid: number;
  galat: number;
  baru: number;
  ubah: number;
  /** New businesses without NIB (always created, never matched on a re-import). */
  baruTanpaNib: number;
  hasil: { baru: number; diubah: number } | null;
  dibuatAt: string;
  diperbaruiAt: string;
  milik: boolean;
}

export interface ImporView extends ImporRingkas {
  /** Why a confirmed import is back at its preview, in the reader's language; else null. */
  catatan: string | null;
  /** Problems, one per row and column, in the reader's language (at most MAX_GALAT_TAMPIL). */
  masalah: { baris: number; kolom: string | null; pesan: string }[];
  masalahLebih: number;
  /** One page of the rows that will create or update a business (or did), with the point they set. */
  baris: {
    baris: number;
    aksi: 'baru' | 'ubah';
    nib: string | null;
    nama: string | null;
    titik: [number, number] | null;
  }[];
  barisTotal: number;
  /** What the viewer may do now. */
  bisaKonfirmasi: boolean;
  bisaBatal: boolean;
}

type ImporRow = {
  id: string;
  nama_file: string;
  status: StatusImpor;
  jumlah_baris: number | null;
  baris_valid: number | null;
  diproses: number;
  laporan: BarisImpor[] | null;
  hasil: { baru: number; diubah: number } | null;
  catatan: string | null;
  dibuat_oleh: string | null;
  created_at: Date;
  updated_at: Date;
};

const KOLOM_ROW = [
  'id',
  'nama_file',
  'status',
  'jumlah_baris',
  'baris_valid',
  'diproses',
  'laporan',
  'hasil',
  'catatan',
  'dibuat_oleh',
  'created_at',
  'updated_at',
] as const;

/**
 * A confirmed import whose writing job shows no progress for this long is taken as lost (the
 * server stopped mid-write, the job was dropped): its transaction wrote nothing or was rolled
 * back, so the import goes back to its preview with a note and may be confirmed again. The job
 * records progress (and updated_at) at least every 5 % of the re-check and every 500 rows written,
 * so a live job never comes near it.
 */
export const BATAS_MACET_MENIT = 30;

/**
 * Puts every import of the city left at 'mengimpor' without progress for BATAS_MACET_MENIT back
 * at 'pratinjau' with the note umkm.impor.err.macet. Run whenever imports are read (list, page,
 * API), so a lost import never stays 'mengimpor' for longer than that in anyone's eyes. A job
 * that was only slow finds its import no longer 'mengimpor' at its end and rolls back.
 */
export async function pulihkanImporMacet(trx: Tx): Promise<number> {
  const r = await trx
    .updateTable('umkm_impor')
    .set({
      status: 'pratinjau',
      catatan: 'umkm.impor.err.macet',
      diproses: sql<number>`coalesce(jumlah_baris, 0)`,
      updated_at: new Date(),
    })
    .where('status', '=', 'mengimpor')
    .where('updated_at', '<', sql<Date>`now() - make_interval(mins => ${BATAS_MACET_MENIT})`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** An import is visible to whoever uploaded it and to those who may import for the whole city. */
function lihatSemua(user: CurrentUser): boolean {
  return can(user, UMKM_IMPOR, user.tenantId);
}

function laporanDari(r: { laporan: unknown }): BarisImporLengkap[] {
  return Array.isArray(r.laporan) ? (r.laporan as BarisImporLengkap[]) : [];
}

function ringkas(r: ImporRow, user: CurrentUser): ImporRingkas {
  const laporan = laporanDari(r);
  let valid = 0;
  let galat = 0;
  let baru = 0;
  let ubah = 0;
  let baruTanpaNib = 0;
  for (const b of laporan) {
    if (b.errors?.length) galat++;
    else if (b.aksi) {
      valid++;
      if (b.aksi === 'baru') {
        baru++;
        if (!b.nib) baruTanpaNib++;
      } else ubah++;
    }
  }
  // Checking counts the rows once; importing checks them again and then writes them.
  const langkah = (r.jumlah_baris ?? 0) * (r.status === 'mengimpor' ? 2 : 1);
  const persen =
    r.status === 'diperiksa' || r.status === 'mengimpor'
      ? langkah > 0
        ? Math.min(99, Math.floor((r.diproses / langkah) * 100))
        : 0
      : 100;
  return {
    id: r.id,
    namaFile: r.nama_file,
    status: r.status,
    jumlahBaris: r.jumlah_baris,
    diproses: r.diproses,
    persen,
    valid,
    galat,
    baru,
    ubah,
    baruTanpaNib,
    hasil: r.hasil && typeof r.hasil === 'object' ? r.hasil : null,
    dibuatAt: new Date(r.created_at).toISOString(),
    diperbaruiAt: new Date(r.updated_at).toISOString(),
    milik: r.dibuat_oleh === user.id,
  };
}

async function cariImpor(trx: Tx, user: CurrentUser, id: string, kunci = false): Promise<ImporRow> {
  const r = isUuid(id)
    ? await trx
        .selectFrom('umkm_impor')
        .select(KOLOM_ROW)
        .where('id', '=', id)
        .$if(kunci, (q) => q.forUpdate())
        .executeTakeFirst()
    : undefined;
  if (!r || (r.dibuat_oleh !== user.id && !lihatSemua(user))) throw notFound('umkm.impor.err.tidakAda');
  return r as ImporRow;
}

/** Stores an upload and queues its check. Returns the import's id. */
export async function buatImpor(
  trx: Tx,
  jobs: Jobs,
  tenantId: string,
  user: CurrentUser,
  file: { content: unknown; fileName?: string | undefined },
): Promise<string> {
  const field = (detail: string) => [{ pointer: '/body/berkas', detail }];
  if (!Buffer.isBuffer(file.content)) throw badRequest('error.validation', field('umkm.impor.err.empty'));
  const check = periksaBerkas(file.content);
  if (!check.ok) throw badRequest('error.validation', field(check.code));
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const given = cleanText(file.fileName?.replace(/[\\/]/g, '_'))?.slice(0, 200);
  const row = await trx
    .insertInto('umkm_impor')
    .values({
      tenant_id: tenantId,
      nama_file: given || `impor-umkm-${stamp}.${check.kind}`,
      isi: file.content,
      status: 'diperiksa',
      dibuat_oleh: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await jobs.send(trx, IMPOR_JOB, { tenantId, userId: user.id, imporId: row.id });
  return row.id;
}

export async function daftarImpor(trx: Tx, user: CurrentUser, limit = 20): Promise<ImporRingkas[]> {
  await pulihkanImporMacet(trx);
  const rows = await trx
    .selectFrom('umkm_impor')
    .select(KOLOM_ROW)
    .$if(!lihatSemua(user), (q) => q.where('dibuat_oleh', '=', user.id))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ringkas(r as ImporRow, user));
}

export async function getImpor(
  trx: Tx,
  user: CurrentUser,
  id: string,
  t: Translator,
  page: { page: number; perPage: number } = { page: 1, perPage: 100 },
): Promise<ImporView> {
  await pulihkanImporMacet(trx);
  const r = await cariImpor(trx, user, id);
  const s = ringkas(r, user);
  const laporan = laporanDari(r);
  const masalah: ImporView['masalah'] = [];
  let semua = 0;
  for (const b of laporan) {
    for (const e of b.errors ?? []) {
      semua++;
      if (masalah.length < MAX_GALAT_TAMPIL)
        masalah.push({
          baris: b.baris,
          kolom: e.kolom || null,
          pesan: e.kode ? t(e.kode, e.param) : e.pesan,
        });
    }
  }
  const valid = laporan.filter((b) => b.aksi && !b.errors?.length);
  const start = (page.page - 1) * page.perPage;
  return {
    ...s,
    catatan: r.catatan ? t(r.catatan) : null,
    masalah,
    masalahLebih: semua - masalah.length,
    baris: valid.slice(start, start + page.perPage).map((b) => ({
      baris: b.baris,
      aksi: b.aksi!,
      nib: b.nib,
      nama: b.nama,
      titik: b.titik ?? null,
    })),
    barisTotal: valid.length,
    bisaKonfirmasi: r.status === 'pratinjau' && s.galat === 0 && s.valid > 0,
    bisaBatal: r.status === 'pratinjau' || r.status === 'diperiksa',
  };
}

function userFromSummary(u: Awaited<ReturnType<typeof getUser>>, tenantId: string): CurrentUser {
  return {
    id: u.id,
    tenantId,
    email: u.email,
    name: u.name,
    mustChangePassword: u.mustChangePassword,
    roles: u.roles.map((r) => ({ role: r.role, areaKode: r.areaKode, module: r.module })),
  };
}

async function namaKota(trx: Tx, tenantId: string): Promise<string> {
  const r = await trx.selectFrom('wilayah').select('nama').where('kode', '=', tenantId).executeTakeFirst();
  return r?.nama ?? tenantId;
}

/** Reads and checks a stored file; file-level problems come back as `masalah` with no plan. */
async function periksaIsi(trx: Tx, isi: Buffer, ctx: KonteksPeriksa): Promise<HasilPeriksa> {
  const check = periksaBerkas(isi);
  const sheet = check.ok ? await bacaBerkas(isi, check.kind) : null;
  if (!check.ok || !sheet || !sheet.ok) {
    const kode = !check.ok ? check.code : sheet && !sheet.ok ? sheet.code : 'umkm.impor.err.unreadable';
    const param = sheet && !sheet.ok ? sheet.params : undefined;
    const masalah = [{ baris: 0, kolom: null, kode, ...(param ? { param } : {}) }];
    return { jumlahBaris: 0, rencana: [], masalah, laporan: [] };
  }
  return periksaSheet(trx, sheet, ctx);
}

/** A check that failed as a whole (no row-by-row report): the file cannot be imported. */
function gagalSeluruhnya(h: HasilPeriksa): boolean {
  return h.laporan.length === 0 && h.masalah.length > 0;
}

const KOSONG = Buffer.alloc(0);

/** A background step of an import, loaded as the user who asked for it. */
interface Tugas {
  imporId: string;
  tenantId: string;
  /** The user, if still active; null otherwise. */
  user: CurrentUser | null;
  row: Pick<ImporRow, 'status' | 'nama_file' | 'jumlah_baris' | 'laporan'> & { isi: Buffer };
  cityName: string;
  /** A transaction of the city, as that user (in their import role). */
  run<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  /** Records progress (umkm_impor.diproses) in its own short transaction. */
  kemajuan(diproses: number): Promise<void>;
}

/** Loads the import of a job when it is still in `status` (a job that comes late does nothing). */
async function mulaiTugas(db: Db, payload: JobPayload, status: StatusImpor): Promise<Tugas | null> {
  const { tenantId, userId } = payload;
  const imporId = typeof payload.imporId === 'string' ? payload.imporId : null;
  if (!userId || !imporId) return null;
  const loaded = await withTenant(db, tenantId, { userId, role: 'sistem', requestId: null }, async (trx) => {
    const row = await trx
      .selectFrom('umkm_impor')
      .select(['status', 'isi', 'nama_file', 'jumlah_baris', 'laporan'])
      .where('id', '=', imporId)
      .executeTakeFirst();
    if (!row || row.status !== status) return null;
    let user: CurrentUser | null = null;
    try {
      const u = await getUser(trx, userId);
      if (u.active) user = userFromSummary(u, tenantId);
    } catch (err) {
      if (!(err instanceof HttpProblem)) throw err;
    }
    return { row: row as Tugas['row'], user, cityName: await namaKota(trx, tenantId) };
  });
  if (!loaded) return null;
  const actor = {
    userId,
    role: loaded.user ? (actingRole(loaded.user, UMKM_IMPOR) ?? 'sistem') : 'sistem',
    requestId: null,
  };
  const run = <T>(fn: (trx: Tx) => Promise<T>) => withTenant(db, tenantId, actor, fn);
  return {
    imporId,
    tenantId,
    ...loaded,
    run,
    kemajuan: (diproses) =>
      run((trx) =>
        trx
          .updateTable('umkm_impor')
          .set({ diproses, updated_at: new Date() })
          .where('id', '=', imporId)
          .execute(),
      ).then(() => undefined),
  };
}

/** Both background steps of an import share its queue: the check of an upload, and the writes. */
export async function jalankanImpor(db: Db, payload: JobPayload, env: JobEnv): Promise<void> {
  if (payload.tahap === 'tulis') await jalankanTulis(db, payload, env.config.dataKey);
  else await jalankanPeriksa(db, payload);
}

/**
 * The background check of an upload: reads the file, checks every row (progress about every
 * 5 %), and stores the report as a preview, or the file's problems as a failure. Business
 * failures end as status "gagal"; the job itself does not fail.
 */
async function jalankanPeriksa(db: Db, payload: JobPayload): Promise<void> {
  const tugas = await mulaiTugas(db, payload, 'diperiksa');
  if (!tugas) return;
  const { imporId, tenantId, user, row, cityName, run } = tugas;
  const simpan = (h: HasilPeriksa) =>
    run(async (trx) => {
      const gagal = gagalSeluruhnya(h);
      await trx
        .updateTable('umkm_impor')
        .set({
          status: gagal ? 'gagal' : 'pratinjau',
          jumlah_baris: h.jumlahBaris,
          diproses: h.jumlahBaris,
          baris_valid: h.rencana.length,
          laporan: JSON.stringify(gagal ? laporanBerkas(h.masalah) : h.laporan),
          ...(gagal ? { isi: KOSONG } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'diperiksa')
        .execute();
    });

  try {
    if (!user || !can(user, UMKM_IMPOR)) {
      await simpan({
        jumlahBaris: 0,
        rencana: [],
        laporan: [],
        masalah: [{ baris: 0, kolom: null, kode: 'umkm.impor.err.tanpaHak' }],
      });
      return;
    }
    const check = periksaBerkas(row.isi);
    const sheet = check.ok ? await bacaBerkas(row.isi, check.kind) : null;
    if (sheet?.ok) {
      const total = sheet.rows.length;
      await run((trx) =>
        trx
          .updateTable('umkm_impor')
          .set({ jumlah_baris: total, diproses: 0 })
          .where('id', '=', imporId)
          .execute(),
      );
      const hasil = await run((trx) =>
        periksaSheet(trx, sheet, {
          tenantId,
          cityName,
          // Only checking: nilaiUsaha's encrypted NIK is thrown away, so any key does.
          dataKey: randomBytes(32),
          user,
          progress: tugas.kemajuan,
        }),
      );
      await simpan(hasil);
    } else {
      await simpan(
        await run((trx) => periksaIsi(trx, row.isi, { tenantId, cityName, dataKey: randomBytes(32), user })),
      );
    }
  } catch (err) {
    console.error(`[umkm.impor] import ${imporId} failed:`, err);
    await simpan({
      jumlahBaris: 0,
      rencana: [],
      laporan: [],
      masalah: [{ baris: 0, kolom: null, kode: 'umkm.impor.err.internal' }],
    }).catch(() => {});
  }
}

/** The rows a plan will write, to compare a new check with the preview the officer saw. */
function sidik(laporan: readonly BarisImporLengkap[]): string {
  return laporan.map((b) => `${b.baris}:${b.aksi ?? '-'}:${b.nib ?? ''}:${b.errors?.length ?? 0}`).join('|');
}

/**
 * Confirms a clean preview: the import becomes 'mengimpor' and its writes are queued (a job, so
 * a 20,000-row file does not hold the officer's request for tens of seconds). The job runs as
 * this officer; jalankanTulis says what it does.
 */
export async function konfirmasiImpor(trx: Tx, jobs: Jobs, user: CurrentUser, id: string): Promise<void> {
  const r = await cariImpor(trx, user, id, true);
  if (r.status !== 'pratinjau') throw conflict('umkm.impor.err.bukanPratinjau');
  const s = ringkas(r, user);
  if (s.galat > 0) throw conflict('umkm.impor.err.masihGalat', { jumlah: s.galat });
  if (s.valid === 0) throw conflict('umkm.impor.err.tanpaBaris');
  await trx
    .updateTable('umkm_impor')
    .set({ status: 'mengimpor', diproses: 0, catatan: null, updated_at: new Date() })
    .where('id', '=', r.id)
    .execute();
  await jobs.send(trx, IMPOR_JOB, {
    tenantId: user.tenantId,
    userId: user.id,
    imporId: r.id,
    tahap: 'tulis',
  });
}

/**
 * The writes of a confirmed import, as the confirming officer: re-reads and re-checks the file
 * (the registry may have changed since the preview) and, when the result is still the preview's
 * (no invalid rows, the same rows to create and update), writes every row in ONE transaction and
 * erases the file ('diimpor'). Otherwise nothing is written: the import is back at 'pratinjau'
 * with the renewed report and a note saying why (or 'gagal' if the file can no longer be read).
 * The import's row is not locked meanwhile (the progress is written beside the transaction);
 * 'mengimpor' itself keeps it from being confirmed or cancelled twice.
 */
async function jalankanTulis(db: Db, payload: JobPayload, dataKey: Buffer): Promise<void> {
  const tugas = await mulaiTugas(db, payload, 'mengimpor');
  if (!tugas) return;
  const { imporId, tenantId, row, cityName, run } = tugas;
  const total = row.jumlah_baris ?? 0;
  const kembali = (catatan: string, h?: HasilPeriksa) =>
    run(async (trx) => {
      const gagal = h !== undefined && gagalSeluruhnya(h);
      await trx
        .updateTable('umkm_impor')
        .set({
          status: gagal ? 'gagal' : 'pratinjau',
          catatan,
          diproses: h?.jumlahBaris ?? total,
          ...(h
            ? {
                laporan: JSON.stringify(gagal ? laporanBerkas(h.masalah) : h.laporan),
                baris_valid: h.rencana.length,
                jumlah_baris: h.jumlahBaris,
              }
            : {}),
          ...(gagal ? { isi: KOSONG } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'mengimpor')
        .execute();
    });
  const user = tugas.user;
  if (!user || !can(user, UMKM_IMPOR)) {
    await kembali('umkm.impor.err.tanpaHak');
    return;
  }
  const periksa = (trx: Tx, progress?: (n: number) => Promise<void>) =>
    periksaIsi(trx, row.isi, { tenantId, cityName, dataKey, user, ...(progress ? { progress } : {}) });
  try {
    const berubah = await run(async (trx) => {
      const h = await periksa(trx, tugas.kemajuan);
      if (h.masalah.length > 0 || sidik(h.laporan) !== sidik(laporanDari(row))) return h;
      const hasil = await terapkanRencana(
        trx,
        tenantId,
        user,
        h.rencana,
        bahasaIndonesia('umkm.impor.langkahCatatan', { file: row.nama_file.slice(0, 150) }),
        (ditulis) => tugas.kemajuan(total + ditulis),
      );
      const done = await trx
        .updateTable('umkm_impor')
        .set({
          status: 'diimpor',
          hasil: JSON.stringify(hasil),
          isi: KOSONG,
          diproses: 2 * total,
          updated_at: new Date(),
        })
        .where('id', '=', imporId)
        .where('status', '=', 'mengimpor')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new Error(`import ${imporId} left 'mengimpor' meanwhile`);
      return null;
    });
    if (berubah) await kembali('umkm.impor.err.berubah', berubah);
  } catch (err) {
    // A NIB taken by another business between the check and the write (conflict): renew the
    // report so the officer sees it. Anything else: nothing was written; they may confirm again.
    const konflik = err instanceof HttpProblem && err.status === 409;
    if (!konflik) console.error(`[umkm.impor] writing import ${imporId} failed:`, err);
    await (
      konflik
        ? run((trx) => periksa(trx)).then((h) => kembali('umkm.impor.err.berubah', h))
        : kembali('umkm.impor.err.gagalTulis')
    ).catch((e: unknown) => console.error(`[umkm.impor] import ${imporId}:`, e));
  }
}

/** Cancels an import not yet done: nothing is written and the file is erased. */
export async function batalkanImpor(trx: Tx, user: CurrentUser, id: string): Promise<void> {
  const r = await cariImpor(trx, user, id, true);
  if (r.status !== 'pratinjau' && r.status !== 'diperiksa') throw conflict('umkm.impor.err.bukanPratinjau');
  await trx
    .updateTable('umkm_impor')
    .set({ status: 'dibatalkan', isi: KOSONG, updated_at: new Date() })
    .where('id', '=', r.id)
    .execute();
}

// ---- Template ----

/** The template: the columns, instructions with an example, and the city's kelurahan. */
export async function templatImpor(
  t: Translator,
  kelurahan: readonly KelurahanKota[],
  headers: { kode: string; kelurahan: string; kecamatan: string },
): Promise<Buffer> {
  const teks = new Set<KolomImpor>(['nib', 'npwp', 'nik', 'telepon', 'kelurahan', 'kbli']);
  return templateWorkbook({
    columns: KOLOM_IMPOR.map((c) => ({
      header: c,
      width: c === 'nama_usaha' || c === 'nama_pemilik' || c === 'alamat' ? 30 : c === 'email' ? 24 : 16,
      text: teks.has(c),
    })),
    instructions: {
      title: t('umkm.impor.title'),
      lines: [
        t('umkm.impor.intro'),
        t('umkm.impor.aturan', { max: MAX_ROWS }),
        t('umkm.impor.aturanNib'),
        t('umkm.impor.contoh'),
      ],
      columns: KOLOM_IMPOR.map((c) => [c, t(`umkm.impor.kol.${c}`)]),
    },
    lists: [
      {
        name: headers.kelurahan,
        columns: [
          { header: headers.kode, key: 'kode', width: 16 },
          { header: headers.kelurahan, key: 'nama', width: 30 },
          { header: headers.kecamatan, key: 'kecamatan', width: 30 },
        ],
        rows: [...kelurahan],
      },
    ],
  });
}
