/**
 * Bank sampah: who may grant themselves what, deposits above a bank's limits, entry numbers per
 * bank, expiring idempotency keys, and the DLH officer's read-only view of reports.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from './helpers/app.ts';
import { asApp } from './helpers/tenant-db.ts';
import { demoEmail } from '../src/platform/demo.ts';
import { bankSampahModule } from '../src/modules/bank-sampah/module.ts';
import { hapusKunciLama, KUNCI_HARI, KUNCI_JOB } from '../src/modules/bank-sampah/operasi.ts';
import {
  API,
  STANDARD_PRICES,
  seedBank,
  seedHarga,
  seedNasabah,
  useBankSampahBalai,
  type BankFixture,
} from './helpers/bank-sampah-fixtures.ts';

const env = useBankSampahBalai();
const { as } = env;

interface Pengajuan {
  id: string;
  jenis: 'penarikan' | 'setoran';
  status: string;
  jumlah: number;
  baris: { jenisKode: string; kondisi: string; kuantitas: string }[] | null;
}

function send(c: Client, bank: BankFixture, path: string, body: unknown, key: string = randomUUID()) {
  return c.request('POST', `${API}/banks/${bank.id}${path}`, {
    json: body,
    headers: { 'idempotency-key': key },
  });
}

async function saldo(c: Client, bank: BankFixture, nasabah: string): Promise<number> {
  const r = await c.get(`${API}/banks/${bank.id}/nasabah/${nasabah}/buku`);
  assert.equal(r.status, 200, r.body);
  return r.json<{ saldo: number }>().saldo;
}

async function userId(role: Parameters<typeof demoEmail>[0]): Promise<string> {
  const r = await env.db.query<{ id: string }>('select id from users where email = $1', [
    demoEmail(role, 'bandung'),
  ]);
  return r.rows[0]!.id;
}

/** `c` appoints the demo account of `role` as pengurus of the bank. */
function angkat(c: Client, bank: BankFixture, role: Parameters<typeof demoEmail>[0], jabatan: string) {
  return c.post(`${API}/banks/${bank.id}/pengurus`, { email: demoEmail(role, 'bandung'), jabatan });
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await env.db.query<{ n: number }>(sql, params)).rows[0]!.n;
}

/** A bank in the demo RW with prices and members, and a deposit credited to the first member. */
async function bankWithSavings(o: { ambang?: number } = {}) {
  const bank = await seedBank(env.db, o);
  await seedHarga(env.db, bank, STANDARD_PRICES);
  const members = await seedNasabah(env.db, bank, 2);
  const rw = await as('pengurus_rw');
  const dep = await send(rw, bank, '/setoran', {
    nasabahId: members[0],
    baris: [{ jenisKode: 'aluminium', kondisi: 'bersih', kuantitas: 10 }],
  });
  assert.equal(dep.status, 201, dep.body);
  return { bank, members, rw };
}

