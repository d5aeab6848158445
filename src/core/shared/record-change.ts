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
  change: { eventType: string; topic: string; incidentId: number | null; payload: Record<string, unknown>; private?: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  // Private incidents stay out of the external change log (as in Response), but edges still need to know.
  if (!change.private) {
    await tx.changeLog.append({ timestamp: now, eventType: change.eventType, incidentId: change.incidentId, actor: actorJson(ctx.actor), payload: change.payload });
  }
  await tx.outbox.enqueue(change.topic, { ...change.payload, incident_id: change.incidentId, actor: actorJson(ctx.actor) }, change.incidentId, now);
}
