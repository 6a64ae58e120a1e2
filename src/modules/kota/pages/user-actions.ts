/**
 * The changes made on an account's page: profile, status, roles, password reset.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath } from '../../../platform/web/layout.ts';
import { formValues, validationErrors, type FormValues } from '../../../platform/web/components.ts';
import { grantRole, resetAccountPassword, revokeRole, updateAccount } from '../users-service.ts';
import { ProfileForm, RoleForm, RoleParams, StatusForm, UserParams } from '../schemas.ts';
import { USERS_ACCESS, problemMessages } from './parts.ts';
import { renderUserDetail, type DetailOk, type DetailView } from './user-detail.ts';

const back = (req: FastifyRequest, userId: string, ok: DetailOk) =>
  cityPath(req, `/kota/pengguna/${userId}?ok=${ok}`);

type Refusal = ReturnType<typeof problemMessages>;

/**
 * One change made on the account's page: done, back to the page with its notice; refused (400 or
 * 409), the page again with what `shown` makes of the refusal next to the form that sent it.
 */
async function change(
  req: FastifyRequest,
  reply: FastifyReply,
  target: { catalogue: readonly ModuleInfo[]; userId: string; ok: DetailOk },
  run: () => Promise<unknown>,
  shown: (p: Refusal) => DetailView,
): Promise<FastifyReply> {
  try {
    await run();
  } catch (err) {
    const p = problemMessages(req, err);
    return renderUserDetail(req, reply, target.catalogue, target.userId, { ...shown(p), status: p.status });
  }
  return reply.redirect(back(req, target.userId, target.ok), 303);
}

/** A refusal shown in its form: field errors, or one message when it names no field. */
const inForm = (values: FormValues, p: Refusal) => ({
  values,
  errors: p.errors,
  ...(p.message ? { error: p.message } : {}),
});

/** A refusal as one sentence (forms of a single button). */
const asSentence = (p: Refusal) => p.message ?? Object.values(p.errors).join(' ');

export function userActionsPage(app: BalaiApp, ctx: ModuleContext): void {
  app.post(
    '/:city/kota/pengguna/:userId',
    { schema: { params: UserParams, body: ProfileForm }, attachValidation: true, config: USERS_ACCESS },
    async (req, reply) => {
      const { userId } = req.params;
      const values = formValues(req.body, ['name', 'phone']);
      if (req.validationError) {
        return renderUserDetail(req, reply, ctx.modules, userId, {
          profile: { values, errors: validationErrors(req) },
          status: 400,
        });
      }
      const body = req.body;
      const me = userOf(req).id;
      const phone = body.hapusTelepon ? null : body.phone ? body.phone : undefined;
      return change(
        req,
        reply,
        { catalogue: ctx.modules, userId, ok: 'profil' },
        () => cityTx(req, (trx) => updateAccount(trx, userId, { name: body.name, phone }, me)),
        (p) => ({ profile: inForm(values, p) }),
      );
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/status',
    { schema: { params: UserParams, body: StatusForm }, config: USERS_ACCESS },
    async (req, reply) => {
      const { userId } = req.params;
      const body = req.body;
      const me = userOf(req).id;
      return change(
        req,
        reply,
        { catalogue: ctx.modules, userId, ok: 'status' },
        () => cityTx(req, (trx) => updateAccount(trx, userId, { active: body.active === 'true' }, me)),
        (p) => ({ statusError: asSentence(p) }),
      );
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/peran',
    { schema: { params: UserParams, body: RoleForm }, attachValidation: true, config: USERS_ACCESS },
    async (req, reply) => {
      const { userId } = req.params;
      const values = formValues(req.body, ['role', 'areaKode', 'rw', 'module']);
      if (req.validationError) {
        return renderUserDetail(req, reply, ctx.modules, userId, {
          role: { values, errors: validationErrors(req) },
          status: 400,
        });
      }
      const body = req.body;
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      return change(
        req,
        reply,
        { catalogue: ctx.modules, userId, ok: 'peran' },
        () =>
          cityTx(req, (trx) =>
            grantRole(
              trx,
              city.id,
              userId,
              {
                role: body.role,
                areaKode: body.areaKode,
                rw: body.rw === '' ? undefined : body.rw,
                module: body.module || null,
              },
              names,
            ),
          ),
        (p) => ({ role: inForm(values, p) }),
      );
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/peran/:roleId/hapus',
    { schema: { params: RoleParams }, config: USERS_ACCESS },
    async (req, reply) => {
      const { userId, roleId } = req.params;
      const me = userOf(req).id;
      return change(
        req,
        reply,
        { catalogue: ctx.modules, userId, ok: 'hapus-peran' },
        () => cityTx(req, (trx) => revokeRole(trx, userId, roleId, me)),
        (p) => ({ roleListError: asSentence(p) }),
      );
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/sandi',
    { schema: { params: UserParams }, config: USERS_ACCESS },
    async (req, reply) => {
      const { userId } = req.params;
      const me = userOf(req).id;
      let temporaryPassword: string;
      try {
        temporaryPassword = await cityTx(req, (trx) => resetAccountPassword(trx, userId, me));
      } catch (err) {
        const p = problemMessages(req, err);
        return renderUserDetail(req, reply, ctx.modules, userId, {
          resetError: asSentence(p),
          status: p.status,
        });
      }
      return renderUserDetail(req, reply, ctx.modules, userId, { temporaryPassword });
    },
  );
}
