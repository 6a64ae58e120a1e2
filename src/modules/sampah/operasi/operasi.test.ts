import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, useBalaiWithOwnerDb } from '../../../../tests/helpers/app.ts';
import { assertCheckValues } from '../../../../tests/helpers/check-values.ts';
import { SYSTEM_ACTOR, withTenant } from '../../../platform/db/transaction.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import { listKuotaTpa, parseWaktu, tingkatKuota, type KuotaTpa, type RitaseHasil } from './ritase-service.ts';
import { listPenanganan } from './penanganan-service.ts';
import type { FasilitasView } from './fasilitas-service.ts';
import type { KendaraanView, ShiftView } from './armada-service.ts';
import {
  JENIS_FASILITAS,
  JENIS_KENDARAAN,
  STATUS_FASILITAS,
  STATUS_KENDARAAN,
  SUBJENIS_MESIN,
} from './operasi-schemas.ts';

const API = '/api/v1/cities/bandung/sampah';
const SERANG_API = '/api/v1/cities/serang/sampah';
const KEC_A = '32.73.01';
const KEL_A = '32.73.01.1001';
const KEC_B = '32.73.02';
/** A past day, so trips on it are never "in the future". */
const HARI = '2026-01-15';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

const env = useBalaiWithOwnerDb();
const clients = new Map<string, Client>();
async function as(role: Role, city: 'bandung' | 'serang' = 'bandung'): Promise<Client> {
  const key = `${city}:${role}`;
  let c = clients.get(key);
  if (!c) {
    c = new Client(env.balai.app);
    await c.loginAs(city, role);
    clients.set(key, c);
  }
  return c;
}
function pointers(res: { json<T>(): T }): string[] {
  return (res.json<Problem>().errors ?? []).map((e) => e.pointer);
}
async function count(table: string): Promise<number> {
  const r = await env.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return r.rows[0]!.n;
}
async function created<T>(res: { status: number; body: string; json<U>(): U }): Promise<T> {
  assert.equal(res.status, 201, res.body);
  return res.json<T>();
}

const fx = {} as {
  shift: ShiftView;
  truk: KendaraanView;
  titikA: FasilitasView;
  titikB: FasilitasView;
  tpa: FasilitasView;
  serangTruk: KendaraanView;
  serangTitik: FasilitasView;
};

/** Fixtures, made once by the first test that needs them (after the Balai started). */
let setup: Promise<void> | null = null;
const ready = () => (setup ??= makeFixtures());
async function makeFixtures(): Promise<void> {
  const admin = await as('admin_kota');
  fx.shift = await created(await admin.post(`${API}/shift`, { nama: 'Uji pagi', mulai: '06:00' }));
  fx.truk = await created(
    await admin.post(`${API}/kendaraan`, {
      jenis: 'pacman',
      platNomor: 'd-9001-uji',
      kapasitasM3: 6,
      kapasitasTon: 3,
    }),
  );
  fx.titikA = await created(
    await admin.post(`${API}/fasilitas`, {
      jenis: 'titik_kumpul',
      nama: 'Uji Titik A',
      kelurahanKode: KEL_A,
    }),
  );
  fx.titikB = await created(
    await admin.post(`${API}/fasilitas`, { jenis: 'tps', nama: 'Uji TPS B', kecamatanKode: KEC_B }),
  );
  fx.tpa = await created(
    await admin.post(`${API}/fasilitas`, { jenis: 'tpa', nama: 'Uji TPA', kuotaRitHarian: 10 }),
  );
  const serang = await as('admin_kota', 'serang');
  fx.serangTruk = await created(
    await serang.post(`${SERANG_API}/kendaraan`, {
      jenis: 'dump_truck',
      platNomor: 'A 9002 UJI',
      kapasitasM3: 8,
      kapasitasTon: 4,
    }),
  );
  fx.serangTitik = await created(
    await serang.post(`${SERANG_API}/fasilitas`, { jenis: 'tps', nama: 'Uji TPS Serang' }),
  );
}

