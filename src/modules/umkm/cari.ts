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
 * Searching (cariProduk, cariUsaha):
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
 * Cost, and the trade-off: ranking needs every matching row's document, so ranking every match
 * of a broad word ("makanan" is in the category of half the catalogue) grows with the catalogue.
 * Instead only the first BATAS_KANDIDAT matches, in the order the scan meets them (storage order:
 * a cheap order, no sort), are scored and ranked; a query matching more says so (`terbatas`,
 * "lebih dari 1.000 produk") and pages never go past them. A narrow query — fewer matches than
 * the cap, nearly every real query — is ranked exactly; a broad one ranks a sample and asks the
 * buyer to narrow it. The matching scan is planned for all its rows (a materialised CTE) and
 * read lazily, so a sparse word is read through the GIN index on (tenant_id, cari) and a very
 * common one by reading rows until the cap is reached (the slow case left: a common word with a
 * filter few of its matches pass, e.g. a small kecamatan, reads on until it finds enough or the
 * matches end). The business's conditions (verified, kecamatan, sector, class) are a per-row primary-key
 * look-up, never a join over all businesses. Browsing without a query walks the index
 * umkm_produk_terbaru (newest first), capped the same way. Filters apply inside the capped scan,
 * so a filter never empties a page that has matches.
 *
 * Row-level security: the GIN indexes serve these queries only when the full-text and trigram
 * match functions are LEAKPROOF (see db/migrations/0013_umkm_katalog.sql); cari.test.ts checks
 * the plan as the app role.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { stemText } from '../../platform/search/stemmer.ts';
import type { FotoRingkas } from './foto.ts';
import type { KategoriProduk, Kelas } from './tables.ts';

/** Stemmed words of a text, space-separated, for to_tsvector('simple', …). */
export function teksCari(...parts: (string | null | undefined)[]): string {
  return stemText(parts.filter(Boolean).join(' ')).join(' ');
}

