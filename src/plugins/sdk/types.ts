import type { CustomFieldValue } from '../../core/custom-field/definitions.js';
import type { Button, KnownBlock, View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Incident, IncidentRole, Severity, Status } from '../../core/incident/model.js';
import type { RoleDefinition } from '../../core/shared/incident-process.js';
import type { Action, ActionIssue, IssueProvider } from '../../core/action/ports.js';
import type { TimelineEntry } from '../../core/timeline/ports.js';
import type { StatusUpdate, UpdateStatus } from '../../core/status-update/ports.js';
import type { ComponentStatus } from '../../core/status-page/ports.js';
import type { DomainEvent, DomainEventType } from '../../core/events/domain-events.js';
import type { CatchUp } from '../../core/catch-up/build-catch-up.js';

export type { Incident, IncidentRole, RoleDefinition, Severity, Status, Action, ActionIssue, IssueProvider, TimelineEntry, StatusUpdate, UpdateStatus, KnownBlock, View, Button, CatchUp };
export type {
  ActionFieldChange,
  ActionIssueSnapshot,
  ActionSnapshot,
  EventActor,
  EventRole,
  EventRoleHolder,
  EventUser,
  IncidentFieldChange,
  IncidentSnapshot,
  StatusUpdateSnapshot,
  TimelineEntryFieldChange,
  TimelineEntrySnapshot,
} from '../../core/events/domain-events.js';

/** A change to an incident, its timeline or its actions, as every consumer receives it (see docs/events.md). */
export type IncidentEvent<T extends IncidentEventType = IncidentEventType> = DomainEvent<T>;
/** `incident.declared`, `incident.updated`, `timeline.entry_added`, `action.completed`… */
export type IncidentEventType = DomainEventType;

/** A message as handlers send it: plain text, or Block Kit with fallback text. */
export type MessageContent = string | { text: string; blocks?: KnownBlock[] };

/** The incident as handlers see it: the stored record plus what people usually want from it. */
export interface IncidentView extends Incident {
  /** "2 hrs 5 mins" (running time so far, or until it ended). */
  duration: string;
  /** Link to the incident doc in the web UI. */
  docUrl: string;
  isResolved: boolean;
  /** How the severity shows, from the configured scale (a key no longer configured keeps its key as label); null without one. */
  severityLevel: SeverityLevel | null;
  /** The incident's type as people see it, when the team uses types (more than one configured); else null. `type` is the key. */
  incidentType: { key: string; label: string; configured: boolean } | null;
  /**
   * Its custom fields with a value, as people read them (option labels, `<@U…>` for a person), configured
   * ones in order and then values of fields no longer configured (`configured: false`). `customFields` has the raw values.
   */
  fieldValues: { key: string; label: string; text: string; showInHeadline: boolean; configured: boolean }[];
}

/** A severity as people see it: `{ key: 'critical', label: 'Critical', emoji: '⛈️', rank: 1 }`. */
export interface SeverityLevel {
  key: Severity;
  label: string;
  emoji: string;
  /** 1 is the most severe. */
  rank: number;
  /** False for a severity no longer in the config (old incidents keep theirs). */
  configured: boolean;
}

