import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, ownerClient, startTestBalai, type TestBalai } from '../../../tests/helpers/app.ts';
import { csvLines } from '../../../tests/helpers/downloads.ts';
import { hasMessage, t } from '../../platform/i18n/index.ts';
import { contains, lacks } from '../../../tests/helpers/kota.ts';
import { todayWib } from './audit-service.ts';

let balai: TestBalai;
let admin: Client;
let adminId: string;
let created: { id: string; password: string };
let roleId: string;

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}
interface Entry {
  at: string;
  user: { id: string; name: string | null; email: string | null } | null;
  userRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  changes: Change[];
}
interface Log {
  total: number;
  page: number;
  pages: number;
  items: Entry[];
}

const API = '/api/v1/cities/bandung';

async function log(query: string, c = admin): Promise<Log> {
  const res = await c.get(`${API}/audit${query}`);
  assert.equal(res.status, 200, res.body);
  return res.json<Log>();
}

const change = (e: Entry, field: string) => e.changes.find((c) => c.field === field);

before(async () => {
  balai = await startTestBalai();
  admin = new Client(balai.app);
  await admin.loginAs('bandung', 'admin_kota');
  adminId = (await admin.get(`${API}/users?q=admin.kota`)).json<{ items: { id: string }[] }>().items[0]!.id;
  // The writes the viewer must show.
  assert.equal((await admin.patch(`${API}/settings`, { tagline: '=HYPERLINK("http://x")' })).status, 200);
  const res = await admin.post(`${API}/users`, {
    name: 'Audit Test',
    email: 'audit.test@bandung.go.id',
    phone: '081298765432',
    role: 'warga',
    areaKode: '32.73',
  });
  assert.equal(res.status, 201);
  const body = res.json<{ user: { id: string }; temporaryPassword: string }>();
  created = { id: body.user.id, password: body.temporaryPassword };
  const role = await admin.post(`${API}/users/${created.id}/roles`, {
    role: 'petugas_kecamatan',
    areaKode: '32.73.02',
  });
  roleId = role.json<{ id: string }>().id;
  assert.equal((await admin.delete(`${API}/users/${created.id}/roles/${roleId}`)).status, 204);
  assert.equal((await admin.post(`${API}/users/${created.id}/password-reset`)).status, 200);
  assert.equal((await admin.patch(`${API}/users/${created.id}`, { active: false })).status, 200);
});
after(() => balai.stop());

/** Admin kota of Bandung reading the pages in English. */
async function english(): Promise<Client> {
  const en = new Client(balai.app);
  en.cookies.set('balai_lang', 'en');
  await en.loginAs('bandung', 'admin_kota');
  return en;
}