describe('who may grant what', () => {
  it('an officer who manages pengurus cannot appoint themselves, so cannot move money', async () => {
    const { bank, members } = await bankWithSavings();
    const lurah = await as('petugas_kelurahan');
    const self = await angkat(lurah, bank, 'petugas_kelurahan', 'ketua');
    assert.equal(self.status, 403, self.body);
    assert.deepEqual(
      self.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer),
      ['/body/email'],
    );
    assert.equal(
      await count('select count(*)::int as n from bank_sampah_pengurus where bank_id = $1', [bank.id]),
      0,
    );
    // Without a position the officer (no transacting role) still cannot withdraw.
    const w = await send(lurah, bank, '/penarikan', { nasabahId: members[0], jumlah: 1000 });
    assert.equal(w.status, 403, w.body);

    // Appointing someone else works, and who appointed them is kept.
    const other = await angkat(lurah, bank, 'warga', 'ketua');
    assert.equal(other.status, 201, other.body);
    const kept = await env.db.query('select diangkat_oleh from bank_sampah_pengurus where bank_id = $1', [
      bank.id,
    ]);
    assert.equal(kept.rows[0].diangkat_oleh, await userId('petugas_kelurahan'));
    // Nor may a ketua (who manages the pengurus too) change their own position.
    const warga = await as('warga');
    const own = await angkat(warga, bank, 'warga', 'bendahara');
    assert.equal(own.status, 403, own.body);
    assert.match(own.body, /diriSendiri|diri sendiri/);
  });

  it('a request is not approved by a pengurus its requester appointed; another pengurus or an admin may', async () => {
    const { bank, members, rw } = await bankWithSavings({ ambang: 10_000 });
    const lurah = await as('petugas_kelurahan');
    // The lurah appoints the pengurus RW as ketua; the ketua appoints the warga as bendahara.
    assert.equal((await angkat(lurah, bank, 'pengurus_rw', 'ketua')).status, 201);
    assert.equal((await angkat(rw, bank, 'warga', 'bendahara')).status, 201);
    const req = await send(rw, bank, '/penarikan', { nasabahId: members[0], jumlah: 50_002 });
    assert.equal(req.status, 202, req.body);
    const p = req.json<{ pengajuan: Pengajuan }>().pengajuan;

    const warga = await as('warga');
    const own = await warga.post(`${API}/banks/${bank.id}/pengajuan/${p.id}/keputusan`, { setuju: true });
    assert.equal(own.status, 403, own.body);
    assert.equal(own.json<{ title: string }>().title.includes('mengangkat'), true);
    assert.equal(await saldo(rw, bank, members[0]!), 120_000);

    // A bendahara appointed by the lurah (not the requester) may approve.
    assert.equal((await angkat(lurah, bank, 'pelaku_umkm', 'bendahara')).status, 201);
    const umkm = await as('pelaku_umkm');
    const ok = await umkm.post(`${API}/banks/${bank.id}/pengajuan/${p.id}/keputusan`, { setuju: true });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(await saldo(rw, bank, members[0]!), 120_000 - 50_002);
  });
});

