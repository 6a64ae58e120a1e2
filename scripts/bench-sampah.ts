/**
 * Benchmark of the waste dashboards on a dataset the size of Kota Bandung: 1,600 RWs over its 151
 * kelurahan, five years of daily trips (about 140 a day to the TPA plus Pacman trips from the
 * collection points to the TPST/TPS3R), manual tonnage entries, KBS assessments and status
 * history, and 400 RW bank sampah with five years of deposits through the ledger tables. Starts
 * its own throw-away PostgreSQL (the embedded one, or a new database on the server in
 * DATABASE_URL, dropped at the end), generates the data in bulk, starts Balai over HTTP, signs in
 * as an admin kota and times each dashboard endpoint. Prints figures; asserts nothing.
 *
 *   npm run bench:sampah [-- --runs 30] [-- --data-dir <folder>]
 *
 * --runs       timed requests per endpoint, after 3 warm-up requests (default 30)
 * --budget     seconds of timed requests per endpoint (default 60): a slower endpoint gets fewer
 *              requests, at least 5
 * --data-dir   keep the embedded PostgreSQL in this folder and reuse its data on the next run
 *              (generation is skipped when the city is already there; new migrations still run)
 * BENCH_DEBUG=1 also prints the time of each generation statement.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { APP_ROLE, asOwner } from '../src/platform/db/transaction.ts';
import { loadConfig } from '../src/platform/config.ts';
import { initialiseSchema, startBalai, type Balai } from '../src/platform/boot.ts';
import { createCity } from '../src/platform/tenancy/service.ts';
import { addRole, createUser } from '../src/platform/auth/service.ts';
import { modules } from '../src/modules/index.ts';
import { signIn } from './lib/sign-in.ts';
import { createIndikator, saveTingkat } from '../src/modules/sampah/kbs/indikator-service.ts';
import { DEMO_INDIKATOR, DEMO_TINGKAT } from '../src/modules/sampah/kbs/kbs-demo.ts';
import { findBank } from '../src/modules/bank-sampah/access.ts';
import { batalkan, catatSetoran } from '../src/modules/bank-sampah/ledger.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string' }, budget: { type: 'string' }, 'data-dir': { type: 'string' } },
  strict: true,
});
const RUNS = Math.max(1, Number(args.runs ?? 30));
const WARMUP = 3;
/** Seconds of timed requests per endpoint: a slow one stops earlier (at least 5 requests). */
const BUDGET_MS = Math.max(1, Number(args.budget ?? 60)) * 1000;
const CITY = '32.73';
const SLUG = 'bandung';
const ADMIN_EMAIL = 'admin.bench@bandung.go.id';
const ADMIN_PASSWORD = 'bench-sampah-rahasia-2026';
const RW_TOTAL = 1600;
const TPA_KUOTA = 140;

/** Items members bring: relative frequency, usual quantity range, base price (bersih) in rupiah. */
const BARANG: readonly { kode: string; w: number; min: number; max: number; harga: number }[] = [
  { kode: 'pet-bening', w: 10, min: 0.3, max: 3, harga: 4000 },
  { kode: 'pet-warna', w: 4, min: 0.2, max: 1.5, harga: 2000 },
  { kode: 'gelas-pp', w: 8, min: 0.2, max: 1.5, harga: 4500 },
  { kode: 'hdpe', w: 3, min: 0.2, max: 1.5, harga: 3500 },
  { kode: 'kantong-plastik', w: 3, min: 0.2, max: 1, harga: 500 },
  { kode: 'plastik-campur', w: 5, min: 0.5, max: 3, harga: 1500 },
  { kode: 'kardus', w: 10, min: 0.5, max: 6, harga: 1800 },
  { kode: 'kertas-hvs', w: 5, min: 0.3, max: 3, harga: 2500 },
  { kode: 'koran', w: 4, min: 0.5, max: 4, harga: 2200 },
  { kode: 'kertas-campur', w: 5, min: 0.5, max: 4, harga: 1000 },
  { kode: 'duplex', w: 3, min: 0.2, max: 2, harga: 500 },
  { kode: 'besi', w: 2, min: 0.5, max: 5, harga: 3500 },
  { kode: 'aluminium', w: 2, min: 0.1, max: 0.8, harga: 11000 },
  { kode: 'kaleng', w: 2, min: 0.2, max: 1.5, harga: 1500 },
  { kode: 'botol-kaca', w: 2, min: 2, max: 12, harga: 200 },
  { kode: 'minyak-jelantah', w: 2, min: 0.5, max: 3, harga: 5000 },
];

