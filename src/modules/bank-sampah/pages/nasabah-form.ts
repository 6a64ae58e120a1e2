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
  submitForm,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { kelurahanGroups, type KelurahanGroups } from '../tempat-service.ts';
import { getBank } from '../bank-service.ts';
import { nasabahForEdit, registerNasabah, updateNasabah } from '../nasabah-service.ts';
import { BankParams, NasabahForm, NasabahParams } from '../admin-schemas.ts';
import { forUser, kelurahanChoices, bankCrumbs, nasabahInputFrom, NASABAH_FIELDS } from './admin-parts.ts';

function nasabahFields(
  req: FastifyRequest,
  groups: KelurahanGroups,
  v: FormValues,
  e: FormErrors,
  o: { creating: boolean; hasNik: boolean; nikMasked: string | null },
): SafeHtml {
  const t = req.t;
  return html`${selectField({
      name: 'jenis',
      label: t('bankSampah.admin.nasabah.jenis'),
      error: e.jenis,
      options: html`${option('rumah_tangga', t('bankSampah.admin.jenisNasabah.rumah_tangga'), v.jenis || 'rumah_tangga')}
      ${option('lembaga', t('bankSampah.admin.jenisNasabah.lembaga'), v.jenis)}`,
    })}
    ${field({ name: 'nama', label: t('bankSampah.admin.nama'), value: v.nama, required: true, error: e.nama, autocomplete: 'off' })}
    ${o.creating ? field({ name: 'nomor', label: t('bankSampah.admin.nasabah.nomor'), value: v.nomor, error: e.nomor, hint: t('bankSampah.admin.nasabah.nomorHint'), autocomplete: 'off' }) : ''}
    <fieldset>
      <legend>${t('bankSampah.admin.nasabah.rwLegend')}</legend>
      ${selectField({ name: 'kelurahanKode', label: t('bankSampah.admin.kelurahan'), error: e.kelurahanKode, options: kelurahanChoices(t, groups, v.kelurahanKode, t('bankSampah.admin.pilihKelurahan')) })}
      ${field({ name: 'rwNomor', label: t('bankSampah.admin.nasabah.rwNomor'), type: 'number', value: v.rwNomor, error: e.rwNomor ?? e.rwId, hint: t('bankSampah.admin.nasabah.rwHint'), attrs: html`min="1" max="999" inputmode="numeric"` })}
    </fieldset>
    ${field({ name: 'alamat', label: t('bankSampah.admin.alamat'), value: v.alamat, error: e.alamat, autocomplete: 'off' })}
    ${field({ name: 'telepon', label: t('bankSampah.admin.telepon'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('bankSampah.admin.teleponHint'), autocomplete: 'off' })}
    <fieldset>
      <legend>${t('bankSampah.admin.nasabah.nikLegend')}</legend>
      <p class="hint">${t('bankSampah.admin.nasabah.nikIntro')}</p>
      ${o.hasNik ? html`<p>${t('bankSampah.admin.nasabah.nikTersimpan', { nik: o.nikMasked ?? '' })}</p>` : ''}
      ${field({ name: 'nik', label: o.hasNik ? t('bankSampah.admin.nasabah.nikBaru') : t('bankSampah.admin.nasabah.nik'), value: v.nik, error: e.nik, hint: t('bankSampah.admin.nasabah.nikHint'), autocomplete: 'off', attrs: html`inputmode="numeric" maxlength="16"` })}
      ${field({ name: 'nikTujuan', label: t('bankSampah.admin.nasabah.nikTujuan'), value: v.nikTujuan, error: e.nikTujuan, hint: t('bankSampah.admin.nasabah.nikTujuanHint'), autocomplete: 'off' })}
      ${o.hasNik ? checkbox({ name: 'hapusNik', label: t('bankSampah.admin.nasabah.hapusNik'), checked: v.hapusNik === '1' }) : ''}
    </fieldset>
    ${field({ name: 'userEmail', label: t('bankSampah.admin.nasabah.akunEmail'), type: 'email', value: v.userEmail, error: e.userEmail, hint: t('bankSampah.admin.nasabah.akunHint'), autocomplete: 'off' })}
    ${o.creating ? '' : checkbox({ name: 'aktif', label: t('bankSampah.admin.nasabah.aktifLabel'), checked: v.aktif === '1', hint: t('bankSampah.admin.nasabah.aktifHint') })}`;
}

