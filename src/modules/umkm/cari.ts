/**
 * Search of the UMKM catalogue.
 *
 * Indexing: every product has a search document (umkm_produk.cari), a weighted tsvector of text
 * stemmed by the application's Indonesian stemmer (PostgreSQL's `indonesian` snowball stemmer
 * mangles words such as keripik and menabung), built with the 'simple' configuration so
 * PostgreSQL does not stem again:
 *   A: product name, B: category, brand and the business's name, C: description and business
 *   description. A business has its own document too (umkm_usaha.cari: A name, C description).
 * The stemmed words also go into umkm_kata, the vocabulary behind typo correction. Every write to
 * a product or a business calls indeksProduk / indeksUsaha in the same transaction.
 *
 * Searching (searchProduk, searchUsaha):
 *  1. the query is cut to 200 characters and 8 words, split and stemmed with the same stemmer
 *     (menabung -> tabung finds tabungan; keripik stays keripik); common function words (dan,
 *     yang, di …) are dropped, so a query of only those lists everything;
 *  2. a word of 4+ letters that is not in the city's vocabulary is replaced by its nearest
 *     vocabulary word by trigram similarity (at least AMBANG_MIRIP), unless it is the last word
 *     and begins a vocabulary word (the user is still typing); the corrected query is returned
 *     so pages can say "Menampilkan hasil untuk …";
 *  3. every word must match (AND); the last one as a prefix (3+ letters);
 *  4. ranking: a product whose NAME has every word comes first (+1), then ts_rank_cd with the
 *     weights A 1.0, B 0.4, C 0.2, D 0.1 (normalised into 0..1 by rank/(rank+1)), a small boost
 *     for a product with a photo and, when the halal filter is on, for a product with its own
 *     halal mark; then newest, then id (deterministic).
 *  Only products of verified businesses (status 'terverifikasi') that are available (tersedia).
 *
 * Where search reads (db/migrations/0015_umkm_cari_cepat.sql): two derived tables holding only
 * what the public may see, kept exact by triggers on their sources in the transaction of every
 * write (umkm_produk, umkm_usaha, umkm_legalitas, umkm_foto — whoever writes them):
 * umkm_katalog, one row per public product with its document, kecamatan, sector, class,
 * category, own halal mark, `halal_sampai` (until when it counts as halal: own mark or the latest
 * halal certificate, compared with today's date so an expiry needs no write) and whether it has a
 * photo; umkm_katalog_usaha, one row per verified business with its document and its name
 * normalised for trigram similarity. Every filter is a plain comparison on the row, so search
 * never looks up a business or a certificate per product.
 *
 * Cost, and the trade-off: ranking needs every matching row's document, so only the NEWEST
 * BATAS_KANDIDAT matches are scored and ranked; a query matching more says so (`terbatas`,
 * "lebih dari 1.000 produk") and pages never go past them. A narrow query is ranked exactly. The
 * newest matches are found one of two ways: a query matching a large share of the catalogue
 * (AMBANG_UMUM, by the planner's own estimates: needsWalk) walks the newest-first index
 * (umkm_katalog_terbaru) testing each row until the cap is met; any other reads every match
 * through the GIN index on (tenant_id, cari) and keeps the newest. Browsing without a query
 * walks umkm_katalog_terbaru, or umkm_katalog_kecamatan with a kecamatan. The page's rows (at
 * most perPage) are then looked up one by one for what the list shows. Businesses are searched
 * the same way in umkm_katalog_usaha (first matches by name).
 *
 * Row-level security: the GIN indexes serve these queries only when the full-text and trigram
 * match functions are LEAKPROOF (see db/migrations/0013_umkm_katalog.sql); cari.test.ts checks
 * the plan as the app role.
 *
 * Result cache: a page of results (the ranked ids and the number of matches) is kept in this
 * process (cacheCari) under the city's catalogue token (db/migrations/0017_umkm_katalog_versi.sql:
 * replaced by the commit of every change to the derived tables), today's date (the halal filter)
 * and the query as understood (so a new vocabulary word that changes a correction is a new
 * key). The token is read before anything else, so a result is never served after a change that
 * committed before the request began; a transaction that has written the catalogue itself does
 * not use the cache. What the list shows of each row (price, photo, names) is
 * always read fresh (produkRingkas, usahaRingkas; region names through the wilayah module's
 * face). Repeated searches (the common words of a city's visitors) then cost the vocabulary
 * look-up and the page's rows.
 *
 * Files: this one indexes and searches; cari-kueri.ts understands the query (steps 1-3),
 * cari-cache.ts keeps the result cache.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { wilayahNames, wilayahRef } from '../wilayah/api.ts';
import { stemText } from '../../platform/search/stemmer.ts';
import { produkDenganUsaha } from './access.ts';
import type { FotoRingkas } from './foto.ts';
import type { KategoriProduk, Kelas } from './tables.ts';
import { cacheCari, cacheKey, readKatalogVersi, type HasilTersimpan } from './cari-cache.ts';
import { parseKueri, teksTrigram, teksTsquery, type Kueri } from './cari-kueri.ts';

/** Stemmed words of a text, space-separated, for to_tsvector('simple', …). */
export function teksCari(...parts: (string | null | undefined)[]): string {
  return stemText(parts.filter(Boolean).join(' ')).join(' ');
}

