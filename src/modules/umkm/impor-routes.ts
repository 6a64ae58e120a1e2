/**
 * The JSON API of the spreadsheet import of businesses (umkm.impor), under
 * /api/v1/cities/:city/umkm/impor: upload, list, read (progress, then the preview), confirm and
 * cancel. The pages are pages/impor-*.ts; the rules are in impor.ts.
 */
import type { BalaiApp, ModuleContext, NavItem } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { Type } from 'typebox';
import { cancelImpor, confirmImpor, createImpor, getImpor, listImpor } from './impor.ts';
import { IdParams, ImporForm, ImporOut, ImporRingkasOut, ViewQuery } from './impor-schemas.ts';
import { UMKM_IMPOR } from './permissions.ts';

export const imporNav: NavItem[] = [{ path: '/umkm/impor', label: 'umkm.nav.impor', access: UMKM_IMPOR }];

const TAGS = ['umkm'];
const BASE = '/api/v1/cities/:city/umkm/impor';
const access = { access: { permission: UMKM_IMPOR } } as const;

export function imporRoutes(app: BalaiApp, ctx: ModuleContext): void {
  app.post(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary:
          'Upload a spreadsheet of businesses (CSV or XLSX, multipart field "berkas", at most 5 MB and 20,000 rows); checked by a background job into a preview. Nothing is written until confirmed.',
        consumes: ['multipart/form-data'],
        params: CityParams,
        body: ImporForm,
        response: { 202: ImporOut, ...errorResponses, 413: errorResponses[400] },
      },
      config: access,
    },
    async (req, reply) => {
      const body = req.body;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        const id = await createImpor(trx, ctx.jobs, cityOf(req).id, user, {
          content: body.berkas,
          fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImpor(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/umkm/impor/${view.id}`)
        .send(view);
    },
  );

  app.get(
    BASE,
    {
      schema: {
        tags: TAGS,
        summary: 'Recent imports (your own; all of the city for a city-wide importer)',
        params: CityParams,
        response: { 200: Type.Object({ items: Type.Array(ImporRingkasOut) }), ...errorResponses },
      },
      config: access,
    },
    async (req) => ({ items: await cityTx(req, (trx) => listImpor(trx, userOf(req))) }),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        tags: TAGS,
        summary:
          'An import: progress while checking, then the preview (counts, problems by row and column, one page of the rows to create or update)',
        params: IdParams,
        querystring: ViewQuery,
        response: { 200: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => {
      const { id } = req.params;
      const q = req.query;
      return cityTx(req, (trx) =>
        getImpor(trx, userOf(req), id, req.t, { page: q.page ?? 1, perPage: q.perPage ?? 50 }),
      );
    },
  );

  app.post(
    `${BASE}/:id/konfirmasi`,
    {
      schema: {
        tags: TAGS,
        summary:
          'Confirm a clean preview (409 while rows are invalid). A background job checks the file again and writes all rows in one transaction: the import is "mengimpor" until it is "diimpor", or back at "pratinjau" with a renewed report and a note (catatan) when the registry changed since the preview. Poll the import.',
        params: IdParams,
        response: { 202: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req, reply) => {
      const { id } = req.params;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        await confirmImpor(trx, ctx.jobs, user, id);
        return getImpor(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/umkm/impor/${view.id}`)
        .send(view);
    },
  );

  app.post(
    `${BASE}/:id/batal`,
    {
      schema: {
        tags: TAGS,
        summary: 'Cancel an import that is not done yet; its file is erased',
        params: IdParams,
        response: { 200: ImporOut, ...errorResponses },
      },
      config: access,
    },
    async (req) => {
      const { id } = req.params;
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        await cancelImpor(trx, user, id);
        return getImpor(trx, user, id, req.t);
      });
    },
  );
}
