import type { Store, Tx } from '../core/store-ports.js';
import type { Db } from './database.js';
import { actionRepo } from './repositories/action-repo.js';
import { idempotencyRepo } from './repositories/idempotency-repo.js';
import { incidentRepo } from './repositories/incident-repo.js';
import { changeLogRepo } from './repositories/change-log-repo.js';
import { channelMemberRepo } from './repositories/channel-member-repo.js';
import { commsChannelRepo } from './repositories/comms-channel-repo.js';
import { claimMany, dedupeRepo } from './repositories/dedupe-repo.js';
import { headlinePostRepo } from './repositories/headline-post-repo.js';
import { outboxRepo } from './repositories/outbox-repo.js';
import { pluginDataRepo } from './repositories/plugin-data-repo.js';
import { participantRepo, recordMessagesBySlackId, type MessageToCount } from './repositories/participant-repo.js';
import { tokenRepo } from './repositories/token-repo.js';
import { slackEffectRepo } from './repositories/slack-effect-repo.js';
import { statusUpdateRepo } from './repositories/status-update-repo.js';
import { timelineRepo } from './repositories/timeline-repo.js';
import { userRepo } from './repositories/user-repo.js';
import { roleRepo } from './repositories/role-repo.js';
import { compatReadRepo } from './repositories/compat-read-repo.js';
import { postmortemRepo } from './repositories/postmortem-repo.js';
import { publicIncidentRepo } from './repositories/public-incident-repo.js';
import type { RoleDefinition } from '../core/shared/incident-process.js';
import { DEFAULT_ROLE_DEFINITIONS } from '../core/role/incident-roles.js';
import { WriteBatcher } from './write-batcher.js';

export interface StoreHooks {
  /** Called after a commit that enqueued outbox messages, so delivery starts at once instead of at the next poll. */
  afterOutboxCommit?: () => void;
  /** The configured roles, which name and order every incident's `roles` (default: Response's three). */
  roles?: readonly RoleDefinition[];
}

function repos(db: Db, onEnqueue: () => void, roles: readonly RoleDefinition[]): Tx {
  const outbox = outboxRepo(db);
  return {
    incidents: incidentRepo(db, roles),
    users: userRepo(db),
    actions: actionRepo(db),
    timeline: timelineRepo(db),
    changeLog: changeLogRepo(db),
    outbox: {
      enqueue: async (...args) => {
        await outbox.enqueue(...args);
        onEnqueue();
      },
    },
    commsChannels: commsChannelRepo(db),
    headlinePosts: headlinePostRepo(db),
    participants: participantRepo(db),
    channelMembers: channelMemberRepo(db),
    tokens: tokenRepo(db),
    dedupe: dedupeRepo(db),
    idempotency: idempotencyRepo(db),
    slackEffects: slackEffectRepo(db),
    statusUpdates: statusUpdateRepo(db),
    roles: roleRepo(db),
    compat: compatReadRepo(db),
    postmortems: postmortemRepo(db),
    pluginData: pluginDataRepo(db),
    publicIncidents: publicIncidentRepo(db),
  };
}

/**
 * The store core sees: repositories over the pool, and transactions that hand out the same
 * repositories bound to one connection. Outside transactions, the two writes every Slack message
 * makes (claiming its event id, counting its author) are group-committed.
 */
export function createStore(db: Db, hooks: StoreHooks = {}): Store {
  const notify = () => hooks.afterOutboxCommit?.();
  const roles = hooks.roles ?? DEFAULT_ROLE_DEFINITIONS;
  const pooled = repos(db, notify, roles);
  const claims = new WriteBatcher((keys: string[]) => claimMany(db, keys));
  const messages = new WriteBatcher((items: MessageToCount[]) => recordMessagesBySlackId(db, items));
  return {
    ...pooled,
    dedupe: { claim: (key) => claims.add(key) },
    participants: { ...pooled.participants, recordMessageBySlackId: (incidentId, slackId, at) => messages.add({ incidentId, slackId, at }) },
    transaction: async (fn) => {
      let enqueued = false;
      const result = await db.transaction((tx) =>
        fn(
          repos(
            tx as unknown as Db,
            () => {
              enqueued = true;
            },
            roles,
          ),
        ),
      );
      if (enqueued) notify();
      return result;
    },
  };
}
