/**
 * A receipt (one journal entry): printable, shared as text by WhatsApp, and reversed with a
 * reason and a confirmation.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { errorSummary, fieldFrame, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { type FormErrors, tableWrap } from '../../../platform/web/components.ts';
import { factList, headRow, type Fact } from '../../../platform/web/screen.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import { type BankRights, type BankRow, bankFor } from '../access.ts';
import { batalkan, nilaiOf } from '../ledger.ts';
import { type OperasiView, getOperasi } from '../ledger-read.ts';
import type { JenisJurnal, Kondisi, Satuan } from '../tables.ts';
import { kunciForm, nilai } from '../transaksi-form.ts';
import { saveOperasi } from './operasi-form.ts';
import {
  type FormState,
  JurnalParams,
  OperasiFields,
  SCRIPT,
  Teks,
  bankPath,
  crumbs,
  judulStruk,
  kunciFields,
  obj,
  qty,
  rp,
  user,
  waktu,
} from './transaksi-parts.ts';

/** What the reversal form posts: a reason and the confirmation. */
const PembatalanForm = obj({
  ...OperasiFields,
  alasan: Type.Optional(Teks(2000)),
  yakin: Type.Optional(Teks(10)),
});
const OkQuery = obj({ ok: Type.Optional(Type.Literal('baru')) });
/** A line as a receipt shows it. */
interface BarisTampil {
  nama: string;
  kondisi: Kondisi | null;
  kuantitas: number;
  satuan: Satuan;
  harga: number | null;
  nilai: number;
}

/** Lines as shown on a receipt: a sale shows its sale value, a reversal negative amounts. */
function barisTampil(v: OperasiView): BarisTampil[] {
  const kind = v.jenisAsal ?? v.jenis;
  const sign = v.jenis === 'pembatalan' ? -1 : 1;
  return v.baris.map((b) => {
    const abs = Math.abs(b.kuantitas);
    return {
      nama: b.nama,
      kondisi: b.kondisi,
      kuantitas: sign * abs,
      satuan: b.satuan,
      harga: b.hargaSatuan,
      nilai:
        kind === 'penjualan' && b.hargaSatuan !== null
          ? sign * nilaiOf(Math.round(abs * 1000), b.hargaSatuan)
          : b.nilai,
    };
  });
}

