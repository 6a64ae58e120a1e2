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

export const BUNGKUS = [
  ['bungkus 100 g', 0.5],
  ['bungkus 250 g', 1],
  ['toples 500 g', 1.9],
] as const;
export const SATU = [['potong', 1]] as const;

export const UMUM: readonly JenisUsaha[] = [
  {
    usaha: ['Keripik {nama}', 'Keripik Tempe Bu {nama}', 'Aneka Keripik {tempat}'],
    kbli: '10794',
    kategori: 'makanan',
    halal: true,
    produk: [
      {
        nama: 'Keripik Tempe',
        varian: [['Original', 'Pedas Manis', 'Balado', 'Daun Jeruk', 'Bawang Putih', 'Rumput Laut']],
        ukuran: BUNGKUS,
        harga: [12000, 20000],
        deskripsi: 'Keripik tempe tipis dan renyah, digoreng dengan minyak baru setiap hari.',
      },
      {
        nama: 'Keripik Singkong',
        varian: [['Pedas Daun Jeruk', 'Balado', 'Keju', 'Original', 'Sapi Panggang', 'Jagung Bakar']],
        ukuran: BUNGKUS,
        harga: [10000, 18000],
        deskripsi: 'Singkong pilihan diiris tipis dan dibumbui merata.',
      },
      {
        nama: 'Keripik Pisang',
        varian: [['Manis', 'Cokelat', 'Asin Gurih', 'Keju', 'Green Tea']],
        ukuran: BUNGKUS,
        harga: [12000, 22000],
        deskripsi: 'Pisang tanduk diolah menjadi keripik tanpa pengawet.',
      },
      {
        nama: 'Rempeyek',
        varian: [['Kacang Tanah', 'Kacang Hijau', 'Teri Nasi', 'Udang Rebon']],
        ukuran: [
          ['toples 300 g', 1],
          ['toples 600 g', 1.8],
        ],
        harga: [15000, 25000],
        deskripsi: 'Rempeyek renyah dengan bumbu bawang putih dan daun jeruk.',
      },
      {
        nama: 'Kerupuk Kulit',
        varian: [
          ['Sapi', 'Kerbau'],
          ['Original', 'Pedas', 'Balado'],
        ],
        ukuran: [
          ['bungkus 100 g', 1],
          ['bungkus 250 g', 2.3],
        ],
        harga: [18000, 30000],
        deskripsi: 'Kerupuk kulit dijemur alami, gurih dan mengembang sempurna.',
      },
    ],
  },
  {
    usaha: ['Dapur {nama}', 'Kue {nama}', 'Bolu {tempat}'],
    kbli: '10710',
    kategori: 'makanan',
    halal: true,
    produk: [
      {
        nama: 'Bolu Kukus',
        varian: [['Pandan', 'Gula Merah', 'Cokelat', 'Ketan Hitam', 'Pelangi', 'Tape']],
        ukuran: [
          ['kotak isi 6', 0.7],
          ['kotak isi 10', 1],
          ['kotak isi 20', 1.9],
        ],
        harga: [25000, 40000],
        deskripsi: 'Bolu kukus lembut dari bahan segar, cocok untuk hantaran.',
      },
      {
        nama: 'Brownies',
        varian: [
          ['Panggang', 'Kukus'],
          ['Cokelat', 'Keju', 'Almond', 'Red Velvet', 'Kacang Mete'],
        ],
        ukuran: [
          ['loyang 20 cm', 1],
          ['loyang 10 cm', 0.55],
        ],
        harga: [45000, 75000],
        deskripsi: 'Brownies padat dengan cokelat premium.',
      },
      {
        nama: 'Kue Lapis',
        varian: [['Legit', 'Surabaya', 'Pandan', 'Prunes', 'Keju']],
        ukuran: [
          ['loyang 20 cm', 1],
          ['potong 5 cm', 0.15],
        ],
        harga: [120000, 200000],
        deskripsi: 'Kue lapis dengan mentega pilihan dan rempah.',
      },
      {
        nama: 'Kue Kering',
        varian: [['Nastar Nanas', 'Kastengel', 'Putri Salju', 'Lidah Kucing', 'Sagu Keju', 'Kue Kacang']],
        ukuran: [
          ['toples 250 g', 0.55],
          ['toples 500 g', 1],
        ],
        harga: [70000, 110000],
        deskripsi: 'Kue kering buatan sendiri, dipanggang dalam jumlah kecil setiap minggu.',
      },
    ],
  },
  {
    usaha: ['Sambal {nama}', 'Sambel Bu {nama}'],
    kbli: '10799',
    kategori: 'makanan',
    halal: true,
    produk: [
      {
        nama: 'Sambal',
        varian: [
          ['Bawang', 'Cumi Asin', 'Terasi Goreng', 'Roa', 'Teri Medan', 'Bajak', 'Ijo', 'Matah', 'Ebi'],
          ['', 'Level 3', 'Extra Pedas'],
        ],
        ukuran: [
          ['botol 150 g', 1],
          ['botol 250 g', 1.5],
          ['sachet 40 g', 0.3],
        ],
        harga: [20000, 40000],
        deskripsi: 'Sambal rumahan tanpa pengawet, tahan dua bulan di suhu ruang.',
      },
    ],
  },
  {
    usaha: ['Kopi {tempat}', 'Roastery {nama}'],
    kbli: '10761',
    kategori: 'minuman',
    halal: true,
    produk: [
      {
        nama: 'Kopi',
        varian: [
          ['Arabika Java Preanger', 'Arabika Malabar', 'Robusta', 'Arabika Honey Process', 'Lanang'],
          ['Biji', 'Bubuk Halus', 'Bubuk Kasar'],
        ],
        ukuran: [
          ['bungkus 200 g', 1],
          ['bungkus 500 g', 2.3],
          ['bungkus 1 kg', 4.2],
        ],
        harga: [45000, 110000],
        deskripsi: 'Kopi dari lereng gunung di Jawa Barat, disangrai dalam jumlah kecil.',
      },
      {
        nama: 'Kopi Susu',
        varian: [['Gula Aren', 'Pandan', 'Karamel', 'Hazelnut']],
        ukuran: [
          ['botol 250 ml', 1],
          ['botol 500 ml', 1.9],
          ['botol 1 liter', 3.5],
        ],
        harga: [15000, 25000],
        deskripsi: 'Kopi susu siap minum, simpan di lemari pendingin.',
      },
    ],
  },
  {
    usaha: ['Minuman Segar {nama}', 'Jamu {nama}'],
    kbli: '11040',
    kategori: 'minuman',
    halal: true,
    produk: [
      {
        nama: 'Bandrek',
        varian: [['Instan', 'Jahe Merah', 'Gula Aren', 'Susu', 'Rempah']],
        ukuran: [
          ['kotak isi 5 sachet', 0.55],
          ['kotak isi 10 sachet', 1],
        ],
        harga: [20000, 35000],
        deskripsi: 'Minuman jahe hangat tradisional, tinggal seduh air panas.',
      },
      {
        nama: 'Wedang',
        varian: [
          ['Uwuh', 'Jahe', 'Sekoteng', 'Bajigur', 'Ronde'],
          ['Instan', 'Gula Aren'],
        ],
        ukuran: [
          ['kotak isi 5 sachet', 0.55],
          ['kotak isi 10 sachet', 1],
        ],
        harga: [20000, 32000],
        deskripsi: 'Minuman hangat tradisional dari rempah pilihan.',
      },
      {
        nama: 'Jamu',
        varian: [
          ['Kunyit Asam', 'Beras Kencur', 'Temulawak', 'Sirih Kunci', 'Cabe Puyang', 'Galian Singset'],
        ],
        ukuran: [
          ['botol 250 ml', 1],
          ['botol 500 ml', 1.8],
          ['botol 1 liter', 3.4],
        ],
        harga: [8000, 15000],
        deskripsi: 'Jamu segar dibuat setiap pagi dari rimpang pilihan.',
      },
    ],
  },
  {
    usaha: ['Rajut {nama}', 'Rajutan {tempat}'],
    kbli: '13911',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Sweater Rajut',
        varian: [
          ['Wanita', 'Pria', 'Anak'],
          ['Kepang', 'Polos', 'Garis'],
          ['Krem', 'Abu-abu', 'Hijau Botol', 'Marun', 'Navy'],
        ],
        ukuran: SATU,
        harga: [90000, 180000],
        deskripsi: 'Sweater rajut lembut, tersedia ukuran S sampai XL.',
      },
      {
        nama: 'Kardigan Rajut',
        varian: [
          ['Oversize', 'Crop', 'Panjang'],
          ['Mustard', 'Sage', 'Hitam', 'Putih Gading'],
        ],
        ukuran: SATU,
        harga: [110000, 200000],
        deskripsi: 'Kardigan rajut dengan kancing kayu.',
      },
      {
        nama: 'Syal Rajut',
        varian: [
          ['Tangan', 'Rajut Mesin'],
          ['Merah Bata', 'Biru Laut', 'Coklat Susu', 'Motif Zigzag'],
        ],
        ukuran: SATU,
        harga: [45000, 90000],
        deskripsi: 'Syal dari benang akrilik premium, hangat dan tidak gatal.',
      },
    ],
  },
  {
    usaha: ['Konveksi {nama}', 'Sablon {tempat}'],
    kbli: '14111',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Kaos',
        varian: [
          ['Sablon Custom', 'Polos Combed 30s', 'Komunitas', 'Oversize'],
          ['Lengan Pendek', 'Lengan Panjang'],
          ['Hitam', 'Putih', 'Abu Misty', 'Navy'],
        ],
        ukuran: SATU,
        harga: [45000, 85000],
        deskripsi: 'Kaos katun dengan jahitan rapi; bisa pesan desain sendiri.',
      },
      {
        nama: 'Kemeja',
        varian: [
          ['Batik Cap', 'Flanel', 'Seragam Drill', 'Linen'],
          ['Pria', 'Wanita'],
          ['Lengan Pendek', 'Lengan Panjang'],
          ['Putih', 'Biru Muda', 'Hitam', 'Hijau Army'],
        ],
        ukuran: SATU,
        harga: [120000, 275000],
        deskripsi: 'Kemeja dengan bahan nyaman dan jahitan rapi.',
      },
    ],
  },
  {
    usaha: ['Sepatu {nama}', 'Sepatu Kulit {tempat}'],
    kbli: '15201',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Sepatu',
        varian: [
          ['Pantofel', 'Boots', 'Loafer', 'Sneakers Kulit', 'Chelsea Boots'],
          ['Pria', 'Wanita'],
          ['Hitam', 'Coklat Tua', 'Tan'],
        ],
        ukuran: [['pasang', 1]],
        harga: [250000, 550000],
        deskripsi: 'Sepatu kulit sapi asli buatan perajin, sol karet anti licin.',
      },
      {
        nama: 'Sandal Kulit',
        varian: [
          ['Selop', 'Japit', 'Tali Silang'],
          ['Pria', 'Wanita'],
          ['Hitam', 'Coklat', 'Tan'],
        ],
        ukuran: [['pasang', 1]],
        harga: [120000, 220000],
        deskripsi: 'Sandal kulit nyaman untuk sehari-hari.',
      },
    ],
  },
  {
    usaha: ['Batik {tempat}', 'Galeri Batik {nama}'],
    kbli: '13134',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Kain Batik',
        varian: [
          ['Tulis', 'Cap', 'Kombinasi'],
          ['Motif Kujang', 'Motif Megamendung', 'Motif Parang', 'Motif Kawung', 'Motif Sekar Jagad'],
        ],
        ukuran: [
          ['lembar 2 m', 1],
          ['lembar 2,5 m', 1.25],
        ],
        harga: [150000, 600000],
        deskripsi: 'Batik dengan pewarna yang tidak luntur, dikerjakan perajin setempat.',
      },
      {
        nama: 'Kemeja Batik',
        varian: [
          ['Tulis', 'Cap'],
          ['Pria', 'Wanita'],
          ['Motif Kujang', 'Motif Parang', 'Motif Megamendung', 'Motif Kawung'],
        ],
        ukuran: [['potong', 1]],
        harga: [175000, 450000],
        deskripsi: 'Kemeja batik dengan furing, jahitan rapi.',
      },
      {
        nama: 'Selendang Batik',
        varian: [
          ['Sutra', 'Katun', 'Rayon'],
          ['Biru Indigo', 'Soga', 'Hijau Pupus'],
        ],
        ukuran: [['lembar', 1]],
        harga: [150000, 500000],
        deskripsi: 'Selendang dengan motif batik tulis halus.',
      },
    ],
  },
  {
    usaha: ['Anyaman {nama}', 'Kerajinan Bambu {tempat}'],
    kbli: '16291',
    kategori: 'kerajinan',
    produk: [
      {
        nama: 'Tas Anyaman',
        varian: [
          ['Rotan', 'Pandan', 'Eceng Gondok'],
          ['Bulat', 'Jinjing', 'Selempang'],
          ['Natural', 'Hitam', 'Merah Bata'],
        ],
        ukuran: [['buah', 1]],
        harga: [120000, 300000],
        deskripsi: 'Tas anyaman tangan dengan tali kulit.',
      },
      {
        nama: 'Tudung Saji Bambu',
        varian: [['Polos', 'Motif Kotak', 'Berwarna']],
        ukuran: [
          ['buah diameter 40 cm', 1],
          ['buah diameter 60 cm', 1.5],
        ],
        harga: [40000, 85000],
        deskripsi: 'Tudung saji anyaman bambu, ringan dan kuat.',
      },
      {
        nama: 'Keranjang',
        varian: [
          ['Bambu', 'Rotan', 'Mendong'],
          ['Serbaguna', 'Cucian', 'Parsel'],
        ],
        ukuran: [
          ['set isi 3', 1],
          ['buah', 0.45],
        ],
        harga: [75000, 150000],
        deskripsi: 'Keranjang anyaman untuk penyimpanan dan hantaran.',
      },
    ],
  },
  {
    usaha: ['Warung Nasi {nama}', 'Rumah Makan {tempat}'],
    kbli: '56102',
    kategori: 'jasa',
    halal: true,
    produk: [
      {
        nama: 'Nasi',
        varian: [
          ['Timbel', 'Liwet', 'Bakar', 'Kuning', 'Uduk'],
          ['Ayam Goreng', 'Ayam Bakar', 'Ikan Asin', 'Empal', 'Pepes Ikan'],
        ],
        ukuran: [['porsi', 1]],
        harga: [20000, 40000],
        deskripsi: 'Lengkap dengan tahu, tempe, sambal dan lalapan.',
      },
      {
        nama: 'Paket Liwet',
        varian: [
          ['Ayam', 'Ikan Asin', 'Komplit', 'Jambal'],
          ['2 Orang', '5 Orang', '10 Orang'],
        ],
        ukuran: [['paket', 1]],
        harga: [60000, 90000],
        deskripsi: 'Nasi liwet dalam kastrol dengan lauk dan sambal, untuk makan bersama.',
      },
      {
        nama: 'Nasi Kotak',
        varian: [
          ['Acara', 'Rapat', 'Pengajian', 'Syukuran'],
          ['Ayam', 'Rendang', 'Ikan'],
        ],
        ukuran: [['kotak', 1]],
        harga: [25000, 45000],
        deskripsi: 'Nasi kotak untuk acara kantor dan keluarga, minimal 20 kotak.',
      },
    ],
  },
];