/** Rebuilds the search documents of these products and adds their words to the vocabulary. */
export async function indeksProduk(trx: Tx, produkIds: readonly string[]): Promise<void> {
  if (produkIds.length === 0) return;
  const rows = await produkDenganUsaha(trx)
    .select([
      'p.id',
      'p.nama',
      'p.kategori',
      'p.merek',
      'p.deskripsi',
      'u.nama as usaha_nama',
      'u.deskripsi as usaha_deskripsi',
    ])
    .where('p.id', 'in', produkIds)
    .execute();
  const kata = new Set<string>();
  for (const r of rows) {
    const a = teksCari(r.nama);
    const b = teksCari(r.kategori.replace('_', ' '), r.merek, r.usaha_nama);
    const c = teksCari(r.deskripsi, r.usaha_deskripsi);
    for (const w of `${a} ${b} ${c}`.split(' ')) if (w && w.length <= 60) kata.add(w);
    await sql`update umkm_produk set cari =
        setweight(to_tsvector('simple', ${a}), 'A') ||
        setweight(to_tsvector('simple', ${b}), 'B') ||
        setweight(to_tsvector('simple', ${c}), 'C')
      where id = ${r.id}`.execute(trx);
  }
  await addKata(trx, [...kata]);
}

/**
 * Rebuilds the search document of a business (A name, C description) and those of all its
 * products (they carry its name and description): call it when a business is created or its
 * name or description changes.
 */
export async function indeksUsaha(trx: Tx, usahaId: string): Promise<void> {
  const u = await trx
    .selectFrom('umkm_usaha')
    .select(['id', 'nama', 'deskripsi'])
    .where('id', '=', usahaId)
    .executeTakeFirst();
  if (u) {
    const a = teksCari(u.nama);
    const c = teksCari(u.deskripsi);
    await sql`update umkm_usaha set cari =
        setweight(to_tsvector('simple', ${a}), 'A') ||
        setweight(to_tsvector('simple', ${c}), 'C')
      where id = ${u.id}`.execute(trx);
    await addKata(
      trx,
      [...new Set(`${a} ${c}`.split(' '))].filter((w) => w && w.length <= 60),
    );
  }
  const ids = await trx.selectFrom('umkm_produk').select('id').where('usaha_id', '=', usahaId).execute();
  await indeksProduk(
    trx,
    ids.map((r) => r.id),
  );
}

