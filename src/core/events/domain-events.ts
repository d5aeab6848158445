import type { CustomFieldValue } from '../custom-field/definitions.js';
import type { ActionPriority, ActionType, IssueProvider } from '../action/ports.js';
import type { Actor } from '../shared/context.js';
import type { Severity, Status } from '../incident/model.js';

/**
 * The domain events: one per committed change, written to the outbox in the change's transaction
 * and delivered after commit to every subscriber (the Slack headline, notices, reminders, plugins'
 * `onIncidentEvent`, later webhooks). This module is a public contract (docs/events.md lists the
 * same): a field may be added to a payload, never renamed, retyped or removed, without a new
 * `version`. Payloads are snake_case JSON, like the REST API.
 */

/** A person as events name them. */
export interface EventUser {
  slack_id: string;
  display_name: string;
  full_name: string | null;
}

/** Who made the change: the actor as the change log shows it, with a human label ("<@U…>", `API token "ci"`). */
export type EventActor = Actor & { label: string };

/** A role as events name it: its configured key and name (the key again when no longer configured). */
export interface EventRole {
  key: string;
  name: string;
}

/** Someone holding a role. */
export interface EventRoleHolder {
  role: string;
  name: string;
  user: EventUser;
}

/** The incident as it is after the change. */
export interface IncidentSnapshot {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  /** The configured type's key; null on incidents from before types. */
  type: string | null;
  status: Status;
  report_only: boolean;
  private: boolean;
  reporter: EventUser | null;
  lead: EventUser | null;
  /** Every assigned role, the lead included, in the configured order. */
  roles: EventRoleHolder[];
  /** ISO 8601 times. */
  report_time: string;
  start_time: string;
  end_time: string | null;
  comms_channel: { id: string; name: string } | null;
  /** Custom field values by key: text, a number, an option key or keys, a Slack user id, a link, an ISO 8601 time. */
  custom_fields: Record<string, CustomFieldValue>;
}

/** One changed field of an incident, with its value before and after. */
export type IncidentFieldChange =
  | { field: 'report'; old: string; new: string }
  | { field: 'summary' | 'impact'; old: string | null; new: string | null }
  | { field: 'lead'; old: EventUser | null; new: EventUser | null }
  | { field: 'severity'; old: Severity | null; new: Severity | null }
  | { field: 'type'; old: string | null; new: string | null }
  | { field: 'status'; old: Status; new: Status }
  | { field: 'start_time'; old: string; new: string }
  | { field: 'end_time'; old: string | null; new: string | null }
  /** A custom field (`key`) set, changed or cleared (null). */
  | { field: 'custom_field'; key: string; old: CustomFieldValue | null; new: CustomFieldValue | null };

export interface TimelineEntrySnapshot {
  id: number;
  /** When it happened (ISO 8601): a pinned message's own time, else what the author gave or the moment it was written. */
  timestamp: string;
  text: string;
  /** The entry's kind: `text` for hand-written ones unless the author named another, `slack_pin` for pinned messages. */
  event_type: string;
  metadata: Record<string, unknown> | null;
  /** `slack_pin`: a message pinned in the comms channel (pinning, unpinning, editing it); `written`: added through a verb. */
  origin: 'slack_pin' | 'written';
}

export type TimelineEntryFieldChange =
  | { field: 'text'; old: string; new: string }
  | { field: 'timestamp'; old: string; new: string }
  | { field: 'metadata'; old: Record<string, unknown> | null; new: Record<string, unknown> | null };

export interface ActionSnapshot {
  id: number;
  incident_id: number;
  details: string;
  done: boolean;
  done_at: string | null;
  /** YYYY-MM-DD. */
  due_date: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
  /** Slack ids. */
  logged_by: string | null;
  assignee: string | null;
  /** The Slack message it was made from (`slack_message:<channel>:<ts>` and its permalink), or null. */
  source: { key: string; url: string | null } | null;
  /** The Jira or Linear issue it is tracked in (`state` requested, linked or failed), or null. */
  issue: ActionIssueSnapshot | null;
}

/** A follow-up's issue in a tracker: key and url are null until the tracker made it. */
export interface ActionIssueSnapshot {
  provider: IssueProvider;
  key: string | null;
  url: string | null;
  state: 'requested' | 'linked' | 'failed';
}

export type ActionFieldChange =
  | { field: 'details'; old: string; new: string }
  | { field: 'done'; old: boolean; new: boolean }
  | { field: 'done_at' | 'due_date' | 'assignee'; old: string | null; new: string | null }
  | { field: 'priority'; old: ActionPriority | null; new: ActionPriority | null }
  | { field: 'type'; old: ActionType | null; new: ActionType | null };

/** A status update as events carry it. */
export interface StatusUpdateSnapshot {
  id: number;
  status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
  message: string;
  next_steps: string | null;
  /** ISO 8601; null when no next update is due. */
  next_update_at: string | null;
  posted_by: EventUser | null;
  /** ISO 8601. */
  posted_at: string;
  /** Whether it was published to the status page. */
  published: boolean;
  /** Its public part (what the status page and Statuspage show, never `message`); null when not published. */
  public: {
    /** The public incident's title. */
    title: string;
    body: string;
    /** Component key → operational | under_maintenance | degraded_performance | partial_outage | major_outage. */
    components: Record<string, 'operational' | 'under_maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage'>;
  } | null;
}

/** A postmortem as events carry it (its Markdown is read from the API: it can be long). */
export interface PostmortemSnapshot {
  state: 'draft' | 'reviewed';
  /** 1 when started, one more on every save. */
  version: number;
  /** ISO 8601. */
  updated_at: string;
  updated_by: EventUser | null;
  /** The Markdown's length. */
  characters: number;
}

