/**
 * JSON API of the RW/RT import: upload (imported by a background job), recent imports, one import.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { ImportForm, ImportOut, ImportParams } from './schemas.ts';
import { IMPOR } from './service.ts';
import { createImport, getImport, listImports } from './impor-service.ts';
import { API_TAGS, API_BASE } from './schemas.ts';

export function importRoutes(app: BalaiApp, ctx: ModuleContext): void {
  // ---- Import ----

  app.post(
    `${API_BASE}/wilayah/impor`,
    {
      schema: {
        tags: API_TAGS,
        summary:
          'Upload an RW/RT list (CSV or XLSX, multipart field "berkas", at most 5 MB); imported by a background job',
        consumes: ['multipart/form-data'],
        params: CityParams,
        body: ImportForm,
        response: { 202: ImportOut, ...errorResponses, 413: errorResponses[400] },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req, reply) => {
      const body = req.body;
      const user = userOf(req);
      const view = await cityTx(req, async (trx) => {
        const id = await createImport(trx, ctx.jobs, cityOf(req), user, {
          content: body.berkas,
          fileName: body.namaBerkas ?? req.uploads?.berkas?.filename,
        });
        return getImport(trx, user, id, req.t);
      });
      return reply
        .status(202)
        .header('location', `/api/v1/cities/${cityOf(req).slug}/wilayah/impor/${view.id}`)
        .send(view);
    },
  );

  app.get(
    `${API_BASE}/wilayah/impor`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Recent imports (own; all of the city for a city-wide importer)',
        params: CityParams,
        response: { 200: Type.Object({ items: Type.Array(ImportOut) }), ...errorResponses },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req) => ({ items: await cityTx(req, (trx) => listImports(trx, userOf(req), req.t)) }),
  );

  app.get(
    `${API_BASE}/wilayah/impor/:importId`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Status, progress and row errors of an import',
        params: ImportParams,
        response: { 200: ImportOut, ...errorResponses },
      },
      config: { access: { permission: IMPOR } },
    },
    async (req) => {
      const { importId } = req.params;
      return cityTx(req, (trx) => getImport(trx, userOf(req), importId, req.t));
    },
  );
}
