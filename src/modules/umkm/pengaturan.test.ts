/**
 * The city's setting "new products are reviewed before going live", in both modes: off (the
 * default), a verified business's new product is public at once; on, the owner's new product
 * waits — not in the derived catalogue, not on the public product or business page — until an
 * officer with umkm.verifikasi approves it, and then it is. An officer's own new product, and a
 * product of a business not yet verified, need no review. Only city-wide registry managers may
 * change the setting.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useBalaiWithOwnerDb, clientAs } from '../../../tests/helpers/app.ts';
import { demoEmail } from '../../platform/demo.ts';

const env = useBalaiWithOwnerDb();
const API = '/api/v1/cities/bandung/umkm';

const as = clientAs(env);

interface ProdukOut {
  id: string;
  slug: string;
  menungguTinjau: boolean;
}

const diKatalog = async (id: string) =>
  (await env.db.query(`select 1 from umkm_katalog where tenant_id = '32.73' and produk_id = $1`, [id]))
    .rowCount === 1;

describe('review of new products before they go live', () => {
  let owner: Client;
  let usahaId = '';
  let usahaSlug = '';
  let nomor = 0;

  async function produkBaru(c: Client, id = usahaId): Promise<ProdukOut> {
    nomor++;
    const res = await c.post(`${API}/usaha/${id}/produk`, {
      nama: `Keripik Tinjau Nomor ${nomor}`,
      kategori: 'makanan',
      harga: 15000,
      satuan: 'bungkus 250 g',
    });
    assert.equal(res.status, 201, res.body);
    return res.json<ProdukOut>();
  }

  before(async () => {
    owner = await as('pelaku_umkm');
    const u = await env.db.query<{ id: string; slug: string }>(
      `select u.id, u.slug from umkm_usaha u join users p on p.tenant_id = u.tenant_id and p.id = u.pemilik_user_id
        where u.tenant_id = '32.73' and p.email = $1 and u.status = 'terverifikasi' limit 1`,
      [demoEmail('pelaku_umkm', 'bandung')],
    );
    usahaId = u.rows[0]!.id;
    usahaSlug = u.rows[0]!.slug;
  });

  it('off (the default): a verified business’s new product is public at once', async () => {
    const admin = await as('admin_kota');
    assert.deepEqual((await admin.get(`${API}/pengaturan`)).json(), { produkDitinjau: false });
    const p = await produkBaru(owner);
    assert.equal(p.menungguTinjau, false);
    assert.ok(await diKatalog(p.id));
    assert.equal((await new Client(env.balai.app).get(`/bandung/umkm/p/${p.slug}`)).status, 200);
  });

  it('only city-wide registry managers change the setting', async () => {
    const kecamatan = await as('petugas_kecamatan');
    assert.equal(
      (await kecamatan.request('PUT', `${API}/pengaturan`, { json: { produkDitinjau: true } })).status,
      403,
    );
    assert.equal(
      (await owner.request('PUT', `${API}/pengaturan`, { json: { produkDitinjau: true } })).status,
      403,
    );
    // The page's form (a checkbox), as the city admin.
    const admin = await as('admin_kota');
    const page = await admin.get('/bandung/umkm/pengaturan');
    assert.equal(page.status, 200, page.body);
    assert.match(page.body, /Produk baru ditinjau petugas sebelum tayang/);
    const saved = await admin.request('POST', '/bandung/umkm/pengaturan', { form: { produkDitinjau: '1' } });
    assert.equal(saved.status, 303);
    assert.deepEqual((await admin.get(`${API}/pengaturan`)).json(), { produkDitinjau: true });
    const audit = await env.db.query(
      `select 1 from audit_log where tenant_id = '32.73' and entity = 'umkm_pengaturan'`,
    );
    assert.ok(audit.rowCount! >= 1, 'the change is audited');
  });

  it('on: the owner’s new product waits, out of the public catalogue, until an officer approves it', async () => {
    const p = await produkBaru(owner);
    assert.equal(p.menungguTinjau, true);
    assert.equal(await diKatalog(p.id), false, 'not in the derived catalogue');
    const anon = new Client(env.balai.app);
    assert.equal((await anon.get(`/bandung/umkm/p/${p.slug}`)).status, 404);
    assert.equal((await anon.get(`${API}/katalog/produk/${p.slug}`)).status, 404);
    assert.doesNotMatch((await anon.get(`/bandung/umkm/u/${usahaSlug}`)).body, new RegExp(p.slug));
    assert.match((await owner.get(`/bandung/umkm/produk/${p.id}`)).body, /Menunggu tinjauan petugas/);

    // Officers see it in their area's list; the owner cannot approve it.
    const dinas = await as('petugas_dinas');
    const list = (await dinas.get(`${API}/produk-menunggu`)).json<{ items: { id: string }[] }>();
    assert.ok(list.items.some((i) => i.id === p.id));
    assert.equal((await owner.post(`${API}/produk/${p.id}/setujui`)).status, 403);
    const page = await dinas.get('/bandung/umkm/pengaturan');
    assert.match(page.body, new RegExp(`/bandung/umkm/produk/${p.id}/setujui`));

    const ok = await dinas.request('POST', `/bandung/umkm/produk/${p.id}/setujui`, { form: {} });
    assert.equal(ok.status, 303);
    assert.ok(await diKatalog(p.id), 'approved: in the catalogue');
    assert.equal((await anon.get(`/bandung/umkm/p/${p.slug}`)).status, 200);
    assert.match((await anon.get(`/bandung/umkm/u/${usahaSlug}`)).body, new RegExp(p.slug));
    assert.equal((await dinas.post(`${API}/produk/${p.id}/setujui`)).status, 409, 'approved once');
  });

  it('on: an officer’s own new product, and a product of an unverified business, need no review', async () => {
    const dinas = await as('petugas_dinas');
    const p = await produkBaru(dinas);
    assert.equal(p.menungguTinjau, false);
    assert.ok(await diKatalog(p.id));
    const draf = await env.db.query<{ id: string }>(
      `select id from umkm_usaha where tenant_id = '32.73' and status = 'draf' limit 1`,
    );
    const q = await produkBaru(dinas, draf.rows[0]!.id);
    assert.equal(q.menungguTinjau, false);
  });

  it('off again: new products go live at once; a product still waiting keeps waiting', async () => {
    const waiting = await produkBaru(owner);
    assert.equal(waiting.menungguTinjau, true);
    const admin = await as('admin_kota');
    const res = await admin.request('PUT', `${API}/pengaturan`, { json: { produkDitinjau: false } });
    assert.equal(res.status, 200, res.body);
    const p = await produkBaru(owner);
    assert.equal(p.menungguTinjau, false);
    assert.ok(await diKatalog(p.id));
    assert.equal(await diKatalog(waiting.id), false);
  });
});
