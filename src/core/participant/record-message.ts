import type { CoreDeps } from '../ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

/** Counts a message in an incident channel toward its author's participation (first seen, count). */
export async function recordParticipantMessage(deps: CoreDeps, ctx: Ctx, incidentId: number, slackId: string, at: Date): Promise<void> {
  await authorizeIncident(deps, ctx, incidentId);
  // Usually the author is known (the Slack edge looks people up as it first sees them): one statement.
  if (await deps.store.participants.recordMessageBySlackId(incidentId, slackId, at)) return;
  // First sight of this person: store them, then count the same way.
  await deps.store.users.ensure(slackId, ctx.clock.now());
  await deps.store.participants.recordMessageBySlackId(incidentId, slackId, at);
}
