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
const customFields = z
  .record(z.string(), z.unknown())
  .describe(
    'Custom field values by key, as listed by GET /api/v1/fields: text, textarea and link fields take a string, number a number, select an option key, multi_select a list of option keys, user a Slack user id, datetime an ISO 8601 time. null clears a field; fields left out keep their value.',
  );
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
    custom_fields: customFields.optional(),
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
    custom_fields: customFields,
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
}).catchall(z.unknown().describe('`field.<key>=<value>`: incidents whose select or user field holds that option key or Slack user id (a multi select: includes it)'));

/** `?field.region=eu&field.owner=U0123`: the list's custom field filters, by key (the last value of a repeated one). */
export function fieldParams(url: string): Record<string, string> | undefined {
  const params = new URLSearchParams(url.split('?')[1] ?? '');
  const out: Record<string, string> = {};
  for (const [name, value] of params) if (name.startsWith('field.')) out[name.slice('field.'.length)] = value;
  return Object.keys(out).length ? out : undefined;
}

export function incidentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['incidents'];

  r.get('/api/v1/incidents', { schema: { tags, querystring: listQuery, summary: 'List incidents, newest first' } }, async (request) => {
    const q = request.query;
    const page = await listIncidents(
      deps.core,
      ctxOf(request, deps.clock),
      { limit: q.limit, cursor: q.cursor, status: q.status === 'all' ? undefined : q.status, severity: q.severity, type: q.type, q: q.q, from: q.from, to: q.to, fields: fieldParams(request.url) },
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
      customFields: b.custom_fields,
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
      customFields: b.custom_fields,
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