function trip(o: Record<string, unknown> = {}) {
  return {
    kendaraanId: fx.truk.id,
    shiftId: fx.shift.id,
    asalIds: [fx.titikA.id],
    tujuanId: fx.tpa.id,
    ton: 2.5,
    berangkat: `${HARI}T06:10`,
    tiba: `${HARI}T07:05`,
    ...o,
  };
}

describe('facilities, fleet and shifts', () => {
  it('normalises plate numbers, fills the kecamatan from the kelurahan, and enforces the kind rules', async () => {
    await ready();
    assert.equal(fx.truk.platNomor, 'D 9001 UJI');
    assert.equal(fx.titikA.kecamatanKode, KEC_A);
    assert.ok(fx.titikA.kelurahanNama && fx.titikA.kecamatanNama);
    assert.equal(fx.tpa.kecamatanKode, null);
    const admin = await as('admin_kota');
    const before = await count('sampah_fasilitas');
    const mesin = await admin.post(`${API}/fasilitas`, { jenis: 'mesin', nama: 'Uji Mesin' });
    assert.equal(mesin.status, 400);
    assert.deepEqual(pointers(mesin), ['/body/subjenis']);
    const kuota = await admin.post(`${API}/fasilitas`, {
      jenis: 'tps',
      nama: 'Uji TPS K',
      kuotaRitHarian: 5,
    });
    assert.deepEqual(pointers(kuota), ['/body/kuotaRitHarian']);
    const luar = await admin.post(`${API}/fasilitas`, {
      jenis: 'tps',
      nama: 'Uji TPS Luar',
      kelurahanKode: '36.73.01.1001',
    });
    assert.equal(luar.status, 400);
    assert.deepEqual(pointers(luar), ['/body/kelurahanKode']);
    const dup = await admin.post(`${API}/kendaraan`, {
      jenis: 'pacman',
      platNomor: 'D 9001 UJI',
      kapasitasM3: 6,
      kapasitasTon: 3,
    });
    assert.deepEqual(pointers(dup), ['/body/platNomor']);
    assert.equal(await count('sampah_fasilitas'), before, 'nothing written');
  });

  it('officers see operations; only DLH of this module and the admin change them', async () => {
    await ready();
    const lurah = await as('petugas_kelurahan');
    const list = await lurah.get(`${API}/fasilitas?jenis=tpa`);
    assert.equal(list.status, 200);
    assert.ok(list.json<FasilitasView[]>().some((f) => f.id === fx.tpa.id));
    assert.equal((await lurah.post(`${API}/ritase`, trip())).status, 403);
    assert.equal((await lurah.post(`${API}/shift`, { nama: 'Uji x', mulai: '07:00' })).status, 403);
    // The demo petugas dinas works for DLH (this module) too: it records trips.
    const dinas = await as('petugas_dinas');
    assert.equal((await dinas.get(`${API}/fasilitas`)).status, 200);
    const d = '2026-01-05';
    const own = trip({ berangkat: `${d}T06:00`, tiba: `${d}T07:00` });
    assert.equal((await dinas.post(`${API}/ritase`, own)).status, 201);
  });
});

