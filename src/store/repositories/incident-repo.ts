import { and, eq, gte, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Incident, Severity, Status, UserRef } from '../../core/incident/model.js';
import { incidentRoles as orderRoles } from '../../core/role/incident-roles.js';
import type { CustomFields } from '../../core/custom-field/definitions.js';
import type { StoredRoleAssignment } from '../../core/role/ports.js';
import type { RoleDefinition } from '../../core/shared/incident-process.js';
import type { IncidentFilter, IncidentRepo } from '../../core/incident/ports.js';
import type { Db } from '../database.js';
import { decodeCursor, toPage } from '../cursor.js';
import { hasNul, INT4_MAX } from '../../core/shared/input-limits.js';
import { rowsOf } from './raw-rows.js';
import { commsChannels, incidents, users } from '../schema.js';

const reporter = alias(users, 'reporter');
const lead = alias(users, 'lead');

/**
 * An incident's stored roles as one JSON array, read with the incident (one statement, not one per
 * incident of a list). `incidents.id` is the outer row.
 */
const rolesJson = sql<unknown>`(select coalesce(json_agg(json_build_object('role', r.role, 'id', u.id, 'slack_id', u.slack_id, 'display_name', u.display_name, 'full_name', u.full_name) order by r.role), '[]'::json)
  from incident_roles r join users u on u.id = r.user_id where r.incident_id = "incidents"."id")`;

interface RoleJson {
  role: string;
  id: number;
  slack_id: string;
  display_name: string;
  full_name: string | null;
}

/** The drivers may hand json back parsed or as text. */
function storedRoles(value: unknown): StoredRoleAssignment[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as RoleJson[];
  return rows.map((r) => ({ role: r.role, user: { id: r.id, slackId: r.slack_id, displayName: r.display_name, fullName: r.full_name } }));
}

/** Custom field values as stored (the drivers may hand jsonb back parsed or as text). */
function storedFields(value: unknown): CustomFields {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as CustomFields) : {};
}

const selection = {
  incident: incidents,
  reporter: { id: reporter.id, slackId: reporter.slackId, displayName: reporter.displayName, fullName: reporter.fullName },
  lead: { id: lead.id, slackId: lead.slackId, displayName: lead.displayName, fullName: lead.fullName },
  channel: { channelId: commsChannels.channelId, channelName: commsChannels.channelName, createdAt: commsChannels.createdAt },
  roles: rolesJson,
};

interface Row {
  incident: typeof incidents.$inferSelect;
  reporter: { id: number; slackId: string; displayName: string; fullName: string | null } | null;
  lead: { id: number; slackId: string; displayName: string; fullName: string | null } | null;
  channel: { channelId: string; channelName: string; createdAt: Date } | null;
  roles: unknown;
}

const toUserRef = (u: Row['reporter']): UserRef | null => (u ? { id: u.id, slackId: u.slackId, displayName: u.displayName, fullName: u.fullName } : null);

