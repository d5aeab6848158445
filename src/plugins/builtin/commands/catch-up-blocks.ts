import type { KnownBlock } from '@slack/types';
import { durationSeconds, formatDuration } from '../../../core/incident/model.js';
import { capitalise, escapeMrkdwn, mention, SECTION_TEXT_MAX, severityEmoji, severityText, STATUS_EMOJI, truncate } from '../../sdk/slack-text.js';
import type { Action, CatchUp, IncidentView, TimelineEntry } from '../../sdk/types.js';
import { withoutBroadcasts } from './confirm.js';
import { UPDATE_STATUS_LABEL } from '../../../core/status-update/ports.js';

const LINE_MAX = 180;

/** "12 mins ago", measured to when the catch-up was built (so the same record renders the same). */
const ago = (then: Date, at: Date) => `${formatDuration(Math.max(0, Math.floor((at.getTime() - then.getTime()) / 1000)))} ago`;

/**
 * One line of recorded text. Entries and actions hold Slack mrkdwn (messages as Slack sent them,
 * mentions Response wrote), so they are shown as they are, with broadcasts made plain.
 */
const oneLine = (text: string) => truncate(withoutBroadcasts(text.replace(/\s+/g, ' ').trim()), LINE_MAX);

/** Where an entry came from: the Slack message it captured, else its place in the doc's timeline. */
export function entryLink(entry: TimelineEntry, docUrl: string): string {
  const permalink = entry.metadata?.permalink;
  return typeof permalink === 'string' && /^https?:\/\//.test(permalink) ? permalink : `${docUrl}#entry-${entry.id}`;
}

export function actionLink(action: Action, docUrl: string): string {
  return `${docUrl}#action-${action.id}`;
}

const entryLine = (entry: TimelineEntry, c: CatchUp, docUrl: string) => `• ${oneLine(entry.text)} · <${entryLink(entry, docUrl)}|${ago(entry.timestamp, c.at)}>`;

function actionLine(action: Action, docUrl: string): string {
  const owner = action.assignee ? ` — ${mention(action.assignee)}` : ' — no owner';
  const due = action.dueDate ? `, due ${action.dueDate}` : '';
  // A follow-up made from a message (✅) links that message too: where the need came up.
  const from = action.source?.url && /^https?:\/\//.test(action.source.url) ? ` · <${action.source.url}|from this message>` : '';
  const issue = action.issue?.state === 'linked' && action.issue.url && /^https?:\/\//.test(action.issue.url) ? ` · <${action.issue.url}|${escapeMrkdwn(action.issue.key ?? 'issue')}>` : '';
  return `• <${actionLink(action, docUrl)}|${oneLine(action.details)}>${owner}${due}${from}${issue}`;
}

/** Who holds which role ("nobody" for an empty one), linked to the doc's Roles card. */
function rolesText(c: CatchUp, docUrl: string): string {
  const held = c.roles.map((r) => `${escapeMrkdwn(r.name)}: ${r.user ? mention(r.user) : '_nobody_'}`).join(' · ');
  const lead = c.roles.find((r) => r.role === 'lead');
  const hint = lead && !lead.user ? ' (`@incident lead @someone`)' : '';
  return `<${docUrl}#roles|👥> ${held}${hint}`;
}

/** The incident's public status: its latest update, how long ago, and when the next is due. */
function latestUpdateText(c: CatchUp, docUrl: string): string {
  const u = c.latestUpdate;
  if (!u) return '📣 *No status update yet.* Post the first with `@incident update`.';
  const label = UPDATE_STATUS_LABEL[u.status];
  const next = u.nextUpdateAt && c.incident.status !== 'resolved' ? (u.nextUpdateAt > c.at ? ` · next due in ${formatDuration(Math.floor((u.nextUpdateAt.getTime() - c.at.getTime()) / 1000))}` : ` · *next was due ${ago(u.nextUpdateAt, c.at)}*`) : '';
  const by = u.postedBy ? ` by ${mention(u.postedBy)}` : '';
  return `📣 *Latest update* (<${docUrl}#update-${u.id}|${ago(u.postedAt, c.at)}>${by}${next}): ${label.emoji} ${label.name}\n${escapeMrkdwn(truncate(u.message.replace(/\s+/g, ' ').trim(), LINE_MAX * 2))}`;
}

/** Sections joined into one mrkdwn block each, cut at Slack's limit (the doc holds the rest). */
const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_TEXT_MAX) } });

/**
 * The catch-up as Block Kit: status line, what changed since the asker last posted, open actions,
 * key events, each line linking its source. `written` (a plugin's summary in words) takes the place
 * of the lists; the status line and the link to the doc stay.
 */
export function renderCatchUp(c: CatchUp, incident: IncidentView, options: { written?: { text: string; by: string } } = {}): { text: string; blocks: KnownBlock[] } {
  const docUrl = incident.docUrl;
  const i = c.incident;
  const running = formatDuration(durationSeconds(i, c.at));
  const state = i.status === 'resolved' ? `resolved after ${running}` : `running for ${running}`;
  const title = `*Catch-up on <${docUrl}|Incident ${i.id}: ${escapeMrkdwn(truncate(i.report, LINE_MAX))}>*`;
  const status = `${STATUS_EMOJI[i.status]} ${capitalise(i.status)} · ${severityEmoji(incident.severityLevel)} ${severityText(incident.severityLevel)} · ${state}`;
  const blocks: KnownBlock[] = [section(`${title}\n${status}\n${rolesText(c, docUrl)}`), section(latestUpdateText(c, docUrl))];
  if (options.written) {
    blocks.push(section(options.written.text));
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Written by ${escapeMrkdwn(options.written.by)} from the incident's record · <${docUrl}|The full record>` }] });
    return { text: `Catch-up on Incident ${i.id}`, blocks };
  }
  const sinceWhen =
    c.sinceReason === 'your_last_post' ? `since your last post (${ago(c.since, c.at)})` : c.sinceReason === 'given' ? `in the last ${formatDuration(Math.floor((c.at.getTime() - c.since.getTime()) / 1000))}` : 'in the last 30 minutes';
  const changes = c.changes.length
    ? [...c.changes.map((e) => entryLine(e, c, docUrl)), ...(c.hasMoreChanges ? [`• … and more in <${docUrl}|the timeline>`] : [])].join('\n')
    : '_Nothing new on the timeline._';
  blocks.push(section(`*What changed ${sinceWhen}*\n${changes}`));
  const actions = c.openActions.length
    ? [
        ...c.openActions.map((a) => actionLine(a, docUrl)),
        ...(c.openActionsTotal > c.openActions.length ? [`• … ${c.openActionsTotal - c.openActions.length} more in <${docUrl}#actions|the doc>`] : []),
      ].join('\n')
    : '_None._';
  blocks.push(section(`*Open actions (${c.openActionsTotal})*\n${actions}`));
  // Key events already listed as changes are not repeated: the section then tells the earlier story.
  const listed = new Set(c.changes.map((e) => e.id));
  const earlier = c.keyEvents.filter((e) => !listed.has(e.id));
  if (earlier.length) blocks.push(section(`*Earlier key events*\n${earlier.map((e) => entryLine(e, c, docUrl)).join('\n')}`));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Built from the incident's record · only you can see this · <${docUrl}|Open the incident doc>` }] });
  return { text: `Catch-up on Incident ${i.id}: ${truncate(i.report, 100)}`, blocks };
}