/** The receipt as plain text, for sharing by WhatsApp. */
export function teksStruk(t: Translator, bank: BankRow, v: OperasiView): string {
  const kind = v.jenisAsal ?? v.jenis;
  const lines = [`*${bank.nama}*`, judulStruk(t, v), waktu(t, v.waktu)];
  if (v.nasabah) lines.push(`${t('bankSampah.op.struk.nasabah')}: ${v.nasabah.nama} (${v.nasabah.nomor})`);
  if (v.pembeli) lines.push(`${t('bankSampah.op.struk.pembeli')}: ${v.pembeli.nama}`);
  for (const b of barisTampil(v)) {
    const kondisi = b.kondisi ? ` (${t(`bankSampah.op.kondisi.${b.kondisi}`)})` : '';
    const harga = b.harga !== null ? ` × ${rp(b.harga)}` : '';
    lines.push(`- ${b.nama}${kondisi}: ${qty(t, b.kuantitas, b.satuan)}${harga} = ${rp(b.nilai)}`);
  }
  if (v.bagiHasil) lines.push(`${t('bankSampah.op.struk.bagiHasil')}: ${rp(v.bagiHasil)}`);
  lines.push(
    `${t(kind === 'setoran' ? 'bankSampah.op.setoran.masukTabungan' : 'bankSampah.op.struk.total')}: ${rp(v.total)}`,
  );
  if (v.saldoSetelah !== null) lines.push(`${t('bankSampah.op.struk.saldoSetelah')}: ${rp(v.saldoSetelah)}`);
  if (v.membatalkan)
    lines.push(
      t('bankSampah.op.struk.membatalkan', { nomor: String(v.membatalkan.nomor), alasan: v.alasan ?? '' }),
    );
  if (v.dibatalkan)
    lines.push(
      t('bankSampah.op.struk.dibatalkanOleh', {
        nomor: String(v.dibatalkan.nomor),
        alasan: v.dibatalkan.alasan,
      }),
    );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** Whether this receipt offers its reversal. */
function bolehBatal(v: OperasiView, rights: BankRights): boolean {
  return (
    rights.transaksi &&
    v.jenis !== 'pembatalan' &&
    !v.dibatalkan &&
    !(v.jenis === 'setoran' && v.terkaitId !== null)
  );
}

/** What the receipt page is shown with (a reversal form re-rendered). */
interface StrukState extends FormState {
  ok?: boolean;
  alasan: string;
}

/** The receipt page: the receipt, print and share buttons, and the reversal form. */
/** The receipt page: the receipt, print and share buttons, and the reversal form. */
function strukPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bank: BankRow,
  rights: BankRights,
  v: OperasiView,
  s: StrukState,
) {
  const t = req.t;
  const kind = v.jenisAsal ?? v.jenis;
  const wa = `https://wa.me/?text=${encodeURIComponent(teksStruk(t, bank, v))}`;
  const jurnalHref = (id: string) => bankPath(req, bank.id, `/jurnal/${id}`);
  return sendPage(req, reply, {
    title: judulStruk(t, v),
    status: s.status ?? 200,
    scripts: [SCRIPT],
    body: html`${crumbs(req, bank, [
        { href: bankPath(req, bank.id, '/jurnal'), label: t('bankSampah.op.jurnal.title') },
        { label: t('bankSampah.op.struk.nomor', { nomor: String(v.nomor) }) },
      ])}
      ${s.ok ? flash(t(v.jenis === 'pembatalan' ? 'bankSampah.op.struk.okBatal' : 'bankSampah.op.struk.ok')) : ''}
      ${
        v.dibatalkan
          ? html`<div class="alert alert-error" role="note">
              <p>
                ${t('bankSampah.op.struk.dibatalkanOleh', { nomor: String(v.dibatalkan.nomor), alasan: v.dibatalkan.alasan })}
                <a href="${jurnalHref(v.dibatalkan.id)}">${t('bankSampah.op.struk.lihatPembatalan')}</a>
              </p>
            </div>`
          : ''
      }
      ${strukArticle(req, bank, v)}
      <div class="bs-tombol bs-noprint">
        <button type="button" class="button" data-bs-cetak hidden>${t('bankSampah.op.struk.cetak')}</button>
        <a class="button" href="${wa}" target="_blank" rel="noopener noreferrer"
          >${t('bankSampah.op.struk.whatsapp')}</a
        >
        ${
          rights.transaksi && kind === 'setoran' && v.jenis === 'setoran'
            ? html`<a class="button primary" href="${bankPath(req, bank.id, '/setoran')}"
                >${t('bankSampah.op.struk.setoranLagi')}</a
              >`
            : ''
        }
        ${
          v.nasabah
            ? html`<a class="button" href="${bankPath(req, bank.id, `/nasabah/${v.nasabah.id}/buku`)}"
                >${t('bankSampah.op.buku.lihat')}</a
              >`
            : ''
        }
      </div>
      ${pembatalanSection(req, bank, rights, v, s)}`,
  });
}

/** The totals of a receipt: by kind, the lines' sum, a share, what is credited, paid or received; the balance after. */
function strukTotal(
  t: Translator,
  v: OperasiView,
  kind: JenisJurnal,
  sumLines: number,
  feeInduk: number,
): Fact[] {
  const kuat = (n: number) => html`<strong>${rp(n)}</strong>`;
  const rows: Fact[] =
    kind === 'setoran'
      ? [
          [t('bankSampah.op.setoran.totalNilai'), rp(sumLines)],
          v.bagiHasil ? [t('bankSampah.op.struk.bagiHasil'), rp(v.bagiHasil)] : null,
          [t('bankSampah.op.setoran.masukTabungan'), kuat(v.total)],
        ]
      : kind === 'penarikan'
        ? [[t('bankSampah.op.penarikan.jumlahDitarik'), kuat(v.total)]]
        : [
            feeInduk ? [t('bankSampah.op.penjualan.totalNilai'), rp(sumLines)] : null,
            feeInduk ? [t('bankSampah.op.penjualan.bagiHasilInduk'), rp(feeInduk)] : null,
            [t('bankSampah.op.penjualan.diterima'), kuat(v.total)],
          ];
  return [
    ...rows,
    v.saldoSetelah !== null ? [t('bankSampah.op.struk.saldoSetelah'), rp(v.saldoSetelah)] : null,
  ];
}

