import { eq } from 'drizzle-orm';
import type { HeadlinePostRepo } from '../../core/channel/ports.js';
import type { Db } from '../database.js';
import { headlinePosts } from '../schema.js';

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
