import type { CompatAction, CompatEvent, CompatIncident, CompatTimelineEntry, CompatUser } from '../../../core/compat/ports.js';
import { naiveLocal, naiveLocalOrNull } from './local-time.js';
import { humanReadable } from './slack-text.js';

// The original's serializers (response/core/serializers.py), field for field and in their order.

export interface OriginalUser {
  app_id: string;
  external_id: string;
  display_name: string;
  full_name: string | null;
  email: string | null;
  deleted: boolean;
}

const SEVERITY_NUMBER = { critical: '1', major: '2', minor: '3', trivial: '4' } as const;
/** The original numbered its four severities; a key of a team's own scale (docs/configuration.md) is shown as it is. */
function severityNumber(v: string): string;
function severityNumber(v: unknown): unknown;
function severityNumber(v: unknown): unknown {
  return typeof v === 'string' && v in SEVERITY_NUMBER ? SEVERITY_NUMBER[v as keyof typeof SEVERITY_NUMBER] : v;
}
const PRIORITY_NUMBER = { high: '1', medium: '2', low: '3' } as const;
const TYPE_NUMBER = { detective: '1', preventative: '2', corrective: '3' } as const;

export const presentOriginalUser = (u: CompatUser): OriginalUser => ({ app_id: 'slack', external_id: u.slackId, display_name: u.displayName, full_name: u.fullName, email: u.email, deleted: u.deleted });
const userOrNull = (u: CompatUser | null) => (u ? presentOriginalUser(u) : null);

/** People by Slack id, as the verbs hand them with a page. */
export const bySlackId = (people: CompatUser[]): Map<string, CompatUser> => new Map(people.map((p) => [p.slackId, p]));

export function presentOriginalAction(a: CompatAction, zone: string, people: Map<string, CompatUser> = new Map()) {
  return {
    id: a.id,
    details: a.details,
    done: a.done,
    user: userOrNull(a.user),
    details_ui: humanReadable(a.details, people),
    created_date: naiveLocal(a.createdAt, zone),
    done_date: naiveLocalOrNull(a.doneAt, zone),
    // The original's due date is a date-time; ours is a day, which it would print as its midnight.
    due_date: a.dueDate === null ? null : `${a.dueDate}T00:00:00`,
    priority: a.priority === null ? null : PRIORITY_NUMBER[a.priority],
    type: a.type === null ? null : TYPE_NUMBER[a.type],
  };
}

export function presentOriginalIncident(i: CompatIncident, zone: string, people: Map<string, CompatUser> = new Map()) {
  return {
    action_items: i.actionItems.map((a) => presentOriginalAction(a, zone, people)),
    comms_channel: i.commsChannel ? { channel_id: i.commsChannel.channelId, channel_name: i.commsChannel.channelName } : null,
    end_time: naiveLocalOrNull(i.endTime, zone),
    impact: i.impact,
    // The original's "closed" is an end time; our resolved incidents always have one.
    is_closed: i.endTime !== null || i.status === 'resolved',
    lead: userOrNull(i.lead),
    id: i.id,
    report: i.report,
    report_time: naiveLocal(i.reportTime, zone),
    report_only: i.reportOnly,
    reporter: userOrNull(i.reporter),
    severity: i.severity === null ? null : severityNumber(i.severity),
    start_time: naiveLocal(i.startTime, zone),
    summary: i.summary,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A person in timeline metadata as the original wrote it (a whole user). Imported entries carry the
 * original's fields already (beside our `slack_id`); ours name a Slack id, looked up in `people`.
 */
function originalPerson(value: unknown, people: Map<string, CompatUser>): unknown {
  if (!isRecord(value) || typeof value.slack_id !== 'string') return value;
  if (typeof value.app_id === 'string' && typeof value.external_id === 'string') {
    return { app_id: value.app_id, external_id: value.external_id, display_name: value.display_name ?? null, full_name: value.full_name ?? null, email: value.email ?? null, deleted: value.deleted ?? false };
  }
  const known = people.get(value.slack_id);
  if (known) return presentOriginalUser(known);
  return { app_id: 'slack', external_id: value.slack_id, display_name: value.display_name ?? value.slack_id, full_name: value.full_name ?? null, email: null, deleted: false };
}


function originalMetadata(entry: CompatTimelineEntry, people: Map<string, CompatUser>): Record<string, unknown> | null {
  const m = entry.metadata;
  if (!m) return m;
  const out: Record<string, unknown> = { ...m };
  if ('author' in out) out.author = originalPerson(out.author, people);
  if ('old_value' in out) out.old_value = originalPerson(out.old_value, people);
  if ('new_value' in out) out.new_value = originalPerson(out.new_value, people);
  // Ours name severities; the original numbered them in its incident_update entries.
  if (out.update_type === 'incident_severity') {
    out.old_value = severityNumber(out.old_value);
    out.new_value = severityNumber(out.new_value);
  }
  // A pin's permalink is ours alone; the original's pin metadata is author, message_ts, channel_id.
  if (entry.eventType === 'slack_pin') delete out.permalink;
  return out;
}

export function presentOriginalTimelineEvent(e: CompatTimelineEntry, zone: string, people: Map<string, CompatUser>) {
  return { id: e.id, timestamp: naiveLocal(e.timestamp, zone), text: e.text, event_type: e.eventType, metadata: originalMetadata(e, people), text_ui: humanReadable(e.text, people) };
}

/** A change-log row; rows imported from the original get their payload back as it was (without our import markers). */
export function presentOriginalEvent(e: CompatEvent, zone: string) {
  const { imported_from: from, source_event_id: _sourceId, ...rest } = e.payload;
  return { id: e.id, timestamp: naiveLocal(e.timestamp, zone), event_type: e.eventType, payload: from === 'response' ? rest : e.payload };
}
