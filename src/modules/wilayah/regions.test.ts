import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestBalai, type TestBalai } from '../../../tests/helpers/app.ts';

let balai: TestBalai;
before(async () => {
  balai = await startTestBalai();
});
after(() => balai.stop());

interface Kecamatan {
  kode: string;
  nama: string;
  jumlahKelurahan: number;
  jumlahRw: number | null;
}
interface FeatureCollection {
  type: string;
  features: { type: string; properties: { kode: string; nama: string }; geometry: { type: string } }[];
}

/** Official counts (Kepmendagri 300.2.2-2138/2025). */
const COUNTS = {
  bandung: { kecamatan: 30, kelurahan: 151, id: '32.73' },
  serang: { kecamatan: 6, kelurahan: 67, id: '36.73' },
};

describe('regions API', () => {
  for (const [slug, n] of Object.entries(COUNTS)) {
    it(`${slug}: ${n.kecamatan} kecamatan and ${n.kelurahan} kelurahan`, async () => {
      const c = new Client(balai.app);
      const kec = await c.get(`/api/v1/cities/${slug}/wilayah/kecamatan`);
      assert.equal(kec.status, 200);
      const items = kec.json<{ items: Kecamatan[] }>().items;
      assert.equal(items.length, n.kecamatan);
      assert.ok(items.every((k) => k.kode.startsWith(`${n.id}.`)));
      assert.ok(
        items.every((k) => k.jumlahRw === null),
        'anonymous callers see no RW counts',
      );
      assert.equal(
        items.reduce((s, k) => s + k.jumlahKelurahan, 0),
        n.kelurahan,
      );
      const kel = await c.get(`/api/v1/cities/${slug}/wilayah/kelurahan`);
      assert.equal(kel.status, 200);
      assert.equal(kel.json<{ items: unknown[] }>().items.length, n.kelurahan);
    });

    it(`${slug}: GeoJSON with one feature per region`, async () => {
      const c = new Client(balai.app);
      for (const [level, count] of [
        ['kecamatan', n.kecamatan],
        ['kelurahan', n.kelurahan],
      ] as const) {
        const res = await c.get(`/api/v1/cities/${slug}/wilayah/${level}.geojson`);
        assert.equal(res.status, 200);
        assert.match(String(res.headers['content-type']), /^application\/geo\+json/);
        assert.match(String(res.headers['cache-control']), /public, max-age=\d+/);
        const fc = res.json<FeatureCollection>();
        assert.equal(fc.type, 'FeatureCollection');
        assert.equal(fc.features.length, count);
        const f = fc.features[0]!;
        assert.equal(f.type, 'Feature');
        assert.deepEqual(Object.keys(f.properties).sort(), ['kode', 'nama']);
        assert.equal(f.geometry.type, 'MultiPolygon');
        const etag = String(res.headers.etag);
        const again = await c.get(`/api/v1/cities/${slug}/wilayah/${level}.geojson`, {
          'if-none-match': etag,
        });
        assert.equal(again.status, 304);
      }
    });
  }

  it('filters kelurahan by kecamatan; a kecamatan of another city is 404', async () => {
    const c = new Client(balai.app);
    const res = await c.get('/api/v1/cities/bandung/wilayah/kelurahan?kecamatan=32.73.01');
    assert.equal(res.status, 200);
    const items = res.json<{ items: { kode: string; induk: string }[] }>().items;
    assert.deepEqual(
      items.map((k) => k.kode),
      ['32.73.01.1001', '32.73.01.1002', '32.73.01.1003', '32.73.01.1004'],
    );
    assert.equal((await c.get('/api/v1/cities/bandung/wilayah/kelurahan?kecamatan=36.73.01')).status, 404);
    assert.equal((await c.get('/api/v1/cities/bandung/wilayah/kelurahan?kecamatan=abc')).status, 400);
    const geo = await c.get('/api/v1/cities/bandung/wilayah/kelurahan.geojson?kecamatan=32.73.01');
    assert.equal(geo.json<FeatureCollection>().features.length, 4);
  });

  it('one region: kecamatan with its kelurahan, kelurahan with its parent; other cities and levels are 404', async () => {
    const c = new Client(balai.app);
    const kec = await c.get('/api/v1/cities/bandung/wilayah/32.73.01');
    assert.equal(kec.status, 200);
    const k = kec.json<{ nama: string; tingkat: string; kelurahan: unknown[]; parent: { kode: string } }>();
    assert.equal(k.nama, 'Sukasari');
    assert.equal(k.tingkat, 'kecamatan');
    assert.equal(k.kelurahan.length, 4);
    assert.equal(k.parent.kode, '32.73');
    const kel = await c.get('/api/v1/cities/bandung/wilayah/32.73.01.1002');
    assert.equal(kel.status, 200);
    assert.equal(kel.json<{ nama: string; parent: { nama: string } }>().parent.nama, 'Sukasari');
    for (const kode of [
      '36.73.01',
      '36.73.01.1001',
      '32.73',
      '32',
      '32.73.99',
      'bukan-kode',
      '32.73.01.1001.001',
    ]) {
      const r = await c.get(`/api/v1/cities/bandung/wilayah/${kode}`);
      assert.equal(r.status, 404, kode);
      assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    }
    assert.equal((await c.get('/api/v1/cities/serang/wilayah/36.73.01')).status, 200);
    assert.equal((await c.get('/api/v1/cities/tidak-ada/wilayah/kecamatan')).status, 404);
  });

  it('RW counts for officers follow their area', async () => {
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const all = (await admin.get('/api/v1/cities/bandung/wilayah/kecamatan')).json<{ items: Kecamatan[] }>()
      .items;
    assert.ok(
      all.every((k) => (k.jumlahRw ?? 0) >= k.jumlahKelurahan * 3),
      'demo: at least 3 RWs per kelurahan',
    );

    const lurah = new Client(balai.app);
    await lurah.loginAs('bandung', 'petugas_kelurahan');
    const scoped = (await lurah.get('/api/v1/cities/bandung/wilayah/kecamatan')).json<{
      items: Kecamatan[];
    }>().items;
    const sukasari = scoped.find((k) => k.kode === '32.73.01')!;
    const other = scoped.find((k) => k.kode === '32.73.02')!;
    assert.equal(other.jumlahRw, 0);
    const own = (await lurah.get('/api/v1/cities/bandung/wilayah/32.73.01.1001')).json<{
      jumlahRw: number;
    }>();
    assert.equal(sukasari.jumlahRw, own.jumlahRw);
    assert.ok(own.jumlahRw >= 3);

    const rw = new Client(balai.app);
    await rw.loginAs('bandung', 'pengurus_rw');
    const mine = (await rw.get('/api/v1/cities/bandung/wilayah/32.73.01.1001')).json<{ jumlahRw: number }>();
    assert.equal(mine.jumlahRw, 1, 'a pengurus RW sees only its RW');

    const warga = new Client(balai.app);
    await warga.loginAs('bandung', 'warga');
    const w = (await warga.get('/api/v1/cities/bandung/wilayah/kecamatan')).json<{ items: Kecamatan[] }>()
      .items;
    assert.ok(w.every((k) => k.jumlahRw === null));
  });
});

