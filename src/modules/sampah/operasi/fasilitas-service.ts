/**
 * Facilities of the waste operations: collection points (titik kumpul, TPS), TPST/TPS3R,
 * processing machines and the TPA with its daily trip quota. Region names come through the
 * wilayah module's face.
 */
import type { Selectable } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { notFound, type FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { findWilayah, listKecamatanRows, listKelurahanRows } from '../../wilayah/api.ts';
import { OPS_KELOLA, OPS_LIHAT } from './permissions-operasi.ts';
import type { JenisFasilitas, StatusFasilitas, SubjenisMesin } from './operasi-schemas.ts';
import type { SampahFasilitasTable } from './operasi-tables.ts';
import { authorise, checkErrors, num, UUID_RE } from './operasi-access.ts';

type FasilitasRow = Selectable<SampahFasilitasTable>;

export interface FasilitasView {
  id: string;
  jenis: JenisFasilitas;
  subjenis: SubjenisMesin | null;
  nama: string;
  kecamatanKode: string | null;
  kecamatanNama: string | null;
  kelurahanKode: string | null;
  kelurahanNama: string | null;
  lat: number | null;
  lng: number | null;
  kapasitasTonHari: number | null;
  status: StatusFasilitas;
  operator: string | null;
  kuotaRitHarian: number | null;
}

async function regionNames(trx: Tx, cityId: string): Promise<Map<string, string>> {
  const [kec, kel] = await Promise.all([listKecamatanRows(trx, cityId), listKelurahanRows(trx, cityId)]);
  return new Map([...kec, ...kel].map((w) => [w.kode, w.nama]));
}

function fasilitasView(r: FasilitasRow, names: Map<string, string>): FasilitasView {
  return {
    id: r.id,
    jenis: r.jenis,
    subjenis: r.subjenis,
    nama: r.nama,
    kecamatanKode: r.kecamatan_kode,
    kecamatanNama: r.kecamatan_kode ? (names.get(r.kecamatan_kode) ?? null) : null,
    kelurahanKode: r.kelurahan_kode,
    kelurahanNama: r.kelurahan_kode ? (names.get(r.kelurahan_kode) ?? null) : null,
    lat: r.lat,
    lng: r.lng,
    kapasitasTonHari: num(r.kapasitas_ton_hari),
    status: r.status,
    operator: r.operator,
    kuotaRitHarian: r.kuota_rit_harian,
  };
}

export interface FasilitasFilter {
  jenis?: JenisFasilitas | undefined;
  status?: StatusFasilitas | undefined;
  kecamatan?: string | undefined;
}

export async function listFasilitas(
  trx: Tx,
  user: CurrentUser,
  f: FasilitasFilter = {},
): Promise<FasilitasView[]> {
  authorise(user, OPS_LIHAT);
  let q = trx.selectFrom('sampah_fasilitas').selectAll();
  if (f.jenis) q = q.where('jenis', '=', f.jenis);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kecamatan) q = q.where('kecamatan_kode', '=', f.kecamatan);
  const rows = await q.orderBy('jenis').orderBy('nama').execute();
  const names = await regionNames(trx, user.tenantId);
  return rows.map((r) => fasilitasView(r, names));
}

/** A facility of the city's transaction, or undefined (also for a text that is not an id). */
export async function findFasilitas(trx: Tx, id: string): Promise<FasilitasRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return trx.selectFrom('sampah_fasilitas').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getFasilitas(trx: Tx, user: CurrentUser, id: string): Promise<FasilitasView> {
  authorise(user, OPS_LIHAT);
  const row = await findFasilitas(trx, id);
  if (!row) throw notFound();
  return fasilitasView(row, await regionNames(trx, user.tenantId));
}

export interface FasilitasInput {
  jenis: JenisFasilitas;
  subjenis?: SubjenisMesin | null | undefined;
  nama: string;
  kecamatanKode?: string | null | undefined;
  kelurahanKode?: string | null | undefined;
  lat?: number | null | undefined;
  lng?: number | null | undefined;
  kapasitasTonHari?: number | null | undefined;
  status?: StatusFasilitas | undefined;
  operator?: string | null | undefined;
  kuotaRitHarian?: number | null | undefined;
}

