import type { KnownBlock } from '@slack/types';
import { dueDateLabel } from '../../core/action/due-date.js';
import type { Action } from '../../core/action/ports.js';
import { escapeMrkdwn, fitMrkdwn, SECTION_TEXT_MAX, truncate } from '../../plugins/sdk/slack-text.js';

/** The incident a follow-up DM is about: enough to name and link it. */
export interface FollowUpIncident {
  id: number;
  report: string;
  docUrl: string;
}

/** Slack won't take more than 50 blocks; the rest of a long list is in the doc. */
const MAX_LISTED = 40;
const DETAILS_MAX = 600;

/** People's text repeated to someone else without its broadcasts (`<!channel>` would notify the channel… of a DM: pointless, and loud). */
const quiet = (text: string) => text.replace(/<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|([^>]*))?>/g, (_all, what: string, label?: string) => label ?? `@${what.replace(/^subteam.*/, 'group')}`);

// A link's label ends at `|` or `>`: the title is escaped, and a `|` in it can't be.
const incidentLink = (incident: FollowUpIncident) => `<${incident.docUrl}|Incident ${incident.id}: ${escapeMrkdwn(truncate(incident.report, 120).replaceAll('|', '/'))}>`;

/** One follow-up's line: what, when it is due (and whether that has passed), where it came from. */
function followUpText(action: Action, today: string): string {
  const details = truncate(quiet(action.details).trim() || '(no details)', DETAILS_MAX);
  const meta = [
    action.dueDate ? `Due ${dueDateLabel(action.dueDate)}${action.dueDate < today ? ' — *past due*' : ''}` : 'No due date',
    ...(action.source?.url ? [`<${action.source.url}|Source message>`] : []),
    // Tracked in Jira or Linear: its key links to the issue (where it is ticked off too).
    ...(action.issue?.state === 'linked' && action.issue.url && /^https?:\/\//.test(action.issue.url) ? [`<${action.issue.url}|${escapeMrkdwn(action.issue.key ?? 'Issue')}>`] : []),
  ].join(' · ');
  return `• ${details}\n${meta}`;
}

/**
 * The one DM an owner gets after an incident is resolved: every open follow-up of theirs, each with
 * its due date and the message it came from, and the doc where they are ticked off.
 */
export function renderFollowUpsDm(incident: FollowUpIncident, actions: Action[], today: string): { text: string; blocks: KnownBlock[] } {
  const count = actions.length === 1 ? 'an open follow-up' : `${actions.length} open follow-ups`;
  const intro = `👋 ${incidentLink(incident)} is resolved, and you own ${count} from it:`;
  const listed = actions.slice(0, MAX_LISTED);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: intro } },
    ...listed.map((a): KnownBlock => ({ type: 'section', block_id: `follow_up_${a.id}`, text: { type: 'mrkdwn', text: fitMrkdwn(followUpText(a, today), SECTION_TEXT_MAX, incident.docUrl) } })),
    ...(actions.length > listed.length
      ? [{ type: 'section', block_id: 'more', text: { type: 'mrkdwn', text: `…and ${actions.length - listed.length} more in <${incident.docUrl}|the incident doc>.` } } as KnownBlock]
      : []),
    {
      type: 'context',
      block_id: 'doc',
      elements: [{ type: 'mrkdwn', text: `Tick them off, or change the owner or due date, in <${incident.docUrl}|the incident doc>.` }],
    },
  ];
  return { text: `You own ${count} from incident ${incident.id} (${truncate(incident.report, 100)}), now resolved: ${incident.docUrl}`, blocks };
}

/** The one reminder an owner gets when a follow-up of theirs passes its due date while still open. */
export function renderPastDueReminder(incident: FollowUpIncident, action: Action, today: string): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: `⏰ A follow-up you own from ${incidentLink(incident)} is past due:` } },
    { type: 'section', block_id: `follow_up_${action.id}`, text: { type: 'mrkdwn', text: fitMrkdwn(followUpText(action, today), SECTION_TEXT_MAX, incident.docUrl) } },
    {
      type: 'context',
      block_id: 'doc',
      elements: [{ type: 'mrkdwn', text: `Done, or needs a new date? Update it in <${incident.docUrl}|the incident doc>.` }],
    },
  ];
  return { text: `A follow-up you own from incident ${incident.id} is past due: ${truncate(quiet(action.details), 200)} (${incident.docUrl})`, blocks };
}