/** Tables written in bulk: their audit trigger is off while generating (one audit row per row otherwise). */
const BULK_TABLES = [
  'rw',
  'sampah_rw_profil',
  'sampah_fasilitas',
  'sampah_kendaraan',
  'sampah_ritase',
  'sampah_ritase_asal',
  'sampah_kbs_penilaian',
  'sampah_kbs_nilai',
  'sampah_kbs_langkah',
  'sampah_kbs_riwayat',
  'sampah_tonase_tahun',
  'sampah_tonase_catatan',
  'bank_sampah',
  'bank_sampah_nasabah',
  'bank_sampah_harga',
  'bank_sampah_akun',
  'bank_sampah_jurnal',
  'bank_sampah_jurnal_baris',
  'bank_sampah_stok_baris',
];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Today's WIB date and the first day of the five years that end today. */
function hariIniWib(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
const today = hariIniWib();
const tahunIni = Number(today.slice(0, 4));
const awal = new Date(Date.parse(`${tahunIni - 5}${today.slice(4)}T00:00:00Z`) + 86_400_000)
  .toISOString()
  .slice(0, 10);

// ---- Generation ----

async function step(c: pg.Client, label: string, statements: string | string[]): Promise<void> {
  const t0 = performance.now();
  for (const s of Array.isArray(statements) ? statements : [statements]) {
    const t1 = performance.now();
    await c.query(s);
    // Temporary tables get no statistics from autovacuum: without them the planner guesses badly.
    // Nor do tables filled within a transaction; stale statistics (an empty table) make the
    // foreign-key and balance checks pick an index on tenant_id alone and scan the whole city.
    const filled = /^\s*(?:create temp table|insert into) (\w+)/.exec(s)?.[1];
    if (filled) await c.query(`analyze ${filled}`);
    if (process.env.BENCH_DEBUG)
      console.log(`    ${secs(performance.now() - t1)}  ${s.trim().slice(0, 70).replace(/\s+/g, ' ')}`);
  }
  console.log(`  ${label.padEnd(58)} ${secs(performance.now() - t0)}`);
}

async function setupCity(dbUrl: string): Promise<void> {
  const handle = openDatabase(dbUrl, 2);
  try {
    await initialiseSchema(handle, modules);
    await createCity(handle.db, {
      id: CITY,
      slug: SLUG,
      name: 'Kota Bandung',
      modules: modules.filter((m) => m.optional).map((m) => m.name),
      demo: false,
    });
    await asOwner(handle.db, CITY, async (trx) => {
      const id = await createUser(trx, CITY, {
        email: ADMIN_EMAIL,
        name: 'Admin Benchmark',
        password: ADMIN_PASSWORD,
      });
      await addRole(trx, CITY, id, { role: 'admin_kota', areaKode: CITY, module: null });
      // The KBS configuration goes through the service rules, as the app role.
      await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
      for (const i of DEMO_INDIKATOR) await createIndikator(trx, null, i);
      for (const l of DEMO_TINGKAT) await saveTingkat(trx, null, l);
    });
  } finally {
    await handle.close();
  }
}

async function generate(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`select set_config('app.tenant_id', '${CITY}', false),
                          set_config('app.user_role', 'sistem', false), setseed(0.2026)`);
    await c.query(`set work_mem = '256MB'`);
    for (const t of BULK_TABLES) await c.query(`alter table ${t} disable trigger audit`);
    // The daily summaries are rebuilt once at the end instead of row by row.
    await c.query('alter table sampah_ritase disable trigger ritase_harian');
    await c.query('alter table bank_sampah_stok_baris disable trigger pemulihan_harian');
    const pagi = `(select id from sampah_shift where nama = 'Pagi')`;
    const malam = `(select id from sampah_shift where nama = 'Malam')`;

    // -- Regions: 1,600 RWs, 10 or 11 per kelurahan, each with a KBS profile.
    await step(c, 'RWs and RW profiles', [
      `insert into rw (tenant_id, kelurahan_kode, nomor, ketua_nama, jumlah_kk)
       select '${CITY}', kel.kode, g.nomor, 'Ketua RW ' || lpad(g.nomor::text, 2, '0') || ' ' || kel.nama,
              150 + floor(random() * 450)::int
         from (select kode, nama, row_number() over (order by kode) - 1 as i, count(*) over () as n
                 from wilayah where tingkat = 'kelurahan' and kode like '${CITY}.%') kel
        cross join lateral generate_series(1, ${RW_TOTAL} / kel.n::int
                   + case when kel.i < ${RW_TOTAL} % kel.n then 1 else 0 end) g(nomor)`,
      `insert into sampah_rw_profil (tenant_id, rw_id, jumlah_kk, penduduk, kontak_nama, pemilahan,
                                     pengomposan, maggot, jadwal_angkut)
       select tenant_id, id, jumlah_kk, round(jumlah_kk * (3.2 + random()))::int, ketua_nama,
              random() < 0.45, random() < 0.3, random() < 0.15,
              (array['Senin dan Kamis', 'Selasa dan Jumat', 'Rabu dan Sabtu', 'Setiap hari pukul 06.00'])[1 + floor(random() * 4)::int]
         from rw`,
      // Which RWs are KBS (about 30 %, with their final level) and which have a bank sampah (400).
      `create temp table b_rw as
       select row_number() over (order by kelurahan_kode, nomor) as i, id, kelurahan_kode, nomor, jumlah_kk,
              kbs, case when r < 0.55 then 1 when r < 0.85 then 2 else 3 end as level, r2
         from (select rw.*, random() < 0.30 as kbs, random() as r, random() as r2 from rw) x`,
      `alter table b_rw add column bank boolean`,
      `update b_rw set bank = false`,
      `update b_rw set bank = true where id in (
         (select id from b_rw where kbs order by r2 limit 280)
         union all (select id from b_rw where not kbs order by r2 limit 120))`,
    ]);

    // -- Facilities, fleet, shifts.
    await step(c, 'facilities, vehicles, shifts', [
      `insert into sampah_shift (tenant_id, nama, mulai) values ('${CITY}', 'Pagi', '06:00'), ('${CITY}', 'Malam', '19:00')`,
      `create temp table b_kel as
       select row_number() over (order by kode) - 1 as i, kode, nama, induk, lat, lng
         from wilayah where tingkat = 'kelurahan' and kode like '${CITY}.%'`,
      `insert into sampah_fasilitas (tenant_id, jenis, subjenis, nama, kecamatan_kode, kelurahan_kode, lat, lng,
                                     kapasitas_ton_hari, status, operator)
       select '${CITY}', f.jenis, f.subjenis, f.prefix || ' ' || k.nama || ' ' || f.n, k.induk, k.kode,
              case when k.lat is null or k.lng is null then null else round((k.lat + (random() - 0.5) * 0.004)::numeric, 6) end,
              case when k.lat is null or k.lng is null then null else round((k.lng + (random() - 0.5) * 0.004)::numeric, 6) end,
              f.kapasitas, case when f.n % 23 = 0 then 'rusak' else 'aktif' end, f.operator
         from (select 'titik_kumpul' as jenis, null as subjenis, 'Titik kumpul' as prefix, n, 3 as kapasitas,
                      'Pengurus RW' as operator, (n * 151 / 96) % 151 as ki from generate_series(1, 96) n
               union all
               select 'tps', null, 'TPS', n, 10 + n % 10, 'DLH', (n * 151 / 40 + 7) % 151 from generate_series(1, 40) n
               union all
               select case when n <= 2 then 'tpst' else 'tps3r' end, null, case when n <= 2 then 'TPST' else 'TPS3R' end,
                      n, case when n <= 2 then 50 else 10 end, case when n <= 2 then 'DLH' else 'KSM setempat' end,
                      (n * 29 + 3) % 151 from generate_series(1, 5) n
               union all
               select 'mesin', (array['maggot', 'kompos', 'incinerator', 'pirolisis', 'rdf'])[1 + n % 5],
                      (array['Budidaya maggot', 'Komposter', 'Insinerator', 'Pirolisis', 'Fasilitas RDF'])[1 + n % 5],
                      n, 1 + n % 5, 'KSM setempat', (n * 5 + 11) % 151 from generate_series(1, 30) n) f
         join b_kel k on k.i = f.ki`,
      `insert into sampah_fasilitas (tenant_id, jenis, nama, kapasitas_ton_hari, operator, kuota_rit_harian)
       values ('${CITY}', 'tpa', 'TPA Sarimukti', 1500, 'Pemerintah Provinsi Jawa Barat', ${TPA_KUOTA})`,
      `insert into sampah_kendaraan (tenant_id, jenis, plat_nomor, kapasitas_m3, kapasitas_ton, status)
       select '${CITY}', 'pacman', 'D ' || (8100 + n) || ' DL', 6, 3, 'aktif' from generate_series(1, 12) n
       union all
       select '${CITY}', (array['dump_truck', 'arm_roll', 'compactor'])[1 + n % 3], 'D ' || (9000 + n) || ' KB',
              (array[8, 10, 14])[1 + n % 3], (array[6, 8, 10])[1 + n % 3],
              case when n % 20 = 0 then 'rusak' else 'aktif' end
         from generate_series(1, 60) n`,
      `create temp table b_v_tpa as select row_number() over (order by plat_nomor) as i, id, kapasitas_ton
         from sampah_kendaraan where jenis <> 'pacman' and status = 'aktif'`,
      `create temp table b_v_pac as select row_number() over (order by plat_nomor) as i, id, kapasitas_ton
         from sampah_kendaraan where jenis = 'pacman'`,
      `create temp table b_asal as select row_number() over (order by nama) as i, id
         from sampah_fasilitas where jenis in ('titik_kumpul', 'tps') and status = 'aktif'`,
      `create temp table b_titik as select row_number() over (order by nama) as i, id
         from sampah_fasilitas where jenis = 'titik_kumpul' and status = 'aktif'`,
      `create temp table b_olah as select row_number() over (order by nama) as i, id
         from sampah_fasilitas where jenis in ('tpst', 'tps3r')`,
    ]);

    // -- Trips: about 140 a day to the TPA (a few days over quota), Pacman trips to the TPST/TPS3R.
    const tpa = `(select id from sampah_fasilitas where jenis = 'tpa')`;
    await step(c, `trips to the TPA, ${awal} .. ${today}`, [
      `create temp table g_tpa as
       select gen_random_uuid() as id, d::date as tanggal, random() < 0.7 as pagi,
              1 + floor(random() * (select count(*) from b_v_tpa))::int as vi, random() as r_t,
              random() as r_d, random() as r_ton,
              case when random() < 0.1 then 0 else 1 + floor(random() * 3)::int end as n_asal
         from generate_series('${awal}'::date, '${today}'::date, interval '1 day') d
        cross join lateral generate_series(1, 124 + floor(random() * 24)::int + 0 * extract(doy from d)::int) k`,
      `insert into sampah_ritase (tenant_id, id, kendaraan_id, shift_id, tujuan_id, ton, berangkat, tiba, tanggal,
                                  melebihi_kuota)
       select '${CITY}', g.id, v.id, case when g.pagi then ${pagi} else ${malam} end, ${tpa},
              round(v.kapasitas_ton * (0.7 + g.r_ton * 0.45)::numeric, 3),
              g.tiba - (60 + floor(g.r_d * 60))::int * interval '1 minute', g.tiba, g.tanggal,
              row_number() over (partition by g.tanggal order by g.tiba, g.id) > ${TPA_KUOTA}
         from (select g.*, ((g.tanggal + case when g.pagi then time '07:00' + g.r_t * interval '11 hours'
                                              else time '19:30' + g.r_t * interval '4 hours' end)
                            at time zone 'Asia/Jakarta') as tiba
                 from g_tpa g) g
         join b_v_tpa v on v.i = g.vi
        where g.tiba <= now()`,
      // Origins: 1–3 collection points; one trip in ten carries a TPST/TPS3R's residue.
      `insert into sampah_ritase_asal (tenant_id, ritase_id, fasilitas_id)
       select distinct '${CITY}', x.id, coalesce(o.id, a.id)
         from (select g.id, g.n_asal, 1 + floor(random() * (select count(*) from b_asal))::int as ai,
                      1 + floor(random() * (select count(*) from b_olah))::int as oi
                 from g_tpa g cross join lateral generate_series(1, greatest(g.n_asal, 1)) k) x
         left join b_asal a on a.i = x.ai and x.n_asal > 0
         left join b_olah o on o.i = x.oi and x.n_asal = 0
        where exists (select 1 from sampah_ritase r where r.tenant_id = '${CITY}' and r.id = x.id)`,
    ]);
    await step(c, 'Pacman trips, collection points -> TPST/TPS3R', [
      `create temp table g_pac as
       select gen_random_uuid() as id, d::date as tanggal, s.pagi, v.id as kendaraan_id, v.kapasitas_ton, k.n as rit,
              random() as r_t, random() as r_d, random() as r_ton, 1 + floor(random() * 3)::int as n_asal,
              1 + floor(random() * (select count(*) from b_olah))::int as oi
         from generate_series('${awal}'::date, '${today}'::date, interval '1 day') d
        cross join (values (true), (false)) s(pagi)
        cross join b_v_pac v
        cross join lateral generate_series(1, case when random() < 0.08 then 0 else 2 + floor(random() * 2)::int end
                                                + 0 * v.i + 0 * extract(doy from d)::int) k(n)`,
      `insert into sampah_ritase (tenant_id, id, kendaraan_id, shift_id, tujuan_id, ton, berangkat, tiba, tanggal)
       select '${CITY}', g.id, g.kendaraan_id, case when g.pagi then ${pagi} else ${malam} end, o.id,
              round(g.kapasitas_ton * (0.7 + g.r_ton * 0.45)::numeric, 3),
              g.tiba - (45 + floor(g.r_d * 45))::int * interval '1 minute', g.tiba, g.tanggal
         from (select g.*, ((g.tanggal + case when g.pagi then time '06:00' + g.rit * interval '2 hours' + g.r_t * interval '40 minutes'
                                              else time '19:00' + g.rit * interval '80 minutes' + g.r_t * interval '30 minutes' end)
                            at time zone 'Asia/Jakarta') as tiba
                 from g_pac g) g
         join b_olah o on o.i = g.oi
        where g.tiba <= now()`,
      `insert into sampah_ritase_asal (tenant_id, ritase_id, fasilitas_id)
       select distinct '${CITY}', x.id, t.id
         from (select g.id, 1 + floor(random() * (select count(*) from b_titik))::int as ti
                 from g_pac g cross join lateral generate_series(1, g.n_asal) k) x
         join b_titik t on t.i = x.ti
        where exists (select 1 from sampah_ritase r where r.tenant_id = '${CITY}' and r.id = x.id)`,
    ]);

    // -- Tonnage: yearly settings and daily manual entries (as tonase-demo.ts, for five years).
    await step(c, 'yearly settings and daily tonnage entries', [
      `insert into sampah_tonase_tahun (tenant_id, tahun, laju_timbulan, target_pengurangan, target_penanganan)
       select '${CITY}', y, 0.6, least(30, 20 + 2 * (y - ${tahunIni - 5})), 70
         from generate_series(${tahunIni - 5}, ${tahunIni + 1}) y`,
      `create temp table b_kec as
       select row_number() over (order by kode) - 1 as i, kode from wilayah
        where tingkat = 'kecamatan' and kode like '${CITY}.%'`,
      `insert into sampah_tonase_catatan (tenant_id, tanggal, kecamatan_kode, jenis, ton)
       select '${CITY}', d::date, k.kode, 'pengurangan_kompos', round((1 + random() * 5)::numeric, 3)
         from generate_series('${awal}'::date, '${today}'::date - 1, interval '1 day') d cross join b_kec k
        where k.i % 3 = 0 or random() < 0.4
       union all
       select '${CITY}', d::date, k.kode, 'pengurangan_maggot', round((2 + random() * 4)::numeric, 3)
         from generate_series('${awal}'::date, '${today}'::date - 1, interval '1 day') d cross join b_kec k
        where k.i % 4 = 1
       union all
       select '${CITY}', d::date, null, j.jenis, round((j.lo + random() * (j.hi - j.lo))::numeric, 3)
         from generate_series('${awal}'::date, '${today}'::date - 1, interval '1 day') d
        cross join (values ('pengurangan_lain', 60, 120), ('penanganan_angkut', 100, 200), ('daur_ulang', 20, 40),
                           ('bahan_baku', 10, 25)) j(jenis, lo, hi)
       union all
       select '${CITY}', d::date, null, 'timbulan_terukur', round((1450 + random() * 200)::numeric, 3)
         from generate_series('${awal}'::date, '${today}'::date - 1, interval '1 day') d
        where extract(isodow from d) = 1`,
    ]);
    // Kecamatan populations per year, when this installation has that table.
    const pk = await c.query(`select to_regclass('sampah_penduduk_kecamatan') is not null as ada`);
    if ((pk.rows[0] as { ada: boolean }).ada) {
      await step(c, 'kecamatan population per year', [
        `alter table sampah_penduduk_kecamatan disable trigger audit`,
        `insert into sampah_penduduk_kecamatan (tenant_id, tahun, kecamatan_kode, penduduk, sumber)
         select '${CITY}', y, k.kode,
                round(coalesce((select penduduk_total from wilayah where kode = '${CITY}'), 2500000)
                      * (select count(*) from b_kel where induk = k.kode) / 151.0 * (1 + 0.01 * (y - ${tahunIni - 5})))::int,
                'Perkiraan untuk pengukuran kinerja'
           from b_kec k cross join generate_series(${tahunIni - 5}, ${tahunIni}) y`,
        `alter table sampah_penduduk_kecamatan enable trigger audit`,
      ]);
    }

    // -- KBS: monthly assessments of the KBS RWs, last month's partly in the verification queue,
    // a draft for this month here and there; status history at each level reached.
    const bulanIni = `'${today.slice(0, 7)}-01'::date`;
    await step(c, 'KBS assessments, values, steps, status history', [
      `create temp table b_tingkat as select urutan, id, min_skor,
              coalesce(lead(min_skor) over (order by urutan), 100) as max_skor from sampah_kbs_tingkat`,
      `create temp table g_pen as
       select gen_random_uuid() as id, x.rw_id, x.bulan, to_char(x.bulan, 'YYYY-MM') as periode, x.lvl,
              case when x.bulan = ${bulanIni} then 'draf'
                   when x.bulan = ${bulanIni} - interval '1 month' and x.r < 0.30 then 'diajukan'
                   when x.bulan = ${bulanIni} - interval '1 month' and x.r < 0.38 then 'dikembalikan'
                   else 'disetujui' end as status, random() as r_skor, random() as r_hari
         from (select r.id as rw_id, m::date as bulan, random() as r,
                      least(r.level, 1 + floor(r.level * (row_number() over (partition by r.id order by m) - 1)
                                               / count(*) over (partition by r.id))::int) as lvl
                 from b_rw r
                 cross join lateral generate_series(date_trunc('month', '${awal}'::date) + floor(r.r2 * 24)::int * interval '1 month',
                                                    ${bulanIni}, interval '1 month') m
                where r.kbs) x
        where x.bulan < ${bulanIni} or x.r < 0.1`,
      `insert into sampah_kbs_penilaian (tenant_id, id, rw_id, periode, status, skor, tingkat_id, catatan,
                                         diajukan_at, diverifikasi_at, created_at, updated_at)
       select '${CITY}', p.id, p.rw_id, p.periode, p.status,
              case when p.status = 'draf' then null
                   else round(t.min_skor + p.r_skor::numeric * (t.max_skor - t.min_skor - 1), 2) end,
              case when p.status = 'disetujui' then t.id end,
              case when p.status = 'dikembalikan' then 'Foto pemilahan belum menunjukkan wadah terpisah.' end,
              case when p.status <> 'draf' then p.bulan + interval '1 month' + p.r_hari * interval '5 days' end,
              case when p.status in ('disetujui', 'dikembalikan')
                   then p.bulan + interval '1 month' + interval '6 days' + p.r_hari * interval '6 days' end,
              p.bulan + interval '25 days', p.bulan + interval '1 month' + interval '12 days'
         from g_pen p join b_tingkat t on t.urutan = p.lvl`,
      `insert into sampah_kbs_nilai (tenant_id, penilaian_id, indikator_id, nilai, terhitung)
       select '${CITY}', p.id, i.id,
              case i.kode when 'PILAH' then 1
                          when 'PILAH-KK' then 40 + floor(random() * 50)
                          when 'KOMPOS' then case when p.lvl >= 2 or random() < 0.5 then 1 else 0 end
                          when 'MAGGOT' then case when random() < 0.4 then 1 else 0 end
                          when 'BANK' then case when p.lvl = 3 or random() < 0.5 then 1 else 0 end
                          when 'KG-KK' then round((random() * 3)::numeric, 3)
                          when 'KURANG' then 10 + floor(random() * 40)
                          else 1 end,
              i.sumber <> 'manual'
         from g_pen p cross join sampah_kbs_indikator i`,
      `insert into sampah_kbs_langkah (tenant_id, penilaian_id, status, catatan, at)
       select '${CITY}', p.id, s.status, s.catatan, s.at
         from sampah_kbs_penilaian p
        cross join lateral (values ('draf', null, p.created_at, true),
                                   ('diajukan', null, p.diajukan_at, p.status <> 'draf'),
                                   (p.status, case when p.status = 'disetujui' then 'Sesuai kunjungan lapangan.' else p.catatan end,
                                    p.diverifikasi_at, p.status in ('disetujui', 'dikembalikan'))) s(status, catatan, at, ada)
        where s.ada`,
      // A status at each level reached, from the first approved assessment at that level.
      `insert into sampah_kbs_riwayat (tenant_id, rw_id, penilaian_id, tingkat_id, skor, berlaku_sejak)
       select distinct on (p.rw_id, p.tingkat_id) '${CITY}', p.rw_id, p.id, p.tingkat_id, p.skor, p.diverifikasi_at
         from sampah_kbs_penilaian p
        where p.status = 'disetujui'
        order by p.rw_id, p.tingkat_id, p.periode`,
      // Some other RWs held Rintisan before Balai and lost it (current status: no level).
      `insert into sampah_kbs_riwayat (tenant_id, rw_id, tingkat_id, skor, berlaku_sejak)
       select '${CITY}', r.id, case when k = 1 then (select id from b_tingkat where urutan = 1) end,
              case when k = 1 then 35 else 20 end,
              '${awal}'::date + (100 + floor(r.r2 * 300) + (k - 1) * 200)::int * interval '1 day'
         from b_rw r cross join generate_series(1, 2) k
        where not r.kbs and r.r2 < 0.06`,
    ]);

    // -- Bank sampah: an induk, 400 unit banks in RWs, members, prices, accounts.
    await step(c, 'bank sampah: banks, members, prices, accounts', [
      `create temp table b_item as
       select b.*, j.kategori_kode, j.satuan, j.kg_per_satuan
         from json_to_recordset('${JSON.stringify(BARANG)}') b(kode text, w int, min numeric, max numeric, harga int)
         join sampah_jenis j on j.kode = b.kode`,
      `create temp table b_itemw as
       select row_number() over () as i, kode from b_item cross join lateral generate_series(1, w)`,
      `insert into bank_sampah (tenant_id, kode, nama, tingkat, lembaga, kelurahan_kode, area_kode, bagi_hasil_persen,
                                jam_buka)
       values ('${CITY}', 'BSI-01', 'Bank Sampah Induk Kota Bandung', 'induk', 'lainnya',
               (select kode from b_kel where i = 0), '${CITY}', 5, 'Selasa dan Jumat 08.00-15.00')`,
      `insert into bank_sampah (tenant_id, kode, nama, tingkat, lembaga, rw_id, area_kode, induk_id, bagi_hasil_persen,
                                jam_buka, created_at)
       select '${CITY}', 'BSU-' || lpad(row_number() over (order by r.i)::text, 4, '0'),
              'Bank Sampah ' || (array['Melati', 'Hijau Lestari', 'Sauyunan', 'Berkah', 'Resik', 'Mandiri'])[1 + r.i % 6]
                || ' RW ' || lpad(r.nomor::text, 2, '0') || ' ' || k.nama,
              'unit', 'rw', r.id, r.kelurahan_kode || '.' || lpad(r.nomor::text, 3, '0'),
              (select id from bank_sampah where kode = 'BSI-01'),
              (array[0, 10, 10, 15, 20])[1 + floor(random() * 5)::int],
              (array['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'])[1 + r.i % 7] || ' 08.00-11.00',
              '${awal}'::date + floor(random() * 900)::int * interval '1 day'
         from b_rw r join b_kel k on k.kode = r.kelurahan_kode
        where r.bank`,
      `create temp table b_bank as
       select b.id, b.rw_id, b.bagi_hasil_persen as pct,
              b.created_at::date + (row_number() over (order by b.kode)::int % 7
                                    - extract(dow from b.created_at)::int + 7) % 7 as hari1
         from bank_sampah b where b.tingkat = 'unit'`,
      `insert into bank_sampah_nasabah (tenant_id, bank_id, nomor, jenis, nama, rw_id, alamat)
       select '${CITY}', b.id, lpad(n::text, 4, '0'), 'rumah_tangga', 'Nasabah ' || n, b.rw_id,
              'Jl. Melati No. ' || n
         from b_bank b cross join lateral generate_series(1, 25 + floor(random() * 36)::int + 0 * b.pct::int) n`,
      `create temp table b_member as
       select row_number() over (partition by bank_id order by nomor) as i, id, bank_id, rw_id,
              count(*) over (partition by bank_id) as n
         from bank_sampah_nasabah`,
      `create index on b_member (bank_id, i)`,
      `alter table b_bank add column nm int`,
      `update b_bank b set nm = x.n from (select bank_id, count(*) as n from b_member group by 1) x
        where x.bank_id = b.id`,
      `analyze b_member`,
      `analyze b_bank`,
      `insert into bank_sampah_harga (tenant_id, bank_id, jenis_kode, kondisi, harga, berlaku_mulai)
       select '${CITY}', b.id, i.kode, k.kondisi,
              greatest(50, round(i.harga * k.f * (0.85 + 0.1 * random()) / 50) * 50)::bigint,
              ('${awal}'::date - 30)::timestamptz
         from bank_sampah b cross join b_item i cross join (values ('bersih', 1.0), ('kotor', 0.75)) k(kondisi, f)`,
      `create temp table b_harga as select bank_id, jenis_kode, kondisi, harga from bank_sampah_harga`,
      `create index on b_harga (bank_id, jenis_kode, kondisi)`,
      `insert into bank_sampah_akun (tenant_id, bank_id, kunci)
       select '${CITY}', b.id, k from bank_sampah b cross join unnest(array['kas', 'pendapatan']) k
       union all
       select '${CITY}', b.id, 'persediaan:' || i.kode from bank_sampah b cross join b_item i
       union all
       select '${CITY}', n.bank_id, 'tabungan:' || n.id from bank_sampah_nasabah n`,
      `create temp table b_akun as select bank_id, kunci, id from bank_sampah_akun`,
      `create index on b_akun (bank_id, kunci)`,
    ]);

    // -- Deposits: each unit opens one day a week; 4–9 members come, with 1–3 items each.
    await step(c, 'deposits planned (entries and stock lines)', [
      `create temp table g_dep as
       select gen_random_uuid() as id, x.bank_id, m.id as nasabah_id, m.rw_id, x.waktu, x.pct,
              1 + floor(random() * 3)::int as n_item,
              extract(year from x.waktu at time zone 'Asia/Jakarta')::int as y
         from (select distinct on (h.bank_id, h.tanggal, mm.mi) h.bank_id, h.pct, mm.mi,
                      ((h.tanggal + time '08:00' + random() * interval '3 hours') at time zone 'Asia/Jakarta') as waktu
                 from (select b.id as bank_id, b.pct, d::date as tanggal, b.nm
                         from b_bank b
                        cross join lateral generate_series(b.hari1, '${today}'::date, interval '7 days') d) h
                cross join lateral (select 1 + floor(random() * h.nm)::int as mi
                                      from generate_series(1, 4 + floor(random() * 6)::int + 0 * h.nm::int)) mm) x
         join b_member m on m.bank_id = x.bank_id and m.i = x.mi
        where x.waktu <= now()`,
      `create temp table g_stok as
       select s.*, row_number() over (partition by s.jurnal_id order by s.jenis_kode) as no,
              round(s.kuantitas * s.kg_per_satuan, 3) as kg, round(s.kuantitas * s.harga)::bigint as nilai
         from (select distinct on (d.id, i.kode) d.id as jurnal_id, d.bank_id, i.kode as jenis_kode, i.kategori_kode,
                      i.satuan, i.kg_per_satuan, x.kondisi, h.harga,
                      case i.satuan when 'pcs' then greatest(1, round(i.min + x.rq * (i.max - i.min) * 1.5))
                                    when 'liter' then greatest(0.5, round((i.min + x.rq * (i.max - i.min) * 1.5) * 2) / 2)
                                    else greatest(0.1, round(i.min + x.rq * (i.max - i.min) * 1.5, 1)) end as kuantitas
                 from g_dep d
                cross join lateral (select 1 + floor(random() * (select count(*) from b_itemw))::int as wi,
                                           case when random() < 0.7 then 'bersih' else 'kotor' end as kondisi,
                                           (random() * random())::numeric as rq
                                      from generate_series(1, d.n_item)) x
                 join b_itemw w on w.i = x.wi
                 join b_item i on i.kode = w.kode
                 join b_harga h on h.bank_id = d.bank_id and h.jenis_kode = i.kode and h.kondisi = x.kondisi
                order by d.id, i.kode) s`,
      `create index on g_stok (jurnal_id)`,
      `create temp table g_total as
       select d.id, d.bank_id, d.nasabah_id, d.waktu, d.y, t.n, t.total,
              round(t.total * d.pct / 100)::bigint as fee
         from g_dep d join (select jurnal_id, count(*) as n, sum(nilai) as total from g_stok group by 1) t
           on t.jurnal_id = d.id`,
      // Money lines as the ledger writes them: each item's stock value in, the member credited
      // (less the bank's fee), the fee to the bank's income; they sum to zero.
      `create temp table g_baris as
       select t.y, s.jurnal_id, s.no, a.id as akun_id, s.nilai as jumlah
         from g_stok s join g_total t on t.id = s.jurnal_id
         join b_akun a on a.bank_id = s.bank_id and a.kunci = 'persediaan:' || s.jenis_kode
       union all
       select t.y, t.id, t.n + 1, a.id, -(t.total - t.fee)
         from g_total t join b_akun a on a.bank_id = t.bank_id and a.kunci = 'tabungan:' || t.nasabah_id
       union all
       select t.y, t.id, t.n + 2, a.id, -t.fee
         from g_total t join b_akun a on a.bank_id = t.bank_id and a.kunci = 'pendapatan'
        where t.fee <> 0`,
      `create index on g_baris (y)`,
      `create index on g_total (y)`,
    ]);
    // Posted year by year: each commit checks every entry's balance (the ledger's deferred trigger).
    const years = await c.query<{ y: number }>(`select distinct y from g_dep order by 1`);
    for (const { y } of years.rows) {
      await step(c, `deposits ${y}: entries, money and stock lines (balanced)`, [
        'begin',
        `insert into bank_sampah_jurnal (tenant_id, id, bank_id, jenis, waktu, nasabah_id, rw_id)
         select '${CITY}', id, bank_id, 'setoran', waktu, nasabah_id, rw_id from g_dep where y = ${y}
          order by waktu`,
        `insert into bank_sampah_jurnal_baris (tenant_id, jurnal_id, no, akun_id, jumlah)
         select '${CITY}', jurnal_id, no, akun_id, jumlah from g_baris where y = ${y}`,
        `insert into bank_sampah_stok_baris (tenant_id, jurnal_id, no, bank_id, jenis_kode, kategori_kode, satuan,
                                             kondisi, kuantitas, kg, harga_satuan, nilai)
         select '${CITY}', s.jurnal_id, s.no, s.bank_id, s.jenis_kode, s.kategori_kode, s.satuan, s.kondisi,
                s.kuantitas, s.kg, s.harga, s.nilai
           from g_stok s join g_total t on t.id = s.jurnal_id
          where t.y = ${y}`,
        'commit',
      ]);
    }

    for (const t of BULK_TABLES) await c.query(`alter table ${t} enable trigger audit`);
    await c.query('alter table sampah_ritase enable trigger ritase_harian');
    await c.query('alter table bank_sampah_stok_baris enable trigger pemulihan_harian');
    await step(c, 'daily summaries rebuilt (bank sampah recovery, trips)', [
      'select bank_sampah_pemulihan_harian_isi(true)',
      'select sampah_ritase_harian_isi(true)',
    ]);
  } finally {
    await c.end();
  }
}

