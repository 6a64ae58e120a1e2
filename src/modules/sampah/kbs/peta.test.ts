/**
 * The KBS map and the kecamatan ranking: colour classes at their bounds, the share of KBS RWs of
 * a kelurahan following its RWs' current status (hand-computed), kg recovered by a real bank
 * sampah deposit counted in the RW's kecamatan, the ranking order, and the public page.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, useBalaiWithOwnerDb } from '../../../../tests/helpers/app.ts';
import {
  seedBank,
  seedHarga,
  seedNasabah,
  STANDARD_PRICES,
} from '../../../../tests/helpers/bank-sampah-fixtures.ts';
import { kelasPeta, type SebaranKbs } from './kbs-sebaran.ts';

describe('map colour classes', () => {
  it('separates no RW, no KBS RW, and the share bounds 10, 25, 50 and 75 %', () => {
    assert.equal(kelasPeta(null, 0), -1);
    assert.equal(kelasPeta(0, 0), 0);
    assert.equal(kelasPeta(0.1, 1), 1);
    assert.equal(kelasPeta(9.9, 1), 1);
    assert.equal(kelasPeta(10, 1), 2);
    assert.equal(kelasPeta(24.9, 3), 2);
    assert.equal(kelasPeta(25, 3), 3);
    assert.equal(kelasPeta(50, 4), 4);
    assert.equal(kelasPeta(74.9, 4), 4);
    assert.equal(kelasPeta(75, 6), 5);
    assert.equal(kelasPeta(100, 8), 5);
  });
});

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/serang/sampah/kbs/sebaran';

async function sebaran(): Promise<SebaranKbs> {
  const r = await new Client(env.balai.app).get(API);
  assert.equal(r.status, 200, r.body);
  return r.json<SebaranKbs>();
}

describe('spread of KBS per kelurahan and kecamatan ranking', () => {
  let kel = '';
  let rwIds: string[] = [];
  let tingkatId = '';

  before(async () => {
    // A Serang kelurahan with its RWs, and the city's first level.
    const k = await env.db.query<{ kelurahan_kode: string }>(
      `select kelurahan_kode from rw where tenant_id = '36.73' group by 1 having count(*) >= 4 order by 1 limit 1`,
    );
    kel = k.rows[0]!.kelurahan_kode;
    rwIds = (
      await env.db.query<{ id: string }>(
        `select id from rw where tenant_id = '36.73' and kelurahan_kode = $1 order by nomor`,
        [kel],
      )
    ).rows.map((r) => r.id);
    tingkatId = (
      await env.db.query<{ id: string }>(
        `select id from sampah_kbs_tingkat where tenant_id = '36.73' order by urutan limit 1`,
      )
    ).rows[0]!.id;
  });

  /** Appends a status row for each RW (the latest row is the current status). */
  async function status(ids: string[], tingkat: string | null): Promise<void> {
    for (const id of ids) {
      await env.db.query(
        `insert into sampah_kbs_riwayat (tenant_id, rw_id, tingkat_id, skor, berlaku_sejak)
         values ('36.73', $1, $2, $3, now())`,
        [id, tingkat, tingkat ? 80 : 0],
      );
    }
  }

  it('counts the RWs whose current status reached a level, per kelurahan, kecamatan and city', async () => {
    const n = rwIds.length;
    await status(rwIds, null);
    let s = await sebaran();
    let k = s.kelurahan.find((x) => x.kode === kel)!;
    assert.deepEqual([k.jumlahRw, k.jumlahKbs, k.persen, k.kelas], [n, 0, 0, 0]);

    await status(rwIds.slice(0, 1), tingkatId);
    s = await sebaran();
    k = s.kelurahan.find((x) => x.kode === kel)!;
    const one = Math.round((100 / n) * 10) / 10;
    assert.deepEqual([k.jumlahRw, k.jumlahKbs, k.persen], [n, 1, one]);
    assert.equal(k.kelas, kelasPeta(one, 1));
    assert.deepEqual(k.perTingkat, { [tingkatId]: 1 });

    await status(rwIds, tingkatId);
    s = await sebaran();
    k = s.kelurahan.find((x) => x.kode === kel)!;
    assert.deepEqual([k.jumlahKbs, k.persen, k.kelas], [n, 100, 5]);

    // The kelurahan add up to the kecamatan, and the kecamatan to the city.
    const kec = s.kecamatan.find((x) => x.kode === k.kecamatanKode)!;
    const inKec = s.kelurahan.filter((x) => x.kecamatanKode === kec.kode);
    assert.equal(
      kec.jumlahKbs,
      inKec.reduce((a, x) => a + x.jumlahKbs, 0),
    );
    assert.equal(
      s.kota.jumlahRw,
      s.kelurahan.reduce((a, x) => a + x.jumlahRw, 0),
    );
    assert.equal(
      s.kota.jumlahKbs,
      s.kecamatan.reduce((a, x) => a + x.jumlahKbs, 0),
    );
    const rws = await env.db.query<{ n: number }>(
      `select count(*)::int as n from rw where tenant_id = '36.73'`,
    );
    assert.equal(s.kota.jumlahRw, rws.rows[0]!.n);
  });

  it('adds a real bank sampah deposit to its kecamatan and ranks by share, then kg per household', async () => {
    const before = await sebaran();
    const kecKode = before.kelurahan.find((x) => x.kode === kel)!.kecamatanKode;
    const kg0 = before.kecamatan.find((x) => x.kode === kecKode)!.kgPemulihan;
    const nomor = (await env.db.query<{ nomor: number }>(`select nomor from rw where id = $1`, [rwIds[0]]))
      .rows[0]!.nomor;
    const bank = await seedBank(env.db, { tenant: '36.73', rwKel: kel, rwNomor: nomor });
    await seedHarga(env.db, bank, STANDARD_PRICES, undefined, '36.73');
    const [nasabah] = await seedNasabah(env.db, bank, 1, '36.73');
    const admin = new Client(env.balai.app);
    await admin.loginAs('serang', 'admin_kota');
    const dep = await admin.request('POST', `/api/v1/cities/serang/bank-sampah/banks/${bank.id}/setoran`, {
      json: { nasabahId: nasabah, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 12.5 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(dep.status, 201, dep.body);
    const after = await sebaran();
    const kec = after.kecamatan.find((x) => x.kode === kecKode)!;
    assert.equal(Math.round((kec.kgPemulihan - kg0) * 1000) / 1000, 12.5);
    assert.equal(kec.kgPerKk, Math.round((kec.kgPemulihan / kec.jumlahKk) * 1000) / 1000);

    after.kecamatan.forEach((x, i) => {
      const prev = after.kecamatan[i - 1];
      if (!prev) return assert.equal(x.peringkat, 1);
      const key = (y: typeof x) => [y.persen ?? -1, y.kgPerKk ?? -1] as const;
      const [pp, pk] = key(prev);
      const [xp, xk] = key(x);
      assert.ok(pp > xp || (pp === xp && pk >= xk), `${prev.nama} before ${x.nama}`);
      assert.equal(x.peringkat, pp === xp && pk === xk ? prev.peringkat : i + 1);
    });
  });

  it('shows the public page with the ranking and every kelurahan, linked from the city home', async () => {
    const anon = new Client(env.balai.app);
    const page = await anon.get('/serang/sampah/peta');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1>Peta Kawasan Bebas Sampah Kota Serang<\/h1>/);
    assert.match(page.body, /data-sebaran-url="\/api\/v1\/cities\/serang\/sampah\/kbs\/sebaran"/);
    assert.match(page.body, /Peringkat kecamatan/);
    const s = await sebaran();
    for (const k of s.kelurahan) assert.ok(page.body.includes(`data-kode="${k.kode}"`), k.kode);
    assert.ok(!/NIK|telepon/i.test(page.body));
    const home = await anon.get('/serang');
    assert.match(home.body, /href="\/serang\/sampah\/peta"/);
    anon.cookies.set('balai_lang', 'en');
    const en = await anon.get('/serang/sampah/peta');
    assert.match(en.body, /Kecamatan ranking/);
  });
});