/** Adds words to the city's vocabulary (words are never removed: a stale word only costs a lookup). */
export async function addKata(trx: Tx, kata: readonly string[]): Promise<void> {
  for (let i = 0; i < kata.length; i += 1000) {
    const chunk = kata.slice(i, i + 1000);
    await sql`insert into umkm_kata (tenant_id, kata)
      select balai_current_tenant(), k from unnest(${chunk}::text[]) as k
      on conflict do nothing`.execute(trx);
  }
}

// ---- Searching ----

/** Matches scored and ranked per query at most: see the header. */
export const BATAS_KANDIDAT = 1000;
/** Weights of D, C, B, A for ts_rank_cd. */
const BOBOT = '{0.1, 0.2, 0.4, 1.0}';
const BONUS_FOTO = 0.05;
const BONUS_HALAL = 0.05;

export interface FilterKatalog {
  /** Kecamatan code (e.g. 32.73.01). */
  kecamatan?: string | undefined;
  /** KBLI section letter A..U of the business. */
  sektor?: string | undefined;
  kelas?: Kelas | undefined;
  kategori?: KategoriProduk | undefined;
  /** Products marked halal, or of a business holding a halal certificate still valid. */
  halal?: boolean | undefined;
}

export interface Halaman {
  page: number;
  perPage: number;
}

export interface HasilCari<T> {
  items: T[];
  /** Matches found (at most BATAS_KANDIDAT). */
  jumlah: number;
  /** More matched than were ranked: `jumlah` is a lower bound. */
  terbatas: boolean;
  kueri: Kueri;
  page: number;
  perPage: number;
}

export interface ProdukKatalog {
  id: string;
  slug: string;
  nama: string;
  harga: number;
  satuan: string;
  kategori: KategoriProduk;
  halal: boolean;
  usaha: { slug: string; nama: string };
  kecamatan: { kode: string; nama: string };
  foto: FotoRingkas | null;
}

export interface UsahaKatalog {
  id: string;
  slug: string;
  nama: string;
  deskripsi: string | null;
  sektor: string | null;
  kelas: Kelas | null;
  kecamatan: { kode: string; nama: string };
  kelurahan: { kode: string; nama: string };
}

/**
 * Conditions on a row `k` of umkm_katalog (the public catalogue: only available products of
 * verified businesses are there). Every one is a plain comparison on the row, so any index on
 * the table can serve it under row-level security.
 */
function syaratKatalog(tenantId: string, f: FilterKatalog) {
  const s = [sql`k.tenant_id = ${tenantId}`];
  if (f.kecamatan) s.push(sql`k.kecamatan_kode = ${f.kecamatan}`);
  if (f.sektor) s.push(sql`k.sektor = ${f.sektor}`);
  if (f.kelas) s.push(sql`k.kelas = ${f.kelas}`);
  if (f.kategori) s.push(sql`k.kategori = ${f.kategori}`);
  if (f.halal) s.push(sql`k.halal_sampai >= current_date`);
  return sql.join(s, sql` and `);
}

function offset(h: Halaman): number {
  return (h.page - 1) * h.perPage;
}

type BarisProduk = Pick<ProdukKatalog, 'slug' | 'nama' | 'harga' | 'satuan' | 'kategori' | 'halal'> & {
  id: string | null;
  jumlah: number;
  usaha_slug: string;
  usaha_nama: string;
  kecamatan_kode: string;
  foto_id: string | null;
  foto_lebar: number | null;
  foto_tinggi: number | null;
  foto_alt: string | null;
};

/**
 * What a result list shows of product `h.id`: its first photo, business and kecamatan. A lateral
 * look-up per listed row (a page: at most perPage rows), so the plan never joins whole tables
 * whatever the planner guesses about the rows before it.
 */