/** A few deposits today and reversals of recent ones through the ledger's own functions. */
async function throughLedger(dbUrl: string): Promise<void> {
  const t0 = performance.now();
  const handle = openDatabase(dbUrl, 2);
  let setoran = 0;
  let batal = 0;
  try {
    await asOwner(handle.db, CITY, async (trx) => {
      await sql.raw(`set local role ${APP_ROLE}`).execute(trx);
      const banks = await trx
        .selectFrom('bank_sampah')
        .select('id')
        .where('tingkat', '=', 'unit')
        .orderBy('kode')
        .limit(40)
        .execute();
      for (const [bi, b] of banks.entries()) {
        const bank = (await findBank(trx, b.id))!;
        const members = await trx
          .selectFrom('bank_sampah_nasabah')
          .select('id')
          .where('bank_id', '=', bank.id)
          .orderBy('nomor')
          .limit(5)
          .execute();
        for (const [mi, m] of members.entries()) {
          await catatSetoran(trx, { user: null, waktu: new Date(Date.now() - (mi + 1) * 60_000) }, bank, {
            nasabahId: m.id,
            baris: [
              { jenisKode: 'pet-bening', kondisi: 'bersih', kuantitas: (1 + ((bi + mi) % 5) / 2).toFixed(1) },
              { jenisKode: 'kardus', kondisi: mi % 2 ? 'kotor' : 'bersih', kuantitas: '2.5' },
            ],
          });
          setoran++;
        }
        // One reversal of an earlier deposit at every other bank.
        if (bi % 2 === 0) {
          const old = await trx
            .selectFrom('bank_sampah_jurnal')
            .select('id')
            .where('bank_id', '=', bank.id)
            .where('jenis', '=', 'setoran')
            .where('waktu', '<', new Date(Date.now() - 86_400_000))
            .orderBy('waktu', 'desc')
            .limit(1)
            .executeTakeFirst();
          if (old) {
            await batalkan(trx, { user: null }, bank, old.id, 'Salah timbang, ditimbang ulang');
            batal++;
          }
        }
      }
    });
  } finally {
    await handle.close();
  }
  console.log(
    `  ${`through the ledger functions: ${setoran} deposits, ${batal} reversals`.padEnd(58)} ${secs(performance.now() - t0)}`,
  );
}

