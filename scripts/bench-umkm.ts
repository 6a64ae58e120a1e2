/**
 * Benchmark of the UMKM catalogue on a city-sized registry: 100,000 businesses of Kota Bandung
 * over all its kelurahan and 300,000 products named and described from a vocabulary of a few
 * hundred Indonesian product words (some in a tenth of the catalogue, some in a few dozen
 * products), with their KBLI codes and halal certificates. Starts its own throw-away PostgreSQL
 * (the embedded one, or a new database on the server in DATABASE_URL, dropped at the end),
 * writes the rows in bulk with their search documents built by the application's own indexing
 * code, starts Balai over HTTP and, as an anonymous visitor, times a fixed set of searches on the
 * catalogue API and the catalogue page, first with the search result cache off (every request
 * ranks its matches) then on (as Balai runs: repeats are served from it); then times the import of a 10,000-row spreadsheet
 * (rolled back). Prints figures; asserts nothing.
 *
 *   npm run bench:umkm [-- --runs 50] [-- --data-dir <folder>]
 *
 * --runs       timed requests per query and endpoint, after 5 warm-up requests (default 50)
 * --rows       rows of the import spreadsheet (default 10000; 0 skips the import)
 * --data-dir   keep the embedded PostgreSQL in this folder and reuse its data on the next run
 *              (generation is skipped when the city is already there; new migrations still run)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { asOwner, withTenant } from '../src/platform/db/transaction.ts';
import { loadConfig } from '../src/platform/config.ts';
import { initialiseSchema, startBalai, type Balai } from '../src/platform/boot.ts';
import { createCity } from '../src/platform/tenancy/service.ts';
import { addRole, createUser, getUser } from '../src/platform/auth/service.ts';
import type { CurrentUser } from '../src/platform/auth/roles.ts';
import { modules } from '../src/modules/index.ts';
import { indeksProduk, teksCari } from '../src/modules/umkm/cari.ts';
import { cacheCari, MAKS_CACHE_CARI } from '../src/modules/umkm/cari-cache.ts';
import { ukurImpor, type HasilUkurImpor } from './lib/umkm-impor.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, rows: { type: 'string' }, 'data-dir': { type: 'string' } },
  strict: true,
});
const RUNS = Math.max(1, Number(args.runs ?? 50));
const IMPOR_BARIS = Math.max(0, Number(args.rows ?? 10_000));
const WARMUP = 5;
const CITY = '32.73';
const SLUG = 'bandung';
const ADMIN_EMAIL = 'admin.bench@bandung.go.id';
const ADMIN_PASSWORD = 'bench-umkm-rahasia-2026';
const USAHA_TOTAL = 100_000;
const PRODUK_TOTAL = 300_000;
const BATCH = 5000;
/** Tables written in bulk: their audit trigger is off while generating (one audit row per row otherwise). */
const BULK_TABLES = ['umkm_usaha', 'umkm_usaha_kbli', 'umkm_legalitas', 'umkm_produk', 'umkm_kata'];

// ---- Vocabulary ----

type Kategori =
  'makanan' | 'minuman' | 'fesyen' | 'kerajinan' | 'pertanian' | 'kecantikan' | 'rumah_tangga' | 'jasa';

/**
 * Product words by popularity (first the most common: a product's word is drawn with a skew, so
 * keripik is in about a tenth of the catalogue and the last ones in a few hundred products), each
 * with its category and the words that follow it in names.
 */
