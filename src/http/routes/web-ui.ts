import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import type { InsightsRepo } from '../../core/insights/ports.js';
import type { IdentityProvider, SessionRepo } from '../../core/session/ports.js';
import { csrfFor, randomToken } from '../../core/session/session-crypto.js';
import { requireAuth } from '../auth/require-auth.js';
import { anonymousAuthenticator, sessionAuthenticator, sessionIdOf } from '../auth/session.js';
import { slackIdentityProvider } from '../auth/session-oidc.js';
import type { HttpDeps } from '../route-deps.js';
import type { Authenticator } from '../auth/principal.js';
import type { CoreDeps } from '../../core/store-ports.js';
import type { Clock } from '../../core/shared/context.js';
import { webApiRoutes } from './web-api.js';
import { webAuthRoutes } from './web-auth.js';
import { webStaticRoutes } from './web-static.js';

export interface WebUiDeps {
  http: HttpDeps;
  config: Config;
  logger: Logger;
  sessions: SessionRepo;
  insights: InsightsRepo;
  /** Where the sandbox workspace is, when it runs beside the app; null otherwise. */
  sandboxUrl: string | null;
  /** Tests may swap Slack's OIDC endpoints for their own; by default built from config. */
  identity?: IdentityProvider | null;
  distDir?: string;
}

/** The browser session: the key cookies are signed with, and the authenticators that accept a session. */
export interface WebSessions {
  secret: string;
  /** The session and anonymous authenticators, for the API's list (every API route accepts a browser session). */
  authenticators: Authenticator[];
}

/**
 * Step 1 of the web UI, before the API is registered: the cookie key and the session
 * authenticators, which the composition root puts in the API's list of authenticators.
 */
export async function webSessions(app: FastifyInstance, deps: { core: CoreDeps; clock: Clock; config: Config; sessions: SessionRepo }): Promise<WebSessions> {
  const { config } = deps;
  // Every replica must sign cookies with the same key: the configured one, or one generated once and kept in the database.
  const secret = config.sessionSecret ?? (await deps.sessions.secret('session_cookie_secret', randomToken()));
  await app.register(fastifyCookie, { secret });
  const auth = { core: deps.core, sessions: deps.sessions, clock: deps.clock, secret, loginRequired: config.loginRequired };
  return { secret, authenticators: [sessionAuthenticator(auth), anonymousAuthenticator(auth)] };
}

/**
 * The web UI's server side: session sign-in with Slack, CSRF, `/api/v1/me`, insights, API
 * tokens, and the SPA itself (who may see what is the core verbs' business). `deps.http.authenticators`
 * already holds the session's (webSessions).
 */
export async function registerWebUi(app: FastifyInstance, deps: WebUiDeps & { session: WebSessions }): Promise<void> {
  const { config, http } = deps;
  const { secret } = deps.session;
  if (!config.loginRequired) deps.logger.warn('RESPONSE_LOGIN_REQUIRED=false: anyone who can reach this server can read and change incidents without signing in');

  const identity =
    deps.identity !== undefined
      ? deps.identity
      : config.slackClientId && config.slackClientSecret
        ? slackIdentityProvider({ clientId: config.slackClientId, clientSecret: config.slackClientSecret, apiUrl: config.slack?.apiUrl, botToken: config.slack?.botToken })
        : null;
  webAuthRoutes(app, {
    core: http.core,
    sessions: deps.sessions,
    clock: http.clock,
    secret,
    publicUrl: config.publicUrl,
    oauthUrl: config.slackOAuthUrl,
    clientId: config.slackClientId,
    identity,
    teamId: () => http.workspace.teamId,
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAuth(http.authenticators));
    webApiRoutes(scope, {
      http,
      insights: deps.insights,
      loginRequired: config.loginRequired,
      publicUrl: config.publicUrl,
      sandboxUrl: deps.sandboxUrl,
      sessionCsrf: (request) => {
        const sessionId = sessionIdOf(request, secret);
        return sessionId ? csrfFor(secret, sessionId) : null;
      },
    });
  });
  await webStaticRoutes(app, { publicUrl: config.publicUrl, distDir: deps.distDir });
}
