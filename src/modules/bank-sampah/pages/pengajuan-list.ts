/**
 * Requests that wait for a second person (withdrawals above the threshold, deposits above the
 * limits): the list by status, and approving or rejecting one with a reason.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { Csrf } from '../../../platform/http/schemas.ts';
import { csrfField, errorSummary, flash, sendPage } from '../../../platform/web/layout.ts';
import { type SafeHtml, html, raw } from '../../../platform/web/html.ts';
import { type FormErrors, queryString } from '../../../platform/web/components.ts';
import { factList } from '../../../platform/web/screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { Tx } from '../../../platform/db/transaction.ts';
import { type BankRights, type BankRow, bankFor } from '../access.ts';
import { namaJenis } from '../katalog-nama.ts';
import { putuskanPengajuan } from '../ledger.ts';
import { type PengajuanView, listPengajuan } from '../ledger-read.ts';
import { nilai } from '../transaksi-form.ts';
import {
  BankParams,
  PengajuanParams,
  Teks,
  bankPath,
  crumbs,
  obj,
  rp,
  user,
  waktu,
} from './transaksi-parts.ts';

/** What an approver posts: approve, or reject with a reason. */
const KeputusanForm = obj({
  _csrf: Csrf,
  keputusan: Type.Union([Type.Literal('setuju'), Type.Literal('tolak')]),
  alasan: Type.Optional(Teks(2000)),
});
/** The list's filter by status, and what was just done. */
const PengajuanQuery = obj({
  status: Type.Optional(
    Type.Union([
      Type.Literal('menunggu'),
      Type.Literal('disetujui'),
      Type.Literal('ditolak'),
      Type.Literal('semua'),
    ]),
  ),
  ok: Type.Optional(Type.Union([Type.Literal('ditolak'), Type.Literal('disetujui')])),
});
/** The refusals an approver reads on the page (others are plain 403 pages). */
const PENGAJUAN_DITOLAK_403 = new Set(['bankSampah.pengajuan.orangLain', 'bankSampah.pengajuan.pengangkat']);

/** Names of the items in deposit requests. */
export function loadNamaJenis(trx: Tx, items: PengajuanView[], locale: FastifyRequest['locale']) {
  return namaJenis(
    trx,
    items.flatMap((p) => (p.baris ?? []).map((b) => b.jenisKode)),
    locale,
  );
}

