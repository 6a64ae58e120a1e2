/**
 * The daily summaries behind the waste dashboards (db/migrations/0012_ringkasan_harian.sql) are
 * what their sources say: after the demo's months of deposits and trips, and after new deposits,
 * a reversal and trips posted through the API, each summary equals a rebuild from its sources,
 * and the bank sampah summary per kecamatan equals the detailed recovery per RW summed by
 * kecamatan.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, useBalaiWithOwnerDb } from '../../../tests/helpers/app.ts';
import { SYSTEM_ACTOR, withTenant } from '../../platform/db/transaction.ts';
import { pemulihanPerKecamatan, pemulihanPerRw } from '../bank-sampah/pemulihan.ts';
import { seedBank, seedHarga, seedNasabah, STANDARD_PRICES } from '../bank-sampah/test-support.ts';
import { listRwRows } from '../wilayah/repository.ts';

const env = useBalaiWithOwnerDb();

/** The summary's rows, then the same after a rebuild from the sources (rolled back). */
async function compare(table: string, rebuild: string): Promise<{ kept: string[]; rebuilt: string[] }> {
  const rows = async () =>
    (
      await env.db.query<{ r: string }>(
        `select row(t.*)::text as r from ${table} t where tenant_id = '32.73' and ${table === 'sampah_ritase_harian' ? 'round(ton, 6)' : 'kg'} <> 0 order by 1`,
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
    const a = await compare('bank_sampah_pemulihan_harian', 'bank_sampah_pemulihan_harian_isi');
    assert.ok(a.kept.length > 10, `${a.kept.length} days of recovery`);
    assert.deepEqual(a.kept, a.rebuilt);
    const b = await compare('sampah_ritase_harian', 'sampah_ritase_harian_isi');
    assert.ok(b.kept.length > 10, `${b.kept.length} trip summaries`);
    assert.deepEqual(b.kept, b.rebuilt);
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

    const a = await compare('bank_sampah_pemulihan_harian', 'bank_sampah_pemulihan_harian_isi');
    assert.deepEqual(a.kept, a.rebuilt);
    const b = await compare('sampah_ritase_harian', 'sampah_ritase_harian_isi');
    assert.deepEqual(b.kept, b.rebuilt);
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
});
