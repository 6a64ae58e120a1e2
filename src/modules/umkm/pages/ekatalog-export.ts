/** The e-Katalog submission files, /:city/umkm/ekatalog/ekspor.xlsx and .csv (ready products, or the chosen ones). */
import { todayWib } from '../../../platform/waktu.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { exportEkatalog, type DaftarEkatalogQuery } from '../ekatalog-service.ts';
import { ekatalogCsv, ekatalogXlsx } from '../ekatalog-ekspor.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { EksporQuery } from '../ekatalog-schemas.ts';
import { ekatalogAccess } from './ekatalog-parts.ts';
import { CityParams } from '../../../platform/http/schemas.ts';

export function ekatalogExportDownloads(app: BalaiApp): void {
  function download(ext: 'xlsx' | 'csv', type: string) {
    app.get(
      `/:city/umkm/ekatalog/ekspor.${ext}`,
      { schema: { params: CityParams, querystring: EksporQuery }, config: ekatalogAccess },
      async (req, reply) => {
        const q = req.query;
        const city = cityOf(req);
        const query: DaftarEkatalogQuery = q.produk?.length
          ? { produk: q.produk }
          : { status: q.status ?? 'siap' };
        const rows = await cityTx(req, (trx) => exportEkatalog(trx, userOf(req), query));
        const tanggal = todayWib();
        const body =
          ext === 'csv'
            ? ekatalogCsv(rows, req.t, req.locale)
            : await ekatalogXlsx(rows, req.t, req.t('umkm.ekatalog.judulFile', { kota: city.name, tanggal }));
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="ekatalog-${city.slug}-${tanggal}.${ext}"`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  }
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  download('csv', 'text/csv; charset=utf-8');
}
