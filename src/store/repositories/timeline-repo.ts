import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { TimelineEntry, TimelineRepo } from '../../core/timeline/ports.js';
import { actorJson } from '../../core/shared/record-change.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { timelineEvents } from '../schema.js';

type Row = typeof timelineEvents.$inferSelect;
const toEntry = (r: Row): TimelineEntry => ({
  id: r.id,
  incidentId: r.incidentId,
  timestamp: r.timestamp,
  text: r.text,
  eventType: r.eventType,
  metadata: r.metadata ?? null,
  sourceKey: r.sourceKey,
  actor: r.actor ?? null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function timelineRepo(db: Db): TimelineRepo {
  return {
    async insert(incidentId, entry, now) {
      const rows = await db
        .insert(timelineEvents)
        .values({
          incidentId,
          timestamp: entry.timestamp,
          text: entry.text,
          eventType: entry.eventType,
          metadata: entry.metadata,
          sourceKey: entry.sourceKey ?? null,
          actor: actorJson(entry.actor),
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: timelineEvents.sourceKey })
        .returning({ id: timelineEvents.id });
      return rows[0]?.id ?? null;
    },
    async get(incidentId, id) {
      const [row] = await db
        .select()
        .from(timelineEvents)
        .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.id, id)));
      return row ? toEntry(row) : null;
    },
    async getBySourceKey(sourceKey) {
      const [row] = await db.select().from(timelineEvents).where(eq(timelineEvents.sourceKey, sourceKey));
      return row ? toEntry(row) : null;
    },
    async update(id, changes, now) {
      await db
        .update(timelineEvents)
        .set({ ...changes, updatedAt: now })
        .where(eq(timelineEvents.id, id));
    },
    async remove(id) {
      await db.delete(timelineEvents).where(eq(timelineEvents.id, id));
    },
    async list(incidentId, limit, cursor) {
      const where = [eq(timelineEvents.incidentId, incidentId)];
      if (cursor) {
        const [time, id] = decodeCursor(cursor, ['time', 'id']) as [string, number];
        // A row comparison bounds the index scan at the cursor; `a > x or (a = x and b > y)` only
        // filters, so each later page of a long timeline re-read every entry before it.
        where.push(sql`(${timelineEvents.timestamp}, ${timelineEvents.id}) > (${new Date(time).toISOString()}::timestamptz, ${id}::integer)`);
      }
      const rows = await db
        .select()
        .from(timelineEvents)
        .where(and(...where))
        .orderBy(asc(timelineEvents.timestamp), asc(timelineEvents.id))
        .limit(limit + 1);
      return toPage(rows, limit, toEntry, (r) => [r.timestamp.toISOString(), r.id]);
    },
    async newest(incidentId, limit, after) {
      const where = [eq(timelineEvents.incidentId, incidentId)];
      if (after) where.push(gt(timelineEvents.timestamp, after));
      // Backwards along (incident_id, timestamp, id): reads `limit` rows however long the timeline is.
      const rows = await db
        .select()
        .from(timelineEvents)
        .where(and(...where))
        .orderBy(desc(timelineEvents.timestamp), desc(timelineEvents.id))
        .limit(limit);
      return rows.map(toEntry);
    },
  };
}