const KATA_PRODUK: readonly [string, Kategori, readonly string[]][] = [
  ['Keripik', 'makanan', ['Singkong', 'Pisang', 'Tempe', 'Kentang', 'Talas', 'Ubi', 'Usus', 'Kulit Ikan']],
  ['Kue', 'makanan', ['Kering', 'Nastar', 'Putri Salju', 'Lapis', 'Bolu', 'Cubit', 'Balok', 'Sus']],
  ['Sambal', 'makanan', ['Bawang', 'Terasi', 'Cumi', 'Roa', 'Ijo', 'Matah', 'Dadak', 'Teri']],
  ['Kopi', 'minuman', ['Arabika', 'Robusta', 'Luwak', 'Susu', 'Gula Aren', 'Tubruk', 'Java Preanger']],
  ['Batik', 'fesyen', ['Tulis', 'Cap', 'Kombinasi', 'Mega Mendung', 'Parang', 'Kawung', 'Sunda']],
  ['Kerupuk', 'makanan', ['Udang', 'Ikan', 'Kulit', 'Bawang', 'Aci', 'Melarat', 'Gendar']],
  ['Seblak', 'makanan', ['Kering', 'Instan', 'Ceker', 'Makaroni', 'Level Lima']],
  ['Roti', 'makanan', ['Sobek', 'Manis', 'Gandum', 'Bakar', 'Tawar', 'Abon']],
  ['Tas', 'fesyen', ['Rajut', 'Kulit', 'Anyaman', 'Selempang', 'Ransel', 'Laptop', 'Belanja']],
  ['Teh', 'minuman', ['Hijau', 'Melati', 'Rosela', 'Serai', 'Tarik', 'Kombucha']],
  ['Baju', 'fesyen', ['Koko', 'Muslim', 'Anak', 'Kurung', 'Tidur', 'Bayi']],
  ['Tahu', 'makanan', ['Sumedang', 'Bakso', 'Crispy', 'Isi', 'Walik']],
  ['Dodol', 'makanan', ['Garut', 'Nanas', 'Ketan', 'Durian', 'Wijen']],
  ['Sabun', 'kecantikan', ['Cair', 'Herbal', 'Sereh', 'Zaitun', 'Susu Kambing', 'Beras']],
  ['Madu', 'pertanian', ['Hutan', 'Klanceng', 'Randu', 'Kelengkeng', 'Murni']],
  ['Bakso', 'makanan', ['Sapi', 'Urat', 'Ikan', 'Aci', 'Beku', 'Mercon']],
  ['Sepatu', 'fesyen', ['Kulit', 'Kets', 'Pantofel', 'Boots', 'Anak', 'Sneakers']],
  ['Jamu', 'minuman', ['Kunyit Asam', 'Beras Kencur', 'Temulawak', 'Jahe Merah', 'Sirih']],
  ['Abon', 'makanan', ['Sapi', 'Ayam', 'Ikan Tuna', 'Lele', 'Jamur']],
  ['Kerudung', 'fesyen', ['Segi Empat', 'Instan', 'Pashmina', 'Bergo', 'Voal']],
  ['Rajutan', 'kerajinan', ['Boneka', 'Topi', 'Syal', 'Taplak', 'Gantungan']],
  ['Anyaman', 'kerajinan', ['Bambu', 'Pandan', 'Rotan', 'Mendong', 'Eceng Gondok']],
  ['Cireng', 'makanan', ['Isi', 'Bumbu Rujak', 'Salju', 'Beku', 'Ayam']],
  ['Rengginang', 'makanan', ['Ketan', 'Terasi', 'Manis', 'Lorjuk']],
  ['Brownies', 'makanan', ['Kukus', 'Panggang', 'Cokelat', 'Amanda', 'Pandan']],
  ['Peuyeum', 'makanan', ['Singkong', 'Ketan', 'Bandung', 'Goreng']],
  ['Kaos', 'fesyen', ['Sablon', 'Polos', 'Distro', 'Oblong', 'Kerah']],
  ['Bandrek', 'minuman', ['Jahe', 'Instan', 'Susu', 'Rempah']],
  ['Bajigur', 'minuman', ['Instan', 'Kelapa', 'Aren']],
  ['Beras', 'pertanian', ['Pandan Wangi', 'Merah', 'Hitam', 'Organik', 'Ketan']],
  ['Sayur', 'pertanian', ['Organik', 'Hidroponik', 'Bayam', 'Kangkung', 'Selada']],
  ['Cilok', 'makanan', ['Kuah', 'Goang', 'Isi', 'Bumbu Kacang']],
  ['Batagor', 'makanan', ['Kering', 'Kuah', 'Ikan Tenggiri', 'Beku']],
  ['Siomay', 'makanan', ['Ikan', 'Ayam', 'Bandung', 'Beku']],
  ['Dompet', 'fesyen', ['Kulit', 'Kartu', 'Koin', 'Pria', 'Wanita']],
  ['Sirup', 'minuman', ['Markisa', 'Jeruk', 'Kawista', 'Pala', 'Rosela']],
  ['Gamis', 'fesyen', ['Syari', 'Katun', 'Brokat', 'Anak']],
  ['Lulur', 'kecantikan', ['Bengkoang', 'Kopi', 'Beras', 'Zaitun']],
  ['Minyak', 'kecantikan', ['Kemiri', 'Zaitun', 'Kayu Putih', 'Urut', 'Sereh']],
  ['Rendang', 'makanan', ['Sapi', 'Paru', 'Telur', 'Jengkol']],
  ['Kacang', 'makanan', ['Bawang', 'Atom', 'Telur', 'Mete', 'Sangrai']],
  ['Emping', 'makanan', ['Melinjo', 'Manis', 'Pedas']],
  ['Nasi', 'makanan', ['Liwet', 'Timbel', 'Bakar', 'Kotak', 'Tumpeng']],
  ['Mie', 'makanan', ['Ayam', 'Kering', 'Basah', 'Sayur', 'Kocok']],
  ['Pisang', 'makanan', ['Sale', 'Molen', 'Bolen', 'Goreng', 'Aroma']],
  ['Bolu', 'makanan', ['Pandan', 'Meranti', 'Gulung', 'Susu', 'Ketan Hitam']],
  ['Jaket', 'fesyen', ['Kulit', 'Parasut', 'Jeans', 'Bomber', 'Hoodie']],
  ['Topi', 'fesyen', ['Rajut', 'Pancing', 'Baseball', 'Bambu']],
  ['Gerabah', 'kerajinan', ['Hias', 'Pot', 'Tungku', 'Celengan']],
  ['Wayang', 'kerajinan', ['Golek', 'Kulit', 'Miniatur']],
  ['Ukiran', 'kerajinan', ['Kayu', 'Jati', 'Pigura', 'Relief']],
  ['Lukisan', 'kerajinan', ['Kanvas', 'Cat Minyak', 'Pemandangan', 'Kaligrafi']],
  ['Boneka', 'kerajinan', ['Flanel', 'Rajut', 'Kain', 'Wisuda']],
  ['Souvenir', 'kerajinan', ['Pernikahan', 'Gantungan Kunci', 'Kantor', 'Khitanan']],
  ['Bordir', 'kerajinan', ['Tasik', 'Kerudung', 'Mukena', 'Nama']],
  ['Tenun', 'kerajinan', ['Ikat', 'Sarung', 'Songket', 'Selendang']],
  ['Keramik', 'kerajinan', ['Piring', 'Cangkir', 'Vas', 'Hias']],
  ['Jahe', 'pertanian', ['Merah', 'Emprit', 'Bubuk', 'Kristal']],
  ['Cabai', 'pertanian', ['Rawit', 'Keriting', 'Bubuk', 'Kering']],
  ['Telur', 'pertanian', ['Ayam Kampung', 'Bebek', 'Puyuh', 'Asin', 'Omega']],
  ['Jamur', 'pertanian', ['Tiram', 'Kuping', 'Merang', 'Krispi']],
  ['Ikan', 'pertanian', ['Lele', 'Nila', 'Mas', 'Gurame', 'Asin', 'Presto']],
  ['Bibit', 'pertanian', ['Tanaman', 'Cabai', 'Alpukat', 'Jeruk', 'Durian']],
  ['Pupuk', 'pertanian', ['Kompos', 'Organik', 'Kandang', 'Cair']],
  ['Masker', 'kecantikan', ['Wajah', 'Kain', 'Spirulina', 'Bengkoang']],
  ['Parfum', 'kecantikan', ['Isi Ulang', 'Roll On', 'Non Alkohol']],
  ['Serum', 'kecantikan', ['Wajah', 'Rambut', 'Herbal']],
  ['Sapu', 'rumah_tangga', ['Ijuk', 'Lidi', 'Nilon', 'Lantai']],
  ['Keset', 'rumah_tangga', ['Kaki', 'Perca', 'Sabut Kelapa', 'Anti Slip']],
  ['Taplak', 'rumah_tangga', ['Meja', 'Rajut', 'Renda', 'Batik']],
  ['Sprei', 'rumah_tangga', ['Katun', 'Lukis', 'Anak', 'Jepang']],
  ['Bantal', 'rumah_tangga', ['Sofa', 'Bayi', 'Leher', 'Dakron']],
  ['Gorden', 'rumah_tangga', ['Jendela', 'Blackout', 'Renda', 'Pintu']],
  ['Rak', 'rumah_tangga', ['Sepatu', 'Buku', 'Bumbu', 'Dinding']],
  ['Kursi', 'rumah_tangga', ['Rotan', 'Kayu', 'Lipat', 'Teras']],
  ['Meja', 'rumah_tangga', ['Lipat', 'Belajar', 'Kayu Jati', 'Lesehan']],
  ['Lampu', 'rumah_tangga', ['Hias', 'Tidur', 'Gantung', 'Bambu']],
  ['Jahit', 'jasa', ['Kebaya', 'Seragam', 'Permak', 'Gorden']],
  ['Laundry', 'jasa', ['Kiloan', 'Satuan', 'Sepatu', 'Karpet']],
  ['Katering', 'jasa', ['Harian', 'Nasi Kotak', 'Pernikahan', 'Kantor']],
  ['Sablon', 'jasa', ['Kaos', 'Plastik', 'Gelas', 'Digital']],
  ['Percetakan', 'jasa', ['Undangan', 'Stiker', 'Spanduk', 'Kemasan']],
  ['Servis', 'jasa', ['Elektronik', 'Sepeda', 'Jam', 'Kompor']],
  ['Rias', 'jasa', ['Pengantin', 'Wisuda', 'Sunda Siger']],
  ['Mukena', 'fesyen', ['Bali', 'Katun', 'Traveling', 'Anak']],
  ['Sandal', 'fesyen', ['Jepit', 'Kulit', 'Hotel', 'Anyaman']],
  ['Celana', 'fesyen', ['Jeans', 'Kulot', 'Chino', 'Sirwal']],
  ['Yoghurt', 'minuman', ['Stroberi', 'Plain', 'Mangga', 'Drink']],
  ['Susu', 'minuman', ['Murni', 'Kedelai', 'Kambing', 'Jahe']],
  ['Wedang', 'minuman', ['Uwuh', 'Ronde', 'Jahe', 'Secang']],
  ['Cokelat', 'minuman', ['Panas', 'Bubuk', 'Batang', 'Praline']],
  ['Colenak', 'makanan', ['Bakar', 'Kinca Aren', 'Durian']],
  ['Surabi', 'makanan', ['Oncom', 'Kinca', 'Keju', 'Telur']],
  ['Gepuk', 'makanan', ['Sapi', 'Manis', 'Kering']],
  ['Lumpia', 'makanan', ['Basah', 'Goreng', 'Rebung', 'Udang']],
  ['Dimsum', 'makanan', ['Ayam', 'Udang', 'Mentai', 'Beku']],
  ['Risoles', 'makanan', ['Mayo', 'Ragout', 'Sayur', 'Beku']],
  ['Donat', 'makanan', ['Kentang', 'Gula', 'Meses', 'Kampung']],
  ['Oncom', 'makanan', ['Merah', 'Hitam', 'Tutug']],
  ['Tempe', 'makanan', ['Mendoan', 'Bacem', 'Kedelai Lokal', 'Goreng']],
  ['Makaroni', 'makanan', ['Pedas', 'Bantet', 'Keju', 'Spiral']],
  ['Basreng', 'makanan', ['Pedas', 'Daun Jeruk', 'Original', 'Stik']],
  ['Kastengel', 'makanan', ['Keju', 'Edam', 'Premium']],
  ['Pot', 'kerajinan', ['Semen', 'Tanah Liat', 'Gantung', 'Kokedama']],
  ['Miniatur', 'kerajinan', ['Kendaraan', 'Rumah Adat', 'Kapal', 'Gedung Sate']],
];
/** Rare products: a few dozen each in the whole catalogue. */
const KATA_LANGKA: readonly [string, Kategori][] = [
  ['Kelom Geulis Tasik', 'fesyen'],
  ['Angklung Hias', 'kerajinan'],
  ['Karinding Bambu', 'kerajinan'],
];
const SIFAT = [
  'Renyah',
  'Gurih',
  'Pedas',
  'Manis',
  'Original',
  'Premium',
  'Spesial',
  'Rumahan',
  'Asli',
  'Khas Bandung',
  'Tanpa Pengawet',
  'Lezat',
  'Murah',
  'Berkualitas',
  'Buatan Tangan',
  'Kekinian',
  'Istimewa',
  'Ekonomis',
  'Eksklusif',
  'Tradisional',
];
const KALIMAT = [
  'Diolah tanpa bahan pengawet dan dikemas rapi.',
  'Cocok untuk oleh-oleh, hantaran dan suguhan tamu.',
  'Menerima pesanan dalam jumlah besar untuk acara dan kantor.',
  'Dibuat oleh pengrajin lokal dengan bahan pilihan.',
  'Tersedia berbagai ukuran, warna dan varian rasa.',
  'Pengiriman ke seluruh Kota Bandung dan sekitarnya.',
  'Produk unggulan kelurahan, sudah terdaftar P-IRT.',
  'Kemasan higienis dengan masa simpan hingga tiga bulan.',
  'Bisa dipesan lewat WhatsApp, pembayaran tunai atau transfer.',
  'Dikerjakan dengan tangan, setiap barang sedikit berbeda.',
  'Bahan baku dari petani dan peternak sekitar.',
  'Harga grosir untuk pembelian di atas sepuluh buah.',
  'Menjadi langganan warung dan toko oleh-oleh di Bandung.',
  'Usaha keluarga yang berdiri sejak lama.',
  'Sudah memakai kemasan standing pouch dengan label halal.',
];
const AWALAN_USAHA = [
  'Dapur',
  'Rumah',
  'Toko',
  'Warung',
  'Griya',
  'Sentra',
  'Kedai',
  'Galeri',
  'Kriya',
  'Pondok',
  'Saung',
  'UD',
  'CV',
];
const NAMA_ORANG = [
  'Bu Siti',
  'Mang Asep',
  'Teh Neng',
  'Ceu Imas',
  'Pak Dedi',
  'Bu Rina',
  'Kang Ujang',
  'Bi Enok',
  'Teh Euis',
  'Mang Ade',
  'Bu Yati',
  'Kang Dadang',
  'Ceu Popon',
  'Pak Engkos',
  'Teh Lilis',
  'Bu Nining',
];
const SIFAT_USAHA = [
  'Sari Rasa',
  'Berkah',
  'Barokah',
  'Makmur',
  'Jaya',
  'Sejahtera',
  'Lestari',
  'Mandiri',
  'Sinar',
];
const PEMILIK = [
  'Siti Aminah',
  'Asep Sunandar',
  'Dedi Kurnia',
  'Rina Marlina',
  'Ujang Hermawan',
  'Neng Lestari',
  'Euis Komariah',
  'Dadang Suherman',
  'Yati Suryati',
  'Engkos Kosasih',
];
/** KBLI 2020 codes by category, with the section letter. */
const KBLI: Record<Kategori, readonly [string, string][]> = {
  makanan: [
    ['10794', 'C'],
    ['10799', 'C'],
    ['10710', 'C'],
    ['56101', 'I'],
  ],
  minuman: [
    ['11040', 'C'],
    ['10761', 'C'],
    ['56303', 'I'],
  ],
  fesyen: [
    ['14111', 'C'],
    ['15201', 'C'],
    ['13134', 'C'],
  ],
  kerajinan: [
    ['32909', 'C'],
    ['16299', 'C'],
    ['23931', 'C'],
  ],
  pertanian: [
    ['01135', 'A'],
    ['01461', 'A'],
    ['47211', 'G'],
  ],
  kecantikan: [
    ['20232', 'C'],
    ['96111', 'S'],
  ],
  rumah_tangga: [
    ['13921', 'C'],
    ['31001', 'C'],
    ['47599', 'G'],
  ],
  jasa: [
    ['96200', 'S'],
    ['14120', 'C'],
    ['18111', 'C'],
    ['56210', 'I'],
  ],
};
const SATUAN: Record<Kategori, readonly string[]> = {
  makanan: ['bungkus', 'toples', 'kotak', 'pcs', 'kg'],
  minuman: ['botol', 'sachet', 'bungkus', 'gelas'],
  fesyen: ['pcs', 'pasang', 'lembar', 'lusin'],
  kerajinan: ['pcs', 'set', 'buah'],
  pertanian: ['kg', 'ikat', 'butir', 'pohon'],
  kecantikan: ['pcs', 'botol', 'pot'],
  rumah_tangga: ['pcs', 'set', 'buah'],
  jasa: ['paket', 'jam', 'kg', 'orang'],
};
const HARGA: Record<Kategori, [number, number]> = {
  makanan: [5_000, 120_000],
  minuman: [5_000, 150_000],
  fesyen: [25_000, 750_000],
  kerajinan: [15_000, 1_500_000],
  pertanian: [3_000, 250_000],
  kecantikan: [10_000, 200_000],
  rumah_tangga: [10_000, 2_500_000],
  jasa: [10_000, 5_000_000],
};

