import { actorLabel, type Ctx } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { authorizeSetting } from '../shared/authorize.js';
import { existingEndpoint, WEBHOOKS_PERMISSION } from './authorize-webhooks.js';
import { testEventToSend } from './envelope.js';
import type { WebhookDeps, WebhookDelivery } from './ports.js';

/** Queues a `webhook.test` event to one endpoint (enabled or not: queued until it is); returns its delivery. */
export async function sendWebhookTest(deps: WebhookDeps, ctx: Ctx, id: number): Promise<WebhookDelivery> {
  await authorizeSetting(deps, ctx, WEBHOOKS_PERMISSION);
  await existingEndpoint(deps.webhooks, id);
  const now = ctx.clock.now();
  const event = testEventToSend(id, { ...ctx.actor, label: actorLabel(ctx.actor) }, now);
  const [deliveryId] = await deps.webhooks.fanOut(event, now, id);
  deps.onQueued?.();
  const delivery = deliveryId === undefined ? null : await deps.webhooks.getDelivery(id, deliveryId);
  if (!delivery) throw notFound(`Webhook endpoint ${id}`);
  const { payload: _payload, log: _log, ...summary } = delivery;
  return summary;
}
