/**
 * Revocation takes effect on the very next request, whatever the server keeps in memory: a
 * signed-out or ended session, a deactivated account, a removed role, and a session deleted in
 * the database by another Balai process. Each case first warms the path with a few requests, so
 * a cache of sessions, users or roles would hold the old answer if it were not invalidated.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useBalaiWithClients } from './helpers/app.ts';

const env = useBalaiWithClients();
let admin: Client;

const API = '/api/v1/cities/bandung';
const USERS = `${API}/users`;
let seq = 0;

/** A new account of Bandung holding `role` at `areaKode`, signed in (password changed). */
async function signedIn(
  role: string,
  areaKode: string,
): Promise<{ id: string; roleId: string; client: Client }> {
  const email = `cabut.${++seq}.${Date.now()}@bandung.go.id`;
  const res = await admin.post(USERS, { name: `Uji Cabut ${seq}`, email, role, areaKode });
  assert.equal(res.status, 201, res.body);
  const { user, temporaryPassword } = res.json<{
    user: { id: string; roles: { id: string }[] };
    temporaryPassword: string;
  }>();
  const client = new Client(env.balai.app);
  await client.login('bandung', email, temporaryPassword);
  const changed = await client.post(`${API}/password`, {
    currentPassword: temporaryPassword,
    newPassword: `sandi-baru-${seq}-2026`,
  });
  assert.ok(changed.status < 300, changed.body);
  return { id: user.id, roleId: user.roles[0]!.id, client };
}

/** A few requests first: whatever could be cached along this path is now cached. */
async function warm(c: Client, path: string, status: number): Promise<void> {
  for (let i = 0; i < 5; i++) assert.equal((await c.get(path)).status, status, path);
}

describe('revocation takes effect on the next request', () => {
  before(async () => {
    admin = await env.as('admin_kota');
  });

  it('a signed-out session cookie is refused at once', async () => {
    const { client } = await signedIn('warga', '32.73');
    await warm(client, `${API}/session`, 200);
    const cookie = client.cookies.get('balai_sid_3273')!;
    assert.equal((await client.delete(`${API}/session`)).status, 204);
    const replay = new Client(env.balai.app);
    replay.cookies.set('balai_sid_3273', cookie);
    assert.equal((await replay.get(`${API}/session`)).status, 401);
  });

  it('a deactivated account is signed out on its next request, API and pages', async () => {
    const { id, client } = await signedIn('warga', '32.73');
    await warm(client, `${API}/session`, 200);
    await warm(client, '/bandung/akun', 200);
    assert.equal((await admin.patch(`${USERS}/${id}`, { active: false })).status, 200);
    assert.equal((await client.get(`${API}/session`)).status, 401);
    const page = await client.get('/bandung/akun');
    assert.equal(page.status, 303);
    assert.match(String(page.headers.location), /\/bandung\/masuk/);
  });

  it('a removed role stops its rights at once, and a new role gives them at once', async () => {
    const { id, roleId, client } = await signedIn('admin_kota', '32.73');
    await warm(client, USERS, 200);
    assert.equal((await admin.delete(`${USERS}/${id}/roles/${roleId}`)).status, 204);
    assert.equal((await client.get(USERS)).status, 403, 'the admin right is gone');
    await warm(client, USERS, 403);
    const again = await admin.post(`${USERS}/${id}/roles`, { role: 'admin_kota', areaKode: '32.73' });
    assert.equal(again.status, 201, again.body);
    assert.equal((await client.get(USERS)).status, 200, 'the new role counts at once');
  });

  it('a session deleted in the database (e.g. by another Balai process) is refused at once', async () => {
    const { id, client } = await signedIn('warga', '32.73');
    await warm(client, `${API}/session`, 200);
    const r = await env.db.query('delete from sessions where user_id = $1', [id]);
    assert.ok((r.rowCount ?? 0) >= 1);
    assert.equal((await client.get(`${API}/session`)).status, 401);
  });

  it('a role removed in the database (e.g. by another Balai process) is refused at once', async () => {
    const { id, client } = await signedIn('admin_kota', '32.73');
    await warm(client, USERS, 200);
    const r = await env.db.query('delete from user_roles where user_id = $1', [id]);
    assert.ok((r.rowCount ?? 0) >= 1);
    assert.equal((await client.get(USERS)).status, 403);
  });
});