/** Deterministic pseudo-random numbers (mulberry32): every run generates the same city. */
function acak(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = acak(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** An index into a list ordered by popularity: the first ones much more often. */
const skewed = (n: number) => Math.floor(Math.pow(r(), 2.2) * n);
const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '');

// ---- Database helpers ----

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const line = (label: string, ms: number) => console.log(`  ${label.padEnd(58)} ${secs(ms)}`);

async function setupCity(dbUrl: string): Promise<void> {
  const handle = openDatabase(dbUrl, 2);
  try {
    await initialiseSchema(handle, modules);
    await createCity(handle.db, {
      id: CITY,
      slug: SLUG,
      name: 'Kota Bandung',
      modules: modules.filter((m) => m.optional).map((m) => m.name),
      demo: false,
    });
    await asOwner(handle.db, CITY, async (trx) => {
      const id = await createUser(trx, CITY, {
        email: ADMIN_EMAIL,
        name: 'Admin Benchmark',
        password: ADMIN_PASSWORD,
      });
      await addRole(trx, CITY, id, { role: 'admin_kota', areaKode: CITY, module: null });
    });
  } finally {
    await handle.close();
  }
}

interface Kelurahan {
  kode: string;
  nama: string;
  induk: string;
  lat: number | null;
  lng: number | null;
}

/** The search documents' SQL: exactly the expression of cari.ts (A, B, C weights of stemmed text). */
const DOKUMEN = (a: string, b: string | null, c: string) =>
  b === null
    ? `setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${c}), 'C')`
    : `setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || setweight(to_tsvector('simple', ${c}), 'C')`;

async function generate(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`select set_config('app.tenant_id', '${CITY}', false),
                          set_config('app.user_role', 'sistem', false)`);
    await c.query(`set work_mem = '256MB'`);
    for (const t of BULK_TABLES) await c.query(`alter table ${t} disable trigger audit`);
    const kel = (
      await c.query<Kelurahan>(
        `select kode, nama, induk, lat, lng from wilayah where tingkat = 'kelurahan' and kode like '${CITY}.%' order by kode`,
      )
    ).rows;
    const kata = new Set<string>();
    const tambah = (...teks: string[]) => {
      for (const t of teks) for (const w of t.split(' ')) if (w && w.length <= 60) kata.add(w);
    };
    const hariIni = Date.now();

    // -- Businesses: name from a product word, a person or a trait, and the kelurahan.
    let t0 = performance.now();
    interface U {
      id: string;
      nama: string;
      deskripsi: string;
      kata: number;
      kategori: Kategori;
      status: string;
      kel: Kelurahan;
    }
    const usaha: U[] = [];
    for (let i = 0; i < USAHA_TOTAL; i += BATCH) {
      const b: U[] = [];
      const cols: Record<string, unknown[]> = {
        id: [], slug: [], nama: [], deskripsi: [], nib: [], pemilik: [], telepon: [], alamat: [],
        kec: [], kel: [], lat: [], lng: [], tahun: [], pekerja: [], sektor: [], kelas: [], status: [],
        dibuat: [], a: [], c: [],
      }; // prettier-ignore
      for (let j = i; j < Math.min(USAHA_TOTAL, i + BATCH); j++) {
        const ki = skewed(KATA_PRODUK.length);
        const [w, kategori] = KATA_PRODUK[ki]!;
        const k = kel[j % kel.length]!;
        const x = r();
        const nama =
          x < 0.4
            ? `${w} ${pick(NAMA_ORANG)}`
            : x < 0.7
              ? `${pick(AWALAN_USAHA)} ${pick(SIFAT_USAHA)} ${k.nama}`
              : `${pick(AWALAN_USAHA)} ${w} ${pick(SIFAT_USAHA)}`;
        const deskripsi = `Usaha ${w.toLowerCase()} ${pick(SIFAT).toLowerCase()} di ${k.nama}. ${pick(KALIMAT)}`;
        const s = r();
        const status = s < 0.92 ? 'terverifikasi' : s < 0.95 ? 'diajukan' : s < 0.98 ? 'draf' : 'ditolak';
        const kb = KBLI[kategori][0]!;
        const kl = r();
        const dibuat = new Date(hariIni - Math.floor(r() * 1095 * 86_400_000));
        const a = teksCari(nama);
        const cc = teksCari(deskripsi);
        tambah(a, cc);
        const u = { id: randomUUID(), nama, deskripsi, kata: ki, kategori, status, kel: k };
        b.push(u);
        const geo = k.lat !== null && k.lng !== null && r() < 0.6;
        cols.id!.push(u.id);
        cols.slug!.push(`${slugify(nama)}-${j.toString(36)}`);
        cols.nama!.push(nama);
        cols.deskripsi!.push(deskripsi);
        cols.nib!.push(`12${String(j).padStart(11, '0')}`);
        cols.pemilik!.push(pick(PEMILIK));
        cols.telepon!.push(`628${12 + (j % 8)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`);
        cols.alamat!.push(`Jl. ${k.nama} No. ${1 + (j % 250)}, RW ${1 + (j % 12)}`);
        cols.kec!.push(k.induk);
        cols.kel!.push(k.kode);
        cols.lat!.push(geo ? Math.round((k.lat! + (r() - 0.5) * 0.006) * 1e6) / 1e6 : null);
        cols.lng!.push(geo ? Math.round((k.lng! + (r() - 0.5) * 0.006) * 1e6) / 1e6 : null);
        cols.tahun!.push(1985 + Math.floor(r() * 40));
        cols.pekerja!.push(1 + skewed(40));
        cols.sektor!.push(kb[1]);
        cols.kelas!.push(kl < 0.85 ? 'mikro' : kl < 0.96 ? 'kecil' : 'menengah');
        cols.status!.push(status);
        cols.dibuat!.push(dibuat.toISOString());
        cols.a!.push(a);
        cols.c!.push(cc);
      }
      usaha.push(...b);
      await c.query(
        `insert into umkm_usaha (tenant_id, id, slug, nama, deskripsi, nib, pemilik_nama, telepon, alamat,
           kecamatan_kode, kelurahan_kode, lat, lng, tahun_berdiri, jumlah_pekerja, sektor, kelas, status,
           diverifikasi_at, created_at, updated_at, cari)
         select '${CITY}', x.id, x.slug, x.nama, x.deskripsi, x.nib, x.pemilik, x.telepon, x.alamat,
           x.kec, x.kel, x.lat, x.lng, x.tahun, x.pekerja, x.sektor, x.kelas, x.status,
           case when x.status = 'terverifikasi' then x.dibuat + interval '3 days' end, x.dibuat, x.dibuat,
           ${DOKUMEN('x.a', null, 'x.c')}
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::float8[], $12::float8[], $13::int[], $14::int[], $15::text[], $16::text[],
           $17::text[], $18::timestamptz[], $19::text[], $20::text[])
           as x(id, slug, nama, deskripsi, nib, pemilik, telepon, alamat, kec, kel, lat, lng, tahun, pekerja,
                sektor, kelas, status, dibuat, a, c)`,
        Object.values(cols),
      );
    }
    line(`${USAHA_TOTAL.toLocaleString('en-US')} businesses (with search documents)`, performance.now() - t0);

    // -- KBLI codes (the first of the category is the main one, a second one for some) and halal
    //    certificates for a share of the food and drink businesses (a few expired).
    t0 = performance.now();
    {
      const id: string[] = [];
      const kode: string[] = [];
      const utama: boolean[] = [];
      const hId: string[] = [];
      const hNo: string[] = [];
      const hSampai: string[] = [];
      for (const [j, u] of usaha.entries()) {
        const codes = KBLI[u.kategori];
        id.push(u.id);
        kode.push(codes[0]![0]);
        utama.push(true);
        if (r() < 0.3) {
          id.push(u.id);
          kode.push(codes[1 + Math.floor(r() * (codes.length - 1))]![0]);
          utama.push(false);
        }
        if ((u.kategori === 'makanan' || u.kategori === 'minuman') && r() < 0.25) {
          hId.push(u.id);
          hNo.push(`ID3211000${String(j).padStart(7, '0')}`);
          hSampai.push(
            new Date(hariIni + (r() < 0.85 ? 1 : -1) * Math.floor(r() * 1400 * 86_400_000))
              .toISOString()
              .slice(0, 10),
          );
        }
      }
      await c.query(
        `insert into umkm_usaha_kbli (tenant_id, usaha_id, versi, kode, utama)
         select '${CITY}', x.id, '2020', x.kode, x.utama from unnest($1::uuid[], $2::text[], $3::bool[]) as x(id, kode, utama)`,
        [id, kode, utama],
      );
      await c.query(
        `insert into umkm_legalitas (tenant_id, usaha_id, jenis, nomor, terbit, berlaku_sampai)
         select '${CITY}', x.id, 'halal', x.nomor, x.sampai - interval '4 years', x.sampai
           from unnest($1::uuid[], $2::text[], $3::date[]) as x(id, nomor, sampai)`,
        [hId, hNo, hSampai],
      );
    }
    line('KBLI codes, halal certificates', performance.now() - t0);

    // -- Products: every business two, the rest to businesses drawn with a skew (a few have
    //    dozens); mostly of the business's own product word.
    t0 = performance.now();
    for (let i = 0; i < PRODUK_TOTAL; i += BATCH) {
      const cols: Record<string, unknown[]> = {
        id: [], usaha: [], slug: [], nama: [], deskripsi: [], kategori: [], harga: [], satuan: [],
        tersedia: [], merek: [], kbli: [], halal: [], dibuat: [], a: [], b: [], c: [],
      }; // prettier-ignore
      for (let j = i; j < Math.min(PRODUK_TOTAL, i + BATCH); j++) {
        const u = j < 2 * USAHA_TOTAL ? usaha[j >> 1]! : usaha[Math.floor(Math.pow(r(), 1.5) * USAHA_TOTAL)]!;
        let nama: string;
        let kategori: Kategori;
        const langka = j % 7919 === 11 ? 0 : j % 9973 === 17 ? 1 : j % 11987 === 23 ? 2 : -1;
        if (langka >= 0) {
          [nama, kategori] = KATA_LANGKA[langka]!;
        } else {
          const [w, kat, ikut] = KATA_PRODUK[r() < 0.65 ? u.kata : skewed(KATA_PRODUK.length)]!;
          kategori = kat;
          nama = `${w} ${pick(ikut)}${r() < 0.5 ? ` ${pick(SIFAT)}` : ''}`;
          if (r() < 0.2)
            nama += ` ${pick(['100 gram', '250 gram', '500 gram', '1 kg', 'Isi 10', 'Ukuran L', 'Seri 2'])}`;
        }
        const deskripsi =
          `${nama} ${pick(SIFAT).toLowerCase()} dan ${pick(SIFAT).toLowerCase()} dari ${u.nama}, ${u.kel.nama}. ` +
          `${pick(KALIMAT)} ${r() < 0.5 ? pick(KALIMAT) : ''}`.trim();
        const merek = r() < 0.4 ? u.nama.split(' ').slice(0, 2).join(' ') : null;
        const [lo, hi] = HARGA[kategori];
        const codes = KBLI[kategori];
        // What indeksProduk (cari.ts) computes from these columns and the business's.
        const a = teksCari(nama);
        const b = teksCari(kategori.replace('_', ' '), merek, u.nama);
        const cc = teksCari(deskripsi, u.deskripsi);
        tambah(a, b, cc);
        cols.id!.push(randomUUID());
        cols.usaha!.push(u.id);
        cols.slug!.push(`${slugify(nama)}-${j.toString(36)}`);
        cols.nama!.push(nama);
        cols.deskripsi!.push(deskripsi);
        cols.kategori!.push(kategori);
        cols.harga!.push(Math.round((lo + Math.pow(r(), 2) * (hi - lo)) / 500) * 500);
        cols.satuan!.push(pick(SATUAN[kategori]));
        cols.tersedia!.push(r() < 0.95);
        cols.merek!.push(merek);
        cols.kbli!.push(r() < 0.7 ? codes[0]![0] : null);
        cols.halal!.push((kategori === 'makanan' || kategori === 'minuman') && r() < 0.4);
        cols.dibuat!.push(new Date(hariIni - Math.floor(r() * 1095 * 86_400_000)).toISOString());
        cols.a!.push(a);
        cols.b!.push(b);
        cols.c!.push(cc);
      }
      await c.query(
        `insert into umkm_produk (tenant_id, id, usaha_id, slug, nama, deskripsi, kategori, harga, satuan, tersedia,
           merek, kbli_versi, kbli_kode, halal, created_at, updated_at, cari)
         select '${CITY}', x.id, x.usaha, x.slug, x.nama, x.deskripsi, x.kategori, x.harga, x.satuan, x.tersedia,
           x.merek, case when x.kbli is not null then '2020' end, x.kbli, x.halal, x.dibuat, x.dibuat,
           ${DOKUMEN('x.a', 'x.b', 'x.c')}
         from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::text[],
           $9::bool[], $10::text[], $11::text[], $12::bool[], $13::timestamptz[], $14::text[], $15::text[], $16::text[])
           as x(id, usaha, slug, nama, deskripsi, kategori, harga, satuan, tersedia, merek, kbli, halal, dibuat, a, b, c)`,
        Object.values(cols),
      );
    }
    line(`${PRODUK_TOTAL.toLocaleString('en-US')} products (with search documents)`, performance.now() - t0);

    t0 = performance.now();
    const semua = [...kata];
    for (let i = 0; i < semua.length; i += 10_000)
      await c.query(
        `insert into umkm_kata (tenant_id, kata) select '${CITY}', k from unnest($1::text[]) as k on conflict do nothing`,
        [semua.slice(i, i + 10_000)],
      );
    line(`vocabulary (${semua.length.toLocaleString('en-US')} words)`, performance.now() - t0);
    for (const t of BULK_TABLES) await c.query(`alter table ${t} enable trigger audit`);
  } finally {
    await c.end();
  }
}

