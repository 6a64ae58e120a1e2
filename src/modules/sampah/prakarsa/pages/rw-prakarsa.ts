/** An RW's Prakarsa page: allocations by year with disbursements and spending, and the forms to allocate, disburse and report. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { cityPath, csrfField, field, flash, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow } from '../../../../platform/web/screen.ts';
import {
  breadcrumbs,
  option,
  queryString,
  selectField,
  tableWrap,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatDate, formatNumber } from '../../../../platform/i18n/index.ts';
import { todayWib } from '../../../../platform/waktu.ts';
import { summary } from '../../kbs/pages/kbs-parts.ts';
import { createAlokasi } from '../alokasi-service.ts';
import type { AlokasiView } from '../alokasi-repository.ts';
import { createBelanja } from '../belanja-service.ts';
import { createPencairan } from '../pencairan-service.ts';
import { getRwPrakarsa, type RwPrakarsaView } from '../rekap-service.ts';
import { KATEGORI_BELANJA } from '../prakarsa-tables.ts';
import {
  AlokasiForm,
  BelanjaForm,
  CairForm,
  EntriParams,
  RwParams,
  RwQuery,
  kelola,
  lapor,
  lihat,
  namaRw,
  parseBulat,
  parseDesimal,
  parseRupiah,
  prakarsaPost,
  rp,
  rwKembali,
  statusLabel,
  textarea,
  type Failed,
  fakta,
} from './prakarsa-parts.ts';

function pencairanTable(req: FastifyRequest, v: RwPrakarsaView, a: AlokasiView, base: string): SafeHtml {
  const t = req.t;
  return a.pencairan.length
    ? tableWrap(
        `cap-cair-${a.tahun}`,
        t('sampah.prakarsa.pencairanCaption', { tahun: String(a.tahun) }),
        headRow([
          t('sampah.prakarsa.tahap'),
          t('sampah.prakarsa.tanggal'),
          { label: t('sampah.prakarsa.jumlahRp'), num: true },
          t('sampah.prakarsa.catatan'),
        ]),
        a.pencairan.map(
          (c) =>
            html`<tr>
              <th scope="row">${formatNumber(c.tahap)}</th>
              <td>${formatDate(c.tanggal)}</td>
              <td class="num">${rp(c.jumlah)}</td>
              <td>
                ${c.membatalkanId ? html`<span class="tag">${t('sampah.prakarsa.pembatalan')}</span> ` : ''}
                ${c.catatan ?? ''}
                ${c.dibatalkan ? html` <span class="tag">${t('sampah.prakarsa.dibatalkan')}</span>` : ''}
                ${
                  v.boleh.kelola && !c.membatalkanId && !c.dibatalkan
                    ? html` <a href="${cityPath(req, `${base}/pencairan/${c.id}/batal`)}"
                        >${t('sampah.prakarsa.batalkan')}</a
                      >`
                    : ''
                }
              </td>
            </tr>`,
        ),
      )
    : html`<p>${t('sampah.prakarsa.belumDicairkan')}</p>`;
}

function belanjaTable(req: FastifyRequest, v: RwPrakarsaView, a: AlokasiView, base: string): SafeHtml {
  const t = req.t;
  return a.belanja.length
    ? tableWrap(
        `cap-belanja-${a.tahun}`,
        t('sampah.prakarsa.belanjaCaption', { tahun: String(a.tahun) }),
        headRow([
          t('sampah.prakarsa.tanggal'),
          t('sampah.prakarsa.kategori'),
          t('sampah.prakarsa.uraian'),
          { label: t('sampah.prakarsa.kuantitas'), num: true },
          { label: t('sampah.prakarsa.jumlahRp'), num: true },
        ]),
        a.belanja.map(
          (b) =>
            html`<tr>
              <td>${formatDate(b.tanggal)}</td>
              <td>${t(`sampah.prakarsa.kategori.${b.kategori}`)}</td>
              <th scope="row">
                ${b.membatalkanId ? html`<span class="tag">${t('sampah.prakarsa.pembatalan')}</span> ` : ''}
                ${b.uraian}${b.alasan ? html` — <q>${b.alasan}</q>` : ''}
                ${b.dibatalkan ? html` <span class="tag">${t('sampah.prakarsa.dibatalkan')}</span>` : ''}
                ${
                  v.boleh.lapor && !b.membatalkanId && !b.dibatalkan
                    ? html` <a href="${cityPath(req, `${base}/belanja/${b.id}/batal`)}"
                        >${t('sampah.prakarsa.batalkan')}</a
                      >`
                    : ''
                }
              </th>
              <td class="num">
                ${b.kuantitas === null ? '—' : `${formatNumber(b.kuantitas)} ${b.satuan ?? ''}`}
              </td>
              <td class="num">${rp(b.jumlah)}</td>
            </tr>`,
        ),
      )
    : html`<p>${t('sampah.prakarsa.belumBelanja')}</p>`;
}

function alokasiSection(
  req: FastifyRequest,
  v: RwPrakarsaView,
  a: AlokasiView,
  aktif: boolean,
  failed: Failed | undefined,
): SafeHtml {
  const t = req.t;
  const base = `/sampah/prakarsa/rw/${v.rw.id}`;
  const fc = failed?.form === `cair-${a.id}` ? failed : undefined;
  const fb = failed?.form === `belanja-${a.id}` ? failed : undefined;
  const vc = fc?.values ?? { tanggalCair: todayWib() };
  const vb = fb?.values ?? { tanggalBelanja: todayWib() };
  const ec = fc?.errors ?? {};
  const eb = fb?.errors ?? {};
  const bolehCair = v.boleh.kelola && a.sisaAlokasi > 0;
  const bolehBelanja = v.boleh.lapor && a.sisaDana > 0;
  return html`<section aria-labelledby="h-tahun-${a.tahun}">
    <h2 id="h-tahun-${a.tahun}">${t('sampah.prakarsa.tahunKe', { tahun: String(a.tahun) })}</h2>
    ${fakta([
      [
        t('sampah.prakarsa.alokasi'),
        html`<strong>${rp(a.jumlah)}</strong>
          (${a.kbs ? t('sampah.prakarsa.sebagaiKbs', { tingkat: a.tingkat?.nama ?? '—' }) : t('sampah.prakarsa.sebagaiLain')})`,
      ],
      (a.jumlah !== a.nominalAturan || a.alasan) && [
        t('sampah.prakarsa.nominalAturan'),
        html`${rp(a.nominalAturan)}${a.alasan ? html` — <q>${a.alasan}</q>` : ''}`,
      ],
      [t('sampah.prakarsa.dicairkan'), rp(a.dicairkan)],
      [t('sampah.prakarsa.dibelanjakan'), rp(a.dibelanjakan)],
      [t('sampah.prakarsa.sisaAlokasi'), rp(a.sisaAlokasi)],
      [t('sampah.prakarsa.sisaDana'), rp(a.sisaDana)],
    ])}
    ${pencairanTable(req, v, a, base)} ${belanjaTable(req, v, a, base)}
    ${
      aktif && bolehCair
        ? html`<h3 id="h-cair-${a.tahun}">${t('sampah.prakarsa.catatPencairan')}</h3>
            ${fc ? summary(t, ec) : ''}
            <form
              method="post"
              action="${cityPath(req, `${base}/alokasi/${a.id}/pencairan`)}"
              class="narrow"
              novalidate
            >
              ${csrfField(req)}
              ${field({ name: 'tanggalCair', label: t('sampah.prakarsa.tanggal'), type: 'date', value: vc.tanggalCair, error: ec.tanggalCair, required: true })}
              ${field({ name: 'jumlahCair', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.paling', { sisa: rp(a.sisaAlokasi) }), value: vc.jumlahCair, error: ec.jumlahCair, required: true, attrs: html`inputmode="numeric"` })}
              ${field({ name: 'tahap', label: t('sampah.prakarsa.tahap'), hint: t('sampah.prakarsa.tahapHint'), value: vc.tahap, error: ec.tahap, attrs: html`inputmode="numeric"` })}
              ${field({ name: 'catatan', label: t('sampah.prakarsa.catatan'), value: vc.catatan, error: ec.catatan })}
              <p>
                <button type="submit" class="button primary">${t('sampah.prakarsa.simpanPencairan')}</button>
              </p>
            </form>`
        : ''
    }
    ${
      aktif && bolehBelanja
        ? html`<h3 id="h-belanja-${a.tahun}">${t('sampah.prakarsa.laporBelanja')}</h3>
            ${fb ? summary(t, eb) : ''}
            <form
              method="post"
              action="${cityPath(req, `${base}/alokasi/${a.id}/belanja`)}"
              class="narrow"
              novalidate
            >
              ${csrfField(req)}
              ${field({ name: 'tanggalBelanja', label: t('sampah.prakarsa.tanggal'), type: 'date', value: vb.tanggalBelanja, error: eb.tanggalBelanja, required: true })}
              ${selectField({
                name: 'kategori',
                label: t('sampah.prakarsa.kategori'),
                error: eb.kategori,
                required: true,
                options: KATEGORI_BELANJA.map((k) =>
                  option(k, t(`sampah.prakarsa.kategori.${k}`), vb.kategori),
                ),
              })}
              ${field({ name: 'uraian', label: t('sampah.prakarsa.uraian'), hint: t('sampah.prakarsa.uraianHint'), value: vb.uraian, error: eb.uraian, required: true })}
              ${field({ name: 'jumlahBelanja', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.paling', { sisa: rp(a.sisaDana) }), value: vb.jumlahBelanja, error: eb.jumlahBelanja, required: true, attrs: html`inputmode="numeric"` })}
              ${field({ name: 'kuantitas', label: t('sampah.prakarsa.kuantitas'), value: vb.kuantitas, error: eb.kuantitas, attrs: html`inputmode="decimal"` })}
              ${field({ name: 'satuan', label: t('sampah.prakarsa.satuan'), hint: t('sampah.prakarsa.satuanHint'), value: vb.satuan, error: eb.satuan })}
              <p>
                <button type="submit" class="button primary">${t('sampah.prakarsa.simpanBelanja')}</button>
              </p>
            </form>`
        : ''
    }
    ${
      !aktif && (bolehCair || bolehBelanja)
        ? html`<p>
            <a href="${cityPath(req, `${base}${queryString({ tahun: String(a.tahun) })}#h-tahun-${a.tahun}`)}"
              >${t('sampah.prakarsa.catatTahunIni', { tahun: String(a.tahun) })}</a
            >
          </p>`
        : ''
    }
  </section>`;
}

async function rwPage(
  req: FastifyRequest,
  reply: FastifyReply,
  rwId: string,
  o: { tahun?: number | undefined; alokasiId?: string; failed?: Failed; ok?: string | undefined },
): Promise<FastifyReply> {
  const t = req.t;
  const v = await cityTx(req, (trx) => getRwPrakarsa(trx, userOf(req), rwId));
  const nama = namaRw(t, v.rw);
  const aktif =
    v.alokasi.find((a) => a.id === o.alokasiId) ?? v.alokasi.find((a) => a.tahun === o.tahun) ?? v.alokasi[0];
  const f = o.failed;
  const ea = f?.form === 'alokasi' ? f.errors : {};
  const va: FormValues = f?.form === 'alokasi' ? f.values : { tahun: String(v.usulan[0]?.tahun ?? '') };
  return sendPage(req, reply, {
    title: `${t('sampah.prakarsa.title')} · ${nama}`,
    status: f?.status ?? 200,
    body: html`${breadcrumbs(t('sampah.prakarsa.breadcrumbs'), [
        { href: cityPath(req, '/sampah/prakarsa'), label: t('sampah.prakarsa.title') },
        { label: nama },
      ])}
      <h1>${t('sampah.prakarsa.title')}: ${nama}</h1>
      <p class="lead">
        ${t('sampah.prakarsa.statusSekarang')}: <strong>${statusLabel(t, v.status)}</strong> ·
        <a href="${cityPath(req, `/sampah/kbs/rw/${v.rw.id}`)}">${t('sampah.prakarsa.keKbs')}</a>
      </p>
      ${flash(o.ok ? t(`sampah.prakarsa.ok.${o.ok}`) : undefined)}
      ${fakta([
        [t('sampah.prakarsa.kecamatan'), v.rw.kecamatanNama],
        [t('sampah.prakarsa.totalDialokasikan'), rp(v.total.dialokasikan)],
        [t('sampah.prakarsa.totalDicairkan'), rp(v.total.dicairkan)],
        [t('sampah.prakarsa.totalDibelanjakan'), rp(v.total.dibelanjakan)],
      ])}
      ${
        v.boleh.kelola && v.usulan.length
          ? html`<section aria-labelledby="h-alokasi-baru">
              <h2 id="h-alokasi-baru">${t('sampah.prakarsa.alokasiBaru')}</h2>
              ${f?.form === 'alokasi' ? summary(t, ea) : ''}
              <ul>
                ${v.usulan.map(
                  (u) =>
                    html`<li>
                      ${t('sampah.prakarsa.usulan', {
                        tahun: String(u.tahun),
                        nominal: rp(u.nominal),
                        jenis: u.kbs ? t('sampah.prakarsa.jenisKbs') : t('sampah.prakarsa.jenisLain'),
                      })}
                    </li>`,
                )}
              </ul>
              <form
                method="post"
                action="${cityPath(req, `/sampah/prakarsa/rw/${v.rw.id}/alokasi`)}"
                class="narrow"
                novalidate
              >
                ${csrfField(req)}
                ${selectField({
                  name: 'tahun',
                  label: t('sampah.prakarsa.tahun'),
                  error: ea.tahun,
                  required: true,
                  options: v.usulan.map((u) => option(String(u.tahun), String(u.tahun), va.tahun)),
                })}
                ${field({ name: 'jumlahAlokasi', label: t('sampah.prakarsa.jumlahRp'), hint: t('sampah.prakarsa.jumlahAlokasiHint'), value: va.jumlahAlokasi, error: ea.jumlahAlokasi, attrs: html`inputmode="numeric"` })}
                ${textarea({ name: 'alasan', label: t('sampah.prakarsa.alasan'), hint: t('sampah.prakarsa.alasanAlokasiHint'), value: va.alasan, error: ea.alasan })}
                <p>
                  <button type="submit" class="button primary">${t('sampah.prakarsa.alokasikan')}</button>
                </p>
              </form>
            </section>`
          : ''
      }
      ${
        v.alokasi.length
          ? v.alokasi.map((a) => alokasiSection(req, v, a, a.id === aktif?.id, f))
          : html`<p>${t('sampah.prakarsa.belumAdaAlokasi')}</p>`
      }`,
  });
}

export function rwPrakarsaPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/prakarsa/rw/:rwId',
    { schema: { params: RwParams, querystring: RwQuery }, config: lihat },
    async (req, reply) => {
      const { rwId } = req.params;
      const q = req.query;
      return rwPage(req, reply, rwId, { tahun: q.tahun, ok: q.ok });
    },
  );

  prakarsaPost(app, {
    path: '/:city/sampah/prakarsa/rw/:rwId/alokasi',
    config: kelola,
    params: RwParams,
    body: AlokasiForm,
    form: 'alokasi',
    fields: ['tahun', 'jumlahAlokasi', 'alasan'],
    rename: { jumlah: 'jumlahAlokasi' },
    render: (req, reply, failed) => rwPage(req, reply, req.params.rwId, { failed }),
    save: async (req, b) => {
      const { rwId } = req.params;
      const a = await cityTx(req, (trx) =>
        createAlokasi(trx, userOf(req), {
          rwId,
          tahun: parseBulat(b.tahun) ?? Number.NaN,
          jumlah: parseRupiah(b.jumlahAlokasi) ?? null,
          alasan: b.alasan ?? null,
        }),
      );
      return rwKembali(req, rwId, a.tahun, 'alokasi');
    },
  });

  prakarsaPost(app, {
    path: '/:city/sampah/prakarsa/rw/:rwId/alokasi/:id/pencairan',
    config: kelola,
    params: EntriParams,
    body: CairForm,
    form: (req) => `cair-${req.params.id}`,
    fields: ['tanggalCair', 'jumlahCair', 'tahap', 'catatan'],
    rename: { tanggal: 'tanggalCair', jumlah: 'jumlahCair' },
    render: (req, reply, failed) => rwPage(req, reply, req.params.rwId, { alokasiId: req.params.id, failed }),
    save: async (req, b) => {
      const { rwId, id } = req.params;
      const input = {
        tanggal: b.tanggalCair ?? '',
        jumlah: parseRupiah(b.jumlahCair) ?? Number.NaN,
        tahap: parseBulat(b.tahap) ?? null,
        catatan: b.catatan ?? null,
      };
      const a = await cityTx(req, (trx) => createPencairan(trx, userOf(req), id, input, { rwId }));
      return rwKembali(req, rwId, a.tahun, 'pencairan');
    },
  });

  prakarsaPost(app, {
    path: '/:city/sampah/prakarsa/rw/:rwId/alokasi/:id/belanja',
    config: lapor,
    params: EntriParams,
    body: BelanjaForm,
    form: (req) => `belanja-${req.params.id}`,
    fields: ['tanggalBelanja', 'kategori', 'uraian', 'jumlahBelanja', 'kuantitas', 'satuan'],
    rename: { tanggal: 'tanggalBelanja', jumlah: 'jumlahBelanja' },
    render: (req, reply, failed) => rwPage(req, reply, req.params.rwId, { alokasiId: req.params.id, failed }),
    save: async (req, b) => {
      const { rwId, id } = req.params;
      const input = {
        tanggal: b.tanggalBelanja ?? '',
        kategori: b.kategori ?? '',
        uraian: b.uraian ?? '',
        jumlah: parseRupiah(b.jumlahBelanja) ?? Number.NaN,
        kuantitas: parseDesimal(b.kuantitas) ?? null,
        satuan: b.satuan ?? null,
      };
      const a = await cityTx(req, (trx) => createBelanja(trx, userOf(req), id, input, { rwId }));
      return rwKembali(req, rwId, a.tahun, 'belanja');
    },
  });
}
