/**
 * e-Katalog: the readiness checklist item by item on hand-built data (pure), certificate expiry
 * at a date, and through the API the pipeline (siap refused while incomplete with the missing
 * items, the name locked once submitted, backward moves only with a note, no future dates, only
 * umkm.ekatalog may move), the owner's read-only view, and the submission export (the expected
 * row, a masked phone, no NIK).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Client, useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { insertRow } from '../../../tests/helpers/tenant-db.ts';
import { readWorkbook, csvLines } from '../../../tests/helpers/downloads.ts';
import { arahPindah, berlakuPada, syaratProduk, type ProdukData, type UsahaData } from './ekatalog.ts';
import { todayWib as hariIniWib } from '../../platform/waktu.ts';

const TGL = '2026-06-01';

function usaha(over: Partial<UsahaData> = {}): UsahaData {
  return {
    status: 'terverifikasi',
    nib: '1234567890123',
    npwp: '012345678901234',
    sikap: true,
    kswp_valid: true,
    kswp_dicek: '2026-05-02',
    kbli: [{ versi: '2020', kode: '10794' }],
    legalitas: [
      { jenis: 'halal', nomor: 'ID32110000123450524', terbit: '2024-05-01', berlaku_sampai: '2028-04-30' },
      { jenis: 'merek', nomor: 'IDM000123456', terbit: '2023-01-10', berlaku_sampai: '2033-01-09' },
    ],
    ...over,
  };
}

function produk(over: Partial<ProdukData> = {}): ProdukData {
  return {
    nama: 'Keripik Tempe Pedas',
    kategori: 'makanan',
    merek: 'Mak Icih',
    sku: 'KTP-250',
    asal: 'lokal',
    satuan: 'bungkus',
    harga: 15000,
    kbli_versi: '2020',
    kbli_kode: '10794',
    tkdn: '45.50',
    halal: true,
    sni: false,
    jumlah_foto: 2,
    ...over,
  };
}

/** The codes of the items not ok, and the guidance of each. */
function gagal(u: UsahaData, p: ProdukData, tanggal = TGL): Record<string, string> {
  const c = syaratProduk(u, p, tanggal);
  return Object.fromEntries([...c.usaha, ...c.produk].filter((i) => !i.ok).map((i) => [i.kode, i.saran]));
}

