/** The operations' screens, registered in one place, and their navigation entries. */
import type { BalaiApp, ModuleContext, NavItem } from '../../../../platform/module.ts';
import { OPS_LIHAT } from '../permissions-operasi.ts';
import { armadaListPage } from './armada-list.ts';
import { fasilitasFormPage } from './fasilitas-form.ts';
import { fasilitasListPage } from './fasilitas-list.ts';
import { ritaseEntryPage } from './ritase-entry.ts';

export const operasiNav: NavItem[] = [
  { path: '/sampah/ritase', label: 'sampah.operasi.nav.ritase', access: OPS_LIHAT },
  { path: '/sampah/fasilitas', label: 'sampah.operasi.nav.fasilitas', access: OPS_LIHAT },
  { path: '/sampah/armada', label: 'sampah.operasi.nav.armada', access: OPS_LIHAT },
];

export function operasiPages(app: BalaiApp, ctx: ModuleContext): void {
  ritaseEntryPage(app, ctx);
  fasilitasListPage(app, ctx);
  fasilitasFormPage(app, ctx);
  armadaListPage(app, ctx);
}
