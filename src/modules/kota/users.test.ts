import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestBalai, type TestBalai } from '../../../tests/helpers/app.ts';
import { contains, lacks, shownPassword } from '../../../tests/helpers/kota.ts';
import type { AccountOut as User, RoleOut as Role } from './users-service.ts';

let balai: TestBalai;
let admin: Client;
before(async () => {
  balai = await startTestBalai();
  admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
});
after(() => balai.stop());

interface Problem {
  status: number;
  title: string;
  errors?: { pointer: string; detail: string }[];
}

const API = '/api/v1/cities/bandung';
let seq = 0;
const email = (tag: string) => `${tag}.${++seq}@bandung.go.id`;

async function create(body: Record<string, unknown>): Promise<{ user: User; temporaryPassword: string }> {
  const res = await admin.post(`${API}/users`, body);
  assert.equal(res.status, 201, res.body);
  return res.json();
}

async function idOf(city: 'bandung' | 'serang', mail: string): Promise<string> {
  const c = new Client(balai.app);
  await c.loginAs(city, 'admin_kota');
  const list = await c.get(`/api/v1/cities/${city}/users?q=${encodeURIComponent(mail)}`);
  const u = list.json<{ items: User[] }>().items.find((x) => x.email === mail);
  assert.ok(u, `${mail} exists`);
  return u.id;
}

/** A new warga of Bandung with a client signed in on the temporary password. */
async function signedInWarga(name: string, tag: string) {
  const mail = email(tag);
  const { user, temporaryPassword } = await create({ name, email: mail, role: 'warga', areaKode: '32.73' });
  const client = new Client(balai.app);
  await client.login('bandung', mail, temporaryPassword);
  return { mail, user, temporaryPassword, client };
}

/** The id of Bandung's demo admin kota (the signed-in admin). */
const adminKotaId = () => idOf('bandung', 'admin.kota@bandung.demo');

function pointers(res: { json<T>(): T }): string[] {
  return (res.json<Problem>().errors ?? []).map((e) => e.pointer);
}

