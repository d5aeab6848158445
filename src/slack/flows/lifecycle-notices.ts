import { incidentProcessOf, severityDefinition } from '../../core/shared/incident-process.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { eventSubscriber, type EventDelivery } from '../../core/events/subscriber.js';
import type { SlackRuntime } from '../runtime.js';
import { classifySlackFailure, slackErrorCode } from '../client/web-client.js';
import { createCommsChannel, UserFacingSlackError } from './comms-channel.js';
import { loadIncidentView, permanent } from './incident-view.js';
import { onceDeps, postOnce } from './post-once.js';
import type { IncidentView } from '../../plugins/sdk/types.js';

/** Runs an outbox handler, marking Slack's definite refusals as permanent so they aren't retried for hours. */
const classified = (fn: () => Promise<void>) => fn().catch((err: unknown) => Promise.reject(classifySlackFailure(err)));

/** "This incident has been closed!" in the comms channel, whichever edge closed it. */
export function closedNoticeSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.lifecycle-notice',
    types: ['incident.resolved', 'incident.reopened'],
    handle: (event, delivery) =>
      classified(async () => {
        const incident = await loadIncidentView(rt, event.incident_id);
        if (!incident.commsChannel) return;
        const text =
          event.type === 'incident.resolved'
            ? `This incident has been closed! 📖 ⟶ 📕\nClosed by ${event.actor.label}. Please complete the incident doc: <${incident.docUrl}|Incident ${incident.id}>`
            : `This incident has been reopened by ${event.actor.label}. 📕 ⟶ 📖`;
        // This subscriber's outbox row is the idempotency key: a redelivery after a crash doesn't say it twice.
        await postOnce(onceDeps(rt), `outbox:${delivery.outboxId}`, incident.commsChannel.channelId, { text });
      }),
  });
}

// On closing, the lead (else the reporter) is asked to write the postmortem: postmortem-dm.ts.

/**
 * AUTO_CREATE_CHANNEL=true: every live incident gets its comms channel as soon as it is declared. A
 * severity may say otherwise either way (its `autoCreateChannel`), e.g. only critical ones get one at once.
 */
export function autoChannelSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.auto-channel',
    types: ['incident.declared'],
    handle: (event, delivery) =>
      classified(async () => {
        const incident = await loadIncidentView(rt, event.incident_id);
        // A private incident's headline in the public incidents channel has no buttons, so its
        // (private) channel is always created here, with its reporter and lead invited.
        const bySeverity = incident.severity ? severityDefinition(incidentProcessOf(rt.core), incident.severity).autoCreateChannel : null;
        if (!(bySeverity ?? rt.config.autoCreateChannel) && !incident.private) return;
        // A channel that exists already is still passed on: a retry after a crash mid-set-up finishes it.
        if (incident.reportOnly || incident.isResolved) return;
        try {
          await createCommsChannel(rt, incident.id, { actor: { kind: 'system', job: 'auto-create-channel' }, pressedBy: null });
        } catch (err) {
          const final = err instanceof UserFacingSlackError ? permanent(err) : classifySlackFailure(err);
          // Nobody pressed a button to tell. A public incident's headline keeps its Create Comms
          // Channel button; a private one's has none, so its people are told what went wrong, once
          // (transient failures are retried by the outbox first).
          if (incident.private && (final as { permanent?: boolean }).permanent) await tellPrivateChannelFailed(rt, delivery, incident, err);
          throw final;
        }
      }),
  });
}

/** What to do when a private incident's channel can't be created, by Slack's reason. */
function privateChannelFailure(err: unknown): string {
  if (err instanceof UserFacingSlackError) return err.message.replace(/\.$/, '');
  const code = slackErrorCode(err);
  if (code === 'missing_scope')
    return "this Slack app can't create private channels yet (it lacks the `groups:write` scope). Ask a Slack admin to add the scopes listed in Response's Slack set-up guide and reinstall the app";
  return `Slack refused (${code ?? 'unknown error'})`;
}

/** DMs a private incident's reporter and lead that its private channel couldn't be created, and what to do meanwhile. */
async function tellPrivateChannelFailed(rt: SlackRuntime, delivery: EventDelivery, incident: IncidentView, err: unknown): Promise<void> {
  const text =
    `⚠️ I couldn't create the private channel for the private incident <${incident.docUrl}|Incident ${incident.id}>: ${privateChannelFailure(err)}.` +
    ' Until then, create a private channel yourself and invite the people who need to know.';
  const people = new Set([incident.reporter?.slackId, incident.lead?.slackId].filter((id): id is string => Boolean(id)));
  for (const slackId of people) {
    try {
      await postOnce(onceDeps(rt), `outbox:${delivery.outboxId}:dm:${slackId}`, slackId, { text });
    } catch (dmErr) {
      rt.logger.warn({ err: dmErr, incidentId: incident.id }, 'slack: could not tell a private incident\'s people that its channel was not created');
    }
  }
}
