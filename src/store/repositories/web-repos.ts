import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { UserRef } from '../../core/incident/model.js';
import type { Insights, InsightsRepo, SeverityKey } from '../../core/insights/ports.js';
import type { SessionRepo } from '../../core/session/ports.js';
import type { Db } from '../database.js';
import { appSecrets, oauthStates, webSessions } from '../schema.js';
import { rowsOf } from './raw-rows.js';

/** The web UI's own tables: sessions, sign-in states, generated secrets; and the insights queries. */
export function webRepos(db: Db): { sessions: SessionRepo; insights: InsightsRepo } {
  return { sessions: sessionRepo(db), insights: insightsRepo(db) };
}

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

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Every query is bounded by `start_time` (incidents_start_time_idx) except "open now", which reads
 * the live statuses through incidents_status_newest_idx. `percentile_cont` gives true percentiles.
 */
export function insightsRepo(db: Db): InsightsRepo {
  return {
    async insights({ from, to }, leadLimit, severities): Promise<Insights> {
      const inRange = sql`start_time >= ${from.toISOString()}::timestamptz and start_time <= ${to.toISOString()}::timestamptz`;
      const [weeks, resolve, open, leads] = await Promise.all([
        rowsOf<{ week: string; week_start: string; severity: SeverityKey; n: number }>(
          db,
          sql`select to_char(date_trunc('week', start_time at time zone 'UTC'), 'IYYY-"W"IW') as week,
                     to_char(date_trunc('week', start_time at time zone 'UTC'), 'YYYY-MM-DD') as week_start,
                     coalesce(severity, 'none') as severity, count(*)::int as n
              from incidents where ${inRange}
              group by 1, 2, 3 order by 2`,
        ),
        rowsOf<{ severity: SeverityKey; n: number; median: unknown; p90: unknown }>(
          db,
          sql`select coalesce(severity, 'none') as severity, count(*)::int as n,
                     percentile_cont(0.5) within group (order by extract(epoch from end_time - start_time)::float8) as median,
                     percentile_cont(0.9) within group (order by extract(epoch from end_time - start_time)::float8) as p90
              from incidents where status = 'resolved' and end_time is not null and ${inRange}
              group by 1`,
        ),
        rowsOf<{ severity: SeverityKey; n: number }>(
          db,
          sql`select coalesce(severity, 'none') as severity, count(*)::int as n
              from incidents where status in ('reported', 'investigating', 'identified', 'monitoring')
              group by 1`,
        ),
        rowsOf<{ id: number; slack_id: string; display_name: string; full_name: string | null; n: number }>(
          db,
          sql`select u.id, u.slack_id, u.display_name, u.full_name, count(*)::int as n
              from incidents i join users u on u.id = i.lead_id
              where i.start_time >= ${from.toISOString()}::timestamptz and i.start_time <= ${to.toISOString()}::timestamptz
              group by u.id, u.slack_id, u.display_name, u.full_name
              order by n desc, u.display_name asc limit ${leadLimit}`,
        ),
      ]);

      // The configured scale, then any key found that is no longer configured, then no severity.
      const seen = [...weeks, ...resolve, ...open].map((r) => r.severity).filter((k) => k !== 'none' && !severities.includes(k));
      const KEYS: SeverityKey[] = [...new Set([...severities, ...seen.sort()]), 'none'];
      const zero = (): Record<SeverityKey, number> => Object.fromEntries(KEYS.map((k) => [k, 0]));
      const perWeek = new Map<string, { week: string; weekStart: string; counts: Record<SeverityKey, number> }>();
      for (const r of weeks) {
        const w = perWeek.get(r.week) ?? { week: r.week, weekStart: r.week_start, counts: zero() };
        w.counts[r.severity] = (w.counts[r.severity] ?? 0) + Number(r.n);
        perWeek.set(r.week, w);
      }
      const resolveBy = new Map(resolve.map((r) => [r.severity, r]));
      const openBy = new Map(open.map((r) => [r.severity, Number(r.n)]));
      return {
        perWeek: [...perWeek.values()],
        timeToResolve: KEYS.map((k) => {
          const r = resolveBy.get(k);
          return { severity: k, count: r ? Number(r.n) : 0, medianSeconds: r ? num(r.median) : null, p90Seconds: r ? num(r.p90) : null };
        }),
        openNow: KEYS.map((k) => ({ severity: k, count: openBy.get(k) ?? 0 })),
        busiestLeads: leads.map((l) => ({ user: { id: Number(l.id), slackId: l.slack_id, displayName: l.display_name, fullName: l.full_name } satisfies UserRef, count: Number(l.n) })),
      };
    },
  };
}