async function counts(dbUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(`select set_config('app.tenant_id', '${CITY}', false)`);
    const tables = [
      'rw',
      'sampah_rw_profil',
      'sampah_fasilitas',
      'sampah_kendaraan',
      'sampah_ritase',
      'sampah_ritase_asal',
      'sampah_tonase_catatan',
      'sampah_kbs_penilaian',
      'sampah_kbs_nilai',
      'sampah_kbs_langkah',
      'sampah_kbs_riwayat',
      'bank_sampah',
      'bank_sampah_nasabah',
      'bank_sampah_akun',
      'bank_sampah_jurnal',
      'bank_sampah_jurnal_baris',
      'bank_sampah_stok_baris',
    ];
    console.log('\nRows (Kota Bandung):');
    for (const t of tables) {
      const r = await c.query<{ n: string }>(`select count(*) as n from ${t} where tenant_id = '${CITY}'`);
      console.log(`  ${t.padEnd(28)} ${Number(r.rows[0]!.n).toLocaleString('en-US').padStart(10)}`);
    }
    const extra = await c.query<{ k: string; v: string }>(`
      select 'RWs with a KBS status now' as k, count(*)::text as v from (
        select distinct on (rw_id) rw_id, tingkat_id from sampah_kbs_riwayat order by rw_id, berlaku_sejak desc, id) x
       where tingkat_id is not null
      union all select 'trips to the TPA per day (mean)', round(avg(n), 1)::text from (
        select count(*) as n from sampah_ritase r join sampah_fasilitas f on f.id = r.tujuan_id
         where f.jenis = 'tpa' and r.tanggal < current_date group by r.tanggal) x
      union all select 'assessments awaiting verification', count(*)::text from sampah_kbs_penilaian where status = 'diajukan'
      union all select 'database size', pg_size_pretty(pg_database_size(current_database()))`);
    for (const r of extra.rows) console.log(`  ${r.k.padEnd(34)} ${r.v}`);
  } finally {
    await c.end();
  }
}

