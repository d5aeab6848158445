import type { DomainEvent } from '../events/domain-events.js';
import { authorizeSystem } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { eventToSend } from './envelope.js';
import type { WebhookDeps } from './ports.js';

/**
 * One delivery per enabled endpoint that takes this event (its types; private incidents only to
 * endpoints allowed them). The event's id keys each delivery, so the outbox handing the same event
 * over again queues nothing more. Only Response's outbox subscriber calls this.
 */
export async function fanOutWebhookEvent(deps: Pick<WebhookDeps, 'webhooks' | 'onQueued'>, ctx: Ctx, event: DomainEvent): Promise<number> {
  authorizeSystem(ctx, 'queue webhook deliveries');
  const queued = (await deps.webhooks.fanOut(eventToSend(event), ctx.clock.now())).length;
  if (queued > 0) deps.onQueued?.();
  return queued;
}
