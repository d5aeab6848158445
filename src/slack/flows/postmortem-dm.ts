import type { KnownBlock } from '@slack/types';
import { getIncident } from '../../core/incident/get.js';
import type { Incident } from '../../core/incident/model.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { getPostmortemState } from '../../core/postmortem/get-postmortem.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import type { Ctx } from '../../core/shared/context.js';
import { incidentProcessOf } from '../../core/shared/incident-process.js';
import { escapeMrkdwn, truncate } from '../../plugins/sdk/slack-text.js';
import { classifySlackFailure } from '../client/web-client.js';
import type { SlackRuntime } from '../runtime.js';
import { onceDeps, postOnce } from './post-once.js';

/** The link button's action_id: Slack sends an interaction for it too, which is acked and needs nothing more. */
export const DRAFT_POSTMORTEM_ACTION = 'draft-postmortem-link';

/** The DM asking the lead to draft the postmortem, with a button to the doc's postmortem section. */
export function renderPostmortemDm(incident: Pick<Incident, 'id' | 'report'>, docUrl: string): { text: string; blocks: KnownBlock[] } {
  const url = `${docUrl}#postmortem`;
  const title = `Incident ${incident.id}: ${escapeMrkdwn(truncate(incident.report, 120).replaceAll('|', '/'))}`;
  return {
    text: `Incident ${incident.id} (${truncate(incident.report, 100)}) is resolved. Draft its postmortem while it is fresh: ${url}`,
    blocks: [
      {
        type: 'section',
        block_id: 'intro',
        text: { type: 'mrkdwn', text: `📝 <${docUrl}|${title}> is resolved, and you led it. Draft the postmortem while it is fresh: it starts from the template, filled in with the timeline, follow-ups and numbers.` },
      },
      { type: 'actions', block_id: 'postmortem', elements: [{ type: 'button', action_id: DRAFT_POSTMORTEM_ACTION, style: 'primary', text: { type: 'plain_text', text: 'Draft the postmortem' }, url }] },
    ],
  };
}

/**
 * When an incident is resolved, its lead (else its reporter) is asked once to draft the postmortem.
 * The DM is posted once per resolve event (its outbox row is the key, so a redelivery finds it
 * sent); nobody is asked when the postmortem was started already or the incident reopened meanwhile.
 */
export function postmortemOnResolveSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.postmortem-on-resolve',
    types: ['incident.resolved'],
    handle: async (event, delivery) => {
      if (!incidentProcessOf(rt.core).postmortem.askLeadOnResolve) return;
      const ctx: Ctx = { actor: { kind: 'system', job: 'postmortem-dm' }, clock: rt.clock };
      const incident = await getIncident(rt.core, ctx, event.incident_id);
      if (incident.status !== 'resolved') return;
      const who = incident.lead?.slackId ?? incident.reporter?.slackId;
      if (!who) return;
      if ((await getPostmortemState(rt.core, ctx, incident.id)) !== 'not_started') return;
      try {
        await postOnce(onceDeps(rt), `outbox:${delivery.outboxId}`, who, renderPostmortemDm(incident, `${rt.publicUrl}/incidents/${incident.id}`));
      } catch (err) {
        throw classifySlackFailure(err);
      }
    },
  });
}
