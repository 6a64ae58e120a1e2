/** A bank's price list with each item's history, and setting a price from now or a later day. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, field } from '../../../platform/web/layout.ts';
import {
  dataTable,
  formScreen,
  type ScreenState,
  formSection,
  headRow,
  postForm,
} from '../../../platform/web/screen.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import { checkbox, option, queryString, selectField, tableWrap } from '../../../platform/web/components.ts';
import { formatDateTime, formatRupiah, type Translator } from '../../../platform/i18n/index.ts';
import { todayWib } from '../../../platform/waktu.ts';
import { getBank } from '../bank-service.ts';
import {
  KONDISI,
  listHarga,
  listRiwayatHarga,
  setHarga,
  type HargaKini,
  type HargaRiwayat,
} from '../katalog-admin.ts';
import { BankParams, HargaForm } from '../admin-schemas.ts';
import { intOf } from './admin-parts.ts';
import { bankAdminPage } from './bank-parts.ts';

const rupiah = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatRupiah(n));

const HargaQuery = Type.Object(
  {
    jenis: Type.Optional(Type.String({ maxLength: 60 })),
    ok: Type.Optional(Type.Literal('disimpan')),
  },
  { additionalProperties: false },
);

function hargaCell(t: Translator, h: HargaKini): SafeHtml {
  return html`${h.harga === null ? (h.sumber ? t('bankSampah.admin.harga.tidakDibeli') : '—') : rupiah(h.harga)}
  ${h.sumber === 'induk' ? html`<span class="tag">${t('bankSampah.admin.harga.dariInduk')}</span>` : ''}
  ${
    h.terjadwal
      ? html`<br /><span class="meta"
            >${t('bankSampah.admin.harga.terjadwal', {
              harga:
                h.terjadwal.harga === null
                  ? t('bankSampah.admin.harga.tidakDibeli')
                  : rupiah(h.terjadwal.harga),
              tanggal: formatDateTime(h.terjadwal.berlakuMulai),
            })}</span
          >`
      : ''
  }`;
}

function riwayatTable(t: Translator, id: string, caption: string, rows: HargaRiwayat[]): SafeHtml | '' {
  return dataTable({
    id,
    caption,
    cols: [
      t('bankSampah.admin.harga.berlakuMulai'),
      t('bankSampah.admin.harga.kondisi'),
      { label: t('bankSampah.admin.harga.harga'), num: true },
      t('bankSampah.admin.status'),
      t('bankSampah.admin.harga.oleh'),
    ],
    rows: rows.map(
      (r) =>
        html`<tr>
          <th scope="row">${formatDateTime(r.berlakuMulai)}</th>
          <td>${t(`bankSampah.admin.kondisi.${r.kondisi}`)}</td>
          <td class="num">${r.harga === null ? t('bankSampah.admin.harga.tidakDibeli') : rupiah(r.harga)}</td>
          <td>${t(`bankSampah.admin.harga.status.${r.status}`)}</td>
          <td>${r.dibuatOleh?.nama ?? '—'}</td>
        </tr>`,
    ),
    empty: t('bankSampah.admin.harga.belumAda'),
  });
}

async function hargaPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: ScreenState<typeof HargaQuery>,
) {
  const t = req.t;
  const user = userOf(req);
  const jenisKode = o.jenis && /^(x-)?[a-z0-9-]{2,42}$/.test(o.jenis) ? o.jenis : undefined;
  const { bank, daftar, riwayat } = await cityTx(req, async (trx) => ({
    bank: await getBank(trx, user, bankId),
    daftar: await listHarga(trx, user, bankId, { locale: req.locale }),
    riwayat: jenisKode ? await listRiwayatHarga(trx, user, bankId, jenisKode, req.locale) : null,
  }));
  const e = o.errors ?? {};
  const v = o.values ?? { jenisKode: jenisKode ?? '', kondisi: 'bersih' };
  const title = t('bankSampah.admin.harga.title', { nama: bank.nama });
  const base = `/bank-sampah/${bank.id}/harga`;
  return bankAdminPage(req, reply, bank, {
    screen: 'harga',
    title,
    status: o.status,
    ok: o.ok === 'disimpan' ? t('bankSampah.admin.harga.saved') : undefined,
    lead: t('bankSampah.admin.harga.intro'),
    body: html`${daftar.induk ? html`<p>${t('bankSampah.admin.harga.mewarisi', { induk: daftar.induk.nama })}</p>` : ''}
    ${tableWrap(
      'cap-harga',
      t('bankSampah.admin.harga.caption', { waktu: formatDateTime(daftar.waktu) }),
      headRow([
        t('bankSampah.admin.jenis.nama'),
        t('bankSampah.admin.jenis.satuan'),
        t('bankSampah.admin.kondisi.bersih'),
        t('bankSampah.admin.kondisi.kotor'),
      ]),
      daftar.items.map(
        (i) =>
          html`<tr>
            <th scope="row">
              <a href="${cityPath(req, `${base}${queryString({ jenis: i.jenis.kode })}#riwayat`)}"
                >${i.jenis.nama}</a
              >
            </th>
            <td>${t(`bankSampah.admin.satuan.${i.jenis.satuan}`)}</td>
            <td>${hargaCell(t, i.harga.bersih)}</td>
            <td>${hargaCell(t, i.harga.kotor)}</td>
          </tr>`,
      ),
    )}
    ${
      riwayat
        ? html`<section id="riwayat" aria-labelledby="h-riwayat">
            <h2 id="h-riwayat">${t('bankSampah.admin.harga.riwayatTitle', { jenis: riwayat.jenis.nama })}</h2>
            ${riwayatTable(t, 'cap-riwayat', t('bankSampah.admin.harga.riwayatCaption', { jenis: riwayat.jenis.nama }), riwayat.bank)}
            ${
              riwayat.induk && riwayat.indukBank
                ? html`<h3>${t('bankSampah.admin.harga.riwayatInduk', { induk: riwayat.indukBank.nama })}</h3>
                    ${riwayatTable(
                      t,
                      'cap-riwayat-induk',
                      t('bankSampah.admin.harga.riwayatIndukCaption', { induk: riwayat.indukBank.nama }),
                      riwayat.induk,
                    )}`
                : ''
            }
          </section>`
        : ''
    }
    ${
      bank.hak.kelola
        ? formSection('h-atur', t('bankSampah.admin.harga.setTitle'), [
            html`<p>${t('bankSampah.admin.harga.setIntro')}</p>`,
            postForm(
              req,
              { action: cityPath(req, base), submit: t('bankSampah.admin.harga.set'), errors: e },
              html`${selectField({ name: 'jenisKode', label: t('bankSampah.admin.jenis.nama'), required: true, error: e.jenisKode, options: html`${option('', t('bankSampah.admin.harga.pilihJenis'), v.jenisKode ?? '')}${daftar.items.map((i) => option(i.jenis.kode, `${i.jenis.nama} (${t(`bankSampah.admin.satuan.${i.jenis.satuan}`)})`, v.jenisKode))}` })}
              ${selectField({ name: 'kondisi', label: t('bankSampah.admin.harga.kondisi'), required: true, error: e.kondisi, options: KONDISI.map((k) => option(k, t(`bankSampah.admin.kondisi.${k}`), v.kondisi)) })}
              ${field({ name: 'harga', label: t('bankSampah.admin.harga.hargaLabel'), value: v.harga, error: e.harga, hint: t('bankSampah.admin.harga.hargaHint'), attrs: html`inputmode="numeric"` })}
              ${checkbox({ name: 'berhenti', label: t('bankSampah.admin.harga.berhenti'), checked: v.berhenti === '1' })}
              ${field({ name: 'berlakuMulai', label: t('bankSampah.admin.harga.berlakuMulai'), type: 'date', value: v.berlakuMulai, error: e.berlakuMulai, hint: t('bankSampah.admin.harga.berlakuHint'), attrs: html`min="${todayWib()}"` })}`,
            ),
          ])
        : ''
    }`,
  });
}

export function hargaListPage(app: BalaiApp, _ctx: ModuleContext): void {
  formScreen(app, {
    path: '/:city/bank-sampah/:bankId/harga',
    access: 'user',
    params: BankParams,
    query: HargaQuery,
    body: HargaForm,
    fields: ['jenisKode', 'kondisi', 'harga', 'berhenti', 'berlakuMulai'],
    show: (req, reply, state) => hargaPage(req, reply, req.params.bankId, state),
    save: async (req) => {
      const { bankId } = req.params;
      const b = req.body;
      const tanggal = b.berlakuMulai?.trim() ?? '';
      let berlakuMulai: string | null = null;
      if (tanggal && tanggal !== todayWib())
        berlakuMulai = /^\d{4}-\d{2}-\d{2}$/.test(tanggal) ? `${tanggal}T00:00:00+07:00` : 'invalid';
      const harga = b.berhenti === '1' ? null : intOf(b.harga);
      await cityTx(req, (trx) =>
        setHarga(trx, userOf(req), bankId, {
          jenisKode: b.jenisKode ?? '',
          kondisi: b.kondisi ?? '',
          harga: harga === null && b.berhenti !== '1' ? undefined : harga,
          berlakuMulai,
        }),
      );
      return cityPath(
        req,
        `/bank-sampah/${bankId}/harga${queryString({ jenis: b.jenisKode, ok: 'disimpan' })}`,
      );
    },
  });
}
