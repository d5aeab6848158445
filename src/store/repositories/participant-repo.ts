import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ParticipantRepo } from '../../core/participant/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';
import { participants, users } from '../schema.js';

export function participantRepo(db: Db): ParticipantRepo {
  return {
    async recordMessageBySlackId(incidentId, slackId, at) {
      const [counted] = await recordMessagesBySlackId(db, [{ incidentId, slackId, at }]);
      return counted ?? false;
    },
    async lastPosts(incidentId, slackId) {
      const [row] = await db
        .select({ last: participants.lastMessageAt, previous: participants.previousMessageAt })
        .from(participants)
        .innerJoin(users, eq(users.id, participants.userId))
        .where(and(eq(participants.incidentId, incidentId), eq(users.slackId, slackId)));
      return row ? { last: row.last, previous: row.previous } : null;
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
            last_message_at = greatest(participants.last_message_at, excluded.last_message_at),
            -- The post before the newest: a catch-up asked for with a message counts changes since the one before it.
            previous_message_at = case when excluded.last_message_at > participants.last_message_at then participants.last_message_at else participants.previous_message_at end
          returning incident_id, user_id
        )
        select counted.incident_id, u.slack_id from counted join users u on u.id = counted.user_id`,
  );
  const found = new Set(counted.map((r) => `${Number(r.incident_id)}:${r.slack_id}`));
  return messages.map((m) => found.has(`${m.incidentId}:${m.slackId}`));
}
