/**
 * Indonesian stemmer for search: dictionary-based confix stripping
 * (Nazief–Adriani with the Enhanced Confix Stripping and Modified ECS
 * improvements).
 *
 * A word is checked against the root-word dictionary (data/kata-dasar/) after
 * every step; when nothing matches, what was removed is put back and other
 * readings are tried ("loop last return"). A word that cannot be traced to a
 * root is returned unchanged, so brand names and regional food names are never
 * mangled (unlike a rule-only stemmer, which turns "keripik" into "ripik").
 *
 * Steps, in order:
 *  1. the word itself is a root: done;
 *  2. words shaped like the confixes be-…-lah, be-…-an, me-…-i, di-…-i, pe-…-i
 *     and ter-…-i lose their prefixes before their suffixes;
 *  3. inflectional particle (-lah, -kah, -tah, -pun), then possessive pronoun
 *     (-ku, -mu, -nya), then derivational suffix (-kan, -an, -i);
 *  4. up to three derivational prefixes (di-, ke-, se-, meN-, peN-, beR-, teR-,
 *     per-, pe-, be-, te-) with the recoding rules (meny- -> s, mem- -> p,
 *     men- + vowel -> t, meng- + vowel -> k, menge-, penge- …); a prefix class
 *     is never removed twice, and impossible prefix–suffix pairs (be-…-i,
 *     di-…-an, ke-…-i, ke-…-kan, me-…-an, se-…-i, se-…-kan, te-…-an, and peN-…-kan)
 *     are refused;
 *  5. loop last return: the suffixes are put back one by one (for -kan, first
 *     only "-an" is taken off, so "pemasakan" reaches "masak") and step 4 is
 *     tried again on each.
 *
 * Hyphenated words: "kue-kue" -> "kue", "berlari-lari" -> "lari",
 * "buah-buahan" -> "buah"; when the parts have different roots
 * ("sayur-mayur", "jual-beli") `stem` returns the root of the first part and
 * `stemText` emits both.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';

/** The root-word list shipped with the repository (one root per line). */
export const rootWordsFile = path.join(projectRoot, 'data', 'kata-dasar', 'kata-dasar.txt');

/** Words of this length or shorter, and numbers, are left as they are. */
const MIN_STEMMED_LENGTH = 4;
/** No root is shorter than this. */
const MIN_ROOT_LENGTH = 3;
const MAX_PREFIXES = 3;
const CACHE_LIMIT = 50_000;

let roots: Set<string> | undefined;
const cache = new Map<string, string>();

