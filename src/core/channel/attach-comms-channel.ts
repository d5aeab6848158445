import type { CoreDeps } from '../store-ports.js';
import { actorLabel, type Ctx } from '../shared/context.js';
import { authorizeIncident } from '../shared/authorize.js';
import { DomainError } from '../shared/errors.js';
import { recordChange } from '../shared/record-change.js';
import { getIncidentIn } from '../incident/get.js';
import type { Incident } from '../incident/model.js';
import { incidentSnapshot } from '../events/snapshots.js';

/** Links the Slack channel created for an incident; a second channel for the same incident is a conflict. */
export async function attachCommsChannel(deps: CoreDeps, ctx: Ctx, incidentId: number, channel: { channelId: string; channelName: string }): Promise<Incident> {
  await authorizeIncident(deps, ctx, incidentId);
  const now = ctx.clock.now();
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.getForUpdate(incidentId);
    if (!incident) throw new DomainError('NOT_FOUND', `Incident ${incidentId} not found`);
    if (incident.commsChannel) {
      if (incident.commsChannel.channelId === channel.channelId) return incident;
      throw new DomainError('CONFLICT', `Incident ${incidentId} already has a comms channel`);
    }
    await tx.commsChannels.attach(incidentId, channel, now);
    await tx.timeline.insert(
      incidentId,
      { timestamp: now, text: `Comms channel <#${channel.channelId}|${channel.channelName}> created by ${actorLabel(ctx.actor)}`, eventType: 'comms_channel', metadata: { channel_id: channel.channelId, channel_name: channel.channelName }, actor: ctx.actor },
      now,
    );
    const after = await getIncidentIn(tx, incidentId);
    await recordChange(tx, ctx, { type: 'incident.comms_channel_attached', incident: after, data: { incident: incidentSnapshot(after), channel: { id: channel.channelId, name: channel.channelName } } });
    return after;
  });
}
