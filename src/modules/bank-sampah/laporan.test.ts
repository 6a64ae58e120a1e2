/**
 * Reports and the waste programme's service, on real deposits, withdrawals, sales and reversals
 * posted through the ledger in March 2020 (far from the demo data, which covers recent months):
 * WIB month and day boundaries, reversals counted on their own day, an induk's deposits from its
 * units' sales never counted as recovered waste, roll-ups per area, the viewer's area, exports.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { readXlsxDownload } from '../../../tests/helpers/downloads.ts';
import { asOwner, withTenant, SYSTEM_ACTOR, type Tx } from '../../platform/db/transaction.ts';
import type { Db } from '../../platform/db/database.ts';
import { insertHarga, insertBank, insertNasabah } from './demo.ts';
import {
  batalkan,
  catatPenarikan,
  catatPenjualan,
  catatSetoran,
  type Pelaku,
  type SetoranBaris,
} from './ledger.ts';
import { bankAktifPerRw, pemulihanPerRw, type PemulihanBaris } from './pemulihan.ts';
import type { BankRow } from './access.ts';
import type { Laporan } from './laporan.ts';

const env = useBalaiWithOwnerDb();
const CITY = '32.73';
const API = '/api/v1/cities/bandung/bank-sampah';
/** The demo petugas kelurahan's kelurahan, and a kelurahan of another kecamatan. */
const KEL_A = '32.73.01.1001';
let KEL_B = '';

const wib = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const at = (s: string): Pelaku => ({ user: null, waktu: wib(s) });

const ids = { rA: '', rA2: '', rB: '', a: '', b: '', i: '', a1: '', a2: '', b1: '', i1: '' };

const as = clientAs(env);

function owner<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
  return asOwner(env.balai.handle.db as Db, CITY, fn);
}

let ready: Promise<void> | undefined;
/** Posts the month of activity once, before the first suite (after the Balai has started). */
const setup = () => (ready ??= postActivity());