function detailProduk(tenantId: string) {
  return {
    kolom: sql`d.slug, d.nama, d.harga, d.satuan, d.kategori, d.halal, d.usaha_slug, d.usaha_nama,
      d.kecamatan_kode, d.foto_id, d.foto_lebar, d.foto_tinggi, d.foto_alt`,
    gabung: sql`left join lateral (select p.slug, p.nama, p.harga, p.satuan, p.kategori, p.halal,
        u.slug as usaha_slug, u.nama as usaha_nama, u.kecamatan_kode,
        f.id as foto_id, f.lebar as foto_lebar, f.tinggi as foto_tinggi, f.alt as foto_alt
      from umkm_produk p
      join umkm_usaha u on u.tenant_id = p.tenant_id and u.id = p.usaha_id
      left join lateral (select f.id, f.lebar, f.tinggi, f.alt from umkm_foto f
        where f.tenant_id = p.tenant_id and f.produk_id = p.id
        order by f.urutan, f.created_at, f.id limit 1) f on true
      where p.tenant_id = ${tenantId} and p.id = h.id) d on true`,
  };
}

/** The listed rows as products, with their kecamatan's name (one look-up through the wilayah face). */
async function toProduk(trx: Tx, rows: BarisProduk[]): Promise<ProdukKatalog[]> {
  const namaKecamatan = await wilayahNames(
    trx,
    rows.flatMap((x) => (x.id ? [x.kecamatan_kode] : [])),
  );
  return rows.flatMap((x) =>
    x.id
      ? [
          {
            id: x.id,
            slug: x.slug,
            nama: x.nama,
            harga: x.harga,
            satuan: x.satuan,
            kategori: x.kategori,
            halal: x.halal,
            usaha: { slug: x.usaha_slug, nama: x.usaha_nama },
            kecamatan: wilayahRef(namaKecamatan, x.kecamatan_kode),
            foto:
              x.foto_id && x.foto_lebar && x.foto_tinggi
                ? { id: x.foto_id, lebar: x.foto_lebar, tinggi: x.foto_tinggi, alt: x.foto_alt }
                : null,
          },
        ]
      : [],
  );
}

/**
 * A query read once for several searches of one request (the catalogue page searches products
 * and businesses): the catalogue's token, then the query as understood.
 */
export interface Pencarian {
  teks: string;
  versi: string | null;
  kueri: Kueri;
}

/** Reads the token, then understands the query (in that order: see the header). */
export async function startPencarian(trx: Tx, tenantId: string, teks: string): Promise<Pencarian> {
  const versi = await readKatalogVersi(trx, tenantId);
  return { teks, versi, kueri: await parseKueri(trx, tenantId, teks) };
}

/**
 * Searches the city's public catalogue: products of verified businesses that are available,
 * matching every word of `teks` (stemmed and corrected), filtered, ranked, one page. Statements:
 * the catalogue token, the vocabulary look-up, then (unless the page is cached) the planner's
 * estimates and the search with the page's details; a cached page reads its rows' details.
 */
export async function searchProduk(
  trx: Tx,
  tenantId: string,
  teks: string | Pencarian,
  filter: FilterKatalog,
  halaman: Halaman,
): Promise<HasilCari<ProdukKatalog>> {
  const { versi, kueri } = typeof teks === 'string' ? await startPencarian(trx, tenantId, teks) : teks;
  const f = [
    filter.kecamatan ?? null,
    filter.sektor ?? null,
    filter.kelas ?? null,
    filter.kategori ?? null,
    !!filter.halal,
  ];
  const kunci = versi ? cacheKey('produk', tenantId, versi, kueri, f, halaman) : null;
  const tersimpan = kunci ? cacheCari.ambil(kunci) : undefined;
  let items: ProdukKatalog[];
  let jumlah: number;
  if (tersimpan) {
    items = await produkRingkas(trx, tenantId, tersimpan.ids);
    jumlah = tersimpan.jumlah;
  } else {
    const jalan = await needsWalk(trx, tenantId, kueri, filter);
    const r = await sqlCariProduk(tenantId, kueri, filter, halaman, jalan).execute(trx);
    items = await toProduk(trx, r.rows);
    jumlah = r.rows[0]?.jumlah ?? 0;
    if (kunci) cacheCari.simpan(kunci, { ids: items.map((x) => x.id), jumlah });
  }
  return {
    items,
    jumlah,
    terbatas: jumlah >= BATAS_KANDIDAT,
    kueri,
    page: halaman.page,
    perPage: halaman.perPage,
  };
}