describe('deposits above the bank limits wait for a second person', () => {
  it('nothing is credited before approval; replays answer the request; another person approves', async () => {
    const bank = await seedBank(env.db);
    await seedHarga(env.db, bank, { kardus: [2975, 2000] });
    const [m] = await seedNasabah(env.db, bank, 1);
    const rw = await as('pengurus_rw');
    const entries = () =>
      count('select count(*)::int as n from bank_sampah_jurnal where bank_id = $1', [bank.id]);

    const key = randomUUID();
    const body = { nasabahId: m, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 100_000 }] };
    const big = await send(rw, bank, '/setoran', body, key);
    assert.equal(big.status, 202, big.body);
    const p = big.json<{ pengajuan: Pengajuan }>().pengajuan;
    assert.equal(p.jenis, 'setoran');
    assert.equal(p.status, 'menunggu');
    assert.equal(p.jumlah, 297_500_000);
    assert.deepEqual(p.baris, [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '100000.000' }]);
    assert.equal(await saldo(rw, bank, m!), 0);
    assert.equal(await entries(), 0);

    // The same request again: the same pending request, still nothing credited.
    const again = await send(rw, bank, '/setoran', body, key);
    assert.equal(again.status, 200, again.body);
    assert.equal(again.json<{ pengajuan: Pengajuan }>().pengajuan.id, p.id);
    assert.equal(await entries(), 0);

    // The operator page lists it as pending.
    const page = await rw.get(`/bandung/bank-sampah/${bank.id}/pengajuan/${p.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Setoran di atas batas bank/);
    assert.match(page.body, /Kardus/);

    // Not by the one who recorded it.
    const self = await rw.post(`${API}/banks/${bank.id}/pengajuan/${p.id}/keputusan`, { setuju: true });
    assert.equal(self.status, 403, self.body);
    const admin = await as('admin_kota');
    const ok = await admin.post(`${API}/banks/${bank.id}/pengajuan/${p.id}/keputusan`, { setuju: true });
    assert.equal(ok.status, 200, ok.body);
    const r = ok.json<{ operasi: { jenis: string; nomor: number }; pengajuan: Pengajuan }>();
    assert.equal(r.operasi.jenis, 'setoran');
    assert.equal(r.pengajuan.status, 'disetujui');
    assert.equal(await saldo(rw, bank, m!), 297_500_000);
    const twice = await admin.post(`${API}/banks/${bank.id}/pengajuan/${p.id}/keputusan`, { setuju: true });
    assert.equal(twice.status, 409);
    assert.equal(await entries(), 1);
    // The ledger check finds the approved deposit request and its entry consistent.
    const check = await admin.get('/api/v1/cities/bandung/bank-sampah/verifikasi');
    assert.equal(check.status, 200);
    const kinds = check.json<{ violations: { kode: string }[] }>().violations.map((v) => v.kode);
    assert.deepEqual(
      kinds.filter((k) => k.startsWith('pengajuan')),
      [],
    );
  });

  it('limits per line (kg) and per deposit (rupiah), editable by whoever manages the bank', async () => {
    const bank = await seedBank(env.db);
    await seedHarga(env.db, bank, STANDARD_PRICES);
    const [m] = await seedNasabah(env.db, bank, 1);
    const rw = await as('pengurus_rw');
    const dep = (jenisKode: string, kuantitas: number) =>
      send(rw, bank, '/setoran', { nasabahId: m, baris: [{ jenisKode, kondisi: 'bersih', kuantitas }] });
    assert.equal((await dep('kardus', 150)).status, 201); // 150 kg, Rp 300.000
    assert.equal((await dep('kardus', 250)).status, 202); // above 200 kg per line
    assert.equal((await dep('aluminium', 180)).status, 202); // Rp 2.160.000, above Rp 2.000.000

    const lurah = await as('petugas_kelurahan');
    const shown = await lurah.get(`${API}/banks/${bank.id}`);
    assert.equal(shown.json<{ batasBarisKg: number }>().batasBarisKg, 200);
    assert.equal(shown.json<{ batasSetoran: number }>().batasSetoran, 2_000_000);
    const bad = await lurah.patch(`${API}/banks/${bank.id}`, { batasSetoran: 0 });
    assert.equal(bad.status, 400);
    const set = await lurah.patch(`${API}/banks/${bank.id}`, { batasBarisKg: 300, batasSetoran: 5_000_000 });
    assert.equal(set.status, 200, set.body);
    assert.equal((await dep('kardus', 250)).status, 201);
    assert.equal((await dep('aluminium', 180)).status, 201);
    // The settings page shows them.
    const form = await lurah.get(`/bandung/bank-sampah/${bank.id}/pengaturan`);
    assert.equal(form.status, 200, form.body);
    assert.match(form.body, /name="batasSetoran"[^>]*value="5000000"/);
  });
});

describe('entry numbers are per bank', () => {
  it('a bank numbers its entries 1, 2, 3 whatever other banks and cities record', async () => {
    const a = await seedBank(env.db);
    const b = await seedBank(env.db);
    const s = await seedBank(env.db, { tenant: '36.73' });
    for (const x of [a, b]) await seedHarga(env.db, x, STANDARD_PRICES);
    await seedHarga(env.db, s, STANDARD_PRICES, undefined, '36.73');
    const [ma] = await seedNasabah(env.db, a, 1);
    const [mb] = await seedNasabah(env.db, b, 1);
    const [ms] = await seedNasabah(env.db, s, 1, '36.73');
    const rw = await as('pengurus_rw');
    const serang = await as('admin_kota', 'serang');
    const line = [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }];
    const nomor: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await send(rw, a, '/setoran', { nasabahId: ma, baris: line });
      assert.equal(r.status, 201, r.body);
      nomor.push(r.json<{ nomor: number }>().nomor);
      assert.equal((await send(rw, b, '/setoran', { nasabahId: mb, baris: line })).status, 201);
      const sr = await serang.request('POST', `/api/v1/cities/serang/bank-sampah/banks/${s.id}/setoran`, {
        json: { nasabahId: ms, baris: line },
        headers: { 'idempotency-key': randomUUID() },
      });
      assert.equal(sr.status, 201, sr.body);
    }
    assert.deepEqual(nomor, [1, 2, 3]);
    // Every bank's numbers, demo data included, run 1..n without gaps or repeats.
    const bad = await env.db.query(
      `select bank_id from bank_sampah_jurnal group by tenant_id, bank_id
        having count(*) <> max(nomor) or count(distinct nomor) <> count(*) or min(nomor) <> 1`,
    );
    assert.deepEqual(bad.rows, []);
  });
});

describe('idempotency keys expire', () => {
  it(`keys older than ${KUNCI_HARI} days are deleted by a daily job; a late retry is a new operation`, async () => {
    const job = bankSampahModule.jobs?.find((j) => j.name === KUNCI_JOB);
    assert.ok(job?.schedule, 'the cleanup is a scheduled job');
    const bank = await seedBank(env.db);
    await seedHarga(env.db, bank, STANDARD_PRICES);
    const [m] = await seedNasabah(env.db, bank, 1);
    const rw = await as('pengurus_rw');
    const body = { nasabahId: m, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }] };
    const oldKey = randomUUID();
    const newKey = randomUUID();
    const first = await send(rw, bank, '/setoran', body, oldKey);
    assert.equal(first.status, 201);
    assert.equal((await send(rw, bank, '/setoran', body, newKey)).status, 201);
    await env.db.query(
      `update bank_sampah_idempotensi set created_at = now() - interval '31 days' where bank_id = $1 and kunci = $2`,
      [bank.id, oldKey],
    );
    // The app role cannot delete keys itself, only through the function (older keys, own city).
    await asApp(env.db, '32.73', async () => {
      await assert.rejects(env.db.query('delete from bank_sampah_idempotensi'), /permission denied/);
    });

    const deleted = await hapusKunciLama(env.balai.handle.db);
    assert.ok(deleted >= 1);
    const keys = await env.db.query<{ kunci: string }>(
      'select kunci from bank_sampah_idempotensi where bank_id = $1',
      [bank.id],
    );
    assert.deepEqual(
      keys.rows.map((r) => r.kunci),
      [newKey],
    );
    // Within the life of a key a retry replays; after it, the same request is a new deposit.
    assert.equal((await send(rw, bank, '/setoran', body, newKey)).status, 200);
    const late = await send(rw, bank, '/setoran', body, oldKey);
    assert.equal(late.status, 201);
    assert.notEqual(late.json<{ id: string }>().id, first.json<{ id: string }>().id);
  });
});

describe('the DLH officer reads bank sampah reports', () => {
  it('petugas dinas of the waste programme opens reports and the ledger check, and operates nothing', async () => {
    const bank = await seedBank(env.db);
    await seedHarga(env.db, bank, STANDARD_PRICES);
    const [m] = await seedNasabah(env.db, bank, 1);
    const dlh = await as('petugas_dinas');
    assert.equal((await dlh.get('/bandung/bank-sampah/laporan')).status, 200);
    assert.equal((await dlh.get(`/api/v1/cities/bandung/bank-sampah/laporan`)).status, 200);
    assert.equal((await dlh.get('/bandung/bank-sampah/verifikasi')).status, 200);
    assert.equal((await dlh.get(`/api/v1/cities/bandung/bank-sampah/verifikasi`)).status, 200);
    // Read-only: no members, no operations, no settings.
    const dep = await send(dlh, bank, '/setoran', {
      nasabahId: m,
      baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }],
    });
    assert.ok(dep.status === 403 || dep.status === 404, dep.body);
    assert.ok([403, 404].includes((await dlh.get(`${API}/banks/${bank.id}/nasabah`)).status));
    assert.ok(
      [403, 404].includes((await dlh.patch(`${API}/banks/${bank.id}`, { nama: 'Bank Sampah X' })).status),
    );
  });
});
