import type { DomainEvent } from '../core/events/domain-events.js';
import { eventSubscriber } from '../core/events/subscriber.js';
import type { OutboxSubscriber } from '../core/outbox/ports.js';
import { DomainError } from '../core/shared/errors.js';
import type { GiveUpNotice } from './plugin-tasks.js';
import type { PluginRegistry } from './registry.js';
import type { HandlerContext } from './sdk/types.js';

/**
 * Builds the context an event handler runs with (the Slack edge's handler context, acting as the
 * plugin), whose `say`/`reply` and creating verbs make their effect once per `idempotencyKey`.
 * Null when the incident is gone (nothing to react to any more).
 */
export type IncidentEventContextFactory = (event: DomainEvent, plugin: string, idempotencyKey: string) => Promise<HandlerContext | null>;

/**
 * One outbox subscriber per `onIncidentEvent` handler, so a failing or slow handler is retried on
 * its own without repeating the others' effects, and each gets an incident's events in order.
 * Names (`plugin:<name>#<n>`) stay the same across restarts: pending rows are found again.
 */
export function pluginEventSubscribers(registry: PluginRegistry, contexts: IncidentEventContextFactory, giveUp?: GiveUpNotice): OutboxSubscriber[] {
  return registry.incidentEventHandlers().map(({ plugin, handler, index }) => {
    const label = registry.label(plugin);
    const subscriber = eventSubscriber({
      name: `plugin:${plugin}#${index}`,
      types: handler.types,
      async handle(event) {
        // The event id and the plugin (and which of its handlers, past the first): the same on every redelivery.
        const idempotencyKey = `${event.id}:${plugin}${index > 0 ? `#${index}` : ''}`;
        const ctx = await contexts(event, plugin, idempotencyKey);
        if (!ctx) return;
        try {
          await handler.handler({ ...ctx, event, idempotencyKey });
        } catch (err) {
          // A refusal from a core verb (forbidden, invalid) will be refused again: recorded as failed, not retried.
          if (err instanceof DomainError) Object.assign(err, { permanent: true });
          throw err;
        }
      },
    });
    if (!label || !giveUp) return subscriber;
    return {
      ...subscriber,
      onGiveUp: (delivery, error) =>
        delivery.incidentId === null ? Promise.resolve() : giveUp({ incidentId: delivery.incidentId, label, what: `its reaction to ${delivery.topic}`, error, outboxId: delivery.id, attempts: delivery.attempts }),
    };
  });
}
