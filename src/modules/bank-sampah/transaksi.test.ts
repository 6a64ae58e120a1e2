/**
 * The operator's pages through HTTP, like a browser without JavaScript: the deposit form posts
 * once per form (idempotency key), errors re-render the form with field messages and write
 * nothing, receipts and their reversal, withdrawals (refused over the balance, waiting for
 * approval above the threshold), sales, the journal, the passbook page and PDF, and a warga's
 * own savings. Plus the form readers and the batch price lookup.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import type { Client, Response } from '../../../tests/helpers/app.ts';
import { withTenant } from '../../platform/db/transaction.ts';
import { hargaBerlaku } from './katalog.ts';
import { findBank } from './access.ts';
import { hargaSaatIni } from './katalog-harga.ts';
import { nasabahDariKartu } from './transaksi-service.ts';
import { galatLedger, sebutBaris } from './transaksi-form.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { translator } from '../../platform/i18n/index.ts';
import { keteranganId, winAnsi } from './buku-pdf.ts';
import {
  BANDUNG,
  STANDARD_PRICES,
  seedBank,
  seedHarga,
  seedNasabah,
  useBankSampahBalai,
  type BankFixture,
} from '../../../tests/helpers/bank-sampah-fixtures.ts';

const env = useBankSampahBalai();
const CITY = '/bandung/bank-sampah';

let bank: BankFixture;
let nasabah: string[];
let nomor: string[];
let operator: Client;
let base: string;

/** Posts a form the way a browser does: urlencoded, repeated names for lists, CSRF in the body. */
async function postForm(c: Client, url: string, pairs: [string, string][]): Promise<Response> {
  const csrf = await c.csrf();
  return c.request('POST', url, {
    payload: new URLSearchParams([...pairs, ['_csrf', csrf]]).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    csrf: false,
  });
}

function kunciOf(page: string): string {
  const m = /name="kunci" value="([^"]+)"/.exec(page);
  assert.ok(m, 'the form carries an idempotency key');
  return m[1]!;
}

function location(res: Response): string {
  return String(res.headers.location ?? '');
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const r = await env.db.query<{ n: string }>(sql, params);
  return Number(r.rows[0]!.n);
}

const entries = (nasabahId: string) =>
  count('select count(*) as n from bank_sampah_jurnal where nasabah_id = $1', [nasabahId]);

async function saldo(nasabahId: string): Promise<number> {
  const r = await env.db.query<{ s: string }>(
    `select coalesce(-sum(l.jumlah), 0) as s from bank_sampah_jurnal_baris l
       join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
      where a.kunci = $1`,
    [`tabungan:${nasabahId}`],
  );
  return Number(r.rows[0]!.s);
}

/** The fields of deposit lines [jenis, kondisi, kuantitas], in the order the form lists them. */
const baris = (lines: [string, string, string][]) =>
  lines.flatMap(([j, k, q]): [string, string][] => [
    ['jenisKode', j],
    ['kondisi', k],
    ['kuantitas', q],
  ]);

/** Posts a member's transaction form with the idempotency key of the form page it came from. */
function postNasabahForm(
  c: Client,
  url: string,
  form: Response,
  nasabahId: string,
  pairs: [string, string][],
) {
  return postForm(c, url, [['kunci', kunciOf(form.body)], ['nasabahId', nasabahId], ...pairs]);
}