/**
 * Checks that the generated search documents are exactly what the application writes: rebuilds
 * those of a sample of products with indeksProduk (rolled back) and compares.
 */
async function periksaDokumen(dbUrl: string): Promise<void> {
  const handle = openDatabase(dbUrl, 1);
  class Batal extends Error {}
  let hasil = { beda: 0, dari: 0 };
  const contoh = () =>
    sql<{ id: string; cari: string }>`select id, cari::text as cari from umkm_produk
      where tenant_id = ${CITY} order by id limit 500`;
  try {
    await asOwner(handle.db, CITY, async (trx) => {
      const before = (await contoh().execute(trx)).rows;
      await indeksProduk(
        trx,
        before.map((x) => x.id),
      );
      const after = new Map((await contoh().execute(trx)).rows.map((x) => [x.id, x.cari]));
      hasil = { beda: before.filter((x) => after.get(x.id) !== x.cari).length, dari: before.length };
      throw new Batal();
    });
  } catch (err) {
    if (!(err instanceof Batal)) throw err;
  } finally {
    await handle.close();
  }
  console.log(
    `  search documents of ${hasil.dari} products rebuilt by indeksProduk (rolled back): ${hasil.beda === 0 ? 'identical' : `${hasil.beda} DIFFER`}`,
  );
}

