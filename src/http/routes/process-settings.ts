import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listSeverities } from '../../core/incident/list-severities.js';
import { listIncidentTypes } from '../../core/incident/list-types.js';
import { listCustomFields } from '../../core/custom-field/list-fields.js';
import { presentField, presentIncidentType, presentSeverity } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';

/** The configured severity scale, incident types and custom fields, for forms, filters and charts (the web UI reads them too). */
export function processSettingsRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/severities', { schema: { tags: ['incidents'], summary: 'The severity scale, as configured (most severe first)' } }, async (request) => {
    return { results: (await listSeverities(deps.core, ctxOf(request, deps.clock))).map(presentSeverity) };
  });
  r.get('/api/v1/types', { schema: { tags: ['incidents'], summary: 'The incident types, as configured (the default first)' } }, async (request) => {
    return { results: (await listIncidentTypes(deps.core, ctxOf(request, deps.clock))).map(presentIncidentType) };
  });
  r.get('/api/v1/fields', { schema: { tags: ['incidents'], summary: 'The custom fields, as configured (in form order)' } }, async (request) => {
    return { results: (await listCustomFields(deps.core, ctxOf(request, deps.clock))).map(presentField) };
  });
}
