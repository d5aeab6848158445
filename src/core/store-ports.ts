import type { ActionRepo, IssueProvider } from './action/ports.js';
import type { CompatReadRepo } from './compat/ports.js';
import type { ChannelMemberRepo, CommsChannelRepo, HeadlinePostRepo } from './channel/ports.js';
import type { ChangeLogRepo } from './event/ports.js';
import type { DedupeRepo, IdempotencyRepo, SlackEffectRepo } from './idempotency/ports.js';
import type { IncidentRepo } from './incident/ports.js';
import type { OutboxRepo } from './outbox/ports.js';
import type { ParticipantRepo } from './participant/ports.js';
import type { PluginDataRepo } from './plugin-data/ports.js';
import type { PostmortemRepo } from './postmortem/ports.js';
import type { RoleRepo } from './role/ports.js';
import type { IncidentProcess } from './shared/incident-process.js';
import type { Permissions } from './shared/permissions.js';
import type { StatusUpdateRepo } from './status-update/ports.js';
import type { PublicIncidentRepo, PublishingSettings } from './status-page/ports.js';
import type { TimelineRepo } from './timeline/ports.js';
import type { TokenRepo } from './token/ports.js';
import type { UserRepo } from './user/ports.js';

// What ties the aggregates' ports together: the repositories a verb reaches through one transaction,
// and what every verb is handed. Each aggregate's entities and repository live in its own ports.ts.

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
  statusUpdates: StatusUpdateRepo;
  roles: RoleRepo;
  /** Reads for the original Response's REST API (`/core/…`): offset pages with counts. */
  compat: CompatReadRepo;
  postmortems: PostmortemRepo;
  /** Plugins' own key-value data (the SDK's `ctx.data`). */
  pluginData: PluginDataRepo;
  /** The status page's published incidents. */
  publicIncidents: PublicIncidentRepo;
}

export interface Store extends Tx {
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export interface CoreDeps {
  store: Store;
  /** Who may close, reopen, change severity or lead, delete timeline entries, declare private incidents, manage tokens (defaults: DEFAULT_PERMISSIONS). */
  permissions?: Permissions;
  /** Roles, status update cadence, reactions, follow-ups (default: DEFAULT_INCIDENT_PROCESS; read it with incidentProcessOf). */
  process?: IncidentProcess;
  /** The issue trackers that are configured (Jira, Linear): follow-ups can be sent only to these (default: none). */
  issueTrackers?: readonly IssueProvider[];
  /** What may be published to the status page (its components); absent: publishing is off (no status page configured). */
  publishing?: PublishingSettings;
}
