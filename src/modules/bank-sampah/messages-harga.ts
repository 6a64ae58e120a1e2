/** Messages of a bank's items and price list (the administration's screens and errors of prices). */
import type { MessageCatalog } from '../../platform/i18n/index.ts';

export const hargaMessages = {
  id: {
    // Items
    'bankSampah.admin.jenis.title': 'Jenis sampah {nama}',
    'bankSampah.admin.jenis.intro':
      'Jenis sampah yang dapat dibeli bank ini: katalog nasional ditambah jenis milik bank sendiri.',
    'bankSampah.admin.jenis.caption': 'Jenis sampah ({count})',
    'bankSampah.admin.jenis.nama': 'Jenis sampah',
    'bankSampah.admin.jenis.kategori': 'Kategori',
    'bankSampah.admin.jenis.pilihKategori': 'Pilih kategori',
    'bankSampah.admin.jenis.satuan': 'Satuan',
    'bankSampah.admin.jenis.kgPerSatuan': 'Berat per satuan (kg)',
    'bankSampah.admin.jenis.kgHint':
      'Untuk satuan liter atau buah, mis. 0,3 untuk botol kaca. Satuan kg selalu 1.',
    'bankSampah.admin.jenis.kode': 'Kode',
    'bankSampah.admin.jenis.kodeHint': 'Kosongkan untuk kode otomatis dari namanya (diawali x-).',
    'bankSampah.admin.jenis.milikBank': 'milik bank',
    'bankSampah.admin.jenis.addTitle': 'Tambah jenis sampah sendiri',
    'bankSampah.admin.jenis.add': 'Tambahkan jenis',
    'bankSampah.admin.jenis.added': 'Jenis sampah ditambahkan. Jangan lupa memberi harga.',

    // Prices
    'bankSampah.admin.harga.title': 'Daftar harga {nama}',
    'bankSampah.admin.harga.intro':
      'Harga beli per satuan yang berlaku sekarang. Perubahan harga tidak mengubah setoran yang sudah tercatat.',
    'bankSampah.admin.harga.mewarisi':
      'Bank ini memakai harga {induk} untuk jenis yang tidak diberi harga sendiri (ditandai "dari induk").',
    'bankSampah.admin.harga.caption': 'Harga beli per {waktu}',
    'bankSampah.admin.harga.dariInduk': 'dari induk',
    'bankSampah.admin.harga.tidakDibeli': 'tidak dibeli',
    'bankSampah.admin.harga.terjadwal': 'mulai {tanggal}: {harga}',
    'bankSampah.admin.harga.riwayatTitle': 'Riwayat harga {jenis}',
    'bankSampah.admin.harga.riwayatCaption': 'Semua harga {jenis} di bank ini, terbaru di atas',
    'bankSampah.admin.harga.riwayatInduk': 'Harga di {induk}',
    'bankSampah.admin.harga.riwayatIndukCaption': 'Semua harga di {induk}, terbaru di atas',
    'bankSampah.admin.harga.belumAda': 'Belum pernah diberi harga.',
    'bankSampah.admin.harga.berlakuMulai': 'Berlaku mulai',
    'bankSampah.admin.harga.kondisi': 'Kondisi',
    'bankSampah.admin.harga.harga': 'Harga',
    'bankSampah.admin.harga.oleh': 'Diatur oleh',
    'bankSampah.admin.harga.status.berlaku': 'Berlaku',
    'bankSampah.admin.harga.status.lama': 'Sudah diganti',
    'bankSampah.admin.harga.status.terjadwal': 'Terjadwal',
    'bankSampah.admin.harga.setTitle': 'Atur harga',
    'bankSampah.admin.harga.setIntro':
      'Harga baru dicatat sebagai baris baru; harga lama tetap tersimpan dalam riwayat.',
    'bankSampah.admin.harga.pilihJenis': 'Pilih jenis sampah',
    'bankSampah.admin.harga.hargaLabel': 'Harga per satuan (Rp)',
    'bankSampah.admin.harga.hargaHint': 'Rupiah bulat, mis. 2500.',
    'bankSampah.admin.harga.berhenti': 'Berhenti membeli jenis ini',
    'bankSampah.admin.harga.berlakuHint':
      'Kosongkan untuk berlaku sekarang, atau pilih tanggal yang akan datang.',
    'bankSampah.admin.harga.set': 'Simpan harga',
    'bankSampah.admin.harga.saved': 'Harga disimpan.',
  },
  en: {
    'bankSampah.admin.jenis.title': 'Waste items of {nama}',
    'bankSampah.admin.jenis.intro':
      "Waste items this bank can buy: the national catalogue plus the bank's own items.",
    'bankSampah.admin.jenis.caption': 'Waste items ({count})',
    'bankSampah.admin.jenis.nama': 'Waste item',
    'bankSampah.admin.jenis.kategori': 'Category',
    'bankSampah.admin.jenis.pilihKategori': 'Choose a category',
    'bankSampah.admin.jenis.satuan': 'Unit',
    'bankSampah.admin.jenis.kgPerSatuan': 'Weight per unit (kg)',
    'bankSampah.admin.jenis.kgHint': 'For litres or pieces, e.g. 0.3 for a glass bottle. Always 1 for kg.',
    'bankSampah.admin.jenis.kode': 'Code',
    'bankSampah.admin.jenis.kodeHint': 'Leave empty for a code made from the name (starting with x-).',
    'bankSampah.admin.jenis.milikBank': "bank's own",
    'bankSampah.admin.jenis.addTitle': 'Add an item of your own',
    'bankSampah.admin.jenis.add': 'Add the item',
    'bankSampah.admin.jenis.added': 'Item added. Remember to give it a price.',

    'bankSampah.admin.harga.title': 'Price list of {nama}',
    'bankSampah.admin.harga.intro':
      'Buying prices per unit in force now. Changing a price never changes deposits already recorded.',
    'bankSampah.admin.harga.mewarisi':
      'This bank uses the prices of {induk} for items it has not priced itself (marked "from induk").',
    'bankSampah.admin.harga.caption': 'Buying prices as of {waktu}',
    'bankSampah.admin.harga.dariInduk': 'from induk',
    'bankSampah.admin.harga.tidakDibeli': 'not bought',
    'bankSampah.admin.harga.terjadwal': 'from {tanggal}: {harga}',
    'bankSampah.admin.harga.riwayatTitle': 'Price history of {jenis}',
    'bankSampah.admin.harga.riwayatCaption': 'Every price of {jenis} at this bank, newest first',
    'bankSampah.admin.harga.riwayatInduk': 'Prices at {induk}',
    'bankSampah.admin.harga.riwayatIndukCaption': 'Every price at {induk}, newest first',
    'bankSampah.admin.harga.belumAda': 'Never priced.',
    'bankSampah.admin.harga.berlakuMulai': 'In force from',
    'bankSampah.admin.harga.kondisi': 'Condition',
    'bankSampah.admin.harga.harga': 'Price',
    'bankSampah.admin.harga.oleh': 'Set by',
    'bankSampah.admin.harga.status.berlaku': 'In force',
    'bankSampah.admin.harga.status.lama': 'Replaced',
    'bankSampah.admin.harga.status.terjadwal': 'Scheduled',
    'bankSampah.admin.harga.setTitle': 'Set a price',
    'bankSampah.admin.harga.setIntro':
      'A new price is recorded as a new row; old prices stay in the history.',
    'bankSampah.admin.harga.pilihJenis': 'Choose a waste item',
    'bankSampah.admin.harga.hargaLabel': 'Price per unit (Rp)',
    'bankSampah.admin.harga.hargaHint': 'Whole rupiah, e.g. 2500.',
    'bankSampah.admin.harga.berhenti': 'Stop buying this item',
    'bankSampah.admin.harga.berlakuHint': 'Leave empty for now, or choose a date to come.',
    'bankSampah.admin.harga.set': 'Save the price',
    'bankSampah.admin.harga.saved': 'Price saved.',
  },
} satisfies MessageCatalog;
