/** Prakarsa RW of a year: its settings (and allocating to every RW), totals per kecamatan, and the RWs with their allocation. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../../platform/module.ts';
import { cityTx, userOf } from '../../../../platform/http/context.ts';
import { HttpProblem } from '../../../../platform/http/problem.ts';
import { CityParams } from '../../../../platform/http/schemas.ts';
import { cityPath, csrfField, field, flash, sendPage } from '../../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../../platform/web/html.ts';
import { headRow, numberOptions, showBar } from '../../../../platform/web/screen.ts';
import {
  option,
  pagination,
  queryString,
  selectField,
  tableWrap,
  type FormValues,
} from '../../../../platform/web/components.ts';
import { formatNumber, type Translator } from '../../../../platform/i18n/index.ts';
import { can } from '../../../../platform/auth/roles.ts';
import { thisYearWib } from '../../../../platform/waktu.ts';
import { listTingkat } from '../../kbs/indikator-service.ts';
import { summary } from '../../kbs/pages/kbs-parts.ts';
import { createAlokasiSemua } from '../alokasi-service.ts';
import { savePengaturan } from '../pengaturan-service.ts';
import {
  getRekapTahun,
  listRwPrakarsa,
  type RekapBaris,
  type RekapTahun,
  type RwBaris,
} from '../rekap-service.ts';
import { PRAKARSA_KELOLA } from '../permissions-prakarsa.ts';
import {
  OverviewQuery,
  PengaturanForm,
  SemuaForm,
  kelola,
  lihat,
  listTahunPilihan,
  namaRw,
  parseBulat,
  parseRupiah,
  prakarsaPost,
  rp,
  statusLabel,
  parseTahun,
  type Failed,
  fakta,
} from './prakarsa-parts.ts';

function rekapSection(t: Translator, rekap: RekapTahun, tahun: number): SafeHtml {
  const angka = (r: Omit<RekapBaris, 'kode' | 'nama'>) =>
    html`<td class="num">${formatNumber(r.jumlahRw)}</td>
      <td class="num">${formatNumber(r.rwTeralokasi)}</td>
      <td class="num">${formatNumber(r.rwKbs)}</td>
      <td class="num">${rp(r.dialokasikan)}</td>
      <td class="num">${rp(r.dicairkan)}</td>
      <td class="num">${rp(r.dibelanjakan)}</td>`;
  return html`<section aria-labelledby="cap-rekap">
    <h2>${t('sampah.prakarsa.rekap')}</h2>
    ${tableWrap(
      'cap-rekap',
      t('sampah.prakarsa.rekapCaption', { tahun: String(tahun) }),
      headRow([
        t('sampah.prakarsa.kecamatan'),
        { label: t('sampah.prakarsa.jumlahRw'), num: true },
        { label: t('sampah.prakarsa.rwTeralokasi'), num: true },
        { label: t('sampah.prakarsa.rwBerstatusKbs'), num: true },
        { label: t('sampah.prakarsa.dialokasikan'), num: true },
        { label: t('sampah.prakarsa.dicairkan'), num: true },
        { label: t('sampah.prakarsa.dibelanjakan'), num: true },
      ]),
      [
        ...rekap.kecamatan.map(
          (k) =>
            html`<tr>
              <th scope="row">${k.nama}</th>
              ${angka(k)}
            </tr>`,
        ),
        html`<tr class="total">
          <th scope="row">${t('sampah.prakarsa.jumlah')}</th>
          ${angka(rekap.total)}
        </tr>`,
      ],
    )}
  </section>`;
}

function rwSection(
  req: FastifyRequest,
  rws: { items: RwBaris[]; total: number },
  o: { tahun: number; page: number; pages: number; self: string },
): SafeHtml {
  const t = req.t;
  const { pages, self } = o;
  return html`<section aria-labelledby="cap-rw">
    <h2>${t('sampah.prakarsa.daftarRw')}</h2>
    ${tableWrap(
      'cap-rw',
      t('sampah.prakarsa.daftarRwCaption', {
        tahun: String(o.tahun),
        total: rws.total,
        page: o.page,
        pages,
      }),
      headRow([
        t('sampah.prakarsa.rw'),
        t('sampah.prakarsa.kecamatan'),
        t('sampah.prakarsa.statusKbs'),
        { label: t('sampah.prakarsa.alokasi'), num: true },
        { label: t('sampah.prakarsa.dicairkan'), num: true },
        { label: t('sampah.prakarsa.dibelanjakan'), num: true },
      ]),
      rws.items.map(
        (r) =>
          html`<tr>
            <th scope="row">
              <a
                href="${cityPath(req, `/sampah/prakarsa/rw/${r.id}${queryString({ tahun: String(o.tahun) })}`)}"
                >${namaRw(t, r)}</a
              >
            </th>
            <td>${r.kecamatanNama}</td>
            <td>${statusLabel(t, r.status)}</td>
            <td class="num">${r.alokasi ? rp(r.alokasi.jumlah) : '—'}</td>
            <td class="num">${r.alokasi ? rp(r.alokasi.dicairkan) : '—'}</td>
            <td class="num">${r.alokasi ? rp(r.alokasi.dibelanjakan) : '—'}</td>
          </tr>`,
      ),
    )}
    ${pagination(t, t('sampah.prakarsa.halaman'), o.page, pages, (pg) => `${self}${queryString({ tahun: String(o.tahun), page: pg })}`)}
  </section>`;
}

async function overviewPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { tahun: number; page: number; failed?: Failed; ok?: string | undefined; dibuat?: number | undefined },
): Promise<FastifyReply> {
  const t = req.t;
  const user = userOf(req);
  const perPage = 50;
  const { rekap, rws, tingkat } = await cityTx(req, async (trx) => ({
    rekap: await getRekapTahun(trx, user, o.tahun),
    rws: await listRwPrakarsa(trx, user, { tahun: o.tahun, page: o.page, perPage }),
    tingkat: await listTingkat(trx),
  }));
  const pages = Math.max(1, Math.ceil(rws.total / perPage));
  const boleh = can(user, PRAKARSA_KELOLA, user.tenantId);
  const self = cityPath(req, '/sampah/prakarsa');
  const p = rekap.pengaturan;
  const f = o.failed;
  const ePengaturan = f?.form === 'pengaturan' ? f.errors : {};
  const vPengaturan: FormValues =
    f?.form === 'pengaturan'
      ? f.values
      : {
          tahun: String(o.tahun),
          nominalKbs: p ? String(p.nominalKbs) : '',
          nominalLain: p ? String(p.nominalLain) : '',
          kbsMinUrutan: p?.kbsMinUrutan ? String(p.kbsMinUrutan) : '',
        };
  const terendah = tingkat[0];
  const minTingkat = p?.kbsMinUrutan ? tingkat.find((l) => l.urutan === p.kbsMinUrutan) : terendah;
  const kbsAturan = minTingkat
    ? t('sampah.prakarsa.aturanKbs', { tingkat: minTingkat.nama })
    : t('sampah.prakarsa.aturanTanpaTingkat');
  const belum = rekap.total.jumlahRw - rekap.total.rwTeralokasi;
  const okText =
    o.ok === 'semua'
      ? t('sampah.prakarsa.ok.semua', { n: formatNumber(o.dibuat ?? 0) })
      : o.ok === 'pengaturan'
        ? t('sampah.prakarsa.ok.pengaturan')
        : undefined;
  return sendPage(req, reply, {
    title: t('sampah.prakarsa.title'),
    status: f?.status ?? 200,
    body: html`<h1>${t('sampah.prakarsa.title')}</h1>
      <p class="lead">${t('sampah.prakarsa.intro')}</p>
      ${flash(okText)}
      ${showBar(
        { action: self, label: t('sampah.prakarsa.pilihTahun'), button: t('sampah.prakarsa.tampilkan') },
        selectField({
          name: 'tahun',
          label: t('sampah.prakarsa.tahun'),
          options: numberOptions(listTahunPilihan(o.tahun), o.tahun),
        }),
      )}
      <section aria-labelledby="h-pengaturan">
        <h2 id="h-pengaturan">${t('sampah.prakarsa.pengaturan', { tahun: String(o.tahun) })}</h2>
        ${
          p
            ? fakta([
                [t('sampah.prakarsa.nominalKbs'), rp(p.nominalKbs)],
                [t('sampah.prakarsa.nominalLain'), rp(p.nominalLain)],
                [t('sampah.prakarsa.rwKbs'), kbsAturan],
              ])
            : html`<p>${t('sampah.prakarsa.belumDiatur', { tahun: String(o.tahun) })}</p>`
        }
        ${
          boleh
            ? html`<details ${f?.form === 'pengaturan' || !p ? html`open` : ''}>
                <summary>${t('sampah.prakarsa.ubahPengaturan')}</summary>
                ${f?.form === 'pengaturan' ? summary(t, ePengaturan) : ''}
                <form method="post" action="${self}/pengaturan" class="narrow" novalidate>
                  ${csrfField(req)}
                  ${field({ name: 'tahun', label: t('sampah.prakarsa.tahun'), value: vPengaturan.tahun, error: ePengaturan.tahun, required: true, attrs: html`inputmode="numeric"` })}
                  ${field({ name: 'nominalKbs', label: t('sampah.prakarsa.nominalKbs'), hint: t('sampah.prakarsa.rupiahHint'), value: vPengaturan.nominalKbs, error: ePengaturan.nominalKbs, required: true, attrs: html`inputmode="numeric"` })}
                  ${field({ name: 'nominalLain', label: t('sampah.prakarsa.nominalLain'), hint: t('sampah.prakarsa.rupiahHint'), value: vPengaturan.nominalLain, error: ePengaturan.nominalLain, required: true, attrs: html`inputmode="numeric"` })}
                  ${selectField({
                    name: 'kbsMinUrutan',
                    label: t('sampah.prakarsa.rwKbs'),
                    hint: t('sampah.prakarsa.kbsMinHint'),
                    error: ePengaturan.kbsMinUrutan,
                    options: [
                      option(
                        '',
                        t('sampah.prakarsa.semuaTingkat', { tingkat: terendah?.nama ?? '—' }),
                        vPengaturan.kbsMinUrutan ?? '',
                      ),
                      ...tingkat.map((l) =>
                        option(
                          String(l.urutan),
                          t('sampah.prakarsa.tingkatKeAtas', { tingkat: l.nama }),
                          vPengaturan.kbsMinUrutan,
                        ),
                      ),
                    ],
                  })}
                  <p><button type="submit" class="button">${t('sampah.prakarsa.simpan')}</button></p>
                </form>
              </details>`
            : ''
        }
        ${
          boleh && p
            ? html`<h3>${t('sampah.prakarsa.alokasiSemua')}</h3>
                ${f?.form === 'semua' ? summary(t, f.errors) : ''}
                <p>
                  ${t('sampah.prakarsa.alokasiSemuaIntro', { n: formatNumber(belum), tahun: String(o.tahun) })}
                </p>
                <form method="post" action="${self}/alokasi-semua">
                  ${csrfField(req)}
                  <input type="hidden" name="tahun" value="${o.tahun}" />
                  <p>
                    <button type="submit" class="button primary" ${belum === 0 ? html`disabled` : ''}>
                      ${t('sampah.prakarsa.alokasiSemuaTombol', { tahun: String(o.tahun) })}
                    </button>
                  </p>
                </form>`
            : ''
        }
      </section>
      ${rekapSection(t, rekap, o.tahun)} ${rwSection(req, rws, { tahun: o.tahun, page: o.page, pages, self })}`,
  });
}

export function prakarsaOverviewPage(app: BalaiApp): void {
  app.get(
    '/:city/sampah/prakarsa',
    { schema: { params: CityParams, querystring: OverviewQuery }, config: lihat },
    async (req, reply) => {
      const q = req.query;
      return overviewPage(req, reply, {
        tahun: q.tahun ?? thisYearWib(),
        page: q.page ?? 1,
        ok: q.ok,
        dibuat: q.dibuat,
      });
    },
  );

  // A failed form shows the overview of the year it was sent for (or this year).
  const render = (req: FastifyRequest<{ Body: { tahun?: string } }>, reply: FastifyReply, failed: Failed) =>
    overviewPage(req, reply, { tahun: parseTahun(req.body?.tahun, thisYearWib()), page: 1, failed });
  prakarsaPost(app, {
    path: '/:city/sampah/prakarsa/pengaturan',
    config: kelola,
    params: CityParams,
    body: PengaturanForm,
    form: 'pengaturan',
    fields: ['tahun', 'nominalKbs', 'nominalLain', 'kbsMinUrutan'],
    render,
    save: async (req, b) => {
      const tahun = parseBulat(b.tahun) ?? Number.NaN;
      if (!(tahun >= 2000 && tahun <= 2100))
        throw new HttpProblem(400, 'sampah.prakarsa.err.pengaturan', {
          errors: [{ pointer: '/body/tahun', detail: 'sampah.prakarsa.err.tahun' }],
        });
      await cityTx(req, (trx) =>
        savePengaturan(trx, userOf(req), tahun, {
          nominalKbs: parseRupiah(b.nominalKbs) ?? Number.NaN,
          nominalLain: parseRupiah(b.nominalLain) ?? Number.NaN,
          kbsMinUrutan: parseBulat(b.kbsMinUrutan) ?? null,
        }),
      );
      return cityPath(req, `/sampah/prakarsa${queryString({ tahun, ok: 'pengaturan' })}`);
    },
  });

  prakarsaPost(app, {
    path: '/:city/sampah/prakarsa/alokasi-semua',
    config: kelola,
    params: CityParams,
    body: SemuaForm,
    form: 'semua',
    fields: ['tahun'],
    render,
    save: async (req, b) => {
      const tahun = parseBulat(b.tahun) ?? Number.NaN;
      const out = await cityTx(req, (trx) => createAlokasiSemua(trx, userOf(req), tahun));
      return cityPath(req, `/sampah/prakarsa${queryString({ tahun, ok: 'semua', dibuat: out.dibuat })}`);
    },
  });
}
