import type { KnownBlock } from '@slack/types';
import type { StatusUpdateSnapshot } from '../../core/events/domain-events.js';
import { UPDATE_STATUS_LABEL } from '../../core/status-update/ports.js';
import { escapeMrkdwn, fitMrkdwn, SECTION_TEXT_MAX, severityEmoji, severityText, slackDate, truncate } from '../../plugins/sdk/slack-text.js';

/** What a status update post names of its incident. */
export interface UpdateIncident {
  id: number;
  report: string;
  /** Its severity as it was when the update was posted. */
  severityLevel: { label: string; emoji: string } | null;
  docUrl: string;
}

/** Slack shows the time in each reader's own time zone; the fallback is UTC. */
const slackTime = (iso: string) => slackDate(new Date(iso));

/**
 * A status update as Slack shows it, the same in the comms channel, the headline's thread and the
 * stakeholder channel (readers there may know nothing else of the incident): its status and
 * severity, what is happening now, the next steps, who posted it and when the next one is due.
 * Pure: the same update renders the same message. `actorLabel` names who posted it when no person did.
 */
export function renderStatusUpdate(update: StatusUpdateSnapshot, incident: UpdateIncident, actorLabel = 'Response'): { text: string; blocks: KnownBlock[] } {
  const status = UPDATE_STATUS_LABEL[update.status];
  const title = `📣 Status update · Incident ${incident.id}: ${incident.report}`;
  // No person behind it (an API token, a plugin acting alone): the change log's label for the actor.
  const by = update.posted_by ? `<@${update.posted_by.slack_id}>` : actorLabel;
  const next =
    update.status === 'resolved' ? 'This incident is resolved: no further updates are planned.' : update.next_update_at ? `Next update by ${slackTime(update.next_update_at)}` : 'No further update is scheduled.';
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'update_title', text: { type: 'mrkdwn', text: truncate(`*${escapeMrkdwn(title)}*`, SECTION_TEXT_MAX) } },
    {
      type: 'section',
      block_id: 'update_fields',
      fields: [
        { type: 'mrkdwn', text: `*Status*\n${status.emoji} ${status.name}` },
        { type: 'mrkdwn', text: `*Severity*\n${severityEmoji(incident.severityLevel)} ${severityText(incident.severityLevel)}` },
      ],
    },
    { type: 'section', block_id: 'update_message', text: { type: 'mrkdwn', text: fitMrkdwn(`*What is happening now*\n${escapeMrkdwn(update.message)}`, SECTION_TEXT_MAX, incident.docUrl) } },
  ];
  if (update.next_steps) {
    blocks.push({ type: 'section', block_id: 'update_next_steps', text: { type: 'mrkdwn', text: fitMrkdwn(`*Next steps*\n${escapeMrkdwn(update.next_steps)}`, SECTION_TEXT_MAX, incident.docUrl) } });
  }
  // Events written before publishing existed carry no `public`.
  if (update.public) {
    blocks.push({ type: 'section', block_id: 'update_public', text: { type: 'mrkdwn', text: fitMrkdwn(`*🌐 On the status page*\n${escapeMrkdwn(update.public.body)}`, SECTION_TEXT_MAX, incident.docUrl) } });
  }
  blocks.push({
    type: 'context',
    block_id: 'update_meta',
    elements: [{ type: 'mrkdwn', text: `Posted by ${by} · ${next} · <${incident.docUrl}|Incident doc>` }],
  });
  const text = truncate(`${title}: ${status.name}. ${update.message}`, 3000);
  return { text, blocks };
}
