/**
 * Reversals: an entry undone by a new entry negating it, with a reason, at most once.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/transaction.ts';
import { badRequest, conflict, notFound } from '../../platform/http/problem.ts';
import { findBank, type BankRow } from './access.ts';
import {
  AKUN,
  akunIds,
  lockAkun,
  post,
  saldoKurang,
  stokItem,
  sumAkun,
  toMilli,
  type Pelaku,
  recordedBy,
} from './ledger-akun.ts';
import { sameTenant } from '../../platform/db/tenant-join.ts';

/**
 * Reverses an entry with a reason: a new entry with every line negated, linked to the original.
 * An entry is reversed at most once; a reversal cannot itself be reversed. Reversing lowers
 * balances or stock that may have been used since: those accounts are locked and checked.
 * A sale to an induk is reversed together with the deposit it created there.
 */
export async function batalkan(
  trx: Tx,
  pelaku: Pelaku,
  bank: BankRow,
  jurnalId: string,
  alasan: string,
  id: string = randomUUID(),
): Promise<string> {
  const reason = alasan.trim();
  if (reason.length < 5 || reason.length > 500) {
    throw badRequest('bankSampah.alasan.wajib', [
      { pointer: '/body/alasan', detail: 'validation.lengthRange', params: { min: 5, max: 500 } },
    ]);
  }
  const original = /^[0-9a-f-]{36}$/i.test(jurnalId)
    ? await trx
        .selectFrom('bank_sampah_jurnal')
        .selectAll()
        .where('bank_id', '=', bank.id)
        .where('id', '=', jurnalId)
        .executeTakeFirst()
    : undefined;
  if (!original) throw notFound();
  if (original.jenis === 'pembatalan') throw conflict('bankSampah.pembatalan.pembatalan');
  // The half of a unit↔induk operation recorded by the other side is reversed through its origin.
  if (original.jenis === 'setoran' && original.terkait_id)
    throw conflict('bankSampah.pembatalan.dariPenjualan');
  if (original.jenis === 'pencairan') throw conflict('bankSampah.pembatalan.dariPenarikanInduk');
  const targets = [{ entry: original, bank, newId: id }];
  if ((original.jenis === 'penjualan' || original.jenis === 'penarikan') && original.terkait_id) {
    const linked = await trx
      .selectFrom('bank_sampah_jurnal')
      .selectAll()
      .where('id', '=', original.terkait_id)
      .executeTakeFirst();
    const other = linked ? await findBank(trx, linked.bank_id) : undefined;
    if (!linked || !other) throw new Error('linked entry missing');
    targets.push({ entry: linked, bank: other, newId: randomUUID() });
  }
  const already = await trx
    .selectFrom('bank_sampah_jurnal')
    .select('id')
    .where(
      'membatalkan_id',
      'in',
      targets.map((t) => t.entry.id),
    )
    .executeTakeFirst();
  if (already) throw conflict('bankSampah.pembatalan.sudah');

  // Lines of every entry to reverse; lock the accounts a reversal lowers, in one go.
  const plans = [];
  for (const t of targets) {
    const money = await trx
      .selectFrom('bank_sampah_jurnal_baris as l')
      .innerJoin('bank_sampah_akun as a', sameTenant('a.id', 'l.akun_id'))
      .select(['l.akun_id', 'a.kunci', 'l.jumlah'])
      .where('l.jurnal_id', '=', t.entry.id)
      .orderBy('l.no')
      .execute();
    const stock = await trx
      .selectFrom('bank_sampah_stok_baris')
      .selectAll()
      .where('jurnal_id', '=', t.entry.id)
      .orderBy('no')
      .execute();
    plans.push({ ...t, money, stock });
  }
  // Lock what a reversal lowers: savings the original credited and items whose stock came in.
  const lowered = plans.flatMap((p) =>
    p.money.filter((l) => l.kunci.startsWith('tabungan:') && l.jumlah < 0).map((l) => l.akun_id),
  );
  for (const p of plans) {
    const items = p.stock.filter((s) => toMilli(s.kuantitas) > 0).map((s) => AKUN.persediaan(s.jenis_kode));
    const ids = await akunIds(trx, p.bank.tenant_id, p.bank.id, items);
    lowered.push(...ids.values());
  }
  await lockAkun(trx, lowered);

  for (const p of plans) {
    for (const l of p.money) {
      if (l.kunci.startsWith('tabungan:') && l.jumlah < 0) {
        const saldo = -(await sumAkun(trx, l.akun_id));
        if (-l.jumlah > saldo) throw saldoKurang(saldo);
      }
    }
    // Stock that came in goes out again: at most what is on hand (per item, over all lines), and
    // only if none of that item was sold since — a sale valued the stock at an average that
    // included this entry, so taking it out at its own price would leave value on stock that is gone.
    const masuk = new Map<string, number>();
    for (const s of p.stock) {
      const q = toMilli(s.kuantitas);
      if (q > 0) masuk.set(s.jenis_kode, (masuk.get(s.jenis_kode) ?? 0) + q);
    }
    for (const [jenis, q] of masuk) {
      const onHand = await stokItem(trx, p.bank.id, jenis);
      if (q > onHand.milli) throw conflict('bankSampah.pembatalan.stokKurang', { jenis });
      const soldSince = await trx
        .selectFrom('bank_sampah_stok_baris as s')
        .innerJoin('bank_sampah_jurnal as j', sameTenant('j.id', 's.jurnal_id'))
        .select('j.id')
        .where('s.bank_id', '=', p.bank.id)
        .where('s.jenis_kode', '=', jenis)
        .where('j.jenis', '=', 'penjualan')
        .where('j.nomor', '>', p.entry.nomor)
        .limit(1)
        .executeTakeFirst();
      if (soldSince) throw conflict('bankSampah.pembatalan.sudahTerjual', { jenis });
    }
  }
  // The induk's reversal first, as every operation spanning two banks does (see postWithdrawal).
  plans.sort((x, y) => Number(x.bank.tingkat !== 'induk') - Number(y.bank.tingkat !== 'induk'));
  for (const p of plans) {
    await post(
      trx,
      {
        id: p.newId,
        bank: p.bank,
        jenis: 'pembatalan',
        nasabahId: p.entry.nasabah_id,
        rwId: p.entry.rw_id,
        pembeliBankId: p.entry.pembeli_bank_id,
        pembeliNama: p.entry.pembeli_nama,
        membatalkanId: p.entry.id,
        alasan: reason,
        ...recordedBy(pelaku),
        money: p.money.map((l) => ({ kunci: l.kunci, jumlah: -l.jumlah })),
        stock: p.stock.map((s) => ({
          jenisKode: s.jenis_kode,
          kategoriKode: s.kategori_kode,
          satuan: s.satuan,
          kondisi: s.kondisi,
          milli: -toMilli(s.kuantitas),
          kgMilli: -toMilli(s.kg),
          hargaSatuan: s.harga_satuan,
          nilai: -s.nilai,
        })),
      },
      new Map(p.money.map((l) => [l.kunci, l.akun_id])),
    );
  }
  return id;
}
