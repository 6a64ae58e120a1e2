/**
 * What the administration services of bank sampah share: the kinds of banks and positions, field
 * errors, and how a service finds the bank the user may act on (a null user is the system).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areaLevelOf, type CurrentUser } from '../../platform/auth/roles.ts';
import { getUser, listUsers, normaliseEmail } from '../../platform/auth/service.ts';
import { HttpProblem, notFound, type FieldError } from '../../platform/http/problem.ts';
import { bankFor, findBank, type BankRow } from './access.ts';
import type { JENIS_NASABAH, LEMBAGA, TINGKAT_BANK } from './admin-schemas.ts';

export { LEMBAGA, JABATAN } from './admin-schemas.ts';
export type Lembaga = (typeof LEMBAGA)[number];
export type Tingkat = (typeof TINGKAT_BANK)[number];
export type JenisNasabah = (typeof JENIS_NASABAH)[number];
export const NIK_RE = /^[0-9]{16}$/;
export const KODE_BANK_RE = /^[A-Z0-9-]{3,20}$/;
export const NOMOR_NASABAH_RE = /^[A-Z0-9-]{3,30}$/;
/** Highest withdrawal threshold accepted (rupiah). */
export const AMBANG_MAX = 1_000_000_000;

export const field = (name: string, detail: string): FieldError => ({ pointer: `/body/${name}`, detail });
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The city of the transaction (the user's, or the one the transaction is scoped to). */
export async function tenantOf(trx: Tx, user: CurrentUser | null): Promise<string> {
  if (user) return user.tenantId;
  const r = await sql<{ t: string | null }>`select balai_current_tenant() as t`.execute(trx);
  const t = r.rows[0]?.t;
  if (!t) throw new Error('No city in this transaction');
  return t;
}

/** The bank when the user may exercise `need` there; for the system, any bank of the city. */
export async function bankForUser(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  need: 'lihat' | 'transaksi' | 'kelola',
): Promise<BankRow> {
  if (user) return (await bankFor(trx, user, bankId, need)).bank;
  const bank = await findBank(trx, bankId);
  if (!bank) throw notFound();
  return bank;
}

export interface Halaman<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

export async function userNames(
  trx: Tx,
  ids: string[],
): Promise<Map<string, { name: string; email: string; active: boolean }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'active'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** A user of the city by id or exact email (case-insensitive), or undefined. */
export async function findUser(
  trx: Tx,
  by: { userId?: string | null | undefined; email?: string | null | undefined },
) {
  if (by.userId) {
    if (!UUID_RE.test(by.userId)) return undefined;
    try {
      return await getUser(trx, by.userId);
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 404) return undefined;
      throw err;
    }
  }
  if (by.email) {
    const email = normaliseEmail(by.email);
    const found = await listUsers(trx, { q: email, limit: 20, offset: 0 });
    return found.items.find((u) => u.email.toLowerCase() === email);
  }
  return undefined;
}

/** The kelurahan of a bank: its own kelurahan_kode, else the kelurahan of its RW or kelurahan area. */
export function kelurahanOfBank(b: Pick<BankRow, 'kelurahan_kode' | 'area_kode'>): string | null {
  if (b.kelurahan_kode) return b.kelurahan_kode;
  const level = areaLevelOf(b.area_kode);
  if (level === 'kelurahan') return b.area_kode;
  if (level === 'rw') return b.area_kode.slice(0, b.area_kode.lastIndexOf('.'));
  return null;
}

/** The kecamatan of a bank: that of its kelurahan, or its kecamatan area. */
export function kecamatanOfBank(b: Pick<BankRow, 'kelurahan_kode' | 'area_kode'>): string | null {
  const kel = kelurahanOfBank(b);
  if (kel) return kel.slice(0, kel.lastIndexOf('.'));
  return areaLevelOf(b.area_kode) === 'kecamatan' ? b.area_kode : null;
}
