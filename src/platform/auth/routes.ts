/**
 * Sign-in, sign-out, citizen registration and password change: as web pages
 * (forms with CSRF tokens) and as JSON API.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../module.ts';
import { cityOf, cityTx, clientIp, userOf } from '../http/context.ts';
import { HttpProblem } from '../http/problem.ts';
import { CityParams, Csrf, Email, Phone, errorResponses } from '../http/schemas.ts';
import { byField, fieldErrors } from '../http/validation.ts';
import { baseCookie, sessionCookie } from '../http/cookies.ts';
import { csrfField, errorSummary, field, flash, sendPage } from '../web/layout.ts';
import { html } from '../web/html.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';
import {
  authenticate,
  changePassword,
  createSession,
  destroySession,
  registerWarga,
  SESSION_HOURS,
} from './service.ts';
import { actAs } from '../db/transaction.ts';
import { actingRole } from './roles.ts';
import { renewCsrfToken } from './csrf.ts';
import { grantAreaNames, grantLabel } from './grants.ts';

const LoginBody = Type.Object(
  {
    email: Email,
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
    next: Type.Optional(Type.String({ maxLength: 500 })),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);
const RegisterBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 120 }),
    email: Email,
    phone: Type.Optional(Type.Union([Phone, Type.Literal('')])),
    password: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);
const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }),
    newPassword: Type.String({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX }),
    _csrf: Csrf,
  },
  { additionalProperties: false },
);

/**
 * The field errors of a form that failed its schema, by field; an empty required field says it
 * is required (rather than "at least 1 character").
 */
function formErrors(req: FastifyRequest, body: unknown, required: readonly string[]): Record<string, string> {
  const errors = byField(fieldErrors(req.validationError?.validation ?? [], 'body', req.t));
  const sent = (body ?? {}) as Record<string, unknown>;
  for (const name of required) {
    if (String(sent[name] ?? '').trim() === '') errors[name] = req.t('validation.required');
  }
  return errors;
}

/** The field errors of a service's 400, in the user's language, by field. */
function problemErrors(req: FastifyRequest, err: HttpProblem): Record<string, string> {
  return byField((err.errors ?? []).map((e) => ({ ...e, detail: req.t(e.detail, err.params) })));
}

/** Only local paths: never redirect to another site after login. */
export function safeNext(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/[^/\\]/.test(next) && !next.includes('\n') ? next : fallback;
}

async function signIn(req: FastifyRequest, reply: FastifyReply, email: string, password: string) {
  const city = cityOf(req);
  const meta = { ip: clientIp(req), userAgent: req.headers['user-agent'] ?? null };
  const r = await authenticate(
    (fn) => cityTx(req, fn),
    city.id,
    email,
    password,
    meta.ip,
    async (trx, user) => {
      // From here the signed-in user is the actor: the audit log shows who opened the session.
      await actAs(trx, { userId: user.id, role: actingRole(user) });
      return createSession(trx, city.id, user.id, meta);
    },
  );
  if (r.kind === 'ok' && r.result) {
    const name = sessionCookie(city.id);
    reply.setCookie(name, r.result.token, { ...baseCookie(), maxAge: SESSION_HOURS * 3600 });
    // A new session, a new CSRF token: one known before the sign-in is worth nothing after it.
    renewCsrfToken(req, reply, { [name]: r.result.token });
  }
  return r;
}

/** Ends the request's session in its city: the row, the cookie, and the CSRF token bound to it. */
async function signOut(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const name = sessionCookie(cityOf(req).id);
  if (req.sessionId) {
    const id = req.sessionId;
    await cityTx(req, (trx) => destroySession(trx, id));
  }
  reply.clearCookie(name, { path: '/' });
  renewCsrfToken(req, reply, { [name]: null });
}

function loginPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    email?: string;
    error?: string;
    errors?: Record<string, string>;
    next?: string;
    status?: number;
    registered?: boolean;
  },
) {
  const t = req.t;
  const city = cityOf(req);
  return sendPage(req, reply, {
    title: t('auth.login.title'),
    bare: true,
    status: o.status ?? 200,
    body: html`<section class="narrow">
      <h1>${t('auth.login.title')}</h1>
      ${flash(o.registered ? t('auth.register.accepted') : undefined, 'info')}
      <p>${t('auth.login.intro', { city: city.name })}</p>
      ${errorSummary(t, o.errors ?? {}, o.error)}
      <form method="post" action="/${city.slug}/masuk" novalidate>
        ${csrfField(req)}
        <input type="hidden" name="next" value="${o.next ?? ''}" />
        ${field({ name: 'email', label: t('auth.email'), type: 'email', value: o.email, required: true, autocomplete: 'username', error: o.errors?.email })}
        ${field({ name: 'password', label: t('auth.password'), type: 'password', required: true, autocomplete: 'current-password', error: o.errors?.password })}
        <button type="submit" class="primary">${t('auth.login.submit')}</button>
      </form>
      <p>${t('auth.login.noAccount')} <a href="/${city.slug}/daftar">${t('auth.register.link')}</a></p>
    </section>`,
  });
}

/** Sign-in and sign-out pages. */
function loginPages(app: BalaiApp): void {
  const NextQuery = Type.Object(
    {
      next: Type.Optional(Type.String({ maxLength: 500 })),
      terdaftar: Type.Optional(Type.String({ maxLength: 5 })),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/masuk',
    { schema: { params: CityParams, querystring: NextQuery }, config: { access: 'public' } },
    (req, reply) => {
      const q = req.query;
      if (req.user) return reply.redirect(safeNext(q.next, `/${cityOf(req).slug}/dasbor`), 303);
      return loginPage(req, reply, { next: q.next ?? '', registered: q.terdaftar === '1' });
    },
  );

  app.post(
    '/:city/masuk',
    { schema: { params: CityParams, body: LoginBody }, attachValidation: true, config: { access: 'public' } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Partial<Static<typeof LoginBody>>;
      if (req.validationError) {
        const errors = formErrors(req, body, ['email', 'password']);
        return loginPage(req, reply, {
          email: String(body.email ?? ''),
          errors,
          next: body.next ?? '',
          status: 400,
        });
      }
      const r = await signIn(req, reply, body.email!, body.password!);
      if (r.kind === 'locked') {
        return loginPage(req, reply, {
          email: body.email!,
          error: req.t('auth.locked', { minutes: r.minutes }),
          status: 429,
        });
      }
      if (r.kind === 'invalid') {
        return loginPage(req, reply, {
          email: body.email!,
          error: req.t('auth.invalid'),
          next: body.next ?? '',
          status: 401,
        });
      }
      const city = cityOf(req);
      const target = r.user.mustChangePassword
        ? `/${city.slug}/akun?wajib=1`
        : safeNext(body.next, `/${city.slug}/dasbor`);
      return reply.redirect(target, 303);
    },
  );

  app.post(
    '/:city/keluar',
    { schema: { params: CityParams }, config: { access: 'public', duringPasswordChange: true } },
    async (req, reply) => {
      await signOut(req, reply);
      return reply.redirect(`/${cityOf(req).slug}`, 303);
    },
  );
}

function registerPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { values?: Record<string, string>; errors?: Record<string, string>; error?: string; status?: number },
) {
  const t = req.t;
  const city = cityOf(req);
  const v = o.values ?? {};
  return sendPage(req, reply, {
    title: t('auth.register.title'),
    bare: true,
    status: o.status ?? 200,
    body: html`<section class="narrow">
      <h1>${t('auth.register.title')}</h1>
      <p>${t('auth.register.intro', { city: city.name })}</p>
      ${errorSummary(t, o.errors ?? {}, o.error)}
      <form method="post" action="/${city.slug}/daftar" novalidate>
        ${csrfField(req)}
        ${field({ name: 'name', label: t('auth.name'), value: v.name, required: true, autocomplete: 'name', error: o.errors?.name })}
        ${field({ name: 'email', label: t('auth.email'), type: 'email', value: v.email, required: true, autocomplete: 'email', error: o.errors?.email })}
        ${field({ name: 'phone', label: t('auth.phoneOptional'), type: 'tel', value: v.phone, autocomplete: 'tel', error: o.errors?.phone, hint: t('auth.phoneHint') })}
        ${field({ name: 'password', label: t('auth.password'), type: 'password', required: true, autocomplete: 'new-password', error: o.errors?.password, hint: t('auth.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX }) })}
        <p class="hint">${t('auth.register.privacy')}</p>
        <button type="submit" class="primary">${t('auth.register.submit')}</button>
      </form>
      <p><a href="/${city.slug}/masuk">${t('auth.register.haveAccount')}</a></p>
    </section>`,
  });
}

