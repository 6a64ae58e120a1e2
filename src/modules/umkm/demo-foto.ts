/**
 * Placeholder photos for demo products, made at demo time: a square in the category's colour
 * with the product's initials and name, drawn as SVG, rendered by sharp and put through the
 * upload pipeline (processFoto: three WebP sizes), so they are stored and served exactly like real
 * photos. One image per product base (e.g. "Keripik Tempe"), reused by its variants and by
 * both demo cities, keeps demo generation fast.
 */
import sharp from 'sharp';
import { processFoto, type FotoOlahan } from './foto.ts';
import type { KategoriProduk } from './tables.ts';

const WARNA: Record<KategoriProduk, string> = {
  makanan: '#b5472f',
  minuman: '#7a4b2a',
  fesyen: '#5b3f8c',
  kerajinan: '#8a6d1f',
  pertanian: '#3f7a36',
  kecantikan: '#a83f6f',
  rumah_tangga: '#2f6f8a',
  jasa: '#0f6b4f',
  lainnya: '#4a5560',
};
/** Side of the drawn image (px): below the photo pipeline's largest size, so it is kept as is. */
const SISI = 480;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Up to two initials of a name ("Keripik Tempe" -> "KT"). */
export function inisial(judul: string): string {
  return judul
    .split(/\s+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function svg(judul: string, kategori: KategoriProduk): string {
  // A motif placed by the name, so the bases of one category are told apart at a glance.
  let h = 0;
  for (const c of judul) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const cx = 80 + (h % 320);
  const cy = 60 + ((h >>> 9) % 120);
  const r = 60 + ((h >>> 17) % 60);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SISI}" height="${SISI}">
  <rect width="${SISI}" height="${SISI}" fill="${WARNA[kategori]}"/>
  <circle cx="${cx}" cy="${cy}" r="${r}" fill="#ffffff" fill-opacity="0.14"/>
  <rect x="0" y="${SISI - 120}" width="${SISI}" height="120" fill="#000000" fill-opacity="0.18"/>
  <text x="${SISI / 2}" y="270" font-family="sans-serif" font-size="150" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(inisial(judul))}</text>
  <text x="${SISI / 2}" y="${SISI - 48}" font-family="sans-serif" font-size="30" fill="#ffffff" text-anchor="middle">${esc(judul)}</text>
</svg>`;
}

const dibuat = new Map<string, Promise<FotoOlahan>>();

/** The placeholder photo of a product base (made once per process). */
export function fotoContoh(judul: string, kategori: KategoriProduk): Promise<FotoOlahan> {
  const kunci = `${kategori}/${judul}`;
  let f = dibuat.get(kunci);
  if (!f) {
    f = sharp(Buffer.from(svg(judul, kategori)))
      .png()
      .toBuffer()
      .then((png) => processFoto(png));
    dibuat.set(kunci, f);
  }
  return f;
}
