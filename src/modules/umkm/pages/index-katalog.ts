/**
 * The UMKM screens beyond the registry: the public catalogue, e-Katalog readiness, the dashboards
 * and the spreadsheet import (the registry's own screens are registered by pages/index.ts).
 */
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { katalogListPage } from './katalog-list.ts';
import { katalogProdukPage } from './katalog-produk.ts';
import { katalogUsahaPage } from './katalog-usaha.ts';
import { katalogPetaPage } from './katalog-peta.ts';
import { ekatalogListPage } from './ekatalog-list.ts';
import { ekatalogExportDownloads } from './ekatalog-export.ts';
import { ekatalogUsahaPage } from './ekatalog-usaha.ts';
import { ekatalogProdukPage } from './ekatalog-produk.ts';
import { dasborPage } from './dasbor.ts';
import { imporUploadPage } from './impor-upload.ts';
import { imporTemplateDownload } from './impor-template.ts';
import { imporPreviewPage } from './impor-preview.ts';

export function katalogPages(app: BalaiApp, ctx: ModuleContext): void {
  katalogListPage(app);
  katalogProdukPage(app);
  katalogUsahaPage(app);
  katalogPetaPage(app);
  ekatalogListPage(app);
  ekatalogExportDownloads(app);
  ekatalogUsahaPage(app);
  ekatalogProdukPage(app);
  dasborPage(app);
  imporUploadPage(app, ctx);
  imporTemplateDownload(app);
  imporPreviewPage(app, ctx);
}
