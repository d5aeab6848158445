import type { Ctx } from '../shared/context.js';
import { DomainError, notFound } from '../shared/errors.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import type { WebhookDeps } from './ports.js';

/**
 * Sends one delivery again, from a fresh retry schedule, with the same body and `webhook-id` (a
 * receiver that already handled it can tell). A succeeded one may be wanted again; a pending one is still being tried.
 */
export async function redeliverWebhook(deps: WebhookDeps, ctx: Ctx, endpointId: number, deliveryId: number): Promise<void> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, endpointId);
  const outcome = deliveryId > 0 && deliveryId <= Number.MAX_SAFE_INTEGER ? await deps.webhooks.redeliver(endpointId, deliveryId, ctx.clock.now()) : null;
  if (!outcome) throw notFound(`Delivery ${deliveryId} of webhook endpoint ${endpointId}`);
  if (outcome === 'pending') throw new DomainError('CONFLICT', `Delivery ${deliveryId} is still being tried; redeliver it once it has succeeded or failed`);
  deps.onQueued?.();
}

/** Sends every failed delivery of the endpoint again (after fixing the receiver); returns their ids. */
export async function redeliverFailedWebhooks(deps: WebhookDeps, ctx: Ctx, endpointId: number): Promise<number[]> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, endpointId);
  const ids = await deps.webhooks.redeliverFailed(endpointId, ctx.clock.now());
  if (ids.length > 0) deps.onQueued?.();
  return ids;
}
