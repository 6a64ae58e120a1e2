/**
 * Each demo city's specialities for the UMKM demo (Bandung: batagor, kopi Java Preanger, rajut
 * Binong Jati, sepatu Cibaduyut, kaos sablon Suci…; Serang: sate bandeng, emping melinjo, rabeg,
 * golok, batik Banten), and the place names its business names use.
 */
import { jenis, type JenisUsaha } from './demo-data.ts';

export const KHAS: Record<string, readonly JenisUsaha[]> = {
  bandung: [
    jenis(['Batagor {nama}', 'Batagor & Siomay {tempat}'], '10750', 'makanan', true, [
      [
        ['Batagor', 35000, 60000, 'Batagor dengan bumbu kacang terpisah.'],
        { 'pak isi 10': 1, 'pak isi 25': 2.3 },
        ['Ikan Tenggiri', 'Ikan Tuna', 'Ayam', 'Udang'],
        ['Frozen', 'Kering'],
      ],
      [
        ['Siomay', 40000, 65000, 'Siomay khas Bandung, tinggal kukus.'],
        { 'pak isi 15': 1, 'pak isi 30': 1.9 },
        ['Ikan', 'Ayam', 'Udang', 'Campur'],
        ['Frozen', 'Kukus'],
      ],
      [
        ['Cireng', 20000, 35000, 'Cireng beku, renyah di luar kenyal di dalam.'],
        { 'pak isi 10': 1, 'pak isi 20': 1.9 },
        ['Isi Ayam Pedas', 'Isi Keju', 'Isi Sosis', 'Rujak', 'Bumbu Kacang'],
      ],
    ]),
    jenis(['Seblak {nama}'], '56103', 'makanan', true, [
      [
        ['Seblak', 10000, 20000, 'Seblak dengan bumbu kencur dan cabai bubuk.'],
        { 'bungkus 150 g': 1, 'bungkus 300 g': 1.8 },
        ['Kering', 'Instan', 'Basah Frozen'],
        ['Kencur', 'Ceker', 'Makaroni', 'Original'],
        ['', 'Level 5'],
      ],
    ]),
    jenis(['Peuyeum {nama}', 'Oleh-oleh {tempat}'], '10799', 'makanan', true, [
      [
        ['Peuyeum', 20000, 35000, 'Tape manis khas Bandung, difermentasi dua hari.'],
        { ikat: 1, kotak: 1.3 },
        ['Bandung', 'Ketan Hijau', 'Ketan Hitam'],
      ],
      [
        ['Colenak', 15000, 25000, 'Peuyeum bakar dengan saus dan kelapa parut.'],
        { kotak: 1, 'kotak isi 2': 1.9 },
        ['Saus Gula Merah', 'Saus Durian', 'Saus Nangka', 'Saus Cokelat'],
      ],
      [
        ['Bolu Peuyeum', 35000, 55000, 'Bolu lembut dari peuyeum Bandung.'],
        { 'kotak 20 cm': 1, 'kotak 10 cm': 0.55 },
        ['Original', 'Keju', 'Cokelat', 'Pandan', 'Kismis'],
      ],
      [
        ['Dodol', 18000, 30000, 'Dodol diaduk lama dalam kawah tembaga.'],
        { 'kotak 250 g': 1, 'kotak 500 g': 1.9 },
        ['Peuyeum', 'Ketan', 'Durian', 'Wijen', 'Nangka'],
      ],
    ]),
  ],
  serang: [
    jenis(['Sate Bandeng {nama}', 'Bandeng {tempat}'], '10212', 'makanan', true, [
      [
        ['Sate Bandeng', 35000, 55000, 'Sate bandeng khas Banten tanpa duri, dibakar dengan bumbu rempah.'],
        { ekor: 1, 'pak isi 3': 2.8 },
        ['Original', 'Pedas', 'Bumbu Kacang', 'Tanpa Duri Jumbo', 'Bumbu Kuning', 'Madu'],
      ],
      [
        ['Bandeng', 40000, 60000, 'Bandeng olahan lunak sampai ke tulang.'],
        { 'pak isi 2': 1, 'pak isi 4': 1.9 },
        ['Presto', 'Asap', 'Otak-otak'],
        ['', 'Vakum'],
      ],
    ]),
    jenis(['Emping {nama}', 'Emping Melinjo {tempat}'], '10794', 'makanan', true, [
      [
        ['Emping Melinjo', 25000, 45000, 'Emping melinjo tipis ditumbuk tangan.'],
        { 'bungkus 250 g': 1, 'bungkus 500 g': 1.9, 'bungkus 1 kg': 3.6 },
        ['Mentah', 'Goreng Original', 'Balado', 'Manis Pedas', 'Bawang', 'Keju', 'Pedas Daun Jeruk'],
      ],
    ]),
    jenis(['Golok {tempat}', 'Pandai Besi {nama}'], '25931', 'kerajinan', false, [
      [
        ['Golok', 250000, 600000, 'Golok tempa tradisional buatan pandai besi Banten.'],
        { buah: 1 },
        ['Ciomas', 'Sulangkar', 'Gablog'],
        ['Sarung Kayu Berukir', 'Sarung Kulit', 'Gagang Tanduk'],
      ],
      [
        ['Pisau Dapur Tempa', 75000, 150000, 'Pisau dapur baja tempa, tajam dan awet.'],
        { buah: 1, 'set isi 3': 2.6 },
        ['Daging', 'Sayur', 'Serbaguna'],
        ['Gagang Kayu', 'Gagang Tanduk'],
      ],
    ]),
    jenis(['Rabeg {nama}', 'Dapur Banten {nama}'], '56102', 'jasa', true, [
      [
        ['Sop', 30000, 55000, 'Sop hangat dengan rempah khas Banten.'],
        { porsi: 1 },
        ['Kambing', 'Iga Sapi', 'Buntut'],
        ['Bening', 'Susu', 'Rempah'],
      ],
      [
        ['Rabeg', 35000, 55000, 'Rabeg khas Serang dengan kuah rempah manis.'],
        { porsi: 1 },
        ['Daging Kambing', 'Daging Sapi', 'Babat'],
        ['', 'Nasi Liwet'],
      ],
      [
        ['Kue', 20000, 35000, 'Kue tradisional Banten dari tepung beras dan gula aren.'],
        { 'kotak isi 10': 1, 'kotak isi 20': 1.9 },
        ['Jojorong', 'Gipang', 'Balok Menes', 'Apem Putih', 'Cucur', 'Bugis', 'Pasung'],
      ],
    ]),
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
