/**
 * e-Katalog readiness: the checklist of a business and of each of its products, as a pure
 * function of their data at a date (no database).
 *
 * What LKPP asks before a product can be listed in e-Katalog: the business has an NIB (OSS) and
 * an NPWP with a valid tax status (KSWP), a KBLI matching the product, is registered in SIKaP
 * and has a showcase (etalase) open for its kind of product; the product has its data (name —
 * fixed once submitted —, brand, SKU, local or imported, unit, price) and, where relevant, TKDN,
 * SNI or halal certification.
 *
 * Rules and simplifications, each an item of the checklist:
 *  - terverifikasi: the city verified the business (the registry is the city's guarantee).
 *  - nib / npwp: the number on the profile, or a legality entry of that kind valid at the date.
 *  - kswp: the owner (or an officer) checked the tax status as valid within the last
 *    BATAS_KSWP_HARI days, and not after the date; an older check has to be repeated.
 *  - sikap: ticked on the profile once the business is registered in SIKaP.
 *  - kbli_usaha: the business has at least one KBLI code.
 *  - Product data: nama, merek (a brand name), sku, asal, satuan, harga > 0, foto (at least one).
 *  - kbli: the product's KBLI code is a valid kelompok code and one of the business's codes in
 *    the same KBLI version. The guidance says which of the three is wrong.
 *  - etalase: LKPP opens showcases per kind of product; Balai does not know LKPP's list of
 *    showcases, so "a showcase is open for this product" is modelled as: the product has a
 *    specific category (not 'lainnya') and a KBLI code. A product without a KBLI code therefore
 *    misses both kbli and etalase.
 *  - halal (wajib): for food and drink (KATEGORI_HALAL_WAJIB), and for any product the owner
 *    marks halal: a legality entry of jenis 'halal' valid at the date. The flag alone is a claim,
 *    not a certificate.
 *  - sni (wajib): for products the owner marks SNI, and for categories the caller names as
 *    SNI-mandatory (opsi.kategoriSniWajib, empty by default: mandatory SNI is set per product by
 *    ministerial regulations, not for a whole category of this catalogue): a legality entry of
 *    jenis 'sni' valid at the date.
 *  - merek_terdaftar (bersyarat): a legality entry of jenis 'merek' valid at the date.
 *  - tkdn (bersyarat): local products with a TKDN value.
 * A 'bersyarat' item is advice: the product is ready (siap) when every 'wajib' item is ok.
 *
 * Each item carries the message keys of its title and of the guidance telling the owner what to
 * do: umkm.ekatalog.syarat.<kode> and umkm.ekatalog.saran.<kode> (kbli has one guidance key per
 * reason).
 */
import { validKbli } from './kbli.ts';
import { addDays } from '../../platform/waktu.ts';
import type { JenisLegalitas, KategoriProduk, StatusUsaha } from './tables.ts';

export const LEVEL_SYARAT = ['wajib', 'bersyarat'] as const;
export type LevelSyarat = (typeof LEVEL_SYARAT)[number];

export const KODE_SYARAT_USAHA = ['terverifikasi', 'nib', 'npwp', 'kswp', 'sikap', 'kbli_usaha'] as const;
export const KODE_SYARAT_PRODUK = [
  'nama',
  'merek',
  'sku',
  'asal',
  'satuan',
  'harga',
  'foto',
  'kbli',
  'etalase',
  'halal',
  'sni',
  'merek_terdaftar',
  'tkdn',
] as const;
export type KodeSyaratUsaha = (typeof KODE_SYARAT_USAHA)[number];
export type KodeSyaratProduk = (typeof KODE_SYARAT_PRODUK)[number];
export type KodeSyarat = KodeSyaratUsaha | KodeSyaratProduk;

export interface ItemSyarat {
  kode: KodeSyarat;
  ok: boolean;
  level: LevelSyarat;
  /** Message key of the item's title. */
  judul: string;
  /** Message key of what the owner should do (shown when not ok). */
  saran: string;
}

/** Food and drink need a halal certificate. */
export const KATEGORI_HALAL_WAJIB: readonly KategoriProduk[] = ['makanan', 'minuman'];
/** A KSWP check older than this many days must be repeated. */
export const BATAS_KSWP_HARI = 365;

