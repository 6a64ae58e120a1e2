/**
 * Verifies the whole bank sampah ledger of a city and reports every violation with the entry,
 * bank and account concerned. The database already refuses most of these (the balance trigger,
 * append-only triggers, unique reversal, foreign keys); this check proves after the fact that
 * nothing got past them (a restored backup, a manual repair, a bug), and checks the rules that
 * span several entries or banks:
 *
 *  - every entry has lines; its money lines sum to zero; its lines are on its own bank's accounts
 *    and stock; its member belongs to its bank; savings lines are on its own member's account;
 *  - no member's savings balance is negative (final balances: under concurrency the order of entry
 *    numbers is not the order of commits, so running balances are not checked);
 *  - the sum of the members' balances equals the bank's savings liability (no savings account
 *    without a member of the bank);
 *  - no stock is negative per bank and item; no value is left on an item with zero quantity; the
 *    value of each item's stock account equals the value of its stock lines;
 *  - a reversal negates its original exactly (money and stock lines), at the same bank, never a
 *    reversal itself; no entry is reversed twice;
 *  - a sale to an induk has its deposit at the induk (linked both ways, same quantities), both or
 *    neither reversed; each unit's receivable from its induk equals its savings there;
 *  - idempotency keys point to an entry or a withdrawal request of their bank; an approved
 *    request points to a withdrawal of the same member and amount, other requests to none.
 *
 * Runs in the city's transaction (RLS limits it to the city). Each kind of violation is listed at
 * most PER_KODE times.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { formatNumber, formatRupiah, type Translator } from '../../platform/i18n/index.ts';

export const PER_KODE = 200;

export const KODE_PELANGGARAN = [
  'tidak_seimbang',
  'tanpa_baris',
  'akun_bank_lain',
  'nasabah_bank_lain',
  'tabungan_nasabah_lain',
  'saldo_negatif',
  'tabungan_tanpa_nasabah',
  'kewajiban_selisih',
  'stok_negatif',
  'nilai_stok_sisa',
  'persediaan_selisih',
  'pembatalan_tanpa_asal',
  'pembatalan_berantai',
  'pembatalan_bank_lain',
  'pembatalan_ganda',
  'pembatalan_tidak_cocok',
  'penjualan_tanpa_setoran_induk',
  'penjualan_setoran_induk_beda',
  'setoran_induk_yatim',
  'pembatalan_penjualan_sebagian',
  'piutang_induk_selisih',
  'idempotensi_yatim',
  'pengajuan_tanpa_jurnal',
  'pengajuan_jumlah_beda',
  'pengajuan_jurnal_tanpa_persetujuan',
] as const;
export type KodePelanggaran = (typeof KODE_PELANGGARAN)[number];

export interface Pelanggaran {
  kode: KodePelanggaran;
  /** What is wrong, in the reader's language. */
  pesan: string;
  bankId?: string;
  bankKode?: string;
  jurnalId?: string;
  nomor?: number;
  /** Account key, e.g. "tabungan:<member id>", "persediaan:<item>", "piutang_induk". */
  akun?: string;
}

export interface HasilVerifikasi {
  ok: boolean;
  /** Journal entries checked. */
  checkedEntries: number;
  /** Banks checked. */
  banks: number;
  violations: Pelanggaran[];
  /** Kinds whose list was cut at PER_KODE. */
  terpotong: KodePelanggaran[];
  /** When the check ran. */
  waktu: string;
}

/** A check's row: where, and two values for the message ({a}, {b}). */
interface Row {
  bank_id: string | null;
  jurnal_id: string | null;
  nomor: string | number | null;
  akun: string | null;
  a: string | null;
  b: string | null;
}

