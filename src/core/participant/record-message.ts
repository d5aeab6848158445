import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeSystem } from '../shared/authorize.js';

/**
 * Counts a message in an incident channel toward its author's participation (first seen, count).
 * A fact Slack reported, not a choice anyone made: only Response itself records it (the Slack edge,
 * as a system job). That also keeps the hottest path in the product — every message in every
 * incident channel — at one statement, with no actor or incident read before it.
 */
export async function recordParticipantMessage(deps: CoreDeps, ctx: Ctx, incidentId: number, slackId: string, at: Date): Promise<void> {
  authorizeSystem(ctx, 'count participation in incidents');
  // Usually the author is known (the Slack edge looks people up as it first sees them): one statement.
  if (await deps.store.participants.recordMessageBySlackId(incidentId, slackId, at)) return;
  // First sight of this person: store them, then count the same way.
  await deps.store.users.ensure(slackId, ctx.clock.now());
  await deps.store.participants.recordMessageBySlackId(incidentId, slackId, at);
}
