/**
 * One business for its owner and officers (/umkm/usaha/:id): status and history, profile, KBLI
 * codes, yearly figures and class, legality, what is missing before submission, verification,
 * and the audited full-NIK view (POST only: shown once, not cached). The forms of the page post
 * to pages/usaha-actions.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  formValues,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import { findRwRow } from '../../wilayah/api.ts';
import { usahaUntuk } from '../access.ts';
import { getUsaha, kekuranganPengajuan, readNik } from '../usaha-service.ts';
import {
  forUser,
  serviceErrors,
  IdParams,
  kelasText,
  NikForm,
  statusTag,
  summary,
  UsahaQuery,
  wilayahKota,
  type Failed,
  type OkKey,
} from './usaha-parts.ts';
import { langkahBerikut, PETA_PIN } from './usaha-fields.ts';
import {
  ajukanSection,
  kbliSection,
  keuanganSection,
  legalitasSection,
  profilSection,
  verifikasiSection,
  type Detail,
} from './usaha-detail-sections.ts';

export interface UsahaPageOpts {
  failed?: Failed;
  nik?: { nik: string | null; tujuan: string };
  /** The query of a GET (a form post shows the page without it). */
  query?: { ok?: OkKey | undefined; cari?: string | undefined };
}

/** The business's page; with a failed form's errors, or the full NIK once. */
export async function renderUsahaPage(
  req: FastifyRequest,
  reply: FastifyReply,
  id: string,
  o: UsahaPageOpts = {},
) {
  const t = req.t;
  const user = userOf(req);
  const query = o.query ?? {};
  const data = await cityTx(req, async (trx) => {
    const v = await getUsaha(trx, user, id);
    const row = await usahaUntuk(trx, user, id);
    return {
      v,
      kurang: await kekuranganPengajuan(trx, row),
      w: await wilayahKota(trx, cityOf(req).id),
      rw: v.rwId ? await findRwRow(trx, v.rwId) : undefined,
    };
  });
  const { v, kurang, w } = data;
  const failed = o.failed;
  const base = `/umkm/usaha/${v.id}`;
  const d: Detail = {
    req,
    t,
    v,
    failed,
    nik: o.nik,
    cari: query.cari,
    base,
    post: (path: string) => cityPath(req, `${base}${path}`),
    errorsOf: (form: string): FormErrors => (failed?.form === form ? failed.errors : {}),
    valuesOf: (form: string): FormValues | undefined => (failed?.form === form ? failed.values : undefined),
  };
  const terakhir = v.langkah.at(-1);
  const catatanKembali =
    v.status === 'dikembalikan' && terakhir?.status === 'dikembalikan' ? terakhir.catatan : null;
  const alasanTolak = v.status === 'ditolak' && terakhir?.status === 'ditolak' ? terakhir.catatan : null;
  const gagalUmum = failed?.errors._;

  const body = html`${breadcrumbs(t('umkm.reg.breadcrumbs'), [
      v.hak.milik
        ? { href: cityPath(req, '/umkm/saya'), label: t('umkm.reg.saya.title') }
        : { href: cityPath(req, '/umkm/usaha'), label: t('umkm.reg.registri.title') },
      { label: v.nama },
    ])}
    <h1>${v.nama}</h1>
    <p>${statusTag(t, v.status)} <span class="meta">${kelasText(t, v.kelas)}</span></p>
    ${flash(query.ok ? t(`umkm.reg.ok.${query.ok}`) : undefined)}
    ${failed && gagalUmum ? summary(t, failed.errors) : ''}
    ${
      catatanKembali
        ? html`<div class="alert alert-info" role="note" id="catatan-petugas">
            <p><strong>${t('umkm.reg.catatanPetugas')}</strong></p>
            <p>${catatanKembali}</p>
            ${v.hak.ubah ? html`<p>${t('umkm.reg.catatanPetugasLanjut')}</p>` : ''}
          </div>`
        : ''
    }
    ${
      alasanTolak
        ? html`<div class="alert alert-error" role="note">
            <p><strong>${t('umkm.reg.alasanTolak')}</strong></p>
            <p>${alasanTolak}</p>
          </div>`
        : ''
    }
    ${v.hak.milik ? html`<p>${langkahBerikut(t, v.status)}</p>` : ''}
    <ul class="tags">
      <li><a href="${d.post('/produk')}">${t('umkm.reg.link.produk')}</a></li>
      ${
        v.status === 'terverifikasi'
          ? html`<li><a href="${cityPath(req, `/umkm/u/${v.slug}`)}">${t('umkm.reg.link.publik')}</a></li>`
          : ''
      }
    </ul>

    ${ajukanSection(d, kurang)} ${verifikasiSection(d)} ${profilSection(d, { w, rw: data.rw, user })}
    ${kbliSection(d)} ${keuanganSection(d)} ${legalitasSection(d)}

    <section aria-labelledby="h-langkah">
      <h2 id="h-langkah">${t('umkm.reg.riwayat')}</h2>
      <ol>
        ${v.langkah.map(
          (l) =>
            html`<li>
              ${formatDateTime(l.at)}:
              ${t(`umkm.reg.status.${l.status}`)}${l.catatan ? html` — <q>${l.catatan}</q>` : ''}
            </li>`,
        )}
      </ol>
    </section>`;

  const res = sendPage(req, reply, {
    title: v.nama,
    status: failed?.status ?? 200,
    ...(v.hak.ubah ? PETA_PIN : {}),
    body,
  });
  if (o.nik) reply.header('cache-control', 'no-store');
  return res;
}

export function usahaDetailPage(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  app.get(
    '/:city/umkm/usaha/:id',
    { schema: { params: IdParams, querystring: UsahaQuery }, config: forUser },
    async (req, reply) => renderUsahaPage(req, reply, req.params.id, { query: req.query }),
  );

  // The full NIK: asked with a purpose by POST (never in a URL), shown once, not cached, audited.
  app.post(
    '/:city/umkm/usaha/:id/nik',
    { schema: { params: IdParams, body: NikForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { id } = req.params;
      const values = formValues(req.body, ['tujuan']);
      if (req.validationError)
        return renderUsahaPage(req, reply, id, {
          failed: { form: 'nik', values, errors: validationErrors(req), status: 400 },
        });
      const tujuan = values.tujuan ?? '';
      try {
        const r = await cityTx(req, (trx) => readNik(trx, userOf(req), id, dataKey, tujuan));
        return renderUsahaPage(req, reply, id, { nik: { nik: r.nik, tujuan: tujuan.trim() } });
      } catch (err) {
        return renderUsahaPage(req, reply, id, {
          failed: { form: 'nik', values, ...serviceErrors(req, err) },
        });
      }
    },
  );
}
