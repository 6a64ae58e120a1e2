/**
 * The JSON API of the spreadsheet import of businesses (umkm.impor), under
 * /api/v1/cities/:city/umkm/impor: upload, list, read (progress, then the preview), confirm and
 * cancel. The pages are pages/impor-*.ts; the rules are in impor.ts.
 */
import type { BalaiApp, ModuleContext, NavItem } from '../../platform/module.ts';
import { cityOf, cityTx, userOf, type Access } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { Type } from 'typebox';
import { cancelImpor, confirmImpor, createImpor, getImpor, listImpor } from './impor.ts';
import { IdParams, ImporForm, ImporOut, ImporRingkasOut, ViewQuery } from './impor-schemas.ts';
import { UMKM_IMPOR } from './permissions.ts';

export const imporNav: NavItem[] = [{ path: '/umkm/impor', label: 'umkm.nav.impor', access: UMKM_IMPOR }];

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/impor';
const access: Access = { permission: UMKM_IMPOR };

export function imporRoutes(app: BalaiApp, ctx: ModuleContext): void {
  const api = apiRoutes(app, { base: BASE, tags: TAGS });
  api.post(
    '',
    {
      summary:
        'Upload a spreadsheet of businesses (CSV or XLSX, multipart field "berkas", at most 5 MB and 20,000 rows); checked by a background job into a preview. Nothing is written until confirmed.',
      consumes: ['multipart/form-data'],
      params: CityParams,
      body: ImporForm,
      out: ImporOut,
      status: 202,
      location: (view) => `/${view.id}`,
      also: { 413: errorResponses[400] },
      access,
    },
    (req) => {
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        const id = await createImpor(trx, ctx.jobs, cityOf(req).id, user, {
          content: req.body.berkas,
          fileName: req.body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImpor(trx, user, id, req.t);
      });
    },
  );

  api.get(
    '',
    {
      summary: 'Recent imports (your own; all of the city for a city-wide importer)',
      params: CityParams,
      out: Type.Object({ items: Type.Array(ImporRingkasOut) }),
      access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => listImpor(trx, userOf(req))) }),
  );

  api.get(
    '/:id',
    {
      summary:
        'An import: progress while checking, then the preview (counts, problems by row and column, one page of the rows to create or update)',
      params: IdParams,
      query: ViewQuery,
      out: ImporOut,
      access,
    },
    (req) => cityTx(req, (trx) => getImpor(trx, userOf(req), req.params.id, req.t, pageOf(req.query))),
  );

  api.post(
    '/:id/konfirmasi',
    {
      summary:
        'Confirm a clean preview (409 while rows are invalid). A background job checks the file again and writes all rows in one transaction: the import is "mengimpor" until it is "diimpor", or back at "pratinjau" with a renewed report and a note (catatan) when the registry changed since the preview. Poll the import.',
      params: IdParams,
      out: ImporOut,
      status: 202,
      location: (view) => `/${view.id}`,
      access,
    },
    (req) => {
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        await confirmImpor(trx, ctx.jobs, user, req.params.id);
        return getImpor(trx, user, req.params.id, req.t);
      });
    },
  );

  api.post(
    '/:id/batal',
    {
      summary: 'Cancel an import that is not done yet; its file is erased',
      params: IdParams,
      out: ImporOut,
      access,
    },
    async (req) => {
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        await cancelImpor(trx, user, req.params.id);
        return getImpor(trx, user, req.params.id, req.t);
      });
    },
  );
}
