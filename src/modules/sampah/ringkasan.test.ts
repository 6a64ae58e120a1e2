/**
 * The daily summaries behind the waste dashboards (db/migrations/0012_ringkasan_harian.sql) are
 * what their sources say: after the demo's months of deposits and trips, and after new deposits,
 * a reversal and trips posted through the API, each summary equals a rebuild from its sources,
 * the bank sampah summary per kecamatan equals the detailed recovery per RW summed by kecamatan,
 * and the dashboards' reading per month gives the same figures as the reading per day.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { SYSTEM_ACTOR, withTenant } from '../../platform/db/transaction.ts';
import { pemulihanPerKecamatan, pemulihanPerRw } from '../bank-sampah/api.ts';
import {
  seedBank,
  seedHarga,
  seedNasabah,
  STANDARD_PRICES,
} from '../../../tests/helpers/bank-sampah-fixtures.ts';
import { listRwRows } from '../wilayah/api.ts';
import type { Db } from '../../platform/db/database.ts';
import { findCityBySlug } from '../../platform/tenancy/service.ts';
import { todayWib } from '../../platform/waktu.ts';
import { aggregateLoaded as hasilAgregasi, loadAgregasi as muatAgregasi } from './tonase/tonase-service.ts';
import { sumberOperasi } from './tonase/sumber-operasi.ts';

const env = useBalaiWithOwnerDb();

/** `x` with each number replaced by `y`'s when they differ by at most 0.001 (same shape). */
function dekat<T>(x: T, y: T): T {
  if (typeof x === 'number' && typeof y === 'number') return (Math.abs(x - y) <= 0.001 + 1e-9 ? y : x) as T;
  if (Array.isArray(x) && Array.isArray(y)) return x.map((v, i) => dekat(v, y[i])) as T;
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const yy = y as Record<string, unknown>;
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, dekat(v, yy[k])])) as T;
  }
  return x;
}

/** Each summary, the rebuild function that fills it from its source, and its amount column. */
const SUMMARIES = [
  ['bank_sampah_pemulihan_harian', 'bank_sampah_pemulihan_harian_isi', 'kg'],
  ['bank_sampah_pemulihan_bulanan', 'bank_sampah_pemulihan_bulanan_isi', 'kg'],
  ['sampah_ritase_harian', 'sampah_ritase_harian_isi', 'round(ton, 6)'],
  ['sampah_ritase_bulanan', 'sampah_ritase_bulanan_isi', 'round(ton, 6)'],
  ['sampah_tonase_bulanan', 'sampah_tonase_bulanan_isi', 'ton'],
] as const;

/** Every summary equals its rebuild. */
async function compareAll(): Promise<void> {
  for (const [table, rebuild, amount] of SUMMARIES) {
    const c = await compare(table, rebuild, amount);
    assert.ok(c.kept.length > 10, `${table}: ${c.kept.length} rows`);
    assert.deepEqual(c.kept, c.rebuilt, table);
  }
}

/** The summary's rows, then the same after a rebuild from the sources (rolled back). */
async function compare(
  table: string,
  rebuild: string,
  amount: string,
): Promise<{ kept: string[]; rebuilt: string[] }> {
  const rows = async () =>
    (
      await env.db.query<{ r: string }>(
        `select row(t.*)::text as r from ${table} t where tenant_id = '32.73' and ${amount} <> 0 order by 1`,
      )
    ).rows.map((x) => x.r);
  const norm = (xs: string[]) => xs.map((x) => x.replace(/(\d+\.\d{6})\d*/g, '$1'));
  const kept = norm(await rows());
  await env.db.query('begin');
  try {
    await env.db.query(`select set_config('app.tenant_id', '32.73', true)`);
    await env.db.query(`select ${rebuild}()`);
    const rebuilt = norm(await rows());
    return { kept, rebuilt };
  } finally {
    await env.db.query('rollback');
  }
}

