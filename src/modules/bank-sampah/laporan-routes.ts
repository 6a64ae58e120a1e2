/**
 * Reports and the ledger check: the JSON API (monthly report, ledger check), the report page with
 * its month and level pickers and its spreadsheet downloads (XLSX, CSV), and the admin page that
 * runs the ledger check.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { forbidden } from '../../platform/http/problem.ts';
import { CitySlug, errorResponses } from '../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../platform/web/html.ts';
import { option, queryString, selectField, tableWrap } from '../../platform/web/components.ts';
import { formatDateTime, formatNumber, formatRupiah, type Translator } from '../../platform/i18n/index.ts';
import type { CurrentUser } from '../../platform/auth/roles.ts';
import { visibleBankAreas } from './access.ts';
import { LAPORAN, VERIFIKASI } from './permissions.ts';
import {
  TINGKAT,
  bulanIni,
  bulanSebelum,
  kolomLaporan,
  laporanBulanan,
  laporanCsv,
  laporanXlsx,
  namaBulan,
  type Kolom,
  type Laporan,
  type TingkatLaporan,
} from './laporan.ts';
import { KODE_PELANGGARAN, verifikasiBukuBesar, type HasilVerifikasi } from './verifikasi.ts';

const TAGS = ['bank-sampah'];
const laporanAccess = { access: { permission: LAPORAN } } as const;
const verifikasiAccess = { access: { permission: VERIFIKASI } } as const;

const Bulan = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$',
  description: 'YYYY-MM (WIB); default: this month',
});
const Tingkat = Type.Union(
  TINGKAT.map((x) => Type.Literal(x)),
  { description: 'Rows per bank (default), kelurahan, kecamatan, or one row for the city' },
);
const CityParams = Type.Object({ city: CitySlug }, { additionalProperties: false });
export const LaporanQuery = Type.Object(
  { bulan: Type.Optional(Bulan), tingkat: Type.Optional(Tingkat) },
  { additionalProperties: false },
);

const AngkaProps = {
  kgPulih: Type.Number({ description: 'kg recovered from members, net of reversals' }),
  kgPerKategori: Type.Record(Type.String(), Type.Number(), { description: 'kg per national category' }),
  setoran: Type.Integer({ description: 'Member deposits of the month that stand' }),
  nasabahAktif: Type.Integer({ description: 'Members with at least one such deposit' }),
  dikreditkan: Type.Integer({ description: 'Rupiah credited to members’ savings' }),
  bagiHasil: Type.Integer({ description: 'Rupiah kept by the banks as fee' }),
  dibayarkan: Type.Integer({ description: 'Rupiah paid out (withdrawals net of reversed ones)' }),
  dariUnitKg: Type.Number({ description: 'kg an induk received from its units’ sales' }),
  dariUnitRupiah: Type.Integer(),
  terjualKg: Type.Number({ description: 'kg sold (to an induk or a collector)' }),
  terjualRupiah: Type.Integer(),
  terjualKeIndukKg: Type.Number(),
  terjualKeIndukRupiah: Type.Integer(),
};
const NullableString = Type.Union([Type.String(), Type.Null()]);
const LaporanOut = Type.Object({
  bulan: Type.String(),
  tingkat: Tingkat,
  kota: Type.Object({ kode: Type.String(), nama: Type.String() }),
  kategori: Type.Array(Type.Object({ kode: Type.String(), nama: Type.String() })),
  baris: Type.Array(
    Type.Object({
      kode: Type.String(),
      nama: Type.String(),
      bankId: Type.Optional(Type.String()),
      tingkatBank: Type.Optional(Type.Union([Type.Literal('unit'), Type.Literal('induk')])),
      kelurahan: Type.Optional(NullableString),
      kecamatan: Type.Optional(NullableString),
      jumlahBank: Type.Integer(),
      angka: Type.Object(AngkaProps),
    }),
  ),
  total: Type.Object({ ...AngkaProps, jumlahBank: Type.Integer() }),
});
const VerifikasiOut = Type.Object({
  ok: Type.Boolean(),
  checkedEntries: Type.Integer(),
  banks: Type.Integer(),
  violations: Type.Array(
    Type.Object({
      kode: Type.String({ enum: [...KODE_PELANGGARAN] }),
      pesan: Type.String(),
      bankId: Type.Optional(Type.String()),
      bankKode: Type.Optional(Type.String()),
      jurnalId: Type.Optional(Type.String()),
      nomor: Type.Optional(Type.Integer()),
      akun: Type.Optional(Type.String()),
    }),
  ),
  terpotong: Type.Array(Type.String()),
  waktu: Type.String(),
});

type Query = Static<typeof LaporanQuery>;

function laporanOf(req: FastifyRequest, q: Query): Promise<Laporan> {
  const city = cityOf(req);
  const user = userOf(req);
  return cityTx(req, (trx) =>
    laporanBulanan(
      trx,
      city,
      user,
      { bulan: q.bulan ?? bulanIni(), tingkat: q.tingkat ?? 'bank' },
      req.t,
      req.locale,
    ),
  );
}

/** The ledger check covers the whole city: only for users whose right covers the city. */
function checkCityWide(user: CurrentUser): void {
  if (visibleBankAreas(user, VERIFIKASI) !== null) throw forbidden();
}