async function fasilitasValues(trx: Tx, cityId: string, input: FasilitasInput, selfId: string | null) {
  const errors: FieldError[] = [];
  const nama = cleanText(input.nama) ?? '';
  if (nama.length < 3 || nama.length > 120)
    errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.nama' });
  const subjenis = input.subjenis || null;
  if (input.jenis === 'mesin' && !subjenis)
    errors.push({ pointer: '/body/subjenis', detail: 'sampah.operasi.error.subjenisWajib' });
  if (input.jenis !== 'mesin' && subjenis)
    errors.push({ pointer: '/body/subjenis', detail: 'sampah.operasi.error.subjenisHanyaMesin' });
  const kuota = input.kuotaRitHarian ?? null;
  if (kuota !== null && input.jenis !== 'tpa')
    errors.push({ pointer: '/body/kuotaRitHarian', detail: 'sampah.operasi.error.kuotaHanyaTpa' });
  const lat = input.lat ?? null;
  const lng = input.lng ?? null;
  if ((lat === null) !== (lng === null))
    errors.push({
      pointer: lat === null ? '/body/lat' : '/body/lng',
      detail: 'sampah.operasi.error.koordinat',
    });

  let kecamatan = input.kecamatanKode || null;
  const kelurahan = input.kelurahanKode || null;
  if (kelurahan) {
    const w = await findWilayah(trx, kelurahan);
    if (!w || w.tingkat !== 'kelurahan' || !kelurahan.startsWith(`${cityId}.`)) {
      errors.push({ pointer: '/body/kelurahanKode', detail: 'sampah.operasi.error.wilayah' });
    } else if (kecamatan && w.induk !== kecamatan) {
      errors.push({ pointer: '/body/kelurahanKode', detail: 'sampah.operasi.error.kelurahanLuar' });
    } else {
      kecamatan = w.induk;
    }
  } else if (kecamatan) {
    const w = await findWilayah(trx, kecamatan);
    if (!w || w.tingkat !== 'kecamatan' || !kecamatan.startsWith(`${cityId}.`))
      errors.push({ pointer: '/body/kecamatanKode', detail: 'sampah.operasi.error.wilayah' });
  }
  if (nama.length >= 3) {
    // By tenant too: the owner (demo seeding) is not held by row-level security.
    let dup = trx
      .selectFrom('sampah_fasilitas')
      .select('id')
      .where('tenant_id', '=', cityId)
      .where('nama', '=', nama);
    if (selfId) dup = dup.where('id', '<>', selfId);
    if (await dup.executeTakeFirst())
      errors.push({ pointer: '/body/nama', detail: 'sampah.operasi.error.namaDipakai' });
  }
  checkErrors(errors);
  return {
    jenis: input.jenis,
    subjenis,
    nama,
    kecamatan_kode: kecamatan,
    kelurahan_kode: kelurahan,
    lat,
    lng,
    kapasitas_ton_hari: input.kapasitasTonHari ?? null,
    status: input.status ?? 'aktif',
    operator: cleanText(input.operator),
    kuota_rit_harian: kuota,
  };
}

export async function createFasilitas(
  trx: Tx,
  user: CurrentUser,
  input: FasilitasInput,
  opts: { demo?: boolean } = {},
): Promise<FasilitasView> {
  authorise(user, OPS_KELOLA);
  return insertFasilitas(trx, user.tenantId, input, opts);
}

/** Inserts a facility after the service rules (also the demo, as the owner). */
export async function insertFasilitas(
  trx: Tx,
  tenantId: string,
  input: FasilitasInput,
  opts: { demo?: boolean } = {},
): Promise<FasilitasView> {
  const v = await fasilitasValues(trx, tenantId, input, null);
  const row = await trx
    .insertInto('sampah_fasilitas')
    .values({ ...v, tenant_id: tenantId, demo: opts.demo ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fasilitasView(row, await regionNames(trx, tenantId));
}

export async function updateFasilitas(
  trx: Tx,
  user: CurrentUser,
  id: string,
  input: FasilitasInput,
): Promise<FasilitasView> {
  authorise(user, OPS_KELOLA);
  const row = await findFasilitas(trx, id);
  if (!row) throw notFound();
  const v = await fasilitasValues(trx, user.tenantId, input, row.id);
  const updated = await trx
    .updateTable('sampah_fasilitas')
    .set({ ...v, updated_at: new Date() })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return fasilitasView(updated, await regionNames(trx, user.tenantId));
}