/** Citizen registration (warga) as a page. */
function registerPages(app: BalaiApp): void {
  app.get('/:city/daftar', { schema: { params: CityParams }, config: { access: 'public' } }, (req, reply) =>
    registerPage(req, reply, {}),
  );

  app.post(
    '/:city/daftar',
    {
      schema: { params: CityParams, body: RegisterBody },
      attachValidation: true,
      config: { access: 'public' },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const values = {
        name: String(body.name ?? ''),
        email: String(body.email ?? ''),
        phone: String(body.phone ?? ''),
      };
      if (req.validationError) {
        const errors = formErrors(req, body, ['name', 'email', 'password']);
        return registerPage(req, reply, { values, errors, status: 400 });
      }
      const city = cityOf(req);
      try {
        await cityTx(req, (trx) =>
          registerWarga(trx, city.id, {
            name: values.name,
            email: values.email,
            phone: values.phone,
            password: String(body.password),
          }),
        );
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 400) {
          return registerPage(req, reply, { values, errors: problemErrors(req, err), status: 400 });
        }
        throw err;
      }
      // The same answer whether or not the email already had an account (ADR 0005).
      return reply.redirect(`/${city.slug}/masuk?terdaftar=1`, 303);
    },
  );
}

async function accountPage(
  req: FastifyRequest,
  reply: FastifyReply,
  modules: readonly ModuleInfo[],
  o: { errors?: Record<string, string>; error?: string; done?: boolean; status?: number },
) {
  const t = req.t;
  const city = cityOf(req);
  const user = userOf(req);
  const forced = user.mustChangePassword;
  // Areas by name ("Kota Bandung", "Kec. Coblong"), never by code.
  const areaNames = await cityTx(req, (trx) => grantAreaNames(trx, t, user.roles));
  areaNames.set(city.id, city.name);
  return sendPage(req, reply, {
    title: t('auth.account.title'),
    status: o.status ?? 200,
    bare: forced,
    body: html`<section class="narrow">
      <h1>${t('auth.account.title')}</h1>
      ${flash(o.done ? t('auth.password.changed') : undefined)}
      ${forced ? html`<div class="alert alert-info" role="status">${t('auth.mustChangePassword')}</div>` : ''}
      <dl class="facts">
        <dt>${t('auth.name')}</dt>
        <dd>${user.name}</dd>
        <dt>${t('auth.email')}</dt>
        <dd>${user.email}</dd>
        <dt>${t('auth.roles')}</dt>
        <dd>
          ${user.roles.map((r) => html`<span class="tag">${grantLabel(t, r, modules, areaNames)}</span> `)}
        </dd>
      </dl>
      <h2>${t('auth.password.title')}</h2>
      ${errorSummary(t, o.errors ?? {}, o.error)}
      <form method="post" action="/${city.slug}/akun/sandi" novalidate>
        ${csrfField(req)}
        ${field({ name: 'currentPassword', label: t('auth.password.current'), type: 'password', required: true, autocomplete: 'current-password', error: o.errors?.currentPassword })}
        ${field({ name: 'newPassword', label: t('auth.password.new'), type: 'password', required: true, autocomplete: 'new-password', error: o.errors?.newPassword, hint: t('auth.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX }) })}
        <button type="submit" class="primary">${t('auth.password.submit')}</button>
      </form>
    </section>`,
  });
}

