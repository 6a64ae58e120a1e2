/**
 * The public UMKM catalogue's data: what anyone may see of a verified business (status
 * 'terverifikasi') and its products. Never the owner's personal data (name, NIK, e-mail) and
 * never a phone number as text: the business's contact number (umkm_usaha.telepon, public by
 * registration) only goes into its WhatsApp link (waLink). A business that is not verified, and
 * its products, do not exist here (404).
 *
 * Search lives in cari.ts; this file reads single pages (product, business), the map's markers
 * and the choices of the filters.
 */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/http/problem.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { listKecamatanRows, wilayahNames, wilayahRef } from '../wilayah/api.ts';
import { produkRingkas, type Halaman, type ProdukKatalog } from './cari.ts';
import type { FotoRingkas } from './foto.ts';
import { daftarKategoriKbli } from './kbli.ts';
import type { JenisLegalitas, Kelas, UmkmProdukTable } from './tables.ts';

/** Most markers the map gets at once; beyond it the map asks for a kecamatan. */
export const MAKS_PENANDA = 2000;

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Legality shown as badges (the NPWP is a tax matter, and for one person it is their NIK). */
const LEGALITAS_PUBLIK: readonly JenisLegalitas[] = ['nib', 'halal', 'pirt', 'bpom', 'sni', 'merek'];

export interface Wilayah {
  kode: string;
  nama: string;
}

export interface UsahaPublik {
  id: string;
  slug: string;
  nama: string;
  deskripsi: string | null;
  alamat: string | null;
  kelurahan: Wilayah;
  kecamatan: Wilayah;
  kota: string;
  provinsi: string | null;
  lat: number | null;
  lng: number | null;
  sektor: { huruf: string; judul: string } | null;
  kelas: Kelas | null;
  tahunBerdiri: number | null;
  umkmCenter: boolean;
  sentra: string | null;
  /** Legality held (valid today), in a fixed order. */
  legalitas: JenisLegalitas[];
  /** International number without "+" for wa.me, or null. */
  whatsapp: string | null;
}

/** The columns of a product the public sees. */
const KOLOM_PUBLIK = [
  'id',
  'slug',
  'nama',
  'deskripsi',
  'kategori',
  'harga',
  'satuan',
  'tersedia',
  'merek',
  'sku',
  'halal',
  'pirt',
  'bpom',
  'sni',
] as const;

export interface ProdukPublik extends Pick<Selectable<UmkmProdukTable>, (typeof KOLOM_PUBLIK)[number]> {
  diperbarui: Date;
  foto: FotoRingkas[];
  usaha: UsahaPublik;
}

/**
 * The WhatsApp number of an Indonesian phone number: digits only, 08xx -> 628xx, +62/62 kept,
 * 8xx -> 628xx. Null when it cannot be a mobile/WhatsApp number.
 */
export function nomorWhatsapp(telepon: string | null | undefined): string | null {
  if (!telepon) return null;
  let d = telepon.replace(/[^0-9]/g, '');
  if (d.startsWith('0')) d = `62${d.slice(1)}`;
  else if (d.startsWith('8')) d = `62${d}`;
  return /^62[0-9]{7,13}$/.test(d) ? d : null;
}

/** https://wa.me/<number>?text=<message, URL-encoded>. */
export function waLink(nomor: string, pesan: string): string {
  return `https://wa.me/${nomor}?text=${encodeURIComponent(pesan)}`;
}

const sektorMap = new Map(daftarKategoriKbli().map((k) => [k.huruf, k]));

/** KBLI section letters with their titles, for the sector filter. */
export function listSektor(): readonly { huruf: string; judul: string }[] {
  return daftarKategoriKbli();
}

export function sektorOf(huruf: string | null): { huruf: string; judul: string } | null {
  return huruf ? (sektorMap.get(huruf) ?? null) : null;
}

/** The city's kecamatan, by name (filter choices). */
export async function kecamatanKota(trx: Tx, tenantId: string): Promise<Wilayah[]> {
  return (await listKecamatanRows(trx, tenantId))
    .map((k) => ({ kode: k.kode, nama: k.nama }))
    .sort((a, b) => (a.nama < b.nama ? -1 : a.nama > b.nama ? 1 : 0));
}

interface BarisUsaha {
  id: string;
  slug: string;
  nama: string;
  deskripsi: string | null;
  alamat: string | null;
  kelurahan_kode: string;
  kecamatan_kode: string;
  lat: number | null;
  lng: number | null;
  sektor: string | null;
  kelas: Kelas | null;
  tahun_berdiri: number | null;
  umkm_center: boolean;
  sentra: string | null;
  telepon: string | null;
  nib: string | null;
}