describe('kota users API', () => {
  it('lists accounts with search and pagination, masks phones and never returns password hashes', async () => {
    await create({
      name: 'Siti Aminah',
      email: email('siti'),
      phone: '081234567890',
      role: 'warga',
      areaKode: '32.73',
    });
    const all = await admin.get(`${API}/users?perPage=3`);
    assert.equal(all.status, 200);
    const page1 = all.json<{ total: number; pages: number; items: User[] }>();
    assert.equal(page1.items.length, 3);
    assert.ok(page1.total >= 9);
    assert.equal(page1.pages, Math.ceil(page1.total / 3));
    const page2 = (await admin.get(`${API}/users?perPage=3&page=2`)).json<{ items: User[] }>();
    assert.notDeepEqual(
      page2.items.map((u) => u.id),
      page1.items.map((u) => u.id),
    );
    const found = (await admin.get(`${API}/users?q=Siti`)).json<{ total: number; items: User[] }>();
    assert.equal(found.total, 1);
    assert.equal(found.items[0]!.phone, '0812****7890');
    assert.doesNotMatch(all.body + JSON.stringify(found), /password_?hash|passwordHash|\$argon/i);
    assert.equal((await admin.get(`${API}/users?perPage=0`)).status, 400);
    assert.equal((await admin.get(`${API}/users?sort=name`)).status, 400);
  });

  it('creates an account whose temporary password works once and must be changed', async () => {
    const mail = email('lurah');
    const { user, temporaryPassword } = await create({
      name: 'Budi Santoso',
      email: mail,
      phone: '',
      role: 'petugas_kelurahan',
      areaKode: '32.73.01.1001',
    });
    assert.equal(user.mustChangePassword, true);
    assert.deepEqual(
      user.roles.map((r) => [r.role, r.areaKode, r.module]),
      [['petugas_kelurahan', '32.73.01.1001', null]],
    );
    assert.ok(temporaryPassword.length >= 10);

    const budi = new Client(balai.app);
    await budi.login('bandung', mail, temporaryPassword);
    const forced = await budi.get('/bandung/dasbor');
    assert.equal(forced.status, 303);
    assert.equal(forced.headers.location, '/bandung/akun?wajib=1');
    assert.equal((await budi.get('/api/v1/cities/bandung/settings')).status, 403);
    const changed = await budi.post('/api/v1/cities/bandung/password', {
      currentPassword: temporaryPassword,
      newPassword: 'sandi-baru-budi-2026',
    });
    assert.equal(changed.status, 204, changed.body);
    assert.equal((await budi.get('/bandung/dasbor')).status, 200);
    const me = (await budi.get('/api/v1/cities/bandung/session')).json<{ mustChangePassword: boolean }>();
    assert.equal(me.mustChangePassword, false);
    // The temporary password no longer works.
    const again = await new Client(balai.app).post('/api/v1/cities/bandung/session', {
      email: mail,
      password: temporaryPassword,
    });
    assert.equal(again.status, 401);
  });

  it('validates new accounts: duplicate email, phone, area level, other city, unknown area, module', async () => {
    const dup = await admin.post(`${API}/users`, {
      name: 'X',
      email: 'ADMIN.kota@bandung.demo',
      role: 'warga',
      areaKode: '32.73',
    });
    assert.equal(dup.status, 409);
    assert.deepEqual(pointers(dup), ['/body/email']);
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '12ab' }, '/body/phone'],
      [{ role: 'raja' }, '/body/role'],
      [{ role: 'petugas_kecamatan', areaKode: '32.73' }, '/body/areaKode'],
      [{ role: 'petugas_kelurahan', areaKode: '32.73.01' }, '/body/areaKode'],
      [{ role: 'petugas_kecamatan', areaKode: '36.73.01' }, '/body/areaKode'],
      [{ role: 'warga', areaKode: '36.73' }, '/body/areaKode'],
      [{ role: 'petugas_kecamatan', areaKode: '32.73.99' }, '/body/areaKode'],
      [{ role: 'pengurus_rw', areaKode: '32.73.01.9999.001' }, '/body/areaKode'],
      [{ role: 'pengurus_rw', areaKode: '32.73.01.1001.000' }, '/body/areaKode'],
      [{ role: 'petugas_dinas', areaKode: '32.73' }, '/body/module'],
      [{ role: 'petugas_dinas', areaKode: '32.73', module: 'tidak_ada' }, '/body/module'],
      [{ role: 'warga', areaKode: '32.73', module: 'wilayah' }, '/body/module'],
      [{ areaKode: 'semua' }, '/body/areaKode'],
    ];
    for (const [patch, pointer] of cases) {
      const body = { name: 'Uji', email: email('uji'), role: 'warga', areaKode: '32.73', ...patch };
      const res = await admin.post(`${API}/users`, body);
      assert.equal(res.status, 400, `${JSON.stringify(patch)}: ${res.body}`);
      assert.ok(pointers(res).includes(pointer), `${JSON.stringify(patch)} -> ${pointer}: ${res.body}`);
    }
    const dinas = await create({
      name: 'Dinas',
      email: email('dinas'),
      role: 'petugas_dinas',
      areaKode: '32.73',
      module: 'wilayah',
    });
    assert.equal(dinas.user.roles[0]!.module, 'wilayah');
    // Nothing half-created by the failures.
    const list = (await admin.get(`${API}/users?q=uji`)).json<{ total: number }>();
    assert.equal(list.total, 0);
  });

  it('adds and removes roles with validation', async () => {
    const { user } = await create({ name: 'Rina', email: email('rina'), role: 'warga', areaKode: '32.73' });
    const url = `${API}/users/${user.id}/roles`;
    const kec = await admin.post(url, { role: 'petugas_kecamatan', areaKode: '32.73.01' });
    assert.equal(kec.status, 201, kec.body);
    const grant = kec.json<Role>();
    assert.equal(grant.areaKode, '32.73.01');
    const dup = await admin.post(url, { role: 'petugas_kecamatan', areaKode: '32.73.01' });
    assert.equal(dup.status, 409);
    const mismatch = await admin.post(url, { role: 'petugas_kecamatan', areaKode: '32.73.01.1001' });
    assert.equal(mismatch.status, 400);
    assert.deepEqual(pointers(mismatch), ['/body/areaKode']);
    const other = await admin.post(url, { role: 'petugas_kecamatan', areaKode: '36.73.01' });
    assert.equal(other.status, 400);
    assert.deepEqual(pointers(other), ['/body/areaKode']);
    const rw = await admin.post(url, { role: 'pengurus_rw', areaKode: '32.73.01.1001.005' });
    assert.equal(rw.status, 201, rw.body);
    const now = (await admin.get(`${API}/users/${user.id}`)).json<User>();
    assert.deepEqual(now.roles.map((r) => r.areaKode).sort(), ['32.73', '32.73.01', '32.73.01.1001.005']);

    assert.equal((await admin.delete(`${url}/${grant.id}`)).status, 204);
    assert.equal((await admin.delete(`${url}/${grant.id}`)).status, 404);
    assert.equal((await admin.delete(`${url}/not-a-uuid`)).status, 400);
    const after = (await admin.get(`${API}/users/${user.id}`)).json<User>();
    assert.equal(after.roles.length, 2);
    // A role id of another account of the same city is not found under this account.
    const adminId = await adminKotaId();
    const adminUser = (await admin.get(`${API}/users/${adminId}`)).json<User>();
    assert.equal((await admin.delete(`${url}/${adminUser.roles[0]!.id}`)).status, 404);
    // An admin cannot remove their own admin role.
    const own = await admin.delete(`${API}/users/${adminId}/roles/${adminUser.roles[0]!.id}`);
    assert.equal(own.status, 409);
  });

  it('resets a password: sessions end, the old password fails, the new one must be changed', async () => {
    const { mail, user, temporaryPassword, client: u } = await signedInWarga('Reset', 'reset');
    await u.post('/api/v1/cities/bandung/password', {
      currentPassword: temporaryPassword,
      newPassword: 'sandi-reset-2026',
    });
    assert.equal((await u.get('/api/v1/cities/bandung/session')).status, 200);

    const res = await admin.post(`${API}/users/${user.id}/password-reset`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-store');
    const fresh = res.json<{ temporaryPassword: string }>().temporaryPassword;
    assert.equal((await u.get('/api/v1/cities/bandung/session')).status, 401, 'the old session ended');
    const old = await new Client(balai.app).post('/api/v1/cities/bandung/session', {
      email: mail,
      password: 'sandi-reset-2026',
    });
    assert.equal(old.status, 401);
    const v = new Client(balai.app);
    await v.login('bandung', mail, fresh);
    assert.equal(
      (await v.get('/api/v1/cities/bandung/session')).json<{ mustChangePassword: boolean }>()
        .mustChangePassword,
      true,
    );
    // Not for one's own account.
    const adminId = await adminKotaId();
    assert.equal((await admin.post(`${API}/users/${adminId}/password-reset`)).status, 409);
  });

  it('edits, deactivates and reactivates an account', async () => {
    const { mail, user, temporaryPassword, client: d } = await signedInWarga('Dewi', 'nonaktif');
    const edited = await admin.patch(`${API}/users/${user.id}`, {
      name: 'Dewi Lestari',
      phone: '+62 813-9876-5432',
    });
    assert.equal(edited.status, 200, edited.body);
    assert.equal(edited.json<User>().name, 'Dewi Lestari');
    assert.equal(edited.json<User>().phone, '0813****5432', 'stored as 081398765432');
    assert.equal((await admin.patch(`${API}/users/${user.id}`, { phone: null })).json<User>().phone, null);
    assert.equal((await admin.patch(`${API}/users/${user.id}`, { phone: 'abc' })).status, 400);
    assert.equal((await admin.patch(`${API}/users/${user.id}`, { email: 'x@y.id' })).status, 400);

    const off = await admin.patch(`${API}/users/${user.id}`, { active: false });
    assert.equal(off.status, 200);
    assert.equal(off.json<User>().active, false);
    assert.equal((await d.get('/api/v1/cities/bandung/session')).status, 401, 'sessions ended');
    const login = await new Client(balai.app).post('/api/v1/cities/bandung/session', {
      email: mail,
      password: temporaryPassword,
    });
    assert.equal(login.status, 401);
    assert.equal((await admin.patch(`${API}/users/${user.id}`, { active: true })).json<User>().active, true);
    await new Client(balai.app).login('bandung', mail, temporaryPassword);

    const adminId = await adminKotaId();
    assert.equal((await admin.patch(`${API}/users/${adminId}`, { active: false })).status, 409);
  });

  it("answers 404 for another city's account ids, everywhere", async () => {
    const serangId = await idOf('serang', 'warga@serang.demo');
    const serangAdmin = new Client(balai.app);
    await serangAdmin.loginAs('serang', 'admin_kota');
    const role = (await serangAdmin.get(`/api/v1/cities/serang/users/${serangId}`)).json<User>().roles[0]!;
    assert.equal((await admin.get(`${API}/users/${serangId}`)).status, 404);
    assert.equal((await admin.patch(`${API}/users/${serangId}`, { name: 'Diambil' })).status, 404);
    assert.equal((await admin.patch(`${API}/users/${serangId}`, { active: false })).status, 404);
    assert.equal(
      (await admin.post(`${API}/users/${serangId}/roles`, { role: 'warga', areaKode: '32.73' })).status,
      404,
    );
    assert.equal((await admin.delete(`${API}/users/${serangId}/roles/${role.id}`)).status, 404);
    assert.equal((await admin.post(`${API}/users/${serangId}/password-reset`)).status, 404);
    assert.equal((await admin.get(`/bandung/kota/pengguna/${serangId}`)).status, 404);
    // Unchanged in Serang.
    const still = (await serangAdmin.get(`/api/v1/cities/serang/users/${serangId}`)).json<User>();
    assert.equal(still.active, true);
    assert.equal(still.roles.length, 1);
    // Non-admins cannot use the API at all.
    const lurah = new Client(balai.app);
    await lurah.loginAs('bandung', 'petugas_kelurahan');
    assert.equal((await lurah.get(`${API}/users`)).status, 403);
    assert.equal(
      (
        await lurah.post(`${API}/users`, {
          name: 'X',
          email: 'x@x.id',
          role: 'admin_kota',
          areaKode: '32.73',
        })
      ).status,
      403,
    );
    assert.equal((await new Client(balai.app).get(`${API}/users`)).status, 401);
  });
});

