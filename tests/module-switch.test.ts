/**
 * A city switches optional modules on and off: the routes of a switched-off
 * module answer 404 for that city only, and its navigation disappears.
 * Uses a small real module registered next to the shipped ones.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { loadConfig } from '../src/platform/config.ts';
import { startBalai, type Balai } from '../src/platform/boot.ts';
import { modules } from '../src/modules/index.ts';
import type { BalaiModule } from '../src/platform/module.ts';
import { CityParams } from '../src/platform/http/schemas.ts';
import { cityOf } from '../src/platform/http/context.ts';
import { Client, freshDatabase } from './helpers/app.ts';

const optionalModule: BalaiModule = {
  name: 'ujicoba',
  label: 'ujicoba.module',
  optional: true,
  messages: { id: { 'ujicoba.module': 'Uji coba' }, en: { 'ujicoba.module': 'Trial' } },
  permissions: { 'ujicoba.lihat': ['admin_kota'] },
  nav: [{ path: '/ujicoba', label: 'ujicoba.module', access: 'ujicoba.lihat' }],
  routes(app) {
    app.get(
      '/api/v1/cities/:city/ujicoba',
      {
        schema: { params: CityParams, response: { 200: Type.Object({ city: Type.String() }) } },
        config: { access: 'public' },
      },
      (req) => ({ city: cityOf(req).slug }),
    );
  },
};

let balai: Balai;
before(async () => {
  const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error' }), demo: false, jobs: false };
  balai = await startBalai(config, [...modules, optionalModule], {
    listen: false,
    databaseUrl: await freshDatabase(),
  });
});
after(() => balai.stop());

describe('optional modules', () => {
  it('answer 404 until the city switches them on, for that city only', async () => {
    const admin = new Client(balai.app);
    const off = await admin.get('/api/v1/cities/bandung/ujicoba');
    assert.equal(off.status, 404);
    assert.equal(off.json<{ title: string }>().title, 'Layanan ini tidak digunakan oleh kota ini.');

    await admin.loginAs('bandung', 'admin_kota');
    const dashboardBefore = await admin.get('/bandung/dasbor');
    assert.doesNotMatch(dashboardBefore.body, /href="\/bandung\/ujicoba"/);

    const current = (await admin.get('/api/v1/cities/bandung/settings')).json<{ modules: string[] }>()
      .modules;
    const on = await admin.patch('/api/v1/cities/bandung/settings', { modules: [...current, 'ujicoba'] });
    assert.equal(on.status, 200, on.body);

    const now = await admin.get('/api/v1/cities/bandung/ujicoba');
    assert.equal(now.status, 200);
    assert.deepEqual(now.json(), { city: 'bandung' });
    assert.match((await admin.get('/bandung/dasbor')).body, /href="\/bandung\/ujicoba"/);
    // Serang has not switched it on.
    assert.equal((await admin.get('/api/v1/cities/serang/ujicoba')).status, 404);

    const offAgain = await admin.patch('/api/v1/cities/bandung/settings', { modules: current });
    assert.equal(offAgain.status, 200);
    assert.equal((await admin.get('/api/v1/cities/bandung/ujicoba')).status, 404);
  });

  it('refuses to switch on a module that does not exist', async () => {
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const res = await admin.patch('/api/v1/cities/bandung/settings', { modules: ['tidakada'] });
    assert.equal(res.status, 400);
  });
});
