import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client } from '../../../tests/helpers/app.ts';
import { decrypt } from '../../platform/privacy.ts';
import { loadConfig } from '../../platform/config.ts';
import type { BankView } from './bank-service.ts';
import type { NasabahView } from './nasabah-service.ts';
import type { DaftarHarga, HargaRiwayat, RiwayatHarga } from './katalog-admin.ts';
import type { Jenis } from './katalog.ts';
import { JABATAN, JENIS_NASABAH, LEMBAGA, TINGKAT_BANK } from './admin-schemas.ts';
import { KONDISI, SATUAN } from './katalog-admin.ts';
import { assertCheckValues } from '../../../tests/helpers/check-values.ts';
import {
  API,
  BANDUNG,
  DEMO_RW_KEL,
  seedBank,
  seedHarga,
  useBankSampahBalai,
} from '../../../tests/helpers/bank-sampah-fixtures.ts';

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}
interface Page<T> {
  items: T[];
  total: number;
}

const env = useBankSampahBalai();
const { as } = env;
/** The same key the test Balai uses (development key). */
const dataKey = loadConfig({ NODE_ENV: 'test' }).dataKey;
const NEIGHBOUR_KEL = '32.73.01.1002';
const NIK = '3273012345670001';

async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const r = await env.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${where}`,
    params,
  );
  return r.rows[0]!.n;
}

function pointers(res: { json<T>(): T }): string[] {
  return (res.json<Problem>().errors ?? []).map((e) => e.pointer);
}

describe('banks', () => {
  it('a kelurahan officer creates banks in their own kelurahan only; phones are masked', async () => {
    const lurah = await as('petugas_kelurahan');
    const created = await lurah.post(`${API}/banks`, {
      nama: '  Bank Sampah   Berseri ',
      kelurahanKode: DEMO_RW_KEL,
      rwNomor: 2,
      telepon: '0812-3456-7890',
      jamBuka: 'Sabtu 08.00–11.00',
      ambangPersetujuan: 500000,
      bagiHasilPersen: 10,
    });
    assert.equal(created.status, 201, created.body);
    const bank = created.json<BankView>();
    assert.match(bank.kode, /^BSU-\d{4}$/);
    assert.equal(bank.nama, 'Bank Sampah Berseri');
    assert.equal(bank.tingkat, 'unit');
    assert.equal(bank.lembaga, 'rw');
    assert.equal(bank.areaKode, `${DEMO_RW_KEL}.002`);
    assert.equal(bank.rwNomor, 2);
    assert.equal(bank.kelurahanKode, DEMO_RW_KEL);
    assert.ok(bank.kelurahanNama && bank.kecamatanNama);
    assert.equal(bank.telepon, '0812****7890');
    assert.equal(bank.bagiHasilPersen, 10);
    const stored = await env.db.query('select telepon, rw_id from bank_sampah where id = $1', [bank.id]);
    assert.equal(stored.rows[0].telepon, '081234567890');
    assert.ok(stored.rows[0].rw_id);

    // An institution's bank is scoped to its kelurahan.
    const sekolah = await lurah.post(`${API}/banks`, {
      nama: 'Bank Sampah SDN 1',
      lembaga: 'sekolah',
      kelurahanKode: DEMO_RW_KEL,
    });
    assert.equal(sekolah.status, 201, sekolah.body);
    assert.equal(sekolah.json<BankView>().areaKode, DEMO_RW_KEL);
    assert.equal(sekolah.json<BankView>().rwId, null);

    const before = await count('bank_sampah');
    const outside = await lurah.post(`${API}/banks`, {
      nama: 'Bank Sampah Tetangga',
      kelurahanKode: NEIGHBOUR_KEL,
      rwNomor: 1,
    });
    assert.equal(outside.status, 403, outside.body);
    assert.deepEqual(pointers(outside), ['/body/rwNomor']);
    const induk = await lurah.post(`${API}/banks`, { nama: 'Bank Sampah Induk Kelurahan', tingkat: 'induk' });
    assert.equal(induk.status, 403);
    assert.deepEqual(pointers(induk), ['/body/tingkat']);
    assert.equal(await count('bank_sampah'), before, 'nothing written');

    // The list: own banks, filtered.
    const list = (await lurah.get(`${API}/banks?kelurahan=${DEMO_RW_KEL}&perPage=200`)).json<
      Page<BankView>
    >();
    assert.ok(list.items.some((b) => b.id === bank.id));
    assert.ok(list.items.every((b) => b.kelurahanKode === DEMO_RW_KEL && /\*{4}/.test(b.telepon ?? '****')));
  });

  it('admin kota creates induk banks; units link to them; areas decide who sees and changes what', async () => {
    const admin = await as('admin_kota');
    const induk = await admin.post(`${API}/banks`, { nama: 'Bank Sampah Induk Kota', tingkat: 'induk' });
    assert.equal(induk.status, 201, induk.body);
    const i = induk.json<BankView>();
    assert.match(i.kode, /^BSI-\d{2}$/);
    assert.equal(i.areaKode, BANDUNG);

    const lurah = await as('petugas_kelurahan');
    const rw3 = (
      await lurah.post(`${API}/banks`, { nama: 'Bank Sampah RW 03', kelurahanKode: DEMO_RW_KEL, rwNomor: 3 })
    ).json<BankView>();
    const patched = await lurah.patch(`${API}/banks/${rw3.id}`, {
      indukId: i.id,
      warisiHargaInduk: true,
      telepon: null,
      jamBuka: 'Minggu pagi',
    });
    assert.equal(patched.status, 200, patched.body);
    const p = patched.json<BankView>();
    assert.deepEqual(
      [p.induk?.id, p.warisiHargaInduk, p.telepon, p.jamBuka],
      [i.id, true, null, 'Minggu pagi'],
    );
    // Moving it out of the area is refused.
    const moved = await lurah.patch(`${API}/banks/${rw3.id}`, { kelurahanKode: NEIGHBOUR_KEL, rwNomor: 1 });
    assert.equal(moved.status, 403);
    // The kelurahan officer does not see the city's induk bank, so cannot change it.
    assert.equal((await lurah.patch(`${API}/banks/${i.id}`, { nama: 'Diubah' })).status, 404);

    // The pengurus RW of RW 001 sees banks of RW 001, not of RW 003 (404), and manages none.
    const ketuaRw = await as('pengurus_rw');
    const own = await seedBank(env.db);
    assert.equal((await ketuaRw.get(`${API}/banks/${rw3.id}`)).status, 404);
    assert.equal((await ketuaRw.patch(`${API}/banks/${rw3.id}`, { nama: 'Diambil alih' })).status, 404);
    const seen = await ketuaRw.get(`${API}/banks/${own.id}`);
    assert.equal(seen.status, 200);
    assert.deepEqual(seen.json<{ hak: { transaksi: boolean; kelola: boolean } }>().hak, {
      lihat: true,
      transaksi: true,
      kelola: false,
      setujui: false,
      jabatan: null,
    });
    assert.equal((await ketuaRw.patch(`${API}/banks/${own.id}`, { nama: 'Diubah' })).status, 403);
    assert.equal(
      (await ketuaRw.post(`${API}/banks`, { nama: 'Bank Baru', kelurahanKode: DEMO_RW_KEL, rwNomor: 1 }))
        .status,
      403,
    );
    const mine = (await ketuaRw.get(`${API}/banks?perPage=200`)).json<Page<BankView>>();
    assert.ok(mine.items.length > 0 && mine.items.every((b) => b.areaKode === `${DEMO_RW_KEL}.001`));

    // Another city's admin sees nothing of it.
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/bank-sampah/banks/${rw3.id}`)).status, 404);
  });

  it('pengurus: a warga appointed teller operates the bank; removal takes the rights away', async () => {
    const lurah = await as('petugas_kelurahan');
    const bank = (
      await lurah.post(`${API}/banks`, { nama: 'Bank Sampah RW 04', kelurahanKode: DEMO_RW_KEL, rwNomor: 4 })
    ).json<BankView>();
    const warga = await as('warga');
    assert.equal((await warga.get(`${API}/banks/${bank.id}`)).status, 404);
    const page = await warga.get('/bandung/bank-sampah');
    assert.equal(page.status, 303);
    assert.equal(page.headers.location, '/bandung/bank-sampah/saya');

    const added = await lurah.post(`${API}/banks/${bank.id}/pengurus`, {
      email: 'WARGA@bandung.demo',
      jabatan: 'teller',
    });
    assert.equal(added.status, 201, added.body);
    const p = added.json<{ userId: string; email: string; jabatan: string }>();
    assert.equal(p.jabatan, 'teller');
    assert.match(p.email, /^w\*+@bandung\.demo$/);
    const again = await lurah.post(`${API}/banks/${bank.id}/pengurus`, {
      userId: p.userId,
      jabatan: 'ketua',
    });
    assert.equal(again.status, 200);
    assert.equal(
      (await lurah.get(`${API}/banks/${bank.id}/pengurus`)).json<{ items: unknown[] }>().items.length,
      1,
    );

    const hak = (await warga.get(`${API}/banks/${bank.id}`)).json<{
      hak: { jabatan: string; kelola: boolean };
    }>().hak;
    assert.equal(hak.jabatan, 'ketua');
    assert.equal(hak.kelola, true);
    assert.equal((await warga.get('/bandung/bank-sampah')).status, 200);
    // A ketua appoints by email but does not search the city's accounts.
    const ownPage = await warga.get(`/bandung/bank-sampah/${bank.id}/pengurus?q=demo`);
    assert.equal(ownPage.status, 200);
    assert.match(ownPage.body, /id="f-email"/);
    assert.doesNotMatch(ownPage.body, /Pengguna yang cocok|name="q"/);
    // The ketua manages settings but cannot move the bank elsewhere.
    assert.equal((await warga.patch(`${API}/banks/${bank.id}`, { jamBuka: 'Jumat sore' })).status, 200);
    assert.equal(
      (await warga.patch(`${API}/banks/${bank.id}`, { rwNomor: 5, kelurahanKode: DEMO_RW_KEL })).status,
      403,
    );

    const bad = await lurah.post(`${API}/banks/${bank.id}/pengurus`, {
      email: 'tidak.ada@contoh.id',
      jabatan: 'bos',
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(pointers(bad).sort(), ['/body/jabatan']);
    const unknown = await lurah.post(`${API}/banks/${bank.id}/pengurus`, {
      email: 'tidak.ada@contoh.id',
      jabatan: 'teller',
    });
    assert.equal(unknown.status, 400);
    assert.deepEqual(pointers(unknown), ['/body/email']);

    assert.equal((await lurah.delete(`${API}/banks/${bank.id}/pengurus/${p.userId}`)).status, 204);
    assert.equal((await lurah.delete(`${API}/banks/${bank.id}/pengurus/${p.userId}`)).status, 404);
    assert.equal((await warga.get(`${API}/banks/${bank.id}`)).status, 404);
  });

  it('bad bank input is a 400 problem with pointers and writes nothing', async () => {
    const lurah = await as('petugas_kelurahan');
    const before = await count('bank_sampah');
    const cases: [unknown, string][] = [
      [{ kelurahanKode: DEMO_RW_KEL, rwNomor: 6 }, '/body/nama'],
      [{ nama: 'Bank', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, telepon: '12-ab' }, '/body/telepon'],
      [{ nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 0 }, '/body/rwNomor'],
      [{ nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 998 }, '/body/rwNomor'],
      [{ nama: 'Bank X' }, '/body/rwId'],
      [{ nama: 'Bank X', kelurahanKode: '36.73.01.1001', rwNomor: 1 }, '/body/kelurahanKode'],
      [{ nama: 'Bank X', rwId: randomUUID() }, '/body/rwId'],
      [
        { nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, bagiHasilPersen: 60 },
        '/body/bagiHasilPersen',
      ],
      [
        { nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, ambangPersetujuan: 0 },
        '/body/ambangPersetujuan',
      ],
      [{ nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, kode: 'bsu 1' }, '/body/kode'],
      [
        { nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, warisiHargaInduk: true },
        '/body/warisiHargaInduk',
      ],
      [{ nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, indukId: randomUUID() }, '/body/indukId'],
      [{ nama: 'Bank X', kelurahanKode: DEMO_RW_KEL, rwNomor: 6, warna: 'hijau' }, '/body/warna'],
      [{ nama: 'Bank X', lembaga: 'pabrik', kelurahanKode: DEMO_RW_KEL }, '/body/lembaga'],
    ];
    for (const [body, pointer] of cases) {
      const res = await lurah.post(`${API}/banks`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)} -> ${res.body}`);
    }
    const first = await lurah.post(`${API}/banks`, {
      nama: 'Bank Kode',
      kelurahanKode: DEMO_RW_KEL,
      rwNomor: 6,
      kode: 'KODE-UJI',
    });
    assert.equal(first.status, 201);
    const dup = await lurah.post(`${API}/banks`, {
      nama: 'Bank Kode 2',
      kelurahanKode: DEMO_RW_KEL,
      rwNomor: 5,
      kode: 'kode-uji',
    });
    assert.equal(dup.status, 409);
    assert.deepEqual(pointers(dup), ['/body/kode']);
    assert.equal(await count('bank_sampah'), before + 1);
  });
});

describe('members', () => {
  it('registers members with generated numbers; the NIK is encrypted at rest and masked everywhere', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    const res = await op.post(`${API}/banks/${bank.id}/nasabah`, {
      nama: 'Siti Aminah',
      telepon: '0812 9876 5432',
      alamat: 'Jl. Mawar 5',
      nik: NIK,
      nikTujuan: 'Penyaluran bantuan sosial',
    });
    assert.equal(res.status, 201, res.body);
    const n = res.json<NasabahView>();
    assert.equal(n.nomor, `${bank.kode}-0001`);
    assert.equal(n.telepon, '0812****5432');
    assert.equal(n.nik, '3273********0001');
    assert.equal(n.rw?.kode, `${DEMO_RW_KEL}.001`, "the bank's RW by default");
    assert.equal(n.saldo, 0);

    const row = (await env.db.query('select * from bank_sampah_nasabah where id = $1', [n.id])).rows[0];
    assert.ok(!String(row.nik_enc).includes(NIK), 'no plaintext NIK in nik_enc');
    assert.ok(!Buffer.from(row.nik_enc, 'base64').toString('latin1').includes(NIK));
    assert.equal(decrypt(dataKey, Buffer.from(row.nik_enc, 'base64')), NIK);
    assert.equal(row.nik_samaran, '3273********0001');
    const audit = await env.db.query(`select after::text as a from audit_log where entity_id = $1`, [n.id]);
    assert.ok(
      audit.rows.length > 0 && audit.rows.every((a) => !a.a.includes(NIK) && !a.a.includes(row.nik_enc)),
    );

    const second = (
      await op.post(`${API}/banks/${bank.id}/nasabah`, { nama: 'Budi', jenis: 'lembaga' })
    ).json<NasabahView>();
    assert.equal(second.nomor, `${bank.kode}-0002`);
    assert.equal(second.nik, null);

    // Concurrent registrations get distinct numbers.
    const many = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => op.post(`${API}/banks/${bank.id}/nasabah`, { nama: `Serentak ${i}` })),
    );
    assert.deepEqual(
      many.map((r) => r.status),
      [201, 201, 201, 201, 201],
    );
    const nomor = many.map((r) => r.json<NasabahView>().nomor).sort();
    assert.deepEqual(
      nomor,
      [3, 4, 5, 6, 7].map((i) => `${bank.kode}-000${i}`),
    );

    // List and detail: masked, searchable by name, number and phone digits.
    const list = (await op.get(`${API}/banks/${bank.id}/nasabah?q=siti`)).json<Page<NasabahView>>();
    assert.deepEqual(
      list.items.map((x) => [x.nama, x.telepon, x.nik]),
      [['Siti Aminah', '0812****5432', '3273********0001']],
    );
    assert.equal(
      (await op.get(`${API}/banks/${bank.id}/nasabah?q=98765`)).json<Page<NasabahView>>().total,
      1,
    );
    assert.equal(
      (await op.get(`${API}/banks/${bank.id}/nasabah?q=6281298765`)).json<Page<NasabahView>>().total,
      1,
    );
    assert.equal(
      (await op.get(`${API}/banks/${bank.id}/nasabah?q=-0002`)).json<Page<NasabahView>>().items[0]?.nama,
      'Budi',
    );
    const detail = await op.get(`${API}/banks/${bank.id}/nasabah/${n.id}`);
    assert.doesNotMatch(detail.body, new RegExp(NIK));
    assert.doesNotMatch(detail.body, /081298765432/);

    // Pages show masked values only; the edit form holds the full phone but never the NIK.
    const page = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah/${n.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /3273\*{8}0001/);
    assert.match(page.body, /0812\*{4}5432/);
    assert.doesNotMatch(page.body, new RegExp(NIK));
    assert.match(page.body, new RegExp(`/bandung/bank-sampah/${bank.id}/nasabah/${n.id}/buku`));
    assert.match(page.body, new RegExp(`/bandung/bank-sampah/${bank.id}/setoran\\?nasabah=${n.id}`));
    assert.doesNotMatch(page.body, /Tampilkan NIK lengkap/, 'the pengurus RW may not read NIKs');
    const listPage = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah`);
    assert.equal(listPage.status, 200);
    assert.match(listPage.body, /0812\*{4}5432/);
    assert.doesNotMatch(listPage.body, new RegExp(NIK));
    const edit = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah/${n.id}/ubah`);
    assert.match(edit.body, /value="081298765432"/);
    assert.doesNotMatch(edit.body, new RegExp(NIK));

    // Deactivated, not deleted.
    const off = await op.patch(`${API}/banks/${bank.id}/nasabah/${second.id}`, { aktif: false });
    assert.equal(off.status, 200);
    assert.equal(off.json<NasabahView>().aktif, false);
    assert.equal(
      (await op.get(`${API}/banks/${bank.id}/nasabah?aktif=false`)).json<Page<NasabahView>>().total,
      1,
    );
  });

  it('the full NIK only for the permission, and every read leaves an audit row', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    const n = (
      await op.post(`${API}/banks/${bank.id}/nasabah`, {
        nama: 'Rahmat',
        nik: NIK,
        nikTujuan: 'Data bantuan',
      })
    ).json<NasabahView>();
    const url = `${API}/banks/${bank.id}/nasabah/${n.id}/nik`;
    const reads = () => count('audit_log', `action = 'read' and entity_id = $1`, [n.id]);

    assert.equal((await op.get(url)).status, 403);
    assert.equal((await (await as('petugas_kelurahan')).get(url)).status, 403);
    assert.equal(await reads(), 0);

    const admin = await as('admin_kota');
    const r = await admin.get(`${url}?tujuan=${encodeURIComponent('Verifikasi penerima bantuan')}`);
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(r.json(), { nasabahId: n.id, nik: NIK, nikTujuan: 'Data bantuan' });
    assert.equal(r.headers['cache-control'], 'no-store');
    const log = await env.db.query(
      `select entity, user_role, after from audit_log where action = 'read' and entity_id = $1`,
      [n.id],
    );
    assert.equal(log.rows.length, 1);
    assert.equal(log.rows[0].entity, 'bank_sampah_nasabah');
    assert.equal(log.rows[0].user_role, 'admin_kota');
    assert.deepEqual(log.rows[0].after, { kolom: 'nik', tujuan: 'Verifikasi penerima bantuan' });

    // The member page: a form asking the purpose; the NIK shows after posting it, logged again.
    const page = await admin.get(`/bandung/bank-sampah/${bank.id}/nasabah/${n.id}`);
    assert.match(page.body, /Tampilkan NIK lengkap/);
    assert.doesNotMatch(page.body, new RegExp(NIK));
    const noPurpose = await admin.request('POST', `/bandung/bank-sampah/${bank.id}/nasabah/${n.id}/nik`, {
      form: { tujuan: '' },
    });
    assert.equal(noPurpose.status, 400);
    assert.doesNotMatch(noPurpose.body, new RegExp(NIK));
    assert.equal(await reads(), 1);
    const shown = await admin.request('POST', `/bandung/bank-sampah/${bank.id}/nasabah/${n.id}/nik`, {
      form: { tujuan: 'Cek data ganda' },
    });
    assert.equal(shown.status, 200);
    assert.match(shown.body, new RegExp(NIK));
    assert.equal(await reads(), 2);

    // Without a stored NIK there is nothing to read (and nothing logged).
    const tanpa = (
      await op.post(`${API}/banks/${bank.id}/nasabah`, { nama: 'Tanpa NIK' })
    ).json<NasabahView>();
    assert.equal((await admin.get(`${API}/banks/${bank.id}/nasabah/${tanpa.id}/nik`)).status, 404);
    assert.equal(await count('audit_log', `action = 'read' and entity_id = $1`, [tanpa.id]), 0);
  });

  it('changes the NIK and its purpose; bad member input is a 400 with pointers and writes nothing', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    const base = `${API}/banks/${bank.id}/nasabah`;
    const before = await count('bank_sampah_nasabah');
    const cases: [unknown, string][] = [
      [{ nama: 'A' }, '/body/nama'],
      [{ nama: 'Ani', nik: '123' }, '/body/nik'],
      [{ nama: 'Ani', nik: NIK }, '/body/nikTujuan'],
      [{ nama: 'Ani', telepon: 'nomor saya' }, '/body/telepon'],
      [{ nama: 'Ani', rwId: randomUUID() }, '/body/rwId'],
      [{ nama: 'Ani', kelurahanKode: DEMO_RW_KEL, rwNomor: 998 }, '/body/rwNomor'],
      [{ nama: 'Ani', userEmail: 'tidak.ada@contoh.id' }, '/body/userEmail'],
      [{ nama: 'Ani', jenis: 'bank_unit' }, '/body/jenis'],
      [{ nama: 'Ani', saldo: 1000 }, '/body/saldo'],
      [{ nama: 'Ani', nomor: 'no 1' }, '/body/nomor'],
    ];
    for (const [body, pointer] of cases) {
      const res = await op.post(base, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)} -> ${res.body}`);
    }
    assert.equal(await count('bank_sampah_nasabah'), before, 'nothing written');

    const n = (
      await op.post(base, { nama: 'Euis', nomor: 'lama-17', userEmail: 'warga@bandung.demo' })
    ).json<NasabahView>();
    assert.equal(n.nomor, 'LAMA-17');
    assert.ok(n.akun?.nama);
    assert.equal((await op.post(base, { nama: 'Euis 2', nomor: 'LAMA-17' })).status, 409);
    const withNik = await op.patch(`${base}/${n.id}`, { nik: NIK, nikTujuan: 'Program beasiswa' });
    assert.equal(withNik.status, 200, withNik.body);
    assert.equal(withNik.json<NasabahView>().nik, '3273********0001');
    assert.equal((await op.patch(`${base}/${n.id}`, { nikTujuan: null })).status, 400);
    const removed = await op.patch(`${base}/${n.id}`, { nik: null, userEmail: null });
    assert.deepEqual(
      [
        removed.json<NasabahView>().nik,
        removed.json<NasabahView>().nikTujuan,
        removed.json<NasabahView>().akun,
      ],
      [null, null, null],
    );
    const row = (
      await env.db.query('select nik_enc, nik_samaran from bank_sampah_nasabah where id = $1', [n.id])
    ).rows[0];
    assert.deepEqual(row, { nik_enc: null, nik_samaran: null });

    // Another RW's pengurus does not see the member; the bank of another RW answers 404.
    const other = await seedBank(env.db, { rwNomor: 2 });
    assert.equal((await op.get(`${API}/banks/${other.id}/nasabah`)).status, 404);
    assert.equal((await op.post(`${API}/banks/${other.id}/nasabah`, { nama: 'Menyusup' })).status, 404);
  });

  it('registration and member pages work as forms', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    const form = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah/baru`);
    assert.equal(form.status, 200);
    assert.match(form.body, /<option value="32\.73\.01\.1001" selected>/);
    assert.match(form.body, /id="f-rwNomor"[^>]*value="1"/s);
    const bad = await op.request('POST', `/bandung/bank-sampah/${bank.id}/nasabah`, {
      form: { nama: 'Dewi', nik: '3273', nikTujuan: '' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="f-nik"[^>]*aria-invalid="true"/s);
    assert.match(bad.body, /<p class="error" id="f-nik-err">NIK harus 16 angka\.<\/p>/);
    assert.match(bad.body, /value="Dewi"/);
    const ok = await op.request('POST', `/bandung/bank-sampah/${bank.id}/nasabah`, {
      form: { nama: 'Dewi', telepon: '081211112222', kelurahanKode: DEMO_RW_KEL, rwNomor: '2' },
    });
    assert.equal(ok.status, 303, ok.body);
    const location = String(ok.headers.location);
    assert.match(location, new RegExp(`^/bandung/bank-sampah/${bank.id}/nasabah/[0-9a-f-]{36}\\?ok=dibuat$`));
    const page = await op.get(location);
    assert.match(page.body, new RegExp(`Nasabah terdaftar dengan nomor ${bank.kode}-0001`));
    assert.match(page.body, /RW 002/);
    const id = location.split('/').at(-1)!.split('?')[0]!;
    const saved = await op.request('POST', `/bandung/bank-sampah/${bank.id}/nasabah/${id}`, {
      form: { nama: 'Dewi Lestari', telepon: '', kelurahanKode: DEMO_RW_KEL, rwNomor: '2' },
    });
    assert.equal(saved.status, 303, saved.body);
    const after = (await op.get(`${API}/banks/${bank.id}/nasabah/${id}`)).json<NasabahView>();
    assert.deepEqual([after.nama, after.telepon, after.aktif], ['Dewi Lestari', null, false]);
  });

  it('the member card prints the member and a QR code of the member page', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    const n = (await op.post(`${API}/banks/${bank.id}/nasabah`, { nama: 'Asep' })).json<NasabahView>();
    const card = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah/${n.id}/kartu`, {
      host: 'balai.contoh.id',
    });
    assert.equal(card.status, 200);
    assert.match(card.body, /Kota Bandung/);
    assert.match(card.body, new RegExp(`${bank.kode}-0001`));
    assert.match(card.body, /<svg[^>]*viewBox/);
    assert.match(card.body, /<style media="print">/);
    // The print button is shown by the script; the note about JavaScript only without it.
    assert.match(card.body, /<button type="button" class="primary" data-bs-cetak hidden>/);
    assert.match(card.body, /<script src="\/assets\/js\/bank-sampah\.js" defer><\/script>/);
    assert.match(card.body, /<noscript><p class="meta no-print">Tombol cetak memerlukan JavaScript/);
    assert.equal(card.body.match(/Tombol cetak memerlukan JavaScript/g)?.length, 1);
    assert.match(card.body, /role="img"\s+aria-label="Kode QR nasabah/);
    // The QR encodes the absolute URL of the member page (checked by decoding the same input).
    const { memberUrl, qrSvg } = await import('./kartu.ts');
    const expected = `http://balai.contoh.id/bandung/bank-sampah/${bank.id}/nasabah/${n.id}`;
    const fake = { protocol: 'http', host: 'balai.contoh.id', city: { slug: 'bandung' } };
    assert.equal(memberUrl(fake as never, bank.id, n.id), expected);
    assert.ok(card.body.includes(await qrSvg(expected)));
    const other = await seedBank(env.db, { rwNomor: 2 });
    assert.equal((await op.get(`/bandung/bank-sampah/${other.id}/nasabah/${n.id}/kartu`)).status, 404);
  });

  it('the list shows balances from the ledger', async () => {
    const op = await as('pengurus_rw');
    const bank = await seedBank(env.db);
    await seedHarga(env.db, bank, { kardus: [2000, 1000] });
    const n = (await op.post(`${API}/banks/${bank.id}/nasabah`, { nama: 'Penabung' })).json<NasabahView>();
    const dep = await op.request('POST', `${API}/banks/${bank.id}/setoran`, {
      json: { nasabahId: n.id, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: '2,5' }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(dep.status, 201, dep.body);
    const list = (await op.get(`${API}/banks/${bank.id}/nasabah`)).json<Page<NasabahView>>();
    assert.equal(list.items.find((x) => x.id === n.id)?.saldo, 5000);
    const page = await op.get(`/bandung/bank-sampah/${bank.id}/nasabah`);
    assert.match(page.body, /Rp\s?5\.000/);
  });
});

