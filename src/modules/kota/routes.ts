/**
 * The kota JSON API under /api/v1/cities/:city: settings and logo, accounts and
 * roles, the audit log (JSON and CSV). Routes validate, authorise and call the
 * services; every write is audited by the database trigger.
 */
import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/problem.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { cityOut } from '../../platform/http/platform-routes.ts';
import { findCityBySlug, type City } from '../../platform/tenancy/service.ts';
import { moduleSwitches, saveSettings, sniffLogo } from './settings-service.ts';
import {
  createAccount,
  getAccount,
  grantRole,
  listAccounts,
  resetAccountPassword,
  revokeRole,
  updateAccount,
} from './users-service.ts';
import { auditCsv, listAudit, todayWib } from './audit-service.ts';
import {
  AuditCsvQuery,
  AuditList,
  AuditQuerySchema,
  CreatedUser,
  LogoUpload,
  NewUserBody,
  RoleBody,
  RoleOut,
  RoleParams,
  SettingsOut,
  SettingsPatch,
  TemporaryPassword,
  UserList,
  UserOut,
  UserParams,
  UserPatch,
  UsersQuery,
} from './schemas.ts';

const tags = ['kota'];
const settingsAccess = { access: { permission: 'kota.pengaturan' } };
const usersAccess = { access: { permission: 'kota.pengguna' } };
const auditAccess = { access: { permission: 'kota.audit' } };

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

const base = '/api/v1/cities/:city';

function settingsRoutes(app: BalaiApp, ctx: ModuleContext): void {
  // ---- Settings ----

  app.get(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: "The city's settings",
        params: CityParams,
        response: { 200: SettingsOut, ...errorResponses },
      },
      config: settingsAccess,
    },
    (req) => settingsOut(req, cityOf(req), ctx.modules),
  );

  app.patch(
    `${base}/settings`,
    {
      schema: {
        tags,
        summary: "Change the city's name, tagline, contact or optional modules",
        description:
          'Absent fields stay as they are; `contact` replaces the whole contact; `modules` lists the optional modules that are on.',
        params: CityParams,
        body: SettingsPatch,
        response: { 200: SettingsOut, ...errorResponses },
      },
      config: settingsAccess,
    },
    async (req) => {
      const body = req.body;
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, body, ctx.modules));
      return settingsOut(req, await freshCity(ctx, req), ctx.modules);
    },
  );

  app.put(
    `${base}/settings/logo`,
    {
      schema: {
        tags,
        summary: "Upload the city's logo",
        description:
          'multipart/form-data with the file in field "logo": PNG, JPEG, WebP or SVG (without scripts), at most 512 KB. The type is read from the file itself.',
        consumes: ['multipart/form-data'],
        params: CityParams,
        body: LogoUpload,
        response: { 200: SettingsOut, ...errorResponses },
      },
      config: settingsAccess,
    },
    async (req) => {
      const logo = sniffLogo(req.body.logo);
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, {}, ctx.modules, logo));
      return settingsOut(req, await freshCity(ctx, req), ctx.modules);
    },
  );

  app.delete(
    `${base}/settings/logo`,
    {
      schema: {
        tags,
        summary: "Remove the city's logo",
        params: CityParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: settingsAccess,
    },
    async (req, reply) => {
      const city = cityOf(req);
      await cityTx(req, (trx) => saveSettings(trx, city.id, {}, ctx.modules, null));
      return reply.status(204).send(null);
    },
  );
}

