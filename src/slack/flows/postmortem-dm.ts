import type { KnownBlock } from '@slack/types';
import { getIncident } from '../../core/incident/get.js';
import type { Incident } from '../../core/incident/model.js';
import type { OutboxSubscriber } from '../../core/outbox/ports.js';
import { getPostmortemState } from '../../core/postmortem/get-postmortem.js';
import type { PostmortemState } from '../../core/postmortem/ports.js';
import { eventSubscriber } from '../../core/events/subscriber.js';
import type { Ctx } from '../../core/shared/context.js';
import { incidentProcessOf } from '../../core/shared/incident-process.js';
import { escapeMrkdwn, truncate } from '../../plugins/sdk/slack-text.js';
import { classifySlackFailure } from '../client/web-client.js';
import type { SlackRuntime } from '../runtime.js';
import { onceDeps, postOnce } from './post-once.js';

/** The link button's action_id: Slack sends an interaction for a link button too, which is acked and needs nothing more. */
export const DRAFT_POSTMORTEM_ACTION = 'draft-postmortem-link';

/**
 * The DM asking whoever led the incident to write its postmortem, with a button to the doc's
 * postmortem section. The text keeps the original Response's "Don't forget to fill out an incident
 * report here" (what notifications and old clients show).
 */
export function renderPostmortemDm(incident: Pick<Incident, 'id' | 'report'>, docUrl: string, state: Exclude<PostmortemState, 'reviewed'>): { text: string; blocks: KnownBlock[] } {
  const url = `${docUrl}#postmortem`;
  const title = `Incident ${incident.id}: ${escapeMrkdwn(truncate(incident.report, 120).replaceAll('|', '/'))}`;
  const ask =
    state === 'not_started'
      ? "Don't forget to fill out an incident report: draft the postmortem while it is fresh. It starts from the template, filled in with the timeline, follow-ups and numbers."
      : "Don't forget to fill out an incident report: its postmortem is a draft, finish it and mark it reviewed.";
  return {
    text: `👋 Don't forget to fill out an incident report here: ${url}`,
    blocks: [
      { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: `👋 <${docUrl}|${title}> is resolved. ${ask}` } },
      {
        type: 'actions',
        block_id: 'postmortem',
        elements: [
          { type: 'button', action_id: DRAFT_POSTMORTEM_ACTION, style: 'primary', text: { type: 'plain_text', text: state === 'not_started' ? 'Draft the postmortem' : 'Finish the postmortem' }, url },
        ],
      },
    ],
  };
}

/**
 * When an incident is resolved, its lead (else its reporter) is asked to write the postmortem: one
 * DM per resolve event (its outbox row is the key, so a redelivery finds it sent). Nobody is asked
 * when the postmortem was reviewed already or the incident reopened meanwhile. This is the original
 * Response's close DM (hence its subscriber name: deliveries pending at an upgrade carry on).
 */
export function postmortemOnResolveSubscriber(rt: SlackRuntime): OutboxSubscriber {
  return eventSubscriber({
    name: 'slack.close-dm',
    types: ['incident.resolved'],
    handle: async (event, delivery) => {
      if (!incidentProcessOf(rt.core).postmortem.askLeadOnResolve) return;
      const ctx: Ctx = { actor: { kind: 'system', job: 'postmortem-dm' }, clock: rt.clock };
      const incident = await getIncident(rt.core, ctx, event.incident_id);
      if (incident.status !== 'resolved') return;
      const who = incident.lead?.slackId ?? incident.reporter?.slackId;
      if (!who) return;
      const state = await getPostmortemState(rt.core, ctx, incident.id);
      if (state === 'reviewed') return;
      try {
        await postOnce(onceDeps(rt), `outbox:${delivery.outboxId}`, who, renderPostmortemDm(incident, `${rt.publicUrl}/incidents/${incident.id}`, state));
      } catch (err) {
        throw classifySlackFailure(err);
      }
    },
  });
}
