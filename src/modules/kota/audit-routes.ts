/**
 * JSON API of the audit log: entries as JSON and as CSV.
 */
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { apiRoutes, pageOf } from '../../platform/http/api-route.ts';
import { CityParams } from '../../platform/http/schemas.ts';
import { auditCsv, listAudit } from './audit-service.ts';
import { todayWib } from '../../platform/waktu.ts';
import { AuditCsvQuery, AuditList, AuditQuerySchema } from './schemas.ts';
import { API_TAGS, API_BASE } from './schemas.ts';
import { AUDIT_ACCESS } from './permissions.ts';

export function auditRoutes(app: BalaiApp): void {
  const api = apiRoutes(app, { base: API_BASE, tags: API_TAGS });
  // ---- Audit ----

  api.get(
    '/audit',
    {
      summary: 'The audit log, newest first',
      description:
        'Filters: entity (table), action, user (account id or email), from/to (days in WIB, inclusive), entityId. Phone numbers are masked; redacted values read "[disamarkan]".',
      params: CityParams,
      query: AuditQuerySchema,
      out: AuditList,
      access: AUDIT_ACCESS.access,
    },
    (req) => cityTx(req, (trx) => listAudit(trx, req.query, pageOf(req.query))),
  );

  api.get(
    '/audit.csv',
    {
      summary: 'The filtered audit log as CSV',
      description:
        'Same filters as /audit; at most 50 000 rows (header X-Balai-Truncated: true when cut). Times in WIB.',
      produces: ['text/csv'],
      params: CityParams,
      query: AuditCsvQuery,
      raw: true,
      access: AUDIT_ACCESS.access,
    },
    async (req, reply) => {
      const r = await cityTx(req, (trx) => auditCsv(trx, req.query, req.t));
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
