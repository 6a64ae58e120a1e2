/**
 * Messages of the bank sampah module: the core (errors of the ledger, navigation) here, each
 * area's own in its messages-*.ts, merged below. Every key exists in both languages.
 */
import type { MessageCatalog } from '../../platform/i18n/index.ts';
import { adminMessages } from './messages-admin.ts';
import { hargaMessages } from './messages-harga.ts';
import { transaksiMessages } from './messages-transaksi.ts';
import { laporanMessages } from './messages-laporan.ts';

const core = {
  id: {
    'bankSampah.module': 'Bank Sampah',
    'bankSampah.nav.bank': 'Bank sampah',
    'bankSampah.nav.saya': 'Tabungan sampah saya',
    'bankSampah.nav.laporan': 'Laporan bank sampah',
    'bankSampah.nav.verifikasi': 'Periksa buku besar',
    'bankSampah.idempotensi.format':
      'Kunci idempotensi (Idempotency-Key) wajib: 8–100 huruf, angka, titik, titik dua, garis bawah atau tanda hubung.',
    'bankSampah.idempotensi.berbeda':
      'Kunci idempotensi ini sudah dipakai untuk transaksi dengan isi yang berbeda.',
    'bankSampah.nasabah.tidakAda': 'Nasabah tidak terdaftar di bank sampah ini.',
    'bankSampah.nasabah.nonaktif': 'Nasabah ini tidak aktif.',
    'bankSampah.bank.nonaktif': 'Bank sampah ini tidak aktif.',
    'bankSampah.setoran.tidakValid': 'Setoran belum benar. Periksa baris yang ditandai.',
    'bankSampah.jumlah.tidakValid': 'Jumlah harus rupiah bulat antara 1 dan 1.000.000.000.',
    'bankSampah.saldoKurang': 'Saldo tidak cukup. Saldo saat ini {saldo}.',
    'bankSampah.stokKurang': 'Stok tidak cukup untuk penjualan ini.',
    'bankSampah.penjualan.tidakValid': 'Penjualan belum benar. Periksa baris yang ditandai.',
    'bankSampah.penjualan.indukTidakValid': 'Pembeli harus bank sampah induk yang aktif.',
    'bankSampah.penjualan.pembeliWajib': 'Sebutkan pembeli: bank sampah induk atau nama pengepul.',
    'bankSampah.pengajuan.sudahDiputus': 'Pengajuan ini sudah diputuskan.',
    'bankSampah.pengajuan.orangLain': 'Penarikan harus disetujui orang lain, bukan yang mengajukan.',
    'bankSampah.pengajuan.pengangkat':
      'Pengajuan ini dibuat oleh orang yang mengangkat Anda sebagai pengurus; pengurus lain atau admin kota harus memutuskannya.',
    'bankSampah.alasan.wajib': 'Tuliskan alasannya (5–500 karakter).',
    'bankSampah.pembatalan.sudah': 'Transaksi ini sudah dibatalkan.',
    'bankSampah.pembatalan.pembatalan': 'Pembatalan tidak dapat dibatalkan lagi.',
    'bankSampah.pembatalan.dariPenjualan':
      'Setoran ini berasal dari penjualan bank unit; batalkan penjualannya di bank unit.',
    'bankSampah.pembatalan.stokKurang': 'Tidak dapat dibatalkan: stok {jenis} sudah terjual sebagian.',
    'bankSampah.pembatalan.sudahTerjual':
      'Tidak dapat dibatalkan: {jenis} sudah dijual sejak transaksi ini. Catat koreksinya sebagai transaksi baru.',
    'bankSampah.pembatalan.dariPenarikanInduk':
      'Pencairan ini berasal dari penarikan tabungan bank unit di bank induk; batalkan penarikannya di bank induk.',
  },
  en: {
    'bankSampah.module': 'Waste banks',
    'bankSampah.nav.bank': 'Waste banks',
    'bankSampah.nav.saya': 'My waste savings',
    'bankSampah.nav.laporan': 'Waste bank reports',
    'bankSampah.nav.verifikasi': 'Check the ledger',
    'bankSampah.idempotensi.format':
      'An Idempotency-Key is required: 8–100 letters, digits, dots, colons, underscores or hyphens.',
    'bankSampah.idempotensi.berbeda': 'This idempotency key was already used for a different transaction.',
    'bankSampah.nasabah.tidakAda': 'The member is not registered at this waste bank.',
    'bankSampah.nasabah.nonaktif': 'This member is inactive.',
    'bankSampah.bank.nonaktif': 'This waste bank is inactive.',
    'bankSampah.setoran.tidakValid': 'The deposit is not right yet. Check the marked lines.',
    'bankSampah.jumlah.tidakValid': 'The amount must be whole rupiah between 1 and 1,000,000,000.',
    'bankSampah.saldoKurang': 'Insufficient balance. The balance is {saldo}.',
    'bankSampah.stokKurang': 'Not enough stock for this sale.',
    'bankSampah.penjualan.tidakValid': 'The sale is not right yet. Check the marked lines.',
    'bankSampah.penjualan.indukTidakValid': 'The buyer must be an active induk waste bank.',
    'bankSampah.penjualan.pembeliWajib': 'Name the buyer: an induk waste bank or a collector.',
    'bankSampah.pengajuan.sudahDiputus': 'This request has already been decided.',
    'bankSampah.pengajuan.orangLain': 'A withdrawal must be approved by someone other than the requester.',
    'bankSampah.pengajuan.pengangkat':
      'This request was made by the person who appointed you as an operator; another operator or a city admin must decide it.',
    'bankSampah.alasan.wajib': 'Give the reason (5–500 characters).',
    'bankSampah.pembatalan.sudah': 'This transaction has already been reversed.',
    'bankSampah.pembatalan.pembatalan': 'A reversal cannot be reversed.',
    'bankSampah.pembatalan.dariPenjualan':
      "This deposit comes from a unit bank's sale; reverse the sale at the unit bank.",
    'bankSampah.pembatalan.stokKurang': 'Cannot reverse: part of the {jenis} stock has been sold.',
    'bankSampah.pembatalan.sudahTerjual':
      'Cannot reverse: {jenis} has been sold since this transaction. Record the correction as a new transaction.',
    'bankSampah.pembatalan.dariPenarikanInduk':
      "This payout comes from the unit's withdrawal of its savings at the induk; reverse that withdrawal at the induk.",
  },
} satisfies MessageCatalog;

export const bankSampahMessages: MessageCatalog = {
  id: {
    ...core.id,
    ...adminMessages.id,
    ...hargaMessages.id,
    ...transaksiMessages.id,
    ...laporanMessages.id,
  },
  en: {
    ...core.en,
    ...adminMessages.en,
    ...hargaMessages.en,
    ...transaksiMessages.en,
    ...laporanMessages.en,
  },
};
