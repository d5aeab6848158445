import type { KnownBlock } from '@slack/types';
import type { IncidentView } from '../../plugins/sdk/types.js';
import { DEFAULT_INCIDENT_PROCESS, type IncidentProcess } from '../../core/shared/incident-process.js';
import { postUpdateButton } from '../../plugins/builtin/status-updates/open-update-modal.js';
import { catchMeUpButton } from '../../plugins/builtin/commands/catch-up.js';
import { escapeMrkdwn, fitMrkdwn, mention, SECTION_TEXT_MAX, severityEmoji, severityText, truncate } from '../../plugins/sdk/slack-text.js';

/** The first message in a new comms channel: what happened, who leads, where the doc is, how to drive the bot. */
export function renderWelcome(incident: IncidentView, reactions: IncidentProcess['reactions'] = DEFAULT_INCIDENT_PROCESS.reactions): { text: string; blocks: KnownBlock[] } {
  const field = (label: string, value: string | null, empty: string) => `*${label}*\n${value ? escapeMrkdwn(value) : `_${empty}_`}`;
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'title', text: { type: 'plain_text', text: truncate(`🚨 ${incident.report}`, 150), emoji: true } },
    { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: fitMrkdwn(field('Summary', incident.summary, 'No summary yet'), SECTION_TEXT_MAX, incident.docUrl) } },
    { type: 'section', block_id: 'impact', text: { type: 'mrkdwn', text: fitMrkdwn(field('Impact', incident.impact, 'Impact not known yet'), SECTION_TEXT_MAX, incident.docUrl) } },
    {
      type: 'section',
      block_id: 'details',
      fields: [
        { type: 'mrkdwn', text: `*Severity*\n${severityEmoji(incident.severityLevel)} ${severityText(incident.severityLevel)}` },
        { type: 'mrkdwn', text: `*Incident Lead*\n${mention(incident.lead)}` },
        { type: 'mrkdwn', text: `*Reporter*\n${mention(incident.reporter)}` },
        { type: 'mrkdwn', text: `*Document*\n<${incident.docUrl}|Incident ${incident.id}>` },
      ],
    },
    // Status updates start here: the button opens the update modal (an app mention can't open one). Whoever
    // joins late finds the catch-up beside it.
    { type: 'actions', block_id: 'status_update', elements: [postUpdateButton(incident), catchMeUpButton(incident)] },
    {
      type: 'context',
      block_id: 'help',
      elements: [{ type: 'mrkdwn', text: `Post status updates with the button or \`@incident update\`; joined late? \`@incident catchup\`. Pin or :${reactions.timeline}: important messages to build the timeline, :${reactions.followUp}: a message to make it a follow-up. Not sure what to do? Try \`@incident help\`.` }],
    },
  ];
  return { text: `Welcome to the comms channel for incident ${incident.id}: ${truncate(incident.report, 200)}. Try \`@incident help\`.`, blocks };
}