/** The receipt itself: bank, title, time, parties, lines and totals. */
function strukArticle(req: FastifyRequest, bank: BankRow, v: OperasiView): SafeHtml {
  const t = req.t;
  const kind = v.jenisAsal ?? v.jenis;
  const judul = judulStruk(t, v);
  const rows = barisTampil(v);
  const jurnalHref = (id: string) => bankPath(req, bank.id, `/jurnal/${id}`);
  const sumLines = rows.reduce((a, b) => a + b.nilai, 0);
  const feeInduk = kind === 'penjualan' && v.pembeli?.bankId ? sumLines - v.total : 0;
  return html`<article class="struk" aria-labelledby="h-struk">
    <p class="struk-bank">${bank.nama}</p>
    <h1 id="h-struk">${judul}</h1>
    <p class="struk-waktu">${waktu(t, v.waktu)}</p>
    ${
      v.dibatalkan
        ? html`<p class="struk-batal">
            <strong
              >${t('bankSampah.op.struk.dibatalkanOleh', { nomor: String(v.dibatalkan.nomor), alasan: v.dibatalkan.alasan })}</strong
            >
          </p>`
        : ''
    }
    ${factList(
      [
        v.nasabah && [t('bankSampah.op.struk.nasabah'), `${v.nasabah.nama} (${v.nasabah.nomor})`],
        v.pembeli && [t('bankSampah.op.struk.pembeli'), v.pembeli.nama],
        v.membatalkan && [
          t('bankSampah.op.struk.membatalkanLabel'),
          html`<a href="${jurnalHref(v.membatalkan.id)}"
            >${t('bankSampah.op.struk.nomor', { nomor: String(v.membatalkan.nomor) })}</a
          >`,
        ],
        v.membatalkan && [t('bankSampah.op.struk.alasan'), v.alasan ?? ''],
        v.catatan ? [t('bankSampah.op.catatan'), v.catatan] : null,
        v.dibuatOleh ? [t('bankSampah.op.struk.petugas'), v.dibuatOleh] : null,
      ],
      'facts struk-info',
    )}
    ${
      rows.length
        ? tableWrap(
            'cap-struk',
            t('bankSampah.op.struk.rincian'),
            headRow([
              t('bankSampah.op.baris.jenis'),
              { label: t('bankSampah.op.struk.jumlahHarga'), num: true },
              { label: t('bankSampah.op.baris.nilai'), num: true },
            ]),
            rows.map(
              (b) =>
                html`<tr>
                  <th scope="row">
                    ${b.nama}${b.kondisi ? html` <span class="meta">(${t(`bankSampah.op.kondisi.${b.kondisi}`)})</span>` : ''}
                  </th>
                  <td class="num">
                    ${qty(t, b.kuantitas, b.satuan)}${b.harga !== null ? html`<br />× ${rp(b.harga)}` : ''}
                  </td>
                  <td class="num">${rp(b.nilai)}</td>
                </tr>`,
            ),
          )
        : ''
    }
    ${factList(strukTotal(t, v, kind, sumLines, feeInduk), 'bs-ringkas struk-total')}
  </article>`;
}