/** The account page and the password change form. */
function accountPages(app: BalaiApp, ctx: ModuleContext): void {
  const AccountQuery = Type.Object(
    { wajib: Type.Optional(Type.String({ maxLength: 5 })), ok: Type.Optional(Type.String({ maxLength: 5 })) },
    { additionalProperties: false },
  );
  app.get(
    '/:city/akun',
    {
      schema: { params: CityParams, querystring: AccountQuery },
      config: { access: 'user', duringPasswordChange: true },
    },
    (req, reply) => accountPage(req, reply, ctx.modules, { done: req.query.ok === '1' }),
  );

  app.post(
    '/:city/akun/sandi',
    {
      schema: { params: CityParams, body: PasswordBody },
      attachValidation: true,
      config: { access: 'user', duringPasswordChange: true },
    },
    async (req, reply) => {
      if (req.validationError) {
        return accountPage(req, reply, ctx.modules, {
          errors: formErrors(req, req.body, ['currentPassword', 'newPassword']),
          status: 400,
        });
      }
      const body = req.body;
      const user = userOf(req);
      const sessionId = req.sessionId!;
      try {
        await cityTx(req, (trx) =>
          changePassword(trx, user, body.currentPassword, body.newPassword, sessionId),
        );
      } catch (err) {
        if (err instanceof HttpProblem && err.status === 400) {
          return accountPage(req, reply, ctx.modules, { errors: problemErrors(req, err), status: 400 });
        }
        throw err;
      }
      return reply.redirect(`/${cityOf(req).slug}/akun?ok=1`, 303);
    },
  );
}

const SessionUser = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  mustChangePassword: Type.Boolean(),
  roles: Type.Array(
    Type.Object({
      role: Type.String(),
      areaKode: Type.String(),
      module: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

/** The same as JSON API: session, registration, password change. */
function authApiRoutes(app: BalaiApp): void {
  app.post(
    '/api/v1/cities/:city/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        params: CityParams,
        body: LoginBody,
        response: { 200: SessionUser, ...errorResponses, 429: errorResponses[400] },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const body = req.body;
      const r = await signIn(req, reply, body.email, body.password);
      if (r.kind === 'locked') {
        throw new HttpProblem(429, 'auth.locked', {
          params: { minutes: r.minutes },
          headers: { 'retry-after': String(r.minutes * 60) },
        });
      }
      if (r.kind === 'invalid') throw new HttpProblem(401, 'auth.invalid');
      return {
        id: r.user.id,
        name: r.user.name,
        email: r.user.email,
        mustChangePassword: r.user.mustChangePassword,
        roles: r.user.roles,
      };
    },
  );

  app.get(
    '/api/v1/cities/:city/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        params: CityParams,
        response: { 200: SessionUser, ...errorResponses },
      },
      config: { access: 'user', duringPasswordChange: true },
    },
    (req) => {
      const u = userOf(req);
      return {
        id: u.id,
        name: u.name,
        email: u.email,
        mustChangePassword: u.mustChangePassword,
        roles: u.roles,
      };
    },
  );

  app.delete(
    '/api/v1/cities/:city/session',
    {
      schema: { tags: ['auth'], summary: 'Sign out', params: CityParams },
      config: { access: 'user', duringPasswordChange: true },
    },
    async (req, reply) => {
      await signOut(req, reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/cities/:city/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Register as a citizen (warga)',
        description:
          'Answers 202 whether or not the email already has an account in the city (a known email is left unchanged); the citizen then signs in.',
        params: CityParams,
        body: RegisterBody,
        response: { 202: Type.Object({ message: Type.String() }), ...errorResponses },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const body = req.body;
      const city = cityOf(req);
      await cityTx(req, (trx) =>
        registerWarga(trx, city.id, {
          name: body.name,
          email: body.email,
          phone: body.phone,
          password: body.password,
        }),
      );
      return reply.status(202).send({ message: req.t('auth.register.accepted') });
    },
  );

  app.post(
    '/api/v1/cities/:city/password',
    {
      schema: { tags: ['auth'], summary: 'Change own password', params: CityParams, body: PasswordBody },
      config: { access: 'user', duringPasswordChange: true },
    },
    async (req, reply) => {
      const body = req.body;
      const user = userOf(req);
      const sessionId = req.sessionId!;
      await cityTx(req, (trx) =>
        changePassword(trx, user, body.currentPassword, body.newPassword, sessionId),
      );
      return reply.status(204).send();
    },
  );
}

export function authRoutes(app: BalaiApp, ctx: ModuleContext): void {
  loginPages(app);
  registerPages(app);
  accountPages(app, ctx);
  authApiRoutes(app);
}
