import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '../../../tests/helpers/app.ts';
import { feeOf, milliToDecimal, nilaiOf, toMilli } from './ledger.ts';
import type { OperasiView } from './ledger-read.ts';
import {
  API,
  BANDUNG,
  STANDARD_PRICES,
  seedBank,
  seedHarga,
  seedNasabah,
  useBankSampahBalai,
  type BankFixture,
} from '../../../tests/helpers/bank-sampah-fixtures.ts';

type Op = Omit<OperasiView, 'waktu'> & { waktu: string };
interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}

const env = useBankSampahBalai();

function send(c: Client, path: string, body: unknown, key: string = randomUUID()) {
  return c.request('POST', `${API}${path}`, { json: body, headers: { 'idempotency-key': key } });
}

async function saldo(c: Client, bank: BankFixture, nasabah: string): Promise<number> {
  const r = await c.get(`${API}/banks/${bank.id}/nasabah/${nasabah}/buku`);
  assert.equal(r.status, 200, r.body);
  return r.json<{ saldo: number }>().saldo;
}

describe('quantities and rupiah are exact', () => {
  it('parses quantities into thousandths without floating point', () => {
    assert.equal(toMilli('2.5'), 2500);
    assert.equal(toMilli(0.1), 100);
    assert.equal(toMilli('1.005'), 1005);
    assert.equal(toMilli('12'), 12000);
    assert.ok(Number.isNaN(toMilli('1.0005')));
    assert.ok(Number.isNaN(toMilli('1e3')));
    assert.equal(milliToDecimal(-1500), '-1.500');
    assert.equal(milliToDecimal(7), '0.007');
  });
  it('rounds values and fees half away from zero', () => {
    assert.equal(nilaiOf(2500, 4000), 10000);
    assert.equal(nilaiOf(1, 500), 1); // 0.5 -> 1
    assert.equal(nilaiOf(-1, 500), -1);
    assert.equal(feeOf(10000, '10.00'), 1000);
    assert.equal(feeOf(12345, '12.5'), 1543); // 1543.125
    assert.equal(feeOf(5, '10'), 1); // 0.5 -> 1
  });
});

