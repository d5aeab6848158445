import type { Button, KnownBlock } from '@slack/types';
import type { IncidentView, StatusUpdate } from '../../plugins/sdk/types.js';
import { capitalise, escapeMrkdwn, mention, severityEmoji, severityText, slackDate, STATUS_EMOJI, truncate } from '../../plugins/sdk/slack-text.js';

const section = (block_id: string, text: string): KnownBlock => ({ type: 'section', block_id, text: { type: 'mrkdwn', text: truncate(text, 3000) } });

/** The roles besides the lead, on one line, when anyone holds one. */
const otherRoles = (incident: IncidentView): KnownBlock[] => {
  const held = incident.roles.filter((r) => r.role !== 'lead').map((r) => `${escapeMrkdwn(r.name)}: <@${r.user.slackId}>`);
  return held.length ? [section('roles', `🎭 ${held.join(' · ')}`)] : [];
};

/** Custom fields flagged `showInHeadline` that have a value, one line each (a person as a mention, other text escaped). */
const headlineFields = (incident: IncidentView): KnownBlock[] => {
  const lines = incident.fieldValues
    .filter((f) => f.showInHeadline)
    .map((f) => `*${escapeMrkdwn(f.label)}:* ${/^<@[UW][A-Z0-9]+>$/.test(f.text) ? f.text : escapeMrkdwn(truncate(f.text.replace(/\s+/g, ' '), 300))}`);
  return lines.length ? [section('custom_fields', `🗂️ ${lines.join('\n')}`)] : [];
};

/** The latest status update (the incident's public status), shortened; its whole text is in the thread below and the doc. */
const latestUpdate = (incident: IncidentView, u: StatusUpdate | null | undefined): KnownBlock[] => {
  if (!u) return [];
  const when = slackDate(u.postedAt);
  const text = escapeMrkdwn(truncate(u.message.replace(/\s+/g, ' ').trim(), 280));
  return [section('latest_update', `📣 Latest update, ${when}: ${text} <${incident.docUrl}#update-${u.id}|More>`)];
};

/**
 * The headline post for an incident, from its current state: title, reporter, lead, status,
 * severity, its latest status update, doc link, comms channel, then the plugins' buttons in order while it is open.
 * Pure: the same incident and buttons always render the same message.
 */
export function renderHeadline(incident: IncidentView, buttons: Button[], latest?: StatusUpdate | null): { text: string; blocks: KnownBlock[] } {
  if (incident.private) {
    // The incidents channel is public: a private incident shows only that it exists and where its doc is.
    const text = `🔒 Incident ${incident.id} is private`;
    return { text, blocks: [section('report', `*${text}*`), section('incident_doc', `📄 Document: <${incident.docUrl}|Incident ${incident.id}>`)] };
  }
  const blocks: KnownBlock[] = [
    section('report', `*${escapeMrkdwn(incident.report)}*`),
    section('reporter', `🙋🏻‍♂️ Reporter: ${mention(incident.reporter)}`),
    section('lead', `👩‍🚒 Incident Lead: ${mention(incident.lead)}`),
    ...otherRoles(incident),
    { type: 'divider' },
    section('status', `${STATUS_EMOJI[incident.status]} Status: ${capitalise(incident.status)}`),
    section('severity', `${severityEmoji(incident.severityLevel)} Severity: ${severityText(incident.severityLevel)}`),
    // Only for teams with more than one type (incidentType is null otherwise).
    ...(incident.incidentType ? [section('type', `🏷️ Type: ${escapeMrkdwn(incident.incidentType.label)}`)] : []),
    ...headlineFields(incident),
    ...latestUpdate(incident, latest),
    section('incident_doc', `📄 Document: <${incident.docUrl}|Incident ${incident.id}>`),
  ];
  if (incident.commsChannel && !incident.reportOnly) blocks.push(section('comms_channel', `🗣 Comms Channel: <#${incident.commsChannel.channelId}>`));
  if (!incident.isResolved && buttons.length > 0) {
    blocks.push(section('need_something', 'Need something else?'));
    blocks.push({ type: 'actions', block_id: 'actions', elements: buttons.slice(0, 25) });
  }
  const by = incident.reporter ? ` reported by <@${incident.reporter.slackId}>` : '';
  return { text: truncate(`${incident.report}${by}`, 3000), blocks };
}
