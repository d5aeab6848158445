import type { Ctx } from '../shared/context.js';
import { authorizeEndpoint, authorizeWebhooks } from './authorize-webhooks.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';

export async function listWebhookEndpoints(deps: WebhookDeps, ctx: Ctx): Promise<WebhookEndpoint[]> {
  await authorizeWebhooks(deps, ctx);
  return deps.webhooks.listEndpoints();
}

export async function getWebhookEndpoint(deps: WebhookDeps, ctx: Ctx, id: number): Promise<WebhookEndpoint> {
  return authorizeEndpoint(deps, ctx, id);
}
