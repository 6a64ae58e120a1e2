/**
 * Products and their photos: price and number parsing (pure), and through the API and the pages
 * on a real database: validation (400, nothing written), who may see and change (owner, other
 * user, officers by area), the slug, the search document, the name locked after e-Katalog
 * submission (409), delete; photos made from a real JPEG (three WebP sizes, upright, without
 * metadata), refused uploads (400/413), order and alt text, serving with ETag and 304, public and
 * private photos.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { Client, useBalaiWithOwnerDb, type Response, clientAs } from '../../../tests/helpers/app.ts';
import { multipart } from '../../../tests/helpers/multipart.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { demoEmail } from '../../platform/demo.ts';
import { dimensiMuat, jenisFoto } from './foto.ts';
import { parseDesimal, parseRupiah } from './pages/produk-parts.ts';

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}
interface Foto {
  id: string;
  urutan: number;
  alt: string | null;
  lebar: number;
  tinggi: number;
  ukuran: Record<'kecil' | 'sedang' | 'besar', { url: string; lebar: number; tinggi: number }>;
}
interface Produk {
  id: string;
  slug: string;
  nama: string;
  harga: number;
  kategori: string;
  tkdn: number | null;
  kbliKode: string | null;
  kbliVersi: string | null;
  kbliJudul: string | null;
  halal: boolean;
  foto: Foto[];
  boleh: { ubah: boolean; hapus: boolean };
}

describe('form parsing and sizes', () => {
  it('reads rupiah as people type them', () => {
    assert.equal(parseRupiah('15000'), 15000);
    assert.equal(parseRupiah('15.000'), 15000);
    assert.equal(parseRupiah('Rp 15.000'), 15000);
    assert.equal(parseRupiah('Rp15.000,-'), 15000);
    assert.equal(parseRupiah('rp. 1.250.000,00'), 1250000);
    assert.equal(parseRupiah('0'), 0);
    for (const bad of ['', '15.5', '1,5', '15,000', '-5', 'lima ribu', '15.00', '1.2345', '0x10', undefined])
      assert.ok(Number.isNaN(parseRupiah(bad)), String(bad));
  });

  it('reads percentages with a comma or a point', () => {
    assert.equal(parseDesimal('40'), 40);
    assert.equal(parseDesimal('40,5'), 40.5);
    assert.equal(parseDesimal('40.25 %'), 40.25);
    assert.equal(parseDesimal(''), null);
    assert.ok(Number.isNaN(parseDesimal('empat puluh') as number));
  });

  it('fits sizes inside a square without enlarging, and sniffs types', () => {
    assert.deepEqual(dimensiMuat({ lebar: 3000, tinggi: 2000 }, 1600), { lebar: 1600, tinggi: 1067 });
    assert.deepEqual(dimensiMuat({ lebar: 2000, tinggi: 3000 }, 240), { lebar: 160, tinggi: 240 });
    assert.deepEqual(dimensiMuat({ lebar: 100, tinggi: 50 }, 640), { lebar: 100, tinggi: 50 });
    assert.equal(jenisFoto(Buffer.from('ffd8ffe0', 'hex')), 'jpeg');
    assert.equal(jenisFoto(Buffer.from('GIF89a')), null);
  });
});

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/umkm';
const TENANT = '32.73';
const run = randomBytes(3).toString('hex');

const as = clientAs(env);

async function userId(role: Role): Promise<string> {
  const r = await env.db.query<{ id: string }>('select id from users where tenant_id = $1 and email = $2', [
    TENANT,
    demoEmail(role, 'bandung'),
  ]);
  return r.rows[0]!.id;
}

/** Kelurahan codes: one in the demo petugas kecamatan's kecamatan, one in another kecamatan. */
async function kelurahan(): Promise<{ dalam: string; luar: string }> {
  const q = (sqlText: string) => env.db.query<{ kode: string }>(sqlText).then((r) => r.rows[0]!.kode);
  const kec = await q(
    `select kode from wilayah where tingkat = 'kecamatan' and kode like '32.73.%' order by kode limit 1`,
  );
  const dalam = await q(
    `select kode from wilayah where tingkat = 'kelurahan' and kode like '${kec}.%' order by kode limit 1`,
  );
  const luar = await q(
    `select kode from wilayah where tingkat = 'kelurahan' and kode like '32.73.%' and kode not like '${kec}.%' order by kode limit 1`,
  );
  return { dalam, luar };
}

