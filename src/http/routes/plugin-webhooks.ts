import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../core/shared/context.js';
import type { WebhookIntake } from '../../plugins/webhook-intake.js';

/** Vendors sign small JSON bodies; a megabyte is far above any of theirs. */
const BODY_LIMIT = 1024 * 1024;

/**
 * `POST /webhooks/<name>`: vendors' webhooks for the integrations that registered them. Public (a
 * vendor can't sign in): each webhook's `verify` checks the vendor's signature on the raw bytes,
 * so this scope keeps the body as received.
 */
export async function pluginWebhookRoutes(http: FastifyInstance, intake: WebhookIntake, clock: Clock): Promise<void> {
  await http.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { name: string } }>('/webhooks/:name', async (request, reply) => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
      const rawBody = typeof request.body === 'string' ? request.body : '';
      const answer = await intake.receive(request.params.name, { headers, rawBody, receivedAt: clock.now() });
      return reply.code(answer.status).send(answer.body);
    });
  });
}