/** RWs 1 to 12 in every kelurahan (the import names RWs), when the city has none yet. */
async function rwKota(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`select set_config('app.tenant_id', '${CITY}', false),
                          set_config('app.user_role', 'sistem', false)`);
    await c.query(
      `insert into rw (tenant_id, kelurahan_kode, nomor, ketua_nama, jumlah_kk)
       select '${CITY}', w.kode, g.nomor, 'Ketua RW ' || lpad(g.nomor::text, 2, '0') || ' ' || w.nama, 150 + g.nomor * 20
         from wilayah w cross join generate_series(1, 12) g(nomor)
        where w.tingkat = 'kelurahan' and w.kode like '${CITY}.%'
          and not exists (select 1 from rw where rw.tenant_id = '${CITY}')`,
    );
  } finally {
    await c.end();
  }
}

async function counts(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`select set_config('app.tenant_id', '${CITY}', false)`);
    console.log('\nRows (Kota Bandung):');
    for (const t of ['umkm_usaha', 'umkm_usaha_kbli', 'umkm_legalitas', 'umkm_produk', 'umkm_kata']) {
      const x = await c.query<{ n: string }>(`select count(*) as n from ${t} where tenant_id = '${CITY}'`);
      console.log(`  ${t.padEnd(34)} ${Number(x.rows[0]!.n).toLocaleString('en-US').padStart(10)}`);
    }
    const extra = await c.query<{ k: string; v: string }>(`
      select 'verified businesses' as k, count(*)::text as v from umkm_usaha where status = 'terverifikasi'
      union all select 'products in the public catalogue', count(*)::text from umkm_produk p
        where p.tersedia and exists (select 1 from umkm_usaha u where u.tenant_id = p.tenant_id and u.id = p.usaha_id and u.status = 'terverifikasi')
      union all select 'products with "keripik" in the document', count(*)::text from umkm_produk where cari @@ 'keripik'::tsquery
      union all select 'products with "kelom" in the document', count(*)::text from umkm_produk where cari @@ 'kelom'::tsquery
      union all select 'kelurahan with businesses', count(distinct kelurahan_kode)::text from umkm_usaha
      union all select 'database size', pg_size_pretty(pg_database_size(current_database()))`);
    for (const x of extra.rows) console.log(`  ${x.k.padEnd(34)} ${x.v.padStart(10)}`);
  } finally {
    await c.end();
  }
}

