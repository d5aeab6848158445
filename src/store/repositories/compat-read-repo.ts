import { sql, type SQL } from 'drizzle-orm';
import type { ActionPriority, ActionType } from '../../core/action/ports.js';
import type { CompatAction, CompatIncident, CompatReadRepo, CompatUser, IncidentVisibility } from '../../core/compat/ports.js';
import type { ChangeLogVisibility } from '../../core/event/ports.js';
import type { Severity, Status } from '../../core/incident/model.js';
import { hasNul, INT4_MAX } from '../../core/shared/input-limits.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';

// The original Response's REST API pages by offset and counts the whole list. Each list is one
// page query (ordered the way an index reads it) and one count with the same filter.

const toDate = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));
const toJson = (v: unknown): Record<string, unknown> | null => (v === null || v === undefined ? null : ((typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>));
const validId = (id: number) => Number.isSafeInteger(id) && id >= 1 && id <= INT4_MAX;

/** Whether the viewer is one of incident `i`'s people: reporter, lead, role holder, poster or channel member. */
const personOf = (slackId: string) => sql`exists (select 1 from users pu where pu.slack_id = ${slackId} and (
  pu.id = i.reporter_id or pu.id = i.lead_id
  or exists (select 1 from incident_roles ir where ir.incident_id = i.id and ir.user_id = pu.id)
  or exists (select 1 from participants pp where pp.incident_id = i.id and pp.user_id = pu.id)
  or exists (select 1 from channel_members cm where cm.incident_id = i.id and cm.user_id = pu.id)))`;

/** Incident `i` may be read by the viewer (the rule of core/shared/authorize.ts, as incident-repo's list). */
function incidentVisible(v: IncidentVisibility): SQL {
  if (v.private === 'all') return sql`true`;
  return v.slackId ? sql`(not i.private or ${personOf(v.slackId)})` : sql`not i.private`;
}

/** Change-log row `e` may be read (change-log-repo's rule): rows of private incidents only for their people, or all, or none. */
function eventVisible(v: ChangeLogVisibility): SQL {
  if (v.private === 'all') return sql`true`;
  if (v.private === 'none') return sql`not exists (select 1 from incidents i where i.id = e.incident_id and i.private)`;
  return sql`not exists (select 1 from incidents i where i.id = e.incident_id and i.private and not ${personOf(v.slackId)})`;
}

const userColumns = (alias: string, prefix: string) =>
  sql.raw(`${alias}.slack_id as ${prefix}_slack_id, ${alias}.display_name as ${prefix}_display_name, ${alias}.full_name as ${prefix}_full_name, ${alias}.email as ${prefix}_email, ${alias}.deleted as ${prefix}_deleted`);

type UserCols<P extends string> = { [K in `${P}_slack_id` | `${P}_display_name`]: string | null } & { [K in `${P}_full_name` | `${P}_email`]: string | null } & { [K in `${P}_deleted`]: boolean | null };

function userOf<P extends string>(row: UserCols<P>, prefix: P): CompatUser | null {
  const r = row as unknown as Record<string, string | boolean | null>;
  const slackId = r[`${prefix}_slack_id`];
  if (typeof slackId !== 'string') return null;
  return { slackId, displayName: String(r[`${prefix}_display_name`]), fullName: r[`${prefix}_full_name`] as string | null, email: r[`${prefix}_email`] as string | null, deleted: Boolean(r[`${prefix}_deleted`]) };
}

type IncidentRow = {
  id: number;
  report: string;
  summary: string | null;
  impact: string | null;
  severity: string | null;
  status: string;
  report_only: boolean;
  report_time: string | Date;
  start_time: string | Date;
  end_time: string | Date | null;
  channel_id: string | null;
  channel_name: string | null;
} & UserCols<'r'> &
  UserCols<'l'>;

type ActionRow = {
  id: number;
  incident_id: number;
  details: string;
  done: boolean;
  created_at: string | Date;
  done_at: string | Date | null;
  due_date: string | null;
  priority: string | null;
  type: string | null;
} & UserCols<'u'>;

const incidentSelect = sql`select i.id, i.report, i.summary, i.impact, i.severity, i.status, i.report_only, i.report_time, i.start_time, i.end_time,
    ${userColumns('r', 'r')}, ${userColumns('l', 'l')}, c.channel_id, c.channel_name
  from incidents i
  left join users r on r.id = i.reporter_id
  left join users l on l.id = i.lead_id
  left join comms_channels c on c.incident_id = i.id`;

// The original's action has one person; ours an owner and whoever logged it: the owner, else the logger.
const actionSelect = sql`select a.id, a.incident_id, a.details, a.done, a.created_at, a.done_at, a.due_date::text as due_date, a.priority, a.type, ${userColumns('u', 'u')}
  from actions a
  join incidents i on i.id = a.incident_id
  left join users u on u.id = coalesce(a.assignee_id, a.logged_by_id)`;

function toAction(r: ActionRow): CompatAction {
  return {
    id: r.id,
    incidentId: r.incident_id,
    details: r.details,
    done: r.done,
    user: userOf(r, 'u'),
    createdAt: toDate(r.created_at),
    doneAt: r.done_at === null ? null : toDate(r.done_at),
    dueDate: r.due_date,
    priority: r.priority as ActionPriority | null,
    type: r.type as ActionType | null,
  };
}

function toIncident(r: IncidentRow, actionItems: CompatAction[]): CompatIncident {
  return {
    id: r.id,
    report: r.report,
    summary: r.summary,
    impact: r.impact,
    severity: r.severity as Severity | null,
    status: r.status as Status,
    reportOnly: r.report_only,
    reporter: userOf(r, 'r'),
    lead: userOf(r, 'l'),
    reportTime: toDate(r.report_time),
    startTime: toDate(r.start_time),
    endTime: r.end_time === null ? null : toDate(r.end_time),
    commsChannel: r.channel_id === null ? null : { channelId: r.channel_id, channelName: r.channel_name ?? '' },
    actionItems,
  };
}

const and = (parts: SQL[]) => sql.join(parts, sql` and `);
const ids = (values: number[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

async function countOf(db: Db, query: SQL): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(db, query);
  return Number(row?.n ?? 0);
}

export function compatReadRepo(db: Db): CompatReadRepo {
  /** The action items of a page of incidents, in one statement. */
  async function actionItemsOf(incidentIds: number[]): Promise<Map<number, CompatAction[]>> {
    const byIncident = new Map<number, CompatAction[]>(incidentIds.map((id) => [id, []]));
    if (incidentIds.length === 0) return byIncident;
    const rows = await rowsOf<ActionRow>(db, sql`${actionSelect} where a.incident_id in (${ids(incidentIds)}) order by a.incident_id, a.id`);
    for (const row of rows) byIncident.get(row.incident_id)?.push(toAction(row));
    return byIncident;
  }

  function actionsWhere(filter: { incidentId?: number; visibility: IncidentVisibility }): SQL[] {
    const where = [incidentVisible(filter.visibility)];
    if (filter.incidentId !== undefined) where.push(sql`a.incident_id = ${filter.incidentId}`);
    return where;
  }

  return {
    async incidents(filter, limit, offset) {
      const where = [incidentVisible(filter.visibility)];
      if (filter.reportedFrom) where.push(sql`i.report_time >= ${filter.reportedFrom.toISOString()}::timestamptz`);
      if (filter.reportedBefore) where.push(sql`i.report_time < ${filter.reportedBefore.toISOString()}::timestamptz`);
      // nulls last, like incidents_newest_idx (see incident-repo's list).
      const rows = await rowsOf<IncidentRow>(db, sql`${incidentSelect} where ${and(where)} order by i.report_time desc nulls last, i.id desc nulls last limit ${limit} offset ${offset}`);
      const count = await countOf(db, sql`select count(*)::int as n from incidents i where ${and(where)}`);
      const items = await actionItemsOf(rows.map((r) => r.id));
      return { count, results: rows.map((r) => toIncident(r, items.get(r.id) ?? [])) };
    },
    async incident(id) {
      if (!validId(id)) return null;
      const [row] = await rowsOf<IncidentRow>(db, sql`${incidentSelect} where i.id = ${id}`);
      if (!row) return null;
      return toIncident(row, (await actionItemsOf([id])).get(id) ?? []);
    },
    async actions(filter, limit, offset) {
      const where = actionsWhere(filter);
      const rows = await rowsOf<ActionRow>(db, sql`${actionSelect} where ${and(where)} order by a.id limit ${limit} offset ${offset}`);
      const count = await countOf(db, sql`select count(*)::int as n from actions a join incidents i on i.id = a.incident_id where ${and(where)}`);
      return { count, results: rows.map(toAction) };
    },
    async action(id, filter) {
      if (!validId(id)) return null;
      const where = actionsWhere(filter);
      const [row] = await rowsOf<ActionRow>(db, sql`${actionSelect} where a.id = ${id} and ${and(where)}`);
      return row ? toAction(row) : null;
    },
    async timeline(incidentId, limit, offset) {
      const rows = await rowsOf<{ id: number; incident_id: number; timestamp: string | Date; text: string; event_type: string; metadata: unknown }>(
        db,
        sql`select id, incident_id, timestamp, text, event_type, metadata from timeline_events where incident_id = ${incidentId} order by id limit ${limit} offset ${offset}`,
      );
      const count = await countOf(db, sql`select count(*)::int as n from timeline_events where incident_id = ${incidentId}`);
      return { count, results: rows.map((r) => ({ id: r.id, incidentId: r.incident_id, timestamp: toDate(r.timestamp), text: r.text, eventType: r.event_type, metadata: toJson(r.metadata) })) };
    },
    async timelineEntry(incidentId, id) {
      if (!validId(id)) return null;
      const [r] = await rowsOf<{ id: number; incident_id: number; timestamp: string | Date; text: string; event_type: string; metadata: unknown }>(
        db,
        sql`select id, incident_id, timestamp, text, event_type, metadata from timeline_events where incident_id = ${incidentId} and id = ${id}`,
      );
      return r ? { id: r.id, incidentId: r.incident_id, timestamp: toDate(r.timestamp), text: r.text, eventType: r.event_type, metadata: toJson(r.metadata) } : null;
    },
    async users(limit, offset) {
      const rows = await rowsOf<UserCols<'u'>>(db, sql`select ${userColumns('u', 'u')} from users u order by u.id limit ${limit} offset ${offset}`);
      const count = await countOf(db, sql`select count(*)::int as n from users`);
      return { count, results: rows.map((r) => userOf(r, 'u') as CompatUser) };
    },
    async usersBySlackId(slackIds) {
      const wanted = slackIds.filter((s) => !hasNul(s));
      if (wanted.length === 0) return [];
      const rows = await rowsOf<UserCols<'u'>>(db, sql`select ${userColumns('u', 'u')} from users u where u.slack_id in (${sql.join(wanted.map((s) => sql`${s}`), sql`, `)})`);
      return rows.map((r) => userOf(r, 'u') as CompatUser);
    },
    async events(filter, limit, offset) {
      const where = [sql`e.timestamp between ${filter.from.toISOString()}::timestamptz and ${filter.to.toISOString()}::timestamptz`, eventVisible(filter.visibility)];
      const rows = await rowsOf<{ id: number | string; timestamp: string | Date; event_type: string; incident_id: number | null; payload: unknown }>(
        db,
        sql`select e.id, e.timestamp, e.event_type, e.incident_id, e.payload from events e where ${and(where)} order by e.id limit ${limit} offset ${offset}`,
      );
      const count = await countOf(db, sql`select count(*)::int as n from events e where ${and(where)}`);
      return { count, results: rows.map((r) => ({ id: Number(r.id), timestamp: toDate(r.timestamp), eventType: r.event_type, incidentId: r.incident_id, payload: toJson(r.payload) ?? {} })) };
    },
  };
}