describe('kota audit log', () => {
  it('shows the account writes with who, role, before and after', async () => {
    const l = await log(`?entity=users&entityId=${created.id}`);
    assert.ok(l.total >= 3, `entries: ${l.total}`);
    const insert = l.items.find((e) => e.action === 'insert')!;
    assert.equal(insert.user?.id, adminId);
    assert.equal(insert.user?.name, 'Demo admin kota Bandung');
    assert.equal(insert.userRole, 'admin_kota');
    assert.equal(change(insert, 'password_hash')?.after, '[disamarkan]');
    assert.equal(change(insert, 'phone')?.after, '0812****5432', 'phones are masked in the log too');
    assert.equal(change(insert, 'email')?.after, 'audit.test@bandung.go.id');
    assert.equal(change(insert, 'tenant_id'), undefined);

    const updates = l.items.filter((e) => e.action === 'update');
    const deactivated = updates.find((e) => change(e, 'active'));
    assert.deepEqual(change(deactivated!, 'active'), { field: 'active', before: true, after: false });
    assert.equal(change(deactivated!, 'updated_at'), undefined, 'timestamps are noise next to real changes');
    const reset = updates.find((e) => change(e, 'password_hash'));
    assert.deepEqual(change(reset!, 'password_hash'), {
      field: 'password_hash',
      before: '[disamarkan]',
      after: '[disamarkan: diubah]',
    });
    // Newest first.
    const times = l.items.map((e) => Date.parse(e.at));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );
  });

  it('shows role grants and removals, and the settings change', async () => {
    const roles = await log(`?entity=user_roles&entityId=${roleId}`);
    assert.deepEqual(
      roles.items.map((e) => e.action),
      ['delete', 'insert'],
    );
    assert.equal(change(roles.items[0]!, 'area_kode')?.before, '32.73.02');
    assert.equal(change(roles.items[1]!, 'role')?.after, 'petugas_kecamatan');
    const city = await log('?entity=tenants&action=update');
    assert.ok(city.items.some((e) => change(e, 'tagline')?.after === '=HYPERLINK("http://x")'));
  });

  it('filters by action, user (id or email), dates in WIB and pages', async () => {
    const deletes = await log('?action=delete');
    assert.ok(deletes.items.length > 0 && deletes.items.every((e) => e.action === 'delete'));
    const byId = await log(`?user=${adminId}&perPage=200`);
    const byEmail = await log('?user=ADMIN.KOTA@bandung.demo&perPage=200');
    assert.ok(byId.total > 0);
    assert.equal(byEmail.total, byId.total);
    assert.ok(byId.items.every((e) => e.user?.id === adminId));
    assert.equal((await log('?user=tidak.ada@bandung.demo')).total, 0);
    const today = todayWib();
    const todays = await log(`?from=${today}&to=${today}&entity=users&entityId=${created.id}`);
    assert.ok(todays.total >= 3);
    const next = todayWib(new Date(Date.now() + 86_400_000));
    assert.equal((await log(`?from=${next}`)).total, 0);
    assert.equal((await log(`?to=2020-01-01`)).total, 0);
    const paged = await log('?perPage=2');
    assert.equal(paged.items.length, 2);
    assert.equal(paged.pages, Math.ceil(paged.total / 2));
    const page2 = await log('?perPage=2&page=2');
    assert.notDeepEqual(page2.items[0], paged.items[0]);
    // The shared identity of audit_log rows is never shown: it would count every city's writes.
    assert.ok(paged.items.every((e) => !('id' in e)));

    for (const bad of [
      '?from=2026-02-31',
      '?from=2026-05-02&to=2026-05-01',
      '?user=bukan',
      '?action=truncate',
      '?entity=Users;drop',
      '?extra=1',
    ]) {
      const res = await admin.get(`${API}/audit${bad}`);
      assert.equal(res.status, 400, `${bad}: ${res.body}`);
    }
  });

  it("keeps each city's log to itself and to admins", async () => {
    const serang = new Client(balai.app);
    await serang.loginAs('serang', 'admin_kota');
    const other = (await serang.get(`/api/v1/cities/serang/audit?entityId=${created.id}`)).json<Log>();
    assert.equal(other.total, 0);
    const all = (await serang.get('/api/v1/cities/serang/audit?perPage=200')).json<Log>();
    assert.ok(all.items.every((e) => e.entityId !== created.id));
    const lurah = new Client(balai.app);
    await lurah.loginAs('bandung', 'petugas_kelurahan');
    assert.equal((await lurah.get(`${API}/audit`)).status, 403);
    assert.equal((await lurah.get(`${API}/audit.csv`)).status, 403);
    assert.equal((await lurah.get('/bandung/kota/audit')).status, 403);
    assert.equal((await new Client(balai.app).get(`${API}/audit`)).status, 401);
  });

  it('renders the viewer page with the diff and filters, in both languages', async () => {
    const page = await admin.get(`/bandung/kota/audit?entity=users&entityId=${created.id}`);
    assert.equal(page.status, 200);
    contains(page.body, /\[disamarkan\]/);
    contains(page.body, /Demo admin kota Bandung/);
    contains(page.body, /Admin kota/);
    contains(page.body, /<del>\s*true\s*<\/del>/);
    contains(page.body, /<ins>\s*false\s*<\/ins>/);
    contains(page.body, /0812\*\*\*\*5432/);
    lacks(page.body, /081298765432/);
    contains(
      page.body,
      new RegExp(`/api/v1/cities/bandung/audit\\.csv\\?entity=users&amp;entityId=${created.id}`),
    );
    const bad = await admin.get('/bandung/kota/audit?from=2026-13-40&user=bukan');
    assert.equal(bad.status, 400);
    contains(bad.body, /id="f-from-err"/);
    contains(bad.body, /id="f-user-err"/);
    const englishPage = await (
      await english()
    ).get(`/bandung/kota/audit?entity=users&entityId=${created.id}`);
    assert.equal(englishPage.status, 200);
    contains(englishPage.body, /\[redacted\]/);
    contains(englishPage.body, /Audit log/);
  });

  it('names every audited table by its catalogue label in the filter, in both languages', async () => {
    const db = await ownerClient(balai.databaseUrl);
    const tables = await db
      .query<{ t: string }>(
        `select distinct event_object_table as t from information_schema.triggers where trigger_name = 'audit'`,
      )
      .finally(() => db.end());
    assert.ok(tables.rows.length > 30);
    for (const { t } of tables.rows) assert.ok(hasMessage(`kota.entity.${t}`), `no label for table ${t}`);
    for (const [client, locale] of [
      [admin, 'id'],
      [await english(), 'en'],
    ] as const) {
      const page = await client.get('/bandung/kota/audit');
      const select = /<select id="f-entity"[\s\S]*?<\/select>/.exec(page.body)?.[0] ?? '';
      const options = [...select.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].slice(1);
      assert.ok(options.length > 3, select);
      for (const [, value, label] of options)
        assert.equal(label!.trim(), t(locale, `kota.entity.${value}`), `option ${value}`);
    }
    contains(
      (await admin.get('/bandung/kota/audit')).body,
      /<option value="users"[^>]*>Akun pengguna<\/option>/,
    );
  });

  it('exports the filtered log as CSV without spreadsheet formulas', async () => {
    const res = await admin.get(`${API}/audit.csv?entity=tenants`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="audit-bandung-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csvLines(res.body);
    assert.equal(
      lines[0],
      'waktu_wib,id_pengguna,nama_pengguna,peran,tindakan,data,id_data,perubahan,id_permintaan',
    );
    assert.ok(lines.length >= 2);
    assert.ok(lines.slice(1).every((l) => l.includes(',tenants,32.73,')));
    assert.ok(lines.some((l) => l.includes(`'tagline:`) || l.includes('HYPERLINK')));
    lacks(res.body, /,=HYPERLINK/);
    assert.match(lines[1]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
    const users = await admin.get(`${API}/audit.csv?entity=users&entityId=${created.id}&action=insert`);
    const rows = users.body.trim().split('\r\n');
    assert.equal(rows.length, 2);
    assert.match(rows[1]!, /password_hash: — → \[disamarkan\]/);
    assert.match(rows[1]!, /0812\*\*\*\*5432/);
    assert.equal((await admin.get(`${API}/audit.csv?from=kemarin`)).status, 400);
  });

  it('shows the audit entries of today on the dashboard', async () => {
    const dash = await admin.get('/bandung/dasbor');
    contains(dash.body, /Catatan audit hari ini/);
    contains(dash.body, new RegExp(`/bandung/kota/audit\\?from=${todayWib()}&amp;to=${todayWib()}`));
  });
});
