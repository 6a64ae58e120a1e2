/**
 * A new account: the form, and the page that shows its one-time password.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html } from '../../../platform/web/html.ts';
import {
  formValues,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { PASSWORD_MIN } from '../../../platform/auth/passwords.ts';
import { createAccount } from '../users-service.ts';
import { cityAreas, type Area } from '../../wilayah/api.ts';
import { NewUserForm } from '../schemas.ts';
import { USERS_ACCESS, problemMessages, oneTimePassword, roleFields } from './parts.ts';

function renderNewUser(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: { areas: Area[]; catalogue: readonly ModuleInfo[] },
  o: { values?: FormValues; errors?: FormErrors; error?: string; status?: number },
): FastifyReply {
  const t = req.t;
  const city = cityOf(req);
  const v = o.values ?? {};
  const e = o.errors ?? {};
  return sendPage(req, reply, {
    title: t('kota.users.newTitle'),
    status: o.status ?? 200,
    body: html`<section class="narrow">
      <p><a href="${cityPath(req, '/kota/pengguna')}">${t('kota.users.back')}</a></p>
      <h1>${t('kota.users.newTitle')}</h1>
      <p>${t('kota.users.newIntro', { min: PASSWORD_MIN })}</p>
      ${errorSummary(t, e, o.error)}
      <form method="post" action="${cityPath(req, '/kota/pengguna/baru')}" novalidate>
        ${csrfField(req)}
        <fieldset>
          <legend>${t('kota.users.person')}</legend>
          ${field({ name: 'name', label: t('auth.name'), value: v.name, required: true, error: e.name, autocomplete: 'off' })}
          ${field({ name: 'email', label: t('auth.email'), type: 'email', value: v.email, required: true, error: e.email, autocomplete: 'off' })}
          ${field({ name: 'phone', label: t('auth.phoneOptional'), type: 'tel', value: v.phone, error: e.phone, hint: t('kota.users.phoneHint'), autocomplete: 'off' })}
        </fieldset>
        <fieldset>
          <legend>${t('kota.users.firstRole')}</legend>
          ${roleFields(t, ctx.areas, city, ctx.catalogue, { values: v, errors: e })}
        </fieldset>
        <button type="submit" class="button primary">${t('kota.users.create')}</button>
      </form>
    </section>`,
  });
}

async function pickerData(req: FastifyRequest, catalogue: readonly ModuleInfo[]) {
  const city = cityOf(req);
  return { areas: await cityTx(req, (trx) => cityAreas(trx, city.id)), catalogue };
}

export function userFormPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/kota/pengguna/baru',
    { schema: { params: CityParams }, config: USERS_ACCESS },
    async (req, reply) => renderNewUser(req, reply, await pickerData(req, ctx.modules), {}),
  );

  app.post(
    '/:city/kota/pengguna/baru',
    { schema: { params: CityParams, body: NewUserForm }, attachValidation: true, config: USERS_ACCESS },
    async (req, reply) => {
      const t = req.t;
      const values = formValues(req.body, ['name', 'email', 'phone', 'role', 'areaKode', 'rw', 'module']);
      const picker = await pickerData(req, ctx.modules);
      if (req.validationError) {
        return renderNewUser(req, reply, picker, {
          values,
          errors: validationErrors(req),
          status: 400,
        });
      }
      const body = req.body;
      const city = cityOf(req);
      let created;
      try {
        created = await cityTx(req, (trx) =>
          createAccount(
            trx,
            city.id,
            {
              name: body.name,
              email: body.email,
              phone: body.phone || null,
              role: body.role,
              areaKode: body.areaKode,
              rw: body.rw === '' ? undefined : body.rw,
              module: body.module || null,
            },
            picker.catalogue.map((m) => m.name),
          ),
        );
      } catch (err) {
        const p = problemMessages(req, err);
        return renderNewUser(req, reply, picker, {
          values,
          errors: p.errors,
          ...(p.message ? { error: p.message } : {}),
          status: p.status,
        });
      }
      const u = created.account;
      return sendPage(req, reply, {
        title: t('kota.users.createdTitle'),
        status: 201,
        body: html`<section class="narrow">
          <h1>${t('kota.users.createdTitle')}</h1>
          <p>${t('kota.users.createdIntro', { name: u.name, email: u.email })}</p>
          ${oneTimePassword(t, u.name, created.temporaryPassword, t('kota.password.title'))}
          <p>
            <a class="button primary" href="${cityPath(req, `/kota/pengguna/${u.id}`)}"
              >${t('kota.users.openAccount')}</a
            >
            <a class="button" href="${cityPath(req, '/kota/pengguna/baru')}"
              >${t('kota.users.createAnother')}</a
            >
          </p>
        </section>`,
      });
    },
  );
}
