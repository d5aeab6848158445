import { eq } from 'drizzle-orm';
import type { UserRef } from '../../core/incident/model.js';
import type { Postmortem, PostmortemRepo, StoredPostmortemState } from '../../core/postmortem/ports.js';
import { actorJson } from '../../core/shared/record-change.js';
import type { Db } from '../database.js';
import { postmortems, users } from '../schema.js';

type Row = { postmortem: typeof postmortems.$inferSelect; updatedBy: UserRef | null };
const toPostmortem = ({ postmortem: p, updatedBy }: Row): Postmortem => ({
  incidentId: p.incidentId,
  markdown: p.markdown,
  state: p.state as StoredPostmortemState,
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  updatedBy,
  updatedByActor: p.updatedByActor ?? null,
});

export function postmortemRepo(db: Db): PostmortemRepo {
  const columns = { postmortem: postmortems, updatedBy: { id: users.id, slackId: users.slackId, displayName: users.displayName, fullName: users.fullName } };
  return {
    async get(incidentId) {
      const [row] = await db.select(columns).from(postmortems).leftJoin(users, eq(users.id, postmortems.updatedById)).where(eq(postmortems.incidentId, incidentId));
      return row ? toPostmortem(row as Row) : null;
    },
    async insert(incidentId, w) {
      const rows = await db
        .insert(postmortems)
        .values({ incidentId, markdown: w.markdown, state: w.state, version: 1, createdAt: w.at, updatedAt: w.at, updatedById: w.updatedById, updatedByActor: actorJson(w.actor) })
        .onConflictDoNothing()
        .returning({ incidentId: postmortems.incidentId });
      return rows.length > 0;
    },
    async update(incidentId, version, w) {
      await db
        .update(postmortems)
        .set({ markdown: w.markdown, state: w.state, version, updatedAt: w.at, updatedById: w.updatedById, updatedByActor: actorJson(w.actor) })
        .where(eq(postmortems.incidentId, incidentId));
    },
  };
}
