/**
 * Demo UMKM for a demo city: a few hundred businesses spread over every kecamatan, made from the
 * city's real specialities (Bandung: keripik, batagor, kopi Java Preanger, rajut Binong Jati,
 * sepatu Cibaduyut, kaos sablon Suci, batik; Serang: sate bandeng, emping melinjo, rabeg, golok,
 * batik Banten), each with 1–5 products, KBLI codes, two or three years of figures (so classes
 * move), legality documents, and statuses from draf to terverifikasi; some products are on their
 * way into e-Katalog. The demo pelaku UMKM owns one verified business. Rows are marked demo and
 * deterministic (ctx.random); written as the owner in bulk, then indexed for search.
 */
import type { DemoContext } from '../../platform/module.ts';
import { asOwner, type Tx } from '../../platform/db/transaction.ts';
import { listUsers } from '../../platform/auth/service.ts';
import { demoEmail } from '../../platform/demo.ts';
import { demoPersonName } from '../../platform/demo-names.ts';
import { slugify } from '../../platform/text.ts';
import { listKelurahanRows } from '../wilayah/repository.ts';
import { indeksUsaha } from './cari.ts';
import { kategoriKbli } from './kbli.ts';
import { kelasUsaha } from './kelas.ts';
import type { KategoriProduk, StatusEkatalog, StatusUsaha } from './tables.ts';

interface JenisUsaha {
  /** Business name patterns; {nama} is a person's first name, {tempat} a place. */
  usaha: readonly string[];
  kbli: string;
  kategori: KategoriProduk;
  produk: readonly { nama: string; satuan: string; harga: [number, number]; deskripsi: string }[];
  halal?: boolean;
}

