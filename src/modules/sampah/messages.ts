/** Messages of the sampah module, one catalogue per area, merged. Every key exists in both languages. */
import type { MessageCatalog } from '../../platform/i18n/index.ts';
import { kbsMessages } from './kbs/messages-kbs.ts';
import { operasiMessages } from './operasi/messages-operasi.ts';
import { tonaseMessages } from './tonase/messages-tonase.ts';
import { pengaturanMessages } from './kbs/messages-pengaturan.ts';
import { prakarsaMessages } from './prakarsa/messages-prakarsa.ts';

const core = {
  id: { 'sampah.module': 'Program Sampah' },
  en: { 'sampah.module': 'Waste programme' },
} satisfies MessageCatalog;

export const sampahMessages: MessageCatalog = {
  id: {
    ...core.id,
    ...kbsMessages.id,
    ...operasiMessages.id,
    ...tonaseMessages.id,
    ...pengaturanMessages.id,
    ...prakarsaMessages.id,
  },
  en: {
    ...core.en,
    ...kbsMessages.en,
    ...operasiMessages.en,
    ...tonaseMessages.en,
    ...pengaturanMessages.en,
    ...prakarsaMessages.en,
  },
};
