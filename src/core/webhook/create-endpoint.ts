import { actorLabel, type Ctx } from '../shared/context.js';
import { validate } from '../shared/validate.js';
import { authorizeSetting } from '../shared/authorize.js';
import { WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import { newEndpointSchema, type NewEndpointInput } from './endpoint-input.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';
import { newWebhookSecret } from './signing.js';

/** Adds an endpoint with a new signing secret, returned this once (rotate to see a new one). */
export async function createWebhookEndpoint(deps: WebhookDeps, ctx: Ctx, input: NewEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  const valid = validate(newEndpointSchema(deps.allowPlainHttp ?? false), input);
  const secret = newWebhookSecret();
  const endpoint = await deps.webhooks.insertEndpoint(
    {
      url: valid.url,
      description: valid.description,
      eventTypes: valid.event_types,
      includePrivate: valid.include_private,
      enabled: valid.enabled,
      secret,
      createdBy: actorLabel(ctx.actor),
    },
    ctx.clock.now(),
  );
  return { endpoint, secret };
}
