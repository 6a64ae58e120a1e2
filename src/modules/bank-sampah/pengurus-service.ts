/**
 * Pengurus of a bank sampah: the users of the city appointed ketua, teller or bendahara, and the
 * search of the city's accounts that officers appoint from (emails masked).
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { listUsers } from '../../platform/auth/service.ts';
import {
  HttpProblem,
  badRequest,
  forbidden,
  notFound,
  type FieldError,
} from '../../platform/http/problem.ts';
import { maskEmail } from '../../platform/privacy.ts';
import { jabatanOf, type Jabatan } from './access.ts';
import { KELOLA } from './permissions.ts';
import { JABATAN, bankForUser, field, findUser, userNames } from './admin-common.ts';

// ---- Pengurus ----

export interface PengurusView {
  userId: string;
  nama: string;
  /** Masked: a**@contoh.id. */
  email: string;
  jabatan: Jabatan;
  /** Whether the account is active. */
  aktif: boolean;
  createdAt: string;
}

async function pengurusRows(trx: Tx, bankId: string): Promise<PengurusView[]> {
  const rows = await trx
    .selectFrom('bank_sampah_pengurus')
    .selectAll()
    .where('bank_id', '=', bankId)
    .orderBy(sql`array_position(array['ketua','bendahara','teller']::text[], jabatan)`)
    .orderBy('created_at')
    .execute();
  const users = await userNames(
    trx,
    rows.map((r) => r.user_id),
  );
  return rows.map((r) => {
    const u = users.get(r.user_id);
    return {
      userId: r.user_id,
      nama: u?.name ?? '',
      email: u ? maskEmail(u.email) : '',
      jabatan: r.jabatan,
      aktif: u?.active ?? false,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
}

export async function listPengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
): Promise<PengurusView[]> {
  const bank = await bankForUser(trx, user, bankId, 'lihat');
  return pengurusRows(trx, bank.id);
}

export interface PengurusInput {
  userId?: string | null | undefined;
  email?: string | null | undefined;
  jabatan?: string | null | undefined;
}

/**
 * Appoints a user of the city as pengurus (or changes their position). Returns the pengurus and
 * whether they are new.
 */
export async function addPengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  input: PengurusInput,
): Promise<{ pengurus: PengurusView; baru: boolean }> {
  const bank = await bankForUser(trx, user, bankId, 'kelola');
  const errors: FieldError[] = [];
  const jabatan = JABATAN.find((j) => j === input.jabatan);
  if (!jabatan) errors.push(field('jabatan', 'bankSampah.admin.err.jabatan'));
  const pointer = input.userId ? 'userId' : 'email';
  const target = input.userId || input.email ? await findUser(trx, input) : undefined;
  if (!target)
    errors.push(
      field(
        pointer,
        input.userId || input.email ? 'bankSampah.admin.err.penggunaTidakAda' : 'validation.required',
      ),
    );
  else if (!target.active) errors.push(field(pointer, 'bankSampah.admin.err.penggunaNonaktif'));
  if (errors.length) throw badRequest('error.validation', errors);
  // Whoever manages the pengurus cannot give themselves a position: every position operates the
  // bank's money, so an officer (or a ketua) would grant themselves what their role does not.
  if (target!.id === user?.id)
    throw new HttpProblem(403, 'bankSampah.admin.err.diriSendiri', {
      errors: [field(pointer, 'bankSampah.admin.err.diriSendiri')],
    });
  const existing = await jabatanOf(trx, target!, bank.id);
  if (existing === null) {
    await trx
      .insertInto('bank_sampah_pengurus')
      .values({
        tenant_id: bank.tenant_id,
        bank_id: bank.id,
        user_id: target!.id,
        jabatan: jabatan!,
        diangkat_oleh: user?.id ?? null,
      })
      .execute();
  } else if (existing !== jabatan) {
    await trx
      .updateTable('bank_sampah_pengurus')
      .set({ jabatan: jabatan!, diangkat_oleh: user?.id ?? null })
      .where('bank_id', '=', bank.id)
      .where('user_id', '=', target!.id)
      .execute();
  }
  const list = await pengurusRows(trx, bank.id);
  return { pengurus: list.find((p) => p.userId === target!.id)!, baru: existing === null };
}

export async function removePengurus(
  trx: Tx,
  user: CurrentUser | null,
  bankId: string,
  userId: string,
): Promise<void> {
  const bank = await bankForUser(trx, user, bankId, 'kelola');
  const r = await trx
    .deleteFrom('bank_sampah_pengurus')
    .where('bank_id', '=', bank.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound('bankSampah.admin.err.bukanPengurus');
}

/** Users of the city matching a name or email, to appoint (emails masked); officers with bank-sampah.kelola only. */
export async function searchPengguna(
  trx: Tx,
  user: CurrentUser,
  bankId: string,
  q: string,
): Promise<{ id: string; nama: string; email: string; jabatan: Jabatan | null }[]> {
  const bank = await bankForUser(trx, user, bankId, 'kelola');
  // Searching the city's accounts is for officers, not for a bank's own ketua.
  if (!can(user, KELOLA, bank.area_kode)) throw forbidden();
  const text = q.trim();
  if (text.length < 2) return [];
  const found = await listUsers(trx, { q: text, limit: 10, offset: 0 });
  const current = new Map((await pengurusRows(trx, bank.id)).map((p) => [p.userId, p.jabatan]));
  return found.items
    .filter((u) => u.active)
    .map((u) => ({ id: u.id, nama: u.name, email: maskEmail(u.email), jabatan: current.get(u.id) ?? null }));
}
