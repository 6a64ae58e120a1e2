/**
 * Demo UMKM for a demo city: a few hundred businesses spread over every kecamatan, made from the
 * city's real specialities (Bandung: keripik, batagor, kopi Java Preanger, rajut Binong Jati,
 * sepatu Cibaduyut, kaos sablon Suci, batik; Serang: sate bandeng, emping melinjo, rabeg, golok,
 * batik Banten), most pinned on the map near their kelurahan's centre, each with 1–5 products
 * whose names combine a base, variants and a size (so they rarely repeat within a city) and
 * most with a generated placeholder photo (demo-foto.ts), KBLI codes, two or three years of
 * figures (so classes move), legality documents, and statuses from draf to terverifikasi.
 *
 * Demo data obeys the rules the app enforces (demo.test.ts checks both cities): classes by
 * PP 7/2021 from the figures, NIB and NPWP formats, existing KBLI codes, documents not dated in
 * the future, and a product is on its way into e-Katalog only when the app's own readiness
 * checklist (ekatalog.ts) says it is ready. The demo pelaku UMKM owns one verified business.
 * Rows are marked demo and deterministic (ctx.random; dates relative to today); written as the
 * owner in bulk, then indexed for search.
 */
import type { DemoContext } from '../../platform/module.ts';
import { asOwner, type Tx } from '../../platform/db/transaction.ts';
import { listUsers } from '../../platform/auth/service.ts';
import { demoEmail } from '../../platform/demo.ts';
import { demoPersonName } from '../../platform/demo-names.ts';
import { slugify } from '../../platform/text.ts';
import { listKelurahanRows } from '../wilayah/repository.ts';
import { indeksUsaha } from './cari.ts';
import type { Insertable } from 'kysely';
import { fotoContoh } from './demo-foto.ts';
import { syaratProduk, type LegalitasData, type ProdukData, type UsahaData } from './ekatalog.ts';
import { hariIniWib } from './ekatalog-service.ts';
import { kategoriKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha } from './kelas.ts';
import type { KategoriProduk, StatusEkatalog, StatusUsaha, UmkmFotoTable } from './tables.ts';

/**
 * A kind of product: its name is the base, one pick from each list of variants (an empty string
 * skips that list) and the size part of its unit ("250 g", "isi 10"), so a city's products
 * rarely share a name. The price range is for the factor-1 unit.
 */
interface ProdukDasar {
  nama: string;
  varian: readonly (readonly string[])[];
  ukuran: readonly (readonly [satuan: string, faktor: number])[];
  harga: readonly [number, number];
  deskripsi: string;
}

interface JenisUsaha {
  /** Business name patterns; {nama} is a person's first name, {tempat} a place. */
  usaha: readonly string[];
  kbli: string;
  kategori: KategoriProduk;
  produk: readonly ProdukDasar[];
  halal?: boolean;
}

const BUNGKUS = [
  ['bungkus 100 g', 0.5],
  ['bungkus 250 g', 1],
  ['toples 500 g', 1.9],
] as const;
const SATU = [['potong', 1]] as const;

