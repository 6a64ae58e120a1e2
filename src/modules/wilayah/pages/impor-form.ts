/**
 * The RW/RT import: the format, the upload form and the recent imports.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { formSection, type ScreenState } from '../../../platform/web/screen.ts';
import {
  importColumns,
  importHistory,
  importUploadForm,
  uploadScreen,
} from '../../../platform/web/import-screen.ts';
import { ImportForm } from '../schemas.ts';
import { createImport, listImports } from '../impor-service.ts';
import { COLUMNS, MAX_ROWS } from '../impor.ts';
import { IMPORT_ACCESS, num, STATUS_KEYS } from './parts.ts';

const ImportPageQuery = Type.Object(
  { galat: Type.Optional(Type.Literal('besar')) },
  { additionalProperties: false },
);

async function renderImportForm(
  req: FastifyRequest,
  reply: FastifyReply,
  s: ScreenState<typeof ImportPageQuery>,
) {
  const t = req.t;
  const imports = await cityTx(req, (trx) => listImports(trx, userOf(req), t, 10));
  return sendPage(req, reply, {
    title: t('wilayah.impor.title'),
    status: s.status ?? 200,
    body: html`<h1>${t('wilayah.impor.title')}</h1>
      <p class="lead">${t('wilayah.impor.intro')}</p>
      ${formSection(
        'h-format',
        t('wilayah.impor.formatTitle'),
        html`<p>${t('wilayah.impor.formatIntro', { max: MAX_ROWS })}</p>
          ${importColumns({
            caption: t('wilayah.impor.columnsCaption'),
            cols: [t('wilayah.impor.column'), t('wilayah.impor.meaning')],
            columns: COLUMNS,
            meaning: (c) => t(`wilayah.impor.col.${c}`),
          })}
          <p>${t('wilayah.impor.rules')}</p>
          <p>
            ${t('wilayah.impor.template')}
            <a href="${cityPath(req, '/wilayah/impor/templat.xlsx')}" download
              >${t('wilayah.impor.templateXlsx')}</a
            >
            ·
            <a href="${cityPath(req, '/wilayah/impor/templat.csv')}" download
              >${t('wilayah.impor.templateCsv')}</a
            >
          </p>`,
        '',
      )}
      ${importUploadForm(req, {
        action: cityPath(req, '/wilayah/impor'),
        title: t('wilayah.impor.uploadTitle'),
        label: t('wilayah.impor.file'),
        hint: t('wilayah.impor.fileHint'),
        submit: t('wilayah.impor.submit'),
        ...(s.errors ? { errors: s.errors } : {}),
      })}
      ${importHistory({
        title: t('wilayah.impor.recent'),
        caption: t('wilayah.impor.recentCaption'),
        empty: t('wilayah.impor.noneYet'),
        cols: [
          t('wilayah.impor.fileName'),
          t('wilayah.impor.uploaded'),
          t('wilayah.impor.statusLabel'),
          { label: t('wilayah.impor.rows'), num: true },
        ],
        rows: imports.map((i) => ({
          href: cityPath(req, `/wilayah/impor/${i.id}`),
          fileName: i.fileName,
          at: i.createdAt,
          status: t(STATUS_KEYS[i.status]),
          counts: [num(i.totalRows)],
        })),
      })}`,
  });
}

export function imporFormPage(app: BalaiApp, ctx: ModuleContext): void {
  uploadScreen(app, {
    path: '/:city/wilayah/impor',
    access: IMPORT_ACCESS.access,
    params: CityParams,
    query: ImportPageQuery,
    body: ImportForm,
    tooLarge: 'wilayah.impor.err.tooLarge',
    show: renderImportForm,
    save: async (req) => {
      const id = await cityTx(req, (trx) =>
        createImport(trx, ctx.jobs, cityOf(req), userOf(req), {
          content: req.body.berkas,
          fileName: req.body.namaBerkas ?? req.uploads?.berkas?.filename,
        }),
      );
      return cityPath(req, `/wilayah/impor/${id}`);
    },
  });
}
