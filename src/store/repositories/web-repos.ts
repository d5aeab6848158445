import { and, eq, gt, lt } from 'drizzle-orm';
import type { InsightsRepo } from '../../core/insights/ports.js';
import type { SessionRepo } from '../../core/session/ports.js';
import type { Db } from '../database.js';
import { appSecrets, oauthStates, webSessions } from '../schema.js';
import { insightsRepo } from './insights-repo.js';

/** The web UI's own tables: sessions, sign-in states, generated secrets; and the insights queries. */
export function webRepos(db: Db): { sessions: SessionRepo; insights: InsightsRepo } {
  return { sessions: sessionRepo(db), insights: insightsRepo(db) };
}

export { insightsRepo };

export function sessionRepo(db: Db): SessionRepo {
  return {
    async saveState(s) {
      await db.insert(oauthStates).values(s);
    },
    async takeState(stateHash, now) {
      const [row] = await db
        .delete(oauthStates)
        .where(eq(oauthStates.stateHash, stateHash))
        .returning({ nonce: oauthStates.nonce, returnTo: oauthStates.returnTo, expiresAt: oauthStates.expiresAt });
      return row && row.expiresAt > now ? { nonce: row.nonce, returnTo: row.returnTo } : null;
    },
    async create(idHash, s) {
      await db.insert(webSessions).values({ idHash, ...s });
    },
    async find(idHash, now) {
      const [row] = await db
        .select()
        .from(webSessions)
        .where(and(eq(webSessions.idHash, idHash), gt(webSessions.expiresAt, now)));
      return row ? { userId: row.userId, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt } : null;
    },
    async extend(idHash, lastSeenAt, expiresAt) {
      await db.update(webSessions).set({ lastSeenAt, expiresAt }).where(eq(webSessions.idHash, idHash));
    },
    async remove(idHash) {
      await db.delete(webSessions).where(eq(webSessions.idHash, idHash));
    },
    async purgeExpired(now) {
      const states = await db.delete(oauthStates).where(lt(oauthStates.expiresAt, now)).returning({ h: oauthStates.stateHash });
      const sessions = await db.delete(webSessions).where(lt(webSessions.expiresAt, now)).returning({ h: webSessions.idHash });
      return states.length + sessions.length;
    },
    async secret(name, candidate) {
      // Replicas starting together race here; the insert that loses does nothing and everyone reads the winner.
      await db.insert(appSecrets).values({ name, value: candidate }).onConflictDoNothing({ target: appSecrets.name });
      const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
      return row?.value ?? candidate;
    },
  };
}