export interface LegalitasData {
  jenis: JenisLegalitas;
  nomor: string;
  terbit: string | null;
  berlaku_sampai: string | null;
}

export interface UsahaData {
  status: StatusUsaha;
  nib: string | null;
  npwp: string | null;
  sikap: boolean;
  kswp_valid: boolean;
  /** Date (YYYY-MM-DD) the tax status was checked. */
  kswp_dicek: string | null;
  kbli: readonly { versi: string; kode: string }[];
  legalitas: readonly LegalitasData[];
}

export interface ProdukData {
  nama: string;
  kategori: KategoriProduk;
  merek: string | null;
  sku: string | null;
  asal: 'lokal' | 'impor' | null;
  satuan: string | null;
  harga: number;
  kbli_versi: string | null;
  kbli_kode: string | null;
  /** TKDN percentage (numeric columns read as strings), null when unknown. */
  tkdn: number | string | null;
  halal: boolean;
  sni: boolean;
  jumlah_foto: number;
}

export interface OpsiSyarat {
  /** Categories where SNI is mandatory for every product (default none). */
  kategoriSniWajib?: readonly KategoriProduk[];
}

export interface ChecklistUsaha {
  items: ItemSyarat[];
  siap: boolean;
}

export interface ChecklistProduk {
  usaha: ItemSyarat[];
  produk: ItemSyarat[];
  /** Codes of the 'wajib' items not ok (business first), empty when ready. */
  kurang: KodeSyarat[];
  siap: boolean;
}

function item(kode: KodeSyarat, ok: boolean, level: LevelSyarat = 'wajib', saran?: string): ItemSyarat {
  return {
    kode,
    ok,
    level,
    judul: `umkm.ekatalog.syarat.${kode}`,
    saran: saran ?? `umkm.ekatalog.saran.${kode}`,
  };
}

const isi = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

/** Is the legality entry valid at the date (issued by then, not expired)? Dates are YYYY-MM-DD. */
export function berlakuPada(l: Pick<LegalitasData, 'terbit' | 'berlaku_sampai'>, tanggal: string): boolean {
  return (
    (l.terbit === null || l.terbit <= tanggal) && (l.berlaku_sampai === null || l.berlaku_sampai >= tanggal)
  );
}

/**
 * The legality entry of a kind valid at the date that lasts longest (no expiry first), or null.
 */
export function legalitasBerlaku(
  legalitas: readonly LegalitasData[],
  jenis: JenisLegalitas,
  tanggal: string,
): LegalitasData | null {
  let best: LegalitasData | null = null;
  for (const l of legalitas) {
    if (l.jenis !== jenis || !berlakuPada(l, tanggal)) continue;
    if (!best || best.berlaku_sampai === null) {
      best ??= l;
      continue;
    }
    if (l.berlaku_sampai === null || l.berlaku_sampai > best.berlaku_sampai) best = l;
  }
  return best;
}

/** The business's NIB: on its profile, else a valid legality entry. */
export function nibUsaha(u: Pick<UsahaData, 'nib' | 'legalitas'>, tanggal: string): string | null {
  return u.nib ?? legalitasBerlaku(u.legalitas, 'nib', tanggal)?.nomor ?? null;
}

/** The business's NPWP: on its profile, else a valid legality entry. */
export function npwpUsaha(u: Pick<UsahaData, 'npwp' | 'legalitas'>, tanggal: string): string | null {
  return u.npwp ?? legalitasBerlaku(u.legalitas, 'npwp', tanggal)?.nomor ?? null;
}

/** Is the KSWP check valid at the date? */
export function kswpBerlaku(u: Pick<UsahaData, 'kswp_valid' | 'kswp_dicek'>, tanggal: string): boolean {
  return (
    u.kswp_valid &&
    u.kswp_dicek !== null &&
    u.kswp_dicek <= tanggal &&
    u.kswp_dicek > addDays(tanggal, -BATAS_KSWP_HARI)
  );
}

/** The business's checklist at a date (YYYY-MM-DD). */
export function syaratUsaha(u: UsahaData, tanggal: string): ChecklistUsaha {
  const items = [
    item('terverifikasi', u.status === 'terverifikasi'),
    item('nib', nibUsaha(u, tanggal) !== null),
    item('npwp', npwpUsaha(u, tanggal) !== null),
    item('kswp', kswpBerlaku(u, tanggal)),
    item('sikap', u.sikap),
    item('kbli_usaha', u.kbli.length > 0),
  ];
  return { items, siap: items.every((i) => i.ok || i.level !== 'wajib') };
}