/** Share of the catalogue (after the filters) from which walking newest first beats the GIN index. */
export const AMBANG_UMUM = 0.08;

/**
 * Whether a query is common enough to find its first matches by walking an ordered index and
 * testing each row (newest first for products, by name for businesses) rather than reading every
 * match through the GIN index: the planner's own estimates (from the statistics of the `cari`
 * column, usable under RLS because the match is leakproof) of the rows matching, against the rows
 * passing the filters. The planner alone would walk for far rarer words: it prices testing a row
 * much below what reading and matching its document costs.
 */
async function prefersWalk(
  trx: Tx,
  tabel: 'umkm_katalog' | 'umkm_katalog_usaha',
  syarat: RawBuilder<unknown>,
  q: string,
): Promise<boolean> {
  const perkiraan = async (where: RawBuilder<unknown>) => {
    const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json)
      select 1 from ${sql.table(tabel)} k where ${where}`.execute(trx);
    return r.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  };
  const cocok = await perkiraan(sql`${syarat} and k.cari @@ to_tsquery('simple', ${q})`);
  if (cocok <= BATAS_KANDIDAT) return false;
  const semua = await perkiraan(syarat);
  return semua > 0 && cocok / semua >= AMBANG_UMUM;
}

/** prefersWalk for a product search (see sqlCariProduk). */
export async function needsWalk(
  trx: Tx,
  tenantId: string,
  kueri: Kueri,
  filter: FilterKatalog,
): Promise<boolean> {
  if (kueri.kata.length === 0) return false;
  return prefersWalk(trx, 'umkm_katalog', syaratKatalog(tenantId, filter), teksTsquery(kueri));
}

/**
 * The statement behind searchProduk: one page of products in rank order with what the list shows,
 * each row with the number of matches (one row with a null id when the page is empty).
 * Exported for EXPLAIN.
 */
export function sqlCariProduk(
  tenantId: string,
  kueri: Kueri,
  filter: FilterKatalog,
  halaman: Halaman,
  jalan = false,
): RawBuilder<BarisProduk> {
  const syarat = syaratKatalog(tenantId, filter);
  const d = detailProduk(tenantId);
  let nilai;
  if (kueri.kata.length === 0) {
    nilai = sql`select k.produk_id as id, k.created_at, 0::float8 as skor from umkm_katalog k where ${syarat}
      order by k.created_at desc, k.produk_id desc limit ${BATAS_KANDIDAT}`;
  } else {
    const q = teksTsquery(kueri);
    const qNama = teksTsquery(kueri, 'A');
    const halal = filter.halal ? sql`case when c.halal then ${BONUS_HALAL}::float8 else 0 end` : sql`0`;
    // The newest BATAS_KANDIDAT matches, read either by walking the newest-first index and
    // testing each row (`jalan`: a common query meets enough matches soon), or through the GIN
    // index (every match, planned on its own in a materialised CTE, then the newest). Only they
    // are scored.
    const cocok = sql`select k.produk_id, k.created_at, k.cari, k.ada_foto, k.halal from umkm_katalog k
      where ${syarat} and k.cari @@ to_tsquery('simple', ${q})`;
    const kandidat = jalan
      ? sql`${cocok} order by k.created_at desc, k.produk_id desc limit ${BATAS_KANDIDAT}`
      : sql`with m as materialized (${cocok}) select * from m
          order by created_at desc, produk_id desc limit ${BATAS_KANDIDAT}`;
    nilai = sql`select c.produk_id as id, c.created_at,
          case when c.cari @@ to_tsquery('simple', ${qNama}) then 1 else 0 end
          + ts_rank_cd(${BOBOT}::float4[], c.cari, to_tsquery('simple', ${q}), 32)
          + case when c.ada_foto then ${BONUS_FOTO}::float8 else 0 end
          + ${halal} as skor
        from (${kandidat}) c`;
  }
  return sql<BarisProduk>`
    with nilai as materialized (${nilai})
    select h.id, j.jumlah, ${d.kolom}
    from (select count(*)::int as jumlah from nilai) j
    left join lateral (select id, skor, created_at from nilai order by skor desc, created_at desc, id desc
      limit ${halaman.perPage} offset ${offset(halaman)}) h on true
    ${d.gabung}
    order by h.skor desc, h.created_at desc, h.id desc`;
}

/** What a result list shows of these products (in the order of `ids`). */
export async function produkRingkas(
  trx: Tx,
  tenantId: string,
  ids: readonly string[],
): Promise<ProdukKatalog[]> {
  if (ids.length === 0) return [];
  const d = detailProduk(tenantId);
  const r = await sql<BarisProduk>`
    select h.id, 0 as jumlah, ${d.kolom}
    from unnest(${[...ids]}::uuid[]) with ordinality as h(id, urut)
    ${d.gabung}
    where d.slug is not null
    order by h.urut`.execute(trx);
  return toProduk(trx, r.rows);
}

/**
 * Searches the city's verified businesses by name and description (same stemming and
 * corrections as products); when no word of the query is left to match, by trigram similarity
 * of the whole query to the name. Without a query: all verified businesses by name.
 */
export async function searchUsaha(
  trx: Tx,
  tenantId: string,
  teks: string | Pencarian,
  filter: Pick<FilterKatalog, 'kecamatan' | 'sektor' | 'kelas'>,
  halaman: Halaman,
): Promise<HasilCari<UsahaKatalog>> {
  const p = typeof teks === 'string' ? await startPencarian(trx, tenantId, teks) : teks;
  const { versi, kueri } = p;
  // Trigram similarity of the whole query to the names only when the stemmed (and corrected)
  // words give nothing to match: a name the words miss entirely (a typo beyond correction).
  const trigram = kueri.kata.length === 0 ? teksTrigram(p.teks) : '';
  const f = [filter.kecamatan ?? null, filter.sektor ?? null, filter.kelas ?? null, trigram];
  const kunci = versi ? cacheKey('usaha', tenantId, versi, kueri, f, halaman) : null;
  const tersimpan = kunci ? cacheCari.ambil(kunci) : undefined;
  const { ids, jumlah } = tersimpan ?? (await searchUsahaIds(trx, tenantId, kueri, trigram, filter, halaman));
  if (kunci && !tersimpan) cacheCari.simpan(kunci, { ids, jumlah });
  return {
    items: await usahaRingkas(trx, tenantId, ids),
    jumlah,
    terbatas: jumlah >= BATAS_KANDIDAT,
    kueri,
    page: halaman.page,
    perPage: halaman.perPage,
  };
}

/** The ranked ids of one page of businesses and the number of matches (see searchUsaha). */
async function searchUsahaIds(
  trx: Tx,
  tenantId: string,
  kueri: Kueri,
  trigram: string,
  filter: Pick<FilterKatalog, 'kecamatan' | 'sektor' | 'kelas'>,
  halaman: Halaman,
): Promise<HasilTersimpan> {
  const s = [sql`k.tenant_id = ${tenantId}`];
  if (filter.kecamatan) s.push(sql`k.kecamatan_kode = ${filter.kecamatan}`);
  if (filter.sektor) s.push(sql`k.sektor = ${filter.sektor}`);
  if (filter.kelas) s.push(sql`k.kelas = ${filter.kelas}`);
  const syarat = sql.join(s, sql` and `);
  let r: { rows: { id: string | null; jumlah: number }[] };
  if (kueri.kata.length === 0 && !trigram) {
    r = await sql<{ id: string | null; jumlah: number }>`
      with kandidat as materialized (
        select k.usaha_id as id, k.nama from umkm_katalog_usaha k where ${syarat}
        order by k.nama, k.usaha_id limit ${BATAS_KANDIDAT}
      )
      select h.id, j.jumlah from (select count(*)::int as jumlah from kandidat) j
      left join lateral (select id from kandidat order by nama, id
        limit ${halaman.perPage} offset ${offset(halaman)}) h on true`.execute(trx);
  } else {
    const q = kueri.kata.length ? teksTsquery(kueri) : null;
    const qNama = kueri.kata.length ? teksTsquery(kueri, 'A') : null;
    const cocok =
      q && qNama
        ? {
            syarat: sql`k.cari @@ to_tsquery('simple', ${q})`,
            skor: sql`case when c.cari @@ to_tsquery('simple', ${qNama}) then 1 else 0 end
              + ts_rank_cd(${BOBOT}::float4[], c.cari, to_tsquery('simple', ${q}), 32)`,
          }
        : { syarat: sql`k.nama_cari % ${trigram}`, skor: sql`similarity(c.nama_cari, ${trigram})` };
    // As for products: the first BATAS_KANDIDAT matches by name, found by walking the names and
    // testing each for a common word, else through the GIN index (every match, planned on its
    // own in a materialised CTE, then the first by name); then only they are scored.
    const jalan = q ? await prefersWalk(trx, 'umkm_katalog_usaha', syarat, q) : false;
    const baris = sql`select k.usaha_id, k.nama, k.nama_cari, k.cari from umkm_katalog_usaha k
      where ${syarat} and ${cocok.syarat}`;
    const kandidat = jalan
      ? sql`${baris} order by k.nama, k.usaha_id limit ${BATAS_KANDIDAT}`
      : sql`with m as materialized (${baris}) select * from m order by nama, usaha_id limit ${BATAS_KANDIDAT}`;
    r = await sql<{ id: string | null; jumlah: number }>`
      with nilai as materialized (
        select c.usaha_id as id, c.nama, ${cocok.skor} as skor from (${kandidat}) c
      )
      select h.id, j.jumlah from (select count(*)::int as jumlah from nilai) j
      left join lateral (select id from nilai order by skor desc, nama, id
        limit ${halaman.perPage} offset ${offset(halaman)}) h on true`.execute(trx);
  }
  return { ids: r.rows.flatMap((x) => (x.id ? [x.id] : [])), jumlah: r.rows[0]?.jumlah ?? 0 };
}

async function usahaRingkas(trx: Tx, tenantId: string, ids: readonly string[]): Promise<UsahaKatalog[]> {
  if (ids.length === 0) return [];
  const r = await sql<
    Omit<UsahaKatalog, 'kecamatan' | 'kelurahan'> & { kecamatan_kode: string; kelurahan_kode: string }
  >`
    select u.id, u.slug, u.nama, u.deskripsi, u.sektor, u.kelas, u.kecamatan_kode, u.kelurahan_kode
    from umkm_usaha u
    where u.tenant_id = ${tenantId} and u.id = any(${[...ids]}::uuid[])`.execute(trx);
  const nama = await wilayahNames(
    trx,
    r.rows.flatMap((x) => [x.kecamatan_kode, x.kelurahan_kode]),
  );
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    if (!x) return [];
    const { kecamatan_kode, kelurahan_kode, ...usaha } = x;
    return [
      { ...usaha, kecamatan: wilayahRef(nama, kecamatan_kode), kelurahan: wilayahRef(nama, kelurahan_kode) },
    ];
  });
}
