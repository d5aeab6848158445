import type { Action } from '../action/ports.js';
import type { TimelineEntry } from '../timeline/ports.js';
import type { StatusUpdate } from '../status-update/ports.js';
import type { Incident, UserRef } from '../incident/model.js';
import type {
  ActionFieldChange,
  ActionSnapshot,
  EventUser,
  IncidentFieldChange,
  IncidentSnapshot,
  StatusUpdateSnapshot,
  TimelineEntryFieldChange,
  TimelineEntrySnapshot,
} from './domain-events.js';

import type { IncidentProcess } from '../shared/incident-process.js';
import { customFieldChanges } from '../custom-field/describe-field-changes.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const eventUser = (u: UserRef | null): EventUser | null => (u ? { slack_id: u.slackId, display_name: u.displayName, full_name: u.fullName } : null);

export function incidentSnapshot(incident: Incident): IncidentSnapshot {
  return {
    id: incident.id,
    report: incident.report,
    summary: incident.summary,
    impact: incident.impact,
    severity: incident.severity,
    type: incident.type,
    status: incident.status,
    report_only: incident.reportOnly,
    private: incident.private,
    reporter: eventUser(incident.reporter),
    lead: eventUser(incident.lead),
    roles: incident.roles.map((r) => ({ role: r.role, name: r.name, user: eventUser(r.user) as EventUser })),
    report_time: incident.reportTime.toISOString(),
    start_time: incident.startTime.toISOString(),
    end_time: iso(incident.endTime),
    comms_channel: incident.commsChannel ? { id: incident.commsChannel.channelId, name: incident.commsChannel.channelName } : null,
    custom_fields: incident.customFields,
  };
}

/** The fields that differ, in the order the timeline describes them (describe-changes.ts). */
export function incidentChanges(before: Incident, after: Incident, process: Pick<IncidentProcess, 'fields'> = { fields: [] }): IncidentFieldChange[] {
  const out: IncidentFieldChange[] = [];
  if (before.report !== after.report) out.push({ field: 'report', old: before.report, new: after.report });
  for (const field of ['summary', 'impact'] as const) if (before[field] !== after[field]) out.push({ field, old: before[field], new: after[field] });
  if (before.lead?.slackId !== after.lead?.slackId) out.push({ field: 'lead', old: eventUser(before.lead), new: eventUser(after.lead) });
  if (before.severity !== after.severity) out.push({ field: 'severity', old: before.severity, new: after.severity });
  if (before.type !== after.type) out.push({ field: 'type', old: before.type, new: after.type });
  if (before.status !== after.status) out.push({ field: 'status', old: before.status, new: after.status });
  if (before.startTime.getTime() !== after.startTime.getTime()) out.push({ field: 'start_time', old: before.startTime.toISOString(), new: after.startTime.toISOString() });
  if (iso(before.endTime) !== iso(after.endTime)) out.push({ field: 'end_time', old: iso(before.endTime), new: iso(after.endTime) });
  for (const c of customFieldChanges(process, before.customFields, after.customFields)) out.push({ field: 'custom_field', key: c.key, old: c.old, new: c.new });
  return out;
}

export function timelineEntrySnapshot(entry: TimelineEntry): TimelineEntrySnapshot {
  return {
    id: entry.id,
    timestamp: entry.timestamp.toISOString(),
    text: entry.text,
    event_type: entry.eventType,
    metadata: entry.metadata,
    origin: entry.sourceKey?.startsWith('slack_pin:') ? 'slack_pin' : 'written',
  };
}

export function timelineEntryChanges(before: TimelineEntry, after: TimelineEntry): TimelineEntryFieldChange[] {
  const out: TimelineEntryFieldChange[] = [];
  if (before.text !== after.text) out.push({ field: 'text', old: before.text, new: after.text });
  if (before.timestamp.getTime() !== after.timestamp.getTime()) out.push({ field: 'timestamp', old: before.timestamp.toISOString(), new: after.timestamp.toISOString() });
  if (JSON.stringify(before.metadata) !== JSON.stringify(after.metadata)) out.push({ field: 'metadata', old: before.metadata, new: after.metadata });
  return out;
}

export function actionSnapshot(action: Action): ActionSnapshot {
  return {
    id: action.id,
    incident_id: action.incidentId,
    details: action.details,
    done: action.done,
    done_at: iso(action.doneAt),
    due_date: action.dueDate,
    priority: action.priority,
    type: action.type,
    logged_by: action.loggedBy?.slackId ?? null,
    assignee: action.assignee?.slackId ?? null,
    source: action.source ? { key: action.source.key, url: action.source.url } : null,
    issue: action.issue ? { provider: action.issue.provider, key: action.issue.key, url: action.issue.url, state: action.issue.state } : null,
  };
}

export function actionChanges(before: Action, after: Action): ActionFieldChange[] {
  const a = actionSnapshot(before);
  const b = actionSnapshot(after);
  const out: ActionFieldChange[] = [];
  if (a.details !== b.details) out.push({ field: 'details', old: a.details, new: b.details });
  if (a.done !== b.done) out.push({ field: 'done', old: a.done, new: b.done });
  for (const field of ['done_at', 'due_date', 'assignee'] as const) if (a[field] !== b[field]) out.push({ field, old: a[field], new: b[field] });
  if (a.priority !== b.priority) out.push({ field: 'priority', old: a.priority, new: b.priority });
  if (a.type !== b.type) out.push({ field: 'type', old: a.type, new: b.type });
  return out;
}

export function statusUpdateSnapshot(update: StatusUpdate): StatusUpdateSnapshot {
  return {
    id: update.id,
    status: update.status,
    message: update.message,
    next_steps: update.nextSteps,
    next_update_at: update.nextUpdateAt?.toISOString() ?? null,
    posted_by: eventUser(update.postedBy),
    posted_at: update.postedAt.toISOString(),
    published: update.publication !== null,
    public: update.publication ? { title: update.publication.title, body: update.publication.body, components: { ...update.publication.components } } : null,
  };
}
