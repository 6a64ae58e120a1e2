/**
 * JSON API of the city's accounts and their roles.
 */
import type { BalaiApp, ModuleContext } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
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
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- Users and roles ----

  api.get(
    '/users',
    {
      summary: 'Accounts of the city (phones masked)',
      params: CityParams,
      query: UsersQuery,
      out: UserList,
      access: USERS_ACCESS.access,
    },
    (req) => cityTx(req, (trx) => listAccounts(trx, { q: req.query.q, ...pageOf(req.query) })),
  );

  api.post(
    '/users',
    {
      summary: 'Create an account with its first role',
      description: 'Returns a temporary password once; the user must change it at first sign-in.',
      params: CityParams,
      body: NewUserBody,
      out: CreatedUser,
      status: 201,
      replyHeaders: { 'cache-control': 'no-store' },
      access: USERS_ACCESS.access,
    },
    async (req) => {
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      const r = await cityTx(req, (trx) => createAccount(trx, city.id, req.body, names));
      return { user: r.account, temporaryPassword: r.temporaryPassword };
    },
  );

  api.get(
    '/users/:userId',
    { summary: 'One account', params: UserParams, out: UserOut, access: USERS_ACCESS.access },
    (req) => cityTx(req, (trx) => getAccount(trx, req.params.userId)),
  );

  api.patch(
    '/users/:userId',
    {
      summary: 'Change name or phone, activate or deactivate an account',
      description: '`phone: null` removes the number. Deactivating ends the sessions of the account.',
      params: UserParams,
      body: UserPatch,
      out: UserOut,
      access: USERS_ACCESS.access,
    },
    (req) => {
      const me = userOf(req).id;
      return cityTx(req, (trx) => updateAccount(trx, req.params.userId, req.body, me));
    },
  );

  api.post(
    '/users/:userId/roles',
    {
      summary: 'Give an account a role in an area',
      description:
        'The area must be at the level of the role: the city code, a kecamatan, a kelurahan or an RW code <kelurahan>.<nnn>. Petugas dinas also name a module.',
      params: UserParams,
      body: RoleBody,
      out: RoleOut,
      status: 201,
      access: USERS_ACCESS.access,
    },
    (req) => {
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      return cityTx(req, (trx) => grantRole(trx, city.id, req.params.userId, req.body, names));
    },
  );

  api.delete(
    '/users/:userId/roles/:roleId',
    {
      summary: 'Remove a role from an account',
      params: RoleParams,
      status: 204,
      access: USERS_ACCESS.access,
    },
    async (req) => {
      const me = userOf(req).id;
      await cityTx(req, (trx) => revokeRole(trx, req.params.userId, req.params.roleId, me));
    },
  );

  api.post(
    '/users/:userId/password-reset',
    {
      summary: 'Reset the password of an account',
      description:
        'Returns a temporary password once, ends the sessions of the account and requires a new password at the next sign-in.',
      params: UserParams,
      out: TemporaryPassword,
      replyHeaders: { 'cache-control': 'no-store' },
      access: USERS_ACCESS.access,
    },
    async (req) => {
      const me = userOf(req).id;
      return {
        temporaryPassword: await cityTx(req, (trx) => resetAccountPassword(trx, req.params.userId, me)),
      };
    },
  );
}