/** A deposit through the form; returns the receipt's path. */
async function deposit(c: Client, nasabahId: string, lines: [string, string, string][]): Promise<string> {
  const form = await c.get(`${base}/setoran?nasabah=${nasabahId}`);
  assert.equal(form.status, 200, form.body);
  const res = await postNasabahForm(c, `${base}/setoran`, form, nasabahId, [
    ...baris(lines),
    ['aksi', 'simpan'],
  ]);
  assert.equal(res.status, 303, res.body.slice(0, 2000));
  return location(res);
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('operator pages', () => {
  before(async () => {
    bank = await seedBank(env.db, { bagiHasil: 10, ambang: 50_000 });
    await seedHarga(env.db, bank, STANDARD_PRICES);
    nasabah = await seedNasabah(env.db, bank, 4);
    const r = await env.db.query<{ id: string; nomor: string }>(
      'select id, nomor from bank_sampah_nasabah where bank_id = $1 order by nomor',
      [bank.id],
    );
    nomor = nasabah.map((id) => r.rows.find((x) => x.id === id)!.nomor);
    base = `${CITY}/${bank.id}`;
    operator = await env.as('pengurus_rw');
  });

  describe('form readers', () => {
    it('names the line of a line error in the summary, as the operator counts lines', () => {
      const t = translator('id');
      assert.deepEqual(
        sebutBaris(t, { 'baris.1.kuantitas': 'Isi jumlahnya.', catatan: 'Terlalu panjang.' }),
        {
          'baris.1.kuantitas': 'Baris 2: Isi jumlahnya.',
          catatan: 'Terlalu panjang.',
        },
      );
    });

    it('finds the member in a card URL of this bank only', () => {
      const id = '0b8a3c2e-1111-4222-8333-444455556666';
      const b = '9d1e2f3a-aaaa-4bbb-8ccc-dddd00001111';
      assert.equal(
        nasabahDariKartu(`https://balai.example/bandung/bank-sampah/${b}/nasabah/${id}`, 'bandung', b),
        id,
      );
      assert.equal(nasabahDariKartu(`https://x/serang/bank-sampah/${b}/nasabah/${id}`, 'bandung', b), null);
      assert.equal(nasabahDariKartu(`https://x/bandung/bank-sampah/${id}/nasabah/${id}`, 'bandung', b), null);
      assert.equal(nasabahDariKartu('halo', 'bandung', b), null);
    });

    it("maps the ledger's row errors back to the rows as typed", () => {
      const t = translator('id');
      const err = badRequest('bankSampah.setoran.tidakValid', [
        { pointer: '/body/baris/1/kuantitas', detail: 'quantity > 0' },
        { pointer: '/body/nasabahId', detail: 'not a member' },
      ]);
      const g = galatLedger(t, err, [0, 3], (f) => `bad ${f}`);
      assert.deepEqual(g?.errors, { 'baris.3.kuantitas': 'bad kuantitas', nasabahId: 'bad nasabahId' });
      assert.equal(g?.status, 400);
      assert.equal(g?.message, 'Setoran belum benar. Periksa baris yang ditandai.');
      assert.equal(
        galatLedger(t, new Error('boom'), [], () => ''),
        null,
      );
      assert.equal(keteranganId(t, 'Kardus 2.5 kg, Botol kaca 12 pcs'), 'Kardus 2,5 kg, Botol kaca 12 buah');
    });

    it('keeps text the PDF fonts can draw', () => {
      assert.equal(winAnsi('Rp\u00a010.000 — ok'), 'Rp 10.000 — ok');
      assert.equal(winAnsi('Siti 李'), 'Siti ?');
    });
  });

  describe('prices for the item picker', () => {
    it('hargaSaatIni gives the same prices as hargaBerlaku, own over inherited, ended prices null', async () => {
      const induk = await seedBank(env.db, { tingkat: 'induk' });
      await seedHarga(env.db, induk, { kardus: [2500, 1500], besi: [4000, 3500], koran: [1500, null] });
      const unit = await seedBank(env.db, { indukId: induk.id, warisi: true });
      await seedHarga(env.db, unit, { kardus: [2100, 1100] });
      // The unit stops buying besi kotor from yesterday.
      await env.db.query(
        `insert into bank_sampah_harga (tenant_id, bank_id, jenis_kode, kondisi, harga, berlaku_mulai)
         values ($1, $2, 'besi', 'kotor', null, now() - interval '1 day')`,
        [BANDUNG, unit.id],
      );
      await withTenant(
        env.balai.handle.db,
        BANDUNG,
        { userId: null, role: 'sistem', requestId: 'test' },
        async (trx) => {
          const row = (await findBank(trx, unit.id))!;
          const map = await hargaSaatIni(trx, row);
          for (const kode of ['kardus', 'besi', 'koran', 'tembaga']) {
            for (const kondisi of ['bersih', 'kotor'] as const) {
              const expected = await hargaBerlaku(trx, row, kode, kondisi, new Date());
              assert.equal(map.get(kode)?.[kondisi] ?? null, expected, `${kode} ${kondisi}`);
            }
          }
          assert.equal(map.get('kardus')?.bersih, 2100);
          assert.equal(map.get('besi')?.bersih, 4000);
          assert.equal(map.get('besi')?.kotor, null);
        },
      );
    });
  });

  describe('bank home', () => {
    it('shows the actions the user may take, today and the stock', async () => {
      const res = await operator.get(base);
      assert.equal(res.status, 200, res.body);
      assert.match(res.body, new RegExp(`href="${base}/setoran"`));
      assert.match(res.body, new RegExp(`href="${base}/penarikan"`));
      assert.match(res.body, new RegExp(`href="${base}/nasabah"`));
      assert.match(res.body, /id="h-hari-ini"/);
      // pengurus_rw may not approve withdrawals nor manage the bank.
      assert.doesNotMatch(res.body, new RegExp(`href="${base}/pengaturan"`));
      const lurah = await env.as('petugas_kelurahan');
      const seen = await lurah.get(base);
      assert.equal(seen.status, 200);
      assert.doesNotMatch(
        seen.body,
        new RegExp(`href="${base}/setoran"`),
        'no deposit button without the right',
      );
      assert.equal((await lurah.get(`${base}/setoran`)).status, 403);
      const warga = await env.as('warga');
      assert.equal((await warga.get(base)).status, 404);
    });
  });

  describe('member picker', () => {
    it('searches by name, goes straight to an exact number or a scanned card URL', async () => {
      const found = await operator.get(`${base}/setoran?q=${encodeURIComponent('nasabah 2')}`);
      assert.equal(found.status, 200);
      assert.match(found.body, new RegExp(`href="${base}/setoran\\?nasabah=${nasabah[1]}"`));
      assert.match(found.body, /0812\*+0002/, 'phone masked');
      assert.doesNotMatch(found.body, /08123000002/);

      const exact = await operator.get(`${base}/setoran?q=${encodeURIComponent(nomor[2]!.toLowerCase())}`);
      assert.equal(exact.status, 303);
      assert.equal(location(exact), `${base}/setoran?nasabah=${nasabah[2]}`);

      const card = `http://localhost/bandung/bank-sampah/${bank.id}/nasabah/${nasabah[3]}`;
      const scanned = await operator.get(`${base}/penarikan?q=${encodeURIComponent(card)}`);
      assert.equal(scanned.status, 303);
      assert.equal(location(scanned), `${base}/penarikan?nasabah=${nasabah[3]}`);

      const fragment = await operator.get(`${base}/setoran?bagian=nasabah&q=Nasabah`);
      assert.equal(fragment.status, 200);
      assert.doesNotMatch(fragment.body, /<html/);
      assert.match(fragment.body, /<ul class="bs-pilihan">/);
    });
  });

  describe('deposit form', () => {
    it('posts lines (comma decimals, empty rows ignored) and redirects to the receipt', async () => {
      const form = await operator.get(`${base}/setoran?nasabah=${nasabah[0]}`);
      assert.equal(form.status, 200);
      assert.match(form.body, /inputmode="decimal"/);
      assert.match(form.body, /Botol PET bening/);
      assert.doesNotMatch(form.body, /<script>/, 'no inline script');
      const kunci = kunciOf(form.body);
      const pairs: [string, string][] = [
        ['kunci', kunci],
        ['nasabahId', nasabah[0]!],
        ...baris([
          ['pet-bening', 'bersih', '2,5'],
          ['', 'bersih', ''],
          ['kardus', 'kotor', '3'],
        ]),
        ['catatan', 'timbangan RW'],
        ['aksi', 'simpan'],
      ];
      const res = await postForm(operator, `${base}/setoran`, pairs);
      assert.equal(res.status, 303, res.body.slice(0, 3000));
      const receipt = location(res);
      assert.match(receipt, new RegExp(`^${base}/jurnal/[0-9a-f-]{36}\\?ok=baru$`));
      assert.equal(await entries(nasabah[0]!), 1);
      // 2.5 × 4000 + 3 × 1200 = 13 600; 10% fee 1 360; credited 12 240.
      assert.equal(await saldo(nasabah[0]!), 12240);

      const page = await operator.get(receipt);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, /Setoran No\. \d+/);
      assert.match(body, /2,5 kg/);
      assert.match(body, /Rp 13\.600/);
      assert.match(body, /Rp 1\.360/);
      assert.match(body, /Rp 12\.240/);
      assert.match(body, /WIB/);
      assert.match(page.body, /href="https:\/\/wa\.me\/\?text=[^"]*Rp%2012\.240/);
      assert.match(page.body, /data-bs-cetak/);

      // The same form sent again (double tap, retry after a lost answer): the same receipt, no new entry.
      const again = await postForm(operator, `${base}/setoran`, pairs);
      assert.equal(again.status, 303);
      assert.equal(location(again), receipt);
      assert.equal(await entries(nasabah[0]!), 1);
      assert.equal(await saldo(nasabah[0]!), 12240);

      // The same key with other content: refused, with a link to what it recorded, and a fresh key.
      const changed = pairs.map(([k, v]): [string, string] => [k, k === 'kuantitas' && v === '3' ? '4' : v]);
      const other = await postForm(operator, `${base}/setoran`, changed);
      assert.equal(other.status, 409);
      assert.match(other.body, new RegExp(`href="${receipt.replace('?ok=baru', '')}"`));
      assert.notEqual(kunciOf(other.body), kunci);
      assert.equal(await entries(nasabah[0]!), 1);
    });

    it('re-renders with field messages and writes nothing when lines are wrong', async () => {
      const before = await entries(nasabah[1]!);
      const form = await operator.get(`${base}/setoran?nasabah=${nasabah[1]}`);
      const res = await postNasabahForm(operator, `${base}/setoran`, form, nasabah[1]!, [
        ...baris([
          ['pet-bening', 'bersih', '2,5x'],
          ['', 'bersih', '4'],
          ['tembaga', 'bersih', '1'],
        ]),
        ['aksi', 'simpan'],
      ]);
      assert.equal(res.status, 400);
      assert.match(res.body, /class="alert alert-error" role="alert"/);
      assert.match(res.body, /id="f-baris\.0\.kuantitas"[^>]*aria-invalid="true"/s);
      assert.match(res.body, /id="f-baris\.0\.kuantitas-err"/);
      assert.match(res.body, /id="f-baris\.1\.jenisKode-err"[^>]*>Pilih jenis sampah\./);
      assert.match(res.body, /id="f-baris\.2\.jenisKode-err"[^>]*>Jenis sampah ini tidak dibeli bank ini\./);
      assert.match(res.body, /href="#f-baris\.0\.kuantitas"/, 'the summary links to the field');
      assert.match(res.body, /value="2,5x"/, 'values kept');
      assert.equal(await entries(nasabah[1]!), before);

      const none = await postNasabahForm(operator, `${base}/setoran`, form, nasabah[1]!, [
        ...baris([['', 'bersih', '']]),
        ['aksi', 'simpan'],
      ]);
      assert.equal(none.status, 400);
      assert.match(none.body, /Isi paling sedikit satu baris\./);
      assert.equal(await entries(nasabah[1]!), before);
    });

    it('works out the total on the server without JavaScript, and adds lines', async () => {
      const form = await operator.get(`${base}/setoran?nasabah=${nasabah[1]}`);
      const aluminium = (aksi: string) =>
        postNasabahForm(operator, `${base}/setoran`, form, nasabah[1]!, [
          ...baris([['aluminium', 'bersih', '0,5']]),
          ['aksi', aksi],
        ]);
      const res = await aluminium('hitung');
      assert.equal(res.status, 200);
      const body = text(res.body);
      assert.match(body, /Total nilai sampah Rp 6\.000/);
      assert.match(body, /Masuk ke tabungan Rp 5\.400/);
      assert.equal(await entries(nasabah[1]!), 0);
      const more = await aluminium('tambah');
      assert.equal(more.status, 200);
      assert.equal((more.body.match(/name="kuantitas"/g) ?? []).length, 4);
    });

    it('refuses an inactive member', async () => {
      await env.db.query('update bank_sampah_nasabah set aktif = false where id = $1', [nasabah[3]]);
      try {
        const res = await operator.get(`${base}/setoran?nasabah=${nasabah[3]}`);
        assert.equal(res.status, 200);
        assert.match(res.body, /Nasabah ini tidak aktif\./);
        assert.doesNotMatch(res.body, /name="kunci"/);
      } finally {
        await env.db.query('update bank_sampah_nasabah set aktif = true where id = $1', [nasabah[3]]);
      }
    });
  });

  describe('reversal', () => {
    it('needs a reason and a confirmation, then posts a reversal that shows what it reverses', async () => {
      const receipt = await deposit(operator, nasabah[2]!, [['besi', 'bersih', '2']]);
      const path = receipt.replace('?ok=baru', '');
      assert.equal(await saldo(nasabah[2]!), 6300);
      const page = await operator.get(path);
      assert.match(page.body, /Batalkan transaksi ini/);
      const kunci = kunciOf(page.body);

      const noReason = await postForm(operator, `${path}/pembatalan`, [
        ['kunci', kunci],
        ['alasan', 'abc'],
      ]);
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, /id="f-alasan"[^>]*aria-invalid="true"/s);
      assert.match(noReason.body, /Centang untuk memastikan pembatalan\./);
      assert.match(noReason.body, /<details\s+open/);
      assert.equal(await entries(nasabah[2]!), 1);

      const batal: [string, string][] = [
        ['kunci', kunci],
        ['alasan', 'salah timbang, seharusnya 1 kg'],
        ['yakin', '1'],
      ];
      const res = await postForm(operator, `${path}/pembatalan`, batal);
      assert.equal(res.status, 303, res.body.slice(0, 2000));
      const reversal = location(res);
      assert.notEqual(reversal, receipt);
      assert.equal(await saldo(nasabah[2]!), 0);
      const r = text((await operator.get(reversal)).body);
      assert.match(r, /Pembatalan Setoran No\. \d+/);
      assert.match(r, /Membatalkan No\. \d+/);
      assert.match(r, /salah timbang, seharusnya 1 kg/);
      assert.doesNotMatch(r, /Batalkan transaksi ini/, 'a reversal cannot be reversed');

      const original = await operator.get(path);
      assert.match(text(original.body), /DIBATALKAN dengan No\. \d+: salah timbang/);
      assert.doesNotMatch(original.body, /action="[^"]*\/pembatalan"/);

      // Sending the same reversal form again changes nothing.
      const again = await postForm(operator, `${path}/pembatalan`, batal);
      assert.equal(again.status, 303);
      assert.equal(location(again), reversal);
      assert.equal(await entries(nasabah[2]!), 2);
    });
  });

  describe('withdrawal', () => {
    it('refuses more than the balance with the balance in the message, and writes nothing', async () => {
      const form = await operator.get(`${base}/penarikan?nasabah=${nasabah[0]}`);
      assert.equal(form.status, 200);
      assert.match(form.body, /inputmode="numeric"/);
      const before = await entries(nasabah[0]!);
      const res = await postNasabahForm(operator, `${base}/penarikan`, form, nasabah[0]!, [
        ['jumlah', '20.000'],
      ]);
      assert.equal(res.status, 409);
      assert.match(text(res.body), /Saldo tidak cukup\. Saldo saat ini Rp 12\.240\./);
      assert.match(res.body, /id="f-jumlah"[^>]*aria-invalid="true"/s);
      assert.equal(await entries(nasabah[0]!), before);
    });

    it('pays out "10.000" and shows the receipt with the balance after', async () => {
      const form = await operator.get(`${base}/penarikan?nasabah=${nasabah[0]}`);
      const res = await postNasabahForm(operator, `${base}/penarikan`, form, nasabah[0]!, [
        ['jumlah', 'Rp 10.000'],
        ['catatan', 'untuk beli beras'],
      ]);
      assert.equal(res.status, 303, res.body.slice(0, 2000));
      assert.equal(await saldo(nasabah[0]!), 2240);
      const r = text((await operator.get(location(res))).body);
      assert.match(r, /Penarikan No\. \d+/);
      assert.match(r, /Jumlah ditarik Rp 10\.000/);
      assert.match(r, /Saldo setelah transaksi Rp 2\.240/);
    });

    it('above the threshold waits for a second person, who approves or rejects with a reason', async () => {
      await deposit(operator, nasabah[1]!, [['aluminium', 'bersih', '10']]); // 120 000 − 10% = 108 000
      assert.equal(await saldo(nasabah[1]!), 108000);
      const form = await operator.get(`${base}/penarikan?nasabah=${nasabah[1]}`);
      const res = await postNasabahForm(operator, `${base}/penarikan`, form, nasabah[1]!, [
        ['jumlah', '60.000'],
      ]);
      assert.equal(res.status, 303);
      const waiting = location(res);
      assert.match(waiting, new RegExp(`^${base}/pengajuan/[0-9a-f-]{36}$`));
      const page = await operator.get(waiting);
      assert.equal(page.status, 200);
      assert.match(text(page.body), /Menunggu persetujuan/);
      assert.doesNotMatch(page.body, /name="keputusan"/, 'the requester cannot decide');
      assert.equal(await saldo(nasabah[1]!), 108000);

      const admin = await env.as('admin_kota');
      const list = await admin.get(`${base}/pengajuan`);
      assert.match(list.body, /name="keputusan" value="setuju"/);
      const id = waiting.split('/').at(-1)!;
      const noReason = await postForm(admin, `${base}/pengajuan/${id}/keputusan`, [['keputusan', 'tolak']]);
      assert.equal(noReason.status, 400);
      assert.match(noReason.body, new RegExp(`id="alasan-${id}"[^>]*aria-invalid="true"`, 's'));
      const ok = await postForm(admin, `${base}/pengajuan/${id}/keputusan`, [['keputusan', 'setuju']]);
      assert.equal(ok.status, 303);
      assert.match(location(ok), new RegExp(`^${base}/jurnal/[0-9a-f-]{36}\\?ok=baru$`));
      assert.equal(await saldo(nasabah[1]!), 48000);
      const twice = await postForm(admin, `${base}/pengajuan/${id}/keputusan`, [['keputusan', 'setuju']]);
      assert.equal(twice.status, 409);
      assert.match(text(twice.body), /sudah diputuskan/);
      assert.equal(await saldo(nasabah[1]!), 48000);
    });
  });

  describe('sale', () => {
    it('sells stock to a collector at an agreed price, never more than in stock', async () => {
      const form = await operator.get(`${base}/penjualan`);
      assert.equal(form.status, 200);
      assert.match(form.body, /Botol PET bening — stok 2,5 kg/);
      const kunci = kunciOf(form.body);
      const jual = (kuantitas: string) =>
        postForm(operator, `${base}/penjualan`, [
          ['kunci', kunci],
          ['pembeli', 'pengepul'],
          ['pembeliNama', 'Pak Darto'],
          ['jenisKode', 'pet-bening'],
          ['kuantitas', kuantitas],
          ['hargaSatuan', '5.000'],
          ['aksi', 'simpan'],
        ]);
      const over = await jual('3');
      assert.equal(over.status, 400);
      assert.match(text(over.body), /Melebihi stok\. Stok saat ini 2,5 kg\./);
      const ok = await jual('2');
      assert.equal(ok.status, 303, ok.body.slice(0, 2000));
      const r = text((await operator.get(location(ok))).body);
      assert.match(r, /Penjualan No\. \d+/);
      assert.match(r, /Pak Darto/);
      assert.match(r, /Diterima bank Rp 10\.000/);
    });
  });

  describe('sale to the induk', () => {
    it("defaults to the bank's induk and values the lines at the induk's prices less its share", async () => {
      const induk = await seedBank(env.db, { tingkat: 'induk', bagiHasil: 5 });
      await seedHarga(env.db, induk, { kardus: [2500, 1500] });
      const unit = await seedBank(env.db, { indukId: induk.id });
      await seedHarga(env.db, unit, STANDARD_PRICES);
      const [member] = await seedNasabah(env.db, unit, 1);
      const unitBase = `${CITY}/${unit.id}`;
      const form1 = await operator.get(`${unitBase}/setoran?nasabah=${member}`);
      const dep = await postNasabahForm(operator, `${unitBase}/setoran`, form1, member!, [
        ...baris([['kardus', 'bersih', '10']]),
      ]);
      assert.equal(dep.status, 303);

      const form = await operator.get(`${unitBase}/penjualan`);
      assert.equal(form.status, 200);
      assert.match(form.body, /id="f-pembeli-induk"[^>]*checked/s);
      assert.match(form.body, new RegExp(`<option value="${induk.id}"\\s+selected`));
      const jual = (aksi: string) =>
        postForm(operator, `${unitBase}/penjualan`, [
          ['kunci', kunciOf(form.body)],
          ['pembeli', 'induk'],
          ['indukId', induk.id],
          ['jenisKode', 'kardus'],
          ['kuantitas', '4'],
          ['hargaSatuan', ''],
          ['aksi', aksi],
        ]);
      const preview = await jual('hitung');
      assert.equal(preview.status, 200);
      assert.match(
        text(preview.body),
        /Total nilai penjualan Rp 10\.000 Bagi hasil bank induk Rp 500 Diterima bank Rp 9\.500/,
      );
      const sold = await jual('simpan');
      assert.equal(sold.status, 303, sold.body.slice(0, 2000));
      const r = text((await operator.get(location(sold))).body);
      assert.match(r, /Penjualan No\. \d+/);
      assert.match(r, /Bagi hasil bank induk Rp 500/);
      assert.match(r, /Diterima bank Rp 9\.500/);
      const home = text((await operator.get(unitBase)).body);
      assert.match(home, /Tabungan di bank induk Rp 9\.500/);
      assert.match(home, /Kardus 6 kg/);
    });
  });

  describe('journal', () => {
    it('lists entries newest first with filters', async () => {
      const all = await operator.get(`${base}/jurnal`);
      assert.equal(all.status, 200);
      assert.match(all.body, /<caption id="cap-jurnal">/);
      const only = await operator.get(`${base}/jurnal?jenis=penarikan&dari=&sampai=`);
      assert.equal(only.status, 200);
      const body = text(only.body);
      assert.match(body, /Penarikan/);
      assert.doesNotMatch(body.split('Nasabah atau pembeli')[1] ?? '', /Setoran/);
      const future = await operator.get(`${base}/jurnal?dari=2099-01-01`);
      assert.match(text(future.body), /Belum ada transaksi\./);
    });
  });

  describe('passbook', () => {
    it('shows the running balance, and a PDF with the member number', async () => {
      const page = await operator.get(`${base}/nasabah/${nasabah[0]}/buku`);
      assert.equal(page.status, 200);
      const body = text(page.body);
      assert.match(body, new RegExp(nomor[0]!));
      assert.match(body, /Saldo awal Rp 0/);
      assert.match(body, /Rp 12\.240/);
      assert.match(body, /Rp 2\.240/);

      const pdf = await operator.getRaw(`${base}/nasabah/${nasabah[0]}/buku.pdf`);
      assert.equal(pdf.statusCode, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.match(
        String(pdf.headers['content-disposition']),
        /^inline; filename="buku-tabungan-[A-Z0-9-]+\.pdf"$/,
      );
      const raw = pdf.rawPayload;
      assert.equal(raw.subarray(0, 5).toString('latin1'), '%PDF-');
      assert.ok(
        raw.toString('latin1').includes(`(Buku tabungan ${nomor[0]})`),
        'the member number is in the title',
      );
      const printed = pdfText(raw);
      assert.ok(printed.includes(nomor[0]!), 'the member number is printed');
      assert.ok(printed.includes('Rp 12.240'), 'amounts in id-ID');
      assert.match(printed, /Halaman 1 dari 1/);
    });

    it('a warga sees their own savings and passbook, and no one else’s', async () => {
      const nobody = await env.as('pelaku_umkm');
      const empty = await nobody.get(`${CITY}/saya`);
      assert.equal(empty.status, 200);
      assert.match(text(empty.body), /belum tersambung/);
      const warga = await env.as('warga');
      assert.doesNotMatch((await warga.get(`${CITY}/saya`)).body, new RegExp(nasabah[0]!));
      const me = await env.db.query<{ id: string }>(
        "select id from users where email = 'warga@bandung.demo'",
      );
      await env.db.query('update bank_sampah_nasabah set user_id = $1 where id = $2', [
        me.rows[0]!.id,
        nasabah[0],
      ]);
      try {
        const mine = await warga.get(`${CITY}/saya`);
        assert.match(text(mine.body), /Rp 2\.240/);
        assert.match(mine.body, new RegExp(`href="${base}/nasabah/${nasabah[0]}/buku"`));
        const own = await warga.get(`${base}/nasabah/${nasabah[0]}/buku`);
        assert.equal(own.status, 200);
        assert.doesNotMatch(own.body, new RegExp(`href="${base}/jurnal/`), 'no links to officer pages');
        assert.equal((await warga.get(`${base}/nasabah/${nasabah[0]}/buku.pdf`)).status, 200);
        assert.equal((await warga.get(`${base}/nasabah/${nasabah[1]}/buku`)).status, 404);
        assert.equal((await warga.get(`${base}/nasabah/${nasabah[1]}/buku.pdf`)).status, 404);
        assert.equal((await warga.get(`${base}/jurnal`)).status, 404);
      } finally {
        await env.db.query('update bank_sampah_nasabah set user_id = null where id = $1', [nasabah[0]]);
      }
    });
  });

  describe('language', () => {
    it('pages read in English too', async () => {
      const c = await env.as('pengurus_rw');
      c.cookies.set('balai_lang', 'en');
      const res = await c.get(`${base}/setoran?nasabah=${nasabah[0]}`);
      assert.equal(res.status, 200);
      assert.match(res.body, /Waste deposit/);
      assert.doesNotMatch(res.body, /bankSampah\./, 'no untranslated keys');
    });
  });
});

/** The text drawn in a PDF: inflated content streams, hex strings decoded and joined. */
function pdfText(pdf: Buffer): string {
  let out = '';
  const s = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString('latin1');
      for (const h of content.matchAll(/<([0-9a-fA-F]+)>/g))
        out += Buffer.from(h[1]!, 'hex').toString('latin1');
      out += '\n';
    } catch {
      // not a deflated stream
    }
  }
  return out;
}
