import type { Button } from '@slack/types';
import { DomainError } from '../../core/shared/errors.js';
import type { IncidentView } from '../../plugins/sdk/types.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import type { DomainEventType } from '../../core/events/domain-events.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import { renderHeadline } from '../blocks/headline.js';
import { classifySlackFailure, slackErrorCode } from '../client/web-client.js';
import { urgently } from '../client/slack-pacer.js';
import type { SlackRuntime } from '../runtime.js';
import { loadIncidentView, permanent } from './incident-view.js';
import { onceDeps, postOnce } from './post-once.js';

/** Every change the headline shows (its fields, state and channel). */
export const HEADLINE_EVENTS = [
  'incident.declared',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  'incident.comms_channel_attached',
  'incident.comms_channel_renamed',
  'role.assigned',
  'role.unassigned',
  'status_update.posted',
] as const satisfies readonly DomainEventType[];

/** The plugins' headline buttons for this incident, in order; a plugin whose button throws is left out. */
export function headlineButtons(rt: SlackRuntime, incident: IncidentView): Button[] {
  const buttons: Button[] = [];
  for (const b of rt.registry.headlineButtons(incident)) {
    try {
      buttons.push(b.handler.button(incident));
    } catch (err) {
      rt.logger.error({ err, plugin: b.plugin }, `plugin "${b.plugin}" failed to render its headline button`);
    }
  }
  return buttons;
}

/** Where an incident's headline lives: the report channel for report-only incidents (when set). */
export const headlineChannel = (rt: SlackRuntime, incident: IncidentView) =>
  (incident.reportOnly && rt.reportChannel ? rt.reportChannel : rt.incidentChannel).id;

/**
 * Posts the headline once and then keeps it current with chat.update, rendering from the
 * incident's state at delivery time, so any change from any edge (Slack, API, web) shows.
 */
export async function syncHeadline(rt: SlackRuntime, incidentId: number): Promise<void> {
  // One render at a time per incident in this process, so two quick changes can't post two headlines;
  // changes that arrive while one renders make one follow-up render of the latest state, not one each.
  await rt.headlineRenders.run(`headline:${incidentId}`, async () => {
    let incident: IncidentView;
    try {
      incident = await loadIncidentView(rt, incidentId);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'NOT_FOUND') throw permanent(err);
      throw err;
    }
    const latest = (await rt.core.store.statusUpdates.latestFor([incidentId])).get(incidentId) ?? null;
    const message = renderHeadline(incident, headlineButtons(rt, incident), latest);
    const posted = await rt.core.store.headlinePosts.get(incidentId);
    const key = `headline:${incidentId}`;
    if (posted?.messageTs) {
      try {
        await rt.client.chat.update({ channel: posted.channelId, ts: posted.messageTs, ...message });
        return;
      } catch (err) {
        // Someone deleted the headline: post it again rather than leave the incident without one.
        if (slackErrorCode(err) !== 'message_not_found') throw err;
        rt.logger.info({ incidentId }, 'slack: the headline was deleted; posting it again');
        await rt.core.store.headlinePosts.save({ ...posted, messageTs: null });
        await rt.core.store.slackEffects.forget(key, posted.messageTs);
      }
    }
    // Posted once across replicas and crashes: a second worker finds the post in flight and retries
    // later (then updates it); a retry after a crash finds the first attempt's message and adopts it.
    // The first headline goes before background Slack work (re-renders of older incidents, reminders).
    const first = await urgently(() => postOnce(onceDeps(rt), key, headlineChannel(rt, incident), message));
    await rt.core.store.headlinePosts.save({ incidentId, channelId: first.channel, messageTs: first.ts });
    // An adopted headline shows the incident as it was when it was posted; bring it up to date.
    if (!first.postedNow) await rt.client.chat.update({ channel: first.channel, ts: first.ts, ...message });
  });
}

export function headlineSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.headline',
    types: HEADLINE_EVENTS,
    // Each render shows the incident as it is now: of a burst of changes, only the last is rendered.
    // (So every change renders when it is the last: the lead's role events included, which come with
    // the incident.updated that would otherwise have shown the new lead.)
    latestWins: true,
    async handle(event) {
      await syncHeadline(rt, event.incident_id).catch((err: unknown) => Promise.reject(classifySlackFailure(err)));
    },
  });
}
