/**
 * The trip log (ritase) of the waste operations and the TPA quota.
 *
 * Rules of the trip log:
 *  - a trip goes from one or more collection points (titik kumpul, TPS, TPST, TPS3R) to a
 *    destination that is not a collection point, in an active vehicle, within a shift;
 *  - 0 <= ton <= the vehicle's capacity in tonnes × 1.2; arrival after departure, within 24 hours,
 *    and not in the future;
 *  - a trip's date is the WIB date of its arrival. A trip to a TPA beyond the TPA's daily quota is
 *    recorded but flagged (melebihi_kuota): the truck is already at the gate. The quota panel warns
 *    from 90 % of the quota.
 */
import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { badRequest, HttpProblem, notFound, type FieldError } from '../../../platform/http/problem.ts';
import { cleanText } from '../../../platform/text.ts';
import { isTanggal, todayWib } from '../../../platform/waktu.ts';
import { OPS_LIHAT, OPS_RITASE } from './permissions-operasi.ts';
import { JENIS_ASAL, type JenisFasilitas, type TingkatKuota } from './operasi-schemas.ts';
import { authorise, UUID_RE } from './operasi-access.ts';
import { findFasilitas } from './fasilitas-service.ts';
import { findKendaraan } from './armada-service.ts';

/** A vehicle may carry up to this factor of its rated tonnes (wet, compacted waste). */
export const TOLERANSI_MUATAN = 1.2;
/** From this share of the quota on, the panel warns. */
export const AMBANG_PERINGATAN = 0.9;

/**
 * An instant from an ISO date-time; without an offset ("2026-11-28T07:30", as a
 * datetime-local input sends) it is read as WIB. Null when not a valid time.
 */
