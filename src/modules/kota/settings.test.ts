import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestBalai, type TestBalai } from '../../../tests/helpers/app.ts';
import { JPEG, PNG, SVG, WEBP, contains, lacks, multipart } from '../../../tests/helpers/kota.ts';

let balai: TestBalai;
before(async () => {
  balai = await startTestBalai();
});
after(() => balai.stop());

interface Settings {
  kode: string;
  name: string;
  tagline: string | null;
  contact: Record<string, string>;
  modules: string[];
  availableModules: { name: string; enabled: boolean }[];
  logoUrl: string | null;
}

async function admin(city: 'bandung' | 'serang' = 'bandung'): Promise<Client> {
  const c = new Client(balai.app);
  await c.loginAs(city, 'admin_kota');
  return c;
}

describe('kota settings API', () => {
  it('reads the settings of the own city', async () => {
    const c = await admin();
    const res = await c.get('/api/v1/cities/bandung/settings');
    assert.equal(res.status, 200);
    const s = res.json<Settings>();
    assert.equal(s.kode, '32.73');
    assert.equal(s.name, 'Kota Bandung');
    assert.equal(s.contact.telepon, '0224234793');
    assert.ok(Array.isArray(s.availableModules));
  });

  it('anonymous gets 401, a non-admin 403, an admin of another city 401', async () => {
    const anon = new Client(balai.app);
    assert.equal((await anon.get('/api/v1/cities/bandung/settings')).status, 401);
    assert.equal((await anon.patch('/api/v1/cities/bandung/settings', { name: 'Kota Lain' })).status, 401);
    const petugas = new Client(balai.app);
    await petugas.loginAs('bandung', 'petugas_kelurahan');
    assert.equal((await petugas.get('/api/v1/cities/bandung/settings')).status, 403);
    assert.equal((await petugas.patch('/api/v1/cities/bandung/settings', { name: 'Kota Lain' })).status, 403);
    const dinas = new Client(balai.app);
    await dinas.loginAs('bandung', 'petugas_dinas');
    assert.equal((await dinas.get('/api/v1/cities/bandung/settings')).status, 403);
    const serang = await admin('serang');
    assert.equal(
      (await serang.get('/api/v1/cities/bandung/settings')).status,
      401,
      'the session belongs to Serang',
    );
    // Pages: anonymous is sent to the login page, a non-admin gets a 403 page.
    const page = await anon.get('/bandung/kota/pengaturan');
    assert.equal(page.status, 303);
    assert.match(String(page.headers.location), /^\/bandung\/masuk\?next=/);
    assert.equal((await petugas.get('/bandung/kota/pengaturan')).status, 403);
  });

  it('updates name, tagline, contact and modules; the change shows on the public page', async () => {
    const c = await admin();
    const res = await c.patch('/api/v1/cities/bandung/settings', {
      name: 'Kota Bandung Juara',
      tagline: '  Bandung bersih  ',
      contact: {
        alamat: 'Jl. Wastukencana No. 2',
        telepon: '(022) 4234793',
        email: 'HUMAS@bandung.go.id',
        situs: '',
      },
      modules: [],
    });
    assert.equal(res.status, 200, res.body);
    const s = res.json<Settings>();
    assert.equal(s.name, 'Kota Bandung Juara');
    assert.equal(s.tagline, 'Bandung bersih');
    assert.deepEqual(s.contact, {
      alamat: 'Jl. Wastukencana No. 2',
      telepon: '(022) 4234793',
      email: 'humas@bandung.go.id',
    });
    assert.deepEqual(s.modules, []);
    const home = await new Client(balai.app).get('/bandung');
    contains(home.body, /Kota Bandung Juara/);
    contains(home.body, /Bandung bersih/);
    // Serang is untouched.
    const serang = await new Client(balai.app).get('/api/v1/cities/serang');
    assert.equal(serang.json<{ name: string }>().name, 'Kota Serang');
  });

  it('rejects bad input with 400 and field pointers, never 500', async () => {
    const c = await admin();
    const cases: [unknown, string][] = [
      [{ name: 'X' }, '/body/name'],
      [{ contact: { email: 'bukan-email' } }, '/body/contact/email'],
      [{ contact: { situs: 'javascript:alert(1)' } }, '/body/contact/situs'],
      [{ modules: ['tidak-ada'] }, '/body/modules'],
      [{ tagline: 'x'.repeat(201) }, '/body/tagline'],
      [{ unknown: 1 }, '/body/unknown'],
    ];
    for (const [body, pointer] of cases) {
      const res = await c.patch('/api/v1/cities/bandung/settings', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.body}`);
      const p = res.json<{ errors?: { pointer: string }[] }>();
      assert.ok(
        p.errors?.some((e) => e.pointer === pointer),
        `${JSON.stringify(body)} -> ${pointer}: ${res.body}`,
      );
    }
  });

  it('uploads PNG, JPEG, WebP and SVG logos (type sniffed from the bytes) and removes the logo', async () => {
    const c = await admin('serang');
    for (const [data, type] of [
      [PNG, 'image/png'],
      [JPEG, 'image/jpeg'],
      [WEBP, 'image/webp'],
      [SVG, 'image/svg+xml'],
    ] as const) {
      // The declared name and type lie: the bytes decide.
      const body = multipart({}, { name: 'logo', filename: 'logo.txt', type: 'text/plain', data });
      const res = await c.request('PUT', '/api/v1/cities/serang/settings/logo', body);
      assert.equal(res.status, 200, res.body);
      const url = res.json<Settings>().logoUrl;
      assert.ok(url?.startsWith('/serang/logo?v='));
      const logo = await new Client(balai.app).get(url!);
      assert.equal(logo.status, 200);
      assert.equal(String(logo.headers['content-type']).split(';')[0], type);
    }
    assert.equal((await c.delete('/api/v1/cities/serang/settings/logo')).status, 204);
    assert.equal((await new Client(balai.app).get('/serang/logo')).status, 404);
    const s = (await c.get('/api/v1/cities/serang/settings')).json<Settings>();
    assert.equal(s.logoUrl, null);
  });

  it('rejects logos that are not images, too large, or SVG with scripts', async () => {
    const c = await admin('serang');
    const bad: [Buffer, string][] = [
      [Buffer.from('GIF89a........'), 'kota.logo.badType'],
      [Buffer.from('%PDF-1.7 not an image'), 'kota.logo.badType'],
      [Buffer.concat([PNG, Buffer.alloc(512 * 1024)]), 'kota.logo.tooLarge'],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        'kota.logo.unsafeSvg',
      ],
      [
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        'kota.logo.unsafeSvg',
      ],
      [
        Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
        ),
        'kota.logo.unsafeSvg',
      ],
      [Buffer.from('<html><body>not svg</body></html>'), 'kota.logo.badType'],
      [Buffer.alloc(0), 'kota.logo.missing'],
    ];
    for (const [data, why] of bad) {
      const body = multipart({}, { name: 'logo', filename: 'logo.png', type: 'image/png', data });
      const res = await c.request('PUT', '/api/v1/cities/serang/settings/logo', {
        ...body,
        headers: { ...body.headers, 'accept-language': 'en' },
      });
      assert.equal(res.status, 400, `${why}: ${res.body}`);
      assert.ok(
        res.json<{ errors: { pointer: string }[] }>().errors.some((e) => e.pointer === '/body/logo'),
        why,
      );
    }
    // A JSON "logo" is not a file.
    assert.equal(
      (await c.request('PUT', '/api/v1/cities/serang/settings/logo', { json: { logo: 'iVBORw0KGgo=' } }))
        .status,
      400,
    );
    // Nothing stored.
    assert.equal((await c.get('/api/v1/cities/serang/settings')).json<Settings>().logoUrl, null);
  });

  it('the settings page shows the form, saves with a logo, and re-renders with errors next to fields', async () => {
    const c = await admin();
    const page = await c.get('/bandung/kota/pengaturan');
    assert.equal(page.status, 200);
    contains(page.body, /enctype="multipart\/form-data"/);
    contains(page.body, /name="name"/);
    const csrf = await c.csrf();
    const ok = multipart(
      {
        _csrf: csrf,
        name: 'Kota Bandung',
        tagline: 'Kota kreatif',
        alamat: 'Jl. Wastukencana No. 2',
        telepon: '0224234793',
        email: '',
        situs: 'https://www.bandung.go.id',
      },
      { name: 'logo', filename: 'logo.svg', type: 'image/svg+xml', data: SVG },
    );
    const saved = await c.request('POST', '/bandung/kota/pengaturan', ok);
    assert.equal(saved.status, 303, saved.body);
    assert.equal(saved.headers.location, '/bandung/kota/pengaturan?ok=1');
    const after = await c.get('/bandung/kota/pengaturan?ok=1');
    contains(after.body, /alert alert-success/);
    contains(after.body, /<img src="\/bandung\/logo\?v=/);
    contains(after.body, /name="hapusLogo"/);

    const bad = multipart({ _csrf: csrf, name: 'Kota Bandung', email: 'salah', situs: 'ftp://x' });
    const res = await c.request('POST', '/bandung/kota/pengaturan', bad);
    assert.equal(res.status, 400);
    contains(res.body, /id="f-email-err"/);
    contains(res.body, /id="f-situs-err"/);
    contains(res.body, /value="salah"/, 'the typed value is kept');

    const badLogo = multipart(
      { _csrf: csrf, name: 'Kota Bandung' },
      { name: 'logo', filename: 'x.png', type: 'image/png', data: Buffer.from('not an image') },
    );
    const res2 = await c.request('POST', '/bandung/kota/pengaturan', badLogo);
    assert.equal(res2.status, 400);
    contains(res2.body, /id="f-logo-err"/);

    const remove = multipart(
      { _csrf: csrf, name: 'Kota Bandung', hapusLogo: '1' },
      { name: 'logo', filename: '', type: 'application/octet-stream', data: Buffer.alloc(0) },
    );
    assert.equal((await c.request('POST', '/bandung/kota/pengaturan', remove)).status, 303);
    assert.equal((await new Client(balai.app).get('/bandung/logo')).status, 404);

    const noCsrf = multipart({ name: 'Kota Bandung' });
    assert.equal(
      (await c.request('POST', '/bandung/kota/pengaturan', { ...noCsrf, csrf: false })).status,
      403,
    );
  });

  it('shows the admin navigation and dashboard tiles', async () => {
    const c = await admin();
    const dash = await c.get('/bandung/dasbor');
    assert.equal(dash.status, 200);
    contains(dash.body, /href="\/bandung\/kota\/pengaturan"/);
    contains(dash.body, /href="\/bandung\/kota\/pengguna"/);
    contains(dash.body, /href="\/bandung\/kota\/audit"/);
    contains(dash.body, /Pengguna aktif/);
    contains(dash.body, /Catatan audit hari ini/);
    const warga = new Client(balai.app);
    await warga.loginAs('bandung', 'warga');
    const wd = await warga.get('/bandung/dasbor');
    lacks(wd.body, /kota\/pengaturan/);
    lacks(wd.body, /Pengguna aktif/);
  });

  it('documents the kota API in OpenAPI, tagged kota, pages hidden', async () => {
    const res = await new Client(balai.app).get('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    const expected = [
      'get /api/v1/cities/{city}/settings',
      'patch /api/v1/cities/{city}/settings',
      'put /api/v1/cities/{city}/settings/logo',
      'delete /api/v1/cities/{city}/settings/logo',
      'get /api/v1/cities/{city}/users',
      'post /api/v1/cities/{city}/users',
      'get /api/v1/cities/{city}/users/{userId}',
      'patch /api/v1/cities/{city}/users/{userId}',
      'post /api/v1/cities/{city}/users/{userId}/roles',
      'delete /api/v1/cities/{city}/users/{userId}/roles/{roleId}',
      'post /api/v1/cities/{city}/users/{userId}/password-reset',
      'get /api/v1/cities/{city}/audit',
      'get /api/v1/cities/{city}/audit.csv',
    ];
    for (const key of expected) {
      const [method, url] = key.split(' ') as [string, string];
      const op = doc.paths[url]?.[method];
      assert.ok(op, `${key} documented`);
      assert.deepEqual(op.tags, ['kota'], key);
      assert.ok(op.summary, key);
    }
    assert.ok(
      !Object.keys(doc.paths).some((p) => p.includes('/kota/')),
      'pages stay out of the API document',
    );
  });
});