describe('trip log validation', () => {
  it('refuses a negative load, a load over 120% of capacity and an arrival before departure; nothing written', async () => {
    await ready();
    const admin = await as('admin_kota');
    const before = await count('sampah_ritase');
    const neg = await admin.post(`${API}/ritase`, trip({ ton: -1 }));
    assert.equal(neg.status, 400, neg.body);
    assert.deepEqual(pointers(neg), ['/body/ton']);
    const over = await admin.post(`${API}/ritase`, trip({ ton: 3.61 }));
    assert.equal(over.status, 400);
    assert.deepEqual(pointers(over), ['/body/ton']);
    assert.match(over.json<Problem>().errors![0]!.detail, /3,6/);
    const back = await admin.post(`${API}/ritase`, trip({ tiba: `${HARI}T06:00` }));
    assert.equal(back.status, 400);
    assert.deepEqual(pointers(back), ['/body/tiba']);
    const same = await admin.post(`${API}/ritase`, trip({ tiba: `${HARI}T06:10` }));
    assert.deepEqual(pointers(same), ['/body/tiba']);
    const future = await admin.post(
      `${API}/ritase`,
      trip({ berangkat: '2099-01-01T06:00', tiba: '2099-01-01T07:00' }),
    );
    assert.deepEqual(pointers(future), ['/body/tiba']);
    const wrongWay = await admin.post(
      `${API}/ritase`,
      trip({ asalIds: [fx.tpa.id], tujuanId: fx.titikA.id }),
    );
    assert.equal(wrongWay.status, 400);
    assert.deepEqual(pointers(wrongWay).sort(), ['/body/asalIds/0', '/body/tujuanId']);
    const none = await admin.post(`${API}/ritase`, trip({ asalIds: [] }));
    assert.equal(none.status, 400);
    assert.equal(await count('sampah_ritase'), before, 'nothing written');
  });

  it("another city's vehicle or facility is not found", async () => {
    await ready();
    const admin = await as('admin_kota');
    const before = await count('sampah_ritase');
    assert.equal((await admin.post(`${API}/ritase`, trip({ kendaraanId: fx.serangTruk.id }))).status, 404);
    assert.equal((await admin.post(`${API}/ritase`, trip({ asalIds: [fx.serangTitik.id] }))).status, 404);
    assert.equal((await admin.post(`${API}/ritase`, trip({ tujuanId: fx.serangTitik.id }))).status, 404);
    assert.equal((await admin.get(`${API}/fasilitas/${fx.serangTitik.id}`)).status, 404);
    assert.equal(await count('sampah_ritase'), before);
  });

  it('reads a time without an offset as WIB', () => {
    assert.equal(parseWaktu('2026-01-15T07:05')!.toISOString(), '2026-01-15T00:05:00.000Z');
    assert.equal(parseWaktu('2026-01-15T07:05:00Z')!.toISOString(), '2026-01-15T07:05:00.000Z');
    assert.equal(parseWaktu('2026-02-30T07:05'), null);
    assert.equal(parseWaktu('kemarin'), null);
  });
});

describe('TPA quota', () => {
  it('warns from 90% of the quota and flags trips beyond it', () => {
    assert.equal(tingkatKuota(0, 10), 'aman');
    assert.equal(tingkatKuota(8, 10), 'aman');
    assert.equal(tingkatKuota(9, 10), 'peringatan');
    assert.equal(tingkatKuota(10, 10), 'peringatan');
    assert.equal(tingkatKuota(11, 10), 'melebihi');
    assert.equal(tingkatKuota(125, 140), 'aman'); // 89.3 %
    assert.equal(tingkatKuota(126, 140), 'peringatan'); // 90 %
    assert.equal(tingkatKuota(140, 140), 'peringatan');
    assert.equal(tingkatKuota(141, 140), 'melebihi');
  });

  it("counts a day's trips to the TPA: aman, peringatan at 9 of 10, recorded but flagged at 11", async () => {
    await ready();
    const admin = await as('admin_kota');
    const levels: string[] = [];
    let last: RitaseHasil | null = null;
    for (let i = 0; i < 11; i++) {
      const res = await admin.post(
        `${API}/ritase`,
        trip({ tiba: `${HARI}T${String(7 + i).padStart(2, '0')}:00` }),
      );
      last = await created<RitaseHasil>(res);
      levels.push(`${last.kuota!.terpakai}:${last.kuota!.tingkat}:${last.ritase.melebihiKuota}`);
    }
    assert.deepEqual(levels, [
      '1:aman:false',
      '2:aman:false',
      '3:aman:false',
      '4:aman:false',
      '5:aman:false',
      '6:aman:false',
      '7:aman:false',
      '8:aman:false',
      '9:peringatan:false',
      '10:peringatan:false',
      '11:melebihi:true',
    ]);
    assert.equal(last!.ritase.tanggal, HARI);
    // A trip arriving at 23:30 WIB belongs to that day; 00:30 WIB the next is another day.
    const late = await created<RitaseHasil>(
      await admin.post(`${API}/ritase`, trip({ berangkat: '2026-01-16T23:00', tiba: '2026-01-17T00:30' })),
    );
    assert.equal(late.ritase.tanggal, '2026-01-17');
    assert.equal(late.kuota!.terpakai, 1);

    const panel = await admin.get(`${API}/kuota-tpa?tanggal=${HARI}`);
    assert.equal(panel.status, 200);
    const k = panel.json<KuotaTpa[]>().find((x) => x.fasilitasId === fx.tpa.id)!;
    assert.deepEqual(
      { terpakai: k.terpakai, sisa: k.sisa, persen: k.persen, ton: k.ton, tingkat: k.tingkat },
      { terpakai: 11, sisa: 0, persen: 110, ton: 27.5, tingkat: 'melebihi' },
    );
    const viaService = await withTenant(env.balai.app.db, '32.73', SYSTEM_ACTOR, (trx) =>
      listKuotaTpa(trx, { tanggal: HARI }),
    );
    assert.equal(viaService.find((x) => x.fasilitasId === fx.tpa.id)?.terpakai, 11);
    const trips = (await admin.get(`${API}/ritase?tanggal=${HARI}`)).json<{ melebihiKuota: boolean }[]>();
    assert.equal(trips.filter((t) => t.melebihiKuota).length, 1);
    assert.equal((await admin.get(`${API}/kuota-tpa?tanggal=2026-02-30`)).status, 400);
  });
});

