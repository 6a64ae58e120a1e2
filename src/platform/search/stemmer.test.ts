import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isRootWord, parseRootWords, rootWordCount, rootWordsFile, stem, stemText } from './stemmer.ts';

/** [word, expected stem] per rule; together they cover every affix and recoding. */
const cases: Record<string, [string, string][]> = {
  'roots stay as they are (no rule-only over-stemming)': [
    ['keripik', 'keripik'],
    ['sepatu', 'sepatu'],
    ['kopi', 'kopi'],
    ['kuliner', 'kuliner'],
    ['sambal', 'sambal'],
    ['pempek', 'pempek'],
    ['dodol', 'dodol'],
    ['bakso', 'bakso'],
    ['kecap', 'kecap'],
    ['terasi', 'terasi'],
    ['kelontong', 'kelontong'],
    ['pelabuhan', 'pelabuhan'],
  ],
  'inflectional particles -lah, -kah, -tah, -pun': [
    ['apakah', 'apa'],
    ['bukankah', 'bukan'],
    ['makanlah', 'makan'],
    ['apatah', 'apa'],
    ['apapun', 'apa'],
    ['bagaimanapun', 'bagaimana'],
  ],
  'possessive pronouns -ku, -mu, -nya': [
    ['bukunya', 'buku'],
    ['bajumu', 'baju'],
    ['milikku', 'milik'],
    ['tokonya', 'toko'],
    ['keripiknya', 'keripik'],
  ],
  'derivational suffixes -i, -kan, -an': [
    ['tabungan', 'tabung'],
    ['pakaian', 'pakai'],
    ['makanan', 'makan'],
    ['minuman', 'minum'],
    ['kemasan', 'kemas'],
    ['olahan', 'olah'],
    ['bordiran', 'bordir'],
    ['anyaman', 'anyam'],
    ['rajutan', 'rajut'],
    ['jahitan', 'jahit'],
    ['masakan', 'masak'],
    ['bersihkanlah', 'bersih'],
  ],
  'di-, ke-, se-': [
    ['dikemas', 'kemas'],
    ['dikirim', 'kirim'],
    ['dijual', 'jual'],
    ['dimakan', 'makan'],
    ['kesehatan', 'sehat'],
    ['kepedasan', 'pedas'],
    ['sebaiknya', 'baik'],
    ['sejenisnya', 'jenis'],
  ],
  'meN- with recoding (mem-, men-, meng-, meny-, menge-)': [
    ['menabung', 'tabung'], // men- + vowel -> t
    ['menari', 'tari'],
    ['menilai', 'nilai'], // me- + n (no recoding)
    ['menyablon', 'sablon'], // meny- -> s
    ['menyapu', 'sapu'],
    ['menyanyi', 'nyanyi'], // me- + ny
    ['membatik', 'batik'], // mem- + b
    ['memfoto', 'foto'], // mem- + f
    ['memakai', 'pakai'], // mem- -> p
    ['memakan', 'makan'], // me- + m
    ['memproduksi', 'produksi'], // mem- + pr
    ['mempunyai', 'punya'],
    ['mencuci', 'cuci'], // men- + c
    ['menjahit', 'jahit'], // men- + j
    ['mentransfer', 'transfer'],
    ['menggoreng', 'goreng'], // meng- + g
    ['menghias', 'hias'], // meng- + h
    ['mengkritik', 'kritik'], // meng- + k
    ['mengambil', 'ambil'], // meng- + vowel
    ['mengolah', 'olah'],
    ['mengupas', 'kupas'], // meng- + vowel -> k
    ['mengirim', 'kirim'],
    ['mengemas', 'kemas'], // both emas and kemas are roots; kemas wins
    ['mengecat', 'cat'], // menge- + one-syllable root
    ['mengebom', 'bom'],
    ['mengecek', 'cek'],
    ['merajut', 'rajut'], // me- + r
    ['melukis', 'lukis'], // me- + l
    ['mewarnai', 'warna'], // me- + w, -i
    ['meyakinkan', 'yakin'], // me- + y, -kan
  ],
  'peN-, pe-, per-': [
    ['penjahit', 'jahit'],
    ['penjualan', 'jual'],
    ['pengolahan', 'olah'],
    ['pembuatan', 'buat'],
    ['penabung', 'tabung'],
    ['penyablon', 'sablon'],
    ['penyanyi', 'nyanyi'],
    ['pengemasan', 'kemas'],
    ['pengebom', 'bom'],
    ['pengrajin', 'rajin'], // colloquial peng- + r
    ['pemasaran', 'pasar'],
    ['pemakai', 'pakai'],
    ['pelukis', 'lukis'],
    ['pewarna', 'warna'],
    ['pedagang', 'dagang'],
    ['petani', 'tani'],
    ['pekerja', 'kerja'],
    ['perajin', 'rajin'], // pe- + r (per- + ajin is no root)
    ['pertanian', 'tani'],
    ['perikanan', 'ikan'],
    ['peternakan', 'ternak'],
    ['pelajaran', 'ajar'],
    ['pemerintahan', 'pemerintah'], // kept apart from perintah (a command) on purpose
  ],
  'beR-, be-, teR-, te-': [
    ['berjualan', 'jual'],
    ['bersepeda', 'sepeda'],
    ['berolahraga', 'olahraga'],
    ['berasa', 'rasa'], // be- + r
    ['bekerja', 'kerja'],
    ['beternak', 'ternak'],
    ['bepergian', 'pergi'],
    ['belajar', 'ajar'],
    ['terjual', 'jual'],
    ['teranyam', 'anyam'],
    ['terasa', 'rasa'], // te- + r
    ['tepercaya', 'percaya'],
  ],
  'confixes and several prefixes': [
    ['kerajinan', 'rajin'],
    ['keberhasilan', 'hasil'],
    ['kesepakatan', 'sepakat'],
    ['pemberdayaan', 'daya'],
    ['mempercantik', 'cantik'],
    ['memperbaiki', 'baik'],
    ['mempelajari', 'ajar'],
    ['dipersiapkan', 'siap'],
    ['menyelesaikan', 'selesai'],
    ['diketahui', 'tahu'],
    ['mengetahui', 'tahu'],
    ['pengetahuan', 'tahu'],
    ['berdasarkan', 'dasar'],
    ['memasukkan', 'masuk'],
    // Compound root: "jual beli" is listed as one root, jualbeli.
    ['diperjualbelikan', 'jualbeli'],
    ['memperjualbelikan', 'jualbeli'],
  ],
  'loop last return (suffix put back, -kan read as k + -an)': [
    ['kerusakan', 'rusak'], // not ke-…-kan on rusa
    ['perbankan', 'bank'],
    ['pemasakan', 'masak'],
    ['penarikan', 'tarik'],
    ['mengenakan', 'kena'], // me-…-an is impossible, so not enak
    ['bertemu', 'temu'], // -mu belongs to the root
    ['bersekolah', 'sekolah'], // -lah belongs to the root
  ],
  reduplication: [
    ['kue-kue', 'kue'],
    ['buah-buahan', 'buah'],
    ['berlari-lari', 'lari'],
    ['kemerah-merahan', 'merah'],
    ['tolong-menolong', 'tolong'],
    ['sayur-mayur', 'sayur'],
  ],
  'left alone: numbers, short words, unknown words': [
    ['250', '250'],
    ['teh', 'teh'],
    ['ke', 'ke'],
    ['xyzkan', 'xyzkan'],
    ['ketahui', 'ketahui'], // ke-…-i is not a confix; documented limitation
  ],
};

