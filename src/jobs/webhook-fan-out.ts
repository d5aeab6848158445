import { DOMAIN_EVENT_TYPES } from '../core/events/domain-events.js';
import { eventSubscriber } from '../core/events/subscriber.js';
import type { OutboxSubscriber } from '../core/outbox/ports.js';
import type { Clock } from '../core/shared/context.js';
import { fanOutWebhookEvent } from '../core/webhook/fan-out-event.js';
import type { WebhookDeps } from '../core/webhook/ports.js';

/**
 * The outbox subscriber that turns every domain event into webhook deliveries (one per endpoint
 * that takes it). It only queues: the sender does the HTTP, so a slow receiver never holds up the
 * outbox, and an incident's later events are queued in commit order.
 */
export function webhookFanOut(deps: Pick<WebhookDeps, 'webhooks' | 'onQueued'>, clock: Clock): OutboxSubscriber {
  return eventSubscriber({
    name: 'webhooks',
    types: DOMAIN_EVENT_TYPES,
    handle: async (event) => {
      await fanOutWebhookEvent(deps, { actor: { kind: 'system', job: 'webhooks' }, clock }, event);
    },
  });
}
