/**
 * Managing a bank's catalogue and price list: its own items (added to the reference catalogue),
 * the price list as it stands (each item and condition: the price in force, whether it is the
 * bank's own or inherited from its induk, and the next scheduled change) and the history of an
 * item's prices. Prices are append-only: a change is a new row with the moment it takes effect,
 * and a null price stops buying the item from then on. The price list takes the prices in force
 * from listHargaBerlaku (katalog-harga.ts: own row wins, even a null one; an inheriting unit
 * falls back to its induk) and adds the next scheduled change.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest, type FieldError } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { readKuantitas } from '../../platform/angka.ts';
import type { BankRow } from './access.ts';
import { bankForUser, field } from './admin-common.ts';
import { listJenisOfBank, findJenisOfBank, type Jenis } from './katalog.ts';
import { listHargaBerlaku } from './katalog-harga.ts';
import type { Kondisi, Satuan } from './tables.ts';
import { sameTenant } from '../../platform/db/tenant-join.ts';

export const KONDISI: readonly Kondisi[] = ['bersih', 'kotor'];
export const SATUAN: readonly Satuan[] = ['kg', 'liter', 'pcs'];
/** Highest price per unit the database accepts (rupiah). */
export const HARGA_MAX = 100_000_000;
/** A price may start at most this far in the past (clock differences between devices). */
const TOLERANSI_LAMPAU_MS = 5 * 60_000;

// ---- Items ----

export async function listJenis(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  locale: Locale = 'id',
): Promise<Jenis[]> {
  const bank = await bankForUser(trx, user, bankId, 'lihat');
  return listJenisOfBank(trx, bank.id, locale);
}

export interface JenisInput {
  kode?: string | null | undefined;
  nama?: string | null | undefined;
  kategoriKode?: string | null | undefined;
  satuan?: string | null | undefined;
  kgPerSatuan?: number | string | null | undefined;
}

/** "Botol Kecap (besar)" -> "botol-kecap-besar" (at most 36 characters). */
export function slugJenis(nama: string): string {
  return nama
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/g, '');
}

const KODE_JENIS_RE = /^x-[a-z0-9-]{2,40}$/;

/**
 * Adds an item of the bank's own (kode "x-<slug of the name>" unless given; the code is unique in
 * the city, so a taken one gets a number). kg per unit is 1 for items sold by the kg.
 */
export async function addJenis(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: JenisInput,
): Promise<Jenis> {
  const bank = await bankForUser(trx, user, bankId, 'kelola');
  const errors: FieldError[] = [];
  const nama = (input.nama ?? '').trim().replace(/\s+/g, ' ');
  if (nama.length < 2 || nama.length > 80) errors.push(field('nama', 'bankSampah.admin.err.namaJenis'));
  const kategori = input.kategoriKode
    ? await trx
        .selectFrom('sampah_kategori')
        .select('kode')
        .where('kode', '=', input.kategoriKode)
        .executeTakeFirst()
    : undefined;
  if (!kategori) errors.push(field('kategoriKode', 'bankSampah.admin.err.kategori'));
  const satuan = SATUAN.find((s) => s === input.satuan);
  if (!satuan) errors.push(field('satuan', 'bankSampah.admin.err.satuan'));
  let kg = 1;
  if (satuan && satuan !== 'kg') {
    const raw = input.kgPerSatuan;
    const dibaca = readKuantitas(raw ?? '', { positif: true, max: 1000, desimal: 4 });
    kg = dibaca.ok ? dibaca.nilai : Number.NaN;
    if (!Number.isFinite(kg) || kg <= 0 || kg > 1000 || Math.round(kg * 10000) !== kg * 10000)
      errors.push(field('kgPerSatuan', 'bankSampah.admin.err.kgPerSatuan'));
  }
  let kode = input.kode?.trim().toLowerCase() || null;
  if (kode && !KODE_JENIS_RE.test(kode)) errors.push(field('kode', 'bankSampah.admin.err.kodeJenis'));
  const slug = slugJenis(nama);
  if (!kode && nama.length >= 2 && slug.length < 2)
    errors.push(field('nama', 'bankSampah.admin.err.namaJenis'));
  if (errors.length) throw badRequest('error.validation', errors);

  const given = kode !== null;
  for (let n = 1; n <= 50; n++) {
    if (!given) kode = n === 1 ? `x-${slug}` : `x-${slug}-${n}`;
    const row = await trx
      .insertInto('bank_sampah_jenis')
      .values({
        tenant_id: bank.tenant_id,
        kode: kode!,
        bank_id: bank.id,
        kategori_kode: kategori!.kode,
        nama,
        satuan: satuan!,
        kg_per_satuan: kg,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'kode']).doNothing())
      .returning('kode')
      .executeTakeFirst();
    if (row) return (await findJenisOfBank(trx, bank.id, row.kode))!;
    if (given) break;
  }
  throw new HttpProblem(409, 'bankSampah.admin.err.kodeJenisDipakai', {
    params: { kode: kode! },
    errors: [field(given ? 'kode' : 'nama', 'bankSampah.admin.err.kodeJenisDipakai')],
  });
}

