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

  it('checks at most five passwords of an account however many wrong sign-ins arrive at once, then locks', async () => {
    const email = demoEmail('petugas_kecamatan', 'bandung');
    const clients = Array.from({ length: 40 }, () => new Client(balai.app));
    await Promise.all(clients.map((c) => c.csrf()));
    const answers = await Promise.all(
      clients.map((c) => c.post('/api/v1/cities/bandung/session', { email, password: 'tebak-tebak-salah' })),
    );
    assert.ok(answers.every((r) => r.status === 401 || r.status === 429));
    assert.ok(
      answers.some((r) => r.status === 429),
      'the account is locked',
    );
    // Every password check is recorded as an attempt; an attempt turned away by the lock is not.
    const checked = await owner(async (db) => {
      const r = await db.query<{ n: number }>(
        'select count(*)::int as n from login_attempts where lower(email) = $1 and not success',
        [email],
      );
      return r.rows[0]!.n;
    });
    assert.equal(checked, LOCKOUT_FAILURES);
    const right = await new Client(balai.app).post('/api/v1/cities/bandung/session', {
      email,
      password: DEMO_PASSWORD,
    });
    assert.equal(right.status, 429);
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

  it('refuses a cookie and token pair chosen by someone else', async () => {
    const body = { email: demoEmail('warga', 'bandung'), password: DEMO_PASSWORD };
    // A made-up pair, planted in the cookie and sent back.
    const c = new Client(balai.app);
    for (const planted of ['x'.repeat(32), `${'a'.repeat(24)}.${'b'.repeat(43)}`]) {
      c.cookies.set('balai_csrf', planted);
      const r = await c.request('POST', '/api/v1/cities/bandung/session', {
        json: body,
        headers: { 'x-csrf-token': planted },
      });
      assert.equal(r.status, 403, planted);
      assert.notEqual(c.cookies.get('balai_csrf'), planted, 'the planted cookie is replaced');
    }
    // A real token, taken from another browser, planted next to a victim's session.
    const attacker = new Client(balai.app);
    const own = await attacker.csrf();
    const victim = new Client(balai.app);
    await victim.loginAs('bandung', 'admin_kota');
    victim.cookies.set('balai_csrf', own);
    const forged = await victim.request('POST', '/bandung/keluar', { form: { _csrf: own } });
    assert.equal(forged.status, 403);
    assert.equal((await victim.get('/api/v1/cities/bandung/session')).status, 200, 'still signed in');
  });

  it('renews the token at sign-in and sign-out, and keeps it valid for two cities at once', async () => {
    const c = new Client(balai.app);
    const page = await c.get('/bandung/masuk');
    const before = c.cookies.get('balai_csrf')!;
    assert.match(page.body, new RegExp(`name="_csrf" value="${before}"`));
    const login = await c.request('POST', '/bandung/masuk', {
      form: { email: demoEmail('admin_kota', 'bandung'), password: DEMO_PASSWORD },
    });
    assert.equal(login.status, 303);
    const signedIn = c.cookies.get('balai_csrf')!;
    assert.notEqual(signedIn, before, 'a new token at sign-in');
    // The token known before the sign-in no longer works.
    const stale = await c.request('POST', '/api/v1/cities/bandung/session', {
      json: { email: demoEmail('warga', 'bandung'), password: DEMO_PASSWORD },
      headers: { 'x-csrf-token': before },
    });
    assert.equal(stale.status, 403);
    c.cookies.set('balai_csrf', signedIn);
    // Pages carry the new token.
    const dash = await c.get('/bandung/akun');
    assert.match(dash.body, new RegExp(`name="_csrf" value="${signedIn}"`));
    // Signed in to Serang as well: one token serves both cities.
    await c.loginAs('serang', 'admin_kota');
    const both = c.cookies.get('balai_csrf')!;
    assert.notEqual(both, signedIn);
    const inBandung = await c.request('POST', '/bandung/akun/sandi', {
      form: { currentPassword: 'bukan-ini', newPassword: 'kata-sandi-baru-1' },
    });
    assert.equal(inBandung.status, 400, 'the token is accepted in Bandung too');
    assert.equal((await c.delete('/api/v1/cities/serang/session')).status, 204);
    const afterOut = c.cookies.get('balai_csrf')!;
    assert.notEqual(afterOut, both, 'a new token at sign-out');
    assert.equal(c.cookies.has('balai_sid_3673'), false);
    const out = await c.request('POST', '/bandung/keluar', { form: {} });
    assert.equal(out.status, 303);
    assert.equal((await c.get('/api/v1/cities/bandung/session')).status, 401);
    // The signed-in token is worth nothing once signed out.
    c.cookies.set('balai_csrf', signedIn);
    const replay = await c.request('POST', '/api/v1/cities/bandung/session', {
      json: { email: demoEmail('warga', 'bandung'), password: DEMO_PASSWORD },
      headers: { 'x-csrf-token': signedIn },
    });
    assert.equal(replay.status, 403);
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
  it('registers a citizen as warga, who then signs in and changes the password', async () => {
    const c = new Client(balai.app);
    const form = await c.request('POST', '/bandung/daftar', {
      form: {
        name: 'Siti Nurhaliza',
        email: 'siti@contoh.id',
        phone: '+62 812-3456-7890',
        password: 'rahasia-sekali-123',
      },
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.location, '/bandung/masuk?terdaftar=1');
    const accepted = await c.get('/bandung/masuk?terdaftar=1');
    assert.match(accepted.body, /Pendaftaran diterima\. Silakan masuk dengan email dan kata sandi Anda/);
    const login = await c.request('POST', '/bandung/masuk', {
      form: { email: 'siti@contoh.id', password: 'rahasia-sekali-123' },
    });
    assert.equal(login.status, 303);
    assert.equal(login.headers.location, '/bandung/dasbor');
    const me = (await c.get('/api/v1/cities/bandung/session')).json<{
      roles: { role: string; areaKode: string }[];
    }>();
    assert.deepEqual(me.roles, [{ role: 'warga', areaKode: '32.73', module: null }]);
    // The phone is stored in the one form every module stores.
    const stored = await owner(async (db) => {
      const r = await db.query<{ phone: string }>('select phone from users where email = $1', [
        'siti@contoh.id',
      ]);
      return r.rows[0]!.phone;
    });
    assert.equal(stored, '081234567890');
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

  it('answers a registration the same whether or not the email has an account, and leaves that account alone', async () => {
    const known = demoEmail('warga', 'serang');
    const page = async (email: string) =>
      new Client(balai.app).request('POST', '/serang/daftar', {
        form: { name: 'Penyusup', email, password: 'sandi-penyusup-99' },
      });
    const fresh = await page('baru.sekali@contoh.id');
    const taken = await page(known.toUpperCase());
    assert.deepEqual([taken.status, taken.headers.location], [fresh.status, fresh.headers.location]);
    assert.equal(taken.status, 303);
    assert.doesNotMatch(taken.body + fresh.body, /sudah terdaftar/);
    const api = async (email: string) =>
      new Client(balai.app).post('/api/v1/cities/serang/register', {
        name: 'Penyusup',
        email,
        phone: '0812 3456 7890',
        password: 'sandi-penyusup-99',
      });
    const apiFresh = await api('baru.lagi@contoh.id');
    const apiTaken = await api(known);
    assert.equal(apiFresh.status, 202);
    assert.deepEqual([apiTaken.status, apiTaken.body], [apiFresh.status, apiFresh.body]);
    // The existing account keeps its password and its single row; the new ones can sign in.
    await new Client(balai.app).login('serang', known, DEMO_PASSWORD);
    const intruder = await new Client(balai.app).post('/api/v1/cities/serang/session', {
      email: known,
      password: 'sandi-penyusup-99',
    });
    assert.equal(intruder.status, 401);
    await new Client(balai.app).login('serang', 'baru.sekali@contoh.id', 'sandi-penyusup-99');
    await new Client(balai.app).login('serang', 'baru.lagi@contoh.id', 'sandi-penyusup-99');
    const rows = await owner(async (db) => {
      const r = await db.query<{ n: number }>(
        `select count(*)::int as n from users where lower(email) = $1`,
        [known],
      );
      return r.rows[0]!.n;
    });
    assert.equal(rows, 1);
  });

  it('accepts phone numbers as Indonesians write them and says the format when one cannot be read', async () => {
    for (const [phone, stored] of [
      ['+62 812 3456 7890', '081234567890'],
      ['0812-3456-7890', '081234567890'],
      ['62 812.3456.7891', '081234567891'],
      ['(022) 4234793', '0224234793'],
    ] as const) {
      const email = `hp.${stored}.${phone.length}@contoh.id`;
      const r = await new Client(balai.app).request('POST', '/bandung/daftar', {
        form: { name: 'Warga HP', email, phone, password: 'rahasia-sekali-123' },
      });
      assert.equal(r.status, 303, `${phone}: ${r.body}`);
      const got = await owner(async (db) => {
        const q = await db.query<{ phone: string }>('select phone from users where email = $1', [email]);
        return q.rows[0]?.phone;
      });
      assert.equal(got, stored, phone);
    }
    const bad = await new Client(balai.app).request('POST', '/bandung/daftar', {
      form: {
        name: 'Warga HP',
        email: 'hp.salah@contoh.id',
        phone: '1234 5678',
        password: 'rahasia-sekali-123',
      },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /Nomor telepon tidak terbaca\. Tulis 8–15 angka, misalnya 0812 3456 7890/);
    const page = await new Client(balai.app).get('/bandung/daftar');
    assert.match(page.body, /Misalnya 0812 3456 7890 atau \+62 812-3456-7890/);
    const api = await new Client(balai.app).post('/api/v1/cities/bandung/register', {
      name: 'Warga HP',
      email: 'hp.salah@contoh.id',
      phone: '12',
      password: 'rahasia-sekali-123',
    });
    assert.equal(api.status, 400);
    assert.deepEqual(
      api.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer),
      ['/body/phone'],
    );
  });

  it('says an empty sign-in field is required', async () => {
    const r = await new Client(balai.app).request('POST', '/bandung/masuk', {
      form: { email: '', password: '' },
    });
    assert.equal(r.status, 400);
    assert.match(r.body, /id="f-email-err">Wajib diisi\./);
    assert.match(r.body, /id="f-password-err">Wajib diisi\./);
    assert.doesNotMatch(r.body, /Minimal 1 karakter/);
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

  it('names the areas of the roles on the account page, never their codes', async () => {
    const admin = new Client(balai.app);
    await admin.loginAs('bandung', 'admin_kota');
    const own = await admin.get('/bandung/akun');
    assert.equal(own.status, 200);
    assert.match(own.body, /<span class="tag">Admin kota \(Kota Bandung\)<\/span>/);
    assert.doesNotMatch(own.body, /32\.73/);
    const lurah = new Client(balai.app);
    await lurah.loginAs('bandung', 'petugas_kelurahan');
    const page = await lurah.get('/bandung/akun');
    assert.match(page.body, /<span class="tag">[^<]*\(Kel\. [^<]+\)<\/span>/);
    assert.doesNotMatch(page.body, /32\.73\.\d/);
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
