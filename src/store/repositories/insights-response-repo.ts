import { sql, type SQL } from 'drizzle-orm';
import type { InsightsFilter, InsightsProcess, ResponseFigures, SeverityKey } from '../../core/insights/ports.js';
import type { Db } from '../database.js';
import { rowsOf } from './raw-rows.js';
import { distributionColumns, inScope, num, splitDistribution, toDistribution, type DistributionRow } from './insights-scope.js';

/**
 * The response figures beyond time-to-resolve. Each query starts from the incidents in scope
 * (incidents_start_time_idx) and reaches the rows of each incident through an index that starts with
 * incident_id (status_updates_incident_posted_idx, timeline_events_incident_time_idx, the primary
 * keys of channel_members and participants, actions_incident_idx), so the cost follows the range.
 */
export async function responseFigures(db: Db, f: InsightsFilter, process: InsightsProcess, keys: SeverityKey[]): Promise<Omit<ResponseFigures, 'byType' | 'bySeverity'>> {
  const scope = inScope(f, 'i');
  const [firstUpdate, identify, cadence, lateBy, people, followUps] = await Promise.all([
    rowsOf<DistributionRow>(
      db,
      sql`select sev, grouping(sev) as overall, ${distributionColumns(sql`greatest(0, s)`)}
          from (select coalesce(i.severity, 'none') as sev,
                       extract(epoch from (select min(u.posted_at) from status_updates u where u.incident_id = i.id) - i.report_time)::float8 as s
                from incidents i where ${scope} and not i.report_only) x
          where s is not null group by grouping sets ((sev), ())`,
    ),
    rowsOf<DistributionRow>(
      db,
      // A move to monitoring without one to identified still means the cause was found by then. The timeline
      // records every status change (an edit, a status update); the status updates themselves are read too, so
      // a status-change entry someone deleted from the timeline doesn't lose the time (least() skips nulls).
      sql`select sev, grouping(sev) as overall, ${distributionColumns(sql`greatest(0, s)`)}
          from (select coalesce(i.severity, 'none') as sev,
                       extract(epoch from least(
                         (select min(t.timestamp) from timeline_events t
                          where t.incident_id = i.id and t.event_type = 'incident_update'
                            and t.metadata ->> 'update_type' = 'incident_status' and t.metadata ->> 'new_value' in ('identified', 'monitoring')),
                         (select min(u.posted_at) from status_updates u where u.incident_id = i.id and u.status in ('identified', 'monitoring'))
                       ) - i.report_time)::float8 as s
                from incidents i where ${scope} and not i.report_only) x
          where s is not null group by grouping sets ((sev), ())`,
    ),
    rowsOf<{ sev: SeverityKey; overall: number; on_cadence: number; late: number; unscheduled: number }>(
      db,
      sql`${updatesWithDue(scope, process)}
          select sev, grouping(sev) as overall,
                 count(*) filter (where due_at is not null and posted_at <= due_at)::int as on_cadence,
                 count(*) filter (where posted_at > due_at)::int as late,
                 count(*) filter (where due_at is null)::int as unscheduled
          from due group by grouping sets ((sev), ())`,
    ),
    rowsOf<{ n: number; median: unknown; p90: unknown }>(
      db,
      sql`${updatesWithDue(scope, process)}
          select ${distributionColumns(sql`extract(epoch from posted_at - due_at)::float8`)} from due where posted_at > due_at`,
    ),
    rowsOf<{ incidents: number; distinct_people: number; people_median: unknown; people_p90: unknown; seconds_total: unknown; seconds_median: unknown; seconds_p90: unknown }>(
      db,
      sql`with inc as (select i.id, coalesce(i.end_time, ${f.now.toISOString()}::timestamptz) as until from incidents i where ${scope}),
          presence as (
            select x.incident_id, x.user_id, min(x.since) as since, bool_or(x.member) as member, max(x.last_message_at) as last_message_at
            from (select m.incident_id, m.user_id, m.joined_at as since, true as member, null::timestamptz as last_message_at
                  from inc join channel_members m on m.incident_id = inc.id
                  union all
                  select p.incident_id, p.user_id, p.first_message_at, false, p.last_message_at
                  from inc join participants p on p.incident_id = inc.id) x
            join users u on u.id = x.user_id and not u.is_bot
            group by x.incident_id, x.user_id
          ),
          person as (
            select pr.incident_id, pr.user_id,
                   greatest(0, extract(epoch from least(inc.until, case when pr.member then inc.until else pr.last_message_at end) - pr.since))::float8 as seconds
            from presence pr join inc on inc.id = pr.incident_id
          ),
          per_incident as (select incident_id, count(*)::int as people, sum(seconds)::float8 as seconds from person group by incident_id)
          select (select count(*) from per_incident)::int as incidents,
                 (select count(distinct user_id) from person)::int as distinct_people,
                 (select percentile_cont(0.5) within group (order by people) from per_incident) as people_median,
                 (select percentile_cont(0.9) within group (order by people) from per_incident) as people_p90,
                 (select sum(seconds) from per_incident) as seconds_total,
                 (select percentile_cont(0.5) within group (order by seconds) from per_incident) as seconds_median,
                 (select percentile_cont(0.9) within group (order by seconds) from per_incident) as seconds_p90`,
    ),
    rowsOf<{ created: number; done: number; overdue: number }>(
      db,
      sql`select count(*)::int as created, count(*) filter (where a.done)::int as done,
                 count(*) filter (where not a.done and a.due_date < ${f.now.toISOString().slice(0, 10)}::date)::int as overdue
          from incidents i join actions a on a.incident_id = i.id where ${scope}`,
    ),
  ]);

  const c = splitCadence(cadence, keys);
  const p = people[0];
  const hours = (s: unknown) => (num(s) === null ? null : round2((num(s) as number) / 3600));
  const fu = followUps[0] ?? { created: 0, done: 0, overdue: 0 };
  return {
    timeToFirstUpdate: splitDistribution(firstUpdate, keys),
    timeToIdentify: splitDistribution(identify, keys),
    updateCadence: { ...c.overall, lateBy: toDistribution(lateBy[0] ? { sev: 'none', overall: 1, ...lateBy[0] } : undefined), bySeverity: c.bySeverity },
    people: {
      incidents: Number(p?.incidents ?? 0),
      distinctPeople: Number(p?.distinct_people ?? 0),
      perIncident: { median: num(p?.people_median), p90: num(p?.people_p90) },
      personHours: { total: hours(p?.seconds_total) ?? 0, median: hours(p?.seconds_median), p90: hours(p?.seconds_p90) },
    },
    followUps: { created: Number(fu.created), done: Number(fu.done), open: Number(fu.created) - Number(fu.done), overdue: Number(fu.overdue) },
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Every status update of the incidents in scope with the time it was due (`due` CTE), by the rule the
 * nudges follow (core/status-update/find-due-nudge.ts): the previous update's `next_update_at`; after an
 * update that said resolved (a reopened incident), one cadence after it; the first, one cadence after
 * the comms channel was created (declaration without one). The cadence is the severity's now.
 */
function updatesWithDue(scope: SQL, process: InsightsProcess): SQL {
  const cadences = Object.entries(process.cadenceMinutes).filter((e): e is [string, number] => typeof e[1] === 'number');
  // A VALUES list can't be empty: a row that matches no severity stands in when no severity has a cadence.
  const values = cadences.length ? sql.join(cadences.map(([k, m]) => sql`(${k}::text, ${m}::int)`), sql`, `) : sql`(null::text, null::int)`;
  return sql`with updates as (
      select coalesce(i.severity, 'none') as sev, u.posted_at,
             row_number() over w as rn,
             lag(u.next_update_at) over w as previous_next, lag(u.status) over w as previous_status, lag(u.posted_at) over w as previous_posted,
             coalesce(cc.created_at, i.report_time) as opened
      from incidents i
      join status_updates u on u.incident_id = i.id
      left join comms_channels cc on cc.incident_id = i.id
      where ${scope}
      window w as (partition by u.incident_id order by u.posted_at, u.id)
    ),
    due as (
      select updates.sev, updates.posted_at,
             case when updates.rn = 1 then updates.opened + make_interval(mins => cadence.minutes)
                  when updates.previous_status = 'resolved' then updates.previous_posted + make_interval(mins => cadence.minutes)
                  else updates.previous_next end as due_at
      from updates left join (values ${values}) as cadence(sev, minutes) on cadence.sev = updates.sev
    )`;
}

function splitCadence(rows: { sev: SeverityKey; overall: number; on_cadence: number; late: number; unscheduled: number }[], keys: SeverityKey[]) {
  const counts = (r: (typeof rows)[number] | undefined) => ({ onCadence: Number(r?.on_cadence ?? 0), late: Number(r?.late ?? 0), unscheduled: Number(r?.unscheduled ?? 0) });
  const by = new Map(rows.filter((r) => Number(r.overall) === 0).map((r) => [r.sev, r]));
  return { overall: counts(rows.find((r) => Number(r.overall) === 1)), bySeverity: keys.map((severity) => ({ severity, ...counts(by.get(severity)) })) };
}