// ---- Price list ----

export type SumberHarga = 'bank' | 'induk';

export interface HargaKini {
  jenisKode: string;
  kondisi: Kondisi;
  /** Rupiah per unit in force now; null: not bought (no price, or stopped). */
  harga: number | null;
  /** Where the price in force comes from; null when there is none. */
  sumber: SumberHarga | null;
  /** Since when the price in force applies. */
  berlakuMulai: string | null;
  /** The next change already set (a future-dated row), if any. */
  terjadwal: { harga: number | null; berlakuMulai: string; sumber: SumberHarga } | null;
}

export interface DaftarHargaItem {
  jenis: Jenis;
  harga: Record<Kondisi, HargaKini>;
}

export interface DaftarHarga {
  bankId: string;
  /** The induk whose prices a unit inherits, when it does. */
  induk: { id: string; kode: string; nama: string } | null;
  waktu: string;
  items: DaftarHargaItem[];
}

interface PriceRow {
  bank_id: string;
  jenis_kode: string;
  kondisi: Kondisi;
  harga: number | null;
  berlaku_mulai: Date;
}

/** The earliest row after `at` (the next scheduled change) per bank, item and condition. */
async function nextPriceRows(trx: Tx, bankIds: string[], at: Date): Promise<PriceRow[]> {
  const next = await sql<PriceRow>`
    select distinct on (bank_id, jenis_kode, kondisi) bank_id, jenis_kode, kondisi, harga, berlaku_mulai
      from bank_sampah_harga
     where bank_id in (${sql.join(bankIds)}) and berlaku_mulai > ${at}
     order by bank_id, jenis_kode, kondisi, berlaku_mulai asc`.execute(trx);
  return next.rows;
}

const key = (bankId: string, jenis: string, kondisi: string) => `${bankId}|${jenis}|${kondisi}`;
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The induk a unit inherits prices from, or null. */
async function indukWarisan(
  trx: Tx,
  bank: BankRow,
): Promise<{ id: string; kode: string; nama: string } | null> {
  if (!bank.warisi_harga_induk || !bank.induk_id) return null;
  const induk = await trx
    .selectFrom('bank_sampah')
    .select(['id', 'kode', 'nama'])
    .where('id', '=', bank.induk_id)
    .executeTakeFirst();
  return induk ?? null;
}

