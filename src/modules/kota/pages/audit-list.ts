/**
 * The audit log: filters by entity, action, account and dates, with each change shown as a diff.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BalaiApp } from '../../../platform/module.ts';
import { cityOf, cityTx } from '../../../platform/http/context.ts';
import { CityParams } from '../../../platform/http/schemas.ts';
import { cityPath, errorSummary, field, sendPage } from '../../../platform/web/layout.ts';
import { html, type SafeHtml } from '../../../platform/web/html.ts';
import {
  formValues,
  option,
  pagination,
  queryString,
  selectField,
  validationErrors,
  type FormErrors,
  filterForm,
} from '../../../platform/web/components.ts';
import { formatDateTime, hasMessage, type Translator } from '../../../platform/i18n/index.ts';
import { AUDIT_ACTIONS, REDACTED, listAudit, type AuditEntry, type AuditQuery } from '../audit-service.ts';
import { auditEntities } from '../audit-repository.ts';
import { AuditQuerySchema } from '../schemas.ts';
import { AUDIT_ACCESS, PER_PAGE, problemMessages } from './parts.ts';

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

function renderAudit(
  req: FastifyRequest,
  reply: FastifyReply,
  o: {
    query: AuditQuery;
    entities: string[];
    result: { total: number; page: number; pages: number; items: AuditEntry[] } | null;
    errors?: FormErrors;
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
      ${filterForm(
        { action: cityPath(req, '/kota/audit'), label: t('kota.audit.filters') },
        html`${selectField({
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
          </p>`,
      )}
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

export function auditListPage(app: BalaiApp): void {
  app.get(
    '/:city/kota/audit',
    {
      schema: { params: CityParams, querystring: AuditQuerySchema },
      attachValidation: true,
      config: AUDIT_ACCESS,
    },
    async (req, reply) => {
      const rawQuery = formValues(req.query, ['entity', 'action', 'user', 'from', 'to', 'entityId']);
      const query: AuditQuery = { ...rawQuery, action: rawQuery.action as AuditQuery['action'] };
      const entities = await cityTx(req, (trx) => auditEntities(trx));
      if (req.validationError) {
        return renderAudit(req, reply, {
          query,
          entities,
          result: null,
          errors: validationErrors(req, 'querystring'),
          status: 400,
        });
      }
      const q = req.query;
      try {
        const result = await cityTx(req, (trx) =>
          listAudit(trx, q, { page: q.page ?? 1, perPage: PER_PAGE }),
        );
        return renderAudit(req, reply, { query, entities, result });
      } catch (err) {
        const p = problemMessages(req, err);
        return renderAudit(req, reply, { query, entities, result: null, errors: p.errors, status: p.status });
      }
    },
  );
}