async function postActivity(): Promise<void> {
  const kel = await env.db.query<{ kode: string }>(
    `select kode from wilayah where tingkat = 'kelurahan' and kode like '32.73.02.%' order by kode limit 1`,
  );
  KEL_B = kel.rows[0]!.kode;
  // RWs of our own (demo banks sit in RW 001–003).
  const rw = async (kelurahan: string, nomor: number) =>
    (
      await env.db.query<{ id: string }>(
        `insert into rw (tenant_id, kelurahan_kode, nomor) values ($1, $2, $3) returning id`,
        [CITY, kelurahan, nomor],
      )
    ).rows[0]!.id;
  ids.rA = await rw(KEL_A, 901);
  ids.rA2 = await rw(KEL_A, 902);
  ids.rB = await rw(KEL_B, 901);

  const berlaku = wib('2020-01-01 00:00');
  let A!: BankRow, B!: BankRow, I!: BankRow;
  await owner(async (trx) => {
    I = await insertBank(trx, CITY, {
      kode: 'T-INDUK',
      nama: 'Induk Uji',
      tingkat: 'induk',
      areaKode: CITY,
      bagiHasilPersen: 5,
    });
    A = await insertBank(trx, CITY, {
      kode: 'T-UNIT-A',
      nama: 'Unit Uji A',
      tingkat: 'unit',
      rwId: ids.rA,
      areaKode: `${KEL_A}.901`,
      indukId: I.id,
      bagiHasilPersen: 10,
    });
    B = await insertBank(trx, CITY, {
      kode: 'T-UNIT-B',
      nama: 'Unit Uji B',
      tingkat: 'unit',
      rwId: ids.rB,
      areaKode: `${KEL_B}.901`,
      indukId: I.id,
    });
    await insertHarga(trx, I, [
      { jenisKode: 'pet-bening', kondisi: 'bersih', harga: 4500, berlakuMulai: berlaku },
      { jenisKode: 'kardus', kondisi: 'bersih', harga: 1200, berlakuMulai: berlaku },
    ]);
    await insertHarga(trx, A, [
      { jenisKode: 'pet-bening', kondisi: 'bersih', harga: 4000, berlakuMulai: berlaku },
      { jenisKode: 'kardus', kondisi: 'bersih', harga: 1500, berlakuMulai: berlaku },
      { jenisKode: 'kardus', kondisi: 'kotor', harga: 1000, berlakuMulai: berlaku },
      { jenisKode: 'botol-kaca', kondisi: 'bersih', harga: 200, berlakuMulai: berlaku },
    ]);
    await insertHarga(trx, B, [
      { jenisKode: 'pet-bening', kondisi: 'bersih', harga: 4000, berlakuMulai: berlaku },
      { jenisKode: 'pet-bening', kondisi: 'kotor', harga: 3000, berlakuMulai: berlaku },
      { jenisKode: 'kertas-hvs', kondisi: 'bersih', harga: 2000, berlakuMulai: berlaku },
    ]);
    const [a1, a2] = await insertNasabah(trx, A, [
      { nomor: 'TA-0001', nama: 'Nasabah A1', rwId: ids.rA },
      { nomor: 'TA-0002', nama: 'Nasabah A2', rwId: ids.rA2 },
    ]);
    const [b1] = await insertNasabah(trx, B, [{ nomor: 'TB-0001', nama: 'Nasabah B1', rwId: ids.rB }]);
    const [i1] = await insertNasabah(trx, I, [{ nomor: 'TI-0001', nama: 'Nasabah Induk' }]);
    Object.assign(ids, { a1, a2, b1, i1 });
  });
  ids.a = A.id;
  ids.b = B.id;
  ids.i = I.id;

  // Each operation in its own transaction, in time order, as tellers would.
  const op = (fn: (trx: Tx) => Promise<unknown>) => owner(fn);
  const setoran = (waktu: string, bank: BankRow, nasabahId: string, baris: SetoranBaris[]) =>
    op((trx) => catatSetoran(trx, at(waktu), bank, { nasabahId, baris }));
  // Unit A
  await setoran('2020-03-02 09:00', A, ids.a1, [
    { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: '2.5' },
    { jenisKode: 'kardus', kondisi: 'kotor', kuantitas: 3 },
  ]);
  await setoran('2020-03-02 09:10', A, ids.a2, [
    { jenisKode: 'botol-kaca', kondisi: 'bersih', kuantitas: 10 },
  ]);
  const salah = await setoran('2020-03-05 09:00', A, ids.a1, [
    { jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '1.5' },
  ]);
  await op((trx) => batalkan(trx, at('2020-03-05 10:00'), A, salah as string, 'Salah pilih nasabah'));
  await op((trx) => catatPenarikan(trx, at('2020-03-10 09:00'), A, { nasabahId: ids.a1, jumlah: 5000 }));
  const tarik = await op((trx) =>
    catatPenarikan(trx, at('2020-03-10 09:05'), A, { nasabahId: ids.a2, jumlah: 1000 }),
  );
  await op((trx) =>
    batalkan(trx, at('2020-03-10 09:10'), A, (tarik as { id: string }).id, 'Tidak jadi menarik'),
  );
  // The induk's own member
  await setoran('2020-03-03 10:00', I, ids.i1, [
    { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: 1 },
  ]);
  // Unit B: around the month's edges (WIB), and a deposit reversed in the next month.
  await setoran('2020-02-29 23:30', B, ids.b1, [
    { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: 1 },
  ]);
  await setoran('2020-03-15 10:00', B, ids.b1, [{ jenisKode: 'pet-bening', kondisi: 'kotor', kuantitas: 4 }]);
  const nanti = await setoran('2020-03-20 10:00', B, ids.b1, [
    { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: 2 },
  ]);
  await setoran('2020-03-31 23:50', B, ids.b1, [
    { jenisKode: 'kertas-hvs', kondisi: 'bersih', kuantitas: 1 },
  ]);
  // Sales: A to the induk and to a collector; the induk to a collector.
  await op((trx) =>
    catatPenjualan(trx, at('2020-03-25 12:00'), A, {
      indukId: I.id,
      baris: [
        { jenisKode: 'pet-bening', kuantitas: '2.5' },
        { jenisKode: 'kardus', kuantitas: 3 },
      ],
    }),
  );
  await op((trx) =>
    catatPenjualan(trx, at('2020-03-25 12:30'), A, {
      pembeliNama: 'UD Uji',
      baris: [{ jenisKode: 'botol-kaca', kuantitas: 10, hargaSatuan: 300 }],
    }),
  );
  await op((trx) =>
    catatPenjualan(trx, at('2020-03-28 14:00'), I, {
      pembeliNama: 'CV Uji',
      baris: [
        { jenisKode: 'pet-bening', kuantitas: '3.5', hargaSatuan: 5000 },
        { jenisKode: 'kardus', kuantitas: 3, hargaSatuan: 1500 },
      ],
    }),
  );
  await setoran('2020-04-01 00:10', B, ids.b1, [
    { jenisKode: 'kertas-hvs', kondisi: 'bersih', kuantitas: 1 },
  ]);
  await op((trx) =>
    batalkan(trx, at('2020-04-02 10:00'), B, nanti as string, 'Timbangan rusak, ditimbang ulang'),
  );
}