function toIncident(r: Row, roles: readonly RoleDefinition[]): Incident {
  const i = r.incident;
  const leadRef = toUserRef(r.lead);
  return {
    id: i.id,
    report: i.report,
    summary: i.summary,
    impact: i.impact,
    severity: i.severity as Severity | null,
    type: i.type,
    status: i.status as Status,
    reportOnly: i.reportOnly,
    private: i.private,
    reporter: toUserRef(r.reporter),
    lead: leadRef,
    roles: orderRoles(roles, leadRef, storedRoles(r.roles)),
    reportTime: i.reportTime,
    startTime: i.startTime,
    endTime: i.endTime,
    commsChannel: r.channel,
    customFields: storedFields(i.customFields),
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** A list row as the driver gives it: flat, snake_case, timestamps as the driver returns them. */
interface ListRow {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: string | null;
  type: string | null;
  status: string;
  report_only: boolean;
  private: boolean;
  report_time: string | Date;
  start_time: string | Date;
  end_time: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  reporter_id: number | null;
  reporter_slack_id: string;
  reporter_display_name: string;
  reporter_full_name: string | null;
  lead_id: number | null;
  lead_slack_id: string;
  lead_display_name: string;
  lead_full_name: string | null;
  channel_id: string | null;
  channel_name: string;
  channel_created_at: string | Date;
  roles: unknown;
  custom_fields: unknown;
}

// drizzle passes timestamptz through as PostgreSQL's text ("2026-11-23 19:37:26.743+00") on both
// drivers; a Date, if a driver ever parses it, is taken as it is.
const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

function listRowToIncident(r: ListRow, roles: readonly RoleDefinition[]): Incident {
  const leadRef = r.lead_id === null ? null : { id: r.lead_id, slackId: r.lead_slack_id, displayName: r.lead_display_name, fullName: r.lead_full_name };
  return {
    id: r.id,
    report: r.report,
    summary: r.summary,
    impact: r.impact,
    severity: r.severity as Severity | null,
    type: r.type,
    status: r.status as Status,
    reportOnly: r.report_only,
    private: r.private,
    reporter: r.reporter_id === null ? null : { id: r.reporter_id, slackId: r.reporter_slack_id, displayName: r.reporter_display_name, fullName: r.reporter_full_name },
    lead: leadRef,
    roles: orderRoles(roles, leadRef, storedRoles(r.roles)),
    reportTime: toDate(r.report_time),
    startTime: toDate(r.start_time),
    endTime: r.end_time === null ? null : toDate(r.end_time),
    commsChannel: r.channel_id === null ? null : { channelId: r.channel_id, channelName: r.channel_name, createdAt: toDate(r.channel_created_at) },
    customFields: storedFields(r.custom_fields),
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
  };
}

/** Search words as prefixes ("check" finds "checkout"), with everything but letters and digits dropped. */
function toPrefixQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

export function incidentRepo(db: Db, roles: readonly RoleDefinition[]): IncidentRepo {
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
      // An id PostgreSQL's integer cannot hold names no row (and would fail the statement).
      if (!Number.isSafeInteger(id) || id < 1 || id > INT4_MAX) return null;
      byIdStatement ??= prepareById();
      const [row] = await byIdStatement.execute({ id });
      return row ? toIncident(row as Row, roles) : null;
    },
    async getForUpdate(id) {
      if (!Number.isSafeInteger(id) || id < 1 || id > INT4_MAX) return null;
      await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, id)).for('update');
      const [row] = await base().where(eq(incidents.id, id));
      return row ? toIncident(row as Row, roles) : null;
    },
    async update(id, changes, now) {
      await db
        .update(incidents)
        .set({ ...changes, updatedAt: now })
        .where(eq(incidents.id, id));
    },
    async findByChannel(channelId) {
      if (hasNul(channelId)) return null;
      byChannelStatement ??= prepareByChannel();
      const [row] = await byChannelStatement.execute({ channelId });
      return row ? toIncident(row as Row, roles) : null;
    },
    async list(filter: IncidentFilter, limit, cursor) {
      const where: (SQL | undefined)[] = [];
      if (filter.status === 'open') where.push(ne(incidents.status, 'resolved'));
      else if (filter.status) where.push(eq(incidents.status, filter.status));
      if (filter.severity) where.push(eq(incidents.severity, filter.severity));
      if (filter.type) where.push(eq(incidents.type, filter.type));
      if (filter.from) where.push(gte(incidents.startTime, filter.from));
      if (filter.to) where.push(lte(incidents.startTime, filter.to));
      // Containment, which the GIN index on custom_fields serves (0014).
      if (filter.customFields && Object.keys(filter.customFields).length > 0) where.push(sql`${incidents.customFields} @> ${JSON.stringify(filter.customFields)}::jsonb`);
      if (filter.q !== undefined) {
        const query = toPrefixQuery(filter.q);
        const literal = filter.q.trim();
        if (query) where.push(sql`${incidents.search} @@ to_tsquery('simple', ${query})`);
        // Only punctuation (`%`, `_`, `#`): no words to index, so look for those characters as typed.
        // strpos, not LIKE: nothing in the query is a wildcard.
        else if (literal)
          where.push(
            sql`strpos(lower(concat_ws(' ', ${incidents.report}, ${incidents.summary}, ${incidents.impact})), ${literal.toLowerCase()}) > 0`,
          );
      }
      if (filter.viewerSlackId !== undefined && !filter.viewerIsAdmin) {
        where.push(
          or(
            eq(incidents.private, false),
            filter.viewerSlackId
              ? or(
                  eq(reporter.slackId, filter.viewerSlackId),
                  eq(lead.slackId, filter.viewerSlackId),
                  sql`exists (select 1 from incident_roles r join users u on u.id = r.user_id where r.incident_id = ${incidents.id} and u.slack_id = ${filter.viewerSlackId})`,
                  // Anyone who has posted in the comms channel is a member (same rule as core/session/visibility.ts).
                  sql`exists (select 1 from participants p join users u on u.id = p.user_id where p.incident_id = ${incidents.id} and u.slack_id = ${filter.viewerSlackId})`,
                  sql`exists (select 1 from channel_members m join users u on u.id = m.user_id where m.incident_id = ${incidents.id} and u.slack_id = ${filter.viewerSlackId})`,
                )
              : undefined,
          ),
        );
      }
      if (cursor) {
        const [time, id] = decodeCursor(cursor, ['time', 'id']) as [string, number];
        // A row comparison is an index bound (the scan starts at the cursor); the equivalent
        // `a < x or (a = x and b < y)` is only a filter, so page N read every row before it.
        where.push(sql`(${incidents.reportTime}, ${incidents.id}) < (${new Date(time).toISOString()}::timestamptz, ${id}::integer)`);
      }
      // The same rows as base(), read flat and mapped here: drizzle's row mapping (an entity check
      // per field, and the aliased users' columns through proxies) was a quarter of a list
      // request's CPU (bench/README.md, finding 8). The filters above are drizzle's, so "reporter"
      // and "lead" are the aliases they name.
      const rows = await rowsOf<ListRow>(
        db,
        sql`select incidents.id, incidents.report, incidents.summary, incidents.impact, incidents.severity, incidents.type, incidents.status,
              incidents.report_only, incidents.private, incidents.report_time, incidents.start_time, incidents.end_time,
              incidents.created_at, incidents.updated_at, incidents.custom_fields,
              reporter.id as reporter_id, reporter.slack_id as reporter_slack_id, reporter.display_name as reporter_display_name, reporter.full_name as reporter_full_name,
              lead.id as lead_id, lead.slack_id as lead_slack_id, lead.display_name as lead_display_name, lead.full_name as lead_full_name,
              comms_channels.channel_id, comms_channels.channel_name, comms_channels.created_at as channel_created_at,
              ${rolesJson} as roles
            from incidents
            left join users reporter on reporter.id = incidents.reporter_id
            left join users lead on lead.id = incidents.lead_id
            left join comms_channels on comms_channels.incident_id = incidents.id
            where ${and(...where) ?? sql`true`}
            -- nulls last, to match the *_newest_idx indexes (DESC NULLS LAST): plain desc means NULLS FIRST,
            -- which no index serves, so with the joins PostgreSQL sorted every incident (bench/README.md, finding 1).
            order by incidents.report_time desc nulls last, incidents.id desc nulls last
            limit ${limit + 1}`,
      );
      return toPage(rows, limit, (r) => listRowToIncident(r, roles), (r) => [toDate(r.report_time).toISOString(), r.id]);
    },
  };
}