// ---- Timing ----

interface Endpoint {
  label: string;
  path: string;
}

interface Timing {
  label: string;
  status: number;
  ms: number[];
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function time(base: string, cookie: string, e: Endpoint): Promise<Timing> {
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(`${base}${e.path}`, { headers: { cookie } });
    const buf = await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status, bytes: buf.byteLength };
  };
  const first = await once();
  if (first.status !== 200) return { label: e.label, status: first.status, ms: [], bytes: first.bytes };
  for (let i = 1; i < WARMUP; i++) await once();
  const ms: number[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < RUNS && (i < 5 || performance.now() - t0 < BUDGET_MS); i++) {
    const r = await once();
    ms.push(r.ms);
    bytes = r.bytes;
  }
  return { label: e.label, status: 200, ms, bytes };
}

function printTable(rows: Timing[]): void {
  const head = ['endpoint', 'n', 'p50 ms', 'p95 ms', 'max ms', 'size'];
  const lines = rows.map((r) => {
    if (r.status === 404) return [r.label, '', 'not available', '', '', ''];
    if (r.status !== 200) return [r.label, '', `HTTP ${r.status}`, '', '', ''];
    const s = [...r.ms].sort((a, b) => a - b);
    const kb = r.bytes >= 1024 ? `${(r.bytes / 1024).toFixed(1)} KB` : `${r.bytes} B`;
    return [
      r.label,
      String(s.length),
      percentile(s, 50).toFixed(1),
      percentile(s, 95).toFixed(1),
      s[s.length - 1]!.toFixed(1),
      kb,
    ];
  });
  const widths = head.map((_, i) => Math.max(head[i]!.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) =>
    l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

// ---- Main ----

const started = performance.now();
let embedded: EmbeddedServer | null = null;
let tmp: string | null = null;
let dropUrl: { admin: string; name: string } | null = null;
let balai: Balai | null = null;
let exitCode = 0;
let reuse = false;
/** Marks a kept database whose generation finished. */
const GENERATED = 'balai-bench: generated';
try {
  let dbUrl: string;
  if (process.env.DATABASE_URL) {
    const name = `balai_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(process.env.DATABASE_URL, `create database ${name}`);
    dropUrl = { admin: process.env.DATABASE_URL, name };
    dbUrl = withDatabase(process.env.DATABASE_URL, name);
    console.log(`Database: ${name} on the server in DATABASE_URL (dropped at the end)`);
  } else {
    const dir = args['data-dir'] ? path.resolve(args['data-dir']) : null;
    if (dir) mkdirSync(dir, { recursive: true });
    else tmp = mkdtempSync(path.join(os.tmpdir(), 'balai-bench-'));
    const base = dir ?? tmp!;
    chmodSync(base, 0o755); // the embedded server runs as the postgres user when we are root
    embedded = await startEmbedded(path.join(base, 'pg'), 45000 + Math.floor(Math.random() * 5000));
    const c = new pg.Client({ connectionString: embedded.connectionString('postgres') });
    await c.connect();
    const has = await c.query<{ note: string | null }>(
      `select shobj_description(oid, 'pg_database') as note from pg_database where datname = 'balai_bench'`,
    );
    reuse = has.rows[0]?.note === GENERATED;
    // A database left by an interrupted generation is started again.
    if (has.rowCount && !reuse) await c.query('drop database balai_bench with (force)');
    if (!reuse) await c.query('create database balai_bench');
    await c.end();
    dbUrl = embedded.connectionString('balai_bench');
    console.log(`Database: embedded PostgreSQL in ${dir ?? 'a temporary folder'}`);
  }

  if (reuse) {
    console.log('Kota Bandung already generated in this data folder: generation skipped.');
  } else {
    console.log(`\nGenerating Kota Bandung, ${awal} .. ${today}:`);
    const g0 = performance.now();
    const s0 = performance.now();
    await setupCity(dbUrl);
    console.log(
      `  ${'migrations, reference data, city, admin, KBS indicators'.padEnd(58)} ${secs(performance.now() - s0)}`,
    );
    await generate(dbUrl);
    await throughLedger(dbUrl);
    const a0 = performance.now();
    await adminQuery(dbUrl, 'vacuum analyze');
    console.log(`  ${'VACUUM ANALYZE'.padEnd(58)} ${secs(performance.now() - a0)}`);
    console.log(`Generation took ${secs(performance.now() - g0)}.`);
    if (args['data-dir']) await adminQuery(dbUrl, `comment on database balai_bench is '${GENERATED}'`);
  }
  await counts(dbUrl);

  // Balai over HTTP on that database.
  const config = {
    ...loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error' }),
    demo: false,
    jobs: false,
    port: 0,
    host: '127.0.0.1',
  };
  balai = await startBalai(config, modules, { listen: true, databaseUrl: dbUrl });
  const addr = balai.app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('server address unknown');
  const base = `http://127.0.0.1:${addr.port}`;
  const { cookie } = await signIn(base, SLUG, ADMIN_EMAIL, ADMIN_PASSWORD);

  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query(`select set_config('app.tenant_id', '${CITY}', false)`);
  const rw = await c.query<{ id: string }>(`
    select r.rw_id as id from sampah_kbs_riwayat r join bank_sampah b on b.rw_id = r.rw_id
     group by r.rw_id order by count(*) desc, r.rw_id limit 1`);
  await c.end();
  const rwId = rw.rows[0]?.id ?? '00000000-0000-0000-0000-000000000000';

  const api = `/api/v1/cities/${SLUG}`;
  const endpoints: Endpoint[] = [
    { label: `/${SLUG}/sampah/tonase`, path: `/${SLUG}/sampah/tonase` },
    {
      label: 'tonase/agregasi (this year, per month)',
      path: `${api}/sampah/tonase/agregasi?dari=${tahunIni}-01-01&sampai=${today}&periode=bulan`,
    },
    {
      label: 'tonase/agregasi (5 years, per year)',
      path: `${api}/sampah/tonase/agregasi?dari=${tahunIni - 4}-01-01&sampai=${today}&periode=tahun`,
    },
    { label: `/${SLUG}/sampah/tonase?kecamatan=`, path: `/${SLUG}/sampah/tonase?kecamatan=${CITY}.01` },
    { label: `tonase/sipsn/${tahunIni}`, path: `${api}/sampah/tonase/sipsn/${tahunIni}` },
    { label: `tonase/sipsn/${tahunIni - 1}`, path: `${api}/sampah/tonase/sipsn/${tahunIni - 1}` },
    { label: `/${SLUG}/sampah/kbs`, path: `/${SLUG}/sampah/kbs` },
    { label: `/${SLUG}/sampah/kbs/rw/:id`, path: `/${SLUG}/sampah/kbs/rw/${rwId}` },
    { label: `/${SLUG}/sampah/ritase`, path: `/${SLUG}/sampah/ritase` },
    { label: `/${SLUG}/sampah/fasilitas`, path: `/${SLUG}/sampah/fasilitas` },
    { label: `/${SLUG} (city home)`, path: `/${SLUG}` },
    { label: `/${SLUG}/dasbor (dashboard tiles)`, path: `/${SLUG}/dasbor` },
    { label: `/${SLUG}/sampah/peta`, path: `/${SLUG}/sampah/peta` },
    { label: 'sampah/kbs/sebaran', path: `${api}/sampah/kbs/sebaran` },
  ];
  console.log(
    `\nTimings over HTTP, admin kota: ${WARMUP} warm-up, then up to ${RUNS} sequential requests per endpoint (n; at most ${BUDGET_MS / 1000} s each):`,
  );
  const results: Timing[] = [];
  for (const e of endpoints) results.push(await time(base, cookie, e));
  printTable(results);
  console.log(`\nDone in ${secs(performance.now() - started)}.`);
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await balai?.stop().catch((err: unknown) => console.error('stop:', err));
  if (dropUrl) {
    await adminQuery(dropUrl.admin, `drop database if exists ${dropUrl.name} with (force)`).catch(
      (err: unknown) => console.error('drop database:', err),
    );
  }
  await embedded?.stop().catch((err: unknown) => console.error('stop PostgreSQL:', err));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
