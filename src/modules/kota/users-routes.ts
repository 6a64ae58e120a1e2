/**
 * JSON API of the city's accounts and their roles.
 */
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import {
  createAccount,
  getAccount,
  grantRole,
  listAccounts,
  resetAccountPassword,
  revokeRole,
  updateAccount,
} from './users-service.ts';
import {
  CreatedUser,
  NewUserBody,
  RoleBody,
  RoleOut,
  RoleParams,
  TemporaryPassword,
  UserList,
  UserOut,
  UserParams,
  UserPatch,
  UsersQuery,
} from './schemas.ts';
import { API_TAGS, API_BASE } from './schemas.ts';
import { USERS_ACCESS } from './permissions.ts';

export function userRoutes(app: BalaiApp, ctx: ModuleContext): void {
  // ---- Users and roles ----

  app.get(
    `${API_BASE}/users`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Accounts of the city (phones masked)',
        params: CityParams,
        querystring: UsersQuery,
        response: { 200: UserList, ...errorResponses },
      },
      config: USERS_ACCESS,
    },
    (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listAccounts(trx, { q: q.q, page: q.page ?? 1, perPage: q.perPage ?? 50 }));
    },
  );

  app.post(
    `${API_BASE}/users`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Create an account with its first role',
        description: 'Returns a temporary password once; the user must change it at first sign-in.',
        params: CityParams,
        body: NewUserBody,
        response: { 201: CreatedUser, ...errorResponses },
      },
      config: USERS_ACCESS,
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
    `${API_BASE}/users/:userId`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'One account',
        params: UserParams,
        response: { 200: UserOut, ...errorResponses },
      },
      config: USERS_ACCESS,
    },
    (req) => {
      const { userId } = req.params;
      return cityTx(req, (trx) => getAccount(trx, userId));
    },
  );

  app.patch(
    `${API_BASE}/users/:userId`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Change name or phone, activate or deactivate an account',
        description: '`phone: null` removes the number. Deactivating ends the sessions of the account.',
        params: UserParams,
        body: UserPatch,
        response: { 200: UserOut, ...errorResponses },
      },
      config: USERS_ACCESS,
    },
    (req) => {
      const { userId } = req.params;
      const body = req.body;
      const me = userOf(req).id;
      return cityTx(req, (trx) => updateAccount(trx, userId, body, me));
    },
  );

  app.post(
    `${API_BASE}/users/:userId/roles`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Give an account a role in an area',
        description:
          'The area must be at the level of the role: the city code, a kecamatan, a kelurahan or an RW code <kelurahan>.<nnn>. Petugas dinas also name a module.',
        params: UserParams,
        body: RoleBody,
        response: { 201: RoleOut, ...errorResponses },
      },
      config: USERS_ACCESS,
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
    `${API_BASE}/users/:userId/roles/:roleId`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Remove a role from an account',
        params: RoleParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
      config: USERS_ACCESS,
    },
    async (req, reply) => {
      const { userId, roleId } = req.params;
      const me = userOf(req).id;
      await cityTx(req, (trx) => revokeRole(trx, userId, roleId, me));
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${API_BASE}/users/:userId/password-reset`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'Reset the password of an account',
        description:
          'Returns a temporary password once, ends the sessions of the account and requires a new password at the next sign-in.',
        params: UserParams,
        response: { 200: TemporaryPassword, ...errorResponses },
      },
      config: USERS_ACCESS,
    },
    async (req, reply) => {
      const { userId } = req.params;
      const me = userOf(req).id;
      const temporaryPassword = await cityTx(req, (trx) => resetAccountPassword(trx, userId, me));
      return reply.header('cache-control', 'no-store').send({ temporaryPassword });
    },
  );
}