/** The core verbs a handler may use; every change is recorded as made by the plugin (and the acting user). */
export interface IncidentVerbs {
  /** `customFields`: values by field key (null clears one), checked against the configured fields; fields left out keep theirs. */
  update(
    changes: Partial<{ report: string; summary: string | null; impact: string | null; severity: Severity | null; status: Status; lead: string | null; customFields: Record<string, CustomFieldValue | null> }>,
  ): Promise<IncidentView>;
  close(): Promise<{ incident: IncidentView; closed: boolean }>;
  reopen(): Promise<{ incident: IncidentView; closed: boolean }>;
  addAction(details: string, fields?: { assignee?: string; priority?: 'high' | 'medium' | 'low'; dueDate?: string }): Promise<Action>;
  addTimelineEntry(text: string, at?: Date): Promise<TimelineEntry>;
  /** One of the incident's actions as it is now, or null when it is gone. */
  getAction(actionId: number): Promise<Action | null>;
  /**
   * Edits one of the incident's actions: `done: true` completes it (`action.completed`), `false`
   * reopens it; fields left out keep theirs, and an edit that changes nothing records nothing.
   */
  updateAction(actionId: number, changes: { details?: string; done?: boolean; assignee?: string | null; priority?: 'high' | 'medium' | 'low' | null; dueDate?: string | null }): Promise<Action>;
  /**
   * Asks for an action to be tracked as an issue in a configured tracker (`jira`, `linear`): the
   * tracker's integration makes it from the `action.issue_requested` event. A tracker that isn't
   * configured is a DomainError VALIDATION (field `provider`); an action already linked, CONFLICT.
   * `requested` is false when the same request was pending already.
   */
  requestActionIssue(actionId: number, provider: IssueProvider): Promise<{ action: Action; requested: boolean }>;
  /**
   * Records the issue a tracker made for an action (its key and link), for integrations. The same
   * issue again changes nothing (`linked: false`); a different one while linked is a CONFLICT.
   */
  linkActionIssue(actionId: number, issue: { provider: IssueProvider; key: string; url: string }): Promise<{ action: Action; linked: boolean }>;
  /** Records that the tracker refused a pending issue request for good (`reason` is shown on the timeline), for integrations. */
  failActionIssue(actionId: number, provider: IssueProvider, reason: string): Promise<Action>;
  /**
   * Posts a status update: `message` says what is happening now (required, at most 2800 characters),
   * `nextSteps` what happens next. The update is the incident's latest public status: a `status`
   * other than the incident's changes it (`resolved` needs the close permission). The next update is
   * due in `nextUpdateInMinutes` (1 to 1440; null: none promised; omitted: the severity's cadence).
   * Response posts it in the comms channel, the headline's thread and the severity's stakeholder
   * channel. Made once per event or Slack delivery being handled (a redelivery returns the first).
   * `publish` also puts it on the status page with its own public wording (`title`, required the
   * first time; `body`) and component impacts (`{ api: 'partial_outage' }`); private incidents refuse it.
   *
   * ```ts
   * await ctx.incidents.postStatusUpdate({ status: 'monitoring', message: 'The fix is deployed', nextSteps: 'Watch error rates', nextUpdateInMinutes: 30 });
   * ```
   */
  postStatusUpdate(update: {
    status: UpdateStatus;
    message: string;
    nextSteps?: string | null;
    nextUpdateInMinutes?: number | null;
    publish?: { title?: string | null; body: string; components?: Record<string, ComponentStatus> } | null;
  }): Promise<StatusUpdate>;
  /** Records that the comms channel was renamed (after `conversations.rename` succeeded), so the doc and timeline follow. */
  recordChannelRename(name: string): Promise<void>;
  /**
   * Gives a role to someone (a Slack user id), replacing its holder, or clears it (`null`). `role`
   * is a configured role key (`lead`, `comms`, `scribe`…; response.config.ts `roles`); an unknown
   * key throws a DomainError VALIDATION naming the known ones. The lead obeys the lead permission
   * (PERMISSION_CHANGE_LEAD); other roles may be given by anyone who may edit the incident. The
   * same holder again changes nothing (`changed: false`, no event); otherwise the timeline and the
   * `role.assigned`/`role.unassigned` event record it, and the new holder is invited to the comms
   * channel and sent the role's description and checklist.
   */
  assignRole(role: string, slackId: string | null): Promise<{ incident: IncidentView; changed: boolean }>;
  /** Re-reads the incident (after a change made elsewhere). */
  refresh(): Promise<IncidentView>;
  /**
   * What a catch-up says, from the incident's record, for the acting user: what changed since
   * `askedAt`'s author last posted in the channel (or the last 30 minutes), open actions, key events.
   */
  catchUp(askedAt?: Date): Promise<CatchUp>;
}

/** The person a command names, as `people.find` resolved it; `hint` says what to do when there is none. */
export type PersonMatch =
  | { found: true; slackId: string; name: string; by: 'mention' | 'name' }
  | { found: false; reason: 'not_found' | 'ambiguous' | 'deactivated' | 'not_a_person'; hint: string };

/** Finding people named in commands. */
export interface People {
  /**
   * `<@U…>` (checked with Slack) or a name or handle (`bob`, `@bob`, `Bob Okafor`) that matches
   * exactly one person. Commands that take a person answer the `hint` when nobody (or more than
   * one person) matches, rather than acting on someone else.
   */
  find(text: string): Promise<PersonMatch>;
}

/** What every handler gets. `say`/`reply`/`ephemeral` talk in the incident's comms channel (or where the event happened). */
export interface HandlerContext {
  incident: IncidentView;
  /** The Slack user who triggered this, or null for notifications. */
  user: { slackId: string } | null;
  /** Slack Web API client (bot token); prefer the helpers below. */
  client: WebClient;
  /** Post in the channel. Returns the message ts. */
  say(message: MessageContent): Promise<string | undefined>;
  /** Reply in the thread of the triggering message (or post in the channel when there is none). */
  reply(message: MessageContent): Promise<string | undefined>;
  /** A message only the acting user sees (no-op without one). */
  ephemeral(message: MessageContent): Promise<void>;
  /** Opens a modal; only possible while a trigger id from a command, button or shortcut is fresh. */
  openModal(view: View): Promise<void>;
  /**
   * Creates the incident's comms channel in Slack (or finishes setting up the one it has, and
   * returns it): the bot joins, the reporter, lead and `user` are invited, topic, welcome and doc
   * bookmark are set. Acts as the plugin on behalf of `user`, like `incidents`. A failure the user
   * can fix (a name taken, a missing scope) throws an Error whose message says what to do.
   */
  createCommsChannel(): Promise<IncidentView>;
  /**
   * Core verbs bound to this incident, acting as the plugin (on behalf of `user`, with that user's
   * rights: a change they may not make throws a DomainError FORBIDDEN and changes nothing).
   */
  incidents: IncidentVerbs;
  /** Finds the person a command names. */
  people: People;
  /** Queues one of this plugin's `tasks` for this incident (durable, retried; see PluginTask). */
  tasks: PluginTasks;
  /** This plugin's own durable key-value data (shared by all its handlers, across incidents). */
  data: PluginData;
  log: PluginLog;
}

