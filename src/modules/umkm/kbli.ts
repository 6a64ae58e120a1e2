/**
 * KBLI (Klasifikasi Baku Lapangan Usaha Indonesia): look-up, title search and validation of
 * business-field codes, with no database.
 *
 * Source: KBLI 2020, set by Peraturan BPS 2/2020; the data is in data/kbli (see its README for
 * source and attribution). Levels: golongan pokok (2 digits), golongan (3), subgolongan (4),
 * kelompok (5). Business fields are registered in OSS under 5-digit kelompok codes (the annex of
 * PP 5/2021 lists them at that level), so validKbli accepts kelompok codes only; kbli() finds
 * every level.
 *
 * A code means nothing without its version: KBLI 2025 (Peraturan BPS 7/2025) can give a number
 * another meaning, or drop it. Every entry carries its `versi`, every function takes the version
 * (default 2020, the version OSS NIBs have carried so far), and a stored code must be stored
 * with its version. Adding KBLI 2025 = adding its file to data/kbli and to BERKAS below.
 *
 * Each version's file is read once, on first use, from the repository's data folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { projectRoot } from '../../platform/config.ts';

export const VERSI_KBLI = ['2020'] as const;
export type VersiKbli = (typeof VERSI_KBLI)[number];
export const VERSI_KBLI_BAKU: VersiKbli = '2020';

/** Data file of each version, under data/kbli. */
const BERKAS: Record<VersiKbli, string> = { '2020': 'kbli-2020.csv' };

export const dataDir = path.join(projectRoot, 'data', 'kbli');

/** Levels, from the broadest; a code of level i has i + 2 digits. */
export const TINGKAT_KBLI = ['golongan_pokok', 'golongan', 'subgolongan', 'kelompok'] as const;
export type TingkatKbli = (typeof TINGKAT_KBLI)[number];

/** A code with its version: how a KBLI code is passed around and stored. */
export interface RefKbli {
  readonly versi: VersiKbli;
  readonly kode: string;
}

export interface EntriKbli extends RefKbli {
  readonly tingkat: TingkatKbli;
  readonly judul: string;
  /** The code one level up (same version); null for a golongan pokok. */
  readonly induk: string | null;
}

interface Tabel {
  entri: readonly EntriKbli[];
  perKode: ReadonlyMap<string, EntriKbli>;
  anak: ReadonlyMap<string, readonly EntriKbli[]>;
  /** Normalised title words of each entry, same order as entri. */
  kata: readonly (readonly string[])[];
}

export function isVersiKbli(v: unknown): v is VersiKbli {
  return (VERSI_KBLI as readonly unknown[]).includes(v);
}

