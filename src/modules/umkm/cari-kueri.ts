/**
 * How the catalogue search understands a query (see cari.ts's header): the words, stemmed,
 * function words dropped, corrected against the city's vocabulary (umkm_kata), the last one as a
 * prefix; and the tsquery and trigram texts built from them.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { stemText } from '../../platform/search/stemmer.ts';

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
/** Most vocabulary words a prefix is expanded into (see Kueri.lanjutan). */
const MAKS_LANJUTAN = 12;
const MAKS_KATA = 8;

/** Function words dropped from queries (they are in every description and decide nothing). */
export const KATA_UMUM: ReadonlySet<string> = new Set([
  'dan', 'yang', 'di', 'ke', 'dari', 'untuk', 'utk', 'dengan', 'dgn', 'atau', 'ini', 'itu', 'pada',
  'dalam', 'juga', 'akan', 'oleh', 'para', 'sang', 'si', 'yg', 'dr', 'the', 'of', 'and', 'for',
]); // prettier-ignore

/** A query as the search understood it. */
export interface Kueri {
  /** Words searched: stems, after correction. Empty: no query (everything is listed). */
  kata: string[];
  /** The last word is matched as a prefix. */
  awalan: boolean;
  /**
   * With `awalan`: the city's vocabulary words the last word begins (itself included), when at
   * most MAKS_LANJUTAN; the search matches them as words, which the GIN index finds several times
   * faster than a prefix (the vocabulary holds every word of every document). Absent or null: the
   * prefix itself is matched.
   */
  lanjutan?: string[] | null | undefined;
  /** The query as searched, with corrected words, when a correction was applied; else null. */
  koreksi: string | null;
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
export async function parseKueri(trx: Tx, tenantId: string, teks: string): Promise<Kueri> {
  const tok = tokens(teks);
  const stems = [...new Set(tok.flatMap((t) => t.stems))];
  if (stems.length === 0) return { kata: [], awalan: false, koreksi: null };
  const akhir = tok.at(-1)!.stems.at(-1)!;
  const r = await sql<{ kata: string; dekat: string | null; lanjutan: string[] | null }>`
    select w.kata,
      case when w.akhir then array(select k.kata from umkm_kata k
        where k.tenant_id = ${tenantId} and k.kata >= w.kata and k.kata < w.batas
        order by k.kata limit ${MAKS_LANJUTAN + 1}) end as lanjutan,
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
  const awalan = kata.at(-1) === last && last.length >= MIN_AWALAN;
  // The words the last one may complete to (a corrected word keeps its prefix).
  const lanjutan = r.rows.find((x) => x.kata === akhir)?.lanjutan ?? null;
  return {
    kata,
    awalan,
    lanjutan:
      awalan && !ganti.has(akhir) && lanjutan && lanjutan.length > 0 && lanjutan.length <= MAKS_LANJUTAN
        ? lanjutan
        : null,
    koreksi: ganti.size
      ? tok
          .map((t) =>
            t.stems.some((s) => ganti.has(s)) ? t.stems.map((s) => ganti.get(s) ?? s).join(' ') : t.asli,
          )
          .join(' ')
      : null,
  };
}

/**
 * The tsquery text of a query: every word (AND), the last as a prefix (or as the words it
 * completes to, Kueri.lanjutan); `bobot` limits to a weight.
 */
export function teksTsquery(k: Pick<Kueri, 'kata' | 'awalan' | 'lanjutan'>, bobot = ''): string {
  const kata = (w: string, akhiran: string) => {
    const kutip = `'${w.replace(/['\\]/g, '')}'`;
    return akhiran ? `${kutip}:${akhiran}` : kutip;
  };
  return k.kata
    .map((w, i) => {
      if (!k.awalan || i < k.kata.length - 1) return kata(w, bobot);
      if (k.lanjutan?.length) return `(${k.lanjutan.map((l) => kata(l, bobot)).join(' | ')})`;
      return kata(w, `*${bobot}`);
    })
    .join(' & ');
}

/** Lower-case words of the query for trigram similarity on names ("" when too short). */
export function teksTrigram(teks: string): string {
  const t = teks
    .slice(0, MAKS_TEKS)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return t.length >= MIN_KOREKSI ? t : '';
}