/** The reversal form of a receipt that may be reversed (or why a deposit cannot be). */
function pembatalanSection(
  req: FastifyRequest,
  bank: BankRow,
  rights: BankRights,
  v: OperasiView,
  s: StrukState,
): SafeHtml | string {
  const t = req.t;
  const e = s.errors;
  const jurnalHref = (id: string) => bankPath(req, bank.id, `/jurnal/${id}`);
  return bolehBatal(v, rights)
    ? html`<section aria-labelledby="h-batal" class="bs-noprint bs-batal">
        <details ${Object.keys(e).length || s.message ? raw('open') : ''}>
          <summary><h2 id="h-batal">${t('bankSampah.op.pembatalan.title')}</h2></summary>
          <p>${t('bankSampah.op.pembatalan.intro')}</p>
          ${errorSummary(t, e, s.message)}
          <form method="post" action="${jurnalHref(v.id)}/pembatalan" novalidate>
            ${kunciFields(req, s.kunci)}
            ${fieldFrame(
              {
                name: 'alasan',
                label: t('bankSampah.op.pembatalan.alasan'),
                hint: t('bankSampah.op.pembatalan.alasanHint'),
                required: true,
                error: e.alasan,
              },
              (id, aria) =>
                html`<textarea id="${id}" name="alasan" maxlength="500" rows="3" ${aria}>
${s.alasan}</textarea>`,
            )}
            <div class="field${e.yakin ? ' has-error' : ''}">
              <input
                type="checkbox"
                id="f-yakin"
                name="yakin"
                value="1"
                required
                ${e.yakin ? raw('aria-invalid="true" aria-describedby="f-yakin-err"') : ''}
              />
              <label for="f-yakin" class="bs-inline-label"
                >${t('bankSampah.op.pembatalan.yakin', { nomor: String(v.nomor) })}</label
              >
              ${e.yakin ? html`<p class="error" id="f-yakin-err">${e.yakin}</p>` : ''}
            </div>
            <button type="submit" class="danger">${t('bankSampah.op.pembatalan.tombol')}</button>
          </form>
        </details>
      </section>`
    : v.jenis === 'setoran' && v.terkaitId && !v.dibatalkan
      ? html`<p class="meta bs-noprint">${t('bankSampah.pembatalan.dariPenjualan')}</p>`
      : '';
}

/** The bank (for a user who may see it) and the entry. */
async function loadStruk(req: FastifyRequest, bankId: string, jurnalId: string) {
  return cityTx(req, async (trx) => {
    const { bank, rights } = await bankFor(trx, userOf(req), bankId, 'lihat');
    return { bank, rights, v: await getOperasi(trx, bank, jurnalId, req.locale) };
  });
}

/** A receipt (an entry of the journal) and its reversal. */
export function jurnalDetailPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/jurnal/:jurnalId',
    { schema: { params: JurnalParams, querystring: OkQuery }, config: user },
    async (req, reply) => {
      const { bankId, jurnalId } = req.params;
      const q = req.query;
      const d = await loadStruk(req, bankId, jurnalId);
      return strukPage(req, reply, d.bank, d.rights, d.v, {
        ok: q.ok === 'baru',
        kunci: kunciForm(undefined),
        alasan: '',
        errors: {},
      });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/jurnal/:jurnalId/pembatalan',
    { schema: { params: JurnalParams, body: PembatalanForm }, attachValidation: true, config: user },
    async (req, reply) => {
      const t = req.t;
      const { bankId, jurnalId } = req.params;
      const body = req.body;
      const alasan = nilai(body, 'alasan').trim();
      const kunci = kunciForm(body);
      const again = async (o: Partial<StrukState>) => {
        const d = await loadStruk(req, bankId, jurnalId);
        return strukPage(req, reply, d.bank, d.rights, d.v, { kunci, alasan, errors: {}, ...o });
      };
      if (req.validationError) return again({ message: t('bankSampah.op.form.tidakTerbaca'), status: 400 });
      const errors: FormErrors = {};
      if (alasan.length < 5 || alasan.length > 500) errors.alasan = t('bankSampah.alasan.wajib');
      if (nilai(body, 'yakin') !== '1') errors.yakin = t('bankSampah.op.pembatalan.yakinWajib');
      if (Object.keys(errors).length) return again({ errors, status: 400 });
      return saveOperasi(req, reply, {
        bankId,
        operasi: 'pembatalan',
        kunci,
        isi: { jurnalId, alasan },
        tulis: async (trx, b, pelaku, id) => ({
          jenis: 'jurnal',
          id: await batalkan(trx, pelaku, b, jurnalId, alasan, id),
        }),
        rowOf: [],
        berbeda: (u) => again({ message: u.message, kunci: u.kunci, status: 409 }),
        galat: (g) => again({ errors: g.errors, message: g.message, status: g.status }),
      });
    },
  );
}