describe('ledger through the API', () => {
  let op: Client;
  let bank: BankFixture;
  let induk: BankFixture;
  let members: string[];

  before(async () => {
    op = await env.as('pengurus_rw');
    induk = await seedBank(env.db, { tingkat: 'induk' });
    await seedHarga(env.db, induk, { 'pet-bening': [5000, 3000], kardus: [2500, 1500], besi: [4000, 3500] });
    bank = await seedBank(env.db, { indukId: induk.id, bagiHasil: 10, ambang: 500_000 });
    await seedHarga(env.db, bank, STANDARD_PRICES);
    members = await seedNasabah(env.db, bank, 3);
  });

  it('a deposit values each line at the price in force, keeps it, and credits the member less the fee', async () => {
    const r = await send(op, `/banks/${bank.id}/setoran`, {
      nasabahId: members[0],
      baris: [
        { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: 2.5 },
        { jenisKode: 'kardus', kondisi: 'kotor', kuantitas: '3,25' },
        { jenisKode: 'botol-kaca', kondisi: 'bersih', kuantitas: 10 },
      ],
    });
    assert.equal(r.status, 201, r.body);
    const o = r.json<Op>();
    assert.deepEqual(
      o.baris.map((b) => [b.jenisKode, b.kuantitas, b.hargaSatuan, b.nilai, b.kg]),
      [
        ['pet-bening', 2.5, 4000, 10000, 2.5],
        ['kardus', 3.25, 1200, 3900, 3.25],
        ['botol-kaca', 10, 300, 3000, 3], // 10 pcs of 0.3 kg
      ],
    );
    assert.equal(o.bagiHasil, 1690); // 10% of 16,900
    assert.equal(o.total, 15210);
    assert.equal(o.saldoSetelah, 15210);
    assert.equal(await saldo(op, bank, members[0]!), 15210);

    // A new price later does not change the past deposit.
    await env.db.query(
      `insert into bank_sampah_harga (tenant_id, bank_id, jenis_kode, kondisi, harga, berlaku_mulai)
       values ($1, $2, 'pet-bening', 'bersih', 9000, now())`,
      [BANDUNG, bank.id],
    );
    const again = await op.get(`${API}/banks/${bank.id}/jurnal/${o.id}`);
    assert.equal(again.json<Op>().baris[0]!.hargaSatuan, 4000);
    assert.equal(again.json<Op>().total, 15210);
  });

  it('bad deposits are refused with pointers and write nothing', async () => {
    const count = async () =>
      Number(
        (await env.db.query('select count(*) from bank_sampah_jurnal where bank_id = $1', [bank.id])).rows[0]
          .count,
      );
    const before = await count();
    const cases: [unknown, number, string][] = [
      [
        { nasabahId: members[0], baris: [{ jenisKode: 'emas', kondisi: 'bersih', kuantitas: 1 }] },
        400,
        '/body/baris/0/jenisKode',
      ],
      [
        { nasabahId: members[0], baris: [{ jenisKode: 'kaleng', kondisi: 'bersih', kuantitas: 1 }] },
        400,
        '/body/baris/0/jenisKode',
      ],
      [
        { nasabahId: members[0], baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: -1 }] },
        400,
        '/body/baris/0/kuantitas',
      ],
      [
        { nasabahId: members[0], baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '1.0001' }] },
        400,
        '/body/baris/0/kuantitas',
      ],
      [
        { nasabahId: randomUUID(), baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }] },
        400,
        '/body/nasabahId',
      ],
      [{ nasabahId: members[0], baris: [] }, 400, '/body/baris'],
      [
        { nasabahId: members[0], baris: [{ jenisKode: 'kardus', kondisi: 'basah', kuantitas: 1 }] },
        400,
        '/body/baris/0/kondisi',
      ],
      [
        {
          nasabahId: members[0],
          baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }],
          saldo: 5,
        },
        400,
        '',
      ],
    ];
    for (const [body, status, pointer] of cases) {
      const r = await send(op, `/banks/${bank.id}/setoran`, body);
      assert.equal(r.status, status, `${JSON.stringify(body)}: ${r.body}`);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
      if (pointer)
        assert.ok(
          r.json<Problem>().errors?.some((e) => e.pointer.startsWith(pointer)),
          r.body,
        );
    }
    const noKey = await op.request('POST', `${API}/banks/${bank.id}/setoran`, {
      json: { nasabahId: members[0], baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }] },
    });
    assert.equal(noKey.status, 400);
    assert.equal(await count(), before);
  });

  it('an idempotency key replays the original result and refuses other content', async () => {
    const key = `k-${randomUUID()}`;
    const body = { nasabahId: members[1], baris: [{ jenisKode: 'besi', kondisi: 'bersih', kuantitas: 4 }] };
    const first = await send(op, `/banks/${bank.id}/setoran`, body, key);
    assert.equal(first.status, 201);
    const [a, b] = await Promise.all([
      send(op, `/banks/${bank.id}/setoran`, body, key),
      send(op, `/banks/${bank.id}/setoran`, body, key),
    ]);
    for (const r of [a, b]) {
      assert.equal(r.status, 200);
      assert.equal(r.headers['idempotent-replayed'], 'true');
      assert.deepEqual(r.json<Op>(), first.json<Op>());
    }
    const other = await send(op, `/banks/${bank.id}/setoran`, { ...body, catatan: 'lain' }, key);
    assert.equal(other.status, 409);
    const n = await env.db.query('select count(*)::int as n from bank_sampah_jurnal where nasabah_id = $1', [
      members[1],
    ]);
    assert.equal(n.rows[0].n, 1);
  });

  it('withdrawals never exceed the balance, even when they race', async () => {
    const s = await saldo(op, bank, members[1]!); // 4 kg besi = 14,000 less 10% = 12,600
    assert.equal(s, 12600);
    const tooMuch = await send(op, `/banks/${bank.id}/penarikan`, { nasabahId: members[1], jumlah: s + 1 });
    assert.equal(tooMuch.status, 409);
    assert.match(tooMuch.json<Problem>().title, /12\.600/);
    const racers = await Promise.all(
      Array.from({ length: 6 }, () =>
        send(op, `/banks/${bank.id}/penarikan`, { nasabahId: members[1], jumlah: 5000 }),
      ),
    );
    assert.deepEqual(
      racers.map((r) => r.status).sort(),
      [201, 201, 409, 409, 409, 409],
      racers.map((r) => r.body).join('\n'),
    );
    assert.equal(await saldo(op, bank, members[1]!), 2600);
  });

  it('a withdrawal above the threshold waits for another person to approve it', async () => {
    await send(op, `/banks/${bank.id}/setoran`, {
      nasabahId: members[2],
      baris: [{ jenisKode: 'aluminium', kondisi: 'bersih', kuantitas: 60 }],
    }); // 720,000 less 10% = 648,000
    const r = await send(op, `/banks/${bank.id}/penarikan`, { nasabahId: members[2], jumlah: 600_000 });
    assert.equal(r.status, 202, r.body);
    const { pengajuan } = r.json<{ pengajuan: { id: string; status: string } }>();
    assert.equal(pengajuan.status, 'menunggu');
    assert.equal(await saldo(op, bank, members[2]!), 648_000);
    // The demo pengurus RW is a teller here, not ketua or bendahara: cannot approve.
    const self = await op.post(`${API}/banks/${bank.id}/pengajuan/${pengajuan.id}/keputusan`, {
      setuju: true,
    });
    assert.equal(self.status, 403);
    const admin = await env.as('admin_kota');
    const ok = await admin.post(`${API}/banks/${bank.id}/pengajuan/${pengajuan.id}/keputusan`, {
      setuju: true,
    });
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.json<{ operasi: Op }>().operasi.total, 600_000);
    assert.equal(await saldo(op, bank, members[2]!), 48_000);
    const twice = await admin.post(`${API}/banks/${bank.id}/pengajuan/${pengajuan.id}/keputusan`, {
      setuju: true,
    });
    assert.equal(twice.status, 409);
  });

  it('a sale never exceeds stock; a sale to the induk is a deposit there', async () => {
    const over = await send(op, `/banks/${bank.id}/penjualan`, {
      pembeliNama: 'Pengepul Jaya',
      baris: [{ jenisKode: 'pet-bening', kuantitas: 3, hargaSatuan: 4500 }],
    });
    assert.equal(over.status, 409, over.body);
    assert.ok(over.json<Problem>().errors?.[0]?.pointer === '/body/baris/0/kuantitas');
    const sale = await send(op, `/banks/${bank.id}/penjualan`, {
      indukId: induk.id,
      baris: [
        { jenisKode: 'pet-bening', kuantitas: 2.5 },
        { jenisKode: 'besi', kuantitas: 1 },
      ],
    });
    assert.equal(sale.status, 201, sale.body);
    const s = sale.json<Op>();
    assert.equal(s.total, 5000 * 2.5 + 4000); // the induk's prices; no fee at the induk
    assert.ok(s.terkaitId);
    const neraca = await (
      await op.get(`${API}/banks/${bank.id}/neraca`)
    ).json<{
      piutangInduk: number;
      stok: { jenisKode: string; kuantitas: number; nilai: number }[];
    }>();
    assert.equal(neraca.piutangInduk, 16500);
    assert.equal(
      neraca.stok.find((x) => x.jenisKode === 'pet-bening'),
      undefined,
    );
    assert.equal(neraca.stok.find((x) => x.jenisKode === 'besi')?.kuantitas, 3);
    // At the induk: a deposit by the unit, credited to the unit's savings there.
    const admin = await env.as('admin_kota');
    const dep = await admin.get(`${API}/banks/${induk.id}/jurnal/${s.terkaitId}`);
    assert.equal(dep.status, 200, dep.body);
    assert.equal(dep.json<Op>().jenis, 'setoran');
    assert.equal(dep.json<Op>().total, 16500);
    assert.equal(dep.json<Op>().nasabah?.nomor, bank.kode);
    // That deposit can only be reversed through the sale.
    const direct = await admin.request('POST', `${API}/banks/${induk.id}/jurnal/${s.terkaitId}/pembatalan`, {
      json: { alasan: 'salah catat' },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(direct.status, 409);
    const rev = await send(op, `/banks/${bank.id}/jurnal/${s.id}/pembatalan`, {
      alasan: 'Timbangan induk rusak',
    });
    assert.equal(rev.status, 201, rev.body);
    const after = await (await op.get(`${API}/banks/${bank.id}/neraca`)).json<{ piutangInduk: number }>();
    assert.equal(after.piutangInduk, 0);
    const indukDep = await admin.get(`${API}/banks/${induk.id}/jurnal/${s.terkaitId}`);
    assert.equal(indukDep.json<Op>().dibatalkan?.alasan, 'Timbangan induk rusak');
  });

  it('a unit drawing its savings at the induk receives the cash at the unit; reversed together', async () => {
    const admin = await env.as('admin_kota');
    const sale = await send(op, `/banks/${bank.id}/penjualan`, {
      indukId: induk.id,
      baris: [{ jenisKode: 'besi', kuantitas: 2 }],
    });
    assert.equal(sale.status, 201, sale.body);
    const member = await env.db.query<{ id: string }>(
      'select id from bank_sampah_nasabah where bank_id = $1 and bank_unit_id = $2',
      [induk.id, bank.id],
    );
    const unitAtInduk = member.rows[0]!.id;
    const neracaUnit = async () =>
      (await op.get(`${API}/banks/${bank.id}/neraca`)).json<{ kas: number; piutangInduk: number }>();
    const before = await neracaUnit();
    assert.equal(before.piutangInduk, 8000);
    const w = await admin.request('POST', `${API}/banks/${induk.id}/penarikan`, {
      json: { nasabahId: unitAtInduk, jumlah: 5000 },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(w.status, 201, w.body);
    const wd = w.json<Op>();
    assert.ok(wd.terkaitId);
    const after = await neracaUnit();
    assert.equal(after.piutangInduk, 3000);
    assert.equal(after.kas, before.kas + 5000);
    const payout = await op.get(`${API}/banks/${bank.id}/jurnal/${wd.terkaitId}`);
    assert.equal(payout.json<Op>().jenis, 'pencairan');
    assert.equal(payout.json<Op>().total, 5000);
    const direct = await send(op, `/banks/${bank.id}/jurnal/${wd.terkaitId}/pembatalan`, {
      alasan: 'salah catat',
    });
    assert.equal(direct.status, 409);
    const rev = await admin.request('POST', `${API}/banks/${induk.id}/jurnal/${wd.id}/pembatalan`, {
      json: { alasan: 'Uang belum diterima bank unit' },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(rev.status, 201, rev.body);
    assert.deepEqual(await neracaUnit(), before);
  });

  it('a reversal negates the entry once, with a reason, and never drives a balance below zero', async () => {
    const dep = await send(op, `/banks/${bank.id}/setoran`, {
      nasabahId: members[0],
      baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 5 }],
    });
    const d = dep.json<Op>();
    const before = await saldo(op, bank, members[0]!);
    const noReason = await send(op, `/banks/${bank.id}/jurnal/${d.id}/pembatalan`, { alasan: 'x' });
    assert.equal(noReason.status, 400);
    const rev = await send(op, `/banks/${bank.id}/jurnal/${d.id}/pembatalan`, {
      alasan: 'Salah pilih nasabah',
    });
    assert.equal(rev.status, 201, rev.body);
    const r = rev.json<Op>();
    assert.equal(r.jenis, 'pembatalan');
    assert.equal(r.jenisAsal, 'setoran');
    assert.deepEqual(r.membatalkan, { id: d.id, nomor: d.nomor });
    assert.equal(r.total, -d.total);
    assert.deepEqual(
      r.baris.map((b) => b.kuantitas),
      d.baris.map((b) => -b.kuantitas),
    );
    assert.equal(await saldo(op, bank, members[0]!), before - d.total);
    const again = await send(op, `/banks/${bank.id}/jurnal/${d.id}/pembatalan`, {
      alasan: 'Salah pilih nasabah',
    });
    assert.equal(again.status, 409);
    const ofReversal = await send(op, `/banks/${bank.id}/jurnal/${r.id}/pembatalan`, {
      alasan: 'batal batal',
    });
    assert.equal(ofReversal.status, 409);

    // Deposit, withdraw it all, then try to reverse the deposit: refused (the money is gone).
    const d2 = (
      await send(op, `/banks/${bank.id}/setoran`, {
        nasabahId: members[1],
        baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }],
      })
    ).json<Op>();
    const all = await saldo(op, bank, members[1]!);
    assert.equal(
      (await send(op, `/banks/${bank.id}/penarikan`, { nasabahId: members[1], jumlah: all })).status,
      201,
    );
    const late = await send(op, `/banks/${bank.id}/jurnal/${d2.id}/pembatalan`, { alasan: 'Salah timbang' });
    assert.equal(late.status, 409);
    assert.equal(await saldo(op, bank, members[1]!), 0);
  });

  it('the passbook shows every entry with a running balance that ends at the balance', async () => {
    const r = await op.get(`${API}/banks/${bank.id}/nasabah/${members[0]}/buku`);
    const buku = r.json<{ saldo: number; items: { masuk: number; keluar: number; saldo: number }[] }>();
    let running = 0;
    for (const i of buku.items) {
      running += i.masuk - i.keluar;
      assert.equal(i.saldo, running);
    }
    assert.equal(running, buku.saldo);
  });
});

