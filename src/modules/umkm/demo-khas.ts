/**
 * Each demo city's specialities for the UMKM demo (Bandung: batagor, kopi Java Preanger, rajut
 * Binong Jati, sepatu Cibaduyut, kaos sablon Suci…; Serang: sate bandeng, emping melinjo, rabeg,
 * golok, batik Banten), and the place names its business names use.
 */
import type { JenisUsaha } from './demo-data.ts';

export const KHAS: Record<string, readonly JenisUsaha[]> = {
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

export const TEMPAT: Record<string, readonly string[]> = {
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
