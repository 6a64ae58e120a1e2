/**
 * What the bank sampah recover, for the city's waste programme (Kawasan Bebas Sampah, waste
 * reduction reports). Other modules call these functions and never read the ledger tables.
 *
 * Counting rule (the same in the monthly reports, laporan.ts):
 *  - recovered waste is the stock lines of deposits (setoran), in kg per national category;
 *  - a reversal of a deposit counts on the day it is posted, with its lines negated, so a day or
 *    month is never rewritten after the fact (a correction shows when it was made), and any range
 *    of days sums to what stands;
 *  - a deposit at an induk created by a unit bank's sale (terkait_id set), and its reversal, are
 *    NOT counted: that waste was counted when members deposited it at the unit;
 *  - the RW is the one recorded on the entry: the member's RW, else the bank's. Entries with no
 *    RW (an institution's bank whose member has no RW, a member deposit at an induk without an
 *    RW) are reported with rwId null, so city totals stay complete; a caller that filters by
 *    RW (rwIds) gets only those RWs.
 *
 * The caller authorises: these functions see whatever the city's transaction sees.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { planRentang, inRentang, rincianTanggal, type Rincian } from '../../platform/db/periode.ts';
import { badRequest } from '../../platform/http/problem.ts';
import { toMilli } from './ledger.ts';
import { isTanggal, nextDay, wibStart } from '../../platform/waktu.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A sum of numeric(…, 3) kg from PostgreSQL as a number with at most 3 decimals. */
export function kgAngka(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const milli = toMilli(String(value));
  return Number.isFinite(milli) ? milli / 1000 : Number(value);
}

/**
 * SQL condition on a journal entry `j` (with its original `asal` left-joined on membatalkan_id):
 * the entry is a member deposit or the reversal of one, not a unit's sale arriving at its induk.
 */
export const setoranWarga = sql<boolean>`((j.jenis = 'setoran' and j.terkait_id is null)
  or (j.jenis = 'pembatalan' and asal.jenis = 'setoran' and asal.terkait_id is null))`;

/**
 * The same condition on `j` alone: the original of a reversal is looked up by its key rather than
 * left-joined, so a range of days reads only that range's entries, not the city's whole journal.
 */
const setoranWargaJ = sql<boolean>`((j.jenis = 'setoran' and j.terkait_id is null)
  or (j.jenis = 'pembatalan' and exists (select 1 from bank_sampah_jurnal asal
        where asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
          and asal.jenis = 'setoran' and asal.terkait_id is null)))`;

export interface PemulihanQuery {
  /** First and last day, WIB calendar dates (YYYY-MM-DD), both inclusive. */
  dari: string;
  sampai: string;
  /** Only these RWs (rw ids); absent: every RW, and entries without an RW (rwId null). */
  rwIds?: string[] | undefined;
}

export interface PemulihanBaris {
  rwId: string | null;
  /** WIB calendar date. */
  tanggal: string;
  /** National waste category (sampah_kategori.kode), e.g. "plastik". */
  kategoriKode: string;
  /** Net kg recovered (3 decimals); may be negative on a day that only holds a correction. */
  kg: number;
}

function checkRange(q: { dari: string; sampai: string }): void {
  const errors = [];
  if (!isTanggal(q.dari)) errors.push({ pointer: '/query/dari', detail: 'validation.date' });
  if (!isTanggal(q.sampai)) errors.push({ pointer: '/query/sampai', detail: 'validation.date' });
  if (!errors.length && q.sampai < q.dari)
    errors.push({ pointer: '/query/sampai', detail: 'validation.notBeforeStart' });
  if (errors.length) throw badRequest('bankSampah.laporan.tanggalTidakValid', errors);
}

/**
 * kg of waste recovered per RW, WIB day and national category over a range of days (see the
 * counting rule above). Rows with a net zero are left out; ordered by day, RW, category.
 */
export async function pemulihanPerRw(trx: Tx, q: PemulihanQuery): Promise<PemulihanBaris[]> {
  checkRange(q);
  const rwIds = q.rwIds?.filter((id) => UUID_RE.test(id));
  if (q.rwIds && rwIds?.length === 0) return [];
  const rows = await sql<{ rw_id: string | null; tanggal: string; kategori_kode: string; kg: string }>`
    select j.rw_id, (j.waktu at time zone 'Asia/Jakarta')::date as tanggal, s.kategori_kode, sum(s.kg) as kg
      from bank_sampah_stok_baris s
      join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
     where j.waktu >= ${wibStart(q.dari)} and j.waktu < ${wibStart(nextDay(q.sampai))}
       and ${setoranWargaJ}
       ${rwIds ? sql`and j.rw_id in (${sql.join(rwIds)})` : sql``}
     group by 1, 2, 3
    having sum(s.kg) <> 0
     order by 2, 1 nulls last, 3`.execute(trx);
  return rows.rows.map((r) => ({
    rwId: r.rw_id,
    tanggal: r.tanggal,
    kategoriKode: r.kategori_kode,
    kg: kgAngka(r.kg),
  }));
}

