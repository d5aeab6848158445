import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  slackId: varchar('slack_id', { length: 32 }).notNull().unique(),
  displayName: text('display_name').notNull(),
  fullName: text('full_name'),
  email: text('email'),
  deleted: boolean('deleted').notNull().default(false),
  isBot: boolean('is_bot').notNull().default(false),
  isAdmin: boolean('is_admin').notNull().default(false),
  refreshedAt: tstz('refreshed_at'),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

export const incidents = pgTable(
  'incidents',
  {
    id: serial('id').primaryKey(),
    report: varchar('report', { length: 200 }).notNull(),
    summary: text('summary'),
    impact: text('impact'),
    severity: text('severity'),
    /** A configured incident type's key (0013); null on incidents from before types. */
    type: text('type'),
    status: text('status').notNull(),
    reportOnly: boolean('report_only').notNull().default(false),
    private: boolean('private').notNull().default(false),
    reporterId: integer('reporter_id').references(() => users.id),
    leadId: integer('lead_id').references(() => users.id),
    reportTime: tstz('report_time').notNull(),
    startTime: tstz('start_time').notNull(),
    endTime: tstz('end_time'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /** Custom field values by key (0014), typed JSON; checked against the configuration by the verbs. */
    customFields: jsonb('custom_fields').$type<Record<string, string | number | string[]>>().notNull().default({}),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(report, '') || ' ' || coalesce(summary, '') || ' ' || coalesce(impact, ''))`,
    ),
  },
  (t) => [
    // Any key of the configured scale (0013); the verbs check new values against the configuration.
    check('incidents_severity_key_check', sql`${t.severity} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`),
    check('incidents_type_key_check', sql`${t.type} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`),
    check('incidents_custom_fields_object_check', sql`jsonb_typeof(${t.customFields}) = 'object'`),
    check('incidents_status_check', sql`${t.status} in ('reported', 'investigating', 'identified', 'monitoring', 'resolved')`),
    index('incidents_newest_idx').on(t.reportTime.desc(), t.id.desc()),
    index('incidents_status_newest_idx').on(t.status, t.reportTime.desc(), t.id.desc()),
    index('incidents_severity_newest_idx').on(t.severity, t.reportTime.desc(), t.id.desc()),
    index('incidents_type_newest_idx').on(t.type, t.reportTime.desc(), t.id.desc()),
    index('incidents_start_time_idx').on(t.startTime),
    index('incidents_lead_idx').on(t.leadId),
    index('incidents_search_idx').using('gin', t.search),
    index('incidents_custom_fields_idx').using('gin', t.customFields.op('jsonb_path_ops')),
  ],
);

export const commsChannels = pgTable('comms_channels', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id')
    .notNull()
    .unique()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  channelId: varchar('channel_id', { length: 32 }).notNull().unique(),
  channelName: varchar('channel_name', { length: 80 }).notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

export const headlinePosts = pgTable('headline_posts', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id')
    .notNull()
    .unique()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  channelId: varchar('channel_id', { length: 32 }).notNull(),
  messageTs: varchar('message_ts', { length: 32 }),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

export const actions = pgTable(
  'actions',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    details: text('details').notNull().default(''),
    done: boolean('done').notNull().default(false),
    doneAt: tstz('done_at'),
    dueDate: date('due_date', { mode: 'string' }),
    priority: text('priority'),
    type: text('type'),
    loggedById: integer('logged_by_id').references(() => users.id),
    assigneeId: integer('assignee_id').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /** `slack_message:<channel>:<ts>` when made from a message (✅): one message, one follow-up. */
    sourceKey: varchar('source_key', { length: 200 }),
    /** The source message's permalink. */
    sourceUrl: text('source_url'),
    /** The owner was sent the after-close DM listing it. */
    ownerNotifiedAt: tstz('owner_notified_at'),
    /** The owner was reminded that it is past due (cleared when the due date or owner changes). */
    pastDueRemindedAt: tstz('past_due_reminded_at'),
    /** The issue tracker (`jira`, `linear`) the follow-up is tracked in, once one was asked for. */
    issueProvider: varchar('issue_provider', { length: 16 }),
    /** The tracker's key for the issue (`OPS-12`, `ENG-7`) once created. */
    issueKey: varchar('issue_key', { length: 100 }),
    issueUrl: text('issue_url'),
    /** `requested` until the tracker made it, then `linked` (or `failed` when it refused for good). */
    issueState: varchar('issue_state', { length: 16 }),
  },
  (t) => [
    check('actions_priority_check', sql`${t.priority} in ('high', 'medium', 'low')`),
    check('actions_type_check', sql`${t.type} in ('detective', 'preventative', 'corrective')`),
    index('actions_incident_idx').on(t.incidentId, t.id),
    uniqueIndex('actions_source_key_idx').on(t.sourceKey),
    check('actions_issue_state_check', sql`${t.issueState} in ('requested', 'linked', 'failed')`),
    uniqueIndex('actions_issue_idx')
      .on(t.issueProvider, t.issueKey)
      .where(sql`${t.issueKey} is not null`),
    index('actions_past_due_idx')
      .on(t.dueDate, t.id)
      .where(sql`${t.done} = false and ${t.pastDueRemindedAt} is null and ${t.dueDate} is not null and ${t.assigneeId} is not null`),
  ],
);

export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    timestamp: tstz('timestamp').notNull(),
    text: text('text').notNull(),
    eventType: varchar('event_type', { length: 40 }).notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    /** Where the entry came from (e.g. `slack_pin:C123:1700000000.000100`); unique so a source is captured once. */
    sourceKey: text('source_key'),
    actor: jsonb('actor').$type<Record<string, unknown>>(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('timeline_events_source_key_idx').on(t.sourceKey),
    index('timeline_events_incident_time_idx').on(t.incidentId, t.timestamp, t.id),
  ],
);

export const participants = pgTable(
  'participants',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    firstMessageAt: tstz('first_message_at').notNull(),
    lastMessageAt: tstz('last_message_at').notNull(),
    /** The post before `last_message_at`: "what changed since you last posted", asked for in a post of its own. */
    previousMessageAt: tstz('previous_message_at'),
    messageCount: integer('message_count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] }), index('participants_incident_count_idx').on(t.incidentId, t.messageCount.desc())],
);

/**
 * Who is in an incident's comms channel now, as Slack's member_joined_channel / member_left_channel
 * events tell it. It decides who may see a private incident, with the reporter, the lead and the
 * people who have posted there.
 */
/** Roles held in an incident other than its lead (incidents.lead_id); one holder per role. */
export const incidentRoles = pgTable(
  'incident_roles',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 40 }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: tstz('assigned_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.role] })],
);

export const channelMembers = pgTable(
  'channel_members',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    joinedAt: tstz('joined_at').notNull(),
  },
  // The key serves every lookup ("is this person in incident N's channel"); nothing asks by user alone.
  (t) => [primaryKey({ columns: [t.incidentId, t.userId] })],
);

/** Append-only change log for external consumers (Response's `Event`). */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    timestamp: tstz('timestamp').notNull(),
    eventType: varchar('event_type', { length: 50 }).notNull(),
    incidentId: integer('incident_id'),
    actor: jsonb('actor').$type<Record<string, unknown>>().notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('events_timestamp_idx').on(t.timestamp, t.id)],
);

export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  name: varchar('name', { length: 100 }).notNull().unique(),
  tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
  /** Slack user who created the token from the web UI; null for CLI-made tokens. */
  createdById: integer('created_by_id').references(() => users.id),
  /** The Slack workspace it was made in (web UI); null for CLI-made tokens. Refused in any other workspace. */
  teamId: varchar('team_id', { length: 32 }),
  createdAt: tstz('created_at').notNull().defaultNow(),
  lastUsedAt: tstz('last_used_at'),
  revokedAt: tstz('revoked_at'),
});

/** Slack event ids (and interaction keys) already handled: Slack retries must not double effects. */
export const slackProcessedEvents = pgTable('slack_processed_events', {
  key: varchar('key', { length: 200 }).primaryKey(),
  receivedAt: tstz('received_at').notNull().defaultNow(),
});

/** Transactional outbox: side effects written with the change, delivered after commit. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: varchar('topic', { length: 100 }).notNull(),
    /** Null for a change as core wrote it; set on the copy fanned out to each subscriber, so each retries alone. */
    subscriber: varchar('subscriber', { length: 100 }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    incidentId: integer('incident_id'),
    availableAt: tstz('available_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    doneAt: tstz('done_at'),
    failedAt: tstz('failed_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('outbox_due_idx').on(t.availableAt, t.id).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
    // An incident's pending rows, for the dispatcher's "nothing earlier pending" check (per-incident order).
    index('outbox_pending_incident_idx').on(t.incidentId, t.id).where(sql`${t.doneAt} is null and ${t.failedAt} is null`),
  ],
);

/**
 * Progress of each notification (built-in reminder or plugin) per incident. Rows are created when
 * the comms channel is, claimed by `next_due_at` with FOR UPDATE SKIP LOCKED (so a sweep reads
 * only what is due, and replicas never take the same row), and completed rows drop out of the index.
 */
export const notificationSchedules = pgTable(
  'notification_schedules',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    key: varchar('key', { length: 200 }).notNull(),
    plugin: varchar('plugin', { length: 200 }).notNull(),
    /** Times something was posted: only these count towards the limit. */
    sent: integer('sent').notNull().default(0),
    nextDueAt: tstz('next_due_at').notNull(),
    lastSentAt: tstz('last_sent_at'),
    /** Consecutive failed runs (a Slack error, a throwing handler); reset by a successful run. */
    failures: integer('failures').notNull().default(0),
    /** Handler runs recorded (posted or declined): the occurrence number in the key of what a run posts. */
    runs: integer('runs').notNull().default(0),
    lastError: text('last_error'),
    completedAt: tstz('completed_at'),
    completedReason: varchar('completed_reason', { length: 40 }),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_schedules_incident_key_idx').on(t.incidentId, t.key),
    index('notification_schedules_due_idx').on(t.nextDueAt, t.id).where(sql`${t.completedAt} is null`),
  ],
);

/** Web sign-in sessions. The cookie carries a random id; only its SHA-256 is stored, so a database leak signs nobody in. */
export const webSessions = pgTable(
  'web_sessions',
  {
    idHash: varchar('id_hash', { length: 64 }).primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tstz('created_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('web_sessions_user_idx').on(t.userId), index('web_sessions_expires_idx').on(t.expiresAt)],
);

/** OpenID Connect `state` values in flight: single use (deleted when the callback takes them) and short-lived. */
export const oauthStates = pgTable(
  'oauth_states',
  {
    stateHash: varchar('state_hash', { length: 64 }).primaryKey(),
    nonce: varchar('nonce', { length: 64 }).notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('oauth_states_expires_idx').on(t.expiresAt)],
);

/** Secrets Response generates for itself (the cookie-signing key when SESSION_SECRET is unset), shared by every replica. */
export const appSecrets = pgTable('app_secrets', {
  name: varchar('name', { length: 100 }).primaryKey(),
  value: text('value').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * Every Slack delivery Response acknowledged (event, command, interaction), recorded with its
 * payload before the ack and handled from here: a crash, a throwing handler or a database blip
 * leaves it pending until a retry succeeds or it is parked as failed. `next_attempt_at` is the
 * lease while a replica handles it and the backoff after a failure; only pending rows are indexed
 * for the due query, so it costs what is due, not the history.
 */
export const inbox = pgTable(
  'inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Unique per delivery: `event:{event_id}`, `command:{trigger_id}`, the press, or the view and its values. */
    key: varchar('key', { length: 300 }).notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    /**
     * The body exactly as Slack sent it, as JSON text: jsonb refuses a NUL (`\u0000`) or a lone
     * surrogate inside a string, and a delivery we can't record is one Slack resends forever.
     */
    payload: text('payload').notNull(),
    status: varchar('status', { length: 10 }).$type<'pending' | 'done' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull(),
    lastError: text('last_error'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    doneAt: tstz('done_at'),
    failedAt: tstz('failed_at'),
  },
  (t) => [
    uniqueIndex('inbox_key_idx').on(t.key),
    index('inbox_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    index('inbox_failed_idx').on(t.failedAt, t.id).where(sql`${t.status} = 'failed'`),
    index('inbox_done_idx').on(t.doneAt).where(sql`${t.status} = 'done'`),
    check('inbox_status_check', sql`${t.status} in ('pending', 'done', 'failed')`),
  ],
);

/**
 * One row per creation made on behalf of a replayable delivery (`ctx.idempotencyKey`), written in
 * the creation's own transaction: a replay finds it and returns the earlier result instead of
 * creating a second action, timeline entry or incident.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  key: varchar('key', { length: 400 }).primaryKey(),
  resultId: bigint('result_id', { mode: 'number' }),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * Slack posts made once (slack/flows/post-once.ts): the intent is recorded under an idempotency key before the
 * call and the message's ts after it. A row left `pending` past its lease, or `uncertain`, may have posted: the
 * retry looks for the key in the channel's recent messages (message metadata) before posting again.
 */
export const slackEffects = pgTable('slack_effects', {
  key: varchar('key', { length: 200 }).primaryKey(),
  channelId: varchar('channel_id', { length: 40 }).notNull(),
  /** pending (a call in flight) · uncertain (it failed without an answer) · refused (Slack said no) · done */
  state: varchar('state', { length: 20 }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  firstAttemptAt: tstz('first_attempt_at').notNull(),
  attemptAt: tstz('attempt_at').notNull(),
  messageTs: varchar('message_ts', { length: 40 }),
  doneAt: tstz('done_at'),
});

/**
 * Status updates: the incident's public status as its people post it, newest first. The latest one
 * is the incident's latest public status; its `next_update_at` is when the next is due (the cadence).
 */
export const statusUpdates = pgTable(
  'status_updates',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    message: text('message').notNull(),
    nextSteps: text('next_steps'),
    nextUpdateAt: tstz('next_update_at'),
    postedById: integer('posted_by_id').references(() => users.id),
    actor: jsonb('actor').$type<Record<string, unknown>>(),
    postedAt: tstz('posted_at').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    /** Shown on the status page (and sent to Statuspage) with its own public wording, never `message`. */
    published: boolean('published').notNull().default(false),
    publicTitle: text('public_title'),
    publicBody: text('public_body'),
    /** Component key → impact (`degraded_performance`…) as of this update; `{}` when unpublished. */
    componentImpacts: jsonb('component_impacts').$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [
    check('status_updates_status_check', sql`${t.status} in ('investigating', 'identified', 'monitoring', 'resolved')`),
    index('status_updates_incident_posted_idx').on(t.incidentId, t.postedAt.desc(), t.id.desc()),
  ],
);

/**
 * The cadence's nudges already posted: one row per (incident, due time, level), so each due time is
 * nudged once as due and once as overdue, whichever replica's sweep gets there.
 */
export const statusUpdateNudges = pgTable(
  'status_update_nudges',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    dueAt: tstz('due_at').notNull(),
    level: varchar('level', { length: 10 }).notNull(),
    nudgedAt: tstz('nudged_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.dueAt, t.level] }), check('status_update_nudges_level_check', sql`${t.level} in ('due', 'overdue')`)],
);

/**
 * `import response`: which source row (of `kind`: incident, timeline_event, action, event) became
 * which of ours. A re-run finds what it made before, skips incidents whose fingerprint is unchanged,
 * and never overwrites an incident declared here that holds an original id.
 */
export const importSources = pgTable(
  'import_sources',
  {
    source: varchar('source', { length: 40 }).notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    incidentId: integer('incident_id'),
    fingerprint: text('fingerprint'),
    importedAt: tstz('imported_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.source, t.kind, t.sourceId] }),
    uniqueIndex('import_sources_target_idx').on(t.source, t.kind, t.targetId),
    index('import_sources_incident_idx').on(t.incidentId),
  ],
);

/**
 * An incident's postmortem as its people wrote it (started from the configured template). Absent
 * until someone starts it; `version` counts saves, so a save based on an older one is refused.
 */
export const postmortems = pgTable(
  'postmortems',
  {
    incidentId: integer('incident_id')
      .primaryKey()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    markdown: text('markdown').notNull(),
    state: text('state').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    updatedById: integer('updated_by_id').references(() => users.id),
    updatedByActor: jsonb('updated_by_actor').$type<Record<string, unknown>>(),
  },
  (t) => [check('postmortems_state_check', sql`${t.state} in ('draft', 'reviewed')`)],
);

/** Each plugin's own key-value store (`ctx.data`): a vendor's id for one of ours, and the like. */
export const pluginData = pgTable(
  'plugin_data',
  {
    plugin: text('plugin').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'plugin_data_pkey', columns: [t.plugin, t.key] })],
);

/**
 * Outgoing webhook endpoints (admins manage them). `secret` is the Standard Webhooks `whsec_…`
 * signing secret: it must be kept in clear to sign with, and is shown only on create and rotate.
 * `event_types` null means every type.
 */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  eventTypes: jsonb('event_types').$type<string[]>(),
  secret: text('secret').notNull(),
  includePrivate: boolean('include_private').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: tstz('created_at').notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/**
 * One event to one endpoint: unique per (endpoint, event), so a domain event delivered again to
 * the fan-out never doubles a delivery. `payload` is the exact body sent on every attempt.
 * Pending rows are claimed by `next_attempt_at` with FOR UPDATE SKIP LOCKED and leased.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    endpointId: integer('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    incidentId: integer('incident_id'),
    payload: text('payload').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    lastError: text('last_error'),
    lastAttemptAt: tstz('last_attempt_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_idx').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt, t.id).where(sql`${t.state} = 'pending'`),
    index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id),
    // Finished deliveries by age, for pruning the log.
    index('webhook_deliveries_finished_idx').on(t.finishedAt).where(sql`${t.state} <> 'pending'`),
    check('webhook_deliveries_state_check', sql`${t.state} in ('pending', 'succeeded', 'failed')`),
  ],
);

/** Every attempt of a delivery, for the delivery log (status code, timing, error). */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: bigint('delivery_id', { mode: 'number' })
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    attemptedAt: tstz('attempted_at').notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

/**
 * The status page's side of an incident that was published: its public title, its public status and
 * the component impacts of its latest published update. Private incidents never get one (the verb
 * refuses), and the page skips any incident made private afterwards.
 */
export const publicIncidents = pgTable(
  'public_incidents',
  {
    id: serial('id').primaryKey(),
    incidentId: integer('incident_id')
      .notNull()
      .unique()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    status: text('status').notNull(),
    componentImpacts: jsonb('component_impacts').$type<Record<string, string>>().notNull().default({}),
    startedAt: tstz('started_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
  },
  (t) => [
    check('public_incidents_status_check', sql`${t.status} in ('investigating', 'identified', 'monitoring', 'resolved')`),
    index('public_incidents_started_idx').on(t.startedAt.desc()),
  ],
);