/** Parses a root-word list: one root per line, `#` starts a comment. */
export function parseRootWords(text: string): Set<string> {
  const set = new Set<string>();
  for (const line of text.split('\n')) {
    const word = line.replace(/#.*/, '').trim().toLowerCase();
    if (word.length >= MIN_ROOT_LENGTH) set.add(word);
  }
  return set;
}

function rootSet(): Set<string> {
  roots ??= parseRootWords(readFileSync(rootWordsFile, 'utf8'));
  return roots;
}

/** Whether `word` (any case) is in the root-word dictionary. */
export function isRootWord(word: string): boolean {
  return rootSet().has(normalise(word));
}

/** Number of roots in the dictionary (loads it). */
export function rootWordCount(): number {
  return rootSet().size;
}

function isRoot(word: string): boolean {
  return word.length >= MIN_ROOT_LENGTH && rootSet().has(word);
}

function normalise(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The root of one word, lower-cased. Numbers, words of three letters or fewer
 * and words that cannot be traced to a known root come back unchanged
 * (lower-cased).
 */
export function stem(word: string): string {
  const w = normalise(word.trim());
  const hit = cache.get(w);
  if (hit !== undefined) return hit;
  const result = stemHyphenated(w);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(w, result);
  return result;
}

/**
 * Lower-cases `text`, splits it into words (letters, with inner hyphens kept
 * for reduplication) and numbers, and returns the stem of every word, in order.
 * Reduplicated words give one token ("kue-kue" -> "kue"); hyphenated words
 * whose parts have different roots give one token per part.
 */
export function stemText(text: string): string[] {
  const tokens: string[] = [];
  for (const match of normalise(text).matchAll(/\p{L}+(?:-\p{L}+)*|\p{N}+/gu)) {
    const token = match[0];
    if (!token.includes('-')) {
      tokens.push(stem(token));
      continue;
    }
    for (const part of new Set(token.split('-').map(stem))) tokens.push(part);
  }
  return tokens;
}

function stemHyphenated(w: string): string {
  if (!w.includes('-')) return stemWord(w);
  const parts = w.split('-').filter((p) => p !== '');
  // "kue-kue", "berlari-lari", "sebaik-baiknya": the parts share one root.
  // "sayur-mayur", "jual-beli": the first part leads; "se-kota", "e-katalog":
  // a fragment of three letters or fewer is passed over.
  const head = parts.find((p) => p.length >= MIN_STEMMED_LENGTH) ?? parts[0];
  return head === undefined ? w : stemWord(head);
}

function stemWord(w: string): string {
  if (w.length < MIN_STEMMED_LENGTH || !/^\p{L}+$/u.test(w)) return w;
  if (isRoot(w)) return w;

  const states = suffixStates(w);

  if (PRECEDENCE.some((re) => re.test(w))) {
    const found = prefixSearch(w, null, true);
    if (found !== null) return found;
  }

  for (const state of states) {
    if (state.suffix === 'kan' && isRoot(state.word + 'k')) return state.word + 'k';
    if (isRoot(state.word)) return state.word;
  }

  const last = states.at(-1) ?? { word: w, suffix: null };
  // A word ending in -kan may be a root ending in k with -an ("perbankan",
  // "kerusakan"); the impossible pairs (me-…-an, di-…-an, te-…-an) keep verbs
  // such as "mengenakan" on the -kan reading.
  if (last.suffix === 'kan') {
    const asAn = prefixSearch(last.word + 'k', 'an', false);
    if (asAn !== null) return asAn;
  }
  const found = prefixSearch(last.word, last.suffix, false);
  if (found !== null) return found;

  // Loop last return: put the suffixes back one at a time.
  const restored = [w, ...states.map((s) => s.word)].slice(0, -1);
  for (let i = restored.length - 1; i >= 0; i--) {
    const r = prefixSearch(restored[i]!, null, false);
    if (r !== null) return r;
  }
  return w;
}

type DerivationalSuffix = 'kan' | 'an' | 'i';
interface SuffixState {
  word: string;
  /** The derivational suffix removed to reach this state, if any. */
  suffix: DerivationalSuffix | null;
}

const PRECEDENCE = [/^be.+lah$/, /^be.+an$/, /^me.+i$/, /^di.+i$/, /^pe.+i$/, /^ter.+i$/];

/** The word after each suffix-removal step that applied, in order. */
function suffixStates(w: string): SuffixState[] {
  const states: SuffixState[] = [];
  let cur = w;
  const strip = (n: number, suffix: DerivationalSuffix | null) => {
    if (cur.length - n < MIN_ROOT_LENGTH) return;
    cur = cur.slice(0, -n);
    states.push({ word: cur, suffix });
  };
  const particle = /(lah|kah|tah|pun)$/.exec(cur);
  if (particle) strip(particle[1]!.length, null);
  const possessive = /(ku|mu|nya)$/.exec(cur);
  if (possessive) strip(possessive[1]!.length, null);
  if (cur.endsWith('kan')) strip(3, 'kan');
  else if (cur.endsWith('an')) strip(2, 'an');
  else if (cur.endsWith('i')) strip(1, 'i');
  return states;
}

/** Everything after the inflectional and derivational suffixes, for prefix-first words. */
function rootAfterSuffixes(w: string): string | null {
  if (isRoot(w)) return w;
  for (const state of suffixStates(w)) {
    if (state.suffix === 'kan' && isRoot(state.word + 'k')) return state.word + 'k';
    if (isRoot(state.word)) return state.word;
  }
  return null;
}

type PrefixClass = 'di' | 'ke' | 'se' | 'me' | 'pe' | 'per' | 'be' | 'te';
interface Reading {
  cls: PrefixClass;
  rest: string;
}

/** Prefix–suffix pairs that Indonesian does not form (checked on the outermost prefix). */
const DISALLOWED: Record<DerivationalSuffix, ReadonlySet<PrefixClass>> = {
  i: new Set(['be', 'ke', 'se']),
  an: new Set(['di', 'me', 'te']),
  kan: new Set(['ke', 'se', 'pe']),
};

/**
 * Roots that meng-/peng- + vowel should reach through a dropped k when both
 * readings are roots ("mengemas" is far more often "kemas" than "emas").
 */
const PREFER_K = new Set(['kemas', 'karang', 'kalah', 'kenang', 'kait']);

function prefixSearch(word: string, suffix: DerivationalSuffix | null, suffixAfter: boolean): string | null {
  const visit = (w: string, depth: number, used: ReadonlySet<PrefixClass>): string | null => {
    const readings = prefixReadings(w).filter(
      (r) =>
        !used.has(r.cls) &&
        !(depth === 0 && suffix !== null && DISALLOWED[suffix].has(r.cls)) &&
        r.rest.length >= MIN_ROOT_LENGTH,
    );
    for (const r of readings) if (isRoot(r.rest)) return r.rest;
    if (suffixAfter) {
      for (const r of readings) {
        const root = rootAfterSuffixes(r.rest);
        if (root !== null) return root;
      }
    }
    if (depth + 1 >= MAX_PREFIXES) return null;
    for (const r of readings) {
      if (r.rest.length < MIN_ROOT_LENGTH + 2) continue;
      const root = visit(r.rest, depth + 1, new Set([...used, r.cls]));
      if (root !== null) return root;
    }
    return null;
  };
  return visit(word, 0, new Set());
}

const VOWEL = /[aiueo]/;
const isVowel = (c: string | undefined) => c !== undefined && VOWEL.test(c);
const isConsonant = (c: string | undefined) => c !== undefined && /[a-z]/.test(c) && !VOWEL.test(c);

/** The possible (prefix, remainder) readings of `w`, most likely first. */
function prefixReadings(w: string): Reading[] {
  const out: Reading[] = [];
  const add = (cls: PrefixClass, rest: string) => out.push({ cls, rest });
  const at = (i: number) => w[i];

  if (w.startsWith('di')) add('di', w.slice(2));
  else if (w.startsWith('ke')) add('ke', w.slice(2));
  else if (w.startsWith('se')) add('se', w.slice(2));

  if (w.startsWith('be')) {
    if (w.startsWith('belajar')) add('be', w.slice(3));
    if (w.startsWith('ber')) {
      if (isVowel(at(3))) {
        add('be', w.slice(3)); // ber-V
        add('be', w.slice(2)); // be-rV
      } else if (at(3) !== 'r') add('be', w.slice(3));
    } else if (isConsonant(at(2)) && at(2) !== 'l') add('be', w.slice(2)); // be-kerja, be-ternak
  }

  if (w.startsWith('te')) {
    if (w.startsWith('ter')) {
      if (isVowel(at(3))) {
        add('te', w.slice(3));
        add('te', w.slice(2));
      } else if (at(3) !== 'r') add('te', w.slice(3));
    } else if (isConsonant(at(2))) add('te', w.slice(2));
  }

  if (w.startsWith('me')) nasalReadings(w, 'me', add);

  if (w.startsWith('pe')) {
    if (w.startsWith('pelajar')) add('pe', w.slice(3));
    if (w.startsWith('per')) {
      if (isVowel(at(3))) {
        add('per', w.slice(3));
        add('pe', w.slice(2));
      } else if (at(3) !== 'r') add('per', w.slice(3));
    }
    nasalReadings(w, 'pe', add);
    // pe- + consonant other than a nasal or r: pe-tani, pe-dagang, pe-kerja, pe-ternak
    if (isConsonant(at(2)) && !'rmn'.includes(at(2)!)) add('pe', w.slice(2));
  }
  return out;
}

/** meN- and peN- with their recoding rules; `p` is "me" or "pe". */
function nasalReadings(w: string, p: 'me' | 'pe', add: (cls: PrefixClass, rest: string) => void): void {
  const cls: PrefixClass = p;
  const c2 = w[2];
  const c3 = w[3];
  const c4 = w[4];
  // me-l/r/w/y + vowel: me-lihat, me-rakit, pe-warna, pe-lukis
  if (c2 !== undefined && 'lrwy'.includes(c2) && isVowel(c3)) add(cls, w.slice(2));
  if (c2 === 'm') {
    if (c3 !== undefined && 'bfv'.includes(c3))
      add(cls, w.slice(3)); // mem-batik
    else if (c3 === 'p')
      add(cls, w.slice(3)); // mem-produksi, mem-perbaiki, mem-punyai
    else if (isVowel(c3) || (c3 === 'r' && isVowel(c4))) {
      add(cls, w.slice(2)); // me-makan
      add(cls, 'p' + w.slice(3)); // me(m)-pakai
    } else if (isConsonant(c3)) add(cls, w.slice(3));
  } else if (c2 === 'n') {
    if (c3 === 'y' && isVowel(c4)) {
      add(cls, 's' + w.slice(4)); // meny-sablon
      add(cls, w.slice(2)); // me-nyanyi
    } else if (c3 === 'g') {
      if (c4 !== undefined && 'ghqk'.includes(c4))
        add(cls, w.slice(4)); // meng-goreng, meng-kritik
      else if (isVowel(c4)) {
        const bare = w.slice(4);
        const withK = 'k' + bare;
        // menge- + consonant: menge-cat, penge-bom, menge-las
        if (c4 === 'e' && isConsonant(w[5])) add(cls, w.slice(5));
        if (PREFER_K.has(withK)) add(cls, withK);
        add(cls, bare); // meng-olah
        add(cls, withK); // meng-(k)emas
      } else if (isConsonant(c4)) add(cls, w.slice(4)); // peng-rajin
    } else if (c3 !== undefined && 'cdjszt'.includes(c3))
      add(cls, w.slice(3)); // men-jahit
    else if (isVowel(c3)) {
      add(cls, w.slice(2)); // me-nikah
      add(cls, 't' + w.slice(3)); // me(n)-tabung
    } else if (isConsonant(c3)) add(cls, w.slice(3));
  }
}