describe('kota users pages', () => {
  it('lists, searches and paginates users', async () => {
    const list = await admin.get('/bandung/kota/pengguna');
    assert.equal(list.status, 200);
    contains(list.body, /class="table-wrap">\s*<table>/);
    contains(list.body, /class="tag">Admin kota/);
    contains(list.body, /class="filters"/);
    const search = await admin.get('/bandung/kota/pengguna?q=kurator');
    contains(search.body, /kurator@bandung\.demo/);
    lacks(search.body, /warga@bandung\.demo/);
  });

  it('creates a user through the form and shows the temporary password once', async () => {
    const form = await admin.get('/bandung/kota/pengguna/baru');
    assert.equal(form.status, 200);
    contains(form.body, /<option value="32\.73\.01"\s*>/);
    contains(form.body, /<option value="32\.73\.01\.1001"\s*>/);
    lacks(form.body, /36\.73\.01/);

    const mail = email('form');
    const bad = await admin.request('POST', '/bandung/kota/pengguna/baru', {
      form: {
        name: 'Form',
        email: mail,
        phone: '',
        role: 'petugas_kecamatan',
        areaKode: '32.73',
        rw: '',
        module: '',
      },
    });
    assert.equal(bad.status, 400);
    contains(bad.body, /id="f-areaKode-err"/);
    contains(bad.body, new RegExp(`value="${mail.replace('.', '\\.')}"`));
    assert.equal(shownPassword(bad.body), null);

    const rw = await admin.request('POST', '/bandung/kota/pengguna/baru', {
      form: {
        name: 'Pak RW',
        email: mail,
        phone: '081211112222',
        role: 'pengurus_rw',
        areaKode: '32.73.01.1001',
        rw: '7',
        module: '',
      },
    });
    assert.equal(rw.status, 201, rw.body);
    const password = shownPassword(rw.body);
    assert.ok(password);
    const id = /\/bandung\/kota\/pengguna\/([0-9a-f-]{36})/.exec(rw.body)?.[1];
    assert.ok(id);
    const detail = await admin.get(`/bandung/kota/pengguna/${id}`);
    assert.equal(detail.status, 200);
    contains(detail.body, /0812\*\*\*\*2222/);
    contains(detail.body, /32\.73\.01\.1001\.007/);
    assert.equal(shownPassword(detail.body), null, 'shown only once');
    const c = new Client(balai.app);
    await c.login('bandung', mail, password);
  });

  it('edits, changes roles, deactivates and resets through the detail page', async () => {
    const { user } = await create({
      name: 'Halaman',
      email: email('halaman'),
      phone: '081355556666',
      role: 'warga',
      areaKode: '32.73',
    });
    const base = `/bandung/kota/pengguna/${user.id}`;
    const profile = await admin.request('POST', base, { form: { name: 'Halaman Baru', phone: '' } });
    assert.equal(profile.status, 303);
    assert.equal(profile.headers.location, `${base}?ok=profil`);
    let detail = await admin.get(`${base}?ok=profil`);
    contains(detail.body, /Halaman Baru/);
    contains(detail.body, /0813\*\*\*\*6666/, 'empty phone keeps the number');
    const badName = await admin.request('POST', base, { form: { name: '', phone: '12' } });
    assert.equal(badName.status, 400);
    contains(badName.body, /id="f-name-err"/);
    contains(badName.body, /id="f-phone-err"/);
    await admin.request('POST', base, { form: { name: 'Halaman Baru', phone: '', hapusTelepon: '1' } });
    detail = await admin.get(base);
    lacks(detail.body, /0813/);

    const role = await admin.request('POST', `${base}/peran`, {
      form: { role: 'petugas_kecamatan', areaKode: '32.73.01', rw: '', module: '' },
    });
    assert.equal(role.status, 303, role.body);
    const mismatch = await admin.request('POST', `${base}/peran`, {
      form: { role: 'pengurus_rw', areaKode: '32.73.01', rw: '3', module: '' },
    });
    assert.equal(mismatch.status, 400);
    contains(mismatch.body, /id="f-rw-err"/);
    const other = await admin.request('POST', `${base}/peran`, {
      form: { role: 'petugas_kecamatan', areaKode: '36.73.01', rw: '', module: '' },
    });
    assert.equal(other.status, 400);
    contains(other.body, /id="f-areaKode-err"/);
    const dup = await admin.request('POST', `${base}/peran`, {
      form: { role: 'petugas_kecamatan', areaKode: '32.73.01', rw: '', module: '' },
    });
    assert.equal(dup.status, 409);
    const roles = (await admin.get(`${API}/users/${user.id}`)).json<User>().roles;
    const kec = roles.find((r) => r.role === 'petugas_kecamatan')!;
    const removed = await admin.request('POST', `${base}/peran/${kec.id}/hapus`, { form: {} });
    assert.equal(removed.status, 303);

    const off = await admin.request('POST', `${base}/status`, { form: { active: 'false' } });
    assert.equal(off.status, 303);
    detail = await admin.get(`${base}?ok=status`);
    contains(detail.body, /Akun dinonaktifkan/);

    const reset = await admin.request('POST', `${base}/sandi`, { form: {} });
    assert.equal(reset.status, 200);
    assert.ok(shownPassword(reset.body));
    assert.equal(reset.headers['cache-control'], 'private, no-store');

    const adminId = await adminKotaId();
    const self = await admin.request('POST', `/bandung/kota/pengguna/${adminId}/sandi`, { form: {} });
    assert.equal(self.status, 409);
    contains(self.body, /alert alert-error/);
  });
});
