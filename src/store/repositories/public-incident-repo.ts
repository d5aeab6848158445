import { and, desc, eq, gte, inArray, ne, or } from 'drizzle-orm';
import type { ComponentImpacts, PublicIncidentRecord, PublicIncidentRepo } from '../../core/status-page/ports.js';
import type { UpdateStatus } from '../../core/status-update/ports.js';
import type { Db } from '../database.js';
import { incidents, publicIncidents, statusUpdates } from '../schema.js';

/** The status page's rows: one public incident per published incident, and the published updates it shows. */
export function publicIncidentRepo(db: Db): PublicIncidentRepo {
  return {
    async get(incidentId) {
      const [row] = await db
        .select({ id: publicIncidents.id, title: publicIncidents.title, components: publicIncidents.componentImpacts })
        .from(publicIncidents)
        .where(eq(publicIncidents.incidentId, incidentId));
      return row ? { ...row, components: row.components as ComponentImpacts } : null;
    },
    async upsert(incidentId, row) {
      await db
        .insert(publicIncidents)
        .values({ incidentId, title: row.title, status: row.status, componentImpacts: row.components, startedAt: row.at, updatedAt: row.at })
        .onConflictDoUpdate({ target: publicIncidents.incidentId, set: { title: row.title, status: row.status, componentImpacts: row.components, updatedAt: row.at } });
    },
    async listForPage(since) {
      // Private incidents never reach the page, even one made private after it was published.
      const rows = await db
        .select({ p: publicIncidents, incidentStatus: incidents.status, endTime: incidents.endTime })
        .from(publicIncidents)
        .innerJoin(incidents, eq(incidents.id, publicIncidents.incidentId))
        .where(and(eq(incidents.private, false), or(gte(publicIncidents.startedAt, since), ne(incidents.status, 'resolved'))))
        .orderBy(desc(publicIncidents.startedAt), desc(publicIncidents.id));
      if (rows.length === 0) return [];
      const updates = await db
        .select({ id: statusUpdates.id, incidentId: statusUpdates.incidentId, status: statusUpdates.status, body: statusUpdates.publicBody, components: statusUpdates.componentImpacts, postedAt: statusUpdates.postedAt })
        .from(statusUpdates)
        .where(and(eq(statusUpdates.published, true), inArray(statusUpdates.incidentId, rows.map((r) => r.p.incidentId))))
        .orderBy(desc(statusUpdates.postedAt), desc(statusUpdates.id));
      return rows.map(
        ({ p, incidentStatus, endTime }): PublicIncidentRecord => ({
          id: p.id,
          incidentId: p.incidentId,
          title: p.title,
          status: p.status as UpdateStatus,
          incidentResolved: incidentStatus === 'resolved',
          incidentEndTime: endTime,
          components: p.componentImpacts as ComponentImpacts,
          startedAt: p.startedAt,
          updatedAt: p.updatedAt,
          updates: updates
            .filter((u) => u.incidentId === p.incidentId)
            .map((u) => ({ id: u.id, status: u.status as UpdateStatus, body: u.body ?? '', components: u.components as ComponentImpacts, postedAt: u.postedAt })),
        }),
      );
    },
  };
}
