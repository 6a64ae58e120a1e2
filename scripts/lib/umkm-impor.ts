/**
 * Measuring the UMKM spreadsheet import: a generated file of N businesses (CSV or XLSX) goes
 * through the same steps as an officer's upload — reading, the row-by-row check that builds the
 * preview (the background job), and the confirmation (read and check again, then write every
 * row in one transaction). For benchmarks: ukurImpor returns the time of each step and the rate
 * in rows per second; the writes are rolled back unless `simpan` is set.
 */
import { randomBytes } from 'node:crypto';
import type ExcelJS from 'exceljs';
import type { Db } from '../../src/platform/db/database.ts';
import { withTenant } from '../../src/platform/db/transaction.ts';
import { actingRole, type CurrentUser } from '../../src/platform/auth/roles.ts';
import { applyPlan } from '../../src/modules/umkm/impor-apply.ts';
import { checkSheet, listKelurahanKota } from '../../src/modules/umkm/impor-check.ts';
import { checkImporFile, KOLOM_IMPOR, readImporFile } from '../../src/modules/umkm/impor-columns.ts';
import { UMKM_IMPOR } from '../../src/modules/umkm/permissions.ts';

const KATA = [
  'Keripik',
  'Batik',
  'Kopi',
  'Seblak',
  'Roti',
  'Sambal',
  'Kue',
  'Tahu',
  'Rajut',
  'Sepatu',
  'Madu',
];
const SIFAT = ['Sari', 'Jaya', 'Makmur', 'Berkah', 'Lestari', 'Mandiri', 'Sejahtera', 'Barokah'];
const ORANG = [
  'Siti Aminah',
  'Asep Sunandar',
  'Dedi Kurnia',
  'Rina Marlina',
  'Ujang Hermawan',
  'Neng Lestari',
];
const KBLI = ['10794', '10799', '47111', '56101', '13134', '14111', '15201', '10710'];
/** The import's own columns, in its order: the file is what an officer would upload. */
const HEADER = KOLOM_IMPOR;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same file. */
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

const rupiah = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 0 });

/**
 * A file of `baris` valid businesses in the city's kelurahan (by code or by name, RW 1 to 3),
 * each with a unique NIB starting with `awalNib`, KBLI codes and a year of figures, and most
 * with a point near their kelurahan's centre (when the kelurahan has one).
 */
