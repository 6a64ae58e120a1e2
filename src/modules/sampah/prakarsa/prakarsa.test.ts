/**
 * Prakarsa RW: the allocation rule (pure, and through the API following an RW's KBS status),
 * allocating to every RW, disbursements never above the allocation and spending never above what
 * was disbursed (400, nothing written; also when two requests race for the last rupiah, and in
 * the database itself), reversals, areas (another city's RW, another RW's pengurus: 404), the
 * demo data and the pages.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Client } from '../../../../tests/helpers/app.ts';
import { useBalaiWithOwnerDb, clientAs } from '../../../../tests/helpers/app.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { checkValues } from '../../../../tests/helpers/check-values.ts';
import { KATEGORI_BELANJA } from './prakarsa-tables.ts';
import { parseRupiah } from './pages/prakarsa-parts.ts';
import { computeNominal } from './pengaturan-service.ts';
import { type AlokasiSemuaHasil } from './alokasi-service.ts';
import { type AlokasiView } from './alokasi-repository.ts';
import { type RekapTahun, type RwPrakarsaView } from './rekap-service.ts';

interface Problem {
  status: number;
  errors?: { pointer: string; detail: string }[];
}

describe('the rule', () => {
  const p = { nominalKbs: 200_000_000, nominalLain: 100_000_000, kbsMinUrutan: null };
  it('gives the KBS amount from the counted level up (by default from any level reached)', () => {
    assert.deepEqual(computeNominal(p, { urutan: 3 }), { kbs: true, nominal: 200_000_000 });
    assert.deepEqual(computeNominal(p, { urutan: 1 }), { kbs: true, nominal: 200_000_000 });
    assert.deepEqual(computeNominal(p, { urutan: null }), { kbs: false, nominal: 100_000_000 });
    assert.deepEqual(computeNominal(p, null), { kbs: false, nominal: 100_000_000 });
    assert.equal(computeNominal({ ...p, kbsMinUrutan: 2 }, { urutan: 2 }).kbs, true);
    assert.equal(computeNominal({ ...p, kbsMinUrutan: 2 }, { urutan: 3 }).kbs, true);
    assert.equal(computeNominal({ ...p, kbsMinUrutan: 2 }, { urutan: 1 }).kbs, false);
  });
  it('reads rupiah as people write them', () => {
    assert.equal(parseRupiah('Rp 1.500.000'), 1_500_000);
    assert.equal(parseRupiah('200000000'), 200_000_000);
    assert.equal(parseRupiah('1.500.000,00'), 1_500_000);
    assert.equal(parseRupiah(''), undefined);
    assert.ok(Number.isNaN(parseRupiah('1,5 juta')));
    assert.ok(Number.isNaN(parseRupiah('-5')));
  });
});

const env = useBalaiWithOwnerDb();

describe('kinds declared once', () => {
  it('are the values the CHECK constraint of the table allows', async () => {
    const sql = await checkValues(env.db, 'sampah_prakarsa_belanja', 'kategori');
    assert.deepEqual(sql.sort(), [...KATEGORI_BELANJA].sort());
  });
});
const API = '/api/v1/cities/bandung/sampah/prakarsa';
const KEL = '32.73.01.1001';
const JUTA = 1_000_000;
const today = todayWib();
// Years of their own, apart from the demo's (last year and this year).
const Y1 = 2091;
const Y2 = 2092;
const Y3 = 2093;

const as = clientAs(env);

const count = async (table: string) =>
  (await env.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

describe('demo data', () => {
  it('both cities have settings for two years and allocations for the RWs with a KBS status history', async () => {
    for (const tenant of ['32.73', '36.73']) {
      const n = async (q: string) => (await env.db.query<{ n: number }>(q, [tenant])).rows[0]!.n;
      assert.equal(await n(`select count(*)::int as n from sampah_prakarsa_tahun where tenant_id = $1`), 2);
      const kbsRws = await n(
        `select count(distinct rw_id)::int as n from sampah_kbs_riwayat where tenant_id = $1`,
      );
      const allocated = await n(
        `select count(distinct rw_id)::int as n from sampah_prakarsa_alokasi where tenant_id = $1`,
      );
      assert.ok(allocated >= kbsRws && allocated <= kbsRws + 1, `${allocated} for ${kbsRws}`);
      assert.ok(
        (await n(`select count(*)::int as n from sampah_prakarsa_pencairan where tenant_id = $1`)) > 0,
      );
      assert.ok((await n(`select count(*)::int as n from sampah_prakarsa_belanja where tenant_id = $1`)) > 0);
    }
    const bandung = await env.db.query<{ nominal_kbs: number }>(
      `select nominal_kbs::int from sampah_prakarsa_tahun where tenant_id = '32.73'`,
    );
    assert.deepEqual(
      bandung.rows.map((r) => r.nominal_kbs),
      [200 * JUTA, 200 * JUTA],
    );
    // Every allocation keeps 0 <= spent <= disbursed <= allocated.
    const bad = await env.db.query(
      `select a.id from sampah_prakarsa_alokasi a
         left join (select alokasi_id, sum(jumlah) c from sampah_prakarsa_pencairan group by 1) p on p.alokasi_id = a.id
         left join (select alokasi_id, sum(jumlah) b from sampah_prakarsa_belanja group by 1) b on b.alokasi_id = a.id
        where coalesce(p.c, 0) > a.jumlah or coalesce(b.b, 0) > coalesce(p.c, 0) or coalesce(b.b, 0) < 0`,
    );
    assert.equal(bad.rows.length, 0);
    // The demo pengurus RW sees its own RW with this year's first stage disbursed.
    const rw = await as('pengurus_rw');
    const list = await rw.get(`${API}/rw`);
    assert.equal(list.status, 200, list.body);
    const own = list.json<{ items: { id: string; alokasi: { dicairkan: number } | null }[] }>().items;
    assert.equal(own.length, 1);
    assert.ok((own[0]!.alokasi?.dicairkan ?? 0) > 0);
  });
});

describe('through the API', () => {
  let admin: Client;
  let kel: Client;
  let pengurus: Client;
  let mandiri = '';
  let rintisan = '';
  let tanpa = '';
  let serangRw = '';

  const newRw = async (nomor: number) =>
    (
      await env.db.query<{ id: string }>(
        `insert into rw (tenant_id, kelurahan_kode, nomor, jumlah_kk) values ('32.73', $1, $2, 80) returning id`,
        [KEL, nomor],
      )
    ).rows[0]!.id;
  const withStatus = async (rwId: string, urutan: number) =>
    env.db.query(
      `insert into sampah_kbs_riwayat (tenant_id, rw_id, tingkat_id, skor)
       select '32.73', $1, id, 90 from sampah_kbs_tingkat where tenant_id = '32.73' and urutan = $2`,
      [rwId, urutan],
    );
  const alokasi = (rwId: string, tahun: number, extra: Record<string, unknown> = {}) =>
    admin.post(`${API}/alokasi`, { rwId, tahun, ...extra });

  before(async () => {
    admin = await as('admin_kota');
    kel = await as('petugas_kelurahan');
    pengurus = await as('pengurus_rw');
    mandiri = await newRw(951);
    rintisan = await newRw(952);
    tanpa = await newRw(953);
    // Rintisan first, then KBS Mandiri: the latest row is the status.
    await withStatus(mandiri, 1);
    await withStatus(mandiri, 3);
    await withStatus(rintisan, 1);
    serangRw = (await env.db.query<{ id: string }>(`select id from rw where tenant_id = '36.73' limit 1`))
      .rows[0]!.id;
    for (const [tahun, kbsMinUrutan] of [
      [Y1, 3],
      [Y2, null],
      [Y3, 3],
    ] as const) {
      const r = await admin.request('PUT', `${API}/tahun/${tahun}`, {
        json: { nominalKbs: 200 * JUTA, nominalLain: 100 * JUTA, kbsMinUrutan },
      });
      assert.equal(r.status, 200, r.body);
    }
  });

  it('refuses bad settings, and settings from a role without the right', async () => {
    const r = await admin.request('PUT', `${API}/tahun/${Y1}`, {
      json: { nominalKbs: 200 * JUTA, nominalLain: 100 * JUTA, kbsMinUrutan: 19 },
    });
    assert.equal(r.status, 400, r.body);
    assert.deepEqual(
      r.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/kbsMinUrutan'],
    );
    const zero = await admin.request('PUT', `${API}/tahun/${Y1}`, {
      json: { nominalKbs: 0, nominalLain: 0 },
    });
    assert.equal(zero.status, 400);
    const other = await kel.request('PUT', `${API}/tahun/${Y1}`, { json: { nominalKbs: 1, nominalLain: 1 } });
    assert.equal(other.status, 403);
  });

  it("follows the RW's KBS status: the KBS amount from the counted level up", async () => {
    const a = await alokasi(mandiri, Y1);
    assert.equal(a.status, 201, a.body);
    const va = a.json<AlokasiView>();
    assert.equal(va.jumlah, 200 * JUTA);
    assert.equal(va.kbs, true);
    assert.equal(va.tingkat?.nama, 'KBS Mandiri');
    const b = (await alokasi(rintisan, Y1)).json<AlokasiView>();
    assert.deepEqual([b.jumlah, b.kbs, b.tingkat?.nama], [100 * JUTA, false, 'Rintisan']);
    const c = (await alokasi(tanpa, Y1)).json<AlokasiView>();
    assert.deepEqual([c.jumlah, c.kbs, c.tingkat], [100 * JUTA, false, null]);
    // In Y2 (no level set) every level reached counts, Rintisan too.
    const d = (await alokasi(rintisan, Y2)).json<AlokasiView>();
    assert.deepEqual([d.jumlah, d.kbs], [200 * JUTA, true]);
    // One allocation per RW and year.
    assert.equal((await alokasi(mandiri, Y1)).status, 409);
    // A different amount needs a reason.
    const noReason = await alokasi(tanpa, Y2, { jumlah: 150 * JUTA });
    assert.equal(noReason.status, 400);
    assert.deepEqual(
      noReason.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/alasan'],
    );
    const reasoned = await alokasi(tanpa, Y2, { jumlah: 150 * JUTA, alasan: 'Tambahan untuk TPS3R bersama' });
    assert.equal(reasoned.status, 201, reasoned.body);
    assert.equal(reasoned.json<AlokasiView>().nominalAturan, 100 * JUTA);
    // A year without settings, zero and negative amounts.
    assert.equal((await alokasi(mandiri, 2099)).status, 400);
    assert.equal((await alokasi(mandiri, Y3, { jumlah: 0, alasan: 'nol rupiah' })).status, 400);
    assert.equal((await alokasi(mandiri, Y3, { jumlah: -5, alasan: 'negatif' })).status, 400);
    assert.equal((await kel.post(`${API}/alokasi`, { rwId: rintisan, tahun: Y3 })).status, 403);
  });

  it('refuses a disbursement above the remaining allocation and spending above what was disbursed, writing nothing', async () => {
    const id = (await admin.get(`${API}/rw/${mandiri}`))
      .json<RwPrakarsaView>()
      .alokasi.find((a) => a.tahun === Y1)!.id;
    const first = await admin.post(`${API}/alokasi/${id}/pencairan`, { tanggal: today, jumlah: 120 * JUTA });
    assert.equal(first.status, 201, first.body);
    assert.equal(first.json<AlokasiView>().pencairan[0]!.tahap, 1);
    const [cairBefore, belanjaBefore] = [
      await count('sampah_prakarsa_pencairan'),
      await count('sampah_prakarsa_belanja'),
    ];
    const over = await admin.post(`${API}/alokasi/${id}/pencairan`, {
      tanggal: today,
      jumlah: 80 * JUTA + 1,
    });
    assert.equal(over.status, 400, over.body);
    assert.deepEqual(
      over.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/jumlah'],
    );
    for (const jumlah of [0, -1, 1.5]) {
      const r = await admin.post(`${API}/alokasi/${id}/pencairan`, { tanggal: today, jumlah });
      assert.equal(r.status, 400, `${jumlah}: ${r.body}`);
    }
    const future = await admin.post(`${API}/alokasi/${id}/pencairan`, { tanggal: '2099-01-01', jumlah: 1 });
    assert.equal(future.status, 400);
    const badDate = await admin.post(`${API}/alokasi/${id}/pencairan`, { tanggal: '2025-02-30', jumlah: 1 });
    assert.equal(badDate.status, 400);
    const spendOver = await kel.post(`${API}/alokasi/${id}/belanja`, {
      tanggal: today,
      kategori: 'komposter',
      uraian: 'Komposter 120 liter',
      jumlah: 120 * JUTA + 1,
    });
    assert.equal(spendOver.status, 400, spendOver.body);
    assert.deepEqual(
      spendOver.json<Problem>().errors?.map((e) => e.pointer),
      ['/body/jumlah'],
    );
    for (const jumlah of [0, -100]) {
      const r = await kel.post(`${API}/alokasi/${id}/belanja`, {
        tanggal: today,
        kategori: 'komposter',
        uraian: 'Komposter',
        jumlah,
      });
      assert.equal(r.status, 400);
    }
    const wrongKind = await kel.post(`${API}/alokasi/${id}/belanja`, {
      tanggal: today,
      kategori: 'emas',
      uraian: 'Perhiasan',
      jumlah: 1,
    });
    assert.equal(wrongKind.status, 400);
    assert.equal(await count('sampah_prakarsa_pencairan'), cairBefore);
    assert.equal(await count('sampah_prakarsa_belanja'), belanjaBefore);

    // Within the limits it is accepted; the admin kota does not report spending (403).
    const spend = await kel.post(`${API}/alokasi/${id}/belanja`, {
      tanggal: today,
      kategori: 'komposter',
      uraian: '20 komposter 120 liter',
      jumlah: 15 * JUTA,
      kuantitas: 20,
      satuan: 'unit',
    });
    assert.equal(spend.status, 201, spend.body);
    const v = spend.json<AlokasiView>();
    assert.deepEqual(
      [v.dicairkan, v.dibelanjakan, v.sisaAlokasi, v.sisaDana],
      [120 * JUTA, 15 * JUTA, 80 * JUTA, 105 * JUTA],
    );
    assert.equal(
      (
        await admin.post(`${API}/alokasi/${id}/belanja`, {
          tanggal: today,
          kategori: 'lainnya',
          uraian: 'Papan',
          jumlah: 1,
        })
      ).status,
      403,
    );
  });

  it('reverses entries with a reason, never leaving spending above what was disbursed', async () => {
    const a = (await admin.get(`${API}/rw/${mandiri}`))
      .json<RwPrakarsaView>()
      .alokasi.find((x) => x.tahun === Y1)!;
    const cair = a.pencairan[0]!;
    const belanja = a.belanja[0]!;
    assert.equal((await admin.post(`${API}/pencairan/${cair.id}/pembatalan`, { alasan: 'x' })).status, 400);
    // 120 disbursed, 15 spent: reversing the 120 would leave spending above disbursed.
    const blocked = await admin.post(`${API}/pencairan/${cair.id}/pembatalan`, { alasan: 'Salah rekening' });
    assert.equal(blocked.status, 409, blocked.body);
    const rb = await kel.post(`${API}/belanja/${belanja.id}/pembatalan`, { alasan: 'Salah kategori' });
    assert.equal(rb.status, 201, rb.body);
    assert.equal(rb.json<AlokasiView>().dibelanjakan, 0);
    assert.equal(
      (await kel.post(`${API}/belanja/${belanja.id}/pembatalan`, { alasan: 'Sekali lagi' })).status,
      409,
    );
    const rc = await admin.post(`${API}/pencairan/${cair.id}/pembatalan`, { alasan: 'Salah rekening' });
    assert.equal(rc.status, 201, rc.body);
    const v = rc.json<AlokasiView>();
    assert.equal(v.dicairkan, 0);
    assert.equal(v.pencairan.find((p) => p.id === cair.id)?.dibatalkan, true);
    assert.equal(v.pencairan.find((p) => p.membatalkanId === cair.id)?.jumlah, -120 * JUTA);
    // Stage 1 is free again.
    const again = await admin.post(`${API}/alokasi/${v.id}/pencairan`, {
      tanggal: today,
      jumlah: 100 * JUTA,
    });
    assert.equal(again.status, 201, again.body);
    assert.equal(again.json<AlokasiView>().pencairan.at(-1)?.tahap, 1);
  });

  it('two disbursements racing for the last remaining amount: only one succeeds', async () => {
    const a = (await alokasi(rintisan, Y3)).json<AlokasiView>();
    const first = await admin.post(`${API}/alokasi/${a.id}/pencairan`, { tanggal: today, jumlah: 60 * JUTA });
    assert.equal(first.status, 201);
    const other = await as('admin_kota');
    const results = await Promise.all(
      [admin, other].map((c) =>
        c.post(`${API}/alokasi/${a.id}/pencairan`, { tanggal: today, jumlah: 40 * JUTA }),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 400], results.map((r) => r.body).join('\n'));
    const v = (await admin.get(`${API}/alokasi/${a.id}`)).json<AlokasiView>();
    assert.equal(v.dicairkan, 100 * JUTA);
    assert.equal(v.pencairan.length, 2);
  });

  it('the database refuses sums beyond the allocation and changes to entries, whoever writes', async () => {
    const a = (await admin.get(`${API}/rw/${rintisan}`))
      .json<RwPrakarsaView>()
      .alokasi.find((x) => x.tahun === Y3)!;
    await env.db.query('begin');
    try {
      await env.db.query(`select set_config('app.tenant_id', '32.73', true)`);
      await env.db.query('set local role balai_app');
      await assert.rejects(
        env.db.query(
          `insert into sampah_prakarsa_pencairan (tenant_id, alokasi_id, tahap, tanggal, jumlah) values ('32.73', $1, 9, current_date, 1)`,
          [a.id],
        ),
        /disbursed/,
      );
    } finally {
      await env.db.query('rollback');
    }
    await env.db.query('begin');
    try {
      await env.db.query(`select set_config('app.tenant_id', '32.73', true)`);
      await env.db.query('set local role balai_app');
      await assert.rejects(
        env.db.query(`update sampah_prakarsa_pencairan set jumlah = 1 where alokasi_id = $1`, [a.id]),
      );
    } finally {
      await env.db.query('rollback');
    }
  });

  it('allocates to every RW of the city in one operation, skipping the RWs allocated already', async () => {
    const rws = (
      await env.db.query<{ n: number }>(`select count(*)::int as n from rw where tenant_id = '32.73'`)
    ).rows[0]!.n;
    const r = await admin.post(`${API}/alokasi-semua`, { tahun: Y3 });
    assert.equal(r.status, 200, r.body);
    const h = r.json<AlokasiSemuaHasil>();
    assert.equal(h.sudahAda, 1); // the rintisan RW's of the race test
    assert.equal(h.dibuat, rws - 1);
    const again = (await admin.post(`${API}/alokasi-semua`, { tahun: Y3 })).json<AlokasiSemuaHasil>();
    assert.deepEqual([again.dibuat, again.sudahAda], [0, rws]);
    const rekap = (await admin.get(`${API}/rekap?tahun=${Y3}`)).json<RekapTahun>();
    assert.equal(rekap.total.rwTeralokasi, rws);
    assert.equal(rekap.total.dialokasikan, h.jumlah + 100 * JUTA);
    assert.equal(rekap.total.dicairkan, 100 * JUTA);
    assert.equal(
      rekap.kecamatan.reduce((s, k) => s + k.jumlahRw, 0),
      rws,
    );
    const m = (await admin.get(`${API}/rw/${mandiri}`))
      .json<RwPrakarsaView>()
      .alokasi.find((x) => x.tahun === Y3)!;
    assert.deepEqual([m.jumlah, m.kbs], [200 * JUTA, true]);
    assert.equal((await kel.post(`${API}/alokasi-semua`, { tahun: Y3 })).status, 403);
  });

  it('answers 404 for an RW or allocation of another city, and for another RW to its pengurus', async () => {
    assert.equal((await alokasi(serangRw, Y1)).status, 404);
    assert.equal((await admin.get(`${API}/rw/${serangRw}`)).status, 404);
    const serangAlokasi = (
      await env.db.query<{ id: string }>(
        `select id from sampah_prakarsa_alokasi where tenant_id = '36.73' limit 1`,
      )
    ).rows[0]!.id;
    assert.equal((await admin.get(`${API}/alokasi/${serangAlokasi}`)).status, 404);
    assert.equal(
      (await admin.post(`${API}/alokasi/${serangAlokasi}/pencairan`, { tanggal: today, jumlah: 1 })).status,
      404,
    );
    assert.equal((await admin.get(`${API}/alokasi/${randomUUID()}`)).status, 404);
    const serang = await as('admin_kota', 'serang');
    assert.equal((await serang.get(`/api/v1/cities/serang/sampah/prakarsa/rw/${mandiri}`)).status, 404);

    // The demo pengurus RW (RW 001 of the kelurahan) and RW 951 of the same kelurahan.
    assert.equal((await pengurus.get(`${API}/rw/${mandiri}`)).status, 404);
    const other = (await admin.get(`${API}/rw/${mandiri}`)).json<RwPrakarsaView>().alokasi[0]!;
    const spend = await pengurus.post(`${API}/alokasi/${other.id}/belanja`, {
      tanggal: today,
      kategori: 'komposter',
      uraian: 'Komposter',
      jumlah: 1,
    });
    assert.equal(spend.status, 404, spend.body);
    assert.equal((await pengurus.get(`${API}/alokasi/${other.id}`)).status, 404);
    assert.equal((await pengurus.get(`/bandung/sampah/prakarsa/rw/${mandiri}`)).status, 404);
    // The kelurahan officer sees the kelurahan's RWs.
    assert.equal((await kel.get(`${API}/rw/${mandiri}`)).status, 200);
  });
});

describe('pages', () => {
  it('overview, RW page with forms, errors next to the field, reversal, pengurus RW and the KBS page link', async () => {
    const admin = await as('admin_kota');
    const kel = await as('petugas_kelurahan');
    const rwId = (
      await env.db.query<{ id: string }>(`select id from rw where kelurahan_kode = $1 and nomor = 951`, [KEL])
    ).rows[0]!.id;
    const overview = await admin.get(`/bandung/sampah/prakarsa?tahun=${Y3}`);
    assert.equal(overview.status, 200, overview.body);
    assert.match(overview.body, /<h1>Prakarsa RW<\/h1>/);
    assert.match(overview.body, /Rp\s200\.000\.000/);
    assert.match(overview.body, /alokasi-semua/);
    const badSettings = await admin.request('POST', '/bandung/sampah/prakarsa/pengaturan', {
      form: { tahun: String(Y3), nominalKbs: 'dua ratus juta', nominalLain: '100.000.000', kbsMinUrutan: '' },
    });
    assert.equal(badSettings.status, 400, badSettings.body);
    assert.match(badSettings.body, /id="f-nominalKbs"[^>]*aria-invalid="true"/);
    const settings = await admin.request('POST', '/bandung/sampah/prakarsa/pengaturan', {
      form: { tahun: '2094', nominalKbs: 'Rp 150.000.000', nominalLain: '75.000.000', kbsMinUrutan: '2' },
    });
    assert.equal(settings.status, 303, settings.body);
    const y4 = (await admin.get(`${API}/tahun`)).json<{ tahun: number; nominalKbs: number }[]>();
    assert.equal(y4.find((p) => p.tahun === 2094)?.nominalKbs, 150 * JUTA);
    const all = await admin.request('POST', '/bandung/sampah/prakarsa/alokasi-semua', {
      form: { tahun: '2094' },
    });
    assert.equal(all.status, 303, all.body);
    assert.match(String(all.headers.location), /ok=semua&dibuat=[1-9]/);
    const noYear = await admin.request('POST', '/bandung/sampah/prakarsa/alokasi-semua', {
      form: { tahun: '2099' },
    });
    assert.equal(noYear.status, 400, noYear.body);
    const thisYear = await kel.get('/bandung/sampah/prakarsa');
    assert.equal(thisYear.status, 200, thisYear.body);
    assert.doesNotMatch(thisYear.body, /alokasi-semua/);

    const page = await admin.get(`/bandung/sampah/prakarsa/rw/${rwId}?tahun=${Y3}`);
    assert.equal(page.status, 200, page.body);
    assert.match(page.body, /name="jumlahCair"/);
    assert.doesNotMatch(page.body, /name="jumlahBelanja"/);
    const a = (await admin.get(`${API}/rw/${rwId}`))
      .json<RwPrakarsaView>()
      .alokasi.find((x) => x.tahun === Y3)!;
    const base = `/bandung/sampah/prakarsa/rw/${rwId}`;
    const tooMuch = await admin.request('POST', `${base}/alokasi/${a.id}/pencairan`, {
      form: { tanggalCair: today, jumlahCair: 'Rp 200.000.001' },
    });
    assert.equal(tooMuch.status, 400, tooMuch.body);
    assert.match(tooMuch.body, /aria-invalid="true"/);
    assert.match(tooMuch.body, /value="Rp 200.000.001"/);
    const ok = await admin.request('POST', `${base}/alokasi/${a.id}/pencairan`, {
      form: { tanggalCair: today, jumlahCair: '50.000.000', catatan: 'Tahap pertama' },
    });
    assert.equal(ok.status, 303, ok.body);
    const kelPage = await kel.get(String(ok.headers.location));
    assert.equal(kelPage.status, 200);
    assert.match(kelPage.body, /name="jumlahBelanja"/);
    assert.match(kelPage.body, /Rp\s50\.000\.000/);
    const spend = await kel.request('POST', `${base}/alokasi/${a.id}/belanja`, {
      form: {
        tanggalBelanja: today,
        kategori: 'wadah_pilah',
        uraian: 'Tempat sampah terpilah',
        jumlahBelanja: '4.500.000',
        kuantitas: '10',
        satuan: 'unit',
      },
    });
    assert.equal(spend.status, 303, spend.body);
    const v = (await admin.get(`${API}/alokasi/${a.id}`)).json<AlokasiView>();
    const batal = await kel.get(`${base}/belanja/${v.belanja[0]!.id}/batal`);
    assert.equal(batal.status, 200, batal.body);
    assert.match(batal.body, /name="alasan"/);
    const noReason = await kel.request('POST', `${base}/belanja/${v.belanja[0]!.id}/batal`, {
      form: { alasan: '' },
    });
    assert.equal(noReason.status, 400, noReason.body);
    const reversed = await kel.request('POST', `${base}/belanja/${v.belanja[0]!.id}/batal`, {
      form: { alasan: 'Dilaporkan dua kali' },
    });
    assert.equal(reversed.status, 303, reversed.body);

    const pengurus = await as('pengurus_rw');
    const own = (await pengurus.get(`${API}/rw`)).json<{ items: { id: string }[] }>().items[0]!;
    const ownPage = await pengurus.get(`/bandung/sampah/prakarsa/rw/${own.id}`);
    assert.equal(ownPage.status, 200, ownPage.body);
    assert.doesNotMatch(ownPage.body, /name="jumlahCair"/);
    const kbs = await admin.get(`/bandung/sampah/kbs/rw/${rwId}`);
    assert.match(kbs.body, new RegExp(`/bandung/sampah/prakarsa/rw/${rwId}`));
    assert.equal((await pengurus.get(`/bandung/sampah/prakarsa/rw/${rwId}`)).status, 404);
  });
});
