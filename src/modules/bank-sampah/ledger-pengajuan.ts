/**
 * Deciding a request that waits for a second person: a withdrawal above the threshold or a
 * deposit above the bank's limits, approved (then posted) or rejected with a reason.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { can, type CurrentUser } from '../../platform/auth/roles.ts';
import { HttpProblem, badRequest, conflict, notFound } from '../../platform/http/problem.ts';
import { SETUJUI } from './permissions.ts';
import type { BankRow } from './access.ts';
import type { Pelaku } from './ledger-akun.ts';
import { postDeposit, prepareSetoran } from './ledger-setoran.ts';
import { postWithdrawal } from './ledger-penarikan.ts';

/**
 * Approves (posting the withdrawal, balance checked again, or the deposit) or rejects a pending
 * request. The approver must be another person than the one who asked, and — when approving as
 * a pengurus rather than by role — not appointed by the one who asked.
 */
export async function putuskanPengajuan(
  trx: Tx,
  pelaku: Pelaku & { user: CurrentUser },
  bank: BankRow,
  pengajuanId: string,
  keputusan: { setuju: boolean; alasan?: string | undefined },
): Promise<{ status: 'disetujui' | 'ditolak'; jurnalId: string | null }> {
  const p = /^[0-9a-f-]{36}$/i.test(pengajuanId)
    ? await trx
        .selectFrom('bank_sampah_pengajuan')
        .selectAll()
        .where('bank_id', '=', bank.id)
        .where('id', '=', pengajuanId)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!p) throw notFound();
  if (p.status !== 'menunggu') throw conflict('bankSampah.pengajuan.sudahDiputus');
  if (p.diajukan_oleh === pelaku.user.id) throw new HttpProblem(403, 'bankSampah.pengajuan.orangLain');
  // A pengurus approving by their position: not for a request of whoever appointed them (an
  // officer could otherwise appoint an accomplice to approve their own requests).
  if (!can(pelaku.user, SETUJUI, bank.area_kode)) {
    const approver = await trx
      .selectFrom('bank_sampah_pengurus')
      .select('diangkat_oleh')
      .where('bank_id', '=', bank.id)
      .where('user_id', '=', pelaku.user.id)
      .executeTakeFirst();
    if (approver?.diangkat_oleh === p.diajukan_oleh)
      throw new HttpProblem(403, 'bankSampah.pengajuan.pengangkat');
  }
  let jurnalId: string | null = null;
  if (keputusan.setuju && p.jenis === 'setoran') {
    jurnalId = randomUUID();
    // Valued at the prices in force when it was recorded (prices are history).
    const input = { nasabahId: p.nasabah_id, baris: p.baris ?? [] };
    const { n, stock } = await prepareSetoran(trx, bank, input, new Date(p.created_at));
    await postDeposit(trx, pelaku, bank, n, stock, p.catatan, jurnalId, pelaku.user.id);
  } else if (keputusan.setuju) {
    jurnalId = randomUUID();
    await postWithdrawal(trx, pelaku, bank, p.nasabah_id, p.jumlah, p.catatan, jurnalId, pelaku.user.id);
  } else if (!keputusan.alasan || keputusan.alasan.trim().length < 5) {
    throw badRequest('bankSampah.alasan.wajib', [
      { pointer: '/body/alasan', detail: 'validation.minLength', params: { limit: 5 } },
    ]);
  }
  await trx
    .updateTable('bank_sampah_pengajuan')
    .set({
      status: keputusan.setuju ? 'disetujui' : 'ditolak',
      diputus_oleh: pelaku.user.id,
      diputus_at: new Date(),
      alasan_tolak: keputusan.setuju ? null : (keputusan.alasan?.trim() ?? null),
      jurnal_id: jurnalId,
    })
    .where('bank_id', '=', bank.id)
    .where('id', '=', p.id)
    .execute();
  return { status: keputusan.setuju ? 'disetujui' : 'ditolak', jurnalId };
}
