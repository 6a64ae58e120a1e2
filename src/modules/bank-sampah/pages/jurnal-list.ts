/**
 * The journal of a bank: every entry, newest first, filtered by kind and WIB dates.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { sendPage } from '../../../platform/web/layout.ts';
import { type SafeHtml, html } from '../../../platform/web/html.ts';
import { filterForm, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { headRow, pagedList } from '../../../platform/web/screen.ts';
import { type BankRow, bankFor } from '../access.ts';
import { type OperasiView, listOperasi } from '../ledger-read.ts';
import {
  BankParams,
  Tanggal,
  bankPath,
  crumbs,
  filterTanggal,
  jenisLabel,
  judulStruk,
  obj,
  orderRange,
  rp,
  user,
  waktu,
} from './transaksi-parts.ts';

/** The journal's filters: kind, WIB dates, page. */
const JurnalQuery = obj({
  jenis: Type.Optional(
    Type.Union([
      Type.Literal(''),
      Type.Literal('setoran'),
      Type.Literal('penarikan'),
      Type.Literal('penjualan'),
      Type.Literal('pembatalan'),
    ]),
  ),
  dari: Type.Optional(Tanggal),
  sampai: Type.Optional(Tanggal),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});
/** Rows of a journal table: number (a link to the receipt), time, kind, party, amount. */
function jurnalRows(req: FastifyRequest, bank: BankRow, items: OperasiView[]): SafeHtml[] {
  const t = req.t;
  return items.map(
    (v) =>
      html`<tr>
        <th scope="row"><a href="${bankPath(req, bank.id, `/jurnal/${v.id}`)}">${String(v.nomor)}</a></th>
        <td>${waktu(t, v.waktu)}</td>
        <td>
          ${v.jenis === 'pembatalan' ? judulStruk(t, v).replace(/ No\. .*$/, '') : jenisLabel(t, v.jenis)}
          ${v.dibatalkan ? html`<br /><span class="tag bs-tag-batal">${t('bankSampah.op.jurnal.dibatalkan')}</span>` : ''}
          ${v.membatalkan ? html`<br /><span class="meta">${t('bankSampah.op.struk.nomor', { nomor: String(v.membatalkan.nomor) })}</span>` : ''}
        </td>
        <td>${v.nasabah ? `${v.nasabah.nama} (${v.nasabah.nomor})` : (v.pembeli?.nama ?? '—')}</td>
        <td class="num">${rp(v.total)}</td>
      </tr>`,
  );
}

/** A table of journal entries (the journal, the latest on the bank's home). */
export function jurnalTable(
  req: FastifyRequest,
  bank: BankRow,
  id: string,
  caption: string,
  items: OperasiView[],
): SafeHtml {
  const t = req.t;
  return tableWrap(
    id,
    caption,
    headRow([
      t('bankSampah.op.jurnal.nomor'),
      t('bankSampah.op.jurnal.waktu'),
      t('bankSampah.op.jurnal.jenis'),
      t('bankSampah.op.jurnal.pihak'),
      { label: t('bankSampah.op.jurnal.jumlah'), num: true },
    ]),
    jurnalRows(req, bank, items),
  );
}

/** The bank's journal, newest first, with filters. */
export function jurnalListPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/jurnal',
    { schema: { params: BankParams, querystring: JurnalQuery }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId } = req.params;
      const q = req.query;
      const jenis = q.jenis || undefined;
      const range = orderRange(q);
      const page = q.page ?? 1;
      const perPage = 25;
      const d = await cityTx(req, async (trx) => {
        const { bank } = await bankFor(trx, userOf(req), bankId, 'lihat');
        return { bank, list: await listOperasi(trx, bank, { jenis, ...range, page, perPage }, req.locale) };
      });
      const pages = Math.max(1, Math.ceil(d.list.total / perPage));
      const filters = { jenis, ...range };
      return sendPage(req, reply, {
        title: t('bankSampah.op.jurnal.title'),
        body: html`${crumbs(req, d.bank, [{ label: t('bankSampah.op.jurnal.title') }])}
          <h1>${t('bankSampah.op.jurnal.title')}</h1>
          ${filterForm(
            { action: bankPath(req, bankId, '/jurnal'), label: t('bankSampah.op.jurnal.saring') },
            html`${selectField({
              name: 'jenis',
              label: t('bankSampah.op.jurnal.jenis'),
              options: html`${option('', t('bankSampah.op.jurnal.semuaJenis'), jenis ?? '')}
              ${(['setoran', 'penarikan', 'penjualan', 'pembatalan'] as const).map((j) => option(j, jenisLabel(t, j), jenis))}`,
            })}
            ${filterTanggal(t, range)}`,
          )}
          ${pagedList(
            t,
            {
              found: t('bankSampah.op.jurnal.ditemukan', { count: d.list.total }),
              empty: t('bankSampah.op.jurnal.kosong'),
              label: t('bankSampah.op.jurnal.halaman'),
              page,
              pages,
              href: (pg) => bankPath(req, bankId, `/jurnal${queryString({ ...filters, page: pg })}`),
            },
            d.list.items.length
              ? jurnalTable(
                  req,
                  d.bank,
                  'cap-jurnal',
                  t('bankSampah.op.jurnal.caption', { page, pages }),
                  d.list.items,
                )
              : null,
          )}`,
      });
    },
  );
}
