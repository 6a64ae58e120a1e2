/**
 * A member's passbook (buku tabungan): every entry on their savings with the running balance,
 * filtered by WIB dates, on screen and as PDF; for the bank's officers and the member themself.
 */
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { type SafeHtml, html } from '../../../platform/web/html.ts';
import { breadcrumbs, filterForm, queryString, tableWrap } from '../../../platform/web/components.ts';
import { factList } from '../../../platform/web/screen.ts';
import { type BankRow, findBank, rightsFor } from '../access.ts';
import type { BukuView } from '../ledger-read.ts';
import { getBukuFor } from '../ledger-routes.ts';
import { bukuPdf, jenisBuku, keteranganId, waktuPendek } from '../buku-pdf.ts';
import {
  NasabahParams,
  Tanggal,
  bankPath,
  crumbs,
  filterTanggal,
  obj,
  orderRange,
  rp,
  user,
} from './transaksi-parts.ts';

/** A passbook's WIB date range. */
const BukuQuery = obj({ dari: Type.Optional(Tanggal), sampai: Type.Optional(Tanggal) });
/** The passbook table: opening balance, then every entry with money in, out and the balance. */
function bukuTable(req: FastifyRequest, bank: BankRow, buku: BukuView, linkReceipts: boolean): SafeHtml {
  const t = req.t;
  return html`<div class="bs-tabel">
    ${tableWrap(
      'cap-buku',
      t('bankSampah.op.buku.caption', { nama: buku.nasabah.nama, nomor: buku.nasabah.nomor }),
      html`<tr>
        <th scope="col">${t('bankSampah.op.buku.tanggal')}</th>
        <th scope="col">${t('bankSampah.op.buku.keterangan')}</th>
        <th scope="col" class="num">${t('bankSampah.op.buku.masuk')}</th>
        <th scope="col" class="num">${t('bankSampah.op.buku.keluar')}</th>
        <th scope="col" class="num">${t('bankSampah.op.saldo')}</th>
      </tr>`,
      [
        html`<tr class="bs-saldo-awal">
          <td colspan="4">${t('bankSampah.op.buku.saldoAwal')}</td>
          <td class="num">${rp(buku.saldoAwal)}</td>
        </tr>`,
        ...buku.items.map((b) => {
          const w = waktuPendek(b.waktu);
          const nomor = t('bankSampah.op.struk.nomor', { nomor: String(b.nomor) });
          return html`<tr>
            <td class="bs-tanggal">${w.tanggal}<br /><span class="meta">${w.jam}</span></td>
            <td>
              ${linkReceipts ? html`<a href="${bankPath(req, bank.id, `/jurnal/${b.jurnalId}`)}">${nomor}</a>` : nomor}
              ${jenisBuku(t, b.jenis, b.jenisAsal)}${
                b.keterangan ? html`<br /><span class="meta">${keteranganId(t, b.keterangan)}</span>` : ''
              }
            </td>
            <td class="num">${b.masuk ? rp(b.masuk) : ''}</td>
            <td class="num">${b.keluar ? rp(b.keluar) : ''}</td>
            <td class="num">${rp(b.saldo)}</td>
          </tr>`;
        }),
      ],
    )}
  </div>`;
}

/** The passbook (for an officer or the member), the bank and the user's rights there. */
async function loadBuku(
  req: FastifyRequest,
  bankId: string,
  nasabahId: string,
  range: { dari?: string; sampai?: string },
) {
  return cityTx(req, async (trx) => {
    const buku = await getBukuFor(trx, req, bankId, nasabahId, range);
    const bank = await findBank(trx, bankId);
    if (!bank) throw new HttpProblem(404, 'error.notFound');
    return { buku, bank, rights: await rightsFor(trx, req.user, bank) };
  });
}

/** A member's passbook: the page and its PDF. */
export function bukuNasabahPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/buku',
    { schema: { params: NasabahParams, querystring: BukuQuery }, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, nasabahId } = req.params;
      const range = orderRange(req.query);
      const { buku, bank, rights } = await loadBuku(req, bankId, nasabahId, range);
      const officer = rights.lihat;
      const self = bankPath(req, bankId, `/nasabah/${nasabahId}/buku`);
      const title = t('bankSampah.op.buku.title');
      return sendPage(req, reply, {
        title: `${title} · ${buku.nasabah.nama}`,
        body: html`${
            officer
              ? crumbs(req, bank, [
                  { href: bankPath(req, bankId, '/nasabah'), label: t('bankSampah.op.aksi.nasabah') },
                  { href: bankPath(req, bankId, `/nasabah/${nasabahId}`), label: buku.nasabah.nama },
                  { label: title },
                ])
              : breadcrumbs(t('bankSampah.op.crumbs'), [
                  { href: cityPath(req, '/bank-sampah/saya'), label: t('bankSampah.op.saya.title') },
                  { label: title },
                ])
          }
          <h1>${title}</h1>
          ${factList([
            [t('bankSampah.op.nasabah.nama'), buku.nasabah.nama],
            [t('bankSampah.op.nasabah.nomor'), buku.nasabah.nomor],
            [t('bankSampah.op.bank'), bank.nama],
            [t('bankSampah.op.saldo'), html`<strong class="bs-uang">${rp(buku.saldo)}</strong>`],
          ])}
          ${filterForm({ action: self, label: t('bankSampah.op.buku.saring') }, filterTanggal(t, range))}
          <p class="bs-tombol">
            <a class="button" href="${self}.pdf${queryString(range)}">${t('bankSampah.op.buku.unduhPdf')}</a>
            ${
              rights.transaksi
                ? html`<a
                      class="button primary"
                      href="${bankPath(req, bankId, `/setoran?nasabah=${nasabahId}`)}"
                      >${t('bankSampah.op.aksi.setoran')}</a
                    >
                    <a class="button" href="${bankPath(req, bankId, `/penarikan?nasabah=${nasabahId}`)}"
                      >${t('bankSampah.op.aksi.penarikan')}</a
                    >`
                : ''
            }
          </p>
          ${
            buku.items.length || buku.saldoAwal
              ? bukuTable(req, bank, buku, officer)
              : html`<p>${t('bankSampah.op.buku.kosong')}</p>`
          }`,
      });
    },
  );

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/buku.pdf',
    { schema: { params: NasabahParams, querystring: BukuQuery }, config: user },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      const range = orderRange(req.query);
      const { buku, bank } = await loadBuku(req, bankId, nasabahId, range);
      const pdf = await bukuPdf({
        t: req.t,
        kota: cityOf(req).name,
        bank: { nama: bank.nama, kode: bank.kode },
        buku,
        ...range,
        dicetak: new Date(),
      });
      const name = `buku-tabungan-${buku.nasabah.nomor.replace(/[^A-Za-z0-9-]/g, '')}${range.dari ? `-${range.dari}` : ''}${range.sampai ? `-${range.sampai}` : ''}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
