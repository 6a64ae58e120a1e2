/**
 * JSON API of the audit log: entries as JSON and as CSV.
 */
import type { BalaiApp } from '../../platform/module.ts';
import { cityOf, cityTx } from '../../platform/http/context.ts';
import { CityParams, errorResponses } from '../../platform/http/schemas.ts';
import { auditCsv, listAudit } from './audit-service.ts';
import { todayWib } from '../../platform/waktu.ts';
import { AuditCsvQuery, AuditList, AuditQuerySchema } from './schemas.ts';
import { API_TAGS, API_BASE } from './schemas.ts';
import { AUDIT_ACCESS } from './permissions.ts';

export function auditRoutes(app: BalaiApp): void {
  // ---- Audit ----

  app.get(
    `${API_BASE}/audit`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'The audit log, newest first',
        description:
          'Filters: entity (table), action, user (account id or email), from/to (days in WIB, inclusive), entityId. Phone numbers are masked; redacted values read "[disamarkan]".',
        params: CityParams,
        querystring: AuditQuerySchema,
        response: { 200: AuditList, ...errorResponses },
      },
      config: AUDIT_ACCESS,
    },
    (req) => {
      const q = req.query;
      return cityTx(req, (trx) => listAudit(trx, q, { page: q.page ?? 1, perPage: q.perPage ?? 50 }));
    },
  );

  app.get(
    `${API_BASE}/audit.csv`,
    {
      schema: {
        tags: API_TAGS,
        summary: 'The filtered audit log as CSV',
        description:
          'Same filters as /audit; at most 50 000 rows (header X-Balai-Truncated: true when cut). Times in WIB.',
        params: CityParams,
        querystring: AuditCsvQuery,
        produces: ['text/csv'],
      },
      config: AUDIT_ACCESS,
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