describe('the ledger in the database', () => {
  it('is append-only for the app role and for the owner', async () => {
    const entry = await env.db.query<{ id: string; tenant_id: string }>(
      'select id, tenant_id from bank_sampah_jurnal limit 1',
    );
    const row = entry.rows[0];
    assert.ok(row, 'an entry exists');
    for (const stmt of [
      'update bank_sampah_jurnal_baris set jumlah = jumlah where jurnal_id = $1',
      'delete from bank_sampah_jurnal_baris where jurnal_id = $1',
      'update bank_sampah_jurnal set catatan = null where id = $1',
      'delete from bank_sampah_stok_baris where jurnal_id = $1',
    ]) {
      await assert.rejects(env.db.query(stmt, [row.id]), /append-only/);
      await env.db.query('begin');
      try {
        await env.db.query(`select set_config('app.tenant_id', $1, true)`, [row.tenant_id]);
        await env.db.query('set local role balai_app');
        await assert.rejects(env.db.query(stmt, [row.id]), /permission denied|append-only/);
      } finally {
        await env.db.query('rollback');
      }
    }
  });

  it('refuses at commit an entry whose lines do not sum to zero, or that has no lines', async () => {
    const bank = await seedBank(env.db);
    const akun = await env.db.query<{ id: string }>(
      `insert into bank_sampah_akun (tenant_id, bank_id, kunci) values ($1, $2, 'kas') returning id`,
      [BANDUNG, bank.id],
    );
    const id = randomUUID();
    await env.db.query('begin');
    await env.db.query(
      `insert into bank_sampah_jurnal (tenant_id, id, bank_id, jenis, pembeli_nama) values ($1, $2, $3, 'penjualan', 'x')`,
      [BANDUNG, id, bank.id],
    );
    await env.db.query(
      'insert into bank_sampah_jurnal_baris (tenant_id, jurnal_id, no, akun_id, jumlah) values ($1, $2, 1, $3, 100)',
      [BANDUNG, id, akun.rows[0]!.id],
    );
    await assert.rejects(env.db.query('commit'), /does not balance/);
    await env.db.query('begin');
    await env.db.query(
      `insert into bank_sampah_jurnal (tenant_id, id, bank_id, jenis, pembeli_nama) values ($1, $2, $3, 'penjualan', 'x')`,
      [BANDUNG, randomUUID(), bank.id],
    );
    await assert.rejects(env.db.query('commit'), /has no lines/);
  });
});
