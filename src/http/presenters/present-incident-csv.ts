import { durationSeconds, formatDuration, type Incident, type UserRef } from '../../core/incident/model.js';
import { NO_SEVERITY, severityDefinition, typeDefinition, type IncidentProcess } from '../../core/shared/incident-process.js';
import { presentIncident, type PresentContext } from './present.js';
import { formatFieldValue } from '../../core/custom-field/format-value.js';

/** One column of the incident export: its header and how a row's cell is read from an incident. */
export interface CsvColumn {
  header: string;
  value(incident: Incident): string | number | boolean | null;
}

const person = (u: UserRef | null) => (u ? u.displayName : null);
const slackId = (u: UserRef | null) => (u ? u.slackId : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Every field of an incident, as the list's JSON carries it, flattened to columns. `extra` columns
 * follow the built-in ones: the seam for configured custom fields (one column per field, appended
 * by whoever wires them), so the built-in order never moves under a spreadsheet that reads it.
 */
export function incidentCsvColumns(process: IncidentProcess, c: PresentContext, extra: CsvColumn[] = []): CsvColumn[] {
  const links = (i: Incident) => presentIncident(i, c, null);
  return [
    { header: 'id', value: (i) => i.id },
    { header: 'report', value: (i) => i.report },
    { header: 'severity', value: (i) => i.severity },
    { header: 'severity_label', value: (i) => (i.severity ? severityDefinition(process, i.severity).label : NO_SEVERITY.label) },
    { header: 'type', value: (i) => i.type },
    { header: 'type_label', value: (i) => (i.type ? typeDefinition(process, i.type).label : null) },
    { header: 'status', value: (i) => i.status },
    { header: 'private', value: (i) => i.private },
    { header: 'report_only', value: (i) => i.reportOnly },
    { header: 'reporter', value: (i) => person(i.reporter) },
    { header: 'reporter_slack_id', value: (i) => slackId(i.reporter) },
    { header: 'lead', value: (i) => person(i.lead) },
    { header: 'lead_slack_id', value: (i) => slackId(i.lead) },
    // Every role in one cell ("Incident lead: Alice (U1); Scribe: Bob (U2)"), as the set of roles is configured.
    { header: 'roles', value: (i) => i.roles.map((r) => `${r.name}: ${r.user.displayName} (${r.user.slackId})`).join('; ') },
    { header: 'report_time', value: (i) => iso(i.reportTime) },
    { header: 'start_time', value: (i) => iso(i.startTime) },
    { header: 'end_time', value: (i) => iso(i.endTime) },
    { header: 'duration_seconds', value: (i) => durationSeconds(i, c.now) },
    { header: 'duration', value: (i) => formatDuration(durationSeconds(i, c.now)) },
    { header: 'comms_channel', value: (i) => (i.commsChannel ? `#${i.commsChannel.channelName}` : null) },
    { header: 'comms_channel_url', value: (i) => links(i).comms_channel?.url ?? null },
    { header: 'doc_url', value: (i) => links(i).doc_url },
    { header: 'summary', value: (i) => i.summary },
    { header: 'impact', value: (i) => i.impact },
    { header: 'created_at', value: (i) => iso(i.createdAt) },
    { header: 'updated_at', value: (i) => iso(i.updatedAt) },
    ...extra,
  ];
}

/**
 * One column per configured custom field (`field.<key>`), after the built-in ones: option labels for
 * selects, Slack ids for people, ISO times; values of fields no longer configured are left out.
 */
export function customFieldColumns(process: Pick<IncidentProcess, 'fields'>): CsvColumn[] {
  return process.fields.map((field) => ({
    header: `field.${field.key}`,
    value: (i: Incident) => {
      const v = i.customFields[field.key];
      if (v === undefined || v === null) return null;
      return field.kind === 'user' || field.kind === 'datetime' || field.kind === 'number' ? (Array.isArray(v) ? v.join(', ') : v) : formatFieldValue(field, v);
    },
  }));
}

/**
 * One RFC 4180 field. A text that a spreadsheet would read as a formula (it starts with = + - @,
 * or a tab or carriage return that some strip first) is prefixed with ' so it stays text: an
 * incident's title is anyone's input, and "=HYPERLINK(…)" in a report must not run when opened.
 */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A record with its CRLF line ending (RFC 4180). */
export const csvRecord = (cells: (string | number | boolean | null)[]) => `${cells.map(csvField).join(',')}\r\n`;
