import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getInsights } from '../../core/insights/get-insights.js';
import { severitySchema, typeSchema } from '../../core/incident/schemas.js';
import { getMyPermissions } from '../../core/session/my-permissions.js';
import type { InsightsRepo } from '../../core/insights/ports.js';
import { createApiToken } from '../../core/token/create-token.js';
import { listApiTokens, revokeApiToken } from '../../core/token/manage-tokens.js';
import { presentCreatedToken, presentInsights, presentMe, presentToken } from '../presenters/present-web.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { isoDateTime, text } from '../schemas.js';
import { CSRF_COOKIE, readCookies } from '../auth/session.js';
import { ensureCsrfCookie, setCsrfCookie } from './web-auth.js';

export interface WebApiDeps {
  http: HttpDeps;
  insights: InsightsRepo;
  loginRequired: boolean;
  publicUrl: string;
  /** Where the sandbox workspace is, when it runs beside the app; null otherwise. */
  sandboxUrl: string | null;
  /** The CSRF value a request's session expects, or null without a session. */
  sessionCsrf(request: FastifyRequest): string | null;
}

/** What the web UI needs beyond the incident API: who am I, insights, API tokens. Registered behind authentication. */
export function webApiRoutes(app: FastifyInstance, deps: WebApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const core = deps.http.core;

  r.get('/api/v1/me', { schema: { tags: ['session'], summary: 'Who the request is authenticated as' } }, async (request, reply) => {
    const p = request.principal;
    if (p?.via === 'anonymous') ensureCsrfCookie(request, reply, deps.publicUrl);
    if (p?.via === 'session') {
      // The page reads this on load: a lost or stale csrf_token cookie is put right before the first change fails.
      const expected = deps.sessionCsrf(request);
      if (expected && readCookies(request)[CSRF_COOKIE] !== expected) setCsrfCookie(reply, deps.publicUrl, expected);
    }
    const user = p?.slackId ? await core.store.users.getBySlackId(p.slackId) : null;
    const can = await getMyPermissions(core, ctxOf(request, deps.http.clock));
    return presentMe({ user, isAdmin: p?.isAdmin ?? false, via: p?.via ?? 'anonymous', loginRequired: deps.loginRequired, sandboxUrl: deps.sandboxUrl, can });
  });

  r.get(
    '/api/v1/insights',
    {
      schema: {
        tags: ['insights'],
        querystring: z.object({
          from: isoDateTime.optional().describe('Counts incidents that started at or after this time (default: 90 days before `to`)'),
          to: isoDateTime.optional().describe('…and at or before this time (default: now)'),
          type: typeSchema.optional().describe('Only incidents of this type key (GET /api/v1/types)'),
          severity: severitySchema.optional().describe('Only incidents of this severity key (GET /api/v1/severities)'),
        }),
        summary: 'Incident numbers over a date range (default: last 90 days): counts, time to first update, to identify and to resolve, update cadence, people and person-hours, follow-ups',
      },
    },
    async (request) => {
      const i = await getInsights({ ...core, insights: deps.insights }, ctxOf(request, deps.http.clock), request.query);
      return presentInsights(i);
    },
  );

  r.get('/api/v1/tokens', { schema: { tags: ['tokens'], summary: 'API tokens (names and dates; never the secrets)' } }, async (request) => {
    return { results: (await listApiTokens(core, ctxOf(request, deps.http.clock))).map(presentToken) };
  });

  r.post(
    '/api/v1/tokens',
    { schema: { tags: ['tokens'], body: z.object({ name: z.string().max(100) }).strict(), summary: 'Create a token; the secret is in this answer only' } },
    async (request, reply) => {
      const { token, secret } = await createApiToken(core, ctxOf(request, deps.http.clock), request.body.name, deps.http.workspace.teamId);
      return reply.code(201).header('cache-control', 'no-store').send(presentCreatedToken(token, secret));
    },
  );

  r.delete('/api/v1/tokens/:name', { schema: { tags: ['tokens'], params: z.object({ name: text(100) }), summary: 'Revoke a token' } }, async (request, reply) => {
    await revokeApiToken(core, ctxOf(request, deps.http.clock), request.params.name);
    return reply.code(204).send();
  });
}
