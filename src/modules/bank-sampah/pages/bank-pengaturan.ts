/** A bank's settings: its facts and the form that changes them. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath } from '../../../platform/web/layout.ts';
import { factList, formScreen, formSection, type ScreenState } from '../../../platform/web/screen.ts';
import { html } from '../../../platform/web/html.ts';
import type { FormValues } from '../../../platform/web/components.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { bankForEdit, updateBank, type BankView } from '../bank-service.ts';
import { BankForm, BankParams } from '../admin-schemas.ts';
import { tempatBank, OkQuery, bankInputFrom, BANK_FIELDS } from './admin-parts.ts';
import { bankFormData, bankFields, bankForm } from './bank-fields.ts';
import { bankAdminPage } from './bank-parts.ts';

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
  o: ScreenState<typeof PengaturanQuery>,
) {
  const t = req.t;
  const user = userOf(req);
  const bank = await cityTx(req, (trx) => bankForEdit(trx, user, bankId));
  const d = await bankFormData(req, bank);
  const e = o.errors ?? {};
  const mayMove = can(user, KELOLA);
  const title = t('bankSampah.admin.bank.settingsTitle', { nama: bank.nama });
  return bankAdminPage(req, reply, bank, {
    screen: 'pengaturan',
    title,
    status: o.status,
    ok:
      o.ok === 'dibuat'
        ? t('bankSampah.admin.bank.created', { kode: bank.kode })
        : o.ok === 'diubah'
          ? t('form.saved')
          : undefined,
    body: html`${o.ok === 'dibuat' ? html`<p>${t('bankSampah.admin.bank.nextSteps')}</p>` : ''}
    ${factList([
      [t('bankSampah.admin.bank.kode'), bank.kode],
      [t('bankSampah.admin.bank.tingkat'), t(`bankSampah.admin.tingkat.${bank.tingkat}`)],
      [t('bankSampah.admin.bank.tempat'), tempatBank(t, bank)],
      [t('bankSampah.admin.bank.area'), bank.areaKode],
    ])}
    ${formSection(
      'h-ubah',
      t('bankSampah.admin.bank.edit'),
      bankForm(
        req,
        {
          action: cityPath(req, `/bank-sampah/${bank.id}/pengaturan`),
          submit: t('form.save'),
          cancel: cityPath(req, `/bank-sampah/${bank.id}`),
          errors: e,
        },
        bankFields(req, d, o.values ?? bankValues(bank), e, {
          creating: false,
          mayMove,
          tingkat: bank.tingkat,
          mayInduk: false,
        }),
      ),
    )}`,
  });
}

const PengaturanQuery = OkQuery('dibuat', 'diubah');

export function bankPengaturanPage(app: BalaiApp, _ctx: ModuleContext): void {
  formScreen(app, {
    path: '/:city/bank-sampah/:bankId/pengaturan',
    access: 'user',
    params: BankParams,
    query: PengaturanQuery,
    body: BankForm,
    fields: BANK_FIELDS,
    show: (req, reply, state) => settingsPage(req, reply, req.params.bankId, state),
    save: async (req) => {
      const { bankId } = req.params;
      const user = userOf(req);
      await cityTx(req, (trx) =>
        updateBank(
          trx,
          user,
          bankId,
          bankInputFrom(req.body, { creating: false, mayMove: can(user, KELOLA) }),
        ),
      );
      return cityPath(req, `/bank-sampah/${bankId}/pengaturan?ok=diubah`);
    },
  });
}
