/**
 * Products of a business and their photos. Who: the owner of the business or officers with
 * umkm.kelola over its area may change them (usahaUntuk 'pemilik'); whoever may see the
 * business may list and read them (404 otherwise). Every write to a product rebuilds its search
 * document (indeksProduk) in the same transaction.
 *
 * Rules: price in whole rupiah; category from KATEGORI_PRODUK; a KBLI code of the product is a
 * 5-digit kelompok of its KBLI version; the slug is unique in the city (from the name, "-2",
 * "-3" … on a clash). Once a product is submitted to e-Katalog its name is fixed (409) and it
 * can no longer be deleted (409). At most FOTO_MAX_PER_PRODUK photos, in order (urutan 1 = the
 * cover), each with an optional alt text.
 */
import { sql, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest, conflict, notFound, type FieldError } from '../../platform/http/problem.ts';
import { cleanText, slugify } from '../../platform/text.ts';
import { bisa, isUuid, pemilik, usahaUntuk, type UsahaRow } from './access.ts';
import { indeksProduk } from './cari.ts';
import { ukuranFoto, type Dimensi, type FotoOlahan, type UkuranFoto } from './foto.ts';
import { isVersiKbli, kbli, validKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { UMKM_KELOLA } from './permissions.ts';
import { produkBaruDitinjau } from './pengaturan.ts';
import { body } from './usaha-view.ts';
import {
  ASAL_PRODUK,
  KATEGORI_PRODUK,
  type AsalProduk,
  type KategoriProduk,
  type StatusEkatalog,
  type UmkmProdukTable,
} from './tables.ts';

/** Most photos of one product. */
export const FOTO_MAX_PER_PRODUK = 8;
/** Highest price accepted (rupiah), as in the schema. */
export const HARGA_MAX = 1_000_000_000_000;

export interface ProdukInput {
  nama: string;
  deskripsi?: string | null | undefined;
  kategori: string;
  /** Whole rupiah per unit. */
  harga: number;
  satuan: string;
  tersedia?: boolean | undefined;
  sku?: string | null | undefined;
  merek?: string | null | undefined;
  asal?: string | undefined;
  /** Tingkat Komponen Dalam Negeri, percent (two decimals). */
  tkdn?: number | null | undefined;
  kbliKode?: string | null | undefined;
  kbliVersi?: string | null | undefined;
  halal?: boolean | undefined;
  sni?: boolean | undefined;
  bpom?: boolean | undefined;
  pirt?: boolean | undefined;
}

export type ProdukPatch = Partial<ProdukInput>;

export interface FotoView extends Dimensi {
  id: string;
  urutan: number;
  alt: string | null;
  ukuran: Record<UkuranFoto, Dimensi & { url: string }>;
}

/** The product's own columns, as the API shows them (rupiah as a number). */
type ProdukKolom = Pick<
  Selectable<UmkmProdukTable>,
  | 'id'
  | 'slug'
  | 'nama'
  | 'deskripsi'
  | 'kategori'
  | 'harga'
  | 'satuan'
  | 'tersedia'
  | 'sku'
  | 'merek'
  | 'asal'
>;

export interface ProdukView
  extends ProdukKolom, Pick<Selectable<UmkmProdukTable>, 'halal' | 'sni' | 'bpom' | 'pirt' | 'ekatalog'> {
  usahaId: string;
  tkdn: number | null;
  kbliKode: string | null;
  kbliVersi: string | null;
  /** Title of the KBLI code, when known. */
  kbliJudul: string | null;
  namaTerkunci: boolean;
  /** Waits for an officer's review before the public sees it (the city's setting). */
  menungguTinjau: boolean;
  createdAt: string;
  updatedAt: string;
  foto: FotoView[];
  boleh: { ubah: boolean; hapus: boolean };
}

export interface ProdukRingkas extends Omit<ProdukView, 'foto' | 'boleh' | 'deskripsi'> {
  /** The cover photo (urutan 1), if any. */
  sampul: FotoView | null;
  jumlahFoto: number;
}

export interface DaftarProduk {
  usaha: { id: string; nama: string; status: UsahaRow['status'] };
  boleh: { tambah: boolean };
  items: ProdukRingkas[];
}

/** Control characters (all; and all but tab and line feed). */
// eslint-disable-next-line no-control-regex
const KENDALI = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const KENDALI_KECUALI_BARIS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Trimmed one-line text (inner whitespace collapsed, control characters dropped); "" -> null. */
function satuBaris(s: unknown): string | null {
  return typeof s === 'string' ? cleanText(s.replace(KENDALI, ' ')) : null;
}

/** Trimmed multi-line text (line breaks and tabs kept, other control characters dropped). */
function teksPanjang(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const t = s.replace(/\r\n?/g, '\n').replace(KENDALI_KECUALI_BARIS, '').trim();
  return t === '' ? null : t;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** A product's values, checked: the row to write, or 400 with every fault. */
function periksa(input: ProdukInput) {
  const errors: FieldError[] = [];
  const nama = satuBaris(input.nama);
  if (!nama || nama.length < 2 || nama.length > 160) errors.push(body('nama', 'umkm.produk.v.nama'));
  const deskripsi = teksPanjang(input.deskripsi);
  if (deskripsi && deskripsi.length > 4000) errors.push(body('deskripsi', 'umkm.produk.v.deskripsi'));
  const kategori = input.kategori as KategoriProduk;
  if (!(KATEGORI_PRODUK as readonly unknown[]).includes(kategori))
    errors.push(body('kategori', 'umkm.produk.v.kategori'));
  const harga = input.harga;
  if (typeof harga !== 'number' || !Number.isSafeInteger(harga) || harga < 0 || harga > HARGA_MAX)
    errors.push(body('harga', 'umkm.produk.v.harga'));
  const satuan = satuBaris(input.satuan);
  if (!satuan || satuan.length > 30) errors.push(body('satuan', 'umkm.produk.v.satuan'));
  const sku = satuBaris(input.sku);
  if (sku && sku.length > 60) errors.push(body('sku', 'umkm.produk.v.sku'));
  const merek = satuBaris(input.merek);
  if (merek && merek.length > 120) errors.push(body('merek', 'umkm.produk.v.merek'));
  const asal = (input.asal ?? 'lokal') as AsalProduk;
  if (!(ASAL_PRODUK as readonly unknown[]).includes(asal)) errors.push(body('asal', 'umkm.produk.v.asal'));
  const tkdn = input.tkdn ?? null;
  if (
    tkdn !== null &&
    (typeof tkdn !== 'number' ||
      !Number.isFinite(tkdn) ||
      tkdn < 0 ||
      tkdn > 100 ||
      Math.abs(tkdn * 100 - Math.round(tkdn * 100)) > 1e-6)
  )
    errors.push(body('tkdn', 'umkm.produk.v.tkdn'));
  const kbliKode = satuBaris(input.kbliKode);
  let kbliVersi: string | null = null;
  if (kbliKode) {
    kbliVersi = satuBaris(input.kbliVersi) ?? VERSI_KBLI_BAKU;
    if (!isVersiKbli(kbliVersi)) errors.push(body('kbliVersi', 'umkm.produk.v.kbliVersi'));
    else if (!validKbli(kbliKode, kbliVersi)) errors.push(body('kbliKode', 'umkm.produk.v.kbli'));
  }
  const flags = {} as Record<'tersedia' | 'halal' | 'sni' | 'bpom' | 'pirt', boolean>;
  for (const k of ['tersedia', 'halal', 'sni', 'bpom', 'pirt'] as const) {
    const v = input[k] ?? k === 'tersedia';
    if (typeof v !== 'boolean') errors.push(body(k, 'umkm.produk.v.yaTidak'));
    flags[k] = v === true;
  }
  if (errors.length) throw badRequest('umkm.produk.err.isian', errors);
  return {
    nama: nama!,
    deskripsi,
    kategori,
    harga,
    satuan: satuan!,
    sku,
    merek,
    asal,
    tkdn: tkdn === null ? null : Math.round(tkdn * 100) / 100,
    kbli_kode: kbliKode,
    kbli_versi: kbliKode ? kbliVersi : null,
    ...flags,
  };
}

/** A free slug for `nama` in the city: the slugified name, or with "-2", "-3" … (excluding `kecuali`). */
async function slugBebas(trx: Tx, nama: string, kecuali?: string): Promise<string> {
  const dasar = slugify(nama, 80);
  const rows = await trx
    .selectFrom('umkm_produk')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', dasar), eb('slug', 'like', `${dasar}-%`)]))
    .$if(kecuali !== undefined, (q) => q.where('id', '<>', kecuali!))
    .execute();
  const dipakai = new Set(rows.map((r) => r.slug));
  if (!dipakai.has(dasar)) return dasar;
  for (let n = 2; ; n++) if (!dipakai.has(`${dasar}-${n}`)) return `${dasar}-${n}`;
}

type ProdukRow = Awaited<ReturnType<typeof bacaProdukRow>>;

function bacaProdukRow(trx: Tx, id: string) {
  return trx.selectFrom('umkm_produk').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The product and its business when the user may do `need` there; 404 when they may not see it. */
export async function produkUntuk(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  need: 'lihat' | 'pemilik',
): Promise<{ p: NonNullable<ProdukRow>; u: UsahaRow }> {
  const p = isUuid(id) ? await bacaProdukRow(trx, id) : undefined;
  if (!p) throw notFound('umkm.err.produkTidakAda');
  try {
    return { p, u: await usahaUntuk(trx, user, p.usaha_id, need) };
  } catch (err) {
    if (err instanceof HttpProblem && err.status === 404) throw notFound('umkm.err.produkTidakAda');
    throw err;
  }
}

function bolehUbah(user: CurrentUser | null, u: UsahaRow): boolean {
  return pemilik(user, u) || bisa(user, UMKM_KELOLA, u);
}

function terkirim(ekatalog: StatusEkatalog): boolean {
  return ekatalog === 'diajukan' || ekatalog === 'tayang';
}

/** The slug of the transaction's city (photo URLs carry it). */
async function slugKota(trx: Tx): Promise<string> {
  const r = await trx
    .selectFrom('tenants')
    .select('slug')
    .where('id', '=', sql<string>`balai_current_tenant()`)
    .executeTakeFirst();
  return r?.slug ?? '';
}

async function fotoProduk(trx: Tx, produkIds: readonly string[]): Promise<Map<string, FotoView[]>> {
  const out = new Map<string, FotoView[]>();
  if (produkIds.length === 0) return out;
  const citySlug = await slugKota(trx);
  const rows = await trx
    .selectFrom('umkm_foto')
    .select(['id', 'produk_id', 'urutan', 'alt', 'lebar', 'tinggi'])
    .where('produk_id', 'in', produkIds)
    .orderBy('produk_id')
    .orderBy('urutan')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.produk_id!) ?? [];
    list.push({
      id: r.id,
      urutan: r.urutan,
      alt: r.alt,
      lebar: r.lebar,
      tinggi: r.tinggi,
      ukuran: ukuranFoto(citySlug, { id: r.id, lebar: r.lebar, tinggi: r.tinggi }),
    });
    out.set(r.produk_id!, list);
  }
  return out;
}

/** A product's fields as the input that writes them (what a patch is laid over). */
function inputOf(p: NonNullable<ProdukRow>) {
  return {
    nama: p.nama,
    deskripsi: p.deskripsi,
    kategori: p.kategori,
    harga: Number(p.harga),
    satuan: p.satuan,
    tersedia: p.tersedia,
    sku: p.sku,
    merek: p.merek,
    asal: p.asal,
    tkdn: num(p.tkdn),
    kbliKode: p.kbli_kode,
    kbliVersi: p.kbli_versi,
    halal: p.halal,
    sni: p.sni,
    bpom: p.bpom,
    pirt: p.pirt,
  };
}

function ringkas(p: NonNullable<ProdukRow>): Omit<ProdukView, 'foto' | 'boleh'> {
  return {
    id: p.id,
    usahaId: p.usaha_id,
    slug: p.slug,
    ...inputOf(p),
    kbliJudul: p.kbli_kode ? (kbli(p.kbli_kode, p.kbli_versi ?? VERSI_KBLI_BAKU)?.judul ?? null) : null,
    ekatalog: p.ekatalog,
    namaTerkunci: p.nama_terkunci,
    menungguTinjau: p.menunggu_tinjau,
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}

async function view(
  trx: Tx,
  user: CurrentUser | null,
  p: NonNullable<ProdukRow>,
  u: UsahaRow,
): Promise<ProdukView> {
  const ubah = bolehUbah(user, u);
  return {
    ...ringkas(p),
    foto: (await fotoProduk(trx, [p.id])).get(p.id) ?? [],
    boleh: { ubah, hapus: ubah && !terkirim(p.ekatalog) },
  };
}

// ---- Products ----

/** The products of a business, by name, each with its cover photo. */
export async function listProduk(trx: Tx, user: CurrentUser | null, usahaId: string): Promise<DaftarProduk> {
  const u = await usahaUntuk(trx, user, usahaId, 'lihat');
  const rows = await trx
    .selectFrom('umkm_produk')
    .selectAll()
    .where('usaha_id', '=', u.id)
    .orderBy(sql`lower(nama)`)
    .orderBy('id')
    .execute();
  const foto = await fotoProduk(
    trx,
    rows.map((r) => r.id),
  );
  return {
    usaha: { id: u.id, nama: u.nama, status: u.status },
    boleh: { tambah: bolehUbah(user, u) },
    items: rows.map((r) => {
      const { deskripsi: _d, ...rest } = ringkas(r);
      const list = foto.get(r.id) ?? [];
      return { ...rest, sampul: list[0] ?? null, jumlahFoto: list.length };
    }),
  };
}

/** One product with its photos, for whoever may see its business. */
export async function getProduk(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
): Promise<ProdukView & { usaha: { id: string; nama: string } }> {
  const { p, u } = await produkUntuk(trx, user, id, 'lihat');
  return { ...(await view(trx, user, p, u)), usaha: { id: u.id, nama: u.nama } };
}

/** Adds a product to a business (its owner, or umkm.kelola there). */
export async function createProduk(
  trx: Tx,
  user: CurrentUser | null,
  usahaId: string,
  input: ProdukInput,
): Promise<ProdukView> {
  const u = await usahaUntuk(trx, user, usahaId, 'pemilik');
  const v = periksa(input);
  const slug = await slugBebas(trx, v.nama);
  // The city may review new products of verified businesses before they go public (pengaturan.ts).
  const menunggu_tinjau = await produkBaruDitinjau(trx, user, u);
  const { id } = await trx
    .insertInto('umkm_produk')
    .values({ tenant_id: u.tenant_id, usaha_id: u.id, slug, ...v, menunggu_tinjau })
    .returning('id')
    .executeTakeFirstOrThrow();
  await indeksProduk(trx, [id]);
  const p = (await bacaProdukRow(trx, id))!;
  return view(trx, user, p, u);
}

/** Changes a product (only the fields given). The name is fixed once submitted to e-Katalog (409). */
export async function updateProduk(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
  patch: ProdukPatch,
): Promise<ProdukView> {
  const { p, u } = await produkUntuk(trx, user, id, 'pemilik');
  const gabung: ProdukInput = inputOf(p);
  for (const [k, val] of Object.entries(patch) as [keyof ProdukInput, unknown][]) {
    if (val !== undefined) (gabung as unknown as Record<string, unknown>)[k] = val;
  }
  if (patch.kbliKode !== undefined && patch.kbliVersi === undefined) gabung.kbliVersi = null;
  const namaBaru = satuBaris(gabung.nama);
  if (p.nama_terkunci && namaBaru !== p.nama) {
    throw new HttpProblem(409, 'umkm.produk.err.namaTerkunci', {
      errors: [body('nama', 'umkm.produk.v.namaTerkunci')],
    });
  }
  const v = periksa(gabung);
  const slug = v.nama === p.nama ? p.slug : await slugBebas(trx, v.nama, p.id);
  await trx
    .updateTable('umkm_produk')
    .set({ ...v, slug, updated_at: sql<Date>`now()` })
    .where('id', '=', p.id)
    .execute();
  await indeksProduk(trx, [p.id]);
  return view(trx, user, (await bacaProdukRow(trx, p.id))!, u);
}

/** Deletes a product and its photos; refused (409) once submitted to e-Katalog. */
export async function deleteProduk(
  trx: Tx,
  user: CurrentUser | null,
  id: string,
): Promise<{ usahaId: string }> {
  const { p } = await produkUntuk(trx, user, id, 'pemilik');
  if (terkirim(p.ekatalog)) throw conflict('umkm.produk.err.hapusEkatalog');
  await trx.deleteFrom('umkm_produk').where('id', '=', p.id).execute();
  // The search document goes with the row; words stay in the vocabulary (see cari.ts).
  return { usahaId: p.usaha_id };
}

// ---- Photos ----

/** May the user add a photo to this product now? 404/403, or 400 when it has the most photos already. */
export async function checkFotoUpload(trx: Tx, user: CurrentUser | null, produkId: string) {
  const r = await produkUntuk(trx, user, produkId, 'pemilik');
  const { n } = await trx
    .selectFrom('umkm_foto')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('produk_id', '=', r.p.id)
    .executeTakeFirstOrThrow();
  if (Number(n) >= FOTO_MAX_PER_PRODUK)
    throw badRequest('umkm.foto.err.tidakBisa', [body('foto', 'umkm.foto.v.terlaluBanyak')]);
  return { ...r, jumlah: Number(n) };
}

function cekAlt(alt: unknown): string | null {
  const a = satuBaris(alt);
  if (a && a.length > 200) throw badRequest('umkm.foto.err.tidakBisa', [body('alt', 'umkm.foto.v.alt')]);
  return a;
}

/** Stores a processed photo (foto.ts processFoto) as the product's last photo. */
export async function saveFoto(
  trx: Tx,
  user: CurrentUser | null,
  produkId: string,
  foto: FotoOlahan,
  alt?: string | null,
): Promise<FotoView> {
  const teks = cekAlt(alt);
  const { p, jumlah } = await checkFotoUpload(trx, user, produkId);
  const { id } = await trx
    .insertInto('umkm_foto')
    .values({
      tenant_id: p.tenant_id,
      usaha_id: p.usaha_id,
      produk_id: p.id,
      urutan: jumlah + 1,
      alt: teks,
      lebar: foto.lebar,
      tinggi: foto.tinggi,
      besar: foto.besar,
      sedang: foto.sedang,
      kecil: foto.kecil,
      diunggah_oleh: user?.id ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await urutkanUlang(trx, p.id);
  return (await fotoProduk(trx, [p.id])).get(p.id)!.find((f) => f.id === id)!;
}

/** Numbers the product's photos 1..n in their order, with `pindah` moved to position `ke`. */
async function urutkanUlang(trx: Tx, produkId: string, pindah?: { id: string; ke: number }): Promise<void> {
  const rows = await trx
    .selectFrom('umkm_foto')
    .select(['id', 'urutan'])
    .where('produk_id', '=', produkId)
    .orderBy('urutan')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (pindah) {
    const i = ids.indexOf(pindah.id);
    if (i >= 0) {
      ids.splice(i, 1);
      ids.splice(Math.min(Math.max(pindah.ke, 1), ids.length + 1) - 1, 0, pindah.id);
    }
  }
  const lama = new Map(rows.map((r) => [r.id, r.urutan]));
  for (const [i, fid] of ids.entries()) {
    if (lama.get(fid) !== i + 1)
      await trx
        .updateTable('umkm_foto')
        .set({ urutan: i + 1 })
        .where('id', '=', fid)
        .execute();
  }
}

async function fotoMilik(trx: Tx, produkId: string, fotoId: string) {
  const f = isUuid(fotoId)
    ? await trx
        .selectFrom('umkm_foto')
        .select(['id', 'urutan'])
        .where('id', '=', fotoId)
        .where('produk_id', '=', produkId)
        .executeTakeFirst()
    : undefined;
  if (!f) throw notFound('umkm.foto.err.tidakAda');
  return f;
}

/** Changes a photo's alt text and/or its position (1 = the cover; the others move up or down). */
export async function updateFoto(
  trx: Tx,
  user: CurrentUser | null,
  produkId: string,
  fotoId: string,
  input: { alt?: string | null | undefined; urutan?: number | undefined },
): Promise<FotoView> {
  const { p } = await produkUntuk(trx, user, produkId, 'pemilik');
  const f = await fotoMilik(trx, p.id, fotoId);
  if (
    input.urutan !== undefined &&
    (!Number.isSafeInteger(input.urutan) || input.urutan < 1 || input.urutan > FOTO_MAX_PER_PRODUK)
  )
    throw badRequest('umkm.foto.err.tidakBisa', [body('urutan', 'umkm.foto.v.urutan')]);
  if (input.alt !== undefined) {
    await trx
      .updateTable('umkm_foto')
      .set({ alt: cekAlt(input.alt) })
      .where('id', '=', f.id)
      .execute();
  }
  if (input.urutan !== undefined) await urutkanUlang(trx, p.id, { id: f.id, ke: input.urutan });
  return (await fotoProduk(trx, [p.id])).get(p.id)!.find((x) => x.id === f.id)!;
}

/** Removes a photo; the others close the gap. */
export async function deleteFoto(
  trx: Tx,
  user: CurrentUser | null,
  produkId: string,
  fotoId: string,
): Promise<void> {
  const { p } = await produkUntuk(trx, user, produkId, 'pemilik');
  const f = await fotoMilik(trx, p.id, fotoId);
  await trx.deleteFrom('umkm_foto').where('id', '=', f.id).execute();
  await urutkanUlang(trx, p.id);
}
