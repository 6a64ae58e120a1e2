/** A product's e-Katalog checklist, /:city/umkm/ekatalog/produk/:produkId: its history and, for officers, the move form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { todayWib } from '../../../platform/waktu.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem, type FieldError } from '../../../platform/http/problem.ts';
import { fieldMessage } from '../../../platform/http/validation.ts';
import {
  cityPath,
  csrfField,
  errorSummary,
  field,
  fieldFrame,
  flash,
  sendPage,
} from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  formValues,
  option,
  selectField,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/i18n/index.ts';
import { STATUS_EKATALOG } from '../tables.ts';
import { arahPindah } from '../ekatalog.ts';
import { moveEkatalog, produkEkatalogView } from '../ekatalog-service.ts';
import type { BalaiApp } from '../../../platform/module.ts';
import { PindahForm, ProdukParams } from '../ekatalog-schemas.ts';
import { ekatalogAccess, userAccess, syaratList, tahapan } from './ekatalog-parts.ts';

async function produkPage(
  req: FastifyRequest,
  reply: FastifyReply,
  produkId: string,
  o: {
    ok?: boolean;
    values?: FormValues;
    errors?: FormErrors;
    pesan?: string;
    daftar?: string[];
    status?: number;
  },
): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => produkEkatalogView(trx, userOf(req), produkId));
  const self = cityPath(req, `/umkm/ekatalog/produk/${v.id}`);
  const e = o.errors ?? {};
  const vals = o.values ?? { tanggal: todayWib() };
  const tujuan = STATUS_EKATALOG.filter((s) => arahPindah(v.ekatalog, s) !== null);
  return sendPage(req, reply, {
    title: t('umkm.ekatalog.produk.title', { nama: v.nama }),
    ...(o.status ? { status: o.status } : {}),
    body: html`<p><a href="${cityPath(req, `/umkm/ekatalog/usaha/${v.usaha.id}`)}">${v.usaha.nama}</a></p>
      <h1>${t('umkm.ekatalog.produk.title', { nama: v.nama })}</h1>
      <p class="lead">${t('umkm.ekatalog.produk.intro')}</p>
      ${o.ok ? flash(t('umkm.ekatalog.pindah.tersimpan')) : ''}
      ${
        o.pesan
          ? html`<div class="alert alert-error" role="alert">
              <p>${o.pesan}</p>
              ${
                o.daftar?.length
                  ? html`<ul>
                      ${o.daftar.map((d) => html`<li>${d}</li>`)}
                    </ul>`
                  : ''
              }
            </div>`
          : errorSummary(t, e)
      }
      <section aria-labelledby="h-tahap">
        <h2 id="h-tahap">${t('umkm.ekatalog.tahap')}</h2>
        ${tahapan(t, v.ekatalog)}
        ${v.namaTerkunci ? html`<p class="hint">${t('umkm.ekatalog.namaTerkunci')}</p>` : ''}
      </section>
      <section aria-labelledby="h-syarat">
        <h2 id="h-syarat">${t('umkm.ekatalog.syaratJudul')}</h2>
        <p class="alert ${v.siap ? 'alert-success' : 'alert-info'}" role="status">
          ${v.siap ? t('umkm.ekatalog.siapLengkap') : t('umkm.ekatalog.kurang', { n: formatNumber(v.kurang.length) })}
        </p>
        <h3>${t('umkm.ekatalog.syaratUsaha')}</h3>
        ${syaratList(t, v.syaratUsaha)}
        <h3>${t('umkm.ekatalog.syaratProduk')}</h3>
        ${syaratList(t, v.syarat)}
      </section>
      ${
        v.bolehPindah && tujuan.length
          ? html`<section aria-labelledby="h-pindah">
              <h2 id="h-pindah">${t('umkm.ekatalog.pindah.judul')}</h2>
              <form method="post" action="${self}" novalidate>
                ${csrfField(req)}
                ${selectField({
                  name: 'status',
                  label: t('umkm.ekatalog.pindah.ke'),
                  error: e.status,
                  required: true,
                  options: tujuan.map((s) =>
                    option(
                      s,
                      `${t(`umkm.ekatalog.status.${s}`)}${arahPindah(v.ekatalog, s) === 'mundur' ? ` (${t('umkm.ekatalog.pindah.mundur')})` : ''}`,
                      vals.status ?? tujuan.find((x) => arahPindah(v.ekatalog, x) === 'maju'),
                    ),
                  ),
                })}
                ${field({
                  name: 'tanggal',
                  label: t('umkm.ekatalog.pindah.tanggal'),
                  type: 'date',
                  value: vals.tanggal,
                  error: e.tanggal,
                  required: true,
                  attrs: html`max="${todayWib()}"`,
                })}
                ${fieldFrame(
                  {
                    name: 'catatan',
                    label: t('umkm.ekatalog.pindah.catatan'),
                    hint: t('umkm.ekatalog.pindah.catatanHint'),
                    error: e.catatan,
                  },
                  (id, aria) =>
                    html`<textarea id="${id}" name="catatan" maxlength="1000" rows="3" ${aria}>
${vals.catatan ?? ''}</textarea>`,
                )}
                <p>
                  <button type="submit" class="button primary">${t('umkm.ekatalog.pindah.simpan')}</button>
                </p>
              </form>
            </section>`
          : ''
      }
      ${
        v.langkah.length
          ? tableWrap(
              'cap-langkah',
              t('umkm.ekatalog.riwayat'),
              html`<tr>
                <th scope="col">${t('umkm.ekatalog.kol.tanggal')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.status')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.catatan')}</th>
                <th scope="col">${t('umkm.ekatalog.kol.dicatat')}</th>
              </tr>`,
              v.langkah.map(
                (l) =>
                  html`<tr>
                    <td>${formatDate(l.tanggal)}</td>
                    <td>${t(`umkm.ekatalog.status.${l.status}`)}</td>
                    <td>${l.catatan ?? ''}</td>
                    <td>${formatDateTime(l.at)}</td>
                  </tr>`,
              ),
            )
          : html`<p>${t('umkm.ekatalog.riwayatKosong')}</p>`
      }`,
  });
}

export function ekatalogProdukPage(app: BalaiApp): void {
  app.get(
    '/:city/umkm/ekatalog/produk/:produkId',
    {
      schema: {
        params: ProdukParams,
        querystring: Type.Object({ ok: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
      config: userAccess,
    },
    (req, reply) =>
      produkPage(req, reply, req.params.produkId, {
        ok: Boolean(req.query.ok),
      }),
  );

  app.post(
    '/:city/umkm/ekatalog/produk/:produkId',
    { schema: { params: ProdukParams, body: PindahForm }, attachValidation: true, config: ekatalogAccess },
    async (req, reply) => {
      const { produkId } = req.params;
      const values = formValues(req.body, ['status', 'tanggal', 'catatan']);
      if (req.validationError) {
        return produkPage(req, reply, produkId, { values, errors: validationErrors(req), status: 400 });
      }
      const b = req.body;
      try {
        await cityTx(req, (trx) =>
          moveEkatalog(trx, userOf(req), produkId, {
            status: b.status ?? '',
            tanggal: b.tanggal ?? null,
            catatan: b.catatan ?? null,
          }),
        );
      } catch (err) {
        if (!(err instanceof HttpProblem) || ![400, 409].includes(err.status)) throw err;
        const t = req.t;
        const detail = (e: FieldError) => fieldMessage(t, e, err.params);
        if (err.status === 400) {
          const errors: FormErrors = {};
          for (const e of err.errors ?? []) errors[e.pointer.split('/').slice(2).join('.')] ??= detail(e);
          return produkPage(req, reply, produkId, { values, errors, status: 400 });
        }
        return produkPage(req, reply, produkId, {
          values,
          pesan: t(err.titleKey, err.params),
          daftar: (err.errors ?? []).filter((e) => e.pointer.startsWith('/syarat/')).map(detail),
          status: 409,
        });
      }
      return reply.redirect(cityPath(req, `/umkm/ekatalog/produk/${produkId}?ok=1`), 303);
    },
  );
}
