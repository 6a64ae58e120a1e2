/**
 * Amounts and quantities are read as people write them and nothing else: the JSON API takes
 * JSON types as sent (no `true` for 1, no "0x10" for 16, no "1e3" kg), the forms read rupiah
 * with thousands dots and quantities with a decimal comma, refuse a dot in a quantity with a
 * message saying what it would mean, and name the line of a line error. The same parsers read
 * tonnages, UMKM prices and programme funds.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client, Response } from './helpers/app.ts';
import {
  API,
  STANDARD_PRICES,
  seedBank,
  seedHarga,
  seedNasabah,
  useBankSampahBalai,
} from './helpers/bank-sampah-fixtures.ts';

const env = useBankSampahBalai();
const CITY = '/bandung/bank-sampah';

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}

let op: Client;
let bankId: string;
let members: string[];

const journalCount = async (nasabahId: string) =>
  Number(
    (
      await env.db.query<{ n: string }>(
        'select count(*) as n from bank_sampah_jurnal where nasabah_id = $1',
        [nasabahId],
      )
    ).rows[0]!.n,
  );

async function saldo(nasabahId: string): Promise<number> {
  const r = await op.get(`${API}/banks/${bankId}/nasabah/${nasabahId}/buku`);
  assert.equal(r.status, 200, r.body);
  return r.json<{ saldo: number }>().saldo;
}

function sendJson(path: string, body: unknown): Promise<Response> {
  return op.request('POST', `${API}/banks/${bankId}${path}`, {
    json: body,
    headers: { 'idempotency-key': randomUUID() },
  });
}

/** A 400 problem+json whose field errors include `pointer`; returns that error's detail. */
function fieldError(res: Response, pointer: string): string {
  assert.equal(res.status, 400, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const p = res.json<Problem>();
  const e = p.errors?.find((x) => x.pointer === pointer);
  assert.ok(e, `a field error at ${pointer}: ${res.body}`);
  return e.detail;
}

async function postForm(url: string, pairs: [string, string][]): Promise<Response> {
  const csrf = await op.csrf();
  return op.request('POST', url, {
    payload: new URLSearchParams([...pairs, ['_csrf', csrf]]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    csrf: false,
  });
}

const kunciOf = (page: string) => /name="kunci" value="([^"]+)"/.exec(page)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('amounts and quantities as sent and as typed', () => {
  before(async () => {
    op = await env.as('pengurus_rw');
    const bank = await seedBank(env.db);
    bankId = bank.id;
    await seedHarga(env.db, bank, STANDARD_PRICES);
    members = await seedNasabah(env.db, bank, 3);
    const r = await sendJson('/setoran', {
      nasabahId: members[0],
      baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 100 }],
    });
    assert.equal(r.status, 201, r.body);
  });

  describe('the JSON API takes types as sent', () => {
    it('refuses jumlah: true, "0x10", "16" and 1.5 for a withdrawal, and pays nothing out', async () => {
      const before = await saldo(members[0]!);
      for (const jumlah of [true, '0x10', '16', 1.5, ' 12 '])
        fieldError(await sendJson('/penarikan', { nasabahId: members[0], jumlah }), '/body/jumlah');
      assert.equal(await saldo(members[0]!), before);
      const ok = await sendJson('/penarikan', { nasabahId: members[0], jumlah: 16 });
      assert.equal(ok.status, 201, ok.body);
      assert.equal(await saldo(members[0]!), before - 16);
    });

    it('refuses kuantitas "1e3", "0x10", true and a dotted "1.000", naming the line in the pointer', async () => {
      const before = await journalCount(members[1]!);
      for (const kuantitas of ['1e3', '0x10', true, '1.000', '2.5'])
        fieldError(
          await sendJson('/setoran', {
            nasabahId: members[1],
            baris: [
              { jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 },
              { jenisKode: 'kardus', kondisi: 'kotor', kuantitas },
            ],
          }),
          '/body/baris/1/kuantitas',
        );
      const dotted = await sendJson('/setoran', {
        nasabahId: members[1],
        baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '1.000' }],
      });
      assert.match(fieldError(dotted, '/body/baris/0/kuantitas'), /1000/);
      assert.equal(await journalCount(members[1]!), before);
      const ok = await sendJson('/setoran', {
        nasabahId: members[1],
        baris: [
          { jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '1,5' },
          { jenisKode: 'kardus', kondisi: 'kotor', kuantitas: 2.25 },
        ],
      });
      assert.equal(ok.status, 201, ok.body);
      const lines = ok.json<{ baris: { kuantitas: number }[] }>().baris.map((b) => b.kuantitas);
      assert.deepEqual(lines, [1.5, 2.25]);
    });

    it('still reads numbers in query strings', async () => {
      const r = await op.get(`${API}/banks/${bankId}/jurnal?page=1&perPage=5`);
      assert.equal(r.status, 200, r.body);
    });
  });

  describe('the forms read numbers the Indonesian way', () => {
    it('refuses "1.000" kg with a message saying what it would mean, naming the line, and records nothing', async () => {
      const base = `${CITY}/${bankId}`;
      const form = await op.get(`${base}/setoran?nasabah=${members[2]}`);
      assert.equal(form.status, 200, form.body);
      const before = await journalCount(members[2]!);
      const res = await postForm(`${base}/setoran`, [
        ['kunci', kunciOf(form.body)],
        ['nasabahId', members[2]!],
        ['jenisKode', 'kardus'],
        ['kondisi', 'bersih'],
        ['kuantitas', '2,5'],
        ['jenisKode', 'kardus'],
        ['kondisi', 'kotor'],
        ['kuantitas', '1.000'],
        ['aksi', 'simpan'],
      ]);
      assert.equal(res.status, 400, res.body.slice(0, 2000));
      const page = text(res.body);
      assert.match(
        page,
        /Baris 2: "1\.000" memakai titik, dan titik adalah pemisah ribuan: "1\.000" dibaca 1000/,
      );
      assert.match(res.body, /id="f-baris\.1\.kuantitas"[^>]*aria-invalid="true"/s);
      assert.equal(await journalCount(members[2]!), before);
    });

    it('refuses "1.000" tonnes in a tonnage entry rather than reading 1 t, and odd forms too', async () => {
      const admin = await env.as('admin_kota');
      const count = async () =>
        Number(
          (await env.db.query<{ n: string }>('select count(*) as n from sampah_tonase_catatan')).rows[0]!.n,
        );
      const before = await count();
      for (const ton of ['1.000', '1e3', '0x10']) {
        const res = await admin.request('POST', '/bandung/sampah/tonase/catatan', {
          form: { tanggal: '2019-07-01', kecamatanKode: '32.73.01', jenis: 'pengurangan_kompos', ton },
        });
        assert.equal(res.status, 400, `${ton}: ${res.body.slice(0, 500)}`);
        assert.match(res.body, /id="f-ton"[^>]*aria-invalid="true"/s, ton);
        if (ton === '1.000') assert.match(text(res.body), /"1\.000" dibaca 1000, bukan desimal/);
      }
      assert.equal(await count(), before);
    });

    it('reads "1.000" rupiah as one thousand in a withdrawal', async () => {
      const base = `${CITY}/${bankId}`;
      const before = await saldo(members[0]!);
      const form = await op.get(`${base}/penarikan?nasabah=${members[0]}`);
      const res = await postForm(`${base}/penarikan`, [
        ['kunci', kunciOf(form.body)],
        ['nasabahId', members[0]!],
        ['jumlah', '1.000'],
      ]);
      assert.equal(res.status, 303, res.body.slice(0, 2000));
      assert.equal(await saldo(members[0]!), before - 1000);
      const odd = await postForm(`${base}/penarikan`, [
        ['kunci', randomUUID()],
        ['nasabahId', members[0]!],
        ['jumlah', '0x10'],
      ]);
      assert.equal(odd.status, 400);
      assert.match(text(odd.body), /Tulis rupiah dengan angka saja/);
      assert.equal(await saldo(members[0]!), before - 1000);
    });
  });
});
