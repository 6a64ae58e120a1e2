/**
 * Demo data for development: Kota Bandung and Kota Serang with one account per
 * role, then each module's demo data. Created only on an empty database and
 * never in production mode; every demo row is marked `demo = true`.
 */
import type { Db } from './db/database.ts';
import { asOwner } from './db/transaction.ts';
import { addRole, createUser } from './auth/service.ts';
import { ROLES, ROLE_AREA_LEVEL, type Role } from './auth/roles.ts';
import { createCity, findCityBySlug, listCities } from './tenancy/service.ts';
import type { BalaiModule } from './module.ts';
import { sql } from 'kysely';

export const DEMO_PASSWORD = 'balai-demo-2026';

export const DEMO_CITIES = [
  {
    id: '32.73',
    slug: 'bandung',
    name: 'Kota Bandung',
    tagline: 'Kota kreatif: UMKM naik kelas, Kawasan Bebas Sampah di setiap RW',
    contact: {
      alamat: 'Jl. Wastukencana No. 2, Bandung',
      telepon: '0224234793',
      email: 'humas@bandung.go.id',
      situs: 'https://www.bandung.go.id',
    },
  },
  {
    id: '36.73',
    slug: 'serang',
    name: 'Kota Serang',
    tagline: 'Belajar, berkolaborasi, dan melayani warga',
    contact: {
      alamat: 'Jl. Jenderal Sudirman No. 5, Serang',
      telepon: '0254200203',
      email: 'diskominfo@serangkota.go.id',
      situs: 'https://serangkota.go.id',
    },
  },
] as const;

export interface DemoLogin {
  city: string;
  role: Role;
  email: string;
  password: string;
  area: string;
}

/** mulberry32: a small deterministic generator, so demo data is identical everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo area of each role level: the city, its first kecamatan, kelurahan and RW 001. */
async function demoAreas(
  db: Db,
  cityId: string,
): Promise<Record<'kota' | 'kecamatan' | 'kelurahan' | 'rw', string>> {
  const first = async (tingkat: string, prefix: string) => {
    const r = await sql<{
      kode: string;
    }>`select kode from wilayah where tingkat = ${tingkat} and kode like ${prefix + '.%'} order by kode limit 1`.execute(
      db,
    );
    if (!r.rows[0]) throw new Error(`No ${tingkat} under ${prefix}: reference data not loaded`);
    return r.rows[0].kode;
  };
  const kecamatan = await first('kecamatan', cityId);
  const kelurahan = await first('kelurahan', kecamatan);
  return { kota: cityId, kecamatan, kelurahan, rw: `${kelurahan}.001` };
}

export function demoEmail(role: Role, slug: string): string {
  return `${role.replaceAll('_', '.')}@${slug}.demo`;
}

export async function seedDemo(db: Db, modules: BalaiModule[]): Promise<DemoLogin[]> {
  if ((await listCities(db)).length > 0) return [];
  const logins: DemoLogin[] = [];
  for (const c of DEMO_CITIES) {
    await createCity(db, { ...c, modules: modules.filter((m) => m.optional).map((m) => m.name), demo: true });
    const areas = await demoAreas(db, c.id);
    await asOwner(db, c.id, async (trx) => {
      for (const role of ROLES) {
        const email = demoEmail(role, c.slug);
        const userId = await createUser(trx, c.id, {
          email,
          name: `Demo ${role.replaceAll('_', ' ')} ${c.name.replace('Kota ', '')}`,
          password: DEMO_PASSWORD,
          demo: true,
        });
        const area = areas[ROLE_AREA_LEVEL[role]];
        // The demo petugas dinas works for three dinas: regions, DLH's waste programme, and UMKM.
        for (const module of role === 'petugas_dinas' ? ['wilayah', 'sampah', 'umkm'] : [null]) {
          await addRole(trx, c.id, userId, { role, areaKode: area, module });
        }
        logins.push({ city: c.slug, role, email, password: DEMO_PASSWORD, area });
      }
    });
    const city = await findCityBySlug(db, c.slug);
    if (!city) throw new Error(`Demo city ${c.slug} missing`);
    let seed = Number(c.id.replace('.', ''));
    for (const m of modules) {
      if (m.demo) await m.demo({ db, city, random: seededRandom(seed++) });
    }
  }
  return logins;
}
