/**
 * The rules of the wilayah module. Regions are public reference data, limited to
 * the city in the URL. RW and RT are the city's own data, limited to the areas
 * of the officer's roles: an object outside them answers 404 (its existence is
 * not revealed), a visible object the user may not change answers 403.
 * Every function takes a transaction already scoped to the city. The RW/RT import from
 * spreadsheets is in impor-service.ts.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import { HttpProblem, badRequest, notFound, type FieldError, field } from '../../platform/http/problem.ts';
import { areasFor, can, covers, rwAreaKode, type CurrentUser } from '../../platform/auth/roles.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { normaliseTelepon, isTeleponValid } from '../../platform/telepon.ts';
import type { City } from '../../platform/tenancy/service.ts';
import {
  boundaryFeatures,
  countRegions,
  countRw,
  deleteRtRow,
  deleteRwRow,
  findRtByNomor,
  findRtRow,
  findRwByNomor,
  findRwRow,
  findWilayah,
  insertRt,
  insertRw,
  listKecamatanRows,
  listKelurahanRows,
  listRtRows,
  listRwRows,
  rwCountsByKelurahan,
  updateRtRow,
  updateRwRow,
  type RtRow,
  type RwRow,
  type RwValues,
  type WilayahRow,
  listKecamatanBatas,
} from './repository.ts';
import { KK_MAX, NAME_MAX, NOMOR_MAX } from './impor.ts';

export const LIHAT = 'wilayah.rw.lihat';
export const KELOLA = 'wilayah.rw.kelola';
export const IMPOR = 'wilayah.impor';
export const IMPORT_JOB = 'wilayah.impor';

// ---- Regions ----

export interface RegionView {
  kode: string;
  nama: string;
  tingkat: 'provinsi' | 'kota' | 'kecamatan' | 'kelurahan';
  induk: string | null;
  luasKm2: number | null;
  pendudukPria: number | null;
  pendudukWanita: number | null;
  pendudukTotal: number | null;
  lat: number | null;
  lng: number | null;
}

export interface KecamatanView extends RegionView {
  jumlahKelurahan: number;
  /** RWs the user may see in it; null when the user sees no RWs at all. */
  jumlahRw: number | null;
}

export interface KelurahanView extends RegionView {
  jumlahRw: number | null;
}

function regionView(w: WilayahRow): RegionView {
  return {
    kode: w.kode,
    nama: w.nama,
    tingkat: w.tingkat,
    induk: w.induk,
    luasKm2: w.luas_km2 === null ? null : Number(w.luas_km2),
    pendudukPria: w.penduduk_pria,
    pendudukWanita: w.penduduk_wanita,
    pendudukTotal: w.penduduk_total,
    lat: w.lat,
    lng: w.lng,
  };
}

/** The areas in which the user may see RWs, or null (anonymous, or no such permission). */
export function rwAreasOf(user: CurrentUser | null): string[] | null {
  return user && can(user, LIHAT) ? areasFor(user, LIHAT) : null;
}

/** May the user see RWs of (part of) this region? */
export function seesRwIn(user: CurrentUser | null, kode: string): boolean {
  const areas = rwAreasOf(user);
  return Boolean(areas?.some((a) => covers(a, kode) || covers(kode, a)));
}

function sumUnder(counts: Map<string, number> | null, prefix: string): number | null {
  if (!counts) return null;
  let n = 0;
  for (const [k, v] of counts) if (k.startsWith(`${prefix}.`)) n += v;
  return n;
}

export async function regionOverview(
  trx: Tx,
  city: City,
  user: CurrentUser | null,
): Promise<{
  kota: RegionView | null;
  kecamatan: KecamatanView[];
  jumlahKelurahan: number;
  jumlahRw: number | null;
}> {
  const kota = await findWilayah(trx, city.id);
  const rows = await listKecamatanRows(trx, city.id);
  const areas = rwAreasOf(user);
  const counts = areas ? await rwCountsByKelurahan(trx, areas, city.id) : null;
  const kecamatan = rows.map((r) => ({
    ...regionView(r),
    jumlahKelurahan: r.jumlah_kelurahan,
    jumlahRw: sumUnder(counts, r.kode),
  }));
  return {
    kota: kota ? regionView(kota) : null,
    kecamatan,
    jumlahKelurahan: kecamatan.reduce((n, k) => n + k.jumlahKelurahan, 0),
    jumlahRw: sumUnder(counts, city.id),
  };
}

