/**
 * The city's UMKM settings and the review of new products.
 *
 * produkDitinjau (off by default): a verified business's new product normally goes live at once.
 * With the setting on, a product created by its owner (or by anyone who may not verify the
 * business) for a verified business waits (umkm_produk.menunggu_tinjau) until an officer with
 * umkm.verifikasi over the business approves it; the public catalogue leaves waiting products out
 * (its derived table, 0022, and the business and product pages). A product of a business not yet
 * verified needs no review of its own: the business's verification goes first. The setting
 * applies to products created while it is on; turning it off does not publish waiting products
 * (each is still approved, so nothing goes live unseen).
 *
 * Who: the setting is changed by those who manage the registry for the whole city (umkm.kelola
 * at city level); the waiting list shows each officer the products of their area.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser } from '../../platform/auth/roles.ts';
import { conflict, forbidden, notFound } from '../../platform/http/problem.ts';
import { bisa, dalamArea, isUuid, produkDenganUsaha, type UsahaRow } from './access.ts';
import { UMKM_KELOLA, UMKM_VERIFIKASI } from './permissions.ts';

export interface PengaturanUmkm {
  produkDitinjau: boolean;
}

/** The current city's settings (the defaults when it has never saved any). */
export async function getPengaturan(trx: Tx): Promise<PengaturanUmkm> {
  const r = await trx.selectFrom('umkm_pengaturan').select('produk_ditinjau').executeTakeFirst();
  return { produkDitinjau: r?.produk_ditinjau ?? false };
}

/** May the user change the city's UMKM settings? */
export function canSetPengaturan(user: CurrentUser): boolean {
  return can(user, UMKM_KELOLA, user.tenantId);
}

export async function savePengaturan(trx: Tx, user: CurrentUser, p: PengaturanUmkm): Promise<void> {
  if (!canSetPengaturan(user)) throw forbidden();
  await trx
    .insertInto('umkm_pengaturan')
    .values({ tenant_id: user.tenantId, produk_ditinjau: p.produkDitinjau })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ produk_ditinjau: p.produkDitinjau, updated_at: new Date() }),
    )
    .execute();
}

/**
 * Does a new product of this business wait for review? Only with the setting on, for a verified
 * business, when the user creating it may not verify that business themselves.
 */
export async function produkBaruDitinjau(
  trx: Tx,
  user: CurrentUser | null,
  u: Pick<UsahaRow, 'status' | 'kelurahan_kode'>,
): Promise<boolean> {
  if (u.status !== 'terverifikasi' || bisa(user, UMKM_VERIFIKASI, u)) return false;
  return (await getPengaturan(trx)).produkDitinjau;
}

export interface ProdukMenunggu {
  id: string;
  nama: string;
  harga: number;
  satuan: string;
  usahaId: string;
  usahaNama: string;
  createdAt: string;
}

/** Products waiting for review in the user's umkm.verifikasi area, oldest first. */
export async function listMenunggu(trx: Tx, user: CurrentUser, limit = 200): Promise<ProdukMenunggu[]> {
  const rows = await produkDenganUsaha(trx)
    .select([
      'p.id',
      'p.nama',
      'p.harga',
      'p.satuan',
      'p.created_at',
      'u.id as usaha_id',
      'u.nama as usaha_nama',
    ])
    .where('p.menunggu_tinjau', '=', true)
    .where(dalamArea(areasFor(user, UMKM_VERIFIKASI), 'u.kelurahan_kode'))
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nama: r.nama,
    harga: Number(r.harga),
    satuan: r.satuan,
    usahaId: r.usaha_id,
    usahaNama: r.usaha_nama,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Approves a waiting product: it goes live (the catalogue's triggers add it). */
export async function approveProduk(trx: Tx, user: CurrentUser, id: string): Promise<void> {
  const r = isUuid(id)
    ? await produkDenganUsaha(trx)
        .select(['p.id', 'p.menunggu_tinjau', 'u.kelurahan_kode'])
        .where('p.id', '=', id)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!r || !bisa(user, UMKM_VERIFIKASI, r)) throw notFound('umkm.err.produkTidakAda');
  if (!r.menunggu_tinjau) throw conflict('umkm.tinjau.err.bukanMenunggu');
  await trx
    .updateTable('umkm_produk')
    .set({ menunggu_tinjau: false, updated_at: sql<Date>`now()` })
    .where('id', '=', r.id)
    .execute();
}