export interface PluginLog {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/**
 * A plugin's own key-value data, kept in Response's database: what it must remember between a
 * request and the vendor's answer about it (a vendor's incident id for ours). Values are JSON.
 */
export interface PluginData {
  get<T = unknown>(key: string): Promise<T | null>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface PluginTasks {
  /**
   * Queues the task named `name` of this plugin with `payload` (JSON) for this incident. It runs
   * after this returns, from the outbox: at least once, retried with backoff when it throws, and in
   * order with the incident's other runs of the same task. Throws when the plugin has no such task.
   */
  enqueue(name: string, payload: Record<string, unknown>): Promise<void>;
}

/** What a command handler returns: nothing (handled), or `false`/a result to say it didn't understand. */
export type CommandResult = void | boolean | { handled: boolean; hint?: string };

export interface IncidentCommand {
  kind: 'command';
  /** The first name is the command; the rest are aliases (`['severity', 'sev']`). */
  names: string[];
  help: string;
  /** Shown in help after the names, e.g. `<critical|major|minor|trivial>`. */
  usage?: string;
  handler(ctx: HandlerContext & { args: string; messageTs: string }): Promise<CommandResult>;
}

export interface KeywordHandler {
  kind: 'keyword';
  /** Case-insensitive words or phrases (matched on word boundaries), or regular expressions. */
  keywords: (string | RegExp)[];
  handler(ctx: HandlerContext & { keyword: string; text: string; messageTs: string }): Promise<void>;
}

export interface EventHandler {
  kind: 'event';
  /** A Slack event type such as `reaction_added` or `member_joined_channel`. */
  eventType: string;
  /** `incident`: only events in incident channels (ctx.incident set); `everywhere`: all (incident may be null). */
  scope: 'incident' | 'everywhere';
  handler(ctx: Omit<HandlerContext, 'incident' | 'incidents' | 'tasks'> & { incident: IncidentView | null; incidents: IncidentVerbs | null; tasks: PluginTasks | null; event: Record<string, unknown> }): Promise<void>;
}

export interface ActionHandler {
  kind: 'action';
  actionId: string;
  handler(ctx: HandlerContext & { value: string | undefined; triggerId: string; messageTs: string | undefined; channelId: string | undefined; payload: Record<string, unknown> }): Promise<void>;
}

/** A modal submission: return field errors (block_id → message) to keep the modal open. */
export interface ViewHandler {
  kind: 'view';
  callbackId: string;
  handler(
    ctx: HandlerContext & { values: Record<string, Record<string, unknown>>; privateMetadata: string; payload: Record<string, unknown> },
  ): Promise<void | { errors: Record<string, string> }>;
}

export interface NotificationSchedule {
  /** Stable key stored with the schedule's progress; defaults to the plugin name + index. */
  key?: string;
  /** Minutes after the comms channel is created before the first run (single) or between runs (recurring). */
  intervalMinutes: number;
  /** Stop after this many posts (recurring only). */
  maxNotifications?: number;
  /** Only run while this holds (e.g. no lead yet); the schedule completes once it is false. */
  when?(incident: IncidentView): boolean;
  /** Only post inside these hours on weekdays, in the configured TIMEZONE (e.g. [9, 17]). */
  workingHours?: [number, number];
}

export interface Notification {
  kind: 'notification';
  recurring: boolean;
  schedule: NotificationSchedule;
  /** Post with `say`; return false when you decided not to post (the run is then not counted). */
  handler(ctx: HandlerContext): Promise<void | boolean>;
}

/** What an `onIncidentEvent` handler gets: the usual context (acting as the plugin, no user) and the event. */
export type IncidentEventContext<T extends IncidentEventType = IncidentEventType> = HandlerContext & {
  event: IncidentEvent<T>;
  /**
   * `<event id>:<plugin>`: the same on every redelivery of this event to this plugin. `ctx.say`,
   * `ctx.reply` and `ctx.incidents.addAction`/`addTimelineEntry` already use it to act once; use it
   * for effects of your own (an external call) that must not repeat.
   */
  idempotencyKey: string;
};

/**
 * Runs after a change to an incident is committed, whichever surface made it (Slack, the REST API,
 * the web UI, another plugin). Delivery is at least once: after a crash or a failure (a throw, a
 * timeout) the handler runs again for the same event, so it must tolerate redelivery. One
 * incident's events arrive in the order they were committed.
 */
export interface IncidentEventHandler<T extends IncidentEventType = IncidentEventType> {
  kind: 'incident_event';
  types: readonly T[];
  handler(ctx: IncidentEventContext<T>): Promise<void>;
}

/** What a task's handler gets: the incident's context (acting as the plugin, for the user who queued it) and the payload. */
export type TaskContext = HandlerContext & {
  payload: Record<string, unknown>;
  /** Attempts so far, this one included. */
  attempts: number;
  /** The same on every run of this queued task: key external effects with it so a retry doesn't repeat them. */
  idempotencyKey: string;
};

/**
 * Durable outgoing work, typically a vendor API call a person asked for (page someone, create an
 * issue). Queued with `ctx.tasks.enqueue` and run after the request is answered, through the
 * outbox: retried with backoff when the handler throws (an error with `permanent: true` gives up
 * at once; one with `retryAfterMs` waits at least that long), listed by `response outbox failed`
 * when it gives up. When a plugin with a `label` gives up, the incident's channel is told once.
 */
export interface PluginTask {
  kind: 'task';
  name: string;
  /** What the task does, in a few words, for the give-up notice ("page Payments"). */
  describe?(payload: Record<string, unknown>): string;
  handler(ctx: TaskContext): Promise<void>;
}

/** A request to `POST /webhooks/<name>`, as received (verify signatures over `rawBody`, the exact bytes). */
export interface WebhookRequest {
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
  receivedAt: Date;
}

/** Accepted, with the vendor's id for this delivery (a redelivery carries the same), or refused with a status and a reason. */
export type WebhookVerdict = { ok: true; deliveryId: string } | { ok: false; status: 400 | 401 | 403; message: string };

/** What a webhook handler gets. */
export interface WebhookContext {
  /** The body parsed as JSON (the raw text when it is not JSON). */
  body: unknown;
  headers: Record<string, string | undefined>;
  deliveryId: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** Incident `id`'s handler context, acting as this plugin; null when there is no such incident. */
  incident(id: number): Promise<HandlerContext | null>;
  data: PluginData;
  log: PluginLog;
}

/**
 * A vendor's webhook, served at `POST /webhooks/<name>` without sign-in: `verify` (the vendor's
 * signature over the exact bytes, its timestamp window) is its only guard and runs before anything
 * is stored. A verified delivery is recorded in the inbox under its `deliveryId` and answered at
 * once; the handler runs after, again from the inbox when it throws, and a redelivery of the same
 * id is answered without running it again.
 */
export interface IncomingWebhook {
  kind: 'webhook';
  /** URL-safe: lower-case letters, digits and `-`. */
  name: string;
  verify(request: WebhookRequest): WebhookVerdict;
  handler(ctx: WebhookContext): Promise<void>;
}

export interface HeadlineButton {
  kind: 'headline_button';
  /** Buttons are shown in ascending order (built-ins: 100 create channel, 200 edit, 300 close). */
  order: number;
  /** Show the button only when this holds. */
  when?(incident: IncidentView): boolean;
  button(incident: IncidentView): Button;
}

/**
 * Writes the catch-up's summary in words (`@incident catchup`, the "Catch me up" button), in place of
 * the built-in list. Use it to call a summarising service of your own; the built-in list is shown
 * when it returns undefined, throws or takes too long. What it returns is Slack mrkdwn.
 */
export interface CatchUpWriter {
  kind: 'catch_up_writer';
  write(ctx: { incident: IncidentView; catchUp: CatchUp; log: HandlerContext['log'] }): Promise<string | undefined>;
}

export interface Plugin {
  name: string;
  /** How notices name the plugin ("PagerDuty"); a plugin with a label tells the incident's channel when its tasks or event handlers give up. */
  label?: string;
  commands?: IncidentCommand[];
  keywords?: KeywordHandler[];
  events?: EventHandler[];
  actions?: ActionHandler[];
  views?: ViewHandler[];
  notifications?: Notification[];
  headlineButtons?: HeadlineButton[];
  /** Reactions to committed changes (`onIncidentEvent`). */
  incidentEvents?: IncidentEventHandler[];
  /** Writes catch-ups in words (`catchUpWriter`); the first registered plugin's writer is used. */
  catchUpWriter?: CatchUpWriter;
  /** Durable outgoing work queued with `ctx.tasks.enqueue`. */
  tasks?: PluginTask[];
  /** Vendors' webhooks, served at `POST /webhooks/<name>`. */
  webhooks?: IncomingWebhook[];
}
