import { durationSeconds, formatDuration, type Incident } from '../incident/model.js';
import type { Action } from '../action/ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { TimelineEntry } from '../timeline/ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { isKeyTimelineEntry } from '../timeline/key-events.js';
import { incidentProcessOf, severityDefinition, typeDefinition, usesTypes } from '../shared/incident-process.js';
import { UPDATE_STATUS_LABEL, type StatusUpdate } from '../status-update/ports.js';
import type { Participant } from '../participant/ports.js';
import { mentionedUserIds, slackToMarkdown } from './slack-markup.js';
import { DEFAULT_POSTMORTEM_TEMPLATE } from './default-template.js';
import { fillTemplate, type PostmortemPlaceholder } from './placeholders.js';
import { postmortemCustomFieldLines } from './custom-field-lines.js';

const iso = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
const seconds = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));

async function readAll<T>(fetchPage: (cursor: string | null) => Promise<{ results: T[]; next: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    out.push(...page.results);
    cursor = page.next;
  } while (cursor);
  return out;
}

/** What the template is filled from, read once. */
interface PostmortemFacts {
  incident: Incident;
  timeline: TimelineEntry[];
  actions: Action[];
  participants: Participant[];
  /** Oldest first. */
  updates: StatusUpdate[];
  names: Map<string, string>;
}

async function gatherFacts(deps: CoreDeps, incident: Incident): Promise<PostmortemFacts> {
  const [timeline, actions, participants, newestUpdates] = await Promise.all([
    readAll<TimelineEntry>((c) => deps.store.timeline.list(incident.id, 500, c)),
    readAll<Action>((c) => deps.store.actions.list(incident.id, 200, c)),
    deps.store.participants.top(incident.id, 10),
    readAll<StatusUpdate>((c) => deps.store.statusUpdates.list(incident.id, 200, c)),
  ]);
  const names = new Map<string, string>();
  const ids = new Set([...timeline.flatMap((e) => mentionedUserIds(e.text)), ...mentionedUserIds(incident.summary ?? ''), ...mentionedUserIds(incident.impact ?? '')]);
  await Promise.all(
    [...ids].map(async (id) => {
      const user = await deps.store.users.getBySlackId(id);
      if (user) names.set(id, user.displayName);
    }),
  );
  return { incident, timeline, actions, participants, updates: [...newestUpdates].reverse(), names };
}

/** When the incident first had status `identified` (a status change or an update saying so), if ever. */
function firstIdentifiedAt(facts: PostmortemFacts): Date | null {
  const times = [
    ...facts.timeline.filter((e) => e.eventType === 'incident_update' && e.metadata?.update_type === 'incident_status' && e.metadata.new_value === 'identified').map((e) => e.timestamp),
    ...facts.updates.filter((u) => u.status === 'identified').map((u) => u.postedAt),
  ];
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : null;
}

