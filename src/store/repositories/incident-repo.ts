import { and, eq, gte, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Incident, Severity, Status, UserRef } from '../../core/incident/model.js';
import type { IncidentFilter, IncidentRepo } from '../../core/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { commsChannels, incidents, users } from '../schema.js';

const reporter = alias(users, 'reporter');
const lead = alias(users, 'lead');

const selection = {
  incident: incidents,
  reporter: { id: reporter.id, slackId: reporter.slackId, displayName: reporter.displayName, fullName: reporter.fullName },
  lead: { id: lead.id, slackId: lead.slackId, displayName: lead.displayName, fullName: lead.fullName },
  channel: { channelId: commsChannels.channelId, channelName: commsChannels.channelName, createdAt: commsChannels.createdAt },
};

interface Row {
  incident: typeof incidents.$inferSelect;
  reporter: { id: number; slackId: string; displayName: string; fullName: string | null } | null;
  lead: { id: number; slackId: string; displayName: string; fullName: string | null } | null;
  channel: { channelId: string; channelName: string; createdAt: Date } | null;
}

const toUserRef = (u: Row['reporter']): UserRef | null => (u ? { id: u.id, slackId: u.slackId, displayName: u.displayName, fullName: u.fullName } : null);

function toIncident(r: Row): Incident {
  const i = r.incident;
  return {
    id: i.id,
    report: i.report,
    summary: i.summary,
    impact: i.impact,
    severity: i.severity as Severity | null,
    status: i.status as Status,
    reportOnly: i.reportOnly,
    private: i.private,
    reporter: toUserRef(r.reporter),
    lead: toUserRef(r.lead),
    reportTime: i.reportTime,
    startTime: i.startTime,
    endTime: i.endTime,
    commsChannel: r.channel,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** Search words as prefixes ("check" finds "checkout"), with everything but letters and digits dropped. */
function toPrefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export function incidentRepo(db: Db): IncidentRepo {
  const base = () =>
    db
      .select(selection)
      .from(incidents)
      .leftJoin(reporter, eq(reporter.id, incidents.reporterId))
      .leftJoin(lead, eq(lead.id, incidents.leadId))
      .leftJoin(commsChannels, eq(commsChannels.incidentId, incidents.id));
  // The two hottest reads (every button press and most Slack events read an incident) are built
  // once and sent as named prepared statements: drizzle's SQL building was ~7% of a button press's CPU.
  let byIdStatement: ReturnType<typeof prepareById> | undefined;
  let byChannelStatement: ReturnType<typeof prepareByChannel> | undefined;
  const prepareById = () => base().where(eq(incidents.id, sql.placeholder('id'))).prepare('incident_by_id');
  const prepareByChannel = () => base().where(eq(commsChannels.channelId, sql.placeholder('channelId'))).prepare('incident_by_channel');

  return {
    async insert(row, now) {
      const [created] = await db
        .insert(incidents)
        .values({ ...row, createdAt: now, updatedAt: now })
        .returning({ id: incidents.id });
      return (created as { id: number }).id;
    },
    async get(id) {
      byIdStatement ??= prepareById();
      const [row] = await byIdStatement.execute({ id });
      return row ? toIncident(row as Row) : null;
    },
    async getForUpdate(id) {
      await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).for('update');
      const [row] = await base().where(eq(incidents.id, id));
      return row ? toIncident(row as Row) : null;
    },
    async update(id, changes, now) {
      await db
        .update(incidents)
        .set({ ...changes, updatedAt: now })
        .where(eq(incidents.id, id));
    },
    async findByChannel(channelId) {
      byChannelStatement ??= prepareByChannel();
      const [row] = await byChannelStatement.execute({ channelId });
      return row ? toIncident(row as Row) : null;
    },
    async list(filter: IncidentFilter, limit, cursor) {
      const where: (SQL | undefined)[] = [];
      if (filter.status === 'open') where.push(ne(incidents.status, 'resolved'));
      else if (filter.status) where.push(eq(incidents.status, filter.status));
      if (filter.severity) where.push(eq(incidents.severity, filter.severity));
      if (filter.from) where.push(gte(incidents.startTime, filter.from));
      if (filter.to) where.push(lte(incidents.startTime, filter.to));
      if (filter.q !== undefined) {
        const query = toPrefixQuery(filter.q);
        if (query) where.push(sql`${incidents.search} @@ to_tsquery('simple', ${query})`);
      }
      if (filter.viewerSlackId !== undefined && !filter.viewerIsAdmin) {
        where.push(
          or(
            eq(incidents.private, false),
            filter.viewerSlackId
              ? or(
                  eq(reporter.slackId, filter.viewerSlackId),
                  eq(lead.slackId, filter.viewerSlackId),
                  // Anyone who has posted in the comms channel is a member (same rule as core/session/visibility.ts).
                  sql`exists (select 1 from participants p join users u on u.id = p.user_id where p.incident_id = ${incidents.id} and u.slack_id = ${filter.viewerSlackId})`,
                  sql`exists (select 1 from channel_members m join users u on u.id = m.user_id where m.incident_id = ${incidents.id} and u.slack_id = ${filter.viewerSlackId})`,
                )
              : undefined,
          ),
        );
      }
      if (cursor) {
        const [time, id] = decodeCursor(cursor, ['string', 'number']) as [string, number];
        // A row comparison is an index bound (the scan starts at the cursor); the equivalent
        // `a < x or (a = x and b < y)` is only a filter, so page N read every row before it.
        where.push(sql`(${incidents.reportTime}, ${incidents.id}) < (${new Date(time).toISOString()}::timestamptz, ${id}::integer)`);
      }
      const rows = (await base()
        .where(and(...where))
        // `nulls last` to match the *_newest_idx indexes (created DESC NULLS LAST): plain `desc` means
        // NULLS FIRST, which no index serves, so with the joins PostgreSQL sorted every incident
        // (npm run bench: first page 2.1 s p99 at 100k incidents; see bench/README.md).
        .orderBy(sql`${incidents.reportTime} desc nulls last`, sql`${incidents.id} desc nulls last`)
        .limit(limit + 1)) as Row[];
      return toPage(rows, limit, toIncident, (r) => [r.incident.reportTime.toISOString(), r.incident.id]);
    },
  };
}