/** The checks, each a query returning Rows. */
const CHECKS: Record<KodePelanggaran, RawBuilder<Row>> = {
  tidak_seimbang: sql<Row>`
    select j.bank_id, j.id as jurnal_id, j.nomor, null as akun, sum(l.jumlah)::text as a, null as b
      from bank_sampah_jurnal j
      join bank_sampah_jurnal_baris l on l.tenant_id = j.tenant_id and l.jurnal_id = j.id
     group by j.bank_id, j.id, j.nomor
    having sum(l.jumlah) <> 0`,

  tanpa_baris: sql<Row>`
    select j.bank_id, j.id as jurnal_id, j.nomor, null as akun, j.jenis as a, null as b
      from bank_sampah_jurnal j
     where not exists (select 1 from bank_sampah_jurnal_baris l where l.tenant_id = j.tenant_id and l.jurnal_id = j.id)
       and not exists (select 1 from bank_sampah_stok_baris s where s.tenant_id = j.tenant_id and s.jurnal_id = j.id)`,

  akun_bank_lain: sql<Row>`
    select j.bank_id, j.id as jurnal_id, j.nomor, a.kunci as akun, a.bank_id::text as a, null as b
      from bank_sampah_jurnal j
      join bank_sampah_jurnal_baris l on l.tenant_id = j.tenant_id and l.jurnal_id = j.id
      join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
     where a.bank_id <> j.bank_id
    union all
    select j.bank_id, j.id, j.nomor, 'persediaan:' || s.jenis_kode, s.bank_id::text, null
      from bank_sampah_jurnal j
      join bank_sampah_stok_baris s on s.tenant_id = j.tenant_id and s.jurnal_id = j.id
     where s.bank_id <> j.bank_id`,

  nasabah_bank_lain: sql<Row>`
    select j.bank_id, j.id as jurnal_id, j.nomor, null as akun, j.nasabah_id::text as a, n.bank_id::text as b
      from bank_sampah_jurnal j
      join bank_sampah_nasabah n on n.tenant_id = j.tenant_id and n.id = j.nasabah_id
     where n.bank_id <> j.bank_id`,

  tabungan_nasabah_lain: sql<Row>`
    select j.bank_id, j.id as jurnal_id, j.nomor, a.kunci as akun, j.nasabah_id::text as a, null as b
      from bank_sampah_jurnal j
      join bank_sampah_jurnal_baris l on l.tenant_id = j.tenant_id and l.jurnal_id = j.id
      join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
     where a.kunci like 'tabungan:%' and a.kunci is distinct from 'tabungan:' || j.nasabah_id::text`,

  saldo_negatif: sql<Row>`
    select a.bank_id, null as jurnal_id, null as nomor, a.kunci as akun, (-sum(l.jumlah))::text as a, null as b
      from bank_sampah_akun a
      join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
     where a.kunci like 'tabungan:%'
     group by a.bank_id, a.id, a.kunci
    having sum(l.jumlah) > 0`,

  tabungan_tanpa_nasabah: sql<Row>`
    select a.bank_id, null as jurnal_id, null as nomor, a.kunci as akun, null as a, null as b
      from bank_sampah_akun a
     where a.kunci like 'tabungan:%'
       and not exists (select 1 from bank_sampah_nasabah n
                        where n.tenant_id = a.tenant_id and n.bank_id = a.bank_id and 'tabungan:' || n.id::text = a.kunci)`,

  kewajiban_selisih: sql<Row>`
    select a.bank_id, null as jurnal_id, null as nomor, null as akun,
           (-sum(l.jumlah))::text as a, (-coalesce(sum(l.jumlah) filter (where n.id is not null), 0))::text as b
      from bank_sampah_akun a
      join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
      left join bank_sampah_nasabah n
        on n.tenant_id = a.tenant_id and n.bank_id = a.bank_id and 'tabungan:' || n.id::text = a.kunci
     where a.kunci like 'tabungan:%'
     group by a.bank_id
    having sum(l.jumlah) <> coalesce(sum(l.jumlah) filter (where n.id is not null), 0)`,

  stok_negatif: sql<Row>`
    select s.bank_id, null as jurnal_id, null as nomor, 'persediaan:' || s.jenis_kode as akun,
           sum(s.kuantitas)::text as a, null as b
      from bank_sampah_stok_baris s
     group by s.bank_id, s.jenis_kode
    having sum(s.kuantitas) < 0`,

  nilai_stok_sisa: sql<Row>`
    select s.bank_id, null as jurnal_id, null as nomor, 'persediaan:' || s.jenis_kode as akun,
           sum(s.nilai)::text as a, null as b
      from bank_sampah_stok_baris s
     group by s.bank_id, s.jenis_kode
    having sum(s.kuantitas) = 0 and sum(s.nilai) <> 0`,

  persediaan_selisih: sql<Row>`
    with m as (
      select a.bank_id, substr(a.kunci, 12) as jenis, sum(l.jumlah) as n
        from bank_sampah_akun a
        join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
       where a.kunci like 'persediaan:%'
       group by 1, 2),
    s as (
      select bank_id, jenis_kode as jenis, sum(nilai) as n from bank_sampah_stok_baris group by 1, 2)
    select coalesce(m.bank_id, s.bank_id) as bank_id, null as jurnal_id, null as nomor,
           'persediaan:' || coalesce(m.jenis, s.jenis) as akun, coalesce(m.n, 0)::text as a, coalesce(s.n, 0)::text as b
      from m full join s on s.bank_id = m.bank_id and s.jenis = m.jenis
     where coalesce(m.n, 0) <> coalesce(s.n, 0)`,

  pembatalan_tanpa_asal: sql<Row>`
    select r.bank_id, r.id as jurnal_id, r.nomor, null as akun, r.membatalkan_id::text as a, null as b
      from bank_sampah_jurnal r
     where r.jenis = 'pembatalan'
       and not exists (select 1 from bank_sampah_jurnal o where o.tenant_id = r.tenant_id and o.id = r.membatalkan_id)`,

  pembatalan_berantai: sql<Row>`
    select r.bank_id, r.id as jurnal_id, r.nomor, null as akun, o.nomor::text as a, null as b
      from bank_sampah_jurnal r
      join bank_sampah_jurnal o on o.tenant_id = r.tenant_id and o.id = r.membatalkan_id
     where o.jenis = 'pembatalan'`,

  pembatalan_bank_lain: sql<Row>`
    select r.bank_id, r.id as jurnal_id, r.nomor, null as akun, o.nomor::text as a, o.bank_id::text as b
      from bank_sampah_jurnal r
      join bank_sampah_jurnal o on o.tenant_id = r.tenant_id and o.id = r.membatalkan_id
     where o.bank_id <> r.bank_id`,

  pembatalan_ganda: sql<Row>`
    select o.bank_id, o.id as jurnal_id, o.nomor, null as akun, count(*)::text as a, null as b
      from bank_sampah_jurnal r
      join bank_sampah_jurnal o on o.tenant_id = r.tenant_id and o.id = r.membatalkan_id
     group by o.bank_id, o.id, o.nomor
    having count(*) > 1`,

  pembatalan_tidak_cocok: sql<Row>`
    select r.bank_id, r.id as jurnal_id, r.nomor, a.kunci as akun, sum(x.jumlah)::text as a, null as b
      from bank_sampah_jurnal r
      join lateral (
        select l.akun_id, l.jumlah from bank_sampah_jurnal_baris l where l.tenant_id = r.tenant_id and l.jurnal_id = r.id
        union all
        select l.akun_id, l.jumlah from bank_sampah_jurnal_baris l where l.tenant_id = r.tenant_id and l.jurnal_id = r.membatalkan_id
      ) x on true
      join bank_sampah_akun a on a.tenant_id = r.tenant_id and a.id = x.akun_id
     where r.jenis = 'pembatalan'
     group by r.bank_id, r.id, r.nomor, a.kunci
    having sum(x.jumlah) <> 0
    union all
    select r.bank_id, r.id, r.nomor, 'persediaan:' || x.jenis_kode, sum(x.kuantitas)::text, sum(x.nilai)::text
      from bank_sampah_jurnal r
      join lateral (
        select s.jenis_kode, s.kondisi, s.kuantitas, s.kg, s.nilai
          from bank_sampah_stok_baris s where s.tenant_id = r.tenant_id and s.jurnal_id = r.id
        union all
        select s.jenis_kode, s.kondisi, s.kuantitas, s.kg, s.nilai
          from bank_sampah_stok_baris s where s.tenant_id = r.tenant_id and s.jurnal_id = r.membatalkan_id
      ) x on true
     where r.jenis = 'pembatalan'
     group by r.bank_id, r.id, r.nomor, x.jenis_kode, x.kondisi
    having sum(x.kuantitas) <> 0 or sum(x.kg) <> 0 or sum(x.nilai) <> 0`,

  penjualan_tanpa_setoran_induk: sql<Row>`
    select p.bank_id, p.id as jurnal_id, p.nomor, null as akun, p.terkait_id::text as a, null as b
      from bank_sampah_jurnal p
      left join bank_sampah_jurnal d on d.tenant_id = p.tenant_id and d.id = p.terkait_id
     where p.jenis = 'penjualan' and p.pembeli_bank_id is not null
       and (d.id is null or d.jenis <> 'setoran' or d.bank_id <> p.pembeli_bank_id
            or d.terkait_id is distinct from p.id)`,

  penjualan_setoran_induk_beda: sql<Row>`
    select p.bank_id, p.id as jurnal_id, p.nomor, 'persediaan:' || x.jenis_kode as akun,
           sum(x.kuantitas)::text as a, null as b
      from bank_sampah_jurnal p
      join bank_sampah_jurnal d on d.tenant_id = p.tenant_id and d.id = p.terkait_id and d.jenis = 'setoran'
      join lateral (
        select s.jenis_kode, s.kuantitas from bank_sampah_stok_baris s where s.tenant_id = p.tenant_id and s.jurnal_id = p.id
        union all
        select s.jenis_kode, s.kuantitas from bank_sampah_stok_baris s where s.tenant_id = d.tenant_id and s.jurnal_id = d.id
      ) x on true
     where p.jenis = 'penjualan'
     group by p.bank_id, p.id, p.nomor, x.jenis_kode
    having sum(x.kuantitas) <> 0`,

  setoran_induk_yatim: sql<Row>`
    select d.bank_id, d.id as jurnal_id, d.nomor, null as akun, d.terkait_id::text as a, null as b
      from bank_sampah_jurnal d
      left join bank_sampah_jurnal p on p.tenant_id = d.tenant_id and p.id = d.terkait_id
     where d.jenis = 'setoran' and d.terkait_id is not null
       and (p.id is null or p.jenis <> 'penjualan' or p.terkait_id is distinct from d.id)`,

  pembatalan_penjualan_sebagian: sql<Row>`
    select p.bank_id, p.id as jurnal_id, p.nomor, null as akun, d.nomor::text as a, null as b
      from bank_sampah_jurnal p
      join bank_sampah_jurnal d on d.tenant_id = p.tenant_id and d.id = p.terkait_id
     where p.jenis = 'penjualan'
       and exists (select 1 from bank_sampah_jurnal r where r.tenant_id = p.tenant_id and r.membatalkan_id = p.id)
        <> exists (select 1 from bank_sampah_jurnal r where r.tenant_id = d.tenant_id and r.membatalkan_id = d.id)`,

  piutang_induk_selisih: sql<Row>`
    with p as (
      select a.bank_id, sum(l.jumlah) as n
        from bank_sampah_akun a
        join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
       where a.kunci = 'piutang_induk'
       group by 1),
    s as (
      select m.bank_unit_id as bank_id, -sum(l.jumlah) as n
        from bank_sampah_nasabah m
        join bank_sampah_akun a on a.tenant_id = m.tenant_id and a.bank_id = m.bank_id and a.kunci = 'tabungan:' || m.id::text
        join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
       where m.bank_unit_id is not null
       group by 1)
    select coalesce(p.bank_id, s.bank_id) as bank_id, null as jurnal_id, null as nomor, 'piutang_induk' as akun,
           coalesce(p.n, 0)::text as a, coalesce(s.n, 0)::text as b
      from p full join s on s.bank_id = p.bank_id
     where coalesce(p.n, 0) <> coalesce(s.n, 0)`,

  idempotensi_yatim: sql<Row>`
    select k.bank_id, null as jurnal_id, null as nomor, null as akun, k.kunci as a, k.hasil_id::text as b
      from bank_sampah_idempotensi k
     where k.ditolak is null
       and not exists (select 1 from bank_sampah_jurnal j
                        where j.tenant_id = k.tenant_id and j.id = k.hasil_id and j.bank_id = k.bank_id)
       and not exists (select 1 from bank_sampah_pengajuan p
                        where p.tenant_id = k.tenant_id and p.id = k.hasil_id and p.bank_id = k.bank_id)`,

  pengajuan_tanpa_jurnal: sql<Row>`
    select p.bank_id, p.jurnal_id, j.nomor, null as akun, p.id::text as a, null as b
      from bank_sampah_pengajuan p
      left join bank_sampah_jurnal j on j.tenant_id = p.tenant_id and j.id = p.jurnal_id
     where p.status = 'disetujui'
       and (j.id is null or j.jenis <> p.jenis or j.bank_id <> p.bank_id or j.nasabah_id <> p.nasabah_id)`,

  // What the entry moved on the member's savings: paid out (a withdrawal), or credited (a deposit).
  pengajuan_jumlah_beda: sql<Row>`
    select * from (
      select p.bank_id, p.jurnal_id, j.nomor, null as akun, p.jumlah::text as a,
             ((case when p.jenis = 'setoran' then -1 else 1 end)
              * coalesce((select sum(l.jumlah) from bank_sampah_jurnal_baris l
                           join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
                          where l.tenant_id = j.tenant_id and l.jurnal_id = j.id and a.kunci like 'tabungan:%'), 0))::text as b
        from bank_sampah_pengajuan p
        join bank_sampah_jurnal j on j.tenant_id = p.tenant_id and j.id = p.jurnal_id and j.jenis = p.jenis
       where p.status = 'disetujui') x
     where x.a <> x.b`,

  pengajuan_jurnal_tanpa_persetujuan: sql<Row>`
    select p.bank_id, p.jurnal_id, null as nomor, null as akun, p.id::text as a, p.status as b
      from bank_sampah_pengajuan p
     where p.status <> 'disetujui' and p.jurnal_id is not null`,
};