/**
 * Net kg recovered per WIB day (or, with `per: 'bulan'`, per month: src/platform/db/periode.ts)
 * and kecamatan (of the entry's RW; null for entries without an RW) over a range of days, from
 * the summaries that triggers keep with every stock line (per day, db/migrations/0012; per month,
 * 0016): the same counting rule, read in milliseconds for a year of a city. `kecamatan` keeps one
 * kecamatan only. Rows with a net zero are left out; unordered.
 */
export async function pemulihanPerKecamatan(
  trx: Tx,
  q: { dari: string; sampai: string; per?: Rincian | undefined; kecamatan?: string | undefined },
): Promise<{ tanggal: string; kecamatanKode: string | null; kg: number }[]> {
  checkRange(q);
  const baca = planRentang(q, q.per ?? 'hari');
  const kec = q.kecamatan ? sql`and kecamatan_kode = ${q.kecamatan}` : sql``;
  const rows = await sql<{ tanggal: string; kecamatan_kode: string; kg: string }>`
    select tanggal, kecamatan_kode, sum(kg) as kg from (
      select bulan as tanggal, kecamatan_kode, kg from bank_sampah_pemulihan_bulanan
       where ${inRentang(sql`bulan`, baca.bulan ? [baca.bulan] : [])} ${kec}
      union all
      select ${rincianTanggal(sql`tanggal`, q.dari, q.per ?? 'hari')}, kecamatan_kode, kg
        from bank_sampah_pemulihan_harian
       where ${inRentang(sql`tanggal`, baca.hari)} ${kec}) x
     group by 1, 2
    having sum(kg) <> 0`.execute(trx);
  return rows.rows.map((r) => ({
    tanggal: r.tanggal,
    kecamatanKode: r.kecamatan_kode === '' ? null : r.kecamatan_kode,
    kg: kgAngka(r.kg),
  }));
}

export interface BankAktifRw {
  rwId: string;
  /** Banks located in the RW that took member deposits in the period. */
  bankIds: string[];
  /** Member deposits in the period that stand (not reversed). */
  setoran: number;
  /** WIB date of the last of them. */
  terakhir: string;
}

/**
 * The RWs with an active bank sampah: a bank located in the RW (bank_sampah.rw_id) that took at
 * least one member deposit, not reversed, from `sejak` (WIB date, inclusive) until now. Deposits
 * at an induk from its units' sales do not make it active. For the KBS indicator "the RW has an
 * active bank sampah" (e.g. sejak = 30 days ago).
 */
export async function bankAktifPerRw(
  trx: Tx,
  q: { sejak: string; /** Only these RWs. */ rwIds?: readonly string[] | undefined },
): Promise<BankAktifRw[]> {
  if (!isTanggal(q.sejak)) {
    throw badRequest('bankSampah.laporan.tanggalTidakValid', [
      { pointer: '/query/sejak', detail: 'validation.date' },
    ]);
  }
  const rwIds = q.rwIds?.filter((id) => UUID_RE.test(id));
  if (rwIds && rwIds.length === 0) return [];
  const rows = await sql<{ rw_id: string; bank_ids: string[]; setoran: string; terakhir: string }>`
    select b.rw_id, array_agg(distinct b.id::text order by b.id::text) as bank_ids, count(*) as setoran,
           max((j.waktu at time zone 'Asia/Jakarta')::date) as terakhir
      from bank_sampah_jurnal j
      join bank_sampah b on b.tenant_id = j.tenant_id and b.id = j.bank_id
     where j.jenis = 'setoran' and j.terkait_id is null and b.rw_id is not null
       and j.waktu >= ${wibStart(q.sejak)}
       ${rwIds ? sql`and b.rw_id in (${sql.join(rwIds)})` : sql``}
       and not exists (select 1 from bank_sampah_jurnal r where r.tenant_id = j.tenant_id and r.membatalkan_id = j.id)
     group by b.rw_id
     order by b.rw_id`.execute(trx);
  return rows.rows.map((r) => ({
    rwId: r.rw_id,
    bankIds: r.bank_ids,
    setoran: Number(r.setoran),
    terakhir: r.terakhir,
  }));
}
