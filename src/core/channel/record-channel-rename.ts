import type { CoreDeps } from '../store-ports.js';
import type { Ctx } from '../shared/context.js';
import { authorizeChannelIncident } from '../shared/authorize.js';
import { recordChange } from '../shared/record-change.js';
import { incidentSnapshot } from '../events/snapshots.js';

/** Follows a rename of an incident channel (from Slack's channel_rename or our own rename command). */
export async function recordChannelRename(deps: CoreDeps, ctx: Ctx, channelId: string, channelName: string): Promise<boolean> {
  if (!(await authorizeChannelIncident(deps, ctx, channelId))) return false;
  return deps.store.transaction(async (tx) => {
    const incident = await tx.incidents.findByChannel(channelId);
    if (!incident?.commsChannel || incident.commsChannel.channelName === channelName) return false;
    await tx.commsChannels.rename(channelId, channelName);
    const now = ctx.clock.now();
    await tx.timeline.insert(
      incident.id,
      { timestamp: now, text: `Comms channel renamed from #${incident.commsChannel.channelName} to #${channelName}`, eventType: 'incident_update', metadata: { update_type: 'comms_channel_name', old_value: incident.commsChannel.channelName, new_value: channelName }, actor: ctx.actor },
      now,
    );
    const previous = incident.commsChannel.channelName;
    const after = { ...incident, commsChannel: { ...incident.commsChannel, channelName } };
    await recordChange(tx, ctx, { type: 'incident.comms_channel_renamed', incident, data: { incident: incidentSnapshot(after), channel: { id: channelId, name: channelName, previous_name: previous } } });
    return true;
  });
}
