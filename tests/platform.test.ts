import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestBalai, type TestBalai } from './helpers/app.ts';

let balai: TestBalai;
before(async () => {
  balai = await startTestBalai();
});
after(() => balai.stop());

describe('platform', () => {
  it('lists both cities', async () => {
    const c = new Client(balai.app);
    const res = await c.get('/api/v1/cities');
    assert.equal(res.status, 200);
    const body = res.json<{ items: { kode: string; slug: string }[] }>();
    assert.deepEqual(body.items.map((x) => x.slug).sort(), ['bandung', 'serang']);
  });

  it('signs in and out', async () => {
    const c = new Client(balai.app);
    await c.loginAs('bandung', 'admin_kota');
    const me = await c.get('/api/v1/cities/bandung/session');
    assert.equal(me.status, 200);
    assert.equal(me.json<{ email: string }>().email, 'admin.kota@bandung.demo');
    assert.equal((await c.delete('/api/v1/cities/bandung/session')).status, 204);
    assert.equal((await c.get('/api/v1/cities/bandung/session')).status, 401);
  });

  it('redirects an address with repeated slashes to the one without, so the API docs links resolve', async () => {
    const docs = await balai.app.inject({ method: 'GET', url: '/api/docs//' });
    assert.equal(docs.statusCode, 301);
    assert.equal(docs.headers.location, '/api/docs/');
    const page = await balai.app.inject({ method: 'GET', url: '/bandung//umkm?q=kopi' });
    assert.equal(page.statusCode, 301);
    assert.equal(page.headers.location, '/bandung/umkm?q=kopi');
    const other = await balai.app.inject({ method: 'GET', url: '//example.org/' });
    assert.equal(other.statusCode, 301);
    assert.equal(other.headers.location, '/example.org/');
    // The docs page links its files relative to /api/docs/: they are there.
    const index = await balai.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(index.statusCode, 200);
    const css = /href="\.(\/static\/swagger-ui\.css)"/.exec(index.body);
    assert.ok(css, 'the docs page links its stylesheet relatively');
    assert.equal((await balai.app.inject({ method: 'GET', url: `/api/docs${css[1]}` })).statusCode, 200);
  });
});
