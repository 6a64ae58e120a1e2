/**
 * A bank's home for its officers: the actions they may take, today's figures, this month's kg
 * per category, cash and savings, stock, and the latest entries.
 */
import type { FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { dataTable, factList } from '../../../platform/web/screen.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { bankFor, type BankRights, type BankRow } from '../access.ts';
import {
  listOperasi,
  neraca,
  getRingkasan,
  type NeracaView,
  type OperasiView,
  type RingkasanBank,
} from '../ledger-read.ts';
import { BankParams, bankPath, crumbs, kg, note, qty, rp, user } from './transaksi-parts.ts';
import { jurnalTable } from './jurnal-list.ts';

/** The bank's home: actions, today, this month, cash and stock, latest entries. */
export function bankHomePage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId',
    { schema: { params: BankParams }, config: user },
    async (req, reply) => {
      const { bankId } = req.params;
      const d = await cityTx(req, async (trx) => {
        const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
        return {
          bank,
          rights,
          r: await getRingkasan(trx, bank, req.locale),
          n: await neraca(trx, bank, req.locale),
          latest: await listOperasi(trx, bank, { page: 1, perPage: 10 }, req.locale),
        };
      });
      return sendPage(req, reply, { title: d.bank.nama, body: homeBody(req, d) });
    },
  );
}

/** What the bank's home shows. */
interface HomeData {
  bank: BankRow;
  rights: BankRights;
  r: RingkasanBank;
  n: NeracaView;
  latest: { items: OperasiView[] };
}

/** The actions the user may take at the bank, the first ones as primary buttons. */
function homeActions(req: FastifyRequest, d: HomeData): { href: string; label: string; primary: boolean }[] {
  const t = req.t;
  const { bank, rights, r } = d;
  const p = (sub: string) => bankPath(req, bank.id, sub);
  return [
    ...(rights.transaksi
      ? [
          { href: p('/setoran'), label: t('bankSampah.op.aksi.setoran'), primary: true },
          { href: p('/penarikan'), label: t('bankSampah.op.aksi.penarikan'), primary: true },
          { href: p('/penjualan'), label: t('bankSampah.op.aksi.penjualan'), primary: false },
        ]
      : []),
    { href: p('/nasabah'), label: t('bankSampah.op.aksi.nasabah'), primary: false },
    { href: p('/harga'), label: t('bankSampah.op.aksi.harga'), primary: false },
    { href: p('/jurnal'), label: t('bankSampah.op.aksi.jurnal'), primary: false },
    ...(rights.setujui || r.pengajuanMenunggu
      ? [
          {
            href: p('/pengajuan'),
            label: t('bankSampah.op.aksi.pengajuan', { count: r.pengajuanMenunggu }),
            primary: false,
          },
        ]
      : []),
    ...(rights.kelola
      ? [{ href: p('/pengaturan'), label: t('bankSampah.op.aksi.pengaturan'), primary: false }]
      : []),
  ];
}

