/** The items a bank buys (the reference catalogue and its own) and adding one of its own. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { formScreen, formSection, headRow, postForm } from '../../../platform/web/screen.ts';
import { html } from '../../../platform/web/html.ts';
import {
  option,
  selectField,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { listKategori } from '../katalog-nama.ts';
import { getBank } from '../bank-service.ts';
import { SATUAN, listJenis, addJenis } from '../katalog-admin.ts';
import { BankParams, JenisForm } from '../admin-schemas.ts';
import { bankCrumbs, bankMenu, OkQuery } from './admin-parts.ts';

async function jenisPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: { ok?: string | undefined; values?: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, jenis, kategori } = await cityTx(req, async (trx) => ({
    bank: await getBank(trx, user, bankId),
    jenis: await listJenis(trx, user, bankId, req.locale),
    kategori: await listKategori(trx, req.locale),
  }));
  const namaKategori = new Map(kategori.map((k) => [k.kode, k.nama]));
  const e = o.errors ?? {};
  const v = o.values ?? { satuan: 'kg' };
  const title = t('bankSampah.admin.jenis.title', { nama: bank.nama });
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.jenis') }])}
      <h1>${title}</h1>
      ${bankMenu(req, bank, bank.hak, 'jenis')}
      ${flash(o.ok === 'ditambah' ? t('bankSampah.admin.jenis.added') : undefined)}
      <p class="lead">${t('bankSampah.admin.jenis.intro')}</p>
      ${tableWrap(
        'cap-jenis',
        t('bankSampah.admin.jenis.caption', { count: jenis.length }),
        headRow([
          t('bankSampah.admin.jenis.nama'),
          t('bankSampah.admin.jenis.kategori'),
          t('bankSampah.admin.jenis.satuan'),
          { label: t('bankSampah.admin.jenis.kgPerSatuan'), num: true },
          t('bankSampah.admin.jenis.kode'),
        ]),
        jenis.map(
          (j) =>
            html`<tr>
              <th scope="row">
                ${j.nama}
                ${j.milikBank ? html`<span class="tag">${t('bankSampah.admin.jenis.milikBank')}</span>` : ''}
              </th>
              <td>${namaKategori.get(j.kategoriKode) ?? j.kategoriKode}</td>
              <td>${t(`bankSampah.admin.satuan.${j.satuan}`)}</td>
              <td class="num">${formatNumber(j.kgPerSatuan)}</td>
              <td><code>${j.kode}</code></td>
            </tr>`,
        ),
      )}
      ${
        bank.hak.kelola
          ? formSection(
              'h-tambah',
              t('bankSampah.admin.jenis.addTitle'),
              postForm(
                req,
                {
                  action: cityPath(req, `/bank-sampah/${bank.id}/jenis`),
                  submit: t('bankSampah.admin.jenis.add'),
                  errors: e,
                },
                html`${field({ name: 'nama', label: t('bankSampah.admin.jenis.nama'), value: v.nama, required: true, error: e.nama, autocomplete: 'off' })}
                ${selectField({ name: 'kategoriKode', label: t('bankSampah.admin.jenis.kategori'), required: true, error: e.kategoriKode, options: html`${option('', t('bankSampah.admin.jenis.pilihKategori'), v.kategoriKode ?? '')}${kategori.map((k) => option(k.kode, k.nama, v.kategoriKode))}` })}
                ${selectField({ name: 'satuan', label: t('bankSampah.admin.jenis.satuan'), required: true, error: e.satuan, options: SATUAN.map((s) => option(s, t(`bankSampah.admin.satuan.${s}`), v.satuan)) })}
                ${field({ name: 'kgPerSatuan', label: t('bankSampah.admin.jenis.kgPerSatuan'), value: v.kgPerSatuan, error: e.kgPerSatuan, hint: t('bankSampah.admin.jenis.kgHint'), attrs: html`inputmode="decimal"` })}
                ${field({ name: 'kode', label: t('bankSampah.admin.jenis.kode'), value: v.kode, error: e.kode, hint: t('bankSampah.admin.jenis.kodeHint'), autocomplete: 'off' })}`,
              ),
            )
          : ''
      }`,
  });
}

export function jenisListPage(app: BalaiApp, _ctx: ModuleContext): void {
  formScreen(app, {
    path: '/:city/bank-sampah/:bankId/jenis',
    access: 'user',
    params: BankParams,
    query: OkQuery('ditambah'),
    body: JenisForm,
    fields: ['nama', 'kategoriKode', 'satuan', 'kgPerSatuan', 'kode'],
    show: (req, reply, state) => jenisPage(req, reply, req.params.bankId, state),
    save: async (req) => {
      const { bankId } = req.params;
      const b = req.body;
      await cityTx(req, (trx) =>
        addJenis(trx, userOf(req), bankId, {
          nama: b.nama ?? '',
          kategoriKode: b.kategoriKode ?? '',
          satuan: b.satuan ?? '',
          kgPerSatuan: b.kgPerSatuan?.trim() || null,
          kode: b.kode?.trim() || null,
        }),
      );
      return cityPath(req, `/bank-sampah/${bankId}/jenis?ok=ditambah`);
    },
  });
}