async function kecamatanOf(trx: Tx, city: City, kode: string): Promise<WilayahRow> {
  const w = kode.startsWith(`${city.id}.`) ? await findWilayah(trx, kode) : undefined;
  if (!w || w.tingkat !== 'kecamatan') throw notFound('wilayah.err.kecamatanNotFound');
  return w;
}

export async function listKelurahan(
  trx: Tx,
  city: City,
  user: CurrentUser | null,
  kecamatan?: string,
): Promise<KelurahanView[]> {
  if (kecamatan) await kecamatanOf(trx, city, kecamatan);
  const rows = await listKelurahanRows(trx, city.id, kecamatan);
  const areas = rwAreasOf(user);
  const counts = areas ? await rwCountsByKelurahan(trx, areas, kecamatan ?? city.id) : null;
  return rows.map((r) => ({ ...regionView(r), jumlahRw: counts ? (counts.get(r.kode) ?? 0) : null }));
}

export interface RegionDetail {
  region: RegionView;
  parent: RegionView | null;
  /** For a kecamatan: its kelurahan. */
  kelurahan: KelurahanView[] | null;
  jumlahRw: number | null;
  /** For a kelurahan, when the user may see RWs there: the visible ones. */
  rw: RwView[] | null;
}

/** A kecamatan or kelurahan of the city; anything else (another city's code too) is 404. */
export async function regionDetail(
  trx: Tx,
  city: City,
  user: CurrentUser | null,
  kode: string,
): Promise<RegionDetail> {
  const w = kode.startsWith(`${city.id}.`) ? await findWilayah(trx, kode) : undefined;
  if (!w || (w.tingkat !== 'kecamatan' && w.tingkat !== 'kelurahan'))
    throw notFound('wilayah.err.regionNotFound');
  const parentRow = w.induk ? await findWilayah(trx, w.induk) : undefined;
  const areas = rwAreasOf(user);
  if (w.tingkat === 'kecamatan') {
    const kelurahan = await listKelurahan(trx, city, user, w.kode);
    return {
      region: regionView(w),
      parent: parentRow ? regionView(parentRow) : null,
      kelurahan,
      jumlahRw: areas ? kelurahan.reduce((n, k) => n + (k.jumlahRw ?? 0), 0) : null,
      rw: null,
    };
  }
  const rw = seesRwIn(user, w.kode)
    ? (
        await listRwRows(trx, { areas: areas ?? [], kelurahan: w.kode, limit: NOMOR_MAX, offset: 0 })
      ).rows.map(rwView)
    : null;
  return {
    region: regionView(w),
    parent: parentRow ? regionView(parentRow) : null,
    kelurahan: null,
    jumlahRw: areas ? (rw?.length ?? 0) : null,
    rw,
  };
}

/** GeoJSON FeatureCollection (text) of the city's kecamatan or kelurahan boundaries. */
export async function boundaries(
  trx: Tx,
  city: City,
  tingkat: 'kecamatan' | 'kelurahan',
  kecamatan?: string,
): Promise<string> {
  if (kecamatan) await kecamatanOf(trx, city, kecamatan);
  return boundaryFeatures(trx, city.id, tingkat, kecamatan);
}

// ---- RW and RT ----

