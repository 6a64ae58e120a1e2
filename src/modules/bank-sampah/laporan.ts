/**
 * Monthly reports of the bank sampah, per bank and rolled up per kelurahan, kecamatan and city,
 * for the banks the viewer may report on; the spreadsheet exports (CSV, XLSX) of a report; and the
 * city dashboard tiles. Everything is derived from the ledger lines.
 *
 * Rules (see also pemulihan.ts):
 *  - amounts count on the day an entry is posted; a reversal counts negated on its own day, so a
 *    closed month never changes;
 *  - kg recovered and deposit figures are member deposits; what an induk receives from its units'
 *    sales is reported apart (dariUnit…) and not in kg recovered, so roll-ups never count the
 *    same waste twice. Sales are reported by the selling bank; a roll-up's kg sold includes the
 *    units' sales to their induk (terjualKeInduk…) as well as the induk's own sales;
 *  - deposits (count) and active members count the member deposits of the month that stand
 *    (not reversed);
 *  - the area of a bank is its kelurahan (kelurahan_kode, else the kelurahan of its RW area) and
 *    that kelurahan's kecamatan; an induk without a kelurahan is reported on its own line.
 */
import { listKategori } from './katalog-nama.ts';
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest } from '../../platform/http/problem.ts';
import type { Locale, Translator } from '../../platform/i18n/index.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { listKelurahan, regionOverview } from '../wilayah/api.ts';
import { visibleBanksWhere, type BankRow } from './access.ts';
import { LAPORAN } from './permissions.ts';
import { kgAngka } from './pemulihan.ts';
import { kecamatanOfBank, kelurahanOfBank } from './admin-common.ts';
import { todayWib, wibStart } from '../../platform/waktu.ts';

export const TINGKAT = ['bank', 'kelurahan', 'kecamatan', 'kota'] as const;
export type TingkatLaporan = (typeof TINGKAT)[number];
export const BULAN_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The figures of one bank, area or the whole city for a month. kg with 3 decimals, rupiah whole. */
export interface AngkaLaporan {
  /** kg recovered from members (net of reversals). */
  kgPulih: number;
  /** kg recovered per national category (every category, zero included). */
  kgPerKategori: Record<string, number>;
  /** Member deposits of the month that stand. */
  setoran: number;
  /** Members with at least one such deposit. */
  nasabahAktif: number;
  /** Credited to members' savings (after the bank's fee). */
  dikreditkan: number;
  /** The banks' fee (bagi hasil) on those deposits. */
  bagiHasil: number;
  /** Paid out to members (withdrawals net of reversed ones). */
  dibayarkan: number;
  /** Received by an induk from its units' sales: kg, and rupiah credited to the units. */
  dariUnitKg: number;
  dariUnitRupiah: number;
  /** Sold (to an induk or a collector): kg and revenue. */
  terjualKg: number;
  terjualRupiah: number;
  /** Of which sold to an induk on Balai. */
  terjualKeIndukKg: number;
  terjualKeIndukRupiah: number;
}

export interface BarisLaporan {
  /** Bank code, region code, or the city code. */
  kode: string;
  nama: string;
  /** Bank rows: the bank's id and level. */
  bankId?: string;
  tingkatBank?: 'unit' | 'induk';
  /** Names of the bank's kelurahan (bank rows) and kecamatan (bank and kelurahan rows). */
  kelurahan?: string | null;
  kecamatan?: string | null;
  jumlahBank: number;
  angka: AngkaLaporan;
}

export interface Laporan {
  bulan: string;
  tingkat: TingkatLaporan;
  kota: { kode: string; nama: string };
  kategori: { kode: string; nama: string }[];
  baris: BarisLaporan[];
  total: AngkaLaporan & { jumlahBank: number };
}

// ---- Months ----

/** This month in WIB, YYYY-MM. */
export function bulanIni(now = new Date()): string {
  return todayWib(now).slice(0, 7);
}