describe('readiness checklist (pure)', () => {
  it('a complete business and product is siap, with every item ok', () => {
    const c = syaratProduk(usaha(), produk(), TGL);
    assert.equal(c.siap, true);
    assert.deepEqual(c.kurang, []);
    assert.deepEqual(
      c.usaha.map((i) => i.kode),
      ['terverifikasi', 'nib', 'npwp', 'kswp', 'sikap', 'kbli_usaha'],
    );
    assert.deepEqual(
      c.produk.map((i) => [i.kode, i.level]),
      [
        ['nama', 'wajib'],
        ['merek', 'wajib'],
        ['sku', 'wajib'],
        ['asal', 'wajib'],
        ['satuan', 'wajib'],
        ['harga', 'wajib'],
        ['foto', 'wajib'],
        ['kbli', 'wajib'],
        ['etalase', 'wajib'],
        ['halal', 'wajib'],
        ['merek_terdaftar', 'bersyarat'],
        ['tkdn', 'bersyarat'],
      ],
    );
    assert.ok([...c.usaha, ...c.produk].every((i) => i.ok));
    assert.equal(c.usaha[4]!.saran, 'umkm.ekatalog.saran.sikap');
    assert.equal(c.usaha[4]!.judul, 'umkm.ekatalog.syarat.sikap');
  });

  const S = 'umkm.ekatalog.saran.';
  const cases: [string, UsahaData, ProdukData, Record<string, string>][] = [
    ['not verified', usaha({ status: 'diajukan' }), produk(), { terverifikasi: `${S}terverifikasi` }],
    ['no NIB', usaha({ nib: null }), produk(), { nib: `${S}nib` }],
    ['no NPWP', usaha({ npwp: null }), produk(), { npwp: `${S}npwp` }],
    ['KSWP not valid', usaha({ kswp_valid: false }), produk(), { kswp: `${S}kswp` }],
    ['KSWP never checked', usaha({ kswp_dicek: null }), produk(), { kswp: `${S}kswp` }],
    ['KSWP checked over a year ago', usaha({ kswp_dicek: '2025-06-01' }), produk(), { kswp: `${S}kswp` }],
    ['not in SIKaP', usaha({ sikap: false }), produk(), { sikap: `${S}sikap` }],
    ['nama too short', usaha(), produk({ nama: 'K' }), { nama: `${S}nama` }],
    ['no brand', usaha(), produk({ merek: null }), { merek: `${S}merek` }],
    ['blank SKU', usaha(), produk({ sku: '  ' }), { sku: `${S}sku` }],
    ['no origin', usaha(), produk({ asal: null }), { asal: `${S}asal` }],
    ['no unit', usaha(), produk({ satuan: '' }), { satuan: `${S}satuan` }],
    ['price 0', usaha(), produk({ harga: 0 }), { harga: `${S}harga` }],
    ['no photo', usaha(), produk({ jumlah_foto: 0 }), { foto: `${S}foto` }],
    ['category lainnya (no showcase)', usaha(), produk({ kategori: 'lainnya' }), { etalase: `${S}etalase` }],
    [
      'product KBLI not among the business’s',
      usaha(),
      produk({ kbli_kode: '13122' }),
      { kbli: `${S}kbli.bukan_usaha` },
    ],
    ['unknown KBLI code', usaha(), produk({ kbli_kode: '99999' }), { kbli: `${S}kbli.tidak_sah` }],
    [
      'same code, other KBLI version',
      usaha({ kbli: [{ versi: '2025', kode: '10794' }] }),
      produk(),
      { kbli: `${S}kbli.bukan_usaha` },
    ],
    [
      'food without a halal certificate',
      usaha({ legalitas: usaha().legalitas.filter((l) => l.jenis !== 'halal') }),
      produk({ halal: false }),
      { halal: `${S}halal` },
    ],
    // Documented dependencies: the showcase needs a KBLI code; the product's code must be one of the business's.
    [
      'no product KBLI (kbli and etalase)',
      usaha(),
      produk({ kbli_kode: null, kbli_versi: null }),
      {
        kbli: `${S}kbli.kosong`,
        etalase: `${S}etalase`,
      },
    ],
    [
      'business without KBLI (kbli_usaha and kbli)',
      usaha({ kbli: [] }),
      produk(),
      {
        kbli_usaha: `${S}kbli_usaha`,
        kbli: `${S}kbli.bukan_usaha`,
      },
    ],
  ];
  for (const [name, u, p, expected] of cases) {
    it(`${name} -> exactly that item, with its guidance`, () => {
      assert.deepEqual(gagal(u, p), expected);
      const c = syaratProduk(u, p, TGL);
      assert.equal(c.siap, false);
      assert.deepEqual([...c.kurang].sort(), Object.keys(expected).sort());
    });
  }

  it('takes the NIB and NPWP from a valid legality entry when the profile has none', () => {
    const u = usaha({
      nib: null,
      npwp: null,
      legalitas: [
        ...usaha().legalitas,
        { jenis: 'nib', nomor: '9120001234567', terbit: '2022-01-01', berlaku_sampai: null },
        { jenis: 'npwp', nomor: '012345678901234', terbit: null, berlaku_sampai: null },
      ],
    });
    assert.deepEqual(gagal(u, produk()), {});
  });

  it('recommended items do not block: no TKDN, no registered brand', () => {
    const u = usaha({ legalitas: usaha().legalitas.filter((l) => l.jenis !== 'merek') });
    const c = syaratProduk(u, produk({ tkdn: null }), TGL);
    assert.equal(c.siap, true);
    assert.deepEqual(
      [...c.usaha, ...c.produk].filter((i) => !i.ok).map((i) => [i.kode, i.level]),
      [
        ['merek_terdaftar', 'bersyarat'],
        ['tkdn', 'bersyarat'],
      ],
    );
    // Imported products have no TKDN item; non-food products without a halal claim no halal item.
    const impor = syaratProduk(usaha(), produk({ asal: 'impor', kategori: 'kerajinan', halal: false }), TGL);
    assert.ok(!impor.produk.some((i) => i.kode === 'tkdn' || i.kode === 'halal'));
  });

  it('a halal claim needs a certificate whatever the category; the flag alone is not enough', () => {
    const tanpa = usaha({ legalitas: usaha().legalitas.filter((l) => l.jenis !== 'halal') });
    assert.deepEqual(gagal(tanpa, produk({ kategori: 'kecantikan', halal: true })), { halal: `${S}halal` });
    assert.deepEqual(gagal(usaha(), produk({ kategori: 'kecantikan', halal: true })), {});
  });

  it('SNI: needed when the owner marks it, or for a category named SNI-mandatory', () => {
    const sni = {
      jenis: 'sni' as const,
      nomor: 'SPPT-SNI-0001',
      terbit: '2025-01-01',
      berlaku_sampai: '2029-01-01',
    };
    assert.deepEqual(gagal(usaha(), produk({ sni: true })), { sni: `${S}sni` });
    assert.deepEqual(gagal(usaha({ legalitas: [...usaha().legalitas, sni] }), produk({ sni: true })), {});
    const kerajinan = produk({ kategori: 'kerajinan', halal: false });
    assert.ok(!syaratProduk(usaha(), kerajinan, TGL).produk.some((i) => i.kode === 'sni'));
    const c = syaratProduk(usaha(), kerajinan, TGL, { kategoriSniWajib: ['kerajinan'] });
    assert.deepEqual(c.kurang, ['sni']);
  });

  it('a certificate counts from its issue date up to and including its expiry date', () => {
    const u = usaha({
      legalitas: [{ jenis: 'halal', nomor: 'ID-H-1', terbit: '2025-07-01', berlaku_sampai: '2026-06-30' }],
    });
    assert.deepEqual(gagal(u, produk(), '2026-06-30'), { merek_terdaftar: `${S}merek_terdaftar` });
    assert.deepEqual(gagal(u, produk(), '2026-07-01'), {
      halal: `${S}halal`,
      merek_terdaftar: `${S}merek_terdaftar`,
    });
    assert.ok(!syaratProduk(u, produk(), '2026-07-01').siap);
    // Not yet issued on the date.
    assert.equal(berlakuPada({ terbit: '2026-06-02', berlaku_sampai: null }, '2026-06-01'), false);
    assert.equal(berlakuPada({ terbit: null, berlaku_sampai: null }, '1999-01-01'), true);
  });

  it('the pipeline moves one step forward or back to any earlier state', () => {
    assert.equal(arahPindah('belum_siap', 'siap'), 'maju');
    assert.equal(arahPindah('siap', 'diajukan'), 'maju');
    assert.equal(arahPindah('diajukan', 'tayang'), 'maju');
    assert.equal(arahPindah('belum_siap', 'diajukan'), null);
    assert.equal(arahPindah('siap', 'siap'), null);
    assert.equal(arahPindah('tayang', 'diajukan'), 'mundur');
    assert.equal(arahPindah('tayang', 'belum_siap'), 'mundur');
  });
});

