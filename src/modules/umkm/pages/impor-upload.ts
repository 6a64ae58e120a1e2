/**
 * The import's first screen, /:city/umkm/impor: the columns of the file, the upload form and the
 * recent imports; an upload is stored and checked in the background, then its preview opens.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { formSection, type ScreenState } from '../../../platform/web/screen.ts';
import {
  importColumns,
  importHistory,
  importUploadForm,
  uploadScreen,
} from '../../../platform/web/import-screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { createImpor, listImpor } from '../impor.ts';
import { KOLOM_IMPOR, KOLOM_WAJIB, MAX_ROWS } from '../impor-columns.ts';
import { ImporForm } from '../impor-schemas.ts';
import { access, n, statusLabel } from './impor-parts.ts';

const UploadQuery = Type.Object(
  {
    galat: Type.Optional(Type.Literal('besar')),
    ok: Type.Optional(Type.Literal('dibatalkan')),
  },
  { additionalProperties: false },
);

async function uploadPage(req: FastifyRequest, reply: FastifyReply, s: ScreenState<typeof UploadQuery>) {
  const t = req.t;
  const imports = await cityTx(req, (trx) => listImpor(trx, userOf(req), 10));
  return sendPage(req, reply, {
    title: t('umkm.impor.title'),
    status: s.status ?? 200,
    body: html`<h1>${t('umkm.impor.title')}</h1>
      ${flash(s.ok ? t('umkm.impor.dibatalkan') : undefined)}
      <p class="lead">${t('umkm.impor.intro')}</p>
      ${formSection(
        'h-format',
        t('umkm.impor.formatTitle'),
        html`<p>${t('umkm.impor.aturan', { max: formatNumber(MAX_ROWS) })}</p>
          <p>${t('umkm.impor.aturanNib')}</p>
          ${importColumns({
            caption: t('umkm.impor.kolomCaption'),
            cols: [t('umkm.impor.kolom'), t('umkm.impor.arti')],
            columns: KOLOM_IMPOR,
            meaning: (c) => t(`umkm.impor.kol.${c}`),
            tag: (c) =>
              KOLOM_WAJIB.includes(c) ? html` <span class="tag">${t('umkm.impor.wajib')}</span>` : '',
          })}
          <p>
            <a href="${cityPath(req, '/umkm/impor/templat.xlsx')}" download>${t('umkm.impor.templat')}</a>
          </p>`,
        '',
      )}
      ${importUploadForm(req, {
        action: cityPath(req, '/umkm/impor'),
        title: t('umkm.impor.unggahTitle'),
        label: t('umkm.impor.berkas'),
        hint: t('umkm.impor.berkasHint'),
        submit: t('umkm.impor.periksa'),
        ...(s.errors ? { errors: s.errors } : {}),
      })}
      ${importHistory({
        title: t('umkm.impor.riwayat'),
        caption: t('umkm.impor.riwayatCaption'),
        empty: t('umkm.impor.belumAda'),
        cols: [
          t('umkm.impor.namaFile'),
          t('umkm.impor.diunggah'),
          t('umkm.impor.statusLabel'),
          { label: t('umkm.impor.jumlahBaris'), num: true },
          { label: t('umkm.impor.jumlahGalat'), num: true },
        ],
        rows: imports.map((i) => ({
          href: cityPath(req, `/umkm/impor/${i.id}`),
          fileName: i.namaFile,
          at: i.dibuatAt,
          status: statusLabel(req, i.status),
          counts: [n(i.jumlahBaris), i.status === 'pratinjau' ? n(i.galat) : '—'],
        })),
      })}`,
  });
}

export function imporUploadPage(app: BalaiApp, ctx: ModuleContext): void {
  uploadScreen(app, {
    path: '/:city/umkm/impor',
    access: access.access,
    params: CityParams,
    query: UploadQuery,
    body: ImporForm,
    tooLarge: 'umkm.impor.err.tooLarge',
    show: uploadPage,
    save: async (req) => {
      const id = await cityTx(req, (trx) =>
        createImpor(trx, ctx.jobs, cityOf(req).id, userOf(req), {
          content: req.body.berkas,
          fileName: req.body.namaBerkas ?? req.uploads?.berkas?.filename,
        }),
      );
      return cityPath(req, `/umkm/impor/${id}`);
    },
  });
}
