/**
 * Tonnage accounting: yearly settings (generation rate, Jakstrada targets), manual tonnage
 * entries, and the aggregation that feeds the SIPSN table and the waste dashboard. The
 * arithmetic is in tonase-hitung.ts; this file gathers its inputs and authorises:
 *  - population from the wilayah reference, or each kecamatan's figure the city set for a year
 *    (sampah_penduduk_kecamatan); RWs' kecamatan through the wilayah repository;
 *  - kg recovered by the bank sampah through bank-sampah/pemulihan.ts;
 *  - trips (penanganan) and today's TPA quota through a SumberOperasi (the operations area's
 *    service in the app, a fixture in tests).
 * Every function takes a transaction scoped to the city.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { bagianBaca, dalamRentang, tanggalRincian, type Rincian } from '../../platform/db/periode.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { badRequest, forbidden, notFound, type FieldError } from '../../platform/http/problem.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { findWilayah, listKecamatanRows } from '../wilayah/repository.ts';
import { isTanggal, pemulihanPerKecamatan } from '../bank-sampah/pemulihan.ts';
import {
  JENIS_CATATAN,
  KELOMPOK_JENIS,
  agregasi,
  hitungSipsn,
  sisaKecamatan,
  type HasilAgregasi,
  type JenisCatatan,
  type PenangananMasukan,
  type Periode,
  type Sipsn,
  type SisaKecamatan,
  type MasukanAgregasi,
} from './tonase-hitung.ts';
import { TONASE_ATUR, TONASE_CATAT, TONASE_LIHAT } from './permissions-tonase.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest range the aggregation accepts (days), so one request stays cheap. */
export const RENTANG_MAKS = 366 * 5;

