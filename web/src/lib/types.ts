/** The REST API's shapes, as the UI reads them (snake_case, ISO-8601 UTC times). */
export const SEVERITIES = ['critical', 'major', 'minor', 'trivial'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const STATUSES = ['reported', 'investigating', 'identified', 'monitoring', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const ACTION_TYPES = ['detective', 'preventative', 'corrective'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface UserRef {
  slack_id: string;
  display_name: string;
  full_name: string | null;
}

export interface User extends UserRef {
  email: string | null;
  deleted: boolean;
}

export interface CommsChannel {
  channel_id: string;
  channel_name: string;
  team_id: string | null;
  url: string;
}

export interface Incident {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  status: Status;
  report_only: boolean;
  private: boolean;
  reporter: UserRef | null;
  lead: UserRef | null;
  report_time: string;
  start_time: string;
  end_time: string | null;
  duration_seconds: number;
  comms_channel: CommsChannel | null;
  doc_url: string;
  created_at: string;
  updated_at: string;
}

export interface Action {
  id: number;
  incident_id: number;
  details: string;
  done: boolean;
  done_at: string | null;
  due_date: string | null;
  priority: Priority | null;
  type: ActionType | null;
  logged_by: UserRef | null;
  assignee: UserRef | null;
  created_at: string;
  updated_at: string;
}

export interface TimelineEntry {
  id: number;
  incident_id: number;
  timestamp: string;
  text: string;
  event_type: string;
  /** False for bookkeeping (edits of the title, summary, impact, times): the doc's "Key events" view leaves those out. */
  key_event: boolean;
  metadata: Record<string, unknown> | null;
  actor: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface Participant {
  user: UserRef | null;
  first_message_at: string;
  message_count: number;
}

export interface Page<T> {
  results: T[];
  next: string | null;
}

export interface Me {
  user: UserRef | null;
  is_admin: boolean;
  via: 'session' | 'token' | 'anonymous';
  login_required: boolean;
  /** What this person may do (the server's PERMISSION_* settings); the server checks again. */
  can: { declare_private: boolean; manage_api_tokens: boolean };
  /** Where the sandbox workspace is when Response runs beside it (`/sandbox`); null with a real Slack workspace. */
  sandbox_url?: string | null;
}

export interface ApiTokenInfo {
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type SeverityKey = Severity | 'none';

export interface Insights {
  from: string;
  to: string;
  per_week: ({ week: string; week_start: string } & Record<SeverityKey, number>)[];
  time_to_resolve: { severity: SeverityKey; count: number; median_seconds: number | null; p90_seconds: number | null }[];
  open_now: { severity: SeverityKey; count: number }[];
  busiest_leads: { user: UserRef; count: number }[];
}
