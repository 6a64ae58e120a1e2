/**
 * e-Katalog: the readiness checklist of businesses and products read from the registry
 * (ekatalog.ts decides), the pipeline of each product (belum_siap -> siap -> diajukan -> tayang)
 * moved by officers with umkm.ekatalog, and the rows of the officer's submission file.
 *
 * Owners (and officers who see the business) read the checklist and the pipeline; only
 * umkm.ekatalog moves a product. Every move is a row of umkm_ekatalog_langkah (append-only) and
 * rebuilds the product's search document. The submission rows carry no NIK and a masked phone.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { isTanggal, todayWib } from '../../platform/waktu.ts';
import { areaLevelOf, areasFor, can, type CurrentUser } from '../../platform/auth/roles.ts';
import {
  badRequest,
  forbidden,
  HttpProblem,
  notFound,
  type FieldError,
} from '../../platform/http/problem.ts';
import { maskPhone } from '../../platform/privacy.ts';
import { cleanText } from '../../platform/text.ts';
import { isUuid, produkDenganUsaha, usahaUntuk, type UsahaRow } from './access.ts';
import { indeksProduk } from './cari.ts';
import { kbli } from './kbli.ts';
import { UMKM_EKATALOG } from './permissions.ts';
import {
  arahPindah,
  legalitasBerlaku,
  nibUsaha,
  npwpUsaha,
  perluHalal,
  perluSni,
  syaratProduk,
  syaratUsaha,
  URUTAN_EKATALOG,
  type ChecklistProduk,
  type ItemSyarat,
  type LegalitasData,
  type ProdukData,
  type UsahaData,
} from './ekatalog.ts';
import { STATUS_EKATALOG, type KategoriProduk, type StatusEkatalog, type StatusUsaha } from './tables.ts';

/** Rows whose kelurahan column lies in any of the areas (city, kecamatan or kelurahan codes). */
export function dalamArea(areas: readonly string[], column: string): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  const parts: RawBuilder<SqlBool>[] = [];
  for (const a of areas) {
    const level = areaLevelOf(a);
    if (level === 'kota' || level === 'kecamatan') parts.push(sql<SqlBool>`${col} like ${`${a}.%`}`);
    else if (level === 'kelurahan' || level === 'rw') {
      const kel = level === 'rw' ? a.slice(0, a.lastIndexOf('.')) : a;
      parts.push(sql<SqlBool>`${col} = ${kel}`);
    }
  }
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` or `)})` : sql<SqlBool>`false`;
}

// ---- Loading the data the checklist needs ----

export interface UsahaEkatalog extends UsahaData {
  id: string;
  nama: string;
  telepon: string | null;
  kecamatan_kode: string;
  kelurahan_kode: string;
}

export interface ProdukEkatalog extends ProdukData {
  id: string;
  usaha_id: string;
  ekatalog: StatusEkatalog;
  nama_terkunci: boolean;
}

/** The businesses' data for the checklist, by id. */
export async function loadUsaha(trx: Tx, ids: readonly string[]): Promise<Map<string, UsahaEkatalog>> {
  const out = new Map<string, UsahaEkatalog>();
  if (ids.length === 0) return out;
  const uniq = [...new Set(ids)];
  const [rows, kbliRows, legRows] = await Promise.all([
    trx
      .selectFrom('umkm_usaha')
      .select([
        'id',
        'nama',
        'status',
        'nib',
        'npwp',
        'sikap',
        'kswp_valid',
        'kswp_dicek',
        'telepon',
        'kecamatan_kode',
        'kelurahan_kode',
      ])
      .where('id', 'in', uniq)
      .execute(),
    trx
      .selectFrom('umkm_usaha_kbli')
      .select(['usaha_id', 'versi', 'kode'])
      .where('usaha_id', 'in', uniq)
      .execute(),
    trx
      .selectFrom('umkm_legalitas')
      .select(['usaha_id', 'jenis', 'nomor', 'terbit', 'berlaku_sampai'])
      .where('usaha_id', 'in', uniq)
      .execute(),
  ]);
  const kbliPer = new Map<string, { versi: string; kode: string }[]>();
  for (const k of kbliRows)
    kbliPer.set(k.usaha_id, [...(kbliPer.get(k.usaha_id) ?? []), { versi: k.versi, kode: k.kode }]);
  const legPer = new Map<string, LegalitasData[]>();
  for (const { usaha_id, ...l } of legRows) legPer.set(usaha_id, [...(legPer.get(usaha_id) ?? []), l]);
  for (const r of rows)
    out.set(r.id, { ...r, kbli: kbliPer.get(r.id) ?? [], legalitas: legPer.get(r.id) ?? [] });
  return out;
}

type ProdukQuery = ReturnType<typeof produkQuery>;

function produkQuery(trx: Tx) {
  return produkDenganUsaha(trx)
    .select([
      'p.id',
      'p.usaha_id',
      'p.nama',
      'p.kategori',
      'p.merek',
      'p.sku',
      'p.asal',
      'p.satuan',
      'p.harga',
      'p.kbli_versi',
      'p.kbli_kode',
      'p.tkdn',
      'p.halal',
      'p.sni',
      'p.ekatalog',
      'p.nama_terkunci',
    ])
    .select((eb) =>
      eb
        .selectFrom('umkm_foto as f')
        .whereRef('f.produk_id', '=', 'p.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('jumlah_foto'),
    );
}

async function produkDari(q: ProdukQuery): Promise<ProdukEkatalog[]> {
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, jumlah_foto: Number(r.jumlah_foto ?? 0) }));
}

// ---- Views ----

export interface LangkahView {
  status: StatusEkatalog;
  tanggal: string;
  catatan: string | null;
  at: string;
}

export interface ProdukSyaratView {
  id: string;
  nama: string;
  kategori: KategoriProduk;
  ekatalog: StatusEkatalog;
  namaTerkunci: boolean;
  siap: boolean;
  kurang: string[];
  syarat: ItemSyarat[];
}

export interface UsahaSyaratView {
  usaha: { id: string; nama: string; status: StatusUsaha };
  tanggal: string;
  siap: boolean;
  syarat: ItemSyarat[];
  produk: ProdukSyaratView[];
}

export interface ProdukEkatalogView extends ProdukSyaratView {
  usaha: { id: string; nama: string; status: StatusUsaha };
  tanggal: string;
  syaratUsaha: ItemSyarat[];
  langkah: LangkahView[];
  /** The viewer may move the product through the pipeline. */
  bolehPindah: boolean;
}

function produkView(p: ProdukEkatalog, c: ChecklistProduk): ProdukSyaratView {
  return {
    id: p.id,
    nama: p.nama,
    kategori: p.kategori,
    ekatalog: p.ekatalog,
    namaTerkunci: p.nama_terkunci,
    siap: c.siap,
    kurang: c.kurang,
    syarat: c.produk,
  };
}

/** The checklist of a business and of each of its products (owner, or officers who see it). */
export async function syaratUsahaView(trx: Tx, user: CurrentUser, usahaId: string): Promise<UsahaSyaratView> {
  const row = await usahaUntuk(trx, user, usahaId, 'lihat');
  const tanggal = todayWib();
  const u = (await loadUsaha(trx, [row.id])).get(row.id)!;
  const produk = await produkDari(
    produkQuery(trx).where('p.usaha_id', '=', row.id).orderBy('p.nama').orderBy('p.id'),
  );
  const c = syaratUsaha(u, tanggal);
  return {
    usaha: { id: row.id, nama: row.nama, status: row.status },
    tanggal,
    siap: c.siap,
    syarat: c.items,
    produk: produk.map((p) => produkView(p, syaratProduk(u, p, tanggal))),
  };
}

async function produkUntuk(
  trx: Tx,
  user: CurrentUser,
  produkId: string,
  need: 'lihat' | typeof UMKM_EKATALOG,
  kunci = false,
): Promise<{ p: ProdukEkatalog; row: UsahaRow }> {
  if (!isUuid(produkId)) throw notFound('umkm.err.produkTidakAda');
  const ada = await trx
    .selectFrom('umkm_produk')
    .select('usaha_id')
    .where('id', '=', produkId)
    .executeTakeFirst();
  if (!ada) throw notFound('umkm.err.produkTidakAda');
  let row: UsahaRow;
  try {
    row = await usahaUntuk(trx, user, ada.usaha_id, need);
  } catch (e) {
    if (e instanceof HttpProblem && e.status === 404) throw notFound('umkm.err.produkTidakAda');
    throw e;
  }
  if (kunci)
    await trx.selectFrom('umkm_produk').select('id').where('id', '=', produkId).forUpdate().execute();
  const [p] = await produkDari(produkQuery(trx).where('p.id', '=', produkId));
  if (!p) throw notFound('umkm.err.produkTidakAda');
  return { p, row };
}

/** A product's checklist, pipeline state and history. */
export async function produkEkatalogView(
  trx: Tx,
  user: CurrentUser,
  produkId: string,
): Promise<ProdukEkatalogView> {
  const { p, row } = await produkUntuk(trx, user, produkId, 'lihat');
  const tanggal = todayWib();
  const u = (await loadUsaha(trx, [row.id])).get(row.id)!;
  const c = syaratProduk(u, p, tanggal);
  const langkah = await trx
    .selectFrom('umkm_ekatalog_langkah')
    .select(['status', 'tanggal', 'catatan', 'at'])
    .where('produk_id', '=', p.id)
    .orderBy('id', 'desc')
    .execute();
  return {
    ...produkView(p, c),
    usaha: { id: row.id, nama: row.nama, status: row.status },
    tanggal,
    syaratUsaha: c.usaha,
    langkah: langkah.map((l) => ({ ...l, at: new Date(l.at).toISOString() })),
    bolehPindah: can(user, UMKM_EKATALOG, row.kelurahan_kode),
  };
}

// ---- Moving a product ----

export interface PindahInput {
  status: string;
  /** YYYY-MM-DD (WIB); default today. */
  tanggal?: string | null | undefined;
  catatan?: string | null | undefined;
}

/**
 * Moves a product one step forward, or back to an earlier state with a note. Forward to siap or
 * diajukan needs the checklist complete (409 listing the missing items); diajukan fixes the
 * name for good (nama_terkunci stays true even if the product is moved back: LKPP may hold it).
 */
export async function moveEkatalog(
  trx: Tx,
  user: CurrentUser,
  produkId: string,
  input: PindahInput,
): Promise<ProdukEkatalogView> {
  const { p, row } = await produkUntuk(trx, user, produkId, UMKM_EKATALOG, true);
  const hariIni = todayWib();
  const errors: FieldError[] = [];
  const ke = STATUS_EKATALOG.find((s) => s === input.status);
  if (!ke) errors.push({ pointer: '/body/status', detail: 'umkm.ekatalog.err.status' });
  const tanggal =
    input.tanggal === undefined || input.tanggal === null || input.tanggal === '' ? hariIni : input.tanggal;
  if (!isTanggal(tanggal)) errors.push({ pointer: '/body/tanggal', detail: 'umkm.ekatalog.err.tanggal' });
  else if (tanggal > hariIni)
    errors.push({ pointer: '/body/tanggal', detail: 'umkm.ekatalog.err.tanggalDepan' });
  else if (tanggal < '2000-01-01')
    errors.push({ pointer: '/body/tanggal', detail: 'umkm.ekatalog.err.tanggal' });
  const catatan = cleanText(input.catatan);
  if (catatan && catatan.length > 1000)
    errors.push({ pointer: '/body/catatan', detail: 'umkm.ekatalog.err.catatanPanjang' });
  const arah = ke ? arahPindah(p.ekatalog, ke) : null;
  if (arah === 'mundur' && !catatan)
    errors.push({ pointer: '/body/catatan', detail: 'umkm.ekatalog.err.catatanWajib' });
  if (isTanggal(tanggal) && !errors.some((e) => e.pointer === '/body/tanggal')) {
    const akhir = await trx
      .selectFrom('umkm_ekatalog_langkah')
      .select(sql<string | null>`max(tanggal)::text`.as('t'))
      .where('produk_id', '=', p.id)
      .executeTakeFirst();
    if (akhir?.t && tanggal < akhir.t)
      errors.push({ pointer: '/body/tanggal', detail: 'umkm.ekatalog.err.tanggalSebelum' });
  }
  if (errors.length) throw badRequest('umkm.ekatalog.err.pindahTidakSah', errors);
  if (!arah) {
    throw new HttpProblem(409, 'umkm.ekatalog.err.arah', {
      errors: [{ pointer: '/body/status', detail: 'umkm.ekatalog.err.arahDetail' }],
    });
  }
  if (arah === 'maju' && (ke === 'siap' || ke === 'diajukan')) {
    const u = (await loadUsaha(trx, [row.id])).get(row.id)!;
    const c = syaratProduk(u, p, hariIni);
    if (!c.siap) {
      const semua = [...c.usaha, ...c.produk];
      throw new HttpProblem(409, 'umkm.ekatalog.err.belumLengkap', {
        errors: c.kurang.map((k) => ({
          pointer: `/syarat/${k}`,
          detail: semua.find((i) => i.kode === k)!.saran,
        })),
      });
    }
  }
  const terkunci = p.nama_terkunci || ke === 'diajukan' || ke === 'tayang';
  await trx
    .updateTable('umkm_produk')
    .set({ ekatalog: ke!, nama_terkunci: terkunci, updated_at: new Date() })
    .where('id', '=', p.id)
    .execute();
  await trx
    .insertInto('umkm_ekatalog_langkah')
    .values({ tenant_id: row.tenant_id, produk_id: p.id, status: ke!, tanggal, catatan, oleh: user.id })
    .execute();
  await indeksProduk(trx, [p.id]);
  return produkEkatalogView(trx, user, p.id);
}

// ---- The officer's list and the submission file ----

export interface DaftarEkatalogQuery {
  status?: StatusEkatalog | undefined;
  kecamatan?: string | undefined;
  /** Only these products (a chosen set). */
  produk?: readonly string[] | undefined;
}

export interface BarisEkatalog {
  id: string;
  nama: string;
  kategori: KategoriProduk;
  ekatalog: StatusEkatalog;
  siap: boolean;
  kurang: string[];
  usahaId: string;
  usahaNama: string;
  kecamatanKode: string;
}

/** A product with its business and its checklist on a day. */
interface BarisSyarat {
  p: ProdukEkatalog;
  u: UsahaEkatalog;
  c: ReturnType<typeof syaratProduk>;
}

/** The products a query finds, each with its business and checklist on `tanggal`. */
async function withSyarat(trx: Tx, query: ProdukQuery, tanggal: string): Promise<BarisSyarat[]> {
  const produk = await produkDari(query);
  const usaha = await loadUsaha(
    trx,
    produk.map((p) => p.usaha_id),
  );
  return produk.map((p) => {
    const u = usaha.get(p.usaha_id)!;
    return { p, u, c: syaratProduk(u, p, tanggal) };
  });
}

/** Products in the officer's area (umkm.ekatalog), with their checklist; at most 2000. */
async function produkArea(
  trx: Tx,
  user: CurrentUser,
  q: DaftarEkatalogQuery,
  tanggal: string,
): Promise<BarisSyarat[]> {
  if (!can(user, UMKM_EKATALOG)) throw forbidden();
  const areas = areasFor(user, UMKM_EKATALOG);
  let query = produkQuery(trx).where(dalamArea(areas, 'u.kelurahan_kode'));
  if (q.status) query = query.where('p.ekatalog', '=', q.status);
  if (q.kecamatan) query = query.where('u.kecamatan_kode', '=', q.kecamatan);
  if (q.produk) {
    const ids = q.produk.filter(isUuid);
    if (ids.length === 0) return [];
    query = query.where('p.id', 'in', ids);
  }
  return withSyarat(trx, query.orderBy('u.nama').orderBy('p.nama').orderBy('p.id').limit(2000), tanggal);
}

export async function listEkatalog(
  trx: Tx,
  user: CurrentUser,
  q: DaftarEkatalogQuery,
): Promise<BarisEkatalog[]> {
  return (await produkArea(trx, user, q, todayWib())).map(({ p, u, c }) => ({
    id: p.id,
    nama: p.nama,
    kategori: p.kategori,
    ekatalog: p.ekatalog,
    siap: c.siap,
    kurang: c.kurang,
    usahaId: u.id,
    usahaNama: u.nama,
    kecamatanKode: u.kecamatan_kode,
  }));
}

/** One row of the submission file: the columns LKPP asks for. No NIK; the phone is masked. */
export interface BarisEkspor {
  namaProduk: string;
  merek: string | null;
  sku: string | null;
  asal: 'lokal' | 'impor' | null;
  satuan: string | null;
  harga: number;
  tkdn: number | null;
  kbliVersi: string | null;
  kbliKode: string | null;
  kbliJudul: string | null;
  kategori: KategoriProduk;
  namaUsaha: string;
  nib: string | null;
  npwp: string | null;
  telepon: string | null;
  halalNomor: string | null;
  /** null: no expiry (when there is a number). */
  halalBerlaku: string | null;
  sniNomor: string | null;
  sniBerlaku: string | null;
  ekatalog: StatusEkatalog;
  lengkap: boolean;
}

/**
 * The rows of the submission file: products in 'siap' by default, or the chosen products (any
 * state), in the officer's area.
 */
export async function exportEkatalog(
  trx: Tx,
  user: CurrentUser,
  q: DaftarEkatalogQuery,
): Promise<BarisEkspor[]> {
  const tanggal = todayWib();
  const baris = await produkArea(trx, user, q.produk ? q : { ...q, status: q.status ?? 'siap' }, tanggal);
  return baris.map(({ p, u, c }) => {
    const halal = perluHalal(p) ? legalitasBerlaku(u.legalitas, 'halal', tanggal) : null;
    const sni = perluSni(p) ? legalitasBerlaku(u.legalitas, 'sni', tanggal) : null;
    return {
      namaProduk: p.nama,
      merek: p.merek,
      sku: p.sku,
      asal: p.asal,
      satuan: p.satuan,
      harga: p.harga,
      tkdn: p.tkdn === null ? null : Number(p.tkdn),
      kbliVersi: p.kbli_versi,
      kbliKode: p.kbli_kode,
      kbliJudul: p.kbli_kode ? (kbli(p.kbli_kode, p.kbli_versi ?? undefined)?.judul ?? null) : null,
      kategori: p.kategori,
      namaUsaha: u.nama,
      nib: nibUsaha(u, tanggal),
      npwp: npwpUsaha(u, tanggal),
      telepon: maskPhone(u.telepon),
      halalNomor: halal?.nomor ?? null,
      halalBerlaku: halal?.berlaku_sampai ?? null,
      sniNomor: sni?.nomor ?? null,
      sniBerlaku: sni?.berlaku_sampai ?? null,
      ekatalog: p.ekatalog,
      lengkap: c.siap,
    };
  });
}

/** Counts per pipeline state and readiness of the products in some areas (dashboards). */
export async function ringkasEkatalog(
  trx: Tx,
  areas: readonly string[],
  kecamatan?: string,
): Promise<{ perStatus: Record<StatusEkatalog, number>; lengkap: number; belumLengkap: number }> {
  const tanggal = todayWib();
  let query = produkQuery(trx).where(dalamArea(areas, 'u.kelurahan_kode'));
  if (kecamatan) query = query.where('u.kecamatan_kode', '=', kecamatan);
  const baris = await withSyarat(trx, query, tanggal);
  const perStatus = Object.fromEntries(URUTAN_EKATALOG.map((s) => [s, 0])) as Record<StatusEkatalog, number>;
  let lengkap = 0;
  for (const { p, c } of baris) {
    perStatus[p.ekatalog]++;
    if (c.siap) lengkap++;
  }
  return { perStatus, lengkap, belumLengkap: baris.length - lengkap };
}
