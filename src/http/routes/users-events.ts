import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listChangeEvents } from '../../core/event/list-events.js';
import { getUser, listUsers } from '../../core/user/list-users.js';
import { presentChangeEvent, presentUser } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { isoDateTime, pageQuery, text } from '../schemas.js';

export function userAndEventRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/users', { schema: { tags: ['users'], querystring: pageQuery.extend({ q: text(100).optional() }) } }, async (request) => {
    const page = await listUsers(deps.core, ctxOf(request, deps.clock), { q: request.query.q, limit: request.query.limit, cursor: request.query.cursor ?? null });
    return { results: page.results.map(presentUser), next: page.next };
  });
  r.get('/api/v1/users/:slack_id', { schema: { tags: ['users'], params: z.object({ slack_id: text(32) }) } }, async (request) => {
    return presentUser(await getUser(deps.core, ctxOf(request, deps.clock), request.params.slack_id));
  });
  r.get(
    '/api/v1/events',
    { schema: { tags: ['events'], querystring: pageQuery.extend({ from: isoDateTime.optional(), to: isoDateTime.optional() }), summary: 'The change log, oldest first' } },
    async (request) => {
      const q = request.query;
      const page = await listChangeEvents(deps.core, ctxOf(request, deps.clock), { from: q.from, to: q.to, limit: q.limit, cursor: q.cursor ?? null });
      return { results: page.results.map(presentChangeEvent), next: page.next };
    },
  );
}
