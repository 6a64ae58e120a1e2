/**
 * The wilayah pages (server-rendered, Bahasa Indonesia by default), one file per screen: the public
 * region list, region pages and map; RW and RT lists and forms for officers; the spreadsheet
 * import with its progress page. Forms post back, re-render with errors next to their fields,
 * and redirect after a successful change.
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { kecamatanListPage } from './kecamatan-list.ts';
import { petaPage } from './peta.ts';
import { rwListPage } from './rw-list.ts';
import { rwFormPage } from './rw-form.ts';
import { rwDetailPage } from './rw-detail.ts';
import { rwDeletePage } from './rw-delete.ts';
import { rtFormPage } from './rt-form.ts';
import { imporFormPage } from './impor-form.ts';
import { imporTemplatePage } from './impor-template.ts';
import { imporProgressPage } from './impor-progress.ts';
import { wilayahDetailPage } from './wilayah-detail.ts';

/** Registers every wilayah screen. */
export function wilayahPages(app: BalaiApp, ctx: ModuleContext): void {
  kecamatanListPage(app);
  petaPage(app);
  rwListPage(app);
  rwFormPage(app);
  rwDetailPage(app);
  rwDeletePage(app);
  rtFormPage(app);
  imporFormPage(app, ctx);
  imporTemplatePage(app);
  imporProgressPage(app);
  // Registered last; static paths above take precedence anyway.
  wilayahDetailPage(app);
}
