/**
 * One account: its facts, profile, status, roles and password reset (the forms post to user-actions).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { BalaiApp, ModuleContext, ModuleInfo } from '../../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../../platform/http/context.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  queryString,
  tableWrap,
  type FormErrors,
  type FormValues,
} from '../../../platform/web/components.ts';
import { formatDateTime } from '../../../platform/i18n/index.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import { getAccount, type AccountOut } from '../users-service.ts';
import { cityAreas, type Area } from '../../wilayah/api.ts';
import { UserParams } from '../schemas.ts';
import {
  USERS_ACCESS,
  areaName,
  statusTags,
  oneTimePassword,
  roleFields,
  type RoleFormView,
} from './parts.ts';

/** The "done" notices of the account page (?ok=…), one per form that redirects back to it. */
const DETAIL_OK = ['profil', 'status', 'peran', 'hapus-peran'] as const;
export type DetailOk = (typeof DETAIL_OK)[number];

export interface DetailView {
  ok?: DetailOk | undefined;
  profile?: { values?: FormValues; errors?: FormErrors; error?: string };
  role?: RoleFormView;
  statusError?: string;
  roleListError?: string;
  resetError?: string;
  temporaryPassword?: string;
  status?: number;
}

export async function renderUserDetail(
  req: FastifyRequest,
  reply: FastifyReply,
  catalogue: readonly ModuleInfo[],
  userId: string,
  o: DetailView,
): Promise<FastifyReply> {
  const t = req.t;
  const city = cityOf(req);
  const me = userOf(req);
  const { user, areas } = await cityTx(req, async (trx) => ({
    user: await getAccount(trx, userId),
    areas: await cityAreas(trx, city.id),
  }));
  const byKode = new Map(areas.map((a) => [a.kode, a]));
  const base = cityPath(req, `/kota/pengguna/${user.id}`);
  const pv = o.profile?.values ?? { name: user.name, phone: '' };
  const pe = o.profile?.errors ?? {};
  const okMessages: Record<DetailOk, string> = {
    profil: t('kota.users.savedProfile'),
    status: user.active ? t('kota.users.activated') : t('kota.users.deactivated'),
    peran: t('kota.users.roleAdded'),
    'hapus-peran': t('kota.users.roleRemoved'),
  };
  const self = user.id === me.id;
  return sendPage(req, reply, {
    title: user.name,
    status: o.status ?? 200,
    body: html`<p><a href="${cityPath(req, '/kota/pengguna')}">${t('kota.users.back')}</a></p>
      <h1>${user.name}</h1>
      ${flash(o.ok ? okMessages[o.ok] : undefined)}
      ${o.temporaryPassword ? oneTimePassword(t, user.name, o.temporaryPassword, t('kota.password.resetTitle')) : ''}
      <dl class="facts">
        <dt>${t('auth.email')}</dt>
        <dd>${user.email}</dd>
        <dt>${t('kota.users.phone')}</dt>
        <dd>${user.phone ?? t('kota.users.noPhone')}</dd>
        <dt>${t('kota.users.status')}</dt>
        <dd>${statusTags(t, user)}</dd>
        <dt>${t('kota.users.lastLogin')}</dt>
        <dd>${user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('kota.users.never')}</dd>
        <dt>${t('kota.users.createdAt')}</dt>
        <dd>${formatDateTime(user.createdAt)}</dd>
      </dl>
      <p>
        <a href="${cityPath(req, `/kota/audit${queryString({ entity: 'users', entityId: user.id })}`)}"
          >${t('kota.users.auditOfAccount')}</a
        >
        ·
        <a href="${cityPath(req, `/kota/audit${queryString({ user: user.id })}`)}"
          >${t('kota.users.auditByAccount')}</a
        >
      </p>

      <section aria-labelledby="h-profil" class="narrow">
        <h2 id="h-profil">${t('kota.users.editProfile')}</h2>
        ${errorSummary(t, pe, o.profile?.error)}
        <form method="post" action="${base}" novalidate>
          ${csrfField(req)}
          ${field({ name: 'name', label: t('auth.name'), value: pv.name, required: true, error: pe.name, autocomplete: 'off' })}
          ${field({ name: 'phone', label: t('kota.users.newPhone'), type: 'tel', value: pv.phone, error: pe.phone, hint: t('kota.users.newPhoneHint'), autocomplete: 'off' })}
          ${
            user.phone
              ? html`<div class="field">
                  <label
                    ><input type="checkbox" name="hapusTelepon" value="1" />
                    ${t('kota.users.removePhone')}</label
                  >
                </div>`
              : ''
          }
          <button type="submit" class="button primary">${t('form.save')}</button>
        </form>
      </section>

      <section aria-labelledby="h-status" class="narrow">
        <h2 id="h-status">${t('kota.users.status')}</h2>
        ${o.statusError ? html`<div class="alert alert-error" role="alert">${o.statusError}</div>` : ''}
        <p>${user.active ? t('kota.users.isActive') : t('kota.users.isInactive')}</p>
        ${
          self
            ? html`<p class="hint">${t('kota.users.selfStatus')}</p>`
            : html`<form method="post" action="${base}/status">
                ${csrfField(req)}
                <input type="hidden" name="active" value="${user.active ? 'false' : 'true'}" />
                <button type="submit" class="button${user.active ? ' danger' : ''}">
                  ${user.active ? t('kota.users.deactivate') : t('kota.users.activate')}
                </button>
              </form>`
        }
      </section>

      ${rolesSection(req, { user, areas, byKode, base, city, catalogue, o })}

      <section aria-labelledby="h-sandi" class="narrow">
        <h2 id="h-sandi">${t('auth.password')}</h2>
        ${o.resetError ? html`<div class="alert alert-error" role="alert">${o.resetError}</div>` : ''}
        ${
          self
            ? html`<p class="hint">
                ${t('kota.users.selfPassword')} <a href="${cityPath(req, '/akun')}">${t('nav.account')}</a>
              </p>`
            : html`<p>${t('kota.users.resetIntro')}</p>
                <form method="post" action="${base}/sandi">
                  ${csrfField(req)}
                  <button type="submit" class="button danger">${t('kota.users.resetPassword')}</button>
                </form>`
        }
      </section>`,
  });
}

