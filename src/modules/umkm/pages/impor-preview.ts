/**
 * An import's screen, /:city/umkm/impor/:id: progress while it is checked or written, then the
 * preview (counts, the invalid rows with column and message, the rows to create or update), and
 * the forms that confirm or cancel it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import type { CurrentUser } from '../../../platform/auth/roles.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { postForm } from '../../../platform/web/screen.ts';
import { importErrors, importProgress, refreshWhile } from '../../../platform/web/import-screen.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { breadcrumbs, pagination, queryString, tableWrap } from '../../../platform/web/components.ts';
import { formatDateTime, formatNumber, type Translator } from '../../../platform/i18n/index.ts';
import { cancelImpor, confirmImpor, getImpor, type ImporView } from '../impor.ts';
import { CsrfForm, IdParams } from '../impor-schemas.ts';
import { access, n, PER_HALAMAN, statusLabel } from './impor-parts.ts';

const PreviewQuery = Type.Object(
  {
    halaman: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000 })),
  },
  { additionalProperties: false },
);

/** What the import's status means for the officer, as an alert. */
function statusAlertOf(t: Translator, i: ImporView): SafeHtml {
  return i.status === 'diperiksa'
    ? html`<div class="alert alert-info">${t('umkm.impor.sedangDiperiksa')}</div>`
    : i.status === 'mengimpor'
      ? html`<div class="alert alert-info">${t('umkm.impor.sedangDiimpor', { jumlah: i.valid })}</div>`
      : i.status === 'gagal'
        ? html`<div class="alert alert-error">${t('umkm.impor.gagal')}</div>`
        : i.status === 'diimpor'
          ? html`<div class="alert alert-success">
              ${t('umkm.impor.selesai', { baru: i.hasil?.baru ?? 0, diubah: i.hasil?.diubah ?? 0 })}
            </div>`
          : i.status === 'dibatalkan'
            ? html`<div class="alert alert-info">${t('umkm.impor.dibatalkan')}</div>`
            : i.galat > 0
              ? html`<div class="alert alert-error">${t('umkm.impor.adaGalat', { jumlah: i.galat })}</div>`
              : html`<div class="alert alert-info">${t('umkm.impor.siap', { jumlah: i.valid })}</div>`;
}