/** Why the product's KBLI code does not do, or null when it does. */
export function masalahKbli(
  u: Pick<UsahaData, 'kbli'>,
  p: Pick<ProdukData, 'kbli_versi' | 'kbli_kode'>,
): 'kosong' | 'tidak_sah' | 'bukan_usaha' | null {
  if (!p.kbli_kode || !p.kbli_versi) return 'kosong';
  if (!validKbli(p.kbli_kode, p.kbli_versi)) return 'tidak_sah';
  if (!u.kbli.some((k) => k.kode === p.kbli_kode && k.versi === p.kbli_versi)) return 'bukan_usaha';
  return null;
}

/** Does the product need a halal certificate (food, drink, or claimed halal)? */
export function perluHalal(p: Pick<ProdukData, 'kategori' | 'halal'>): boolean {
  return p.halal || KATEGORI_HALAL_WAJIB.includes(p.kategori);
}

/** Does the product need an SNI certificate (claimed SNI, or an SNI-mandatory category)? */
export function perluSni(p: Pick<ProdukData, 'kategori' | 'sni'>, opsi: OpsiSyarat = {}): boolean {
  return p.sni || (opsi.kategoriSniWajib ?? []).includes(p.kategori);
}

/** The product's checklist at a date (YYYY-MM-DD), with its business's. */
export function syaratProduk(
  u: UsahaData,
  p: ProdukData,
  tanggal: string,
  opsi: OpsiSyarat = {},
): ChecklistProduk {
  const usaha = syaratUsaha(u, tanggal).items;
  const kbliSalah = masalahKbli(u, p);
  const tkdn = p.tkdn === null || p.tkdn === '' ? null : Number(p.tkdn);
  const produk: ItemSyarat[] = [
    item('nama', isi(p.nama) && p.nama.trim().length >= 2),
    item('merek', isi(p.merek)),
    item('sku', isi(p.sku)),
    item('asal', p.asal === 'lokal' || p.asal === 'impor'),
    item('satuan', isi(p.satuan)),
    item('harga', Number.isFinite(p.harga) && p.harga > 0),
    item('foto', p.jumlah_foto > 0),
    item(
      'kbli',
      kbliSalah === null,
      'wajib',
      kbliSalah ? `umkm.ekatalog.saran.kbli.${kbliSalah}` : 'umkm.ekatalog.saran.kbli.kosong',
    ),
    item('etalase', p.kategori !== 'lainnya' && isi(p.kbli_kode)),
  ];
  if (perluHalal(p)) produk.push(item('halal', legalitasBerlaku(u.legalitas, 'halal', tanggal) !== null));
  if (perluSni(p, opsi)) produk.push(item('sni', legalitasBerlaku(u.legalitas, 'sni', tanggal) !== null));
  produk.push(item('merek_terdaftar', legalitasBerlaku(u.legalitas, 'merek', tanggal) !== null, 'bersyarat'));
  if (p.asal !== 'impor') produk.push(item('tkdn', tkdn !== null && Number.isFinite(tkdn), 'bersyarat'));
  const kurang = [...usaha, ...produk].filter((i) => i.level === 'wajib' && !i.ok).map((i) => i.kode);
  return { usaha, produk, kurang, siap: kurang.length === 0 };
}

// ---- The pipeline ----

export const URUTAN_EKATALOG = ['belum_siap', 'siap', 'diajukan', 'tayang'] as const;
export type StatusPipeline = (typeof URUTAN_EKATALOG)[number];

/**
 * Whether a move is allowed: one step forward, or back to any earlier state (to fix a mistake,
 * e.g. tayang -> diajukan when LKPP takes a product down; a note is then required). Moving to the
 * same state is not a move.
 */
export function arahPindah(dari: StatusPipeline, ke: StatusPipeline): 'maju' | 'mundur' | null {
  const a = URUTAN_EKATALOG.indexOf(dari);
  const b = URUTAN_EKATALOG.indexOf(ke);
  if (b === a + 1) return 'maju';
  if (b < a) return 'mundur';
  return null;
}
