import type { Incident, UserRef } from './model.js';

export interface FieldChange {
  updateType: string;
  oldValue: unknown;
  newValue: unknown;
  text: string;
  /** The custom field's key, for `custom_field` changes. */
  key?: string;
}

const mention = (u: UserRef) => `<@${u.slackId}>`;
const userValue = (u: UserRef | null) => (u ? { slack_id: u.slackId, display_name: u.displayName } : null);
const iso = (d: Date | null) => d?.toISOString() ?? null;

function textChange(field: 'report' | 'summary' | 'impact', before: string | null, after: string | null): FieldChange {
  // The report is called "Title" in every form (Slack's and the web UI's); the timeline says so too.
  const label = field === 'report' ? 'title' : field;
  const text = !before ? `Incident ${label} added: "${after ?? ''}"` : !after ? `Incident ${label} removed` : `Incident ${label} updated from "${before}" to "${after}"`;
  return { updateType: `incident_${field}`, oldValue: before, newValue: after, text };
}

/** The timeline wording of each field that differs between two versions of an incident. */
export function describeChanges(before: Incident, after: Incident): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of ['report', 'summary', 'impact'] as const) {
    if (before[field] !== after[field]) out.push(textChange(field, before[field], after[field]));
  }
  if (before.lead?.slackId !== after.lead?.slackId) {
    const text =
      before.lead && after.lead
        ? `Incident lead changed from ${mention(before.lead)} to ${mention(after.lead)}`
        : before.lead
          ? `${mention(before.lead)} was removed as incident lead`
          : `${mention(after.lead as UserRef)} was added as incident lead`;
    out.push({ updateType: 'incident_lead', oldValue: userValue(before.lead), newValue: userValue(after.lead), text });
  }
  if (before.severity !== after.severity) {
    const text = !after.severity
      ? 'Incident severity removed'
      : before.severity
        ? `Incident severity updated from ${before.severity} to ${after.severity}`
        : `Incident severity set to ${after.severity}`;
    out.push({ updateType: 'incident_severity', oldValue: before.severity, newValue: after.severity, text });
  }
  if (before.type !== after.type) {
    const text = before.type ? `Incident type changed from ${before.type} to ${after.type}` : `Incident type set to ${after.type}`;
    out.push({ updateType: 'incident_type', oldValue: before.type, newValue: after.type, text });
  }
  if (before.status !== after.status) {
    const text =
      after.status === 'resolved'
        ? 'Incident resolved'
        : before.status === 'resolved'
          ? `Incident reopened (status ${after.status})`
          : `Incident status changed from ${before.status} to ${after.status}`;
    out.push({ updateType: 'incident_status', oldValue: before.status, newValue: after.status, text });
  }
  if (before.startTime.getTime() !== after.startTime.getTime()) {
    out.push({ updateType: 'incident_start_time', oldValue: iso(before.startTime), newValue: iso(after.startTime), text: `Incident start time changed to ${iso(after.startTime)}` });
  }
  if (iso(before.endTime) !== iso(after.endTime) && before.status === after.status) {
    out.push({ updateType: 'incident_end_time', oldValue: iso(before.endTime), newValue: iso(after.endTime), text: `Incident end time changed to ${iso(after.endTime) ?? 'none'}` });
  }
  return out;
}