/** The public columns of a verified business (and its region names), by a condition on `u`. */
async function readUsahaPublik(trx: Tx, city: City, where: RawBuilder<unknown>): Promise<UsahaPublik | null> {
  const r = await sql<BarisUsaha & { legalitas: JenisLegalitas[] | null }>`
    select u.id, u.slug, u.nama, u.deskripsi, u.alamat, u.kelurahan_kode, u.kecamatan_kode, u.lat, u.lng, u.sektor,
      u.kelas, u.tahun_berdiri, u.umkm_center, u.sentra, u.telepon, u.nib,
      (select array_agg(distinct l.jenis) from umkm_legalitas l
        where l.tenant_id = u.tenant_id and l.usaha_id = u.id
          and (l.berlaku_sampai is null or l.berlaku_sampai >= current_date)) as legalitas
    from umkm_usaha u
    where u.tenant_id = ${city.id} and u.status = 'terverifikasi' and ${where}`.execute(trx);
  const x = r.rows[0];
  if (!x) return null;
  const provinsi = city.id.split('.')[0] ?? '';
  const nama = await wilayahNames(trx, [x.kelurahan_kode, x.kecamatan_kode, provinsi]);
  const punya = new Set<JenisLegalitas>(x.legalitas ?? []);
  if (x.nib) punya.add('nib');
  return {
    id: x.id,
    slug: x.slug,
    nama: x.nama,
    deskripsi: x.deskripsi,
    alamat: x.alamat,
    kelurahan: wilayahRef(nama, x.kelurahan_kode),
    kecamatan: wilayahRef(nama, x.kecamatan_kode),
    kota: city.name,
    provinsi: nama.get(provinsi) ?? null,
    lat: x.lat,
    lng: x.lng,
    sektor: sektorOf(x.sektor),
    kelas: x.kelas,
    tahunBerdiri: x.tahun_berdiri,
    umkmCenter: x.umkm_center,
    sentra: x.sentra,
    legalitas: LEGALITAS_PUBLIK.filter((j) => punya.has(j)),
    whatsapp: nomorWhatsapp(x.telepon),
  };
}

function isSlugValid(slug: string): boolean {
  return slug.length <= 90 && SLUG_RE.test(slug);
}

/** A verified business's public page data (404 otherwise). */
export async function usahaPublik(trx: Tx, city: City, slug: string): Promise<UsahaPublik> {
  const u = isSlugValid(slug) ? await readUsahaPublik(trx, city, sql`u.slug = ${slug}`) : null;
  if (!u) throw notFound('umkm.err.usahaTidakAda');
  return u;
}

/** Available products of a business, newest first, one page, with the total. */
export async function produkUsaha(
  trx: Tx,
  tenantId: string,
  usahaId: string,
  h: Halaman,
): Promise<{ items: ProdukKatalog[]; jumlah: number }> {
  const r = await sql<{ id: string | null; jumlah: number }>`
    select p.id, j.jumlah
    from (select count(*)::int as jumlah from umkm_produk
      where tenant_id = ${tenantId} and usaha_id = ${usahaId} and tersedia and not menunggu_tinjau) j
    left join lateral (select id from umkm_produk
      where tenant_id = ${tenantId} and usaha_id = ${usahaId} and tersedia and not menunggu_tinjau
      order by created_at desc, id desc limit ${h.perPage} offset ${(h.page - 1) * h.perPage}) p on true`.execute(
    trx,
  );
  const ids = r.rows.flatMap((x) => (x.id ? [x.id] : []));
  return { items: await produkRingkas(trx, tenantId, ids), jumlah: r.rows[0]?.jumlah ?? 0 };
}

/**
 * A product's public page data: any product of a verified business (an unavailable one is shown
 * as such, so shared links keep working); 404 otherwise.
 */
