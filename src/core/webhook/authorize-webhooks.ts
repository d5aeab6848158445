import { authorizeActor, authorizePermission } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';

/**
 * Endpoints receive incident data outside Response and their secrets sign it: only those with
 * `manageWebhooks` (workspace admins by default; API tokens and the CLI) may see or change them.
 */
export async function authorizeWebhooks(deps: WebhookDeps, ctx: Ctx): Promise<void> {
  const viewer = await authorizeActor(deps, ctx);
  await authorizePermission(deps, ctx, viewer, 'manageWebhooks');
}

export async function authorizeEndpoint(deps: WebhookDeps, ctx: Ctx, id: number): Promise<WebhookEndpoint> {
  await authorizeWebhooks(deps, ctx);
  const endpoint = await deps.webhooks.getEndpoint(id);
  if (!endpoint) throw notFound(`Webhook endpoint ${id}`);
  return endpoint;
}
