/**
 * The kinds of business the UMKM demo makes in every city (food, drinks, crafts, fashion,
 * services), with their product bases, variants, sizes and price ranges. demo-khas.ts holds each
 * demo city's specialities.
 */
import type { KategoriProduk } from './tables.ts';

/**
 * A kind of product: its name is the base, one pick from each list of variants (an empty string
 * skips that list) and the size part of its unit ("250 g", "isi 10"), so a city's products
 * rarely share a name. The price range is for the factor-1 unit.
 */
export interface ProdukDasar {
  nama: string;
  varian: readonly (readonly string[])[];
  ukuran: readonly (readonly [satuan: string, faktor: number])[];
  harga: readonly [number, number];
  deskripsi: string;
}

export interface JenisUsaha {
  /** Business name patterns; {nama} is a person's first name, {tempat} a place. */
  usaha: readonly string[];
  kbli: string;
  kategori: KategoriProduk;
  produk: readonly ProdukDasar[];
  halal?: boolean;
}

/**
 * A product base as a row: [name, lowest and highest price, description], its sizes (unit: factor,
 * in order), then its lists of variants.
 */
type BarisProduk = readonly [
  dasar: readonly [nama: string, hargaMin: number, hargaMaks: number, deskripsi: string],
  ukuran: Readonly<Record<string, number>>,
  ...varian: (readonly string[])[],
];

/** A kind of business from its name patterns, KBLI, category, whether it is halal food, and its product rows. */
export function jenis(
  usaha: readonly string[],
  kbli: string,
  kategori: KategoriProduk,
  halal: boolean,
  produk: readonly BarisProduk[],
): JenisUsaha {
  return {
    usaha,
    kbli,
    kategori,
    ...(halal ? { halal } : {}),
    produk: produk.map(([[nama, hargaMin, hargaMaks, deskripsi], ukuran, ...varian]) => ({
      nama,
      varian,
      ukuran: Object.entries(ukuran),
      harga: [hargaMin, hargaMaks],
      deskripsi,
    })),
  };
}

export const BUNGKUS = { 'bungkus 100 g': 0.5, 'bungkus 250 g': 1, 'toples 500 g': 1.9 };
export const SATU = { potong: 1 };

