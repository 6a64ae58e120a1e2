/**
 * The kota pages (server-rendered, Bahasa Indonesia by default): city settings,
 * accounts and roles, the audit log. Forms post back, re-render with errors next
 * to their fields, and redirect after a successful change. Temporary passwords
 * are rendered once, in the response to the action that made them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ModuleContext, ModuleInfo } from '../../platform/module.ts';
import { cityOf, cityTx, userOf } from '../../platform/http/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { byField, fieldMessage } from '../../platform/http/validation.ts';
import { cityPath, csrfField, errorSummary, field, flash, sendPage } from '../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../platform/web/html.ts';
import {
  formValues,
  option,
  pagination,
  queryString,
  selectField,
  tableWrap,
  validationErrors,
  type FormErrors,
  type FormValues,
} from '../../platform/web/components.ts';
import { formatDateTime, hasMessage, type Translator } from '../../platform/i18n/index.ts';
import { ROLES, ROLE_AREA_LEVEL, areaLevelOf } from '../../platform/auth/roles.ts';
import { PASSWORD_MIN } from '../../platform/auth/passwords.ts';
import type { City } from '../../platform/tenancy/service.ts';
import { LOGO_MAX_BYTES, moduleSwitches, saveSettings, sniffLogo, type Logo } from './settings-service.ts';
import {
  createAccount,
  getAccount,
  grantRole,
  listAccounts,
  resetAccountPassword,
  revokeRole,
  updateAccount,
  type AccountOut,
  type RoleOut,
} from './users-service.ts';
import { AUDIT_ACTIONS, REDACTED, listAudit, type AuditEntry, type AuditQuery } from './audit-service.ts';
import { auditEntities } from './audit-repository.ts';
import { cityAreas, type Area } from './area-repository.ts';
import {
  AuditQuerySchema,
  NewUserForm,
  ProfileForm,
  RoleForm,
  RoleParams,
  SettingsForm,
  StatusForm,
  UserParams,
  UsersQuery,
} from './schemas.ts';

type Values = FormValues;
type Errors = FormErrors;

const settingsAccess = { access: { permission: 'kota.pengaturan' } };
const usersAccess = { access: { permission: 'kota.pengguna' } };
const auditAccess = { access: { permission: 'kota.audit' } };
const PER_PAGE = 25;

// ---- Shared bits ----

/** A service's 400/409 as field errors (or one message when it names no field); anything else is rethrown. */
function problemMessages(
  req: FastifyRequest,
  err: unknown,
): { errors: Errors; message?: string; status: number } {
  if (!(err instanceof HttpProblem) || (err.status !== 400 && err.status !== 409)) throw err;
  const errors = byField(
    (err.errors ?? []).map((e) => ({ ...e, detail: fieldMessage(req.t, e, err.params) })),
  );
  return Object.keys(errors).length
    ? { errors, status: err.status }
    : { errors, message: req.t(err.titleKey, err.params), status: err.status };
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** "Kec. Coblong", "Kel. Dago", "RW 007 · Kel. Dago" or the code when unknown. */
function areaName(t: Translator, kode: string, areas: Map<string, Area>): string {
  const level = areaLevelOf(kode);
  if (level === 'rw') {
    const kel = areas.get(kode.slice(0, kode.lastIndexOf('.')));
    const rw = t('kota.area.rwName', { nomor: kode.slice(kode.lastIndexOf('.') + 1) });
    return kel ? `${rw} · ${t('kota.area.kelurahanName', { nama: kel.nama })}` : rw;
  }
  const a = areas.get(kode);
  if (!a) return kode;
  if (a.tingkat === 'kecamatan') return t('kota.area.kecamatanName', { nama: a.nama });
  if (a.tingkat === 'kelurahan') return t('kota.area.kelurahanName', { nama: a.nama });
  return a.nama;
}

function roleTag(
  t: Translator,
  r: Pick<RoleOut, 'role' | 'areaKode' | 'module'>,
  areas?: Map<string, Area>,
): SafeHtml {
  const where = areas ? areaName(t, r.areaKode, areas) : r.areaKode;
  return html`<span class="tag">${t(`role.${r.role}`)} · ${where}${r.module ? ` · ${r.module}` : ''}</span>`;
}

function statusTags(t: Translator, u: AccountOut): SafeHtml {
  return html`${u.active ? html`<span class="tag">${t('kota.users.active')}</span>` : html`<span class="tag">${t('kota.users.inactive')}</span>`}
  ${u.mustChangePassword ? html` <span class="tag">${t('kota.users.mustChange')}</span>` : ''}
  ${u.demo ? html` <span class="tag">${t('kota.users.demo')}</span>` : ''}`;
}

function oneTimePassword(t: Translator, name: string, password: string, heading: string): SafeHtml {
  return html`<section class="alert alert-success" role="status" aria-labelledby="sandi-sementara">
    <h2 id="sandi-sementara">${heading}</h2>
    <p>${t('kota.password.for', { name })}</p>
    <p><code class="secret">${password}</code></p>
    <p class="hint">${t('kota.password.once')}</p>
  </section>`;
}

// ---- Settings ----

interface SettingsView {
  values?: Values;
  modules?: string[];
  errors?: Errors;
  error?: string;
  saved?: boolean;
  status?: number;
}

function settingsValues(city: City): Values {
  return {
    name: city.name,
    tagline: city.tagline ?? '',
    alamat: city.contact.alamat ?? '',
    telepon: city.contact.telepon ?? '',
    email: city.contact.email ?? '',
    situs: city.contact.situs ?? '',
  };
}

function settingsPage(
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

// ---- Users ----

interface RoleFormView {
  values?: Values;
  errors?: Errors;
  error?: string;
}

function roleFields(
  t: Translator,
  areas: Area[],
  city: City,
  moduleNames: readonly ModuleInfo[],
  o: RoleFormView,
): SafeHtml {
  const v = o.values ?? {};
  const e = o.errors ?? {};
  const kecamatan = areas.filter((a) => a.tingkat === 'kecamatan');
  const kelurahanOf = (kec: string) => areas.filter((a) => a.tingkat === 'kelurahan' && a.induk === kec);
  const cityArea = areas.find((a) => a.kode === city.id);
  const selectedArea = v.areaKode ?? city.id;
  const levels = ROLES.map((r) => `${t(`role.${r}`)}: ${t(`kota.area.level.${ROLE_AREA_LEVEL[r]}`)}`).join(
    '; ',
  );
  return html`${selectField({
    name: 'role',
    label: t('kota.users.role'),
    required: true,
    error: e.role,
    options: ROLES.map((r) => option(r, t(`role.${r}`), v.role)),
  })}
  ${selectField({
    name: 'areaKode',
    label: t('kota.users.area'),
    required: true,
    error: e.areaKode,
    hint: t('kota.users.areaHint', { levels }),
    options: [
      option(city.id, `${cityArea?.nama ?? city.name} (${city.id})`, selectedArea),
      html`<optgroup label="${t('kota.area.kecamatanGroup')}">
        ${kecamatan.map((k) => option(k.kode, `${t('kota.area.kecamatanName', { nama: k.nama })} (${k.kode})`, selectedArea))}
      </optgroup>`,
      ...kecamatan.map(
        (k) =>
          html`<optgroup label="${t('kota.area.kelurahanGroup', { kecamatan: k.nama })}">
            ${kelurahanOf(k.kode).map((l) =>
              option(l.kode, `${t('kota.area.kelurahanName', { nama: l.nama })} (${l.kode})`, selectedArea),
            )}
          </optgroup>`,
      ),
    ],
  })}
  ${field({ name: 'rw', label: t('kota.users.rw'), type: 'number', value: v.rw, error: e.rw, hint: t('kota.users.rwHint'), attrs: raw('min="1" max="999" inputmode="numeric"') })}
  ${selectField({
    name: 'module',
    label: t('kota.users.module'),
    error: e.module,
    hint: t('kota.users.moduleHint'),
    options: [
      option('', t('kota.users.noModule'), v.module ?? ''),
      ...moduleNames.map((m) => option(m.name, `${t(m.label)} (${m.name})`, v.module)),
    ],
  })}`;
}

function newUserPage(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: { areas: Area[]; catalogue: readonly ModuleInfo[] },
  o: { values?: Values; errors?: Errors; error?: string; status?: number },
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

interface DetailView {
  ok?: string | undefined;
  profile?: { values?: Values; errors?: Errors; error?: string };
  role?: RoleFormView;
  statusError?: string;
  roleListError?: string;
  resetError?: string;
  temporaryPassword?: string;
  status?: number;
}

async function detailPage(
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
  const okMessages: Record<string, string> = {
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

      <section aria-labelledby="h-peran">
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
      </section>

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

// ---- Audit ----

function entityLabel(t: Translator, entity: string): string {
  return hasMessage(`kota.entity.${entity}`) ? t(`kota.entity.${entity}`) : entity;
}

function actorRole(t: Translator, role: string): string {
  if (hasMessage(`role.${role}`)) return t(`role.${role}`);
  if (hasMessage(`kota.audit.actor.${role}`)) return t(`kota.audit.actor.${role}`);
  return role;
}

/** A timestamp as PostgreSQL writes it into JSON, shown in WIB. */
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function shownValue(t: Translator, value: unknown): SafeHtml {
  if (value === null || value === undefined) return html`<span class="meta">${t('kota.audit.none')}</span>`;
  if (value === REDACTED) return html`<span class="meta">${t('kota.audit.redacted')}</span>`;
  if (typeof value === 'string' && TIMESTAMP_RE.test(value)) {
    return html`<time datetime="${value}">${formatDateTime(value)}</time>`;
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return html`${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function changesList(t: Translator, e: AuditEntry): SafeHtml | string {
  // The row's own id is already shown with the entry.
  const changes = e.changes.filter((c) => !(c.field === 'id' && (c.after ?? c.before) === e.entityId));
  if (!changes.length) return t('kota.audit.noChanges');
  return html`<ul class="diff">
    ${changes.map(
      (c) =>
        html`<li>
          <code>${c.field}</code>:
          ${
            e.action === 'read'
              ? shownValue(t, c.after)
              : e.action === 'insert'
                ? html`<ins>${shownValue(t, c.after)}</ins>`
                : e.action === 'delete'
                  ? html`<del>${shownValue(t, c.before)}</del>`
                  : html`<del>${shownValue(t, c.before)}</del>
                      <span aria-label="${t('kota.audit.becomes')}">→</span>
                      <ins>${shownValue(t, c.after)}</ins>`
          }
        </li>`,
    )}
  </ul>`;
}

function auditCard(req: FastifyRequest, x: AuditEntry): SafeHtml {
  const t = req.t;
  const who = x.user
    ? x.user.name
      ? html`<a href="${cityPath(req, `/kota/pengguna/${x.user.id}`)}">${x.user.name}</a>`
      : t('kota.audit.deletedUser')
    : t('kota.audit.noUser');
  const entityLink = x.entityId
    ? html`<a href="${cityPath(req, `/kota/audit${queryString({ entity: x.entity, entityId: x.entityId })}`)}"
        >${x.entityId}</a
      >`
    : '—';
  return html`<li class="card">
    <h3>${t(`kota.audit.action.${x.action}`)} · ${entityLabel(t, x.entity)}</h3>
    <dl class="facts">
      <dt>${t('kota.audit.when')}</dt>
      <dd><time datetime="${x.at}">${formatDateTime(x.at)}</time></dd>
      <dt>${t('kota.audit.who')}</dt>
      <dd>${who} <span class="tag">${actorRole(t, x.userRole)}</span></dd>
      <dt>${t('kota.audit.entityId')}</dt>
      <dd>${entityLink}</dd>
    </dl>
    ${changesList(t, x)}
  </li>`;
}

function auditPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    query: AuditQuery;
    entities: string[];
    result: { total: number; page: number; pages: number; items: AuditEntry[] } | null;
    errors?: Errors;
    status?: number;
  },
): FastifyReply {
  const t = req.t;
  const q = o.query;
  const e = o.errors ?? {};
  const filters = {
    entity: q.entity,
    action: q.action,
    user: q.user,
    from: q.from,
    to: q.to,
    entityId: q.entityId,
  };
  const entities = [...new Set([...o.entities, ...(q.entity ? [q.entity] : [])])];
  const r = o.result;
  return sendPage(req, reply, {
    title: t('kota.audit.title'),
    status: o.status ?? 200,
    body: html`<h1>${t('kota.audit.title')}</h1>
      <p>${t('kota.audit.intro')}</p>
      ${errorSummary(t, e)}
      <form
        class="filters"
        method="get"
        action="${cityPath(req, '/kota/audit')}"
        role="search"
        aria-label="${t('kota.audit.filters')}"
      >
        ${selectField({
          name: 'entity',
          label: t('kota.audit.entity'),
          error: e.entity,
          options: [
            option('', t('kota.audit.all'), q.entity ?? ''),
            ...entities
              .map((x) => ({ x, label: entityLabel(t, x) }))
              .sort((a, b) => a.label.localeCompare(b.label, 'id'))
              .map(({ x, label }) => option(x, label, q.entity)),
          ],
        })}
        ${selectField({
          name: 'action',
          label: t('kota.audit.action'),
          error: e.action,
          options: [
            option('', t('kota.audit.all'), q.action ?? ''),
            ...AUDIT_ACTIONS.map((a) => option(a, t(`kota.audit.action.${a}`), q.action)),
          ],
        })}
        ${field({ name: 'user', label: t('kota.audit.user'), value: q.user, error: e.user, hint: t('kota.audit.userHint') })}
        ${field({ name: 'from', label: t('kota.audit.from'), type: 'date', value: q.from, error: e.from })}
        ${field({ name: 'to', label: t('kota.audit.to'), type: 'date', value: q.to, error: e.to })}
        ${field({ name: 'entityId', label: t('kota.audit.entityId'), value: q.entityId, error: e.entityId })}
        <p>
          <button type="submit" class="button primary">${t('kota.audit.apply')}</button>
          <a href="${cityPath(req, '/kota/audit')}">${t('kota.audit.reset')}</a>
        </p>
      </form>
      ${
        r
          ? html`<p class="meta">
                ${t('kota.audit.count', { total: r.total })} ·
                <a href="/api/v1/cities/${cityOf(req).slug}/audit.csv${queryString(filters)}" download
                  >${t('kota.audit.csv')}</a
                >
              </p>
              ${
                r.items.length
                  ? html`<h2>${t('kota.audit.caption')}</h2>
                      <ol class="cards audit-log">
                        ${r.items.map((x) => auditCard(req, x))}
                      </ol>
                      ${pagination(t, t('kota.pagination'), r.page, r.pages, (p) => cityPath(req, `/kota/audit${queryString({ ...filters, page: p })}`))}`
                  : html`<p>${t('kota.audit.empty')}</p>`
              }`
          : ''
      }`,
  });
}

// ---- Routes ----

export function kotaPages(app: FastifyInstance, ctx: ModuleContext): void {
  const OkQuery = Type.Object({ ok: Type.Optional(Type.Literal('1')) }, { additionalProperties: false });

  // Settings

  app.get(
    '/:city/kota/pengaturan',
    { schema: { params: CityParams, querystring: OkQuery }, config: settingsAccess },
    async (req, reply) =>
      settingsPage(req, reply, ctx.modules, { saved: (req.query as Static<typeof OkQuery>).ok === '1' }),
  );

  app.post(
    '/:city/kota/pengaturan',
    { schema: { params: CityParams, body: SettingsForm }, attachValidation: true, config: settingsAccess },
    async (req, reply) => {
      const raw = (req.body ?? {}) as Record<string, unknown>;
      const values = formValues(raw, ['name', 'tagline', 'alamat', 'telepon', 'email', 'situs']);
      const chosen = listOf(raw.modules);
      if (req.validationError) {
        return settingsPage(req, reply, ctx.modules, {
          values,
          modules: chosen,
          errors: validationErrors(req),
          status: 400,
        });
      }
      const body = req.body as Static<typeof SettingsForm>;
      const city = cityOf(req);
      try {
        const hasFile = Buffer.isBuffer(body.logo) && body.logo.length > 0;
        if (hasFile && body.hapusLogo) {
          return settingsPage(req, reply, ctx.modules, {
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
        return settingsPage(req, reply, ctx.modules, {
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

  // Users

  app.get(
    '/:city/kota/pengguna',
    { schema: { params: CityParams, querystring: UsersQuery }, config: usersAccess },
    async (req, reply) => {
      const t = req.t;
      const q = req.query as Static<typeof UsersQuery>;
      const page = q.page ?? 1;
      const city = cityOf(req);
      const { list, areas } = await cityTx(req, async (trx) => ({
        list: await listAccounts(trx, { q: q.q, page, perPage: PER_PAGE }),
        areas: new Map((await cityAreas(trx, city.id)).map((a) => [a.kode, a])),
      }));
      return sendPage(req, reply, {
        title: t('kota.users.title'),
        body: html`<h1>${t('kota.users.title')}</h1>
          <p>
            <a class="button primary" href="${cityPath(req, '/kota/pengguna/baru')}"
              >${t('kota.users.newTitle')}</a
            >
          </p>
          <form
            class="filters"
            method="get"
            action="${cityPath(req, '/kota/pengguna')}"
            role="search"
            aria-label="${t('kota.users.search')}"
          >
            ${field({ name: 'q', label: t('kota.users.searchLabel'), type: 'search', value: q.q })}
            <p><button type="submit" class="button">${t('kota.users.search')}</button></p>
          </form>
          <p class="meta">
            ${q.q ? t('kota.users.countFor', { total: list.total, q: q.q }) : t('kota.users.count', { total: list.total })}
          </p>
          ${
            list.items.length
              ? tableWrap(
                  null,
                  t('kota.users.caption'),
                  html`<tr>
                    <th scope="col">${t('auth.name')}</th>
                    <th scope="col">${t('auth.email')}</th>
                    <th scope="col">${t('kota.users.phone')}</th>
                    <th scope="col">${t('auth.roles')}</th>
                    <th scope="col">${t('kota.users.status')}</th>
                    <th scope="col">${t('kota.users.lastLogin')}</th>
                  </tr>`,
                  list.items.map(
                    (u) =>
                      html`<tr>
                        <td><a href="${cityPath(req, `/kota/pengguna/${u.id}`)}">${u.name}</a></td>
                        <td>${u.email}</td>
                        <td>${u.phone ?? '—'}</td>
                        <td>
                          ${u.roles.length ? u.roles.map((r) => html`${roleTag(t, r, areas)} `) : html`<span class="meta">${t('kota.users.noRoles')}</span>`}
                        </td>
                        <td>${statusTags(t, u)}</td>
                        <td>${u.lastLoginAt ? formatDateTime(u.lastLoginAt) : t('kota.users.never')}</td>
                      </tr>`,
                  ),
                )
              : html`<p>${t('list.empty')}</p>`
          }
          ${pagination(t, t('kota.pagination'), list.page, list.pages, (p) => cityPath(req, `/kota/pengguna${queryString({ q: q.q, page: p })}`))}`,
      });
    },
  );

  const pickerData = async (req: FastifyRequest) => {
    const city = cityOf(req);
    return { areas: await cityTx(req, (trx) => cityAreas(trx, city.id)), catalogue: ctx.modules };
  };

  app.get(
    '/:city/kota/pengguna/baru',
    { schema: { params: CityParams }, config: usersAccess },
    async (req, reply) => newUserPage(req, reply, await pickerData(req), {}),
  );

  app.post(
    '/:city/kota/pengguna/baru',
    { schema: { params: CityParams, body: NewUserForm }, attachValidation: true, config: usersAccess },
    async (req, reply) => {
      const t = req.t;
      const values = formValues(req.body, ['name', 'email', 'phone', 'role', 'areaKode', 'rw', 'module']);
      const picker = await pickerData(req);
      if (req.validationError) {
        return newUserPage(req, reply, picker, {
          values,
          errors: validationErrors(req),
          status: 400,
        });
      }
      const body = req.body as Static<typeof NewUserForm>;
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
        return newUserPage(req, reply, picker, {
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

  const DetailQuery = Type.Object(
    {
      ok: Type.Optional(
        Type.Union([
          Type.Literal('profil'),
          Type.Literal('status'),
          Type.Literal('peran'),
          Type.Literal('hapus-peran'),
        ]),
      ),
    },
    { additionalProperties: false },
  );

  app.get(
    '/:city/kota/pengguna/:userId',
    { schema: { params: UserParams, querystring: DetailQuery }, config: usersAccess },
    (req, reply) => {
      const { userId } = req.params as Static<typeof UserParams>;
      return detailPage(req, reply, ctx.modules, userId, {
        ok: (req.query as Static<typeof DetailQuery>).ok,
      });
    },
  );

  const back = (req: FastifyRequest, userId: string, ok: string) =>
    cityPath(req, `/kota/pengguna/${userId}?ok=${ok}`);

  app.post(
    '/:city/kota/pengguna/:userId',
    { schema: { params: UserParams, body: ProfileForm }, attachValidation: true, config: usersAccess },
    async (req, reply) => {
      const { userId } = req.params as Static<typeof UserParams>;
      const values = formValues(req.body, ['name', 'phone']);
      if (req.validationError) {
        return detailPage(req, reply, ctx.modules, userId, {
          profile: { values, errors: validationErrors(req) },
          status: 400,
        });
      }
      const body = req.body as Static<typeof ProfileForm>;
      const me = userOf(req).id;
      const phone = body.hapusTelepon ? null : body.phone ? body.phone : undefined;
      try {
        await cityTx(req, (trx) => updateAccount(trx, userId, { name: body.name, phone }, me));
      } catch (err) {
        const p = problemMessages(req, err);
        return detailPage(req, reply, ctx.modules, userId, {
          profile: { values, errors: p.errors, ...(p.message ? { error: p.message } : {}) },
          status: p.status,
        });
      }
      return reply.redirect(back(req, userId, 'profil'), 303);
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/status',
    { schema: { params: UserParams, body: StatusForm }, config: usersAccess },
    async (req, reply) => {
      const { userId } = req.params as Static<typeof UserParams>;
      const body = req.body as Static<typeof StatusForm>;
      const me = userOf(req).id;
      try {
        await cityTx(req, (trx) => updateAccount(trx, userId, { active: body.active === 'true' }, me));
      } catch (err) {
        const p = problemMessages(req, err);
        return detailPage(req, reply, ctx.modules, userId, {
          statusError: p.message ?? Object.values(p.errors).join(' '),
          status: p.status,
        });
      }
      return reply.redirect(back(req, userId, 'status'), 303);
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/peran',
    { schema: { params: UserParams, body: RoleForm }, attachValidation: true, config: usersAccess },
    async (req, reply) => {
      const { userId } = req.params as Static<typeof UserParams>;
      const values = formValues(req.body, ['role', 'areaKode', 'rw', 'module']);
      if (req.validationError) {
        return detailPage(req, reply, ctx.modules, userId, {
          role: { values, errors: validationErrors(req) },
          status: 400,
        });
      }
      const body = req.body as Static<typeof RoleForm>;
      const city = cityOf(req);
      const names = ctx.modules.map((m) => m.name);
      try {
        await cityTx(req, (trx) =>
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
        );
      } catch (err) {
        const p = problemMessages(req, err);
        return detailPage(req, reply, ctx.modules, userId, {
          role: { values, errors: p.errors, ...(p.message ? { error: p.message } : {}) },
          status: p.status,
        });
      }
      return reply.redirect(back(req, userId, 'peran'), 303);
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/peran/:roleId/hapus',
    { schema: { params: RoleParams }, config: usersAccess },
    async (req, reply) => {
      const { userId, roleId } = req.params as Static<typeof RoleParams>;
      const me = userOf(req).id;
      try {
        await cityTx(req, (trx) => revokeRole(trx, userId, roleId, me));
      } catch (err) {
        const p = problemMessages(req, err);
        return detailPage(req, reply, ctx.modules, userId, {
          roleListError: p.message ?? Object.values(p.errors).join(' '),
          status: p.status,
        });
      }
      return reply.redirect(back(req, userId, 'hapus-peran'), 303);
    },
  );

  app.post(
    '/:city/kota/pengguna/:userId/sandi',
    { schema: { params: UserParams }, config: usersAccess },
    async (req, reply) => {
      const { userId } = req.params as Static<typeof UserParams>;
      const me = userOf(req).id;
      let temporaryPassword: string;
      try {
        temporaryPassword = await cityTx(req, (trx) => resetAccountPassword(trx, userId, me));
      } catch (err) {
        const p = problemMessages(req, err);
        return detailPage(req, reply, ctx.modules, userId, {
          resetError: p.message ?? Object.values(p.errors).join(' '),
          status: p.status,
        });
      }
      return detailPage(req, reply, ctx.modules, userId, { temporaryPassword });
    },
  );

  // Audit

  app.get(
    '/:city/kota/audit',
    {
      schema: { params: CityParams, querystring: AuditQuerySchema },
      attachValidation: true,
      config: auditAccess,
    },
    async (req, reply) => {
      const rawQuery = formValues(req.query, ['entity', 'action', 'user', 'from', 'to', 'entityId']);
      const query: AuditQuery = { ...rawQuery, action: rawQuery.action as AuditQuery['action'] };
      const entities = await cityTx(req, (trx) => auditEntities(trx));
      if (req.validationError) {
        return auditPage(req, reply, {
          query,
          entities,
          result: null,
          errors: validationErrors(req, 'querystring'),
          status: 400,
        });
      }
      const q = req.query as Static<typeof AuditQuerySchema>;
      try {
        const result = await cityTx(req, (trx) =>
          listAudit(trx, q, { page: q.page ?? 1, perPage: PER_PAGE }),
        );
        return auditPage(req, reply, { query, entities, result });
      } catch (err) {
        const p = problemMessages(req, err);
        return auditPage(req, reply, { query, entities, result: null, errors: p.errors, status: p.status });
      }
    },
  );
}
