/** What a custom field holds once stored: text (also links, option keys, user ids, ISO times), a number, or option keys. */
export type CustomFieldValue = string | number | string[];
/** An incident's custom field values by field key; an unset field has no key. */
export type CustomFields = Record<string, CustomFieldValue>;

/** A severity key from the configured scale (`IncidentProcess.severities`; by default critical, major, minor, trivial). */
export type Severity = string;

export const STATUSES = ['reported', 'investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses a live incident moves between; `reported` is only for report-only incidents. */
export const LIVE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;

export const REPORT_MAX_LENGTH = 200;

export interface UserRef {
  id: number;
  slackId: string;
  displayName: string;
  fullName: string | null;
}

export interface CommsChannelRef {
  channelId: string;
  channelName: string;
  createdAt: Date;
}

/** Someone holding a role in an incident; `role` is the configured key (`lead`, `comms`, `scribe`). */
export interface IncidentRole {
  role: string;
  /** The configured name ("Communications lead"), or the key when the role is no longer configured. */
  name: string;
  user: UserRef;
}

export interface Incident {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  /** A type key from the configuration (`IncidentProcess.types`); null on incidents from before types. */
  type: string | null;
  status: Status;
  reportOnly: boolean;
  private: boolean;
  reporter: UserRef | null;
  lead: UserRef | null;
  /** Every assigned role, the lead included, in the configured order (roles no longer configured last). */
  roles: IncidentRole[];
  reportTime: Date;
  startTime: Date;
  endTime: Date | null;
  commsChannel: CommsChannelRef | null;
  /** Custom field values by key (response.config.ts `fields`); values of fields no longer configured are kept. */
  customFields: CustomFields;
  createdAt: Date;
  updatedAt: Date;
}

export function isResolved(incident: Pick<Incident, 'status' | 'endTime'>): boolean {
  return incident.status === 'resolved';
}

export function durationSeconds(incident: Pick<Incident, 'startTime' | 'endTime'>, now: Date): number {
  const end = incident.endTime ?? now;
  return Math.max(0, Math.floor((end.getTime() - incident.startTime.getTime()) / 1000));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Response's duration text: "2 hrs 5 mins", "1 day 3 hrs", or "42 secs" under a minute. */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds < 60) return plural(totalSeconds, 'sec', 'secs');
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const parts: string[] = [];
  if (days) parts.push(plural(days, 'day', 'days'));
  if (hours) parts.push(plural(hours, 'hr', 'hrs'));
  if (minutes && !days) parts.push(plural(minutes, 'min', 'mins'));
  return parts.join(' ') || plural(minutes, 'min', 'mins');
}
