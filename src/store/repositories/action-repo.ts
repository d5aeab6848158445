import { and, asc, count, eq, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Action, ActionPriority, ActionRepo, ActionType } from '../../core/action/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { actions, users } from '../schema.js';

const loggedBy = alias(users, 'logged_by');
const assignee = alias(users, 'assignee');
const userCols = (u: typeof loggedBy | typeof assignee) => ({ id: u.id, slackId: u.slackId, displayName: u.displayName, fullName: u.fullName });

type Row = { action: typeof actions.$inferSelect; loggedBy: Action['loggedBy']; assignee: Action['assignee'] };
const toAction = ({ action: a, loggedBy, assignee }: Row): Action => ({
  id: a.id,
  incidentId: a.incidentId,
  details: a.details,
  done: a.done,
  doneAt: a.doneAt,
  dueDate: a.dueDate,
  priority: a.priority as ActionPriority | null,
  type: a.type as ActionType | null,
  loggedBy,
  assignee,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export function actionRepo(db: Db): ActionRepo {
  const base = () =>
    db
      .select({ action: actions, loggedBy: userCols(loggedBy), assignee: userCols(assignee) })
      .from(actions)
      .leftJoin(loggedBy, eq(loggedBy.id, actions.loggedById))
      .leftJoin(assignee, eq(assignee.id, actions.assigneeId));
  return {
    async insert(incidentId, fields, now) {
      const [row] = await db
        .insert(actions)
        .values({ incidentId, ...fields, createdAt: now, updatedAt: now })
        .returning({ id: actions.id });
      return (row as { id: number }).id;
    },
    async get(incidentId, id) {
      const [row] = await base().where(and(eq(actions.incidentId, incidentId), eq(actions.id, id)));
      return row ? toAction(row as Row) : null;
    },
    async update(id, changes, now) {
      await db
        .update(actions)
        .set({ ...changes, updatedAt: now })
        .where(eq(actions.id, id));
    },
    async remove(id) {
      await db.delete(actions).where(eq(actions.id, id));
    },
    async list(incidentId, limit, cursor) {
      const after = cursor ? (decodeCursor(cursor, ['id'])[0] as number) : 0;
      const rows = await base()
        .where(and(eq(actions.incidentId, incidentId), gt(actions.id, after)))
        .orderBy(asc(actions.id))
        .limit(limit + 1);
      return toPage(rows as Row[], limit, toAction, (r) => [r.action.id]);
    },
    async listOpen(incidentId, limit) {
      const open = and(eq(actions.incidentId, incidentId), eq(actions.done, false));
      const rows = await base().where(open).orderBy(asc(actions.id)).limit(limit);
      const [counted] = await db.select({ n: count() }).from(actions).where(open);
      return { actions: (rows as Row[]).map(toAction), total: Number(counted?.n ?? 0) };
    },
  };
}