const UMUM: readonly JenisUsaha[] = [
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

const KHAS: Record<string, readonly JenisUsaha[]> = {
  bandung: [
    {
      usaha: ['Batagor {nama}', 'Batagor & Siomay {tempat}'],
      kbli: '10750',
      kategori: 'makanan',
      halal: true,
      produk: [
        {
          nama: 'Batagor',
          varian: [
            ['Ikan Tenggiri', 'Ikan Tuna', 'Ayam', 'Udang'],
            ['Frozen', 'Kering'],
          ],
          ukuran: [
            ['pak isi 10', 1],
            ['pak isi 25', 2.3],
          ],
          harga: [35000, 60000],
          deskripsi: 'Batagor dengan bumbu kacang terpisah.',
        },
        {
          nama: 'Siomay',
          varian: [
            ['Ikan', 'Ayam', 'Udang', 'Campur'],
            ['Frozen', 'Kukus'],
          ],
          ukuran: [
            ['pak isi 15', 1],
            ['pak isi 30', 1.9],
          ],
          harga: [40000, 65000],
          deskripsi: 'Siomay khas Bandung, tinggal kukus.',
        },
        {
          nama: 'Cireng',
          varian: [['Isi Ayam Pedas', 'Isi Keju', 'Isi Sosis', 'Rujak', 'Bumbu Kacang']],
          ukuran: [
            ['pak isi 10', 1],
            ['pak isi 20', 1.9],
          ],
          harga: [20000, 35000],
          deskripsi: 'Cireng beku, renyah di luar kenyal di dalam.',
        },
      ],
    },
    {
      usaha: ['Seblak {nama}'],
      kbli: '56103',
      kategori: 'makanan',
      halal: true,
      produk: [
        {
          nama: 'Seblak',
          varian: [
            ['Kering', 'Instan', 'Basah Frozen'],
            ['Kencur', 'Ceker', 'Makaroni', 'Original'],
            ['', 'Level 5'],
          ],
          ukuran: [
            ['bungkus 150 g', 1],
            ['bungkus 300 g', 1.8],
          ],
          harga: [10000, 20000],
          deskripsi: 'Seblak dengan bumbu kencur dan cabai bubuk.',
        },
      ],
    },
    {
      usaha: ['Peuyeum {nama}', 'Oleh-oleh {tempat}'],
      kbli: '10799',
      kategori: 'makanan',
      halal: true,
      produk: [
        {
          nama: 'Peuyeum',
          varian: [['Bandung', 'Ketan Hijau', 'Ketan Hitam']],
          ukuran: [
            ['ikat', 1],
            ['kotak', 1.3],
          ],
          harga: [20000, 35000],
          deskripsi: 'Tape manis khas Bandung, difermentasi dua hari.',
        },
        {
          nama: 'Colenak',
          varian: [['Saus Gula Merah', 'Saus Durian', 'Saus Nangka', 'Saus Cokelat']],
          ukuran: [
            ['kotak', 1],
            ['kotak isi 2', 1.9],
          ],
          harga: [15000, 25000],
          deskripsi: 'Peuyeum bakar dengan saus dan kelapa parut.',
        },
        {
          nama: 'Bolu Peuyeum',
          varian: [['Original', 'Keju', 'Cokelat', 'Pandan', 'Kismis']],
          ukuran: [
            ['kotak 20 cm', 1],
            ['kotak 10 cm', 0.55],
          ],
          harga: [35000, 55000],
          deskripsi: 'Bolu lembut dari peuyeum Bandung.',
        },
        {
          nama: 'Dodol',
          varian: [['Peuyeum', 'Ketan', 'Durian', 'Wijen', 'Nangka']],
          ukuran: [
            ['kotak 250 g', 1],
            ['kotak 500 g', 1.9],
          ],
          harga: [18000, 30000],
          deskripsi: 'Dodol diaduk lama dalam kawah tembaga.',
        },
      ],
    },
  ],
  serang: [
    {
      usaha: ['Sate Bandeng {nama}', 'Bandeng {tempat}'],
      kbli: '10212',
      kategori: 'makanan',
      halal: true,
      produk: [
        {
          nama: 'Sate Bandeng',
          varian: [['Original', 'Pedas', 'Bumbu Kacang', 'Tanpa Duri Jumbo', 'Bumbu Kuning', 'Madu']],
          ukuran: [
            ['ekor', 1],
            ['pak isi 3', 2.8],
          ],
          harga: [35000, 55000],
          deskripsi: 'Sate bandeng khas Banten tanpa duri, dibakar dengan bumbu rempah.',
        },
        {
          nama: 'Bandeng',
          varian: [
            ['Presto', 'Asap', 'Otak-otak'],
            ['', 'Vakum'],
          ],
          ukuran: [
            ['pak isi 2', 1],
            ['pak isi 4', 1.9],
          ],
          harga: [40000, 60000],
          deskripsi: 'Bandeng olahan lunak sampai ke tulang.',
        },
      ],
    },
    {
      usaha: ['Emping {nama}', 'Emping Melinjo {tempat}'],
      kbli: '10794',
      kategori: 'makanan',
      halal: true,
      produk: [
        {
          nama: 'Emping Melinjo',
          varian: [
            ['Mentah', 'Goreng Original', 'Balado', 'Manis Pedas', 'Bawang', 'Keju', 'Pedas Daun Jeruk'],
          ],
          ukuran: [
            ['bungkus 250 g', 1],
            ['bungkus 500 g', 1.9],
            ['bungkus 1 kg', 3.6],
          ],
          harga: [25000, 45000],
          deskripsi: 'Emping melinjo tipis ditumbuk tangan.',
        },
      ],
    },
    {
      usaha: ['Golok {tempat}', 'Pandai Besi {nama}'],
      kbli: '25931',
      kategori: 'kerajinan',
      produk: [
        {
          nama: 'Golok',
          varian: [
            ['Ciomas', 'Sulangkar', 'Gablog'],
            ['Sarung Kayu Berukir', 'Sarung Kulit', 'Gagang Tanduk'],
          ],
          ukuran: [['buah', 1]],
          harga: [250000, 600000],
          deskripsi: 'Golok tempa tradisional buatan pandai besi Banten.',
        },
        {
          nama: 'Pisau Dapur Tempa',
          varian: [
            ['Daging', 'Sayur', 'Serbaguna'],
            ['Gagang Kayu', 'Gagang Tanduk'],
          ],
          ukuran: [
            ['buah', 1],
            ['set isi 3', 2.6],
          ],
          harga: [75000, 150000],
          deskripsi: 'Pisau dapur baja tempa, tajam dan awet.',
        },
      ],
    },
    {
      usaha: ['Rabeg {nama}', 'Dapur Banten {nama}'],
      kbli: '56102',
      kategori: 'jasa',
      halal: true,
      produk: [
        {
          nama: 'Sop',
          varian: [
            ['Kambing', 'Iga Sapi', 'Buntut'],
            ['Bening', 'Susu', 'Rempah'],
          ],
          ukuran: [['porsi', 1]],
          harga: [30000, 55000],
          deskripsi: 'Sop hangat dengan rempah khas Banten.',
        },
        {
          nama: 'Rabeg',
          varian: [
            ['Daging Kambing', 'Daging Sapi', 'Babat'],
            ['', 'Nasi Liwet'],
          ],
          ukuran: [['porsi', 1]],
          harga: [35000, 55000],
          deskripsi: 'Rabeg khas Serang dengan kuah rempah manis.',
        },
        {
          nama: 'Kue',
          varian: [['Jojorong', 'Gipang', 'Balok Menes', 'Apem Putih', 'Cucur', 'Bugis', 'Pasung']],
          ukuran: [
            ['kotak isi 10', 1],
            ['kotak isi 20', 1.9],
          ],
          harga: [20000, 35000],
          deskripsi: 'Kue tradisional Banten dari tepung beras dan gula aren.',
        },
      ],
    },
  ],
};

const TEMPAT: Record<string, readonly string[]> = {
  bandung: [
    'Parahyangan',
    'Priangan',
    'Cibaduyut',
    'Binong Jati',
    'Suci',
    'Dago',
    'Cihampelas',
    'Kiara',
    'Lembang',
    'Sunda',
  ],
  serang: ['Banten', 'Kasemen', 'Ciomas', 'Banten Lama', 'Kaibon', 'Surosowan', 'Cilowong', 'Taktakan'],
};

const STATUS: readonly [StatusUsaha, number][] = [
  ['terverifikasi', 0.7],
  ['diajukan', 0.1],
  ['dikembalikan', 0.05],
  ['draf', 0.12],
  ['ditolak', 0.03],
];

export async function umkmDemo(ctx: DemoContext): Promise<void> {
  const { city, random } = ctx;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const bandung = city.slug === 'bandung';
  const jumlah = bandung ? 240 : 110;
  const jenis = [...UMUM, ...(KHAS[city.slug] ?? [])];
  const tempat = TEMPAT[city.slug] ?? ['Kota'];
  const hariIni = hariIniWib();
  const tahunIni = Number(hariIni.slice(0, 4));
  /** A date between lo and hi days ago (YYYY-MM-DD): documents are never dated in the future. */
  const tanggalLalu = (lo: number, hi: number) =>
    new Date(Date.now() - between(lo, hi) * 86_400_000).toISOString().slice(0, 10);

  await asOwner(ctx.db, city.id, async (trx) => {
    const kelurahan = await listKelurahanRows(trx, city.id);
    const users = (await listUsers(trx, { limit: 1000, offset: 0 })).items;
    const pelaku = users.find((u) => u.email === demoEmail('pelaku_umkm', city.slug));
    const dinas = users.find((u) => u.email === demoEmail('petugas_dinas', city.slug));
    const slugs = new Set<string>();
    const uniq = (base: string) => {
      let s = slugify(base);
      for (let i = 2; slugs.has(s); i++) s = `${slugify(base)}-${i}`;
      slugs.add(s);
      return s;
    };
    const namaProduk = new Map<string, number>();
    const usahaIds: string[] = [];
    const fotoRows: Insertable<UmkmFotoTable>[] = [];
    for (let i = 0; i < jumlah; i++) {
      const j = pick(jenis);
      const orang = demoPersonName(pick);
      const namaUsaha = pick(j.usaha)
        .replace('{nama}', orang.split(' ')[0]!)
        .replace('{tempat}', pick(tempat));
      // The first kelurahan gets a few more, so the demo kelurahan officer sees some.
      const kel = i < 8 ? kelurahan[0]! : pick(kelurahan);
      const roll = random();
      let acc = 0;
      let status: StatusUsaha = 'draf';
      for (const [s, p] of STATUS) {
        acc += p;
        if (roll < acc) {
          status = s;
          break;
        }
      }
      const milikDemo = i === 0 && pelaku;
      if (milikDemo) status = 'terverifikasi';
      const nib =
        random() < 0.75
          ? String(between(1, 9)) + String(between(0, 999_999_999_999)).padStart(12, '0')
          : null;
      // Some verified businesses with an NIB have everything e-Katalog asks of a business (NPWP,
      // a recent KSWP check, SIKaP, a halal certificate for food); only their products may be
      // on their way into e-Katalog, and only when the app's checklist says they are ready.
      const ekatalogUsaha = status === 'terverifikasi' && nib !== null && random() < 0.45;
      const npwp =
        nib && (ekatalogUsaha || random() < 0.6)
          ? `0${String(between(10_000_000, 99_999_999))}${String(between(100_000, 999_999))}`
          : null;
      const sikap = ekatalogUsaha || (nib !== null && random() < 0.4);
      const kswpValid = ekatalogUsaha || (nib !== null && random() < 0.5);
      const kswpDicek = kswpValid ? (ekatalogUsaha ? tanggalLalu(3, 300) : tanggalLalu(3, 600)) : null;
      // Most businesses are on the map: near their kelurahan's centre.
      const titik =
        kel.lat !== null && kel.lng !== null && random() < 0.85
          ? {
              lat: Math.round((kel.lat + (random() - 0.5) * 0.006) * 1e6) / 1e6,
              lng: Math.round((kel.lng + (random() - 0.5) * 0.006) * 1e6) / 1e6,
            }
          : { lat: null, lng: null };
      const telepon = `08${pick(['12', '13', '21', '52', '57', '77', '95'])}${String(between(0, 99_999_999)).padStart(8, '0')}`;
      const u = await trx
        .insertInto('umkm_usaha')
        .values({
          tenant_id: city.id,
          slug: uniq(namaUsaha),
          nama: namaUsaha,
          deskripsi: `${namaUsaha} adalah usaha ${j.kategori === 'jasa' ? 'kuliner' : 'produksi'} rumahan di ${kel.nama}. ${j.produk[0]!.deskripsi}`,
          nib,
          npwp,
          pemilik_user_id: milikDemo ? pelaku.id : null,
          pemilik_nama: milikDemo ? pelaku.name : orang,
          telepon,
          alamat: `Jl. ${pick(['Merdeka', 'Sukajadi', 'Pahlawan', 'Veteran', 'Siliwangi', 'Ahmad Yani', 'Cendana', 'Melati'])} No. ${between(1, 200)}`,
          kecamatan_kode: kel.induk!,
          kelurahan_kode: kel.kode,
          ...titik,
          tahun_berdiri: between(2005, tahunIni - 1),
          jumlah_pekerja: between(1, 25),
          sektor: kategoriKbli(j.kbli)?.huruf ?? null,
          umkm_center: random() < 0.2,
          sentra: j.kategori === 'makanan' && random() < 0.15 ? `Sentra Kuliner ${pick(tempat)}` : null,
          inkubator: random() < 0.1 ? `Inkubator Bisnis ${pick(tempat)}` : null,
          status,
          diverifikasi_oleh: status === 'terverifikasi' || status === 'ditolak' ? (dinas?.id ?? null) : null,
          diverifikasi_at: status === 'terverifikasi' || status === 'ditolak' ? new Date() : null,
          sikap,
          kswp_valid: kswpValid,
          kswp_dicek: kswpDicek,
          demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      usahaIds.push(u.id);
      await trx
        .insertInto('umkm_usaha_kbli')
        .values({ tenant_id: city.id, usaha_id: u.id, versi: VERSI_KBLI_BAKU, kode: j.kbli, utama: true })
        .execute();
      // Two or three years of figures; sales grow (or shrink) so some move class.
      let penjualan = between(80, 3200) * 1_000_000;
      const modal = between(20, 1500) * 1_000_000;
      let kelas = null;
      for (let y = tahunIni - between(2, 3); y < tahunIni; y++) {
        penjualan = Math.round(penjualan * (0.8 + random() * 0.7));
        const h = kelasUsaha({ modal, penjualan });
        kelas = h.kelas;
        await trx
          .insertInto('umkm_keuangan')
          .values({
            tenant_id: city.id,
            usaha_id: u.id,
            tahun: y,
            modal,
            penjualan,
            pekerja: between(1, 25),
            kelas: h.kelas,
            dasar: h.dasar,
          })
          .execute();
      }
      await trx.updateTable('umkm_usaha').set({ kelas }).where('id', '=', u.id).execute();
      const legalitas: (LegalitasData & { keterangan?: null })[] = [];
      if (nib)
        legalitas.push({ jenis: 'nib', nomor: nib, terbit: tanggalLalu(200, 1500), berlaku_sampai: null });
      if (j.halal && (ekatalogUsaha || random() < 0.55)) {
        // Halal certificates last four years; issued at most about three years ago.
        const terbit = tanggalLalu(30, 1100);
        legalitas.push({
          jenis: 'halal',
          nomor: `ID${city.id.replace('.', '')}${String(between(1, 999_999_999)).padStart(11, '0')}`,
          terbit,
          berlaku_sampai: `${Number(terbit.slice(0, 4)) + 4}${terbit.slice(4)}`,
        });
      }
      if (j.kategori === 'makanan' && random() < 0.5)
        legalitas.push({
          jenis: 'pirt',
          nomor: `2${city.id.replace('.', '')}${String(between(100_000_000, 999_999_999))}-2${between(5, 9)}`,
          terbit: null,
          berlaku_sampai: null,
        });
      if (legalitas.length)
        await trx
          .insertInto('umkm_legalitas')
          .values(legalitas.map((l) => ({ tenant_id: city.id, usaha_id: u.id, ...l })))
          .execute();
      const langkah: { status: StatusUsaha; catatan: string | null }[] = [{ status: 'draf', catatan: null }];
      if (status !== 'draf') langkah.push({ status: 'diajukan', catatan: null });
      if (status === 'dikembalikan')
        langkah.push({ status, catatan: 'Mohon lengkapi nomor PIRT dan foto tempat produksi.' });
      if (status === 'terverifikasi') langkah.push({ status, catatan: null });
      if (status === 'ditolak')
        langkah.push({ status, catatan: 'Usaha sudah tidak beroperasi saat dikunjungi petugas.' });
      await trx
        .insertInto('umkm_usaha_langkah')
        .values(
          langkah.map((l) => ({
            tenant_id: city.id,
            usaha_id: u.id,
            status: l.status,
            catatan: l.catatan,
            oleh: dinas?.id ?? null,
          })),
        )
        .execute();

      const dataUsaha: UsahaData = {
        status,
        nib,
        npwp,
        sikap,
        kswp_valid: kswpValid,
        kswp_dicek: kswpDicek,
        kbli: [{ versi: VERSI_KBLI_BAKU, kode: j.kbli }],
        legalitas,
      };
      for (let n = between(1, 5); n > 0; n--) {
        const p = produkBaru(j, pick, namaProduk);
        const harga = Math.max(
          500,
          Math.round((between(p.dasar.harga[0], p.dasar.harga[1]) * p.faktor) / 500) * 500,
        );
        const lengkap = ekatalogUsaha;
        const data: ProdukData = {
          nama: p.nama,
          kategori: j.kategori,
          merek: lengkap ? namaUsaha.slice(0, 120) : null,
          sku: lengkap ? `${slugify(namaUsaha).slice(0, 6).toUpperCase()}-${between(100, 999)}` : null,
          asal: 'lokal',
          satuan: p.satuan,
          harga,
          kbli_versi: VERSI_KBLI_BAKU,
          kbli_kode: j.kbli,
          tkdn: lengkap ? String(between(40, 95)) : null,
          halal: Boolean(j.halal) && random() < 0.6,
          sni: false,
          jumlah_foto: lengkap || random() < 0.85 ? 1 : 0,
        };
        // On its way into e-Katalog only when the checklist the app enforces says it is ready.
        const ingin: StatusEkatalog = lengkap
          ? pick(['belum_siap', 'siap', 'diajukan', 'tayang', 'tayang'] as const)
          : 'belum_siap';
        const ekatalog: StatusEkatalog =
          ingin !== 'belum_siap' && syaratProduk(dataUsaha, data, hariIni).siap ? ingin : 'belum_siap';
        const row = await trx
          .insertInto('umkm_produk')
          .values({
            tenant_id: city.id,
            usaha_id: u.id,
            slug: uniq(`${p.nama} ${namaUsaha}`),
            nama: p.nama,
            deskripsi: p.deskripsi,
            kategori: j.kategori,
            harga,
            satuan: p.satuan,
            tersedia: random() < 0.92,
            sku: data.sku,
            merek: data.merek,
            kbli_versi: data.kbli_versi,
            kbli_kode: data.kbli_kode,
            tkdn: data.tkdn,
            halal: data.halal,
            pirt: j.kategori === 'makanan' && random() < 0.5,
            ekatalog,
            nama_terkunci: ekatalog === 'diajukan' || ekatalog === 'tayang',
            demo: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (data.jumlah_foto > 0) {
          const f = await fotoContoh(p.dasar.nama, j.kategori);
          fotoRows.push({
            tenant_id: city.id,
            usaha_id: u.id,
            produk_id: row.id,
            urutan: 1,
            alt: p.nama,
            lebar: f.lebar,
            tinggi: f.tinggi,
            besar: f.besar,
            sedang: f.sedang,
            kecil: f.kecil,
          });
        }
        if (ekatalog !== 'belum_siap')
          await langkahEkatalog(trx, city.id, row.id, ekatalog, dinas?.id ?? null, between);
      }
    }
    // Photos in a few statements (the catalogue's per-statement triggers refresh them in bulk).
    for (let k = 0; k < fotoRows.length; k += 100)
      await trx
        .insertInto('umkm_foto')
        .values(fotoRows.slice(k, k + 100))
        .execute();
    // Search documents of every business and its products, as the app writes them.
    for (const id of usahaIds) await indeksUsaha(trx, id);
  });
}

type ProdukJadi = {
  dasar: ProdukDasar;
  nama: string;
  satuan: string;
  faktor: number;
  deskripsi: string;
  /** 0: a plain combination; 1: with a grade word, used once the plain ones are taken. */
  tingkat: number;
};

/** Grade words that tell apart two products of the same combination (used only when needed). */
const MUTU = ['Premium', 'Spesial', 'Istimewa', 'Pilihan'];

/** Every product a kind of business can make: each base with each choice of variants and unit. */
function semuaProduk(j: JenisUsaha): ProdukJadi[] {
  const out: ProdukJadi[] = [];
  for (const dasar of j.produk) {
    let pilihan: string[][] = [[]];
    for (const daftar of dasar.varian) pilihan = pilihan.flatMap((p) => daftar.map((v) => [...p, v]));
    for (const p of pilihan)
      for (const [satuan, faktor] of dasar.ukuran)
        for (const [tingkat, mutu] of ['', ...MUTU].entries()) {
          const varian = p.filter(Boolean);
          const ukuran = satuan.split(' ').slice(1).join(' ');
          out.push({
            dasar,
            nama: [dasar.nama, ...varian, mutu, ukuran].filter(Boolean).join(' '),
            satuan,
            faktor,
            deskripsi: varian.length
              ? `${dasar.deskripsi} Varian ${varian.join(', ').toLowerCase()}.`
              : dasar.deskripsi,
            tingkat: Math.min(tingkat, 1),
          });
        }
  }
  return out;
}

/**
 * A new product of a kind of business, picked among the combinations the city has least often,
 * plain ones first (a name repeats only once all of a kind's combinations are used).
 */
function produkBaru(
  j: JenisUsaha,
  pick: <T>(xs: readonly T[]) => T,
  dipakai: Map<string, number>,
): ProdukJadi {
  const semua = semuaProduk(j);
  const kunci = (p: ProdukJadi) => (dipakai.get(p.nama) ?? 0) * 2 + p.tingkat;
  const paling = Math.min(...semua.map(kunci));
  const hasil = pick(semua.filter((p) => kunci(p) === paling));
  dipakai.set(hasil.nama, (dipakai.get(hasil.nama) ?? 0) + 1);
  return hasil;
}

async function langkahEkatalog(
  trx: Tx,
  tenantId: string,
  produkId: string,
  sampai: StatusEkatalog,
  oleh: string | null,
  between: (lo: number, hi: number) => number,
): Promise<void> {
  const urutan: StatusEkatalog[] = ['siap', 'diajukan', 'tayang'];
  const rows = [];
  let hari = between(40, 120);
  for (const s of urutan) {
    const tanggal = new Date(Date.now() - hari * 86_400_000).toISOString().slice(0, 10);
    rows.push({ tenant_id: tenantId, produk_id: produkId, status: s, tanggal, catatan: null, oleh });
    if (s === sampai) break;
    hari = Math.max(1, hari - between(5, 30));
  }
  await trx.insertInto('umkm_ekatalog_langkah').values(rows).execute();
}
