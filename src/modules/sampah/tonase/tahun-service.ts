/**
 * The yearly settings of the tonnage accounting: each year's generation rate and Jakstrada targets,
 * and the population of each kecamatan the city set for a year (else the wilayah reference
 * applies). Regions come through the wilayah module's face.
 */
import type { Tx } from '../../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, forbidden, type FieldError } from '../../../platform/http/problem.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { cleanText } from '../../../platform/text.ts';
import { findWilayah, listKecamatanRows } from '../../wilayah/api.ts';
import { TONASE_ATUR } from './permissions-tonase.ts';
import { checkTahun } from './tonase-access.ts';

export interface TahunView {
  tahun: number;
  lajuTimbulan: number;
  targetPengurangan: number;
  targetPenanganan: number;
}

export interface TahunInput {
  lajuTimbulan: number;
  targetPengurangan: number;
  targetPenanganan: number;
}

export async function listTahun(trx: Tx, city: City): Promise<TahunView[]> {
  const rows = await trx
    .selectFrom('sampah_tonase_tahun')
    .selectAll()
    .where('tenant_id', '=', city.id)
    .orderBy('tahun', 'desc')
    .execute();
  return rows.map((r) => ({
    tahun: r.tahun,
    lajuTimbulan: Number(r.laju_timbulan),
    targetPengurangan: Number(r.target_pengurangan),
    targetPenanganan: Number(r.target_penanganan),
  }));
}

export async function getTahun(trx: Tx, city: City, tahun: number): Promise<TahunView | null> {
  return (await listTahun(trx, city)).find((t) => t.tahun === tahun) ?? null;
}

/** Sets a year's generation rate and targets (creates or replaces them). */
export async function saveTahun(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  input: TahunInput,
): Promise<TahunView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const errors: FieldError[] = [];
  const e = checkTahun(tahun, '/params/tahun');
  if (e) errors.push(e);
  if (!(input.lajuTimbulan > 0 && input.lajuTimbulan <= 5) || !Number.isFinite(input.lajuTimbulan))
    errors.push({ pointer: '/body/lajuTimbulan', detail: 'sampah.pengaturan.err.laju' });
  for (const k of ['targetPengurangan', 'targetPenanganan'] as const) {
    if (!(input[k] >= 0 && input[k] <= 100))
      errors.push({ pointer: `/body/${k}`, detail: 'sampah.pengaturan.err.persen' });
  }
  if (!errors.length && input.targetPengurangan + input.targetPenanganan > 100)
    errors.push({ pointer: '/body/targetPenanganan', detail: 'sampah.pengaturan.err.jumlahTarget' });
  if (errors.length) throw badRequest('sampah.tonase.tahunTidakValid', errors);
  const values = {
    laju_timbulan: input.lajuTimbulan.toFixed(3),
    target_pengurangan: input.targetPengurangan.toFixed(2),
    target_penanganan: input.targetPenanganan.toFixed(2),
  };
  await trx
    .insertInto('sampah_tonase_tahun')
    .values({ tenant_id: city.id, tahun, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'tahun']).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
  return { tahun, ...input };
}

// ---- Population per kecamatan and year ----

/** Largest population of one kecamatan accepted. */
export const PENDUDUK_MAKS = 5_000_000;

export interface PendudukKecamatanBaris {
  kode: string;
  nama: string;
  /** The figure set for the year, or null (the reference applies). */
  penduduk: number | null;
  sumber: string | null;
  /** The kecamatan's population in the wilayah reference (often empty). */
  pendudukReferensi: number | null;
}

export interface PendudukKecamatanView {
  tahun: number;
  /** The city's population in the wilayah reference. */
  pendudukKota: number | null;
  /** Sum of the figures set for the year. */
  jumlah: number;
  /** Every kecamatan has a figure for the year. */
  lengkap: boolean;
  kecamatan: PendudukKecamatanBaris[];
}

export interface PendudukInput {
  kecamatanKode: string;
  /** null: remove the year's figure (the reference applies again). */
  penduduk: number | null;
  sumber?: string | null | undefined;
}

