/**
 * Data access of the wilayah module: the shared region reference table and
 * each city's RW, RT and import rows. Every function takes a transaction that
 * is already scoped to the city (RLS applies to rw, rt and wilayah_imports);
 * the rules (which city, which area, what is valid) live in service.ts.
 */
import { sql, type ExpressionBuilder, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/transaction.ts';
import { areaLevelOf } from '../../platform/auth/roles.ts';
import type { ImportRowError, WilayahTable } from './tables.ts';

/** A region without its boundary (read separately, as GeoJSON). */
export type WilayahRow = Pick<Selectable<WilayahTable>, (typeof WILAYAH_COLUMNS)[number]>;

export const WILAYAH_COLUMNS = [
  'kode',
  'nama',
  'tingkat',
  'induk',
  'penduduk_pria',
  'penduduk_wanita',
  'penduduk_total',
  'luas_km2',
  'lat',
  'lng',
] as const;

export function findWilayah(trx: Tx, kode: string): Promise<WilayahRow | undefined> {
  return trx.selectFrom('wilayah').select(WILAYAH_COLUMNS).where('kode', '=', kode).executeTakeFirst();
}

/** Kecamatan of a city with their number of kelurahan, in code order. */
/** The boundaries (GeoJSON geometries) of the city's kecamatan that have one. */
export async function listKecamatanBatas(trx: Tx, cityId: string): Promise<unknown[]> {
  const rows = await trx
    .selectFrom('wilayah')
    .select('batas')
    .where('tingkat', '=', 'kecamatan')
    .where('kode', 'like', `${cityId}.%`)
    .where('batas', 'is not', null)
    .execute();
  return rows.map((r) => r.batas);
}

export function listKecamatanRows(
  trx: Tx,
  cityId: string,
): Promise<(WilayahRow & { jumlah_kelurahan: number })[]> {
  return trx
    .selectFrom('wilayah as w')
    .select(WILAYAH_COLUMNS.map((c) => `w.${c}` as const))
    .select((eb) =>
      eb
        .selectFrom('wilayah as k')
        .whereRef('k.induk', '=', 'w.kode')
        .where('k.tingkat', '=', 'kelurahan')
        .select(eb.fn.countAll<number>().as('n'))
        .as('jumlah_kelurahan'),
    )
    .where('w.tingkat', '=', 'kecamatan')
    .where('w.induk', '=', cityId)
    .orderBy('w.kode')
    .execute() as Promise<(WilayahRow & { jumlah_kelurahan: number })[]>;
}

/** Kelurahan of a city (optionally of one kecamatan), in code order. */
export function listKelurahanRows(trx: Tx, cityId: string, kecamatan?: string): Promise<WilayahRow[]> {
  let q = trx
    .selectFrom('wilayah')
    .select(WILAYAH_COLUMNS)
    .where('tingkat', '=', 'kelurahan')
    .where('kode', 'like', `${cityId}.%`);
  if (kecamatan) q = q.where('induk', '=', kecamatan);
  return q.orderBy('kode').execute();
}

export async function countRegions(
  trx: Tx,
  cityId: string,
): Promise<{ kecamatan: number; kelurahan: number }> {
  const rows = await trx
    .selectFrom('wilayah')
    .select(['tingkat', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kode', 'like', `${cityId}.%`)
    .groupBy('tingkat')
    .execute();
  const n = (t: string) => rows.find((r) => r.tingkat === t)?.n ?? 0;
  return { kecamatan: n('kecamatan'), kelurahan: n('kelurahan') };
}

/** Boundaries of a city's kecamatan or kelurahan as GeoJSON features (one query, built by PostgreSQL). */
export async function boundaryFeatures(
  trx: Tx,
  cityId: string,
  tingkat: 'kecamatan' | 'kelurahan',
  kecamatan?: string,
): Promise<string> {
  const r = await sql<{ fc: string }>`
    select coalesce(json_agg(json_build_object(
             'type', 'Feature',
             'properties', json_build_object('kode', kode, 'nama', nama),
             'geometry', batas) order by kode), '[]'::json)::text as fc
      from wilayah
     where tingkat = ${tingkat} and kode like ${`${cityId}.%`} and batas is not null
       ${kecamatan ? sql`and induk = ${kecamatan}` : sql``}`.execute(trx);
  return `{"type":"FeatureCollection","features":${r.rows[0]?.fc ?? '[]'}}`;
}

// ---- RW and RT ----

/**
 * Rows of `rw` inside any of the areas (city, kecamatan, kelurahan or RW codes).
 * An empty list matches nothing.
 */
export function inAreas(areas: string[]) {
  return (eb: ExpressionBuilder<Database & { rw: Database['rw'] }, 'rw'>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    for (const a of areas) {
      switch (areaLevelOf(a)) {
        case 'kota':
          parts.push(eb('rw.kelurahan_kode', 'like', `${a}.%`));
          break;
        case 'kecamatan':
          parts.push(eb('rw.kelurahan_kode', 'like', `${a}.%`));
          break;
        case 'kelurahan':
          parts.push(eb('rw.kelurahan_kode', '=', a));
          break;
        case 'rw': {
          const kel = a.slice(0, a.lastIndexOf('.'));
          parts.push(eb.and([eb('rw.kelurahan_kode', '=', kel), eb('rw.nomor', '=', Number(a.slice(-3)))]));
          break;
        }
        default:
          break;
      }
    }
    return parts.length ? eb.or(parts) : sql<SqlBool>`false`;
  };
}

export interface RwRow {
  id: string;
  kelurahan_kode: string;
  kelurahan_nama: string;
  kecamatan_kode: string;
  kecamatan_nama: string;
  nomor: number;
  ketua_nama: string | null;
  ketua_telepon: string | null;
  jumlah_kk: number | null;
  jumlah_rt: number;
  demo: boolean;
  created_at: Date;
  updated_at: Date;
}

function rwSelect(trx: Tx) {
  return trx
    .selectFrom('rw')
    .innerJoin('wilayah as kel', 'kel.kode', 'rw.kelurahan_kode')
    .innerJoin('wilayah as kec', 'kec.kode', 'kel.induk')
    .select([
      'rw.id',
      'rw.kelurahan_kode',
      'kel.nama as kelurahan_nama',
      'kec.kode as kecamatan_kode',
      'kec.nama as kecamatan_nama',
      'rw.nomor',
      'rw.ketua_nama',
      'rw.ketua_telepon',
      'rw.jumlah_kk',
      'rw.demo',
      'rw.created_at',
      'rw.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('rt')
        .whereRef('rt.tenant_id', '=', 'rw.tenant_id')
        .whereRef('rt.rw_id', '=', 'rw.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('jumlah_rt'),
    );
}

export interface RwFilter {
  areas: string[];
  kecamatan?: string | undefined;
  kelurahan?: string | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export async function listRwRows(trx: Tx, f: RwFilter): Promise<{ total: number; rows: RwRow[] }> {
  let q = trx.selectFrom('rw').where(inAreas(f.areas));
  if (f.kecamatan) q = q.where('rw.kelurahan_kode', 'like', `${f.kecamatan}.%`);
  if (f.kelurahan) q = q.where('rw.kelurahan_kode', '=', f.kelurahan);
  if (f.q) {
    const text = f.q;
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const nomor = /^\d{1,3}$/.test(text) ? Number(text) : null;
    q = q.where((eb) =>
      eb.or([eb('rw.ketua_nama', 'ilike', like), ...(nomor !== null ? [eb('rw.nomor', '=', nomor)] : [])]),
    );
  }
  const total = (await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const ids = q.select('rw.id');
  const rows = (await rwSelect(trx)
    .where('rw.id', 'in', ids)
    .orderBy('rw.kelurahan_kode')
    .orderBy('rw.nomor')
    .limit(f.limit)
    .offset(f.offset)
    .execute()) as RwRow[];
  return { total, rows };
}

export async function findRwRow(trx: Tx, id: string): Promise<RwRow | undefined> {
  return (await rwSelect(trx).where('rw.id', '=', id).executeTakeFirst()) as RwRow | undefined;
}

export async function findRwByNomor(
  trx: Tx,
  kelurahanKode: string,
  nomor: number,
): Promise<{ id: string } | undefined> {
  return trx
    .selectFrom('rw')
    .select('id')
    .where('kelurahan_kode', '=', kelurahanKode)
    .where('nomor', '=', nomor)
    .executeTakeFirst();
}

/** Number of RWs per kelurahan inside the areas. */
export async function rwCountsByKelurahan(
  trx: Tx,
  areas: string[],
  prefix: string,
): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('rw')
    .select(['rw.kelurahan_kode', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inAreas(areas))
    .where('rw.kelurahan_kode', 'like', `${prefix}.%`)
    .groupBy('rw.kelurahan_kode')
    .execute();
  return new Map(rows.map((r) => [r.kelurahan_kode, r.n]));
}

export interface RwValues {
  kelurahan_kode: string;
  nomor: number;
  ketua_nama: string | null;
  ketua_telepon: string | null;
  jumlah_kk: number | null;
}

export async function insertRw(trx: Tx, tenantId: string, v: RwValues): Promise<string> {
  const r = await trx
    .insertInto('rw')
    .values({ tenant_id: tenantId, ...v })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRwRow(trx: Tx, id: string, v: Partial<RwValues>): Promise<void> {
  await trx
    .updateTable('rw')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteRwRow(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('rw').where('id', '=', id).execute();
}

export interface RtRow {
  id: string;
  rw_id: string;
  nomor: number;
  ketua_nama: string | null;
  demo: boolean;
}

export function listRtRows(trx: Tx, rwId: string): Promise<RtRow[]> {
  return trx
    .selectFrom('rt')
    .select(['id', 'rw_id', 'nomor', 'ketua_nama', 'demo'])
    .where('rw_id', '=', rwId)
    .orderBy('nomor')
    .execute();
}

export function findRtRow(trx: Tx, id: string): Promise<RtRow | undefined> {
  return trx
    .selectFrom('rt')
    .select(['id', 'rw_id', 'nomor', 'ketua_nama', 'demo'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRtByNomor(trx: Tx, rwId: string, nomor: number): Promise<{ id: string } | undefined> {
  return trx
    .selectFrom('rt')
    .select('id')
    .where('rw_id', '=', rwId)
    .where('nomor', '=', nomor)
    .executeTakeFirst();
}

export async function insertRt(
  trx: Tx,
  tenantId: string,
  v: { rw_id: string; nomor: number; ketua_nama: string | null },
): Promise<string> {
  const r = await trx
    .insertInto('rt')
    .values({ tenant_id: tenantId, ...v })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRtRow(
  trx: Tx,
  id: string,
  v: { nomor?: number; ketua_nama?: string | null },
): Promise<void> {
  await trx.updateTable('rt').set(v).where('id', '=', id).execute();
}

export async function deleteRtRow(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('rt').where('id', '=', id).execute();
}

export async function countRw(trx: Tx, areas: string[]): Promise<number> {
  const r = await trx
    .selectFrom('rw')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inAreas(areas))
    .executeTakeFirstOrThrow();
  return r.n;
}

/**
 * Upserts RWs by (kelurahan, nomor): new ones are inserted, existing ones get the
 * values that are not null (an empty cell keeps the old value). Returns the id of
 * every RW and how many were new.
 */
export async function upsertRws(
  trx: Tx,
  tenantId: string,
  rows: RwValues[],
): Promise<{ ids: Map<string, string>; inserted: number }> {
  const ids = new Map<string, string>();
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const result = await trx
      .insertInto('rw')
      .values(chunk.map((r) => ({ tenant_id: tenantId, ...r })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'kelurahan_kode', 'nomor']).doUpdateSet({
          ketua_nama: sql`coalesce(excluded.ketua_nama, rw.ketua_nama)`,
          ketua_telepon: sql`coalesce(excluded.ketua_telepon, rw.ketua_telepon)`,
          jumlah_kk: sql`coalesce(excluded.jumlah_kk, rw.jumlah_kk)`,
          updated_at: sql`case when (rw.ketua_nama, rw.ketua_telepon, rw.jumlah_kk) is distinct from
            (coalesce(excluded.ketua_nama, rw.ketua_nama), coalesce(excluded.ketua_telepon, rw.ketua_telepon),
             coalesce(excluded.jumlah_kk, rw.jumlah_kk)) then now() else rw.updated_at end`,
        }),
      )
      .returning(['id', 'kelurahan_kode', 'nomor', sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    for (const r of result) {
      ids.set(`${r.kelurahan_kode}/${r.nomor}`, r.id);
      if (r.inserted) inserted++;
    }
  }
  return { ids, inserted };
}

/** Upserts RTs by (RW, nomor); an existing RT only gets a new ketua when one is given. Returns how many were new. */
export async function upsertRts(
  trx: Tx,
  tenantId: string,
  rows: { rw_id: string; nomor: number; ketua_nama: string | null }[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const result = await trx
      .insertInto('rt')
      .values(chunk.map((r) => ({ tenant_id: tenantId, ...r })))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'rw_id', 'nomor']).doUpdateSet({
          ketua_nama: sql`coalesce(excluded.ketua_nama, rt.ketua_nama)`,
        }),
      )
      .returning([sql<boolean>`(xmax = 0)`.as('inserted')])
      .execute();
    inserted += result.filter((r) => r.inserted).length;
  }
  return inserted;
}

// ---- Imports ----

export interface ImportRow {
  id: string;
  user_id: string;
  file_name: string;
  file_type: 'csv' | 'xlsx';
  status: 'menunggu' | 'diproses' | 'berhasil' | 'gagal';
  total_rows: number;
  processed: number;
  created_rw: number;
  created_rt: number;
  errors: ImportRowError[];
  created_at: Date;
  finished_at: Date | null;
}

const IMPORT_COLUMNS = [
  'id',
  'user_id',
  'file_name',
  'file_type',
  'status',
  'total_rows',
  'processed',
  'created_rw',
  'created_rt',
  'errors',
  'created_at',
  'finished_at',
] as const;

export async function insertImport(
  trx: Tx,
  tenantId: string,
  v: { user_id: string; file_name: string; file_type: 'csv' | 'xlsx'; content: Buffer },
): Promise<string> {
  const r = await trx
    .insertInto('wilayah_imports')
    .values({ tenant_id: tenantId, ...v })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export function findImportRow(trx: Tx, id: string): Promise<ImportRow | undefined> {
  return trx.selectFrom('wilayah_imports').select(IMPORT_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function findImportContent(
  trx: Tx,
  id: string,
): Promise<{ content: Buffer; file_type: 'csv' | 'xlsx' } | undefined> {
  return trx
    .selectFrom('wilayah_imports')
    .select(['content', 'file_type'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Recent imports, of one user or (userId null) of everyone. */
export function listImportRows(trx: Tx, userId: string | null, limit: number): Promise<ImportRow[]> {
  let q = trx.selectFrom('wilayah_imports').select(IMPORT_COLUMNS);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function updateImportRow(
  trx: Tx,
  id: string,
  v: {
    status?: ImportRow['status'];
    total_rows?: number;
    processed?: number;
    created_rw?: number;
    created_rt?: number;
    errors?: ImportRowError[];
    finished_at?: Date | null;
  },
): Promise<void> {
  const { errors, ...rest } = v;
  await trx
    .updateTable('wilayah_imports')
    .set({ ...rest, ...(errors ? { errors: JSON.stringify(errors) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** An official region as the role area picker shows it. */
export interface Area {
  kode: string;
  nama: string;
  tingkat: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';
  induk: string | null;
}

/** The city itself, its kecamatan and its kelurahan, in code order (parents before children). */
export function cityAreas(trx: Tx, cityId: string): Promise<Area[]> {
  return trx
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'tingkat', 'induk'])
    .where((eb) => eb.or([eb('kode', '=', cityId), eb('kode', 'like', `${cityId}.%`)]))
    .where('tingkat', 'in', ['kota', 'kecamatan', 'kelurahan'])
    .orderBy('kode')
    .execute();
}

/** One official region by code, whatever its level; null when the code is unknown. */
export async function findArea(trx: Tx, kode: string): Promise<Area | null> {
  const r = await trx
    .selectFrom('wilayah')
    .select(['kode', 'nama', 'tingkat', 'induk'])
    .where('kode', '=', kode)
    .executeTakeFirst();
  return r ?? null;
}

/** Names of official regions by code (any level), for lists that show them; unknown codes are left out. */
export async function wilayahNames(trx: Tx, kodes: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(kodes)];
  if (unique.length === 0) return new Map();
  const rows = await trx.selectFrom('wilayah').select(['kode', 'nama']).where('kode', 'in', unique).execute();
  return new Map(rows.map((r) => [r.kode, r.nama]));
}

/** A region's code with its name from wilayahNames (the code itself when the name is unknown). */
export function wilayahRef(nama: ReadonlyMap<string, string>, kode: string): { kode: string; nama: string } {
  return { kode, nama: nama.get(kode) ?? kode };
}

/**
 * Ids of the city's RWs (only those inside `areas` when given), with their kecamatan, in
 * kelurahan and number order: for modules that keep figures per RW and total them per kecamatan.
 */
export function listRwIds(
  trx: Tx,
  areas?: string[],
): Promise<{ id: string; kecamatanKode: string; kecamatanNama: string }[]> {
  let q = trx
    .selectFrom('rw')
    .innerJoin('wilayah as kel', 'kel.kode', 'rw.kelurahan_kode')
    .innerJoin('wilayah as kec', 'kec.kode', 'kel.induk')
    .select(['rw.id', 'kec.kode as kecamatanKode', 'kec.nama as kecamatanNama']);
  if (areas) q = q.where(inAreas(areas));
  return q.orderBy('rw.kelurahan_kode').orderBy('rw.nomor').execute();
}
