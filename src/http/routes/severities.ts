import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listSeverities } from '../../core/incident/list-severities.js';
import { presentSeverity } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';

/** The configured severity scale, for forms, filters and charts (the web UI reads it too). */
export function severityRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/severities', { schema: { tags: ['incidents'], summary: 'The severity scale, as configured (most severe first)' } }, async (request) => {
    return { results: (await listSeverities(deps.core, ctxOf(request, deps.clock))).map(presentSeverity) };
  });
}
