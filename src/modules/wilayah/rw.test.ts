import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '../../../tests/helpers/app.ts';
import {
  API,
  NEIGHBOUR_KEL,
  OWN_KEL,
  useWilayahBalai,
  type ProblemJson,
  type RwJson,
} from '../../../tests/helpers/wilayah.ts';

const env = useWilayahBalai();
const { as } = env;

async function rwId(tenant: string, kel: string, nomor: number): Promise<string> {
  const r = await env.db.query<{ id: string }>(
    'select id from rw where tenant_id = $1 and kelurahan_kode = $2 and nomor = $3',
    [tenant, kel, nomor],
  );
  return r.rows[0]!.id;
}

describe('demo data', () => {
  it('RW 001 in every kelurahan, 3–12 RWs each with 2–8 RTs, all marked demo', async () => {
    for (const tenant of ['32.73', '36.73']) {
      const per = await env.db.query<{
        kelurahan_kode: string;
        n: number;
        has001: boolean;
        min_rt: number;
        max_rt: number;
      }>(
        `select rw.kelurahan_kode, count(*)::int as n, bool_or(rw.nomor = 1) as has001,
                min((select count(*) from rt where rt.tenant_id = rw.tenant_id and rt.rw_id = rw.id))::int as min_rt,
                max((select count(*) from rt where rt.tenant_id = rw.tenant_id and rt.rw_id = rw.id))::int as max_rt
           from rw where tenant_id = $1 group by rw.kelurahan_kode`,
        [tenant],
      );
      assert.equal(per.rows.length, tenant === '32.73' ? 151 : 67);
      for (const r of per.rows) {
        assert.ok(r.has001, `${r.kelurahan_kode} has RW 001`);
        assert.ok(r.n >= 3 && r.n <= 12, `${r.kelurahan_kode}: ${r.n} RWs`);
        assert.ok(r.min_rt >= 2 && r.max_rt <= 8, `${r.kelurahan_kode}: ${r.min_rt}-${r.max_rt} RTs`);
      }
      const notDemo = await env.db.query<{ n: number }>(
        `select (select count(*) from rw where tenant_id = $1 and not demo) + (select count(*) from rt where tenant_id = $1 and not demo) as n`,
        [tenant],
      );
      assert.equal(Number(notDemo.rows[0]!.n), 0);
      const kk = await env.db.query<{ lo: number; hi: number }>(
        'select min(jumlah_kk) as lo, max(jumlah_kk) as hi from rw where tenant_id = $1',
        [tenant],
      );
      assert.ok(kk.rows[0]!.lo >= 50 && kk.rows[0]!.hi <= 560);
    }
  });
});

