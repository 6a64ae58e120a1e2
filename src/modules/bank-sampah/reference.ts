/**
 * The reference waste catalogue shared by all cities: the national composition categories
 * (as reported to SIPSN) and common item types bought by bank sampah, each with its unit and the
 * weight of one unit (so litres and pieces can be reported in kg). Upserted on every start.
 */
import type { Db } from '../../platform/db/database.ts';
import { asOwner } from '../../platform/db/transaction.ts';
import { fromExcluded } from '../../platform/db/upsert.ts';
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

/** Rows of JENIS: kode, kategori, Indonesian name, English name, unit, kg per unit. */
const JENIS_BARIS: readonly (readonly [string, string, string, string, Satuan, number])[] = [
  ['pet-bening', 'plastik', 'Botol PET bening', 'Clear PET bottles', 'kg', 1],
  ['pet-warna', 'plastik', 'Botol PET warna', 'Coloured PET bottles', 'kg', 1],
  ['gelas-pp', 'plastik', 'Gelas plastik PP', 'PP plastic cups', 'kg', 1],
  ['hdpe', 'plastik', 'HDPE (botol sampo, jeriken)', 'HDPE (shampoo bottles, jerrycans)', 'kg', 1],
  ['kantong-plastik', 'plastik', 'Kantong plastik/kresek', 'Plastic bags', 'kg', 1],
  ['plastik-campur', 'plastik', 'Plastik campur (emberan)', 'Mixed hard plastic', 'kg', 1],
  ['kardus', 'kertas_karton', 'Kardus', 'Cardboard', 'kg', 1],
  ['kertas-hvs', 'kertas_karton', 'Kertas HVS/putih', 'White office paper', 'kg', 1],
  ['koran', 'kertas_karton', 'Koran', 'Newspaper', 'kg', 1],
  ['kertas-campur', 'kertas_karton', 'Kertas campur (buku, majalah)', 'Mixed paper', 'kg', 1],
  ['duplex', 'kertas_karton', 'Duplex (kotak makanan)', 'Duplex board', 'kg', 1],
  ['besi', 'logam', 'Besi', 'Iron', 'kg', 1],
  ['aluminium', 'logam', 'Aluminium', 'Aluminium', 'kg', 1],
  ['tembaga', 'logam', 'Tembaga', 'Copper', 'kg', 1],
  ['kaleng', 'logam', 'Kaleng', 'Tin cans', 'kg', 1],
  ['botol-kaca', 'kaca', 'Botol kaca', 'Glass bottles', 'pcs', 0.3],
  ['beling', 'kaca', 'Beling (pecahan kaca)', 'Broken glass', 'kg', 1],
  ['kain-perca', 'kain', 'Kain perca/pakaian bekas', 'Textile scraps, used clothes', 'kg', 1],
  ['karet', 'karet_kulit', 'Karet/sandal bekas', 'Rubber, used sandals', 'kg', 1],
  ['minyak-jelantah', 'lainnya', 'Minyak jelantah', 'Used cooking oil', 'liter', 0.9],
  ['elektronik', 'lainnya', 'Barang elektronik bekas', 'E-waste', 'kg', 1],
  [
    'sisa-makanan',
    'sisa_makanan',
    'Sisa makanan (untuk maggot/kompos)',
    'Food waste (for maggot/compost)',
    'kg',
    1,
  ],
  ['ranting-daun', 'kayu_ranting', 'Ranting dan daun', 'Twigs and leaves', 'kg', 1],
];

export const JENIS: readonly JenisRef[] = JENIS_BARIS.map(
  ([kode, kategori, id, en, satuan, kgPerSatuan]) => ({
    kode,
    kategori,
    id,
    en,
    satuan,
    kgPerSatuan,
  }),
);

export async function loadBankSampahReference(db: Db): Promise<void> {
  await asOwner(db, null, async (trx) => {
    await trx
      .insertInto('sampah_kategori')
      .values(KATEGORI.map((k, i) => ({ kode: k.kode, nama_id: k.id, nama_en: k.en, urutan: i + 1 })))
      .onConflict((oc) => oc.column('kode').doUpdateSet(fromExcluded(['nama_id', 'nama_en', 'urutan'])))
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
        oc
          .column('kode')
          .doUpdateSet(
            fromExcluded(['kategori_kode', 'nama_id', 'nama_en', 'satuan', 'kg_per_satuan', 'urutan']),
          ),
      )
      .execute();
  });
}
