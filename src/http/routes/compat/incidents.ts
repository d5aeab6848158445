import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCompatIncident, listCompatIncidents } from '../../../core/compat/compat-incidents.js';
import { monthRange } from '../../presenters/compat/local-time.js';
import { bySlackId, presentOriginalIncident } from '../../presenters/compat/present-compat.js';
import { ctxOf, type HttpDeps } from '../../route-deps.js';
import { idParam } from '../../schemas.js';
import { COMPAT_SECURITY, COMPAT_TAG, compatZone } from './compat-schema.js';
import { DEFAULT_LIMIT, limitOffsetLinks, limitOffsetQuery } from './paging.js';

const monthParams = z.object({
  year: z.string().regex(/^\d{4}$/, 'must be a four-digit year').transform(Number).refine((y) => y >= 1, 'must be a year from 0001'),
  month: z.string().regex(/^\d{2}$/, 'must be a two-digit month such as 03').transform(Number).refine((m) => m >= 1 && m <= 12, 'must be between 01 and 12'),
});

export function compatIncidentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const zone = compatZone(deps);
  const tags = [COMPAT_TAG];
  const security = COMPAT_SECURITY;
  r.get(
    '/core/incidents/',
    { schema: { tags, security, summary: 'Incidents, newest report first (Response’s IncidentSerializer)', querystring: limitOffsetQuery } },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const offset = request.query.offset ?? 0;
      const page = await listCompatIncidents(deps.core, ctxOf(request, deps.clock), { limit, offset });
      const people = bySlackId(page.people);
      return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((i) => presentOriginalIncident(i, zone, people)) };
    },
  );
  r.get(
    '/core/incidents/bymonth/:year/:month/',
    { schema: { tags, security, summary: 'Incidents reported in a month (on TIMEZONE’s calendar), newest first', params: monthParams, querystring: limitOffsetQuery } },
    async (request) => {
      const limit = request.query.limit ?? DEFAULT_LIMIT;
      const offset = request.query.offset ?? 0;
      const reported = monthRange(request.params.year, request.params.month, zone);
      const page = await listCompatIncidents(deps.core, ctxOf(request, deps.clock), { limit, offset, reported });
      const people = bySlackId(page.people);
      return { ...limitOffsetLinks(request, page.count, limit, offset), results: page.results.map((i) => presentOriginalIncident(i, zone, people)) };
    },
  );
  r.get('/core/incidents/:id/', { schema: { tags, security, summary: 'One incident with its action items', params: idParam } }, async (request) => {
    const { incident, people } = await getCompatIncident(deps.core, ctxOf(request, deps.clock), request.params.id);
    return presentOriginalIncident(incident, zone, bySlackId(people));
  });
}