/** Today's WIB date. */
export function hariIniWib(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

// ---- Where trips and the TPA quota come from ----

/** Today's trips to a TPA against its quota (a subset of what the operations area reports). */
export interface KuotaTpa {
  nama: string;
  /** Trips allowed per day, trips recorded today. */
  kuota: number;
  terpakai: number;
  /** terpakai / kuota × 100. */
  persen: number;
  tingkat: 'aman' | 'peringatan' | 'melebihi';
}

export interface SumberOperasi {
  /**
   * Tons of trips per WIB day (or month: src/platform/db/periode.ts), kecamatan of origin and
   * kind of destination; `kecamatan` keeps one kecamatan of origin.
   */
  penanganan(
    trx: Tx,
    q: { dari: string; sampai: string; per: Rincian; kecamatan?: string | undefined },
  ): Promise<PenangananMasukan[]>;
  /** Today's quota use of each TPA with a quota. */
  kuotaTpa(trx: Tx): Promise<KuotaTpa[]>;
}

/** No trips and no quota (a city without the operations data). */
export const tanpaOperasi: SumberOperasi = {
  penanganan: () => Promise.resolve([]),
  kuotaTpa: () => Promise.resolve([]),
};

// ---- Access ----

/** The user may see figures of the whole city. */
export function lihatKota(user: CurrentUser | null, city: City): boolean {
  return can(user, TONASE_LIHAT, city.id);
}

function cekLihat(user: CurrentUser, city: City, kecamatan: string | undefined): void {
  if (!can(user, TONASE_LIHAT)) throw forbidden();
  if (!can(user, TONASE_LIHAT, kecamatan ?? city.id)) throw forbidden();
}

async function cekKecamatan(trx: Tx, city: City, kode: string, pointer: string): Promise<void> {
  const w = kode.startsWith(`${city.id}.`) ? await findWilayah(trx, kode) : undefined;
  if (!w || w.tingkat !== 'kecamatan') {
    throw badRequest('sampah.tonase.kecamatanTidakValid', [
      { pointer, detail: 'sampah.pengaturan.err.kecamatan' },
    ]);
  }
}

// ---- Yearly settings ----

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

export async function daftarTahun(trx: Tx, city: City): Promise<TahunView[]> {
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
  return (await daftarTahun(trx, city)).find((t) => t.tahun === tahun) ?? null;
}

function cekTahun(tahun: number, pointer: string): FieldError | null {
  return Number.isInteger(tahun) && tahun >= 2000 && tahun <= 2100
    ? null
    : { pointer, detail: 'sampah.pengaturan.err.tahun' };
}

/** Sets a year's generation rate and targets (creates or replaces them). */
export async function aturTahun(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  input: TahunInput,
): Promise<TahunView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const errors: FieldError[] = [];
  const e = cekTahun(tahun, '/params/tahun');
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
async function pendudukPerTahun(
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
export async function bacaPendudukKecamatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
): Promise<PendudukKecamatanView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const e = cekTahun(tahun, '/params/tahun');
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
export async function aturPendudukKecamatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  input: readonly PendudukInput[],
): Promise<PendudukKecamatanView> {
  if (!can(user, TONASE_ATUR, city.id)) throw forbidden();
  const errors: FieldError[] = [];
  const e = cekTahun(tahun, '/params/tahun');
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
    const values = { penduduk: item.penduduk, sumber: item.sumber?.trim().replace(/\s+/g, ' ') || null };
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

// ---- Manual entries ----

export interface CatatanInput {
  tanggal: string;
  kecamatanKode?: string | null | undefined;
  jenis: string;
  ton: number;
  keterangan?: string | null | undefined;
}

export interface CatatanView {
  id: string;
  tanggal: string;
  kecamatanKode: string | null;
  jenis: JenisCatatan;
  ton: number;
  keterangan: string | null;
}

function catatanView(r: {
  id: string;
  tanggal: string;
  kecamatan_kode: string | null;
  jenis: string;
  ton: string;
  keterangan: string | null;
}): CatatanView {
  return {
    id: r.id,
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode,
    jenis: r.jenis as JenisCatatan,
    ton: Number(r.ton),
    keterangan: r.keterangan,
  };
}

/** Records a manual tonnage entry (in the user's area; not for a future day). */
export async function catatTonase(
  trx: Tx,
  city: City,
  user: CurrentUser,
  input: CatatanInput,
  now = new Date(),
): Promise<CatatanView> {
  const kec = input.kecamatanKode || null;
  const errors: FieldError[] = [];
  if (!isTanggal(input.tanggal)) errors.push({ pointer: '/body/tanggal', detail: 'validation.date' });
  else if (input.tanggal > hariIniWib(now))
    errors.push({ pointer: '/body/tanggal', detail: 'validation.notAfterToday' });
  else if (input.tanggal < '2000-01-01')
    errors.push({ pointer: '/body/tanggal', detail: 'validation.fromYear', params: { year: '2000' } });
  if (!(JENIS_CATATAN as readonly string[]).includes(input.jenis))
    errors.push({ pointer: '/body/jenis', detail: 'validation.enum' });
  if (typeof input.ton !== 'number' || !Number.isFinite(input.ton) || input.ton < 0 || input.ton > 100_000)
    errors.push({ pointer: '/body/ton', detail: 'sampah.tonase.catatan.tonTidakValid' });
  else if (Math.abs(input.ton * 1000 - Math.round(input.ton * 1000)) > 1e-6)
    errors.push({ pointer: '/body/ton', detail: 'validation.maxDecimals', params: { limit: 3 } });
  const ket = input.keterangan?.trim() || null;
  if (ket && ket.length > 300)
    errors.push({ pointer: '/body/keterangan', detail: 'validation.maxLength', params: { limit: 300 } });
  if (errors.length) throw badRequest('sampah.tonase.catatanTidakValid', errors);
  if (kec) await cekKecamatan(trx, city, kec, '/body/kecamatanKode');
  if (!can(user, TONASE_CATAT, kec ?? city.id)) throw forbidden();
  const row = await trx
    .insertInto('sampah_tonase_catatan')
    .values({
      tenant_id: city.id,
      tanggal: input.tanggal,
      kecamatan_kode: kec,
      jenis: input.jenis,
      ton: input.ton.toFixed(3),
      keterangan: ket,
      dicatat_oleh: user.id,
    })
    .returning(['id', 'tanggal', 'kecamatan_kode', 'jenis', 'ton', 'keterangan'])
    .executeTakeFirstOrThrow();
  return catatanView(row);
}

export interface CatatanQuery {
  dari: string;
  sampai: string;
  kecamatan?: string | undefined;
}

function cekRentang(q: { dari: string; sampai: string }): void {
  const errors: FieldError[] = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'validation.date' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'validation.date' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'validation.notBeforeStart' });
  if (!errors.length && (Date.parse(q.sampai) - Date.parse(q.dari)) / 86_400_000 >= RENTANG_MAKS)
    errors.push({ pointer: '/query/sampai', detail: 'validation.maxDays', params: { limit: RENTANG_MAKS } });
  if (errors.length) throw badRequest('sampah.tonase.rentangTidakValid', errors);
}