export async function produkPublik(trx: Tx, city: City, slug: string): Promise<ProdukPublik> {
  const p = isSlugValid(slug)
    ? await trx
        .selectFrom('umkm_produk')
        .select([...KOLOM_PUBLIK, 'usaha_id', 'updated_at'])
        .where('tenant_id', '=', city.id)
        .where('slug', '=', slug)
        .where('menunggu_tinjau', '=', false)
        .executeTakeFirst()
    : undefined;
  const usaha = p ? await readUsahaPublik(trx, city, sql`u.id = ${p.usaha_id}`) : null;
  if (!p || !usaha) throw notFound('umkm.err.produkTidakAda');
  const foto = await trx
    .selectFrom('umkm_foto')
    .select(['id', 'lebar', 'tinggi', 'alt'])
    .where('tenant_id', '=', city.id)
    .where('produk_id', '=', p.id)
    .orderBy('urutan')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    id: p.id,
    slug: p.slug,
    nama: p.nama,
    deskripsi: p.deskripsi,
    kategori: p.kategori,
    harga: p.harga,
    satuan: p.satuan,
    tersedia: p.tersedia,
    merek: p.merek,
    sku: p.sku,
    halal: p.halal,
    pirt: p.pirt,
    bpom: p.bpom,
    sni: p.sni,
    diperbarui: p.updated_at,
    foto,
    usaha,
  };
}

/** Verified businesses with a location, by name, one page (the map's list without JavaScript). */
export async function usahaBerlokasi(
  trx: Tx,
  tenantId: string,
  f: { kecamatan?: string | undefined; sektor?: string | undefined },
  h: Halaman,
): Promise<{ items: (Penanda & { kelurahan: string; kecamatanNama: string })[]; jumlah: number }> {
  const s = [sql`u.tenant_id = ${tenantId}`, sql`u.status = 'terverifikasi'`, sql`u.lat is not null`];
  if (f.kecamatan) s.push(sql`u.kecamatan_kode = ${f.kecamatan}`);
  if (f.sektor) s.push(sql`u.sektor = ${f.sektor}`);
  const syarat = sql.join(s, sql` and `);
  const r = await sql<{
    jumlah: number;
    slug: string | null;
    nama: string;
    lat: number;
    lng: number;
    kecamatan_kode: string;
    kelurahan_kode: string;
  }>`
    select j.jumlah, h.slug, h.nama, h.lat, h.lng, h.kecamatan_kode, h.kelurahan_kode
    from (select count(*)::int as jumlah from umkm_usaha u where ${syarat}) j
    left join lateral (select u.slug, u.nama, u.lat, u.lng, u.kecamatan_kode, u.kelurahan_kode
      from umkm_usaha u where ${syarat} order by u.nama, u.id
      limit ${h.perPage} offset ${(h.page - 1) * h.perPage}) h on true`.execute(trx);
  const nama = await wilayahNames(
    trx,
    r.rows.flatMap((x) => (x.slug ? [x.kecamatan_kode, x.kelurahan_kode] : [])),
  );
  return {
    jumlah: r.rows[0]?.jumlah ?? 0,
    items: r.rows.flatMap((x) =>
      x.slug
        ? [
            {
              slug: x.slug,
              nama: x.nama,
              lat: x.lat,
              lng: x.lng,
              kecamatan: x.kecamatan_kode,
              kecamatanNama: nama.get(x.kecamatan_kode) ?? x.kecamatan_kode,
              kelurahan: nama.get(x.kelurahan_kode) ?? '',
            },
          ]
        : [],
    ),
  };
}

export interface Penanda {
  slug: string;
  nama: string;
  lat: number;
  lng: number;
  kecamatan: string;
}

/**
 * Markers of verified businesses with a location (coordinates rounded to about 1 m), at most
 * MAKS_PENANDA, by name; `terpotong` when there were more.
 */
export async function penandaUsaha(
  trx: Tx,
  tenantId: string,
  f: { kecamatan?: string | undefined; sektor?: string | undefined },
): Promise<{ items: Penanda[]; terpotong: boolean }> {
  let q = trx
    .selectFrom('umkm_usaha as u')
    .select(['u.slug', 'u.nama', 'u.lat', 'u.lng', 'u.kecamatan_kode'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.status', '=', 'terverifikasi')
    .where('u.lat', 'is not', null);
  if (f.kecamatan) q = q.where('u.kecamatan_kode', '=', f.kecamatan);
  if (f.sektor) q = q.where('u.sektor', '=', f.sektor);
  const rows = await q
    .orderBy('u.nama')
    .orderBy('u.id')
    .limit(MAKS_PENANDA + 1)
    .execute();
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return {
    items: rows.slice(0, MAKS_PENANDA).map((r) => ({
      slug: r.slug,
      nama: r.nama,
      lat: round(r.lat!),
      lng: round(r.lng!),
      kecamatan: r.kecamatan_kode,
    })),
    terpotong: rows.length > MAKS_PENANDA,
  };
}