describe('daily summaries', () => {
  it('equal a rebuild from their sources after the demo data', async () => {
    await compareAll();
  });

  it('follow deposits, a reversal and trips posted through the API, in the same transaction', async () => {
    const admin = new Client(env.balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const bank = await seedBank(env.db, {});
    await seedHarga(env.db, bank, STANDARD_PRICES);
    const [nasabah] = await seedNasabah(env.db, bank, 1);
    const post = (baris: unknown) =>
      admin.request('POST', `/api/v1/cities/bandung/bank-sampah/banks/${bank.id}/setoran`, {
        json: { nasabahId: nasabah, baris },
        headers: { 'idempotency-key': randomUUID() },
      });
    const before = await env.db.query<{ kg: string }>(
      `select coalesce(sum(kg), 0) as kg from bank_sampah_pemulihan_harian where tenant_id = '32.73'`,
    );
    const d1 = await post([{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 7.25 }]);
    assert.equal(d1.status, 201, d1.body);
    const d2 = await post([{ jenisKode: 'besi', kondisi: 'kotor', kuantitas: 2 }]);
    assert.equal(d2.status, 201, d2.body);
    const rev = await admin.request(
      'POST',
      `/api/v1/cities/bandung/bank-sampah/banks/${bank.id}/jurnal/${d2.json<{ id: string }>().id}/pembatalan`,
      { json: { alasan: 'Salah timbang, diulang' }, headers: { 'idempotency-key': randomUUID() } },
    );
    assert.equal(rev.status, 201, rev.body);
    const after = await env.db.query<{ kg: string }>(
      `select coalesce(sum(kg), 0) as kg from bank_sampah_pemulihan_harian where tenant_id = '32.73'`,
    );
    assert.equal(Math.round((Number(after.rows[0]!.kg) - Number(before.rows[0]!.kg)) * 1000) / 1000, 7.25);

    // A trip through the API (origins inserted after the trip: summarised at commit).
    const API = '/api/v1/cities/bandung/sampah';
    const fas = await admin.get(`${API}/fasilitas`);
    const list = fas.json<{ id: string; jenis: string }[]>();
    const asal = list.filter((f) => f.jenis === 'titik_kumpul').slice(0, 2);
    const tujuan = list.find((f) => f.jenis === 'tpst')!;
    const kendaraan = (await admin.get(`${API}/kendaraan`)).json<
      { id: string; kapasitasTon: number }[]
    >()[0]!;
    const shift = (await admin.get(`${API}/shift`)).json<{ id: string }[]>()[0]!;
    const trip = await admin.post(`${API}/ritase`, {
      kendaraanId: kendaraan.id,
      shiftId: shift.id,
      asalIds: asal.map((a) => a.id),
      tujuanId: tujuan.id,
      ton: 2.5,
      berangkat: '2026-02-03T06:00',
      tiba: '2026-02-03T07:10',
    });
    assert.equal(trip.status, 201, trip.body);

    // A manual tonnage entry, then its removal.
    const catat = await admin.post(`${API}/tonase/catatan`, {
      tanggal: '2026-02-03',
      kecamatanKode: '32.73.01',
      jenis: 'pengurangan_kompos',
      ton: 1.25,
    });
    assert.equal(catat.status, 201, catat.body);
    const catat2 = await admin.post(`${API}/tonase/catatan`, {
      tanggal: '2026-02-04',
      jenis: 'daur_ulang',
      ton: 0.5,
    });
    assert.equal(catat2.status, 201, catat2.body);
    const hapus = await admin.request('DELETE', `${API}/tonase/catatan/${catat.json<{ id: string }>().id}`);
    assert.equal(hapus.status, 204, hapus.body);

    await compareAll();
    // A rebuilt daily summary keeps its months right (its rows are deleted and inserted again).
    await env.db.query('begin');
    try {
      await env.db.query(`select set_config('app.tenant_id', '32.73', true)`);
      const bulanan = `select row(t.*)::text as r from sampah_ritase_bulanan t where tenant_id = '32.73' and round(ton, 6) <> 0 order by 1`;
      const before = (await env.db.query<{ r: string }>(bulanan)).rows;
      await env.db.query('select sampah_ritase_harian_isi()');
      const after = (await env.db.query<{ r: string }>(bulanan)).rows;
      const norm = (xs: { r: string }[]) => xs.map((x) => x.r.replace(/(\d+\.\d{6})\d*/g, '$1'));
      assert.deepEqual(norm(after), norm(before));
    } finally {
      await env.db.query('rollback');
    }
  });

  it('per kecamatan, equal the detailed recovery per RW summed by kecamatan', async () => {
    const q = { dari: '2020-01-01', sampai: '2030-12-31' };
    const [perKec, perRw, rws] = await withTenant(
      env.balai.app.db,
      '32.73',
      SYSTEM_ACTOR,
      async (trx) =>
        [
          await pemulihanPerKecamatan(trx, q),
          await pemulihanPerRw(trx, q),
          (await listRwRows(trx, { areas: ['32.73'], limit: 100_000, offset: 0 })).rows,
        ] as const,
    );
    const kec = new Map(rws.map((r) => [r.id, r.kecamatan_kode]));
    const expected = new Map<string, number>();
    for (const p of perRw) {
      const key = `${p.tanggal}|${p.rwId ? kec.get(p.rwId) : ''}`;
      expected.set(key, (expected.get(key) ?? 0) + p.kg * 1000);
    }
    const got = new Map(
      perKec.map((p) => [`${p.tanggal}|${p.kecamatanKode ?? ''}`, Math.round(p.kg * 1000)]),
    );
    for (const [k, v] of [...expected]) if (Math.round(v) === 0) expected.delete(k);
    assert.deepEqual(
      new Map([...got].sort()),
      new Map([...expected].map(([k, v]) => [k, Math.round(v)] as const).sort()),
    );
  });

  it('read per month, give the same months, year and kecamatan as read per day', async () => {
    const city = (await findCityBySlug(env.balai.handle.db as Db, 'bandung'))!;
    // A range starting inside a month, over the demo's months of entries, deposits and trips.
    const tahun = Number(todayWib().slice(0, 4));
    const rentang = { dari: `${tahun - 1}-11-17`, sampai: todayWib() };
    // And the kecamatan with the most handled trips among those whose bank sampah recovered waste.
    const kec = (
      await env.db.query<{ k: string }>(
        `select r.kecamatan_kode as k from sampah_ritase_harian r
          where r.tenant_id = '32.73' and r.kecamatan_kode <> '' and r.tanggal >= $1 and r.ton > 0
            and r.asal_jenis not in ('tpst', 'tps3r', 'mesin') and r.tujuan_jenis in ('tpst', 'tps3r', 'mesin', 'tpa')
            and exists (select 1 from bank_sampah_pemulihan_harian p where p.tenant_id = r.tenant_id
                          and p.kecamatan_kode = r.kecamatan_kode and p.tanggal >= $1 and p.kg > 0)
          group by 1 order by count(*) desc, 1 limit 1`,
        [rentang.dari],
      )
    ).rows[0]?.k;
    assert.ok(kec, 'a kecamatan with trips and recovery in the demo');
    for (const kecamatan of [undefined, kec]) {
      const [hari, bulan] = await withTenant(
        env.balai.app.db,
        '32.73',
        SYSTEM_ACTOR,
        async (trx) =>
          [
            await muatAgregasi(trx, city, { ...rentang, kecamatan, per: 'hari' }, sumberOperasi),
            await muatAgregasi(trx, city, { ...rentang, kecamatan, per: 'bulan' }, sumberOperasi),
          ] as const,
      );
      // The city's sources have many days per month; one kecamatan's may have a day or two.
      const kurang = (a: number, b: number) => (kecamatan ? a <= b : a < b);
      assert.ok(kurang(bulan.masukan.penanganan.length, hari.masukan.penanganan.length), 'trips per month');
      assert.ok(kurang(bulan.masukan.pemulihan.length, hari.masukan.pemulihan.length), 'recovery per month');
      for (const periode of ['bulan', 'tahun'] as const) {
        const a = hasilAgregasi(hari, periode);
        const b = hasilAgregasi(bulan, periode);
        assert.ok(a.total.penangananRitase > 0 && a.total.penguranganBankSampah > 0, 'the demo has flows');
        // Trips split among their origins are rounded to the gram per row: per day or per
        // month, the tons may differ in the last decimal, never more.
        assert.deepEqual(dekat(b, a), a, `${periode} ${kecamatan ?? 'city'}`);
      }
    }
  });
});
