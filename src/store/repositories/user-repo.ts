import { and, asc, eq, gt, ilike, lt, or, sql } from 'drizzle-orm';
import type { Page } from '../../core/shared/page.js';
import type { User, UserProfile, UserRepo } from '../../core/user/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { users } from '../schema.js';

type Row = typeof users.$inferSelect;
export const toUser = (r: Row): User => ({
  id: r.id,
  slackId: r.slackId,
  displayName: r.displayName,
  fullName: r.fullName,
  email: r.email,
  deleted: r.deleted,
  isBot: r.isBot,
  isAdmin: r.isAdmin,
  refreshedAt: r.refreshedAt,
});

export function userRepo(db: Db): UserRepo {
  return {
    async upsert(p: UserProfile, now: Date) {
      const values = {
        slackId: p.slackId,
        displayName: p.displayName,
        fullName: p.fullName ?? null,
        email: p.email ?? null,
        deleted: p.deleted ?? false,
        isBot: p.isBot ?? false,
        isAdmin: p.isAdmin ?? false,
        refreshedAt: now,
        updatedAt: now,
      };
      const [row] = await db
        .insert(users)
        .values(values)
        .onConflictDoUpdate({ target: users.slackId, set: { ...values, slackId: undefined } })
        .returning();
      return toUser(row as Row);
    },
    async ensure(slackId: string, now: Date) {
      // Read first: nearly every call (each message event counts its author) finds the user, and an
      // insert attempt is a write (and a sequence value) per call; `npm run bench` message events.
      const [found] = await db.select().from(users).where(eq(users.slackId, slackId));
      if (found) return toUser(found);
      // Placeholder name = the id, until Slack tells us better (refreshedAt stays null so the refresh picks it up).
      await db.insert(users).values({ slackId, displayName: slackId, createdAt: now, updatedAt: now }).onConflictDoNothing({ target: users.slackId });
      const [row] = await db.select().from(users).where(eq(users.slackId, slackId));
      return toUser(row as Row);
    },
    async getBySlackId(slackId) {
      const [row] = await db.select().from(users).where(eq(users.slackId, slackId));
      return row ? toUser(row) : null;
    },
    async getById(id) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ? toUser(row) : null;
    },
    async list(q, limit, cursor): Promise<Page<User>> {
      const conditions = [];
      if (q) {
        const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(users.displayName, pattern), ilike(users.fullName, pattern), ilike(users.slackId, pattern)));
      }
      if (cursor) {
        const [name, id] = decodeCursor(cursor, ['string', 'id']) as [string, number];
        conditions.push(or(gt(users.displayName, name), and(eq(users.displayName, name), gt(users.id, id))));
      }
      const rows = await db
        .select()
        .from(users)
        .where(and(...conditions))
        .orderBy(asc(users.displayName), asc(users.id))
        .limit(limit + 1);
      return toPage(rows, limit, toUser, (r) => [r.displayName, r.id]);
    },
    async staleSince(before, limit) {
      const rows = await db
        .select()
        .from(users)
        .where(or(sql`${users.refreshedAt} is null`, lt(users.refreshedAt, before)))
        .orderBy(asc(users.id))
        .limit(limit);
      return rows.map(toUser);
    },
  };
}
