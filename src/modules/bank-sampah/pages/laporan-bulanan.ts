/**
 * The monthly report of the banks in the user's area: month and level pickers, the summary, the
 * table, and its downloads (XLSX, CSV).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { filterForm, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { factList } from '../../../platform/web/screen.ts';
import { formatNumber, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import {
  TINGKAT,
  bulanIni,
  previousBulan,
  listKolomLaporan,
  formatLaporanCsv,
  formatLaporanXlsx,
  formatBulan,
  type Kolom,
  type Laporan,
  type TingkatLaporan,
} from '../laporan.ts';
import { CityParams, LaporanQuery, fileName, laporanAccess, laporanOf } from '../laporan-routes.ts';

function cell(k: Kolom, v: string | number | null): SafeHtml {
  if (typeof v !== 'number') return html`<td>${v ?? ''}</td>`;
  const text = k.jenis === 'rupiah' ? formatRupiah(v) : formatNumber(v);
  return html`<td class="num">${text}</td>`;
}

function bulanOptions(t: Translator, selected: string): SafeHtml[] {
  const months: string[] = [];
  for (let m = bulanIni(); months.length < 24; m = previousBulan(m)) months.push(m);
  if (!months.includes(selected)) months.push(selected);
  return months.map((m) => option(m, formatBulan(m, t), selected));
}

function laporanTable(req: FastifyRequest, l: Laporan): SafeHtml {
  const t = req.t;
  const kolom = listKolomLaporan(l, t, { semuaKategori: false });
  const head = html`<tr>
    ${kolom.map((k) => html`<th scope="col" ${k.jenis === 'teks' ? '' : html`class="num"`}>${k.label}</th>`)}
  </tr>`;
  const rows = l.baris.map(
    (b) =>
      html`<tr>
        ${kolom.map((k) =>
          k.key !== 'nama'
            ? cell(k, k.nilai(b))
            : b.bankId
              ? html`<th scope="row">
                  <a href="${cityPath(req, `/bank-sampah/${b.bankId}`)}">${b.nama}</a>
                </th>`
              : html`<th scope="row">${b.nama}</th>`,
        )}
      </tr>`,
  );
  rows.push(
    html`<tr class="total">
      ${kolom.map((k) =>
        k.key === 'nama'
          ? html`<th scope="row">${t('bankSampah.laporan.total')}</th>`
          : k.total
            ? cell(k, k.total(l))
            : html`<td></td>`,
      )}
    </tr>`,
  );
  return tableWrap(
    'cap-laporan',
    t('bankSampah.laporan.caption', {
      bulan: formatBulan(l.bulan, t),
      tingkat: t(`bankSampah.laporan.tingkat.${l.tingkat}`),
    }),
    head,
    rows,
  );
}

function laporanPage(req: FastifyRequest, reply: FastifyReply, l: Laporan): FastifyReply {
  const t = req.t;
  const q = { bulan: l.bulan, tingkat: l.tingkat };
  const self = cityPath(req, '/bank-sampah/laporan');
  const tot = l.total;
  return sendPage(req, reply, {
    title: t('bankSampah.laporan.title'),
    body: html`<h1>${t('bankSampah.laporan.title')}</h1>
      <p class="lead">${t('bankSampah.laporan.intro')}</p>
      ${filterForm(
        { action: self, label: t('bankSampah.laporan.saring') },
        html`${selectField({ name: 'bulan', label: t('bankSampah.laporan.pilihBulan'), options: bulanOptions(t, l.bulan) })}
          ${selectField({
            name: 'tingkat',
            label: t('bankSampah.laporan.pilihTingkat'),
            options: TINGKAT.map((x: TingkatLaporan) =>
              option(x, t(`bankSampah.laporan.tingkat.${x}`), l.tingkat),
            ),
          })}
          <p><button type="submit" class="button primary">${t('bankSampah.laporan.tampilkan')}</button></p>`,
      )}
      ${
        tot.jumlahBank === 0
          ? html`<p>${t('bankSampah.laporan.kosong')}</p>`
          : html`<section aria-labelledby="h-ringkasan">
                <h2 id="h-ringkasan">
                  ${t('bankSampah.laporan.ringkasan', { bulan: formatBulan(l.bulan, t) })}
                </h2>
                ${factList(
                  (
                    [
                      ['kgPulih', formatNumber(tot.kgPulih)],
                      ['setoran', formatNumber(tot.setoran)],
                      ['nasabahAktif', formatNumber(tot.nasabahAktif)],
                      ['dikreditkan', formatRupiah(tot.dikreditkan)],
                      ['dibayarkan', formatRupiah(tot.dibayarkan)],
                      ['terjualKg', formatNumber(tot.terjualKg)],
                      ['terjualRupiah', formatRupiah(tot.terjualRupiah)],
                    ] as const
                  ).map(([kol, nilai]) => [t(`bankSampah.laporan.kol.${kol}`), nilai] as const),
                )}
                <p class="meta">
                  ${t('bankSampah.laporan.unduh')}:
                  <a href="${self}.xlsx${queryString(q)}" download>${t('bankSampah.laporan.unduhXlsx')}</a> ·
                  <a href="${self}.csv${queryString(q)}" download>${t('bankSampah.laporan.unduhCsv')}</a>
                </p>
              </section>
              ${laporanTable(req, l)}
              <p class="hint">${t('bankSampah.laporan.aturan')}</p>`
      }`,
  });
}

export function laporanBulananPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/laporan',
    { schema: { params: CityParams, querystring: LaporanQuery }, config: laporanAccess },
    async (req, reply) => laporanPage(req, reply, await laporanOf(req, req.query)),
  );

  /** The report as a file to download (an attachment, never cached). */
  function download(
    ext: 'xlsx' | 'csv',
    type: string,
    file: (l: Laporan, req: FastifyRequest) => Promise<Buffer> | string,
  ): void {
    app.get(
      `/:city/bank-sampah/laporan.${ext}`,
      { schema: { params: CityParams, querystring: LaporanQuery }, config: laporanAccess },
      async (req, reply) => {
        const q = req.query;
        const body = await file(await laporanOf(req, q), req);
        return reply
          .type(type)
          .header('content-disposition', `attachment; filename="${fileName(req, q, ext)}"`)
          .header('cache-control', 'private, no-store')
          .send(body);
      },
    );
  }
  download('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', (l, req) =>
    formatLaporanXlsx(l, req.t),
  );
  download('csv', 'text/csv; charset=utf-8', (l, req) => formatLaporanCsv(l, req.t, req.locale));
}
