/**
 * Reading the ledger: an operation with its lines (a receipt), lists of operations, a member's
 * passbook with running balance, the bank's balances and stock, today's summary. Everything is
 * derived from journal lines; nothing here writes.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { nextDay, todayWib, wibStart } from '../../platform/waktu.ts';
import type { BankRow } from './access.ts';
import { namaJenis } from './katalog-nama.ts';
import { toMilli } from './ledger.ts';
import type { JenisJurnal, JenisPengajuan, Kondisi, PengajuanBaris, Satuan } from './tables.ts';
import { sameTenant } from '../../platform/db/tenant-join.ts';

export interface OperasiBaris {
  jenisKode: string;
  nama: string;
  kondisi: Kondisi | null;
  satuan: Satuan;
  kuantitas: number;
  kg: number;
  hargaSatuan: number | null;
  nilai: number;
}

export interface OperasiView {
  id: string;
  nomor: number;
  jenis: JenisJurnal;
  /** For a reversal: the kind of entry it reverses. */
  jenisAsal: JenisJurnal | null;
  waktu: Date;
  bankId: string;
  nasabah: { id: string; nomor: string; nama: string } | null;
  pembeli: { bankId: string | null; nama: string } | null;
  /** Rupiah credited to the member (setoran), paid out (penarikan), received (penjualan); a reversal: the original's, negated. */
  total: number;
  /** The bank's fee on a deposit. */
  bagiHasil: number;
  /** The member's balance right after this entry (entries ordered by number). */
  saldoSetelah: number | null;
  baris: OperasiBaris[];
  membatalkan: { id: string; nomor: number } | null;
  alasan: string | null;
  dibatalkan: { id: string; nomor: number; alasan: string } | null;
  terkaitId: string | null;
  catatan: string | null;
  dibuatOleh: string | null;
}

const num = (s: string | number | null) => (s === null ? 0 : Number(s));

