import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOMAIN_EVENT_TYPES } from '../../core/events/domain-events.js';
import { createWebhookEndpoint } from '../../core/webhook/create-endpoint.js';
import { deleteWebhookEndpoint } from '../../core/webhook/delete-endpoint.js';
import { getWebhookDelivery, listWebhookDeliveries } from '../../core/webhook/list-deliveries.js';
import { getWebhookEndpoint, listWebhookEndpoints } from '../../core/webhook/list-endpoints.js';
import type { WebhookDeps } from '../../core/webhook/ports.js';
import { redeliverFailedWebhooks, redeliverWebhook } from '../../core/webhook/redeliver.js';
import { rotateWebhookSecret } from '../../core/webhook/rotate-secret.js';
import { sendWebhookTest } from '../../core/webhook/send-test.js';
import { updateWebhookEndpoint } from '../../core/webhook/update-endpoint.js';
import { requireAuth } from '../auth/require-auth.js';
import { presentEndpointWithSecret, presentWebhookDelivery, presentWebhookDeliveryDetail, presentWebhookEndpoint } from '../presenters/present-webhook.js';
import { ctxOf, type HttpDeps } from '../route-deps.js';
import { idParam, text } from '../schemas.js';

// The shapes here describe the API; the rules (https, known event types) are core's, so the CLI and the web UI get the same answers.
const fields = {
  url: text(2000).describe('https:// (plain http:// only to localhost, or anywhere in the sandbox)'),
  description: text(500).describe('What the endpoint is for'),
  event_types: z
    .array(text(100))
    .nullable()
    .describe(`The event types to send, or null for every type (present and future): ${DOMAIN_EVENT_TYPES.join(', ')}`),
  include_private: z.boolean().describe('Send events about private incidents too (default false)'),
  enabled: z.boolean(),
};
const createBody = z
  .object({
    ...fields,
    description: fields.description.optional(),
    event_types: fields.event_types.optional(),
    include_private: fields.include_private.optional(),
    enabled: fields.enabled.optional(),
  })
  .strict();
const patchBody = z.object(fields).partial().strict();
const deliveryParams = idParam.extend({
  delivery_id: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a positive whole number')
    .transform(Number),
});
const deliveriesQuery = z.object({
  state: z.enum(['pending', 'succeeded', 'failed']).optional().describe('Only deliveries in this state (failed: those that gave up)'),
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  cursor: text(20).optional(),
});

/** `/api/v1/webhooks`: outgoing webhook endpoints, their secrets and delivery logs (admins only: core checks `manageWebhooks`). */
export async function registerWebhookApi(app: FastifyInstance, deps: HttpDeps, webhooks: WebhookDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireAuth(deps.authenticators));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['webhooks'];
    const ctx = (request: Parameters<typeof ctxOf>[0]) => ctxOf(request, deps.clock);

    r.get('/api/v1/webhooks', { schema: { tags, summary: 'Outgoing webhook endpoints (never their secrets)' } }, async (request) => ({
      results: (await listWebhookEndpoints(webhooks, ctx(request))).map(presentWebhookEndpoint),
    }));
    // The choices the web UI offers (a constant; refusing outsiders here would only hide a public list).
    r.get('/api/v1/webhooks/event-types', { schema: { tags, summary: 'The domain event types an endpoint may choose' } }, async () => ({
      results: [...DOMAIN_EVENT_TYPES],
    }));
    r.post(
      '/api/v1/webhooks',
      { schema: { tags, body: createBody, summary: 'Add an endpoint; its signing secret is in this answer only' } },
      async (request, reply) => {
        const { endpoint, secret } = await createWebhookEndpoint(webhooks, ctx(request), request.body);
        return reply.code(201).header('cache-control', 'no-store').send(presentEndpointWithSecret(endpoint, secret));
      },
    );
    r.get('/api/v1/webhooks/:id', { schema: { tags, params: idParam, summary: 'One endpoint' } }, async (request) =>
      presentWebhookEndpoint(await getWebhookEndpoint(webhooks, ctx(request), request.params.id)),
    );
    r.patch(
      '/api/v1/webhooks/:id',
      { schema: { tags, params: idParam, body: patchBody, summary: 'Change an endpoint (URL, event types, private incidents, enabled)' } },
      async (request) => presentWebhookEndpoint(await updateWebhookEndpoint(webhooks, ctx(request), request.params.id, request.body)),
    );
    r.delete('/api/v1/webhooks/:id', { schema: { tags, params: idParam, summary: 'Remove an endpoint and its delivery log' } }, async (request, reply) => {
      await deleteWebhookEndpoint(webhooks, ctx(request), request.params.id);
      return reply.code(204).send();
    });
    r.post(
      '/api/v1/webhooks/:id/rotate-secret',
      { schema: { tags, params: idParam, summary: 'A new signing secret, in this answer only; the old one stops at once' } },
      async (request, reply) => {
        const { endpoint, secret } = await rotateWebhookSecret(webhooks, ctx(request), request.params.id);
        return reply.header('cache-control', 'no-store').send(presentEndpointWithSecret(endpoint, secret));
      },
    );
    r.post('/api/v1/webhooks/:id/test', { schema: { tags, params: idParam, summary: 'Send a webhook.test event to this endpoint' } }, async (request, reply) =>
      reply.code(202).send(presentWebhookDelivery(await sendWebhookTest(webhooks, ctx(request), request.params.id))),
    );
    r.get(
      '/api/v1/webhooks/:id/deliveries',
      { schema: { tags, params: idParam, querystring: deliveriesQuery, summary: 'The delivery log, newest first' } },
      async (request) => {
        const page = await listWebhookDeliveries(webhooks, ctx(request), request.params.id, request.query);
        return { results: page.results.map(presentWebhookDelivery), next: page.next };
      },
    );
    r.get(
      '/api/v1/webhooks/:id/deliveries/:delivery_id',
      { schema: { tags, params: deliveryParams, summary: 'One delivery: the body sent and every attempt' } },
      async (request) => presentWebhookDeliveryDetail(await getWebhookDelivery(webhooks, ctx(request), request.params.id, request.params.delivery_id)),
    );
    r.post(
      '/api/v1/webhooks/:id/deliveries/:delivery_id/redeliver',
      { schema: { tags, params: deliveryParams, summary: 'Send a finished delivery again (same webhook-id and body, fresh retries)' } },
      async (request, reply) => {
        await redeliverWebhook(webhooks, ctx(request), request.params.id, request.params.delivery_id);
        return reply.code(202).send({ queued: [request.params.delivery_id] });
      },
    );
    r.post(
      '/api/v1/webhooks/:id/redeliver-failed',
      { schema: { tags, params: idParam, summary: 'Send every failed delivery of the endpoint again' } },
      async (request, reply) => reply.code(202).send({ queued: await redeliverFailedWebhooks(webhooks, ctx(request), request.params.id) }),
    );
  });
}
