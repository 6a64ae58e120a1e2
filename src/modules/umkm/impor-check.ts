/**
 * The check of an uploaded sheet (see impor.ts for the flow): every row against the registry's
 * own rules, as the uploading officer, without writing; the result is the plan and the report.
 */
import { thisYearWib } from '../../platform/waktu.ts';
import { type Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { translator } from '../../platform/i18n/index.ts';
import { cleanText } from '../../platform/text.ts';
import { headerColumns, normalisePhone, type SheetRow } from '../../platform/spreadsheet.ts';
import { findRwByNomor, listKecamatanRows, listKelurahanRows } from '../wilayah/api.ts';
import { validKbli, VERSI_KBLI_BAKU } from './kbli.ts';
import { kelasUsaha, KelasUsahaError, type KelasUsaha } from './kelas.ts';
import { koordinatOf } from './lokasi.ts';
import { periksaNib } from './nib.ts';
import { UMKM_IMPOR } from './permissions.ts';
import type { BarisImpor } from './tables.ts';
import { nilaiUsaha, type UsahaInput } from './usaha-service.ts';
import {
  columnFor,
  KOLOM_WAJIB,
  matchKelurahan,
  parseBulat,
  parseRupiah,
  parseRw,
  splitKbli,
  type KelurahanKota,
  type KolomImpor,
} from './impor-columns.ts';

// ---- Checking ----

/** What a valid row does: create a business, or update the one with its NIB. */
export const AKSI_IMPOR = ['baru', 'ubah'] as const;
export type AksiImpor = (typeof AKSI_IMPOR)[number];

/** A problem of one row (row 1 is the header; 0 the whole file), as a message key and parameters. */
export interface MasalahBaris {
  baris: number;
  kolom: KolomImpor | null;
  kode: string;
  param?: Record<string, string | number>;
}

type NilaiUsaha = Awaited<ReturnType<typeof nilaiUsaha>>;

export interface KeuanganBaris {
  tahun: number;
  modal: number | null;
  penjualan: number | null;
  pekerja: number | null;
  kelas: KelasUsaha;
  dasar: 'modal' | 'penjualan';
}

/** A valid row, ready to write. */
export interface RencanaBaris {
  baris: number;
  aksi: AksiImpor;
  /** The business a row updates. */
  usahaId: string | null;
  namaLama: string | null;
  nama: string | null;
  nib: string | null;
  nilai: NilaiUsaha;
  /** KBLI 2020 codes (the first is the main one); null leaves them unchanged. */
  kbli: string[] | null;
  keuangan: KeuanganBaris | null;
}

export interface HasilPeriksa {
  jumlahBaris: number;
  rencana: RencanaBaris[];
  masalah: MasalahBaris[];
  /** Every row: what it will do, or its problems (the stored report). */
  laporan: BarisImporLengkap[];
}

/** A report row as stored: the message in Bahasa Indonesia, and its key to show it in the reader's language. */
export interface GalatLaporan {
  kolom: string;
  pesan: string;
  kode?: string;
  param?: Record<string, string | number>;
}
export type BarisImporLengkap = Omit<BarisImpor, 'errors'> & { errors: GalatLaporan[] };

export interface KonteksPeriksa {
  tenantId: string;
  cityName: string;
  /** Key for nilaiUsaha's NIK encryption (while only checking, the values are thrown away). */
  dataKey: Buffer;
  user: CurrentUser;
  /** Called about every 5 % of the rows with the number of rows checked. */
  progress?(diproses: number): Promise<void>;
}

/** nilaiUsaha's input fields -> columns of the file. */
const KOLOM_DARI_FIELD: Record<string, KolomImpor> = {
  nama: 'nama_usaha',
  pemilikNama: 'nama_pemilik',
  nib: 'nib',
  npwp: 'npwp',
  nik: 'nik',
  telepon: 'telepon',
  email: 'email',
  alamat: 'alamat',
  kelurahanKode: 'kelurahan',
  tahunBerdiri: 'tahun_berdiri',
  jumlahPekerja: 'jumlah_pekerja',
  lat: 'lat',
  lng: 'lng',
};

interface UsahaAda {
  id: string;
  nib: string;
  nama: string;
  kelurahan_kode: string;
  status: string;
}

/** Businesses of the city with these NIBs. */
async function findUsahaByNib(trx: Tx, nibs: string[]): Promise<Map<string, UsahaAda>> {
  const out = new Map<string, UsahaAda>();
  for (let i = 0; i < nibs.length; i += 5_000) {
    const part = nibs.slice(i, i + 5_000);
    if (!part.length) continue;
    const rows = await trx
      .selectFrom('umkm_usaha')
      .select(['id', 'nib', 'nama', 'kelurahan_kode', 'status'])
      .where('nib', 'in', part)
      .execute();
    for (const r of rows) if (r.nib) out.set(r.nib, { ...r, nib: r.nib });
  }
  return out;
}

export async function listKelurahanKota(trx: Tx, tenantId: string): Promise<KelurahanKota[]> {
  const kec = new Map((await listKecamatanRows(trx, tenantId)).map((k) => [k.kode, k.nama]));
  return (await listKelurahanRows(trx, tenantId)).map((k) => ({
    kode: k.kode,
    nama: k.nama,
    kecamatan: kec.get(k.induk ?? '') ?? '',
  }));
}

/** One row being read: its cells, a recorder of its problems, and the registry input built from them. */
interface BarisBaca {
  cell: (c: KolomImpor) => string;
  bad: (kolom: KolomImpor, kode: string, param?: Record<string, string | number>) => void;
  input: UsahaInput;
}

/** The text cells of a row (and the phone number) as the registry's input. */
function readTeks(b: BarisBaca): void {
  const teks = (c: KolomImpor, f: 'nama' | 'pemilikNama' | 'nib' | 'npwp' | 'nik' | 'email' | 'alamat') => {
    const v = b.cell(c);
    if (v) b.input[f] = v;
  };
  teks('nama_usaha', 'nama');
  teks('nama_pemilik', 'pemilikNama');
  teks('nib', 'nib');
  teks('npwp', 'npwp');
  teks('nik', 'nik');
  teks('email', 'email');
  teks('alamat', 'alamat');
  const tel = b.cell('telepon');
  if (tel) b.input.telepon = normalisePhone(tel);
}

/** Whole numbers (year founded, workers) and the business's point. */
function readNumbers(b: BarisBaca): void {
  const bulat = (c: KolomImpor, f: 'tahunBerdiri' | 'jumlahPekerja') => {
    const v = b.cell(c);
    if (!v) return;
    const n = parseBulat(v);
    if (Number.isInteger(n)) b.input[f] = n;
    else b.bad(c, 'umkm.impor.err.bulat', { nilai: v });
  };
  bulat('tahun_berdiri', 'tahunBerdiri');
  bulat('jumlah_pekerja', 'jumlahPekerja');

  // The business's point: both cells or neither (nilaiUsaha checks the pair and the city);
  // a cell that is not a number is reported once, and the pair is then left out.
  let titikSalah = false;
  for (const [c, f] of [
    ['lat', 'lat'],
    ['lng', 'lng'],
  ] as const) {
    const v = b.cell(c);
    if (!v) continue;
    const x = koordinatOf(v);
    if (x !== null && x !== undefined && Number.isFinite(x)) b.input[f] = x;
    else {
      b.bad(c, 'umkm.impor.err.koordinat', { nilai: v.slice(0, 40) });
      titikSalah = true;
    }
  }
  if (titikSalah) {
    delete b.input.lat;
    delete b.input.lng;
  }
}

/** KBLI 2020 codes of a row: the first is the main one (null when the cell is empty). */
function readKbli(b: BarisBaca): string[] | null {
  const kbliIn = b.cell('kbli');
  if (kbliIn) {
    const kode = splitKbli(kbliIn);
    const seen = new Set<string>();
    for (const k of kode) {
      if (!validKbli(k, VERSI_KBLI_BAKU)) b.bad('kbli', 'umkm.impor.err.kbli', { kode: k });
      else if (seen.has(k)) b.bad('kbli', 'umkm.err.kbliGanda');
      seen.add(k);
    }
    if (kode.length > 20) b.bad('kbli', 'umkm.err.kbliBanyak');
    return [...seen];
  }
  return null;
}

/** A year's figures of a row and the class they give (null when not given or invalid). */
function readKeuangan(b: BarisBaca, tahunMaks: number): KeuanganBaris | null {
  let keuangan: KeuanganBaris | null = null;
  const modalIn = b.cell('modal');
  const jualIn = b.cell('penjualan');
  const tahunIn = b.cell('tahun_data');
  if (modalIn || jualIn) {
    const modal = modalIn ? parseRupiah(modalIn) : null;
    const penjualan = jualIn ? parseRupiah(jualIn) : null;
    let ok = true;
    if (modal !== null && Number.isNaN(modal)) {
      b.bad('modal', 'umkm.impor.err.rupiah', { nilai: modalIn });
      ok = false;
    }
    if (penjualan !== null && Number.isNaN(penjualan)) {
      b.bad('penjualan', 'umkm.impor.err.rupiah', { nilai: jualIn });
      ok = false;
    }
    const tahun = tahunIn ? parseBulat(tahunIn) : Number.NaN;
    if (!tahunIn) b.bad('tahun_data', 'umkm.impor.err.tahunData');
    else if (!Number.isInteger(tahun) || tahun < 1900 || tahun > tahunMaks)
      b.bad('tahun_data', 'umkm.err.tahun');
    if (ok) {
      try {
        const k = kelasUsaha({ modal, penjualan });
        if (Number.isInteger(tahun) && tahun >= 1900 && tahun <= tahunMaks)
          keuangan = {
            tahun,
            modal,
            penjualan,
            pekerja: b.input.jumlahPekerja ?? null,
            kelas: k.kelas,
            dasar: k.dasar,
          };
      } catch (e) {
        if (!(e instanceof KelasUsahaError)) throw e;
        b.bad(e.kolom === 'penjualan' ? 'penjualan' : 'modal', 'umkm.err.rupiah');
      }
    }
  } else if (tahunIn) b.bad('modal', 'umkm.err.modalAtauPenjualan');
  return keuangan;
}

/**
 * Checks every row of a sheet against the registry's rules, as the user, without writing: the
 * valid rows become a plan (create, or update by NIB) and the others problems.
 */
export async function checkSheet(
  trx: Tx,
  sheet: { header: string[]; rows: SheetRow[] },
  ctx: KonteksPeriksa,
): Promise<HasilPeriksa> {
  const masalah: MasalahBaris[] = [];
  const { index, twice } = headerColumns(sheet.header, columnFor);
  for (const { column, header } of twice)
    masalah.push({ baris: 1, kolom: column, kode: 'umkm.impor.err.kolomGanda', param: { header } });
  for (const c of KOLOM_WAJIB)
    if (index[c] === undefined)
      masalah.push({ baris: 1, kolom: c, kode: 'umkm.impor.err.kolomTidakAda', param: { kolom: c } });
  if (sheet.rows.length === 0) masalah.push({ baris: 2, kolom: null, kode: 'umkm.impor.err.tanpaBaris' });
  if (masalah.length) return { jumlahBaris: sheet.rows.length, rencana: [], masalah, laporan: [] };

  const kelurahan = await listKelurahanKota(trx, ctx.tenantId);
  const namaKelurahan = new Map(kelurahan.map((k) => [k.kode, k.nama]));
  const cell = (r: SheetRow, c: KolomImpor) => {
    const i = index[c];
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const nibFile = sheet.rows.map((r) => {
    const raw = cell(r, 'nib');
    const p = raw ? periksaNib(raw) : null;
    return p?.ok ? p.nilai : null;
  });
  const ada = await findUsahaByNib(trx, [...new Set(nibFile.filter((n): n is string => n !== null))]);
  const rwCache = new Map<string, string | null>();
  const nibPertama = new Map<string, number>();
  const rencana: RencanaBaris[] = [];
  const laporan: BarisImporLengkap[] = [];
  const tahunMaks = thisYearWib();
  const step = Math.max(1, Math.ceil(sheet.rows.length / 20));

  for (const [i, r] of sheet.rows.entries()) {
    const mulai = masalah.length;
    const bad = (kolom: KolomImpor, kode: string, param?: Record<string, string | number>) =>
      masalah.push({ baris: r.row, kolom, kode, ...(param ? { param } : {}) });
    const nib = nibFile[i] ?? null;
    const lama = nib ? (ada.get(nib) ?? null) : null;

    // The same NIB earlier in the file.
    if (nib) {
      const pertama = nibPertama.get(nib);
      if (pertama !== undefined) bad('nib', 'umkm.impor.err.nibGanda', { baris: pertama });
      else nibPertama.set(nib, r.row);
    }
    if (lama && !can(ctx.user, UMKM_IMPOR, lama.kelurahan_kode))
      bad('nib', 'umkm.impor.err.nibLuarWilayah', { nib: lama.nib });
    else if (lama?.status === 'ditolak') bad('nib', 'umkm.impor.err.nibDitolak', { nib: lama.nib });

    // Spreadsheet cells -> the registry's input; empty cells are "not given".
    const input: UsahaInput = {};
    const b: BarisBaca = { cell: (c) => cell(r, c), bad, input };
    readTeks(b);

    const kelIn = cell(r, 'kelurahan');
    let kelKode: string | null = null;
    if (kelIn) {
      const k = matchKelurahan(kelIn, kelurahan);
      if (k.ok) {
        kelKode = k.kode;
        input.kelurahanKode = k.kode;
      } else if (k.alasan === 'ganda')
        bad('kelurahan', 'umkm.impor.err.kelurahanGanda', { nilai: kelIn, pilihan: k.pilihan ?? '' });
      else bad('kelurahan', 'umkm.impor.err.kelurahanTidakAda', { nilai: kelIn, kota: ctx.cityName });
    } else if (!lama) bad('kelurahan', 'umkm.err.wajib');

    // The RW by its number within the row's kelurahan (the registry keeps its id). A business
    // moved to another kelurahan without an RW loses its old one.
    let rwId: string | null | undefined;
    const rwIn = cell(r, 'rw');
    if (!rwIn && lama && kelKode && kelKode !== lama.kelurahan_kode) rwId = null;
    if (rwIn) {
      const nomor = parseRw(rwIn);
      const kelRw = kelKode ?? lama?.kelurahan_kode ?? null;
      if (!Number.isInteger(nomor) || nomor < 1 || nomor > 999)
        bad('rw', 'umkm.impor.err.rw', { nilai: rwIn });
      else if (kelRw) {
        const key = `${kelRw}/${nomor}`;
        if (!rwCache.has(key)) rwCache.set(key, (await findRwByNomor(trx, kelRw, nomor))?.id ?? null);
        const id = rwCache.get(key);
        if (id) rwId = id;
        else
          bad('rw', 'umkm.impor.err.rwTidakAda', { rw: nomor, kelurahan: namaKelurahan.get(kelRw) ?? kelRw });
      }
    }

    readNumbers(b);

    const kbliBaris = readKbli(b);

    const keuangan = readKeuangan(b, tahunMaks);

    // The registry's own check of the business's fields.
    let nilai: NilaiUsaha | null = null;
    try {
      nilai = await nilaiUsaha(trx, ctx.tenantId, ctx.dataKey, input, lama === null);
    } catch (e) {
      if (!(e instanceof HttpProblem) || e.status !== 400) throw e;
      for (const fe of e.errors ?? []) {
        const field = fe.pointer.split('/')[2] ?? '';
        const kolom = KOLOM_DARI_FIELD[field];
        // The kelurahan and RW were already matched above; their problems are reported there.
        if (kolom === 'kelurahan' && masalah.slice(mulai).some((m) => m.kolom === 'kelurahan')) continue;
        if (kolom) bad(kolom, fe.detail);
      }
    }
    if (nilai && rwId !== undefined) nilai.rw_id = rwId;
    if (nilai?.kelurahan_kode && !can(ctx.user, UMKM_IMPOR, nilai.kelurahan_kode))
      bad('kelurahan', 'umkm.impor.err.luarWilayah', {
        nilai: namaKelurahan.get(nilai.kelurahan_kode) ?? kelIn,
      });

    const nama = nilai?.nama ?? lama?.nama ?? cleanText(cell(r, 'nama_usaha'));
    const errors = masalah.slice(mulai);
    if (errors.length === 0 && nilai) {
      rencana.push({
        baris: r.row,
        aksi: lama ? 'ubah' : 'baru',
        usahaId: lama?.id ?? null,
        namaLama: lama?.nama ?? null,
        nama: nama ?? null,
        nib,
        nilai,
        kbli: kbliBaris,
        keuangan,
      });
    }
    laporan.push({
      baris: r.row,
      nib: nib ?? (cell(r, 'nib').slice(0, 40) || null),
      nama: nama ? nama.slice(0, 160) : null,
      aksi: errors.length ? null : lama ? 'ubah' : 'baru',
      ...(nilai?.lat != null && nilai.lng != null
        ? { titik: [nilai.lat, nilai.lng] as [number, number] }
        : {}),
      errors: errors.map(toGalatLaporan),
    });
    if (ctx.progress && ((i + 1) % step === 0 || i + 1 === sheet.rows.length)) await ctx.progress(i + 1);
  }
  return { jumlahBaris: sheet.rows.length, rencana, masalah, laporan };
}

export const bahasaIndonesia = translator('id');

function toGalatLaporan(m: MasalahBaris): GalatLaporan {
  return {
    kolom: m.kolom ?? '',
    pesan: bahasaIndonesia(m.kode, m.param),
    kode: m.kode,
    ...(m.param ? { param: m.param } : {}),
  };
}

/** Problems of the whole file (unreadable, headers) as a report. */
export function fileReport(masalah: MasalahBaris[]): BarisImporLengkap[] {
  const perBaris = new Map<number, GalatLaporan[]>();
  for (const m of masalah) perBaris.set(m.baris, [...(perBaris.get(m.baris) ?? []), toGalatLaporan(m)]);
  return [...perBaris].map(([baris, errors]) => ({ baris, nib: null, nama: null, aksi: null, errors }));
}
