import type { OutboxSubscriber } from '../outbox/ports.js';
import type { DomainEvent, DomainEventType } from './domain-events.js';
import { LEGACY_TOPICS, readDomainEvent } from './read-event.js';

/** How an event reached a subscriber. */
export interface EventDelivery {
  /** The subscriber's own outbox row (stable across its redeliveries). */
  outboxId: number;
  /** Attempts so far, this one included. */
  attempts: number;
  /** `<subscriber>:<event id>`: the same on every redelivery, for making an effect once. */
  idempotencyKey: string;
}

/**
 * A consumer of the domain event stream. Delivery is at least once (again after a crash or a
 * failure, with backoff) and, per incident, in commit order: an incident's next event waits while
 * this subscriber's copy of an earlier one is pending or being retried.
 */
export interface DomainEventSubscriber<T extends DomainEventType = DomainEventType> {
  name: string;
  types: readonly T[];
  handle(event: DomainEvent<T>, delivery: EventDelivery): Promise<void>;
  /** See OutboxSubscriber.latestWins: `handle` renders the incident's latest state, so a delivery with a later change waiting is skipped. */
  latestWins?: boolean;
}

/** The outbox subscriber that hands `subscriber` typed events (what the dispatcher is given). */
export function eventSubscriber<T extends DomainEventType>(subscriber: DomainEventSubscriber<T>): OutboxSubscriber {
  const types = new Set<string>(subscriber.types);
  return {
    name: subscriber.name,
    ...(subscriber.latestWins ? { latestWins: true } : {}),
    topics: [...subscriber.types, ...subscriber.types.flatMap((t) => LEGACY_TOPICS[t] ?? [])],
    async handle(delivery) {
      const event = readDomainEvent(delivery.topic, delivery.payload, delivery.id);
      // Not an event this subscriber takes (a row of an unknown shape): nothing to do, and retrying won't change it.
      if (!event || !types.has(event.type)) return;
      await subscriber.handle(event as DomainEvent<T>, { outboxId: delivery.id, attempts: delivery.attempts, idempotencyKey: `${subscriber.name}:${event.id}` });
    },
  };
}