/** Views of several entries of one bank, in the given order. */
async function views(trx: Tx, bank: BankRow, ids: string[], locale: Locale): Promise<OperasiView[]> {
  if (ids.length === 0) return [];
  const entries = await trx
    .selectFrom('bank_sampah_jurnal as j')
    .leftJoin('bank_sampah_nasabah as n', sameTenant('n.id', 'j.nasabah_id'))
    .leftJoin('bank_sampah_jurnal as asal', sameTenant('asal.id', 'j.membatalkan_id'))
    .leftJoin('bank_sampah_jurnal as batal', sameTenant('batal.membatalkan_id', 'j.id'))
    .leftJoin('users as u', sameTenant('u.id', 'j.dibuat_oleh'))
    .select([
      'j.id',
      'j.nomor',
      'j.jenis',
      'j.waktu',
      'j.nasabah_id',
      'n.nomor as nasabah_nomor',
      'n.nama as nasabah_nama',
      'j.pembeli_bank_id',
      'j.pembeli_nama',
      'j.terkait_id',
      'j.membatalkan_id',
      'asal.nomor as asal_nomor',
      'asal.jenis as asal_jenis',
      'j.alasan',
      'j.catatan',
      'batal.id as batal_id',
      'batal.nomor as batal_nomor',
      'batal.alasan as batal_alasan',
      'u.name as dibuat_oleh',
    ])
    .where('j.bank_id', '=', bank.id)
    .where('j.id', 'in', ids)
    .execute();
  const money = await trx
    .selectFrom('bank_sampah_jurnal_baris as l')
    .innerJoin('bank_sampah_akun as a', sameTenant('a.id', 'l.akun_id'))
    .select(['l.jurnal_id', 'a.kunci', 'l.jumlah', 'l.akun_id'])
    .where('l.jurnal_id', 'in', ids)
    .execute();
  const stock = await trx
    .selectFrom('bank_sampah_stok_baris')
    .selectAll()
    .where('jurnal_id', 'in', ids)
    .where('bank_id', '=', bank.id)
    .orderBy('no')
    .execute();
  const names = await namaJenis(trx, [...new Set(stock.map((s) => s.jenis_kode))], locale);

  // Balance of the member right after each entry: lines of their account up to its number.
  const saldo = new Map<string, number>();
  const withMember = entries.filter((e) => e.nasabah_id);
  if (withMember.length) {
    const rows = await sql<{ id: string; saldo: string }>`
      select j.id, -(select coalesce(sum(l.jumlah), 0)
                       from bank_sampah_jurnal_baris l
                       join bank_sampah_jurnal j2 on j2.tenant_id = l.tenant_id and j2.id = l.jurnal_id
                      where l.akun_id = a.id and j2.nomor <= j.nomor) as saldo
        from bank_sampah_jurnal j
        join bank_sampah_akun a on a.tenant_id = j.tenant_id and a.bank_id = j.bank_id
                               and a.kunci = 'tabungan:' || j.nasabah_id::text
       where j.id in (${sql.join(withMember.map((e) => e.id))})`.execute(trx);
    for (const r of rows.rows) saldo.set(r.id, Number(r.saldo));
  }

  const byId = new Map(
    entries.map((e) => {
      const lines = money.filter((m) => m.jurnal_id === e.id);
      const sumOf = (pred: (k: string) => boolean) =>
        lines.filter((l) => pred(l.kunci)).reduce((s, l) => s + l.jumlah, 0);
      const kind = e.jenis === 'pembatalan' ? (e.asal_jenis ?? 'setoran') : e.jenis;
      const total =
        kind === 'setoran'
          ? -sumOf((k) => k.startsWith('tabungan:'))
          : kind === 'penarikan'
            ? sumOf((k) => k.startsWith('tabungan:'))
            : kind === 'pencairan'
              ? sumOf((k) => k === 'kas')
              : sumOf((k) => k === 'kas' || k === 'piutang_induk');
      const bagiHasil = kind === 'setoran' ? -sumOf((k) => k === 'pendapatan') : 0;
      const view: OperasiView = {
        id: e.id,
        nomor: e.nomor,
        jenis: e.jenis,
        jenisAsal: e.jenis === 'pembatalan' ? (e.asal_jenis ?? null) : null,
        waktu: e.waktu,
        bankId: bank.id,
        nasabah:
          e.nasabah_id && e.nasabah_nomor && e.nasabah_nama
            ? { id: e.nasabah_id, nomor: e.nasabah_nomor, nama: e.nasabah_nama }
            : null,
        pembeli: e.pembeli_nama ? { bankId: e.pembeli_bank_id, nama: e.pembeli_nama } : null,
        total,
        bagiHasil,
        saldoSetelah: saldo.get(e.id) ?? null,
        baris: stock
          .filter((s) => s.jurnal_id === e.id)
          .map((s) => ({
            jenisKode: s.jenis_kode,
            nama: names.get(s.jenis_kode) ?? s.jenis_kode,
            kondisi: s.kondisi,
            satuan: s.satuan,
            kuantitas: toMilli(s.kuantitas) / 1000,
            kg: toMilli(s.kg) / 1000,
            hargaSatuan: s.harga_satuan,
            nilai: s.nilai,
          })),
        membatalkan:
          e.membatalkan_id && e.asal_nomor !== null ? { id: e.membatalkan_id, nomor: e.asal_nomor } : null,
        alasan: e.alasan,
        dibatalkan:
          e.batal_id && e.batal_nomor !== null
            ? { id: e.batal_id, nomor: e.batal_nomor, alasan: e.batal_alasan ?? '' }
            : null,
        terkaitId: e.terkait_id,
        catatan: e.catatan,
        dibuatOleh: e.dibuat_oleh,
      };
      return [e.id, view] as const;
    }),
  );
  return ids.map((id) => byId.get(id)).filter((v): v is OperasiView => v !== undefined);
}

export async function getOperasi(
  trx: Tx,
  bank: BankRow,
  jurnalId: string,
  locale: Locale = 'id',
): Promise<OperasiView> {
  if (!/^[0-9a-f-]{36}$/i.test(jurnalId)) throw notFound();
  const [v] = await views(trx, bank, [jurnalId], locale);
  if (!v) throw notFound();
  return v;
}

export interface OperasiQuery {
  jenis?: JenisJurnal | undefined;
  nasabahId?: string | undefined;
  /** WIB dates, inclusive. */
  dari?: string | undefined;
  sampai?: string | undefined;
  page: number;
  perPage: number;
}

export async function listOperasi(
  trx: Tx,
  bank: BankRow,
  q: OperasiQuery,
  locale: Locale = 'id',
): Promise<{ items: OperasiView[]; total: number; page: number; perPage: number }> {
  let base = trx.selectFrom('bank_sampah_jurnal').where('bank_id', '=', bank.id);
  if (q.jenis) base = base.where('jenis', '=', q.jenis);
  if (q.nasabahId) base = base.where('nasabah_id', '=', q.nasabahId);
  if (q.dari) base = base.where('waktu', '>=', wibStart(q.dari));
  if (q.sampai) base = base.where('waktu', '<', wibStart(nextDay(q.sampai)));
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const ids = await base
    .select('id')
    .orderBy('nomor', 'desc')
    .limit(q.perPage)
    .offset((q.page - 1) * q.perPage)
    .execute();
  return {
    items: await views(
      trx,
      bank,
      ids.map((r) => r.id),
      locale,
    ),
    total: Number(n),
    page: q.page,
    perPage: q.perPage,
  };
}