describe('tonase penanganan for the tonnage module', () => {
  it('sums tonnes per WIB day, origin kecamatan and destination kind, splitting a multi-origin trip', async () => {
    await ready();
    const admin = await as('admin_kota');
    const D = '2026-01-20';
    await created(
      await admin.post(
        `${API}/ritase`,
        trip({ asalIds: [fx.titikA.id, fx.titikB.id], ton: 3, berangkat: `${D}T06:00`, tiba: `${D}T07:00` }),
      ),
    );
    await created(
      await admin.post(`${API}/ritase`, trip({ ton: 1.25, berangkat: `${D}T08:00`, tiba: `${D}T09:00` })),
    );
    const rows = await withTenant(env.balai.app.db, '32.73', SYSTEM_ACTOR, (trx) =>
      listPenanganan(trx, { dari: D, sampai: D }),
    );
    assert.deepEqual(rows, [
      { tanggal: D, kecamatanKode: KEC_A, tujuanJenis: 'tpa', asalJenis: 'titik_kumpul', ton: 2.75 },
      { tanggal: D, kecamatanKode: KEC_B, tujuanJenis: 'tpa', asalJenis: 'tps', ton: 1.5 },
    ]);
    await assert.rejects(
      withTenant(env.balai.app.db, '32.73', SYSTEM_ACTOR, (trx) =>
        listPenanganan(trx, { dari: D, sampai: '2026-01-19' }),
      ),
      (e: { status?: number }) => e.status === 400,
    );
  });
});

describe('demo', () => {
  it('Bandung has 12 Pacman trucks, two shifts, about 20 collection points and Sarimukti at 140 trips a day', async () => {
    await ready();
    const r = await env.db.query<{ n: number }>(
      "select count(*)::int as n from sampah_kendaraan where tenant_id = '32.73' and demo and jenis = 'pacman'",
    );
    assert.equal(r.rows[0]!.n, 12);
    const s = await env.db.query<{ mulai: string }>(
      "select mulai::text from sampah_shift where tenant_id = '32.73' and demo order by mulai",
    );
    assert.deepEqual(
      s.rows.map((x) => x.mulai),
      ['06:00:00', '19:00:00'],
    );
    const tpa = await env.db.query<{ kuota_rit_harian: number }>(
      "select kuota_rit_harian from sampah_fasilitas where tenant_id = '32.73' and nama = 'TPA Sarimukti'",
    );
    assert.equal(tpa.rows[0]?.kuota_rit_harian, 140);
    const trips = await env.db.query<{ n: number; over: number }>(
      `select count(*)::int as n, count(*) filter (where r.ton > k.kapasitas_ton * 1.2)::int as over
       from sampah_ritase r join sampah_kendaraan k on k.tenant_id = r.tenant_id and k.id = r.kendaraan_id
       where r.demo`,
    );
    assert.ok(trips.rows[0]!.n > 500, 'some weeks of trips');
    assert.equal(trips.rows[0]!.over, 0, 'demo loads within capacity');
  });
});

