import type { OutboxDelivery, OutboxSubscriber } from '../../jobs/outbox-dispatcher.js';
import type { SlackRuntime } from '../runtime.js';
import { classifySlackFailure } from '../client.js';
import { createCommsChannel, UserFacingSlackError } from './comms-channel.js';
import { loadIncidentView, permanent } from './incident-view.js';

/** Runs an outbox handler, marking Slack's definite refusals as permanent so they aren't retried for hours. */
const classified = (fn: () => Promise<void>) => fn().catch((err: unknown) => Promise.reject(classifySlackFailure(err)));

const actorLabelOf = (delivery: OutboxDelivery) => {
  const actor = delivery.payload.actor as { label?: unknown } | undefined;
  return typeof actor?.label === 'string' ? actor.label : 'someone';
};

/** "This incident has been closed!" in the comms channel, whichever edge closed it. */
export function closedNoticeSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.lifecycle-notice',
    topics: ['incident.closed', 'incident.reopened'],
    handle: (delivery) =>
      classified(async () => {
        if (delivery.incidentId === null) return;
        const incident = await loadIncidentView(rt, delivery.incidentId);
        if (!incident.commsChannel) return;
        const text =
          delivery.topic === 'incident.closed'
            ? `This incident has been closed! 📖 ⟶ 📕\nClosed by ${actorLabelOf(delivery)}. Please complete the incident doc: <${incident.docUrl}|Incident ${incident.id}>`
            : `This incident has been reopened by ${actorLabelOf(delivery)}. 📕 ⟶ 📖`;
        await rt.client.chat.postMessage({ channel: incident.commsChannel.channelId, text });
      }),
  };
}

/** On closing, the lead (or the reporter when there is none) is reminded to write the doc. */
export function closedReminderSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.close-dm',
    topics: ['incident.closed'],
    handle: (delivery) =>
      classified(async () => {
        if (delivery.incidentId === null) return;
        const incident = await loadIncidentView(rt, delivery.incidentId);
        const who = incident.lead ?? incident.reporter;
        if (!who) return;
        await rt.client.chat.postMessage({ channel: who.slackId, text: `👋 Don't forget to fill out an incident report here: ${incident.docUrl}` });
      }),
  };
}

/** AUTO_CREATE_CHANNEL=true: every live incident gets its comms channel as soon as it is declared. */
export function autoChannelSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.auto-channel',
    topics: ['incident.declared'],
    handle: (delivery) =>
      classified(async () => {
        if (delivery.incidentId === null) return;
        const incident = await loadIncidentView(rt, delivery.incidentId);
        // A private incident's headline in the public incidents channel has no buttons, so its
        // (private) channel is always created here, with its reporter and lead invited.
        if (!rt.config.autoCreateChannel && !incident.private) return;
        if (incident.reportOnly || incident.commsChannel || incident.isResolved) return;
        try {
          await createCommsChannel(rt, incident.id, { actor: { kind: 'system', job: 'auto-create-channel' }, pressedBy: null });
        } catch (err) {
          // Nobody pressed a button to tell; the headline keeps its Create Comms Channel button instead.
          throw err instanceof UserFacingSlackError ? permanent(err) : err;
        }
      }),
  };
}
