import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import { endpointChangesSchema, type EndpointChangesInput } from './endpoint-input.js';
import type { WebhookDeps, WebhookEndpoint, WebhookEndpointChanges } from './ports.js';

/** Changes an endpoint; what is already queued is sent to its new URL. Disabling keeps queued deliveries until it is enabled again. */
export async function updateWebhookEndpoint(deps: WebhookDeps, ctx: Ctx, id: number, input: EndpointChangesInput): Promise<WebhookEndpoint> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, id);
  const valid = validate(endpointChangesSchema(deps.allowPlainHttp ?? false), input);
  const changes: WebhookEndpointChanges = {
    ...(valid.url !== undefined ? { url: valid.url } : {}),
    ...(valid.description !== undefined ? { description: valid.description } : {}),
    ...(valid.event_types !== undefined ? { eventTypes: valid.event_types } : {}),
    ...(valid.include_private !== undefined ? { includePrivate: valid.include_private } : {}),
    ...(valid.enabled !== undefined ? { enabled: valid.enabled } : {}),
  };
  const updated = await deps.webhooks.updateEndpoint(id, changes, ctx.clock.now());
  if (!updated) throw notFound(`Webhook endpoint ${id}`);
  if (valid.enabled === true) deps.onQueued?.();
  return updated;
}