let usahaCounter = 0;
async function seedUsaha(kel: string, owner: string, status = 'draf'): Promise<string> {
  const n = ++usahaCounter;
  const r = await env.db.query<{ id: string }>(
    `insert into umkm_usaha (tenant_id, slug, nama, pemilik_user_id, pemilik_nama, kecamatan_kode, kelurahan_kode, status)
     values ($1, $2, $3, $4, 'Ibu Sari', $5, $6, $7) returning id`,
    [
      TENANT,
      `uji-produk-${run}-${n}`,
      `Dapur Uji ${run} ${n}`,
      owner,
      kel.split('.').slice(0, 3).join('.'),
      kel,
      status,
    ],
  );
  return r.rows[0]!.id;
}

const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await env.db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params))
    .rows[0]!.n;

const valid = (over: Record<string, unknown> = {}) => ({
  nama: `Keripik Singkong Pedas ${run}`,
  kategori: 'makanan',
  harga: 15000,
  satuan: 'bungkus',
  deskripsi: 'Keripik singkong renyah dengan sambal balado.',
  merek: 'Dapur Sari',
  tkdn: 45.5,
  kbliKode: '10794',
  halal: true,
  ...over,
});

async function jpeg(w: number, h: number, o: { orientation?: number } = {}): Promise<Buffer> {
  const svg = `<svg width="${w}" height="${h}"><rect x="0" y="0" width="${w / 2}" height="${h}" fill="#c0392b"/><circle cx="${w * 0.7}" cy="${h / 2}" r="${Math.min(w, h) / 4}" fill="#2e86c1"/></svg>`;
  let img = sharp({ create: { width: w, height: h, channels: 3, background: '#f4d03f' } }).composite([
    { input: Buffer.from(svg) },
  ]);
  if (o.orientation) img = img.withMetadata({ orientation: o.orientation });
  return img.jpeg({ quality: 85 }).toBuffer();
}

function upload(
  c: Client,
  produkId: string,
  data: Buffer,
  o: { filename?: string; type?: string; alt?: string } = {},
) {
  const m = multipart([
    { name: 'foto', value: data, filename: o.filename ?? 'foto.jpg', type: o.type ?? 'image/jpeg' },
    ...(o.alt !== undefined ? [{ name: 'alt', value: o.alt }] : []),
  ]);
  return c.request('POST', `${API}/produk/${produkId}/foto`, { payload: m.payload, headers: m.headers });
}

