/** Messages of the umkm module, one catalogue per area, merged. Every key exists in both languages. */
import type { MessageCatalog } from '../../platform/i18n/index.ts';
import { usahaMessages } from './messages-usaha.ts';
import { usahaPagesMessages } from './messages-usaha-pages.ts';
import { produkMessages } from './messages-produk.ts';
import { ekatalogMessages } from './messages-ekatalog.ts';
import { katalogMessages } from './messages-katalog.ts';
import { imporMessages } from './messages-impor.ts';
import { pengaturanMessages } from './messages-pengaturan.ts';

const core = {
  id: {
    'umkm.module': 'UMKM',
    'umkm.err.usahaTidakAda': 'Usaha tidak ditemukan.',
    'umkm.err.produkTidakAda': 'Produk tidak ditemukan.',
  },
  en: {
    'umkm.module': 'Small businesses (UMKM)',
    'umkm.err.usahaTidakAda': 'Business not found.',
    'umkm.err.produkTidakAda': 'Product not found.',
  },
} satisfies MessageCatalog;

export const umkmMessages: MessageCatalog = {
  id: {
    ...core.id,
    ...usahaMessages.id,
    ...usahaPagesMessages.id,
    ...produkMessages.id,
    ...ekatalogMessages.id,
    ...katalogMessages.id,
    ...imporMessages.id,
    ...pengaturanMessages.id,
  },
  en: {
    ...core.en,
    ...usahaMessages.en,
    ...usahaPagesMessages.en,
    ...produkMessages.en,
    ...ekatalogMessages.en,
    ...katalogMessages.en,
    ...imporMessages.en,
    ...pengaturanMessages.en,
  },
};