describe('pages', () => {
  /** The value of a form field of a page. */
  const nilai = (body: string, name: string): string =>
    new RegExp(`name="${name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="${name}"`)
      .exec(body)
      ?.slice(1)
      .find((v) => v !== undefined) ?? '';
  /** Posts the trip form with the fixture's truck, shift and TPA. */
  const kirimTrip = async (
    admin: Client,
    f: { asal: FasilitasView; ton: string; berangkat: string; tiba: string },
  ) =>
    admin.request('POST', '/bandung/sampah/ritase', {
      form: {
        kendaraanId: fx.truk.id,
        shiftId: fx.shift.id,
        asalIds: f.asal.id,
        tujuanId: fx.tpa.id,
        ton: f.ton,
        berangkat: f.berangkat,
        tiba: f.tiba,
      },
    });

  it('the trip form as it comes (default departure and arrival) saves a trip', async () => {
    await ready();
    const admin = await as('admin_kota');
    const page = await admin.get('/bandung/sampah/ritase');
    assert.equal(page.status, 200, page.body);
    const berangkat = nilai(page.body, 'berangkat');
    const tiba = nilai(page.body, 'tiba');
    assert.match(berangkat, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    assert.ok(berangkat < tiba, `default departure ${berangkat} before arrival ${tiba}`);
    const res = await kirimTrip(admin, { asal: fx.titikA, ton: '1,5', berangkat, tiba });
    assert.equal(res.status, 303, res.body);
    assert.match(String(res.headers.location), new RegExp(`tanggal=${tiba.slice(0, 10)}`));
  });

  it('after saving a trip of yesterday, the list shown is yesterday’s and holds it', async () => {
    await ready();
    const admin = await as('admin_kota');
    const kemarin = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const res = await kirimTrip(admin, {
      asal: fx.titikB,
      ton: '0,777',
      berangkat: `${kemarin}T10:00`,
      tiba: `${kemarin}T11:07`,
    });
    assert.equal(res.status, 303, res.body);
    const location = String(res.headers.location);
    assert.match(location, new RegExp(`[?&]tanggal=${kemarin}(&|$)`));
    const list = await admin.get(location);
    assert.equal(list.status, 200, list.body);
    const rows = (list.body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).filter(
      (r) => r.includes('0,777') && r.includes(fx.titikB.nama),
    );
    assert.equal(
      rows.length,
      1,
      `the trip of yesterday is in the list shown after saving: ${rows.join('\n')}`,
    );
  });

  it('trip entry shows the quota panel and the form; a bad form comes back with its errors', async () => {
    await ready();
    const admin = await as('admin_kota');
    const page = await admin.get('/bandung/sampah/ritase');
    assert.equal(page.status, 200, page.body);
    assert.match(page.body, /name="asalIds"/);
    assert.match(page.body, /TPA Sarimukti/, 'the demo TPA in the quota panel');
    const bad = await kirimTrip(admin, {
      asal: fx.titikA,
      ton: '-2',
      berangkat: `${HARI}T06:00`,
      tiba: `${HARI}T07:00`,
    });
    assert.equal(bad.status, 400, bad.body);
    assert.match(bad.body, /id="f-ton-err"/);
    for (const path of [
      '/bandung/sampah/fasilitas',
      '/bandung/sampah/fasilitas/baru',
      '/bandung/sampah/armada',
    ])
      assert.equal((await admin.get(path)).status, 200, path);
    const ok = await admin.request('POST', '/bandung/sampah/armada/shift', {
      form: { nama: 'Uji malam', mulai: '19:00' },
    });
    assert.equal(ok.status, 303, ok.body);
  });
});

describe('enumerations', () => {
  it('are the values the SQL checks allow, in the same order', async () => {
    await assertCheckValues(
      env.db,
      {
        sampah_fasilitas: { jenis: JENIS_FASILITAS, subjenis: SUBJENIS_MESIN, status: STATUS_FASILITAS },
        sampah_kendaraan: { jenis: JENIS_KENDARAAN, status: STATUS_KENDARAAN },
      },
      { inOrder: true },
    );
  });
});
