/** The tonnage screens, registered in one place, and their navigation entries. */
import type { BalaiApp, NavItem } from '../../../../platform/module.ts';
import { TONASE_CATAT, TONASE_LIHAT } from '../permissions-tonase.ts';
import type { SumberOperasi } from '../tonase-service.ts';
import { sumberOperasi } from '../sumber-operasi.ts';
import { catatanFormPage } from './catatan-form.ts';
import { sipsnExport } from './sipsn-export.ts';
import { tahunFormPage } from './tahun-form.ts';
import { tonaseDasborPage } from './tonase-dasbor.ts';

export const tonaseNav: NavItem[] = [
  // The whole city, or for a kecamatan officer their kecamatan.
  { path: '/sampah/tonase', label: 'sampah.tonase.nav', access: TONASE_LIHAT },
  { path: '/sampah/tonase/catatan', label: 'sampah.tonase.catatan.nav', access: TONASE_CATAT },
];

export function tonasePages(app: BalaiApp, sumber: SumberOperasi = sumberOperasi): void {
  catatanFormPage(app);
  tonaseDasborPage(app, sumber);
  sipsnExport(app, sumber);
  tahunFormPage(app);
}
