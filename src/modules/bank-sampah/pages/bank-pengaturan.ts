/** A bank's settings: its facts and the form that changes them. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, flash, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import { submitForm, type FormErrors, type FormValues } from '../../../platform/web/components.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { bankForEdit, updateBank, type BankView } from '../bank-service.ts';
import { BankForm, BankParams } from '../admin-schemas.ts';
import {
  forUser,
  tempatBank,
  bankCrumbs,
  bankMenu,
  OkQuery,
  bankInputFrom,
  BANK_FIELDS,
} from './admin-parts.ts';
import { bankFormData, bankFields } from './bank-fields.ts';

function bankValues(b: BankView & { teleponLengkap: string | null }): FormValues {
  return {
    lembaga: b.lembaga,
    kelurahanKode: b.kelurahanKode ?? '',
    rwNomor: b.rwNomor !== null ? String(b.rwNomor) : '',
    nama: b.nama,
    alamat: b.alamat ?? '',
    jamBuka: b.jamBuka ?? '',
    telepon: b.teleponLengkap ?? '',
    ambangPersetujuan: b.ambangPersetujuan !== null ? String(b.ambangPersetujuan) : '',
    batasBarisKg: formatNumber(b.batasBarisKg),
    batasSetoran: String(b.batasSetoran),
    bagiHasilPersen: String(b.bagiHasilPersen),
    indukId: b.induk?.id ?? '',
    warisiHargaInduk: b.warisiHargaInduk ? '1' : '',
    aktif: b.aktif ? '1' : '',
  };
}

async function settingsPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: { ok?: string | undefined; values?: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const bank = await cityTx(req, (trx) => bankForEdit(trx, user, bankId));
  const d = await bankFormData(req, bank);
  const e = o.errors ?? {};
  const mayMove = can(user, KELOLA);
  const title = t('bankSampah.admin.bank.settingsTitle', { nama: bank.nama });
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [{ label: t('bankSampah.admin.menu.pengaturan') }])}
      <h1>${title}</h1>
      ${bankMenu(req, bank, bank.hak, 'pengaturan')}
      ${flash(o.ok === 'dibuat' ? t('bankSampah.admin.bank.created', { kode: bank.kode }) : o.ok === 'diubah' ? t('form.saved') : undefined)}
      ${o.ok === 'dibuat' ? html`<p>${t('bankSampah.admin.bank.nextSteps')}</p>` : ''}
      <dl class="facts">
        <dt>${t('bankSampah.admin.bank.kode')}</dt>
        <dd>${bank.kode}</dd>
        <dt>${t('bankSampah.admin.bank.tingkat')}</dt>
        <dd>${t(`bankSampah.admin.tingkat.${bank.tingkat}`)}</dd>
        <dt>${t('bankSampah.admin.bank.tempat')}</dt>
        <dd>${tempatBank(t, bank)}</dd>
        <dt>${t('bankSampah.admin.bank.area')}</dt>
        <dd>${bank.areaKode}</dd>
      </dl>
      <section class="narrow" aria-labelledby="h-ubah">
        <h2 id="h-ubah">${t('bankSampah.admin.bank.edit')}</h2>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/pengaturan`)}" novalidate>
          ${csrfField(req)}
          ${bankFields(req, d, o.values ?? bankValues(bank), e, {
            creating: false,
            mayMove,
            tingkat: bank.tingkat,
            mayInduk: false,
          })}
          <button type="submit" class="primary">${t('form.save')}</button>
          <a href="${cityPath(req, `/bank-sampah/${bank.id}`)}">${t('form.cancel')}</a>
        </form>
      </section>`,
  });
}

export function bankPengaturanPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/:bankId/pengaturan',
    { schema: { params: BankParams, querystring: OkQuery('dibuat', 'diubah') }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      const { ok } = req.query;
      return settingsPage(req, reply, bankId, { ok });
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/pengaturan',
    { schema: { params: BankParams, body: BankForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      const user = userOf(req);
      const b = req.body;
      return submitForm(
        req,
        reply,
        BANK_FIELDS,
        (failed) => settingsPage(req, reply, bankId, failed),
        async () => {
          await cityTx(req, (trx) =>
            updateBank(trx, user, bankId, bankInputFrom(b, { creating: false, mayMove: can(user, KELOLA) })),
          );
          return cityPath(req, `/bank-sampah/${bankId}/pengaturan?ok=diubah`);
        },
      );
    },
  );
}