function runVerifikasi(req: FastifyRequest): Promise<HasilVerifikasi> {
  checkCityWide(userOf(req));
  return cityTx(req, (trx) => verifikasiBukuBesar(trx, req.t));
}

function fileName(req: FastifyRequest, q: Query, ext: string): string {
  return `laporan-bank-sampah-${cityOf(req).slug}-${q.bulan ?? bulanIni()}-${q.tingkat ?? 'bank'}.${ext}`;
}

export function laporanApiRoutes(app: FastifyInstance, _ctx: ModuleContext): void {
  const base = '/api/v1/cities/:city/bank-sampah';

  app.get(
    `${base}/laporan`,
    {
      schema: {
        tags: TAGS,
        summary: 'Monthly report of the waste banks in the user’s area',
        description:
          'Per bank, kelurahan, kecamatan or for the city: kg recovered per category, deposits, active members, rupiah credited and paid out, sales. Reversals count on their own day (negated); an induk’s deposits from its units’ sales are reported apart (dariUnit…), never in kgPulih.',
        params: CityParams,
        querystring: LaporanQuery,
        response: { 200: LaporanOut, ...errorResponses },
      },
      config: laporanAccess,
    },
    (req) => laporanOf(req, req.query as Query),
  );

  app.get(
    `${base}/verifikasi`,
    {
      schema: {
        tags: TAGS,
        summary: 'Check the whole ledger of the city',
        description:
          'Balanced entries, no negative balance or stock, exact reversals, sales to an induk recorded at both banks, idempotency keys and approved withdrawal requests pointing to their entries. Lists every violation (at most 200 of each kind).',
        params: CityParams,
        response: { 200: VerifikasiOut, ...errorResponses },
      },
      config: verifikasiAccess,
    },
    (req) => runVerifikasi(req),
  );
}

// ---- Pages ----

function cell(k: Kolom, v: string | number | null): SafeHtml {
  if (typeof v !== 'number') return html`<td>${v ?? ''}</td>`;
  const text = k.jenis === 'rupiah' ? formatRupiah(v) : formatNumber(v);
  return html`<td class="num">${text}</td>`;
}

function bulanOptions(t: Translator, selected: string): SafeHtml[] {
  const months: string[] = [];
  for (let m = bulanIni(); months.length < 24; m = bulanSebelum(m)) months.push(m);
  if (!months.includes(selected)) months.push(selected);
  return months.map((m) => option(m, namaBulan(m, t), selected));
}

