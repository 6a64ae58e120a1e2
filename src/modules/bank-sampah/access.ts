/**
 * Which banks a user may see, operate and manage. A bank is in an area (its RW, the kelurahan of
 * an institution's bank, or the city for an induk): a role grant covering that area gives the
 * role's permissions there. The pengurus of a bank (bank_sampah_pengurus) operate it whatever
 * their role; its ketua also manages its prices and settings, and ketua and bendahara approve
 * withdrawals. A bank the user may not see answers 404; one they see but may not act on, 403.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { areasFor, can, type CurrentUser, type Permission } from '../../platform/auth/roles.ts';
import { forbidden, notFound } from '../../platform/http/problem.ts';
import { KELOLA, LIHAT, SETUJUI, TRANSAKSI } from './permissions.ts';
import type { BankSampahTable } from './tables.ts';
import type { Selectable } from 'kysely';

export type BankRow = Selectable<BankSampahTable>;
export type Jabatan = 'ketua' | 'teller' | 'bendahara';

/** What a user may do at one bank. */
export interface BankRights {
  lihat: boolean;
  transaksi: boolean;
  kelola: boolean;
  setujui: boolean;
  jabatan: Jabatan | null;
}

/** The user's position among the bank's pengurus, or null. */
export async function jabatanOf(
  trx: Tx,
  user: Pick<CurrentUser, 'id'> | null,
  bankId: string,
): Promise<Jabatan | null> {
  if (!user) return null;
  const row = await trx
    .selectFrom('bank_sampah_pengurus')
    .select('jabatan')
    .where('bank_id', '=', bankId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return row?.jabatan ?? null;
}

export function rightsAt(user: CurrentUser | null, bank: BankRow, jabatan: Jabatan | null): BankRights {
  const has = (perm: Permission) => can(user, perm, bank.area_kode);
  return {
    lihat: jabatan !== null || has(LIHAT),
    transaksi: jabatan !== null || has(TRANSAKSI),
    kelola: jabatan === 'ketua' || has(KELOLA),
    setujui: jabatan === 'ketua' || jabatan === 'bendahara' || has(SETUJUI),
    jabatan,
  };
}

/** What the user may do at the bank, without throwing (a member viewing their own passbook). */
export async function rightsFor(trx: Tx, user: CurrentUser | null, bank: BankRow): Promise<BankRights> {
  return rightsAt(user, bank, await jabatanOf(trx, user, bank.id));
}

export async function findBank(trx: Tx, bankId: string): Promise<BankRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(bankId)) return undefined;
  return trx.selectFrom('bank_sampah').selectAll().where('id', '=', bankId).executeTakeFirst();
}

/**
 * The bank, if the user may exercise `need` there (404 when they may not even see it, 403 when
 * they see it but lack the right).
 */
export async function bankFor(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  need: keyof Omit<BankRights, 'jabatan'> = 'lihat',
): Promise<{ bank: BankRow; rights: BankRights }> {
  const bank = await findBank(trx, bankId);
  if (!bank) throw notFound();
  const rights = await rightsFor(trx, user, bank);
  if (!rights.lihat) throw notFound();
  if (!rights[need]) throw forbidden();
  return { bank, rights };
}

/**
 * A filter for bank lists: the banks in the user's areas for `perm`, plus the banks they are
 * pengurus of. Returns null when the user sees every bank of the city.
 */
export function visibleBankAreas(user: CurrentUser, perm: Permission = LIHAT): string[] | null {
  const areas = can(user, perm) ? areasFor(user, perm) : [];
  return areas.includes(user.tenantId) ? null : areas;
}

/** SQL condition on bank_sampah (aliased `b`) for the banks the user may see. */
export function visibleBanksWhere(user: CurrentUser, perm: Permission = LIHAT) {
  const areas = visibleBankAreas(user, perm);
  if (areas === null) return sql<boolean>`true`;
  const inArea = areas.length
    ? sql.join(
        areas.map((a) => sql`(b.area_kode = ${a} or b.area_kode like ${`${a}.%`})`),
        sql` or `,
      )
    : sql`false`;
  return sql<boolean>`(${inArea} or exists (select 1 from bank_sampah_pengurus p
    where p.tenant_id = b.tenant_id and p.bank_id = b.id and p.user_id = ${user.id}))`;
}
