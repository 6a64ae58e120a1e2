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
});
