import { and, eq, exists, or, sql } from 'drizzle-orm';
import type { ChannelMemberRepo } from '../../core/channel/ports.js';
import type { Db } from '../database.js';
import { channelMembers, participants, users } from '../schema.js';

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