// ---- Through the API ----

const env = useBalaiWithOwnerDb();
const BANDUNG = '32.73';
const API = '/api/v1/cities/bandung/umkm/ekatalog';

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}
interface ProdukOut {
  id: string;
  ekatalog: string;
  namaTerkunci: boolean;
  siap: boolean;
  kurang: string[];
  bolehPindah: boolean;
  syarat: { kode: string; ok: boolean; saran: string }[];
  langkah: { status: string; tanggal: string; catatan: string | null }[];
}

const as = clientAs(env);

let kel = '';
let kec = '';
let pemilikId = '';
let n = 0;

async function buatUsaha(over: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  const row: Record<string, unknown> = {
    tenant_id: BANDUNG,
    id,
    slug: `uji-ekatalog-${++n}-${id.slice(0, 8)}`,
    nama: `Usaha Uji ${n}`,
    pemilik_nama: 'Siti Pemilik',
    pemilik_user_id: pemilikId,
    kecamatan_kode: kec,
    kelurahan_kode: kel,
    status: 'terverifikasi',
    nib: String(9120000000000 + n),
    npwp: `0123456789${String(10000 + n)}`,
    sikap: true,
    kswp_valid: true,
    kswp_dicek: hariIniWib(),
    telepon: '081234567890',
    nik_enc: 'c2VjcmV0LW5pay1jaXBoZXJ0ZXh0',
    nik_samaran: '3273********0001',
    ...over,
  };
  await insertRow(env.db, 'umkm_usaha', row);
  await env.db.query(
    `insert into umkm_usaha_kbli (tenant_id, usaha_id, versi, kode, utama) values ($1, $2, '2020', '10794', true)`,
    [BANDUNG, id],
  );
  await env.db.query(
    `insert into umkm_legalitas (tenant_id, usaha_id, jenis, nomor, terbit, berlaku_sampai)
     values ($1, $2, 'halal', $3, '2024-01-01', '2099-12-31')`,
    [BANDUNG, id, `ID3211000${n}0524`],
  );
  return id;
}