/** Each event type's `data`. */
export interface DomainEventDataByType {
  /** A new incident (declared, or reported when `incident.report_only`). */
  'incident.declared': { incident: IncidentSnapshot };
  /** Fields changed, without closing or reopening it. */
  'incident.updated': { incident: IncidentSnapshot; changes: IncidentFieldChange[] };
  /** Status became `resolved` (with whatever else changed in the same edit). */
  'incident.resolved': { incident: IncidentSnapshot; changes: IncidentFieldChange[] };
  /** Status left `resolved`. */
  'incident.reopened': { incident: IncidentSnapshot; changes: IncidentFieldChange[] };
  /** Its Slack comms channel was created and linked. */
  'incident.comms_channel_attached': { incident: IncidentSnapshot; channel: { id: string; name: string } };
  /** Its comms channel was renamed (in Slack, or with `@incident rename`). */
  'incident.comms_channel_renamed': { incident: IncidentSnapshot; channel: { id: string; name: string; previous_name: string } };
  /** An entry written on its own (the API, the web doc, a plugin) or a message pinned in the comms channel. */
  'timeline.entry_added': { entry: TimelineEntrySnapshot };
  'timeline.entry_updated': { entry: TimelineEntrySnapshot; changes: TimelineEntryFieldChange[] };
  /** Deleted, or its pinned message unpinned; `entry` is as it was. */
  'timeline.entry_removed': { entry: TimelineEntrySnapshot };
  'action.created': { action: ActionSnapshot };
  /** Fields changed (including being ticked undone). */
  'action.updated': { action: ActionSnapshot; changes: ActionFieldChange[] };
  /** Ticked done (with whatever else changed in the same edit). */
  'action.completed': { action: ActionSnapshot; changes: ActionFieldChange[] };
  /** Deleted; `action` is as it was. */
  'action.removed': { action: ActionSnapshot };
  /** An open follow-up with an owner passed its due date (the owner is reminded once). */
  'action.past_due': { action: ActionSnapshot };
  /** Someone asked for the follow-up to be tracked as an issue in `provider` (the integration creates it). */
  'action.issue_requested': { action: ActionSnapshot; provider: IssueProvider };
  /** The follow-up's issue was made in its tracker: `action.issue` has its key and link. */
  'action.issue_linked': { action: ActionSnapshot; issue: { provider: IssueProvider; key: string; url: string } };
  /** The tracker refused to make the issue for good (`reason` says why); it may be asked for again. */
  'action.issue_failed': { action: ActionSnapshot; provider: IssueProvider; reason: string };
  /** A status update was posted; `incident` is as it is after it (its status follows the update's). */
  'status_update.posted': { incident: IncidentSnapshot; update: StatusUpdateSnapshot };
  /**
   * Someone now holds a role (the lead included, whichever edge set it); `previous` is whom they
   * replaced, or null when nobody held it.
   */
  'role.assigned': { incident: IncidentSnapshot; role: EventRole; user: EventUser; previous: EventUser | null };
  /** Nobody holds the role any more; `previous` held it. */
  'role.unassigned': { incident: IncidentSnapshot; role: EventRole; previous: EventUser };
  /** Someone started the incident's postmortem: the template, filled in, stored as a draft. */
  'postmortem.started': { incident: IncidentSnapshot; postmortem: PostmortemSnapshot };
  /** Its postmortem was edited and saved (`previous_state` differs from `postmortem.state` when the save moved a reviewed one back to draft). */
  'postmortem.saved': { incident: IncidentSnapshot; postmortem: PostmortemSnapshot; previous_state: 'draft' | 'reviewed' };
  /** Its postmortem was marked reviewed. */
  'postmortem.reviewed': { incident: IncidentSnapshot; postmortem: PostmortemSnapshot };
}

export type DomainEventType = keyof DomainEventDataByType;

/** Every type, in the order docs/events.md lists them. */
export const DOMAIN_EVENT_TYPES = [
  'incident.declared',
  'incident.updated',
  'incident.resolved',
  'incident.reopened',
  'incident.comms_channel_attached',
  'incident.comms_channel_renamed',
  'timeline.entry_added',
  'timeline.entry_updated',
  'timeline.entry_removed',
  'action.created',
  'action.updated',
  'action.completed',
  'action.removed',
  'action.past_due',
  'action.issue_requested',
  'action.issue_linked',
  'action.issue_failed',
  'status_update.posted',
  'role.assigned',
  'role.unassigned',
  'postmortem.started',
  'postmortem.saved',
  'postmortem.reviewed',
] as const satisfies readonly DomainEventType[];

/** The payload version every event carries; a breaking change to a payload makes a new one. */
export const DOMAIN_EVENT_VERSION = 1 as const;

/** One event as it is stored, delivered and (later) sent to webhooks. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: {
    /** Unique; the same on every redelivery of this event, so `id` + subscriber is an idempotency key. */
    id: string;
    type: K;
    version: typeof DOMAIN_EVENT_VERSION;
    /** When the change was made (ISO 8601). */
    occurred_at: string;
    incident_id: number;
    /** The incident is private: consumers that send events outside Response (webhooks) must filter on this. */
    private: boolean;
    actor: EventActor;
    data: DomainEventDataByType[K];
  };
}[T];

/** What a verb hands `recordChange`: the type, the incident it is about and the data (the rest is stamped on). */
export type DomainChange<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K; incident: { id: number; private: boolean }; data: DomainEventDataByType[K] };
}[T];

export const isDomainEventType = (type: string): type is DomainEventType => (DOMAIN_EVENT_TYPES as readonly string[]).includes(type);
