/** A new bank (unit or induk), for officers with bank-sampah.kelola. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext } from '../../../platform/module.ts';
import { cityTx, userOf } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, sendPage } from '../../../platform/web/layout.ts';
import { formPost } from '../../../platform/web/screen.ts';
import { html } from '../../../platform/web/html.ts';
import { breadcrumbs, type FormErrors, type FormValues } from '../../../platform/web/components.ts';
import { can } from '../../../platform/auth/roles.ts';
import { KELOLA } from '../permissions.ts';
import { kelurahanForNewBank } from '../tempat-service.ts';
import { createBank } from '../bank-service.ts';
import { BankForm } from '../admin-schemas.ts';
import { kelola, bankInputFrom, BANK_FIELDS } from './admin-parts.ts';
import { bankFormData, bankFields, bankForm } from './bank-fields.ts';

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
        ${bankForm(
          req,
          {
            action: cityPath(req, '/bank-sampah'),
            submit: t('bankSampah.admin.bank.create'),
            cancel: cityPath(req, '/bank-sampah'),
            errors: e,
          },
          bankFields(req, d, o.values, e, {
            creating: true,
            mayMove: true,
            tingkat: o.values.tingkat === 'induk' ? 'induk' : 'unit',
            mayInduk: can(user, KELOLA, user.tenantId),
          }),
        )}
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

  formPost(app, {
    path: '/:city/bank-sampah',
    access: { permission: KELOLA },
    params: CityParams,
    body: BankForm,
    fields: BANK_FIELDS,
    show: (req, reply, failed) => newBankPage(req, reply, { ...failed, values: failed.values ?? {} }),
    save: async (req) => {
      const bank = await cityTx(req, (trx) =>
        createBank(trx, userOf(req), bankInputFrom(req.body, { creating: true, mayMove: true })),
      );
      return cityPath(req, `/bank-sampah/${bank.id}/pengaturan?ok=dibuat`);
    },
  });
}
