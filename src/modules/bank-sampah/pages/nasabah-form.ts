/** Registering a member and changing one (the NIK stored encrypted, shown masked). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { cityPath, csrfField, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  checkbox,
  option,
  selectField,
  type FailedForm,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formPost } from '../../../platform/web/screen.ts';
import { kelurahanGroups, type KelurahanGroups } from '../tempat-service.ts';
import { getBank } from '../bank-service.ts';
import { nasabahForEdit, registerNasabah, updateNasabah } from '../nasabah-service.ts';
import { BankParams, NasabahForm, NasabahParams } from '../admin-schemas.ts';
import { NASABAH_FIELDS, NASABAH_FORM_NAMES, onForm, type NasabahField } from '../nasabah-fields.ts';
import { forUser, kelurahanChoices, bankCrumbs, nasabahInputFrom } from './admin-parts.ts';

interface FormOptions {
  creating: boolean;
  hasNik: boolean;
  nikMasked: string | null;
}

/** The control of one declared field (nasabah-fields.ts); the RW and the NIK are fieldsets of their own. */
function nasabahControl(
  req: FastifyRequest,
  f: NasabahField,
  groups: KelurahanGroups,
  v: FormValues,
  e: FormErrors,
  o: FormOptions,
): SafeHtml {
  const t = req.t;
  const hint = f.hint ? t(f.hint) : undefined;
  switch (f.kind) {
    case 'select':
      return selectField({
        name: f.name,
        label: t(f.label),
        error: e[f.name],
        options: f.options.map((x) => option(x, t(`${f.optionLabel}${x}`), v[f.name] || f.default)),
      });
    case 'rw':
      return html`<fieldset>
        <legend>${t('bankSampah.admin.nasabah.rwLegend')}</legend>
        ${selectField({ name: 'kelurahanKode', label: t('bankSampah.admin.kelurahan'), error: e.kelurahanKode, options: kelurahanChoices(t, groups, v.kelurahanKode, t('bankSampah.admin.pilihKelurahan')) })}
        ${field({ name: 'rwNomor', label: t('bankSampah.admin.nasabah.rwNomor'), type: 'number', value: v.rwNomor, error: e.rwNomor ?? e.rwId, hint: t('bankSampah.admin.nasabah.rwHint'), attrs: html`min="1" max="999" inputmode="numeric"` })}
      </fieldset>`;
    case 'nik':
      return html`<fieldset>
        <legend>${t('bankSampah.admin.nasabah.nikLegend')}</legend>
        <p class="hint">${t('bankSampah.admin.nasabah.nikIntro')}</p>
        ${o.hasNik ? html`<p>${t('bankSampah.admin.nasabah.nikTersimpan', { nik: o.nikMasked ?? '' })}</p>` : ''}
        ${field({ name: 'nik', label: o.hasNik ? t('bankSampah.admin.nasabah.nikBaru') : t(f.label), value: v.nik, error: e.nik, hint: t('bankSampah.admin.nasabah.nikHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="16"` })}
        ${field({ name: 'nikTujuan', label: t('bankSampah.admin.nasabah.nikTujuan'), value: v.nikTujuan, error: e.nikTujuan, hint: t('bankSampah.admin.nasabah.nikTujuanHint'), autocomplete: 'off' })}
        ${o.hasNik ? checkbox({ name: 'hapusNik', label: t('bankSampah.admin.nasabah.hapusNik'), checked: v.hapusNik === '1' }) : ''}
      </fieldset>`;
    case 'aktif':
      return checkbox({ name: f.name, label: t(f.label), checked: v[f.name] === '1', hint });
    default:
      return field({
        name: f.name,
        label: t(f.label),
        type: INPUT_TYPE[f.kind],
        value: v[f.name],
        required: f.kind === 'text' && f.required,
        error: e[f.name],
        hint,
        autocomplete: 'off',
      });
  }
}

const INPUT_TYPE: Record<'text' | 'phone' | 'nomor' | 'akun', string> = {
  text: 'text',
  phone: 'tel',
  nomor: 'text',
  akun: 'email',
};

/** The form's values for a member as stored (full phone numbers, never the NIK itself). */
function storedValues(n: Awaited<ReturnType<typeof nasabahForEdit>>): FormValues {
  const values: FormValues = {
    jenis: n.jenis,
    kelurahanKode: n.rw?.kelurahanKode ?? '',
    rwNomor: n.rw ? String(n.rw.nomor) : '',
    nikTujuan: n.nikTujuan ?? '',
    userEmail: n.akunEmail ?? '',
    aktif: n.aktif ? '1' : '',
  };
  for (const [name, value] of Object.entries(n.lengkap)) values[name] = value ?? '';
  return values;
}

/** The register or edit form of a member, with its trail, title and errors. */
function formBody(
  req: FastifyRequest,
  bank: { id: string; nama: string },
  groups: KelurahanGroups,
  o: FormOptions & {
    values: FormValues;
    errors: FormErrors;
    title: string;
    lead: string;
    action: string;
    back: string;
    crumbs: { href?: string; label: string }[];
    submit: string;
  },
): SafeHtml {
  const t = req.t;
  const fields = (NASABAH_FIELDS as readonly NasabahField[]).filter((f) => onForm(f, o.creating));
  return html`${bankCrumbs(req, bank, [
      { href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`), label: t('bankSampah.admin.menu.nasabah') },
      ...o.crumbs,
    ])}
    <section class="narrow">
      <h1>${o.title}</h1>
      <p class="lead">${o.lead}</p>
      ${errorSummary(t, o.errors)}
      <form method="post" action="${cityPath(req, o.action)}" novalidate>
        ${csrfField(req)} ${fields.map((f) => nasabahControl(req, f, groups, o.values, o.errors, o))}
        <button type="submit" class="primary">${o.submit}</button>
        <a href="${cityPath(req, o.back)}">${t('form.cancel')}</a>
      </form>
    </section>`;
}

async function newNasabahPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: Partial<FailedForm>,
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, groups } = await cityTx(req, async (trx) => {
    const bank = await getBank(trx, user, bankId);
    if (!bank.hak.transaksi) throw new HttpProblem(403, 'error.forbidden');
    return { bank, groups: await kelurahanGroups(trx, user.tenantId) };
  });
  const title = t('bankSampah.admin.nasabah.add');
  const list = `/bank-sampah/${bank.id}/nasabah`;
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: formBody(req, bank, groups, {
      creating: true,
      hasNik: false,
      nikMasked: null,
      values: o.values ?? {
        kelurahanKode: bank.kelurahanKode ?? '',
        rwNomor: bank.rwNomor !== null ? String(bank.rwNomor) : '',
      },
      errors: o.errors ?? {},
      title,
      lead: t('bankSampah.admin.nasabah.addIntro', { bank: bank.nama }),
      action: list,
      back: list,
      crumbs: [{ label: title }],
      submit: t('bankSampah.admin.nasabah.register'),
    }),
  });
}