export interface RwView {
  id: string;
  /** Area code of the RW: <kode kelurahan>.<nnn>. */
  kode: string;
  kelurahanKode: string;
  kelurahanNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
  nomor: number;
  ketuaNama: string | null;
  /** Masked (UU PDP): 0812****7890. */
  ketuaTelepon: string | null;
  jumlahKk: number | null;
  jumlahRt: number;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RtView {
  id: string;
  rwId: string;
  nomor: number;
  ketuaNama: string | null;
}

export function rwView(r: RwRow): RwView {
  return {
    id: r.id,
    kode: rwAreaKode(r.kelurahan_kode, r.nomor),
    kelurahanKode: r.kelurahan_kode,
    kelurahanNama: r.kelurahan_nama,
    kecamatanKode: r.kecamatan_kode,
    kecamatanNama: r.kecamatan_nama,
    nomor: r.nomor,
    ketuaNama: r.ketua_nama,
    ketuaTelepon: maskPhone(r.ketua_telepon),
    jumlahKk: r.jumlah_kk,
    jumlahRt: r.jumlah_rt,
    demo: r.demo,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

function rtView(r: RtRow): RtView {
  return { id: r.id, rwId: r.rw_id, nomor: r.nomor, ketuaNama: r.ketua_nama };
}

/** RW/RT numbers as people write them: 001. */
export const nomor3 = (n: number) => String(n).padStart(3, '0');

export function canManageRw(user: CurrentUser | null, rw: { kelurahanKode: string; nomor: number }): boolean {
  return can(user, KELOLA, rwAreaKode(rw.kelurahanKode, rw.nomor));
}

export interface RwListQuery {
  kecamatan?: string | undefined;
  kelurahan?: string | undefined;
  q?: string | undefined;
  page: number;
  perPage: number;
}

export async function listRw(
  trx: Tx,
  user: CurrentUser,
  query: RwListQuery,
): Promise<{ items: RwView[]; total: number; page: number; perPage: number }> {
  const { total, rows } = await listRwRows(trx, {
    areas: areasFor(user, LIHAT),
    kecamatan: query.kecamatan,
    kelurahan: query.kelurahan,
    q: query.q?.trim() || undefined,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return { items: rows.map(rwView), total, page: query.page, perPage: query.perPage };
}

/** The RW if the user may see it (or manage it); otherwise 404. */
async function visibleRw(trx: Tx, user: CurrentUser, id: string): Promise<RwRow> {
  const r = await findRwRow(trx, id);
  const area = r ? rwAreaKode(r.kelurahan_kode, r.nomor) : '';
  if (!r || !(can(user, LIHAT, area) || can(user, KELOLA, area))) throw notFound('wilayah.err.rwNotFound');
  return r;
}

/** The RW if the user may change it: 404 when invisible, 403 when visible but outside the user's management area. */
async function manageableRw(trx: Tx, user: CurrentUser, id: string): Promise<RwRow> {
  const r = await visibleRw(trx, user, id);
  if (!can(user, KELOLA, rwAreaKode(r.kelurahan_kode, r.nomor)))
    throw new HttpProblem(403, 'wilayah.err.outsideArea');
  return r;
}

export async function getRw(trx: Tx, user: CurrentUser, id: string): Promise<RwView & { rt: RtView[] }> {
  const r = await visibleRw(trx, user, id);
  return { ...rwView(r), rt: (await listRtRows(trx, r.id)).map(rtView) };
}

/** The RW with its unmasked phone number, for the edit form of an officer who manages it. */
export async function getRwForEdit(
  trx: Tx,
  user: CurrentUser,
  id: string,
): Promise<RwView & { ketuaTeleponLengkap: string | null }> {
  const r = await manageableRw(trx, user, id);
  return { ...rwView(r), ketuaTeleponLengkap: r.ketua_telepon };
}

export interface RwInput {
  kelurahanKode?: string | undefined;
  nomor?: number | null | undefined;
  ketuaNama?: string | null | undefined;
  ketuaTelepon?: string | null | undefined;
  jumlahKk?: number | null | undefined;
}

export interface RtInput {
  nomor?: number | null | undefined;
  ketuaNama?: string | null | undefined;
}

/** Spaces, dashes, dots and brackets people type in phone numbers go; empty is null. */
function cleanName(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = s.trim().replace(/\s+/g, ' ');
  return t === '' ? null : t;
}

/** Checks the number and head's name of an RW or RT, when present (the number is required when creating). */
function checkNomorAndKetua(input: RtInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (creating || input.nomor !== undefined) {
    if (input.nomor === null || input.nomor === undefined) errors.push(field('nomor', 'validation.required'));
    else if (!Number.isInteger(input.nomor) || input.nomor < 1 || input.nomor > NOMOR_MAX)
      errors.push(field('nomor', 'wilayah.err.nomorRange'));
  }
  const nama = cleanName(input.ketuaNama);
  if (nama && nama.length > NAME_MAX) errors.push(field('ketuaNama', 'wilayah.err.nameLength'));
  return errors;
}

/** A 409 for an RW or RT number already used in the same place. */
function nomorTaken(key: string, nomor: number): HttpProblem {
  return new HttpProblem(409, key, { params: { nomor: nomor3(nomor) }, errors: [field('nomor', key)] });
}

/** Checks the fields present in `input` (all required ones when creating). */
function checkRwInput(input: RwInput, creating: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (creating || input.kelurahanKode !== undefined) {
    if (!input.kelurahanKode) errors.push(field('kelurahanKode', 'validation.required'));
  }
  errors.push(...checkNomorAndKetua(input, creating));
  const tel = normaliseTelepon(input.ketuaTelepon);
  if (tel && !isTeleponValid(tel)) errors.push(field('ketuaTelepon', 'wilayah.err.phone'));
  const kk = input.jumlahKk;
  if (kk !== null && kk !== undefined && (!Number.isInteger(kk) || kk < 0 || kk > KK_MAX))
    errors.push(field('jumlahKk', 'wilayah.err.kkRange'));
  return errors;
}

async function kelurahanOf(trx: Tx, city: City, kode: string): Promise<WilayahRow | null> {
  const w = kode.startsWith(`${city.id}.`) ? await findWilayah(trx, kode) : undefined;
  return w && w.tingkat === 'kelurahan' ? w : null;
}

async function checkPlace(
  trx: Tx,
  city: City,
  user: CurrentUser,
  kelurahanKode: string,
  nomor: number,
  selfId: string | null,
): Promise<void> {
  if (!(await kelurahanOf(trx, city, kelurahanKode))) {
    throw badRequest('error.validation', [field('kelurahanKode', 'wilayah.err.kelurahanUnknown')]);
  }
  if (!can(user, KELOLA, rwAreaKode(kelurahanKode, nomor))) {
    throw new HttpProblem(403, 'wilayah.err.outsideArea', {
      errors: [field('kelurahanKode', 'wilayah.err.outsideArea')],
    });
  }
  const existing = await findRwByNomor(trx, kelurahanKode, nomor);
  if (existing && existing.id !== selfId) throw nomorTaken('wilayah.err.rwExists', nomor);
}

export async function createRw(trx: Tx, city: City, user: CurrentUser, input: RwInput): Promise<RwView> {
  const errors = checkRwInput(input, true);
  if (errors.length) throw badRequest('error.validation', errors);
  const kelurahanKode = input.kelurahanKode!;
  const nomor = input.nomor!;
  await checkPlace(trx, city, user, kelurahanKode, nomor, null);
  const id = await insertRw(trx, city.id, {
    kelurahan_kode: kelurahanKode,
    nomor,
    ketua_nama: cleanName(input.ketuaNama),
    ketua_telepon: normaliseTelepon(input.ketuaTelepon),
    jumlah_kk: input.jumlahKk ?? null,
  });
  return rwView((await findRwRow(trx, id))!);
}

/** Changes the fields present in `input`; null or "" clears an optional field. */
export async function updateRw(
  trx: Tx,
  city: City,
  user: CurrentUser,
  id: string,
  input: RwInput,
): Promise<RwView> {
  const current = await manageableRw(trx, user, id);
  const errors = checkRwInput(input, false);
  if (errors.length) throw badRequest('error.validation', errors);
  const kelurahanKode = input.kelurahanKode ?? current.kelurahan_kode;
  const nomor = input.nomor ?? current.nomor;
  if (kelurahanKode !== current.kelurahan_kode || nomor !== current.nomor) {
    await checkPlace(trx, city, user, kelurahanKode, nomor, current.id);
  }
  const set: Partial<RwValues> = { kelurahan_kode: kelurahanKode, nomor };
  if (input.ketuaNama !== undefined) set.ketua_nama = cleanName(input.ketuaNama);
  if (input.ketuaTelepon !== undefined) set.ketua_telepon = normaliseTelepon(input.ketuaTelepon);
  if (input.jumlahKk !== undefined) set.jumlah_kk = input.jumlahKk;
  await updateRwRow(trx, id, set);
  return rwView((await findRwRow(trx, id))!);
}

/** Deletes an RW and its RTs. */
export async function deleteRw(trx: Tx, user: CurrentUser, id: string): Promise<RwView> {
  const r = await manageableRw(trx, user, id);
  await deleteRwRow(trx, r.id);
  return rwView(r);
}

export async function listRt(trx: Tx, user: CurrentUser, rwId: string): Promise<RtView[]> {
  const r = await visibleRw(trx, user, rwId);
  return (await listRtRows(trx, r.id)).map(rtView);
}

async function checkRtNomor(trx: Tx, rwId: string, nomor: number, selfId: string | null): Promise<void> {
  const existing = await findRtByNomor(trx, rwId, nomor);
  if (existing && existing.id !== selfId) throw nomorTaken('wilayah.err.rtExists', nomor);
}

export async function createRt(
  trx: Tx,
  city: City,
  user: CurrentUser,
  rwId: string,
  input: RtInput,
): Promise<RtView> {
  const rw = await manageableRw(trx, user, rwId);
  const errors = checkNomorAndKetua(input, true);
  if (errors.length) throw badRequest('error.validation', errors);
  await checkRtNomor(trx, rw.id, input.nomor!, null);
  const id = await insertRt(trx, city.id, {
    rw_id: rw.id,
    nomor: input.nomor!,
    ketua_nama: cleanName(input.ketuaNama),
  });
  return rtView((await findRtRow(trx, id))!);
}

/** The RT and its RW if the user may change them (404 when invisible, 403 outside the management area). */
async function manageableRt(trx: Tx, user: CurrentUser, rtId: string): Promise<{ rt: RtRow; rw: RwRow }> {
  const rt = await findRtRow(trx, rtId);
  if (!rt) throw notFound('wilayah.err.rtNotFound');
  try {
    return { rt, rw: await manageableRw(trx, user, rt.rw_id) };
  } catch (err) {
    if (err instanceof HttpProblem && err.status === 404) throw notFound('wilayah.err.rtNotFound');
    throw err;
  }
}

export async function getRtForEdit(
  trx: Tx,
  user: CurrentUser,
  rtId: string,
): Promise<{ rt: RtView; rw: RwView }> {
  const { rt, rw } = await manageableRt(trx, user, rtId);
  return { rt: rtView(rt), rw: rwView(rw) };
}

export async function updateRt(trx: Tx, user: CurrentUser, rtId: string, input: RtInput): Promise<RtView> {
  const { rt } = await manageableRt(trx, user, rtId);
  const errors = checkNomorAndKetua(input, false);
  if (errors.length) throw badRequest('error.validation', errors);
  const set: { nomor?: number; ketua_nama?: string | null } = {};
  if (input.nomor !== undefined && input.nomor !== null && input.nomor !== rt.nomor) {
    await checkRtNomor(trx, rt.rw_id, input.nomor, rt.id);
    set.nomor = input.nomor;
  }
  if (input.ketuaNama !== undefined) set.ketua_nama = cleanName(input.ketuaNama);
  if (Object.keys(set).length) await updateRtRow(trx, rt.id, set);
  return rtView((await findRtRow(trx, rt.id))!);
}

export async function deleteRt(
  trx: Tx,
  user: CurrentUser,
  rtId: string,
): Promise<{ rt: RtView; rwId: string }> {
  const { rt } = await manageableRt(trx, user, rtId);
  await deleteRtRow(trx, rt.id);
  return { rt: rtView(rt), rwId: rt.rw_id };
}

/** Kelurahan grouped by kecamatan, for the pickers of the forms and filters. */
export type KelurahanGroups = { kode: string; nama: string; kelurahan: { kode: string; nama: string }[] }[];

/** The city's kelurahan that pass `keep` (all by default), grouped by kecamatan; kecamatan left without any are left out. */
export async function kelurahanGroups(
  trx: Tx,
  tenantId: string,
  keep: (kode: string) => boolean = () => true,
): Promise<KelurahanGroups> {
  const kecamatan = await listKecamatanRows(trx, tenantId);
  const kelurahan = (await listKelurahanRows(trx, tenantId)).filter((k) => keep(k.kode));
  return kecamatan
    .map((kc) => ({
      kode: kc.kode,
      nama: kc.nama,
      kelurahan: kelurahan.filter((k) => k.induk === kc.kode).map((k) => ({ kode: k.kode, nama: k.nama })),
    }))
    .filter((g) => g.kelurahan.length > 0);
}

/** Kelurahan in which the user may create RWs, grouped by kecamatan (for the form's list). */
export function manageableKelurahan(trx: Tx, city: City, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = areasFor(user, KELOLA);
  return kelurahanGroups(trx, city.id, (kode) => areas.some((a) => covers(a, kode)));
}

/** Kecamatan and kelurahan in which the user sees RWs (filters of the RW list). */
export function visibleRegions(trx: Tx, city: City, user: CurrentUser): Promise<KelurahanGroups> {
  const areas = areasFor(user, LIHAT);
  return kelurahanGroups(trx, city.id, (kode) => areas.some((a) => covers(a, kode) || covers(kode, a)));
}

// ---- Dashboard ----

export async function dashboardCounts(
  trx: Tx,
  city: City,
  user: CurrentUser,
): Promise<{ kecamatan: number; kelurahan: number; rw: number | null }> {
  const regions = await countRegions(trx, city.id);
  const areas = rwAreasOf(user);
  return { ...regions, rw: areas ? await countRw(trx, areas) : null };
}

/** For other modules: the boundaries of the city's kecamatan (GeoJSON geometries), where known. */
export function batasKecamatan(trx: Tx, cityId: string): Promise<unknown[]> {
  return listKecamatanBatas(trx, cityId);
}
