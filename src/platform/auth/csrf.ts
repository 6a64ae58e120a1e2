/**
 * CSRF tokens: signed double-submit, bound to the sessions (ADR 0005).
 *
 * A token is `<nonce>.<HMAC(key, nonce | the request's session cookies)>`. It travels in the
 * HttpOnly cookie `balai_csrf` and must come back, the same, in the `_csrf` form field or the
 * `X-CSRF-Token` header of every state-changing request. A token is only valid together with the
 * session cookies it was made for: one chosen by someone else (planted in the cookie and sent in a
 * form) does not carry a valid signature for the victim's sessions, and a new token is issued
 * whenever the sessions change (sign-in, sign-out, an expired session cleared).
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { baseCookie, CSRF_COOKIE, SESSION_COOKIE_PREFIX } from '../http/cookies.ts';

let key: Buffer | null = null;

/** Derives the signing key from the installation's secret (done once at start-up). */
export function setCsrfSecret(secret: Buffer): void {
  key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'balai csrf token', 32));
}

/** The session cookies a token is bound to, in a stable order; `change` sets (or, null, removes) some. */
function binding(cookies: Record<string, string | undefined>, change: Record<string, string | null>): string {
  const all = { ...cookies, ...change };
  return Object.entries(all)
    .filter(([name, value]) => name.startsWith(SESSION_COOKIE_PREFIX) && value)
    .map(([name, value]) => `${name}=${value}`)
    .sort()
    .join(';');
}

function signature(nonce: string, bound: string): Buffer {
  if (!key) throw new Error('CSRF secret not set');
  return createHmac('sha256', key).update(`${nonce}|${bound}`).digest();
}

function valid(token: string | undefined, bound: string): token is string {
  if (!token || !/^[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const [nonce, sig] = token.split('.') as [string, string];
  return timingSafeEqual(Buffer.from(sig, 'base64url'), signature(nonce, bound));
}

/** The token each request was checked against: the valid one it came with, or the one issued to it. */
const accepted = new WeakMap<FastifyRequest, string>();

function issue(req: FastifyRequest, reply: FastifyReply, bound: string): string {
  const nonce = randomBytes(18).toString('base64url');
  const token = `${nonce}.${signature(nonce, bound).toString('base64url')}`;
  reply.setCookie(CSRF_COOKIE, token, baseCookie());
  req.csrfToken = token;
  return token;
}

/** At the start of every request: keeps the cookie's token when valid for its sessions, else issues one. */
export function ensureCsrfToken(req: FastifyRequest, reply: FastifyReply): void {
  const cookies = req.cookies;
  const current = cookies[CSRF_COOKIE];
  const token = valid(current, binding(cookies, {})) ? current : issue(req, reply, binding(cookies, {}));
  req.csrfToken = token;
  accepted.set(req, token);
}

/**
 * A new token for the sessions as they will be after this response (`change`: the session cookies
 * it sets, or clears with null). Pages rendered afterwards in the same request carry it.
 */
export function renewCsrfToken(
  req: FastifyRequest,
  reply: FastifyReply,
  change: Record<string, string | null>,
): void {
  issue(req, reply, binding(req.cookies, change));
}

/** Whether a state-changing request sent back the token it came with (its cookie's, when valid). */
export function csrfAccepted(req: FastifyRequest): boolean {
  const body = req.body as Record<string, unknown> | undefined;
  const sent = req.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
  const expected = accepted.get(req);
  return typeof sent === 'string' && expected !== undefined && sent === expected;
}
