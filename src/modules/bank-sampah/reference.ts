/**
 * The reference waste catalogue shared by all cities: the national composition categories
 * (as reported to SIPSN) and common item types bought by bank sampah, each with its unit and the
 * weight of one unit (so litres and pieces can be reported in kg). Upserted on every start.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { asOwner } from '../../platform/db/transaction.ts';
import type { Satuan } from './tables.ts';

export const KATEGORI: readonly { kode: string; id: string; en: string }[] = [
  { kode: 'sisa_makanan', id: 'Sisa makanan', en: 'Food waste' },
  { kode: 'kayu_ranting', id: 'Kayu/ranting', en: 'Wood/twigs' },
  { kode: 'kertas_karton', id: 'Kertas/karton', en: 'Paper/cardboard' },
  { kode: 'plastik', id: 'Plastik', en: 'Plastic' },
  { kode: 'logam', id: 'Logam', en: 'Metal' },
  { kode: 'kain', id: 'Kain', en: 'Textile' },
  { kode: 'karet_kulit', id: 'Karet/kulit', en: 'Rubber/leather' },
  { kode: 'kaca', id: 'Kaca', en: 'Glass' },
  { kode: 'lainnya', id: 'Lainnya', en: 'Other' },
];

export interface JenisRef {
  kode: string;
  kategori: string;
  id: string;
  en: string;
  satuan: Satuan;
  kgPerSatuan: number;
}

export const JENIS: readonly JenisRef[] = [
  {
    kode: 'pet-bening',
    kategori: 'plastik',
    id: 'Botol PET bening',
    en: 'Clear PET bottles',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'pet-warna',
    kategori: 'plastik',
    id: 'Botol PET warna',
    en: 'Coloured PET bottles',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'gelas-pp',
    kategori: 'plastik',
    id: 'Gelas plastik PP',
    en: 'PP plastic cups',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'hdpe',
    kategori: 'plastik',
    id: 'HDPE (botol sampo, jeriken)',
    en: 'HDPE (shampoo bottles, jerrycans)',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'kantong-plastik',
    kategori: 'plastik',
    id: 'Kantong plastik/kresek',
    en: 'Plastic bags',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'plastik-campur',
    kategori: 'plastik',
    id: 'Plastik campur (emberan)',
    en: 'Mixed hard plastic',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  { kode: 'kardus', kategori: 'kertas_karton', id: 'Kardus', en: 'Cardboard', satuan: 'kg', kgPerSatuan: 1 },
  {
    kode: 'kertas-hvs',
    kategori: 'kertas_karton',
    id: 'Kertas HVS/putih',
    en: 'White office paper',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  { kode: 'koran', kategori: 'kertas_karton', id: 'Koran', en: 'Newspaper', satuan: 'kg', kgPerSatuan: 1 },
  {
    kode: 'kertas-campur',
    kategori: 'kertas_karton',
    id: 'Kertas campur (buku, majalah)',
    en: 'Mixed paper',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'duplex',
    kategori: 'kertas_karton',
    id: 'Duplex (kotak makanan)',
    en: 'Duplex board',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  { kode: 'besi', kategori: 'logam', id: 'Besi', en: 'Iron', satuan: 'kg', kgPerSatuan: 1 },
  { kode: 'aluminium', kategori: 'logam', id: 'Aluminium', en: 'Aluminium', satuan: 'kg', kgPerSatuan: 1 },
  { kode: 'tembaga', kategori: 'logam', id: 'Tembaga', en: 'Copper', satuan: 'kg', kgPerSatuan: 1 },
  { kode: 'kaleng', kategori: 'logam', id: 'Kaleng', en: 'Tin cans', satuan: 'kg', kgPerSatuan: 1 },
  {
    kode: 'botol-kaca',
    kategori: 'kaca',
    id: 'Botol kaca',
    en: 'Glass bottles',
    satuan: 'pcs',
    kgPerSatuan: 0.3,
  },
  {
    kode: 'beling',
    kategori: 'kaca',
    id: 'Beling (pecahan kaca)',
    en: 'Broken glass',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'kain-perca',
    kategori: 'kain',
    id: 'Kain perca/pakaian bekas',
    en: 'Textile scraps, used clothes',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'karet',
    kategori: 'karet_kulit',
    id: 'Karet/sandal bekas',
    en: 'Rubber, used sandals',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'minyak-jelantah',
    kategori: 'lainnya',
    id: 'Minyak jelantah',
    en: 'Used cooking oil',
    satuan: 'liter',
    kgPerSatuan: 0.9,
  },
  {
    kode: 'elektronik',
    kategori: 'lainnya',
    id: 'Barang elektronik bekas',
    en: 'E-waste',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'sisa-makanan',
    kategori: 'sisa_makanan',
    id: 'Sisa makanan (untuk maggot/kompos)',
    en: 'Food waste (for maggot/compost)',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
  {
    kode: 'ranting-daun',
    kategori: 'kayu_ranting',
    id: 'Ranting dan daun',
    en: 'Twigs and leaves',
    satuan: 'kg',
    kgPerSatuan: 1,
  },
];

export async function loadBankSampahReference(db: Db): Promise<void> {
  await asOwner(db, null, async (trx) => {
    await trx
      .insertInto('sampah_kategori')
      .values(KATEGORI.map((k, i) => ({ kode: k.kode, nama_id: k.id, nama_en: k.en, urutan: i + 1 })))
      .onConflict((oc) =>
        oc.column('kode').doUpdateSet({
          nama_id: sql`excluded.nama_id`,
          nama_en: sql`excluded.nama_en`,
          urutan: sql`excluded.urutan`,
        }),
      )
      .execute();
    await trx
      .insertInto('sampah_jenis')
      .values(
        JENIS.map((j, i) => ({
          kode: j.kode,
          kategori_kode: j.kategori,
          nama_id: j.id,
          nama_en: j.en,
          satuan: j.satuan,
          kg_per_satuan: j.kgPerSatuan,
          urutan: i + 1,
        })),
      )
      .onConflict((oc) =>
        oc.column('kode').doUpdateSet({
          kategori_kode: sql`excluded.kategori_kode`,
          nama_id: sql`excluded.nama_id`,
          nama_en: sql`excluded.nama_en`,
          satuan: sql`excluded.satuan`,
          kg_per_satuan: sql`excluded.kg_per_satuan`,
          urutan: sql`excluded.urutan`,
        }),
      )
      .execute();
  });
}