function laporanTable(req: FastifyRequest, l: Laporan): SafeHtml {
  const t = req.t;
  const kolom = kolomLaporan(l, t, { semuaKategori: false });
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
      bulan: namaBulan(l.bulan, t),
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
      <form
        class="filters"
        method="get"
        action="${self}"
        role="search"
        aria-label="${t('bankSampah.laporan.saring')}"
      >
        ${selectField({ name: 'bulan', label: t('bankSampah.laporan.pilihBulan'), options: bulanOptions(t, l.bulan) })}
        ${selectField({
          name: 'tingkat',
          label: t('bankSampah.laporan.pilihTingkat'),
          options: TINGKAT.map((x: TingkatLaporan) =>
            option(x, t(`bankSampah.laporan.tingkat.${x}`), l.tingkat),
          ),
        })}
        <p><button type="submit" class="button primary">${t('bankSampah.laporan.tampilkan')}</button></p>
      </form>
      ${
        tot.jumlahBank === 0
          ? html`<p>${t('bankSampah.laporan.kosong')}</p>`
          : html`<section aria-labelledby="h-ringkasan">
                <h2 id="h-ringkasan">
                  ${t('bankSampah.laporan.ringkasan', { bulan: namaBulan(l.bulan, t) })}
                </h2>
                <dl class="facts">
                  <dt>${t('bankSampah.laporan.kol.kgPulih')}</dt>
                  <dd>${formatNumber(tot.kgPulih)}</dd>
                  <dt>${t('bankSampah.laporan.kol.setoran')}</dt>
                  <dd>${formatNumber(tot.setoran)}</dd>
                  <dt>${t('bankSampah.laporan.kol.nasabahAktif')}</dt>
                  <dd>${formatNumber(tot.nasabahAktif)}</dd>
                  <dt>${t('bankSampah.laporan.kol.dikreditkan')}</dt>
                  <dd>${formatRupiah(tot.dikreditkan)}</dd>
                  <dt>${t('bankSampah.laporan.kol.dibayarkan')}</dt>
                  <dd>${formatRupiah(tot.dibayarkan)}</dd>
                  <dt>${t('bankSampah.laporan.kol.terjualKg')}</dt>
                  <dd>${formatNumber(tot.terjualKg)}</dd>
                  <dt>${t('bankSampah.laporan.kol.terjualRupiah')}</dt>
                  <dd>${formatRupiah(tot.terjualRupiah)}</dd>
                </dl>
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

function verifikasiPage(req: FastifyRequest, reply: FastifyReply, r: HasilVerifikasi): FastifyReply {
  const t = req.t;
  const self = cityPath(req, '/bank-sampah/verifikasi');
  return sendPage(req, reply, {
    title: t('bankSampah.verifikasi.title'),
    body: html`<h1>${t('bankSampah.verifikasi.title')}</h1>
      <p class="lead">${t('bankSampah.verifikasi.intro')}</p>
      ${
        r.ok
          ? html`<div class="alert alert-success" role="status">${t('bankSampah.verifikasi.ok')}</div>`
          : html`<div class="alert alert-error" role="alert">
              ${t('bankSampah.verifikasi.gagal', { n: r.violations.length })}
            </div>`
      }
      <p class="meta">
        ${t('bankSampah.verifikasi.ringkasan', {
          entri: r.checkedEntries,
          bank: r.banks,
          waktu: formatDateTime(r.waktu),
        })}
        · <a href="${self}">${t('bankSampah.verifikasi.ulang')}</a>
      </p>
      ${
        r.terpotong.length
          ? html`<p>${t('bankSampah.verifikasi.terpotong', { n: 200, kode: r.terpotong.join(', ') })}</p>`
          : ''
      }
      ${
        r.violations.length
          ? tableWrap(
              'cap-verifikasi',
              t('bankSampah.verifikasi.caption'),
              html`<tr>
                <th scope="col">${t('bankSampah.verifikasi.kol.kode')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.pesan')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.bank')}</th>
                <th scope="col" class="num">${t('bankSampah.verifikasi.kol.nomor')}</th>
                <th scope="col">${t('bankSampah.verifikasi.kol.akun')}</th>
              </tr>`,
              r.violations.map(
                (v) =>
                  html`<tr>
                    <th scope="row"><code>${v.kode}</code></th>
                    <td>${v.pesan}</td>
                    <td>
                      ${
                        v.bankId
                          ? html`<a href="${cityPath(req, `/bank-sampah/${v.bankId}`)}"
                              >${v.bankKode ?? v.bankId}</a
                            >`
                          : '—'
                      }
                    </td>
                    <td class="num">
                      ${
                        v.jurnalId && v.bankId && v.nomor !== undefined
                          ? html`<a href="${cityPath(req, `/bank-sampah/${v.bankId}/jurnal/${v.jurnalId}`)}"
                              >${formatNumber(v.nomor)}</a
                            >`
                          : v.nomor !== undefined
                            ? formatNumber(v.nomor)
                            : '—'
                      }
                    </td>
                    <td><code>${v.akun ?? '—'}</code></td>
                  </tr>`,
              ),
            )
          : ''
      }`,
  });
}

export function laporanPages(app: FastifyInstance, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/laporan',
    { schema: { params: CityParams, querystring: LaporanQuery }, config: laporanAccess },
    async (req, reply) => laporanPage(req, reply, await laporanOf(req, req.query as Query)),
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
        const q = req.query as Query;
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
    laporanXlsx(l, req.t),
  );
  download('csv', 'text/csv; charset=utf-8', (l, req) => laporanCsv(l, req.t, req.locale));

  app.get(
    '/:city/bank-sampah/verifikasi',
    { schema: { params: CityParams }, config: verifikasiAccess },
    async (req, reply) => verifikasiPage(req, reply, await runVerifikasi(req)),
  );
}