export const UMUM: readonly JenisUsaha[] = [
  jenis(['Keripik {nama}', 'Keripik Tempe Bu {nama}', 'Aneka Keripik {tempat}'], '10794', 'makanan', true, [
    [
      [
        'Keripik Tempe',
        12000,
        20000,
        'Keripik tempe tipis dan renyah, digoreng dengan minyak baru setiap hari.',
      ],
      BUNGKUS,
      ['Original', 'Pedas Manis', 'Balado', 'Daun Jeruk', 'Bawang Putih', 'Rumput Laut'],
    ],
    [
      ['Keripik Singkong', 10000, 18000, 'Singkong pilihan diiris tipis dan dibumbui merata.'],
      BUNGKUS,
      ['Pedas Daun Jeruk', 'Balado', 'Keju', 'Original', 'Sapi Panggang', 'Jagung Bakar'],
    ],
    [
      ['Keripik Pisang', 12000, 22000, 'Pisang tanduk diolah menjadi keripik tanpa pengawet.'],
      BUNGKUS,
      ['Manis', 'Cokelat', 'Asin Gurih', 'Keju', 'Green Tea'],
    ],
    [
      ['Rempeyek', 15000, 25000, 'Rempeyek renyah dengan bumbu bawang putih dan daun jeruk.'],
      { 'toples 300 g': 1, 'toples 600 g': 1.8 },
      ['Kacang Tanah', 'Kacang Hijau', 'Teri Nasi', 'Udang Rebon'],
    ],
    [
      ['Kerupuk Kulit', 18000, 30000, 'Kerupuk kulit dijemur alami, gurih dan mengembang sempurna.'],
      { 'bungkus 100 g': 1, 'bungkus 250 g': 2.3 },
      ['Sapi', 'Kerbau'],
      ['Original', 'Pedas', 'Balado'],
    ],
  ]),
  jenis(['Dapur {nama}', 'Kue {nama}', 'Bolu {tempat}'], '10710', 'makanan', true, [
    [
      ['Bolu Kukus', 25000, 40000, 'Bolu kukus lembut dari bahan segar, cocok untuk hantaran.'],
      { 'kotak isi 6': 0.7, 'kotak isi 10': 1, 'kotak isi 20': 1.9 },
      ['Pandan', 'Gula Merah', 'Cokelat', 'Ketan Hitam', 'Pelangi', 'Tape'],
    ],
    [
      ['Brownies', 45000, 75000, 'Brownies padat dengan cokelat premium.'],
      { 'loyang 20 cm': 1, 'loyang 10 cm': 0.55 },
      ['Panggang', 'Kukus'],
      ['Cokelat', 'Keju', 'Almond', 'Red Velvet', 'Kacang Mete'],
    ],
    [
      ['Kue Lapis', 120000, 200000, 'Kue lapis dengan mentega pilihan dan rempah.'],
      { 'loyang 20 cm': 1, 'potong 5 cm': 0.15 },
      ['Legit', 'Surabaya', 'Pandan', 'Prunes', 'Keju'],
    ],
    [
      [
        'Kue Kering',
        70000,
        110000,
        'Kue kering buatan sendiri, dipanggang dalam jumlah kecil setiap minggu.',
      ],
      { 'toples 250 g': 0.55, 'toples 500 g': 1 },
      ['Nastar Nanas', 'Kastengel', 'Putri Salju', 'Lidah Kucing', 'Sagu Keju', 'Kue Kacang'],
    ],
  ]),
  jenis(['Sambal {nama}', 'Sambel Bu {nama}'], '10799', 'makanan', true, [
    [
      ['Sambal', 20000, 40000, 'Sambal rumahan tanpa pengawet, tahan dua bulan di suhu ruang.'],
      { 'botol 150 g': 1, 'botol 250 g': 1.5, 'sachet 40 g': 0.3 },
      ['Bawang', 'Cumi Asin', 'Terasi Goreng', 'Roa', 'Teri Medan', 'Bajak', 'Ijo', 'Matah', 'Ebi'],
      ['', 'Level 3', 'Extra Pedas'],
    ],
  ]),
  jenis(['Kopi {tempat}', 'Roastery {nama}'], '10761', 'minuman', true, [
    [
      ['Kopi', 45000, 110000, 'Kopi dari lereng gunung di Jawa Barat, disangrai dalam jumlah kecil.'],
      { 'bungkus 200 g': 1, 'bungkus 500 g': 2.3, 'bungkus 1 kg': 4.2 },
      ['Arabika Java Preanger', 'Arabika Malabar', 'Robusta', 'Arabika Honey Process', 'Lanang'],
      ['Biji', 'Bubuk Halus', 'Bubuk Kasar'],
    ],
    [
      ['Kopi Susu', 15000, 25000, 'Kopi susu siap minum, simpan di lemari pendingin.'],
      { 'botol 250 ml': 1, 'botol 500 ml': 1.9, 'botol 1 liter': 3.5 },
      ['Gula Aren', 'Pandan', 'Karamel', 'Hazelnut'],
    ],
  ]),
  jenis(['Minuman Segar {nama}', 'Jamu {nama}'], '11040', 'minuman', true, [
    [
      ['Bandrek', 20000, 35000, 'Minuman jahe hangat tradisional, tinggal seduh air panas.'],
      { 'kotak isi 5 sachet': 0.55, 'kotak isi 10 sachet': 1 },
      ['Instan', 'Jahe Merah', 'Gula Aren', 'Susu', 'Rempah'],
    ],
    [
      ['Wedang', 20000, 32000, 'Minuman hangat tradisional dari rempah pilihan.'],
      { 'kotak isi 5 sachet': 0.55, 'kotak isi 10 sachet': 1 },
      ['Uwuh', 'Jahe', 'Sekoteng', 'Bajigur', 'Ronde'],
      ['Instan', 'Gula Aren'],
    ],
    [
      ['Jamu', 8000, 15000, 'Jamu segar dibuat setiap pagi dari rimpang pilihan.'],
      { 'botol 250 ml': 1, 'botol 500 ml': 1.8, 'botol 1 liter': 3.4 },
      ['Kunyit Asam', 'Beras Kencur', 'Temulawak', 'Sirih Kunci', 'Cabe Puyang', 'Galian Singset'],
    ],
  ]),
  jenis(['Rajut {nama}', 'Rajutan {tempat}'], '13911', 'fesyen', false, [
    [
      ['Sweater Rajut', 90000, 180000, 'Sweater rajut lembut, tersedia ukuran S sampai XL.'],
      SATU,
      ['Wanita', 'Pria', 'Anak'],
      ['Kepang', 'Polos', 'Garis'],
      ['Krem', 'Abu-abu', 'Hijau Botol', 'Marun', 'Navy'],
    ],
    [
      ['Kardigan Rajut', 110000, 200000, 'Kardigan rajut dengan kancing kayu.'],
      SATU,
      ['Oversize', 'Crop', 'Panjang'],
      ['Mustard', 'Sage', 'Hitam', 'Putih Gading'],
    ],
    [
      ['Syal Rajut', 45000, 90000, 'Syal dari benang akrilik premium, hangat dan tidak gatal.'],
      SATU,
      ['Tangan', 'Rajut Mesin'],
      ['Merah Bata', 'Biru Laut', 'Coklat Susu', 'Motif Zigzag'],
    ],
  ]),
  jenis(['Konveksi {nama}', 'Sablon {tempat}'], '14111', 'fesyen', false, [
    [
      ['Kaos', 45000, 85000, 'Kaos katun dengan jahitan rapi; bisa pesan desain sendiri.'],
      SATU,
      ['Sablon Custom', 'Polos Combed 30s', 'Komunitas', 'Oversize'],
      ['Lengan Pendek', 'Lengan Panjang'],
      ['Hitam', 'Putih', 'Abu Misty', 'Navy'],
    ],
    [
      ['Kemeja', 120000, 275000, 'Kemeja dengan bahan nyaman dan jahitan rapi.'],
      SATU,
      ['Batik Cap', 'Flanel', 'Seragam Drill', 'Linen'],
      ['Pria', 'Wanita'],
      ['Lengan Pendek', 'Lengan Panjang'],
      ['Putih', 'Biru Muda', 'Hitam', 'Hijau Army'],
    ],
  ]),
  jenis(['Sepatu {nama}', 'Sepatu Kulit {tempat}'], '15201', 'fesyen', false, [
    [
      ['Sepatu', 250000, 550000, 'Sepatu kulit sapi asli buatan perajin, sol karet anti licin.'],
      { pasang: 1 },
      ['Pantofel', 'Boots', 'Loafer', 'Sneakers Kulit', 'Chelsea Boots'],
      ['Pria', 'Wanita'],
      ['Hitam', 'Coklat Tua', 'Tan'],
    ],
    [
      ['Sandal Kulit', 120000, 220000, 'Sandal kulit nyaman untuk sehari-hari.'],
      { pasang: 1 },
      ['Selop', 'Japit', 'Tali Silang'],
      ['Pria', 'Wanita'],
      ['Hitam', 'Coklat', 'Tan'],
    ],
  ]),
  jenis(['Batik {tempat}', 'Galeri Batik {nama}'], '13134', 'fesyen', false, [
    [
      ['Kain Batik', 150000, 600000, 'Batik dengan pewarna yang tidak luntur, dikerjakan perajin setempat.'],
      { 'lembar 2 m': 1, 'lembar 2,5 m': 1.25 },
      ['Tulis', 'Cap', 'Kombinasi'],
      ['Motif Kujang', 'Motif Megamendung', 'Motif Parang', 'Motif Kawung', 'Motif Sekar Jagad'],
    ],
    [
      ['Kemeja Batik', 175000, 450000, 'Kemeja batik dengan furing, jahitan rapi.'],
      SATU,
      ['Tulis', 'Cap'],
      ['Pria', 'Wanita'],
      ['Motif Kujang', 'Motif Parang', 'Motif Megamendung', 'Motif Kawung'],
    ],
    [
      ['Selendang Batik', 150000, 500000, 'Selendang dengan motif batik tulis halus.'],
      { lembar: 1 },
      ['Sutra', 'Katun', 'Rayon'],
      ['Biru Indigo', 'Soga', 'Hijau Pupus'],
    ],
  ]),
  jenis(['Anyaman {nama}', 'Kerajinan Bambu {tempat}'], '16291', 'kerajinan', false, [
    [
      ['Tas Anyaman', 120000, 300000, 'Tas anyaman tangan dengan tali kulit.'],
      { buah: 1 },
      ['Rotan', 'Pandan', 'Eceng Gondok'],
      ['Bulat', 'Jinjing', 'Selempang'],
      ['Natural', 'Hitam', 'Merah Bata'],
    ],
    [
      ['Tudung Saji Bambu', 40000, 85000, 'Tudung saji anyaman bambu, ringan dan kuat.'],
      { 'buah diameter 40 cm': 1, 'buah diameter 60 cm': 1.5 },
      ['Polos', 'Motif Kotak', 'Berwarna'],
    ],
    [
      ['Keranjang', 75000, 150000, 'Keranjang anyaman untuk penyimpanan dan hantaran.'],
      { 'set isi 3': 1, buah: 0.45 },
      ['Bambu', 'Rotan', 'Mendong'],
      ['Serbaguna', 'Cucian', 'Parsel'],
    ],
  ]),
  jenis(['Warung Nasi {nama}', 'Rumah Makan {tempat}'], '56102', 'jasa', true, [
    [
      ['Nasi', 20000, 40000, 'Lengkap dengan tahu, tempe, sambal dan lalapan.'],
      { porsi: 1 },
      ['Timbel', 'Liwet', 'Bakar', 'Kuning', 'Uduk'],
      ['Ayam Goreng', 'Ayam Bakar', 'Ikan Asin', 'Empal', 'Pepes Ikan'],
    ],
    [
      ['Paket Liwet', 60000, 90000, 'Nasi liwet dalam kastrol dengan lauk dan sambal, untuk makan bersama.'],
      { paket: 1 },
      ['Ayam', 'Ikan Asin', 'Komplit', 'Jambal'],
      ['2 Orang', '5 Orang', '10 Orang'],
    ],
    [
      ['Nasi Kotak', 25000, 45000, 'Nasi kotak untuk acara kantor dan keluarga, minimal 20 kotak.'],
      { kotak: 1 },
      ['Acara', 'Rapat', 'Pengajian', 'Syukuran'],
      ['Ayam', 'Rendang', 'Ikan'],
    ],
  ]),
];
