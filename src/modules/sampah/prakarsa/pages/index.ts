/** The Prakarsa RW screens (server-rendered pages), registered in one place; called from the sampah module. */
import type { BalaiApp } from '../../../../platform/module.ts';
import { entriBatalPage } from './entri-batal.ts';
import { prakarsaOverviewPage } from './prakarsa-overview.ts';
import { rwPrakarsaPage } from './rw-prakarsa.ts';

export function prakarsaPages(app: BalaiApp): void {
  prakarsaOverviewPage(app);
  rwPrakarsaPage(app);
  entriBatalPage(app);
}
