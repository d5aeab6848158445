import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { authorizeSetting } from '../shared/authorize.js';
import { WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import type { WebhookDeps } from './ports.js';

/** Removes an endpoint with its delivery log; nothing more is sent to it. */
export async function deleteWebhookEndpoint(deps: WebhookDeps, ctx: Ctx, id: number): Promise<void> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  if (!(await deps.webhooks.deleteEndpoint(id))) throw notFound(`Webhook endpoint ${id}`);
}
