/** Messages of the reports, the dashboard tiles and the ledger check. */
import type { MessageCatalog } from '../../platform/i18n/index.ts';

export const laporanMessages = {
  id: {
    'bankSampah.laporan.title': 'Laporan bank sampah',
    'bankSampah.laporan.intro':
      'Sampah terpilah yang diterima bank sampah, tabungan nasabah dan penjualan dalam satu bulan, untuk bank sampah di wilayah Anda.',
    'bankSampah.laporan.saring': 'Pilih laporan',
    'bankSampah.laporan.pilihBulan': 'Bulan',
    'bankSampah.laporan.pilihTingkat': 'Rincian per',
    'bankSampah.laporan.tampilkan': 'Tampilkan',
    'bankSampah.laporan.unduh': 'Unduh laporan',
    'bankSampah.laporan.unduhXlsx': 'Unduh Excel (XLSX)',
    'bankSampah.laporan.unduhCsv': 'Unduh CSV',
    'bankSampah.laporan.ringkasan': 'Ringkasan {bulan}',
    'bankSampah.laporan.caption': 'Laporan {bulan} per {tingkat}',
    'bankSampah.laporan.kosong': 'Belum ada bank sampah di wilayah Anda.',
    'bankSampah.laporan.aturan':
      'Berat sampah terpilah dihitung dari setoran nasabah. Pembatalan dihitung pada tanggal pembatalan, sehingga laporan bulan yang sudah lewat tidak berubah. Sampah yang dijual bank unit ke bank induk tidak dihitung dua kali: di bank induk dicatat sebagai "diterima dari unit". Jumlah setoran dan nasabah aktif menghitung setoran yang tidak dibatalkan.',
    'bankSampah.laporan.bulanTidakValid': 'Bulan harus berbentuk TTTT-BB, misalnya 2026-11.',
    'bankSampah.laporan.tanggalTidakValid': 'Tanggal harus berbentuk TTTT-BB-HH dan rentangnya benar.',
    'bankSampah.laporan.tanpaWilayah': 'Tingkat kota (bank induk)',
    'bankSampah.laporan.total': 'Total',
    'bankSampah.laporan.kgSatuan': '{kg} kg',
    'bankSampah.laporan.sheet': 'Laporan',
    'bankSampah.laporan.judulFile': 'Laporan bank sampah {kota}, {bulan}',
    'bankSampah.laporan.tingkatFile': 'Rincian per {tingkat}',
    'bankSampah.laporan.tingkat.bank': 'bank sampah',
    'bankSampah.laporan.tingkat.kelurahan': 'kelurahan',
    'bankSampah.laporan.tingkat.kecamatan': 'kecamatan',
    'bankSampah.laporan.tingkat.kota': 'kota',
    'bankSampah.laporan.tingkatBank.unit': 'Unit',
    'bankSampah.laporan.tingkatBank.induk': 'Induk',
    'bankSampah.laporan.kol.kodeBank': 'Kode bank',
    'bankSampah.laporan.kol.bank': 'Bank sampah',
    'bankSampah.laporan.kol.tingkatBank': 'Tingkat',
    'bankSampah.laporan.kol.kode': 'Kode wilayah',
    'bankSampah.laporan.kol.kelurahan': 'Kelurahan',
    'bankSampah.laporan.kol.kecamatan': 'Kecamatan',
    'bankSampah.laporan.kol.kota': 'Kota',
    'bankSampah.laporan.kol.jumlahBank': 'Jumlah bank',
    'bankSampah.laporan.kol.kgPulih': 'Sampah terpilah (kg)',
    'bankSampah.laporan.kol.kgKategori': '{kategori} (kg)',
    'bankSampah.laporan.kol.setoran': 'Setoran',
    'bankSampah.laporan.kol.nasabahAktif': 'Nasabah aktif',
    'bankSampah.laporan.kol.dikreditkan': 'Masuk tabungan (Rp)',
    'bankSampah.laporan.kol.bagiHasil': 'Bagi hasil bank (Rp)',
    'bankSampah.laporan.kol.dibayarkan': 'Penarikan tunai (Rp)',
    'bankSampah.laporan.kol.dariUnitKg': 'Diterima dari unit (kg)',
    'bankSampah.laporan.kol.dariUnitRupiah': 'Diterima dari unit (Rp)',
    'bankSampah.laporan.kol.terjualKg': 'Terjual (kg)',
    'bankSampah.laporan.kol.terjualRupiah': 'Hasil penjualan (Rp)',
    'bankSampah.laporan.kol.terjualKeIndukKg': 'Dijual ke bank induk (kg)',
    'bankSampah.laporan.kol.terjualKeIndukRupiah': 'Dijual ke bank induk (Rp)',
    'bankSampah.laporan.bulan.1': 'Januari',
    'bankSampah.laporan.bulan.2': 'Februari',
    'bankSampah.laporan.bulan.3': 'Maret',
    'bankSampah.laporan.bulan.4': 'April',
    'bankSampah.laporan.bulan.5': 'Mei',
    'bankSampah.laporan.bulan.6': 'Juni',
    'bankSampah.laporan.bulan.7': 'Juli',
    'bankSampah.laporan.bulan.8': 'Agustus',
    'bankSampah.laporan.bulan.9': 'September',
    'bankSampah.laporan.bulan.10': 'Oktober',
    'bankSampah.laporan.bulan.11': 'November',
    'bankSampah.laporan.bulan.12': 'Desember',

    'bankSampah.tile.kgBulanIni': 'Sampah terpilah bulan ini',
    'bankSampah.tile.bankAktif': 'Bank sampah aktif (30 hari)',
    'bankSampah.tile.dariTotal': '{n} dari {total}',
    'bankSampah.tile.nasabah': 'Nasabah bank sampah',

    'bankSampah.verifikasi.title': 'Periksa buku besar bank sampah',
    'bankSampah.verifikasi.intro':
      'Memeriksa seluruh catatan keuangan dan stok semua bank sampah di kota: setiap transaksi seimbang, tidak ada saldo atau stok negatif, setiap pembatalan membalik transaksi aslinya dengan tepat, dan penjualan ke bank induk tercatat di kedua bank.',
    'bankSampah.verifikasi.ok': 'Buku besar benar: tidak ada pelanggaran.',
    'bankSampah.verifikasi.gagal':
      'Ditemukan {n} pelanggaran. Periksa daftar di bawah dan laporkan ke pengelola sistem.',
    'bankSampah.verifikasi.ringkasan': '{entri} transaksi di {bank} bank sampah diperiksa pada {waktu}.',
    'bankSampah.verifikasi.ulang': 'Periksa lagi',
    'bankSampah.verifikasi.caption': 'Pelanggaran',
    'bankSampah.verifikasi.terpotong': 'Daftar jenis pelanggaran berikut dipotong (lebih dari {n}): {kode}.',
    'bankSampah.verifikasi.kol.kode': 'Jenis',
    'bankSampah.verifikasi.kol.pesan': 'Keterangan',
    'bankSampah.verifikasi.kol.bank': 'Bank',
    'bankSampah.verifikasi.kol.nomor': 'No. transaksi',
    'bankSampah.verifikasi.kol.akun': 'Akun',
    'bankSampah.verifikasi.v.tidak_seimbang':
      'Transaksi no. {nomor} di bank {bank} tidak seimbang: baris uangnya berjumlah {a}.',
    'bankSampah.verifikasi.v.tanpa_baris': 'Transaksi no. {nomor} ({a}) di bank {bank} tidak punya baris.',
    'bankSampah.verifikasi.v.akun_bank_lain':
      'Transaksi no. {nomor} di bank {bank} memakai akun {akun} milik bank lain ({a}).',
    'bankSampah.verifikasi.v.nasabah_bank_lain':
      'Transaksi no. {nomor} di bank {bank} untuk nasabah {a} yang terdaftar di bank lain ({b}).',
    'bankSampah.verifikasi.v.tabungan_nasabah_lain':
      'Transaksi no. {nomor} di bank {bank} (nasabah {a}) mengubah tabungan lain: {akun}.',
    'bankSampah.verifikasi.v.saldo_negatif': 'Saldo {akun} di bank {bank} negatif: {rpA}.',
    'bankSampah.verifikasi.v.tabungan_tanpa_nasabah':
      'Akun {akun} di bank {bank} bukan milik nasabah bank itu.',
    'bankSampah.verifikasi.v.kewajiban_selisih':
      'Kewajiban tabungan bank {bank} ({rpA}) tidak sama dengan jumlah saldo nasabahnya ({rpB}).',
    'bankSampah.verifikasi.v.stok_negatif': 'Stok {akun} di bank {bank} negatif: {a}.',
    'bankSampah.verifikasi.v.nilai_stok_sisa':
      'Stok {akun} di bank {bank} habis tetapi masih bernilai {rpA}.',
    'bankSampah.verifikasi.v.persediaan_selisih':
      'Nilai akun {akun} di bank {bank} ({rpA}) tidak sama dengan nilai baris stoknya ({rpB}).',
    'bankSampah.verifikasi.v.pembatalan_tanpa_asal':
      'Pembatalan no. {nomor} di bank {bank} membatalkan transaksi yang tidak ada ({a}).',
    'bankSampah.verifikasi.v.pembatalan_berantai':
      'Pembatalan no. {nomor} di bank {bank} membatalkan pembatalan lain (no. {a}).',
    'bankSampah.verifikasi.v.pembatalan_bank_lain':
      'Pembatalan no. {nomor} di bank {bank} membatalkan transaksi no. {a} di bank lain.',
    'bankSampah.verifikasi.v.pembatalan_ganda': 'Transaksi no. {nomor} di bank {bank} dibatalkan {a} kali.',
    'bankSampah.verifikasi.v.pembatalan_tidak_cocok':
      'Pembatalan no. {nomor} di bank {bank} tidak membalik transaksi aslinya dengan tepat pada {akun} (selisih {a}).',
    'bankSampah.verifikasi.v.penjualan_tanpa_setoran_induk':
      'Penjualan no. {nomor} di bank {bank} ke bank induk tidak punya setoran yang cocok di bank induk.',
    'bankSampah.verifikasi.v.penjualan_setoran_induk_beda':
      'Penjualan no. {nomor} di bank {bank} dan setorannya di bank induk berbeda jumlah untuk {akun} (selisih {a}).',
    'bankSampah.verifikasi.v.setoran_induk_yatim':
      'Setoran no. {nomor} di bank {bank} berasal dari penjualan yang tidak ada atau tidak menunjuk balik ({a}).',
    'bankSampah.verifikasi.v.pembatalan_penjualan_sebagian':
      'Penjualan no. {nomor} di bank {bank} dan setorannya di bank induk (no. {a}) tidak sama-sama dibatalkan.',
    'bankSampah.verifikasi.v.piutang_induk_selisih':
      'Piutang bank {bank} ke bank induk ({rpA}) tidak sama dengan tabungannya di bank induk ({rpB}).',
    'bankSampah.verifikasi.v.idempotensi_yatim':
      'Kunci idempotensi {a} di bank {bank} menunjuk hasil yang tidak ada ({b}).',
    'bankSampah.verifikasi.v.pengajuan_tanpa_jurnal':
      'Pengajuan {a} (penarikan atau setoran) di bank {bank} disetujui tetapi tidak punya transaksi yang cocok.',
    'bankSampah.verifikasi.v.pengajuan_jumlah_beda':
      'Pengajuan di bank {bank} sebesar {rpA} dicatat sebagai transaksi no. {nomor} sebesar {rpB}.',
    'bankSampah.verifikasi.v.pengajuan_jurnal_tanpa_persetujuan':
      'Pengajuan penarikan {a} di bank {bank} berstatus "{b}" tetapi punya transaksi.',
  },
  en: {
    'bankSampah.laporan.title': 'Waste bank reports',
    'bankSampah.laporan.intro':
      'Sorted waste received by the waste banks, members’ savings and sales in a month, for the waste banks in your area.',
    'bankSampah.laporan.saring': 'Choose a report',
    'bankSampah.laporan.pilihBulan': 'Month',
    'bankSampah.laporan.pilihTingkat': 'Broken down by',
    'bankSampah.laporan.tampilkan': 'Show',
    'bankSampah.laporan.unduh': 'Download the report',
    'bankSampah.laporan.unduhXlsx': 'Download Excel (XLSX)',
    'bankSampah.laporan.unduhCsv': 'Download CSV',
    'bankSampah.laporan.ringkasan': 'Summary of {bulan}',
    'bankSampah.laporan.caption': 'Report for {bulan} by {tingkat}',
    'bankSampah.laporan.kosong': 'There are no waste banks in your area yet.',
    'bankSampah.laporan.aturan':
      'The weight of sorted waste counts members’ deposits. A reversal counts on the day it is made, so the report of a past month never changes. Waste a unit bank sells to its induk is not counted twice: the induk shows it as "received from units". Deposits and active members count the deposits that were not reversed.',
    'bankSampah.laporan.bulanTidakValid': 'The month must look like YYYY-MM, e.g. 2026-11.',
    'bankSampah.laporan.tanggalTidakValid': 'Dates must look like YYYY-MM-DD and form a valid range.',
    'bankSampah.laporan.tanpaWilayah': 'City level (induk banks)',
    'bankSampah.laporan.total': 'Total',
    'bankSampah.laporan.kgSatuan': '{kg} kg',
    'bankSampah.laporan.sheet': 'Report',
    'bankSampah.laporan.judulFile': 'Waste bank report {kota}, {bulan}',
    'bankSampah.laporan.tingkatFile': 'Broken down by {tingkat}',
    'bankSampah.laporan.tingkat.bank': 'waste bank',
    'bankSampah.laporan.tingkat.kelurahan': 'kelurahan',
    'bankSampah.laporan.tingkat.kecamatan': 'kecamatan',
    'bankSampah.laporan.tingkat.kota': 'city',
    'bankSampah.laporan.tingkatBank.unit': 'Unit',
    'bankSampah.laporan.tingkatBank.induk': 'Induk',
    'bankSampah.laporan.kol.kodeBank': 'Bank code',
    'bankSampah.laporan.kol.bank': 'Waste bank',
    'bankSampah.laporan.kol.tingkatBank': 'Level',
    'bankSampah.laporan.kol.kode': 'Area code',
    'bankSampah.laporan.kol.kelurahan': 'Kelurahan',
    'bankSampah.laporan.kol.kecamatan': 'Kecamatan',
    'bankSampah.laporan.kol.kota': 'City',
    'bankSampah.laporan.kol.jumlahBank': 'Banks',
    'bankSampah.laporan.kol.kgPulih': 'Sorted waste (kg)',
    'bankSampah.laporan.kol.kgKategori': '{kategori} (kg)',
    'bankSampah.laporan.kol.setoran': 'Deposits',
    'bankSampah.laporan.kol.nasabahAktif': 'Active members',
    'bankSampah.laporan.kol.dikreditkan': 'Credited to savings (Rp)',
    'bankSampah.laporan.kol.bagiHasil': 'Bank’s fee (Rp)',
    'bankSampah.laporan.kol.dibayarkan': 'Cash withdrawals (Rp)',
    'bankSampah.laporan.kol.dariUnitKg': 'Received from units (kg)',
    'bankSampah.laporan.kol.dariUnitRupiah': 'Received from units (Rp)',
    'bankSampah.laporan.kol.terjualKg': 'Sold (kg)',
    'bankSampah.laporan.kol.terjualRupiah': 'Sales revenue (Rp)',
    'bankSampah.laporan.kol.terjualKeIndukKg': 'Sold to the induk (kg)',
    'bankSampah.laporan.kol.terjualKeIndukRupiah': 'Sold to the induk (Rp)',
    'bankSampah.laporan.bulan.1': 'January',
    'bankSampah.laporan.bulan.2': 'February',
    'bankSampah.laporan.bulan.3': 'March',
    'bankSampah.laporan.bulan.4': 'April',
    'bankSampah.laporan.bulan.5': 'May',
    'bankSampah.laporan.bulan.6': 'June',
    'bankSampah.laporan.bulan.7': 'July',
    'bankSampah.laporan.bulan.8': 'August',
    'bankSampah.laporan.bulan.9': 'September',
    'bankSampah.laporan.bulan.10': 'October',
    'bankSampah.laporan.bulan.11': 'November',
    'bankSampah.laporan.bulan.12': 'December',

    'bankSampah.tile.kgBulanIni': 'Sorted waste this month',
    'bankSampah.tile.bankAktif': 'Active waste banks (30 days)',
    'bankSampah.tile.dariTotal': '{n} of {total}',
    'bankSampah.tile.nasabah': 'Waste bank members',

    'bankSampah.verifikasi.title': 'Check the waste bank ledger',
    'bankSampah.verifikasi.intro':
      'Checks every money and stock record of every waste bank of the city: each transaction balances, no balance or stock is negative, each reversal exactly undoes its original, and sales to an induk are recorded at both banks.',
    'bankSampah.verifikasi.ok': 'The ledger is correct: no violations.',
    'bankSampah.verifikasi.gagal':
      '{n} violations found. Review the list below and report it to the system administrator.',
    'bankSampah.verifikasi.ringkasan': '{entri} transactions at {bank} waste banks checked at {waktu}.',
    'bankSampah.verifikasi.ulang': 'Check again',
    'bankSampah.verifikasi.caption': 'Violations',
    'bankSampah.verifikasi.terpotong': 'These kinds of violation were cut (more than {n}): {kode}.',
    'bankSampah.verifikasi.kol.kode': 'Kind',
    'bankSampah.verifikasi.kol.pesan': 'Description',
    'bankSampah.verifikasi.kol.bank': 'Bank',
    'bankSampah.verifikasi.kol.nomor': 'Transaction no.',
    'bankSampah.verifikasi.kol.akun': 'Account',
    'bankSampah.verifikasi.v.tidak_seimbang':
      'Transaction no. {nomor} at bank {bank} does not balance: its money lines sum to {a}.',
    'bankSampah.verifikasi.v.tanpa_baris': 'Transaction no. {nomor} ({a}) at bank {bank} has no lines.',
    'bankSampah.verifikasi.v.akun_bank_lain':
      'Transaction no. {nomor} at bank {bank} uses account {akun} of another bank ({a}).',
    'bankSampah.verifikasi.v.nasabah_bank_lain':
      'Transaction no. {nomor} at bank {bank} is for member {a}, who is registered at another bank ({b}).',
    'bankSampah.verifikasi.v.tabungan_nasabah_lain':
      'Transaction no. {nomor} at bank {bank} (member {a}) changes other savings: {akun}.',
    'bankSampah.verifikasi.v.saldo_negatif': 'The balance of {akun} at bank {bank} is negative: {rpA}.',
    'bankSampah.verifikasi.v.tabungan_tanpa_nasabah':
      'Account {akun} at bank {bank} does not belong to a member of that bank.',
    'bankSampah.verifikasi.v.kewajiban_selisih':
      'The savings liability of bank {bank} ({rpA}) differs from the sum of its members’ balances ({rpB}).',
    'bankSampah.verifikasi.v.stok_negatif': 'The stock of {akun} at bank {bank} is negative: {a}.',
    'bankSampah.verifikasi.v.nilai_stok_sisa':
      'The stock of {akun} at bank {bank} is empty but still valued at {rpA}.',
    'bankSampah.verifikasi.v.persediaan_selisih':
      'The value of account {akun} at bank {bank} ({rpA}) differs from the value of its stock lines ({rpB}).',
    'bankSampah.verifikasi.v.pembatalan_tanpa_asal':
      'Reversal no. {nomor} at bank {bank} reverses a transaction that does not exist ({a}).',
    'bankSampah.verifikasi.v.pembatalan_berantai':
      'Reversal no. {nomor} at bank {bank} reverses another reversal (no. {a}).',
    'bankSampah.verifikasi.v.pembatalan_bank_lain':
      'Reversal no. {nomor} at bank {bank} reverses transaction no. {a} of another bank.',
    'bankSampah.verifikasi.v.pembatalan_ganda':
      'Transaction no. {nomor} at bank {bank} was reversed {a} times.',
    'bankSampah.verifikasi.v.pembatalan_tidak_cocok':
      'Reversal no. {nomor} at bank {bank} does not exactly undo its original on {akun} (difference {a}).',
    'bankSampah.verifikasi.v.penjualan_tanpa_setoran_induk':
      'Sale no. {nomor} at bank {bank} to an induk has no matching deposit at the induk.',
    'bankSampah.verifikasi.v.penjualan_setoran_induk_beda':
      'Sale no. {nomor} at bank {bank} and its deposit at the induk differ for {akun} (difference {a}).',
    'bankSampah.verifikasi.v.setoran_induk_yatim':
      'Deposit no. {nomor} at bank {bank} comes from a sale that does not exist or does not point back ({a}).',
    'bankSampah.verifikasi.v.pembatalan_penjualan_sebagian':
      'Sale no. {nomor} at bank {bank} and its deposit at the induk (no. {a}) are not both reversed.',
    'bankSampah.verifikasi.v.piutang_induk_selisih':
      'What bank {bank} is owed by its induk ({rpA}) differs from its savings at the induk ({rpB}).',
    'bankSampah.verifikasi.v.idempotensi_yatim':
      'Idempotency key {a} at bank {bank} points to a result that does not exist ({b}).',
    'bankSampah.verifikasi.v.pengajuan_tanpa_jurnal':
      'Request {a} (withdrawal or deposit) at bank {bank} was approved but has no matching entry.',
    'bankSampah.verifikasi.v.pengajuan_jumlah_beda':
      'A request at bank {bank} for {rpA} was posted as entry no. {nomor} for {rpB}.',
    'bankSampah.verifikasi.v.pengajuan_jurnal_tanpa_persetujuan':
      'Withdrawal request {a} at bank {bank} has status "{b}" but has a transaction.',
  },
} satisfies MessageCatalog;
