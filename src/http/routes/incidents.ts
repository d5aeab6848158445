import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { declareIncident } from '../../core/incident/declare.js';
import { getIncident } from '../../core/incident/get.js';
import { listIncidents } from '../../core/incident/list.js';
import { STATUSES } from '../../core/incident/model.js';
import { severitySchema, typeSchema } from '../../core/incident/schemas.js';
import { updateIncident } from '../../core/incident/update.js';
import { listParticipants } from '../../core/participant/list-participants.js';
import { latestStatusUpdates } from '../../core/status-update/latest-status-updates.js';
import { presentIncident, presentParticipant } from '../presenters/present.js';
import { ctxOf, presentContext, type HttpDeps } from '../route-deps.js';
import { idParam, isoDateTime, pageQuery, text } from '../schemas.js';

// Any key on the configured scale (GET /api/v1/severities lists it); the verb checks it is configured.
const severity = severitySchema.describe('A severity key, as listed by GET /api/v1/severities (by default critical, major, minor or trivial)');
const type = typeSchema.describe('An incident type key, as listed by GET /api/v1/types (by default only `default`)');
const createBody = z
  .object({
    report: text().describe('The title, at most 200 characters'),
    summary: text().nullish(),
    impact: text().nullish(),
    severity: severity.nullish().describe("A severity key; omitted: the type's default severity; null: none"),
    type: type.optional().describe('An incident type key; omitted: the first configured type'),
    lead: text().nullish().describe('Slack user id of the lead'),
    reporter: text().nullish().describe('Slack user id of the reporter'),
    report_only: z.boolean().optional(),
    private: z.boolean().optional(),
  })
  .strict();
const patchBody = z
  .object({
    report: text(),
    summary: text().nullable(),
    impact: text().nullable(),
    severity: severity.nullable(),
    type,
    status: z.enum(STATUSES),
    lead: text().nullable().describe('Slack user id of the lead, or null'),
    start_time: isoDateTime,
    end_time: isoDateTime.nullable(),
  })
  .partial()
  .strict();
export const listQuery = pageQuery.extend({
  status: z.enum([...STATUSES, 'open', 'all']).optional(),
  severity: severity.optional(),
  type: type.optional(),
  q: text(200).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
});

export function incidentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get('/api/v1/incidents', { schema: { tags, querystring: listQuery, summary: 'List incidents, newest first' } }, async (request) => {
    const q = request.query;
    const page = await listIncidents(
      deps.core,
      ctxOf(request, deps.clock),
      { limit: q.limit, cursor: q.cursor, status: q.status === 'all' ? undefined : q.status, severity: q.severity, type: q.type, q: q.q, from: q.from, to: q.to },
    );
    const c = presentContext(deps);
    const latest = await latestStatusUpdates(deps.core, ctxOf(request, deps.clock), page.results);
    return { results: page.results.map((i) => presentIncident(i, c, latest.get(i.id) ?? null)), next: page.next };
  });

  r.post('/api/v1/incidents', { schema: { tags, body: createBody, summary: 'Declare an incident' } }, async (request, reply) => {
    const b = request.body;
    const incident = await declareIncident(deps.core, ctxOf(request, deps.clock), {
      report: b.report,
      summary: b.summary,
      impact: b.impact,
      severity: b.severity,
      type: b.type,
      lead: b.lead,
      reporter: b.reporter,
      reportOnly: b.report_only,
      private: b.private,
    });
    return reply.code(201).send(presentIncident(incident, presentContext(deps), null));
  });

  r.get('/api/v1/incidents/:id', { schema: { tags, params: idParam, summary: 'Read an incident' } }, async (request) => {
    const ctx = ctxOf(request, deps.clock);
    const incident = await getIncident(deps.core, ctx, request.params.id);
    return presentIncident(incident, presentContext(deps), (await latestStatusUpdates(deps.core, ctx, [incident])).get(incident.id) ?? null);
  });

  r.patch('/api/v1/incidents/:id', { schema: { tags, params: idParam, body: patchBody, summary: 'Change an incident' } }, async (request) => {
    const b = request.body;
    const { incident } = await updateIncident(deps.core, ctxOf(request, deps.clock), request.params.id, {
      report: b.report,
      summary: b.summary,
      impact: b.impact,
      severity: b.severity,
      type: b.type,
      status: b.status,
      lead: b.lead,
      startTime: b.start_time,
      endTime: b.end_time,
    });
    return presentIncident(incident, presentContext(deps), (await latestStatusUpdates(deps.core, ctxOf(request, deps.clock), [incident])).get(incident.id) ?? null);
  });

  r.get(
    '/api/v1/incidents/:id/participants',
    { schema: { tags, params: idParam, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), summary: 'Top contributors' } },
    async (request) => {
      const list = await listParticipants(deps.core, ctxOf(request, deps.clock), request.params.id, request.query.limit);
      return { results: list.map(presentParticipant) };
    },
  );
}
