/**
 * The import templates to download: CSV, and XLSX with the city's kelurahan codes.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { listKelurahan, regionOverview } from '../service.ts';
import { COLUMNS, MAX_ROWS, templateCsv, templateXlsx } from '../impor.ts';

export function imporTemplatePage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/impor/templat.csv',
    { schema: { params: CityParams }, config: { access: 'public' } },
    (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="templat-rw-rt.csv"')
        .send(templateCsv()),
  );

  app.get(
    '/:city/wilayah/impor/templat.xlsx',
    { schema: { params: CityParams }, config: { access: 'public' } },
    async (req, reply) => {
      const t = req.t;
      const city = cityOf(req);
      const kelurahan = await cityTx(req, async (trx) => {
        const kec = new Map((await regionOverview(trx, city, null)).kecamatan.map((k) => [k.kode, k.nama]));
        return (await listKelurahan(trx, city, null)).map((k) => ({
          kode: k.kode,
          nama: k.nama,
          kecamatan: kec.get(k.induk ?? '') ?? '',
        }));
      });
      const buf = await templateXlsx(kelurahan, {
        title: t('wilayah.impor.title'),
        lines: [
          t('wilayah.impor.intro'),
          t('wilayah.impor.rules'),
          t('wilayah.impor.formatIntro', { max: MAX_ROWS }),
        ],
        columns: COLUMNS.map((c) => [c, t(`wilayah.impor.col.${c}`)]),
        kelurahanSheet: t('wilayah.kelurahan'),
        headers: [t('wilayah.kode'), t('wilayah.kelurahan'), t('wilayah.kecamatan')],
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="templat-rw-rt-${city.slug}.xlsx"`)
        .send(buf);
    },
  );
}
