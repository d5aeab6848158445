import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { UserRef } from '../../core/incident/model.js';
import type { StatusUpdate, StatusUpdateRepo, UpdateStatus } from '../../core/status-update/ports.js';
import { actorJson } from '../../core/shared/record-change.js';
import type { ComponentImpacts } from '../../core/status-page/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { statusUpdateNudges, statusUpdates, users } from '../schema.js';

type Row = { update: typeof statusUpdates.$inferSelect; postedBy: UserRef | null };
const toUpdate = ({ update: u, postedBy }: Row): StatusUpdate => ({
  id: u.id,
  incidentId: u.incidentId,
  status: u.status as UpdateStatus,
  message: u.message,
  nextSteps: u.nextSteps,
  nextUpdateAt: u.nextUpdateAt,
  postedBy,
  actor: u.actor ?? null,
  postedAt: u.postedAt,
  publication: u.published ? { title: u.publicTitle ?? '', body: u.publicBody ?? '', components: u.componentImpacts as ComponentImpacts } : null,
});

const newestFirst = [desc(statusUpdates.postedAt), desc(statusUpdates.id)];

export function statusUpdateRepo(db: Db): StatusUpdateRepo {
  const columns = { update: statusUpdates, postedBy: { id: users.id, slackId: users.slackId, displayName: users.displayName, fullName: users.fullName } };
  const base = () => db.select(columns).from(statusUpdates).leftJoin(users, eq(users.id, statusUpdates.postedById));
  return {
    async insert(incidentId, u) {
      const [row] = await db
        .insert(statusUpdates)
        .values({ incidentId, status: u.status, message: u.message, nextSteps: u.nextSteps, nextUpdateAt: u.nextUpdateAt, postedById: u.postedById, actor: actorJson(u.actor),
          postedAt: u.postedAt,
          createdAt: u.postedAt,
          published: u.publication !== null,
          publicTitle: u.publication?.title ?? null,
          publicBody: u.publication?.body ?? null,
          componentImpacts: u.publication?.components ?? {},
        })
        .returning({ id: statusUpdates.id });
      return (row as { id: number }).id;
    },
    async get(incidentId, id) {
      const [row] = await base().where(and(eq(statusUpdates.incidentId, incidentId), eq(statusUpdates.id, id)));
      return row ? toUpdate(row as Row) : null;
    },
    async list(incidentId, limit, cursor) {
      let where = eq(statusUpdates.incidentId, incidentId);
      if (cursor) {
        const [at, id] = decodeCursor(cursor, ['time', 'id']) as [string, number];
        const after = new Date(at);
        where = and(where, or(lt(statusUpdates.postedAt, after), and(eq(statusUpdates.postedAt, after), lt(statusUpdates.id, id)))) as typeof where;
      }
      const rows = await base()
        .where(where)
        .orderBy(...newestFirst)
        .limit(limit + 1);
      return toPage(rows as Row[], limit, toUpdate, (r) => [r.update.postedAt.toISOString(), r.update.id]);
    },
    async latestFor(incidentIds) {
      if (incidentIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([statusUpdates.incidentId], columns)
        .from(statusUpdates)
        .leftJoin(users, eq(users.id, statusUpdates.postedById))
        .where(inArray(statusUpdates.incidentId, incidentIds))
        .orderBy(statusUpdates.incidentId, ...newestFirst);
      return new Map((rows as Row[]).map((r) => [r.update.incidentId, toUpdate(r)]));
    },
    async wasNudged(incidentId, dueAt, level) {
      const [row] = await db
        .select({ level: statusUpdateNudges.level })
        .from(statusUpdateNudges)
        .where(and(eq(statusUpdateNudges.incidentId, incidentId), eq(statusUpdateNudges.dueAt, dueAt), eq(statusUpdateNudges.level, level)));
      return Boolean(row);
    },
    async recordNudge(incidentId, dueAt, level, at) {
      const rows = await db.insert(statusUpdateNudges).values({ incidentId, dueAt, level, nudgedAt: at }).onConflictDoNothing().returning({ level: statusUpdateNudges.level });
      return rows.length > 0;
    },
  };
}
