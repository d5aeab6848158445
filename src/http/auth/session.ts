import { fastifyCookie } from '@fastify/cookie';
import type { FastifyRequest } from 'fastify';
import type { CoreDeps } from '../../core/store-ports.js';
import type { SessionRepo } from '../../core/session/ports.js';
import { resolveSession } from '../../core/session/resolve-session.js';
import { csrfFor, safeEqual } from '../../core/session/session-crypto.js';
import type { Clock } from '../../core/shared/context.js';
import { DomainError } from '../../core/shared/errors.js';
import type { Authenticator, Principal } from './principal.js';

export const SESSION_COOKIE = 'response_session';
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface SessionAuthDeps {
  core: CoreDeps;
  sessions: SessionRepo;
  clock: Clock;
  secret: string;
  loginRequired: boolean;
}

export function readCookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  return header ? fastifyCookie.parse(header) : {};
}

/** The session id from the signed cookie, or null when absent or tampered with. */
export function sessionIdOf(request: FastifyRequest, secret: string): string | null {
  const raw = readCookies(request)[SESSION_COOKIE];
  if (!raw) return null;
  const result = fastifyCookie.unsign(raw, secret);
  return result.valid && result.value ? result.value : null;
}

/** Double submit: the header must equal the cookie (and, for sessions, the value derived from the session). */
function assertCsrf(request: FastifyRequest, expected: string | null): void {
  if (SAFE_METHODS.has(request.method)) return;
  const header = request.headers[CSRF_HEADER];
  const sent = typeof header === 'string' ? header : '';
  const cookie = readCookies(request)[CSRF_COOKIE] ?? '';
  const ok = sent !== '' && safeEqual(sent, cookie) && (expected === null || safeEqual(sent, expected));
  if (!ok) throw new DomainError('FORBIDDEN', `Missing or wrong ${CSRF_HEADER} header: send the value of the ${CSRF_COOKIE} cookie with every change`);
}

/**
 * Signed-in browsers: the session cookie and CSRF on every change. Who may see or change what
 * (private incidents, permissions) is decided by the core verbs from the web_user actor.
 */
export function sessionAuthenticator(deps: SessionAuthDeps): Authenticator {
  return async (request) => {
    // A request that sends a bearer token is judged by it alone: a revoked token must hear 401.
    if (request.headers.authorization) return null;
    const sessionId = sessionIdOf(request, deps.secret);
    if (!sessionId) return null;
    const user = await resolveSession({ ...deps.core, sessions: deps.sessions }, { actor: { kind: 'system', job: 'auth' }, clock: deps.clock }, sessionId);
    if (!user) return null;
    assertCsrf(request, csrfFor(deps.secret, sessionId));
    const principal: Principal = { actor: { kind: 'web_user', slackId: user.slackId }, slackId: user.slackId, isAdmin: user.isAdmin, via: 'session' };
    return principal;
  };
}

/**
 * RESPONSE_LOGIN_REQUIRED=false: trusted local use, so anyone who can reach the server acts as
 * "anonymous web user" with admin rights. Requests that carry a bearer header still have to pass
 * the token check (they never fall through to here), and browser changes still need CSRF.
 */
export function anonymousAuthenticator(deps: SessionAuthDeps): Authenticator {
  return async (request) => {
    if (deps.loginRequired || request.headers.authorization) return null;
    assertCsrf(request, null);
    return { actor: { kind: 'web_user', slackId: null, label: 'anonymous web user' }, slackId: null, isAdmin: true, via: 'anonymous' };
  };
}
