/**
 * Sign-in, sessions, lock-out, CSRF, registration and password rules of the platform.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ownerClient, startTestBalai, type TestBalai } from './helpers/app.ts';
import { DEMO_PASSWORD, demoEmail } from '../src/platform/demo.ts';
import { LOCKOUT_FAILURES } from '../src/platform/auth/service.ts';

let balai: TestBalai;
before(async () => {
  balai = await startTestBalai();
});
after(() => balai.stop());

async function owner<T>(fn: (c: Awaited<ReturnType<typeof ownerClient>>) => Promise<T>): Promise<T> {
  const c = await ownerClient(balai.databaseUrl);
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('sign-in and sessions', () => {
  it('stores argon2id hashes and only a hash of the session token; the cookie is HttpOnly and SameSite', async () => {
    const c = new Client(balai.app);
    const res = await c.post('/api/v1/cities/bandung/session', {
      email: demoEmail('warga', 'bandung'),
      password: DEMO_PASSWORD,
    });
    assert.equal(res.status, 200);
    const cookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('balai_sid_3273='));
    assert.ok(cookie, 'a session cookie for Bandung');
    assert.match(String(cookie), /HttpOnly/i);
    assert.match(String(cookie), /SameSite=Lax/i);
    const token = c.cookies.get('balai_sid_3273')!;
    const rows = await owner(async (db) => {
      const u = await db.query<{ password_hash: string }>(
        'select password_hash from users where email = $1',
        [demoEmail('warga', 'bandung')],
      );
      const s = await db.query<{ n: number }>(
        `select count(*)::int as n from sessions where token_hash = sha256(convert_to($1, 'UTF8'))`,
        [token],
      );
      const clear = await db.query<{ n: number }>(
        `select count(*)::int as n from sessions where encode(token_hash, 'escape') = $1`,
        [token],
      );
      return { hash: u.rows[0]!.password_hash, hashed: s.rows[0]!.n, clear: clear.rows[0]!.n };
    });
    assert.match(rows.hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The audit log says who opened the session.
    const opened = await owner(async (db) => {
      const r = await db.query<{ user_role: string; email: string }>(
        `select a.user_role, u.email from audit_log a join users u on u.id = a.user_id
          where a.entity = 'sessions' and a.action = 'insert' order by a.id desc limit 1`,
      );
      return r.rows[0];
    });
    assert.deepEqual(opened, { user_role: 'warga', email: demoEmail('warga', 'bandung') });
    assert.equal(rows.hashed, 1);
    assert.equal(rows.clear, 0);
  });

  it('keeps one session per city: a Bandung session is nobody in Serang', async () => {
    const c = new Client(balai.app);
    await c.loginAs('bandung', 'admin_kota');
    assert.equal((await c.get('/api/v1/cities/bandung/session')).status, 200);
    assert.equal((await c.get('/api/v1/cities/serang/session')).status, 401);
    // Even the Bandung token presented as a Serang cookie does not sign in.
    c.cookies.set('balai_sid_3673', c.cookies.get('balai_sid_3273')!);
    assert.equal((await c.get('/api/v1/cities/serang/session')).status, 401);
  });

  it('locks an account after repeated failures, with a clear message, and lets the admin unlock it by a reset', async () => {
    const email = demoEmail('kurator', 'bandung');
    const c = new Client(balai.app);
    for (let i = 1; i < LOCKOUT_FAILURES; i++) {
      const r = await c.post('/api/v1/cities/bandung/session', { email, password: 'salah-sekali-lagi' });
      assert.equal(r.status, 401);
      assert.equal(r.json<{ title: string }>().title, 'Email atau kata sandi salah.');
    }
    const locked = await c.post('/api/v1/cities/bandung/session', { email, password: 'salah-sekali-lagi' });
    assert.equal(locked.status, 429);
    assert.match(locked.json<{ title: string }>().title, /dikunci sementara; coba lagi dalam 15 menit/);
    assert.equal(locked.headers['retry-after'], '900');
    // The right password does not help while locked.
    const still = await c.post('/api/v1/cities/bandung/session', { email, password: DEMO_PASSWORD });
    assert.equal(still.status, 429);
    // The login page says the same in the form.
    const page = await c.request('POST', '/bandung/masuk', { form: { email, password: DEMO_PASSWORD } });
    assert.equal(page.status, 429);
    assert.match(page.body, /role="alert"[\s\S]*dikunci sementara/);
    // Other accounts are not affected.
    await new Client(balai.app).loginAs('bandung', 'warga');
    // An admin reset clears the lock: the temporary password works.
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const users = await admin.get(`/api/v1/cities/bandung/users?q=${encodeURIComponent(email)}`);
    const id = users.json<{ items: { id: string }[] }>().items[0]!.id;
    const reset = await admin.post(`/api/v1/cities/bandung/users/${id}/password-reset`);
    assert.equal(reset.status, 200, reset.body);
    const temporary = reset.json<{ temporaryPassword: string }>().temporaryPassword;
    const again = new Client(balai.app);
    await again.login('bandung', email, temporary);
    // A reset password must be changed before anything else.
    assert.equal((await again.get('/api/v1/cities/bandung/audit')).status, 403);
    const dash = await again.get('/bandung/dasbor');
    assert.equal(dash.status, 303);
    assert.equal(dash.headers.location, '/bandung/akun?wajib=1');
  });

  it('locks per account and says so in English too', async () => {
    const email = demoEmail('pelaku_umkm', 'serang');
    const c = new Client(balai.app);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) {
      await c.request('POST', '/api/v1/cities/serang/session', {
        json: { email, password: 'bukan-ini' },
        headers: { 'accept-language': 'en-GB,en;q=0.9' },
      });
    }
    const r = await c.request('POST', '/api/v1/cities/serang/session', {
      json: { email, password: 'bukan-ini' },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(r.status, 429);
    assert.match(r.json<{ title: string }>().title, /locked for now; try again in 15 minutes/);
    assert.equal(r.headers['content-language'], 'en');
  });
});

describe('CSRF', () => {
  it('refuses state-changing requests without the token, or with a wrong one', async () => {
    const c = new Client(balai.app);
    const body = { email: demoEmail('warga', 'bandung'), password: DEMO_PASSWORD };
    const none = await c.request('POST', '/api/v1/cities/bandung/session', { json: body, csrf: false });
    assert.equal(none.status, 403);
    assert.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    const wrong = await c.request('POST', '/api/v1/cities/bandung/session', {
      json: body,
      headers: { 'x-csrf-token': 'x'.repeat(32) },
    });
    assert.equal(wrong.status, 403);
    const form = await c.request('POST', '/bandung/masuk', { form: body, csrf: false });
    assert.equal(form.status, 403);
    assert.match(form.body, /Formulir kedaluwarsa/);
    assert.equal(c.cookies.has('balai_sid_3273'), false, 'no session was created');
    const ok = await c.post('/api/v1/cities/bandung/session', body);
    assert.equal(ok.status, 200);
  });

  it('puts the token in every form of the pages', async () => {
    const c = new Client(balai.app);
    const page = await c.get('/bandung/masuk');
    const token = c.cookies.get('balai_csrf');
    assert.ok(token);
    assert.match(page.body, new RegExp(`name="_csrf" value="${token}"`));
  });
});

describe('registration and password change', () => {
  it('registers a citizen as warga, masks the phone, signs in, and changes the password', async () => {
    const c = new Client(balai.app);
    const form = await c.request('POST', '/bandung/daftar', {
      form: {
        name: 'Siti Nurhaliza',
        email: 'siti@contoh.id',
        phone: '081234567890',
        password: 'rahasia-sekali-123',
      },
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.location, '/bandung/dasbor');
    const me = (await c.get('/api/v1/cities/bandung/session')).json<{
      roles: { role: string; areaKode: string }[];
    }>();
    assert.deepEqual(me.roles, [{ role: 'warga', areaKode: '32.73', module: null }]);
    // Same email again is refused with a clear message, in the form.
    const twice = await new Client(balai.app).request('POST', '/bandung/daftar', {
      form: { name: 'Siti Lain', email: 'SITI@contoh.id', password: 'rahasia-sekali-123' },
    });
    assert.equal(twice.status, 409);
    assert.match(twice.body, /Email ini sudah terdaftar/);
    // API registration answers with a masked phone.
    const api = await new Client(balai.app).post('/api/v1/cities/serang/register', {
      name: 'Budi',
      email: 'budi@contoh.id',
      phone: '081298765432',
      password: 'rahasia-sekali-456',
    });
    assert.equal(api.status, 201);
    assert.equal(api.json<{ phone: string }>().phone, '0812****5432');
    // Password change: wrong current password, too short, then right.
    const wrongCurrent = await c.request('POST', '/bandung/akun/sandi', {
      form: { currentPassword: 'bukan', newPassword: 'kata-sandi-baru-1' },
    });
    assert.equal(wrongCurrent.status, 400);
    assert.match(wrongCurrent.body, /Kata sandi saat ini salah/);
    const short = await c.request('POST', '/bandung/akun/sandi', {
      form: { currentPassword: 'rahasia-sekali-123', newPassword: 'pendek' },
    });
    assert.equal(short.status, 400);
    assert.match(short.body, /Minimal 10 karakter/);
    const changed = await c.request('POST', '/bandung/akun/sandi', {
      form: { currentPassword: 'rahasia-sekali-123', newPassword: 'kata-sandi-baru-1' },
    });
    assert.equal(changed.status, 303);
    await new Client(balai.app).login('bandung', 'siti@contoh.id', 'kata-sandi-baru-1');
  });

  it('validation errors name the field, in the language asked for', async () => {
    const c = new Client(balai.app);
    const id = await c.post('/api/v1/cities/bandung/register', {
      name: 'A',
      email: 'bukan-email',
      password: 'x',
    });
    assert.equal(id.status, 400);
    const body = id.json<{ title: string; errors: { pointer: string; detail: string }[] }>();
    assert.equal(body.title, 'Data yang dikirim tidak valid.');
    assert.deepEqual(body.errors.map((e) => e.pointer).sort(), [
      '/body/email',
      '/body/name',
      '/body/password',
    ]);
    const en = await c.request('POST', '/api/v1/cities/bandung/register', {
      json: { name: 'Ani', email: 'ani@contoh.id', password: 'rahasia-sekali', umur: 3 },
      headers: { 'accept-language': 'en' },
    });
    assert.equal(en.status, 400);
    assert.deepEqual(en.json<{ errors: unknown[] }>().errors, [
      { pointer: '/body/umur', detail: 'Unknown field "umur".' },
    ]);
  });

  it('never redirects to another site after sign-in', async () => {
    const c = new Client(balai.app);
    const res = await c.request('POST', '/bandung/masuk', {
      form: { email: demoEmail('warga', 'bandung'), password: DEMO_PASSWORD, next: '//jahat.example/' },
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/bandung/dasbor');
  });
});