export async function berkasImpor(
  baris: number,
  kelurahan: readonly { kode: string; nama: string; lat?: number | null; lng?: number | null }[],
  o: { format: 'csv' | 'xlsx'; awalNib?: string; seed?: number },
): Promise<Buffer> {
  const r = acak(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const awal = (o.awalNib ?? '95').slice(0, 4);
  const rows: (string | number)[][] = [];
  for (let i = 0; i < baris; i++) {
    const kel = kelurahan[i % kelurahan.length]!;
    const kbli = [pick(KBLI), ...(r() < 0.3 ? [pick(KBLI)] : [])];
    const titik = kel.lat != null && kel.lng != null && r() < 0.7;
    const dekat = (x: number) => (x + (r() - 0.5) * 0.004).toFixed(6);
    rows.push([
      `${pick(KATA)} ${pick(SIFAT)} ${i + 1}`,
      pick(ORANG),
      `${awal}${String(i).padStart(13 - awal.length, '0')}`,
      '',
      '',
      `08${12 + (i % 7)}${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
      r() < 0.3 ? `usaha${i}@contoh.id` : '',
      `Jl. Contoh No. ${1 + (i % 200)}`,
      i % 2 === 0 ? kel.kode : kel.nama,
      String(1 + (i % 3)),
      titik ? dekat(kel.lat!) : '',
      titik ? dekat(kel.lng!) : '',
      String(1990 + (i % 34)),
      String(1 + (i % 20)),
      [...new Set(kbli)].join(', '),
      '2024',
      rupiah(Math.round(r() * 900) * 1_000_000),
      rupiah(Math.round(r() * 1_800) * 1_000_000),
    ]);
  }
  if (o.format === 'csv') {
    const q = (v: string | number) => (/[;"\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : v);
    return Buffer.from(
      `\uFEFF${[HEADER, ...rows].map((row) => row.map(q).join(';')).join('\r\n')}\r\n`,
      'utf8',
    );
  }
  const Excel: typeof ExcelJS = (await import('exceljs')).default;
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(HEADER);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface HasilUkurImpor {
  baris: number;
  format: 'csv' | 'xlsx';
  ukuranByte: number;
  /** Upload to preview: reading the file and checking every row (the background job). */
  bacaMs: number;
  periksaMs: number;
  /** Confirmation: reading and checking again, then writing every row in one transaction. */
  konfirmasiMs: number;
  tulisMs: number;
  barisValid: number;
  baru: number;
  diubah: number;
  /** Rows per second from upload to preview, and of the confirmation. */
  barisPerDetikPratinjau: number;
  barisPerDetikKonfirmasi: number;
}

class Batal extends Error {}

/**
 * Times the import of a generated file of `baris` rows for `user` (who needs umkm.impor) in the
 * city `tenantId`. The writes are rolled back unless `simpan`.
 */
export async function ukurImpor(
  db: Db,
  o: {
    tenantId: string;
    user: CurrentUser;
    dataKey: Buffer;
    baris: number;
    format: 'csv' | 'xlsx';
    awalNib?: string;
    simpan?: boolean;
  },
): Promise<HasilUkurImpor> {
  const actor = { userId: o.user.id, role: actingRole(o.user, UMKM_IMPOR), requestId: null };
  const run = <T>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(db, o.tenantId, actor, fn);
  const kelurahan = await run(async (trx) => {
    const pusat = new Map(
      (
        await trx
          .selectFrom('wilayah')
          .select(['kode', 'lat', 'lng'])
          .where('tingkat', '=', 'kelurahan')
          .where('kode', 'like', `${o.tenantId}.%`)
          .execute()
      ).map((w) => [w.kode, w]),
    );
    return (await listKelurahanKota(trx, o.tenantId)).map((k) => ({
      ...k,
      lat: pusat.get(k.kode)?.lat ?? null,
      lng: pusat.get(k.kode)?.lng ?? null,
    }));
  });
  const isi = await berkasImpor(o.baris, kelurahan, {
    format: o.format,
    ...(o.awalNib ? { awalNib: o.awalNib } : {}),
  });
  const cityName = o.tenantId;

  const baca = async () => {
    const check = checkImporFile(isi);
    if (!check.ok) throw new Error(`not a spreadsheet: ${check.code}`);
    const sheet = await readImporFile(isi, check.kind);
    if (!sheet.ok) throw new Error(`unreadable: ${sheet.code}`);
    return sheet;
  };

  // Upload -> preview.
  const t0 = performance.now();
  const sheet = await baca();
  const t1 = performance.now();
  const cek = await run((trx) =>
    checkSheet(trx, sheet, { tenantId: o.tenantId, cityName, dataKey: randomBytes(32), user: o.user }),
  );
  const t2 = performance.now();
  if (cek.masalah.length)
    throw new Error(`the generated file has problems: ${JSON.stringify(cek.masalah.slice(0, 3))}`);

  // Confirmation: read, check and write in one transaction.
  let tulisMs = 0;
  let hasil = { baru: 0, diubah: 0 };
  const t3 = performance.now();
  try {
    await run(async (trx) => {
      const again = await checkSheet(trx, await baca(), {
        tenantId: o.tenantId,
        cityName,
        dataKey: o.dataKey,
        user: o.user,
      });
      const w0 = performance.now();
      hasil = await applyPlan(trx, o.tenantId, o.user, again.rencana, 'Diimpor (pengukuran).');
      tulisMs = performance.now() - w0;
      if (!o.simpan) throw new Batal();
    });
  } catch (err) {
    if (!(err instanceof Batal)) throw err;
  }
  const konfirmasiMs = performance.now() - t3;
  return {
    baris: o.baris,
    format: o.format,
    ukuranByte: isi.length,
    bacaMs: t1 - t0,
    periksaMs: t2 - t1,
    konfirmasiMs,
    tulisMs,
    barisValid: cek.rencana.length,
    baru: hasil.baru,
    diubah: hasil.diubah,
    barisPerDetikPratinjau: Math.round((o.baris / (t2 - t0)) * 1000),
    barisPerDetikKonfirmasi: Math.round((o.baris / konfirmasiMs) * 1000),
  };
}