/** The bank's price list at `at` (now by default): every item it can buy, in both conditions. */
export async function listHarga(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  o: { locale?: Locale; at?: Date } = {},
): Promise<DaftarHarga> {
  const bank = await bankForUser(trx, user, bankId, 'lihat');
  const at = o.at ?? new Date();
  const induk = await indukWarisan(trx, bank);
  const jenis = await listJenisOfBank(trx, bank.id, o.locale ?? 'id');
  const berlaku = await listHargaBerlaku(trx, bank, at);
  const next = await nextPriceRows(trx, induk ? [bank.id, induk.id] : [bank.id], at);
  const nextBy = new Map(next.map((r) => [key(r.bank_id, r.jenis_kode, r.kondisi), r]));
  const items = jenis.map((j) => {
    const harga = {} as Record<Kondisi, HargaKini>;
    for (const kondisi of KONDISI) {
      const inForce = berlaku.get(j.kode)?.[kondisi];
      const own = inForce?.sumber === 'bank';
      const ownNext = nextBy.get(key(bank.id, j.kode, kondisi));
      const indukNext = induk ? nextBy.get(key(induk.id, j.kode, kondisi)) : undefined;
      // The induk's scheduled change matters only while the bank has no price of its own.
      const candidates = [
        ...(ownNext ? [{ r: ownNext, sumber: 'bank' as const }] : []),
        ...(indukNext && !own && (!ownNext || indukNext.berlaku_mulai < ownNext.berlaku_mulai)
          ? [{ r: indukNext, sumber: 'induk' as const }]
          : []),
      ].sort((a, b) => a.r.berlaku_mulai.getTime() - b.r.berlaku_mulai.getTime());
      const first = candidates[0];
      harga[kondisi] = {
        jenisKode: j.kode,
        kondisi,
        harga: inForce ? inForce.harga : null,
        sumber: inForce ? inForce.sumber : null,
        berlakuMulai: inForce ? inForce.berlakuMulai.toISOString() : null,
        terjadwal: first
          ? {
              harga: num(first.r.harga),
              berlakuMulai: first.r.berlaku_mulai.toISOString(),
              sumber: first.sumber,
            }
          : null,
      };
    }
    return { jenis: j, harga };
  });
  return { bankId: bank.id, induk, waktu: at.toISOString(), items };
}

export interface HargaInput {
  jenisKode?: string | null | undefined;
  kondisi?: string | null | undefined;
  /** Rupiah per unit; null stops buying the item. */
  harga?: number | null | undefined;
  /** When the price takes effect (now when absent); not in the past. */
  berlakuMulai?: Date | string | null | undefined;
}

export interface HargaRiwayat {
  id: string;
  jenisKode: string;
  kondisi: Kondisi;
  harga: number | null;
  berlakuMulai: string;
  /** Whether it is in force, past (replaced) or still to come, at the time of the query. */
  status: 'berlaku' | 'lama' | 'terjadwal';
  dibuatOleh: { id: string; nama: string } | null;
  createdAt: string;
}

