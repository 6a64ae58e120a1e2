/**
 * The spreadsheet side of the UMKM import: the file limits, the columns and the header spellings
 * accepted for each, and the readers of single cells (rupiah, whole numbers, RW, KBLI lists,
 * kelurahan by code or name). Pure functions; impor-check.ts applies them row by row.
 */
import {
  aliasIndex,
  checkSpreadsheet,
  normaliseHeader,
  parseCount,
  readSpreadsheet,
  type FileCheck,
  type FileKind,
  type Sheet,
  type SpreadsheetLimits,
} from '../../platform/spreadsheet.ts';

export const MAX_FILE_BYTES = 5 * 1_048_576;
export const MAX_ROWS = 20_000;

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

/** Header spellings accepted for each column, after normaliseHeader, separated by spaces. */
const ALIAS: Record<KolomImpor, string> = {
  nama_usaha: 'nama_usaha usaha nama nama_umkm nama_ukm nama_toko nama_bisnis nama_perusahaan nama_merek',
  nama_pemilik:
    'nama_pemilik pemilik nama_pemilik_usaha pemilik_usaha nama_pengusaha pengusaha nama_pelaku_usaha pelaku_usaha penanggung_jawab nama_penanggung_jawab',
  nib: 'nib no_nib nomor_nib nomor_induk_berusaha',
  npwp: 'npwp no_npwp nomor_npwp npwp_usaha',
  nik: 'nik no_nik nomor_nik nik_pemilik no_ktp nomor_ktp ktp',
  telepon:
    'telepon telp tlp no_telp no_tlp no_telepon nomor_telepon nomor_telp hp no_hp nomor_hp handphone wa no_wa nomor_wa whatsapp kontak telepon_hp',
  email: 'email e_mail surel alamat_email surat_elektronik',
  alamat: 'alamat alamat_usaha alamat_lengkap alamat_tempat_usaha jalan',
  kelurahan: 'kelurahan kel kode_kelurahan kd_kel kode_kel nama_kelurahan kelurahan_desa desa_kelurahan desa',
  rw: 'rw no_rw nomor_rw rukun_warga',
  lat: 'lat latitude lintang garis_lintang koordinat_lintang y',
  lng: 'lng lon long longitude bujur garis_bujur koordinat_bujur x',
  tahun_berdiri: 'tahun_berdiri berdiri tahun_mulai tahun_mulai_usaha mulai_usaha',
  jumlah_pekerja:
    'jumlah_pekerja jml_pekerja pekerja tenaga_kerja jumlah_tenaga_kerja jml_tenaga_kerja jumlah_karyawan karyawan',
  kbli: 'kbli kode_kbli kbli_2020 kode_kbli_2020',
  tahun_data: 'tahun_data tahun tahun_laporan tahun_keuangan tahun_omzet',
  modal: 'modal modal_usaha jumlah_modal aset nilai_aset',
  penjualan:
    'penjualan penjualan_tahunan hasil_penjualan hasil_penjualan_tahunan omzet omzet_tahunan omset omset_tahunan',
};
const ALIAS_INDEX = aliasIndex(
  Object.fromEntries(KOLOM_IMPOR.map((k) => [k, ALIAS[k].split(' ')])) as Record<KolomImpor, string[]>,
);

export function columnFor(header: string): KolomImpor | undefined {
  return ALIAS_INDEX.get(normaliseHeader(header));
}

/** What an upload is, decided from its content. */
export function checkImporFile(buf: Buffer): FileCheck {
  return checkSpreadsheet(buf, LIMITS);
}

export function readImporFile(buf: Buffer, kind: FileKind): Promise<Sheet> {
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
export function splitKbli(s: string): string[] {
  return s
    .split(/[,;/\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

/** "3273011001" -> "32.73.01.1001"; other text unchanged (spaces removed). */
function normaliseKelurahanKode(s: string): string {
  const t = s.replace(/\s+/g, '');
  if (/^\d{10}$/.test(t)) return `${t.slice(0, 2)}.${t.slice(2, 4)}.${t.slice(4, 6)}.${t.slice(6)}`;
  return t;
}

/** A kelurahan name for matching: lower case, without "Kelurahan"/"Kel."/"Desa", letters and digits. */
function nameKey(s: string): string {
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

export type KelurahanMatch =
  { ok: true; kode: string } | { ok: false; alasan: 'tidakAda' | 'ganda'; pilihan?: string };

/** Finds a kelurahan of the city by its code (with or without dots) or its name, if unambiguous. */
export function matchKelurahan(input: string, daftar: readonly KelurahanKota[]): KelurahanMatch {
  const kode = normaliseKelurahanKode(input);
  if (/^\d/.test(kode)) {
    return daftar.some((k) => k.kode === kode) ? { ok: true, kode } : { ok: false, alasan: 'tidakAda' };
  }
  const kunci = nameKey(input);
  const cocok = daftar.filter((k) => nameKey(k.nama) === kunci);
  if (cocok.length === 1) return { ok: true, kode: cocok[0]!.kode };
  if (cocok.length === 0) return { ok: false, alasan: 'tidakAda' };
  return {
    ok: false,
    alasan: 'ganda',
    pilihan: cocok.map((k) => `${k.kode} (${k.kecamatan})`).join(', '),
  };
}
