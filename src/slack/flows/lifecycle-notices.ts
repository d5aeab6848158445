import type { OutboxDelivery, OutboxSubscriber } from '../../jobs/outbox-dispatcher.js';
import type { SlackRuntime } from '../runtime.js';
import { createCommsChannel } from './comms-channel.js';
import { loadIncidentView } from './incident-view.js';

const actorLabelOf = (delivery: OutboxDelivery) => {
  const actor = delivery.payload.actor as { label?: unknown } | undefined;
  return typeof actor?.label === 'string' ? actor.label : 'someone';
};

/** "This incident has been closed!" in the comms channel, whichever edge closed it. */
export function closedNoticeSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.lifecycle-notice',
    topics: ['incident.closed', 'incident.reopened'],
    async handle(delivery) {
      if (delivery.incidentId === null) return;
      const incident = await loadIncidentView(rt, delivery.incidentId);
      if (!incident.commsChannel) return;
      const text =
        delivery.topic === 'incident.closed'
          ? `This incident has been closed! 📖 ⟶ 📕\nClosed by ${actorLabelOf(delivery)}. Please complete the incident doc: <${incident.docUrl}|Incident ${incident.id}>`
          : `This incident has been reopened by ${actorLabelOf(delivery)}. 📕 ⟶ 📖`;
      await rt.client.chat.postMessage({ channel: incident.commsChannel.channelId, text });
    },
  };
}

/** On closing, the lead (or the reporter when there is none) is reminded to write the doc. */
export function closedReminderSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.close-dm',
    topics: ['incident.closed'],
    async handle(delivery) {
      if (delivery.incidentId === null) return;
      const incident = await loadIncidentView(rt, delivery.incidentId);
      const who = incident.lead ?? incident.reporter;
      if (!who) return;
      await rt.client.chat.postMessage({ channel: who.slackId, text: `👋 Don't forget to fill out an incident report here: ${incident.docUrl}` });
    },
  };
}

/** AUTO_CREATE_CHANNEL=true: every live incident gets its comms channel as soon as it is declared. */
export function autoChannelSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return {
    name: 'slack.auto-channel',
    topics: ['incident.declared'],
    async handle(delivery) {
      if (delivery.incidentId === null || !rt.config.autoCreateChannel) return;
      const incident = await loadIncidentView(rt, delivery.incidentId);
      if (incident.reportOnly || incident.commsChannel || incident.isResolved) return;
      await createCommsChannel(rt, incident.id, { actor: { kind: 'system', job: 'auto-create-channel' }, pressedBy: null });
    },
  };
}
