/**
 * JSON API of the RW/RT import: upload (imported by a background job), recent imports, one import.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { ImportForm, ImportOut, ImportParams } from './schemas.ts';
import { IMPOR } from './service.ts';
import { createImport, getImport, listImports } from './impor-service.ts';
import { API_TAGS, API_BASE } from './schemas.ts';

export function importRoutes(app: BalaiApp, ctx: ModuleContext): void {
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- Import ----

  api.post(
    '/wilayah/impor',
    {
      summary:
        'Upload an RW/RT list (CSV or XLSX, multipart field "berkas", at most 5 MB); imported by a background job',
      consumes: ['multipart/form-data'],
      params: CityParams,
      body: ImportForm,
      out: ImportOut,
      status: 202,
      location: (view) => `/wilayah/impor/${view.id}`,
      also: { 413: errorResponses[400] },
      access: { permission: IMPOR },
    },
    (req) => {
      const user = userOf(req);
      return cityTx(req, async (trx) => {
        const id = await createImport(trx, ctx.jobs, cityOf(req), user, {
          content: req.body.berkas,
          fileName: req.body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImport(trx, user, id, req.t);
      });
    },
  );

  api.get(
    '/wilayah/impor',
    {
      summary: 'Recent imports (own; all of the city for a city-wide importer)',
      params: CityParams,
      out: Type.Object({ items: Type.Array(ImportOut) }),
      access: { permission: IMPOR },
    },
    async (req) => ({ items: await cityTx(req, (trx) => listImports(trx, userOf(req), req.t)) }),
  );

  api.get(
    '/wilayah/impor/:importId',
    {
      summary: 'Status, progress and row errors of an import',
      params: ImportParams,
      out: ImportOut,
      access: { permission: IMPOR },
    },
    (req) => cityTx(req, (trx) => getImport(trx, userOf(req), req.params.importId, req.t)),
  );
}
