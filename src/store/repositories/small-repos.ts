import { and, asc, desc, eq, exists, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type {
  ApiToken,
  ChangeLogRepo,
  CommsChannelRepo,
  DedupeRepo,
  HeadlinePostRepo,
  OutboxRepo,
  ParticipantRepo,
  ChannelMemberRepo,
  TokenRepo,
} from '../../core/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { rowsOf } from './raw-rows.js';
import { apiTokens, channelMembers, commsChannels, events, headlinePosts, outbox, participants, slackProcessedEvents, users } from '../schema.js';

export function changeLogRepo(db: Db): ChangeLogRepo {
  return {
    async append(e) {
      await db.insert(events).values(e);
    },
    async list(from, to, limit, cursor, visibility) {
      const where = [];
      // Rows of private incidents only for those who may see the incident (core/shared/authorize.ts, same rule as incident lists).
      if (visibility.private === 'none') {
        where.push(sql`not exists (select 1 from incidents i where i.id = ${events.incidentId} and i.private)`);
      } else if (visibility.private === 'person') {
        const slackId = visibility.slackId;
        where.push(sql`not exists (
          select 1 from incidents i
          left join users r on r.id = i.reporter_id
          left join users l on l.id = i.lead_id
          where i.id = ${events.incidentId} and i.private
            and r.slack_id is distinct from ${slackId} and l.slack_id is distinct from ${slackId}
            and not exists (select 1 from participants p join users u on u.id = p.user_id where p.incident_id = i.id and u.slack_id = ${slackId})
            and not exists (select 1 from channel_members m join users u on u.id = m.user_id where m.incident_id = i.id and u.slack_id = ${slackId}))`);
      }
      if (from) where.push(gte(events.timestamp, from));
      if (to) where.push(lte(events.timestamp, to));
      if (cursor) where.push(gt(events.id, decodeCursor(cursor, ['number'])[0] as number));
      const rows = await db
        .select()
        .from(events)
        .where(and(...where))
        .orderBy(asc(events.id))
        .limit(limit + 1);
      return toPage(rows, limit, (r) => r, (r) => [r.id]);
    },
  };
}

/** The first key of the per-incident advisory locks taken while enqueueing (the second is the incident id). */
const OUTBOX_INCIDENT_LOCK = 0x0b0c;

export function outboxRepo(db: Db): OutboxRepo {
  return {
    async enqueue(topic, payload, incidentId, availableAt) {
      // One incident's events are numbered in commit order: a second transaction for the incident waits
      // here until the first commits, so its row's id (taken below) is the higher one. The dispatcher
      // delivers an incident's events by id (outbox-queue-repo.ts).
      if (incidentId !== null) await db.execute(sql`select pg_advisory_xact_lock(${OUTBOX_INCIDENT_LOCK}::int, ${incidentId}::int)`);
      await db.insert(outbox).values({ topic, payload, incidentId, ...(availableAt ? { availableAt } : {}) });
    },
  };
}

export function commsChannelRepo(db: Db): CommsChannelRepo {
  return {
    async attach(incidentId, channel, now) {
      await db.insert(commsChannels).values({ incidentId, ...channel, createdAt: now });
    },
    async rename(channelId, channelName) {
      await db.update(commsChannels).set({ channelName }).where(eq(commsChannels.channelId, channelId));
    },
    async get(incidentId) {
      const [row] = await db.select().from(commsChannels).where(eq(commsChannels.incidentId, incidentId));
      return row ? { channelId: row.channelId, channelName: row.channelName, createdAt: row.createdAt } : null;
    },
  };
}

export function headlinePostRepo(db: Db): HeadlinePostRepo {
  return {
    async get(incidentId) {
      const [row] = await db.select().from(headlinePosts).where(eq(headlinePosts.incidentId, incidentId));
      return row ? { incidentId: row.incidentId, channelId: row.channelId, messageTs: row.messageTs } : null;
    },
    async save(post) {
      await db
        .insert(headlinePosts)
        .values(post)
        .onConflictDoUpdate({ target: headlinePosts.incidentId, set: { channelId: post.channelId, messageTs: post.messageTs } });
    },
  };
}

export function channelMemberRepo(db: Db): ChannelMemberRepo {
  return {
    async add(incidentId, userId, at) {
      await db.insert(channelMembers).values({ incidentId, userId, joinedAt: at }).onConflictDoNothing();
    },
    async remove(incidentId, userId) {
      await db.delete(channelMembers).where(and(eq(channelMembers.incidentId, incidentId), eq(channelMembers.userId, userId)));
    },
    async isInChannelOrPosted(incidentId, slackId) {
      // One indexed lookup each (both primary keys start with incident_id), in one round trip.
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.slackId, slackId),
            or(
              exists(db.select({ one: sql`1` }).from(channelMembers).where(and(eq(channelMembers.incidentId, incidentId), eq(channelMembers.userId, users.id)))),
              exists(db.select({ one: sql`1` }).from(participants).where(and(eq(participants.incidentId, incidentId), eq(participants.userId, users.id)))),
            ),
          ),
        )
        .limit(1);
      return rows.length > 0;
    },
  };
}