/** Every placeholder's Markdown for this incident. */
function placeholderValues(facts: PostmortemFacts, process: ReturnType<typeof incidentProcessOf>, docUrl: string, now: Date): Record<PostmortemPlaceholder, string> {
  const { incident, names } = facts;
  const severity = incident.severity ? severityDefinition(process, incident.severity) : null;
  const md = (text: string) => slackToMarkdown(text, (id) => names.get(id));
  const person = (u: { displayName: string; fullName: string | null } | null) => (u ? (u.fullName ? `${u.fullName} (@${u.displayName})` : `@${u.displayName}`) : '—');
  const heldRoles = [
    // Every configured role, held or not (a review asks who did what), then any held role no longer configured.
    ...process.roles.map((r) => ({ name: r.name, user: incident.roles.find((held) => held.role === r.key)?.user ?? null })),
    ...incident.roles.filter((held) => !process.roles.some((r) => r.key === held.role)).map((held) => ({ name: held.name, user: held.user })),
  ];
  const typeLabel = incident.type ? typeDefinition(process, incident.type).label : '—';
  const details = [
    `- **Status:** ${incident.status}`,
    `- **Severity:** ${severity ? `${severity.emoji} ${severity.label}` : '—'}`,
    ...(usesTypes(process) ? [`- **Type:** ${typeLabel}`] : []),
    `- **Reported:** ${iso(incident.reportTime)}`,
    `- **Started:** ${iso(incident.startTime)}`,
    `- **Ended:** ${incident.endTime ? iso(incident.endTime) : 'ongoing'}`,
    `- **Duration:** ${formatDuration(durationSeconds(incident, now))}`,
    `- **Reporter:** ${person(incident.reporter)}`,
    ...heldRoles.map((r) => `- **${r.name}:** ${person(r.user)}`),
    ...(incident.commsChannel ? [`- **Comms channel:** #${incident.commsChannel.channelName}`] : []),
    `- **Incident doc:** ${docUrl}`,
  ];
  const keyEvents = facts.timeline.filter(isKeyTimelineEntry);
  const edits = facts.timeline.length - keyEvents.length;
  const timeline = [
    ...(keyEvents.length
      ? keyEvents.map((e) => {
          const author = e.eventType === 'slack_pin' && typeof e.metadata?.author === 'object' && e.metadata.author ? ` (@${(e.metadata.author as { display_name?: string }).display_name ?? 'someone'})` : '';
          return `- **${iso(e.timestamp)}**${author} ${md(e.text).replace(/\n/g, '\n  ')}`;
        })
      : ['_No timeline entries._']),
    ...(edits ? ['', `_${edits} edit${edits === 1 ? '' : 's'} of the title, summary, impact or times left out; the incident doc's "Everything" view lists ${edits === 1 ? 'it' : 'them'}._`] : []),
  ];
  const updates = facts.updates.length
    ? facts.updates.flatMap((u) => [
        `- **${iso(u.postedAt)}** ${UPDATE_STATUS_LABEL[u.status].name}${u.postedBy ? ` (@${u.postedBy.displayName})` : ''}: ${u.message.replace(/\n/g, '\n  ')}`,
        ...(u.nextSteps ? [`  - Next steps: ${u.nextSteps.replace(/\n/g, '\n    ')}`] : []),
      ])
    : ['_No status updates were posted._'];
  const followUps = facts.actions.length
    ? facts.actions.map((a) => {
        const meta = [
          a.assignee ? `owner @${a.assignee.displayName}` : 'no owner',
          a.dueDate ? `due ${a.dueDate}` : 'no due date',
          a.priority && `${a.priority} priority`,
          a.type,
        ].filter(Boolean);
        return `- [${a.done ? 'x' : ' '}] ${md(a.details).replace(/\n/g, ' ') || '_(no details)_'} (${meta.join(', ')})`;
      })
    : ['_No follow-up actions._'];
  const people = [
    ...heldRoles.map((r) => `- **${r.name}:** ${person(r.user)}`),
    `- **Reporter:** ${person(incident.reporter)}`,
    '',
    ...(facts.participants.length
      ? ['In the comms channel:', '', ...facts.participants.map((p) => `- @${p.user.displayName}: ${p.messageCount} message${p.messageCount === 1 ? '' : 's'}`)]
      : ['_No messages in the comms channel._']),
  ];
  const firstUpdate = facts.updates[0];
  const identified = firstIdentifiedAt(facts);
  const numbers = [
    `- **Time to first update:** ${firstUpdate ? formatDuration(seconds(incident.reportTime, firstUpdate.postedAt)) : 'no update was posted'} (from declaration)`,
    `- **Time to identify:** ${identified ? formatDuration(seconds(incident.startTime, identified)) : 'never marked identified'} (from the start)`,
    `- **Time to resolve:** ${incident.status === 'resolved' && incident.endTime ? formatDuration(durationSeconds(incident, now)) : 'not resolved yet'} (from the start)`,
  ];
  return {
    id: String(incident.id),
    title: md(incident.report),
    doc_url: docUrl,
    details: details.join('\n'),
    status: incident.status,
    severity: severity ? `${severity.emoji} ${severity.label}` : '—',
    type: typeLabel,
    reported_at: iso(incident.reportTime),
    started_at: iso(incident.startTime),
    ended_at: incident.endTime ? iso(incident.endTime) : 'ongoing',
    duration: formatDuration(durationSeconds(incident, now)),
    lead: person(incident.lead),
    reporter: person(incident.reporter),
    summary: incident.summary ? md(incident.summary) : '_No summary yet._',
    impact: incident.impact ? md(incident.impact) : '_No impact recorded._',
    timeline: timeline.join('\n'),
    status_updates: updates.join('\n'),
    follow_ups: followUps.join('\n'),
    people: people.join('\n'),
    numbers: numbers.join('\n'),
    custom_fields: postmortemCustomFieldLines(process, incident).join('\n'),
  };
}

/**
 * The postmortem template (the configured one, else Response's) filled in from an incident: what a
 * new postmortem starts as, and what "not started" shows. A helper, not a verb: its callers have
 * authorised the incident (hence `reader`, the store and process of CoreDeps).
 */
export async function renderPostmortemTemplate(reader: CoreDeps, incident: Incident, docUrl: string, now: Date): Promise<string> {
  const process = incidentProcessOf(reader);
  const facts = await gatherFacts(reader, incident);
  const filled = fillTemplate(process.postmortem.template ?? DEFAULT_POSTMORTEM_TEMPLATE, placeholderValues(facts, process, docUrl, now));
  // A placeholder that came out empty (no custom fields) leaves no gap of blank lines behind.
  return `${filled.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * The postmortem template filled in from the incident: what people paste into their wiki after the
 * incident. User text is written as typed (Markdown is the point), with Slack markup made readable.
 */
export async function renderPostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, docUrl: string): Promise<string> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  return renderPostmortemTemplate(deps, incident, docUrl, ctx.clock.now());
}
