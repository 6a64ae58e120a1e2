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
 * owner in bulk, then indexed for search. The kinds of business and their products are in
 * demo-data.ts (every city) and demo-khas.ts (each city's specialities).
 */
import type { Insertable } from 'kysely';
import type { DemoContext } from '../../platform/module.ts';
import { asOwner, type Tx } from '../../platform/db/transaction.ts';
import { listUsers } from '../../platform/auth/service.ts';
import { demoEmail } from '../../platform/demo.ts';
import { demoPersonName } from '../../platform/demo-names.ts';
import { slugify } from '../../platform/text.ts';
import { todayWib } from '../../platform/waktu.ts';
import { listKelurahanRows, type WilayahRow } from '../wilayah/api.ts';
import { indeksUsaha } from './cari.ts';
import { UMUM, type JenisUsaha, type ProdukDasar } from './demo-data.ts';
import { fotoContoh } from './demo-foto.ts';
import { KHAS, TEMPAT } from './demo-khas.ts';
import { syaratProduk, type LegalitasData, type ProdukData, type UsahaData } from './ekatalog.ts';
import { kategoriKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha } from './kelas.ts';
import type { StatusEkatalog, StatusUsaha, UmkmFotoTable } from './tables.ts';

const STATUS: readonly [StatusUsaha, number][] = [
  ['terverifikasi', 0.7],
  ['diajukan', 0.1],
  ['dikembalikan', 0.05],
  ['draf', 0.12],
  ['ditolak', 0.03],
];

/** One city's demo run: its random numbers, dates, and what the businesses made so far share. */
interface Run {
  trx: Tx;
  cityId: string;
  random: () => number;
  pick: <T>(xs: readonly T[]) => T;
  between: (lo: number, hi: number) => number;
  tempat: readonly string[];
  hariIni: string;
  tahunIni: number;
  /** A date between lo and hi days ago (YYYY-MM-DD): documents are never dated in the future. */
  tanggalLalu: (lo: number, hi: number) => string;
  /** A slug not used yet in the city. */
  uniq: (base: string) => string;
  namaProduk: Map<string, number>;
  fotoRows: Insertable<UmkmFotoTable>[];
  dinasId: string | null;
}

/** A demo business as its products need it. */
interface DemoUsaha {
  id: string;
  nama: string;
  data: UsahaData;
  /** It has everything e-Katalog asks of a business. */
  ekatalog: boolean;
}

export async function umkmDemo(ctx: DemoContext): Promise<void> {
  const { city, random } = ctx;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const bandung = city.slug === 'bandung';
  const jumlah = bandung ? 240 : 110;
  const jenis = [...UMUM, ...(KHAS[city.slug] ?? [])];
  const hariIni = todayWib();

  await asOwner(ctx.db, city.id, async (trx) => {
    const kelurahan = await listKelurahanRows(trx, city.id);
    const users = (await listUsers(trx, { limit: 1000, offset: 0 })).items;
    const pelaku = users.find((u) => u.email === demoEmail('pelaku_umkm', city.slug));
    const dinas = users.find((u) => u.email === demoEmail('petugas_dinas', city.slug));
    const slugs = new Set<string>();
    const run: Run = {
      trx,
      cityId: city.id,
      random,
      pick,
      between,
      tempat: TEMPAT[city.slug] ?? ['Kota'],
      hariIni,
      tahunIni: Number(hariIni.slice(0, 4)),
      tanggalLalu: (lo, hi) => new Date(Date.now() - between(lo, hi) * 86_400_000).toISOString().slice(0, 10),
      uniq: (base) => {
        let s = slugify(base);
        for (let i = 2; slugs.has(s); i++) s = `${slugify(base)}-${i}`;
        slugs.add(s);
        return s;
      },
      namaProduk: new Map<string, number>(),
      fotoRows: [],
      dinasId: dinas?.id ?? null,
    };
    const usahaIds: string[] = [];
    for (let i = 0; i < jumlah; i++) {
      const j = pick(jenis);
      // The first kelurahan gets a few more, so the demo kelurahan officer sees some; the demo
      // pelaku UMKM owns the first business.
      const u = await demoUsaha(
        run,
        j,
        i < 8 ? kelurahan[0]! : undefined,
        kelurahan,
        i === 0 ? pelaku : undefined,
      );
      usahaIds.push(u.id);
      for (let n = between(1, 5); n > 0; n--) await demoProduk(run, j, u);
    }
    // Photos in a few statements (the catalogue's per-statement triggers refresh them in bulk).
    for (let k = 0; k < run.fotoRows.length; k += 100)
      await trx
        .insertInto('umkm_foto')
        .values(run.fotoRows.slice(k, k + 100))
        .execute();
    // Search documents of every business and its products, as the app writes them.
    for (const id of usahaIds) await indeksUsaha(trx, id);
  });
}

/** A business of kind `j`: its row, KBLI code, figures, legality documents and status steps. */
async function demoUsaha(
  run: Run,
  j: JenisUsaha,
  kelTetap: WilayahRow | undefined,
  kelurahan: readonly WilayahRow[],
  pelaku: { id: string; name: string } | undefined,
): Promise<DemoUsaha> {
  const { trx, random, pick, between, tempat, tahunIni, tanggalLalu } = run;
  const orang = demoPersonName(pick);
  const namaUsaha = pick(j.usaha).replace('{nama}', orang.split(' ')[0]!).replace('{tempat}', pick(tempat));
  const kel = kelTetap ?? pick(kelurahan);
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
  if (pelaku) status = 'terverifikasi';
  const nib =
    random() < 0.75 ? String(between(1, 9)) + String(between(0, 999_999_999_999)).padStart(12, '0') : null;
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
  const diputus = status === 'terverifikasi' || status === 'ditolak';
  const u = await trx
    .insertInto('umkm_usaha')
    .values({
      tenant_id: run.cityId,
      slug: run.uniq(namaUsaha),
      nama: namaUsaha,
      deskripsi: `${namaUsaha} adalah usaha ${j.kategori === 'jasa' ? 'kuliner' : 'produksi'} rumahan di ${kel.nama}. ${j.produk[0]!.deskripsi}`,
      nib,
      npwp,
      pemilik_user_id: pelaku ? pelaku.id : null,
      pemilik_nama: pelaku ? pelaku.name : orang,
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
      diverifikasi_oleh: diputus ? run.dinasId : null,
      diverifikasi_at: diputus ? new Date() : null,
      sikap,
      kswp_valid: kswpValid,
      kswp_dicek: kswpDicek,
      demo: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const legalitas = await demoRincian(run, j, u.id, status, nib, ekatalogUsaha);
  const data: UsahaData = {
    status,
    nib,
    npwp,
    sikap,
    kswp_valid: kswpValid,
    kswp_dicek: kswpDicek,
    kbli: [{ versi: VERSI_KBLI_BAKU, kode: j.kbli }],
    legalitas,
  };
  return { id: u.id, nama: namaUsaha, data, ekatalog: ekatalogUsaha };
}

/**
 * A business's KBLI code, two or three years of figures (sales grow or shrink, so some move
 * class), its legality documents and status steps. Returns the documents.
 */
async function demoRincian(
  run: Run,
  j: JenisUsaha,
  usahaId: string,
  status: StatusUsaha,
  nib: string | null,
  ekatalogUsaha: boolean,
): Promise<(LegalitasData & { keterangan?: null })[]> {
  const { trx, cityId, random, between, tahunIni, tanggalLalu } = run;
  await trx
    .insertInto('umkm_usaha_kbli')
    .values({ tenant_id: cityId, usaha_id: usahaId, versi: VERSI_KBLI_BAKU, kode: j.kbli, utama: true })
    .execute();
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
        tenant_id: cityId,
        usaha_id: usahaId,
        tahun: y,
        modal,
        penjualan,
        pekerja: between(1, 25),
        kelas: h.kelas,
        dasar: h.dasar,
      })
      .execute();
  }
  await trx.updateTable('umkm_usaha').set({ kelas }).where('id', '=', usahaId).execute();
  const legalitas: (LegalitasData & { keterangan?: null })[] = [];
  if (nib) legalitas.push({ jenis: 'nib', nomor: nib, terbit: tanggalLalu(200, 1500), berlaku_sampai: null });
  if (j.halal && (ekatalogUsaha || random() < 0.55)) {
    // Halal certificates last four years; issued at most about three years ago.
    const terbit = tanggalLalu(30, 1100);
    legalitas.push({
      jenis: 'halal',
      nomor: `ID${cityId.replace('.', '')}${String(between(1, 999_999_999)).padStart(11, '0')}`,
      terbit,
      berlaku_sampai: `${Number(terbit.slice(0, 4)) + 4}${terbit.slice(4)}`,
    });
  }
  if (j.kategori === 'makanan' && random() < 0.5)
    legalitas.push({
      jenis: 'pirt',
      nomor: `2${cityId.replace('.', '')}${String(between(100_000_000, 999_999_999))}-2${between(5, 9)}`,
      terbit: null,
      berlaku_sampai: null,
    });
  if (legalitas.length)
    await trx
      .insertInto('umkm_legalitas')
      .values(legalitas.map((l) => ({ tenant_id: cityId, usaha_id: usahaId, ...l })))
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
        tenant_id: cityId,
        usaha_id: usahaId,
        status: l.status,
        catatan: l.catatan,
        oleh: run.dinasId,
      })),
    )
    .execute();
  return legalitas;
}