const UMUM: readonly JenisUsaha[] = [
  {
    usaha: ['Keripik {nama}', 'Keripik Tempe Bu {nama}', 'Aneka Keripik {tempat}'],
    kbli: '10794',
    kategori: 'makanan',
    halal: true,
    produk: [
      {
        nama: 'Keripik Tempe Original',
        satuan: 'bungkus 250 g',
        harga: [12000, 20000],
        deskripsi: 'Keripik tempe tipis dan renyah, digoreng dengan minyak baru setiap hari.',
      },
      {
        nama: 'Keripik Singkong Pedas Daun Jeruk',
        satuan: 'bungkus 200 g',
        harga: [10000, 18000],
        deskripsi: 'Singkong pilihan diiris tipis, dibumbui cabai dan daun jeruk.',
      },
      {
        nama: 'Keripik Pisang Manis',
        satuan: 'bungkus 250 g',
        harga: [12000, 22000],
        deskripsi: 'Pisang tanduk diolah menjadi keripik manis gurih tanpa pengawet.',
      },
      {
        nama: 'Peyek Kacang',
        satuan: 'toples 300 g',
        harga: [15000, 25000],
        deskripsi: 'Rempeyek kacang tanah renyah dengan bumbu bawang putih.',
      },
      {
        nama: 'Kerupuk Kulit Sapi',
        satuan: 'bungkus 100 g',
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
        nama: 'Bolu Kukus Pandan',
        satuan: 'kotak isi 10',
        harga: [25000, 40000],
        deskripsi: 'Bolu kukus lembut dengan daun pandan asli, cocok untuk hantaran.',
      },
      {
        nama: 'Brownies Panggang Cokelat',
        satuan: 'loyang 20 cm',
        harga: [45000, 75000],
        deskripsi: 'Brownies panggang padat dengan cokelat premium.',
      },
      {
        nama: 'Kue Lapis Legit',
        satuan: 'loyang 20 cm',
        harga: [120000, 200000],
        deskripsi: 'Lapis legit 18 lapis dengan mentega wijsman dan rempah.',
      },
      {
        nama: 'Nastar Nanas',
        satuan: 'toples 500 g',
        harga: [70000, 110000],
        deskripsi: 'Nastar lembut dengan selai nanas buatan sendiri.',
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
        nama: 'Sambal Bawang',
        satuan: 'botol 150 g',
        harga: [20000, 35000],
        deskripsi: 'Sambal bawang pedas level 3, tahan dua bulan tanpa pengawet.',
      },
      {
        nama: 'Sambal Cumi Asin',
        satuan: 'botol 150 g',
        harga: [35000, 55000],
        deskripsi: 'Sambal dengan cumi asin pilihan, cocok untuk nasi hangat.',
      },
      {
        nama: 'Sambal Terasi Goreng',
        satuan: 'botol 200 g',
        harga: [22000, 35000],
        deskripsi: 'Sambal terasi digoreng kering, wangi dan pedas.',
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
        nama: 'Kopi Arabika Java Preanger',
        satuan: 'bungkus 200 g',
        harga: [60000, 110000],
        deskripsi: 'Biji kopi arabika dari lereng gunung di Jawa Barat, sangrai medium.',
      },
      {
        nama: 'Kopi Robusta Bubuk',
        satuan: 'bungkus 250 g',
        harga: [35000, 60000],
        deskripsi: 'Kopi robusta bubuk giling halus untuk kopi tubruk.',
      },
      {
        nama: 'Kopi Susu Gula Aren Botol',
        satuan: 'botol 250 ml',
        harga: [15000, 25000],
        deskripsi: 'Kopi susu siap minum dengan gula aren asli.',
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
        nama: 'Bandrek Jahe Merah',
        satuan: 'kotak isi 10 sachet',
        harga: [20000, 35000],
        deskripsi: 'Minuman jahe merah hangat dengan gula aren dan rempah.',
      },
      {
        nama: 'Bajigur Instan',
        satuan: 'kotak isi 10 sachet',
        harga: [20000, 32000],
        deskripsi: 'Bajigur santan instan, tinggal seduh air panas.',
      },
      {
        nama: 'Jamu Kunyit Asam',
        satuan: 'botol 250 ml',
        harga: [8000, 15000],
        deskripsi: 'Jamu kunyit asam segar dibuat setiap pagi.',
      },
    ],
  },
  {
    usaha: ['Rajut {nama}', 'Rajutan {tempat}'],
    kbli: '13911',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Sweater Rajut Wanita',
        satuan: 'potong',
        harga: [90000, 180000],
        deskripsi: 'Sweater rajut lembut, tersedia ukuran S sampai XL.',
      },
      {
        nama: 'Kardigan Rajut Oversize',
        satuan: 'potong',
        harga: [110000, 200000],
        deskripsi: 'Kardigan rajut longgar dengan kancing kayu.',
      },
      {
        nama: 'Syal Rajutan Tangan',
        satuan: 'potong',
        harga: [45000, 90000],
        deskripsi: 'Syal dirajut tangan dari benang akrilik premium.',
      },
    ],
  },
  {
    usaha: ['Konveksi {nama}', 'Sablon {tempat}'],
    kbli: '14111',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Kaos Sablon Custom',
        satuan: 'potong',
        harga: [45000, 85000],
        deskripsi: 'Kaos katun combed 30s dengan sablon plastisol, bisa pesan desain sendiri.',
      },
      {
        nama: 'Kemeja Batik Pria Lengan Panjang',
        satuan: 'potong',
        harga: [150000, 275000],
        deskripsi: 'Kemeja batik cap dengan furing, jahitan rapi.',
      },
      {
        nama: 'Seragam Kerja',
        satuan: 'potong',
        harga: [90000, 160000],
        deskripsi: 'Seragam kerja bahan drill, bordir logo instansi.',
      },
    ],
  },
  {
    usaha: ['Sepatu {nama}', 'Sepatu Kulit {tempat}'],
    kbli: '15201',
    kategori: 'fesyen',
    produk: [
      {
        nama: 'Sepatu Pantofel Kulit Sapi',
        satuan: 'pasang',
        harga: [250000, 450000],
        deskripsi: 'Sepatu pantofel kulit sapi asli buatan perajin, sol karet anti licin.',
      },
      {
        nama: 'Sepatu Boots Pria',
        satuan: 'pasang',
        harga: [350000, 600000],
        deskripsi: 'Boots kulit dengan jahitan goodyear welt.',
      },
      {
        nama: 'Sandal Kulit Wanita',
        satuan: 'pasang',
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
        nama: 'Kain Batik Tulis Motif Kujang',
        satuan: 'lembar 2 m',
        harga: [350000, 900000],
        deskripsi: 'Batik tulis pewarna alam dengan motif kujang khas Sunda.',
      },
      {
        nama: 'Kain Batik Cap',
        satuan: 'lembar 2 m',
        harga: [120000, 250000],
        deskripsi: 'Batik cap katun primisima, warna tidak luntur.',
      },
      {
        nama: 'Selendang Batik Sutra',
        satuan: 'lembar',
        harga: [250000, 500000],
        deskripsi: 'Selendang sutra dengan motif batik tulis halus.',
      },
    ],
  },
  {
    usaha: ['Anyaman {nama}', 'Kerajinan Bambu {tempat}'],
    kbli: '16291',
    kategori: 'kerajinan',
    produk: [
      {
        nama: 'Tas Anyaman Rotan',
        satuan: 'buah',
        harga: [150000, 300000],
        deskripsi: 'Tas rotan anyaman tangan dengan tali kulit.',
      },
      {
        nama: 'Tudung Saji Bambu',
        satuan: 'buah',
        harga: [40000, 85000],
        deskripsi: 'Tudung saji anyaman bambu, ringan dan kuat.',
      },
      {
        nama: 'Keranjang Serbaguna',
        satuan: 'set isi 3',
        harga: [75000, 150000],
        deskripsi: 'Keranjang anyaman bambu tiga ukuran untuk penyimpanan.',
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
        nama: 'Nasi Timbel Komplit',
        satuan: 'porsi',
        harga: [25000, 40000],
        deskripsi: 'Nasi timbel dengan ayam goreng, tahu, tempe, sambal dan lalapan.',
      },
      {
        nama: 'Nasi Kotak Acara',
        satuan: 'kotak',
        harga: [25000, 45000],
        deskripsi: 'Nasi kotak untuk acara kantor dan pengajian, minimal 20 kotak.',
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
          nama: 'Batagor Ikan Tenggiri Frozen',
          satuan: 'pak isi 10',
          harga: [35000, 60000],
          deskripsi: 'Batagor ikan tenggiri beku dengan bumbu kacang terpisah.',
        },
        {
          nama: 'Siomay Bandung Frozen',
          satuan: 'pak isi 15',
          harga: [40000, 65000],
          deskripsi: 'Siomay ikan khas Bandung, tinggal kukus.',
        },
        {
          nama: 'Cireng Isi Ayam Pedas',
          satuan: 'pak isi 10',
          harga: [20000, 35000],
          deskripsi: 'Cireng isi ayam suwir pedas, renyah di luar kenyal di dalam.',
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
          nama: 'Seblak Kering Pedas',
          satuan: 'bungkus 150 g',
          harga: [10000, 18000],
          deskripsi: 'Kerupuk seblak kering kencur, pedasnya nampol.',
        },
        {
          nama: 'Seblak Instan',
          satuan: 'bungkus',
          harga: [12000, 20000],
          deskripsi: 'Seblak instan dengan kerupuk, bumbu kencur dan cabai bubuk.',
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
          nama: 'Peuyeum Bandung',
          satuan: 'ikat',
          harga: [20000, 35000],
          deskripsi: 'Tape singkong manis khas Bandung, difermentasi dua hari.',
        },
        {
          nama: 'Colenak Saus Gula Merah',
          satuan: 'kotak',
          harga: [15000, 25000],
          deskripsi: 'Peuyeum bakar dengan saus gula merah dan kelapa.',
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
          satuan: 'ekor',
          harga: [35000, 55000],
          deskripsi: 'Sate bandeng khas Banten tanpa duri, dibakar dengan bumbu rempah.',
        },
        {
          nama: 'Bandeng Presto',
          satuan: 'pak isi 2',
          harga: [40000, 60000],
          deskripsi: 'Bandeng presto lunak sampai ke tulang.',
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
          nama: 'Emping Melinjo Mentah',
          satuan: 'bungkus 500 g',
          harga: [45000, 75000],
          deskripsi: 'Emping melinjo tipis ditumbuk tangan, siap digoreng.',
        },
        {
          nama: 'Emping Balado',
          satuan: 'bungkus 200 g',
          harga: [25000, 40000],
          deskripsi: 'Emping melinjo goreng dengan bumbu balado manis pedas.',
        },
      ],
    },
    {
      usaha: ['Golok {tempat}', 'Pandai Besi {nama}'],
      kbli: '25931',
      kategori: 'kerajinan',
      produk: [
        {
          nama: 'Golok Ciomas',
          satuan: 'buah',
          harga: [250000, 600000],
          deskripsi: 'Golok tempa tradisional dengan sarung kayu berukir.',
        },
        {
          nama: 'Pisau Dapur Tempa',
          satuan: 'buah',
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
          nama: 'Rabeg Daging Kambing',
          satuan: 'porsi',
          harga: [35000, 55000],
          deskripsi: 'Rabeg khas Serang, daging kambing dengan kuah rempah manis.',
        },
        {
          nama: 'Kue Jojorong',
          satuan: 'kotak isi 10',
          harga: [20000, 35000],
          deskripsi: 'Kue tradisional Banten dari tepung beras dan gula aren dalam takir daun pisang.',
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
  const tahunIni = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).slice(0, 4),
  );

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
    const usahaIds: string[] = [];
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
      const telepon = `08${pick(['12', '13', '21', '52', '57', '77', '95'])}${String(between(0, 99_999_999)).padStart(8, '0')}`;
      const u = await trx
        .insertInto('umkm_usaha')
        .values({
          tenant_id: city.id,
          slug: uniq(namaUsaha),
          nama: namaUsaha,
          deskripsi: `${namaUsaha} adalah usaha ${j.kategori === 'jasa' ? 'kuliner' : 'produksi'} rumahan di ${kel.nama}. ${j.produk[0]!.deskripsi}`,
          nib,
          npwp:
            nib && random() < 0.6
              ? `0${String(between(10_000_000, 99_999_999))}${String(between(100_000, 999_999))}`
              : null,
          pemilik_user_id: milikDemo ? pelaku.id : null,
          pemilik_nama: milikDemo ? pelaku.name : orang,
          telepon,
          alamat: `Jl. ${pick(['Merdeka', 'Sukajadi', 'Pahlawan', 'Veteran', 'Siliwangi', 'Ahmad Yani', 'Cendana', 'Melati'])} No. ${between(1, 200)}`,
          kecamatan_kode: kel.induk!,
          kelurahan_kode: kel.kode,
          tahun_berdiri: between(2005, tahunIni - 1),
          jumlah_pekerja: between(1, 25),
          sektor: kategoriKbli(j.kbli)?.huruf ?? null,
          umkm_center: random() < 0.2,
          sentra: j.kategori === 'makanan' && random() < 0.15 ? `Sentra Kuliner ${pick(tempat)}` : null,
          inkubator: random() < 0.1 ? `Inkubator Bisnis ${pick(tempat)}` : null,
          status,
          diverifikasi_oleh: status === 'terverifikasi' || status === 'ditolak' ? (dinas?.id ?? null) : null,
          diverifikasi_at: status === 'terverifikasi' || status === 'ditolak' ? new Date() : null,
          sikap: nib !== null && random() < 0.4,
          kswp_valid: nib !== null && random() < 0.5,
          demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      usahaIds.push(u.id);
      await trx
        .insertInto('umkm_usaha_kbli')
        .values({ tenant_id: city.id, usaha_id: u.id, versi: '2020', kode: j.kbli, utama: true })
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
      if (nib) {
        await trx
          .insertInto('umkm_legalitas')
          .values({
            tenant_id: city.id,
            usaha_id: u.id,
            jenis: 'nib',
            nomor: nib,
            terbit: `${tahunIni - between(1, 4)}-0${between(1, 9)}-1${between(0, 9)}`,
          })
          .execute();
      }
      if (j.halal && random() < 0.55) {
        const terbit = `${tahunIni - between(0, 3)}-0${between(1, 9)}-1${between(0, 9)}`;
        await trx
          .insertInto('umkm_legalitas')
          .values({
            tenant_id: city.id,
            usaha_id: u.id,
            jenis: 'halal',
            nomor: `ID${city.id.replace('.', '')}${String(between(1, 999_999_999)).padStart(11, '0')}`,
            terbit,
            berlaku_sampai: `${Number(terbit.slice(0, 4)) + 4}${terbit.slice(4)}`,
          })
          .execute();
      }
      if (j.kategori === 'makanan' && random() < 0.5) {
        await trx
          .insertInto('umkm_legalitas')
          .values({
            tenant_id: city.id,
            usaha_id: u.id,
            jenis: 'pirt',
            nomor: `2${city.id.replace('.', '')}${String(between(100_000_000, 999_999_999))}-2${between(5, 9)}`,
          })
          .execute();
      }
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

      const n = between(1, Math.min(5, j.produk.length));
      const dipilih = [...j.produk].sort(() => random() - 0.5).slice(0, n);
      for (const p of dipilih) {
        const harga = Math.round(between(p.harga[0], p.harga[1]) / 500) * 500;
        const ekatalog: StatusEkatalog =
          status === 'terverifikasi' && nib
            ? pick(['belum_siap', 'belum_siap', 'siap', 'diajukan', 'tayang'] as const)
            : 'belum_siap';
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
            sku:
              ekatalog !== 'belum_siap'
                ? `${slugify(namaUsaha).slice(0, 6).toUpperCase()}-${between(100, 999)}`
                : null,
            merek: ekatalog !== 'belum_siap' ? namaUsaha : null,
            kbli_versi: '2020',
            kbli_kode: j.kbli,
            tkdn: ekatalog !== 'belum_siap' ? String(between(40, 95)) : null,
            halal: Boolean(j.halal) && random() < 0.6,
            pirt: j.kategori === 'makanan' && random() < 0.5,
            ekatalog,
            nama_terkunci: ekatalog === 'diajukan' || ekatalog === 'tayang',
            demo: true,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (ekatalog !== 'belum_siap')
          await langkahEkatalog(trx, city.id, row.id, ekatalog, dinas?.id ?? null, between);
      }
    }
    // Search documents of every business and its products, as the app writes them.
    for (const id of usahaIds) await indeksUsaha(trx, id);
  });
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