export function parseWaktu(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(
    s.trim(),
  );
  if (!m || !isTanggal(m[1]!)) return null;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return null;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${m[6] ?? '+07:00'}`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A 400 unless the query's tanggal is a real date. */
function checkTanggal(tanggal: string): void {
  if (!isTanggal(tanggal))
    throw badRequest('sampah.operasi.error.invalid', [
      { pointer: '/query/tanggal', detail: 'sampah.operasi.error.tanggal' },
    ]);
}

/** The quota level of a TPA with `terpakai` trips of `kuota`. */
export function tingkatKuota(terpakai: number, kuota: number): TingkatKuota {
  if (terpakai > kuota) return 'melebihi';
  if (terpakai >= kuota * AMBANG_PERINGATAN) return 'peringatan';
  return 'aman';
}

export interface RitaseInput {
  kendaraanId: string;
  shiftId: string;
  asalIds: string[];
  tujuanId: string;
  ton: number;
  /** ISO date-times; without an offset read as WIB. */
  berangkat: string;
  tiba: string;
  catatan?: string | null | undefined;
}

export interface RitaseView {
  id: string;
  tanggal: string;
  kendaraanId: string;
  platNomor: string;
  shiftId: string;
  shiftNama: string;
  asal: { id: string; nama: string }[];
  tujuanId: string;
  tujuanNama: string;
  tujuanJenis: JenisFasilitas;
  ton: number;
  berangkat: string;
  tiba: string;
  melebihiKuota: boolean;
  catatan: string | null;
}

export interface KuotaTpa {
  fasilitasId: string;
  nama: string;
  tanggal: string;
  /** Trips allowed per day. */
  kuota: number;
  /** Trips recorded that day. */
  terpakai: number;
  sisa: number;
  /** terpakai / kuota × 100, one decimal. */
  persen: number;
  ton: number;
  tingkat: TingkatKuota;
}

export interface RitaseHasil {
  ritase: RitaseView;
  /** The quota of the destination TPA on the trip's day, after this trip (null: no quota). */
  kuota: KuotaTpa | null;
}

/**
 * Records a trip. Unknown (or another city's) vehicle, shift or facilities: 404. Invalid values: 400
 * with pointers, nothing written. A trip beyond a TPA's quota is recorded and flagged.
 */
export async function createRitase(
  trx: Tx,
  user: CurrentUser,
  input: RitaseInput,
  opts: { now?: Date } = {},
): Promise<RitaseHasil> {
  authorise(user, OPS_RITASE);
  return insertRitase(trx, user.tenantId, input, { ...opts, userId: user.id });
}

/** The rules and the insert of createRitase (also the demo, as the owner). */
export async function insertRitase(
  trx: Tx,
  tenantId: string,
  input: RitaseInput,
  opts: { now?: Date; userId?: string | null; demo?: boolean } = {},
): Promise<RitaseHasil> {
  const kendaraan = await findKendaraan(trx, input.kendaraanId);
  if (!kendaraan) throw notFound('sampah.operasi.error.kendaraanTidakAda');
  const shift = UUID_RE.test(input.shiftId)
    ? await trx.selectFrom('sampah_shift').selectAll().where('id', '=', input.shiftId).executeTakeFirst()
    : undefined;
  if (!shift) throw notFound('sampah.operasi.error.shiftTidakAda');
  const tujuan = await findFasilitas(trx, input.tujuanId);
  if (!tujuan) throw notFound('sampah.operasi.error.fasilitasTidakAda');
  const asalIds = [...new Set(input.asalIds)];
  const asal = asalIds.length
    ? await trx
        .selectFrom('sampah_fasilitas')
        .select(['id', 'nama', 'jenis', 'status'])
        .where(
          'id',
          'in',
          asalIds.filter((id) => UUID_RE.test(id)),
        )
        .execute()
    : [];
  if (asal.length !== asalIds.length) throw notFound('sampah.operasi.error.fasilitasTidakAda');

  const errors: FieldError[] = [];
  if (kendaraan.status !== 'aktif')
    errors.push({ pointer: '/body/kendaraanId', detail: 'sampah.operasi.error.kendaraanTidakAktif' });
  if (tujuan.jenis === 'titik_kumpul')
    errors.push({ pointer: '/body/tujuanId', detail: 'sampah.operasi.error.tujuanJenis' });
  else if (tujuan.status === 'rencana')
    errors.push({ pointer: '/body/tujuanId', detail: 'sampah.operasi.error.tujuanRencana' });
  if (!asalIds.length) errors.push({ pointer: '/body/asalIds', detail: 'sampah.operasi.error.asalWajib' });
  asalIds.forEach((id, i) => {
    const a = asal.find((x) => x.id === id);
    if (id === tujuan.id)
      errors.push({ pointer: `/body/asalIds/${i}`, detail: 'sampah.operasi.error.asalSamaTujuan' });
    else if (a && !JENIS_ASAL.includes(a.jenis))
      errors.push({ pointer: `/body/asalIds/${i}`, detail: 'sampah.operasi.error.asalJenis' });
  });
  const batas = Math.round(Number(kendaraan.kapasitas_ton) * TOLERANSI_MUATAN * 1000) / 1000;
  if (!Number.isFinite(input.ton) || input.ton < 0)
    errors.push({ pointer: '/body/ton', detail: 'sampah.operasi.error.tonNegatif' });
  else if (input.ton > batas)
    errors.push({ pointer: '/body/ton', detail: 'sampah.operasi.error.tonMelebihiKapasitas' });
  const berangkat = parseWaktu(input.berangkat);
  const tiba = parseWaktu(input.tiba);
  const now = opts.now ?? new Date();
  if (!berangkat) errors.push({ pointer: '/body/berangkat', detail: 'sampah.operasi.error.waktu' });
  if (!tiba) errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.waktu' });
  if (berangkat && tiba) {
    if (tiba.getTime() <= berangkat.getTime())
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.tibaSebelumBerangkat' });
    else if (tiba.getTime() - berangkat.getTime() > 24 * 3600_000)
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.terlaluLama' });
    else if (tiba.getTime() > now.getTime() + 15 * 60_000)
      errors.push({ pointer: '/body/tiba', detail: 'sampah.operasi.error.masaDepan' });
  }
  const catatan = cleanText(input.catatan);
  if (catatan && catatan.length > 500)
    errors.push({ pointer: '/body/catatan', detail: 'sampah.operasi.error.catatan' });
  if (errors.length)
    throw new HttpProblem(400, 'sampah.operasi.error.invalid', {
      errors,
      params: { batas: batas.toLocaleString('id-ID') },
    });

  const tanggal = todayWib(tiba!);
  let melebihi = false;
  if (tujuan.jenis === 'tpa' && tujuan.kuota_rit_harian !== null) {
    // One trip at a time per TPA, so two clerks cannot both take the last slot unflagged.
    await trx.selectFrom('sampah_fasilitas').select('id').where('id', '=', tujuan.id).forUpdate().execute();
    const terpakai = await countRit(trx, tujuan.id, tanggal);
    melebihi = terpakai + 1 > tujuan.kuota_rit_harian;
  }
  const row = await trx
    .insertInto('sampah_ritase')
    .values({
      tenant_id: tenantId,
      kendaraan_id: kendaraan.id,
      shift_id: shift.id,
      tujuan_id: tujuan.id,
      ton: input.ton.toFixed(3),
      berangkat: berangkat!,
      tiba: tiba!,
      tanggal,
      melebihi_kuota: melebihi,
      catatan,
      dicatat_oleh: opts.userId ?? null,
      demo: opts.demo ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('sampah_ritase_asal')
    .values(asalIds.map((fasilitas_id) => ({ tenant_id: tenantId, ritase_id: row.id, fasilitas_id })))
    .execute();
  const [view] = await ritaseViews(trx, { ids: [row.id] });
  const kuota =
    tujuan.jenis === 'tpa' && tujuan.kuota_rit_harian !== null
      ? ((await kuotaTpa(trx, tanggal)).find((k) => k.fasilitasId === tujuan.id) ?? null)
      : null;
  return { ritase: view!, kuota };
}

async function countRit(trx: Tx, tujuanId: string, tanggal: string): Promise<number> {
  const r = await trx
    .selectFrom('sampah_ritase')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tujuan_id', '=', tujuanId)
    .where('tanggal', '=', tanggal)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function ritaseViews(
  trx: Tx,
  f: { ids?: string[]; tanggal?: string; limit?: number },
): Promise<RitaseView[]> {
  let q = trx
    .selectFrom('sampah_ritase as r')
    .innerJoin('sampah_kendaraan as k', 'k.id', 'r.kendaraan_id')
    .innerJoin('sampah_shift as s', 's.id', 'r.shift_id')
    .innerJoin('sampah_fasilitas as t', 't.id', 'r.tujuan_id')
    .select([
      'r.id',
      'r.tanggal',
      'r.kendaraan_id',
      'k.plat_nomor',
      'r.shift_id',
      's.nama as shift_nama',
      'r.tujuan_id',
      't.nama as tujuan_nama',
      't.jenis as tujuan_jenis',
      'r.ton',
      'r.berangkat',
      'r.tiba',
      'r.melebihi_kuota',
      'r.catatan',
    ]);
  if (f.ids) q = q.where('r.id', 'in', f.ids);
  if (f.tanggal) q = q.where('r.tanggal', '=', f.tanggal);
  const rows = await q
    .orderBy('r.tiba', 'desc')
    .limit(f.limit ?? 500)
    .execute();
  if (!rows.length) return [];
  const asal = await trx
    .selectFrom('sampah_ritase_asal as a')
    .innerJoin('sampah_fasilitas as f', 'f.id', 'a.fasilitas_id')
    .select(['a.ritase_id', 'f.id', 'f.nama'])
    .where(
      'a.ritase_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('f.nama')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    tanggal: r.tanggal,
    kendaraanId: r.kendaraan_id,
    platNomor: r.plat_nomor,
    shiftId: r.shift_id,
    shiftNama: r.shift_nama,
    asal: asal.filter((a) => a.ritase_id === r.id).map((a) => ({ id: a.id, nama: a.nama })),
    tujuanId: r.tujuan_id,
    tujuanNama: r.tujuan_nama,
    tujuanJenis: r.tujuan_jenis,
    ton: Number(r.ton),
    berangkat: r.berangkat.toISOString(),
    tiba: r.tiba.toISOString(),
    melebihiKuota: r.melebihi_kuota,
    catatan: r.catatan,
  }));
}

/** Trips of a WIB day (default today), latest first. */
export async function listRitase(
  trx: Tx,
  user: CurrentUser,
  q: { tanggal?: string | undefined } = {},
): Promise<RitaseView[]> {
  authorise(user, OPS_LIHAT);
  const tanggal = q.tanggal ?? todayWib();
  checkTanggal(tanggal);
  return ritaseViews(trx, { tanggal });
}

// ---- For the tonnage module and the quota panel ----

async function kuotaTpa(trx: Tx, tanggal: string): Promise<KuotaTpa[]> {
  const rows = await trx
    .selectFrom('sampah_fasilitas as f')
    .leftJoin('sampah_ritase as r', (j) => j.onRef('r.tujuan_id', '=', 'f.id').on('r.tanggal', '=', tanggal))
    .select((eb) => [
      'f.id',
      'f.nama',
      'f.kuota_rit_harian',
      eb.fn.count<string>('r.id').as('rit'),
      sql<string>`coalesce(sum(r.ton), 0)`.as('ton'),
    ])
    .where('f.jenis', '=', 'tpa')
    .where('f.kuota_rit_harian', 'is not', null)
    .groupBy(['f.id', 'f.nama', 'f.kuota_rit_harian'])
    .orderBy('f.nama')
    .execute();
  return rows.map((r) => {
    const kuota = r.kuota_rit_harian!;
    const terpakai = Number(r.rit);
    return {
      fasilitasId: r.id,
      nama: r.nama,
      tanggal,
      kuota,
      terpakai,
      sisa: Math.max(0, kuota - terpakai),
      persen: Math.round((terpakai / kuota) * 1000) / 10,
      ton: Math.round(Number(r.ton) * 1000) / 1000,
      tingkat: tingkatKuota(terpakai, kuota),
    };
  });
}

/**
 * Today's (WIB) use of each TPA's daily trip quota, one entry per TPA with a quota, by name.
 * `tanggal` looks at another day (tests, history). The caller authorises.
 */
export async function listKuotaTpa(trx: Tx, opts: { tanggal?: string } = {}): Promise<KuotaTpa[]> {
  const tanggal = opts.tanggal ?? todayWib();
  checkTanggal(tanggal);
  return kuotaTpa(trx, tanggal);
}