/** Rebuilds the search documents of these products and adds their words to the vocabulary. */
export async function indeksProduk(trx: Tx, produkIds: readonly string[]): Promise<void> {
  if (produkIds.length === 0) return;
  const rows = await trx
    .selectFrom('umkm_produk as p')
    .innerJoin('umkm_usaha as u', (j) =>
      j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.usaha_id'),
    )
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
  await tambahKata(trx, [...kata]);
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
    await tambahKata(
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
export async function tambahKata(trx: Tx, kata: readonly string[]): Promise<void> {
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
/**
 * Least trigram similarity for a typo correction (kripik -> keripik 0.5, bakzo -> bakso 0.33).
 * The index finds candidates with `%`, at pg_trgm's similarity_threshold (0.3 unless the server
 * sets it): this may not be lower.
 */
export const AMBANG_MIRIP = 0.3;
/** Words shorter than this are never corrected (too many near neighbours). */
const MIN_KOREKSI = 4;
/** The last word is a prefix only from this length (a one-letter prefix matches everything). */
const MIN_AWALAN = 3;
const MAKS_TEKS = 200;
const MAKS_KATA = 8;
/** Weights of D, C, B, A for ts_rank_cd. */
const BOBOT = '{0.1, 0.2, 0.4, 1.0}';
const BONUS_FOTO = 0.05;
const BONUS_HALAL = 0.05;

/** Function words dropped from queries (they are in every description and decide nothing). */
export const KATA_UMUM: ReadonlySet<string> = new Set([
  'dan', 'yang', 'di', 'ke', 'dari', 'untuk', 'utk', 'dengan', 'dgn', 'atau', 'ini', 'itu', 'pada',
  'dalam', 'juga', 'akan', 'oleh', 'para', 'sang', 'si', 'yg', 'dr', 'the', 'of', 'and', 'for',
]); // prettier-ignore

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

/** A query as the search understood it. */
export interface Kueri {
  /** Words searched: stems, after correction. Empty: no query (everything is listed). */
  kata: string[];
  /** The last word is matched as a prefix. */
  awalan: boolean;
  /** The query as searched, with corrected words, when a correction was applied; else null. */
  koreksi: string | null;
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

interface Token {
  asli: string;
  stems: string[];
}

/** The words of a query: at most MAKS_TEKS characters and MAKS_KATA words, function words dropped. */
function tokens(teks: string): Token[] {
  const out: Token[] = [];
  const norm = teks.slice(0, MAKS_TEKS).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  for (const m of norm.matchAll(/\p{L}+(?:-\p{L}+)*|\p{N}+/gu)) {
    const stems = [...new Set(stemText(m[0]))].filter((s) => s.length <= 60 && !KATA_UMUM.has(s));
    if (stems.length) out.push({ asli: m[0], stems });
    if (out.length === MAKS_KATA) break;
  }
  return out;
}

/** The smallest string above every string starting with `w` (for a prefix range on a btree). */
function batasAwalan(w: string): string {
  const cps = [...w];
  const last = cps.pop()!;
  return cps.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/**
 * Stems the query and corrects words missing from the city's vocabulary (see the header). The
 * vocabulary is looked up by its primary key and, for corrections, by its trigram index.
 */
export async function pahamiKueri(trx: Tx, tenantId: string, teks: string): Promise<Kueri> {
  const tok = tokens(teks);
  const stems = [...new Set(tok.flatMap((t) => t.stems))];
  if (stems.length === 0) return { kata: [], awalan: false, koreksi: null };
  const akhir = tok.at(-1)!.stems.at(-1)!;
  const r = await sql<{ kata: string; dekat: string | null }>`
    select w.kata,
      case when length(w.kata) >= ${MIN_KOREKSI} and w.kata !~ '^[0-9]+$'
        and not exists (select 1 from umkm_kata k where k.tenant_id = ${tenantId} and k.kata = w.kata)
        and not (w.akhir and exists (select 1 from umkm_kata k
          where k.tenant_id = ${tenantId} and k.kata > w.kata and k.kata < w.batas))
      then (select k.kata from umkm_kata k
        where k.tenant_id = ${tenantId} and k.kata % w.kata and similarity(k.kata, w.kata) >= ${AMBANG_MIRIP}
        order by similarity(k.kata, w.kata) desc, k.kata limit 1)
      end as dekat
    from unnest(${stems}::text[], ${stems.map(batasAwalan)}::text[], ${stems.map((s) => s === akhir)}::bool[])
      as w(kata, batas, akhir)`.execute(trx);
  const ganti = new Map(r.rows.filter((x) => x.dekat && x.dekat !== x.kata).map((x) => [x.kata, x.dekat!]));
  const kata = [...new Set(stems.map((s) => ganti.get(s) ?? s))];
  const last = ganti.get(akhir) ?? akhir;
  return {
    kata,
    awalan: kata.at(-1) === last && last.length >= MIN_AWALAN,
    koreksi: ganti.size
      ? tok
          .map((t) =>
            t.stems.some((s) => ganti.has(s)) ? t.stems.map((s) => ganti.get(s) ?? s).join(' ') : t.asli,
          )
          .join(' ')
      : null,
  };
}

/** The tsquery text of a query: every word (AND), the last as a prefix; `bobot` limits to a weight. */
export function teksTsquery(k: Pick<Kueri, 'kata' | 'awalan'>, bobot = ''): string {
  return k.kata
    .map((w, i) => {
      const akhiran = (k.awalan && i === k.kata.length - 1 ? '*' : '') + bobot;
      const kutip = `'${w.replace(/['\\]/g, '')}'`;
      return akhiran ? `${kutip}:${akhiran}` : kutip;
    })
    .join(' & ');
}

/**
 * Conditions on a product `p` of the public catalogue. The business's conditions are a
 * correlated EXISTS kept from being turned into a join (OFFSET 0): each product the capped scan
 * reads costs one primary-key look-up, instead of a hash join over every verified business.
 */
function syaratProduk(tenantId: string, f: FilterKatalog) {
  const u = [sql`u.tenant_id = p.tenant_id`, sql`u.id = p.usaha_id`, sql`u.status = 'terverifikasi'`];
  if (f.kecamatan) u.push(sql`u.kecamatan_kode = ${f.kecamatan}`);
  if (f.sektor) u.push(sql`u.sektor = ${f.sektor}`);
  if (f.kelas) u.push(sql`u.kelas = ${f.kelas}`);
  const s = [
    sql`p.tenant_id = ${tenantId}`,
    sql`p.tersedia`,
    sql`exists (select 1 from umkm_usaha u where ${sql.join(u, sql` and `)} offset 0)`,
  ];
  if (f.kategori) s.push(sql`p.kategori = ${f.kategori}`);
  if (f.halal)
    s.push(sql`(p.halal or exists (select 1 from umkm_legalitas l
      where l.tenant_id = p.tenant_id and l.usaha_id = p.usaha_id and l.jenis = 'halal'
        and (l.berlaku_sampai is null or l.berlaku_sampai >= current_date) offset 0))`);
  return sql.join(s, sql` and `);
}

function offset(h: Halaman): number {
  return (h.page - 1) * h.perPage;
}

interface BarisProduk {
  id: string | null;
  jumlah: number;
  slug: string;
  nama: string;
  harga: number;
  satuan: string;
  kategori: KategoriProduk;
  halal: boolean;
  usaha_slug: string;
  usaha_nama: string;
  kecamatan_kode: string;
  kecamatan_nama: string | null;
  foto_id: string | null;
  foto_lebar: number | null;
  foto_tinggi: number | null;
  foto_alt: string | null;
}

/** What a result list shows of product `h.id`: its first photo, business and kecamatan. */
function detailProduk(tenantId: string) {
  return {
    kolom: sql`p.slug, p.nama, p.harga, p.satuan, p.kategori, p.halal,
      u.slug as usaha_slug, u.nama as usaha_nama, u.kecamatan_kode, w.nama as kecamatan_nama,
      f.id as foto_id, f.lebar as foto_lebar, f.tinggi as foto_tinggi, f.alt as foto_alt`,
    gabung: sql`left join umkm_produk p on p.tenant_id = ${tenantId} and p.id = h.id
      left join umkm_usaha u on u.tenant_id = p.tenant_id and u.id = p.usaha_id
      left join wilayah w on w.kode = u.kecamatan_kode
      left join lateral (select f.id, f.lebar, f.tinggi, f.alt from umkm_foto f
        where f.tenant_id = p.tenant_id and f.produk_id = p.id
        order by f.urutan, f.created_at, f.id limit 1) f on true`,
  };
}

function keProduk(rows: BarisProduk[]): ProdukKatalog[] {
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
            kecamatan: { kode: x.kecamatan_kode, nama: x.kecamatan_nama ?? x.kecamatan_kode },
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
 * Searches the city's public catalogue: products of verified businesses that are available,
 * matching every word of `teks` (stemmed and corrected), filtered, ranked, one page. Two
 * statements: the vocabulary look-up, then the search with the page's details.
 */
export async function cariProduk(
  trx: Tx,
  tenantId: string,
  teks: string,
  filter: FilterKatalog,
  halaman: Halaman,
): Promise<HasilCari<ProdukKatalog>> {
  const kueri = await pahamiKueri(trx, tenantId, teks);
  const r = await sqlCariProduk(tenantId, kueri, filter, halaman).execute(trx);
  const jumlah = r.rows[0]?.jumlah ?? 0;
  return {
    items: keProduk(r.rows),
    jumlah,
    terbatas: jumlah >= BATAS_KANDIDAT,
    kueri,
    page: halaman.page,
    perPage: halaman.perPage,
  };
}

/**
 * The statement behind cariProduk: one page of products in rank order with what the list shows,
 * each row with the number of matches (one row with a null id when the page is empty).
 * Exported for EXPLAIN.
 */
export function sqlCariProduk(
  tenantId: string,
  kueri: Kueri,
  filter: FilterKatalog,
  halaman: Halaman,
): RawBuilder<BarisProduk> {
  const syarat = syaratProduk(tenantId, filter);
  const d = detailProduk(tenantId);
  let nilai;
  if (kueri.kata.length === 0) {
    nilai = sql`select p.id, p.created_at, 0::float8 as skor from umkm_produk p where ${syarat}
      order by p.created_at desc, p.id desc limit ${BATAS_KANDIDAT}`;
  } else {
    const q = teksTsquery(kueri);
    const qNama = teksTsquery(kueri, 'A');
    const halal = filter.halal ? sql`case when p.halal then ${BONUS_HALAL}::float8 else 0 end` : sql`0`;
    // Planned on its own for all its rows (so a sparse word gets the GIN index, not a walk in
    // some index's order hoping to meet matches soon), read lazily: only the first
    // BATAS_KANDIDAT matches are produced, and only they are scored.
    nilai = sql`with cocok as materialized (
        select p.id, p.created_at,
          case when p.cari @@ to_tsquery('simple', ${qNama}) then 1 else 0 end
          + ts_rank_cd(${BOBOT}::float4[], p.cari, to_tsquery('simple', ${q}), 32)
          + case when exists (select 1 from umkm_foto f
              where f.tenant_id = p.tenant_id and f.produk_id = p.id offset 0) then ${BONUS_FOTO}::float8 else 0 end
          + ${halal} as skor
        from umkm_produk p where ${syarat} and p.cari @@ to_tsquery('simple', ${q})
      )
      select id, created_at, skor from cocok limit ${BATAS_KANDIDAT}`;
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
    where p.id is not null
    order by h.urut`.execute(trx);
  return keProduk(r.rows);
}

/** Lower-case words of the query for trigram similarity on names ("" when too short). */
function teksTrigram(teks: string): string {
  const t = teks
    .slice(0, MAKS_TEKS)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return t.length >= MIN_KOREKSI ? t : '';
}

/**
 * Searches the city's verified businesses by name and description (same stemming and
 * corrections as products); when no word of the query is left to match, by trigram similarity
 * of the whole query to the name. Without a query: all verified businesses by name.
 */
export async function cariUsaha(
  trx: Tx,
  tenantId: string,
  teks: string,
  filter: Pick<FilterKatalog, 'kecamatan' | 'sektor' | 'kelas'>,
  halaman: Halaman,
): Promise<HasilCari<UsahaKatalog>> {
  const kueri = await pahamiKueri(trx, tenantId, teks);
  const s = [sql`u.tenant_id = ${tenantId}`, sql`u.status = 'terverifikasi'`];
  if (filter.kecamatan) s.push(sql`u.kecamatan_kode = ${filter.kecamatan}`);
  if (filter.sektor) s.push(sql`u.sektor = ${filter.sektor}`);
  if (filter.kelas) s.push(sql`u.kelas = ${filter.kelas}`);
  const syarat = sql.join(s, sql` and `);
  // Trigram similarity of the whole query to names only when the stemmed (and corrected) words
  // give nothing to match: `lower(nama) % q` cannot use its index under row-level security
  // (lower() is not leakproof), so or-ing it into every search would read every business.
  const trigram = kueri.kata.length === 0 ? teksTrigram(teks) : '';
  let r: { rows: { id: string | null; jumlah: number }[] };
  if (kueri.kata.length === 0 && !trigram) {
    r = await sql<{ id: string | null; jumlah: number }>`
      with kandidat as materialized (
        select u.id, u.nama from umkm_usaha u where ${syarat} order by u.nama, u.id limit ${BATAS_KANDIDAT}
      )
      select h.id, j.jumlah from (select count(*)::int as jumlah from kandidat) j
      left join lateral (select id from kandidat order by nama, id
        limit ${halaman.perPage} offset ${offset(halaman)}) h on true`.execute(trx);
  } else {
    const q = kueri.kata.length ? teksTsquery(kueri) : null;
    const qNama = kueri.kata.length ? teksTsquery(kueri, 'A') : null;
    const cocok = sql.join(
      [
        ...(q ? [sql`u.cari @@ to_tsquery('simple', ${q})`] : []),
        ...(trigram ? [sql`lower(u.nama) % ${trigram}`] : []),
      ],
      sql` or `,
    );
    // As for products: planned for all its rows (the two GIN indexes, or-ed), read up to the cap.
    r = await sql<{ id: string | null; jumlah: number }>`
      with cocok as materialized (
        select u.id, u.nama,
          ${q && qNama ? sql`case when u.cari @@ to_tsquery('simple', ${qNama}) then 1 else 0 end + ts_rank_cd(${BOBOT}::float4[], u.cari, to_tsquery('simple', ${q}), 32)` : sql`0`}
          + ${trigram ? sql`similarity(lower(u.nama), ${trigram})` : sql`0`} as skor
        from umkm_usaha u where ${syarat} and (${cocok})
      ),
      nilai as materialized (select * from cocok limit ${BATAS_KANDIDAT})
      select h.id, j.jumlah from (select count(*)::int as jumlah from nilai) j
      left join lateral (select id from nilai order by skor desc, nama, id
        limit ${halaman.perPage} offset ${offset(halaman)}) h on true`.execute(trx);
  }
  const jumlah = r.rows[0]?.jumlah ?? 0;
  const ids = r.rows.flatMap((x) => (x.id ? [x.id] : []));
  return {
    items: await usahaRingkas(trx, tenantId, ids),
    jumlah,
    terbatas: jumlah >= BATAS_KANDIDAT,
    kueri,
    page: halaman.page,
    perPage: halaman.perPage,
  };
}

async function usahaRingkas(trx: Tx, tenantId: string, ids: readonly string[]): Promise<UsahaKatalog[]> {
  if (ids.length === 0) return [];
  const r = await sql<{
    id: string;
    slug: string;
    nama: string;
    deskripsi: string | null;
    sektor: string | null;
    kelas: Kelas | null;
    kecamatan_kode: string;
    kecamatan_nama: string | null;
    kelurahan_kode: string;
    kelurahan_nama: string | null;
  }>`
    select u.id, u.slug, u.nama, u.deskripsi, u.sektor, u.kelas, u.kecamatan_kode, kc.nama as kecamatan_nama,
      u.kelurahan_kode, kl.nama as kelurahan_nama
    from umkm_usaha u
    left join wilayah kc on kc.kode = u.kecamatan_kode
    left join wilayah kl on kl.kode = u.kelurahan_kode
    where u.tenant_id = ${tenantId} and u.id = any(${[...ids]}::uuid[])`.execute(trx);
  const byId = new Map(r.rows.map((x) => [x.id, x]));
  return ids.flatMap((id) => {
    const x = byId.get(id);
    if (!x) return [];
    return [
      {
        id: x.id,
        slug: x.slug,
        nama: x.nama,
        deskripsi: x.deskripsi,
        sektor: x.sektor,
        kelas: x.kelas,
        kecamatan: { kode: x.kecamatan_kode, nama: x.kecamatan_nama ?? x.kecamatan_kode },
        kelurahan: { kode: x.kelurahan_kode, nama: x.kelurahan_nama ?? x.kelurahan_kode },
      },
    ];
  });
}
