import type { Actor } from './shared/context.js';
import type { Permissions } from './shared/permissions.js';
import type { CommsChannelRef, Incident, Severity, Status, UserRef } from './incident/model.js';

export interface Page<T> {
  results: T[];
  next: string | null;
}

export interface IncidentFilter {
  status?: Status | 'open';
  severity?: Severity;
  q?: string;
  from?: Date;
  to?: Date;
  /** When set, private incidents are only listed if this user is in their channel (or is admin). */
  viewerSlackId?: string | null;
  viewerIsAdmin?: boolean;
}

export interface NewIncident {
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  status: Status;
  reportOnly: boolean;
  private: boolean;
  reporterId: number | null;
  leadId: number | null;
  reportTime: Date;
  startTime: Date;
}

export type IncidentChanges = Partial<{
  report: string;
  summary: string | null;
  impact: string | null;
  severity: Severity | null;
  status: Status;
  leadId: number | null;
  startTime: Date;
  endTime: Date | null;
  private: boolean;
}>;

export interface IncidentRepo {
  insert(row: NewIncident, now: Date): Promise<number>;
  get(id: number): Promise<Incident | null>;
  /** Locks the row for the rest of the transaction so concurrent changes serialise. */
  getForUpdate(id: number): Promise<Incident | null>;
  update(id: number, changes: IncidentChanges, now: Date): Promise<void>;
  list(filter: IncidentFilter, limit: number, cursor: string | null): Promise<Page<Incident>>;
  findByChannel(channelId: string): Promise<Incident | null>;
}

export interface User extends UserRef {
  email: string | null;
  deleted: boolean;
  isBot: boolean;
  isAdmin: boolean;
  refreshedAt: Date | null;
}

export interface UserProfile {
  slackId: string;
  displayName: string;
  fullName?: string | null;
  email?: string | null;
  deleted?: boolean;
  isBot?: boolean;
  isAdmin?: boolean;
}

