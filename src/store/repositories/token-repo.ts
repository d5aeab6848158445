import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiToken, TokenRepo } from '../../core/token/ports.js';
import type { Db } from '../database.js';
import { apiTokens } from '../schema.js';

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