// ---- Passbook ----

export interface BukuBaris {
  jurnalId: string;
  nomor: number;
  waktu: Date;
  jenis: JenisJurnal;
  jenisAsal: JenisJurnal | null;
  keterangan: string;
  masuk: number;
  keluar: number;
  saldo: number;
}

export interface BukuView {
  nasabah: { id: string; nomor: string; nama: string; jenis: string };
  /** Balance before the first line shown. */
  saldoAwal: number;
  saldo: number;
  items: BukuBaris[];
}

/**
 * A member's passbook: every entry on their savings account in number order, with the running
 * balance; `dari`/`sampai` (WIB dates) limit the lines shown, the opening balance carries the rest.
 */
export async function getBukuTabungan(
  trx: Tx,
  bank: BankRow,
  nasabahId: string,
  q: { dari?: string | undefined; sampai?: string | undefined } = {},
  locale: Locale = 'id',
): Promise<BukuView> {
  const n = /^[0-9a-f-]{36}$/i.test(nasabahId)
    ? await trx
        .selectFrom('bank_sampah_nasabah')
        .select(['id', 'nomor', 'nama', 'jenis'])
        .where('bank_id', '=', bank.id)
        .where('id', '=', nasabahId)
        .executeTakeFirst()
    : undefined;
  if (!n) throw notFound();
  const rows = await sql<{
    id: string;
    nomor: string;
    waktu: Date;
    jenis: JenisJurnal;
    asal_jenis: JenisJurnal | null;
    catatan: string | null;
    alasan: string | null;
    jumlah: string;
    saldo: string;
    items: string | null;
  }>`
    select j.id, j.nomor, j.waktu, j.jenis, asal.jenis as asal_jenis, j.catatan, j.alasan,
           sum(l.jumlah) as jumlah,
           -sum(sum(l.jumlah)) over (order by j.nomor) as saldo,
           (select string_agg(s.jenis_kode || ' ' || trim(trailing '.' from trim(trailing '0' from s.kuantitas::text)) || ' ' || s.satuan, ', ' order by s.no)
              from bank_sampah_stok_baris s where s.tenant_id = j.tenant_id and s.jurnal_id = j.id) as items
      from bank_sampah_akun a
      join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
      join bank_sampah_jurnal j on j.tenant_id = l.tenant_id and j.id = l.jurnal_id
      left join bank_sampah_jurnal asal on asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
     where a.bank_id = ${bank.id} and a.kunci = ${`tabungan:${n.id}`}
     group by j.tenant_id, j.id, asal.jenis
     order by j.nomor`.execute(trx);
  const codes = new Set<string>();
  for (const r of rows.rows)
    for (const m of (r.items ?? '').matchAll(/(^|, )(\S+) /g)) if (m[2]) codes.add(m[2]);
  const names = await namaJenis(trx, [...codes], locale);
  const from = q.dari ? wibStart(q.dari) : null;
  const to = q.sampai ? wibStart(nextDay(q.sampai)) : null;
  let saldoAwal = 0;
  const items: BukuBaris[] = [];
  for (const r of rows.rows) {
    const jumlah = Number(r.jumlah);
    const saldo = Number(r.saldo);
    if (from && r.waktu < from) {
      saldoAwal = saldo;
      continue;
    }
    if (to && r.waktu >= to) continue;
    const detail = (r.items ?? '').replace(
      /(^|, )(\S+) /g,
      (_m, sep: string, code: string) => `${sep}${names.get(code) ?? code} `,
    );
    items.push({
      jurnalId: r.id,
      nomor: Number(r.nomor),
      waktu: r.waktu,
      jenis: r.jenis,
      jenisAsal: r.asal_jenis,
      keterangan: [detail, r.alasan, r.catatan].filter(Boolean).join(' — '),
      masuk: jumlah < 0 ? -jumlah : 0,
      keluar: jumlah > 0 ? jumlah : 0,
      saldo,
    });
  }
  const last = rows.rows.at(-1);
  return {
    nasabah: { id: n.id, nomor: n.nomor, nama: n.nama, jenis: n.jenis },
    saldoAwal,
    saldo: last ? Number(last.saldo) : 0,
    items,
  };
}