function appTx<T>(fn: (trx: Tx) => Promise<T>): Promise<T> {
  return withTenant(env.balai.handle.db as Db, CITY, SYSTEM_ACTOR, fn);
}

const sorted = (rows: PemulihanBaris[]) =>
  rows.map((r) => `${r.tanggal} ${r.rwId ?? '-'} ${r.kategoriKode} ${r.kg}`).sort();

describe('pemulihanPerRw (the waste programme)', () => {
  before(setup);

  it('sums member deposits per RW, WIB day and category, without the induk’s deposits from sales', async () => {
    const rows = await appTx((trx) => pemulihanPerRw(trx, { dari: '2020-03-01', sampai: '2020-03-31' }));
    assert.deepEqual(
      sorted(rows),
      [
        `2020-03-02 ${ids.rA} plastik 2.5`,
        `2020-03-02 ${ids.rA} kertas_karton 3`,
        `2020-03-02 ${ids.rA2} kaca 3`,
        // The deposit of 5 March and its reversal the same day cancel out (no row).
        // The induk's own member has no RW.
        `2020-03-03 - plastik 1`,
        `2020-03-15 ${ids.rB} plastik 4`,
        // Reversed in April: still recovered in March.
        `2020-03-20 ${ids.rB} plastik 2`,
        // 23:50 WIB on 31 March is 16:50 UTC: March.
        `2020-03-31 ${ids.rB} kertas_karton 1`,
      ].sort(),
    );
    for (const r of rows) assert.equal(typeof r.kg, 'number');
  });

  it('counts a reversal negated on its own day; filters by RW', async () => {
    const april = await appTx((trx) => pemulihanPerRw(trx, { dari: '2020-04-01', sampai: '2020-04-30' }));
    assert.deepEqual(
      sorted(april),
      [`2020-04-01 ${ids.rB} kertas_karton 1`, `2020-04-02 ${ids.rB} plastik -2`].sort(),
    );
    const feb = await appTx((trx) => pemulihanPerRw(trx, { dari: '2020-02-29', sampai: '2020-02-29' }));
    assert.deepEqual(sorted(feb), [`2020-02-29 ${ids.rB} plastik 1`]);
    const onlyA = await appTx((trx) =>
      pemulihanPerRw(trx, { dari: '2020-03-01', sampai: '2020-03-31', rwIds: [ids.rA, 'bukan-uuid'] }),
    );
    assert.deepEqual(sorted(onlyA), [
      `2020-03-02 ${ids.rA} kertas_karton 3`,
      `2020-03-02 ${ids.rA} plastik 2.5`,
    ]);
    assert.deepEqual(
      await appTx((trx) => pemulihanPerRw(trx, { dari: '2020-03-01', sampai: '2020-03-31', rwIds: [] })),
      [],
    );
  });

  it('refuses bad dates', async () => {
    await assert.rejects(
      appTx((trx) => pemulihanPerRw(trx, { dari: '2020-02-30', sampai: '2020-03-31' })),
      (e: { status?: number }) => e.status === 400,
    );
    await assert.rejects(
      appTx((trx) => pemulihanPerRw(trx, { dari: '2020-03-31', sampai: '2020-03-01' })),
      (e: { status?: number }) => e.status === 400,
    );
  });

  it('bankAktifPerRw: RWs whose bank took member deposits that stand', async () => {
    const rows = await appTx((trx) => bankAktifPerRw(trx, { sejak: '2020-03-01' }));
    const a = rows.find((r) => r.rwId === ids.rA);
    assert.deepEqual(a, { rwId: ids.rA, bankIds: [ids.a], setoran: 2, terakhir: '2020-03-02' });
    const b = rows.find((r) => r.rwId === ids.rB);
    assert.deepEqual(b, { rwId: ids.rB, bankIds: [ids.b], setoran: 3, terakhir: '2020-04-01' });
    assert.ok(!rows.some((r) => r.rwId === ids.rA2), 'no bank in that RW');
    // Demo banks are active now; ours are not.
    const recent = await appTx((trx) => bankAktifPerRw(trx, { sejak: '2021-01-01' }));
    assert.ok(recent.length > 0);
    assert.ok(!recent.some((r) => r.rwId === ids.rA || r.rwId === ids.rB));
  });
});

