/** Pieces shared by the kota screens: access rules, problems as form errors, role and area labels. */
import type { FastifyRequest } from 'fastify';
import type { ModuleInfo } from '../../../platform/module.ts';
import { HttpProblem } from '../../../platform/http/problem.ts';
import { byField, fieldMessage } from '../../../platform/http/validation.ts';
import { field } from '../../../platform/web/layout.ts';
import { html, raw, type SafeHtml } from '../../../platform/web/html.ts';
import { option, selectField, type FormErrors, type FormValues } from '../../../platform/web/components.ts';
import type { Translator } from '../../../platform/i18n/index.ts';
import { ROLES, ROLE_AREA_LEVEL, areaLevelOf } from '../../../platform/auth/roles.ts';
import type { City } from '../../../platform/tenancy/service.ts';
import type { AccountOut, RoleOut } from '../users-service.ts';
import type { Area } from '../../wilayah/api.ts';

export { AUDIT_ACCESS, SETTINGS_ACCESS, USERS_ACCESS } from '../permissions.ts';
export const PER_PAGE = 25;

// ---- Shared bits ----

/** A service's 400/409 as field errors (or one message when it names no field); anything else is rethrown. */
export function problemMessages(
  req: FastifyRequest,
  err: unknown,
): { errors: FormErrors; message?: string; status: number } {
  if (!(err instanceof HttpProblem) || (err.status !== 400 && err.status !== 409)) throw err;
  const errors = byField(
    (err.errors ?? []).map((e) => ({ ...e, detail: fieldMessage(req.t, e, err.params) })),
  );
  return Object.keys(errors).length
    ? { errors, status: err.status }
    : { errors, message: req.t(err.titleKey, err.params), status: err.status };
}

export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** "Kec. Coblong", "Kel. Dago", "RW 007 · Kel. Dago" or the code when unknown. */
export function areaName(t: Translator, kode: string, areas: Map<string, Area>): string {
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

export function roleTag(
  t: Translator,
  r: Pick<RoleOut, 'role' | 'areaKode' | 'module'>,
  areas?: Map<string, Area>,
): SafeHtml {
  const where = areas ? areaName(t, r.areaKode, areas) : r.areaKode;
  return html`<span class="tag">${t(`role.${r.role}`)} · ${where}${r.module ? ` · ${r.module}` : ''}</span>`;
}

export function statusTags(t: Translator, u: AccountOut): SafeHtml {
  return html`${u.active ? html`<span class="tag">${t('kota.users.active')}</span>` : html`<span class="tag">${t('kota.users.inactive')}</span>`}
  ${u.mustChangePassword ? html` <span class="tag">${t('kota.users.mustChange')}</span>` : ''}
  ${u.demo ? html` <span class="tag">${t('kota.users.demo')}</span>` : ''}`;
}

export function oneTimePassword(t: Translator, name: string, password: string, heading: string): SafeHtml {
  return html`<section class="alert alert-success" role="status" aria-labelledby="sandi-sementara">
    <h2 id="sandi-sementara">${heading}</h2>
    <p>${t('kota.password.for', { name })}</p>
    <p><code class="secret">${password}</code></p>
    <p class="hint">${t('kota.password.once')}</p>
  </section>`;
}

export interface RoleFormView {
  values?: FormValues;
  errors?: FormErrors;
  error?: string;
}

export function roleFields(
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