// ---- Balances and stock ----

export interface StokView {
  jenisKode: string;
  nama: string;
  kategoriKode: string;
  satuan: Satuan;
  kuantitas: number;
  nilai: number;
}

export interface NeracaView {
  kas: number;
  /** Members' savings (what the bank owes them). */
  tabungan: number;
  persediaan: number;
  /** Fees and sale margins earned. */
  pendapatan: number;
  piutangInduk: number;
  stok: StokView[];
}

export async function neraca(trx: Tx, bank: BankRow, locale: Locale = 'id'): Promise<NeracaView> {
  const sums = await sql<{ grup: string; s: string }>`
    select case when a.kunci like 'tabungan:%' then 'tabungan'
                when a.kunci like 'persediaan:%' then 'persediaan' else a.kunci end as grup,
           coalesce(sum(l.jumlah), 0) as s
      from bank_sampah_akun a
      join bank_sampah_jurnal_baris l on l.tenant_id = a.tenant_id and l.akun_id = a.id
     where a.bank_id = ${bank.id}
     group by 1`.execute(trx);
  const g = new Map(sums.rows.map((r) => [r.grup, num(r.s)]));
  const stok = await trx
    .selectFrom('bank_sampah_stok_baris')
    .select([
      'jenis_kode',
      sql<string>`max(kategori_kode)`.as('kategori_kode'),
      sql<Satuan>`max(satuan)`.as('satuan'),
      sql<string>`sum(kuantitas)`.as('q'),
      sql<string>`sum(nilai)`.as('n'),
    ])
    .where('bank_id', '=', bank.id)
    .groupBy('jenis_kode')
    .having(sql`sum(kuantitas)`, '<>', 0)
    .orderBy('jenis_kode')
    .execute();
  const names = await namaJenis(
    trx,
    stok.map((s) => s.jenis_kode),
    locale,
  );
  return {
    kas: g.get('kas') ?? 0,
    tabungan: -(g.get('tabungan') ?? 0),
    persediaan: g.get('persediaan') ?? 0,
    pendapatan: -(g.get('pendapatan') ?? 0),
    piutangInduk: g.get('piutang_induk') ?? 0,
    stok: stok.map((s) => ({
      jenisKode: s.jenis_kode,
      nama: names.get(s.jenis_kode) ?? s.jenis_kode,
      kategoriKode: s.kategori_kode,
      satuan: s.satuan,
      kuantitas: toMilli(s.q) / 1000,
      nilai: Number(s.n),
    })),
  };
}

export interface RingkasanBank {
  hariIni: { setoran: number; nilai: number; kg: number; penarikan: number };
  /** kg deposited this month (WIB) per category, net of reversals. */
  kgBulanIni: { kategoriKode: string; nama: string; kg: number }[];
  nasabahAktifBulanIni: number;
  pengajuanMenunggu: number;
}