/** The home's body: heading, actions, today, cash, this month, stock, latest entries. */
function homeBody(req: FastifyRequest, d: HomeData): SafeHtml {
  const t = req.t;
  const { bank, r, n } = d;
  const p = (sub: string) => bankPath(req, bank.id, sub);
  const actions = homeActions(req, d);
  return html`${crumbs(req, bank, [])}
    <h1>${bank.nama}</h1>
    <p class="meta">
      ${bank.kode} ·
      ${t(`bankSampah.op.tingkat.${bank.tingkat}`)}${bank.jam_buka ? ` · ${bank.jam_buka}` : ''}${
        bank.aktif ? '' : html` · <strong>${t('bankSampah.op.bank.statusNonaktif')}</strong>`
      }
    </p>
    <nav aria-label="${t('bankSampah.op.aksi.label')}">
      <ul class="bs-aksi">
        ${actions.map(
          (a) =>
            html`<li>
              <a class="button${a.primary ? ' primary' : ''}" href="${a.href}">${a.label}</a>
            </li>`,
        )}
      </ul>
    </nav>
    ${
      r.pengajuanMenunggu
        ? note(
            html`<a href="${p('/pengajuan')}"
              >${t('bankSampah.op.pengajuan.adaMenunggu', { count: r.pengajuanMenunggu })}</a
            >`,
          )
        : ''
    }
    <section aria-labelledby="h-hari-ini">
      <h2 id="h-hari-ini">${t('bankSampah.op.home.hariIni')}</h2>
      <ul class="tiles bs-tiles">
        ${(
          [
            [formatNumber(r.hariIni.setoran), 'setoran'],
            [rp(r.hariIni.nilai), 'nilaiSetoran'],
            [kg(t, r.hariIni.kg), 'sampahMasuk'],
            [formatNumber(r.hariIni.penarikan), 'penarikan'],
          ] as const
        ).map(
          ([value, label]) =>
            html`<li class="tile">
              <span class="value">${value}</span
              ><span class="label">${t(`bankSampah.op.home.${label}`)}</span>
            </li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="h-kas">
      <h2 id="h-kas">${t('bankSampah.op.home.keuangan')}</h2>
      ${factList(
        [
          [t('bankSampah.op.neraca.kas'), rp(n.kas)],
          [t('bankSampah.op.neraca.tabungan'), rp(n.tabungan)],
          [t('bankSampah.op.neraca.persediaan'), rp(n.persediaan)],
          n.piutangInduk || bank.induk_id
            ? [t('bankSampah.op.neraca.piutangInduk'), rp(n.piutangInduk)]
            : null,
          [t('bankSampah.op.neraca.pendapatan'), rp(n.pendapatan)],
        ],
        'facts bs-angka',
      )}
      ${n.kas < n.tabungan ? html`<p class="meta">${t('bankSampah.op.neraca.kasKurang')}</p>` : ''}
    </section>
    <section aria-labelledby="h-bulan">
      <h2 id="h-bulan">${t('bankSampah.op.home.bulanIni')}</h2>
      <p>${t('bankSampah.op.home.nasabahAktif', { count: r.nasabahAktifBulanIni })}</p>
      ${dataTable({
        id: 'cap-kategori',
        caption: t('bankSampah.op.home.kgKategori'),
        cols: [t('bankSampah.op.home.kategori'), { label: t('bankSampah.op.home.berat'), num: true }],
        rows: r.kgBulanIni.map(
          (k) =>
            html`<tr>
              <th scope="row">${k.nama}</th>
              <td class="num">${kg(t, k.kg)}</td>
            </tr>`,
        ),
        empty: t('bankSampah.op.home.belumAdaSetoran'),
      })}
    </section>
    <section aria-labelledby="h-stok">
      <h2 id="h-stok">${t('bankSampah.op.home.stok')}</h2>
      ${dataTable({
        id: 'cap-stok',
        caption: t('bankSampah.op.home.stokCaption'),
        cols: [
          t('bankSampah.op.baris.jenis'),
          { label: t('bankSampah.op.home.jumlahStok'), num: true },
          { label: t('bankSampah.op.home.nilaiStok'), num: true },
        ],
        rows: n.stok.map(
          (s) =>
            html`<tr>
              <th scope="row">${s.nama}</th>
              <td class="num">${qty(t, s.kuantitas, s.satuan)}</td>
              <td class="num">${rp(s.nilai)}</td>
            </tr>`,
        ),
        empty: t('bankSampah.op.home.stokKosong'),
      })}
    </section>
    <section aria-labelledby="h-terbaru">
      <h2 id="h-terbaru">${t('bankSampah.op.home.terbaru')}</h2>
      ${
        d.latest.items.length
          ? html`${jurnalTable(req, bank, 'cap-terbaru', t('bankSampah.op.home.terbaruCaption'), d.latest.items)}
              <p><a href="${p('/jurnal')}">${t('bankSampah.op.home.semuaJurnal')}</a></p>`
          : html`<p>${t('bankSampah.op.jurnal.kosong')}</p>`
      }
    </section>`;
}