async function buatProduk(usahaId: string, over: Record<string, unknown> = {}): Promise<string> {
  const id = randomUUID();
  const row: Record<string, unknown> = {
    tenant_id: BANDUNG,
    id,
    usaha_id: usahaId,
    slug: `produk-uji-${++n}-${id.slice(0, 8)}`,
    nama: `Keripik Uji ${n}`,
    kategori: 'makanan',
    harga: 15000,
    satuan: 'bungkus',
    sku: `SKU-${n}`,
    merek: 'Mak Uji',
    asal: 'lokal',
    tkdn: 42.5,
    kbli_versi: '2020',
    kbli_kode: '10794',
    halal: true,
    ...over,
  };
  await insertRow(env.db, 'umkm_produk', row);
  await env.db.query(
    `insert into umkm_foto (tenant_id, usaha_id, produk_id, lebar, tinggi, besar, sedang, kecil)
     values ($1, $2, $3, 10, 10, '\\x00', '\\x00', '\\x00')`,
    [BANDUNG, usahaId, id],
  );
  return id;
}

async function langkahDb(produkId: string): Promise<number> {
  const r = await env.db.query<{ n: number }>(
    'select count(*)::int as n from umkm_ekatalog_langkah where produk_id = $1',
    [produkId],
  );
  return r.rows[0]!.n;
}