async function editNasabahPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  nasabahId: string,
  o: Partial<FailedForm>,
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, n, groups } = await cityTx(req, async (trx) => ({
    bank: await getBank(trx, user, bankId),
    n: await nasabahForEdit(trx, user, bankId, nasabahId),
    groups: await kelurahanGroups(trx, user.tenantId),
  }));
  if (n.jenis === 'bank_unit') throw new HttpProblem(409, 'bankSampah.admin.err.nasabahBankUnit');
  const title = t('bankSampah.admin.nasabah.editTitle', { nama: n.nama });
  const base = `/bank-sampah/${bank.id}/nasabah/${n.id}`;
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: formBody(req, bank, groups, {
      creating: false,
      hasNik: n.nik !== null,
      nikMasked: n.nik,
      values: o.values ?? storedValues(n),
      errors: o.errors ?? {},
      title,
      lead: t('bankSampah.admin.nasabah.nomorLabel', { nomor: n.nomor }),
      action: base,
      back: base,
      crumbs: [{ href: cityPath(req, base), label: n.nama }, { label: t('bankSampah.admin.nasabah.edit') }],
      submit: t('form.save'),
    }),
  });
}

export function nasabahFormPage(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/baru',
    { schema: { params: BankParams }, config: forUser },
    async (req, reply) => newNasabahPage(req, reply, req.params.bankId, {}),
  );
  formPost(app, {
    path: '/:city/bank-sampah/:bankId/nasabah',
    access: 'user',
    params: BankParams,
    body: NasabahForm,
    fields: NASABAH_FORM_NAMES,
    show: (req, reply, failed) => newNasabahPage(req, reply, req.params.bankId, failed),
    save: async (req) => {
      const { bankId } = req.params;
      const input = nasabahInputFrom(req.body, true);
      const n = await cityTx(req, (trx) => registerNasabah(trx, userOf(req), bankId, input, dataKey));
      return cityPath(req, `/bank-sampah/${bankId}/nasabah/${n.id}?ok=dibuat`);
    },
  });

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/ubah',
    { schema: { params: NasabahParams }, config: forUser },
    async (req, reply) => editNasabahPage(req, reply, req.params.bankId, req.params.nasabahId, {}),
  );
  formPost(app, {
    path: '/:city/bank-sampah/:bankId/nasabah/:nasabahId',
    access: 'user',
    params: NasabahParams,
    body: NasabahForm,
    fields: NASABAH_FORM_NAMES,
    show: (req, reply, failed) =>
      editNasabahPage(req, reply, req.params.bankId, req.params.nasabahId, failed),
    save: async (req) => {
      const { bankId, nasabahId } = req.params;
      const input = nasabahInputFrom(req.body, false);
      await cityTx(req, (trx) => updateNasabah(trx, userOf(req), bankId, nasabahId, input, dataKey));
      return cityPath(req, `/bank-sampah/${bankId}/nasabah/${nasabahId}?ok=diubah`);
    },
  });
}