function previewPage(
  req: FastifyRequest,
  reply: FastifyReply,
  i: ImporView,
  o: { halaman: number; alert?: string; status?: number },
) {
  const t = req.t;
  const running = i.status === 'diperiksa' || i.status === 'mengimpor';
  const title = t('umkm.impor.pratinjauTitle', { file: i.namaFile });
  const pages = Math.max(1, Math.ceil(i.barisTotal / PER_HALAMAN));
  const statusAlert = statusAlertOf(t, i);
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    ...refreshWhile(running),
    body: html`${breadcrumbs(t('umkm.impor.breadcrumbs'), [
        { href: cityPath(req, '/umkm/impor'), label: t('umkm.impor.title') },
        { label: i.namaFile },
      ])}
      <h1>${title}</h1>
      ${o.alert ? html`<div class="alert alert-error" role="alert">${o.alert}</div>` : ''}
      ${i.catatan && i.status !== 'diimpor' ? html`<div class="alert alert-error" role="alert">${i.catatan}</div>` : ''}
      <div role="status">${statusAlert}</div>
      <dl class="facts">
        <dt>${t('umkm.impor.statusLabel')}</dt>
        <dd><span class="tag">${statusLabel(req, i.status)}</span></dd>
        ${
          running
            ? html`<dt>${t('umkm.impor.kemajuan')}</dt>
                <dd>
                  ${importProgress(
                    t('umkm.impor.kemajuan'),
                    i.persen,
                    i.status === 'mengimpor'
                      ? t('umkm.impor.persen', { persen: i.persen })
                      : t('umkm.impor.diproses', { diproses: n(i.diproses), total: n(i.jumlahBaris) }),
                  )}
                </dd>`
            : html`<dt>${t('umkm.impor.jumlahBaris')}</dt>
                <dd>${n(i.jumlahBaris)}</dd>
                <dt>${t('umkm.impor.jumlahValid')}</dt>
                <dd>${n(i.valid)}</dd>
                <dt>${t('umkm.impor.jumlahGalat')}</dt>
                <dd>${n(i.galat)}</dd>
                <dt>${t('umkm.impor.jumlahBaru')}</dt>
                <dd>${n(i.baru)}</dd>
                <dt>${t('umkm.impor.jumlahUbah')}</dt>
                <dd>${n(i.ubah)}</dd>`
        }
        <dt>${t('umkm.impor.diunggah')}</dt>
        <dd>${formatDateTime(i.dibuatAt)}</dd>
      </dl>
      ${i.baruTanpaNib > 0 && i.status === 'pratinjau' ? html`<p>${t('umkm.impor.tanpaNib', { jumlah: i.baruTanpaNib })}</p>` : ''}
      ${
        i.masalah.length
          ? importErrors(
              {
                title: t('umkm.impor.galatTitle'),
                intro: t('umkm.impor.galatIntro'),
                caption: t('umkm.impor.galatCaption', { jumlah: i.masalah.length + i.masalahLebih }),
                cols: [t('umkm.impor.baris'), t('umkm.impor.kolom'), t('umkm.impor.pesan')],
              },
              i.masalah.map((m) => ({ row: m.baris, column: m.kolom, message: m.pesan })),
              i.masalahLebih > 0
                ? html`<p>${t('umkm.impor.galatLebih', { jumlah: n(i.masalahLebih) })}</p>`
                : '',
            )
          : ''
      }
      ${
        i.barisTotal > 0 && i.status !== 'dibatalkan'
          ? html`<section aria-labelledby="h-baris">
              <h2 id="h-baris">
                ${i.status === 'diimpor' ? t('umkm.impor.barisDiimpor') : t('umkm.impor.barisTitle')}
              </h2>
              ${tableWrap(
                'cap-baris',
                t('umkm.impor.barisCaption', { jumlah: n(i.barisTotal) }),
                html`<tr>
                  <th scope="col" class="num">${t('umkm.impor.baris')}</th>
                  <th scope="col">${t('umkm.impor.tindakan')}</th>
                  <th scope="col">NIB</th>
                  <th scope="col">${t('umkm.impor.namaUsaha')}</th>
                  <th scope="col">${t('umkm.impor.titik')}</th>
                </tr>`,
                i.baris.map(
                  (b) =>
                    html`<tr>
                      <td class="num">${formatNumber(b.baris)}</td>
                      <td><span class="tag">${t(`umkm.impor.aksi.${b.aksi}`)}</span></td>
                      <td>${b.nib ?? '—'}</td>
                      <td>${b.nama ?? '—'}</td>
                      <td>${b.titik ? `${b.titik[0].toFixed(6)}, ${b.titik[1].toFixed(6)}` : '—'}</td>
                    </tr>`,
                ),
              )}
              ${pagination(t, t('umkm.impor.barisTitle'), o.halaman, pages, (p) =>
                cityPath(req, `/umkm/impor/${i.id}${queryString({ halaman: p })}`),
              )}
            </section>`
          : ''
      }
      ${
        i.bisaKonfirmasi
          ? postForm(
              req,
              {
                action: cityPath(req, `/umkm/impor/${i.id}/konfirmasi`),
                submit: t('umkm.impor.konfirmasi', { jumlah: i.valid }),
              },
              html`<p>${t('umkm.impor.konfirmasiIntro', { baru: i.baru, ubah: i.ubah })}</p>`,
            )
          : ''
      }
      ${
        i.bisaBatal
          ? postForm(
              req,
              {
                action: cityPath(req, `/umkm/impor/${i.id}/batal`),
                submit: t('umkm.impor.batal'),
                secondary: true,
              },
              '',
            )
          : ''
      }
      <p>
        <a href="${cityPath(req, '/umkm/impor')}">${t('umkm.impor.lagi')}</a>
        ${i.status === 'diimpor' ? html` · <a href="${cityPath(req, '/umkm/usaha')}">${t('umkm.nav.registri')}</a>` : ''}
      </p>`,
  });
}

export function imporPreviewPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/umkm/impor/:id',
    { schema: { params: IdParams, querystring: PreviewQuery }, config: access },
    async (req, reply) => {
      const { id } = req.params;
      const q = req.query;
      const halaman = q.halaman ?? 1;
      const i = await cityTx(req, (trx) =>
        getImpor(trx, userOf(req), id, req.t, { page: halaman, perPage: PER_HALAMAN }),
      );
      return previewPage(req, reply, i, { halaman });
    },
  );

  /** A change of the import: done, its page (or `done`); refused (409), the page with why. */
  const change = (
    action: string,
    run: (trx: Tx, user: CurrentUser, id: string) => Promise<unknown>,
    done?: string,
  ) =>
    app.post(
      `/:city/umkm/impor/:id/${action}`,
      { schema: { params: IdParams, body: CsrfForm }, config: access },
      async (req, reply) => {
        const { id } = req.params;
        const user = userOf(req);
        try {
          await cityTx(req, (trx) => run(trx, user, id));
          return reply.redirect(cityPath(req, done ?? `/umkm/impor/${id}`), 303);
        } catch (err) {
          if (!(err instanceof HttpProblem) || err.status !== 409) throw err;
          const i = await cityTx(req, (trx) =>
            getImpor(trx, user, id, req.t, { page: 1, perPage: PER_HALAMAN }),
          );
          return previewPage(req, reply, i, {
            halaman: 1,
            alert: req.t(err.titleKey, err.params),
            status: 409,
          });
        }
      },
    );
  change('konfirmasi', (trx, user, id) => confirmImpor(trx, ctx.jobs, user, id));
  change('batal', cancelImpor, '/umkm/impor?ok=dibatalkan');
}
