import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';

/**
 * Follows who is in an incident's comms channel (Slack's member_joined_channel and
 * member_left_channel): membership is one of the things that let someone see a private incident.
 */
export async function recordChannelMembership(deps: CoreDeps, ctx: Ctx, incidentId: number, slackId: string, joined: boolean): Promise<void> {
  // Slack's membership event is sent from the channel itself (the edge sets ctx.slackChannelId).
  await authorizeIncident(deps, ctx, incidentId);
  const now = ctx.clock.now();
  await deps.store.transaction(async (tx) => {
    const user = await tx.users.ensure(slackId, now);
    if (joined) await tx.channelMembers.add(incidentId, user.id, now);
    else await tx.channelMembers.remove(incidentId, user.id);
  });
}