describe('pipeline and export through the API', () => {
  let admin: Client;
  let usahaLengkap = '';
  let lengkap = '';
  let kurang = '';

  before(async () => {
    const w = await env.db.query<{ kode: string; induk: string }>(
      `select kode, induk from wilayah where tingkat = 'kelurahan' and kode like '32.73.%' order by kode limit 1`,
    );
    kel = w.rows[0]!.kode;
    kec = w.rows[0]!.induk;
    const u = await env.db.query<{ id: string }>(
      `select id from users where tenant_id = $1 and email = 'pelaku.umkm@bandung.demo'`,
      [BANDUNG],
    );
    pemilikId = u.rows[0]!.id;
    admin = await as('admin_kota');
    usahaLengkap = await buatUsaha();
    lengkap = await buatProduk(usahaLengkap, { nama: 'Keripik Tempe Lengkap', sku: 'KTL-01' });
    const usahaKurang = await buatUsaha({ sikap: false, kswp_valid: false });
    kurang = await buatProduk(usahaKurang, { merek: null });
  });

  it('shows the checklist to officers', async () => {
    const res = await admin.get(`${API}/produk/${lengkap}`);
    assert.equal(res.status, 200, res.body);
    const p = res.json<ProdukOut>();
    assert.equal(p.siap, true);
    assert.equal(p.ekatalog, 'belum_siap');
    assert.equal(p.bolehPindah, true);
  });

  it('refuses siap while the checklist is incomplete: 409 listing the missing items, nothing written', async () => {
    const res = await admin.post(`${API}/produk/${kurang}`, { status: 'siap' });
    assert.equal(res.status, 409, res.body);
    const p = res.json<Problem>();
    assert.deepEqual(
      p.errors?.map((e) => e.pointer),
      ['/syarat/kswp', '/syarat/sikap', '/syarat/merek'],
    );
    assert.match(p.errors![1]!.detail, /sikap\.lkpp\.go\.id/);
    assert.equal(await langkahDb(kurang), 0);
    const r = await env.db.query('select ekatalog from umkm_produk where id = $1', [kurang]);
    assert.equal(r.rows[0].ekatalog, 'belum_siap');
  });

  it('moves forward one step at a time, locks the name on diajukan, records every step', async () => {
    const hariIni = hariIniWib();
    let res = await admin.post(`${API}/produk/${lengkap}`, { status: 'diajukan' });
    assert.equal(res.status, 409, 'no skipping');
    res = await admin.post(`${API}/produk/${lengkap}`, { status: 'siap', catatan: 'Data lengkap' });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json<ProdukOut>().ekatalog, 'siap');
    assert.equal(res.json<ProdukOut>().namaTerkunci, false);
    res = await admin.post(`${API}/produk/${lengkap}`, { status: 'siap' });
    assert.equal(res.status, 409, 'same state is not a move');
    res = await admin.post(`${API}/produk/${lengkap}`, { status: 'diajukan', tanggal: hariIni });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.json<ProdukOut>().namaTerkunci, true);
    const db = await env.db.query('select ekatalog, nama_terkunci from umkm_produk where id = $1', [lengkap]);
    assert.deepEqual(db.rows[0], { ekatalog: 'diajukan', nama_terkunci: true });
    res = await admin.post(`${API}/produk/${lengkap}`, { status: 'tayang' });
    assert.equal(res.status, 200, res.body);
    const p = res.json<ProdukOut>();
    assert.deepEqual(
      p.langkah.map((l) => [l.status, l.tanggal]),
      [
        ['tayang', hariIni],
        ['diajukan', hariIni],
        ['siap', hariIni],
      ],
    );
    assert.equal(await langkahDb(lengkap), 3);
  });

  it('moves back only with a note; the name stays locked', async () => {
    let res = await admin.post(`${API}/produk/${lengkap}`, { status: 'diajukan' });
    assert.equal(res.status, 400, res.body);
    assert.deepEqual(
      res.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/catatan'],
    );
    res = await admin.post(`${API}/produk/${lengkap}`, { status: 'diajukan', catatan: '   ' });
    assert.equal(res.status, 400);
    res = await admin.post(`${API}/produk/${lengkap}`, {
      status: 'diajukan',
      catatan: 'Diturunkan LKPP: foto kurang jelas',
    });
    assert.equal(res.status, 200, res.body);
    const p = res.json<ProdukOut>();
    assert.equal(p.ekatalog, 'diajukan');
    assert.equal(p.namaTerkunci, true);
    assert.equal(p.langkah[0]!.catatan, 'Diturunkan LKPP: foto kurang jelas');
    assert.equal(await langkahDb(lengkap), 4);
  });

  it('refuses a date in the future, before the last step, or not a date (400, nothing written)', async () => {
    const besok = new Date(Date.parse(`${hariIniWib()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const tanggal of [besok, '2001-01-01', '2026-02-30']) {
      const res = await admin.post(`${API}/produk/${lengkap}`, { status: 'tayang', tanggal });
      assert.equal(res.status, 400, `${tanggal}: ${res.body}`);
      assert.deepEqual(
        res.json<Problem>().errors?.map((e) => e.pointer),
        ['/body/tanggal'],
      );
    }
    const res = await admin.post(`${API}/produk/${lengkap}`, { status: 'tayang', tanggal: '2026-1-1' });
    assert.equal(res.status, 400);
    assert.equal(await langkahDb(lengkap), 4);
  });

  it('only umkm.ekatalog moves products: the owner and a kecamatan officer get 403, strangers 404', async () => {
    const owner = await as('pelaku_umkm');
    const kecamatan = await as('petugas_kecamatan');
    for (const c of [owner, kecamatan]) {
      const res = await c.post(`${API}/produk/${kurang}`, { status: 'siap' });
      assert.equal(res.status, 403, res.body);
    }
    // The owner reads the checklist and the state, without the right to move.
    const own = await owner.get(`${API}/produk/${lengkap}`);
    assert.equal(own.status, 200, own.body);
    assert.equal(own.json<ProdukOut>().bolehPindah, false);
    assert.equal(own.json<ProdukOut>().ekatalog, 'diajukan');
    const page = await owner.get(`/bandung/umkm/ekatalog/produk/${lengkap}`);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes('name="status"'), 'no move form for the owner');
    const usahaView = await owner.get(`${API}/usaha/${usahaLengkap}`);
    assert.equal(usahaView.status, 200);
    // A signed-in citizen who neither owns nor oversees the business sees nothing.
    const warga = await as('warga');
    assert.equal((await warga.get(`${API}/produk/${lengkap}`)).status, 404);
    assert.equal((await warga.get(`${API}/usaha/${usahaLengkap}`)).status, 404);
    assert.equal((await warga.get('/bandung/umkm/ekatalog')).status, 403);
    assert.equal((await admin.get(`${API}/produk/${randomUUID()}`)).status, 404);
    assert.equal((await admin.get(`${API}/produk/bukan-id`)).status, 404);
  });

  it('the move form shows the missing items on a 409 and saves with a redirect', async () => {
    const page = await admin.get(`/bandung/umkm/ekatalog/produk/${kurang}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /name="status"/);
    const res = await admin.request('POST', `/bandung/umkm/ekatalog/produk/${kurang}`, {
      form: { status: 'siap', tanggal: hariIniWib(), catatan: '' },
    });
    assert.equal(res.status, 409);
    assert.match(res.body, /sikap\.lkpp\.go\.id/);
    const p2 = await buatProduk(usahaLengkap, { nama: 'Keripik Singkong Uji' });
    const ok = await admin.request('POST', `/bandung/umkm/ekatalog/produk/${p2}`, {
      form: { status: 'siap', tanggal: hariIniWib(), catatan: '' },
    });
    assert.equal(ok.status, 303, ok.body);
    assert.equal(await langkahDb(p2), 1);
  });

  it('exports the products in siap (or a chosen set) with the LKPP columns, a masked phone and no NIK', async () => {
    const siap = await buatProduk(usahaLengkap, { nama: 'Rengginang Ekspor', sku: 'RGN-9', harga: 27500 });
    assert.equal((await admin.post(`${API}/produk/${siap}`, { status: 'siap' })).status, 200);
    const csv = await admin.get('/bandung/umkm/ekatalog/ekspor.csv');
    assert.equal(csv.status, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csvLines(csv.body);
    assert.equal(
      lines[0],
      'Nama produk;Merek;SKU;Asal produk;Satuan;Harga (Rp);TKDN (%);Versi KBLI;KBLI;Judul KBLI;Kategori;Nama usaha;NIB;NPWP;Telepon (disamarkan);Nomor sertifikat halal;Halal berlaku sampai;Nomor sertifikat SNI;SNI berlaku sampai;Tahap;Syarat lengkap',
    );
    const row = lines.find((l) => l.startsWith('Rengginang Ekspor;'));
    assert.ok(row, csv.body);
    const u = await env.db.query('select nama, nib, npwp from umkm_usaha where id = $1', [usahaLengkap]);
    const halal = await env.db.query(
      `select nomor from umkm_legalitas where usaha_id = $1 and jenis = 'halal'`,
      [usahaLengkap],
    );
    assert.equal(
      row,
      [
        'Rengginang Ekspor',
        'Mak Uji',
        'RGN-9',
        'Lokal',
        'bungkus',
        '27500',
        '42,50',
        '2020',
        '10794',
        '"Industri Kerupuk, Keripik, Peyek Dan Sejenisnya"',
        'Makanan',
        u.rows[0].nama,
        u.rows[0].nib,
        u.rows[0].npwp,
        '0812****7890',
        halal.rows[0].nomor,
        '2099-12-31',
        '',
        '',
        'Siap diajukan',
        'Ya',
      ].join(';'),
    );
    // Only products in siap by default (Keripik Singkong Uji moved to siap above, Keripik Tempe Lengkap is diajukan).
    assert.equal(lines.filter((l) => l.includes(';Mak Uji;')).length, 2);
    assert.ok(!csv.body.includes('Keripik Tempe Lengkap'));
    for (const secret of ['3273********0001', 'c2VjcmV0', '081234567890', 'NIK']) {
      assert.ok(!csv.body.includes(secret), `export contains ${secret}`);
    }
    // A chosen set, any state, as XLSX.
    const res = await admin.getRaw(`/bandung/umkm/ekatalog/ekspor.xlsx?produk=${lengkap}&produk=${siap}`);
    assert.equal(res.statusCode, 200);
    const wb = await readWorkbook(res);
    const ws = wb.worksheets[0]!;
    const values: string[] = [];
    ws.eachRow((r) => values.push(JSON.stringify(r.values)));
    const text = values.join('\n');
    assert.ok(text.includes('Keripik Tempe Lengkap') && text.includes('Rengginang Ekspor'));
    assert.ok(!text.includes('Keripik Singkong Uji'));
    assert.ok(!text.includes('3273********0001') && !text.includes('081234567890'));
    const nibCell = ws.getRow(4).getCell(13).value;
    assert.equal(typeof nibCell, 'string', 'NIB stays text');
    // Officers without umkm.ekatalog cannot download.
    const kecamatan = await as('petugas_kecamatan');
    assert.equal((await kecamatan.get('/bandung/umkm/ekatalog/ekspor.csv')).status, 403);
  });

  it('lists products for officers and renders the pages', async () => {
    const list = await admin.get(`${API}?status=diajukan`);
    assert.equal(list.status, 200, list.body);
    const ids = list.json<{ id: string }[]>().map((r) => r.id);
    assert.ok(ids.includes(lengkap) && !ids.includes(kurang));
    const page = await admin.get('/bandung/umkm/ekatalog');
    assert.equal(page.status, 200);
    assert.match(page.body, /<caption id="cap-ekatalog">/);
    const usahaPage = await admin.get(`/bandung/umkm/ekatalog/usaha/${usahaLengkap}`);
    assert.equal(usahaPage.status, 200);
    assert.match(usahaPage.body, /Keripik Tempe Lengkap/);
    const anonim = new Client(env.balai.app);
    assert.equal((await anonim.get(`/bandung/umkm/ekatalog/produk/${lengkap}`)).status, 303);
    assert.equal((await anonim.get(`${API}/produk/${lengkap}`)).status, 401);
  });
});