/** Figures set per kecamatan for the years from..to: kode → year → population. */
export async function pendudukPerTahun(
  trx: Tx,
  city: City,
  dari: number,
  sampai: number,
): Promise<Map<string, Record<number, number>>> {
  const rows = await trx
    .selectFrom('sampah_penduduk_kecamatan')
    .select(['tahun', 'kecamatan_kode', 'penduduk'])
    .where('tenant_id', '=', city.id)
    .where('tahun', '>=', dari)
    .where('tahun', '<=', sampai)
    .execute();
  const out = new Map<string, Record<number, number>>();
  for (const r of rows) {
    let m = out.get(r.kecamatan_kode);
    if (!m) out.set(r.kecamatan_kode, (m = {}));
    m[r.tahun] = r.penduduk;
  }
  return out;
}

/** The population of every kecamatan of the city in a year (the figures set, and the reference). */
export async function getPendudukKecamatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
): Promise<PendudukKecamatanView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const e = checkTahun(tahun, '/params/tahun');
  if (e) throw badRequest('sampah.tonase.tahunTidakValid', [e]);
  return pendudukView(trx, city, tahun);
}

async function pendudukView(trx: Tx, city: City, tahun: number): Promise<PendudukKecamatanView> {
  const kota = await findWilayah(trx, city.id);
  const rows = await trx
    .selectFrom('sampah_penduduk_kecamatan')
    .select(['kecamatan_kode', 'penduduk', 'sumber'])
    .where('tenant_id', '=', city.id)
    .where('tahun', '=', tahun)
    .execute();
  const set = new Map(rows.map((r) => [r.kecamatan_kode, r]));
  const kecamatan = (await listKecamatanRows(trx, city.id)).map((k) => ({
    kode: k.kode,
    nama: k.nama,
    penduduk: set.get(k.kode)?.penduduk ?? null,
    sumber: set.get(k.kode)?.sumber ?? null,
    pendudukReferensi: k.penduduk_total,
  }));
  return {
    tahun,
    pendudukKota: kota?.penduduk_total ?? null,
    jumlah: kecamatan.reduce((s, k) => s + (k.penduduk ?? 0), 0),
    lengkap: kecamatan.length > 0 && kecamatan.every((k) => k.penduduk !== null),
    kecamatan,
  };
}

/**
 * Sets (or, with penduduk null, removes) the population of kecamatan of the city in a year; the
 * kecamatan not listed keep theirs. All or nothing: 400 with a pointer per bad item.
 */
export async function savePendudukKecamatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  input: readonly PendudukInput[],
): Promise<PendudukKecamatanView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const errors: FieldError[] = [];
  const e = checkTahun(tahun, '/params/tahun');
  if (e) errors.push(e);
  const kecKota = new Set((await listKecamatanRows(trx, city.id)).map((k) => k.kode));
  const dilihat = new Set<string>();
  input.forEach((item, i) => {
    const at = `/body/kecamatan/${i}`;
    if (!kecKota.has(item.kecamatanKode))
      errors.push({ pointer: `${at}/kecamatanKode`, detail: 'sampah.pengaturan.err.kecamatan' });
    else if (dilihat.has(item.kecamatanKode))
      errors.push({ pointer: `${at}/kecamatanKode`, detail: 'validation.listedTwice' });
    dilihat.add(item.kecamatanKode);
    const p = item.penduduk;
    if (p !== null && !(Number.isInteger(p) && p >= 0 && p <= PENDUDUK_MAKS))
      errors.push({ pointer: `${at}/penduduk`, detail: 'sampah.pengaturan.err.penduduk' });
    if (typeof item.sumber === 'string' && item.sumber.trim().length > 200)
      errors.push({ pointer: `${at}/sumber`, detail: 'sampah.pengaturan.err.sumber' });
  });
  if (errors.length) throw badRequest('sampah.tonase.pendudukTidakValid', errors);
  for (const item of input) {
    if (item.penduduk === null) {
      await trx
        .deleteFrom('sampah_penduduk_kecamatan')
        .where('tenant_id', '=', city.id)
        .where('tahun', '=', tahun)
        .where('kecamatan_kode', '=', item.kecamatanKode)
        .execute();
      continue;
    }
    const values = { penduduk: item.penduduk, sumber: cleanText(item.sumber) };
    await trx
      .insertInto('sampah_penduduk_kecamatan')
      .values({ tenant_id: city.id, tahun, kecamatan_kode: item.kecamatanKode, ...values })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'tahun', 'kecamatan_kode'])
          .doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .execute();
  }
  return pendudukView(trx, city, tahun);
}