describe('OpenAPI', () => {
  it('documents every wilayah API route with the wilayah tag and a summary', async () => {
    const res = await new Client(balai.app).get('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    const ours = Object.entries(doc.paths).filter(([path]) =>
      /\/cities\/\{city\}\/(wilayah|rw|rt)(\/|$)/.test(path),
    );
    const operations = ours.flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    assert.equal(operations.length, 17, operations.map((o) => `${o.method} ${o.path}`).join(', '));
    for (const { path, method, op } of operations) {
      assert.deepEqual(op.tags, ['wilayah'], `${method} ${path}`);
      assert.ok(op.summary, `${method} ${path} has a summary`);
    }
  });
});

describe('region pages', () => {
  it('the region list shows every kecamatan, RW counts only to permitted users', async () => {
    const c = new Client(balai.app);
    const res = await c.get('/bandung/wilayah');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.equal((res.body.match(/href="\/bandung\/wilayah\/32\.73\.\d\d"/g) ?? []).length, 30);
    assert.match(res.body, /<h1>Wilayah Kota Bandung<\/h1>/);
    assert.match(res.body, /<div class="table-wrap"/);
    assert.doesNotMatch(res.body, /Jumlah RW/);
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    assert.match((await admin.get('/bandung/wilayah')).body, /Jumlah RW/);
  });

  it('a kecamatan page lists its kelurahan; a kelurahan page shows RWs to permitted users', async () => {
    const c = new Client(balai.app);
    const kec = await c.get('/bandung/wilayah/32.73.01');
    assert.equal(kec.status, 200);
    assert.match(kec.body, /Kecamatan Sukasari/);
    assert.match(kec.body, /Gegerkalong/);
    assert.match(kec.body, /<nav class="breadcrumbs"/);
    const kel = await c.get('/bandung/wilayah/32.73.01.1001');
    assert.equal(kel.status, 200);
    assert.match(kel.body, /Kelurahan Sukarasa/);
    assert.doesNotMatch(kel.body, /RW di kelurahan ini/);

    const lurah = new Client(balai.app);
    await lurah.loginAs('bandung', 'petugas_kelurahan');
    const own = await lurah.get('/bandung/wilayah/32.73.01.1001');
    assert.match(own.body, /RW di kelurahan ini/);
    assert.match(own.body, /Tambah RW/);
    assert.match(own.body, /\d{4}\*+\d{4}/, 'phone numbers are masked');
    assert.doesNotMatch(own.body, /08\d{10}/);
    const neighbour = await lurah.get('/bandung/wilayah/32.73.01.1002');
    assert.doesNotMatch(neighbour.body, /RW di kelurahan ini/);

    assert.equal((await c.get('/bandung/wilayah/36.73.01')).status, 404);
    assert.equal((await c.get('/bandung/wilayah/xyz')).status, 404);
    c.cookies.set('balai_lang', 'en');
    const en = await c.get('/bandung/wilayah/32.73.01');
    assert.match(en.body, /Sukasari district/);
  });

  it('the map page follows the browser contract and lists the kecamatan without JavaScript', async () => {
    const c = new Client(balai.app);
    for (const [slug, n] of Object.entries(COUNTS)) {
      const res = await c.get(`/${slug}/peta`);
      assert.equal(res.status, 200);
      const api = `/api/v1/cities/${slug}/wilayah`.replaceAll('/', '\\/');
      const div = /<div\s[^>]*id="peta"[^>]*>/.exec(res.body)?.[0] ?? '';
      assert.match(div, new RegExp(`\\sdata-kecamatan-url="${api}\\/kecamatan\\.geojson"`));
      assert.match(div, new RegExp(`\\sdata-kelurahan-url="${api}\\/kelurahan\\.geojson"`));
      const leaflet = res.body.indexOf('<script src="/assets/leaflet/leaflet.js" defer></script>');
      const peta = res.body.indexOf('<script src="/assets/js/peta.js" defer></script>');
      assert.ok(leaflet > 0 && peta > leaflet, 'Leaflet, then the map script');
      assert.match(res.body, /<link rel="stylesheet" href="\/assets\/leaflet\/leaflet\.css"/);
      assert.doesNotMatch(res.body, /<script>(?!<\/script>)/, 'no inline script');
      assert.equal(
        (
          res.body.match(new RegExp(`href="/${slug}/wilayah/${n.id.replace('.', '\\.')}\\.\\d\\d"`, 'g')) ??
          []
        ).length,
        n.kecamatan,
      );
    }
    const js = await c.get('/assets/js/peta.js');
    assert.equal(js.status, 200);
    assert.equal((await c.get('/assets/leaflet/leaflet.js')).status, 200);
  });

  it('dashboard tiles: kecamatan, kelurahan and the RWs of the area', async () => {
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const res = await admin.get('/bandung/dasbor');
    assert.equal(res.status, 200);
    assert.match(
      res.body,
      /<span class="value">30<\/span> <span class="label"><a href="\/bandung\/wilayah">Kecamatan<\/a>/,
    );
    assert.match(res.body, /<span class="value">151<\/span>/);
    assert.match(res.body, /RW di wilayah Anda/);
    const warga = new Client(balai.app);
    await warga.loginAs('bandung', 'warga');
    const w = await warga.get('/bandung/dasbor');
    assert.match(w.body, /<span class="value">30<\/span>/);
    assert.doesNotMatch(w.body, /RW di wilayah Anda/);
  });
});
