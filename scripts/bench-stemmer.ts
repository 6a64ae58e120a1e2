/**
 * Measures the Indonesian stemmer: dictionary load time, then words per
 * second on a mix of derived words, first without the memo (every word new)
 * and then with it (repeated words, as in real catalogue text). Prints
 * figures; asserts nothing.
 *
 *   node scripts/bench-stemmer.ts
 */
import { performance } from 'node:perf_hooks';
import { rootWordCount, stem, stemText } from '../src/platform/search/stemmer.ts';

const loadStart = performance.now();
const roots = rootWordCount();
console.log(`dictionary: ${roots} roots loaded in ${(performance.now() - loadStart).toFixed(1)} ms`);

const prefixes = [
  '',
  'di',
  'me',
  'pe',
  'ber',
  'ter',
  'ke',
  'se',
  'mem',
  'men',
  'meng',
  'peng',
  'per',
  'memper',
];
const suffixes = ['', 'an', 'kan', 'i', 'nya', 'lah', 'annya', 'kannya'];
const bases = [
  'tabung',
  'jual',
  'kemas',
  'olah',
  'batik',
  'jahit',
  'sablon',
  'rajut',
  'anyam',
  'buat',
  'kirim',
  'tani',
];
const words: string[] = [];
for (const b of bases) for (const p of prefixes) for (const s of suffixes) words.push(p + b + s);

function rate(label: string, list: string[], rounds: number): void {
  const start = performance.now();
  let n = 0;
  for (let r = 0; r < rounds; r++) for (const w of list) n += stem(w).length > 0 ? 1 : 0;
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label}: ${Math.round(n / seconds).toLocaleString('en')} words/second (${n} words)`);
}

// Unknown words (never in the memo, no root found): the slowest path.
const unknown = words.map((w, i) => `${w}${'q'.repeat(1 + (i % 3))}kan`);
rate('unknown words (full search)', unknown, 1);
rate('derived words, first sight', words, 1);
rate('derived words, memoised', words, 200);

const description =
  'Keripik tempe renyah buatan ibu-ibu perajin, dikemas dalam kemasan 250 gram. Menerima pesanan ' +
  'kue-kue, sablon kaos, penjahitan pakaian dan anyaman pandan untuk oleh-oleh khas daerah. ';
const text = description.repeat(2000);
const start = performance.now();
const tokens = stemText(text).length;
const seconds = (performance.now() - start) / 1000;
console.log(
  `stemText: ${Math.round(tokens / seconds).toLocaleString('en')} tokens/second (${tokens} tokens)`,
);