async function newNasabahPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  o: { values?: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, groups } = await cityTx(req, async (trx) => {
    const bank = await getBank(trx, user, bankId);
    if (!bank.hak.transaksi) throw new HttpProblem(403, 'error.forbidden');
    return { bank, groups: await kelurahanGroups(trx, user.tenantId) };
  });
  const e = o.errors ?? {};
  const values = o.values ?? {
    jenis: 'rumah_tangga',
    kelurahanKode: bank.kelurahanKode ?? '',
    rwNomor: bank.rwNomor !== null ? String(bank.rwNomor) : '',
  };
  return sendPage(req, reply, {
    title: t('bankSampah.admin.nasabah.add'),
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [
        {
          href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`),
          label: t('bankSampah.admin.menu.nasabah'),
        },
        { label: t('bankSampah.admin.nasabah.add') },
      ])}
      <section class="narrow">
        <h1>${t('bankSampah.admin.nasabah.add')}</h1>
        <p class="lead">${t('bankSampah.admin.nasabah.addIntro', { bank: bank.nama })}</p>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, `/bank-sampah/${bank.id}/nasabah`)}" novalidate>
          ${csrfField(req)}
          ${nasabahFields(req, groups, values, e, { creating: true, hasNik: false, nikMasked: null })}
          <button type="submit" class="primary">${t('bankSampah.admin.nasabah.register')}</button>
          <a href="${cityPath(req, `/bank-sampah/${bank.id}/nasabah`)}">${t('form.cancel')}</a>
        </form>
      </section>`,
  });
}

async function editNasabahPage(
  req: FastifyRequest,
  reply: FastifyReply,
  bankId: string,
  nasabahId: string,
  o: { values?: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const { bank, n, groups } = await cityTx(req, async (trx) => ({
    bank: await getBank(trx, user, bankId),
    n: await nasabahForEdit(trx, user, bankId, nasabahId),
    groups: await kelurahanGroups(trx, user.tenantId),
  }));
  if (n.jenis === 'bank_unit') throw new HttpProblem(409, 'bankSampah.admin.err.nasabahBankUnit');
  const e = o.errors ?? {};
  const values = o.values ?? {
    jenis: n.jenis,
    nama: n.nama,
    kelurahanKode: n.rw?.kelurahanKode ?? '',
    rwNomor: n.rw ? String(n.rw.nomor) : '',
    alamat: n.alamat ?? '',
    telepon: n.teleponLengkap ?? '',
    nikTujuan: n.nikTujuan ?? '',
    userEmail: n.akunEmail ?? '',
    aktif: n.aktif ? '1' : '',
  };
  const title = t('bankSampah.admin.nasabah.editTitle', { nama: n.nama });
  const base = `/bank-sampah/${bank.id}/nasabah/${n.id}`;
  return sendPage(req, reply, {
    title,
    status: o.status ?? 200,
    body: html`${bankCrumbs(req, bank, [
        {
          href: cityPath(req, `/bank-sampah/${bank.id}/nasabah`),
          label: t('bankSampah.admin.menu.nasabah'),
        },
        { href: cityPath(req, base), label: n.nama },
        { label: t('bankSampah.admin.nasabah.edit') },
      ])}
      <section class="narrow">
        <h1>${title}</h1>
        <p class="lead">${t('bankSampah.admin.nasabah.nomorLabel', { nomor: n.nomor })}</p>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, base)}" novalidate>
          ${csrfField(req)}
          ${nasabahFields(req, groups, values, e, { creating: false, hasNik: n.nik !== null, nikMasked: n.nik })}
          <button type="submit" class="primary">${t('form.save')}</button>
          <a href="${cityPath(req, base)}">${t('form.cancel')}</a>
        </form>
      </section>`,
  });
}

export function nasabahFormPage(app: BalaiApp, ctx: ModuleContext): void {
  const dataKey = ctx.config.dataKey;

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/baru',
    { schema: { params: BankParams }, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      return newNasabahPage(req, reply, bankId, {});
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah',
    { schema: { params: BankParams, body: NasabahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId } = req.params;
      const b = req.body;
      return submitForm(
        req,
        reply,
        NASABAH_FIELDS,
        (failed) => newNasabahPage(req, reply, bankId, failed),
        async () => {
          const n = await cityTx(req, (trx) =>
            registerNasabah(trx, userOf(req), bankId, nasabahInputFrom(b, true), dataKey),
          );
          return cityPath(req, `/bank-sampah/${bankId}/nasabah/${n.id}?ok=dibuat`);
        },
      );
    },
  );

  app.get(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId/ubah',
    { schema: { params: NasabahParams }, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      return editNasabahPage(req, reply, bankId, nasabahId, {});
    },
  );

  app.post(
    '/:city/bank-sampah/:bankId/nasabah/:nasabahId',
    { schema: { params: NasabahParams, body: NasabahForm }, attachValidation: true, config: forUser },
    async (req, reply) => {
      const { bankId, nasabahId } = req.params;
      const b = req.body;
      return submitForm(
        req,
        reply,
        NASABAH_FIELDS,
        (failed) => editNasabahPage(req, reply, bankId, nasabahId, failed),
        async () => {
          await cityTx(req, (trx) =>
            updateNasabah(trx, userOf(req), bankId, nasabahId, nasabahInputFrom(b, false), dataKey),
          );
          return cityPath(req, `/bank-sampah/${bankId}/nasabah/${nasabahId}?ok=diubah`);
        },
      );
    },
  );
}