/** Lower case, accents removed, split into words of letters and digits. */
function kataDari(teks: string): string[] {
  return teks
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Parses and checks a KBLI file (kode,tingkat,judul,induk): each code has the digits of its
 * level, is unique, and its induk is the code one level up. Throws on the first fault, naming
 * the line. A parent missing from the file is tolerated (the 2020 file lacks the subgolongan
 * 4942, 7410 and 7730 but has their kelompok): the kelompok stay valid codes.
 */
export function uraiKbliCsv(teks: string, versi: VersiKbli): EntriKbli[] {
  const nama = `data/kbli/${BERKAS[versi]}`;
  const baris = parseCsv(teks, { skip_empty_lines: true, bom: true }) as string[][];
  const header = baris.shift();
  if (header?.join(',') !== 'kode,tingkat,judul,induk') throw new Error(`${nama}: unexpected header`);
  const entri: EntriKbli[] = [];
  const perKode = new Map<string, EntriKbli>();
  baris.forEach((b, i) => {
    const salah = (why: string) => new Error(`${nama}: line ${i + 2}: ${why}`);
    if (b.length !== 4) throw salah('expected 4 columns');
    const [kode = '', tingkat = '', judul = '', induk = ''] = b.map((s) => s.trim());
    const level = TINGKAT_KBLI.indexOf(tingkat as TingkatKbli);
    if (level < 0) throw salah(`unknown tingkat "${tingkat}"`);
    if (!new RegExp(`^[0-9]{${level + 2}}$`).test(kode)) throw salah(`bad kode "${kode}" for ${tingkat}`);
    if (perKode.has(kode)) throw salah(`duplicate kode ${kode}`);
    if (!judul) throw salah('empty judul');
    if (level === 0 ? induk !== '' : induk !== kode.slice(0, -1)) {
      throw salah(`bad induk "${induk}" for ${kode}`);
    }
    const e: EntriKbli = Object.freeze({
      versi,
      kode,
      tingkat: tingkat as TingkatKbli,
      judul,
      induk: induk || null,
    });
    entri.push(e);
    perKode.set(kode, e);
  });
  return entri;
}

const cache = new Map<VersiKbli, Tabel>();

function tabel(versi: VersiKbli): Tabel {
  let t = cache.get(versi);
  if (!t) {
    const file = path.resolve(dataDir, BERKAS[versi]);
    if (path.dirname(file) !== dataDir) throw new Error(`KBLI file outside data/kbli: ${BERKAS[versi]}`);
    const entri = Object.freeze(uraiKbliCsv(readFileSync(file, 'utf8'), versi));
    const anak = new Map<string, EntriKbli[]>();
    for (const e of entri) {
      if (e.induk) anak.set(e.induk, [...(anak.get(e.induk) ?? []), e]);
    }
    t = {
      entri,
      perKode: new Map(entri.map((e) => [e.kode, e])),
      anak,
      kata: entri.map((e) => kataDari(e.judul)),
    };
    cache.set(versi, t);
  }
  return t;
}

/** Every entry of a version, in file order (each parent before its children). */
export function semuaKbli(versi: VersiKbli = VERSI_KBLI_BAKU): readonly EntriKbli[] {
  return tabel(versi).entri;
}

/** The entry of a code at any level, or null (also for an unknown version). */
export function kbli(kode: string, versi: string = VERSI_KBLI_BAKU): EntriKbli | null {
  if (!isVersiKbli(versi) || typeof kode !== 'string') return null;
  return tabel(versi).perKode.get(kode.trim()) ?? null;
}

/**
 * Is this a 5-digit kelompok code of that KBLI version (the level a business is registered
 * under)? Higher-level codes, unknown codes and unknown versions are not valid.
 */
export function validKbli(kode: string, versi: string = VERSI_KBLI_BAKU): boolean {
  return kbli(kode, versi)?.tingkat === 'kelompok';
}

/**
 * The code with its ancestors, from the golongan pokok down (an ancestor missing from the data
 * file is skipped); empty when the code is unknown.
 */
export function jalurKbli(kode: string, versi: string = VERSI_KBLI_BAKU): EntriKbli[] {
  const e = kbli(kode, versi);
  if (!e) return [];
  const jalur: EntriKbli[] = [];
  for (let n = 2; n < e.kode.length; n++) {
    const atas = kbli(e.kode.slice(0, n), e.versi);
    if (atas) jalur.push(atas);
  }
  jalur.push(e);
  return jalur;
}

/** The codes one level below (as listed in the file); empty for a kelompok or an unknown code. */
export function anakKbli(kode: string, versi: string = VERSI_KBLI_BAKU): readonly EntriKbli[] {
  const e = kbli(kode, versi);
  return e ? (tabel(e.versi).anak.get(e.kode) ?? []) : [];
}

export interface OpsiCariKbli {
  versi?: string;
  /** Only entries of this level (e.g. kelompok, for a registration form). */
  tingkat?: TingkatKbli;
  /** Maximum number of results: 20 by default, at most 100. */
  batas?: number;
}

/**
 * Search by title words and/or code prefix. Each word of the query (case and accents ignored)
 * must begin a word of the title; a word of digits must begin the code instead. Entries where
 * more query words are whole title words come first, then by code. An empty query, or an
 * unknown version, finds nothing.
 */
export function cariKbli(teks: string, opsi: OpsiCariKbli = {}): EntriKbli[] {
  const versi = opsi.versi ?? VERSI_KBLI_BAKU;
  if (!isVersiKbli(versi) || typeof teks !== 'string') return [];
  const batas = Math.min(100, Math.max(1, Math.trunc(opsi.batas ?? 20) || 20));
  const cari = kataDari(teks);
  if (cari.length === 0) return [];
  const kodeAwal = cari.filter((w) => /^[0-9]+$/.test(w));
  const kata = cari.filter((w) => !/^[0-9]+$/.test(w));
  const t = tabel(versi);
  const hasil: { e: EntriKbli; skor: number }[] = [];
  t.entri.forEach((e, i) => {
    if (opsi.tingkat && e.tingkat !== opsi.tingkat) return;
    if (!kodeAwal.every((k) => e.kode.startsWith(k))) return;
    const judul = t.kata[i] ?? [];
    let skor = 0;
    for (const w of kata) {
      if (judul.includes(w)) skor++;
      else if (!judul.some((j) => j.startsWith(w))) return;
    }
    hasil.push({ e, skor });
  });
  hasil.sort((a, b) => b.skor - a.skor || (a.e.kode < b.e.kode ? -1 : 1));
  return hasil.slice(0, batas).map((h) => h.e);
}

/**
 * KBLI 2020 kategori (sections A–U) by golongan pokok (the first two digits), as in the KBLI
 * 2020 structure (Peraturan BPS 2/2020): the "sector" of filters and dashboards.
 */
const KATEGORI_KBLI: readonly { huruf: string; dari: number; sampai: number; judul: string }[] = (
  [
    ['A', 1, 3, 'Pertanian, Kehutanan dan Perikanan'],
    ['B', 5, 9, 'Pertambangan dan Penggalian'],
    ['C', 10, 33, 'Industri Pengolahan'],
    ['D', 35, 35, 'Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin'],
    ['E', 36, 39, 'Treatment Air, Treatment Air Limbah, Treatment dan Pemulihan Material Sampah'],
    ['F', 41, 43, 'Konstruksi'],
    ['G', 45, 47, 'Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor'],
    ['H', 49, 53, 'Pengangkutan dan Pergudangan'],
    ['I', 55, 56, 'Penyediaan Akomodasi dan Penyediaan Makan Minum'],
    ['J', 58, 63, 'Informasi dan Komunikasi'],
    ['K', 64, 66, 'Aktivitas Keuangan dan Asuransi'],
    ['L', 68, 68, 'Real Estat'],
    ['M', 69, 75, 'Aktivitas Profesional, Ilmiah dan Teknis'],
    [
      'N',
      77,
      82,
      'Aktivitas Penyewaan dan Sewa Guna Usaha Tanpa Hak Opsi, Ketenagakerjaan, Agen Perjalanan dan Penunjang Usaha Lainnya',
    ],
    ['O', 84, 84, 'Administrasi Pemerintahan, Pertahanan dan Jaminan Sosial Wajib'],
    ['P', 85, 85, 'Pendidikan'],
    ['Q', 86, 88, 'Aktivitas Kesehatan Manusia dan Aktivitas Sosial'],
    ['R', 90, 93, 'Kesenian, Hiburan dan Rekreasi'],
    ['S', 94, 96, 'Aktivitas Jasa Lainnya'],
    ['T', 97, 98, 'Aktivitas Rumah Tangga sebagai Pemberi Kerja'],
    ['U', 99, 99, 'Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya'],
  ] as const
).map(([huruf, dari, sampai, judul]) => ({ huruf, dari, sampai, judul }));

/** The kategori (section letter and title, in Indonesian) of a KBLI code of any level, or null. */
export function kategoriKbli(kode: string): { huruf: string; judul: string } | null {
  if (!/^[0-9]{2}/.test(kode)) return null;
  const gp = Number(kode.slice(0, 2));
  const k = KATEGORI_KBLI.find((x) => gp >= x.dari && gp <= x.sampai);
  return k ? { huruf: k.huruf, judul: k.judul } : null;
}

/** Every kategori, A to U. */
export function daftarKategoriKbli(): readonly { huruf: string; judul: string }[] {
  return KATEGORI_KBLI.map((k) => ({ huruf: k.huruf, judul: k.judul }));
}