/** The account's roles, each with its remove button, and the form that adds one. */
function rolesSection(
  req: FastifyRequest,
  p: {
    user: AccountOut;
    areas: Area[];
    byKode: Map<string, Area>;
    base: string;
    city: City;
    catalogue: readonly ModuleInfo[];
    o: DetailView;
  },
): SafeHtml {
  const t = req.t;
  const { user, areas, byKode, base, city, catalogue, o } = p;
  return html`<section aria-labelledby="h-peran">
    <h2 id="h-peran">${t('auth.roles')}</h2>
    ${o.roleListError ? html`<div class="alert alert-error" role="alert">${o.roleListError}</div>` : ''}
    ${
      user.roles.length
        ? tableWrap(
            null,
            t('kota.users.rolesOf', { name: user.name }),
            html`<tr>
              <th scope="col">${t('kota.users.role')}</th>
              <th scope="col">${t('kota.users.area')}</th>
              <th scope="col">${t('kota.users.module')}</th>
              <th scope="col">${t('kota.users.actions')}</th>
            </tr>`,
            user.roles.map(
              (r) =>
                html`<tr>
                  <td>${t(`role.${r.role}`)}</td>
                  <td>${areaName(t, r.areaKode, byKode)} <span class="meta">${r.areaKode}</span></td>
                  <td>${r.module ?? '—'}</td>
                  <td>
                    <form method="post" action="${base}/peran/${r.id}/hapus">
                      ${csrfField(req)}<button
                        type="submit"
                        class="button danger"
                        aria-label="${t('kota.users.removeRoleOf', { role: t(`role.${r.role}`), area: areaName(t, r.areaKode, byKode) })}"
                      >
                        ${t('kota.users.removeRole')}
                      </button>
                    </form>
                  </td>
                </tr>`,
            ),
          )
        : html`<p>${t('kota.users.noRoles')}</p>`
    }
    <div class="narrow">
      <h3 id="h-tambah-peran">${t('kota.users.addRole')}</h3>
      ${errorSummary(t, o.role?.errors ?? {}, o.role?.error)}
      <form method="post" action="${base}/peran" novalidate aria-labelledby="h-tambah-peran">
        ${csrfField(req)} ${roleFields(t, areas, city, catalogue, o.role ?? {})}
        <button type="submit" class="button primary">${t('kota.users.addRole')}</button>
      </form>
    </div>
  </section>`;
}

const DetailQuery = Type.Object(
  { ok: Type.Optional(Type.Union(DETAIL_OK.map((k) => Type.Literal(k)))) },
  { additionalProperties: false },
);

export function userDetailPage(app: BalaiApp, ctx: ModuleContext): void {
  app.get(
    '/:city/kota/pengguna/:userId',
    { schema: { params: UserParams, querystring: DetailQuery }, config: USERS_ACCESS },
    (req, reply) => {
      const { userId } = req.params;
      return renderUserDetail(req, reply, ctx.modules, userId, {
        ok: req.query.ok,
      });
    },
  );
}
