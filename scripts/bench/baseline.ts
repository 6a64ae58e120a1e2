/**
 * The baselines of `npm run bench`, each a bare Fastify in its own process, so that Balai is
 * measured beside what the same machine does with nothing of Balai in the way:
 *   memory  answers every path in BENCH_PAYLOADS (a JSON file: path -> {type, body, status}) from
 *           memory, whatever the method and query;
 *   pg      runs, per request, the same two queries as Balai's public kecamatan endpoint through
 *           `pg` (the city's own region row, then its kecamatan with their number of kelurahan);
 *           city ids by slug are read once at start.
 * Started by scripts/bench/index.ts: `node scripts/bench/baseline.ts <memory|pg> <port>` with
 * BENCH_PAYLOADS or BENCH_DATABASE_URL set; prints "ready" when it listens.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

const [mode, portText] = process.argv.slice(2);
const port = Number(portText);
const app = Fastify({ logger: false });

if (mode === 'memory') {
  const payloads = JSON.parse(readFileSync(process.env.BENCH_PAYLOADS!, 'utf8')) as Record<
    string,
    { type: string; body: string; status: number }
  >;
  app.all('/*', async (req, reply) => {
    const p = payloads[req.url.split('?')[0]!];
    if (!p) return reply.code(404).send();
    return reply.code(p.status).type(p.type).send(p.body);
  });
} else if (mode === 'pg') {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  const COLUMNS =
    'kode, nama, tingkat, induk, penduduk_pria, penduduk_wanita, penduduk_total, luas_km2, lat, lng';
  const cityIds = new Map<string, string>();
  for (const r of (await pool.query<{ id: string; slug: string }>('select id, slug from tenants')).rows)
    cityIds.set(r.slug, r.id);
  app.get('/api/v1/cities/:city/wilayah/kecamatan', async (req, reply) => {
    const cityId = cityIds.get((req.params as { city: string }).city);
    if (!cityId) return reply.code(404).send();
    await pool.query(`select ${COLUMNS} from wilayah where kode = $1`, [cityId]);
    const rows = await pool.query(
      `select ${COLUMNS.split(', ')
        .map((x) => `w.${x}`)
        .join(
          ', ',
        )}, (select count(*) from wilayah k where k.induk = w.kode and k.tingkat = 'kelurahan') as jumlah_kelurahan
       from wilayah w where w.tingkat = 'kecamatan' and w.induk = $1 order by w.kode`,
      [cityId],
    );
    return { items: rows.rows };
  });
} else {
  throw new Error(`unknown baseline ${mode}`);
}

await app.listen({ port, host: '127.0.0.1' });
console.log('ready');