function userRoutes(app: BalaiApp, ctx: ModuleContext): void {
  // ---- Users and roles ----

  app.get(
    `${base}/users`,
    {
      schema: {
        tags,
        summary: 'Accounts of the city (phones masked)',
        params: CityParams,
        querystring: UsersQuery,
        response: { 200: UserList, ...errorResponses },
      },
      config: usersAccess,
    },
    (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listAccounts(trx, { q: q.q, page: q.page ?? 1, perPage: q.perPage ?? 50 }));
    },
  );

  app.post(
    `${base}/users`,
    {
      schema: {
        tags,
        summary: 'Create an account with its first role',
        description: 'Returns a temporary password once; the user must change it at first sign-in.',
        params: CityParams,
        body: NewUserBody,
        response: { 201: CreatedUser, ...errorResponses },
      },
      config: usersAccess,
    },
    async (req, reply) => {
      const body = req.body;
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      const r = await cityTx(req, (trx) => createAccount(trx, city.id, body, names));
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ user: r.account, temporaryPassword: r.temporaryPassword });
    },
  );

  app.get(
    `${base}/users/:userId`,
    {
      schema: {
        tags,
        summary: 'One account',
        params: UserParams,
        response: { 200: UserOut, ...errorResponses },
      },
      config: usersAccess,
    },
    (req) => {
      const { userId } = req.params;
      return cityTx(req, (trx) => getAccount(trx, userId));
    },
  );

  app.patch(
    `${base}/users/:userId`,
    {
      schema: {
        tags,
        summary: 'Change name or phone, activate or deactivate an account',
        description: '`phone: null` removes the number. Deactivating ends the sessions of the account.',
        params: UserParams,
        body: UserPatch,
        response: { 200: UserOut, ...errorResponses },
      },
      config: usersAccess,
    },
    (req) => {
      const { userId } = req.params;
      const body = req.body;
      const me = userOf(req).id;
      return cityTx(req, (trx) => updateAccount(trx, userId, body, me));
    },
  );

  app.post(
    `${base}/users/:userId/roles`,
    {
      schema: {
        tags,
        summary: 'Give an account a role in an area',
        description:
          'The area must be at the level of the role: the city code, a kecamatan, a kelurahan or an RW code <kelurahan>.<nnn>. Petugas dinas also name a module.',
        params: UserParams,
        body: RoleBody,
        response: { 201: RoleOut, ...errorResponses },
      },
      config: usersAccess,
    },
    async (req, reply) => {
      const { userId } = req.params;
      const body = req.body;
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      const role = await cityTx(req, (trx) => grantRole(trx, city.id, userId, body, names));
      return reply.status(201).send(role);
    },
  );

  app.delete(
    `${base}/users/:userId/roles/:roleId`,
    {
      schema: {
        tags,
        summary: 'Remove a role from an account',
        params: RoleParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: usersAccess,
    },
    async (req, reply) => {
      const { userId, roleId } = req.params;
      const me = userOf(req).id;
      await cityTx(req, (trx) => revokeRole(trx, userId, roleId, me));
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/users/:userId/password-reset`,
    {
      schema: {
        tags,
        summary: 'Reset the password of an account',
        description:
          'Returns a temporary password once, ends the sessions of the account and requires a new password at the next sign-in.',
        params: UserParams,
        response: { 200: TemporaryPassword, ...errorResponses },
      },
      config: usersAccess,
    },
    async (req, reply) => {
      const { userId } = req.params;
      const me = userOf(req).id;
      const temporaryPassword = await cityTx(req, (trx) => resetAccountPassword(trx, userId, me));
      return reply.header('cache-control', 'no-store').send({ temporaryPassword });
    },
  );
}

function auditRoutes(app: BalaiApp): void {
  // ---- Audit ----

  app.get(
    `${base}/audit`,
    {
      schema: {
        tags,
        summary: 'The audit log, newest first',
        description:
          'Filters: entity (table), action, user (account id or email), from/to (days in WIB, inclusive), entityId. Phone numbers are masked; redacted values read "[disamarkan]".',
        params: CityParams,
        querystring: AuditQuerySchema,
        response: { 200: AuditList, ...errorResponses },
      },
      config: auditAccess,
    },
    (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listAudit(trx, q, { page: q.page ?? 1, perPage: q.perPage ?? 50 }));
    },
  );

  app.get(
    `${base}/audit.csv`,
    {
      schema: {
        tags,
        summary: 'The filtered audit log as CSV',
        description:
          'Same filters as /audit; at most 50 000 rows (header X-Balai-Truncated: true when cut). Times in WIB.',
        params: CityParams,
        querystring: AuditCsvQuery,
        produces: ['text/csv'],
      },
      config: auditAccess,
    },
    async (req, reply) => {
      const q = req.query;
      const r = await cityTx(req, (trx) => auditCsv(trx, q, req.t));
      const name = `audit-${cityOf(req).slug}-${todayWib()}.csv`;
      if (r.truncated) reply.header('x-balai-truncated', 'true');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(r.csv);
    },
  );
}

export function kotaApiRoutes(app: BalaiApp, ctx: ModuleContext): void {
  settingsRoutes(app, ctx);
  userRoutes(app, ctx);
  auditRoutes(app);
}