/** One request as a card, with the approve and reject forms for whoever may decide it. */
export function pengajuanKartu(
  req: FastifyRequest,
  bank: BankRow,
  rights: BankRights,
  p: PengajuanView,
  o: { errors?: FormErrors; forId?: string; alasan?: string; namaJenis?: Map<string, string> },
): SafeHtml {
  const t = req.t;
  const me = userOf(req).id;
  const mine = p.diajukanOlehId === me;
  const errors = o.forId === p.id ? (o.errors ?? {}) : {};
  const action = bankPath(req, bank.id, `/pengajuan/${p.id}/keputusan`);
  const alasanId = `alasan-${p.id}`;
  return html`<li class="card bs-pengajuan">
    <h3>${p.nasabah.nama} <span class="meta">(${p.nasabah.nomor})</span></h3>
    <p class="meta">${t(`bankSampah.op.pengajuan.jenis.${p.jenis}`)}</p>
    ${factList([
      [
        t(p.jenis === 'setoran' ? 'bankSampah.op.pengajuan.dikreditkan' : 'bankSampah.op.penarikan.jumlah'),
        html`<strong>${rp(p.jumlah)}</strong>`,
      ],
      p.baris && [
        t('bankSampah.op.pengajuan.baris'),
        html`<ul class="bs-pengajuan-baris">
          ${p.baris.map(
            (b) =>
              html`<li>
                ${o.namaJenis?.get(b.jenisKode) ?? b.jenisKode}
                (${t(`bankSampah.admin.kondisi.${b.kondisi}`)}): ${formatNumber(Number(b.kuantitas))}
              </li>`,
          )}
        </ul>`,
      ],
      [t('bankSampah.op.pengajuan.status'), t(`bankSampah.op.pengajuan.status.${p.status}`)],
      [t('bankSampah.op.pengajuan.diajukan'), `${p.diajukanOleh ?? '—'} · ${waktu(t, p.createdAt)}`],
      p.catatan ? [t('bankSampah.op.catatan'), p.catatan] : null,
      p.diputusAt && [
        t('bankSampah.op.pengajuan.diputus'),
        `${p.diputusOleh ?? '—'} · ${waktu(t, p.diputusAt)}`,
      ],
      p.alasanTolak ? [t('bankSampah.op.pengajuan.alasanTolak'), p.alasanTolak] : null,
    ])}
    ${
      p.jurnalId
        ? html`<p>
            <a href="${bankPath(req, bank.id, `/jurnal/${p.jurnalId}`)}"
              >${t('bankSampah.op.pengajuan.lihatStruk')}</a
            >
          </p>`
        : ''
    }
    ${
      p.status !== 'menunggu'
        ? ''
        : !rights.setujui
          ? html`<p class="meta">${t('bankSampah.op.pengajuan.tungguPejabat')}</p>`
          : mine
            ? html`<p class="meta">${t('bankSampah.pengajuan.orangLain')}</p>`
            : html`<div class="bs-keputusan">
                <form method="post" action="${action}">
                  ${csrfField(req)}
                  <input type="hidden" name="keputusan" value="setuju" />
                  <button type="submit" class="primary">
                    ${t(
                      p.jenis === 'setoran'
                        ? 'bankSampah.op.pengajuan.setujuiSetoran'
                        : 'bankSampah.op.pengajuan.setujui',
                      { jumlah: rp(p.jumlah) },
                    )}
                  </button>
                </form>
                <form method="post" action="${action}" novalidate>
                  ${csrfField(req)}
                  <input type="hidden" name="keputusan" value="tolak" />
                  <div class="field${errors.alasan ? ' has-error' : ''}">
                    <label for="${alasanId}">${t('bankSampah.op.pengajuan.alasanTolakLabel')}</label>
                    <textarea
                      id="${alasanId}"
                      name="alasan"
                      rows="2"
                      maxlength="500"
                      ${errors.alasan ? raw(`aria-invalid="true" aria-describedby="${alasanId}-err"`) : ''}
                    >
${o.forId === p.id ? (o.alasan ?? '') : ''}</textarea>
                    ${errors.alasan ? html`<p class="error" id="${alasanId}-err">${errors.alasan}</p>` : ''}
                  </div>
                  <button type="submit" class="danger">${t('bankSampah.op.pengajuan.tolak')}</button>
                </form>
              </div>`
    }
  </li>`;
}
/** The requests of a bank by status, with a decision's errors shown on its card. */
async function pengajuanList(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: {
    status?: 'menunggu' | 'disetujui' | 'ditolak' | 'semua';
    ok?: string;
    errors?: FormErrors;
    forId?: string;
    alasan?: string;
    message?: string;
    code?: number;
  },
) {
  const t = req.t;
  const status = o.status ?? 'menunggu';
  const d = await cityTx(req, async (trx) => {
    const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
    const items = await listPengajuan(trx, bank, status === 'semua' ? {} : { status });
    return { bank, rights, items, namaJenis: await loadNamaJenis(trx, items, req.locale) };
  });
  const p = (s: string) => bankPath(req, bankId, `/pengajuan${queryString({ status: s })}`);
  return sendPage(req, reply, {
    title: t('bankSampah.op.pengajuan.title'),
    status: o.code ?? 200,
    body: html`${crumbs(req, d.bank, [{ label: t('bankSampah.op.pengajuan.title') }])}
      <h1>${t('bankSampah.op.pengajuan.title')}</h1>
      ${o.ok ? flash(t(`bankSampah.op.pengajuan.ok.${o.ok}`)) : ''}
      ${o.message ? errorSummary(t, {}, o.message) : ''}
      <p class="lead">${t('bankSampah.op.pengajuan.intro')}</p>
      <nav aria-label="${t('bankSampah.op.pengajuan.filter')}">
        <ul class="tags bs-filter-status">
          ${(['menunggu', 'disetujui', 'ditolak', 'semua'] as const).map(
            (s) =>
              html`<li>
                <a class="tag" href="${p(s)}" ${s === status ? raw('aria-current="page"') : ''}
                  >${t(`bankSampah.op.pengajuan.status.${s}`)}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      ${
        d.items.length
          ? html`<ul class="cards bs-daftar-pengajuan">
              ${d.items.map((x) =>
                pengajuanKartu(req, d.bank, d.rights, x, {
                  namaJenis: d.namaJenis,
                  ...(o.errors ? { errors: o.errors } : {}),
                  ...(o.forId ? { forId: o.forId } : {}),
                  ...(o.alasan !== undefined ? { alasan: o.alasan } : {}),
                }),
              )}
            </ul>`
          : html`<p>${t('bankSampah.op.pengajuan.kosong')}</p>`
      }`,
  });
}

/** The requests awaiting a second person, and their decision. */
export function pengajuanListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/pengajuan',
    { schema: { params: BankParams, querystring: PengajuanQuery }, config: user },
    async (req, reply) => {
      const { bankId } = req.params;
      const q = req.query;
      return pengajuanList(req, reply, bankId, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.ok ? { ok: q.ok } : {}),
      });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengajuan/:id/keputusan',
    { schema: { params: PengajuanParams, body: KeputusanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, id } = req.params;
      const body = req.body;
      const keputusan = nilai(body, 'keputusan');
      const alasan = nilai(body, 'alasan').trim();
      if (req.validationError || (keputusan !== 'setuju' && keputusan !== 'tolak'))
        return pengajuanList(req, reply, bankId, {
          message: t('bankSampah.op.form.tidakTerbaca'),
          code: 400,
        });
      if (keputusan === 'tolak' && (alasan.length < 5 || alasan.length > 500))
        return pengajuanList(req, reply, bankId, {
          errors: { alasan: t('bankSampah.alasan.wajib') },
          forId: id,
          alasan,
          message: t('form.hasErrors'),
          code: 400,
        });
      const me = userOf(req);
      try {
        const r = await cityTx(req, async (trx) => {
          const { bank } = await bankFor(trx, me, bankId, 'setujui');
          return putuskanPengajuan(trx, { user: me, locale: req.locale }, bank, id, {
            setuju: keputusan === 'setuju',
            ...(keputusan === 'tolak' ? { alasan } : {}),
          });
        });
        return reply.redirect(
          r.jurnalId
            ? bankPath(req, bankId, `/jurnal/${r.jurnalId}?ok=baru`)
            : bankPath(req, bankId, '/pengajuan?ok=ditolak'),
          303,
        );
      } catch (err) {
        if (!(err instanceof HttpProblem) || err.status === 404 || err.status === 401) throw err;
        if (err.status === 403 && !PENGAJUAN_DITOLAK_403.has(err.titleKey)) throw err;
        return pengajuanList(req, reply, bankId, { message: t(err.titleKey, err.params), code: err.status });
      }
    },
  );
}
