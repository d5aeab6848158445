import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Action, ActionIssue, ActionPriority, ActionRepo, ActionType } from '../../core/action/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { actions, users } from '../schema.js';
import { rowsOf } from './raw-rows.js';

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
  source: a.sourceKey ? { key: a.sourceKey, url: a.sourceUrl } : null,
  issue: a.issueProvider && a.issueState ? { provider: a.issueProvider as ActionIssue['provider'], key: a.issueKey, url: a.issueUrl, state: a.issueState as ActionIssue['state'] } : null,
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
  const getById = async (id: number) => {
    const [row] = await base().where(eq(actions.id, id));
    return row ? toAction(row as Row) : null;
  };
  return {
    async insert(incidentId, fields, now) {
      const [row] = await db
        .insert(actions)
        .values({ incidentId, ...fields, createdAt: now, updatedAt: now })
        .returning({ id: actions.id });
      return (row as { id: number }).id;
    },
    async insertFromSource(incidentId, fields, now) {
      const [row] = await db
        .insert(actions)
        .values({ incidentId, ...fields, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: actions.sourceKey })
        .returning({ id: actions.id });
      return row ? row.id : null;
    },
    async get(incidentId, id) {
      const [row] = await base().where(and(eq(actions.incidentId, incidentId), eq(actions.id, id)));
      return row ? toAction(row as Row) : null;
    },
    async getBySourceKey(sourceKey) {
      const [row] = await base().where(eq(actions.sourceKey, sourceKey));
      return row ? toAction(row as Row) : null;
    },
    async getByIssue(provider, key) {
      const [row] = await base().where(and(eq(actions.issueProvider, provider), eq(actions.issueKey, key)));
      return row ? toAction(row as Row) : null;
    },
    async setIssue(id, issue, now) {
      await db
        .update(actions)
        .set({ issueProvider: issue?.provider ?? null, issueKey: issue?.key ?? null, issueUrl: issue?.url ?? null, issueState: issue?.state ?? null, updatedAt: now })
        .where(eq(actions.id, id));
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
    async listOwnedOpenNotNotified(incidentId) {
      const rows = await base()
        .where(and(eq(actions.incidentId, incidentId), eq(actions.done, false), sql`${actions.assigneeId} is not null`, isNull(actions.ownerNotifiedAt)))
        .orderBy(asc(actions.id));
      return (rows as Row[]).map(toAction);
    },
    async markOwnerNotified(ids, now) {
      if (ids.length === 0) return;
      await db
        .update(actions)
        .set({ ownerNotifiedAt: now })
        .where(and(inArray(actions.id, ids), isNull(actions.ownerNotifiedAt)));
    },
    async claimPastDue(today, now) {
      // The predicate repeats actions_past_due_idx's, so the scan reads only what is due.
      const [claimed] = await rowsOf<{ id: number }>(
        db,
        sql`with due as (
              select id from actions
               where done = false and past_due_reminded_at is null and due_date is not null and assignee_id is not null
                 and due_date < ${today}::date
               order by due_date, id
               limit 1
               for update skip locked)
            update actions a set past_due_reminded_at = ${now.toISOString()}::timestamptz
              from due where a.id = due.id and a.past_due_reminded_at is null
            returning a.id`,
      );
      return claimed ? getById(Number(claimed.id)) : null;
    },
  };
}
