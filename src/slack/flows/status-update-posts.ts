import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import { incidentProcessOf, severityDefinition } from '../../core/shared/incident-process.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { renderStatusUpdate } from '../blocks/status-update.js';
import { classifySlackFailure } from '../client/web-client.js';
import type { SlackRuntime } from '../runtime.js';
import { resolveChannel, SlackStartupError } from '../setup/startup.js';
import { loadIncidentView, permanent } from './incident-view.js';
import { onceDeps, postOnce } from './post-once.js';

/** The headline has not been posted yet (its own subscriber posts it): the outbox retries this delivery later. */
class HeadlineNotYetPosted extends Error {
  constructor(incidentId: number) {
    super(`incident ${incidentId}'s headline is not posted yet; the update goes into its thread once it is`);
    this.name = 'HeadlineNotYetPosted';
  }
}

/**
 * A posted status update goes to the comms channel, the headline post's thread and (per severity)
 * the stakeholder channel; each post is keyed by the update, so a redelivery, a retry after a crash
 * or another replica never posts it twice. A private incident's update stays in its (private)
 * comms channel: its headline and the stakeholder channels are public.
 */
export function statusUpdatePostsSubscriber(rt: SlackRuntime): OutboxSubscriber {
  // Stakeholder channels are configured by name or id; resolving one lists channels, so it is done once per process.
  const stakeholderIds = new Map<string, string>();
  const stakeholderChannel = async (value: string): Promise<string> => {
    const known = stakeholderIds.get(value);
    if (known) return known;
    try {
      const { id } = await resolveChannel(rt.client, 'statusUpdates.stakeholderChannels', value);
      stakeholderIds.set(value, id);
      return id;
    } catch (err) {
      // A channel that doesn't exist (or the bot can't join) won't appear by retrying: say so in the log and stop.
      if (err instanceof SlackStartupError) throw permanent(err);
      throw err;
    }
  };
  return eventSubscriber({
    name: 'slack.status-update-posts',
    types: ['status_update.posted'],
    handle: (event) =>
      (async () => {
        const update = event.data.update;
        const incident: IncidentView = await loadIncidentView(rt, event.incident_id);
        const message = renderStatusUpdate(update, { id: incident.id, report: incident.report, severityLevel: event.data.incident.severity ? severityDefinition(incidentProcessOf(rt.core), event.data.incident.severity) : null, docUrl: incident.docUrl }, event.actor.label);
        const key = (where: string) => `status-update:${update.id}:${where}`;
        const once = onceDeps(rt);
        if (incident.commsChannel) await postOnce(once, key('channel'), incident.commsChannel.channelId, message);
        if (incident.private) return;
        const headline = await rt.core.store.headlinePosts.get(incident.id);
        if (!headline?.messageTs) throw new HeadlineNotYetPosted(incident.id);
        await postOnce(once, key('headline-thread'), headline.channelId, { ...message, thread_ts: headline.messageTs });
        // Last: a stakeholder channel that can't be found ends this delivery for good, and must not cost the posts above.
        const severity = event.data.incident.severity;
        const stakeholders = severity ? incidentProcessOf(rt.core).statusUpdates.stakeholderChannels[severity] : undefined;
        if (stakeholders) await postOnce(once, key('stakeholders'), await stakeholderChannel(stakeholders), message);
      })().catch((err: unknown) => Promise.reject(classifySlackFailure(err))),
  });
}
