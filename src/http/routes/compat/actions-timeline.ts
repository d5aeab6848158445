import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getCompatAction, listCompatActions } from '../../../core/compat/compat-actions.js';
import { getCompatTimelineEntry, listCompatTimeline } from '../../../core/compat/compat-timeline.js';
import { bySlackId, presentOriginalAction, presentOriginalTimelineEvent } from '../../presenters/compat/present-compat.js';
import { ctxOf, type HttpDeps } from '../../route-deps.js';
import { idParam, rowId } from '../../schemas.js';
import { COMPAT_SECURITY, COMPAT_TAG, compatZone } from './compat-schema.js';
import { DEFAULT_LIMIT, limitOffsetLinks, limitOffsetQuery } from './paging.js';

const byPk = idParam.extend({ pk: rowId });

export function compatActionAndTimelineRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const zone = compatZone(deps);
  const tags = [COMPAT_TAG];
  const security = COMPAT_SECURITY;
  r.get('/core/actions/', { schema: { tags, security, summary: 'Actions of every incident you may see, by id', querystring: limitOffsetQuery } }, async (request) => {
    const limit = request.query.limit ?? DEFAULT_LIMIT;
    const offset = request.query.offset ?? 0;
    const page = await listCompatActions(deps.core, ctxOf(request, deps.clock), { limit, offset });
    const people = bySlackId(page.people);
    return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((a) => presentOriginalAction(a, zone, people)) };
  });
  r.get('/core/actions/:id/', { schema: { tags, security, summary: 'One action', params: idParam } }, async (request) => {
    const { action, people } = await getCompatAction(deps.core, ctxOf(request, deps.clock), request.params.id);
    return presentOriginalAction(action, zone, bySlackId(people));
  });
  r.get('/core/incidents/:id/actions/', { schema: { tags, security, summary: 'An incident’s actions, by id', params: idParam, querystring: limitOffsetQuery } }, async (request) => {
    const limit = request.query.limit ?? DEFAULT_LIMIT;
    const offset = request.query.offset ?? 0;
    const page = await listCompatActions(deps.core, ctxOf(request, deps.clock), { limit, offset, incidentId: request.params.id });
    const people = bySlackId(page.people);
    return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((a) => presentOriginalAction(a, zone, people)) };
  });
  r.get('/core/incidents/:id/actions/:pk/', { schema: { tags, security, summary: 'One action of an incident', params: byPk } }, async (request) => {
    const { action, people } = await getCompatAction(deps.core, ctxOf(request, deps.clock), request.params.pk, request.params.id);
    return presentOriginalAction(action, zone, bySlackId(people));
  });
  r.get(
    '/core/incidents/:id/timeline/events/',
    { schema: { tags, security, summary: 'An incident’s timeline, by id (every entry type, ours included)', params: idParam, querystring: limitOffsetQuery } },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const offset = request.query.offset ?? 0;
      const page = await listCompatTimeline(deps.core, ctxOf(request, deps.clock), request.params.id, { limit, offset });
      const people = bySlackId(page.people);
      return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((e) => presentOriginalTimelineEvent(e, zone, people)) };
    },
  );
  r.get('/core/incidents/:id/timeline/events/:pk/', { schema: { tags, security, summary: 'One timeline entry', params: byPk } }, async (request) => {
    const { entry, people } = await getCompatTimelineEntry(deps.core, ctxOf(request, deps.clock), request.params.id, request.params.pk);
    return presentOriginalTimelineEvent(entry, zone, bySlackId(people));
  });
}