describe('items and prices', () => {
  it('prices are history: inheritance from the induk, own overrides, future prices not yet in force', async () => {
    const admin = await as('admin_kota');
    const induk = (
      await admin.post(`${API}/banks`, { nama: 'Induk Harga', tingkat: 'induk' })
    ).json<BankView>();
    const lurah = await as('petugas_kelurahan');
    const unit = (
      await lurah.post(`${API}/banks`, {
        nama: 'Unit Harga',
        kelurahanKode: DEMO_RW_KEL,
        rwNomor: 5,
        indukId: induk.id,
        warisiHargaInduk: true,
      })
    ).json<BankView>();
    const set = (c: Client, bankId: string, body: unknown) => c.post(`${API}/banks/${bankId}/harga`, body);
    const price = async (bankId: string, kode: string) => {
      const d = (await lurah.get(`${API}/banks/${bankId}/harga`)).json<DaftarHarga>();
      return d.items.find((i) => i.jenis.kode === kode)!.harga;
    };

    assert.equal(
      (await set(admin, induk.id, { jenisKode: 'kardus', kondisi: 'bersih', harga: 2000 })).status,
      201,
    );
    assert.equal(
      (await set(admin, induk.id, { jenisKode: 'besi', kondisi: 'bersih', harga: 3000 })).status,
      201,
    );
    let kardus = await price(unit.id, 'kardus');
    assert.deepEqual([kardus.bersih.harga, kardus.bersih.sumber, kardus.kotor.harga], [2000, 'induk', null]);

    const own = await set(lurah, unit.id, { jenisKode: 'kardus', kondisi: 'bersih', harga: 2500 });
    assert.equal(own.status, 201, own.body);
    assert.equal(own.json<HargaRiwayat>().status, 'berlaku');
    kardus = await price(unit.id, 'kardus');
    assert.deepEqual([kardus.bersih.harga, kardus.bersih.sumber], [2500, 'bank']);
    assert.equal((await price(unit.id, 'besi')).bersih.sumber, 'induk');

    // A price from tomorrow is scheduled, not in force.
    const tomorrow = new Date(Date.now() + 86400_000).toISOString();
    const future = await set(lurah, unit.id, {
      jenisKode: 'kardus',
      kondisi: 'bersih',
      harga: 3000,
      berlakuMulai: tomorrow,
    });
    assert.equal(future.status, 201);
    assert.equal(future.json<HargaRiwayat>().status, 'terjadwal');
    kardus = await price(unit.id, 'kardus');
    assert.equal(kardus.bersih.harga, 2500);
    assert.deepEqual([kardus.bersih.terjadwal?.harga, kardus.bersih.terjadwal?.sumber], [3000, 'bank']);

    // Stopping buying is a price too (null), and it is not replaced by the induk's.
    await set(lurah, unit.id, { jenisKode: 'besi', kondisi: 'bersih', harga: null });
    const besi = await price(unit.id, 'besi');
    assert.deepEqual([besi.bersih.harga, besi.bersih.sumber], [null, 'bank']);

    // A new price now replaces the old one; the history keeps all of them.
    await new Promise((r) => setTimeout(r, 5));
    await set(lurah, unit.id, { jenisKode: 'kardus', kondisi: 'bersih', harga: 2600 });
    const h = (
      await lurah.get(`${API}/banks/${unit.id}/harga/riwayat?jenisKode=kardus`)
    ).json<RiwayatHarga>();
    assert.deepEqual(
      h.bank.map((r) => [r.harga, r.status]),
      [
        [3000, 'terjadwal'],
        [2600, 'berlaku'],
        [2500, 'lama'],
      ],
    );
    assert.ok(h.bank.every((r) => r.dibuatOleh?.nama));
    assert.deepEqual(
      h.induk?.map((r) => r.harga),
      [2000],
    );
    assert.equal(await count('bank_sampah_harga', 'bank_id = $1', [unit.id]), 4);

    // The deposit takes the price in force (the ledger uses the same rule).
    const op = await as('admin_kota');
    const n = (await op.post(`${API}/banks/${unit.id}/nasabah`, { nama: 'Penyetor' })).json<NasabahView>();
    const dep = await op.request('POST', `${API}/banks/${unit.id}/setoran`, {
      json: { nasabahId: n.id, baris: [{ jenisKode: 'kardus', kondisi: 'bersih', kuantitas: 1 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(dep.status, 201, dep.body);
    assert.equal(dep.json<{ baris: { hargaSatuan: number }[] }>().baris[0]!.hargaSatuan, 2600);
    await set(admin, induk.id, { jenisKode: 'koran', kondisi: 'kotor', harga: 1500 });
    assert.deepEqual(
      [(await price(unit.id, 'koran')).kotor.harga, (await price(unit.id, 'koran')).kotor.sumber],
      [1500, 'induk'],
    );
    const inherited = await op.request('POST', `${API}/banks/${unit.id}/setoran`, {
      json: { nasabahId: n.id, baris: [{ jenisKode: 'koran', kondisi: 'kotor', kuantitas: 2 }] },
      headers: { 'idempotency-key': randomUUID() },
    });
    assert.equal(inherited.status, 201, inherited.body);
    assert.equal(inherited.json<{ baris: { hargaSatuan: number }[] }>().baris[0]!.hargaSatuan, 1500);

    // Prices are append-only in the database too.
    await assert.rejects(
      env.db.query(`update bank_sampah_harga set harga = 1 where bank_id = $1`, [unit.id]),
      /append-only/,
    );

    // The price page shows the source and the schedule; a pengurus RW may not set prices.
    const page = await lurah.get(`/bandung/bank-sampah/${unit.id}/harga?jenis=kardus`);
    assert.equal(page.status, 200);
    assert.match(page.body, /dari induk/);
    assert.match(page.body, /Riwayat harga Kardus/);
    assert.match(page.body, /Terjadwal/);
    const ketuaRw = await as('pengurus_rw');
    const bankRw = await seedBank(env.db);
    assert.equal(
      (await set(ketuaRw, bankRw.id, { jenisKode: 'kardus', kondisi: 'bersih', harga: 1 })).status,
      403,
    );
  });

  it('bad prices are refused with pointers and write nothing; the price form works', async () => {
    const lurah = await as('petugas_kelurahan');
    const bank = (
      await lurah.post(`${API}/banks`, { nama: 'Unit Salah', kelurahanKode: DEMO_RW_KEL, rwNomor: 4 })
    ).json<BankView>();
    const url = `${API}/banks/${bank.id}/harga`;
    const yesterday = new Date(Date.now() - 86400_000).toISOString();
    const cases: [unknown, string][] = [
      [{ jenisKode: 'kardus', kondisi: 'bersih', harga: -1 }, '/body/harga'],
      [{ jenisKode: 'kardus', kondisi: 'bersih', harga: 1.5 }, '/body/harga'],
      [{ jenisKode: 'kardus', kondisi: 'basah', harga: 100 }, '/body/kondisi'],
      [{ jenisKode: 'tidak-ada', kondisi: 'bersih', harga: 100 }, '/body/jenisKode'],
      [{ jenisKode: 'kardus', kondisi: 'bersih' }, '/body/harga'],
      [{ jenisKode: 'kardus', kondisi: 'bersih', harga: 100, berlakuMulai: yesterday }, '/body/berlakuMulai'],
      [{ jenisKode: 'kardus', kondisi: 'bersih', harga: 100, berlakuMulai: 'besok' }, '/body/berlakuMulai'],
    ];
    for (const [body, pointer] of cases) {
      const res = await lurah.post(url, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(pointers(res).includes(pointer), `${JSON.stringify(body)} -> ${res.body}`);
    }
    assert.equal(await count('bank_sampah_harga', 'bank_id = $1', [bank.id]), 0);

    const form = await lurah.request('POST', `/bandung/bank-sampah/${bank.id}/harga`, {
      form: { jenisKode: 'kardus', kondisi: 'kotor', harga: '1.200', berlakuMulai: '' },
    });
    assert.equal(form.status, 303, form.body);
    const d = (await lurah.get(url)).json<DaftarHarga>();
    assert.equal(d.items.find((i) => i.jenis.kode === 'kardus')?.harga.kotor.harga, 1200);
    const past = await lurah.request('POST', `/bandung/bank-sampah/${bank.id}/harga`, {
      form: { jenisKode: 'kardus', kondisi: 'kotor', harga: '1300', berlakuMulai: '2020-01-01' },
    });
    assert.equal(past.status, 400);
    assert.match(past.body, /id="f-berlakuMulai-err"/);
  });

  it("a bank's own items get x- codes unique in the city and can be priced", async () => {
    const lurah = await as('petugas_kelurahan');
    const a = (
      await lurah.post(`${API}/banks`, { nama: 'Unit Jenis A', kelurahanKode: DEMO_RW_KEL, rwNomor: 3 })
    ).json<BankView>();
    const b = (
      await lurah.post(`${API}/banks`, { nama: 'Unit Jenis B', kelurahanKode: DEMO_RW_KEL, rwNomor: 4 })
    ).json<BankView>();
    const body = { nama: 'Botol Kecap', kategoriKode: 'kaca', satuan: 'pcs', kgPerSatuan: 0.25 };
    const first = await lurah.post(`${API}/banks/${a.id}/jenis`, body);
    assert.equal(first.status, 201, first.body);
    assert.deepEqual(first.json<Jenis>(), {
      kode: 'x-botol-kecap',
      kategoriKode: 'kaca',
      nama: 'Botol Kecap',
      satuan: 'pcs',
      kgPerSatuan: 0.25,
      milikBank: true,
    });
    assert.equal(
      (await lurah.post(`${API}/banks/${b.id}/jenis`, body)).json<Jenis>().kode,
      'x-botol-kecap-2',
    );
    const list = (await lurah.get(`${API}/banks/${a.id}/jenis`)).json<{ items: Jenis[] }>().items;
    assert.ok(list.some((j) => j.kode === 'kardus' && !j.milikBank));
    assert.ok(list.some((j) => j.kode === 'x-botol-kecap' && j.milikBank));
    assert.ok(!list.some((j) => j.kode === 'x-botol-kecap-2'), "another bank's item is not listed");
    const priceStatus = async (jenisKode: string) =>
      (await lurah.post(`${API}/banks/${a.id}/harga`, { jenisKode, kondisi: 'bersih', harga: 100 })).status;
    assert.equal(await priceStatus('x-botol-kecap'), 201);
    assert.equal(await priceStatus('x-botol-kecap-2'), 400);

    const bad = await lurah.post(`${API}/banks/${a.id}/jenis`, {
      nama: 'Minyak',
      kategoriKode: 'cair',
      satuan: 'liter',
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(pointers(bad).sort(), ['/body/kategoriKode', '/body/kgPerSatuan']);
    const page = await lurah.get(`/bandung/bank-sampah/${a.id}/jenis`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Botol Kecap/);
  });
});

describe('bank pages', () => {
  it('the bank list, new bank and settings pages', async () => {
    const lurah = await as('petugas_kelurahan');
    const list = await lurah.get('/bandung/bank-sampah');
    assert.equal(list.status, 200);
    assert.match(list.body, /<h1>Bank sampah<\/h1>/);
    assert.match(list.body, /href="\/bandung\/bank-sampah\/baru"/);
    const form = await lurah.get('/bandung/bank-sampah/baru');
    assert.equal(form.status, 200);
    assert.doesNotMatch(form.body, /name="tingkat"/, 'only city-wide officers create induk banks');
    const bad = await lurah.request('POST', '/bandung/bank-sampah', {
      form: { nama: 'Bank Halaman', lembaga: 'rw', kelurahanKode: NEIGHBOUR_KEL, rwNomor: '1' },
    });
    assert.equal(bad.status, 403);
    assert.match(bad.body, /id="f-rwNomor-err">Tempat ini di luar wilayah tugas Anda\./);
    const ok = await lurah.request('POST', '/bandung/bank-sampah', {
      form: {
        nama: 'Bank Halaman',
        lembaga: 'rw',
        kelurahanKode: DEMO_RW_KEL,
        rwNomor: '6',
        ambangPersetujuan: '1.000.000',
        bagiHasilPersen: '12,5',
      },
    });
    assert.equal(ok.status, 303, ok.body);
    const location = String(ok.headers.location);
    assert.match(location, /^\/bandung\/bank-sampah\/[0-9a-f-]{36}\/pengaturan\?ok=dibuat$/);
    const settings = await lurah.get(location);
    assert.match(settings.body, /berhasil dibuat/);
    assert.match(settings.body, /value="12,5"|value="12\.5"/);
    const id = location.split('/')[3]!;
    const saved = await lurah.request('POST', `/bandung/bank-sampah/${id}/pengaturan`, {
      form: {
        nama: 'Bank Halaman Baru',
        lembaga: 'rw',
        kelurahanKode: DEMO_RW_KEL,
        rwNomor: '6',
        aktif: '1',
      },
    });
    assert.equal(saved.status, 303, saved.body);
    const bank = (await lurah.get(`${API}/banks/${id}`)).json<BankView>();
    assert.deepEqual(
      [bank.nama, bank.ambangPersetujuan, bank.bagiHasilPersen, bank.aktif],
      ['Bank Halaman Baru', null, 0, true],
    );
    const after = await lurah.get('/bandung/bank-sampah?q=Halaman');
    assert.match(after.body, new RegExp(`href="/bandung/bank-sampah/${id}"`));

    const pengurus = await lurah.get(`/bandung/bank-sampah/${id}/pengurus?q=warga`);
    assert.equal(pengurus.status, 200);
    assert.match(pengurus.body, /w\*+@bandung\.demo/);
    const added = await lurah.request('POST', `/bandung/bank-sampah/${id}/pengurus`, {
      form: { email: 'pengurus.rw@bandung.demo', jabatan: 'bendahara' },
    });
    assert.equal(added.status, 303);
    assert.match((await lurah.get(String(added.headers.location))).body, /Bendahara/);

    const ketua = await as('pengurus_rw');
    assert.equal((await ketua.get('/bandung/bank-sampah/baru')).status, 403);
    assert.equal((await ketua.get(`/bandung/bank-sampah/${id}/pengaturan`)).status, 403);
    const anon = await new Client(env.balai.app).get('/bandung/bank-sampah');
    assert.equal(anon.status, 303);
  });
});

describe('kinds declared once', () => {
  it('are the values the CHECK constraints of the tables allow', async () => {
    await assertCheckValues(env.db, {
      bank_sampah: { tingkat: TINGKAT_BANK, lembaga: LEMBAGA },
      bank_sampah_pengurus: { jabatan: JABATAN },
      bank_sampah_nasabah: { jenis: JENIS_NASABAH },
      bank_sampah_harga: { kondisi: KONDISI },
      bank_sampah_jenis: { satuan: SATUAN },
    });
  });
});