/** A number in a message in id-ID form; other values as they are. */
/** A whole-rupiah amount of a check as the platform writes rupiah ("Rp 438.150"). */
function rupiah(v: string | null): string {
  if (v === null) return '—';
  return /^-?\d+(\.\d+)?$/.test(v) ? formatRupiah(Number(v)) : v;
}

function angka(v: string | null): string {
  if (v === null) return '—';
  return /^-?\d+(\.\d+)?$/.test(v) ? formatNumber(Number(v)) : v;
}

/** Runs every check. `t` renders the messages (in the reader's language). */
export async function verifikasiBukuBesar(trx: Tx, t: Translator): Promise<HasilVerifikasi> {
  const counts = await sql<{ entries: string; banks: string }>`
    select (select count(*) from bank_sampah_jurnal) as entries, (select count(*) from bank_sampah) as banks`.execute(
    trx,
  );
  const kodeBank = new Map(
    (await trx.selectFrom('bank_sampah').select(['id', 'kode']).execute()).map((b) => [b.id, b.kode]),
  );
  const violations: Pelanggaran[] = [];
  const terpotong: KodePelanggaran[] = [];
  for (const kode of KODE_PELANGGARAN) {
    const rows = (await sql<Row>`select * from (${CHECKS[kode]}) v limit ${PER_KODE + 1}`.execute(trx)).rows;
    if (rows.length > PER_KODE) terpotong.push(kode);
    for (const r of rows.slice(0, PER_KODE)) {
      const bankKode = r.bank_id ? kodeBank.get(r.bank_id) : undefined;
      const v: Pelanggaran = {
        kode,
        pesan: t(`bankSampah.verifikasi.v.${kode}`, {
          bank: bankKode ?? r.bank_id ?? '—',
          nomor: r.nomor === null ? '—' : String(r.nomor),
          akun: r.akun ?? '—',
          a: angka(r.a),
          b: angka(r.b),
          rpA: rupiah(r.a),
          rpB: rupiah(r.b),
        }),
      };
      if (r.bank_id) v.bankId = r.bank_id;
      if (bankKode) v.bankKode = bankKode;
      if (r.jurnal_id) v.jurnalId = r.jurnal_id;
      if (r.nomor !== null) v.nomor = Number(r.nomor);
      if (r.akun) v.akun = r.akun;
      violations.push(v);
    }
  }
  const row = counts.rows[0];
  return {
    ok: violations.length === 0,
    checkedEntries: Number(row?.entries ?? 0),
    banks: Number(row?.banks ?? 0),
    violations,
    terpotong,
    waktu: new Date().toISOString(),
  };
}
