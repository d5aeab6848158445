import { randomUUID } from 'node:crypto';
import type { Actor, Ctx } from './context.js';
import { actorLabel } from './context.js';
import type { Tx } from '../store-ports.js';
import { changeLogEntry } from '../events/change-log-entry.js';
import { DOMAIN_EVENT_VERSION, type DomainChange, type DomainEvent, type DomainEventType, type EventActor } from '../events/domain-events.js';

export function actorJson(actor: Actor): EventActor {
  return { ...actor, label: actorLabel(actor) };
}

/**
 * Writes what every change must leave behind, in the caller's transaction: its domain event in the
 * outbox (delivered after commit to the Slack headline, notices, reminders, plugins…) and its row
 * in the change log for external consumers. Returns the event.
 *
 * Call it as the transaction's last write: enqueueing takes the incident's event lock (held to
 * commit), and a transaction that held it while waiting for another lock (a row another change
 * holds while it waits for this lock) would deadlock.
 */
export async function recordChange<T extends DomainEventType>(tx: Tx, ctx: Ctx, change: DomainChange<T>): Promise<DomainEvent<T>> {
  const now = ctx.clock.now();
  const event = {
    id: randomUUID(),
    type: change.type,
    version: DOMAIN_EVENT_VERSION,
    occurred_at: now.toISOString(),
    incident_id: change.incident.id,
    private: change.incident.private,
    actor: actorJson(ctx.actor),
    data: change.data,
  } as DomainEvent<T>;
  // First the outbox: enqueueing waits for the incident's previous change to commit, so both the
  // event and the log row below are numbered in commit order per incident.
  await tx.outbox.enqueue(event.type, event as unknown as Record<string, unknown>, event.incident_id, now);
  // Every change is logged, private incidents' too: who may read a row is decided when the log
  // is read, from the reader (listChangeEvents), so no writer can forget to hide one.
  const logged = changeLogEntry(event as DomainEvent);
  await tx.changeLog.append({ timestamp: now, eventType: logged.eventType, incidentId: event.incident_id, actor: event.actor, payload: logged.payload });
  return event;
}
