/**
 * JSON API of the city settings: profile, contact, modules and logo.
 */
import type { FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { apiRoutes } from '../../platform/http/api-route.ts';
import { notFound } from '../../platform/http/problem.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { cityOut } from '../../platform/http/platform-routes.ts';
import { findCityBySlug, type City } from '../../platform/tenancy/service.ts';
import { moduleSwitches, saveSettings, sniffLogo } from './settings-service.ts';
import { LogoUpload, SettingsOut, SettingsPatch } from './schemas.ts';
import { API_TAGS, API_BASE } from './schemas.ts';
import { SETTINGS_ACCESS } from './permissions.ts';

export function settingsOut(
  req: FastifyRequest,
  city: City,
  catalogue: readonly ModuleInfo[],
): Static<typeof SettingsOut> {
  const { demo: _demo, ...shown } = cityOut(city);
  return {
    ...shown,
    availableModules: moduleSwitches(city, catalogue).map((m) => ({ ...m, label: req.t(m.label) })),
  };
}

/** The city as stored now (req.city was read before this request's changes). */
async function freshCity(ctx: ModuleContext, req: FastifyRequest): Promise<City> {
  const city = await findCityBySlug(ctx.db, cityOf(req).slug);
  if (!city) throw notFound('error.cityNotFound');
  return city;
}

export function settingsRoutes(app: BalaiApp, ctx: ModuleContext): void {
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- Settings ----

  api.get(
    '/settings',
    { summary: "The city's settings", params: CityParams, out: SettingsOut, access: SETTINGS_ACCESS.access },
    (req) => settingsOut(req, cityOf(req), ctx.modules),
  );

  api.patch(
    '/settings',
    {
      summary: "Change the city's name, tagline, contact or optional modules",
      description:
        'Absent fields stay as they are; `contact` replaces the whole contact; `modules` lists the optional modules that are on.',
      params: CityParams,
      body: SettingsPatch,
      out: SettingsOut,
      access: SETTINGS_ACCESS.access,
    },
    async (req) => {
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, req.body, ctx.modules));
      return settingsOut(req, await freshCity(ctx, req), ctx.modules);
    },
  );

  api.put(
    '/settings/logo',
    {
      summary: "Upload the city's logo",
      description:
        'multipart/form-data with the file in field "logo": PNG, JPEG, WebP or SVG (without scripts), at most 512 KB. The type is read from the file itself.',
      consumes: ['multipart/form-data'],
      params: CityParams,
      body: LogoUpload,
      out: SettingsOut,
      access: SETTINGS_ACCESS.access,
    },
    async (req) => {
      const logo = sniffLogo(req.body.logo);
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, {}, ctx.modules, logo));
      return settingsOut(req, await freshCity(ctx, req), ctx.modules);
    },
  );

  api.delete(
    '/settings/logo',
    { summary: "Remove the city's logo", params: CityParams, status: 204, access: SETTINGS_ACCESS.access },
    async (req) => {
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, {}, ctx.modules, null));
    },
  );
}