describe('RW API', () => {
  it('lists RWs in the area only, paginated and filtered, phones masked', async () => {
    const lurah = await as('petugas_kelurahan');
    const res = await lurah.get(`${API}/rw?perPage=2`);
    assert.equal(res.status, 200);
    const body = res.json<{ items: RwJson[]; total: number; page: number; perPage: number }>();
    assert.equal(body.items.length, 2);
    assert.equal(body.perPage, 2);
    assert.ok(body.total >= 3);
    const all = (await lurah.get(`${API}/rw?perPage=200`)).json<{ items: RwJson[]; total: number }>();
    assert.equal(all.items.length, all.total);
    assert.ok(all.items.every((r) => r.kelurahanKode === OWN_KEL));
    for (const r of all.items) assert.match(r.ketuaTelepon ?? '', /^\d{4}\*+\d{4}$/);
    assert.equal(all.items[0]!.kode, `${OWN_KEL}.001`);

    const camat = await as('petugas_kecamatan');
    const kec = (await camat.get(`${API}/rw?perPage=200&kelurahan=${NEIGHBOUR_KEL}`)).json<{
      items: RwJson[];
    }>();
    assert.ok(kec.items.length >= 3 && kec.items.every((r) => r.kelurahanKode === NEIGHBOUR_KEL));
    const outside = (await camat.get(`${API}/rw?kecamatan=32.73.02`)).json<{ total: number }>();
    assert.equal(outside.total, 0, 'another kecamatan is outside the area');

    const ketua = await as('pengurus_rw');
    const mine = (await ketua.get(`${API}/rw`)).json<{ items: RwJson[] }>();
    assert.deepEqual(
      mine.items.map((r) => r.kode),
      [`${OWN_KEL}.001`],
    );

    const admin = await as('admin_kota');
    const search = (await admin.get(`${API}/rw?q=1&kelurahan=${OWN_KEL}`)).json<{ items: RwJson[] }>();
    assert.ok(search.items.some((r) => r.nomor === 1));

    const warga = await as('warga');
    assert.equal((await warga.get(`${API}/rw`)).status, 403);
    assert.equal((await new Client(env.balai.app).get(`${API}/rw`)).status, 401);
  });

  it('creates, reads, changes and deletes an RW with its RTs; writes are audited', async () => {
    const lurah = await as('petugas_kelurahan');
    const created = await lurah.post(`${API}/rw`, {
      kelurahanKode: OWN_KEL,
      nomor: 101,
      ketuaNama: '  Ujang   Suryana ',
      ketuaTelepon: '0812-3456-7890',
      jumlahKk: 120,
    });
    assert.equal(created.status, 201, created.body);
    const rw = created.json<RwJson>();
    assert.equal(rw.kode, `${OWN_KEL}.101`);
    assert.equal(rw.ketuaNama, 'Ujang Suryana');
    assert.equal(rw.ketuaTelepon, '0812****7890');
    assert.equal(rw.demo, false);
    const stored = await env.db.query('select ketua_telepon from rw where id = $1', [rw.id]);
    assert.equal(stored.rows[0].ketua_telepon, '081234567890');

    const rt1 = await lurah.post(`${API}/rw/${rw.id}/rt`, { nomor: 1, ketuaNama: 'Siti' });
    assert.equal(rt1.status, 201);
    const rt2 = await lurah.post(`${API}/rw/${rw.id}/rt`, { nomor: 2 });
    assert.equal(rt2.status, 201);
    const dupRt = await lurah.post(`${API}/rw/${rw.id}/rt`, { nomor: 2 });
    assert.equal(dupRt.status, 409);
    assert.equal(dupRt.json<ProblemJson>().errors?.[0]?.pointer, '/body/nomor');

    const read = (await lurah.get(`${API}/rw/${rw.id}`)).json<RwJson>();
    assert.equal(read.jumlahRt, 2);
    assert.deepEqual(
      read.rt!.map((r) => [r.nomor, r.ketuaNama]),
      [
        [1, 'Siti'],
        [2, null],
      ],
    );

    const patched = await lurah.patch(`${API}/rw/${rw.id}`, { ketuaTelepon: null, jumlahKk: 0, nomor: 102 });
    assert.equal(patched.status, 200, patched.body);
    const p = patched.json<RwJson>();
    assert.deepEqual([p.nomor, p.ketuaTelepon, p.jumlahKk, p.ketuaNama], [102, null, 0, 'Ujang Suryana']);

    const rtId = rt1.json<{ id: string }>().id;
    const rtPatched = await lurah.patch(`${API}/rt/${rtId}`, { ketuaNama: 'Siti Aminah', nomor: 3 });
    assert.equal(rtPatched.status, 200);
    assert.deepEqual(rtPatched.json<{ nomor: number; ketuaNama: string }>(), {
      ...rtPatched.json<object>(),
      nomor: 3,
      ketuaNama: 'Siti Aminah',
    });
    assert.equal((await lurah.delete(`${API}/rt/${rtId}`)).status, 204);
    assert.equal((await lurah.get(`${API}/rw/${rw.id}/rt`)).json<{ items: unknown[] }>().items.length, 1);

    assert.equal((await lurah.delete(`${API}/rw/${rw.id}`)).status, 204);
    assert.equal((await lurah.get(`${API}/rw/${rw.id}`)).status, 404);
    const rts = await env.db.query('select count(*)::int as n from rt where rw_id = $1', [rw.id]);
    assert.equal(rts.rows[0].n, 0, 'RTs go with their RW');

    const audit = await env.db.query<{ action: string; entity: string; user_role: string }>(
      `select action, entity, user_role from audit_log where tenant_id = '32.73' and entity_id = $1 order by id`,
      [rw.id],
    );
    assert.deepEqual(
      audit.rows.map((a) => a.action),
      ['insert', 'update', 'delete'],
    );
    assert.ok(audit.rows.every((a) => a.entity === 'rw' && a.user_role === 'petugas_kelurahan'));
  });

  it('validation errors are 400 problem+json with field pointers', async () => {
    const lurah = await as('petugas_kelurahan');
    const cases: [unknown, string][] = [
      [{ kelurahanKode: OWN_KEL, nomor: 0 }, '/body/nomor'],
      [{ kelurahanKode: OWN_KEL, nomor: 1000 }, '/body/nomor'],
      [{ kelurahanKode: OWN_KEL, nomor: 'satu' }, '/body/nomor'],
      [{ kelurahanKode: OWN_KEL }, '/body/nomor'],
      [{ kelurahanKode: '32.73.01', nomor: 5 }, '/body/kelurahanKode'],
      [{ kelurahanKode: OWN_KEL, nomor: 103, ketuaTelepon: '12-ab' }, '/body/ketuaTelepon'],
      [{ kelurahanKode: OWN_KEL, nomor: 103, jumlahKk: -1 }, '/body/jumlahKk'],
      [{ kelurahanKode: OWN_KEL, nomor: 103, ketuaNama: 'x'.repeat(121) }, '/body/ketuaNama'],
      [{ kelurahanKode: OWN_KEL, nomor: 103, warna: 'merah' }, '/body/warna'],
      [{ kelurahanKode: '36.73.01.1001', nomor: 103 }, '/body/kelurahanKode'],
    ];
    for (const [body, pointer] of cases) {
      const res = await lurah.post(`${API}/rw`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const p = res.json<ProblemJson>();
      assert.equal(p.status, 400);
      assert.ok(
        p.errors?.some((e) => e.pointer === pointer),
        `${JSON.stringify(body)} -> ${JSON.stringify(p.errors)}`,
      );
    }
    const dup = await lurah.post(`${API}/rw`, { kelurahanKode: OWN_KEL, nomor: 1 });
    assert.equal(dup.status, 409);
    assert.match(dup.json<ProblemJson>().title, /RW 001 sudah ada/);
    assert.equal((await lurah.get(`${API}/rw/bukan-uuid`)).status, 400);
    assert.equal(
      (await lurah.patch(`${API}/rw/${await rwId('32.73', OWN_KEL, 1)}`, { nomor: 0 })).status,
      400,
    );
  });

  it("an officer cannot touch another kelurahan's or another city's RW", async () => {
    const lurah = await as('petugas_kelurahan');
    const neighbour = await rwId('32.73', NEIGHBOUR_KEL, 1);
    const serang = await rwId('36.73', '36.73.01.1001', 1);
    for (const id of [neighbour, serang]) {
      assert.equal((await lurah.get(`${API}/rw/${id}`)).status, 404);
      assert.equal((await lurah.get(`${API}/rw/${id}/rt`)).status, 404);
      assert.equal((await lurah.patch(`${API}/rw/${id}`, { jumlahKk: 1 })).status, 404);
      assert.equal((await lurah.delete(`${API}/rw/${id}`)).status, 404);
      assert.equal((await lurah.post(`${API}/rw/${id}/rt`, { nomor: 50 })).status, 404);
    }
    const neighbourRt = (
      await env.db.query<{ id: string }>('select id from rt where rw_id = $1 limit 1', [neighbour])
    ).rows[0]!.id;
    assert.equal((await lurah.patch(`${API}/rt/${neighbourRt}`, { ketuaNama: 'X' })).status, 404);
    assert.equal((await lurah.delete(`${API}/rt/${neighbourRt}`)).status, 404);

    const outside = await lurah.post(`${API}/rw`, { kelurahanKode: NEIGHBOUR_KEL, nomor: 104 });
    assert.equal(outside.status, 403);
    assert.equal(outside.json<ProblemJson>().errors?.[0]?.pointer, '/body/kelurahanKode');
    const own = await rwId('32.73', OWN_KEL, 1);
    assert.equal(
      (await lurah.patch(`${API}/rw/${own}`, { kelurahanKode: NEIGHBOUR_KEL, nomor: 105 })).status,
      403,
    );

    // The pengurus RW sees its RW but may not change it.
    const ketua = await as('pengurus_rw');
    assert.equal((await ketua.get(`${API}/rw/${own}`)).status, 200);
    assert.equal((await ketua.patch(`${API}/rw/${own}`, { jumlahKk: 1 })).status, 403);

    // Serang's admin does not see Bandung's RW through Serang's URL, nor through Bandung's.
    const serangAdmin = await as('admin_kota', 'serang');
    assert.equal((await serangAdmin.get(`/api/v1/cities/serang/rw/${own}`)).status, 404);
    assert.equal((await serangAdmin.get(`${API}/rw/${own}`)).status, 401);
    const unchanged = await env.db.query('select count(*)::int as n from rw where id = any($1)', [
      [neighbour, serang, own],
    ]);
    assert.equal(unchanged.rows[0].n, 3);
  });
});

describe('RW pages', () => {
  it('the list page filters and paginates; forms re-render with errors next to the fields', async () => {
    const lurah = await as('petugas_kelurahan');
    const list = await lurah.get('/bandung/wilayah/rw');
    assert.equal(list.status, 200);
    assert.match(list.body, /<h1>Daftar RW<\/h1>/);
    assert.match(list.body, /<div class="table-wrap"/);
    assert.match(list.body, /href="\/bandung\/wilayah\/rw\/baru"/);
    assert.doesNotMatch(list.body, /Gegerkalong \(/, 'filters offer only kelurahan in the area');

    const form = await lurah.get('/bandung/wilayah/rw/baru');
    assert.equal(form.status, 200);
    assert.match(form.body, new RegExp(`<option value="${OWN_KEL.replaceAll('.', '\\.')}" selected>`));

    const bad = await lurah.request('POST', '/bandung/wilayah/rw', {
      form: { kelurahanKode: OWN_KEL, nomor: '1', ketuaTelepon: 'abc', jumlahKk: '' },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /class="alert alert-error" role="alert"/);
    assert.match(bad.body, /id="f-ketuaTelepon"[^>]*aria-invalid="true"/s);
    assert.match(bad.body, /<p class="error" id="f-ketuaTelepon-err">Nomor telepon harus/);

    const dup = await lurah.request('POST', '/bandung/wilayah/rw', {
      form: { kelurahanKode: OWN_KEL, nomor: '1' },
    });
    assert.equal(dup.status, 409);
    assert.match(dup.body, /<p class="error" id="f-nomor-err">RW 001 sudah ada di kelurahan ini\.<\/p>/);

    const typed = await lurah.request('POST', '/bandung/wilayah/rw', {
      form: { kelurahanKode: OWN_KEL, nomor: 'tujuh' },
    });
    assert.equal(typed.status, 400);
    assert.match(typed.body, /id="f-nomor-err"/);
    assert.match(typed.body, /value="tujuh"/, 'the typed value comes back');

    const ok = await lurah.request('POST', '/bandung/wilayah/rw', {
      form: {
        kelurahanKode: OWN_KEL,
        nomor: '110',
        ketuaNama: 'Dadang',
        ketuaTelepon: '081298765432',
        jumlahKk: '80',
      },
    });
    assert.equal(ok.status, 303);
    const location = String(ok.headers.location);
    assert.match(location, /^\/bandung\/wilayah\/rw\/[0-9a-f-]{36}\?ok=dibuat$/);
    const detail = await lurah.get(location);
    assert.match(detail.body, /RW berhasil ditambahkan/);
    assert.match(detail.body, /0812\*\*\*\*5432/);
    assert.doesNotMatch(detail.body, /081298765432/);

    const id = location.split('/').at(-1)!.split('?')[0]!;
    const edit = await lurah.get(`/bandung/wilayah/rw/${id}/ubah`);
    assert.match(edit.body, /value="081298765432"/, 'the edit form holds the full number');
    const saved = await lurah.request('POST', `/bandung/wilayah/rw/${id}`, {
      form: { kelurahanKode: OWN_KEL, nomor: '110', ketuaNama: 'Dadang S', ketuaTelepon: '', jumlahKk: '81' },
    });
    assert.equal(saved.status, 303);

    const rtBad = await lurah.request('POST', `/bandung/wilayah/rw/${id}/rt`, { form: { nomor: '0' } });
    assert.equal(rtBad.status, 400);
    assert.match(rtBad.body, /id="f-nomor-err"/);
    const rtOk = await lurah.request('POST', `/bandung/wilayah/rw/${id}/rt`, {
      form: { nomor: '4', ketuaNama: 'Euis' },
    });
    assert.equal(rtOk.status, 303);
    const withRt = await lurah.get(`/bandung/wilayah/rw/${id}`);
    assert.match(withRt.body, /RT 004/);
    const rtId = /\/bandung\/wilayah\/rt\/([0-9a-f-]{36})\/ubah/.exec(withRt.body)![1]!;
    assert.equal((await lurah.get(`/bandung/wilayah/rt/${rtId}/ubah`)).status, 200);
    assert.equal(
      (
        await lurah.request('POST', `/bandung/wilayah/rt/${rtId}`, {
          form: { nomor: '5', ketuaNama: 'Euis R' },
        })
      ).status,
      303,
    );
    assert.equal(
      (await lurah.request('POST', `/bandung/wilayah/rt/${rtId}/hapus`, { form: {} })).status,
      303,
    );

    assert.equal((await lurah.get(`/bandung/wilayah/rw/${id}/hapus`)).status, 200);
    const del = await lurah.request('POST', `/bandung/wilayah/rw/${id}/hapus`, { form: {} });
    assert.equal(del.status, 303);
    assert.equal(del.headers.location, '/bandung/wilayah/rw?ok=dihapus');
    assert.equal((await lurah.get(`/bandung/wilayah/rw/${id}`)).status, 404);

    const neighbour = await rwId('32.73', NEIGHBOUR_KEL, 1);
    assert.equal((await lurah.get(`/bandung/wilayah/rw/${neighbour}`)).status, 404);
    assert.equal((await lurah.get(`/bandung/wilayah/rw/${neighbour}/ubah`)).status, 404);
    assert.equal(
      (await lurah.request('POST', `/bandung/wilayah/rw/${neighbour}/hapus`, { form: {} })).status,
      404,
    );

    const ketua = await as('pengurus_rw');
    assert.equal((await ketua.get('/bandung/wilayah/rw')).status, 200);
    assert.equal((await ketua.get('/bandung/wilayah/rw/baru')).status, 403);
    const warga = await as('warga');
    assert.equal((await warga.get('/bandung/wilayah/rw')).status, 403);
    const anon = await new Client(env.balai.app).get('/bandung/wilayah/rw');
    assert.equal(anon.status, 303);
  });
});