/** Sets a price (a new row; never an update). Needs the right to manage the bank. */
export async function setHarga(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: HargaInput,
): Promise<HargaRiwayat> {
  const bank = await bankForUser(trx, user, bankId, 'kelola');
  const errors: FieldError[] = [];
  const jenis = input.jenisKode ? await findJenisOfBank(trx, bank.id, input.jenisKode) : undefined;
  if (!jenis) errors.push(field('jenisKode', 'bankSampah.admin.err.jenisTidakAda'));
  const kondisi = KONDISI.find((k) => k === input.kondisi);
  if (!kondisi) errors.push(field('kondisi', 'bankSampah.admin.err.kondisi'));
  const harga = input.harga;
  if (harga === undefined) errors.push(field('harga', 'validation.required'));
  else if (harga !== null && (!Number.isInteger(harga) || harga < 0 || harga > HARGA_MAX))
    errors.push(field('harga', 'bankSampah.admin.err.harga'));
  const now = new Date();
  let mulai = now;
  if (input.berlakuMulai !== undefined && input.berlakuMulai !== null && input.berlakuMulai !== '') {
    mulai = new Date(input.berlakuMulai);
    if (Number.isNaN(mulai.getTime())) errors.push(field('berlakuMulai', 'bankSampah.admin.err.tanggal'));
    else if (mulai.getTime() < now.getTime() - TOLERANSI_LAMPAU_MS)
      errors.push(field('berlakuMulai', 'bankSampah.admin.err.hargaLampau'));
    else if (mulai < now) mulai = now;
  }
  if (errors.length) throw badRequest('error.validation', errors);
  const row = await trx
    .insertInto('bank_sampah_harga')
    .values({
      tenant_id: bank.tenant_id,
      bank_id: bank.id,
      jenis_kode: jenis!.kode,
      kondisi: kondisi!,
      harga: harga ?? null,
      berlaku_mulai: mulai,
      dibuat_oleh: user?.id ?? null,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'bank_id', 'jenis_kode', 'kondisi', 'berlaku_mulai']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  if (!row)
    throw new HttpProblem(409, 'bankSampah.admin.err.hargaBentrok', {
      errors: [field('berlakuMulai', 'bankSampah.admin.err.hargaBentrok')],
    });
  const all = await riwayatRows(trx, bank.id, jenis!.kode, new Date());
  return all.find((r) => r.id === row.id)!;
}

async function riwayatRows(trx: Tx, bankId: string, jenisKode: string, at: Date): Promise<HargaRiwayat[]> {
  const rows = await trx
    .selectFrom('bank_sampah_harga as h')
    .leftJoin('users as u', sameTenant('u.id', 'h.dibuat_oleh'))
    .select([
      'h.id',
      'h.jenis_kode',
      'h.kondisi',
      'h.harga',
      'h.berlaku_mulai',
      'h.created_at',
      'h.dibuat_oleh',
      'u.name as dibuat_nama',
    ])
    .where('h.bank_id', '=', bankId)
    .where('h.jenis_kode', '=', jenisKode)
    .orderBy('h.kondisi')
    .orderBy('h.berlaku_mulai', 'desc')
    .execute();
  const inForce = new Set<string>();
  for (const k of KONDISI) {
    const r = rows.find((x) => x.kondisi === k && x.berlaku_mulai <= at);
    if (r) inForce.add(r.id);
  }
  return rows.map((r) => ({
    id: r.id,
    jenisKode: r.jenis_kode,
    kondisi: r.kondisi,
    harga: num(r.harga),
    berlakuMulai: r.berlaku_mulai.toISOString(),
    status: r.berlaku_mulai > at ? 'terjadwal' : inForce.has(r.id) ? 'berlaku' : 'lama',
    dibuatOleh: r.dibuat_oleh ? { id: r.dibuat_oleh, nama: r.dibuat_nama ?? '' } : null,
    createdAt: r.created_at.toISOString(),
  }));
}

export interface RiwayatHarga {
  jenis: Jenis;
  /** The bank's own prices, newest first per condition. */
  bank: HargaRiwayat[];
  /** The induk's, for a unit that inherits them (null otherwise). */
  induk: HargaRiwayat[] | null;
  indukBank: { id: string; kode: string; nama: string } | null;
}

/** Every price ever set for one item at the bank (and at the induk it inherits from). */
export async function listRiwayatHarga(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  jenisKode: string,
  locale: Locale = 'id',
): Promise<RiwayatHarga> {
  const bank = await bankForUser(trx, user, bankId, 'lihat');
  const jenis = await findJenisOfBank(trx, bank.id, jenisKode, locale);
  if (!jenis)
    throw new HttpProblem(404, 'bankSampah.admin.err.jenisTidakAda', {
      errors: [{ pointer: '/query/jenisKode', detail: 'bankSampah.admin.err.jenisTidakAda' }],
    });
  const at = new Date();
  const induk = await indukWarisan(trx, bank);
  return {
    jenis,
    bank: await riwayatRows(trx, bank.id, jenis.kode, at),
    induk: induk ? await riwayatRows(trx, induk.id, jenis.kode, at) : null,
    indukBank: induk,
  };
}
