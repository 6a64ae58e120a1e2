/**
 * What every request carries after the platform hooks ran: language, city,
 * signed-in user and CSRF token. Route handlers use `cityTx` to work in the
 * city's transaction as the signed-in user.
 */
import type { FastifyRequest } from 'fastify';
import type { Locale, Translator } from '../i18n/index.ts';
import type { City } from '../tenancy/service.ts';
import type { CurrentUser, Permission } from '../auth/roles.ts';
import { withTenant, type Tx } from '../db/transaction.ts';
import type { Db } from '../db/database.ts';
import { notFound, unauthorized } from './problem.ts';

/**
 * Who may call a route: anyone, any signed-in user of the city, or holders of
 * a permission. Every route declares it (checked at start-up).
 */
export interface UploadInfo {
  filename: string;
  mimetype: string;
  size: number;
}

export type Access = 'public' | 'user' | { permission: Permission };

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translator;
    city: City | null;
    user: CurrentUser | null;
    sessionId: string | null;
    csrfToken: string;
    actingRole: string | null;
    /** Uploaded files of a multipart request by field name (their bytes are in the body). */
    uploads: Record<string, UploadInfo> | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Pages render errors as HTML; API routes as problem+json. Derived from the URL when absent. */
    page?: boolean;
    /** Reachable by a user who must change a reset password first (account, logout). */
    duringPasswordChange?: boolean;
    /** The module that registered the route (set by the platform). */
    module?: string;
  }
  interface FastifyInstance {
    db: Db;
  }
}

export function cityOf(req: FastifyRequest): City {
  if (!req.city) throw notFound();
  return req.city;
}

export function userOf(req: FastifyRequest): CurrentUser {
  if (!req.user) throw unauthorized();
  return req.user;
}

/** Runs fn in the request's city transaction, as the signed-in user (or anonymously). */
export function cityTx<T>(req: FastifyRequest, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const city = cityOf(req);
  return withTenant(
    req.server.db,
    city.id,
    { userId: req.user?.id ?? null, role: req.actingRole ?? (req.user ? null : 'anonim'), requestId: req.id },
    fn,
  );
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip ?? null;
}
