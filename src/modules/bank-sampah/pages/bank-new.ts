/** A new bank (unit or induk), for officers with bank-sampah.kelola. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  breadcrumbs,
  submitForm,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { kelurahanForNewBank } from '../tempat-service.ts';
import { createBank } from '../bank-service.ts';
import { BankForm } from '../admin-schemas.ts';
import { kelola, bankInputFrom, BANK_FIELDS } from './admin-parts.ts';
import { bankFormData, bankFields } from './bank-fields.ts';

async function newBankPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { values: FormValues; errors?: FormErrors; status?: number },
) {
  const t = req.t;
  const user = userOf(req);
  const d = await bankFormData(req);
  const e = o.errors ?? {};
  return sendPage(req, reply, {
    title: t('bankSampah.admin.bank.add'),
    status: o.status ?? 200,
    body: html`${breadcrumbs(t('bankSampah.admin.breadcrumbs'), [
        { href: cityPath(req, '/bank-sampah'), label: t('bankSampah.nav.bank') },
        { label: t('bankSampah.admin.bank.add') },
      ])}
      <section class="narrow">
        <h1>${t('bankSampah.admin.bank.add')}</h1>
        <p class="lead">${t('bankSampah.admin.bank.addIntro')}</p>
        ${errorSummary(t, e)}
        <form method="post" action="${cityPath(req, '/bank-sampah')}" novalidate>
          ${csrfField(req)}
          ${bankFields(req, d, o.values, e, {
            creating: true,
            mayMove: true,
            tingkat: o.values.tingkat === 'induk' ? 'induk' : 'unit',
            mayInduk: can(user, KELOLA, user.tenantId),
          })}
          <button type="submit" class="primary">${t('bankSampah.admin.bank.create')}</button>
          <a href="${cityPath(req, '/bank-sampah')}">${t('form.cancel')}</a>
        </form>
      </section>`,
  });
}

export function bankNewPage(app: BalaiApp, _ctx: ModuleContext): void {
  app.get(
    '/:city/bank-sampah/baru',
    { schema: { params: CityParams }, config: kelola },
    async (req, reply) => {
      const user = userOf(req);
      const groups = await cityTx(req, (trx) => kelurahanForNewBank(trx, user));
      const only =
        groups.length === 1 && groups[0]!.kelurahan.length === 1 ? groups[0]!.kelurahan[0]!.kode : undefined;
      return newBankPage(req, reply, {
        values: { tingkat: 'unit', lembaga: 'rw', kelurahanKode: only ?? '' },
      });
    },
  );

  app.post(
    '/:city/bank-sampah',
    { schema: { params: CityParams, body: BankForm }, attachValidation: true, config: kelola },
    async (req, reply) => {
      const user = userOf(req);
      const b = req.body;
      return submitForm(
        req,
        reply,
        BANK_FIELDS,
        (failed) => newBankPage(req, reply, failed),
        async () => {
          const bank = await cityTx(req, (trx) =>
            createBank(trx, user, bankInputFrom(b, { creating: true, mayMove: true })),
          );
          return cityPath(req, `/bank-sampah/${bank.id}/pengaturan?ok=dibuat`);
        },
      );
    },
  );
}
