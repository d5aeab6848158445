import type { Ctx } from '../shared/context.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import type { WebhookDeps, WebhookEndpoint } from './ports.js';

export async function listWebhookEndpoints(deps: WebhookDeps, ctx: Ctx): Promise<WebhookEndpoint[]> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  return deps.webhooks.listEndpoints();
}

export async function getWebhookEndpoint(deps: WebhookDeps, ctx: Ctx, id: number): Promise<WebhookEndpoint> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  return existingEndpoint(deps.webhooks, id);
}
