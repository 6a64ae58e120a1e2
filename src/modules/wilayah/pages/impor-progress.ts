/**
 * The progress of one import (refreshes while it runs) and its row errors.
 */
import type { BalaiApp } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { importErrors, importProgress, refreshWhile } from '../../../platform/web/import-screen.ts';
import { breadcrumbs } from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { ImportParams } from '../schemas.ts';
import { getImport } from '../impor-service.ts';
import { IMPORT_ACCESS, num, STATUS_KEYS } from './parts.ts';

export function imporProgressPage(app: BalaiApp): void {
  app.get(
    '/:city/wilayah/impor/:importId',
    { schema: { params: ImportParams }, config: IMPORT_ACCESS },
    async (req, reply) => {
      const t = req.t;
      const { importId } = req.params;
      const i = await cityTx(req, (trx) => getImport(trx, userOf(req), importId, t));
      const running = i.status === 'menunggu' || i.status === 'diproses';
      return sendPage(req, reply, {
        title: t('wilayah.impor.progressTitle', { file: i.fileName }),
        ...refreshWhile(running),
        body: html`${breadcrumbs(t('wilayah.breadcrumbs'), [
            { href: cityPath(req, '/wilayah/impor'), label: t('wilayah.impor.title') },
            { label: i.fileName },
          ])}
          <h1>${t('wilayah.impor.progressTitle', { file: i.fileName })}</h1>
          <div role="status">
            ${
              i.status === 'berhasil'
                ? html`<div class="alert alert-success">
                    ${t('wilayah.impor.done', { rows: i.totalRows, rw: i.createdRw, rt: i.createdRt })}
                  </div>`
                : i.status === 'gagal'
                  ? html`<div class="alert alert-error">
                      ${t('wilayah.impor.failed', { count: i.errors.length })}
                    </div>`
                  : html`<div class="alert alert-info">${t('wilayah.impor.running')}</div>`
            }
          </div>
          <dl class="facts">
            <dt>${t('wilayah.impor.statusLabel')}</dt>
            <dd><span class="tag">${t(STATUS_KEYS[i.status])}</span></dd>
            <dt>${t('wilayah.impor.progress')}</dt>
            <dd>
              ${importProgress(
                t('wilayah.impor.progress'),
                i.percent,
                t('wilayah.impor.processed', { processed: i.processed, total: i.totalRows }),
              )}
            </dd>
            <dt>${t('wilayah.impor.uploaded')}</dt>
            <dd>${formatDateTime(i.createdAt)}</dd>
            ${
              i.finishedAt
                ? html`<dt>${t('wilayah.impor.finished')}</dt>
                    <dd>${formatDateTime(i.finishedAt)}</dd>`
                : ''
            }
            ${
              i.status === 'berhasil'
                ? html`<dt>${t('wilayah.impor.createdRw')}</dt>
                    <dd>${num(i.createdRw)}</dd>
                    <dt>${t('wilayah.impor.createdRt')}</dt>
                    <dd>${num(i.createdRt)}</dd>`
                : ''
            }
          </dl>
          ${
            i.errors.length
              ? importErrors(
                  {
                    title: t('wilayah.impor.errorsTitle'),
                    intro: t('wilayah.impor.errorsIntro'),
                    caption: t('wilayah.impor.errorsCaption', { count: i.errors.length }),
                    cols: [t('wilayah.impor.row'), t('wilayah.impor.column'), t('wilayah.impor.message')],
                  },
                  i.errors,
                )
              : ''
          }
          <p>
            <a href="${cityPath(req, '/wilayah/impor')}">${t('wilayah.impor.again')}</a>
            ${i.status === 'berhasil' ? html` · <a href="${cityPath(req, '/wilayah/rw')}">${t('wilayah.rw.listTitle')}</a>` : ''}
          </p>`,
      });
    },
  );
}