export interface UserRepo {
  /** One row per Slack id however often the name changes. */
  upsert(profile: UserProfile, now: Date): Promise<User>;
  /** Creates a placeholder row for an id we have not looked up yet; keeps an existing row untouched. */
  ensure(slackId: string, now: Date): Promise<User>;
  getBySlackId(slackId: string): Promise<User | null>;
  getById(id: number): Promise<User | null>;
  list(q: string | undefined, limit: number, cursor: string | null): Promise<Page<User>>;
  staleSince(before: Date, limit: number): Promise<User[]>;
}

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];
export const ACTION_TYPES = ['detective', 'preventative', 'corrective'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export interface Action {
  id: number;
  incidentId: number;
  details: string;
  done: boolean;
  doneAt: Date | null;
  dueDate: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
  loggedBy: UserRef | null;
  assignee: UserRef | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ActionFields = {
  details: string;
  done: boolean;
  doneAt: Date | null;
  dueDate: string | null;
  priority: ActionPriority | null;
  type: ActionType | null;
  assigneeId: number | null;
};

export interface ActionRepo {
  insert(incidentId: number, fields: ActionFields & { loggedById: number | null }, now: Date): Promise<number>;
  get(incidentId: number, id: number): Promise<Action | null>;
  update(id: number, changes: Partial<ActionFields>, now: Date): Promise<void>;
  remove(id: number): Promise<void>;
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<Action>>;
}

export interface TimelineEntry {
  id: number;
  incidentId: number;
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: Record<string, unknown> | null;
  sourceKey: string | null;
  actor: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewTimelineEntry {
  timestamp: Date;
  text: string;
  eventType: string;
  metadata: Record<string, unknown> | null;
  sourceKey?: string | null;
  actor: Actor;
}

export interface TimelineRepo {
  /** Returns null when an entry with the same source key exists already. */
  insert(incidentId: number, entry: NewTimelineEntry, now: Date): Promise<number | null>;
  get(incidentId: number, id: number): Promise<TimelineEntry | null>;
  getBySourceKey(sourceKey: string): Promise<TimelineEntry | null>;
  update(id: number, changes: Partial<Pick<TimelineEntry, 'timestamp' | 'text' | 'metadata'>>, now: Date): Promise<void>;
  remove(id: number): Promise<void>;
  list(incidentId: number, limit: number, cursor: string | null): Promise<Page<TimelineEntry>>;
}

export interface ChangeLogEvent {
  id: number;
  timestamp: Date;
  eventType: string;
  incidentId: number | null;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/**
 * Which private incidents' rows a reader of the change log gets: all (admins), none (API tokens:
 * the log feeds external consumers, and private incidents never went there), or those of the
 * incidents a person is one of the people of (reporter, lead, channel member or poster).
 */
export type ChangeLogVisibility = { private: 'all' } | { private: 'none' } | { private: 'person'; slackId: string };

export interface ChangeLogRepo {
  append(event: Omit<ChangeLogEvent, 'id'>): Promise<void>;
  list(from: Date | undefined, to: Date | undefined, limit: number, cursor: string | null, visibility: ChangeLogVisibility): Promise<Page<ChangeLogEvent>>;
}

export interface OutboxMessage {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  incidentId: number | null;
  attempts: number;
  createdAt: Date;
}

export interface OutboxRepo {
  enqueue(topic: string, payload: Record<string, unknown>, incidentId: number | null, availableAt?: Date): Promise<void>;
}

export interface CommsChannelRepo {
  attach(incidentId: number, channel: { channelId: string; channelName: string }, now: Date): Promise<void>;
  rename(channelId: string, channelName: string): Promise<void>;
  get(incidentId: number): Promise<CommsChannelRef | null>;
}

export interface HeadlinePost {
  incidentId: number;
  channelId: string;
  messageTs: string | null;
}

export interface HeadlinePostRepo {
  get(incidentId: number): Promise<HeadlinePost | null>;
  save(post: HeadlinePost): Promise<void>;
}

export interface Participant {
  user: UserRef;
  firstMessageAt: Date;
  messageCount: number;
}

export interface ParticipantRepo {
  /** Counts a message by a user already stored; false (nothing written) when the Slack id is unknown. */
  recordMessageBySlackId(incidentId: number, slackId: string, at: Date): Promise<boolean>;
  top(incidentId: number, limit: number): Promise<Participant[]>;
}

/** Who is in an incident's comms channel now (from Slack's membership events). */
export interface ChannelMemberRepo {
  add(incidentId: number, userId: number, at: Date): Promise<void>;
  remove(incidentId: number, userId: number): Promise<void>;
  /** In the channel now, or has posted there: the people of a private incident (with its reporter and lead). */
  isInChannelOrPosted(incidentId: number, slackId: string): Promise<boolean>;
}

export interface ApiToken {
  id: number;
  name: string;
  /** The Slack workspace it was made in; null for tokens made with the CLI (valid wherever the data is served). */
  teamId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface TokenRepo {
  insert(name: string, tokenHash: string, createdById: number | null, teamId: string | null, now: Date): Promise<ApiToken>;
  findActiveByHash(tokenHash: string): Promise<ApiToken | null>;
  touch(id: number, now: Date): Promise<void>;
  list(): Promise<ApiToken[]>;
  revoke(name: string, now: Date): Promise<boolean>;
  getByName(name: string): Promise<ApiToken | null>;
}

export interface DedupeRepo {
  /** True the first time a key is seen; false for every later attempt (Slack retries, double clicks). */
  claim(key: string): Promise<boolean>;
}

/** What a creation verb finds when it claims its call's idempotency key (see `ctx.idempotencyKey`). */
export type IdempotencyClaim = { claimed: true } | { claimed: false; resultId: number | null };

export interface IdempotencyRepo {
  /** Inside the creating transaction: claimed now, or the result an earlier call with this key committed. */
  claim(key: string): Promise<IdempotencyClaim>;
  /** Records what the claimed call created (same transaction). */
  settle(key: string, resultId: number): Promise<void>;
}

/** What recording the intent of a Slack post found (slack/flows/post-once.ts). */
export type SlackEffectStart =
  /** Nothing was tried yet, or Slack refused the last try: post. */
  | { kind: 'fresh' }
  /** An earlier try may have posted (it crashed or got no answer): look for its key before posting. */
  | { kind: 'uncertain'; channelId: string; since: Date }
  /** Posted and recorded: nothing to do. */
  | { kind: 'done'; channelId: string; messageTs: string }
  /** Another worker's try is in flight (its lease has not run out). */
  | { kind: 'busy' };

/** Idempotency keys of Slack posts: the intent is recorded before the call and the message after it. */
export interface SlackEffectRepo {
  /** Records an attempt at `key`; a pending attempt younger than `leaseMs` makes this one `busy`. */
  begin(key: string, channelId: string, now: Date, leaseMs: number): Promise<SlackEffectStart>;
  complete(key: string, channelId: string, messageTs: string, now: Date): Promise<void>;
  /** The call failed: `refused` when Slack answered no (nothing was posted), `uncertain` when no answer came. */
  fail(key: string, outcome: 'refused' | 'uncertain'): Promise<void>;
  /**
   * Forgets a key whose message is gone (a deleted headline is posted again under the same key), only
   * while it still records that message: a new attempt another worker has begun is left alone.
   */
  forget(key: string, messageTs: string): Promise<void>;
}

/** Everything a core verb may touch inside one transaction. */
export interface Tx {
  incidents: IncidentRepo;
  users: UserRepo;
  actions: ActionRepo;
  timeline: TimelineRepo;
  changeLog: ChangeLogRepo;
  outbox: OutboxRepo;
  commsChannels: CommsChannelRepo;
  headlinePosts: HeadlinePostRepo;
  participants: ParticipantRepo;
  channelMembers: ChannelMemberRepo;
  tokens: TokenRepo;
  dedupe: DedupeRepo;
  idempotency: IdempotencyRepo;
  slackEffects: SlackEffectRepo;
}

export interface Store extends Tx {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface CoreDeps {
  store: Store;
  /** Who may close, reopen, change severity or lead, delete timeline entries, declare private incidents, manage tokens (defaults: DEFAULT_PERMISSIONS). */
  permissions?: Permissions;
}
