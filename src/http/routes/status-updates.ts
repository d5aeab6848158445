import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/shared/errors.js';
import type { Ctx } from '../../core/shared/context.js';
import { listStatusUpdates } from '../../core/status-update/list-status-updates.js';
import { postStatusUpdate } from '../../core/status-update/post-status-update.js';
import { UPDATE_STATUSES } from '../../core/status-update/ports.js';
import { NEXT_STEPS_MAX, NEXT_UPDATE_MAX_MINUTES, UPDATE_MESSAGE_MAX } from '../../core/status-update/schemas.js';
import { presentStatusUpdate } from '../presenters/present-status-update.js';
import { COMPONENT_STATUSES } from '../../core/status-page/ports.js';
import { listPublishableComponents } from '../../core/status-page/list-publishable-components.js';
import { PUBLIC_BODY_MAX, PUBLIC_TITLE_MAX } from '../../core/status-page/publish-schema.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, pageQuery, text } from '../schemas.js';

const minutes = `must be a whole number of minutes from 1 to ${NEXT_UPDATE_MAX_MINUTES}, or null for none`;
const body = z
  .object({
    status: z.enum(UPDATE_STATUSES).describe("The incident's status as of this update; a different one changes the incident's status (resolved needs the close permission)"),
    message: text(UPDATE_MESSAGE_MAX).describe('What is happening now'),
    next_steps: text(NEXT_STEPS_MAX).nullish().describe('What happens next'),
    next_update_in_minutes: z
      .number({ message: minutes })
      .int(minutes)
      .min(1, minutes)
      .max(NEXT_UPDATE_MAX_MINUTES, minutes)
      .nullish()
      .describe("When the next update is due; omitted: the severity's cadence; null: none promised"),
    publish: z
      .object({
        title: text(PUBLIC_TITLE_MAX).nullish().describe("The incident's public title; required the first time it is published, then kept unless given"),
        body: text(PUBLIC_BODY_MAX).describe('What the status page says, in public words (the internal message is never shown)'),
        components: z
          .record(z.string(), z.enum(COMPONENT_STATUSES, { message: `must be one of ${COMPONENT_STATUSES.join(', ')}` }))
          .optional()
          .describe('Component key → its status as of this update; omitted: the last published impacts stay'),
      })
      .strict()
      .nullish()
      .describe('Also publish this update to the status page (and Statuspage, when configured); private incidents cannot be published'),
  })
  .strict();

/** Core's field names, as the API spells them, for errors the verb raises. */
const API_FIELDS: Record<string, string> = { nextSteps: 'next_steps', nextUpdateInMinutes: 'next_update_in_minutes' };

/**
 * An `Idempotency-Key` header makes a retried POST return the update the first one made. Keys are
 * scoped to the caller, so one client's key never answers another's.
 */
function withIdempotencyKey(request: FastifyRequest, ctx: Ctx): Ctx {
  const header = request.headers['idempotency-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) return ctx;
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) throw new DomainError('VALIDATION', 'Idempotency-Key: must be 1 to 200 visible ASCII characters', 'Idempotency-Key');
  return { ...ctx, idempotencyKey: `api:status-update:${JSON.stringify(ctx.actor)}:${key}` };
}

export function statusUpdateRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['status updates'];
  r.get('/api/v1/status-page/components', { schema: { tags, summary: 'The status page components an update may be published with (`publishing: false` when no status page is configured)' } }, async (request) => {
    const components = await listPublishableComponents(deps.core, ctxOf(request, deps.clock));
    return { publishing: components !== null, results: (components ?? []).map((c) => ({ key: c.key, name: c.name })) };
  });
  r.get('/api/v1/incidents/:id/updates', { schema: { tags, params: idParam, querystring: pageQuery, summary: "An incident's status updates, newest first" } }, async (request) => {
    const page = await listStatusUpdates(deps.core, ctxOf(request, deps.clock), request.params.id, request.query.limit, request.query.cursor ?? null);
    return { results: page.results.map(presentStatusUpdate), next: page.next };
  });
  r.post(
    '/api/v1/incidents/:id/updates',
    {
      schema: {
        tags,
        params: idParam,
        headers: z.object({ 'idempotency-key': z.string().optional().describe('Any text up to 200 visible characters: a retry with the same key returns the first update instead of posting again') }),
        body,
        summary: 'Post a status update (send Idempotency-Key to make retries safe)',
      },
    },
    async (request, reply) => {
      const b = request.body;
      try {
        const { update } = await postStatusUpdate(deps.core, withIdempotencyKey(request, ctxOf(request, deps.clock)), request.params.id, {
          status: b.status,
          message: b.message,
          nextSteps: b.next_steps,
          nextUpdateInMinutes: b.next_update_in_minutes,
          publish: b.publish ? { title: b.publish.title ?? null, body: b.publish.body, components: b.publish.components } : null,
        });
        return reply.code(201).send(presentStatusUpdate(update));
      } catch (err) {
        const field = err instanceof DomainError && err.field ? API_FIELDS[err.field] : undefined;
        if (err instanceof DomainError && field) throw new DomainError(err.code, err.message.replace(`${err.field}:`, `${field}:`), field);
        throw err;
      }
    },
  );
}