export function nextBulan(bulan: string): string {
  const [y, m] = bulan.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousBulan(bulan: string): string {
  const [y, m] = bulan.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The WIB start and (exclusive) end of a month. */
export function bulanRange(bulan: string): { mulai: Date; akhir: Date } {
  if (!BULAN_RE.test(bulan)) {
    throw badRequest('bankSampah.laporan.bulanTidakValid', [
      { pointer: '/query/bulan', detail: 'validation.month' },
    ]);
  }
  return { mulai: wibStart(`${bulan}-01`), akhir: wibStart(`${nextBulan(bulan)}-01`) };
}

// ---- Figures ----

const kg3 = (x: number) => Math.round(x * 1000) / 1000;

export function emptyAngka(kategori: readonly string[]): AngkaLaporan {
  return {
    kgPulih: 0,
    kgPerKategori: Object.fromEntries(kategori.map((k) => [k, 0])),
    setoran: 0,
    nasabahAktif: 0,
    dikreditkan: 0,
    bagiHasil: 0,
    dibayarkan: 0,
    dariUnitKg: 0,
    dariUnitRupiah: 0,
    terjualKg: 0,
    terjualRupiah: 0,
    terjualKeIndukKg: 0,
    terjualKeIndukRupiah: 0,
  };
}

/** Adds b into a (kg kept exact to 3 decimals). */
function tambah(a: AngkaLaporan, b: AngkaLaporan): void {
  a.kgPulih = kg3(a.kgPulih + b.kgPulih);
  for (const [k, v] of Object.entries(b.kgPerKategori))
    a.kgPerKategori[k] = kg3((a.kgPerKategori[k] ?? 0) + v);
  a.setoran += b.setoran;
  a.nasabahAktif += b.nasabahAktif;
  a.dikreditkan += b.dikreditkan;
  a.bagiHasil += b.bagiHasil;
  a.dibayarkan += b.dibayarkan;
  a.dariUnitKg = kg3(a.dariUnitKg + b.dariUnitKg);
  a.dariUnitRupiah += b.dariUnitRupiah;
  a.terjualKg = kg3(a.terjualKg + b.terjualKg);
  a.terjualRupiah += b.terjualRupiah;
  a.terjualKeIndukKg = kg3(a.terjualKeIndukKg + b.terjualKeIndukKg);
  a.terjualKeIndukRupiah += b.terjualKeIndukRupiah;
}

/** The banks the user may report on, in code order. */
export function banksForLaporan(trx: Tx, user: CurrentUser): Promise<BankRow[]> {
  return trx
    .selectFrom('bank_sampah as b')
    .selectAll('b')
    .where(visibleBanksWhere(user, LAPORAN))
    .orderBy('b.kode')
    .execute();
}

/**
 * The figures of each bank in `bankIds` between two moments. Banks without activity are absent.
 */
export async function computeAngkaPerBank(
  trx: Tx,
  bankIds: string[],
  mulai: Date,
  akhir: Date,
  kategori: readonly string[],
): Promise<Map<string, AngkaLaporan>> {
  const out = new Map<string, AngkaLaporan>();
  if (bankIds.length === 0) return out;
  const of = (bankId: string) => {
    let a = out.get(bankId);
    if (!a) out.set(bankId, (a = emptyAngka(kategori)));
    return a;
  };
  const banks = sql.join(bankIds);
  // Entries of the period, each with the kind of entry it stands for (a reversal: its original's).
  const entries = sql`
    select j.tenant_id, j.id, j.bank_id,
           coalesce(asal.jenis, j.jenis) as jenis_asal,
           coalesce(asal.terkait_id, j.terkait_id) is not null as dari_penjualan,
           coalesce(asal.pembeli_bank_id, j.pembeli_bank_id) is not null as ke_induk
      from bank_sampah_jurnal j
      left join bank_sampah_jurnal asal on asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
     where j.bank_id in (${banks}) and j.waktu >= ${mulai} and j.waktu < ${akhir}`;

  const stok = await sql<{
    bank_id: string;
    jenis_asal: string;
    dari_penjualan: boolean;
    ke_induk: boolean;
    kategori_kode: string;
    kg: string;
  }>`
    with e as (${entries})
    select e.bank_id, e.jenis_asal, e.dari_penjualan, e.ke_induk, s.kategori_kode, sum(s.kg) as kg
      from e join bank_sampah_stok_baris s on s.tenant_id = e.tenant_id and s.jurnal_id = e.id
     group by 1, 2, 3, 4, 5`.execute(trx);
  for (const r of stok.rows) {
    const a = of(r.bank_id);
    const kg = kgAngka(r.kg);
    if (r.jenis_asal === 'setoran' && !r.dari_penjualan) {
      a.kgPerKategori[r.kategori_kode] = kg3((a.kgPerKategori[r.kategori_kode] ?? 0) + kg);
      a.kgPulih = kg3(a.kgPulih + kg);
    } else if (r.jenis_asal === 'setoran') {
      a.dariUnitKg = kg3(a.dariUnitKg + kg);
    } else if (r.jenis_asal === 'penjualan') {
      a.terjualKg = kg3(a.terjualKg - kg);
      if (r.ke_induk) a.terjualKeIndukKg = kg3(a.terjualKeIndukKg - kg);
    }
  }

  const uang = await sql<{
    bank_id: string;
    jenis_asal: string;
    dari_penjualan: boolean;
    ke_induk: boolean;
    akun: string;
    jumlah: string;
  }>`
    with e as (${entries})
    select e.bank_id, e.jenis_asal, e.dari_penjualan, e.ke_induk, split_part(a.kunci, ':', 1) as akun,
           sum(l.jumlah) as jumlah
      from e
      join bank_sampah_jurnal_baris l on l.tenant_id = e.tenant_id and l.jurnal_id = e.id
      join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
     group by 1, 2, 3, 4, 5`.execute(trx);
  for (const r of uang.rows) {
    const a = of(r.bank_id);
    const j = Number(r.jumlah);
    if (r.jenis_asal === 'setoran' && !r.dari_penjualan) {
      if (r.akun === 'tabungan') a.dikreditkan -= j;
      if (r.akun === 'pendapatan') a.bagiHasil -= j;
    } else if (r.jenis_asal === 'setoran') {
      if (r.akun === 'tabungan') a.dariUnitRupiah -= j;
    } else if (r.jenis_asal === 'penarikan') {
      if (r.akun === 'tabungan') a.dibayarkan += j;
    } else if (r.jenis_asal === 'penjualan' && (r.akun === 'kas' || r.akun === 'piutang_induk')) {
      a.terjualRupiah += j;
      if (r.ke_induk) a.terjualKeIndukRupiah += j;
    }
  }

  const hitung = await sql<{ bank_id: string; setoran: string; nasabah: string }>`
    select j.bank_id, count(*) as setoran, count(distinct j.nasabah_id) as nasabah
      from bank_sampah_jurnal j
     where j.bank_id in (${banks}) and j.waktu >= ${mulai} and j.waktu < ${akhir}
       and j.jenis = 'setoran' and j.terkait_id is null
       and not exists (select 1 from bank_sampah_jurnal r where r.tenant_id = j.tenant_id and r.membatalkan_id = j.id)
     group by 1`.execute(trx);
  for (const r of hitung.rows) {
    const a = of(r.bank_id);
    a.setoran = Number(r.setoran);
    a.nasabahAktif = Number(r.nasabah);
  }
  return out;
}

// ---- Areas ----

/** Names of the city's kecamatan and kelurahan (reference data, through the wilayah service). */
async function namaWilayah(
  trx: Tx,
  city: City,
): Promise<Map<string, { nama: string; induk: string | null }>> {
  const [overview, kelurahan] = await Promise.all([
    regionOverview(trx, city, null),
    listKelurahan(trx, city, null),
  ]);
  const out = new Map<string, { nama: string; induk: string | null }>();
  for (const k of overview.kecamatan) out.set(k.kode, { nama: k.nama, induk: k.induk });
  for (const k of kelurahan) out.set(k.kode, { nama: k.nama, induk: k.induk });
  return out;
}

// ---- The report ----

export interface LaporanQuery {
  bulan: string;
  tingkat: TingkatLaporan;
}

/**
 * The report of a month at a level, for the banks the user may report on (their areas, and the
 * banks they are pengurus of). Every visible bank (or area holding one) has a row, active or not.
 */
export async function getLaporanBulanan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  q: LaporanQuery,
  t: Translator,
  locale: Locale,
): Promise<Laporan> {
  const { mulai, akhir } = bulanRange(q.bulan);
  const [kategori, banks, wilayah] = await Promise.all([
    listKategori(trx, locale),
    banksForLaporan(trx, user),
    namaWilayah(trx, city),
  ]);
  const kodes = kategori.map((k) => k.kode);
  const angka = await computeAngkaPerBank(
    trx,
    banks.map((b) => b.id),
    mulai,
    akhir,
    kodes,
  );
  const nama = (kode: string | null) => (kode ? (wilayah.get(kode)?.nama ?? kode) : null);
  const total = { ...emptyAngka(kodes), jumlahBank: banks.length };
  for (const a of angka.values()) tambah(total, a);

  let baris: BarisLaporan[];
  if (q.tingkat === 'bank') {
    baris = banks.map((b) => ({
      kode: b.kode,
      nama: b.nama,
      bankId: b.id,
      tingkatBank: b.tingkat,
      kelurahan: nama(kelurahanOfBank(b)),
      kecamatan: nama(kecamatanOfBank(b)),
      jumlahBank: 1,
      angka: angka.get(b.id) ?? emptyAngka(kodes),
    }));
  } else {
    const groups = new Map<string, BarisLaporan>();
    const tanpa = '';
    for (const b of banks) {
      const kode =
        q.tingkat === 'kota'
          ? city.id
          : ((q.tingkat === 'kelurahan' ? kelurahanOfBank(b) : kecamatanOfBank(b)) ?? tanpa);
      let g = groups.get(kode);
      if (!g) {
        g = {
          kode,
          nama:
            q.tingkat === 'kota'
              ? city.name
              : kode === tanpa
                ? t('bankSampah.laporan.tanpaWilayah')
                : (nama(kode) ?? kode),
          ...(q.tingkat === 'kelurahan'
            ? { kecamatan: kode !== tanpa ? nama(wilayah.get(kode)?.induk ?? null) : null }
            : {}),
          jumlahBank: 0,
          angka: emptyAngka(kodes),
        };
        groups.set(kode, g);
      }
      g.jumlahBank++;
      const a = angka.get(b.id);
      if (a) tambah(g.angka, a);
    }
    baris = [...groups.values()].sort((a, b) =>
      a.kode === tanpa ? 1 : b.kode === tanpa ? -1 : a.kode.localeCompare(b.kode),
    );
  }
  return {
    bulan: q.bulan,
    tingkat: q.tingkat,
    kota: { kode: city.id, nama: city.name },
    kategori,
    baris,
    total,
  };
}

// ---- Columns, CSV and XLSX ----

export type JenisKolom = 'teks' | 'kg' | 'rupiah' | 'jumlah';

export interface Kolom {
  key: string;
  label: string;
  jenis: JenisKolom;
  nilai(b: BarisLaporan): string | number | null;
  /** The total row's value (numbers only). */
  total?(l: Laporan): number;
}

function angkaKolom(key: keyof Omit<AngkaLaporan, 'kgPerKategori'>, label: string, jenis: JenisKolom): Kolom {
  return { key, label, jenis, nilai: (b) => b.angka[key], total: (l) => l.total[key] };
}

/**
 * The columns of a report. `semuaKategori`: one column per category even when empty (exports
 * keep a fixed layout); otherwise only categories with kg this month.
 */
export function listKolomLaporan(l: Laporan, t: Translator, o: { semuaKategori: boolean }): Kolom[] {
  const teks = (
    key: string,
    label: string,
    nilai: (b: BarisLaporan) => string | null | undefined,
  ): Kolom => ({
    key,
    label,
    jenis: 'teks',
    nilai: (b) => nilai(b) ?? '',
  });
  const nama: Kolom[] =
    l.tingkat === 'bank'
      ? [
          teks('kode', t('bankSampah.laporan.kol.kodeBank'), (b) => b.kode),
          teks('nama', t('bankSampah.laporan.kol.bank'), (b) => b.nama),
          teks('tingkatBank', t('bankSampah.laporan.kol.tingkatBank'), (b) =>
            b.tingkatBank ? t(`bankSampah.laporan.tingkatBank.${b.tingkatBank}`) : '',
          ),
          teks('kelurahan', t('bankSampah.laporan.kol.kelurahan'), (b) => b.kelurahan),
          teks('kecamatan', t('bankSampah.laporan.kol.kecamatan'), (b) => b.kecamatan),
        ]
      : [
          teks('kode', t('bankSampah.laporan.kol.kode'), (b) => b.kode),
          teks('nama', t(`bankSampah.laporan.kol.${l.tingkat}`), (b) => b.nama),
          ...(l.tingkat === 'kelurahan'
            ? [teks('kecamatan', t('bankSampah.laporan.kol.kecamatan'), (b) => b.kecamatan)]
            : []),
          {
            key: 'jumlahBank',
            label: t('bankSampah.laporan.kol.jumlahBank'),
            jenis: 'jumlah' as const,
            nilai: (b: BarisLaporan) => b.jumlahBank,
            total: (x: Laporan) => x.total.jumlahBank,
          },
        ];
  const kategori = l.kategori
    .filter((k) => o.semuaKategori || (l.total.kgPerKategori[k.kode] ?? 0) !== 0)
    .map((k): Kolom => ({
      key: `kg.${k.kode}`,
      label: t('bankSampah.laporan.kol.kgKategori', { kategori: k.nama }),
      jenis: 'kg',
      nilai: (b) => b.angka.kgPerKategori[k.kode] ?? 0,
      total: (x) => x.total.kgPerKategori[k.kode] ?? 0,
    }));
  const dariUnit = o.semuaKategori || l.total.dariUnitKg !== 0 || l.total.dariUnitRupiah !== 0;
  return [
    ...nama,
    angkaKolom('kgPulih', t('bankSampah.laporan.kol.kgPulih'), 'kg'),
    ...kategori,
    angkaKolom('setoran', t('bankSampah.laporan.kol.setoran'), 'jumlah'),
    angkaKolom('nasabahAktif', t('bankSampah.laporan.kol.nasabahAktif'), 'jumlah'),
    angkaKolom('dikreditkan', t('bankSampah.laporan.kol.dikreditkan'), 'rupiah'),
    angkaKolom('bagiHasil', t('bankSampah.laporan.kol.bagiHasil'), 'rupiah'),
    angkaKolom('dibayarkan', t('bankSampah.laporan.kol.dibayarkan'), 'rupiah'),
    ...(dariUnit
      ? [
          angkaKolom('dariUnitKg', t('bankSampah.laporan.kol.dariUnitKg'), 'kg'),
          angkaKolom('dariUnitRupiah', t('bankSampah.laporan.kol.dariUnitRupiah'), 'rupiah'),
        ]
      : []),
    angkaKolom('terjualKg', t('bankSampah.laporan.kol.terjualKg'), 'kg'),
    angkaKolom('terjualRupiah', t('bankSampah.laporan.kol.terjualRupiah'), 'rupiah'),
    angkaKolom('terjualKeIndukKg', t('bankSampah.laporan.kol.terjualKeIndukKg'), 'kg'),
    angkaKolom('terjualKeIndukRupiah', t('bankSampah.laporan.kol.terjualKeIndukRupiah'), 'rupiah'),
  ];
}

/** A text cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvTeks(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The report as CSV, UTF-8 with a byte order mark so spreadsheets read it as UTF-8. In
 * Indonesian the separator is ";" and the decimal mark ",", as a spreadsheet set to Indonesian
 * expects; in English "," and ".". Numbers carry no thousands separators (they stay numbers).
 */
export function formatLaporanCsv(l: Laporan, t: Translator, locale: Locale): string {
  const sep = locale === 'id' ? ';' : ',';
  const kolom = listKolomLaporan(l, t, { semuaKategori: true });
  const angka = (n: number, k: Kolom) => {
    const s = k.jenis === 'kg' ? n.toFixed(3) : String(n);
    return locale === 'id' ? s.replace('.', ',') : s;
  };
  const cell = (v: string | number | null, k: Kolom) =>
    typeof v === 'number' ? angka(v, k) : csvTeks(v ?? '', sep);
  const lines = [kolom.map((k) => csvTeks(k.label, sep)).join(sep)];
  for (const b of l.baris) lines.push(kolom.map((k) => cell(k.nilai(b), k)).join(sep));
  lines.push(
    kolom
      .map((k, i) =>
        k.total ? angka(k.total(l), k) : i === 0 ? csvTeks(t('bankSampah.laporan.total'), sep) : '',
      )
      .join(sep),
  );
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The report as an Excel workbook (exceljs is loaded on the first export, not at start-up). */
export async function formatLaporanXlsx(l: Laporan, t: Translator): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const ws = wb.addWorksheet(t('bankSampah.laporan.sheet'), { views: [{ state: 'frozen', ySplit: 4 }] });
  const kolom = listKolomLaporan(l, t, { semuaKategori: true });
  ws.addRow([t('bankSampah.laporan.judulFile', { kota: l.kota.nama, bulan: formatBulan(l.bulan, t) })]).font =
    {
      bold: true,
      size: 13,
    };
  ws.addRow([t('bankSampah.laporan.tingkatFile', { tingkat: t(`bankSampah.laporan.tingkat.${l.tingkat}`) })]);
  ws.addRow([]);
  const head = ws.addRow(kolom.map((k) => k.label));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'top' };
  for (const b of l.baris) ws.addRow(kolom.map((k) => k.nilai(b)));
  const total = ws.addRow(
    kolom.map((k, i) => (k.total ? k.total(l) : i === 0 ? t('bankSampah.laporan.total') : null)),
  );
  total.font = { bold: true };
  kolom.forEach((k, i) => {
    const col = ws.getColumn(i + 1);
    col.width = k.jenis === 'teks' ? (k.key === 'nama' ? 34 : 18) : 16;
    if (k.jenis === 'kg') col.numFmt = '#,##0.000';
    else if (k.jenis === 'rupiah') col.numFmt = '"Rp"#,##0';
    else if (k.jenis === 'jumlah') col.numFmt = '#,##0';
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** "November 2026" in the reader's language. */
export function formatBulan(bulan: string, t: Translator): string {
  const [y, m] = bulan.split('-');
  return `${t(`bankSampah.laporan.bulan.${Number(m)}`)} ${y}`;
}
