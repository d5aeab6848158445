import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildCatchUp } from '../../core/catch-up/build-catch-up.js';
import { presentCatchUp } from '../presenters/present-catch-up.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, isoDateTime } from '../schemas.js';

const query = z.object({ since: isoDateTime.optional().describe('Count changes from this moment; default: your previous post in the comms channel, else the last 30 minutes') }).strict();

/**
 * The catch-up Slack gives with `@incident catchup`, as JSON for the caller: the same record, the
 * same rule for "since", so a script or the web doc can say what someone missed.
 */
export function catchUpRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/incidents/:id/catch-up',
    { schema: { tags: ['incidents'], params: idParam, querystring: query, summary: 'What changed lately, for the caller: roles, the latest update, changes, open actions, earlier key events' } },
    async (request) => {
      const since = request.query.since;
      const c = await buildCatchUp(deps.core, ctxOf(request, deps.clock), { incidentId: request.params.id, ...(since ? { since: new Date(since) } : {}) });
      return presentCatchUp(c);
    },
  );
}