export function participantRepo(db: Db): ParticipantRepo {
  return {
    async recordMessageBySlackId(incidentId, slackId, at) {
      const [counted] = await recordMessagesBySlackId(db, [{ incidentId, slackId, at }]);
      return counted ?? false;
    },
    async top(incidentId, limit) {
      const rows = await db
        .select({ p: participants, u: { id: users.id, slackId: users.slackId, displayName: users.displayName, fullName: users.fullName } })
        .from(participants)
        .innerJoin(users, eq(users.id, participants.userId))
        .where(eq(participants.incidentId, incidentId))
        .orderBy(desc(participants.messageCount), asc(participants.firstMessageAt))
        .limit(limit);
      return rows.map((r) => ({ user: r.u, firstMessageAt: r.p.firstMessageAt, messageCount: r.p.messageCount }));
    },
  };
}

const toToken = (r: typeof apiTokens.$inferSelect): ApiToken => ({ id: r.id, name: r.name, teamId: r.teamId, createdAt: r.createdAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt });

export function tokenRepo(db: Db): TokenRepo {
  return {
    async insert(name, tokenHash, createdById, teamId, now) {
      const [row] = await db.insert(apiTokens).values({ name, tokenHash, createdById, teamId, createdAt: now }).returning();
      return toToken(row as typeof apiTokens.$inferSelect);
    },
    async findActiveByHash(tokenHash) {
      const [row] = await db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      return row ? toToken(row) : null;
    },
    async touch(id, now) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
    },
    async list() {
      return (await db.select().from(apiTokens).orderBy(asc(apiTokens.name))).map(toToken);
    },
    async revoke(name, now) {
      const rows = await db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id });
      return rows.length > 0;
    },
    async getByName(name) {
      const [row] = await db.select().from(apiTokens).where(eq(apiTokens.name, name));
      return row ? toToken(row) : null;
    },
  };
}

export function dedupeRepo(db: Db): DedupeRepo {
  return {
    async claim(key) {
      const [claimed] = await claimMany(db, [key]);
      return claimed ?? false;
    },
  };
}

/** Claims many keys in one statement; true for each key claimed here (a key repeated in the batch is claimed once). */
export async function claimMany(db: Db, keys: string[]): Promise<boolean[]> {
  // Sorted: two batches that share keys (concurrent Slack retries) take their locks in one order.
  const unique = [...new Set(keys)].sort();
  const rows = await db
    .insert(slackProcessedEvents)
    .values(unique.map((key) => ({ key })))
    .onConflictDoNothing()
    .returning({ key: slackProcessedEvents.key });
  const won = new Set(rows.map((r) => r.key));
  return keys.map((key) => won.delete(key));
}

export interface MessageToCount {
  incidentId: number;
  slackId: string;
  at: Date;
}

/**
 * Counts many messages in one statement: messages by the same person in the same incident are
 * added up first (one statement may not update a row twice), and authors are found by Slack id
 * inside the statement. False for messages whose author is not stored yet (nothing written).
 */
export async function recordMessagesBySlackId(db: Db, messages: MessageToCount[]): Promise<boolean[]> {
  const groups = new Map<string, { incidentId: number; slackId: string; first: Date; last: Date; count: number }>();
  for (const m of messages) {
    const key = `${m.incidentId}:${m.slackId}`;
    const g = groups.get(key);
    if (!g) groups.set(key, { incidentId: m.incidentId, slackId: m.slackId, first: m.at, last: m.at, count: 1 });
    else {
      g.count += 1;
      if (m.at < g.first) g.first = m.at;
      if (m.at > g.last) g.last = m.at;
    }
  }
  const values = sql.join(
    [...groups.values()].map((g) => sql`(${g.incidentId}::int, ${g.slackId}::text, ${g.first.toISOString()}::timestamptz, ${g.last.toISOString()}::timestamptz, ${g.count}::int)`),
    sql`, `,
  );
  const counted = await rowsOf<{ incident_id: number; slack_id: string }>(
    db,
    sql`with v (incident_id, slack_id, first_at, last_at, n) as (values ${values}),
        counted as (
          insert into participants (incident_id, user_id, first_message_at, last_message_at, message_count)
          select v.incident_id, u.id, v.first_at, v.last_at, v.n from v join users u on u.slack_id = v.slack_id
          -- Rows in key order: two batches in flight at once lock the same rows in the same order (no deadlock).
          order by v.incident_id, u.id
          on conflict (incident_id, user_id) do update set
            message_count = participants.message_count + excluded.message_count,
            first_message_at = least(participants.first_message_at, excluded.first_message_at),
            last_message_at = greatest(participants.last_message_at, excluded.last_message_at)
          returning incident_id, user_id
        )
        select counted.incident_id, u.slack_id from counted join users u on u.id = counted.user_id`,
  );
  const found = new Set(counted.map((r) => `${Number(r.incident_id)}:${r.slack_id}`));
  return messages.map((m) => found.has(`${m.incidentId}:${m.slackId}`));
}