/** A PNG that declares w × h pixels but holds (almost) nothing: what a decompression bomb looks like. */
function pngHeader(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pointers = (r: Response) => (r.json<Problem>().errors ?? []).map((e) => e.pointer).sort();

describe('products through the API', () => {
  let owner: Client;
  let warga: Client;
  let kecamatan: Client;
  let admin: Client;
  let usahaDalam: string;
  let usahaLuar: string;

  before(async () => {
    const kel = await kelurahan();
    const pemilik = await userId('pelaku_umkm');
    usahaDalam = await seedUsaha(kel.dalam, pemilik);
    usahaLuar = await seedUsaha(kel.luar, pemilik);
    [owner, warga, kecamatan, admin] = await Promise.all([
      as('pelaku_umkm'),
      as('warga'),
      as('petugas_kecamatan'),
      as('admin_kota'),
    ]);
  });

  it('the owner adds a product: slug from the name, search document filled, KBLI title', async () => {
    const res = await owner.post(`${API}/usaha/${usahaDalam}/produk`, valid());
    assert.equal(res.status, 201, res.body);
    const p = res.json<Produk>();
    assert.equal(p.slug, `keripik-singkong-pedas-${run}`);
    assert.equal(p.harga, 15000);
    assert.equal(p.tkdn, 45.5);
    assert.equal(p.kbliVersi, '2020');
    assert.match(p.kbliJudul ?? '', /Keripik/);
    assert.deepEqual(p.boleh, { ubah: true, hapus: true });
    assert.match(String(res.headers.location), new RegExp(`/umkm/produk/${p.id}$`));
    const cari = await env.db.query<{ cari: string }>(
      'select cari::text as cari from umkm_produk where id = $1',
      [p.id],
    );
    assert.notEqual(cari.rows[0]!.cari, '');
    assert.match(cari.rows[0]!.cari, /'keripik'/);
    // The same name again: a numbered slug.
    const again = await owner.post(`${API}/usaha/${usahaDalam}/produk`, valid());
    assert.equal(again.status, 201, again.body);
    assert.equal(again.json<Produk>().slug, `keripik-singkong-pedas-${run}-2`);
    const list = await owner.get(`${API}/usaha/${usahaDalam}/produk`);
    assert.equal(list.status, 200);
    assert.equal(list.json<{ items: unknown[] }>().items.length, 2);
  });

  it('refuses bad input with 400 and pointers, writing nothing', async () => {
    const before = await count('umkm_produk', 'usaha_id = $1', [usahaDalam]);
    const cases: [Record<string, unknown>, string][] = [
      [valid({ harga: -1 }), '/body/harga'],
      [valid({ harga: 1.5 }), '/body/harga'],
      [valid({ kategori: 'senjata' }), '/body/kategori'],
      [valid({ kbliKode: '99999' }), '/body/kbliKode'],
      [valid({ kbliKode: '1079' }), '/body/kbliKode'],
      [valid({ kbliKode: '10794', kbliVersi: '2031' }), '/body/kbliVersi'],
      [valid({ nama: 'x'.repeat(161) }), '/body/nama'],
      [valid({ nama: '   a   ' }), '/body/nama'],
      [valid({ tkdn: 101 }), '/body/tkdn'],
      [valid({ tkdn: 33.333 }), '/body/tkdn'],
      [valid({ satuan: '' }), '/body/satuan'],
      [valid({ warna: 'merah' }), '/body/warna'],
    ];
    for (const [b, pointer] of cases) {
      const res = await owner.post(`${API}/usaha/${usahaDalam}/produk`, b);
      assert.equal(res.status, 400, `${JSON.stringify(b)}: ${res.body}`);
      assert.ok(pointers(res).includes(pointer), `${pointer} in ${res.body}`);
    }
    const many = await owner.post(
      `${API}/usaha/${usahaDalam}/produk`,
      valid({ harga: -5, kategori: 'x', kbliKode: '00000' }),
    );
    assert.equal(many.status, 400);
    assert.ok(pointers(many).length >= 2);
    assert.equal(await count('umkm_produk', 'usaha_id = $1', [usahaDalam]), before);
    // A change with bad input leaves the product as it was.
    const p = (await owner.get(`${API}/usaha/${usahaDalam}/produk`)).json<{ items: Produk[] }>().items[0]!;
    const bad = await owner.patch(`${API}/produk/${p.id}`, { harga: -10 });
    assert.equal(bad.status, 400);
    const kbliBad = await owner.patch(`${API}/produk/${p.id}`, { kbliKode: '99999' });
    assert.equal(kbliBad.status, 400);
    assert.deepEqual(pointers(kbliBad), ['/body/kbliKode']);
    const now = (await owner.get(`${API}/produk/${p.id}`)).json<Produk>();
    assert.equal(now.harga, p.harga);
    assert.equal(now.kbliKode, '10794');
  });

  it('only those who see the business see its products; only the owner and kelola officers change them', async () => {
    const p = (
      await owner.post(`${API}/usaha/${usahaLuar}/produk`, valid({ nama: `Rengginang ${run}` }))
    ).json<Produk>();
    // Another signed-in user: the business does not exist for them.
    assert.equal((await warga.get(`${API}/usaha/${usahaLuar}/produk`)).status, 404);
    assert.equal((await warga.get(`${API}/produk/${p.id}`)).status, 404);
    assert.equal((await warga.post(`${API}/usaha/${usahaLuar}/produk`, valid())).status, 404);
    assert.equal((await warga.patch(`${API}/produk/${p.id}`, { harga: 1 })).status, 404);
    assert.equal((await warga.delete(`${API}/produk/${p.id}`)).status, 404);
    // An officer of another kecamatan: 404 as well.
    assert.equal((await kecamatan.get(`${API}/usaha/${usahaLuar}/produk`)).status, 404);
    assert.equal((await kecamatan.patch(`${API}/produk/${p.id}`, { harga: 1 })).status, 404);
    // The officer of the business's kecamatan sees it, but may not change it.
    const seen = await kecamatan.get(`${API}/usaha/${usahaDalam}/produk`);
    assert.equal(seen.status, 200);
    assert.equal(seen.json<{ boleh: { tambah: boolean } }>().boleh.tambah, false);
    assert.equal(
      (await kecamatan.post(`${API}/usaha/${usahaDalam}/produk`, valid({ nama: 'Dodol' }))).status,
      403,
    );
    // An officer with umkm.kelola over the area changes and adds.
    const changed = await admin.patch(`${API}/produk/${p.id}`, { harga: 12500, tersedia: false });
    assert.equal(changed.status, 200, changed.body);
    assert.equal(changed.json<Produk>().harga, 12500);
    assert.equal(
      (await admin.post(`${API}/usaha/${usahaLuar}/produk`, valid({ nama: `Dodol Garut ${run}` }))).status,
      201,
    );
    // Another city's session sees nothing of it.
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/umkm/produk/${p.id}`)).status, 404);
  });

  it('fixes the name once submitted to e-Katalog (409) and refuses deleting it', async () => {
    const p = (
      await owner.post(`${API}/usaha/${usahaDalam}/produk`, valid({ nama: `Kue Basah ${run}` }))
    ).json<Produk>();
    await env.db.query(`update umkm_produk set ekatalog = 'diajukan', nama_terkunci = true where id = $1`, [
      p.id,
    ]);
    const res = await owner.patch(`${API}/produk/${p.id}`, { nama: `Kue Basah Baru ${run}` });
    assert.equal(res.status, 409, res.body);
    assert.match(res.json<Problem>().title, /e-Katalog/);
    assert.deepEqual(pointers(res), ['/body/nama']);
    assert.equal((await admin.patch(`${API}/produk/${p.id}`, { nama: 'Lain' })).status, 409);
    // Other fields, and the same name, still change.
    const ok = await owner.patch(`${API}/produk/${p.id}`, { nama: `Kue Basah ${run}`, harga: 3000 });
    assert.equal(ok.status, 200, ok.body);
    assert.deepEqual(ok.json<Produk>().boleh, { ubah: true, hapus: false });
    const del = await owner.delete(`${API}/produk/${p.id}`);
    assert.equal(del.status, 409);
    await env.db.query(`update umkm_produk set ekatalog = 'tayang' where id = $1`, [p.id]);
    assert.equal((await owner.delete(`${API}/produk/${p.id}`)).status, 409);
    assert.equal(await count('umkm_produk', 'id = $1', [p.id]), 1);
    // The page says so beside the field.
    const page = await owner.request('POST', `/bandung/umkm/produk/${p.id}`, {
      form: { nama: 'Nama Baru', kategori: 'makanan', harga: '3.000', satuan: 'pcs' },
    });
    assert.equal(page.status, 409);
    assert.match(page.body, /id="f-nama-err"/);
  });

  it('deletes a product with its photos', async () => {
    const p = (
      await owner.post(`${API}/usaha/${usahaDalam}/produk`, valid({ nama: `Sambal ${run}` }))
    ).json<Produk>();
    assert.equal((await upload(owner, p.id, await jpeg(400, 300))).status, 201);
    const res = await owner.delete(`${API}/produk/${p.id}`);
    assert.equal(res.status, 204);
    assert.equal((await owner.get(`${API}/produk/${p.id}`)).status, 404);
    assert.equal(await count('umkm_produk', 'id = $1', [p.id]), 0);
    assert.equal(await count('umkm_foto', 'produk_id = $1', [p.id]), 0);
    assert.equal((await owner.delete(`${API}/produk/${p.id}`)).status, 404);
  });
});

describe('photos', () => {
  let owner: Client;
  let warga: Client;
  let usahaId: string;
  let produk: Produk;

  before(async () => {
    const kel = await kelurahan();
    usahaId = await seedUsaha(kel.dalam, await userId('pelaku_umkm'));
    [owner, warga] = await Promise.all([as('pelaku_umkm'), as('warga')]);
    const res = await owner.post(
      `${API}/usaha/${usahaId}/produk`,
      valid({ nama: `Batik Tulis ${run}`, kategori: 'fesyen' }),
    );
    assert.equal(res.status, 201, res.body);
    produk = res.json<Produk>();
  });

  it('turns a 3000×2000 JPEG into three WebP sizes without metadata', async () => {
    const res = await upload(owner, produk.id, await jpeg(3000, 2000), { alt: 'Kain batik biru' });
    assert.equal(res.status, 201, res.body);
    const f = res.json<Foto>();
    assert.equal(f.urutan, 1);
    assert.equal(f.alt, 'Kain batik biru');
    assert.deepEqual([f.lebar, f.tinggi], [1600, 1067]);
    assert.deepEqual([f.ukuran.sedang.lebar, f.ukuran.sedang.tinggi], [640, 427]);
    assert.deepEqual([f.ukuran.kecil.lebar, f.ukuran.kecil.tinggi], [240, 160]);
    const row = (
      await env.db.query<{ besar: Buffer; sedang: Buffer; kecil: Buffer; lebar: number; tinggi: number }>(
        'select besar, sedang, kecil, lebar, tinggi from umkm_foto where id = $1',
        [f.id],
      )
    ).rows[0]!;
    assert.deepEqual([row.lebar, row.tinggi], [1600, 1067]);
    const expect = { besar: [1600, 1067], sedang: [640, 427], kecil: [240, 160] } as const;
    for (const k of ['besar', 'sedang', 'kecil'] as const) {
      const m = await sharp(row[k]).metadata();
      assert.equal(m.format, 'webp', k);
      assert.deepEqual([m.width, m.height], expect[k], k);
      assert.equal(m.exif, undefined, `${k} carries no EXIF`);
    }
    assert.ok(row.kecil.length < row.sedang.length && row.sedang.length < row.besar.length);
  });

  it('stands a photo upright by its EXIF orientation', async () => {
    const res = await upload(owner, produk.id, await jpeg(1200, 800, { orientation: 6 }));
    assert.equal(res.status, 201, res.body);
    const f = res.json<Foto>();
    assert.deepEqual([f.lebar, f.tinggi], [800, 1200]);
    assert.equal(f.urutan, 2);
  });

  it('refuses what is not a photo, cut-off files, too large files, and a ninth photo', async () => {
    const before = await count('umkm_foto', 'produk_id = $1', [produk.id]);
    const text = await upload(owner, produk.id, Buffer.from('bukan foto, hanya teks'), { filename: 'x.jpg' });
    assert.equal(text.status, 400);
    assert.deepEqual(pointers(text), ['/body/foto']);
    const full = await jpeg(1600, 1200);
    const cut = await upload(owner, produk.id, full.subarray(0, Math.floor(full.length / 2)));
    assert.equal(cut.status, 400, cut.body);
    assert.deepEqual(pointers(cut), ['/body/foto']);
    const fakePng = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(500)]);
    assert.equal((await upload(owner, produk.id, fakePng, { type: 'image/png' })).status, 400);
    // A decompression bomb: a tiny PNG declaring 10000 × 10000 pixels, and one 13000 px wide.
    for (const [w, h] of [
      [10_000, 10_000],
      [13_000, 10],
    ] as const) {
      const bomb = pngHeader(w, h);
      const bombRes = await upload(owner, produk.id, bomb, { type: 'image/png' });
      assert.equal(bombRes.status, 400, bombRes.body);
      assert.match(bombRes.body, /12\.000/);
    }
    const big = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.alloc(8 * 1024 * 1024 + 10)]);
    assert.equal((await upload(owner, produk.id, big)).status, 413);
    assert.equal((await upload(warga, produk.id, full)).status, 404);
    assert.equal(await count('umkm_foto', 'produk_id = $1', [produk.id]), before);
    // The page form says it beside the field.
    const m = multipart([{ name: 'foto', value: big, filename: 'besar.jpg', type: 'image/jpeg' }]);
    const page = await owner.request('POST', `/bandung/umkm/produk/${produk.id}/foto`, {
      payload: m.payload,
      headers: m.headers,
    });
    assert.equal(page.status, 400);
    assert.match(page.body, /id="f-foto-err"[^>]*>[^<]*8 MB/);
    // Up to eight photos.
    const one = (
      await env.db.query<{ id: string }>('select id from umkm_foto where produk_id = $1 limit 1', [produk.id])
    ).rows[0]!.id;
    for (let i = before; i < 8; i++) {
      await env.db.query(
        `insert into umkm_foto (tenant_id, usaha_id, produk_id, urutan, lebar, tinggi, besar, sedang, kecil)
         select tenant_id, usaha_id, produk_id, $2, lebar, tinggi, besar, sedang, kecil from umkm_foto where id = $1`,
        [one, i + 1],
      );
    }
    const ninth = await upload(owner, produk.id, await jpeg(300, 300));
    assert.equal(ninth.status, 400);
    assert.deepEqual(pointers(ninth), ['/body/foto']);
    await env.db.query('delete from umkm_foto where produk_id = $1 and urutan > $2', [produk.id, before]);
  });

  it('reorders photos, keeps alt texts, and closes the gap after a delete', async () => {
    const fotos = () => owner.get(`${API}/produk/${produk.id}`).then((r) => r.json<Produk>().foto);
    const [a, b] = await fotos();
    assert.ok(a && b);
    const moved = await owner.patch(`${API}/produk/${produk.id}/foto/${b.id}`, {
      urutan: 1,
      alt: 'Batik dilipat',
    });
    assert.equal(moved.status, 200, moved.body);
    assert.deepEqual(
      (await fotos()).map((f) => [f.id, f.urutan, f.alt]),
      [
        [b.id, 1, 'Batik dilipat'],
        [a.id, 2, 'Kain batik biru'],
      ],
    );
    const long = await owner.patch(`${API}/produk/${produk.id}/foto/${b.id}`, { alt: 'x'.repeat(201) });
    assert.equal(long.status, 400);
    assert.equal((await owner.patch(`${API}/produk/${produk.id}/foto/${b.id}`, { urutan: 0 })).status, 400);
    assert.equal((await warga.patch(`${API}/produk/${produk.id}/foto/${b.id}`, { alt: 'x' })).status, 404);
    const c = (await upload(owner, produk.id, await jpeg(500, 500))).json<Foto>();
    assert.equal(c.urutan, 3);
    assert.equal((await owner.delete(`${API}/produk/${produk.id}/foto/${b.id}`)).status, 204);
    assert.deepEqual(
      (await fotos()).map((f) => [f.id, f.urutan]),
      [
        [a.id, 1],
        [c.id, 2],
      ],
    );
    assert.equal((await owner.delete(`${API}/produk/${produk.id}/foto/${b.id}`)).status, 404);
  });

  it('serves private photos to who sees the business, public ones to all, with ETag, 304 and caching', async () => {
    const f = (await owner.get(`${API}/produk/${produk.id}`)).json<Produk>().foto[0]!;
    const url = f.ukuran.kecil.url;
    assert.equal(url, `/bandung/umkm/foto/${f.id}/kecil.webp`);
    const anon = new Client(env.balai.app);
    // The business is not verified: only those who see it.
    assert.equal((await anon.get(url)).status, 404);
    assert.equal((await warga.get(url)).status, 404);
    const mine = await owner.get(url);
    assert.equal(mine.status, 200);
    assert.equal(mine.headers['content-type'], 'image/webp');
    assert.match(String(mine.headers['cache-control']), /private/);
    const etag = String(mine.headers.etag);
    assert.equal(etag, `"${f.id}-kecil"`);
    assert.equal((await owner.get(url, { 'if-none-match': etag })).status, 304);
    // Verified: public, cached for a year, 304 on a matching ETag.
    await env.db.query(`update umkm_usaha set status = 'terverifikasi' where id = $1`, [usahaId]);
    const pub = await anon.get(f.ukuran.sedang.url);
    assert.equal(pub.status, 200);
    assert.equal(pub.headers['content-type'], 'image/webp');
    assert.equal(pub.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(pub.headers['x-content-type-options'], 'nosniff');
    assert.equal(pub.headers.etag, `"${f.id}-sedang"`);
    const size = await env.db.query<{ n: number }>(
      'select length(sedang) as n from umkm_foto where id = $1',
      [f.id],
    );
    assert.equal(Number(pub.headers['content-length']), size.rows[0]!.n);
    const again = await anon.get(f.ukuran.sedang.url, { 'if-none-match': `W/"${f.id}-sedang"` });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal((await anon.get(`/bandung/umkm/foto/${f.id}/raksasa.webp`)).status, 400);
    assert.equal((await anon.get(`/bandung/umkm/foto/${produk.id}/kecil.webp`)).status, 404);
    // Another city's address does not serve it.
    assert.equal((await anon.get(`/serang/umkm/foto/${f.id}/kecil.webp`)).status, 404);
    await env.db.query(`update umkm_usaha set status = 'draf' where id = $1`, [usahaId]);
    assert.equal((await anon.get(f.ukuran.besar.url)).status, 404);
  });
});

describe('product pages', () => {
  let owner: Client;
  let warga: Client;
  let usahaId: string;

  before(async () => {
    const kel = await kelurahan();
    usahaId = await seedUsaha(kel.dalam, await userId('pelaku_umkm'));
    [owner, warga] = await Promise.all([as('pelaku_umkm'), as('warga')]);
  });

  it('adds a product from the form with a typed price, then edits it and uploads a photo from the camera', async () => {
    const empty = await owner.get(`/bandung/umkm/usaha/${usahaId}/produk`);
    assert.equal(empty.status, 200);
    assert.match(empty.body, new RegExp(`href="/bandung/umkm/usaha/${usahaId}/produk/baru"`));
    const form = await owner.get(`/bandung/umkm/usaha/${usahaId}/produk/baru`);
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="f-harga">/);
    // Errors beside their fields, with a summary, and nothing written.
    const bad = await owner.request('POST', `/bandung/umkm/usaha/${usahaId}/produk/baru`, {
      form: { nama: 'K', kategori: 'senjata', harga: 'lima ribu', satuan: 'pcs', kbliKode: '99999' },
    });
    assert.equal(bad.status, 400);
    for (const f of ['nama', 'kategori', 'harga', 'kbliKode'])
      assert.match(bad.body, new RegExp(`id="f-${f}-err"`), f);
    assert.match(bad.body, /role="alert"/);
    assert.match(bad.body, /value="lima ribu"/);
    assert.equal(await count('umkm_produk', 'usaha_id = $1', [usahaId]), 0);
    const ok = await owner.request('POST', `/bandung/umkm/usaha/${usahaId}/produk/baru`, {
      form: {
        nama: `Kopi Aren ${run}`,
        kategori: 'minuman',
        harga: 'Rp 18.500',
        satuan: 'gelas',
        tersedia: '1',
        halal: '1',
        tkdn: '40,5',
      },
    });
    assert.equal(ok.status, 303, ok.body);
    const loc = String(ok.headers.location);
    assert.match(loc, /^\/bandung\/umkm\/produk\/[0-9a-f-]{36}\?ok=dibuat$/);
    const id = loc.split('/')[4]!.split('?')[0]!;
    const row = (
      await env.db.query<{ harga: string; halal: boolean; tkdn: string; cari: string }>(
        'select harga, halal, tkdn, cari::text as cari from umkm_produk where id = $1',
        [id],
      )
    ).rows[0]!;
    assert.deepEqual([Number(row.harga), row.halal, Number(row.tkdn)], [18500, true, 40.5]);
    assert.notEqual(row.cari, '');
    const page = await owner.get(loc);
    assert.equal(page.status, 200);
    assert.match(page.body, /capture="environment"/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /value="18\.500"/);
    const edit = await owner.request('POST', `/bandung/umkm/produk/${id}`, {
      form: { nama: `Kopi Aren Gula ${run}`, kategori: 'minuman', harga: '20.000', satuan: 'gelas' },
    });
    assert.equal(edit.status, 303, edit.body);
    const after = (
      await env.db.query<{ harga: string; tersedia: boolean; slug: string }>(
        'select harga, tersedia, slug from umkm_produk where id = $1',
        [id],
      )
    ).rows[0]!;
    assert.deepEqual(
      [Number(after.harga), after.tersedia, after.slug],
      [20000, false, `kopi-aren-gula-${run}`],
    );
    // A photo through the page form, as a phone sends it.
    const m = multipart([
      { name: 'alt', value: 'Segelas kopi aren' },
      { name: 'foto', value: await jpeg(2000, 1500), filename: 'IMG_0001.jpg', type: 'image/jpeg' },
    ]);
    const up = await owner.request('POST', `/bandung/umkm/produk/${id}/foto`, {
      payload: m.payload,
      headers: m.headers,
    });
    assert.equal(up.status, 303, up.body);
    const withPhoto = await owner.get(`/bandung/umkm/produk/${id}`);
    assert.match(withPhoto.body, /loading="lazy"/);
    assert.match(withPhoto.body, /decoding="async"/);
    assert.match(withPhoto.body, /kecil\.webp 240w, [^"]*sedang\.webp 640w, [^"]*besar\.webp 1600w/);
    assert.match(withPhoto.body, /alt="Segelas kopi aren"/);
    const list = await owner.get(`/bandung/umkm/usaha/${usahaId}/produk`);
    assert.match(list.body, /sizes="96px"/);
    assert.match(list.body, /Rp\s?20\.000/);
    // A photo's alt and delete through the page.
    const fotoId = (await env.db.query<{ id: string }>('select id from umkm_foto where produk_id = $1', [id]))
      .rows[0]!.id;
    const alt = await owner.request('POST', `/bandung/umkm/produk/${id}/foto/${fotoId}`, {
      form: { alt: 'x'.repeat(201), urutan: '1' },
    });
    assert.equal(alt.status, 400);
    assert.match(alt.body, new RegExp(`id="f-alt-${fotoId}-err"`));
    const del = await owner.request('POST', `/bandung/umkm/produk/${id}/foto/${fotoId}/hapus`, { form: {} });
    assert.equal(del.status, 303);
    assert.equal(await count('umkm_foto', 'produk_id = $1', [id]), 0);
    // Other users: the pages do not exist for them.
    assert.equal((await warga.get(`/bandung/umkm/produk/${id}`)).status, 404);
    assert.equal((await warga.get(`/bandung/umkm/usaha/${usahaId}/produk/baru`)).status, 404);
    const gone = await owner.request('POST', `/bandung/umkm/produk/${id}/hapus`, { form: {} });
    assert.equal(gone.status, 303);
    assert.equal(String(gone.headers.location), `/bandung/umkm/usaha/${usahaId}/produk?ok=dihapus`);
  });
});