/** Manual entries of a range of days, newest first (a kecamatan officer: their kecamatan's). */
export async function daftarCatatan(
  trx: Tx,
  city: City,
  user: CurrentUser,
  q: CatatanQuery,
): Promise<CatatanView[]> {
  cekRentang(q);
  cekLihat(user, city, q.kecamatan);
  let query = trx
    .selectFrom('sampah_tonase_catatan')
    .select(['id', 'tanggal', 'kecamatan_kode', 'jenis', 'ton', 'keterangan'])
    .where('tenant_id', '=', city.id)
    .where('tanggal', '>=', q.dari)
    .where('tanggal', '<=', q.sampai);
  if (q.kecamatan) query = query.where('kecamatan_kode', '=', q.kecamatan);
  const rows = await query.orderBy('tanggal', 'desc').orderBy('created_at', 'desc').limit(1000).execute();
  return rows.map(catatanView);
}

/** Deletes a manual entry (404 when it is not the city's, 403 outside the user's area). */
export async function hapusCatatan(trx: Tx, city: City, user: CurrentUser, id: string): Promise<void> {
  if (!UUID_RE.test(id)) throw notFound();
  const row = await trx
    .selectFrom('sampah_tonase_catatan')
    .select(['id', 'kecamatan_kode'])
    .where('tenant_id', '=', city.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  const area = row.kecamatan_kode ?? city.id;
  if (!can(user, TONASE_LIHAT, area) && !can(user, TONASE_CATAT, area)) throw notFound();
  if (!can(user, TONASE_CATAT, area)) throw forbidden();
  await trx
    .deleteFrom('sampah_tonase_catatan')
    .where('tenant_id', '=', city.id)
    .where('id', '=', id)
    .execute();
}

// ---- Aggregation ----

export interface AgregasiQuery {
  dari: string;
  sampai: string;
  periode: Periode;
  /** One kecamatan only (then the "city" rows are that kecamatan's). */
  kecamatan?: string | undefined;
}

export interface Agregasi extends HasilAgregasi {
  wilayah: { kode: string; nama: string };
  kecamatanNama: Record<string, string>;
}

/**
 * Tonnage per period for the city (or one kecamatan) and per kecamatan, over a range of days.
 * The caller's right covers the city, or the kecamatan asked for.
 */
export async function agregasiTonase(
  trx: Tx,
  city: City,
  user: CurrentUser,
  q: AgregasiQuery,
  sumber: SumberOperasi,
): Promise<Agregasi> {
  cekRentang(q);
  if (q.kecamatan) await cekKecamatan(trx, city, q.kecamatan, '/query/kecamatan');
  cekLihat(user, city, q.kecamatan);
  return hitungAgregasi(trx, city, q, sumber);
}

/** The aggregation without authorisation (the caller checked), for the service and the demo. */
export async function hitungAgregasi(
  trx: Tx,
  city: City,
  q: AgregasiQuery,
  sumber: SumberOperasi,
): Promise<Agregasi> {
  const per: Rincian = q.periode === 'hari' ? 'hari' : 'bulan';
  return hasilAgregasi(await muatAgregasi(trx, city, { ...q, per }, sumber), q.periode);
}

/** What the aggregation of a range needs, read once (a dashboard aggregates it per year and per month). */
export interface MuatanAgregasi {
  masukan: Omit<MasukanAgregasi, 'periode'>;
  wilayah: { kode: string; nama: string };
  kecamatanNama: Record<string, string>;
}

/** The aggregation of loaded inputs per day, month or year (pure). */
export function hasilAgregasi(m: MuatanAgregasi, periode: Periode): Agregasi {
  return { ...agregasi({ ...m.masukan, periode }), wilayah: m.wilayah, kecamatanNama: m.kecamatanNama };
}

/**
 * Reads the inputs of a range: the city's settings and population, manual entries, what bank
 * sampah recovered (per kecamatan, from its daily summary) and what trucks carried (from the
 * operations' daily summary). With `per: 'bulan'` (enough for a monthly or yearly aggregation)
 * the sources sum their flows per month in the database; measured timbulan stays per day.
 */
export async function muatAgregasi(
  trx: Tx,
  city: City,
  q: Omit<AgregasiQuery, 'periode'> & { per: Rincian },
  sumber: SumberOperasi,
): Promise<MuatanAgregasi> {
  const kota = await findWilayah(trx, city.id);
  const semuaKec = await listKecamatanRows(trx, city.id);
  const tahunAwal = Number(q.dari.slice(0, 4));
  const tahunAkhir = Number(q.sampai.slice(0, 4));
  // Each year's kecamatan population where the city set it, else the reference.
  const perTahun = await pendudukPerTahun(trx, city, tahunAwal, tahunAkhir);
  const kecamatan = semuaKec
    .filter((k) => !q.kecamatan || k.kode === q.kecamatan)
    .map((k) => ({
      kode: k.kode,
      nama: k.nama,
      penduduk: k.penduduk_total,
      pendudukTahun: perTahun.get(k.kode),
    }));
  const laju: Record<number, number> = {};
  for (const t of await daftarTahun(trx, city)) {
    if (t.tahun >= tahunAwal && t.tahun <= tahunAkhir) laju[t.tahun] = t.lajuTimbulan;
  }

  // Manual entries: flows per day, or per month (whole months from their monthly summary, other
  // days from the entries); measured timbulan always per day (see agregasi).
  const jenisTimbulan = JENIS_CATATAN.filter((j) => KELOMPOK_JENIS[j] === 'timbulan');
  const baca = bagianBaca(q, q.per);
  const kec = q.kecamatan ? sql`and kecamatan_kode = ${q.kecamatan}` : sql``;
  const catatan = (
    await sql<{ tanggal: string; kecamatan_kode: string | null; jenis: JenisCatatan; ton: string }>`
      select tanggal, kecamatan_kode, jenis, sum(ton) as ton from (
        select bulan as tanggal, nullif(kecamatan_kode, '') as kecamatan_kode, jenis, ton
          from sampah_tonase_bulanan
         where tenant_id = ${city.id} and ${dalamRentang(sql`bulan`, baca.bulan ? [baca.bulan] : [])}
           and not (jenis = any(${jenisTimbulan}::text[])) ${kec}
        union all
        select case when jenis = any(${jenisTimbulan}::text[]) then tanggal
                    else ${tanggalRincian(sql`tanggal`, q.dari, q.per)} end, kecamatan_kode, jenis, ton
          from sampah_tonase_catatan
         where tenant_id = ${city.id} and tanggal between ${q.dari}::date and ${q.sampai}::date
           and (jenis = any(${jenisTimbulan}::text[]) or ${dalamRentang(sql`tanggal`, baca.hari)}) ${kec}) x
       group by 1, 2, 3`.execute(trx)
  ).rows.map((r) => ({
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode,
    jenis: r.jenis,
    ton: Number(r.ton),
  }));

  const rentang = { dari: q.dari, sampai: q.sampai, per: q.per, kecamatan: q.kecamatan };
  const pemulihan = await pemulihanPerKecamatan(trx, rentang);
  // A source may ignore `kecamatan` (a fixture): only that kecamatan's trips count for it.
  const penanganan = (await sumber.penanganan(trx, rentang)).filter(
    (p) => !q.kecamatan || p.kecamatanKode === q.kecamatan,
  );

  return {
    masukan: {
      dari: q.dari,
      sampai: q.sampai,
      pendudukKota: q.kecamatan ? null : (kota?.penduduk_total ?? null),
      kecamatan,
      laju,
      catatan,
      pemulihan,
      penanganan,
    },
    wilayah: q.kecamatan
      ? { kode: q.kecamatan, nama: kecamatan[0]?.nama ?? q.kecamatan }
      : { kode: city.id, nama: kota?.nama ?? city.name },
    kecamatanNama: Object.fromEntries(semuaKec.map((k) => [k.kode, k.nama])),
  };
}

// ---- SIPSN ----

export interface SipsnTahun {
  tahun: number;
  kota: { kode: string; nama: string };
  /** True when the year is not over yet (figures up to today). */
  berjalan: boolean;
  sampai: string;
  target: { pengurangan: number; penanganan: number } | null;
  lajuTimbulan: number | null;
  timbulanLengkap: boolean;
  sipsn: Sipsn;
  kecamatan: { kode: string; nama: string; timbulanLengkap: boolean; sipsn: Sipsn }[];
  /**
   * What the kecamatan rows do not hold (the city = Σ kecamatan + this, column by column), and
   * why; null when they add up to the city (always for one kecamatan's view).
   */
  tidakTeratribusi: SisaKecamatan | null;
}

/**
 * The SIPSN row of a year (up to today for the current year) for the city and per kecamatan, or
 * with `kecamatan` for that kecamatan only (a kecamatan officer's view).
 */
export async function sipsnTahun(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  sumber: SumberOperasi,
  now = new Date(),
  kecamatan?: string,
): Promise<SipsnTahun> {
  const e = cekTahun(tahun, '/params/tahun');
  if (e) throw badRequest('sampah.tonase.tahunTidakValid', [e]);
  if (kecamatan) await cekKecamatan(trx, city, kecamatan, '/query/kecamatan');
  cekLihat(user, city, kecamatan);
  return hitungSipsnTahun(trx, city, tahun, sumber, now, kecamatan);
}

export async function hitungSipsnTahun(
  trx: Tx,
  city: City,
  tahun: number,
  sumber: SumberOperasi,
  now = new Date(),
  kecamatan?: string,
  muatan?: MuatanAgregasi,
): Promise<SipsnTahun> {
  const hariIni = hariIniWib(now);
  const akhir = `${tahun}-12-31`;
  const sampai = akhir < hariIni ? akhir : hariIni;
  const berjalan = sampai !== akhir;
  const setelan = await getTahun(trx, city, tahun);
  if (sampai < `${tahun}-01-01`) {
    // A future year: nothing yet.
    const kosong = hitungSipsn({ timbulan: 0, pengurangan: 0, penanganan: 0, daurUlang: 0, bahanBaku: 0 });
    const kota = await findWilayah(trx, kecamatan ?? city.id);
    return {
      tahun,
      kota: { kode: kecamatan ?? city.id, nama: kota?.nama ?? city.name },
      berjalan: true,
      sampai,
      target: setelan
        ? { pengurangan: setelan.targetPengurangan, penanganan: setelan.targetPenanganan }
        : null,
      lajuTimbulan: setelan?.lajuTimbulan ?? null,
      timbulanLengkap: false,
      sipsn: kosong,
      kecamatan: [],
      tidakTeratribusi: null,
    };
  }
  const a = muatan
    ? hasilAgregasi(muatan, 'tahun')
    : await hitungAgregasi(
        trx,
        city,
        { dari: `${tahun}-01-01`, sampai, periode: 'tahun', kecamatan },
        sumber,
      );
  const sipsn = hitungSipsn(a.total);
  const kecamatanBaris = a.kecamatan.map((b) => ({
    kode: b.kecamatanKode!,
    nama: a.kecamatanNama[b.kecamatanKode!] ?? b.kecamatanKode!,
    timbulanLengkap: b.angka.timbulanLengkap,
    sipsn: hitungSipsn(b.angka),
  }));
  return {
    tahun,
    kota: a.wilayah,
    berjalan,
    sampai,
    target: setelan ? { pengurangan: setelan.targetPengurangan, penanganan: setelan.targetPenanganan } : null,
    lajuTimbulan: setelan?.lajuTimbulan ?? null,
    timbulanLengkap: a.total.timbulanLengkap,
    sipsn,
    kecamatan: kecamatanBaris,
    tidakTeratribusi: sisaKecamatan(
      sipsn,
      kecamatanBaris.map((k) => k.sipsn),
      a.tanpaKecamatan,
    ),
  };
}

// ---- Dashboard ----

export interface DasborTonase {
  tahun: number;
  /** The kecamatan shown, or null for the whole city. */
  kecamatan: string | null;
  sipsn: SipsnTahun;
  bulanan: { bulan: string; sipsn: Sipsn; timbulanLengkap: boolean }[];
  kuotaTpa: KuotaTpa[];
}

/**
 * The waste dashboard of the city, or of one kecamatan: the year so far against the city's
 * targets, month by month, and the TPA quota today (the city's TPA serves every kecamatan).
 */
export async function dasborTonase(
  trx: Tx,
  city: City,
  user: CurrentUser,
  tahun: number,
  sumber: SumberOperasi,
  opts: { kecamatan?: string | undefined; now?: Date } = {},
): Promise<DasborTonase> {
  const e = cekTahun(tahun, '/query/tahun');
  if (e) throw badRequest('sampah.tonase.tahunTidakValid', [e]);
  if (opts.kecamatan) await cekKecamatan(trx, city, opts.kecamatan, '/query/kecamatan');
  cekLihat(user, city, opts.kecamatan);
  const hariIni = hariIniWib(opts.now);
  const akhir = `${tahun}-12-31`;
  const sampai = akhir < hariIni ? akhir : hariIni;
  // The year's sources are read once, then aggregated per year and per month.
  const muatan =
    sampai < `${tahun}-01-01`
      ? undefined
      : await muatAgregasi(
          trx,
          city,
          { dari: `${tahun}-01-01`, sampai, kecamatan: opts.kecamatan, per: 'bulan' },
          sumber,
        );
  const sipsn = await hitungSipsnTahun(trx, city, tahun, sumber, opts.now, opts.kecamatan, muatan);
  const bulanan = muatan
    ? hasilAgregasi(muatan, 'bulan').kota.map((b) => ({
        bulan: b.periode,
        sipsn: hitungSipsn(b.angka),
        timbulanLengkap: b.angka.timbulanLengkap,
      }))
    : [];
  return { tahun, kecamatan: opts.kecamatan ?? null, sipsn, bulanan, kuotaTpa: await sumber.kuotaTpa(trx) };
}
