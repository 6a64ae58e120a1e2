/**
 * Withdrawals: cash paid out of a member's savings, never above the balance; above the bank's
 * threshold a request for a second person. A unit bank drawing its savings at its induk gets
 * the cash as a pencairan entry of its own.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { badRequest, conflict } from '../../platform/http/problem.ts';
import { findBank, type BankRow } from './access.ts';
import {
  AKUN,
  ajukan,
  akunIds,
  lockAkun,
  nasabahOf,
  post,
  saldoKurang,
  saldoNasabah,
  sumAkun,
  type Pelaku,
  recordedBy,
} from './ledger-akun.ts';

export interface PenarikanInput {
  nasabahId: string;
  jumlah: number;
  catatan?: string | undefined;
}

/** Posts a withdrawal after locking the member's account and checking the balance. */
export async function postWithdrawal(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  nasabahId: string,
  jumlah: number,
  catatan: string | null,
  id: string,
  disetujuiOleh: string | null = null,
): Promise<void> {
  const ids = await akunIds(trx, bank.tenant_id, bank.id, [AKUN.tabungan(nasabahId), AKUN.kas]);
  const tabungan = ids.get(AKUN.tabungan(nasabahId)) as string;
  await lockAkun(trx, [tabungan]);
  const saldo = -(await sumAkun(trx, tabungan));
  if (jumlah > saldo) throw saldoKurang(saldo);
  // A unit bank drawing its savings at its induk: the unit's claim on the induk becomes cash.
  const member = await trx
    .selectFrom('bank_sampah_nasabah')
    .select('bank_unit_id')
    .where('id', '=', nasabahId)
    .executeTakeFirstOrThrow();
  const unit = member.bank_unit_id ? await findBank(trx, member.bank_unit_id) : undefined;
  const pencairanId = unit ? randomUUID() : null;
  // The induk's entry first, then the unit's: entry numbers are counted per bank, and every
  // operation spanning a unit and its induk takes the induk's counter first (no deadlock).
  await post(
    trx,
    {
      id,
      bank,
      jenis: 'penarikan',
      nasabahId,
      terkaitId: pencairanId,
      catatan,
      ...recordedBy(pelaku),
      disetujuiOleh,
      money: [
        { kunci: AKUN.tabungan(nasabahId), jumlah },
        { kunci: AKUN.kas, jumlah: -jumlah },
      ],
      stock: [],
    },
    ids,
  );
  if (unit && pencairanId) {
    await post(trx, {
      id: pencairanId,
      bank: unit,
      jenis: 'pencairan',
      pembeliBankId: bank.id,
      pembeliNama: bank.nama,
      terkaitId: id,
      catatan,
      ...recordedBy(pelaku),
      disetujuiOleh,
      money: [
        { kunci: AKUN.kas, jumlah },
        { kunci: AKUN.piutangInduk, jumlah: -jumlah },
      ],
      stock: [],
    });
  }
}

function checkJumlah(jumlah: number, pointer: string): void {
  if (!Number.isSafeInteger(jumlah) || jumlah <= 0 || jumlah > 1_000_000_000) {
    throw badRequest('bankSampah.jumlah.tidakValid', [{ pointer, detail: 'bankSampah.jumlah.tidakValid' }]);
  }
}

/**
 * Records a cash withdrawal, or — above the bank's approval threshold — a request that waits
 * for a second person. Returns what was created.
 */
export async function catatPenarikan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  input: PenarikanInput,
  id: string = randomUUID(),
): Promise<{ jenis: 'jurnal' | 'pengajuan'; id: string }> {
  if (!bank.aktif) throw conflict('bankSampah.bank.nonaktif');
  checkJumlah(input.jumlah, '/body/jumlah');
  const n = await nasabahOf(trx, bank, input.nasabahId, '/body/nasabahId');
  if (bank.ambang_persetujuan !== null && input.jumlah > bank.ambang_persetujuan) {
    const saldo = await saldoNasabah(trx, bank.id, n.id);
    if (input.jumlah > saldo) throw saldoKurang(saldo);
    await ajukan(trx, pelaku, bank, { nasabahId: n.id, jumlah: input.jumlah, catatan: input.catatan }, id);
    return { jenis: 'pengajuan', id };
  }
  await postWithdrawal(trx, pelaku, bank, n.id, input.jumlah, input.catatan ?? null, id);
  return { jenis: 'jurnal', id };
}
