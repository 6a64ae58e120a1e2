/**
 * The audit log viewer: filters (dates in WIB), pages newest first, who did it
 * (names resolved through the platform's account service), a readable diff of
 * the changed fields, and CSV export.
 */
import type { Tx } from '../../platform/db/transaction.ts';
import { HttpProblem, badRequest } from '../../platform/http/problem.ts';
import { getUser, listUsers, normaliseEmail } from '../../platform/auth/service.ts';
import { maskPhone } from '../../platform/privacy.ts';
import type { Translator } from '../../platform/i18n/index.ts';
import {
  countAudit,
  findAudit,
  type AuditAction,
  type AuditFilter,
  type AuditRow,
} from './audit-repository.ts';
import type { Page } from './users-service.ts';
import { isTanggal, todayWib } from '../../platform/waktu.ts';

export const AUDIT_ACTIONS = ['insert', 'update', 'delete', 'read'] as const satisfies readonly AuditAction[];
export const REDACTED = '[disamarkan]';
export const EXPORT_MAX_ROWS = 50_000;
const TZ = 'Asia/Jakarta';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditQuery {
  entity?: string | undefined;
  action?: AuditAction | '' | undefined;
  /** An account id or email. */
  user?: string | undefined;
  /** Calendar dates in WIB, YYYY-MM-DD, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  entityId?: string | undefined;
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditActor {
  id: string;
  name: string | null;
  email: string | null;
}

export interface AuditEntry {
  at: string;
  user: AuditActor | null;
  userRole: string;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  changes: Change[];
}

/** Today's date in WIB (the platform's), for the callers of this service. */
export { todayWib };

/** Midnight WIB at the start of a calendar date, or null when the date does not exist. */
export function wibMidnight(date: string): Date | null {
  return isTanggal(date) ? new Date(`${date}T00:00:00+07:00`) : null;
}

/** Turns the query (dates, account email) into repository filters; null when nothing can match. */
export async function resolveFilter(trx: Tx, q: AuditQuery): Promise<AuditFilter | null> {
  const f: AuditFilter = {
    entity: q.entity?.trim() || undefined,
    action: q.action || undefined,
    entityId: q.entityId?.trim() || undefined,
  };
  const errors: { pointer: string; detail: string }[] = [];
  if (q.from) {
    const d = wibMidnight(q.from);
    if (d) f.from = d;
    else errors.push({ pointer: '/query/from', detail: 'kota.audit.badDate' });
  }
  if (q.to) {
    const d = wibMidnight(q.to);
    if (d) f.until = new Date(d.getTime() + 86_400_000);
    else errors.push({ pointer: '/query/to', detail: 'kota.audit.badDate' });
  }
  if (f.from && f.until && f.from >= f.until)
    errors.push({ pointer: '/query/to', detail: 'kota.audit.badRange' });
  const user = q.user?.trim();
  let nobody = false;
  if (user) {
    if (UUID_RE.test(user)) f.userId = user.toLowerCase();
    else if (user.includes('@')) {
      const email = normaliseEmail(user);
      const found = (await listUsers(trx, { q: email, limit: 20, offset: 0 })).items.find(
        (u) => u.email === email,
      );
      if (found) f.userId = found.id;
      else nobody = true;
    } else errors.push({ pointer: '/query/user', detail: 'kota.audit.badUser' });
  }
  if (errors.length) throw badRequest('error.validation', errors);
  return nobody ? null : f;
}

const SKIP_ALWAYS = new Set(['tenant_id']);
const PHONE_KEY = /^(phone|.*telepon.*|.*_hp)$/i;

function masked(field: string, value: unknown): unknown {
  return typeof value === 'string' && value !== REDACTED && PHONE_KEY.test(field) ? maskPhone(value) : value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The changed fields of one audit row: all set fields for an insert or delete, the differing ones for an update. */
export function diff(row: Pick<AuditRow, 'action' | 'before' | 'after'>): Change[] {
  const before = row.before ?? {};
  const after = row.after ?? {};
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter(
    (k) => !SKIP_ALWAYS.has(k),
  );
  let changes: Change[];
  if (row.action === 'update') {
    changes = fields
      .filter((k) => !same(before[k], after[k]))
      .map((k) => ({ field: k, before: before[k] ?? null, after: after[k] ?? null }));
    const visible = changes.filter((c) => c.field !== 'updated_at');
    // A changed redacted value reads "[disamarkan: diubah]" (migration 0003). Rows logged before that
    // show "[disamarkan]" on both sides: when nothing but the time stamp differs, show those fields.
    const hidden = fields
      .filter((k) => before[k] === REDACTED && after[k] === REDACTED)
      .map((k) => ({ field: k, before: REDACTED, after: REDACTED }));
    if (visible.length) changes = visible;
    else if (hidden.length) changes = hidden;
  } else if (row.action === 'insert') {
    changes = fields
      .filter((k) => after[k] !== null && after[k] !== undefined)
      .map((k) => ({ field: k, before: null, after: after[k] }));
  } else {
    changes = fields
      .filter((k) => before[k] !== null && before[k] !== undefined)
      .map((k) => ({ field: k, before: before[k], after: null }));
  }
  return changes.map((c) => ({
    field: c.field,
    before: masked(c.field, c.before),
    after: masked(c.field, c.after),
  }));
}

/** Resolves account ids to names, once per id; deleted accounts resolve to null. */
export function actorResolver(trx: Tx): (id: string | null) => Promise<AuditActor | null> {
  const cache = new Map<string, AuditActor>();
  return async (id) => {
    if (!id) return null;
    let actor = cache.get(id);
    if (!actor) {
      try {
        const u = await getUser(trx, id);
        actor = { id, name: u.name, email: u.email };
      } catch (err) {
        if (!(err instanceof HttpProblem && err.status === 404)) throw err;
        actor = { id, name: null, email: null };
      }
      cache.set(id, actor);
    }
    return actor;
  };
}

async function toEntries(
  rows: AuditRow[],
  resolve: (id: string | null) => Promise<AuditActor | null>,
): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for (const r of rows) {
    out.push({
      at: new Date(r.at).toISOString(),
      user: await resolve(r.userId),
      userRole: r.userRole,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      requestId: r.requestId,
      changes: diff(r),
    });
  }
  return out;
}

export async function listAudit(
  trx: Tx,
  q: AuditQuery,
  paging: { page: number; perPage: number },
): Promise<Page<AuditEntry>> {
  const f = await resolveFilter(trx, q);
  const empty = { total: 0, page: paging.page, perPage: paging.perPage, pages: 1, items: [] };
  if (!f) return empty;
  const total = await countAudit(trx, f);
  const rows = await findAudit(trx, f, { limit: paging.perPage, offset: (paging.page - 1) * paging.perPage });
  return {
    total,
    page: paging.page,
    perPage: paging.perPage,
    pages: Math.max(1, Math.ceil(total / paging.perPage)),
    items: await toEntries(rows, actorResolver(trx)),
  };
}

/** Entries since a moment (the dashboard's "today"). */
export function countAuditSince(trx: Tx, since: Date): Promise<number> {
  return countAudit(trx, { from: since });
}

// ---- CSV ----

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A value in the CSV: text as is, anything else as JSON, nothing as empty. */
export function plainValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Date and time in WIB as "YYYY-MM-DD HH:mm:ss". */
export function wibTimestamp(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}

/** The filtered log as CSV (UTF-8 with BOM, for spreadsheets), newest first, at most EXPORT_MAX_ROWS rows. */
export async function auditCsv(
  trx: Tx,
  q: AuditQuery,
  t: Translator,
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const header = [
    t('kota.audit.csv.at'),
    t('kota.audit.csv.userId'),
    t('kota.audit.csv.userName'),
    t('kota.audit.csv.role'),
    t('kota.audit.csv.action'),
    t('kota.audit.csv.entity'),
    t('kota.audit.csv.entityId'),
    t('kota.audit.csv.changes'),
    t('kota.audit.csv.requestId'),
  ];
  const lines = [header.map(csvCell).join(',')];
  const f = await resolveFilter(trx, q);
  let rows = 0;
  let truncated = false;
  if (f) {
    const total = await countAudit(trx, f);
    truncated = total > EXPORT_MAX_ROWS;
    const resolve = actorResolver(trx);
    const batch = 1000;
    for (let offset = 0; offset < Math.min(total, EXPORT_MAX_ROWS); offset += batch) {
      const entries = await toEntries(await findAudit(trx, f, { limit: batch, offset }), resolve);
      for (const e of entries) {
        const changes = e.changes
          .map((c) => `${c.field}: ${plainValue(c.before) || '—'} → ${plainValue(c.after) || '—'}`)
          .join('; ');
        lines.push(
          [
            wibTimestamp(e.at),
            e.user?.id ?? '',
            e.user?.name ?? '',
            e.userRole,
            e.action,
            e.entity,
            e.entityId ?? '',
            changes,
            e.requestId ?? '',
          ]
            .map(csvCell)
            .join(','),
        );
        rows++;
      }
      if (entries.length < batch) break;
    }
  }
  return { csv: `\ufeff${lines.join('\r\n')}\r\n`, rows, truncated };
}
