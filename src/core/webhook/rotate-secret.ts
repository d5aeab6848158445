import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { authorizeEndpoint } from './authorize-webhooks.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';
import { newWebhookSecret } from './signing.js';

/** A new signing secret, returned this once; every attempt from now on (retries of queued deliveries too) is signed with it. */
export async function rotateWebhookSecret(deps: WebhookDeps, ctx: Ctx, id: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const endpoint = await authorizeEndpoint(deps, ctx, id);
  const secret = newWebhookSecret();
  if (!(await deps.webhooks.setSecret(id, secret, ctx.clock.now()))) throw notFound(`Webhook endpoint ${id}`);
  return { endpoint, secret };
}
