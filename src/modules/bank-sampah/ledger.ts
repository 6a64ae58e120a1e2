/**
 * The bank sampah ledger (ADR 0010). Every operation is one journal entry whose money lines sum
 * to zero (a deferred trigger checks at commit) plus stock lines for quantities. Nothing is ever
 * updated or deleted: a mistake is reversed by a new entry. Balances are sums of lines.
 *
 * Sign convention: debit positive, credit negative. Member savings (tabungan) are a liability,
 * so a member's balance is minus the sum of their account's lines. Accounts per bank:
 *   kas               cash in hand
 *   persediaan:<item> value of the stock of one item (its quantity is in the stock lines)
 *   tabungan:<member> the member's savings
 *   pendapatan        the bank's income: fees (bagi hasil) and margins on sales
 *   piutang_induk     what the bank's induk owes it (its savings at the induk)
 *
 * Concurrency: an operation that lowers a balance or a stock locks the account rows it lowers
 * (`FOR NO KEY UPDATE`, in a fixed order), then recomputes and checks. Deposits only raise
 * balances and take no lock, so tellers of different members never wait for each other.
 *
 * This file is the ledger's face inside the module (the only writer of the ledger): accounts and
 * the writes in ledger-akun.ts, keys in ledger-idempotensi.ts, the operations in ledger-setoran.ts,
 * ledger-penarikan.ts, ledger-pengajuan.ts, ledger-penjualan.ts, ledger-pembatalan.ts.
 */
export {
  AKUN,
  feeOf,
  milliToDecimal,
  nilaiOf,
  saldoNasabah,
  toMilli,
  type Pelaku,
  type StockLine,
} from './ledger-akun.ts';
export { IDEMPOTENCY_KEY_RE, claimKey, recordRefusal, refusalProblem } from './ledger-idempotensi.ts';
export {
  catatSetoran,
  checkSetoranBaris,
  melebihiBatas,
  prepareSetoran,
  recordSetoran,
  setorkan,
  type SetoranBaris,
  type SetoranCek,
  type SetoranInput,
  type SetoranSiap,
} from './ledger-setoran.ts';
export { catatPenarikan, type PenarikanInput } from './ledger-penarikan.ts';
export { putuskanPengajuan } from './ledger-pengajuan.ts';
export { catatPenjualan, type PenjualanBaris, type PenjualanInput } from './ledger-penjualan.ts';
export { batalkan } from './ledger-pembatalan.ts';
