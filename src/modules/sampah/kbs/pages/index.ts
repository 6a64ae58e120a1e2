/** The KBS screens (server-rendered pages), registered in one place; called from the sampah module. */
import type { BalaiApp } from '../../../../platform/module.ts';
import { indikatorEditPage } from './indikator-edit.ts';
import { kbsOverviewPage } from './kbs-overview.ts';
import { kbsPetaPage } from './kbs-peta.ts';
import { penilaianDetailPage } from './penilaian-detail.ts';
import { penilaianNewPage } from './penilaian-new.ts';
import { pengaturanOverviewPage } from './pengaturan-overview.ts';
import { rwDetailPage } from './rw-detail.ts';

export function kbsPages(app: BalaiApp): void {
  kbsOverviewPage(app);
  rwDetailPage(app);
  penilaianNewPage(app);
  penilaianDetailPage(app);
  pengaturanOverviewPage(app);
  indikatorEditPage(app);
  kbsPetaPage(app);
}
