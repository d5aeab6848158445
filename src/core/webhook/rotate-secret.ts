import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';
import { newWebhookSecret } from './signing.js';

/** A new signing secret, returned this once; every attempt from now on (retries of queued deliveries too) is signed with it. */
export async function rotateWebhookSecret(deps: WebhookDeps, ctx: Ctx, id: number): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  const endpoint = await existingEndpoint(deps.webhooks, id);
  const secret = newWebhookSecret();
  if (!(await deps.webhooks.setSecret(id, secret, ctx.clock.now()))) throw notFound(`Webhook endpoint ${id}`);
  return { endpoint, secret };
}
