/**
 * The city settings: profile, contact, logo and the modules switched on.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, raw } from '../../../platform/web/html.ts';
import {
  formValues,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { LOGO_MAX_BYTES, moduleSwitches, saveSettings, sniffLogo, type Logo } from '../settings-service.ts';
import { SettingsForm } from '../schemas.ts';
import { SETTINGS_ACCESS, problemMessages, listOf } from './parts.ts';

// ---- Settings ----

interface SettingsView {
  values?: FormValues;
  modules?: string[];
  errors?: FormErrors;
  error?: string;
  saved?: boolean;
  status?: number;
}

function settingsValues(city: City): FormValues {
  return {
    name: city.name,
    tagline: city.tagline ?? '',
    alamat: city.contact.alamat ?? '',
    telepon: city.contact.telepon ?? '',
    email: city.contact.email ?? '',
    situs: city.contact.situs ?? '',
  };
}

function renderSettings(
  req: FastifyRequest,
  reply: FastifyReply,
  catalogue: readonly ModuleInfo[],
  o: SettingsView,
): FastifyReply {
  const t = req.t;
  const city = cityOf(req);
  const v = o.values ?? settingsValues(city);
  const e = o.errors ?? {};
  const switches = moduleSwitches(city, catalogue);
  const on = o.modules ?? switches.filter((s) => s.enabled).map((s) => s.name);
  const core = catalogue.filter((m) => !m.optional);
  return sendPage(req, reply, {
    title: t('kota.settings.title'),
    status: o.status ?? 200,
    body: html`<section class="narrow">
      <h1>${t('kota.settings.title')}</h1>
      ${flash(o.saved ? t('form.saved') : undefined)} ${errorSummary(t, e, o.error)}
      <form
        method="post"
        action="${cityPath(req, '/kota/pengaturan')}"
        enctype="multipart/form-data"
        novalidate
      >
        ${csrfField(req)}
        <fieldset>
          <legend>${t('kota.settings.profile')}</legend>
          ${field({ name: 'name', label: t('kota.settings.name'), value: v.name, required: true, error: e.name, attrs: raw('maxlength="120"') })}
          ${field({ name: 'tagline', label: t('kota.settings.tagline'), value: v.tagline, error: e.tagline, hint: t('kota.settings.taglineHint'), attrs: raw('maxlength="200"') })}
        </fieldset>
        <fieldset>
          <legend>${t('kota.settings.contact')}</legend>
          ${field({ name: 'alamat', label: t('city.address'), value: v.alamat, error: e.alamat, autocomplete: 'street-address' })}
          ${field({ name: 'telepon', label: t('city.phone'), type: 'tel', value: v.telepon, error: e.telepon, hint: t('kota.settings.phoneHint') })}
          ${field({ name: 'email', label: t('auth.email'), type: 'email', value: v.email, error: e.email })}
          ${field({ name: 'situs', label: t('city.website'), type: 'url', value: v.situs, error: e.situs, hint: t('kota.settings.websiteHint') })}
        </fieldset>
        <fieldset id="f-modules" ${e.modules ? raw(' aria-describedby="f-modules-err"') : ''}>
          <legend>${t('kota.settings.modules')}</legend>
          ${core.length ? html`<p class="hint">${t('kota.settings.coreModules')}: ${core.map((m, i) => html`${i ? ', ' : ''}${t(m.label)}`)}</p>` : ''}
          ${
            switches.length
              ? html`<ul class="checks">
                  ${switches.map(
                    (s) =>
                      html`<li>
                        <label
                          ><input
                            type="checkbox"
                            name="modules"
                            value="${s.name}"
                            ${on.includes(s.name) ? raw('checked') : ''}
                          />
                          ${t(s.label)}</label
                        >
                      </li>`,
                  )}
                </ul>`
              : html`<p>${t('kota.settings.noOptionalModules')}</p>`
          }
          ${e.modules ? html`<p class="error" id="f-modules-err">${e.modules}</p>` : ''}
        </fieldset>
        <fieldset>
          <legend>${t('kota.settings.logo')}</legend>
          ${
            city.hasLogo
              ? html`<p>
                  <img
                    src="/${city.slug}/logo?v=${city.logoVersion}"
                    alt="${t('kota.settings.currentLogo', { city: city.name })}"
                    width="96"
                    height="96"
                  />
                </p>`
              : html`<p>${t('kota.settings.noLogo')}</p>`
          }
          ${field({
            name: 'logo',
            label: t('kota.settings.logoFile'),
            type: 'file',
            error: e.logo,
            hint: t('kota.settings.logoHint', { max: LOGO_MAX_BYTES / 1024 }),
            attrs: raw('accept="image/png,image/jpeg,image/webp,image/svg+xml"'),
          })}
          ${
            city.hasLogo
              ? html`<div class="field">
                  <label
                    ><input type="checkbox" name="hapusLogo" value="1" />
                    ${t('kota.settings.removeLogo')}</label
                  >
                </div>`
              : ''
          }
        </fieldset>
        <button type="submit" class="button primary">${t('form.save')}</button>
      </form>
    </section>`,
  });
}

const OkQuery = Type.Object({ ok: Type.Optional(Type.Literal('1')) }, { additionalProperties: false });

export function settingsPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/kota/pengaturan',
    { schema: { params: CityParams, querystring: OkQuery }, config: SETTINGS_ACCESS },
    async (req, reply) => renderSettings(req, reply, ctx.modules, { saved: req.query.ok === '1' }),
  );

  app.post(
    '/:city/kota/pengaturan',
    { schema: { params: CityParams, body: SettingsForm }, attachValidation: true, config: SETTINGS_ACCESS },
    async (req, reply) => {
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const values = formValues(raw, ['name', 'tagline', 'alamat', 'telepon', 'email', 'situs']);
      const chosen = listOf(raw.modules);
      if (req.validationError) {
        return renderSettings(req, reply, ctx.modules, {
          values,
          modules: chosen,
          errors: validationErrors(req),
          status: 400,
        });
      }
      const body = req.body;
      const city = cityOf(req);
      try {
        const hasFile = Buffer.isBuffer(body.logo) && body.logo.length > 0;
        if (hasFile && body.hapusLogo) {
          return renderSettings(req, reply, ctx.modules, {
            values,
            modules: chosen,
            errors: { logo: req.t('kota.logo.both') },
            status: 400,
          });
        }
        const logo: Logo | null | undefined = hasFile
          ? sniffLogo(body.logo)
          : body.hapusLogo
            ? null
            : undefined;
        await cityTx(req, (trx) =>
          saveSettings(
            trx,
            city.id,
            {
              name: body.name,
              tagline: body.tagline ?? null,
              contact: { alamat: body.alamat, telepon: body.telepon, email: body.email, situs: body.situs },
              modules: body.modules ?? [],
            },
            ctx.modules,
            logo,
          ),
        );
      } catch (err) {
        const p = problemMessages(req, err);
        const errors = Object.fromEntries(
          Object.entries(p.errors).map(([k, v]) => [k.replace(/^contact\./, ''), v]),
        );
        return renderSettings(req, reply, ctx.modules, {
          values,
          modules: chosen,
          errors,
          ...(p.message ? { error: p.message } : {}),
          status: p.status,
        });
      }
      return reply.redirect(cityPath(req, '/kota/pengaturan?ok=1'), 303);
    },
  );
}