describe('stem', () => {
  for (const [rule, pairs] of Object.entries(cases)) {
    it(rule, () => {
      for (const [word, expected] of pairs) assert.equal(stem(word), expected, word);
    });
  }

  it('covers at least 80 words', () => {
    assert.ok(Object.values(cases).flat().length >= 80);
  });

  it('is case-insensitive and ignores accents', () => {
    assert.equal(stem('MENABUNG'), 'tabung');
    assert.equal(stem('Kerajinan'), 'rajin');
    assert.equal(stem('café'), 'cafe');
  });

  it('is idempotent: a stem stems to itself', () => {
    for (const [word] of Object.values(cases).flat()) {
      const once = stem(word);
      assert.equal(stem(once), once, word);
    }
  });

  it('returns every root in the dictionary unchanged', () => {
    const roots = parseRootWords(readFileSync(rootWordsFile, 'utf8'));
    for (const root of roots) assert.equal(stem(root), root, root);
  });
});

describe('root-word dictionary', () => {
  it('has several thousand lower-case roots, one per line, without derived forms', () => {
    assert.ok(rootWordCount() > 3000, `only ${rootWordCount()} roots`);
    const lines = readFileSync(rootWordsFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    for (const line of lines) assert.match(line, /^[a-z]{3,}$/);
    assert.equal(new Set(lines).size, lines.length, 'duplicates');
    for (const derived of ['makanan', 'kerajinan', 'olahan', 'kemasan', 'pertanian', 'tabungan']) {
      assert.equal(isRootWord(derived), false, derived);
    }
  });

  it('tells whether a word is a known root', () => {
    assert.equal(isRootWord('keripik'), true);
    assert.equal(isRootWord('Tabung'), true);
    assert.equal(isRootWord('ripik'), false);
    assert.equal(isRootWord('menabung'), false);
  });

  it('parses comments and blank lines', () => {
    assert.deepEqual([...parseRootWords('# comment\nkopi\n\n  Teh  # drink\nab\n')], ['kopi', 'teh']);
  });
});

describe('stemText', () => {
  it('stems a product description', () => {
    const text =
      'Keripik tempe renyah buatan ibu-ibu, dikemas dalam kemasan 250 gram. ' +
      'Cocok untuk oleh-oleh! Menerima pesanan kue-kue & sayur-mayur.';
    assert.deepEqual(stemText(text), [
      'keripik',
      'tempe',
      'renyah',
      'buat',
      'ibu',
      'kemas',
      'dalam',
      'kemas',
      '250',
      'gram',
      'cocok',
      'untuk',
      'oleh',
      'terima',
      'pesan',
      'kue',
      'sayur',
      'mayur',
    ]);
  });

  it('emits both parts of a hyphenated compound and skips punctuation', () => {
    assert.deepEqual(stemText('Jual-beli batik tulis; penjahit—pembordir.'), [
      'jual',
      'beli',
      'batik',
      'tulis',
      'jahit',
      'bordir',
    ]);
    assert.deepEqual(stemText(''), []);
    assert.deepEqual(stemText('  -- 12 ... '), ['12']);
  });
});
