import { durationSeconds, formatDuration } from '../incident/model.js';
import type { Action } from '../action/ports.js';
import type { CoreDeps } from '../store-ports.js';
import type { TimelineEntry } from '../timeline/ports.js';
import { authorizeIncident } from '../shared/authorize.js';
import type { Ctx } from '../shared/context.js';
import { isKeyTimelineEntry } from '../timeline/key-events.js';
import { incidentProcessOf, severityDefinition, typeDefinition, usesTypes } from '../shared/incident-process.js';
import { UPDATE_STATUS_LABEL, type StatusUpdate } from '../status-update/ports.js';
import { mentionedUserIds, slackToMarkdown } from './slack-markup.js';

const iso = (d: Date) => d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');

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

/**
 * The postmortem as a Markdown document: what people paste into their wiki after the incident.
 * User text is written as typed (Markdown is the point), with Slack markup made readable.
 */
export async function renderPostmortem(deps: CoreDeps, ctx: Ctx, incidentId: number, docUrl: string): Promise<string> {
  const { incident } = await authorizeIncident(deps, ctx, incidentId);
  const [everything, actions, participants, newestUpdates] = await Promise.all([
    readAll<TimelineEntry>((c) => deps.store.timeline.list(incidentId, 500, c)),
    readAll<Action>((c) => deps.store.actions.list(incidentId, 200, c)),
    deps.store.participants.top(incidentId, 10),
    readAll<StatusUpdate>((c) => deps.store.statusUpdates.list(incidentId, 200, c)),
  ]);
  // In the order they were posted: the story as people outside the response heard it.
  const updates = [...newestUpdates].reverse();
  // The story, as the doc's "Key events" view tells it: the summary and impact above are the edits' outcome.
  const timeline = everything.filter(isKeyTimelineEntry);
  const edits = everything.length - timeline.length;
  const names = new Map<string, string>();
  const ids = new Set([...timeline.flatMap((e) => mentionedUserIds(e.text)), ...mentionedUserIds(incident.summary ?? ''), ...mentionedUserIds(incident.impact ?? '')]);
  await Promise.all(
    [...ids].map(async (id) => {
      const user = await deps.store.users.getBySlackId(id);
      if (user) names.set(id, user.displayName);
    }),
  );
  const process = incidentProcessOf(deps);
  const { roles } = process;
  const severity = incident.severity ? severityDefinition(process, incident.severity) : null;
  const md = (text: string) => slackToMarkdown(text, (id) => names.get(id));
  const person = (u: { displayName: string; fullName: string | null } | null) => (u ? (u.fullName ? `${u.fullName} (@${u.displayName})` : `@${u.displayName}`) : '—');
  const lines: string[] = [
    `# Incident ${incident.id}: ${incident.report}`,
    '',
    `- **Status:** ${incident.status}`,
    `- **Severity:** ${severity ? `${severity.emoji} ${severity.label}` : '—'}`,
    ...(usesTypes(process) ? [`- **Type:** ${incident.type ? typeDefinition(process, incident.type).label : '—'}`] : []),
    `- **Reported:** ${iso(incident.reportTime)}`,
    `- **Started:** ${iso(incident.startTime)}`,
    `- **Ended:** ${incident.endTime ? iso(incident.endTime) : 'ongoing'}`,
    `- **Duration:** ${formatDuration(durationSeconds(incident, ctx.clock.now()))}`,
    `- **Reporter:** ${person(incident.reporter)}`,
    // Every configured role, held or not (a review asks who did what), then any held role no longer configured.
    ...roles.map((r) => `- **${r.name}:** ${person(incident.roles.find((held) => held.role === r.key)?.user ?? null)}`),
    ...incident.roles.filter((held) => !roles.some((r) => r.key === held.role)).map((held) => `- **${held.name}:** ${person(held.user)}`),
    ...(incident.commsChannel ? [`- **Comms channel:** #${incident.commsChannel.channelName}`] : []),
    `- **Incident doc:** ${docUrl}`,
    '',
    '## Summary',
    '',
    incident.summary ? md(incident.summary) : '_No summary yet._',
    '',
    '## Impact',
    '',
    incident.impact ? md(incident.impact) : '_No impact recorded._',
    '',
    '## Status updates',
    '',
    ...(updates.length
      ? updates.flatMap((u) => [
          `- **${iso(u.postedAt)}** ${UPDATE_STATUS_LABEL[u.status].name}${u.postedBy ? ` (@${u.postedBy.displayName})` : ''}: ${u.message.replace(/\n/g, '\n  ')}`,
          ...(u.nextSteps ? [`  - Next steps: ${u.nextSteps.replace(/\n/g, '\n    ')}`] : []),
        ])
      : ['_No status updates were posted._']),
    '',
    '## People',
    '',
    ...(participants.length ? participants.map((p) => `- @${p.user.displayName}: ${p.messageCount} message${p.messageCount === 1 ? '' : 's'}`) : ['_No messages in the comms channel._']),
    '',
    '## Timeline',
    '',
    ...(timeline.length
      ? timeline.map((e) => {
          const author = e.eventType === 'slack_pin' && typeof e.metadata?.author === 'object' && e.metadata.author ? ` (@${(e.metadata.author as { display_name?: string }).display_name ?? 'someone'})` : '';
          return `- **${iso(e.timestamp)}**${author} ${md(e.text).replace(/\n/g, '\n  ')}`;
        })
      : ['_No timeline entries._']),
    ...(edits ? ['', `_${edits} edit${edits === 1 ? '' : 's'} of the title, summary, impact or times left out; the incident doc's "Everything" view lists ${edits === 1 ? 'it' : 'them'}._`] : []),
    '',
    '## Actions',
    '',
    ...(actions.length
      ? actions.map((a) => {
          const meta = [a.priority && `${a.priority} priority`, a.type, a.assignee && `@${a.assignee.displayName}`, a.dueDate && `due ${a.dueDate}`].filter(Boolean).join(', ');
          return `- [${a.done ? 'x' : ' '}] ${md(a.details) || '_(no details)_'}${meta ? ` (${meta})` : ''}`;
        })
      : ['_No follow-up actions._']),
    '',
  ];
  return lines.join('\n');
}