type Baris = Laporan['baris'][number];
const bankRow = (l: Laporan, kode: string) => l.baris.find((b) => b.kode === kode) as Baris;

describe('monthly report', () => {
  before(setup);

  it('per bank: kg per category, deposits, members, money and sales', async () => {
    const admin = await as('admin_kota');
    const res = await admin.get(`${API}/laporan?bulan=2020-03&tingkat=bank`);
    assert.equal(res.status, 200, res.body);
    const l = res.json<Laporan>();
    assert.equal(l.bulan, '2020-03');
    assert.equal(l.kategori.length, 9);
    const a = bankRow(l, 'T-UNIT-A');
    assert.equal(a.kelurahan !== null && a.kecamatan !== null, true);
    assert.deepEqual(
      { ...a.angka, kgPerKategori: undefined },
      {
        kgPulih: 8.5,
        kgPerKategori: undefined,
        setoran: 2,
        nasabahAktif: 2,
        dikreditkan: 11700 + 1800,
        bagiHasil: 1300 + 200,
        dibayarkan: 5000,
        dariUnitKg: 0,
        dariUnitRupiah: 0,
        terjualKg: 8.5,
        terjualRupiah: 14107 + 3000,
        terjualKeIndukKg: 5.5,
        terjualKeIndukRupiah: 14107,
      },
    );
    assert.equal(a.angka.kgPerKategori.plastik, 2.5);
    assert.equal(a.angka.kgPerKategori.kertas_karton, 3);
    assert.equal(a.angka.kgPerKategori.kaca, 3);
    assert.equal(a.angka.kgPerKategori.logam, 0);

    const i = bankRow(l, 'T-INDUK');
    assert.equal(i.tingkatBank, 'induk');
    assert.equal(i.angka.kgPulih, 1);
    assert.equal(i.angka.setoran, 1);
    assert.equal(i.angka.dikreditkan, 4275);
    assert.equal(i.angka.dariUnitKg, 5.5);
    assert.equal(i.angka.dariUnitRupiah, 14107);
    assert.equal(i.angka.terjualKg, 6.5);
    assert.equal(i.angka.terjualRupiah, 22000);

    const b = bankRow(l, 'T-UNIT-B');
    assert.equal(b.angka.kgPulih, 7);
    assert.equal(b.angka.setoran, 2, 'the deposit reversed in April does not stand');
    assert.equal(b.angka.dikreditkan, 12000 + 8000 + 2000);

    // Demo banks had nothing in 2020: the city total is ours.
    assert.equal(l.total.kgPulih, 16.5);
    assert.equal(l.total.terjualKg, 15);
    assert.equal(l.total.dibayarkan, 5000);
    assert.ok(l.total.jumlahBank > 3);

    const april = (await admin.get(`${API}/laporan?bulan=2020-04`)).json<Laporan>();
    assert.equal(bankRow(april, 'T-UNIT-B').angka.kgPulih, -1);
    assert.equal(bankRow(april, 'T-UNIT-B').angka.dikreditkan, 2000 - 8000);
    assert.equal(bankRow(april, 'T-UNIT-B').angka.setoran, 1);
  });

  it('rolls up per kelurahan, kecamatan and city', async () => {
    const admin = await as('admin_kota');
    const kel = (await admin.get(`${API}/laporan?bulan=2020-03&tingkat=kelurahan`)).json<Laporan>();
    const kelA = kel.baris.find((r) => r.kode === KEL_A)!;
    assert.equal(kelA.angka.kgPulih, 8.5);
    assert.ok(kelA.jumlahBank >= 4, 'our unit and the demo units of that kelurahan');
    assert.ok(kelA.kecamatan, 'the kecamatan name');
    const kota = kel.baris.find((r) => r.kode === '');
    assert.equal(kota?.nama, 'Tingkat kota (bank induk)');
    assert.equal(kota?.angka.kgPulih, 1);
    assert.equal(kel.baris.at(-1)?.kode, '', 'banks without a kelurahan come last');

    const kec = (await admin.get(`${API}/laporan?bulan=2020-03&tingkat=kecamatan`)).json<Laporan>();
    assert.equal(kec.baris.find((r) => r.kode === '32.73.01')?.angka.kgPulih, 8.5);
    assert.equal(kec.baris.find((r) => r.kode === '32.73.02')?.angka.kgPulih, 7);

    const kota2 = (await admin.get(`${API}/laporan?bulan=2020-03&tingkat=kota`)).json<Laporan>();
    assert.equal(kota2.baris.length, 1);
    assert.equal(kota2.baris[0]!.nama, 'Kota Bandung');
    assert.equal(kota2.baris[0]!.angka.kgPulih, 16.5);
    assert.equal(kota2.baris[0]!.jumlahBank, kota2.total.jumlahBank);
  });

  it('shows only the banks of the viewer’s area', async () => {
    const lurah = await as('petugas_kelurahan');
    const l = (await lurah.get(`${API}/laporan?bulan=2020-03`)).json<Laporan>();
    assert.ok(l.baris.some((b) => b.kode === 'T-UNIT-A'));
    assert.ok(!l.baris.some((b) => b.kode === 'T-UNIT-B' || b.kode === 'T-INDUK' || b.kode === 'BSI-01'));
    assert.equal(l.total.kgPulih, 8.5);

    const ketua = await as('pengurus_rw');
    const k = (await ketua.get(`${API}/laporan?bulan=2020-03`)).json<Laporan>();
    assert.ok(k.baris.length >= 1 && k.baris.every((b) => b.kode !== 'T-UNIT-A'));
    assert.equal(k.total.kgPulih, 0);

    assert.equal((await (await as('warga')).get(`${API}/laporan`)).status, 403);
    assert.equal((await new Client(env.balai.app).get(`${API}/laporan`)).status, 401);
  });

  it('refuses a bad month or level, and unknown parameters', async () => {
    const admin = await as('admin_kota');
    assert.equal((await admin.get(`${API}/laporan?bulan=2020-13`)).status, 400);
    assert.equal((await admin.get(`${API}/laporan?tingkat=rt`)).status, 400);
    assert.equal((await admin.get(`${API}/laporan?x=1`)).status, 400);
    const now = (await admin.get(`${API}/laporan`)).json<Laporan>();
    assert.match(now.bulan, /^\d{4}-\d{2}$/);
    assert.ok(now.total.kgPulih > 0, 'the demo banks are active this month');
  });
});

