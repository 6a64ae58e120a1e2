/** The import template, /:city/umkm/impor/templat.xlsx: the columns, instructions and the city's kelurahan. */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { buildImporTemplate } from '../impor.ts';
import { listKelurahanKota } from '../impor-check.ts';
import { access } from './impor-parts.ts';

export function imporTemplateDownload(app: BalaiApp): void {
  app.get(
    '/:city/umkm/impor/templat.xlsx',
    { schema: { params: CityParams }, config: access },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const kelurahan = await cityTx(req, (trx) => listKelurahanKota(trx, city.id));
      const buf = await buildImporTemplate(t, kelurahan, {
        kode: t('umkm.impor.kode'),
        kelurahan: t('umkm.impor.kelurahan'),
        kecamatan: t('umkm.impor.kecamatan'),
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="templat-umkm-${city.slug}.xlsx"`)
        .send(buf);
    },
  );
}
