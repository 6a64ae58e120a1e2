/**
 * Where a business may be pinned: inside its city. The check is a box, not the boundary itself:
 * the smallest latitude/longitude box around the city's kecamatan boundaries (wilayah.batas),
 * widened by TEPI_DERAJAT so a business on the city's edge is not refused. A city without
 * boundaries falls back to a box around Indonesia. The box catches the usual mistakes — latitude
 * and longitude swapped, a missing minus sign, a point copied from another city — without
 * pretending to know the boundary better than the map does.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import { batasKecamatan } from '../wilayah/api.ts';

export interface Kotak {
  selatan: number;
  utara: number;
  barat: number;
  timur: number;
}

/** Indonesia, from Rote to Weh and from Weh to Merauke, with a small margin. */
export const KOTAK_INDONESIA: Kotak = { selatan: -11.2, utara: 6.3, barat: 94.7, timur: 141.1 };
/** Margin around a city's boundaries, in degrees (about 2 km). */
export const TEPI_DERAJAT = 0.02;
/** The boxes are reference data: read once per city and process, for this long. */
const SIMPAN_MS = 10 * 60_000;

export function dalamKotak(lat: number, lng: number, k: Kotak): boolean {
  return lat >= k.selatan && lat <= k.utara && lng >= k.barat && lng <= k.timur;
}

/** The box around GeoJSON geometries (Polygon, MultiPolygon: any nesting of [lng, lat]), or null. */
export function kotakGeometri(geometri: readonly unknown[], tepi = 0): Kotak | null {
  const k: Kotak = { selatan: Infinity, utara: -Infinity, barat: Infinity, timur: -Infinity };
  const jalan = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      k.barat = Math.min(k.barat, c[0]);
      k.timur = Math.max(k.timur, c[0]);
      k.selatan = Math.min(k.selatan, c[1]);
      k.utara = Math.max(k.utara, c[1]);
      return;
    }
    for (const x of c) jalan(x);
  };
  for (const g of geometri) {
    const obj = typeof g === 'string' ? (JSON.parse(g) as unknown) : g;
    if (obj && typeof obj === 'object') jalan((obj as { coordinates?: unknown }).coordinates);
  }
  if (!Number.isFinite(k.selatan)) return null;
  return { selatan: k.selatan - tepi, utara: k.utara + tepi, barat: k.barat - tepi, timur: k.timur + tepi };
}

const simpanan = new Map<string, { kotak: Kotak; sampai: number }>();

/** The box a business of this city must lie in (its kecamatan boundaries, or Indonesia). */
export async function kotakKota(trx: Tx, tenantId: string): Promise<Kotak> {
  const ada = simpanan.get(tenantId);
  if (ada && ada.sampai > Date.now()) return ada.kotak;
  const kotak = kotakGeometri(await batasKecamatan(trx, tenantId), TEPI_DERAJAT);
  const hasil = kotak ?? KOTAK_INDONESIA;
  simpanan.set(tenantId, { kotak: hasil, sampai: Date.now() + SIMPAN_MS });
  return hasil;
}

/**
 * A coordinate as typed or pasted: "-6.914744", "-6,914744" (decimal comma), "" -> null; anything
 * else NaN (the service reports it).
 */
export function koordinatOf(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  let s = v.replace(/[\s\u00a0°]/g, '');
  if (s === '') return null;
  if (!s.includes('.') && (s.match(/,/g) ?? []).length === 1) s = s.replace(',', '.');
  return /^[-+]?\d{1,3}(\.\d{1,20})?$/.test(s) ? Number(s) : Number.NaN;
}