describe('report page and downloads', () => {
  before(setup);

  it('renders the month and level pickers, the table with totals, download links', async () => {
    const admin = await as('admin_kota');
    const res = await admin.get('/bandung/bank-sampah/laporan?bulan=2020-03&tingkat=bank');
    assert.equal(res.status, 200);
    assert.match(res.body, /<select id="f-bulan" name="bulan"/);
    assert.match(res.body, /<option value="2020-03"\s+selected>Maret 2020<\/option>/);
    assert.match(res.body, /Unit Uji A/);
    assert.match(res.body, /<tr class="total">/);
    assert.match(res.body, /laporan\.xlsx\?bulan=2020-03&amp;tingkat=bank/);
    assert.match(res.body, /16,5/);
    admin.cookies.set('balai_lang', 'en');
    const en = await admin.get('/bandung/bank-sampah/laporan?bulan=2020-03&tingkat=kecamatan');
    assert.equal(en.status, 200);
    assert.match(en.body, /Report for March 2020 by kecamatan/);
    assert.equal((await (await as('warga')).get('/bandung/bank-sampah/laporan')).status, 403);
  });

  it('CSV: UTF-8 with BOM, Indonesian separators, every category, a total line', async () => {
    const admin = await as('admin_kota');
    const res = await admin.get('/bandung/bank-sampah/laporan.csv?bulan=2020-03&tingkat=kecamatan');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /laporan-bank-sampah-bandung-2020-03-kecamatan\.csv/,
    );
    assert.ok(res.body.startsWith('\ufeff'));
    const lines = res.body.slice(1).trim().split('\r\n');
    const head = lines[0]!.split(';');
    assert.equal(head[0], 'Kode wilayah');
    assert.ok(head.includes('Plastik (kg)') && head.includes('Kayu/ranting (kg)'));
    const kec02 = lines.find((x) => x.startsWith('32.73.02;'))!.split(';');
    assert.equal(kec02[head.indexOf('Sampah terpilah (kg)')], '7,000');
    assert.equal(kec02[head.indexOf('Masuk tabungan (Rp)')], '22000');
    const total = lines.at(-1)!.split(';');
    assert.equal(total[0], 'Total');
    assert.equal(total[head.indexOf('Sampah terpilah (kg)')], '16,500');
  });

  it('XLSX: numbers as numbers with number formats', async () => {
    const admin = await as('admin_kota');
    const raw = await admin.getRaw('/bandung/bank-sampah/laporan.xlsx?bulan=2020-03&tingkat=bank');
    const wb = await readXlsxDownload(raw);
    const ws = wb.worksheets[0]!;
    assert.match(String(ws.getCell('A1').value), /Laporan bank sampah Kota Bandung, Maret 2020/);
    const head = (ws.getRow(4).values as unknown[]).slice(1);
    const kgCol = head.indexOf('Sampah terpilah (kg)') + 1;
    let found = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'T-UNIT-A') {
        found = true;
        assert.equal(row.getCell(kgCol).value, 8.5);
        assert.equal(row.getCell(kgCol).numFmt, '#,##0.000');
      }
    });
    assert.ok(found);
  });
});

describe('dashboard tiles', () => {
  before(setup);

  it('show kg this month, active banks and members to those who see banks', async () => {
    const admin = await as('admin_kota');
    const page = await admin.get('/bandung/dasbor');
    assert.equal(page.status, 200);
    assert.match(page.body, /Sampah terpilah bulan ini/);
    assert.match(page.body, /href="\/bandung\/bank-sampah\/laporan"/);
    const warga = await as('warga');
    assert.doesNotMatch((await warga.get('/bandung/dasbor')).body, /Sampah terpilah bulan ini/);
  });
});
