import { eq } from 'drizzle-orm';
import type { CommsChannelRepo } from '../../core/channel/ports.js';
import type { Db } from '../database.js';
import { commsChannels } from '../schema.js';

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