/** A product of the business, with a placeholder photo and, when ready, its e-Katalog steps. */
async function demoProduk(run: Run, j: JenisUsaha, u: DemoUsaha): Promise<void> {
  const { trx, cityId, random, pick, between } = run;
  const p = produkBaru(j, pick, run.namaProduk);
  const harga = Math.max(
    500,
    Math.round((between(p.dasar.harga[0], p.dasar.harga[1]) * p.faktor) / 500) * 500,
  );
  const lengkap = u.ekatalog;
  const data: ProdukData = {
    nama: p.nama,
    kategori: j.kategori,
    merek: lengkap ? u.nama.slice(0, 120) : null,
    sku: lengkap ? `${slugify(u.nama).slice(0, 6).toUpperCase()}-${between(100, 999)}` : null,
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
    ingin !== 'belum_siap' && syaratProduk(u.data, data, run.hariIni).siap ? ingin : 'belum_siap';
  const row = await trx
    .insertInto('umkm_produk')
    .values({
      tenant_id: cityId,
      usaha_id: u.id,
      slug: run.uniq(`${p.nama} ${u.nama}`),
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
    run.fotoRows.push({
      tenant_id: cityId,
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
  if (ekatalog !== 'belum_siap') await langkahEkatalog(trx, cityId, row.id, ekatalog, run.dinasId, between);
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
