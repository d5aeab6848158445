import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addTimelineEntry } from '../../core/timeline/add-entry.js';
import { listTimeline } from '../../core/timeline/list-entries.js';
import { removeTimelineEntry } from '../../core/timeline/remove-entry.js';
import { updateTimelineEntry } from '../../core/timeline/update-entry.js';
import { presentTimelineEntry } from '../presenters/present.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, isoDateTime, jsonObject, pageQuery, rowId, text } from '../schemas.js';

const createBody = z
  .object({
    text: text(),
    timestamp: isoDateTime.optional(),
    event_type: text().optional(),
    metadata: jsonObject.nullish(),
  })
  .strict();
const patchBody = z.object({ text: text(), timestamp: isoDateTime, metadata: jsonObject.nullable() }).partial().strict();
// Entries are small and the incident doc shows them all: pages of up to 1,000 keep a 5,000-entry doc to a few round trips.
const timelineQuery = pageQuery.extend({ limit: z.coerce.number().int().min(1, 'must be at least 1').max(1000, 'must be at most 1000').default(50) });
const entryParams = idParam.extend({ event_id: rowId });

export function timelineRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['timeline'];
  r.get('/api/v1/incidents/:id/timeline', { schema: { tags, params: idParam, querystring: timelineQuery, summary: 'Timeline, ordered by timestamp' } }, async (request) => {
    const page = await listTimeline(deps.core, ctxOf(request, deps.clock), request.params.id, request.query.limit, request.query.cursor ?? null);
    return { results: page.results.map(presentTimelineEntry), next: page.next };
  });
  r.post('/api/v1/incidents/:id/timeline', { schema: { tags, params: idParam, body: createBody } }, async (request, reply) => {
    const b = request.body;
    const entry = await addTimelineEntry(deps.core, ctxOf(request, deps.clock), request.params.id, { text: b.text, timestamp: b.timestamp, eventType: b.event_type, metadata: b.metadata });
    return reply.code(201).send(presentTimelineEntry(entry));
  });
  r.patch('/api/v1/incidents/:id/timeline/:event_id', { schema: { tags, params: entryParams, body: patchBody } }, async (request) => {
    const entry = await updateTimelineEntry(deps.core, ctxOf(request, deps.clock), request.params.id, request.params.event_id, request.body);
    return presentTimelineEntry(entry);
  });
  r.delete('/api/v1/incidents/:id/timeline/:event_id', { schema: { tags, params: entryParams } }, async (request, reply) => {
    await removeTimelineEntry(deps.core, ctxOf(request, deps.clock), request.params.id, request.params.event_id);
    return reply.code(204).send();
  });
}