// ---- Timing ----

interface Kueri {
  label: string;
  params: Record<string, string>;
}

interface Timing {
  label: string;
  status: number;
  ms: number[];
  bytes: number;
  jumlah: string;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function time(base: string, label: string, url: string, api: boolean): Promise<Timing> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`);
    const buf = await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status, buf };
  };
  const first = await once();
  let jumlah = '';
  if (api && first.status === 200) {
    const j = JSON.parse(Buffer.from(first.buf).toString('utf8')) as { jumlah: number; terbatas: boolean };
    jumlah = `${j.terbatas ? '>' : ''}${j.jumlah}`;
  }
  if (first.status !== 200)
    return { label, status: first.status, ms: [], bytes: first.buf.byteLength, jumlah };
  for (let i = 1; i < WARMUP; i++) await once();
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const x = await once();
    ms.push(x.ms);
    bytes = x.buf.byteLength;
  }
  return { label, status: 200, ms, bytes, jumlah };
}

function printTable(rows: Timing[]): void {
  const head = ['query', 'hits', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'size'];
  const lines = rows.map((x) => {
    if (x.status !== 200) return [x.label, '', '', `HTTP ${x.status}`, '', '', '', ''];
    const s = [...x.ms].sort((a, b) => a - b);
    const kb = x.bytes >= 1024 ? `${(x.bytes / 1024).toFixed(1)} KB` : `${x.bytes} B`;
    return [
      x.label,
      x.jumlah,
      String(s.length),
      percentile(s, 50).toFixed(1),
      percentile(s, 95).toFixed(1),
      percentile(s, 99).toFixed(1),
      s[s.length - 1]!.toFixed(1),
      kb,
    ];
  });
  const all = rows.flatMap((x) => x.ms).sort((a, b) => a - b);
  if (all.length)
    lines.push([
      'ALL',
      '',
      String(all.length),
      percentile(all, 50).toFixed(1),
      percentile(all, 95).toFixed(1),
      percentile(all, 99).toFixed(1),
      all[all.length - 1]!.toFixed(1),
      '',
    ]);
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) =>
    l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const [i, l] of lines.entries()) {
    if (i === lines.length - 1 && all.length) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(fmt(l));
  }
}

function printImpor(label: string, h: HasilUkurImpor): void {
  console.log(
    `  ${label}: ${h.baris.toLocaleString('en-US')} rows, ${(h.ukuranByte / 1024).toFixed(0)} KB\n` +
      `    check (upload -> preview): ${secs(h.bacaMs + h.periksaMs)} (read ${secs(h.bacaMs)}, check ${secs(h.periksaMs)}) = ${h.barisPerDetikPratinjau.toLocaleString('en-US')} rows/s\n` +
      `    confirm (read, check, write): ${secs(h.konfirmasiMs)} (write ${secs(h.tulisMs)}) = ${h.barisPerDetikKonfirmasi.toLocaleString('en-US')} rows/s` +
      ` (${h.baru.toLocaleString('en-US')} new, ${h.diubah} updated, rolled back)`,
  );
}

// ---- Main ----

const started = performance.now();
let embedded: EmbeddedServer | null = null;
let tmp: string | null = null;
let dropUrl: { admin: string; name: string } | null = null;
let balai: Balai | null = null;
let exitCode = 0;
let reuse = false;
/** Marks a kept database whose generation finished. */
const GENERATED = 'balai-bench-umkm: generated';
try {
  let dbUrl: string;
  if (process.env.DATABASE_URL) {
    const name = `balai_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(process.env.DATABASE_URL, `create database ${name}`);
    dropUrl = { admin: process.env.DATABASE_URL, name };
    dbUrl = withDatabase(process.env.DATABASE_URL, name);
    console.log(`Database: ${name} on the server in DATABASE_URL (dropped at the end)`);
  } else {
    const dir = args['data-dir'] ? path.resolve(args['data-dir']) : null;
    if (dir) mkdirSync(dir, { recursive: true });
    else tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-bench-umkm-'));
    const base = dir ?? tmp!;
    chmodSync(base, 0o755); // the embedded server runs as the postgres user when we are root
    embedded = await startEmbedded(path.join(base, 'pg'), 45000 + Math.floor(Math.random() * 5000));
    const c = new pg.Client({ connectionString: embedded.connectionString('postgres') });
    await c.connect();
    const has = await c.query<{ note: string | null }>(
      `select shobj_description(oid, 'pg_database') as note from pg_database where datname = 'balai_bench_umkm'`,
    );
    reuse = has.rows[0]?.note === GENERATED;
    // A database left by an interrupted generation is started again.
    if (has.rowCount && !reuse) await c.query('drop database balai_bench_umkm with (force)');
    if (!reuse) await c.query('create database balai_bench_umkm');
    await c.end();
    dbUrl = embedded.connectionString('balai_bench_umkm');
    console.log(`Database: embedded PostgreSQL in ${dir ?? 'a temporary folder'}`);
  }

  if (reuse) {
    console.log('Kota Bandung already generated in this data folder: generation skipped.');
  } else {
    console.log('\nGenerating the UMKM of Kota Bandung:');
    const g0 = performance.now();
    const s0 = performance.now();
    await setupCity(dbUrl);
    line('migrations, reference data, city, admin', performance.now() - s0);
    await generate(dbUrl);
    const a0 = performance.now();
    await adminQuery(dbUrl, 'vacuum analyze');
    line('VACUUM ANALYZE', performance.now() - a0);
    console.log(`Generation took ${secs(performance.now() - g0)}.`);
    if (args['data-dir']) await adminQuery(dbUrl, `comment on database balai_bench_umkm is '${GENERATED}'`);
  }
  await rwKota(dbUrl);
  await periksaDokumen(dbUrl);
  await counts(dbUrl);

  // Balai over HTTP on that database.
  const config = {
    ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error' }),
    demo: false,
    jobs: false,
    port: 0,
    host: '127.0.0.1',
  };
  balai = await startBalai(config, modules, { listen: true, databaseUrl: dbUrl });
  const addr = balai.app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('server address unknown');
  const base = `http://127.0.0.1:${addr.port}`;

  // A small kecamatan (fewest businesses) for the filtered queries: the slow case of a filter.
  const kec = await withTenant(balai.handle.db, CITY, { userId: null, role: 'sistem' }, async (trx) => {
    const x = await trx
      .selectFrom('umkm_usaha')
      .select(['kecamatan_kode', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kecamatan_kode')
      .orderBy('n')
      .orderBy('kecamatan_kode')
      .limit(1)
      .executeTakeFirst();
    return x?.kecamatan_kode ?? `${CITY}.01`;
  });

  const queries: Kueri[] = [
    { label: 'keripik (common word)', params: { q: 'keripik' } },
    { label: 'karinding (rare word)', params: { q: 'karinding' } },
    { label: 'keripik pedas (two words)', params: { q: 'keripik pedas' } },
    { label: 'kopi gula aren (three words)', params: { q: 'kopi gula aren' } },
    { label: 'makanan (category word, stemmed)', params: { q: 'makanan' } },
    { label: 'kerajinan anyaman (affixes)', params: { q: 'kerajinan anyaman' } },
    { label: 'rajutan (stem rajut)', params: { q: 'rajutan' } },
    { label: 'kripik (typo)', params: { q: 'kripik' } },
    { label: 'bakzo (typo)', params: { q: 'bakzo' } },
    { label: 'batik tul (prefix, typing)', params: { q: 'batik tul' } },
    { label: `sambal + kecamatan ${kec}`, params: { q: 'sambal', kecamatan: kec } },
    { label: 'kue + halal', params: { q: 'kue', halal: '1' } },
    { label: '(browse, no query)', params: {} },
    { label: `(browse) + kecamatan ${kec}`, params: { kecamatan: kec } },
    { label: 'zqxwv (no hits)', params: { q: 'zqxwv' } },
  ];
  const qs = (p: Record<string, string>) => {
    const s = new URLSearchParams(p).toString();
    return s ? `?${s}` : '';
  };
  // Timed twice: with the result cache off (every request ranks its matches: what a query costs
  // the first time, or after the catalogue changed) and on (as Balai runs: a repeated query
  // reads its cached page of ids, then the rows' details).
  for (const [maks, judul] of [
    [0, 'result cache OFF: every search computed'],
    [MAKS_CACHE_CARI, 'result cache ON (as deployed): repeated queries'],
  ] as const) {
    cacheCari.kosongkan();
    cacheCari.atur({ maks });
    const st0 = cacheCari.statistik();
    console.log(
      `\nSearch over HTTP, anonymous visitor, ${judul}: ${WARMUP} warm-up, then ${RUNS} sequential requests per query.` +
        `\nAPI GET /api/v1/cities/${SLUG}/umkm/katalog/produk (20 per page):`,
    );
    const rows: Timing[] = [];
    for (const k of queries)
      rows.push(await time(base, k.label, `/api/v1/cities/${SLUG}/umkm/katalog/produk${qs(k.params)}`, true));
    printTable(rows);
    console.log(`\nPage GET /${SLUG}/umkm (products, and for a query the first businesses found), ${judul}:`);
    const pageRows: Timing[] = [];
    for (const k of queries)
      pageRows.push({
        ...(await time(base, k.label, `/${SLUG}/umkm${qs(k.params)}`, false)),
        jumlah: rows.find((x) => x.label === k.label)?.jumlah ?? '',
      });
    printTable(pageRows);
    const st = cacheCari.statistik();
    if (maks > 0)
      console.log(
        `Result cache: ${st.ukuran} entries, ${st.kena - st0.kena} hits, ${st.luput - st0.luput} misses.`,
      );
  }

  if (IMPOR_BARIS > 0) {
    const user = await withTenant(
      balai.handle.db,
      CITY,
      { userId: null, role: 'sistem' },
      async (trx): Promise<CurrentUser> => {
        const row = await trx
          .selectFrom('users')
          .select('id')
          .where('email', '=', ADMIN_EMAIL)
          .executeTakeFirstOrThrow();
        const u = await getUser(trx, row.id);
        return {
          id: u.id,
          tenantId: CITY,
          email: u.email,
          name: u.name,
          mustChangePassword: false,
          roles: u.roles.map((x) => ({ role: x.role, areaKode: x.areaKode, module: x.module })),
        };
      },
    );
    console.log(
      `\nImport of a spreadsheet into the ${USAHA_TOTAL.toLocaleString('en-US')}-business registry (admin kota):`,
    );
    printImpor(
      'CSV',
      await ukurImpor(balai.handle.db, {
        tenantId: CITY,
        user,
        dataKey: config.dataKey,
        baris: IMPOR_BARIS,
        format: 'csv',
        awalNib: '95',
      }),
    );
  }
  console.log(`\nDone in ${secs(performance.now() - started)}.`);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await balai?.stop().catch((err: unknown) => console.error('stop:', err));
  if (dropUrl) {
    await adminQuery(dropUrl.admin, `drop database if exists ${dropUrl.name} with (force)`).catch(
      (err: unknown) => console.error('drop database:', err),
    );
  }
  await embedded?.stop().catch((err: unknown) => console.error('stop PostgreSQL:', err));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
