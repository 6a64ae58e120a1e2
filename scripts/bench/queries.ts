/**
 * Catalogue search queries as visitors type them, drawn from the words of the catalogue itself:
 * one, two and three words, prefixes being typed, typos, affixed forms and words the catalogue
 * does not hold. `nextQuery` never gives the same query twice, so no result cache can help.
 */

const AFFIXES: readonly ((w: string) => string)[] = [
  (w) => `${w}nya`,
  (w) => `${w}an`,
  (w) => `di${w}`,
  (w) => `ber${w}`,
  (w) => `pe${w}an`,
];
const OUTSIDE = [
  'sepeda',
  'laptop',
  'semen',
  'obat',
  'pupuk',
  'bensin',
  'kamera',
  'payung',
  'karpet',
  'genteng',
];

/** A word with one typo: a letter dropped, doubled, or two neighbours swapped. */
function typo(w: string, r: () => number): string {
  if (w.length < 4) return `${w}${w.at(-1)}`;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const kind = Math.floor(r() * 3);
  if (kind === 0) return w.slice(0, i) + w.slice(i + 1);
  if (kind === 1) return w.slice(0, i) + w[i] + w.slice(i);
  return w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
}

export function queryMaker(vocabulary: readonly string[], seed = 7): () => string {
  let s = seed;
  const r = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const pick = () => vocabulary[Math.floor(r() * vocabulary.length)]!;
  const seen = new Set<string>();
  const make = (): string => {
    const kind = Math.floor(r() * 8);
    if (kind === 0) return pick();
    if (kind === 1) return `${pick()} ${pick()}`;
    if (kind === 2) return `${pick()} ${pick()} ${pick()}`;
    if (kind === 3) {
      const w = pick();
      return w.slice(0, Math.max(2, Math.ceil(r() * w.length)));
    }
    if (kind === 4) return typo(pick(), r);
    if (kind === 5) return AFFIXES[Math.floor(r() * AFFIXES.length)]!(pick());
    if (kind === 6) return `${OUTSIDE[Math.floor(r() * OUTSIDE.length)]} ${pick()}`;
    return `${typo(pick(), r)} ${pick()}`;
  };
  return () => {
    for (let i = 0; ; i++) {
      const q = make();
      if (!seen.has(q)) {
        seen.add(q);
        return q;
      }
      // A small vocabulary runs out of fresh short queries: add a number to keep each one new.
      if (i > 20) {
        const n = `${q} ${seen.size}`;
        seen.add(n);
        return n;
      }
    }
  };
}

/** Words of three letters or more from product and business names, lower case, each once. */
export function vocabularyOf(names: readonly string[]): string[] {
  const words = new Set<string>();
  for (const n of names) for (const w of n.toLowerCase().split(/[^a-z]+/)) if (w.length >= 3) words.add(w);
  return [...words];
}