/** Today's and this month's figures of a bank, for its home page. */
export async function getRingkasan(
  trx: Tx,
  bank: BankRow,
  locale: Locale = 'id',
  now = new Date(),
): Promise<RingkasanBank> {
  const today = wibStart(todayWib(now));
  const month = wibStart(`${todayWib(now).slice(0, 7)}-01`);
  const t = await sql<{ setoran: string; nilai: string; kg: string; penarikan: string }>`
    select count(*) filter (where j.jenis = 'setoran') as setoran,
           coalesce(sum((select -sum(l.jumlah) from bank_sampah_jurnal_baris l
                          join bank_sampah_akun a on a.tenant_id = l.tenant_id and a.id = l.akun_id
                         where l.tenant_id = j.tenant_id and l.jurnal_id = j.id and a.kunci like 'tabungan:%'))
                    filter (where j.jenis = 'setoran'), 0) as nilai,
           coalesce(sum((select sum(s.kg) from bank_sampah_stok_baris s
                          where s.tenant_id = j.tenant_id and s.jurnal_id = j.id)) filter (where j.jenis = 'setoran'), 0) as kg,
           count(*) filter (where j.jenis = 'penarikan') as penarikan
      from bank_sampah_jurnal j
     where j.bank_id = ${bank.id} and j.waktu >= ${today}`.execute(trx);
  const k = await sql<{ kategori_kode: string; nama_id: string; nama_en: string; kg: string }>`
    select s.kategori_kode, k.nama_id, k.nama_en, sum(s.kg) as kg
      from bank_sampah_stok_baris s
      join bank_sampah_jurnal j on j.tenant_id = s.tenant_id and j.id = s.jurnal_id
      left join bank_sampah_jurnal asal on asal.tenant_id = j.tenant_id and asal.id = j.membatalkan_id
      join sampah_kategori k on k.kode = s.kategori_kode
     where s.bank_id = ${bank.id} and j.waktu >= ${month}
       and (j.jenis = 'setoran' or asal.jenis = 'setoran')
     group by s.kategori_kode, k.nama_id, k.nama_en, k.urutan
    having sum(s.kg) <> 0
     order by k.urutan`.execute(trx);
  const aktif = await sql<{ n: string }>`
    select count(distinct j.nasabah_id) as n from bank_sampah_jurnal j
     where j.bank_id = ${bank.id} and j.jenis = 'setoran' and j.waktu >= ${month}
       and not exists (select 1 from bank_sampah_jurnal b where b.tenant_id = j.tenant_id and b.membatalkan_id = j.id)`.execute(
    trx,
  );
  const pending = await trx
    .selectFrom('bank_sampah_pengajuan')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('bank_id', '=', bank.id)
    .where('status', '=', 'menunggu')
    .executeTakeFirstOrThrow();
  const row = t.rows[0];
  return {
    hariIni: {
      setoran: num(row?.setoran ?? 0),
      nilai: num(row?.nilai ?? 0),
      kg: toMilli(String(row?.kg ?? '0')) / 1000,
      penarikan: num(row?.penarikan ?? 0),
    },
    kgBulanIni: k.rows.map((r) => ({
      kategoriKode: r.kategori_kode,
      nama: locale === 'en' ? r.nama_en : r.nama_id,
      kg: toMilli(r.kg) / 1000,
    })),
    nasabahAktifBulanIni: num(aktif.rows[0]?.n ?? 0),
    pengajuanMenunggu: Number(pending.n),
  };
}

export interface PengajuanView {
  id: string;
  /** A withdrawal, or a deposit above the bank's limits (then baris lists its lines). */
  jenis: JenisPengajuan;
  baris: PengajuanBaris[] | null;
  nasabah: { id: string; nomor: string; nama: string };
  /** Withdrawal: the amount; deposit: what the member is credited once approved. */
  jumlah: number;
  catatan: string | null;
  status: 'menunggu' | 'disetujui' | 'ditolak';
  diajukanOleh: string | null;
  diajukanOlehId: string;
  createdAt: Date;
  diputusOleh: string | null;
  diputusAt: Date | null;
  alasanTolak: string | null;
  jurnalId: string | null;
}

export async function listPengajuan(
  trx: Tx,
  bank: BankRow,
  filter: { status?: 'menunggu' | 'disetujui' | 'ditolak' | undefined; id?: string } = {},
): Promise<PengajuanView[]> {
  let q = trx
    .selectFrom('bank_sampah_pengajuan as p')
    .innerJoin('bank_sampah_nasabah as n', sameTenant('n.id', 'p.nasabah_id'))
    .leftJoin('users as a', sameTenant('a.id', 'p.diajukan_oleh'))
    .leftJoin('users as d', sameTenant('d.id', 'p.diputus_oleh'))
    .select([
      'p.id',
      'p.jenis',
      'p.baris',
      'p.nasabah_id',
      'n.nomor',
      'n.nama',
      'p.jumlah',
      'p.catatan',
      'p.status',
      'a.name as diajukan',
      'p.diajukan_oleh',
      'p.created_at',
      'd.name as diputus',
      'p.diputus_at',
      'p.alasan_tolak',
      'p.jurnal_id',
    ])
    .where('p.bank_id', '=', bank.id);
  if (filter.status) q = q.where('p.status', '=', filter.status);
  if (filter.id) q = q.where('p.id', '=', filter.id);
  const rows = await q.orderBy('p.created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    jenis: r.jenis,
    baris: r.baris,
    nasabah: { id: r.nasabah_id, nomor: r.nomor, nama: r.nama },
    jumlah: r.jumlah,
    catatan: r.catatan,
    status: r.status,
    diajukanOleh: r.diajukan,
    diajukanOlehId: r.diajukan_oleh,
    createdAt: r.created_at,
    diputusOleh: r.diputus,
    diputusAt: r.diputus_at,
    alasanTolak: r.alasan_tolak,
    jurnalId: r.jurnal_id,
  }));
}

export async function getPengajuan(trx: Tx, bank: BankRow, id: string): Promise<PengajuanView> {
  const [p] = /^[0-9a-f-]{36}$/i.test(id) ? await listPengajuan(trx, bank, { id }) : [];
  if (!p) throw notFound();
  return p;
}
