import type { Actor, Ctx } from './context.js';
import { actorLabel } from './context.js';
import type { Tx } from '../ports.js';

export function actorJson(actor: Actor): Record<string, unknown> {
  return { ...actor, label: actorLabel(actor) };
}

/**
 * Writes what every change must leave behind, in the caller's transaction: an entry in the
 * change log for external consumers, and an outbox message so edges (the Slack headline,
 * plugins) hear about it after commit.
 */
export async function recordChange(
  tx: Tx,
  ctx: Ctx,
  change: { eventType: string; topic: string; incidentId: number | null; payload: Record<string, unknown> },
): Promise<void> {
  const now = ctx.clock.now();
  // Every change is logged, private incidents' too: who may read a row is decided when the log
  // is read, from the reader (listChangeEvents), so no writer can forget to hide one.
  await tx.changeLog.append({ timestamp: now, eventType: change.eventType, incidentId: change.incidentId, actor: actorJson(ctx.actor), payload: change.payload });
  await tx.outbox.enqueue(change.topic, { ...change.payload, incident_id: change.incidentId, actor: actorJson(ctx.actor) }, change.incidentId, now);
}
