import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreDeps } from '../../core/store-ports.js';
import { completeSignIn } from '../../core/session/complete-sign-in.js';
import type { IdentityProvider, SessionRepo } from '../../core/session/ports.js';
import { endSession } from '../../core/session/resolve-session.js';
import { csrfFor, randomToken, safeEqual } from '../../core/session/session-crypto.js';
import { startSignIn } from '../../core/session/start-sign-in.js';
import type { Clock } from '../../core/shared/context.js';
import { DomainError } from '../../core/shared/errors.js';
import { CSRF_COOKIE, CSRF_HEADER, readCookies, SESSION_COOKIE, sessionIdOf } from '../auth/session.js';
import { errorBody } from '../errors.js';

export interface WebAuthDeps {
  core: CoreDeps;
  sessions: SessionRepo;
  clock: Clock;
  secret: string;
  publicUrl: string;
  oauthUrl: string;
  clientId: string | undefined;
  /** Null when SLACK_CLIENT_ID / SLACK_CLIENT_SECRET are unset: sign-in then explains what to configure. */
  identity: IdentityProvider | null;
  teamId: () => string | null;
}

const SESSION_MAX_AGE_S = 7 * 24 * 3600;
/** Binds a sign-in to the browser that started it, so nobody can finish their own sign-in in someone else's browser. */
const STATE_COOKIE = 'response_oidc_state';
const STATE_COOKIE_PATH = '/auth/callback';

export function cookieOptions(publicUrl: string) {
  return { path: '/', sameSite: 'lax' as const, secure: publicUrl.startsWith('https://') };
}

/** The JS-readable CSRF cookie the SPA copies into `x-csrf-token`. */
export function setCsrfCookie(reply: FastifyReply, publicUrl: string, value: string): void {
  reply.setCookie(CSRF_COOKIE, value, { ...cookieOptions(publicUrl), httpOnly: false, maxAge: SESSION_MAX_AGE_S });
}

/** Anonymous browsers (login not required) get a random CSRF cookie the first time they load anything. */
export function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply, publicUrl: string): void {
  if (!readCookies(request)[CSRF_COOKIE]) setCsrfCookie(reply, publicUrl, randomToken());
}

const ctxFor = (request: FastifyRequest, clock: Clock) => ({ actor: { kind: 'system' as const, job: 'sign-in' }, clock, requestId: request.id });

/** Sign in with Slack (OpenID Connect) and sign out. */
export function webAuthRoutes(app: FastifyInstance, deps: WebAuthDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  const tags = ['sign-in'];

  r.get('/auth/login', { schema: { tags, querystring: z.object({ return_to: z.string().max(500).optional() }), summary: 'Start Sign in with Slack' } }, async (request, reply) => {
    if (!deps.identity || !deps.clientId) return reply.redirect('/sign-in?error=config');
    const { state, nonce } = await startSignIn(deps, ctxFor(request, deps.clock), { returnTo: request.query.return_to });
    const url = new URL(deps.oauthUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', 'openid profile email');
    url.searchParams.set('client_id', deps.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('state', state);
    url.searchParams.set('nonce', nonce);
    const team = deps.teamId();
    if (team) url.searchParams.set('team', team);
    reply.setCookie(STATE_COOKIE, state, { ...cookieOptions(deps.publicUrl), path: STATE_COOKIE_PATH, httpOnly: true, signed: true, maxAge: 600 });
    return reply.header('cache-control', 'no-store').redirect(url.toString());
  });

  r.get(
    '/auth/callback',
    { schema: { tags, querystring: z.object({ code: z.string().max(2000).optional(), state: z.string().max(200).optional(), error: z.string().max(200).optional() }), summary: 'Where Slack sends the browser back' } },
    async (request, reply) => {
      const q = request.query;
      reply.header('cache-control', 'no-store');
      const started = readCookies(request)[STATE_COOKIE];
      const startedState = started ? request.unsignCookie(started) : null;
      reply.clearCookie(STATE_COOKIE, { ...cookieOptions(deps.publicUrl), path: STATE_COOKIE_PATH });
      if (q.error || !q.code || !q.state) return reply.redirect(`/sign-in?error=${q.error ? 'denied' : 'failed'}`);
      if (!startedState?.valid || !startedState.value || !safeEqual(startedState.value, q.state)) {
        request.log.warn('sign-in refused: the callback is not for a sign-in this browser started');
        return reply.redirect('/sign-in?error=state');
      }
      if (!deps.identity) return reply.redirect('/sign-in?error=config');
      try {
        const { sessionId, returnTo } = await completeSignIn({ ...deps.core, sessions: deps.sessions, identity: deps.identity }, ctxFor(request, deps.clock), {
          state: q.state,
          code: q.code,
          redirectUri,
          expectedTeamId: deps.teamId(),
        });
        reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions(deps.publicUrl), httpOnly: true, signed: true, maxAge: SESSION_MAX_AGE_S });
        setCsrfCookie(reply, deps.publicUrl, csrfFor(deps.secret, sessionId));
        return reply.redirect(returnTo);
      } catch (err) {
        if (err instanceof DomainError && err.code === 'UNAUTHENTICATED') {
          request.log.warn({ reason: err.message }, 'sign-in refused');
          return reply.redirect(`/sign-in?error=${err.message.includes('expired') ? 'state' : 'failed'}`);
        }
        throw err;
      }
    },
  );

  r.post('/auth/logout', { schema: { tags, summary: 'Sign out (needs the CSRF header)' } }, async (request, reply) => {
    const cookies = readCookies(request);
    const header = request.headers[CSRF_HEADER];
    // A cross-site form must not be able to sign people out either.
    if (typeof header !== 'string' || !cookies[CSRF_COOKIE] || !safeEqual(header, cookies[CSRF_COOKIE])) {
      return reply.code(403).send(errorBody('forbidden', `Missing or wrong ${CSRF_HEADER} header`));
    }
    const sessionId = sessionIdOf(request, deps.secret);
    if (sessionId) await endSession(deps, ctxFor(request, deps.clock), sessionId);
    const opts = cookieOptions(deps.publicUrl);
    reply.clearCookie(SESSION_COOKIE, opts);
    reply.clearCookie(CSRF_COOKIE, opts);
    return reply.code(204).send();
  });
}
